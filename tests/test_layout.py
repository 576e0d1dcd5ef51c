"""Layout helpers: cells with offsets, labels below values, wrapped lines, table rows."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from secgraph.normalize.layout import (
    Cell,
    align_cells,
    block_between,
    find_line,
    is_parenthetical_label,
    join_wrapped,
    lines_of,
    merge_rows,
    nearest_above,
    split_cells,
    text_before_label,
)
from secgraph.normalize.lines import join_lines, split_lines

TEXT = "head\nWALTHAM\tMA\t02451\t\n(City)\t(State)\t(Zip)\n"


def test_lines_keep_numbers_and_offsets() -> None:
    lines = lines_of("a\r\nbc\n\nd")
    assert [(ln.number, ln.text, ln.offset) for ln in lines] == [
        (1, "a", 0),
        (2, "bc", 3),
        (3, "", 6),
        (4, "d", 7),
    ]
    assert lines[2].blank


def _reference_lines(text: str) -> list[tuple[int, str, int]]:
    """Lines as the definition says: split on "\n", a trailing "\r" dropped, offsets in text."""
    out, offset = [], 0
    for number, raw in enumerate(text.split("\n"), start=1):
        out.append((number, raw.removesuffix("\r"), offset))
        offset += len(raw) + 1
    return out


@given(st.lists(st.sampled_from(["", "a", "bc", "x\r", "\r", " \t", "é€"]), max_size=40))
def test_lines_made_when_read_are_the_lines_of_the_text(parts: list[str]) -> None:
    """Trap: lines made on demand (issue 14: a list of Line objects took 30 times a short-line
    text) disagreeing with the text at an end, a "\r" or an empty line."""
    text = "\n".join(parts)
    lines = lines_of(text)
    expected = _reference_lines(text)
    assert [(ln.number, ln.text, ln.offset) for ln in lines] == expected
    assert [(ln.number, ln.text, ln.offset) for ln in lines.scan(2, 7)] == expected[2:7]
    assert list(lines.texts(1)) == [t for _, t, _ in expected[1:]]
    assert len(lines) == len(expected)
    if expected:
        assert (lines[-1].number, lines[-1].text) == expected[-1][:2]


@given(st.lists(st.sampled_from(["", "a", "bc\r", "x" * 70_000]), max_size=12))
def test_lines_split_and_joined_a_piece_at_a_time(parts: list[str]) -> None:
    """Trap: splitting a text a 64 Ki-character piece at a time (issue 14: no list of every
    line) cutting a line at a piece's edge, or joining in batches adding or losing a line."""
    text = "\n".join(parts)
    assert list(split_lines(text)) == text.split("\n")
    assert join_lines(iter(text.split("\n"))) == text
    many = [str(i) for i in range(10_000)]  # more than one batch
    assert join_lines(iter(many)) == "\n".join(many)
    assert join_lines(iter(many[:4096])) == "\n".join(many[:4096])  # exactly one batch


def test_lines_across_the_pieces_and_batches_they_are_read_in() -> None:
    """Trap: a line cut where the text is split into pieces (64 Ki characters) to find its
    newlines, or where a scan reads a batch (4,096 lines), read as two lines or lost."""
    text = "\n".join(f"line {i}" + "x" * (i % 97) for i in range(12_000)) + "\n"
    lines = lines_of(text)
    expected = _reference_lines(text)
    assert [(ln.number, ln.text, ln.offset) for ln in lines] == expected
    assert list(lines.texts(4000, 8200)) == [t for _, t, _ in expected[4000:8200]]
    assert lines[8191].text == expected[8191][1]


def test_tab_cells_keep_offsets_in_the_whole_text() -> None:
    line = lines_of(TEXT)[1]
    cells = split_cells(line)
    assert [c.text for c in cells] == ["WALTHAM", "MA", "02451", ""]
    for cell in cells:
        assert TEXT[cell.start : cell.end] == cell.text
        assert cell.line == 2
    assert [c.index for c in cells] == [0, 1, 2, 3]


def test_cells_are_stripped() -> None:
    text = "  Common Stock \t 163,350 \tD"
    cells = split_cells(lines_of(text)[0])
    assert [c.text for c in cells] == ["Common Stock", "163,350", "D"]
    assert [text[c.start : c.end] for c in cells] == ["Common Stock", "163,350", "D"]


def test_markdown_pipe_rows() -> None:
    text = "| Common Stock | 11/14/2023 |  | P |"
    cells = split_cells(lines_of(text)[0])
    assert [c.text for c in cells] == ["Common Stock", "11/14/2023", "", "P"]
    assert text[cells[3].start : cells[3].end] == "P"


def test_space_aligned_columns() -> None:
    text = "Common Stock    11/14/2023   P   100"
    cells = split_cells(lines_of(text)[0], sep="  ")
    assert [c.text for c in cells] == ["Common Stock", "11/14/2023", "P", "100"]
    assert all(text[c.start : c.end] == c.text for c in cells)


def test_a_line_without_separators_is_one_cell() -> None:
    cells = split_cells(lines_of("  Remarks: none ")[0])
    assert [(c.text, c.start, c.end) for c in cells] == [("Remarks: none", 2, 15)]


@given(st.lists(st.text(alphabet="ab \u00c2|", max_size=6), min_size=1, max_size=6))
def test_cells_always_point_at_their_text(pieces: list[str]) -> None:
    text = "\t".join(pieces)
    for cell in split_cells(lines_of(text)[0]):
        assert text[cell.start : cell.end] == cell.text
        assert cell.text == cell.text.strip()


def test_labels_below_values() -> None:
    """The value row is the nearest non-blank line above a label row, unless it is a label."""
    lines = lines_of("1. Name and Address\n\n(Last) (First) (Middle)\nPANORA ROBERT A\n(Last)")
    assert nearest_above(lines, 2, stop=lambda ln: ln.text.startswith("1.")) is None
    assert nearest_above(lines, 4) == 3
    assert nearest_above(lines, 2, limit=1) is None


def test_parenthetical_labels() -> None:
    assert is_parenthetical_label("(City) (State) (Zip)")
    assert is_parenthetical_label("(Month/Day/Year)")
    assert not is_parenthetical_label("Stock Option (Right to Buy)")
    assert not is_parenthetical_label("(1) The option")
    assert not is_parenthetical_label("")


def test_value_before_an_inline_label() -> None:
    text = "C/O TECOGEN INC. 45 FIRST AVENUE (Street)"
    cell = split_cells(lines_of(text)[0])[0]
    value = text_before_label(cell, "(Street)")
    assert value is not None
    assert value.text == "C/O TECOGEN INC. 45 FIRST AVENUE"
    assert text[value.start : value.end] == value.text
    assert text_before_label(cell, "(City)") is None


def test_join_wrapped_lines() -> None:
    assert join_wrapped(["/s/ Robert A.", "Panora"]) == "/s/ Robert A. Panora"
    assert join_wrapped(["Deriva-", "tive Security"]) == "Derivative Security"
    assert join_wrapped(["Non-", "Qualified Option"]) == "Non-Qualified Option"
    assert join_wrapped(["general partner of FF-", "VII. The"]) == "general partner of FF-VII. The"
    assert join_wrapped(["Rule 10b5-", "1 trading plans"]) == "Rule 10b5-1 trading plans"
    assert join_wrapped(["a dash -", "Then"]) == "a dash - Then"
    assert join_wrapped(["", "  a  ", ""]) == "a"


def test_block_between_headers() -> None:
    lines = lines_of("x\nTable I - A\nrow 1\nrow 2\nTable II - B\nrow 3\nExplanation of Responses")
    start = re.compile(r"^Table I\b")
    ends = [re.compile(r"^Table II\b"), re.compile("Explanation")]
    assert block_between(lines, start, ends) == (2, 4)
    assert block_between(lines, re.compile(r"^Table II\b"), ends) == (5, 6)
    assert block_between(lines, re.compile("Table III"), ends) is None
    assert find_line(lines, re.compile("row"), 3) == 3


def _cells(text: str, line: int = 1) -> list[Cell]:
    return split_cells(lines_of(text)[0])


def test_merge_rows_drops_header_pieces_and_repeats() -> None:
    """The Form 3 seed's option row, spread over three lines with header pieces between."""
    rows = [
        split_cells(ln)
        for ln in lines_of(
            "Stock Option\tExercise Price\t\tCommon Stock\tShares\n"
            "\t\t\t\tNumber\tPrice\n"
            "\t(1)\t02/14/2021\tCommon Stock\t125,000\t$ 2.6"
        )
    ]
    merged = merge_rows(
        rows, keep=lambda c: c.text not in {"Exercise Price", "Shares", "Number", "Price"}
    )
    assert [c.text for c in merged] == [
        "Stock Option",
        "(1)",
        "02/14/2021",
        "Common Stock",
        "125,000",
        "$ 2.6",
    ]
    assert [c.line for c in merged] == [1, 3, 3, 1, 3, 3]


def _is_number(t: str) -> bool:
    return t.replace(",", "").isdigit()


FIELDS = (
    ("security", lambda t: t.isalpha() or " " in t),
    ("shares", _is_number),
    ("ownership", lambda t: t in ("D", "I")),
    ("nature", lambda t: len(t) > 1 and not _is_number(t)),
)


def test_align_by_position() -> None:
    assigned, leftovers = align_cells(_cells("Common Stock\t163,350\tD\t"), FIELDS)
    assert {k: c.text for k, c in assigned.items()} == {
        "security": "Common Stock",
        "shares": "163,350",
        "ownership": "D",
    }
    assert leftovers == []


def test_align_by_kind_when_columns_shift() -> None:
    """A shifted row (an extra empty cell) still lands by the kinds of its values."""
    assigned, leftovers = align_cells(_cells("Common Stock\t\t\t163,350\tI\tBy Trust\tA"), FIELDS)
    assert {k: c.text for k, c in assigned.items()} == {
        "security": "Common Stock",
        "shares": "163,350",
        "ownership": "I",
        "nature": "By Trust",
    }
    assert [c.text for c in leftovers] == ["A"]


def test_align_a_subset_of_columns_keeps_their_positions() -> None:
    """A holding row of a transactions table is read with only the holding's columns, each
    at its place in the full table."""
    fields = (FIELDS[0], ("after", _is_number), FIELDS[2])
    assigned, leftovers = align_cells(
        _cells("Common Stock\t\t\t151,188\tI"), fields, positions=[0, 3, 4]
    )
    assert {k: (c.text, c.index) for k, c in assigned.items()} == {
        "security": ("Common Stock", 0),
        "after": ("151,188", 3),
        "ownership": ("I", 4),
    }
    assert leftovers == []


def test_align_keeps_order() -> None:
    """Cells never swap: a D before the number cannot be the ownership form after it."""
    assigned, leftovers = align_cells(_cells("Common Stock\tD\t163,350"), FIELDS)
    assert "ownership" not in assigned
    assert [c.text for c in leftovers] == ["D"]
