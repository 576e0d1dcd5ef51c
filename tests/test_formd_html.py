"""The SEC-rendered Form D page read back into a FormDFiling.

Expected values were read by hand from tests/corpus/rendered/hashnote__formD_rendered_primary_doc
.html (Hashnote Stablecoin Fund LP, CIK 0001968399, accession 0001968399-23-000002).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from secgraph.errors import MalformedDocumentError
from secgraph.models import (
    EntityKind,
    FormDFiling,
    IncorporationAge,
    InputFormat,
    RelatedRelationship,
)
from secgraph.parsers import Source, registry
from secgraph.parsers import formd_html as parser

PAGE = Path(__file__).parent / "corpus" / "rendered" / "hashnote__formD_rendered_primary_doc.html"


def _parse(html: str | None = None) -> FormDFiling:
    source = Source.from_path(PAGE) if html is None else Source("variant.html", html.encode())
    doc = parser.parse(source).document
    assert isinstance(doc, FormDFiling)
    return doc


def test_detected_by_content() -> None:
    """Trap: upstream saved this page as primary_doc.xml; detection must read the page."""
    source = Source.from_path(PAGE)
    assert parser.detect(source)
    assert registry.detect(source).name == "form-d-html"


def test_issuer_identity_and_place_of_business() -> None:
    """Trap: the previous-names list sits in a rowspan cell beside the CIK, and the "None"
    box printed above it is unticked; the year box is the third cell of a tick-box row."""
    doc = _parse()
    assert doc.filing.form_type == "D" and doc.filing.amendment is False
    assert doc.filing.input_format is InputFormat.HTML
    (issuer,) = doc.issuers
    assert issuer.cik == "0001968399"
    assert issuer.name == "Hashnote Stablecoin Fund LP"
    assert issuer.previous_names == ["Hashnote Management LLC"]
    assert issuer.entity_type == "Limited Partnership"
    assert issuer.jurisdiction == "DELAWARE"
    assert issuer.incorporation_age is IncorporationAge.WITHIN_FIVE_YEARS
    assert issuer.year_of_incorporation == 2022
    assert issuer.phone == "3123712652"
    assert issuer.address is not None
    assert (issuer.address.street1, issuer.address.street2) == ("704 LINCOLN RD.", "SUITE 6H")
    assert (issuer.address.city, issuer.address.state, issuer.address.zip) == (
        "MIAMI BEACH",
        "FLORIDA",  # the page prints the description; the XML also has the code FL
        "33139",
    )


def test_related_person_with_missing_middle_name_and_street2() -> None:
    """Trap: value rows omit empty trailing cells (no middle name, no street 2), so values
    must be matched to labels by column, not by counting."""
    doc = _parse()
    (person,) = doc.related_persons
    assert (person.name.first, person.name.middle, person.name.last) == ("Leo", None, "Mizuhara")
    assert person.address is not None
    assert person.address.street1 == "540 West Ave, Apt 1711" and person.address.street2 is None
    assert person.address.city == "Miami Beach"
    assert person.relationships == [RelatedRelationship.DIRECTOR]
    assert person.kind is EntityKind.PERSON
    assert person.clarification == "Director of general partner"


def test_offering_sections() -> None:
    doc = _parse()
    o = doc.offering
    assert o.industry_group == "Pooled Investment Fund"  # Hedge Fund is its sub-type
    assert o.revenue_range is None and o.aggregate_net_asset_value_range == "Decline to Disclose"
    assert o.exemptions == ["06c"]
    assert o.is_amendment is False and o.date_of_first_sale == dt.date(2023, 2, 24)
    assert o.first_sale_yet_to_occur is False
    assert o.more_than_one_year is True
    assert o.security_types == ["Pooled Investment Fund Interests"]
    assert o.business_combination is False
    assert o.minimum_investment == Decimal(25000)
    assert o.total_offering_amount is None and o.total_offering_indefinite is True
    assert o.total_amount_sold == Decimal(100000)
    assert o.total_remaining is None and o.total_remaining_indefinite is True
    assert o.has_non_accredited_investors is False and o.total_investors == 1
    assert o.sales_commissions == Decimal(50000) and o.finders_fees == Decimal(0)
    assert o.gross_proceeds_used == Decimal(0)
    assert o.use_of_proceeds_clarification == (
        "Compensation intended to be paid from management and performance fees, not gross proceeds."
    )


def test_sales_compensation_none_boxes() -> None:
    """Trap: the broker-dealer cells print the word "None" next to a ticked "None" box; that
    is the absence of a broker-dealer, not one named None."""
    (comp,) = _parse().offering.sales_compensation
    assert comp.recipient == "Christine Sandler" and comp.recipient_crd == "1558158"
    assert comp.broker_dealer is None and comp.broker_dealer_crd is None
    assert comp.states == ["All States"]


def test_signature_block() -> None:
    doc = _parse()
    (sig,) = doc.signatures
    assert (sig.name, sig.title, sig.on_behalf_of) == (
        "Andrew Ridenour",
        "Advisor",
        "Hashnote Stablecoin Fund LP",
    )
    assert sig.date == dt.date(2023, 3, 10) == doc.filing.signature_date


def _tick(html: str, label: str, ticked: bool) -> str:
    """Set the tick box printed just before ``label`` (within the same row)."""
    pattern = re.compile(
        r'<td class="CheckBox">(?:\s*|<span class="FormData">X</span>)</td>(\s*<td[^>]*>'
        + re.escape(label)
        + r"</td>)"
    )
    box = (
        '<td class="CheckBox"><span class="FormData">X</span></td>'
        if ticked
        else ('<td class="CheckBox">  </td>')
    )
    new, count = pattern.subn(lambda m: box + m.group(1), html, count=1)
    assert count == 1, label
    return new


def test_variant_amendment_corporation_and_several_exemptions() -> None:
    html = PAGE.read_text(encoding="utf-8")
    html = _tick(html, "Limited Partnership", False)
    html = _tick(html, "Corporation", True)
    html = _tick(html, "New Notice", False)
    html = _tick(html, "Amendment", True)
    html = _tick(html, "Rule 506(b)", True)
    html = _tick(html, "Section 3(c)(1)", True)
    html = _tick(html, "Section 3(c)(7)", True)
    doc = _parse(html)
    assert doc.filing.form_type == "D/A" and doc.offering.is_amendment is True
    assert doc.issuers[0].entity_type == "Corporation"
    assert doc.offering.exemptions == ["06b", "06c", "3C.1", "3C.7"]


def test_variant_two_related_persons() -> None:
    html = PAGE.read_text(encoding="utf-8")
    block = re.search(
        r'<table summary="Related Persons".*?Director of general partner</span>', html, re.S
    )
    assert block is not None
    second = (
        block.group(0)
        .replace("Mizuhara", "Okafor")
        .replace("Leo", "Amara")
        .replace("Director of general partner", "Managing member")
    )
    second = _tick(_tick(second, "Director", False), "Executive Officer", True)
    html = html.replace(block.group(0), block.group(0) + "<hr>" + second)
    doc = _parse(html)
    assert [(p.name.last, p.relationships, p.clarification) for p in doc.related_persons] == [
        ("Mizuhara", [RelatedRelationship.DIRECTOR], "Director of general partner"),
        ("Okafor", [RelatedRelationship.EXECUTIVE_OFFICER], "Managing member"),
    ]


def test_page_without_issuer_identity_is_malformed() -> None:
    html = PAGE.read_text(encoding="utf-8").replace("1. Issuer's Identity", "Issuer")
    with pytest.raises(MalformedDocumentError, match=r"variant\.html: no '1\. Issuer's Identity'"):
        _parse(html)
