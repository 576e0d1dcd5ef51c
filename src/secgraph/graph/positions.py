"""Positions over time and amendments, derived from the store after entity resolution.

A role record says what one filing says on one date. A :data:`~secgraph.graph.iris.POSITIONS_GRAPH`
``sg:Position`` gathers the records of one (canonical holder, canonical organization, role
kind, title key) across filings:

* ``sg:startDate`` / ``sg:endDate``: only the dates filings state as a start or an end (an
  8-K Item 5.02 appointment or departure, effective on the date it names); never invented;
* ``sg:firstAttested`` / ``sg:lastAttested``: the earliest and latest dates filings attest the
  position (``sg:asOfDate`` of records that are not Item 5.02 changes);
* ``sg:notAttestedAfter``: the last attested date, when a later filing of the same holder
  about the same organization no longer states the position (no longer ticks the box):
  evidence, not proof, of an end, said in ``sg:note``; never an end date;
* ``sg:attestedBy``: each role record, which keeps its filing and place.

Amendments (3/A, 4/A, 5/A, D/A) supersede the filing they amend: matched by the amended
accession number when the amendment gives it (``sg:amends``), else, for ownership forms, by
issuer, reporting owner and period. The amended filing and its roles, transactions and
holdings stay, marked ``sg:supersededBy``; positions leave superseded records out.

Cost: one query for the amendments (it starts from the amendments, few), one per superseded
filing for its rows, and one pass over the role records sorted by holder and organization,
holding one (holder, organization) group at a time.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

from secgraph.graph.iris import POSITIONS_GRAPH, position_iri
from secgraph.graph.mentions import Row, Select
from secgraph.graph.vocab import RDF_TYPE, SG, SG_NS, XSD

__all__ = ["POSITIONS_GRAPH", "position_quads", "supersessions", "title_key"]

_PREFIX = f"PREFIX sg: <{SG_NS}>\n"
_DATE = ox.NamedNode(XSD + "date")

# Amendments and the filings they restate. (a) by the amended accession number, when the
# original is in the store (it has a source file); (b) ownership forms without it: the same
# form, issuer, reporting owner and period, filed earlier (or on an unknown date).
_BY_ACCESSION = (
    _PREFIX
    + """SELECT DISTINCT ?amendment ?original WHERE {
  ?amendment sg:amends ?original . ?original sg:sourceFile ?file .
  FILTER(?amendment != ?original)
}"""
)
_BY_KEY = (
    _PREFIX
    + """SELECT DISTINCT ?amendment ?original ?aFiled ?oFiled ?oAmendment WHERE {
  ?amendment sg:isAmendment true ; sg:formType ?aForm ; sg:periodDate ?period ;
             sg:filingSubject/sg:canonical ?issuer ; sg:filer/sg:canonical ?owner .
  FILTER(STRENDS(?aForm, "/A") && ?aForm IN ("3/A", "4/A", "5/A"))
  ?original sg:periodDate ?period ; sg:formType ?oForm ;
            sg:filingSubject/sg:canonical ?issuer ; sg:filer/sg:canonical ?owner .
  FILTER(?original != ?amendment
         && (?oForm = STRBEFORE(?aForm, "/A") || ?oForm = ?aForm))
  OPTIONAL { ?amendment sg:filedDate ?aFiled }
  OPTIONAL { ?original sg:filedDate ?oFiled }
  OPTIONAL { ?original sg:isAmendment ?oAmendment }
}"""
)
# The rows of some filings (a VALUES block of their IRIs, in N-Triples syntax, leads).
_ROWS = (
    _PREFIX
    + """SELECT DISTINCT ?row ?filing WHERE {
  VALUES ?filing { %s }
  VALUES ?class { sg:Role sg:Transaction sg:Holding }
  ?row sg:sourceFiling ?filing ; a ?class .
}"""
)
_ROWS_BATCH = 200
# Every role record with its canonical holder and organization, sorted so that one (holder,
# organization) group arrives at a time.
_ROLES = (
    _PREFIX
    + """SELECT ?holder ?org ?r ?kind ?title ?start ?end ?asOf ?change ?filing WHERE {
  ?r a sg:Role ; sg:holder/sg:canonical ?holder ; sg:organization/sg:canonical ?org ;
     sg:roleKind ?kind ; sg:sourceFiling ?filing .
  OPTIONAL { ?r sg:title ?title }
  OPTIONAL { ?r sg:startDate ?start }
  OPTIONAL { ?r sg:endDate ?end }
  OPTIONAL { ?r sg:asOfDate ?asOf }
  OPTIONAL { ?r sg:changeKind ?change }
}
ORDER BY ?holder ?org"""
)

# Titles printed in several ways that name one office.
_ABBREVIATIONS = {
    "ceo": "chief executive officer",
    "cfo": "chief financial officer",
    "coo": "chief operating officer",
    "cto": "chief technology officer",
    "cio": "chief information officer",
    "cao": "chief accounting officer",
    "clo": "chief legal officer",
    "gc": "general counsel",
    "evp": "executive vice president",
    "svp": "senior vice president",
    "vp": "vice president",
    "pres": "president",
    "sec": "secretary",
    "treas": "treasurer",
}
_WORDS = re.compile(r"[a-z0-9]+")


def title_key(title: str | None) -> str:
    """``Chief Financial Officer & Treasurer`` and ``CFO and Treasurer`` -> ``chief financial
    officer and treasurer``; no title -> ``""``."""
    if not title:
        return ""
    words = _WORDS.findall(title.casefold().replace("&", " and "))
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


def supersessions(select: Select) -> dict[str, str]:
    """Superseded filing IRI -> the amendment that restates it (the latest, when several do)."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)  # original -> (filed, amendment)
    for row in select(_BY_ACCESSION):
        found[row["original"].value].append(("", row["amendment"].value))
    for row in select(_BY_KEY):
        original, amendment = row["original"].value, row["amendment"].value
        a_filed, o_filed = _value(row.get("aFiled")), _value(row.get("oFiled"))
        if a_filed and o_filed and o_filed > a_filed:
            continue  # filed after the amendment: not what it amends
        if _value(row.get("oAmendment")) == "true" and not (a_filed and o_filed):
            continue  # between two amendments, only dates tell which restates which
        if a_filed and o_filed and o_filed == a_filed and original > amendment:
            continue
        found[original].append((a_filed or "", amendment))
    return {original: max(options)[1] for original, options in found.items()}


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str | None:
    return term.value if term is not None else None


@dataclass
class _Record:
    iri: str
    title: str | None
    start: str | None
    end: str | None
    as_of: str | None
    change: str | None


@dataclass
class _Position:
    kind: str
    key: str
    records: list[_Record] = field(default_factory=list)

    def attested(self) -> list[str]:
        """Dates the filings attest the position: an Item 5.02 change attests a start or
        an end, not the position on its report date."""
        return sorted(r.as_of for r in self.records if r.as_of and r.change is None)


def position_quads(select: Select) -> Iterator[ox.Quad]:
    """The positions graph of a resolved store: supersessions, then positions."""
    superseded = supersessions(select)
    g = POSITIONS_GRAPH
    originals = sorted(superseded)
    for original in originals:
        yield ox.Quad(
            ox.NamedNode(original), SG.supersededBy, ox.NamedNode(superseded[original]), g
        )
    for i in range(0, len(originals), _ROWS_BATCH):
        batch = " ".join(f"<{f}>" for f in originals[i : i + _ROWS_BATCH])  # store IRIs
        for row in select(_ROWS % batch):
            by = ox.NamedNode(superseded[row["filing"].value])
            yield ox.Quad(ox.NamedNode(row["row"].value), SG.supersededBy, by, g)
    for holder, org, positions in _groups(select(_ROLES), set(superseded)):
        yield from _position(holder, org, positions, g)


def _groups(
    rows: Iterable[Row], superseded: set[str]
) -> Iterator[tuple[str, str, list[_Position]]]:
    """(holder, organization, its positions), one group at a time, from rows sorted by
    holder and organization."""
    current: tuple[str, str] | None = None
    positions: dict[tuple[str, str], _Position] = {}
    seen: set[str] = set()
    for row in rows:
        if row["filing"].value in superseded:
            continue
        group = (row["holder"].value, row["org"].value)
        if group != current:
            if current is not None and positions:
                yield current[0], current[1], list(positions.values())
            current, positions, seen = group, {}, set()
        iri = row["r"].value
        if iri in seen:  # a role with two titles (never, by the shapes) or repeated rows
            continue
        seen.add(iri)
        title = _value(row.get("title"))
        kind = row["kind"].value
        key = title_key(title)
        position = positions.get((kind, key))
        if position is None:
            position = positions[(kind, key)] = _Position(kind, key)
        position.records.append(
            _Record(
                iri,
                title,
                _value(row.get("start")),
                _value(row.get("end")),
                _value(row.get("asOf")),
                _value(row.get("change")),
            )
        )
    if current is not None and positions:
        yield current[0], current[1], list(positions.values())


def _position(
    holder: str, org: str, positions: list[_Position], g: ox.NamedNode
) -> Iterator[ox.Quad]:
    # The latest date on which any filing attests a position of this holder here.
    latest = max((d for p in positions for d in p.attested()), default=None)
    for p in sorted(positions, key=lambda p: (p.kind, p.key)):
        node = position_iri(holder, org, p.kind, p.key)
        yield ox.Quad(node, RDF_TYPE, SG.Position, g)
        yield ox.Quad(node, SG.holder, ox.NamedNode(holder), g)
        yield ox.Quad(node, SG.organization, ox.NamedNode(org), g)
        yield ox.Quad(node, SG.roleKind, ox.NamedNode(p.kind), g)
        yield ox.Quad(node, SG.titleKey, ox.Literal(p.key), g)
        records = sorted(p.records, key=lambda r: (r.as_of or r.start or r.end or "", r.iri))
        title = next((r.title for r in reversed(records) if r.title), None)
        if title is not None:
            yield ox.Quad(node, SG.title, ox.Literal(title), g)
        for r in records:
            yield ox.Quad(node, SG.attestedBy, ox.NamedNode(r.iri), g)
        starts = sorted(r.start for r in records if r.start)
        ends = sorted(r.end for r in records if r.end)
        if starts:
            yield ox.Quad(node, SG.startDate, ox.Literal(starts[0], datatype=_DATE), g)
        # A stated end closes the position unless a later stated start reopened it.
        end = ends[-1] if ends and (not starts or ends[-1] >= starts[-1]) else None
        if end is not None:
            yield ox.Quad(node, SG.endDate, ox.Literal(end, datatype=_DATE), g)
        elif ends:
            yield ox.Quad(
                node,
                SG.note,
                ox.Literal(
                    f"a filing states an end on {ends[-1]} and another a start on "
                    f"{starts[-1]}: the position is not closed"
                ),
                g,
            )
        attested = p.attested()
        if attested:
            first, last = attested[0], attested[-1]
            yield ox.Quad(node, SG.firstAttested, ox.Literal(first, datatype=_DATE), g)
            yield ox.Quad(node, SG.lastAttested, ox.Literal(last, datatype=_DATE), g)
            if end is None and latest is not None and latest > last:
                yield ox.Quad(node, SG.notAttestedAfter, ox.Literal(last, datatype=_DATE), g)
                yield ox.Quad(
                    node,
                    SG.note,
                    ox.Literal(
                        f"not stated by a filing of {latest} about the same holder and "
                        f"organization: evidence, not proof, that it ended after {last}"
                    ),
                    g,
                )
