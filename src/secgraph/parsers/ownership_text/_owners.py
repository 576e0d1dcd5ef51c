"""The issuer box and the reporting persons' name and address boxes."""

from __future__ import annotations

import itertools
import re

from rapidfuzz import fuzz, process

from secgraph.models import (
    Address,
    EntityKind,
    Issuer,
    PersonName,
    ReportingOwner,
)
from secgraph.normalize.doubt import cut_value, label_fragment
from secgraph.normalize.layout import (
    Cell,
    Line,
    is_parenthetical_label,
    nearest_above,
    split_cells,
    sub_cell,
)
from secgraph.normalize.names import looks_like_organization, parse_sec_name
from secgraph.parsers.ownership_text._doc import (
    DATE_TEXT,
    NUMBERED_LABEL,
    Doc,
    column_below,
    dates_in,
    join_cells,
)
from secgraph.parsers.ownership_text._wrapped import cell_columns

# --------------------------------------------------------------------------- issuer

_ISSUER_LABEL = re.compile(r"Issuer\s+Name\s+and\s+Ticker\s+or\s+Trading\s+Symbol", re.I)
_NAME_TICKER = re.compile(
    r"(?P<name>[^\[\]\t]*?[A-Za-z0-9.)][^\[\]\t]*?)\s*\[\s*(?P<t>[A-Z0-9.\-]{1,10})\s*\]"
)


_BOX_WORDS = re.compile(r"Director|10%\s+Owner|Officer|Other\s+\(|Form\s+filed\s+by", re.I)


def read_issuer(doc: Doc) -> Issuer:
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
        # Cells of other boxes are skipped: "[ ] Director [X] 10% Owner" is no "NAME [TICKER]".
        candidates += [
            c
            for c in doc.cells(j)
            if not NUMBERED_LABEL.match(c.text) and not _BOX_WORDS.search(c.text)
        ]
    for cell in candidates:
        nm = _NAME_TICKER.search(cell.text)
        if nm and not is_parenthetical_label(nm.group("name")):
            name = sub_cell(cell, nm.start("name"), nm.end("name"))
            ticker = sub_cell(cell, nm.start("t"), nm.end("t"))
            issuer.name, issuer.ticker = name.text, ticker.text
            issuer.spans = {"name": doc.span(name), "ticker": doc.span(ticker)}
            return issuer
    placed = _issuer_by_position(doc)
    if placed is not None:
        name, ticker = placed
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


def _issuer_by_position(doc: Doc) -> tuple[Cell, Cell] | None:
    """The issuer's ``NAME [TICKER]`` under its label in a layout conversion, read by
    position (:func:`column_below`): the box's cells, a name wrapped over lines joined
    (``Reinvent Technology Partners Y [`` / ``RTPY ]``); the box must hold that and nothing
    else."""
    cells = column_below(doc, _ISSUER_LABEL)
    if not cells or len(cells) > 3:
        return None
    joined = " ".join(c.text for c in cells)
    nm = _NAME_TICKER.fullmatch(joined)
    if nm is None or is_parenthetical_label(nm.group("name")):
        return None

    def piece(start: int, end: int) -> Cell:
        # the cells a part of the joined text lies in: its span from the first to the last
        at, parts = 0, []
        for cell in cells:
            if at < end and start < at + len(cell.text):
                parts.append(cell)
            at += len(cell.text) + 1
        return Cell(joined[start:end], parts[0].start, parts[-1].end, 0, parts[0].line)

    return piece(nm.start("name"), nm.end("name")), piece(nm.start("t"), nm.end("t"))


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
# EDGAR's state field also holds its two-character country codes ("A6" is Ontario) with a
# foreign postal code after it: "TORONTO ONTARIO A6 M5J2T3" (the BAM Partners Form 3 page).
_EDGAR_CITY = re.compile(
    r"^(?P<city>.*?[A-Za-z.])[\s,]+(?P<state>[A-Z][A-Z0-9]|[0-9][A-Z])[\s,]+"
    r"(?P<zip>[A-Z0-9][A-Z0-9\-]{1,4}(?: ?[A-Z0-9]{3})?)$"
)
_STATE_OR_ZIP_END = re.compile(r"[\s,](?:[A-Z]{2}|\S*\d\S*)$")
_CARE_OF = re.compile(r"^(?P<co>c/o\s.+?)\s+(?P<street>\d.*)$", re.IGNORECASE)


def _is_box_label(text: str) -> bool:
    return bool(text) and (is_parenthetical_label(text) or bool(_OWNER_BOX_LABEL.search(text)))


def _first_column(doc: Doc, i: int, width: int) -> list[Cell]:
    """Cells of line ``i`` in the owner box's columns (0..width), labels excluded, and the
    values of the neighbouring boxes that tab-splitting shifted into them (a date, a
    ``NAME [TICKER]``)."""
    return [
        c
        for c in doc.cells(i)[: width + 1]
        if c.text
        and not _is_box_label(c.text)
        and not (dates_in(c) and dates_in(c)[0][0].text == c.text)
        and not _NAME_TICKER.search(c.text)
    ]


def _label_width(doc: Doc, i: int, last: str) -> int:
    """Column index of the last label of a label row (``(Middle)`` or ``(Zip)``)."""
    for cell in doc.cells(i):
        if last in cell.text:
            return cell.index
    return 0


def _read_city(doc: Doc, city_row: int, address: Address) -> None:
    width = _label_width(doc, city_row, "(Zip)")
    above = nearest_above(doc.lines, city_row, limit=2, stop=lambda ln: _line_is_label(doc, ln))
    if above is None:
        return
    cells = _first_column(doc, above, width)
    if len(cells) >= 3 and all(c.index <= width for c in cells):
        # Aligned under (City) (State) (Zip): foreign addresses keep their own formats.
        parts = {"city": cells[0], "state": cells[-2], "zip": cells[-1]}
        if len(cells) > 3:
            joined = join_cells(cells[:-2])
            assert joined is not None
            parts["city"] = joined
    else:
        joined = join_cells(cells)
        if joined is not None:
            _fill_city_text(doc, address, joined)
        return
    for key, cell in parts.items():
        setattr(address, key, cell.text.strip(" ,") or None)
        address.spans[key] = doc.span(cell)


def _fill_city_text(doc: Doc, address: Address, joined: Cell) -> None:
    """``CAMBRIDGE, MA 02140`` / ``WALTHAM MA 02451`` -> city, state, zip. Another shape is
    kept whole as the city, with a warning (never split by guess)."""
    m = _US_CITY.match(joined.text) or _EDGAR_CITY.match(joined.text)
    if not m and _STATE_OR_ZIP_END.search(joined.text):
        # "AUSTIN TX": a state (or a zip) run into the city, the rest lost
        doc.warn("unparsed-city-line", f"city/state/zip not recognised: {joined.text!r}")
        return
    if not m:
        address.city = joined.text
        address.spans["city"] = doc.span(joined)
        doc.warn("unparsed-city-line", f"city/state/zip not recognised: {joined.text!r}")
        return
    for key in ("city", "state", "zip"):
        cell = sub_cell(joined, m.start(key), m.end(key))
        setattr(address, key, cell.text.strip(" ,") or None)
        address.spans[key] = doc.span(cell)


def _line_is_label(doc: Doc, line: Line) -> bool:
    cells = [c for c in split_cells(line) if c.text]
    return bool(cells) and _is_box_label(cells[0].text)


# The words of the boxes around a name-and-address box: a "name" made of them is a label a
# narrow conversion wrapped into the box ("X below) below)", "Transaction (Month/Day/").
_FORM_VOCABULARY = """
    name and address of reporting person persons issuer ticker or trading symbol date earliest
    transaction month day year relationship to check all applicable director owner officer
    give title below other specify individual joint group filing line form filed by one more
    than if amendment original event requiring statement last first middle street city state
    zip the x for fiscal ended table non derivative securities acquired disposed beneficially
    owned print type responses
"""
_FORM_WORDS = frozenset(_FORM_VOCABULARY.split())
_FIELD_ONLY = re.compile(r"^[\s\[\]()_\-=*.,:|X]*$")


def _ocr_fold(word: str) -> str:
    """OCR's confusions folded for comparing with the form's words (0 for O, 1 or | for l)."""
    return word.lower().replace("0", "o").replace("1", "l").replace("|", "l")


def not_a_name(text: str) -> bool:
    """Text that is no person's or company's name: a box label or a piece of one (found
    tolerantly: OCR confusions folded, each word matched against the form's words with
    rapidfuzz, so "Addres" or "Reportlng" still count), a rule or underline, an empty form
    field ``( )``, a tick mark."""
    if _FIELD_ONLY.match(text) or is_parenthetical_label(text):
        return True
    words = re.findall(r"[A-Za-z0-9%|]+", text)
    if not words:
        return True
    label_words = 0
    for word in words:
        folded = _ocr_fold(word)
        if folded in _FORM_WORDS or (
            len(folded) >= 5
            and process.extractOne(folded, _FORM_WORDS, scorer=fuzz.ratio, score_cutoff=85)
        ):
            label_words += 1
    return label_words == len(words)


_NAME_BOX_LABEL = re.compile(
    r"^\s*(?:\d{1,2}\.\s*)?Name\s+and\s+Address\s+of\s+Reporting\s+Person\s*\**\s*", re.I
)
_MIDDLE_LABEL = re.compile(r"\(Middle\)")


def _between(cell: Cell, start: re.Match[str] | None, end: re.Match[str] | None) -> Cell | None:
    """The stripped text of ``cell`` between two label matches (either may be None)."""
    piece = sub_cell(cell, start.end() if start else 0, end.start() if end else len(cell.text))
    return piece if piece.text else None


def _inline_block(doc: Doc, cell: Cell, owner: ReportingOwner) -> Cell | None:
    """A whole name-and-address box flattened into one cell, as HTML-to-text converters
    print it: ``1. Name and Address of Reporting Person* List Teri L. (Last) (First)
    (Middle) C/O MICROSOFT CORPORATION ONE MICROSOFT WAY (Street) REDMOND WA 98052-6399
    (City) (State) (Zip)``. Fills the address; returns the name's cell."""
    text = cell.text
    last, middle = _LAST_LABEL.search(text), _MIDDLE_LABEL.search(text)
    street, city = _STREET_LABEL.search(text), _CITY_LABEL.search(text)
    label = _NAME_BOX_LABEL.search(text)
    name = _between(cell, label, last)
    address = Address()
    street_cell = _between(cell, middle or last, street or city)
    if street_cell is not None:
        _fill_street(doc, address, [street_cell])
    if street is not None and city is not None:
        city_cell = _between(cell, street, city)
        if city_cell is not None:
            _fill_city_text(doc, address, city_cell)
    owner.address = (
        address if any(getattr(address, k) for k in ("street1", "city", "state", "zip")) else None
    )
    return name


# --------------------------------------------------------------------------- by position

_Word = tuple[Cell, int, int]  # a word of a normalized line and its columns on the page


def _box_words(doc: Doc, i: int, right: int) -> list[_Word] | None:
    """The words of line ``i`` left of column ``right`` on the page (a layout conversion:
    :attr:`Doc.head` keeps the line's spaces), each with its columns; None when the line's
    positions are not known or a word crosses ``right``."""
    line = doc.lines[i]
    raw = doc.head.get(line.number)
    if raw is None or "\t" in raw:
        return None
    cells = split_cells(line)
    columns = cell_columns(cells, raw)
    if columns is None:
        return None
    words: list[_Word] = []
    for cell, (x0, _) in zip(cells, columns, strict=True):
        at = x0
        for m in re.finditer(r"\S+", cell.text):
            w0 = raw.find(m.group(), at)
            if w0 < 0:
                return None
            w1 = w0 + len(m.group())
            if (w0 > 0 and not raw[w0 - 1].isspace()) or (w1 < len(raw) and not raw[w1].isspace()):
                return None  # found inside another word: the columns are not sure
            at = w1
            if w0 < right < w1:
                return None
            if w1 <= right:
                words.append((sub_cell(cell, m.start(), m.end()), w0, w1))
    return words


def _joined_words(words: list[_Word]) -> Cell | None:
    """Words in reading order as one value (a word broken after its hyphen made whole)."""
    if not words:
        return None
    text = ""
    for cell, _, _ in words:
        text += cell.text if not text or re.search(r"\S-$", text) else " " + cell.text
    first, last = words[0][0], words[-1][0]
    return Cell(text, first.start, last.end, first.index, first.line)


_STATE_VALUE = re.compile(r"^[A-Z][A-Z0-9]$|^[0-9][A-Z]$")
_ZIP_VALUE = re.compile(r"^[A-Z0-9][A-Z0-9\-]{1,9}(?: [A-Z0-9]{3})?$")


def _groups(words: list[_Word]) -> list[list[_Word]]:
    """A line's words in groups split at wide gaps (two spaces or more): a layout's cells."""
    groups: list[list[_Word]] = []
    for word in words:
        if groups and word[1] - groups[-1][-1][2] < 2:
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


def _city_by_lines(doc: Doc, lines: list[list[_Word]], address: Address) -> None:
    """City, state and zip from the lines over ``(City) (State) (Zip)``: a page prints the
    three values side by side on one line, and a city too long for its column wraps over
    lines above and below it (``MOUNTAIN`` / ``CA  94043`` / ``VIEW``); the columns of the
    values and of the labels, in another font, do not line up, so the values are known by
    their line and their shape. Anything else is left to the reader by lines' checks: the
    parts stay empty."""
    rows = [_groups(line) for line in lines]
    sides = [n for n, groups in enumerate(rows) if len(groups) > 1]
    if len(sides) > 1 or any(len(groups) != 1 for n, groups in enumerate(rows) if n not in sides):
        return
    city_words: list[_Word] = []
    state = zip_code = None
    for n, groups in enumerate(rows):
        if n not in sides:
            city_words += groups[0]
            continue
        *before, st, zp = groups
        state, zip_code = _joined_words(st), _joined_words(zp)
        if len(before) > 1:
            return
        city_words += before[0] if before else []
    city = _joined_words(city_words)
    if state is None:
        if city is not None and len(rows) == 1:
            _fill_city_text(doc, address, city)  # "CAMBRIDGE, MA 02140" run together
        return
    assert zip_code is not None
    if not (
        _STATE_VALUE.match(state.text)
        and _ZIP_VALUE.match(zip_code.text)
        and (city is None or re.search(r"[A-Za-z]{2}", city.text))
    ):
        return
    for key, cell in (("city", city), ("state", state), ("zip", zip_code)):
        if cell is not None:
            setattr(address, key, cell.text.strip(" ,") or None)
            address.spans[key] = doc.span(cell)


def _box_by_position(
    doc: Doc, last_row: int, stop_row: int
) -> tuple[Cell | None, Address | None] | None:
    """The name and address of a reporting person's box read by position on the page (a
    layout conversion, pdftotext -layout): the box is the column left of the next box's
    label on its label's line, and each value the words in that column between two of its
    labels (the name over ``(Last)``, the street over ``(Street)``, the city, state and zip
    over ``(City) (State) (Zip)``, each in its label's column). A value wrapped over lines
    is joined; other boxes' words right of the box never mix in. None when the page's
    positions or the box's labels are not found (the reader by lines is used)."""
    top = None
    for i in range(last_row - 1, max(last_row - 12, -1), -1):
        text = doc.lines[i].text
        if _CITY_LABEL.search(text) or _LAST_LABEL.search(text):
            return None
        if _NAME_BOX_LABEL.match(text):
            top = i
            break
    if top is None:
        return None
    label = _box_words(doc, top, 10**6)
    if not label:
        return None
    # The box ends where the next box's label starts: the first word after a wide gap.
    right = next(
        (x0 for (_, _, p1), (_, x0, _) in itertools.pairwise(label) if x0 - p1 >= 3),
        None,
    )
    if right is None:
        return None
    # (the other boxes' lines between the labels can be many: the box's own end is its label)
    end = min(len(doc.lines), last_row + 24)
    street_row = doc.find(_STREET_LABEL, last_row + 1, end)
    city_row = doc.find(_CITY_LABEL, (street_row or last_row) + 1, end)
    if street_row is None or city_row is None:
        return None
    if doc.find(_LAST_LABEL, last_row + 1, city_row) is not None:
        return None
    zones: list[list[list[_Word]]] = []
    for first, end in ((top + 1, last_row), (last_row + 1, street_row), (street_row + 1, city_row)):
        zone: list[list[_Word]] = []
        for i in range(first, end):
            words = _box_words(doc, i, right)
            if words is None:
                return None
            if words:
                zone.append(words)
        zones.append(zone)
    for row in (last_row, street_row, city_row):
        words = _box_words(doc, row, right)
        if words is None or not all(is_parenthetical_label(c.text) for c, _, _ in words):
            return None  # a value beside the labels: not the layout read here
    names, streets, cities = zones
    pieces = [w for line in names for w in line]
    if any(not_a_name(c.text) and not c.text[:1].isalnum() for c, _, _ in pieces):
        return None
    name = _joined_words(pieces)
    address = Address()
    street_lines = [_joined_words(line) for line in streets]
    if len(street_lines) == 1 and street_lines[0] is not None:
        _fill_street(doc, address, [street_lines[0]])
    elif street_lines:
        # Two street lines or one wrapped (even after a comma: "C/O SEQUOIA CAPITAL," /
        # "2800 SAND HILL ROAD"): where the form's lines end is not known.
        doc.warn("doubtful-address", f"{len(street_lines)} street lines in a narrow box: not read")
    _city_by_lines(doc, cities, address)
    if all(getattr(address, k) is None for k in ("street1", "street2", "city", "state", "zip")):
        return name, None
    return name, address


def _read_owner_block(doc: Doc, last_row: int, stop_row: int) -> ReportingOwner:
    owner = ReportingOwner()
    placed = _box_by_position(doc, last_row, stop_row)
    if placed is not None:
        name, address = placed
        return _owner_from(doc, owner, last_row, name, address)
    width = _label_width(doc, last_row, "(Middle)")
    name_cell: Cell | None = None
    inline = False
    found = doc.cell_at(last_row, _LAST_LABEL)
    if found is not None and _CITY_LABEL.search(found[0].text):
        name_cell, inline = _inline_block(doc, found[0], owner), True
    elif found is not None and found[1].start() > 0:
        before = sub_cell(found[0], 0, found[1].start())
        name_cell = before if before.text else None
    if name_cell is not None:
        label = _NAME_BOX_LABEL.match(name_cell.text)
        if label:  # "1. Name and Address of Reporting Person* PANORA ROBERT A"
            rest = sub_cell(name_cell, label.end(), len(name_cell.text))
            name_cell = rest if rest.text else None
    if name_cell is None and not inline:
        above = nearest_above(doc.lines, last_row, limit=2, stop=lambda ln: _line_is_label(doc, ln))
        if above is not None:
            name_cell = join_cells(_first_column(doc, above, width))
    address = None if inline else _read_address(doc, last_row, stop_row)
    return _owner_from(doc, owner, last_row, name_cell, address, inline=inline)


def _owner_from(
    doc: Doc,
    owner: ReportingOwner,
    last_row: int,
    name_cell: Cell | None,
    address: Address | None,
    *,
    inline: bool = False,
) -> ReportingOwner:
    """The owner of a box whose name cell and address were found: the name checked (a label
    or a piece of the form is no name) and parsed, the address checked."""
    if name_cell is not None and label_fragment(name_cell.text):
        doc.warn(
            "doubtful-owner-name",
            f"{name_cell.text!r} holds a piece of the form's boxes, not only a name",
            doc.span(name_cell),
        )
        name_cell = None
    if name_cell is not None and not_a_name(name_cell.text):
        doc.warn(
            "owner-name-is-label",
            f"{name_cell.text!r} above '(Last) (First) (Middle)' is a label, not a name",
            doc.span(name_cell),
        )
        name_cell = None
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
    if not inline:
        owner.address = address
    if owner.address is not None and (doubt := _address_doubt(owner.address)):
        doc.warn("doubtful-address", f"the reporting person's address not read: {doubt}")
        owner.address = None
    return owner


def _address_doubt(address: Address) -> str | None:
    """Why an address read from a conversion is doubtful: a part holding another box's label
    or tick, a street cut at a line end, more street lines than the form has (a narrow box
    wrapped them: where each line ended is lost), a city without letters."""
    for key in ("street1", "street2", "city", "state", "zip"):
        value = getattr(address, key)
        if value and label_fragment(value):
            return f"{key} {value!r} holds a piece of the form"
    for key in ("street1", "street2"):
        value = getattr(address, key)
        if value and DATE_TEXT.search(value):
            return f"{key} {value!r} holds a date (another box's value run into it)"
    last_street = address.street2 or address.street1
    if last_street and cut_value(last_street):
        return f"the street {last_street!r} is cut at a line end"
    if address.city and not re.search(r"[A-Za-z]{2}", address.city):
        return f"city {address.city!r} has no letters"
    return None


def _fill_street(doc: Doc, address: Address, pieces: list[Cell]) -> None:
    """Street lines into street1/street2; one "c/o" line holding the street too is split
    at the street number ("C/O TECOGEN INC. 45 FIRST AVENUE")."""
    if len(pieces) == 1:
        care = _CARE_OF.match(pieces[0].text)
        if care:
            pieces = [
                sub_cell(pieces[0], care.start("co"), care.end("co")),
                sub_cell(pieces[0], care.start("street"), care.end("street")),
            ]
    # A street line ending in a comma was wrapped: "2800 SAND HILL ROAD," / "SUITE 101".
    joined: list[Cell] = []
    for piece in pieces:
        if joined and joined[-1].text.endswith(","):
            prev = joined[-1]
            joined[-1] = Cell(
                f"{prev.text} {piece.text}", prev.start, piece.end, prev.index, prev.line
            )
        else:
            joined.append(piece)
    pieces = joined
    if len(pieces) > 2:
        # The form has two street lines: more are one line wrapped by a narrow box, and
        # where each line ended is lost ("C/O ABCELLERA BIOLOGICS" / "INC." / "2215 YUKON").
        doc.warn("doubtful-address", f"{len(pieces)} street lines for two: not read")
        return
    if len(pieces) == 2 and _wrapped_street(pieces[0].text, pieces[1].text):
        doc.warn(
            "doubtful-address",
            f"street {pieces[0].text!r} / {pieces[1].text!r}: one line wrapped or two?",
        )
        return
    if pieces:
        address.street1 = pieces[0].text
        address.spans["street1"] = doc.span(pieces[0])
    if len(pieces) > 1:
        rest = join_cells(pieces[1:])
        assert rest is not None
        address.street2 = ", ".join(p.text for p in pieces[1:])
        address.spans["street2"] = doc.span(rest)


#: How a second street line begins when it is one: a unit, a floor, a box, a number.
_STREET2_START = re.compile(
    r"^(?:#|\d|c/o\b|attn\b|(?:suite|ste|floor|fl|apt|apartment|unit|room|rm|bldg|building|"
    r"p\.?\s?o\.?\s+box|box|pmb|mail\s*stop|ms|dept|department)\b)",
    re.IGNORECASE,
)


def _wrapped_street(first: str, second: str) -> bool:
    """Whether two street lines may be one street wrapped by a narrow box ("2800 SAND" /
    "HILL ROAD, SUITE 101"): the first begins with its number, and the second begins as no
    second line does (a suite, a floor, a box, a number)."""
    return bool(re.match(r"\d", first)) and not _STREET2_START.match(second)


def _read_address(doc: Doc, last_row: int, stop_row: int) -> Address | None:
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
    # The city line printed above no "(City)" label (the label lost or run into the line)
    # ends the street lines: "SUNNYVALE CA 94089" is the city's, not a street's.
    city_line = pieces.pop() if len(pieces) > 1 and _US_CITY.match(pieces[-1].text) else None
    _fill_street(doc, address, pieces)
    if city_row is not None:
        _read_city(doc, city_row, address)
    if city_line is not None and address.city is None:
        _fill_city_text(doc, address, city_line)
    if all(getattr(address, k) is None for k in ("street1", "street2", "city", "state", "zip")):
        return None
    return address


_ADDRESS_PARTS = ("street1", "street2", "city", "state", "zip")


def _complete_address(owner: ReportingOwner, again: ReportingOwner) -> None:
    """The parts of ``owner``'s address its box lost, from the same owner's box printed
    again (a joint filing's boxes after the tables), when every part both read agrees."""
    if again.address is None:
        return
    if owner.address is None:
        owner.address = again.address
        return
    mine, theirs = owner.address, again.address
    if any(
        getattr(mine, k) is not None
        and getattr(theirs, k) is not None
        and getattr(mine, k) != getattr(theirs, k)
        for k in _ADDRESS_PARTS
    ):
        return
    for k in _ADDRESS_PARTS:
        if getattr(mine, k) is None and getattr(theirs, k) is not None:
            setattr(mine, k, getattr(theirs, k))
            if k in theirs.spans:
                mine.spans[k] = theirs.spans[k]


def read_owners(doc: Doc, end: int) -> tuple[list[ReportingOwner], list[tuple[int, int]]]:
    """Every reporting person's name-and-address block, in order, and where each block is:
    ``(line index of its "(Last)" row, index of its owner)``. SEC renderings print the owners
    of a joint filing again after the tables; a repeated block maps to the same owner."""
    rows = [i for i, text in enumerate(doc.lines.texts(0, end)) if _LAST_LABEL.search(text)]
    owners: list[ReportingOwner] = []
    blocks: list[tuple[int, int]] = []
    seen: dict[tuple[str | None, str | None], int] = {}
    for n, row in enumerate(rows):
        stop = rows[n + 1] - 1 if n + 1 < len(rows) else min(row + 8, end)
        owner = _read_owner_block(doc, row, stop)
        key = (
            owner.name.full if owner.name else None,
            owner.address.street1 if owner.address else None,
        )
        same = seen.get(key)
        if same is None and owner.name is not None:
            # A box whose street was not read (wrapped in a narrow box) is the same owner
            # as a box of the same name and a street.
            same = next(
                (
                    k
                    for (name, street), k in seen.items()
                    if name == key[0] and (street is None or key[1] is None)
                ),
                None,
            )
        if owner.name is not None and same is not None:
            _complete_address(owners[same], owner)
            blocks.append((row, same))
            continue
        seen[key] = len(owners)
        blocks.append((row, len(owners)))
        owners.append(owner)
    if len(owners) > 2 and owners[0].name is None and all(o.name for o in owners[1:]):
        # A joint filing's rendering prints the first owner's box at the top and every
        # owner's box again after the tables: a nameless top box (its name lost) is the
        # first of the named boxes after the tables, not an owner of its own.
        doc.warn(
            "owner-box-repeated",
            "the nameless first owner box is read as the first "
            "of the owners listed after the tables",
        )
        owners.pop(0)
        blocks = [(row, max(index - 1, 0)) for row, index in blocks]
    return owners, blocks
