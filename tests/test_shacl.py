"""SHACL: the seed graph conforms to ontology/shapes.ttl, and broken graphs are caught."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

import seed_records
from graph_support import build_store, parsed_seeds
from secgraph.errors import InputError
from secgraph.graph import RESOLUTION_GRAPH, map_filing, validate
from secgraph.graph.vocab import SG, XSD
from secgraph.parsers import parse_path


@pytest.fixture(scope="module")
def seed_quads() -> list[ox.Quad]:
    store = build_store(parsed_seeds(), ontology=False)
    return list(store)


def test_seed_graph_conforms(seed_quads: list[ox.Quad]) -> None:
    conforms, report = validate(seed_quads)
    assert conforms, report


def test_hand_records_and_variants_conform() -> None:
    quads = [q for parsed in seed_records.seeds() for q in map_filing(parsed).quads]
    conforms, report = validate(quads)
    assert conforms, report


def _role(quads: list[ox.Quad]) -> ox.NamedNode:
    role = next(q.subject for q in quads if q.object == SG.Role)
    assert isinstance(role, ox.NamedNode)
    return role


def test_a_role_without_its_source_filing_fails(seed_quads: list[ox.Quad]) -> None:
    role = _role(seed_quads)
    broken = [q for q in seed_quads if not (q.subject == role and q.predicate == SG.sourceFiling)]
    conforms, report = validate(broken)
    assert not conforms
    assert "sourceFiling" in report
    assert role.value in report


def test_a_row_from_two_filings_fails(seed_quads: list[ox.Quad]) -> None:
    """A filing-scoped node states exactly one source filing."""
    tx = next(q.subject for q in seed_quads if q.object == SG.NonDerivativeTransaction)
    assert isinstance(tx, ox.NamedNode)
    own = next(q.graph_name for q in seed_quads if q.subject == tx)
    other = next(q.subject for q in seed_quads if q.predicate == SG.sha256 and q.subject != own)
    assert isinstance(other, ox.NamedNode)
    conforms, report = validate([*seed_quads, ox.Quad(tx, SG.sourceFiling, other, tx)])
    assert not conforms
    assert "MaxCount" in report


def test_a_share_count_as_text_fails(seed_quads: list[ox.Quad]) -> None:
    tx = next(q.subject for q in seed_quads if q.object == SG.NonDerivativeTransaction)
    assert isinstance(tx, ox.NamedNode)
    broken = [
        ox.Quad(q.subject, q.predicate, ox.Literal("100"), q.graph_name)
        if q.subject == tx and q.predicate == SG.shares
        else q
        for q in seed_quads
    ]
    conforms, report = validate(broken)
    assert not conforms
    assert "Datatype" in report


def test_a_judgement_scored_above_one_fails(seed_quads: list[ox.Quad]) -> None:
    score = next(q for q in seed_quads if q.predicate == SG.score)
    high = ox.Literal("1.5", datatype=ox.NamedNode(XSD + "decimal"))
    broken = [
        ox.Quad(q.subject, q.predicate, high, RESOLUTION_GRAPH) if q == score else q
        for q in seed_quads
    ]
    conforms, report = validate(broken)
    assert not conforms
    assert "MaxInclusive" in report


def test_an_unnamed_person_must_say_so(seed_quads: list[ox.Quad]) -> None:
    """The unnamed reporting person passes only because sg:nameMissing says it is unnamed."""
    broken = [q for q in seed_quads if q.predicate != SG.nameMissing]
    conforms, report = validate(broken)
    assert not conforms
    assert "owner-1" in report


def test_the_corpus_graph_conforms() -> None:
    """Every real filing of tests/corpus that parses, mapped and resolved together, passes
    the shapes: real XML brings what hand records do not (joint owners, footnotes on many
    values, value-only rows, the same bytes under two paths)."""
    corpus = Path(__file__).resolve().parent / "corpus"
    filings = []
    for path in sorted(corpus.rglob("*")):
        if path.suffix in {".xml", ".txt", ".html"}:
            try:
                filings.append(parse_path(path))
            except InputError:
                continue  # the parsers' own tests cover what they refuse
    assert len(filings) > 100
    conforms, report = validate(list(build_store(filings, ontology=False)))
    assert conforms, report[:4000]


def test_a_person_named_with_a_signature_string_fails(seed_quads: list[ox.Quad]) -> None:
    """Trap: a signature line typed sg:Person ("Mithril II LP By: Mithril II GP LP, its general
    partner By: ...") must not pass: the shapes refuse signature marks in a person's name."""
    person = next(
        q.subject
        for q in seed_quads
        if q.predicate.value.endswith("type") and q.object == SG.Person
    )
    assert isinstance(person, ox.NamedNode)
    junk = ox.Literal("Mithril II LP By: Mithril II GP LP, its general partner")
    graph = next(q.graph_name for q in seed_quads if q.subject == person)
    conforms, report = validate([*seed_quads, ox.Quad(person, SG.name, junk, graph)])
    assert not conforms
    assert person.value in report


def test_a_signature_keeps_its_printed_text(seed_quads: list[ox.Quad]) -> None:
    """A sg:Signature is evidence only with the text it was read from."""
    assert any(q.object == SG.Signature for q in seed_quads)
    broken = [q for q in seed_quads if q.predicate != SG.signatureText]
    conforms, report = validate(broken)
    assert not conforms
    assert "signatureText" in report
