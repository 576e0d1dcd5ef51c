"""Dates and numbers as filings print them; partial or ambiguous values are None."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secgraph.normalize.dates import parse_date
from secgraph.normalize.numbers import parse_decimal


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("11/14/2023", dt.date(2023, 11, 14)),  # Form 4 seed
        ("10/01/2013", dt.date(2013, 10, 1)),  # Form 3 seed
        ("1/2/2013", dt.date(2013, 1, 2)),
        ("2013-10-31", dt.date(2013, 10, 31)),
        ("2013-10-31T00:00:00", dt.date(2013, 10, 31)),
        ("October 01, 2013", dt.date(2013, 10, 1)),
        ("May 19, 2016", dt.date(2016, 5, 19)),
        ("Sep 5, 2020", dt.date(2020, 9, 5)),
        ("Sept. 5, 2020", dt.date(2020, 9, 5)),
        ("June 3rd, 2020", dt.date(2020, 6, 3)),
        ("3 June 2020", dt.date(2020, 6, 3)),
        ("February 29,2000", dt.date(2000, 2, 29)),  # 0001094891-00-000193
        ("  11/14/2023. ", dt.date(2023, 11, 14)),
        ("20231114", dt.date(2023, 11, 14)),
    ],
)
def test_dates(text: str, value: dt.date) -> None:
    assert parse_date(text) == value


@pytest.mark.parametrize(
    "text",
    [None, "", "(1)", "2016", "02/2016", "02/30/2020", "13/01/2020", "Date", "2/7/00", "soon"],
)
def test_not_whole_dates_are_none(text: str | None) -> None:
    """A partial date (a year, a month) or a two-digit year is never completed or guessed."""
    assert parse_date(text) is None


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_date_round_trips(day: dt.date) -> None:
    assert parse_date(day.strftime("%m/%d/%Y")) == day
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%B %d, %Y")) == day


@given(st.text(max_size=40))
def test_parse_date_never_raises(text: str) -> None:
    assert parse_date(text) is None or isinstance(parse_date(text), dt.date)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("$0.845", Decimal("0.845")),
        ("\\$0.845", Decimal("0.845")),  # markdown escape left in the Form 4 seed
        ("\\$ 2.6", Decimal("2.6")),
        ("589,485", Decimal("589485")),
        ("5,381.2", Decimal("5381.2")),
        ("1,000,000.00", Decimal("1000000.00")),
        ("$ 0", Decimal("0")),
        ("-5", Decimal("-5")),
        (".5", Decimal("0.5")),
        ("USD 5", Decimal("5")),
        ("12\u00a0000", Decimal("12000")),
    ],
)
def test_numbers(text: str, value: Decimal) -> None:
    assert parse_decimal(text) == value


@pytest.mark.parametrize(
    "text", [None, "", "(1)", "-", "1.5e3", "12,000 -", "1,00", "N/A", "0.845 (1)", "D"]
)
def test_not_numbers_are_none(text: str | None) -> None:
    """Footnote marks are never negative numbers; marks must be split off before parsing."""
    assert parse_decimal(text) is None


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=4, allow_nan=False))
def test_number_round_trips_with_separators(value: Decimal) -> None:
    assert parse_decimal(f"{value:,}") == value
    assert parse_decimal(f"${value}") == value


@given(st.text(max_size=30))
def test_parse_decimal_never_raises(text: str) -> None:
    result = parse_decimal(text)
    assert result is None or isinstance(result, Decimal)
