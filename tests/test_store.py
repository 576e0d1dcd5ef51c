"""The store interface: one test body per behaviour, run against every backend.

Backends today: pyoxigraph on disk and pyoxigraph in memory. A remote SPARQL backend joins
by adding one fixture param (nomenklatura's pattern)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from secgraph.errors import QueryError, StoreError
from secgraph.graph.vocab import ontology_dir
from secgraph.store import (
    GraphStore,
    OxigraphStore,
    ontology_prefixes,
    open_store,
    parse_params,
    parse_term,
)

EX = "http://example.org/"
G1 = ox.NamedNode(EX + "g1")
G2 = ox.NamedNode(EX + "g2")
NAME = ox.NamedNode(EX + "name")
XSD_INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def quad(s: str, o: str, g: ox.NamedNode) -> ox.Quad:
    return ox.Quad(ox.NamedNode(EX + s), NAME, ox.Literal(o), g)


@pytest.fixture(params=["oxigraph-disk", "oxigraph-memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    backend: GraphStore
    if request.param == "oxigraph-disk":
        backend = OxigraphStore.open(tmp_path / "store", prefixes={"ex": EX})
    else:
        backend = OxigraphStore.in_memory(prefixes={"ex": EX})
    with backend:
        yield backend


def load(store: GraphStore, quads: list[ox.Quad]) -> None:
    store.bulk_load(ox.serialize(quads, format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)


def test_bulk_load_counts_and_graphs(store: GraphStore) -> None:
    load(store, [quad("a", "Alpha", G1), quad("b", "Beta", G1), quad("c", "Gamma", G2)])
    assert store.count() == 3
    assert store.count(G1) == 2
    assert store.count(G2) == 1
    assert store.count(ox.DefaultGraph()) == 0
    assert {g.value for g in store.graphs()} == {G1.value, G2.value}
    assert store.has_graph(G1)
    assert not store.has_graph(ox.NamedNode(EX + "nope"))


def test_replace_graph_replaces_only_that_graph(store: GraphStore) -> None:
    load(store, [quad("a", "Alpha", G1), quad("b", "Beta", G1), quad("c", "Gamma", G2)])
    # The quads' own graph name is ignored: they land in the graph being replaced.
    assert store.replace_graph(G1, [quad("z", "Zeta", G2)]) == 1
    assert store.replace_graph(G1, [quad("z", "Zeta", G2)]) == 1  # idempotent
    assert {(q.subject.value, q.graph_name) for q in store.quads(G1)} == {(EX + "z", G1)}
    assert store.count(G2) == 1
    store.remove_graph(G1)
    store.remove_graph(G1)  # absent: no error
    assert store.count() == 1


def test_select_reads_the_union_of_named_graphs(store: GraphStore) -> None:
    load(store, [quad("a", "Alpha", G1), quad("c", "Gamma", G2)])
    rows = list(store.select("SELECT ?s ?n WHERE { ?s ex:name ?n } ORDER BY ?n"))
    assert [r["n"].value for r in rows] == ["Alpha", "Gamma"]
    # Without the union, the default graph is empty.
    assert list(store.select("SELECT ?s WHERE { ?s ?p ?o }", union=False)) == []


def test_select_omits_unbound_variables(store: GraphStore) -> None:
    load(store, [quad("a", "Alpha", G1)])
    rows = list(
        store.select("SELECT ?s ?missing WHERE { ?s ex:name ?n OPTIONAL { ?s ex:x ?missing } }")
    )
    assert rows == [{"s": ox.NamedNode(EX + "a")}]


def test_parameters_are_bound_not_pasted(store: GraphStore) -> None:
    load(store, [quad("a", "Alpha", G1), quad("b", "Beta", G1)])
    sparql = "SELECT ?s ?n WHERE { ?s ex:name ?n }"
    rows = list(store.select(sparql, {"n": ox.Literal("Beta")}))
    assert [r["s"].value for r in rows] == [EX + "b"]
    # A value that would break out of a pasted string is just a literal that matches nothing.
    hostile = ox.Literal('Beta" } UNION { ?s ?p ?n } #')
    assert list(store.select(sparql, {"n": hostile})) == []
    assert store.count() == 2


def test_ask_and_construct(store: GraphStore) -> None:
    load(store, [quad("a", "Alpha", G1)])
    assert store.ask("ASK { ?s ex:name ?n }", {"n": ox.Literal("Alpha")})
    assert not store.ask("ASK { ?s ex:name ?n }", {"n": ox.Literal("Beta")})
    triples = list(store.construct("CONSTRUCT { ?s ex:label ?n } WHERE { ?s ex:name ?n }"))
    assert [(t.subject.value, t.object.value) for t in triples] == [(EX + "a", "Alpha")]


def test_query_kind_mismatch_and_errors(store: GraphStore) -> None:
    with pytest.raises(QueryError, match="expected a SELECT"):
        list(store.select("ASK { ?s ?p ?o }"))
    with pytest.raises(QueryError, match="expected an ASK"):
        store.ask("SELECT ?s WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError, match="1:1"):  # the position of the syntax error
        store.query("SELEC ?s WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError, match=r"variable \?zz"):
        store.query("SELECT ?s WHERE { ?s ?p ?o }", {"zz": ox.Literal("1")})
    with pytest.raises(QueryError, match="not a SPARQL variable"):
        store.query("SELECT ?s WHERE { ?s ?p ?o }", {"a b": ox.Literal("1")})


def test_dump_round_trips(store: GraphStore) -> None:
    quads = [quad("a", "Alpha", G1), quad("c", "Gamma", G2)]
    load(store, quads)
    buffer = io.BytesIO()
    store.dump(buffer, format=ox.RdfFormat.N_QUADS)
    back = set(ox.parse(buffer.getvalue(), format=ox.RdfFormat.N_QUADS))
    assert back == set(quads) == set(store.quads())
    one = io.BytesIO()
    store.dump(one, format=ox.RdfFormat.N_TRIPLES, graph=G2)
    assert len(one.getvalue().splitlines()) == 1


def test_closed_store_refuses_use(store: GraphStore) -> None:
    store.close()
    store.close()  # idempotent
    with pytest.raises(StoreError, match="closed"):
        store.count()


# -- the on-disk backend only ---------------------------------------------------------------


def test_disk_store_persists_and_opens_read_only(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with OxigraphStore.open(path) as writer:
        load(writer, [quad("a", "Alpha", G1)])
    with open_store(path) as reader:
        assert reader.count() == 1
        rows = list(reader.select("SELECT ?n WHERE { ?s ?p ?n }"))
        assert rows == [{"n": ox.Literal("Alpha")}]
        with pytest.raises(StoreError, match="read-only"):
            reader.remove_graph(G1)
    with open_store(path) as a, open_store(path) as b:  # readers share the store
        assert a.count() == b.count() == 1


def test_open_store_predeclares_the_ontology_prefixes(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with OxigraphStore.open(path) as writer:
        company = ox.NamedNode("https://w3id.org/secgraph/id/company/1")
        rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
        sg_company = ox.NamedNode("https://w3id.org/secgraph/ontology#Company")
        load(writer, [ox.Quad(company, rdf_type, sg_company, G1)])
    with open_store(path) as reader:
        rows = list(reader.select("SELECT ?c WHERE { ?c rdf:type sg:Company }"))
    assert rows == [{"c": company}]


def test_the_ontology_prefixes_are_every_prefix_of_the_ontology() -> None:
    """Trap: the prefixes are read from each file's header only (the parser stops at the first
    triple, for start-up): a prefix declared further down would be missing from queries."""
    declared: dict[str, str] = {}
    for path in sorted(ontology_dir().glob("*.ttl")):
        parser = ox.parse(path=path, format=ox.RdfFormat.TURTLE)
        for _ in parser:
            pass
        declared.update(parser.prefixes)
    assert ontology_prefixes() == declared
    assert declared["sg"] == "https://w3id.org/secgraph/ontology#"


def test_open_store_errors_are_setup_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no secgraph store"):
        open_store(tmp_path / "missing")
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "notes.txt").write_text("not a store")
    with pytest.raises(StoreError, match="no secgraph store"):
        open_store(tmp_path / "plain")
    path = tmp_path / "locked"
    with OxigraphStore.open(path), pytest.raises(StoreError, match="cannot open"):
        OxigraphStore.open(path)  # a second writer: RocksDB's lock


# -- parameters as typed on the command line -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Robert A Panora", ox.Literal("Robert A Panora")),
        ("0001234567", ox.Literal("0001234567")),
        ("<https://w3id.org/secgraph/id/x>", ox.NamedNode("https://w3id.org/secgraph/id/x")),
        ('"chat"@fr', ox.Literal("chat", language="fr")),
        ('"4"^^<http://www.w3.org/2001/XMLSchema#integer>', ox.Literal("4", datatype=XSD_INT)),
    ],
)
def test_parse_term(text: str, term: ox.NamedNode | ox.Literal) -> None:
    assert parse_term(text) == term


@pytest.mark.parametrize("text", ['"a" . <urn:s> <urn:p> "b"', "<not an iri>", '"open'])
def test_parse_term_rejects_anything_but_one_term(text: str) -> None:
    with pytest.raises(QueryError, match="bad parameter value"):
        parse_term(text)


def test_parse_params() -> None:
    assert parse_params(["name=Robert A Panora", "?cik=0001"]) == {
        "name": ox.Literal("Robert A Panora"),
        "cik": ox.Literal("0001"),
    }
    assert parse_params(["x=a=b"]) == {"x": ox.Literal("a=b")}
    for bad in ["novalue", "=1", "a b=1"]:
        with pytest.raises(QueryError, match="bad --param"):
            parse_params([bad])
