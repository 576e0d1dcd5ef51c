"""A layout conversion (Chromium's PDF of an SEC rendering, then pdftotext -layout) read by
position: values under their box's label, wrapped table rows rebuilt across a page break,
Table II's (A)/(D) read from the column an amount is printed under.

Each case is a real conversion kept in tests/fixtures/converted (its MANIFEST gives the XML
it was rendered from, the tool and the command); the expected values are the XML's."""

from __future__ import annotations

from pathlib import Path

from secgraph.models import OwnershipFiling, ParsedFiling
from secgraph.parsers import Source, ownership_xml
from secgraph.parsers.registry import parse_path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "converted"
CORPUS = ROOT / "tests" / "corpus"


def _pair(
    stem: str, kind: str = "pdftotext-layout"
) -> tuple[OwnershipFiling, ParsedFiling, OwnershipFiling]:
    family, name = stem.split("__", 1)
    parsed = parse_path(FIXTURES / f"{stem}__{kind}.txt")
    assert isinstance(parsed.document, OwnershipFiling)
    xml = ownership_xml.parse(Source.from_path(CORPUS / family / f"{name}.xml")).document
    assert isinstance(xml, OwnershipFiling)
    return parsed.document, parsed, xml


def _rows(doc: OwnershipFiling, derivative: bool) -> list[tuple[object, ...]]:
    return [
        (t.security, t.date, t.code, t.shares, t.acquired_disposed, t.price, t.shares_after)
        for t in doc.transactions
        if t.derivative == derivative
    ]


def test_table_ii_amount_direction_is_the_column_it_is_printed_under() -> None:
    """Trap: a layout drops the empty (A) or (D) cell, so the amount's index in its line
    says nothing; before, every Table II row lost its direction (or the row). The amount
    sits under the sub-header's "(A)" or "(D)" on the page."""
    doc, _, xml = _pair("form4__darkmindfx__AAPL__wf-form4_156694501621463")
    assert _rows(doc, True) == _rows(xml, True)
    assert any(t.derivative for t in xml.transactions)


def test_the_owner_box_is_read_in_its_column_under_its_labels() -> None:
    """Trap: the name sits six lines over '(Last)' with the next boxes' date and issuer
    between, and the city wraps ('MENLO' / 'PARK' over 'CA  94025'); read line by line the
    name was lost and the address refused. The street wraps too ('... SUITE' / '101'):
    whether it is one line or two the page does not say, so it stays empty."""
    doc, parsed, xml = _pair("form3__datamule_paypal__0000899243-17-024441__doc3")
    owner, truth = doc.owners[0], xml.owners[0]
    assert owner.name is not None and truth.name is not None
    assert owner.name.full == truth.name.full == "BOTHA ROELOF"
    assert owner.address is not None and truth.address is not None
    got = (owner.address.city, owner.address.state, owner.address.zip)
    assert got == (truth.address.city, truth.address.state, truth.address.zip)
    assert owner.address.street1 is None
    assert "doubtful-address" in {w.code for w in parsed.warnings}
    assert (doc.issuer.name, doc.issuer.ticker) == (xml.issuer.name, xml.issuer.ticker)
    assert doc.filing.period_date == xml.filing.period_date
    rel, want = owner.relationship, truth.relationship
    assert (rel.is_director, rel.is_ten_percent_owner) == (
        want.is_director,
        want.is_ten_percent_owner,
    )


def test_a_row_split_by_a_page_break_is_completed_from_the_next_page() -> None:
    """Trap: a title of three lines ('Class A' / 'Common' / 'Stock') printed around its row's
    values, the page ending after 'Common': 'Stock' on the next page is the row's end, not
    the next row's start. Every row before the break had one line above and one below its
    values, so the row and the next are known by that shape."""
    for kind in ("pdftotext-layout", "noise-lookalikes"):
        doc, _, xml = _pair("form4__darkmindfx__GOOG__000120919122024550__doc4", kind)
        assert len(xml.transactions) > 20
        assert _rows(doc, False) == _rows(xml, False)


def test_rows_of_an_uncentred_table_go_on_after_a_page_break() -> None:
    """Trap: every row prints its title's two lines above its values and none below; before
    a page break such a row looked cut (not centred), and the table was refused."""
    doc, _, xml = _pair("form4__datamule_paypal__0000899243-21-044060__doc4")
    assert _rows(doc, False) == _rows(xml, False)


def test_header_crumbs_printed_again_on_a_new_page_are_not_a_row() -> None:
    """Trap: the header's last crumbs ('3)   4)') printed again at the next page's top were
    taken for a wrapped cell between two blank lines, and Table I was refused."""
    doc, _, xml = _pair("form4__datamule_paypal__0000899243-21-019441__doc4")
    holdings = [(h.security, h.shares, h.ownership) for h in doc.holdings if not h.derivative]
    want = [(h.security, h.shares, h.ownership) for h in xml.holdings if not h.derivative]
    assert len(want) > 10 and holdings == want
    assert _rows(doc, False) == _rows(xml, False)


def test_a_table_ii_title_with_a_price_in_it_and_marks_over_its_row() -> None:
    """Trap: 'Class B Common' / 'Stock, $0.0001' / 'par value': the '$0.0001' looked like a
    value run into the title, and the marks '(1)' printed over a row's values joined its
    title; the title's pieces reach past it, and the marks lie right of the title."""
    doc, _, xml = _pair("form3__datamule_paypal__0001062993-21-005990__form3")

    def holdings(d: OwnershipFiling) -> list[tuple[object, ...]]:
        return [
            (h.security, h.underlying_security, h.underlying_shares, h.nature_of_ownership)
            for h in d.holdings
            if h.derivative
        ]

    assert holdings(doc) == holdings(xml)
    assert holdings(xml)[0][0] == "Class B Common Stock, $0.0001 par value"


def test_a_signer_whose_words_begin_in_another_column_above_is_not_cut() -> None:
    """Trap: 'By: Aaron Beckman by' / 'Power of Attorney For: Elon' / 'Musk' over the box
    label, the last line indented otherwise: read from the label up, the signer was 'Musk'
    (a wrong name). The last line starts the page ('\\f' then its indent): the page feed is
    part of the indent, so the three lines are the signer's, read whole. (Words above the
    name in another column make it doubtful instead: tests/test_wrapped_values.py.)"""
    doc, parsed, xml = _pair("form5__datamule_paypal__0000899243-23-004992__doc5")
    assert xml.signatures[0].name == "By: Aaron Beckman by Power of Attorney For: Elon Musk"
    assert [s.name for s in doc.signatures] == [xml.signatures[0].name]
    assert "doubtful-signer" not in {w.code for w in parsed.warnings}


def test_a_signer_under_an_empty_remarks_box_is_no_remark() -> None:
    """Trap: 'Remarks:' with nothing after it, then the signature block in its own column:
    'Ann Habernigg, Attorney-in-' / the date / 'fact for Reid G. Hoffman' over the box label.
    The lines above the label's line were read as remarks (invented); lines in the
    signature's column with no blank line before the label are the signer's, or doubtful."""
    doc, parsed, xml = _pair("form4__datamule_paypal__0001062993-21-002686__form4")
    assert xml.remarks is None and doc.remarks is None
    assert "doubtful-remarks" in {w.code for w in parsed.warnings}


def test_a_row_ended_on_a_new_page_laid_out_otherwise_is_placed_by_the_header() -> None:
    """Trap: a row's last words ('Preferred Stock', 'Stock(1)', '(Q), L.P.(2)(3)') printed at
    the top of the next page, whose columns pdftotext lays out a few characters aside: matched
    as printed they fall under no cell, or under the wrong one. The header printed on both
    pages maps the new page's columns onto the old's, label by label."""
    for kind in ("pdftotext-layout", "noise-lookalikes"):
        doc, _, xml = _pair("form3__datamule_paypal__0000899243-18-024846__doc3", kind)

        def rows(d: OwnershipFiling) -> list[tuple[object, ...]]:
            return [
                (h.security, h.underlying_security, h.underlying_shares, h.nature_of_ownership)
                for h in d.holdings
                if h.derivative
            ]

        assert len(rows(xml)) > 10 and rows(doc) == rows(xml)


def test_values_run_together_by_a_lost_gap_are_not_read_as_one() -> None:
    """Trap: a layout whose gaps became tabs, a third of them lost: 'AUSTIN TX' over
    '(City) (State) (Zip)' (the state run into the city, the zip in another cell) was read
    as the city 'AUSTIN TX', and 'ONE APPLE PARK WAY 08/24/2019' (the next box's date run
    into the street) as the street. Both are left empty with a warning."""
    doc, parsed, xml = _pair(
        "form3__datamule_paypal__0000899243-21-036608__doc3", "noise-lost-tabs"
    )
    for owner in doc.owners:
        assert owner.address is None or owner.address.city in (None, "AUSTIN")
    assert any(o.address and o.address.city == "AUSTIN" for o in xml.owners)
    doc, parsed, xml = _pair("form4__darkmindfx__AAPL__wf-form4_156694501621463", "noise-lost-tabs")
    assert xml.owners[0].address is not None
    assert xml.owners[0].address.street1 == "ONE APPLE PARK WAY"
    assert doc.owners[0].address is None or doc.owners[0].address.street1 in (
        None,
        "ONE APPLE PARK WAY",
    )
    assert "doubtful-address" in {w.code for w in parsed.warnings}
