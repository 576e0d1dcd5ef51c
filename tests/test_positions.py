"""Positions over time across filings, and amendments that supersede what they amend.

Expected values are read from the filings (quoted in each docstring), not from the code."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pyoxigraph as ox

from secgraph.build import build
from secgraph.graph.iris import POSITIONS_GRAPH
from secgraph.graph.positions import title_key
from secgraph.graph.queries import run_named
from secgraph.graph.shacl import validate
from secgraph.store import GraphStore, open_store

CORPUS = Path(__file__).parent / "corpus"
AFC = CORPUS / "8k" / "edgartools__afcgamma.8K.html"
# Roelof Botha at MongoDB: Form 3 (2017-10-18) and Form 4 (2017-10-23) tick director and ten
# percent owner; the Form 5 for the year to 2020-01-31 ticks director only.
MONGODB = [
    CORPUS / "form3" / "datamule_paypal__0000899243-17-024441__doc3.xml",
    CORPUS / "form4" / "datamule_paypal__0000899243-17-024633__doc4.xml",
    CORPUS / "form5" / "datamule_paypal__0001441816-20-000060__wf-form5_158413163404616.xml",
]
DA = CORPUS / "formd" / "edgartools__0001398344-24-000491.nc.txt"
Q = "PREFIX sg: <https://w3id.org/secgraph/ontology#>\n"


def _store(tmp_path: Path, *paths: Path) -> GraphStore:
    target = tmp_path / "store"
    report = build(list(paths), target, jobs=1, fresh=True)
    assert not report.failed, [f.line() for f in report.failed]
    return open_store(target)


def _positions(store: GraphStore, holder: str) -> dict[tuple[str, str], dict[str, str]]:
    """(role kind, title key) -> the position's dated values, for a holder named like this."""
    rows = store.select(
        Q
        + """SELECT ?p ?kind ?key ?prop ?v ?who WHERE {
          ?p a sg:Position ; sg:holder ?h ; sg:roleKind ?kind ; sg:titleKey ?key .
          ?h sg:preferredName ?name . FILTER(CONTAINS(LCASE(?name), LCASE(?who)))
          OPTIONAL { VALUES ?prop { sg:startDate sg:endDate sg:firstAttested sg:lastAttested
                                    sg:notAttestedAfter sg:note }
                     ?p ?prop ?v }
        }""",
        {"who": ox.Literal(holder)},
    )
    out: dict[tuple[str, str], dict[str, str]] = {}
    for row in rows:
        kind = row["kind"].value.rsplit("#", 1)[1]
        values = out.setdefault((kind, row["key"].value), {})
        if row.get("prop") is not None:
            values[row["prop"].value.rsplit("#", 1)[1]] = row["v"].value
    return out


def test_title_key_reads_abbreviations_and_ampersands() -> None:
    """Trap: "CFO & Treasurer" and "Chief Financial Officer and Treasurer" as two positions."""
    assert title_key("CFO & Treasurer") == title_key("Chief Financial Officer and Treasurer")
    assert title_key(None) == ""


def test_afc_gamma_cfo_changes_hands_on_the_report_date(tmp_path: Path) -> None:
    """AFC Gamma 8-K, Date of Report March 17, 2023: "From the date hereof ... Mr. Kaufman ...
    will no longer serve as the Chief Financial Officer and Treasurer" (his employment ends on
    the Separation Date, April 17, 2023, which does not end the office); Hetzel is appointed
    "effective March 17, 2023". Trap: the company with two CFOs for a month."""
    with _store(tmp_path, AFC) as store:
        cfo = ("Officer", "chief financial officer and treasurer")
        kaufman = _positions(store, "Kaufman")
        assert kaufman[cfo]["endDate"] == "2023-03-17"
        assert "startDate" not in kaufman[cfo]
        hetzel = _positions(store, "Hetzel")
        assert hetzel[cfo]["startDate"] == "2023-03-17"
        assert "endDate" not in hetzel[cfo]
        officers = _officers(store, "2023-03-20")
        assert [o for o in officers if "financial" in o[1].casefold()] == [
            ("Brandon Hetzel", "Chief Financial Officer and Treasurer")
        ]
        before = _officers(store, "2023-03-16")
        assert [o for o in before if "financial" in o[1].casefold()] == []  # no start known


def _officers(store: GraphStore, day: str) -> list[tuple[str, str]]:
    """The officers named query on a day: (person, title) of each row."""
    columns, rows = run_named(store, "officers", {"date": day})
    name, title = columns.index("personName"), columns.index("title")
    return sorted(
        (r[name].value if r[name] else "", r[title].value if r[title] else "") for r in rows
    )


def test_a_box_no_longer_ticked_is_evidence_not_an_end(tmp_path: Path) -> None:
    """Botha at MongoDB: ten percent owner on the Form 3 (2017-10-18) and the Form 4
    (2017-10-23), not on the Form 5 of 2020-01-31, which still ticks director. Trap: an end
    date invented from the silence of a later filing."""
    with _store(tmp_path, *MONGODB) as store:
        botha = _positions(store, "Botha")
        ten = botha[("TenPercentOwner", "")]
        assert (ten["firstAttested"], ten["lastAttested"]) == ("2017-10-18", "2017-10-23")
        assert ten["notAttestedAfter"] == "2017-10-23"
        assert "endDate" not in ten and "startDate" not in ten
        assert "evidence, not proof" in ten["note"]
        director = botha[("Director", "")]
        assert (director["firstAttested"], director["lastAttested"]) == (
            "2017-10-18",
            "2020-01-31",
        )
        assert "notAttestedAfter" not in director
        conforms, report = validate(store.quads())
        assert conforms, report


def _amended_form4(tmp_path: Path) -> Path:
    """The MongoDB Form 4 restated as a 4/A (same issuer, owner and period), dropping the ten
    percent owner box: what an amendment of the original would say."""
    text = MONGODB[1].read_text(encoding="utf-8")
    text = text.replace("<documentType>4</documentType>", "<documentType>4/A</documentType>")
    text = re.sub(
        r"<isTenPercentOwner>1</isTenPercentOwner>",
        "<isTenPercentOwner>0</isTenPercentOwner>",
        text,
    )
    assert "4/A" in text
    out = tmp_path / "amendment" / "form4a.xml"
    out.parent.mkdir()
    out.write_text(text, encoding="utf-8")
    return out


def test_an_amendment_supersedes_the_rows_it_restates(tmp_path: Path) -> None:
    """A 4/A of the same issuer, reporting owner and period supersedes the Form 4: the Form 4
    and its roles and transactions stay, marked sg:supersededBy; positions read the 4/A.
    Trap: both versions counted, or the original deleted."""
    amendment = _amended_form4(tmp_path)
    with _store(tmp_path, MONGODB[1], amendment) as store:
        rows = list(
            store.select(
                Q + """SELECT ?x ?by WHERE { GRAPH ?g { ?x sg:supersededBy ?by } }""",
            )
        )
        assert rows
        (by,) = {r["by"].value for r in rows}
        form = next(store.select(Q + f"SELECT ?t WHERE {{ <{by}> sg:formType ?t }}"))
        assert form["t"].value == "4/A"
        marked = {r["x"].value for r in rows}
        superseded_rows = list(
            store.select(
                Q
                + """SELECT ?r WHERE { ?r sg:sourceFiling ?f . ?f sg:formType "4" .
                       { ?r a sg:Role } UNION { ?r a sg:Transaction } }"""
            )
        )
        assert superseded_rows and {r["r"].value for r in superseded_rows} <= marked
        botha = _positions(store, "Botha")
        assert ("TenPercentOwner", "") not in botha  # only the superseded Form 4 ticked it
        assert botha[("Director", "")]["lastAttested"] == "2017-10-23"


def test_a_form_d_amendment_supersedes_the_accession_it_names(tmp_path: Path) -> None:
    """D/A 0001398344-24-000491 names previousAccessionNumber 0001398344-18-000523; the
    original (its header and submission type restored from the D/A's own text) is marked."""
    text = DA.read_text(encoding="utf-8")
    original = text.replace("0001398344-24-000491", "0001398344-18-000523")
    original = original.replace("<TYPE>D/A", "<TYPE>D").replace(
        "<submissionType>D/A</submissionType>", "<submissionType>D</submissionType>"
    )
    original = re.sub(r"<previousAccessionNumber>[^<]*</previousAccessionNumber>", "", original)
    path = tmp_path / "orig" / "0001398344-18-000523.txt"
    path.parent.mkdir()
    path.write_text(original, encoding="utf-8")
    with _store(tmp_path, DA, path) as store:
        (row,) = store.select(
            Q
            + """SELECT ?by WHERE {
              <https://w3id.org/secgraph/id/filing/0001398344-18-000523> sg:supersededBy ?by }"""
        )
        assert row["by"].value == "https://w3id.org/secgraph/id/filing/0001398344-24-000491"
        assert store.count(POSITIONS_GRAPH) > 0


def test_insiders_and_the_shares_they_held_on_a_date(tmp_path: Path) -> None:
    """MongoDB, 2020-03-10: Botha is a director (the Form 5 ticks it) and his last reported
    holdings are the Form 5's rows of 2020-03-04: 1057 shares direct, 181077 indirect; the
    ten percent owner box, last ticked on 2017-10-23, is marked, not dropped or ended. On
    2017-10-20 the Form 4 of 2017-10-23 is not yet read. Trap: shares summed across rows, or
    the first row of the day instead of the last one on or before the date."""
    with _store(tmp_path, *MONGODB) as store:
        columns, rows = run_named(store, "insiders", {"company": "mongodb", "date": "2020-03-10"})
        got = {
            (r[columns.index("ownership")].value, r[columns.index("shares")].value) for r in rows
        }
        assert got == {("D", "1057"), ("I", "181077")}
        (relationships,) = {r[columns.index("relationships")].value for r in rows}
        # GROUP_CONCAT's order is the engine's: compared as a set of parts.
        assert set(relationships.split(", ")) == {
            "ten percent owner (not attested after 2017-10-23)",
            "director",
        }
        columns, rows = run_named(store, "insiders", {"company": "mongodb", "date": "2017-10-20"})
        dates = {r[columns.index("sharesDate")] for r in rows}
        assert all(d is None or d.value <= "2017-10-20" for d in dates)


def test_lookup_as_of_reads_the_positions_held_that_day(tmp_path: Path) -> None:
    """`lookup --as-of`: AFC Gamma's 8-K appoints Hetzel CFO "effective March 17, 2023".
    Trap: a dossier on 2023-03-10 that already shows him CFO, or one on 2023-03-20 that
    loses the stated start."""
    from secgraph.lookup import Dossier, lookup  # noqa: PLC0415

    with _store(tmp_path, AFC) as store:
        before = lookup(store, "Brandon Hetzel", as_of=dt.date(2023, 3, 10))
        after = lookup(store, "Brandon Hetzel", as_of=dt.date(2023, 3, 20))
        kaufman = lookup(store, "Brett Kaufman", as_of=dt.date(2023, 3, 20))
    assert isinstance(before, Dossier) and isinstance(after, Dossier)
    assert isinstance(kaufman, Dossier)
    assert before.sections["roles"] == []
    assert [e.text for e in after.sections["roles"]] == [
        "officer (Chief Financial Officer and Treasurer) of AFC Gamma, Inc., since 2023-03-17"
    ]
    assert after.lines()[0] == "Brandon Hetzel (person), as of 2023-03-20"
    assert kaufman.sections["roles"] == []  # no longer CFO from the date of report
