"""8-K facts read right from real filings in tests/corpus/8k (each value checked against the
document itself): officer changes and their dates, agreement parties, registrant names,
signer titles, and values that are not names or titles at all.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyoxigraph as ox

from secgraph.graph import map_filing
from secgraph.graph.vocab import ID_NS, SG
from secgraph.models import EightKFiling, OfficerChangeKind, ParsedFiling
from secgraph.parsers import parse_path

CORPUS = Path(__file__).parent / "corpus" / "8k"
AFC = CORPUS / "edgartools__afcgamma.8K.html"


def _parsed(name: str) -> ParsedFiling:
    return parse_path(CORPUS / name)


def _doc(name: str) -> EightKFiling:
    doc = _parsed(name).document
    assert isinstance(doc, EightKFiling)
    return doc


def _objects(quads: list[ox.Quad], s: object, p: ox.NamedNode) -> list[str]:
    return sorted(q.object.value for q in quads if q.subject == s and q.predicate == p)


def test_afc_gamma_cfo_leaves_on_the_report_date_not_the_separation_date() -> None:
    """Trap (AFC Gamma 8-K, 2023-03-20, Date of Report 2023-03-17): "Brett Kaufman's employment
    as the Chief Financial Officer ... will terminate effective April 17, 2023 (the "Separation
    Date"). From the date hereof through the Separation Date, Mr. Kaufman will remain employed
    by AFC Management, LLC ... but will no longer serve as the Chief Financial Officer": the
    role ends on the report's date; April 17 is when his employment ends. Hetzel is CFO from
    March 17, 2023, so the company has one CFO at a time."""
    changes = {c.person.full: c for c in _doc(AFC.name).officer_changes}
    kaufman, hetzel = changes["Brett Kaufman"], changes["Brandon Hetzel"]
    assert (kaufman.kind, kaufman.title, kaufman.effective_date) == (
        OfficerChangeKind.DEPARTED,
        "Chief Financial Officer and Treasurer",
        dt.date(2023, 3, 17),
    )
    assert (hetzel.kind, hetzel.title, hetzel.effective_date) == (
        OfficerChangeKind.APPOINTED,
        "Chief Financial Officer and Treasurer",
        dt.date(2023, 3, 17),
    )


def test_afc_gamma_roles_end_and_start_on_the_stated_dates() -> None:
    """Trap: the mapped roles carry the dates the 8-K states (sg:endDate for Kaufman on the
    report date, sg:startDate for Hetzel), not the separation date."""
    m = map_filing(_parsed(AFC.name))
    quads = m.quads
    roles = {q.subject for q in quads if q.predicate == SG.roleKind and q.object == SG.Officer}
    by_holder: dict[str, ox.NamedNode] = {}
    for role in roles:
        (holder,) = _objects(quads, role, SG.holder)
        by_holder[_objects(quads, ox.NamedNode(holder), SG.name)[0]] = role
    kaufman, hetzel = by_holder["Brett Kaufman"], by_holder["Brandon Hetzel"]
    assert _objects(quads, kaufman, SG.endDate) == ["2023-03-17"]
    assert _objects(quads, kaufman, SG.startDate) == []
    assert _objects(quads, hetzel, SG.startDate) == ["2023-03-17"]
    assert _objects(quads, hetzel, SG.endDate) == []


def test_afc_gamma_employment_agreement_names_hetzel_as_a_party() -> None:
    """Trap: "Mr. Hetzel is party to an employment agreement with the Manager, dated January 3,
    2023 (the "Employment Agreement")": the person is a party beside the Manager, by the full
    name printed earlier ("Brandon Hetzel"), not the bare surname."""
    (agreement,) = _doc(AFC.name).agreements
    assert agreement.parties == ["AFC Management, LLC"]
    assert [(p.full, p.first, p.last) for p in agreement.people] == [
        ("Brandon Hetzel", "Brandon", "Hetzel")
    ]
    assert agreement.date == dt.date(2023, 1, 3)


def test_a_rule_of_dashes_is_not_the_registrant_name() -> None:
    """Trap (Aames Capital Corp, CIK 0000913951, 0001011438-98-000429): the text cover prints
    "AAMES CAPITAL CORPORATION", a line of dashes, then "(Exact name of Registrant as
    specified in its charter)"; the name is the line above the rule, not the rule."""
    doc = _doc("edgartools__0001011438-98-000429.txt")
    assert (doc.company.name, doc.company.cik) == ("AAMES CAPITAL CORPORATION", "0000913951")


# Every signature of tests/corpus/8k as the document prints it: name, title, company.
SIGNERS = {
    "edgartools__0000887919-21-000012.html": [
        ("Brien M. Chase", "Senior Vice President and Chief Financial Officer")
    ],
    "edgartools__0000943374-24-000509.txt": [
        ("David R. Ball", "Chief Executive Officer and President")
    ],
    "edgartools__0001011438-98-000429.txt": [("Barbara S. Polsky", "Executive Vice President")],
    "edgartools__0001104659-03-004925.html": [
        ("John R. McCall", "Executive Vice President, General Counsel and Corporate Secretary")
    ]
    * 2,
    "edgartools__0001213900-25-032135.txt": [("Uttam Patil", "Chief Executive Officer")],
    "edgartools__0001437749-16-028287.html": [("Peter Slover", "Chief Financial Officer")],
    "edgartools__0001493152-25-001317.nc.txt": [("Tracy S. Clifford", "Chief Financial Officer")],
    "edgartools__1800Flowers.8-K.html": [
        ("William E. Shea", "Senior Vice President, Treasurer and Chief Financial Officer")
    ],
    "edgartools__BuckleInc.8-K.html": [
        (
            "Thomas B. Heacock",
            "Senior Vice President of Finance, Treasurer and Chief Financial Officer",
        )
    ],
    "edgartools__NextPoint.8K.html": [
        (
            "Frank Waterhouse",
            "Principal Financial Officer, Principal Accounting Officer and Treasurer",
        )
    ],
    "edgartools__Oracle.8-K.html": [
        (
            "Kimberly Woolley",
            "Vice President, Assistant General Counsel and Assistant Secretary",
        )
    ],
    "edgartools__afcgamma.8K.html": [("Gabriel Katz", "Secretary and Chief Legal Officer")],
    "edgartools__form8K.Blackrock.html": [
        ("R. Andrew Dickson III", "Managing Director and Corporate Secretary")
    ],
    "edgartools__form8k.Nordstrom.html": [
        ("Ann Munson Steines", "Chief Legal Officer, General Counsel and Corporate Secretary")
    ],
    "secedgardl__aapl_8k_20191115.txt": [
        ("Luca Maestri", "Senior Vice President, Chief Financial Officer")
    ],
    "edgarcrawler__0001275287-05-004321.htm": [("Alex Hui", "President and CEO")],
    "edgarcrawler__0001564590-21-004336.htm": [
        ("Matthew K. Fawcett", "Senior Vice President, General Counsel and Corporate Secretary")
    ],
}


def test_every_corpus_8k_signer_has_the_whole_printed_title() -> None:
    """Trap: titles cut at a line break ("Senior Vice President" for "... and Chief Financial
    Officer", Premier 2021; Buckle's Heacock), or missing when the title is printed under the
    name without a "Title:" label (Apple's Luca Maestri, AFC Gamma's Katz, Nordstrom...), or
    the whole block on one line (1-800-Flowers), or capitals kept from "/S/ BARBARA S.
    POLSKY" when the name is printed in type below."""
    read = {
        path.name: [(s.name, s.title) for s in _doc(path.name).signatures]
        for path in sorted(CORPUS.glob("*"))
        if path.name in SIGNERS
    }
    assert read == SIGNERS


def test_a_signer_title_becomes_the_signers_officer_role() -> None:
    """Trap (Apple 8-K, 2019-11-15): with the title missing, the signer had no role; the graph
    must say Luca Maestri is an officer of Apple with the printed title, as of the date."""
    m = map_filing(_parsed("secedgardl__aapl_8k_20191115.txt"))
    quads = m.quads
    (role,) = {q.subject for q in quads if q.predicate == SG.roleKind and q.object == SG.Officer}
    (holder,) = _objects(quads, role, SG.holder)
    assert "Luca Maestri" in _objects(quads, ox.NamedNode(holder), SG.name)
    assert _objects(quads, role, SG.title) == ["Senior Vice President, Chief Financial Officer"]
    assert _objects(quads, role, SG.asOfDate) == ["2019-11-15"]
    assert _objects(quads, role, SG.organization) == [f"{ID_NS}company/cik/0000320193"]


def test_an_exhibit_reference_is_not_a_title() -> None:
    """Trap (NetApp 8-K, 2021-02-04): "the appointment of Ms. Palin to the Board is attached
    hereto as Exhibit 99.1" reads as "as <Title>": the director must not be titled "Exhibit";
    the doubt is reported, and the board appointment still read."""
    parsed = _parsed("edgarcrawler__0001564590-21-004336.htm")
    doc = parsed.document
    assert isinstance(doc, EightKFiling)
    palin = [c for c in doc.officer_changes if c.person.full == "Carrie Palin"]
    assert [(c.kind, c.role, c.title) for c in palin] == [
        (OfficerChangeKind.APPOINTED, "director", "member of the Board")
    ]
    assert all(c.title != "Exhibit" for c in doc.officer_changes)
    assert any(w.code == "doubtful_title" and "Exhibit" in w.message for w in parsed.warnings)


def test_a_departing_officer_keeps_every_title_listed() -> None:
    """Trap (Pericom 8-K, 2005-11-01): "he would resign from his positions as Vice President,
    Chief Financial Officer and Assistant Secretary of the Company" was cut at the comma."""
    (change,) = _doc("edgarcrawler__0001275287-05-004321.htm").officer_changes
    assert (change.person.full, change.kind, change.title) == (
        "Michael D. Craighead",
        OfficerChangeKind.RESIGNED,
        "Vice President, Chief Financial Officer and Assistant Secretary",
    )
