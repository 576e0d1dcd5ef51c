"""Subsidiaries an 8-K names, and their parents, by rules over sentences.

The ways the prose says it, generic across filers and eras:

* an appositive after the name: ``Tyson Fresh Meats, Inc., a wholly-owned subsidiary of the
  Company`` (0000100493-15-000041); ``Ellipse Acquisition Corporation, a Florida corporation
  and a wholly owned subsidiary of Nuance ("Sub")`` (0000950123-11-059612); the name's own
  definition may come first (``Astrotech Space Operations, Inc. ("ASO"), a wholly-owned
  subsidiary of Astrotech Corporation``, 0000950123-10-095885);
* the possessive: ``Horizon Financial Corp. ("Company") and its financial institution
  subsidiary, Horizon Bank`` (0000939057-08-000198), ``acting through its wholly-owned
  subsidiary SaRonix, Inc.`` (0001193125-03-057197): "its" is the organization named last
  before it;
* a parent's own words: ``X, parent company of A, B and C``, ``X is the parent company of
  Y, which owns Z`` (a press release of 0000950124-00-004609);
* a merger's survivor: ``with VoiceSignal continuing as the surviving corporation and a wholly
  owned subsidiary of Nuance`` (0000950135-07-005433), ``with Innova thereby becoming a
  wholly-owned subsidiary of the Company`` (0000899243-96-000861); one that "will become" a
  subsidiary (0000950157-17-001598) is not one yet;
* a group's members: ``certain ... subsidiaries of the Registrant, as originators
  ("Originators")`` party to an agreement ``by and among the Borrower and the Originators``
  whose exhibit line lists all its parties (0000950170-23-032000): the listed parties other
  than the Borrower.

The parent is only set when both names are organizations the text names (or defines); a
parent already read is kept.

Public API: :func:`read_subsidiaries`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from secgraph.models import Agreement, Organization
from secgraph.parsers.eightk_entities import DATE, Entities, agreements_in, mentions
from secgraph.parsers.eightk_sentences import Sentence

_OWNED = r"(?:(?:wholly|majority|indirect|direct)[- ]owned\s+|indirect\s+|direct\s+)?"
_APPOSITIVE = re.compile(
    r"(?:\s*\([^)]*\))?,\s+an?\s+(?:[^.;()\"]{0,80}?\s)?" + _OWNED + r"subsidiary\s+of\s+"
)
_SURVIVOR = re.compile(
    r"\s+(?:continuing|continues|will\s+continue|continued)\s+as\s+the\s+surviving\s+\w+"
    r"\s+and\s+an?\s+" + _OWNED + r"subsidiary\s+of\s+"
)
# "with Innova thereby becoming a wholly-owned subsidiary of the Company" (0000899243-96-000861)
_BECOMING = re.compile(
    r",?\s+(?:thereby\s+)?(?:becoming|became)\s+an?\s+" + _OWNED + r"subsidiary\s+of\s+"
)
_POSSESSIVE = re.compile(r"\bits\s+(?:[\w-]+\s+){0,4}?" + _OWNED + r"subsidiar(?:y|ies),?\s+")


def read_subsidiaries(sentences: Iterable[Sentence], ents: Entities) -> None:
    sentences = list(sentences)
    groups: dict[str, str] = {}  # a defined term for some subsidiaries -> their parent
    # one per agreement, parent and others: each is checked against every sentence once, so
    # a text that retells it many times stays linear
    pending: dict[tuple[int, str, tuple[str, ...]], _GroupDeal] = {}
    for sentence in sentences:
        text = sentence.text
        named = mentions(text, ents)
        if "subsidiaries" in text or groups:
            for deal in _group_deals(sentence, named, ents, groups):
                pending.setdefault((id(deal.agreement), deal.parent, tuple(deal.others)), deal)
        for start, end, name in named:
            for pattern in (_APPOSITIVE, _SURVIVOR, _BECOMING):
                m = pattern.match(text, end)
                parent = _named_at(named, m.end()) if m else None
                if m is not None and parent is not None and parent != name:
                    _link(ents, name, parent, sentence, (start, m.end()))
            parent_of = _PARENT_OF.match(text, end) if "parent" in text else None
            if parent_of is not None:  # "X, parent company of A, B and C"
                for child in _children(text, parent_of.end(), named):
                    if child != name:
                        _link(ents, child, name, sentence, (start, parent_of.end()))
            owns = _WHICH_OWNS.match(text, end) if "owns" in text else None
            owned = _named_at(named, owns.end()) if owns else None
            if owns is not None and owned is not None and owned != name:
                _link(ents, owned, name, sentence, (start, owns.end()))
        for own in _POSSESSIVE.finditer(text):
            owned = _named_at(named, own.end())
            owners = [n for _, e, n in named if e <= own.start()]
            if owned is not None and owners and owners[-1] != owned:
                _link(ents, owned, owners[-1], sentence, own.span())
    for deal in pending.values():
        _group_members(deal, sentences, ents)


# "Stockwalk.com Group, Inc. (Nasdaq: STOK), parent company of Miller, Johnson & Kuehn (MJK),
# Stockwalk.com, Inc. and Online Brokerage Solutions, Inc."; "... is the parent company of MJK
# Holdings, Inc., which owns Miller, Johnson & Kuehn, Incorporated" (EX-99.1 of
# 0000950124-00-004609)
_PARENT_OF = re.compile(
    r"(?:\s*\([^)]*\))?,?\s+(?:is\s+)?(?:the\s+)?parent\s+(?:company\s+)?of\s+(?:the\s+)?"
)
_WHICH_OWNS = re.compile(r"(?:\s*\([^)]*\))?,\s+which\s+(?:wholly\s+)?owns\s+(?:the\s+)?")
_LIST_SEP = r"(?:\s*\([^)]*\))?(?:,\s*(?:and\s+)?|\s+and\s+)(?:[Tt]he\s+)?"  # "A, The B and The C"
# A listed name the text does not read as an organization (no legal form) is passed over.
_UNREAD_ITEM = re.compile(rf"(?:[A-Z][\w&.'-]*(?:,?\s+(?:&\s+)?[A-Z][\w&.'-]*){{0,4}}{_LIST_SEP})?")
_SEP = re.compile(_LIST_SEP)


def _children(text: str, at: int, named: list[tuple[int, int, str]]) -> list[str]:
    """The organizations listed from ``at``: "A, B and C"."""
    found: list[str] = []
    position = at
    for start, end, name in named:
        if start < position:
            continue
        gap = text[position:start]
        fits = _UNREAD_ITEM.fullmatch(gap) if not found else _SEP.fullmatch(gap)
        if fits is None and found:
            fits = re.fullmatch(rf"{_LIST_SEP}{_UNREAD_ITEM.pattern}", gap)
        if fits is None:
            break
        found.append(name)
        position = end
    return found


def _named_at(named: list[tuple[int, int, str]], at: int) -> str | None:
    return next((name for s, _, name in named if s == at), None)


# "certain wholly-owned indirect subsidiaries of the Registrant, as originators
# ("Originators"), have sold ... pursuant to a Purchase and Sale Agreement ... by and among the
# Borrower and the Originators" (0000950170-23-032000): a term for some unnamed subsidiaries
# of a parent, then an agreement among a named party and that group. The agreement's parties
# read elsewhere (its exhibit line names all of them) that are not the named one are the
# group's members: subsidiaries of the parent.
_GROUP_OF = re.compile(
    r"\bsubsidiaries\s+of\s+(?P<parent>(?:the\s+)?[A-Z][^,;()]{0,60}?)"
    r"(?:,\s+as\s+[a-z][a-z ]{0,40})?"
    r'\s*\((?:collectively,?\s+)?(?:the\s+)?"(?P<term>[A-Z][\w -]{0,40})"\)'
)
_AMONG = r"\b(?:by\s+and\s+)?(?:among|between)\s+(?P<others>[^.;()]{1,120}?)\s+and\s+(?:the\s+)?"


class _GroupDeal(NamedTuple):
    agreement: Agreement
    others: list[str]  # the parties the sentence names besides the group
    parent: str
    sentence: Sentence
    at: tuple[int, int]


def _group_deals(
    sentence: Sentence,
    named: list[tuple[int, int, str]],
    ents: Entities,
    groups: dict[str, str],
) -> list[_GroupDeal]:
    text = sentence.text
    for m in _GROUP_OF.finditer(text):
        parent = _named_at(named, m.start("parent"))
        if parent is not None:
            groups.setdefault(m.group("term"), parent)
    found: list[_GroupDeal] = []
    for term, parent in groups.items():
        if term not in text:
            continue
        for among in re.finditer(_AMONG + re.escape(term) + r"\b", text):
            before = [a for _, _, a in agreements_in(text[: among.start()], ents)]
            others = [n for _, _, n in mentions(among.group("others"), ents)]
            if before and others:
                found.append(_GroupDeal(before[-1], others, parent, sentence, among.span()))
    return found


def _group_members(deal: _GroupDeal, sentences: list[Sentence], ents: Entities) -> None:
    """The group's members: the organizations another sentence lists as the parties of the
    same agreement ("<agreement>, dated as of ..., among A, B and C": its exhibit line) with
    all the others the deal's sentence names."""
    among = re.compile(
        re.escape(deal.agreement.name)
        + rf"(?:,?\s+dated\s+(?:as\s+of\s+)?(?:{DATE.pattern}|the\s+[A-Z][\w ]{{0,30}}Date))?"
        + r",?\s+(?:by\s+and\s+)?(?:among|between)\s+"
    )
    for sentence in sentences:
        m = among.search(sentence.text) if sentence is not deal.sentence else None
        if m is None:
            continue
        listed = _children(sentence.text, m.end(), mentions(sentence.text, ents))
        if not set(deal.others) <= set(listed):
            continue
        for member in listed:
            if member not in (*deal.others, deal.parent) and member in deal.agreement.parties:
                _link(ents, member, deal.parent, deal.sentence, deal.at)
        return


def _link(ents: Entities, child: str, parent: str, sentence: Sentence, at: tuple[int, int]) -> None:
    org = ents.org(child)
    if org is None:
        org = Organization(name=child)
        ents.organizations.append(org)
    if org.parent is None and not org.is_registrant:
        org.parent = parent
        org.spans["parent"] = sentence.span(*at)
