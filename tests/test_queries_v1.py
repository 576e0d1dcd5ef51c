"""The entity-first named queries answer what the first version answered (same rows).

``tests/fixtures/queries_v1/`` keeps the first version's texts: every row listed, then a
``CONTAINS(LCASE(name))`` filter bound as a pyoxigraph substitution of ``?arg_*``. The new
texts start from a bound entity (a VALUES line). Both run on the seeds, the corpus and a
small synthetic set (benchmarks/synth.py); rows are compared as multisets, since a page or
an order of equal keys may differ, and the parameterized ones entity by entity: the old
query given the entity's whole preferred name (a substring of its names: it may match other
entities too, whose rows are left out) against the new one given the entity's node.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_support import build_store, parsed_seeds
from secgraph.build import build
from secgraph.graph import RESOLUTION_GRAPH, run_named
from secgraph.graph.queries import named_query, query_names
from secgraph.graph.vocab import SG
from secgraph.store import GraphStore, open_store

ROOT = Path(__file__).resolve().parents[1]
V1 = Path(__file__).resolve().parent / "fixtures" / "queries_v1"
CORPUS = ROOT / "tests" / "corpus"
Row = tuple[str | None, ...]
Store = ox.Store | GraphStore

# query -> (v1 parameter, new parameter, the column of the v1 row that must be the entity)
PARAMS: dict[str, tuple[str, str, Callable[[dict[str, str | None], str], bool]]] = {
    "roles": ("name", "name", lambda r, e: e in (r["holder"], r["company"])),
    "holdings": ("name", "holder", lambda r, e: r["holder"] == e),
    "transactions": ("company", "company", lambda r, e: r["company"] == e),
    "filings": ("company", "company", lambda r, e: r["company"] == e),
    "officers": ("company", "company", lambda r, e: r["company"] == e),
    "insiders": ("company", "company", lambda r, e: r["company"] == e),
    "offerings": ("company", "company", lambda r, e: r["company"] == e),
    "companies": ("name", "company", lambda r, e: r["company"] == e),
    "connections": ("name", "entity", lambda r, e: r["entity"] == e),
    "entities": ("name", "entity", lambda r, e: r["entity"] == e),
}


def _v1(
    store: Store, name: str, param: str | None = None, value: str | None = None
) -> list[dict[str, str | None]]:
    text = (V1 / f"{name}.rq").read_text(encoding="utf-8")
    subs = {ox.Variable(f"arg_{param}"): ox.Literal(value)} if param and value else {}
    raw = store.raw if isinstance(store, GraphStore) else store  # type: ignore[attr-defined]
    result = raw.query(text, use_default_graph_as_union=True, substitutions=subs or None)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables if not v.value.startswith("arg_")]
    return [{n: (s[n].value if s[n] is not None else None) for n in names} for s in result]


def _new(store: Store, query: str, **params: object) -> list[dict[str, str | None]]:
    columns, rows = run_named(store, query, params)  # type: ignore[arg-type]
    return [
        {c: (t.value if t is not None else None) for c, t in zip(columns, row, strict=True)}
        for row in rows
    ]


def _as_v1(name: str, row: dict[str, str | None]) -> dict[str, str | None]:
    """A new row in the first version's columns: roles had one ``date``, the start or else
    the date the filing attests the role on."""
    if name == "roles":
        row = dict(row)
        start, as_of = row.pop("start"), row.pop("asOf")
        row["date"] = start or as_of
    return row


def _parts(row: dict[str, str | None]) -> dict[str, str | None]:
    """A GROUP_CONCAT column (insiders' relationships) as its sorted parts: the order of a
    GROUP_CONCAT is the engine's, not the query's."""
    if row.get("relationships"):
        row = dict(row)
        row["relationships"] = ", ".join(sorted(str(row["relationships"]).split(", ")))
    return row


def _bag(rows: list[dict[str, str | None]]) -> Counter[Row]:
    rows = [_parts(r) for r in rows]
    return Counter(tuple(sorted(r.items(), key=lambda kv: kv[0])) for r in rows)  # type: ignore[misc]


def _entities(store: Store, limit: int) -> list[tuple[str, str]]:
    """Named canonical entities (node, preferred name), a deterministic sample. Only those
    whose preferred name is a substring of a name printed for them: the first version finds
    an entity by that substring, so "Keith Rabois" (printed "Rabois Keith" on his Forms 3
    and 4) is out of its reach and not comparable."""
    raw = store.raw if isinstance(store, GraphStore) else store  # type: ignore[attr-defined]
    result = raw.query(
        f"SELECT DISTINCT ?e ?n WHERE {{ GRAPH <{RESOLUTION_GRAPH.value}> "
        f"{{ ?e <{SG.preferredName.value}> ?n }} "
        f"?x <{SG.canonical.value}> ?e ; <{SG.name.value}> ?xn . "
        f"FILTER(CONTAINS(LCASE(STR(?xn)), LCASE(STR(?n)))) }} ORDER BY ?e",
        use_default_graph_as_union=True,
    )
    assert isinstance(result, ox.QuerySolutions)
    found = [(s["e"].value, s["n"].value) for s in result]  # type: ignore[union-attr]
    step = max(1, len(found) // limit)
    return found[::step][:limit]


#: Queries written after the entity-first rewrite, with no first version to compare with
#: (``positions`` is tested against the filings in test_positions; ``counts`` and
#: ``mentions``, which bound a lookup dossier, in test_lookup_paging).
NEW_QUERIES = {"positions", "counts", "mentions"}


def _same_unparameterized(store: Store) -> None:
    for name in sorted(set(query_names()) - NEW_QUERIES):
        old = _bag(_v1(store, name))
        new = _bag([_as_v1(name, r) for r in _new(store, name)])
        assert new == old, f"{name}: {len(new)} rows != {len(old)} rows"


def _same_for_entities(store: Store, limit: int) -> None:
    for entity, preferred in _entities(store, limit):
        for name, (old_param, new_param, about) in PARAMS.items():
            old = _bag([r for r in _v1(store, name, old_param, preferred) if about(r, entity)])
            new_rows = _new(store, name, **{new_param: ox.NamedNode(entity)})
            new = _bag([_as_v1(name, r) for r in new_rows])
            assert new == old, f"{name} of {preferred} ({entity})"
        # agreements: the agreements the entity is party to, with every party listed
        old_rows = _v1(store, "agreements", "company", preferred)
        mine = {r["agreement"] for r in old_rows if r["party"] == entity}
        old = _bag([r for r in old_rows if r["agreement"] in mine])
        assert _bag(_new(store, "agreements", company=ox.NamedNode(entity))) == old, preferred


@pytest.fixture(scope="module")
def seeds() -> ox.Store:
    return build_store(parsed_seeds())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    target = tmp_path_factory.mktemp("corpus-v1") / "store"
    build([CORPUS], target, jobs=1)
    with open_store(target) as opened:
        yield opened


def _load_synth() -> object:
    spec = importlib.util.spec_from_file_location("bench_synth", ROOT / "benchmarks" / "synth.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_synth"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """Two universes of the synthetic set (174 filings)."""
    synth = _load_synth()
    work = tmp_path_factory.mktemp("synth-v1")
    templates = len(synth.load_templates(CORPUS))  # type: ignore[attr-defined]
    for _ in synth.generate(CORPUS, work / "files", 2 * templates, 0):  # type: ignore[attr-defined]
        pass
    build([work / "files"], work / "store", jobs=1)
    with open_store(work / "store") as opened:
        yield opened


def test_every_named_query_has_a_first_version() -> None:
    """Trap: a query added without its old text would never be compared."""
    assert {p.stem for p in V1.glob("*.rq")} | NEW_QUERIES == set(query_names())
    assert set(PARAMS) | {"agreements"} | NEW_QUERIES == set(query_names())
    for name in query_names():
        assert named_query(name).params, name


def test_seeds_same_rows(seeds: ox.Store) -> None:
    """Trap: a rewritten query that drops or duplicates rows (a required pattern that was
    OPTIONAL, a grouping that merges two rows)."""
    _same_unparameterized(seeds)
    _same_for_entities(seeds, 40)


def test_corpus_same_rows(corpus: GraphStore) -> None:
    """Trap: the seeds miss shapes the corpus has (holdings without transactions, amended
    filings, signers of other companies' filings)."""
    _same_unparameterized(corpus)
    _same_for_entities(corpus, 8)


def test_synthetic_same_rows(synthetic: GraphStore) -> None:
    """Trap: many entities sharing words and shifted CIKs (the benchmark's set)."""
    _same_unparameterized(synthetic)
    _same_for_entities(synthetic, 4)
