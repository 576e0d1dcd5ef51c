"""The rules of entity resolution: how two mentions compare, and with what evidence.

Conservative by design. Same CIK is the same entity and different CIKs never are. Companies
match on their normalized name (legal suffixes and punctuation dropped), with tickers as
evidence. People need the same surname, the same first name (an initial is not enough) and
compatible middle names, and then a company in common; without one the pair is only
*unsure*. Two people who share a surname and an initial are never merged.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from nameparser import HumanName
from rapidfuzz import fuzz

from secgraph.graph.iris import company_name_key
from secgraph.models import PersonName
from secgraph.normalize.names import parse_person_name, parse_sec_name

MAX_BLOCK = 40  # larger blocks are common words or surnames: not compared pairwise
SIMILAR = 0.92  # rapidfuzz ratio from which differing names are "unsure" rather than negative


class Verdict(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    UNSURE = "unsure"


@dataclass(frozen=True)
class Judgement:
    left: str
    right: str
    verdict: Verdict
    score: float
    evidence: tuple[str, ...]

    def downgraded(self, reason: str) -> Judgement:
        return Judgement(
            self.left, self.right, Verdict.UNSURE, self.score, (*self.evidence, reason)
        )


@dataclass(eq=False, slots=True)
class Mention:
    """An entity node as the filings describe it."""

    iri: str
    kinds: set[str] = field(default_factory=set)
    names: list[str] = field(default_factory=list)
    conformed: set[str] = field(default_factory=set)  # names printed LAST FIRST MIDDLE
    first: str | None = None
    middle: str | None = None
    last: str | None = None
    suffix: str | None = None
    cik: str | None = None
    tickers: set[str] = field(default_factory=set)
    missing: bool = False
    affiliations: set[str] = field(default_factory=set)
    role_kinds: set[str] = field(default_factory=set)
    organizations: frozenset[str] = frozenset()  # canonical organizations, set by the resolver
    # The latest date of a filing that prints each name / ticker (names and tickers by date).
    name_dates: dict[str, str] = field(default_factory=dict)
    ticker_dates: dict[str, str] = field(default_factory=dict)

    def add_kind(self, kind: str) -> None:
        self.kinds.add(kind)

    @property
    def kind(self) -> str:
        if "organization" in self.kinds or "company" in self.kinds:
            return "organization"
        return "person" if "person" in self.kinds else "unknown"

    def put(self, slot: str, value: str) -> None:
        if slot == "names":
            if value not in self.names:
                self.names.append(value)
                self.names.sort()
        elif slot == "conformed":
            self.conformed.add(value)
        elif slot == "tickers":
            self.tickers.add(value.upper())
        elif slot == "missing":
            self.missing = self.missing or value == "true"
        else:
            # Filings may spell a part differently ("ROBERT", "Robert"): keep the least, so
            # the mention is the same whatever order the filings are read in.
            current = getattr(self, slot)
            if current is None or value < current:
                setattr(self, slot, value)

    def dated(self, slot: str, value: str, date: str) -> None:
        """A filing of ``date`` prints this name (slot ``names``) or ticker (``tickers``)."""
        if slot == "names":
            dates = self.name_dates
        elif slot == "tickers":
            dates, value = self.ticker_dates, value.upper()
        else:
            return
        if dates.get(value, "") < date:
            dates[value] = date

    def company_keys(self) -> set[str]:
        return {k for k in (company_name_key(n) for n in self.names) if k}

    def readings(self) -> list[PersonName]:
        """How to read this person's name: the parts a filing gave; else each printed name in
        the order it was printed in: SEC conformed order (``PANORA ROBERT A``) for the names
        a form prints that way (``sg:conformedName``), natural order for the others."""
        out: list[PersonName] = []
        if self.first or self.last:
            out.append(
                PersonName(first=self.first, middle=self.middle, last=self.last, suffix=self.suffix)
            )
        for name in self.names:
            reading = _reading(name, name in self.conformed)
            if reading is not None and not any(_same(reading, r) for r in out):
                out.append(reading)
        return out

    def surname_keys(self) -> set[str]:
        return {k for k in (last_key(r) for r in self.readings()) if k}


@lru_cache(maxsize=65536)
def _reading(text: str, conformed: bool) -> PersonName | None:
    return parse_sec_name(text) if conformed else parse_person_name(text)


def _same(x: PersonName, y: PersonName) -> bool:
    return (_key(x.first), _key(x.middle)[:1], _key(x.last)) == (
        _key(y.first),
        _key(y.middle)[:1],
        _key(y.last),
    )


def last_key(name: PersonName) -> str:
    return _key(name.last)


def first_key(name: PersonName) -> str:
    """The first name's key; an initial or a missing first name gives the initial or ""."""
    return _key(name.first)


def _key(text: str | None) -> str:
    if not text:
        return ""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"[^a-z0-9]+", "", "".join(c for c in folded if not unicodedata.combining(c)))


@dataclass(frozen=True)
class Context:
    mentions: Mapping[str, Mention]
    ciks_by_key: Mapping[str, frozenset[str]]

    def label(self, iri: str) -> str:
        mention = self.mentions.get(iri)
        return mention.names[0] if mention is not None and mention.names else iri


def _pair(a: Mention, b: Mention) -> tuple[Mention, Mention]:
    return (a, b) if a.iri <= b.iri else (b, a)


def _by_cik(a: Mention, b: Mention) -> Judgement | None:
    if not (a.cik and b.cik):
        return None
    a, b = _pair(a, b)
    if a.cik == b.cik:
        return Judgement(a.iri, b.iri, Verdict.POSITIVE, 1.0, (f"same CIK {a.cik}",))
    return Judgement(a.iri, b.iri, Verdict.NEGATIVE, 0.0, (f"different CIKs {a.cik} and {b.cik}",))


def compare_companies(a: Mention, b: Mention, ctx: Context) -> Judgement:
    """Same CIK; else the same normalized name (unless it names companies of different CIKs
    or their tickers differ); near names are unsure; other names negative."""
    decided = _by_cik(a, b)
    if decided is not None:
        return decided
    a, b = _pair(a, b)
    keys_a, keys_b = a.company_keys(), b.company_keys()
    common = sorted(keys_a & keys_b)
    if not common:
        score = max((fuzz.ratio(x, y) / 100 for x in keys_a for y in keys_b), default=0.0)
        names = f"{a.names[0] if a.names else a.iri!s} / {b.names[0] if b.names else b.iri!s}"
        if score >= SIMILAR:
            return Judgement(a.iri, b.iri, Verdict.UNSURE, score, (f"similar names: {names}",))
        return Judgement(a.iri, b.iri, Verdict.NEGATIVE, score, (f"different names: {names}",))
    key = common[0]
    evidence = [f"same normalized name '{key}' ({a.names[0]} / {b.names[0]})"]
    verdict = Verdict.POSITIVE
    if a.tickers and b.tickers:
        if a.tickers & b.tickers:
            evidence.append("same ticker " + ", ".join(sorted(a.tickers & b.tickers)))
        else:
            evidence.append(f"different tickers {sorted(a.tickers)} and {sorted(b.tickers)}")
            verdict = Verdict.UNSURE
    ciks = ctx.ciks_by_key.get(key, frozenset())
    if len(ciks) > 1:
        evidence.append(f"the name is shared by companies with different CIKs {sorted(ciks)}")
        verdict = Verdict.UNSURE
    elif a.cik or b.cik:
        evidence.append(f"CIK {a.cik or b.cik} on one side, none on the other")
    return Judgement(a.iri, b.iri, verdict, 1.0, tuple(evidence))


def _names(x: PersonName, y: PersonName) -> tuple[str, list[str]]:
    """``match``, ``weak`` (compatible but not enough: an initial, a missing first name) or
    ``negative``, with the evidence."""
    last_x, last_y = _key(x.last), _key(y.last)
    if not last_x or last_x != last_y:
        return "negative", [f"different surnames ({x.last} / {y.last})"]
    evidence = [f"same surname '{last_x}'"]
    sx, sy = _key(x.suffix), _key(y.suffix)
    if sx and sy and sx != sy:
        return "negative", [*evidence, f"different suffixes ({x.suffix} / {y.suffix})"]
    level = "match"
    fx, fy = _key(x.first), _key(y.first)
    if not fx or not fy:
        level = "weak"
        evidence.append("first name missing on one side")
    elif fx == fy:
        evidence.append(f"same first name '{fx}'")
    elif (len(fx) == 1 and fy.startswith(fx)) or (len(fy) == 1 and fx.startswith(fy)):
        level = "weak"
        evidence.append("first name given only as an initial")
    elif fuzz.ratio(fx, fy) / 100 >= SIMILAR:
        level = "weak"
        evidence.append(f"similar first names ({x.first} / {y.first})")
    else:
        return "negative", [*evidence, f"different first names ({x.first} / {y.first})"]
    mx, my = _key(x.middle), _key(y.middle)
    if mx and my:
        if mx[0] != my[0] or (len(mx) > 1 and len(my) > 1 and mx != my):
            return "negative", [*evidence, f"different middle names ({x.middle} / {y.middle})"]
        evidence.append(f"same middle initial '{mx[0]}'")
    elif mx or my:
        evidence.append("middle name absent on one side")
    return level, evidence


def _full(x: PersonName) -> str:
    return " ".join(_key(p) for p in (x.first, x.middle, x.last) if _key(p))


_RANK = {"match": 2, "weak": 1, "negative": 0}


def compare_people(a: Mention, b: Mention, ctx: Context) -> Judgement:
    """Compatible names (every reading of each side tried) and a company in common."""
    decided = _by_cik(a, b)
    if decided is not None:
        return decided
    a, b = _pair(a, b)
    best: tuple[int, float, list[str]] | None = None
    for x in a.readings():
        for y in b.readings():
            level, evidence = _names(x, y)
            score = fuzz.token_sort_ratio(_full(x), _full(y)) / 100
            candidate = (_RANK[level], score, evidence)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    if best is None:
        return Judgement(a.iri, b.iri, Verdict.UNSURE, 0.0, ("no readable name",))
    rank, score, evidence = best
    if rank == 0:
        return Judgement(a.iri, b.iri, Verdict.NEGATIVE, score, tuple(evidence))
    shared = sorted(a.organizations & b.organizations)
    if shared:
        evidence.append("both tied to " + ", ".join(ctx.label(o) for o in shared))
        for kind, words in (("Officer", "officer"), ("Director", "director")):
            if _has(a, kind) and _has(b, kind):
                evidence.append(f"{words} roles on both sides")
    else:
        evidence.append("no organization in common")
    verdict = Verdict.POSITIVE if rank == 2 and shared else Verdict.UNSURE
    return Judgement(a.iri, b.iri, verdict, score, tuple(evidence))


def _has(m: Mention, kind: str) -> bool:
    return any(k.endswith(kind) for k in m.role_kinds)


def preferred_name(members: list[Mention], canonical: Mention) -> str | None:
    """A display name printed in some filing.

    An organization: the name of its latest filing (EDGAR's conformed name, the canonical
    CIK node's own, when that filing prints several), earlier names staying on the nodes. A
    person: in natural order, the fullest mixed-case name printed that way, else a name the
    SEC printed LAST FIRST MIDDLE (``HOFFMAN REID``) turned around (``Reid Hoffman``)."""
    if canonical.kind == "organization":
        dated = [(m.name_dates.get(n, ""), m is canonical, n) for m in members for n in m.names]
        if not dated:
            return None
        latest = max(d for d, _, _ in dated)
        candidates = sorted(
            {n for d, own, n in dated if d == latest and own}
            or {n for d, _, n in dated if d == latest}
        )
        return min(candidates, key=_style)
    printed = {n for m in members for n in m.names if not _sec_order(m, n)}
    if printed:
        return min(printed, key=_style)
    turned = {t for m in members for n in m.names if _sec_order(m, n) and (t := natural_order(n))}
    if turned:
        return min(turned, key=_style)
    names = sorted({n for m in members for n in m.names})
    return min(names, key=_style) if names else None


_TOKEN = re.compile(r"[^\W_]+")


def _sec_order(m: Mention, name: str) -> bool:
    """Whether ``name`` is printed in the SEC's LAST FIRST MIDDLE order: marked so by its
    filing (``sg:conformedName``), or its words are the mention's parts in that order
    (``Hoffman Reid`` with last name Hoffman, first name Reid: an ownership XML's
    rptOwnerName)."""
    if name in m.conformed:
        return True
    if not (m.first and m.last):
        return False
    words = _TOKEN.findall(name.casefold())
    parts = _TOKEN.findall(f"{m.last} {m.first} {m.middle or ''}".casefold())
    return words == parts or words == [*parts, *_TOKEN.findall((m.suffix or "").casefold())]


def current_ticker(members: list[Mention]) -> str | None:
    """The ticker of the latest filing that prints one (a SPAC's ticker is not the merged
    company's once a later filing prints the new one); None when no dated filing does."""
    dated = [(d, t) for m in members for t, d in m.ticker_dates.items()]
    return max(dated)[1] if dated else None


def _style(name: str) -> tuple[bool, int, str]:
    """Mixed case before capitals, more words before fewer, then alphabetical."""
    return name.isupper(), -len(name.split()), name


def natural_order(conformed: str) -> str | None:
    """``HOFFMAN REID`` -> ``Reid Hoffman``, ``Levchin Max R`` -> ``Max R. Levchin``: a name
    the SEC printed LAST FIRST MIDDLE, in natural order; a name in capitals is capitalized
    as nameparser does it (``McDonald``, ``Jr``), a single letter becomes an initial."""
    reading = _reading(conformed, True)
    if reading is None or not reading.last or not reading.first:
        return None
    text = " ".join(p for p in (reading.first, reading.middle, reading.last, reading.suffix) if p)
    if text.isupper():
        human = HumanName(text)
        human.capitalize(force=True)
        text = str(human)
    return " ".join(w + "." if len(w) == 1 and w.isalpha() else w for w in text.split())
