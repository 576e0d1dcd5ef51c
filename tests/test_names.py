"""Person and company names: SEC conformed order, natural order, comparison keys."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secgraph.models import PersonName, Span
from secgraph.normalize.names import (
    company_key,
    looks_like_organization,
    name_key,
    parse_person_name,
    parse_sec_name,
)


@pytest.mark.parametrize(
    ("text", "last", "first", "middle", "suffix"),
    [
        ("PANORA ROBERT A", "PANORA", "ROBERT", "A", None),
        ("Hatsopoulos John N", "Hatsopoulos", "John", "N", None),
        ("McMahon John Dennis", "McMahon", "John", "Dennis", None),
        ("Musk Elon", "Musk", "Elon", None, None),
        ("List Teri L.", "List", "Teri", "L.", None),
        ("SMITH JOHN A JR", "SMITH", "JOHN", "A", "JR"),
        ("VAN DER BERG JOHN", "VAN DER BERG", "JOHN", None, None),
        ("Panora, Robert A.", "Panora", "Robert", "A.", None),
    ],
)
def test_sec_order(
    text: str, last: str, first: str, middle: str | None, suffix: str | None
) -> None:
    name = parse_sec_name(text)
    assert name is not None
    assert (name.last, name.first, name.middle, name.suffix) == (last, first, middle, suffix)
    assert name.full == text


@pytest.mark.parametrize(
    ("text", "last", "first", "middle"),
    [
        ("Robert A. Panora", "Panora", "Robert", "A."),
        ("Bonnie J. Brown", "Brown", "Bonnie", "J."),
        ("Elon Musk", "Musk", "Elon", None),
        ("Panora, Robert A", "Panora", "Robert", "A"),
    ],
)
def test_natural_order(text: str, last: str, first: str, middle: str | None) -> None:
    name = parse_person_name(text)
    assert name is not None
    assert (name.last, name.first, name.middle) == (last, first, middle)


def test_single_token_is_a_surname() -> None:
    name = parse_sec_name("Cher")
    assert name is not None
    assert (name.last, name.first) == ("Cher", None)


@pytest.mark.parametrize("blank", [None, "", "   ", "\t"])
def test_blank_names_are_none(blank: str | None) -> None:
    assert parse_sec_name(blank) is None
    assert parse_person_name(blank) is None


def test_span_is_kept_on_full() -> None:
    span = Span(line=3, start=10, end=25)
    name = parse_sec_name("PANORA ROBERT A", span)
    assert name is not None
    assert name.spans["full"] == span


def test_name_key_matches_both_orders() -> None:
    sec = parse_sec_name("PANORA ROBERT A")
    natural = parse_person_name("Robert A. Panora")
    assert sec is not None
    assert natural is not None
    assert name_key(sec) == name_key(natural) == "panora|robert|a"


def test_name_key_accents_and_full_only() -> None:
    assert name_key(PersonName(last="Müller", first="José", middle="Ángel")) == "muller|jose|a"
    assert name_key(PersonName(full="Robert A. Panora")) == "panora|robert|a"
    assert name_key(PersonName()) == "||"


def test_name_key_differs_for_different_people() -> None:
    a = parse_sec_name("PANORA ROBERT A")
    b = parse_sec_name("PANORA ROBERTA")
    assert a is not None
    assert b is not None
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize(
    "name",
    [
        "Mithril II GP LP",
        "Founders Fund",
        "SOFTBANK GROUP CORP.",
        "SVF II Holdings (DE) LLC",
        "BAM Partners Trust",
        "Brookfield Infrastructure Partners L.P.",
        "Silver Brick Management PTE. LTD.",
        "BERKSHIRE HATHAWAY INC",
        "Thiel Capital",
    ],
)
def test_organizations(name: str) -> None:
    assert looks_like_organization(name)


@pytest.mark.parametrize(
    "name", ["PANORA ROBERT A", "Musk Elon", "Robert A. Panora", "Na Young", "", None]
)
def test_persons_are_not_organizations(name: str | None) -> None:
    assert not looks_like_organization(name)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("TECOGEN INC.", "tecogen"),
        ("Tecogen Inc.", "tecogen"),
        ("Tecogen", "tecogen"),
        ("Tesla, Inc.", "tesla"),
        ("TESLA MOTORS INC", "tesla motors"),
        ("AT&T INC.", "at and t"),
        ("PRODUCTIVITY TECHNOLOGIES CORP /DE", "productivity technologies"),
        ("BROOKFIELD Corp /ON/", "brookfield"),
        ("The Coca-Cola Company", "coca cola"),
        ("Coca-Cola Co", "coca cola"),
        ("SVF II Holdings (DE) LLC", "svf ii holdings"),
        ("Better Home & Finance Holding Co", "better home and finance holding"),
        ("Company", "company"),
        ("", ""),
        (None, ""),
    ],
)
def test_company_key(name: str | None, key: str) -> None:
    assert company_key(name) == key


def test_company_key_keeps_distinct_entities_apart() -> None:
    assert company_key("Mithril II GP LP") != company_key("Mithril II LP")
    assert company_key("Alphabet Inc.") != company_key("Alphabet Holdings Inc.")


@given(st.text(max_size=60))
def test_keys_never_raise_and_are_stable(text: str) -> None:
    key = company_key(text)
    assert key == key.strip()
    assert company_key(text) == key
    looks_like_organization(text)
    for parsed in (parse_sec_name(text), parse_person_name(text)):
        if parsed is not None:
            assert "|" not in name_key(parsed).replace("|", "", 2)
