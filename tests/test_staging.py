"""All-or-nothing writes: the live store changes only when a build switches the pointer to the
generation it finished writing; nothing is ever renamed across the store folder's boundary."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from secgraph.errors import StoreError
from secgraph.store import is_store, open_store, staged_store
from secgraph.store.generations import POINTER

G = ox.NamedNode("http://example.org/g")


def quads(n: int) -> list[ox.Quad]:
    p = ox.NamedNode("http://example.org/p")
    return [
        ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), p, ox.Literal(str(i)), G)
        for i in range(n)
    ]


def build(store_dir: Path, n: int, *, fresh: bool = False) -> None:
    with staged_store(store_dir, fresh=fresh) as store:
        store.replace_graph(G, quads(n))


def count(store_dir: Path) -> int:
    with open_store(store_dir) as store:
        return store.count()


def contents(store_dir: Path) -> list[str]:
    return sorted(p.name for p in store_dir.iterdir())


def pointer(store_dir: Path) -> str:
    return (store_dir / POINTER).read_text().strip()


def test_a_build_creates_then_updates_the_store(tmp_path: Path) -> None:
    """Trap: an update that loses the store's earlier graphs, or leaves old copies behind."""
    store_dir = tmp_path / "data" / "store"
    build(store_dir, 3)
    assert is_store(store_dir)
    assert count(store_dir) == 3
    extra = ox.NamedNode("http://example.org/other")
    with staged_store(store_dir) as store:  # starts from a copy of the live store
        assert store.count() == 3
        store.replace_graph(extra, quads(2))
    assert count(store_dir) == 5
    build(store_dir, 1, fresh=True)  # fresh: starts empty
    assert count(store_dir) == 1
    assert contents(store_dir) == [".lock", "gen-000003", "generation"]
    assert pointer(store_dir) == "gen-000003"
    assert contents(tmp_path / "data") == ["store"]  # nothing written beside the folder


def test_a_failed_build_leaves_the_live_store_untouched(tmp_path: Path) -> None:
    """Trap: a failed build whose half-written copy becomes, or stays beside, the store."""
    store_dir = tmp_path / "store"
    build(store_dir, 3)
    with pytest.raises(RuntimeError, match="boom"), staged_store(store_dir) as store:
        store.replace_graph(G, quads(10))
        raise RuntimeError("boom")
    assert count(store_dir) == 3
    assert contents(store_dir) == [".lock", "gen-000001", "generation"]  # the copy is gone


def test_an_interrupted_build_leaves_the_live_store_untouched(tmp_path: Path) -> None:
    """Trap: Ctrl-C (KeyboardInterrupt) escaping the clean-up of the build's copy."""
    store_dir = tmp_path / "store"
    build(store_dir, 3)
    with pytest.raises(KeyboardInterrupt), staged_store(store_dir) as store:
        store.replace_graph(G, quads(10))
        raise KeyboardInterrupt
    assert count(store_dir) == 3
    assert pointer(store_dir) == "gen-000001"


def test_one_build_at_a_time(tmp_path: Path) -> None:
    """Trap: two builds writing the same next generation."""
    store_dir = tmp_path / "store"
    with staged_store(store_dir), pytest.raises(StoreError, match="another build"):
        build(store_dir, 1)


def test_a_killed_build_s_generation_is_never_read_and_is_removed(tmp_path: Path) -> None:
    """Trap: a killed build's half-written generation read as the store, or failing the next
    build (a kill leaves no clean-up: the generation stays until the next build)."""
    store_dir = tmp_path / "store"
    build(store_dir, 2)
    stale = store_dir / "gen-000002"
    stale.mkdir()
    (stale / "000001.sst").write_bytes(b"half written")
    assert count(store_dir) == 2  # the pointer still names gen-000001
    build(store_dir, 4)
    assert count(store_dir) == 4
    assert contents(store_dir) == [".lock", "gen-000002", "generation"]


def test_an_open_reader_keeps_its_generation_until_it_closes(tmp_path: Path) -> None:
    """Trap: a build deleting the generation a reader (a query, the server) still reads."""
    store_dir = tmp_path / "store"
    build(store_dir, 3)
    with open_store(store_dir) as reader:
        build(store_dir, 5, fresh=True)
        build(store_dir, 7, fresh=True)
        assert reader.count() == 3  # still whole: the pin kept it
        assert count(store_dir) == 7
        assert contents(store_dir) == [".lock", "gen-000001", "gen-000003", "generation"]
    build(store_dir, 8, fresh=True)  # closed now: removed
    assert contents(store_dir) == [".lock", "gen-000004", "generation"]


def test_a_store_of_the_layout_before_generations_is_read_then_migrated(
    tmp_path: Path,
) -> None:
    """Trap: stores built before generations (RocksDB's files straight in the folder) no
    longer opening, or their first build losing their graphs or leaving their files."""
    store_dir = tmp_path / "store"
    build(tmp_path / "new", 3)
    shutil.copytree(tmp_path / "new" / "gen-000001", store_dir)  # the old layout, exactly
    assert is_store(store_dir)
    assert count(store_dir) == 3
    extra = ox.NamedNode("http://example.org/other")
    with staged_store(store_dir) as store:
        store.replace_graph(extra, quads(2))
    assert count(store_dir) == 5
    assert contents(store_dir) == [".lock", "gen-000001", "generation"]


def test_a_crash_of_the_old_layout_between_its_two_renames_is_recovered(tmp_path: Path) -> None:
    """Trap: a store left as `.store.previous` by secgraph's build before generations (stopped
    between `store -> .store.previous` and `staging -> store`) lost to every later command."""
    build(tmp_path / "new", 3)
    shutil.copytree(tmp_path / "new" / "gen-000001", tmp_path / ".store.previous")
    assert count(tmp_path / "store") == 3  # opening renames the previous store back


def test_a_damaged_pointer_is_one_line_with_the_remedy(tmp_path: Path) -> None:
    """Trap: a pointer naming nothing read as "no store", or a traceback; --fresh repairs."""
    store_dir = tmp_path / "store"
    build(store_dir, 3)
    (store_dir / POINTER).write_text("../../etc\n")
    message = f"the store {store_dir} is damaged: its pointer file 'generation' names no gen"
    with pytest.raises(StoreError, match=message):
        open_store(store_dir)
    with pytest.raises(StoreError, match=message):
        build(store_dir, 1)
    build(store_dir, 2, fresh=True)
    assert count(store_dir) == 2


def test_refuses_to_replace_a_directory_that_is_not_a_store(tmp_path: Path) -> None:
    """Trap: `--store ~` writing into (or deleting from) a folder of the user's own files."""
    precious = tmp_path / "home"
    precious.mkdir()
    (precious / "thesis.tex").write_text("years of work")
    with pytest.raises(StoreError, match="not a secgraph store"):
        build(precious, 1)
    assert contents(precious) == ["thesis.tex"]
    empty = tmp_path / "empty"
    empty.mkdir()
    build(empty, 1)  # an empty directory is fine
    assert count(empty) == 1


def test_no_build_never_finished_is_a_store(tmp_path: Path) -> None:
    """Trap: a first build killed before its switch leaving a folder that later commands take
    for a store, or that the next build refuses as a foreign folder."""
    store_dir = tmp_path / "store"
    store_dir.mkdir()
    (store_dir / ".lock").touch()
    os.mkdir(store_dir / "gen-000001")
    assert not is_store(store_dir)
    with pytest.raises(StoreError, match="no secgraph store"):
        open_store(store_dir)
    build(store_dir, 2)
    assert count(store_dir) == 2
