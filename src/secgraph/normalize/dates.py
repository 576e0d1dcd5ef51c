"""Dates as filings print them. Only explicit formats: a partial date is never completed."""

from __future__ import annotations

import datetime as dt
import re

_FORMATS = (
    "%Y-%m-%d",
    "%m/%d/%Y",
    "%m-%d-%Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%b. %d, %Y",
    "%B %d %Y",
    "%d %B %Y",
    "%Y%m%d",
)
_SPACES = re.compile(r"\s+")


def parse_date(text: str | None) -> dt.date | None:
    """``11/14/2023``, ``2013-10-31``, ``May 19, 2016``, ``September 28, 2017`` -> date.

    Returns None for anything that is not a whole date (``(1)``, ``2016``, blank).
    """
    if text is None:
        return None
    cleaned = _SPACES.sub(" ", text.strip().rstrip(".")).replace(" ,", ",")
    cleaned = re.sub(r"(\d)(st|nd|rd|th),", r"\1,", cleaned)
    # "February 29,2000" (no space after the comma: 0001094891-00-000193) and "Sept. 5".
    cleaned = re.sub(r",(?=\d)", ", ", cleaned)
    cleaned = re.sub(r"\bSept\b", "Sep", cleaned)
    if not cleaned:
        return None
    if "T" in cleaned and cleaned[:4].isdigit():  # 2013-10-31T00:00:00 in some XML
        cleaned = cleaned.split("T", 1)[0]
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None
