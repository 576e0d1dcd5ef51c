"""RDF -> networkx property graph: the ONE projection every non-RDF export reads.

Nodes (kinds read from the ontology, see :mod:`secgraph.views.schema`):

* entities, one node per resolved entity: members are merged into their ``sg:canonical``;
* records of relationships (roles, transactions, holdings, offerings, agreements, agreement
  events), one node each, or with ``collapse=True`` a labeled edge holder -> organization
  carrying the record's attributes when the record links exactly those two;
* filings (documents), linked to their filers, subject and signers.

Edges are the ontology's object properties between two nodes, labeled by the property's
``rdfs:label``. Every other value is a node attribute keyed by the property's local name:
literals by their lexical form, other resources (addresses, securities, role kinds, footnote
annotations) by a short description. Each node and edge lists the filings it came from
(``filings``: filing IRIs, from ``sg:sourceFiling`` for nodes and from the named graphs
stating the link for edges).

Attribute values are ``str`` or sorted ``list[str]`` (exact lexical forms: no float rounding);
exporters flatten lists. Nodes and edges are inserted in a stable order so exports are stable:
nodes by IRI, then transactions and holdings in filing order (date, filing, row). A value that
describes a resource (an address) never carries where it was read; that is in an attribute of
its own (``addressSource``: the filing and line or XML path). An edge cites the filings whose
graphs state it, not every filing of its source node.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pyoxigraph as ox

from secgraph.graph.vocab import RDF_TYPE, RDFS_LABEL, SG, SG_NS
from secgraph.views.schema import Group, ViewSchema, local_name, view_schema

Term = ox.NamedNode | ox.BlankNode | ox.Literal

# Dates that place a node in time (GEXF start/end, the HTML date filter), in order of preference.
_START = ("startDate", "transactionDate", "agreementDate", "eventDate", "dateOfFirstSale")
_START_FILING = ("periodDate", "filedDate", "signatureDate")
_END = ("endDate",)
# Properties that name a resource, in order of preference, when it is shown as a value.
_NAMING = (
    "preferredName",
    "name",
    "definedTerm",
    "securityTitle",
    "title",
    "itemNumber",
    "signatureText",
)
_RECORD_DETAIL = (
    "definedTerm",
    "name",
    "title",
    "securityTitle",
    "security",
    "eventKind",
    "securityType",
)
# Parts of a value described by its literals, in reading order (an address, a footnote).
_READING_ORDER = ("footnoteId", "street", "city", "state", "postalCode", "country")
# Shown as values but never as attributes: they are the structure of the view itself.
_STRUCTURAL = ("canonical", "sourceFiling")
#: The entity finder's index keys (secgraph.graph.finder) and the listing order of the summary
#: graph (secgraph.graph.summary): derived for lookups and paging, not facts.
_INDEX = ("searchKey", "sortRank", "listedIn")
# Where a value was read: never part of the value; a described value's provenance is an
# attribute of its own (``address`` -> ``addressSource``).
_PROVENANCE = tuple(SG_NS + name for name in ("sourceLine", "sourcePath", "sourceFile"))


def _key(term: ox.NamedNode | ox.BlankNode | ox.DefaultGraph | ox.Triple) -> str:
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return ""


@dataclass
class _Resource:
    types: set[str] = field(default_factory=set)
    literals: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    links: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    graphs: set[str] = field(default_factory=set)
    # The named graphs (filings) that state each link: an edge cites those, not every filing
    # of its source node.
    link_graphs: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))


def quads_of(source: Any) -> Iterable[ox.Quad]:
    """All quads of a secgraph store (``.quads()``), a pyoxigraph Store, or quads."""
    quads = getattr(source, "quads", None)
    if callable(quads):
        return quads()  # type: ignore[no-any-return]
    if hasattr(source, "quads_for_pattern"):
        return source.quads_for_pattern(None, None, None, None)  # type: ignore[no-any-return]
    return source  # type: ignore[no-any-return]


class _Index:
    """The quads grouped by subject, with the ontology's view of each resource."""

    def __init__(self, quads: Iterable[ox.Quad], schema: ViewSchema) -> None:
        self.schema = schema
        self.res: dict[str, _Resource] = defaultdict(_Resource)
        for quad in quads:
            s = _key(quad.subject)
            if not s:
                continue
            r = self.res[s]
            r.graphs.add(_key(quad.graph_name))
            p, o = quad.predicate.value, quad.object
            if quad.predicate == RDF_TYPE and isinstance(o, ox.NamedNode):
                r.types.add(o.value)
            elif isinstance(o, ox.Literal):
                r.literals[p].append(o.value)
            elif isinstance(o, ox.NamedNode | ox.BlankNode):
                r.links[p].append(_key(o))
                r.link_graphs[p, _key(o)].add(_key(quad.graph_name))
        self.canonical: dict[str, str] = {}
        for iri, r in self.res.items():
            for target in r.links.get(SG.canonical.value, ()):
                self.canonical[iri] = target

    def first(self, iri: str, *props: str) -> str | None:
        r = self.res.get(iri)
        if r is None:
            return None
        for prop in props:
            values = r.literals.get(SG_NS + prop)
            if values:
                return sorted(values)[0]
        return None

    def source(self, iri: str) -> str | None:
        """Where a described resource was read: its filing and line or XML path
        (``<filing> line 31``); None when it carries no span."""
        r = self.res.get(iri)
        if r is None:
            return None
        places = [f"line {v}" for v in r.literals.get(SG_NS + "sourceLine", ())]
        places += r.literals.get(SG_NS + "sourcePath", [])
        if not places:
            return None
        filings = sorted(r.links.get(SG.sourceFiling.value, ())) or sorted(r.graphs)
        return "; ".join(f"{f} {p}" for f in filings for p in sorted(places))

    def describe(self, iri: str, depth: int = 0) -> str:
        """A short text for a resource shown as a value (an address, a security, a code)."""
        r = self.res.get(iri)
        if r is None:
            return self.schema.label(iri) if iri.startswith(SG_NS) else local_name(iri)
        named = self.first(iri, *_NAMING)
        if named:
            return named
        for label in sorted(r.literals.get(RDFS_LABEL.value, ())):
            return label
        if iri in self.schema.labels:
            return self.schema.labels[iri]
        on = r.links.get(SG.onProperty.value)
        notes = r.links.get(SG.footnote.value)
        if on and notes and depth < 2:  # a footnote annotation: "price per share: F1 text"
            texts = "; ".join(sorted(self.describe(n, depth + 1) for n in notes))
            return f"{self.schema.label(on[0])}: {texts}"
        order = {SG_NS + name: i for i, name in enumerate(_READING_ORDER)}
        props = sorted(
            (p for p in r.literals if p.startswith(SG_NS) and p not in _PROVENANCE),
            key=lambda p: (order.get(p, len(order)), p),
        )
        parts = [v for p in props for v in sorted(r.literals[p])]
        return ", ".join(parts) if parts else local_name(iri)


def _attributes(index: _Index, members: list[str], node_iris: set[str]) -> dict[str, Any]:
    """Attributes merged over members: every sg: property not drawn as an edge. A value that
    describes a resource (an address) has its provenance in ``<name>Source``, one entry per
    value in the same order."""
    values: dict[str, set[str]] = defaultdict(set)
    sources: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for iri in members:
        r = index.res.get(iri)
        if r is None:
            continue
        for prop, lits in r.literals.items():
            if prop.startswith(SG_NS) and local_name(prop) not in _INDEX:
                values[local_name(prop)].update(lits)
        for prop, targets in r.links.items():
            name = local_name(prop)
            if not prop.startswith(SG_NS) or name in _STRUCTURAL:
                continue
            for t in targets:
                if index.canonical.get(t, t) not in node_iris:
                    text = index.describe(t)
                    values[name].add(text)
                    if (where := index.source(t)) is not None:
                        sources[name][text].add(where)
    attrs: dict[str, Any] = {
        k: (sorted(v)[0] if len(v) == 1 else sorted(v)) for k, v in values.items()
    }
    for name, by_value in sources.items():
        listed = ["; ".join(sorted(by_value.get(v, ()))) for v in _as_list(attrs[name])]
        attrs[name + "Source"] = listed[0] if len(listed) == 1 else listed
    return dict(sorted(attrs.items()))


def _first_date(attrs: dict[str, Any], props: tuple[str, ...]) -> str | None:
    for prop in props:
        value = attrs.get(prop)
        if value:
            return value if isinstance(value, str) else min(value)
    return None


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _record_head(attrs: dict[str, Any], kind_label: str) -> str:
    kinds = _as_list(attrs.get("roleKind"))
    return " and ".join(kinds) if kinds else kind_label


def _label(group: Group, attrs: dict[str, Any], kind_label: str, names: list[str]) -> str:
    if group is Group.ENTITY:
        return names[0] if names else f"{kind_label} (name missing)"
    if group is Group.DOCUMENT:
        form = attrs.get("formType", "?")
        source = attrs.get("sourceFile")
        ref = attrs.get("accessionNumber") or (source and source.replace("\\", "/").rsplit("/")[-1])
        date = _first_date(attrs, _START_FILING)
        return f"Form {form}" + (f" {ref}" if ref else "") + (f" ({date})" if date else "")
    head = _record_head(attrs, kind_label)
    detail = next((attrs[p] for p in _RECORD_DETAIL if attrs.get(p)), None)
    date = _first_date(attrs, _START)
    text = head + (f": {', '.join(_as_list(detail))}" if detail else "")
    if date is None and attrs.get("asOfDate"):
        # A date that attests a role is not when it began: never a start, "as of".
        return text + f" (as of {_first_date(attrs, ('asOfDate',))})"
    return text + (f" ({date})" if date else "")


def _order(index: _Index, iri: str) -> tuple[Any, ...]:
    """Insertion order: nodes by IRI, then the rows of Tables I and II in filing order - date,
    filing (by its date), table, row number - so that "held after" reads in the order the
    filings report it (``tx/nd/10`` after ``tx/nd/9``, not after ``tx/nd/1``)."""
    row = index.first(iri, "rowIndex")
    if row is None or not row.isdigit():
        return (0, iri)
    filing = min(index.res[iri].links.get(SG.sourceFiling.value, [""]))
    filed = index.first(filing, *_START_FILING) or ""
    date = index.first(iri, "transactionDate") or filed
    derivative = index.first(iri, "isDerivative") == "true"
    return (1, date, filed, filing, derivative, int(row), iri)


def _entity_names(index: _Index, members: list[str]) -> list[str]:
    """Preferred name first, then the names printed, most frequent first."""
    preferred: set[str] = set()
    printed: Counter[str] = Counter()
    for iri in members:
        r = index.res.get(iri)
        if r is None:
            continue
        preferred.update(r.literals.get(SG.preferredName.value, ()))
        printed.update(r.literals.get(SG.name.value, ()))
    by_count = sorted(printed.items(), key=lambda x: (-x[1], x[0]))
    ordered = sorted(preferred) + [n for n, _ in by_count]
    return list(dict.fromkeys(ordered))


def project(source: Any, *, collapse: bool = False) -> nx.MultiDiGraph:
    """The property graph of a store (or dataset, or quads): see the module docstring."""
    schema = view_schema()
    index = _Index(quads_of(source), schema)
    # Node of each resource: entities by their canonical, records and filings by themselves.
    node_of: dict[str, str] = {}
    members: dict[str, list[str]] = defaultdict(list)
    types: dict[str, set[str]] = defaultdict(set)
    for iri, r in index.res.items():
        kind = schema.kind_of(r.types)
        if kind is None:
            continue
        node = index.canonical.get(iri, iri) if kind.group is Group.ENTITY else iri
        node_of[iri] = node
        members[node].append(iri)
        types[node].update(r.types)
    for node in list(members):  # a canonical node typed only through its members
        if node not in members[node] and node in index.res:
            members[node].append(node)
    node_iris = set(members)
    filing_iris = {
        n for n in node_iris if (k := schema.kind_of(types[n])) and k.group is Group.DOCUMENT
    }

    g = nx.MultiDiGraph(name="secgraph")
    for node in sorted(node_iris, key=lambda n: _order(index, n)):
        kind = schema.kind_of(types[node])
        assert kind is not None
        mem = sorted(members[node])
        attrs = _attributes(index, mem, node_iris)
        filings: set[str] = set()
        for iri in mem:
            found = index.res.get(iri)
            if found is not None:
                filings.update(found.links.get(SG.sourceFiling.value, ()))
                filings.update(found.graphs & filing_iris)
        if kind.group is Group.DOCUMENT:
            filings.add(node)
        names = _entity_names(index, mem) if kind.group is Group.ENTITY else []
        data: dict[str, Any] = {
            "label": _label(kind.group, attrs, kind.label, names),
            "kind": kind.name,
            "kind_label": kind.label,
            "group": kind.group.value,
            "filings": sorted(filings),
        }
        if kind.group is Group.ENTITY:
            data["names"] = names
            data["members"] = mem
        start = _first_date(attrs, _START_FILING if kind.group is Group.DOCUMENT else _START)
        end = _first_date(attrs, _END)
        if start:
            data["start"] = start
        if end:
            data["end"] = end
        g.add_node(node, **{k: v for k, v in attrs.items() if k not in data}, **data)

    edges: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for iri, r in index.res.items():
        u = node_of.get(iri)
        if u is None:
            continue
        for prop, targets in r.links.items():
            if prop not in schema.object_properties or local_name(prop) in _STRUCTURAL:
                continue
            for t in targets:
                v = node_of.get(t)
                if v is not None and v != u:
                    # The filings whose graphs state this link (Tecogen "member of" TTcogen:
                    # the 8-K only, not every filing that names Tecogen).
                    edges[u, v, prop].update(r.link_graphs[prop, t] & filing_iris)
    for (u, v, prop), stated_in in sorted(edges.items()):
        g.add_edge(
            u,
            v,
            key=local_name(prop),
            label=schema.label(prop),
            inverse=inverse_phrase(schema, prop),
            property=local_name(prop),
            filings=sorted(stated_in),
        )
    if collapse:
        collapse_records(g)
    g.graph["filings"] = {f: dict(g.nodes[f]) for f in sorted(filing_iris)}
    return g


# Labels that are verbs: read backwards they have no natural wording ("formed under").
_VERB_ENDINGS = (" under", " to", " from", " with", " in", " into", " on")
_VERBS = frozenset({"references", "amends"})


def inverse_phrase(schema: ViewSchema, prop: str) -> str:
    """How an edge reads backwards: ``party`` -> ``party to``, ``member of`` -> ``has member``,
    ``holder`` -> ``holder of``; ``""`` for a verb without a natural inverse (``formed
    under``): views then show the edge's own label against an arrow pointing back."""
    label = schema.label(prop)
    if prop == SG.party.value:
        return "party to"
    if label.endswith(" of"):
        return "has " + label.removesuffix(" of")
    if label.endswith(" by"):
        return label.removesuffix(" by")
    if label.startswith("has "):
        return label.removeprefix("has ") + " of"
    if label in _VERBS or label.endswith(_VERB_ENDINGS):
        return ""
    return label + " of"


def collapse_records(g: nx.MultiDiGraph) -> None:
    """Turn each record that links exactly one holder to one organization into an edge."""
    holder, org = SG.holder.value, SG.organization.value
    for node in sorted(g.nodes):
        data = g.nodes[node]
        if data["group"] != Group.RECORD.value or g.in_degree(node):
            continue
        out = list(g.out_edges(node, keys=True))
        keys = sorted(k for _, _, k in out)
        if keys != sorted([local_name(holder), local_name(org)]):
            continue
        ends = {k: v for _, v, k in out}
        head = _record_head(data, data["kind_label"])
        phrase = f"{head} of" if data["kind"] == local_name(SG.Role.value) else f"{head} in"
        attrs = {k: v for k, v in data.items() if k not in ("label", "group")}
        g.remove_node(node)
        g.add_edge(
            ends[local_name(holder)],
            ends[local_name(org)],
            key=node,
            **attrs,
            record=node,
            label=phrase,
            inverse=f"has {head}",
            property=data["kind"],
        )
