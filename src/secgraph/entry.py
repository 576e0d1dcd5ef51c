"""The ``secgraph`` command: the CLI in a child process under a memory bound.

pyoxigraph is Rust: when an allocation fails it prints ``memory allocation of N bytes failed``
and aborts the process, so a bound cannot be enforced from inside the process that holds it.
:func:`main` forks before anything heavy is imported (about a millisecond); the child sets
``RLIMIT_DATA`` and runs the command, the parent waits and turns a death at the bound into one
line of error. The parent relays the child's raw stderr (file descriptor 2, where Rust and
worker processes write) and drops Rust's own allocation message; Python's ``sys.stderr`` in the
child keeps the terminal, so progress bars and error lines are written directly.

``RLIMIT_DATA`` (heap and private writable mappings), not ``RLIMIT_AS``: address space counts
reservations nothing uses. A query on the example store had 550-700 MB of address space for
82 MB resident and 106 MB of data.

The bound: ``--memory-limit SIZE`` (before the command) or ``SECGRAPH_MEMORY_LIMIT``; SIZE is
bytes with an optional K/M/G/T suffix, a percentage of physical memory, or ``none``. Default:
:data:`DEFAULT_FRACTION` of physical memory. The bound applies to each process: a build's
worker processes each have their own.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import signal
import sys
import time
from collections.abc import Mapping, Sequence

ENV_VAR = "SECGRAPH_MEMORY_LIMIT"
OPTION = "--memory-limit"
#: The default bound, as a fraction of physical memory.
DEFAULT_FRACTION = 0.5
#: Never bound below this (the interpreter, the ontology and a store opening need ~150 MB).
MINIMUM = 256 * 1024 * 1024
#: Exit code of a command stopped at its memory bound (like any setup error).
EXIT_MEMORY = 2

_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*", re.IGNORECASE)
_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}
_RUST_OOM = re.compile(rb"^memory allocation of \d+ bytes failed\s*$")


def physical_memory() -> int | None:
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def parse_size(text: str) -> int | None:
    """``4G``, ``512M``, ``1.5GiB``, ``2000000``, ``25%`` (of physical memory); ``none`` or
    ``0``: no bound (None). Raises ValueError for anything else or a bound below MINIMUM."""
    value = text.strip().lower()
    if value in {"none", "0", "off", "unlimited"}:
        return None
    if value.endswith("%"):
        ram = physical_memory()
        try:
            share = float(value[:-1]) / 100
        except ValueError:
            share = -1.0
        if not 0 < share <= 1 or ram is None:
            raise ValueError(f"bad memory limit {text!r}: a percentage must be in (0, 100]")
        size = int(ram * share)
    else:
        match = _SIZE.fullmatch(value)
        if match is None:
            raise ValueError(
                f"bad memory limit {text!r}: expected a size such as 4G or 512M, "
                "a percentage such as 50%, or none"
            )
        size = int(float(match[1]) * _UNITS[match[2].lower()])
    if size < MINIMUM:
        raise ValueError(f"memory limit {text!r} is below the minimum of {_human(MINIMUM)}")
    return size


def default_limit() -> int | None:
    ram = physical_memory()
    return None if ram is None else max(MINIMUM, int(ram * DEFAULT_FRACTION))


def memory_limit(argv: Sequence[str], environ: Mapping[str, str]) -> int | None:
    """The bound asked for: the global option (before the command), else the environment
    variable, else the default. None: unbounded."""
    for i, arg in enumerate(argv):
        if not arg.startswith("-"):
            break  # the command's name: its own options are not ours
        if arg == OPTION and i + 1 < len(argv):
            return parse_size(argv[i + 1])
        if arg.startswith(OPTION + "="):
            return parse_size(arg.split("=", 1)[1])
    if environ.get(ENV_VAR):
        return parse_size(environ[ENV_VAR])
    return default_limit()


def _human(size: int) -> str:
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20)):
        if size >= factor:
            return f"{size / factor:.3g} {unit}"
    return f"{size} bytes"


def memory_message(limit: int) -> str:
    return (
        f"error: stopped at the memory bound of {_human(limit)}; raise it with "
        f"`secgraph {OPTION} SIZE ...` or {ENV_VAR} (none: unbounded)\n"
    )


def _run_cli() -> None:
    from secgraph.cli import app  # noqa: PLC0415 - after the fork: the child pays for it

    app()


def main() -> None:
    """Entry point of the ``secgraph`` script."""
    try:
        limit = memory_limit(sys.argv[1:], os.environ)
    except ValueError as exc:
        sys.stderr.write(f"error: {exc}\n")
        sys.exit(2)
    if limit is None or not hasattr(os, "fork"):
        _run_quietly(None, None)
        return
    stderr_read, stderr_write = os.pipe()
    alive_read, alive_write = os.pipe()  # closed when the supervisor ends, however it ends
    child = [0]

    def forward(signum: int, _frame: object) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(child[0], signum)

    # Before the fork, so no signal finds the supervisor without them. A terminal's Ctrl-C
    # reaches both processes, `kill -INT` only this one: it is forwarded, and the child takes
    # two within a second as one. The signals are blocked across the fork: one sent to the
    # child before it has put back its own handlers waits for them (else the supervisor's
    # handler, copied into the child, would swallow it), and one sent to the supervisor
    # before it knows the child's pid waits for that.
    forwarded = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {signum: signal.signal(signum, forward) for signum in forwarded}
    signal.pthread_sigmask(signal.SIG_BLOCK, forwarded)
    pid = os.fork()
    if pid == 0:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, forwarded)
        os.close(stderr_read)
        os.close(alive_write)
        _child(limit, stderr_write, alive_read)
        return
    child[0] = pid
    signal.pthread_sigmask(signal.SIG_UNBLOCK, forwarded)
    os.close(stderr_write)
    os.close(alive_read)
    sys.exit(_supervise(pid, stderr_read, limit))


def _child(limit: int, stderr_pipe: int, alive: int) -> None:
    import resource  # noqa: PLC0415 - POSIX only, and only here

    _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard == resource.RLIM_INFINITY or limit < hard:
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    _die_with_supervisor(alive)
    # Python writes to a copy of the real stderr; fd 2 (Rust, worker processes) to the parent.
    terminal = os.dup(2)
    os.dup2(stderr_pipe, 2)
    os.close(stderr_pipe)
    sys.stderr.flush()
    sys.stderr = open(  # noqa: SIM115 - lives as long as the process
        terminal, "w", encoding="utf-8", errors="backslashreplace", buffering=1, closefd=True
    )
    _run_quietly(limit, terminal)


def _run_quietly(limit: int | None, terminal: int | None) -> None:
    """The CLI; Ctrl-C outside a command's own handling exits 130 without a traceback, and a
    second Ctrl-C within a second (a terminal's, then the supervisor's copy) is one."""
    last = 0.0

    def interrupt(_signum: int, _frame: object) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= 1.0:
            last = now
            raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupt)
    try:
        _run_cli()
    except KeyboardInterrupt:
        sys.exit(130)
    except MemoryError:
        if limit is None or terminal is None:
            raise
        os.write(terminal, memory_message(limit).encode())
        os._exit(EXIT_MEMORY)


def _die_with_supervisor(alive: int) -> None:
    """A killed supervisor (SIGKILL) takes the command with it: the pipe it held closes."""
    import threading  # noqa: PLC0415 - the CLI imports it anyway

    def watch() -> None:
        os.read(alive, 1)  # b"" once the supervisor is gone
        os.kill(os.getpid(), signal.SIGKILL)

    threading.Thread(target=watch, daemon=True, name="secgraph-supervisor-watch").start()


def _supervise(pid: int, stderr_pipe: int, limit: int) -> int:
    """Wait for the child, relaying its fd-2 output; its exit code, or a one-line error."""
    out_of_memory = _relay(pid, stderr_pipe)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        signum = os.WTERMSIG(status)
        if signum == signal.SIGABRT and out_of_memory:
            sys.stderr.write(memory_message(limit))
            return EXIT_MEMORY
        if signum != signal.SIGINT:
            sys.stderr.write(f"error: secgraph was stopped by {signal.Signals(signum).name}\n")
        return 128 + signum
    return os.waitstatus_to_exitcode(status)


def _relay(pid: int, stderr_pipe: int) -> bool:
    """Copy the child's fd 2 to ours line by line until the child ends (not until every
    worker it started has closed the pipe). True if Rust reported a failed allocation."""
    out_of_memory = False
    pending = b""

    def emit(data: bytes) -> None:
        nonlocal out_of_memory, pending
        lines = (pending + data).split(b"\n")
        pending = lines.pop()
        for line in lines:
            # After a failed allocation Rust aborts, perhaps with a backtrace: drop it all.
            out_of_memory = out_of_memory or _RUST_OOM.match(line) is not None
            if not out_of_memory:
                _write_err(line + b"\n")

    try:
        exited = os.pidfd_open(pid)
    except (AttributeError, OSError):  # not Linux >= 5.3: read to the end of the pipe
        exited = -1
    watched = [stderr_pipe] if exited < 0 else [stderr_pipe, exited]
    while True:
        ready, _, _ = select.select(watched, [], [])
        if stderr_pipe in ready:
            chunk = os.read(stderr_pipe, 65536)
            if not chunk:
                break
            emit(chunk)
        elif exited in ready:  # the child is gone: take what it left, then stop
            os.set_blocking(stderr_pipe, False)
            try:
                while chunk := os.read(stderr_pipe, 65536):
                    emit(chunk)
            except BlockingIOError:
                pass
            break
    if exited >= 0:
        os.close(exited)
    os.close(stderr_pipe)
    if _RUST_OOM.match(pending):
        out_of_memory = True
    elif pending and not out_of_memory:
        _write_err(pending)
    return out_of_memory


def _write_err(data: bytes) -> None:
    with contextlib.suppress(OSError):
        os.write(2, data)
