"""Forms 3, 4 and 5 as text converted from PDFs and web pages -> :class:`OwnershipFiling`.

Conversions of these forms share one page layout (the SEC's paper form and its XSL rendering)
and many kinds of noise: Cyrillic and Greek letters that look Latin (``Р`` for the code P,
``МА`` for MA), mojibake (a lone ``Â`` where a non-breaking space was), HTML ``<input>``
checkboxes, markdown bold, headings and escapes (``\\$``), tab-split columns whose header is
broken over several lines, labels printed below their values, and blank fields.

Reading order: each line is normalized on its own (markup, then unicode), so line numbers stay
those of the input and every value keeps a span in the normalized text. Then the boxes are
read by their printed labels (never by position on the page), the two tables row by row
(:func:`secgraph.normalize.layout.align_cells` places each cell by position and type), and the
footnotes, remarks and signatures by their headings.

Nothing is guessed: a blank reporting-person name gives an owner whose ``name`` is None and a
``missing-owner-name`` warning; a box whose tick state the text does not show stays None.

Public API: :func:`detect`, :func:`parse` (the registry's contract) and :func:`parse_text`,
for a container parser that extracted the text of a form from a larger submission.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from secgraph.errors import MalformedDocumentError
from secgraph.models import (
    Address,
    EntityKind,
    FilingInfo,
    Footnote,
    InputFormat,
    Issuer,
    OwnershipFiling,
    ParsedFiling,
    ParseWarning,
    PersonName,
    ReportingOwner,
    Signature,
    Span,
)
from secgraph.normalize.dates import parse_date
from secgraph.normalize.layout import (
    Cell,
    Line,
    is_parenthetical_label,
    join_wrapped,
    lines_of,
    nearest_above,
    split_cells,
    sub_cell,
)
from secgraph.normalize.markup import marked_options, normalize_markup, strip_bold
from secgraph.normalize.names import looks_like_organization, parse_sec_name
from secgraph.normalize.text import clean_text
from secgraph.parsers.ownership_text_tables import read_tables
from secgraph.parsers.source import Source

__all__ = ["detect", "parse", "parse_text"]

# --------------------------------------------------------------------------- detection

# Titles of the three forms, compared on letters and digits only, so that tabs or markdown
# inside a title ("STATEMENT OF CHANGES IN\tBENEFICIAL OWNERSHIP", "**FORM 3**") do not matter.
_FORM3_TITLE = "INITIALSTATEMENTOFBENEFICIALOWNERSHIP"
_FORM5_TITLE = "ANNUALSTATEMENTOFCHANGESINBENEFICIALOWNERSHIP"
_FORM4_TITLE = "STATEMENTOFCHANGESINBENEFICIALOWNERSHIP"
# Parts of the form itself, so that a letter or an 8-K quoting a title is not taken for one.
_FORM_PARTS = ("ISSUERNAMEANDTICKER", "TABLEINONDERIVATIVE", "NAMEANDADDRESSOFREPORTING")
# Containers and native formats belong to other parsers (a full submission may wrap a text
# form: its container parser can hand the text to :func:`parse_text`).
_NOT_TEXT = re.compile(
    r"<(?:SEC-DOCUMENT|SEC-HEADER|SUBMISSION|ownershipDocument|edgarSubmission)\b|<\?xml|"
    r"<html\b|<!DOCTYPE\s+html|<body\b|<table\b",
    re.IGNORECASE,
)


def _squash(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def _form_of(text: str) -> str | None:
    squashed = _squash(text)
    if not any(part in squashed for part in _FORM_PARTS):
        return None
    if _FORM3_TITLE in squashed:
        return "3"
    if _FORM5_TITLE in squashed:
        return "5"
    if _FORM4_TITLE in squashed and "FORM4" in squashed:
        return "4"
    return None


def detect(source: Source) -> bool:
    """A text Form 3, 4 or 5: its title and one of its box labels, after unicode clean-up."""
    head = source.head
    if _NOT_TEXT.search(head):
        return False
    return _form_of(clean_text(normalize_markup(head))) is not None


# --------------------------------------------------------------------------- the document


@dataclass
class _Doc:
    """The normalized text, its lines, and what parsing learnt about it."""

    text: str
    lines: list[Line]
    warnings: list[ParseWarning] = field(default_factory=list)

    def cells(self, i: int) -> list[Cell]:
        return split_cells(self.lines[i])

    def span(self, cell: Cell) -> Span:
        return Span(line=cell.line, start=cell.start, end=cell.end)

    def line_span(self, i: int) -> Span:
        line = self.lines[i]
        return Span(line=line.number, start=line.offset, end=line.offset + len(line.text))

    def warn(self, code: str, message: str, span: Span | None = None) -> None:
        self.warnings.append(ParseWarning(code=code, message=message, span=span))

    def find(self, pattern: re.Pattern[str], start: int = 0, stop: int | None = None) -> int | None:
        end = len(self.lines) if stop is None else min(stop, len(self.lines))
        for i in range(start, end):
            if pattern.search(self.lines[i].text):
                return i
        return None

    def cell_at(self, i: int, pattern: re.Pattern[str]) -> tuple[Cell, re.Match[str]] | None:
        for cell in self.cells(i):
            m = pattern.search(cell.text)
            if m:
                return cell, m
        return None


_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_NEWLINES = re.compile(r"[\r\n\u2028\u2029\x85\x0b\x0c]")


def _normalize_line(raw: str) -> str:
    # Markup first: an <input> becomes "[X]"/"[ ]" and "\\$" becomes "$" before unicode
    # folding; bold and heading markers carry no meaning in these forms and are dropped.
    line = clean_text(normalize_markup(raw))
    line = _HEADING.sub("", strip_bold(line))
    return _NEWLINES.sub(" ", line)


def _prepare(text: str) -> _Doc:
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    normalized = "\n".join(_normalize_line(raw) for raw in raw_lines)
    return _Doc(normalized, lines_of(normalized))


# --------------------------------------------------------------------------- small readers

_DATE_TEXT = re.compile(
    r"\b(?:\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4})\b"
)
_NUMBERED_LABEL = re.compile(r"^\d{1,2}[A-Z]?\.\s*\S")


def _dates_in(cell: Cell) -> list[tuple[Cell, object]]:
    found: list[tuple[Cell, object]] = []
    for m in _DATE_TEXT.finditer(cell.text):
        value = parse_date(m.group(0))
        if value is not None:
            found.append((sub_cell(cell, m.start(), m.end()), value))
    return found


def _date_after_label(doc: _Doc, label: re.Pattern[str], *, lines_after: int = 3) -> Cell | None:
    """The first whole date printed after a box label: in the rest of the label's cell, or in
    the next few lines (right of the label's column, never inside another numbered box)."""
    i = doc.find(label)
    if i is None:
        return None
    found = doc.cell_at(i, label)
    if found is None:
        return None
    cell, m = found
    rest = sub_cell(cell, m.end(), len(cell.text))
    dates = _dates_in(rest)
    if dates:
        return dates[0][0]
    for j in range(i + 1, min(i + 1 + lines_after, len(doc.lines))):
        for other in doc.cells(j):
            if other.index < cell.index - 1 or _NUMBERED_LABEL.match(other.text):
                continue
            dates = _dates_in(other)
            if dates and len(dates[0][0].text) >= len(other.text) - 20:
                return dates[0][0]
    return None


# --------------------------------------------------------------------------- issuer

_ISSUER_LABEL = re.compile(r"Issuer\s+Name\s+and\s+Ticker\s+or\s+Trading\s+Symbol", re.I)
_NAME_TICKER = re.compile(
    r"(?P<name>[^\[\]\t]*?[A-Za-z0-9.)][^\[\]\t]*?)\s*\[\s*(?P<t>[A-Z0-9.\-]{1,10})\s*\]"
)


def _read_issuer(doc: _Doc) -> Issuer:
    issuer = Issuer()
    i = doc.find(_ISSUER_LABEL)
    if i is None:
        doc.warn("missing-issuer", "no 'Issuer Name and Ticker or Trading Symbol' box")
        return issuer
    found = doc.cell_at(i, _ISSUER_LABEL)
    assert found is not None
    label_cell, m = found
    candidates = [sub_cell(label_cell, m.end(), len(label_cell.text))]
    for j in range(i + 1, min(i + 4, len(doc.lines))):
        candidates += [c for c in doc.cells(j) if not _NUMBERED_LABEL.match(c.text)]
    for cell in candidates:
        nm = _NAME_TICKER.search(cell.text)
        if nm and not is_parenthetical_label(nm.group("name")):
            name = sub_cell(cell, nm.start("name"), nm.end("name"))
            ticker = sub_cell(cell, nm.start("t"), nm.end("t"))
            issuer.name, issuer.ticker = name.text, ticker.text
            issuer.spans = {"name": doc.span(name), "ticker": doc.span(ticker)}
            return issuer
    rest = candidates[0]
    if rest.text and not is_parenthetical_label(rest.text):
        issuer.name = rest.text
        issuer.spans = {"name": doc.span(rest)}
    else:
        doc.warn("missing-issuer", "the issuer box is blank", doc.line_span(i))
    doc.warn("missing-ticker", "no '[TICKER]' after the issuer's name", doc.line_span(i))
    return issuer


# --------------------------------------------------------------------------- owners

_LAST_LABEL = re.compile(r"\(Last\)")
_STREET_LABEL = re.compile(r"\(Street\)")
_CITY_LABEL = re.compile(r"\(City\)")
_OWNER_BOX_LABEL = re.compile(
    r"Name\s+and\s+Addre|Reporting\s+Pers|^\*$|^\d{1,2}[A-Z]?\.\s", re.IGNORECASE
)
_US_CITY = re.compile(
    r"^(?P<city>.*?[A-Za-z.])[\s,]+(?P<state>[A-Z]{2})\.?[\s,]+(?P<zip>\d{5}(?:-\d{4})?)$"
)
_CARE_OF = re.compile(r"^(?P<co>c/o\s.+?)\s+(?P<street>\d.*)$", re.IGNORECASE)


def _is_box_label(text: str) -> bool:
    return bool(text) and (is_parenthetical_label(text) or bool(_OWNER_BOX_LABEL.search(text)))


def _first_column(doc: _Doc, i: int, width: int) -> list[Cell]:
    """Cells of line ``i`` in the owner box's columns (0..width), labels excluded."""
    return [c for c in doc.cells(i)[: width + 1] if c.text and not _is_box_label(c.text)]


def _label_width(doc: _Doc, i: int, last: str) -> int:
    """Column index of the last label of a label row (``(Middle)`` or ``(Zip)``)."""
    for cell in doc.cells(i):
        if last in cell.text:
            return cell.index
    return 0


def _join_cells(cells: list[Cell]) -> Cell | None:
    if not cells:
        return None
    text = " ".join(c.text for c in cells)
    return Cell(text, cells[0].start, cells[-1].end, cells[0].index, cells[0].line)


def _read_city(doc: _Doc, city_row: int, address: Address) -> None:
    width = _label_width(doc, city_row, "(Zip)")
    above = nearest_above(doc.lines, city_row, limit=2, stop=lambda ln: _line_is_label(doc, ln))
    if above is None:
        return
    cells = _first_column(doc, above, width)
    if len(cells) >= 3 and all(c.index <= width for c in cells):
        # Aligned under (City) (State) (Zip): foreign addresses keep their own formats.
        parts = {"city": cells[0], "state": cells[-2], "zip": cells[-1]}
        if len(cells) > 3:
            joined = _join_cells(cells[:-2])
            assert joined is not None
            parts["city"] = joined
    else:
        joined = _join_cells(cells)
        if joined is None:
            return
        m = _US_CITY.match(joined.text)
        if not m:
            address.city = joined.text
            address.spans["city"] = doc.span(joined)
            doc.warn("unparsed-city-line", f"city/state/zip not recognised: {joined.text!r}")
            return
        parts = {k: sub_cell(joined, m.start(k), m.end(k)) for k in ("city", "state", "zip")}
    for key, cell in parts.items():
        setattr(address, key, cell.text.strip(" ,") or None)
        address.spans[key] = doc.span(cell)


def _line_is_label(doc: _Doc, line: Line) -> bool:
    cells = [c for c in split_cells(line) if c.text]
    return bool(cells) and _is_box_label(cells[0].text)


def _read_owner_block(doc: _Doc, last_row: int, stop_row: int) -> ReportingOwner:
    owner = ReportingOwner()
    width = _label_width(doc, last_row, "(Middle)")
    name_cell: Cell | None = None
    found = doc.cell_at(last_row, _LAST_LABEL)
    if found is not None and found[1].start() > 0:
        before = sub_cell(found[0], 0, found[1].start())
        name_cell = before if before.text else None
    if name_cell is None:
        above = nearest_above(doc.lines, last_row, limit=2, stop=lambda ln: _line_is_label(doc, ln))
        if above is not None:
            name_cell = _join_cells(_first_column(doc, above, width))
    if name_cell is None:
        doc.warn(
            "missing-owner-name",
            "the reporting person's name is blank above '(Last) (First) (Middle)'",
            doc.line_span(last_row),
        )
    else:
        span = doc.span(name_cell)
        if looks_like_organization(name_cell.text):
            owner.kind = EntityKind.ORGANIZATION
            owner.name = PersonName(full=name_cell.text, spans={"full": span})
        else:
            owner.kind = EntityKind.PERSON
            owner.name = parse_sec_name(name_cell.text, span)
        owner.spans["name"] = span
    owner.address = _read_address(doc, last_row, stop_row)
    return owner


def _read_address(doc: _Doc, last_row: int, stop_row: int) -> Address | None:
    address = Address()
    city_row = doc.find(_CITY_LABEL, last_row + 1, stop_row)
    street_end = city_row if city_row is not None else stop_row
    if city_row is not None:
        above = nearest_above(doc.lines, city_row, limit=2)
        if above is not None and not _line_is_label(doc, doc.lines[above]):
            street_end = above
    pieces: list[Cell] = []
    for j in range(last_row + 1, street_end):
        cells = [c for c in doc.cells(j) if c.index == 0 and c.text]
        if not cells:
            continue
        cell = cells[0]
        m = _STREET_LABEL.search(cell.text)
        if m:
            cell = sub_cell(cell, 0, m.start())
        if cell.text and not _is_box_label(cell.text):
            pieces.append(cell)
    if len(pieces) == 1:
        care = _CARE_OF.match(pieces[0].text)
        if care:
            pieces = [
                sub_cell(pieces[0], care.start("co"), care.end("co")),
                sub_cell(pieces[0], care.start("street"), care.end("street")),
            ]
    if pieces:
        address.street1 = pieces[0].text
        address.spans["street1"] = doc.span(pieces[0])
    if len(pieces) > 1:
        rest = _join_cells(pieces[1:])
        assert rest is not None
        address.street2 = ", ".join(p.text for p in pieces[1:])
        address.spans["street2"] = doc.span(rest)
    if city_row is not None:
        _read_city(doc, city_row, address)
    if all(getattr(address, k) is None for k in ("street1", "street2", "city", "state", "zip")):
        return None
    return address


def _read_owners(doc: _Doc, end: int) -> list[ReportingOwner]:
    rows = [i for i in range(end) if _LAST_LABEL.search(doc.lines[i].text)]
    owners: list[ReportingOwner] = []
    seen: set[tuple[str | None, str | None]] = set()
    for n, row in enumerate(rows):
        stop = rows[n + 1] - 1 if n + 1 < len(rows) else min(row + 8, end)
        owner = _read_owner_block(doc, row, stop)
        key = (
            owner.name.full if owner.name else None,
            owner.address.street1 if owner.address else None,
        )
        # SEC renderings print every owner of a joint filing again after the tables.
        if owner.name is not None and key in seen:
            continue
        seen.add(key)
        owners.append(owner)
    return owners


# --------------------------------------------------------------------------- check boxes

_RELATIONSHIP_LABEL = re.compile(r"Relationship\s+of\s+Reporting\s+Person", re.IGNORECASE)
_RELATION_OPTIONS = ("Director", "10% Owner", "Officer", "Other")
_BOX_END = re.compile(r"Individual\s+or\s+Joint|Form\s+filed\s+by|Table\s+I\b", re.IGNORECASE)
_TITLE_HINT = re.compile(r"give\s+title|specify", re.IGNORECASE)


def _states(
    doc: _Doc, rows: range, options: tuple[str, ...], start_at: int = 0
) -> dict[str, tuple[bool | None, int | None]]:
    """Tick state of each option over some lines: True if any line marks it ticked, False if
    marked unticked; then, as a form's boxes all draw ticks alike, an unmarked option of a
    group with a tick is unticked. Also returns the column index where each option was seen."""
    states: dict[str, bool | None] = dict.fromkeys(options)
    where: dict[str, int | None] = dict.fromkeys(options)
    seen: set[str] = set()
    for i in rows:
        text = doc.lines[i].text
        offset = start_at if i == rows.start else 0
        for option, start, _, state in marked_options(text[offset:], options, flags=0):
            seen.add(option)
            if where[option] is None:
                where[option] = text[: offset + start].count("\t")
            if state is True or (state is False and states[option] is None):
                states[option] = state
    if any(v is True for v in states.values()):
        for option in seen:
            if states[option] is None:
                states[option] = False
    return {k: (states[k], where[k]) for k in options}


def _read_relationship(doc: _Doc, owner: ReportingOwner) -> bool:
    """Relationship boxes of the header. Returns whether any tick state was readable."""
    i = doc.find(_RELATIONSHIP_LABEL)
    if i is None:
        return False
    m = _RELATIONSHIP_LABEL.search(doc.lines[i].text)
    assert m is not None
    stop = i + 1
    while stop < min(i + 5, len(doc.lines)) and not _BOX_END.search(doc.lines[stop].text):
        stop += 1
    states = _states(doc, range(i, stop), _RELATION_OPTIONS, start_at=m.end())
    if all(state is None for state, _ in states.values()):
        return False
    rel = owner.relationship
    rel.is_director = states["Director"][0] is True
    rel.is_ten_percent_owner = states["10% Owner"][0] is True
    rel.is_officer = states["Officer"][0] is True
    rel.is_other = states["Other"][0] is True
    rel.spans["relationship"] = doc.line_span(i)
    # A title or description printed on a line of its own below the box labels.
    for j in range(i + 1, stop):
        cells = [c for c in doc.cells(j) if c.text]
        if not cells or any(
            _TITLE_HINT.search(c.text) or _NUMBERED_LABEL.match(c.text) for c in cells
        ):
            continue
        if any(opt in c.text for c in cells for opt in ("Director", "10% Owner")):
            continue
        text_cells = [c for c in cells if not _DATE_TEXT.search(c.text)]
        if len(text_cells) != 1 or not (rel.is_officer or rel.is_other):
            continue
        cell = text_cells[0]
        officer_col, other_col = states["Officer"][1], states["Other"][1]
        to_other = rel.is_other and (
            not rel.is_officer
            or (other_col is not None and officer_col is not None and cell.index >= other_col)
        )
        if to_other:
            rel.other_text = cell.text
            rel.spans["other_text"] = doc.span(cell)
        else:
            rel.officer_title = cell.text
            rel.spans["officer_title"] = doc.span(cell)
        break
    return True


_OWNERS_TABLE = re.compile(r"Reporting\s+Owner\s+Name\s*/\s*Address", re.IGNORECASE)


def _read_owners_table(doc: _Doc, owners: list[ReportingOwner]) -> bool:
    """The "Reporting Owners" table that SEC renderings print after the form: one row per
    owner, a column per relationship (X, a title, or empty). Returns whether it was read."""
    i = doc.find(_OWNERS_TABLE)
    if i is None:
        return False
    columns: dict[str, int] = {}
    header = None
    for j in range(i, min(i + 3, len(doc.lines))):
        for cell in doc.cells(j):
            for option in _RELATION_OPTIONS:
                if cell.text == option:
                    columns[option] = cell.index
        if len(columns) == 4:
            header = j
            break
    if header is None:
        return False
    rows: list[list[Cell]] = []
    for j in range(header + 1, len(doc.lines)):
        cells = doc.cells(j)
        if doc.lines[j].blank:
            if rows:
                break
            continue
        if len(cells) < 2:
            break
        rows.append(cells)
    for n, cells in enumerate(rows):
        if n >= len(owners):
            owners.append(ReportingOwner())
            doc.warn(
                "owner-only-in-table",
                "an owner listed in the Reporting Owners table has no box in the form",
                Span(line=cells[0].line),
            )
        rel = owners[n].relationship
        values = {
            opt: next((c for c in cells if c.index == col), None) for opt, col in columns.items()
        }

        def ticked(cell: Cell | None) -> bool:
            return cell is not None and bool(cell.text)

        rel.is_director = ticked(values["Director"])
        rel.is_ten_percent_owner = ticked(values["10% Owner"])
        rel.is_officer = ticked(values["Officer"])
        rel.is_other = ticked(values["Other"])
        for key, attr in (("Officer", "officer_title"), ("Other", "other_text")):
            given = values[key]
            if given is not None and given.text and given.text.upper() != "X":
                text = re.sub(r"^[Xx]\s+", "", given.text)
                setattr(rel, attr, text)
                rel.spans[attr] = doc.span(given)
        rel.spans["relationship"] = Span(line=cells[0].line)
    return bool(rows)


_ONE_PERSON = "Form filed by One Reporting Person"
_MANY_PERSONS = "Form filed by More than One Reporting Person"
_SECTION16 = re.compile(r"Check\s+this\s+box\s+if\s+no\s+longer\s+subject", re.IGNORECASE)
_RULE_10B5_1 = re.compile(r"Check\s+this\s+box\s+to\s+indicate\s+that\s+a\s+transaction", re.I)


def _read_joint(doc: _Doc) -> bool | None:
    rows = [i for i, ln in enumerate(doc.lines) if "Form filed by" in ln.text]
    if not rows:
        return None
    states = _states(doc, range(rows[0], rows[-1] + 1), (_MANY_PERSONS, _ONE_PERSON))
    many, one = states[_MANY_PERSONS][0], states[_ONE_PERSON][0]
    if many is True:
        return True
    if one is True:
        return False
    return None


def _read_box(doc: _Doc, label: re.Pattern[str]) -> tuple[bool | None, Span | None]:
    """A lone check box ("Check this box if ..."): only an explicit mark right before its
    text tells its state; a sentence alone (the box lost in conversion) says nothing."""
    i = doc.find(label)
    if i is None:
        return None, None
    text = doc.lines[i].text
    m = label.search(text)
    assert m is not None
    before = text[: m.start()].rstrip(" \t")
    if re.search(r"(?:\[\s*[xX✓✔]\s*\]|\([xX]\)|[☒☑✓✔]|(?:^|\s)[xX])$", before):
        return True, doc.line_span(i)
    if re.search(r"(?:\[\s*\]|\(\s\)|[☐□])$", before):
        return False, doc.line_span(i)
    return None, None


# --------------------------------------------------------------------------- footnotes etc.

_EXPLANATION = re.compile(r"Explanation\s+of\s+Responses", re.IGNORECASE)
_FOOTNOTE_ITEM = re.compile(
    r"^\s*(?:[-•]\s*)?(?:\((?P<a>\d{1,2})\)|(?P<b>\d{1,2})\.)\s+(?P<text>\S.*)$"
)
_SECTION_END = re.compile(
    r"^\s*(?:Remarks\s*:|Note\s*:|Reminder\s*:|Persons\s+who\s+respond|Potential\s+persons|"
    r"Reporting\s+Owners\s*$|Signatures?\s*$|\*\*?\s*Signature|/s/|_+\s*Signature|SEC\s+\d{4}\b)",
    re.IGNORECASE,
)
_STAR_NOTE = re.compile(r"^\s*(?:[-•]\s*)?\*")


def _read_footnotes(doc: _Doc) -> list[Footnote]:
    notes: list[Footnote] = []
    i = doc.find(_EXPLANATION)
    if i is None:
        return notes
    current: tuple[str, list[Cell]] | None = None

    def close() -> None:
        if current is not None:
            ident, parts = current
            text = join_wrapped([p.text for p in parts])
            span = Span(line=parts[0].line, start=parts[0].start, end=parts[-1].end)
            notes.append(Footnote(id=ident, text=text, spans={"text": span}))

    line0 = doc.lines[i]
    m0 = _EXPLANATION.search(line0.text)
    assert m0 is not None
    tail = line0.text[m0.end() :].lstrip(": \t")
    scan = [(i, len(line0.text) - len(tail))] if tail else []
    scan += [(j, 0) for j in range(i + 1, len(doc.lines))]
    for j, at in scan:
        line = doc.lines[j]
        text = line.text[at:]
        if _SECTION_END.search(text) or _TABLE_TITLE.search(text):
            break
        if not text.strip():
            continue
        m = _FOOTNOTE_ITEM.match(text)
        whole = Cell(text.strip(), 0, 0, 0, line.number)
        if m:
            close()
            start = line.offset + at + m.start("text")
            body = Cell(
                m.group("text").strip(), start, line.offset + len(line.text), 0, line.number
            )
            current = (m.group("a") or m.group("b"), [body])
        elif _STAR_NOTE.match(text):
            close()
            current = None
        elif current is not None:
            stripped = text.strip()
            start = line.offset + at + text.index(stripped)
            whole = Cell(stripped, start, start + len(stripped), 0, line.number)
            current[1].append(whole)
    close()
    return notes


_TABLE_TITLE = re.compile(r"^\s*Table\s+I{1,2}\s*[-–—]", re.IGNORECASE)
_REMARKS = re.compile(r"^\s*Remarks\s*:?", re.IGNORECASE)
_REMARKS_END = re.compile(
    r"Signature|/s/|^\s*Reminder|^\s*Note\s*:|^\s*Date\s*$|Explanation\s+of\s+Responses|"
    r"Persons\s+who\s+respond|^\s*\*|Reporting\s+Owners",
    re.IGNORECASE,
)


def _read_remarks(doc: _Doc) -> tuple[str | None, Span | None]:
    i = doc.find(_REMARKS)
    if i is None:
        return None, None
    line = doc.lines[i]
    m = _REMARKS.match(line.text)
    assert m is not None
    parts: list[Cell] = []
    rest = sub_cell(
        Cell(line.text, line.offset, line.offset + len(line.text), 0, line.number),
        m.end(),
        len(line.text),
    )
    if rest.text:
        parts.append(rest)
    for j in range(i + 1, len(doc.lines)):
        ln = doc.lines[j]
        if _REMARKS_END.search(ln.text):
            break
        if ln.blank:
            if parts:
                break
            continue
        parts.append(
            sub_cell(
                Cell(ln.text, ln.offset, ln.offset + len(ln.text), 0, ln.number), 0, len(ln.text)
            )
        )
    if not parts:
        return None, None
    text = join_wrapped([p.text for p in parts])
    return text, Span(line=parts[0].line, start=parts[0].start, end=parts[-1].end)


_SIGNED = re.compile(r"/s/")
_SIGNATURE_LABEL = re.compile(r"Signature\s+of", re.IGNORECASE)
_NOT_A_NAME = re.compile(
    r"Signature|Reporting\s+Person|^\s*Date\s*$|Remarks|Explanation|Reminder|^\W*$", re.I
)


def _split_date(cell: Cell) -> tuple[Cell | None, Cell | None]:
    """A signature cell may hold the name and the date: ``/s/ Robert A. 10/01/2013``."""
    dates = _dates_in(cell)
    if not dates:
        return cell, None
    date_cell = dates[-1][0]
    left = sub_cell(cell, 0, date_cell.start - cell.start)
    right = sub_cell(cell, date_cell.end - cell.start, len(cell.text))
    name_parts = [p for p in (left, right) if p.text]
    name = _join_cells(name_parts) if name_parts else None
    if name is not None and len(name_parts) == 2:
        name = Cell(f"{left.text} {right.text}", left.start, right.end, cell.index, cell.line)
    return name, date_cell


def _signature(doc: _Doc, name: Cell | None, date: Cell | None) -> Signature:
    sig = Signature()
    if name is not None:
        sig.name = name.text
        sig.spans["name"] = doc.span(name)
    if date is not None:
        sig.date = parse_date(date.text)
        sig.spans["date"] = doc.span(date)
    return sig


def _date_near(doc: _Doc, rows: range) -> Cell | None:
    for j in rows:
        if 0 <= j < len(doc.lines):
            for cell in doc.cells(j):
                dates = _dates_in(cell)
                if dates and dates[0][0].text == cell.text:
                    return cell
    return None


def _read_signatures(doc: _Doc) -> list[Signature]:
    signatures: list[Signature] = []
    covered: set[int] = set()
    for i, line in enumerate(doc.lines):
        if not _SIGNED.search(line.text):
            continue
        cells = [c for c in doc.cells(i) if c.text]
        signed = next(c for c in cells if _SIGNED.search(c.text))
        name, date = _split_date(signed)
        if date is None:
            date = next((d for c in cells if c is not signed for d, _ in _dates_in(c)), None)
        used = {i}
        # A long name wraps under itself: "/s/ Robert A. 10/01/2013" then "Panora".
        nxt = i + 1
        if nxt < len(doc.lines) and name is not None:
            follow = [c for c in doc.cells(nxt) if c.text]
            if (
                len(follow) == 1
                and not _NOT_A_NAME.search(follow[0].text)
                and not _dates_in(follow[0])
                and len(follow[0].text.split()) <= 4
                and not _SIGNED.search(follow[0].text)
            ):
                cont = follow[0]
                name = Cell(f"{name.text} {cont.text}", name.start, cont.end, name.index, name.line)
                used.add(nxt)
        if date is None:
            date = _date_near(doc, range(max(used) + 1, max(used) + 4))
        covered.update(range(i, max(used) + 5))
        signatures.append(_signature(doc, name, date))
    for i, line in enumerate(doc.lines):
        if i in covered or not _SIGNATURE_LABEL.search(line.text):
            continue
        if "Intentional" in line.text or "manually signed" in line.text:
            continue
        above = nearest_above(doc.lines, i, limit=2)
        name = date = None
        if above is not None and above not in covered:
            for cell in doc.cells(above):
                if not cell.text:
                    continue
                dates = _dates_in(cell)
                if dates and dates[0][0].text == cell.text:
                    date = cell
                elif not _NOT_A_NAME.search(cell.text) and name is None:
                    name = cell
        if date is None:
            date = _date_near(doc, range(i + 1, i + 4))
        if name is None and date is None:
            continue
        covered.update(range(i, i + 4))
        signatures.append(_signature(doc, name, date))
    return signatures


# --------------------------------------------------------------------------- the filing

_PERIOD_LABELS = {
    "3": re.compile(r"Date\s+of\s+Event\s+Requiring\s+Statement", re.IGNORECASE),
    "4": re.compile(r"Date\s+of\s+Earliest\s+Transaction", re.IGNORECASE),
    "5": re.compile(r"Statement\s+for\s+Issuer'?s\s+Fiscal\s+Year\s+Ended", re.IGNORECASE),
}
_AMENDMENT_LABEL = re.compile(r"If\s+Amendment,\s+Date\s+(?:of\s+)?Original\s+Filed", re.I)
_NO_SECURITIES = re.compile(r"No\s+securities\s+are\s+beneficially\s+owned", re.IGNORECASE)


def parse_text(text: str, *, source_name: str, sha256: str) -> ParsedFiling:
    """Parse the text of a Form 3, 4 or 5 (already decoded). Raises
    :class:`~secgraph.errors.MalformedDocumentError` when the text is not one."""
    doc = _prepare(text)
    form = _form_of(doc.text[:20000])
    if form is None:
        raise MalformedDocumentError("no Form 3/4/5 title and box labels found", source=source_name)
    issuer = _read_issuer(doc)
    tables_at = next(
        (i for i, ln in enumerate(doc.lines) if _TABLE_TITLE.search(ln.text)), len(doc.lines)
    )
    owners = _read_owners(doc, len(doc.lines))
    if not owners:
        doc.warn("missing-owner", "no reporting person box ('(Last) (First) (Middle)')")
        owners = [ReportingOwner()]
    from_header = _read_relationship(doc, owners[0])
    from_table = _read_owners_table(doc, owners)
    if not from_header and not from_table:
        doc.warn(
            "relationship-unknown",
            "no tick mark in the relationship box and no Reporting Owners table",
        )

    period = _date_after_label(doc, _PERIOD_LABELS[form])
    amended = _date_after_label(doc, _AMENDMENT_LABEL, lines_after=2)
    info = FilingInfo(
        form_type=form + ("/A" if amended is not None else ""),
        amendment=amended is not None,
        source=source_name,
        sha256=sha256,
        input_format=InputFormat.TEXT,
    )
    if period is not None:
        info.period_date = parse_date(period.text)
        info.spans["period_date"] = doc.span(period)
    else:
        doc.warn("missing-period-date", "no date in the event / earliest transaction box")
    if amended is not None:
        info.date_of_original = parse_date(amended.text)
        info.spans["date_of_original"] = doc.span(amended)

    transactions, holdings = read_tables(doc.lines, form, doc.warnings, start=tables_at)
    filing = OwnershipFiling(
        filing=info,
        issuer=issuer,
        owners=owners,
        transactions=transactions,
        holdings=holdings,
        footnote_texts=_read_footnotes(doc),
        signatures=_read_signatures(doc),
        joint_filing=_read_joint(doc),
        date_of_original=info.date_of_original,
    )
    filing.remarks, remarks_span = _read_remarks(doc)
    if remarks_span is not None:
        filing.spans["remarks"] = remarks_span
    filing.not_subject_to_section16, span16 = _read_box(doc, _SECTION16)
    if span16 is not None:
        filing.spans["not_subject_to_section16"] = span16
    filing.rule_10b5_1, span10 = _read_box(doc, _RULE_10B5_1)
    if span10 is not None:
        filing.spans["rule_10b5_1"] = span10
    no_sec = doc.find(_NO_SECURITIES)
    if no_sec is not None:
        filing.no_securities_owned = True
        filing.spans["no_securities_owned"] = doc.line_span(no_sec)
    if filing.signatures and filing.signatures[0].date is not None:
        info.signature_date = filing.signatures[0].date
        info.spans["signature_date"] = filing.signatures[0].spans["date"]
    known = {n.id for n in filing.footnote_texts}
    for record in [*transactions, *holdings]:
        for fld, ids in record.footnotes.items():
            for ident in ids:
                if ident not in known:
                    doc.warn(
                        "unknown-footnote",
                        f"footnote ({ident}) on {fld} has no text",
                        record.spans.get(fld),
                    )
    return ParsedFiling(document=filing, warnings=doc.warnings)


def parse(source: Source) -> ParsedFiling:
    return parse_text(source.text, source_name=source.name, sha256=source.sha256)
