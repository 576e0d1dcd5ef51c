"""The scale-out part of ``make bench``: the sharded build on Dask, resolve, load, beside the
embedded build of the same filings.

::

    python benchmarks/bench_scale.py --out benchmarks/results.json    # 2,000 filings

On the first ``--n`` filings of the synthetic set (``synth.py``; generated under ``--synth``
when missing), each step is the real command in a child process:

1. ``secgraph build --shards --cluster local:1`` and ``local:2``: the map stage's shards/s
   and files/s as the command reports them (from its first task to its manifest, without
   the cluster's start, which is given apart), and the ratio of the two (the scaling);
2. ``secgraph resolve --shards``: seconds, peak RSS, and the peak above that of resolving a
   one-filing build, per filing (the reduce's memory);
3. ``secgraph load --shards --store``: seconds and quads/s of the whole load (the filings'
   bulk load, the resolution graph, positions, summary, ontology, compaction);
4. ``secgraph build --store`` of the same files (the embedded build), seconds and quads/s;
5. the two stores compared: quad count and a SHA-256 over every quad in the store's order.

The figures go to ``results.json`` under ``scale``, with the shards' and facts' bytes per
filing and the load average before and after each step (the machine is shared: above its
core count, every figure is slower than the code, and the ratio of step 1 is capped by the
cores there are).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import synth
from machine import load_average, machine

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CORPUS = ROOT / "tests" / "corpus"

_SHARDS = re.compile(r"in (\d+) shard\(s\), (\d+) failed; (\d+) quads\. ([\d.]+) s")
_STORE = re.compile(r"(\d+) quads in the store\. ([\d.]+) s")
# Runs in a child: the quad count and a SHA-256 over every quad, in the store's own order
# (the same for equal stores).
_DIGEST = """
import hashlib, sys, pyoxigraph as ox
from pathlib import Path
folder = Path(sys.argv[1])
store = ox.Store.read_only(str(folder / (folder / "generation").read_text().strip()))
h, n = hashlib.sha256(), 0
for quad in store:
    h.update(str(quad).encode()); h.update(b"\\n"); n += 1
print(n, h.hexdigest())
"""


def run(cmd: list[str], log: Path) -> dict[str, Any]:
    """Run ``cmd`` to its end: wall time, CPU time and peak RSS of it and the children it
    waited for (Dask's workers under their nanny included), its output in ``log``."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "COLUMNS": "120", "NO_COLOR": "1"}
    before = load_average()
    start = time.perf_counter()
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
        "rc": os.waitstatus_to_exitcode(status),
        "load_1m": [before, load_average()],
        "tail": log.read_text(errors="replace")[-400:],
    }


def _size(folder: Path, suffix: str) -> int:
    return sum(p.stat().st_size for p in folder.glob(f"shard-*{suffix}"))


def shard_build(roots: list[Path], folder: Path, workers: int, shard_size: int) -> dict[str, Any]:
    cmd = [str(BIN / "secgraph"), "build", *map(str, roots), "--shards", str(folder)]
    cmd += ["--shard-size", str(shard_size), "--cluster", f"local:{workers}"]
    figures = run(cmd, folder.with_suffix(".log"))
    match = _SHARDS.search(figures["tail"])
    if match is None:
        raise RuntimeError(f"sharded build failed: {figures['tail']}")
    shards, failed, quads, seconds = int(match[1]), int(match[2]), int(match[3]), float(match[4])
    filings = json.loads((folder / "manifest.json").read_text())["files"] - failed
    return {
        **figures,
        "workers": workers,
        "shards": shards,
        "filings": filings,
        "failed": failed,
        "quads": quads,
        "map_s": seconds,
        "shards_per_s": round(shards / seconds, 3),
        "files_per_s": round(filings / seconds, 1),
        "cluster_start_and_exit_s": round(figures["wall_s"] - seconds, 2),
        "nquads_bytes_per_filing": round(_size(folder, ".nq") / max(filings, 1)),
        "facts_bytes_per_filing": round(_size(folder, ".json") / max(filings, 1)),
    }


def resolve(folder: Path) -> dict[str, Any]:
    figures = run([str(BIN / "secgraph"), "resolve", "--shards", str(folder)], folder / "r.log")
    if figures["rc"] != 0:
        raise RuntimeError(f"resolve failed: {figures['tail']}")
    return figures


def store_run(cmd: list[str], log: Path) -> dict[str, Any]:
    figures = run(cmd, log)
    match = _STORE.search(figures["tail"])
    if figures["rc"] not in (0, 1) or match is None:
        raise RuntimeError(f"{cmd[1]} failed: {figures['tail']}")
    quads, seconds = int(match[1]), float(match[2])
    return {
        **figures,
        "store_quads": quads,
        "seconds": seconds,
        "quads_per_s": round(quads / seconds),
    }


def digest(store: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _DIGEST, str(store)], capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.json")
    parser.add_argument("--n", type=int, default=2000, help="synthetic filings (default 2,000)")
    parser.add_argument("--shard-size", type=int, default=100, help="files per shard")
    parser.add_argument("--synth", type=Path, default=Path("/tmp/bench/synth-s0"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench/scale"))
    args = parser.parse_args()
    started = time.monotonic()
    if not synth.is_current(args.synth, args.n, 0):
        print(f"generating {args.n} filings under {args.synth}", file=sys.stderr)
        synth.ensure(CORPUS, args.synth, args.n, 0)
    roots = synth.roots(args.synth, args.n)
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    w = args.work
    out: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
        "machine": machine(),
        "filings": args.n,
        "shard_size": args.shard_size,
    }
    print("map stage, 1 Dask worker", file=sys.stderr)
    one = shard_build(roots, w / "shards-1", 1, args.shard_size)
    print("map stage, 2 Dask workers", file=sys.stderr)
    two = shard_build(roots, w / "shards-2", 2, args.shard_size)
    out["map"] = {"workers_1": one, "workers_2": two}
    out["map"]["scaling_2_over_1"] = round(one["map_s"] / two["map_s"], 2)
    print("resolve", file=sys.stderr)
    small = w / "shards-small"
    first = roots[0] if roots[0].is_file() else sorted(roots[0].iterdir())[0]
    shard_build([first], small, 1, 1)
    base = resolve(small)
    res = resolve(w / "shards-2")
    res["baseline_peak_rss_mib"] = base["peak_rss_mib"]
    res["kib_per_filing"] = round(
        (res["peak_rss_mib"] - base["peak_rss_mib"]) * 1024 / two["filings"], 1
    )
    res["ms_per_filing"] = round(res["wall_s"] * 1000 / two["filings"], 2)
    out["resolve"] = res
    print("load", file=sys.stderr)
    load = store_run(
        [str(BIN / "secgraph"), "load", "--shards", str(w / "shards-2"), "--store", str(w / "s1")],
        w / "load.log",
    )
    out["load"] = load
    print("embedded build", file=sys.stderr)
    embedded = store_run(
        [str(BIN / "secgraph"), "build", *map(str, roots), "--store", str(w / "s2"), "--fresh"],
        w / "build.log",
    )
    out["embedded_build"] = embedded
    sharded_total = two["wall_s"] + res["wall_s"] + load["wall_s"]
    out["sharded_total_s"] = round(sharded_total, 1)
    out["sharded_over_embedded"] = round(sharded_total / embedded["wall_s"], 2)
    a, b = digest(w / "s1"), digest(w / "s2")
    out["stores_equal"] = a == b
    out["store_quads"] = int(a[0])
    out["load_average_1m"] = load_average()
    out["bench_seconds"] = round(time.monotonic() - started, 1)
    for part in (one, two, res, base, load, embedded):
        part.pop("tail", None)
    print(json.dumps(out, indent=2))
    existing = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    existing["scale"] = out
    args.out.write_text(json.dumps(existing, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
