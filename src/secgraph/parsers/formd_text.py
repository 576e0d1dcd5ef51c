"""Form D (and D/A) converted to text, in any of the styles converters produce.

A converted Form D keeps the form's numbered sections ("1. Issuer's Identity" ... "16. Use of
Proceeds", "Signature and Submission") and its field labels, but each converter draws values
and ticks its own way, and one document may mix them section by section (the seed
``examples/filings/001`` does):

* HTML inputs left in the text (``<input type="text" value="X"/>``, checked boxes);
* markdown bold for a filled value or the ticked choice (``Last Name **Maxwell**``,
  ``Executive Officer **Director** Promoter``);
* tab-split tables: a row of labels, then a row of values in the same columns;
* ``Label: value`` lines, ``[X]``/``☒``/bare ``X`` tick marks.

The text is first normalized (:func:`~secgraph.normalize.text.clean_text`, then
:func:`~secgraph.normalize.markup.normalize_markup`, which turns inputs into values and ``[X]``
/ ``[ ]`` boxes while keeping lines and bold). Fields are then read per section by
:class:`~secgraph.parsers.form_layout.FormText`: a label's value is the text after it on its
line (up to the next label or tick box) or, when that is empty, the cell in the same column of
the next value row. A choice the text leaves unmarked stays None (with a warning when the form
requires it). Spans hold the 1-based line and the character offsets in that normalized text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
    ParseWarning,
    PersonName,
    Record,
    RelatedPerson,
    RelatedRelationship,
    SalesCompensation,
    Signature,
)
from secgraph.normalize.converted import merged_boxed_rows, normalize_converted_line, unmangle
from secgraph.normalize.dates import parse_date
from secgraph.normalize.doubt import cut_value, signer_doubt
from secgraph.normalize.lines import join_lines, split_lines
from secgraph.normalize.markup import is_markup_document, normalize_markup
from secgraph.normalize.names import looks_like_organization
from secgraph.normalize.numbers import parse_decimal
from secgraph.normalize.text import clean_text
from secgraph.parsers.form_layout import FormText, Value
from secgraph.parsers.html_text import tables_as_text
from secgraph.parsers.source import Source

# The form's numbered items, as printed on Form D (17 CFR 239.500).
SECTION_TITLES: dict[int, str] = {
    1: "Issuer's Identity",
    2: "Principal Place of Business and Contact Information",
    3: "Related Persons",
    4: "Industry Group",
    5: "Issuer Size",
    6: "Federal Exemption(s) and Exclusion(s) Claimed",
    7: "Type of Filing",
    8: "Duration of Offering",
    9: "Type(s) of Securities Offered",
    10: "Business Combination Transaction",
    11: "Minimum Investment",
    12: "Sales Compensation",
    13: "Offering and Sales Amounts",
    14: "Investors",
    15: "Sales Commissions & Finders' Fees Expenses",
    16: "Use of Proceeds",
    17: "Signature and Submission",
}

ENTITY_TYPES = (
    "Corporation",
    "Limited Partnership",
    "Limited Liability Company",
    "General Partnership",
    "Business Trust",
    "Other",
)
INCORPORATION_AGES = {
    "Over Five Years Ago": IncorporationAge.OVER_FIVE_YEARS,
    "Within Last Five Years": IncorporationAge.WITHIN_FIVE_YEARS,
    "Yet to Be Formed": IncorporationAge.YET_TO_BE_FORMED,
}
RELATIONSHIPS = {
    "Executive Officer": RelatedRelationship.EXECUTIVE_OFFICER,
    "Director": RelatedRelationship.DIRECTOR,
    "Promoter": RelatedRelationship.PROMOTER,
}
# Selectable industry groups (the group headings Banking & Financial Services, Energy, Health
# Care, Real Estate, Technology and Travel are not choices themselves).
INDUSTRY_GROUPS = (
    "Agriculture", "Commercial Banking", "Insurance", "Investing", "Investment Banking",
    "Pooled Investment Fund", "Hedge Fund", "Private Equity Fund", "Venture Capital Fund",
    "Other Investment Fund", "Other Banking & Financial Services", "Business Services",
    "Coal Mining", "Electric Utilities", "Energy Conservation", "Environmental Services",
    "Oil & Gas", "Other Energy", "Biotechnology", "Health Insurance", "Hospitals & Physicians",
    "Pharmaceuticals", "Other Health Care", "Manufacturing", "Commercial", "Construction",
    "REITS & Finance", "Residential", "Other Real Estate", "Retailing", "Restaurants",
    "Computers", "Telecommunications", "Other Technology", "Airlines & Airports",
    "Lodging & Conventions", "Tourism & Travel Services", "Other Travel", "Other",
)  # fmt: skip
_SIZE_RANGES = (
    "No Revenues", "No Aggregate Net Asset Value", "$1 - $1,000,000", "$1,000,001 - $5,000,000",
    "$1 - $5,000,000", "$5,000,001 - $25,000,000", "$25,000,001 - $50,000,000",
    "$25,000,001 - $100,000,000", "$50,000,001 - $100,000,000", "Over $100,000,000",
    "Decline to Disclose", "Not Applicable",
)  # fmt: skip
# Exemptions as the form prints them -> the item codes of the Form D XML
# (federalExemptionsExclusions/item), the values every Form D parser stores.
EXEMPTIONS = {
    "Rule 504(b)(1) (not (i), (ii) or (iii))": "04",
    "Rule 504 (b)(1)(i)": "04.1",
    "Rule 504 (b)(1)(ii)": "04.2",
    "Rule 504 (b)(1)(iii)": "04.3",
    "Rule 505": "05",
    "Rule 506(b)": "06b",
    "Rule 506(c)": "06c",
    "Securities Act Section 4(a)(5)": "4a5",
    "Investment Company Act Section 3(c)": "3C",
    **{f"Section 3(c)({n})": f"3C.{n}" for n in range(1, 15)},
}
SECURITY_TYPES = (
    "Equity",
    "Debt",
    "Pooled Investment Fund Interests",
    "Tenant-in-Common Securities",
    "Mineral Property Securities",
    "Option, Warrant or Other Right to Acquire Another Security",
    "Security to be Acquired Upon Exercise of Option, Warrant or Other Right to Acquire Security",
    "Other (describe)",
)
_YES_NO = ("Yes", "No")

# Field labels per section: key -> regular expression (blanks are flexible, case ignored).
_ISSUER = {
    "cik": r"CIK \(Filer ID Number\)",
    "name": r"Name of Issuer",
    "previous": r"Previous Names?(?:\(s\))?",
    "jurisdiction": r"Jurisdiction of Incorporation/Organization",
    "year": r"Within Last Five Years(?: \(Specify Year\))?",
}
_ADDRESS = {
    "street1": r"Street Address 1",
    "street2": r"Street Address 2",
    "city": r"City",
    "state": r"State/Province/Country",
    "zip": r"ZIP/Postal(?: )?Code",
}
_CONTACT = {"name": r"Name of Issuer", "phone": r"Phone (?:No\.|Number) of Issuer", **_ADDRESS}
_PERSON = {
    "last": r"Last Name",
    "first": r"First Name",
    "middle": r"Middle Name",
    "clarification": r"Clarification of Response \(if Necessary\):?",
    **_ADDRESS,
}
_COMPENSATION = {
    "recipient": r"Recipient",
    "recipient_crd": r"Recipient CRD Number",
    "broker": r"\(Associated\) Broker or Dealer",
    "broker_crd": r"\(Associated\) Broker or Dealer CRD Number",
    **_ADDRESS,
}
_AMOUNTS = {
    "offering": r"Total Offering Amount",
    "sold": r"Total Amount Sold",
    "remaining": r"Total Remaining to be Sold",
}
_INVESTORS = {
    "non_accredited": r"Number of such non-accredited investors who already have invested in "
    r"the offering",
    "total": r"(?:enter )?the total number of investors who already have invested in the "
    r"offering:?|Total Number of Investors(?: who already have invested in the offering)?:?",
}
# At the start of a line: the instructions above them mention "sales commissions" too.
_FEES = {"commissions": r"^\W*Sales Commissions", "finders": r"^\W*Finders'? Fees"}
_SIGNATURE = {
    "issuer": r"Issuer",
    "signature": r"Signature",
    "name": r"Name of Signer",
    "title": r"Title",
    "date": r"Date",
}
_CLARIFICATION = {"clarification": _PERSON["clarification"]}
_NO_VALUE = {"n/a", "na", "none", "-", "--"}  # what filers type into a field that has no value
_MONEY = re.compile(r"\$\s*(\d[\d,]*(?:\.\d+)?)")


def detect(source: Source) -> bool:
    """A Form D as text: the form's title and either its subtitle or two of its item titles."""
    head = source.head
    if is_markup_document(head):
        return False
    flat = re.sub(r"[\s*#\\_]+", " ", clean_text(head)).lower()
    if not re.search(r"\bform d\b", flat):
        return False
    if "notice of exempt offering of securities" in flat:
        return True
    titles = ("issuer's identity", "related persons", "federal exemption", "issuer size")
    return sum(title in flat for title in titles) >= 2


def _unconvert(text: str) -> str:
    """The converters' habits undone line by line (box and pipe borders as column breaks,
    rules blank, link numbers dropped...), a box-drawn table's wrapped rows rebuilt; the
    number of lines is kept."""
    text = tables_as_text(text.replace("\r\n", "\n"))
    lines = map(unmangle, split_lines(text))
    return join_lines(map(normalize_converted_line, merged_boxed_rows(lines)))


def normalize_document(text: str) -> str:
    """The normalized text that every span of :func:`parse` points into."""
    return normalize_markup(clean_text(_unconvert(text)))


def parse(source: Source) -> ParsedFiling:
    form = FormText(normalize_document(source.text), SECTION_TITLES)
    warnings: list[ParseWarning] = []
    if not form.sections or 1 not in form.sections:
        raise MalformedDocumentError(
            "no Form D item headings found (expected '1. Issuer's Identity')", source=source.name
        )
    issuer = _issuer(form, warnings)
    offering, form_type = _offering(form, warnings)
    signatures = _signatures(form, warnings)
    document = FormDFiling(
        filing=FilingInfo(
            form_type=form_type,
            amendment=form_type == "D/A",
            source=source.name,
            sha256=source.sha256,
            input_format=InputFormat.TEXT,
            signature_date=next((s.date for s in signatures if s.date), None),
        ),
        issuers=[issuer],
        related_persons=_related_persons(form, warnings),
        offering=offering,
        signatures=signatures,
    )
    warnings.extend(_missing(document, form))
    return ParsedFiling(document=document, warnings=warnings)


def _issuer_name(
    first: Value | None, second: Value | None, warnings: list[ParseWarning]
) -> Value | None:
    """The issuer's name, printed twice (items 1 and 2). Two readings that differ are a cell
    cut by a wrap or a neighbour's text run in: neither is trusted."""
    if first is None or second is None or first.text == second.text:
        return first or second
    warnings.append(
        ParseWarning(
            code="doubtful-issuer-name",
            message=f"the issuer's name reads {first.text!r} in item 1 and {second.text!r} in "
            "item 2 (a wrapped or shifted cell); not read",
            span=first.span(),
        )
    )
    return None


def _issuer(form: FormText, warnings: list[ParseWarning]) -> FormDIssuer:
    lo, hi = form.section(1)
    stops = [*ENTITY_TYPES, *INCORPORATION_AGES, "None"]
    fields = form.fields(lo, hi, _ISSUER, stops=stops, wraps=["name"])
    contact = form.fields(*form.section(2), _CONTACT, wraps=["name"])
    issuer = FormDIssuer()
    _put(issuer, "name", _issuer_name(fields.get("name"), contact.get("name"), warnings))
    cik = fields.get("cik")
    if cik and cik.text.isdigit():
        _put(issuer, "cik", cik, cik.text.zfill(10))
    _put(issuer, "jurisdiction", fields.get("jurisdiction"))
    phone = contact.get("phone")
    _put(issuer, "phone", phone if phone and _PHONE.match(phone.text) else None)
    entity = form.choice(lo, hi, ENTITY_TYPES)
    if entity:
        _put(issuer, "entity_type", entity)
    age = form.choice(lo, hi, INCORPORATION_AGES)
    if age:
        _put(issuer, "incorporation_age", age, INCORPORATION_AGES[age.text])
    year = fields.get("year")
    if year and re.fullmatch(r"\d{4}", year.text):
        _put(issuer, "year_of_incorporation", year, int(year.text))
    previous = fields.get("previous")
    none_ticked = form.ticked(lo, hi, ["None"])
    if previous and not none_ticked and previous.text.lower() != "none":
        _put(issuer, "previous_names", previous, [previous.text])
    issuer.address = _address(contact)
    return issuer


# What each address part can look like: a value of another shape is a neighbour's that a
# conversion shifted into this column (html2text's "CA" under ZIP, a label under City), and is
# left out rather than written in the wrong field.
_ADDRESS_SHAPES = {
    "city": re.compile(r"^(?!.*(?:/|Province|Postal|Phone|Number|Address))[^\d]*[A-Za-z][^\d]*$"),
    "state": re.compile(r"^(?!.*(?:/|Province|Postal|Phone|Number))[A-Za-z][A-Za-z .,'-]*$"),
    "zip": re.compile(r"^(?=.*\d)[A-Z0-9][A-Z0-9 \-]{1,9}$", re.IGNORECASE),
}
_PHONE = re.compile(r"^\+?[\d\s().\-]{7,}$")


def _shaped(key: str, value: Value | None) -> Value | None:
    shape = _ADDRESS_SHAPES.get(key)
    if value is None or shape is None or shape.match(value.text):
        return value
    return None


# A city that ends in a state code while the state's own column is empty or of another shape:
# the city and state run together, the columns after them shifted ("CHARLOTTESVILLE VA").
_CITY_AND_STATE = re.compile(r"\s[A-Z]{2}$")


def _address(fields: dict[str, Value]) -> Address | None:
    address = Address()
    shaped = {k: _shaped(k, fields.get(k)) for k in ("street1", "street2", "city", "state", "zip")}
    city, state = shaped["city"], shaped["state"]
    if city is not None and state is None and _CITY_AND_STATE.search(city.text):
        shaped["city"] = shaped["zip"] = None
    for key, value in shaped.items():
        _put(address, key, value)
    return address if address.spans else None


def _related_persons(form: FormText, warnings: list[ParseWarning]) -> list[RelatedPerson]:
    lo, hi = form.section(3)
    starts = [i for i in range(lo, hi) if form.find(i, _PERSON["last"])]
    persons: list[RelatedPerson] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else hi
        fields = form.fields(start, end, _PERSON, wraps=["last", "first"])
        last = fields.get("last")
        if last and "first" not in fields and _run_together(last.text):
            # "Chao Lesley" alone under Last Name / First Name / Middle Name: a last name of
            # two words, or a last and a first name whose separator the conversion lost.
            warnings.append(
                ParseWarning(
                    code="doubtful-name",
                    message=f"related person's name {last.text!r} fills one cell under the "
                    "name labels: which words are the last name is not known; not read",
                    span=last.span(),
                )
            )
            del fields["last"]
        name = PersonName()
        for key in ("first", "middle", "last"):
            value = fields.get(key)
            if value and re.search(r"\d", value.text) and not looks_like_organization(value.text):
                # a number of a neighbouring field ("4.00") in a person's name: shifted
                warnings.append(
                    ParseWarning(
                        code="doubtful-name",
                        message=f"related person's {key} name {value.text!r} holds a number",
                        span=value.span(),
                    )
                )
                continue
            if value and value.text.lower() not in _NO_VALUE:
                _put(name, key, value)
        parts = [name.first, name.middle, name.last]
        name.full = " ".join(p for p in parts if p) or None
        # A promoter or general partner is often a company: its name fills "Last Name".
        kind = EntityKind.UNKNOWN
        if looks_like_organization(name.full):
            kind = EntityKind.ORGANIZATION
        elif name.first and name.last:
            kind = EntityKind.PERSON
        person = RelatedPerson(name=name, address=_address(fields), kind=kind)
        states = form.options(start, end, RELATIONSHIPS)
        for label, (state, value) in states.items():
            if state:
                person.relationships.append(RELATIONSHIPS[label])
                person.spans.setdefault("relationships", value.span())
        _put(person, "clarification", form.paragraph(start, end, _PERSON["clarification"], _PERSON))
        if not person.relationships:
            warnings.append(
                ParseWarning(
                    code="relationship_unmarked",
                    message=f"related person {name.full!r}: no relationship is marked",
                    span=form.span_of_line(start),
                )
            )
        persons.append(person)
    return persons


def _run_together(text: str) -> bool:
    """Whether a person's name read whole from the Last Name cell, with no First Name cell,
    may be several cells run together: several words, not an organization's name."""
    return len(text.split()) > 1 and not looks_like_organization(text)


def _sure(
    form: FormText, section: int, options: Iterable[str], what: str, warnings: list[ParseWarning]
) -> bool:
    """Whether every tick mark of the item marks one of its options; else (a tick before
    words that are no option: an option cut by a wrap, a table of cut words) the item's ticks
    are not read, with a warning."""
    loose = form.loose_ticks(*form.section(section), options)
    if loose:
        warnings.append(
            ParseWarning(
                code="ticks-unread",
                message=f"item {section}: a tick marks no option it knows ({what} not read)",
                span=loose[0].span(),
            )
        )
    return not loose


def _offering(form: FormText, warnings: list[ParseWarning]) -> tuple[Offering, str]:
    offering = Offering()
    # (item 4 also asks whether a fund is a registered investment company: Yes / No)
    if _sure(form, 4, [*INDUSTRY_GROUPS, *_YES_NO], "industry group", warnings):
        _put(offering, "industry_group", form.choice(*form.section(4), INDUSTRY_GROUPS))
    _issuer_size(form, offering)
    lo, hi = form.section(6)
    exemptions = [(EXEMPTIONS[v.text], v) for v in form.ticked(lo, hi, EXEMPTIONS)]
    if exemptions and _sure(form, 6, EXEMPTIONS, "exemptions", warnings):
        _put(offering, "exemptions", exemptions[0][1], [name for name, _ in exemptions])
    form_type = _type_of_filing(form, offering)
    more = form.choice(*form.section(8), _YES_NO)
    _put(offering, "more_than_one_year", more, more.text == "Yes" if more else None)
    lo, hi = form.section(9)
    securities = form.ticked(lo, hi, SECURITY_TYPES)
    if securities and _sure(form, 9, SECURITY_TYPES, "types of securities", warnings):
        _put(offering, "security_types", securities[0], [v.text for v in securities])
    lo, hi = form.section(10)
    combination = form.choice(lo, hi, _YES_NO)
    _put(
        offering,
        "business_combination",
        combination,
        combination.text == "Yes" if combination else None,
    )
    lo, hi = form.section(11)
    minimum = form.fields(lo, hi, {"min": r"Minimum investment accepted from any outside investor"})
    _put_money(offering, "minimum_investment", minimum.get("min"))
    _sales_compensation(form, offering)
    _amounts(form, offering)
    _investors(form, offering)
    fees = form.fields(*form.section(15), _FEES, stops=["Estimate"])
    _put_money(offering, "sales_commissions", fees.get("commissions"))
    _put_money(offering, "finders_fees", fees.get("finders"))
    lo, hi = form.section(16)
    proceeds = next(
        (form.value_at(i) for i in range(lo, hi) if form.lines[i].lstrip().startswith("$")), None
    )
    _put_money(offering, "gross_proceeds_used", proceeds)
    clarification = form.paragraph(lo, hi, _CLARIFICATION["clarification"], _CLARIFICATION)
    _put(offering, "use_of_proceeds_clarification", clarification)
    return offering, form_type


def _issuer_size(form: FormText, offering: Offering) -> None:
    lo, hi = form.section(5)
    split = next((i for i in range(lo, hi) if form.find(i, r"Aggregate Net Asset Value Range")), hi)
    revenue_start = next((i for i in range(lo, hi) if form.find(i, r"Revenue Range")), lo)
    if split == revenue_start:  # both headings on one line: two columns of choices
        columns = form.column_choices(split + 1, hi, _SIZE_RANGES)
        _put(offering, "revenue_range", columns.get(0))
        _put(offering, "aggregate_net_asset_value_range", columns.get(1))
        return
    _put(offering, "revenue_range", form.choice(revenue_start, split, _SIZE_RANGES))
    _put(offering, "aggregate_net_asset_value_range", form.choice(split, hi, _SIZE_RANGES))


def _type_of_filing(form: FormText, offering: Offering) -> str:
    lo, hi = form.section(7)
    states = form.options(lo, hi, ["New Notice", "Amendment", "First Sale Yet to Occur"])
    amendment, new = states.get("Amendment"), states.get("New Notice")
    if amendment and amendment[0]:
        _put(offering, "is_amendment", amendment[1], True)
    elif new and new[0]:
        _put(offering, "is_amendment", new[1], False)
    elif amendment and amendment[0] is False:
        _put(offering, "is_amendment", amendment[1], False)
    yet = states.get("First Sale Yet to Occur")
    if yet and yet[0] is not None:
        _put(offering, "first_sale_yet_to_occur", yet[1], yet[0])
    first = form.fields(lo, hi, {"first": r"Date of First Sale"}, stops=list(states)).get("first")
    if first and (day := parse_date(first.text)):
        _put(offering, "date_of_first_sale", first, day)
    return "D/A" if offering.is_amendment else "D"


def _sales_compensation(form: FormText, offering: Offering) -> None:
    lo, hi = form.section(12)
    stops = ["None", "All States", "Foreign/Non-US"]
    fields = form.fields(lo, hi, _COMPENSATION, stops=stops, wraps=["recipient", "broker"])
    recipient = fields.get("recipient")
    if recipient is None or recipient.text.lower() == "none":
        return  # no recipient named: nothing to record (the form allows "None")
    comp = SalesCompensation()
    _put(comp, "recipient", recipient)
    for field, key in (("recipient_crd", "recipient_crd"), ("broker_dealer", "broker"),
                       ("broker_dealer_crd", "broker_crd")):  # fmt: skip
        value = fields.get(key)
        if value and value.text.lower() != "none":
            _put(comp, field, value)
    start = form.label_line(lo, hi, r"State\(s\) of Solicitation") or hi
    states = form.ticked_items(start, hi)
    if states:
        # (a state ticked in two columns of a wide table is one state)
        _put(comp, "states", states[0], list(dict.fromkeys(v.text for v in states)))
    offering.sales_compensation.append(comp)


def _amounts(form: FormText, offering: Offering) -> None:
    lo, hi = form.section(13)
    fields = form.fields(lo, hi, _AMOUNTS, stops=["Indefinite"])
    _put_money(offering, "total_amount_sold", fields.get("sold"))
    for key, amount_field, flag in (
        ("offering", "total_offering_amount", "total_offering_indefinite"),
        ("remaining", "total_remaining", "total_remaining_indefinite"),
    ):
        _put_money(offering, amount_field, fields.get(key))
        line = form.label_line(lo, hi, _AMOUNTS[key])
        if line is None:
            continue
        state = form.options(line, line + 1, ["Indefinite"]).get("Indefinite")
        if state is None:
            continue
        # The form requires an amount or a tick in "Indefinite". A converter that drops the
        # tick still prints the label; with no amount beside it, only "Indefinite" is valid.
        indefinite = state[0] if state[0] is not None else getattr(offering, amount_field) is None
        _put(offering, flag, state[1], indefinite)


def _investors(form: FormText, offering: Offering) -> None:
    lo, hi = form.section(14)
    select = "Select if securities in the offering have been or may be sold"
    state = form.options(lo, hi, [select]).get(select)
    if state and state[0] is not None:
        _put(offering, "has_non_accredited_investors", state[1], state[0])
    fields = form.fields(lo, hi, _INVESTORS)
    for key, field in (
        ("non_accredited", "non_accredited_investors"),
        ("total", "total_investors"),
    ):
        value = fields.get(key)
        number = parse_decimal(value.text) if value else None
        if value and number is not None and number == number.to_integral_value() and number >= 0:
            _put(offering, field, value, int(number))


def _signatures(form: FormText, warnings: list[ParseWarning]) -> list[Signature]:
    lo, hi = form.section(17)
    rows: list[dict[str, Value]] = []
    for i in range(lo, hi):
        # The header row names three labels or more; the terms above only repeat "issuer".
        if len({key for key, _, _ in form.hits(i, _SIGNATURE)}) >= 3:
            inline = form.fields(i, i + 1, _SIGNATURE)
            rows.extend([inline] if inline else form.rows_below(i, hi, _SIGNATURE))
    signatures = []
    keys = [set(row) for row in rows]
    if len(rows) > 1 and any(k != keys[0] for k in keys):
        # Rows of the signature table that do not fill the same columns: a long issuer name
        # or title wrapped onto a line of its own, read as a signer of its own. Which piece
        # goes with which signer is not known; no signature is read.
        warnings.append(
            ParseWarning(
                code="signatures-unread",
                message="the signature table's rows do not fill the same columns (wrapped "
                "cells?); no signature read",
            )
        )
        return []
    for row in rows:
        sig = Signature()
        name = row.get("name") or row.get("signature")
        doubt = signer_doubt(name.text) if name is not None else None
        if name is not None and doubt is not None:
            # a wrapped name cut at the line end, a title or a date in the name's column
            warnings.append(
                ParseWarning(
                    code="doubtful-signer", message=f"signer {name.text!r} not read: {doubt}"
                )
            )
            name = None
        _put(sig, "name", name)
        title = row.get("title")
        if title is not None and not re.search(r"[A-Za-z]{2}", title.text):
            title = None  # a date or a number in the title's column: shifted
        if title is not None and cut_value(title.text):
            # "Authorized Officer of the Manager of the": a wrapped title cut at a line end
            warnings.append(
                ParseWarning(code="doubtful-title", message=f"title {title.text!r} is cut")
            )
            title = None
        _put(sig, "title", title)
        _put(sig, "on_behalf_of", row.get("issuer"))
        date = row.get("date")
        if date and (day := parse_date(date.text)):
            _put(sig, "date", date, day)
        if sig.spans:
            signatures.append(sig)
    return signatures


_REQUIRED_ISSUER = ("name", "cik", "jurisdiction", "entity_type", "incorporation_age", "address")
_REQUIRED_OFFERING = (
    "industry_group", "exemptions", "is_amendment", "more_than_one_year", "security_types",
    "business_combination", "minimum_investment", "total_amount_sold", "total_investors",
)  # fmt: skip


def _missing(document: FormDFiling, form: FormText) -> list[ParseWarning]:
    """A warning for each value the form requires that the text does not give."""
    missing: list[str] = []
    issuer = document.issuers[0]
    missing += [f for f in _REQUIRED_ISSUER if getattr(issuer, f) in (None, [])]
    offering = document.offering
    missing += [f for f in _REQUIRED_OFFERING if getattr(offering, f) in (None, [])]
    if offering.revenue_range is None and offering.aggregate_net_asset_value_range is None:
        missing.append("issuer_size")
    if offering.total_offering_amount is None and not offering.total_offering_indefinite:
        missing.append("total_offering_amount")
    if not document.related_persons:
        missing.append("related_persons")
    if not document.signatures:
        missing.append("signature")
    return [
        ParseWarning(
            code=f"missing_{name}",
            message=f"Form D requires {name.replace('_', ' ')}, but the text gives none "
            "(left empty, not guessed)",
        )
        for name in missing
    ]


_UNSET = object()


_NOT_TEXT = re.compile(r"[\ufffd\u2500-\u257f]")


def _put(record: Record, field: str, value: Value | None, converted: object = _UNSET) -> None:
    """Set ``record.field`` from ``value`` (its text, or ``converted``) and record its span."""
    if value is None or (converted is _UNSET and _NOT_TEXT.search(value.text)):
        return  # (mojibake's U+FFFD or box-drawing: the value's characters were lost)
    setattr(record, field, value.text if converted is _UNSET else converted)
    record.spans[field] = value.span()


def _put_money(record: Record, field: str, value: Value | None) -> None:
    if value is None:
        return
    found = _MONEY.search(value.text)
    amount = parse_decimal(found.group(1)) if found else parse_decimal(value.text)
    if amount is not None:
        _put(record, field, value, amount)
