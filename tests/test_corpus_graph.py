"""The whole corpus through the real build: what the XML says is what the graph holds.

Counts are taken from the XML files themselves with lxml, independently of the parser."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from lxml import etree

from secgraph.build import build
from secgraph.store import GraphStore, open_store

CORPUS = Path(__file__).parent / "corpus"
ROW_TAGS = {
    "nonDerivativeTransaction",
    "derivativeTransaction",
    "nonDerivativeHolding",
    "derivativeHolding",
}
THIEL_CIK = "0001211060"


def _ownership_xml_files() -> list[Path]:
    return sorted(p for d in ("form3", "form4", "form5") for p in (CORPUS / d).glob("*.xml"))


def _xml(path: Path) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(path.read_bytes().strip(), parser)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    target = tmp_path_factory.mktemp("corpus") / "store"
    report = build([CORPUS], target, jobs=1)
    assert len(report.failed) == 3, [f.error for f in report.failed]
    with open_store(target) as opened:
        yield opened


def test_every_ownership_xml_row_is_one_transaction_or_holding_node(store: GraphStore) -> None:
    """Trap: a row dropped or duplicated between parsing and the store (a holding line of a
    Form 4 read as a transaction, a second owner repeating the rows)."""
    rows = store.select(
        """SELECT ?file (COUNT(DISTINCT ?r) AS ?n) WHERE {
             ?f sg:sourceFile ?file .
             OPTIONAL {
               VALUES ?cls { sg:NonDerivativeTransaction sg:DerivativeTransaction
                             sg:NonDerivativeHolding sg:DerivativeHolding }
               ?r sg:sourceFiling ?f ; a ?cls .
             }
           } GROUP BY ?file"""
    )
    in_graph = {Path(str(r["file"].value)).name: int(r["n"].value) for r in rows}
    checked = 0
    for path in _ownership_xml_files():
        expected = sum(
            1 for el in _xml(path).iter() if isinstance(el.tag, str) and el.tag in ROW_TAGS
        )
        assert in_graph[path.name] == expected, path.name
        checked += 1
    assert checked >= 80


def test_a_person_in_several_issuers_filings_is_one_node(store: GraphStore) -> None:
    """Trap: a reporting owner keyed by filing instead of by CIK. Peter Thiel files as
    owner in seven issuers' Form 3/4 (Facebook and Meta are one CIK): one node, with roles
    at every issuer the XML names."""
    issuers: Counter[str] = Counter()
    for path in _ownership_xml_files():
        root = _xml(path)
        if THIEL_CIK in {c.text.strip() for c in root.iter("rptOwnerCik") if c.text}:
            issuers[str(root.findtext("issuer/issuerCik")).strip().zfill(10)] += 1
    assert len(issuers) == 7
    # pyoxigraph substitutes only projected variables, hence ?arg_* in the SELECT list.
    nodes = list(
        store.select(
            "SELECT DISTINCT ?p ?arg_cik WHERE { ?p sg:cik ?cik . FILTER(STR(?cik) = ?arg_cik) }",
            {"arg_cik": ox.Literal(THIEL_CIK)},
        )
    )
    assert len(nodes) == 1
    (person,) = (r["p"] for r in nodes)
    rows = store.select(
        """SELECT DISTINCT ?cik ?arg_p WHERE {
             ?role a sg:Role ; sg:holder ?p ; sg:organization ?o .
             ?o sg:cik ?cik .
             FILTER(?p = ?arg_p)
           }""",
        {"arg_p": person},
    )
    assert {str(r["cik"].value) for r in rows} == set(issuers)
