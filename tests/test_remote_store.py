"""A SPARQL server as the store (``--store URL``): the same answers as the embedded store.

The corpus (tests/corpus) is built into an embedded store once; its quads are written through
:class:`RemoteStore` (the Graph Store Protocol) into ``oxigraph serve`` on 127.0.0.1, and
every named query (as a listing and with an entity given), ``lookup``, ``path``, ``export``
and ``validate`` answer the same from both. Terms are compared by value: engines may spell a
boolean, a number or a plain string's datatype differently."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from oxigraph_server import SERVER, oxigraph_serve
from secgraph.build import build
from secgraph.graph.queries import named_query, query_names, run_named
from secgraph.graph.shacl_store import validate_store
from secgraph.lookup import Dossier, lookup
from secgraph.store import GraphStore, open_store
from secgraph.store.remote import RemoteStore
from secgraph.views.exports import ExportOptions, export
from secgraph.views.formats import ExportFormat
from secgraph.views.paths import search_paths
from secgraph.views.scope import Scope

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
SEEDS = ROOT / "examples" / "filings"
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMBERS = {XSD + t for t in ("integer", "decimal", "double", "float", "long", "int")}
pytestmark = pytest.mark.skipif(SERVER is None, reason="the oxigraph server (pip oxigraph)")

Value = str | Decimal | bool | tuple[str, str | None] | None
Bag = Counter[tuple[Value, ...]]


def value(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> Value:
    """A term as a value: numbers as decimals, booleans as bools, other literals as their
    text and language (a plain string and an xsd:string are one value)."""
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype in NUMBERS:
            return Decimal(term.value).normalize()
        if datatype == XSD + "boolean":
            return term.value in ("true", "1")
        return term.value, term.language
    return None if term is None else term.value


#: Columns that are a GROUP_CONCAT: SPARQL leaves the order of the values unspecified
#: (Oxigraph's in-memory and on-disk stores give different orders): compared as sets.
CONCATENATED = {("insiders", "relationships"), ("offerings", "exemption")}


def rows(store: GraphStore, name: str, **params: object) -> Bag:
    columns, found = run_named(store, name, params)  # type: ignore[arg-type]
    bag: Bag = Counter()
    for row in found:
        values = [value(t) for t in row]
        for i, column in enumerate(columns):
            v = values[i]
            if (name, column) in CONCATENATED and isinstance(v, tuple):
                values[i] = (", ".join(sorted(v[0].split(", "))), v[1])
        bag[tuple(values)] += 1
    return bag


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[GraphStore, GraphStore]]:
    """The corpus built embedded, and the same quads in Oxigraph server (in memory)."""
    work = tmp_path_factory.mktemp("remote")
    build([CORPUS], work / "store", jobs=1)
    with open_store(work / "store") as local, oxigraph_serve() as url:
        data = io.BytesIO()
        local.dump(data, format=ox.RdfFormat.N_QUADS)
        with open_store(url) as remote:
            assert isinstance(remote, RemoteStore) and remote.engine.name == "oxigraph"
            remote.bulk_load(data.getvalue(), format=ox.RdfFormat.N_QUADS)
            yield local, remote


def test_the_server_holds_the_same_quads(stores: tuple[GraphStore, GraphStore]) -> None:
    """Trap: a bulk load through the Graph Store Protocol that drops or doubles quads, or
    reads graph names as the default graph."""
    local, remote = stores
    assert remote.count() == local.count() > 50_000
    assert set(remote.graphs()) == set(local.graphs())
    some = next(g for g in local.graphs() if isinstance(g, ox.NamedNode))
    assert set(remote.quads(some)) == set(local.quads(some))
    assert remote.has_graph(some)
    assert not remote.has_graph(ox.NamedNode("urn:secgraph:test:absent"))


@pytest.mark.parametrize("name", query_names())
def test_every_named_query_as_a_listing(stores: tuple[GraphStore, GraphStore], name: str) -> None:
    """Trap: the union default graph not asked for (a server's default graph is its own
    empty one: no rows), or the predeclared prefixes missing from the query's text."""
    local, remote = stores
    expected = rows(local, name)
    assert expected, name
    assert rows(remote, name) == expected


def _entity_cases() -> Iterator[tuple[str, str]]:
    for name in query_names():
        query = named_query(name)
        for param in query.params:
            if param != "filing" and param not in query.literals:
                yield name, param


@pytest.mark.parametrize(("name", "param"), list(_entity_cases()))
def test_every_named_query_for_one_entity(
    stores: tuple[GraphStore, GraphStore], name: str, param: str
) -> None:
    """Trap: a parameter's VALUES line bound on one side only (every row comes back), or a
    name resolved by the entity finder to other entities on the server."""
    local, remote = stores
    columns, found = run_named(local, name, limit=20)
    # the first entity of the listing's rows the query answers for, the parameter's column
    # first (a query may select by an entity it shows in another column: agreements' party)
    first = [row[columns.index(param)] for row in found] if param in columns else []
    candidates = [*first, *(term for row in found for term in row)]
    who, expected = next(
        (w, bag)
        for w in candidates
        if isinstance(w, ox.NamedNode) and (bag := rows(local, name, **{param: w}))
    )
    assert rows(remote, name, **{param: who}) == expected
    assert rows(remote, name, **{param: "23andMe"}) == rows(local, name, **{param: "23andMe"})


def test_a_query_with_parameters(stores: tuple[GraphStore, GraphStore]) -> None:
    """Trap: a parameter pasted as text, or bound after the pattern (a trailing VALUES keeps
    every row when the variable is unbound in some): a server gets it as a leading VALUES."""
    local, remote = stores
    sparql = (
        "SELECT ?c ?cik ?name WHERE { ?c sg:cik ?cik . OPTIONAL { ?c sg:name ?name } }"
        " ORDER BY ?name"
    )
    params = {"cik": ox.Literal("0001804591")}
    expected = [tuple(value(t) for t in r.values()) for r in local.select(sparql, params)]
    assert expected
    assert [tuple(value(t) for t in r.values()) for r in remote.select(sparql, params)] == expected
    ask = "ASK { ?c sg:cik ?cik }"
    assert remote.ask(ask, {"cik": ox.Literal('x" } ASK {')}) is False


def _names(local: GraphStore) -> list[str]:
    """Names to look up: the first companies and holders of the listings, a CIK, a ticker,
    an ambiguous first name and a name nobody has."""
    companies = [r[1] for r in run_named(local, "companies", limit=4)[1]]
    holders = [r[1] for r in run_named(local, "roles", limit=12)[1]][::3]
    picked = [t.value for t in (*companies, *holders) if isinstance(t, ox.Literal)]
    return [*picked, "1804591", "ME", "Robert", "Nobody Atall"]


def test_lookup(stores: tuple[GraphStore, GraphStore]) -> None:
    """Trap: a dossier read row by row from the server in another order, or cut elsewhere
    (the latest filings first, ``--limit`` rows a section)."""
    local, remote = stores
    names = _names(local)
    assert len(names) >= 8
    dossiers = 0
    for name in names:
        here, there = lookup(local, name, limit=3), lookup(remote, name, limit=3)
        if isinstance(here, Dossier):
            dossiers += 1
            assert isinstance(there, Dossier), name
            assert there.to_json() == here.to_json(), name
        else:
            assert not isinstance(there, Dossier), name
            assert [c.line() for c in there] == [c.line() for c in here], name
    assert dossiers >= 5


def test_path(stores: tuple[GraphStore, GraphStore]) -> None:
    """Trap: the bounded walk reading the whole store over HTTP (a server is not a
    pyoxigraph Store: it copied every quad into memory), or another chain found."""
    local, remote = stores
    for a, b in (
        ("Arie Belldegrun", "Joshua Bradley"),
        ("23andMe", "Arie Belldegrun"),
        ("1-800-FLOWERS", "William E. Shea"),
    ):
        here = search_paths(local, a, b, limit=3)
        there = search_paths(remote, a, b, limit=3)
        assert [c.text() for c in there.chains] == [c.text() for c in here.chains], (a, b)
        assert there.cut == here.cut


def _triples(data: bytes, fmt: ox.RdfFormat) -> set[ox.Triple]:
    return {q.triple for q in ox.parse(data, format=fmt)}


def test_export(stores: tuple[GraphStore, GraphStore]) -> None:
    """Trap: a dump of the whole server cut to one graph, or an --around export that walks
    another neighbourhood."""
    local, remote = stores
    around = []
    dumps = []
    for store in (local, remote):
        out = io.BytesIO()
        options = ExportOptions(scope=Scope(around="23andMe", depth=2))
        export(store, ExportFormat.NTRIPLES, out, options)
        around.append(out.getvalue())
        out = io.BytesIO()
        store.dump(out, format=ox.RdfFormat.N_QUADS)
        dumps.append(set(ox.parse(out.getvalue(), format=ox.RdfFormat.N_QUADS)))
    assert around[1] == around[0] and around[0]
    assert dumps[1] == dumps[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[GraphStore, str]]:
    """The seed filings built embedded, and the URL of a server they were built into."""
    work = tmp_path_factory.mktemp("built")
    build([SEEDS], work / "store", jobs=1)
    with oxigraph_serve() as url:
        report = build([SEEDS], url, jobs=1)
        assert not report.failed and report.loaded == 4
        with open_store(work / "store") as local:
            yield local, url


def test_build_into_a_server(built: tuple[GraphStore, str]) -> None:
    """Trap: a build to a URL that leaves out the derived graphs (resolution, positions,
    summary, ontology), or writes a filing's graph twice when it is built again."""
    local, url = built
    expected = set(local.quads())
    with open_store(url) as remote:
        assert set(remote.quads()) == expected
    again = build([SEEDS / "000_e1ed6ab97b7d8f9e.txt"], url, jobs=1)
    assert again.loaded == 1 and again.quads_loaded > 0
    with open_store(url) as remote:
        assert set(remote.quads()) == expected  # replaced, not doubled
    fresh = build([SEEDS], url, jobs=1, fresh=True)
    assert fresh.store_quads == len(expected)


def test_validate(built: tuple[GraphStore, str]) -> None:
    """Trap: the SHACL check reading a server's graphs partly (its chunks of filings and of
    resolution subjects come from the Graph Store and quad patterns)."""
    local, url = built
    here = validate_store(local)
    with open_store(url) as remote:
        there = validate_store(remote)
    assert there.conforms == here.conforms
    assert sorted(there.results) == sorted(here.results)
