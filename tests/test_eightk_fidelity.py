"""8-K fidelity pins: the hand-read golden facts secgraph already reads right stay right.

benchmarks/eightk_fidelity.py scores every golden of tests/goldens/8k (facts read by hand from
the filings of tests/corpus/8k-items, each with its quote) against what secgraph parses.
tests/goldens/8k_pinned.json names, per filing and fact kind, the golden facts read right when
it was written, and per kind the most wrong facts allowed. A fact secgraph does not read yet is
not asserted; a regression (a fact lost, or one more wrong fact) fails here. After an
improvement, rewrite the pins with ``make fidelity`` and review the diff: it may only grow.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
PINNED = ROOT / "tests" / "goldens" / "8k_pinned.json"


def _fidelity() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "eightk_fidelity", ROOT / "benchmarks" / "eightk_fidelity.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eightk_fidelity"] = module
    spec.loader.exec_module(module)
    return module


FIDELITY = _fidelity()
PINS: dict[str, Any] = json.loads(PINNED.read_text(encoding="utf-8"))
GOLDENS = {g["accession"]: g for g in FIDELITY.load_goldens()}


@cache
def _score(accession: str) -> Any:
    return FIDELITY.score_filing(GOLDENS[accession])


@pytest.mark.parametrize("accession", sorted(PINS["right"]))
def test_pinned_facts_stay_right(accession: str) -> None:
    """Trap: a change to the 8-K reader that loses a fact it used to read right (a signer, an
    officer change, an agreement's party or date)."""
    score = _score(accession)
    assert score.error is None, score.error
    for kind, facts in PINS["right"][accession].items():
        right = {"|".join(f) for f in score.kinds[kind].right}
        lost = set(facts) - right
        assert not lost, f"{accession} {kind}: no longer read right: {sorted(lost)}"


def test_wrong_facts_do_not_grow() -> None:
    """Trap: a looser rule that reads more but invents: per fact kind, the facts secgraph reads
    that the goldens do not hold (a title that is a heading, a date the text does not give,
    a party of another agreement) may not exceed the pinned count."""
    totals = FIDELITY.summarize([_score(a) for a in sorted(GOLDENS)])
    grown = {
        kind: (k["wrong"], PINS["max_wrong"].get(kind, 0))
        for kind, k in totals["kinds"].items()
        if k["wrong"] > PINS["max_wrong"].get(kind, 0)
    }
    assert not grown, f"more wrong facts than pinned (now, pinned): {grown}"


def test_pins_name_goldens() -> None:
    """Trap: a pin file left over from goldens that were renamed or removed pins nothing."""
    assert set(PINS["right"]) <= set(GOLDENS)
    assert sum(len(v) for f in PINS["right"].values() for v in f.values()) > 100
