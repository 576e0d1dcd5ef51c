"""What the bounded views read from the store, a few resources at a time, with memory.

A store's cost is in its lookups and in decoding terms: every quad read through
``quads_for_pattern`` decodes its subject, predicate, object and graph name, and an entity's
type and name statements are repeated in every filing's graph that mentions it (a company of
24 filings: 192 ``rdf:type`` quads for 8 types). So what the walk asks is asked in SPARQL, the
store joining, counting and dropping the repeats before anything is decoded, for a whole
breadth-first level at once (``VALUES`` of its resources):

* the links between resources that can be nodes (:meth:`StoreReader.load_links`), with their
  types and cluster (``sg:canonical``) in the same pass: only the object properties whose
  declared range can hold a node (``sg:holder``, ``sg:party``...), not those that point to
  values (``sg:address``, ``sg:security``, ``sg:footnote``);
* for the collapsed view (``path``), the far ends of the plain records of a resource
  (:meth:`StoreReader.load_far`): the records of a whole level are listed once, then what
  makes one not plain is asked of all of them, one reason a query;
* what a filing is labeled by (:meth:`StoreReader.labels`), for the filings a view names but
  does not draw.

The full statements of a resource (:meth:`StoreReader.statements`, every quad with its
graph) are read only for the nodes a view draws and the values they show. Blank nodes cannot
be written into a query: they are read one by one through the quad index.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from secgraph.graph.vocab import RDF_TYPE, SG, SG_NS
from secgraph.store.base import Dataset
from secgraph.views.schema import Group, ViewSchema, view_schema

Resource = ox.NamedNode | ox.BlankNode

#: Links the views never draw as edges: the entity cluster and a record's filing.
STRUCTURAL = frozenset({SG.canonical.value, SG.sourceFiling.value})
_HOLDER, _ORGANIZATION = SG.holder.value, SG.organization.value
#: Resources written into one query's VALUES at most.
CHUNK = 400
#: What a filing is labeled by in the views (see ``property_graph._label``).
LABEL_PROPERTIES = (
    "formType",
    "accessionNumber",
    "sourceFile",
    "periodDate",
    "filedDate",
    "signatureDate",
)


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

    def __init__(self, store: Dataset, schema: ViewSchema | None = None) -> None:
        self.store = store
        self.schema = schema or view_schema()
        self.walked = walk_properties(self.schema)
        self._out: dict[str, list[ox.Quad]] = {}
        self._in: dict[str, list[ox.Quad]] = {}
        self._types: dict[str, set[str]] = {}
        self._canonical: dict[str, str] = {}
        self._members: dict[str, list[Resource]] = {}
        self._links_out: dict[str, list[tuple[Resource, str, bool]]] = {}
        self._links_in: dict[str, list[tuple[Resource, str, bool]]] = {}
        self._far: dict[str, list[str]] = {}
        self._others: dict[str, list[tuple[Resource, str, bool]]] = {}
        self._terms: dict[str, Resource] = {}
        self._sparql = _Snippets(self.schema, self.walked)

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
        result = self.store.query(
            query,
            prefixes={"sg": SG_NS, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
            use_default_graph_as_union=True,
        )
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

    def labels(self, terms: Iterable[Resource]) -> Iterator[ox.Quad]:
        """The types and the statements a filing is labeled by (form, accession number,
        source file, dates) of each resource, once each (in the default graph): what the
        projection needs of a filing that is named, not drawn."""
        keys = [self.note(t) for t in terms]
        props = ", ".join(["rdf:type", *(str(ox.NamedNode(SG_NS + p)) for p in LABEL_PROPERTIES)])
        for iris, blanks in self._batches(keys):
            if iris:
                rows = self._select(
                    f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?s {{ {' '.join(iris)} }} "
                    f"?s ?p ?o FILTER(?p IN ({props})) }}"
                )
                for row in rows:
                    subject, obj = row["s"], row["o"]
                    if isinstance(subject, Resource) and not isinstance(obj, ox.Triple):
                        yield ox.Quad(subject, ox.NamedNode(row["p"].value), obj)
            for key in blanks:
                yield from self.statements(self.term(key))

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

    def load_links(self, terms: Iterable[Resource], *, incoming: bool = True) -> None:
        """Read the links (by the walked properties) of every resource not read yet, with its
        types and cluster in the same pass over its statements; ``incoming``: the links to
        it too (those of an entity are all its records: read only for what is expanded)."""
        keys = sorted({self.note(t) for t in terms})
        out = [k for k in keys if k not in self._links_out]
        into = [k for k in keys if k not in self._links_in] if incoming else []
        walked = ", ".join(str(ox.NamedNode(p)) for p in sorted(self.walked))
        found: dict[str, set[tuple[str, str, bool]]] = {key: set() for key in out + into}
        types: dict[str, set[str]] = {key: set() for key in out}
        canonical: dict[str, str] = {}
        for iris, blanks in self._batches(out):
            if iris:
                rows = self._select(
                    f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?s {{ {' '.join(iris)} }} ?s ?p ?o "
                    f"FILTER(?p IN (rdf:type, sg:canonical, {walked}) && !isLiteral(?o)) }}"
                )
                for row in rows:
                    key, prop, obj = key_of(row["s"]), row["p"].value, row["o"]
                    if prop == RDF_TYPE.value:
                        types[key].add(_iri(obj))
                    elif prop == SG.canonical.value:
                        canonical[key] = self.note(obj)
                    else:
                        found[key].add((self.note(obj), prop, True))
            for key in blanks:
                term = self.term(key)
                for q in self.store.quads_for_pattern(term, None, None, None):
                    prop = q.predicate.value
                    if q.predicate == RDF_TYPE:
                        types[key].add(_iri(q.object))
                    elif q.predicate == SG.canonical and isinstance(q.object, Resource):
                        canonical[key] = self.note(q.object)
                    elif prop in self.walked and isinstance(q.object, Resource):
                        found[key].add((self.note(q.object), prop, True))
        for iris, blanks in self._batches(into):
            if iris:
                rows = self._select(
                    f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?o {{ {' '.join(iris)} }} ?s ?p ?o "
                    f"FILTER(?p IN ({walked})) }}"
                )
                for row in rows:
                    found[key_of(row["o"])].add((self.note(row["s"]), row["p"].value, False))
            for key in blanks:
                term = self.term(key)
                for q in self.store.quads_for_pattern(None, None, term, None):
                    if q.predicate.value in self.walked and isinstance(q.subject, Resource):
                        found[key].add((self.note(q.subject), q.predicate.value, False))
        for key in out:
            self._types.setdefault(key, types[key])
            if key not in self._canonical and self._group_of(key) is Group.ENTITY:
                self._canonical[key] = canonical.get(key, key)
            self._links_out[key] = [(self.term(o), p, f) for o, p, f in sorted(found[key]) if f]
        for key in into:
            self._links_in[key] = [(self.term(o), p, f) for o, p, f in sorted(found[key]) if not f]

    def links(self, term: Resource) -> list[tuple[Resource, str, bool]]:
        """The resources ``term`` is linked to by a walked property: (other, property, out)."""
        key = self.note(term)
        if key not in self._links_out or key not in self._links_in:
            self.load_links([term])
        return self._links_out[key] + self._links_in[key]

    # -- the collapsed view: records between two entities, counted in the store ---------------

    def load_far(self, terms: Iterable[Resource], *, documents: bool) -> None:
        """For each resource, the far ends of the *plain* records it is the holder or the
        organization of (:meth:`far`), and its other links (:meth:`others`).

        A plain record is a record (a record class among its types, no other node class) with
        one holder, one organization, no other link by a walked property and no link to it:
        the view draws it as one edge between the nodes of those two whenever both are nodes.
        The records of a level are listed in one pass, then what makes a record not plain is
        asked of all of them at once, one reason a query (:meth:`_Snippets.odd`), each a
        lookup per record through the store's indexes: a filter that tested every reason for
        every record cost 0.4 ms a record (1.1 s of a 1.7 s ``path`` on 2,500 filings).
        Resources that are no plain record (an agreement, a filing unless ``documents`` is
        False) come back one by one, to be looked at in full."""
        todo = sorted({self.note(t) for t in terms} - self._far.keys())
        if not todo:
            return
        far: dict[str, set[str]] = {key: set() for key in todo}
        others: dict[str, set[tuple[str, str, bool]]] = {key: set() for key in todo}
        sparql = self._sparql
        for iris, blanks in self._batches(todo):
            if iris:
                values = " ".join(iris)
                held: dict[str, list[tuple[str, str]]] = {}  # record -> (resource, property)
                for row in self._select(sparql.record_links(values)):
                    held.setdefault(self.note(row["x"]), []).append(
                        (key_of(row["m"]), row["p"].value)
                    )
                ends = self._plain_ends(sorted(held))
                for record, links in held.items():
                    pair = ends.get(record)
                    for m, prop in links:
                        if pair is None:
                            others[m].add((record, prop, False))
                        else:
                            far[m].add(self.note(pair[1] if prop == _HOLDER else pair[0]))
                for row in self._select(sparql.linked_in(values, documents=documents)):
                    others[key_of(row["m"])].add((self.note(row["x"]), row["p"].value, False))
                for row in self._select(sparql.linked_out(values)):
                    others[key_of(row["m"])].add((self.note(row["x"]), row["p"].value, True))
            for key in blanks:  # read in full: every link is another one
                others[key] = {(key_of(o), p, f) for o, p, f in self.links(self.term(key))}
        for key in todo:
            self._far[key] = sorted(far[key])
            self._others[key] = [(self.term(o), p, f) for o, p, f in sorted(others[key])]

    def _plain_ends(self, records: list[str]) -> dict[str, tuple[Resource, Resource]]:
        """The plain ones of ``records`` (keys of resources of a record class), each with its
        (holder, organization)."""
        ends: dict[str, list[tuple[Resource, Resource]]] = {}
        odd: set[str] = set()
        for iris, blanks in self._batches(records):
            if iris:
                values = " ".join(iris)
                for query in self._sparql.odd(values):
                    odd.update(key_of(row["x"]) for row in self._select(query))
                for row in self._select(self._sparql.ends(values)):
                    ends.setdefault(key_of(row["x"]), []).append((row["h"], row["o"]))
            for key in blanks:  # not in a query: its links, read through the quad index
                term = self.term(key)
                links = self.links(term)
                out = [(o, p) for o, p, f in links if f]
                holders = [o for o, p in out if p == _HOLDER]
                organizations = [o for o, p in out if p == _ORGANIZATION]
                classes = self.schema.node_classes
                groups = {classes[t].group for t in self.types(term) if t in classes}
                if (
                    len(out) == len(links) == 2  # nothing links to it
                    and len(holders) == len(organizations) == 1
                    and groups == {Group.RECORD}
                ):
                    ends[key] = [(holders[0], organizations[0])]
        return {
            key: pairs[0]
            for key, pairs in ends.items()
            if len(pairs) == 1
            and key not in odd
            and all(isinstance(end, ox.NamedNode | ox.BlankNode) for end in pairs[0])
        }

    def far(self, term: Resource) -> list[str]:
        """The far ends of the plain records of ``term`` (see :meth:`load_far`)."""
        return self._far[key_of(term)]

    def others(self, term: Resource) -> list[tuple[Resource, str, bool]]:
        """The links of ``term`` that are no plain record's (see :meth:`load_far`)."""
        return self._others[key_of(term)]

    def records_between(self, a: Resource, b: Resource) -> list[Resource]:
        """The records whose holder and organization are ``a`` and ``b`` (either way)."""
        found = self._records_of(a, b) | self._records_of(b, a)
        return sorted(found, key=key_of)

    def _records_of(self, holder: Resource, organization: Resource) -> set[Resource]:
        """The records of this holder at this organization. The holder's records and the
        organization's are read side by side until the shorter list ends; each of its records
        is then looked up for the other end. A query joining the two started from whichever
        it liked: from a person named in 800 filings it read all of their records to find
        the few at one company (the evidence of one edge of a ``path``, 0.16 s at 100,000
        filings)."""
        ends = ((SG.holder, holder), (SG.organization, organization))
        lists = [iter(self.store.quads_for_pattern(None, p, o, None)) for p, o in ends]
        read: list[set[Resource]] = [set(), set()]
        while True:
            for side, quads in enumerate(lists):
                quad = next(quads, None)
                if quad is None:  # every record of this end is read: keep those of the other
                    p, o = ends[1 - side]
                    return {
                        r
                        for r in read[side]
                        if next(iter(self.store.quads_for_pattern(r, p, o, None)), None)
                    }
                if isinstance(quad.subject, ox.NamedNode | ox.BlankNode):
                    read[side].add(quad.subject)

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


class _Snippets:
    """The SPARQL of :meth:`StoreReader.load_far`, written once per schema."""

    def __init__(self, schema: ViewSchema, walked: frozenset[str]) -> None:
        def terms(iris: Iterable[str]) -> str:
            return ", ".join(str(ox.NamedNode(i)) for i in sorted(iris))

        classes = schema.node_classes.values()
        records = terms(c.iri for c in classes if c.group is Group.RECORD)
        not_records = terms(c.iri for c in classes if c.group is not Group.RECORD)
        documents = terms(c.iri for c in classes if c.group is Group.DOCUMENT)
        not_documents = terms(c.iri for c in classes if c.group is not Group.DOCUMENT)
        self.walked = terms(walked)
        rest = terms(walked - {SG.holder.value, SG.organization.value})
        self._record = "EXISTS {{ {v} a ?t1 FILTER(?t1 IN (" + records + ")) }}"
        # What makes a record not plain, one reason a query (see StoreReader.load_far): a
        # class of node that is no record, another walked link, a walked link to it.
        self._odd = (
            "?x a ?t2 FILTER(?t2 IN (" + not_records + "))",
            "?x ?q ?z FILTER(?q IN (" + rest + "))",
            "?y ?s ?x FILTER(?s IN (" + self.walked + "))",
        )
        self._document = (
            "EXISTS {{ {v} a ?d1 FILTER(?d1 IN (" + documents + ")) }}"
            " && NOT EXISTS {{ {v} a ?d2 FILTER(?d2 IN (" + not_documents + ")) }}"
        )

    def record_links(self, values: str) -> str:
        """The records ``?x`` whose holder or organization (``?p``) is a resource ``?m``."""
        return (
            f"SELECT ?m ?x ?p WHERE {{ VALUES ?m {{ {values} }} "
            "?x ?p ?m FILTER(?p IN (sg:holder, sg:organization)) "
            f"FILTER({self._record.format(v='?x')}) }}"
        )

    def odd(self, values: str) -> list[str]:
        """Queries of the records ``?x`` among ``values`` that are not plain, one reason each
        (a record without one holder and one organization is found by :meth:`ends`: it has
        no pair, or several)."""
        return [
            f"SELECT DISTINCT ?x WHERE {{ VALUES ?x {{ {values} }} {reason} }}"
            for reason in self._odd
        ]

    def ends(self, values: str) -> str:
        """The (holder ``?h``, organization ``?o``) pairs of the records ``?x``."""
        return (
            f"SELECT ?x ?h ?o WHERE {{ VALUES ?x {{ {values} }} "
            "?x sg:holder ?h ; sg:organization ?o }"
        )

    def linked_in(self, values: str, *, documents: bool) -> str:
        """What links to ``?m`` but as the holder or organization of a record."""
        skip = "" if documents else f" FILTER(!({self._document.format(v='?x')}))"
        return (
            f"SELECT DISTINCT ?m ?x ?p WHERE {{ VALUES ?m {{ {values} }} ?x ?p ?m "
            f"FILTER(?p IN ({self.walked})) "
            "FILTER(?p NOT IN (sg:holder, sg:organization) "
            f"|| !({self._record.format(v='?x')})){skip} }}"
        )

    def linked_out(self, values: str) -> str:
        """What ``?m`` links to."""
        return (
            f"SELECT DISTINCT ?m ?x ?p WHERE {{ VALUES ?m {{ {values} }} ?m ?p ?x "
            f"FILTER(?p IN ({self.walked}) && !isLiteral(?x)) }}"
        )
