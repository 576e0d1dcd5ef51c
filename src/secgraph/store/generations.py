"""A store folder holds generations of the store behind a pointer, so a build never renames it.

::

    DIR/generation      "gen-000007": the live generation (replaced atomically, os.replace)
    DIR/gen-000007/     a pyoxigraph (RocksDB) store
    DIR/gen-000006/     an older generation, still open by a reader (removed by a later build)
    DIR/.lock           held by the one build writing DIR

A build writes the next generation beside the live one and switches the pointer; nothing is
ever renamed across the folder's boundary, so ``DIR`` may be a mount point (a Docker volume).

A reader pins the generation it opens with a shared ``flock`` on its folder, taken before it
checks that the pointer still names it; a build removes an older generation only when it can
take that lock exclusively, so a generation is never deleted under an open reader.

The old layout (RocksDB's files straight in ``DIR``, from secgraph before generations) is read
as one generation, ``DIR`` itself; the first build into it writes ``gen-000001`` and then removes
the old files, once no reader holds them. POSIX only (flock).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import shutil
import weakref
from pathlib import Path

from secgraph.errors import StoreError

POINTER = "generation"
LOCK = ".lock"
_POINTER_TMP = ".generation.tmp"
_GENERATION = re.compile(r"gen-(\d{6,})")
# Files every pyoxigraph (RocksDB) store directory holds once opened for writing.
_STORE_MARKERS = ("CURRENT", "IDENTITY")
# flock errors meaning "this file system has no such locks" (NFS directories, some FUSE).
_NO_LOCKS = (errno.EBADF, errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL)


def holds_rocksdb(path: Path) -> bool:
    return path.is_dir() and all((path / marker).is_file() for marker in _STORE_MARKERS)


def is_ours(name: str) -> bool:
    """Whether a name in a store folder is one this module writes."""
    return name in (POINTER, LOCK, _POINTER_TMP) or _GENERATION.fullmatch(name) is not None


def damaged(store_dir: Path, what: str) -> StoreError:
    return StoreError(
        f"the store {store_dir} is damaged: {what}; rebuild it (secgraph build FILES --fresh "
        f"--store DIR) or restore it from a backup"
    )


def live(store_dir: Path) -> Path | None:
    """The folder of the live store: the generation the pointer names, ``store_dir`` itself
    (old layout), or None (no store). Raises StoreError if the pointer is damaged."""
    try:
        name = (store_dir / POINTER).read_text(encoding="ascii").strip()
    except (FileNotFoundError, NotADirectoryError):
        return store_dir if holds_rocksdb(store_dir) else None
    except (OSError, UnicodeDecodeError) as exc:
        raise damaged(store_dir, f"its pointer file {POINTER!r} cannot be read ({exc})") from exc
    if not _GENERATION.fullmatch(name):
        raise damaged(store_dir, f"its pointer file {POINTER!r} names no generation")
    return store_dir / name


def number(path: Path) -> int:
    """The generation number of a generation folder (0 for the old layout)."""
    m = _GENERATION.fullmatch(path.name)
    return int(m[1]) if m else 0


def generations(store_dir: Path) -> list[Path]:
    """Every generation folder in ``store_dir`` (live, old or half-written), oldest first."""
    try:
        found = [p for p in store_dir.iterdir() if _GENERATION.fullmatch(p.name) and p.is_dir()]
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(found, key=number)


class Pin:
    """A shared lock on one generation's folder, held while a reader has it open."""

    def __init__(self, fd: int) -> None:
        self._close = weakref.finalize(self, os.close, fd)  # also if never released

    def release(self) -> None:
        self._close()


def pin_live(store_dir: Path) -> tuple[Path, Pin | None] | None:
    """The live generation, pinned so that no build removes it while it is open; None if
    ``store_dir`` holds no store."""
    for _ in range(100):
        folder = live(store_dir)
        if folder is None or not holds_rocksdb(folder):
            return None
        try:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except FileNotFoundError:
            continue  # removed after the pointer moved on: read the pointer again
        pin = Pin(fd)
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)  # waits while a build is removing it
        except OSError as exc:
            if exc.errno not in _NO_LOCKS:
                raise
            return folder, None  # no locks here: read unpinned (a build may remove it)
        if live(store_dir) == folder and holds_rocksdb(folder):
            return folder, pin  # still live after pinning: no build can remove it now
        pin.release()
    raise StoreError(f"the store {store_dir} keeps changing; try again")


def _remove_unpinned(folder: Path, remove: list[Path]) -> bool:
    """Remove ``remove`` (paths in ``folder``) if no reader pins ``folder``."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in _NO_LOCKS:
                return False  # a reader has it open: a later build removes it
        for path in remove:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    path.unlink()
        return True
    finally:
        os.close(fd)


def remove_unused(store_dir: Path, keep: Path | None) -> None:
    """Remove every generation but ``keep`` that no reader pins, and the old layout's files
    once a generation is live. Called by a build, under the store's lock."""
    for folder in generations(store_dir):
        if folder != keep:
            _remove_unpinned(folder, [folder])
    if keep is not None and keep != store_dir and holds_rocksdb(store_dir):
        old = [p for p in store_dir.iterdir() if not is_ours(p.name) and p.is_file()]
        _remove_unpinned(store_dir, old)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def switch(store_dir: Path, folder: Path) -> None:
    """Make ``folder`` (a generation in ``store_dir``) the live store, atomically."""
    tmp = store_dir / _POINTER_TMP
    try:
        with open(tmp, "w", encoding="ascii") as fh:
            fh.write(folder.name + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        _fsync(folder)
        os.replace(tmp, store_dir / POINTER)
        _fsync(store_dir)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise StoreError(f"cannot switch the store {store_dir}: {exc.strerror or exc}") from exc
