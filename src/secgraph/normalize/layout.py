"""Page layout of text converted from PDFs and web forms: lines, cells, labels, tables.

Converted filings keep a form's boxes as tab-separated cells (web-page and most PDF
conversions) or as markdown pipe rows, print a box's label *below* its value (``(City)
(State) (Zip)`` under ``WALTHAM MA 02451``) and wrap long values over several lines. These
helpers read such a layout generically; they know nothing of any one form.

Every piece keeps its place: a :class:`Line` knows its 1-based number and the offset of its
first character in the whole text, and a :class:`Cell` the offsets of its (stripped) text, so
``text[cell.start:cell.end] == cell.text`` and a parser can record a span for every value.

Public API: :class:`Line`, :class:`Lines` and :func:`lines_of` (from
:mod:`secgraph.normalize.lines`), :class:`Cell`, :func:`split_cells`,
:func:`sub_cell`, :func:`find_line`, :func:`nearest_above`, :func:`nearest_below`,
:func:`is_parenthetical_label`,
:func:`text_before_label`, :func:`join_wrapped`, :func:`block_between`, :func:`merge_rows`,
:func:`align_cells`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from secgraph.normalize.lines import Line, Lines, lines_of

__all__ = [
    "Cell",
    "Line",
    "Lines",
    "align_cells",
    "block_between",
    "find_line",
    "is_parenthetical_label",
    "join_wrapped",
    "lines_of",
    "merge_rows",
    "nearest_above",
    "nearest_below",
    "split_cells",
    "sub_cell",
    "text_before_label",
]


@dataclass(frozen=True, slots=True)
class Cell:
    """A stripped piece of a line. ``start``/``end`` are offsets in the whole text; ``index``
    is the cell's column position in its line (0-based); ``line`` the 1-based line number.
    An empty cell has ``start == end`` at the place it would be."""

    text: str
    start: int
    end: int
    index: int
    line: int


def _strip_piece(text: str, start: int) -> tuple[str, int, int]:
    left = len(text) - len(text.lstrip())
    stripped = text.strip()
    return stripped, start + left, start + left + len(stripped)


_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_MULTI_SPACE = re.compile(r" {2,}")


def split_cells(line: Line, sep: str | None = None) -> list[Cell]:
    """Cut a line into cells, keeping each cell's offsets.

    ``sep`` is ``"\\t"``, ``"|"`` or ``"  "`` (two or more spaces, as ``pdftotext -layout``
    aligns columns). ``None`` chooses: tabs when the line has one, pipes when it is a markdown
    table row (``| a | b |``, whose outer pipes open no cell), else the whole line is one cell.
    """
    text = line.text
    if sep is None:
        if "\t" in text:
            sep = "\t"
        elif _PIPE_ROW.match(text):
            sep = "|"
        else:
            stripped, start, end = _strip_piece(text, line.offset)
            return [Cell(stripped, start, end, 0, line.number)]
    pieces: list[tuple[str, int]] = []
    if sep == "  ":
        position = 0
        for m in _MULTI_SPACE.finditer(text):
            pieces.append((text[position : m.start()], position))
            position = m.end()
        pieces.append((text[position:], position))
    else:
        position = 0
        for piece in text.split(sep):
            pieces.append((piece, position))
            position += len(piece) + len(sep)
        if sep == "|" and _PIPE_ROW.match(text):
            pieces = pieces[1:-1]
    cells: list[Cell] = []
    for index, (piece, position) in enumerate(pieces):
        stripped, start, end = _strip_piece(piece, line.offset + position)
        cells.append(Cell(stripped, start, end, index, line.number))
    return cells


def sub_cell(cell: Cell, start: int, end: int) -> Cell:
    """The stripped part ``cell.text[start:end]`` as a cell with its own offsets."""
    stripped, s, e = _strip_piece(cell.text[start:end], cell.start + start)
    return Cell(stripped, s, e, cell.index, cell.line)


def find_line(
    lines: Sequence[Line], pattern: re.Pattern[str], start: int = 0, stop: int | None = None
) -> int | None:
    """Index (in ``lines``) of the first line from ``start`` whose text matches ``pattern``."""
    for i in range(start, len(lines) if stop is None else min(stop, len(lines))):
        if pattern.search(lines[i].text):
            return i
    return None


def nearest_above(
    lines: Sequence[Line],
    index: int,
    *,
    limit: int = 3,
    stop: Callable[[Line], bool] | None = None,
) -> int | None:
    """Index of the closest non-blank line above ``lines[index]`` (looking at most ``limit``
    lines up, blank ones included). When ``stop`` says that line is itself a label or a
    boundary, the value is missing and the result is None."""
    for i in range(index - 1, max(index - 1 - limit, -1), -1):
        if lines[i].blank:
            continue
        if stop is not None and stop(lines[i]):
            return None
        return i
    return None


def nearest_below(lines: Sequence[Line], index: int, *, limit: int = 3) -> int | None:
    """Index of the closest non-blank line below ``lines[index]`` (at most ``limit`` down)."""
    for i in range(index + 1, min(index + 1 + limit, len(lines))):
        if not lines[i].blank:
            return i
    return None


_PAREN_GROUP = re.compile(r"\([^()]*\)")


def is_parenthetical_label(text: str) -> bool:
    """True for a cell made only of parenthesised labels: ``(City) (State) (Zip)``,
    ``(Month/Day/Year)``, ``(Street)``. Such cells name a value; they never hold one."""
    stripped = text.strip()
    if not stripped.startswith("("):
        return False
    return not _PAREN_GROUP.sub("", stripped).strip(" ,.")


def text_before_label(cell: Cell, label: str) -> Cell | None:
    """The value printed before an inline label in the same cell: ``C/O TECOGEN INC. 45 FIRST
    AVENUE (Street)`` -> ``C/O TECOGEN INC. 45 FIRST AVENUE``. None when the label is absent
    or nothing precedes it."""
    at = cell.text.find(label)
    if at <= 0:
        return None
    piece = sub_cell(cell, 0, at)
    return piece if piece.text else None


_SOFT_HYPHEN_BREAK = re.compile(r"([A-Za-z])-\s*\n\s*([a-z])")
_HYPHEN_BREAK = re.compile(r"([A-Za-z0-9])-[ \t]*\n\s*([A-Z0-9])")


def join_wrapped(parts: Sequence[str]) -> str:
    """Join the lines of one wrapped value with single spaces, healing words hyphenated at a
    line end (``Deriva-`` + ``tive`` -> ``Derivative``; ``Non-`` + ``Qualified`` stays
    ``Non-Qualified`` because the next part starts with a capital, and ``FF-`` + ``VII``
    and ``10b5-`` + ``1`` are one word)."""
    text = "\n".join(p.strip() for p in parts if p.strip())
    text = _SOFT_HYPHEN_BREAK.sub(r"\1\2", text)
    # A line broken after a word's own hyphen ("FF-" / "VII", "10b5-" / "1"): one word.
    text = _HYPHEN_BREAK.sub(r"\1-\2", text)
    return " ".join(text.split())


def block_between(
    lines: Sequence[Line],
    start: re.Pattern[str],
    ends: Sequence[re.Pattern[str]],
    *,
    first: int = 0,
) -> tuple[int, int] | None:
    """The lines of a section: from the line after the first match of ``start`` (at or after
    ``first``) up to, not including, the first later line that matches any of ``ends`` (or
    the end of the text). Returns ``(begin, end)`` indices, or None when ``start`` is absent.
    """
    head = find_line(lines, start, first)
    if head is None:
        return None
    for i in range(head + 1, len(lines)):
        if any(p.search(lines[i].text) for p in ends):
            return head + 1, i
    return head + 1, len(lines)


def merge_rows(
    rows: Sequence[Sequence[Cell]], keep: Callable[[Cell], bool] | None = None
) -> list[Cell]:
    """Fold physical lines that make one logical table row into one list of cells, column by
    column: a column takes the kept, non-empty cells of every line, in order, joined by a
    space (identical repeats are kept once). Used when a conversion spreads a row's values
    over lines interleaved with pieces of a broken header; ``keep`` drops those pieces."""
    width = max((len(r) for r in rows), default=0)
    merged: list[Cell] = []
    for index in range(width):
        found = [
            r[index]
            for r in rows
            if index < len(r) and r[index].text and (keep is None or keep(r[index]))
        ]
        unique: list[Cell] = []
        for cell in found:
            if all(cell.text != u.text for u in unique):
                unique.append(cell)
        if not unique:
            line = rows[0][index].line if index < len(rows[0]) else rows[0][0].line
            at = rows[0][index].start if index < len(rows[0]) else rows[0][-1].end
            merged.append(Cell("", at, at, index, line))
        elif len(unique) == 1:
            merged.append(unique[0])
        else:
            # The span runs from the first piece to the last; the text reads them in order.
            merged.append(
                Cell(
                    " ".join(c.text for c in unique),
                    unique[0].start,
                    unique[-1].end,
                    index,
                    unique[0].line,
                )
            )
    return merged


def align_cells(
    cells: Sequence[Cell],
    fields: Sequence[tuple[str, Callable[[str], bool]]],
    positions: Sequence[int] | None = None,
) -> tuple[dict[str, Cell], list[Cell]]:
    """Assign a table row's non-empty cells to the table's fields, in order.

    ``fields`` lists the columns left to right as ``(name, accepts)``; ``accepts(text)`` says
    whether a cell's text can be that column's value. Conversions drop empty columns, add
    pieces of a broken header or shift a row, so position alone cannot be trusted; types alone
    cannot either (a share count fits three columns). The assignment keeps the cells' order and
    maximises, in this priority: the number of cells placed, then agreement with position
    (a cell whose ``index`` equals its column's position), then neighbours staying neighbours
    (consecutive cells in consecutive columns, so a number just left of the ownership-form
    column is the holding, not the transaction amount). Ties go to the leftmost column.

    ``positions`` gives each field's column index when ``fields`` is a subset of a table's
    columns (default: 0, 1, 2...).

    Returns ``(assigned, leftovers)``: field name -> cell, and the non-empty cells that fit no
    column (a caller reports them; it never drops them silently).
    """
    where = list(range(len(fields))) if positions is None else list(positions)
    items = [c for c in cells if c.text]
    n_fields = len(fields)
    unset = -(10**9)
    # best[i][j]: best score with the first i cells handled and the last one placed in column
    # j - 1 (j == 0: none placed yet).
    best = [[unset] * (n_fields + 1) for _ in range(len(items) + 1)]
    back: dict[tuple[int, int], tuple[int, int, bool]] = {}
    best[0][0] = 0
    for i, cell in enumerate(items):
        for j in range(n_fields + 1):
            score = best[i][j]
            if score == unset:
                continue
            if score > best[i + 1][j]:  # leave the cell unplaced
                best[i + 1][j] = score
                back[(i + 1, j)] = (i, j, False)
            for k in range(j, n_fields):
                _, accepts = fields[k]
                if not accepts(cell.text):
                    continue
                gain = (
                    100
                    + (3 if cell.index == where[k] else 0)
                    + (2 if j > 0 and k == j and where[k] == where[j - 1] + 1 else 0)
                )
                if score + gain > best[i + 1][k + 1]:
                    best[i + 1][k + 1] = score + gain
                    back[(i + 1, k + 1)] = (i, j, True)
    last = len(items)
    j = max(range(n_fields + 1), key=lambda col: (best[last][col], -col))
    assigned: dict[str, Cell] = {}
    leftovers: list[Cell] = []
    i = last
    while i > 0:
        prev_i, prev_j, placed = back[(i, j)]
        if placed:
            assigned[fields[j - 1][0]] = items[i - 1]
        else:
            leftovers.append(items[i - 1])
        i, j = prev_i, prev_j
    leftovers.reverse()
    return assigned, leftovers
