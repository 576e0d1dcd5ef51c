"""Tables I and II of Forms 3/4/5 as text converters print them: rows whose cells wrap above and
below their values (pdftotext -layout), cells a lost gap ran together, one cell a paragraph
(plain pdftotext), a table continued on a new page. The snippets are invented in the layouts
the fidelity harness's conversions show (/tmp/fid-text: Chromium's PDF of the SEC rendering,
then pdftotext); every expected value is the one printed in the snippet. Where rows cannot be
told apart, the table must be refused (a ``table-unread`` warning), never read wrong."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from secgraph.models import (
    AcquiredDisposed,
    Holding,
    OwnershipNature,
    ParseWarning,
    Transaction,
    TransactionCode,
)
from secgraph.parsers.ownership_text._doc import prepare
from secgraph.parsers.ownership_text._tables import read_tables

T1 = "Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned"
T2 = "Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned"
T1_FORM3 = "Table I - Non-Derivative Securities Beneficially Owned"
HEADER1 = (
    "1. Title of   2. Transaction   2A. Deemed Execution   3.             "
    "4. Securities Acquired (A) or   5. Amount of Securities   6. Ownership   7. Nature\n"
    "Security      Date             Date, if any           Transaction    "
    "Disposed Of (D) (Instr. 3, 4    Beneficially Owned        Form: Direct   of Indirect\n"
    "(Instr. 3)    (Month/Day/Year) (Month/Day/Year)       Code (Instr.   "
    "and 5)                          Following Reported        (D) or         Beneficial\n"
    "                                                      8)\n"
    "\n"
    "                                                       Code   V   Amount   (A) or   Price\n"
    "                                                                            (D)\n"
)
END = "Explanation of Responses:\n"


def _read(
    text: str, form: str = "4"
) -> tuple[list[Transaction], list[Holding], list[ParseWarning]]:
    doc = prepare(text)
    warnings: list[ParseWarning] = []
    transactions, holdings = read_tables(doc.lines, form, warnings, raw=doc.raw)
    return transactions, holdings, warnings


def _unread(warnings: list[ParseWarning]) -> list[str]:
    return [w.message for w in warnings if w.code == "table-unread"]


def test_a_title_centred_around_its_row_values_stays_with_its_row() -> None:
    """Trap: pdftotext -layout prints a three-line title one line above and one below the
    row's values, with no blank line between rows: read line by line, 'Stock' of a row went
    to the next row's title ('Stock Class A Common')."""
    rows = (
        "Class A\n"
        "Common        04/13/2022                               S        100   D   "
        "$2,556.7346(2)     13,788        D\n"
        "Stock\n"
        "Class A\n"
        "Common        04/13/2022                               S        300   D   "
        "$2,557.65          13,488        D\n"
        "Stock(1)\n"
    )
    transactions, holdings, warnings = _read(f"{T1}\n{HEADER1}\n{rows}{END}")
    assert not _unread(warnings)
    assert holdings == []
    first, second = transactions
    assert [t.security for t in transactions] == ["Class A Common Stock"] * 2
    assert (first.date, first.code, first.shares, first.acquired_disposed) == (
        dt.date(2022, 4, 13),
        TransactionCode.S,
        Decimal("100"),
        AcquiredDisposed.DISPOSED,
    )
    assert (first.price, first.footnotes["price"], first.shares_after) == (
        Decimal("2556.7346"),
        ["F2"],
        Decimal("13788"),
    )
    assert (second.price, second.shares_after, second.ownership) == (
        Decimal("2557.65"),
        Decimal("13488"),
        OwnershipNature.DIRECT,
    )
    assert second.footnotes == {"security": ["F1"]}


def test_a_two_line_title_around_a_line_of_values_between_blank_lines() -> None:
    """Trap: a two-line title prints its lines above and below a values line of their own;
    the blank line after a row is its border."""
    rows = (
        "Common\n"
        "                12/18/2012     12/18/2012     C      10,491,720     A     (1)"
        "        10,609,976        I      By Trust\n"
        "Stock\n"
        "\n"
        "Common\n"
        "Stock\n"
        "                12/18/2012     12/18/2012     P      1,875,000      A     $8"
        "         20,724,991        I      By Trust\n"
    )
    transactions, _, warnings = _read(f"{T1}\n{HEADER1}\n{rows}{END}")
    assert not _unread(warnings)
    first, second = transactions
    assert (first.security, first.deemed_execution_date, first.price) == (
        "Common Stock",
        dt.date(2012, 12, 18),
        None,
    )
    assert first.footnotes == {"price": ["F1"]}
    assert (second.security, second.code, second.price, second.nature_of_ownership) == (
        "Common Stock",
        TransactionCode.P,
        Decimal("8"),
        "By Trust",
    )


def test_rows_whose_pieces_cannot_be_shared_out_are_refused() -> None:
    """Trap: with no blank line between rows, a row with two lines above its values and none
    below leaves the next row's pieces ambiguous; refused, not guessed."""
    rows = (
        "Series A\n"
        "Convertible\n"
        "                12/18/2012                    C      10,491,720     A     $1"
        "        10,609,976        D\n"
        "Preferred\n"
        "                12/18/2012                    C      2,000          A     $1"
        "        10,611,976        D\n"
    )
    transactions, holdings, warnings = _read(f"{T1}\n{HEADER1}\n{rows}{END}")
    assert (transactions, holdings) == ([], [])
    assert _unread(warnings)


def test_a_word_broken_at_its_hyphen_is_joined_without_a_space() -> None:
    rows = (
        "Series C-\n"
        "1\n"
        "                02/06/2024                    C      4,025,764      D     (1)"
        "        0                 D\n"
        "Preferred\n"
        "Stock\n"
    )
    transactions, _, warnings = _read(f"{T1}\n{HEADER1}\n{rows}{END}")
    assert not _unread(warnings)
    (row,) = transactions
    assert row.security == "Series C-1 Preferred Stock"


def test_an_underlying_title_beside_its_amount_in_table_ii() -> None:
    """Trap: the underlying security's title wraps around the row's values and its middle
    line runs into the amount with one space ('Common 16,670'): the title is 'Class A Common
    Stock' and the amount 16,670, not a title 'Class A Common 16,670 Stock'."""
    header = (
        "1. Title of   2. Conversion   3. Transaction   4. Transaction   5. Number of   "
        "6. Date Exercisable   7. Title and Amount   8. Price   9. Number   10. Ownership\n"
        "                               Code   V   (A)   (D)    Exercisable   Expiration   "
        "Title   Amount\n"
    )
    values = (
        "Common        $0        10/02/2015        C          16,670       (19)         (20)"
        "        Common 16,670        $0       21,109,310       D"
    )
    at = values.index("Common 16,670")  # the underlying title's column
    rows = "Class B".ljust(at) + "Class A\n" + values + "\n" + "Stock".ljust(at) + "Stock\n"
    # (an empty Table I first: the tables' lines as converted are kept from its title on)
    transactions, _, warnings = _read(f"{T1}\n{T2}\n{header}\n{rows}{END}")
    assert not _unread(warnings)
    (row,) = transactions
    assert (row.security, row.underlying_security, row.underlying_shares) == (
        "Class B Common Stock",
        "Class A Common Stock",
        Decimal("16670"),
    )
    assert (row.exercise_price, row.shares, row.shares_after) == (
        Decimal("0"),
        Decimal("16670"),
        Decimal("21109310"),
    )
    assert row.footnotes == {"exercisable_date": ["F19"], "expiration_date": ["F20"]}


def test_lost_gaps_and_a_nature_of_ownership_wrapped_around_the_row() -> None:
    """Trap: a layout whose gaps are tabs, some lost (one space): the row's cells run together
    ('Common Stock 3,909,607 I') and the nature of ownership wraps above and below it; Table
    I has one text column right of the title, so the indented pieces are its."""
    rows = (
        "\tSequoia Capital Global Growth Fund III -\n"
        "Common Stock 3,909,607 I\n"
        "\tEndurance Partners, L.P.(2)(3)\n"
        "\n"
        "Common Stock\t9,289,278\tI\tSequoia Capital Global Growth Fund, L.P.(2)(3)\n"
    )
    header = "1. Title of Security\t2. Amount of Securities\t3. Ownership Form\t4. Nature\n"
    _, holdings, warnings = _read(f"\t{T1_FORM3}\n{header}\n{rows}\n{END}", form="3")
    assert not _unread(warnings)
    first, second = holdings
    assert (first.security, first.shares, first.ownership, first.nature_of_ownership) == (
        "Common Stock",
        Decimal("3909607"),
        OwnershipNature.INDIRECT,
        "Sequoia Capital Global Growth Fund III - Endurance Partners, L.P.",
    )
    assert first.footnotes == {"nature_of_ownership": ["F2", "F3"]}
    assert (second.shares, second.nature_of_ownership) == (
        Decimal("9289278"),
        "Sequoia Capital Global Growth Fund, L.P.",
    )


def test_one_cell_a_paragraph_is_cut_into_complete_rows() -> None:
    """Trap: plain pdftotext prints each cell as a paragraph in the columns' order (empty
    cells left out): 'By Trust' could be a row's nature of ownership or the next row's title;
    only one cut makes every row complete."""
    header = (
        "1. Title of\nSecurity\n(Instr. 3)\n\n2. Transaction\nDate\n(Month/Day/Year)\n\n"
        "3.\nTransaction\nCode (Instr.\n8)\nCode\n\nV\n\nAmount\n\n(A) or\n(D)\n\nPrice\n\n"
        "5. Amount of Securities Beneficially Owned\n\n6. Ownership Form:\n\n"
        "7. Nature of Indirect\nBeneficial Ownership\n(Instr. 4)\n\n"
    )
    cells = [
        "Common\nStock", "12/18/2012", "C", "10,491,720", "A", "(1)", "10,609,976", "I",
        "By Trust", "Common\nStock", "12/19/2012", "S", "2,000", "D", "$8.25", "10,607,976",
        "D",
    ]  # fmt: skip
    transactions, _, warnings = _read(f"{T1}\n{header}" + "\n\n".join(cells) + f"\n\n{END}")
    assert not _unread(warnings)
    first, second = transactions
    assert (first.security, first.shares_after, first.nature_of_ownership) == (
        "Common Stock",
        Decimal("10609976"),
        "By Trust",
    )
    assert first.footnotes == {"price": ["F1"]}
    assert (second.security, second.date, second.code, second.price, second.ownership) == (
        "Common Stock",
        dt.date(2012, 12, 19),
        TransactionCode.S,
        Decimal("8.25"),
        OwnershipNature.DIRECT,
    )
    assert second.nature_of_ownership is None


def test_a_header_word_below_the_first_row_is_a_piece_of_a_rebuilt_row() -> None:
    """Trap: 'Shares' is a word of the tables' headers and the end of a title ('Common' /
    'Shares'); dropped as a header crumb, the title would read 'Common'. Below the first row
    no header is printed (a new page's header is cut out first), so a row rebuilt from its
    pieces takes it as its title's end, with the page's spaces or with tabs."""
    for values in (
        "                12/18/2012                    P      1,000          A     $8"
        "        1,000        D",
        "\t12/18/2012\tP\t1,000\tA\t$8\t1,000\tD",
    ):
        rows = f"Common\n{values}\nShares\n"
        transactions, _, warnings = _read(f"{T1}\n{HEADER1}\n{rows}{END}")
        assert not _unread(warnings)
        assert [t.security for t in transactions] == ["Common Shares"]


def test_a_table_continued_on_a_new_page_is_read_on() -> None:
    """Trap: the PDF prints the table's title and header again at the top of the next page;
    the rows after it are the same table's (before, the table ended at the second title)."""
    row = (
        "Common Stock    12/18/2012                    P      1,000          A     $8"
        "        {after}        D\n"
    )
    text = (
        f"{T1}\n{HEADER1}\n"
        + row.format(after="1,000")
        + f"\n{T1}\n{HEADER1}\n"
        + row.format(after="2,000")
        + END
    )
    transactions, _, warnings = _read(text)
    assert not _unread(warnings)
    assert [t.shares_after for t in transactions] == [Decimal("1000"), Decimal("2000")]
    assert [t.row for t in transactions] == [0, 1]
