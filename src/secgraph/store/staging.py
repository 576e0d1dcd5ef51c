"""All-or-nothing writes to an on-disk store: write the next generation, then switch to it.

A build never writes the live store. Under an exclusive lock (``DIR/.lock``) it copies the
live generation into the next one (a RocksDB backup: hard links, so cheap), writes there, and
on success switches the pointer to it (:mod:`secgraph.store.generations`); older generations
are removed then, or by a later build while a reader still has one open.

A failed, interrupted (Ctrl-C) or killed build leaves the pointer where it was, so the live
store is as it was; its half-written generation is removed then, or by the next build. Every
step happens inside ``DIR``, so ``DIR`` may be a mount point. POSIX only (flock).

Before any work, :func:`preflight` checks that the switch can happen: ``DIR`` writable (a
read-only store is left alone) or, for a new store, its folder writable.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path

from secgraph.errors import StoreError
from secgraph.store.generations import (
    LOCK,
    generations,
    holds_rocksdb,
    is_ours,
    live,
    number,
    pin_live,
    remove_unused,
    switch,
)
from secgraph.store.oxigraph import OxigraphStore


def is_store(path: Path) -> bool:
    """Whether ``path`` is a store folder with a live store in it."""
    try:
        folder = live(path)
    except StoreError:
        return False
    return folder is not None and holds_rocksdb(folder)


def _check_replaceable(store_dir: Path) -> None:
    """Refuse to build into a directory that is not a store (``--store ~`` must not touch ~)."""
    if not store_dir.exists():
        return
    if not store_dir.is_dir():
        raise StoreError(f"{store_dir} is not a directory")
    if holds_rocksdb(store_dir):  # the layout before generations: migrated by the build
        return
    if not all(is_ours(p.name) for p in store_dir.iterdir()):
        raise StoreError(f"{store_dir} exists and is not a secgraph store; refusing to replace it")


def preflight(store_dir: Path) -> None:
    """Raise StoreError now, before any work, if the new store could not be put in place."""
    if store_dir.exists():
        if not os.access(store_dir, os.W_OK):
            raise StoreError(
                f"the store {store_dir} is read-only; it was left as it is "
                "(make it writable, or build into another --store)"
            )
        return
    parent = store_dir.parent
    if parent.exists() and not os.access(parent, os.W_OK):
        raise StoreError(
            f"cannot write in {parent}, where the store {store_dir.name} would be created "
            "(make it writable, or choose another --store)"
        )


@contextlib.contextmanager
def _locked(store_dir: Path) -> Iterator[None]:
    try:
        store_dir.mkdir(parents=True, exist_ok=True)
        # The lock file is never deleted: deleting it would let two builds lock two files.
        fh = open(store_dir / LOCK, "a+b")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise StoreError(f"cannot write in the store {store_dir}: {exc.strerror or exc}") from exc
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise StoreError(f"another build is writing {store_dir}; try again later") from exc
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def recover(store_dir: Path) -> None:
    """Put back a store left beside ``store_dir`` by a build of secgraph before generations,
    interrupted between its two renames (``DIR -> .DIR.previous``, staging ``-> DIR``)."""
    previous = store_dir.parent / f".{store_dir.name}.previous"
    if not store_dir.exists() and holds_rocksdb(previous):
        with contextlib.suppress(OSError):
            os.replace(previous, store_dir)


@contextlib.contextmanager
def staged_store(
    store_dir: Path, *, fresh: bool = False, prefixes: Mapping[str, str] | None = None
) -> Iterator[OxigraphStore]:
    """A writable copy of the store in ``store_dir`` (empty if ``fresh`` or new), made the
    live store on success.

    Any exception (including KeyboardInterrupt) discards the copy and leaves the live store
    untouched. Raises StoreError if another build holds the lock or the store cannot open.
    """
    store_dir = store_dir.absolute()
    recover(store_dir)
    _check_replaceable(store_dir)  # before the lock file: a wrong --store leaves no trace
    preflight(store_dir)
    with _locked(store_dir):
        _check_replaceable(store_dir)
        try:
            current = live(store_dir)
        except StoreError:
            if not fresh:
                raise
            current = None  # a damaged pointer: --fresh replaces it
        remove_unused(store_dir, current)  # generations of killed builds, unpinned old ones
        newest = max([number(p) for p in generations(store_dir)], default=0)
        target = store_dir / f"gen-{newest + 1:06d}"
        if fresh or (current is not None and not holds_rocksdb(current)):
            current = None  # start empty
        store: OxigraphStore | None = None
        try:
            if current is not None:
                source = OxigraphStore.open(current, read_only=True, label=store_dir)
                try:
                    source.backup(target)
                finally:
                    source.close()
            store = OxigraphStore.open(target, prefixes=prefixes, label=store_dir)
            yield store
            # The build compacts the store before it is switched to (secgraph.build: point
            # lookups, the queries that start from one entity, are 5x faster compacted).
            store.close()
            switch(store_dir, target)
        except BaseException:
            if store is not None:
                with contextlib.suppress(Exception):
                    store.close()
            shutil.rmtree(target, ignore_errors=True)
            raise
        remove_unused(store_dir, target)


def open_live(
    store_dir: Path, *, prefixes: Mapping[str, str] | None = None, federation: bool = False
) -> OxigraphStore:
    """The live store of ``store_dir``, read-only and pinned until closed."""
    recover(store_dir.absolute())
    pinned = pin_live(store_dir)
    if pinned is None:
        raise StoreError(f"no secgraph store in {store_dir} (run `secgraph build` first)")
    folder, pin = pinned
    try:
        return OxigraphStore.open(
            folder,
            read_only=True,
            prefixes=prefixes,
            federation=federation,
            label=store_dir,
            pin=pin,
        )
    except BaseException:
        if pin is not None:
            pin.release()
        raise
