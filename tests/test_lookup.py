"""Lookup dossiers: the entity a name denotes, its life in the filings, each line sourced.

The library tests use a variant universe built by hand (another issuer, two insiders named
Doe, transactions, a supply agreement), mapped and resolved by the real graph code; the CLI
tests use the seed filings of examples/filings."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from secgraph.cli import app
from secgraph.graph import ONTOLOGY_GRAPH, RESOLUTION_GRAPH, map_filing, ontology_quads
from secgraph.graph.resolve import resolve
from secgraph.lookup import SECTIONS, Candidate, Dossier, lookup
from secgraph.models import (
    AcquiredDisposed,
    Agreement,
    AgreementType,
    EightKFiling,
    EntityKind,
    FilingInfo,
    Holding,
    InputFormat,
    Issuer,
    Item,
    Organization,
    OwnerRelationship,
    OwnershipFiling,
    OwnershipNature,
    ParsedFiling,
    PersonName,
    ReportingOwner,
    Transaction,
    TransactionCode,
)
from secgraph.store import GraphStore, OxigraphStore, ontology_prefixes

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "filings"
ACME = Issuer(name="Acme Widgets Corp", cik="0000123456", ticker="ACMW")


def _info(accession: str, form: str, day: dt.date) -> FilingInfo:
    return FilingInfo(
        form_type=form,
        source=f"variants/{accession}.xml",
        sha256=accession.replace("-", "").ljust(64, "0"),
        input_format=InputFormat.XML,
        accession=accession,
        period_date=day,
        signature_date=day,
    )


def _jane_form4() -> ParsedFiling:
    jane = ReportingOwner(
        cik="0001111111",
        name=PersonName(full="DOE JANE Q", first="JANE", middle="Q", last="DOE"),
        kind=EntityKind.PERSON,
        relationship=OwnerRelationship(
            is_director=True, is_officer=True, officer_title="Chief Executive Officer"
        ),
    )

    def tx(row: int, day: int, code: TransactionCode, **kw: object) -> Transaction:
        fields = {
            "derivative": False,
            "row": row,
            "security": "Common Stock",
            "date": dt.date(2024, 3, day),
            "code": code,
        }
        return Transaction.model_validate(fields | kw)

    doc = OwnershipFiling(
        filing=_info("0000123456-24-000010", "4", dt.date(2024, 3, 5)),
        issuer=ACME,
        owners=[jane],
        transactions=[
            tx(
                0,
                1,
                TransactionCode.P,
                shares=Decimal("1000"),
                price=Decimal("12.50"),
                acquired_disposed=AcquiredDisposed.ACQUIRED,
                shares_after=Decimal("5000"),
                ownership=OwnershipNature.DIRECT,
            ),
            tx(
                1,
                5,
                TransactionCode.S,
                shares=Decimal("200"),
                price=Decimal("14"),
                acquired_disposed=AcquiredDisposed.DISPOSED,
                shares_after=Decimal("4800"),
                ownership=OwnershipNature.INDIRECT,
                nature_of_ownership="By Trust",
            ),
        ],
    )
    return ParsedFiling(document=doc)


def _john_form3() -> ParsedFiling:
    john = ReportingOwner(
        cik="0002222222",
        name=PersonName(full="DOE JOHN", first="JOHN", last="DOE"),
        kind=EntityKind.PERSON,
        relationship=OwnerRelationship(is_ten_percent_owner=True),
    )
    doc = OwnershipFiling(
        filing=_info("0000123456-24-000003", "3", dt.date(2024, 1, 2)),
        issuer=ACME,
        owners=[john],
        holdings=[
            Holding(
                derivative=False,
                row=0,
                security="Common Stock",
                shares=Decimal("50000"),
                ownership=OwnershipNature.INDIRECT,
                nature_of_ownership="By LLC",
            )
        ],
    )
    return ParsedFiling(document=doc)


def _acme_8k() -> ParsedFiling:
    doc = EightKFiling(
        filing=_info("0000123456-24-000007", "8-K", dt.date(2024, 1, 17)),
        company=ACME,
        items=[Item(number="1.01", title="Entry into a Material Definitive Agreement", text="..")],
        organizations=[
            Organization(name="Acme Widgets Corp", defined_terms=["Acme"], is_registrant=True),
            Organization(name="Globex Industries LLC", defined_terms=["Globex"]),
        ],
        agreements=[
            Agreement(
                name="supply agreement",
                type=AgreementType.SUPPLY,
                parties=["Acme", "Globex"],
                date=dt.date(2024, 1, 15),
                item="1.01",
            )
        ],
    )
    return ParsedFiling(document=doc)


@pytest.fixture(scope="module")
def variants() -> Iterator[GraphStore]:
    store = OxigraphStore.in_memory(prefixes=ontology_prefixes())
    for parsed in (_jane_form4(), _john_form3(), _acme_8k()):
        store.bulk_load(
            ox.serialize(map_filing(parsed).quads, format=ox.RdfFormat.N_QUADS) or b"",
            format=ox.RdfFormat.N_QUADS,
        )
    store.replace_graph(ONTOLOGY_GRAPH, ontology_quads())
    store.replace_graph(RESOLUTION_GRAPH, resolve(store.select))
    yield store
    store.close()


def texts(d: Dossier, section: str) -> list[str]:
    return [e.text for e in d.sections[section]]


def test_a_person_found_by_name_words_in_any_order(variants: GraphStore) -> None:
    """Trap: filings print 'DOE JANE Q'; people type 'Jane Q. Doe'."""
    d = lookup(variants, "Jane Q. Doe")
    assert isinstance(d, Dossier)
    assert (d.name, d.kind) == ("Jane Q. Doe", "person")
    assert texts(d, "identifiers") == ["CIK 0001111111"]
    # The Form 4 attests the roles on its date: "as of", not "since" (no start is stated).
    assert texts(d, "roles") == [
        "director of Acme Widgets Corp, as of 2024-03-05",
        "officer (Chief Executive Officer) of Acme Widgets Corp, as of 2024-03-05",
    ]
    assert [(e.date, e.text) for e in d.sections["transactions"]] == [
        (
            "2024-03-01",
            "P Open market or private purchase of non-derivative or derivative security: "
            "acquired 1,000 Common Stock of Acme Widgets Corp at 12.5; 5,000 held after (direct)",
        ),
        (
            "2024-03-05",
            "S Open market or private sale of non-derivative or derivative security: "
            "disposed of 200 Common Stock of Acme Widgets Corp at 14; 4,800 held after "
            "(indirect)",  # the transactions query has no nature-of-ownership column
        ),
    ]
    assert d.sections["holdings"] == []
    # Every line names its filing: form, date and source file.
    labels = {d.filing(f).label() for e in d.sections["transactions"] for f in e.filings}
    assert labels == {"Form 4, 2024-03-05, 0000123456-24-000010.xml"}


def test_a_company_dossier_gathers_people_transactions_and_agreements(
    variants: GraphStore,
) -> None:
    d = lookup(variants, "acme widgets")
    assert isinstance(d, Dossier)
    assert (d.entity, d.kind) == ("https://w3id.org/secgraph/id/company/cik/0000123456", "company")
    assert set(texts(d, "identifiers")) == {"CIK 0000123456", "ticker ACMW"}
    assert {t.split(",")[0] for t in texts(d, "roles")} == {
        "John Doe: ten percent owner",
        "Jane Q. Doe: director",
        "Jane Q. Doe: officer (Chief Executive Officer)",
    }
    assert [t.split(":")[0] for t in texts(d, "transactions")] == ["Jane Q. Doe", "Jane Q. Doe"]
    assert texts(d, "agreements") == ["supply agreement with Globex Industries LLC; supply"]
    assert d.sections["agreements"][0].date == "2024-01-15"


def test_holdings_with_their_ownership(variants: GraphStore) -> None:
    d = lookup(variants, "DOE JOHN")
    assert isinstance(d, Dossier)
    assert texts(d, "holdings") == ["50,000 Common Stock of Acme Widgets Corp (indirect (By LLC))"]


def test_an_ambiguous_name_gives_the_candidates(variants: GraphStore) -> None:
    found = lookup(variants, "doe")
    assert isinstance(found, list)
    assert sorted((c.name, c.kind, c.ciks) for c in found) == [
        ("Jane Q. Doe", "person", ("0001111111",)),
        ("John Doe", "person", ("0002222222",)),
    ]
    assert all(isinstance(c, Candidate) and c.entity in c.line() for c in found)


def test_no_match_gives_no_candidates(variants: GraphStore) -> None:
    assert lookup(variants, "Nobody McNobody") == []


def test_a_misspelt_name_gives_close_names_never_a_dossier(variants: GraphStore) -> None:
    """Trap: a fuzzy match is a suggestion; printing its dossier would answer another name."""
    found = lookup(variants, "Jane Doo")
    assert isinstance(found, list)
    assert found and all(c.how == "fuzzy" for c in found)
    assert found[0].name == "Jane Q. Doe"


def test_a_cik_or_a_ticker_finds_the_entity(variants: GraphStore) -> None:
    for text in ("123456", "0000123456", "ACMW", "acmw"):
        d = lookup(variants, text)
        assert isinstance(d, Dossier), text
        assert d.entity == "https://w3id.org/secgraph/id/company/cik/0000123456"
    jane = lookup(variants, "1111111")
    assert isinstance(jane, Dossier) and jane.name == "Jane Q. Doe"


def test_json_has_every_section_and_sources(variants: GraphStore) -> None:
    d = lookup(variants, "Jane Q Doe")
    assert isinstance(d, Dossier)
    doc = json.loads(json.dumps(d.to_json()))
    assert list(doc["sections"]) == list(SECTIONS)
    for entries in doc["sections"].values():
        for entry in entries:
            assert entry["filings"], entry
            assert all(f["source"].startswith("Form ") for f in entry["filings"])


# -- the CLI over the seed filings -----------------------------------------------------------

runner = CliRunner()


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("seed") / "store"
    files = [
        SEEDS / n
        for n in (
            "000_e1ed6ab97b7d8f9e.txt",
            "001_b9a64ac7170686a7.txt",
            "002_71093b0e43aa5d3d.txt",
        )
    ]
    result = runner.invoke(app, ["build", *map(str, files), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


def test_lookup_robert_a_panora(seed_store: Path) -> None:
    """The brief's example: Panora is 'PANORA ROBERT A' on his Form 3 (officer, COO and
    President, 163,350 shares and an option on 125,000 at $2.6 expiring 02/14/2021) and
    'Robert A Panora', executive officer, among the related persons of the Form D."""
    result = runner.invoke(app, ["lookup", "Robert A Panora", "--store", str(seed_store)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Robert A Panora (person)"
    form3 = "[Form 3, 2013-10-01, 002_71093b0e43aa5d3d.txt]"
    form_d = "[Form D, 2013-10-31, 001_b9a64ac7170686a7.txt]"
    for expected in (
        f"  PANORA ROBERT A  {form3}",
        f"  Robert A Panora  {form_d}",
        f"  executive officer of TECOGEN INC., as of 2013-10-31  {form_d}",
        f"  2013-10-01  163,350 Common Stock of TECOGEN INC. (direct)  {form3}",
    ):
        assert expected in lines
    officer = next(line for line in lines if "COO and President" in line)
    assert officer.startswith("  officer (COO and President) of TECOGEN INC., ")
    assert "2013-10-01" in officer and officer.endswith(form3)
    option = next(line for line in lines if "Stock Option" in line)
    assert "125,000 underlying" in option
    assert "exercise price 2.6" in option
    assert "expires 2021-02-14" in option


def test_lookup_ambiguous_and_unknown_exit_1(seed_store: Path) -> None:
    """The Form D names two Hatsopoulos, John N and George N."""
    result = runner.invoke(app, ["lookup", "hatsopoulos", "--store", str(seed_store)])
    assert result.exit_code == 1
    assert "names 2 entities" in result.stderr
    assert "George N Hatsopoulos (person)" in result.stdout
    assert "John N Hatsopoulos (person)" in result.stdout
    result = runner.invoke(app, ["lookup", "Nobody McNobody", "--store", str(seed_store)])
    assert result.exit_code == 1
    assert result.stderr == "error: no entity named 'Nobody McNobody'\n"
    result = runner.invoke(app, ["lookup", "Robret Panorra", "--store", str(seed_store)])
    assert result.exit_code == 1
    assert "no entity named 'Robret Panorra'; close names:" in result.stderr
    assert "Robert A Panora (person)" in result.stdout


def test_lookup_json(seed_store: Path) -> None:
    result = runner.invoke(
        app, ["lookup", "tecogen", "--store", str(seed_store), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert (doc["name"], doc["kind"]) == ("TECOGEN INC.", "company")
    identifiers = {e["text"] for e in doc["sections"]["identifiers"]}
    assert identifiers == {"CIK 0001537435", "ticker TGEN", "jurisdiction DELAWARE"}


def test_lookup_without_a_store_is_a_setup_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["lookup", "x", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "no secgraph store" in result.stderr
