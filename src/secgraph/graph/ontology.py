"""The ontology as quads of :data:`ONTOLOGY_GRAPH`, for the store to load beside the data,
and the superclasses the builder states beside every type (:func:`entailed_types`).

Queries read labels from it: role kinds (``sg:Director rdfs:label "director"``) and the
meanings of transaction codes (``sg:TransactionCodeP rdfs:comment ...``).
"""

from __future__ import annotations

from functools import cache

import pyoxigraph as ox

from secgraph.graph.iris import ONTOLOGY_GRAPH
from secgraph.graph.vocab import VOCABULARY_FILES, ontology_dir

__all__ = ["ONTOLOGY_GRAPH", "entailed_types", "ontology_quads"]

_SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
_EQUIVALENT_CLASS = "http://www.w3.org/2002/07/owl#equivalentClass"


@cache
def _quads() -> tuple[ox.Quad, ...]:
    quads: list[ox.Quad] = []
    for file_name in VOCABULARY_FILES:
        path = ontology_dir() / file_name
        with path.open("rb") as fh:
            for q in ox.parse(fh, format=ox.RdfFormat.TURTLE, base_iri=path.as_uri()):
                quads.append(ox.Quad(q.subject, q.predicate, q.object, ONTOLOGY_GRAPH))
    return tuple(quads)


def ontology_quads() -> list[ox.Quad]:
    """ontology/secgraph.ttl and ontology/codes.ttl, in the ontology named graph."""
    return list(_quads())


@cache
def entailed_types() -> dict[str, tuple[ox.NamedNode, ...]]:
    """Class IRI -> every other class its instances belong to by the ontology: the transitive
    closure of ``rdfs:subClassOf`` and ``owl:equivalentClass`` (both ways), sorted by IRI.

    ``sg:NonDerivativeTransaction`` -> ``sg:Transaction``, ``prov:Activity``; ``sg:Person``
    -> ``sg:Entity``, ``prov:Agent``, ``schema:Person``, ``foaf:Person``. Only what the
    ontology's own files declare: no outside ontology is read (its hierarchy is not ours to
    assert)."""
    parents: dict[str, set[str]] = {}
    for q in _quads():
        s, p, o = q.subject, q.predicate.value, q.object
        if not (isinstance(s, ox.NamedNode) and isinstance(o, ox.NamedNode)):
            continue
        if p == _SUBCLASS_OF:
            parents.setdefault(s.value, set()).add(o.value)
        elif p == _EQUIVALENT_CLASS:
            parents.setdefault(s.value, set()).add(o.value)
            parents.setdefault(o.value, set()).add(s.value)
    closure: dict[str, tuple[ox.NamedNode, ...]] = {}
    for cls in parents:
        seen: set[str] = set()
        todo = [cls]
        while todo:
            for parent in parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        seen.discard(cls)
        if seen:
            closure[cls] = tuple(ox.NamedNode(iri) for iri in sorted(seen))
    return closure
