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
from itertools import islice

from lxml import etree

from secgraph.models import Span
from secgraph.normalize.dates import parse_date
from secgraph.normalize.lines import split_lines
from secgraph.normalize.names import looks_like_organization
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
_FORMER_NAME = re.compile(r"^\(?\s*Former\s+name\b", re.I)
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
    former_name: str | None = None
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


_EARLIEST_IN_PARENS = re.compile(r"\(\s*([A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})\s*\)")


def _report_date(lines: list[str], index: int) -> tuple[dt.date, int] | None:
    """The date of report printed on the label's line, on the line below it (Disney,
    0001001039-13-000190: the label, an empty line, the date) or, failing both, above it;
    with the 1-based line it was read from.

    A cover that prints two dates ("November 1, 2005 (October 26, 2005)", Pericom,
    0001275287-05-004321) gives the report's date and, in parentheses, the date of the
    earliest event: the period of an 8-K is the earliest event, so the parenthesized date wins.
    """
    label = lines[index].strip()
    after = _DATE_OF_REPORT.sub("", label)
    after = re.sub(r"^\s*\(date\s+of\s+earliest\s+event\s+reported\)", "", after, flags=re.I)
    below_label = lines[index + 1].strip() if index + 1 < len(lines) else ""
    if _EARLIEST_IN_PARENS.fullmatch(below_label):  # "January 10, 2005" / "(January 7, 2005)"
        after = f"{after} {below_label}"
    candidates: list[tuple[str, int]] = [(after, index + 1)]
    below = next(
        (
            (j, lines[j].strip())
            for j in range(index + 1, min(index + 4, len(lines)))
            if lines[j].strip()
        ),
        None,
    )
    if below is not None and _DATE_IN_LINE.match(below[1]):
        candidates.append((below[1], below[0] + 1))
        more = below[0] + 1
        if more < len(lines) and _EARLIEST_IN_PARENS.fullmatch(lines[more].strip()):
            candidates[-1] = (f"{below[1]} {lines[more].strip()}", below[0] + 1)
    for value, line_number in candidates:
        earliest = _EARLIEST_IN_PARENS.search(value)
        first = _DATE_IN_LINE.search(value)
        if earliest and first and first.start() < earliest.start():
            date = parse_date(earliest.group(1))
        else:
            date = parse_date(first.group(1)) if first else None
        if date is not None:
            return date, line_number
    prev = _previous(lines, index)
    date = parse_date(prev[1]) if prev else None
    return (date, prev[0] + 1) if date is not None and prev else None


_COVER_LINES = 120


def cover_facts(text: str) -> CoverFacts:
    """Registrant name, file number, state of incorporation and date of report, as printed.

    A layout this does not know leaves the field None (two-registrant covers such as
    LG&E/KU's 0001104659-03-004925 print a table of registrants instead)."""
    # The cover page is the top of the document: its first 120 lines are read, and a label
    # looks at most four lines below it. Splitting the whole text cost 10 times its size.
    lines = list(islice(split_lines(text), _COVER_LINES + 10))
    facts = CoverFacts()
    for i, line in enumerate(lines[:_COVER_LINES]):
        stripped = line.strip()
        if facts.period_date is None and _DATE_OF_REPORT.match(stripped):
            found = _report_date(lines, i)
            if found is not None:
                facts.period_date, line_number = found
                facts.spans["period_date"] = Span(line=line_number)
        if facts.former_name is None and _FORMER_NAME.match(stripped):
            # "Concierge Technologies, Inc. / (Former Name or Former Address, if Changed Since
            # Last Report)" (Marygold, 0001171200-22-000105); "Not applicable" and addresses
            # are no names: only a name with a legal form is taken.
            prev = _previous(lines, i)
            if prev and "\t" not in prev[1] and looks_like_organization(prev[1]):
                facts.former_name = prev[1]
                facts.spans["former_name"] = Span(line=prev[0] + 1)
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
