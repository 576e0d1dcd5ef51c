"""What the views show, read from the ontology: which classes are nodes, and every label.

The ontology (``ontology/secgraph.ttl``) is the one source of truth. This module reads it once
and answers three questions for the projection:

* which classes are **entities** (``sg:Entity`` and its subclasses: merged by ``sg:canonical``
  into one node each),
* which are **records** of a relationship (roles, transactions, holdings, offerings,
  agreements and their events: nodes, or labeled edges when collapsed),
* which are **documents** (``sg:Filing``: the provenance of every record).

Everything else (addresses, securities, codes, role kinds, footnotes) is a value shown as an
attribute, labeled by its ``rdfs:label``. Only the roots below are named in code; subclasses
and labels come from the ontology, so a class added under ``sg:Transaction`` is a record
without touching this file.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

import pyoxigraph as ox

from secgraph.graph.vocab import RDF_TYPE, RDFS_LABEL, SG, SG_NS, ontology_dir

RDFS_SUBCLASS_OF = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
RDFS_RANGE = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#range")
OWL_OBJECT_PROPERTY = ox.NamedNode("http://www.w3.org/2002/07/owl#ObjectProperty")
OWL_DATATYPE_PROPERTY = ox.NamedNode("http://www.w3.org/2002/07/owl#DatatypeProperty")


class Group(StrEnum):
    """The three kinds of nodes of the property graph."""

    ENTITY = "entity"
    RECORD = "record"
    DOCUMENT = "document"


def _roots() -> dict[Group, tuple[ox.NamedNode, ...]]:
    return {
        Group.ENTITY: (SG.Entity,),
        Group.RECORD: (
            SG.Role,
            SG.Transaction,
            SG.Holding,
            SG.Offering,
            SG.Agreement,
            SG.AgreementEvent,
        ),
        Group.DOCUMENT: (SG.Filing,),
    }


@dataclass(frozen=True)
class NodeClass:
    """A class whose instances are nodes: its IRI, local name, label and group."""

    iri: str
    name: str
    label: str
    group: Group
    depth: int  # number of ancestors: the deepest class of a node is its kind
    ancestors: frozenset[str]  # IRIs of itself and every superclass


@dataclass(frozen=True)
class ViewSchema:
    labels: dict[str, str]  # IRI -> rdfs:label of every labeled ontology term
    ranges: dict[str, str]  # property IRI -> rdfs:range IRI
    object_properties: frozenset[str]
    datatype_properties: frozenset[str]
    node_classes: dict[str, NodeClass]  # IRI -> node class

    def label(self, iri: str) -> str:
        """The ontology's label of a term, or its local name when it has none."""
        return self.labels.get(iri) or local_name(iri)

    def kind_of(self, types: set[str]) -> NodeClass | None:
        """The most specific node class among a resource's types (None: not a node)."""
        found = [self.node_classes[t] for t in types if t in self.node_classes]
        if not found:
            return None
        return max(found, key=lambda c: (c.depth, c.iri))

    def matches(self, kind: NodeClass, wanted: set[str]) -> bool:
        """True when a kind or one of its superclasses is named in ``wanted`` (casefolded
        local names or labels: ``transaction`` keeps both kinds of transaction)."""
        names = {kind.group.value}
        for iri in kind.ancestors:
            names.add(local_name(iri).casefold())
            if iri in self.labels:
                names.add(self.labels[iri].casefold())
        return bool(names & wanted)

    def kind_names(self) -> list[str]:
        """Names accepted by ``matches``, for help and error messages."""
        return sorted({c.name.casefold() for c in self.node_classes.values()} | set(Group))


def local_name(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[1] or iri
    return iri


@cache
def view_schema() -> ViewSchema:
    """The view schema of ``ontology/secgraph.ttl`` (read once)."""
    labels: dict[str, str] = {}
    ranges: dict[str, str] = {}
    parents: dict[str, set[str]] = defaultdict(set)
    obj: set[str] = set()
    dat: set[str] = set()
    with (ontology_dir() / "secgraph.ttl").open("rb") as fh:
        for quad in ox.parse(fh, format=ox.RdfFormat.TURTLE):
            s, p, o = quad.subject, quad.predicate, quad.object
            if not isinstance(s, ox.NamedNode):
                continue
            if p == RDFS_LABEL and isinstance(o, ox.Literal):
                labels[s.value] = o.value
            elif p == RDFS_SUBCLASS_OF and isinstance(o, ox.NamedNode):
                parents[s.value].add(o.value)
            elif p == RDFS_RANGE and isinstance(o, ox.NamedNode):
                ranges[s.value] = o.value
            elif p == RDF_TYPE and o == OWL_OBJECT_PROPERTY:
                obj.add(s.value)
            elif p == RDF_TYPE and o == OWL_DATATYPE_PROPERTY:
                dat.add(s.value)

    def ancestors(iri: str) -> frozenset[str]:
        seen = {iri}
        todo = [iri]
        while todo:
            for parent in parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return frozenset(seen)

    classes: dict[str, NodeClass] = {}
    sg_classes = {c for c in parents} | {r.value for roots in _roots().values() for r in roots}
    for iri in sorted(sg_classes):
        if not iri.startswith(SG_NS):
            continue
        up = ancestors(iri)
        for group, roots in _roots().items():
            if any(root.value in up for root in roots):
                classes[iri] = NodeClass(
                    iri=iri,
                    name=local_name(iri),
                    label=labels.get(iri, local_name(iri)),
                    group=group,
                    depth=len(up),
                    ancestors=up,
                )
                break
    return ViewSchema(
        labels=labels,
        ranges=ranges,
        object_properties=frozenset(obj),
        datatype_properties=frozenset(dat),
        node_classes=classes,
    )
