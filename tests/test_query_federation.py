"""Queries cannot reach the network: SERVICE (federation) is refused unless allowed.

A local HTTP server on 127.0.0.1 stands in for a remote SPARQL endpoint; it must receive no
request from a query that was not given ``--allow-service``."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from secgraph.cli import app
from secgraph.store.federation import uses_service

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "filings"
runner = CliRunner()


class _Endpoint(BaseHTTPRequestHandler):
    requests: list[str]  # set on the server's handler class per test

    def _answer(self) -> None:
        self.requests.append(self.path)
        body = b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer  # noqa: N815 - http.server names them

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def endpoint() -> Iterator[tuple[str, list[str]]]:
    seen: list[str] = []
    handler = type("Handler", (_Endpoint,), {"requests": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", seen
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fed") / "store"
    result = runner.invoke(app, ["build", str(SEEDS), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return path


QUERIES = [
    "SELECT * WHERE { SERVICE <URL> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <URL> { ?s ?p ?o } }",
    "select * where { service <URL> { ?s ?p ?o } }",
    # \\u escapes are decoded before parsing: \u0053ERVICE is SERVICE
    "SELECT * WHERE { \\u0053ERVICE <URL> { ?s ?p ?o } }",
    "SELECT * WHERE { ?x ?y ?z . OPTIONAL { SERVICE <URL> { ?s ?p ?o } } } LIMIT 1",
]


@pytest.mark.parametrize("query", QUERIES)
def test_service_is_refused_and_sends_nothing(
    store: Path, endpoint: tuple[str, list[str]], query: str
) -> None:
    """Trap: pyoxigraph runs SERVICE over HTTP by default; a shared query file could make
    secgraph call anywhere (SILENT even hides the call's failure)."""
    url, seen = endpoint
    result = runner.invoke(app, ["query", query.replace("URL", url), "--store", str(store)])
    assert result.exit_code == 2
    assert "SERVICE" in result.stderr and "--allow-service" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert seen == []


def test_allow_service_does_call_the_endpoint(store: Path, endpoint: tuple[str, list[str]]) -> None:
    """Trap: a guard test whose server could never be reached proves nothing; with the
    explicit option the same query does reach it."""
    url, seen = endpoint
    query = f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
    result = runner.invoke(app, ["query", query, "--store", str(store), "--allow-service"])
    assert result.exit_code == 0, result.output
    assert len(seen) == 1


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?service WHERE { ?service ?p "SERVICE" }',
        "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o } # SERVICE <http://x/>",
        "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:service ?o ; ex:SERVICE ?x }",
        "SELECT * WHERE { ?s ?p '''a\nSERVICE <http://x/> {}''' }",
    ],
)
def test_the_word_service_elsewhere_is_not_federation(query: str) -> None:
    """Trap: a substring check would refuse a variable, IRI, prefixed name, literal or
    comment that merely contains the word."""
    assert not uses_service(query)


def test_the_server_refuses_what_the_store_refuses() -> None:
    """Trap: the server's own keyword check missed SERVICE written with a \\u escape, which
    the SPARQL grammar decodes before parsing (pyoxigraph then called out)."""
    from secgraph.server.guard import calls_service  # noqa: PLC0415

    for query in QUERIES:
        assert calls_service(query.replace("URL", "http://127.0.0.1:9/"))
