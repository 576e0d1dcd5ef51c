"""Bounded neighbourhoods read from the store equal the same part of the whole projection.

``export --around`` and ``path`` walk the store breadth-first from the entity instead of
projecting every quad into networkx. The traps: an edge to a node outside the walk shown as an
attribute, a record wrongly drawn as one edge (collapse) because not all its links were read,
a hop counted differently from the view's, a node's filings or names cut short, a budget that
cuts silently. Expected values come from the whole projection (``project`` + ``apply_scope``,
``find_paths`` on ``path_graph``), the code these replace, on the real corpus.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from secgraph.build import build
from secgraph.cli import app
from secgraph.graph.vocab import SG
from secgraph.store import GraphStore, open_store
from secgraph.views.export_rdf import scoped_quads, sort_key
from secgraph.views.neighbourhood import Walker, around, statements_about
from secgraph.views.paths import find_paths, path_graph, search_paths
from secgraph.views.property_graph import project
from secgraph.views.schema import view_schema
from secgraph.views.scope import Scope, apply_scope, kept_resources
from secgraph.views.store_reader import STRUCTURAL, StoreReader, walk_properties

CORPUS = Path(__file__).parent / "corpus"
NAMES = ("Tesla", "JETBLUE", "Rabois", "xoom", "BERKSHIRE")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    target = tmp_path_factory.mktemp("corpus") / "store"
    build([CORPUS], target, jobs=1)
    yield target


@pytest.fixture(scope="module")
def store(built: Path) -> Iterator[GraphStore]:
    with open_store(built) as opened:
        yield opened


@pytest.fixture(scope="module")
def paths_view(store: GraphStore) -> nx.MultiDiGraph:
    return path_graph(store)


@pytest.fixture(scope="module")
def pairs(paths_view: nx.MultiDiGraph) -> list[tuple[str, str]]:
    return _pairs(paths_view)


def _canonical(g: nx.MultiDiGraph) -> tuple[list[Any], list[Any]]:
    nodes = sorted((n, sorted(d.items())) for n, d in g.nodes(data=True))
    edges = sorted((u, v, k, sorted(d.items())) for u, v, k, d in g.edges(keys=True, data=True))
    return nodes, edges


@pytest.mark.parametrize("collapse", [False, True])
def test_around_equals_the_scoped_whole_projection(store: GraphStore, collapse: bool) -> None:
    """Trap: the part drawn from the walk differs from the part cut from the whole graph
    (attributes, filings, edges, collapsed records, hop counts)."""
    whole = project(store, collapse=collapse)
    compared = 0
    for name, depth in itertools.product(NAMES, (0, 1, 2)):
        expected = apply_scope(whole, Scope(around=name, depth=depth))
        part = around(store, name, depth, collapse=collapse, budget=10**6)
        assert not part.cut
        assert _canonical(part.graph) == _canonical(expected), (name, depth)
        compared += expected.number_of_nodes()
    assert compared > 100  # the names reach real neighbourhoods, not single nodes


def test_around_rdf_statements_equal_the_scoped_whole_store(store: GraphStore) -> None:
    """Trap: the RDF of a neighbourhood misses the values its nodes describe (addresses,
    footnotes) or follows into nodes outside it."""
    for name in NAMES[:2]:
        expected = scoped_quads(store, Scope(around=name, depth=1))
        part = around(store, name, 1, budget=10**6)
        got = sorted(statements_about(part.reader, kept_resources(part.graph)), key=sort_key)
        assert [str(q) for q in got] == [str(q) for q in expected], name


def test_the_budget_cut_is_said(store: GraphStore) -> None:
    """Trap: a budget that silently returns part of a neighbourhood as if it were whole."""
    full = around(store, "Tesla", 2, budget=10**6)
    assert full.notice() is None
    cut = around(store, "Tesla", 2, budget=5)
    assert cut.cut
    assert cut.graph.number_of_nodes() <= 5
    assert "cut at 5 nodes" in (cut.notice() or "")


def _pairs(g: nx.MultiDiGraph) -> list[tuple[str, str]]:
    """Entity pairs at 1 to 4 hops, a few of each length, by label (deterministic)."""
    undirected = nx.Graph(g.to_undirected(as_view=True))
    labels = {n: d["label"] for n, d in g.nodes(data=True) if d["group"] == "entity"}
    unique = {label for label in labels.values() if list(labels.values()).count(label) == 1}
    by_length: dict[int, list[tuple[str, str]]] = {}
    for source in sorted(labels, key=labels.__getitem__):
        if labels[source] not in unique:
            continue
        reach = nx.single_source_shortest_path_length(undirected, source, cutoff=4)
        for target, length in sorted(reach.items()):
            if length and target in labels and labels[target] in unique:
                by_length.setdefault(length, []).append((labels[source], labels[target]))
    return [pair for length in sorted(by_length) for pair in by_length[length][::7][:6]]


def test_paths_through_the_store_equal_paths_on_the_whole_projection(
    store: GraphStore, paths_view: nx.MultiDiGraph, pairs: list[tuple[str, str]]
) -> None:
    """Trap: the two-sided search misses a shortest chain (the sides met through a node
    one side had not reached at that level) or tells a hop differently."""
    assert len(pairs) >= 12
    for a, b in pairs:
        expected = [c.text() for c in find_paths(paths_view, a, b)]
        assert expected
        assert [c.text() for c in find_paths(store, a, b)] == expected, (a, b)


def test_a_search_stopped_by_max_hops_says_so(
    store: GraphStore, pairs: list[tuple[str, str]]
) -> None:
    """Trap: "no chain" printed when the search only stopped looking."""
    a, b = pairs[-1]
    assert search_paths(store, a, b).chains
    stopped = search_paths(store, a, b, max_hops=1)
    assert stopped.chains == []
    assert stopped.cut == "no chain within 1 hops (--max-hops)"


def test_the_cli_says_why_no_chain_was_found(built: Path, pairs: list[tuple[str, str]]) -> None:
    """Trap: the CLI drops the reason and prints a bare "no chain"."""
    a, b = pairs[-1]
    result = CliRunner().invoke(
        app, ["path", a, b, "--store", str(built), "--max-hops", "1"], prog_name="secgraph"
    )
    assert result.exit_code == 1
    assert "(no chain within 1 hops (--max-hops))" in result.output


def test_entity_names_read_as_counts_equal_the_projection(store: GraphStore) -> None:
    """Trap: a chain labels an entity by a name that is not the one the whole projection
    gives it, now that names are read as counts per graph instead of one quad per filing
    (the preferred name first, then the most printed, ties by name)."""
    whole = project(store)
    reader = StoreReader(store.raw)
    entities = [n for n, d in whole.nodes(data=True) if d["group"] == "entity"]
    assert len(entities) > 50
    several = 0
    for node in entities:
        assert reader.names(node) == whole.nodes[node]["names"], node
        several += len(whole.nodes[node]["names"]) > 1
    assert several > 5  # entities with more than one name, whose order matters


def test_no_node_is_reached_through_a_property_the_walk_skips(store: GraphStore) -> None:
    """Trap: the walk follows only properties whose declared range can hold a node; a node
    reached through another object property (an address, a security) would lose its edge."""
    schema = view_schema()
    walked = walk_properties(schema)
    assert {SG.holder.value, SG.organization.value, SG.party.value} <= walked
    assert not {SG.address.value, SG.security.value, SG.footnote.value} & walked
    skipped = schema.object_properties - walked - STRUCTURAL
    reader = StoreReader(store.raw)
    for prop in sorted(skipped):
        for quad in store.raw.quads_for_pattern(None, ox.NamedNode(prop), None, None):
            if isinstance(quad.object, ox.NamedNode | ox.BlankNode):
                assert reader.group(quad.object) is None, (prop, quad.object)


def test_a_chain_through_a_busy_entity_does_not_read_it_whole(
    store: GraphStore, pairs: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Trap: the entities a chain passes through (a hub with thousands of filings) read in
    full, every statement in every filing, only to print their names: the cost of a path
    would follow the hub, not the answer."""
    read: list[str] = []
    statements = StoreReader.statements

    def spy(self: StoreReader, term: ox.NamedNode | ox.BlankNode) -> list[ox.Quad]:
        read.append(term.value)
        return statements(self, term)

    monkeypatch.setattr(StoreReader, "statements", spy)
    through = 0
    for a, b in pairs:
        read.clear()
        for chain in find_paths(store, a, b):
            inner = [n for n in chain.nodes[1:-1] if "/company/" in n or "/entity/" in n]
            through += len(inner)
            assert not set(inner) & set(read), (a, b, chain.text())
    assert through > 5


def test_collapsed_neighbours_counted_in_the_store_equal_the_projection(
    store: GraphStore, paths_view: nx.MultiDiGraph
) -> None:
    """Trap: the walk of ``path`` counts the plain records between two entities in the
    store (one row per pair, not per record); a record that is not plain (an agreement with
    its parties, a record something links to, one with a third link) counted as one edge, or
    a plain one missed, would give another hop than the whole projection's."""
    walker = Walker(StoreReader(store.raw), collapse=True, documents=False)
    nodes = sorted(paths_view)
    walker.expand(nodes)
    records = 0
    for node in nodes:
        expected = set(nx.all_neighbors(paths_view, node))
        assert walker.neighbours(node) == expected, node
        records += paths_view.nodes[node]["group"] == "record"
    assert records > 5  # records drawn as nodes (not plain): agreements and the like


def test_records_that_are_blank_nodes_collapse_as_the_projection_does() -> None:
    """Trap: blank nodes cannot be written into a query, so a walk that asks the store which
    records are plain must read a blank record's links itself: a blank role between one
    person and one company is one edge, a blank role with two holders stays a node."""
    g = "https://example.org/graph/1"
    ex = "https://example.org/id/"
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    graph = ox.NamedNode(g)
    ann, bob, acme = (ox.NamedNode(ex + n) for n in ("ann", "bob", "acme"))
    plain, shared = ox.BlankNode("plainrole"), ox.BlankNode("sharedrole")
    triples = [
        (ann, rdf_type, SG.Person),
        (bob, rdf_type, SG.Person),
        (acme, rdf_type, SG.Company),
        (ann, SG.name, ox.Literal("Ann Example")),
        (bob, SG.name, ox.Literal("Bob Example")),
        (acme, SG.name, ox.Literal("Acme Example Inc")),
        (plain, rdf_type, SG.Role),
        (plain, SG.holder, ann),
        (plain, SG.organization, acme),
        (shared, rdf_type, SG.Role),
        (shared, SG.holder, ann),
        (shared, SG.holder, bob),
        (shared, SG.organization, acme),
    ]
    store = ox.Store()
    store.extend(ox.Quad(s, p, o, graph) for s, p, o in triples)
    whole = project(store, collapse=True)
    part = around(store, "Acme Example", 2, collapse=True, budget=10**6)
    expected = apply_scope(whole, Scope(around="Acme Example", depth=2))
    assert _canonical(part.graph) == _canonical(expected)
    assert set(part.graph.nodes) == {"_:sharedrole", ann.value, bob.value, acme.value}
    assert set(part.graph.edges(ann.value, keys=True)) == {(ann.value, acme.value, "_:plainrole")}


def test_records_between_two_ends_are_found_from_the_shorter_side() -> None:
    """Trap: the records of one end only (a person's record at another company, a company's
    record of another person) taken as records between the two; a record whose holder and
    organization are the two the other way round, or blank nodes, missed."""
    data = ox.Store()
    person, company, other = (ox.NamedNode(f"urn:x:{n}") for n in ("person", "company", "other"))
    anonymous = ox.BlankNode("anon")
    graph = ox.NamedNode("urn:x:filing")

    def record(name: str, holder: ox.NamedNode | ox.BlankNode, org: ox.NamedNode) -> ox.NamedNode:
        node = ox.NamedNode(f"urn:x:{name}")
        data.add(ox.Quad(node, SG.holder, holder, graph))
        data.add(ox.Quad(node, SG.organization, org, graph))
        return node

    busy = [record(f"p{i}", person, other) for i in range(50)]  # the person's other records
    here = [record("r1", person, company), record("r2", person, company)]
    back = record("r3", company, person)  # the two ends the other way round
    record("c1", other, company)  # the company's record of someone else
    blank = record("b1", anonymous, company)
    reader = StoreReader(data)
    assert set(reader.records_between(person, company)) == {*here, back}
    assert set(reader.records_between(company, person)) == {*here, back}
    assert set(reader.records_between(person, other)) == set(busy)
    assert reader.records_between(anonymous, company) == [blank]
    assert set(reader.records_between(other, person)) == set(busy)
