"""SHACL validation of built graphs against ``ontology/shapes.ttl`` (pyshacl).

The quads are converted to an rdflib Dataset and validated as one union graph, the graph
queries see, with the ontology as pyshacl's ontology graph so that subclasses count. rdflib
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


def to_rdflib(quads: Iterable[ox.Quad]) -> rdflib.Dataset:
    """An rdflib Dataset holding ``quads`` (named graphs kept), via N-Quads."""
    import rdflib  # noqa: PLC0415 - see the module docstring

    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    dataset = rdflib.Dataset()
    if data:
        dataset.parse(data=data.decode("utf-8"), format="nquads")
    return dataset


def validate(dataset: Iterable[ox.Quad] | rdflib.Dataset) -> tuple[bool, str]:
    """Check a built graph (its quads, or an rdflib Dataset) against the shapes; returns
    whether it conforms and pyshacl's report text."""
    import pyshacl  # noqa: PLC0415 - see the module docstring
    import rdflib  # noqa: PLC0415 - see the module docstring

    if not isinstance(dataset, rdflib.Dataset):
        dataset = to_rdflib(dataset)
    # The union of the graphs plus the ontology: sh:class then sees rdfs:subClassOf and the
    # typed individuals (role kinds, transaction codes) as the store's queries do.
    union = rdflib.Graph()
    for s, p, o, _graph in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    union += _ontology()
    conforms, _report, text = pyshacl.validate(
        union,
        shacl_graph=_shapes(),
        inference="none",
        allow_warnings=False,
    )
    return bool(conforms), str(text)
