"""The one small interface every store backend implements.

Two backends: the embedded pyoxigraph store (:mod:`secgraph.store.oxigraph`) and a SPARQL 1.1
server (:mod:`secgraph.store.remote`, whose results parse into the same pyoxigraph types with
:func:`pyoxigraph.parse_query_results`). The bounded views read quad patterns through
:class:`Dataset` (``store.raw``): a pyoxigraph Store, or the server's stand-in for one.

Terms are pyoxigraph terms. Query parameters are bound as SPARQL substitutions (RDF-dev
SEP-0007), never pasted into the query text. The default graph of every query is the union
of all named graphs (each filing lives in its own named graph), unless ``union=False``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from types import TracebackType
from typing import IO, Protocol, Self, TypeAlias, runtime_checkable

import pyoxigraph as ox

from secgraph.errors import QueryError

Term: TypeAlias = ox.NamedNode | ox.BlankNode | ox.Literal
GraphName: TypeAlias = ox.NamedNode | ox.BlankNode | ox.DefaultGraph
Params: TypeAlias = Mapping[str, Term]
Row: TypeAlias = dict[str, Term]
"""One solution of a SELECT: variable name (without ``?``) -> term; unbound ones are absent."""
QueryResult: TypeAlias = ox.QuerySolutions | ox.QueryBoolean | Iterator[ox.Triple]
"""SELECT -> solutions, ASK -> boolean, CONSTRUCT/DESCRIBE -> triples."""


Substitutions: TypeAlias = dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]


@runtime_checkable
class Dataset(Protocol):
    """The part of :class:`pyoxigraph.Store`'s API the views read (``GraphStore.raw``):
    a pyoxigraph Store is one, and so is a server's stand-in
    (:class:`secgraph.store.remote.RemoteDataset`)."""

    def query(
        self,
        query: str,
        *,
        prefixes: dict[str, str] | None = None,
        use_default_graph_as_union: bool = False,
        substitutions: Substitutions | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples | Iterator[ox.Triple]: ...

    def quads_for_pattern(
        self,
        subject: ox.NamedNode | ox.BlankNode | ox.Triple | None,
        predicate: ox.NamedNode | None,
        object: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None,
        graph_name: ox.NamedNode | ox.BlankNode | ox.DefaultGraph | None = None,
    ) -> Iterator[ox.Quad]: ...

    def named_graphs(self) -> Iterator[ox.NamedNode | ox.BlankNode]: ...

    def contains_named_graph(
        self, graph_name: ox.NamedNode | ox.BlankNode | ox.DefaultGraph
    ) -> bool: ...

    def __len__(self) -> int: ...


class GraphStore(ABC):
    """A quad store: named graphs in, SPARQL out."""

    #: Prefixes predeclared in every query (``sg:``, ``xsd:``...) and used to shorten IRIs.
    prefixes: dict[str, str]

    # -- writing ---------------------------------------------------------------------------
    @abstractmethod
    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> int:
        """Make ``graph`` hold exactly ``quads`` (their graph name is overridden); returns
        how many quads it holds now. Used for the small derived graphs (resolution, ontology)."""

    @abstractmethod
    def remove_graph(self, graph: ox.NamedNode) -> None:
        """Drop a named graph and its quads (no error if absent)."""

    @abstractmethod
    def bulk_load(self, data: bytes | IO[bytes], *, format: ox.RdfFormat) -> None:
        """Load a serialization fast, without holding it all in memory. Not transactional:
        callers that need all-or-nothing write into a staging store (see ``staging``)."""

    # -- reading ---------------------------------------------------------------------------
    @abstractmethod
    def query(
        self, sparql: str, params: Params | None = None, *, union: bool = True
    ) -> QueryResult:
        """Run any SPARQL query. Raises :class:`QueryError` for a bad query or parameter."""

    @abstractmethod
    def quads(self, graph: GraphName | None = None) -> Iterator[ox.Quad]:
        """Every quad, or those of one graph."""

    @abstractmethod
    def graphs(self) -> Iterator[ox.NamedNode | ox.BlankNode]:
        """The named graphs."""

    @abstractmethod
    def has_graph(self, graph: ox.NamedNode) -> bool: ...

    @abstractmethod
    def count(self, graph: GraphName | None = None) -> int:
        """Number of quads, in the whole store or in one graph."""

    @abstractmethod
    def dump(
        self, output: IO[bytes], *, format: ox.RdfFormat, graph: GraphName | None = None
    ) -> None:
        """Serialize the whole dataset (quad formats) or one graph (any format)."""

    @abstractmethod
    def close(self) -> None:
        """Flush and release the store (its lock, its files). Idempotent."""

    @property
    @abstractmethod
    def raw(self) -> Dataset:
        """The store as the views read it: quad patterns and queries with pyoxigraph's
        options (:class:`Dataset`)."""

    def optimize(self) -> None:
        """Compact after a bulk load, where the store leaves that to its user (the embedded
        store); a server compacts on its own."""
        return

    # -- conveniences over query() ---------------------------------------------------------
    def select(
        self, sparql: str, params: Params | None = None, *, union: bool = True
    ) -> Iterator[Row]:
        result = self.query(sparql, params, union=union)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        names = [v.value for v in result.variables]
        for solution in result:
            row: Row = {}
            for name in names:
                term = solution[name]
                if term is not None:
                    row[name] = term
            yield row

    def ask(self, sparql: str, params: Params | None = None, *, union: bool = True) -> bool:
        result = self.query(sparql, params, union=union)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(result)

    def construct(
        self, sparql: str, params: Params | None = None, *, union: bool = True
    ) -> Iterator[ox.Triple]:
        result = self.query(sparql, params, union=union)
        if isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        return result

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def parse_term(text: str) -> Term:
    """A parameter value as typed on the command line.

    ``<iri>``, ``"literal"``, ``"chat"@fr`` and ``"4"^^<http://www.w3.org/2001/XMLSchema#integer>``
    are read as N-Triples terms (by pyoxigraph's parser, which rejects anything else); any
    other text is a plain string literal. The value is bound, never pasted into SPARQL.
    """
    if not text.startswith(("<", '"', "_:")):
        return ox.Literal(text)
    try:
        parsed = list(ox.parse(f"<urn:p:s> <urn:p:p> {text} .", format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as exc:
        raise QueryError(f"bad parameter value {text!r}: {exc}") from exc
    if len(parsed) != 1:
        raise QueryError(f"bad parameter value {text!r}: not a single RDF term")
    term = parsed[0].object
    if not isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        raise QueryError(f"bad parameter value {text!r}: quoted triples are not supported")
    return term


def parse_params(pairs: Iterable[str]) -> dict[str, Term]:
    """``["name=value", ...]`` (the CLI's ``--param``) -> parameters. Names are checked."""
    params: dict[str, Term] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().removeprefix("?")
        if not sep or not name:
            raise QueryError(f"bad --param {pair!r}: expected NAME=VALUE")
        try:
            ox.Variable(name)
        except ValueError as exc:
            raise QueryError(
                f"bad --param {pair!r}: {name!r} is not a SPARQL variable name"
            ) from exc
        params[name] = parse_term(value)
    return params
