"""Query speed and memory of secgraph at several store sizes: the query part of ``make bench``.

For each size (10k, 30k and 100k synthetic filings by default, the first n filings of one
set made by synth.py), a store is built once with ``secgraph build`` and cached, keyed by the
synthetic set and the code that writes stores; then, against it:

* selective named queries (the roles of one ordinary person, the companies of one name): pure
  query time with the store open, ``time.process_time`` in a child process, several runs;
* the first page of every named query without a parameter, the same way;
* end to end through the CLI, each command a child process whose CPU time (user + system,
  every thread) and peak RSS come from ``wait4``'s resource usage: ``lookup`` of an ordinary
  person and of the most connected one, ``path`` over two and four hops, ``export --around
  --depth 2 --format html``, ``--help``, ``query 'ASK {}'``, a named query;
* whole-store ``validate`` and ``export --format nquads``: peak RSS, to compare across sizes.

Figures are medians of several runs (one run when a run takes longer than SLOW_S). Every
child runs under a wall-clock limit and an RSS limit and is stopped (and reported as such)
past either. The entities are picked from the synthetic set's MANIFEST, in its first filings,
so the same people are asked about at every size. Results go to the ``query`` key of
``--out`` (the ingest figures beside it stay) and, as a table, between the markers of
benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import inspect
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

import synth  # beside this file (the script's folder is on sys.path)
from machine import load_average, machine

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent

TARGETS: dict[str, float] = {
    "selective_query_ms": 20.0,  # pure query time, largest size
    "selective_query_growth": 1.3,  # the same entity's query, largest size / the 30k size
    "lookup_cpu_s": 0.5,
    "path_cpu_s": 1.0,  # up to four hops
    "export_around_cpu_s": 1.0,  # --depth 2 --format html
    "neighbourhood_peak_rss_mib": 300.0,  # lookup, path, export --around
    "first_page_ms": 100.0,  # every named query without a parameter, at >= 1M quads
    "startup_cpu_s": 0.25,  # --help, query 'ASK {}'
    "whole_store_rss_growth": 1.25,  # validate, export nquads: largest size / the 30k size
}
SLOW_S = 5.0  # a run longer than this is not repeated
PAGE = 100  # rows of a first page (the CLI's default page of a named query)
#: What writes a store: a change here means the cached stores are rebuilt.
STORE_SOURCES = (
    "src/secgraph/build.py",
    "src/secgraph/batch.py",
    "src/secgraph/graph",
    "src/secgraph/parsers",
    "src/secgraph/models",
    "src/secgraph/normalize",
    "src/secgraph/store",
    "ontology",
    "benchmarks/synth.py",
)
#: What only reads a store (queries, validation) among them.
READ_ONLY_SOURCES = (
    "src/secgraph/graph/queries.py",
    "src/secgraph/graph/shacl.py",
    "src/secgraph/graph/shacl_store.py",
    "ontology/queries",
)


# -- child processes: CPU time and peak RSS from wait4 ---------------------------------------


def _vmrss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


_TICK = os.sysconf("SC_CLK_TCK")


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (secgraph's command runs in a child of its supervisor,
    a build's workers in children of that)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo.extend(int(c) for c in task.read_text().split())
            except OSError:
                continue
    return found


def _own_cpu_s(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    # utime, stime, and the children it waited for: cutime, cstime (fields 14-17)
    return sum(int(f) for f in fields[11:15]) / _TICK


def _cpu_s(pid: int) -> float:
    """CPU seconds (user + system, every thread) a running process and its descendants have
    used so far."""
    return sum(_own_cpu_s(p) for p in _tree(pid))


def spawn(
    cmd: Sequence[str], *, timeout: float, rss_cap_mib: float, stdout: Path | None = None
) -> dict[str, Any]:
    """Run ``cmd`` to its end (or stop it past ``timeout`` CPU seconds, ten times that of
    wall clock, or ``rss_cap_mib``) and report its CPU time, peak RSS, wall time, exit code.
    The limit is on CPU time so that a busy machine does not stop what an idle one finishes.

    ``ru_maxrss`` of a child starts at the RSS of the process that forked it (Linux carries
    the old memory's high-water mark across exec), so this process keeps itself small: its
    own RSS is in the results (``parent_rss_mib``) and stays below every figure measured.
    """
    env = {**os.environ, "PYTHONHASHSEED": "0", "COLUMNS": "120", "NO_COLOR": "1"}
    out = stdout.open("wb") if stdout else subprocess.DEVNULL
    err_path = (stdout or Path("/tmp/bench/last")).with_suffix(".stderr")
    err_path.parent.mkdir(parents=True, exist_ok=True)
    stopped = None
    with err_path.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=err, cwd=ROOT, env=env)
        pause = 0.002
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if stopped is None:
                if _cpu_s(proc.pid) > timeout or time.perf_counter() - start > 10 * timeout:
                    stopped = f"stopped after {timeout:.0f} s"
                elif max(_vmrss_kib(p) for p in _tree(proc.pid)) > rss_cap_mib * 1024:
                    stopped = f"stopped above {rss_cap_mib:.0f} MiB RSS"
                if stopped:
                    proc.kill()
            time.sleep(pause)
            pause = min(pause * 1.5, 0.05)  # fine for short commands, light on long ones
        wall = time.perf_counter() - start
    if stdout and not isinstance(out, int):
        out.close()
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return {
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
        "wall_s": round(wall, 3),
        "rc": proc.returncode,
        "stopped": stopped,
        "stderr": err_path.read_text(errors="replace")[-600:] if proc.returncode else "",
    }


def repeat(
    cmd: Sequence[str],
    runs: int,
    *,
    timeout: float,
    rss_cap_mib: float,
    stdout: Path | None = None,
    ok: Callable[[int], bool] = lambda rc: rc == 0,
) -> dict[str, Any]:
    """Medians of up to ``runs`` runs of a command (one when a run is slow or fails)."""
    done: list[dict[str, Any]] = []
    for _ in range(runs):
        run = spawn(cmd, timeout=timeout, rss_cap_mib=rss_cap_mib, stdout=stdout)
        done.append(run)
        if run["stopped"] or not ok(run["rc"]) or run["cpu_s"] > SLOW_S:
            break
    last = done[-1]
    return {
        "cpu_s": round(statistics.median(r["cpu_s"] for r in done), 3),
        "peak_rss_mib": max(r["peak_rss_mib"] for r in done),
        "wall_s": round(statistics.median(r["wall_s"] for r in done), 3),
        "runs": len(done),
        "cpu_s_runs": [r["cpu_s"] for r in done],
        "rc": last["rc"],
        "ok": ok(last["rc"]) and not last["stopped"],
        "stopped": last["stopped"],
        **({"stderr": last["stderr"]} if last["stderr"] else {}),
    }


# -- in-process query time (run in a child, which opens the store once) ----------------------


def _rows(result: object) -> int:
    if isinstance(result, tuple) and len(result) >= 2 and isinstance(result[1], list):
        return len(result[1])
    rows = getattr(result, "rows", None)
    return len(rows) if isinstance(rows, list) else -1


def child_query(store_dir: str, name: str, params: dict[str, str], runs: int, page: bool) -> None:
    """Time ``run_named`` (process CPU time) on an open store: one first run, then ``runs``
    more; ``page``: only the first page (the runner's own paging when it has one, else the
    first PAGE rows of the query's lazy results)."""
    # imported here: the parent process, which spawns the measured commands, stays small
    from secgraph.graph import queries  # noqa: PLC0415
    from secgraph.store import open_store  # noqa: PLC0415

    store = open_store(Path(store_dir))
    accepts = inspect.signature(queries.run_named).parameters
    paged = page and "limit" in accepts

    def once() -> int:
        if page and not paged:
            text = queries.named_query(name).text
            solutions = store.query(text, {}, union=True)
            count = 0
            for _ in solutions:  # type: ignore[attr-defined]
                count += 1
                if count >= PAGE:
                    break
            return count
        if paged:
            return _rows(queries.run_named(store, name, params or None, limit=PAGE))  # type: ignore[call-arg]
        return _rows(queries.run_named(store, name, params or None))

    times: list[float] = []
    rows = 0
    for i in range(runs + 1):
        cpu, wall = time.process_time(), time.perf_counter()
        rows = once()
        times.append(time.process_time() - cpu)
        if i == 0:
            first_wall = time.perf_counter() - wall
        if times[-1] > SLOW_S:
            break
    later = times[1:] or times
    print(
        json.dumps(
            {
                "ms": round(statistics.median(later) * 1000, 2),
                "first_ms": round(times[0] * 1000, 2),
                "first_wall_ms": round(first_wall * 1000, 2),
                "ms_runs": [round(t * 1000, 2) for t in later],
                "rows": rows,
                "paging": "runner" if paged else ("first rows" if page else "none"),
            }
        )
    )


def query_time(
    store: Path, name: str, params: dict[str, str], runs: int, *, page: bool, timeout: float
) -> dict[str, Any]:
    out = store.parent / f"q-{name}-{'page' if page else 'sel'}.json"
    cmd = [sys.executable, __file__, "--child-query", str(store), name, json.dumps(params)]
    cmd += [str(runs), "page" if page else "all"]
    run = spawn(cmd, timeout=timeout, rss_cap_mib=8192, stdout=out)
    result: dict[str, Any] = {"params": params}
    if run["rc"] == 0:
        result.update(json.loads(out.read_text().strip().splitlines()[-1]))
        result["ok"] = True
    else:
        result.update(ok=False, stopped=run["stopped"], rc=run["rc"], stderr=run["stderr"])
    return result


# -- the sets, the stores, the entities -------------------------------------------------------


def code_key(seed: int) -> str:
    """The cache key of the stores: the synthetic set's parameters and the sources that write
    a store (queries and views left out: they read it)."""
    digest = hashlib.sha256(f"seed={seed} hubs={synth.HUB_EVERY}".encode())
    skip = tuple(ROOT / p for p in READ_ONLY_SOURCES)
    for rel in STORE_SOURCES:
        base = ROOT / rel
        files = [base] if base.is_file() else sorted(base.rglob("*"))
        for path in files:
            if path.is_file() and path.suffix != ".pyc" and not any(map(path.is_relative_to, skip)):
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    digest.update(version("pyoxigraph").encode())
    return digest.hexdigest()[:16]


_QUADS = re.compile(r"(\d+) quads in the store")


def ensure_store(set_dir: Path, n: int, cache: Path, key: str, rebuild: bool) -> dict[str, Any]:
    """The store of the first ``n`` filings, built with ``secgraph build`` unless cached."""
    where = cache / "stores" / key / f"n{n}"
    done = where / "build.json"
    if done.exists() and not rebuild:
        figures: dict[str, Any] = json.loads(done.read_text())
        return {**figures, "cached": True}
    shutil.rmtree(where, ignore_errors=True)
    where.mkdir(parents=True)
    store = where / "store"
    cmd = [str(BIN / "secgraph"), "build", "--store", str(store), "--fresh"]
    cmd += [str(p) for p in synth.roots(set_dir, n)]
    print(f"  building the store of {n} filings", file=sys.stderr)
    log = where / "build.log"
    run = spawn(cmd, timeout=4 * 3600, rss_cap_mib=16384, stdout=log)
    if run["rc"] != 0:
        raise RuntimeError(f"build of {n} filings failed: {run['stderr']}")
    match = _QUADS.search(log.read_text()[-2000:])
    figures = {
        "store": str(store),
        "filings": n,
        "quads": int(match.group(1)) if match else None,
        "build_wall_s": run["wall_s"],
        "build_cpu_s": run["cpu_s"],
        "build_peak_rss_mib": run["peak_rss_mib"],
        "store_mib": round(sum(f.stat().st_size for f in store.rglob("*")) / 2**20),
        "load_1m_at_end": load_average(),
    }
    done.write_text(json.dumps(figures, indent=2) + "\n")
    return {**figures, "cached": False}


def pick_entities(set_dir: Path, base: int, seed: int) -> dict[str, Any]:
    """Who the benchmark asks about, from the MANIFEST's first ``base`` filings (so they are
    in every size): an ordinary person (a few filings, one company), the issuer of their
    first filing, another insider of it (two hops), a person four hops away (through a hub
    insider when the set has one), and the most connected person (hub 0)."""
    filings = synth.read_manifest(set_dir, base)
    people: dict[str, str] = {}  # CIK -> name
    count: Counter[str] = Counter()
    graph: dict[str, set[str]] = defaultdict(set)  # person CIK <-> issuer CIK
    issuers: dict[str, str] = {}
    names: dict[str, set[str]] = defaultdict(set)  # name (case-folded) -> CIKs
    for f in filings:
        issuers.setdefault(f.issuer_cik, f.issuer_name)
        names[f.issuer_name.casefold()].add(f.issuer_cik)
        for cik, name in f.owners:
            people.setdefault(cik, name)
            names[name.casefold()].add(cik)
            count[cik] += 1
            graph[cik].add(f.issuer_cik)
            graph[f.issuer_cik].add(cik)

    def unique(cik: str, name: str) -> bool:  # no other entity's name contains this one
        folded = name.casefold()
        return names[folded] == {cik} and not any(
            folded in other for other in names if other != folded
        )

    def distances(start: str) -> dict[str, int]:
        found = {start: 0}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            for other in sorted(graph[node]):
                if other not in found and found[node] < 4:
                    found[other] = found[node] + 1
                    queue.append(other)
        return found

    hub_prefix = f"{synth.HUB_CIKS // 10**8:02d}"

    def at(distance: dict[str, int], hops: int) -> str | None:
        return next(
            (
                c
                for c in sorted(people)
                if distance.get(c) == hops
                and not c.startswith(hub_prefix)  # an ordinary person: the hub is asked apart
                and synth.person_like(people[c])
                and unique(c, people[c])
            ),
            None,
        )

    candidates = sorted(
        (
            cik
            for cik in people
            if 3 <= count[cik] <= 12  # a few filings
            and synth.person_like(people[cik])
            and unique(cik, people[cik])
        ),
        key=lambda cik: (len(graph[cik]), -count[cik], cik),  # the fewest companies first
    )
    for ordinary in candidates:  # the first with people at two and four hops
        distance = distances(ordinary)
        two, four = at(distance, 2), at(distance, 4)
        if two and four:
            break
    else:
        raise ValueError(f"no person of the first {base} filings has people 2 and 4 hops away")
    company = min(graph[ordinary])
    hub_cik, hub_name = synth.hub_identity(seed, 0)
    return {
        "ordinary": {
            "cik": ordinary,
            "name": people[ordinary],
            "filings": count[ordinary],
            "companies": len(graph[ordinary]),
        },
        "company": {"cik": company, "name": issuers[company]},
        "two_hops": {"cik": two, "name": people[two]},
        "four_hops": {"cik": four, "name": people[four]},
        "hub": {"cik": hub_cik, "name": hub_name},
    }


def hub_filings(set_dir: Path, n: int) -> int:
    return sum(1 for f in synth.read_manifest(set_dir, n) if f.hub == 0)


# -- one size ----------------------------------------------------------------------------------


PARTS = ("queries", "commands", "whole")


def measure_size(store: Path, who: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    (store.parent / "out").mkdir(exist_ok=True)
    person, company = who["ordinary"]["name"], who["company"]["name"]
    result: dict[str, Any] = {"load_1m_at_start": load_average()}

    parts = set(args.parts.split(","))
    if "queries" in parts:
        _queries(store, person, company, args, result)
    if "commands" in parts:
        _commands(store, who, args, result)
    if "whole" in parts:
        _whole(store, args, result)
    result["load_1m_at_end"] = load_average()
    return result


def _queries(
    store: Path, person: str, company: str, args: argparse.Namespace, result: dict[str, Any]
) -> None:
    print("  selective named queries", file=sys.stderr)
    result["selective"] = {
        "roles": query_time(
            store, "roles", {"name": person}, args.runs, page=False, timeout=args.timeout
        ),
        "companies": query_time(
            store, "companies", {"name": company}, args.runs, page=False, timeout=args.timeout
        ),
    }
    print("  first pages of the named queries", file=sys.stderr)
    pages: dict[str, Any] = {}
    for name in named_queries():
        pages[name] = query_time(store, name, {}, args.runs, page=True, timeout=args.timeout)
    result["first_page"] = pages


def _commands(
    store: Path, who: dict[str, Any], args: argparse.Namespace, result: dict[str, Any]
) -> None:
    sg = str(BIN / "secgraph")
    st = ["--store", str(store)]
    quick = {"timeout": args.timeout, "rss_cap_mib": args.rss_cap_mib}
    scratch = store.parent / "out"
    person, hub = who["ordinary"]["name"], who["hub"]["name"]
    print("  commands", file=sys.stderr)
    cli: dict[str, Any] = {}
    cli["help"] = repeat([sg, "--help"], args.runs, **quick)
    cli["ask"] = repeat([sg, "query", "ASK {}", *st], args.runs, **quick)
    cli["lookup_ordinary"] = repeat([sg, "lookup", person, *st], args.runs, **quick)
    cli["lookup_hub"] = repeat([sg, "lookup", hub, *st], args.runs, **quick)
    for label, other in (("path_2_hops", who["two_hops"]), ("path_4_hops", who["four_hops"])):
        cli[label] = repeat(
            [sg, "path", person, other["name"], *st],
            args.runs,
            stdout=scratch / f"{label}.txt",
            **quick,
        )
        cli[label]["hops_in_output"] = _hops(scratch / f"{label}.txt")
    html = scratch / "around.html"
    cli["export_around"] = repeat(
        [
            sg,
            "export",
            "--around",
            person,
            "--depth",
            "2",
            "--format",
            "html",
            "-o",
            str(html),
            *st,
        ],
        args.runs,
        **quick,
    )
    cli["query_roles"] = repeat(
        [sg, "query", "--named", "roles", "--param", f"name={person}", "--format", "tsv", *st],
        args.runs,
        **quick,
    )
    result["cli"] = cli


def _whole(store: Path, args: argparse.Namespace, result: dict[str, Any]) -> None:
    sg = str(BIN / "secgraph")
    st = ["--store", str(store)]
    scratch = store.parent / "out"
    print("  whole store: validate, export nquads", file=sys.stderr)
    whole = {"timeout": args.whole_timeout, "rss_cap_mib": args.rss_cap_mib}
    nq = scratch / "all.nq"
    result["whole_store"] = {
        "validate": repeat([sg, "validate", *st], 1, ok=lambda rc: rc in (0, 1), **whole),
        "export_nquads": repeat(
            [sg, "export", "--format", "nquads", "-o", str(nq), *st], 1, **whole
        ),
    }
    if nq.exists():
        result["whole_store"]["export_nquads"]["mib"] = round(nq.stat().st_size / 2**20)
        nq.unlink()


def _hops(path: Path) -> int | None:
    """Hops of the first chain ``path`` printed ("A -> director of (...) -> B -> ..."):
    two arrows a hop; None when the output has no chain."""
    try:
        first = path.read_text(errors="replace").strip().splitlines()[0]
    except (OSError, IndexError):
        return None
    return first.count(" -> ") // 2 or None


def named_queries() -> list[str]:
    """Named queries whose every parameter is optional (all of them, today)."""
    return sorted(p.stem for p in (ROOT / "ontology" / "queries").glob("*.rq"))


# -- verdicts ------------------------------------------------------------------------------------


def verdicts(sizes: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per target: the figure it is judged on, the target, met or not."""
    ns = sorted(sizes)
    top = sizes[ns[-1]]
    pair = (30_000, ns[-1]) if 30_000 in sizes and ns[-1] != 30_000 else (ns[0], ns[-1])
    rows: list[dict[str, Any]] = []

    def row(measure: str, value: float | None, target: float, at: str, ok: bool = True) -> None:
        met = ok and value is not None and value <= target
        rows.append(
            {"measure": measure, "value": value, "target": target, "at": at, "ok": ok, "met": met}
        )

    at_top = f"{ns[-1]} filings"
    for name, q in top["selective"].items():
        row(
            f"named query {name} (one entity): pure query ms",
            q.get("ms"),
            TARGETS["selective_query_ms"],
            at_top,
            q["ok"],
        )
    if pair[0] != pair[1]:
        for name in top["selective"]:
            a, b = sizes[pair[0]]["selective"][name], sizes[pair[1]]["selective"][name]
            growth = round(b["ms"] / a["ms"], 2) if a.get("ms") and b.get("ms") else None
            row(
                f"named query {name}: same entity, {pair[1]} / {pair[0]}",
                growth,
                TARGETS["selective_query_growth"],
                f"{pair[0]} -> {pair[1]}",
                a["ok"] and b["ok"],
            )
    cli = top["cli"]
    for key, target in (
        ("lookup_ordinary", "lookup_cpu_s"),
        ("lookup_hub", "lookup_cpu_s"),
        ("path_2_hops", "path_cpu_s"),
        ("path_4_hops", "path_cpu_s"),
        ("export_around", "export_around_cpu_s"),
    ):
        row(f"{key}: CPU s", cli[key]["cpu_s"], TARGETS[target], at_top, cli[key]["ok"])
        row(
            f"{key}: peak RSS MiB",
            cli[key]["peak_rss_mib"],
            TARGETS["neighbourhood_peak_rss_mib"],
            at_top,
            cli[key]["ok"],
        )
    for key in ("help", "ask"):
        row(f"{key}: CPU s", cli[key]["cpu_s"], TARGETS["startup_cpu_s"], at_top, cli[key]["ok"])
    for n in ns:
        if (sizes[n].get("quads") or 0) < 1_000_000:
            continue
        worst = max(sizes[n]["first_page"].items(), key=lambda kv: kv[1].get("ms") or 1e9)
        all_ok = all(q["ok"] for q in sizes[n]["first_page"].values())
        row(
            f"slowest first page of a named query ({worst[0]}): ms",
            worst[1].get("ms"),
            TARGETS["first_page_ms"],
            f"{n} filings",
            all_ok,
        )
    if pair[0] != pair[1]:
        for key in ("validate", "export_nquads"):
            a, b = sizes[pair[0]]["whole_store"][key], sizes[pair[1]]["whole_store"][key]
            growth = round(b["peak_rss_mib"] / a["peak_rss_mib"], 2)
            row(
                f"{key} (whole store): peak RSS {pair[1]} / {pair[0]}",
                growth,
                TARGETS["whole_store_rss_growth"],
                f"{pair[0]} -> {pair[1]}",
                a["ok"] and b["ok"],
            )
    return rows


# -- the report ----------------------------------------------------------------------------------


def _fmt_cpu(m: dict[str, Any]) -> str:
    if not m.get("ok", True):
        return m.get("stopped") or f"exit {m.get('rc')}"
    return f"{m['cpu_s']:.2f} s, {m['peak_rss_mib']:.0f} MiB"


def _fmt_ms(q: dict[str, Any]) -> str:
    if not q.get("ok"):
        return q.get("stopped") or f"exit {q.get('rc')}"
    return f"{q['ms']:.1f} ms ({q['rows']} rows)"


def markdown(query: dict[str, Any]) -> str:
    """The figures as two Markdown tables: per size, and the targets."""
    sizes = {int(n): s for n, s in query["sizes"].items()}
    ns = sorted(sizes)
    head = "| measure (CPU time; peak RSS) | " + " | ".join(f"{n:,} filings" for n in ns) + " |"
    lines = [head, "| --- |" + " --- |" * len(ns)]

    def line(label: str, cell: Callable[[dict[str, Any]], str]) -> None:
        lines.append(f"| {label} | " + " | ".join(cell(sizes[n]) for n in ns) + " |")

    line("quads in the store", lambda s: f"{s['build']['quads'] or 0:,}")
    line(
        "build (`secgraph build`): wall, CPU, peak RSS",
        lambda s: (
            f"{s['build']['build_wall_s']:.0f} s, {s['build']['build_cpu_s']:.0f} s CPU, "
            f"{s['build']['build_peak_rss_mib']:.0f} MiB"
        ),
    )
    line("named query `roles`, one person, store open", lambda s: _fmt_ms(s["selective"]["roles"]))
    line(
        "named query `companies`, one name, store open",
        lambda s: _fmt_ms(s["selective"]["companies"]),
    )
    for name in sorted(sizes[ns[-1]]["first_page"]):
        line(f"first page of `{name}`, store open", lambda s, k=name: _fmt_ms(s["first_page"][k]))
    labels = {
        "help": "`secgraph --help`",
        "ask": "`secgraph query 'ASK {}'`",
        "lookup_ordinary": "`lookup` ordinary person",
        "lookup_hub": "`lookup` most connected person",
        "path_2_hops": "`path`, 2 hops",
        "path_4_hops": "`path`, 4 hops",
        "export_around": "`export --around --depth 2 --format html`",
        "query_roles": "`query --named roles --param name=...` (CLI)",
    }
    for key, label in labels.items():
        line(label, lambda s, k=key: _fmt_cpu(s["cli"][k]))
    line("`validate`, whole store", lambda s: _fmt_cpu(s["whole_store"]["validate"]))
    line(
        "`export --format nquads`, whole store",
        lambda s: _fmt_cpu(s["whole_store"]["export_nquads"]),
    )
    lines += [
        "",
        "| target | judged at | figure | target | met |",
        "| --- | --- | --- | --- | --- |",
    ]
    for v in query["verdicts"]:
        value = "-" if v["value"] is None else f"{v['value']:g}"
        if not v["ok"]:
            value += " (stopped or failed)"
        lines.append(
            f"| {v['measure']} | {v['at']} | {value} | <= {v['target']:g} | "
            f"{'yes' if v['met'] else '**no**'} |"
        )
    return "\n".join(lines) + "\n"


BEGIN, END = "<!-- query-bench:begin -->", "<!-- query-bench:end -->"


def write_readme(readme: Path, table: str, query: dict[str, Any]) -> None:
    """Replace the table between the markers of ``readme`` (left alone without markers)."""
    text = readme.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        return
    m = query["machine"]
    note = (
        f"Run of {query['date']} on {m['cpu']} ({m['cores']} cores, {m['ram_gib']} GiB), "
        f"Python {m['python']}, pyoxigraph {m['versions']['pyoxigraph']}; 1-minute load "
        f"average {query['load_average_1m'][0]} before, {query['load_average_1m'][1]} after "
        f"(2 cores: above 2, others' work slowed the wall clock, not the CPU times). Medians of "
        f"up to {query['runs']} runs.\n\n"
    )
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    readme.write_text(text[:start] + "\n" + note + table + text[end:], encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="secgraph query benchmark (make bench)")
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--sizes", default="10000,30000,100000", help="filings, comma-separated")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/bench"), help="sets and stores")
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "corpus")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=120.0, help="s, a command or query")
    parser.add_argument("--whole-timeout", type=float, default=900.0, help="s, validate/export")
    parser.add_argument("--rss-cap-mib", type=float, default=4096.0)
    parser.add_argument(
        "--parts",
        default=",".join(PARTS),
        help="what to measure: queries (named queries), commands (CLI), whole (validate, "
        "export); a run of some parts only writes its figures under `query_parts` of --out, "
        "without verdicts or README tables (those need every part)",
    )
    parser.add_argument("--rebuild", action="store_true", help="rebuild cached stores")
    parser.add_argument("--readme", type=Path, default=HERE / "README.md")
    parser.add_argument(
        "--build-only", action="store_true", help="build (or find) the stores, largest first"
    )
    parser.add_argument(
        "--stores-from",
        metavar="KEY",
        help="measure the cached stores of this key (built by other code: said in the results)",
    )
    parser.add_argument(
        "--base", type=int, help="pick the entities in this many first filings (smallest size)"
    )
    parser.add_argument(
        "--merge",
        nargs="+",
        type=Path,
        metavar="JSON",
        help="no run: combine the query results of runs of single sizes (run side by side)",
    )
    args = parser.parse_args()
    if args.merge:
        merge(args.merge, args.out, args.readme)
        return
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})

    started = time.perf_counter()
    load_before = load_average()
    set_dir = args.cache / f"synth-s{args.seed}"
    if not synth.is_current(set_dir, sizes[-1], args.seed):
        print(f"generating {sizes[-1]} filings under {set_dir}", file=sys.stderr)
        synth.ensure(args.corpus, set_dir, sizes[-1], args.seed)
    generation = json.loads((set_dir / "synth.json").read_text())
    code = code_key(args.seed)
    key = args.stores_from or code
    if args.build_only:
        for n in reversed(sizes):
            print(json.dumps(ensure_store(set_dir, n, args.cache, key, args.rebuild)))
        return
    who = pick_entities(set_dir, args.base or sizes[0], args.seed)
    print(f"entities: {json.dumps(who)}", file=sys.stderr)
    results: dict[int, dict[str, Any]] = {}
    for n in sizes:
        print(f"{n} filings", file=sys.stderr)
        if args.stores_from and not (args.cache / "stores" / key / f"n{n}" / "build.json").exists():
            raise SystemExit(f"--stores-from {key}: no store of {n} filings in {args.cache}")
        build = ensure_store(set_dir, n, args.cache, key, args.rebuild)
        store = Path(build["store"])
        results[n] = {
            "build": build,
            "quads": build["quads"],
            "hub_filings": hub_filings(set_dir, n),
            **measure_size(store, who, args),
        }
    query = {
        "date": dt.date.today().isoformat(),
        "machine": machine(),
        "runs": args.runs,
        "synthetic": {
            "dir": str(set_dir),
            "seed": args.seed,
            "generated": generation["n"],
            "generation_s": generation.get("seconds"),
        },
        "store_key": key,  # the stores measured were built by the code of this key
        "code_key": code,  # the code measured (equal unless --stores-from)
        "entities": who,
        "targets": TARGETS,
        "sizes": {str(n): r for n, r in results.items()},
        "bench_seconds": round(time.perf_counter() - started, 1),
        "parent_rss_mib": round(_vmrss_kib(os.getpid()) / 1024, 1),
        "load_average_1m": [load_before, load_average()],
    }
    if set(args.parts.split(",")) != set(PARTS):
        existing = json.loads(args.out.read_text()) if args.out.exists() else {}
        existing["query_parts"] = {**query, "parts": args.parts}
        args.out.write_text(json.dumps(existing, indent=2) + "\n")
        print(json.dumps(query["sizes"], indent=2))
        return
    query["verdicts"] = verdicts(results)
    publish(query, args.out, args.readme)


def publish(query: dict[str, Any], out: Path, readme: Path) -> None:
    """Write ``query`` under the ``query`` key of ``out`` and its tables into ``readme``."""
    existing: dict[str, Any] = {}
    if out.exists():
        existing = json.loads(out.read_text())
    existing["query"] = query
    out.write_text(json.dumps(existing, indent=2) + "\n")
    table = markdown(query)
    write_readme(readme, table, query)
    print(table)


def merge(paths: list[Path], out: Path, readme: Path) -> None:
    """One result from runs of different sizes or parts (same entities, stores and code),
    with the load averages of all of them and the verdicts over all sizes. A run of some
    parts (``query_parts``) adds its parts to the figures of its sizes."""
    parts = []
    for path in paths:
        run = json.loads(path.read_text())
        parts.append(run["query"] if "query" in run else run["query_parts"])
    query = {k: v for k, v in parts[0].items() if k != "parts"}
    for key in ("entities", "store_key", "code_key"):
        if any(part.get(key) != query.get(key) for part in parts):
            raise SystemExit(f"cannot merge runs with different {key}")
    sizes: dict[str, dict[str, Any]] = {}
    for part in parts:
        for n, figures in part["sizes"].items():
            sizes.setdefault(n, {}).update(figures)
    query["sizes"] = sizes
    query["load_average_1m"] = [
        min(part["load_average_1m"][0] for part in parts),
        max(part["load_average_1m"][1] for part in parts),
    ]
    query["merged_from"] = [str(p) for p in paths]
    query["verdicts"] = verdicts({int(n): s for n, s in query["sizes"].items()})
    publish(query, out, readme)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child-query"]:
        store_dir, name, params, runs, mode = sys.argv[2:7]
        child_query(store_dir, name, json.loads(params), int(runs), mode == "page")
    else:
        main()
