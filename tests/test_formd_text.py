"""Form D converted to text: HTML inputs, markdown bold, tab tables, tick marks, bare X.

Expected values were read by hand: the seed examples/filings/001 (Tecogen Inc., CIK
0001537435, signed 2013-10-31), the variant fixture tests/fixtures/text/formd_variant_marks.txt
(written for these tests), and the SEC-rendered Form D page of Hashnote Stablecoin Fund LP
(accession 0001968399-23-000002) converted to text by html_text.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secgraph.errors import MalformedDocumentError
from secgraph.models import (
    EntityKind,
    FormDFiling,
    IncorporationAge,
    InputFormat,
    ParsedFiling,
    RelatedRelationship,
)
from secgraph.parsers import Source, registry
from secgraph.parsers import formd_text as parser
from secgraph.parsers.html_text import html_to_text

ROOT = Path(__file__).parent
SEED = ROOT.parent / "examples" / "filings" / "001_b9a64ac7170686a7.txt"
VARIANT = ROOT / "fixtures" / "text" / "formd_variant_marks.txt"
RENDERED = ROOT / "corpus" / "rendered" / "hashnote__formD_rendered_primary_doc.html"
GOLDEN = ROOT / "golden" / "001.json"

EO, DIR, PROMO = (
    RelatedRelationship.EXECUTIVE_OFFICER,
    RelatedRelationship.DIRECTOR,
    RelatedRelationship.PROMOTER,
)


def _parsed(path: Path) -> ParsedFiling:
    # The name is the file name only, so the golden record does not depend on the cwd.
    return parser.parse(Source(path.name, path.read_bytes()))


def _doc(path: Path) -> FormDFiling:
    doc = _parsed(path).document
    assert isinstance(doc, FormDFiling)
    return doc


def _rendered_as_text() -> FormDFiling:
    text = html_to_text(RENDERED.read_bytes())
    doc = parser.parse(Source("hashnote.txt", text.encode())).document
    assert isinstance(doc, FormDFiling)
    return doc


# --- detection -------------------------------------------------------------------------------


def test_seed_and_variant_are_detected_by_content() -> None:
    """Trap: the text parsers come last; a Form D must reach this one, not ownership-text."""
    for path in (SEED, VARIANT):
        source = Source("noname", path.read_bytes())
        assert parser.detect(source)
        assert registry.detect(source).name == "form-d-text"


def test_look_alike_letters_and_bold_do_not_hide_the_title() -> None:
    text = "**FОRM D**\n\n**Notice of Exempt Offering of Sеcurities**\n"  # Cyrillic О and е
    assert parser.detect(Source("x.txt", text.encode()))


def test_other_documents_are_not_form_d() -> None:
    """Trap: an 8-K or a Form 4 may mention Regulation D; an HTML page is the HTML parser's."""
    eight_k = ROOT.parent / "examples" / "filings" / "004_785308df89b108f5.txt"
    form4 = ROOT.parent / "examples" / "filings" / "000_e1ed6ab97b7d8f9e.txt"
    for path in (eight_k, form4, RENDERED):
        assert not parser.detect(Source(path.name, path.read_bytes()))


def test_title_without_any_section_is_a_malformed_document() -> None:
    source = Source("stub.txt", b"FORM D\nNotice of Exempt Offering of Securities\n\nnothing")
    with pytest.raises(MalformedDocumentError, match=r"stub\.txt: no Form D item headings"):
        parser.parse(source)


# --- the seed --------------------------------------------------------------------------------


def test_seed_matches_its_golden_record() -> None:
    record = json.loads(_doc(SEED).model_dump_json())
    assert record == json.loads(GOLDEN.read_text())


def test_seed_issuer() -> None:
    """Trap: the issuer block is a tab table of HTML inputs whose label row holds radio
    buttons of another field (entity type) in its last column."""
    doc = _doc(SEED)
    assert (doc.filing.form_type, doc.filing.amendment) == ("D", False)
    assert doc.filing.input_format is InputFormat.TEXT
    (issuer,) = doc.issuers
    assert (issuer.cik, issuer.name, issuer.previous_names) == (
        "0001537435",
        "TECOGEN INC.",
        ["TECOGEN INC"],
    )
    assert (issuer.entity_type, issuer.jurisdiction) == ("Corporation", "DELAWARE")
    assert issuer.incorporation_age is IncorporationAge.OVER_FIVE_YEARS
    assert issuer.year_of_incorporation is None
    assert issuer.address is not None
    address = issuer.address
    assert (address.street1, address.street2, address.city, address.state, address.zip) == (
        "45 FIRST AVENUE",
        None,
        "WALTHAM",
        "MASSACHUSETTS",
        "02451",
    )
    assert issuer.phone == "781-466-6400"


def test_seed_related_persons_in_three_styles() -> None:
    """Trap: the same block is drawn with inputs, then bold values and bold ticks
    ("Executive Officer **Director** Promoter"), then tab tables with markdown rules."""
    doc = _doc(SEED)
    people = [
        (p.name.last, p.name.first, p.name.middle, p.relationships) for p in doc.related_persons
    ]
    assert people == [
        ("Hatsopoulos", "John", "N", [EO, DIR]),
        ("Galiteva", "Angelina", "M", [DIR]),
        ("Maxwell", "Charles", "T", [DIR]),
        ("Hatsopoulos", "George", "N", [DIR]),
        ("Ghoniem", "Ahmed", "F", [DIR]),
        ("Aoun", "Joseph", "E", [DIR]),
        ("Panora", "Robert", "A", [EO]),
        ("Brown", "Bonnie", "J", [EO]),
    ]
    for person in doc.related_persons:
        assert person.kind is EntityKind.PERSON
        assert person.address is not None
        a = person.address
        assert (a.street1, a.street2, a.city, a.state, a.zip) == (
            "c/o Tecogen Inc",
            "45 First Avenue",
            "Waltham",
            "MASSACHUSETTS",
            "02451",
        )
        assert person.clarification is None


def test_seed_offering() -> None:
    """Trap: "Indefinite" is printed without its tick; with no amount beside it, it is the
    only valid reading. Lists with no mark (industry, revenue, Yes/No) must stay None."""
    o = _doc(SEED).offering
    assert o.exemptions == ["06c"]  # Rule 506(c), the only checked input
    assert o.total_offering_indefinite is True and o.total_offering_amount is None
    assert o.total_remaining_indefinite is True and o.total_remaining is None
    assert o.total_investors == 1
    assert o.use_of_proceeds_clarification == (
        "Represents short-term debt to CEO, principal to be repaid with portion of proceeds."
    )
    unmarked = (
        o.industry_group,
        o.revenue_range,
        o.aggregate_net_asset_value_range,
        o.is_amendment,
        o.more_than_one_year,
        o.business_combination,
        o.minimum_investment,
        o.total_amount_sold,
        o.date_of_first_sale,
    )
    assert unmarked == (None,) * len(unmarked)
    assert o.security_types == [] and o.sales_compensation == []


def test_seed_signature() -> None:
    doc = _doc(SEED)
    (sig,) = doc.signatures
    assert (sig.on_behalf_of, sig.name, sig.title) == ("TECOGEN INC.", "Bonnie J. Brown", "CFO")
    assert sig.date == dt.date(2013, 10, 31) == doc.filing.signature_date


def test_seed_warns_about_required_values_the_text_leaves_unmarked() -> None:
    codes = {w.code for w in _parsed(SEED).warnings}
    assert codes == {
        "missing_industry_group",
        "missing_issuer_size",
        "missing_is_amendment",
        "missing_more_than_one_year",
        "missing_security_types",
        "missing_business_combination",
        "missing_minimum_investment",
        "missing_total_amount_sold",
    }


def _spanned(record: Any, path: str = "") -> list[tuple[str, Any, Any]]:
    """(field path, value, span) for every span of the record tree."""
    found: list[tuple[str, Any, Any]] = []
    if hasattr(record, "spans"):
        for field, span in record.spans.items():
            found.append((f"{path}{field}", getattr(record, field), span))
        for name in type(record).model_fields:
            value = getattr(record, name)
            for child in value if isinstance(value, list) else [value]:
                if hasattr(child, "spans"):
                    found += _spanned(child, f"{path}{name}.")
    return found


@pytest.mark.parametrize("path", [SEED, VARIANT], ids=["seed", "variant"])
def test_every_span_points_at_its_value(path: Path) -> None:
    """Spans are offsets in the normalized text; a string value must be exactly there."""
    text = parser.normalize_document(path.read_text(encoding="utf-8"))
    lines = text.split("\n")
    doc = _doc(path)
    spans = _spanned(doc)
    assert len(spans) > 40
    for field, value, span in spans:
        assert span.line is not None and span.start is not None and span.end is not None
        assert text.count("\n", 0, span.start) + 1 == span.line, field
        assert text[span.start : span.end] in lines[span.line - 1], field
        if isinstance(value, str) and not isinstance(value, Enum) and "full" not in field:
            printed = " ".join(text[span.start : span.end].replace("**", "").split())
            assert printed == value or printed.zfill(10) == value == doc.issuers[0].cik


# --- a variant in other styles -------------------------------------------------------------


def test_variant_issuer_with_colon_labels_and_box_marks() -> None:
    doc = _doc(VARIANT)
    assert (doc.filing.form_type, doc.filing.amendment) == ("D/A", True)
    (issuer,) = doc.issuers
    assert issuer.cik == "0001822046"  # printed without its leading zeros
    assert issuer.name == "Blue Heron Robotics, LLC"
    assert issuer.previous_names == []  # "☒ None"
    assert issuer.jurisdiction == "DELAWARE"  # printed with a Cyrillic Е
    assert issuer.entity_type == "Limited Liability Company"
    assert issuer.incorporation_age is IncorporationAge.WITHIN_FIVE_YEARS
    assert issuer.year_of_incorporation == 2020
    assert issuer.address is not None
    assert (issuer.address.street2, issuer.address.city) == ("Suite 300", "Alameda")
    assert issuer.phone == "(510) 555-0142"


def test_variant_related_persons_include_a_company_promoter() -> None:
    """Trap: "First Name: N/A" is no name, and a bare X ticks Promoter."""
    persons = _doc(VARIANT).related_persons
    summary = [(p.name.full, p.kind, p.relationships, p.clarification) for p in persons]
    assert summary == [
        ("Adaeze Okafor", EntityKind.PERSON, [EO, DIR], "Chief Executive Officer and Manager"),
        ("Per Lindqvist", EntityKind.PERSON, [DIR], None),
        (
            "Heron Capital Partners, LLC",
            EntityKind.ORGANIZATION,
            [PROMO],
            "Managing member of the issuer's sponsor",
        ),
    ]
    assert persons[2].name.first is None
    assert persons[1].address is not None
    assert (persons[1].address.state, persons[1].address.zip) == ("SWEDEN", "111 22")


def test_variant_offering() -> None:
    """Trap: revenue and net asset value ranges side by side share the labels "Decline to
    Disclose" and "Not Applicable"; only the column tells them apart."""
    o = _doc(VARIANT).offering
    assert o.industry_group == "Other Technology"
    assert (o.revenue_range, o.aggregate_net_asset_value_range) == ("Decline to Disclose", None)
    assert o.exemptions == ["06b"]
    assert o.is_amendment is True and o.first_sale_yet_to_occur is False
    assert o.date_of_first_sale == dt.date(2021, 3, 15)
    assert (o.more_than_one_year, o.business_combination) == (False, False)
    assert o.security_types == [
        "Equity",
        "Option, Warrant or Other Right to Acquire Another Security",
    ]
    assert o.minimum_investment == Decimal(10000)
    assert (o.total_offering_amount, o.total_amount_sold, o.total_remaining) == (
        Decimal(5000000),
        Decimal(1250000),
        Decimal(3750000),
    )
    assert (o.total_offering_indefinite, o.total_remaining_indefinite) == (False, False)
    assert (o.has_non_accredited_investors, o.total_investors) == (False, 12)
    assert (o.sales_commissions, o.finders_fees, o.gross_proceeds_used) == (
        Decimal(25000),
        Decimal(0),
        Decimal(0),
    )
    (comp,) = o.sales_compensation
    assert (comp.recipient, comp.recipient_crd, comp.broker_dealer) == (
        "Alder Securities LLC",
        "123456",
        None,
    )
    assert comp.states == ["CALIFORNIA", "NEW YORK"]


def test_variant_signature_in_bold_and_no_warnings() -> None:
    parsed = _parsed(VARIANT)
    assert isinstance(parsed.document, FormDFiling)
    (sig,) = parsed.document.signatures
    assert (sig.on_behalf_of, sig.name, sig.title, sig.date) == (
        "Blue Heron Robotics, LLC",
        "Adaeze Okafor",
        "Chief Executive Officer",
        dt.date(2021, 4, 2),
    )
    assert parsed.warnings == []


# --- the SEC's own page, converted to text ----------------------------------------------------


def test_rendered_page_converted_to_text() -> None:
    """Trap: html_text drops empty cells, so a tick "X" sits in a cell of its own before its
    label ("Executive Officer\\tX\\tDirector") and value rows can be shorter than their labels;
    the instructions of item 15 mention "sales commissions" before the field does."""
    doc = _rendered_as_text()
    (issuer,) = doc.issuers
    assert (issuer.cik, issuer.name, issuer.previous_names) == (
        "0001968399",
        "Hashnote Stablecoin Fund LP",
        ["Hashnote Management LLC"],
    )
    assert (issuer.entity_type, issuer.year_of_incorporation) == ("Limited Partnership", 2022)
    assert issuer.address is not None
    assert (issuer.address.city, issuer.address.state, issuer.address.zip) == (
        "MIAMI BEACH",
        "FLORIDA",
        "33139",
    )
    (person,) = doc.related_persons
    assert (person.name.full, person.relationships) == ("Leo Mizuhara", [DIR])
    assert person.address is not None and person.address.street1 == "540 West Ave, Apt 1711"
    assert person.clarification == "Director of general partner"
    o = doc.offering
    assert (o.industry_group, o.aggregate_net_asset_value_range, o.revenue_range) == (
        "Pooled Investment Fund",
        "Decline to Disclose",
        None,
    )
    assert (o.exemptions, o.is_amendment, o.date_of_first_sale) == (
        ["06c"],
        False,
        dt.date(2023, 2, 24),
    )
    assert (o.more_than_one_year, o.business_combination) == (True, False)
    assert o.security_types == ["Pooled Investment Fund Interests"]
    assert (o.minimum_investment, o.total_amount_sold) == (Decimal(25000), Decimal(100000))
    assert o.total_offering_indefinite and o.total_remaining_indefinite
    assert (o.total_investors, o.sales_commissions, o.finders_fees) == (
        1,
        Decimal(50000),
        Decimal(0),
    )
    (comp,) = o.sales_compensation
    assert (comp.recipient, comp.recipient_crd, comp.states) == (
        "Christine Sandler",
        "1558158",
        ["All States"],
    )
    (sig,) = doc.signatures
    assert (sig.name, sig.title, sig.date) == ("Andrew Ridenour", "Advisor", dt.date(2023, 3, 10))


# --- robustness ------------------------------------------------------------------------------


def test_person_without_any_tick_gets_a_warning_not_a_guess() -> None:
    text = (
        "FORM D\nNotice of Exempt Offering of Securities\n1. Issuer's Identity\n"
        "Name of Issuer: Acme Corp\n3. Related Persons\n"
        "Last Name\tFirst Name\nDoe\tJane\nRelationship: Executive Officer Director Promoter\n"
    )
    parsed = parser.parse(Source("x.txt", text.encode()))
    assert isinstance(parsed.document, FormDFiling)
    (person,) = parsed.document.related_persons
    assert person.relationships == []
    (warning,) = [w for w in parsed.warnings if w.code == "relationship_unmarked"]
    assert warning.span is not None and warning.span.line == 6


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_dropping_lines_never_crashes(data: st.DataObject) -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    dropped = set(data.draw(st.lists(st.integers(20, len(lines) - 1), max_size=15)))
    text = "\n".join(line for n, line in enumerate(lines) if n not in dropped)
    parsed = parser.parse(Source("cut.txt", text.encode()))
    assert isinstance(parsed.document, FormDFiling)
