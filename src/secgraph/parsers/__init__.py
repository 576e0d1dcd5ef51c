"""Parsers: bytes in, typed record plus warnings out. Pure: no network, no clock, no store."""

from secgraph.parsers.registry import (
    PARSERS,
    ParserEntry,
    detect,
    parse_bytes,
    parse_path,
    parse_source,
    supported_forms,
)
from secgraph.parsers.source import Source

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
