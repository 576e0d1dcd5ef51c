"""Records -> RDF: the vocabulary, the mapping, entity resolution, named queries, SHACL.

Public surface::

    from secgraph.graph import map_filing, resolve, run_named, validate, ontology_quads
    from secgraph.graph import ONTOLOGY_GRAPH, RESOLUTION_GRAPH
"""

from __future__ import annotations

from secgraph.graph.iris import ONTOLOGY_GRAPH, RESOLUTION_GRAPH
from secgraph.graph.mapper import MappedFiling, map_filing
from secgraph.graph.ontology import ontology_quads
from secgraph.graph.queries import load_query, named_query, query_names, run_named
from secgraph.graph.resolve import resolve
from secgraph.graph.shacl import validate

__all__ = [
    "ONTOLOGY_GRAPH",
    "RESOLUTION_GRAPH",
    "MappedFiling",
    "load_query",
    "map_filing",
    "named_query",
    "ontology_quads",
    "query_names",
    "resolve",
    "run_named",
    "validate",
]
