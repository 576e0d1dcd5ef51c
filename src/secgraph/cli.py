"""The command line: each command a few lines over one library call."""

import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from secgraph.errors import QueryError, SetupError, ViewError
from secgraph.parsers import PARSERS, supported_forms
from secgraph.store.defaults import DEFAULT_STORE_DIR, STORE_ENV, ResultFormat, is_url
from secgraph.views.formats import ExportFormat
from secgraph.views.limits import AROUND_BUDGET, PATH_BUDGET, PATH_MAX_HOPS

if TYPE_CHECKING:
    from rich.console import Console

    from secgraph.batch import Outcome
    from secgraph.build import FileReport

# Start-up stays near the interpreter's own: this module imports typer and the tables its
# options read; every command imports the layer it runs (rich, the store, the views, the build)
# when it runs. tests/test_cli_imports.py keeps it so. No `from __future__ import annotations`
# here: typer reads every command's signature at each start, and string annotations would
# cost it an eval() each (about 230 of them).

app = typer.Typer(
    help="secgraph: turn SEC filings into an RDF knowledge graph.\n\n"
    "Supported forms: "
    + "; ".join(f"{form} ({', '.join(fmts)})" for form, fmts in supported_forms().items()),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # click's own help: rich's formatter alone costs more start-up than the rest of --help.
    rich_markup_mode=None,
)


def _console(*, stderr: bool = False) -> "Console":
    """A rich console, for tables, JSON and the progress bar (imported when needed)."""
    from rich.console import Console  # noqa: PLC0415 - see the module's imports

    return Console(stderr=stderr, soft_wrap=True)


def _say(text: str) -> None:
    """One line of data on stdout, as is (never read as markup)."""
    typer.echo(text)


def _warn(text: str) -> None:
    typer.echo(text, err=True)


def _note(text: str) -> None:
    _warn(f"note: {text}")


class ParseFormat(StrEnum):
    json = "json"
    table = "table"


def _print_version(value: bool) -> None:
    if value:
        from secgraph import __version__  # noqa: PLC0415

        _say(__version__)
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print the version and exit.",
            is_eager=True,  # before click asks for a command
            callback=_print_version,
        ),
    ] = False,
    memory_limit: Annotated[
        str | None,
        typer.Option(
            "--memory-limit",
            metavar="SIZE",
            help="Memory bound of the command (4G, 512M, 25%, none; env SECGRAPH_MEMORY_LIMIT; "
            "default: half the physical memory). Past it, the command stops with an error.",
        ),
    ] = None,
) -> None:
    # The `secgraph` script applies --memory-limit before this runs (secgraph.entry).
    pass


def _outcome_json(outcome: "Outcome") -> dict[str, object]:
    if outcome.parsed is None:
        return {"source": outcome.name, "error": str(outcome.error)}
    data = outcome.parsed.model_dump(mode="json", exclude_none=True)
    return {"source": outcome.name, **data}


@app.command()
def parse(
    paths: Annotated[
        list[Path],
        # readable=False: an unreadable path is one failed file of the batch, not bad usage
        typer.Argument(help="Filing files or folders (recursive).", readable=False),
    ],
    fmt: Annotated[ParseFormat, typer.Option("--format", help="json or table.")] = ParseFormat.json,
) -> None:
    """Parse filings into typed records and print them (json: one object per file)."""
    from secgraph.batch import parse_many  # noqa: PLC0415

    failed = 0
    try:
        outcomes = list(parse_many(paths))
    except SetupError as exc:
        _warn(f"error: {exc}")
        raise typer.Exit(2) from exc
    for outcome in outcomes:
        if outcome.error is not None:
            failed += 1
            _warn(f"error: {outcome.error}")
    ok = [o for o in outcomes if o.parsed is not None]
    out = _console()
    if fmt is ParseFormat.json:
        for outcome in ok:
            out.print_json(json.dumps(_outcome_json(outcome)), sort_keys=False)
    else:
        from rich.table import Table  # noqa: PLC0415

        table = Table("file", "form", "parser input", "summary", "warnings")
        for outcome in ok:
            assert outcome.parsed is not None
            doc = outcome.parsed.document
            table.add_row(
                outcome.name.rsplit("/", 1)[-1],
                doc.filing.form_type,
                doc.filing.input_format.value,
                _summary(outcome),
                "\n".join(w.message for w in outcome.parsed.warnings) or "-",
            )
        out.print(table)
    if failed:
        raise typer.Exit(1)


def _summary(outcome: "Outcome") -> str:
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
        _say("| parser | forms | input | description |")
        _say("| --- | --- | --- | --- |")
        for row in rows:
            _say("| " + " | ".join(row) + " |")
        return
    from rich.table import Table  # noqa: PLC0415

    table = Table("parser", "forms", "input", "description")
    for row in rows:
        table.add_row(*row)
    _console().print(table)


# -- the store: build, query, validate, lookup --------------------------------------------------

StoreOption = Annotated[
    str,
    typer.Option(
        "--store",
        envvar=STORE_ENV,
        help="Store directory, or the URL of a SPARQL 1.1 server (http://HOST:PORT).",
        show_default=True,
    ),
]
STORE = str(DEFAULT_STORE_DIR)
#: Rows of a named query shown as a table unless --limit says otherwise.
DEFAULT_LIMIT = 100


def _fail(exc: Exception | str, code: int = 2) -> typer.Exit:
    _warn(f"error: {exc}")
    return typer.Exit(code)


class _BuildProgress:
    """The build's progress bar on stderr (only on a terminal); per-file lines on stdout."""

    def __init__(self) -> None:
        from rich.progress import MofNCompleteColumn, Progress  # noqa: PLC0415

        err = _console(stderr=True)
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

    def file_done(self, report: "FileReport") -> None:
        self.bar.advance(self.task)
        _say(report.line())

    def stage(self, description: str) -> None:
        self.bar.update(self.task, description=description)


@contextmanager
def _writing(store: str, verb: str, progress: _BuildProgress) -> Iterator[None]:
    """How ``build`` and ``load`` end on a setup error or Ctrl-C, and their progress bar
    stopped either way: a store folder is left as it was; a server keeps what was written
    before (filings first, derived graphs last), which running ``verb`` again finishes."""
    unfinished = (
        "; the server keeps the filing graphs written before that (its derived graphs may be "
        f"those of before): run the {verb} again to finish it"
        if is_url(store)
        else ""
    )
    try:
        yield
    except SetupError as exc:
        raise _fail(f"{exc}{unfinished}") from exc
    except KeyboardInterrupt:
        if unfinished:
            raise _fail(f"interrupted{unfinished}", 130) from None
        raise _fail("interrupted; the store was not changed", 130) from None
    finally:
        progress.bar.stop()


@app.command("build")
def build_command(
    paths: Annotated[
        list[Path],
        # readable=False: an unreadable path is one failed file of the batch, not bad usage
        typer.Argument(help="Filing files or folders (recursive).", readable=False),
    ],
    *,
    store: StoreOption = STORE,
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
    shards: Annotated[
        Path | None,
        typer.Option(
            "--shards",
            metavar="DIR",
            help="Write N-Quads shards and mention facts into DIR instead of a store "
            "(then: secgraph resolve, secgraph load).",
        ),
    ] = None,
    shard_size: Annotated[
        int, typer.Option("--shard-size", min=1, help="With --shards: files per shard.")
    ] = 1000,
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster",
            metavar="local:N",
            help="With --shards: run the parsing on a Dask LocalCluster of N worker processes.",
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="With --shards: run the parsing on the Dask cluster of this scheduler "
            "(its workers read the files and write the shards at the same paths).",
        ),
    ] = None,
) -> None:
    """Parse filings and load them into the store, one named graph per filing.

    A bad file is reported and the others still load (exit 1).
    A store that cannot open stops everything at once (exit 2).
    A store folder changes only when the whole build completes; a server (--store URL) is
    written as the build goes, filings first and the derived graphs last.
    With --shards, the filings are written as shards for `secgraph load` instead.
    """
    if shards is not None:
        _build_shards(
            paths, shards, jobs=jobs, shard_size=shard_size, cluster=cluster, scheduler=scheduler
        )
        return
    if cluster is not None or scheduler is not None:
        raise _fail("--cluster and --scheduler run a sharded build: give --shards DIR too")
    from secgraph.build import build  # noqa: PLC0415

    progress = _BuildProgress()
    target = store if is_url(store) else Path(store)
    with _writing(store, "build", progress):
        report = build(paths, target, jobs=jobs, fresh=fresh, progress=progress)
    _say(report.summary())
    if report.failed:
        raise typer.Exit(1)


def _build_shards(
    paths: list[Path],
    folder: Path,
    *,
    jobs: int | None,
    shard_size: int,
    cluster: str | None,
    scheduler: str | None,
) -> None:
    from secgraph.build import default_jobs  # noqa: PLC0415
    from secgraph.scale.cluster import executor  # noqa: PLC0415
    from secgraph.scale.map_stage import build_shards  # noqa: PLC0415

    progress = _BuildProgress()
    try:
        with executor(cluster=cluster, scheduler=scheduler, jobs=jobs or default_jobs()) as pool:
            report = build_shards(
                paths, folder, executor=pool, shard_size=shard_size, progress=progress
            )
    except SetupError as exc:
        raise _fail(exc) from exc
    except KeyboardInterrupt:
        raise _fail("interrupted; the shard folder holds no finished build", 130) from None
    finally:
        progress.bar.stop()
    _say(report.summary())
    if report.failed:
        raise typer.Exit(1)


ShardsOption = Annotated[
    Path,
    typer.Option("--shards", metavar="DIR", help="The shard folder of `secgraph build --shards`."),
]


@app.command("resolve")
def resolve_command(shards: ShardsOption) -> None:
    """Compute the resolution graph of a sharded build from its mention facts.

    Writes DIR/resolution.nq, which `secgraph load` puts in the store.
    """
    from secgraph.scale.reduce import resolve_shards  # noqa: PLC0415

    try:
        report = resolve_shards(shards)
    except SetupError as exc:
        raise _fail(exc) from exc
    _say(report.summary())


@app.command("load")
def load_command(
    shards: ShardsOption,
    store: StoreOption = STORE,
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Start from an empty store instead of adding to it.")
    ] = False,
) -> None:
    """Load a sharded build (and its resolution graph) into the store.

    Then the positions and summary graphs are computed over the store, as a build does.
    A store folder changes only when the whole load completes; a server (--store URL) is
    written as the load goes, filings first and the derived graphs last.
    """
    from secgraph.scale.load import load_shards  # noqa: PLC0415

    progress = _BuildProgress()
    target = store if is_url(store) else Path(store)
    with _writing(store, "load", progress):
        report = load_shards(shards, target, fresh=fresh, progress=progress)
    _say(report.summary())


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
    store: StoreOption = STORE,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0, help="Give up after SECONDS (0: never).")
    ] = 120.0,
    allow_service: Annotated[
        bool,
        typer.Option(
            "--allow-service",
            help="Let SERVICE patterns call other SPARQL endpoints over HTTP (off by default).",
        ),
    ] = False,
) -> None:
    """Run SPARQL over the union of all filings' graphs (json: W3C SPARQL results JSON)."""
    from secgraph.store import open_store  # noqa: PLC0415
    from secgraph.store.results import bounded, execute, prepare  # noqa: PLC0415

    if limit is None:
        limit = DEFAULT_LIMIT if fmt is ResultFormat.table else 0
    try:
        prepared = prepare(sparql, file, named, param or [], limit=limit or None, offset=offset)
        with open_store(store, federation=allow_service) as graph:
            answer = bounded(lambda: execute(graph, prepared, fmt), timeout)
    except (QueryError, SetupError) as exc:
        raise _fail(exc) from exc
    if isinstance(answer, bytes):
        typer.echo(answer, nl=not answer.endswith(b"\n"))
    elif isinstance(answer, bool):
        _say("true" if answer else "false")
    else:
        from rich.table import Table  # noqa: PLC0415
        from rich.text import Text  # noqa: PLC0415

        table = Table(*answer.columns)
        for row in answer.rows:
            table.add_row(*(Text(cell) for cell in row))  # values are data, never markup
        _console().print(table)
        if answer.total is not None and answer.total > answer.offset + len(answer.rows):
            first, last = answer.offset + 1, answer.offset + len(answer.rows)
            _warn(
                f"rows {first}-{last} of {answer.total}; more with --offset {last} "
                "(or --limit 0 for all)"
            )
        elif answer.more:
            first, last = answer.offset + 1, answer.offset + len(answer.rows)
            _warn(
                f"rows {first}-{last} of a longer listing (not counted: that reads the whole "
                f"store); more with --offset {last}, or give an entity with --param"
            )


@app.command("validate")
def validate_command(store: StoreOption = STORE) -> None:
    """Check the built graph against the SHACL shapes (ontology/shapes.ttl).

    Exit 1 with pyshacl's report when it does not conform.
    """
    from secgraph.graph.shacl_store import validate_store  # noqa: PLC0415
    from secgraph.store import open_store  # noqa: PLC0415

    try:
        with open_store(store) as graph:
            report = validate_store(graph)
    except SetupError as exc:
        raise _fail(exc) from exc
    _say(report.text())
    if not report.conforms:
        raise typer.Exit(1)


class LookupFormat(StrEnum):
    text = "text"
    json = "json"


@app.command("lookup")
def lookup_command(
    name: Annotated[
        str, typer.Argument(help="A name (or its first letters), CIK or ticker of an entity.")
    ],
    *,
    store: StoreOption = STORE,
    fmt: Annotated[
        LookupFormat, typer.Option("--format", help="text or json.")
    ] = LookupFormat.text,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="The dossier on that day: positions held then, holdings and transactions "
            "filed by then.",
        ),
    ] = None,
    limit: Annotated[
        int,
        typer.Option(
            "--limit",
            min=1,
            help="Rows per section, read from the entity's latest filings first; a cut "
            "section says how many earlier rows it leaves out.",
        ),
    ] = 10,
    everything: Annotated[
        bool, typer.Option("--all", help="Every row of every section, from every filing.")
    ] = False,
) -> None:
    """A dossier of one entity: names, identifiers, roles over time, holdings, transactions,
    agreements and connected entities, each line with its source filings.

    An entity named in many filings is read from its latest ones: each section shows its
    latest rows (--limit) and says how many earlier ones it leaves out (--all lists them).

    An ambiguous name lists the candidates, an unknown one close names; either way exit 1.
    """
    from secgraph.lookup import Dossier, lookup  # noqa: PLC0415
    from secgraph.store import open_store  # noqa: PLC0415

    try:
        day = dt.date.fromisoformat(as_of) if as_of else None
    except ValueError as exc:
        raise _fail(f"bad --as-of {as_of!r}: expected YYYY-MM-DD", 2) from exc
    try:
        with open_store(store) as graph:
            found = lookup(graph, name, as_of=day, limit=None if everything else limit)
    except (QueryError, SetupError) as exc:
        raise _fail(exc) from exc
    if isinstance(found, Dossier):
        if fmt is LookupFormat.json:
            typer.echo(json.dumps(found.to_json(), indent=2, ensure_ascii=False))
        else:
            for line in found.lines():
                _say(line)
        return
    if not found:
        raise _fail(f"no entity named {name!r}", 1)
    if all(candidate.how == "fuzzy" for candidate in found):
        _warn(f"no entity named {name!r}; close names:")
    else:
        _warn(f"{name!r} names {len(found)} entities; be more precise:")
    for candidate in found:
        _say(f"  {candidate.line()}")
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
    store: StoreOption = STORE,
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
    budget: Annotated[
        int, typer.Option("--budget", min=1, help="--around keeps at most this many nodes.")
    ] = AROUND_BUDGET,
) -> None:
    """Export the graph: RDF (turtle, trig, nquads, ntriples, jsonld), a property graph
    (graphml, gexf, cyjs, dot, csv) or one offline interactive page (html)."""
    if all_formats == (fmt is not None):
        raise _fail("give either --format FORMAT or --all")
    from secgraph.store import open_store  # noqa: PLC0415
    from secgraph.views.exports import ExportOptions, export, write_all  # noqa: PLC0415

    options = ExportOptions.from_cli(around, depth, filing, types, collapse, budget=budget)
    try:
        with open_store(store) as graph:
            if all_formats:
                written = write_all(graph, output or Path("exports"))
            else:
                assert fmt is not None
                written = export(graph, fmt, output or sys.stdout.buffer, options, notice=_note)
    except SetupError as exc:
        raise _fail(exc) from exc
    except ViewError as exc:
        raise _fail(exc, 1) from exc
    for path in written:
        _warn(f"wrote {path}")


@app.command("path")
def path_command(
    source: Annotated[str, typer.Argument(help="A name (or part of one) of an entity.")],
    target: Annotated[str, typer.Argument(help="Another entity's name.")],
    *,
    store: StoreOption = STORE,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many chains.")] = 5,
    max_hops: Annotated[
        int, typer.Option("--max-hops", min=1, help="Look for chains up to this long.")
    ] = PATH_MAX_HOPS,
    budget: Annotated[
        int, typer.Option("--budget", min=2, help="Visit at most this many entities.")
    ] = PATH_BUDGET,
) -> None:
    """The shortest chains of relationships between two entities, each hop in words with its
    date and source filing. The search reads the store from both ends, up to --max-hops
    hops. No chain: exit 1."""
    from secgraph.store import open_store  # noqa: PLC0415
    from secgraph.views.paths import search_paths  # noqa: PLC0415

    try:
        with open_store(store) as graph:
            found = search_paths(
                graph, source, target, limit=limit, max_hops=max_hops, budget=budget
            )
    except SetupError as exc:
        raise _fail(exc) from exc
    except ViewError as exc:
        raise _fail(exc, 1) from exc
    if not found.chains:
        why = f" ({found.cut})" if found.cut else ""
        raise _fail(f"no chain of relationships between {source!r} and {target!r}{why}", 1)
    for chain in found.chains:
        _say(chain.text())


# -- serving ------------------------------------------------------------------------------------


@app.command("serve")
def serve_command(
    *,
    store: StoreOption = STORE,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (not local: warned).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")] = 8000,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Stop a query after SECONDS (503).")
    ] = 30.0,
    max_rows: Annotated[
        int, typer.Option("--max-rows", min=1, help="Cut answers after N rows or triples.")
    ] = 10_000,
    cors: Annotated[
        bool, typer.Option("--cors", help="Let web pages of any origin query it (YASGUI).")
    ] = False,
) -> None:
    """Serve the store: a read-only SPARQL 1.1 endpoint at /sparql, a JSON API at /api
    (OpenAPI: /api/openapi.json) and a web explorer at /, until Ctrl-C."""
    from secgraph.server import ServeConfig, is_loopback, serve  # noqa: PLC0415 (lazy: start-up)

    if is_url(store):
        raise _fail(f"{store} is a SPARQL server already: secgraph serve serves a store folder")
    if not is_loopback(host):
        _warn(f"warning: serving on {host}: anyone who can reach it can read the graph")
    try:
        serve(ServeConfig(Path(store), host, port, timeout, max_rows, cors=cors))
    except SetupError as exc:
        raise _fail(exc) from exc
