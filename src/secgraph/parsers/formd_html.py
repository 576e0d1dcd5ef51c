"""Form D as the SEC renders it in HTML (the "View" page of ``primary_doc.xml``).

The stylesheet prints numbered sections (``<p class="SectionTitle">1. Issuer's Identity``),
label cells (``th`` or ``td.FormText``) above value cells (``td.FormData``), and tick boxes as
``td.CheckBox`` holding ``X`` when ticked, each followed by its label cell. This module reads
that layout back into :class:`FormDFiling`: a label row and the value row under it are paired
by column, and ticked labels are mapped to the values the XML carries (exemption labels to
the codes ``06b``, ``3C.1``...).

What the page leaves out stays ``None``: the accession number, the two-letter state codes
(the page prints ``FLORIDA`` where the XML has ``FL`` and its description), the investment
fund type and the "estimate" marks (the model has no field for them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

from lxml import etree

from secgraph.errors import MalformedDocumentError
from secgraph.models import (
    Address,
    EntityKind,
    FilingInfo,
    FormDFiling,
    FormDIssuer,
    IncorporationAge,
    InputFormat,
    Offering,
    ParsedFiling,
    RelatedPerson,
    RelatedRelationship,
    SalesCompensation,
    Signature,
    Span,
)
from secgraph.models.common import PersonName
from secgraph.normalize.dates import parse_date
from secgraph.normalize.names import looks_like_organization
from secgraph.normalize.numbers import parse_decimal
from secgraph.parsers.html_text import HtmlPage, element_text, looks_like_html, parse_html
from secgraph.parsers.source import Source

_TITLE = re.compile(
    r"FORM\s+D\b.{0,400}?Notice\s+of\s+Exempt\s+Offering\s+of\s+Securities", re.I | re.S
)
_FUND_TYPES = {"Hedge Fund", "Private Equity Fund", "Venture Capital Fund", "Other Investment Fund"}
# Labels of section 6 -> the item codes of the Form D XML (federalExemptionsExclusions/item).
_EXEMPTIONS = {
    "Rule 504(b)(1) (not (i), (ii) or (iii))": "04",
    "Rule 504 (b)(1)(i)": "04.1",
    "Rule 504 (b)(1)(ii)": "04.2",
    "Rule 504 (b)(1)(iii)": "04.3",
    "Rule 506(b)": "06b",
    "Rule 506(c)": "06c",
    "Securities Act Section 4(a)(5)": "4a5",
    "Investment Company Act Section 3(c)": "3C",
}
_SECTION_3C = re.compile(r"^Section 3\(c\)\((\d+)\)$")
_ENTITY_TYPES = (
    "Corporation",
    "Limited Partnership",
    "Limited Liability Company",
    "General Partnership",
    "Business Trust",
    "Other (Specify)",
)
_AGE = {
    "Over Five Years Ago": IncorporationAge.OVER_FIVE_YEARS,
    "Within Last Five Years (Specify Year)": IncorporationAge.WITHIN_FIVE_YEARS,
    "Yet to Be Formed": IncorporationAge.YET_TO_BE_FORMED,
}
_RELATIONSHIPS = {
    "Executive Officer": RelatedRelationship.EXECUTIVE_OFFICER,
    "Director": RelatedRelationship.DIRECTOR,
    "Promoter": RelatedRelationship.PROMOTER,
}


def detect(source: Source) -> bool:
    """An HTML page with the Form D title and its numbered "Issuer's Identity" section."""
    head = source.data[:16384].decode("utf-8", errors="replace")
    # A page, not markdown holding the page's tables (pandoc's gfm keeps them as raw HTML,
    # without the classes this reader needs): that is text, for formd_text.
    return (
        looks_like_html(head)
        and bool(re.search(r"<(?:html|body)\b", head, re.IGNORECASE))
        and bool(_TITLE.search(head))
        and "Issuer's Identity" in source.data[:65536].decode("utf-8", errors="replace")
    )


@dataclass
class _Check:
    label: str
    ticked: bool
    box: etree._Element


def _classes(el: etree._Element) -> list[str]:
    return (el.get("class") or "").split()


def _sections(root: etree._Element) -> dict[str, list[etree._Element]]:
    """Section number ("1".."16", or the title) -> the elements up to the next section."""
    sections: dict[str, list[etree._Element]] = {}
    current: list[etree._Element] | None = None
    body = root.find("body")
    for el in body if body is not None else root:
        if el.tag == "p" and "SectionTitle" in _classes(el):
            title = element_text(el)
            match = re.match(r"^(\d+)\.", title)
            current = sections.setdefault(match.group(1) if match else title, [])
            continue
        if current is not None and isinstance(el.tag, str):
            current.append(el)
    return sections


def _iter(elements: list[etree._Element], tag: str) -> Iterator[etree._Element]:
    for el in elements:
        yield from el.iter(tag)


def _checks(elements: list[etree._Element] | etree._Element) -> list[_Check]:
    """Every tick box among ``elements`` with the label cell printed after it."""
    roots = elements if isinstance(elements, list) else [elements]
    found: list[_Check] = []
    for td in _iter(roots, "td"):
        if "CheckBox" not in _classes(td):
            continue
        label_cell = td.getnext()
        label = element_text(label_cell) if label_cell is not None else ""
        found.append(_Check(label, element_text(td).upper() == "X", td))
    return found


def _ticked(checks: list[_Check]) -> list[str]:
    return [c.label for c in checks if c.ticked]


def _yes_no(checks: list[_Check]) -> bool | None:
    ticked = set(_ticked(checks)) & {"Yes", "No"}
    return None if len(ticked) != 1 else ticked == {"Yes"}


def _is_data(cell: etree._Element) -> bool:
    return cell.tag == "td" and "FormData" in _classes(cell)


def _is_label(cell: etree._Element) -> bool:
    return any(name.startswith("FormText") for name in _classes(cell))


def _label_of(cell: etree._Element) -> str:
    if cell.tag == "th" or "FormText" in _classes(cell):
        return element_text(cell)
    for inner in cell.iter("td", "th"):
        if inner is not cell and (inner.tag == "th" or "FormText" in _classes(inner)):
            return element_text(inner)
    return ""


def _columns(row: etree._Element) -> Iterator[tuple[int, etree._Element]]:
    col = 0
    for cell in row:
        if cell.tag in ("td", "th"):
            yield col, cell
            col += int(cell.get("colspan") or 1)


def _grid(table: etree._Element) -> list[tuple[str, etree._Element | None]]:
    """(label, value cell) pairs: each label row paired with the value row under it."""
    rows = [tr for tr in table.iter("tr") if next(tr.iterancestors("table")) is table]
    pairs: list[tuple[str, etree._Element | None]] = []
    for i, row in enumerate(rows):
        cells = list(_columns(row))
        if not cells or any(_is_data(c) for _, c in cells):
            continue
        below = rows[i + 1] if i + 1 < len(rows) else None
        values = dict(_columns(below)) if below is not None else {}
        if not any(_is_data(c) for c in values.values()):
            values = {}
        for col, cell in cells:
            label = _label_of(cell)
            if label:
                value = values.get(col)
                pairs.append((label, value if value is not None and _is_data(value) else None))
    return pairs


def _text(cell: etree._Element | None) -> str | None:
    return (element_text(cell) or None) if cell is not None else None


def _lookup(pairs: list[tuple[str, etree._Element | None]], label: str) -> str | None:
    return next((_text(v) for k, v in pairs if k == label), None)


def _address(pairs: list[tuple[str, etree._Element | None]], span: Span) -> Address | None:
    address = Address(
        street1=_lookup(pairs, "Street Address 1"),
        street2=_lookup(pairs, "Street Address 2"),
        city=_lookup(pairs, "City"),
        state=_lookup(pairs, "State/Province/Country"),
        zip=_lookup(pairs, "ZIP/PostalCode") or _lookup(pairs, "ZIP/Postal Code"),
        spans={"street1": span},
    )
    fields = (address.street1, address.street2, address.city, address.state, address.zip)
    return address if any(fields) else None


def _amount(page: HtmlPage, row: etree._Element, label: str) -> Decimal | None:
    data = next(
        (
            s
            for s in row.iter("span")
            if "FormData" in _classes(s)
            and not any("CheckBox" in _classes(a) for a in s.iterancestors("td"))
        ),
        None,
    )
    text = _text(data)
    value = parse_decimal(text)
    if text and value is None:
        page.warn("bad-value", f"{label}: cannot read {text!r}", row)
    return value


def _issuer(page: HtmlPage, sections: dict[str, list[etree._Element]]) -> FormDIssuer:
    identity = sections.get("1")
    if not identity:
        raise MalformedDocumentError("no '1. Issuer's Identity' section", source=page.name)
    link = next(_iter(identity, "a"), None)
    cik = None
    if link is not None:
        values = parse_qs(urlsplit(link.get("href") or "").query).get("CIK")
        cik = values[0] if values else _text(link)
    pairs = [p for t in _iter(identity, "table") for p in _grid(t)]
    checks = _checks(identity)
    previous = [
        element_text(td)
        for t in _iter(identity, "table")
        if t.get("summary") == "List of Previous Names"
        for td in t.iter("td")
        if element_text(td)
    ]
    entity = [label for label in _ticked(checks) if label in _ENTITY_TYPES]
    age = [label for label in _ticked(checks) if label in _AGE]
    year = None
    for check in checks:
        if check.ticked and check.label in _AGE:
            year_cell = check.box.getnext()
            year_cell = year_cell.getnext() if year_cell is not None else None
            year_text = _text(year_cell)
            year = int(year_text) if year_text and year_text.isdigit() else None
    place = sections.get("2", [])
    place_pairs = [p for t in _iter(place, "table") for p in _grid(t)]
    name = _lookup(pairs, "Name of Issuer") or _lookup(place_pairs, "Name of Issuer")
    if name is None:
        page.warn("issuer-name-missing", "no name of issuer")
    span = page.span(identity[0])
    return FormDIssuer(
        name=name,
        cik=cik,
        jurisdiction=_lookup(pairs, "Jurisdiction of Incorporation/Organization"),
        entity_type=entity[0] if entity else None,
        address=_address(place_pairs, page.span(place[0])) if place else None,
        phone=_lookup(place_pairs, "Phone Number of Issuer"),
        previous_names=previous,
        year_of_incorporation=year,
        incorporation_age=_AGE[age[0]] if age else None,
        spans={"name": span, "cik": page.span(link) if link is not None else span},
    )


def _related_persons(page: HtmlPage, elements: list[etree._Element]) -> list[RelatedPerson]:
    persons: list[RelatedPerson] = []
    expect_clarification = False
    for el in elements:
        tables = [el] if el.tag == "table" else list(el.iter("table"))
        if el.tag == "p" and element_text(el).startswith("Clarification of Response"):
            expect_clarification = True
            continue
        if expect_clarification and el.tag == "span" and persons:
            persons[-1].clarification = element_text(el) or None
            expect_clarification = False
            continue
        for table in tables:
            if table.get("summary") == "Related Persons":
                pairs = _grid(table)
                last, first = _lookup(pairs, "Last Name"), _lookup(pairs, "First Name")
                middle = _lookup(pairs, "Middle Name")
                full = " ".join(p for p in (first, middle, last) if p) or None
                span = page.span(table)
                persons.append(
                    RelatedPerson(
                        name=PersonName(
                            full=full, first=first, middle=middle, last=last, spans={"full": span}
                        ),
                        address=_address(pairs, span),
                        kind=EntityKind.ORGANIZATION
                        if looks_like_organization(full)
                        else EntityKind.PERSON
                        if first
                        else EntityKind.UNKNOWN,
                        spans={"name": span},
                    )
                )
            elif table.get("summary") == "Relationship of Person" and persons:
                persons[-1].relationships = [
                    _RELATIONSHIPS[label]
                    for label in _ticked(_checks(table))
                    if label in _RELATIONSHIPS
                ]
    return persons


def _exemptions(checks: list[_Check]) -> list[str]:
    codes: list[str] = []
    for ticked in _ticked(checks):
        label = " ".join(ticked.split())
        match = _SECTION_3C.match(label)
        code = f"3C.{match.group(1)}" if match else _EXEMPTIONS.get(label)
        if code:
            codes.append(code)
    return codes


def _sales_compensation(page: HtmlPage, elements: list[etree._Element]) -> list[SalesCompensation]:
    found: list[SalesCompensation] = []
    for table in _iter(elements, "table"):
        if table.get("summary") != "Sales Compensation":
            continue
        pairs = _grid(table)
        fields: dict[str, str | None] = {}
        for label, key in (
            ("Recipient", "recipient"),
            ("Recipient CRD Number", "recipient_crd"),
            ("(Associated) Broker or Dealer", "broker_dealer"),
            ("(Associated) Broker or Dealer CRD Number", "broker_dealer_crd"),
        ):
            fields[key] = _lookup(pairs, label)
            box = _none_box(table, label)
            if box and box.ticked:
                fields[key] = None  # "None" ticked: the value printed beside it is the word None
        states = [
            c.label
            for c in _checks(table)
            if c.ticked and c.label not in ("None", "Foreign/non-US")
        ]
        found.append(
            SalesCompensation(
                recipient=fields["recipient"],
                recipient_crd=fields["recipient_crd"],
                broker_dealer=fields["broker_dealer"],
                broker_dealer_crd=fields["broker_dealer_crd"],
                states=states,
                spans={"recipient": page.span(table)},
            )
        )
    return found


def _none_box(table: etree._Element, label: str) -> _Check | None:
    """The "None" tick box printed in the same small table as ``label``."""
    for td in table.iter("td"):
        if "FormText" in _classes(td) and element_text(td) == label:
            row = td.getparent()
            if row is None:
                return None
            checks = [c for c in _checks(row) if c.label == "None"]
            return checks[0] if checks else None
    return None


def _offering(page: HtmlPage, sections: dict[str, list[etree._Element]]) -> Offering:
    def checks(number: str) -> list[_Check]:
        return _checks(sections.get(number, []))

    industry = [label for label in _ticked(checks("4")) if label not in _FUND_TYPES | {"Yes", "No"}]
    revenue = nav = None
    for row in _iter(sections.get("5", []), "tr"):
        pair = _checks(row)
        for index, check in enumerate(pair[:2]):
            if check.ticked and index == 0:
                revenue = check.label
            elif check.ticked:
                nav = check.label
    filing_type = set(_ticked(checks("7")))
    first_sale = None
    for td in _iter(sections.get("7", []), "td"):
        if element_text(td) == "Date of First Sale":
            nxt = td.getnext()
            first_sale = parse_date(_text(nxt))
    types = _ticked(checks("9"))
    offering = Offering(
        industry_group=industry[0] if industry else None,
        revenue_range=revenue,
        aggregate_net_asset_value_range=nav,
        exemptions=_exemptions(checks("6")),
        is_amendment=True
        if "Amendment" in filing_type
        else False
        if "New Notice" in filing_type
        else None,
        date_of_first_sale=first_sale,
        first_sale_yet_to_occur="First Sale Yet to Occur" in filing_type,
        more_than_one_year=_yes_no(checks("8")),
        security_types=types,
        business_combination=_yes_no(checks("10")),
        sales_compensation=_sales_compensation(page, sections.get("12", [])),
    )
    for row in _iter(sections.get("11", []), "tr"):
        offering.minimum_investment = _amount(page, row, "minimum investment")
    for row in _iter(sections.get("13", []), "tr"):
        label = next((element_text(td) for td in row if _is_label(td)), "")
        indefinite = any(c.ticked and c.label == "Indefinite" for c in _checks(row))
        if label == "Total Offering Amount":
            offering.total_offering_amount = _amount(page, row, label)
            offering.total_offering_indefinite = indefinite
        elif label == "Total Amount Sold":
            offering.total_amount_sold = _amount(page, row, label)
        elif label == "Total Remaining to be Sold":
            offering.total_remaining = _amount(page, row, label)
            offering.total_remaining_indefinite = indefinite
    for table in _iter(sections.get("14", []), "table"):
        summary = table.get("summary") or ""
        count = next((element_text(td) for td in table.iter("td") if _is_data(td)), "")
        if "Non Accredited" in summary:
            offering.has_non_accredited_investors = bool(count)
            offering.non_accredited_investors = int(count) if count.isdigit() else None
        elif "Total Number" in summary:
            offering.total_investors = int(count) if count.isdigit() else None
    for row in _iter(sections.get("15", []), "tr"):
        label = next((element_text(td) for td in row if _is_label(td)), "")
        if label == "Sales Commissions":
            offering.sales_commissions = _amount(page, row, label)
        elif label == "Finders' Fees":
            offering.finders_fees = _amount(page, row, label)
    proceeds = sections.get("16", [])
    for table in _iter(proceeds, "table"):
        if table.get("summary") == "Use of Proceeds":
            row = next(table.iter("tr"))
            offering.gross_proceeds_used = _amount(page, row, "gross proceeds used")
    offering.use_of_proceeds_clarification = _clarification(proceeds)
    return offering


def _clarification(elements: list[etree._Element]) -> str | None:
    after = False
    for el in elements:
        if el.tag == "p" and element_text(el).startswith("Clarification of Response"):
            after = True
        elif after and el.tag == "span":
            return element_text(el) or None
    return None


def _signatures(page: HtmlPage, root: etree._Element) -> list[Signature]:
    signatures: list[Signature] = []
    for table in root.iter("table"):
        if table.get("summary") != "Signature Block":
            continue
        header = [element_text(th) for th in table.iter("th")]
        for tr in table.iter("tr"):
            cells = [td for td in tr if td.tag == "td"]
            if len(cells) != len(header):
                continue
            row = {h: _text(c) for h, c in zip(header, cells, strict=True)}
            signatures.append(
                Signature(
                    name=row.get("Name of Signer"),
                    title=row.get("Title"),
                    on_behalf_of=row.get("Issuer"),
                    date=parse_date(row.get("Date")),
                    spans={"name": page.span(tr)},
                )
            )
    return signatures


def parse(source: Source) -> ParsedFiling:
    root = parse_html(source.text)
    page = HtmlPage(tree=root.getroottree(), name=source.name)
    sections = _sections(root)
    issuer = _issuer(page, sections)
    offering = _offering(page, sections)
    persons = _related_persons(page, sections.get("3", []))
    if not persons:
        page.warn("related-persons-missing", "no related person found in section 3")
    signatures = _signatures(page, root)
    if not signatures:
        page.warn("signature-missing", "no signature block")
    amendment = bool(offering.is_amendment)
    filing = FilingInfo(
        form_type="D/A" if amendment else "D",
        amendment=amendment,
        source=source.name,
        sha256=source.sha256,
        input_format=InputFormat.HTML,
        signature_date=signatures[0].date if signatures else None,
    )
    document = FormDFiling(
        filing=filing,
        issuers=[issuer],
        related_persons=persons,
        offering=offering,
        signatures=signatures,
    )
    return ParsedFiling(document=document, warnings=page.warnings)
