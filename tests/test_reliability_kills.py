"""Kill trials and a full disk (make reliability): whatever stops a build, the store is the
old one or the new one, never a mix, and the next build and queries work.

The builds are killed at spread moments (SIGKILL of the `secgraph` process, SIGKILL of the
command it runs, a terminal's Ctrl-C to the whole process group with worker processes); the
full disk is RLIMIT_FSIZE on the build (no mount needed): a write past it fails with EFBIG."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from secgraph.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "filings"
CORPUS = ROOT / "tests" / "corpus"
SECGRAPH = str(Path(sys.executable).with_name("secgraph"))
pytestmark = pytest.mark.reliability


def _count(store: Path) -> int:
    with open_store(store) as graph:
        return graph.count()


def _build(store: Path, *paths: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SECGRAPH, "build", *map(str, paths), "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def counts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, int]:
    """A store of the seed filings; its quad count, and the count after adding the corpus."""
    base = tmp_path_factory.mktemp("kills")
    seeds, full = base / "seeds", base / "full"
    assert _build(seeds, SEEDS).returncode == 0
    assert _build(full, SEEDS).returncode == 0
    assert _build(full, CORPUS).returncode in (0, 1)
    return seeds, _count(seeds), _count(full)


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(x) for x in path.read_text().split()] if path.exists() else []


@pytest.mark.parametrize("delay", [0.3, 1.5, 4.0])
@pytest.mark.parametrize("how", ["supervisor", "command", "ctrl-c"])
def test_a_killed_build_leaves_the_old_or_the_new_store(
    counts: tuple[Path, int, int], tmp_path: Path, delay: float, how: str
) -> None:
    """Trap: a build stopped mid-way leaving a half-written store, a stale staging copy
    that fails the next build, or an orphan that swaps the store after the kill."""
    seeds, before, after = counts
    store = tmp_path / "store"
    subprocess.run(["cp", "-a", str(seeds), str(store)], check=True)
    with subprocess.Popen(
        [SECGRAPH, "build", str(CORPUS), "--store", str(store), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    ) as proc:
        # From the moment the command runs (before it, a Ctrl-C meets the interpreter's own
        # start-up, which only Python itself handles).
        deadline = time.monotonic() + 30
        while not _children(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(delay)
        if how == "supervisor":
            proc.kill()
        elif how == "command":
            for child in _children(proc.pid):
                os.kill(child, signal.SIGKILL)
        else:
            os.killpg(proc.pid, signal.SIGINT)
        code = proc.wait(timeout=120)
        assert proc.stderr is not None
        stderr = proc.stderr.read()
    time.sleep(0.5)  # an orphan, if any, would swap now
    assert _count(store) in (before, after)
    assert "Traceback" not in stderr
    if how == "ctrl-c" and code == 130:
        # A worker the fork server was starting when the build ended may say so in one line
        # (secgraph.forkserver_hook): never a traceback, one line per worker at most.
        lines = [
            ln for ln in stderr.splitlines() if not ln.startswith("secgraph worker not started: ")
        ]
        assert len(stderr.splitlines()) - len(lines) <= 2  # one per worker (--jobs 2)
        assert "\n".join(lines) in ("", "error: interrupted; the store was not changed")
    assert _build(store, SEEDS).returncode == 0  # the next build works
    assert len(list(store.glob("gen-*"))) == 1  # and clears a killed build's generation


def _small_files() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of death
    resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, 256 * 1024))


def test_a_full_disk_is_one_line_and_keeps_the_store(
    counts: tuple[Path, int, int], tmp_path: Path
) -> None:
    """Trap: a write failing mid-build (disk full) giving a traceback or a damaged store."""
    seeds, before, _after = counts
    store = tmp_path / "store"
    subprocess.run(["cp", "-a", str(seeds), str(store)], check=True)
    proc = _build(store, CORPUS, preexec_fn=_small_files)
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: cannot load into ")
    assert "File too large" in proc.stderr
    assert len(proc.stderr.splitlines()) == 1
    assert _count(store) == before
    assert len(list(store.glob("gen-*"))) == 1  # the half-written generation is gone
