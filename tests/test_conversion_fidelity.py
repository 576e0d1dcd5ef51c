"""Real conversions of SEC renderings, read by the text path, against their EDGAR XML.

tests/fixtures/converted holds pages rendered from tests/corpus XML filings (the fidelity
harness's renderers) and converted by real tools (w3m, pandoc, Chromium + pdftotext; the
MANIFEST gives each file's truth, tool, version and command). The converters do not run
here: their outputs are fixtures. Each conversion's facts are compared with the XML's by the
harness's own comparison (benchmarks/conversion/facts.py), so what `make fidelity-forms` measures
and what the suite pins are the same thing."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from secgraph.parsers import Source, formd_xml, ownership_xml
from secgraph.parsers.registry import parse_path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "converted"
CORPUS = ROOT / "tests" / "corpus"


def _facts_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "fidelity_facts", ROOT / "benchmarks" / "conversion" / "facts.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


FACTS = _facts_module()
with (FIXTURES / "MANIFEST.tsv").open(newline="") as fh:
    ROWS = list(csv.DictReader(fh, delimiter="\t"))


def _score(row: dict[str, str]) -> object:
    truth_path = CORPUS / row["truth"]
    parser = formd_xml if truth_path.parent.name == "formd" else ownership_xml
    truth = parser.parse(Source.from_path(truth_path)).document
    read = parse_path(FIXTURES / row["file"]).document
    score = FACTS.Score()
    score.add(
        FACTS.flatten(truth.model_dump(mode="json")),
        FACTS.flatten(read.model_dump(mode="json")),
        row["file"],
    )
    return score


@pytest.mark.parametrize("row", ROWS, ids=[r["file"] for r in ROWS])
def test_a_conversion_gives_no_wrong_value_and_most_of_the_xml(row: dict[str, str]) -> None:
    """Trap: a converter's layout (w3m's boxes, pandoc's tables, pdftotext's columns) makes
    the reader take a label for a name, a header crumb for a row, one column's value for
    another's. Every value read must be the XML's (none wrong, none invented), and at least
    the share of the XML's facts pinned in the MANIFEST must be read."""
    score = _score(row)
    examples = [e for v in score.examples.values() for e in v]  # type: ignore[attr-defined]
    assert score.wrong == 0, examples  # type: ignore[attr-defined]
    assert score.invented == 0, examples  # type: ignore[attr-defined]
    right = score.right / score.facts  # type: ignore[attr-defined]
    assert right >= float(row["min_right"]), (right, examples[:10])


def test_every_fixture_has_its_provenance() -> None:
    """Trap: a fixture nobody can regenerate (no truth, tool or command recorded)."""
    listed = {r["file"] for r in ROWS}
    on_disk = {p.name for p in FIXTURES.iterdir() if p.name != "MANIFEST.tsv"}
    assert listed == on_disk
    for row in ROWS:
        assert (CORPUS / row["truth"]).is_file()
        assert row["converter"] and row["command"] and (ROOT / row["rendering"]).is_file()
