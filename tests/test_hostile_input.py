"""Hostile and broken XML: refused or reported with file, line and column, never expanded.

The fixtures in tests/fixtures/hostile/ were written for these tests; the expected lines and
columns were counted by hand in those files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from secgraph.errors import (
    EmptyInputError,
    MalformedDocumentError,
    UnsafeDocumentError,
)
from secgraph.models import OwnershipFiling
from secgraph.parsers import xmlsafe
from secgraph.parsers.registry import parse_bytes, parse_path
from secgraph.parsers.xmlsafe import parse_xml

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
CORPUS = Path(__file__).parent / "corpus"


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("billion_laughs.xml", 3),  # the first <!ENTITY of the nested "lol" entities
        ("external_entity.xml", 4),  # <!ENTITY xxe SYSTEM "file:///etc/passwd">
        ("parameter_entity.xml", 2),  # <!ENTITY % remote SYSTEM "http://...">
        ("external_dtd.xml", 2),  # <!DOCTYPE ownershipDocument SYSTEM "http://...">
    ],
)
def test_entity_declarations_are_refused(name: str, line: int) -> None:
    """Trap: entity expansion (billion laughs), external entities and external DTDs must be
    refused before libxml2 reads them, through the registry, naming the file and line."""
    path = HOSTILE / name
    with pytest.raises(UnsafeDocumentError) as caught:
        parse_path(path)
    assert caught.value.source == str(path)
    assert caught.value.line == line
    assert isinstance(caught.value, ValueError)


def test_external_entity_is_never_read() -> None:
    """Trap: even called directly, the parser must not put /etc/passwd into a value."""
    data = (HOSTILE / "external_entity.xml").read_bytes()
    with pytest.raises(UnsafeDocumentError):
        parse_xml(data, "x.xml")


@pytest.mark.parametrize(
    ("name", "line", "column", "words"),
    [
        # line 14 is "            <rptOwnerName>Musk El" (33 characters), then the file ends
        ("truncated.xml", 14, 34, "Premature end of data"),
        # line 7: "        <issuerName>Tesla, Inc.</issuerCik>" (the end tag ends at column 43)
        ("mismatched.xml", 7, 44, "tag mismatch"),
        # line 5: "    <remarks>Chief&nbsp;Executive Officer</remarks>" (&nbsp; is columns 19-24)
        ("undefined_entity.xml", 5, 25, "nbsp"),
    ],
)
def test_ill_formed_xml_reports_line_and_column(
    name: str, line: int, column: int, words: str
) -> None:
    """Trap: truncated or ill-formed XML must fail as a bad document carrying libxml2's line
    and column, never as a crash and never "recovered" into a partial record."""
    path = HOSTILE / name
    with pytest.raises(MalformedDocumentError) as caught:
        parse_path(path)
    error = caught.value
    assert (error.source, error.line, error.column) == (str(path), line, column)
    assert words in error.reason
    assert f"{path}:{line}:{column}:" in str(error)


def test_entity_inside_a_submission_names_the_submission_line() -> None:
    """Trap: the external entity hides in the XML of a full submission; the error must name
    the submission file and its own line 17 (<!ENTITY xxe ...>), not the inner document's."""
    path = HOSTILE / "submission_xxe.txt"
    with pytest.raises(UnsafeDocumentError) as caught:
        parse_path(path)
    assert caught.value.source == str(path)
    assert caught.value.line == 17
    assert "document 1 (4, form4.xml)" in caught.value.reason


def test_deep_nesting_is_refused() -> None:
    """Trap: huge_tree stays off, so a document nested thousands deep is a bad document."""
    data = b"<ownershipDocument>" + b"<a>" * 5000 + b"</a>" * 5000 + b"</ownershipDocument>"
    with pytest.raises(MalformedDocumentError) as caught:
        parse_bytes(data, "deep.xml")
    assert caught.value.line == 1


def test_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trap: a document over the size limit is refused before parsing."""
    monkeypatch.setattr(xmlsafe, "MAX_XML_BYTES", 1000)
    data = (CORPUS / "form4/alexkouzel__tesla-form4.xml").read_bytes()
    with pytest.raises(UnsafeDocumentError, match="over the 1000-byte limit"):
        parse_bytes(data, "big.xml")


def test_bom_blank_lines_and_cr_line_ends_keep_line_numbers() -> None:
    """Trap: a BOM and blank lines before <?xml (forbidden by XML, common on EDGAR) and old
    Mac CR line ends (the .nc feed) must parse, and sourceline must still count the input's
    lines: the issuer CIK of tesla-form4.xml is on its line 13, so line 15 after two blank
    lines."""
    data = (CORPUS / "form4/alexkouzel__tesla-form4.xml").read_bytes()
    padded = b"\xef\xbb\xbf\n\n" + data.replace(b"\n", b"\r")
    doc = parse_bytes(padded, "padded.xml").document
    assert isinstance(doc, OwnershipFiling)
    assert doc.issuer.cik == "0001318605"
    assert doc.issuer.spans["cik"].line == 15


def test_namespaced_root_parses() -> None:
    """Trap: a default namespace on the root must not hide every element from the parser."""
    data = (CORPUS / "form4/alexkouzel__tesla-form4.xml").read_bytes()
    data = data.replace(
        b"<ownershipDocument>", b'<ownershipDocument xmlns="http://www.sec.gov/edgar/ownership">'
    )
    doc = parse_bytes(data, "ns.xml").document
    assert isinstance(doc, OwnershipFiling)
    assert doc.owners[0].cik == "0001494730"
    assert len(doc.transactions) == 4


def test_empty_and_whitespace_files() -> None:
    """Trap: an empty file is an input error naming the file, not an XML crash."""
    with pytest.raises(EmptyInputError):
        parse_bytes(b"  \n\n", "blank.xml")
