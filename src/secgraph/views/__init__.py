"""Views of the graph: the property-graph projection, exports, the HTML page, paths.

Data flows RDF (the store) -> :func:`project` (networkx) -> exporters; RDF exports read the
store directly. ``write_all(store, outdir)`` regenerates ``exports/``. One entity's
surroundings (``--around``, ``path``) are read from the store by :mod:`.neighbourhood`,
which hands ``project`` only the quads of the neighbourhood.

The names are imported on first use (PEP 562): the table of formats must not load networkx.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from secgraph.lazy import lazy_attributes
from secgraph.views.formats import FORMATS, ExportFormat

if TYPE_CHECKING:
    from secgraph.views.exports import ExportOptions, default_path, export, write_all
    from secgraph.views.paths import Chain, Hop, find_paths, path_graph
    from secgraph.views.property_graph import project
    from secgraph.views.scope import Scope, apply_scope

_LAZY = {
    "ExportOptions": "exports",
    "default_path": "exports",
    "export": "exports",
    "write_all": "exports",
    "Chain": "paths",
    "Hop": "paths",
    "find_paths": "paths",
    "path_graph": "paths",
    "project": "property_graph",
    "Scope": "scope",
    "apply_scope": "scope",
}


__getattr__ = lazy_attributes(__name__, _LAZY, globals())


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
