"""Focused tests of the general 8-K reading rules, one sentence shaped like real 8-K text each.

The sentences follow the wording of real filings (the accession each rule came from is in the
rule's comment in the parser) with other names, so a rule is held to the shape of the text and
not to one filing's values. Each expected value is read off the sentence itself.
"""

from __future__ import annotations

import datetime as dt

from secgraph.models import EightKFiling, FilingInfo, InputFormat, Issuer
from secgraph.parsers.eightk_extract import extract_8k

_SIGNATURE = (
    "\nSIGNATURES\n"
    "Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant has "
    "duly caused this report to be signed on its behalf by the undersigned hereunto duly "
    "authorized.\n"
    "By: /s/ Jane Q. Roe\nJane Q. Roe, Secretary\n"
)


def _read(
    body: str, *, item: str = "1.01", registrant: str = "Harbor Widget Corporation"
) -> EightKFiling:
    title = {
        "1.01": "Entry into a Material Definitive Agreement",
        "2.01": "Completion of Acquisition or Disposition of Assets",
        "2.03": "Creation of a Direct Financial Obligation",
        "5.02": "Departure of Directors or Certain Officers",
    }[item]
    text = f"Item {item} {title}\n{body}\n{_SIGNATURE}"
    filing = FilingInfo(form_type="8-K", source="x", sha256="0", input_format=InputFormat.HTML)
    doc, _ = extract_8k(text, filing=filing, company=Issuer(name=registrant))
    return doc


def _agreement(doc: EightKFiling, name: str) -> object:
    return next(a for a in doc.agreements if a.name == name)


def test_a_list_of_parties_with_capitalized_roles_semicolons_and_serving_as() -> None:
    """Trap: the roles are capitalized and hold commas ("as a Lender, the Swingline Lender, an
    Issuing Bank and Administrative Agent"); "Issuing Bank" reads as a bank's name but is
    part of the role; groups are set apart by semicolons, "each as", "with ... serving as".
    The lenders are the names given a lender role and those the "(collectively with ..., the
    "Lenders")" parenthesis adds; a departing lender is a party but lends no more; arrangers
    are parties, neither lenders nor agents."""
    doc = _read(
        'On March 3, 2024 (the "Closing Date"), Harbor Widget Corporation (the "Company") '
        "entered into a Second Amended and Restated Credit Agreement, dated as of the Closing "
        'Date (the "Credit Agreement"), among the Company, as a Borrower; Keystone Bank, '
        "National Association, as a Lender, the Swingline Lender, an Issuing Bank and "
        "Administrative Agent; Bay Trust Bank, N.A. and Alder Bank USA, as Lenders and "
        "Syndication Agents; The Pine National Bank and River Savings Bank, as Lenders "
        "(collectively with Keystone Bank, National Association, Cedar Bank, N.A. and Bay Trust "
        'Bank, N.A., the "Lenders"); and Maple Bank, N.A., each as a Departing Lender (the '
        '"Departing Lender"); with Cedar Bank, N.A., and The Pine National Bank, serving as '
        "Co-Documentation Agents; and Keystone Capital Markets LLC serving as Joint Bookrunner "
        "and Joint Lead Arranger."
    )
    credit = _agreement(doc, "Second Amended and Restated Credit Agreement")
    assert credit.date == dt.date(2024, 3, 3)  # "dated as of the Closing Date"
    assert credit.parties == [
        "Harbor Widget Corporation",
        "Keystone Bank, National Association",
        "Bay Trust Bank, N.A.",
        "Alder Bank USA",
        "Pine National Bank",
        "River Savings Bank",
        "Maple Bank, N.A.",
        "Cedar Bank, N.A.",
        "Keystone Capital Markets LLC",
    ]
    (obligation,) = doc.obligations
    assert sorted(obligation.lenders) == [
        "Alder Bank USA",
        "Bay Trust Bank, N.A.",
        "Cedar Bank, N.A.",
        "Keystone Bank, National Association",
        "Pine National Bank",
        "River Savings Bank",
    ]
    assert sorted(obligation.agents) == [
        "Alder Bank USA",
        "Bay Trust Bank, N.A.",
        "Cedar Bank, N.A.",
        "Keystone Bank, National Association",
        "Pine National Bank",
    ]


def test_a_branch_and_a_name_without_legal_form_given_a_lending_role() -> None:
    """Trap: "Alpine AG, Zurich Branch" is one party (the branch); "Northway Capital
    America" has no legal form, but a list that makes it "syndication agent" names it as a
    party; "Pike Securities LLC as co-arranger" has no comma before its role."""
    doc = _read(
        "On June 4, 2008, the Company entered into an Increase Joinder dated as of June 4, 2008 "
        '(the "Increase Joinder") with Alpine AG, Zurich Branch, as administrative agent, '
        "Northway Capital America, as syndication agent, Pike Securities LLC as co-arranger, "
        "and Fjord Bank, N.A., as lender."
    )
    joinder = _agreement(doc, "Increase Joinder")
    assert joinder.parties == [
        "Harbor Widget Corporation",
        "Alpine AG, Zurich Branch",
        "Northway Capital America",
        "Pike Securities LLC",
        "Fjord Bank, N.A.",
    ]
    (obligation,) = doc.obligations
    assert obligation.lenders == ["Fjord Bank, N.A."]
    assert obligation.agents == ["Alpine AG, Zurich Branch", "Northway Capital America"]


def test_a_role_does_not_swallow_the_next_party() -> None:
    """Trap: after "as lender, and" comes a name with commas ("Lynx, Hart, Dove & Crane
    Incorporated"); a role phrase may hold commas, but only between roles, so the name is
    the next party and its pieces are not roles."""
    doc = _read(
        'On April 7, 2015, the Company entered into a Term Loan Agreement (the "Term Loan '
        'Agreement") with Fjord Bank, N.A., as lender (the "Lender"), and Lynx, Hart, Dove & '
        "Crane Incorporated, as sole lead arranger and sole bookrunner."
    )
    loan = _agreement(doc, "Term Loan Agreement")
    assert "Fjord Bank, N.A." in loan.parties
    assert not any(p.startswith("Dove") or p.startswith("Hart") for p in loan.parties)
    (obligation,) = doc.obligations
    assert (obligation.lenders, obligation.agents) == (["Fjord Bank, N.A."], [])


def test_note_purchasers_defined_as_a_group_are_the_lenders() -> None:
    """Trap: a note agreement names its lenders as the holders of the notes, with no "as
    lender": "with A, B and C (collectively, the "Note Purchasers")"."""
    doc = _read(
        'On August 10, 2012, Harbor Widget Corporation (the "Registrant") entered into a Note '
        "Agreement with The Granite Life Insurance Company of America, Granite Annuities Life "
        'Assurance Corporation and The Summit Life Insurance Co., Ltd. (collectively, the "Note '
        'Purchasers"), pursuant to which the Registrant issued $150 million of 4.60% Senior '
        "Notes due 2024.",
        item="2.03",
    )
    (obligation,) = doc.obligations
    assert obligation.lenders == [
        "Granite Life Insurance Company of America",
        "Granite Annuities Life Assurance Corporation",
        "Summit Life Insurance Co., Ltd.",
    ]


def test_agreements_named_by_owner_letter_guaranty_and_amended_definition() -> None:
    """Trap: "Harbor's existing credit agreement entered into on ..." has no article (its
    owner is a party and the day it was entered into its date); "the payoff letter ...
    (the "Payoff Letter")" defines an agreement, not the organization printed before the
    parenthesis; "(as amended, the "Existing Credit Agreement")" defines a term after the
    amendment words."""
    doc = _read(
        'Harbor Widget Corporation ("Harbor") amended its revolving credit facility (provided '
        "under the Third Amended and Restated Credit Agreement, dated as of August 20, 2021 (as "
        'amended, the "Existing Credit Agreement")). The Increase Joinder amended Harbor\'s '
        "existing loan agreement entered into on March 31, 2006 and amended and restated on "
        'April 5, 2007 (the "Prior Loan Agreement"). On June 29, 2023, Harbor terminated the '
        "Existing Credit Agreement pursuant to the payoff letter dated as of June 29, 2023, by "
        'and among Harbor, Fjord Bank, N.A. and Pike Securities LLC (the "Payoff Letter").'
    )
    existing = _agreement(doc, "Third Amended and Restated Credit Agreement")
    assert existing.defined_terms == ["Existing Credit Agreement"]
    assert existing.date == dt.date(2021, 8, 20)
    prior = _agreement(doc, "existing loan agreement")
    assert (prior.date, prior.parties) == (dt.date(2006, 3, 31), ["Harbor Widget Corporation"])
    payoff = _agreement(doc, "payoff letter")
    assert str(payoff.type) == "other"
    assert payoff.date == dt.date(2023, 6, 29)
    assert payoff.parties == [
        "Harbor Widget Corporation",
        "Fjord Bank, N.A.",
        "Pike Securities LLC",
    ]
    assert not any("Payoff Letter" in o.defined_terms for o in doc.organizations)


def test_a_title_after_entered_into_and_a_date_given_by_its_defined_term() -> None:
    """Trap: "entered into a Note Agreement with ..." names an agreement with no definition
    and no "dated" (its day is the sentence's); "a Performance Guaranty, dated as of the
    Closing Date" gives its date by a term defined earlier ('May 19, 2022 (the "Closing
    Date")'); "entered into an agreement with" (lowercase) names none."""
    doc = _read(
        'On May 19, 2022 (the "Closing Date"), Harbor Widget Corporation (the "Registrant") '
        "entered into a Receivables Financing Agreement with Fjord Bank, N.A., as lender. The "
        "Registrant guaranteed the obligations of its subsidiaries pursuant to a Performance "
        "Guaranty, dated as of the Closing Date, made by the Registrant for the benefit of "
        "Fjord Bank, N.A. On June 1, 2022, the Registrant entered into an agreement with Pike "
        "Securities LLC."
    )
    financing = _agreement(doc, "Receivables Financing Agreement")
    assert (str(financing.type), financing.date) == ("credit", dt.date(2022, 5, 19))
    assert financing.parties == ["Harbor Widget Corporation", "Fjord Bank, N.A."]
    guaranty = _agreement(doc, "Performance Guaranty")
    assert guaranty.date == dt.date(2022, 5, 19)
    assert [a.name for a in doc.agreements] == [
        "Receivables Financing Agreement",
        "Performance Guaranty",
    ]


def test_executive_agreements_one_per_person_owned_by_a_person_and_with_the_registrant() -> None:
    """Trap: "Change of Control Agreements with Ms. A, <her title> and Mr. B" are two
    agreements, one per executive, and "Mr. B" is the person named in full before; "Mr.
    Parks' offer letter" is his agreement; an executive's agreement that names no
    organization is with the registrant. "Amendments to the employment agreements with ..."
    are no new agreements of that name."""
    doc = _read(
        'On October 7, 2010, Harbor Widget Corporation (the "Registrant") appointed Yoram '
        "Cedar as Chief Technology Officer and Robert Parks as Chief Accounting Officer. The "
        "Registrant also entered into amended and restated Change of Control Agreements with "
        "Ms. Judy Bruner, the Registrant's Executive Vice President, Administration and Chief "
        "Financial Officer and Mr. Cedar. The material terms of Mr. Parks' offer letter are as "
        "follows. The Registrant also entered into amendments to the employment agreements "
        "with Jane Doe and John Roe.",
        item="5.02",
    )
    got = [(a.name, str(a.type), a.parties, [p.full for p in a.people]) for a in doc.agreements]
    assert got == [
        (
            "amended and restated Change of Control Agreement",
            "change_in_control",
            ["Harbor Widget Corporation"],
            ["Judy Bruner"],
        ),
        (
            "amended and restated Change of Control Agreement",
            "change_in_control",
            ["Harbor Widget Corporation"],
            ["Yoram Cedar"],
        ),
        ("offer letter", "employment", ["Harbor Widget Corporation"], ["Robert Parks"]),
    ]


def test_older_prose_lowercase_registrant_typed_agreements_and_announced_dates() -> None:
    """Trap: "the registrant announced that it had entered into a definitive merger agreement
    with R.J. Steichen & Company": the lowercase "registrant" is the filer and the subject of
    "it"; "& Company." ends a name (its period ends the sentence); the opening date is the
    day of the announcement, not the agreement's. "with Mr. Feltl's son, Mr. John C. Feltl,
    Steichen's Director of Corporate Finance": the son is the party, and "Corporate Finance"
    (a title's object) is no person."""
    doc = _read(
        "On June 6, 2000, the registrant announced that it had entered into a definitive "
        "merger agreement with R.J. Steichen & Company. The registrant entered into a five-year "
        "employment/noncompete agreement with Mr. John E. Feltl. The registrant also entered "
        "into a two-year employment agreement with Mr. Feltl's son, Mr. John C. Feltl, "
        "Steichen's Director of Corporate Finance and Executive Vice President.",
        item="2.01",
    )
    got = [
        (a.name, str(a.type), a.date, a.parties, [p.full for p in a.people]) for a in doc.agreements
    ]
    assert got == [
        (
            "definitive merger agreement",
            "merger",
            None,
            ["Harbor Widget Corporation", "R.J. Steichen & Company"],
            [],
        ),
        (
            "five-year employment/noncompete agreement",
            "employment",
            None,
            ["Harbor Widget Corporation"],
            ["John E. Feltl"],
        ),
        (
            "two-year employment agreement",
            "employment",
            None,
            ["Harbor Widget Corporation"],
            ["John C. Feltl"],
        ),
    ]


def test_two_same_named_agreements_of_one_day_with_different_parties_and_their_subsidiaries() -> (
    None
):
    """Trap: two "Agreement and Plan of Reorganization and Merger" of the same day are two
    agreements when their other sides differ; "with Innova thereby becoming a wholly-owned
    subsidiary of the Company" links the subsidiary; an untyped "agreement with" is none."""
    doc = _read(
        'On June 28, 1996, Harbor Widget Corporation (the "Company") completed two '
        "acquisitions. First, the Company entered into an Agreement and Plan of Reorganization "
        'and Merger, dated as of June 28, 1996, with Innova Solutions, Inc. ("Innova"), '
        "pursuant to which a subsidiary of the Company was merged with Innova, with Innova "
        "thereby becoming a wholly-owned subsidiary of the Company. The Company also entered "
        "into an Agreement and Plan of Reorganization and Merger, dated as of June 28, 1996, "
        'with ESP Software Services, Inc. ("ESP"), pursuant to which a subsidiary of the '
        "Company was merged with ESP. The Company also entered into an agreement with Pike "
        "Securities LLC.",
        item="2.01",
    )
    merger = "Agreement and Plan of Reorganization and Merger"
    assert [(a.name, a.date, a.parties) for a in doc.agreements] == [
        (merger, dt.date(1996, 6, 28), ["Harbor Widget Corporation", "Innova Solutions, Inc."]),
        (
            merger,
            dt.date(1996, 6, 28),
            ["Harbor Widget Corporation", "ESP Software Services, Inc."],
        ),
    ]
    parents = {o.name: o.parent for o in doc.organizations}
    assert parents["Innova Solutions, Inc."] == "Harbor Widget Corporation"
    assert parents["ESP Software Services, Inc."] is None


def test_a_group_term_after_a_name_and_edgar_ascii_tables_read_as_text() -> None:
    """Trap: '("Sub II", and with Sub I, the "Subs")' defines the name's own term first; the
    group term after it is not the name's. An EDGAR ASCII document marks its tables with
    <TABLE>, <S> and <C> in plain text: it is text (its line breaks are its layout), not
    HTML, so its item headings are read."""
    from secgraph.parsers.html_text import looks_like_html  # noqa: PLC0415

    doc = _read(
        'Harbor Widget Corporation ("Harbor"), Vanhalen Merger Corporation ("Sub I") and '
        'Vanhalen Acquisition LLC ("Sub II", and with Sub I, the "Subs") entered into an '
        'Agreement and Plan of Merger (the "Merger Agreement"). Sub II continued as the '
        "surviving entity.",
    )
    terms = {o.name: o.defined_terms for o in doc.organizations}
    assert terms["Vanhalen Acquisition LLC"] == ["Sub II"]
    ascii_text = "ITEM 2.  ACQUISITION\n<TABLE>\n<CAPTION>\n<S>      <C>\nCash     $1\n</TABLE>\n"
    assert not looks_like_html(ascii_text)
    assert looks_like_html("<TABLE>\n<TR><TD>Cash</TD></TR>\n</TABLE>\n")
    assert looks_like_html("<p>Item 2.</p>\n<TABLE>\n<S> <C>\n</TABLE>")


def _read_text(text: str) -> EightKFiling:
    filing = FilingInfo(form_type="8-K", source="x", sha256="0", input_format=InputFormat.TEXT)
    doc, _ = extract_8k(text, filing=filing, company=Issuer(name="Harbor Widget Corporation"))
    return doc


def test_a_merger_completed_later_is_an_acquisition_of_the_agreements_other_side() -> None:
    """Trap: "The merger was completed on August 1, 2000." names no target: it is the other
    side of the merger agreement read before; of several (a merger sub and the target), the
    one the text says was merged with. Shares paid "in exchange for all" or "as
    consideration" are the price; an aggregate for two deals said before either is no one's."""
    doc = _read(
        'On June 6, 2000, Harbor Widget Corporation (the "Company") announced that it had '
        "entered into a definitive merger agreement with Steichen & Company. The merger was "
        "completed on August 1, 2000. On August 1, 2000, the Company issued an aggregate of "
        "4,315,062 shares of its unregistered common stock to the former Steichen shareholders "
        "in exchange for all of the issued and outstanding shares of Steichen's capital stock.",
        item="2.01",
    )
    (deal,) = doc.acquisitions
    assert (deal.direction, deal.target, deal.buyer, deal.date) == (
        "acquisition",
        "Steichen & Company",
        "Harbor Widget Corporation",
        dt.date(2000, 8, 1),
    )
    assert deal.price == "4,315,062 shares of its unregistered common stock"
    doc = _read(
        'Harbor Widget Corporation (the "Company") entered into an Agreement and Plan of '
        'Merger, dated as of June 28, 1996, with Innova Solutions, Inc. ("Innova") and CGI '
        "Acquisition, Inc., pursuant to which CGI Acquisition, Inc. was merged with Innova. The "
        "stockholder of Innova received 521,390 newly issued shares of the Company's Common "
        "Stock as consideration in the merger, which was consummated on June 28, 1996.",
        item="2.01",
    )
    (deal,) = doc.acquisitions
    assert (deal.target, deal.date) == ("Innova Solutions, Inc.", dt.date(1996, 6, 28))
    assert deal.price == "521,390 newly issued shares of the Company's Common Stock"


def test_an_old_exhibit_list_under_item_7_exhibits_with_numbered_lines_and_people() -> None:
    """Trap: "Item 7.   Exhibits." gives only the end of the old item's title; "1.  Agreement
    ..." is one sentence, not "1." and the rest; the people that end a merger agreement's list
    of parties are parties, the words of a firm's name ("Lynx, Hart, Dove & Crane") or of
    "Securities and Exchange Commission" are not; an amendment's list is the amendment's."""
    text = (
        "Item 2.  Acquisition or Disposition of Assets\n"
        "Harbor Widget Corporation (the Company) completed the acquisition of two businesses.\n"
        "\n"
        "Item 7.   Exhibits.\n"
        "\n"
        "1.  Agreement and Plan of Reorganization and Merger, dated as of June 28, 1996, among\n"
        "    Harbor Widget Corporation, Innova Solutions, Inc., CGI Acquisition, Inc. and\n"
        "    Susan E. Trice.\n"
        "\n"
        "2.  Underwriting Agreement, dated May 23, 2017, among the Company and Lynx, Hart,\n"
        "    Dove & Crane Incorporated, filed with the Securities and Exchange Commission.\n"
        "\n"
        "3.  Amendment No. 1 to Agreement and Plan of Reorganization and Merger dated as of\n"
        "    July 1, 1996 by and among Harbor Widget Corporation and Ben Healy.\n" + _SIGNATURE
    )
    doc = _read_text(text)
    assert [i.number for i in doc.items] == ["2", "7"]
    merger = _agreement(doc, "Agreement and Plan of Reorganization and Merger")
    assert merger.parties == [
        "Harbor Widget Corporation",
        "Innova Solutions, Inc.",
        "CGI Acquisition, Inc.",
    ]
    assert [p.full for p in merger.people] == ["Susan E. Trice"]
    assert [e.date for e in merger.events] == [dt.date(1996, 7, 1)]
    underwriting = _agreement(doc, "Underwriting Agreement")
    assert underwriting.people == []


def test_partner_firm_names_unnamed_first_parties_and_with_respect_to() -> None:
    """Trap: "Lynx, Hart, Dove & Crane Incorporated" and "Goldman, Sachs & Co." are one
    name each (a firm named for its partners), so the list goes on after them; "with the
    lenders party thereto and X as administrative agent" opens with unnamed parties;
    "the Company's term loan agreement" is the Company's; "with respect to the Notes with
    <trustee>" names the trustee, not "respect"."""
    doc = _read(
        'On February 19, 2019, Harbor Widget Corporation (the "Company") completed its '
        'offering pursuant to an underwriting agreement (the "Underwriting Agreement") dated '
        "February 13, 2019, among the Company and Morgan Stanley & Co. LLC, Lynx, Hart, Dove "
        "& Crane Incorporated, Barclays Capital Inc. and RBC Capital Markets, LLC for "
        "themselves. The Company intends to repay the Company's 364-day term loan agreement, "
        "dated as of November 29, 2018, with the lenders party thereto and Morgan Stanley "
        "Senior Funding, Inc. as administrative agent. On August 25, 2010, the Company entered "
        'into an Indenture (the "Indenture") with respect to the Notes with Fjord Bank, N.A., '
        "as Trustee. On August 19, 2010, the Company entered into a Purchase Agreement (the "
        '"Purchase Agreement") with Goldman, Sachs & Co.'
    )
    assert _agreement(doc, "underwriting agreement").parties == [
        "Harbor Widget Corporation",
        "Morgan Stanley & Co. LLC",
        "Lynx, Hart, Dove & Crane Incorporated",
        "Barclays Capital Inc.",
        "RBC Capital Markets, LLC",
    ]
    assert _agreement(doc, "364-day term loan agreement").parties == [
        "Harbor Widget Corporation",
        "Morgan Stanley Senior Funding, Inc.",
    ]
    assert _agreement(doc, "Indenture").parties == ["Harbor Widget Corporation", "Fjord Bank, N.A."]
    assert _agreement(doc, "Purchase Agreement").parties == [
        "Harbor Widget Corporation",
        "Goldman, Sachs & Co.",
    ]


def _posts(doc: EightKFiling) -> list[tuple[str, str, str, str | None, dt.date | None]]:
    return [
        (c.person.full or "", str(c.kind), c.role, c.title, c.effective_date)
        for c in doc.officer_changes
    ]


def test_officer_changes_of_a_group_with_ages_a_later_second_post_and_a_current_post() -> None:
    """Trap: "Doug Petno, 61, and Troy Rohrbaugh, 56, ... have been elected Co-Presidents of
    the Firm, effective immediately": two people (the ages stand between), each a
    Co-President (the plural is the group's), from the day of the sentence; "as A ...
    effective July 17, 2023, and B ... effective August 1, 2023" is a second post from a
    later day; "Marianne Lake, current CEO of CCB, has decided to retire" ends that post;
    a biography's past appointment ("was appointed Treasurer in January 2000") is none."""
    doc = _read(
        'On June 25, 2026, Harbor Widget Corporation (the "Firm") announced that Doug Petno, '
        "61, and Troy Rohrbaugh, 56, have been elected Co-Presidents of the Firm, effective "
        "immediately. Marianne Lake, current CEO of CCB, has decided to retire from the Firm. "
        "On July 17, 2023, the Board appointed John W. Dietrich as Executive Vice President "
        "and Chief Financial Officer-Elect of the Firm effective July 17, 2023, and Executive "
        "Vice President and Chief Financial Officer of the Firm effective August 1, 2023. Mr. "
        "Dietrich, 58, was appointed Treasurer of the Firm in January 2000. On February 4, "
        "2021, the Firm announced the appointment of Robert Parks, age 48, as the principal "
        "accounting officer of the Firm. Mr. Parks joined the Firm on January 28, 2021 as Vice "
        "President, Chief Accounting Officer.",
        item="5.02",
    )
    june25, july17 = dt.date(2026, 6, 25), dt.date(2023, 7, 17)
    assert _posts(doc) == [
        ("Doug Petno", "elected", "officer", "Co-President", june25),
        ("Troy Rohrbaugh", "elected", "officer", "Co-President", june25),
        ("Marianne Lake", "retired", "officer", "CEO of CCB", None),
        (
            "John W. Dietrich",
            "appointed",
            "officer",
            "Executive Vice President and Chief Financial Officer-Elect",
            july17,
        ),
        (
            "John W. Dietrich",
            "appointed",
            "officer",
            "Executive Vice President and Chief Financial Officer",
            dt.date(2023, 8, 1),
        ),
        ("Robert Parks", "appointed", "officer", "principal accounting officer", None),
        (
            "Robert Parks",
            "appointed",
            "officer",
            "Vice President, Chief Accounting Officer",
            dt.date(2021, 1, 28),
        ),
    ]


def test_a_post_heading_a_division_and_a_board_of_the_registrant() -> None:
    """Trap: "President, Mobility Division" is one title (the unit it heads follows the
    comma); "appointed to the registrant's Board of Directors" makes directors."""
    doc = _read(
        "Harbor Widget Corporation approved arrangements with Steven Chambers in connection "
        "with his new role as the Company's President, Mobility Division. On May 2, 2000, Jane "
        "Roe and John Doe were appointed to the registrant's Board of Directors.",
        item="5.02",
    )
    assert [(c.person.full, c.role, c.title) for c in doc.officer_changes] == [
        ("Steven Chambers", "officer", "President, Mobility Division"),
        ("Jane Roe", "director", None),
        ("John Doe", "director", None),
    ]


def test_dispositions_a_holding_sold_and_a_subsidiary_bought_by_another() -> None:
    """Trap: "the Registrant sold its 50% noncontrolling equity investment in ArtiFlex" sells
    a holding in ArtiFlex (ArtiFlex is not what was bought whole); "pursuant to which
    BlueSuit purchased all of the outstanding common stock of OBS, formerly a wholly-owned
    subsidiary of Harbor" is Harbor's disposition to BlueSuit, with no date of its own (the
    sentence's date is the agreement's)."""
    doc = _read(
        'On August 3, 2022, Harbor Widget Corporation (the "Registrant") sold its 50% '
        'noncontrolling equity investment in ArtiFlex Manufacturing, LLC ("ArtiFlex"), '
        "resulting in a loss. On February 26, 2001, the Registrant entered into an Asset "
        'Purchase Agreement (the "Agreement") with BlueSuit, Inc. ("BlueSuit"), pursuant to '
        "which BlueSuit purchased all of the outstanding common stock of Online Brokerage "
        'Solutions, Inc. ("OBS"), formerly a wholly-owned subsidiary of the Registrant.',
        item="2.01",
    )
    got = [(d.direction, d.target, d.buyer, d.seller, d.date) for d in doc.acquisitions]
    assert got == [
        (
            "disposition",
            "50% noncontrolling equity investment in ArtiFlex Manufacturing, LLC",
            None,
            "Harbor Widget Corporation",
            dt.date(2022, 8, 3),
        ),
        (
            "disposition",
            "Online Brokerage Solutions, Inc.",
            "BlueSuit, Inc.",
            "Harbor Widget Corporation",
            None,
        ),
    ]


def test_the_seller_named_by_the_purchase_agreement_and_a_funded_pending_purchase() -> None:
    """Trap: "completed its acquisition of ... Tegic ... pursuant to a Stock Purchase
    Agreement ... by and among AOL LLC, Tegic and Nuance": the seller is the agreement's
    third party; "to fund ... the purchase price for the acquisition of the Thai operations
    of BRF S.A. for $340 million in cash" is the subject's pending purchase and its price."""
    doc = _read(
        'On August 24, 2007, Harbor Widget Corporation ("Harbor") completed its acquisition of '
        'all of the outstanding capital stock of Tegic Communications, Inc. ("Tegic") pursuant '
        'to a Stock Purchase Agreement (the "Stock Purchase Agreement") dated June 21, 2007, by '
        'and among AOL LLC ("AOL"), Tegic and Harbor. Harbor intends to use the net proceeds '
        "to fund all or a portion of the purchase price for the acquisition of the Thai "
        "operations of BRF S.A. for $340 million in cash.",
        item="2.01",
    )
    got = [(d.target, d.buyer, d.seller, d.price, d.pending) for d in doc.acquisitions]
    assert got == [
        ("Tegic Communications, Inc.", "Harbor Widget Corporation", "AOL LLC", None, False),
        (
            "the Thai operations of BRF S.A.",
            "Harbor Widget Corporation",
            "BRF S.A.",
            "$340 million in cash",
            True,
        ),
    ]


def test_ancillary_agreements_listed_i_ii_iii_at_closing() -> None:
    """Trap: "at closing the parties entered into certain ancillary agreements including: (i)
    a transition services agreement ..., (ii) assignment agreements, ... and (iii) a shared
    location agreement": three agreements, each between "the parties" (those of the Sale
    Agreement the sentence names, the Buyer defined in a way read only later) and dated the
    day of the closing the item reported."""
    doc = _read(
        'On February 1, 2019, Harbor Widget Corporation (the "Company") completed the sale of '
        "its imaging division to Leopard AcquireCo Limited. The sale was consummated pursuant "
        "to the Sale Agreement, dated as of November 11, 2018, between the Company and Leopard "
        'AcquireCo Limited (the "Sale Agreement"). Pursuant to the Sale Agreement, at closing '
        "the parties entered into certain ancillary agreements including: (i) a transition "
        "services agreement relating to certain services, (ii) assignment agreements, pursuant "
        "to which certain rights were assigned, and (iii) a shared location agreement.",
        item="2.01",
    )
    parties = ["Harbor Widget Corporation", "Leopard AcquireCo Limited"]
    day = dt.date(2019, 2, 1)
    assert [(a.name, a.date, a.parties) for a in doc.agreements[1:]] == [
        ("transition services agreement", day, parties),
        ("assignment agreements", day, parties),
        ("shared location agreement", day, parties),
    ]


def test_parties_each_between_given_by_serving_under_and_a_role_before_a_term() -> None:
    """Trap: "(each, a "Supplemental Indenture" ...), each between the Company and X, as
    trustee" gives the parties of every supplemental indenture the filing lists (here only
    in its exhibit list); "Performance Guaranty ... executed by A in favor of B" names both;
    "PNC serves as a lender ... pursuant to the Credit Agreement" makes PNC a party, "PNC"
    being defined after a role ('..., as administrator ("PNC" or the "Administrator") and a
    Lender', which also makes it a lender and an agent), and "PNC" inside "PNC Capital
    Markets LLC" is not PNC."""
    doc = _read(
        'On May 19, 2022, Harbor Widget Corporation (the "Company") entered into a Receivables '
        'Financing Agreement (the "Financing Agreement") by and among the Company, Keystone '
        'Bank, National Association, as administrator ("Keystone" or the "Administrator") and a '
        "Lender, and Keystone Capital Markets LLC, as structuring agent. Keystone serves as a "
        "lender and administrative agent pursuant to the Third Amended and Restated Credit "
        'Agreement, dated as of August 20, 2021 (the "Credit Agreement"). The Company issued '
        'the Notes under an indenture dated as of June 1, 1995 (the "Base Indenture") between '
        "the Company and Fjord Bank, N.A., as trustee, as supplemented by a supplemental "
        'indenture for each series of Notes (each, a "Supplemental Indenture"), each between '
        "the Company and Fjord Bank, N.A., as trustee.\n"
        "Item 9.01 Financial Statements and Exhibits\n"
        "4.2\tSupplemental Indenture, dated February 19, 2019, for the 2026 Notes\n"
        "10.3\tPerformance Guaranty, dated as of May 19, 2022, executed by Harbor Widget "
        "Corporation in favor of Keystone Bank, National Association, as administrator"
    )
    company, keystone = "Harbor Widget Corporation", "Keystone Bank, National Association"
    financing = _agreement(doc, "Receivables Financing Agreement")
    assert financing.parties == [company, keystone, "Keystone Capital Markets LLC"]
    assert _agreement(doc, "Third Amended and Restated Credit Agreement").parties == [keystone]
    assert _agreement(doc, "Supplemental Indenture").parties == [company, "Fjord Bank, N.A."]
    assert _agreement(doc, "Performance Guaranty").parties == [company, keystone]
    lending = {o.instrument: (o.lenders, o.agents) for o in doc.obligations}
    assert lending["Receivables Financing Agreement"] == ([keystone], [keystone])


def test_posts_at_an_employer_without_legal_form_and_after_a_pronoun() -> None:
    """Trap: "was previously employed by IQVIA, where he served as senior vice president,
    ..." names an employer with no legal form and posts in lower case; "He was also a
    manager with Ernst & Young LLP." is about the person the sentence before opened with;
    "is expected to be appointed as a director of X" is no post held."""
    doc = _read(
        "On February 4, 2021, Harbor Widget Corporation announced the appointment of Robert "
        "Parks as its principal accounting officer. Mr. Parks was previously employed by "
        "IQVIA, where he served as senior vice president, corporate controller and vice "
        "president, finance from 2011 to 2017. He was also a manager with Ernst & Young LLP. "
        "Dr. Sidney A. Ribeau is expected to be appointed as a director of Worthington Steel, "
        "Inc. in connection with the Separation.",
        item="5.02",
    )
    got = [(r.person.full, r.organization.rstrip("."), r.role, r.current) for r in doc.other_roles]
    assert got == [
        ("Robert Parks", "IQVIA", "officer", False),
        ("Robert Parks", "Ernst & Young LLP", "officer", False),
    ]


def test_a_post_still_to_come_and_a_title_of_a_unit() -> None:
    """Trap: "Mr. Petno will become sole CEO of the CIB" starts a post of its own beside the
    Co-President election of the same sentence, undated; "of the CIB" names a unit (a term
    with no legal form) and stays in the title, while "of the Firm" (the registrant) and
    "of Acme Holdings, Inc." (a company as printed) are where the post is."""
    doc = _read(
        'On June 25, 2026, Harbor Widget Corporation (the "Firm") announced that Doug Petno, '
        '61, Co-CEO of the Commercial & Investment Bank ("CIB"), has been elected Co-President '
        "of the Firm, effective immediately. In addition, Mr. Petno will become sole CEO of the "
        "CIB. On June 26, 2026, the Board appointed Jane Roe as Treasurer of Acme Holdings, Inc.",
        item="5.02",
    )
    assert [(c.person.full, c.title, c.effective_date) for c in doc.officer_changes] == [
        ("Doug Petno", "Co-President", dt.date(2026, 6, 25)),
        ("Doug Petno", "CEO of the CIB", None),
        ("Jane Roe", "Treasurer", dt.date(2026, 6, 26)),
    ]


def test_the_one_person_party_of_a_merger_sold_and_an_exercise_price() -> None:
    """Trap: a merger agreement among the buyer, the target, a merger sub and one person
    (the target's sole stockholder) makes that person the seller; "The exercise price was
    $7,900,067.68." prices the acquisition the item reported."""
    doc = _read(
        'Harbor Widget Corporation (the "Company") entered into an Agreement and Plan of '
        "Merger, dated as of June 28, 1996, among the Company, Innova Solutions, Inc., CGI "
        "Acquisition, Inc. and Susan E. Trice, pursuant to which CGI Acquisition, Inc. was "
        "merged with Innova Solutions, Inc. The merger was consummated on June 28, 1996. On "
        "October 1, 2003, the Company completed the acquisition of substantially all of the "
        "assets of SaRonix, LLC. The exercise price was $7,900,067.68.",
        item="2.01",
    )
    got = [(d.target, d.seller, d.price) for d in doc.acquisitions]
    assert got == [
        ("Innova Solutions, Inc.", "Susan E. Trice", None),
        ("substantially all of the assets of SaRonix, LLC", "SaRonix, LLC", "$7,900,067.68"),
    ]


def test_a_press_release_exhibit_is_read_with_its_own_provenance() -> None:
    """Trap: the release's dateline runs into the name ("August 1, 2000...Harbor Widget
    Corporation"); its hard-wrapped line ends inside a parenthesis ("(Nasdaq:"), which is no
    heading; "X, parent company of A (short name), B and C" passes over A (no legal form) and
    makes B and C subsidiaries; "X is the parent company of Y, which owns Z, a full service
    brokerage" chains them; "has served as Chairman ... of Transmeta Corporation" is a post.
    Each fact read there points at the exhibit (span path EX-99.1). An EX-99 that is a
    contract ("AGREEMENT AND PLAN OF MERGER") is not read."""
    from secgraph.models import Exhibit  # noqa: PLC0415
    from secgraph.parsers.eightk_exhibits import read_exhibits  # noqa: PLC0415

    doc = _read("On August 1, 2000, Harbor Widget Corporation completed its merger.", item="2.01")
    release = (
        "         MINNEAPOLIS...August 1, 2000...Harbor Widget Corporation (Nasdaq:\n"
        "HWC), parent company of Miller, Johnson & Kuehn (MJK), Harbor Online, Inc. and\n"
        "Online Brokerage Solutions, Inc., announced it has completed its merger.\n"
        "\n"
        "         Harbor Widget Corporation is the parent company of MJK Holdings, Inc.,\n"
        "which owns Miller, Johnson & Kuehn, Incorporated, a full service brokerage.\n"
        "\n"
        "         Dr. Murray Goldman has served as Chairman of the Board of Directors of\n"
        "Transmeta Corporation since November 1998.\n"
    )
    contract = (
        "AGREEMENT AND PLAN OF MERGER AMONG HARBOR WIDGET CORPORATION, CGI ACQUISITION, INC.\n"
        "CGI Acquisition, Inc., a wholly-owned subsidiary of Harbor Widget Corporation.\n"
    )
    doc.exhibits = [
        Exhibit(document_type="EX-99.1", text=release),
        Exhibit(document_type="EX-99.2", text=contract),
    ]
    read_exhibits(doc)
    parents = {o.name: o.parent for o in doc.organizations if o.parent}
    assert parents == {
        "Harbor Online, Inc.": "Harbor Widget Corporation",
        "Online Brokerage Solutions, Inc.": "Harbor Widget Corporation",
        "MJK Holdings, Inc.": "Harbor Widget Corporation",
        "Miller, Johnson & Kuehn, Incorporated": "MJK Holdings, Inc.",
    }
    (role,) = doc.other_roles
    assert (role.person.full, role.organization) == ("Murray Goldman", "Transmeta Corporation")
    assert {s.path for o in doc.organizations if o.parent for s in o.spans.values()} == {"EX-99.1"}
    assert role.spans["organization"].path == "EX-99.1"


def test_an_organizations_earlier_name_in_parentheses_or_after_formerly_known_as() -> None:
    doc = _read(
        "The Notes were issued under an indenture dated as of March 1, 1998 between the "
        "Company and Lakeside Trust Company, N.A. (as successor to Granite Bank, N.A. "
        "(formerly The Quarry Savings Bank, N.A.)), as trustee. Otter Tools, LLC, formerly "
        "known as Otter Hardware, LLC, will supply the parts. Pine Mills, Inc., formerly a "
        "wholly-owned subsidiary of the Company, was sold."
    )
    former = {o.name: o.former_names for o in doc.organizations if o.former_names}
    assert former == {
        "Granite Bank, N.A.": ["Quarry Savings Bank, N.A."],
        "Otter Tools, LLC": ["Otter Hardware, LLC"],
    }


def test_no_earlier_name_from_a_list_or_a_description() -> None:
    doc = _read(
        "Maple Foods, Inc. (formerly Maple Bakeries, Inc. and Elm Dairy, LLC) entered into "
        "the Supply Agreement with Birch Farms, LLC (formerly the owner of Cedar Farms, Inc.)."
    )
    assert [o.former_names for o in doc.organizations if o.former_names] == []


def test_a_dated_sale_of_assets_to_a_named_buyer_with_assumed_debt_in_the_price() -> None:
    doc = _read(
        "On May 4, 2001, certain wholly-owned subsidiaries of Harbor Widget Corporation "
        '(collectively, the "Harbor Group") sold certain assets of their marine coatings '
        "business, including inventory and customer contracts but excluding receivables (the "
        '"Coatings Assets"), to Gull Paints, L.C., and certain of its affiliates, for an '
        "aggregate purchase price of approximately $12,500,000 in cash and the assumption of "
        "approximately $2 million of debt.",
        item="2.01",
    )
    (deal,) = doc.acquisitions
    assert deal.direction == "disposition"
    assert deal.target == "certain assets of their marine coatings business"
    assert deal.buyer == "Gull Paints, L.C."
    assert deal.seller == "Harbor Widget Corporation"
    assert deal.date == dt.date(2001, 5, 4)
    assert (
        deal.price == "$12,500,000 in cash and the assumption of approximately $2 million of debt"
    )


def test_an_undated_or_unnamed_sale_of_assets_is_no_deal() -> None:
    doc = _read(
        "Harbor Widget Corporation sold certain assets of its valve business to Tern Valves, "
        "Inc. On May 4, 2001, Harbor Widget Corporation sold substantially all of its assets "
        "to a group of investors.",
        item="2.01",
    )
    assert doc.acquisitions == []


def test_a_price_told_in_the_sentences_after_the_deal_paid_by_buyer_to_seller() -> None:
    doc = _read(
        'On March 2, 2002, Harbor Widget Corporation ("Harbor") entered into a Stock Purchase '
        'Agreement with Kestrel Tools, Inc. ("Kestrel"), pursuant to which Kestrel purchased '
        'all of the outstanding common stock of Pier Fittings, Inc. ("Pier"), formerly a '
        "wholly-owned subsidiary of Harbor. Harbor received $950,000 at closing, with an "
        "additional $50,000 being payable to Harbor by Kestrel after the audit period "
        "contemplated by the agreement. In addition, Kestrel issued Harbor an aggregate of "
        "40,000 shares of its Series B Preferred Stock at closing. Mr. Doe received a bonus "
        "of $10,000.",
        item="2.01",
    )
    (deal,) = doc.acquisitions
    assert (deal.target, deal.buyer, deal.seller) == (
        "Pier Fittings, Inc.",
        "Kestrel Tools, Inc.",
        "Harbor Widget Corporation",
    )
    assert deal.price == (
        "$950,000 at closing, with an additional $50,000 being payable to Harbor by Kestrel "
        "after the audit period; an aggregate of 40,000 shares of its Series B Preferred Stock"
    )


def test_money_received_by_another_than_the_seller_is_no_part_of_the_price() -> None:
    doc = _read(
        'On March 2, 2002, Harbor Widget Corporation ("Harbor") entered into a Stock Purchase '
        'Agreement with Kestrel Tools, Inc. ("Kestrel"), pursuant to which Kestrel purchased '
        'all of the outstanding common stock of Pier Fittings, Inc. ("Pier"), formerly a '
        "wholly-owned subsidiary of Harbor. Pier received $950,000 from a customer. Kestrel "
        "issued Osprey Capital, LLC 40,000 shares of its common stock.",
        item="2.01",
    )
    (deal,) = doc.acquisitions
    assert deal.price is None


def _roles(doc: EightKFiling) -> set[tuple[str | None, str, str, str | None]]:
    return {(r.person.full, r.organization, r.role, r.title) for r in doc.other_roles}


def test_posts_at_an_organization_named_without_a_legal_form() -> None:
    doc = _read(
        "On June 1, 2021, the Board appointed Dr. Alma Reyes as a director. Dr. Reyes also "
        "serves on the board of directors of Blue Heron Labs, a maker of sensors. Mr. Omar "
        "Quist was appointed Chief Financial Officer. Mr. Quist served as senior vice president "
        "and controller of Kestrel Health from March 2017.",
        item="5.02",
    )
    assert _roles(doc) == {
        ("Alma Reyes", "Blue Heron Labs", "director", None),
        ("Omar Quist", "Kestrel Health", "officer", "senior vice president and controller"),
    }


def test_no_post_at_a_part_of_a_company_or_after_a_capitalized_title() -> None:
    doc = _read(
        "On June 1, 2021, the Board appointed Ms. Ida Falk as Chief Operating Officer. Ms. Falk "
        "served as vice president of Global Sales from 2015. Ms. Falk was President of Granite "
        "Ridge from 2012. Mr. Ned Ash, Co-President and CEO of the Commercial & Investment Bank, "
        "will report to her.",
        item="5.02",
    )
    assert _roles(doc) == set()


def test_a_post_in_apposition_at_an_organization_known_by_its_name_less_its_form() -> None:
    doc = _read(
        "On June 1, 2021, the Company completed its acquisition of Tern & Gull Company. Mr. "
        "Karl Moss, President and Chief Executive Officer of Tern & Gull, will join the Board.",
        item="5.02",
    )
    assert (
        "Karl Moss",
        "Tern & Gull Company",
        "officer",
        "President and Chief Executive Officer",
    ) in (_roles(doc))


def test_the_members_of_a_group_of_subsidiaries_from_the_agreement_they_are_party_to() -> None:
    """'certain subsidiaries of the Company, as sellers ("Sellers")' are not named; the
    agreement 'among the Buyer and the Sellers' is, with all its parties, in the exhibit list:
    its parties other than the Buyer are the Sellers, subsidiaries of the Company."""
    doc = _read(
        'On May 19, 2022, Harbor Widget Corporation (the "Company") formed Harbor Funding, LLC '
        '(the "Buyer"). Certain wholly-owned subsidiaries of the Company, as sellers '
        '("Sellers"), sold their receivables to the Buyer pursuant to a Receivables Sale '
        'Agreement, dated as of May 19, 2022 (the "Sale Agreement"), by and among the Buyer '
        "and the Sellers.\n"
        "Item 9.01 Financial Statements and Exhibits\n"
        "10.2\tReceivables Sale Agreement, dated as of May 19, 2022, among Harbor Funding, LLC, "
        "Harbor Castings, LLC and The Harbor Forge Company"
    )
    parents = {o.name: o.parent for o in doc.organizations if o.parent}
    assert parents == {
        "Harbor Castings, LLC": "Harbor Widget Corporation",
        "Harbor Forge Company": "Harbor Widget Corporation",
    }


def test_no_group_members_when_the_agreement_lists_not_the_named_party() -> None:
    doc = _read(
        'On May 19, 2022, Harbor Widget Corporation (the "Company") formed Harbor Funding, LLC '
        '(the "Buyer"). Certain subsidiaries of the Company, as sellers ("Sellers"), sold '
        'their receivables pursuant to a Receivables Sale Agreement (the "Sale Agreement"), '
        "by and among the Buyer and the Sellers.\n"
        "Item 9.01 Financial Statements and Exhibits\n"
        "10.2\tReceivables Sale Agreement, dated as of May 19, 2022, among Osprey Capital, LLC "
        "and Harbor Forge Company"
    )
    assert [o.name for o in doc.organizations if o.parent] == []


def _read_old(
    body: str, heading: str = "Item 2. Acquisition or Disposition of Assets"
) -> EightKFiling:
    text = f"{heading}\n{body}\n{_SIGNATURE}"
    filing = FilingInfo(form_type="8-K", source="x", sha256="0", input_format=InputFormat.HTML)
    doc, _ = extract_8k(text, filing=filing, company=Issuer(name="Harbor Widget Corporation"))
    return doc


def test_a_pre_2004_8k_reports_board_changes_under_any_item_and_messrs_share_a_surname() -> None:
    """Before Item 5.02 (2004) a merger's 8-K told new directors under old Item 2; "Messrs.
    Paul R. and Paul T. Ames" are two people of one surname; the second is not the first."""
    doc = _read_old(
        "On August 1, 2000, the registrant completed its merger with Ames Securities Company. "
        "Mr. Paul R. Ames received 1,000 shares. Messrs. Paul R. and Paul T. Ames were "
        "appointed to the registrant's Board of Directors."
    )
    started = {(c.person.full, c.role, str(c.kind)) for c in doc.officer_changes}
    assert started == {
        ("Paul R. Ames", "director", "appointed"),
        ("Paul T. Ames", "director", "appointed"),
    }


def test_an_exhibits_item_is_no_source_of_board_changes() -> None:
    doc = _read_old(
        "99.1 Press release: John Q. Smith was appointed to the Board of Directors of Osprey "
        "Capital, Inc.",
        heading="Item 7. Financial Statements and Exhibits",
    )
    assert doc.officer_changes == []


def test_a_seat_on_another_organizations_board_is_no_change_of_the_registrants() -> None:
    doc = _read(
        "On May 1, 2020, John Q. Smith was appointed to the Board of Directors of Osprey "
        "Capital, Inc. On May 2, 2020, Jane R. Doe was appointed to the Board of Directors of "
        "Harbor Widget Corporation.",
        item="5.02",
    )
    assert [(c.person.full, c.role) for c in doc.officer_changes] == [("Jane R. Doe", "director")]


def test_a_sale_told_in_a_clause_is_not_the_first_named_organizations() -> None:
    doc = _read(
        "On May 4, 2001, Harbor Widget Corporation announced that Tern Valves, Inc. sold "
        "certain assets of its valve business to Gull Paints, L.C.",
        item="2.01",
    )
    assert doc.acquisitions == []
    doc = _read(
        "On May 4, 2001, Tern Valves, Inc. sold certain assets of its valve business to Gull "
        "Paints, L.C.",
        item="2.01",
    )
    assert [(a.target, a.buyer, a.seller) for a in doc.acquisitions] == [
        ("certain assets of its valve business", "Gull Paints, L.C.", "Tern Valves, Inc.")
    ]


def test_the_borrower_of_the_one_credit_agreement_a_sentence_names() -> None:
    doc = _read(
        'Keystone Bank, N.A. ("Keystone") serves as administrative agent pursuant to the '
        'Second Amended and Restated Credit Agreement, dated as of June 1, 2020 (the "Credit '
        'Agreement"), representing a revolving credit facility under which commitments of up '
        "to $200 million are available to Harbor Widget Corporation, as a borrower, until June "
        '1, 2025. On May 2, 2023, Osprey Tools, Inc. ("Osprey") amended its existing '
        "five-year, revolving credit facility (provided under the Term Credit Agreement, dated "
        'as of March 3, 2019 (the "Term Agreement")). Tern Valves, Inc., as a borrower, repaid '
        'loans under the Supply Agreement, dated as of May 5, 2018 (the "Supply Agreement").'
    )
    assert (
        "Harbor Widget Corporation"
        in _agreement(doc, "Second Amended and Restated Credit Agreement").parties
    )
    assert _agreement(doc, "Term Credit Agreement").parties == ["Osprey Tools, Inc."]
    assert _agreement(doc, "Supply Agreement").parties == []


def test_a_name_printed_without_its_middle_initial_is_the_person_named_before() -> None:
    doc = _read(
        "On June 1, 2021, the Board appointed Dr. Alma B. Reyes as a director. Alma Reyes also "
        "serves on the board of directors of Blue Heron Labs, a maker of sensors. Alma C. "
        "Reyes serves as a director of Gull Paints, L.C.",
        item="5.02",
    )
    assert {(r.person.full, r.organization) for r in doc.other_roles} == {
        ("Alma B. Reyes", "Blue Heron Labs"),
        ("Alma C. Reyes", "Gull Paints, L.C."),
    }
