"""The mentions a build notes while mapping are the mentions SPARQL reads from the store.

A fresh build resolves entities from the facts the mapper noted (graph.mentions) instead of
scanning the store: both sources must give the same mentions, hence the same resolution.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_support import FORM3, SEEDS, selector
from secgraph.batch import iter_input_files, parse_file
from secgraph.graph import map_filing
from secgraph.graph.judge import Mention
from secgraph.graph.mapper import MappedFiling
from secgraph.graph.mentions import MentionIndex, read_mentions
from secgraph.graph.resolve import resolution_quads

CORPUS = Path(__file__).parent / "corpus"


def _view(m: Mention) -> tuple[object, ...]:
    return (
        sorted(m.kinds),
        m.names,
        sorted(m.conformed),
        (m.first, m.middle, m.last, m.suffix, m.cik, m.missing),
        sorted(m.tickers),
        sorted(m.affiliations),
        sorted(m.role_kinds),
    )


@pytest.fixture(scope="module")
def mapped() -> list[MappedFiling]:
    out = []
    for path in iter_input_files([SEEDS, CORPUS]):
        outcome = parse_file(path)
        if outcome.parsed is not None:
            out.append(map_filing(outcome.parsed, parser_name=outcome.parser))
    assert len(out) > 120  # the four seeds and the corpus files that parse
    return out


@pytest.fixture(scope="module")
def store(mapped: list[MappedFiling]) -> ox.Store:
    store = ox.Store()
    for m in mapped:
        store.extend(m.quads)
    return store


def _noted(filings: list[MappedFiling]) -> dict[str, Mention]:
    index = MentionIndex()
    for m in filings:
        index.add(m.entity_facts)
    return index.mentions()


def test_noted_mentions_equal_the_mentions_sparql_reads(
    mapped: list[MappedFiling], store: ox.Store
) -> None:
    """Trap: a name or link the mapper writes without noting it (a new mapper path), or an
    affiliation joined differently from AFFILIATION_QUERY."""
    read = read_mentions(selector(store))
    noted = _noted(mapped)
    assert sorted(noted) == sorted(read)
    assert {iri: _view(m) for iri, m in noted.items()} == {iri: _view(m) for iri, m in read.items()}
    # not a vacuous comparison: people, organizations, affiliations and role kinds are there
    assert sum(m.kind == "person" for m in read.values()) > 100
    assert sum(bool(m.affiliations) for m in read.values()) > 100


def test_noted_mentions_do_not_depend_on_filing_order(mapped: list[MappedFiling]) -> None:
    forward = _noted(mapped)
    backward = _noted(list(reversed(mapped)))
    assert {i: _view(m) for i, m in forward.items()} == {i: _view(m) for i, m in backward.items()}


def test_resolution_from_noted_mentions_equals_resolution_from_the_store(
    mapped: list[MappedFiling], store: ox.Store
) -> None:
    from_store = set(resolution_quads(read_mentions(selector(store))))
    noted = set(resolution_quads(_noted(mapped)))
    assert noted == from_store
    assert len(noted) > 1000


def test_form3_seed_mention_of_panora() -> None:
    """examples/filings/002 (Form 3): issuer TECOGEN INC. [TGEN]; reporting owner PANORA
    ROBERT A, Officer ("COO and President"); signed "/s/ Robert A. Panora"."""
    outcome = parse_file(SEEDS / FORM3)
    assert outcome.parsed is not None
    facts = map_filing(outcome.parsed).entity_facts
    index = MentionIndex()
    index.add(facts)
    people = [m for m in index.mentions().values() if m.kind == "person"]
    assert len(people) == 1
    panora = people[0]
    assert panora.names == ["PANORA ROBERT A", "Robert A. Panora"]
    assert (panora.first, panora.middle, panora.last) == ("ROBERT", "A", "PANORA")
    assert panora.role_kinds == {"Officer"}
    (company,) = (m for m in index.mentions().values() if m.kind == "organization")
    assert company.names == ["TECOGEN INC."]
    assert company.tickers == {"TGEN"}
    assert panora.affiliations == {company.iri}
