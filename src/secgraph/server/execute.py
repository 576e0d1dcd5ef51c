"""Run one protocol query on a store, bounded in time and size, and serialize its answer.

Every format is written by pyoxigraph. A SELECT streams into a W3C TSV writer that stops
the evaluation past ``max_rows`` rows or past the deadline (pyoxigraph cannot cancel a query,
but it stops when its output raises); the kept rows are read back and written in the chosen
format. CONSTRUCT and DESCRIBE stream triples through a counter with the same two bounds.
A query that computes long before its first row (a big ORDER BY or GROUP BY) is only bounded
by the caller's wait (:mod:`secgraph.server.app`); its thread ends when the evaluation does.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, cast

import pyoxigraph as ox

from secgraph.server.guard import calls_service, is_update, names_dataset
from secgraph.server.negotiate import GRAPH_FORMATS, RESULT_FORMATS, choose


class ProtocolError(Exception):
    """A request the SPARQL 1.1 Protocol answers with an error status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class QueryTimeoutError(ProtocolError):
    def __init__(self, seconds: float) -> None:
        super().__init__(503, f"query stopped: it ran past the server's --timeout of {seconds:g} s")


@dataclass(frozen=True)
class SparqlRequest:
    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Limits:
    timeout: float
    max_rows: int
    #: ``time.monotonic()`` when the request arrived: the timeout counts from there.
    started: float

    @property
    def deadline(self) -> float:
        return self.started + self.timeout


@dataclass(frozen=True)
class Answer:
    body: bytes
    media_type: str
    truncated: bool = False


def check(request: SparqlRequest) -> None:
    """Refuse what a read-only endpoint never runs (before anything is evaluated)."""
    if is_update(request.query):
        raise ProtocolError(403, "SPARQL Update is refused: this endpoint is read-only")
    if calls_service(request.query):
        raise ProtocolError(403, "SERVICE is refused: this endpoint makes no outgoing calls")


def _graphs(iris: Sequence[str]) -> list[ox.NamedNode | ox.BlankNode]:
    try:
        return [ox.NamedNode(iri) for iri in iris]
    except ValueError as exc:
        raise ProtocolError(400, f"bad graph IRI: {exc}") from exc


def evaluate(
    store: ox.Store,
    prefixes: dict[str, str],
    request: SparqlRequest,
    accept: str | None,
    limits: Limits,
) -> Answer:
    """The answer to ``request`` (raises :class:`ProtocolError`)."""
    check(request)
    protocol_dataset = bool(request.default_graphs or request.named_graphs)
    try:
        result = store.query(
            request.query,
            prefixes=prefixes or None,
            # The default graph is the union of all graphs, unless the query (FROM) or the
            # request (default-graph-uri, named-graph-uri) names its dataset.
            use_default_graph_as_union=not protocol_dataset and not names_dataset(request.query),
            default_graph=list(_graphs(request.default_graphs)) if protocol_dataset else None,
            named_graphs=_graphs(request.named_graphs) if protocol_dataset else None,
        )
    except SyntaxError as exc:
        raise ProtocolError(400, f"invalid SPARQL query: {exc}") from exc
    try:
        if isinstance(result, ox.QueryBoolean):
            media, fmt = _result_format(accept)
            return Answer(result.serialize(format=fmt) or b"", media)
        if isinstance(result, ox.QuerySolutions):
            media, fmt = _result_format(accept)
            return _solutions(result, media, fmt, limits)
        chosen = choose(accept, GRAPH_FORMATS)
        if chosen is None:
            raise ProtocolError(406, _not_acceptable(GRAPH_FORMATS))
        media, rdf = chosen
        return serialize_triples(result, (media, rdf), prefixes, limits)
    except RuntimeError as exc:  # raised while evaluating, e.g. a bad regex
        raise ProtocolError(400, f"query failed: {exc}") from exc


def _result_format(accept: str | None) -> tuple[str, ox.QueryResultsFormat]:
    chosen = choose(accept, RESULT_FORMATS)
    if chosen is None:
        raise ProtocolError(406, _not_acceptable(RESULT_FORMATS))
    return chosen


def _not_acceptable(offers: Iterable[str]) -> str:
    return "none of the accepted media types is available; offered: " + ", ".join(offers)


class _DeadlineError(Exception):
    """Raised inside a serializer's output to stop the evaluation at the deadline."""


class _FullError(Exception):
    """Raised inside a serializer's output once ``max_rows`` rows are kept."""


class _BoundedTsv(io.RawIOBase):
    """Collects W3C TSV results (one line per row, after the header line) and stops the
    serializer once ``max_rows`` rows are kept or the deadline has passed."""

    def __init__(self, max_rows: int, deadline: float) -> None:
        self.lines = 0
        self.max_rows = max_rows
        self.deadline = deadline
        self.kept = bytearray()
        self.truncated = False

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        if time.monotonic() > self.deadline:
            raise _DeadlineError
        chunk = bytes(data)
        room = self.max_rows + 1 - self.lines  # header line + rows
        newlines = chunk.count(b"\n")
        if newlines > room or (newlines == room and not chunk.endswith(b"\n")):
            cut = -1
            for _ in range(room):
                cut = chunk.index(b"\n", cut + 1)
            self.kept += chunk[: cut + 1]
            self.lines += room
            self.truncated = True
            raise _FullError
        self.kept += chunk
        self.lines += newlines
        return len(chunk)


def _solutions(
    result: ox.QuerySolutions, media: str, fmt: ox.QueryResultsFormat, limits: Limits
) -> Answer:
    sink = _BoundedTsv(limits.max_rows, limits.deadline)
    try:
        result.serialize(cast(IO[bytes], sink), format=ox.QueryResultsFormat.TSV)
    except _FullError:
        pass
    except _DeadlineError:
        raise QueryTimeoutError(limits.timeout) from None
    if fmt is ox.QueryResultsFormat.TSV:
        return Answer(bytes(sink.kept), media, sink.truncated)
    kept = ox.parse_query_results(bytes(sink.kept), format=ox.QueryResultsFormat.TSV)
    assert isinstance(kept, ox.QuerySolutions)
    return Answer(kept.serialize(format=fmt) or b"", media, sink.truncated)


class _BoundedTriples:
    def __init__(self, triples: Iterable[ox.Triple], max_rows: int, deadline: float) -> None:
        self.triples = triples
        self.max_rows = max_rows
        self.deadline = deadline
        self.truncated = False

    def __iter__(self) -> Iterator[ox.Triple]:
        for count, triple in enumerate(self.triples):
            if count == self.max_rows:
                self.truncated = True
                return
            if count % 256 == 0 and time.monotonic() > self.deadline:
                raise _DeadlineError
            yield triple


def serialize_triples(
    result: Iterable[ox.Triple],
    chosen: tuple[str, ox.RdfFormat],
    prefixes: dict[str, str],
    limits: Limits,
) -> Answer:
    """Triples in the chosen format, cut after ``max_rows`` (and stopped at the deadline)."""
    media, fmt = chosen
    bounded = _BoundedTriples(result, limits.max_rows, limits.deadline)
    try:
        data = ox.serialize(
            bounded, format=fmt, prefixes=prefixes if fmt is not ox.RdfFormat.N_TRIPLES else None
        )
    except _DeadlineError:
        raise QueryTimeoutError(limits.timeout) from None
    return Answer(data or b"", media, bounded.truncated)
