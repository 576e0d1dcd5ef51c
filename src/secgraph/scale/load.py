"""Loading a sharded build into a store: the shards, the resolution graph, then the graphs
derived from them.

::

    report = load_shards(Path("shards"), Path(".secgraph/store"))

Into a store folder, through the same staging as ``secgraph build``
(:func:`secgraph.store.build_target`): everything is written to the store's next generation,
made the live one only at the end, so a failed or interrupted load leaves the store as it was.
Into a SPARQL server (``--store URL``), as ``secgraph build`` writes one: the filing graphs
as they come (Graph Store Protocol batches), the derived graphs last
(:mod:`secgraph.store.remote`). The filings go through the build's own loader
(:class:`secgraph.build.Loader`): bulk loads of about 32 MB, a filing already in the store
replaced, not doubled. Then the build's own last stages (:func:`secgraph.build.finish`):

* the resolution graph: ``resolution.nq`` bulk-loaded when ``secgraph resolve`` ran on this
  build and the store held no filings before; else (adding to a store, or not resolved yet)
  recomputed over the whole store with SPARQL, as ``secgraph build`` does when it adds;
* the positions and summary graphs: computed over the loaded store (their queries join
  filings, amendments and the resolution graph, which only the store has at once);
* the ontology graph, the count, the compaction (a server compacts on its own).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from secgraph.build import (
    BATCH_BYTES,
    BuildProgress,
    BuildReport,
    FileReport,
    FileResult,
    Loader,
    finish,
    has_filings,
    load_results,
    resolve_store,
)
from secgraph.errors import ShardError
from secgraph.graph.iris import RESOLUTION_GRAPH
from secgraph.scale.shards import (
    RESOLUTION,
    Manifest,
    kept_files,
    read_manifest,
    read_resolution_info,
)
from secgraph.store import GraphStore, build_target

__all__ = ["LoadReport", "load_shards"]


@dataclass
class LoadReport:
    build: BuildReport
    shards: int = 0
    resolution: str = field(default="")  # where the resolution graph came from

    def summary(self) -> str:
        return f"{self.build.summary()} {self.shards} shard(s); resolution {self.resolution}."


class _Quiet:
    """Progress of a load: the bar only (the build printed each file's line)."""

    def __init__(self, progress: BuildProgress | None) -> None:
        self.progress = progress

    def start(self, total: int) -> None:
        if self.progress is not None:
            self.progress.start(total)

    def file_done(self, report: FileReport) -> None:
        pass

    def stage(self, description: str) -> None:
        if self.progress is not None:
            self.progress.stage(description)


def _results(folder: Path, manifest: Manifest) -> Iterator[FileResult]:
    """The loaded files of the build, in input order, their quads cut from their shard."""
    current: tuple[str, bytes] | None = None
    for name, _, item in kept_files(folder, manifest):
        if current is None or current[0] != name:
            try:
                current = (name, (folder / f"{name}.nq").read_bytes())
            except OSError as exc:
                raise ShardError(f"cannot read {folder / name}.nq: {exc.strerror}") from exc
        data = current[1]
        if item.start + item.length > len(data):
            raise ShardError(f"{folder / name}.nq is shorter than its report says: damaged")
        yield FileResult(
            item.path,
            graph=item.graph,
            nquads=data[item.start : item.start + item.length],
            quads=item.quads,
            warnings=item.warnings,
            form=item.form,
            parser=item.parser,
            source=item.source,
            by_accession=item.by_accession,
        )


def _load_resolution(store: GraphStore, path: Path) -> int:
    """The resolution graph of the shards in place of the store's, through
    :meth:`GraphStore.write_graph`: a server keeps answering from the old one until the new
    one is whole (dropping it first would leave readers of a live server with none)."""
    with open(path, "rb") as fh:
        quads = ox.parse(fh, format=ox.RdfFormat.N_QUADS)
        return store.write_graph(
            RESOLUTION_GRAPH, (q for q in quads if q.graph_name == RESOLUTION_GRAPH)
        )


def load_shards(
    folder: Path,
    store: Path | str,
    *,
    fresh: bool = False,
    progress: BuildProgress | None = None,
    batch_bytes: int = BATCH_BYTES,
) -> LoadReport:
    """Load the finished sharded build in ``folder`` into ``store``, a store folder or a
    server's URL (added to it, or replacing it when ``fresh``). Raises ShardError or
    StoreError (setup errors): a store folder is then left as it was."""
    started = time.perf_counter()
    manifest = read_manifest(folder)
    resolved = read_resolution_info(folder)
    quiet = _Quiet(progress)
    report = LoadReport(BuildReport(store=store), shards=len(manifest.shards))
    quiet.start(manifest.files - manifest.failed - len(manifest.superseded))
    with build_target(store, fresh=fresh) as target:
        empty = not has_filings(target)
        loader = Loader(target, batch_bytes, empty=empty)
        try:
            load_results(_results(folder, manifest), loader, report.build, quiet, None)
            loader.wait()
        finally:
            loader.close()  # before the staging store closes, whatever happened
        report.build.quads_loaded = loader.quads
        if empty and resolved is not None:
            report.resolution = f"from {folder / RESOLUTION}"
            finish(target, report.build, quiet, lambda s: _load_resolution(s, folder / RESOLUTION))
        else:
            report.resolution = (
                "recomputed over the store (it held filings before)"
                if not empty
                else "recomputed over the store (run `secgraph resolve --shards` first "
                "to load it from the shards)"
            )
            finish(target, report.build, quiet, lambda s: resolve_store(s, None))
    report.build.seconds = time.perf_counter() - started
    return report
