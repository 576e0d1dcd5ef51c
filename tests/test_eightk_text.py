"""8-K current reports as text, and the extractor the HTML path shares.

Expected values were read by hand: the seed examples/filings/004 (Tecogen Inc.'s 8-K of
2017-09-28 on the end of its joint venture with Tedom a.s.), two variant fixtures written for
these tests (tests/fixtures/text/8k_*.txt) and the AFC Gamma, Inc. 8-K of 2023-03-20 in the
corpus (tests/corpus/8k/edgartools__afcgamma.8K.html), converted to text by html_text.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secgraph.models import (
    AgreementEventKind,
    AgreementType,
    EightKFiling,
    FilingInfo,
    InputFormat,
    Issuer,
    OfficerChangeKind,
)
from secgraph.normalize.markup import normalize_markup, strip_bold
from secgraph.normalize.text import clean_text
from secgraph.parsers import Source, registry
from secgraph.parsers import eightk_text as parser
from secgraph.parsers.eightk_extract import ITEM_TITLES, extract_8k, item_heading
from secgraph.parsers.html_text import html_to_text

ROOT = Path(__file__).parent
SEEDS = ROOT.parent / "examples" / "filings"
SEED = SEEDS / "004_785308df89b108f5.txt"
SUPPLY = ROOT / "fixtures" / "text" / "8k_supply_agreement.txt"
OFFICERS = ROOT / "fixtures" / "text" / "8k_officer_changes.txt"
AFC = ROOT / "corpus" / "8k" / "edgartools__afcgamma.8K.html"
GOLDEN = ROOT / "golden" / "004.json"


def _doc(path: Path) -> EightKFiling:
    doc = parser.parse(Source(path.name, path.read_bytes())).document
    assert isinstance(doc, EightKFiling)
    return doc


def _org(doc: EightKFiling, name: str) -> dict[str, object]:
    (org,) = [o for o in doc.organizations if o.name == name]
    return org.model_dump(exclude={"spans", "footnotes", "name"})


# --- detection -------------------------------------------------------------------------------


def test_headerless_seed_is_an_8k_by_its_structure() -> None:
    """Trap: the seed has no cover page at all, only "Item 1.02 ..." and the SEC signature
    sentence; detection must not need "FORM 8-K"."""
    source = Source("noname", SEED.read_bytes())
    assert parser.detect(source)
    assert registry.detect(source).name == "8k-text"


@pytest.mark.parametrize("path", [SUPPLY, OFFICERS], ids=["supply", "officers"])
def test_variants_are_detected(path: Path) -> None:
    assert registry.detect(Source("noname", path.read_bytes())).name == "8k-text"


def test_other_documents_are_not_8ks() -> None:
    """Trap: a Form 4 cites the Exchange Act of 1934 and a 10-K has "Item 1." headings."""
    ten_k = (
        b"Item 1. Business\nWe make engines.\nItem 7. Management's Discussion\n"
        b"Pursuant to the requirements of Section 13 or 15(d) of the Securities Exchange Act "
        b"of 1934, the registrant has duly caused this report to be signed.\n"
    )
    for source in (
        Source("formd.txt", (SEEDS / "001_b9a64ac7170686a7.txt").read_bytes()),
        Source("form4.txt", (SEEDS / "000_e1ed6ab97b7d8f9e.txt").read_bytes()),
        Source("10k.txt", ten_k),
        Source("page.html", AFC.read_bytes()),
    ):
        assert not parser.detect(source), source.name


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Item 1.02. Termination of a Material Definitive Agreement", "1.02"),
        ("ITEM 1.02", "1.02"),
        ("Item 1.02 - Termination of a Material Definitive Agreement", "1.02"),
        ("**Item 5.02**\tDeparture of Directors", "5.02"),
        ("Item 9.01: Financial Statements and Exhibits.", "9.01"),
        ("Item 5. Other Events", "5"),  # pre-2004 numbering
        ("Item 1.09 Something", None),  # not an 8-K item
        ("Item 1. Business", None),  # a 10-K item
        ("Item 2.03 " + "is incorporated herein by reference in its entirety " * 4, None),
    ],
)
def test_item_headings(line: str, number: str | None) -> None:
    found = item_heading(line)
    assert (found[0] if found else None) == number


def test_every_official_item_is_recognised() -> None:
    assert len(ITEM_TITLES) == 34
    for number, title in ITEM_TITLES.items():
        found = item_heading(f"Item {number}. {title}")
        assert found is not None and found[0] == number


# --- the seed --------------------------------------------------------------------------------


def test_seed_matches_its_golden_record() -> None:
    assert json.loads(_doc(SEED).model_dump_json()) == json.loads(GOLDEN.read_text())


def test_seed_item_and_registrant() -> None:
    doc = _doc(SEED)
    assert (doc.filing.form_type, doc.filing.input_format) == ("8-K", InputFormat.TEXT)
    assert doc.filing.period_date is None  # no "Date of Report" in the text
    assert doc.filing.items == ["1.02"]
    (item,) = doc.items
    assert (item.number, item.title) == ("1.02", "Termination of a Material Definitive Agreement")
    assert item.text.startswith("On September 22, 2017, Tecogen Inc.")
    assert item.text.endswith("whether as a result of new information, future events or otherwise.")
    assert doc.company.name == "TECOGEN INC."
    (registrant,) = [o for o in doc.organizations if o.is_registrant]
    assert (registrant.name, registrant.defined_terms) == ("Tecogen Inc.", ["Company", "Tecogen"])


def test_seed_organizations() -> None:
    """Trap: "Tedom a.s." ends in a lower-case legal form and "the Company" must not bind to
    "a Delaware limited liability company"."""
    doc = _doc(SEED)
    assert [o.name for o in doc.organizations] == [
        "Tecogen Inc.",
        "Tedom a.s.",
        "Tedom USA Inc.",
        "TTcogen LLC",
    ]
    tedom = _org(doc, "Tedom a.s.")
    assert tedom["defined_terms"] == ["Tedom"] and tedom["jurisdiction"] == "Czech Republic"
    assert tedom["description"] == "a European combined heat and power product manufacturer"
    usa = _org(doc, "Tedom USA Inc.")
    assert (usa["defined_terms"], usa["jurisdiction"], usa["parent"]) == (
        ["Tedom USA"],
        "Delaware",
        "Tedom a.s.",
    )
    llc = _org(doc, "TTcogen LLC")
    assert (llc["jurisdiction"], llc["entity_type"]) == ("Delaware", "limited liability company")
    assert llc["members"] == ["Tecogen Inc.", "Tedom USA Inc."]
    assert (llc["board_size"], llc["formed_under"]) == (4, "joint venture agreement")


def test_seed_agreements_and_events() -> None:
    """Trap: "Dissolution rights are triggered under the LLC Agreement upon termination of the
    JVA" is a condition, not a second termination."""
    doc = _doc(SEED)
    jva, llc = doc.agreements
    assert (jva.name, jva.defined_terms, jva.type) == (
        "joint venture agreement",
        ["JVA"],
        AgreementType.JOINT_VENTURE,
    )
    assert jva.parties == ["Tecogen Inc.", "Tedom a.s."] and jva.date == dt.date(2016, 5, 19)
    assert [(e.kind, e.date, e.actor) for e in jva.events] == [
        (AgreementEventKind.ENTERED, dt.date(2016, 5, 19), "Tecogen Inc."),
        (AgreementEventKind.TERMINATED, dt.date(2017, 9, 22), "Tecogen Inc."),
    ]
    assert jva.events[1].reason is not None
    assert "material and incurable breach" in jva.events[1].reason
    assert (llc.name, llc.defined_terms, llc.type) == (
        "limited liability agreement",
        ["LLC Agreement"],
        AgreementType.LLC_AGREEMENT,
    )
    assert llc.parties == ["Tecogen Inc.", "Tedom USA Inc."] and llc.date == dt.date(2016, 5, 19)
    started = [e for e in llc.events if e.kind is AgreementEventKind.DISSOLUTION_STARTED]
    assert [(e.date, e.actor) for e in started] == [(dt.date(2017, 9, 22), "Tecogen Inc.")]
    assert {a.item for a in doc.agreements} == {"1.02"}


def test_seed_reference_and_signature() -> None:
    """Trap: the signature's date and the signer share one line ("September 28, 2017 Bonnie
    Brown, Principal Financial & Accounting Officer"); the 10-K named in the risk factors has no
    filing date and is no reference."""
    doc = _doc(SEED)
    assert [(r.form_type, r.filed_date) for r in doc.references] == [("8-K", dt.date(2016, 5, 24))]
    (sig,) = doc.signatures
    assert (sig.name, sig.title, sig.on_behalf_of, sig.date) == (
        "Bonnie Brown",
        "Principal Financial & Accounting Officer",
        "TECOGEN INC.",
        dt.date(2017, 9, 28),
    )
    assert doc.filing.signature_date == dt.date(2017, 9, 28)


def test_seed_spans_point_into_the_normalized_text() -> None:
    text = strip_bold(normalize_markup(clean_text(SEED.read_text(encoding="utf-8"))))
    doc = _doc(SEED)
    org = doc.organizations[1]
    span = org.spans["name"]
    assert text[span.start or 0 : span.end] == "Tedom a.s." and span.line == 9
    sig = doc.signatures[0]
    assert text[sig.spans["on_behalf_of"].start or 0 : sig.spans["on_behalf_of"].end] == (
        "TECOGEN INC."
    )
    item_span = doc.items[0].spans["text"]
    assert text[item_span.start or 0 : item_span.end].strip() == doc.items[0].text
    jva = doc.agreements[0]
    assert text[jva.spans["name"].start or 0 : jva.spans["name"].end] == "joint venture agreement"


# --- variants ----------------------------------------------------------------------------------


def test_supply_agreement_with_a_cover_page() -> None:
    """Trap: a party list with appositives and definitions ("A, an Oregon limited liability
    company ("A"), and B, a Washington corporation and the parent of A ("B")"), a name with
    a comma before its legal form, and a tab-split signature table."""
    doc = _doc(SUPPLY)
    assert doc.filing.items == ["1.01", "9.01"]
    assert doc.filing.period_date == dt.date(2022, 3, 3)
    assert (doc.company.name, doc.company.jurisdiction, doc.company.file_number) == (
        "NORTHWIND BIOFUELS CORP.",
        "Nevada",
        "001-38765",
    )
    cascadia = _org(doc, "Cascadia Feedstock Partners, LLC")
    assert (cascadia["defined_terms"], cascadia["jurisdiction"], cascadia["parent"]) == (
        ["Cascadia"],
        "Oregon",
        "Cascadia Holdings, Inc.",
    )
    holdings = _org(doc, "Cascadia Holdings, Inc.")
    assert (holdings["jurisdiction"], holdings["entity_type"]) == ("Washington", "corporation")
    supply, license_ = doc.agreements
    assert (supply.type, supply.date, supply.item) == (
        AgreementType.SUPPLY,
        dt.date(2022, 3, 1),
        "1.01",
    )
    assert supply.parties == [
        "Northwind Biofuels Corp.",
        "Cascadia Feedstock Partners, LLC",
        "Cascadia Holdings, Inc.",
    ]
    assert (license_.type, license_.defined_terms, license_.date) == (
        AgreementType.LICENSE,
        ["License Agreement"],
        dt.date(2022, 3, 1),
    )
    assert license_.parties == ["Northwind Biofuels Corp.", "Cascadia Feedstock Partners, LLC"]
    (sig,) = doc.signatures
    assert (sig.name, sig.title, sig.on_behalf_of, sig.date) == (
        "Maria Okonkwo",  # printed with a Cyrillic а
        "Chief Executive Officer",
        "NORTHWIND BIOFUELS CORP.",
        dt.date(2022, 3, 3),
    )


def test_officer_changes() -> None:
    """Trap: "re-election" is no election; "Mr. Quist's resignation" retells the first
    sentence; "effective immediately" takes the sentence's date."""
    doc = _doc(OFFICERS)
    changes = [
        (c.person.full, c.kind, c.role, c.title, c.effective_date) for c in doc.officer_changes
    ]
    assert changes == [
        (
            "Harold P. Quist",
            OfficerChangeKind.RESIGNED,
            "officer",
            "Chief Financial Officer",
            dt.date(2021, 6, 30),
        ),
        (
            "Elena Vasquez-Torres",
            OfficerChangeKind.APPOINTED,
            "officer",
            "Chief Financial Officer",
            dt.date(2021, 7, 1),
        ),
        (
            "Samuel Adeyemi",
            OfficerChangeKind.ELECTED,
            "director",
            "independent director",
            dt.date(2021, 6, 14),
        ),
        ("Dorothy Lindgren", OfficerChangeKind.NOT_RENOMINATED, "director", "director", None),
    ]
    assert {c.organization for c in doc.officer_changes} == {"Meridian Grid Solutions, Inc."}
    assert doc.officer_changes[0].person.last == "Quist"
    assert doc.company.name == "MERIDIAN GRID SOLUTIONS, INC."
    assert doc.signatures[0].date == dt.date(2021, 6, 15)


# --- the extractor as the HTML path calls it ---------------------------------------------------


def test_extractor_keeps_the_callers_company_and_filing() -> None:
    text = strip_bold(normalize_markup(clean_text(SEED.read_text(encoding="utf-8"))))
    filing = FilingInfo(
        form_type="8-K",
        source="x.htm",
        sha256="0" * 64,
        input_format=InputFormat.HTML,
        period_date=dt.date(2017, 9, 22),
    )
    company = Issuer(name="Tecogen Inc.", cik="0001537435")
    doc, warnings = extract_8k(text, filing=filing, company=company)
    assert warnings == []
    assert (doc.company.name, doc.company.cik) == ("Tecogen Inc.", "0001537435")
    assert doc.filing.period_date == dt.date(2017, 9, 22)
    assert doc.filing.input_format is InputFormat.HTML
    assert doc.filing.items == ["1.02"] and filing.items == []  # the caller's copy is untouched


def test_text_without_items_or_signature_warns() -> None:
    filing = FilingInfo(form_type="8-K", source="x", sha256="0", input_format=InputFormat.TEXT)
    doc, warnings = extract_8k("Nothing to see here.", filing=filing)
    assert doc.items == [] and {w.code for w in warnings} == {"no_items", "no_signature"}


def test_html_8k_converted_to_text() -> None:
    """Trap (AFC Gamma, 2023): the departing officer's title sits before the verb ("Brett
    Kaufman's employment as the Chief Financial Officer and Treasurer of AFC Gamma, Inc. ...
    will terminate"), the next sentence says when the role ends ("From the date hereof ... will
    no longer serve", the report's date), and headings repeat the sentences below them."""
    text = html_to_text(AFC.read_bytes())
    filing = FilingInfo(
        form_type="8-K",
        source=AFC.name,
        sha256="0",
        input_format=InputFormat.HTML,
        period_date=dt.date(2023, 3, 17),
    )
    doc, _ = extract_8k(text, filing=filing)
    assert doc.filing.items == ["5.02", "7.01", "9.01"]
    changes = [
        (c.person.full, c.kind, c.role, c.title, c.effective_date) for c in doc.officer_changes
    ]
    assert changes == [
        (
            "Brett Kaufman",
            OfficerChangeKind.DEPARTED,
            "officer",
            "Chief Financial Officer and Treasurer",
            dt.date(2023, 3, 17),  # "From the date hereof ... will no longer serve as" CFO
        ),
        (
            "Brandon Hetzel",
            OfficerChangeKind.APPOINTED,
            "officer",
            "Chief Financial Officer and Treasurer",
            dt.date(2023, 3, 17),
        ),
    ]
    (registrant,) = [o for o in doc.organizations if o.is_registrant]
    assert registrant.name == "AFC Gamma, Inc."


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_extractor_never_raises_on_cut_or_noisy_text(data: st.DataObject) -> None:
    """Lines dropped and arbitrary text inserted: the extractor degrades, it does not crash."""
    lines = SUPPLY.read_text(encoding="utf-8").split("\n") + SEED.read_text().split("\n")
    dropped = set(data.draw(st.lists(st.integers(0, len(lines) - 1), max_size=20)))
    noise = data.draw(st.text(max_size=80))
    kept = [line for n, line in enumerate(lines) if n not in dropped]
    kept.insert(data.draw(st.integers(0, len(kept))), noise)
    filing = FilingInfo(form_type="8-K", source="x", sha256="0", input_format=InputFormat.TEXT)
    doc, _ = extract_8k("\n".join(kept), filing=filing)
    assert isinstance(doc, EightKFiling)
