"""8-K current reports as plain text: a thin wrapper over the shared extractor.

The text is normalized (:func:`~secgraph.normalize.text.clean_text`, form inputs and markdown
escapes undone, bold markers dropped; line structure kept), the printed cover page is read when
there is one (:func:`~secgraph.parsers.eightk_cover.cover_facts`: registrant name, date of
report, jurisdiction, file number), and :func:`~secgraph.parsers.eightk_extract.extract_8k` does
the rest. Spans are offsets into that normalized text.

Detection works without any header: a converted 8-K may be only its items and signature
(examples/filings/004). It is an 8-K when an official item heading ("Item 1.02 ...") comes with
the SEC signature sentence ("Pursuant to the requirements of the Securities Exchange Act of
1934, the registrant has duly caused this report to be signed") or with a "FORM 8-K" title,
or when the title comes with "CURRENT REPORT".
"""

from __future__ import annotations

import re

from secgraph.models import FilingInfo, InputFormat, Issuer, ParsedFiling
from secgraph.normalize.markup import is_markup_document, normalize_markup, strip_bold
from secgraph.normalize.text import clean_text
from secgraph.parsers.eightk_cover import cover_facts
from secgraph.parsers.eightk_extract import SIGNATURE_START, extract_8k, item_heading
from secgraph.parsers.source import Source

_FORM_8K = re.compile(r"\bFORM\s+8-K(/A)?\b", re.IGNORECASE)
_CURRENT_REPORT = re.compile(r"\bCURRENT\s+REPORT\b", re.IGNORECASE)
_SEC_SIGNATURE = re.compile(
    r"Pursuant\s+to\s+the\s+requirements\s+of\s+the\s+Securities\s+Exchange\s+Act\s+of\s+1934",
    re.IGNORECASE,
)
_DETECT_CHARS = 150_000  # an 8-K's items and signature come first; exhibits may follow


def _normalize(text: str) -> str:
    return strip_bold(normalize_markup(clean_text(text)))


def detect(source: Source) -> bool:
    if is_markup_document(source.head):
        return False
    text = _normalize(source.text[:_DETECT_CHARS])
    titled = _FORM_8K.search(text[:20_000]) is not None
    if titled and _CURRENT_REPORT.search(text[:20_000]):
        return True
    has_item = any(item_heading(line) for line in text.split("\n"))
    return has_item and (titled or _SEC_SIGNATURE.search(text) is not None)


def parse(source: Source) -> ParsedFiling:
    text = _normalize(source.text)
    title = _FORM_8K.search(text[:20_000])
    amendment = bool(title and title.group(1))
    cover = cover_facts(text)
    filing = FilingInfo(
        form_type="8-K/A" if amendment else "8-K",
        amendment=amendment,
        source=source.name,
        sha256=source.sha256,
        input_format=InputFormat.TEXT,
        period_date=cover.period_date,
        spans={k: v for k, v in cover.spans.items() if k == "period_date"},
    )
    company = None
    if cover.name:
        company = Issuer(
            name=cover.name,
            jurisdiction=cover.jurisdiction,
            file_number=cover.file_number,
            previous_names=[cover.former_name] if cover.former_name else [],
            spans={k: v for k, v in cover.spans.items() if k != "period_date"},
        )
    document, warnings = extract_8k(text, filing=filing, company=company)
    return ParsedFiling(document=document, warnings=warnings)


__all__ = ["SIGNATURE_START", "detect", "parse"]
