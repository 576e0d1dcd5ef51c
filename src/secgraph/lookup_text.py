"""How a named query's row reads as a line of a dossier (:mod:`secgraph.lookup`).

Roles say their dates in the filing's terms: "since" a stated start, "as of" the date a filing
attests it on, "until" a stated end; a position on a day says "since", "attested from ... to
..." and a later silence as evidence only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

Row = dict[str, str]


@dataclass(frozen=True)
class Entry:
    """One line of a dossier: readable text, its date (for order), the filings stating it and
    the query row it came from (the first, when several filings state the same)."""

    text: str
    filings: tuple[str, ...]
    date: str | None = None
    values: Mapping[str, str] = field(default_factory=dict)
    #: Whether the line starts with its date (a role says its dates in words instead).
    dated: bool = True


ID_LABELS = {"cik": "CIK", "ticker": "ticker", "jurisdiction": "jurisdiction"}


def merge(lines: Iterable[tuple[str, str | None, Row]], *, dated: bool = True) -> list[Entry]:
    """One entry per (date, text), naming every filing that states it; dated lines in date
    order (a life over time), then undated ones."""
    merged: dict[tuple[str | None, str], tuple[list[str], Row]] = {}
    for text, date, row in lines:
        filings, _ = merged.setdefault((date, text), ([], row))
        if row["filing"] not in filings:
            filings.append(row["filing"])
    entries = [
        Entry(text, tuple(sorted(filings)), date, row, dated)
        for (date, text), (filings, row) in merged.items()
    ]
    return sorted(entries, key=lambda x: (x.date is None, x.date or "", x.text.casefold()))


def name_of(r: Row, key: str) -> str:
    """The ``keyName`` column, else a plain word: an unnamed reporting person has no name."""
    return r.get(f"{key}Name") or "(unnamed)"


def who_holds(r: Row, e: str) -> str:
    """A role or position seen from ``e``: "officer (CFO) of X" for its holder, "Y: officer
    (CFO)" for its organization."""
    role = r.get("role", "role")
    if r.get("title"):
        role += f" ({r['title']})"
    if r.get("holder") == e:
        return f"{role} of {name_of(r, 'company')}"
    return f"{name_of(r, 'holder')}: {role}"


def by_then(rows: list[Row], day: str | None) -> list[Row]:
    """The rows dated on or before ``day`` (all of them when there is no day)."""
    return rows if day is None else [r for r in rows if r.get("date", "9999") <= day]


def position(r: Row, e: str) -> str:
    """A position held on the dossier's day, with what the filings say of its time: "since" a
    stated start, "attested from ... to ..." otherwise, and a later silence as evidence only."""
    text = who_holds(r, e)
    if r.get("since"):
        text += f", since {r['since']}"
    if r.get("firstAttested"):
        text += f", attested {r['firstAttested']} to {r.get('lastAttested', r['firstAttested'])}"
    if r.get("notAttestedAfter"):
        text += f", not attested after {r['notAttestedAfter']} (evidence, not proof, of an end)"
    return text


def role(r: Row, e: str) -> str:
    """The role in words, with its dates as the filing states them: "since" a stated start,
    "as of" the date a filing attests it, "until" a stated end."""
    text = who_holds(r, e)
    if r.get("start"):
        text += f", since {r['start']}"
    if r.get("asOf"):
        text += f", as of {r['asOf']}"
    if r.get("until"):
        text += f", until {r['until']}"
    return text


def _amount(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return f"{Decimal(value):,}"
    except InvalidOperation:
        return value


def _ownership(r: Row) -> str:
    if r.get("ownership") == "I":
        return "indirect" + (f" ({r['nature']})" if r.get("nature") else "")
    return "direct" if r.get("ownership") == "D" else ""


def holding(r: Row) -> str:
    text = f"{r.get('security') or 'securities'} of {name_of(r, 'company')}"
    if r.get("shares"):
        text = f"{_amount(r['shares'])} {text}"
    terms = []
    if r.get("underlyingShares"):
        terms.append(f"{_amount(r['underlyingShares'])} underlying")
    if r.get("exercisePrice"):
        terms.append(f"exercise price {r['exercisePrice']}")
    if r.get("expiration"):
        terms.append(f"expires {r['expiration']}")
    if _ownership(r):
        terms.append(_ownership(r))
    return text + (f" ({', '.join(terms)})" if terms else "")


def transaction(r: Row, e: str) -> str:
    code = r.get("code", "?")
    meaning = f" {r['codeMeaning']}" if r.get("codeMeaning") else ""
    way = {"A": "acquired", "D": "disposed of"}.get(r.get("acquiredDisposed", ""), "")
    what = " ".join(
        x for x in (way, _amount(r.get("shares")), r.get("security") or "securities") if x
    )
    text = f"{code}{meaning}: {what}"
    if r.get("holder") == e:
        text += f" of {name_of(r, 'company')}"
    else:
        text = f"{name_of(r, 'holder')}: {text}"
    if r.get("price"):
        text += f" at {r['price']}"
    if r.get("sharesAfter"):
        text += f"; {_amount(r['sharesAfter'])} held after"
    if _ownership(r):
        text += f" ({_ownership(r)})"
    return text


def agreements(rows: list[Row], e: str) -> list[Entry]:
    """One line per agreement the entity is a party to, naming the other parties."""
    mine = {r["agreement"] for r in rows if r.get("party") == e}
    by_agreement: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        if r["agreement"] in mine:
            by_agreement[r["agreement"]].append(r)
    lines = []
    for group in by_agreement.values():
        first = group[0]
        label = first.get("label") or first.get("term") or "an agreement"
        if first.get("term") and first.get("label"):
            label += f" ({first['term']})"
        others = sorted({name_of(r, "party") for r in group if r.get("party") != e})
        text = label + (f" with {', '.join(others)}" if others else "")
        if first.get("type"):
            text += f"; {first['type'].replace('_', ' ')}"
        if first.get("terminated"):
            text += f"; terminated {first['terminated']}"
        lines.append((text, first.get("date"), first))
    return merge(lines)
