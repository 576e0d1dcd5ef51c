"""Entity mentions: what entity resolution reads about each entity node, and where from.

Two sources give the same facts:

- the store, with the two SPARQL queries of :func:`read_mentions` over the union of every
  filing graph (any store, any history);
- the mapper, which notes them while it writes a filing (:class:`FilingMentions`), so a
  build that made every filing of its store has them without scanning the store again
  (the two queries took 13 s of a 60 s build of 10,500 filings).

Both feed a :class:`MentionIndex`; ``tests/test_mentions.py`` checks they agree.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pyoxigraph as ox

from secgraph.graph.judge import Mention
from secgraph.graph.vocab import RDF_TYPE, SG, SG_NS

__all__ = [
    "AFFILIATION_QUERY",
    "DATED_QUERY",
    "ENTITY_QUERY",
    "FilingMentions",
    "MentionIndex",
    "Row",
    "Select",
    "read_mentions",
]

Row = Mapping[str, ox.NamedNode | ox.BlankNode | ox.Literal]
Select = Callable[[str], Iterable[Row]]

_PREFIX = f"PREFIX sg: <{SG_NS}>\n"

# Every entity node, with the values the comparison reads. DISTINCT: a node named in many
# filings has the same triples in each filing's graph, which the union default graph repeats
# (2,610 filings: 151k rows without it, 12.7k with it).
ENTITY_QUERY = (
    _PREFIX
    + """SELECT DISTINCT ?e ?type ?p ?v WHERE {
  VALUES ?type { sg:Person sg:Organization sg:Company sg:Entity }
  ?e a ?type .
  OPTIONAL {
    VALUES ?p { sg:name sg:conformedName sg:firstName sg:middleName sg:lastName sg:nameSuffix
                sg:cik sg:ticker sg:nameMissing }
    ?e ?p ?v
  }
}"""
)
# Who is tied to which organization: roles, transactions and holdings (holder -> issuer),
# signatures (signer -> the filing's company). ?kind is the role kind when there is one.
AFFILIATION_QUERY = (
    _PREFIX
    + """SELECT DISTINCT ?e ?org ?kind WHERE {
  { ?x sg:holder ?e ; sg:organization ?org . OPTIONAL { ?x sg:roleKind ?kind } }
  UNION
  { ?f sg:signedBy ?e ; sg:filingSubject ?org . }
}"""
)

# The latest date of a filing printing each name and ticker (names and tickers by date). A
# filing's date: its filed date, else its signature date, else its period (the latest of each
# the filing states), as FilingMentions.date computes it.
DATED_QUERY = (
    _PREFIX
    + """SELECT ?e ?p ?v (MAX(?d) AS ?date) WHERE {
  {
    SELECT ?g (COALESCE(MAX(?fd), MAX(?sd), MAX(?pd)) AS ?d) WHERE {
      GRAPH ?g {
        ?g a sg:Filing .
        OPTIONAL { ?g sg:filedDate ?fd }
        OPTIONAL { ?g sg:signatureDate ?sd }
        OPTIONAL { ?g sg:periodDate ?pd }
      }
    } GROUP BY ?g
  }
  FILTER(BOUND(?d))
  VALUES ?p { sg:name sg:ticker }
  GRAPH ?g { ?e ?p ?v }
} GROUP BY ?e ?p ?v"""
)

#: The entity classes, as the kind a :class:`~secgraph.graph.judge.Mention` records.
KINDS = {
    SG.Person.value: "person",
    SG.Organization.value: "organization",
    SG.Company.value: "company",  # an organization for resolution; the finder tells them apart
    SG.Entity.value: "unknown",
}
# The properties ENTITY_QUERY reads, with the Mention slot each fills.
_SLOT_TERMS = (
    (SG.name, "names"),
    (SG.conformedName, "conformed"),
    (SG.firstName, "first"),
    (SG.middleName, "middle"),
    (SG.lastName, "last"),
    (SG.nameSuffix, "suffix"),
    (SG.cik, "cik"),
    (SG.ticker, "tickers"),
    (SG.nameMissing, "missing"),
)
#: The same, by property IRI (for SPARQL rows).
SLOTS = {term.value: slot for term, slot in _SLOT_TERMS}


class MentionIndex:
    """Mentions by entity IRI, gathered from any number of filings in any order.

    A node counts as an entity once some filing types it as one (as ``?e a ?type`` does in
    ENTITY_QUERY), whichever filing gave its names.
    """

    __slots__ = ("_mentions",)

    def __init__(self) -> None:
        self._mentions: dict[str, Mention] = {}

    def _get(self, iri: str) -> Mention:
        mention = self._mentions.get(iri)
        if mention is None:
            iri = sys.intern(iri)
            mention = self._mentions[iri] = Mention(iri)
        return mention

    def kind(self, iri: str, kind: str) -> None:
        self._get(iri).add_kind(kind)

    def value(self, iri: str, slot: str, value: str) -> None:
        self._get(iri).put(slot, value)

    def dated(self, iri: str, slot: str, value: str, date: str) -> None:
        self._get(iri).dated(slot, value, date)

    def __contains__(self, iri: object) -> bool:
        return iri in self._mentions

    def affiliation(self, iri: str, organization: str, role_kind: str | None) -> None:
        # IRIs met in thousands of mentions (an issuer, a role kind) are held once.
        mention = self._get(iri)
        mention.affiliations.add(sys.intern(organization))
        if role_kind is not None:
            mention.role_kinds.add(sys.intern(role_kind))

    def add(self, facts: FilingMentions) -> None:
        """One filing's facts (from the mapper).

        The names of the people it mentions are read now (nameparser, a third of a
        millisecond a name, memoized): a build adds facts while it waits on the store's
        loader, so the reading is done before resolution starts instead of in it."""
        for iri, kind in facts.kinds:
            self.kind(iri, kind)
        for iri, slot, value in facts.values:
            self.value(iri, slot, value)
        date = facts.date()
        if date is not None:
            for iri, slot, value in facts.values:
                if slot in _DATED:
                    self._mentions[iri].dated(slot, value, date)
        for iri, organization, role_kind in facts.affiliations():
            self.affiliation(iri, organization, role_kind)
        for iri in {iri for iri, _, _ in facts.values}:
            mention = self._mentions[iri]
            if mention.kinds and mention.kind != "organization":
                mention.readings()

    def mentions(self) -> dict[str, Mention]:
        """Every entity node (typed in some filing), by IRI."""
        return {iri: m for iri, m in self._mentions.items() if m.kinds}


def read_mentions(select: Select) -> dict[str, Mention]:
    """The mentions of every entity node of a store, read with ENTITY_QUERY and
    AFFILIATION_QUERY (``select`` runs a SPARQL SELECT over the union of the filing graphs)."""
    index = MentionIndex()
    for row in select(ENTITY_QUERY):
        node, kind = row["e"], row["type"]
        if not isinstance(node, ox.NamedNode):
            continue
        index.kind(node.value, KINDS[kind.value])
        prop, value = row.get("p"), row.get("v")
        if prop is not None and isinstance(value, ox.Literal):
            index.value(node.value, SLOTS[prop.value], value.value)
    for row in select(DATED_QUERY):
        node, prop, value, date = row["e"], row["p"], row["v"], row.get("date")
        if isinstance(node, ox.NamedNode) and date is not None and node.value in index:
            index.dated(node.value, SLOTS[prop.value], value.value, date.value)
    for row in select(AFFILIATION_QUERY):
        role_kind = row.get("kind")
        index.affiliation(
            row["e"].value,
            row["org"].value,
            role_kind.value.removeprefix(SG_NS) if role_kind is not None else None,
        )
    return index.mentions()  # an affiliated node no filing types as an entity is left out


# What the mapper notes, keyed by the identity of the vocabulary's singleton NamedNodes
# (``SG.name`` is always the same object), so that the check costs a set lookup.
_SLOT_IDS = {id(term): slot for term, slot in _SLOT_TERMS}
_LINKS = ("holder", "organization", "roleKind", "signedBy", "filingSubject")
_LINK_IDS = {id(SG.term(name)): name for name in _LINKS}
_TYPE_ID = id(RDF_TYPE)
_DATED = frozenset({"names", "tickers"})
#: The filing's own dates the builder notes (FilingMentions.note_date), by property identity.
FILING_DATES = {id(SG.term(name)): name for name in ("filedDate", "signatureDate", "periodDate")}
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Every predicate :class:`FilingMentions` may keep: the builder's cheap pre-check.
WATCHED = frozenset({_TYPE_ID, *_SLOT_IDS, *_LINK_IDS})


class FilingMentions:
    """The mention facts of one filing, noted by the builder as it writes the statements
    ENTITY_QUERY and AFFILIATION_QUERY read. Plain strings: cheap to send between processes.
    """

    __slots__ = ("dates", "kinds", "links", "values")

    def __init__(self) -> None:
        self.dates: dict[str, str] = {}  # filedDate / signatureDate / periodDate -> latest
        self.kinds: list[tuple[str, str]] = []
        self.values: list[tuple[str, str, str]] = []
        self.links: list[tuple[str, str, str]] = []  # (subject, link name, object)

    def as_data(self) -> dict[str, object]:
        """The facts as plain JSON data (a sharded build writes them beside its quads)."""
        return {
            "dates": self.dates,
            "kinds": self.kinds,
            "values": self.values,
            "links": self.links,
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> FilingMentions:
        """The facts :meth:`as_data` wrote (lists for its tuples)."""
        facts = cls()
        facts.dates = dict(data["dates"])
        facts.kinds = [(iri, kind) for iri, kind in data["kinds"]]
        facts.values = [(iri, slot, value) for iri, slot, value in data["values"]]
        facts.links = [(s, link, o) for s, link, o in data["links"]]
        return facts

    def note_node(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode) -> None:
        """``s p o`` with a node object (``p`` in WATCHED)."""
        pid = id(p)
        if pid == _TYPE_ID:
            kind = KINDS.get(o.value)
            if kind is not None:
                self.kinds.append((s.value, kind))
        else:
            link = _LINK_IDS.get(pid)
            if link is not None:
                self.links.append((s.value, link, o.value))

    def note_value(self, s: ox.NamedNode, p: ox.NamedNode, value: str) -> None:
        """``s p "value"`` (``p`` in WATCHED): the literal's lexical form."""
        slot = _SLOT_IDS.get(id(p))
        if slot is not None:
            if _SURROGATE.search(value) is not None:  # as the N-Quads writer stores them
                value = _SURROGATE.sub("\ufffd", value)
            self.values.append((s.value, slot, value))

    def note_date(self, kind: str, value: str) -> None:
        """The filing states its ``kind`` date (``filedDate``, ``signatureDate``,
        ``periodDate``)."""
        if self.dates.get(kind, "") < value:
            self.dates[kind] = value

    def date(self) -> str | None:
        """The filing's date for names by date, as DATED_QUERY computes it."""
        d = self.dates
        return d.get("filedDate") or d.get("signatureDate") or d.get("periodDate")

    def affiliations(self) -> list[tuple[str, str, str | None]]:
        """AFFILIATION_QUERY's rows within this filing: (entity, organization, role kind)."""
        by_subject: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for s, link, o in self.links:
            by_subject[s][link].append(o)
        rows: list[tuple[str, str, str | None]] = []
        for links in by_subject.values():
            kinds: list[str | None] = [k.removeprefix(SG_NS) for k in links["roleKind"]]
            for holder in links["holder"]:
                for organization in links["organization"]:
                    rows.extend((holder, organization, kind) for kind in kinds or [None])
            for signer in links["signedBy"]:
                for subject in links["filingSubject"]:
                    rows.append((signer, subject, None))
        return rows
