"""QLever as the store: run where a QLever server holding the corpus is given, skipped
otherwise (QLever comes as a Docker image or a source build, neither of which `make test`
installs).

To run it: build the corpus (``secgraph build tests/corpus --store DIR --fresh``), export it
(``secgraph export --format nquads --store DIR -o corpus.nq``), index it with QLever (a
Qleverfile whose input is ``corpus.nq``, ``qlever index``, ``qlever start``), then
``QLEVER_URL=http://HOST:PORT make test``. Every named query is compared by value with the
embedded store's answer."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from answers import rows
from secgraph.build import build
from secgraph.graph.queries import query_names
from secgraph.store import GraphStore, open_store
from secgraph.store.remote import RemoteStore

ROOT = Path(__file__).resolve().parents[1]
QLEVER_URL = os.environ.get("QLEVER_URL")
pytestmark = pytest.mark.skipif(
    not QLEVER_URL,
    reason="QLEVER_URL not set: no QLever server here (it comes as a Docker image or a "
    "source build); give the URL of one holding tests/corpus to run these",
)


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[GraphStore, GraphStore]]:
    work = tmp_path_factory.mktemp("qlever")
    build([ROOT / "tests" / "corpus"], work / "store", jobs=1)
    assert QLEVER_URL is not None
    spec = QLEVER_URL if "#" in QLEVER_URL else QLEVER_URL + "#qlever"
    with open_store(work / "store") as local, open_store(spec) as remote:
        assert isinstance(remote, RemoteStore)
        yield local, remote


def test_it_holds_the_corpus(stores: tuple[GraphStore, GraphStore]) -> None:
    """Trap: comparing answers with a server that holds other data."""
    local, remote = stores
    assert remote.count() == local.count()


@pytest.mark.parametrize("name", query_names())
def test_every_named_query(stores: tuple[GraphStore, GraphStore], name: str) -> None:
    """Trap: an answer QLever spells otherwise taken for another value."""
    local, remote = stores
    assert rows(remote, name) == rows(local, name)
