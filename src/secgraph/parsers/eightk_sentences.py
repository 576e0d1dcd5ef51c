"""The sentences of an 8-K, kept as offsets into its text and made one at a time when read.

The 8-K readers (:mod:`~secgraph.parsers.eightk_entities` and the modules beside it) pass over
the sentences of a filing several times. A list of sentence objects costs about 300 bytes a
sentence: 8-K text of many short lines, a sentence a line, took 56 times its size in memory
(issue 14). :class:`Sentences` keeps two 4-byte offsets a sentence and the item of each run
of sentences, and makes a :class:`Sentence` only while one is read.

Public API: :class:`Sentence`, :class:`Sentences`.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Collection, Iterator, Sequence
from typing import NamedTuple

from secgraph.models import Span

__all__ = ["Sentence", "Sentences"]


class Sentence(NamedTuple):
    """One sentence of the filing: its text, offset in the extractor's text, 1-based line and
    the item it belongs to. (A named tuple: made for every sentence on every pass over the
    filing, it costs a quarter of a frozen dataclass.)"""

    text: str
    start: int
    line: int
    item: str | None = None

    def span(self, a: int = 0, b: int | None = None) -> Span:
        end = len(self.text) if b is None else b
        return Span(line=self.line, start=self.start + a, end=self.start + end)


class Sentences:
    """The sentences of ``text``, in the order added; ``line_starts`` are the offsets where its
    lines start (the first is 0). A sentence's text is its slice of ``text`` with line breaks
    read as spaces (a paragraph set over several lines is one run of words)."""

    __slots__ = ("_ends", "_line_starts", "_runs", "_starts", "_text")

    def __init__(self, text: str, line_starts: Sequence[int]) -> None:
        self._text = text
        self._line_starts = line_starts
        # 4 bytes an offset while they fit (any text under 2 GiB; inputs stop at 64 MiB)
        code = "i" if len(text) < 2**31 else "q"
        self._starts = array(code)
        self._ends = array(code)
        # (first sentence index, end index, item): the sentences of one item are added together
        self._runs: list[tuple[int, int, str | None]] = []

    def add(self, start: int, end: int, item: str | None) -> None:
        """Add the sentence ``text[start:end]`` of ``item`` (after every sentence added)."""
        n = len(self._starts)
        self._starts.append(start)
        self._ends.append(end)
        if self._runs and self._runs[-1][2] == item and self._runs[-1][1] == n:
            first, _, _ = self._runs[-1]
            self._runs[-1] = (first, n + 1, item)
        else:
            self._runs.append((n, n + 1, item))

    def of_items(self, items: Collection[str]) -> Sentences:
        """The sentences of these items only (a view: nothing is copied)."""
        view = Sentences(self._text, self._line_starts)
        view._starts, view._ends = self._starts, self._ends
        view._runs = [run for run in self._runs if run[2] in items]
        return view

    def __len__(self) -> int:
        return sum(hi - lo for lo, hi, _ in self._runs)

    def __iter__(self) -> Iterator[Sentence]:
        text, starts, ends, line_starts = self._text, self._starts, self._ends, self._line_starts
        lines = len(line_starts)
        for lo, hi, item in self._runs:
            if lo == hi:
                continue
            # Sentences come in text order: the line of each is found by walking forward.
            line = bisect.bisect_right(line_starts, starts[lo])
            for k in range(lo, hi):
                start = starts[k]
                while line < lines and line_starts[line] <= start:
                    line += 1
                piece = text[start : ends[k]]
                if "\n" in piece:
                    piece = piece.replace("\n", " ")
                yield Sentence(piece, start, line, item)
