"""Unicode clean-up of converted text: mojibake, compatibility forms, look-alike letters.

PDF and OCR conversions put Cyrillic and Greek letters that look Latin inside Latin words
(``МА`` for ``MA``, ``Р`` for the code ``P``), leave mojibake (``Â`` before a non-breaking
space) and use compatibility characters. ``clean_text`` folds all of it to plain text.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

# Cyrillic and Greek capitals and small letters whose glyphs are Latin letters.
_CONFUSABLES = str.maketrans(
    {
        # Cyrillic
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
        "С": "C", "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S", "Ү": "Y",
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
        "ј": "j", "ѕ": "s", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w",
        # Greek
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
        "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v",
        "ι": "i", "κ": "k",
    }
)  # fmt: skip

# A word made of Latin letters and look-alikes only; a genuinely Cyrillic or Greek word (one
# with letters that have no Latin twin) is left alone.
_LOOKALIKE = "".join(sorted(k for k in map(chr, _CONFUSABLES)))
_MIXED_WORD = re.compile(rf"\b[A-Za-z{_LOOKALIKE}]*[{_LOOKALIKE}][A-Za-z{_LOOKALIKE}]*\b")

# A lone "Â" (U+00C2) that ftfy could not pair: the remnant of a UTF-8 non-breaking space read
# as Latin-1 and then stripped of its second byte. Only when it stands alone between spaces or
# before white space: "Â (1)", "Â COO" (a real Â inside a word is kept).
_LONE_A_CIRCUMFLEX = re.compile(r"(?:(?<=\s)|^)Â(?=\s|$)", re.MULTILINE)


def fold_lookalikes(text: str) -> str:
    """Replace Cyrillic/Greek look-alike letters by Latin ones inside Latin-looking words."""
    return _MIXED_WORD.sub(lambda m: m.group(0).translate(_CONFUSABLES), text)


# Superscript digits are footnote marks in filings ("$0.845¹"). NFKC would turn them into
# plain digits glued to the value ("0.8451"), so they become "(1)" marks first.
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUPERSCRIPT_RUN = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]+")

# ftfy's defaults, less HTML unescaping: "&amp;" in plain text is left to the markup layer
# (which knows whether the text is HTML), so that plain ASCII always passes unchanged.
_FTFY = ftfy.TextFixerConfig(unescape_html=False, normalization="NFKC", explain=False)


def superscripts_to_marks(text: str) -> str:
    """``$0.845¹`` -> ``$0.845 (1)``; ``¹²`` -> ``(12)``. Other text is unchanged."""
    if not _SUPERSCRIPT_RUN.search(text):
        return text
    return _SUPERSCRIPT_RUN.sub(lambda m: f" ({m.group(0).translate(_SUPERSCRIPT_DIGITS)})", text)


# Text made of these only passes clean_text unchanged: ftfy, NFKC, look-alikes and the
# superscript marks all concern other characters. Checking first keeps per-line cleaning of a
# long ASCII text linear and cheap (ftfy cost about 100 us a line: 30 s for 300,000 lines).
_PLAIN_ASCII = re.compile(r"[\t\n\x20-\x7e]*")


def clean_text(text: str) -> str:
    """Mojibake (ftfy), NFKC, look-alike letters, lone ``Â`` remnants, non-breaking spaces.

    Also: superscript digits become footnote marks (:func:`superscripts_to_marks`) and line
    breaks become ``\\n`` (ftfy). Printable ASCII with tabs and ``\\n`` passes unchanged, and
    cleaning twice gives what cleaning once gave."""
    if text.isascii() and _PLAIN_ASCII.fullmatch(text):
        return text
    fixed = ftfy.fix_text(superscripts_to_marks(text), _FTFY)
    fixed = unicodedata.normalize("NFKC", fixed)
    fixed = _LONE_A_CIRCUMFLEX.sub(" ", fixed)
    fixed = fixed.replace("\u00a0", " ")
    return fold_lookalikes(fixed)
