"""The normalized text of a converted Form 3/4/5, its lines and cells, and small readers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from secgraph.models import (
    ParseWarning,
    Span,
)
from secgraph.normalize.converted import (
    drop_stray_bold,
    merge_boxed_rows,
    normalize_converted_line,
    unmangle,
)
from secgraph.normalize.dates import parse_date
from secgraph.normalize.layout import (
    Cell,
    Lines,
    split_cells,
    sub_cell,
)
from secgraph.normalize.lines import join_lines, split_lines
from secgraph.normalize.markup import normalize_markup, strip_bold
from secgraph.normalize.text import clean_text
from secgraph.parsers.html_text import tables_as_text

# --------------------------------------------------------------------------- the document


@dataclass
class Doc:
    """The normalized text, its lines, and what parsing learnt about it."""

    text: str
    lines: Lines
    warnings: list[ParseWarning] = field(default_factory=list)
    # The tables' lines as converted (line number -> text), before their column gaps became
    # tabs: where each cell sits on the page, for a cell wrapped over several lines.
    raw: dict[int, str] = field(default_factory=dict)
    # The lines above the tables (the boxes) the same way, their unicode cleaned: where each
    # box's values sit under its labels.
    head: dict[int, str] = field(default_factory=dict)

    def cells(self, i: int) -> list[Cell]:
        return split_cells(self.lines[i])

    def span(self, cell: Cell) -> Span:
        return Span(line=cell.line, start=cell.start, end=cell.end)

    def line_span(self, i: int) -> Span:
        line = self.lines[i]
        return Span(line=line.number, start=line.offset, end=line.offset + len(line.text))

    def warn(self, code: str, message: str, span: Span | None = None) -> None:
        self.warnings.append(ParseWarning(code=code, message=message, span=span))

    def find(self, pattern: re.Pattern[str], start: int = 0, stop: int | None = None) -> int | None:
        for i, text in enumerate(self.lines.texts(start, stop), start=start):
            if pattern.search(text):
                return i
        return None

    def cell_at(self, i: int, pattern: re.Pattern[str]) -> tuple[Cell, re.Match[str]] | None:
        for cell in self.cells(i):
            m = pattern.search(cell.text)
            if m:
                return cell, m
        return None


_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_NEWLINES = re.compile(r"[\r\n\u2028\u2029\x85\x0b\x0c]")


def _normalize_line(raw: str) -> str:
    # Markup first: an <input> becomes "[X]"/"[ ]" and "\\$" becomes "$" before unicode
    # folding; bold and heading markers carry no meaning in these forms and are dropped.
    line = clean_text(normalize_markup(raw))
    line = _HEADING.sub("", drop_stray_bold(strip_bold(line)))
    return _NEWLINES.sub(" ", line)


_TABLES_START = re.compile(r"Table\s+I\s*[-–—]", re.IGNORECASE)
_TABLES_END = re.compile(r"Explanation\s+of\s+Responses", re.IGNORECASE)


def _raw_lines(text: str) -> Iterator[str]:
    """The lines of ``text`` (its newlines ``\\n``), mojibake undone, one at a time."""
    return map(unmangle, split_lines(text))


def _table_rows(text: str) -> tuple[int, list[str]]:
    """Where the two tables start (a line index) and their lines, a box-drawn table's
    wrapped rows rebuilt (only inside the tables: the boxes above them share borders but
    are read line by line); ``(0, [])`` without tables."""
    start: int | None = None
    rows: list[str] = []
    for i, line in enumerate(_raw_lines(text)):
        if start is None:
            if not _TABLES_START.search(line.replace("_", " ")):  # html2text: "Table_I_-"
                continue
            start = i
        if _TABLES_END.search(line):
            break
        rows.append(line)
    return (0, []) if start is None else (start, merge_boxed_rows(rows))


def prepare(text: str) -> Doc:
    text = tables_as_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    start, rows = _table_rows(text)
    end = start + len(rows)
    # Each line's converter habits are undone, then its markup and unicode; no list of every
    # line is built (issue 14: a 64 MiB text of short lines would take GiBs). Inside the
    # tables a deep indent is an empty first column.
    normalized = join_lines(
        _normalize_line(
            normalize_converted_line(
                rows[i - start] if start <= i < end else raw,
                indent_is_cell=bool(rows) and start <= i,
            )
        )
        for i, raw in enumerate(_raw_lines(text))
    )
    raw = {start + 1 + k: _positioned(line) for k, line in enumerate(rows)}
    return Doc(normalized, Lines(normalized), raw=raw, head=_head(text, start if rows else None))


def _positioned(line: str) -> str:
    """A raw line with its unicode cleaned (look-alike letters: "Сommon") where that keeps
    every character in its column, so its words are found where the normalized line has
    them; else as converted."""
    cleaned = clean_text(line)
    return cleaned if len(cleaned) == len(line) else line


_HEAD_LINES = 400  # the boxes are printed above the tables, on the first page


def _head(text: str, tables: int | None) -> dict[int, str]:
    """The lines above the tables (at most :data:`_HEAD_LINES`) by line number, mojibake
    undone and unicode cleaned but their spaces kept (a layout's positions)."""
    stop = _HEAD_LINES if tables is None else min(tables, _HEAD_LINES)
    head: dict[int, str] = {}
    for i, line in enumerate(_raw_lines(text)):
        if i >= stop:
            break
        head[i + 1] = _positioned(line)
    return head


# --------------------------------------------------------------------------- small readers

DATE_TEXT = re.compile(
    r"\b(?:\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4})\b"
)
NUMBERED_LABEL = re.compile(r"^\d{1,2}[A-Z]?\.\s*\S")


def dates_in(cell: Cell) -> list[tuple[Cell, dt.date]]:
    """Whole dates printed in a cell, each with its own sub-cell (offsets) and value."""
    found: list[tuple[Cell, dt.date]] = []
    for m in DATE_TEXT.finditer(cell.text):
        value = parse_date(m.group(0))
        if value is not None:
            found.append((sub_cell(cell, m.start(), m.end()), value))
    return found


def date_after_label(doc: Doc, label: re.Pattern[str], *, lines_after: int = 3) -> Cell | None:
    """The first whole date printed after a box label: in the rest of the label's cell, or in
    the next few lines (right of the label's column, never inside another numbered box)."""
    i = doc.find(label)
    if i is None:
        return None
    found = doc.cell_at(i, label)
    if found is None:
        return None
    cell, m = found
    rest = sub_cell(cell, m.end(), len(cell.text))
    dates = dates_in(rest)
    if dates:
        return dates[0][0]
    for j in range(i + 1, min(i + 1 + lines_after, len(doc.lines))):
        for other in doc.cells(j):
            if other.index < cell.index - 1 or NUMBERED_LABEL.match(other.text):
                continue
            dates = dates_in(other)
            # A cell that is (nearly) only a date; not a sentence that mentions one.
            if dates and len(dates[0][0].text) >= len(other.text) - 20:
                return dates[0][0]
    return None


_GROUP = re.compile(r"\S+(?: \S+)*")  # a layout's cell: words one space apart


def column_below(doc: Doc, label: re.Pattern[str], *, lines_after: int = 8) -> list[Cell] | None:
    """The cells printed under a box label in a layout conversion (pdftotext -layout), read
    by position, in reading order: those starting in the label's column (from the label's
    first word to the next box's label on its line), the lines of other boxes between them
    passed over, up to the next numbered label in the column (the next box). None when the
    page's positions are not kept (:attr:`Doc.head`) or a cell is not found in its line."""
    i = doc.find(label)
    if i is None:
        return None
    raw = doc.head.get(doc.lines[i].number)
    m = label.search(raw) if raw is not None and "\t" not in raw else None
    if raw is None or m is None:
        return None
    group = next((g for g in _GROUP.finditer(raw) if g.start() <= m.start() < g.end()), None)
    if group is None:
        return None
    left = group.start()
    after = next((g for g in _GROUP.finditer(raw) if g.start() >= group.end()), None)
    right = after.start() if after is not None else 10**6
    found: list[Cell] = []
    for j in range(i + 1, min(i + 1 + lines_after, len(doc.lines))):
        below = doc.head.get(doc.lines[j].number)
        if below is None or "\t" in below:
            return None
        for g in _GROUP.finditer(below):
            if g.start() < left - 2 or g.start() >= right:
                continue
            if NUMBERED_LABEL.match(g.group()):
                return found
            line = doc.lines[j]
            at = line.text.find(g.group())
            if at < 0 or line.text.find(g.group(), at + 1) >= 0:
                return None
            whole = Cell(line.text, line.offset, line.offset + len(line.text), 0, line.number)
            found.append(sub_cell(whole, at, at + len(g.group())))
    return found


def date_by_position(doc: Doc, label: re.Pattern[str]) -> Cell | None:
    """The date printed under a box label, read by position (:func:`column_below`): the
    first cell under the label that holds only a date."""
    for cell in column_below(doc, label) or []:
        if DATE_TEXT.fullmatch(cell.text) and parse_date(cell.text) is not None:
            return cell
    return None


def join_cells(cells: list[Cell]) -> Cell | None:
    """Cells read as one value: their texts joined by a space, the span from first to last."""
    if not cells:
        return None
    text = " ".join(c.text for c in cells)
    return Cell(text, cells[0].start, cells[-1].end, cells[0].index, cells[0].line)


TABLE_TITLE = re.compile(r"^\s*Table\s+I{1,2}\s*[-–—]", re.IGNORECASE)
