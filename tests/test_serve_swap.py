"""``secgraph build`` into the store a server is serving: the server answers from the previous
store until the new one is swapped in, then from the new one, with no error to any client."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from serving import EXAMPLES, build_examples, running

COUNT = "SELECT (COUNT(DISTINCT ?f) AS ?n) { ?f a sg:Filing ; sg:sourceFile ?file }"
SECGRAPH = Path(sys.executable).parent / "secgraph"


@pytest.mark.parametrize("fresh", [False, True], ids=["added", "fresh"])
def test_clients_see_no_error_across_a_swap(tmp_path: Path, fresh: bool) -> None:
    """Four clients query without pause while another process builds the fourth filing into
    the store (a staged copy renamed over it; with --fresh every file of the store is new and
    the old directory is deleted under open readers). No request fails; each client sees 3
    filings, then 4, never 3 again once it has seen 4."""
    first = sorted(EXAMPLES.glob("*.txt"))[:3]
    store = build_examples(tmp_path / "store", first)
    seen: dict[int, list[int]] = {i: [] for i in range(4)}
    errors: list[str] = []
    stop = threading.Event()

    def client(i: int, base: str) -> None:
        with httpx.Client(base_url=base, timeout=60) as c:
            while not stop.is_set():
                try:
                    r = c.get("/sparql", params={"query": COUNT})
                except httpx.HTTPError as exc:
                    errors.append(repr(exc))
                    continue
                if r.status_code != 200:
                    errors.append(f"{r.status_code}: {r.text}")
                    continue
                seen[i].append(int(r.json()["results"]["bindings"][0]["n"]["value"]))
                time.sleep(0.01)

    with running(store, timeout=60.0) as base:
        threads = [threading.Thread(target=client, args=(i, base)) for i in range(4)]
        for t in threads:
            t.start()
        try:
            while min(len(s) for s in seen.values()) < 3:
                time.sleep(0.05)
            args = [str(EXAMPLES), "--store", str(store), "--jobs", "1"]
            built = subprocess.run(
                [str(SECGRAPH), "build", *args, *(["--fresh"] if fresh else [])],
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            assert built.returncode == 0, built.stdout + built.stderr
            counts = {i: len(s) for i, s in seen.items()}
            deadline = time.monotonic() + 30
            while any(len(seen[i]) < counts[i] + 3 for i in seen) and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            stop.set()
            for t in threads:
                t.join(60)
    assert errors == []
    for answers in seen.values():
        assert answers[0] == 3 and answers[-1] == 4, answers
        assert answers == sorted(answers), answers  # never back to the old store
