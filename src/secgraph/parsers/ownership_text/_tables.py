"""Table I and Table II of a Form 3, 4 or 5 converted to text -> transactions and holdings.

The columns of both tables are fixed by the SEC's forms, so each table has a schema: its
columns left to right and the kind of value each holds (a date, a transaction code, a share
count, a price, D or I...). A conversion keeps a row's cells in order but may drop empty
columns, interleave pieces of a header broken over several lines (the Form 3 seed prints
``Exercise Price`` and ``Shares`` between the values of its option row), or spread one row over
several lines. So a table is read in three steps: physical lines that are only header pieces
are skipped; the lines of one logical row are merged column by column (a line whose first
cell is empty continues the row above); and the row's cells are placed in the schema by
:func:`secgraph.normalize.layout.align_cells`, by position where it agrees with the value
kinds and by kind where the position is off. A cell that fits no column is reported.

Footnote marks ``(1)`` stay with the exact value they follow (``54,666 (2)`` annotates the
shares owned after the transaction); a cell holding only marks gives a None value with
footnotes, as the Form 3 seed's exercisable date does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from secgraph.models import (
    AcquiredDisposed,
    Holding,
    OwnershipNature,
    ParseWarning,
    Span,
    Transaction,
    TransactionCode,
)
from secgraph.normalize.dates import parse_date
from secgraph.normalize.layout import Cell, Line, align_cells, merge_rows, split_cells, sub_cell
from secgraph.normalize.numbers import parse_decimal
from secgraph.parsers.ownership_text._wrapped import (
    PAGE_BREAK,
    cell_columns,
    is_anchor,
    wrapped_rows,
)

__all__ = ["footnote_id", "read_tables", "split_marks"]

_TABLE_I = re.compile(r"^\s*Table\s+I\s*[-–—]", re.IGNORECASE)
_TABLE_II = re.compile(r"^\s*Table\s+II\s*[-–—]", re.IGNORECASE)
_TABLE_END = re.compile(
    r"^\s*(?:Explanation\s+of\s+Responses|Remarks\s*:|Reminder\s*:|Reporting\s+Owners|"
    r"Persons\s+who\s+respond|Note\s*:|Signatures?\s*$|\*+\s*Signature|/s/|"
    # A joint filing's SEC rendering lists its owners' boxes right after Table II.
    r"\d\.\s+Name\s+and\s+Address\s+of\s+Reporting|\d\.\s+Relationship\s+of\s+Reporting|"
    r"\(Last\))",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------- footnote marks

_TRAILING_MARK = re.compile(r"(?:^|\s*)(?:\(\s*(\d{1,2})\s*\)|\[(\d{1,2})\])\s*,?\s*$")


def footnote_id(number: str) -> str:
    """The id of footnote ``(n)``: ``"F1"`` for ``(1)``, the id EDGAR's XML gives the same note,
    so a text rendering and its XML twin annotate values with the same ids."""
    return f"F{int(number)}"


def split_marks(cell: Cell) -> tuple[Cell, list[str]]:
    """``54,666 (2)`` -> (``54,666``, ["F2"]); ``(1)`` -> (empty cell, ["F1"]); marks in the
    order printed. ``Stock Option (Right to Buy)`` has no mark (not a number in brackets)."""
    text = cell.text
    ids: list[str] = []
    end = len(text)
    while True:
        m = _TRAILING_MARK.search(text[:end])
        if not m:
            break
        ids.insert(0, footnote_id(m.group(1) or m.group(2)))
        end = m.start()
    if not ids:
        return cell, ids
    return sub_cell(cell, 0, end), ids


# --------------------------------------------------------------------------- value kinds

_LETTERS = re.compile(r"[A-Za-z]")
_CODES = frozenset(c.value for c in TransactionCode)
_DATE_WORDS = re.compile(
    r"^(?:Immediately|Immediate|Immed\.?|N/?A|None|Various|Upon\s+vesting|-+|—)$", re.IGNORECASE
)


def _value(text: str) -> tuple[str, bool]:
    """The text without footnote marks, and whether it was marks only."""
    stripped, ids = split_marks(Cell(text, 0, len(text), 0, 0))
    return stripped.text, bool(ids) and not stripped.text


def _text(t: str) -> bool:
    v, _ = _value(t)
    return len(_LETTERS.findall(v)) >= 2


# A date a narrow column wrapped after a slash ("04/14/" over "2028"), its lines joined.
_WRAPPED_DATE = re.compile(r"^(\d{1,2}/\d{1,2}/)\s+(\d{4})$")


def _unwrap_date(text: str) -> str:
    return _WRAPPED_DATE.sub(r"\1\2", text)


def _date(t: str) -> bool:
    v, marks_only = _value(t)
    return marks_only or parse_date(_unwrap_date(v)) is not None


def _dateish(t: str) -> bool:
    v, marks_only = _value(t)
    return marks_only or parse_date(_unwrap_date(v)) is not None or bool(_DATE_WORDS.match(v))


def _code(t: str) -> bool:
    v, _ = _value(t)
    return v in _CODES


def _v(t: str) -> bool:
    return t.strip() == "V"


def _count(t: str) -> bool:
    v, marks_only = _value(t)
    return marks_only or ("$" not in v and parse_decimal(v) is not None)


def _money(t: str) -> bool:
    v, marks_only = _value(t)
    return marks_only or parse_decimal(v) is not None


def _ad(t: str) -> bool:
    return _value(t)[0] in ("A", "D")


def _own(t: str) -> bool:
    return _value(t)[0] in ("D", "I")


Schema = Sequence[tuple[str, Callable[[str], bool]]]

_T1_TX: Schema = (
    ("security", _text), ("date", _date), ("deemed_execution_date", _date), ("code", _code),
    ("v", _v), ("shares", _count), ("acquired_disposed", _ad), ("price", _money),
    ("shares_after", _count), ("ownership", _own), ("nature_of_ownership", _text),
)  # fmt: skip
_T2_TX: Schema = (
    ("security", _text), ("exercise_price", _money), ("date", _date),
    ("deemed_execution_date", _date), ("code", _code), ("v", _v), ("acquired", _count),
    ("disposed", _count), ("exercisable_date", _dateish), ("expiration_date", _dateish),
    ("underlying_security", _text), ("underlying_shares", _count), ("price", _money),
    ("shares_after", _count), ("ownership", _own), ("nature_of_ownership", _text),
)  # fmt: skip
_T1_FORM3: Schema = (
    ("security", _text), ("shares", _count), ("ownership", _own),
    ("nature_of_ownership", _text),
)  # fmt: skip
_T2_FORM3: Schema = (
    ("security", _text), ("exercisable_date", _dateish), ("expiration_date", _dateish),
    ("underlying_security", _text), ("underlying_shares", _count), ("exercise_price", _money),
    ("ownership", _own), ("nature_of_ownership", _text),
)  # fmt: skip


# Columns that only a transaction fills, and the columns of a holding line.
# (A "D" alone could be the (A)/(D) mark or the ownership form, so only a date or a code
# makes a transaction: the form requires both on every transaction line.)
_TRANSACTION_FIELDS = frozenset({"date", "code"})
_HOLDING_FIELDS = frozenset(
    {
        "security", "exercise_price", "exercisable_date", "expiration_date",
        "underlying_security", "underlying_shares", "shares_after", "ownership",
        "nature_of_ownership",
    }
)  # fmt: skip


def _position(schema: Schema, name: str) -> int:
    return next(i for i, (field, _) in enumerate(schema) if field == name)


def _schema(form: str, derivative: bool) -> Schema:
    if form == "3":
        return _T2_FORM3 if derivative else _T1_FORM3
    schema = _T2_TX if derivative else _T1_TX
    # Form 5 has no "V" (voluntarily reported) column: its transactions are all annual.
    return [f for f in schema if f[0] != "v"] if form == "5" else schema


# --------------------------------------------------------------------------- header pieces

_HEADER_VOCABULARY = """
    title of security securities derivative date dates transaction transactions code v amount
    or number shares share price exercise exercisable expiration conversion underlying deemed
    execution if any month day year a d i and acquired disposed direct indirect ownership form
    nature beneficial beneficially owned following reported instr the at end issuer issuer's
    fiscal puts calls warrants options convertible in to e g
"""
_HEADER_WORDS = frozenset(_HEADER_VOCABULARY.split())
_NUMBERED = re.compile(r"^\d{1,2}[A-Z]?\.\s*\S")
_STRONG_HEADER = re.compile(r"^\d{1,2}[A-Z]?\.\s|\(Instr\.|Month/Day/Year", re.IGNORECASE)
_HEADER_MARKERS = re.compile(r"Instr\.|Month/Day/Year|^\((?:A|D|I)\)", re.IGNORECASE)


def _is_header_piece(text: str) -> bool:
    """A piece of a column header: ``Exercise Price``, ``(A) or (D)``, ``2. Transaction Date``.
    Single letters are values (``D``, ``P``) except inside a line of header pieces."""
    if not text or len(text) == 1:
        return False
    if _NUMBERED.match(text) or _HEADER_MARKERS.search(text):
        return True
    # ("Transaction(s)": a plural written "(s)" is the word's)
    words = re.findall(r"[A-Za-z']+", re.sub(r"(?<=[a-z])\(s\)", "", text.lower()))
    # "A (1)" or "G (1)" is a value with its footnote: a header piece has a real word.
    return any(len(w) > 2 for w in words) and all(w in _HEADER_WORDS for w in words)


# What else a narrow conversion leaves of a broken header: "(A)", "or", "3)", "(s) (Instr.".
_HEADER_CRUMB = re.compile(
    r"^(?:\(?[A-Za-z]{1,3}\)?|\d{1,2}\)|\(s\)|\(?Instr\.?|\(?\d{1,2}(?:,\s*\d)*\s*(?:and\s+\d\)?)?|"
    r"[/(),.:\-]|\s)+$"
)


# What a value has and a header's crumb has not: three digits, a date's slash, a thousands
# comma, a dollar sign ("3, 4 and 5)" is a crumb, "02/06/2024 C 918,567" is not).
_REAL_VALUE = re.compile(r"\d{3}|\d/\d|\d,\d{3}|\$")


def _crumb(text: str) -> bool:
    return bool(_HEADER_CRUMB.match(text)) and not _REAL_VALUE.search(text)


def _is_header_line(cells: list[Cell]) -> bool:
    filled = [c.text for c in cells if c.text]
    pieces = [t for t in filled if _is_header_piece(t)]
    if not pieces:
        return False
    rest = [t for t in filled if t not in pieces]
    if all(t in ("v", "V") for t in rest):
        return True
    # Beside real header pieces, short crumbs ("or", "(D)", "3)") are header too; a lone
    # value ("D", "I", "A", a code) is not, so one-letter cells must be few.
    words = [w for w in rest if w not in ("v", "V")]
    return all(_crumb(t) and not re.fullmatch(r"[A-Z]", t) for t in words)


# --------------------------------------------------------------------------- rows


def _data_cells(cells: list[Cell]) -> list[Cell]:
    return [c for c in cells if c.text and not _is_header_piece(c.text)]


def _conflicts(rows: list[list[Cell]], cells: list[Cell]) -> bool:
    """Whether a line would overwrite a value the row already has (then it starts a row)."""
    have: dict[int, str] = {}
    for row in rows:
        for c in _data_cells(row):
            have.setdefault(c.index, c.text)
    return any(c.index in have and have[c.index] != c.text for c in _data_cells(cells))


# Lines that are never rows: the Form 3 "no securities" statement, rules drawn with
# underscores or dashes, and the <S> <C> column tags of pre-2003 ASCII filings.
_NOT_A_ROW = re.compile(
    r"No\s+securities\s+are\s+beneficially\s+owned|^[\s_\-=|+]+$|^\s*<(?:S|C|CAPTION)>",
    re.IGNORECASE,
)


# A rule drawn with dashes, a markdown table's ":---", box-drawing characters or what
# mojibake left of them (U+FFFD).
_RULE = re.compile(r"^[\s_\-=|+:\ufffd\u2500-\u257f]+$")
_OWNERSHIP_TOKEN = re.compile(r"(?:^|\s)[DI](?:\s*\(\d{1,2}\))*(?=\s|$)")
_VALUE_TOKEN = re.compile(r"\d")


def _flat(cells: list[Cell]) -> bool:
    """A line whose columns are not marked (lynx, html2text: one space between values)."""
    return sum(1 for c in cells if c.text) <= 1


def _logical_rows(
    lines: Sequence[Line],
    raw: Mapping[int, str] | None = None,
    *,
    form: str = "4",
    derivative: bool = True,
) -> list[list[list[Cell]]] | str:
    """The body's logical rows, each as its physical lines' cells, or why they cannot be told
    apart."""
    physical = []
    values_seen = False
    header_below: str | None = None
    for line in lines:
        if line.blank or _NOT_A_ROW.search(line.text):
            continue
        cells = split_cells(line)
        if _is_header_line(cells) or (_flat(cells) and _is_header_piece(line.text.strip())):
            text = line.text.strip()
            if values_seen and re.fullmatch(r"[A-Za-z]+(?: [A-Za-z]+)?", text):
                # Below the first row a word or two of the header's vocabulary is more likely
                # a wrapped value's ("Common" / "Shares", "beneficially" / "owned"): only
                # rows rebuilt by position (which take it as a piece of a cell) are read.
                header_below = header_below or f"a header word below the first row ({text!r})"
            continue
        values_seen = values_seen or is_anchor(cells, True)
        physical.append(cells)
    if physical and all(_flat(c) for c in physical):
        if header_below is not None:
            return header_below
        paragraphs = _paragraph_rows(lines, form, derivative)
        return _flat_rows(physical) if paragraphs is None else paragraphs
    wrapped = wrapped_rows(
        lines,
        raw,
        _is_header_line,
        lambda t: bool(_NOT_A_ROW.search(t) or _RULE.match(t)),
        is_label=lambda t: bool(t) and _is_header_piece(t),
        one_text_column=not derivative,
    )
    if isinstance(wrapped, str):
        return header_below or wrapped
    if wrapped is not None:
        return [[row] for row in wrapped]
    if header_below is not None:
        return header_below
    rows: list[list[list[Cell]]] = []

    def title_only(cells: list[Cell]) -> bool:
        data = _data_cells(cells)
        return bool(cells[0].text) and not _is_header_piece(cells[0].text) and len(data) == 1

    pending = False  # the last row was started by title lines still waiting for its values
    for n, cells in enumerate(physical):
        data = _data_cells(cells)
        if not data:
            continue
        head = cells[0].text and not _is_header_piece(cells[0].text)
        if title_only(cells):
            # A wrapped title. Lines of title only go with the values line after them when
            # that line has no title of its own (pdftotext centres a cell's lines around the
            # row's values: "Common" / "Stock" / "  03/08/2023 M 5,250"); otherwise they end
            # the title of the row above.
            k = n + 1
            while k < len(physical) and title_only(physical[k]):
                k += 1
            if k < len(physical) and not physical[k][0].text:
                if rows and pending:
                    rows[-1].append(cells)
                else:
                    rows.append([cells])
                    pending = True
                continue
            if rows:
                rows[-1].append(cells)
                continue
        pending = False
        if head or not rows or _conflicts(rows[-1], cells):
            rows.append([cells])
        else:
            rows[-1].append(cells)
    return rows


_VALUE_RUN = re.compile(
    r"(?:^|\s)(?:\$?[\d][\d,]*(?:\.\d+)?|\d{1,2}/\d{1,2}/\d{4})(?:\(\d{1,2}\))*"
    r"\s+(?:\$?[\d][\d,]*(?:\.\d+)?|\d{1,2}/\d{1,2}/\d{4}|[ADI])(?:\(\d{1,2}\))*(?=\s|$)"
)


def _run_together(text: str) -> bool:
    """A cell holding two values (an amount and the next column's value): a gap was lost."""
    return bool(_VALUE_RUN.search(text))


# --------------------------------------------------------------------------- one cell a paragraph

_VALUE_LINE = re.compile(
    r"^(?:\$?\s?[\d][\d,]*(?:\.\d+)?|\d{1,2}/\d{1,2}/\d{4}|[A-Z]|\(\d{1,2}\)|\[\d{1,2}\])"
    r"(?:\s?(?:\(\d{1,2}\)|\[\d{1,2}\]))*$"
)


# A header's crumb and nothing a value could be: "5)", "(D)", "or", "V" (not "10,491,720",
# which the looser _HEADER_CRUMB takes in).
_CRUMB_WORD = re.compile(r"\(?[A-Za-z]{1,3}\)?[.,:]?|\(?\d\)|\(\d|[/(),.:\-]+")


class _StrictCrumb:
    """``match(text)``: every word of ``text`` a crumb's (word by word, so a long line costs
    no backtracking)."""

    @staticmethod
    def match(text: str) -> bool:
        words = text.split()
        return bool(words) and all(_CRUMB_WORD.fullmatch(w) for w in words)


_STRICT_CRUMB = _StrictCrumb()


def _widths(cell: Cell, lines: Sequence[Line]) -> list[int]:
    """The lengths of the lines a paragraph cell spans."""
    return [
        len(ln.text.strip())
        for ln in lines
        if cell.start <= ln.offset + len(ln.text) and ln.offset <= cell.end
    ]


# pdftotext (plain) joins a word hyphenated at a line's end and drops its hyphen ("Non-" /
# "Qualifed" -> "NonQualifed", "Series C-" / "1" -> "Series C1"): letters and digits or a
# small and a capital letter glued inside a word.
_GLUED = re.compile(r"[a-z][A-Z]|\d[A-Za-z]|[A-Za-z]\d")


def _joins_lost(
    rows: list[list[Cell]], lines: Sequence[Line], form: str, derivative: bool
) -> str | None:
    """Why a table printed one cell a paragraph may hold text pdftotext joined across a lost
    hyphen: a glued word, or a line of a text column longer than the column's wrapped lines
    (its hyphenated line and the next made one)."""
    schema = _schema(form, derivative)
    longest: dict[str, int] = {}
    found: list[tuple[str, Cell]] = []
    for cells in rows:
        assigned, _ = align_cells(cells, schema)
        for name in _TEXT_FIELDS:
            cell = assigned.get(name)
            if cell is None:
                continue
            found.append((name, cell))
            widths = _widths(cell, lines)
            if len(widths) > 1:
                longest[name] = max(longest.get(name, 0), *widths[:-1])
    for name, cell in found:
        words = [w for w in split_marks(cell)[0].text.split() if not w.startswith("(")]
        if any(_GLUED.search(w) for w in words):
            return f"a word pdftotext may have joined at a hyphen in {name}: {cell.text!r}"
        if name in longest and max(_widths(cell, lines)) > longest[name] + 3:
            return f"a line longer than its column in {name}: {cell.text!r}"
    return None


def _joined(lines: list[Line]) -> Cell:
    """Lines of one cell as one cell: their texts joined (a word broken at its hyphen made
    whole), the span from the first's start to the last's end."""
    text = ""
    for line in lines:
        piece = line.text.strip()
        text += piece if not text or re.search(r"\S-$", text) else " " + piece
    first, last = lines[0], lines[-1]
    start = first.offset + len(first.text) - len(first.text.lstrip())
    return Cell(text, start, last.offset + len(last.text.rstrip()), -1, first.number)


def _paragraph_cells(paragraph: list[Line]) -> list[Cell]:
    """A paragraph's cells: its text lines as one cell (a title wrapped over lines), its value
    lines each a cell, the marks on a line of their own with the value above. pdftotext
    centres a cell's lines around a value of the next column ("Common" / "10,491,720" /
    "Stock"): the text comes first, as in the form's columns."""
    texts = [line for line in paragraph if not _VALUE_LINE.match(line.text.strip())]
    values: list[list[Line]] = []
    for line in paragraph:
        if line in texts:
            continue
        if values and _MARK_TOKEN.match(line.text.strip().replace(" ", "")):
            values[-1].append(line)
        else:
            values.append([line])
    return ([_joined(texts)] if texts else []) + [_joined(v) for v in values]


def _segment_ok(cells: list[Cell], form: str, derivative: bool) -> bool:
    """Whether cells make one complete row of the table: every cell in a column, in order,
    and every field the form requires filled (see :data:`_REQUIRED`)."""
    schema = _schema(form, derivative)
    assigned, left = align_cells(cells, schema)
    transaction = form != "3" and bool(_TRANSACTION_FIELDS & set(assigned))
    if form != "3" and not transaction:
        wanted = [i for i, (name, _) in enumerate(schema) if name in _HOLDING_FIELDS]
        assigned, left = align_cells(cells, [schema[i] for i in wanted], wanted)
        if "shares_after" in assigned:
            assigned["shares"] = assigned.pop("shares_after")
    if left:
        return False
    if derivative and form != "3":
        for key in ("acquired", "disposed"):
            if key in assigned:
                assigned["shares"] = assigned.pop(key)
    filled = {k for k, c in assigned.items() if split_marks(c)[0].text}
    if transaction and not derivative:
        filled.add("acquired_disposed") if "acquired_disposed" in assigned else None
    if _REQUIRED[(transaction, derivative)] - filled:
        return False
    if transaction and derivative and "shares_after" not in filled:
        # Cutting paragraphs into rows, a derivative transaction without its amount owned
        # after is taken for cut wrong: a value printed out of order (after the table) moves
        # the row's later values one column left.
        return False
    values = {k: split_marks(c)[0].text for k, c in assigned.items()}
    return not _doubts(values, transaction, derivative)


def _paragraph_rows(
    lines: Sequence[Line], form: str, derivative: bool
) -> list[list[list[Cell]]] | str | None:
    """Rows of a table printed one cell a paragraph (plain pdftotext: each cell's lines, then
    a blank line, in the columns' order, empty cells left out), or why its rows cannot be
    told apart; None for another layout. The paragraphs are cut into rows so that every row
    is complete (:func:`_segment_ok`); a table that can be cut in two ways is refused."""
    paragraphs: list[list[Line]] = []
    current: list[Line] = []
    for line in [*lines, Line(0, "", 0)]:
        if line.blank or line.text == PAGE_BREAK or _NOT_A_ROW.search(line.text):
            if current:
                paragraphs.append(current)
            current = []
        else:
            current.append(line)
    value_lines = [
        ln
        for p in paragraphs
        for ln in p
        if re.search(r"\d", ln.text)
        and not _is_header_piece(ln.text.strip())
        and not _STRICT_CRUMB.match(ln.text.strip())
    ]
    short = sum(1 for ln in value_lines if _VALUE_LINE.match(ln.text.strip()))
    if len(paragraphs) < 4 or not value_lines or short < 0.8 * len(value_lines):
        return None
    cells = [c for p in paragraphs for c in _paragraph_cells(p)]
    n = len(cells)
    starts = [i for i, c in enumerate(cells) if _text(c.text)]
    ways = [0] * (n + 1)
    cut: dict[int, int] = {}
    ways[n] = 1
    width = len(_schema(form, derivative))  # a row has at most one cell a column
    for i in reversed(starts):
        later = [*[j for j in starts if j > i][:4], n]
        for j in sorted(j for j in set(later) if j - i <= width):
            if ways[j] and _segment_ok(cells[i:j], form, derivative):
                ways[i] = min(2, ways[i] + ways[j])
                cut[i] = j
    first = next((i for i in starts if ways[i]), None)
    if first is None:
        return "no way to cut the cells into complete rows"
    stray = [
        c.text
        for c in cells[:first]
        if not (_is_header_piece(c.text) or _STRICT_CRUMB.match(c.text))
    ]
    if stray:
        return f"cells before the first row that are no header ({stray[0]!r})"
    if ways[first] > 1:
        return "the cells can be cut into rows in more than one way"
    rows: list[list[list[Cell]]] = []
    i = first
    while i < n:
        j = cut[i]
        rows.append([cells[i:j]])
        i = j
    lost = _joins_lost([r[0] for r in rows], lines, form, derivative)
    return lost if lost is not None else rows


def _flat_rows(physical: list[list[Cell]]) -> list[list[list[Cell]]]:
    """Rows of a table whose columns are not marked, wrapped at the converter's width: a row
    goes on until it has its ownership form (a lone D or I after a value); a line with no
    value after a complete row continues its last column (the nature of ownership)."""
    rows: list[list[list[Cell]]] = []
    complete = True
    for cells in physical:
        text = " ".join(c.text for c in cells if c.text)
        has_value = bool(_VALUE_TOKEN.search(text))
        if rows and (not complete or not has_value):
            rows[-1].append(cells)
        else:
            rows.append([cells])
        joined = " ".join(c.text for line in rows[-1] for c in line if c.text)
        complete = bool(_OWNERSHIP_TOKEN.search(joined)) and bool(_VALUE_TOKEN.search(joined))
    return rows


# --------------------------------------------------------------------------- tokens

_MARK_TOKEN = re.compile(r"^(?:\(\d{1,2}\)|\[\d{1,2}\])+$")
_TEXT_FIELDS = frozenset({"security", "nature_of_ownership", "underlying_security"})


def _tokens(cells: list[Cell]) -> list[Cell]:
    """The words of a flat row as cells ("$ 0" and "$0" one token)."""
    out: list[Cell] = []
    for cell in cells:
        for m in re.finditer(r"\$\s*[\d.,]+|\S+", cell.text):
            out.append(sub_cell(cell, m.start(), m.end()))
    return out


def token_cells(cells: list[Cell], schema: Schema) -> list[Cell]:
    """A flat row's words grouped into one cell per column, the columns in the schema's
    order: a text column (the security's title, the nature of ownership) takes a run of
    words, any other one word and the footnote marks after it. The grouping that places the
    most words wins (then the one that leaves marks with the value before them). Each cell
    gets its column's index, so :func:`align_cells` agrees with it."""
    tokens = _tokens(cells)
    n, m = len(tokens), len(schema)
    if n == 0 or n > 80:
        return [c for c in cells if c.text]
    neg = -(10**9)
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: dict[tuple[int, int], tuple[int, int, bool]] = {}
    best[0][0] = 0

    def joined(i: int, k: int) -> Cell:
        first, last = tokens[i], tokens[k - 1]
        text = " ".join(t.text for t in tokens[i:k])
        return Cell(text, first.start, last.end, first.index, first.line)

    for i in range(n + 1):
        for j in range(m + 1):
            score = best[i][j]
            if score == neg:
                continue
            if j < m and score > best[i][j + 1]:  # the column is empty
                best[i][j + 1] = score
                back[(i, j + 1)] = (i, j, False)
            if i < n and score - 1000 > best[i + 1][j]:  # the word fits nowhere
                best[i + 1][j] = score - 1000
                back[(i + 1, j)] = (i, j, False)
            if i == n or j == m:
                continue
            name, accepts = schema[j]
            if name in _TEXT_FIELDS:
                ends: Sequence[int] = range(i + 1, n + 1)
            else:  # a value and, or not, the footnote marks after it
                last = i + 1
                while last < n and _MARK_TOKEN.match(tokens[last].text) and last - i < 4:
                    last += 1
                ends = range(i + 1, last + 1)
            for k in ends:
                cell = joined(i, k)
                if not accepts(cell.text):
                    continue
                # Scores in thousandths: a word placed is worth 1000; a word in a text
                # column a little less, so a title never swallows the values after it; a
                # column further right a little less, so a date is the transaction's before
                # it is the deemed one's. Marks alone are a date's (an exercisable date
                # "(2)") or a price's rather than a number's, whose marks follow it.
                gain = 1000 * (k - i) - j
                if name in _TEXT_FIELDS:
                    gain -= 100 * (k - i - 1)
                if _MARK_TOKEN.match(cell.text.replace(" ", "")):
                    # (a price too: "A (3) 17,130,000" is a price given by its footnote)
                    gain += 50 if "date" in name or name == "price" else -50
                if gain + score > best[k][j + 1]:
                    best[k][j + 1] = gain + score
                    back[(k, j + 1)] = (i, j, True)
    j = max(range(m + 1), key=lambda c: best[n][c])
    i = n
    placed: list[Cell] = []
    while (i, j) in back:
        pi, pj, took = back[(i, j)]
        if took:
            cell = joined(pi, i)
            placed.append(Cell(cell.text, cell.start, cell.end, pj, cell.line))
        elif pi < i:
            placed.append(
                Cell(tokens[pi].text, tokens[pi].start, tokens[pi].end, -1, tokens[pi].line)
            )
        i, j = pi, pj
    placed.reverse()
    return placed


# --------------------------------------------------------------------------- records


# The table's header printed again at the top of a new page (without its title).
_HEADER_AGAIN = re.compile(r"^\s*1\.\s+Title\s+of\b", re.IGNORECASE)


def _body(lines: Sequence[Line], title: re.Pattern[str], start: int) -> list[Line] | None:
    begin = next((i for i in range(start, len(lines)) if title.search(lines[i].text)), None)
    if begin is None:
        return None
    body: list[Line] = []
    repeated = False  # inside the table's title and header printed again on a new page
    for line in (lines[i] for i in range(begin + 1, len(lines))):
        if title.search(line.text) or (body and _HEADER_AGAIN.search(line.text)):
            repeated = True
            body.append(Line(line.number, PAGE_BREAK, line.offset))
            continue
        if (
            _TABLE_END.search(line.text)
            or _TABLE_I.search(line.text)
            or _TABLE_II.search(line.text)
        ):
            break
        if repeated:
            cells = split_cells(line)
            text = line.text.strip()
            if (
                line.blank
                or _is_header_line(cells)
                or (_flat(cells) and _is_header_piece(text))
                or re.fullmatch(r"\d\)|\(?[A-Za-z]{1,2}\)?", text)  # "4)", "(D)", "or"
                or _STRICT_CRUMB.match(text)  # "3)   4)": crumbs of a header's columns
            ):
                body.append(Line(line.number, PAGE_BREAK, line.offset))  # a border between rows
                continue
            if line.text.strip().startswith("(e.g.") or _NUMBERED.match(line.text.strip()):
                body.append(Line(line.number, PAGE_BREAK, line.offset))
                continue
            repeated = False
        body.append(line)
    return body


def _span(cell: Cell) -> Span:
    return Span(line=cell.line, start=cell.start, end=cell.end)


def _read_row(
    assigned: dict[str, Cell], warnings: list[ParseWarning]
) -> tuple[dict[str, Any], dict[str, Span], dict[str, list[str]]]:
    values: dict[str, Any] = {}
    spans: dict[str, Span] = {}
    notes: dict[str, list[str]] = {}
    for name, cell in assigned.items():
        value_cell, ids = split_marks(cell)
        if ids:
            notes[name] = ids
        spans[name] = _span(value_cell if value_cell.text else cell)
        text = value_cell.text
        if not text:
            continue
        value: Any
        if name in ("date", "deemed_execution_date", "exercisable_date", "expiration_date"):
            value = parse_date(_unwrap_date(text))
        elif name in (
            "shares", "price", "shares_after", "exercise_price", "underlying_shares",
            "acquired", "disposed",
        ):  # fmt: skip
            value = parse_decimal(text)
        elif name == "code":
            value = TransactionCode(text)
        elif name == "acquired_disposed":
            value = AcquiredDisposed(text)
        elif name == "ownership":
            value = OwnershipNature(text)
        else:
            value = text
        if value is None and name not in ("exercisable_date", "expiration_date"):
            warnings.append(
                ParseWarning(code="bad-value", message=f"{name}: {text!r}", span=spans[name])
            )
        values[name] = value
    return values, spans, notes


def _to_holding(
    values: dict[str, Any], spans: dict[str, Span], notes: dict[str, list[str]]
) -> None:
    """A Table I/II row of a Form 4 or 5 with no transaction is a holding: the amount owned
    after (the only amount it has) is the holding's share count."""
    if "shares_after" in values:
        values["shares"] = values.pop("shares_after")
    if "shares_after" in spans:
        spans["shares"] = spans.pop("shares_after")
    if "shares_after" in notes:
        notes["shares"] = notes.pop("shares_after")


# The fields every row of a kind must have, by the form's instructions (and as every EDGAR XML
# of the corpus and the synthetic set has them): a row without one of them was cut, merged
# with another or shifted by the conversion, so its other values are not to be trusted.
_REQUIRED: dict[tuple[bool, bool], frozenset[str]] = {
    # (transaction, derivative)
    (True, False): frozenset(
        {"security", "date", "code", "shares", "acquired_disposed", "shares_after", "ownership"}
    ),
    (True, True): frozenset({"security", "date", "code", "ownership", "underlying_security"}),
    (False, False): frozenset({"security", "shares", "ownership"}),
    (False, True): frozenset({"security", "ownership", "underlying_security"}),
}
# Words of the tables' headers and titles inside a value: a header crumb taken for a title.
_HEADER_IN_VALUE = re.compile(
    r"\(e\.g\.|Instr\.|Month/Day/Year|Title\s+of\s+(?:Derivative\s+)?Securit|"
    r"Securities\s+Acquired|Beneficially\s+Owned|Table\s+I|\bRow\b|Transaction\(s\)|"
    r"Following\s+Reported|\b\d{1,2}\.\s+\d{1,2}\)",
    re.IGNORECASE,
)


_MARK_INSIDE = re.compile(r"(?:\(\d{1,2}\)|\[\d{1,2}\])\s*[A-Za-z]")


def _header_words_only(text: str) -> bool:
    """A line of the tables' headers' words or a rule: ``(e.g.,``, ``of``, ``:----``."""
    words = re.findall(r"[A-Za-z']+", text.lower())
    return all(w in _HEADER_WORDS or w in ("e", "g") for w in words)


def _doubts(values: dict[str, Any], transaction: bool, derivative: bool) -> list[str]:
    """Why a row read from a conversion cannot be trusted: a required field missing, a text
    field holding a header's words."""
    required = _REQUIRED[(transaction, derivative)]
    found = [f"no {name}" for name in sorted(required) if values.get(name) is None]
    for name in ("security", "underlying_security", "nature_of_ownership"):
        text = values.get(name)
        if isinstance(text, str) and _HEADER_IN_VALUE.search(text):
            found.append(f"header words in {name}: {text!r}")
        elif isinstance(text, str) and (
            _MARK_INSIDE.search(text) or (name != "nature_of_ownership" and text[:1].islower())
        ):
            # "Capital XII, L.P.(2) Common Stock": the row above's last words and this row's
            # title run together (a note mark ends a cell, it is never inside a title).
            found.append(f"two cells run together in {name}: {text!r}")
    return found


# The sub-header of Table II's amount columns: "Code  V  (A)  (D)  Date Exercisable ...".
_AD_HEADER = re.compile(r"\(A\)\s+\(D\)")


def _ad_by_position(cell: Cell, body: Sequence[Line], raw: Mapping[int, str] | None) -> str | None:
    """``"acquired"`` or ``"disposed"``: the Table II column an amount is printed under, by
    its place on the page (a layout conversion: the raw line keeps the columns' positions)
    against the ``(A)`` and ``(D)`` of the header printed above it. A page centres both the
    sub-header and the amount in their columns, so the amount's centre must lie clearly
    nearer one of the two (within a third of the gap between them); else None."""
    if not raw:
        return None
    numbers = {line.number: line for line in body}
    line = numbers.get(cell.line)
    text = raw.get(cell.line)
    if line is None or text is None or "\t" in text:
        return None
    header = None
    for number in range(cell.line - 1, body[0].number - 1 if body else 0, -1):
        above = raw.get(number)
        if above is not None and "\t" not in above and _AD_HEADER.search(above):
            header = _AD_HEADER.search(above)
            break
    if header is None:
        return None
    a = header.start() + 1  # the centre of "(A)"
    d = header.end() - 2
    cells = split_cells(line)
    columns = cell_columns(cells, text)
    if columns is None:
        return None
    for whole, (x0, x1) in zip(cells, columns, strict=True):
        if whole.start <= cell.start and cell.end <= whole.end and cell.text:
            at = text.find(cell.text, x0)
            if at < 0 or at + len(cell.text) > x1:
                return None
            centre = at + (len(cell.text) - 1) / 2
            near_a, near_d = abs(centre - a), abs(centre - d)
            if min(near_a, near_d) > (d - a) / 3:
                return None
            return "acquired" if near_a < near_d else "disposed"
    return None


def _table(
    lines: Sequence[Line],
    form: str,
    derivative: bool,
    start: int,
    warnings: list[ParseWarning],
    *,
    raw: Mapping[int, str] | None = None,
) -> tuple[list[Transaction], list[Holding]]:
    title = _TABLE_II if derivative else _TABLE_I
    body = _body(lines, title, start)
    transactions: list[Transaction] = []
    holdings: list[Holding] = []
    if body is None:
        warnings.append(
            ParseWarning(
                code="missing-table", message=f"no Table {'II' if derivative else 'I'} title"
            )
        )
        return transactions, holdings
    schema = _schema(form, derivative)
    doubts: list[str] = []
    logical = _logical_rows(body, raw, form=form, derivative=derivative)
    if isinstance(logical, str):
        doubts.append(logical)
        logical = []
    for physical in logical:
        merged = merge_rows(physical, keep=lambda c: not _is_header_piece(c.text))
        if len(physical) >= 1 and all(_flat(c) for c in physical):
            merged = token_cells([c for line in physical for c in line if c.text], schema)
        assigned, leftovers = align_cells(merged, schema)
        if any(not (_RULE.match(c.text) or _crumb(c.text)) for c in leftovers) or any(
            _run_together(c.text) for c in merged
        ):
            # Cells run together (a gap lost: "Common 04/13/2022 S 300", "$2.79 411,056,826
            # I by Trust"): the row's words placed one by one.
            tokens = token_cells([c for c in merged if c.text], schema)
            again, rest = align_cells(tokens, schema)
            if not rest and len(again) >= len(assigned):
                merged, assigned, leftovers = tokens, again, rest
        is_transaction = form != "3" and bool(_TRANSACTION_FIELDS & set(assigned))
        if form != "3" and not is_transaction:
            # A holding line of Forms 4/5: read again with the holding's columns only, so its
            # one amount is the amount owned, wherever the conversion put it.
            wanted = [i for i, (name, _) in enumerate(schema) if name in _HOLDING_FIELDS]
            assigned, leftovers = align_cells(merged, [schema[i] for i in wanted], wanted)
        for cell in leftovers:
            # A rule (a markdown table's ":----") or a header's crumb ("A", "4)") beside a
            # row is no value; any other cell that fits no column makes the row doubtful.
            if not (_RULE.match(cell.text) or _crumb(cell.text)):
                doubts.append(f"{cell.text!r} fits no column")
            warnings.append(
                ParseWarning(
                    code="unplaced-cell",
                    message=f"table {'II' if derivative else 'I'}: {cell.text!r} fits no column",
                    span=_span(cell),
                )
            )
        if not set(assigned) - {"security", "nature_of_ownership", "underlying_security"}:
            first = merged[0] if merged[0].text else next(c for c in merged if c.text)
            if not _header_words_only(" ".join(c.text for c in merged if c.text)):
                # (a piece of a wrapped title the row lost, or a row whose values were lost)
                doubts.append(f"a line with text only ({first.text!r})")
            warnings.append(
                ParseWarning(
                    code="row-without-values",
                    message=f"table {'II' if derivative else 'I'}: a line with text only "
                    f"({first.text!r}) is not a row",
                    span=_span(first),
                )
            )
            continue
        before = len(warnings)
        values, spans, notes = _read_row(assigned, warnings)
        doubts += [w.message for w in warnings[before:]]
        values.pop("v", None)
        if derivative and form != "3":
            acquired, disposed = values.pop("acquired", None), values.pop("disposed", None)
            for key in ("acquired", "disposed"):
                if key in spans:
                    spans["shares"] = spans.pop(key)
                    if key in notes:
                        notes["shares"] = notes.pop(key)
            if "shares" in spans:
                # Which column holds the amount is what says (A) or (D).
                spans["acquired_disposed"] = spans["shares"]
            placed = assigned.get("acquired") or assigned.get("disposed")
            key = "acquired" if "acquired" in assigned else "disposed"
            one = (acquired is None) != (disposed is None)
            by_place = _ad_by_position(placed, body, raw) if one and placed else None
            if by_place is not None and by_place != key:
                if placed is not None and placed.index == _position(schema, key):
                    by_place = None  # the cell's index and its place on the page disagree
                else:
                    acquired, disposed = disposed, acquired
            if by_place is None and placed is not None and placed.index != _position(schema, key):
                # The conversion dropped empty cells: the amount's column is not known, so
                # neither is the direction (a code's usual direction is not evidence).
                values["shares"] = acquired if acquired is not None else disposed
                warnings.append(
                    ParseWarning(
                        code="acquired-disposed-unknown",
                        message="table II: the (A)/(D) column of the amount is not known",
                        span=_span(placed),
                    )
                )
                spans.pop("acquired_disposed", None)
                acquired = disposed = None
            if acquired is not None and disposed is None:
                values["shares"], values["acquired_disposed"] = acquired, AcquiredDisposed.ACQUIRED
            elif disposed is not None and acquired is None:
                values["shares"], values["acquired_disposed"] = disposed, AcquiredDisposed.DISPOSED
            elif acquired is not None and disposed is not None:
                doubts.append("an (A) and a (D) amount")
                warnings.append(
                    ParseWarning(
                        code="bad-value",
                        message="table II row has both an (A) and a (D) amount",
                        span=spans.get("shares"),
                    )
                )
        model = Transaction if is_transaction else Holding
        if not is_transaction:
            _to_holding(values, spans, notes)
        doubts += _doubts(values, is_transaction, derivative)
        allowed = set(model.model_fields)
        values = {k: v for k, v in values.items() if k in allowed}
        spans = {k: v for k, v in spans.items() if k in allowed}
        notes = {k: v for k, v in notes.items() if k in allowed}
        if is_transaction:
            transactions.append(
                Transaction(
                    derivative=derivative,
                    row=sum(t.derivative == derivative for t in transactions),
                    spans=spans,
                    footnotes=notes,
                    **values,
                )
            )
        else:
            holdings.append(
                Holding(
                    derivative=derivative,
                    row=sum(h.derivative == derivative for h in holdings),
                    spans=spans,
                    footnotes=notes,
                    **values,
                )
            )
    if doubts:
        # One doubtful row makes the table's rows doubtful: a row cut in two, or two rows
        # merged, moves values between rows and numbers the rows after it wrongly. The table
        # is left empty rather than read wrong.
        warnings.append(
            ParseWarning(
                code="table-unread",
                message=f"table {'II' if derivative else 'I'} not read: its rows do not hold "
                f"the form's columns ({'; '.join(doubts[:3])})",
            )
        )
        return [], []
    return transactions, holdings


def read_tables(
    lines: Sequence[Line],
    form: str,
    warnings: list[ParseWarning],
    *,
    start: int = 0,
    raw: Mapping[int, str] | None = None,
) -> tuple[list[Transaction], list[Holding]]:
    """Rows of Table I then Table II, found from line index ``start`` on; ``raw`` gives the
    tables' lines as converted (by line number), where a cell's position on the page is."""
    tx1, hold1 = _table(lines, form, False, start, warnings, raw=raw)
    tx2, hold2 = _table(lines, form, True, start, warnings, raw=raw)
    return tx1 + tx2, hold1 + hold2
