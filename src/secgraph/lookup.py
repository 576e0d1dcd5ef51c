"""A readable dossier of one entity, built on the named queries (``ontology/queries``).

::

    found = lookup(store, "Robert A Panora")
    if isinstance(found, Dossier): print("\\n".join(found.lines()))
    else: ...  # the candidates: none (no match) or several (an ambiguous name)

The entity is found with the ``entities`` query (a case-insensitive substring of any name of
its resolved cluster). Its sections come from ``entities`` (names, identifiers), ``roles``,
``holdings``, ``transactions``, ``agreements`` and ``connections``, each row kept only when it
is about the entity's canonical node, and each line names the filing that states it
(labelled from the ``filings`` query). No SPARQL lives here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from secgraph.graph import run_named
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
#: At most this many companies are asked for the labels of the dossier's filings.
_LABEL_COMPANIES = 20
_TOKEN = re.compile(r"[^\W_]+")

Row = dict[str, str]


@dataclass(frozen=True)
class Candidate:
    entity: str
    name: str
    kind: str
    names: tuple[str, ...] = ()
    ciks: tuple[str, ...] = ()

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


@dataclass
class Dossier:
    entity: str
    name: str
    kind: str
    sections: dict[str, list[Entry]] = field(default_factory=dict)
    filings: dict[str, FilingRef] = field(default_factory=dict)

    def filing(self, iri: str) -> FilingRef:
        return self.filings.get(iri, FilingRef(iri))

    def lines(self) -> list[str]:
        out = [f"{self.name} ({self.kind})", f"  {self.entity}"]
        for section in SECTIONS:
            entries = self.sections.get(section, [])
            if not entries:
                continue
            out.extend(["", section.capitalize()])
            for entry in entries:
                date = f"{entry.date}  " if entry.date else ""
                refs = sorted(map(self.filing, entry.filings), key=lambda f: (f.date or "", f.iri))
                sources = "; ".join(ref.label() for ref in refs)
                out.append(f"  {date}{entry.text}  [{sources}]")
        return out

    def to_json(self) -> dict[str, object]:
        return {
            "entity": self.entity,
            "name": self.name,
            "kind": self.kind,
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


def _rows(store: GraphStore, query: str, **params: str) -> list[Row]:
    columns, rows = run_named(store, query, params)
    return [
        {col: term.value for col, term in zip(columns, row, strict=True) if term is not None}
        for row in rows
    ]


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(sorted(_TOKEN.findall(text.casefold())))


def find(store: GraphStore, name: str) -> list[Candidate]:
    """Entities with a name containing ``name`` (any order of its words, punctuation aside)."""
    rows = _rows(store, "entities", name=name)
    wanted = _tokens(name)
    if not rows and wanted:
        # "Robert A. Panora" is no substring of "Robert A Panora": search the longest word,
        # then keep the entities one of whose names has every word of the query.
        longest = max(wanted, key=len)
        rows = _rows(store, "entities", name=longest)
        keep = {
            r["entity"]
            for r in rows
            if r.get("property") == "name" and set(wanted) <= set(_tokens(r["value"]))
        }
        rows = [r for r in rows if r["entity"] in keep]
    by_entity: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_entity[row["entity"]].append(row)
    candidates = []
    for entity, group in by_entity.items():
        names = sorted({r["value"] for r in group if r["property"] == "name"})
        ciks = sorted({r["value"] for r in group if r["property"] == "cik"})
        first = group[0]
        display = first.get("entityName") or (names[0] if names else entity)
        candidates.append(Candidate(entity, display, first["kind"], tuple(names), tuple(ciks)))
    return sorted(candidates, key=lambda c: (c.name.casefold(), c.entity))


def choose(candidates: Sequence[Candidate], name: str) -> Candidate | None:
    """The one candidate meant by ``name``: the only one, or the only one with a name of exactly
    these words (``PANORA ROBERT A`` = ``Robert A. Panora``); None when ambiguous."""
    if len(candidates) == 1:
        return candidates[0]
    wanted = _tokens(name)
    exact = [c for c in candidates if any(_tokens(n) == wanted for n in (c.name, *c.names))]
    return exact[0] if len(exact) == 1 else None


def lookup(store: GraphStore, name: str) -> Dossier | list[Candidate]:
    """The dossier of the entity ``name`` denotes, or the candidates (none, or several)."""
    candidates = find(store, name)
    chosen = choose(candidates, name)
    if chosen is None:
        return candidates
    return dossier(store, chosen)


# -- the sections ----------------------------------------------------------------------------


def dossier(store: GraphStore, who: Candidate) -> Dossier:
    """The dossier of ``who``. Its rows are selected with one of its printed names (which the
    named queries match against the whole resolved cluster), then kept when about ``who``."""
    e = who.entity
    name = who.names[0] if who.names else who.name
    d = Dossier(e, who.name, who.kind)
    ids = [r for r in _rows(store, "entities", name=name) if r["entity"] == e]
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
    roles = [
        r for r in _rows(store, "roles", name=name) if e in (r.get("holder"), r.get("company"))
    ]
    d.sections["roles"] = _merge((_role(r, e), r.get("date"), r) for r in roles)
    holdings = [r for r in _rows(store, "holdings", name=name) if r.get("holder") == e]
    d.sections["holdings"] = _merge((_holding(r), r.get("date"), r) for r in holdings)
    # Transactions are selected by issuer: the entity itself, or the companies it is tied to.
    companies = {r["company"]: r.get("companyName") for r in roles + holdings if "company" in r}
    issuers: dict[str, str | None] = {e: name} if who.kind != "person" else {}
    issuers.update({c: n for c, n in companies.items() if c != e})
    transactions: list[Row] = []
    for company, company_name in issuers.items():
        if company_name:
            transactions += [
                r
                for r in _rows(store, "transactions", company=company_name)
                if r.get("company") == company and e in (r.get("holder"), r.get("company"))
            ]
    d.sections["transactions"] = _merge(
        (_transaction(r, e), r.get("date"), r) for r in transactions
    )
    d.sections["agreements"] = _agreements(_rows(store, "agreements", company=name), e)
    d.sections["connections"] = _merge(
        (f"{r['relation']} {_name(r, 'other')}", None, r)
        for r in _rows(store, "connections", name=name)
        if r.get("entity") == e
    )
    about = ([e] if who.kind != "person" else []) + [c for c in companies if c != e]
    d.filings = _filing_refs(store, d, {**issuers, e: name}, about[:_LABEL_COMPANIES])
    return d


_ID_LABELS = {"cik": "CIK", "ticker": "ticker", "jurisdiction": "jurisdiction"}


def _merge(lines: Iterable[tuple[str, str | None, Row]]) -> list[Entry]:
    """One entry per (date, text), naming every filing that states it; dated lines in date
    order (a life over time), then undated ones."""
    merged: dict[tuple[str | None, str], tuple[list[str], Row]] = {}
    for text, date, row in lines:
        filings, _ = merged.setdefault((date, text), ([], row))
        if row["filing"] not in filings:
            filings.append(row["filing"])
    entries = [
        Entry(text, tuple(sorted(filings)), date, row)
        for (date, text), (filings, row) in merged.items()
    ]
    return sorted(entries, key=lambda x: (x.date is None, x.date or "", x.text.casefold()))


def _name(r: Row, key: str) -> str:
    """The ``keyName`` column, else a plain word: an unnamed reporting person has no name."""
    return r.get(f"{key}Name") or "(unnamed)"


def _role(r: Row, e: str) -> str:
    role = r.get("role", "role")
    if r.get("title"):
        role += f" ({r['title']})"
    if r.get("holder") == e:
        text = f"{role} of {_name(r, 'company')}"
    else:
        text = f"{_name(r, 'holder')}: {role}"
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


def _filing_refs(
    store: GraphStore, d: Dossier, names: Mapping[str, str | None], companies: list[str]
) -> dict[str, FilingRef]:
    """Form, date and source file of the dossier's filings, from the ``filings`` query run for
    the companies they are about (a filing about another company keeps its IRI as label)."""
    wanted = {f for entries in d.sections.values() for entry in entries for f in entry.filings}
    refs: dict[str, FilingRef] = {}
    for company in companies:
        if wanted <= refs.keys() or not names.get(company):
            continue
        for r in _rows(store, "filings", company=names[company] or ""):
            if r["filing"] in wanted:
                refs[r["filing"]] = FilingRef(
                    r["filing"], r.get("formType"), r.get("date"), r.get("source")
                )
    return refs
