"""How a query reaches a SPARQL server: prefixes and parameters written into its text, the
engine told by the URL or the server, and ``--store URL`` / ``SECGRAPH_STORE`` on the
command line."""

from __future__ import annotations

import http.server
import threading
import time
import urllib.parse
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from oxigraph_server import SERVER, free_port, oxigraph_serve
from secgraph.cli import app
from secgraph.errors import QueryError, StoreError
from secgraph.store import build_target, open_store, remote
from secgraph.store.engines import GENERIC, OXIGRAPH, QLEVER, VIRTUOSO, from_server_header
from secgraph.store.remote import RemoteStore
from secgraph.store.sparql_text import where_brace, with_prefixes, with_values

runner = CliRunner()
IRI = ox.NamedNode("https://example.com/a")


def _run(sparql: str, **params: ox.NamedNode | ox.Literal) -> list[dict[str, str]]:
    """The query as a server gets it, run on pyoxigraph without substitutions."""
    store = ox.Store()
    store.add(ox.Quad(IRI, ox.NamedNode("urn:p"), ox.Literal("x {"), ox.DefaultGraph()))
    store.add(
        ox.Quad(ox.NamedNode("urn:b"), ox.NamedNode("urn:p"), ox.Literal("y"), ox.DefaultGraph())
    )
    result = store.query(with_values(sparql, params))
    assert isinstance(result, ox.QuerySolutions)
    return [{v.value: s[v].value for v in result.variables if s[v] is not None} for s in result]


def test_parameters_open_the_where_group() -> None:
    """Trap: a brace in a string, an IRI or a comment taken for the WHERE group's, or a
    CONSTRUCT's template taken for its pattern."""
    text = 'SELECT ?s ?o # not { here\nWHERE { ?s <urn:p> ?o FILTER(?o != "}{") }'
    assert text[where_brace(text) :].startswith("{ ?s <urn:p>")
    construct = "CONSTRUCT { ?s <urn:q> ?o } WHERE { ?s <urn:p> ?o }"
    assert construct[where_brace(construct) :] == "{ ?s <urn:p> ?o }"
    short = "CONSTRUCT WHERE { ?s <urn:p> ?o }"
    assert short[where_brace(short) :] == "{ ?s <urn:p> ?o }"
    assert where_brace("ASK { ?s ?p ?o }") == 4
    assert where_brace("DESCRIBE <urn:x>") == -1
    with pytest.raises(QueryError):
        with_values("DESCRIBE ?s", {"s": IRI})


def test_a_parameter_binds_like_a_substitution() -> None:
    """Trap: a bound parameter that does not filter, or comes back unbound in the rows (a
    substitution returns it), or a term written as the user typed it."""
    assert _run("SELECT ?s ?o WHERE { ?s <urn:p> ?o }", s=IRI) == [{"s": IRI.value, "o": "x {"}]
    assert _run("SELECT ?s WHERE { ?s <urn:p> ?o }", o=ox.Literal('y" } #')) == []
    counted = "SELECT (COUNT(*) AS ?n) WHERE { ?s <urn:p> ?o }"
    assert _run(counted, s=IRI) == [{"n": "1"}]  # bound before grouping, not after


def test_prefixes_are_declared_once() -> None:
    """Trap: a prefix the query declares itself declared again (with another IRI: the
    later declaration would win)."""
    text = with_prefixes(
        "PREFIX sg: <urn:mine#>\nSELECT * { ?s a sg:X }", {"sg": "urn:other#", "xsd": "urn:x#"}
    )
    assert text.count("PREFIX sg:") == 1 and "urn:other#" not in text
    assert text.startswith("PREFIX xsd: <urn:x#>\n")


def test_engines_by_their_server_header() -> None:
    """Trap: Virtuoso asked for Oxigraph's union-default-graph parameter (it ignores it and
    its endpoints are elsewhere)."""
    assert from_server_header("Oxigraph/0.5.13") is OXIGRAPH
    assert from_server_header("Virtuoso/07.20.3233 (Linux) x86_64-pc-linux-gnu") is VIRTUOSO
    assert from_server_header("QLever") is QLEVER
    assert from_server_header(None) is GENERIC
    store = RemoteStore("http://127.0.0.1:8890", VIRTUOSO)
    assert store.query_url == "http://127.0.0.1:8890/sparql"
    assert store.store_url == "http://127.0.0.1:8890/sparql-graph-crud-auth"
    store.close()
    endpoint = RemoteStore("https://db.example.com/repo/sparql", GENERIC)
    assert endpoint.query_url == endpoint.update_url == "https://db.example.com/repo/sparql"
    assert endpoint.store_url is None
    endpoint.close()


@pytest.mark.skipif(SERVER is None, reason="the oxigraph server (pip oxigraph)")
def test_the_engine_is_read_from_the_server_or_the_url() -> None:
    """Trap: a server that says it is Oxigraph used as a plain endpoint (no union default
    graph: every query empty), or an unknown engine name taken silently."""
    with oxigraph_serve() as url:
        with open_store(url) as store:
            assert isinstance(store, RemoteStore) and store.engine is OXIGRAPH
        with open_store(url + "/query#sparql") as store:
            assert isinstance(store, RemoteStore) and store.engine is GENERIC
        with pytest.raises(StoreError, match="unknown engine"):
            open_store(url + "#nosuch")


def test_no_server_there() -> None:
    """Trap: a refused connection shown as a traceback, or as an empty answer."""
    with pytest.raises(StoreError, match="cannot reach"):
        open_store(f"http://127.0.0.1:{free_port()}")


@pytest.mark.skipif(SERVER is None, reason="the oxigraph server (pip oxigraph)")
def test_the_command_line_takes_a_url(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trap: ``--store http://...`` read as a folder (``http:/host``), SECGRAPH_STORE not
    read, a server's refusal of a bad query shown as a traceback, or ``serve`` pointed at a
    URL."""
    with oxigraph_serve() as url:
        with RemoteStore.open(url) as writer:
            writer.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:p> 7 } }")
        result = runner.invoke(
            app,
            ["query", "SELECT ?o WHERE { <urn:a> <urn:p> ?o }", "--format", "csv", "--store", url],
        )
        assert result.exit_code == 0, result.output
        assert result.stdout.split() == ["o", "7"]
        monkeypatch.setenv("SECGRAPH_STORE", url)
        result = runner.invoke(app, ["query", "ASK { ?s <urn:p> ?o }"])
        assert result.exit_code == 0 and result.stdout.strip() == "true"
        result = runner.invoke(app, ["query", "SELECT ?x WHERE { ?x"])
        assert result.exit_code == 2 and "refused the query" in result.output
        result = runner.invoke(app, ["serve"])
        assert result.exit_code == 2 and "SPARQL server already" in result.output


@pytest.mark.skipif(SERVER is None, reason="the oxigraph server (pip oxigraph)")
def test_a_derived_graph_is_swapped_in_whole() -> None:
    """Trap: a derived graph (resolution, summary) dropped and then rewritten request by
    request on a live server: a failure half-way left it empty or partial for every reader.
    It is written beside the old one and moved over it in one update."""
    graph = ox.NamedNode("urn:secgraph:test:derived")
    old = [ox.Quad(IRI, ox.NamedNode("urn:p"), ox.Literal(str(i)), graph) for i in range(3)]
    new = [ox.Quad(IRI, ox.NamedNode("urn:q"), ox.Literal(str(i)), graph) for i in range(5)]

    def failing() -> Iterator[ox.Quad]:
        yield from new[:2]
        raise RuntimeError("the resolution failed half-way")

    with oxigraph_serve() as url, RemoteStore.open(url) as store:
        assert store.write_graph(graph, old, chunk=2) == 3
        with pytest.raises(RuntimeError, match="half-way"):
            store.write_graph(graph, failing(), chunk=1)
        assert set(store.quads(graph)) == set(old)
        assert list(store.graphs()) == [graph]  # no staging graph left behind
        assert store.write_graph(graph, new, chunk=2) == 5
        assert set(store.quads(graph)) == set(new)
        assert store.write_graph(graph, [], chunk=2) == 0
        assert not store.has_graph(graph)


class _Slow(http.server.BaseHTTPRequestHandler):
    """A SPARQL endpoint that answers ASK at once and a SELECT after DELAY seconds (a
    whole-store query of a build on a busy server: nothing is sent until it is computed)."""

    DELAY = 1.5

    def do_GET(self) -> None:  # the engine probe: a server of no known engine
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self) -> None:
        form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        if form["query"][0].lstrip().startswith("ASK"):
            body = b'{"head": {}, "boolean": true}'
        else:
            time.sleep(self.DELAY)
            row = b'{"n": {"type": "literal", "value": "7"}}'
            body = b'{"head": {"vars": ["n"]}, "results": {"bindings": [' + row + b"]}}"
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_build_waits_for_the_server_as_long_as_it_takes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Trap: a build's whole-store query (the positions' roles, the summary's entities)
    cut short by the read timeout meant for a user's query: ``secgraph load --shards`` of
    30,000 filings into a busy ``oxigraph serve`` failed after 50 minutes with "timed out".
    With the timeout made shorter than the server's answer, a query fails, the build's store
    (``build_target``) gets the answer."""
    monkeypatch.setattr(remote, "READ_TIMEOUT", 0.3)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    try:
        with open_store(url) as store, pytest.raises(StoreError, match="timed out"):
            list(store.select("SELECT ?n WHERE { ?s ?p ?n }"))
        with build_target(url) as store:
            rows = list(store.select("SELECT ?n WHERE { ?s ?p ?n }"))
        assert [row["n"] for row in rows] == [ox.Literal("7")]
    finally:
        server.shutdown()
        server.server_close()
