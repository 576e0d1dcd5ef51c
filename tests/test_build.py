"""The build pipeline: batches go on past bad files, rebuilds replace, builds are all-or-nothing.

Most tests use a small stand-in worker (lines of a text file become quads of one named graph) so
they test the pipeline, not the parsers; the end-to-end builds of real filings are in
test_query_cli.py."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

import secgraph.build
from secgraph.build import FileReport, FileResult, build, process_file
from secgraph.errors import SetupError
from secgraph.graph import ONTOLOGY_GRAPH, RESOLUTION_GRAPH
from secgraph.graph.vocab import ID_NS
from secgraph.store import open_store

P = ox.NamedNode("http://example.org/line")
TESTS = Path(__file__).parent
SECGRAPH = str(Path(sys.executable).parent / "secgraph")  # the installed command


def lines_worker(path: Path) -> FileResult:
    """First line names the filing (its graph); each further line is one quad. Empty: fails."""
    lines = path.read_text().splitlines()
    if not lines:
        return FileResult(str(path), error=f"{path}: empty")
    if os.environ.get("SECGRAPH_TEST_PIDS"):
        with open(os.environ["SECGRAPH_TEST_PIDS"], "a") as fh:
            fh.write(f"{os.getpid()}\n")
    if os.environ.get("SECGRAPH_TEST_SLOW"):
        time.sleep(float(os.environ["SECGRAPH_TEST_SLOW"]))
    graph = ox.NamedNode(f"{ID_NS}test/{lines[0]}")
    quads = [
        ox.Quad(ox.NamedNode(f"{graph.value}/{i}"), P, ox.Literal(text), graph)
        for i, text in enumerate(lines[1:])
    ]
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
    return FileResult(str(path), graph=graph.value, nquads=data, quads=len(quads), form="T")


def write_corpus(folder: Path, n: int, rows: int = 3) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        body = "\n".join([f"{folder.name}-{i}", *(f"row {r} of {i}" for r in range(rows))])
        (folder / f"f{i:03}.txt").write_text(body + "\n")
    return folder


def filing_quads(store_dir: Path) -> set[ox.Quad]:
    with open_store(store_dir) as store:
        return {q for q in store.quads() if q.graph_name not in (ONTOLOGY_GRAPH, RESOLUTION_GRAPH)}


def test_a_bad_file_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 3)
    (corpus / "sub").mkdir()
    (corpus / "sub" / "empty.txt").write_text("")
    report = build([corpus], tmp_path / "store", worker=lines_worker, jobs=1)
    assert [(Path(f.path).name, f.ok) for f in report.files] == [
        ("f000.txt", True),
        ("f001.txt", True),
        ("f002.txt", True),
        ("empty.txt", False),
    ]
    assert report.failed[0].reason == f"{corpus / 'sub' / 'empty.txt'}: empty"
    assert report.quads_loaded == 9
    assert len(filing_quads(tmp_path / "store")) == 9
    with open_store(tmp_path / "store") as store:
        assert store.count(ONTOLOGY_GRAPH) == report.ontology_quads > 0
        assert store.count() == report.store_quads


def test_rebuilding_replaces_each_filing_graph(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 4)
    store_dir = tmp_path / "store"
    first = build([corpus], store_dir, worker=lines_worker, jobs=1)
    second = build([corpus], store_dir, worker=lines_worker, jobs=1)
    assert first.store_quads == second.store_quads
    assert len(filing_quads(store_dir)) == 12
    # A filing that changed is replaced, not merged: its old rows are gone.
    (corpus / "f001.txt").write_text("in-1\nonly row\n")
    build([corpus / "f001.txt"], store_dir, worker=lines_worker, jobs=1)
    rows = {q.object.value for q in filing_quads(store_dir) if "/in-1/" in q.subject.value}
    assert rows == {"only row"}
    assert len(filing_quads(store_dir)) == 10  # the other filings are still there


def test_the_same_filing_twice_in_one_build_keeps_the_last(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("same\nfrom a\nfrom a again\n")
    (corpus / "b.txt").write_text("same\nfrom b\n")
    report = build([corpus], tmp_path / "store", worker=lines_worker, jobs=1)
    assert report.files[1] == FileReport(
        str(corpus / "b.txt"), ok=True, quads=1, form="T", replaces=str(corpus / "a.txt")
    )
    assert {q.object.value for q in filing_quads(tmp_path / "store")} == {"from b"}


def test_worker_processes_give_the_same_store(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 12)
    one = build([corpus], tmp_path / "one", worker=lines_worker, jobs=1)
    two = build([corpus], tmp_path / "two", worker=lines_worker, jobs=2, batch_bytes=500)
    assert [f.path for f in one.files] == [f.path for f in two.files]  # input order kept
    assert filing_quads(tmp_path / "one") == filing_quads(tmp_path / "two")
    assert len(filing_quads(tmp_path / "two")) == 36


def test_a_missing_path_stops_before_any_change(tmp_path: Path) -> None:
    with pytest.raises(SetupError, match="no such file"):
        build([tmp_path / "nope"], tmp_path / "store", worker=lines_worker)
    assert not (tmp_path / "store").exists()


def test_a_store_that_cannot_open_stops_everything(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 2)
    not_a_store = tmp_path / "notes"
    not_a_store.mkdir()
    (not_a_store / "todo.txt").write_text("keep me")
    with pytest.raises(SetupError, match="not a secgraph store"):
        build([corpus], not_a_store, worker=lines_worker, jobs=1)
    assert (not_a_store / "todo.txt").read_text() == "keep me"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n", "empty"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    ],
)
def test_the_real_worker_fails_bad_files_with_one_line(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    """Trap: an empty or binary file in a folder of filings must fail alone, with a reason."""
    path = tmp_path / name
    path.write_bytes(data)
    result = process_file(path)
    assert result.graph is None
    assert result.error is not None
    assert result.error.startswith(str(path))
    assert reason in result.error.lower()
    assert "\n" not in result.error


# -- interrupted builds (a real process, really killed) ---------------------------------------

_RUNNER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from secgraph.build import build
    from test_build import lines_worker

    class Say:
        def start(self, total): pass
        def stage(self, description): pass
        def file_done(self, report):
            print("done", report.path, flush=True)

    build([sys.argv[1]], Path(sys.argv[2]), worker=lines_worker, jobs=int(sys.argv[3]),
          progress=Say())
    """
)


def start_build(
    corpus: Path, store_dir: Path, jobs: int, env: dict[str, str]
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _RUNNER, str(corpus), str(store_dir), str(jobs)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # a SIGINT traceback, the resource tracker's complaints
        text=True,
        env={**os.environ, "PYTHONPATH": str(TESTS), **env},
    )


def wait_for_progress(proc: subprocess.Popen[str], lines: int) -> None:
    assert proc.stdout is not None
    for _ in range(lines):
        assert proc.stdout.readline().startswith("done")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_build_leaves_the_previous_store_usable(
    tmp_path: Path, sig: signal.Signals
) -> None:
    store_dir = tmp_path / "store"
    build([write_corpus(tmp_path / "old", 2)], store_dir, worker=lines_worker, jobs=1)
    before = filing_quads(store_dir)
    new = write_corpus(tmp_path / "new", 40)
    with start_build(new, store_dir, 1, {"SECGRAPH_TEST_SLOW": "0.05"}) as proc:
        wait_for_progress(proc, 3)
        proc.send_signal(sig)
        assert proc.wait(timeout=30) != 0
    assert filing_quads(store_dir) == before  # the previous store, whole and unchanged
    if sig == signal.SIGINT:  # a clean interruption also removes its half-written generation
        assert sorted(p.name for p in store_dir.iterdir()) == [".lock", "gen-000001", "generation"]
    # The next build works (and clears a killed build's half-written generation).
    build([tmp_path / "new"], store_dir, worker=lines_worker, jobs=1)
    assert len(filing_quads(store_dir)) == 6 + 120
    assert [p.name for p in store_dir.glob("gen-*")] == ["gen-000002"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new", "old", "store"]


def test_workers_of_a_killed_build_exit(tmp_path: Path) -> None:
    """Trap: a SIGKILLed parent cannot stop its pool; orphaned workers would wait forever."""
    pids = tmp_path / "pids"
    corpus = write_corpus(tmp_path / "in", 200)
    env = {"SECGRAPH_TEST_SLOW": "0.05", "SECGRAPH_TEST_PIDS": str(pids)}
    with start_build(corpus, tmp_path / "store", 2, env) as proc:
        wait_for_progress(proc, 4)
        proc.kill()
        proc.wait(timeout=30)
    workers = {int(pid) for pid in pids.read_text().split()}
    assert len(workers) == 2
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.2)
    assert not [pid for pid in workers if _alive(pid)]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by its parent) counts as gone.
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _resolution(store_dir: Path) -> set[str]:
    with open_store(store_dir) as store:
        return {str(q) for q in store.quads(RESOLUTION_GRAPH)}


def test_resolution_is_the_same_whether_built_at_once_or_added_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fresh build resolves from the mentions its workers noted; a build added to a store
    that already has filings reads them all back with SPARQL. Same filings, same graph."""
    reads: list[object] = []
    real = secgraph.build.read_mentions
    monkeypatch.setattr(secgraph.build, "read_mentions", lambda sel: reads.append(1) or real(sel))
    seeds = TESTS.parent / "examples" / "filings"
    files = sorted(seeds.iterdir())
    assert len(files) == 4
    at_once = tmp_path / "at-once"
    build([seeds], at_once, jobs=1, fresh=True)
    assert reads == []  # from the noted mentions
    in_steps = tmp_path / "in-steps"
    build(files[:2], in_steps, jobs=1, fresh=True)
    build(files[2:], in_steps, jobs=1)
    assert len(reads) == 1  # the second build read the store
    resolution = _resolution(at_once)
    # not vacuous: Panora's Form 3 and Form D mentions are merged (issue 3)
    assert any("sameAs" in q and "panora" in q.lower() for q in resolution)
    assert _resolution(in_steps) == resolution
    # the same filing twice in one build: the first copy's mentions are dropped with it
    twice = tmp_path / "twice"
    build([seeds, files[0]], twice, jobs=1, fresh=True)
    assert len(reads) == 2  # a graph replaced: read back from the store
    assert _resolution(twice) == resolution


@pytest.mark.parametrize(("cores", "jobs"), [(1, 1), (2, 1), (4, 3), (16, 15)])
def test_default_jobs_leaves_a_core_to_the_loader(
    cores: int, jobs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(cores)))
    assert secgraph.build.default_jobs() == jobs


def test_a_changed_file_replaces_its_previous_version(tmp_path: Path) -> None:
    """A text conversion has no accession number: its filing graph is named by the SHA-256
    of its bytes, so a corrected file gets a new graph. Trap: the old version's graph kept
    beside the new one, every fact of the filing counted twice. Through the CLI, as a user
    rebuilds; the report says the previous version was replaced."""
    seed = TESTS.parent / "examples" / "filings" / "002_71093b0e43aa5d3d.txt"
    work = tmp_path / "in"
    work.mkdir()
    target = work / "form3.txt"
    target.write_bytes(seed.read_bytes())
    store_dir = tmp_path / "store"
    cli = [SECGRAPH, "build", str(work), "--store", str(store_dir)]
    first = subprocess.run(cli, capture_output=True, text=True, check=True)
    assert "replaced" not in first.stdout
    target.write_bytes(seed.read_bytes() + b"\n(corrected copy)\n")  # new bytes, same file
    second = subprocess.run(cli, capture_output=True, text=True, check=True)
    assert "replaced its previous version" in second.stdout, second.stdout
    with open_store(store_dir) as store:
        filings = [
            row["f"].value
            for row in store.select("SELECT ?f WHERE { GRAPH ?f { ?f a sg:Filing } }", union=False)
        ]
    assert len(filings) == 1, filings
    # A different file beside it is another filing, kept.
    (work / "copy.txt").write_bytes(seed.read_bytes())
    subprocess.run(cli, capture_output=True, text=True, check=True)
    with open_store(store_dir) as store:
        count = store.select("SELECT (COUNT(?f) AS ?n) WHERE { GRAPH ?f { ?f a sg:Filing } }")
        assert int(next(count)["n"].value) == 2
