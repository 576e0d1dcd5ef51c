"""Walking inputs and parsing many files: a bad file is reported, the batch goes on.

Only regular files are read. A FIFO, socket or device, a symbolic link loop or a broken
link, a folder that cannot be listed or a file that vanished is reported once, by path, and
the batch goes on: reading a FIFO would block forever, and the good file beside a bad one must
still load. A path named on the command line that does not exist is a bad setup (a typo):
:class:`~secgraph.errors.SetupError` before any work.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from secgraph.errors import InputError, SetupError, UnreadableInputError
from secgraph.models import ParsedFiling
from secgraph.parsers import Source, detect
from secgraph.parsers.registry import parse_with
from secgraph.parsers.source import display_name, file_kind

# Files a folder walk never offers to the parsers (sidecars, not filings).
_SKIP_NAMES = frozenset({"MANIFEST.tsv", "EXPECTED_ERRORS.tsv", "README.md", ".DS_Store"})


@dataclass(frozen=True)
class Unreadable:
    """An input path that is not offered to the parsers, and why."""

    path: Path
    reason: str

    @property
    def error(self) -> UnreadableInputError:
        return UnreadableInputError(self.reason, source=display_name(self.path))


def _problem(path: Path, exc: OSError) -> Unreadable:
    if exc.errno == errno.ELOOP:
        return Unreadable(path, "symbolic link loop: skipped")
    if exc.errno == errno.ENOENT:
        if os.path.islink(path):
            return Unreadable(path, "broken symbolic link: skipped")
        return Unreadable(path, "vanished before it was read: skipped")
    return Unreadable(path, f"cannot read: {exc.strerror or exc}")


def walk_inputs(paths: Iterable[str | Path]) -> Iterator[Path | Unreadable]:
    """Files given directly, and every file under the folders given (sorted, depth first,
    following symbolic links once), or an :class:`Unreadable` for a path that cannot be."""
    for raw in paths:
        path = Path(raw)
        try:
            info = path.stat()
        except FileNotFoundError as exc:
            if not os.path.islink(path):
                raise SetupError(f"{display_name(path)}: no such file or directory") from exc
            yield Unreadable(path, "broken symbolic link: skipped")
            continue
        except OSError as exc:
            yield _problem(path, exc)
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, {(info.st_dev, info.st_ino)})
        elif stat.S_ISREG(info.st_mode):
            yield path
        else:
            yield Unreadable(path, f"{file_kind(info.st_mode)}, not a regular file: skipped")


def _walk(folder: Path, ancestors: set[tuple[int, int]]) -> Iterator[Path | Unreadable]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM):
            yield Unreadable(folder, f"cannot read the folder: {exc.strerror}")
        else:
            yield _problem(folder, exc)
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name in _SKIP_NAMES:
            continue
        child = folder / entry.name
        try:
            info = entry.stat()  # follows a symbolic link
        except OSError as exc:
            yield _problem(child, exc)
            continue
        if stat.S_ISDIR(info.st_mode):
            key = (info.st_dev, info.st_ino)
            if key in ancestors:
                yield Unreadable(child, "symbolic link loop (a folder inside itself): skipped")
            else:
                yield from _walk(child, ancestors | {key})
        elif stat.S_ISREG(info.st_mode):
            yield child
        else:
            yield Unreadable(child, f"{file_kind(info.st_mode)}, not a regular file: skipped")


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The readable files of :func:`walk_inputs` (the others are dropped)."""
    for item in walk_inputs(paths):
        if isinstance(item, Path):
            yield item


@dataclass(frozen=True)
class Outcome:
    """The result for one file: a parsed filing, or the error that stopped it, and the name
    of the registry entry that recognised it (None when detection failed)."""

    path: Path
    parsed: ParsedFiling | None = None
    error: InputError | None = None
    parser: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def name(self) -> str:
        """The path as one printable line (:func:`~secgraph.parsers.source.display_name`)."""
        return display_name(self.path)


def parse_file(path: Path) -> Outcome:
    """Read, detect and parse one file. A bad file is an Outcome with an error; only a setup
    problem raises."""
    parser: str | None = None
    try:
        source = Source.from_path(path)
        entry = detect(source)
        parser = entry.name
        return Outcome(path, parsed=parse_with(entry, source), parser=parser)
    except SetupError:
        raise
    except InputError as exc:
        return Outcome(path, error=exc, parser=parser)
    except OSError as exc:
        return Outcome(path, error=_problem(path, exc).error)
    except Exception as exc:
        # A detector bug on an unforeseen layout fails this file, not the batch.
        reason = f"detection failed: {type(exc).__name__}: {exc}"
        return Outcome(path, error=InputError(reason, source=display_name(path)))


def parse_many(paths: Iterable[str | Path]) -> Iterator[Outcome]:
    for item in walk_inputs(paths):
        if isinstance(item, Unreadable):
            yield Outcome(item.path, error=item.error)
        else:
            yield parse_file(item)
