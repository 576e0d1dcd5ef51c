"""The cover page of an 8-K in HTML: inline XBRL ``dei`` facts, else the printed cover.

Since 2019 an 8-K's cover page is tagged with inline XBRL (``ix:nonNumeric
name="dei:EntityRegistrantName"`` and friends); those values are exact and win. Older 8-Ks
(and untagged ones) print the same facts in a fixed layout, read here from the text that
:func:`secgraph.parsers.html_text.html_to_text` makes of the page: a value line above its
parenthesised label line ("(Exact name of registrant as specified in its charter)"), or a
tab-joined row of values above a row of labels ("(State or other jurisdiction ...)\\t
(Commission File Number)\\t(IRS Employer Identification No.)").

Public API: :func:`ixbrl_facts` and :func:`cover_facts`, both pure.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from lxml import etree

from secgraph.models import Span
from secgraph.normalize.dates import parse_date
from secgraph.parsers.html_text import element_text

# The dei facts an 8-K cover carries that the records use.
DEI_FACTS = (
    "dei:DocumentType",
    "dei:AmendmentFlag",
    "dei:DocumentPeriodEndDate",
    "dei:EntityRegistrantName",
    "dei:EntityCentralIndexKey",
    "dei:EntityFileNumber",
    "dei:EntityIncorporationStateCountryCode",
    "dei:TradingSymbol",
)

_DATE_OF_REPORT = re.compile(r"^Date\s+of\s+report\b", re.I)
_DATE_IN_LINE = re.compile(r"([A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})")
_EXACT_NAME = re.compile(r"^\(?\s*Exact\s+name\s+of\s+(?:the\s+)?registrant", re.I)
_FILE_NUMBER = re.compile(r"\b\d{1,3}-\d{3,6}(?:-\d{2})?\b")
_FILE_NUMBER_INLINE = re.compile(r"Commission\s+file\s+number\s*:?\s*(\d{1,3}-\d{3,6})", re.I)


@dataclass
class CoverFacts:
    """Cover-page facts; ``spans`` give the 1-based line in the page's text (or the XBRL
    element's source line) for each field found."""

    name: str | None = None
    file_number: str | None = None
    jurisdiction: str | None = None
    period_date: dt.date | None = None
    spans: dict[str, Span] = field(default_factory=dict)


def ixbrl_facts(root: etree._Element) -> dict[str, tuple[str, Span]]:
    """The first value of each :data:`DEI_FACTS` name tagged in the page (hidden or shown),
    with the source line of its element. Values are the tagged text, white space collapsed."""
    facts: dict[str, tuple[str, Span]] = {}
    for el in root.iter("ix:nonnumeric"):
        name = el.get("name") or ""
        if name in DEI_FACTS and name not in facts:
            value = element_text(el)
            if value:
                facts[name] = (value, Span(line=el.sourceline))
    return facts


# A rule printed under a value, above its label: "-----", "- - -----", "_____", "=====".
_RULE = re.compile(r"^[\s\-_=–—*.]*$")


def _previous(lines: list[str], index: int) -> tuple[int, str] | None:
    """The last printed line above ``index``, a rule under the value skipped (Aames Capital
    Corp's 8-K, 0001011438-98-000429, prints a line of dashes between its name and the
    "(Exact name of Registrant ...)" label)."""
    for j in range(index - 1, max(index - 5, -1), -1):
        if lines[j].strip() and not _RULE.match(lines[j]):
            return j, lines[j].strip()
    return None


def cover_facts(text: str) -> CoverFacts:
    """Registrant name, file number, state of incorporation and date of report, as printed.

    A layout this does not know leaves the field None (two-registrant covers such as
    LG&E/KU's 0001104659-03-004925 print a table of registrants instead)."""
    lines = text.split("\n")
    facts = CoverFacts()
    for i, line in enumerate(lines[:120]):  # the cover page is the top of the document
        stripped = line.strip()
        if facts.period_date is None and _DATE_OF_REPORT.match(stripped):
            match = _DATE_IN_LINE.search(stripped)
            prev = _previous(lines, i)
            candidate = match.group(1) if match else prev[1] if prev else None
            date = parse_date(candidate)
            if date is not None:
                facts.period_date = date
                facts.spans["period_date"] = Span(
                    line=i + 1 if match else prev[0] + 1 if prev else None
                )
        if facts.name is None and _EXACT_NAME.match(stripped):
            prev = _previous(lines, i)
            if prev and "\t" not in prev[1]:
                facts.name = prev[1]
                facts.spans["name"] = Span(line=prev[0] + 1)
        inline = _FILE_NUMBER_INLINE.search(stripped)
        if facts.file_number is None and inline:
            facts.file_number = inline.group(1)
            facts.spans["file_number"] = Span(line=i + 1)
        labels = stripped.split("\t")
        if (
            len(labels) > 1
            and stripped.startswith("(")
            and any("jurisdiction" in c for c in labels)
        ):
            prev = _previous(lines, i)
            if prev is None:
                continue
            values = prev[1].split("\t")
            for label, value in zip(labels, values, strict=False):
                if "jurisdiction" in label and facts.jurisdiction is None:
                    facts.jurisdiction = value.strip() or None
                    facts.spans["jurisdiction"] = Span(line=prev[0] + 1)
                elif "Commission" in label and facts.file_number is None:
                    number = _FILE_NUMBER.search(value)
                    if number:
                        facts.file_number = number.group(0)
                        facts.spans["file_number"] = Span(line=prev[0] + 1)
    return facts
