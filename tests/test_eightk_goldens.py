"""The hand-read 8-K goldens (tests/goldens/8k) against their documents.

A golden is a claim about a filing made by a reader, not by the code: every fact carries the
quote it was read from. These tests check the goldens themselves, independently of secgraph's
parsers (the document's text is read here with lxml): a quote that is not in the document, a
golden whose filing is not in the corpus, or a date that is not ISO would make the fidelity
figures (benchmarks/eightk_fidelity.py) measure against a fiction.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html
import pytest

ROOT = Path(__file__).resolve().parent
GOLDENS = sorted((ROOT / "goldens" / "8k").glob("*.json"))
CORPUS = ROOT / "corpus"
SECTIONS = {
    "file", "registrant", "date_of_report", "items", "notes", "agreements", "terminations",
    "acquisitions", "obligations", "officer_changes", "other_roles", "signers", "subsidiaries",
    "tickers", "former_names",
}  # fmt: skip
DATE_FIELDS = {"date", "effective_date", "dated_as_of", "value", "maturity", "ended"}


def corpus_path(file: str) -> str:
    """Where a golden's filing is, relative to tests/corpus: a bare file name is in
    8k-items/; a path ("8k/edgarcrawler__....htm") names a filing kept elsewhere in the corpus
    (one copy of a document, not two)."""
    return file if "/" in file else f"8k-items/{file}"


def _load(path: Path) -> dict[str, Any]:
    return dict(json.loads(path.read_text(encoding="utf-8")))


def _squash(text: str) -> str:
    """Letters and digits only: the document's layout (cells, line breaks, entities) and the
    golden's spacing do not count, its words do."""
    text = html.unescape(text).lower()
    return re.sub(r"[^a-z0-9$%]", "", text)


def _document_text(path: Path) -> str:
    raw = path.read_bytes().decode("utf-8", errors="replace")
    parts = [raw]
    for page in re.finditer(r"(?is)<html.*?</html>", raw):
        parts.append(lxml.html.fromstring(page.group(0)).text_content())
    return _squash(" ".join(parts))


def _quotes(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "quote":
                yield value
            else:
                yield from _quotes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _quotes(value)


def _dates(node: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in DATE_FIELDS and isinstance(value, str):
                yield key, value
            yield from _dates(value)
    elif isinstance(node, list):
        for value in node:
            yield from _dates(value)


def test_there_are_goldens() -> None:
    """Trap: a glob that finds nothing makes every parametrized test vanish silently."""
    assert len(GOLDENS) >= 25


@pytest.mark.parametrize("path", GOLDENS, ids=lambda p: p.stem)
def test_every_quote_is_in_the_document(path: Path) -> None:
    """Trap: a golden fact written from memory or from the code's output. Each quote (its
    parts around ' ... ' and ' / ' elisions) must be words of the filing itself."""
    golden = _load(path)
    text = _document_text(CORPUS / corpus_path(golden["file"]))
    quotes = list(_quotes(golden))
    assert quotes
    for quote in quotes:
        for part in re.split(r"\s+(?:\.\.\.|/)\s+", quote.replace(" (SEC header)", "")):
            assert _squash(part) in text, f"{path.stem}: not in the document: {part!r}"


@pytest.mark.parametrize("path", GOLDENS, ids=lambda p: p.stem)
def test_golden_shape(path: Path) -> None:
    """Trap: a misspelt section ('officer_change') or a date in another format would be
    skipped by the scorer and count as neither right nor missing."""
    golden = _load(path)
    assert set(golden) <= SECTIONS, set(golden) - SECTIONS
    assert path.stem in golden["file"]
    for key, value in _dates(golden):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            dt.date.fromisoformat(value)
        else:  # "two years from March 27, 2020", "March 2013": as printed, not scored
            assert key in {"maturity"}, f"{key}={value!r} is not an ISO date"
    for change in golden.get("officer_changes", []):
        assert change["direction"] in {"start", "end"}
        assert change["role"] in {"director", "officer"}
    for agreement in golden.get("agreements", []):
        assert agreement["parties"], agreement["name"]


def test_golden_filings_are_in_the_corpus_manifest() -> None:
    """Trap: a golden whose filing is not described in tests/corpus/MANIFEST.tsv (no source,
    no commit to trace it to)."""
    with (CORPUS / "MANIFEST.tsv").open(newline="") as fh:
        rows = {r["local_path"] for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)}
    for path in GOLDENS:
        assert corpus_path(_load(path)["file"]) in rows
