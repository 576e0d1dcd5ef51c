"""EDGAR full submissions: headers in both spellings, PEM wrappers, documents, enrichment.

Expected values were read from the submission files named in each test.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from secgraph.errors import MalformedDocumentError
from secgraph.models import (
    EightKFiling,
    FormDFiling,
    InputFormat,
    OwnershipFiling,
    ParsedFiling,
)
from secgraph.parsers.registry import detect, parse_bytes, parse_path
from secgraph.parsers.source import Source
from secgraph.parsers.submission import (
    eight_k_item_number,
    normalize_newlines,
    parse_header,
    split_documents,
)

CORPUS = Path(__file__).parent / "corpus"
AAR = CORPUS / "form4/edgartools__0001127602-25-001055.txt"


def _ownership(parsed: ParsedFiling) -> OwnershipFiling:
    assert isinstance(parsed.document, OwnershipFiling)
    return parsed.document


def test_classic_header_fields_and_lines() -> None:
    """Trap: the .txt header's KEY:<tab>value lines, nested REPORTING-OWNER / ISSUER sections
    with business and mail addresses (only the business one is the company's) and a former
    name; every value keeps its line."""
    text = AAR.read_text()
    header = parse_header(text[: text.index("<DOCUMENT>")])
    assert header.values["accession"] == "0001127602-25-001055"
    assert header.lines["accession"] == 4
    assert header.values["type"] == "4"
    assert header.values["period"] == "20250110"
    assert header.values["filed"] == "20250110"
    roles = [(f.role, f.values.get("name"), f.values.get("cik")) for f in header.filers]
    assert roles == [
        ("reporting-owner", "Garascia Jessica A.", "0001806647"),
        ("issuer", "AAR CORP", "0000001750"),
    ]
    issuer = header.filers[1]
    assert issuer.values["sic"] == "AIRCRAFT & PARTS [3720]"
    assert issuer.values["fiscal_year_end"] == "0531"
    assert issuer.addresses["business"] == {
        "street1": "1100 N WOOD DALE RD",
        "city": "WOOD DALE",
        "state": "IL",
        "zip": "60191",
        "phone": "6302272000",
    }
    assert issuer.former_names == ["ALLEN AIRCRAFT RADIO INC"]
    owner = header.filers[0]
    assert owner.addresses["mail"]["street1"] == "1100 N. WOOD DALE ROAD"


def test_submission_enriches_the_ownership_record() -> None:
    """Trap: the XML alone has no accession, filing date, SIC or former names; the header
    does. The record must say it came from SGML, name the submission file, and its spans must
    count lines of the submission (issuerCik is on line 75 of the file)."""
    parsed = parse_path(AAR)
    doc = _ownership(parsed)
    info = doc.filing
    assert info.accession == "0001127602-25-001055"
    assert info.filed_date == dt.date(2025, 1, 10)
    assert info.input_format is InputFormat.SGML
    assert info.source == str(AAR)
    assert info.sha256 == Source.from_path(AAR).sha256
    assert info.spans["accession"].line == 4
    assert [(f.role, f.cik) for f in info.filers] == [
        ("reporting-owner", "0001806647"),
        ("issuer", "0000001750"),
    ]
    assert doc.issuer.cik == "0000001750"
    assert doc.issuer.spans["cik"].line == 75
    assert doc.issuer.sic == "3720"
    assert doc.issuer.fiscal_year_end == "0531"
    assert doc.issuer.jurisdiction == "DE"
    assert doc.issuer.previous_names == ["ALLEN AIRCRAFT RADIO INC"]
    assert doc.issuer.address is not None and doc.issuer.address.city == "WOOD DALE"
    owner = doc.owners[0]
    assert owner.cik == "0001806647"
    assert owner.spans["cik"].line == 82
    assert owner.relationship.officer_title == "Senior VP, GC, CAO & Secretary"
    assert not [w for w in parsed.warnings if w.code == "header_mismatch"]


def test_documents_are_split_with_their_metadata() -> None:
    """Trap: documents carry TYPE/SEQUENCE/FILENAME/DESCRIPTION before <TEXT>, and the XML
    body sits inside an <XML> wrapper that must not reach the XML parser."""
    docs = list(split_documents(normalize_newlines(AAR.read_bytes())))
    assert [(d.type, d.sequence, d.filename, d.description) for d in docs] == [
        ("4", 1, "form4.xml", "PRIMARY DOCUMENT"),
        ("EX-24", 2, "doc1.htm", "POWER OF ATTORNEY: POA"),
    ]
    assert docs[0].body.startswith(b'<?xml version="1.0"?>')
    assert docs[0].body_line == 65  # line 64 is <XML>
    assert docs[0].type_line == 59
    assert all(d.complete for d in docs)


def test_nc_feed_with_bare_cr_lines_and_see_remarks() -> None:
    """Trap: the .nc feed spells the header as tags and ends lines with bare CRs
    (0001562180-25-000280); lines must still be counted, and the officer title printed
    "See Remarks" is read from "Title: ..." in the remarks (line 202 of the file)."""
    path = CORPUS / "form4/edgartools__0001562180-25-000280.nc.txt"
    parsed = parse_path(path)
    doc = _ownership(parsed)
    assert doc.filing.accession == "0001562180-25-000280"
    assert doc.filing.filed_date == dt.date(2025, 1, 8)
    assert doc.issuer.sic == "2834"
    rel = doc.owners[0].relationship
    assert rel.officer_title == "Senior Vice President of Quality and Enabling Functions"
    assert rel.spans["officer_title"].line == 202
    warning = next(w for w in parsed.warnings if w.code == "title_from_remarks")
    assert warning.span is not None and warning.span.line == 94  # <officerTitle>See Remarks
    assert doc.transactions[0].spans["shares"].line == 119


def test_pem_wrapped_form_d_with_header_items() -> None:
    """Trap: a 2009 Form D inside -----BEGIN PRIVACY-ENHANCED MESSAGE----- with MIC headers
    before <SEC-DOCUMENT>; the header's ITEM INFORMATION lines are kept as printed."""
    path = CORPUS / "formd/halloran__filing_with_privacy.txt"
    assert detect(Source.from_path(path)).name == "submission-sgml"
    doc = parse_path(path).document
    assert isinstance(doc, FormDFiling)
    assert doc.filing.accession == "0000919574-09-006093"
    assert doc.filing.filed_date == dt.date(2009, 3, 16)
    assert doc.filing.items == [
        "Rule 506",
        "Investment Company Act Section 3(c)",
        "Section 3(c)(1)",
    ]
    assert doc.filing.spans["items"].line == 17
    assert doc.issuers[0].cik == "0001456986"
    assert doc.issuers[0].file_number == "021-127918"


def test_nc_form_d_amendment() -> None:
    """Trap: a D/A in the .nc feed: the amended accession comes from the XML, the items from
    repeated <ITEMS> tags."""
    doc = parse_path(CORPUS / "formd/edgartools__0001398344-24-000491.nc.txt").document
    assert isinstance(doc, FormDFiling)
    assert doc.filing.form_type == "D/A"
    assert doc.filing.accession == "0001398344-24-000491"
    assert doc.filing.amends_accession == "0001398344-18-000523"
    assert doc.filing.items == ["06b", "3C", "3C.1"]
    assert doc.filing.filed_date == dt.date(2024, 1, 11)


def test_items_tag_left_in_item_information() -> None:
    """Trap: 0001968399-23-000002 prints "ITEM INFORMATION:  <ITEMS>06c"; the item is 06c."""
    doc = parse_path(CORPUS / "formd/hashnote__0001968399-23-000002.txt").document
    assert isinstance(doc, FormDFiling)
    assert doc.filing.items == ["06c"]


def test_eight_k_items_from_header_titles() -> None:
    """Trap: 8-K headers give item titles, some truncated by EDGAR ("... or Completed Inter",
    0001213900-25-032135); they map to item numbers."""
    text = (CORPUS / "8k/edgartools__0001213900-25-032135.txt").read_text()
    header = parse_header(text[: text.index("<DOCUMENT>")])
    assert [eight_k_item_number(t) for t, _ in header.items] == ["2.02", "4.02", "7.01", "9.01"]
    assert eight_k_item_number(
        "Departure of Directors or Certain Officers; Election of Directors; "
        "Appointment of Certain Officers:"
    ) == ("5.02")
    assert eight_k_item_number("5.02") == "5.02"
    assert eight_k_item_number("Change") is None  # a prefix of several titles


def test_eight_k_exhibits_from_other_documents() -> None:
    """Trap: an 8-K's press release and agreements are its other documents; XBRL schemas,
    graphics, zips and rendered R files are not exhibits."""
    parsed = parse_path(CORPUS / "8k/secedgardl__aapl_8k_20191115.txt")
    doc = parsed.document
    assert isinstance(doc, EightKFiling)
    assert doc.filing.accession == "0001193125-19-292676"
    ours = [(e.document_type, e.sequence, e.filename) for e in doc.exhibits if e.filename]
    assert ours == [
        ("EX-1.1", 2, "d828969dex11.htm"),
        ("EX-4.1", 3, "d828969dex41.htm"),
        ("EX-5.1", 4, "d828969dex51.htm"),
    ]
    ex11 = next(e for e in doc.exhibits if e.document_type == "EX-1.1")
    assert ex11.spans["document_type"].line == 343
    assert ex11.spans["text"].line == 348
    assert ex11.text is not None and "Apple Inc." in ex11.text
    assert doc.company.cik == "0000320193"
    assert doc.company.previous_names == ["APPLE INC", "APPLE COMPUTER INC"]
    # The 8-K is HTML: its spans stay those of its own text, and a warning says where it is.
    note = next(w for w in parsed.warnings if w.code == "document_spans")
    assert note.span is not None and note.span.line == 57  # after <TEXT> (55) and <XBRL> (56)
    assert "d828969d8k.htm" in note.message


def test_plain_text_exhibit_of_a_1998_eight_k() -> None:
    """Trap: a pre-HTML 8-K (1998, PEM-wrapped) whose exhibit is plain text with no
    FILENAME."""
    doc = parse_path(CORPUS / "8k/edgartools__0001011438-98-000429.txt").document
    assert isinstance(doc, EightKFiling)
    assert doc.filing.accession == "0001011438-98-000429"
    assert doc.filing.filed_date == dt.date(1998, 12, 31)
    exhibit = next(e for e in doc.exhibits if e.document_type == "EX-20.1")
    assert (exhibit.sequence, exhibit.description) == (2, "STATEMENT TO CERTIFICATEHOLDERS")
    assert exhibit.text is not None and len(exhibit.text) > 1000


def test_eight_owners_match_the_header() -> None:
    """Trap: eight reporting owners (0001493152-25-009612), foreign addresses coded M0/X0/Y9:
    every owner's CIK is among the header's, and a non-US code's description is the country."""
    parsed = parse_path(
        CORPUS / "form4/syeo1__0001493152-25-009612__softbank_derivative_acquisition.txt"
    )
    doc = _ownership(parsed)
    assert len(doc.owners) == 8
    assert {o.cik for o in doc.owners} == {
        f.cik for f in doc.filing.filers if f.role == "reporting-owner"
    }
    assert not [w for w in parsed.warnings if w.code == "header_mismatch"]
    softbank = doc.owners[0]
    assert softbank.name is not None and softbank.name.full == "SOFTBANK GROUP CORP."
    assert softbank.address is not None
    assert (softbank.address.state, softbank.address.country) == ("M0", "JAPAN")


def _aar_variant(old: bytes, new: bytes) -> bytes:
    data = AAR.read_bytes()
    assert old in data
    return data.replace(old, new)


def test_missing_ciks_are_filled_from_the_header() -> None:
    """Trap: an ownership XML without issuer and owner CIKs (variant of 0001127602-25-001055):
    the header's CIKs fill them, with spans on the header lines."""
    data = _aar_variant(b"<rptOwnerCik>0001806647</rptOwnerCik>", b"")
    data = data.replace(b"<issuerCik>0000001750</issuerCik>", b"")
    doc = _ownership(parse_bytes(data, "variant.txt"))
    assert doc.issuer.cik == "0000001750"
    assert doc.issuer.spans["cik"].line == 34  # CENTRAL INDEX KEY under ISSUER
    assert doc.owners[0].cik == "0001806647"
    assert doc.owners[0].spans["cik"].line == 15


def test_header_and_document_disagree() -> None:
    """Trap: the header says 4/A, the document 4: keep the document's, warn."""
    data = _aar_variant(b"CONFORMED SUBMISSION TYPE:\t4\n", b"CONFORMED SUBMISSION TYPE:\t4/A\n")
    parsed = parse_bytes(data, "variant.txt")
    assert _ownership(parsed).filing.form_type == "4"
    assert [w.code for w in parsed.warnings] == ["header_mismatch"]


def test_header_only_submission_is_a_bad_document() -> None:
    """Trap: a saved SEC header with no <DOCUMENT> (edgartools secheader.4.evercommerce) has
    nothing to parse: a specific error, not an empty record."""
    path = CORPUS / "form4/edgartools__secheader.4.evercommerce.txt"
    assert detect(Source.from_path(path)).name == "submission-sgml"
    with pytest.raises(MalformedDocumentError, match="header but no documents") as caught:
        parse_path(path)
    assert caught.value.source == str(path)


def test_truncated_document_is_warned() -> None:
    """Trap: a submission cut after the XML (no </TEXT>, no </DOCUMENT>) still parses, with a
    warning."""
    data = AAR.read_bytes()
    data = data[: data.index(b"</XML>")]
    parsed = parse_bytes(data, "cut.txt")
    assert _ownership(parsed).filing.accession == "0001127602-25-001055"
    assert "truncated_document" in [w.code for w in parsed.warnings]


def test_nested_submission_is_refused() -> None:
    """Trap: a document whose text is itself a submission would recurse; it is refused."""
    inner = AAR.read_bytes()
    outer = (
        b"<SEC-DOCUMENT>x\n<SEC-HEADER>x\nACCESSION NUMBER:\t0000000000-25-000002\n"
        b"CONFORMED SUBMISSION TYPE:\t4\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>4\n<TEXT>\n"
        + inner
        + b"\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    )
    with pytest.raises(MalformedDocumentError, match="nested"):
        parse_bytes(outer, "nested.txt")


def test_detection_ignores_file_names() -> None:
    """Trap: submissions saved under .xml names upstream (syeo-1) and XML saved as .txt: only
    the content decides."""
    data = AAR.read_bytes()
    assert detect(Source("form4.xml", data)).name == "submission-sgml"
    header_only = (CORPUS / "form4/edgartools__secheader.4.evercommerce.txt").read_bytes()
    assert detect(Source("header.xml", header_only)).name == "submission-sgml"
    xml = (CORPUS / "form4/alexkouzel__tesla-form4.xml").read_bytes()
    assert detect(Source("submission.txt", xml)).name == "ownership-xml"
