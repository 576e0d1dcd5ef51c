"""Query results for people and programs: W3C formats, a plain table, and a time bound.

JSON is the W3C SPARQL 1.1 Query Results JSON format, CSV and TSV the W3C CSV/TSV formats,
all written by pyoxigraph's own serializers. CONSTRUCT and DESCRIBE results are RDF: JSON-LD
for ``json``, N-Triples for ``csv``/``tsv``, Turtle for ``table``.

Named queries (``ontology/queries/*.rq``) are bound when they run, against the store (a name
given for an entity parameter is resolved with the entity finder), and paged with
``LIMIT``/``OFFSET`` (:mod:`secgraph.graph.queries`).

pyoxigraph 0.5 cannot cancel a running query, so :func:`bounded` bounds the caller's *wait*:
the query runs in a daemon thread and the caller gets a :class:`QueryError` at the deadline
(the CLI then exits, which ends the thread).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from secgraph.errors import QueryError
from secgraph.store.base import GraphStore, QueryResult, Term, parse_params
from secgraph.store.defaults import ResultFormat

T = TypeVar("T")


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
    """A query's text and its parameters (substitutions), or a named query and its
    parameters (bound in its VALUES lines when it runs), with a page of rows to show."""

    text: str
    params: dict[str, Term] = field(default_factory=dict)
    named: str | None = None
    named_params: dict[str, str] = field(default_factory=dict)
    limit: int | None = None
    offset: int = 0


@dataclass
class Tabular:
    """A SELECT result as display strings (IRIs shortened with the store's prefixes); a page
    of a longer answer has its offset and the answer's ``total`` number of rows."""

    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    offset: int = 0
    total: int | None = None
    more: bool = False  # a listing's page with rows after it (a listing is not counted)


def prepare(
    sparql: str | None,
    file: Path | None,
    named: str | None,
    params: Iterable[str],
    *,
    limit: int | None = None,
    offset: int = 0,
) -> PreparedQuery:
    """Exactly one of: query text, a query file, a named query; plus ``NAME=VALUE`` params.

    Ad-hoc queries read a value as an N-Triples term or else a plain literal
    (:func:`parse_term`); named queries take an IRI or a name, CIK or ticker
    (:func:`~secgraph.graph.queries.bind_named`). ``limit``/``offset`` page a named query.
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
    # the named queries (and the entity finder) load for a named query only: start-up
    from secgraph.graph.queries import named_query  # noqa: PLC0415

    query = named_query(named)  # QueryError for an unknown name
    pairs: dict[str, str] = {}
    for pair in params:
        key, sep, value = pair.partition("=")
        if not sep:
            raise QueryError(f"bad --param {pair!r}: expected NAME=VALUE")
        query.slots(key.strip())  # QueryError for an unknown parameter
        pairs[key.strip()] = value
    return PreparedQuery(query.text, named=named, named_params=pairs, limit=limit, offset=offset)


def execute(store: GraphStore, query: PreparedQuery, fmt: ResultFormat) -> Tabular | bool | bytes:
    """Run a query and materialize its answer: a table (SELECT as ``table``), a boolean (ASK as
    ``table``) or serialized bytes (everything else). A named query's table says how many
    rows the whole answer has when the page is full."""
    result: QueryResult
    more = False
    if query.named is None:
        result = store.query(query.text, query.params)
    else:
        from secgraph.graph.queries import is_listing, run_named, solutions  # noqa: PLC0415

        params = query.named_params
        # A listing (no entity given) is not counted, which would cost the whole store: one
        # row more than the page says whether more follow.
        listing = query.limit is not None and is_listing(query.named, params)
        limit = query.limit + 1 if listing and query.limit is not None else query.limit
        columns, rows = run_named(store, query.named, params, limit=limit, offset=query.offset)
        more = listing and len(rows) > (query.limit or 0)
        result = solutions(columns, rows[: query.limit] if listing else rows)
    if fmt is ResultFormat.table:
        if isinstance(result, ox.QuerySolutions):
            table = tabulate(result, store.prefixes)
            if more:
                table.more = True
            elif query.named is not None and query.limit and len(table.rows) == query.limit:
                from secgraph.graph.queries import count_named  # noqa: PLC0415

                table.total = count_named(store, query.named, query.named_params)
            table.offset = query.offset
            return table
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
    return serialize(result, fmt, store.prefixes)


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


def tabulate(result: ox.QuerySolutions, prefixes: dict[str, str]) -> Tabular:
    columns = [v.value for v in result.variables]
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
