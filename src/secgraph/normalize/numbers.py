"""Share counts and money: ``$0.845``, ``589,485``, ``\\$ 2.6`` -> Decimal."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Thousands separators only in groups of three ("1,00" is not a number, it is a typo).
_NUMBER = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^-?\d+(?:\.\d+)?$|^-?\.\d+$")


def parse_decimal(text: str | None) -> Decimal | None:
    """A number as printed, or None when the text is not one number (footnote marks alone,
    blanks, words). Currency signs, thousands separators and markdown escapes are dropped.
    ``(1)`` is a footnote mark in these forms, never a negative number, so it gives None."""
    if text is None:
        return None
    cleaned = text.strip().replace("\\$", "").replace("$", "").replace("USD", "")
    cleaned = cleaned.replace("\u00a0", "").replace(" ", "")
    if not cleaned or not _NUMBER.match(cleaned):
        return None
    try:
        return Decimal(cleaned.replace(",", ""))
    except InvalidOperation:
        return None
