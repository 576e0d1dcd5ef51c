"""Named competency queries: ``ontology/queries/NAME.rq``, run with bound parameters.

Each file opens with a comment header: a one-line summary, its purpose, one ``@param`` line
per parameter and one ``@column`` line per result column. A parameter ``name`` is the SPARQL
variable ``?arg_name``: it is bound with a pyoxigraph substitution (never pasted into the
text) and left unbound when absent, which means "no filter". The query projects it (pyoxigraph
only substitutes projected variables) and :func:`run_named` drops it from the columns.

Queries run over the union of all graphs (filings, resolution, ontology) and key their rows
by canonical entities: they need the resolution graph (``sg:canonical``), which the build
always writes.

How they are written, and why (pyoxigraph 0.5.13):

* a parameter filters through a union joined to the rows: ``{ FILTER(COALESCE(STR(?arg_x),
  "") = "") }`` (no parameter: one empty solution, every row kept) or a sub-select of the
  matching nodes. ``BOUND(?arg_x)`` stays false even when the variable is substituted, and a
  sub-select sees the substitution only if it projects the variable;
* the union default graph repeats a triple once per graph that states it, and a company is
  named in every filing about it: attributes of shared nodes are read in grouped sub-selects
  or from the resolution graph (``sg:preferredName``), never as plain OPTIONALs that would
  multiply rows;
* nodes are canonicalized where they are bound, never after a BIND (such a join is slow).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Protocol

import pyoxigraph as ox

from secgraph.errors import QueryError
from secgraph.graph.vocab import ontology_dir

__all__ = [
    "ARG_PREFIX",
    "NamedQuery",
    "bind_params",
    "load_query",
    "named_query",
    "query_names",
    "run_named",
]

ARG_PREFIX = "arg_"
_PARAM = re.compile(r"^#\s*@param\s+(\w+)\s*:\s*(.*)$")
_COLUMN = re.compile(r"^#\s*@column\s+(\w+)\s*:\s*(.*)$")

Term = ox.NamedNode | ox.BlankNode | ox.Literal


class QueryStore(Protocol):
    """What :func:`run_named` needs besides a pyoxigraph Store: secgraph's GraphStore."""

    def query(
        self, sparql: str, params: Mapping[str, Term] | None = None, *, union: bool = True
    ) -> object: ...


@dataclass(frozen=True)
class NamedQuery:
    name: str
    summary: str
    text: str
    params: dict[str, str]  # parameter -> its documentation
    columns: dict[str, str]  # column -> its documentation


@cache
def query_names() -> tuple[str, ...]:
    """Names of the named queries, sorted."""
    return tuple(sorted(p.stem for p in (ontology_dir() / "queries").glob("*.rq")))


@cache
def named_query(name: str) -> NamedQuery:
    """The query ``name`` with its documented parameters and columns."""
    if name not in query_names():
        raise QueryError(f"unknown named query {name!r} (known: {', '.join(query_names())})")
    text = (ontology_dir() / "queries" / f"{name}.rq").read_text(encoding="utf-8")
    params: dict[str, str] = {}
    columns: dict[str, str] = {}
    summary = ""
    current: dict[str, str] | None = None
    key = ""
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if not summary:
            summary = line.lstrip("# ").split(":", 1)[-1].strip()
        if m := _PARAM.match(line):
            current, key = params, m.group(1)
            params[key] = m.group(2).strip()
        elif m := _COLUMN.match(line):
            current, key = columns, m.group(1)
            columns[key] = m.group(2).strip()
        elif current is not None and line.startswith("#   "):
            current[key] += " " + line[1:].strip()  # continuation of the last entry
        else:
            current = None
    return NamedQuery(name, summary, text, params, columns)


def load_query(name: str) -> str:
    """The SPARQL text of the named query ``name``."""
    return named_query(name).text


def bind_params(name: str, params: Mapping[str, str | Term | None] | None) -> dict[str, Term]:
    """The substitutions of the named query ``name``: parameter ``company`` -> variable
    ``arg_company``. Unknown parameters raise; None or blank values stay unbound (no filter).
    Plain strings become string literals; a literal's lexical value is used as is."""
    query = named_query(name)
    bound: dict[str, Term] = {}
    for key, value in (params or {}).items():
        if key not in query.params:
            known = ", ".join(query.params) or "none"
            raise QueryError(f"named query {name!r} has no parameter {key!r} (parameters: {known})")
        text = value if isinstance(value, str) or value is None else value.value
        if text is not None and text.strip():
            bound[ARG_PREFIX + key] = ox.Literal(text.strip())
    return bound


def run_named(
    store: ox.Store | QueryStore,
    name: str,
    params: Mapping[str, str | Term | None] | None = None,
) -> tuple[list[str], list[tuple[Term | None, ...]]]:
    """Run the named query ``name`` with ``params`` (each a plain string, or None for "no
    filter"); returns the column names and the rows (pyoxigraph terms, None when unbound)."""
    query = named_query(name)
    bound = bind_params(name, params)
    result: object
    if isinstance(store, ox.Store):
        result = store.query(
            query.text,
            use_default_graph_as_union=True,
            substitutions={ox.Variable(k): v for k, v in bound.items()},
        )
    else:
        result = store.query(query.text, bound, union=True)
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError(f"named query {name!r} is not a SELECT query")
    variables = [v.value for v in result.variables]
    keep = [i for i, v in enumerate(variables) if not v.startswith(ARG_PREFIX)]
    columns = [variables[i] for i in keep]
    rows = [tuple(solution[i] for i in keep) for solution in result]
    return columns, rows
