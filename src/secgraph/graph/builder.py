"""The quad builder every form family's mapper writes through.

One :class:`Builder` per filing: it owns the filing's named graph and its statements
(N-Quads lines), turns Python values into typed literals, states provenance (source
filing and span) and keeps the filing's entity mentions, so that the signer ``Robert A.
Panora`` and the reporting person ``PANORA ROBERT A`` of one filing are one node
(:meth:`Builder.known_entity`; signature lines themselves are mapped by
:mod:`secgraph.graph.signatures`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal

import pyoxigraph as ox

from secgraph.graph import iris
from secgraph.graph.mentions import FILING_DATES, WATCHED, FilingMentions
from secgraph.graph.ontology import entailed_types
from secgraph.graph.vocab import RDF_TYPE, SG, XSD
from secgraph.models import Address, Issuer, PersonName, Record, Span
from secgraph.models.formd import FormDIssuer
from secgraph.normalize.names import names_agree

# Typed-literal suffixes in N-Quads syntax.
_DECIMAL = f"^^<{XSD}decimal>"
_INTEGER = f"^^<{XSD}integer>"
_DATE = f"^^<{XSD}date>"
_GYEAR = f"^^<{XSD}gYear>"
_TRUE = f'"true"^^<{XSD}boolean>'
_FALSE = f'"false"^^<{XSD}boolean>'
_TYPE_NT = str(RDF_TYPE)
# The superclasses stated with each type, so that ``?t a sg:Transaction`` and ``?p a
# schema:Person`` find what the mappers type with leaf classes.
_ENTAILED = entailed_types()
# What N-Quads cannot hold raw in a string literal: quote, backslash, line breaks (and we also
# escape other C0 controls); lone surrogates cannot be encoded at all and become U+FFFD.
_SPECIAL = re.compile(r'[\x00-\x1f"\\\ud800-\udfff]')
_ECHAR = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(match: re.Match[str]) -> str:
    ch = match.group()
    if "\ud800" <= ch <= "\udfff":
        return "\ufffd"
    return _ECHAR.get(ch) or f"\\u{ord(ch):04X}"


def quote(value: str) -> str:
    """A string literal in N-Quads syntax."""
    if _SPECIAL.search(value) is None:
        return f'"{value}"'
    return '"' + _SPECIAL.sub(_escape_char, value) + '"'


def display_name(name: PersonName | None) -> str | None:
    """The name as printed, else its parts joined in natural order; None when blank."""
    if name is None:
        return None
    if name.full and name.full.strip():
        return name.full.strip()
    parts = [p for p in (name.first, name.middle, name.last, name.suffix) if p and p.strip()]
    return " ".join(parts) if parts else None


def record_span(spans: Mapping[str, Span]) -> tuple[int | None, str | None]:
    """A record's span: its first line, and the element path its fields share (XML)."""
    lines = [s.line for s in spans.values() if s.line is not None]
    paths = [s.path for s in spans.values() if s.path is not None]
    line = min(lines) if lines else None
    if not paths:
        return line, None
    # The segments shared by the smallest and the largest path are shared by all of them.
    lo, hi = min(paths), max(paths)
    if lo == hi:
        return line, lo
    a, b = lo.split("/"), hi.split("/")
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return line, "/".join(a[:n]) or "/"


class Builder:
    """Collects the statements of one filing's named graph, as N-Quads lines.

    pyoxigraph takes ~3 us to build a :class:`pyoxigraph.Quad` whose object is a literal
    (measured with pyoxigraph 0.5.13), more than all the rest of the mapping; a statement
    written as text costs a fraction of that, and the bulk build wants N-Quads anyway.
    :class:`~secgraph.graph.mapper.MappedFiling` parses the lines into quads on demand.
    """

    __slots__ = (
        "_addresses",
        "_described",
        "_footnotes",
        "_g",
        "_keep",
        "_mentions",
        "_nts",
        "_once",
        "_people",
        "_roles",
        "entity_facts",
        "filing",
        "graph",
        "iris",
        "lines",
    )

    def __init__(self, filing: ox.NamedNode) -> None:
        self.filing = filing
        self.graph = filing  # the filing's named graph is the filing IRI
        self.iris = iris.FilingIris(filing)
        self.lines: list[str] = []
        # What entity resolution reads, noted as it is written (see graph.mentions).
        self.entity_facts = FilingMentions()
        self._g = f" {filing} .\n"
        self._nts: dict[int, str] = {}  # id(node) -> N-Quads form, see _intern
        self._keep: list[ox.NamedNode] = []
        self._described: set[tuple[ox.NamedNode, ox.NamedNode]] = set()
        self._mentions: dict[str, ox.NamedNode] = {}
        self._people: list[tuple[str, ox.NamedNode]] = []  # (name as printed, node)
        self._once: set[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode]] = set()
        self._footnotes: dict[str, ox.NamedNode] = {}
        self._roles = 0
        self._addresses = 0

    # -- values ---------------------------------------------------------------------------

    def _intern(self, node: ox.NamedNode) -> str:
        """``node`` in N-Quads syntax, remembered by identity for the life of the builder
        (the node is kept alive, so its id cannot be reused meanwhile)."""
        text = str(node)
        self._keep.append(node)
        self._nts[id(node)] = text
        return text

    def statement(self, s: ox.NamedNode, p: ox.NamedNode, o: str) -> None:
        """``s p o`` with ``o`` already in N-Quads syntax (not an entity fact: a name or
        identifier goes through :meth:`text`, ``sg:nameMissing`` through :meth:`boolean`)."""
        nts = self._nts
        self.lines.append(
            f"{nts.get(id(s)) or self._intern(s)} {nts.get(id(p)) or self._intern(p)} {o}{self._g}"
        )

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode) -> None:
        if id(p) in WATCHED:
            self.entity_facts.note_node(s, p, o)
        nts = self._nts
        subject = nts.get(id(s)) or self._intern(s)
        self.lines.append(
            f"{subject} {nts.get(id(p)) or self._intern(p)} {nts.get(id(o)) or self._intern(o)}"
            f"{self._g}"
        )
        if p is RDF_TYPE:
            supers = _ENTAILED.get(o.value)
            if supers is not None:
                self._entailed(s, subject, supers)

    def _entailed(self, s: ox.NamedNode, subject: str, supers: tuple[ox.NamedNode, ...]) -> None:
        """``s a C`` for every superclass ``C`` of a type just stated (see
        :func:`~secgraph.graph.ontology.entailed_types`), once per node and class."""
        for cls in supers:
            key = (s, cls)
            if key not in self._described:
                self._described.add(key)
                self.entity_facts.note_node(s, RDF_TYPE, cls)
                self.lines.append(f"{subject} {_TYPE_NT} {cls}{self._g}")

    def once(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode) -> None:
        """``s p o`` unless this builder already stated it with :meth:`once`."""
        if (s, p, o) not in self._once:
            self._once.add((s, p, o))
            self.add(s, p, o)

    def text(self, s: ox.NamedNode, p: ox.NamedNode, value: str | None) -> None:
        if value is not None and value != "":
            if id(p) in WATCHED:
                self.entity_facts.note_value(s, p, value)
            nts = self._nts
            literal = f'"{value}"' if _SPECIAL.search(value) is None else quote(value)
            self.lines.append(
                f"{nts.get(id(s)) or self._intern(s)} {nts.get(id(p)) or self._intern(p)} "
                f"{literal}{self._g}"
            )

    def texts(self, s: ox.NamedNode, p: ox.NamedNode, values: Iterable[str]) -> None:
        for value in values:
            self.text(s, p, value)

    def decimal(self, s: ox.NamedNode, p: ox.NamedNode, value: Decimal | None) -> None:
        # format "f": str(Decimal("1E+3")) is "1E+3", which is not an xsd:decimal.
        if value is not None and value.is_finite():
            self.statement(s, p, f'"{value:f}"{_DECIMAL}')

    def integer(self, s: ox.NamedNode, p: ox.NamedNode, value: int | None) -> None:
        if value is not None:
            self.statement(s, p, f'"{value:d}"{_INTEGER}')

    def date(self, s: ox.NamedNode, p: ox.NamedNode, value: dt.date | None) -> None:
        if value is not None:
            text = value.isoformat()
            if s is self.filing and id(p) in FILING_DATES:
                self.entity_facts.note_date(FILING_DATES[id(p)], text)
            self.statement(s, p, f'"{text}"{_DATE}')

    def boolean(self, s: ox.NamedNode, p: ox.NamedNode, value: bool | None) -> None:
        if value is not None:
            if id(p) in WATCHED:
                self.entity_facts.note_value(s, p, "true" if value else "false")
            self.statement(s, p, _TRUE if value else _FALSE)

    def year(self, s: ox.NamedNode, p: ox.NamedNode, value: int | None) -> None:
        if value is not None:
            self.statement(s, p, f'"{value:04d}"{_GYEAR}')

    # -- nodes ----------------------------------------------------------------------------

    def typed(self, node: ox.NamedNode, cls: ox.NamedNode) -> bool:
        """State ``node a cls`` once per filing; True the first time (describe it then)."""
        key = (node, cls)
        if key in self._described:
            return False
        self._described.add(key)
        self.add(node, RDF_TYPE, cls)
        return True

    def provenance(self, node: ox.NamedNode, record: Record | None) -> None:
        """``sg:sourceFiling`` and the record-level span (first line, shared XML path)."""
        self.add(node, SG.sourceFiling, self.filing)
        self.span(node, record)

    def span(self, node: ox.NamedNode, record: Record | None) -> None:
        """The record-level span alone: its first line and the XML path its fields share."""
        if record is not None and record.spans:
            line, path = record_span(record.spans)
            self.integer(node, SG.sourceLine, line)
            self.text(node, SG.sourcePath, path)

    def annotate(
        self,
        node: ox.NamedNode,
        record: Record,
        properties: Mapping[str, ox.NamedNode],
    ) -> None:
        """One ``sg:FootnoteAnnotation`` per (field, footnote id) of ``record.footnotes``:
        ``<node>/note/<property>/<id>`` with ``sg:onProperty`` and ``sg:footnote``."""
        for field, ids in record.footnotes.items():
            prop = properties.get(field)
            local = prop.value.rsplit("#", 1)[1] if prop is not None else iris.slug(field)
            for fid in ids:
                note = iris.child(node, "note", local, iris.slug(fid))
                self.add(note, RDF_TYPE, SG.FootnoteAnnotation)
                self.add(node, SG.annotation, note)
                if prop is not None:
                    self.add(note, SG.onProperty, prop)
                self.add(note, SG.footnote, self.footnote(fid))
                self.add(note, SG.sourceFiling, self.filing)

    def footnote(
        self, fid: str, text: str | None = None, record: Record | None = None
    ) -> ox.NamedNode:
        """The filing's footnote ``fid`` (``<filing>/footnote/f1``), stated once."""
        node = self._footnotes.get(fid)
        if node is None:
            node = self._footnotes[fid] = self.iris.node("footnote", iris.slug(fid))
            self.add(node, RDF_TYPE, SG.Footnote)
            self.text(node, SG.footnoteId, fid)
            self.add(self.filing, SG.footnote, node)
            self.add(node, SG.sourceFiling, self.filing)
        if text is not None:
            self.text(node, SG.text, text)
            self.span(node, record)
        return node

    def address(self, owner: ox.NamedNode, address: Address | None) -> None:
        if address is None:
            return
        values = (address.street1, address.street2, address.city, address.state, address.zip)
        if not any(values) and not address.country:
            return
        self._addresses += 1
        node = self.iris.node("address", self._addresses)
        self.add(node, RDF_TYPE, SG.Address)
        self.add(owner, SG.address, node)
        self.text(node, SG.street, address.street1)
        self.text(node, SG.street, address.street2)
        self.text(node, SG.city, address.city)
        self.text(node, SG.state, address.state)
        self.text(node, SG.postalCode, address.zip)
        self.text(node, SG.country, address.country)
        self.provenance(node, address)

    def amends(self, accession: str) -> None:
        """``sg:amends`` the filing of ``accession`` (once, whoever names it)."""
        amended = iris.accession_iri(accession)
        if amended is not None and self.typed(amended, SG.Filing):
            self.add(self.filing, SG.amends, amended)
            self.text(amended, SG.accessionNumber, accession.strip())

    # -- entities -------------------------------------------------------------------------

    def company(self, issuer: Issuer, cls: ox.NamedNode | None = None) -> ox.NamedNode:
        """The issuer or registrant: by CIK, else by name key, else scoped to the filing."""
        node = iris.company_iri(issuer.cik, issuer.name)
        if node is None:
            node = self.iris.node("company", "issuer")
        if self.typed(node, cls or SG.Company):
            self.add(node, SG.sourceFiling, self.filing)
            if issuer.name:
                self.text(node, SG.name, issuer.name)
            else:
                self.boolean(node, SG.nameMissing, True)
        if issuer.name:
            self._mentions.setdefault("company:" + iris.company_name_key(issuer.name), node)
        self.text(node, SG.cik, iris.cik_key(issuer.cik))
        self.text(node, SG.ticker, issuer.ticker)
        self.text(node, SG.jurisdiction, issuer.jurisdiction)
        self.text(node, SG.entityType, issuer.entity_type)
        self.text(node, SG.phone, issuer.phone)
        self.texts(node, SG.previousName, issuer.previous_names)
        self.text(node, SG.sic, issuer.sic)
        self.text(node, SG.fiscalYearEnd, issuer.fiscal_year_end)
        self.text(node, SG.fileNumber, issuer.file_number)
        if isinstance(issuer, FormDIssuer):
            self.year(node, SG.yearOfIncorporation, issuer.year_of_incorporation)
            if issuer.incorporation_age is not None:
                self.text(node, SG.incorporationAge, issuer.incorporation_age.value)
        self.address(node, issuer.address)
        return node

    def organization(self, name: str, cls: ox.NamedNode | None = None) -> ox.NamedNode:
        """An organization named in prose (8-K): by name key, typed once, named as printed."""
        known = self.known_company(name)
        if known is not None:
            return known
        node = iris.company_iri(None, name) or self.iris.organization(name, 0)
        self._mentions["company:" + iris.company_name_key(name)] = node
        if self.typed(node, cls or SG.Organization):
            self.add(node, SG.sourceFiling, self.filing)
        self.text(node, SG.name, name)
        return node

    def known_company(self, name: str) -> ox.NamedNode | None:
        return self._mentions.get("company:" + iris.company_name_key(name))

    def bind_company(self, label: str, node: ox.NamedNode) -> None:
        """Make ``label`` (a defined term such as "Tecogen") find ``node`` in this filing."""
        self._mentions.setdefault("company:" + iris.company_name_key(label), node)

    def entity(
        self,
        name: PersonName | None,
        *,
        cls: ox.NamedNode,
        cik: str | None = None,
        index: int = 0,
    ) -> ox.NamedNode:
        """A person or organization mention: by CIK, else by name within the filing, else
        unnamed by position (``owner-1``) with ``sg:nameMissing true``."""
        full = display_name(name)
        node = iris.entity_cik_iri(cik) if cik else None
        key = iris.mention_key(full) if full else None
        if node is None and key is not None:
            node = self._mentions.get(key)
        if node is None:
            if cls == SG.Organization:
                node = self.iris.organization(full, index)
            else:
                node = self.iris.person(full, index)
        if key is not None and full is not None:
            self._mentions.setdefault(key, node)
            if cls == SG.Person:
                self._people.append((full, node))
            else:  # a signature names "SVF II Aggregator (Jersey) LP" for "... L.P."
                self._mentions.setdefault("company:" + iris.company_name_key(full), node)
        if self.typed(node, cls):
            self.add(node, SG.sourceFiling, self.filing)
            if full is None:
                self.boolean(node, SG.nameMissing, True)
        if full is not None:
            self.text(node, SG.name, full)
        if cik:
            self.text(node, SG.cik, iris.cik_key(cik))
        if name is not None and cls != SG.Organization:
            self.text(node, SG.firstName, name.first)
            self.text(node, SG.middleName, name.middle)
            self.text(node, SG.lastName, name.last)
            self.text(node, SG.nameSuffix, name.suffix)
        return node

    def known_entity(self, name: str) -> ox.NamedNode | None:
        """The entity this filing already names ``name``: the same words in any order
        (``Robert A. Panora`` is ``PANORA ROBERT A``), the same company key, or the one person
        whose name agrees with it (``Roelof F. Botha`` is ``BOTHA ROELOF FREDERIK``)."""
        node = self._mentions.get(iris.mention_key(name))
        if node is None:
            node = self._mentions.get("company:" + iris.company_name_key(name))
        if node is None:
            agreeing = {n for full, n in self._people if names_agree(full, name)}
            node = agreeing.pop() if len(agreeing) == 1 else None
        return node

    def role(
        self,
        holder: ox.NamedNode,
        organization: ox.NamedNode,
        kind: ox.NamedNode,
        record: Record | None,
        *,
        title: str | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        as_of: dt.date | None = None,
        insider_since: dt.date | None = None,
    ) -> ox.NamedNode:
        """A ``sg:Role`` node ``<filing>/role/<n>`` (numbered in mapping order).

        Each date means one thing: ``start`` and ``end`` only as the filing states them,
        ``as_of`` the date the filing attests the role; ``insider_since`` (a Form 3's date of
        event) is an attested date too, stated as ``sg:insiderSince`` and ``sg:asOfDate``.
        """
        self._roles += 1
        node = self.iris.node("role", self._roles)
        self.add(node, RDF_TYPE, SG.Role)
        self.add(node, SG.holder, holder)
        self.add(node, SG.organization, organization)
        self.add(node, SG.roleKind, kind)
        self.text(node, SG.title, title)
        self.date(node, SG.startDate, start)
        self.date(node, SG.endDate, end)
        self.date(node, SG.asOfDate, insider_since or as_of)
        self.date(node, SG.insiderSince, insider_since)
        self.provenance(node, record)
        return node
