"""Form D edgarSubmission XML: real primary_doc.xml files read by hand, plus a variant."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from secgraph.errors import UnknownFormError
from secgraph.models import EntityKind, FormDFiling, ParsedFiling
from secgraph.models.formd import IncorporationAge, RelatedRelationship
from secgraph.parsers import formd_xml
from secgraph.parsers.registry import detect, parse_bytes
from secgraph.parsers.source import Source

CORPUS = Path(__file__).parent / "corpus"


def _parse(rel: str) -> ParsedFiling:
    return formd_xml.parse(Source.from_path(CORPUS / rel))


def _doc(parsed: ParsedFiling) -> FormDFiling:
    assert isinstance(parsed.document, FormDFiling)
    return parsed.document


def test_additional_issuer_and_organizations_in_name_boxes() -> None:
    """Trap: a fund files for two issuers (issuerList), and its related persons are companies
    typed into the first/last name boxes in reverse ("Ltd." + "Belltower Fund Group")."""
    parsed = _parse("formd/edgartools__D.APFund.xml")
    doc = _doc(parsed)
    assert [(i.cik, i.name) for i in doc.issuers] == [
        ("0001958740", "AP Fund IV, a series of Inference Technology Partners, LP"),
        ("0001963203", "AP Fund IV AL Vehicle, a series of Inference Technology Partners, LP"),
    ]
    for issuer in doc.issuers:
        assert issuer.year_of_incorporation == 2022
        assert issuer.incorporation_age is IncorporationAge.WITHIN_FIVE_YEARS
        assert issuer.previous_names == []  # "None" in both lists
        assert issuer.entity_type == "Limited Partnership"
        assert issuer.jurisdiction == "DELAWARE"
        assert issuer.address is not None and issuer.address.city == "Seattle"
    persons = doc.related_persons
    assert [(p.name.full, p.kind) for p in persons] == [
        ("Belltower Fund Group Ltd.", EntityKind.ORGANIZATION),
        ("Fund GP, LLC", EntityKind.ORGANIZATION),
    ]
    assert all(p.name.first is None and p.name.last is None for p in persons)
    assert persons[1].clarification == "General partner of the Issuer"
    assert persons[0].relationships == [RelatedRelationship.DIRECTOR]
    warned = [w for w in parsed.warnings if w.code == "organization_in_name_boxes"]
    assert len(warned) == 2 and "'Ltd.'" in warned[0].message
    offering = doc.offering
    assert offering.industry_group == "Pooled Investment Fund"
    assert offering.exemptions == ["06b", "3C.1"]
    assert offering.date_of_first_sale == dt.date(2023, 1, 20)
    assert offering.security_types == ["Pooled Investment Fund Interests"]
    assert offering.minimum_investment == Decimal("1400")
    assert offering.total_offering_amount == Decimal("659752")
    assert offering.total_amount_sold == Decimal("659752")
    assert offering.total_remaining == Decimal("0")
    assert offering.total_investors == 27
    assert offering.gross_proceeds_used == Decimal("6660")
    assert offering.use_of_proceeds_clarification is not None
    assert offering.use_of_proceeds_clarification.startswith("This amount represents")
    assert offering.sales_compensation == []
    assert [s.on_behalf_of for s in doc.signatures] == [i.name for i in doc.issuers]
    assert doc.filing.signature_date == dt.date(2023, 1, 30)


def test_amendment_previous_accession_and_previous_name() -> None:
    """Trap: a D/A names the filing it amends (previousAccessionNumber) and the issuer's former
    name is in issuerPreviousNameList; the "None" recipient is a placeholder, not a broker."""
    doc = _doc(_parse("formd/edgartools__D.Shepards.xml"))
    assert doc.filing.form_type == "D/A"
    assert doc.filing.amendment is True
    assert doc.filing.amends_accession == "0001544190-19-000002"
    assert doc.offering.is_amendment is True
    assert doc.offering.previous_accession == "0001544190-19-000002"
    issuer = doc.issuers[0]
    assert (issuer.cik, issuer.name) == ("0001544190", "Shepherd's Finance, LLC")
    assert issuer.previous_names == ["84 RE Partners, LLC"]
    assert issuer.incorporation_age is IncorporationAge.OVER_FIVE_YEARS
    assert issuer.year_of_incorporation is None
    assert issuer.phone == "(302) 752-2688"
    wallach = doc.related_persons[0]
    assert (wallach.name.first, wallach.name.middle, wallach.name.last) == (
        "Daniel",
        "M.",
        "Wallach",
    )
    assert wallach.kind is EntityKind.PERSON
    assert wallach.relationships == [
        RelatedRelationship.EXECUTIVE_OFFICER,
        RelatedRelationship.DIRECTOR,
    ]
    assert wallach.clarification == ("Chief Executive Officer and Member of the Board of Managers")
    offering = doc.offering
    assert offering.sales_compensation == []
    assert (offering.total_offering_amount, offering.total_amount_sold) == (
        Decimal("8000000"),
        Decimal("5725051"),
    )
    assert offering.total_remaining == Decimal("2274949")
    assert offering.date_of_first_sale == dt.date(2017, 3, 16)
    assert offering.more_than_one_year is True
    sig = doc.signatures[0]
    assert (sig.name, sig.title, sig.date) == (
        "Daniel M. Wallach",
        "Chief Executive Officer",
        dt.date(2023, 1, 31),
    )


def test_fourteen_related_persons_and_brokers() -> None:
    """Trap: many related persons and four compensated brokers with states of solicitation
    given as <state>/<description> pairs (only the codes are states)."""
    doc = _doc(_parse("formd/edgartools__D.1685REIT.xml"))
    assert len(doc.related_persons) == 14
    brokers = doc.offering.sales_compensation
    assert [b.recipient for b in brokers] == [
        "Charles Harrison",
        "Lori Mayfield",
        "Patrick Whelchel",
        "Scott Harrison",
    ]
    assert brokers[0].recipient_crd == "3071551"
    assert brokers[0].broker_dealer == "H & L Equities, LLC"
    assert brokers[0].broker_dealer_crd == "113794"
    assert brokers[0].states == ["FL", "GA", "TX"]
    assert doc.offering.sales_commissions == Decimal("6250")
    assert doc.offering.total_investors == 125
    assert doc.issuers[0].spans["cik"].path == "/edgarSubmission/primaryIssuer/cik"


def test_xml_wrapper_and_sale_yet_to_occur() -> None:
    """Trap: an <XML> block cut from a submission (no header, no declaration first), a first
    sale that is yet to occur, and "N/A" first names of general partners."""
    source = Source.from_path(CORPUS / "formd/halloran__sample_filing.txt")
    assert detect(source).name == "form-d-xml"
    doc = _doc(formd_xml.parse(source))
    assert doc.offering.date_of_first_sale is None
    assert doc.offering.first_sale_yet_to_occur is True
    assert doc.issuers[0].cik == "0001745524"
    names = [(p.name.full, p.kind) for p in doc.related_persons]
    assert names[0] == ("Upshot Fund II GP, LLC", EntityKind.ORGANIZATION)
    assert names[2] == ("Raul Socarras", EntityKind.PERSON)
    assert doc.offering.exemptions == ["06b", "3C", "3C.1", "3C.5", "3C.7"]


_VARIANT = """<?xml version="1.0"?>
<edgarSubmission>
  <schemaVersion>X0708</schemaVersion>
  <submissionType>D</submissionType>
  <testOrLive>TEST</testOrLive>
  <primaryIssuer>
    <cik>0009990001</cik>
    <entityName>Harbour Lights Feeder Ltd.</entityName>
    <issuerAddress>
      <street1>1 Harbour Road</street1>
      <city>London</city>
      <stateOrCountry>X0</stateOrCountry>
      <stateOrCountryDescription>UNITED KINGDOM</stateOrCountryDescription>
      <zipCode>EC1A 1AA</zipCode>
    </issuerAddress>
    <issuerPhoneNumber>+44 20 0000 0000</issuerPhoneNumber>
    <jurisdictionOfInc>CAYMAN ISLANDS</jurisdictionOfInc>
    <entityType>Other</entityType>
    <entityTypeOtherDesc>Exempted Company</entityTypeOtherDesc>
    <yearOfInc><yetToBeFormed>true</yetToBeFormed></yearOfInc>
  </primaryIssuer>
  <relatedPersonsList>
    <relatedPersonInfo>
      <relatedPersonName><firstName>Ana</firstName><lastName>Lima</lastName></relatedPersonName>
      <relatedPersonRelationshipList>
        <relationship>Promoter</relationship>
      </relatedPersonRelationshipList>
    </relatedPersonInfo>
  </relatedPersonsList>
  <offeringData>
    <industryGroup><industryGroupType>Other</industryGroupType></industryGroup>
    <issuerSize>
      <aggregateNetAssetValueRange>$5,000,001 - $25,000,000</aggregateNetAssetValueRange>
    </issuerSize>
    <federalExemptionsExclusions><item>06c</item></federalExemptionsExclusions>
    <typeOfFiling>
      <newOrAmendment><isAmendment>false</isAmendment></newOrAmendment>
      <dateOfFirstSale><value>2024-11-30</value></dateOfFirstSale>
    </typeOfFiling>
    <typesOfSecuritiesOffered>
      <isDebtType>true</isDebtType>
      <isOtherType>true</isOtherType>
      <descriptionOfOtherType>Profit participation notes</descriptionOfOtherType>
    </typesOfSecuritiesOffered>
    <businessCombinationTransaction>
      <isBusinessCombinationTransaction>true</isBusinessCombinationTransaction>
    </businessCombinationTransaction>
    <minimumInvestmentAccepted>0</minimumInvestmentAccepted>
    <offeringSalesAmounts>
      <totalOfferingAmount>Indefinite</totalOfferingAmount>
      <totalAmountSold>1250000</totalAmountSold>
      <totalRemaining>Indefinite</totalRemaining>
    </offeringSalesAmounts>
    <investors>
      <hasNonAccreditedInvestors>true</hasNonAccreditedInvestors>
      <numberNonAccreditedInvestors>3</numberNonAccreditedInvestors>
      <totalNumberAlreadyInvested>40</totalNumberAlreadyInvested>
    </investors>
  </offeringData>
</edgarSubmission>
"""


def test_variant_indefinite_other_types_and_foreign_issuer() -> None:
    """Trap: "Indefinite" amounts are flags, not numbers; entityType "Other" names itself in
    entityTypeOtherDesc; a non-US state code (X0) makes its description the country; a TEST
    submission is flagged."""
    parsed = formd_xml.parse(Source("variant.xml", _VARIANT.encode()))
    doc = _doc(parsed)
    issuer = doc.issuers[0]
    assert issuer.entity_type == "Exempted Company"
    assert issuer.incorporation_age is IncorporationAge.YET_TO_BE_FORMED
    assert issuer.address is not None
    assert (issuer.address.state, issuer.address.country) == ("X0", "UNITED KINGDOM")
    offering = doc.offering
    assert offering.total_offering_amount is None and offering.total_offering_indefinite
    assert offering.total_remaining is None and offering.total_remaining_indefinite
    assert offering.total_amount_sold == Decimal("1250000")
    assert offering.security_types == ["Debt", "Other"]
    assert offering.security_other_description == "Profit participation notes"
    assert offering.business_combination is True
    assert (offering.has_non_accredited_investors, offering.non_accredited_investors) == (True, 3)
    assert offering.aggregate_net_asset_value_range == "$5,000,001 - $25,000,000"
    assert doc.related_persons[0].relationships == [RelatedRelationship.PROMOTER]
    assert [w.code for w in parsed.warnings] == ["test_filing"]
    assert doc.signatures == [] and doc.filing.signature_date is None


def test_other_edgar_submission_forms_are_not_form_d() -> None:
    """Trap: 13F, Form C and others share the edgarSubmission root; only submissionType D or
    D/A is a Form D."""
    data = _VARIANT.replace(
        "<submissionType>D</submissionType>", "<submissionType>C</submissionType>"
    )
    with pytest.raises(UnknownFormError):
        parse_bytes(data.encode(), "formc.xml")
