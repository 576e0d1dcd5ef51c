"""End to end through the CLI: build the seed filings, query them, break builds on purpose.

The seed filings are examples/filings: 000 a Form 4, 001 a Form D, 002 a Form 3 and 004 an
8-K, all of TECOGEN INC. (CIK 0001537435)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from secgraph.cli import app
from secgraph.graph import named_query
from secgraph.store import open_store, staged_store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "filings"
CORPUS = ROOT / "tests" / "corpus"
SECGRAPH = [str(Path(sys.executable).with_name("secgraph"))]
# Filings read from a file (an 8-K also names an earlier 8-K it refers to: no source file).
FORMS = (
    "SELECT ?form (COUNT(?f) AS ?n) WHERE { ?f a sg:Filing ; sg:formType ?form ;"
    " sg:sourceFile ?src } GROUP BY ?form ORDER BY ?form"
)

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

runner = CliRunner()


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    store = tmp_path_factory.mktemp("seeds") / "store"
    code, stdout, stderr = run("build", SEEDS, "--store", store)
    assert code == 0, stdout + stderr
    return store, stdout


@pytest.fixture
def store(seed_build: tuple[Path, str]) -> Path:
    return seed_build[0]


def test_build_reports_every_file(seed_build: tuple[Path, str]) -> None:
    store, stdout = seed_build
    lines = stdout.splitlines()
    assert [line.split()[0] for line in lines[:4]] == ["ok"] * 4
    assert [Path(line.split()[1]).name for line in lines[:4]] == sorted(
        p.name for p in SEEDS.iterdir()
    )
    assert "form 4 (ownership-text)" in lines[0]
    assert "form 8-K (8k-text)" in lines[3]
    assert lines[4].startswith(f"{store}: 4 filing(s) loaded, 0 failed;")


def test_query_json_is_w3c_sparql_results(store: Path) -> None:
    code, stdout, _ = run("query", FORMS, "--store", store, "--format", "json")
    assert code == 0
    doc = json.loads(stdout)
    assert doc["head"]["vars"] == ["form", "n"]
    counts = {b["form"]["value"]: b["n"]["value"] for b in doc["results"]["bindings"]}
    assert counts == {"3": "1", "4": "1", "8-K": "1", "D": "1"}
    assert {b["n"]["datatype"] for b in doc["results"]["bindings"]} == {
        "http://www.w3.org/2001/XMLSchema#integer"
    }


def test_query_csv_tsv_and_table(store: Path) -> None:
    _, csv_out, _ = run("query", FORMS, "--store", store, "--format", "csv")
    assert csv_out.splitlines() == ["form,n", "3,1", "4,1", "8-K,1", "D,1"]
    _, tsv_out, _ = run("query", FORMS, "--store", store, "--format", "tsv")
    assert tsv_out.splitlines() == ["?form\t?n", '"3"\t1', '"4"\t1', '"8-K"\t1', '"D"\t1']
    _, table, _ = run("query", FORMS, "--store", store)
    assert "8-K" in table
    assert "form" in table.splitlines()[1]


def test_parameters_are_bound_never_pasted(store: Path) -> None:
    sparql = "SELECT ?person ?name WHERE { ?person sg:name ?name }"
    _, stdout, _ = run(
        "query", sparql, "--store", store, "-p", "name=PANORA ROBERT A", "--format", "json"
    )
    rows = json.loads(stdout)["results"]["bindings"]
    assert [r["name"]["value"] for r in rows] == ["PANORA ROBERT A"]
    hostile = 'name=x" } UNION { ?person ?p ?name } #'
    code, stdout, _ = run("query", sparql, "--store", store, "-p", hostile, "--format", "json")
    assert code == 0
    assert json.loads(stdout)["results"]["bindings"] == []
    tecogen = "c=<https://w3id.org/secgraph/id/company/cik/0001537435>"
    _, stdout, _ = run(
        "query",
        "SELECT ?c ?n WHERE { ?c sg:name ?n }",
        "--store",
        store,
        "-p",
        tecogen,
        "--format",
        "csv",
    )
    assert stdout.splitlines()[1:] == [
        "https://w3id.org/secgraph/id/company/cik/0001537435,TECOGEN INC."
    ]


def test_query_from_a_file_and_ask(store: Path, tmp_path: Path) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text('ASK { ?c sg:cik "0001537435" }')
    assert run("query", "--file", rq, "--store", store)[:2] == (0, "true\n")
    assert json.loads(run("query", "--file", rq, "--store", store, "--format", "json")[1]) == {
        "head": {},
        "boolean": True,
    }


def test_construct_is_rdf(store: Path) -> None:
    sparql = "CONSTRUCT { ?c sg:name ?n } WHERE { ?c sg:cik ?cik ; sg:name ?n }"
    code, stdout, _ = run("query", sparql, "--store", store, "--format", "csv")
    assert code == 0
    triples = list(ox.parse(stdout.encode(), format=ox.RdfFormat.N_TRIPLES))
    assert {(t.subject.value, t.object.value) for t in triples} == {
        ("https://w3id.org/secgraph/id/company/cik/0001537435", "TECOGEN INC.")
    }


def test_named_query_by_name_in_every_format(store: Path) -> None:
    """Trap: a name given for an entity parameter must reach the query as the entity the
    finder resolved, in every format, with exactly the documented columns."""
    args = ("query", "--named", "roles", "--param", "name=panora", "--store", store)
    doc = json.loads(run(*args, "--format", "json")[1])
    assert doc["head"]["vars"] == list(named_query("roles").columns)
    assert {
        (b["role"]["value"], b["companyName"]["value"]) for b in doc["results"]["bindings"]
    } == {
        ("officer", "TECOGEN INC."),
        ("executive officer", "TECOGEN INC."),
    }
    assert run(*args, "--format", "csv")[1].splitlines()[0].split(",") == doc["head"]["vars"]
    header = run(*args, "--format", "tsv")[1].splitlines()[0].split("\t")
    assert header == ["?" + v for v in doc["head"]["vars"]]


def test_a_named_query_pages_and_says_the_total(store: Path) -> None:
    """Trap: a cut answer must say it is cut (and how long the whole is)."""
    code, stdout, stderr = run("query", "--named", "roles", "--limit", "2", "--store", store)
    assert code == 0
    assert stdout.count("\n│ http") == 2, stdout  # two rows (each starts with the holder)
    # a listing (no entity given) is not counted: that would read the whole store
    assert stderr.startswith("rows 1-2 of a longer listing (not counted"), stderr
    assert "more with --offset 2" in stderr
    # an entity's answer is counted: the total is the number of rows of the whole answer
    mine = ("query", "--named", "roles", "--param", "name=Panora", "--store", store)
    code, stdout, stderr = run(*mine, "--limit", "1")
    assert code == 0
    code, whole, _ = run(*mine, "--limit", "0", "--format", "json")
    total = len(json.loads(whole)["results"]["bindings"])
    assert total >= 2
    assert stderr.startswith(f"rows 1-1 of {total}; more with --offset 1"), stderr
    code, _, stderr = run("query", "--named", "roles", "--limit", "0", "--store", store)
    assert code == 0 and stderr == ""
    page = json.loads(
        run(
            "query",
            "--named",
            "roles",
            "--limit",
            "3",
            "--offset",
            "13",
            "--format",
            "json",
            "--store",
            store,
        )[1]
    )
    assert len(page["results"]["bindings"]) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["SELEC ?x"], "error: invalid SPARQL: error at 1:9"),
        (["--named", "nope"], "error: unknown named query 'nope'"),
        (
            ["--named", "roles", "-p", "bogus=1"],
            "error: named query 'roles' has no parameter 'bogus'",
        ),
        (["SELECT ?s WHERE { ?s ?p ?o }", "-p", "novalue"], "error: bad --param 'novalue'"),
        (
            ["SELECT ?s WHERE { ?s ?p ?o }", "-p", "zz=1"],
            "error: The SPARQL query does not contains variable ?zz",
        ),
        (["SELECT ?s WHERE { ?s ?p ?o }", "-p", "x=<not an iri>"], "error: bad parameter value"),
        ([], "error: give exactly one of"),
        (["ASK {}", "--named", "roles"], "error: give exactly one of"),
        (["--file", "/nonexistent/q.rq"], "error: cannot read /nonexistent/q.rq"),
    ],
)
def test_query_errors_are_one_line_and_exit_2(store: Path, args: list[str], message: str) -> None:
    code, stdout, stderr = run("query", *args, "--store", store)
    assert code == 2
    assert stdout == ""
    assert stderr.startswith(message)
    assert stderr.count("\n") == 1


def test_query_without_a_store_exits_2(tmp_path: Path) -> None:
    code, _, stderr = run("query", "ASK {}", "--store", tmp_path / "missing")
    assert code == 2
    assert "no secgraph store" in stderr


def test_a_long_query_is_cut_at_its_timeout(store: Path) -> None:
    """pyoxigraph cannot cancel a query; the CLI stops waiting and exits."""
    cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    proc = subprocess.run(
        [*SECGRAPH, "query", cross, "--store", str(store), "--timeout", "0.5"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr == "error: query timed out after 0.5 s (raise it with --timeout)\n"
    assert time.monotonic() - started < 20


def test_validate_the_seed_graph(store: Path) -> None:
    code, stdout, _ = run("validate", "--store", store)
    assert "Conforms: True" in stdout
    assert code == 0


def test_validate_reports_a_violation_and_exits_1(tmp_path: Path) -> None:
    """A filing whose accession number is no accession number breaks the Filing shape."""
    sg = "https://w3id.org/secgraph/ontology#"
    filing = ox.NamedNode("https://w3id.org/secgraph/id/filing/x")
    quads = [
        ox.Quad(filing, ox.NamedNode(RDF_TYPE), ox.NamedNode(sg + "Filing"), filing),
        ox.Quad(filing, ox.NamedNode(sg + "accessionNumber"), ox.Literal("12-34"), filing),
    ]
    with staged_store(tmp_path / "store") as graph:
        graph.replace_graph(filing, quads)
    code, stdout, _ = run("validate", "--store", tmp_path / "store")
    assert code == 1
    assert "Conforms: False" in stdout
    assert "accessionNumber" in stdout


# -- builds that go wrong ------------------------------------------------------------------------


def test_a_bad_file_fails_alone(tmp_path: Path) -> None:
    """Trap: an empty file, a binary file and a text that is no filing sit in the folder."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("000_e1ed6ab97b7d8f9e.txt", "002_71093b0e43aa5d3d.txt"):
        shutil.copy(SEEDS / name, folder / name)
    (folder / "a_empty.txt").write_bytes(b"")
    (folder / "b_scan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 4)
    (folder / "c_notes.txt").write_text("Minutes of the board meeting.\nNothing to see here.\n")
    store = tmp_path / "store"
    code, stdout, _ = run("build", folder, "--store", store)
    assert code == 1
    lines = dict(line.split(maxsplit=1) for line in stdout.splitlines()[:5])
    assert set(lines) == {"ok", "failed"} and len(stdout.splitlines()) == 6
    failed = [line for line in stdout.splitlines() if line.startswith("failed")]
    assert [Path(line.split()[1].rstrip(":")).name for line in failed] == [
        "a_empty.txt",
        "b_scan.pdf",
        "c_notes.txt",
    ]
    assert "empty" in failed[0]
    assert "binary" in failed[1]
    assert "not a supported SEC filing" in failed[2]
    _, csv_out, _ = run("query", FORMS, "--store", store, "--format", "csv")
    assert csv_out.splitlines() == ["form,n", "3,1", "4,1"]


def test_rebuilding_gives_the_same_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    counts = []
    for _ in range(2):
        assert run("build", SEEDS, "--store", store)[0] == 0
        with open_store(store) as graph:
            counts.append((graph.count(), sorted(g.value for g in graph.graphs())))
    assert counts[0] == counts[1]
    # the filings, the ontology, resolution, positions and summary graphs
    assert len(counts[0][1]) == 4 + 4


def test_a_bad_setup_stops_with_exit_2(tmp_path: Path) -> None:
    code, _, stderr = run("build", tmp_path / "nope", "--store", tmp_path / "store")
    assert code == 2
    assert stderr == f"error: {tmp_path / 'nope'}: no such file or directory\n"
    a_file = tmp_path / "file"
    a_file.write_text("not a directory")
    code, _, stderr = run("build", SEEDS, "--store", a_file)
    assert code == 2
    assert stderr == f"error: {a_file} is not a directory\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]  # nothing left behind


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_an_interrupted_cli_build_keeps_the_previous_store(
    tmp_path: Path, sig: signal.Signals
) -> None:
    store = tmp_path / "store"
    assert run("build", SEEDS, "--store", store)[0] == 0
    with open_store(store) as graph:
        before = graph.count()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with subprocess.Popen(
        [*SECGRAPH, "build", str(CORPUS), "--store", str(store), "--jobs", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        for _ in range(3):
            assert proc.stdout.readline().split()[0] in ("ok", "failed")
        proc.send_signal(sig)
        code = proc.wait(timeout=60)
        stderr = proc.stderr.read()
    with open_store(store) as graph:
        assert graph.count() == before
    assert run("query", FORMS, "--store", store, "--format", "csv")[1].splitlines()[1:] == [
        "3,1",
        "4,1",
        "8-K,1",
        "D,1",
    ]
    if sig == signal.SIGINT:
        assert code == 130
        assert stderr.endswith("error: interrupted; the store was not changed\n")
        assert [p.name for p in store.glob("gen-*")] == ["gen-000001"]  # no half-written one
    else:
        assert code == -signal.SIGKILL
