"""Records -> RDF: the vocabulary, the mapping, entity resolution, named queries, SHACL.

Public surface::

    from secgraph.graph import map_filing, run_named, validate, ontology_quads
    from secgraph.graph import ONTOLOGY_GRAPH, RESOLUTION_GRAPH
    from secgraph.graph.resolve import resolve

The names are imported on first use (PEP 562): a query must not load the mapper, the models
and the name parser, nor a build the SHACL engine. (``resolve`` is not among them: the
package attribute of that name is its module once the module is loaded.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from secgraph.lazy import lazy_attributes

if TYPE_CHECKING:
    from secgraph.graph.iris import ONTOLOGY_GRAPH, RESOLUTION_GRAPH
    from secgraph.graph.mapper import MappedFiling, map_filing
    from secgraph.graph.ontology import ontology_quads
    from secgraph.graph.queries import load_query, named_query, query_names, run_named
    from secgraph.graph.shacl import validate

_LAZY = {
    "ONTOLOGY_GRAPH": "iris",
    "RESOLUTION_GRAPH": "iris",
    "MappedFiling": "mapper",
    "map_filing": "mapper",
    "ontology_quads": "ontology",
    "load_query": "queries",
    "named_query": "queries",
    "query_names": "queries",
    "run_named": "queries",
    "validate": "shacl",
}


__getattr__ = lazy_attributes(__name__, _LAZY, globals())


__all__ = [
    "ONTOLOGY_GRAPH",
    "RESOLUTION_GRAPH",
    "MappedFiling",
    "load_query",
    "map_filing",
    "named_query",
    "ontology_quads",
    "query_names",
    "run_named",
    "validate",
]
