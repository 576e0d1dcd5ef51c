"""A bounded neighbourhood read from the store: what ``export --around`` and ``path`` project.

The property graph (:mod:`secgraph.views.property_graph`) is made from quads. For one entity's
surroundings those quads are read here, breadth-first from the entity, with one quad-pattern
lookup per resource (the store's own indexes), never by projecting the whole store: the cost
and the memory follow the neighbourhood. Hops are counted as the view counts them: an entity
is one node (its ``sg:canonical`` cluster), a record is a node, or with ``collapse`` a record
that links exactly one holder to one organization is a single hop between them; filings are
nodes unless ``documents=False`` (the path view).

The quads handed to :func:`project` are those of every node kept, of the values they show
(addresses, securities, footnotes), of the records next to them, and the types of the nodes
one hop further, so that the projection of the part equals the same part of the projection of
the whole store: an edge to a node outside is dropped, never shown as an attribute. A node
budget bounds the walk; when it cuts, :attr:`Walk.cut` says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pyoxigraph as ox

from secgraph.graph.vocab import ID_NS, RDF_TYPE, SG, SG_NS
from secgraph.views.limits import AROUND_BUDGET
from secgraph.views.property_graph import project
from secgraph.views.schema import Group, ViewSchema, view_schema

Resource = ox.NamedNode | ox.BlankNode

DEFAULT_BUDGET = AROUND_BUDGET

_STRUCTURAL = frozenset({SG.canonical.value, SG.sourceFiling.value})
_HOLDER, _ORGANIZATION = SG.holder.value, SG.organization.value


def _key(term: Resource) -> str:
    return term.value if isinstance(term, ox.NamedNode) else "_:" + term.value


def _iri(term: object) -> str:
    return term.value if isinstance(term, ox.NamedNode) else ""


def as_store(source: Any) -> ox.Store:
    """The pyoxigraph store behind ``source`` (a secgraph store or a pyoxigraph Store); other
    quads (a list, a dataset) are copied into a store in memory."""
    raw = getattr(source, "raw", source)
    if isinstance(raw, ox.Store):
        return raw
    store = ox.Store()
    quads = getattr(source, "quads", None)
    store.extend(quads() if callable(quads) else source)
    return store


class StoreReader:
    """Quad-pattern lookups with memory: each resource's statements, incoming links and kind."""

    def __init__(self, store: ox.Store, schema: ViewSchema | None = None) -> None:
        self.store = store
        self.schema = schema or view_schema()
        self._out: dict[str, list[ox.Quad]] = {}
        self._in: dict[str, list[ox.Quad]] = {}
        self._types: dict[str, set[str]] = {}
        self._canonical: dict[str, str] = {}
        self._terms: dict[str, Resource] = {}

    def term(self, key: str) -> Resource:
        """The term of a key (an IRI, or ``_:id`` for a blank node of this store)."""
        found = self._terms.get(key)
        if found is None:
            found = ox.BlankNode(key[2:]) if key.startswith("_:") else ox.NamedNode(key)
            self._terms[key] = found
        return found

    def _note(self, term: Resource) -> str:
        key = _key(term)
        self._terms.setdefault(key, term)
        return key

    def statements(self, term: Resource) -> list[ox.Quad]:
        """Every quad whose subject is ``term``, in any graph."""
        key = self._note(term)
        found = self._out.get(key)
        if found is None:
            found = list(self.store.quads_for_pattern(term, None, None, None))
            self._out[key] = found
            types = {_iri(q.object) for q in found if q.predicate == RDF_TYPE}
            self._types[key] = types
        return found

    def incoming(self, term: Resource) -> list[ox.Quad]:
        """Quads linking to ``term`` by an object property drawn as an edge."""
        key = self._note(term)
        found = self._in.get(key)
        if found is None:
            props = self.schema.object_properties
            found = [
                q
                for q in self.store.quads_for_pattern(None, None, term, None)
                if q.predicate.value in props and q.predicate.value not in _STRUCTURAL
            ]
            self._in[key] = found
        return found

    def types(self, term: Resource) -> set[str]:
        key = self._note(term)
        found = self._types.get(key)
        if found is None:
            found = {
                _iri(q.object) for q in self.store.quads_for_pattern(term, RDF_TYPE, None, None)
            }
            self._types[key] = found
        return found

    def group(self, term: Resource) -> Group | None:
        kind = self.schema.kind_of(self.types(term))
        return kind.group if kind else None

    def canonical(self, term: Resource) -> str:
        """The node an entity resource belongs to (its ``sg:canonical``, else itself)."""
        key = self._note(term)
        found = self._canonical.get(key)
        if found is None:
            found = key
            for quad in self.store.quads_for_pattern(term, SG.canonical, None, None):
                if isinstance(quad.object, ox.NamedNode | ox.BlankNode):
                    found = self._note(quad.object)
                    break
            self._canonical[key] = found
        return found

    def node_of(self, term: Resource) -> str | None:
        """The view node of a resource; None for a value (an address, a code)."""
        group = self.group(term)
        if group is None:
            return None
        return self.canonical(term) if group is Group.ENTITY else self._note(term)

    def members(self, node: str) -> list[Resource]:
        """The resources a node stands for: an entity's cluster, or the node itself."""
        term = self.term(node)
        found = [term]
        for quad in self.store.quads_for_pattern(None, SG.canonical, term, None):
            if isinstance(quad.subject, ox.NamedNode | ox.BlankNode) and quad.subject != term:
                self._note(quad.subject)
                found.append(quad.subject)
        return found

    def links(self, term: Resource) -> Iterator[tuple[Resource, str, bool]]:
        """The resources ``term`` is linked to by an edge property: (other, property, out)."""
        props = self.schema.object_properties
        for quad in self.statements(term):
            prop, obj = quad.predicate.value, quad.object
            if prop in props and prop not in _STRUCTURAL and isinstance(obj, Resource):
                yield obj, prop, True
        for quad in self.incoming(term):
            subject = quad.subject
            if isinstance(subject, ox.NamedNode | ox.BlankNode):
                yield subject, quad.predicate.value, False


@dataclass
class Walk:
    """The nodes within reach and everything read to project them."""

    reader: StoreReader
    depth: dict[str, int] = field(default_factory=dict)  # kept node -> hops from a seed
    cut: bool = False  # the budget stopped the walk before its depth

    @property
    def kept(self) -> set[str]:
        return set(self.depth)


class Walker:
    """Breadth-first through the store, in the hops of the view (see the module docstring)."""

    def __init__(self, reader: StoreReader, *, collapse: bool, documents: bool) -> None:
        self.reader = reader
        self.collapse = collapse
        self.documents = documents
        self._neighbours: dict[str, set[str]] = {}
        self._collapsible: dict[str, tuple[str, str] | None] = {}

    def _ends(self, record: str) -> tuple[str, str] | None:
        """(holder node, organization node) when a record is drawn as one edge between them."""
        if record in self._collapsible:
            return self._collapsible[record]
        reader = self.reader
        term = reader.term(record)
        out: set[tuple[str, str]] = set()
        ends: tuple[str, str] | None = None
        incoming = False
        for other, prop, forward in reader.links(term):
            node = reader.node_of(other)
            if node is None or node == record:
                continue
            if not forward:
                incoming = True
                break
            out.add((prop, node))
        props = sorted(p for p, _ in out)
        if not incoming and props == sorted([_HOLDER, _ORGANIZATION]):
            by_prop = dict(out)
            ends = (by_prop[_HOLDER], by_prop[_ORGANIZATION])
        self._collapsible[record] = ends
        return ends

    def neighbours(self, node: str) -> set[str]:
        """The nodes one hop from ``node`` in the view."""
        found = self._neighbours.get(node)
        if found is not None:
            return found
        reader = self.reader
        found = set()
        for member in reader.members(node):
            for other, _prop, _forward in reader.links(member):
                group = reader.group(other)
                if group is None or (group is Group.DOCUMENT and not self.documents):
                    continue
                target = reader.node_of(other)
                if target is None or target == node:
                    continue
                if self.collapse and group is Group.RECORD:
                    ends = self._ends(target)
                    if ends is not None:
                        found.update(end for end in ends if end != node)
                        continue
                found.add(target)
        self._neighbours[node] = found
        return found

    def walk(self, seeds: Iterable[str], depth: int, budget: int = DEFAULT_BUDGET) -> Walk:
        """Nodes within ``depth`` hops of a seed (at most ``budget`` of them)."""
        result = Walk(self.reader)
        frontier = sorted(set(seeds))
        for seed in frontier:
            result.depth[seed] = 0
        for level in range(depth + 1):
            following: list[str] = []
            for node in frontier:
                # The last level is read too: its edges to other kept nodes are part of the view.
                for other in sorted(self.neighbours(node)):
                    if other in result.depth or level == depth:
                        continue
                    if len(result.depth) >= budget:
                        result.cut = True
                        continue
                    result.depth[other] = level + 1
                    following.append(other)
            frontier = following
        return result

    def is_edge(self, record: str) -> bool:
        """True when ``record`` was read and is drawn as one edge (``collapse``)."""
        return self._collapsible.get(record) is not None

    def quads(self, nodes: set[str]) -> list[ox.Quad]:
        """What :func:`project` needs to draw ``nodes`` exactly as the whole store would:
        theirs, and those of the records drawn as edges between two of them."""
        edges = {
            record
            for record, ends in self._collapsible.items()
            if ends is not None and ends[0] in nodes and ends[1] in nodes
        }
        return list(_Collector(self.reader).collect(nodes | edges))


class _Collector:
    def __init__(self, reader: StoreReader) -> None:
        self.reader = reader
        self.seen: set[str] = set()
        self.stubs: set[str] = set()
        self.graphs: set[str] = set()

    def collect(self, nodes: Iterable[str]) -> Iterator[ox.Quad]:
        reader = self.reader
        for node in sorted(nodes):
            for member in reader.members(node):
                yield from self._described(member)
                yield from reader.incoming(member)
                for other, _prop, _forward in reader.links(member):
                    yield from self._stub(other)
        for graph in sorted(self.graphs):  # each filing named in a node's provenance
            if graph.startswith(ID_NS) and graph not in self.seen:
                yield from self._described(ox.NamedNode(graph))

    def _described(self, term: Resource) -> Iterator[ox.Quad]:
        """A resource's statements and those of the values it shows, recursively."""
        todo = [term]
        while todo:
            current = todo.pop()
            key = _key(current)
            if key in self.seen:
                continue
            self.seen.add(key)
            for quad in self.reader.statements(current):
                if isinstance(quad.graph_name, ox.NamedNode):
                    self.graphs.add(quad.graph_name.value)
                yield quad
                obj = quad.object
                if quad.predicate == RDF_TYPE or not isinstance(obj, ox.NamedNode | ox.BlankNode):
                    continue
                if self.reader.group(obj) is not None:
                    continue
                if isinstance(obj, ox.BlankNode) or obj.value.startswith((ID_NS, SG_NS)):
                    todo.append(obj)

    def _stub(self, term: Resource) -> Iterator[ox.Quad]:
        """Enough of a node one hop out for the projection to know it is a node."""
        key = _key(term)
        if key in self.seen or key in self.stubs:
            return
        self.stubs.add(key)
        store = self.reader.store
        yield from store.quads_for_pattern(term, RDF_TYPE, None, None)
        yield from store.quads_for_pattern(term, SG.canonical, None, None)


def project_part(walker: Walker, nodes: set[str], *, collapse: bool) -> nx.MultiDiGraph:
    """The projection of ``nodes`` (and the edges between them) read through ``walker``."""
    g = project(walker.quads(nodes), collapse=collapse)
    g.remove_nodes_from([n for n in list(g) if n not in nodes])
    if collapse:  # a record one hop out, seen without all its links, may look like an edge
        drop = [
            (u, v, k)
            for u, v, k, d in g.edges(keys=True, data=True)
            if "record" in d and not walker.is_edge(d["record"])
        ]
        g.remove_edges_from(drop)
    return g


# -- finding the entity a name means -----------------------------------------------------------


@dataclass(frozen=True)
class Named:
    node: str  # the entity's view node (its canonical IRI)
    names: frozenset[str]  # the name it is known by


#: At most this many entities share a name that a path or a neighbourhood starts from.
NAMED_LIMIT = 100

_NAMED = """
SELECT DISTINCT ?e ?n ?needle WHERE {
  ?e ?p ?n .
  VALUES ?p { sg:name sg:preferredName }
  FILTER(CONTAINS(LCASE(STR(?n)), ?needle))
}
"""


def entities_named(reader: StoreReader, name: str) -> list[Named]:
    """The entities ``name`` denotes (a name, a CIK or a ticker), sorted by node: the entity
    finder's best matches, read from the search keys of the resolution graph. A store without
    search keys (built before they existed, or a hand-made graph) is scanned for names that
    contain ``name``. Raises ViewError, with close names when there are any, when nothing
    matches."""
    from secgraph.errors import ViewError  # noqa: PLC0415 - one place for the view's errors
    from secgraph.graph.finder import denoted, find_entities  # noqa: PLC0415

    if not name.strip():
        raise ViewError("an empty name matches nothing")
    if not _has_search_keys(reader.store):
        found = _scan_names(reader, name)
    else:
        found = [
            Named(m.iri, frozenset({m.name} if m.name else ()))
            for m in denoted(reader.store, name, limit=NAMED_LIMIT)
            if reader.group(reader.term(m.iri)) is Group.ENTITY
        ]
    if not found:
        close = [m.name or m.iri for m in find_entities(reader.store, name, limit=5)]
        hint = f" (close names: {'; '.join(close)})" if close else ""
        raise ViewError(f"no entity named like {name!r}{hint}")
    return sorted(found, key=lambda n: n.node)


def _has_search_keys(store: ox.Store) -> bool:
    return next(iter(store.quads_for_pattern(None, SG.searchKey, None, None)), None) is not None


def _scan_names(reader: StoreReader, name: str) -> list[Named]:
    """Entities one of whose names contains ``name``, ignoring case: one SPARQL scan of
    the name literals, for stores that have no search keys."""
    needle = name.casefold().strip()
    result = reader.store.query(
        _NAMED,
        prefixes={"sg": SG_NS},
        use_default_graph_as_union=True,
        substitutions={ox.Variable("needle"): ox.Literal(needle)},
    )
    assert isinstance(result, ox.QuerySolutions)
    names: dict[str, set[str]] = {}
    for row in result:
        entity, text = row["e"], row["n"]
        if not isinstance(entity, ox.NamedNode | ox.BlankNode) or not isinstance(text, ox.Literal):
            continue
        if needle in text.value.casefold() and reader.group(entity) is Group.ENTITY:
            names.setdefault(reader.canonical(entity), set()).add(text.value)
    found = [Named(node, frozenset(texts)) for node, texts in names.items()]
    exact = [n for n in found if any(x.casefold() == needle for x in n.names)]
    return exact or found


# -- the entry points of the views ------------------------------------------------------------


@dataclass
class Around:
    """The neighbourhood of the entities named like ``name``, projected."""

    graph: nx.MultiDiGraph
    reader: StoreReader
    seeds: list[str]
    cut: bool
    budget: int

    def notice(self) -> str | None:
        if not self.cut:
            return None
        return (
            f"the neighbourhood was cut at {self.budget} nodes (--budget): "
            "nodes further out were left out"
        )


def around(
    source: Any, name: str, depth: int, *, collapse: bool = False, budget: int = DEFAULT_BUDGET
) -> Around:
    """The nodes within ``depth`` hops of every entity named like ``name`` (all of them kept
    as the whole projection would draw them). Raises ViewError when no entity has that name."""
    from secgraph.errors import ViewError  # noqa: PLC0415 - errors is light, but keep one place

    if depth < 0:
        raise ViewError("--depth must be 0 or more")
    reader = StoreReader(as_store(source))
    seeds = [found.node for found in entities_named(reader, name)]
    walker = Walker(reader, collapse=collapse, documents=True)
    walk = walker.walk(seeds, depth, budget)
    graph = project_part(walker, walk.kept, collapse=collapse)
    return Around(graph, reader, seeds, walk.cut, budget)


def statements_about(reader: StoreReader, keep: Iterable[str]) -> list[ox.Quad]:
    """The statements about ``keep`` and about the values they describe (addresses,
    footnotes, securities: blank nodes and instance IRIs that are no node of their own)."""
    selected: list[ox.Quad] = []
    seen: set[str] = set()
    todo = sorted(keep)
    while todo:
        key = todo.pop()
        if key in seen:
            continue
        seen.add(key)
        for quad in reader.statements(reader.term(key)):
            selected.append(quad)
            obj = quad.object
            if quad.predicate == RDF_TYPE or not isinstance(obj, Resource):
                continue
            inner = isinstance(obj, ox.BlankNode) or obj.value.startswith(ID_NS)
            if inner and reader.group(obj) is None:
                todo.append(_key(obj))
    return selected
