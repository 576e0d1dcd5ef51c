"""Explanation of responses (footnotes), remarks and signatures."""

from __future__ import annotations

import re
from itertools import chain

from secgraph.models import (
    Footnote,
    Signature,
    Span,
)
from secgraph.normalize.dates import parse_date
from secgraph.normalize.doubt import signer_doubt, strip_trailing_date
from secgraph.normalize.layout import (
    Cell,
    join_wrapped,
    nearest_above,
    nearest_below,
    sub_cell,
)
from secgraph.parsers.ownership_text._doc import TABLE_TITLE, Doc, dates_in, join_cells
from secgraph.parsers.ownership_text._tables import footnote_id

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


def read_footnotes(doc: Doc) -> list[Footnote]:
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
    first = [(line0, len(line0.text) - len(tail))] if tail else []
    for line, at in chain(first, ((ln, 0) for ln in doc.lines.scan(i + 1))):
        text = line.text[at:]
        if _SECTION_END.search(text) or TABLE_TITLE.search(text):
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
            current = (footnote_id(m.group("a") or m.group("b")), [body])
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


_REMARKS = re.compile(r"^\s*Remarks\s*:?", re.IGNORECASE)
_REMARKS_END = re.compile(
    r"Signature|/s/|^\s*Reminder|^\s*Note\s*:|^\s*Date\s*$|Explanation\s+of\s+Responses|"
    r"Persons\s+who\s+respond|^\s*\*|Reporting\s+Owners",
    re.IGNORECASE,
)


def _indent_of(text: str) -> int:
    return len(text) - len(text.lstrip())


def read_remarks(doc: Doc) -> tuple[str | None, Span | None]:
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
        below = nearest_below(doc.lines, j)
        if below is not None and _SIGNATURE_LABEL.search(doc.lines[below].text):
            # The signer's name and date, printed above their labels. Lines read before
            # them with no blank line between may be the signer's first words too
            # ("Ann Habernigg, Attorney-in-" over "fact for ...", in the signature's column):
            # where the remarks end, the layout does not say.
            last = doc.lines[parts[-1].line - 1] if parts else None
            if (
                last is not None
                and not any(doc.lines[k].blank for k in range(parts[-1].line, j))
                and (_indent_of(last.text) > 10 or _indent_of(last.text) == _indent_of(ln.text))
            ):
                doc.warn("doubtful-remarks", "the remarks run into the signature block")
                return None, None
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
    if _SIGNED.search(text) or _SIGNER_LINE.search(text):
        # The remarks box is empty: what follows its label is the signature block.
        doc.warn("doubtful-remarks", f"the text after 'Remarks:' is a signer's: {text[:60]!r}")
        return None, None
    return text, Span(line=parts[0].line, start=parts[0].start, end=parts[-1].end)


_SIGNED = re.compile(r"/s/")
_SIGNER_LINE = re.compile(r"\bBy:|Power\s+of\s+Attorney\s+For:", re.IGNORECASE)
_SIGNATURE_LABEL = re.compile(r"Signature\s+of", re.IGNORECASE)
_NOT_A_NAME = re.compile(
    r"Signature|Reporting\s+Person|^\s*Date\s*$|Remarks|Explanation|Reminder|^\W*$", re.I
)


_NOT_CONTINUED = re.compile(r"Signature|^\s*Date\s*$|Remarks|Explanation|Reminder|^\W*$", re.I)


def _split_date(cell: Cell) -> tuple[Cell | None, Cell | None]:
    """A signature cell may hold the name and the date: ``/s/ Robert A. 10/01/2013``."""
    dates = dates_in(cell)
    if not dates:
        return cell, None
    date_cell = dates[-1][0]
    left = sub_cell(cell, 0, date_cell.start - cell.start)
    right = sub_cell(cell, date_cell.end - cell.start, len(cell.text))
    name_parts = [p for p in (left, right) if p.text]
    name = join_cells(name_parts) if name_parts else None
    if name is not None and len(name_parts) == 2:
        name = Cell(f"{left.text} {right.text}", left.start, right.end, cell.index, cell.line)
    return name, date_cell


_LABEL_TAIL = re.compile(r"^\W*(?:Reporting\s+)?Person\W*$|^\s*Date\s*$|Signature\s+of", re.I)
_REMARKS_LABEL = re.compile(r"^\s*Remarks\s*:?\s*$", re.IGNORECASE)


def _indent(doc: Doc, cell: Cell) -> int:
    return cell.start - doc.lines[cell.line - 1].offset


def _name_above(doc: Doc, i: int, signed: Cell) -> tuple[list[Cell] | None, Cell | None]:
    """The lines above a signature line ``i`` that begin its signer's words, and a date
    printed beside them: lines in the signature's column up to the box label of the
    signature above ("** Signature of Reporting Person"), or up to a blank line or
    "Remarks:" when the column is indented away from the remarks' prose. None when lines
    there may be the signer's or the remarks' (not known)."""
    if any(c.text for c in doc.cells(i)[: signed.index]):
        return [], None  # the signature is not the line's first words
    column = (signed.index, _indent(doc, signed))
    pieces: list[Cell] = []
    date: Cell | None = None
    j = i - 1
    while j >= 0 and j > i - 12:
        cells = [c for c in doc.cells(j) if c.text]
        if not cells:
            break
        first = cells[0]
        if _LABEL_TAIL.search(first.text) or _SIGNATURE_LABEL.search(doc.lines[j].text):
            return pieces, date
        if _REMARKS_LABEL.match(first.text):
            break
        dated = [c for c in cells[1:] if dates_in(c) and dates_in(c)[0][0].text == c.text]
        at = (first.index, _indent(doc, first))
        if at != column or len(cells) - len(dated) != 1:
            # words in another column: the signer's words above, shifted, or other text
            return (None, None) if pieces else ([], None)
        if _SIGNED.search(first.text) or _NOT_CONTINUED.search(first.text):
            return (None, None) if pieces else ([], None)
        pieces.insert(0, first)
        date = date or (dated[0] if dated else None)
        j -= 1
    else:
        return (None, None) if pieces else ([], None)
    if not pieces:
        return [], None
    if column[0] > 0 or column[1] > 10:  # a column of its own, right of the prose
        return pieces, date
    return None, None


def _glued(cell: Cell, date: Cell) -> bool:
    """Whether ``date`` is run into a word of ``cell`` with no blank between them."""
    at = date.start - cell.start
    before = cell.text[at - 1 : at] if at > 0 else ""
    after_at = date.end - cell.start
    after = cell.text[after_at : after_at + 1]
    return bool(re.match(r"[A-Za-z]", before) or re.match(r"[A-Za-z]", after))


def _signature(doc: Doc, name: Cell | None, date: Cell | None) -> Signature:
    sig = Signature()
    if name is not None:
        text = strip_trailing_date(name.text)
        doubt = signer_doubt(text)
        if doubt is not None:
            doc.warn("doubtful-signer", f"signer {text!r} not read: {doubt}", doc.span(name))
        else:
            sig.name = text
            sig.spans["name"] = doc.span(name)
    if date is not None:
        sig.date = parse_date(date.text)
        sig.spans["date"] = doc.span(date)
    return sig


def _date_near(doc: Doc, rows: range) -> Cell | None:
    for j in rows:
        if 0 <= j < len(doc.lines):
            for cell in doc.cells(j):
                dates = dates_in(cell)
                if dates and dates[0][0].text == cell.text:
                    return cell
    return None


def read_signatures(doc: Doc) -> list[Signature]:
    """Every signature: a "/s/" line and the lines its signer's words wrap over, then the
    signatures found only by their box label ("** Signature of Reporting Person") and the
    words above it; in the order printed."""
    signatures: list[tuple[int, Signature]] = []
    covered: set[int] = set()
    for i, text in enumerate(doc.lines.texts()):
        split_mark = _split_mark(doc, i, text)
        if not (_SIGNED.search(text) or split_mark):
            continue
        cells = [c for c in doc.cells(i) if c.text]
        signed = next((c for c in cells if _SIGNED.search(c.text)), cells[0])
        own = [c for c in cells if c is not signed and _whole_date(c)]
        name: Cell | None
        date: Cell | None
        if own:  # a date in a cell of its own: a date in the name's cell is the name's
            name, date = signed, own[0]
        else:
            name, date = _split_date(signed)
        if date is None:
            date = next((d for c in cells if c is not signed for d, _ in dates_in(c)), None)
        doubtful = split_mark
        begun, when = _name_above(doc, i, signed)
        if begun is None:
            doubtful = True
        elif begun and name is not None:
            # "Mithril II UGP" / "LLC By: /s/ Ajay Royan": the signer's words begin above
            first = begun[0]
            whole = " ".join([*(c.text for c in begun), name.text])
            name = Cell(whole, first.start, name.end, first.index, first.line)
        date = date or when
        used = {i}
        # A date run into the name's words ("attorney12/11/2020" over "in-fact"): the
        # characters between them were lost.
        doubtful = doubtful or (date is not None and _glued(signed, date))
        # A long name wraps under itself: "/s/ Robert A. 10/01/2013" then "Panora"; a narrow
        # conversion (w3m) wraps it over several lines (nine for a general partner's chain of
        # titles), the date on one of them: "/s/ Jung Yeon" / "Son, by power of 10/18/2017" /
        # "attorney for" / "Roelof F. Botha". The name is read whole only when its lines end
        # at a line that cannot go on with it (the box label, a blank, another signature).
        nxt = i + 1
        ended = name is None
        while name is not None and nxt < min(i + 16, len(doc.lines)):
            follow = [c for c in doc.cells(nxt) if c.text]
            dated = [c for c in follow[1:] if dates_in(c) and dates_in(c)[0][0].text == c.text]
            if len(follow) == 2 and dated and date is None:  # "attorney for   10/18/2017"
                date, follow = dated[0], follow[:1]
            # ("Reporting Person" may end a signer's words: "attorney-in-fact of the" /
            # "Reporting Person"; the box label below says "Signature of Reporting Person".)
            if len(follow) > 1 and not _NOT_CONTINUED.search(follow[0].text):
                # Text under the name beside other cells: the name may go on there, or
                # it may be the next column's. Which, the layout does not say.
                if not (_SIGNED.search(follow[0].text) or dates_in(follow[0])):
                    doubtful = True
                ended = True
                break
            if not follow and _goes_on_after_blank(doc, nxt):
                doubtful = True  # "Member, Mithril II UGP" / "" / "LLC, General Partner of"
            if len(follow) != 1 or _NOT_CONTINUED.search(follow[0].text):
                ended = True
                break
            if _SIGNED.search(follow[0].text) or _SIGNATURE_LABEL.search(follow[0].text):
                ended = True
                break
            piece, when = _split_date(follow[0])
            if piece is None and when is not None and (date is None or date.text == when.text):
                # pdftotext centres the date in the row, between the name's lines:
                # "/s/ Jane Roe, Authorized" / "09/20/2021" / "Person": the name goes on.
                date = when
                used.add(nxt)
                nxt += 1
                continue
            if when is not None and (date is not None or piece is None):
                break
            if piece is None or len(piece.text.split()) > 8:
                break
            gap = "" if name.text.endswith("-") else " "  # "attorney-" / "in-fact"
            name = Cell(
                f"{name.text}{gap}{piece.text}", name.start, piece.end, name.index, name.line
            )
            date = date or when
            used.add(nxt)
            nxt += 1
        else:
            ended = ended or nxt >= len(doc.lines)
        if not ended:
            doubtful = True  # the name's lines stopped on a line that may still be its own
        if date is None:
            date = _date_near(doc, range(max(used) + 1, max(used) + 4))
        covered.update(range(i, max(used) + 5))
        if doubtful and name is not None:
            doc.warn("doubtful-signer", f"signer {name.text!r} may go on below", doc.span(name))
            name = None
        signatures.append((i, _signature(doc, name, date)))
    for i, text in enumerate(doc.lines.texts()):
        if i in covered or not _SIGNATURE_LABEL.search(text):
            continue
        if "Intentional" in text or "manually signed" in text:
            continue
        above = nearest_above(doc.lines, i, limit=2)
        name = date = None
        doubtful = False
        if above is not None and above not in covered:
            for cell in doc.cells(above):
                if not cell.text:
                    continue
                dates = dates_in(cell)
                if dates and dates[0][0].text == cell.text:
                    date = cell
                elif not _NOT_A_NAME.search(cell.text) and name is None:
                    name = cell
            if name is not None:
                # "By: Aaron" / "Beckman by Power" / "of Attorney For:" / "Elon Musk"
                lines, when = _name_above(doc, above, name)
                if lines is None or (not lines and _words_right_above(doc, above)):
                    # (words right above the name, in another column: the signer's words
                    # shifted by a wrap, "Power of Attorney For: Elon" over "Musk", or
                    # other text; which, the layout does not say)
                    doubtful = True
                elif lines:
                    whole = " ".join([*(c.text for c in lines), name.text])
                    name = Cell(whole, lines[0].start, name.end, lines[0].index, lines[0].line)
                date = date or when
        if doubtful and name is not None:
            doc.warn("doubtful-signer", f"signer {name.text!r} may begin above", doc.span(name))
            name = None
        if date is None:
            date = _date_near(doc, range(i + 1, i + 4))
        if name is None and date is None:
            continue
        covered.update(range(i, i + 4))
        signatures.append((i, _signature(doc, name, date)))
    return [sig for _, sig in sorted(signatures, key=lambda pair: pair[0])]


def _words_right_above(doc: Doc, i: int) -> bool:
    """Whether the line right above line ``i`` has words that are neither a box label, the
    remarks' heading, another signature nor a date."""
    if i == 0:
        return False
    cells = [c for c in doc.cells(i - 1) if c.text]
    if not cells:
        return False
    text = doc.lines[i - 1].text
    return not (
        _LABEL_TAIL.search(cells[0].text)
        or _SIGNATURE_LABEL.search(text)
        or _REMARKS_LABEL.match(cells[0].text)
        or _SIGNED.search(text)
        or all(_whole_date(c) for c in cells)
    )


def _goes_on_after_blank(doc: Doc, blank: int) -> bool:
    """Whether the first words after the blank line ``blank`` may go on with a signer's
    name: neither a box label, another signature, a date nor the form's closing notes."""
    k = blank
    while k < len(doc.lines) and not doc.lines[k].text.strip():
        k += 1
    if k >= len(doc.lines):
        return False
    cells = [c for c in doc.cells(k) if c.text]
    first = cells[0].text
    return not (
        _NOT_CONTINUED.search(first)
        or _SIGNED.search(first)
        or _LABEL_TAIL.search(first)
        or _whole_date(cells[0])
        or _split_mark(doc, k, doc.lines[k].text)
    )


def _whole_date(cell: Cell) -> bool:
    dates = dates_in(cell)
    return bool(dates) and dates[0][0].text == cell.text


def _split_mark(doc: Doc, i: int, text: str) -> bool:
    """A "/s/" cut by a wrap: a line whose first words end in "/" above one whose first
    words begin with "s/"."""
    if "/" not in text or i + 1 >= len(doc.lines):
        return False
    here = [c for c in doc.cells(i) if c.text]
    below = [c for c in doc.cells(i + 1) if c.text]
    if not (here and below and below[0].text.startswith("s/")):
        return False
    return strip_trailing_date(here[0].text).endswith("/")
