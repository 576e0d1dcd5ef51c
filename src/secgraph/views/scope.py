"""Scoping a property graph: one entity's neighborhood, one filing, some kinds of nodes.

Every export shares these (``--around NAME --depth N``, ``--filing ID``, ``--types K,...``);
the RDF exports keep the statements about the nodes that survive (:func:`kept_resources`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from secgraph.errors import ViewError
from secgraph.views.schema import Group, view_schema


@dataclass(frozen=True)
class Scope:
    """What to keep. Empty fields keep everything."""

    around: str | None = None
    depth: int = 2
    filing: str | None = None
    types: tuple[str, ...] = ()

    @property
    def is_whole(self) -> bool:
        return self.around is None and self.filing is None and not self.types


def match_entities(g: nx.MultiDiGraph, name: str) -> list[str]:
    """Entity nodes one of whose names contains ``name``, ignoring case (sorted)."""
    needle = name.casefold().strip()
    if not needle:
        raise ViewError("an empty name matches nothing")
    found = []
    for node, data in g.nodes(data=True):
        if data["group"] != Group.ENTITY.value:
            continue
        names = [data["label"], *data.get("names", ())]
        if any(needle in n.casefold() for n in names):
            found.append(node)
    return sorted(found)


def match_filing(g: nx.MultiDiGraph, ref: str) -> str:
    """The filing node named by its IRI, accession number or source file (or its end)."""
    ref = ref.strip()
    hits: list[str] = []
    for node, data in g.nodes(data=True):
        if data["group"] != Group.DOCUMENT.value:
            continue
        keys = {node, data.get("accessionNumber"), data.get("sourceFile")}
        source = data.get("sourceFile")
        if ref in keys or (isinstance(source, str) and source.endswith("/" + ref)):
            hits.append(node)
    if not hits:
        raise ViewError(f"no filing {ref!r} in the graph (give an accession number or IRI)")
    if len(hits) > 1:
        raise ViewError(f"{ref!r} names {len(hits)} filings: {', '.join(sorted(hits))}")
    return hits[0]


def neighborhood(g: nx.MultiDiGraph, seeds: Iterable[str], depth: int) -> set[str]:
    """Nodes within ``depth`` hops of a seed, ignoring edge direction."""
    undirected = g.to_undirected(as_view=True)
    kept: set[str] = set()
    for seed in seeds:
        kept.update(nx.single_source_shortest_path_length(undirected, seed, cutoff=depth))
    return kept


def apply_scope(g: nx.MultiDiGraph, scope: Scope) -> nx.MultiDiGraph:
    """A copy of ``g`` cut to ``scope``: the filing first, then the neighborhood, then kinds."""
    if scope.is_whole:
        return g
    g = g.copy()
    if scope.filing is not None:
        filing = match_filing(g, scope.filing)
        drop_edges = [
            (u, v, k) for u, v, k, d in g.edges(keys=True, data=True) if filing not in d["filings"]
        ]
        g.remove_edges_from(drop_edges)
        records = {n for n, d in g.nodes(data=True) if filing in d["filings"]}
        linked = {v for n in records for v in nx.all_neighbors(g, n)}
        g.remove_nodes_from([n for n in list(g) if n not in records | linked])
    if scope.around is not None:
        if scope.depth < 0:
            raise ViewError("--depth must be 0 or more")
        seeds = match_entities(g, scope.around)
        if not seeds:
            raise ViewError(f"no entity named like {scope.around!r}")
        kept = neighborhood(g, seeds, scope.depth)
        g.remove_nodes_from([n for n in list(g) if n not in kept])
    if scope.types:
        schema = view_schema()
        wanted = {t.strip().casefold() for t in scope.types if t.strip()}
        known = set(schema.kind_names())
        classes = {c.name: c for c in schema.node_classes.values()}
        for name in wanted:
            if name not in known and not any(schema.matches(c, {name}) for c in classes.values()):
                raise ViewError(
                    f"unknown kind {name!r}: use one of {', '.join(schema.kind_names())}"
                )
        drop = [n for n, d in g.nodes(data=True) if not schema.matches(classes[d["kind"]], wanted)]
        g.remove_nodes_from(drop)
    return g


def kept_resources(g: nx.MultiDiGraph) -> set[str]:
    """IRIs whose statements a scoped RDF export keeps: every node, its merged members and
    the records collapsed into its edges."""
    kept: set[str] = set()
    for node, data in g.nodes(data=True):
        kept.add(node)
        kept.update(data.get("members", ()))
    for _, _, data in g.edges(data=True):
        if "record" in data:
            kept.add(data["record"])
    return kept
