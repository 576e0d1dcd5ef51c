"""A bounded neighbourhood read from the store: what ``export --around`` and ``path`` project.

The property graph (:mod:`secgraph.views.property_graph`) is made from quads. For one entity's
surroundings those quads are read here, breadth-first from the entity, a whole level at a time
through :class:`~secgraph.views.store_reader.StoreReader` (a few ``DISTINCT`` queries per
level, the store's own indexes), never by projecting the whole store: the cost and the memory
follow the neighbourhood. Hops are counted as the view counts them: an entity is one node (its
``sg:canonical`` cluster), a record is a node, or with ``collapse`` a record that links exactly
one holder to one organization is a single hop between them; filings are nodes unless
``documents=False`` (the path view).

The quads handed to :func:`project` are those of every node kept, of the values they show
(addresses, securities, footnotes), of the records next to them, and the types of the nodes
one hop further, so that the projection of the part equals the same part of the projection of
the whole store: an edge to a node outside is dropped, never shown as an attribute. A node
budget bounds the walk; when it cuts, :attr:`Walk.cut` says so. A chain (``path``) needs less:
the links between its neighbouring nodes and the entities' names (:func:`project_chains`), so
a hub on a chain is never read whole.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pyoxigraph as ox

from secgraph.graph.vocab import ID_NS, RDF_TYPE, SG, SG_NS
from secgraph.store.base import Dataset
from secgraph.views.limits import AROUND_BUDGET
from secgraph.views.property_graph import project
from secgraph.views.schema import Group
from secgraph.views.store_reader import Resource, StoreReader, key_of

DEFAULT_BUDGET = AROUND_BUDGET

_HOLDER, _ORGANIZATION = SG.holder.value, SG.organization.value

#: How two neighbouring nodes are linked: a record drawn as one edge between them (its key),
#: the plain records between two of their resources (their keys), or one link (subject,
#: property, object keys) between two of their resources.
Via = str | tuple[str, str] | tuple[str, str, str]


def as_store(source: Any) -> Dataset:
    """The store behind ``source`` as the views read it (a secgraph store's ``raw``: a
    pyoxigraph Store or a server's stand-in, :class:`~secgraph.store.base.Dataset`); other
    quads (a list, a pyoxigraph Dataset) are copied into a store in memory."""
    raw = getattr(source, "raw", source)
    if isinstance(raw, Dataset):
        return raw
    store = ox.Store()
    quads = getattr(source, "quads", None)
    store.extend(quads() if callable(quads) else source)
    return store


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
    """Breadth-first through the store, in the hops of the view (see the module docstring).

    A level is read at once (:meth:`expand`): the links of all its nodes, then the kinds of
    the resources they reach, then (``collapse``) the links of the records among them."""

    def __init__(self, reader: StoreReader, *, collapse: bool, documents: bool) -> None:
        self.reader = reader
        self.collapse = collapse
        self.documents = documents
        self._neighbours: dict[str, set[str]] = {}
        self._collapsible: dict[str, tuple[str, str] | None] = {}
        self._via: dict[tuple[str, str], set[Via]] = defaultdict(set)

    def _members(self, node: str) -> list[Resource]:
        reader = self.reader
        term = reader.term(node)
        return reader.members(node) if reader.group(term) is Group.ENTITY else [term]

    def expand(self, nodes: Iterable[str]) -> None:
        """Read what :meth:`neighbours` needs for every node of ``nodes``, a few queries for
        all of them (collapsed: the plain records between entities counted in the store, see
        :meth:`StoreReader.load_far`)."""
        reader = self.reader
        todo = sorted(set(nodes) - self._neighbours.keys())
        if not todo:
            return
        reader.load(reader.term(n) for n in todo)
        reader.load_members(n for n in todo if reader.group(reader.term(n)) is Group.ENTITY)
        members = [m for n in todo for m in self._members(n)]
        if not self.collapse:
            reader.load_links(members)
            reader.load_links(
                (other for m in members for other, _p, _f in reader.links(m)), incoming=False
            )
            return
        reader.load(members)
        reader.load_far(members, documents=self.documents)
        reader.load(reader.term(o) for m in members for o in reader.far(m))
        linked = {other for m in members for other, _p, _f in reader.others(m)}
        reader.load_links(linked, incoming=False)
        records = [o for o in linked if reader.group(o) is Group.RECORD]
        reader.load_links(records)
        reader.load(other for r in records for other, _p, _f in reader.links(r))

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
        for member in self._members(node):
            if not self.collapse:
                for link in reader.links(member):
                    self._link(node, member, link, found)
                continue
            for far in reader.far(member):
                self._plain(node, member, reader.term(far), found)
            for link in reader.others(member):
                self._link(node, member, link, found)
        self._neighbours[node] = found
        return found

    def _plain(self, node: str, member: Resource, far: Resource, found: set[str]) -> None:
        """The plain records between ``member`` and ``far``: one edge between their nodes,
        or (when one end is no node) records read in full like any other link."""
        reader = self.reader
        near, there = reader.node_of(member), reader.node_of(far)
        if near is not None and there is not None:
            for end in (near, there):
                if end != node:
                    found.add(end)
                    self._via[node, end].add((key_of(member), key_of(far)))
            return
        records = reader.records_between(member, far)
        reader.load(records)
        reader.load_links(records)
        reader.load(other for r in records for other, _p, _f in reader.links(r))
        for record in records:
            for other, prop, forward in reader.links(record):
                if other == member:
                    self._link(node, member, (record, prop, not forward), found)

    def _link(
        self, node: str, member: Resource, link: tuple[Resource, str, bool], found: set[str]
    ) -> None:
        """What one link of ``member`` (a resource of ``node``: other, property, out) adds."""
        reader = self.reader
        other, prop, forward = link
        group = reader.group(other)
        if group is None or (group is Group.DOCUMENT and not self.documents):
            return
        target = reader.node_of(other)
        if target is None or target == node:
            return
        if self.collapse and group is Group.RECORD:
            ends = self._ends(target)
            if ends is not None:
                for end in ends:
                    if end != node:
                        found.add(end)
                        self._via[node, end].add(target)
                return
        found.add(target)
        here, there = key_of(member), key_of(other)
        self._via[node, target].add((here, prop, there) if forward else (there, prop, here))

    def walk(self, seeds: Iterable[str], depth: int, budget: int = DEFAULT_BUDGET) -> Walk:
        """Nodes within ``depth`` hops of a seed (at most ``budget`` of them)."""
        result = Walk(self.reader)
        frontier = sorted(set(seeds))
        for seed in frontier:
            result.depth[seed] = 0
        for level in range(depth + 1):
            if level == depth and not self.collapse:
                break  # the last level's links are read with its nodes (only records collapse)
            following: list[str] = []
            self.expand(frontier)
            for node in frontier:
                # Collapsed, the last level is read too: a record between two of its nodes is
                # one edge of the view.
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
        reader = self.reader
        edges = {
            record
            for record, ends in self._collapsible.items()
            if ends is not None and ends[0] in nodes and ends[1] in nodes
        }
        for (u, v), vias in sorted(self._via.items()):
            if u in nodes and v in nodes:
                for via in sorted(vias, key=str):
                    if isinstance(via, tuple) and len(via) == 2:
                        edges.update(self._plain_records(reader.term(via[0]), reader.term(via[1])))
        collector = _Collector(self.reader, self._members, collapse=self.collapse)
        return list(dict.fromkeys(collector.collect(nodes | edges)))

    def chain_quads(self, nodes: set[str], pairs: Iterable[tuple[str, str]]) -> list[ox.Quad]:
        """What :func:`project` needs to draw the links between the ``pairs`` of ``nodes``
        (neighbours, one of each pair expanded): the records and links between them, the
        records among ``nodes`` in full, and of the entities only what makes them nodes (their
        names are read apart, :meth:`StoreReader.names`): never the whole of a hub."""
        reader = self.reader
        collector = _Collector(reader, self._members)
        vias: set[Via] = set()
        for u, v in pairs:
            vias |= self._via.get((u, v), set()) | self._via.get((v, u), set())
        records = {v for v in vias if isinstance(v, str)}
        links = sorted(v for v in vias if isinstance(v, tuple) and len(v) == 3)
        for via in vias:
            if isinstance(via, tuple) and len(via) == 2:
                records.update(self._plain_records(reader.term(via[0]), reader.term(via[1])))
        drawn = sorted(n for n in nodes if reader.group(reader.term(n)) is not Group.ENTITY)

        def read() -> Iterator[ox.Quad]:
            for node in sorted(nodes):
                for member in self._members(node):
                    yield from collector.stub(member)
            for key in [*drawn, *sorted(records)]:
                term = reader.term(key)
                yield from collector.described(term)
                if key in drawn:
                    yield from reader.incoming(term)
                reader.load(other for other, _p, _f in reader.links(term))
                for other, _prop, _forward in reader.links(term):
                    yield from collector.stub(other)
            for s, p, o in links:
                for quad in reader.store.quads_for_pattern(
                    reader.term(s), ox.NamedNode(p), reader.term(o), None
                ):
                    if isinstance(quad.graph_name, ox.NamedNode):
                        collector.graphs.add(quad.graph_name.value)
                    yield quad
            yield from collector.filings()

        return list(dict.fromkeys(read()))

    def _plain_records(self, a: Resource, b: Resource) -> list[str]:
        """The records drawn as one edge between ``a`` and ``b`` (read now: the walk only
        counted them)."""
        reader = self.reader
        records = reader.records_between(a, b)
        reader.load(records)
        reader.load_links(records)
        reader.load(other for r in records for other, _p, _f in reader.links(r))
        keys = [key_of(r) for r in records if reader.group(r) is Group.RECORD]
        return [k for k in keys if self._ends(k) is not None]


class _Collector:
    """The quads :func:`project` needs for some nodes (see :meth:`Walker.quads`)."""

    def __init__(
        self,
        reader: StoreReader,
        members: Callable[[str], list[Resource]],
        *,
        collapse: bool = True,
    ) -> None:
        self.reader = reader
        self.members = members
        self.collapse = collapse
        self.seen: set[str] = set()
        self.stubs: set[str] = set()
        self.graphs: set[str] = set()

    def collect(self, nodes: Iterable[str]) -> Iterator[ox.Quad]:
        """Each node's statements (and its values'), and a stub of every node it links to;
        collapsed, a record's incoming links too (a record something links to stays a node).
        Links into an entity or a filing are the statements of the nodes they come from:
        read with those when they are kept, of no use when they are not."""
        reader = self.reader
        for node in sorted(nodes):
            for member in self.members(node):
                yield from self.described(member)
                ends = [
                    q.object
                    for q in reader.statements(member)
                    if q.predicate.value in reader.walked and isinstance(q.object, Resource)
                ]
                if self.collapse and reader.group(member) is Group.RECORD:
                    incoming = reader.incoming(member)
                    yield from incoming
                    ends += [q.subject for q in incoming if isinstance(q.subject, Resource)]
                reader.load(ends)
                for other in ends:
                    yield from self.stub(other)
        yield from self.filings()

    def filings(self) -> Iterator[ox.Quad]:
        """Of each filing whose graph states something about a node read (and is no node
        drawn itself), what the projection knows it as a document and labels it by."""
        todo = sorted(g for g in self.graphs if g.startswith(ID_NS) and g not in self.seen)
        self.seen.update(todo)
        yield from self.reader.labels(self.reader.term(g) for g in todo)

    def described(self, term: Resource) -> Iterator[ox.Quad]:
        """A resource's statements and those of the values it shows, recursively; the
        graphs of its own statements are remembered (:meth:`filings`)."""
        reader = self.reader
        todo = [term]
        while todo:
            current = todo.pop()
            key = key_of(current)
            if key in self.seen:
                continue
            self.seen.add(key)
            statements = reader.statements(current)
            reader.load(
                q.object
                for q in statements
                if q.predicate != RDF_TYPE and isinstance(q.object, ox.NamedNode | ox.BlankNode)
            )
            for quad in statements:
                if current is term and isinstance(quad.graph_name, ox.NamedNode):
                    self.graphs.add(quad.graph_name.value)
                yield quad
                obj = quad.object
                if quad.predicate == RDF_TYPE or not isinstance(obj, ox.NamedNode | ox.BlankNode):
                    continue
                if reader.group(obj) is not None:
                    continue
                if isinstance(obj, ox.BlankNode) or obj.value.startswith((ID_NS, SG_NS)):
                    todo.append(obj)

    def stub(self, term: Resource) -> Iterator[ox.Quad]:
        """Enough of a node one hop out for the projection to know it is a node: its types
        and cluster (read once, not once per filing that states them)."""
        key = key_of(term)
        if key in self.seen or key in self.stubs:
            return
        self.stubs.add(key)
        reader = self.reader
        for kind in sorted(reader.types(term)):
            if kind:
                yield ox.Quad(term, RDF_TYPE, ox.NamedNode(kind))
        if reader.group(term) is Group.ENTITY and reader.canonical(term) != key:
            yield ox.Quad(term, SG.canonical, reader.term(reader.canonical(term)))


def project_part(walker: Walker, nodes: set[str], *, collapse: bool) -> nx.MultiDiGraph:
    """The projection of ``nodes`` (and the edges between them) read through ``walker``."""
    return _trimmed(walker, project(walker.quads(nodes), collapse=collapse), nodes, collapse)


def project_chains(walker: Walker, nodes: set[str], pairs: set[tuple[str, str]]) -> nx.MultiDiGraph:
    """The collapsed projection of ``nodes`` with the edges between the ``pairs`` (see
    :meth:`Walker.chain_quads`); entities labeled by their names as the whole one would."""
    g = _trimmed(walker, project(walker.chain_quads(nodes, pairs), collapse=True), nodes, True)
    reader = walker.reader
    for node, data in g.nodes(data=True):
        if data["group"] == Group.ENTITY.value:
            names = reader.names(node)
            if names:
                data["label"] = names[0]
    return g


def _trimmed(
    walker: Walker, g: nx.MultiDiGraph, nodes: set[str], collapse: bool
) -> nx.MultiDiGraph:
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


def _has_search_keys(store: Dataset) -> bool:
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
                todo.append(key_of(obj))
    return selected
