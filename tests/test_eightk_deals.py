"""Acquisitions, dispositions and financial obligations read from real 8-Ks (issue 11).

Each expected value is in the filing's hand-read golden (tests/goldens/8k/<accession>.json),
checked there against the document's words (tests/test_eightk_goldens.py).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from secgraph.models import AgreementEventKind, EightKFiling
from secgraph.parsers.registry import parse_path

ITEMS = Path(__file__).parent / "corpus" / "8k-items"


@cache
def _doc(accession: str) -> EightKFiling:
    (path,) = ITEMS.glob(f"*{accession}*")
    doc = parse_path(path).document
    assert isinstance(doc, EightKFiling)
    return doc


def test_completed_acquisitions_with_buyer_date_and_consideration() -> None:
    """Trap: "completed its acquisition of all of the outstanding capital stock of Tegic" names
    the target after the share words; the consideration is a later sentence of the item
    ("consisted of a payment of $265 million in cash") and belongs to the deal before it."""
    deals = {d.target: d for d in _doc("0000950135-07-005433").acquisitions}
    tegic = deals["Tegic Communications, Inc."]
    assert (tegic.direction, tegic.buyer, tegic.date) == (
        "acquisition",
        "Nuance Communications, Inc.",
        dt.date(2007, 8, 24),
    )
    assert tegic.price == "$265 million in cash"
    assert not tegic.pending
    assert deals["Voice Signal Technologies, Inc."].date == dt.date(2007, 8, 24)


def test_a_sale_is_a_disposition_with_the_buyer_and_what_was_sold() -> None:
    """Trap: in "completed the previously announced sale to Project Leopard AcquireCo
    Limited, ... (the "Buyer"), of the Company's Document Imaging division" the organization
    after "to" is the buyer and what follows "of" is the target, not the other way round."""
    (deal,) = _doc("0000950142-19-000172").acquisitions
    assert deal.direction == "disposition"
    assert deal.target == "Document Imaging division"
    assert deal.buyer == "Project Leopard AcquireCo Limited"
    assert deal.seller == "Nuance Communications, Inc."
    assert deal.date == dt.date(2019, 2, 1)
    assert deal.price == "$400 million in cash"


def test_a_spin_off_is_a_disposition_without_a_buyer() -> None:
    """Trap: a separation and distribution to stockholders gives a company away; nobody
    bought it, so no buyer may be invented."""
    (deal,) = _doc("0001193125-19-260133").acquisitions
    assert (deal.direction, deal.target, deal.buyer) == ("disposition", "Cerence Inc.", None)
    assert (deal.seller or "").casefold() == "nuance communications, inc."  # the registrant
    assert deal.date == dt.date(2019, 10, 1)


def test_an_acquisition_to_come_has_no_date() -> None:
    """Trap: "proceeds ... as partial consideration for its acquisition of AdvancePierre" is
    an acquisition not yet done: pending, and no date of the filing may become its date."""
    (deal,) = _doc("0000950103-17-005328").acquisitions
    assert deal.target == "AdvancePierre Foods Holdings, Inc."
    assert deal.buyer == "Tyson Foods, Inc."
    assert deal.pending and deal.date is None


def test_assets_bought_are_the_target_and_their_owner_the_seller() -> None:
    """Trap: "the acquisition of substantially all of the assets of SaRonix, LLC" buys
    assets, not the company; "announcing the acquisition of SaRonix's assets" later must not
    add SaRonix as a second target."""
    (deal,) = _doc("0001193125-03-057197").acquisitions
    assert deal.target == "substantially all of the assets of SaRonix, LLC"
    assert deal.seller == "SaRonix, LLC"
    assert deal.target_organization is None


def test_lenders_and_agents_of_a_credit_facility() -> None:
    """Trap: in one list of roles ("UBS AG, Stamford Branch, as administrative agent, ...,
    Lehman ... and Goldman ..., as co-documentation agents, Citigroup Global Markets Inc. and
    Lehman Brothers Inc., as joint lead arrangers, ..., and Citicorp North America, Inc., ...,
    as lenders") a plural role belongs to every name it closes; arrangers and bookrunners are
    neither lenders nor agents."""
    (obligation,) = _doc("0000950135-07-005433").obligations
    assert obligation.lenders == [
        "Citicorp North America, Inc.",
        "Lehman Commercial Paper Inc.",
        "Goldman Sachs Credit Partners L.P.",
        "Bank of America, N.A.",
    ]
    assert "UBS AG, Stamford Branch" in obligation.agents
    assert "Citigroup Global Markets Inc." not in obligation.agents + obligation.lenders


@pytest.mark.parametrize(
    ("accession", "lenders", "agents"),
    [
        # the prepaid "existing term loan agreement ... Morgan Stanley ..., as administrative
        # agent" is not this filing's obligation
        ("0000100493-15-000041", ["Bank of America, N.A."], []),
        # "between the Company and The Bank of New York Mellon Trust Company, N.A. (as
        # successor to ...), as trustee": the trustee is the bank, not the Company
        # (names are kept without a leading article, as every organization name is)
        ("0000950103-17-005328", [], ["Bank of New York Mellon Trust Company, N.A."]),
        # 'with American Bank, N.A. (the "Lender")': a definition names the role
        ("0000950123-10-095885", ["American Bank, N.A."], []),
    ],
)
def test_only_the_new_obligation_and_only_its_named_role(
    accession: str, lenders: list[str], agents: list[str]
) -> None:
    """Trap: a role applies to the name right before it (singular) and only in a sentence
    that enters into, issues or governs the obligation."""
    found = _doc(accession).obligations
    assert sorted({n for o in found for n in o.lenders}) == lenders
    assert sorted({n for o in found for n in o.agents}) == agents


def test_an_outside_date_is_not_a_termination() -> None:
    """Trap: "the right of either party to terminate the Merger Agreement if the merger is
    not consummated by December 13, 2018" and "90 days after the Merger Agreement is
    terminated" (Disney, 0000950157-17-001598) describe rights and conditions: no agreement
    of the filing is terminated."""
    doc = _doc("0000950157-17-001598")
    events = [e for a in doc.agreements for e in a.events]
    assert all(e.kind is not AgreementEventKind.TERMINATED for e in events)
