"""The map stage of a sharded build: chunks of file paths -> N-Quads shards and mention facts.

::

    with executor(cluster="local:2") as pool:
        report = build_shards(["filings/"], Path("shards"), executor=pool)

Each task gets one chunk of paths (never the files' bytes: the workers read the files
themselves, so the folder must be visible to them at the same path), parses and maps each
file with the build's own worker function (:func:`secgraph.build.process_file`) and writes
the shard (:mod:`secgraph.scale.shards`). It sends back the per-file report only; the client
prints it in input order, notes the filings given twice (the last file wins, as in
``secgraph build``) and writes the manifest at the end.

A bad file is a failed line of the report and its shard goes on. A task that fails as a
whole (a file that kills its worker) is run again file by file to find the files that do
(:func:`_rescue`): they are failed lines, and the shard is written with the others. A bad
setup (a shard that cannot be written) stops the build.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from secgraph.batch import Unreadable, walk_inputs
from secgraph.build import BuildProgress, FileReport, process_file
from secgraph.errors import SetupError
from secgraph.parsers.source import display_name
from secgraph.scale.shards import (
    FORMAT,
    MANIFEST,
    Manifest,
    ShardFile,
    prepare,
    shard_name,
    write_atomically,
    write_json,
)

__all__ = ["SHARD_SIZE", "ShardBuildReport", "build_shards", "write_shard"]

#: Files per shard: about 50 MB of N-Quads for Forms 3/4/5 (360 quads a filing), a task of
#: tens of seconds, few enough tasks for the scheduler at 15 million filings (15,000).
SHARD_SIZE = 1000


def write_shard(
    folder: str, index: int, paths: Sequence[str], failed: Mapping[str, str] | None = None
) -> list[ShardFile]:
    """Parse, map and write one shard (runs on a worker). Returns its per-file report,
    without the mention facts (those stay in the shard). The files in ``failed`` are not
    read: they are failed lines with the reason given."""
    name = shard_name(index)
    target = Path(folder)
    entries: list[ShardFile] = []

    def write(fh: IO[bytes]) -> None:
        entries.clear()  # a retried write starts over
        offset = 0
        for raw in paths:
            if failed is not None and raw in failed:
                entries.append(ShardFile(display_name(Path(raw)), ok=False, reason=failed[raw]))
                continue
            result = process_file(Path(raw))
            if result.error is not None:
                entries.append(
                    ShardFile(result.path, ok=False, reason=result.error, parser=result.parser)
                )
                continue
            fh.write(result.nquads)
            facts = result.entity_facts
            entries.append(
                ShardFile(
                    result.path,
                    ok=True,
                    parser=result.parser,
                    form=result.form,
                    warnings=result.warnings,
                    quads=result.quads,
                    graph=result.graph,
                    source=result.source,
                    by_accession=result.by_accession,
                    start=offset,
                    length=len(result.nquads),
                    facts=facts.as_data() if facts is not None else None,
                )
            )
            offset += len(result.nquads)

    write_atomically(target / f"{name}.nq", write)
    body = {"format": FORMAT, "name": name, "files": [entry.as_data() for entry in entries]}
    write_json(target / f"{name}.json", body)
    return [replace(entry, facts=None) for entry in entries]


@dataclass
class ShardBuildReport:
    folder: Path
    files: list[FileReport] = field(default_factory=list)
    shards: int = 0
    quads: int = 0
    seconds: float = 0.0

    @property
    def failed(self) -> list[FileReport]:
        return [f for f in self.files if not f.ok]

    def summary(self) -> str:
        ok = len(self.files) - len(self.failed)
        rate = self.shards / self.seconds if self.seconds else 0.0
        return (
            f"{self.folder}: {ok} filing(s) in {self.shards} shard(s), "
            f"{len(self.failed)} failed; {self.quads} quads. "
            f"{self.seconds:.1f} s ({rate:.2f} shards/s). "
            f"Next: secgraph resolve --shards {self.folder}"
        )


Outcome = list[ShardFile] | BaseException


def _outcomes(
    chunks: Sequence[Sequence[str]], folder: Path, executor: Executor | None
) -> Iterator[tuple[int, Outcome]]:
    """Each chunk's report as its task ends (any order), or the exception that ended it."""
    if executor is None:
        for index, chunk in enumerate(chunks):
            yield index, write_shard(str(folder), index, chunk)
        return
    futures: dict[Future[list[ShardFile]], int] = {
        executor.submit(write_shard, str(folder), index, list(chunk)): index
        for index, chunk in enumerate(chunks)
    }
    try:
        for future in as_completed(futures):
            try:
                yield futures[future], future.result()
            except SetupError:
                raise
            except Exception as exc:  # the task as a whole: its chunk fails, not the build
                yield futures[future], exc
    finally:
        for future in futures:
            future.cancel()


def probe(path: str) -> None:
    """Parse and map one file, writing nothing (runs on a worker): raises, or kills its
    worker, where the file does."""
    process_file(Path(path))


def _failure(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())


def _rescue(executor: Executor, folder: Path, index: int, chunk: Sequence[str]) -> Outcome:
    """The shard of a chunk whose task failed as a whole (a file killed its worker, or
    raised past the per-file report): each file is tried alone in a task of its own, parsed
    but not written, and the shard is written again without the files that failed that way,
    which are its failed lines. So a file that kills its worker fails alone (on Dask, once
    it has killed ``distributed.scheduler.allowed-failures`` workers); a local process pool
    is broken by a dead worker, and its chunk fails whole."""
    try:
        probes = [(raw, executor.submit(probe, raw)) for raw in chunk]
        killed: dict[str, str] = {}
        for raw, future in probes:
            try:
                future.result()
            except SetupError:
                raise
            except Exception as exc:
                killed[raw] = f"{raw}: its worker failed on it: {_failure(exc)}"
        return executor.submit(write_shard, str(folder), index, list(chunk), killed).result()
    except SetupError:
        raise
    except Exception as exc:
        return exc


def _in_order(outcomes: Iterable[tuple[int, Outcome]]) -> Iterator[tuple[int, Outcome]]:
    """The outcomes by chunk index, as soon as every earlier chunk has ended."""
    waiting: dict[int, Outcome] = {}
    following = 0
    for index, outcome in outcomes:
        waiting[index] = outcome
        while following in waiting:
            yield following, waiting.pop(following)
            following += 1


def build_shards(
    paths: Iterable[str | Path],
    folder: Path,
    *,
    executor: Executor | None = None,
    shard_size: int = SHARD_SIZE,
    progress: BuildProgress | None = None,
) -> ShardBuildReport:
    """Write the shards of the files and folders in ``paths`` (recursive) into ``folder``.

    ``executor`` runs the tasks (a Dask client's executor, a process pool); None runs them
    in this process. Raises SetupError (a missing path, a folder that cannot be written)
    before or instead of finishing; the manifest is written only at the end."""
    started = time.perf_counter()
    inputs = list(walk_inputs(paths))  # names only: a missing path fails before any work
    files = [str(item) for item in inputs if isinstance(item, Path)]
    prepare(folder)
    report = ShardBuildReport(folder)
    if progress is not None:
        progress.start(len(inputs))

    def done(line: FileReport) -> None:
        report.files.append(line)
        if progress is not None:
            progress.file_done(line)

    for item in inputs:
        if isinstance(item, Unreadable):  # a FIFO, a link loop...: reported, not read
            done(FileReport(display_name(item.path), ok=False, reason=str(item.error)))
    chunks = [files[i : i + shard_size] for i in range(0, len(files), shard_size)]
    manifest = Manifest(shard_size=shard_size)
    seen: dict[str, tuple[str, int, str]] = {}  # graph -> (shard, position, file)
    for index, first in _in_order(_outcomes(chunks, folder, executor)):
        outcome = first
        if isinstance(first, BaseException) and executor is not None:
            outcome = _rescue(executor, folder, index, chunks[index])
        if isinstance(outcome, BaseException):  # no shard: its files are failed lines
            reason = f"its shard's task failed: {_failure(outcome)}"
            for raw in chunks[index]:
                done(FileReport(display_name(Path(raw)), ok=False, reason=f"{raw}: {reason}"))
            continue
        manifest.shards.append(shard_name(index))
        for position, entry in enumerate(outcome):
            replaces = None
            if entry.ok and entry.graph is not None:
                earlier = seen.get(entry.graph)
                if earlier is not None:
                    manifest.superseded.append(earlier[:2])
                    replaces = earlier[2]
                seen[entry.graph] = (shard_name(index), position, entry.path)
                report.quads += entry.quads
            done(_line(entry, replaces))
    manifest.files = len(report.files)
    manifest.failed = len(report.failed)
    manifest.quads = report.quads
    report.shards = len(manifest.shards)
    write_json(folder / MANIFEST, manifest.as_data())  # the build's commit
    report.seconds = time.perf_counter() - started
    return report


def _line(entry: ShardFile, replaces: str | None) -> FileReport:
    if not entry.ok:
        return FileReport(entry.path, ok=False, reason=entry.reason, parser=entry.parser)
    return FileReport(
        entry.path,
        ok=True,
        warnings=entry.warnings,
        quads=entry.quads,
        form=entry.form,
        parser=entry.parser,
        replaces=replaces,
    )
