"""The sharded build (build --shards on a Dask cluster, resolve, load into a store folder or
Oxigraph server) makes the store that ``secgraph build`` makes, and reports each file as it
does.

The cluster is a Dask ``LocalCluster`` of 2 worker *processes* (``processes=True``, the
``--cluster local:2`` of the command line): the paths are pickled to the workers, which
import secgraph, read the files and write the shards themselves; only the per-file report
comes back. It costs about 3 s to start, once for the module."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from distributed import Client, LocalCluster
from typer.testing import CliRunner

import secgraph.scale.map_stage as stage
from oxigraph_server import SERVER, oxigraph_serve
from secgraph.build import BuildReport, FileResult, build
from secgraph.cli import app
from secgraph.scale.cluster import executor
from secgraph.scale.load import load_shards
from secgraph.scale.map_stage import ShardBuildReport, build_shards
from secgraph.scale.reduce import ResolveReport, resolve_shards
from secgraph.store import open_store

CORPUS = Path(__file__).parent / "corpus"
FORM4 = CORPUS / "form4"


@pytest.fixture(scope="module")
def cluster() -> Iterator[Executor | None]:
    with executor(cluster="local:2") as pool:
        yield pool


def _quads(store_dir: Path) -> set[str]:
    """Every quad of the store as N-Quads text. The graph has no blank nodes (asserted: with
    them, equal graphs could differ in labels and this comparison would not hold) and no
    build timestamps, so equal stores have equal quads."""
    with open_store(store_dir) as store:
        quads = list(store.quads())
    assert not any(
        isinstance(term, ox.BlankNode) for q in quads for term in (q.subject, q.object)
    ), "blank nodes: compare the graphs by isomorphism instead"
    return {str(q) for q in quads}


@dataclass
class Corpus:
    """The corpus built embedded, and sharded on the cluster and resolved."""

    embedded: BuildReport
    store: Path
    sharded: ShardBuildReport
    shards: Path
    resolved: ResolveReport


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, cluster: Executor | None) -> Corpus:
    work = tmp_path_factory.mktemp("sharded")
    embedded = build([CORPUS], work / "embedded", jobs=1)
    sharded = build_shards([CORPUS], work / "shards", executor=cluster, shard_size=40)
    resolved = resolve_shards(work / "shards")
    return Corpus(embedded, work / "embedded", sharded, work / "shards", resolved)


def test_the_corpus_sharded_on_dask_gives_the_embedded_build_s_store(
    tmp_path: Path, corpus: Corpus
) -> None:
    """Trap: a sharded build that loses or changes facts on the way: a filing given twice (a
    Form 4 saved under two names: the last file must win, as in `secgraph build`), entity
    resolution from the facts noted in the shards
    instead of the store, positions and summary computed after a bulk load. Every quad of
    every graph (filings, resolution, positions, summary, ontology) must be the same."""
    assert corpus.sharded.shards == 5
    assert [f.line() for f in corpus.sharded.files] == [f.line() for f in corpus.embedded.files]
    assert sum(1 for f in corpus.sharded.files if f.replaces) == 1  # the repeated filing
    assert corpus.resolved.quads == corpus.embedded.resolution_quads
    loaded = load_shards(corpus.shards, tmp_path / "loaded")
    assert loaded.resolution == f"from {corpus.shards / 'resolution.nq'}"
    assert loaded.build.store_quads == corpus.embedded.store_quads
    assert _quads(tmp_path / "loaded") == _quads(corpus.store)


@pytest.mark.skipif(SERVER is None, reason="the oxigraph server (pip oxigraph)")
def test_the_corpus_shards_loaded_into_oxigraph_server(corpus: Corpus) -> None:
    """Trap: shards loaded into a SPARQL server (`secgraph load --store URL`) through the
    Graph Store Protocol losing a filing's graph, doubling the filings given twice, or
    leaving out the derived graphs computed over the server. The server must hold the
    embedded build's quads, every one."""
    with oxigraph_serve() as url:
        report = load_shards(corpus.shards, url)
        assert report.resolution == f"from {corpus.shards / 'resolution.nq'}"
        with open_store(url) as remote:
            there = {str(q) for q in remote.quads()}
    assert there == _quads(corpus.store)


def test_a_failed_file_fails_alone_in_its_shard(tmp_path: Path, cluster: Executor | None) -> None:
    """Trap: one bad file failing its whole shard (its task), or vanishing from the report.
    An empty file and a binary file sit between good Form 4s in one shard: both are failed
    lines saying why, the good files of the same shard are in it, and the count of failed
    files reaches the manifest."""
    folder = tmp_path / "in"
    folder.mkdir()
    good = sorted(FORM4.glob("*.xml"))[:4]
    for i, path in enumerate(good):
        (folder / f"f{i * 2}.xml").write_bytes(path.read_bytes())
    (folder / "f1.xml").write_bytes(b"")
    (folder / "f3.xml").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    report = build_shards([folder], tmp_path / "shards", executor=cluster, shard_size=100)
    assert report.shards == 1
    failed = {Path(f.path).name: f.reason for f in report.failed}
    assert sorted(failed) == ["f1.xml", "f3.xml"]
    assert "empty" in (failed["f1.xml"] or "")
    assert "binary" in (failed["f3.xml"] or "")
    shard = json.loads((tmp_path / "shards" / "shard-000000.json").read_text())
    assert [(Path(f["path"]).name, f["ok"]) for f in shard["files"]] == [
        ("f0.xml", True),
        ("f1.xml", False),
        ("f2.xml", True),
        ("f3.xml", False),
        ("f4.xml", True),
        ("f6.xml", True),
    ]
    manifest = json.loads((tmp_path / "shards" / "manifest.json").read_text())
    assert (manifest["files"], manifest["failed"]) == (6, 2)


def test_a_file_that_fails_its_task_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Trap: a file that kills its worker (or raises past the per-file report) failing every
    file of its shard with it, or leaving a shard the manifest names but nobody wrote. The
    task's failure is made by an exception escaping the worker function, on a cluster of
    thread workers (``processes=False``, so that the patched parser is theirs); a worker a
    file kills reaches the client the same way, as KilledWorker after Dask's retries. Its
    chunk is tried file by file: the one file is a failed line, its shard is written with
    the other two, and the build loads."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i, path in enumerate(sorted(FORM4.glob("*.xml"))[:5]):
        (folder / f"f{i}.xml").write_bytes(path.read_bytes())
    real = stage.process_file

    def dying(path: Path) -> FileResult:
        if path.name == "f1.xml":
            raise RuntimeError("the worker died")
        return real(path)

    monkeypatch.setattr(stage, "process_file", dying)
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
        ) as local,
        Client(local) as client,
    ):
        shards = tmp_path / "shards"
        report = build_shards(
            [folder], shards, executor=client.get_executor(pure=False), shard_size=3
        )
    assert [(Path(f.path).name, f.ok) for f in report.files] == [
        ("f0.xml", True),
        ("f1.xml", False),
        ("f2.xml", True),
        ("f3.xml", True),
        ("f4.xml", True),
    ]
    reason = report.files[1].reason or ""
    assert reason == f"{folder / 'f1.xml'}: its worker failed on it: RuntimeError: the worker died"
    manifest = json.loads((shards / "manifest.json").read_text())
    assert manifest["shards"] == ["shard-000000", "shard-000001"]
    assert load_shards(shards, tmp_path / "store").build.loaded == 4


def test_the_command_line_exits_1_when_a_file_failed(tmp_path: Path) -> None:
    """Trap: a sharded build with failed files exiting 0, so a script goes on as if every
    filing were in (`secgraph build` exits 1 then)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.xml").write_bytes(sorted(FORM4.glob("*.xml"))[0].read_bytes())
    (folder / "b.xml").write_bytes(b"")
    shards = tmp_path / "shards"
    result = CliRunner().invoke(app, ["build", str(folder), "--shards", str(shards), "-j", "1"])
    assert result.exit_code == 1, result.output
    assert f"failed  {folder / 'b.xml'}: " in result.output
    assert f"{shards}: 1 filing(s) in 1 shard(s), 1 failed" in result.output
    assert CliRunner().invoke(app, ["resolve", "--shards", str(shards)]).exit_code == 0
    store = tmp_path / "store"
    result = CliRunner().invoke(app, ["load", "--shards", str(shards), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert f"{store}: 1 filing(s) loaded, 0 failed" in result.output


def test_loading_shards_into_a_store_with_filings_adds_as_a_build_does(tmp_path: Path) -> None:
    """Trap: a day's shards loaded into a served store doubling a filing already there,
    or bringing a resolution graph computed from the day's filings alone (the people of the
    new filings must be merged with those already in the store). Loaded into a store that
    holds Forms 3 and 5, the shards of Forms D, rendered pages and a Form 5 already in the
    store must give the store that `secgraph build` gives when it adds the same files."""
    first = [CORPUS / "form3", CORPUS / "form5"]
    day = [CORPUS / "formd", CORPUS / "rendered", sorted((CORPUS / "form5").iterdir())[0]]
    build(first, tmp_path / "embedded", jobs=1)
    build(day, tmp_path / "embedded", jobs=1)
    build(first, tmp_path / "loaded", jobs=1)
    build_shards(day, tmp_path / "shards", shard_size=8)
    resolve_shards(tmp_path / "shards")
    report = load_shards(tmp_path / "shards", tmp_path / "loaded")
    assert report.resolution == "recomputed over the store (it held filings before)"
    assert _quads(tmp_path / "loaded") == _quads(tmp_path / "embedded")
