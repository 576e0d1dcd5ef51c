"""SHACL over a whole store, a few filings at a time, gives the verdicts of one big graph.

``secgraph validate`` no longer loads the store into one rdflib graph: it checks chunks of
filing graphs (with the resolution graph's statements about their resources and the types of
what they point to), then the resolution graph in chunks of subjects. The traps: a resource
checked without the statements that make it conform (a false violation), a violation lost
because its resource fell between chunks, a report that does not say which filing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_support import build_store, parsed_seeds, selector
from secgraph.graph import RESOLUTION_GRAPH, shacl_store, validate
from secgraph.graph.iris import POSITIONS_GRAPH, SUMMARY_GRAPH
from secgraph.graph.positions import position_quads
from secgraph.graph.shacl_store import validate_store
from secgraph.graph.vocab import SG, XSD
from secgraph.store import OxigraphStore


@pytest.fixture
def seed_quads() -> list[ox.Quad]:
    return list(build_store(parsed_seeds(), ontology=False))


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """One filing and a few resolution subjects per chunk: every boundary is crossed."""
    monkeypatch.setattr(shacl_store, "FILINGS_PER_CHUNK", 1)
    monkeypatch.setattr(shacl_store, "SUBJECTS_PER_CHUNK", 3)


def _store(tmp_path: Path, quads: list[ox.Quad]) -> Iterator[OxigraphStore]:
    store = OxigraphStore.open(tmp_path / "store")
    store.bulk_load(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"", format=NQ)
    yield store
    store.close()


NQ = ox.RdfFormat.N_QUADS


def test_the_seed_store_conforms_chunk_by_chunk(
    tmp_path: Path, seed_quads: list[ox.Quad], small_chunks: None
) -> None:
    """Trap: an entity checked in a chunk without the filing that names it, or a canonical
    node without its own sg:canonical, reported as a violation."""
    assert validate(seed_quads)[0]
    for store in _store(tmp_path, seed_quads):
        report = validate_store(store)
        assert report.conforms, report.text()
        assert report.chunks > 5


def test_violations_in_filings_and_resolution_are_all_found(
    tmp_path: Path, seed_quads: list[ox.Quad], small_chunks: None
) -> None:
    """Trap: a violation dropped because its resource is only pointed to from another chunk;
    the report must name the filing graph of a filing's resource."""
    role = next(q.subject for q in seed_quads if q.object == SG.Role)
    judgement = next(q.subject for q in seed_quads if q.object == SG.Judgement)
    assert isinstance(role, ox.NamedNode) and isinstance(judgement, ox.NamedNode)
    role_graph = next(q.graph_name for q in seed_quads if q.subject == role)
    broken = [
        q
        for q in seed_quads
        if not (q.subject == role and q.predicate == SG.sourceFiling)
        and not (q.subject == judgement and q.predicate == SG.score)
    ]
    bad_score = ox.Literal("1.5", datatype=ox.NamedNode(XSD + "decimal"))
    broken.append(ox.Quad(judgement, SG.score, bad_score, RESOLUTION_GRAPH))
    conforms, whole = validate(broken)
    assert not conforms
    for store in _store(tmp_path, broken):
        report = validate_store(store)
        assert not report.conforms
        text = report.text()
        assert f"Constraint violation on <{role.value}>" in text
        assert f"in graph: {role_graph.value}" in text
        assert f"Constraint violation on <{judgement.value}>" in text
        assert len(report.results) == whole.count("Focus Node:")


@pytest.fixture
def built_quads() -> list[ox.Quad]:
    """The seeds' store with every derived graph a build writes, the positions graph too."""
    store = build_store(parsed_seeds(), ontology=False)
    store.extend(list(position_quads(selector(store))))
    return list(store)


def test_derived_graphs_are_not_checked_as_filings(
    tmp_path: Path, built_quads: list[ox.Quad], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Trap: the summary and positions graphs taken for filing graphs. In a chunk with them,
    an entity they mention becomes a subject of the chunk without its types, so a
    ``sg:canonical`` pointing at it fails ``sh:class`` (found on a 2,500-filing store); and
    the whole positions graph lands in one chunk, so memory follows the store."""
    assert any(q.graph_name == POSITIONS_GRAPH for q in built_quads)
    assert any(q.graph_name == SUMMARY_GRAPH for q in built_quads)
    chunks: list[list[ox.NamedNode]] = []
    real = shacl_store._check

    def spy(*args: object, where: list[ox.NamedNode]) -> None:
        chunks.append(where)
        real(*args, where=where)  # type: ignore[arg-type]

    monkeypatch.setattr(shacl_store, "_check", spy)
    for store in _store(tmp_path, built_quads):
        assert validate_store(store).conforms
    filings = {g for chunk in chunks for g in chunk}
    assert filings and not filings & {POSITIONS_GRAPH, SUMMARY_GRAPH, RESOLUTION_GRAPH}


def test_a_broken_position_is_found(
    tmp_path: Path, built_quads: list[ox.Quad], small_chunks: None
) -> None:
    """Trap: the positions graph left unchecked once it is not a filing chunk: a position
    without its title key (every position has one) must be reported."""
    position = next(q.subject for q in built_quads if q.object == SG.Position)
    broken = [q for q in built_quads if not (q.subject == position and q.predicate == SG.titleKey)]
    assert len(broken) == len(built_quads) - 1
    for store in _store(tmp_path, broken):
        report = validate_store(store)
        assert not report.conforms
        assert f"Constraint violation on <{position.value}>" in report.text()
        assert "titleKey" in report.text()


def test_a_chunk_closes_on_its_statements(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trap: chunks of a fixed number of filings, whose largest (and so the peak memory of
    ``validate``) grows with the store; a filing or subject split between two chunks."""
    monkeypatch.setattr(shacl_store, "QUADS_PER_CHUNK", 10)
    q = ox.Quad(ox.NamedNode("urn:s"), SG.name, ox.Literal("x"), ox.NamedNode("urn:g"))
    items = [(ox.NamedNode(f"urn:f{i}"), [q] * n) for i, n in enumerate((5, 5, 20, 1, 1, 3))]
    chunks = [[g.value for g, _ in c] for c in shacl_store._chunks(items, 50)]
    assert chunks == [["urn:f0", "urn:f1"], ["urn:f2"], ["urn:f3", "urn:f4", "urn:f5"]]
    assert [len(c) for c in shacl_store._chunks(items, 2)] == [2, 1, 2, 1]


def test_the_seed_store_conforms_in_chunks_of_few_statements(
    tmp_path: Path, seed_quads: list[ox.Quad], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Trap: a filing cut off from the resolution statements it needs when its chunk is
    closed by size rather than by count."""
    monkeypatch.setattr(shacl_store, "QUADS_PER_CHUNK", 1)
    filings = {
        q.graph_name
        for q in seed_quads
        if isinstance(q.graph_name, ox.NamedNode)
        and q.graph_name not in {RESOLUTION_GRAPH, POSITIONS_GRAPH, SUMMARY_GRAPH}
    }
    for store in _store(tmp_path, seed_quads):
        report = validate_store(store)
        assert report.conforms, report.text()
        assert report.chunks > len(filings)


def test_a_derived_graphs_chunk_is_sized_with_its_context(
    tmp_path: Path, built_quads: list[ox.Quad], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Trap: a resolution chunk closed on its subjects' own statements while it is checked
    with the types of what they point to and the canonical nodes' statements as well (twice
    as many: at 30,000 filings its largest chunk, 29,000 statements against 12,000, set the
    peak memory of ``validate``)."""
    limit = 40
    monkeypatch.setattr(shacl_store, "QUADS_PER_CHUNK", limit)
    sizes: dict[str, list[tuple[int, int]]] = {"filing": [], "derived": []}
    check = shacl_store._check

    def counted(report, quads, focus, shapes, *, where):  # type: ignore[no-untyped-def]
        own = sum(1 for q in quads if q.graph_name in {RESOLUTION_GRAPH, POSITIONS_GRAPH})
        sizes["filing" if where else "derived"].append((len(quads), own))
        check(report, quads, focus, shapes, where=where)

    monkeypatch.setattr(shacl_store, "_check", counted)
    for store in _store(tmp_path, built_quads):
        assert validate_store(store).conforms
        largest = max(
            len(shacl_store._in_context(store.raw, s, g))
            for g in (RESOLUTION_GRAPH, POSITIONS_GRAPH)
            for s in shacl_store._subjects(store.quads(g))
        )
    derived = sizes["derived"]
    assert len(derived) > 2
    assert any(total > own for total, own in derived)  # context was there to count
    # A chunk stops taking subjects once it holds the limit, context included.
    assert all(total < limit + largest for total, _ in derived)
