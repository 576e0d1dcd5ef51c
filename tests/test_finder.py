"""The entity finder: a name, CIK or ticker -> resolved entities, through keys in the
resolution graph (the seed filings: Tecogen, its officers and directors, Tedom)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph_support import build_store, parsed_seeds
from secgraph.graph import RESOLUTION_GRAPH
from secgraph.graph.finder import RESOLUTION_GRAPH as FINDER_GRAPH
from secgraph.graph.finder import EntityMatch, denoted, find_entities, name_keys
from secgraph.graph.vocab import ID_NS, SG

TECOGEN = ID_NS + "company/cik/0001537435"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return build_store(parsed_seeds())


def found(store: ox.Store, text: str) -> list[tuple[str | None, str, str]]:
    return [(m.name, m.kind, m.how) for m in find_entities(store, text)]


def test_keys_of_a_name_fold_case_accents_and_punctuation() -> None:
    """Trap: 'Müller-Lüdenscheidt, Inc.' typed as 'muller ludenscheidt inc'."""
    assert name_keys("Müller-Lüdenscheidt, Inc.") == {
        "name:inc ludenscheidt muller",
        "token:muller",
        "token:ludenscheidt",
        "token:inc",
        "prefix:mul",
        "prefix:lud",
        "prefix:inc",
    }
    assert name_keys("PANORA ROBERT A") == name_keys("Robert A. Panora")
    assert name_keys("  ") == set()


def test_the_finder_names_the_resolution_graph_of_the_resolver() -> None:
    """Trap: the finder keeps its own copy of the graph's IRI (iris imports the models)."""
    assert FINDER_GRAPH == RESOLUTION_GRAPH


def test_keys_live_in_the_resolution_graph(store: ox.Store) -> None:
    """Trap: keys written into a filing's graph would be replaced with it (and claim to be
    what the filing states)."""
    in_resolution = list(store.quads_for_pattern(None, SG.searchKey, None, RESOLUTION_GRAPH))
    assert len(in_resolution) == len(list(store.quads_for_pattern(None, SG.searchKey, None)))
    assert ox.Literal("ticker:tgen") in {q.object for q in in_resolution}


def test_a_name_in_any_order_is_an_exact_match(store: ox.Store) -> None:
    for text in ("Robert A. Panora", "PANORA ROBERT A", "panora, robert a"):
        (match,) = find_entities(store, text)
        assert (match.name, match.kind, match.how, match.score) == (
            "Robert A Panora",
            "person",
            "exact",
            1.0,
        )


def test_a_cik_with_or_without_zeros_and_a_ticker_in_any_case(store: ox.Store) -> None:
    for text in ("1537435", "0001537435", "TGEN", "tgen"):
        matches = find_entities(store, text)
        assert [m.iri for m in matches] == [TECOGEN], text
        assert matches[0].how in {"cik", "ticker"}
        assert matches[0].kind == "company"


def test_words_then_prefixes(store: ox.Store) -> None:
    assert found(store, "panora") == [("Robert A Panora", "person", "token")]
    assert found(store, "pano") == [("Robert A Panora", "person", "prefix")]
    assert found(store, "robert pan") == [("Robert A Panora", "person", "prefix")]


def test_exact_ranks_before_words(store: ox.Store) -> None:
    """'Tedom a.s.' is one company's whole name and a word of another's."""
    matches = find_entities(store, "Tedom a.s.")
    assert (matches[0].name, matches[0].how) == ("Tedom a.s.", "exact")
    assert [m.name for m in denoted(store, "Tedom a.s.")] == ["Tedom a.s."]
    assert sorted(m.name or "" for m in denoted(store, "tedom")) == ["Tedom USA Inc.", "Tedom a.s."]


def test_people_sharing_a_surname_stay_apart(store: ox.Store) -> None:
    """The Form D names John N and George N Hatsopoulos: two people, two matches."""
    assert sorted(found(store, "hatsopoulos")) == [
        ("George N Hatsopoulos", "person", "token"),
        ("John N Hatsopoulos", "person", "token"),
    ]


def test_a_misspelt_name_gets_close_names_only_when_nothing_matches(store: ox.Store) -> None:
    """Trap: a fuzzy candidate offered beside a real match would be taken for one."""
    matches = find_entities(store, "Robret Panorra")
    assert matches and all(m.how == "fuzzy" for m in matches)
    assert matches[0].name == "Robert A Panora" and 0.6 <= matches[0].score < 1
    assert denoted(store, "Robret Panorra") == []
    assert find_entities(store, "xyzzy qwv") == []
    assert find_entities(store, "") == []


def test_a_match_says_how_it_was_found(store: ox.Store) -> None:
    (match,) = find_entities(store, "Bonnie J Brown")
    assert match == EntityMatch(match.iri, "Bonnie J Brown", "person", 1.0, "exact")
    assert match.line().startswith("Bonnie J Brown (person)  https://")
