"""8-K officer and director changes, posts held elsewhere and subsidiaries, read from the real
filings of tests/corpus/8k-items (each expected value is in the filing's golden in
tests/goldens/8k, with its quote)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from secgraph.models import EightKFiling
from secgraph.parsers import parse_path

ITEMS = Path(__file__).parent / "corpus" / "8k-items"


def _doc(name: str) -> EightKFiling:
    doc = parse_path(ITEMS / name).document
    assert isinstance(doc, EightKFiling)
    return doc


def _changes(doc: EightKFiling) -> set[tuple[str | None, str, str, dt.date | None]]:
    return {(c.person.full, c.kind.value, c.role, c.effective_date) for c in doc.officer_changes}


def test_every_person_of_a_list_changes() -> None:
    """Trap: Worthington 0000950170-23-062135, "the Board appointed B. Andrew Rose, Billy R.
    Vickers, Paul G. Heller and Virgil L. Winland to serve as directors ..., effective upon
    consummation of the Separation": only the first was read. The date is the separation's,
    which this filing does not give: none is made up from the sentence's "On November 9". And
    "Dr. Ribeau is expected to be appointed as a director of Worthington Steel" is no change."""
    changes = _changes(_doc("edgarcrawler__0000950170-23-062135.htm"))
    starts = sorted(c[0] or "" for c in changes if c[1] == "appointed")
    ends = sorted(c[0] or "" for c in changes if c[1] == "resigned")
    assert starts == [
        "B. Andrew Rose",
        "Billy R. Vickers",
        "Paul G. Heller",
        "Virgil L. Winland",
    ]
    assert ends == ["Carl A. Nelson", "Mary Schiavo", "Sidney A. Ribeau"]
    assert all(c[3] is None for c in changes)


def test_title_without_as_and_position_of() -> None:
    """Trap: "has appointed Christine M. McCarthy Senior Executive Vice President and Chief
    Financial Officer ... each effective July 1, 2015" (Disney 0001001039-15-000176) and
    "appointed Yoram Cedar to the newly formed position of Executive Vice President and Chief
    Technology Officer effective immediately" (SanDisk 0001000180-10-000097): no "as" before
    the title, and no change was read."""
    disney = {
        c.person.full: c for c in _doc("edgarcrawler__0001001039-15-000176.htm").officer_changes
    }
    assert disney["Christine M. McCarthy"].title == (
        "Senior Executive Vice President and Chief Financial Officer"
    )
    assert disney["Christine M. McCarthy"].effective_date == dt.date(2015, 7, 1)
    (cedar,) = _doc("edgarcrawler__0001000180-10-000097.htm").officer_changes
    assert (cedar.person.full, cedar.title, cedar.effective_date) == (
        "Yoram Cedar",
        "Executive Vice President and Chief Technology Officer",
        dt.date(2010, 10, 7),
    )


def test_the_next_sentence_dates_the_change_and_both_posts_end() -> None:
    """Trap: Astrotech 0000950123-10-058942, "notified Astrotech ... of his intent to resign
    from the Board of Directors of Astrotech and as the Chief Executive Officer of Astrotech
    Space Operations. His resignation will become effective on June 18, 2010.": the notice's
    date is not the end, the next sentence's is; and both the directorship and the office
    end."""
    changes = _changes(_doc("edgarcrawler__0000950123-10-058942.htm"))
    assert changes == {
        ("Lance W. Lord", "resigned", "director", dt.date(2010, 6, 18)),
        ("Lance W. Lord", "resigned", "officer", dt.date(2010, 6, 18)),
    }


def test_step_down_on_a_date_and_immediately_in_a_later_sentence() -> None:
    """Trap: "Yoram Cedar announced that he will step down on December 31, 2011" (SanDisk
    0001193125-11-316242) and "Mr. Miller's retirement is effective immediately" after "On
    April 30, 2008, Director Fred R. Miller retired" (Horizon 0000939057-08-000198)."""
    (cedar,) = _doc("edgarcrawler__0001193125-11-316242.htm").officer_changes
    assert cedar.effective_date == dt.date(2011, 12, 31)
    assert {
        c.effective_date for c in _doc("edgarcrawler__0000939057-08-000198.htm").officer_changes
    } == {dt.date(2008, 4, 30)}


def test_wrapped_text_sentence_is_read_whole() -> None:
    """Trap: Pericom's plain-text 8-K 0001275287-05-000056 wraps its sentences at 70 columns;
    "Dr. Murray Goldman had been appointed by / the Company's Board of Directors to serve as a
    director of the Company, commencing as of January 7, 2005" was read line by line and
    lost."""
    changes = _changes(_doc("edgarcrawler__0001275287-05-000056.txt"))
    assert changes == {("Murray Goldman", "appointed", "director", dt.date(2005, 1, 7))}


def test_posts_at_other_companies() -> None:
    """Trap: "Mr. Dorsey is Chairman of the Board of Directors of Twitter, Inc. and Chief
    Executive Officer of Square, Inc." (Disney 0001001039-13-000190) was not recorded; nor is
    "Board of Directors of Twitter, Inc." an organization's name."""
    roles = {
        (r.person.full, r.organization, r.role, r.title, r.current)
        for r in _doc("edgarcrawler__0001001039-13-000190.htm").other_roles
    }
    assert roles == {
        (
            "Jack Dorsey",
            "Twitter, Inc.",
            "officer",
            "Chairman of the Board of Directors",
            True,
        ),
        ("Jack Dorsey", "Square, Inc.", "officer", "Chief Executive Officer", True),
    }
    past = _doc("edgarcrawler__0001193125-23-188128.htm").other_roles
    assert {(r.organization, r.role, r.current) for r in past} >= {
        ("Atlas Air Worldwide Holdings, Inc.", "director", False),
        ("AAR Corp.", "director", True),
    }


def test_subsidiaries_named_in_the_text() -> None:
    """Trap: "Tyson Fresh Meats, Inc., a wholly-owned subsidiary of the Company" (Tyson
    0000100493-15-000041), "its financial institution subsidiary, Horizon Bank" (Horizon
    0000939057-08-000198), "with VoiceSignal continuing as the surviving corporation and a
    wholly owned subsidiary of Nuance" (0000950135-07-005433) were not linked to a parent."""
    parents = {
        o.name: o.parent for o in _doc("edgarcrawler__0000100493-15-000041.htm").organizations
    }
    assert parents["Tyson Fresh Meats, Inc."] == "Tyson Foods, Inc."
    horizon = {
        o.name: o.parent for o in _doc("edgarcrawler__0000939057-08-000198.htm").organizations
    }
    assert horizon["Horizon Bank"] == "Horizon Financial Corp."
    nuance = {
        o.name: o.parent for o in _doc("edgarcrawler__0000950135-07-005433.htm").organizations
    }
    assert nuance["Voice Signal Technologies, Inc."] == "Nuance Communications, Inc."
    assert nuance["Vicksburg Acquisition Corporation"] == "Nuance Communications, Inc."


def test_has_appointed_is_active() -> None:
    """Trap: "it has appointed Christine M. McCarthy ... and has appointed Kevin A. Mayer Senior
    Executive Vice President and Chief Strategy Officer" (Disney 0001001039-15-000176): "has"
    was read as a passive, so the second appointment went to the person before the verb."""
    changes = {
        c.person.full: c.title
        for c in _doc("edgarcrawler__0001001039-15-000176.htm").officer_changes
    }
    assert changes["Kevin A. Mayer"] == "Senior Executive Vice President and Chief Strategy Officer"


def test_ticker_from_the_press_release_and_former_name_from_the_cover() -> None:
    """Trap: an 8-K of 2005 has no cover ticker, its press release says "Pericom Semiconductor
    Corporation (Nasdaq: PSEM)" (0001275287-05-000056); Marygold's cover prints its former name
    above "(Former Name or Former Address, if Changed Since Last Report)"
    (0001171200-22-000105). Neither was read."""
    assert _doc("edgarcrawler__0001275287-05-000056.txt").company.ticker == "PSEM"
    marygold = _doc("edgarcrawler__0001171200-22-000105.htm").company
    assert marygold.previous_names == ["Concierge Technologies, Inc."]
    assert _doc("edgarcrawler__0000100493-15-000031.htm").company.previous_names == []
