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
The cost of a dossier follows the entity's rows, not the size of the store. No SPARQL
lives here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from secgraph.graph import run_named
from secgraph.graph.finder import EntityMatch, find_entities
from secgraph.graph.queries import ParamValue
from secgraph.store import GraphStore

__all__ = ["SECTIONS", "Candidate", "Dossier", "Entry", "FilingRef", "find", "lookup"]

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

Row = dict[str, str]


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

    def filing(self, iri: str) -> FilingRef:
        return self.filings.get(iri, FilingRef(iri))

    def lines(self) -> list[str]:
        head = f"{self.name} ({self.kind})"
        if self.as_of:
            head += f", as of {self.as_of}"
        out = [head, f"  {self.entity}"]
        for section in SECTIONS:
            entries = self.sections.get(section, [])
            if not entries:
                continue
            out.extend(["", section.capitalize()])
            for entry in entries:
                date = f"{entry.date}  " if entry.date and entry.dated else ""
                refs = sorted(map(self.filing, entry.filings), key=lambda f: (f.date or "", f.iri))
                sources = "; ".join(ref.label() for ref in refs)
                out.append(f"  {date}{entry.text}  [{sources}]")
        return out

    def to_json(self) -> dict[str, object]:
        return {
            "entity": self.entity,
            "name": self.name,
            "kind": self.kind,
            "asOf": self.as_of,
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
            "filings": {
                iri: {"form": f.form, "date": f.date, "source": f.source}
                for iri, f in sorted(self.filings.items())
            },
        }


# -- running the named queries ---------------------------------------------------------------


def _rows(store: GraphStore, query: str, **params: ParamValue) -> list[Row]:
    columns, rows = run_named(store, query, params)
    return [
        {col: term.value for col, term in zip(columns, row, strict=True) if term is not None}
        for row in rows
    ]


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


def choose(candidates: Sequence[Candidate]) -> Candidate | None:
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
    store: GraphStore, text: str, *, as_of: dt.date | None = None
) -> Dossier | list[Candidate]:
    """The dossier of the entity ``text`` (a name, CIK or ticker) denotes, or the candidates:
    several (ambiguous), close names (no match) or none. ``as_of``: the dossier on that day."""
    candidates = find(store, text)
    chosen = choose(candidates)
    if chosen is None:
        return candidates
    return dossier(store, chosen, as_of=as_of)


# -- the sections ----------------------------------------------------------------------------


def dossier(store: GraphStore, who: Candidate, *, as_of: dt.date | None = None) -> Dossier:
    """The dossier of ``who``: every section a named query bound to its canonical node.

    ``as_of``: its roles are the positions held on that day (the ``positions`` query: started
    or first attested by then, not ended by then), its holdings and transactions those dated
    on or before it."""
    e = who.entity
    node = ox.NamedNode(e)
    day = as_of.isoformat() if as_of else None
    d = Dossier(e, who.name, who.kind, as_of=day)
    ids = _rows(store, "entities", entity=node)
    d.sections["names"] = _merge(
        (r["value"] + (" (former name)" if r["property"] == "previous name" else ""), None, r)
        for r in ids
        if r["property"] in ("name", "previous name")
    )
    d.sections["identifiers"] = _merge(
        (f"{_ID_LABELS[r['property']]} {r['value']}", None, r)
        for r in ids
        if r["property"] in _ID_LABELS
    )
    if as_of is None:
        roles = [
            (_role(r, e), r.get("start") or r.get("asOf"), r)
            for r in _rows(store, "roles", holder=node) + _rows(store, "roles", company=node)
        ]
    else:
        held = _rows(store, "positions", holder=node, date=day)
        held += _rows(store, "positions", company=node, date=day)
        roles = [(_position(r, e), r.get("since") or r.get("firstAttested"), r) for r in held]
    d.sections["roles"] = _merge(roles, dated=False)  # a role's line says its dates in words
    holdings = _by_then(_rows(store, "holdings", holder=node), day)
    d.sections["holdings"] = _merge((_holding(r), r.get("date"), r) for r in holdings)
    transactions = _rows(store, "transactions", holder=node)
    if who.kind != "person":
        transactions += _rows(store, "transactions", company=node)
    d.sections["transactions"] = _merge(
        (_transaction(r, e), r.get("date"), r) for r in _by_then(transactions, day)
    )
    d.sections["agreements"] = _agreements(_rows(store, "agreements", company=node), e)
    d.sections["connections"] = _merge(
        (f"{r['relation']} {_name(r, 'other')}", None, r)
        for r in _rows(store, "connections", entity=node)
    )
    d.filings = _filing_refs(store, d)
    return d


_ID_LABELS = {"cik": "CIK", "ticker": "ticker", "jurisdiction": "jurisdiction"}


def _merge(lines: Iterable[tuple[str, str | None, Row]], *, dated: bool = True) -> list[Entry]:
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


def _name(r: Row, key: str) -> str:
    """The ``keyName`` column, else a plain word: an unnamed reporting person has no name."""
    return r.get(f"{key}Name") or "(unnamed)"


def _who_holds(r: Row, e: str) -> str:
    """A role or position seen from ``e``: "officer (CFO) of X" for its holder, "Y: officer
    (CFO)" for its organization."""
    role = r.get("role", "role")
    if r.get("title"):
        role += f" ({r['title']})"
    if r.get("holder") == e:
        return f"{role} of {_name(r, 'company')}"
    return f"{_name(r, 'holder')}: {role}"


def _by_then(rows: list[Row], day: str | None) -> list[Row]:
    """The rows dated on or before ``day`` (all of them when there is no day)."""
    return rows if day is None else [r for r in rows if r.get("date", "9999") <= day]


def _position(r: Row, e: str) -> str:
    """A position held on the dossier's day, with what the filings say of its time: "since" a
    stated start, "attested from ... to ..." otherwise, and a later silence as evidence only."""
    text = _who_holds(r, e)
    if r.get("since"):
        text += f", since {r['since']}"
    if r.get("firstAttested"):
        text += f", attested {r['firstAttested']} to {r.get('lastAttested', r['firstAttested'])}"
    if r.get("notAttestedAfter"):
        text += f", not attested after {r['notAttestedAfter']} (evidence, not proof, of an end)"
    return text


def _role(r: Row, e: str) -> str:
    """The role in words, with its dates as the filing states them: "since" a stated start,
    "as of" the date a filing attests it, "until" a stated end."""
    text = _who_holds(r, e)
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


def _holding(r: Row) -> str:
    text = f"{r.get('security') or 'securities'} of {_name(r, 'company')}"
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


def _transaction(r: Row, e: str) -> str:
    code = r.get("code", "?")
    meaning = f" {r['codeMeaning']}" if r.get("codeMeaning") else ""
    way = {"A": "acquired", "D": "disposed of"}.get(r.get("acquiredDisposed", ""), "")
    what = " ".join(
        x for x in (way, _amount(r.get("shares")), r.get("security") or "securities") if x
    )
    text = f"{code}{meaning}: {what}"
    if r.get("holder") == e:
        text += f" of {_name(r, 'company')}"
    else:
        text = f"{_name(r, 'holder')}: {text}"
    if r.get("price"):
        text += f" at {r['price']}"
    if r.get("sharesAfter"):
        text += f"; {_amount(r['sharesAfter'])} held after"
    if _ownership(r):
        text += f" ({_ownership(r)})"
    return text


def _agreements(rows: list[Row], e: str) -> list[Entry]:
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
        others = sorted({_name(r, "party") for r in group if r.get("party") != e})
        text = label + (f" with {', '.join(others)}" if others else "")
        if first.get("type"):
            text += f"; {first['type'].replace('_', ' ')}"
        if first.get("terminated"):
            text += f"; terminated {first['terminated']}"
        lines.append((text, first.get("date"), first))
    return _merge(lines)


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
