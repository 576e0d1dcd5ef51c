"""The signature block of an 8-K: who signed, with what title, for which company, when.

Read from the extractor's text (one paragraph or table row per line, cells joined by tabs),
from the "SIGNATURES" heading to the exhibit index. The layouts met in the corpus:

* ``By: /s/ Name`` (or ``/s/ Name`` alone), then ``Name:`` and ``Title:`` lines;
* ``/s/ Name``, the name printed again, then the title on lines of its own, unlabeled
  (Apple's 8-K of 2019-11-15: "Luca Maestri" / "Senior Vice President, Chief Financial
  Officer");
* ``Name, Title`` or ``Name Title`` on one line (Premier Financial Bancorp, 0000887919-21-000012);
* a title continued on the next line ("Senior Vice President of Finance," / "Treasurer and Chief
  Financial Officer", Buckle 2024; "Senior Vice President, Corporate" / "Development and
  General Counsel", Cotelligent 1996);
* the company above, a rule of dashes and labels ("(Registrant)", "(Signature)") between.

A title that does not read as one (:func:`~secgraph.normalize.titles.doubtful_title`: cut
mid-phrase, a heading, an exhibit reference) is left empty with a ``doubtful_title`` warning.

Public API: :func:`read_signatures`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from secgraph.models import ParseWarning, Signature, Span
from secgraph.normalize.dates import parse_date
from secgraph.normalize.names import doubtful_company_name, looks_like_organization
from secgraph.normalize.titles import doubtful_title
from secgraph.parsers.eightk_entities import DATE

_SIGNATURE_END = re.compile(r"^\W*(?:EXHIBIT\s+INDEX|INDEX\s+TO\s+EXHIBITS|Exhibit\s+No\.?)\b")
_COMPANY_LINE = re.compile(
    r"^[^a-z]*[A-Z]{2}[^a-z]*$|\b(?:Inc|Corp|LLC|Ltd|Co|L\.P|plc|Company|Corporation)\b"
)
_LABEL_CELL = re.compile(r"(?:By|Name|Title|Its|Date|Dated):?", re.IGNORECASE)
_RULE = re.compile(r"^[\s\-_=\u2013\u2014*.]*$")
# Words a title is made of; a line with none of them is not an unlabeled title.
_TITLE_WORDS = re.compile(
    r"\b(?:Officer|President|Counsel|Secretary|Treasurer|Director|Controller|Chair(?:man|woman)?"
    r"|CEO|CFO|COO|CAO|CLO|Member|Partner|Manager|Trustee|Head|Principal|Vice|Chief|General"
    r"|Attorney|Agent|Signatory|Accountant|Executive)\b"
)
# The word a complete title ends with; a line ending otherwise goes on ("Corporate" /
# "Development and General Counsel").
_TITLE_END = re.compile(
    r"\b(?:Officer|President|Counsel|Secretary|Treasurer|Director|Controller|Chair(?:man|woman)?"
    r"|CEO|CFO|COO|CAO|CLO|Member|Partner|Manager|Trustee|Signatory|Accountant|Attorney"
    r"|Agent|Finance|Operations|Administration)\)?$"
)


def _cells(lines: Sequence[str], starts: Sequence[int], lo: int, hi: int) -> list[tuple[str, Span]]:
    """Tab-separated cells of lines ``lo:hi``; a lone label cell ("Name:") takes the value in
    the next cell of its row, as HTML signature tables print them."""
    cells: list[tuple[str, Span]] = []
    for i in range(lo, hi):
        row: list[tuple[str, Span]] = []
        for m in re.finditer(r"[^\t]+", lines[i]):
            text = m.group().strip()
            if text:
                lead = len(m.group()) - len(m.group().lstrip())
                start = starts[i] + m.start() + lead
                span = Span(line=i + 1, start=start, end=start + len(text))
                if row and _LABEL_CELL.fullmatch(row[-1][0]):
                    label = row.pop()[0].rstrip(":")
                    text = f"{label}: {text}"
                row.append((text, span))
        cells += row
    return [part for cell in cells for part in _split_by(*cell)]


# Where one printed line holds several cells: before a label, around a rule of dashes.
_CELL_BREAK = re.compile(r"\s+(?=(?:By|Name|Title|Date|Dated):\s)|\s+[-_=]{3,}(?:\s+|$)")


def _split_by(text: str, span: Span) -> list[tuple[str, Span]]:
    """One printed line, several cells: "1-800-FLOWERS.COM, INC. By: /s/ William E. Shea ..."
    (1-800-Flowers, 2023) prints the company and the signature on one line; "GARY S.
    GILLHEENEY ---- Gary S. Gillheeney Chief Financial Officer" (0001047469-99-037047) a
    signature, its rule and the name in type."""
    if span.start is None or _CELL_BREAK.search(text) is None:
        return [(text, span)]
    parts: list[tuple[str, Span]] = []
    at = 0
    for m in [*_CELL_BREAK.finditer(text), None]:
        end = m.start() if m is not None else len(text)
        if text[at:end].strip():
            start = span.start + at
            parts.append((text[at:end], Span(line=span.line, start=start, end=span.start + end)))
        if m is not None:
            at = m.end()
    return parts


def _doubled(value: str) -> tuple[str, str] | None:
    """The name printed twice, signed then in type ("William E. Shea William E. Shea Senior
    Vice President, ..."), and what follows it."""
    words = value.split()
    for n in range(len(words) // 2, 1, -1):
        if words[:n] == words[n : 2 * n]:
            return " ".join(words[:n]), " ".join(words[2 * n :])
    return None


def _title_like(text: str) -> bool:
    return bool(_TITLE_WORDS.search(text)) and not looks_like_organization(text)


def _goes_on(title: str, line: str) -> bool:
    """Whether ``line`` continues ``title`` printed over two lines."""
    if not _title_like(line) and not re.match(r"(?:and|&)\s", line):
        return False
    return bool(
        re.search(r"(?:,|\band|\bof|&|-)$", title)
        or re.match(r"(?:and|&|of)\s", line)
        or not _TITLE_END.search(title)
    )


class _Block:
    """The reading state: the signatures so far, the company line above them, the date."""

    def __init__(self) -> None:
        self.signatures: list[Signature] = []
        self.company: tuple[str, Span] | None = None
        self.date: tuple[str, Span] | None = None
        self.current: Signature | None = None
        self.title_open = False  # the current title may go on to the next line

    def start(self, span: Span) -> Signature:
        sig = Signature(spans={"name": span})
        if self.company:
            sig.on_behalf_of = self.company[0]
            sig.spans["on_behalf_of"] = self.company[1]
        self.signatures.append(sig)
        self.current = sig
        self.title_open = False
        return sig

    def set_title(self, title: str, span: Span) -> None:
        assert self.current is not None
        self.current.title = title.strip(" ;")
        self.current.spans["title"] = span
        self.title_open = True

    def company_line(self, text: str, span: Span) -> None:
        # "PERICOM SEMICONDUCTOR" / "CORPORATION" (0001275287-05-000056): one name, two lines.
        if self.company and self.current is None and doubtful_company_name(text):
            self.company = (f"{self.company[0]} {text}", self.company[1])
        else:
            self.company = (text, span)


def read_signatures(
    lines: Sequence[str], starts: Sequence[int], sig_at: int
) -> tuple[list[Signature], list[ParseWarning]]:
    """The signatures of the block that starts at line index ``sig_at``."""
    hi = next((i for i in range(sig_at + 1, len(lines)) if _SIGNATURE_END.match(lines[i])), None)
    cells = _cells(lines, starts, sig_at, hi if hi is not None else min(len(lines), sig_at + 60))
    block = _Block()
    pending_by = False
    for cell, span in cells:
        text = cell
        if text.startswith("Pursuant to") or re.fullmatch(r"\W*SIGNATURES?\W*", text, re.I):
            continue
        if _RULE.match(text):
            continue  # a rule under a name or a signature line
        date = DATE.match(re.sub(r"^Dated?:?\s*", "", text, flags=re.I))
        if date and not pending_by:
            block.date = (date.group(), span)
            text = re.sub(r"^Dated?:?\s*", "", text, flags=re.I)[date.end() :].strip(" ,")
            if not text:
                block.title_open = False
                continue
        by = re.match(r"By:?\s*(.*)$", text) if text[:2].lower() == "by" else None
        if by or pending_by or text.lower().startswith("/s/"):
            value = by.group(1).strip() if by else text
            if by and not value:
                pending_by = True
                block.start(span)
                continue
            if not pending_by:
                block.start(span)
            pending_by = False
            name = re.sub(r"^/s/\s*", "", value, flags=re.I).strip()
            doubled = _doubled(name)
            if doubled is not None:
                name = doubled[0]
            if block.current is not None and name:
                block.current.name = name
                block.current.spans["name"] = span
                if doubled and doubled[1] and _title_like(doubled[1]):
                    block.set_title(doubled[1], span)
            continue
        if _read_line(block, text, span):
            continue
        block.title_open = False
        if text.startswith("("):
            continue  # "(Registrant)", "(Signature)"
        if _COMPANY_LINE.search(text) and len(text) <= 100 and not _title_like(text):
            block.company_line(text, span)
    return _finish(block)


def _read_line(block: _Block, text: str, span: Span) -> bool:
    """A line about the current signature: a Name:/Title: field, the name printed again, a
    title with or without the name before it, or a title's next line. True when used."""
    current = block.current
    if current is None:
        return False
    field = re.match(r"(Name|Title|Its):\s*(.+)$", text)
    if field:
        if field.group(1) == "Name":
            name, _, title = field.group(2).partition(" Title: ")
            current.name = name.strip(" ,;")
            current.spans["name"] = span
            if title:
                block.set_title(title, span)
        elif current.title is None:
            block.set_title(field.group(2), span)
        return True
    name = current.name
    if not name:
        return False
    if text.casefold() == name.casefold():
        # "/S/ BARBARA S. POLSKY" then "Barbara S. Polsky": keep the name as printed in full.
        if name.isupper() and not text.isupper():
            current.name = text
        return True
    if current.title is None:
        for sep in (",", " "):
            if text.casefold().startswith(name.casefold() + sep) and _title_like(
                rest := text[len(name) + 1 :].strip()
            ):
                if name.isupper() and not text[: len(name)].isupper():
                    current.name = text[: len(name)]  # the name in type, not in capitals
                block.set_title(rest, span)
                return True
        if _title_like(text):
            block.set_title(text, span)
            return True
        return False
    if block.title_open and _goes_on(current.title, text):
        current.title = f"{current.title} {text}".strip(" ;")
        return True
    return False


def _finish(block: _Block) -> tuple[list[Signature], list[ParseWarning]]:
    warnings: list[ParseWarning] = []
    for sig in block.signatures:
        if sig.date is None and block.date:
            sig.date = parse_date(block.date[0])
            sig.spans["date"] = block.date[1]
        if sig.title is not None and (reason := doubtful_title(sig.title)):
            warnings.append(
                ParseWarning(
                    code="doubtful_title",
                    message=f"signer title {sig.title!r} left empty: {reason}",
                    span=sig.spans.get("title"),
                )
            )
            sig.title = None
            sig.spans.pop("title", None)
    return [s for s in block.signatures if s.name or s.on_behalf_of], warnings
