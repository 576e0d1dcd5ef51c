"""RDF exports parse back (rdflib, and Debian's rapper) into the store's graph, byte-stable."""

from __future__ import annotations

import io
import json
import random
import shutil
import subprocess
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from secgraph.cli import app
from secgraph.errors import ViewError
from secgraph.graph.vocab import ontology_dir
from secgraph.store import open_store, staged_store
from secgraph.views.export_rdf import RdfExport, write_rdf
from secgraph.views.scope import Scope

SAMPLE = Path(__file__).parent / "fixtures" / "views" / "sample.trig"
ID = "https://w3id.org/secgraph/id/"
RDFLIB_FORMATS = {
    RdfExport.TURTLE: "turtle",
    RdfExport.NTRIPLES: "nt",
    RdfExport.JSONLD: "json-ld",
    RdfExport.TRIG: "trig",
    RdfExport.NQUADS: "nquads",
}


def _store(quads: list[ox.Quad] | None = None) -> ox.Store:
    store = ox.Store()
    if quads is None:
        store.load(path=SAMPLE, format=ox.RdfFormat.TRIG)
    else:
        store.extend(quads)
    return store


def _export(store: ox.Store, fmt: RdfExport, scope: Scope | None = None) -> bytes:
    buf = io.BytesIO()
    write_rdf(store, fmt, buf, scope=scope)
    return buf.getvalue()


@contextmanager
def _rdflib_dataset_quirks() -> Iterator[None]:
    """rdflib 7.6's own Dataset.parse calls its deprecated default_context (a warning we
    cannot act on; the suite turns warnings into errors)."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", r"(Dataset\.\w+|ConjunctiveGraph) is deprecated", DeprecationWarning
        )
        yield


def _dataset(data: str | Path, fmt: str) -> rdflib.Dataset:
    ds = rdflib.Dataset()
    with _rdflib_dataset_quirks():
        if isinstance(data, Path):
            ds.parse(data, format=fmt)
        else:
            ds.parse(data=data, format=fmt)
    return ds


def _expected_dataset() -> rdflib.Dataset:
    return _dataset(SAMPLE, "trig")


def _union(ds: rdflib.Dataset) -> rdflib.Graph:
    g = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


@pytest.mark.parametrize("fmt", [RdfExport.TURTLE, RdfExport.NTRIPLES, RdfExport.JSONLD])
def test_graph_formats_parse_back_isomorphic(fmt: RdfExport) -> None:
    data = _export(_store(), fmt)
    back = rdflib.Graph()
    with _rdflib_dataset_quirks():  # its JSON-LD parser builds a ConjunctiveGraph
        back.parse(data=data.decode("utf-8"), format=RDFLIB_FORMATS[fmt])
    expected = _union(_expected_dataset())
    assert len(back) == len(expected) == 173
    assert isomorphic(back, expected)


@pytest.mark.parametrize("fmt", [RdfExport.TRIG, RdfExport.NQUADS])
def test_dataset_formats_keep_each_named_graph(fmt: RdfExport) -> None:
    data = _export(_store(), fmt)
    back = _dataset(data.decode("utf-8"), RDFLIB_FORMATS[fmt])
    expected = _expected_dataset()

    def graphs(ds: rdflib.Dataset) -> dict[str, rdflib.Graph]:
        with _rdflib_dataset_quirks():
            return {str(g.identifier): g for g in ds.graphs() if len(g)}

    got, want = graphs(back), graphs(expected)
    assert sorted(got) == sorted(want)
    assert f"{ID}graph/resolution" in got
    assert f"{ID}filing/sha256/f8" in got
    for name, graph in want.items():
        assert isomorphic(got[name], graph), name


@pytest.mark.parametrize("fmt", list(RdfExport))
def test_output_is_byte_stable_whatever_the_load_order(fmt: RdfExport) -> None:
    quads = list(ox.parse(path=SAMPLE, format=ox.RdfFormat.TRIG))
    shuffled = quads[:]
    random.Random(7).shuffle(shuffled)
    assert _export(_store(quads), fmt) == _export(_store(shuffled), fmt)


def test_turtle_sorted_with_prefixes_and_exact_literals() -> None:
    text = _export(_store(), RdfExport.TURTLE).decode()
    prefix_lines = [line for line in text.splitlines() if line.startswith("@prefix")]
    assert prefix_lines == sorted(prefix_lines)
    assert "@prefix sg: <https://w3id.org/secgraph/ontology#> ." in prefix_lines
    # decimals keep their lexical form (163350 shares, an exercise price of 2.6)
    assert '"163350"^^xsd:decimal' in text
    assert "sg:exercisePrice 2.6" in text
    subjects = [line for line in text.splitlines() if line.startswith("<")]
    assert subjects == sorted(subjects)


def test_jsonld_is_compacted_with_the_context_and_sorted() -> None:
    doc = json.loads(_export(_store(), RdfExport.JSONLD))
    context = json.loads((ontology_dir() / "context.jsonld").read_text())["@context"]
    assert doc["@context"] == context  # the project's context, inline: no fetch to read it
    nodes = doc["graph"]  # the context names the keywords: graph, id, type
    ids = [node["id"] for node in nodes]
    assert ids == sorted(ids)
    jva = next(n for n in nodes if n["id"] == f"{ID}filing/sha256/f8/agreement/jva")
    assert jva["type"] == "Agreement" and jva["definedTerm"] == "JVA"
    assert jva["party"] == [f"{ID}company/name/tecogen", f"{ID}company/name/tedom"]


def test_filing_scope_keeps_that_filings_statements() -> None:
    data = _export(_store(), RdfExport.NQUADS, Scope(filing=f"{ID}filing/sha256/f8"))
    back = _dataset(data.decode(), "nquads")
    subjects = {str(s) for s, _, _, _ in back.quads((None, None, None, None))}
    assert f"{ID}filing/sha256/f8/agreement/jva" in subjects
    assert f"{ID}filing/sha256/f8/agreement/jva/event/0" in subjects
    assert f"{ID}company/name/tedom" in subjects
    # Tecogen's canonical node and its other members come along (it is a party of the JVA)
    assert f"{ID}company/cik/0001537435" in subjects
    assert f"{ID}filing/sha256/f3/role/0" not in subjects
    assert f"{ID}entity/cik/0000888888" not in subjects


def test_around_scope_follows_values_but_not_other_nodes() -> None:
    data = _export(_store(), RdfExport.NTRIPLES, Scope(around="panora", depth=1))
    g = rdflib.Graph()
    g.parse(data=data.decode(), format="nt")
    subjects = {str(s) for s in g.subjects()}
    # the holding is one hop away; its footnote annotation and footnote are its values
    assert f"{ID}filing/sha256/f3/holding/d/0" in subjects
    assert f"{ID}filing/sha256/f3/holding/d/0/note/exercisableDate" in subjects
    assert f"{ID}filing/sha256/f3/footnote/1" in subjects
    assert f"{ID}filing/sha256/f3/address/1" in subjects
    # Tecogen is two hops away (person - role - company): out at depth 1
    assert f"{ID}company/cik/0001537435" not in subjects


def test_unknown_filing_is_an_error() -> None:
    with pytest.raises(ViewError, match="no filing"):
        _export(_store(), RdfExport.TURTLE, Scope(filing="0000000000-00-000000"))


def _rapper(
    tmp_path: Path, name: str, data: bytes, syntax: str
) -> subprocess.CompletedProcess[str]:
    path = tmp_path / name
    path.write_bytes(data)
    return subprocess.run(
        ["rapper", "-i", syntax, "-c", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.rapper
@pytest.mark.parametrize(
    ("fmt", "syntax"), [(RdfExport.TURTLE, "turtle"), (RdfExport.NTRIPLES, "ntriples")]
)
def test_rapper_validates(tmp_path: Path, fmt: RdfExport, syntax: str) -> None:
    """An independent parser (raptor2) reads the exports and counts every triple."""
    if shutil.which("rapper") is None:
        pytest.skip(
            "rapper (Debian raptor2-utils) is not installed; `make system-deps` installs it"
        )
    data = _export(_store(), fmt)
    ok = _rapper(tmp_path, f"x.{fmt.extension}", data, syntax)
    assert ok.returncode == 0, ok.stderr
    assert "returned 173 triples" in ok.stderr
    broken = _rapper(tmp_path, f"broken.{fmt.extension}", data[: len(data) // 2] + b' "', syntax)
    assert broken.returncode != 0


def test_cli_writes_rdf_to_stdout_or_a_file(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    with staged_store(store_dir, fresh=True) as store:
        store.bulk_load(SAMPLE.read_bytes(), format=ox.RdfFormat.TRIG)
    runner = CliRunner()
    shown = runner.invoke(app, ["export", "--store", str(store_dir), "--format", "turtle"])
    assert shown.exit_code == 0, shown.output
    assert _statements(shown.stdout_bytes, RdfExport.TURTLE) == _statements(
        _export(_store(), RdfExport.TURTLE), RdfExport.TURTLE
    )
    target = tmp_path / "out" / "g.trig"
    saved = runner.invoke(
        app, ["export", "--store", str(store_dir), "--format", "trig", "-o", str(target)]
    )
    assert saved.exit_code == 0
    assert _statements(target.read_bytes(), RdfExport.TRIG) == _statements(
        _export(_store(), RdfExport.TRIG), RdfExport.TRIG
    )
    collapsed = runner.invoke(
        app, ["export", "--store", str(store_dir), "--format", "nquads", "--collapse"]
    )
    assert collapsed.exit_code == 1 and "--collapse applies to property-graph" in collapsed.stderr


def _disk_export(path: Path, quads: list[ox.Quad], fmt: RdfExport) -> bytes:
    with staged_store(path, fresh=True) as store:
        store.bulk_load(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"", format=NQ)
    buf = io.BytesIO()
    with open_store(path) as opened:
        write_rdf(opened, fmt, buf)
    return buf.getvalue()


NQ = ox.RdfFormat.N_QUADS


@pytest.mark.parametrize(
    "fmt", [RdfExport.NQUADS, RdfExport.TRIG, RdfExport.TURTLE, RdfExport.NTRIPLES]
)
def test_a_whole_store_streams_in_its_own_stable_order(tmp_path: Path, fmt: RdfExport) -> None:
    """Trap: the whole-store export, streamed in the store's order instead of sorted in
    Python, depends on the order the quads were loaded in (exports/ would drift), loses a
    graph or a statement, or writes a triple twice for the graphs that share it."""
    quads = list(ox.parse(path=SAMPLE, format=ox.RdfFormat.TRIG))
    shuffled = quads[:]
    random.Random(11).shuffle(shuffled)
    first = _disk_export(tmp_path / "a", quads, fmt)
    assert first == _disk_export(tmp_path / "b", shuffled, fmt)
    sorted_export = _export(_store(quads), fmt)  # the in-memory path, sorted in Python
    assert _statements(first, fmt) == _statements(sorted_export, fmt)
    if fmt in (RdfExport.NQUADS, RdfExport.NTRIPLES):  # one statement a line, none twice
        assert len(first.splitlines()) == len(_statements(first, fmt))
    assert [line for line in first.splitlines() if line.startswith(b"@prefix")] == sorted(
        line for line in first.splitlines() if line.startswith(b"@prefix")
    )


def _statements(data: bytes, fmt: RdfExport) -> set[str]:
    """The statements of an export, parsed (pyoxigraph), as N-Quads lines."""
    parsed = ox.parse(data, format=_OX[fmt])
    return {str(q) for q in parsed}


_OX = {
    RdfExport.TURTLE: ox.RdfFormat.TURTLE,
    RdfExport.TRIG: ox.RdfFormat.TRIG,
    RdfExport.NQUADS: ox.RdfFormat.N_QUADS,
    RdfExport.NTRIPLES: ox.RdfFormat.N_TRIPLES,
}
