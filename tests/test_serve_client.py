"""A SPARQL client (SPARQLWrapper, as analysts use from Python) gets from ``secgraph serve``
the same rows ``secgraph query --named`` gives, for every named query: the .rq files run
unchanged on a SPARQL 1.1 server, and the server's default graph is the CLI's union."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from secgraph.graph import load_query, query_names, run_named
from secgraph.store import open_store
from serving import build_examples, running


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_examples(tmp_path_factory.mktemp("client") / "store")


@pytest.fixture(scope="module")
def endpoint(store: Path) -> Iterator[str]:
    with running(store, max_rows=100_000) as base:
        yield base + "/sparql"


def _client_rows(endpoint: str, sparql: str) -> tuple[list[str], list[tuple[str | None, ...]]]:
    client = SPARQLWrapper(endpoint)
    client.setMethod(POST)
    client.setQuery(sparql)
    client.setReturnFormat(JSON)
    doc = client.query().convert()
    assert isinstance(doc, dict)
    columns = list(doc["head"]["vars"])
    rows = [
        tuple(b[c]["value"] if c in b else None for c in columns)
        for b in doc["results"]["bindings"]
    ]
    return columns, rows


@pytest.mark.parametrize("name", query_names())
def test_named_query_through_sparqlwrapper_matches_run_named(
    name: str, store: Path, endpoint: str
) -> None:
    """Every named query, unbound (no filter), over HTTP: same columns, same rows in the same
    order as the library's run_named on the same store."""
    columns, rows = _client_rows(endpoint, load_query(name))
    with open_store(store) as graph:
        expected_columns, expected = run_named(graph, name)
    assert columns == expected_columns
    assert rows == [tuple(t.value if t is not None else None for t in row) for row in expected]
    assert rows, f"{name}: the example graph should answer every named query"
