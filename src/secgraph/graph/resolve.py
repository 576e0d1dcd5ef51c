"""Entity resolution across filings: conservative, explained, recomputed whole.

Judgements in the manner of nomenklatura: every pair of entity nodes compared in a block gets
a ``sg:Judgement`` (positive, negative or unsure) with a score and one ``sg:evidence`` string
per reason. Only positive judgements merge; unsure pairs are linked by ``sg:candidateSameAs``
and left apart. Every entity node gets ``sg:canonical`` (its cluster's canonical node, itself
when unmerged) and each canonical node a ``sg:preferredName``.

The rules (what is compared and how) live in :mod:`secgraph.graph.judge` and the mentions
come from :mod:`secgraph.graph.mentions` (read from a store with SPARQL, or noted by the
mapper during a build); this module blocks them, merges under cannot-link constraints and
writes the resolution graph :data:`RESOLUTION_GRAPH`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import combinations

import pyoxigraph as ox

from secgraph.graph import iris
from secgraph.graph.finder import with_search_keys
from secgraph.graph.iris import RESOLUTION_GRAPH
from secgraph.graph.judge import (
    MAX_BLOCK,
    Context,
    Judgement,
    Mention,
    Verdict,
    compare_companies,
    compare_people,
    current_ticker,
    first_key,
    last_key,
    preferred_name,
)
from secgraph.graph.mentions import Select, read_mentions
from secgraph.graph.vocab import ID_NS, OWL_SAME_AS, RDF_TYPE, SG, XSD

__all__ = ["RESOLUTION_GRAPH", "Select", "resolution_quads", "resolve"]

XSD_DECIMAL = ox.NamedNode(XSD + "decimal")


def resolve(select: Select) -> list[ox.Quad]:
    """The whole resolution graph of a store, with the finder's search keys.

    ``select(query)`` runs a SPARQL SELECT over the union of the filing graphs and yields
    rows mapping variable names to terms (:func:`~secgraph.graph.mentions.read_mentions`).
    """
    mentions = read_mentions(select)
    return list(with_search_keys(resolution_quads(mentions), mentions))


def resolution_quads(mentions: Mapping[str, Mention]) -> Iterator[ox.Quad]:
    """The resolution graph of these mentions, one quad at a time: every pair has been judged
    when this returns, so the store may be written while the quads are drawn (the graph of
    10,000 filings is some 200k quads, too many to hold as Python objects). Sets each
    mention's ``organizations``."""
    organizations = [m for m in mentions.values() if m.kind in {"organization", "unknown"}]
    ciks_by_key: dict[str, set[str]] = defaultdict(set)
    for m in organizations:
        if m.cik:
            for key in m.company_keys():
                ciks_by_key[key].add(m.cik)
    ctx = Context(mentions, {k: frozenset(v) for k, v in ciks_by_key.items()})
    run = _Run(_Clusters(mentions), ctx)

    run.judge(_cik_pairs(mentions.values()), compare_companies)
    run.judge(_company_pairs(organizations), compare_companies)
    # People are compared knowing which organizations are now one.
    org_canonical = {m.iri: run.clusters.canonical(m.iri) for m in organizations}
    for m in mentions.values():
        m.organizations = frozenset(org_canonical.get(o, o) for o in m.affiliations)
    people = [m for m in mentions.values() if m.kind in {"person", "unknown"} and not m.missing]
    run.judge(_person_pairs(people), compare_people)
    return _quads(mentions, run.clusters, run.judgements)


# -- blocking --------------------------------------------------------------------------------


def _pairs_in(
    blocks: Mapping[str, list[Mention]],
    finer: Callable[[Mention, str], Iterable[str]] | None = None,
) -> Iterator[tuple[Mention, Mention]]:
    """The pairs to judge: every pair of a block; a block too large for that is split by
    ``finer`` (people: surname -> surname and first name), and a part still too large is
    compared star-wise to its best-identified member, so a signer of 500 filings costs 499
    judgements, not 124,750. Without ``finer`` a large block is a common word: skipped.

    Drawn lazily, block by block (the pairs of 10,000 filings are not held at once); a pair
    met again in another block is skipped by :class:`_Run`, which remembers what it judged."""
    for key in sorted(blocks):
        members = sorted(blocks[key], key=lambda m: _canonical_rank(m.iri))
        if len(members) <= MAX_BLOCK:
            yield from combinations(members, 2)
            continue
        if finer is None:
            continue
        parts: dict[str, list[Mention]] = defaultdict(list)
        for m in members:
            for sub in finer(m, key):
                parts[sub].append(m)
        for sub in sorted(parts):
            part = parts[sub]
            if len(part) <= MAX_BLOCK:
                yield from combinations(part, 2)
            else:
                yield from ((part[0], other) for other in part[1:])


def _cik_pairs(mentions: Iterable[Mention]) -> Iterator[tuple[Mention, Mention]]:
    blocks: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.cik:
            blocks[m.cik].append(m)
    return _pairs_in(blocks)


def _company_pairs(orgs: list[Mention]) -> Iterator[tuple[Mention, Mention]]:
    """Block on each company key and on its first word (to judge near names too)."""
    blocks: dict[str, list[Mention]] = defaultdict(list)
    for m in orgs:
        for key in m.company_keys():
            blocks["key:" + key].append(m)
            blocks["word:" + key.split(" ", 1)[0]].append(m)
    return _pairs_in({k: _unique(v) for k, v in blocks.items()})


def _person_pairs(people: list[Mention]) -> Iterator[tuple[Mention, Mention]]:
    """Block on each readable surname (SEC and natural order both tried)."""
    blocks: dict[str, list[Mention]] = defaultdict(list)
    for m in people:
        for last in m.surname_keys():
            blocks[last].append(m)
    return _pairs_in({k: _unique(v) for k, v in blocks.items()}, finer=_first_names)


def _first_names(m: Mention, surname: str) -> set[str]:
    return {first_key(r) for r in m.readings() if last_key(r) == surname}


def _unique(members: list[Mention]) -> list[Mention]:
    return list({m.iri: m for m in members}.values())


# -- merging ---------------------------------------------------------------------------------


class _Clusters:
    """Union-find whose merges respect cannot-links: a negative judgement between any two
    members, or two different CIKs, keeps clusters apart."""

    def __init__(self, mentions: Mapping[str, Mention]) -> None:
        self.parent = {iri: iri for iri in mentions}
        self.members = {iri: {iri} for iri in mentions}
        self.ciks = {iri: {m.cik} if m.cik else set() for iri, m in mentions.items()}
        self.apart: dict[str, set[str]] = defaultdict(set)

    def find(self, iri: str) -> str:
        root = iri
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[iri] != root:
            self.parent[iri], iri = root, self.parent[iri]
        return root

    def keep_apart(self, a: str, b: str) -> None:
        self.apart[a].add(b)
        self.apart[b].add(a)

    def conflict(self, a: str, b: str) -> str | None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return None
        if len(self.ciks[ra] | self.ciks[rb]) > 1:
            return "the merged entity would have two CIKs"
        for member in self.members[ra]:
            if self.apart[member] & self.members[rb]:
                return "a negative judgement separates the two clusters"
        return None

    def merge(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        self.ciks[ra] |= self.ciks.pop(rb)

    def canonical(self, iri: str) -> str:
        return min(self.members[self.find(iri)], key=_canonical_rank)


def _canonical_rank(iri: str) -> tuple[int, str]:
    """The CIK node when there is one (a company's before an owner's), then the name-keyed
    company node, then the lowest IRI: deterministic whatever the order of the input."""
    for rank, part in enumerate(("company/cik/", "entity/cik/", "company/name/")):
        if iri.startswith(ID_NS + part):
            return rank, iri
    return 3, iri


class _Run:
    """Judges pairs once each, in a fixed order, and merges the positive ones."""

    def __init__(self, clusters: _Clusters, ctx: Context) -> None:
        self.clusters = clusters
        self.ctx = ctx
        self.judgements: list[Judgement] = []
        self.judged: set[tuple[str, str]] = set()

    def judge(
        self,
        pairs: Iterable[tuple[Mention, Mention]],
        compare: Callable[[Mention, Mention, Context], Judgement],
    ) -> None:
        for a, b in pairs:
            key = (a.iri, b.iri) if a.iri <= b.iri else (b.iri, a.iri)
            if key in self.judged:
                continue
            self.judged.add(key)
            judgement = compare(a, b, self.ctx)
            if judgement.verdict is Verdict.NEGATIVE:
                self.clusters.keep_apart(a.iri, b.iri)
            elif judgement.verdict is Verdict.POSITIVE:
                reason = self.clusters.conflict(a.iri, b.iri)
                if reason is None:
                    self.clusters.merge(a.iri, b.iri)
                else:
                    judgement = judgement.downgraded(f"not merged: {reason}")
            self.judgements.append(judgement)


# -- writing ---------------------------------------------------------------------------------


def _quads(
    mentions: Mapping[str, Mention], clusters: _Clusters, judgements: list[Judgement]
) -> Iterator[ox.Quad]:
    g = RESOLUTION_GRAPH
    for root in sorted({clusters.find(iri) for iri in mentions}):
        members = sorted(clusters.members[root])
        canonical = min(members, key=_canonical_rank)
        c = ox.NamedNode(canonical)
        for member in members:
            yield ox.Quad(ox.NamedNode(member), SG.canonical, c, g)
        name = preferred_name([mentions[m] for m in members], mentions[canonical])
        if name is not None:
            yield ox.Quad(c, SG.preferredName, ox.Literal(name), g)
        ticker = current_ticker([mentions[m] for m in members])
        if ticker is not None:
            yield ox.Quad(c, SG.currentTicker, ox.Literal(ticker), g)
    judgements.sort(key=lambda j: (j.left, j.right))
    for j in judgements:
        left, right = ox.NamedNode(j.left), ox.NamedNode(j.right)
        node = iris.judgement_iri(left, right)
        yield ox.Quad(node, RDF_TYPE, SG.Judgement, g)
        yield ox.Quad(node, SG.left, left, g)
        yield ox.Quad(node, SG.right, right, g)
        yield ox.Quad(node, SG.verdict, ox.Literal(j.verdict.value), g)
        yield ox.Quad(node, SG.score, ox.Literal(f"{j.score:.3f}", datatype=XSD_DECIMAL), g)
        for evidence in j.evidence:
            yield ox.Quad(node, SG.evidence, ox.Literal(evidence), g)
        if j.verdict is Verdict.POSITIVE:
            yield ox.Quad(left, OWL_SAME_AS, right, g)
        elif j.verdict is Verdict.UNSURE:
            yield ox.Quad(left, SG.candidateSameAs, right, g)
