"""ownershipDocument XML (Forms 3, 4, 5): real filings read by hand, plus variants.

Every expected value below was read from the XML file named in the test, not from the
parser's output.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from secgraph.errors import MalformedDocumentError
from secgraph.models import (
    AcquiredDisposed,
    EntityKind,
    InputFormat,
    OwnershipFiling,
    OwnershipNature,
    ParsedFiling,
    TransactionCode,
)
from secgraph.parsers import ownership_xml
from secgraph.parsers.ownership_xml import title_in_remarks
from secgraph.parsers.registry import detect
from secgraph.parsers.source import Source

CORPUS = Path(__file__).parent / "corpus"


def _parse(rel: str) -> ParsedFiling:
    return ownership_xml.parse(Source.from_path(CORPUS / rel))


def _doc(parsed: ParsedFiling) -> OwnershipFiling:
    assert isinstance(parsed.document, OwnershipFiling)
    return parsed.document


def _variant(body: str, *, head: str = "<schemaVersion>X0508</schemaVersion>") -> Source:
    """A small ownership document of our own: one owner, the given tables and extras."""
    xml = f"""<?xml version="1.0"?>
<ownershipDocument>
    {head}
    <documentType>4</documentType>
    <periodOfReport>2023-05-02</periodOfReport>
    <issuer>
        <issuerCik>0000123456</issuerCik>
        <issuerName>Example Widgets Corp</issuerName>
        <issuerTradingSymbol>EXWG</issuerTradingSymbol>
    </issuer>
    <reportingOwner>
        <reportingOwnerId>
            <rptOwnerCik>0000999001</rptOwnerCik>
            <rptOwnerName>Doe Jane Q</rptOwnerName>
        </reportingOwnerId>
        <reportingOwnerRelationship>
            <isDirector>true</isDirector>
            <isOfficer>1</isOfficer>
            <officerTitle>See Remarks</officerTitle>
        </reportingOwnerRelationship>
    </reportingOwner>
{body}
    <ownerSignature>
        <signatureName>/s/ Jane Q. Doe</signatureName>
        <signatureDate>2023-05-04</signatureDate>
    </ownerSignature>
</ownershipDocument>
"""
    return Source("variant.xml", xml.encode())


def test_six_owners_and_footnotes_on_valueless_fields() -> None:
    """Trap: six reporting owners, five of them funds (Fractyl/Mithril, 0000950170-24-012830),
    and prices, exercise prices and dates given only as a footnote, with no <value>: the
    footnote must land on that exact field and the value stay None."""
    doc = _doc(_parse("form4/datamule_paypal__0000950170-24-012830__ownership.xml"))
    assert doc.filing.form_type == "4"
    assert doc.filing.schema_version == "X0508"
    assert doc.filing.period_date == dt.date(2024, 2, 6)
    assert doc.issuer.cik == "0001572616"
    assert doc.issuer.name == "Fractyl Health, Inc."
    assert doc.issuer.ticker == "GUTS"
    assert [(o.cik, o.name.full if o.name else None) for o in doc.owners] == [
        ("0001552273", "Mithril LP"),
        ("0001878230", "Mithril II UGP LLC"),
        ("0001878232", "Mithril II GP LP"),
        ("0001669609", "MITHRIL II LP"),
        ("0001881891", "Mithril GP LP"),
        ("0001211060", "THIEL PETER"),
    ]
    assert [o.kind for o in doc.owners] == [EntityKind.ORGANIZATION] * 5 + [EntityKind.PERSON]
    thiel = doc.owners[5]
    assert thiel.name is not None
    assert (thiel.name.last, thiel.name.first) == ("THIEL", "PETER")
    assert all(o.relationship.is_ten_percent_owner for o in doc.owners)
    assert not any(o.relationship.is_director or o.relationship.is_officer for o in doc.owners)
    assert doc.joint_filing is True
    assert doc.rule_10b5_1 is False  # <aff10b5One>false</aff10b5One>

    first = doc.transactions[0]
    assert (first.derivative, first.row, first.code) == (False, 0, TransactionCode.C)
    assert first.shares == Decimal("5160301")
    assert first.price is None
    assert first.footnotes["price"] == ["F1"]
    assert first.ownership is OwnershipNature.DIRECT
    assert first.footnotes["ownership"] == ["F2"]
    assert first.shares_after == Decimal("5160301")
    second = doc.transactions[1]
    assert second.nature_of_ownership == "See footnote"
    assert second.footnotes == {"price": ["F1"], "nature_of_ownership": ["F3"]}
    purchase = doc.transactions[2]
    assert (purchase.code, purchase.shares, purchase.price) == (
        TransactionCode.P,
        Decimal("333333"),
        Decimal("15.00"),
    )
    assert purchase.shares_after == Decimal("1251900")

    option = doc.transactions[3]
    assert (option.derivative, option.row) == (True, 0)
    assert option.security == "Series C-1 Preferred Stock"
    assert option.exercise_price is None and option.footnotes["exercise_price"] == ["F1"]
    assert option.exercisable_date is None and option.footnotes["exercisable_date"] == ["F1"]
    assert option.expiration_date is None and option.footnotes["expiration_date"] == ["F1"]
    assert option.acquired_disposed is AcquiredDisposed.DISPOSED
    assert option.underlying_security == "Common Stock"
    assert option.underlying_shares == Decimal("1875938")
    assert option.shares_after == Decimal("0")
    assert [t.shares for t in doc.transactions if t.derivative] == [
        Decimal(n) for n in ("4025764", "6502796", "545450", "373021", "1598225")
    ]
    assert [f.id for f in doc.footnote_texts] == ["F1", "F2", "F3"]
    assert doc.footnote_texts[1].text.startswith('Represents securities held by Mithril LP ("LP").')
    assert len(doc.signatures) == 6
    assert doc.signatures[5].name == "/s/ Peter Thiel"
    assert doc.signatures[5].date == dt.date(2024, 2, 8)
    assert doc.filing.signature_date == dt.date(2024, 2, 8)


def test_spans_give_element_path_and_value_line() -> None:
    """Trap: a span must point at the field element and the line its <value> sits on (line
    159 holds <value>5160301</value>), and a footnote-only field keeps a span too."""
    doc = _doc(_parse("form4/datamule_paypal__0000950170-24-012830__ownership.xml"))
    shares = doc.transactions[0].spans["shares"]
    assert shares.path == (
        "/ownershipDocument/nonDerivativeTable/nonDerivativeTransaction[1]"
        "/transactionAmounts/transactionShares"
    )
    assert shares.line == 159
    price = doc.transactions[0].spans["price"]
    assert price.path is not None and price.path.endswith(
        "nonDerivativeTransaction[1]/transactionAmounts/transactionPricePerShare"
    )
    assert price.line == 161  # <transactionPricePerShare> holding only <footnoteId id="F1"/>
    assert doc.transactions[3].spans["shares"].line == 276
    assert doc.transactions[3].spans["shares"].path == (
        "/ownershipDocument/derivativeTable/derivativeTransaction[1]"
        "/transactionAmounts/transactionShares"
    )
    assert doc.owners[5].spans["cik"].path == (
        "/ownershipDocument/reportingOwner[6]/reportingOwnerId/rptOwnerCik"
    )
    assert "nature_of_ownership" not in doc.transactions[0].spans  # no such element in row 1


def test_tesla_conformed_name_and_option_exercises() -> None:
    """Trap: "Musk Elon" is SEC conformed order (last first); flags written 1/0; the options
    exercised have an exercise date given only by footnote and an expiration date value."""
    doc = _doc(_parse("form4/alexkouzel__tesla-form4.xml"))
    musk = doc.owners[0]
    assert musk.cik == "0001494730"
    assert musk.name is not None
    assert (musk.name.full, musk.name.last, musk.name.first) == ("Musk Elon", "Musk", "Elon")
    assert musk.kind is EntityKind.PERSON
    rel = musk.relationship
    assert (rel.is_director, rel.is_officer, rel.is_ten_percent_owner, rel.is_other) == (
        True,
        True,
        True,
        False,
    )
    assert rel.officer_title == "CEO"
    assert musk.address is not None
    assert (musk.address.city, musk.address.state, musk.address.zip) == ("AUSTIN", "TX", "78725")
    assert musk.address.country is None
    assert doc.not_subject_to_section16 is False
    assert doc.joint_filing is False
    assert [(t.code, t.price) for t in doc.transactions if not t.derivative] == [
        (TransactionCode.M, Decimal("2.79")),
        (TransactionCode.M, Decimal("6.67")),
    ]
    assert all(t.nature_of_ownership == "by Trust" for t in doc.transactions[:2])
    assert all(t.footnotes["nature_of_ownership"] == ["F1"] for t in doc.transactions[:2])
    assert all(t.timeliness is None for t in doc.transactions)  # <value></value>
    assert all(t.deemed_execution_date is None for t in doc.transactions)
    options = [t for t in doc.transactions if t.derivative]
    assert [(o.exercise_price, o.expiration_date) for o in options] == [
        (Decimal("2.79"), dt.date(2023, 4, 8)),
        (Decimal("6.67"), dt.date(2023, 6, 10)),
    ]
    assert [o.footnotes["exercisable_date"] for o in options] == [["F2"], ["F3"]]
    assert doc.remarks is None  # <remarks></remarks>
    assert doc.signatures[0].name == "Elon Musk"


def test_no_securities_owned_form3() -> None:
    """Trap: a Form 3 that reports no holdings at all (noSecuritiesOwned=1) and an empty
    <footnotes></footnotes>: zero rows, the box true, nothing invented."""
    doc = _doc(_parse("form3/edgartools__form3.nosecurities.xml"))
    assert doc.filing.form_type == "3"
    assert doc.no_securities_owned is True
    assert doc.transactions == [] and doc.holdings == [] and doc.footnote_texts == []
    assert doc.owners[0].name is not None and doc.owners[0].name.full == "Hegde Vinayak"
    assert doc.owners[0].address is not None and doc.owners[0].address.street2 is None
    assert doc.remarks == "Exhibit 24.1 - Power of Attorney"
    assert doc.rule_10b5_1 is None  # X0206 has no aff10b5One


def test_form3_x0203_person_and_trust() -> None:
    """Trap: schema X0203 (2011), two owners: the person (conformed "Hoffman Reid") and his
    living trust, whose name holds "&" escaped as &amp;."""
    doc = _doc(_parse("form3/datamule_paypal__0001181431-11-030813__rrd311776.xml"))
    assert doc.filing.schema_version == "X0203"
    names = [o.name.full if o.name else None for o in doc.owners]
    assert names == ["Hoffman Reid", "Reid Hoffman & Michelle Yee Living Trust"]
    assert [o.kind for o in doc.owners] == [EntityKind.PERSON, EntityKind.ORGANIZATION]
    assert [o.cik for o in doc.owners] == ["0001519339", "0001521103"]
    assert [(h.derivative, h.row) for h in doc.holdings] == [(False, 0), (True, 0)]


def test_form5_flags_and_coding_footnote() -> None:
    """Trap: Form 5 boxes (form3HoldingsReported, form4TransactionsReported) and a footnote
    placed inside transactionCoding, which annotates the transaction code."""
    doc = _doc(_parse("form5/edgartools__form5.snow.xml"))
    assert doc.filing.form_type == "5"
    assert doc.form3_holdings_reported is False
    assert doc.form4_transactions_reported is False
    gift = doc.transactions[0]
    assert (gift.code, gift.form_type, gift.shares) == (TransactionCode.G, "5", Decimal("61386"))
    assert gift.footnotes["code"] == ["F1"]


def test_total_value_instead_of_shares() -> None:
    """Trap: convertible notes reported by value (transactionTotalValue), not share count
    (0000899243-20-034355): the value is kept and shares stay None."""
    doc = _doc(_parse("form4/datamule_paypal__0000899243-20-034355__doc4.xml"))
    valued = [t for t in doc.transactions if t.total_value is not None]
    assert [t.total_value for t in valued][:3] == [
        Decimal("30430000.00"),
        Decimal("4697050.00"),
        Decimal("302950.00"),
    ]
    assert all(t.shares is None for t in valued)
    assert valued[0].value_after == Decimal("30430000.00")


def test_see_remarks_unresolved_for_group_remarks() -> None:
    """Trap: four owners print otherText "See Remarks" and the remarks explain a voting group,
    not a title (0000899243-22-012864): other_text stays None, one warning each."""
    parsed = _parse("form4/datamule_paypal__0000899243-22-012864__doc4.xml")
    doc = _doc(parsed)
    assert len(doc.owners) == 4
    unresolved = [w for w in parsed.warnings if w.code == "see_remarks_unresolved"]
    assert len(unresolved) == 4  # lines 36, 58, 80, 102
    assert [w.span.line for w in unresolved if w.span] == [36, 58, 80, 102]
    assert all("'See Remarks'" in w.message for w in unresolved)
    assert all(o.relationship.other_text is None for o in doc.owners)
    assert doc.remarks is not None and doc.remarks.startswith("This Form 4 is not being filed")


def test_see_remarks_title_read_from_remarks() -> None:
    """Trap: officerTitle "See Remarks" with a remarks line "Title: ..." (the shape of
    0001562180-25-000280); variant document of our own."""
    parsed = ownership_xml.parse(
        _variant(
            "    <remarks>Exhibit 24 - Power of Attorney\nTitle: Chief Operating Officer.</remarks>"
        )
    )
    doc = _doc(parsed)
    rel = doc.owners[0].relationship
    assert rel.officer_title == "Chief Operating Officer"
    assert rel.spans["officer_title"].path == "/ownershipDocument/remarks"
    assert rel.spans["officer_title"].line == 23  # <remarks> opens on line 22, "Title:" on 23
    warning = next(w for w in parsed.warnings if w.code == "title_from_remarks")
    assert "'See Remarks'" in warning.message
    assert warning.span is not None and warning.span.line == 19  # the printed officerTitle


def test_title_in_remarks_shapes() -> None:
    """Trap: only a labelled title or a one-line title counts; an exhibit list or prose does
    not."""
    assert title_in_remarks("EVP, Chief Financial Officer") == ("EVP, Chief Financial Officer", 0)
    assert title_in_remarks("Officer Title: General Counsel") == ("General Counsel", 0)
    assert title_in_remarks("Exhibit 24 - Power of Attorney") is None
    assert title_in_remarks("The reporting person disclaims beneficial ownership.") is None


def test_variant_without_schema_version_and_bad_values() -> None:
    """Trap: a document without schemaVersion, flags written true/1, a price that is not a
    number, an unknown transaction code and a footnote id with no footnote text: the document
    parses, the bad values are None and each gets a warning."""
    body = """
    <nonDerivativeTable>
        <nonDerivativeTransaction>
            <securityTitle><value>Common Stock</value></securityTitle>
            <transactionDate><value>2023-05-02-05:00</value></transactionDate>
            <transactionCoding>
                <transactionFormType>4</transactionFormType>
                <transactionCode>Q</transactionCode>
                <equitySwapInvolved>false</equitySwapInvolved>
            </transactionCoding>
            <transactionAmounts>
                <transactionShares><value>1,500</value></transactionShares>
                <transactionPricePerShare>
                    <value>N/A</value><footnoteId id="F9"/>
                </transactionPricePerShare>
                <transactionAcquiredDisposedCode><value>a</value></transactionAcquiredDisposedCode>
            </transactionAmounts>
            <postTransactionAmounts>
                <sharesOwnedFollowingTransaction><value>2500</value></sharesOwnedFollowingTransaction>
            </postTransactionAmounts>
            <ownershipNature>
                <directOrIndirectOwnership><value>D</value></directOrIndirectOwnership>
            </ownershipNature>
        </nonDerivativeTransaction>
        <nonDerivativeHolding>
            <securityTitle><value>Common Stock</value></securityTitle>
            <postTransactionAmounts>
                <sharesOwnedFollowingTransaction><value>700</value></sharesOwnedFollowingTransaction>
            </postTransactionAmounts>
            <ownershipNature>
                <directOrIndirectOwnership><value>I</value></directOrIndirectOwnership>
                <natureOfOwnership><value>By spouse</value></natureOfOwnership>
            </ownershipNature>
        </nonDerivativeHolding>
    </nonDerivativeTable>"""
    parsed = ownership_xml.parse(_variant(body, head=""))
    doc = _doc(parsed)
    assert doc.filing.schema_version is None
    tx = doc.transactions[0]
    assert tx.date == dt.date(2023, 5, 2)
    assert tx.code is None
    assert tx.shares == Decimal("1500")
    assert tx.price is None and tx.footnotes["price"] == ["F9"]
    assert tx.acquired_disposed is AcquiredDisposed.ACQUIRED
    holding = doc.holdings[0]
    assert (holding.shares, holding.ownership, holding.nature_of_ownership) == (
        Decimal("700"),
        OwnershipNature.INDIRECT,
        "By spouse",
    )
    codes = sorted(w.code for w in parsed.warnings)
    assert codes == [
        "bad_number",
        "footnote_missing",
        "see_remarks_unresolved",
        "unknown_code",
    ]
    owner = doc.owners[0]
    assert owner.relationship.is_director and owner.relationship.is_officer
    assert owner.relationship.officer_title is None  # "See Remarks", no remarks at all
    assert owner.address is None


def test_amendment_with_date_of_original_submission() -> None:
    """Trap: a 4/A carries dateOfOriginalSubmission; the form type keeps "/A" and the
    amendment flag is set (variant of our own)."""
    source = _variant("    <remarks>CFO</remarks>")
    data = source.data.replace(
        b"<documentType>4</documentType>",
        b"<documentType>4/A</documentType>\n"
        b"    <dateOfOriginalSubmission>2023-04-28</dateOfOriginalSubmission>",
    )
    doc = _doc(ownership_xml.parse(Source("amendment.xml", data)))
    assert doc.filing.form_type == "4/A"
    assert doc.filing.amendment is True
    assert doc.filing.date_of_original == dt.date(2023, 4, 28)
    assert doc.date_of_original == dt.date(2023, 4, 28)
    assert doc.owners[0].relationship.officer_title == "CFO"


def test_missing_document_type_is_a_bad_document() -> None:
    """Trap: without <documentType> the form is unknown; the document fails, with its name."""
    source = _variant("")
    data = source.data.replace(b"<documentType>4</documentType>", b"")
    with pytest.raises(MalformedDocumentError, match="documentType") as caught:
        ownership_xml.parse(Source("no-type.xml", data))
    assert caught.value.source == "no-type.xml"


def test_detection_is_by_content_not_name() -> None:
    """Trap: an ownership document saved as .txt, and one with a BOM and blank lines before
    its declaration, are still ownership XML; the file name plays no part."""
    data = (CORPUS / "form4/alexkouzel__tesla-form4.xml").read_bytes()
    assert detect(Source("renamed.txt", data)).name == "ownership-xml"
    padded = b"\xef\xbb\xbf\n\n" + data
    entry = detect(Source("padded.htm", padded))
    assert entry.name == "ownership-xml"
    doc = _doc(entry.parse(Source("padded.htm", padded)))
    assert doc.owners[0].cik == "0001494730"
    assert doc.filing.input_format is InputFormat.XML


def test_form5_holding_with_its_form_type() -> None:
    """Trap: a Form 5 holding may carry transactionCoding with only the form it was due on
    (and a footnote there); that is the holding's form type, not a transaction code."""
    body = """
    <derivativeTable>
        <derivativeHolding>
            <securityTitle><value>Stock Option (right to buy)</value></securityTitle>
            <conversionOrExercisePrice><value>12.50</value></conversionOrExercisePrice>
            <transactionCoding>
                <transactionFormType>3</transactionFormType>
                <footnoteId id="F1"/>
            </transactionCoding>
            <exerciseDate><value>2024-01-01</value></exerciseDate>
            <expirationDate><value>2033-01-01</value></expirationDate>
            <underlyingSecurity>
                <underlyingSecurityTitle><value>Common Stock</value></underlyingSecurityTitle>
                <underlyingSecurityShares><value>4000</value></underlyingSecurityShares>
            </underlyingSecurity>
            <postTransactionAmounts>
                <sharesOwnedFollowingTransaction><value>4000</value></sharesOwnedFollowingTransaction>
            </postTransactionAmounts>
            <ownershipNature>
                <directOrIndirectOwnership><value>D</value></directOrIndirectOwnership>
            </ownershipNature>
        </derivativeHolding>
    </derivativeTable>
    <footnotes>
        <footnote id="F1">Previously reported on Form 3.</footnote>
    </footnotes>"""
    parsed = ownership_xml.parse(_variant(body))
    holding = _doc(parsed).holdings[0]
    assert (holding.derivative, holding.form_type) == (True, "3")
    assert holding.footnotes == {"form_type": ["F1"]}
    assert holding.exercise_price == Decimal("12.50")
    assert holding.exercisable_date == dt.date(2024, 1, 1)
    assert holding.underlying_shares == Decimal("4000")
    assert holding.shares == Decimal("4000")
    assert [w.code for w in parsed.warnings] == ["see_remarks_unresolved"]
