"""Check boxes: relationship to the issuer, the Reporting Owners table, joint filing,
Section 16 and Rule 10b5-1."""

from __future__ import annotations

import re

from secgraph.models import OwnerRelationship, ReportingOwner, Span
from secgraph.normalize.layout import Cell, is_parenthetical_label, sub_cell
from secgraph.normalize.markup import marked_options
from secgraph.parsers.ownership_text._doc import DATE_TEXT, NUMBERED_LABEL, Doc

_RELATIONSHIP_LABEL = re.compile(r"Relationship\s+of\s+Reporting\s+Person", re.IGNORECASE)
_RELATION_OPTIONS = ("Director", "10% Owner", "Officer", "Other")
_BOX_END = re.compile(r"Individual\s+or\s+Joint|Form\s+filed\s+by|Table\s+I\b", re.IGNORECASE)
_TITLE_HINT = re.compile(r"give\s+title|specify", re.IGNORECASE)


_TEN_PERCENT = re.compile(r"(?<![A-Za-z0-9])10%Owner(?![A-Za-z0-9])")
_BARE_TICK = re.compile(r"(?:^|(?<=[\s\[(]))[Xx✓✔☒](?=[\s\])]|$)")


def _states(
    doc: Doc,
    rows: range,
    options: tuple[str, ...],
    start_at: int = 0,
    ends: dict[int, int] | None = None,
) -> dict[str, tuple[bool | None, int | None]]:
    """Tick state of each option over some lines: True if any line marks it ticked, False if
    marked unticked; then, as a form's boxes all draw ticks alike, an unmarked option of a
    group with a tick is unticked. Also returns the column index where each option was seen."""
    states: dict[str, bool | None] = dict.fromkeys(options)
    where: dict[str, int | None] = dict.fromkeys(options)
    seen: set[str] = set()
    orphan = False
    for i in rows:
        # (a narrow layout prints the box's "10% Owner" with no space: "X 10%Owner")
        text = doc.lines[i].text
        text = _TEN_PERCENT.sub("10% Owner", text[: (ends or {}).get(i, len(text))])
        offset = start_at if i == rows.start else 0
        marked = marked_options(text[offset:], options, flags=0)
        for option, start, _, state in marked:
            seen.add(option)
            if where[option] is None:
                where[option] = text[: offset + start].count("\t")
            if state is True or (state is False and states[option] is None):
                states[option] = state
        # A tick before no option ("X   below)": the option's label wrapped above it) is
        # some option's tick, which one the text does not say.
        ticks = len(_BARE_TICK.findall(text[offset:]))
        orphan = orphan or ticks > sum(1 for *_, state in marked if state is True)
    if any(v is True for v in states.values()) and not orphan:
        for option in seen:
            if states[option] is None:
                states[option] = False
    return {k: (states[k], where[k]) for k in options}


# The label wrapped in a narrow box (pdftotext -layout): "4. Relationship of" over
# "Reporting Person(s) to" over "Issuer".
_RELATIONSHIP_WRAPPED = re.compile(r"\d\.\s+Relationship\s+of(?=\t|\s*$)", re.IGNORECASE)
_REPORTING_PERSON = re.compile(r"(?:^|\t)\s*Reporting\s+Person", re.IGNORECASE)


def _relationship_label(doc: Doc, i: int) -> re.Match[str] | None:
    text = doc.lines[i].text
    m = _RELATIONSHIP_LABEL.search(text)
    if m is None and i + 1 < len(doc.lines):
        m = _RELATIONSHIP_WRAPPED.search(text)
        if m is not None and not _REPORTING_PERSON.search(doc.lines[i + 1].text):
            m = None
    return m


def relationship_boxes(doc: Doc) -> list[int]:
    """Indices of the lines that print a relationship box's label (one per owner block in a
    joint filing's SEC rendering, one in the header otherwise)."""
    return [i for i in range(len(doc.lines)) if _relationship_label(doc, i) is not None]


def read_relationship(doc: Doc, owner: ReportingOwner, i: int) -> bool:
    """The relationship box whose label is on line ``i``, read into ``owner``. Returns whether
    any tick state was readable (a box whose ticks were lost says nothing)."""
    m = _relationship_label(doc, i)
    assert m is not None
    stop = i + 1
    while stop < min(i + 7, len(doc.lines)) and not _BOX_END.search(doc.lines[stop].text):
        stop += 1
    ends: dict[int, int] = {}
    if stop < len(doc.lines):
        # The next box's label beside the box's last line ("Other  6. Individual or
        # Joint/Group"): the line up to that label is the box's too.
        end = _BOX_END.search(doc.lines[stop].text)
        before = doc.lines[stop].text[: end.start()] if end is not None else ""
        if end is not None and re.search(r"\b(?:Other|Officer)\b", before):
            start = before.rfind("\t")  # the label's cell ("6. Individual ...") left out
            ends[stop] = max(start, 0)
            stop += 1
    states = _states(doc, range(i, stop), _RELATION_OPTIONS, start_at=m.end(), ends=ends)
    if all(state is None for state, _ in states.values()):
        return False
    rel = owner.relationship
    # (an option whose tick state is unknown stays None, never False)
    rel.is_director = states["Director"][0]
    rel.is_ten_percent_owner = states["10% Owner"][0]
    rel.is_officer = states["Officer"][0]
    rel.is_other = states["Other"][0]
    rel.spans["relationship"] = doc.line_span(i)
    if (rel.is_officer or rel.is_other) and _title_after_labels(doc, range(i, stop), rel, states):
        return True
    # A title or description printed on a line of its own below the box labels.
    for j in range(i + 1, stop):
        cells = [c for c in doc.cells(j) if c.text]
        if not cells or any(
            _TITLE_HINT.search(c.text) or NUMBERED_LABEL.match(c.text) for c in cells
        ):
            continue
        if any(opt in c.text for c in cells for opt in ("Director", "10% Owner")):
            continue
        officer_col, other_col = states["Officer"][1], states["Other"][1]
        # The title sits in the relationship box's columns, never in the owner's address.
        first_col = min((c for c in (officer_col, other_col) if c is not None), default=0)
        text_cells = [
            c
            for c in cells
            if c.index >= first_col
            and not DATE_TEXT.search(c.text)
            and not is_parenthetical_label(c.text)
        ]
        if len(text_cells) != 1 or not (rel.is_officer or rel.is_other):
            continue
        cell = text_cells[0]
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


_AFTER_SPECIFY = re.compile(r"\(?specify\s+below\)\s*(?:below\)\s*)?(?P<text>[^\t]*)$", re.I)


def _title_after_labels(
    doc: Doc,
    rows: range,
    rel: OwnerRelationship,
    states: dict[str, tuple[bool | None, int | None]],
) -> bool:
    """A title printed right after the box's last label in the same cell, as HTML-to-text
    conversions flatten the box: ``... X Officer (give title below) Other (specify below)
    Co-Founder``. Only when one of Officer and Other is ticked (else whose text is it?)."""
    if rel.is_officer and rel.is_other:
        return False
    for j in rows:
        for cell in doc.cells(j):
            m = _AFTER_SPECIFY.search(cell.text)
            if not m or not m.group("text").strip():
                continue
            piece = sub_cell(cell, m.start("text"), m.end("text"))
            if NUMBERED_LABEL.match(piece.text) or is_parenthetical_label(piece.text):
                continue
            attr = "officer_title" if rel.is_officer else "other_text"
            setattr(rel, attr, piece.text)
            rel.spans[attr] = doc.span(piece)
            return True
    return False


_OWNERS_TABLE = re.compile(r"Reporting\s+Owner\s+Name\s*/\s*Address", re.IGNORECASE)


def read_owners_table(doc: Doc, owners: list[ReportingOwner]) -> bool:
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
SECTION16 = re.compile(r"Check\s+this\s+box\s+if\s+no\s+longer\s+subject", re.IGNORECASE)
RULE_10B5_1 = re.compile(r"Check\s+this\s+box\s+to\s+indicate\s+that\s+a\s+transaction", re.I)


def read_joint(doc: Doc) -> tuple[bool | None, Span | None]:
    """Box 6 (individual or joint filing): True when "More than One Reporting Person" is
    ticked, False when "One Reporting Person" is, None when neither mark survived."""
    rows = [i for i, text in enumerate(doc.lines.texts()) if "Form filed by" in text]
    if not rows:
        return None, None
    states = _states(doc, range(rows[0], rows[-1] + 1), (_MANY_PERSONS, _ONE_PERSON))
    many, one = states[_MANY_PERSONS][0], states[_ONE_PERSON][0]
    span = Span(
        line=doc.lines[rows[0]].number,
        start=doc.lines[rows[0]].offset,
        end=doc.lines[rows[-1]].offset + len(doc.lines[rows[-1]].text),
    )
    if many is True:
        return True, span
    if one is True:
        return False, span
    return None, None


def read_box(doc: Doc, label: re.Pattern[str]) -> tuple[bool | None, Span | None]:
    """A lone check box ("Check this box if ..."): only an explicit mark right before its
    text tells its state; a sentence alone (the box lost in conversion) says nothing."""
    i = doc.find(label)
    if i is None:
        return None, None
    text = doc.lines[i].text
    m = label.search(text)
    assert m is not None
    # The mark conventions ([X], ☒, a bare X, [ ]) are markup's; read with the label as printed.
    states = [st for _, _, _, st in marked_options(text, [m.group(0)], flags=0)]
    state = states[0] if states else None
    return (state, doc.line_span(i)) if state is not None else (None, None)
