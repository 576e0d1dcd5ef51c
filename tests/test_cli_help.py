"""Every command has help and appears in the README (sqlite-utils' habit): the command names
are read from the typer app, so a new command cannot be forgotten."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import secgraph
from secgraph.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
COMMANDS = sorted(typer.main.get_group(app).commands)


def test_the_app_has_the_commands_the_brief_lists() -> None:
    assert {"parse", "forms", "build", "query", "validate", "lookup"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"], prog_name="secgraph")
    assert result.exit_code == 0, result.output
    assert f"Usage: secgraph {command}" in result.output
    summary = typer.main.get_group(app).commands[command].help
    assert summary and summary.strip()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"secgraph {command}" in README.read_text(encoding="utf-8")


def test_version_prints_without_a_command() -> None:
    """Trap: --version handled in the group's callback, which click only runs once a command
    is given: ``secgraph --version`` then failed with "Missing command"."""
    result = CliRunner().invoke(app, ["--version"], prog_name="secgraph")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == secgraph.__version__
