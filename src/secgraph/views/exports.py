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
from secgraph.views.export_rdf import RdfExport, write_rdf
from secgraph.views.formats import FORMATS, ExportFormat
from secgraph.views.html import render_html
from secgraph.views.property_graph import project
from secgraph.views.scope import Scope, apply_scope


@dataclass(frozen=True)
class ExportOptions:
    scope: Scope = field(default_factory=Scope)
    collapse: bool = False
    title: str = "secgraph"

    @classmethod
    def from_cli(
        cls,
        around: str | None,
        depth: int,
        filing: str | None,
        types: str | None,
        collapse: bool,
    ) -> ExportOptions:
        """The options of ``secgraph export`` (``--types`` is comma-separated)."""
        kinds = tuple(t.strip() for t in (types or "").split(",") if t.strip())
        scope = Scope(around=around, depth=depth, filing=filing, types=kinds)
        title = "secgraph" + (f": around {around}" if around else "")
        return cls(scope=scope, collapse=collapse, title=title)


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
) -> list[Path]:
    """Write ``source`` (a store) as ``fmt`` to a path or an open binary stream; returns the
    files written. ``graph`` reuses a projection already made with the same ``collapse``."""
    options = options or ExportOptions()
    if fmt.value in {f.value for f in RdfExport}:
        if options.collapse:
            raise ViewError("--collapse applies to property-graph formats, not to RDF")
        rdf = RdfExport(fmt.value)
        return _to(output, lambda out: write_rdf(source, rdf, out, scope=options.scope))
    g = graph if graph is not None else project(source, collapse=options.collapse)
    g = apply_scope(g, options.scope)
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
