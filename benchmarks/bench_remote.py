"""The remote store beside the embedded one: load rate and named-query latency.

    python benchmarks/bench_remote.py --out benchmarks/results.json            # the corpus
    python benchmarks/bench_remote.py --store DIR --label n10000 --no-load   # a built store

On a built store folder (default: ``tests/corpus`` built into a scratch folder):

* **load** (unless ``--no-load``): the store's quads as N-Quads, loaded (a) by pyoxigraph's
  bulk loader into a new embedded store, (b) by ``secgraph``'s remote store into a new
  ``oxigraph serve`` (Graph Store Protocol ``POST`` of 32 MB batches, as ``build --store URL``
  writes them), (c) by ``oxigraph load`` into a new folder, the server's own offline loader;
  quads per second each;
* **queries**: every named query's first page (``--limit`` rows, as ``secgraph query --named``
  shows it), a ``lookup`` and a ``path``, through the embedded store and through the remote
  store over ``oxigraph serve-read-only`` on the same store folder; the median of ``--runs``
  runs each (the first run warms both caches and is not counted), and the ratio.

The server is the ``oxigraph`` wheel of the dev extra (pyoxigraph's version) on 127.0.0.1.
Results go under ``remote.LABEL`` of the output file (``--label``, default ``corpus``), the
other keys left as they are.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from oxigraph_server import oxigraph_serve  # noqa: E402
from secgraph.build import BATCH_BYTES, build  # noqa: E402
from secgraph.graph.queries import query_names, run_named  # noqa: E402
from secgraph.lookup import lookup  # noqa: E402
from secgraph.store import GraphStore, open_store  # noqa: E402
from secgraph.store.generations import live  # noqa: E402
from secgraph.views.paths import search_paths  # noqa: E402

SERVER = shutil.which("oxigraph", path=sysconfig.get_path("scripts")) or shutil.which("oxigraph")


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _median(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm
    return statistics.median(_timed(fn) for _ in range(runs))


def _batches(path: Path) -> list[bytes]:
    """The N-Quads file in batches of about BATCH_BYTES, cut at line ends."""
    batches, pending, size = [], [], 0
    with open(path, "rb") as fh:
        for line in fh:
            pending.append(line)
            size += len(line)
            if size >= BATCH_BYTES:
                batches.append(b"".join(pending))
                pending, size = [], 0
    if pending:
        batches.append(b"".join(pending))
    return batches


def load_part(store_dir: Path, work: Path) -> dict[str, Any]:
    nquads = work / "store.nq"
    with open_store(store_dir) as store, open(nquads, "wb") as out:
        store.dump(out, format=ox.RdfFormat.N_QUADS)
        quads = store.count()

    def embedded_load() -> None:
        embedded = ox.Store(str(work / "embedded"))
        embedded.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        embedded.flush()

    seconds_embedded = _timed(embedded_load)
    with oxigraph_serve(work / "served") as url, open_store(url) as remote:
        batches = _batches(nquads)
        seconds_remote = _timed(
            lambda: [remote.bulk_load(b, format=ox.RdfFormat.N_QUADS) for b in batches]
        )
        assert remote.count() == quads
    assert SERVER is not None
    seconds_offline = _timed(
        lambda: subprocess.run(
            [SERVER, "load", "--location", str(work / "offline"), "--file", str(nquads)],
            check=True,
            capture_output=True,
        )
    )
    return {
        "quads": quads,
        "nquads_bytes": nquads.stat().st_size,
        "embedded_bulk_load_quads_per_s": round(quads / seconds_embedded),
        "server_gsp_post_quads_per_s": round(quads / seconds_remote),
        "oxigraph_load_offline_quads_per_s": round(quads / seconds_offline),
    }


def _workload(store: GraphStore, limit: int, who: str, path: tuple[str, str]) -> dict[str, Any]:
    work: dict[str, Callable[[], object]] = {
        f"named:{name}": (lambda n=name: run_named(store, n, limit=limit))  # type: ignore[misc]
        for name in query_names()
    }
    work[f"lookup:{who}"] = lambda: lookup(store, who)
    work[f"path:{path[0]}->{path[1]}"] = lambda: search_paths(store, *path)
    return work


def query_part(store_dir: Path, runs: int, limit: int, who: str, path: tuple[str, str]) -> Any:
    folder = live(store_dir)
    assert folder is not None
    rows: dict[str, dict[str, float]] = {}
    with (
        open_store(store_dir) as local,
        oxigraph_serve(folder, read_only=True) as url,
        open_store(url) as remote,
    ):
        here = _workload(local, limit, who, path)
        there = _workload(remote, limit, who, path)
        for key in here:
            embedded = _median(here[key], runs)
            server = _median(there[key], runs)
            rows[key] = {
                "embedded_ms": round(embedded * 1000, 1),
                "server_ms": round(server * 1000, 1),
                "ratio": round(server / embedded, 2) if embedded else None,
            }
            print(key, json.dumps(rows[key]), flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.json")
    parser.add_argument("--store", type=Path, help="a built store folder (default: the corpus)")
    parser.add_argument("--label", default="corpus", help="the key of this run under remote")
    parser.add_argument("--no-load", action="store_true", help="the query part only")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--lookup", default="23andMe")
    parser.add_argument("--path", nargs=2, default=["Arie Belldegrun", "Joshua Bradley"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="secgraph-remote-") as tmp:
        work = Path(tmp)
        store_dir = args.store
        if store_dir is None:
            store_dir = work / "corpus"
            build([ROOT / "tests" / "corpus"], store_dir, jobs=1)
        out: dict[str, Any] = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
            "load_average_at_start": os.getloadavg()[0],
            "store": str(args.store) if args.store else "tests/corpus",
            "oxigraph": ox.__version__,
        }
        if not args.no_load:
            out["load"] = load_part(store_dir, work)
            print("load", json.dumps(out["load"]), flush=True)
        out["queries"] = query_part(store_dir, args.runs, args.limit, args.lookup, args.path)
        out["load_average_at_end"] = os.getloadavg()[0]
    existing = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    existing.setdefault("remote", {})[args.label] = out
    args.out.write_text(json.dumps(existing, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
