"""The ontology as quads of :data:`ONTOLOGY_GRAPH`, for the store to load beside the data.

Queries read labels from it: role kinds (``sg:Director rdfs:label "director"``) and the
meanings of transaction codes (``sg:TransactionCodeP rdfs:comment ...``).
"""

from __future__ import annotations

from functools import cache

import pyoxigraph as ox

from secgraph.graph.iris import ONTOLOGY_GRAPH
from secgraph.graph.vocab import VOCABULARY_FILES, ontology_dir

__all__ = ["ONTOLOGY_GRAPH", "ontology_quads"]


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
