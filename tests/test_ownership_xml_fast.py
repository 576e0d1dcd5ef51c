"""ownership_xml's shortcuts for speed change nothing it outputs.

* It builds its records without pydantic validation: every record must be exactly the one
  validation would build from the same values. Checked over every ownership XML in tests/corpus
  and over a variant of our own that reaches the rarer paths (values given only as footnotes,
  bad values, "See Remarks" titles, a foreign address, holdings with coded form types).
* It parses with the white space between elements dropped: a footnote or remarks with child
  elements must still read as with the white space kept.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

import pytest
from pydantic import BaseModel

from secgraph.models import (
    Address,
    FilingInfo,
    Holding,
    Issuer,
    OwnerRelationship,
    OwnershipFiling,
    ParsedFiling,
    Signature,
    Span,
    Transaction,
)
from secgraph.parsers import ownership_xml
from secgraph.parsers.source import Source
from secgraph.parsers.xmlsafe import parse_xml, to_decimal

CORPUS = Path(__file__).parent / "corpus"
OWNERSHIP_XML = sorted(
    p.relative_to(CORPUS).as_posix()
    for folder in ("form3", "form4", "form5")
    for p in (CORPUS / folder).glob("*.xml")
)

VARIANT = """<?xml version="1.0"?>
<ownershipDocument>
    <schemaVersion>X0508</schemaVersion>
    <documentType>5/A</documentType>
    <periodOfReport>12/31/2023</periodOfReport>
    <dateOfOriginalSubmission>2024-02-10</dateOfOriginalSubmission>
    <notSubjectToSection16>0</notSubjectToSection16>
    <form3HoldingsReported>1</form3HoldingsReported>
    <form4TransactionsReported>maybe</form4TransactionsReported>
    <issuer>
        <issuerCik>0000777001</issuerCik>
        <issuerName>Northwind   Traders
            plc</issuerName>
        <issuerTradingSymbol>NONE</issuerTradingSymbol>
    </issuer>
    <reportingOwner>
        <reportingOwnerId>
            <rptOwnerCik>0000888002</rptOwnerCik>
            <rptOwnerName>van der Berg Anna Maria</rptOwnerName>
            <rptOwnerCcc>XXXXXX</rptOwnerCcc>
        </reportingOwnerId>
        <reportingOwnerAddress>
            <rptOwnerStreet1>1 Harbour Road</rptOwnerStreet1>
            <rptOwnerCity>St Helier</rptOwnerCity>
            <rptOwnerState>Y9</rptOwnerState>
            <rptOwnerStateDescription>JERSEY</rptOwnerStateDescription>
        </reportingOwnerAddress>
        <reportingOwnerRelationship>
            <isOfficer>true</isOfficer>
            <officerTitle>See Remarks</officerTitle>
        </reportingOwnerRelationship>
    </reportingOwner>
    <nonDerivativeTable>
        <nonDerivativeTransaction>
            <securityTitle><value>Ordinary Shares</value></securityTitle>
            <transactionDate><value>2023-06-30</value></transactionDate>
            <transactionCoding>
                <transactionFormType>4</transactionFormType>
                <transactionCode>g</transactionCode>
                <equitySwapInvolved>0</equitySwapInvolved>
                <footnoteId id="F1"/>
            </transactionCoding>
            <transactionTimeliness><value>l</value></transactionTimeliness>
            <transactionAmounts>
                <transactionShares><value>1,000</value><footnoteId id="F2"/></transactionShares>
                <transactionPricePerShare><footnoteId id="F3"/></transactionPricePerShare>
                <transactionAcquiredDisposedCode><value>Q</value></transactionAcquiredDisposedCode>
            </transactionAmounts>
            <postTransactionAmounts>
                <sharesOwnedFollowingTransaction><value>n/a</value></sharesOwnedFollowingTransaction>
            </postTransactionAmounts>
            <ownershipNature>
                <directOrIndirectOwnership><value>I</value></directOrIndirectOwnership>
                <natureOfOwnership><value>By   trust</value></natureOfOwnership>
            </ownershipNature>
        </nonDerivativeTransaction>
        <nonDerivativeHolding>
            <securityTitle><value>Ordinary Shares</value></securityTitle>
            <transactionCoding>
                <transactionFormType>3</transactionFormType>
                <footnoteId id="F1"/>
            </transactionCoding>
            <postTransactionAmounts>
                <sharesOwnedFollowingTransaction><value>250.5</value></sharesOwnedFollowingTransaction>
            </postTransactionAmounts>
            <ownershipNature>
                <directOrIndirectOwnership><value>D</value></directOrIndirectOwnership>
            </ownershipNature>
        </nonDerivativeHolding>
    </nonDerivativeTable>
    <derivativeTable>
        <derivativeHolding>
            <securityTitle><value>Warrants</value></securityTitle>
            <conversionOrExercisePrice><value>11.50</value></conversionOrExercisePrice>
            <exerciseDate><value>2024-13-01</value></exerciseDate>
            <expirationDate><footnoteId id="F4"/></expirationDate>
            <underlyingSecurity>
                <underlyingSecurityTitle><value>Ordinary Shares</value></underlyingSecurityTitle>
                <underlyingSecurityValue><value>9000</value></underlyingSecurityValue>
            </underlyingSecurity>
            <postTransactionAmounts>
                <valueOwnedFollowingTransaction><value>12000</value></valueOwnedFollowingTransaction>
            </postTransactionAmounts>
            <ownershipNature>
                <directOrIndirectOwnership><value>D</value></directOrIndirectOwnership>
            </ownershipNature>
            <surprise>1</surprise>
        </derivativeHolding>
    </derivativeTable>
    <footnotes>
        <footnote id="F1">Reported late.</footnote>
        <footnote id="F2">Gift to a family trust – no consideration.</footnote>
        <footnote id="F4"/>
    </footnotes>
    <remarks>Title: Chief Operating Officer</remarks>
    <ownerSignature>
        <signatureName>/s/ Anna Maria van der Berg</signatureName>
        <signatureDate>2024-03-01</signatureDate>
    </ownerSignature>
</ownershipDocument>
"""


def _records(value: Any) -> Iterator[BaseModel]:
    """Every model instance in ``value``, depth first."""
    if isinstance(value, BaseModel):
        yield value
        for item in value.__dict__.values():
            yield from _records(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _records(item)
    elif isinstance(value, list):
        for item in value:
            yield from _records(item)


def _validating(values: dict[str, Any], self: Any) -> BaseModel:
    return cast(BaseModel, self.model.model_validate(values))


def _both(source: Source, monkeypatch: pytest.MonkeyPatch) -> tuple[ParsedFiling, ParsedFiling]:
    """The parse as built, and the parse with every record validated by pydantic from the same
    values instead (what the parser did before it built records itself)."""
    built = ownership_xml.parse(source)
    with monkeypatch.context() as patch:
        patch.setattr(
            ownership_xml._Model, "__call__", lambda self, values: _validating(values, self)
        )
        validated = ownership_xml.parse(source)
    return built, validated


def _assert_same(built: ParsedFiling, validated: ParsedFiling) -> None:
    """Same records, holding equal values of the same types, the same fields marked as given,
    the same instance layout; every value also passes strict validation (no coercion)."""
    assert built == validated
    assert built.document.model_dump(mode="json") == validated.document.model_dump(mode="json")
    pairs = list(zip(_records(built.document), _records(validated.document), strict=True))
    assert len(pairs) > 5
    for mine, theirs in pairs:
        kind = type(mine).__name__
        assert type(mine) is type(theirs), kind
        assert mine.__dict__ == theirs.__dict__, kind
        assert list(mine.__dict__) == list(theirs.__dict__), kind
        assert mine.model_fields_set == theirs.model_fields_set, kind
        assert mine.__pydantic_extra__ is None and mine.__pydantic_private__ is None, kind
        for name, value in mine.__dict__.items():
            assert type(value) is type(theirs.__dict__[name]), (kind, name)
        given = {name: mine.__dict__[name] for name in mine.model_fields_set}
        assert type(mine).model_validate(given, strict=True) == mine, kind
        if isinstance(mine, Span):  # spans are built, never validated, on both sides
            assert mine.model_fields_set == {"line", "path"}


@pytest.mark.parametrize("rel", OWNERSHIP_XML)
def test_corpus_records_are_what_validation_builds(
    rel: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Trap: a record built without validation that differs from the validated one (a default
    missing, a field given but not marked as given, a value of the wrong type) would change
    ``model_dump`` and ``exclude_unset`` output for every caller."""
    _assert_same(*_both(Source.from_path(CORPUS / rel), monkeypatch))


def test_variant_records_are_what_validation_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trap: the rare paths (bad values left empty with a warning, footnote-only fields, a
    "See Remarks" title read from the remarks, an empty footnote, a foreign state code, a
    holding's coded form type, an unexpected element) build records too."""
    parsed, validated = _both(Source("variant.xml", VARIANT.encode()), monkeypatch)
    _assert_same(parsed, validated)
    document = parsed.document
    assert isinstance(document, OwnershipFiling)
    # The variant does reach those paths (values read from the text above).
    codes = sorted(w.code for w in parsed.warnings)
    assert codes == sorted(
        [
            "bad_flag",  # form4TransactionsReported "maybe"
            "bad_number",  # sharesOwnedFollowingTransaction "n/a"
            "unknown_code",  # transactionAcquiredDisposedCode "Q"
            "bad_date",  # exerciseDate 2024-13-01
            "unknown_element",  # <surprise>
            "empty_footnote",  # F4
            "footnote_missing",  # F3
            "title_from_remarks",
        ]
    )
    tx = document.transactions[0]
    assert tx.price is None and tx.footnotes["price"] == ["F3"]
    assert tx.footnotes["code"] == ["F1"] and tx.footnotes["shares"] == ["F2"]
    assert document.holdings[0].footnotes == {"form_type": ["F1"]}
    assert document.owners[0].address is not None
    assert document.owners[0].address.country == "JERSEY"
    assert document.owners[0].relationship.officer_title == "Chief Operating Officer"
    assert document.issuer.ticker is None


@pytest.mark.parametrize(
    ("table", "model"),
    [
        ("_TX_FIELDS", Transaction),
        ("_HOLDING_FIELDS", Holding),
        ("_INFO", FilingInfo),
        ("_FLAGS", OwnershipFiling),
        ("_ISSUER", Issuer),
        ("_OWNER_ADDRESS", Address),
        ("_RELATIONSHIP", OwnerRelationship),
        ("_SIGNATURE", Signature),
    ],
)
def test_every_table_field_is_a_model_field(table: str, model: type[BaseModel]) -> None:
    """Trap: without validation, a field name misspelt in a table would become an attribute
    no model declares instead of an error."""
    names = {name for name, _ in getattr(ownership_xml, table).values()}
    assert names <= set(model.model_fields)


MIXED = """<?xml version="1.0"?>
<ownershipDocument>
  <documentType>4</documentType>
  <issuer><issuerCik>0000777001</issuerCik><issuerName>Northwind Traders</issuerName></issuer>
  <reportingOwner>
    <reportingOwnerId><rptOwnerName>DOE JANE</rptOwnerName></reportingOwnerId>
  </reportingOwner>
  <footnotes>
    <footnote id="F1"><b>Held</b> <i>by the Doe Family Trust</i></footnote>
    <footnote id="F2">Plain text.</footnote>
  </footnotes>
  <remarks><p>Exhibit 24</p>
<p>Power of Attorney</p></remarks>
</ownershipDocument>
"""


def test_mixed_content_keeps_its_white_space() -> None:
    """Trap: dropping the white space between elements would glue "Held" to "by" in a footnote
    written with markup, and the two paragraphs of the remarks together."""
    source = Source("mixed.xml", MIXED.encode())
    # What dropping it alone would read (so the fallback below is needed):
    dropped = parse_xml(source.data, source.name, keep_blank_text=False)
    assert "".join(dropped.find("footnotes/footnote").itertext()) == "Heldby the Doe Family Trust"
    document = ownership_xml.parse(source).document
    assert isinstance(document, OwnershipFiling)
    assert [f.text for f in document.footnote_texts] == [
        "Held by the Doe Family Trust",
        "Plain text.",
    ]
    assert document.remarks == "Exhibit 24\nPower of Attorney"


def test_dropping_white_space_keeps_element_text() -> None:
    """Trap: libxml2's NOBLANKS rule must not take an element's own text, white space
    included, nor text beside other text."""
    xml = b"<a><b>  </b><c> x <d/> </c><e>y<f/> <g/></e></a>"
    kept = parse_xml(xml, "a.xml")
    dropped = parse_xml(xml, "a.xml", keep_blank_text=False)
    for tag in ("b", "c", "e"):
        assert "".join(kept.find(tag).itertext()) == "".join(dropped.find(tag).itertext()), tag


def test_whole_number_shortcut_reads_as_the_pattern() -> None:
    """Trap: to_decimal takes ``str.isdecimal()`` for its ``\\d+`` pattern; a code point where
    the two disagree would read a number the pattern refuses, or the reverse."""
    digit = re.compile(r"\d")
    assert all(
        ch.isdecimal() == (digit.fullmatch(ch) is not None)
        for ch in map(chr, range(sys.maxunicode + 1))
    )
    assert to_decimal("1200") == Decimal("1200")
    assert to_decimal("\u0661\u0662") == Decimal("12")  # Arabic-Indic digits, as before
    with pytest.raises(ValueError):
        to_decimal("\u00b2")  # a superscript two is a digit, not a decimal digit
