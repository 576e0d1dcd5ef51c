"""Ingest speed and memory of secgraph (``make bench``), on tests/corpus and a synthetic set.

Measured separately, each on the corpus and on the synthetic set of benchmarks/synth.py:

(a) parse   ownership XML filings/s on one core (the process is pinned to one CPU), beside
            lxml alone building the tree of the same bytes (the ceiling of any XML reader);
(b) map     parsed filings -> quads: filings/s and triples/s, one core;
(c) store   pyoxigraph's bulk load of those same quads (as N-Quads) into a fresh store, in
            one call (the target's reference), and (c') in the build's bounded batches;
(d) build   the whole pipeline (``secgraph.build.build``, its default parsing processes),
            and its time over (c) and over (c');
(e) memory  peak RSS of the build process and of its workers, at two sizes of the synthetic
            set, to show it stays flat.

Files are read from disk in chunks (untimed) and timed from bytes in memory, so the figures
are the code's, not the disk's. Writes ``--out`` (JSON): figures, targets, whether each was
met, and the machine. The only date in it is ``date``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import synth  # the generator beside this file (the script's folder is on sys.path)
from lxml import etree
from machine import machine

from secgraph.batch import iter_input_files
from secgraph.build import BATCH_BYTES, build, default_jobs
from secgraph.errors import InputError
from secgraph.graph.mapper import map_filing
from secgraph.parsers import Source, detect, ownership_xml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

TARGETS = {
    "parse_ownership_xml_filings_per_s": 2000.0,  # one core (CPU time), synthetic set
    "build_over_bulk_load_max": 1.5,  # whole build time / bulk load alone, synthetic set
    "memory_growth_max": 1.25,  # peak RSS at the large size / at the small size
}
CHUNK = 500  # files read into memory at a time
MIN_SECONDS = 1.0  # repeat a small set's timing loop until it ran this long


# -- the sets --------------------------------------------------------------------------------


@dataclass
class FileSet:
    name: str
    files: list[Path]
    roots: list[Path]  # what the build is given (folders), the same files


def corpus_set(corpus: Path) -> FileSet:
    return FileSet("corpus", list(iter_input_files([corpus])), [corpus])


def synthetic_sets(corpus: Path, out: Path, n: int, small: int, seed: int) -> list[FileSet]:
    """The whole synthetic set, and its first ``small`` filings (a prefix is a valid set)."""
    filings = synth.ensure(corpus, out, n, seed)
    return [
        FileSet("synthetic", [f.path for f in filings], synth.roots(out, n)),
        FileSet("synthetic_small", [f.path for f in filings[:small]], synth.roots(out, small)),
    ]


def chunks(files: Sequence[Path]) -> Iterator[list[tuple[str, bytes]]]:
    for start in range(0, len(files), CHUNK):
        yield [(str(p), p.read_bytes()) for p in files[start : start + CHUNK]]


# -- (a), (b), (c): one core -----------------------------------------------------------------


class Stopwatch:
    """Wall-clock and CPU seconds of this thread, summed over the sections it timed.

    On a machine shared with other work, a pinned process's wall clock also counts the time
    slices the others took; its CPU time does not, and on an idle core the two agree.
    """

    def __init__(self) -> None:
        self.wall = 0.0
        self.cpu = 0.0

    @contextmanager
    def run(self, repeats: int = 1) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.thread_time()
        yield
        self.wall += (time.perf_counter() - wall) / repeats
        self.cpu += (time.thread_time() - cpu) / repeats

    def rates(self, count: float) -> dict[str, float]:
        return {"per_s": _rate(count, self.cpu), "per_s_wall": _rate(count, self.wall)}


@dataclass
class Timings:
    ownership_files: int = 0
    lxml: Stopwatch = field(default_factory=Stopwatch)
    parse: Stopwatch = field(default_factory=Stopwatch)
    detect: Stopwatch = field(default_factory=Stopwatch)
    failed: list[str] = field(default_factory=list)
    mapped_files: int = 0
    map: Stopwatch = field(default_factory=Stopwatch)
    triples: int = 0
    serialize: Stopwatch = field(default_factory=Stopwatch)
    nquads_bytes: int = 0


def _repeats(count: int) -> int:
    # Small sets are timed in a loop long enough to be read; ~1 ms a filing is a safe guess.
    return max(1, int(MIN_SECONDS / max(count * 0.0007, 1e-9)))


def _cold_caches() -> None:
    """Empty the memo caches of secgraph's modules (names already parsed, IRIs built...), so a
    repeated timing loop does not read every name from the cache after its first round. A
    stream of distinct filings keeps them: the synthetic set is read once, caches warm."""
    for name, module in list(sys.modules.items()):
        if name.startswith("secgraph"):
            for obj in vars(module).values():
                clear = getattr(obj, "cache_clear", None)
                if callable(clear):
                    clear()


def one_core(fileset: FileSet, nquads: Path) -> Timings:
    """Parse (a) and map (b) every file of the set on one pinned core; write its N-Quads."""
    t = Timings()
    with nquads.open("wb") as out:
        for chunk in chunks(fileset.files):
            sources = [Source(name, data) for name, data in chunk]
            own = [s for s in sources if ownership_xml.detect(s)]
            t.ownership_files += len(own)
            reps = _repeats(len(own)) if fileset.name == "corpus" else 1
            gc.collect()
            # (a) lxml alone: the tree of the same bytes, nothing read from it.
            with t.lxml.run(reps):
                for _ in range(reps):
                    for s in own:
                        etree.fromstring(s.data)
            for _ in range(reps):
                _cold_caches()  # each repeat reads the corpus as a fresh process would
                with t.parse.run(reps):
                    for s in own:
                        ownership_xml.parse(Source(s.name, s.data))
            with t.detect.run(reps):
                for _ in range(reps):
                    for s in own:
                        detect(Source(s.name, s.data))
            # (b) map every filing that parses (all families), then serialize it for (c).
            for s in sources:
                try:
                    entry = detect(s)
                    parsed = entry.parse(s)
                except InputError as exc:
                    t.failed.append(f"{s.name}: {exc}")
                    continue
                with t.map.run():
                    mapped = map_filing(parsed, parser_name=entry.name)
                t.mapped_files += 1
                t.triples += mapped.count
                with t.serialize.run():
                    data = mapped.nquads()
                t.nquads_bytes += len(data)
                out.write(data)
    return t


def bulk_load(nquads: Path, store_dir: Path, batch_bytes: int | None = None) -> dict[str, Any]:
    """(c) pyoxigraph's bulk load of the N-Quads alone, into a fresh on-disk store: in one
    call, or (c') in calls of ``batch_bytes`` one after the other, as the build loads to keep
    its memory bounded (one call on the whole file lets pyoxigraph hold ~1M quads per thread:
    1.8 GiB peak RSS on the synthetic set, measured with /usr/bin/time)."""
    shutil.rmtree(store_dir, ignore_errors=True)
    store = ox.Store(str(store_dir))
    gc.collect()
    calls = 0
    start = time.perf_counter()
    if batch_bytes is None:
        store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        calls = 1
    else:
        with nquads.open("rb") as fh:
            while batch := fh.read(batch_bytes) + fh.readline():
                store.bulk_load(batch, format=ox.RdfFormat.N_QUADS)
                calls += 1
    store.flush()
    seconds = time.perf_counter() - start
    quads = len(store)
    del store
    shutil.rmtree(store_dir, ignore_errors=True)
    figures: dict[str, Any] = {"seconds": round(seconds, 3), "quads": quads, "calls": calls}
    if batch_bytes is not None:
        figures["batch_mib"] = batch_bytes // 2**20
    figures["triples_per_s"] = round(quads / seconds)
    return figures


# -- (d), (e): the real build, in a child process ----------------------------------------------


class _StageClock:
    """A BuildProgress that notes when each stage of the build starts, and this process's peak
    RSS so far (so the peak of a stage is the high-water mark read when the next one starts)."""

    def __init__(self) -> None:
        self.marks: list[tuple[str, float, int]] = []

    def mark(self, name: str) -> None:
        self.marks.append((name, time.perf_counter(), _peak_kib(os.getpid()) or 0))

    def start(self, total: int) -> None:
        self.mark("ingest")

    def file_done(self, report: object) -> None:
        pass

    def stage(self, description: str) -> None:
        self.mark(description)

    def stages(self) -> dict[str, dict[str, float]]:
        """Stage -> seconds and the build process's peak RSS (MiB) at its end."""
        self.mark("end")
        return {
            name: {
                "seconds": round(self.marks[i + 1][1] - at, 3),
                "peak_rss_mib": round(self.marks[i + 1][2] / 1024, 1),
            }
            for i, (name, at, _) in enumerate(self.marks[:-1])
        }


def _peak_kib(pid: int | str) -> int | None:
    """The kernel's RSS high-water mark of a process (VmHWM), KiB; None once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def _descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # pid (comm) state ppid ...: comm may hold spaces, so split after its ")"
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: list[int] = []
    frontier = [root]
    while frontier:
        pid = frontier.pop()
        kids = [child for child, parent in parents.items() if parent == pid]
        found += kids
        frontier += kids
    return found


class _PeakWatch:
    """Polls the peak RSS of every process below this one (the build's fork server and its
    workers are not our direct children, so getrusage cannot see them)."""

    def __init__(self, interval: float = 0.2) -> None:
        self.peaks: dict[int, int] = {}
        self.interval = interval
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def poll(self) -> None:
        for pid in _descendants(os.getpid()):
            peak = _peak_kib(pid)
            if peak is not None:
                self.peaks[pid] = max(peak, self.peaks.get(pid, 0))

    def run(self) -> None:
        while not self.stop.wait(self.interval):
            self.poll()

    def __enter__(self) -> _PeakWatch:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.poll()
        self.stop.set()
        self.thread.join()


def child_build(roots: list[str], store_dir: Path, jobs: int) -> dict[str, Any]:
    """Run one build here and report its time and peak memory (this process and workers)."""
    clock = _StageClock()
    shutil.rmtree(store_dir, ignore_errors=True)
    with _PeakWatch() as watch:
        start = time.perf_counter()
        report = build(roots, store_dir, jobs=jobs, fresh=True, progress=clock)
        end = time.perf_counter()
        stages = clock.stages()
    # VmHWM, not getrusage: Linux carries the ru_maxrss of the process that forked us across
    # exec, so a child of a large parent would report the parent's peak as its own.
    own = _peak_kib(os.getpid()) or 0
    workers = max(watch.peaks.values(), default=0)
    shutil.rmtree(store_dir, ignore_errors=True)
    return {
        "seconds": round(end - start, 3),
        "stages": stages,
        "files": len(report.files),
        "loaded": report.loaded,
        "failed": len(report.failed),
        "quads_loaded": report.quads_loaded,
        "store_quads": report.store_quads,
        "jobs": jobs,
        "peak_rss_mib": {
            "build_process": round(own / 1024, 1),
            "worker": round(workers / 1024, 1),  # the largest helper process (workers, server)
            "all_processes": round((own + sum(watch.peaks.values())) / 1024, 1),
        },
        "helper_processes": len(watch.peaks),
    }


def run_build(fileset: FileSet, store_dir: Path, jobs: int) -> dict[str, Any]:
    """A build of the set in a fresh interpreter, so its memory is its own."""
    cmd = [sys.executable, __file__, "--child-build", str(store_dir), str(jobs)]
    cmd += [str(r) for r in fileset.roots]
    done = subprocess.run(cmd, check=False, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"build of {fileset.name} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# -- the report ------------------------------------------------------------------------------


def _rate(count: float, seconds: float) -> float:
    return round(count / seconds, 1) if seconds > 0 else 0.0


def measure(fileset: FileSet, work: Path, jobs: int) -> dict[str, Any]:
    nquads = work / f"{fileset.name}.nq"
    cpu = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu[0]})  # (a) and (b) on ONE core
    try:
        t = one_core(fileset, nquads)
    finally:
        os.sched_setaffinity(0, set(cpu))
    load = bulk_load(nquads, work / f"{fileset.name}.bulk-store")
    batched = bulk_load(nquads, work / f"{fileset.name}.bulk-store", BATCH_BYTES)
    nquads.unlink()
    build = run_build(fileset, work / f"{fileset.name}.build-store", jobs)
    return {
        "files": len(fileset.files),
        "parse": {
            "ownership_xml_files": t.ownership_files,
            "filings_per_s": t.parse.rates(t.ownership_files),
            "detect_only_filings_per_s": t.detect.rates(t.ownership_files),
            "lxml_tree_only_filings_per_s": t.lxml.rates(t.ownership_files),
        },
        "map": {
            "filings": t.mapped_files,
            "failed_to_parse": len(t.failed),
            "failures": t.failed[:10],
            "triples": t.triples,
            "filings_per_s": t.map.rates(t.mapped_files),
            "triples_per_s": t.map.rates(t.triples),
            "nquads_serialize_triples_per_s": t.serialize.rates(t.triples),
            "nquads_mib": round(t.nquads_bytes / 1024**2, 1),
        },
        "bulk_load": load,
        "batched_bulk_load": batched,
        "build": {
            **build,
            "over_bulk_load": round(build["seconds"] / load["seconds"], 2),
            "over_batched_bulk_load": round(build["seconds"] / batched["seconds"], 2),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="secgraph ingest benchmark (make bench)")
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "corpus")
    parser.add_argument("--work", type=Path, default=HERE / "work")
    parser.add_argument("--n", type=int, default=10_500, help="synthetic filings")
    parser.add_argument("--small", type=int, default=2_500, help="smaller size for memory")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--jobs", type=int, default=default_jobs(), help="parsing processes (as secgraph build)"
    )
    args = parser.parse_args()

    args.work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    print(f"synthetic set: {args.n} filings under {args.work / 'synth'}", file=sys.stderr)
    synthetic, small = synthetic_sets(
        args.corpus, args.work / "synth", args.n, args.small, args.seed
    )
    sets: dict[str, Any] = {}
    for fileset in (corpus_set(args.corpus), synthetic):
        print(f"measuring {fileset.name} ({len(fileset.files)} files)", file=sys.stderr)
        sets[fileset.name] = measure(fileset, args.work, args.jobs)
    print(f"memory: build of {len(small.files)} files", file=sys.stderr)
    small_build = run_build(small, args.work / "small.build-store", args.jobs)
    large_build = sets["synthetic"]["build"]
    memory = {
        "sizes": [len(small.files), len(synthetic.files)],
        "build_process_peak_rss_mib": [
            small_build["peak_rss_mib"]["build_process"],
            large_build["peak_rss_mib"]["build_process"],
        ],
        "worker_peak_rss_mib": [
            small_build["peak_rss_mib"]["worker"],
            large_build["peak_rss_mib"]["worker"],
        ],
        # the build process's peak at the end of each stage: which stage grows with the set
        "build_process_peak_by_stage_mib": {
            stage: [small_build["stages"][stage]["peak_rss_mib"], figures["peak_rss_mib"]]
            for stage, figures in large_build["stages"].items()
            if stage in small_build["stages"]
        },
        "small_build_seconds": small_build["seconds"],
    }
    small_peak, large_peak = memory["build_process_peak_rss_mib"]
    growths = [large_peak / small_peak]
    small_worker, large_worker = memory["worker_peak_rss_mib"]
    if small_worker and large_worker:  # no worker processes when the build parses in-process
        growths.append(large_worker / small_worker)
    growth = max(growths)
    memory["growth"] = round(growth, 2)
    syn = sets["synthetic"]
    results = {
        "date": dt.date.today().isoformat(),
        "machine": machine(),
        "synthetic": {"filings": args.n, "seed": args.seed, "small": len(small.files)},
        "targets": TARGETS,
        "met": {
            "parse_ownership_xml_filings_per_s": syn["parse"]["filings_per_s"]["per_s"]
            >= TARGETS["parse_ownership_xml_filings_per_s"],
            "build_over_bulk_load_max": syn["build"]["over_bulk_load"]
            <= TARGETS["build_over_bulk_load_max"],
            "memory_growth_max": growth <= TARGETS["memory_growth_max"],
        },
        "sets": sets,
        "memory": memory,
        "bench_seconds": round(time.perf_counter() - started, 1),
        # Other work on the machine skews every figure: the 1-minute load average before and
        # after the run says whether the cores were ours.
        "load_average_1m": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    if args.out.exists():  # the query part's figures (benchmarks/query_bench.py) stay
        query = json.loads(args.out.read_text()).get("query")
        if query is not None:
            results["query"] = query
    args.out.write_text(json.dumps(results, indent=2, sort_keys=False) + "\n")
    print(json.dumps({"met": results["met"], "out": str(args.out)}), file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child-build"]:
        store, jobs, *roots = sys.argv[2:]
        print(json.dumps(child_build(roots, Path(store), int(jobs))))
    else:
        main()
