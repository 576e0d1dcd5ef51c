"""Values a converter wrapped over lines: read whole when the layout says where they go,
left empty with a warning when it does not. Snippets are invented in the converters' styles
(w3m's narrow columns, pdftotext's blocks); the kept conversions are in
tests/fixtures/converted (tests/test_conversion_fidelity.py)."""

from __future__ import annotations

from secgraph.models import FormDFiling
from secgraph.normalize.doubt import signer_doubt
from secgraph.normalize.markup import marked_options
from secgraph.parsers import Source, formd_text
from secgraph.parsers.form_layout import FormText
from secgraph.parsers.ownership_text._doc import prepare
from secgraph.parsers.ownership_text._notes import read_signatures

TITLES = {1: "Issuer's Identity", 2: "Principal Place of Business", 9: "Types of Securities"}


def test_a_clarification_is_its_whole_paragraph() -> None:
    """Trap: the first line of a wrapped paragraph read as the whole value."""
    text = (
        "1. Issuer's Identity\n"
        "Clarification of Response (if Necessary):\n"
        "\n"
        "This amount covers the fund's organizational and one-\n"
        "time costs for the life of the fund.\n"
        "\n"
        "Last Name\tFirst Name\n"
    )
    form = FormText(formd_text.normalize_document(text), TITLES)
    label = r"Clarification of Response \(if Necessary\):?"
    value = form.paragraph(1, 7, label, {"last": r"Last Name"})
    assert value is not None
    assert value.text == (
        "This amount covers the fund's organizational and one-time costs for the life of the fund."
    )


def test_a_name_cell_wrapped_in_its_column_is_read_whole() -> None:
    """Trap: w3m wraps "Acme Fund IV, a series of Orbit Partners, LP" in a narrow column
    beside the entity types; its label "Jurisdiction of" / "Incorporation" also wraps."""
    text = (
        "1. Issuer's Identity\n"
        "     Name of Issuer                   X Limited Partnership\n"
        "Acme Fund IV, a series of               Limited Liability\n"
        "Orbit Partners, LP                      Company\n"
        "     Jurisdiction of                    Business Trust\n"
        "     Incorporation/\n"
        "DELAWARE\n"
    )
    form = FormText(formd_text.normalize_document(text), TITLES)
    labels = {"name": r"Name of Issuer", "where": r"Jurisdiction of Incorporation/Organization"}
    fields = form.fields(1, 7, labels, stops=formd_text.ENTITY_TYPES, wraps=["name"])
    assert fields["name"].text == "Acme Fund IV, a series of Orbit Partners, LP"


def _formd(item1_name: str, item2_name: str) -> tuple[FormDFiling, set[str]]:
    text = (
        "FORM D\nNotice of Exempt Offering of Securities\n"
        "1. Issuer's Identity\nName of Issuer\n"
        f"{item1_name}\n"
        "Jurisdiction of Incorporation/Organization\nDELAWARE\n"
        "2. Principal Place of Business and Contact Information\nName of Issuer\n"
        f"{item2_name}\n"
        "3. Related Persons\n"
    )
    parsed = formd_text.parse(Source("d.txt", text.encode()))
    assert isinstance(parsed.document, FormDFiling)
    return parsed.document, {w.code for w in parsed.warnings}


def test_an_issuer_name_read_two_ways_is_not_read() -> None:
    """Trap: item 1's cell cut by a wrap ("Orbit Fund IV, a series of") while item 2 prints
    the whole name: which one is whole is not known from one reading."""
    doc, codes = _formd("Orbit Fund IV, a series of", "Orbit Fund IV, a series of Orbit LP")
    assert doc.issuers[0].name is None
    assert "doubtful-issuer-name" in codes
    doc, codes = _formd("Orbit Fund IV LP", "Orbit Fund IV LP")
    assert doc.issuers[0].name == "Orbit Fund IV LP"


def test_an_option_wrapped_after_its_tick_is_read_and_a_loose_tick_is_seen() -> None:
    """Trap: "X Pooled Investment" / "Fund Interests" (w3m): the tick's option is cut; read
    without it, the list of securities would be short."""
    text = (
        "9. Types of Securities\n"
        "X Equity                X Pooled Investment\n"
        "                          Fund Interests\n"
        "  Debt                    Tenant-in-Common\n"
        "                          Securities\n"
    )
    form = FormText(text, TITLES)
    options = ["Equity", "Debt", "Pooled Investment Fund Interests", "Tenant-in-Common Securities"]
    assert [v.text for v in form.ticked(1, 5, options)] == [
        "Equity",
        "Pooled Investment Fund Interests",
    ]
    assert form.loose_ticks(1, 5, options) == []
    # the same tick before words that are no option (an option the reader does not know)
    assert [v.text for v in form.loose_ticks(1, 5, ["Equity", "Debt"])] == ["X"]


def test_a_bold_x_is_a_tick() -> None:
    """Trap: a markdown rendering draws a ticked box as **X**, unseen, so a list reads short."""
    marks = marked_options("**X** Rule 506(b)   Rule 506(c)", ["Rule 506(b)", "Rule 506(c)"])
    assert [(m[0], m[3]) for m in marks] == [("Rule 506(b)", True), ("Rule 506(c)", None)]


def _signers(text: str) -> tuple[list[str | None], set[str]]:
    doc = prepare(text)
    sigs = read_signatures(doc)
    return [s.name for s in sigs], {w.code for w in doc.warnings}


def test_a_signer_whose_words_begin_above_the_signature_line_is_read_whole() -> None:
    """Trap: w3m wraps "Orbit II GP LLC By: /s/ Jan Roe, Managing Member" in a right-hand
    column, its first words above the /s/ line; read from the /s/ line it starts mid-name."""
    pad = " " * 40
    text = (
        "Remarks:\n\n"
        f"{pad}Orbit II GP\n"
        f"{pad}LLC By: /s/ Jan   02/01/2024\n"
        f"{pad}Roe, Managing\n"
        f"{pad}Member\n"
        f"{pad}** Signature of   Date\n"
        f"{pad}Reporting Person\n"
        "Reminder: Report on a separate line for each class of securities.\n"
    )
    names, _ = _signers(text)
    assert names == ["Orbit II GP LLC By: /s/ Jan Roe, Managing Member"]


def test_a_signer_broken_by_a_blank_line_is_not_read() -> None:
    """Trap: pdftotext leaves a blank line inside a wrapped name: "Member, Orbit II" / "" /
    "LLC, General Partner"; the name read up to the blank is cut."""
    text = (
        "/s/ Jan Roe, Managing 09/20/2021\n"
        "Member, Orbit II GP\n"
        "\n"
        "LLC, General Partner of\n"
        "Orbit II LP\n"
        "** Signature of Reporting\n"
        "Person\n"
    )
    names, codes = _signers(text)
    assert names == [None]
    assert "doubtful-signer" in codes


def test_a_date_in_its_own_cell_leaves_a_date_in_the_name_alone() -> None:
    """Trap: "... Living Trust dated October 27, 2009" beside the signing date 05/18/2011: the
    name's own date taken for the signing date cuts the name."""
    text = (
        "/s/ Ann Lee, by power of attorney for the Lee Trust dated October 27, 2009\t05/18/2011\n"
        "** Signature of Reporting Person\tDate\n"
    )
    doc = prepare(text)
    (sig,) = read_signatures(doc)
    assert sig.name == "/s/ Ann Lee, by power of attorney for the Lee Trust dated October 27, 2009"
    assert sig.date is not None and sig.date.isoformat() == "2011-05-18"


def test_a_date_run_into_a_word_is_a_doubt() -> None:
    """Trap: pdftotext runs the date into the wrapped word: "attorney12/11/2020" / "in-fact"."""
    assert signer_doubt("/s/ Tryn Stimart, attorney12/11/2020 in-fact") is not None
    names, codes = _signers(
        "/s/ Tryn Stimart, attorney12/11/2020\nin-fact\n** Signature of Reporting\nPerson\n"
    )
    assert names == [None]
    assert "doubtful-signer" in codes


def test_a_label_wrapped_into_the_value_row_is_not_a_value() -> None:
    """Trap: html2text wraps "Recipient CRD Number" as "Recipient" / "CRD Number"; the
    label's second line sits in the value row and was read as the recipient. A first name
    that is only part of a label's word ("Nec", of "Necessary") is still a value."""
    form = FormText(
        formd_text.normalize_document(
            "1. Issuer's Identity\n"
            "Recipient                 Recipient\n"
            "                          CRD Number\n"
            "Last Name   First Name   Clarification of Response (if Necessary)\n"
            "Majofi      Nec\n"
        ),
        TITLES,
    )
    labels = {"recipient": r"Recipient", "crd": r"Recipient CRD Number"}
    assert "recipient" not in form.fields(1, 3, labels)
    person = {"last": r"Last Name", "first": r"First Name", "c": r"Clarification of Response"}
    assert form.fields(3, 5, person)["first"].text == "Nec"
