"""A dossier is bounded: each section shows its latest rows and says how many it leaves out.

Real Form 4s of the corpus (tests/corpus/form4/datamule_paypal__*: 50 filings of PayPal's
circle; Roelof Botha is named in 17 of them, as a director of Block, Inc., with 100
transactions). Every figure a dossier prints is checked against the named queries run whole,
a code path of its own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from secgraph.build import build
from secgraph.cli import app
from secgraph.graph.queries import run_named
from secgraph.lookup import Dossier, lookup
from secgraph.store import GraphStore, open_store

CORPUS = Path(__file__).resolve().parent / "corpus" / "form4"
BOTHA = "https://w3id.org/secgraph/id/entity/cik/0001222287"
runner = CliRunner()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("paypal") / "store"
    build(sorted(CORPUS.glob("datamule_paypal__*")), path, jobs=1)
    return path


@pytest.fixture(scope="module")
def store(store_dir: Path) -> Iterator[GraphStore]:
    with open_store(store_dir) as opened:
        yield opened


def rows(store: GraphStore, query: str, **params: object) -> list[dict[str, str]]:
    bound = {k: ox.NamedNode(v) if isinstance(v, str) else v for k, v in params.items()}
    columns, found = run_named(store, query, bound)  # type: ignore[arg-type]
    return [
        {c: t.value for c, t in zip(columns, row, strict=True) if t is not None} for row in found
    ]


def filing_dates(store: GraphStore) -> dict[str, str]:
    return {r["filing"]: r["date"] for r in rows(store, "mentions", entity=BOTHA)}


def test_a_cut_section_says_how_many_rows_it_leaves_out(store: GraphStore) -> None:
    """Trap: "and N more" computed from something else than the section's own rows (a count
    of filings, of merged lines, or of another kind of record)."""
    d = lookup(store, "Roelof Botha", limit=3)
    assert isinstance(d, Dossier)
    whole = {
        "roles": rows(store, "roles", holder=BOTHA) + rows(store, "roles", company=BOTHA),
        "holdings": rows(store, "holdings", holder=BOTHA),
        "transactions": rows(store, "transactions", holder=BOTHA),
    }
    assert len(whole["transactions"]) == 100  # 17 Forms 4: checked once by hand
    for section, every in whole.items():
        assert d.shown[section] == 3, section
        assert d.totals[section] == len(every), section
        assert d.more(section) == len(every) - 3, section
    assert d.named_in == len(filing_dates(store)) == 17


def test_the_rows_shown_are_from_the_latest_filings(store: GraphStore) -> None:
    """Trap: the first rows of the store's order (the oldest, or a random company's) shown
    as if they were the latest."""
    d = lookup(store, "Roelof Botha", limit=3)
    assert isinstance(d, Dossier)
    dates = filing_dates(store)
    for section in ("holdings", "transactions"):
        shown = {f for entry in d.sections[section] for f in entry.filings}
        every = {r["filing"] for r in rows(store, section, holder=BOTHA)}
        oldest_shown = min(dates[f] for f in shown)
        assert all(dates[f] <= oldest_shown for f in every - shown), section


def test_all_reads_every_row(store: GraphStore) -> None:
    """Trap: --all still cut somewhere (a window of filings, a page)."""
    d = lookup(store, "Roelof Botha", limit=None)
    assert isinstance(d, Dossier)
    assert d.shown == {} and d.totals == {}
    every = rows(store, "transactions", holder=BOTHA)
    listed = {(e.values["filing"], e.values.get("date")) for e in d.sections["transactions"]}
    assert listed == {(r["filing"], r.get("date")) for r in every}
    assert d.sections["connections"]


def test_an_entity_read_whole_is_counted_by_its_rows(store: GraphStore) -> None:
    """Trap: paging an entity whose filings all fit in the first read: its connections
    dropped, its totals left unknown, a "0 earlier" line. (Elon Musk: 6 filings, more than
    10 transactions and roles in them.)"""
    musk = "https://w3id.org/secgraph/id/entity/cik/0001494730"
    d = lookup(store, "Elon Musk")
    assert isinstance(d, Dossier)
    assert d.named_in == 6 and d.read == 6
    assert d.sections["connections"]
    whole = {
        "roles": rows(store, "roles", holder=musk) + rows(store, "roles", company=musk),
        "holdings": rows(store, "holdings", holder=musk),
        "transactions": rows(store, "transactions", holder=musk),
    }
    assert set(d.shown) == {s for s, every in whole.items() if len(every) > 10}
    for section in d.shown:
        assert d.totals[section] == len(whole[section])
        assert d.more(section) == len(whole[section]) - 10 > 0
    assert not any("not read" in line or " 0 earlier" in line for line in d.lines())


def test_the_counts_are_the_rows_of_the_named_queries(store: GraphStore) -> None:
    """Trap: the `counts` query drifting from the sections it sizes (a class another query
    does not read, a record counted once per filing that restates it)."""
    for entity in (BOTHA, "https://w3id.org/secgraph/id/company/cik/0001512673"):
        counts = {r["record"]: int(r["count"]) for r in rows(store, "counts", entity=entity)}
        assert counts.get("roles", 0) == len(rows(store, "roles", holder=entity))
        assert counts.get("roles at", 0) == len(rows(store, "roles", company=entity))
        assert counts.get("holdings", 0) == len(rows(store, "holdings", holder=entity))
        assert counts.get("transactions", 0) == len(rows(store, "transactions", holder=entity))
        assert counts.get("transactions as issuer", 0) == len(
            rows(store, "transactions", company=entity)
        )
        assert counts["filings"] == len(rows(store, "mentions", entity=entity))


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("roles", "holder"),
        ("holdings", "holder"),
        ("transactions", "holder"),
        ("entities", "entity"),
    ],
)
def test_a_filing_parameter_keeps_that_filings_rows(
    store: GraphStore, query: str, param: str
) -> None:
    """Trap: a query bound to filings that drops rows of them, or reads rows of others."""
    every = rows(store, query, **{param: BOTHA})
    latest = sorted(filing_dates(store).items(), key=lambda fd: fd[1])[-2:]
    window = [ox.NamedNode(f) for f, _ in latest]
    bound = rows(store, query, **{param: BOTHA, "filing": window})
    kept = [r for r in every if r["filing"] in {f for f, _ in latest}]
    assert sorted(map(repr, bound)) == sorted(map(repr, kept)) and bound  # ties: engine order


@pytest.mark.parametrize(
    ("name", "entity"),
    [
        ("Roelof Botha", BOTHA),
        ("Peter Thiel", "https://w3id.org/secgraph/id/entity/cik/0001211060"),  # joint filers
        ("0001512673", "https://w3id.org/secgraph/id/company/cik/0001512673"),
    ],
)
def test_a_window_shows_only_the_entitys_rows(store: GraphStore, name: str, entity: str) -> None:
    """Trap: a window of filings read whole (the dossier binds the query to the filings
    alone, then keeps the rows that name the entity) showing the rows of the other people
    and companies those filings name."""
    d = lookup(store, name, limit=2)
    assert isinstance(d, Dossier) and d.entity == entity
    for section in ("roles", "holdings", "transactions"):
        for entry in d.sections[section]:
            assert entity in (entry.values.get("holder"), entry.values.get("company")), section
    # and no row of the entity is lost: the first rows are those of the query bound to it
    every = rows(store, "transactions", holder=entity) + rows(store, "transactions", company=entity)
    latest = max(r.get("date", "") for r in every)
    shown = [e for e in d.sections["transactions"] if e.values.get("date") == latest]
    assert shown and len(shown) == min(2, sum(r.get("date") == latest for r in every))


def test_the_cli_names_the_way_to_every_row(store_dir: Path) -> None:
    """Trap: a cut section with no way to the rest (97: the 100 rows of the transactions
    query, less the 3 shown; see the first test)."""
    args = ["lookup", "Roelof Botha", "--store", str(store_dir)]
    cut = runner.invoke(app, [*args, "--limit", "3"])
    assert cut.exit_code == 0, cut.output
    line = (
        "  ... 97 earlier transactions not shown (--all lists them; secgraph query --named "
        f"transactions --param holder={BOTHA})"
    )
    assert line in cut.stdout.splitlines()
    assert "  named in 17 filings, the latest on 2024-10-01; the latest 3 read first" in cut.stdout
    whole = runner.invoke(app, [*args, "--all"])
    assert whole.exit_code == 0, whole.output
    assert "not shown" not in whole.stdout and "not read" not in whole.stdout


def test_a_line_names_its_latest_filings_and_how_many_more(store: GraphStore) -> None:
    """Trap: a name printed in every filing of a hub listing every filing on its line (a
    line that grows without bound)."""
    d = lookup(store, "Roelof Botha", limit=None)
    assert isinstance(d, Dossier)
    printed = rows(store, "entities", entity=BOTHA)
    for entry in d.sections["names"]:
        stating = {r["filing"] for r in printed if r["value"] == entry.text}
        line = next(x for x in d.lines() if x.startswith(f"  {entry.text}  ["))
        assert line.count("Form 4, ") == min(len(stating), 3)
        if len(stating) > 3:
            assert line.endswith(f"; and {len(stating) - 3} earlier filings]")
