"""The summary graph: listing order and per-entity counts, precomputed at build time.

A listing (a named query with no parameter: every company, every role...) is sorted by the
name of an entity first, or by a filing's date. Sorting the whole answer to show its first
100 rows costs the whole store; so :data:`SUMMARY_GRAPH` keeps, rebuilt whole after each
build (from the resolution graph, like the positions graph):

* ``sg:sortRank``: each canonical entity's place in the order of its preferred name (case
  folded as SPARQL's ``LCASE``, unnamed entities first as SPARQL's ``ORDER BY`` puts an
  unbound value, then the node's IRI), and each filing's place in the order of its date
  (period of report, else signature date, else filing date; then its IRI);
* ``sg:listedIn``: the block of :data:`BLOCK` consecutive ranks it falls in
  (``id/list/entities/0``, ``id/list/filings/3``...): a listing's page is read from its
  blocks through the store's (predicate, object) index, at the cost of the page;
* the listings of entities with some kind of record (:data:`SUBLISTS`: the issuers of
  insider transactions, the issuers of Form D offerings, the holders of holdings) in the
  same order, each with its
  own blocks: their listings skip the entities that would add no row;
* ``sg:filingCount``: how many filings mention an entity (any node of its cluster), the
  aggregate the ``companies`` listing and the dossier show; and how many roles it holds,
  roles are held at it, holdings, transactions it reports and transactions in its securities
  (:data:`COUNTS`: ``sg:roleCount``...), what the ``counts`` query reads.

The named queries order by ``sg:sortRank`` first (falling back to the name when a store has
no summary), and :func:`secgraph.graph.queries.run_named` pages them block by block.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

import pyoxigraph as ox

from secgraph.graph.iris import SUMMARY_GRAPH, block_iri
from secgraph.graph.vocab import SG, SG_NS, XSD

if TYPE_CHECKING:  # the query side imports block_iri, never the models
    from secgraph.graph.mentions import Row, Select

__all__ = ["BLOCK", "LISTS", "SUMMARY_GRAPH", "block_iri", "summary_quads"]

#: Ranks per block: a page of a listing reads one or a few blocks (a block's rows are sorted
#: whole: a company has tens of roles, so small blocks).
BLOCK = 8
#: The listings that have a precomputed order: every resolved entity, the organizations
#: (entities some filing types sg:Company or sg:Organization: the companies and the
#: organizations roles are held at), the issuers (organizations of an insider transaction),
#: the holders (of a holding),
#: the offerers (issuers of a Form D offering), the filings.
LISTS = ("entities", "organizations", "issuers", "offerers", "holders", "filings")

_PREFIX = f"PREFIX sg: <{SG_NS}>\n"
_INTEGER = ox.NamedNode(XSD + "integer")

_ENTITIES = (
    _PREFIX
    + """SELECT ?entity ?name (COUNT(DISTINCT ?filing) AS ?filings)
       (MAX(?typed) AS ?organization) WHERE {
  ?node sg:canonical ?entity .
  OPTIONAL { ?node sg:sourceFiling ?filing }
  OPTIONAL { ?entity sg:preferredName ?name }
  OPTIONAL { ?node a ?type . VALUES ?type { sg:Company sg:Organization } }
  BIND(BOUND(?type) AS ?typed)
}
GROUP BY ?entity ?name"""
)
# The entities a record of one of ``classes`` names by ``link``: a listing of them skips the
# entities that would add no row (a company of no transaction costs its query all the same,
# and the companies first in name order are often such: "1685 Broadway REIT, L.L.C.").
_HAVING = (
    _PREFIX
    + """SELECT DISTINCT ?entity WHERE {{
  GRAPH ?g {{ ?record sg:{link} ?node ; a ?class }}
  FILTER(?class IN ({classes}))
  ?node sg:canonical ?entity .
}}"""
)
#: The listings of entities that have some kind of record: listing -> (link, record classes).
SUBLISTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "issuers": ("organization", ("NonDerivativeTransaction", "DerivativeTransaction")),
    "offerers": ("organization", ("Offering",)),
    "holders": ("holder", ("NonDerivativeHolding", "DerivativeHolding")),
}
# How many records of a class name an entity by a link (any node of its cluster): the
# ``counts`` query reads these instead of counting an entity's records (a company's 152
# roles cost 5 ms to count, and a listing of counts binds dozens of entities).
_COUNT = (
    _PREFIX
    + """SELECT ?entity (COUNT(DISTINCT ?record) AS ?n) WHERE {{
  GRAPH ?g {{ ?record sg:{link} ?node ; a sg:{record_class} }}
  ?node sg:canonical ?entity .
}}
GROUP BY ?entity"""
)
#: count property -> (link, record class), the record kinds of ``counts.rq``.
COUNTS: dict[str, tuple[str, str]] = {
    "roleCount": ("holder", "Role"),
    "roleAtCount": ("organization", "Role"),
    "holdingCount": ("holder", "Holding"),
    "transactionCount": ("holder", "Transaction"),
    "issuerTransactionCount": ("organization", "Transaction"),
}
# The date the filings listing shows (filings.rq): period, else signature, else filing date.
_FILINGS = (
    _PREFIX
    + """SELECT ?filing (MIN(?day) AS ?date) WHERE {
  ?filing a sg:Filing ; sg:sha256 ?sha .
  OPTIONAL { ?filing sg:periodDate ?period }
  OPTIONAL { ?filing sg:signatureDate ?signed }
  OPTIONAL { ?filing sg:filedDate ?filed }
  BIND(STR(COALESCE(?period, ?signed, ?filed)) AS ?day)
}
GROUP BY ?filing"""
)


def _text(row: Row, key: str) -> str | None:
    term = row.get(key)
    return term.value if isinstance(term, ox.Literal) else None


Key = tuple[bool, str, str]


def _ranked(
    listing: str,
    keyed: Iterable[tuple[Key, ox.NamedNode]],
    sublists: Mapping[str, set[str]] | None = None,
) -> Iterator[ox.Quad]:
    """Ranks and blocks of ``listing``, and blocks of each listing of ``sublists`` for the
    nodes it holds, in the same order."""
    within = dict.fromkeys(sublists or (), 0)
    for rank, (_, node) in enumerate(sorted(keyed, key=lambda pair: pair[0])):
        yield ox.Quad(node, SG.sortRank, ox.Literal(str(rank), datatype=_INTEGER), SUMMARY_GRAPH)
        yield ox.Quad(node, SG.listedIn, block_iri(listing, rank // BLOCK), SUMMARY_GRAPH)
        for sublist, members in (sublists or {}).items():
            if node.value in members:
                yield ox.Quad(
                    node, SG.listedIn, block_iri(sublist, within[sublist] // BLOCK), SUMMARY_GRAPH
                )
                within[sublist] += 1


def _having(select: Select, link: str, classes: tuple[str, ...]) -> set[str]:
    """The entities a record of one of ``classes`` names by ``link`` (see :data:`SUBLISTS`)."""
    query = _HAVING.format(link=link, classes=", ".join(f"sg:{c}" for c in classes))
    return {row["entity"].value for row in select(query) if isinstance(row["entity"], ox.NamedNode)}


def summary_quads(select: Select) -> Iterator[ox.Quad]:
    """The summary graph's quads, from a store holding the resolution graph."""
    entities: list[tuple[Key, ox.NamedNode]] = []
    counts: list[ox.Quad] = []
    seen: set[str] = set()
    organizations: set[str] = set()
    for row in select(_ENTITIES):
        entity = row["entity"]
        if not isinstance(entity, ox.NamedNode) or entity.value in seen:
            continue  # two preferred names would be a resolution bug: rank the entity once
        seen.add(entity.value)
        if _text(row, "organization") == "true":
            organizations.add(entity.value)
        name = _text(row, "name")
        # SPARQL's ORDER BY LCASE(?name) ?entity: unbound first, then by the folded name
        entities.append(((name is not None, (name or "").lower(), entity.value), entity))
        count = row.get("filings")
        if isinstance(count, ox.Literal) and count.value != "0":
            counts.append(ox.Quad(entity, SG.filingCount, count, SUMMARY_GRAPH))
    sublists = {"organizations": organizations}
    sublists.update((name, _having(select, *how)) for name, how in SUBLISTS.items())
    yield from _ranked("entities", entities, sublists)
    del entities, seen, organizations, sublists
    yield from counts
    del counts
    for prop, (link, record_class) in COUNTS.items():
        query = _COUNT.format(link=link, record_class=record_class)
        for row in select(query):
            entity, n = row["entity"], row["n"]
            if isinstance(entity, ox.NamedNode) and isinstance(n, ox.Literal) and n.value != "0":
                yield ox.Quad(entity, getattr(SG, prop), n, SUMMARY_GRAPH)
    filings: list[tuple[Key, ox.NamedNode]] = []
    for row in select(_FILINGS):
        filing = row["filing"]
        if isinstance(filing, ox.NamedNode):
            date = _text(row, "date")
            filings.append(((date is not None, date or "", filing.value), filing))
    yield from _ranked("filings", filings)
