"""Query results for people and programs: W3C formats, a plain table, and a time bound.

JSON is the W3C SPARQL 1.1 Query Results JSON format, CSV and TSV the W3C CSV/TSV formats,
all written by pyoxigraph's own serializers. CONSTRUCT and DESCRIBE results are RDF: JSON-LD
for ``json``, N-Triples for ``csv``/``tsv``, Turtle for ``table``.

Named queries (``ontology/queries/*.rq``) take their parameter ``name`` as the projected
variable ``?arg_name`` (pyoxigraph substitutes projected variables only); those columns are
dropped from every output, as :func:`secgraph.graph.run_named` drops them.

pyoxigraph 0.5 cannot cancel a running query, so :func:`bounded` bounds the caller's *wait*:
the query runs in a daemon thread and the caller gets a :class:`QueryError` at the deadline
(the CLI then exits, which ends the thread).
"""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from secgraph.errors import QueryError
from secgraph.graph.queries import ARG_PREFIX, bind_params, named_query
from secgraph.store.base import GraphStore, QueryResult, Term, parse_params

T = TypeVar("T")


class ResultFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    tsv = "tsv"


_SOLUTION_FORMATS = {
    ResultFormat.json: ox.QueryResultsFormat.JSON,
    ResultFormat.csv: ox.QueryResultsFormat.CSV,
    ResultFormat.tsv: ox.QueryResultsFormat.TSV,
}
_GRAPH_FORMATS = {
    ResultFormat.json: ox.RdfFormat.JSON_LD,
    ResultFormat.csv: ox.RdfFormat.N_TRIPLES,
    ResultFormat.tsv: ox.RdfFormat.N_TRIPLES,
    ResultFormat.table: ox.RdfFormat.TURTLE,
}


@dataclass(frozen=True)
class PreparedQuery:
    """A query's text, its bound parameters, and the projected columns not to show."""

    text: str
    params: dict[str, Term] = field(default_factory=dict)
    hidden: frozenset[str] = frozenset()


@dataclass
class Tabular:
    """A SELECT result as display strings (IRIs shortened with the store's prefixes)."""

    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)


def prepare(
    sparql: str | None, file: Path | None, named: str | None, params: Iterable[str]
) -> PreparedQuery:
    """Exactly one of: query text, a query file, a named query; plus ``NAME=VALUE`` params.

    Ad-hoc queries read a value as an N-Triples term or else a plain literal
    (:func:`parse_term`); named queries take plain strings (:func:`bind_params`).
    """
    given = [x for x in (sparql, file, named) if x is not None]
    if len(given) != 1:
        raise QueryError("give exactly one of: a SPARQL query, --file FILE, --named NAME")
    if named is None:
        if file is not None:
            try:
                sparql = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise QueryError(f"cannot read {file}: {exc}") from exc
        assert sparql is not None
        return PreparedQuery(sparql, parse_params(params))
    query = named_query(named)  # QueryError for an unknown name
    pairs: dict[str, str] = {}
    for pair in params:
        key, sep, value = pair.partition("=")
        if not sep:
            raise QueryError(f"bad --param {pair!r}: expected NAME=VALUE")
        pairs[key.strip()] = value
    bound = bind_params(named, pairs)
    hidden = frozenset(ARG_PREFIX + key for key in query.params)
    return PreparedQuery(query.text, bound, hidden)


def execute(store: GraphStore, query: PreparedQuery, fmt: ResultFormat) -> Tabular | bool | bytes:
    """Run a query and materialize its answer: a table (SELECT as ``table``), a boolean (ASK as
    ``table``) or serialized bytes (everything else)."""
    result = store.query(query.text, query.params)
    if fmt is ResultFormat.table:
        if isinstance(result, ox.QuerySolutions):
            return tabulate(result, store.prefixes, query.hidden)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
    data = serialize(result, fmt, store.prefixes)
    if query.hidden and isinstance(result, ox.QuerySolutions):
        data = _drop_columns(data, fmt, query.hidden)
    return data


def serialize(result: QueryResult, fmt: ResultFormat, prefixes: dict[str, str]) -> bytes:
    """``result`` in a machine format (json/csv/tsv), or RDF text for CONSTRUCT."""
    try:
        if isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
            if fmt is ResultFormat.table:
                raise ValueError("use tabulate() for tables")
            data = result.serialize(format=_SOLUTION_FORMATS[fmt])
        else:
            data = ox.serialize(result, format=_GRAPH_FORMATS[fmt], prefixes=prefixes)
    except (OSError, RuntimeError) as exc:  # raised while evaluating, row by row
        raise QueryError(f"query failed: {_one_line(exc)}") from exc
    return data or b""


def _drop_columns(data: bytes, fmt: ResultFormat, hidden: frozenset[str]) -> bytes:
    """Remove ``hidden`` variables from serialized W3C results (parsed, never patched)."""
    if fmt is ResultFormat.json:
        doc = json.loads(data)
        doc["head"]["vars"] = [v for v in doc["head"]["vars"] if v not in hidden]
        for binding in doc["results"]["bindings"]:
            for name in hidden:
                binding.pop(name, None)
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    text = data.decode("utf-8")
    if fmt is ResultFormat.tsv:  # W3C TSV: one row per line, tabs inside values are escaped
        rows = [line.split("\t") for line in text.split("\n") if line]
        keep = [i for i, name in enumerate(rows[0]) if name.removeprefix("?") not in hidden]
        return "".join("\t".join(r[i] for i in keep) + "\n" for r in rows).encode()
    reader = list(csv.reader(io.StringIO(text, newline="")))
    keep = [i for i, name in enumerate(reader[0]) if name not in hidden]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([r[i] for i in keep] for r in reader)
    return out.getvalue().encode()


def show_term(term: Term | None, prefixes: dict[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in prefixes.items():
            local = term.value.removeprefix(namespace)
            if local != term.value and local and "/" not in local and "#" not in local:
                return f"{prefix}:{local}"
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def tabulate(
    result: ox.QuerySolutions, prefixes: dict[str, str], hidden: frozenset[str] = frozenset()
) -> Tabular:
    columns = [v.value for v in result.variables if v.value not in hidden]
    table = Tabular(columns)
    try:
        for solution in result:
            table.rows.append([show_term(solution[name], prefixes) for name in columns])
    except (OSError, RuntimeError) as exc:
        raise QueryError(f"query failed: {_one_line(exc)}") from exc
    return table


def bounded(fn: Callable[[], T], timeout: float | None) -> T:
    """``fn()``, or QueryError once ``timeout`` seconds have passed (None or 0: no bound)."""
    if not timeout:
        return fn()
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:
            box["error"] = exc

    worker = threading.Thread(target=run, daemon=True, name="secgraph-query")
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryError(f"query timed out after {timeout:g} s (raise it with --timeout)")
    if "error" in box:
        error = box["error"]
        assert isinstance(error, BaseException)
        raise error
    return box["value"]  # type: ignore[return-value]


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
