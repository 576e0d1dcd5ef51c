"""The build pipeline: files -> parse + map (worker processes) -> N-Quads -> store.

::

    report = build(["filings/"], Path(".secgraph/store"), jobs=4)

Workers (forked from a fork server; in-process when ``jobs`` is 1) parse and map one file
each and return its quads serialized as N-Quads bytes, with the entity facts resolution reads
(:mod:`secgraph.graph.mentions`); the parent gathers the quads into batches of about
``batch_bytes`` that a background thread bulk-loads while the workers go on, so memory holds
two batches and a few files in flight, never the corpus. Each filing is its own named graph:
building a filing again drops its graph first (no duplicates). After the filings, the
resolution graph is recomputed over the whole store (from the noted facts when this build
made all of the store's filings, else read back with SPARQL) and the ontology graph
reloaded.

Like scrapy, a bad filing is a failed line in the report and the batch goes on; a bad setup
(a store that cannot open or write) raises :class:`SetupError` and stops at once. Everything is
written to the store's next generation, made the live one only at the end, so a failed or
interrupted build leaves the previous store as it was (:mod:`secgraph.store.staging`). A SPARQL
server (``store_dir`` an http(s) URL, :mod:`secgraph.store.remote`) has no generations: it is
written as the build goes, the filing graphs first and the derived graphs last.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Protocol, TypeVar

import pyoxigraph as ox

from secgraph.batch import Unreadable, parse_file, walk_inputs
from secgraph.errors import SetupError
from secgraph.graph import ONTOLOGY_GRAPH, RESOLUTION_GRAPH, map_filing, ontology_quads
from secgraph.graph.finder import with_search_keys
from secgraph.graph.iris import POSITIONS_GRAPH, SHA256_FILINGS, SUMMARY_GRAPH, accession_iri
from secgraph.graph.judge import Mention
from secgraph.graph.mentions import FilingMentions, MentionIndex, read_mentions
from secgraph.graph.positions import position_quads
from secgraph.graph.resolve import resolution_quads
from secgraph.graph.summary import summary_quads
from secgraph.graph.vocab import SG
from secgraph.parsers.source import display_name
from secgraph.store import GraphStore, build_target

__all__ = [
    "BuildProgress",
    "BuildReport",
    "FileReport",
    "FileResult",
    "Loader",
    "build",
    "finish",
    "load_results",
    "process_file",
    "resolve_store",
    "worker_pool",
]

S = TypeVar("S", bound=GraphStore)

#: Bytes of N-Quads gathered before one bulk load (RocksDB writes a set of files per load).
BATCH_BYTES = 32 * 1024 * 1024
#: Worker processes cost about a second to start (the fork server imports the pipeline once),
#: the time to parse some tens of filings: fewer files than this per worker run in-process.
FILES_PER_WORKER = 64
#: Resolution quads serialized and bulk-loaded at a time.
RESOLUTION_CHUNK = 50_000


@dataclass(frozen=True, slots=True)
class FileResult:
    """What a worker sends back for one file: its quads as N-Quads, or why it failed."""

    path: str
    graph: str | None = None
    nquads: bytes = b""
    quads: int = 0
    warnings: int = 0
    form: str | None = None
    parser: str | None = None
    error: str | None = None
    entity_facts: FilingMentions | None = None  # what entity resolution reads (graph.mentions)
    source: str | None = None  # the file as the filing graph records it (sg:sourceFile)
    by_accession: bool = False  # the graph is named by an accession number, not by the bytes


@dataclass(frozen=True, slots=True)
class FileReport:
    """One line of the build report."""

    path: str
    ok: bool
    reason: str | None = None
    warnings: int = 0
    quads: int = 0
    form: str | None = None
    parser: str | None = None
    replaces: str | None = None  # an earlier file of this build with the same filing graph
    replaced: int = 0  # filing graphs of earlier versions of this file, dropped

    def line(self) -> str:
        """``ok      path  form 4 (ownership-xml), 212 quads, 1 warning`` or ``failed  reason``."""
        if not self.ok:
            return f"failed  {self.reason}"
        text = f"ok      {self.path}  form {self.form} ({self.parser}), {self.quads} quads"
        if self.warnings:
            text += f", {self.warnings} warning{'s' if self.warnings > 1 else ''}"
        if self.replaces:
            text += f"; replaces {self.replaces} (same filing)"
        if self.replaced:
            text += "; replaced its previous version"
        return text


@dataclass
class BuildReport:
    store: Path | str
    files: list[FileReport] = field(default_factory=list)
    quads_loaded: int = 0
    resolution_quads: int = 0
    summary_quads: int = 0
    position_quads: int = 0
    ontology_quads: int = 0
    store_quads: int = 0
    seconds: float = 0.0

    @property
    def failed(self) -> list[FileReport]:
        return [f for f in self.files if not f.ok]

    @property
    def loaded(self) -> int:
        return sum(1 for f in self.files if f.ok)

    def summary(self) -> str:
        rate = len(self.files) / self.seconds if self.seconds else 0.0
        return (
            f"{self.store}: {self.loaded} filing(s) loaded, {len(self.failed)} failed; "
            f"{self.quads_loaded} quads from this build, {self.resolution_quads} resolution, "
            f"{self.position_quads} positions, {self.summary_quads} summary, "
            f"{self.ontology_quads} ontology; "
            f"{self.store_quads} quads in the store. {self.seconds:.1f} s ({rate:.1f} files/s)"
        )


class BuildProgress(Protocol):
    def start(self, total: int) -> None: ...

    def file_done(self, report: FileReport) -> None: ...

    def stage(self, description: str) -> None: ...


class _NoProgress:
    def start(self, total: int) -> None:
        pass

    def file_done(self, report: FileReport) -> None:
        pass

    def stage(self, description: str) -> None:
        pass


def default_jobs() -> int:
    """One parsing process per core but one: the store's loading thread and its RocksDB
    compactions keep a core busy (on 2 cores, parsing in-process beside the loader took
    35 s for 10,500 filings; two worker processes competing with it, 45 s)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, cores - 1)


# -- the worker ------------------------------------------------------------------------------


def process_file(path: Path) -> FileResult:
    """Parse and map one file (runs in a worker process). A bad file is a FileResult with an
    ``error``; only a setup problem raises."""
    name = display_name(path)
    outcome = parse_file(path)
    parser = outcome.parser
    parsed = outcome.parsed
    if parsed is None:
        return FileResult(name, parser=parser, error=_one_line(str(outcome.error)))
    try:
        mapped = map_filing(parsed, parser_name=parser)
        data = mapped.nquads()
    except SetupError:
        raise
    except Exception as exc:
        # A mapper bug on an unforeseen record fails this file, not the batch.
        return FileResult(name, parser=parser, error=f"{name}: mapping failed: {_exc_line(exc)}")
    return FileResult(
        name,
        graph=mapped.graph.value,
        nquads=data,
        quads=mapped.count,
        warnings=len(parsed.warnings),
        form=parsed.document.filing.form_type,
        parser=parser,
        entity_facts=mapped.entity_facts,
        source=parsed.document.filing.source,
        by_accession=accession_iri(parsed.document.filing.accession or "") is not None,
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _exc_line(exc: BaseException) -> str:
    return _one_line(f"{type(exc).__name__}: {exc}")


def _init_worker(parent: int) -> None:
    # Ctrl-C reaches the whole process group: the parent alone handles it (and stops us).
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    # A killed parent (SIGKILL) cannot stop its pool; without this watch the workers would
    # wait on their task queue forever.
    def watch() -> None:
        while True:
            time.sleep(1.0)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)

    threading.Thread(target=watch, daemon=True, name="secgraph-parent-watch").start()


def _start_fork_server() -> None:
    """Start the fork server with SIGINT ignored: an ignored signal stays ignored across exec
    and fork, so the server and every worker it forks never see a terminal's Ctrl-C (sent to
    the whole process group); the parent alone handles it and stops them. Without it a worker
    still importing the pipeline printed a KeyboardInterrupt traceback. (A blocked mask is
    not enough: the server is started by _posixsubprocess, which resets the mask.) A Ctrl-C
    in the few milliseconds of the start is lost; the next one is not."""
    from multiprocessing import forkserver  # noqa: PLC0415 - only builds with workers

    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)


def worker_pool(jobs: int) -> ProcessPoolExecutor:
    """``jobs`` worker processes that ignore Ctrl-C and exit with their parent.

    Not fork: the parent already runs RocksDB and progress threads. A fork server imports
    the pipeline once and forks the workers from it (spawn would import it in each worker)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["secgraph.forkserver_hook", __name__])
    _start_fork_server()
    return ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_init_worker, initargs=(os.getpid(),)
    )


def _results(
    files: Sequence[Path], worker: Callable[[Path], FileResult], jobs: int
) -> Iterator[FileResult]:
    """Results in input order, with at most a few files per worker in flight."""
    if jobs <= 1:
        for path in files:
            yield worker(path)
        return
    pool = worker_pool(jobs)
    pending: deque[Future[FileResult]] = deque()
    todo = iter(files)
    try:
        for path in todo:
            pending.append(pool.submit(worker, path))
            if len(pending) >= jobs * 8:  # enough to go on while the parent loads
                break
        while pending:
            result = pending.popleft().result()
            for path in todo:
                pending.append(pool.submit(worker, path))
                break
            yield result
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


# -- the parent: loading -----------------------------------------------------------------------


class Loader:
    """Gathers N-Quads into batches; drops a filing's old graph before its new quads land.

    Batches are bulk-loaded by a background thread (pyoxigraph releases the GIL), so the
    workers go on parsing while a batch is written; at most one batch waits for the thread.
    """

    def __init__(self, store: GraphStore, batch_bytes: int, *, empty: bool = False) -> None:
        self.store = store
        self.empty = empty  # the store had no filing graphs: only this build's can be there
        self.batch_bytes = batch_bytes
        self.pending: list[bytes] = []
        self.size = 0
        self.seen: dict[str, str] = {}  # graph -> the file of this build that gave it
        self.replaced = False  # some graph was in the store before its file was added
        self.quads = 0
        self._batches: queue.Queue[bytes | None] = queue.Queue(maxsize=1)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, daemon=True, name="secgraph-load")
        self._thread.start()

    def _run(self) -> None:
        while True:
            batch = self._batches.get()
            try:
                if batch is None:
                    return
                if self._error is None:
                    self.store.bulk_load(batch, format=ox.RdfFormat.N_QUADS)
            except BaseException as exc:
                self._error = exc
            finally:
                self._batches.task_done()

    def _check(self) -> None:
        if self._error is not None:
            raise self._error

    def add(self, result: FileResult) -> tuple[str | None, int]:
        """Queue one file's quads; returns the earlier file of this build it replaces and how
        many filing graphs of an earlier version of the same file it dropped."""
        assert result.graph is not None
        graph = ox.NamedNode(result.graph)
        earlier = self.seen.get(result.graph)
        if earlier is not None:
            self.wait()  # the earlier copy must be in the store before it is dropped
        if earlier is not None or (not self.empty and self.store.has_graph(graph)):
            self.store.remove_graph(graph)
            self.replaced = True
        dropped = 0
        for old in self._earlier_versions(result):
            self.store.remove_graph(old)
            self.replaced = True
            dropped += 1
        self.seen[result.graph] = result.path
        self.pending.append(result.nquads)
        self.size += len(result.nquads)
        self.quads += result.quads
        if self.size >= self.batch_bytes:
            self.flush()
        return earlier, dropped

    def _earlier_versions(self, result: FileResult) -> list[ox.NamedNode]:
        """The filing graphs an earlier content of the same file gave. A filing is known by
        its accession number when it has one, else by its file: a file without one whose
        bytes changed gets a new graph (named by its SHA-256), and its old graph must go."""
        if self.empty or result.by_accession or result.source is None:
            return []
        rows = self.store.select(
            f"SELECT DISTINCT ?f ?src WHERE {{ GRAPH ?f {{ ?f {SG.sourceFile} ?src }} }}",
            {"src": ox.Literal(result.source)},
            union=False,
        )
        return [
            f
            for row in rows
            if isinstance(f := row.get("f"), ox.NamedNode)
            and f.value != result.graph
            and f.value.startswith(SHA256_FILINGS)
        ]

    def flush(self) -> None:
        """Hand the pending batch to the loading thread (waits while it loads the previous)."""
        self._check()
        if self.pending:
            self._batches.put(b"".join(self.pending))
            self.pending.clear()
            self.size = 0

    def wait(self) -> None:
        """Everything added so far is in the store."""
        self.flush()
        self._batches.join()
        self._check()

    def close(self) -> None:
        """Stop the loading thread (after the batch it is loading, if any)."""
        self._batches.put(None)
        self._thread.join()


def _load_ontology(store: GraphStore) -> int:
    return store.replace_graph(ONTOLOGY_GRAPH, ontology_quads())


def resolve_store(store: GraphStore, mentions: dict[str, Mention] | None) -> int:
    """Recompute the resolution graph, from ``mentions`` when the build noted every filing's
    (it made all the store's filings), else from the store (SPARQL, slower: 13 s for 10,500
    filings). Bulk-loaded in chunks, not ``replace_graph``: its one transaction held the 192k
    quads of 10,500 filings in memory (+420 MiB, 13 s); a staging store needs no transaction,
    as a failed build discards it."""
    if mentions is None:
        mentions = read_mentions(store.select)
    # Every pair is judged when the first quad comes: the old graph may go now.
    quads = with_search_keys(resolution_quads(mentions), mentions)
    return _derived(store, RESOLUTION_GRAPH, quads)


def _derived(store: GraphStore, graph: ox.NamedNode, quads: Iterator[ox.Quad]) -> int:
    """Replace a derived graph with ``quads``, bulk-loaded in chunks as they are drawn."""
    store.remove_graph(graph)
    chunk = list(islice(quads, RESOLUTION_CHUNK))
    while chunk:
        data = ox.serialize(chunk, format=ox.RdfFormat.N_QUADS)  # bytes: no output given
        assert data is not None
        store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        chunk = list(islice(quads, RESOLUTION_CHUNK))
    return store.count(graph)


def has_filings(store: GraphStore) -> bool:
    """Whether the store holds any graph besides the ontology and the resolution graphs."""
    own = {ONTOLOGY_GRAPH, RESOLUTION_GRAPH, POSITIONS_GRAPH, SUMMARY_GRAPH}
    return any(graph not in own for graph in store.graphs())


def load_results(
    results: Iterable[FileResult],
    loader: Loader,
    report: BuildReport,
    progress: BuildProgress,
    mentions: MentionIndex | None,
) -> None:
    for result in results:
        if result.error is None:
            replaces, replaced = loader.add(result)
            if mentions is not None and result.entity_facts is not None:
                mentions.add(result.entity_facts)
            line = FileReport(
                result.path,
                ok=True,
                warnings=result.warnings,
                quads=result.quads,
                form=result.form,
                parser=result.parser,
                replaces=replaces,
                replaced=replaced,
            )
        else:
            line = FileReport(result.path, ok=False, reason=result.error, parser=result.parser)
        report.files.append(line)
        progress.file_done(line)


def build(
    paths: Iterable[str | Path],
    store_dir: Path | str,
    *,
    jobs: int | None = None,
    fresh: bool = False,
    progress: BuildProgress | None = None,
    worker: Callable[[Path], FileResult] = process_file,
    batch_bytes: int = BATCH_BYTES,
) -> BuildReport:
    """Build (or add to) the store in ``store_dir`` from files and folders (recursive).

    ``jobs`` worker processes parse and map (default: the CPU cores but one, and at most one
    per ``FILES_PER_WORKER`` files; 1 runs in-process, beside the loading thread). ``fresh``
    starts from an empty store instead of the existing one. ``worker`` must be a
    module-level function when ``jobs > 1`` (it runs in other processes). Raises SetupError
    (a missing path, a store that cannot open or write) before or instead of any change.
    """
    started = time.perf_counter()
    progress = progress or _NoProgress()
    inputs = list(walk_inputs(paths))  # names only: a missing path fails before any work
    files = [item for item in inputs if isinstance(item, Path)]
    if jobs is None:  # by default, only as many workers as pay for their start
        jobs = min(default_jobs(), -(-len(files) // FILES_PER_WORKER))
    jobs = max(1, min(jobs, len(files)))
    report = BuildReport(store=store_dir)
    progress.start(len(inputs))
    with build_target(store_dir, fresh=fresh) as store:
        for item in inputs:
            if isinstance(item, Unreadable):  # a FIFO, a link loop...: reported, not read
                line = FileReport(display_name(item.path), ok=False, reason=str(item.error))
                report.files.append(line)
                progress.file_done(line)
        # Resolution reads the mentions the workers noted when this build makes all the
        # store's filings; a store that had some already is read again with SPARQL.
        empty = not has_filings(store)
        mentions = MentionIndex() if empty else None
        loader = Loader(store, batch_bytes, empty=empty)
        try:
            load_results(_results(files, worker, jobs), loader, report, progress, mentions)
            loader.wait()
        finally:
            loader.close()  # before the staging store closes, whatever happened
        report.quads_loaded = loader.quads
        noted = mentions.mentions() if mentions is not None and not loader.replaced else None
        del mentions
        finish(store, report, progress, lambda target: resolve_store(target, noted))
    report.seconds = time.perf_counter() - started
    return report


def finish(
    store: S,
    report: BuildReport,
    progress: BuildProgress,
    resolution: Callable[[S], int],
) -> None:
    """The stages after the filings are in ``store``: the resolution graph (``resolution``
    writes it and returns its size), then the graphs derived from it (positions, summary),
    the ontology, the count, and the compaction. Shared by :func:`build` and the sharded
    load (:mod:`secgraph.scale.load`)."""
    progress.stage("resolving entities")
    report.resolution_quads = resolution(store)
    progress.stage("positions over time")
    report.position_quads = _derived(store, POSITIONS_GRAPH, position_quads(store.select))
    progress.stage("listing order and counts")
    report.summary_quads = _derived(store, SUMMARY_GRAPH, summary_quads(store.select))
    progress.stage("loading the ontology")
    report.ontology_quads = _load_ontology(store)
    report.store_quads = store.count()
    # A batched load leaves RocksDB many overlapping files, and every quad-pattern lookup
    # opens an iterator on each: on the 10,000-filing synthetic store a compacted copy
    # answers a lookup of one node's property in 32 us instead of 180 us, and `lookup` of
    # the most connected person in 1.1 s instead of 3.6 s (CPU). It cost 20 s of CPU there.
    progress.stage("compacting the store")
    store.optimize()
    progress.stage("committing")
