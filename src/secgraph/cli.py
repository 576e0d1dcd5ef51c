"""The command line: each command a few lines over one library call."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from secgraph import __version__
from secgraph.batch import Outcome, parse_many
from secgraph.errors import SetupError
from secgraph.parsers import PARSERS, supported_forms

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


@app.command()
def forms() -> None:
    """List the supported forms and input formats (read from the parser registry)."""
    table = Table("parser", "forms", "input", "description")
    for entry in PARSERS:
        table.add_row(
            entry.name, ", ".join(entry.forms), entry.input_format.value, entry.description
        )
    out.print(table)
