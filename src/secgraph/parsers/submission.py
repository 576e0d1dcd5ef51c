"""EDGAR full submissions: the SGML-like container around a filing's documents.

Three spellings of the container reach us, and one reader handles them all:

* the ``.txt`` of EDGAR's archive: ``<SEC-DOCUMENT>`` / ``<SEC-HEADER>`` with a header of
  ``KEY:<tab>value`` lines (``ACCESSION NUMBER:``, ``FILER:`` sections), older ones wrapped in
  ``-----BEGIN PRIVACY-ENHANCED MESSAGE-----`` (0001094891-00-000193, 0000919574-09-006093);
* the ``.nc`` feed: ``<SUBMISSION>`` with one tag per line (``<ACCESSION-NUMBER>``,
  ``<FILER>``...), sometimes with bare CR line ends (0001562180-25-000280);
* a header saved alone, starting at ``ACCESSION NUMBER:`` or ``<ACCEPTANCE-DATETIME>``.

Documents follow as ``<DOCUMENT>`` blocks (``<TYPE>``, ``<SEQUENCE>``, ``<FILENAME>``,
``<DESCRIPTION>``, then ``<TEXT>``, often wrapping ``<XML>`` or ``<XBRL>``). The main document
(the one whose type is the submission's form type) is parsed by its own parser through the
registry, as a :class:`~secgraph.parsers.source.Source` named ``{name}#{position}``; then the
header enriches the record:

* ``FilingInfo``: accession, filed date, period and items when the document lacks them, the
  header's filers (``FilerRef``), ``input_format`` SGML, and the source and SHA-256 of the
  submission file itself. A form type that disagrees with the header's is kept and warned.
* The issuer (or company, or primary Form D issuer): CIK, name, SIC, fiscal year end, state of
  incorporation, business address, phone, file number and former names, where missing.
* Reporting owners without a CIK get the header's, matched by name.
* For an 8-K, the other documents (press releases, agreements; not XBRL, graphics or data
  files) become :class:`~secgraph.models.Exhibit` entries with their text.

Spans: an XML main document's spans (libxml2 source lines) are moved by the line where its
text starts, so they count lines of the submission file, as the header's own spans do. HTML
and text parsers count lines of the text they derive from a document, which the submission's
numbering cannot express; their spans are left as they are and a ``document_spans`` warning
says which document they refer to and where it starts. Errors follow the same rule.

8-K header items are EDGAR's item titles ("Departure of Directors or Certain Officers; ...");
they are given as item numbers ("5.02"). Form D header items (``06b``, ``Rule 506``) are kept.

A submission with a header and no ``<DOCUMENT>`` raises :class:`MalformedDocumentError`
("submission has a header but no documents").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from pydantic import BaseModel

from secgraph.errors import InputError, MalformedDocumentError
from secgraph.models import (
    Address,
    EightKFiling,
    Exhibit,
    FilerRef,
    FormDFiling,
    InputFormat,
    Issuer,
    OwnershipFiling,
    ParsedFiling,
    ParseWarning,
    Span,
)
from secgraph.models.codes import EIGHT_K_ITEM_TITLES
from secgraph.models.common import map_spans
from secgraph.normalize.dates import parse_date
from secgraph.normalize.names import company_key, name_key, parse_sec_name
from secgraph.normalize.text import clean_text
from secgraph.parsers import registry
from secgraph.parsers.eightk_exhibits import read_exhibits
from secgraph.parsers.html_text import html_to_text
from secgraph.parsers.source import Source

_CONTAINER_START = re.compile(
    r"\A\s*(?:-----BEGIN PRIVACY-ENHANCED MESSAGE-----|<SEC-DOCUMENT>|<SEC-HEADER>|<SUBMISSION>"
    r"|<IMS-DOCUMENT>|<IMS-HEADER>)",
    re.IGNORECASE,
)
_BARE_HEADER = re.compile(r"^ACCESSION[ -]NUMBER:", re.MULTILINE)
_BARE_HEADER_TYPE = re.compile(r"^CONFORMED SUBMISSION TYPE:", re.MULTILINE)


def detect(source: Source) -> bool:
    """A full submission: its container markers, or an EDGAR header at the top."""
    head = source.head
    if _CONTAINER_START.match(head):
        return True
    return bool(_BARE_HEADER.search(head) and _BARE_HEADER_TYPE.search(head))


# ---------------------------------------------------------------------------------------------
# Header


@dataclass
class HeaderFiler:
    """One FILER / REPORTING-OWNER / ISSUER / SUBJECT COMPANY / FILED BY section."""

    role: str
    line: int
    values: dict[str, str] = field(default_factory=dict)  # canonical key -> first value
    lines: dict[str, int] = field(default_factory=dict)  # canonical key -> line
    addresses: dict[str, dict[str, str]] = field(default_factory=dict)  # business / mail
    former_names: list[str] = field(default_factory=list)


@dataclass
class Header:
    values: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    items: list[tuple[str, int]] = field(default_factory=list)
    filers: list[HeaderFiler] = field(default_factory=list)

    def span(self, key: str) -> Span | None:
        line = self.lines.get(key)
        return Span(line=line) if line is not None else None


# Both spellings of a key (the .txt "KEY:" and the .nc "<TAG>") -> one canonical key.
_KEYS = {
    "ACCESSION NUMBER": "accession",
    "ACCESSION-NUMBER": "accession",
    "CONFORMED SUBMISSION TYPE": "type",
    "TYPE": "type",
    "CONFORMED PERIOD OF REPORT": "period",
    "PERIOD": "period",
    "FILED AS OF DATE": "filed",
    "FILING-DATE": "filed",
    "ITEM INFORMATION": "item",
    "ITEMS": "item",
    "COMPANY CONFORMED NAME": "name",
    "CONFORMED-NAME": "name",
    "CENTRAL INDEX KEY": "cik",
    "CIK": "cik",
    "STANDARD INDUSTRIAL CLASSIFICATION": "sic",
    "ASSIGNED-SIC": "sic",
    "STATE OF INCORPORATION": "state_of_incorporation",
    "STATE-OF-INCORPORATION": "state_of_incorporation",
    "FISCAL YEAR END": "fiscal_year_end",
    "FISCAL-YEAR-END": "fiscal_year_end",
    "SEC FILE NUMBER": "file_number",
    "FILE-NUMBER": "file_number",
    "FORM TYPE": "form_type",
    "FORM-TYPE": "form_type",
    "STREET 1": "street1",
    "STREET1": "street1",
    "STREET 2": "street2",
    "STREET2": "street2",
    "CITY": "city",
    "STATE": "state",
    "ZIP": "zip",
    "BUSINESS PHONE": "phone",
    "PHONE": "phone",
    "FORMER CONFORMED NAME": "former_name",
    "FORMER-CONFORMED-NAME": "former_name",
    "RELATIONSHIP": "relationship",
}
_ROLES = {
    "FILER": "filer",
    "REPORTING-OWNER": "reporting-owner",
    "REPORTING OWNER": "reporting-owner",
    "ISSUER": "issuer",
    "SUBJECT COMPANY": "subject-company",
    "SUBJECT-COMPANY": "subject-company",
    "FILED BY": "filed-by",
    "FILED-BY": "filed-by",
}
_ADDRESS_SECTIONS = {
    "BUSINESS ADDRESS": "business",
    "BUSINESS-ADDRESS": "business",
    "MAIL ADDRESS": "mail",
    "MAIL-ADDRESS": "mail",
}
_ADDRESS_KEYS = frozenset({"street1", "street2", "city", "state", "zip"})
_KEY_LINE = re.compile(r"^[ \t]*(?P<key>[A-Z][A-Z0-9 ./&()'-]*?):[ \t]*(?P<value>.*?)\s*$")
_TAG_LINE = re.compile(r"^[ \t]*<(?P<close>/)?(?P<key>[A-Z][A-Z0-9-]*)>[ \t]*(?P<value>.*?)\s*$")
# 0001968399-23-000002 prints "ITEM INFORMATION:  <ITEMS>06c": a feed tag left in the value.
_STRAY_TAG = re.compile(r"^<[A-Z][A-Z0-9-]*>\s*")


def parse_header(text: str, first_line: int = 1) -> Header:
    """Read an EDGAR header (either spelling). ``first_line`` is the line of ``text``'s first
    line in its file, so the recorded lines are the file's."""
    header = Header()
    filer: HeaderFiler | None = None
    section: str | None = None  # address section inside a filer
    for offset, line in enumerate(text.split("\n")):
        number = first_line + offset
        match = _TAG_LINE.match(line) or _KEY_LINE.match(line)
        if match is None:
            continue
        raw_key = match.group("key").strip()
        value = _STRAY_TAG.sub("", match.group("value"))
        closing = bool(match.groupdict().get("close"))
        if raw_key in _ROLES:
            if closing:
                filer, section = None, None
            elif not value:
                filer = HeaderFiler(role=_ROLES[raw_key], line=number)
                header.filers.append(filer)
                section = None
            continue
        if raw_key in _ADDRESS_SECTIONS or raw_key in ("FORMER COMPANY", "FORMER-COMPANY"):
            section = None if closing else _ADDRESS_SECTIONS.get(raw_key)
            continue
        if closing or not value:
            if raw_key.endswith(("DATA", "VALUES")):
                section = None  # COMPANY DATA, OWNER DATA, FILING VALUES: no address
            continue
        key = _KEYS.get(raw_key)
        if key is None:
            continue
        if filer is None:
            if key == "item":
                header.items.append((value, number))
            elif key not in header.values:
                header.values[key] = value
                header.lines[key] = number
        elif key == "former_name":
            filer.former_names.append(value)
        elif section is not None and key in _ADDRESS_KEYS | {"phone"}:
            filer.addresses.setdefault(section, {}).setdefault(key, value)
            filer.lines.setdefault(f"{section}.{key}", number)
        elif key not in filer.values:
            filer.values[key] = value
            filer.lines[key] = number
    return header


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


_EIGHT_K_TITLES = {_squash(title): number for number, title in EIGHT_K_ITEM_TITLES.items()}


def eight_k_item_number(text: str) -> str | None:
    """``"Other Events"`` -> ``"8.01"``. EDGAR's header truncates long titles ("... or
    Completed Inter", 0001213900-25-032135), so a prefix of a title matches it."""
    if re.fullmatch(r"\d\.\d\d", text.strip()):
        return text.strip()
    key = _squash(text)
    if not key:
        return None
    found = {num for title, num in _EIGHT_K_TITLES.items() if title.startswith(key)}
    return found.pop() if len(found) == 1 else None


# ---------------------------------------------------------------------------------------------
# Documents


@dataclass(frozen=True)
class SubmissionDocument:
    """One ``<DOCUMENT>`` block. ``body`` is its text with any ``<XML>``/``<XBRL>`` wrapper
    removed; ``body_line`` is the line of the submission where the body's first line is."""

    position: int
    type: str | None
    sequence: int | None
    filename: str | None
    description: str | None
    body: bytes
    body_line: int
    line: int  # of <DOCUMENT>
    type_line: int | None  # of <TYPE>
    complete: bool


_DOCUMENT = re.compile(rb"^[ \t]*<DOCUMENT>[ \t]*$", re.MULTILINE | re.IGNORECASE)
_DOCUMENT_END = re.compile(rb"^[ \t]*</DOCUMENT>", re.MULTILINE | re.IGNORECASE)
_META = re.compile(
    rb"^[ \t]*<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>[ \t]*([^\n]*?)[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
_TEXT = re.compile(rb"^[ \t]*<TEXT>[ \t]*\n?", re.MULTILINE | re.IGNORECASE)
_TEXT_END = re.compile(rb"^[ \t]*</TEXT>", re.MULTILINE | re.IGNORECASE)
_WRAPPER = re.compile(rb"[ \t\n]*<(XML|XBRL|PDF)>[ \t]*\n?", re.IGNORECASE)


def normalize_newlines(data: bytes) -> bytes:
    """CRLF and lone CR (the .nc feed) become LF, so lines count the same everywhere."""
    if b"\r" in data:
        return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return data


def split_documents(data: bytes) -> Iterator[SubmissionDocument]:
    """The ``<DOCUMENT>`` blocks of a submission (``data`` with LF line ends)."""
    starts = [m.end() for m in _DOCUMENT.finditer(data)]
    for position, start in enumerate(starts, start=1):
        stop = starts[position] if position < len(starts) else len(data)
        end = _DOCUMENT_END.search(data, start, stop)
        complete = end is not None
        block_end = end.start() if end is not None else stop
        text = _TEXT.search(data, start, block_end)
        meta_end = text.start() if text is not None else block_end
        meta: dict[str, str] = {}
        type_line = None
        for m in _META.finditer(data, start, meta_end):
            key = m.group(1).upper().decode()
            meta.setdefault(key, m.group(2).decode("utf-8", "replace"))
            if key == "TYPE" and type_line is None:
                type_line = data.count(b"\n", 0, m.start()) + 1
        body_start = text.end() if text is not None else block_end
        text_end = _TEXT_END.search(data, body_start, block_end)
        body_end = text_end.start() if text_end is not None else block_end
        wrapper = _WRAPPER.match(data, body_start, body_end)
        if wrapper is not None:
            body_start = wrapper.end()
            closing = re.compile(rb"</" + wrapper.group(1) + rb">\s*\Z", re.IGNORECASE)
            tail = closing.search(data, body_start, body_end)
            if tail is not None:
                body_end = tail.start()
        sequence = meta.get("SEQUENCE", "")
        yield SubmissionDocument(
            position=position,
            type=meta.get("TYPE") or None,
            sequence=int(sequence) if sequence.isdigit() else None,
            filename=meta.get("FILENAME") or None,
            description=meta.get("DESCRIPTION") or None,
            body=data[body_start:body_end],
            body_line=data.count(b"\n", 0, body_start) + 1,
            line=data.count(b"\n", 0, start) + 1,
            type_line=type_line,
            complete=complete and text_end is not None,
        )


# ---------------------------------------------------------------------------------------------
# Parsing


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def parse(source: Source) -> ParsedFiling:
    data = normalize_newlines(source.data)
    first_doc = _DOCUMENT.search(data)
    header_end = first_doc.start() if first_doc is not None else len(data)
    header = parse_header(_decode(data[:header_end]))
    documents = list(split_documents(data))
    if not documents:
        raise MalformedDocumentError(
            "submission has a header but no documents (no <DOCUMENT> block)", source=source.name
        )
    main = _main_document(documents, header.values.get("type"))
    inner = Source(f"{source.name}#{main.position}", main.body)
    if detect(inner):
        raise MalformedDocumentError(
            "a submission nested inside a submission's document",
            source=source.name,
            line=main.body_line,
        )
    try:
        entry = registry.detect(inner)
        parsed = registry.parse_source(inner)
    except InputError as exc:
        # Name the submission file, as every other error does; an XML parser's line is a line
        # of the document's text, so it is moved to the submission's numbering.
        where = f"document {main.position} ({main.type or 'no type'}"
        where += f", {main.filename})" if main.filename else ")"
        line = None
        if _reads_source_lines(inner):
            line = main.body_line + (exc.line - 1 if exc.line is not None else 0)
        elif exc.line is not None:
            where += f", line {exc.line} of its text"
        raise type(exc)(
            f"{where}: {exc.reason}",
            source=source.name,
            line=line,
            column=exc.column if line is not None else None,
        ) from exc
    document = parsed.document
    warnings = list(parsed.warnings)
    if entry.input_format is InputFormat.XML:
        offset = main.body_line - 1
        _shift_lines(document, offset)
        warnings = [_shift_warning(w, offset) for w in warnings]
    else:
        # HTML and text parsers count lines of the text they derive from the document, which
        # the submission's numbering cannot express: say so, with where the document starts.
        warnings.append(
            ParseWarning(
                code="document_spans",
                message=f"spans count lines of document {main.position} "
                f"({main.filename or main.type}) as its {entry.name} parser read it; the "
                f"document's text starts on line {main.body_line} of the submission",
                span=Span(line=main.body_line),
            )
        )
    if not main.complete:
        warnings.append(
            ParseWarning(
                code="truncated_document",
                message=f"document {main.position} has no </TEXT> or </DOCUMENT>",
                span=Span(line=main.line),
            )
        )
    enricher = _Enricher(source, header, warnings)
    enricher.filing(document)
    if isinstance(document, OwnershipFiling):
        enricher.ownership(document)
    elif isinstance(document, FormDFiling):
        if document.issuers:
            enricher.issuer(document.issuers[0], ("filer", "issuer", "subject-company"))
    elif isinstance(document, EightKFiling):
        enricher.issuer(document.company, ("filer", "subject-company", "issuer"))
        _add_exhibits(document, [d for d in documents if d is not main])
        _ticker_from_exhibits(document)
        read_exhibits(document)
    return ParsedFiling(document=document, warnings=warnings)


# "Pericom Semiconductor Corporation (Nasdaq: PSEM) today announced" (EX-99.1 of
# 0001275287-05-000056), "ASTA FUNDING, INC., (NASDAQ: ASFI)" (0001125282-05-005162).
_EXCHANGE_TICKER = re.compile(
    r"([A-Z][\w.,&'\s-]{2,80}?),?\s*\(\s*(?:NASDAQ|Nasdaq|NYSE|Amex|AMEX|NYSE American|NYSE Arca)"
    r"(?:\s+[A-Z][a-z]+)*\s*:\s*([A-Z]{1,5}(?:\.[A-Z])?)\s*\)"
)


def _ticker_from_exhibits(document: EightKFiling) -> None:
    """The registrant's ticker as a press release prints it after the registrant's own name,
    when the cover gave none. Another company's ticker in the same release is not taken."""
    company = document.company
    if company.ticker is not None or not company.name:
        return
    key = company_key(company.name)
    for exhibit in document.exhibits:
        for m in _EXCHANGE_TICKER.finditer(exhibit.text or ""):
            if key and company_key(" ".join(m.group(1).split()).strip(" ,")).endswith(key):
                company.ticker = m.group(2)
                company.spans["ticker"] = exhibit.spans.get("text") or Span()
                return


def _reads_source_lines(inner: Source) -> bool:
    try:
        return registry.detect(inner).input_format is InputFormat.XML
    except InputError:
        return False


def _main_document(documents: list[SubmissionDocument], form: str | None) -> SubmissionDocument:
    """The document whose type is the submission's form type; else the first of a form a
    parser reads; else the first."""
    if form is not None:
        for doc in documents:
            if doc.type is not None and doc.type.upper() == form.upper():
                return doc
    supported = {f.upper() for f in registry.supported_forms()}
    for doc in documents:
        if doc.type is not None and doc.type.upper() in supported:
            return doc
    return documents[0]


def _shift_warning(warning: ParseWarning, offset: int) -> ParseWarning:
    span = warning.span
    if offset == 0 or span is None or span.line is None:
        return warning
    moved = span.model_copy(update={"line": span.line + offset})
    return warning.model_copy(update={"span": moved})


def _shift_lines(obj: BaseModel, offset: int) -> None:
    """Add ``offset`` to every span line of ``obj`` and the records under it."""
    if offset == 0:
        return

    def shifted(span: Span) -> Span:
        if span.line is None:
            return span
        return span.model_copy(update={"line": span.line + offset})

    map_spans(obj, shifted)


class _Enricher:
    """Fills what the main document lacks from the header, and warns where they disagree."""

    def __init__(self, source: Source, header: Header, warnings: list[ParseWarning]) -> None:
        self.source = source
        self.header = header
        self.warnings = warnings

    def warn(self, code: str, message: str, line: int | None) -> None:
        span = Span(line=line) if line is not None else None
        self.warnings.append(ParseWarning(code=code, message=message, span=span))

    def filing(self, document: OwnershipFiling | FormDFiling | EightKFiling) -> None:
        info = document.filing
        header = self.header
        values = header.values
        form = values.get("type")
        if form is not None and info.form_type.upper() != form.upper():
            self.warn(
                "header_mismatch",
                f"the header's form type is {form!r}, the document's {info.form_type!r}",
                header.lines.get("type"),
            )
        accession = values.get("accession")
        if accession is not None:
            if info.accession is None:
                info.accession = accession
                info.spans["accession"] = Span(line=header.lines["accession"])
            elif info.accession != accession:
                self.warn(
                    "header_mismatch",
                    f"the header's accession is {accession}, the document's {info.accession}",
                    header.lines["accession"],
                )
        for key, field_name in (("filed", "filed_date"), ("period", "period_date")):
            text = values.get(key)
            if text is None or getattr(info, field_name) is not None:
                continue
            parsed = parse_date(text)
            if parsed is None:
                self.warn("bad_date", f"header {key} {text!r} is not a date", header.lines[key])
                continue
            setattr(info, field_name, parsed)
            info.spans[field_name] = Span(line=header.lines[key])
        if not info.items and header.items:
            eight_k = (form or info.form_type).upper().startswith("8-K")
            items: list[str] = []
            for text, line in header.items:
                number = eight_k_item_number(text) if eight_k else text
                if number is None:
                    self.warn("unknown_item", f"header item {text!r} is not an 8-K item", line)
                    number = text
                if number not in items:
                    items.append(number)
            info.items = items
            info.spans["items"] = Span(line=header.items[0][1])
        info.filers = [
            FilerRef(
                role=f.role,
                name=f.values.get("name"),
                cik=f.values.get("cik"),
                spans={"role": Span(line=f.line)},
            )
            for f in header.filers
        ]
        info.input_format = InputFormat.SGML
        info.source = self.source.name
        info.sha256 = self.source.sha256

    def _filer(self, roles: tuple[str, ...]) -> HeaderFiler | None:
        for role in roles:
            for filer in self.header.filers:
                if filer.role == role:
                    return filer
        return None

    def issuer(self, issuer: Issuer, roles: tuple[str, ...]) -> None:
        filer = self._filer(roles)
        if filer is None:
            return
        values = filer.values
        cik = values.get("cik")
        if cik is not None and issuer.cik is not None and issuer.cik.lstrip("0") != cik.lstrip("0"):
            self.warn(
                "header_mismatch",
                f"the header's {filer.role} CIK is {cik}, the document's {issuer.cik}",
                filer.lines.get("cik"),
            )
        sic = values.get("sic")
        if sic is not None:
            bracket = re.search(r"\[(\d+)\]", sic)  # "AIRCRAFT & PARTS [3720]"
            sic = bracket.group(1) if bracket else (sic if sic.isdigit() else None)
        fills = {
            "cik": cik,
            "name": values.get("name"),
            "sic": sic,
            "fiscal_year_end": values.get("fiscal_year_end"),
            "jurisdiction": values.get("state_of_incorporation"),
            "file_number": values.get("file_number"),
        }
        for key, value in fills.items():
            if value and getattr(issuer, key, None) is None and key in type(issuer).model_fields:
                setattr(issuer, key, value)
                line = filer.lines.get({"jurisdiction": "state_of_incorporation"}.get(key, key))
                issuer.spans[key] = Span(line=line)
        business = filer.addresses.get("business", {})
        if issuer.phone is None and business.get("phone"):
            issuer.phone = business["phone"]
            issuer.spans["phone"] = Span(line=filer.lines.get("business.phone"))
        if issuer.address is None and business:
            fields = {
                k: v
                for k, v in business.items()
                if k in {"street1", "street2", "city", "state", "zip"}
            }
            if fields:
                issuer.address = Address(
                    **fields,
                    spans={k: Span(line=filer.lines.get(f"business.{k}")) for k in fields},
                )
        if not issuer.previous_names and filer.former_names:
            issuer.previous_names = list(dict.fromkeys(filer.former_names))

    def ownership(self, document: OwnershipFiling) -> None:
        self.issuer(document.issuer, ("issuer", "subject-company"))
        header_owners = [f for f in self.header.filers if f.role == "reporting-owner"]
        by_key: dict[str, HeaderFiler] = {}
        for filer in header_owners:
            name = filer.values.get("name")
            if name:
                by_key[_owner_key(name)] = filer
        header_ciks = {f.values["cik"].lstrip("0") for f in header_owners if "cik" in f.values}
        for owner in document.owners:
            if owner.cik is not None:
                if header_ciks and owner.cik.lstrip("0") not in header_ciks:
                    self.warn(
                        "header_mismatch",
                        f"reporting owner CIK {owner.cik} is not among the header's owners",
                        None,
                    )
                continue
            match = None
            if owner.name is not None and owner.name.full:
                match = by_key.get(_owner_key(owner.name.full))
            if match is None and len(document.owners) == 1 and len(header_owners) == 1:
                match = header_owners[0]
            if match is not None and "cik" in match.values:
                owner.cik = match.values["cik"]
                owner.spans["cik"] = Span(line=match.lines.get("cik"))


def _owner_key(name: str) -> str:
    parsed = parse_sec_name(name)
    return name_key(parsed) if parsed is not None else company_key(name)


_SKIPPED_TYPES = re.compile(r"^(?:EX-101|GRAPHIC|ZIP|EXCEL|XML|JSON|PDF)", re.IGNORECASE)
_LOOKS_HTML = re.compile(
    rb"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!DOCTYPE[^>]*>\s*)?<(?:html|body|div|p|table)\b", re.IGNORECASE
)


def _exhibit_text(body: bytes) -> str | None:
    text = html_to_text(body) if _LOOKS_HTML.match(body[:2048]) else clean_text(_decode(body))
    text = text.strip()
    return text or None


def _add_exhibits(document: EightKFiling, others: list[SubmissionDocument]) -> None:
    """Exhibits from the submission's other documents, merged with those the 8-K lists."""
    listed = {(e.document_type or "").upper(): e for e in document.exhibits}
    for doc in others:
        kind = (doc.type or "").upper()
        if not kind.startswith("EX-") or _SKIPPED_TYPES.match(kind):
            continue
        text = _exhibit_text(doc.body)
        spans = {"text": Span(line=doc.body_line)} if text else {}
        existing = listed.get(kind)
        if existing is not None:
            existing.sequence = existing.sequence or doc.sequence
            existing.filename = existing.filename or doc.filename
            existing.description = existing.description or doc.description
            if existing.text is None and text:
                existing.text = text
                existing.spans.update(spans)
            continue
        document.exhibits.append(
            Exhibit(
                sequence=doc.sequence,
                document_type=doc.type,
                description=doc.description,
                filename=doc.filename,
                text=text,
                spans={"document_type": Span(line=doc.type_line), **spans},
            )
        )
