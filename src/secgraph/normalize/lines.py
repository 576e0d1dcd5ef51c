"""The lines of a text, each with its number and offset, made when read.

A list of :class:`Line` objects costs about 170 bytes a line (the object, its string, two
integers), 30 times a six-byte line: the short-line text conversion of issue 14 used 50 times
its size in memory. :class:`Lines` keeps the text and one 8-byte start offset per line, and
makes a :class:`Line` only when one is read.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, islice
from typing import overload

__all__ = ["Line", "LineTexts", "Lines", "join_lines", "lines_of", "split_lines"]

# The text is cut into pieces of this many characters to find its newlines, so no list of
# every line is ever built.
_PIECE = 1 << 16
# Lines read at once by :meth:`Lines.texts`.
_BATCH = 4096


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a text: 1-based ``number``, its ``text`` (no newline), and ``offset``, the
    index of its first character in the whole text."""

    number: int
    text: str
    offset: int

    @property
    def blank(self) -> bool:
        return not self.text.strip()


class Lines(Sequence[Line]):
    """The lines of ``text`` split on ``\\n`` (a trailing ``\\r`` is dropped from each line,
    so offsets stay those of ``text``), as a read-only sequence of :class:`Line`."""

    __slots__ = ("_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        starts = array("q", [0])
        for base in range(0, len(text), _PIECE):
            ends = text[base : base + _PIECE].split("\n")[:-1]  # pieces that end in "\n"
            starts.extend(islice(accumulate((len(e) + 1 for e in ends), initial=base), 1, None))
        self._starts = starts

    def __len__(self) -> int:
        return len(self._starts)

    def _line(self, i: int) -> Line:
        start = self._starts[i]
        end = self._starts[i + 1] - 1 if i + 1 < len(self._starts) else len(self._text)
        if end > start and self._text[end - 1] == "\r":
            end -= 1
        return Line(i + 1, self._text[start:end], start)

    @overload
    def __getitem__(self, index: int) -> Line: ...

    @overload
    def __getitem__(self, index: slice) -> list[Line]: ...

    def __getitem__(self, index: int | slice) -> Line | list[Line]:
        if isinstance(index, slice):
            return [self._line(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("line index out of range")
        return self._line(index)

    def __iter__(self) -> Iterator[Line]:
        return self.scan(0)

    def scan(self, start: int, stop: int | None = None) -> Iterator[Line]:
        """The lines from index ``start`` up to ``stop`` (the end), one at a time."""
        starts = self._starts
        for i, text in enumerate(self.texts(start, stop), start=max(start, 0)):
            yield Line(i + 1, text, starts[i])

    @property
    def starts(self) -> Sequence[int]:
        """Where each line starts in the text (read-only)."""
        return self._starts

    def texts(self, start: int = 0, stop: int | None = None) -> Iterator[str]:
        """The text of each line from index ``start`` up to ``stop``: what a scan for a
        pattern needs, split a batch of lines at a time (no :class:`Line` made)."""
        text, starts = self._text, self._starts
        stop = len(starts) if stop is None else min(stop, len(starts))
        i = max(start, 0)
        while i < stop:
            j = min(i + _BATCH, stop)
            end = starts[j] - 1 if j < len(starts) else len(text)
            batch = text[starts[i] : end].split("\n")
            if "\r" in text[starts[i] : end]:
                batch = [t[:-1] if t.endswith("\r") else t for t in batch]
            yield from batch
            i = j


class LineTexts(Sequence[str]):
    """The texts of :class:`Lines`, by index: what a list of ``text.split("\\n")`` gives,
    without its 60 bytes a line."""

    __slots__ = ("_lines",)

    def __init__(self, lines: Lines) -> None:
        self._lines = lines

    def __len__(self) -> int:
        return len(self._lines)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [line.text for line in self._lines[index]]
        return self._lines[index].text

    def __iter__(self) -> Iterator[str]:
        return self._lines.texts()


def split_lines(text: str) -> Iterator[str]:
    """``text.split("\\n")``, one line at a time: the text is split a piece (about 64 Ki
    characters, cut at a newline) at a time, so no list of every line is built (such a list
    of a 64 MiB text of short lines takes GiBs)."""
    start = 0
    while True:
        cut = text.find("\n", start + _PIECE)
        if cut < 0:
            yield from text[start:].split("\n")
            return
        yield from text[start:cut].split("\n")
        start = cut + 1


def join_lines(lines: Iterable[str]) -> str:
    """``"\\n".join(lines)``, joining a batch of lines at a time (see :func:`split_lines`)."""
    chunks: list[str] = []
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) == _BATCH:
            chunks.append("\n".join(batch))
            batch = []
    if batch or not chunks:
        chunks.append("\n".join(batch))
    return "\n".join(chunks)


def lines_of(text: str) -> Lines:
    """The lines of ``text`` (see :class:`Lines`)."""
    return Lines(text)
