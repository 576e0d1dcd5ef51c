"""Every command runs under a memory bound (secgraph.entry): a runaway query stops with one
line of error instead of taking the machine's memory, and the supervisor's exit, signals and
death are the command's."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from secgraph.cli import app
from secgraph.entry import ENV_VAR, MINIMUM, default_limit, memory_limit, parse_size

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "filings"
SECGRAPH = str(Path(sys.executable).with_name("secgraph"))
# 1,600 quads cubed, sorted: ORDER BY must hold every row (about 0.8 GiB/s of growth).
RUNAWAY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g ?c ?f ?i"
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("mem") / "store"
    result = CliRunner().invoke(app, ["build", str(SEEDS), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_a_runaway_query_stops_at_the_bound_with_one_line(store: Path) -> None:
    """Trap: pyoxigraph is Rust: an allocation failure aborts the process (no MemoryError),
    and with only the time bound an ORDER BY over a cartesian product reached 4.5 GiB."""
    started = time.monotonic()
    proc = subprocess.run(
        [SECGRAPH, "--memory-limit", "768M", "query", RUNAWAY, "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: stopped at the memory bound of 768 MiB;")
    assert len(proc.stderr.splitlines()) == 1, proc.stderr  # Rust's own lines are dropped
    assert proc.stdout == ""
    assert time.monotonic() - started < 100


def test_the_environment_variable_sets_the_bound(store: Path) -> None:
    """Trap: a bound documented as configurable by environment that only the option sets."""
    proc = subprocess.run(
        [SECGRAPH, "query", RUNAWAY, "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, ENV_VAR: "640M"},
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: stopped at the memory bound of 640 MiB;")


def test_exit_codes_and_output_pass_through_the_supervisor(store: Path) -> None:
    """Trap: a supervisor that swallows the command's exit code or output."""
    ok = subprocess.run(
        [SECGRAPH, "query", "ASK { ?s ?p ?o }", "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, "true\n", "")
    bad = subprocess.run(
        [SECGRAPH, "query", "SELEC nothing", "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2
    assert bad.stderr.startswith("error: invalid SPARQL")
    missing = subprocess.run(
        [SECGRAPH, "lookup", "Nobody Atall Here", "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert missing.returncode == 1


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(x) for x in path.read_text().split()] if path.exists() else []


def _ended(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(errors="replace")
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"  # a zombie has ended


@contextlib.contextmanager
def _long_query(store: Path) -> Iterator[tuple[subprocess.Popen[str], int]]:
    """A supervisor running a query that never ends, and its child's pid; both are killed
    whatever the test does (a failing test must not hang on them)."""
    proc = subprocess.Popen(
        [SECGRAPH, "query", CROSS, "--store", str(store), "--timeout", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    children: list[int] = []
    try:
        deadline = time.monotonic() + 30
        while not (children := _children(proc.pid)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(children) == 1
        yield proc, children[0]
    finally:
        for pid in [*children, proc.pid]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.stderr is not None
        proc.stderr.close()


def test_killing_the_supervisor_ends_the_command(store: Path) -> None:
    """Trap: SIGKILL on the `secgraph` process left its command running as an orphan (a
    build that goes on and swaps the store after the user killed it)."""
    with _long_query(store) as (proc, child):
        proc.kill()
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        while not _ended(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _ended(child)


def test_sigterm_reaches_the_command(store: Path) -> None:
    """Trap: a supervisor that dies on SIGTERM and leaves its command running."""
    with _long_query(store) as (proc, child):
        proc.terminate()
        assert proc.wait(timeout=20) == 128 + signal.SIGTERM
        assert proc.stderr is not None
        assert proc.stderr.read() == "error: secgraph was stopped by SIGTERM\n"
        assert _ended(child)


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("4G", 4 << 30),
        ("512M", 512 << 20),
        ("1.5GiB", 3 << 29),
        ("300000000", 300_000_000),
        ("none", None),
        ("0", None),
    ],
)
def test_sizes(text: str, size: int | None) -> None:
    """Trap: a unit read wrong (M as 10^6, GiB refused) sets a bound ten times off."""
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["lots", "4X", "-1G", "0%", "150%", "1K"])
def test_bad_sizes_are_refused(text: str) -> None:
    """Trap: a typo that silently meant no bound, or a bound too small to start."""
    with pytest.raises(ValueError):
        parse_size(text)


def test_option_before_environment_before_default() -> None:
    """Trap: the command's own options (after its name) read as the global one."""
    env = {ENV_VAR: "2G"}
    assert memory_limit(["--memory-limit", "1G", "query"], env) == 1 << 30
    assert memory_limit(["--memory-limit=3G", "query"], env) == 3 << 30
    assert memory_limit(["query", "--memory-limit", "1G"], env) == 2 << 30
    assert memory_limit(["query"], {}) == default_limit()
    default = default_limit()
    assert default is not None and default >= MINIMUM


def test_a_bad_bound_is_one_line_and_exit_2() -> None:
    proc = subprocess.run(
        [SECGRAPH, "--memory-limit", "lots", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: bad memory limit 'lots'")
    assert len(proc.stderr.splitlines()) == 1
