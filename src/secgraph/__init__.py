"""secgraph: SEC filings to an RDF knowledge graph.

Public surface::

    from secgraph import parse_path, parse_bytes, ParsedFiling
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from secgraph.errors import InputError, SecGraphError, SetupError
from secgraph.models import ParsedFiling
from secgraph.parsers import parse_bytes, parse_path

try:
    __version__ = version("secgraph")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0.0.0+unknown"

__all__ = [
    "InputError",
    "ParsedFiling",
    "SecGraphError",
    "SetupError",
    "__version__",
    "parse_bytes",
    "parse_path",
]
