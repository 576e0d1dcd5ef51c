"""secgraph: SEC filings to an RDF knowledge graph.

Public surface::

    from secgraph import parse_path, parse_bytes, ParsedFiling

The names are imported on first use (PEP 562): ``import secgraph.cli`` must not load the
parsers and models just to print ``--help``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from secgraph.errors import InputError, SecGraphError, SetupError

if TYPE_CHECKING:
    from secgraph.models import ParsedFiling
    from secgraph.parsers import parse_bytes, parse_path

    __version__: str

_LAZY = {
    "ParsedFiling": "secgraph.models",
    "parse_bytes": "secgraph.parsers",
    "parse_path": "secgraph.parsers",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

        try:
            value: Any = version("secgraph")
        except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
            value = "0.0.0+unknown"
    elif name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


__all__ = [
    "InputError",
    "ParsedFiling",
    "SecGraphError",
    "SetupError",
    "__version__",
    "parse_bytes",
    "parse_path",
]
