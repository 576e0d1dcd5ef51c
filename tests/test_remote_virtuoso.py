"""Virtuoso as the store (``--store URL``): what its dialect allows, pinned.

The corpus is built into an embedded store and, through the remote store (its Graph Store
Protocol and SPARQL Update endpoints, with digest auth), into a new Virtuoso 7 database from
Debian. Eight named queries, ``path`` and ``export --around`` answer as the
embedded store does; five queries do not, for reasons of Virtuoso's own, and one
(``agreements``) not always (the README's "Scaling out" section says so): each wrong one is
pinned, so that a Virtuoso that answers it right fails here and the README is corrected."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from answers import rows, statements
from secgraph.build import build
from secgraph.errors import QueryError, StoreError
from secgraph.graph.queries import query_names
from secgraph.lookup import lookup
from secgraph.store import GraphStore, open_store
from secgraph.store.remote import RemoteStore
from secgraph.views.exports import ExportOptions, export
from secgraph.views.formats import ExportFormat
from secgraph.views.paths import search_paths
from secgraph.views.scope import Scope
from virtuoso_server import VIRTUOSO, virtuoso

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
pytestmark = pytest.mark.skipif(
    VIRTUOSO is None, reason="Debian virtuoso-opensource-7-bin (make system-deps)"
)

#: The named queries Virtuoso 7.2 answers wrongly or refuses, and how.
BROKEN = {
    "companies": "?company, bound by VALUES and grouped on, comes back unbound",
    "connections": "no rows",
    "entities": "refused: a grouped sub-select's variable outside its GROUP BY (SP031)",
    "insiders": "error: STRDT with a datatype IRI computed in the query",
    "officers": "most rows missing",
}


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[GraphStore, GraphStore]]:
    work = tmp_path_factory.mktemp("virtuoso")
    build([CORPUS], work / "store", jobs=1)
    with open_store(work / "store") as local, virtuoso(work) as url, open_store(url) as remote:
        assert isinstance(remote, RemoteStore) and remote.engine.name == "virtuoso"
        data = io.BytesIO()
        local.dump(data, format=ox.RdfFormat.N_QUADS)
        remote.bulk_load(data.getvalue(), format=ox.RdfFormat.N_QUADS)
        yield local, remote


def test_the_same_quads(stores: tuple[GraphStore, GraphStore]) -> None:
    """Trap: Virtuoso's own graphs (its RDF views' schema, the service description) counted
    as the store's, or a graph written twice by the per-graph Graph Store POSTs. Values are
    compared: Virtuoso gives a boolean back as "1"."""
    local, remote = stores
    graphs = set(local.graphs())
    assert set(remote.graphs()) == graphs
    assert remote.count() == local.count()
    for graph in sorted(graphs, key=str)[:: len(graphs) // 10]:
        assert statements(remote.quads(graph)) == statements(local.quads(graph))


#: Right in some runs, not in others: 2 of its 111 rows came back twice in one run of three.
UNSTABLE = {"agreements"}


@pytest.mark.parametrize("name", [n for n in query_names() if n not in BROKEN.keys() | UNSTABLE])
def test_named_queries_it_answers(stores: tuple[GraphStore, GraphStore], name: str) -> None:
    """Trap: a boolean, a number or a plain string spelled otherwise by Virtuoso taken
    for another value; or the union default graph missing (no rows)."""
    local, remote = stores
    expected = rows(local, name)
    assert expected
    assert rows(remote, name) == expected


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_named_queries_it_gets_wrong(stores: tuple[GraphStore, GraphStore], name: str) -> None:
    """Pins the README's list: each of these is wrong or refused on Virtuoso 7.2."""
    local, remote = stores
    try:
        answered = rows(remote, name)
    except (QueryError, StoreError):
        return
    assert answered != rows(local, name), BROKEN[name]


def test_lookup_needs_the_entities_query(stores: tuple[GraphStore, GraphStore]) -> None:
    """Pins the README: ``lookup`` reads the entities query, which Virtuoso refuses."""
    _, remote = stores
    with pytest.raises(QueryError, match="SP031"):
        lookup(remote, "23andMe")


def test_path_and_export_around(stores: tuple[GraphStore, GraphStore]) -> None:
    """Trap: the views' quad-pattern reads answered otherwise by Virtuoso."""
    local, remote = stores
    here = search_paths(local, "Arie Belldegrun", "Joshua Bradley", limit=3)
    there = search_paths(remote, "Arie Belldegrun", "Joshua Bradley", limit=3)
    assert [c.text() for c in there.chains] == [c.text() for c in here.chains]
    outputs = []
    for store in (local, remote):
        out = io.BytesIO()
        export(store, ExportFormat.NTRIPLES, out, ExportOptions(scope=Scope(around="23andMe")))
        outputs.append(out.getvalue())
    # Virtuoso writes a boolean "1": the same value as secgraph's "true"
    assert statements(outputs[1]) == statements(outputs[0]) and outputs[0]


def test_build(tmp_path: Path, stores: tuple[GraphStore, GraphStore]) -> None:
    """Trap: a build into Virtuoso whose --fresh leaves graphs behind (Virtuoso takes
    ``DROP ALL`` and drops nothing), or whose writes are refused without credentials.

    Pinned: the summary graph is computed by queries over the store, and Virtuoso leaves
    some organizations out of their listing (``sg:listedIn``); everything else is equal."""
    _, remote = stores
    seeds = ROOT / "examples" / "filings"
    build([seeds], tmp_path / "store", jobs=1)
    report = build([seeds], f"{remote.url}#virtuoso", jobs=1, fresh=True)
    assert not report.failed
    with open_store(tmp_path / "store") as local:
        here_quads, there_quads = statements(local.quads()), statements(remote.quads())
    assert there_quads < here_quads
    listed = "https://w3id.org/secgraph/ontology#listedIn"
    assert {q[1] for q in here_quads - there_quads} == {listed}
