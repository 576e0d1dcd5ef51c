"""8-K facts read right from real filings in tests/corpus/8k (each value checked against the
document itself): officer changes and their dates, agreement parties, registrant names,
signer titles, and values that are not names or titles at all.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyoxigraph as ox

from secgraph.graph import map_filing
from secgraph.graph.vocab import SG
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
