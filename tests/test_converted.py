"""Converter habits undone line by line (secgraph.normalize.converted).

Each input line is copied from a real conversion of an SEC rendering (the fidelity harness's
w3m, lynx, html2text, pandoc and pdftotext outputs of tests/corpus filings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from secgraph.normalize.converted import (
    drop_stray_bold,
    merge_boxed_rows,
    merged_boxed_rows,
    normalize_converted_line,
    unmangle,
)

CONVERTED = Path(__file__).parent / "fixtures" / "converted"


def test_a_rule_is_a_blank_line_of_the_same_length() -> None:
    """Trap: lynx's underline row under a name was read as the reporting person's name
    ('_____'); the row must carry nothing, and the offsets after it must not move."""
    for rule in (" " + "_" * 69, "━━━━━━━━━━━━", "|=========================|", "---\t----"):
        out = normalize_converted_line(rule)
        assert out.strip() == "" and len(out) == len(rule)


def test_lynx_link_numbers_and_caret_marks() -> None:
    """Trap: lynx prints a link as '[1]Scarpelli Michael' and a superscript as '^(1)'; the
    number is no part of the name, and the mark stays glued to the value it annotates."""
    assert normalize_converted_line("   [1]Scarpelli Michael") == "   Scarpelli Michael"
    line = "   Common Stock 03/08/2023 M 5,250 A $2.79 411,056,826 I by Trust^(1)"
    assert normalize_converted_line(line).endswith("by Trust(1)")


def test_pandoc_superscripts_stay_marks() -> None:
    """Trap: NFKC turns '301,097⁽¹⁾' into '301,097(1)' only by luck and '54,666²' into
    '54,6662' (a wrong share count); both become the mark '(1)' / '(2)'."""
    assert "301,097(1)" in normalize_converted_line("  301,097⁽¹⁾   D")
    assert "54,666(2)" in normalize_converted_line("54,666²")


def test_box_borders_are_column_breaks_and_an_empty_first_column_stays() -> None:
    """Trap: stripping w3m's borders twice dropped an empty first cell, shifting every value
    of the line one column left (the issuer's name read as the owner's)."""
    line = "│                          │ Tesla, Inc. [ TSLA ]     │ to Issuer               │"
    assert normalize_converted_line(line).split("\t") == ["", "Tesla, Inc. [ TSLA ]", "to Issuer"]


def test_html2text_underlined_links_and_entities() -> None:
    """Trap: html2text underlines a link's words with underscores and leaves '&#x27;'."""
    assert normalize_converted_line("|Scarpelli_Michael        |") == "Scarpelli Michael"
    assert "Person's" in normalize_converted_line("the Reporting Person&#x27;s child")


def test_markdown_escapes_are_not_underlines() -> None:
    """Trap: the seed's escaped '\\_\\_Signature' must stay for the markdown layer."""
    assert normalize_converted_line("\\_\\_Signature of Date  ") == "\\_\\_Signature of Date  "


def test_layout_gaps_become_tabs_but_sentences_stay() -> None:
    """Trap: pdftotext -layout separates columns by runs of spaces only."""
    line = " AUSTIN          TX          78725"
    assert normalize_converted_line(line) == " AUSTIN\tTX\t78725"
    assert normalize_converted_line("Filed pursuant to Section 16(a).  See") == (
        "Filed pursuant to Section 16(a).  See"
    )


def test_a_page_feed_before_the_indent_is_no_first_cell() -> None:
    """Trap: pdftotext starts a page with a form feed; the indent after it read as a gap made
    an empty first cell, and the signature table's labels slid one column to the right of
    their values (the issuer read from the signer's column)."""
    line = "\f          Issuer              Signature         Name of Signer"
    assert normalize_converted_line(line) == "\f          Issuer\tSignature\tName of Signer"


def test_mojibake_box_borders_are_found() -> None:
    """Trap: a w3m page saved as UTF-8 and read as Windows-1252 has 'â”‚' for '│'."""
    garbled = "│ Musk Elon │ 03/08/2023 │".encode().decode("cp1252", errors="replace")
    assert normalize_converted_line(garbled) == "Musk Elon\t03/08/2023"
    assert unmangle("\u00c2\u00a0D") == " D"  # a UTF-8 non-breaking space read as cp1252


def test_wrapped_rows_of_a_boxed_table_are_rebuilt() -> None:
    """Trap: w3m wraps 'Class A Common Stock' over three lines of one row; read line by line
    the title is three rows and the values belong to none."""
    rows = [
        "├──────────┼─────────────┼───────┤",
        "│ Class A  │             │       │",
        "│ Common   │ 12/13/2022  │   M   │",
        "│ Stock    │             │       │",
        "├──────────┼─────────────┼───────┤",
    ]
    out = merge_boxed_rows(rows)
    assert len(out) == len(rows)
    assert normalize_converted_line(out[1]) == "Class A Common Stock\t12/13/2022\tM"
    assert out[2] == out[3] == ""


@pytest.mark.parametrize("path", sorted(CONVERTED.glob("*__*")), ids=lambda p: p.name)
def test_boxed_rows_rebuilt_a_run_at_a_time_as_over_the_whole_text(path: Path) -> None:
    """Trap: the streaming rebuild (no list of a long text's lines, issue 14) changing a
    conversion's rows, merging rows across a line without borders, or losing a line."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert list(merged_boxed_rows(iter(lines))) == merge_boxed_rows(lines)


def test_a_bold_span_broken_over_two_lines_leaves_no_stars() -> None:
    """Trap: '**Common' / 'Stock**' kept its stars in the security's title."""
    assert drop_stray_bold("**Common") == "Common"
    assert drop_stray_bold("Stock**\t12/13/2022") == "Stock\t12/13/2022"
    assert drop_stray_bold("** Signature of Reporting Person") == "** Signature of Reporting Person"


def test_html2text_rows_between_pipes_are_rebuilt() -> None:
    """Trap: html2text draws a row's wrapped cells between pipes and underlines its last line
    ('buy)______'); read line by line, 'Non-' / 'Qualified' / 'Stock' were three rows."""
    rows = [
        "|__________|__________|___________|",
        "|Non-      |          |           |",
        "|Qualified |   $2.79  |03/08/2023 |",
        "|Stock_____|__________|___________|",
        "|Common    |          |           |",
    ]
    out = merge_boxed_rows(rows)
    assert normalize_converted_line(out[1]) == "Non-Qualified Stock\t$2.79\t03/08/2023"
    assert out[2] == out[3] == ""
    assert out[4] == rows[4]


def test_markdown_pipe_table_rows_stay_rows() -> None:
    """Trap: pandoc's gfm table rows share their pipes' positions like html2text's wrapped
    cells, but each is a whole row; merged, a table of two transactions became one."""
    rows = [
        "| Common Stock | 03/08/2023 | M |",
        "| Common Stock | 03/08/2023 | M |",
    ]
    assert merge_boxed_rows(rows) == rows


def test_a_compound_hyphen_lost_at_a_line_end_is_put_back() -> None:
    """Trap: plain pdftotext joins a line ending in 'Attorney-in-' to 'Fact' without its
    hyphen; the signer read 'as Attorney-inFact'. Names with a capital inside stay."""
    assert normalize_converted_line("Castillo as Attorney-inFact") == (
        "Castillo as Attorney-in-Fact"
    )
    for kept in ("Jean-Pierre McDonald", "as Attorney-in-Fact", "O'Neil-MacLeod"):
        assert normalize_converted_line(kept) == kept
