"""Acquisitions, dispositions and financial obligations in the prose of an 8-K, by rules.

Acquisitions and dispositions (Item 2.01, old Item 2, and the items that fund them), generic
across filers and eras:

* the buyer as subject: ``On June 15, 2011, Nuance Communications, Inc. ("Nuance") acquired
  Equitrac Corporation`` (0000950123-11-059612); ``completed its acquisition of all of the
  outstanding capital stock of Tegic Communications, Inc.`` (0000950135-07-005433);
  ``completed the acquisition of substantially all of the assets of SaRonix, LLC``
  (0001193125-03-057197: the assets are the target, SaRonix the seller);
* a sale by the subject: ``completed the previously announced sale to Project Leopard
  AcquireCo Limited ... (the "Buyer"), of the Company's Document Imaging division``
  (0000950142-19-000172);
* a separation or spin-off: ``completed the separation (the "Separation") of its Steel
  Processing business, Worthington Steel, Inc.`` (0000950170-23-069698), ``completed the ...
  separation and distribution to its stockholders of all of the outstanding shares of Cerence
  Inc.`` (0001193125-19-260133): a disposition with no buyer;
* one to come: ``consideration for its acquisition of AdvancePierre Foods Holdings, Inc.``
  (0000950103-17-005328): pending, no date.

The consideration comes from a later sentence of the same item: ``The aggregate consideration
... consisted of a payment of $265 million in cash``; ``which provided for a purchase price of
$400 million in cash``. The date is the sentence's leading ``On <date>,``: the day it was done.

Financial obligations: in a sentence that enters into or issues one (a credit, loan or note
agreement, an indenture), the organizations named with a lending role: ``with Bank of America,
N.A., as lender``, ``Morgan Stanley Senior Funding, Inc., as administrative agent``, ``The
Bank of New York Mellon Trust Company, N.A. ..., as trustee``, ``American Bank, N.A. (the
"Lender")``; ``A and B, as lenders`` gives both. Arrangers, bookrunners and escrow agents
are not lenders or agents of the debt. An existing facility the proceeds repay is no new
obligation: only sentences that enter into, issue or govern one are read.

Public API: :func:`read_acquisitions`, :func:`read_obligations`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from secgraph.models import Acquisition, AgreementType, Obligation
from secgraph.normalize.dates import parse_date
from secgraph.parsers.eightk_entities import (
    BRANCH,
    DATE,
    ROLE_PHRASE,
    Entities,
    agreements_in,
    listed,
    mentions,
    org_names,
)
from secgraph.parsers.eightk_sentences import Sentence

_LEADING_DATE = re.compile(
    r"^\s*(?:As\s+(?:was\s+)?previously\s+(?:announced|disclosed|reported),\s+)?"
    rf"(?:Also\s+)?[Oo]n\s+({DATE.pattern})\s*(?:\([^)]*\))?,"
)
_OF_WHAT = (
    r"(?:all\s+(?:of\s+)?the\s+(?:issued\s+and\s+)?outstanding\s+"
    r"(?:capital\s+stock|shares(?:\s+of\s+(?:common\s+)?stock)?)\s+of\s+)?"
)
_ACQUIRED = re.compile(
    r"\b(?:(?:completed|consummated)\s+(?:its|the)\s+(?:previously\s+announced\s+)?acquisition\s+of"
    r"|acquired)\s+" + _OF_WHAT
)
_ASSETS = re.compile(r"substantially\s+all\s+of\s+the\s+assets\s+of\s+")
_SALE = re.compile(
    r"\b(?:completed|consummated)\s+the\s+(?:previously\s+announced\s+)?sale\s+to\s+"
)
_SALE_OBJECT = re.compile(
    r",\s+of\s+(?P<what>(?:the\s+Company's|its)\s+[^(),;]+?)(?=\s*\(|[,.;]|$)"
)
_SEPARATION = re.compile(
    r"\b(?:completed|consummated)\s+the\s+(?:previously\s+announced\s+)?"
    r"(?:complete\s+)?(?:legal\s+and\s+structural\s+)?(?:separation|spin-off)\b"
)
# What a separation gives away: "(the "Separation") of its Steel Processing business, ",
# "and distribution to its stockholders of all of the outstanding shares of "
_SEPARATED = re.compile(
    r"(?:\s*\([^)]*\))?\s+(?:and\s+distribution\s+)?(?:to\s+its\s+(?:stock|share)holders\s+)?"
    r"of\s+(?:its\s+[^,()]*?,\s+|" + _OF_WHAT + r")"
)
_FUNDS = re.compile(
    r"\b(?:to\s+fund|to\s+finance|to\s+pay)\b[^.;]{0,120}?"
    r"\b(?:purchase\s+price|consideration)\s+for\s+$"
)
_PENDING = re.compile(r"\b(?:[Ii]ts|[Tt]he)\s+acquisition\s+of\s+")
_CONSIDERATION = re.compile(
    r"\b(?:aggregate\s+|merger\s+)?consideration\b[^.;]*?\bconsist(?:s|ed)?\s+of\s+(?P<price>.+?)"
    r"(?:,\s+(?:net|of\s+which|subject)\b|\.?$)"
)
# "which provided for a purchase price of $400 million in cash"; "The exercise price was
# $7,900,067.68." (of the option the assets were bought by, 0001193125-03-057197)
# "for an aggregate purchase price of approximately $27,348,450 in cash and the assumption of
# approximately $4 million of debt" (0001047469-99-037047): debt the buyer takes on is part of
# the price.
_AMOUNT = r"\$[\d.,]*\d(?:\s*(?:million|billion))?"
_PURCHASE_PRICE = re.compile(
    r"\b(?:purchase|exercise)\s+price\s+(?:of|was|is)\s+(?:approximately\s+)?"
    rf"(?P<price>{_AMOUNT}(?:\s+in\s+cash)?"
    rf"(?:,?\s+(?:and|plus)\s+the\s+assumption\s+of\s+(?:approximately\s+)?{_AMOUNT}"
    r"\s+(?:of|in)\s+(?:debt|indebtedness|liabilities))?)"
)
# matched at the end of the target (``match(text, end)``: a "^" would only match at 0)
_FOR_PRICE = re.compile(r"\s+for\s+(?P<price>\$[\d.,]+\s*(?:million|billion)?(?:\s+in\s+cash)?)")


def read_acquisitions(
    sentences: Iterable[Sentence], ents: Entities, registrant: str | None
) -> list[Acquisition]:
    """The acquisitions and dispositions the sentences report (see the module docstring)."""
    found: list[Acquisition] = []
    last: Acquisition | None = None
    last_item: str | None = None
    in_parts: set[int] = set()  # the deals whose price is read part by part (_paid_parts)
    merged: list[str] = []  # the organizations merged with, in the order the text says so
    for sentence in sentences:
        text = sentence.text
        if sentence.item != last_item:
            last, last_item = None, sentence.item
        day = _leading_date(text)
        if "merge" in text:
            for with_ in _MERGED_WITH.finditer(text):
                named = _named_at(text, with_.end(), ents)
                if named is not None:
                    merged.append(named[2])
        for deal in (
            *_acquired(sentence, ents, day),
            *_sold(sentence, ents, day),
            *_separated(sentence, ents, day),
            *_pending(sentence, ents, registrant),
            *_merger_done(sentence, ents, registrant, merged),
            *_sold_its(sentence, ents, day),
            *_sold_to(sentence, ents, day),
            *_bought_from(sentence, ents, registrant),
        ):
            last = _merge(found, deal) or last
        if last is not None and last.price is None and not last.pending:
            price = (
                _CONSIDERATION.search(text)
                or _PURCHASE_PRICE.search(text)
                or (_SHARES_PAID.search(text) if _IN_EXCHANGE.search(text) else None)
            )
            if price is not None:
                last.price = _clean_price(price.group("price"))
                last.spans["price"] = sentence.span(*price.span("price"))
        if last is not None and (last.price is None or id(last) in in_parts):
            part = _paid_part(sentence, ents, last)
            if part is not None:
                last.price = f"{last.price}; {part}" if last.price else part
                last.spans.setdefault("price", sentence.span())
                in_parts.add(id(last))
    return found


# The consideration told in sentences of its own after the deal (0000950124-01-500182): "Stockwalk
# received $1,875,000 at closing, with an additional $200,000 being payable to Stockwalk by
# BlueSuit following the transition period ..."; "In addition, BlueSuit issued Stockwalk an
# aggregate of 300,000 shares of its restricted Series A Preferred Shares at closing." Only the
# deal's seller receiving, or its buyer issuing or paying to its seller, is read.
_LEAD = r"^\s*(?:In\s+addition,\s+|Also,\s+)?"
_RECEIVED = re.compile(
    _LEAD + r"(?P<who>[A-Z][^,;.]{0,60}?)\s+(?:also\s+)?received\s+"
    rf"(?P<price>{_AMOUNT}(?:\s+in\s+cash)?(?:\s+at\s+(?:the\s+)?closing)?"
    rf"(?:,\s+with\s+an\s+additional\s+{_AMOUNT}\s+[^.;,]{{0,100}}?"
    r"(?=\s+(?:contemplated|pursuant|under)\b|[.;,]|$))?)"
)
_ISSUED = re.compile(
    _LEAD
    + r"(?P<who>[A-Z][^,;.]{0,60}?)\s+(?:also\s+)?(?:issued|paid)\s+(?P<to>[A-Z][^,;.]{0,60}?)"
    r"\s+(?P<price>(?:an\s+aggregate\s+of\s+)?(?:\$[\d.,]*\d(?:\s*(?:million|billion))?"
    r"(?:\s+in\s+cash)?|[\d,]+\s+shares\s+of\s+(?:its|the)\s+[^.;,]{1,80}?))"
    r"(?=\s+(?:at|on|upon|following)\b|[.;,]|$)"
)


def _paid_part(sentence: Sentence, ents: Entities, deal: Acquisition) -> str | None:
    text = sentence.text
    if deal.seller is None or deal.pending:
        return None
    received = _RECEIVED.match(text)
    if received is not None and _the_one(received.group("who"), ents) == deal.seller:
        return " ".join(received.group("price").split())
    issued = _ISSUED.match(text)
    if (
        issued is not None
        and deal.buyer is not None
        and _the_one(issued.group("who"), ents) == deal.buyer
        and _the_one(issued.group("to"), ents) == deal.seller
    ):
        return " ".join(issued.group("price").split())
    return None


def _the_one(words: str, ents: Entities) -> str | None:
    """The organization ``words`` name, when they are that name or its defined term alone."""
    named = mentions(words, ents)
    if len(named) == 1 and named[0][0] == 0 and named[0][1] == len(words.rstrip()):
        return named[0][2]
    return None


# "The merger was completed on August 1, 2000." (0000950124-00-004609); "as consideration in
# the merger, which was consummated on June 28, 1996." (0000899243-96-000861)
_MERGER_DONE = re.compile(
    r"\b[Mm]erger\b(?:\s*\([^)]*\))?,?\s+(?:which\s+)?(?:was|were|has\s+been)\s+"
    rf"(?:completed|consummated|closed|effective)\s+(?:on|as\s+of)\s+({DATE.pattern})"
)
# Shares paid for what was bought: "The stockholder of Innova received 521,390 newly issued
# shares of the Company's Common Stock ... as consideration in the merger"; "the registrant
# issued an aggregate of 4,315,062 shares of its unregistered common stock to the former
# Steichen shareholders in exchange for all of the issued and outstanding shares".
_SHARES_PAID = re.compile(
    r"\b(?:received|issued)\s+(?:an\s+aggregate\s+of\s+)?(?P<price>\d[\d,]*\s+"
    r"(?:newly[\s-]issued\s+)?shares\s+of\s+(?:the\s+Company's\s+|its\s+)?"
    r"(?:[\w-]+\s+){0,3}?[Ss]tock)\b"
)
_MERGED_WITH = re.compile(r"\b(?:merged?|merges)\s+with\s+(?:and\s+into\s+)?")
_IN_EXCHANGE = re.compile(r"\bas\s+consideration\b|\bin\s+exchange\s+for\s+all\b")


def _merger_done(
    sentence: Sentence, ents: Entities, registrant: str | None, merged: list[str]
) -> list[Acquisition]:
    """An acquisition by merger the text dates by its completion: the merger agreement read
    last before the sentence, the registrant one of its parties and one other organization
    the target; of several (a merger sub, the target), the one the text says was merged with
    ("a newly-formed subsidiary of the Company was merged with Innova")."""
    m = _MERGER_DONE.search(sentence.text)
    if m is None or registrant is None:
        return []
    earlier = [
        a
        for a in ents.agreements
        if a.type is AgreementType.MERGER
        and "name" in a.spans
        and (a.spans["name"].start or 0) < sentence.start + m.start()
    ]
    if not earlier:
        return []
    agreement = max(earlier, key=lambda a: a.spans["name"].start or 0)
    others = [p for p in agreement.parties if p != registrant]
    if len(others) > 1:
        others = [p for p in reversed(merged) if p in others][:1]
    if registrant not in agreement.parties or len(others) != 1:
        return []
    # "with Innova Solutions, Inc. ("Innova") and its sole stockholder, Susan E. Trice"
    # (0000899243-96-000861): the one person party to the merger sold it; of two, no one
    # alone did.
    people = [p.full for p in agreement.people if p.full]
    return [
        Acquisition(
            direction="acquisition",
            target=others[0],
            target_organization=others[0],
            buyer=registrant,
            seller=people[0] if len(people) == 1 else None,
            date=parse_date(m.group(1)),
            spans={"target": agreement.spans["name"], "date": sentence.span(*m.span(1))},
        )
    ]


# "On August 3, 2022, the Registrant sold its 50% noncontrolling equity investment in
# ArtiFlex" (0000950170-23-032000): what was sold is the holding in the organization named.
_SOLD_ITS = re.compile(r"\bsold\s+(?:all\s+of\s+)?its\s+(?P<what>[\w%.,\s-]{3,80}?\s+(?:in|of))\s+")
# "pursuant to which BlueSuit purchased all of the outstanding common stock of Online
# Brokerage Solutions, Inc. ("OBS"), formerly a wholly-owned subsidiary of Stockwalk"
# (0000950124-01-500182): the buyer is the subject of the clause, the seller the parent.
_BOUGHT = re.compile(
    r"\bpursuant\s+to\s+which\s+(?P<buyer>(?:the\s+)?[A-Z][\w&.,' -]{0,60}?)\s+"
    r"(?:purchased|acquired)\s+all\s+(?:of\s+)?the\s+(?:issued\s+and\s+)?outstanding\s+"
    r"(?:common\s+|capital\s+)?(?:stock|shares(?:\s+of\s+(?:common\s+)?stock)?)\s+of\s+"
)
_FORMER_SUBSIDIARY = re.compile(
    r"(?:\s*\([^)]*\))?,\s+(?:formerly\s+|previously\s+)?an?\s+(?:wholly[- ]owned\s+)?"
    r"subsidiary\s+of\s+"
)


def _sold_its(sentence: Sentence, ents: Entities, day: str | None) -> list[Acquisition]:
    text = sentence.text
    found: list[Acquisition] = []
    if day is None or "sold" not in text:
        return found
    for verb in _SOLD_ITS.finditer(text):
        seller = _subject(text, verb.start(), ents)
        named = _named_at(text, verb.end(), ents)
        if seller is None or named is None:
            continue
        what = " ".join(verb.group("what").split())
        found.append(
            Acquisition(
                direction="disposition",
                target=f"{what} {named[2]}",
                seller=seller,
                date=parse_date(day),
                spans={"target": sentence.span(verb.start("what"), named[1])},
            )
        )
    return found


# "On September 13, 1999, certain wholly-owned subsidiaries of Innovative Clinical Solutions,
# Ltd. ... sold certain assets involved in their diagnostic imaging line of business, including
# equipment, ... (the "Diagnostic Assets"), to PresGar Imaging, L.C." (0001047469-99-037047):
# a dated sale of assets or a business, the seller the subject, the buyer after "to". The target
# is the assets as printed, up to the first comma or definition.
_SOLD_ASSETS = re.compile(
    r"\bsold\s+(?P<what>(?:certain|all|substantially\s+all)\s+(?:of\s+)?(?:the\s+|its\s+|their\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:assets|business|businesses|operations)\b[^,;()\"]{0,120}?)"
    r"(?=\s*[,(]|\s+to\s+)"
)
_CLAUSE = re.compile(r"\b(?:that|which|who|announced|agreed|said|reported)\b")
# the object may go on (", including ...", a definition) before ", to <buyer>"
_TO_BUYER = re.compile(r"(?:\)|[\w.])(?:,\s+|\s+)to\s+(?:the\s+)?")


def _sold_to(sentence: Sentence, ents: Entities, day: str | None) -> list[Acquisition]:
    text = sentence.text
    found: list[Acquisition] = []
    if day is None or "sold" not in text:
        return found
    for verb in _SOLD_ASSETS.finditer(text):
        seller = _subject(text, verb.start(), ents)
        if seller is None or _CLAUSE.search(text, 0, verb.start()):
            continue  # "X announced that Y sold ...": the subject of "sold" is not the first named
        buyer = None
        at = verb.end() - 1  # the object's last character: "business to X", "...), to X"
        window = text[at : at + 300]
        for to in _TO_BUYER.finditer(window):
            if ";" in window[: to.start()]:
                break
            buyer = _named_at(text, at + to.end(), ents)
            if buyer is not None:
                break
        if buyer is None:
            continue
        what = " ".join(verb.group("what").split())
        found.append(
            Acquisition(
                direction="disposition",
                target=what,
                buyer=buyer[2],
                seller=seller,
                date=parse_date(day),
                spans={"target": sentence.span(*verb.span("what")), "date": sentence.span()},
            )
        )
    return found


def _bought_from(sentence: Sentence, ents: Entities, registrant: str | None) -> list[Acquisition]:
    """A purchase the clause of an agreement reports, with no date of its own: a
    disposition when the target was the registrant's subsidiary, an acquisition when the
    registrant bought it."""
    text = sentence.text
    found: list[Acquisition] = []
    if "pursuant to which" not in text:
        return found
    for m in _BOUGHT.finditer(text):
        buyer = _named_at(text, m.start("buyer"), ents)
        target = _named_at(text, m.end(), ents)
        if buyer is None or target is None or buyer[1] != m.end("buyer"):
            continue
        parent = _FORMER_SUBSIDIARY.match(text, target[1])
        seller = _named_at(text, parent.end(), ents) if parent else None
        if registrant not in (buyer[2], seller[2] if seller else None):
            continue
        found.append(
            Acquisition(
                direction="acquisition" if buyer[2] == registrant else "disposition",
                target=target[2],
                target_organization=target[2],
                buyer=buyer[2],
                seller=seller[2] if seller else None,
                spans={"target": sentence.span(target[0], target[1])},
            )
        )
    return found


def _leading_date(text: str) -> str | None:
    m = _LEADING_DATE.match(text)
    return m.group(1) if m else None


def _subject(text: str, end: int, ents: Entities) -> str | None:
    """The organization that is the subject of the verb at ``end``: the first one named in
    the sentence ("Pericom ... (the "Company"), acting through its wholly-owned subsidiary
    SaRonix, Inc., ..., completed the acquisition": Pericom)."""
    before = mentions(text[:end], ents)
    return before[0][2] if before else None


def _named_at(text: str, at: int, ents: Entities) -> tuple[int, int, str] | None:
    """The organization named right at ``at``: a defined term gives the organization it
    stands for, a name is kept as printed ("SaRonix, LLC" is not the "SaRonix, Inc." named
    before it, though their names differ only by the legal form: 0001193125-03-057197)."""
    named = mentions(text[at:], ents)
    if named and named[0][0] == 0:
        start, end, name = named[0]
        printed = text[at + start : at + end]
        if org_names(printed) == [(0, len(printed))]:
            name = printed
        return start + at, end + at, name
    return None


def _acquired(sentence: Sentence, ents: Entities, day: str | None) -> list[Acquisition]:
    text = sentence.text
    found: list[Acquisition] = []
    for verb in _ACQUIRED.finditer(text):
        buyer = _subject(text, verb.start(), ents)
        if buyer is None or day is None:
            continue  # "acquired" with no buyer named or no date of the act: not read
        assets = _ASSETS.match(text, verb.end())
        at = assets.end() if assets else verb.end()
        named = _named_at(text, at, ents)
        if named is None:
            continue
        start, end, name = named
        deal = Acquisition(
            direction="acquisition",
            target=f"substantially all of the assets of {name}" if assets else name,
            target_organization=None if assets else name,
            buyer=buyer,
            seller=name if assets else _seller_by_agreement(text, end, ents, buyer, name),
            date=parse_date(day),
            spans={"target": sentence.span(start, end), "date": sentence.span()},
        )
        found.append(deal)
    return found


def _seller_by_agreement(text: str, at: int, ents: Entities, buyer: str, target: str) -> str | None:
    """The seller of shares bought "pursuant to a Stock Purchase Agreement ... by and among
    AOL LLC ("AOL"), Tegic and Nuance" (0000950135-07-005433): the one party of the purchase
    agreement that is neither the buyer nor the target."""
    for start, _, agreement in agreements_in(text[at:], ents):
        if start > 80 or agreement.type is not AgreementType.PURCHASE:
            continue
        others = [p for p in agreement.parties if p not in (buyer, target)]
        if {buyer, target} <= set(agreement.parties) and len(others) == 1:
            return others[0]
    return None


def _sold(sentence: Sentence, ents: Entities, day: str | None) -> list[Acquisition]:
    text = sentence.text
    found: list[Acquisition] = []
    for verb in _SALE.finditer(text):
        seller = _subject(text, verb.start(), ents)
        named = _named_at(text, verb.end(), ents)
        what = _SALE_OBJECT.search(text, verb.end())
        if seller is None or named is None or what is None or day is None:
            continue
        target = re.sub(r"^(?:the\s+Company's|its)\s+", "", what.group("what")).strip()
        found.append(
            Acquisition(
                direction="disposition",
                target=target,
                buyer=named[2],
                seller=seller,
                date=parse_date(day),
                spans={"target": sentence.span(*what.span("what")), "date": sentence.span()},
            )
        )
    return found


def _separated(sentence: Sentence, ents: Entities, day: str | None) -> list[Acquisition]:
    text = sentence.text
    found: list[Acquisition] = []
    for verb in _SEPARATION.finditer(text):
        seller = _subject(text, verb.start(), ents)
        what = _SEPARATED.match(text, verb.end())
        named = _named_at(text, what.end(), ents) if what else None
        if seller is None or day is None or named is None:
            continue
        found.append(
            Acquisition(
                direction="disposition",
                target=named[2],
                target_organization=named[2],
                seller=seller,
                date=parse_date(day),
                spans={"target": sentence.span(named[0], named[1]), "date": sentence.span()},
            )
        )
    return found


def _pending(sentence: Sentence, ents: Entities, registrant: str | None) -> list[Acquisition]:
    """ "for its acquisition of AdvancePierre Foods Holdings, Inc.", "the purchase price for
    the acquisition of the Thai and European operations of BRF S.A. for $340 million in cash"
    (0000950103-19-002069): an acquisition the filing funds or expects; its buyer is the
    registrant only when "its" refers to it (the subject is the registrant)."""
    text = sentence.text
    found: list[Acquisition] = []
    for m in _PENDING.finditer(text):
        named = _named_at(text, m.end(), ents)
        target: str | None = None
        end = m.end()
        if named is not None and text.startswith("'s", named[1]):
            continue  # "the acquisition of SaRonix's assets": its assets, read elsewhere
        if named is not None:
            target, end = named[2], named[1]
        else:
            # "the Thai and European operations of BRF S.A.": a business of an organization
            part = re.match(
                r"the\s+[A-Za-z ]{3,60}?\s+(?:operations|business|division)\s+of\s+",
                text[m.end() :],
            )
            owner = _named_at(text, m.end() + part.end(), ents) if part else None
            if part is None or owner is None:
                continue
            target = text[m.end() : owner[1]]
            end = owner[1]
        subject = _subject(text, m.start(), ents)
        # "its acquisition of"; "The Company intends to use the net proceeds ... to fund ...
        # the purchase price for the acquisition of" (0000950103-19-002069): the subject's
        funds = _FUNDS.search(text, 0, m.start()) is not None
        own = m.group().startswith("its") or funds
        buyer = subject if own and subject == registrant else None
        deal = Acquisition(
            direction="acquisition",
            target=target,
            target_organization=named[2] if named is not None else None,
            buyer=buyer,
            seller=owner[2] if named is None and owner is not None else None,
            pending=True,
            spans={"target": sentence.span(m.end(), end)},
        )
        price = _FOR_PRICE.match(text, end)
        if price is not None:
            deal.price = _clean_price(price.group("price"))
        found.append(deal)
    return found


def _clean_price(price: str) -> str:
    """ "a payment of approximately $201 million in cash" -> "approximately $201 million in
    cash": the words that frame the amount are dropped, the amount kept as printed."""
    return re.sub(r"\ba\s+payment\s+of\s+", "", price).strip(" ,.")


def _merge(found: list[Acquisition], deal: Acquisition) -> Acquisition | None:
    """Add ``deal``, or complete the one already read for the same target ("giving effect to
    the acquisition of Tegic" in the exhibit list retells the completed one). Returns the
    deal a later consideration sentence belongs to (None for a retelling)."""
    same = next((d for d in found if _key(d.target) == _key(deal.target)), None)
    if same is None:
        found.append(deal)
        return deal
    if same.pending and not deal.pending:
        found[found.index(same)] = deal
        return deal
    for field in ("buyer", "seller", "price", "date"):
        if getattr(same, field) is None and getattr(deal, field) is not None:
            setattr(same, field, getattr(deal, field))
    return None


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


# A role phrase after a name ("as administrative agent", "as joint lead arrangers", "as a
# Lender, the Swingline Lender, an Issuing Bank and Administrative Agent", "serving as
# Co-Documentation Agents"), after a parenthesis if one stands between ("(as successor to
# ...), as trustee"); or a definition ('(the "Lender")', '(collectively, the "Note
# Purchasers")': the holders of the notes lend, 0000950170-23-069698).
_ROLE = re.compile(
    rf",?\s+(?:each\s+)?(?:as|serving\s+as)\s+(?P<role>{ROLE_PHRASE}"
    r"|(?:the\s+)?[A-Za-z][A-Za-z -]*?(?=\s*[,;.(]|\s+and\s+[A-Z]|$))"
)
_DEFINED_ROLE = re.compile(
    r'\s*\((?:collectively,?\s+|together,?\s+)?(?:the\s+)?"(?P<role>Lenders?|Trustee'
    r'|Administrative Agent|Agent|Note\s+Purchasers|Noteholders)"\)'
)
# '..., as Lenders (collectively with A, B and C, the "Lenders")' (0000950170-23-050472): the
# names in the parenthesis hold the role its term names.
_COLLECTIVELY_WITH = re.compile(r"\s*\(\s*(?:collectively|together)\s+with\s+")
_TERM_CLOSE = re.compile(r',?\s+the\s+"(?P<role>[A-Z][\w -]*)"\)$')
_MORE_ROLE = re.compile(
    rf"(?:\s*\([^()]*\))?\s+and\s+(?:as\s+)?(?P<role>(?:an?\s+|the\s+)?{ROLE_PHRASE})(?=\s*[,;.]|$)"
)
_ROLE_PART = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_NOT_LENDING = re.compile(
    r"arranger|bookrunner|structuring|escrow|representative|guarantor|departing|borrower"
)
_LIST_GOES_ON = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:[Tt]he\s+)?")
_NEW = re.compile(r"\b(?:entered\s+into|issued|governed\s+by)\b")
_DEBT = {AgreementType.CREDIT, AgreementType.INDENTURE}


def read_obligations(
    sentences: Iterable[Sentence], ents: Entities, borrower: str | None
) -> list[Obligation]:
    """The financial obligations entered into and their lenders and agents (module
    docstring); ``borrower`` is the registrant."""
    found: dict[int, Obligation] = {}
    for sentence in sentences:
        text = sentence.text
        verb = _NEW.search(text)
        if verb is None and sentence.item not in ("9.01", "7"):
            continue  # neither entered into nor issued, nor an exhibit line
        if " as " not in text and not _DEFINED_ROLE.search(text):
            continue
        debt = [(s, a) for s, _, a in agreements_in(text, ents) if a.type in _DEBT]
        if not debt:
            continue
        start, agreement = debt[0]
        lenders, agents = _lending_side(text, start, ents, borrower)
        if not lenders and not agents:
            continue
        obligation = found.get(id(agreement))
        if obligation is None:
            obligation = Obligation(
                instrument=agreement.name,
                borrower=borrower,
                date=agreement.date,
                spans={"instrument": sentence.span()},
            )
            found[id(agreement)] = obligation
        obligation.lenders += [n for n in lenders if n not in obligation.lenders]
        obligation.agents += [n for n in agents if n not in obligation.agents]
    return list(found.values())


def _lending_side(
    text: str, at: int, ents: Entities, registrant: str | None
) -> tuple[list[str], list[str]]:
    """The organizations after ``at`` named with a lending role. A plural role ("as
    lenders", "as co-documentation agents") is of the list of names it closes; a singular
    one ("as trustee") of the name right before it: "between the Company and X, as trustee"
    makes X the trustee, not the Company. A role of several parts ("as a Lender, ... and
    Administrative Agent", "as Lenders and Syndication Agents") makes its holders lenders,
    agents or both; an arranging, escrow or departing part none."""
    lenders: list[str] = []
    agents: list[str] = []
    group: list[str] = []
    position = at
    for rel_start, rel_end, name in listed(text[at:], ents):
        start, end = rel_start + at, rel_end + at
        if start < position:
            continue  # inside a parenthesis or a role phrase already read
        if group and not _LIST_GOES_ON.fullmatch(text, position, start):
            group = []  # something else stood between: a new list
        branch = BRANCH.match(text, end)
        if branch is not None:  # "UBS AG, Stamford Branch": the branch is the party
            end = branch.end()
        group.append(name + branch.group() if branch else name)
        position = end
        role = _role_after(text, end)
        if role is None:
            if not _LIST_GOES_ON.match(text, end):
                group = []
            continue
        words, position = role
        holders = group if re.search(r"s\b", words) else group[-1:]
        group = []
        also = _COLLECTIVELY_WITH.match(text, position)
        close = _closing(text, text.index("(", also.start())) if also is not None else -1
        if also is not None and close > 0:
            inside = text[also.end() : close + 1]
            term = _TERM_CLOSE.search(inside)
            if term is not None:
                named = [n for s, _, n in listed(inside, ents) if s < term.start()]
                _assign(term.group("role").lower(), named, lenders, agents, registrant)
            position = close + 1
        _assign(words, holders, lenders, agents, registrant)
    return lenders, agents


def _assign(
    words: str, holders: list[str], lenders: list[str], agents: list[str], registrant: str | None
) -> None:
    """Add ``holders`` to the lenders and/or agents the parts of role ``words`` name."""
    for printed in _ROLE_PART.split(words):
        part = printed.strip()
        if _NOT_LENDING.search(part):
            continue  # arranging, escrow or leaving the facility (0000950170-23-050472)
        if re.search(r"\b(?:lenders?|note\s+purchasers|noteholders)$", part):
            target = lenders
        elif re.search(r"\b(?:agents?|trustee|administrator)$", part):
            target = agents
        else:
            continue
        target += [h for h in holders if h not in target and h != registrant]


def _role_after(text: str, end: int) -> tuple[str, int] | None:
    """The role phrase right after a name (its words, lowercase, and where it ends)."""
    defined = _DEFINED_ROLE.match(text, end)
    if defined is not None:
        return defined.group("role").lower(), defined.end()
    i = end
    while i < len(text) and text[i] == " ":
        i += 1
    if i < len(text) and text[i] == "(":  # "(as successor to ... (formerly ...)), as trustee"
        close = _closing(text, i)
        if close < 0:
            return None
        i = close + 1
    role = _ROLE.match(text, i)
    if role is None:
        return None
    after = _DEFINED_ROLE.match(text, role.end())
    words, end = role.group("role").lower().strip(), (after or role).end()
    # 'as administrator ("PNC" or the "Administrator") and a Lender' (0000950170-23-032000)
    more = _MORE_ROLE.match(text, end)
    if more is not None:
        words, end = f"{words} and {more.group('role').lower()}", more.end()
    return words, end


def _closing(text: str, at: int) -> int:
    """Where the parenthesis opened at ``at`` closes (nested ones allowed), -1 if not
    within 400 characters."""
    depth = 0
    for i in range(at, min(len(text), at + 400)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1
