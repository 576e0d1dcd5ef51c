"""What the bounded views read from the store, a few resources at a time, with memory.

A store's cost is in decoding terms: every quad read through ``quads_for_pattern`` decodes its
subject, predicate, object and graph name (on an uncompacted store about 20 us a term), and an
entity's type and name statements are repeated in every filing's graph that mentions it (a
company of 24 filings: 192 ``rdf:type`` quads for 8 types). So what the walk asks is asked in
SPARQL with ``DISTINCT``, the store dropping the repeats before anything is decoded, for a
whole breadth-first level at once (``VALUES`` of its resources):

* the kinds of resources (:meth:`StoreReader.load`): their types and ``sg:canonical``;
* the links between resources that can be nodes (:meth:`StoreReader.load_links`): only the
  object properties whose declared range can hold a node (``sg:holder``, ``sg:party``...),
  not those that point to values (``sg:address``, ``sg:security``, ``sg:footnote``).

The full statements of a resource (:meth:`StoreReader.statements`, every quad with its
graph) are read only for the nodes a view draws and the values they show. Blank nodes cannot
be written into a query: they are read one by one through the quad index.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from secgraph.graph.vocab import RDF_TYPE, SG, SG_NS
from secgraph.views.schema import Group, ViewSchema, view_schema

Resource = ox.NamedNode | ox.BlankNode

#: Links the views never draw as edges: the entity cluster and a record's filing.
STRUCTURAL = frozenset({SG.canonical.value, SG.sourceFiling.value})
#: Resources written into one query's VALUES at most.
CHUNK = 400


def key_of(term: Resource) -> str:
    return term.value if isinstance(term, ox.NamedNode) else "_:" + term.value


def _iri(term: object) -> str:
    return term.value if isinstance(term, ox.NamedNode) else ""


def walk_properties(schema: ViewSchema) -> frozenset[str]:
    """Object properties that can link two nodes: drawn as edges, minus the structural ones,
    minus those whose declared range is a class of values (no node class at or below it)."""
    below: set[str] = set()  # classes that are node classes or superclasses of one
    for node_class in schema.node_classes.values():
        below.update(node_class.ancestors)
    return frozenset(
        p
        for p in schema.object_properties
        if p not in STRUCTURAL and (p not in schema.ranges or schema.ranges[p] in below)
    )


class StoreReader:
    """Lookups in one store for the bounded views, each resource read once."""

    def __init__(self, store: ox.Store, schema: ViewSchema | None = None) -> None:
        self.store = store
        self.schema = schema or view_schema()
        self.walked = walk_properties(self.schema)
        self._out: dict[str, list[ox.Quad]] = {}
        self._in: dict[str, list[ox.Quad]] = {}
        self._types: dict[str, set[str]] = {}
        self._canonical: dict[str, str] = {}
        self._members: dict[str, list[Resource]] = {}
        self._links: dict[str, list[tuple[Resource, str, bool]]] = {}
        self._terms: dict[str, Resource] = {}

    # -- terms ---------------------------------------------------------------------------------

    def term(self, key: str) -> Resource:
        """The term of a key (an IRI, or ``_:id`` for a blank node of this store)."""
        found = self._terms.get(key)
        if found is None:
            found = ox.BlankNode(key[2:]) if key.startswith("_:") else ox.NamedNode(key)
            self._terms[key] = found
        return found

    def note(self, term: Resource) -> str:
        key = key_of(term)
        self._terms.setdefault(key, term)
        return key

    def _select(self, query: str) -> Iterator[ox.QuerySolution]:
        result = self.store.query(query, prefixes={"sg": SG_NS}, use_default_graph_as_union=True)
        assert isinstance(result, ox.QuerySolutions)
        return iter(result)

    def _batches(self, keys: Iterable[str]) -> Iterator[tuple[list[str], list[str]]]:
        """(IRIs as query text, blank-node keys) in chunks."""
        iris: list[str] = []
        blanks: list[str] = []
        for key in keys:
            if key.startswith("_:"):
                blanks.append(key)
            else:
                iris.append(str(ox.NamedNode(key)))
        for start in range(0, max(len(iris), 1), CHUNK):
            yield iris[start : start + CHUNK], blanks if start == 0 else []

    # -- full statements (what a drawn node and its values are projected from) -----------------

    def statements(self, term: Resource) -> list[ox.Quad]:
        """Every quad whose subject is ``term``, in any graph."""
        key = self.note(term)
        found = self._out.get(key)
        if found is None:
            found = list(self.store.quads_for_pattern(term, None, None, None))
            self._out[key] = found
            if key not in self._types:
                self._types[key] = {_iri(q.object) for q in found if q.predicate == RDF_TYPE}
        return found

    def incoming(self, term: Resource) -> list[ox.Quad]:
        """Quads linking to ``term`` by an object property drawn as an edge."""
        key = self.note(term)
        found = self._in.get(key)
        if found is None:
            props = self.schema.object_properties
            found = [
                q
                for q in self.store.quads_for_pattern(None, None, term, None)
                if q.predicate.value in props and q.predicate.value not in STRUCTURAL
            ]
            self._in[key] = found
        return found

    # -- kinds: types and clusters ---------------------------------------------------------------

    def load(self, terms: Iterable[Resource]) -> None:
        """Read the types and ``sg:canonical`` of every resource not read yet."""
        todo = sorted({self.note(t) for t in terms} - self._types.keys())
        if not todo:
            return
        for key in todo:
            self._types[key] = set()
        for iris, blanks in self._batches(todo):
            if iris:
                rows = self._select(
                    f"SELECT DISTINCT ?s ?t WHERE {{ VALUES ?s {{ {' '.join(iris)} }} ?s a ?t }}"
                )
                for row in rows:
                    self._types[key_of(row["s"])].add(_iri(row["t"]))
            for key in blanks:
                term = self.term(key)
                self._types[key] = {
                    _iri(q.object) for q in self.store.quads_for_pattern(term, RDF_TYPE, None)
                }
        entities = [k for k in todo if self._group_of(k) is Group.ENTITY]
        self._load_canonical(entities)

    def _load_canonical(self, keys: list[str]) -> None:
        todo = [k for k in keys if k not in self._canonical]
        for key in todo:
            self._canonical[key] = key
        for iris, blanks in self._batches(todo):
            if iris:
                rows = self._select(
                    f"SELECT ?s ?c WHERE {{ VALUES ?s {{ {' '.join(iris)} }} ?s sg:canonical ?c }}"
                )
                for row in rows:  # one per entity (the resolution graph's)
                    if isinstance(row["c"], ox.NamedNode | ox.BlankNode):
                        self._canonical[key_of(row["s"])] = self.note(row["c"])
            for key in blanks:
                self._canonical[key] = self._canonical_one(self.term(key))

    def _canonical_one(self, term: Resource) -> str:
        found = key_of(term)
        for quad in self.store.quads_for_pattern(term, SG.canonical, None, None):
            if isinstance(quad.object, ox.NamedNode | ox.BlankNode):
                return self.note(quad.object)
        return found

    def types(self, term: Resource) -> set[str]:
        key = self.note(term)
        if key not in self._types:
            self.load([term])
        return self._types[key]

    def _group_of(self, key: str) -> Group | None:
        kind = self.schema.kind_of(self._types[key])
        return kind.group if kind else None

    def group(self, term: Resource) -> Group | None:
        kind = self.schema.kind_of(self.types(term))
        return kind.group if kind else None

    def canonical(self, term: Resource) -> str:
        """The node an entity resource belongs to (its ``sg:canonical``, else itself)."""
        key = self.note(term)
        found = self._canonical.get(key)
        if found is None:
            found = self._canonical_one(term)
            self._canonical[key] = found
        return found

    def node_of(self, term: Resource) -> str | None:
        """The view node of a resource; None for a value (an address, a code)."""
        group = self.group(term)
        if group is None:
            return None
        return self.canonical(term) if group is Group.ENTITY else self.note(term)

    def load_members(self, nodes: Iterable[str]) -> None:
        """Read the clusters of entity nodes (the resources whose ``sg:canonical`` they are)."""
        todo = sorted(set(nodes) - self._members.keys())
        for key in todo:
            self._members[key] = [self.term(key)]
        for iris, blanks in self._batches(todo):
            if iris:
                rows = self._select(
                    f"SELECT ?c ?s WHERE {{ VALUES ?c {{ {' '.join(iris)} }} ?s sg:canonical ?c }}"
                )
                for row in sorted(rows, key=lambda r: (str(r["c"]), str(r["s"]))):
                    node, subject = key_of(row["c"]), row["s"]
                    if isinstance(subject, ox.NamedNode | ox.BlankNode) and key_of(subject) != node:
                        self.note(subject)
                        self._members[node].append(subject)
            for key in blanks:
                self._members.pop(key)
                self.members(key)

    def members(self, node: str) -> list[Resource]:
        """The resources a node stands for: an entity's cluster, or the node itself."""
        found = self._members.get(node)
        if found is None:
            term = self.term(node)
            found = [term]
            for quad in self.store.quads_for_pattern(None, SG.canonical, term, None):
                subject = quad.subject
                if isinstance(subject, ox.NamedNode | ox.BlankNode) and subject != term:
                    self.note(subject)
                    found.append(subject)
            self._members[node] = found
        return found

    # -- links between resources that can be nodes -------------------------------------------------

    def load_links(self, terms: Iterable[Resource]) -> None:
        """Read the links (both ways, by the walked properties) of every resource not read."""
        todo = sorted({self.note(t) for t in terms} - self._links.keys())
        if not todo:
            return
        found: dict[str, set[tuple[str, str, bool]]] = {key: set() for key in todo}
        props = ", ".join(str(ox.NamedNode(p)) for p in sorted(self.walked))
        for iris, blanks in self._batches(todo):
            if iris:
                values = " ".join(iris)
                out = self._select(
                    f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o "
                    f"FILTER(?p IN ({props}) && !isLiteral(?o)) }}"
                )
                for row in out:
                    found[key_of(row["s"])].add((self.note(row["o"]), row["p"].value, True))
                inc = self._select(
                    f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?o {{ {values} }} ?s ?p ?o "
                    f"FILTER(?p IN ({props})) }}"
                )
                for row in inc:
                    found[key_of(row["o"])].add((self.note(row["s"]), row["p"].value, False))
            for key in blanks:
                term = self.term(key)
                for q in self.store.quads_for_pattern(term, None, None, None):
                    if q.predicate.value in self.walked and isinstance(q.object, Resource):
                        found[key].add((self.note(q.object), q.predicate.value, True))
                for q in self.store.quads_for_pattern(None, None, term, None):
                    if q.predicate.value in self.walked and isinstance(q.subject, Resource):
                        found[key].add((self.note(q.subject), q.predicate.value, False))
        for key, links in found.items():
            self._links[key] = [(self.term(o), p, fwd) for o, p, fwd in sorted(links)]

    def links(self, term: Resource) -> list[tuple[Resource, str, bool]]:
        """The resources ``term`` is linked to by a walked property: (other, property, out)."""
        key = self.note(term)
        if key not in self._links:
            self.load_links([term])
        return self._links[key]

    # -- names -----------------------------------------------------------------------------------

    def names(self, node: str) -> list[str]:
        """An entity node's names as the projection orders them: preferred names first, then
        the names printed, most often first (a name counts once per graph stating it), read as
        counts rather than as one quad per filing."""
        members = [m for m in self.members(node) if self._is_member(m, node)]
        iris = [str(m) for m in members if isinstance(m, ox.NamedNode)]
        preferred: set[str] = set()
        printed: Counter[str] = Counter()
        if iris:
            rows = self._select(
                f"SELECT ?p ?n (COUNT(*) AS ?c) WHERE {{ VALUES ?m {{ {' '.join(iris)} }} "
                "VALUES ?p { sg:name sg:preferredName } ?m ?p ?n FILTER(isLiteral(?n)) } "
                "GROUP BY ?p ?n"
            )
            for row in rows:
                if row["p"] == SG.preferredName:
                    preferred.add(row["n"].value)
                else:
                    printed[row["n"].value] += int(row["c"].value)
        for member in members:
            if isinstance(member, ox.BlankNode):
                for quad in self.store.quads_for_pattern(member, None, None, None):
                    if isinstance(quad.object, ox.Literal) and quad.predicate == SG.name:
                        printed[quad.object.value] += 1
                    elif isinstance(quad.object, ox.Literal) and quad.predicate == SG.preferredName:
                        preferred.add(quad.object.value)
        by_count = sorted(printed.items(), key=lambda x: (-x[1], x[0]))
        return list(dict.fromkeys(sorted(preferred) + [n for n, _ in by_count]))

    def _is_member(self, term: Resource, node: str) -> bool:
        """True when the projection counts ``term`` in ``node``: an entity of its cluster, or
        the node itself when it has any statement."""
        if key_of(term) != node:
            return self.group(term) is Group.ENTITY
        if self.group(term) is not None:
            return True
        return next(iter(self.store.quads_for_pattern(term, None, None, None)), None) is not None
