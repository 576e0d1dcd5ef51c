"""All-or-nothing writes: the live store changes only by the final swap of a staging copy."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from secgraph.errors import StoreError
from secgraph.store import is_store, open_store, staged_store

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


def leftovers(store_dir: Path) -> list[str]:
    return sorted(p.name for p in store_dir.parent.iterdir() if p.name != ".store.lock")


def test_a_build_creates_then_updates_the_store(tmp_path: Path) -> None:
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
    assert leftovers(store_dir) == ["store"]


def test_a_failed_build_leaves_the_live_store_untouched(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    build(store_dir, 3)
    with pytest.raises(RuntimeError, match="boom"), staged_store(store_dir) as store:
        store.replace_graph(G, quads(10))
        raise RuntimeError("boom")
    assert count(store_dir) == 3
    assert leftovers(store_dir) == ["store"]  # the staging copy is gone


def test_an_interrupted_build_leaves_the_live_store_untouched(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    build(store_dir, 3)
    with pytest.raises(KeyboardInterrupt), staged_store(store_dir) as store:
        store.replace_graph(G, quads(10))
        raise KeyboardInterrupt
    assert count(store_dir) == 3


def test_one_build_at_a_time(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    with staged_store(store_dir), pytest.raises(StoreError, match="another build"):
        build(store_dir, 1)


def test_stale_staging_of_a_killed_build_is_removed(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    build(store_dir, 2)
    stale = tmp_path / ".store.staging-999999"
    stale.mkdir()
    (stale / "000001.sst").write_bytes(b"half written")
    build(store_dir, 4)
    assert not stale.exists()
    assert count(store_dir) == 4


def test_a_crash_between_the_two_renames_is_recovered(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    build(store_dir, 3)
    os.replace(store_dir, tmp_path / ".store.previous")  # the first rename happened, not the second
    assert count(store_dir) == 3  # opening renames the previous store back
    assert leftovers(store_dir) == ["store"]


def test_refuses_to_replace_a_directory_that_is_not_a_store(tmp_path: Path) -> None:
    precious = tmp_path / "home"
    precious.mkdir()
    (precious / "thesis.tex").write_text("years of work")
    with pytest.raises(StoreError, match="not a secgraph store"):
        build(precious, 1)
    assert (precious / "thesis.tex").read_text() == "years of work"
    empty = tmp_path / "empty"
    empty.mkdir()
    build(empty, 1)  # an empty directory is fine
    assert count(empty) == 1
