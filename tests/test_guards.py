"""Values read where a title or a name belongs that are not titles or names.

The guard names the reason; the parsers leave such a value empty and warn. Every value below
was met in a filing (cited) or is the shape the issue lists (rules, exhibit references,
section labels, director classes, headings, statutes)."""

from __future__ import annotations

import pytest

from secgraph.normalize.names import doubtful_company_name, doubtful_person_name, names_agree
from secgraph.normalize.titles import doubtful_title


@pytest.mark.parametrize(
    "title",
    [
        "Senior Vice President and Chief Financial Officer",
        "Vice President - General Counsel and Secretary",  # Worthington 2023
        "Executive Vice President, Administration and Chief Financial Officer (Principal"
        " Financial Officer)",  # SanDisk 2011
        "Director",
        "Managing Member",
        "Head of Corporate Legal Department",  # SoftBank Form 4
    ],
)
def test_titles_pass(title: str) -> None:
    """Trap: a guard so eager it empties real titles."""
    assert doubtful_title(title) is None


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("Exhibit", "an exhibit reference"),  # "attached hereto as Exhibit 99.1", NetApp 2021
        ("Item 5.02", "a section label"),
        ("Rule 10b5-1", "a rule"),
        ("Exchange Act", "a statute"),
        ("Class I", "a director class"),
        ("Directors", "a heading or label"),
        ("Senior Vice President and", "cut mid-phrase"),  # Stockwalk 2001, cut at a line break
        ("----------", "no words"),
    ],
)
def test_non_titles_are_doubtful(value: str, reason: str) -> None:
    """Trap: whatever follows "as" or "Title:" taken as a title."""
    assert doubtful_title(value) == reason


@pytest.mark.parametrize(
    "value",
    [
        "Justin V. Laubach, under",
        "SoftBank Group Corp., By : /s/ Yuko Yamamoto",
        "See Signatures Included in Exhibit 99.2",
        "Mithril II GP LP",
        "Attorney",
    ],
)
def test_non_names_are_doubtful(value: str) -> None:
    """Trap: signature fragments, references and companies read as a person's name."""
    assert doubtful_person_name(value) is not None


def test_names_pass_the_person_guard() -> None:
    for name in ("James R. Arnold, Jr.", "Nicholas De La Cruz", "Ann Munson Steines"):
        assert doubtful_person_name(name) is None


def test_a_rule_or_a_legal_form_alone_is_no_company_name() -> None:
    """Trap (Aames 1998, Pericom 2005): a line of dashes, or "CORPORATION" on the second line
    of a two-line company name."""
    assert doubtful_company_name("-" * 64) is not None
    assert doubtful_company_name("CORPORATION") is not None
    assert doubtful_company_name("Kentucky Utilities Company") is None


def test_names_agree_only_on_two_full_words() -> None:
    """Trap: two people sharing a surname and an initial are not the same person; a trust named
    after a person is not that person."""
    assert names_agree("Roelof F. Botha", "BOTHA ROELOF FREDERIK")
    assert names_agree("Reid G. Hoffman", "HOFFMAN REID")
    assert not names_agree("J. Smith", "John Smith")
    assert not names_agree("John Michael Smith", "John Robert Smith")
    assert not names_agree("Reid Hoffman and Michelle Yee Living Trust", "HOFFMAN REID")
