"""The command line: each command a few lines over one library call."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress
from rich.table import Table
from rich.text import Text

from secgraph import __version__
from secgraph.batch import Outcome, parse_many
from secgraph.build import FileReport, build
from secgraph.errors import QueryError, SetupError, ViewError
from secgraph.graph import validate
from secgraph.lookup import Dossier, lookup
from secgraph.parsers import PARSERS, supported_forms
from secgraph.store import DEFAULT_STORE_DIR, open_store
from secgraph.store.results import ResultFormat, bounded, execute, prepare
from secgraph.views import ExportFormat, ExportOptions, export, find_paths, write_all

app = typer.Typer(
    help="secgraph: turn SEC filings into an RDF knowledge graph.\n\n"
    "Supported forms: "
    + "; ".join(f"{form} ({', '.join(fmts)})" for form, fmts in supported_forms().items()),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class ParseFormat(StrEnum):
    json = "json"
    table = "table"


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        out.print(__version__)
        raise typer.Exit()


def _outcome_json(outcome: Outcome) -> dict[str, object]:
    if outcome.parsed is None:
        return {"source": str(outcome.path), "error": str(outcome.error)}
    data = outcome.parsed.model_dump(mode="json", exclude_none=True)
    return {"source": str(outcome.path), **data}


@app.command()
def parse(
    paths: Annotated[list[Path], typer.Argument(help="Filing files or folders (recursive).")],
    fmt: Annotated[ParseFormat, typer.Option("--format", help="json or table.")] = ParseFormat.json,
) -> None:
    """Parse filings into typed records and print them (json: one object per file)."""
    failed = 0
    try:
        outcomes = list(parse_many(paths))
    except SetupError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from exc
    for outcome in outcomes:
        if outcome.error is not None:
            failed += 1
            err.print(f"error: {outcome.error}", markup=False, highlight=False)
    ok = [o for o in outcomes if o.parsed is not None]
    if fmt is ParseFormat.json:
        for outcome in ok:
            out.print_json(json.dumps(_outcome_json(outcome)), sort_keys=False)
    else:
        table = Table("file", "form", "parser input", "summary", "warnings")
        for outcome in ok:
            assert outcome.parsed is not None
            doc = outcome.parsed.document
            table.add_row(
                outcome.path.name,
                doc.filing.form_type,
                doc.filing.input_format.value,
                _summary(outcome),
                "\n".join(w.message for w in outcome.parsed.warnings) or "-",
            )
        out.print(table)
    if failed:
        raise typer.Exit(1)


def _summary(outcome: Outcome) -> str:
    assert outcome.parsed is not None
    doc = outcome.parsed.document
    if doc.kind == "ownership":
        return (
            f"{doc.issuer.name}: {len(doc.owners)} owner(s), "
            f"{len(doc.transactions)} transaction(s), {len(doc.holdings)} holding(s)"
        )
    if doc.kind == "form_d":
        issuer = doc.issuers[0].name if doc.issuers else None
        return f"{issuer}: {len(doc.related_persons)} related person(s)"
    return (
        f"{doc.company.name}: items {', '.join(i.number for i in doc.items) or '-'}; "
        f"{len(doc.agreements)} agreement(s), {len(doc.officer_changes)} officer change(s)"
    )


class FormsFormat(StrEnum):
    table = "table"
    markdown = "markdown"


@app.command()
def forms(
    fmt: Annotated[
        FormsFormat, typer.Option("--format", help="table, or markdown (the README's list).")
    ] = FormsFormat.table,
) -> None:
    """List the supported forms and input formats (read from the parser registry)."""
    rows = [
        (entry.name, ", ".join(entry.forms), entry.input_format.value, entry.description)
        for entry in PARSERS
    ]
    if fmt is FormsFormat.markdown:
        out.print("| parser | forms | input | description |", markup=False, highlight=False)
        out.print("| --- | --- | --- | --- |", markup=False, highlight=False)
        for row in rows:
            out.print("| " + " | ".join(row) + " |", markup=False, highlight=False)
        return
    table = Table("parser", "forms", "input", "description")
    for row in rows:
        table.add_row(*row)
    out.print(table)


# -- the store: build, query, validate, lookup --------------------------------------------------

StoreOption = Annotated[Path, typer.Option("--store", help="Store directory.", show_default=True)]
#: Rows of a named query shown as a table unless --limit says otherwise.
DEFAULT_LIMIT = 100


def _fail(exc: Exception | str, code: int = 2) -> typer.Exit:
    err.print(f"error: {exc}", markup=False, highlight=False)
    return typer.Exit(code)


class _BuildProgress:
    """The build's progress bar on stderr (only on a terminal); per-file lines on stdout."""

    def __init__(self) -> None:
        self.bar = Progress(
            *Progress.get_default_columns(),
            MofNCompleteColumn(),
            console=err,
            disable=not err.is_terminal,
            redirect_stdout=True,
        )
        self.task = self.bar.add_task("building", total=None)

    def start(self, total: int) -> None:
        self.bar.start()
        self.bar.update(self.task, total=total)

    def file_done(self, report: FileReport) -> None:
        self.bar.advance(self.task)
        out.print(report.line(), markup=False, highlight=False)

    def stage(self, description: str) -> None:
        self.bar.update(self.task, description=description)


@app.command("build")
def build_command(
    paths: Annotated[list[Path], typer.Argument(help="Filing files or folders (recursive).")],
    store: StoreOption = DEFAULT_STORE_DIR,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Parsing processes (default: CPU cores - 1; 1 parses in-process).",
        ),
    ] = None,
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Start from an empty store instead of adding to it.")
    ] = False,
) -> None:
    """Parse filings and load them into the store, one named graph per filing.

    A bad file is reported and the others still load (exit 1).
    A store that cannot open stops everything at once (exit 2).
    The store changes only when the whole build completes.
    """
    progress = _BuildProgress()
    try:
        report = build(paths, store, jobs=jobs, fresh=fresh, progress=progress)
    except SetupError as exc:
        raise _fail(exc) from exc
    except KeyboardInterrupt:
        raise _fail("interrupted; the store was not changed", 130) from None
    finally:
        progress.bar.stop()
    out.print(report.summary(), markup=False, highlight=False)
    if report.failed:
        raise typer.Exit(1)


@app.command("query")
def query_command(
    sparql: Annotated[str | None, typer.Argument(help="A SPARQL 1.1 query.")] = None,
    *,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the query from a file.")
    ] = None,
    named: Annotated[str | None, typer.Option("--named", "-n", help="Run a named query.")] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help="NAME=VALUE, bound to ?NAME (never pasted); a named query's entity "
            "parameter also takes a name, CIK or ticker.",
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            min=0,
            help=f"Named queries: at most N rows (default {DEFAULT_LIMIT} as a table, "
            "all otherwise; 0: all).",
        ),
    ] = None,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Named queries: skip N rows.")] = 0,
    fmt: Annotated[
        ResultFormat, typer.Option("--format", help="Output format.")
    ] = ResultFormat.table,
    store: StoreOption = DEFAULT_STORE_DIR,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0, help="Give up after SECONDS (0: never).")
    ] = 120.0,
) -> None:
    """Run SPARQL over the union of all filings' graphs (json: W3C SPARQL results JSON)."""
    if limit is None:
        limit = DEFAULT_LIMIT if fmt is ResultFormat.table else 0
    try:
        prepared = prepare(sparql, file, named, param or [], limit=limit or None, offset=offset)
        with open_store(store) as graph:
            answer = bounded(lambda: execute(graph, prepared, fmt), timeout)
    except (QueryError, SetupError) as exc:
        raise _fail(exc) from exc
    if isinstance(answer, bytes):
        typer.echo(answer, nl=not answer.endswith(b"\n"))
    elif isinstance(answer, bool):
        out.print("true" if answer else "false")
    else:
        table = Table(*answer.columns)
        for row in answer.rows:
            table.add_row(*(Text(cell) for cell in row))  # values are data, never markup
        out.print(table)
        if answer.total is not None and answer.total > answer.offset + len(answer.rows):
            first, last = answer.offset + 1, answer.offset + len(answer.rows)
            err.print(
                f"rows {first}-{last} of {answer.total}; more with --offset {last} "
                "(or --limit 0 for all)",
                markup=False,
            )


@app.command("validate")
def validate_command(store: StoreOption = DEFAULT_STORE_DIR) -> None:
    """Check the built graph against the SHACL shapes (ontology/shapes.ttl).

    Exit 1 with pyshacl's report when it does not conform.
    """
    try:
        with open_store(store) as graph:
            conforms, report = validate(graph.quads())
    except SetupError as exc:
        raise _fail(exc) from exc
    out.print(report, markup=False, highlight=False)
    if not conforms:
        raise typer.Exit(1)


class LookupFormat(StrEnum):
    text = "text"
    json = "json"


@app.command("lookup")
def lookup_command(
    name: Annotated[
        str, typer.Argument(help="A name (or its first letters), CIK or ticker of an entity.")
    ],
    store: StoreOption = DEFAULT_STORE_DIR,
    fmt: Annotated[
        LookupFormat, typer.Option("--format", help="text or json.")
    ] = LookupFormat.text,
) -> None:
    """A dossier of one entity: names, identifiers, roles over time, holdings, transactions,
    agreements and connected entities, each line with its source filing.

    An ambiguous name lists the candidates, an unknown one close names; either way exit 1.
    """
    try:
        with open_store(store) as graph:
            found = lookup(graph, name)
    except (QueryError, SetupError) as exc:
        raise _fail(exc) from exc
    if isinstance(found, Dossier):
        if fmt is LookupFormat.json:
            typer.echo(json.dumps(found.to_json(), indent=2, ensure_ascii=False))
        else:
            for line in found.lines():
                out.print(line, markup=False, highlight=False)
        return
    if not found:
        raise _fail(f"no entity named {name!r}", 1)
    if all(candidate.how == "fuzzy" for candidate in found):
        err.print(f"no entity named {name!r}; close names:", markup=False)
    else:
        err.print(f"{name!r} names {len(found)} entities; be more precise:", markup=False)
    for candidate in found:
        out.print(f"  {candidate.line()}", markup=False, highlight=False)
    raise typer.Exit(1)


# -- views: export, path ------------------------------------------------------------------------


@app.command("export")
def export_command(
    *,
    fmt: Annotated[
        ExportFormat | None, typer.Option("--format", help="Output format (see the README).")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File (default: stdout); csv: DIR or NAME.csv."),
    ] = None,
    store: StoreOption = DEFAULT_STORE_DIR,
    all_formats: Annotated[
        bool, typer.Option("--all", help="Every format into the folder -o (like exports/).")
    ] = False,
    around: Annotated[
        str | None, typer.Option("--around", help="Only the neighborhood of an entity (name).")
    ] = None,
    depth: Annotated[int, typer.Option("--depth", min=0, help="Hops around --around.")] = 2,
    filing: Annotated[
        str | None, typer.Option("--filing", help="Only one filing (accession, IRI or file).")
    ] = None,
    types: Annotated[
        str | None, typer.Option("--types", help="Only these kinds: person,company,role,...")
    ] = None,
    collapse: Annotated[
        bool, typer.Option("--collapse", help="Roles, transactions, holdings as labeled edges.")
    ] = False,
) -> None:
    """Export the graph: RDF (turtle, trig, nquads, ntriples, jsonld), a property graph
    (graphml, gexf, cyjs, dot, csv) or one offline interactive page (html)."""
    if all_formats == (fmt is not None):
        raise _fail("give either --format FORMAT or --all")
    options = ExportOptions.from_cli(around, depth, filing, types, collapse)
    try:
        with open_store(store) as graph:
            if all_formats:
                written = write_all(graph, output or Path("exports"))
            else:
                assert fmt is not None
                written = export(graph, fmt, output or sys.stdout.buffer, options)
    except SetupError as exc:
        raise _fail(exc) from exc
    except ViewError as exc:
        raise _fail(exc, 1) from exc
    for path in written:
        err.print(f"wrote {path}", markup=False, highlight=False)


@app.command("path")
def path_command(
    source: Annotated[str, typer.Argument(help="A name (or part of one) of an entity.")],
    target: Annotated[str, typer.Argument(help="Another entity's name.")],
    store: StoreOption = DEFAULT_STORE_DIR,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many chains.")] = 5,
) -> None:
    """The shortest chains of relationships between two entities, each hop in words with its
    date and source filing. No chain: exit 1."""
    try:
        with open_store(store) as graph:
            chains = find_paths(graph, source, target, limit=limit)
    except SetupError as exc:
        raise _fail(exc) from exc
    except ViewError as exc:
        raise _fail(exc, 1) from exc
    if not chains:
        raise _fail(f"no chain of relationships between {source!r} and {target!r}", 1)
    for chain in chains:
        out.print(chain.text(), markup=False, highlight=False)
