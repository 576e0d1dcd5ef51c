"""Text parsing against input size: CPU time and peak memory up to the 64 MiB input limit.

::

    python benchmarks/bench_text_scale.py --out benchmarks/results.json   # about 3 minutes

Each input is the example Form 4 text conversion (examples/filings/000_...) padded inside its
body to the size measured, in two shapes that were super-linear or costly before (issue 14):
many short lines, and one long line. Each size is parsed in a fresh process (so its peak RSS
is its own); the figures go to ``results.json`` under ``text_scale``, with seconds per MiB at
each size (a flat column is linear time) and the peak RSS above that of parsing the unpadded
seed, per MiB of input (a flat column is linear memory; its value is the memory factor).
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
SEED = ROOT / "examples" / "filings" / "000_e1ed6ab97b7d8f9e.txt"
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


def make_input(path: Path, size: int, unit: str) -> None:
    """The seed filing with ``unit`` repeated inside its body, ``size`` bytes in all (written
    a MiB at a time: this process stays small)."""
    text = SEED.read_text(encoding="utf-8")
    cut = text.index("Table I")
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
    args = parser.parse_args()
    started = time.monotonic()
    load_before = os.getloadavg()[0]
    rows = []
    baseline = float(measure(SEED)["peak_rss_mib"])  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory(prefix="secgraph-text-scale-") as scratch:
        for shape, unit in SHAPES.items():
            for mib in SIZES_MIB:
                path = Path(scratch) / f"{shape}-{mib}.txt"
                make_input(path, mib * MIB, unit)
                figure = measure(path)
                path.unlink()
                cpu = float(figure["cpu_s"])  # type: ignore[arg-type]
                rss = float(figure["peak_rss_mib"])  # type: ignore[arg-type]
                row = {
                    "shape": shape,
                    "size_mib": mib,
                    "cpu_s": round(cpu, 2),
                    "cpu_s_per_mib": round(cpu / mib, 3),
                    "peak_rss_mib": round(rss, 1),
                    "rss_above_baseline_per_mib": round((rss - baseline) / mib, 2),
                    "load_average_1m": round(os.getloadavg()[0], 2),
                    "error": figure["error"],
                }
                rows.append(row)
                print(json.dumps(row), flush=True)
    out = {
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
        "machine": machine(),
        "input": f"{SEED.relative_to(ROOT)} padded inside its body",
        "limit_bytes": 64 * MIB,
        "baseline_peak_rss_mib": round(baseline, 1),
        "runs": rows,
        "load_average_1m": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "bench_seconds": round(time.monotonic() - started, 1),
    }
    existing = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    existing["text_scale"] = out
    args.out.write_text(json.dumps(existing, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
