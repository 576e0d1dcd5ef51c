"""Shortest chains of relationships between two entities, each hop told in words.

The search runs on the collapsed projection without filing nodes: a role, transaction or
holding that links a holder to an organization is one hop ("officer of"), an agreement is a
node between its parties ("party to" the JVA, "party" Tedom a.s.). Edges are followed in
either direction and read backwards when walked backwards ("has officer", "party to").
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice, pairwise
from typing import Any

import networkx as nx

from secgraph.errors import ViewError
from secgraph.graph.vocab import SG
from secgraph.views.property_graph import project
from secgraph.views.schema import Group, local_name
from secgraph.views.scope import match_entities

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


def find_paths(source: Any, a: str, b: str, *, limit: int = 5) -> list[Chain]:
    """Up to ``limit`` shortest chains from an entity named like ``a`` to one named like
    ``b`` (sorted by their text). Raises :class:`ViewError` when a name matches nothing;
    returns ``[]`` when they are not connected."""
    g = source if isinstance(source, nx.MultiDiGraph) else path_graph(source)
    starts, ends = _ends(g, a), _ends(g, b)
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
