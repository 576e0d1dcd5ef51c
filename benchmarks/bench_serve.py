"""Load benchmark of ``secgraph serve`` on the corpus store, beside ``oxigraph serve`` on the
same data for the raw SPARQL part.

    python benchmarks/bench_serve.py --out benchmarks/results.json   # about 2 minutes

Builds ``tests/corpus`` into a scratch store, starts ``secgraph serve`` and ``oxigraph
serve-read-only --union-default-graph`` (the same engine release as pyoxigraph, installed on
first use into ``benchmarks/.venv-oxigraph``) on 127.0.0.1, and runs three phases of
``--clients`` concurrent clients for ``--seconds`` each, every phase also bounded by
``--max-requests``:

* ``mixed``: the JSON API as the explorer uses it, in turn an entity dossier, a named query
  with a parameter and an autocomplete search;
* ``sparql_secgraph`` and ``sparql_oxigraph``: the same raw SPARQL (the named queries' .rq
  files, unchanged) POSTed to each server's endpoint.

Each phase reports requests, throughput, p50/p95/p99 latency and errors (any status but 200);
the two SPARQL phases give the ratio secgraph / oxigraph. The result is written under the key
``serve`` of the output file, leaving the other keys as they are. Traffic goes to 127.0.0.1
only; the load generator shares the machine's cores with the servers.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from secgraph.build import build  # noqa: E402
from secgraph.graph import load_query, run_named  # noqa: E402
from secgraph.store import open_store  # noqa: E402
from secgraph.store.generations import live  # noqa: E402

OXIGRAPH_VENV = ROOT / "benchmarks" / ".venv-oxigraph"
#: Named queries whose unchanged text is the raw SPARQL workload (each answers on the corpus).
SPARQL_QUERIES = ("companies", "filings", "roles", "holdings", "offerings", "agreements")
JSON_RESULTS = "application/sparql-results+json"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _oxigraph() -> Path:
    beside = Path(sys.executable).parent / "oxigraph"  # the project's venv, when it has it
    found = shutil.which("oxigraph") or (str(beside) if beside.exists() else None)
    if found:
        return Path(found)
    binary = OXIGRAPH_VENV / "bin" / "oxigraph"
    if not binary.exists():
        subprocess.run([sys.executable, "-m", "venv", str(OXIGRAPH_VENV)], check=True)
        pip = [str(OXIGRAPH_VENV / "bin" / "pip"), "install", "-q"]
        subprocess.run([*pip, f"oxigraph=={ox.__version__}"], check=True)
    return binary


@contextmanager
def _server(command: list[str], probe: str) -> Iterator[subprocess.Popen[bytes]]:
    """A server process, once ``probe`` answers 200; stopped (by its own pid) at the end."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited: {process.stderr.read()!r}")  # type: ignore[union-attr]
            try:
                if httpx.get(probe, timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{command[0]} did not start")
            time.sleep(0.2)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def report(self) -> dict[str, Any]:
        done = len(self.latencies)
        q = statistics.quantiles(self.latencies, n=100) if done >= 2 else [0.0] * 99
        return {
            "requests": done + len(self.errors),
            "seconds": round(self.seconds, 2),
            "throughput_per_s": round(done / self.seconds, 1) if self.seconds else 0.0,
            "latency_ms": {
                "p50": round(q[49] * 1000, 1),
                "p95": round(q[94] * 1000, 1),
                "p99": round(q[98] * 1000, 1),
            },
            "errors": len(self.errors),
            "first_errors": self.errors[:5],
        }


Request = Callable[[httpx.AsyncClient], Any]


async def _run(
    phase: Phase, requests: Iterator[Request], clients: int, seconds: float, limit: int
) -> None:
    started = time.monotonic()
    deadline = started + seconds
    count = itertools.count()

    async def client() -> None:
        async with httpx.AsyncClient(timeout=60) as http:
            while time.monotonic() < deadline and next(count) < limit:
                send = next(requests)
                t0 = time.monotonic()
                try:
                    response = await send(http)
                except httpx.HTTPError as exc:
                    phase.errors.append(repr(exc))
                    continue
                if response.status_code == 200:
                    phase.latencies.append(time.monotonic() - t0)
                else:
                    phase.errors.append(f"{response.status_code} {response.text[:200]}")

    await asyncio.gather(*(client() for _ in range(clients)))
    phase.seconds = time.monotonic() - started


def _sparql(url: str, query: str) -> Request:
    def send(http: httpx.AsyncClient) -> Any:
        return http.post(url, data={"query": query}, headers={"Accept": JSON_RESULTS})

    return send


def _get(url: str, params: dict[str, str]) -> Request:
    def send(http: httpx.AsyncClient) -> Any:
        return http.get(url, params=params)

    return send


def _workload(store: Path, base: str) -> list[Request]:
    """Dossiers, named queries and searches on entities the corpus holds (read through the
    library, so every request asks for something that exists)."""
    with open_store(store) as graph:
        columns, rows = run_named(graph, "companies")
    named = [dict(zip(columns, row, strict=True)) for row in rows]
    people: list[tuple[str, str]] = []
    with open_store(store) as graph:
        columns, rows = run_named(graph, "roles")
    for row in rows:
        r = dict(zip(columns, row, strict=True))
        if r.get("holder") is not None and r.get("holderName") is not None:
            people.append((r["holder"].value, r["holderName"].value))  # type: ignore[union-attr]
    people = sorted(set(people))[:40]
    companies = sorted({str(r["name"].value) for r in named if r.get("name") is not None})[:40]
    requests: list[Request] = []
    for (iri, name), company in zip(people, itertools.cycle(companies), strict=False):
        requests.append(_get(base + "/api/entity", {"iri": iri}))
        requests.append(_get(base + "/api/queries/roles", {"name": company}))
        requests.append(_get(base + "/api/search", {"q": name.split()[-1][:4]}))
    return requests


def _same_answers(secgraph: str, oxigraph: str) -> dict[str, int]:
    """Each raw query gives the same number of rows on both servers (else the ratio compares
    different work)."""
    rows = {}
    for name in SPARQL_QUERIES:
        counts = []
        for url in (secgraph, oxigraph):
            r = httpx.post(
                url, data={"query": load_query(name)}, headers={"Accept": JSON_RESULTS}, timeout=120
            )
            r.raise_for_status()
            counts.append(len(r.json()["results"]["bindings"]))
        if counts[0] != counts[1]:
            raise RuntimeError(f"{name}: secgraph {counts[0]} rows, oxigraph {counts[1]}")
        rows[name] = counts[0]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.json")
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "corpus")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--max-requests", type=int, default=200_000)
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="secgraph-bench-serve-") as scratch:
        store = Path(scratch) / "store"
        report = build([args.corpus], store, jobs=1, fresh=True)
        port, ox_port = _free_port(), _free_port()
        base = f"http://127.0.0.1:{port}"
        secgraph = [
            str(Path(sys.executable).parent / "secgraph"),
            "serve",
            "--store",
            str(store),
            "--port",
            str(port),
            "--max-rows",
            "1000000",
            "--timeout",
            "60",
        ]
        oxigraph = [
            str(_oxigraph()),
            "serve-read-only",
            "--location",
            str(live(store)),  # the live generation of the store folder
            "--bind",
            f"127.0.0.1:{ox_port}",
            "--union-default-graph",
        ]
        ox_url = f"http://127.0.0.1:{ox_port}/query"
        with _server(secgraph, base + "/api/stats"), _server(oxigraph, ox_url + "?query=ASK{}"):
            rows = _same_answers(base + "/sparql", ox_url)
            mixed = _workload(store, base)
            phases = {
                "mixed": (Phase("mixed"), mixed),
                "sparql_secgraph": (
                    Phase("sparql_secgraph"),
                    [_sparql(base + "/sparql", load_query(n)) for n in SPARQL_QUERIES],
                ),
                "sparql_oxigraph": (
                    Phase("sparql_oxigraph"),
                    [_sparql(ox_url, load_query(n)) for n in SPARQL_QUERIES],
                ),
            }
            for phase, requests in phases.values():
                asyncio.run(
                    _run(
                        phase,
                        itertools.cycle(requests),
                        args.clients,
                        args.seconds,
                        args.max_requests,
                    )
                )
                print(phase.name, json.dumps(phase.report()), flush=True)
    results = {name: phase.report() for name, (phase, _) in phases.items()}
    sg, oxi = results["sparql_secgraph"], results["sparql_oxigraph"]
    out = {
        "date": datetime.now(UTC).date().isoformat(),
        "machine": {
            "cpu": platform.processor() or platform.machine(),
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "pyoxigraph": ox.__version__,
        },
        "store": {"filings": report.loaded, "quads": report.store_quads},
        "clients": args.clients,
        "seconds_per_phase": args.seconds,
        "sparql_queries": rows,
        "phases": results,
        "sparql_throughput_ratio_secgraph_over_oxigraph": round(
            sg["throughput_per_s"] / oxi["throughput_per_s"], 2
        )
        if oxi["throughput_per_s"]
        else None,
        "load_average_1m": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "bench_seconds": round(time.monotonic() - started, 1),
    }
    existing = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    existing["serve"] = out
    args.out.write_text(json.dumps(existing, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
