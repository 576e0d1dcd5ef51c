"""Listings (named queries with no entity given) read page by page from the summary graph.

A page of a listing is read block by block of the summary graph's ranks
(:mod:`secgraph.graph.summary`), never by sorting every row of the store. The pages must
add up to the whole answer, in its order, with nothing lost where a block or a page ends.
The corpus store of a real build is used: many entities (several blocks of
:data:`~secgraph.graph.summary.BLOCK`), organizations and people, amended filings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from secgraph.build import build
from secgraph.graph.iris import SUMMARY_GRAPH
from secgraph.graph.queries import named_query, query_names, run_named
from secgraph.graph.summary import BLOCK
from secgraph.graph.vocab import SG
from secgraph.store import GraphStore, open_store

CORPUS = Path(__file__).resolve().parent / "corpus"
PAGED = [n for n in query_names() if named_query(n).paged_by]
Row = tuple[ox.NamedNode | ox.BlankNode | ox.Literal | None, ...]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    target = tmp_path_factory.mktemp("listing") / "store"
    build([CORPUS], target, jobs=1)
    with open_store(target) as opened:
        yield opened


def _key(query: str, columns: list[str], row: Row) -> str:
    """The entity (or filing) a listing is sorted by first."""
    paged_by = named_query(query).paged_by
    assert paged_by is not None
    term = row[columns.index(paged_by[0])]
    return term.value if term is not None else ""


def _all_pages(store: GraphStore, query: str, size: int) -> tuple[list[str], list[Row]]:
    rows: list[Row] = []
    offset = 0
    while True:
        columns, page = run_named(store, query, limit=size, offset=offset)
        assert len(page) <= size
        rows.extend(page)
        if len(page) < size:
            return columns, rows
        offset += size


def test_the_listings_that_page() -> None:
    """Trap: a query sorted by an entity's name that is not read block by block costs a sort
    of the whole store for its first page."""
    assert set(PAGED) == {
        "companies", "connections", "counts", "entities", "filings", "holdings",
        "insiders", "mentions", "offerings", "officers", "positions", "roles", "transactions",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("query", "listing"),
    [("transactions", "issuers"), ("offerings", "offerers"), ("holdings", "holders")],
)
def test_a_listing_of_entities_with_records_holds_every_one_and_no_other(
    corpus: GraphStore, query: str, listing: str
) -> None:
    """Trap: a listing that pages by every organization runs its query for each company with
    no such record (4-7 ms each, and hundreds of them come first in name order on 100,000
    filings); a sublist that misses an entity loses its rows from every page."""
    paged_by = named_query(query).paged_by
    assert paged_by is not None and paged_by[1] == listing
    columns, whole = run_named(corpus, query)
    answering = {r[columns.index(paged_by[0])] for r in whole}
    listed = {
        q.subject
        for q in corpus.raw.quads_for_pattern(None, SG.listedIn, None, SUMMARY_GRAPH)
        if f"/list/{listing}/" in q.object.value
    }
    assert answering and listed == answering


def test_the_corpus_spans_several_blocks(corpus: GraphStore) -> None:
    """Trap: a store of one block would never test where a block ends."""
    blocks = {
        q.object.value for q in corpus.raw.quads_for_pattern(None, SG.listedIn, None, SUMMARY_GRAPH)
    }
    assert sum("/list/entities/" in b for b in blocks) >= 4, BLOCK
    assert sum("/list/organizations/" in b for b in blocks) >= 2
    assert sum("/list/filings/" in b for b in blocks) >= 4


@pytest.mark.parametrize("query", PAGED)
def test_pages_add_up_to_the_answer(corpus: GraphStore, query: str) -> None:
    """Trap: a row lost or repeated where a page or a block ends, or pages out of the
    listing's order."""
    columns, whole = run_named(corpus, query)  # one query, sorted by the engine
    assert whole
    for size in (len(whole) // 5 + 1, 100):  # pages that end inside blocks, and the default
        paged_columns, paged = _all_pages(corpus, query, size)
        assert paged_columns == columns
        assert len(paged) == len(whole)
        assert Counter(paged) == Counter(whole)
        # the same order of entities (rows of one entity may tie in the sort keys)
        assert [_key(query, columns, r) for r in paged] == [_key(query, columns, r) for r in whole]
        if named_query(query).sized_by:  # a total order: every row in its place
            assert paged == whole


def test_listings_sized_by_counts_have_a_total_order() -> None:
    """Trap: a listing that binds as many entities as the rows still needed, with rows that
    tie in every sort key, puts tied rows in an order that depends on the entities bound
    together: a row repeated at a page's end and another lost. Such a listing sorts by its
    record node last."""
    sized = {n: named_query(n) for n in PAGED if named_query(n).sized_by}
    assert set(sized) == {"transactions", "holdings"}
    for query in sized.values():
        last = query.text.rstrip().splitlines()[-1]
        assert last.startswith("ORDER BY") and last.split()[-1] in {"?t", "?k"}, last


def test_past_the_end_is_empty(corpus: GraphStore) -> None:
    """Trap: an offset past the last row answering the first rows again, or failing."""
    columns, whole = run_named(corpus, "companies")
    paged_columns, rows = run_named(corpus, "companies", limit=10, offset=len(whole) + 5)
    assert rows == []
    assert paged_columns == columns


def test_a_store_without_summary_still_answers(corpus: GraphStore, tmp_path: Path) -> None:
    """Trap: a store built before the summary graph existed (or by another tool) answering
    no rows: the listing falls back to one sorted query."""
    copy = tmp_path / "copy"
    corpus.raw.backup(str(copy))
    raw = ox.Store(str(copy))
    raw.remove_graph(SUMMARY_GRAPH)
    _, whole = run_named(corpus, "roles")
    _, first = run_named(raw, "roles", limit=5)
    assert len(first) == 5
    assert set(first) <= set(whole)


def test_counts_read_from_the_summary_equal_the_records_counted(corpus: GraphStore) -> None:
    """Trap: a count made at build time that differs from counting the entity's records (a
    record kind, a member of the cluster or a superseded filing counted another way), or a
    listing of counts that binds entities one by one and counts each one's records (a
    company with 152 roles at it: 5 ms for a row of two)."""
    live = (Path(__file__).parent / "fixtures" / "queries_live" / "counts.rq").read_text()
    counted = corpus.raw.query(live, use_default_graph_as_union=True)
    assert isinstance(counted, ox.QuerySolutions)
    expected = [tuple(s) for s in counted]
    columns, rows = run_named(corpus, "counts")
    assert columns == ["entity", "record", "count"]
    assert len(rows) > 300 and rows == expected
    kinds = Counter(str(r[1].value) for r in rows if r[1] is not None)
    assert set(kinds) == {
        "filings", "roles", "roles at", "holdings", "transactions", "transactions as issuer"
    }  # fmt: skip
