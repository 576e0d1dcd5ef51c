"""The query benchmark's measuring code (benchmarks/query_bench.py), on tiny children.

The query part of ``make bench`` judges CPU time and peak RSS of child processes; a harness
that measured the wrong process, or called a stopped command "met", would report targets met
that are not.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str) -> ModuleType:
    sys.path.insert(0, str(ROOT / "benchmarks"))  # query_bench imports synth and machine
    try:
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))


qb = _load("query_bench")


def test_cpu_time_is_the_childs_not_the_wall_clock(tmp_path: Path) -> None:
    """Trap: on a shared machine the wall clock counts other people's work; a child that
    sleeps uses no CPU, a child that computes does, and the figure must tell them apart."""
    sleeper = qb.spawn(
        [sys.executable, "-c", "import time; time.sleep(0.4)"], timeout=30, rss_cap_mib=4096
    )
    busy = qb.spawn(
        [
            sys.executable,
            "-c",
            "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.4: pass",
        ],
        timeout=30,
        rss_cap_mib=4096,
    )
    assert sleeper["rc"] == busy["rc"] == 0
    assert sleeper["wall_s"] >= 0.4 and sleeper["cpu_s"] < 0.3
    assert busy["cpu_s"] >= 0.4


def test_peak_rss_is_the_childs_high_water_mark(tmp_path: Path) -> None:
    """Trap: RSS read at the end misses a peak that was freed; wait4's ru_maxrss keeps it."""
    code = "b = bytearray(300 * 2**20)\nb[::4096] = b'x' * len(b[::4096])\ndel b"
    run = qb.spawn([sys.executable, "-c", code], timeout=30, rss_cap_mib=4096)
    assert run["rc"] == 0 and run["peak_rss_mib"] >= 300


def test_a_runaway_child_is_stopped_and_reported(tmp_path: Path) -> None:
    """Trap: a command that never ends (today's lookup at 100k filings) must not hang the
    benchmark, and must read as stopped, never as a figure."""
    run = qb.repeat([sys.executable, "-c", "while True: pass"], 3, timeout=0.5, rss_cap_mib=4096)
    assert run["stopped"] and not run["ok"] and run["runs"] == 1
    assert run["stopped"].startswith("stopped after")


def _size(ms: float, ok: bool, rss: float) -> dict[str, Any]:
    cli = {"cpu_s": 0.1, "peak_rss_mib": 100.0, "ok": True}
    return {
        "quads": 2_000_000,
        "selective": {"roles": {"ms": ms, "ok": ok, "rows": 3}},
        "first_page": {"filings": {"ms": 5.0, "ok": True, "rows": 50}},
        "cli": {
            k: dict(cli)
            for k in (
                "help",
                "ask",
                "lookup_ordinary",
                "lookup_hub",
                "path_2_hops",
                "path_4_hops",
                "export_around",
            )
        },
        "whole_store": {
            "validate": {"peak_rss_mib": rss, "ok": True},
            "export_nquads": {"peak_rss_mib": rss, "ok": True},
        },
    }


def test_verdicts_judge_the_largest_size_and_never_pass_a_stopped_measure() -> None:
    """Trap: a stopped query's partial figure can be under its target; growth must compare
    the 30k size with the largest, not the smallest."""
    sizes = {
        10_000: _size(1.0, True, 100.0),
        30_000: _size(10.0, True, 200.0),
        100_000: _size(12.0, False, 240.0),
    }
    rows = {v["measure"]: v for v in qb.verdicts(sizes)}
    selective = rows["named query roles (one entity): pure query ms"]
    assert selective["value"] == 12.0 and not selective["met"]  # stopped, though 12 <= 20
    growth = rows["named query roles: same entity, 100000 / 30000"]
    assert growth["value"] == 1.2 and not growth["met"]  # the 100k run was not ok
    rss = rows["validate (whole store): peak RSS 100000 / 30000"]
    assert rss["value"] == 1.2 and rss["met"]
    assert rows["help: CPU s"]["met"]


def test_runs_of_parts_merge_into_the_figures_of_their_sizes(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """Trap: a run of the whole-store part merged over a run of the queries of the same size
    replacing its figures instead of adding to them (or runs of different stores merged)."""
    common = {"entities": {"hub": "x"}, "store_key": "k", "code_key": "k"}
    queries = {
        **common,
        "load_average_1m": [2.0, 3.0],
        "parts": ["queries", "commands"],
        "sizes": {"100": {"quads": 7, "first_page": {"roles": 1}, "cli": {"help": 2}}},
    }
    whole = {
        **common,
        "load_average_1m": [1.0, 4.0],
        "parts": ["whole"],
        "sizes": {"100": {"quads": 7, "whole_store": {"validate": 3}}},
    }
    paths = []
    for i, part in enumerate((queries, whole)):
        paths.append(tmp_path / f"{i}.json")
        paths[-1].write_text(json.dumps({"query_parts": part}))
    published: list[dict[str, Any]] = []
    monkeypatch.setattr(qb, "publish", lambda query, out, readme: published.append(query))
    monkeypatch.setattr(qb, "verdicts", lambda sizes: [])
    qb.merge(paths, tmp_path / "out.json", tmp_path / "README.md")
    (query,) = published
    assert query["sizes"]["100"] == {
        "quads": 7,
        "first_page": {"roles": 1},
        "cli": {"help": 2},
        "whole_store": {"validate": 3},
    }
    assert query["load_average_1m"] == [1.0, 4.0]
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"query_parts": {**whole, "store_key": "j"}}))
    with pytest.raises(SystemExit, match="store_key"):
        qb.merge([paths[0], other], tmp_path / "out.json", tmp_path / "README.md")
