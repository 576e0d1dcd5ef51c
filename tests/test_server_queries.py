"""The named queries run unchanged on a SPARQL 1.1 server (``oxigraph serve`` from PyPI, the
version of pyoxigraph), with parameters given the way a server user gives them: the query as
shipped (every row), its ``VALUES ?p { UNDEF }`` line given a value, or a trailing
``VALUES ?p { ... }`` appended. All three answer what ``run_named`` answers.

The server runs on 127.0.0.1 over a copy of a store built from the seed filings, from this
module's fixture, and is stopped when the module is done."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sysconfig
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from secgraph.build import build
from secgraph.graph import run_named
from secgraph.graph.queries import load_query, named_query, query_names
from secgraph.graph.vocab import ID_NS
from secgraph.store import GraphStore, open_store
from secgraph.store.generations import live

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "filings"
# The `oxigraph` wheel's binary, beside this interpreter (a venv's bin/), else on the PATH.
SERVER = shutil.which("oxigraph", path=sysconfig.get_path("scripts")) or shutil.which("oxigraph")
TECOGEN = ID_NS + "company/cik/0001537435"
pytestmark = pytest.mark.skipif(SERVER is None, reason="the oxigraph server (pip oxigraph)")
Bag = Counter[tuple[tuple[str, str], ...]]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[GraphStore, str]]:
    """The seed store opened here, and the URL of a server over a copy of it."""
    work = tmp_path_factory.mktemp("server")
    build([SEEDS], work / "store", jobs=1)
    shutil.copytree(work / "store", work / "served")
    served = live(work / "served")  # the store folder's live generation: a RocksDB store
    assert SERVER is not None and served is not None
    port = _free_port()
    server = subprocess.Popen(
        [
            SERVER,
            "serve-read-only",
            "--location",
            str(served),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                _ask(url, "ASK {}")
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.1)
        with open_store(work / "store") as store:
            yield store, url
    finally:
        server.terminate()
        server.wait(timeout=30)


def _post(url: str, query: str) -> dict[str, object]:
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(
        url, data=data, headers={"Accept": "application/sparql-results+json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())  # type: ignore[no-any-return]


def _ask(url: str, query: str) -> bool:
    return bool(_post(url, query)["boolean"])


def _served(url: str, query: str) -> Bag:
    doc = _post(url, query)
    bindings = doc["results"]["bindings"]  # type: ignore[index]
    return Counter(
        tuple(sorted((k, v["value"]) for k, v in row.items()))  # type: ignore[union-attr]
        for row in bindings  # type: ignore[union-attr]
    )


def _local(store: GraphStore, name: str, **params: object) -> Bag:
    columns, rows = run_named(store, name, params)  # type: ignore[arg-type]
    return Counter(
        tuple(sorted((c, t.value) for c, t in zip(columns, row, strict=True) if t is not None))
        for row in rows
    )


def test_the_server_is_the_version_of_pyoxigraph() -> None:
    """Trap: the query plans (and these tests) are those of one Oxigraph version."""
    assert SERVER is not None
    version = subprocess.run([SERVER, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.split()[-1] == ox.__version__


@pytest.mark.parametrize("name", query_names())
def test_as_shipped_every_row(stores: tuple[GraphStore, str], name: str) -> None:
    store, url = stores
    assert _served(url, load_query(name)) == _local(store, name)


NOBODY = ox.NamedNode(ID_NS + "company/cik/0000000000")


def _bound_cases() -> Iterator[tuple[str, str]]:
    for name in query_names():
        for param in named_query(name).params:
            if param != "filing" and param not in named_query(name).literals:
                yield name, param  # an entity parameter each (filings by node: in lookup)


@pytest.mark.parametrize(("name", "param"), list(_bound_cases()))
def test_a_parameter_given_on_the_server(
    stores: tuple[GraphStore, str], name: str, param: str
) -> None:
    """Trap: a trailing VALUES joins compatibly with an unbound variable, or after grouping
    with a variable out of scope: either way every row came back (the first version)."""
    store, url = stores
    columns, rows = run_named(store, name)
    who = rows[0][columns.index(param)] if param in columns else ox.NamedNode(TECOGEN)
    assert isinstance(who, ox.NamedNode)
    local = _local(store, name, **{param: who})
    assert local, (name, param)
    text = load_query(name)
    for iri, expected in ((who, local), (NOBODY, Counter())):
        edited = text.replace(f"VALUES ?{param} {{ UNDEF }}", f"VALUES ?{param} {{ {iri} }}")
        assert edited != text
        assert _served(url, edited) == expected, (name, param, iri)
        assert _served(url, text + f"VALUES ?{param} {{ {iri} }}\n") == expected, (name, iri)
