"""The entry points the CLI and ``make demo`` call (the table of formats: :mod:`.formats`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import networkx as nx

from secgraph.errors import ViewError
from secgraph.views.export_pg import WRITERS as GRAPH_WRITERS
from secgraph.views.export_pg import GraphExport, write_csv
from secgraph.views.export_rdf import RdfExport, sort_key, write_quads, write_rdf
from secgraph.views.formats import FORMATS, ExportFormat
from secgraph.views.html import render_html
from secgraph.views.neighbourhood import DEFAULT_BUDGET, around, statements_about
from secgraph.views.property_graph import project
from secgraph.views.scope import Scope, apply_scope, kept_resources


@dataclass(frozen=True)
class ExportOptions:
    scope: Scope = field(default_factory=Scope)
    collapse: bool = False
    title: str = "secgraph"
    budget: int = DEFAULT_BUDGET  # nodes an --around walk keeps at most

    @classmethod
    def from_cli(
        cls,
        around: str | None,
        depth: int,
        filing: str | None,
        types: str | None,
        collapse: bool,
        *,
        budget: int = DEFAULT_BUDGET,
    ) -> ExportOptions:
        """The options of ``secgraph export`` (``--types`` is comma-separated)."""
        kinds = tuple(t.strip() for t in (types or "").split(",") if t.strip())
        scope = Scope(around=around, depth=depth, filing=filing, types=kinds)
        title = "secgraph" + (f": around {around}" if around else "")
        return cls(scope=scope, collapse=collapse, title=title, budget=budget)


GraphWriter = Callable[[nx.MultiDiGraph, IO[bytes]], object]


def _graph_writer(fmt: ExportFormat, options: ExportOptions) -> GraphWriter:
    if fmt is ExportFormat.HTML:
        return lambda g, out: out.write(render_html(g, title=options.title).encode("utf-8"))
    return GRAPH_WRITERS[GraphExport(fmt.value)]


def export(
    source: Any,
    fmt: ExportFormat,
    output: Path | IO[bytes],
    options: ExportOptions | None = None,
    *,
    graph: nx.MultiDiGraph | None = None,
    notice: Callable[[str], object] | None = None,
) -> list[Path]:
    """Write ``source`` (a store) as ``fmt`` to a path or an open binary stream; returns the
    files written. ``graph`` reuses a projection already made with the same ``collapse``.

    ``--around`` (without ``--filing``) reads only the neighbourhood from the store
    (:mod:`.neighbourhood`); ``notice`` is told when the node budget cut it."""
    options = options or ExportOptions()
    scope = options.scope
    is_rdf = fmt.value in {f.value for f in RdfExport}
    if is_rdf and options.collapse:
        raise ViewError("--collapse applies to property-graph formats, not to RDF")
    if graph is None and scope.around is not None and scope.filing is None:
        part = around(
            source, scope.around, scope.depth, collapse=options.collapse, budget=options.budget
        )
        if notice is not None and part.notice():
            notice(str(part.notice()))
        g = apply_scope(part.graph, Scope(types=scope.types))
        if is_rdf:
            quads = sorted(statements_about(part.reader, kept_resources(g)), key=sort_key)
            rdf = RdfExport(fmt.value)
            return _to(output, lambda out: write_quads(quads, rdf, out))
    elif is_rdf:
        rdf = RdfExport(fmt.value)
        return _to(output, lambda out: write_rdf(source, rdf, out, scope=scope))
    else:
        g = graph if graph is not None else project(source, collapse=options.collapse)
        g = apply_scope(g, scope)
    if fmt is ExportFormat.CSV:
        if not isinstance(output, Path):
            raise ViewError("csv writes two files: give -o DIR or -o NAME.csv")
        return write_csv(g, output)
    writer = _graph_writer(fmt, options)
    return _to(output, lambda out: writer(g, out))


def _to(output: Path | IO[bytes], write: Callable[[IO[bytes]], object]) -> list[Path]:
    if isinstance(output, Path):
        output.parent.mkdir(parents=True, exist_ok=True)
        with output.open("wb") as fh:
            write(fh)
        return [output]
    write(output)
    return []


def default_path(outdir: Path, fmt: ExportFormat, stem: str = "secgraph") -> Path:
    """``exports/secgraph.ttl``...; for csv ``exports/secgraph.csv`` names the two files
    ``secgraph-nodes.csv`` and ``secgraph-edges.csv``."""
    return outdir / f"{stem}.{FORMATS[fmt].extension}"


def write_all(source: Any, outdir: Path, *, stem: str = "secgraph") -> list[Path]:
    """Every format of the whole graph into ``outdir`` (what ``exports/`` holds)."""
    outdir.mkdir(parents=True, exist_ok=True)
    graph = project(source)
    written: list[Path] = []
    for fmt in ExportFormat:
        written += export(source, fmt, default_path(outdir, fmt, stem), graph=graph)
    return written


__all__ = ["FORMATS", "ExportFormat", "ExportOptions", "default_path", "export", "write_all"]
