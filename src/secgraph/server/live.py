"""The served store, reopened when ``secgraph build`` switches to a new generation.

A build never writes the live store: it writes the next generation inside the store folder
and switches a pointer file to it (:mod:`secgraph.store.generations`). Reading that small file
once per request tells whether a build has finished since the store was opened. Queries that
started on the previous generation keep their handle (a :class:`Generation`) and finish on it;
it closes (and its pin lets a later build remove it) when the last of them drops it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from secgraph.errors import StoreError
from secgraph.store import OxigraphStore, open_store
from secgraph.store.generations import live

T = TypeVar("T")


@dataclass
class Generation:
    """One opened store: what every query of a request runs on."""

    store: OxigraphStore
    folder: Path  # the generation's folder (generation folders are never reused)
    #: When the build that wrote it finished: the newest file of the directory.
    written: datetime
    #: What is computed once per opened store (VoID counts, the projected views), by key.
    memo: dict[str, Any] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()``, run once for this store (later calls wait for the first)."""
        with self.lock:
            if key not in self.memo:
                self.memo[key] = compute()
            value: T = self.memo[key]
            return value


def _written(path: Path) -> datetime:
    newest = max((entry.stat().st_mtime for entry in os.scandir(path)), default=0.0)
    return datetime.fromtimestamp(newest, UTC).replace(microsecond=0)


class LiveStore:
    """The store in ``path``, always the latest one a build swapped in."""

    def __init__(self, path: Path) -> None:
        self.path = path.absolute()
        self._lock = threading.Lock()
        self._current: Generation | None = None
        self.reopened = 0  # how many times a swapped-in store was opened (tests, logs)

    def current(self) -> Generation:
        """The generation to answer from now (opening the new store after a swap)."""
        current = self._current
        try:
            folder = live(self.path)
        except StoreError:
            if current is None:
                raise
            folder = None
        if folder is None:
            if current is not None:  # the folder emptied or damaged under us: keep serving
                return current
            raise StoreError(f"no secgraph store in {self.path}")
        if current is not None and current.folder == folder:
            return current
        with self._lock:
            current = self._current
            if current is None or current.folder != folder:
                current = self._open()
                if self._current is not None:
                    self.reopened += 1
                self._current = current
            return current

    def _open(self) -> Generation:
        store = open_store(self.path)
        assert isinstance(store, OxigraphStore) and store.path is not None
        return Generation(store, store.path, _written(store.path))

    def run(self, fn: Callable[[Generation], T]) -> T:
        """``fn(generation)``; if it fails because its store was swapped away and deleted
        under it (RocksDB opens some files lazily), once more on the new store.

        Call it in a worker thread: pyoxigraph's results must be freed by the thread that
        made them, so an exception leaves here without the tracebacks whose frames hold them.
        """
        generation = self.current()
        try:
            try:
                return fn(generation)
            except (OSError, StoreError):
                if self.current() is generation:
                    raise
                return fn(self.current())
        except BaseException as exc:
            _drop_tracebacks(exc)
            raise


def _drop_tracebacks(exc: BaseException) -> None:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        current.__traceback__ = None
        current = current.__cause__ or current.__context__
    if exc.__context__ is not None and exc.__cause__ is None and exc.__suppress_context__:
        exc.__context__ = None
