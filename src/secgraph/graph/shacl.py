"""SHACL validation of built graphs against ``ontology/shapes.ttl`` (pyshacl).

The quads are validated as one union graph (the graph queries see: every filing graph and
the resolution graph), together with the ontology so that subclasses count. rdflib
and pyshacl are imported on first use: the bulk build never pays for them.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

import pyoxigraph as ox

from secgraph.graph.vocab import VOCABULARY_FILES, ontology_dir

if TYPE_CHECKING:
    import rdflib

__all__ = ["validate"]


@cache
def _shapes() -> rdflib.Graph:
    import rdflib  # noqa: PLC0415 - see the module docstring

    return rdflib.Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")


@cache
def _ontology() -> rdflib.Graph:
    import rdflib  # noqa: PLC0415 - see the module docstring

    graph = rdflib.Graph()
    for file_name in VOCABULARY_FILES:
        graph.parse(ontology_dir() / file_name, format="turtle")
    return graph


def shapes_graph() -> rdflib.Graph:
    """``ontology/shapes.ttl`` (parsed once)."""
    return _shapes()


def ontology_graph() -> rdflib.Graph:
    """The ontology's vocabulary files (parsed once), beside the data so sh:class sees
    subclasses and typed individuals."""
    return _ontology()


def union_graph(quads: Iterable[ox.Quad]) -> rdflib.Graph:
    """The triples of ``quads`` (graph names dropped) as an rdflib Graph, via N-Triples.

    (rdflib's own N-Quads path into a Dataset warns of deprecated internals in rdflib 7.)
    """
    import rdflib  # noqa: PLC0415 - see the module docstring

    data = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES)
    graph = rdflib.Graph()
    if data:
        graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def validate(dataset: Iterable[ox.Quad] | rdflib.Graph) -> tuple[bool, str]:
    """Check a built graph (its quads, or an rdflib graph or dataset) against the shapes;
    returns whether it conforms and pyshacl's report text."""
    import pyshacl  # noqa: PLC0415 - see the module docstring
    import rdflib  # noqa: PLC0415 - see the module docstring

    union = rdflib.Graph()
    if isinstance(dataset, rdflib.Dataset):
        for s, p, o, _graph in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
    elif isinstance(dataset, rdflib.Graph):
        union += dataset
    else:
        union = union_graph(dataset)
    # The union of the graphs plus the ontology: sh:class then sees rdfs:subClassOf and the
    # typed individuals (role kinds, transaction codes) as the store's queries do.
    union += _ontology()
    conforms, _report, text = pyshacl.validate(
        union,
        shacl_graph=_shapes(),
        inference="none",
        allow_warnings=False,
    )
    return bool(conforms), str(text)
