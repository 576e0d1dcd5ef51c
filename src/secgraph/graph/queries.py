"""Named competency queries: ``ontology/queries/NAME.rq``, run with bound parameters.

Each file opens with a comment header: a one-line summary, its purpose, one ``@param`` line
per parameter and one ``@column`` line per result column.

**How a parameter is given.** A parameter ``p`` is the variable ``?p`` of a line
``VALUES ?p { UNDEF }`` at the top of the query's WHERE clause (and of each sub-select that
reads it: Oxigraph evaluates a sub-select on its own). As shipped, UNDEF leaves it unbound:
the file runs unchanged on any SPARQL 1.1 server and returns every row. To bind it, put the
value(s) in place of UNDEF in every such line (``VALUES ?p { <IRI> }``, an entity node):
:func:`run_named` does exactly that, writing each term with pyoxigraph's serializer (never
the text a user typed), and a server user can do the same. Appending a trailing
``VALUES ?p { ... }`` to the query gives the same rows (the tests check both on
``oxigraph serve``), but engines such as Oxigraph then evaluate every row before joining:
the query costs the size of the store instead of the size of its answer.

A parameter declared ``@param date (xsd:date): ...`` takes a literal of that datatype. Entity
parameters take a canonical entity node (``sg:canonical``); :func:`run_named` also
takes a name, CIK or ticker, resolved with the entity finder (:mod:`secgraph.graph.finder`)
to the entities of the best kind of match (exact, else every word, else a prefix). A header
line ``@param name = entity: ...`` declares ``name`` another way to give ``entity`` (the
parameter names of the first version of these queries).

**Paging.** :func:`run_named` takes ``limit`` and ``offset`` (appended as ``LIMIT``/
``OFFSET``); :func:`count_named` counts the rows of the whole answer. A listing (no entity
parameter given) of a query whose header says ``@page company: entities`` is sorted by
``?companyRank`` (the ``sg:sortRank`` of the summary graph, :mod:`secgraph.graph.summary`)
first; :func:`run_named` binds ``VALUES ?company`` to its first entity in rank order, then
the next two, four... (found block by block of ranks through the store's index), so the
first page costs the first entities' rows, not a sort of every row in the store. A header
``@page company: issuers sized by sg:issuerTransactionCount`` says the query's order is
total (its record node last) and names the summary's count of an entity's rows: a page then
binds at once as many entities as those counts say give its rows (an issuer of 150
transactions among issuers of 8 no longer makes a batch of eight read 190 rows for 23). A
store without a summary graph is read in one query.

Queries run over the union of all graphs (filings, resolution, ontology) and key their rows
by canonical entities: they need the resolution graph (``sg:canonical``), which the build
always writes. How they are written, and why (pyoxigraph 0.5.13):

* the query starts from its parameters: Oxigraph plans a join from a leading VALUES block,
  but neither a pyoxigraph substitution nor a trailing VALUES is used to order the joins
  (``roles`` of one person on 10,500 filings: 1.7 ms from a leading VALUES, 1.4 s with a
  substitution, 8 s with a trailing VALUES);
* a parameter variable is bound in every row (a trailing VALUES joins compatibly with an
  unbound variable, and would keep every row) and, in a query that groups, is a group key;
* the union default graph repeats a triple once per graph that states it, and a company is
  named in every filing about it: attributes of shared nodes are read in grouped sub-selects
  or from the resolution graph (``sg:preferredName``), never as plain OPTIONALs that would
  multiply rows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import islice

import pyoxigraph as ox

from secgraph.errors import QueryError
from secgraph.graph.finder import Store, Term, denoted
from secgraph.graph.iris import block_iri
from secgraph.graph.vocab import SG_NS, ontology_dir
from secgraph.store.base import Dataset

__all__ = [
    "NamedQuery",
    "ParamValue",
    "bind_named",
    "count_named",
    "is_listing",
    "load_query",
    "named_query",
    "query_names",
    "resolve_name",
    "run_named",
    "solutions",
]

_PARAM = re.compile(
    r"^#\s*@param\s+(\w+)(?:\s*\(xsd:(\w+)\))?(?:\s*=\s*(\w+(?:\s*\|\s*\w+)*))?\s*:\s*(.*)$"
)
XSD = "http://www.w3.org/2001/XMLSchema#"
_COLUMN = re.compile(r"^#\s*@column\s+(\w+)\s*:\s*(.*)$")
_SLOT = re.compile(r"^\s*VALUES \?(\w+) \{ UNDEF \}\s*$", re.MULTILINE)
_IRI = re.compile(r"^https?://\S+$")
_PAGE = re.compile(r"^#\s*@page\s+(\w+)\s*:\s*(\w+)(?:\s+sized\s+by\s+sg:(\w+))?\s*$")
#: A listing reads at most this many blocks of ranks at a time (doubling from one), and binds
#: at most this many entities in one query (doubling from one).
MAX_BLOCKS, MAX_BATCH = 64, 512
#: At most this many entities are bound for a name given as a parameter.
NAME_MATCHES = 100

ParamValue = str | Term | Sequence[Term] | None
Rows = list[tuple[Term | None, ...]]


@dataclass(frozen=True)
class NamedQuery:
    name: str
    summary: str
    text: str
    params: dict[str, str]  # parameter -> its documentation
    columns: dict[str, str]  # column -> its documentation
    aliases: dict[str, tuple[str, ...]]  # another name -> the parameter(s) it binds, in turn
    alias_docs: dict[str, str]  # another name -> its documentation
    literals: dict[str, str]  # a parameter that takes a literal -> its datatype IRI
    paged_by: tuple[str, str] | None = None  # (parameter, listing of graph.summary) or None
    sized_by: str | None = None  # IRI of the summary's count of an entity's rows, if any

    def documented(self) -> dict[str, str]:
        """Every parameter a user may give (aliases included) -> its documentation."""
        return {**self.params, **self.alias_docs}

    def slots(self, param: str) -> tuple[str, ...]:
        """The VALUES variables a parameter binds: itself, or those an alias binds in turn
        (``name = holder | company``: the rows as holder, then the rows as company)."""
        if param in self.params:
            return (param,)
        if param in self.aliases:
            return self.aliases[param]
        known = ", ".join([*self.params, *self.aliases]) or "none"
        raise QueryError(
            f"named query {self.name!r} has no parameter {param!r} (parameters: {known})"
        )


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
    aliases: dict[str, tuple[str, ...]] = {}
    alias_docs: dict[str, str] = {}
    literals: dict[str, str] = {}
    summary = ""
    paged_by: tuple[str, str] | None = None
    sized_by: str | None = None
    current: dict[str, str] | None = None
    key = ""
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if not summary:
            summary = line.lstrip("# ").split(":", 1)[-1].strip()
        if m := _PARAM.match(line):
            key, datatype, targets, doc = m.groups()
            if targets:
                aliases[key] = tuple(t.strip() for t in targets.split("|"))
                current = alias_docs
                alias_docs[key] = doc.strip()
            else:
                current = params
                params[key] = doc.strip()
            if datatype:
                literals[key] = XSD + datatype
        elif m := _PAGE.match(line):
            current, paged_by = None, (m.group(1), m.group(2))
            sized_by = SG_NS + m.group(3) if m.group(3) else None
        elif m := _COLUMN.match(line):
            current, key = columns, m.group(1)
            columns[key] = m.group(2).strip()
        elif current is not None and line.startswith("#   "):
            current[key] += " " + line[1:].strip()  # continuation of the last entry
        else:
            current = None
    slots = set(_SLOT.findall(text))
    if slots != set(params) or not {t for ts in aliases.values() for t in ts} <= slots:
        raise QueryError(f"named query {name!r}: @param lines and VALUES lines differ")
    if paged_by is not None and paged_by[0] not in params:
        raise QueryError(f"named query {name!r}: @page names no parameter")
    return NamedQuery(
        name, summary, text, params, columns, aliases, alias_docs, literals, paged_by, sized_by
    )


def load_query(name: str) -> str:
    """The SPARQL text of the named query ``name`` (as shipped: every parameter unbound)."""
    return named_query(name).text


def resolve_name(store: Store, text: str) -> list[ox.NamedNode]:
    """The entities a name, CIK or ticker denotes (:func:`~secgraph.graph.finder.denoted`)."""
    return [ox.NamedNode(m.iri) for m in denoted(store, text, limit=NAME_MATCHES)]


def _terms(store: Store, value: ParamValue) -> list[Term] | None:
    """A parameter's value as terms; None for "no value" (unbound)."""
    if value is None:
        return None
    if isinstance(value, ox.Literal):
        value = value.value
    if isinstance(value, ox.NamedNode | ox.BlankNode):
        return [value]
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if text.startswith("<") and text.endswith(">"):
            text = text[1:-1]
        if _IRI.match(text):
            try:
                return [ox.NamedNode(text)]
            except ValueError as exc:
                raise QueryError(f"bad IRI {text!r}: {exc}") from exc
        return list(resolve_name(store, text))
    return list(value)


def _literal(value: ParamValue, datatype: str) -> list[Term] | None:
    """A literal parameter's value (its lexical form, with the declared datatype)."""
    if isinstance(value, ox.Literal):
        value = value.value
    if not isinstance(value, str):
        raise QueryError(f"expected a {datatype} value, got {value!r}")
    text = value.strip()
    return [ox.Literal(text, datatype=ox.NamedNode(datatype))] if text else None


def bind_named(store: Store, name: str, params: Mapping[str, ParamValue] | None) -> list[str]:
    """The texts of the named query ``name`` with ``params`` bound in its VALUES lines: one,
    or one per parameter an alias binds in turn (at most one such alias per call).

    A value is an IRI (``<...>`` or ``http...``), a name, CIK or ticker (resolved with the
    finder: no entity binds no value, so no row), a term or a list of terms; None or blank
    leaves the parameter unbound (every row). Unknown parameters raise QueryError."""
    query = named_query(name)
    texts = [query.text]
    for key, value in (params or {}).items():
        slots = query.slots(key)
        datatype = query.literals.get(key)
        terms = _literal(value, datatype) if datatype else _terms(store, value)
        if terms is None:
            continue
        if len(slots) > 1 and len(texts) > 1:
            raise QueryError(f"named query {name!r}: give one of {', '.join(query.aliases)}")
        values = " ".join(str(t) for t in terms)  # pyoxigraph's serializer: escaped terms
        texts = [_fill(text, slot, values) for text in texts for slot in slots]
    return texts


def _fill(text: str, slot: str, values: str) -> str:
    """``text`` with every ``VALUES ?slot { UNDEF }`` line given ``values`` (terms' text)."""
    return text.replace(f"VALUES ?{slot} {{ UNDEF }}", f"VALUES ?{slot} {{ {values} }}")


def _select(store: Store, text: str) -> ox.QuerySolutions:
    result: object
    if isinstance(store, Dataset):
        result = store.query(text, use_default_graph_as_union=True)
    else:
        result = store.query(text, None)
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("a named query is a SELECT query")
    return result


def page(text: str, limit: int | None, offset: int = 0) -> str:
    """The query with a LIMIT/OFFSET (after its ORDER BY)."""
    if limit is None and not offset:
        return text
    suffix = f"\nLIMIT {int(limit)}" if limit is not None else ""
    return text.rstrip() + suffix + (f"\nOFFSET {int(offset)}" if offset else "") + "\n"


def run_named(
    store: Store,
    name: str,
    params: Mapping[str, ParamValue] | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[list[str], Rows]:
    """Run the named query ``name`` with ``params`` (see :func:`bind_named`), at most
    ``limit`` rows from ``offset``; returns the column names and the rows (pyoxigraph terms,
    None when unbound). The runs of an alias are concatenated, without repeated rows."""
    texts = bind_named(store, name, params)
    query = named_query(name)
    if limit is not None and query.paged_by and _listing(query, params):
        paged = _by_rank(store, texts[0], *query.paged_by, offset + limit, sized_by=query.sized_by)
        if paged is not None:
            return paged[0], paged[1][offset:]
    if len(texts) == 1:
        result = _select(store, page(texts[0], limit, offset))
        return [v.value for v in result.variables], [tuple(s) for s in result]
    columns: list[str] = []
    rows: dict[tuple[Term | None, ...], None] = {}
    for text in texts:
        result = _select(store, page(text, None if limit is None else offset + limit))
        columns = [v.value for v in result.variables]
        rows.update((tuple(s), None) for s in result)
    stop = None if limit is None else offset + limit
    return columns, list(rows)[offset:stop]


def is_listing(name: str, params: Mapping[str, ParamValue] | None) -> bool:
    """Whether ``name`` with ``params`` is a listing read entity by entity in rank order: a
    query with an ``@page`` line and no entity parameter given (counting its rows costs the
    whole store)."""
    query = named_query(name)
    return query.paged_by is not None and _listing(query, params)


def _listing(query: NamedQuery, params: Mapping[str, ParamValue] | None) -> bool:
    """Whether no entity parameter is given (literal ones, such as a date, may be)."""
    given = {k for k, v in (params or {}).items() if v is not None and str(v).strip()}
    return not any(k not in query.literals for k in given)


def _members(store: Store, listing: str, sized_by: str | None = None) -> Iterator[tuple[str, int]]:
    """The nodes of ``listing`` in rank order (as VALUES terms), each with its count
    ``sized_by`` (0 when not asked or not stated), read one block of ranks, then two,
    four..."""
    first, width = 0, 1
    count = f" OPTIONAL {{ ?node <{sized_by}> ?count }}" if sized_by else ""
    while True:
        blocks = " ".join(str(block_iri(listing, b)) for b in range(first, first + width))
        text = (
            f"SELECT ?node ?rank ?count WHERE {{ VALUES ?block {{ {blocks} }} "
            f"?node <{SG_NS}listedIn> ?block ; <{SG_NS}sortRank> ?rank{count} }}"
        )
        found = sorted(
            (int(s["rank"].value), str(s["node"]), _integer(s["count"]))
            for s in _select(store, text)
        )
        if not found:
            return
        yield from ((node, n) for _, node, n in found)
        first, width = first + width, min(2 * width, MAX_BLOCKS)


def _integer(term: Term | None) -> int:
    """An integer literal's value (0: unbound or not an integer)."""
    try:
        return int(term.value) if isinstance(term, ox.Literal) else 0
    except ValueError:
        return 0


def _by_rank(
    store: Store, text: str, var: str, listing: str, needed: int, *, sized_by: str | None = None
) -> tuple[list[str], Rows] | None:
    """The first ``needed`` rows of a listing sorted by ``?{var}Rank`` first: the query
    bound to its first entity (or filing) in rank order, then the next ones (an entity may
    have hundreds of rows, sorted whole). None: the store has no such ranks.

    How many entities a query binds: with ``sized_by`` (the query's order is total, so any
    batch gives the same rows in the same place), as many as the summary's counts say give
    the rows still needed; else one, then two, four... whatever the page, so that the
    entities bound together are the same for every page (rows that tie in the sort keys come
    out in an order that depends on the entities bound with them: a batch sized by the rows
    still needed repeated a row at a page's end and lost another)."""
    members = _members(store, listing, sized_by)
    columns: list[str] = []  # set by the first query: none yet, none run
    rows: Rows = []
    width = 1
    while len(rows) < needed:
        if sized_by is None:
            chosen = [node for node, _ in islice(members, width)]
            width = min(2 * width, MAX_BATCH)
        else:
            chosen, expected = [], 0
            while expected < needed - len(rows) and len(chosen) < MAX_BATCH:
                member = next(members, None)
                if member is None:
                    break
                chosen.append(member[0])
                expected += max(member[1], 1)
        if not chosen:
            if not columns:
                return None
            break
        result = _select(store, page(_fill(text, var, " ".join(chosen)), needed - len(rows)))
        columns = [v.value for v in result.variables]
        rows.extend(tuple(s) for s in result)
    if not columns:  # nothing needed: the columns of an empty answer
        columns = [v.value for v in _select(store, page(text, 0)).variables]
    return columns, rows


def count_named(store: Store, name: str, params: Mapping[str, ParamValue] | None = None) -> int:
    """How many rows the named query returns (unpaged): the query, unsorted, in a COUNT (the
    rows of an alias's runs, when it binds several parameters)."""
    texts = bind_named(store, name, params)
    if len(texts) > 1:
        return len(run_named(store, name, params)[1])
    prologue, body = _split_prologue(texts[0])
    body = re.split(r"^ORDER BY", body, maxsplit=1, flags=re.MULTILINE)[0]
    result = _select(store, f"{prologue}SELECT (COUNT(*) AS ?total) WHERE {{\n{body}}}\n")
    for solution in result:
        return _integer(solution["total"])
    return 0


def solutions(columns: list[str], rows: Rows) -> ox.QuerySolutions:
    """Rows as pyoxigraph query solutions (through the W3C JSON results format), for its
    serializers."""
    bindings = [
        {c: _json_term(t) for c, t in zip(columns, row, strict=True) if t is not None}
        for row in rows
    ]
    doc = {"head": {"vars": columns}, "results": {"bindings": bindings}}
    parsed = ox.parse_query_results(json.dumps(doc).encode(), ox.QueryResultsFormat.JSON)
    assert isinstance(parsed, ox.QuerySolutions)
    return parsed


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if term.language:
        return {"type": "literal", "value": term.value, "xml:lang": term.language}
    return {"type": "literal", "value": term.value, "datatype": term.datatype.value}


def _split_prologue(text: str) -> tuple[str, str]:
    """Comments and PREFIX lines; the rest."""
    lines = text.splitlines(keepends=True)
    head: list[str] = []
    for i, line in enumerate(lines):
        if line.startswith(("#", "PREFIX", "BASE")) or not line.strip():
            head.append(line)
            continue
        return "".join(head), "".join(lines[i:])
    return "".join(head), ""
