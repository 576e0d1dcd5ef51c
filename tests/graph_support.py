"""Helpers of the graph tests: the seed filings parsed, a store built from them, resolution."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from secgraph.graph import map_filing, ontology_quads, resolve
from secgraph.graph.resolve import Row
from secgraph.models import ParsedFiling
from secgraph.parsers import parse_path

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "filings"
FORM4, FORMD, FORM3, EIGHTK = (
    "000_e1ed6ab97b7d8f9e.txt",
    "001_b9a64ac7170686a7.txt",
    "002_71093b0e43aa5d3d.txt",
    "004_785308df89b108f5.txt",
)


def parsed_seeds() -> list[ParsedFiling]:
    """The four seed filings of examples/filings/, through the parsers."""
    return [parse_path(SEEDS / name) for name in (FORM4, FORMD, FORM3, EIGHTK)]


def selector(store: ox.Store) -> Callable[[str], Iterator[Row]]:
    def select(query: str) -> Iterator[Row]:
        solutions = store.query(query, use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)
        names = [v.value for v in solutions.variables]
        for solution in solutions:
            yield {n: solution[n] for n in names if solution[n] is not None}

    return select


def build_store(filings: Iterable[ParsedFiling], *, ontology: bool = True) -> ox.Store:
    """A store holding the filings' graphs, the ontology graph and the resolution graph."""
    store = ox.Store()
    for parsed in filings:
        store.extend(map_filing(parsed).quads)
    if ontology:
        store.extend(ontology_quads())
    store.extend(resolve(selector(store)))
    return store
