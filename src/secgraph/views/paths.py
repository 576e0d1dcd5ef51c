"""Shortest chains of relationships between two entities, each hop told in words.

The search runs on the collapsed projection without filing nodes: a role, transaction or
holding that links a holder to an organization is one hop ("officer of"), an agreement is a
node between its parties ("party to" the JVA, "party" Tedom a.s.). Edges are followed in
either direction and read backwards when walked backwards ("has officer", "party to").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import islice, pairwise
from typing import Any

import networkx as nx

from secgraph.errors import ViewError
from secgraph.graph.vocab import SG
from secgraph.views.limits import PATH_BUDGET, PATH_MAX_HOPS
from secgraph.views.neighbourhood import Walker, as_store, entities_named, project_chains
from secgraph.views.property_graph import project
from secgraph.views.schema import Group, local_name
from secgraph.views.scope import match_entities
from secgraph.views.store_reader import StoreReader

_ROLE = local_name(SG.Role.value)


@dataclass(frozen=True)
class Hop:
    source: str
    target: str
    phrase: str  # "officer of", "party to"
    details: tuple[str, ...]  # "COO and President", "since 2013-10-01", "filing ..."
    alternatives: int  # other relationships between the same two nodes

    backward: bool = False  # walked against an edge whose label has no inverse wording

    def text(self) -> str:
        inner = "; ".join(self.details)
        more = f"; and {self.alternatives} more" if self.alternatives else ""
        return f"{self.phrase} ({inner}{more})" if inner or more else self.phrase


@dataclass(frozen=True)
class Chain:
    nodes: tuple[str, ...]
    labels: tuple[str, ...]
    hops: tuple[Hop, ...]

    def text(self) -> str:
        text = self.labels[0]
        for hop, label in zip(self.hops, self.labels[1:], strict=True):
            arrow = "<-" if hop.backward else "->"
            text += f" {arrow} {hop.text()} {arrow} {label}"
        return text


def _ends(g: nx.MultiDiGraph, name: str) -> list[str]:
    """Entities named like ``name``; exact names (ignoring case) win over substrings."""
    found = match_entities(g, name)
    if not found:
        raise ViewError(f"no entity named like {name!r}")
    wanted = name.casefold().strip()
    exact = [
        n
        for n in found
        if any(x.casefold() == wanted for x in [g.nodes[n]["label"], *g.nodes[n]["names"]])
    ]
    return exact or found


def _filing_ref(g: nx.MultiDiGraph, iri: str) -> str:
    info = g.graph.get("filings", {}).get(iri)
    return "filing " + (info["label"] if info else iri)


def _details(g: nx.MultiDiGraph, data: dict[str, Any]) -> tuple[str, ...]:
    out: list[str] = []
    for attr in ("title", "securityTitle", "security"):
        if data.get(attr):
            out.append(str(data[attr]))
    if data.get("shares"):
        out.append(f"{data['shares']} shares")
    if data.get("pricePerShare"):
        out.append(f"at {data['pricePerShare']}")
    # "since" only for a stated start; a date that attests a role (a Form 3's date of event,
    # a Form 4's period) is "as of".
    for attr, word in (("startDate", "since"), ("endDate", "until"), ("transactionDate", "on")):
        if data.get(attr):
            out.append(f"{word} {data[attr]}")
    if data.get("asOfDate") and not data.get("startDate"):
        out.append(f"as of {data['asOfDate']}")
    out += [_filing_ref(g, f) for f in data.get("filings", ())]
    return tuple(out)


def _rank(data: dict[str, Any]) -> tuple[int, str]:
    """Which of several parallel relationships tells a hop best: roles, then the links of
    agreements and other records, then transactions and holdings."""
    if data.get("kind") == _ROLE:
        rank = 0
    elif "record" not in data:
        rank = 1
    else:
        rank = 2
    # The earliest first: a stated start, else the date the filing attests the relationship.
    when = data.get("start") or data.get("asOfDate") or ""
    return rank, str(when) + str(data.get("label", ""))


def _hop(g: nx.MultiDiGraph, u: str, v: str) -> Hop:
    candidates: list[tuple[tuple[int, str], bool, dict[str, Any]]] = []
    for data in (g.get_edge_data(u, v) or {}).values():
        candidates.append((_rank(data), True, data))
    for data in (g.get_edge_data(v, u) or {}).values():
        candidates.append((_rank(data), False, data))
    candidates.sort(key=lambda c: (c[0], not c[1]))
    _, forward, data = candidates[0]
    phrase = data["label"] if forward else data["inverse"]
    backward = not phrase
    return Hop(u, v, phrase or data["label"], _details(g, data), len(candidates) - 1, backward)


def path_graph(source: Any) -> nx.MultiDiGraph:
    """The projection paths walk: records collapsed, filings left out (they are provenance,
    told in each hop, not relationships between the parties)."""
    g = project(source, collapse=True)
    g.remove_nodes_from([n for n, d in g.nodes(data=True) if d["group"] == Group.DOCUMENT.value])
    return g


@dataclass(frozen=True)
class Paths:
    """The chains found, and whether the search was bounded before it could tell more."""

    chains: list[Chain]
    cut: str | None = None  # why the search stopped early ("--max-hops", "--budget")

    def notice(self) -> str | None:
        return self.cut


MAX_HOPS = PATH_MAX_HOPS


def find_paths(
    source: Any,
    a: str,
    b: str,
    *,
    limit: int = 5,
    max_hops: int = MAX_HOPS,
    budget: int = PATH_BUDGET,
) -> list[Chain]:
    """Up to ``limit`` shortest chains from an entity named like ``a`` to one named like
    ``b`` (sorted by their text). Raises :class:`ViewError` when a name matches nothing;
    returns ``[]`` when they are not connected (within ``max_hops``)."""
    return search_paths(source, a, b, limit=limit, max_hops=max_hops, budget=budget).chains


def search_paths(
    source: Any,
    a: str,
    b: str,
    *,
    limit: int = 5,
    max_hops: int = MAX_HOPS,
    budget: int = PATH_BUDGET,
) -> Paths:
    """:func:`find_paths`, saying when ``max_hops`` or ``budget`` stopped the search.

    A store is searched from both ends at once through quad-pattern lookups
    (:mod:`.neighbourhood`); only the entities on the shortest chains are projected. A
    projection (``networkx`` graph) is searched as it is."""
    if isinstance(source, nx.MultiDiGraph):
        return Paths(_chains(source, _ends(source, a), _ends(source, b), limit))
    reader = StoreReader(as_store(source))
    starts, ends = _named_ends(reader, a), _named_ends(reader, b)
    common = starts & ends
    if common:  # a chain joins two different entities
        if ends - common:
            ends -= common
        elif starts - common:
            starts -= common
        else:
            return Paths([])
    walker = Walker(reader, collapse=True, documents=False)
    on_paths, pairs, cut = _meet(walker, starts, ends, max_hops, budget)
    if not on_paths:
        return Paths([], cut)
    g = project_chains(walker, on_paths, pairs)
    return Paths(_chains(g, sorted(starts & on_paths), sorted(ends & on_paths), limit), cut)


def _named_ends(reader: StoreReader, name: str) -> set[str]:
    """The entities ``name`` denotes (the finder's best matches)."""
    return {n.node for n in entities_named(reader, name)}


def _meet(
    walker: Walker, starts: set[str], ends: set[str], max_hops: int, budget: int
) -> tuple[set[str], set[tuple[str, str]], str | None]:
    """The nodes on the shortest chains between the two sets, and the pairs of them that
    are neighbours on a chain (the first of each pair expanded), by a breadth-first search
    from both sides, one whole level at a time (the smaller side first). When the sides
    first share nodes after levels ``a`` and ``b``, every shortest chain has ``a + b`` hops
    and passes through one of them; the nodes where they meet are not expanded."""
    dist = [dict.fromkeys(starts, 0), dict.fromkeys(ends, 0)]
    parents: list[dict[str, set[str]]] = [defaultdict(set), defaultdict(set)]
    frontier = [sorted(starts), sorted(ends)]
    level = [0, 0]
    meeting: set[str] = set()
    while not meeting:
        if not frontier[0] or not frontier[1]:
            return set(), set(), None  # one side has nothing left: not connected
        if level[0] + level[1] >= max_hops:
            return set(), set(), f"no chain within {max_hops} hops (--max-hops)"
        side = 0 if len(frontier[0]) <= len(frontier[1]) else 1
        seen, up = dist[side], parents[side]
        following: list[str] = []
        walker.expand(frontier[side])
        for node in frontier[side]:
            for other in sorted(walker.neighbours(node)):
                if other not in seen:
                    if len(dist[0]) + len(dist[1]) >= budget:
                        return set(), set(), f"stopped after visiting {budget} entities (--budget)"
                    seen[other] = level[side] + 1
                    following.append(other)
                if seen[other] == level[side] + 1:
                    up[other].add(node)
        frontier[side] = following
        level[side] += 1
        meeting = {n for n in following if n in dist[1 - side]}
    on_paths = set(meeting)
    pairs: set[tuple[str, str]] = set()
    for side in (0, 1):  # the two sides' ancestors never overlap (they would have met)
        todo = list(meeting)
        while todo:
            child = todo.pop()
            for parent in parents[side].get(child, ()):
                pairs.add((parent, child))
                if parent not in on_paths:
                    on_paths.add(parent)
                    todo.append(parent)
    return on_paths, pairs, None


def _chains(g: nx.MultiDiGraph, starts: list[str], ends: list[str], limit: int) -> list[Chain]:
    """Up to ``limit`` shortest chains between the two lists of nodes of ``g``."""
    undirected = nx.Graph(g.to_undirected(as_view=True))
    best: list[list[str]] = []
    best_len: int | None = None
    for s in starts:
        for t in ends:
            if s == t:
                continue
            try:
                length = nx.shortest_path_length(undirected, s, t)
            except nx.NetworkXNoPath:
                continue
            if best_len is not None and length > best_len:
                continue
            found = list(islice(nx.all_shortest_paths(undirected, s, t), limit * 4))
            best = found if best_len is None or length < best_len else best + found
            best_len = length
    chains = []
    for nodes in best:
        hops = tuple(_hop(g, u, v) for u, v in pairwise(nodes))
        labels = tuple(g.nodes[n]["label"] for n in nodes)
        chains.append(Chain(tuple(nodes), labels, hops))
    chains.sort(key=lambda c: c.text())
    return chains[:limit]
