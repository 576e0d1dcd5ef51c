"""Whether a value read where a title belongs is a title at all.

8-K prose and signature blocks put many things after "as" or under "Title:" that are not
titles: an exhibit reference ("resigns ... attached as Exhibit 99.1"), a section label
("Item 5.02"), a rule or statute ("Rule 10b5-1", "the Exchange Act"), a director class ("Class
I"), a heading ("Directors"), a title cut at a line break ("Senior Vice President and").
:func:`doubtful_title` names the reason; the caller leaves the value empty and warns, it never
guesses a better one.
"""

from __future__ import annotations

import re

__all__ = ["doubtful_title"]

_NOT_TITLES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), reason)
    for pattern, reason in (
        (r"\bexhibits?\b", "an exhibit reference"),
        (r"^(?:section|item|article|part|schedule|annex)\s+[\dA-Z]", "a section label"),
        (r"\b(?:rule|regulation)\s+[\dA-Z]", "a rule"),
        (r"\b(?:exchange|securities|investment\s+company|sarbanes|dodd)\b.*\bact\b", "a statute"),
        (r"^(?:the\s+)?act$", "a statute"),
        (r"^class\s+(?:[IVX]+|\d+|[A-Z])$", "a director class"),
        (
            r"^(?:directors|officers|signatures?|name|title|by|date|dated|its|"
            r"registrant|the\s+company|company|none|n/?a)$",
            "a heading or label",
        ),
        (r"(?:\b(?:and|or|of|the|for|to|&)|[,;\-\u2013\u2014])$", "cut mid-phrase"),
        (r"/s/|\bby\s*:", "a signature"),
    )
)


def doubtful_title(text: str | None) -> str | None:
    """Why ``text`` is not a title (``"an exhibit reference"``), or None when it reads as one.

    ``Senior Vice President and Chief Financial Officer`` -> None; ``Exhibit`` -> "an exhibit
    reference"; ``Senior Vice President and`` -> "cut mid-phrase"; ``Class I`` -> "a director
    class".
    """
    if text is None:
        return None
    value = " ".join(text.split())
    if not re.search(r"[A-Za-z]{2}", value):
        return "no words"
    if len(value) > 160:
        return "too long for a title"
    for pattern, reason in _NOT_TITLES:
        if pattern.search(value):
            return reason
    return None
