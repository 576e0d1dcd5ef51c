"""exports/ holds the example graph (examples/filings) in every format, and is up to date.

The example filings are built into a temporary store and exported again into a temporary
folder; each file must match exports/ structurally (RDF by graph isomorphism, the others by
their parsed content), so a stale exports/ fails here: run `make demo` (or
`secgraph build examples/filings --store S && secgraph export --all --store S -o exports/`).
"""

from __future__ import annotations

import csv
import json
import re
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import rdflib
from rdflib.compare import isomorphic

from secgraph.build import build
from secgraph.store import open_store
from secgraph.views import FORMATS, ExportFormat, default_path, write_all

ROOT = Path(__file__).parents[1]
EXPORTS = ROOT / "exports"


@contextmanager
def _quiet_rdflib() -> Iterator[None]:
    """rdflib 7.6 warns about its own deprecated Dataset/ConjunctiveGraph internals."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", r"(Dataset\.\w+|ConjunctiveGraph) is deprecated", DeprecationWarning
        )
        yield


def _graph(path: Path, fmt: str) -> rdflib.Graph:
    g = rdflib.Graph()
    with _quiet_rdflib():
        g.parse(path, format=fmt)
    return g


def _graphs(path: Path, fmt: str) -> dict[str, rdflib.Graph]:
    ds = rdflib.Dataset()
    with _quiet_rdflib():
        ds.parse(path, format=fmt)
        return {str(g.identifier): g for g in ds.graphs() if len(g)}


def _same_dataset(a: Path, b: Path, fmt: str) -> bool:
    ga, gb = _graphs(a, fmt), _graphs(b, fmt)
    return sorted(ga) == sorted(gb) and all(isomorphic(ga[k], gb[k]) for k in ga)


def _networkx(read: Callable[[Path], nx.Graph]) -> Callable[[Path], Any]:
    def parse(path: Path) -> Any:
        g = read(path)
        nodes = sorted((str(n), sorted(d.items())) for n, d in g.nodes(data=True))
        edges = sorted((str(u), str(v), sorted(d.items())) for u, v, d in g.edges(data=True))
        return nodes, edges

    return parse


def _read_dot(path: Path) -> nx.Graph:
    with warnings.catch_warnings():  # pydot 4.0 still calls pyparsing's old names
        warnings.filterwarnings("ignore", r"'\w+' deprecated", DeprecationWarning)
        return nx.nx_pydot.read_dot(path)


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return sorted(csv.DictReader(fh), key=lambda row: json.dumps(row, sort_keys=True))


def _html(path: Path) -> tuple[Any, str]:
    page = path.read_text(encoding="utf-8")
    pattern = r'(<script id="graph-data" type="application/json">)(.*?)(</script>)'
    match = re.search(pattern, page, re.S)
    assert match is not None
    return json.loads(match.group(2)), page.replace(match.group(2), "")


PARSED: dict[ExportFormat, Callable[[Path], Any]] = {
    ExportFormat.GRAPHML: _networkx(lambda p: nx.read_graphml(p, force_multigraph=True)),
    ExportFormat.GEXF: _networkx(nx.read_gexf),
    ExportFormat.DOT: _networkx(_read_dot),
    ExportFormat.CYJS: lambda p: json.loads(p.read_text(encoding="utf-8")),
    ExportFormat.HTML: _html,
}
RDF_GRAPHS = {ExportFormat.TURTLE: "turtle", ExportFormat.NTRIPLES: "nt"}
RDF_GRAPHS[ExportFormat.JSONLD] = "json-ld"
RDF_DATASETS = {ExportFormat.TRIG: "trig", ExportFormat.NQUADS: "nquads"}


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("fresh")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)  # sg:sourceFile keeps the path as given: build it as `make demo` does
        report = build([Path("examples/filings")], tmp / "store", jobs=1, fresh=True)
    assert all(f.ok for f in report.files), [f.line() for f in report.files if not f.ok]
    out = tmp / "exports"
    with open_store(tmp / "store") as store:
        write_all(store, out)
    return out


def test_every_format_is_exported(fresh: Path) -> None:
    assert {p.name for p in fresh.iterdir()} == {p.name for p in EXPORTS.iterdir()} - {"README.md"}
    assert len(FORMATS) == 11


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_exports_are_up_to_date(fresh: Path, fmt: ExportFormat) -> None:
    new, old = default_path(fresh, fmt), default_path(EXPORTS, fmt)
    hint = f"exports/ is stale for {fmt}: regenerate it with `make demo`"
    if fmt in RDF_GRAPHS:
        a, b = _graph(new, RDF_GRAPHS[fmt]), _graph(old, RDF_GRAPHS[fmt])
        assert len(a) == len(b) and isomorphic(a, b), hint
    elif fmt in RDF_DATASETS:
        assert _same_dataset(new, old, RDF_DATASETS[fmt]), hint
    elif fmt is ExportFormat.CSV:
        for name in ("secgraph-nodes.csv", "secgraph-edges.csv"):
            assert _csv(fresh / name) == _csv(EXPORTS / name), hint
    else:
        assert PARSED[fmt](new) == PARSED[fmt](old), hint
