"""`secgraph parse`: one JSON object per good file; a one-line error per bad file naming it;
the batch goes on and the exit code says something failed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from secgraph.cli import app

SEED_FORM3 = (
    Path(__file__).resolve().parents[1] / "examples" / "filings" / "002_71093b0e43aa5d3d.txt"
)


def test_bad_files_are_reported_one_line_each_and_the_good_one_still_parses(
    tmp_path: Path,
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n\x00\x01\x02")
    (tmp_path / "utf16.txt").write_bytes("FORM 4 STATEMENT OF CHANGES".encode("utf-16"))
    (tmp_path / "diary.txt").write_text("Dear diary, today the weather was nice.\n")
    shutil.copy(SEED_FORM3, tmp_path / "form3.txt")

    result = CliRunner().invoke(app, ["parse", str(tmp_path), "--format", "json"])

    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 4
    reasons = {
        "empty.txt": "file is empty",
        "scan.pdf": "file is binary (a PDF document)",
        "utf16.txt": "text is UTF-16",
        "diary.txt": "not a supported SEC filing",
    }
    for name, reason in reasons.items():
        (line,) = [e for e in errors if f"{name}:" in e]
        assert line.startswith("error: ") and reason in line
    record = json.loads(result.stdout)
    assert record["source"].endswith("form3.txt")
    assert record["document"]["issuer"]["name"] == "TECOGEN INC."
    assert record["document"]["owners"][0]["name"]["last"] == "PANORA"
