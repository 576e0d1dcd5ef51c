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

Public API: :func:`detect`, :func:`parse` (the registry's contract), :func:`parse_text`, for a
container parser that extracted the text of a form from a larger submission, and
:func:`normalize_document`, the text that spans' offsets point into.
"""

from __future__ import annotations

import re

from secgraph.errors import MalformedDocumentError, UnknownFormError
from secgraph.models import (
    FilingInfo,
    InputFormat,
    OwnershipFiling,
    ParsedFiling,
    ReportingOwner,
)
from secgraph.normalize.dates import parse_date
from secgraph.normalize.doubt import label_fragment
from secgraph.normalize.markup import normalize_markup
from secgraph.normalize.text import clean_text
from secgraph.parsers.ownership_text._boxes import (
    RULE_10B5_1,
    SECTION16,
    read_box,
    read_joint,
    read_owners_table,
    read_relationship,
    relationship_boxes,
)
from secgraph.parsers.ownership_text._doc import (
    TABLE_TITLE,
    date_after_label,
    date_by_position,
    prepare,
)
from secgraph.parsers.ownership_text._notes import read_footnotes, read_remarks, read_signatures
from secgraph.parsers.ownership_text._owners import not_a_name, read_issuer, read_owners
from secgraph.parsers.ownership_text._tables import read_tables
from secgraph.parsers.source import Source

__all__ = ["detect", "normalize_document", "parse", "parse_text"]

# --------------------------------------------------------------------------- detection

# Titles of the three forms, compared on letters and digits only, so that tabs or markdown
# inside a title ("STATEMENT OF CHANGES IN\tBENEFICIAL OWNERSHIP", "**FORM 3**") do not matter.
# A narrow conversion (w3m, html2text at 80 columns) breaks a title over lines and puts other
# boxes' words between its pieces, so each form is known by the first words of its title.
_FORM3_TITLE = "INITIALSTATEMENTOFBENEFICIALOWNERSHIP"
_FORM5_TITLE = "ANNUALSTATEMENTOFCHANGESINBENEFICIALOWNERSHIP"
_FORM4_TITLE = "STATEMENTOFCHANGESINBENEFICIALOWNERSHIP"
_TITLE_HEADS = (("3", "INITIALSTATEMENT"), ("5", "ANNUALSTATEMENT"), ("4", "STATEMENTOFCHANGES"))
# Parts of the form itself, so that a letter or an 8-K quoting a title is not taken for one.
_FORM_PARTS = (
    "ISSUERNAMEAND", "NONDERIVATIVESECURITIES", "NAMEANDADDRESSOF", "LASTFIRSTMIDDLE",
)  # fmt: skip
# Containers and native formats belong to other parsers (a full submission may wrap a text
# form: its container parser can hand the text to :func:`parse_text`).
_NOT_TEXT = re.compile(
    r"<(?:SEC-DOCUMENT|SEC-HEADER|SUBMISSION|ownershipDocument|edgarSubmission)\b|<\?xml|"
    # (a raw <table> alone is no page: pandoc's markdown keeps the tables it cannot draw)
    r"<html\b|<!DOCTYPE\s+html|<body\b",
    re.IGNORECASE,
)


def _squash(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def _form_of(text: str) -> str | None:
    squashed = _squash(text)
    if not any(part in squashed for part in _FORM_PARTS):
        return None
    found = [(squashed.find(head), form) for form, head in _TITLE_HEADS if head in squashed]
    if not found:
        return None
    # The first title printed names the form ("ANNUAL STATEMENT OF CHANGES..." holds the
    # Form 4 words too); a Form 4 also says "FORM 4" (its title alone is a Form 5's tail).
    at, form = min(found)
    if form == "4" and "ANNUALSTATEMENT" in squashed[max(0, at - 40) : at + 20]:
        return "5"
    if form == "4" and "FORM4" not in squashed:
        return None
    return form


def detect(source: Source) -> bool:
    """A text Form 3, 4 or 5: its title and one of its box labels, after unicode clean-up."""
    head = source.head
    if _NOT_TEXT.search(head):
        return False
    return _form_of(clean_text(normalize_markup(head))) is not None


# --------------------------------------------------------------------------- the filing

_PERIOD_LABELS = {
    "3": re.compile(r"Date\s+of\s+Event\s+Requiring\s+Statement", re.IGNORECASE),
    "4": re.compile(r"Date\s+of\s+Earliest\s+Transaction", re.IGNORECASE),
    "5": re.compile(r"Statement\s+for\s+Issuer'?s\s+Fiscal\s+Year\s+Ended", re.IGNORECASE),
}
# The column tags of pre-2003 ASCII filings (0001094891-00-000193): "<S>   <C>   <C>".
_PRE_2003_TABLE = re.compile(r"^\s*<S>\s+<C>", re.MULTILINE)
_TITLES = {"3": _FORM3_TITLE, "4": _FORM4_TITLE, "5": _FORM5_TITLE}
_AMENDMENT_LABEL = re.compile(r"If\s+Amendment,\s+Date\s+(?:of\s+)?Original\s+Filed", re.I)
_NO_SECURITIES = re.compile(r"No\s+securities\s+are\s+beneficially\s+owned", re.IGNORECASE)


def parse_text(text: str, *, source_name: str, sha256: str) -> ParsedFiling:
    """Parse the text of a Form 3, 4 or 5 (already decoded). Raises
    :class:`~secgraph.errors.MalformedDocumentError` when the text is not one."""
    doc = prepare(text)
    form = _form_of(doc.text[:20000])
    if form is None:
        raise MalformedDocumentError("no Form 3/4/5 title and box labels found", source=source_name)
    if _PRE_2003_TABLE.search(text):  # the raw text: markup clean-up drops "<S>"
        # Rather no record than a wrong one: its pipe-drawn columns wrap words mid-cell.
        raise UnknownFormError(
            "a Form 3/4/5 in the pre-2003 ASCII layout (<TABLE> with <S>/<C> column tags) is "
            "not supported by the ownership-text parser",
            source=source_name,
        )
    issuer = read_issuer(doc)
    tables_at = next(
        (i for i, text in enumerate(doc.lines.texts()) if TABLE_TITLE.search(text)),
        len(doc.lines),
    )
    owners, blocks = read_owners(doc, len(doc.lines))
    if not owners:
        doc.warn("missing-owner", "no reporting person box ('(Last) (First) (Middle)')")
        owners, blocks = [ReportingOwner()], [(0, 0)]
    read_boxes: set[int] = set()
    for box in relationship_boxes(doc):
        # A relationship box belongs to the owner block printed nearest to it.
        _, owner_index = min(blocks, key=lambda b: (abs(b[0] - box), b[0]))
        if owner_index not in read_boxes and read_relationship(doc, owners[owner_index], box):
            read_boxes.add(owner_index)
    from_table = read_owners_table(doc, owners)
    for n in range(len(owners)):
        if n not in read_boxes and not from_table:
            rel = owners[n].relationship
            rel.is_director = rel.is_officer = rel.is_ten_percent_owner = rel.is_other = None
            doc.warn(
                "relationship-unknown",
                f"owner {n + 1}: no tick mark in a relationship box and no Reporting Owners table",
            )

    for n, owner in enumerate(owners):
        rel = owner.relationship
        for attr in ("officer_title", "other_text"):
            text = getattr(rel, attr)
            if text and (not_a_name(text) or label_fragment(text)):
                # a box label ("Issuer", "(give title below)") in the title's place
                doc.warn("doubtful-title", f"owner {n + 1}: {attr} {text!r} is a label")
                setattr(rel, attr, None)
                rel.spans.pop(attr, None)

    period = date_after_label(doc, _PERIOD_LABELS[form]) or date_by_position(
        doc, _PERIOD_LABELS[form]
    )
    amended = date_after_label(doc, _AMENDMENT_LABEL, lines_after=2)
    info = FilingInfo(
        form_type=form + ("/A" if amended is not None else ""),
        amendment=amended is not None,
        source=source_name,
        sha256=sha256,
        input_format=InputFormat.TEXT,
    )
    title = next(
        (i for i, text in enumerate(doc.lines.texts()) if _TITLES[form] in _squash(text)), None
    )
    if title is not None:
        info.spans["form_type"] = doc.line_span(title)
    if period is not None:
        info.period_date = parse_date(period.text)
        info.spans["period_date"] = doc.span(period)
    else:
        doc.warn("missing-period-date", "no date in the event / earliest transaction box")
    if amended is not None:
        info.date_of_original = parse_date(amended.text)
        info.spans["date_of_original"] = doc.span(amended)

    transactions, holdings = read_tables(
        doc.lines, form, doc.warnings, start=tables_at, raw=doc.raw
    )
    filing = OwnershipFiling(
        filing=info,
        issuer=issuer,
        owners=owners,
        transactions=transactions,
        holdings=holdings,
        footnote_texts=read_footnotes(doc),
        signatures=read_signatures(doc),
        date_of_original=info.date_of_original,
    )
    filing.joint_filing, joint_span = read_joint(doc)
    if joint_span is not None:
        filing.spans["joint_filing"] = joint_span
    filing.remarks, remarks_span = read_remarks(doc)
    if remarks_span is not None:
        filing.spans["remarks"] = remarks_span
    filing.not_subject_to_section16, span16 = read_box(doc, SECTION16)
    if span16 is not None:
        filing.spans["not_subject_to_section16"] = span16
    filing.rule_10b5_1, span10 = read_box(doc, RULE_10B5_1)
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


def normalize_document(text: str) -> str:
    """The normalized text that every span of :func:`parse_text` points into: each line
    cleaned on its own (markup, unicode), so line numbers are those of ``text``."""
    return prepare(text).text


def parse(source: Source) -> ParsedFiling:
    return parse_text(source.text, source_name=source.name, sha256=source.sha256)
