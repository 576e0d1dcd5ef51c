"""Names and tickers by date: a company is shown by the name (and ticker) of its latest
filing, earlier ones kept on the nodes; people in natural order, the SEC's order kept as a
name they were filed under. Values quoted from the XML files named below."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from secgraph.build import build
from secgraph.graph.judge import natural_order
from secgraph.store import GraphStore, open_store

CORPUS = Path(__file__).parent / "corpus"
FILES = [
    # CIK 0001828108: "Reinvent Technology Partners Y" (RTPY) on 2021-03-15, "Aurora
    # Innovation, Inc." (AUR) on 2021-11-03; both filed by "Hoffman Reid".
    CORPUS / "form3" / "datamule_paypal__0000899243-21-011669__doc3.xml",
    CORPUS / "form4" / "datamule_paypal__0000899243-21-043382__doc4.xml",
    # CIK 0001862068: "Founder SPAC" (FOUN) on 2021-10-14, "Rubicon Technologies, Inc." (RBT)
    # on 2023-01-06.
    CORPUS / "form3" / "datamule_paypal__0001829126-21-012005__ownership.xml",
    CORPUS / "form4" / "datamule_paypal__0001829126-23-000711__ownership.xml",
    # Levchin, filed as "Levchin Max R".
    CORPUS / "form3" / "datamule_paypal__0001209191-21-003525__doc3.xml",
]
Q = "PREFIX sg: <https://w3id.org/secgraph/ontology#>\n"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    target = tmp_path_factory.mktemp("names") / "store"
    report = build(FILES, target, jobs=1)
    assert not report.failed, [f.line() for f in report.failed]
    with open_store(target) as opened:
        yield opened


def _one(store: GraphStore, prop: str, cik: str) -> str:
    rows = list(
        store.select(
            Q
            + f"""SELECT DISTINCT ?v ?cik WHERE {{
              ?x sg:cik ?cik ; sg:canonical ?c . ?c sg:{prop} ?v }}""",
            {"cik": ox.Literal(cik)},
        )
    )
    assert len(rows) == 1, rows
    return rows[0]["v"].value


def _names(store: GraphStore, cik: str) -> set[str]:
    rows = store.select(
        Q + "SELECT ?n ?cik WHERE { ?x sg:cik ?cik ; sg:name ?n }", {"cik": ox.Literal(cik)}
    )
    return {r["n"].value for r in rows}


def test_a_company_is_shown_by_its_latest_name(store: GraphStore) -> None:
    """Trap: Hoffman "director of Reinvent Technology Partners Y" on a 2021-11-03 Form 4
    whose issuer is Aurora; the SPAC's name chosen by its shape, not its date."""
    assert _one(store, "preferredName", "0001828108") == "Aurora Innovation, Inc."
    assert "Reinvent Technology Partners Y" in _names(store, "0001828108")  # kept


def test_the_current_ticker_is_the_latest(store: GraphStore) -> None:
    """Trap: Rubicon shown with the old SPAC ticker FOUN."""
    assert _one(store, "currentTicker", "0001862068") == "RBT"
    assert _one(store, "preferredName", "0001862068") == "Rubicon Technologies, Inc."
    assert _one(store, "currentTicker", "0001828108") == "AUR"


def test_people_are_shown_in_natural_order(store: GraphStore) -> None:
    """Trap: "Hoffman Reid", "Levchin Max R" (the SEC's LAST FIRST MIDDLE) as display names;
    the filed form stays a name of the node."""
    assert _one(store, "preferredName", "0001519339") == "Reid Hoffman"
    assert "Hoffman Reid" in _names(store, "0001519339")
    assert _one(store, "preferredName", "0001539853") == "Max R. Levchin"


def test_natural_order_of_conformed_names() -> None:
    """Trap: "Mcdonald", a lone initial without its period, a suffix read as a first name."""
    assert natural_order("HOFFMAN REID") == "Reid Hoffman"
    assert natural_order("Levchin Max R") == "Max R. Levchin"
    assert natural_order("MCDONALD JOHN A JR") == "John A. McDonald Jr"
    assert natural_order("PRINCE") is None
