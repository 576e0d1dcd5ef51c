"""Store faults: checked before any work, one line of error, and the store left as it was.

A read-only store was replaced anyway (with a traceback and a `.store.previous` that failed
the next build); a store folder that is a mount point failed every build at the final rename;
a corrupted store gave no advice. Permissions are enforced for root by dropping its
capabilities (setpriv); mounts need root and are skipped without it."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from secgraph.store import open_store
from secgraph.store.staging import is_mount_point

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
    (store / "CURRENT").write_text("garbage\n")
    for command in (("query", "ASK { ?s ?p ?o }"), ("lookup", "Panora")):
        proc = _run(*command, "--store", store)
        assert proc.returncode == 2
        assert proc.stderr.startswith(f"error: cannot open the store {store}: Corruption")
        assert proc.stderr.endswith(
            "the store is damaged: rebuild it (secgraph build FILES --fresh --store DIR) "
            "or restore it from a backup\n"
        )
        assert len(proc.stderr.splitlines()) == 1


@contextlib.contextmanager
def _tmpfs(where: Path, options: str = "size=64m") -> Iterator[Path]:
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.mark.reliability
def test_a_mount_point_as_store_is_refused_before_work(tmp_path: Path) -> None:
    """Trap: with the store folder a mount point (a Docker volume) every build parsed all
    its files, then failed at the final rename with a traceback."""
    with _tmpfs(tmp_path / "volume") as volume:
        assert is_mount_point(volume)
        proc = _run("build", SEEDS, "--store", volume)
        assert proc.returncode == 2
        assert proc.stderr == (
            f"error: {volume} is a mount point: a build replaces the store folder by renaming "
            f"it, which cannot be done to a mount; use a folder inside it, e.g. --store "
            f"{volume / 'store'}\n"
        )
        assert proc.stdout == ""
        inside = _run("build", SEEDS, "--store", volume / "store")  # the advice works
        assert inside.returncode == 0, inside.stderr


@pytest.mark.reliability
def test_a_read_only_file_system_is_one_line(tmp_path: Path) -> None:
    """Trap: a read-only file system gave a traceback."""
    with _tmpfs(tmp_path / "ro", "size=16m,ro") as ro:
        proc = _run("build", SEEDS, "--store", ro / "store")
        assert proc.returncode == 2
        assert proc.stderr.startswith(f"error: cannot write in {ro}")
        assert len(proc.stderr.splitlines()) == 1
