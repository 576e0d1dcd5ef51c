"""The bytes of one input file, decoded once, with the checks every parser relies on."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from secgraph.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    UnreadableInputError,
    UnsafeDocumentError,
)

# A filing larger than this is refused before parsing (EDGAR's own limit for a submission is
# far lower for the forms we read; a 10-K with exhibits can approach it).
MAX_INPUT_BYTES = 64 * 1024 * 1024

_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
)


def display_name(path: str | os.PathLike[str]) -> str:
    """A path as one printable line: control characters escaped (``\\n``, ``\\t``,
    ``\\x1b``) and the bytes of a name that is not UTF-8 written ``\\xNN``, so a report
    keeps one line per file and JSON, RDF and terminals get valid text. A plain name is
    returned as it is."""
    text = os.fspath(path)
    if text.isprintable():
        return text
    out: list[str] = []
    for char in text:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif char.isprintable():
            out.append(char)
        else:
            out.append(char.encode("unicode_escape").decode("ascii"))
    return "".join(out)


def file_kind(mode: int) -> str:
    """What a path that is not a regular file is, in words."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


@dataclass(frozen=True)
class Source:
    """One input: its name (a path or a label) and its bytes.

    ``text`` decodes UTF-8 (BOM allowed), else Windows-1252, the encoding of older EDGAR text.
    Empty, binary and UTF-16/32 input raise :class:`~secgraph.errors.InputError` subclasses
    naming the file.
    """

    name: str
    data: bytes
    notes: list[str] = field(default_factory=list, compare=False)

    @classmethod
    def from_path(cls, path: str | Path) -> Source:
        """Read a regular file (named by :func:`display_name`). Opened without blocking and
        checked after opening: a FIFO put where a file was is refused, never waited on."""
        name = display_name(path)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        with open(fd, "rb", closefd=True) as fh:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise UnreadableInputError(
                    f"{file_kind(info.st_mode)}, not a regular file: skipped", source=name
                )
            if info.st_size > MAX_INPUT_BYTES:
                raise UnsafeDocumentError(
                    f"file is {info.st_size} bytes, over the {MAX_INPUT_BYTES}-byte limit",
                    source=name,
                )
            data = fh.read(MAX_INPUT_BYTES + 1)  # a file growing while read stays bounded
        if len(data) > MAX_INPUT_BYTES:
            raise UnsafeDocumentError(f"file is over the {MAX_INPUT_BYTES}-byte limit", source=name)
        return cls(name, data)

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def check(self) -> None:
        """Raise if the bytes cannot be a filing at all (empty, binary, unsupported encoding)."""
        if len(self.data) > MAX_INPUT_BYTES:
            # from_path refuses such a file before reading it; bytes given to parse_bytes
            # are held to the same limit (the text readers' time and memory are measured to it)
            raise UnsafeDocumentError(
                f"input is {len(self.data)} bytes, over the {MAX_INPUT_BYTES}-byte limit",
                source=self.name,
            )
        if not self.data.strip():
            raise EmptyInputError("file is empty", source=self.name)
        head = self.data[:4096]
        if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (
            len(head) > 8 and head.count(b"\x00") > len(head) // 4
        ):
            raise EncodingError(
                "text is UTF-16 or UTF-32 encoded; EDGAR filings are ASCII, UTF-8 or "
                "Windows-1252 (re-save the file as UTF-8)",
                source=self.name,
            )
        for signature, what in _BINARY_SIGNATURES:
            if head.startswith(signature):
                raise BinaryInputError(f"file is binary ({what}), not a filing", source=self.name)
        if b"\x00" in head:
            raise BinaryInputError("file is binary (contains NUL bytes)", source=self.name)

    @cached_property
    def text(self) -> str:
        self.check()
        data = self.data[3:] if self.data.startswith(b"\xef\xbb\xbf") else self.data
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            try:
                decoded = data.decode("cp1252")
            except UnicodeDecodeError:
                line = data[: exc.start].count(b"\n") + 1
                raise EncodingError(
                    f"bytes at offset {exc.start} are neither UTF-8 nor Windows-1252",
                    source=self.name,
                    line=line,
                ) from exc
            self.notes.append("decoded as Windows-1252 (not valid UTF-8)")
            return decoded

    @cached_property
    def head(self) -> str:
        """The first 8 KiB as text, for detection. Never raises on a partial character."""
        self.check()
        return self.data[:8192].decode("utf-8", errors="replace")
