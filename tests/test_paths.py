"""Shortest chains of relationships between two entities, told hop by hop in words."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from secgraph.build import build
from secgraph.cli import app
from secgraph.errors import ViewError
from secgraph.store import staged_store
from secgraph.views.paths import find_paths, path_graph

ROOT = Path(__file__).parents[1]
SAMPLE = ROOT / "tests" / "fixtures" / "views" / "sample.trig"
ID = "https://w3id.org/secgraph/id/"
F3 = "filing Form 3 002_71093b0e43aa5d3d.txt (2013-10-01)"
F8 = "filing Form 8-K 004_785308df89b108f5.txt (2017-09-28)"
F4 = "filing Form 4 0000999999-24-000001 (2024-03-05)"
LONER = (
    "<urn:g> { <https://w3id.org/secgraph/id/company/name/loner>"
    " a <https://w3id.org/secgraph/ontology#Company> ;"
    ' <https://w3id.org/secgraph/ontology#name> "Loner Holdings LLC" . }'
)


def _store(extra: str = "") -> ox.Store:
    store = ox.Store()
    store.load(path=SAMPLE, format=ox.RdfFormat.TRIG)
    if extra:
        store.load(extra.encode(), format=ox.RdfFormat.TRIG)
    return store


def test_panora_to_tedom_through_the_jva() -> None:
    """The chain of the brief, each hop with its date and filing (facts of examples/ 002, 004)."""
    chains = find_paths(_store(), "Panora", "Tedom a.s.")
    assert len(chains) == 1
    assert chains[0].text() == (
        "Robert A Panora"
        f" -> officer of (COO and President; as of 2013-10-01; {F3}; and 3 more)"
        " -> Tecogen Inc."
        f" -> party to ({F8})"
        " -> agreement: JVA (2016-05-19)"
        f" -> party ({F8})"
        " -> Tedom a.s."
    )
    assert chains[0].nodes[0] == f"{ID}filing/sha256/f3/person/a-panora-robert"


def test_walking_backwards_reads_backwards() -> None:
    chains = find_paths(_store(), "Tecogen", "Bonnie")
    assert [c.text() for c in chains] == [
        "Tecogen Inc. -> has executive officer (filing Form D 001_b9a64ac7170686a7.txt"
        " (2013-10-31)) -> Bonnie J Brown"
    ]


def test_of_several_matches_the_nearest_wins() -> None:
    # "Tedom" names two companies; Tedom USA Inc. is one hop further (its parent is Tedom a.s.)
    chains = find_paths(_store(), "Ruiz Angela", "Tedom")
    texts = [c.text() for c in chains]
    assert texts == [
        "Ruiz Angela M"
        f" -> director and ten percent owner of ({F4})"
        " -> Northwind Fuel Cells Corp."
        f" -> party to ({F4})"
        " -> agreement: supply agreement"
        f" -> party ({F4})"
        " -> Tedom a.s."
    ]


def test_transaction_hop_tells_shares_price_and_date() -> None:
    (chain,) = find_paths(_store(), "Ruiz Family Trust", "Northwind")
    assert chain.hops[0].text() == (
        "derivative transaction in (Warrant (right to buy); 5000 shares; at 1.25;"
        f" on 2024-03-05; {F4})"
    )


def test_filings_are_not_relationships() -> None:
    g = path_graph(_store())
    assert all(d["group"] != "document" for _, d in g.nodes(data=True))


def test_no_path_is_an_empty_answer() -> None:
    assert find_paths(_store(LONER), "Panora", "Loner") == []


def test_unknown_name_is_an_error() -> None:
    with pytest.raises(ViewError, match="no entity named like 'Nobody'"):
        find_paths(_store(), "Nobody", "Tedom")


def _disk_store(tmp_path: Path, extra: str = "") -> Path:
    store_dir = tmp_path / "store"
    with staged_store(store_dir, fresh=True) as store:
        store.bulk_load(SAMPLE.read_bytes(), format=ox.RdfFormat.TRIG)
        if extra:
            store.bulk_load(extra.encode(), format=ox.RdfFormat.TRIG)
    return store_dir


def test_cli_prints_each_chain(tmp_path: Path) -> None:
    store = _disk_store(tmp_path)
    result = CliRunner().invoke(app, ["path", "Panora", "Tedom a.s.", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        c.text() for c in find_paths(_store(), "Panora", "Tedom a.s.")
    ]


def test_cli_no_chain_or_no_entity_exits_1(tmp_path: Path) -> None:
    store = _disk_store(tmp_path, LONER)
    runner = CliRunner()
    none = runner.invoke(app, ["path", "Panora", "Loner", "--store", str(store)])
    assert none.exit_code == 1
    assert "no chain of relationships between 'Panora' and 'Loner'" in none.stderr
    unknown = runner.invoke(app, ["path", "Panora", "Nobody", "--store", str(store)])
    assert unknown.exit_code == 1 and "no entity named like 'Nobody'" in unknown.stderr
    missing = runner.invoke(app, ["path", "a", "b", "--store", str(tmp_path / "none")])
    assert missing.exit_code == 2


def test_a_verb_walked_backwards_points_back() -> None:
    """ "formed under" has no wording backwards: the hop keeps it and the arrows turn."""
    llc = (
        "<urn:g> { <https://w3id.org/secgraph/id/company/name/ridge> a"
        " <https://w3id.org/secgraph/ontology#Company> ;"
        ' <https://w3id.org/secgraph/ontology#name> "Ridge Power LLC" ;'
        " <https://w3id.org/secgraph/ontology#formedUnder>"
        " <https://w3id.org/secgraph/id/filing/sha256/f8/agreement/jva> . }"
    )
    (chain,) = find_paths(_store(llc), "Tedom a.s.", "Ridge")
    assert chain.text() == (
        f"Tedom a.s. -> party to ({F8}) -> agreement: JVA (2016-05-19)"
        " <- formed under <- Ridge Power LLC"
    )
    assert [h.backward for h in chain.hops] == [False, True]


@pytest.fixture(scope="module")
def example_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/filings built into a temporary store, as `make demo` builds them."""
    store_dir = tmp_path_factory.mktemp("example") / "store"
    report = build([ROOT / "examples" / "filings"], store_dir, jobs=1, fresh=True)
    assert not report.failed, [f.line() for f in report.files]
    return store_dir


def test_example_graph_panora_to_tedom(example_store: Path) -> None:
    """The chain of the brief on the real example graph: the Form 3 (002) makes Panora COO
    and President of Tecogen as of 10/01/2013; the 8-K (004) names the JVA of May 19, 2016
    between Tecogen and Tedom a.s."""
    result = CliRunner().invoke(
        app, ["path", "Panora", "Tedom a.s.", "--store", str(example_store)]
    )
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    f3 = "filing Form 3 002_71093b0e43aa5d3d.txt (2013-10-01)"
    f8 = "filing Form 8-K 004_785308df89b108f5.txt (2017-09-28)"
    parts = line.split(" -> ")
    assert parts[0] == "Robert A Panora"
    # the other three: the Form D's executive officer role and the Form 3's two holdings
    assert parts[1] == f"officer of (COO and President; as of 2013-10-01; {f3}; and 3 more)"
    assert parts[2].casefold() == "tecogen inc."
    assert parts[3:] == [
        f"party to ({f8})",
        "agreement: JVA (2016-05-19)",
        f"party ({f8})",
        "Tedom a.s.",
    ]
