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
(:mod:`~secgraph.parsers.eightk_entities`), their parties and dates from the clause after
their names and from the exhibit list (:mod:`~secgraph.parsers.eightk_agreements`),
subsidiaries (:mod:`~secgraph.parsers.eightk_subsidiaries`), Item 5.02 officer changes
(:mod:`~secgraph.parsers.eightk_officers`) and posts held at other organizations
(:mod:`~secgraph.parsers.eightk_roles`), references to earlier filings ("Form 8-K filed with
the SEC on May 24, 2016") and the signature block (:mod:`~secgraph.parsers.eightk_signatures`).
Plain text set in hard-wrapped lines (``InputFormat.TEXT``) is read paragraph by paragraph.
Warnings: ``no_items``, ``no_signature``, ``doubtful_title``.
"""

from __future__ import annotations

import re

from secgraph.models import (
    EightKFiling,
    FilingInfo,
    FilingReference,
    InputFormat,
    Issuer,
    Item,
    ParseWarning,
    Span,
)
from secgraph.models.codes import EIGHT_K_ITEM_TITLES, LEGACY_EIGHT_K_ITEM_TITLES
from secgraph.normalize.dates import parse_date
from secgraph.normalize.lines import Lines, LineTexts, lines_of
from secgraph.parsers.eightk_agreements import read_agreements
from secgraph.parsers.eightk_deals import read_acquisitions, read_obligations
from secgraph.parsers.eightk_entities import DATE, agreement_events, find_entities
from secgraph.parsers.eightk_officers import find_agreement_people, find_officer_changes
from secgraph.parsers.eightk_roles import read_other_roles
from secgraph.parsers.eightk_sentences import Sentences
from secgraph.parsers.eightk_signatures import read_signatures
from secgraph.parsers.eightk_subsidiaries import read_subsidiaries

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
# The most characters an abbreviation's match takes ("Messrs." is seven), and a margin.
_ABBREVIATION_SPAN = 12
_SPACE = re.compile(r"\s*")
_LIST_NUMBER = re.compile(r"\(?\d{1,3}\.")
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
    # "Item 7.   Exhibits." (0000899243-96-000861): a heading may give the end of its title
    words = _letters(m.group(3).rstrip(". "))
    if title and 8 <= len(words) == len(rest) and _letters(title).endswith(words):
        return m.group(1), m
    return None


def extract_8k(
    text: str, *, filing: FilingInfo, company: Issuer | None = None
) -> tuple[EightKFiling, list[ParseWarning]]:
    """Items, organizations, agreements, officer changes, references and signatures of an 8-K.

    See the module docstring for what ``text`` must be and how the registrant is chosen.
    """
    index = lines_of(text)
    lines = LineTexts(index)
    starts = index.starts

    def start_of(i: int) -> int:  # where line index ``i`` starts; past the last, the end + 1
        return starts[i] if i < len(starts) else len(text) + 1

    heads = [(i, h) for i, line in enumerate(index.texts()) if (h := item_heading(line))]
    first_item = heads[0][0] if heads else 0
    sig_at = _signature_start(index, first_item)
    heads = _unique_heads([(i, h) for i, h in heads if i < sig_at], sig_at)
    items: list[Item] = []
    sentences = Sentences(text, starts)
    wrapped = filing.input_format is InputFormat.TEXT
    for n, (i, (number, _)) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else sig_at
        # the lines i+1 .. end-1 joined by their line breaks: that slice of the text
        body = text[start_of(i + 1) : max(start_of(end) - 1, start_of(i + 1))].strip()
        title = ITEM_TITLES.get(number) or LEGACY_ITEM_TITLES.get(number)
        items.append(
            Item(
                number=number,
                title=title,
                text=body,
                spans={
                    "number": Span(line=i + 1, start=starts[i], end=starts[i] + len(lines[i])),
                    "text": Span(line=i + 2, start=start_of(i + 1), end=start_of(end) - 1),
                },
            )
        )
        _sentences(index, i + 1, end, number, sentences, wrapped=wrapped)
    if not heads:
        _sentences(index, 0, sig_at, None, sentences, wrapped=wrapped)
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
    # Before Item 5.02 (August 2004) a change of directors or officers was told under any item
    # ("Messrs. ... were appointed to the registrant's Board of Directors" under old Item 2 of a
    # merger's 8-K, 0000950124-00-004609); not under the exhibits item (7) or Regulation FD (9).
    numbers = {item.number for item in items}
    old_items = {n for n in numbers if "." not in n and n not in ("7", "9")}
    officer_sentences = sentences.of_items(("5.02", "6", *old_items))
    find_agreement_people(sentences, ents)
    read_agreements(sentences, ents)
    agreement_events(sentences, ents)
    read_subsidiaries(sentences, ents)
    changes, change_warnings = find_officer_changes(
        officer_sentences, ents, registrant_org or registrant.name, filing.period_date
    )
    acquisitions = read_acquisitions(sentences, ents, registrant_org or registrant.name)
    # the organizations the filing names, by which a name printed without its legal form in
    # a biography is known ("R.J. Steichen" for "R.J. Steichen & Company")
    named = [p for a in ents.agreements for p in a.parties] + [
        n for d in acquisitions for n in (d.target_organization, d.buyer, d.seller) if n
    ]
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
        other_roles=read_other_roles(
            officer_sentences, ents, registrant_org or registrant.name, named
        ),
        acquisitions=acquisitions,
        obligations=read_obligations(sentences, ents, registrant_org or registrant.name),
        references=_references(sentences),
        signatures=signatures,
    )
    warnings: list[ParseWarning] = [*sig_warnings, *change_warnings]
    if not items:
        warnings.append(ParseWarning(code="no_items", message="no 8-K item heading found"))
    if not signatures:
        warnings.append(ParseWarning(code="no_signature", message="no signature block found"))
    return document, warnings


_SIGNATURE_HEADING = re.compile(r"^\W*SIGNATURES?\W*$", re.IGNORECASE)
_SIGNATURE_SENTENCE = re.compile(
    r"Pursuant to the requirements of the Securities (?:and )?Exchange Act of 1934", re.IGNORECASE
)


def _signature_start(lines: Lines, first_item: int) -> int:
    """The line where the signature block starts: the heading just above the SEC signature
    sentence when there is one. A table of contents lists "SIGNATURE" among the items
    (SanDisk, 0001193125-11-316242; Nuance, 0000950135-07-005433): the first such line is not
    the block, and taking it cut every item off."""
    sentence = next(
        (
            i
            for i, line in enumerate(lines.texts(first_item), start=first_item)
            if _SIGNATURE_SENTENCE.search(line)
        ),
        None,
    )
    if sentence is not None:
        heading = next(
            (
                j
                for j in range(sentence - 1, max(sentence - 6, first_item - 1), -1)
                if _SIGNATURE_HEADING.match(lines[j].text)
            ),
            None,
        )
        return sentence if heading is None else heading
    return next(
        (
            i
            for i, line in enumerate(lines.texts(first_item), start=first_item)
            if SIGNATURE_START.search(line)
        ),
        len(lines),
    )


def _unique_heads(
    heads: list[tuple[int, tuple[str, re.Match[str]]]], end: int
) -> list[tuple[int, tuple[str, re.Match[str]]]]:
    """One heading per item number: a table of contents repeats each item's heading above
    its body; the repeat whose section runs longest is the item."""
    spans = [
        (h, (heads[n + 1][0] if n + 1 < len(heads) else end) - h[0]) for n, h in enumerate(heads)
    ]
    best: dict[str, tuple[tuple[int, tuple[str, re.Match[str]]], int]] = {}
    for head, size in spans:
        number = head[1][0]
        if number not in best or size > best[number][1]:
            best[number] = (head, size)
    kept = {id(b[0]) for b in best.values()}
    return [h for h, _ in spans if id(h) in kept]


def _sentences(
    lines: Lines, lo: int, hi: int, item: str | None, found: Sentences, *, wrapped: bool = False
) -> None:
    """Add to ``found`` the sentences of lines ``lo:hi``; a line is a paragraph, or, in
    ``wrapped`` text (a plain text 8-K set at 70 columns: Pericom, 0001275287-05-000056), a run
    of lines is. Periods after abbreviations (``Inc.``, ``a.s.``, initials) do not end a
    sentence. A paragraph's line breaks read as spaces, so offsets into the text stay exact.
    The lines are read a batch at a time (:meth:`Lines.texts`), none kept."""
    starts = lines.starts
    texts = lines.texts(lo, hi)
    following = next(texts, None)
    i = lo
    while following is not None:
        run, base = [following], starts[i]
        following = next(texts, None)
        while wrapped and following is not None and _wraps(run[-1], following):
            run.append(following)
            following = next(texts, None)
        i += len(run)
        _paragraph_sentences(" ".join(run), base, item, found)


def paragraph_sentences(lines: Lines, found: Sentences, *, wrapped: bool) -> None:
    """Add to ``found`` the sentences of all of ``lines`` (a text with no items: an exhibit),
    paragraph by paragraph as :func:`_sentences` reads them."""
    _sentences(lines, 0, len(lines), None, found, wrapped=wrapped)


def _paragraph_sentences(para: str, base: int, item: str | None, found: Sentences) -> None:
    begin = len(para) - len(para.lstrip())
    for m in _SENTENCE_END.finditer(para):
        # An abbreviation is a few letters before the period: look there only (searching from
        # the paragraph's start made a long paragraph of many sentences quadratic).
        if _ABBREVIATION.search(para, max(0, m.start() - _ABBREVIATION_SPAN), m.start() + 1):
            continue
        if m.start() - begin < 6 and _LIST_NUMBER.fullmatch(para, begin, m.start() + 1):
            continue  # "1.  Agreement and Plan of ...": a list's number starts the sentence
        if para[begin : m.end()].strip():
            found.add(base + begin, base + m.end(), item)
        blank = _SPACE.match(para, m.end())  # the white space before the next sentence
        begin = blank.end() if blank else m.end()
    rest = para[begin:].rstrip()
    if rest.strip():
        found.add(base + begin, base + begin + len(rest), item)


def _wraps(line: str, following: str) -> bool:
    """True when ``following`` continues ``line``'s paragraph in hard-wrapped text: both
    printed, neither a table row (tabs) nor an item heading, and ``line`` not a heading."""
    if len(line.strip()) <= 40:
        return False  # checked first: the cheapest test, and most lines of a text fail it
    if line.rstrip().endswith(":") and line.count("(") <= line.count(")"):
        return False  # an introduction ("as follows:"); "(Nasdaq:" goes on to the next line
    if not following.strip() or "\t" in line or "\t" in following:
        return False
    heading = item_heading(following) or item_heading(line)
    return not heading and SIGNATURE_START.search(following) is None


def _references(sentences: Sentences) -> list[FilingReference]:
    found: list[FilingReference] = []
    for sentence in sentences:
        if "Form" not in sentence.text:
            continue  # a reference names the form (a cheap test before the pattern)
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
