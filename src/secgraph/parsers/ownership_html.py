"""Forms 3, 4 and 5 as the SEC renders them in HTML (the "View" page of the XML filing).

EDGAR turns each ownership XML document into an HTML page with its XSL stylesheets
(``xslF345X0n``): numbered boxes for the reporting person, issuer and relationship, Table I
and Table II with two header rows, footnote marks as ``<sup>(n)</sup>`` after the value they
annotate, an "Explanation of Responses" list, remarks and signatures. This module reads that
page back from its table structure into the same :class:`OwnershipFiling` the XML parser
builds: footnote ``(n)`` becomes ``"Fn"``, the id the XML uses.

What the page does not show stays ``None`` and is not guessed: the accession number, the
schema version, ``equitySwapInvolved``, and (on joint filings) the relationship boxes of the
second and later reporting owners, which the stylesheet prints only for the first owner.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar
from urllib.parse import parse_qs, urlsplit

from lxml import etree

from secgraph.errors import MalformedDocumentError
from secgraph.models import (
    AcquiredDisposed,
    Address,
    EntityKind,
    FilingInfo,
    Footnote,
    Holding,
    InputFormat,
    Issuer,
    OwnerRelationship,
    OwnershipFiling,
    OwnershipNature,
    ParsedFiling,
    PersonName,
    ReportingOwner,
    Signature,
    Span,
    Transaction,
    TransactionCode,
)
from secgraph.normalize.dates import parse_date
from secgraph.normalize.names import looks_like_organization, parse_sec_name
from secgraph.normalize.numbers import parse_decimal
from secgraph.parsers.html_text import HtmlPage, element_text, looks_like_html, parse_html
from secgraph.parsers.source import Source

_WS = r"\s+"
_TITLE_3 = re.compile(r"INITIAL\s+STATEMENT\s+OF\s+BENEFICIAL\s+OWNERSHIP\s+OF\s+SECURITIES", re.I)
_TITLE_5 = re.compile(r"ANNUAL\s+STATEMENT\s+OF\s+CHANGES\s+IN\s+BENEFICIAL\s+OWNERSHIP", re.I)
_TITLE_4 = re.compile(r"STATEMENT\s+OF\s+CHANGES\s+IN\s+BENEFICIAL\s+OWNERSHIP", re.I)
_OWNER_BOX = re.compile(r"Name\s+and\s+Address\s+of\s+Reporting\s+Person", re.I)
_FORM_NAME = re.compile(r"^FORM\s+([345])\s*(/\s*A)?$", re.I)
_FOOTNOTE_MARK = re.compile(r"^\(?(\d+)\)?$")
_FOOTNOTE_LINE = re.compile(r"^(\d+)\.\s*(.*)$", re.S)


def detect(source: Source) -> bool:
    """An HTML page carrying a Form 3/4/5 statement title and the reporting-person box."""
    head = source.data[:16384].decode("utf-8", errors="replace")
    if not looks_like_html(head) or not _OWNER_BOX.search(head):
        return False
    if not re.search(r"<(?:html|body)\b", head, re.IGNORECASE):
        return False  # markdown holding the page's tables (pandoc gfm): text, not a page
    return bool(_TITLE_3.search(head) or _TITLE_4.search(head))


# --------------------------------------------------------------------------- page helpers


def _has_class(el: etree._Element, name: str) -> bool:
    return name in (el.get("class") or "").split()


def _label_cells(root: etree._Element, pattern: re.Pattern[str]) -> list[etree._Element]:
    """The ``td`` boxes whose label span (``MedSmallFormText``) matches ``pattern``."""
    boxes: list[etree._Element] = []
    for span in root.iter("span"):
        if _has_class(span, "MedSmallFormText") and pattern.search(element_text(span)):
            box = next((a for a in span.iterancestors("td")), None)
            if box is not None and box not in boxes:
                boxes.append(box)
    return boxes


def _box(root: etree._Element, label: str) -> etree._Element | None:
    boxes = _label_cells(root, re.compile(label, re.I))
    return boxes[0] if boxes else None


def _form_data(box: etree._Element) -> list[etree._Element]:
    return [s for s in box.iter("span") if _has_class(s, "FormData")]


def _cik_of(link: etree._Element | None) -> str | None:
    if link is None:
        return None
    query = parse_qs(urlsplit(link.get("href") or "").query)
    values = query.get("CIK") or query.get("cik")
    return values[0].strip() if values and values[0].strip() else None


def _is_ticked(cell: etree._Element | None) -> bool:
    return cell is not None and element_text(cell).upper() == "X"


@dataclass
class _Cell:
    text: str | None
    footnotes: list[str]
    el: etree._Element


def _read_cell(cell: etree._Element) -> _Cell:
    """A value cell: its text without the footnote marks, and the marks as ``Fn`` ids."""
    notes: list[str] = []
    pieces: list[str] = []

    def walk(el: etree._Element) -> None:
        if el.tag == "sup":
            mark = _FOOTNOTE_MARK.match(element_text(el))
            if mark:
                notes.append(f"F{mark.group(1)}")
            else:
                pieces.append(element_text(el))
        else:
            pieces.append(el.text or "")
            for child in el:
                if isinstance(child.tag, str):
                    walk(child)
                pieces.append(child.tail or "")

    walk(cell)
    text = " ".join("".join(pieces).replace("\u00a0", " ").split())
    return _Cell(text or None, notes, cell)


# --------------------------------------------------------------------------- header boxes


def _form_type(page: HtmlPage) -> tuple[str, bool]:
    for td in page.root.iter("td"):
        if _has_class(td, "FormName"):
            match = _FORM_NAME.match(element_text(td))
            if match:
                return match.group(1), bool(match.group(2))
    text = element_text(page.root)
    if _TITLE_3.search(text):
        return "3", False
    if _TITLE_5.search(text):
        return "5", False
    return "4", False


def _address(page: HtmlPage, box: etree._Element) -> Address | None:
    """Street lines sit in the table after the (Last)(First)(Middle) labels; city, state and
    zip in the three cells of the table after the "(Street)" label."""
    street: list[str] = []
    city = state = zip_code = None
    tables = [t for t in box.iter("table") if t is not box]
    for i, table in enumerate(tables):
        label = element_text(table).replace(" ", "")
        if label == "(Last)(First)(Middle)" and i + 1 < len(tables):
            street = [element_text(s) for s in _form_data(tables[i + 1]) if element_text(s)]
    for span in box.iter("span"):
        if element_text(span) == "(Street)":
            nxt = span.getnext()
            if nxt is not None and nxt.tag == "table":
                cells = [element_text(td) or None for td in nxt.iter("td")]
                cells += [None] * (3 - len(cells))
                city, state, zip_code = cells[:3]
    if not (street or city or state or zip_code):
        return None
    return Address(
        street1=street[0] if street else None,
        street2=" ".join(street[1:]) or None,
        city=city,
        state=state,
        zip=zip_code,
        spans={"street1": page.span(box)},
    )


def _owner(page: HtmlPage, box: etree._Element) -> ReportingOwner:
    link = next(box.iter("a"), None)
    raw = element_text(link) if link is not None else ""
    span = page.span(link if link is not None else box)
    name: PersonName | None
    if not raw:
        page.warn("owner-name-missing", "reporting person's name is blank", box)
        name, kind = None, EntityKind.UNKNOWN
    elif looks_like_organization(raw):
        name, kind = PersonName(full=raw, spans={"full": span}), EntityKind.ORGANIZATION
    else:
        name, kind = parse_sec_name(raw, span), EntityKind.PERSON
    cik = _cik_of(link)
    if cik is None:
        page.warn("owner-cik-missing", f"no CIK link for reporting person {raw!r}", box)
    return ReportingOwner(
        cik=cik,
        name=name,
        kind=kind,
        address=_address(page, box),
        spans={"cik": span, "name": span},
    )


def _relationship(page: HtmlPage, box: etree._Element | None) -> OwnerRelationship | None:
    if box is None:
        return None
    flags = {"Director": False, "10% Owner": False, "Officer": False, "Other": False}
    spans: dict[str, Span] = {}
    keys = {"Director": "is_director", "10% Owner": "is_ten_percent_owner"}
    keys |= {"Officer": "is_officer", "Other": "is_other"}
    for td in box.iter("td"):
        label = element_text(td)
        for flag in flags:
            if label == flag or label.startswith(flag + " ("):
                flags[flag] = _is_ticked(td.getprevious())
                spans[keys[flag]] = page.span(td)
    officer_title = other_text = None
    rows = [tr for tr in box.iter("tr")]
    if len(rows) >= 3:
        last = rows[2]
        cells = [td for td in last if td.tag == "td"]
        if len(cells) == 1:  # one cell spanning the box: officer title, then other text
            texts = [element_text(s) or None for s in _form_data(cells[0])]
            if len(texts) >= 2:
                officer_title, other_text = texts[0], texts[1]
            elif texts and flags["Other"] and not flags["Officer"]:
                other_text = texts[0]
            elif texts:
                officer_title = texts[0]
        elif len(cells) == 4:  # Form 3 layout: title under "Officer", text under "Other"
            officer_title = element_text(cells[1]) or None
            other_text = element_text(cells[3]) or None
    return OwnerRelationship(
        is_director=flags["Director"],
        is_officer=flags["Officer"],
        is_ten_percent_owner=flags["10% Owner"],
        is_other=flags["Other"],
        officer_title=officer_title,
        other_text=other_text,
        spans=spans,
    )


def _box_date(page: HtmlPage, label: str) -> tuple[str | None, Span | None]:
    box = _box(page.root, label)
    if box is None:
        return None, None
    data = _form_data(box)
    if not data:
        return None, page.span(box)
    return element_text(data[0]) or None, page.span(data[0])


def _checkbox_before(page: HtmlPage, pattern: str) -> bool | None:
    """The tick box printed left of a sentence ("Check this box if no longer subject...")."""
    regex = re.compile(pattern, re.I)
    for td in page.root.iter("td"):
        if _has_class(td, "SmallFormText") and regex.search(element_text(td)):
            box = td.getprevious()
            return _is_ticked(box) if box is not None else None
    return None


def _ticked_line(box: etree._Element | None, pattern: str) -> bool | None:
    if box is None:
        return None
    regex = re.compile(pattern, re.I)
    for td in box.iter("td"):
        if regex.search(element_text(td)):
            return _is_ticked(td.getprevious())
    return None


# --------------------------------------------------------------------------- Tables I and II

# Column header (both header rows joined, lower case) -> field. First match wins, so the
# more specific patterns come first ("underlying ... title" before "title of").
_COLUMNS: tuple[tuple[str, str], ...] = (
    (r"underlying.*/ title$", "underlying_security"),
    (r"underlying.*/ amount or number", "underlying_shares"),
    (r"conversion or exercise price", "exercise_price"),
    (r"deemed execution date", "deemed_execution_date"),
    (r"transaction date", "date"),
    (r"transaction code.*/ v$", "timeliness"),
    (r"transaction code", "code"),
    (r"acquired \(a\) or disposed of \(d\).*/ amount$", "shares"),
    (r"acquired \(a\) or disposed of \(d\).*/ \(a\) or \(d\)$", "acquired_disposed"),
    (r"acquired \(a\) or disposed of \(d\).*/ price$", "price"),
    (r"acquired \(a\) or disposed of \(d\).*/ \(a\)$", "shares_acquired"),
    (r"acquired \(a\) or disposed of \(d\).*/ \(d\)$", "shares_disposed"),
    (r"date exercisable.*/ date exercisable$", "exercisable_date"),
    (r"date exercisable.*/ expiration date$", "expiration_date"),
    (r"price of derivative security", "price"),
    (r"owned following reported|owned at end of", "shares_after"),
    (r"amount of securities beneficially owned", "shares"),
    (r"ownership form", "ownership"),
    (r"nature of indirect", "nature_of_ownership"),
    (r"title of (derivative )?security", "security"),
)
_E = TypeVar("_E", bound=StrEnum)
_TX_MARKERS = ("date", "code", "shares_acquired", "shares_disposed", "acquired_disposed")
_DATE_FIELDS = ("date", "deemed_execution_date", "exercisable_date", "expiration_date")
_NUMBER_FIELDS = ("shares", "price", "shares_after", "exercise_price", "underlying_shares")


def _rows(table: etree._Element) -> list[etree._Element]:
    return [tr for tr in table.iter("tr") if next(tr.iterancestors("table")) is table]


def _header_keys(rows: Iterable[etree._Element]) -> list[str]:
    """Leaf column labels of the header rows (after the title row), colspan/rowspan laid out."""
    grid: dict[tuple[int, int], str] = {}
    n_rows = 0
    for r, row in enumerate(rows):
        n_rows = r + 1
        c = 0
        for th in (cell for cell in row if cell.tag == "th"):
            while (r, c) in grid:
                c += 1
            label = " ".join(re.sub(r"\(Instr\.[^)]*\)", "", element_text(th)).split())
            for dr in range(int(th.get("rowspan") or 1)):
                for dc in range(int(th.get("colspan") or 1)):
                    grid[(r + dr, c + dc)] = label
            c += int(th.get("colspan") or 1)
    n_cols = max((c for _, c in grid), default=-1) + 1
    keys = []
    for c in range(n_cols):
        labels: list[str] = []
        for r in range(n_rows):
            label = grid.get((r, c), "")
            if label and (not labels or labels[-1] != label):
                labels.append(label)
        keys.append(" / ".join(labels).lower())
    return keys


def _field_of(key: str) -> str | None:
    key = re.sub(r"^\d+a?\.\s*", "", key)
    for pattern, name in _COLUMNS:
        if re.search(pattern, key):
            return name
    return None


def _find_table(root: etree._Element, title: str) -> etree._Element | None:
    regex = re.compile(title, re.I)
    for th in root.iter("th"):
        if regex.search(element_text(th)):
            return next(th.iterancestors("table"), None)
    return None


def _table_rows(page: HtmlPage, table: etree._Element) -> list[dict[str, _Cell]]:
    rows = _rows(table)
    header = [tr for tr in rows if any(c.tag == "th" for c in tr)]
    fields = [_field_of(key) for key in _header_keys(header[1:])]
    records: list[dict[str, _Cell]] = []
    for tr in rows:
        cells = [c for c in tr if c.tag == "td"]
        if not cells:
            continue
        if len(cells) != len(fields):
            page.warn(
                "table-row-shape",
                f"row has {len(cells)} cells, the header {len(fields)} columns; row skipped",
                tr,
            )
            continue
        record = {name: _read_cell(cell) for name, cell in zip(fields, cells, strict=True) if name}
        records.append(record)
    return records


def _row_record(
    page: HtmlPage, row: dict[str, _Cell], *, derivative: bool, holding: bool, index: int
) -> Transaction | Holding:
    values: dict[str, object] = {}
    notes: dict[str, list[str]] = {}
    spans: dict[str, Span] = {}

    def put(name: str, value: object, cell: _Cell) -> None:
        if value is not None:
            values[name] = value
        if cell.footnotes:
            notes.setdefault(name, []).extend(cell.footnotes)
        if value is not None or cell.footnotes:
            spans[name] = page.span(cell.el)

    for column, cell in row.items():
        name, text = column, cell.text
        value: object = None
        if column in ("shares_acquired", "shares_disposed"):
            name = "shares"
            value = parse_decimal(text)
            if value is not None:
                side = "A" if column == "shares_acquired" else "D"
                values["acquired_disposed"] = AcquiredDisposed(side)
                spans["acquired_disposed"] = page.span(cell.el)
        elif column in _DATE_FIELDS:
            value = parse_date(text)
        elif column in _NUMBER_FIELDS:
            value = parse_decimal(text)
        elif column == "code":
            value = _enum(TransactionCode, text)
        elif column == "acquired_disposed":
            value = _enum(AcquiredDisposed, text)
        elif column == "ownership":
            value = _enum(OwnershipNature, text)
        else:
            value = text
        if text is not None and value is None:
            page.warn("bad-value", f"{name}: cannot read {text!r}", cell.el)
        if not (name == "shares" and value is None and "shares" in values):
            put(name, value, cell)
    if holding:
        if "shares_after" in values:  # a holding line of Form 4/5: amount owned is its shares
            values["shares"] = values.pop("shares_after")
            spans["shares"] = spans.pop("shares_after")
        if "shares_after" in notes:
            notes["shares"] = notes.pop("shares_after")
        for dropped in ("date", "deemed_execution_date", "code", "acquired_disposed", "price"):
            values.pop(dropped, None)
        values.pop("timeliness", None)
    fields = {"derivative": derivative, "row": index, "spans": spans, "footnotes": notes}
    if holding:
        return Holding.model_validate(fields | values)
    return Transaction.model_validate(fields | values)


def _enum(kind: type[_E], text: str | None) -> _E | None:
    if text is None:
        return None
    try:
        return kind(text.strip().upper())
    except ValueError:
        return None


def _tables(page: HtmlPage, form: str) -> tuple[list[Transaction], list[Holding]]:
    transactions: list[Transaction] = []
    holdings: list[Holding] = []
    for title, derivative in ((r"^Table I\s*-", False), (r"^Table II\s*-", True)):
        table = _find_table(page.root, title)
        if table is None:
            page.warn("table-missing", f"{'Table II' if derivative else 'Table I'} not found")
            continue
        n_tx = n_hold = 0
        for row in _table_rows(page, table):
            is_tx = form != "3" and any(row[k].text for k in _TX_MARKERS if k in row)
            record = _row_record(
                page, row, derivative=derivative, holding=not is_tx, index=n_tx if is_tx else n_hold
            )
            if isinstance(record, Transaction):
                transactions.append(record)
                n_tx += 1
            else:
                holdings.append(record)
                n_hold += 1
    return transactions, holdings


# --------------------------------------------------------------------------- notes and signatures


def _explanations(page: HtmlPage) -> tuple[list[Footnote], str | None]:
    """Footnotes ("1. text" rows after "Explanation of Responses:") and the remarks."""
    notes: list[Footnote] = []
    remarks: list[str] = []
    table = None
    for b in page.root.iter("b"):
        if element_text(b).startswith("Explanation of Responses"):
            table = next(b.iterancestors("table"), None)
            break
    if table is None:
        page.warn("footnotes-missing", "no 'Explanation of Responses' section")
        return notes, None
    in_remarks = False
    for tr in _rows(table):
        text = element_text(tr)
        if not text or text.startswith("Explanation of Responses"):
            continue
        if text.rstrip(":") == "Remarks":
            in_remarks = True
            continue
        cell = next((td for td in tr if td.tag == "td"), tr)
        if in_remarks:
            remarks.append(text)
            continue
        match = _FOOTNOTE_LINE.match(text)
        if match:
            notes.append(
                Footnote(
                    id=f"F{match.group(1)}",
                    text=match.group(2).strip(),
                    spans={"text": page.span(cell)},
                )
            )
        else:
            page.warn("footnote-unnumbered", f"footnote line without a number: {text[:60]!r}", tr)
    return notes, "\n".join(remarks) or None


def _signatures(page: HtmlPage) -> list[Signature]:
    """Rows of underlined values above "** Signature of Reporting Person": name, then date."""
    signatures: list[Signature] = []
    for td in page.root.iter("td"):
        if not element_text(td).startswith("** Signature of Reporting Person"):
            continue
        table = next(td.iterancestors("table"))
        for tr in _rows(table):
            underlined = [u for u in tr.iter("u")]
            if not underlined:
                continue
            name = element_text(underlined[0]) or None
            date_text = element_text(underlined[1]) if len(underlined) > 1 else None
            date = parse_date(date_text)
            if date_text and date is None:
                page.warn("bad-value", f"signature date: cannot read {date_text!r}", tr)
            spans = {"name": page.span(underlined[0])}
            if len(underlined) > 1:
                spans["date"] = page.span(underlined[1])
            signatures.append(Signature(name=name, date=date, spans=spans))
        break
    return signatures


# --------------------------------------------------------------------------- the document


def _issuer(page: HtmlPage, form: str) -> Issuer:
    box = _box(page.root, r"Issuer\s+Name\s+and\s+Ticker")
    if box is None:
        raise MalformedDocumentError(
            "no issuer box (Issuer Name and Ticker or Trading Symbol)", source=page.name
        )
    link = next(box.iter("a"), None)
    name = element_text(link) or None if link is not None else None
    ticker = next((element_text(s) for s in _form_data(box) if element_text(s)), None)
    cik = _cik_of(link)
    if cik is None:
        page.warn("issuer-cik-missing", "no CIK link for the issuer", box)
    span = page.span(link if link is not None else box)
    return Issuer(name=name, cik=cik, ticker=ticker, spans={"name": span, "cik": span})


def _owners(page: HtmlPage) -> list[ReportingOwner]:
    boxes = _label_cells(page.root, _OWNER_BOX)
    if not boxes:
        raise MalformedDocumentError("no reporting person box", source=page.name)
    # A joint filing repeats the first owner's box at the top and then lists every owner
    # (the first included) in a table after Table II (BAM Partners Form 3, 0001001085).
    listed = boxes[1:] if len(boxes) > 1 else boxes
    owners = [_owner(page, box) for box in listed]
    top = _owner(page, boxes[0])
    if len(boxes) > 1 and top.cik != owners[0].cik:
        page.warn("owner-order", "the first listed owner is not the one in the top box")
    relationship = _relationship(page, _box(page.root, r"Relationship\s+of\s+Reporting\s+Person"))
    if relationship is None:
        page.warn("relationship-missing", "no relationship box")
    else:
        owners[0].relationship = relationship
    if len(owners) > 1:
        page.warn(
            "relationship-not-rendered",
            f"the page shows the relationship of the first of {len(owners)} reporting owners "
            "only; the others keep unticked boxes",
        )
    return owners


def parse(source: Source) -> ParsedFiling:
    root = parse_html(source.text)
    page = HtmlPage(tree=root.getroottree(), name=source.name)
    form, amended = _form_type(page)
    issuer = _issuer(page, form)
    owners = _owners(page)
    period_label = {
        "3": r"Date\s+of\s+Event\s+Requiring\s+Statement",
        "4": r"Date\s+of\s+Earliest\s+Transaction",
        "5": r"Statement\s+for\s+Issuer's\s+Fiscal\s+Year\s+Ended",
    }[form]
    period_text, period_span = _box_date(page, period_label)
    original_text, original_span = _box_date(page, r"If\s+Amendment,\s+Date\s+of\s+Original")
    period, original = parse_date(period_text), parse_date(original_text)
    for label, text, value in (
        ("period", period_text, period),
        ("original", original_text, original),
    ):
        if text and value is None:
            page.warn("bad-value", f"{label} date: cannot read {text!r}")
    if period is None:
        page.warn("period-missing", "no date of the event / earliest transaction")
    transactions, holdings = _tables(page, form)
    footnotes, remarks = _explanations(page)
    signatures = _signatures(page)
    joint_box = _box(page.root, r"Individual\s+or\s+Joint/Group\s+Filing")
    joint = _ticked_line(joint_box, r"^Form filed by More than One")
    amendment = amended or original is not None
    filing_spans = {
        k: v for k, v in (("period_date", period_span), ("date_of_original", original_span)) if v
    }
    filing = FilingInfo(
        form_type=form + ("/A" if amendment else ""),
        amendment=amendment,
        source=source.name,
        sha256=source.sha256,
        input_format=InputFormat.HTML,
        period_date=period,
        signature_date=signatures[0].date if signatures else None,
        date_of_original=original,
        spans=filing_spans,
    )
    document = OwnershipFiling(
        filing=filing,
        issuer=issuer,
        owners=owners,
        transactions=transactions,
        holdings=holdings,
        footnote_texts=footnotes,
        remarks=remarks,
        signatures=signatures,
        not_subject_to_section16=_checkbox_before(page, r"no longer subject to Section 16")
        if form != "3"
        else None,
        rule_10b5_1=_checkbox_before(page, r"Rule 10b5-1\(c\)"),
        joint_filing=joint,
        date_of_original=original,
        form3_holdings_reported=_checkbox_before(page, r"^Form 3 Holdings Reported")
        if form == "5"
        else None,
        form4_transactions_reported=_checkbox_before(page, r"^Form 4 Transactions Reported")
        if form == "5"
        else None,
    )
    _check_footnote_ids(page, document)
    return ParsedFiling(document=document, warnings=page.warnings)


def _check_footnote_ids(page: HtmlPage, doc: OwnershipFiling) -> None:
    known = {note.id for note in doc.footnote_texts}
    records: list[Transaction | Holding] = [*doc.transactions, *doc.holdings]
    used = {fid for rec in records for ids in rec.footnotes.values() for fid in ids}
    for fid in sorted(used - known, key=lambda f: int(f[1:])):
        page.warn("footnote-undefined", f"footnote mark {fid} has no explanation")
