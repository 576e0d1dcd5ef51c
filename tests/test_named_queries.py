"""Named competency queries answer the seed facts end to end (parse -> map -> resolve -> SPARQL)."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest

from graph_support import build_store, parsed_seeds
from secgraph.errors import QueryError
from secgraph.graph import load_query, named_query, query_names, run_named
from secgraph.graph.queries import bind_named, count_named
from secgraph.graph.vocab import ID_NS
from secgraph.models import Holding
from test_resolution import ownership

TECOGEN = ID_NS + "company/cik/0001537435"
Rows = list[dict[str, str | None]]


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return build_store(parsed_seeds())


def run(store: ox.Store, query: str, **params: str | None) -> Rows:
    columns, rows = run_named(store, query, params)
    assert columns == list(named_query(query).columns)
    return [
        {c: (v.value if v is not None else None) for c, v in zip(columns, row, strict=True)}
        for row in rows
    ]


# -- the files ------------------------------------------------------------------------------


def test_the_named_queries() -> None:
    assert set(query_names()) >= {
        "agreements",
        "companies",
        "connections",
        "filings",
        "holdings",
        "offerings",
        "roles",
        "transactions",
    }


@pytest.mark.parametrize("name", query_names())
def test_header_documents_parameters_and_columns(name: str) -> None:
    """Each @column is a projected variable, in order, and each @param a VALUES ?param
    { UNDEF } line (an alias binds declared parameters)."""
    query = named_query(name)
    assert query.summary
    solutions = ox.Store().query(load_query(name), use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    assert [v.value for v in solutions.variables] == list(query.columns)
    for param in query.params:
        assert load_query(name).count(f"VALUES ?{param} {{ UNDEF }}") >= 1, param
    for targets in query.aliases.values():
        assert set(targets) <= set(query.params)
    for doc in (*query.params.values(), *query.columns.values()):
        assert len(doc) > 5, doc


def test_unknown_query_and_parameter_are_refused(store: ox.Store) -> None:
    with pytest.raises(QueryError, match="unknown named query 'people'"):
        run_named(store, "people")
    with pytest.raises(QueryError, match="has no parameter 'person'"):
        run_named(store, "roles", {"person": "Tecogen"})


def test_parameters_bind_as_terms_never_as_text(store: ox.Store) -> None:
    """A value that would break out of the query is a name the finder does not know (no
    entity, no row), or an IRI pyoxigraph refuses; only serialized terms reach the text."""
    assert run(store, "roles", name='x") } UNION { ?r ?p ?o } #') == []
    (text,) = bind_named(store, "holdings", {"holder": 'Panora" } ?x ?y ?z { "'})
    assert "?x ?y ?z" not in text  # the finder read the words: Robert A Panora, by his node
    assert "VALUES ?holder { <https://w3id.org/secgraph/id/filing/" in text
    (text,) = bind_named(store, "holdings", {"holder": 'Nobody" } ?x ?y ?z { "'})
    assert "VALUES ?holder {  }" in text
    with pytest.raises(QueryError, match="bad IRI"):
        bind_named(store, "holdings", {"holder": "http://x/>}?s?p?o{<y"})


def test_absent_or_blank_parameter_means_no_filter(store: ox.Store) -> None:
    everything = run(store, "roles")
    assert run(store, "roles", name=None) == everything
    assert run(store, "roles", name="  ") == everything
    assert len(everything) == 15


def test_pages_and_their_total(store: ox.Store) -> None:
    """Trap: a page must be a slice of the ordered answer, and the total the whole answer."""
    everything = run(store, "roles")
    assert run_named(store, "roles", limit=4, offset=3)[1] == run_named(store, "roles")[1][3:7]
    assert count_named(store, "roles") == len(everything) == 15
    assert count_named(store, "roles", {"name": "panora"}) == 2
    assert count_named(store, "transactions", {"company": "TGEN"}) == 1


def test_an_entity_is_given_by_name_cik_ticker_or_iri(store: ox.Store) -> None:
    by_name = run(store, "transactions", company="Tecogen")
    assert by_name
    assert run(store, "transactions", company="1537435") == by_name
    assert run(store, "transactions", company="tgen") == by_name
    assert run(store, "transactions", company=TECOGEN) == by_name
    assert run(store, "transactions", company=f"<{TECOGEN}>") == by_name


# -- the seed facts -------------------------------------------------------------------------


def _dated(role: dict[str, str | None]) -> str | None:
    """A role's date as the first version gave it: the stated start, else the date the
    filing attests it on (the columns are apart now: "since" is not "as of")."""
    return role["start"] or role["asOf"]


def test_companies(store: ox.Store) -> None:
    rows = run(store, "companies")
    tecogen = next(r for r in rows if r["company"] == TECOGEN)
    assert tecogen | {"filings": None} == {
        "company": TECOGEN,
        "name": "TECOGEN INC.",
        "cik": "0001537435",
        "ticker": "TGEN",
        "jurisdiction": "DELAWARE",
        "filings": None,
    }
    assert tecogen["filings"] == "4"
    assert sorted(r["name"] or "" for r in rows) == [
        "TECOGEN INC.",
        "TTcogen LLC",
        "Tedom USA Inc.",
        "Tedom a.s.",
    ]
    tedom = next(r for r in rows if r["name"] == "Tedom a.s.")
    assert tedom["jurisdiction"] == "Czech Republic"
    # Any name of the cluster matches: "Tecogen Inc." is the 8-K's, the ticker the Form 4's.
    assert [r["company"] for r in run(store, "companies", name="tecogen inc")] == [TECOGEN]
    assert [r["company"] for r in run(store, "companies", name="tgen")] == [TECOGEN]
    assert run(store, "companies", name="panora") == []


def test_roles_of_panora(store: ox.Store) -> None:
    """COO and President from the Form 3 (event date 2013-10-01); executive officer from the
    Form D (signed 2013-10-31). Both keyed by one canonical person."""
    rows = run(store, "roles", name="panora")
    assert {(r["role"], r["title"], _dated(r), r["companyName"]) for r in rows} == {
        ("officer", "COO and President", "2013-10-01", "TECOGEN INC."),
        ("executive officer", None, "2013-10-31", "TECOGEN INC."),
    }
    assert len({r["holder"] for r in rows}) == 1
    assert {r["company"] for r in rows} == {TECOGEN}


def test_roles_of_bonnie_brown_across_three_statements(store: ox.Store) -> None:
    rows = run(store, "roles", name="bonnie")
    assert {(r["role"], r["title"], _dated(r)) for r in rows} == {
        ("executive officer", None, "2013-10-31"),
        ("officer", "CFO", "2013-10-31"),
        ("officer", "Principal Financial & Accounting Officer", "2017-09-28"),
    }
    assert len({r["holder"] for r in rows}) == 1, "one person"


def test_roles_by_company_name_and_the_unnamed_director(store: ox.Store) -> None:
    rows = run(store, "roles", name="tecogen")
    directors = [r for r in rows if r["role"] == "director"]
    assert sorted(r["holderName"] or "(unnamed)" for r in directors) == [
        "(unnamed)",
        "Ahmed F Ghoniem",
        "Angelina M Galiteva",
        "Charles T Maxwell",
        "George N Hatsopoulos",
        "John N Hatsopoulos",
        "Joseph E Aoun",
    ]
    unnamed = next(r for r in directors if r["holderName"] is None)
    assert _dated(unnamed) == "2023-11-14"
    members = run(store, "roles", name="ttcogen")
    assert {(r["holderName"], r["role"]) for r in members} == {
        ("TECOGEN INC.", "member"),
        ("Tedom USA Inc.", "member"),
    }


def test_transactions_of_tecogen(store: ox.Store) -> None:
    rows = run(store, "transactions", company="Tecogen")
    assert rows == [
        {
            "holder": rows[0]["holder"],
            "holderName": None,
            "company": TECOGEN,
            "companyName": "TECOGEN INC.",
            "date": "2023-11-14",
            "code": "P",
            "codeMeaning": "Open market or private purchase of non-derivative or derivative "
            "security",
            "security": "Common Stock",
            "derivative": "false",
            "shares": "100",
            "price": "0.845",
            "acquiredDisposed": "A",
            "sharesAfter": "589485",
            "ownership": "D",
            "filing": rows[0]["filing"],
            "transaction": rows[0]["filing"] + "/tx/nd/0",
        }
    ]
    assert str(rows[0]["holder"]).endswith("/person/owner-1")
    assert run(store, "transactions", company="Tedom") == []


def test_holdings_of_panora(store: ox.Store) -> None:
    rows = run(store, "holdings", name="Robert A")
    by_security = {r["security"]: r for r in rows}
    assert set(by_security) == {"Common Stock", "Stock Option (Right to Buy)"}
    common = by_security["Common Stock"]
    assert (common["shares"], common["ownership"], common["derivative"], common["date"]) == (
        "163350",
        "D",
        "false",
        "2013-10-01",
    )
    option = by_security["Stock Option (Right to Buy)"]
    assert (option["exercisePrice"], option["expiration"], option["underlyingShares"]) == (
        "2.6",
        "2021-02-14",
        "125000",
    )
    assert option["derivative"] == "true"
    assert {r["companyName"] for r in rows} == {"TECOGEN INC."}
    assert run(store, "holdings", name="Hatsopoulos") == []


def test_agreements_with_tedom_usa(store: ox.Store) -> None:
    rows = run(store, "agreements", company="Tedom USA")
    assert {(r["term"], r["type"], r["partyName"], r["date"], r["terminated"]) for r in rows} == {
        ("LLC Agreement", "llc_agreement", "TECOGEN INC.", "2016-05-19", None),
        ("LLC Agreement", "llc_agreement", "Tedom USA Inc.", "2016-05-19", None),
    }
    jva = [r for r in run(store, "agreements", company="tedom a.s") if r["term"] == "JVA"]
    assert {r["partyName"] for r in jva} == {"TECOGEN INC.", "Tedom a.s."}
    assert {r["terminated"] for r in jva} == {"2017-09-22"}
    assert {r["label"] for r in jva} == {"joint venture agreement"}


def test_offerings_of_tecogen(store: ox.Store) -> None:
    (row,) = run(store, "offerings", company="tecogen")
    assert (row["company"], row["exemption"], row["investors"], row["date"]) == (
        TECOGEN,
        "Rule 506(c)",
        "1",
        "2013-10-31",
    )
    assert row["totalAmount"] is None, "indefinite: no amount"
    assert run(store, "offerings", company="tedom") == []


def test_connections_of_tedom_usa(store: ox.Store) -> None:
    rows = run(store, "connections", name="Tedom USA")
    assert {(r["entityName"], r["relation"], r["otherName"]) for r in rows} == {
        ("Tedom USA Inc.", "subsidiary of", "Tedom a.s."),
        ("Tedom USA Inc.", "member of", "TTcogen LLC"),
        ("Tedom USA Inc.", "party to LLC Agreement with", "TECOGEN INC."),
    }


def test_connections_of_bonnie_brown(store: ox.Store) -> None:
    rows = run(store, "connections", name="Bonnie Brown")
    assert {(r["relation"], r["otherName"]) for r in rows} == {
        ("executive officer of", "TECOGEN INC."),
        ("officer of", "TECOGEN INC."),
        ("signed filing about", "TECOGEN INC."),
    }
    assert len({r["filing"] for r in rows}) == 2


def test_filings(store: ox.Store) -> None:
    rows = run(store, "filings")
    assert [(r["formType"], r["date"]) for r in rows] == [
        ("3", "2013-10-01"),
        ("D", "2013-10-31"),
        ("8-K", "2017-09-28"),
        ("4", "2023-11-14"),
    ]
    assert {r["company"] for r in rows} == {TECOGEN}
    assert len(run(store, "filings", company="TGEN")) == 4


def test_queries_stay_fast_when_one_company_is_in_many_filings() -> None:
    """Trap: the union default graph repeats a shared node's triples once per filing graph;
    a query reading them as plain OPTIONALs multiplies rows by the number of filings per
    attribute (40 filings, 5 attributes: 10^8 rows) and never returns. Checked by the rows'
    count, not by a clock (speed is the benchmark's): each of the 40 filings states a handful
    of facts, so no query may return more than a few rows per filing."""

    filings = [
        ownership(f"dup{i}", "ACME CORP", "DOE JANE Q", ticker="ACME", issuer_cik="0000000099")
        for i in range(40)
    ]
    store = build_store(filings)
    for name in query_names():
        query = named_query(name)
        for params in ({}, *({key: "acme"} for key in (*query.params, *query.aliases))):
            _, rows = run_named(store, name, params)
            assert len(rows) <= 40 * 5, (name, params, len(rows))
    (row,) = run(store, "companies", name="acme")
    assert row["filings"] == "40"
    assert len(run(store, "filings", company="ACME")) == 40


def test_a_holding_without_a_holder_matches_no_name() -> None:
    """An unbound holder is compatible with any binding: it must not slip through a filter
    (a VALUES line or a trailing VALUES). The holdings query lists the holdings of a
    reporting person, so a holding no filing attributes to one is not listed."""
    parsed = ownership("nobody", "ACME CORP", "DOE JANE")
    parsed.document.owners = []
    parsed.document.holdings = [
        Holding(derivative=False, row=0, security="Common Stock", shares=Decimal("5"))
    ]
    lone = build_store([parsed])
    assert run(lone, "holdings") == []
    assert run(lone, "holdings", name="doe") == []
    assert run(lone, "holdings", name="acme") == []
