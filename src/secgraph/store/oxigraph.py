"""The embedded backend: a pyoxigraph (RocksDB) store on disk, or in memory for tests.

pyoxigraph 0.5 has no query timeout or cancellation; :func:`secgraph.store.run_bounded`
bounds the caller's wait instead. Only one process may open a store read-write; readers open
it read-only (several at once), which is only safe while no process writes it. ``secgraph
build`` therefore never writes the live store: it writes the next generation and switches to
it (:mod:`secgraph.store.staging`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from secgraph.errors import QueryError, StoreError
from secgraph.store.base import GraphName, GraphStore, Params, QueryResult
from secgraph.store.federation import refuse_service
from secgraph.store.generations import Pin


class OxigraphStore(GraphStore):
    def __init__(
        self,
        store: ox.Store,
        *,
        path: Path | None = None,
        read_only: bool = False,
        prefixes: Mapping[str, str] | None = None,
        federation: bool = False,
        pin: Pin | None = None,
    ) -> None:
        self._store: ox.Store | None = store
        self._pin = pin  # keeps a build from removing this generation while it is open
        self.path = path
        self.read_only = read_only
        self.prefixes = dict(prefixes or {})
        self.federation = federation  # SERVICE calls allowed (secgraph.store.federation)

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        read_only: bool = False,
        prefixes: Mapping[str, str] | None = None,
        federation: bool = False,
        label: Path | None = None,
        pin: Pin | None = None,
    ) -> OxigraphStore:
        """Open (read-write: create) the store in ``path`` (named ``label`` in errors: the
        store folder of a generation). Any failure is a StoreError."""
        try:
            store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except (OSError, RuntimeError) as exc:
            # RocksDB reports a held lock, a corrupt or foreign directory as OSError or
            # RuntimeError; either way the run cannot go on.
            raise StoreError(
                f"cannot open the store {label or path}: {_one_line(exc)}{_advice(exc)}"
            ) from exc
        return cls(
            store,
            path=path,
            read_only=read_only,
            prefixes=prefixes,
            federation=federation,
            pin=pin,
        )

    @classmethod
    def in_memory(cls, *, prefixes: Mapping[str, str] | None = None) -> OxigraphStore:
        return cls(ox.Store(), prefixes=prefixes)

    @property
    def raw(self) -> ox.Store:
        """The pyoxigraph store itself (for callers that need its full API)."""
        if self._store is None:
            raise StoreError(f"the store {self.path or '<memory>'} is closed")
        return self._store

    def _writable(self) -> ox.Store:
        if self.read_only:
            raise StoreError(f"the store {self.path} is open read-only")
        return self.raw

    # -- writing ---------------------------------------------------------------------------
    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> int:
        store = self._writable()
        try:
            store.remove_graph(graph)
            store.extend(ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads)
        except OSError as exc:
            raise StoreError(f"cannot write graph {graph.value}: {_one_line(exc)}") from exc
        return self.count(graph)

    def remove_graph(self, graph: ox.NamedNode) -> None:
        store = self._writable()
        try:
            if store.contains_named_graph(graph):
                store.remove_graph(graph)
        except OSError as exc:
            raise StoreError(f"cannot remove graph {graph.value}: {_one_line(exc)}") from exc

    def bulk_load(self, data: bytes | IO[bytes], *, format: ox.RdfFormat) -> None:
        store = self._writable()
        try:
            store.bulk_load(data, format=format)
        except SyntaxError as exc:
            raise StoreError(f"cannot load {format.name}: {_one_line(exc)}") from exc
        except OSError as exc:
            raise StoreError(f"cannot load into {self.path}: {_one_line(exc)}") from exc

    # -- reading ---------------------------------------------------------------------------
    def query(
        self, sparql: str, params: Params | None = None, *, union: bool = True
    ) -> QueryResult:
        store = self.raw
        if not self.federation:
            refuse_service(sparql)
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {}
        for name, term in (params or {}).items():
            try:
                substitutions[ox.Variable(name)] = term
            except ValueError as exc:
                raise QueryError(f"{name!r} is not a SPARQL variable name") from exc
        try:
            result = store.query(
                sparql,
                prefixes=self.prefixes or None,
                use_default_graph_as_union=union,
                substitutions=substitutions or None,
            )
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {_one_line(exc)}") from exc
        except RuntimeError as exc:
            # e.g. "The SPARQL query does not contains variable ?x in its SELECT projection"
            raise QueryError(_one_line(exc)) from exc
        except OSError as exc:
            raise StoreError(
                f"cannot read the store {self.path}: {_one_line(exc)}{_advice(exc)}"
            ) from exc
        if isinstance(result, ox.QueryTriples):
            triples: Iterator[ox.Triple] = iter(result)
            return triples
        return result

    def quads(self, graph: GraphName | None = None) -> Iterator[ox.Quad]:
        return iter(self.raw.quads_for_pattern(None, None, None, graph))

    def graphs(self) -> Iterator[ox.NamedNode | ox.BlankNode]:
        return iter(self.raw.named_graphs())

    def has_graph(self, graph: ox.NamedNode) -> bool:
        return self.raw.contains_named_graph(graph)

    def count(self, graph: GraphName | None = None) -> int:
        store = self.raw
        if graph is None:
            return len(store)
        # SPARQL COUNT runs in Rust; iterating quads into Python objects would be far slower.
        result = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=graph)
        assert isinstance(result, ox.QuerySolutions)
        for solution in result:
            value = solution["n"]
            assert isinstance(value, ox.Literal)
            return int(value.value)
        return 0

    def dump(
        self, output: IO[bytes], *, format: ox.RdfFormat, graph: GraphName | None = None
    ) -> None:
        try:
            self.raw.dump(output, format=format, from_graph=graph)
        except (OSError, ValueError) as exc:
            raise StoreError(f"cannot dump the store: {_one_line(exc)}") from exc

    def flush(self) -> None:
        if not self.read_only:
            self.raw.flush()

    def optimize(self) -> None:
        """Compact after a bulk load (fewer, larger files; faster reads)."""
        self._writable().optimize()

    def backup(self, target: Path) -> None:
        """A consistent copy in ``target`` (hard links when on the same file system)."""
        try:
            self.raw.backup(str(target))
        except OSError as exc:
            raise StoreError(f"cannot copy the store to {target}: {_one_line(exc)}") from exc

    def close(self) -> None:
        if self._store is None:
            return
        try:
            self.flush()
        finally:
            # pyoxigraph closes RocksDB (and frees its lock) when the last reference goes.
            self._store = None
            if self._pin is not None:
                self._pin.release()


def _advice(exc: BaseException) -> str:
    """What to do about a damaged store (RocksDB says "Corruption" or names a missing file)."""
    text = str(exc)
    if "Corruption" in text or "No such file" in text or "corrupt" in text.lower():
        return (
            "; the store is damaged: rebuild it (secgraph build FILES --fresh --store DIR) "
            "or restore it from a backup"
        )
    return ""


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
