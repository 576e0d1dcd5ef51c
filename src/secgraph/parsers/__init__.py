"""Parsers: bytes in, typed record plus warnings out. Pure: no network, no clock, no store."""

from typing import TYPE_CHECKING

from secgraph.lazy import lazy_attributes
from secgraph.parsers.registry import (
    PARSERS,
    ParserEntry,
    detect,
    parse_bytes,
    parse_path,
    parse_source,
    supported_forms,
)

if TYPE_CHECKING:
    from secgraph.parsers.source import Source

# Source (and hashlib with it) loads with the first file read, not with --help's table.
__getattr__ = lazy_attributes(__name__, {"Source": "source"}, globals())

__all__ = [
    "PARSERS",
    "ParserEntry",
    "Source",
    "detect",
    "parse_bytes",
    "parse_path",
    "parse_source",
    "supported_forms",
]
