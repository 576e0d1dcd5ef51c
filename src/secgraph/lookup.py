"""A readable dossier of one entity, built on the named queries (``ontology/queries``).

::

    found = lookup(store, "Robert A Panora")   # or a CIK ("1537435"), or a ticker ("TGEN")
    if isinstance(found, Dossier): print("\\n".join(found.lines()))
    else: ...  # the candidates: several (an ambiguous name), or close names (no match)

The entity is found with the entity finder (:mod:`secgraph.graph.finder`: keys the build
writes in the resolution graph, looked up in the store's indexes). Every section is then a
named query bound to that entity: ``entities`` (names, identifiers), ``roles``, ``holdings``,
``transactions`` (as holder, and as issuer), ``agreements`` and ``connections``; each line
names the filings that state it, labelled with one ``filings`` query bound to those filings.

**A dossier is bounded.** An entity named in thousands of filings (an insider of hundreds
of companies) would print thousands of lines and cost as many reads. So a dossier reads the
entity's latest filings first (``mentions``, newest first) and each section shows the rows
of those filings, at most ``limit`` per section (further filings are read only for a section
that has fewer: a window of filings is read by the query bound to those filings, and its
rows kept when they name the entity); ``counts`` gives each section's size, and the
section says how many earlier rows it leaves out and how to list them all (``lookup --all``,
or the named query bound to the entity). Every line still names the filings that state it
(the latest few, and how many more). ``limit=None`` reads everything. The cost of a dossier
follows the entity's rows, not the size of the store. No SPARQL lives here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeVar

import pyoxigraph as ox

from secgraph.graph.finder import EntityMatch, find_entities
from secgraph.graph.queries import ParamValue, run_named
from secgraph.lookup_text import (
    ID_LABELS,
    Entry,
    Row,
    agreements,
    by_then,
    holding,
    merge,
    name_of,
    position,
    role,
    transaction,
)

if TYPE_CHECKING:
    from secgraph.store import GraphStore

__all__ = [
    "LIMIT",
    "SECTIONS",
    "Candidate",
    "Dossier",
    "Entry",
    "FilingRef",
    "choose",
    "dossier",
    "find",
    "lookup",
]

SECTIONS = (
    "names",
    "identifiers",
    "roles",
    "holdings",
    "transactions",
    "agreements",
    "connections",
)
#: At most this many candidates are listed for an ambiguous name, or suggested for none.
CANDIDATES = 20


#: Rows per section, and the filings read first, unless the caller says otherwise (``--limit``).
LIMIT = 10
#: Filings named on a line: the latest few, then how many more.
CITED = 3
#: The named query (and parameter) that lists a whole section, for the "more" line.
_WHOLE = {
    "roles": ("roles", "name"),
    "holdings": ("holdings", "holder"),
    "transactions": ("transactions", "holder"),
    "connections": ("connections", "entity"),
}


@dataclass(frozen=True)
class Candidate:
    """An entity a looked-up text may denote; ``how`` it matched (``fuzzy``: a close name
    offered when nothing matched)."""

    entity: str
    name: str
    kind: str
    names: tuple[str, ...] = ()
    ciks: tuple[str, ...] = ()
    how: str = "exact"

    def line(self) -> str:
        text = f"{self.name} ({self.kind})  {self.entity}"
        others = [n for n in self.names if n != self.name]
        if others:
            text += f"; also printed as {', '.join(others)}"
        if self.ciks:
            text += f"; CIK {', '.join(self.ciks)}"
        return text


@dataclass(frozen=True)
class FilingRef:
    iri: str
    form: str | None = None
    date: str | None = None
    source: str | None = None

    def label(self) -> str:
        if self.form is None:
            return self.iri
        parts = [f"Form {self.form}"]
        if self.date:
            parts.append(self.date)
        if self.source:
            parts.append(self.source.rsplit("/", 1)[-1])
        return ", ".join(parts)


@dataclass
class Dossier:
    entity: str
    name: str
    kind: str
    sections: dict[str, list[Entry]] = field(default_factory=dict)
    filings: dict[str, FilingRef] = field(default_factory=dict)
    #: The day the dossier is read on (``lookup --as-of``): positions held then, holdings and
    #: transactions filed by then. None: everything.
    as_of: str | None = None
    #: Filings that name the entity (by ``as_of`` when given), and the first and last dates.
    named_in: int = 0
    span: tuple[str, str] | None = None
    latest: str | None = None
    #: How many of them were read (all: ``named_in``), and the rows per section asked for.
    read: int = 0
    limit: int | None = None
    #: Rows (records) a section has in all, and how many of them it shows (when it is cut).
    totals: dict[str, int | None] = field(default_factory=dict)
    shown: dict[str, int] = field(default_factory=dict)

    def filing(self, iri: str) -> FilingRef:
        return self.filings.get(iri, FilingRef(iri))

    def more(self, section: str) -> int | None:
        """Rows of ``section`` not shown: 0 when it is whole, None when not counted."""
        if section not in self.shown:
            return 0
        total = self.totals.get(section)
        return None if total is None else max(total - self.shown[section], 0)

    def lines(self) -> list[str]:
        head = f"{self.name} ({self.kind})"
        if self.as_of:
            head += f", as of {self.as_of}"
        out = [head, f"  {self.entity}"]
        if self.named_in:
            named = f"  named in {self.named_in} filing{'s' if self.named_in != 1 else ''}"
            if self.span:
                named += f", {self.span[0]} to {self.span[1]}"
            elif self.latest:
                named += f", the latest on {self.latest}"
            if self.read < self.named_in:
                named += f"; the latest {self.read} read first (--all: every one)"
            out.append(named)
        for section in SECTIONS:
            entries = self.sections.get(section, [])
            more = self.more(section)
            if not entries and more == 0:
                continue
            out.extend(["", section.capitalize()])
            for entry in entries:
                date = f"{entry.date}  " if entry.date and entry.dated else ""
                out.append(f"  {date}{entry.text}  [{self._sources(entry)}]")
            if more != 0:
                out.append(f"  {self._more_line(section, more)}")
        return out

    def _sources(self, entry: Entry) -> str:
        """The latest CITED filings of a line, oldest first, and how many more state it."""
        refs = sorted(map(self.filing, entry.filings), key=lambda f: (f.date or "", f.iri))
        shown = "; ".join(ref.label() for ref in refs[-CITED:])
        earlier = len(refs) - CITED
        return shown + (f"; and {earlier} earlier filings" if earlier > 0 else "")

    def _more_line(self, section: str, more: int | None) -> str:
        if more is None:
            text = f"... not read: the {section} of all {self.named_in} filings (--all lists them"
        else:
            text = f"... {more} earlier {section} not shown (--all lists them"
        if section in _WHOLE:
            query, param = _WHOLE[section]
            if section == "transactions" and self.kind != "person":
                text += f"; secgraph query --named {query} --param company={self.entity}"
            text += f"; secgraph query --named {query} --param {param}={self.entity}"
        return text + ")"

    def to_json(self) -> dict[str, object]:
        return {
            "entity": self.entity,
            "name": self.name,
            "kind": self.kind,
            "asOf": self.as_of,
            "namedIn": self.named_in,
            "read": self.read,
            "sections": {
                name: [
                    {
                        "text": e.text,
                        "date": e.date,
                        "filings": [
                            {"filing": f, "source": self.filing(f).label()} for f in e.filings
                        ],
                        "values": dict(e.values),
                    }
                    for e in self.sections.get(name, [])
                ]
                for name in SECTIONS
            },
            # A section's rows in all and those not shown (null: not counted).
            "totals": {name: self.totals.get(name) for name in SECTIONS if name in self.totals},
            "more": {name: self.more(name) for name in SECTIONS if name in self.shown},
            "filings": {
                iri: {"form": f.form, "date": f.date, "source": f.source}
                for iri, f in sorted(self.filings.items())
            },
        }


# -- running the named queries ---------------------------------------------------------------


def _select(
    store: GraphStore, query: str, params: Mapping[str, ParamValue], limit: int | None = None
) -> list[Row]:
    columns, rows = run_named(store, query, params, limit=limit)
    return [
        {col: term.value for col, term in zip(columns, row, strict=True) if term is not None}
        for row in rows
    ]


def _rows(store: GraphStore, query: str, **params: ParamValue) -> list[Row]:
    return _select(store, query, params)


def _candidate(store: GraphStore, match: EntityMatch) -> Candidate:
    """A match with the names and CIKs its filings print (the ``entities`` query)."""
    rows = _rows(store, "entities", entity=ox.NamedNode(match.iri))
    names = sorted({r["value"] for r in rows if r["property"] == "name"})
    ciks = sorted({r["value"] for r in rows if r["property"] == "cik"})
    name = match.name or (names[0] if names else "(unnamed)")
    return Candidate(match.iri, name, match.kind, tuple(names), tuple(ciks), match.how)


def find(store: GraphStore, text: str) -> list[Candidate]:
    """The entities ``text`` (a name, CIK or ticker) may denote, best first; close names
    (``how == "fuzzy"``) when nothing matched."""
    return [_candidate(store, m) for m in find_entities(store, text, limit=CANDIDATES)]


class _Matched(Protocol):
    @property
    def how(self) -> str: ...


M = TypeVar("M", bound=_Matched)


def choose(candidates: Sequence[M]) -> M | None:
    """The one candidate meant: the only one of the best kind of match (an exact name beats
    names with the same words in another order, which beat a prefix); None when several
    share it, or when only close names came back."""
    ranks = {"cik": 0, "ticker": 0, "exact": 0, "token": 1, "prefix": 2}
    sure = [c for c in candidates if c.how in ranks]
    if not sure:
        return None
    best = min(ranks[c.how] for c in sure)
    chosen = [c for c in sure if ranks[c.how] == best]
    return chosen[0] if len(chosen) == 1 else None


def lookup(
    store: GraphStore, text: str, *, as_of: dt.date | None = None, limit: int | None = LIMIT
) -> Dossier | list[Candidate]:
    """The dossier of the entity ``text`` (a name, CIK or ticker) denotes, or the candidates:
    several (ambiguous), close names (no match) or none. ``as_of``: the dossier on that day;
    ``limit``: rows per section (None: all)."""
    matches = find_entities(store, text, limit=CANDIDATES)
    chosen = choose(matches)
    if chosen is None:  # the names and CIKs of each candidate, to tell them apart
        return [_candidate(store, m) for m in matches]
    who = Candidate(chosen.iri, chosen.name or "(unnamed)", chosen.kind, how=chosen.how)
    return dossier(store, who, as_of=as_of, limit=limit)


# -- the sections ----------------------------------------------------------------------------


class _Filings:
    """The filings that name the entity, latest first (``mentions``), fetched as far as asked."""

    def __init__(self, store: GraphStore, node: ox.NamedNode) -> None:
        self.store, self.node = store, node
        self.rows: list[tuple[str, str]] = []
        self.complete = False

    def first(self, n: int | None) -> list[tuple[str, str]]:
        """The latest ``n`` (None: all) as (filing, date)."""
        if not self.complete and (n is None or n > len(self.rows)):
            ask = None if n is None else max(n, 4 * len(self.rows))
            rows = _select(self.store, "mentions", {"entity": self.node}, ask)
            self.complete = ask is None or len(rows) < ask
            # latest first, the same day in a stable order (the query's order is the engine's)
            got = {r["filing"]: r.get("date", "") for r in rows}
            self.rows = sorted(got.items(), key=lambda fd: (fd[1], fd[0]), reverse=True)
        return self.rows if n is None else self.rows[:n]


Fetch = Callable[[list[str] | None], list[Row]]


def _latest(
    fetch: Fetch, filings: _Filings, limit: int | None, total: int | None, date: str
) -> tuple[list[Row], int | None]:
    """The ``limit`` latest rows of a section (by filing, then by the row's ``date`` column),
    and its rows in all (None: not known). Read from the latest filings; further ones only
    while the section has fewer rows than asked and than it has in all."""
    if limit is None:
        rows = fetch(None)
        return rows, len(rows)
    rows = []
    start, size = 0, limit
    while True:
        window = filings.first(start + size)[start:]
        if not window:
            break
        rows += fetch([f for f, _ in window])
        start += len(window)
        if len(rows) >= limit or (total is not None and len(rows) >= total):
            break
        size *= 4
    if filings.complete and start >= len(filings.rows):
        total = len(rows)  # every filing was read
    order = dict(filings.rows)
    rows.sort(
        key=lambda r: (order.get(r["filing"], ""), r.get(date, ""), r["filing"]), reverse=True
    )
    return rows[:limit], total


def _total(counts: Mapping[str, int] | None, *records: str) -> int | None:
    return None if counts is None else sum(counts.get(r, 0) for r in records)


def dossier(
    store: GraphStore, who: Candidate, *, as_of: dt.date | None = None, limit: int | None = LIMIT
) -> Dossier:
    """The dossier of ``who``: every section a named query bound to its canonical node, read
    from its latest filings (``limit`` rows a section; None: everything).

    ``as_of``: its roles are the positions held on that day (the ``positions`` query: started
    or first attested by then, not ended by then), its holdings and transactions those dated
    on or before it."""
    e = who.entity
    node = ox.NamedNode(e)
    day = as_of.isoformat() if as_of else None
    d = Dossier(e, who.name, who.kind, as_of=day, limit=limit)
    filings = _Filings(store, node)
    first = filings.first(limit)
    # The sizes of the sections, when the entity has more filings than are read first (the
    # counts are of every filing, so not by a day).
    counts = None
    if not filings.complete:
        counts = {r["record"]: int(r["count"]) for r in _rows(store, "counts", entity=node)}
    d.named_in = len(filings.rows) if filings.complete else (counts or {}).get("filings", 0)
    d.read = len(first)
    if day:
        counts = None

    # A window of filings is read with the query bound to the filings alone, and its rows
    # kept when they name the entity: bound to the entity as well, Oxigraph starts from the
    # entity's cluster, whose nodes grow with its filings (a person named in 800 filings
    # made every section read 800 nodes for the 10 filings of a window).
    read: dict[tuple[str, tuple[str, ...]], list[Row]] = {}

    def bound(query: str, **params: ParamValue) -> Fetch:
        def fetch(window: list[str] | None) -> list[Row]:
            if window is None:
                return _rows(store, query, **params)
            key = (query, tuple(window))
            if key not in read:  # both sides of a section read the same filings once
                read[key] = _rows(store, query, filing=[ox.NamedNode(f) for f in window])
            return [r for r in read[key] if all(r.get(k) == e for k in params)]

        return fetch

    def by_day(fetch: Fetch) -> Fetch:
        return lambda window: by_then(fetch(window), day)

    def section(name: str, kept: tuple[list[Row], int | None]) -> list[Row]:
        rows, total = kept
        if total is None or total > len(rows):
            d.totals[name], d.shown[name] = total, len(rows)
        return rows

    whole = filings.complete and limit is not None and len(first) == len(filings.rows)
    ids = bound("entities", entity=node)(None if whole or limit is None else [f for f, _ in first])
    d.sections["names"] = merge(
        (r["value"] + (" (former name)" if r["property"] == "previous name" else ""), None, r)
        for r in ids
        if r["property"] in ("name", "previous name")
    )
    d.sections["identifiers"] = merge(
        (f"{ID_LABELS[r['property']]} {r['value']}", None, r)
        for r in ids
        if r["property"] in ID_LABELS
    )
    if as_of is None:
        sides = [bound("roles", holder=node), bound("roles", company=node)]
        total = _total(counts, "roles", "roles at")
        rows = section("roles", _latest(_both(sides), filings, limit, total, "asOf"))
        roles = [(role(r, e), r.get("start") or r.get("asOf"), r) for r in rows]
    else:
        held = _rows(store, "positions", holder=node, date=day)
        held += _rows(store, "positions", company=node, date=day)
        roles = [(position(r, e), r.get("since") or r.get("firstAttested"), r) for r in held]
    d.sections["roles"] = merge(roles, dated=False)  # a role's line says its dates in words
    fetch = by_day(bound("holdings", holder=node))
    rows = section("holdings", _latest(fetch, filings, limit, _total(counts, "holdings"), "date"))
    d.sections["holdings"] = merge((holding(r), r.get("date"), r) for r in rows)
    sides = [bound("transactions", holder=node)]
    records = ["transactions"]
    if who.kind != "person":
        sides.append(bound("transactions", company=node))
        records.append("transactions as issuer")
    total = _total(counts, *records)
    rows = section("transactions", _latest(by_day(_both(sides)), filings, limit, total, "date"))
    d.sections["transactions"] = merge((transaction(r, e), r.get("date"), r) for r in rows)
    d.sections["agreements"] = agreements(_rows(store, "agreements", company=node), e)
    if whole or limit is None:
        d.sections["connections"] = merge(
            (f"{r['relation']} {name_of(r, 'other')}", None, r)
            for r in _rows(store, "connections", entity=node)
        )
    else:  # the ties of every filing: listed by --all, or by the named query
        d.sections["connections"] = []
        d.totals["connections"], d.shown["connections"] = None, 0
    d.filings = _filing_refs(store, d)
    dates = [date for _, date in filings.rows if date]
    if dates and filings.complete:
        d.span = (min(dates), max(dates))
    elif dates:
        d.latest = max(dates)
    return d


def _both(sides: list[Fetch]) -> Fetch:
    """The rows of each side (as holder, as organization) of a section."""
    return lambda window: [r for side in sides for r in side(window)]


def _filing_refs(store: GraphStore, d: Dossier) -> dict[str, FilingRef]:
    """Form, date and source file of the dossier's filings: one ``filings`` query bound to
    them (a filing without a subject company keeps its IRI as label)."""
    wanted = sorted(
        {f for entries in d.sections.values() for entry in entries for f in entry.filings}
    )
    if not wanted:
        return {}
    rows = _rows(store, "filings", filing=[ox.NamedNode(f) for f in wanted])
    return {
        r["filing"]: FilingRef(r["filing"], r.get("formType"), r.get("date"), r.get("source"))
        for r in rows
    }
