"""Views of the graph: the property-graph projection, exports, the HTML page, paths.

Data flows RDF (the store) -> :func:`project` (networkx) -> exporters; RDF exports read the
store directly. ``write_all(store, outdir)`` regenerates ``exports/``.
"""

from secgraph.views.exports import (
    FORMATS,
    ExportFormat,
    ExportOptions,
    default_path,
    export,
    write_all,
)
from secgraph.views.paths import Chain, Hop, find_paths, path_graph
from secgraph.views.property_graph import project
from secgraph.views.scope import Scope, apply_scope

__all__ = [
    "FORMATS",
    "Chain",
    "ExportFormat",
    "ExportOptions",
    "Hop",
    "Scope",
    "apply_scope",
    "default_path",
    "export",
    "find_paths",
    "path_graph",
    "project",
    "write_all",
]
