"""Store faults: checked before any work, one line of error, and the store left as it was.

A read-only store was replaced anyway (with a traceback and a `.store.previous` that failed
the next build); a store folder that is a mount point failed every build at the final rename;
a corrupted store gave no advice. Permissions are enforced for root by dropping its
capabilities (setpriv); mounts need root (or a user namespace) and are skipped without."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from secgraph.store import open_store
from secgraph.store.generations import POINTER

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "filings"
SECGRAPH = str(Path(sys.executable).with_name("secgraph"))


def _run(*args: str | Path, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, SECGRAPH, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _as_user() -> tuple[str, ...]:
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be enforced")
    return (setpriv, "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("faults") / "store"
    assert _run("build", SEEDS, "--store", store).returncode == 0
    return store


def _snapshot(store: Path) -> tuple[int, list[str]]:
    with open_store(store) as graph:
        return graph.count(), sorted(p.name for p in store.iterdir())


def test_a_read_only_store_is_never_replaced(built: Path, tmp_path: Path) -> None:
    """Trap: the build swapped a read-only store away anyway and left `.store.previous`."""
    store = tmp_path / "store"
    shutil.copytree(built, store)
    before = _snapshot(store)
    store.chmod(0o555)
    try:
        proc = _run("build", SEEDS, "--store", store, "--fresh", prefix=_as_user())
    finally:
        store.chmod(0o755)
    assert proc.returncode == 2
    assert proc.stderr == (
        f"error: the store {store} is read-only; it was left as it is "
        "(make it writable, or build into another --store)\n"
    )
    assert proc.stdout == ""  # refused before any file was parsed
    assert _snapshot(store) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]  # no copy, no lock


def test_an_unwritable_store_folder_stops_before_any_work(tmp_path: Path) -> None:
    """Trap: a traceback from the lock file or the staging copy in a read-only folder."""
    parent = tmp_path / "locked"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        proc = _run("build", SEEDS, "--store", parent / "store", prefix=_as_user())
    finally:
        parent.chmod(0o755)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"error: cannot write in {parent}, where the store store")
    assert len(proc.stderr.splitlines()) == 1
    assert list(parent.iterdir()) == []


def test_a_corrupted_store_names_itself_and_the_remedy(built: Path, tmp_path: Path) -> None:
    """Trap: a damaged store file gave RocksDB's words and no advice."""
    store = tmp_path / "store"
    shutil.copytree(built, store)
    generation = (store / POINTER).read_text().strip()
    (store / generation / "CURRENT").write_text("garbage\n")
    for command in (("query", "ASK { ?s ?p ?o }"), ("lookup", "Panora")):
        proc = _run(*command, "--store", store)
        assert proc.returncode == 2
        assert proc.stderr.startswith(f"error: cannot open the store {store}: Corruption")
        assert proc.stderr.endswith(
            "the store is damaged: rebuild it (secgraph build FILES --fresh --store DIR) "
            "or restore it from a backup\n"
        )
        assert len(proc.stderr.splitlines()) == 1


def _is_mount_point(path: Path) -> bool:
    """From /proc/self/mountinfo (field 5, octal escapes): a bind mount on the same device is
    a mount point that ``os.path.ismount`` does not see."""
    points = set()
    for line in Path("/proc/self/mountinfo").read_text(encoding="utf-8").splitlines():
        field = line.split(" ")[4]
        points.add(re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), field))
    return os.path.realpath(path) in points


@contextlib.contextmanager
def _mounted(where: Path, *args: str) -> Iterator[Path]:
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", *args, str(where)], capture_output=True, check=False, timeout=30
    )
    if mounted.returncode != 0:
        pytest.skip(f"mounting is not permitted here: {mounted.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False, timeout=30)


def _tmpfs(where: Path, options: str = "size=64m") -> contextlib.AbstractContextManager[Path]:
    return _mounted(where, "-t", "tmpfs", "-o", options, "tmpfs")


def _filings(store: Path) -> str:
    proc = _run(
        "query", "SELECT (COUNT(*) AS ?n) { ?f a sg:Filing }", "--store", store, "--format", "csv"
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()[1]


@pytest.mark.reliability
@pytest.mark.parametrize("kind", ["tmpfs", "bind"])
def test_a_mount_point_is_a_store_folder(built: Path, tmp_path: Path, kind: str) -> None:
    """Trap: with the store folder a mount point (a Docker volume) every build parsed all
    its files, then failed at the final rename (a folder cannot be renamed off its mount)."""
    seeds = sorted(SEEDS.iterdir())
    volume = tmp_path / "volume"
    if kind == "tmpfs":
        mount = _tmpfs(volume)
    else:
        (tmp_path / "disk").mkdir()
        mount = _mounted(volume, "--bind", str(tmp_path / "disk"))
    with mount:
        assert _is_mount_point(volume)
        first = _run("build", *seeds[:2], "--store", volume)
        assert first.returncode == 0, first.stderr
        assert _filings(volume) == "2"  # two seed files, one filing each
        second = _run("build", *seeds, "--store", volume)
        assert second.returncode == 0, second.stderr
        assert _filings(volume) == _filings(built)  # as a build in a plain folder
        assert sorted(p.name for p in volume.iterdir()) == [".lock", "gen-000002", POINTER]
        assert _is_mount_point(volume)  # the same mount, never renamed away
    if kind == "bind":  # what was written went to the mounted folder itself
        assert sorted(p.name for p in (tmp_path / "disk").iterdir()) == [
            ".lock",
            "gen-000002",
            POINTER,
        ]


@pytest.mark.reliability
def test_a_read_only_file_system_is_one_line(tmp_path: Path) -> None:
    """Trap: a read-only file system gave a traceback."""
    with _tmpfs(tmp_path / "ro", "size=16m,ro") as ro:
        proc = _run("build", SEEDS, "--store", ro / "store")
        assert proc.returncode == 2
        assert proc.stderr.startswith(f"error: cannot write in {ro}")
        assert len(proc.stderr.splitlines()) == 1
