"""Imported by the build's fork server only (``set_forkserver_preload``): a worker that cannot
start because its build has already ended (a Ctrl-C while it was being forked: the build's
semaphores are gone) says so in one line instead of a traceback."""

from __future__ import annotations

import sys
from types import TracebackType


def _one_line(kind: type[BaseException], exc: BaseException, _tb: TracebackType | None) -> None:
    sys.stderr.write(f"secgraph worker not started: {kind.__name__}: {exc}\n")


sys.excepthook = _one_line
