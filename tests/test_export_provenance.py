"""Property-graph values are values; where they were read is said beside them.

Checked against the documents: the Form D seed prints Tecogen's street on line 31 and
Panora's on line 109; the Tecogen 8-K seed alone says Tecogen is a member of TTcogen LLC;
Tesla's Form 4 (0000899243-21-044060) lists its Table I rows in the order the XML gives.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from secgraph.build import build
from secgraph.graph import map_filing
from secgraph.parsers import parse_path
from secgraph.store import open_store
from secgraph.views.export_pg import flat_graph, write_csv
from secgraph.views.property_graph import project

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "filings"
FORM_D = SEEDS / "001_b9a64ac7170686a7.txt"
EIGHT_K = SEEDS / "004_785308df89b108f5.txt"
FORM_3 = SEEDS / "002_71093b0e43aa5d3d.txt"
TESLA = ROOT / "tests" / "corpus" / "form4" / "datamule_paypal__0000899243-21-044060__doc4.xml"
ID = "https://w3id.org/secgraph/id/"
TECOGEN = f"{ID}company/cik/0001537435"
Seeds = tuple[nx.MultiDiGraph, dict[str, str]]  # the projection, file name -> filing IRI


def _graph(*paths: Path) -> tuple[nx.MultiDiGraph, dict[Path, str]]:
    quads = []
    filings = {}
    for path in paths:
        mapped = map_filing(parse_path(path))
        quads += mapped.quads
        filings[path] = mapped.filing.value
    return project(quads), filings


def test_an_address_is_its_text_and_its_source_is_an_attribute_of_its_own() -> None:
    """Trap: every address carried its source line glued to the value ("..., 02451, 31"), in
    GraphML, GEXF, Cytoscape, CSV and HTML alike, since all read the projection."""
    g, filings = _graph(FORM_D)
    tecogen = g.nodes[TECOGEN]
    assert tecogen["address"] == "45 FIRST AVENUE, WALTHAM, MASSACHUSETTS, 02451"
    assert tecogen["addressSource"] == f"{filings[FORM_D]} line 31"
    assert "45 FIRST AVENUE" in FORM_D.read_text().splitlines()[30]
    flat = flat_graph(g)
    assert flat.nodes[TECOGEN]["address"] == "45 FIRST AVENUE, WALTHAM, MASSACHUSETTS, 02451"


@pytest.fixture(scope="module")
def seeds(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[nx.MultiDiGraph, dict[str, str]]]:
    """The seed filings built (entity resolution merges the people and Tecogen's nodes)."""
    target = tmp_path_factory.mktemp("seeds") / "store"
    build([SEEDS], target, jobs=1)
    with open_store(target) as store:
        filings = {
            Path(str(r["file"].value)).name: r["f"].value
            for r in store.select("SELECT ?f ?file WHERE { ?f sg:sourceFile ?file }")
        }
        yield project(store), filings


def _list(value: object) -> list[str]:
    return [value] if isinstance(value, str) else list(value)  # type: ignore[call-overload]


def test_each_address_keeps_its_own_source_in_the_same_order(
    seeds: Seeds,
) -> None:
    """Trap: two addresses and two sources listed apart, each sorted on its own, so the
    reader pairs an address with the other's line."""
    g, filings = seeds
    (panora,) = [n for n, d in g.nodes(data=True) if d.get("label") == "Robert A Panora"]
    data = g.nodes[panora]
    pairs = dict(zip(_list(data["address"]), _list(data["addressSource"]), strict=True))
    assert pairs == {
        "45 First Avenue, c/o Tecogen Inc, Waltham, MASSACHUSETTS, 02451": (
            f"{filings[FORM_D.name]} line 109"
        ),
        "55 CLIFTON ST, CAMBRIDGE, MA, 02140": f"{filings[FORM_3.name]} line 27",
    }
    assert "45 First Avenue" in FORM_D.read_text().splitlines()[108]
    assert "55 CLIFTON ST" in FORM_3.read_text().splitlines()[26]


def test_an_edge_cites_only_the_filings_that_state_it(
    seeds: Seeds,
) -> None:
    """Trap: Tecogen "member of" TTcogen LLC cited every filing naming Tecogen (the Form D,
    the Form 3, the Form 4 and the 8-K); only the 8-K says it."""
    g, filings = seeds
    ttcogen = f"{ID}company/name/ttcogen"
    (edge,) = [d for _, v, k, d in g.out_edges(TECOGEN, keys=True, data=True) if v == ttcogen]
    assert edge["property"] == "memberOf"
    assert edge["filings"] == [filings[EIGHT_K.name]]
    assert len(g.nodes[TECOGEN]["filings"]) >= 3  # the node itself is named by them all


def test_transactions_are_listed_in_filing_order() -> None:
    """Trap: nodes were inserted by IRI, so tx/nd/10 came before tx/nd/2 and a day's
    "shares owned after" jumped back and forth in every export. Rows follow the XML's order
    within a date."""
    g, _ = _graph(TESLA)
    rows = [d for _, d in g.nodes(data=True) if d["kind"] == "NonDerivativeTransaction"]
    assert len(rows) >= 10
    root = etree.fromstring(TESLA.read_bytes().strip())
    expected = [
        (el.findtext("transactionDate/value"), i)
        for i, el in enumerate(root.iter("nonDerivativeTransaction"))
    ]
    expected.sort(key=lambda x: (x[0], x[1]))
    after = [
        el.findtext("postTransactionAmounts/sharesOwnedFollowingTransaction/value")
        for el in root.iter("nonDerivativeTransaction")
    ]
    assert [(d["transactionDate"], int(d["rowIndex"])) for d in rows] == expected
    assert [d["sharesOwnedAfter"] for d in rows] == [after[i] for _, i in expected]


def test_csv_rows_keep_the_projection_order(tmp_path: Path) -> None:
    """Trap: an exporter re-sorting nodes by id undoes the filing order."""
    g, _ = _graph(TESLA)
    nodes_path, _ = write_csv(g, tmp_path / "g.csv")
    with nodes_path.open(encoding="utf-8", newline="") as fh:
        in_csv = [row["id"] for row in csv.DictReader(fh)]
    assert in_csv == list(g.nodes)
