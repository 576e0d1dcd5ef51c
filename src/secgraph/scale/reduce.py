"""The reduce of a sharded build: the resolution graph from the shards' mention facts.

::

    report = resolve_shards(Path("shards"))   # writes shards/resolution.nq

The same resolver as ``secgraph build`` (:func:`secgraph.graph.resolve.resolution_quads`):
the facts of every loaded filing (failed and superseded files left out) are gathered into
one :class:`~secgraph.graph.mentions.MentionIndex`, shard after shard in input order; the
resolver blocks them by CIK, company key and person-name key, merges accepted pairs with a
union-find, organizations before people, and the finder's search keys follow
(:func:`~secgraph.graph.finder.with_search_keys`). The quads are written as they are drawn,
never held whole, to ``resolution.nq``, then ``resolution.json`` names the manifest they were
computed from (``secgraph load`` checks it).

It runs in one process: its memory follows the entities (the index holds one record per
entity node), which ``make bench`` (BENCH=scale) measures per filing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from secgraph.graph.finder import with_search_keys
from secgraph.graph.mentions import FilingMentions, MentionIndex
from secgraph.graph.resolve import resolution_quads
from secgraph.scale.shards import (
    FORMAT,
    RESOLUTION,
    RESOLUTION_INFO,
    kept_files,
    manifest_digest,
    read_manifest,
    write_atomically,
    write_json,
)

__all__ = ["ResolveReport", "resolve_shards"]

#: Quads serialized at a time.
CHUNK = 50_000


@dataclass
class ResolveReport:
    folder: Path
    filings: int = 0
    entities: int = 0
    quads: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"{self.folder / RESOLUTION}: {self.quads} resolution quads over {self.entities} "
            f"entity nodes of {self.filings} filing(s). {self.seconds:.1f} s. "
            f"Next: secgraph load --shards {self.folder} --store DIR"
        )


def resolve_shards(folder: Path) -> ResolveReport:
    """Write the resolution graph of the finished sharded build in ``folder``. Raises
    ShardError when the folder holds no finished build or cannot be written."""
    started = time.perf_counter()
    manifest = read_manifest(folder)
    digest = manifest_digest(folder)
    report = ResolveReport(folder)
    index = MentionIndex()
    for _, _, item in kept_files(folder, manifest):
        report.filings += 1
        if item.facts is not None:
            index.add(FilingMentions.from_data(item.facts))
    mentions = index.mentions()
    del index
    report.entities = len(mentions)
    quads = with_search_keys(resolution_quads(mentions), mentions)

    def write(fh: IO[bytes]) -> None:
        report.quads = 0
        chunk = list(islice(quads, CHUNK))
        while chunk:
            ox.serialize(chunk, fh, format=ox.RdfFormat.N_QUADS)
            report.quads += len(chunk)
            chunk = list(islice(quads, CHUNK))

    write_atomically(folder / RESOLUTION, write)
    info = {
        "format": FORMAT,
        "manifest": digest,
        "filings": report.filings,
        "entities": report.entities,
        "quads": report.quads,
    }
    write_json(folder / RESOLUTION_INFO, info)
    report.seconds = time.perf_counter() - started
    return report
