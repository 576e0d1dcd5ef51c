"""Rows of a page layout whose cells wrap above and below the row's values (pdftotext -layout).

A PDF of the SEC's rendering centres every cell of a table row vertically, so a title that
wraps over three lines prints one line above the line of the row's values and one below
(``Class A`` / ``Common  04/13/2022  S  100 ...`` / ``Stock``), and a title of two lines prints
one line above and one below a line of values of its own (``Common`` / ``  12/18/2012 ...`` /
``Stock``). Reading such a table line by line cuts every title in two and gives the next row
the piece below. Here the lines are put back into rows:

1. An *anchor* is a line holding the row's values (two value words, one with a digit: a
   date, an amount, a code beside a number); other lines are *pieces* of wrapped cells.
2. Pieces between two anchors go to the anchor above or below: a blank line between them
   is the row's border; without one, a centred row has as many lines of pieces below its
   values as above them, so the anchor above takes as many as it has above it, and the rest
   go to the anchor below. Anything else (more pieces needed than there are, pieces between
   two blank lines) is ambiguous: the table is refused rather than read wrong.
3. Within a row a piece joins the value cell it sits under or over, by its column position
   on the page (the raw line's characters); a piece that lies over no value starts a cell of
   its own there (``Common`` / ``Stock`` of an underlying security beside an amount). Without
   positions (a layout whose gaps became tabs, some lost), only pieces in the first column
   (a title's lines) can be placed.

Public API: :func:`wrapped_rows`, :func:`cell_columns`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from secgraph.normalize.layout import Cell, Line, split_cells, sub_cell
from secgraph.normalize.text import clean_text

__all__ = ["PAGE_BREAK", "cell_columns", "is_anchor", "wrapped_rows"]

_STRONG_HEADER = re.compile(r"^\d{1,2}[A-Z]?\.\s|\(Instr\.|Month/Day/Year", re.IGNORECASE)
# What a header broken over lines leaves on a line of its own: "4)", "(D)", "or", "V".
_CRUMB_WORD = re.compile(r"\(?[A-Za-z]{1,3}\)?[.,:]?|\(?\d\)|\(\d|[/(),.:\-]+")


def _crumb(text: str) -> bool:
    # word by word: one pattern over a long line backtracks without end
    words = text.split()
    return bool(words) and all(_CRUMB_WORD.fullmatch(w) for w in words)


# The text of a line a caller puts where a table's header is printed again on a new page.
PAGE_BREAK = "\f"
_MARKS = re.compile(r"^(?:\(\d{1,2}\)|\[\d{1,2}\])+$")
_VALUE_WORD = re.compile(
    r"^(?:\$?\(?[\d][\d,]*(?:\.\d+)?\)?|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}|[A-Z])"
    r"(?:\(\d{1,2}\)|\[\d{1,2}\])*,?$"
)


def _value_words(text: str) -> list[str]:
    return [w for w in text.split() if _VALUE_WORD.match(w) and not _MARKS.match(w)]


def is_anchor(cells: Sequence[Cell], indented: bool = False) -> bool:
    """A line holding a row's values: two value words beyond its first cell (a title may end
    with one, ``Class A``), at least one with a digit."""
    words = [w for c in cells[1:] for w in _value_words(c.text)]
    if not cells[0].text or len(cells) == 1 or indented:
        # (one cell: every gap lost, "Common Stock 3,909,607 I")
        words = [w for c in cells for w in _value_words(c.text)]
    return len(words) >= 2 and any(re.search(r"\d", w) for w in words)


def cell_columns(cells: Sequence[Cell], raw: str | None) -> list[tuple[int, int]] | None:
    """Each cell's columns on the page, ``(first, past the last)``, found in order in the raw
    line (before its gaps became tabs); None when the raw line has no positions (tabs) or a
    cell's text is not found there."""
    if raw is None or "\t" in raw:
        return None
    found: list[tuple[int, int]] = []
    at = 0
    for cell in cells:
        if not cell.text:
            found.append((at, at))
            continue
        words = cell.text.split()
        x0 = raw.find(words[0], at)
        if x0 < 0:
            return None
        x1 = x0 + len(words[0])
        for word in words[1:]:
            nxt = raw.find(word, x1)
            if nxt < 0:
                return None
            x1 = nxt + len(word)
        found.append((x0, x1))
        at = x1
    return found


@dataclass
class _Physical:
    cells: list[Cell]
    columns: list[tuple[int, int]] | None
    anchor: bool
    indented: bool  # the line does not start in the first column


def _one_row(upper: _Physical, lower: _Physical) -> bool:
    """Two lines of values that are one row's: the lower has no title and its values lie
    in other columns than the upper's (a row whose cells sit at two heights)."""
    if lower.cells[0].text or upper.columns is None or lower.columns is None:
        return False
    up = [x for c, x in zip(upper.cells, upper.columns, strict=True) if c.text]
    low = [x for c, x in zip(lower.cells, lower.columns, strict=True) if c.text]
    return not any(_over(a, b) or _over(b, a) for a in low for b in up)


def wrapped_rows(
    lines: Sequence[Line],
    raw: Mapping[int, str] | None,
    is_header: Callable[[list[Cell]], bool],
    skip: Callable[[str], bool],
    *,
    is_label: Callable[[str], bool] = lambda text: False,
    one_text_column: bool = False,
) -> list[list[Cell]] | str | None:
    """A table body's rows, each as one list of cells in page order (a wrapped cell's pieces
    joined in reading order), or a reason why its rows cannot be told apart, or None when the
    body has no wrapped cells (every row on one line: nothing to rebuild).
    ``is_label`` says whether a cell is a piece of the header; ``one_text_column``: the
    table has one text column after the title (Table I's nature of
    ownership), so without positions an indented piece of text is that column's."""
    items: list[_Physical | None] = []  # None: a blank line
    # Positions only where no line has a tab (a layout whose gaps are spaces).
    raw = raw or {}
    positioned = not any("\t" in raw.get(line.number, "\t") for line in lines if not line.blank)
    pages: set[int] = set()  # a new page's top: the table's header printed again
    headers: list[tuple[int, dict[str, int]]] = []  # each page's header: its labels' columns
    for line in lines:
        if line.text == PAGE_BREAK:
            pages.add(len(items))
        labels = _header_labels(raw.get(line.number)) if positioned else None
        if labels:
            headers.append((len(items), labels))
        if line.blank or skip(line.text):
            items.append(None)
            continue
        cells = split_cells(line)
        columns = cell_columns(cells, raw.get(line.number)) if positioned else None
        indented = line.text[:1].isspace()
        anchor = is_anchor(cells, indented) and not is_header(cells)
        items.append(_Physical(cells, columns, anchor, indented))

    def got(k: int) -> _Physical:
        item = items[k]
        assert item is not None
        return item

    anchors = [i for i, item in enumerate(items) if item is not None and item.anchor]
    if not anchors:
        return None
    # Rows of values: an anchor, or two on consecutive lines whose values are in other columns.
    blocks: list[list[int]] = []
    for a in anchors:
        last = blocks[-1][-1] if blocks else None
        between = [] if last is None else items[last + 1 : a]
        if last is not None and None not in between and _one_row(got(last), got(a)):
            blocks[-1].append(a)
        else:
            blocks.append([a])
    first = anchors[0]
    # Above the first row: its pieces are the lines just over it (up to a blank line); the
    # lines before are the header's.
    top = first
    while top > 0 and items[top - 1] is not None:
        top -= 1
    for k in range(top, first):
        item = items[k]
        if item is not None and is_header(item.cells):
            text = " ".join(c.text for c in item.cells if c.text)
            if not item.cells[0].text or _STRONG_HEADER.search(text):
                top = k + 1  # the header's last line ("(D)") right over the first row
    for item in items[:top]:
        if item is not None and not (
            is_header(item.cells) or all(_crumb(c.text) for c in item.cells if c.text)
        ):
            text = " ".join(c.text for c in item.cells if c.text)
            return f"a line above the first row that is no header ({text!r})"
    pieces = [
        item
        for item in items[top:]
        if item is not None and not item.anchor and not is_header(item.cells)
    ]
    if not any(all(not is_label(c.text) for c in p.cells) for p in pieces):
        # No line of wrapped values alone (only lines mixing values with a header's
        # labels, which the line-by-line reader drops): rows are lines.
        return None
    if not positioned:
        # Without positions a lost gap can run a title's piece and a nature's piece of the
        # same line together ("Class A Sequoia Capital"): only a table whose pieces are all
        # of one side (titles, or indented ones) is read.
        contents = [[c for c in p.cells if c.text] for p in pieces]
        if any(len(cells) > 1 for cells in contents):
            return "pieces of two wrapped cells on one line, with no columns"
        if len({p.indented or not p.cells[0].text for p in pieces}) > 1:
            return "wrapped titles and wrapped cells right of them, with no columns"
    groups: list[tuple[list[int], list[int], list[int]]] = []
    above = list(range(top, first))
    shapes: list[tuple[int, int]] = []  # lines above and below each row's values
    typical: tuple[int, int] | None = None
    for n, block in enumerate(blocks):
        inside = [k for k in range(block[0], block[-1] + 1) if items[k] is not None]
        end = blocks[n + 1][0] if n + 1 < len(blocks) else len(items)
        run = list(range(block[-1] + 1, end))
        blanks = [k for k in run if items[k] is None]
        filled = [k for k in run if items[k] is not None]
        if n + 1 == len(blocks):
            if blanks and any(k > blanks[0] for k in filled):
                tail = [k for k in filled if k > blanks[0]]
                before = [k for k in filled if k < blanks[0]]
                if _continued(items, before, tail, pages, headers):
                    filled = before + tail  # the last row's end, printed on a new page
                elif any(not is_header(got(k).cells) for k in tail):
                    return f"lines after the last row ({len(tail)})"
                else:
                    filled = before
            groups.append((above, inside, filled))
            break
        if blanks:
            below = [k for k in filled if k < blanks[0]]
            after = [k for k in filled if k > blanks[-1]]
            middle = [k for k in filled if blanks[0] < k < blanks[-1]]
            if middle:
                # Lines between two blank lines: only the end of the row above printed at the
                # top of a new page (each piece under a cell still wrapping at the page's
                # end), then a blank line, the border before the next row.
                if not _continued(items, below, middle, pages, headers):
                    return "a wrapped cell between two blank lines"
                below += middle
                if after and any(k in pages for k in blanks if k > middle[-1]):
                    return "a wrapped cell between two blank lines"
            elif after and len(below) != len(above) and any(k in pages for k in blanks):
                # A page's end between two rows: the blank may be inside the row (the rest of
                # its title printed on the next page) rather than the border between rows.
                # Where the rows before it all had one shape (lines above and below their
                # values), the row and the next one are known by it: the lines the row lacks
                # are the first on the new page, under its cells still wrapping.
                extra = len(after) - typical[0] if typical else -1
                if (
                    typical is None
                    or extra < 0
                    or len(above) + len(below) + extra != sum(typical)
                    or (extra and not _continued(items, below, after[:extra], pages, headers))
                ):
                    at = got(block[0]).cells[0].line
                    return f"row at line {at}: not centred on its values before a blank line"
                below, after = below + after[:extra], after[extra:]
            else:
                shapes.append((len(above), len(below)))
            groups.append((above, inside, below))
            above = after
            typical = _typical(shapes)
            continue
        if len(above) > len(filled):
            return f"row at line {got(block[0]).cells[0].line}: fewer lines below than above"
        groups.append((above, inside, filled[: len(above)]))
        shapes.append((len(above), len(above)))
        typical = _typical(shapes)
        above = filled[len(above) :]
    rows: list[list[Cell]] = []
    for up, inside, down in groups:
        row = _join_row(
            [got(k) for k in up + inside if not got(k).anchor],
            [got(k) for k in inside if got(k).anchor],
            [got(k) for k in down],
            one_text_column,
        )
        if isinstance(row, str):
            return row
        rows.append(row)
    return rows


def _typical(shapes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The shape every row so far had (at least two rows), else None."""
    return shapes[0] if len(shapes) >= 2 and len(set(shapes)) == 1 else None


_HEADER_FIRST = re.compile(r"^\s*1\.\s+Title\s+of\b")
_LABEL_AT = re.compile(r"(?:(?<=\s)|^)(\d{1,2}[A-Z]?)\.(?=\s)")


def _header_labels(raw: str | None) -> dict[str, int] | None:
    """The columns of a table header's numbered labels ("1.", "2.", "3A."...) on its first
    line, by label; None for another line."""
    if raw is None:
        return None
    raw = clean_text(raw)  # (look-alike letters: "Тitle")
    if not _HEADER_FIRST.match(raw):
        return None
    return {m.group(1): m.start() for m in _LABEL_AT.finditer(raw)}


def _page_map(
    headers: list[tuple[int, dict[str, int]]], before: int, after: int
) -> Callable[[int], float] | None:
    """How a new page's columns map onto the page before it (a layout lays each page out on
    its own): piecewise between the numbered labels of the header printed on both pages,
    the last header before item ``before`` and the first between it and item ``after``;
    None when they are not found or not in the same order."""
    old = [labels for k, labels in headers if k < before]
    new = [labels for k, labels in headers if before < k < after]
    if not old or not new:
        return None
    pairs = sorted((new[0][k], old[-1][k]) for k in new[0] if k in old[-1])
    if len(pairs) < 4 or any(
        y1 <= y0 or x1 <= x0 for (x0, y0), (x1, y1) in itertools.pairwise(pairs)
    ):
        return None

    def to_old(x: float) -> float:
        # piecewise straight between the labels (each column scaled on its own)
        for (x0, y0), (x1, y1) in itertools.pairwise(pairs):
            if x <= x1:
                return y0 + (x - x0) * (y1 - y0) / (x1 - x0) if x >= x0 else y0 + x - x0
        return pairs[-1][1] + x - pairs[-1][0]

    return to_old


def _continued(
    items: Sequence[_Physical | None],
    below: list[int],
    middle: list[int],
    pages: set[int],
    headers: list[tuple[int, dict[str, int]]],
) -> bool:
    """Whether the lines ``middle`` (between two blank lines) end the row above on a new
    page: a page break right before them, nothing else but blank lines after the row's last
    line, one run of lines, and each of their cells under a cell of the row's last line
    before the break (a cell still wrapping when the page ended), by position; the new
    page's columns mapped onto the old page's by the header both print (then the lines take
    the old page's columns, to be placed in the row)."""
    if not below or not middle or middle != list(range(middle[0], middle[-1] + 1)):
        return False
    gap = range(below[-1] + 1, middle[0])
    if not any(k in pages for k in gap) or any(items[k] is not None for k in gap):
        return False
    last = items[below[-1]]
    if last is None or last.columns is None:
        return False
    # (without the headers' labels, the columns as printed: a page laid out as the last)
    to_old = _page_map(headers, below[-1], middle[0]) or float
    ends = [x for c, x in zip(last.cells, last.columns, strict=True) if c.text]
    mapped: list[list[tuple[int, int]]] = []
    for k in middle:
        item = items[k]
        if item is None or item.columns is None:
            return False
        spans = [(round(to_old(x0)), round(to_old(x1))) for x0, x1 in item.columns]
        for cell, span in zip(item.cells, spans, strict=True):
            if cell.text and not any(_over(span, end) for end in ends):
                return False
        mapped.append(spans)
    for k, spans in zip(middle, mapped, strict=True):
        item = items[k]
        assert item is not None
        item.columns = spans
    return True


def _centre(span: tuple[int, int]) -> float:
    return (span[0] + span[1]) / 2


def _over(piece: tuple[int, int], cell: tuple[int, int]) -> bool:
    """A piece sits over a cell when one's centre lies within the other."""
    return cell[0] <= _centre(piece) <= cell[1] or piece[0] <= _centre(cell) <= piece[1]


def _text_split(cell: Cell, *, strict: bool) -> tuple[Cell, Cell] | None:
    """A cell that runs a text into values (``Common 16,670``; ``Common 04/13/2022 S 300``
    where a gap was lost): its leading words up to the first value word with a digit, and
    the rest. ``strict`` (a first column without positions) asks for two value words."""
    words = list(re.finditer(r"\S+", cell.text))
    cut = next(
        (w for w in words if re.search(r"\d", w.group()) and _VALUE_WORD.match(w.group())),
        None,
    )
    if cut is None or cut.start() == 0 or _MARKS.match(cut.group()):
        return None
    head = cell.text[: cut.start()]
    if len(re.findall(r"[A-Za-z]", head)) < 2:
        return None
    rest = [w.group() for w in words if w.start() >= cut.start()]
    values = [w for w in rest if _VALUE_WORD.match(w) and not _MARKS.match(w)]
    if len(values) != len(rest) or (strict and len(values) < 2):
        return None  # a title with a number in it ("Series 2019 Notes")
    if len(values) < 2 and not re.search(r"[,./$]", cut.group()):
        return None  # "US Venture 2010": a year or a number inside a name
    return sub_cell(cell, 0, cut.start()), sub_cell(cell, cut.start(), len(cell.text))


def _split_texts(line: _Physical, *, strict: bool, keep_first: bool = False) -> None:
    """A text cell run into a value by a narrow gap (``Common 16,670``) as two cells, so a
    piece above or below joins the text, not the value. ``strict``: a first column without
    positions needs two value words; ``keep_first``: the first cell stays whole."""
    cells, spans = line.cells, line.columns
    for n in range(len(cells) - 1, 0 if keep_first else -1, -1):
        split = _text_split(cells[n], strict=strict and n == 0 and spans is None)
        if split is None:
            continue
        if spans is not None:
            x0, start = spans[n][0], cells[n].start
            spans[n : n + 1] = [(x0 + c.start - start, x0 + c.end - start) for c in split]
        cells[n : n + 1] = list(split)


def _title_goes_on(head: _Physical, pieces: list[_Physical]) -> bool:
    """Whether the title's pieces above or below reach past where a value would start in the
    head's first cell (``Class B Common`` over ``Stock, $0.0001`` over ``par value``): then
    that "value" is a word of the title, by position."""
    if head.columns is None or not head.cells[0].text:
        return False
    split = _text_split(head.cells[0], strict=False)
    if split is None:
        return False
    cut = head.columns[0][0] + (split[1].start - head.cells[0].start)
    return any(
        p.columns is not None and p.cells[0].text and not p.indented and p.columns[0][1] > cut
        for p in pieces
    )


def _is_text(text: str) -> bool:
    return len(re.findall(r"[A-Za-z]", text)) >= 2 and not any(
        re.search(r"\d", w) for w in _value_words(text)
    )


def _join_row(
    pieces: list[_Physical],
    anchors: list[_Physical],
    down: list[_Physical],
    one_text_column: bool,
) -> list[Cell] | str:
    # The row's values: its anchors' cells, in page order. Each column of the row: its
    # x-range (None without positions) and its pieces; the first is the title's, empty or not.
    columns: list[tuple[tuple[int, int] | None, list[Cell]]] = []
    head = anchors[0]
    keep = _title_goes_on(head, pieces + down)
    for anchor in anchors:
        _split_texts(anchor, strict=True, keep_first=keep and anchor is head)
    spans = head.columns
    titled = (keep or _is_text(head.cells[0].text)) and not head.indented
    columns.append((spans[0] if spans else None, [head.cells[0]] if titled else []))
    values: list[tuple[tuple[int, int] | None, list[Cell]]] = []
    for anchor in anchors:
        for n, cell in enumerate(anchor.cells):
            if cell.text and (n > 0 or anchor is not head or not titled):
                values.append((anchor.columns[n] if anchor.columns else None, [cell]))
    if len(anchors) > 1:
        values.sort(key=lambda v: v[0][0] if v[0] else 0)
    columns += values
    # Left of the first value is the title's column.
    boundary = next((at[0] for at, _ in columns[1:] if at is not None), None)
    # The title's right edge: its cell on the values' line, else its pieces' (a title is
    # printed from the column's left edge; a piece starting right of it is another cell's).
    title_ends = [
        p.columns[0][1]
        for p in pieces + down
        if p.columns is not None and p.cells[0].text and not p.indented
    ]
    title_end = (
        spans[0][1]
        if titled and spans is not None
        else (max(title_ends) if title_ends and spans is not None else None)
    )
    for piece in pieces + down:
        _split_texts(piece, strict=False)
        for n, cell in enumerate(piece.cells):
            if not cell.text:
                continue
            if piece.columns is None or spans is None or boundary is None:
                if n == 0 and not piece.indented:
                    target = 0
                elif one_text_column and _is_text(cell.text) and len(piece.cells) - n == 1:
                    # The only text column right of the title: the nature of ownership.
                    last = columns[-1][1]
                    if len(columns) == 1 or not last or not _is_text(last[-1].text):
                        columns.append((None, []))
                    target = len(columns) - 1
                else:
                    return f"a piece of a wrapped cell with no column ({cell.text!r})"
            else:
                span = piece.columns[n]
                if span[1] <= boundary and (title_end is None or span[0] <= title_end):
                    target = 0
                else:
                    # Right of the title and left of the first value: a cell of its own ("(1)"
                    # of an exercisable date printed above the row's values), or the piece of
                    # one already placed that it lies under. Among the values: the piece of
                    # the value it lies over, else a cell of its own, placed by its position.
                    hits = [
                        k
                        for k, (at, _) in enumerate(columns)
                        if k > 0 and at is not None and _over(span, at)
                    ]
                    if len(hits) > 1:
                        return f"a piece of a wrapped cell under two columns ({cell.text!r})"
                    if span[0] < boundary < span[1]:
                        return f"a piece of a wrapped cell across columns ({cell.text!r})"
                    if hits:
                        target = hits[0]
                    else:
                        target = sum(1 for at, _ in columns if at is not None and at[0] < span[0])
                        target = max(target, 1)
                        columns.insert(target, (span, []))
            columns[target][1].append(cell)
    out: list[Cell] = []
    values_at = {id(c) for _, cells in values for c in cells}
    for k, (_, cells) in enumerate(columns):
        if not cells:
            continue
        # A column keeps its value's place in its line (a table whose tabs keep empty
        # columns says by it which column an amount is in); a piece's own column has none.
        value = next((c for c in cells if id(c) in values_at), None)
        index = 0 if k == 0 else (value.index if value is not None else -1)
        cells.sort(key=lambda c: c.start)  # reading order: line by line
        text = ""
        for c in cells:
            # A word broken at its hyphen ("Series C-" over "1") is one word again.
            glue = "" if not text or re.search(r"\S-$", text) else " "
            text += glue + c.text
        out.append(Cell(text, cells[0].start, cells[-1].end, index, cells[0].line))
    return out
