"""The 8-K extractor shared by the text path (``eightk_text``) and the HTML path (``eightk_html``).

Public API::

    extract_8k(text: str, *, filing: FilingInfo, company: Issuer | None = None)
        -> tuple[EightKFiling, list[ParseWarning]]

``text`` is clean plain text: :func:`~secgraph.normalize.text.clean_text` applied, markup gone
(bold markers stripped), one paragraph or table row per line, table cells joined by tabs.
Every span in the result is a 1-based line and character offsets into this ``text``.
``filing`` is the caller's metadata (form type, source, sha256, input format, period date);
the result's copy adds ``items`` (the item numbers found) and ``signature_date`` when the
caller left them empty. ``company`` is what the caller knows of the registrant (the HTML
cover page); without it, or without its name, the registrant is the company that signs
("TECOGEN INC." above "By: /s/ ..."). The registrant's :class:`Organization` has
``is_registrant=True``; "the Company" binds to it.

What is read: items (all 8-K items 1.01-9.01, official titles from :data:`ITEM_TITLES`, and the
pre-2004 items 1-12), organizations and defined terms, agreements and their events
(:mod:`~secgraph.parsers.eightk_entities`), Item 5.02 officer changes
(:mod:`~secgraph.parsers.eightk_officers`), references to earlier filings ("Form 8-K filed with
the SEC on May 24, 2016") and the signature block (:mod:`~secgraph.parsers.eightk_signatures`).
Warnings: ``no_items``, ``no_signature``, ``doubtful_title``.
"""

from __future__ import annotations

import re

from secgraph.models import (
    EightKFiling,
    FilingInfo,
    FilingReference,
    Issuer,
    Item,
    ParseWarning,
    Span,
)
from secgraph.models.codes import EIGHT_K_ITEM_TITLES, LEGACY_EIGHT_K_ITEM_TITLES
from secgraph.normalize.dates import parse_date
from secgraph.parsers.eightk_entities import DATE, Sentence, find_entities
from secgraph.parsers.eightk_officers import find_agreement_people, find_officer_changes
from secgraph.parsers.eightk_signatures import read_signatures

# The item tables live with the other SEC code tables (models/codes.py), one copy for every
# reader (this extractor, the submission header's ITEM INFORMATION).
ITEM_TITLES = EIGHT_K_ITEM_TITLES
LEGACY_ITEM_TITLES = LEGACY_EIGHT_K_ITEM_TITLES

ITEM_HEADING = re.compile(
    r"^[\s*#>_]*ITEMS?\s+(\d{1,2})(?:\s*\.\s*(\d{2}))?(?!\d)\s*[.:\-\u2013\u2014]*\s*(.*)$",
    re.IGNORECASE,
)
SIGNATURE_START = re.compile(
    r"^\W*SIGNATURES?\W*$|Pursuant to the requirements of the Securities Exchange Act of 1934",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Inc|Corp|Co|Ltd|No|Nos|Mr|Mrs|Ms|Dr|Jr|Sr|St|vs|U\.S|N\.A|L\.P|L\.L\.C|S\.A|a\.s"
    r"|N\.V|B\.V|Esq|Messrs|Sec|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)|\b[A-Z])\.$"
)
_REFERENCE = re.compile(
    r"\bForm\s+(8-K|10-K|10-Q|20-F|6-K|S-1|S-3|S-4|S-8|DEF\s+14A|8-A)(/A)?\b.{0,100}?"
    r"\b(?:filed|furnished|with\s+the\s+(?:SEC|Securities\s+and\s+Exchange\s+Commission))\b"
    rf".{{0,80}}?\bon\s+({DATE.pattern})"
)


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def item_heading(line: str) -> tuple[str, re.Match[str]] | None:
    """The item number of a heading line ("Item 1.02. Termination ...", "ITEM 5.02")."""
    m = ITEM_HEADING.match(line)
    if not m:
        return None
    rest = _letters(m.group(3))
    if m.group(2):
        number = f"{m.group(1)}.{m.group(2)}"
        title = ITEM_TITLES.get(number)
        if title is None:
            return None
        # A sentence that starts with an item number is not a heading unless it is short or
        # starts with the title.
        if len(m.group(3)) > 160 and not rest.startswith(_letters(title)[:10]):
            return None
        return number, m
    title = LEGACY_ITEM_TITLES.get(m.group(1))
    if title and rest.startswith(_letters(title)[:10]):
        return m.group(1), m
    return None


def extract_8k(
    text: str, *, filing: FilingInfo, company: Issuer | None = None
) -> tuple[EightKFiling, list[ParseWarning]]:
    """Items, organizations, agreements, officer changes, references and signatures of an 8-K.

    See the module docstring for what ``text`` must be and how the registrant is chosen.
    """
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    heads = [(i, h) for i, line in enumerate(lines) if (h := item_heading(line))]
    first_item = heads[0][0] if heads else 0
    sig_at = next(
        (i for i in range(first_item, len(lines)) if SIGNATURE_START.search(lines[i])), len(lines)
    )
    heads = [(i, h) for i, h in heads if i < sig_at]
    items: list[Item] = []
    sentences: list[Sentence] = []
    for n, (i, (number, _)) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else sig_at
        body = "\n".join(lines[i + 1 : end]).strip()
        title = ITEM_TITLES.get(number) or LEGACY_ITEM_TITLES.get(number)
        items.append(
            Item(
                number=number,
                title=title,
                text=body,
                spans={
                    "number": Span(line=i + 1, start=starts[i], end=starts[i] + len(lines[i])),
                    "text": Span(line=i + 2, start=starts[i + 1], end=starts[end] - 1),
                },
            )
        )
        sentences += _sentences(lines, starts, i + 1, end, number)
    if not heads:
        sentences = _sentences(lines, starts, 0, sig_at, None)
    signatures, sig_warnings = read_signatures(lines, starts, sig_at)
    signer = next((s.on_behalf_of for s in signatures if s.on_behalf_of), None)
    registrant = company.model_copy(deep=True) if company else Issuer()
    if registrant.name is None and signer:
        registrant.name = signer
        sig_span = next(s.spans.get("on_behalf_of") for s in signatures if s.on_behalf_of)
        if sig_span:
            registrant.spans["name"] = sig_span
    ents = find_entities(sentences, registrant.name)
    registrant_org = next((o.name for o in ents.organizations if o.is_registrant), None)
    officer_sentences = [s for s in sentences if s.item in ("5.02", "6")]
    find_agreement_people(sentences, ents)
    changes, change_warnings = find_officer_changes(
        officer_sentences, ents, registrant_org or registrant.name, filing.period_date
    )
    info = filing.model_copy(deep=True)
    if not info.items:
        info.items = [item.number for item in items]
    if info.signature_date is None:
        info.signature_date = next((s.date for s in signatures if s.date), None)
    document = EightKFiling(
        filing=info,
        company=registrant,
        items=items,
        organizations=ents.organizations,
        agreements=ents.agreements,
        officer_changes=changes,
        references=_references(sentences),
        signatures=signatures,
    )
    warnings: list[ParseWarning] = [*sig_warnings, *change_warnings]
    if not items:
        warnings.append(ParseWarning(code="no_items", message="no 8-K item heading found"))
    if not signatures:
        warnings.append(ParseWarning(code="no_signature", message="no signature block found"))
    return document, warnings


def _sentences(
    lines: list[str], starts: list[int], lo: int, hi: int, item: str | None
) -> list[Sentence]:
    """Sentences of lines ``lo:hi``; a line is a paragraph. Periods after abbreviations
    (``Inc.``, ``a.s.``, initials) do not end a sentence."""
    found: list[Sentence] = []
    for i in range(lo, hi):
        line = lines[i]
        begin = len(line) - len(line.lstrip())
        for m in _SENTENCE_END.finditer(line):
            if _ABBREVIATION.search(line, 0, m.start() + 1):
                continue
            if line[begin : m.end()].strip():
                found.append(Sentence(line[begin : m.end()], starts[i] + begin, i + 1, item))
            begin = m.end() + (len(line[m.end() :]) - len(line[m.end() :].lstrip()))
        rest = line[begin:].rstrip()
        if rest.strip():
            found.append(Sentence(rest, starts[i] + begin, i + 1, item))
    return found


def _references(sentences: list[Sentence]) -> list[FilingReference]:
    found: list[FilingReference] = []
    for sentence in sentences:
        for m in _REFERENCE.finditer(sentence.text):
            form = m.group(1) + (m.group(2) or "")
            day = parse_date(m.group(3))
            if any(r.form_type == form and r.filed_date == day for r in found):
                continue
            found.append(
                FilingReference(
                    form_type=form,
                    filed_date=day,
                    spans={"form_type": sentence.span(m.start(), m.end())},
                )
            )
    return found
