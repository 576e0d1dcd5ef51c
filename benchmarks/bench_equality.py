"""The equality part of ``make bench``: the synthetic set built embedded, and built sharded on
Dask and loaded into Oxigraph server, answer every named query, ``lookup`` and ``path`` alike.

::

    python benchmarks/bench_equality.py --n 30000 --cache /tmp/bench --out benchmarks/results.json

On the first ``--n`` filings of the synthetic set (``synth.py``, under ``CACHE/synth-s0``):

1. **sharded**: ``secgraph build --shards --cluster local:2``, ``secgraph resolve --shards``,
   then ``oxigraph serve`` (the PyPI wheel, pyoxigraph's version, on 127.0.0.1) on a new
   folder and ``secgraph load --shards --store URL`` into it;
2. **embedded**: the store of ``secgraph build`` (``query_bench.py --build-only``: built once
   and cached under ``CACHE/stores``, shared with the query part);
3. **compared**, every command through the CLI, ``--store DIR`` against ``--store URL``:
   the quads (count of both, and an order-free digest of every quad); every named query as a
   listing: its first two pages (100 rows, as ``secgraph query --named`` shows them: compared
   in order) and its whole result (``--limit 0``, where it answers within ``--full-timeout``:
   compared as bags); every named query's entity parameters for a sample of entities from
   the set's MANIFEST (the people and company the query part asks about, the hub, a seeded
   sample of other people and companies: by CIK, and by name through the ``name`` parameter)
   and the date parameter; ``lookup --format json`` (default and ``--all``) and ``path`` for
   the sampled entities.

Answers are compared by value (``tests/answers.py``, which the remote-store tests use:
engines may spell a boolean, a number or a plain string's datatype differently and order a
GROUP_CONCAT's values as they like). Results go under ``equality.nN`` of ``--out``: the
steps' wall and CPU seconds, peak RSS and load average, the rows compared per kind, and
every difference (none expected). Each step's figures are kept in ``WORK/steps.json``: a rerun
after an interruption goes on from the first step not done (``--redo`` starts again).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))

import query_bench  # noqa: E402
import synth  # noqa: E402
from bench_scale import run  # noqa: E402
from machine import load_average, machine  # noqa: E402

from answers import Value, row_values  # noqa: E402
from oxigraph_server import SERVER, free_port  # noqa: E402
from secgraph.graph.queries import named_query, query_names  # noqa: E402

BIN = Path(sys.executable).parent
SECGRAPH = str(BIN / "secgraph")
CORPUS = ROOT / "tests" / "corpus"
PAGE = 100  # the CLI's page of a named query
DATE = "2023-03-20"  # a day of the corpus's filings (the README's example for officers)
_STORE = re.compile(r"(\d+) quads in the store\. ([\d.]+) s")
_SHARDS = re.compile(r"in (\d+) shard\(s\), (\d+) failed; (\d+) quads\. ([\d.]+) s")
# Runs in a child: the quad count and an order-free digest (the sum of every quad's hash) of
# the live store of a store folder, or of an Oxigraph folder.
_DIGEST = """
import hashlib, sys, pyoxigraph as ox
from pathlib import Path
folder = Path(sys.argv[1])
if (folder / "generation").exists():
    folder = folder / (folder / "generation").read_text().strip()
total, n = 0, 0
for quad in ox.Store.read_only(str(folder)):
    total += int.from_bytes(hashlib.blake2b(str(quad).encode(), digest_size=16).digest(), "big")
    n += 1
print(n, format(total % 2**128, "032x"))
"""


# -- the builds --------------------------------------------------------------------------------


class Steps:
    """The figures of each step done, kept in ``WORK/steps.json``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.done: dict[str, Any] = json.loads(path.read_text()) if path.exists() else {}

    def record(self, name: str, figures: dict[str, Any]) -> dict[str, Any]:
        figures.pop("tail", None)
        self.done[name] = figures
        self.path.write_text(json.dumps(self.done, indent=2) + "\n")
        return figures


def sharded(roots: list[Path], work: Path, steps: Steps) -> None:
    shards = work / "shards"
    if "sharded_build" not in steps.done:
        shutil.rmtree(shards, ignore_errors=True)
        cmd = [SECGRAPH, "build", *map(str, roots), "--shards", str(shards), "--cluster", "local:2"]
        print("sharded build on 2 Dask workers", file=sys.stderr, flush=True)
        figures = run(cmd, work / "sharded_build.log")
        match = _SHARDS.search(figures["tail"])
        if figures["rc"] not in (0, 1) or match is None:
            raise RuntimeError(f"sharded build failed: {figures['tail']}")
        figures.update(shards=int(match[1]), failed=int(match[2]), quads=int(match[3]))
        steps.record("sharded_build", figures)
    if "resolve" not in steps.done:
        print("resolve", file=sys.stderr, flush=True)
        figures = run([SECGRAPH, "resolve", "--shards", str(shards)], work / "resolve.log")
        if figures["rc"] != 0:
            raise RuntimeError(f"resolve failed: {figures['tail']}")
        steps.record("resolve", figures)


def embedded(n: int, cache: Path, steps: Steps, key: str | None = None) -> Path:
    """The embedded store of ``n`` filings, from the query part's cache (built when missing).
    A build of it under way in another process is waited for, not started again (the query
    part's cache would empty its folder)."""
    if "embedded_build" not in steps.done:
        where = cache / "stores" / (key or query_bench.code_key(0)) / f"n{n}"
        deadline = time.monotonic() + 4 * 3600
        while where.exists() and not (where / "build.json").exists():
            if time.monotonic() > deadline:
                raise RuntimeError(f"{where}: a build without its build.json; remove it")
            print(f"waiting for the build under way in {where}", file=sys.stderr, flush=True)
            time.sleep(30)
        if (where / "build.json").exists():  # read here: the query part would check its set
            figures = {**json.loads((where / "build.json").read_text()), "cached": True}
        else:
            print("embedded build", file=sys.stderr, flush=True)
            cmd = [sys.executable, str(HERE / "query_bench.py"), "--sizes", str(n), "--build-only"]
            done = subprocess.run(
                [*cmd, "--cache", str(cache)], capture_output=True, text=True, check=True, cwd=ROOT
            )
            figures = json.loads(done.stdout.strip().splitlines()[-1])
        steps.record("embedded_build", figures)
    return Path(steps.done["embedded_build"]["store"])


@contextmanager
def server(location: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``oxigraph serve`` on ``location`` at 127.0.0.1: its URL and process."""
    assert SERVER is not None, "the oxigraph server (pip oxigraph, make install)"
    port = free_port()
    cmd = [SERVER, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    log = location.with_suffix(".log").open("ab")
    proc = subprocess.Popen(cmd, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            probe = [SECGRAPH, "query", "ASK {}", "--store", url, "--format", "json"]
            if subprocess.run(probe, capture_output=True, check=False).returncode == 0:
                break
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"oxigraph serve did not start: {location.with_suffix('.log')}")
            time.sleep(0.5)
        yield url, proc
    finally:
        proc.terminate()
        proc.wait(timeout=120)
        log.close()


def cpu_of(pid: int) -> float:
    """CPU seconds of a running process (user + system), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100  # utime, stime in clock ticks (USER_HZ)


def load_into(url: str, pid: int, work: Path, steps: Steps) -> None:
    """``secgraph load --shards`` into the server: the command's figures, and the server's
    CPU seconds meanwhile (its bulk loads, the derived graphs' queries)."""
    if "server_load" in steps.done:
        return
    print("secgraph load --shards into oxigraph serve", file=sys.stderr, flush=True)
    cmd = [SECGRAPH, "load", "--shards", str(work / "shards"), "--store", url]
    server_cpu = cpu_of(pid)
    figures = run(cmd, work / "server_load.log")
    figures["server_cpu_s"] = round(cpu_of(pid) - server_cpu, 1)
    match = _STORE.search(figures["tail"])
    if figures["rc"] != 0 or match is None:
        raise RuntimeError(f"load failed: {figures['tail']}")
    quads, seconds = int(match[1]), float(match[2])
    figures.update(store_quads=quads, quads_per_s=round(quads / seconds))
    steps.record("server_load", figures)


def digest(folder: Path) -> subprocess.Popen[str]:
    """The digest of ``folder``, computed in a child (started here, read with ``finish``)."""
    cmd = [sys.executable, "-c", _DIGEST, str(folder)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)


def finish(child: subprocess.Popen[str]) -> list[str]:
    out, _ = child.communicate()
    if child.returncode != 0:
        raise RuntimeError("the digest failed")
    return out.split()


# -- who is asked about ------------------------------------------------------------------------


def sample(set_dir: Path, n: int, k: int, seed: int) -> dict[str, list[dict[str, str]]]:
    """The query part's people and company (an ordinary person, two and four hops from them,
    the hub, the issuer of the person's first filing) and a seeded sample of ``k`` other
    people and ``k`` other companies of the first ``n`` filings."""
    who = query_bench.pick_entities(set_dir, min(n, 10000), 0)
    people = [who[k] for k in ("ordinary", "two_hops", "four_hops", "hub")]
    companies = [who["company"]]
    filings = synth.read_manifest(set_dir, n)
    owners = sorted(
        {(c, name) for f in filings for c, name in f.owners if synth.person_like(name)}
        - {(p["cik"], p["name"]) for p in people}
    )
    issuers = sorted(
        {(f.issuer_cik, f.issuer_name) for f in filings}
        - {(who["company"]["cik"], who["company"]["name"])}
    )
    rng = random.Random(seed)
    people += [{"cik": c, "name": name} for c, name in rng.sample(owners, k)]
    companies += [{"cik": c, "name": name} for c, name in rng.sample(issuers, k)]
    return {"people": people, "companies": companies}


# -- the comparison ----------------------------------------------------------------------------


class Compare:
    """Runs each command on both stores and keeps the counts and the differences."""

    def __init__(self, store: Path, url: str, timeout: float) -> None:
        self.stores = (str(store), url)
        self.timeout = timeout
        self.counts: dict[str, Counter[str]] = {}
        self.differences: list[dict[str, Any]] = []
        self.skipped: list[dict[str, Any]] = []
        self.seconds = [0.0, 0.0]  # wall seconds of the commands, embedded and server

    def _run(
        self, args: list[str], timeout: float
    ) -> list[subprocess.CompletedProcess[bytes] | None]:
        out: list[subprocess.CompletedProcess[bytes] | None] = []
        for i, store in enumerate(self.stores):
            started = time.perf_counter()
            try:
                out.append(
                    subprocess.run(
                        [SECGRAPH, *args, "--store", store],
                        capture_output=True,
                        check=False,
                        timeout=timeout,
                        cwd=ROOT,
                    )
                )
            except subprocess.TimeoutExpired:
                out.append(None)
            self.seconds[i] += time.perf_counter() - started
        return out

    def _count(self, kind: str, commands: int = 0, rows: int = 0) -> None:
        tally = self.counts.setdefault(kind, Counter())
        tally["commands"] += commands
        tally["rows"] += rows

    def _differ(self, kind: str, args: list[str], **detail: Any) -> None:
        self.differences.append({"kind": kind, "command": " ".join(args), **detail})
        print(
            f"  DIFFERS {kind}: {' '.join(args)} {json.dumps(detail, default=str)[:400]}",
            file=sys.stderr,
            flush=True,
        )

    def _both(
        self, kind: str, args: list[str], timeout: float | None = None
    ) -> tuple[bytes, bytes] | None:
        """Both outputs, or None (a timeout, skipped; a differing exit code or a failure,
        a difference)."""
        here, there = self._run(args, timeout or self.timeout)
        if here is None or there is None:
            side = "embedded" if here is None else "server"
            self.skipped.append({"kind": kind, "command": " ".join(args), "timeout_on": side})
            return None
        if here.returncode != there.returncode or here.returncode not in (0, 1):
            self._differ(
                kind,
                args,
                exit_codes=[here.returncode, there.returncode],
                stderr=[here.stderr.decode()[-300:], there.stderr.decode()[-300:]],
            )
            return None
        return here.stdout, there.stdout

    def named(
        self, kind: str, name: str, extra: list[str], ordered: bool, timeout: float | None = None
    ) -> int:
        """Named query ``name`` on both stores; the rows compared."""
        args = ["query", "--named", name, "--format", "json", *extra, "--timeout", "0"]
        both = self._both(kind, args, timeout)
        if both is None:
            return 0
        answers = [_solutions(name, out) for out in both]
        here, there = answers
        self._count(kind, 1, len(here))
        if here != there if ordered else Counter(here) != Counter(there):
            bags = [Counter(a) for a in answers]
            self._differ(
                kind,
                args,
                rows=[len(here), len(there)],
                same_rows_other_order=bags[0] == bags[1],
                only_embedded=[list(r) for r in (bags[0] - bags[1])][:5],
                only_server=[list(r) for r in (bags[1] - bags[0])][:5],
            )
        return len(here)

    def lookup(self, who: str, extra: list[str]) -> None:
        args = ["lookup", who, "--format", "json", *extra]
        both = self._both("lookup", args)
        if both is None:
            return
        here, there = both
        try:
            dossiers = [json.loads(here), json.loads(there)]
        except ValueError:  # exit 1: candidates or close names, as text
            self._count("lookup", 1, here.count(b"\n"))
            if here != there:
                self._differ("lookup", args, text=[here.decode()[:500], there.decode()[:500]])
            return
        rows = sum(len(v) for v in dossiers[0]["sections"].values())
        self._count("lookup", 1, rows + len(dossiers[0]["filings"]))
        if dossiers[0] != dossiers[1]:
            keys = [k for k in dossiers[0] if dossiers[0][k] != dossiers[1].get(k)]
            self._differ("lookup", args, keys=keys)

    def path(self, a: str, b: str) -> None:
        args = ["path", a, b]
        both = self._both("path", args)
        if both is None:
            return
        here, there = both
        self._count("path", 1, len(here.splitlines()))
        if here != there:
            self._differ("path", args, text=[here.decode()[:800], there.decode()[:800]])

    def quad_count(self) -> None:
        sparql = (
            "SELECT (COUNT(*) AS ?quads) (COUNT(DISTINCT ?g) AS ?graphs)"
            " WHERE { GRAPH ?g { ?s ?p ?o } }"
        )
        args = ["query", sparql, "--format", "json", "--timeout", "0"]
        both = self._both("quads", args, timeout=max(self.timeout, 1800))
        if both is None:
            return
        here, there = (_solutions("", out) for out in both)
        self._count("quads", 1, 1)
        if here != there:
            self._differ("quads", args, counts=[here, there])


def _solutions(name: str, out: bytes) -> list[tuple[Value, ...]]:
    results = ox.parse_query_results(out, format=ox.QueryResultsFormat.JSON)
    assert isinstance(results, ox.QuerySolutions)
    columns = [v.value for v in results.variables]
    return [row_values(name, columns, (sol[c] for c in columns)) for sol in results]


def entity_runs(entities: dict[str, list[dict[str, str]]]) -> Iterator[tuple[str, list[str]]]:
    """(query, --param arguments) for every named query's entity parameters, the sampled
    entities of the kind each takes (by CIK; by name through ``name``), and its date."""
    people, companies = entities["people"], entities["companies"]
    kinds = {
        "holder": [*people, *companies[:1]],
        "company": companies,
        "entity": [*people[:4], *companies[:2]],
    }
    for name in query_names():
        query = named_query(name)
        for param in query.params:
            for e in kinds.get(param, []):
                yield name, ["--param", f"{param}={e['cik']}"]
        if "name" in query.aliases:
            for e in (people[0], people[3], companies[0]):
                yield name, ["--param", f"name={e['name']}"]
        if "date" in query.literals:
            yield name, ["--param", f"date={DATE}"]
            key = "company" if "company" in query.params else "holder"
            yield name, ["--param", f"date={DATE}", "--param", f"{key}={companies[0]['cik']}"]


def compare(
    store: Path, url: str, entities: dict[str, list[dict[str, str]]], args: argparse.Namespace
) -> dict[str, Any]:
    c = Compare(store, url, args.timeout)
    c.quad_count()
    print("  first pages", file=sys.stderr, flush=True)
    for name in query_names():
        for offset in (0, PAGE):
            c.named("named_pages", name, ["--limit", str(PAGE), "--offset", str(offset)], True)
    print("  entity parameters", file=sys.stderr, flush=True)
    for name, params in entity_runs(entities):
        c.named("named_params", name, [*params, "--limit", "0"], False)
    print("  lookup, path", file=sys.stderr, flush=True)
    everyone = [*entities["people"], *entities["companies"]]
    for e in everyone:
        c.lookup(e["name"], [])
    for e in (entities["people"][0], entities["people"][3], entities["companies"][0]):
        c.lookup(e["cik"], ["--all"])
    people, companies = entities["people"], entities["companies"]
    pairs = [(people[0], people[1]), (people[0], people[2]), (people[0], people[3])]
    pairs += [(companies[0], people[3]), (people[4], companies[1]), (people[5], people[6])]
    for a, b in pairs:
        c.path(a["name"], b["name"])
    # Whole listings last: the costliest, so a budget cuts them rather than the rest.
    budget = time.monotonic() + args.full_budget
    for name in [] if args.no_full else query_names():
        if time.monotonic() > budget:
            c.skipped.append({"kind": "named_full", "command": name, "not_run": "budget"})
            continue
        print(f"  whole listing: {name}", file=sys.stderr, flush=True)
        c.named("named_full", name, ["--limit", "0"], False, args.full_timeout)
    return {
        "compared": {k: dict(v) for k, v in c.counts.items()},
        "rows_compared": sum(v["rows"] for v in c.counts.values()),
        "commands_compared": sum(v["commands"] for v in c.counts.values()),
        "differences": c.differences,
        "skipped": c.skipped,
        "command_wall_s": {"embedded": round(c.seconds[0], 1), "server": round(c.seconds[1], 1)},
    }


# -- main --------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--n", type=int, default=30000, help="synthetic filings")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/bench"), help="sets, stores")
    parser.add_argument("--work", type=Path, help="default: CACHE/equality/nN")
    parser.add_argument(
        "--stores",
        type=Path,
        help="the query part's cache to take (or build) the embedded store in (default: CACHE)",
    )
    parser.add_argument(
        "--stores-from",
        metavar="KEY",
        help="the embedded store cached under this code key (built by other code: a change "
        "to a store source that leaves the quads as they are, such as a timeout, changes the key)",
    )
    parser.add_argument("--sample", type=int, default=4, help="other people and companies")
    parser.add_argument("--seed", type=int, default=0, help="of the sample")
    parser.add_argument("--timeout", type=float, default=600.0, help="s, a command")
    parser.add_argument("--full-timeout", type=float, default=300.0, help="s, a whole listing")
    parser.add_argument("--no-full", action="store_true", help="no whole listings")
    parser.add_argument(
        "--full-budget", type=float, default=1800.0, help="s, all whole listings (run last)"
    )
    parser.add_argument("--redo", action="store_true", help="every step again")
    parser.add_argument(
        "--prepare", action="store_true", help="the sharded build and load only (no comparison)"
    )
    args = parser.parse_args()
    started, cpu_start = time.perf_counter(), _children_cpu()
    load_before = load_average()
    set_dir = args.cache / "synth-s0"
    work = args.work or args.cache / "equality" / f"n{args.n}"
    if args.redo:
        shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    steps = Steps(work / "steps.json")
    if not synth.is_current(set_dir, args.n, 0):
        print(f"generating {args.n} filings under {set_dir}", file=sys.stderr, flush=True)
        synth.ensure(CORPUS, set_dir, args.n, 0)
    roots = synth.roots(set_dir, args.n)
    sharded(roots, work, steps)
    location = work / "oxigraph"
    if "server_load" not in steps.done:
        shutil.rmtree(location, ignore_errors=True)
    with server(location) as (url, proc):
        load_into(url, proc.pid, work, steps)
        if args.prepare:
            return
        store = embedded(args.n, args.stores or args.cache, steps, args.stores_from)
        entities = sample(set_dir, args.n, args.sample, args.seed)
        print(f"comparing {store} with {url}", file=sys.stderr, flush=True)
        embedded_digest = digest(store)  # beside the comparison (a second reader)
        compare_started, compare_cpu = time.perf_counter(), _children_cpu()
        server_cpu = cpu_of(proc.pid)
        result = compare(store, url, entities, args)
        result["compare_wall_s"] = round(time.perf_counter() - compare_started, 1)
        result["compare_cpu_s"] = {
            "commands": round(_children_cpu() - compare_cpu, 1),
            "server": round(cpu_of(proc.pid) - server_cpu, 1),
        }
    print("digests of every quad", file=sys.stderr, flush=True)
    digests = {"embedded": finish(embedded_digest), "server": finish(digest(location))}
    out: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": machine(),
        "filings": args.n,
        "oxigraph": ox.__version__,
        "steps": steps.done,
        "entities": entities,
        "quads": {k: int(v[0]) for k, v in digests.items()},
        "quads_equal": digests["embedded"] == digests["server"],
        **result,
        "equal": not result["differences"] and digests["embedded"] == digests["server"],
        "load_average_1m": [load_before, load_average()],
        "bench_wall_s": round(time.perf_counter() - started, 1),
        "bench_cpu_s": round(_children_cpu() - cpu_start, 1),
    }
    print(json.dumps({k: out[k] for k in ("quads", "compared", "equal", "skipped")}, indent=2))
    existing = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    existing.setdefault("equality", {})[f"n{args.n}"] = out
    args.out.write_text(json.dumps(existing, indent=2) + "\n", encoding="utf-8")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
