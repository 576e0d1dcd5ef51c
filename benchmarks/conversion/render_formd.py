"""A Form D record (read from its primary_doc.xml) as the SEC's web page shows it.

The page is the SEC's own rendering of a Form D (tests/corpus/rendered/hashnote__formD_...)
used as a template: every tick box is cleared and ticked again from the record, every value
cell refilled, and the blocks that repeat (related persons, sales compensation recipients,
signatures) copied once per entry. Labels, layout and the industry grid stay the SEC's.
Two-letter state codes are printed as the XML gives them (the SEC prints the state's name).
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from pathlib import Path

import lxml.html
from lxml import etree

from secgraph.models import FormDFiling, FormDIssuer, RelatedPerson, SalesCompensation

TEMPLATE = (
    Path(__file__).resolve().parents[2]
    / "tests/corpus/rendered/hashnote__formD_rendered_primary_doc.html"
)
_EXEMPTIONS = {
    "04": "Rule 504(b)(1) (not (i), (ii) or (iii))",
    "04.1": "Rule 504 (b)(1)(i)",
    "04.2": "Rule 504 (b)(1)(ii)",
    "04.3": "Rule 504 (b)(1)(iii)",
    "06b": "Rule 506(b)",
    "06c": "Rule 506(c)",
    "4a5": "Securities Act Section 4(a)(5)",
    "3C": "Investment Company Act Section 3(c)",
}
_AGES = {
    "over_five_years": "Over Five Years Ago",
    "within_five_years": "Within Last Five Years (Specify Year)",
    "yet_to_be_formed": "Yet to Be Formed",
}
_RELATIONSHIPS = {
    "executive_officer": "Executive Officer",
    "director": "Director",
    "promoter": "Promoter",
}
El = etree._Element


def _text(el: El) -> str:
    return " ".join("".join(el.itertext()).split())


def _label(text: str) -> str:
    return " ".join(text.replace(" and ", " & ").split())


def _classes(el: El) -> list[str]:
    return (el.get("class") or "").split()


def _set(el: El, value: str | None) -> None:
    for child in list(el):
        el.remove(child)
    el.text = value or ""


def _set_data(el: El, value: str | None) -> None:
    """Put a value in a cell: in its FormData span when it has one, else as its text."""
    span = next((s for s in el.iter("span") if "FormData" in _classes(s)), None)
    _set(span if span is not None else el, value)


def _money_cell(td: El, value: Decimal | None) -> None:
    _set(td, None)
    if value is None:
        return
    dollar = etree.SubElement(td, "span", {"class": "FormText"})
    dollar.text = "$"
    amount = etree.SubElement(td, "span", {"class": "FormData"})
    amount.text = f"{value:,f}".rstrip("0").rstrip(".") if "." in str(value) else f"{value:,}"


def _sections(root: El) -> dict[str, list[El]]:
    sections: dict[str, list[El]] = {}
    current: list[El] | None = None
    body = root.find("body")
    for el in body if body is not None else root:
        if el.tag == "p" and "SectionTitle" in _classes(el):
            number = _text(el).split(".")[0]
            current = sections.setdefault(number if number.isdigit() else _text(el), [])
        elif current is not None and isinstance(el.tag, str):
            current.append(el)
    return sections


def _boxes(elements: list[El] | El) -> list[El]:
    roots = elements if isinstance(elements, list) else [elements]
    return [td for r in roots for td in r.iter("td") if "CheckBox" in _classes(td)]


def _tick(elements: list[El] | El, label: str, nth: int = 0) -> bool:
    """Tick the nth box whose label cell reads ``label``."""
    seen = 0
    for td in _boxes(elements):
        nxt = td.getnext()
        if nxt is not None and _text(nxt) == label:
            if seen == nth:
                _set(td, None)
                etree.SubElement(td, "span", {"class": "FormData"}).text = "X"
                return True
            seen += 1
    return False


def _data_cells(elements: list[El]) -> list[El]:
    return [
        td
        for r in elements
        for td in r.iter("td")
        if "FormData" in _classes(td)
        and not any(a.get("summary") == "List of Previous Names" for a in td.iterancestors("table"))
    ]


def _issuer(section1: list[El], section2: list[El], issuer: FormDIssuer) -> None:
    link = next(a for r in section1 for a in r.iter("a"))
    link.set("href", f"/cgi-bin/browse-edgar?action=getcompany&CIK={issuer.cik or ''}")
    link.text = issuer.cik or ""
    names = next(
        t for r in section1 for t in r.iter("table") if t.get("summary") == "List of Previous Names"
    )
    body = names.find("tbody")
    holder = body if body is not None else names
    for row in list(holder):
        holder.remove(row)
    for name in issuer.previous_names:
        row = etree.SubElement(holder, "tr")
        etree.SubElement(row, "td", {"class": "FormData"}).text = name
    if not issuer.previous_names:
        _tick(section1, "None")
    if issuer.entity_type and not _tick(section1, _label(issuer.entity_type)):
        _tick(section1, "Other (Specify)")
    cells = _data_cells(section1)
    _set(cells[0], issuer.name)
    _set(cells[1], issuer.jurisdiction)
    if issuer.incorporation_age is not None:
        _tick(section1, _AGES[issuer.incorporation_age.value])
    year_box = next(
        td
        for td in _boxes(section1)
        if (n := td.getnext()) is not None and _text(n).startswith("Within Last")
    )
    year_cell = year_box.getnext().getnext()  # type: ignore[union-attr]
    if year_cell is not None:
        _set_data(year_cell, str(issuer.year_of_incorporation or ""))
    a = issuer.address
    values = [
        issuer.name,
        *((a.street1, a.street2, a.city, a.state, a.zip) if a else [None] * 5),
        issuer.phone,
    ]
    for td, value in zip(_data_cells(section2), values, strict=True):
        _set(td, value)


def _fill_row(row: El, values: list[str | None]) -> None:
    for td in list(row):
        row.remove(td)
    for value in values:
        etree.SubElement(row, "td", {"class": "FormData"}).text = value or ""


def _persons(section3: list[El], persons: list[RelatedPerson]) -> None:
    parent = section3[0].getparent()
    assert parent is not None
    block = list(section3)
    anchor = block[0].getprevious()
    for el in block:
        parent.remove(el)
    at = parent.index(anchor) + 1 if anchor is not None else 0
    for person in persons:
        copies = [copy.deepcopy(el) for el in block]
        table, relationship = copies[0], copies[1]
        rows = [tr for tr in table.iter("tr")]
        name = person.name
        a = person.address
        _fill_row(rows[1], [name.last or name.full, name.first, name.middle])
        _fill_row(rows[3], [a.street1, a.street2] if a else [None, None])
        _fill_row(rows[5], [a.city, a.state, a.zip] if a else [None, None, None])
        for td in _boxes(relationship):
            _set(td, None)
        for rel in person.relationships:
            _tick(relationship, _RELATIONSHIPS[rel.value])
        clarification = next(el for el in copies if el.tag == "span")
        _set(clarification, person.clarification)
        for el in copies:
            parent.insert(at, el)
            at += 1


def _sales(section12: list[El], items: list[SalesCompensation]) -> None:
    div = section12[0]
    parent = div.getparent()
    assert parent is not None
    at = parent.index(div)
    parent.remove(div)
    for item in items:
        block = copy.deepcopy(div)
        for td in _boxes(block):
            _set(td, None)
        rows = [
            tr
            for tr in block.iter("tr")
            if tr.getparent() is block.find("table") or tr.getparent() is block.find("table/tbody")
        ]
        data = [r for r in rows if any("FormData" in _classes(td) for td in r)]
        _fill_row(data[0], [item.recipient or "None", item.recipient_crd or "None"])
        _fill_row(data[1], [item.broker_dealer or "None", item.broker_dealer_crd or "None"])
        _fill_row(data[2], [None])
        _fill_row(data[3], [None, None, None])
        if item.recipient_crd is None:
            _tick(block, "None", 0)
        if item.broker_dealer is None:
            _tick(block, "None", 1)
        if item.broker_dealer_crd is None:
            _tick(block, "None", 2)
        if "All States" in item.states:
            _tick(block, "All States")
        else:
            last = rows[-1]
            _fill_row(last, [])
            for state in item.states:
                etree.SubElement(last, "td", {"class": "CheckBox"}).append(
                    etree.fromstring('<span class="FormData">X</span>')
                )
                etree.SubElement(last, "td", {"class": "FormText"}).text = state
        parent.insert(at, block)
        at += 1


def _amount_row(
    section: list[El], label: str, value: Decimal | None, indefinite: bool = False
) -> None:
    for tr in (tr for r in section for tr in r.iter("tr")):
        cells = [td for td in tr if td.tag == "td"]
        if cells and _text(cells[0]) == label:
            _money_cell(cells[1], value)
            for td in _boxes(tr):
                _set(td, None)
            if indefinite:
                _tick(tr, "Indefinite")
            return


def _count(section14: list[El], summary: str, value: int | None) -> None:
    table = next(
        t for r in section14 for t in r.iter("table") if summary in (t.get("summary") or "")
    )
    row = next(table.iter("tr"))
    _fill_row(row, [str(value)] if value is not None else [])


def render(doc: FormDFiling) -> str:
    root = lxml.html.document_fromstring(TEMPLATE.read_bytes())
    for td in _boxes(root):
        _set(td, None)
    s = _sections(root)
    if doc.issuers:
        _issuer(s["1"], s["2"], doc.issuers[0])
    _persons(s["3"], doc.related_persons)
    o = doc.offering
    if o.industry_group:
        _tick(s["4"], _label(o.industry_group))
    if o.revenue_range:
        _tick(s["5"], o.revenue_range, 0)
    if o.aggregate_net_asset_value_range:
        label = o.aggregate_net_asset_value_range
        _tick(
            s["5"],
            label,
            1 if label in ("Decline to Disclose", "Not Applicable", "Over $100,000,000") else 0,
        )
    for code in o.exemptions:
        if code.startswith("3C."):
            _tick(s["6"], f"Section 3(c)({code[3:]})")
        elif code in _EXEMPTIONS:
            _tick(s["6"], _EXEMPTIONS[code])
    _tick(s["7"], "Amendment" if o.is_amendment else "New Notice")
    first_sale = next(
        td for r in s["7"] for td in r.iter("td") if _text(td) == "Date of First Sale"
    )
    _set(first_sale.getnext(), o.date_of_first_sale.isoformat() if o.date_of_first_sale else "")  # type: ignore[arg-type]
    if o.first_sale_yet_to_occur:
        _tick(s["7"], "First Sale Yet to Occur")
    if o.more_than_one_year is not None:
        _tick(s["8"], "Yes" if o.more_than_one_year else "No")
    for kind in o.security_types:
        _tick(s["9"], kind)
    if o.business_combination is not None:
        _tick(s["10"], "Yes" if o.business_combination else "No")
    minimum = next(td for r in s["11"] for td in r.iter("td") if td.get("align") == "right")
    _money_cell(minimum, o.minimum_investment)
    _sales(s["12"], o.sales_compensation)
    _amount_row(
        s["13"], "Total Offering Amount", o.total_offering_amount, o.total_offering_indefinite
    )
    _amount_row(s["13"], "Total Amount Sold", o.total_amount_sold)
    _amount_row(
        s["13"], "Total Remaining to be Sold", o.total_remaining, o.total_remaining_indefinite
    )
    if o.has_non_accredited_investors:
        _set(_boxes(s["14"])[0], None)
        etree.SubElement(_boxes(s["14"])[0], "span", {"class": "FormData"}).text = "X"
    _count(
        s["14"],
        "Non Accredited",
        o.non_accredited_investors if o.has_non_accredited_investors else None,
    )
    _count(s["14"], "Total Number", o.total_investors)
    _amount_row(s["15"], "Sales Commissions", o.sales_commissions)
    _amount_row(s["15"], "Finders' Fees", o.finders_fees)
    proceeds = next(
        t for r in s["16"] for t in r.iter("table") if t.get("summary") == "Use of Proceeds"
    )
    _money_cell(
        [td for td in next(proceeds.iter("tr")) if td.tag == "td"][1], o.gross_proceeds_used
    )
    _set(next(el for el in s["16"] if el.tag == "span"), o.use_of_proceeds_clarification)
    block = next(t for t in root.iter("table") if t.get("summary") == "Signature Block")
    body = block.find("tbody")
    assert body is not None
    template_row = body[0]
    body.remove(template_row)
    for sig in doc.signatures:
        row = copy.deepcopy(template_row)
        _fill_row(
            row,
            [
                sig.on_behalf_of,
                sig.name,
                sig.name,
                sig.title,
                sig.date.isoformat() if isinstance(sig.date, dt.date) else None,
            ],
        )
        body.append(row)
    return lxml.html.tostring(
        root,
        encoding="unicode",
        doctype=(
            '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" '
            '"http://www.w3.org/TR/html4/loose.dtd">'
        ),
    )
