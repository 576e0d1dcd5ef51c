"""Content negotiation: the ``Accept`` header against the formats pyoxigraph writes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

import pyoxigraph as ox

F = TypeVar("F")

#: SELECT and ASK answers, the first the default (``Accept: */*`` or none).
RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
#: CONSTRUCT and DESCRIBE answers (and the service and VoID descriptions).
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "text/plain": ox.RdfFormat.N_TRIPLES,  # N-Triples' former media type
    "application/json": ox.RdfFormat.JSON_LD,
}


def _ranges(accept: str) -> list[tuple[float, int, str]]:
    """The header's media ranges as (quality, order, range), best first."""
    ranges = []
    for order, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        quality = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranges.append((-quality, order, media))
    return [(-q, o, m) for q, o, m in sorted(ranges)]


def choose(accept: str | None, offers: Mapping[str, F]) -> tuple[str, F] | None:
    """The offered media type the client prefers, or None when it accepts none of them."""
    if not accept or not accept.strip():
        first = next(iter(offers))
        return first, offers[first]
    for _, _, media in _ranges(accept):
        if media in ("*/*", "*"):
            first = next(iter(offers))
            return first, offers[first]
        if media.endswith("/*"):
            family = media[:-1]
            for offered, fmt in offers.items():
                if offered.startswith(family):
                    return offered, fmt
        elif media in offers:
            return media, offers[media]
    return None
