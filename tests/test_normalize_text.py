"""Unicode clean-up of converted text: look-alike letters, mojibake, lone "Â", NFKC."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secgraph.normalize.text import clean_text, fold_lookalikes, superscripts_to_marks


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # The Form 4 seed's state (Cyrillic М and А) and code column (Cyrillic Р, Greek Α).
        ("WALTHAM\tМА\t02451", "WALTHAM\tMA\t02451"),
        ("Р", "P"),
        ("Α", "A"),
        # One look-alike inside a Latin word.
        ("TЕCOGEN INC.", "TECOGEN INC."),
        ("Cоmmon Stock", "Common Stock"),
        ("Оfficer", "Officer"),
    ],
)
def test_lookalikes_inside_latin_words_become_latin(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize("word", ["Москва", "Αθήνα", "Пример текста", "Ελληνικά"])
def test_real_cyrillic_and_greek_words_are_kept(word: str) -> None:
    assert clean_text(word) == word


def test_fold_lookalikes_only_touches_mixed_words() -> None:
    assert fold_lookalikes("Москва МА") == "Москва MA"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("CafÃ©", "Café"),
        ("Itâ€™s", "It's"),  # mojibake of a curly apostrophe, then uncurled by ftfy
        ("Ã\xa0 la carte", "à la carte"),
    ],
)
def test_mojibake_is_fixed(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # The Form 3 seed: empty table cells and a footnote mark behind a lone "Â".
        ("\tÂ (1)\t02/14/2021", "\t  (1)\t02/14/2021"),
        ("Â COO and President", " COO and President"),
        ("\tÂ\tÂ\t", "\t \t \t"),
    ],
)
def test_lone_a_circumflex_remnants_become_spaces(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_a_circumflex_inside_a_word_is_kept() -> None:
    assert clean_text("Âge") == "Âge"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("ﬁled", "filed"),  # ligature
        ("ＴＥＣＯＧＥＮ", "TECOGEN"),  # full-width letters
        ("45\u00a0FIRST AVENUE", "45 FIRST AVENUE"),  # non-breaking space
        ("a\r\nb", "a\nb"),
    ],
)
def test_nfkc_and_spaces(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("$0.845¹", "$0.845 (1)"),
        ("589,485²³", "589,485 (23)"),
        ("no marks", "no marks"),
    ],
)
def test_superscript_digits_become_footnote_marks(raw: str, clean: str) -> None:
    """NFKC alone would glue a superscript mark to the number it annotates (0.8451)."""
    assert superscripts_to_marks(raw) == clean
    assert clean_text(raw) == clean


def test_html_entities_in_plain_text_are_left_alone() -> None:
    assert clean_text("AT&amp;T") == "AT&amp;T"


_PRINTABLE = st.text(
    alphabet=string.printable.replace("\r", "").replace("\x0b", "").replace("\x0c", "")
)


@given(_PRINTABLE)
def test_ascii_passes_unchanged(text: str) -> None:
    assert clean_text(text) == text


@given(st.text())
def test_never_raises_and_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert isinstance(once, str)
    assert clean_text(once) == once


@given(
    st.text(alphabet=st.sampled_from("ABCMOPTXaceopАВЕКМНОРСТХаеорсΑΒΕΚΜΝΟΡΤΧ ")).filter(
        lambda t: any(c.isascii() and c.isalpha() for c in t)
    )
)
def test_words_with_a_latin_letter_end_up_latin(text: str) -> None:
    """A word with at least one Latin letter among look-alikes is read as Latin."""
    for word in clean_text(text).split():
        if any(c.isascii() for c in word):
            assert word.isascii()
