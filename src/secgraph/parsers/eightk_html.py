"""8-K current reports in HTML (plain or inline XBRL): text for the shared 8-K extractor,
identifiers from the cover page.

The page becomes block-structured text (:func:`~secgraph.parsers.html_text.html_to_text`)
and goes through the same extractor as the text path (``eightk_extract.extract_8k``), so
items, Item 5.02 officer changes and Item 1.01/1.02 agreements come out exactly as there.
The cover page adds what HTML gives better: inline XBRL ``dei`` facts (CIK, file number,
trading symbol, date of report, document type) are exact and win; otherwise the printed
cover is read (:mod:`secgraph.parsers.eightk_cover`).

An exhibit on its own (an EDGAR ``<DOCUMENT>`` whose ``<TYPE>`` is ``EX-...``, such as the
Buckle press release ``bke20241122-8kexhibit.htm``) is not an 8-K: it is recognised here so
that no looser text parser mistakes it for one, and refused with an
:class:`~secgraph.errors.UnknownFormError` that names the file and the exhibit type.
"""

from __future__ import annotations

import html
import importlib
import re
from typing import Protocol, cast

from secgraph.errors import UnknownFormError
from secgraph.models import (
    EightKFiling,
    FilingInfo,
    InputFormat,
    Issuer,
    ParsedFiling,
    ParseWarning,
    Span,
)
from secgraph.normalize.dates import parse_date
from secgraph.parsers.eightk_cover import cover_facts, ixbrl_facts
from secgraph.parsers.html_text import html_to_text, looks_like_html, parse_html
from secgraph.parsers.source import Source

_EXHIBIT = re.compile(r"^\s*<DOCUMENT>\s*<TYPE>\s*(EX-[\w.\-]+)", re.I)
_FILENAME = re.compile(r"<FILENAME>\s*([^\s<]+)", re.I)
_WRAPPED_TYPE = re.compile(r"^\s*<DOCUMENT>\s*<TYPE>\s*([^\s<]+)", re.I)
_CONTAINER = re.compile(
    r"^\s*(?:<SEC-DOCUMENT>|<SEC-HEADER>|<SUBMISSION>|-----BEGIN PRIVACY)", re.I
)
_FORM_8K = re.compile(r"FORM\s+8-K(/A)?\b", re.I)
_CURRENT_REPORT = re.compile(r"CURRENT\s+REPORT", re.I)
_DEI_8K = re.compile(r'name="dei:DocumentType"[^>]*>\s*(?:<[^>]+>\s*)*8-K', re.I)
_TAG = re.compile(r"<[^>]*>")
_FORM_8K_VISIBLE = re.compile(r"FORM\s*8\s*-\s*K", re.I)


def _visible(markup: str) -> str:
    """The text of a page's head as a reader sees it: tags dropped without a space (a title
    set as ``<font>FORM 8-</font><font>K</font>`` reads whole) and entities decoded
    (``Form&#160;8-K``, 0000950135-07-007239)."""
    return html.unescape(_TAG.sub("", markup))


class _Extractor(Protocol):
    def __call__(
        self, text: str, *, filing: FilingInfo, company: Issuer | None = None
    ) -> tuple[EightKFiling, list[ParseWarning]]: ...


def _extractor() -> _Extractor:
    # The text path's extractor (helper module eightk_extract); loaded on use, as the
    # registry loads parsers, so this module's detection never depends on it.
    module = importlib.import_module("secgraph.parsers.eightk_extract")
    return cast(_Extractor, module.extract_8k)


def detect(source: Source) -> bool:
    """HTML whose cover says FORM 8-K / CURRENT REPORT (or whose dei:DocumentType is 8-K),
    and HTML exhibits of a submission, which :func:`parse` refuses by name."""
    head = source.data[:65536].decode("utf-8", errors="replace")
    if _CONTAINER.match(head) or not looks_like_html(head):
        return False  # a full submission is the submission parser's; it hands us the 8-K
    if _EXHIBIT.match(head):
        return True
    wrapped = _WRAPPED_TYPE.match(head)
    if wrapped and not wrapped.group(1).upper().startswith("8-K"):
        return False
    if _DEI_8K.search(head):
        return True
    visible = _visible(head)
    return bool(_FORM_8K_VISIBLE.search(visible) and _CURRENT_REPORT.search(visible))


def parse(source: Source) -> ParsedFiling:
    exhibit = _EXHIBIT.match(source.head)
    if exhibit:
        filename = _FILENAME.search(source.head)
        inner = f" ({filename.group(1)})" if filename else ""
        raise UnknownFormError(
            f"an exhibit document {exhibit.group(1).upper()}{inner} on its own, not an 8-K: "
            "parse the 8-K's main document or its full submission",
            source=source.name,
        )
    root = parse_html(source.text)
    text = html_to_text(root)
    xbrl = ixbrl_facts(root)
    cover = cover_facts(text)
    warnings: list[ParseWarning] = []

    def fact(name: str) -> tuple[str | None, Span | None]:
        value = xbrl.get(name)
        return (value[0], value[1]) if value else (None, None)

    doc_type, _ = fact("dei:DocumentType")
    amendment_flag, _ = fact("dei:AmendmentFlag")
    printed = _FORM_8K.search(text[:4000])
    amendment = (amendment_flag or "").lower() == "true" or bool(
        (doc_type or "").upper().endswith("/A") or (printed and printed.group(1))
    )
    period_text, period_span = fact("dei:DocumentPeriodEndDate")
    period = parse_date(period_text) or cover.period_date
    if period_text and parse_date(period_text) is None:
        warnings.append(
            ParseWarning(code="bad-value", message=f"dei:DocumentPeriodEndDate {period_text!r}")
        )
    cik, cik_span = fact("dei:EntityCentralIndexKey")
    file_number, file_span = fact("dei:EntityFileNumber")
    ticker, ticker_span = fact("dei:TradingSymbol")
    xbrl_name, xbrl_name_span = fact("dei:EntityRegistrantName")
    xbrl_state, _ = fact("dei:EntityIncorporationStateCountryCode")
    spans = {k: v for k, v in cover.spans.items() if k != "period_date"}
    for key, span in (
        ("cik", cik_span),
        ("file_number", file_span),
        ("ticker", ticker_span),
    ):
        if span is not None:
            spans[key] = span
    if cover.name is None and xbrl_name_span is not None:
        spans["name"] = xbrl_name_span
    # The printed name is the registrant as it names itself; dei:EntityRegistrantName is
    # often EDGAR's conformed name ("ORACLE CORP" for "Oracle Corporation", 0001341439).
    company = Issuer(
        name=cover.name or xbrl_name,
        cik=cik,
        ticker=ticker,
        jurisdiction=cover.jurisdiction or xbrl_state,
        file_number=file_number or cover.file_number,
        spans=spans,
    )
    if company.name is None:
        warnings.append(ParseWarning(code="registrant-missing", message="no registrant name"))
    if period is None:
        warnings.append(ParseWarning(code="period-missing", message="no date of report"))
    form = "8-K/A" if amendment else "8-K"
    filing = FilingInfo(
        form_type=form,
        amendment=amendment,
        source=source.name,
        sha256=source.sha256,
        input_format=InputFormat.HTML,
        period_date=period,
        spans={"period_date": period_span or cover.spans.get("period_date") or Span()},
    )
    document, found = _extractor()(text, filing=filing, company=company)
    return ParsedFiling(document=document, warnings=[*warnings, *found])
