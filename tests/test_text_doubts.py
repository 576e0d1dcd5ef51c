"""Doubtful values read from converted text are left empty with a warning, never guessed.

Each case is a real conversion kept in tests/fixtures/converted (a page rendered from the
tests/corpus XML named in its MANIFEST, converted by the tool its name says), or a few lines
quoted from one; the expected values are the XML's."""

from __future__ import annotations

from pathlib import Path

import pytest

from secgraph.models import OwnershipFiling, ParsedFiling
from secgraph.normalize.doubt import label_fragment, signer_doubt, strip_trailing_date
from secgraph.parsers import Source, ownership_xml
from secgraph.parsers.form_layout import FormText
from secgraph.parsers.ownership_text._owners import _wrapped_street
from secgraph.parsers.registry import parse_path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "converted"
CORPUS = ROOT / "tests" / "corpus"


def _read(name: str) -> tuple[OwnershipFiling, ParsedFiling]:
    parsed = parse_path(FIXTURES / name)
    assert isinstance(parsed.document, OwnershipFiling)
    return parsed.document, parsed


def _xml(path: str) -> OwnershipFiling:
    doc = ownership_xml.parse(Source.from_path(CORPUS / path)).document
    assert isinstance(doc, OwnershipFiling)
    return doc


def _codes(parsed: ParsedFiling) -> set[str]:
    return {w.code for w in parsed.warnings}


def test_a_table_whose_title_wrapped_onto_a_line_of_its_own_is_not_read() -> None:
    """Trap: pdftotext -layout prints "Class B" of a derivative's title on a line of its own;
    read row by row, the title is cut and the rows after it shift. Without the page's
    positions (the gaps as tabs, some lost) Table II is left empty (table-unread); with
    them (look-alike letters cleaned in their columns) the row is rebuilt as the XML has it.
    Table I, whose rows are whole, is read as the XML has it."""
    xml = _xml("form3/datamule_paypal__0000899243-21-011669__doc3.xml")

    def rows(doc: OwnershipFiling, derivative: bool) -> list[tuple[object, ...]]:
        return [
            (h.security, h.shares, h.underlying_security, h.underlying_shares, h.ownership)
            for h in doc.holdings
            if h.derivative == derivative
        ]

    doc, parsed = _read("form3__datamule_paypal__0000899243-21-011669__doc3__noise-lost-tabs.txt")
    assert "table-unread" in _codes(parsed)
    assert rows(doc, True) == []
    doc, parsed = _read("form3__datamule_paypal__0000899243-21-011669__doc3__noise-lookalikes.txt")
    assert "table-unread" not in _codes(parsed)
    assert rows(doc, True) == rows(xml, True) != []
    assert rows(doc, False) == rows(xml, False)


def test_an_owner_name_holding_a_bracket_is_not_read() -> None:
    """Trap: pdftotext -layout puts the ticker's closing "RTPY ]" where the reporting
    person's name (Hoffman Reid in the XML) should be, two lines under the name. Read by
    position the name box ends where the next box's label starts, so the issuer box's
    "RTPY ]" never mixes in and the name is the XML's; a name cell that holds such a piece
    is refused (label_fragment)."""
    doc, _ = _read("form3__datamule_paypal__0000899243-21-011669__doc3__pdftotext-layout.txt")
    xml = _xml("form3/datamule_paypal__0000899243-21-011669__doc3.xml")
    assert doc.owners[0].name is not None and xml.owners[0].name is not None
    assert doc.owners[0].name.full == xml.owners[0].name.full == "Hoffman Reid"
    assert label_fragment("RTPY ]")


def test_more_street_lines_than_the_form_has_are_not_read() -> None:
    """Trap: html2text's narrow box wraps "C/O ABCELLERA BIOLOGICS INC." and "2215 YUKON
    STREET" over four lines; where each street line ended is lost."""
    doc, parsed = _read("form3__datamule_paypal__0000899243-20-033648__doc3__html2text.txt")
    assert doc.owners[0].address is None
    assert "doubtful-address" in _codes(parsed)
    xml = _xml("form3/datamule_paypal__0000899243-20-033648__doc3.xml")
    assert xml.owners[0].address is not None  # the XML has the address: it is missing, not wrong


def test_a_box_label_in_the_officer_title_place_is_not_read() -> None:
    """Trap: lynx runs "... to Issuer" of the relationship box's label into the place of the
    officer's title (CEO in the XML); the tick (Officer) is still read."""
    doc, parsed = _read("form5__datamule_paypal__0000899243-22-006240__doc5__lynx.txt")
    rel = doc.owners[0].relationship
    assert (rel.is_officer, rel.officer_title) == (True, None)
    assert "doubtful-title" in _codes(parsed)


def test_the_signature_block_after_an_empty_remarks_box_is_no_remark() -> None:
    """Trap: the Remarks box is empty in the XML; plain pdftotext prints the signer's words
    ("By: Julia Taylor, Attorney-in-fact For: ...") right after its label."""
    doc, parsed = _read("form4__datamule_paypal__0001475115-21-000064__edgardoc__pdftotext.txt")
    assert doc.remarks is None
    assert "doubtful-remarks" in _codes(parsed)


@pytest.mark.parametrize(
    "text",
    [
        "/s/ Kevin Lee, attorney-in-",  # pdftotext -layout: "fact" on the next line
        "/s/ Jung Yeon Son, by",  # OCR: "power of attorney for Roelof F. Botha" below
        "/s/ Valentina Margulis, as",
        "fact for Reid G. Hoffman",  # the tail of a wrapped name, its head lost
        "Chief Executive Officer",  # Form D: the title in the name's column
        "2023-01-31",  # Form D: the date in the name's column
        "(Instr. 4)",
    ],
)
def test_signers_cut_or_shifted_by_a_conversion_are_doubtful(text: str) -> None:
    assert signer_doubt(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "/s/ Warren E. Buffett, on behalf of himself and each other reporting person hereunder",
        "By: Aaron Beckman by Power of Attorney For: Elon Musk",
        "/s/ Sam Whittington, Attorney-in-Fact for Arthur D. Levinson",
        "Daniel M. Wallach",
    ],
)
def test_whole_signers_are_not_doubtful(text: str) -> None:
    assert signer_doubt(text) is None


def test_a_date_run_into_the_signer_is_stripped() -> None:
    """lynx: "By: Aaron Beckman by Power of Attorney For: Elon Musk 02/14/2022"."""
    text = "By: Aaron Beckman by Power of Attorney For: Elon Musk 02/14/2022"
    assert strip_trailing_date(text) == "By: Aaron Beckman by Power of Attorney For: Elon Musk"


@pytest.mark.parametrize(
    ("text", "doubtful"),
    [
        ("X Director 10%, 701 FIRST AVENUE, Officer, Other", True),  # pdftotext -layout
        ("IWUBA ]", True),
        ("rst) (Middle)", True),  # pandoc plain
        ("Form 4 Transactions Reported.", True),  # pdftotext: a Form 5 tick box's words
        ("\ufffd\ufffd\ufffd", True),  # mojibake of a box-drawn rule
        ("2800 SAND HILL ROAD, SUITE 101", False),
        ("Reid Hoffman & Michelle Yee Living Trust", False),
        ("C/O YAHOO! INC.", False),
    ],
)
def test_label_fragments_in_names_and_addresses(text: str, doubtful: bool) -> None:
    assert label_fragment(text) is doubtful


_STREETS = {"street1": r"Street Address 1", "street2": r"Street Address 2", "city": r"City"}


def _streets(body: str) -> dict[str, str]:
    form = FormText(body, {1: "Issuer's Identity"})
    return {k: v.text for k, v in form.fields(0, len(form.lines), _STREETS).items()}


def test_a_values_row_wrapped_over_a_short_line_is_not_read() -> None:
    """w3m, Form D related person (XML: street1 "13241 Bartram Park Blvd.", street2 "Suite
    2401"): "Blvd." wrapped under the first cell."""
    body = (
        "   Street Address 1        Street Address 2\n"
        "13241 Bartram Park      Suite 2401\n"
        "Blvd.\n"
        "         City\n"
        "Jacksonville\n"
    )
    assert _streets(body) == {"city": "Jacksonville"}


def test_two_address_lines_run_into_one_cell_are_not_read() -> None:
    """lynx: one cell under two street labels, a second line's "Suite" inside it."""
    body = (
        "       Street Address 1        Street Address 2\n   13241 Bartram Park Blvd. Suite 2401\n"
    )
    assert _streets(body) == {}
    one = "Street Address 1\tStreet Address 2\n540 West Ave, Apt 1711\n"
    assert _streets(one) == {"street1": "540 West Ave, Apt 1711"}


def test_two_street_lines_that_may_be_one_wrapped_are_not_read() -> None:
    """Trap: a narrow box wraps '2800 SAND HILL ROAD, SUITE 101' after 'SAND'; read as two
    lines, street1 was '2800 SAND' (wrong). A second line that begins as one (a suite, a
    floor, a number, c/o) is a street2; a first line that is no street (a c/o) keeps both."""
    assert _wrapped_street("2800 SAND", "HILL ROAD, SUITE 101")
    assert not _wrapped_street("2800 SAND HILL ROAD", "SUITE 101")
    assert not _wrapped_street("1 MAIN ST", "FLOOR 11")
    assert not _wrapped_street("C/O SEQUOIA CAPITAL", "2800 SAND HILL ROAD")
    assert not _wrapped_street("1345 AVENUE OF THE AMERICAS", "#1100")
