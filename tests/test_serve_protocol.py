"""The SPARQL 1.1 Protocol of ``secgraph serve``, against a running server on 127.0.0.1 over the
example graph: every method, every Accept header, errors, read-only, bounds."""

from __future__ import annotations

import csv
import io
import json
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest
import rdflib
from typer.testing import CliRunner

from secgraph.cli import app
from secgraph.server import is_loopback
from serving import EXAMPLES, build_examples, running

PANORA_HOLDING = """
SELECT ?shares WHERE {
  ?h a sg:NonDerivativeHolding ; sg:shares ?shares ; sg:holder/sg:name "Robert A. Panora" .
}"""
# The Form 3 (examples/filings/002_...txt) lists Panora's holding: "Common Stock  163,350  D".
FILINGS = "SELECT ?file WHERE { ?f a sg:Filing ; sg:sourceFile ?file } ORDER BY ?file"
# the build is given the folder's absolute path, and records each file's path as given
FILES = sorted(str(p) for p in EXAMPLES.glob("*.txt"))
FORM3 = str(EXAMPLES / "002_71093b0e43aa5d3d.txt")
SRX = "{http://www.w3.org/2005/sparql-results#}"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_examples(tmp_path_factory.mktemp("serve") / "store")


@pytest.fixture(scope="module")
def base(store: Path) -> Iterator[str]:
    with running(store, timeout=20.0, max_rows=1000) as url:
        yield url


@pytest.fixture(scope="module")
def client(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=60) as c:
        yield c


def _files(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    doc = response.json()
    return [b["file"]["value"] for b in doc["results"]["bindings"]]


def test_query_by_get_post_form_and_post_body_agree(client: httpx.Client) -> None:
    """The three query operations of the Protocol give the same answer, the union of the
    filings' graphs by default (the four example files, as the folder holds them)."""
    assert FILES and len(FILES) == 4
    by_get = client.get("/sparql", params={"query": FILINGS})
    by_form = client.post("/sparql", data={"query": FILINGS})
    by_body = client.post(
        "/sparql", content=FILINGS, headers={"Content-Type": "application/sparql-query"}
    )
    assert _files(by_get) == _files(by_form) == _files(by_body) == FILES
    assert by_get.headers["content-type"].startswith("application/sparql-results+json")


def test_select_in_every_results_format(client: httpx.Client) -> None:
    """JSON, XML, CSV and TSV each say the same, read by independent parsers, and name their
    media type: the number Panora's Form 3 prints (163,350 shares)."""

    def ask(accept: str) -> httpx.Response:
        r = client.get("/sparql", params={"query": PANORA_HOLDING}, headers={"Accept": accept})
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].split(";")[0] == accept
        return r

    doc = ask("application/sparql-results+json").json()
    assert [b["shares"]["value"] for b in doc["results"]["bindings"]] == ["163350"]
    root = ElementTree.fromstring(ask("application/sparql-results+xml").content)
    assert [e.text for e in root.iter(f"{SRX}literal")] == ["163350"]
    rows = list(csv.reader(io.StringIO(ask("text/csv").text)))
    assert rows == [["shares"], ["163350"]]
    lines = ask("text/tab-separated-values").text.splitlines()
    assert lines == ["?shares", '"163350"^^<http://www.w3.org/2001/XMLSchema#decimal>']


def test_accept_with_qualities_and_wildcards(client: httpx.Client) -> None:
    """q-values rank the client's choices; */* and no Accept give SPARQL JSON; an Accept the
    server cannot meet is 406, not a format the client did not ask for."""
    q = {"query": "ASK { ?s ?p ?o }"}
    r = client.get("/sparql", params=q, headers={"Accept": "text/csv;q=0.5, text/xml;q=0.1"})
    assert r.headers["content-type"].startswith("text/csv")
    r = client.get(
        "/sparql", params=q, headers={"Accept": "text/html,application/xml;q=0.9,*/*;q=0.8"}
    )
    assert r.headers["content-type"].startswith("application/xml")
    assert client.get("/sparql", params=q, headers={"Accept": "*/*"}).json()["boolean"] is True
    assert client.get("/sparql", params=q, headers={"Accept": ""}).json()["boolean"] is True
    assert client.get("/sparql", params=q, headers={"Accept": "image/png"}).status_code == 406


def test_construct_and_describe_in_every_rdf_format(client: httpx.Client) -> None:
    """Turtle, N-Triples and JSON-LD of one CONSTRUCT are the same graph (read by rdflib)."""
    query = "CONSTRUCT { ?f sg:sourceFile ?file } WHERE { ?f a sg:Filing ; sg:sourceFile ?file }"
    graphs = []
    for accept, fmt in (
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
    ):
        r = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].split(";")[0] == accept
        with warnings.catch_warnings():  # rdflib's JSON-LD parser uses its own deprecated API
            warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
            graphs.append(rdflib.Graph().parse(data=r.text, format=fmt))
    assert all(len(g) == len(FILES) for g in graphs)
    assert set(graphs[0]) == set(graphs[1]) == set(graphs[2])
    assert sorted(str(o) for o in graphs[0].objects()) == FILES
    described = client.get(
        "/sparql",
        params={"query": 'DESCRIBE ?c WHERE { ?c sg:ticker "TGEN" }'},
        headers={"Accept": "text/turtle"},
    )
    assert described.status_code == 200
    g = rdflib.Graph().parse(data=described.text, format="turtle")
    assert "TGEN" in {str(o) for o in g.objects()}
    asked = client.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert asked.status_code == 406  # CSV is a results format, not an RDF one


def test_malformed_query_is_400_with_the_parsers_position(client: httpx.Client) -> None:
    """A syntax error says where (line:column), as pyoxigraph's parser reports it."""
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert r.status_code == 400
    assert "1:" in r.text and "invalid SPARQL" in r.text


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"data": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
        {
            "content": "DELETE WHERE { ?s ?p ?o }",
            "headers": {"Content-Type": "application/sparql-update"},
        },
        {"data": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
        {"data": {"query": "PREFIX x: <urn:x#> # a comment\n DROP ALL"}},
        {"data": {"query": "LOAD <http://127.0.0.1:9/data.ttl>"}},
    ],
    ids=["update-form", "update-body", "update-as-query", "drop-after-prologue", "load"],
)
def test_updates_and_load_are_refused(
    client: httpx.Client, request_kwargs: dict[str, object]
) -> None:
    """The endpoint is read-only: every way of sending an update, LOAD included, is 403 and the
    store keeps its quads."""
    before = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"})
    r = client.post("/sparql", **request_kwargs)  # type: ignore[arg-type]
    assert r.status_code == 403, r.text
    assert "read-only" in r.text
    after = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"})
    assert after.json() == before.json()
    assert client.get("/sparql", params={"update": "CLEAR ALL"}).status_code == 403


def test_service_is_refused_but_the_word_in_a_literal_is_not(client: httpx.Client) -> None:
    """pyoxigraph would fetch a SERVICE IRI over HTTP: refused (403, nothing sent). The word
    inside a string, an IRI or a comment is no SERVICE call."""
    for query in (
        "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * { SERVICE ?endpoint { ?s ?p ?o } VALUES ?endpoint { <http://127.0.0.1:9/> } }",
    ):
        r = client.post("/sparql", data={"query": query})
        assert r.status_code == 403, (query, r.text)
        assert "SERVICE is refused" in r.text
    harmless = 'SELECT ?x WHERE { BIND("SERVICE <x> {}" AS ?x) } # SERVICE <y> {}'
    r = client.post("/sparql", data={"query": harmless})
    assert r.status_code == 200, r.text
    assert r.json()["results"]["bindings"][0]["x"]["value"] == "SERVICE <x> {}"


def test_bad_requests(client: httpx.Client) -> None:
    """No query, two queries, an unknown content type, another method: the Protocol's codes."""
    assert client.post("/sparql", data={"other": "x"}).status_code == 400
    assert (
        client.get("/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")]).status_code == 400
    )
    r = client.post("/sparql", content="ASK {}", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415
    assert client.put("/sparql", content="ASK {}").status_code == 405
    assert client.delete("/sparql").status_code == 405


def test_default_and_named_graph_uri(client: httpx.Client) -> None:
    """default-graph-uri makes one filing's graph the default graph (not the union);
    named-graph-uri limits what GRAPH ?g sees."""
    iri = client.get("/sparql", params={"query": f'SELECT ?f {{ ?f sg:sourceFile "{FORM3}" }}'})
    form3 = iri.json()["results"]["bindings"][0]["f"]["value"]
    r = client.get(
        "/sparql",
        params={
            "query": "SELECT DISTINCT ?file { ?f sg:sourceFile ?file }",
            "default-graph-uri": form3,
        },
    )
    assert _files(r) == [FORM3]
    r = client.get(
        "/sparql",
        params={"query": "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": form3},
    )
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == [form3]
    # the query's own FROM sets its dataset too (the union default graph would ignore it)
    r = client.get(
        "/sparql",
        params={"query": f"SELECT DISTINCT ?file FROM <{form3}> {{ ?f sg:sourceFile ?file }}"},
    )
    assert _files(r) == [FORM3]


def test_service_description_and_void(client: httpx.Client, base: str) -> None:
    """GET /sparql without a query describes the service; VoID counts the example dataset:
    four filings (the four files of examples/filings) and every quad of the store."""
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    r = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    g = rdflib.Graph().parse(data=r.text, format="turtle")
    endpoint = rdflib.URIRef(base + "/sparql")
    assert (endpoint, sd.endpoint, endpoint) in g
    assert (endpoint, sd.supportedLanguage, sd.SPARQL11Query) in g
    r = client.get("/.well-known/void", headers={"Accept": "application/n-triples"})
    g = rdflib.Graph().parse(data=r.text, format="nt")
    dataset = next(g.subjects(rdflib.RDF.type, void.Dataset))
    assert int(g.value(dataset, void.documents)) == len(FILES)  # type: ignore[arg-type]
    total = client.get(
        "/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"}
    )
    quads = int(total.json()["results"]["bindings"][0]["n"]["value"])
    assert int(g.value(dataset, void.triples)) == quads  # type: ignore[arg-type]


def test_max_rows_cuts_and_says_so(store: Path) -> None:
    """--max-rows N: a SELECT or CONSTRUCT answer keeps N rows and says it was cut in a header;
    an answer of exactly N rows is not marked."""
    with running(store, max_rows=3) as base, httpx.Client(base_url=base, timeout=60) as c:
        r = c.get("/sparql", params={"query": "SELECT * { ?s ?p ?o }"})
        assert len(r.json()["results"]["bindings"]) == 3
        assert r.headers["secgraph-truncated"] == "max-rows=3"
        r = c.get(
            "/sparql",
            params={"query": "SELECT * { ?s ?p ?o }"},
            headers={"Accept": "text/csv"},
        )
        assert len(list(csv.reader(io.StringIO(r.text)))) == 4  # header + 3
        r = c.get("/sparql", params={"query": "SELECT * { ?s ?p ?o } LIMIT 3"})
        assert len(r.json()["results"]["bindings"]) == 3
        assert "secgraph-truncated" not in r.headers
        r = c.get(
            "/sparql",
            params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
            headers={"Accept": "application/n-triples"},
        )
        assert len(r.text.splitlines()) == 3
        assert r.headers["secgraph-truncated"] == "max-rows=3"
        r = c.get("/api/queries/filings")
        assert len(r.json()["rows"]) == 3 and r.json()["truncated"] is True


def test_timeout_stops_a_slow_query(store: Path) -> None:
    """--timeout 1: a query that streams rows for ever and one that computes before its first
    row are both answered 503 near the bound, and the server goes on answering."""
    cross = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    counted = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with (
        running(store, timeout=1.0, max_rows=10**9) as base,
        httpx.Client(base_url=base, timeout=60) as c,
    ):
        for query in (cross, counted):
            started = time.monotonic()
            r = c.get("/sparql", params={"query": query})
            elapsed = time.monotonic() - started
            assert r.status_code == 503, r.text[:200]
            assert "timeout" in r.text
            assert elapsed < 6, elapsed
        assert c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def test_only_loopback_hosts_count_as_local() -> None:
    """The serve command warns for any host that is not loopback (0.0.0.0 listens everywhere;
    a host name may resolve anywhere)."""
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert is_loopback("127.0.0.2") and is_loopback("[::1]")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2")
    assert not is_loopback("example.org") and not is_loopback("::")


def test_graph_store_get_of_one_filing(client: httpx.Client) -> None:
    """Graph Store Protocol GET returns one filing's graph (the same triples SPARQL's GRAPH
    sees); an unknown graph is 404; writing methods are 405."""
    iri = client.get("/sparql", params={"query": f'SELECT ?f {{ ?f sg:sourceFile "{FORM3}" }}'})
    form3 = iri.json()["results"]["bindings"][0]["f"]["value"]
    r = client.get(
        "/graph-store", params={"graph": form3}, headers={"Accept": "application/n-triples"}
    )
    assert r.status_code == 200
    g = rdflib.Graph().parse(data=r.text, format="nt")
    count = client.get(
        "/sparql", params={"query": f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{form3}> {{ ?s ?p ?o }} }}"}
    )
    assert len(g) == int(count.json()["results"]["bindings"][0]["n"]["value"]) > 0
    assert client.get("/graph-store", params={"graph": "urn:none"}).status_code == 404
    assert client.put("/graph-store", params={"graph": form3}, content="").status_code == 405


def test_openapi_document_lists_the_api(client: httpx.Client) -> None:
    """The JSON API is described by an OpenAPI document (what clients generate code from)."""
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    assert {"/api/search", "/api/entity", "/api/path", "/api/filing", "/graph-store"} <= set(
        doc["paths"]
    )
    assert json.dumps(doc).count("cdn") == 0


def test_cross_origin_reads_only_when_asked(store: Path, base: str) -> None:
    """By default a page of another origin gets no CORS header (the browser keeps the answer
    from it); with --cors any origin may read, and sees the truncation header."""
    origin = {"Origin": "https://yasgui.example", "Accept": "application/sparql-results+json"}
    plain = httpx.get(base + "/sparql", params={"query": "ASK {}"}, headers=origin)
    assert "access-control-allow-origin" not in plain.headers
    with running(store, cors=True) as cors_base:
        r = httpx.get(cors_base + "/sparql", params={"query": "ASK {}"}, headers=origin)
        assert r.headers["access-control-allow-origin"] == "*"
        assert "secgraph-truncated" in r.headers["access-control-expose-headers"].lower()


def test_serve_command_warns_for_a_non_local_host_and_needs_a_store(tmp_path: Path) -> None:
    """`secgraph serve --host 0.0.0.0` says that anyone reaching it reads the graph; a missing
    store stops it before it listens (exit 2), as every command's setup errors do."""
    missing = tmp_path / "nothing"
    result = CliRunner().invoke(app, ["serve", "--store", str(missing), "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "warning: serving on 0.0.0.0" in result.output
    assert "no secgraph store" in result.output
    quiet = CliRunner().invoke(app, ["serve", "--store", str(missing)])
    assert quiet.exit_code == 2 and "warning" not in quiet.output
