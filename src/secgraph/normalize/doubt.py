"""Signs that a value read from converted text is not whole or not a value at all.

A conversion that wraps a cell cuts a value at the line end ("/s/ Jane Roe, attorney-" over
"in-fact"), and one that flattens a form's boxes runs a neighbouring box's label or tick into
a value ("X Director 10%, 701 FIRST AVENUE", "IWUBA ]"). The text readers ask these checks
before writing a value and leave it empty with a warning when one answers: a value is never
guessed whole from a piece of it.
"""

from __future__ import annotations

import re

__all__ = ["cut_value", "label_fragment", "signer_doubt", "strip_trailing_date"]

# The last word of a value cut at a line end: a joining word, or a hyphen or comma that the
# next line was to continue ("Attorney-" / "in-Fact", "Fobarul GP LP," / "General Partner").
_CUT_END = re.compile(
    r"(?:[,;:\-/&]|\b(?:of|as|by|for|and|the|its|to|on|in|at|with|&))\s*$", re.IGNORECASE
)
# (also run into a word: "attorney12/11/2020")
_DATE = re.compile(r"(?<!\d)\d{1,2}/\d{1,2}/\d{2,4}(?!\d)|\b\d{4}-\d{2}(?:-\d{0,2})?")
_TRAILING_DATE = re.compile(r"\s+(?:\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})\s*$")
# Words of a form's labels and check boxes that are never part of a name or an address.
_LABEL_WORDS = re.compile(
    r"\b(?:Director|10%|Officer\s*\(|Other\s*\(|give\s+title|specify|Reporting|More\s+than|"
    r"Individual\s+or\s+Joint|Form\s+filed|Check\s+all|applicable|Instr\.|Ticker|"
    r"Trading\s+Symbol|Relationship\s+of|OMB|Transactions\s+Reported|Holdings\s+Reported|"
    r"Statement\s+of|Beneficial\s+Ownership|Estimated\s+average|Form\s+[345]\b)|"
    r"\((?:Last|First|Middle|Street|City|State|Zip)\)|^\s*\d{1,2}/\d{1,2}/\d{4}\s*$",
    re.IGNORECASE,
)
_JUNK = re.compile(r"[\[\]|\ufffd\u2500-\u257f]")
_SIGNATURE_LABELS = re.compile(r"\*\*|Signature\s+of|Instr\.|\(Last\)", re.IGNORECASE)
_TITLE_WORDS = frozenset(
    [
        "chief",
        "executive",
        "officer",
        "financial",
        "operating",
        "president",
        "vice",
        "ceo",
        "cfo",
        "coo",
        "manager",
        "authorized",
        "managing",
        "member",
        "partner",
        "general",
        "director",
        "secretary",
        "treasurer",
        "counsel",
        "of",
        "the",
        "and",
        "signer",
        "title",
        "name",
    ]
)


def cut_value(text: str) -> bool:
    """Whether ``text`` ends where a wrapped value was cut (a hyphen, a comma, "of")."""
    return bool(_CUT_END.search(text))


def _unbalanced(text: str) -> bool:
    return text.count("(") != text.count(")")


def label_fragment(text: str) -> bool:
    """Whether a name or address value holds a piece of the form around it: a box label or
    tick-box word, a bracket or rule character, an unbalanced parenthesis, mojibake."""
    return bool(_JUNK.search(text) or _LABEL_WORDS.search(text) or _unbalanced(text))


def strip_trailing_date(text: str) -> str:
    """``/s/ Jane Roe 02/14/2022`` -> ``/s/ Jane Roe`` (a date column run into the name's)."""
    return _TRAILING_DATE.sub("", text)


def signer_doubt(text: str) -> str | None:
    """Why a signer's name read from a conversion is doubtful, or None: cut at a line end,
    begun mid-phrase (a wrapped name's tail), holding a date or a label, or only a title."""
    words = re.findall(r"[A-Za-z]+", text)
    if len(words) == 0:
        return "no name"
    if cut_value(text):
        return "cut at a line end"
    if text[:1].islower():
        return "the tail of a wrapped name"
    if _DATE.search(text):
        return "a date inside the name"
    if _JUNK.search(text) or _unbalanced(text) or _SIGNATURE_LABELS.search(text):
        return "a label inside the name"
    if all(w.lower() in _TITLE_WORDS for w in words):
        return "a title, not a name"
    return None
