"""Text parsing against input size: CPU time and peak memory up to the 64 MiB input limit.

::

    python benchmarks/bench_text_scale.py --out benchmarks/results.json   # about 20 minutes
    python benchmarks/bench_text_scale.py --seeds 8k --sizes 1,4,16       # a part of it
    python benchmarks/bench_text_scale.py --seeds 8k --shapes one_line --sizes 64

Two seeds, each padded inside its body to the size measured, in two shapes that were
super-linear or costly before (issue 14): many short lines, and one long line.

* ``form4``: the example Form 4 text conversion (examples/filings/000_...), padded before its
  Table I (the ownership text reader);
* ``8k``: a real full-submission 8-K in plain text (Pericom, 0001275287-05-000056, in
  tests/corpus/8k-items), padded inside its Item 5.02 after the first paragraph (the 8-K
  sentence readers, officer changes included).

Each size is parsed in a fresh process (so its peak RSS is its own); the figures go to
``results.json`` under ``text_scale``, with seconds per MiB at each size (a flat column is
linear time) and the peak RSS above that of parsing the unpadded seed, per MiB of input (a
flat column is linear memory; its value is the memory factor). A run of some seeds or sizes
replaces those rows and keeps the others (each row has its own date and load).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import machine

ROOT = Path(__file__).resolve().parents[1]
# seed name -> (file, the text the padding goes right before)
SEEDS = {
    "form4": (ROOT / "examples" / "filings" / "000_e1ed6ab97b7d8f9e.txt", "Table I"),
    "8k": (
        ROOT / "tests" / "corpus" / "8k-items" / "edgarcrawler__0001275287-05-000056.txt",
        "     The press release issued on January 10",
    ),
}
MIB = 1 << 20
SIZES_MIB = (1, 4, 16, 64)
SHAPES = {"short_lines": "x1234\n", "one_line": "word "}

# Runs in the measured process: parse one file, print CPU seconds and peak RSS. The peak is
# the process's own (VmHWM): ru_maxrss also counts the parent's memory at the fork.
_CHILD = """
import json, sys, time
from secgraph import parse_path
start = time.process_time()
error = None
try:
    parse_path(sys.argv[1])
except Exception as exc:
    error = str(exc)[:200]
cpu = time.process_time() - start
with open("/proc/self/status") as fh:
    hwm = next(int(ln.split()[1]) for ln in fh if ln.startswith("VmHWM:"))
print(json.dumps({"cpu_s": cpu, "error": error, "peak_rss_mib": hwm / 1024}))
"""


def make_input(path: Path, size: int, unit: str, seed: str = "form4") -> None:
    """The seed filing with ``unit`` repeated inside its body, ``size`` bytes in all (written
    a MiB at a time: this process stays small)."""
    file, marker = SEEDS[seed]
    text = file.read_text(encoding="utf-8")
    cut = text.index(marker)
    room = size - len(text.encode("utf-8")) - 1
    count = room // len(unit)
    block = unit * (MIB // len(unit))
    per_block = MIB // len(unit)
    with path.open("w", encoding="utf-8") as out:
        out.write(text[:cut])
        for _ in range(count // per_block):
            out.write(block)
        out.write(unit * (count % per_block))
        out.write("x" * (room - count * len(unit)) + "\n")
        out.write(text[cut:])
    assert path.stat().st_size == size, path.stat().st_size


def measure(path: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.json")
    parser.add_argument("--seeds", default=",".join(SEEDS), help="comma-separated seeds")
    parser.add_argument(
        "--sizes", default=",".join(map(str, SIZES_MIB)), help="comma-separated sizes in MiB"
    )
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shapes")
    args = parser.parse_args()
    seeds = [s for s in args.seeds.split(",") if s]
    sizes = [int(s) for s in args.sizes.split(",") if s]
    started = time.monotonic()
    load_before = os.getloadavg()[0]
    rows = []
    baselines = {}
    with tempfile.TemporaryDirectory(prefix="secgraph-text-scale-") as scratch:
        for seed in seeds:
            baseline = float(measure(SEEDS[seed][0])["peak_rss_mib"])  # type: ignore[arg-type]
            baselines[seed] = round(baseline, 1)
            for shape, unit in SHAPES.items():
                if shape not in args.shapes.split(","):
                    continue
                for mib in sizes:
                    path = Path(scratch) / f"{seed}-{shape}-{mib}.txt"
                    make_input(path, mib * MIB, unit, seed)
                    figure = measure(path)
                    path.unlink()
                    cpu = float(figure["cpu_s"])  # type: ignore[arg-type]
                    rss = float(figure["peak_rss_mib"])  # type: ignore[arg-type]
                    row = {
                        "seed": seed,
                        "shape": shape,
                        "size_mib": mib,
                        "cpu_s": round(cpu, 2),
                        "cpu_s_per_mib": round(cpu / mib, 3),
                        "peak_rss_mib": round(rss, 1),
                        "baseline_peak_rss_mib": round(baseline, 1),
                        "rss_above_baseline_per_mib": round((rss - baseline) / mib, 2),
                        "load_average_1m": round(os.getloadavg()[0], 2),
                        "date": time.strftime("%Y-%m-%d", time.gmtime()),
                        "error": figure["error"],
                    }
                    rows.append(row)
                    print(json.dumps(row), flush=True)
    existing = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    previous = existing.get("text_scale", {})
    measured = {(r["seed"], r["shape"], r["size_mib"]) for r in rows}
    old_baselines = previous.get("baseline_peak_rss_mib", {})
    if not isinstance(old_baselines, dict):  # before there were seeds: the Form 4 one
        old_baselines = {"form4": old_baselines}
    kept = [
        # rows from before there were seeds measured the Form 4 seed
        {"seed": "form4", "date": previous.get("date"), **r}
        for r in previous.get("runs", [])
        if (r.get("seed", "form4"), r["shape"], r["size_mib"]) not in measured
    ]
    order = {name: n for n, name in enumerate(SEEDS)}
    shapes = {name: n for n, name in enumerate(SHAPES)}
    runs = sorted(
        [*kept, *rows],
        key=lambda r: (order.get(r["seed"], 99), shapes.get(r["shape"], 99), r["size_mib"]),
    )
    out = {
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
        "machine": machine(),
        "inputs": {
            name: f"{file.relative_to(ROOT)} padded inside its body (before {marker.strip()!r})"
            for name, (file, marker) in SEEDS.items()
        },
        "limit_bytes": 64 * MIB,
        "baseline_peak_rss_mib": {**old_baselines, **baselines},
        "runs": runs,
        "last_run": {
            "seeds": seeds,
            "sizes_mib": sizes,
            "shapes": args.shapes.split(","),
            "load_average_1m": [round(load_before, 2), round(os.getloadavg()[0], 2)],
            "bench_seconds": round(time.monotonic() - started, 1),
        },
    }
    existing["text_scale"] = out
    args.out.write_text(json.dumps(existing, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
