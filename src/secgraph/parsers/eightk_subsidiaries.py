"""Subsidiaries an 8-K names, and their parents, by rules over sentences.

Three ways the prose says it, generic across filers and eras:

* an appositive after the name: ``Tyson Fresh Meats, Inc., a wholly-owned subsidiary of the
  Company`` (0000100493-15-000041); ``Ellipse Acquisition Corporation, a Florida corporation
  and a wholly owned subsidiary of Nuance ("Sub")`` (0000950123-11-059612); the name's own
  definition may come first (``Astrotech Space Operations, Inc. ("ASO"), a wholly-owned
  subsidiary of Astrotech Corporation``, 0000950123-10-095885);
* the possessive: ``Horizon Financial Corp. ("Company") and its financial institution
  subsidiary, Horizon Bank`` (0000939057-08-000198), ``acting through its wholly-owned
  subsidiary SaRonix, Inc.`` (0001193125-03-057197): "its" is the organization named last
  before it;
* a merger's survivor: ``with VoiceSignal continuing as the surviving corporation and a wholly
  owned subsidiary of Nuance`` (0000950135-07-005433), ``with Innova thereby becoming a
  wholly-owned subsidiary of the Company`` (0000899243-96-000861); one that "will become" a
  subsidiary (0000950157-17-001598) is not one yet.

The parent is only set when both names are organizations the text names (or defines); a
parent already read is kept.

Public API: :func:`read_subsidiaries`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from secgraph.models import Organization
from secgraph.parsers.eightk_entities import Entities, mentions
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
    for sentence in sentences:
        text = sentence.text
        named = mentions(text, ents)
        for start, end, child in named:
            for pattern in (_APPOSITIVE, _SURVIVOR, _BECOMING):
                m = pattern.match(text, end)
                parent = _named_at(named, m.end()) if m else None
                if parent is not None and parent != child:
                    _link(ents, child, parent, sentence, (start, m.end() if m else end))
        for own in _POSSESSIVE.finditer(text):
            owned = _named_at(named, own.end())
            owners = [n for _, e, n in named if e <= own.start()]
            if owned is not None and owners and owners[-1] != owned:
                _link(ents, owned, owners[-1], sentence, own.span())


def _named_at(named: list[tuple[int, int, str]], at: int) -> str | None:
    return next((name for s, _, name in named if s == at), None)


def _link(ents: Entities, child: str, parent: str, sentence: Sentence, at: tuple[int, int]) -> None:
    org = ents.org(child)
    if org is None:
        org = Organization(name=child)
        ents.organizations.append(org)
    if org.parent is None and not org.is_registrant:
        org.parent = parent
        org.spans["parent"] = sentence.span(*at)
