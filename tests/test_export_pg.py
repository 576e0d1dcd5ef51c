"""The property-graph projection (ontology-driven, canonical merge, collapse, scopes) and its
exports (GraphML, GEXF, Cytoscape.js JSON, DOT, CSV) read back with the same nodes and edges."""

from __future__ import annotations

import csv
import io
import json
import warnings
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from secgraph.cli import app
from secgraph.errors import ViewError
from secgraph.graph.vocab import SG
from secgraph.store import staged_store
from secgraph.views.export_pg import (
    WRITERS,
    GraphExport,
    csv_paths,
    cytoscape_json,
    edge_id,
    write_csv,
)
from secgraph.views.property_graph import project
from secgraph.views.schema import Group, view_schema
from secgraph.views.scope import Scope, apply_scope

SAMPLE = Path(__file__).parent / "fixtures" / "views" / "sample.trig"
ID = "https://w3id.org/secgraph/id/"
PANORA = f"{ID}filing/sha256/f3/person/a-panora-robert"
TECOGEN = f"{ID}company/cik/0001537435"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    s.load(path=SAMPLE, format=ox.RdfFormat.TRIG)
    return s


@pytest.fixture(scope="module")
def graph(store: ox.Store) -> nx.MultiDiGraph:
    return project(store)


@pytest.fixture(scope="module")
def collapsed(store: ox.Store) -> nx.MultiDiGraph:
    return project(store, collapse=True)


def _write(g: nx.MultiDiGraph, fmt: GraphExport) -> bytes:
    buf = io.BytesIO()
    WRITERS[fmt](g, buf)
    return buf.getvalue()


def _edge_ids(g: nx.MultiDiGraph) -> set[str]:
    return {edge_id(u, v, k) for u, v, k in g.edges(keys=True)}


# -- the projection ------------------------------------------------------------------------


def test_node_kinds_come_from_the_ontology() -> None:
    schema = view_schema()
    groups = {c.name: c.group for c in schema.node_classes.values()}
    assert groups["Person"] is groups["Company"] is groups["Organization"] is Group.ENTITY
    # subclasses are read from rdfs:subClassOf, not listed in code
    assert groups["NonDerivativeTransaction"] is groups["DerivativeHolding"] is Group.RECORD
    assert groups["Filing"] is Group.DOCUMENT
    for value_class in ("Address", "Security", "Footnote", "RoleKind", "Judgement"):
        assert value_class not in groups
    assert schema.label(SG.TenPercentOwner.value) == "ten percent owner"


def test_members_merge_into_their_canonical_node(graph: nx.MultiDiGraph) -> None:
    panora = graph.nodes[PANORA]
    assert panora["label"] == "Robert A Panora"  # sg:preferredName of the resolution graph
    assert panora["names"] == ["Robert A Panora", "PANORA ROBERT A"]
    assert panora["members"] == [PANORA, f"{ID}filing/sha256/fd/person/a-panora-robert"]
    assert panora["filings"] == [f"{ID}filing/sha256/f3", f"{ID}filing/sha256/fd"]
    # the 8-K's "Tecogen Inc." (no CIK) is the same node as the Form 3/D issuer
    assert f"{ID}company/name/tecogen" not in graph
    assert graph.nodes[TECOGEN]["members"] == [TECOGEN, f"{ID}company/name/tecogen"]
    assert graph.nodes[TECOGEN]["ticker"] == "TGEN"
    kinds = sorted(d["kind"] for _, d in graph.nodes(data=True))
    assert kinds.count("Person") == 3 and kinds.count("Company") == 4
    assert graph.number_of_nodes() == 24


def test_values_become_attributes_in_words(graph: nx.MultiDiGraph) -> None:
    role = graph.nodes[f"{ID}filing/sha256/f3/role/0"]
    assert role["roleKind"] == "officer"  # rdfs:label of sg:Officer
    assert role["title"] == "COO and President"
    assert "start" not in role, "a Form 3's date of event is not a start"
    assert role["asOfDate"] == "2013-10-01"
    assert role["label"] == "officer: COO and President (as of 2013-10-01)"
    assert graph.nodes[PANORA]["address"] == "55 CLIFTON ST, CAMBRIDGE, MA, 02140"
    holding = graph.nodes[f"{ID}filing/sha256/f3/holding/nd/0"]
    assert holding["security"] == "Common Stock" and holding["shares"] == "163350"
    option = graph.nodes[f"{ID}filing/sha256/f3/holding/d/0"]
    assert option["annotation"].startswith("exercisable date: 1, The option becomes exercisable")
    assert option["exercisePrice"] == "2.6"


def test_edges_are_object_properties_between_nodes(graph: nx.MultiDiGraph) -> None:
    jva = f"{ID}filing/sha256/f8/agreement/jva"
    assert graph.has_edge(jva, TECOGEN, key="party")
    edge = graph.edges[jva, f"{ID}company/name/tedom", "party"]
    assert edge["label"] == "party" and edge["inverse"] == "party to"
    assert edge["filings"] == [f"{ID}filing/sha256/f8"]
    assert graph.edges[f"{ID}filing/sha256/fd/role/6", PANORA, "holder"]["label"] == "holder"
    # structure and provenance are never drawn as edges
    keys = {k for _, _, k in graph.edges(keys=True)}
    assert not keys & {"canonical", "sourceFiling", "security", "roleKind", "address"}


def test_collapse_turns_two_ended_records_into_edges(collapsed: nx.MultiDiGraph) -> None:
    role = f"{ID}filing/sha256/f3/role/0"
    assert role not in collapsed
    edge = collapsed.edges[PANORA, TECOGEN, role]
    assert edge["label"] == "officer of" and edge["inverse"] == "has officer"
    assert edge["title"] == "COO and President" and edge["record"] == role
    trust = f"{ID}entity/cik/0000777777"
    deal = collapsed.edges[
        trust, f"{ID}company/cik/0000999999", f"{ID}filing/0000999999-24-000001/transaction/d/0"
    ]
    assert deal["label"] == "derivative transaction in" and deal["pricePerShare"] == "1.25"
    # n-ary records stay nodes: agreements (parties), the offering (one end), the event
    for kept in (
        "filing/sha256/f8/agreement/jva",
        "filing/sha256/fd/offering",
        "filing/sha256/f8/agreement/jva/event/0",
    ):
        assert ID + kept in collapsed
    assert collapsed.number_of_nodes() == 17


def test_filing_scope(graph: nx.MultiDiGraph) -> None:
    g = apply_scope(graph, Scope(filing="0000999999-24-000001"))
    labels = sorted(d["label"] for _, d in g.nodes(data=True))
    assert labels == [
        "Form 4 0000999999-24-000001 (2024-03-05)",
        "Northwind Fuel Cells Corp.",
        "Ruiz Angela M",
        "Ruiz Family Trust",
        "Tedom a.s.",
        "agreement: supply agreement",
        "derivative transaction: Warrant (right to buy) (2024-03-05)",
        "director and ten percent owner",
    ]
    # Tedom's link to the JVA comes from the 8-K, not this filing
    assert all(f"{ID}filing/0000999999-24-000001" in d["filings"] for *_, d in g.edges(data=True))
    by_file = apply_scope(graph, Scope(filing="004_785308df89b108f5.txt"))
    assert f"{ID}filing/sha256/f8/agreement/jva" in by_file


def test_around_and_types_scopes(collapsed: nx.MultiDiGraph) -> None:
    near = apply_scope(collapsed, Scope(around="TEDOM USA", depth=1))
    assert sorted(d["label"] for _, d in near.nodes(data=True)) == [
        "Tedom USA Inc.",
        "Tedom a.s.",
        "agreement: LLC Agreement (2016-05-19)",
    ]
    people = apply_scope(collapsed, Scope(around="panora", depth=2, types=("person", "company")))
    assert {d["kind"] for _, d in people.nodes(data=True)} == {"Person", "Company"}
    assert people.has_edge(PANORA, TECOGEN)
    records = apply_scope(collapsed, Scope(types=("transaction",)))
    assert [d["kind"] for _, d in records.nodes(data=True)] == []  # collapsed into edges
    with pytest.raises(ViewError, match="unknown kind 'widget'"):
        apply_scope(collapsed, Scope(types=("widget",)))
    with pytest.raises(ViewError, match="no entity named like 'nobody'"):
        apply_scope(collapsed, Scope(around="nobody"))


# -- the file formats ------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["graph", "collapsed"])
def test_graphml_reads_back(which: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    g: nx.MultiDiGraph = request.getfixturevalue(which)
    path = tmp_path / "g.graphml"
    path.write_bytes(_write(g, GraphExport.GRAPHML))
    back = nx.read_graphml(path, force_multigraph=True)
    assert set(back.nodes) == set(g.nodes)
    assert {d["id"] for *_, d in back.edges(data=True)} == _edge_ids(g)
    assert {(u, v) for u, v in back.edges()} == {(u, v) for u, v in g.edges()}
    assert back.nodes[PANORA]["label"] == "Robert A Panora"
    assert back.nodes[PANORA]["names"] == "Robert A Panora | PANORA ROBERT A"


def test_gexf_reads_back_with_dates(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    data = _write(graph, GraphExport.GEXF)
    assert b"lastmodifieddate" not in data  # no timestamp in exports
    assert b'mode="dynamic"' in data and b'timeformat="date"' in data
    path = tmp_path / "g.gexf"
    path.write_bytes(data)
    back = nx.read_gexf(path)
    assert set(back.nodes) == set(graph.nodes)
    assert {d["id"] for *_, d in back.edges(data=True)} == _edge_ids(graph)
    tx = back.nodes[f"{ID}filing/0000999999-24-000001/transaction/d/0"]
    assert tx["start"] == "2024-03-05" and tx["kind"] == "DerivativeTransaction"
    role = back.nodes[f"{ID}filing/sha256/f3/role/0"]
    assert "start" not in role, "a role attested as of a date has no start in time"
    assert "start" not in back.nodes[PANORA]  # entities have no time span: always shown
    assert set(role["viz"]["color"]) >= {"r", "g", "b"}


def test_cytoscape_json_reads_back(collapsed: nx.MultiDiGraph) -> None:
    doc = json.loads(_write(collapsed, GraphExport.CYJS))
    assert doc == json.loads(json.dumps(cytoscape_json(collapsed)))
    back = nx.cytoscape_graph(doc)
    assert set(back.nodes) == set(collapsed.nodes)
    assert back.number_of_edges() == collapsed.number_of_edges() == 23
    first = doc["elements"]["edges"][0]["data"]
    assert {"id", "source", "target", "label"} <= set(first)


def test_dot_reads_back(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "g.dot"
    path.write_bytes(_write(graph, GraphExport.DOT))
    with warnings.catch_warnings():
        # pydot 4.0's parser still calls pyparsing 3.3's deprecated camelCase names
        warnings.filterwarnings("ignore", "'\\w+' deprecated", DeprecationWarning)
        back = nx.nx_pydot.read_dot(path)
    urls = {d["URL"].strip('"') for _, d in back.nodes(data=True) if "URL" in d}
    assert urls == set(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()
    labels = {d["label"].strip('"') for *_, d in back.edges(data=True)}
    assert {"party", "holder", "filing subject", "signed by"} <= labels


def test_csv_node_and_edge_lists(collapsed: nx.MultiDiGraph, tmp_path: Path) -> None:
    assert csv_paths(tmp_path) == (tmp_path / "nodes.csv", tmp_path / "edges.csv")
    assert csv_paths(tmp_path / "g.csv") == (tmp_path / "g-nodes.csv", tmp_path / "g-edges.csv")
    prefix = tmp_path / "out" / "secgraph.csv"
    nodes_path, edges_path = write_csv(collapsed, prefix)
    assert nodes_path.name == "secgraph-nodes.csv" and edges_path.name == "secgraph-edges.csv"
    with nodes_path.open(newline="") as fh:
        nodes = list(csv.DictReader(fh))
    with edges_path.open(newline="") as fh:
        edges = list(csv.DictReader(fh))
    assert {r["id"] for r in nodes} == set(collapsed.nodes)
    assert {(r["source"], r["target"], r["key"]) for r in edges} == set(collapsed.edges(keys=True))
    officer = next(r for r in edges if r["key"] == f"{ID}filing/sha256/f3/role/0")
    assert officer["label"] == "officer of" and officer["title"] == "COO and President"
    assert list(nodes[0])[:4] == ["id", "label", "kind", "group"]


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_exports_are_byte_stable(store: ox.Store, fmt: GraphExport) -> None:
    assert _write(project(store), fmt) == _write(project(store), fmt)


def _disk_store(tmp_path: Path) -> Path:
    store_dir = tmp_path / "store"
    with staged_store(store_dir, fresh=True) as store:
        store.bulk_load(SAMPLE.read_bytes(), format=ox.RdfFormat.TRIG)
    return store_dir


def test_cli_export(tmp_path: Path, collapsed: nx.MultiDiGraph) -> None:
    store = str(_disk_store(tmp_path))
    runner = CliRunner()
    prefix = tmp_path / "csv" / "g.csv"
    done = runner.invoke(
        app, ["export", "--store", store, "--format", "csv", "--collapse", "-o", str(prefix)]
    )
    assert done.exit_code == 0, done.output
    assert "g-nodes.csv" in done.stderr and "g-edges.csv" in done.stderr
    with prefix.with_name("g-nodes.csv").open(newline="") as fh:
        assert {row["id"] for row in csv.DictReader(fh)} == set(collapsed.nodes)
    cyjs = runner.invoke(app, ["export", "--store", store, "--format", "cyjs", "--types", "person"])
    assert cyjs.exit_code == 0
    labels = sorted(n["data"]["label"] for n in json.loads(cyjs.stdout)["elements"]["nodes"])
    assert labels == ["Bonnie J Brown", "Robert A Panora", "Ruiz Angela M"]
    everything = runner.invoke(
        app, ["export", "--store", store, "--all", "-o", str(tmp_path / "all")]
    )
    assert everything.exit_code == 0
    assert len(list((tmp_path / "all").iterdir())) == 12  # 10 files + the two CSV lists
    bad = runner.invoke(app, ["export", "--store", store, "--format", "dot", "--filing", "nope"])
    assert bad.exit_code == 1 and "no filing 'nope'" in bad.stderr
    neither = runner.invoke(app, ["export", "--store", store])
    assert neither.exit_code == 2 and "--format FORMAT or --all" in neither.stderr
