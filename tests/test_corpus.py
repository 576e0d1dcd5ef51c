"""The whole corpus: every file of tests/corpus parses, or fails with the error documented for
it in tests/corpus/EXPECTED_ERRORS.tsv.

For ownership documents the record is checked against two independent sources: the XML itself
(rows, owners and footnotes counted here with lxml) and MANIFEST.tsv's notes (counts, schema,
period, codes, relationships, owner names, boxes), written when the corpus was collected.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from secgraph import errors
from secgraph.models import FormDFiling, OwnershipFiling, OwnershipNature, ParsedFiling
from secgraph.parsers.registry import parse_path

CORPUS = Path(__file__).parent / "corpus"
SIDECARS = {"MANIFEST.tsv", "EXPECTED_ERRORS.tsv"}
FILES = sorted(
    p.relative_to(CORPUS).as_posix()
    for p in CORPUS.rglob("*")
    if p.is_file() and p.name not in SIDECARS
)

# Files that should parse but whose parser (another module's) cannot read them yet. Strict:
# the test fails as soon as they parse, so this list must shrink with the parsers.
PENDING = {
    "form4/edgartools__0001094891-00-000193.txt": (
        "year-2000 plain-text Form 4 inside a PEM submission: parsers.ownership_text does not "
        "read this pre-XML layout yet (MalformedDocumentError: no issuer box)"
    ),
}


def _expected_errors() -> dict[str, tuple[str, str]]:
    with (CORPUS / "EXPECTED_ERRORS.tsv").open(newline="") as fh:
        return {
            row["file"]: (row["error"], row["reason"]) for row in csv.DictReader(fh, delimiter="\t")
        }


def _manifest() -> dict[str, dict[str, str]]:
    with (CORPUS / "MANIFEST.tsv").open(newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {row["local_path"]: row for row in rows}


EXPECTED = _expected_errors()
MANIFEST = _manifest()
_CACHE: dict[str, ParsedFiling] = {}


def _parsed(rel: str) -> ParsedFiling:
    if rel not in _CACHE:
        _CACHE[rel] = parse_path(CORPUS / rel)
    return _CACHE[rel]


def _notes(rel: str) -> dict[str, str]:
    """MANIFEST notes as key -> value. owner_names and industry hold spaces and come last."""
    text = MANIFEST[rel]["notes"]
    tail = re.search(r"\b(owner_names|industry)=(.*)$", text)
    notes = dict(re.findall(r"\b([A-Za-z0-9_]+)=(\S+)", text[: tail.start()] if tail else text))
    if tail:
        notes[tail.group(1)] = tail.group(2).strip()
    return notes


def _family(rel: str) -> str:
    form = MANIFEST[rel]["form_type"]
    return {"3": "ownership", "4": "ownership", "5": "ownership", "D": "form_d"}.get(form, "8k")


def _cases() -> Iterator[Any]:
    for rel in FILES:
        marks = []
        if rel in PENDING:
            marks.append(pytest.mark.xfail(strict=True, reason=PENDING[rel]))
        yield pytest.param(rel, id=rel, marks=marks)


@pytest.mark.parametrize("rel", list(_cases()))
def test_every_file_parses_or_fails_as_documented(rel: str) -> None:
    """Trap: a corpus file that crashes, fails with an undocumented error, or parses into the
    wrong family (a rendering read as an 8-K, a submission as its exhibit)."""
    path = CORPUS / rel
    assert rel in MANIFEST, f"{rel} is not described in MANIFEST.tsv"
    if rel in EXPECTED:
        name, _reason = EXPECTED[rel]
        error_class = getattr(errors, name)
        with pytest.raises(error_class) as caught:
            parse_path(path)
        assert caught.value.source == str(path)
        return
    parsed = _parsed(rel)
    assert parsed.document.kind == _family(rel)
    manifest_form = MANIFEST[rel]["form_type"]
    assert parsed.document.filing.form_type.split("/")[0] == manifest_form


def test_documented_errors_name_corpus_files() -> None:
    """Trap: a stale EXPECTED_ERRORS.tsv or pending list that names files no longer there."""
    assert set(EXPECTED) <= set(FILES)
    assert set(PENDING) <= set(FILES)
    assert not set(EXPECTED) & set(PENDING)
    for name, _ in EXPECTED.values():
        assert issubclass(getattr(errors, name), errors.InputError)


# ---------------------------------------------------------------------------------------------
# Ownership documents: the record against the XML and the MANIFEST

_OWNERSHIP_XML = re.compile(rb"<ownershipDocument\b.*?</ownershipDocument>", re.DOTALL)


def _ownership_xml(rel: str) -> etree._Element | None:
    """The ownershipDocument of a corpus file (alone or inside a submission), read here with
    plain lxml, independently of the parser."""
    data = (CORPUS / rel).read_bytes().replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    match = _OWNERSHIP_XML.search(data)
    return etree.fromstring(match.group(0)) if match else None


OWNERSHIP = [
    rel
    for rel in FILES
    if rel not in EXPECTED
    and rel not in PENDING
    and not rel.startswith("rendered/")
    and _ownership_xml(rel) is not None
]


def test_corpus_has_ownership_documents() -> None:
    """Trap: a glob that silently matches nothing makes the row checks vacuous."""
    assert len(OWNERSHIP) == 92  # every ownershipDocument of the corpus, alone or embedded


@pytest.mark.parametrize("rel", OWNERSHIP)
def test_ownership_rows_match_the_xml_and_manifest(rel: str) -> None:
    """Trap: rows lost or invented between tables (a holding read as a transaction, Table II
    rows counted in Table I), owners or footnotes dropped; checked against lxml's own count
    of the XML rows and against the corpus MANIFEST."""
    root = _ownership_xml(rel)
    assert root is not None
    doc = _parsed(rel).document
    assert isinstance(doc, OwnershipFiling)
    counts = {
        "nonderiv_tx": len(root.findall("nonDerivativeTable/nonDerivativeTransaction")),
        "nonderiv_hold": len(root.findall("nonDerivativeTable/nonDerivativeHolding")),
        "deriv_tx": len(root.findall("derivativeTable/derivativeTransaction")),
        "deriv_hold": len(root.findall("derivativeTable/derivativeHolding")),
        "owners": len(root.findall("reportingOwner")),
        "footnotes": len(root.findall("footnotes/footnote")),
    }
    parsed = {
        "nonderiv_tx": sum(1 for t in doc.transactions if not t.derivative),
        "nonderiv_hold": sum(1 for h in doc.holdings if not h.derivative),
        "deriv_tx": sum(1 for t in doc.transactions if t.derivative),
        "deriv_hold": sum(1 for h in doc.holdings if h.derivative),
        "owners": len(doc.owners),
        "footnotes": len(doc.footnote_texts),
    }
    assert parsed == counts
    notes = _notes(rel)
    assert {k: int(notes[k]) for k in counts if k in notes} == {
        k: v for k, v in parsed.items() if k in notes
    }
    rows = [*doc.transactions, *doc.holdings]
    assert [t.row for t in doc.transactions if not t.derivative] == list(
        range(parsed["nonderiv_tx"])
    )
    if "indirect_rows" in notes:
        indirect = sum(1 for r in rows if r.ownership is OwnershipNature.INDIRECT)
        assert indirect == int(notes["indirect_rows"])


@pytest.mark.parametrize("rel", OWNERSHIP)
def test_ownership_header_facts_match_manifest(rel: str) -> None:
    """Trap: schema version, period, codes, relationship flags (1/0 and true/false), owner
    names and the boxes (noSecuritiesOwned, aff10b5One) misread."""
    doc = _parsed(rel).document
    assert isinstance(doc, OwnershipFiling)
    notes = _notes(rel)
    assert doc.filing.form_type == notes["doctype"]
    assert (doc.filing.schema_version or "-") == notes["schema"]
    assert doc.filing.period_date is not None
    assert doc.filing.period_date.isoformat() == notes["period"]
    codes = "".join(sorted({t.code.value for t in doc.transactions if t.code is not None}))
    assert (codes or "-") == notes["codes"]
    rels = []
    for owner in doc.owners:
        r = owner.relationship
        flags = [
            name
            for name, on in (
                ("Director", r.is_director),
                ("Officer", r.is_officer),
                ("TenPercentOwner", r.is_ten_percent_owner),
                ("Other", r.is_other),
            )
            if on
        ]
        rels.append("+".join(flags))
    assert set(rels) == set(notes["rel"].split(";"))
    if "owner_names" in notes:
        names = [o.name.full if o.name else None for o in doc.owners]
        assert sorted(n or "" for n in names) == sorted(notes["owner_names"].split(";"))
    if "noSecuritiesOwned" in notes:
        assert doc.no_securities_owned is (notes["noSecuritiesOwned"] == "1")
    if "aff10b5One" in notes:
        assert doc.rule_10b5_1 is (notes["aff10b5One"] == "1")
    accession = notes.get("accession")
    if accession is not None and doc.filing.accession is not None:
        assert doc.filing.accession == accession


# ---------------------------------------------------------------------------------------------
# Form D

FORM_D = [rel for rel in FILES if rel.startswith("formd/")]


@pytest.mark.parametrize("rel", FORM_D)
def test_form_d_matches_manifest(rel: str) -> None:
    """Trap: related persons dropped, "Indefinite" read as a number, exemptions or industry
    group misread, a D/A taken for a D."""
    doc = _parsed(rel).document
    assert isinstance(doc, FormDFiling)
    notes = _notes(rel)
    assert doc.filing.form_type == notes["submissionType"]
    assert len(doc.related_persons) == int(notes["related_persons"])
    assert doc.offering.exemptions == notes["exemptions"].split(",")
    assert doc.offering.industry_group == notes["industry"]
    total = notes["totalOfferingAmount"]
    if total == "Indefinite":
        assert doc.offering.total_offering_indefinite
        assert doc.offering.total_offering_amount is None
    else:
        assert doc.offering.total_offering_amount == Decimal(total)
    accession = notes.get("accession")
    if accession is not None:
        assert doc.filing.accession == accession
