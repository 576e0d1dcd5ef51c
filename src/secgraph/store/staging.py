"""All-or-nothing writes to an on-disk store: build a staging copy, then swap directories.

A build never writes the live store ``DIR``. Under an exclusive lock (``.DIR.lock`` beside it)
it copies ``DIR`` into ``.DIR.staging-PID`` (a RocksDB backup: hard links, so cheap), writes
there, and on success swaps with two renames::

    DIR -> .DIR.previous ; .DIR.staging-PID -> DIR ; remove .DIR.previous

A failed, interrupted (Ctrl-C) or killed build leaves ``DIR`` as it was; its staging copy is
removed then, or by the next build. A crash between the two renames leaves only
``.DIR.previous``, which :func:`recover` (run by every open) renames back. POSIX only (flock).

Before any work, :func:`preflight` checks that the swap can happen: ``DIR`` writable (a
read-only store is left alone, never replaced), its folder writable, ``DIR`` not a mount point
(a directory cannot be renamed off its mount: use a folder inside the mount as the store).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path

from secgraph.errors import StoreError
from secgraph.store.oxigraph import OxigraphStore

# Files every pyoxigraph (RocksDB) store directory holds.
_STORE_MARKERS = ("CURRENT", "IDENTITY")


def is_store(path: Path) -> bool:
    return path.is_dir() and all((path / marker).is_file() for marker in _STORE_MARKERS)


def _sibling(store_dir: Path, suffix: str) -> Path:
    return store_dir.parent / f".{store_dir.name}.{suffix}"


def _check_replaceable(store_dir: Path) -> None:
    """Refuse to swap away a directory that is not a store (``--store ~`` must not delete ~)."""
    if not store_dir.exists():
        return
    if not store_dir.is_dir():
        raise StoreError(f"{store_dir} is not a directory")
    if not is_store(store_dir) and any(store_dir.iterdir()):
        raise StoreError(f"{store_dir} exists and is not a secgraph store; refusing to replace it")


def _mount_points() -> set[str]:
    try:
        lines = Path("/proc/self/mountinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        return set()
    # Field 5 is the mount point, with spaces and the like written as octal escapes.
    return {
        re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), line.split(" ")[4])
        for line in lines
        if len(line.split(" ")) > 4
    }


def is_mount_point(path: Path) -> bool:
    """Whether ``path`` is a mount point (a bind mount on the same device too)."""
    return os.path.ismount(path) or os.path.realpath(path) in _mount_points()


def _mount_advice(store_dir: Path) -> str:
    return (
        f"{store_dir} is a mount point: a build replaces the store folder by renaming it, "
        f"which cannot be done to a mount; use a folder inside it, e.g. --store "
        f"{store_dir / 'store'}"
    )


def preflight(store_dir: Path) -> None:
    """Raise StoreError now, before any work, if the store could not be swapped in place."""
    if store_dir.exists():
        if is_mount_point(store_dir):
            raise StoreError(_mount_advice(store_dir))
        if not os.access(store_dir, os.W_OK):
            raise StoreError(
                f"the store {store_dir} is read-only; it was left as it is "
                "(make it writable, or build into another --store)"
            )
    parent = store_dir.parent
    if parent.exists() and not os.access(parent, os.W_OK):
        raise StoreError(
            f"cannot write in {parent}, where the store {store_dir.name} and its build copy "
            "live (make it writable, or choose another --store)"
        )


@contextlib.contextmanager
def _locked(store_dir: Path, *, wait: bool) -> Iterator[None]:
    try:
        store_dir.parent.mkdir(parents=True, exist_ok=True)
        # The lock file is never deleted: deleting it would let two builds lock two files.
        fh = open(_sibling(store_dir, "lock"), "a+b")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise StoreError(
            f"cannot write beside the store {store_dir}: {exc.strerror or exc}"
        ) from exc
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise StoreError(f"another build is writing {store_dir}; try again later") from exc
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _recover_unlocked(store_dir: Path) -> None:
    previous = _sibling(store_dir, "previous")
    if not previous.exists():
        return
    if store_dir.exists():  # the swap had finished; only the clean-up was missed
        shutil.rmtree(previous, ignore_errors=True)
    else:  # stopped between the two renames: the previous store is the good one
        os.replace(previous, store_dir)
        _fsync_dir(store_dir.parent)


def recover(store_dir: Path) -> None:
    """Undo a swap that was interrupted between its two renames (waits for a running swap)."""
    if _sibling(store_dir, "previous").exists() and not store_dir.exists():
        with _locked(store_dir, wait=True):
            _recover_unlocked(store_dir)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _swap(staging: Path, store_dir: Path) -> None:
    previous = _sibling(store_dir, "previous")
    try:
        if store_dir.exists():
            os.replace(store_dir, previous)
    except OSError as exc:  # nothing moved: the store is as it was
        if exc.errno in (errno.EBUSY, errno.EXDEV):
            raise StoreError(_mount_advice(store_dir)) from exc
        raise StoreError(f"cannot replace the store {store_dir}: {exc.strerror or exc}") from exc
    try:
        os.replace(staging, store_dir)
    except OSError as exc:
        if previous.exists():
            os.replace(previous, store_dir)  # put the old store back
        raise StoreError(f"cannot replace the store {store_dir}: {exc.strerror or exc}") from exc
    _fsync_dir(store_dir.parent)
    # The new store is in place; a left-over copy is removed by the next build.
    shutil.rmtree(previous, ignore_errors=True)


@contextlib.contextmanager
def staged_store(
    store_dir: Path, *, fresh: bool = False, prefixes: Mapping[str, str] | None = None
) -> Iterator[OxigraphStore]:
    """A writable copy of ``store_dir`` (empty if ``fresh`` or new), swapped in on success.

    Any exception (including KeyboardInterrupt) discards the copy and leaves ``store_dir``
    untouched. Raises StoreError if another build holds the lock or the store cannot open.
    """
    store_dir = store_dir.absolute()
    _check_replaceable(store_dir)  # before the lock file: a wrong --store leaves no trace
    preflight(store_dir)
    with _locked(store_dir, wait=False):
        _recover_unlocked(store_dir)
        _check_replaceable(store_dir)
        for stale in store_dir.parent.glob(f".{store_dir.name}.staging-*"):
            shutil.rmtree(stale, ignore_errors=True)  # left by a killed build
        staging = _sibling(store_dir, f"staging-{os.getpid()}")
        store: OxigraphStore | None = None
        try:
            if is_store(store_dir) and not fresh:
                source = OxigraphStore.open(store_dir, read_only=True)
                try:
                    source.backup(staging)
                finally:
                    source.close()
            store = OxigraphStore.open(staging, prefixes=prefixes)
            yield store
            # The build compacts the store before it is swapped in (secgraph.build: point
            # lookups, the queries that start from one entity, are 5x faster compacted).
            store.close()
            _swap(staging, store_dir)
        except BaseException:
            if store is not None:
                with contextlib.suppress(Exception):
                    store.close()
            shutil.rmtree(staging, ignore_errors=True)
            raise
