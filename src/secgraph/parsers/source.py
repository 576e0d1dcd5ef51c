"""The bytes of one input file, decoded once, with the checks every parser relies on."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from secgraph.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
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
        p = Path(path)
        size = p.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise UnsafeDocumentError(
                f"file is {size} bytes, over the {MAX_INPUT_BYTES}-byte limit", source=str(p)
            )
        return cls(str(p), p.read_bytes())

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def check(self) -> None:
        """Raise if the bytes cannot be a filing at all (empty, binary, unsupported encoding)."""
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
