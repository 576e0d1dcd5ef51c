"""SEC-rendered Form 3/4/5 pages read back from their table structure.

Expected values were read by hand from the pages in tests/corpus/rendered/.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from secgraph.errors import MalformedDocumentError
from secgraph.models import (
    AcquiredDisposed,
    EntityKind,
    Holding,
    InputFormat,
    OwnershipFiling,
    OwnershipNature,
    ParsedFiling,
    Transaction,
    TransactionCode,
)
from secgraph.parsers import Source, registry
from secgraph.parsers import ownership_html as parser

RENDERED = Path(__file__).parent / "corpus" / "rendered"
GOOG_2015 = RENDERED / "darkmindfx__GOOG__000112760215028697__SEC_FORM_4.html"
GOOG_2022 = RENDERED / "darkmindfx__GOOG__000120919122024550__SEC_FORM_4.html"
EVANS = RENDERED / "edgartools__form4.Evans.html"
SNOW_3 = RENDERED / "edgartools__form3.snow.html"
SNOW_5 = RENDERED / "edgartools__form5.snow.html"
BAM_3 = RENDERED / "edgartools__form3.BAMPartners.html"
MSFT = RENDERED / "edgar4j__MSFT_Form4_Example.html"
WATER = RENDERED / "edgartools__374WaterForm4.html"
OWNERSHIP_PAGES = [GOOG_2015, GOOG_2022, EVANS, SNOW_3, SNOW_5, BAM_3, MSFT, WATER]


def _parse_bytes(data: bytes, name: str = "variant.html") -> ParsedFiling:
    return parser.parse(Source(name, data))


def _doc(path: Path) -> tuple[OwnershipFiling, ParsedFiling]:
    parsed = parser.parse(Source.from_path(path))
    assert isinstance(parsed.document, OwnershipFiling)
    return parsed.document, parsed


@pytest.mark.parametrize("path", OWNERSHIP_PAGES, ids=lambda p: p.name)
def test_every_rendered_ownership_page_is_detected_and_parsed(path: Path) -> None:
    """Trap: detection must come from the page's statement title, not its file name (the
    edgar4j page was saved upstream as .xml)."""
    source = Source.from_path(path)
    assert parser.detect(source)
    assert registry.detect(source).name == "ownership-html"
    doc, _ = _doc(path)
    assert doc.filing.input_format is InputFormat.HTML
    assert doc.issuer.cik and doc.owners and doc.signatures


@pytest.mark.parametrize(
    "name",
    ["hashnote__formD_rendered_primary_doc.html"],
)
def test_form_d_page_is_not_an_ownership_page(name: str) -> None:
    assert not parser.detect(Source.from_path(RENDERED / name))


def test_google_2015_form4_header_boxes() -> None:
    """Brin Form 4 (0001127602-15-028697): CIKs live only in the getcompany links; the
    officer title "Co-Founder" sits in a single colspan=4 cell under the tick boxes."""
    doc, parsed = _doc(GOOG_2015)
    assert doc.filing.form_type == "4" and doc.filing.amendment is False
    assert doc.filing.period_date == dt.date(2015, 10, 2)
    assert doc.issuer.name == "GOOGLE INC."
    assert doc.issuer.cik == "0001288776"
    assert doc.issuer.ticker == "GOOG"
    (owner,) = doc.owners
    assert owner.cik == "0001295032"
    assert owner.name is not None and owner.name.full == "Brin Sergey"
    assert owner.kind is EntityKind.PERSON
    assert owner.address is not None
    assert (owner.address.street1, owner.address.street2) == (
        "C/O GOOGLE INC.",
        "1600 AMPHITHEATRE PARKWAY",
    )
    assert (owner.address.city, owner.address.state, owner.address.zip) == (
        "MOUNTAIN VIEW",
        "CA",
        "94043",
    )
    rel = owner.relationship
    assert (rel.is_director, rel.is_officer, rel.is_ten_percent_owner, rel.is_other) == (
        True,
        True,
        True,
        False,
    )
    assert rel.officer_title == "Co-Founder" and rel.other_text is None
    assert doc.not_subject_to_section16 is False
    assert doc.rule_10b5_1 is None  # the 2015 page has no 10b5-1 box at all
    assert doc.joint_filing is False
    assert parsed.warnings == []


def test_google_2015_form4_tables_and_footnote_marks() -> None:
    """Trap: each "(n)" mark belongs to the value it follows: (1) to the security title of
    every Table I row, (2)..(18) to the prices, (19)/(20) to the Table II exercisable and
    expiration dates, which carry no value at all."""
    doc, _ = _doc(GOOG_2015)
    table1 = [t for t in doc.transactions if not t.derivative]
    assert len(table1) == 18
    first, second, last = table1[0], table1[1], table1[-1]
    assert first.row == 0 and first.security == "Class A Common Stock"
    assert first.date == dt.date(2015, 10, 2)
    assert first.code is TransactionCode.C
    assert first.shares == Decimal(16670) and first.price == Decimal(0)
    assert first.acquired_disposed is AcquiredDisposed.ACQUIRED
    assert first.shares_after == Decimal(16670)
    assert first.ownership is OwnershipNature.DIRECT
    assert first.footnotes == {"security": ["F1"]}
    assert second.code is TransactionCode.S and second.shares == Decimal(532)
    assert second.price == Decimal("634.4608") and second.shares_after == Decimal(16138)
    assert second.footnotes == {"security": ["F1"], "price": ["F2"]}
    assert last.row == 17 and last.price == Decimal("656.1295") and last.shares_after == 0
    assert last.footnotes["price"] == ["F18"]
    (holding,) = [h for h in doc.holdings if not h.derivative]
    assert holding.security == "Class C Capital Stock" and holding.row == 0
    assert holding.shares == Decimal(21169379) and holding.ownership is OwnershipNature.DIRECT
    (deriv,) = [t for t in doc.transactions if t.derivative]
    assert deriv.security == "Class B Common Stock" and deriv.row == 0
    assert deriv.exercise_price == 0 and deriv.price == 0
    assert deriv.code is TransactionCode.C
    assert deriv.shares == Decimal(16670)
    assert deriv.acquired_disposed is AcquiredDisposed.DISPOSED  # the (D) column is filled
    assert deriv.exercisable_date is None and deriv.expiration_date is None
    assert deriv.footnotes == {"exercisable_date": ["F19"], "expiration_date": ["F20"]}
    assert deriv.underlying_security == "Class A Common Stock"
    assert deriv.underlying_shares == Decimal(16670) and deriv.shares_after == Decimal(21109310)
    assert [f.id for f in doc.footnote_texts] == [f"F{i}" for i in range(1, 21)]
    assert doc.footnote_texts[18].text == "All shares are exercisable as of the transaction date."
    assert doc.remarks is not None and doc.remarks.startswith("Form 4 Filing 1 of 2")
    (sig,) = doc.signatures
    assert sig.name == "/s/ Valentina Margulis, as attorney-in-fact for Sergey Brin"
    assert sig.date == dt.date(2015, 10, 5) == doc.filing.signature_date


def test_form3_has_only_holdings_and_reads_the_four_cell_title_row() -> None:
    """Snowflake Form 3 (Garrett): Table I is empty, Table II has six holdings; the Series E
    row has footnote marks only in its date and price cells, so those values stay None."""
    doc, _ = _doc(SNOW_3)
    assert doc.filing.form_type == "3" and doc.filing.period_date == dt.date(2020, 9, 15)
    assert doc.transactions == []
    assert len(doc.holdings) == 6 and all(h.derivative for h in doc.holdings)
    series_e = doc.holdings[0]
    assert series_e.security == "Series E Preferred Stock"
    assert series_e.exercise_price is None and series_e.exercisable_date is None
    assert series_e.footnotes == {
        "exercisable_date": ["F1"],
        "expiration_date": ["F1"],
        "underlying_security": ["F2", "F3"],
        "exercise_price": ["F1"],
        "nature_of_ownership": ["F4"],
    }
    assert series_e.underlying_shares == Decimal(134018)
    assert series_e.ownership is OwnershipNature.INDIRECT
    assert series_e.nature_of_ownership == "Limited Partnership"
    option = doc.holdings[1]
    assert option.exercise_price == Decimal("3.74")
    assert option.expiration_date == dt.date(2028, 4, 14)
    assert option.shares is None  # a Form 3 derivative row has no "owned" column
    assert [h.nature_of_ownership for h in doc.holdings[2:]] == ["Trust"] * 4
    assert [h.footnotes["nature_of_ownership"] for h in doc.holdings[2:]] == [
        ["F6"],
        ["F7"],
        ["F8"],
        ["F9"],
    ]
    assert doc.not_subject_to_section16 is None  # Form 3 has no such box
    assert doc.remarks == "Exhibit 24 - Power of Attorney"


def test_form5_fiscal_year_column_and_code_footnote() -> None:
    """Snowflake Form 5 (McMahon): column 5 is "owned at end of Issuer's Fiscal Year" and the
    code column has no Code/V sub-columns; "G(1)" puts F1 on the code."""
    doc, _ = _doc(SNOW_5)
    assert doc.filing.form_type == "5" and doc.filing.period_date == dt.date(2022, 1, 31)
    (gift,) = doc.transactions
    assert gift.code is TransactionCode.G and gift.footnotes["code"] == ["F1"]
    assert gift.shares == Decimal(61386) and gift.price == 0
    assert gift.acquired_disposed is AcquiredDisposed.DISPOSED
    assert gift.shares_after == Decimal(54666) and gift.footnotes["shares_after"] == ["F2"]
    assert [(h.row, h.shares, h.nature_of_ownership) for h in doc.holdings] == [
        (0, Decimal(151188), "Trust"),
        (1, Decimal(125737), "Trust"),
    ]
    assert doc.form3_holdings_reported is False and doc.form4_transactions_reported is False
    assert doc.not_subject_to_section16 is False


def test_msft_restricted_units_with_footnote_only_cells() -> None:
    """MSFT Form 4 (Teri List): "(1)" alone in the exercise-price cell and " (2)" in both date
    cells; the fractional-share note (3) is on the amount owned after."""
    doc, _ = _doc(MSFT)
    (rsu,) = doc.transactions
    assert rsu.derivative and rsu.security == "Restricted Stock Units"
    assert rsu.exercise_price is None and rsu.footnotes["exercise_price"] == ["F1"]
    assert rsu.footnotes["exercisable_date"] == ["F2"] == rsu.footnotes["expiration_date"]
    assert rsu.shares == Decimal(1619) and rsu.acquired_disposed is AcquiredDisposed.ACQUIRED
    assert rsu.shares_after == Decimal(4172) and rsu.footnotes["shares_after"] == ["F3"]
    (common,) = doc.holdings
    assert common.security == "Common Stock" and common.shares == Decimal(3398)
    assert doc.owners[0].name is not None and doc.owners[0].name.full == "List Teri L."
    assert doc.owners[0].address is not None and doc.owners[0].address.zip == "98052-6399"


def test_new_10b5_1_box_and_officer_title() -> None:
    """374Water Form 4 (2025): the page has the 2023 Rule 10b5-1(c) box (unticked)."""
    doc, _ = _doc(WATER)
    assert doc.rule_10b5_1 is False
    assert doc.owners[0].relationship.officer_title == "Chief Technology Officer"
    assert doc.owners[0].relationship.is_officer is True
    assert doc.issuer.ticker == "SCWO"


def test_fractional_shares_after() -> None:
    """Evans Form 4: 5,381.2 shares owned after (a dividend-reinvestment fraction)."""
    doc, _ = _doc(EVANS)
    (tx,) = doc.transactions
    assert tx.shares_after == Decimal("5381.2") and tx.price == Decimal("39.52")
    assert tx.footnotes == {"shares": ["F1"]}


def test_joint_filing_lists_every_owner_once() -> None:
    """BAM Partners Form 3: ten reporting owners; the first is printed twice (top box and the
    list after Table II) and must appear once. Only the first owner's relationship is
    printed, and the parser says so instead of copying it to the others."""
    doc, parsed = _doc(BAM_3)
    assert len(doc.owners) == 10
    assert [o.cik for o in doc.owners[:3]] == ["0001001085", "0001861643", "0001996787"]
    assert doc.owners[-1].name is not None and doc.owners[-1].name.full == "BIF V Thanos Carry L.P."
    assert all(o.kind is EntityKind.ORGANIZATION for o in doc.owners)
    assert doc.owners[0].relationship.is_ten_percent_owner is True
    assert doc.joint_filing is True
    assert [w.code for w in parsed.warnings] == ["relationship-not-rendered"]
    (holding,) = doc.holdings
    assert holding.shares == Decimal(101158891)
    assert holding.footnotes == {"shares": ["F1"], "nature_of_ownership": ["F2", "F3"]}
    assert doc.owners[1].address is not None
    assert doc.owners[1].address.street2 == "BROOKFIELD PLACE 181 BAY ST SUITE 100"


# ----------------------------------------------------------------------------- variants


def _evans() -> str:
    return EVANS.read_text(encoding="utf-8")


def test_variant_amendment_with_ticked_boxes_and_other_text() -> None:
    """A 4/A: date of original in box 4, the Section 16 box ticked, "Other" ticked with its
    text in the second span of the title row."""
    html = _evans().replace(
        '<td class="FormName">FORM 4</td>', '<td class="FormName">FORM 4/A</td>'
    )
    html = html.replace(
        "4. If Amendment, Date of Original Filed\n         (Month/Day/Year)</span><br>",
        "4. If Amendment, Date of Original Filed\n         (Month/Day/Year)</span><br>"
        '<span class="FormData">01/20/2023</span>',
    )
    html = html.replace(
        '<td><table width="100%" border="1" cellpadding="0" cellspacing="0"><tr><td>  </td>',
        '<td><table width="100%" border="1" cellpadding="0" cellspacing="0"><tr><td>X</td>',
        1,
    )
    html = re.sub(
        r'<td align="center"></td>\s*<td class="MedSmallFormText">Other \(specify below\)</td>',
        '<td align="center"><span class="FormData">X</span></td>'
        '<td class="MedSmallFormText">Other (specify below)</td>',
        html,
    )
    html = html.replace(
        '<span class="FormData"></span><span class="FormData"></span>',
        '<span class="FormData"></span><span class="FormData">Trustee of a holder</span>',
    )
    doc = _parse_bytes(html.encode()).document
    assert isinstance(doc, OwnershipFiling)
    assert doc.filing.form_type == "4/A" and doc.filing.amendment
    assert doc.filing.date_of_original == dt.date(2023, 1, 20) == doc.date_of_original
    assert doc.not_subject_to_section16 is True
    rel = doc.owners[0].relationship
    assert rel.is_other and rel.other_text == "Trustee of a holder" and rel.officer_title is None


def test_variant_minified_page_with_more_rows() -> None:
    """The same page with all line breaks removed and the Table I row repeated with other
    values: parsing follows the table structure, not line layout."""
    html = _evans()
    row = re.search(
        r"<tr>\s*<td align=\"left\">\s*<span class=\"FormData\">Common Stock.*?</tr>", html, re.S
    )
    assert row is not None
    extra = (
        row.group(0)
        .replace("01/24/2023", "02/01/2023")
        .replace("519", "1,250")
        .replace('$</span><span class="FormData">39.52', '$</span><span class="FormData">41.07')
    )
    html = html.replace(row.group(0), row.group(0) + extra)
    html = re.sub(r"\s*\n\s*", " ", html)
    doc = _parse_bytes(html.encode()).document
    assert isinstance(doc, OwnershipFiling)
    assert [(t.row, t.date, t.shares, t.price) for t in doc.transactions] == [
        (0, dt.date(2023, 1, 24), Decimal(519), Decimal("39.52")),
        (1, dt.date(2023, 2, 1), Decimal(1250), Decimal("41.07")),
    ]
    assert doc.owners[0].name is not None and doc.owners[0].name.full == "SULLIVAN NORA B"


def test_variant_undefined_footnote_and_bad_code_are_warnings() -> None:
    html = _evans().replace("<sup>(1)</sup>", "<sup>(7)</sup>")
    html = re.sub(r'(<span class="SmallFormData">)A(</span>)', r"\1Q\2", html, count=1)
    parsed = _parse_bytes(html.encode())
    codes = sorted(w.code for w in parsed.warnings)
    assert codes == ["bad-value", "footnote-undefined"]
    doc = parsed.document
    assert isinstance(doc, OwnershipFiling)
    assert isinstance(doc.transactions[0], Transaction) and doc.transactions[0].code is None


def test_page_without_issuer_box_is_malformed() -> None:
    html = _evans().replace("Issuer Name <b>and</b> Ticker", "Company")
    with pytest.raises(MalformedDocumentError, match=r"variant\.html: no issuer box"):
        _parse_bytes(html.encode())


def test_holdings_are_holding_records() -> None:
    doc, _ = _doc(GOOG_2022)
    assert all(isinstance(h, Holding) for h in doc.holdings)
    assert [h.nature_of_ownership for h in doc.holdings] == [
        None,
        "SMB Pacific 2021 Charitable Remainder Unitrust I",
        "SMB Pacific 2021 Charitable Remainder Unitrust II",
    ]
    assert [h.shares for h in doc.holdings] == [Decimal(18509696), Decimal(8635), Decimal(8635)]
