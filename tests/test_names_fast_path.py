"""parse_sec_name's fast path (plain "LAST FIRST MIDDLE" names read without nameparser) gives
exactly what nameparser gives: every owner name of tests/corpus, and generated names built to
sit on the edge of the fast path (nameparser's own vocabulary, initials, roman numerals, case
mixes)."""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secgraph.models import PersonName, Span
from secgraph.normalize import names
from secgraph.normalize.names import looks_like_organization, parse_sec_name

CORPUS = Path(__file__).parent / "corpus"
_OWNER_NAME = re.compile(r"<rptOwnerName>([^<]*)</rptOwnerName>")


def _corpus_owner_names() -> list[str]:
    found: set[str] = set()
    for path in CORPUS.rglob("*"):
        if path.is_file() and path.suffix in {".xml", ".txt"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            found.update(" ".join(m.group(1).split()) for m in _OWNER_NAME.finditer(text))
    return sorted(name for name in found if name)


def _parse_both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[PersonName, PersonName]:
    """parse_sec_name as it runs, and with the fast path switched off (nameparser only)."""
    span = Span(line=3, path="/ownershipDocument/reportingOwner[1]")
    fast = parse_sec_name(text, span)
    with monkeypatch.context() as patch:
        patch.setattr(names, "_plain_sec_name", lambda tokens: False)
        slow = parse_sec_name(text, span)
    assert fast is not None and slow is not None
    return fast, slow


def _assert_same(fast: PersonName, slow: PersonName) -> None:
    assert fast == slow
    assert fast.model_fields_set == slow.model_fields_set


def _takes_fast_path(text: str) -> bool:
    tokens = " ".join(text.split()).split(" ")
    return len(tokens) > 1 and "," not in text and names._plain_sec_name(tokens)


def test_every_corpus_owner_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trap: a real conformed name (middle initials D and E, Mc/Mac, hyphens, a trailing
    period, a suffix) read differently by the fast path than by nameparser."""
    owners = _corpus_owner_names()
    assert len(owners) > 40
    fast_path = 0
    for text in owners:
        fast, slow = _parse_both(text, monkeypatch)
        _assert_same(fast, slow)
        fast_path += _takes_fast_path(text)
    # The fast path is taken by most persons' names (and so is what this test exercises).
    persons = [text for text in owners if not looks_like_organization(text)]
    assert fast_path >= len(persons) * 2 // 3


@pytest.mark.parametrize(
    ("text", "fast"),
    [
        ("PANORA ROBERT A", True),
        ("Hatsopoulos John N", True),
        ("BUFFETT WARREN E", True),  # "e" is also a conjunction; trailing, an initial
        ("COOK TIMOTHY D", True),  # "d" is also the D of "Ph D"
        ("SMITH JOHN A JR", False),  # a suffix
        ("SMITH JOHN III", False),  # a roman numeral
        ("SMITH JOHN ABC", False),  # "ABC" is a credential in nameparser's vocabulary
        ("Smith John XYZW", False),  # mixed case: left to nameparser's rules on case
        ("VAN DER BERG JOHN", False),  # particles
        ("SMITH Y JONES", False),  # "y" joins words
        ("McMahon John Dennis", False),  # not plain title case
        ("List Teri L.", False),  # a period
        ("Jean-Claude Carine", False),  # a hyphen
    ],
)
def test_which_names_take_the_fast_path(
    text: str, fast: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Trap: the fast path claiming a name one of nameparser's rules would read otherwise."""
    assert _takes_fast_path(text) is fast
    _assert_same(*_parse_both(text, monkeypatch))


_WORDS = sorted(w for w in names._NAMEPARSER_WORDS if w.isascii() and w.isalpha())
_token = st.one_of(
    st.text(string.ascii_lowercase, min_size=1, max_size=9),
    st.sampled_from(_WORDS),
    st.sampled_from(list(string.ascii_lowercase)),
    st.sampled_from(["d", "e", "i", "ph", "ii", "iv", "x", "mc", "van", "jr", "dr"]),
    st.builds(str.__add__, st.sampled_from(_WORDS), st.text(string.ascii_lowercase, max_size=3)),
)
_case = st.sampled_from([str.upper, str.capitalize, str.lower, str.swapcase])


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(_token, min_size=2, max_size=6),
    cases=st.lists(_case, min_size=6, max_size=6),
    one_case=st.booleans(),
)
def test_generated_names(
    words: list[str], cases: list[Callable[[str], str]], one_case: bool
) -> None:
    """Trap: any name the fast path takes must read as nameparser reads it, part for part."""
    styled = [(cases[0] if one_case else cases[i])(word) for i, word in enumerate(words)]
    text = " ".join(styled)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _assert_same(*_parse_both(text, monkeypatch))
