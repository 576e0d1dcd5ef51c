"""A Form 3, 4 or 5 record (read from its EDGAR XML) as the SEC's web page shows it.

The page follows the SEC's own rendering of ownership XML (the pages in tests/corpus/rendered:
the same boxes, labels, classes, table columns, footnote marks and signature block), so the
text tools meet what a user's browser shows. Like the SEC's page it prints one relationship
box (the first owner's) and, for a joint filing, a name-and-address box for every owner (the
first one again) after the tables.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html import escape

from secgraph.models import OwnershipFiling, ReportingOwner
from secgraph.models.common import Record

_TITLES = {
    "3": ("INITIAL STATEMENT OF BENEFICIAL OWNERSHIP OF SECURITIES", "3235-0104", "0.5"),
    "4": ("STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP", "3235-0287", "0.5"),
    "5": ("ANNUAL STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP", "3235-0362", "1.0"),
}
_STYLE = """
.FormData {color: blue; font-size: small; font-family: Times, serif;}
.SmallFormData {color: blue; font-size: x-small; font-family: Times, serif;}
.FootnoteData {color: green; font-size: x-small; font-family: Times, serif;}
.FormText, .MedSmallFormText, .SmallFormText {font-family: arial, helvetica, sans-serif;}
.MedSmallFormText {font-size: x-small;} .SmallFormText {font-size: xx-small;}
.FormName {font-size: large; font-family: arial, helvetica, sans-serif; font-weight: bold;}
.FormTitle {font-size: medium; font-family: arial, helvetica, sans-serif; font-weight: bold;}
"""


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def date(value: dt.date | None) -> str:
    return value.strftime("%m/%d/%Y") if value else ""


def number(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    return sign + f"{int(whole.lstrip('-') or 0):,}" + (f".{frac}" if frac else "")


def marks(record: Record, field: str) -> str:
    ids = record.footnotes.get(field, [])
    return "".join(
        f'<span class="FootnoteData"><sup>({esc(i.lstrip("F"))})</sup></span>' for i in ids
    )


def data(value: str, cls: str = "FormData") -> str:
    return f'<span class="{cls}">{esc(value)}</span>' if value else ""


def cell(
    record: Record,
    field: str,
    text: str,
    *,
    align: str = "center",
    cls: str = "FormData",
    dollar: bool = False,
) -> str:
    money = '<span class="FormText">$</span>' if dollar and text else ""
    return f'<td align="{align}">{money}{data(text, cls)}{marks(record, field)}</td>'


def _code(value: object) -> str:
    return str(getattr(value, "value", "")) if value is not None else ""


def tick(on: bool | None) -> str:
    return '<span class="FormData">X</span>' if on else ""


def _box(text: str, on: bool | None) -> str:
    return (
        '<tr valign="middle"><td><table width="100%" border="1" cellpadding="0" cellspacing="0">'
        f"<tr><td>{tick(on) or '&nbsp;'}</td></tr></table></td>"
        f'<td class="SmallFormText">{text}</td></tr>'
    )


def _header(doc: OwnershipFiling, form: str) -> str:
    title, omb, hours = _TITLES[form]
    boxes = ""
    if form in "45":
        boxes += _box(
            "Check this box if no longer subject to Section 16. Form 4 or Form 5 obligations "
            "may continue. <i>See</i> Instruction 1(b).",
            doc.not_subject_to_section16,
        )
    if form == "5":
        boxes += _box("Form 3 Holdings Reported.", doc.form3_holdings_reported)
        boxes += _box("Form 4 Transactions Reported.", doc.form4_transactions_reported)
    if doc.rule_10b5_1 is not None:
        boxes += _box(
            "Check this box to indicate that a transaction was made pursuant to a contract, "
            "instruction or written plan for the purchase or sale of equity securities of the "
            "issuer that is intended to satisfy the affirmative defense conditions of Rule "
            "10b5-1(c). See Instruction 10.",
            doc.rule_10b5_1,
        )
    rows = 1 + boxes.count("<tr valign")
    return (
        f'SEC Form {form}<table width="100%" border="0" cellspacing="0" cellpadding="4"><tr>'
        f'<td width="20%" colspan="2" valign="top" align="center" class="FormName">FORM {form}'
        f'</td><td rowspan="{rows}" width="60%" valign="middle" align="center">'
        '<span class="FormTitle">UNITED STATES SECURITIES AND EXCHANGE COMMISSION</span><br>'
        '<span class="MedSmallFormText">Washington, D.C. 20549</span><br><br>'
        f'<span class="FormTitle">{title}</span><br><br><span class="MedSmallFormText">Filed '
        "pursuant to Section 16(a) of the Securities Exchange Act of 1934</span><br>"
        '<span class="MedSmallFormText">or Section 30(h) of the Investment Company Act of '
        f'1940</span></td><td rowspan="{rows}" width="20%" valign="top" align="center">'
        '<table width="100%" border="1"><tr><td class="FormTextC">OMB APPROVAL</td></tr><tr>'
        '<td><table width="100%" border="0"><tr><td class="SmallFormText" colspan="3">OMB '
        f'Number:</td><td class="SmallFormTextR">{omb}</td></tr><tr><td class="SmallFormText" '
        'colspan="4">Estimated average burden</td></tr><tr><td class="SmallFormText" '
        f'colspan="3">hours per response:</td><td class="SmallFormTextR">{hours}</td></tr>'
        f"</table></td></tr></table></td></tr>{boxes}</table>"
    )


def _owner_box(owner: ReportingOwner, width: str = "35%", rowspan: int = 3) -> str:
    """Box 1: the owner's name (a link, as on the SEC's page) over "(Last) (First)
    (Middle)", the street lines over "(Street)", the city, state and zip over their labels."""
    name = owner.name.full if owner.name and owner.name.full else ""
    link = (
        f'<a href="/cgi-bin/browse-edgar?action=getcompany&amp;CIK={esc(owner.cik or "")}">'
        f"{esc(name)}</a>"
    )
    a = owner.address
    streets = "".join(
        f'<tr><td><span class="FormData">{esc(s or "")}</span></td></tr>'
        for s in ((a.street1, a.street2) if a else ("", ""))
    )
    city = "".join(
        f'<td width="33%"><span class="FormData">{esc(v or "")}</span></td>'
        for v in ((a.city, a.state, a.zip) if a else ("", "", ""))
    )
    labels = lambda *names: "".join(  # noqa: E731
        f'<td width="33%" class="MedSmallFormText">{n}</td>' for n in names
    )
    return (
        f'<td rowspan="{rowspan}" width="{width}" valign="top"><span class="MedSmallFormText">'
        "1. Name and Address of Reporting Person<sup>*</sup></span>"
        f'<table border="0" width="100%"><tr><td>{link}</td></tr></table><hr width="98%">'
        f'<table border="0" width="100%"><tr>{labels("(Last)", "(First)", "(Middle)")}</tr>'
        f'</table><table border="0" width="100%">{streets}</table><hr width="98%">'
        '<span class="MedSmallFormText">(Street)</span><table border="0" width="100%"><tr>'
        f'{city}</tr></table><hr width="98%"><table border="0" width="100%"><tr>'
        f"{labels('(City)', '(State)', '(Zip)')}</tr></table></td>"
    )


def _issuer_box(doc: OwnershipFiling, number: int, extra: str = "") -> str:
    issuer = doc.issuer
    return (
        f'<td width="35%" valign="top" {extra}><span class="MedSmallFormText">{number}. Issuer '
        "Name <b>and</b> Ticker or Trading Symbol</span><br>"
        f'<a href="/cgi-bin/browse-edgar?action=getcompany&amp;CIK={esc(issuer.cik or "")}">'
        f'{esc(issuer.name or "")}</a> [ <span class="FormData">{esc(issuer.ticker or "")}'
        "</span> ]</td>"
    )


def _relationship_box(doc: OwnershipFiling, number: int, rowspan: int) -> str:
    rel = doc.owners[0].relationship if doc.owners else None

    def on(flag: str) -> str:
        return tick(bool(rel and getattr(rel, flag)))

    title = esc(rel.officer_title or "") if rel else ""
    other = esc(rel.other_text or "") if rel else ""
    return (
        f'<td rowspan="{rowspan}" valign="top"><span class="MedSmallFormText">{number}. '
        "Relationship of Reporting Person(s) to Issuer</span><br>"
        '<span class="MedSmallFormText">(Check all applicable)</span>'
        '<table border="0" width="100%"><tr>'
        f'<td width="15%" align="center">{on("is_director")}</td>'
        '<td width="35%" class="MedSmallFormText">Director</td>'
        f'<td width="15%" align="center">{on("is_ten_percent_owner")}</td>'
        '<td width="35%" class="MedSmallFormText">10% Owner</td></tr><tr>'
        f'<td align="center">{on("is_officer")}</td>'
        '<td class="MedSmallFormText">Officer (give title below)</td>'
        f'<td align="center">{on("is_other")}</td>'
        '<td class="MedSmallFormText">Other (specify below)</td></tr>'
        f'<tr><td colspan="4" align="center"><span class="FormData">{title}</span>'
        f'<span class="FormData">{other}</span></td></tr></table></td>'
    )


def _date_box(number: int, label: str, value: dt.date | None, extra: str = "") -> str:
    return (
        f'<td valign="top" {extra}><span class="MedSmallFormText">{number}. {label} '
        f"(Month/Day/Year)</span><br>{data(date(value))}</td>"
    )


def _joint_box(doc: OwnershipFiling, number: int) -> str:
    joint = len(doc.owners) > 1
    return (
        f'<td valign="top"><span class="MedSmallFormText">{number}. Individual or Joint/Group '
        'Filing (Check Applicable Line)</span><table border="0" width="100%"><tr>'
        f'<td width="15%" align="center">{tick(not joint)}</td>'
        '<td width="85%" class="MedSmallFormText">Form filed by One Reporting Person</td></tr>'
        f'<tr><td width="15%" align="center">{tick(joint)}</td><td width="85%" '
        'class="MedSmallFormText">Form filed by More than One Reporting Person</td></tr>'
        "</table></td>"
    )


def _boxes(doc: OwnershipFiling, form: str) -> str:
    first = doc.owners[0] if doc.owners else ReportingOwner()
    owner = _owner_box(first, "30%" if form == "3" else "35%")
    rows3 = 'rowspan="3"'
    span2 = 'colspan="2"'
    period = doc.filing.period_date
    amended = doc.date_of_original
    table = '<table width="100%" border="1" cellspacing="0" cellpadding="4">'
    if form == "3":
        return (
            f"{table}<tr>{owner}"
            f"{_date_box(2, 'Date of Event Requiring Statement', period, rows3)}"
            f"{_issuer_box(doc, 3, span2)}</tr><tr>"
            f"{_relationship_box(doc, 4, 2)}"
            f"{_date_box(5, 'If Amendment, Date of Original Filed', amended)}</tr>"
            f"<tr>{_joint_box(doc, 6)}</tr></table>"
        )
    label = (
        "Date of Earliest Transaction"
        if form == "4"
        else ("Statement for Issuer's Fiscal Year Ended")
    )
    return (
        f"{table}<tr>{owner}{_issuer_box(doc, 2)}{_relationship_box(doc, 5, 2)}</tr>"
        f"<tr>{_date_box(3, label, period)}</tr>"
        f"<tr>{_date_box(4, 'If Amendment, Date of Original Filed', amended)}"
        f"{_joint_box(doc, 6)}</tr></table>"
    )


# --------------------------------------------------------------------------- the two tables


def _th(text: str, *, rowspan: int = 1, colspan: int = 1) -> str:
    return (
        f'<th valign="top" rowspan="{rowspan}" colspan="{colspan}" align="left" '
        f'class="SmallFormText">{text}</th>'
    )


def _sub(*names: str) -> str:
    return "<tr>" + "".join(f'<th align="center" class="SmallFormText">{n}</th>' for n in names)


_T1_4 = (
    _th("1. Title of Security (Instr. 3)", rowspan=2)
    + _th("2. Transaction Date (Month/Day/Year)", rowspan=2)
    + _th("2A. Deemed Execution Date, if any (Month/Day/Year)", rowspan=2)
)
_OWN = _th("6. Ownership Form: Direct (D) or Indirect (I) (Instr. 4)", rowspan=2) + _th(
    "7. Nature of Indirect Beneficial Ownership (Instr. 4)", rowspan=2
)


def _table_head(title: str, columns: int, head: str) -> str:
    return (
        '<table width="100%" border="1" cellspacing="0" cellpadding="4"><thead><tr>'
        f'<th width="100%" valign="top" colspan="{columns}" align="center" class="FormTextC">'
        f"{title}</th></tr>{head}</thead><tbody>"
    )


def _table1(doc: OwnershipFiling, form: str) -> str:
    rows = ""
    if form == "3":
        head = (
            "<tr>"
            + _th("1. Title of Security (Instr. 4)")
            + _th("2. Amount of Securities Beneficially Owned (Instr. 4)")
            + _th("3. Ownership Form: Direct (D) or Indirect (I) (Instr. 5)")
            + _th("4. Nature of Indirect Beneficial Ownership (Instr. 5)")
            + "</tr>"
        )
        for h in (h for h in doc.holdings if not h.derivative):
            rows += (
                f"<tr>{cell(h, 'security', h.security or '', align='left')}"
                f"{cell(h, 'shares', number(h.shares))}"
                f"{cell(h, 'ownership', h.ownership.value if h.ownership else '')}"
                f"{cell(h, 'nature_of_ownership', h.nature_of_ownership or '', align='left')}</tr>"
            )
        return (
            _table_head("<b>Table I - Non-Derivative Securities Beneficially Owned</b>", 4, head)
            + rows
            + "</tbody></table>"
        )
    v = form == "4"
    owned = (
        "5. Amount of Securities Beneficially Owned Following Reported Transaction(s) "
        "(Instr. 3 and 4)"
        if v
        else "5. Amount of Securities Beneficially Owned at end of Issuer's Fiscal Year "
        "(Instr. 3 and 4)"
    )
    head = (
        "<tr>"
        + _T1_4
        + _th("3. Transaction Code (Instr. 8)", colspan=2 if v else 1, rowspan=1 if v else 2)
        + _th("4. Securities Acquired (A) or Disposed Of (D) (Instr. 3, 4 and 5)", colspan=3)
        + _th(owned, rowspan=2)
        + _OWN
        + "</tr>"
        + (
            _sub("Code", "V", "Amount", "(A) or (D)", "Price")
            if v
            else _sub("Amount", "(A) or (D)", "Price")
        )
        + "</tr>"
    )
    for t in (t for t in doc.transactions if not t.derivative):
        rows += (
            f"<tr>{cell(t, 'security', t.security or '', align='left')}"
            f"{cell(t, 'date', date(t.date))}"
            f"{cell(t, 'deemed_execution_date', date(t.deemed_execution_date))}"
            f"{cell(t, 'code', t.code.value if t.code else '', cls='SmallFormData')}"
            + ("<td></td>" if v else "")
            + f"{cell(t, 'shares', number(t.shares))}"
            f"{cell(t, 'acquired_disposed', _code(t.acquired_disposed))}"
            f"{cell(t, 'price', number(t.price), dollar=True)}"
            f"{cell(t, 'shares_after', number(t.shares_after))}"
            f"{cell(t, 'ownership', t.ownership.value if t.ownership else '')}"
            f"{cell(t, 'nature_of_ownership', t.nature_of_ownership or '', align='left')}</tr>"
        )
    blanks = "<td></td>" * (7 if v else 6)
    for h in (h for h in doc.holdings if not h.derivative):
        rows += (
            f"<tr>{cell(h, 'security', h.security or '', align='left')}{blanks}"
            f"{cell(h, 'shares', number(h.shares))}"
            f"{cell(h, 'ownership', h.ownership.value if h.ownership else '')}"
            f"{cell(h, 'nature_of_ownership', h.nature_of_ownership or '', align='left')}</tr>"
        )
    title = (
        "<b>Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned</b>"
    )
    return _table_head(title, 11 if v else 10, head) + rows + "</tbody></table>"


def _table2(doc: OwnershipFiling, form: str) -> str:
    rows = ""
    sub2 = "<b>(e.g., puts, calls, warrants, options, convertible securities)</b>"
    if form == "3":
        head = (
            "<tr>"
            + _th("1. Title of Derivative Security (Instr. 4)", rowspan=2)
            + _th("2. Date Exercisable and Expiration Date (Month/Day/Year)", colspan=2)
            + _th(
                "3. Title and Amount of Securities Underlying Derivative Security (Instr. 4)",
                colspan=2,
            )
            + _th("4. Conversion or Exercise Price of Derivative Security", rowspan=2)
            + _th("5. Ownership Form: Direct (D) or Indirect (I) (Instr. 5)", rowspan=2)
            + _th("6. Nature of Indirect Beneficial Ownership (Instr. 5)", rowspan=2)
            + "</tr>"
            + _sub("Date Exercisable", "Expiration Date", "Title", "Amount or Number of Shares")
            + "</tr>"
        )
        for h in (h for h in doc.holdings if h.derivative):
            rows += (
                f"<tr>{cell(h, 'security', h.security or '', align='left')}"
                f"{cell(h, 'exercisable_date', date(h.exercisable_date), cls='SmallFormData')}"
                f"{cell(h, 'expiration_date', date(h.expiration_date), cls='SmallFormData')}"
                f"{cell(h, 'underlying_security', h.underlying_security or '')}"
                f"{cell(h, 'underlying_shares', number(h.underlying_shares))}"
                f"{cell(h, 'exercise_price', number(h.exercise_price), dollar=True)}"
                f"{cell(h, 'ownership', h.ownership.value if h.ownership else '')}"
                f"{cell(h, 'nature_of_ownership', h.nature_of_ownership or '', align='left')}</tr>"
            )
        title = f"<b>Table II - Derivative Securities Beneficially Owned</b><br>{sub2}"
        return _table_head(title, 8, head) + rows + "</tbody></table>"
    v = form == "4"
    head = (
        "<tr>"
        + _th("1. Title of Derivative Security (Instr. 3)", rowspan=2)
        + _th("2. Conversion or Exercise Price of Derivative Security", rowspan=2)
        + _th("3. Transaction Date (Month/Day/Year)", rowspan=2)
        + _th("3A. Deemed Execution Date, if any (Month/Day/Year)", rowspan=2)
        + _th("4. Transaction Code (Instr. 8)", colspan=2 if v else 1, rowspan=1 if v else 2)
        + _th(
            "5. Number of Derivative Securities Acquired (A) or Disposed of (D) "
            "(Instr. 3, 4 and 5)",
            colspan=2,
        )
        + _th("6. Date Exercisable and Expiration Date (Month/Day/Year)", colspan=2)
        + _th(
            "7. Title and Amount of Securities Underlying Derivative Security (Instr. 3 and 4)",
            colspan=2,
        )
        + _th("8. Price of Derivative Security (Instr. 5)", rowspan=2)
        + _th(
            "9. Number of derivative Securities Beneficially Owned Following Reported "
            "Transaction(s) (Instr. 4)",
            rowspan=2,
        )
        + _th("10. Ownership Form: Direct (D) or Indirect (I) (Instr. 4)", rowspan=2)
        + _th("11. Nature of Indirect Beneficial Ownership (Instr. 4)", rowspan=2)
        + "</tr>"
        + _sub(
            *(("Code", "V") if v else ()),
            "(A)",
            "(D)",
            "Date Exercisable",
            "Expiration Date",
            "Title",
            "Amount or Number of Shares",
        )
        + "</tr>"
    )
    for t in (t for t in doc.transactions if t.derivative):
        acquired = t.acquired_disposed is not None and t.acquired_disposed.value == "A"
        shares = number(t.shares)
        rows += (
            f"<tr>{cell(t, 'security', t.security or '', align='left')}"
            f"{cell(t, 'exercise_price', number(t.exercise_price), dollar=True)}"
            f"{cell(t, 'date', date(t.date))}"
            f"{cell(t, 'deemed_execution_date', date(t.deemed_execution_date))}"
            f"{cell(t, 'code', t.code.value if t.code else '', cls='SmallFormData')}"
            + ("<td></td>" if v else "")
            + (
                cell(t, "shares", shares) + "<td></td>"
                if acquired
                else "<td></td>" + cell(t, "shares", shares)
            )
            + f"{cell(t, 'exercisable_date', date(t.exercisable_date), cls='SmallFormData')}"
            f"{cell(t, 'expiration_date', date(t.expiration_date), cls='SmallFormData')}"
            f"{cell(t, 'underlying_security', t.underlying_security or '')}"
            f"{cell(t, 'underlying_shares', number(t.underlying_shares))}"
            f"{cell(t, 'price', number(t.price), dollar=True)}"
            f"{cell(t, 'shares_after', number(t.shares_after))}"
            f"{cell(t, 'ownership', t.ownership.value if t.ownership else '')}"
            f"{cell(t, 'nature_of_ownership', t.nature_of_ownership or '', align='left')}</tr>"
        )
    blanks = "<td></td>" * (5 if v else 4)
    for h in (h for h in doc.holdings if h.derivative):
        rows += (
            f"<tr>{cell(h, 'security', h.security or '', align='left')}"
            f"{cell(h, 'exercise_price', number(h.exercise_price), dollar=True)}"
            f"<td></td><td></td>{blanks}"
            f"{cell(h, 'exercisable_date', date(h.exercisable_date), cls='SmallFormData')}"
            f"{cell(h, 'expiration_date', date(h.expiration_date), cls='SmallFormData')}"
            f"{cell(h, 'underlying_security', h.underlying_security or '')}"
            f"{cell(h, 'underlying_shares', number(h.underlying_shares))}<td></td>"
            f"{cell(h, 'shares', number(h.shares))}"
            f"{cell(h, 'ownership', h.ownership.value if h.ownership else '')}"
            f"{cell(h, 'nature_of_ownership', h.nature_of_ownership or '', align='left')}</tr>"
        )
    title = (
        "<b>Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned</b>"
        f"<br>{sub2}"
    )
    return _table_head(title, 16 if v else 15, head) + rows + "</tbody></table>"


# --------------------------------------------------------------------------- the foot


def _foot(doc: OwnershipFiling, form: str) -> str:
    others = "".join(
        '<table width="100%" border="1" cellspacing="0" cellpadding="4"><tr>'
        f"{_owner_box(owner, '35%', 1)}</tr></table>"
        for owner in (doc.owners if len(doc.owners) > 1 else [])
    )
    notes = "".join(
        f'<tr><td class="FootnoteData">{esc(n.id.lstrip("F"))}. {esc(n.text)}</td></tr>'
        for n in doc.footnote_texts
    )
    no_securities = (
        '<tr><td class="FormText">No securities are beneficially owned.</td></tr>'
        if doc.no_securities_owned
        else ""
    )
    signatures = "".join(
        '<tr><td width="60%"></td><td width="20%"><u><span class="FormData">'
        f'{esc(s.name or "")}</span></u></td><td width="20%"><u><span class="FormData">'
        f"{date(s.date)}</span></u></td></tr>"
        '<tr><td></td><td class="MedSmallFormText">** Signature of Reporting Person</td>'
        '<td class="MedSmallFormText">Date</td></tr>'
        for s in doc.signatures
    )
    instruction = "5 (b)(v)" if form == "3" else "4 (b)(v)"
    return (
        f'{others}<table border="0" width="100%">{no_securities}<tr><td class="MedSmallFormText">'
        f"<b>Explanation of Responses:</b></td></tr>{notes}"
        '<tr><td class="FormText"><b>Remarks:</b></td></tr>'
        f'<tr><td class="FootnoteData">{esc(doc.remarks or "")}</td></tr></table>'
        f'<table width="100%" border="0">{signatures}'
        '<tr><td colspan="3" class="MedSmallFormText">Reminder: Report on a separate line for '
        "each class of securities beneficially owned directly or indirectly.</td></tr>"
        '<tr><td colspan="3" class="MedSmallFormText">* If the form is filed by more than one '
        f"reporting person, <i>see</i> Instruction {instruction}.</td></tr>"
        '<tr><td colspan="3" class="MedSmallFormText">** Intentional misstatements or omissions '
        "of facts constitute Federal Criminal Violations <i>See</i> 18 U.S.C. 1001 and 15 "
        "U.S.C. 78ff(a).</td></tr>"
        '<tr><td colspan="3" class="MedSmallFormText">Note: File three copies of this Form, one '
        "of which must be manually signed. If space is insufficient, <i>see</i> Instruction 6 "
        "for procedure.</td></tr>"
        '<tr><td colspan="3" class="MedSmallFormText"><b>Persons who respond to the collection '
        "of information contained in this form are not required to respond unless the form "
        "displays a currently valid OMB Number.</b></td></tr></table>"
    )


def render(doc: OwnershipFiling) -> str:
    """The page, as one HTML document (UTF-8)."""
    form = doc.filing.form_type[:1]
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" '
        '"http://www.w3.org/TR/html4/loose.dtd">\n<html><head><meta http-equiv="Content-Type" '
        f'content="text/html; charset=UTF-8"><title>SEC FORM {form}</title>'
        f'<style type="text/css">{_STYLE}</style></head><body>'
        f"{_header(doc, form)}{_boxes(doc, form)}{_table1(doc, form)}{_table2(doc, form)}"
        f"{_foot(doc, form)}</body></html>\n"
    )
