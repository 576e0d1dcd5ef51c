"""8-K agreements beyond their definitions (parsers/eightk_agreements.py): the clause after an
agreement's name, the exhibit list, amendments, future agreements and agreement types. Every
expected value is read from the filing of tests/corpus/8k-items named in the test (see its
golden in tests/goldens/8k for the quote)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from secgraph.models import AgreementEventKind, AgreementType, EightKFiling
from secgraph.parsers import parse_path

ITEMS = Path(__file__).parent / "corpus" / "8k-items"


def _doc(name: str) -> EightKFiling:
    doc = parse_path(ITEMS / name).document
    assert isinstance(doc, EightKFiling)
    return doc


def _agreement(doc: EightKFiling, name: str, day: dt.date | None = None) -> object:
    found = [a for a in doc.agreements if a.name == name and (day is None or a.date == day)]
    assert len(found) == 1, [(a.name, a.date) for a in doc.agreements]
    return found[0]


def test_parties_after_dated_as_amended_by_and_among() -> None:
    """Trap: Nuance 0000950123-11-059612 defines the merger agreement first and lists its
    parties after ", dated as of May 10, 2011, as amended by and among": the other side of the
    merger, the escrow agent and the holders' representative were all missing."""
    doc = _doc("edgarcrawler__0000950123-11-059612.htm")
    merger = _agreement(doc, "Agreement and Plan of Merger")
    assert merger.type is AgreementType.MERGER  # type: ignore[attr-defined]
    assert merger.date == dt.date(2011, 5, 10)  # type: ignore[attr-defined]
    assert set(merger.parties) >= {  # type: ignore[attr-defined]
        "Ellipse Acquisition Corporation",
        "Equitrac Corporation",
        "U.S. Bank National Association",
        "Cornerstone Equity Investors, LLC",
    }


def test_role_phrases_between_listed_parties() -> None:
    """Trap: Tyson 0000100493-15-000041, "with Bank of America, N.A., as lender (the
    "Lender"), and Merrill Lynch, Pierce, Fenner & Smith Incorporated, as sole lead arranger":
    the ", as <role>" between two parties ended the list after the first; and a merger's or a
    loan's capitalized words ("Merrill Lynch") are never read as a person party."""
    doc = _doc("edgarcrawler__0000100493-15-000041.htm")
    loan = _agreement(doc, "Term Loan Agreement")
    assert "Bank of America, N.A." in loan.parties  # type: ignore[attr-defined]
    assert loan.people == []  # type: ignore[attr-defined]


def test_exhibit_list_names_an_agreement_and_its_person() -> None:
    """Trap: Pericom 0001275287-05-004321 reports its CFO's letter agreement only in the
    exhibit list ("10.1 Letter Agreement, dated as of October 26, 2005, by and between the
    Company and Michael D. Craighead"): no agreement was read."""
    doc = _doc("../8k/edgarcrawler__0001275287-05-004321.htm")
    letter = _agreement(doc, "Letter Agreement")
    assert letter.date == dt.date(2005, 10, 26)  # type: ignore[attr-defined]
    assert [p.full for p in letter.people] == ["Michael D. Craighead"]  # type: ignore[attr-defined]


def test_one_agreement_per_executive_and_the_entered_date_kept() -> None:
    """Trap: Disney 0001001039-15-000176 entered into two employment agreements on June 29,
    2015; the exhibits list them "dated as of July 1, 2015". Same name, so they were merged
    into one with both executives, and the exhibit's date must not replace the day they were
    entered into."""
    doc = _doc("edgarcrawler__0001001039-15-000176.htm")
    people = sorted(
        tuple(p.full for p in a.people)
        for a in doc.agreements
        if a.type is AgreementType.EMPLOYMENT
    )
    assert people == [("Christine M. McCarthy",), ("Kevin A. Mayer",)]
    mccarthy = next(
        a for a in doc.agreements if a.people and "McCarthy" in (a.people[0].full or "")
    )
    assert mccarthy.date == dt.date(2015, 6, 29)


def test_amendments_of_a_known_agreement_are_its_events() -> None:
    """Trap: Worthington 0000950170-23-069698 lists "Amendment No. 1 to Note Agreement, dated
    June 10, 2015" and two more: amendments of the Note Agreement, not three agreements; its
    termination on December 6, 2023 stays its one termination."""
    doc = _doc("edgarcrawler__0000950170-23-069698.htm")
    (note,) = [a for a in doc.agreements if a.name == "Note Agreement"]
    amended = sorted(e.date for e in note.events if e.kind is AgreementEventKind.AMENDED and e.date)
    assert amended == [dt.date(2015, 6, 10), dt.date(2019, 8, 23), dt.date(2022, 5, 4)]
    assert note.type is AgreementType.CREDIT
    assert "Prudential Insurance Company of America" in note.parties


def test_a_form_of_agreement_and_a_future_one_are_not_agreements() -> None:
    """Trap: "10.1 Form of Amended and Restated Change of Control Benefits Agreement" (SanDisk
    0001000180-10-000097) is a template; "The Company also will enter into a management
    retention agreement ("MRA")" (FedEx 0001193125-23-188128) is not entered into yet."""
    assert not any(
        a.name.startswith("Form") for a in _doc("edgarcrawler__0001000180-10-000097.htm").agreements
    )
    assert _doc("edgarcrawler__0001193125-23-188128.htm").agreements == []


def test_agreement_types_from_their_names() -> None:
    """Trap: a separation and release agreement typed "employment", an underwriting agreement
    "other", an indenture "credit" (FedEx 0001193125-23-170172, Tyson 0000950103-17-005328)."""
    fedex = _doc("edgarcrawler__0001193125-23-170172.htm")
    assert [a.type for a in fedex.agreements] == [AgreementType.SEPARATION]
    tyson = _doc("edgarcrawler__0000950103-17-005328.htm")
    types = {a.type for a in tyson.agreements}
    assert {AgreementType.UNDERWRITING, AgreementType.INDENTURE} <= types


def test_table_of_contents_signature_line_does_not_end_the_items() -> None:
    """Trap: SanDisk 0000950123-10-080629 prints a table of contents ("Item 1.01 ... SIGNATURE
    ... EXHIBIT INDEX") above its items: the first "SIGNATURE" line was taken for the signature
    block, and every item after it was lost."""
    doc = _doc("edgarcrawler__0000950123-10-080629.htm")
    assert [i.number for i in doc.items] == ["1.01", "3.02", "9.01"]
    assert "Morgan Stanley & Co. Incorporated" in _agreement(doc, "Underwriting Agreement").parties  # type: ignore[attr-defined]
    assert [s.name for s in doc.signatures] == ["Judy Bruner"]


def test_parties_to_and_the_subject_before_entered_into() -> None:
    """Trap: "The Company and Astrotech Florida Holdings, Inc., ... are also parties to the Loan
    Agreement" (0000950123-10-095885) added no party; nor did the subject of "Alnylam
    Pharmaceuticals, Inc. (the "Company"), entered into a Collaboration and License
    Agreement" (0001193125-23-194715), cut off by its definition and comma."""
    loan = _agreement(_doc("edgarcrawler__0000950123-10-095885.htm"), "Loan Agreement")
    assert {
        "Astrotech Space Operations, Inc.",
        "Astrotech Florida Holdings, Inc.",
        "American Bank, N.A.",
    } <= set(loan.parties)  # type: ignore[attr-defined]
    (alnylam,) = _doc("rania334__0001193125-23-194715.html").agreements
    assert alnylam.parties[0] == "Alnylam Pharmaceuticals, Inc."
    assert {"F. Hoffmann-La Roche Ltd.", "Genentech, Inc."} <= set(alnylam.parties)


def test_a_dated_agreement_without_a_defined_term() -> None:
    """Trap: "the existing term loan agreement dated as of July 15, 2014, among the Company,
    the lenders party thereto, Morgan Stanley Senior Funding, Inc., as administrative agent,
    ..." (Tyson 0000100493-15-000041) has no defined term and was not read; and "The Bank of
    New York Mellon Trust Company, N.A." lost its ", N.A." (0000950103-17-005328)."""
    tyson = _doc("edgarcrawler__0000100493-15-000041.htm")
    old = _agreement(tyson, "existing term loan agreement", dt.date(2014, 7, 15))
    assert "Morgan Stanley Senior Funding, Inc." in old.parties  # type: ignore[attr-defined]
    indentures = _doc("edgarcrawler__0000950103-17-005328.htm").agreements
    assert any("Bank of New York Mellon Trust Company, N.A." in a.parties for a in indentures)


def test_dated_amendments_of_an_unnamed_agreement_and_a_later_termination() -> None:
    """Trap: "10.1 Amendment, dated as of February 25, 2013, to Employment Agreement with
    William P. Lauder" (Estee Lauder 0000909518-13-000083): the comma inside the date cut the
    line off, and the four amendments (one per executive) were not read. And Worthington's
    "thereby terminated the Note Agreement" (0000950170-23-069698) names an agreement only the
    exhibit list defines: the termination was lost."""
    people = sorted(
        p.full or ""
        for a in _doc("edgarcrawler__0000909518-13-000083.htm").agreements
        for p in a.people
    )
    assert people == ["Cedric Prouvé", "Fabrizio Freda", "John Demsey", "William P. Lauder"]
    (note,) = [
        a
        for a in _doc("edgarcrawler__0000950170-23-069698.htm").agreements
        if a.name == "Note Agreement"
    ]
    ended = [e.date for e in note.events if e.kind is AgreementEventKind.TERMINATED]
    assert ended == [dt.date(2023, 12, 6)]


def test_every_subject_of_entered_into() -> None:
    """Trap: "The Company and SaRonix had previously entered into a Product and Technology
    License Agreement dated as of December 11, 2002" (Pericom 0001193125-03-057197): neither
    the list of subjects nor "previously" between them and the verb was read."""
    doc = _doc("edgarcrawler__0001193125-03-057197.htm")
    license_ = _agreement(doc, "Product and Technology License Agreement")
    # Both SaRonix companies (the LLC that licensed, the Inc. that bought) share one name key:
    # which of the two the term "SaRonix" binds to is a known limit of organization matching.
    parties = license_.parties  # type: ignore[attr-defined]
    assert parties[0] == "Pericom Semiconductor Corporation"
    assert len(parties) == 2 and parties[1].startswith("SaRonix")
    assert license_.type is AgreementType.LICENSE  # type: ignore[attr-defined]
