"""The JSON API of ``secgraph serve`` answers what the library answers (it only calls it), and
the filing page's provenance is the file's own: its SHA-256 and its lines."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from secgraph.graph import run_named
from secgraph.lookup import Dossier, lookup
from secgraph.store import open_store
from secgraph.views import find_paths
from serving import EXAMPLES, build_examples, running

FORM3 = EXAMPLES / "002_71093b0e43aa5d3d.txt"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_examples(tmp_path_factory.mktemp("api") / "store")


@pytest.fixture(scope="module")
def client(store: Path) -> Iterator[httpx.Client]:
    with running(store) as base, httpx.Client(base_url=base, timeout=60) as c:
        yield c


def test_search_then_dossier_is_lookups(client: httpx.Client, store: Path) -> None:
    """Autocomplete on part of a name finds Panora; his dossier by IRI (the permalink) is the
    one `secgraph lookup --format json` prints."""
    hits = client.get("/api/search", params={"q": "panor"}).json()
    assert [h["name"] for h in hits] == ["Robert A Panora"]
    dossier = client.get("/api/entity", params={"iri": hits[0]["iri"]}).json()
    with open_store(store) as graph:
        expected = lookup(graph, "Robert A Panora")
    assert isinstance(expected, Dossier)
    assert dossier == expected.to_json()
    assert client.get("/api/search", params={"q": "   "}).json() == []
    missing = client.get("/api/entity", params={"iri": "https://w3id.org/secgraph/id/none"})
    assert missing.status_code == 400


def test_named_query_with_a_parameter(client: httpx.Client, store: Path) -> None:
    """/api/queries/roles?name=panora gives run_named's rows; an unknown parameter is 400."""
    answer = client.get("/api/queries/roles", params={"name": "panora"}).json()
    with open_store(store) as graph:
        columns, rows = run_named(graph, "roles", {"name": "panora"})
    assert answer["columns"] == columns
    assert [[c and c["value"] for c in row] for row in answer["rows"]] == [
        [t.value if t is not None else None for t in row] for row in rows
    ]
    assert answer["truncated"] is False
    catalogue = {q["name"]: q for q in client.get("/api/queries").json()}
    assert "name" in catalogue["roles"]["params"]
    assert client.get("/api/queries/roles", params={"nope": "x"}).status_code == 400
    assert client.get("/api/queries/no-such-query").status_code == 400


def test_path_is_secgraph_paths(client: httpx.Client, store: Path) -> None:
    """The chains between Panora and Tedom are the ones `secgraph path` prints."""
    found = client.get("/api/path", params={"from": "Panora", "to": "Tedom a.s."}).json()
    chains = found["chains"]
    assert found["cut"] is None
    with open_store(store) as graph:
        expected = find_paths(graph, "Panora", "Tedom a.s.")
    assert [c["text"] for c in chains] == [c.text() for c in expected]
    assert chains and chains[0]["labels"][0] == "Robert A Panora"
    unknown = client.get("/api/path", params={"from": "Nobody Atall", "to": "Tedom"})
    assert unknown.status_code == 404


def test_filing_provenance_and_source_lines(client: httpx.Client) -> None:
    """The Form 3's page gives the file's SHA-256 (computed here from its bytes) and, for its
    holding, line 38 of the file: "Common Stock	163,350	D"."""
    digest = hashlib.sha256(FORM3.read_bytes()).hexdigest()
    iri = f"https://w3id.org/secgraph/id/filing/sha256/{digest}"
    page = client.get("/api/filing", params={"iri": iri}).json()
    assert page["provenance"]["sha256"] == [digest]
    assert page["provenance"]["sourceFile"] == [str(FORM3)]
    assert page["source_available"] is True
    lines = FORM3.read_text(encoding="utf-8").splitlines()
    holding = next(f for f in page["facts"] if "NonDerivativeHolding" in f["types"])
    assert lines[holding["line"] - 1] == "Common Stock\t163,350\tD\t"
    assert lines[holding["line"] - 1] in holding["context"]["lines"]
    assert client.get("/api/filing", params={"iri": "urn:none"}).status_code == 400


def test_neighbourhood_grows_with_depth(client: httpx.Client) -> None:
    """Depth 0 is the node alone; depth 1 adds what it links to, with their filings."""
    hit = client.get("/api/search", params={"q": "panora"}).json()[0]
    alone = client.get("/api/neighbourhood", params={"iri": hit["iri"], "depth": 0}).json()
    around = client.get("/api/neighbourhood", params={"iri": hit["iri"], "depth": 1}).json()
    assert [n["data"]["id"] for n in alone["elements"]["nodes"]] == [hit["iri"]]
    assert len(around["elements"]["nodes"]) > 1 and around["elements"]["edges"]
    assert around["filings"]
    small = client.get(
        "/api/neighbourhood", params={"iri": hit["iri"], "depth": 1, "budget": 2}
    ).json()
    assert small["cut"] is True and len(small["elements"]["nodes"]) < len(
        around["elements"]["nodes"]
    )
    too_deep = client.get("/api/neighbourhood", params={"iri": hit["iri"], "depth": 9})
    assert too_deep.status_code == 422
