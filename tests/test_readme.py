"""The README tells the truth about what the registry supports (one table, never a second)."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from secgraph.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"


def _block(name: str) -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"<!-- {name}:begin -->\n(.*?)<!-- {name}:end -->", text, re.DOTALL)
    assert match, f"README has no {name} block"
    return match.group(1)


def test_readme_supported_forms_is_the_registry_table() -> None:
    result = CliRunner().invoke(app, ["forms", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert _block("forms").strip() == result.output.strip()


def test_registry_table_lists_every_parser_family_and_format() -> None:
    rows = [
        line for line in _block("forms").splitlines() if line.startswith("| ") and "---" not in line
    ]
    formats = {row.split(" | ")[2] for row in rows[1:]}
    assert formats == {"sgml", "xml", "html", "text"}
