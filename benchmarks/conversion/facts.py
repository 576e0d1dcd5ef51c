"""A parsed record as flat facts (``owners[0].name.full`` -> value), and the comparison of a
conversion's facts with the XML's.

A fact of the XML is *right* when the conversion gives the same value, *wrong* when it gives
another one, *missing* when it gives none. A value the conversion gives where the XML has none
(an invented owner, a ticked box the XML leaves blank, an extra row) is *invented*, counted
with the wrong ones for precision: ``precision = right / (right + wrong + invented)``,
``recall = right / facts``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

# What a page cannot carry (the input's identity, the XML schema version, per-row XML-only
# fields), and what our rendering leaves out the way the SEC's does (see render.py).
_SKIP_KEYS = {"spans", "source", "sha256", "input_format", "schema_version", "items", "filers"}
_ROW_SKIP = {"equity_swap", "form_type", "timeliness", "total_value", "underlying_value"}
_SKIP_PATHS = (
    re.compile(r"^filing\.(?:amendment|signature_date)$"),
    # the SEC's Form 3/4/5 page prints one relationship box: the first owner's
    re.compile(r"^owners\[[1-9]\d*\]\.relationship\."),
    # Form D: the page shows the primary issuer, and no previous accession number
    re.compile(r"^issuers\[[1-9]\d*\]"),
    re.compile(r"^offering\.previous_accession$"),
    re.compile(r"^filing\.amends_accession$"),
    # a Form 3/4/5 page shows no CIK: the issuer's and owners' are in its links' addresses
    re.compile(r"^(?:issuer|owners\[\d+\])\.cik$"),
)

Facts = dict[str, Any]


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        text = " ".join(value.split())
        if re.fullmatch(r"\d+", text):
            return str(int(text))  # CIKs and zip codes with or without leading zeros
        if re.fullmatch(r"-?\d+\.\d+", text):
            try:
                return format(Decimal(text).normalize(), "f")
            except InvalidOperation:
                return text
        return text
    return value


def _row_key(item: Any, n: int) -> str:
    """A table row is known by its table and its place in it (``II:0``, the first row of
    Table II), not by its place in the record's list of both tables' rows: a row of Table I
    lost or refused does not shift Table II's rows onto other facts."""
    if isinstance(item, dict) and isinstance(item.get("row"), int) and "derivative" in item:
        return f"{'II' if item['derivative'] else 'I'}:{item['row']}"
    return str(n)


def flatten(record: dict[str, Any]) -> Facts:
    """``model_dump(mode="json")`` of a record -> {path: normalized value}; None and empty
    values are left out (missing is what is not there)."""
    out: Facts = {}

    def walk(value: Any, path: str, in_row: bool) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in _SKIP_KEYS or (in_row and key in _ROW_SKIP):
                    continue
                if key == "footnotes":
                    for fld, ids in item.items():
                        if ids:
                            out[f"{path}.footnotes.{fld}".lstrip(".")] = ",".join(ids)
                    continue
                row = key in ("transactions", "holdings")
                walk(item, f"{path}.{key}".lstrip("."), row or in_row)
        elif isinstance(value, list):
            if value and all(not isinstance(v, dict | list) for v in value):
                out[path] = tuple(sorted(str(_norm(v)) for v in value))
                return
            for n, item in enumerate(value):
                walk(item, f"{path}[{_row_key(item, n)}]", in_row)
        elif value is not None and value not in {"", "unknown"}:
            out[path] = _norm(value)

    walk(record, "", False)
    for path in [p for p in out if p.endswith(".name.last")]:
        # Form D prints an organization's whole name in the "Last Name" column
        base = path[: -len("last")]
        if out[path] == out.get(base + "full") and base + "first" not in out:
            del out[path]
    if "offering.industry_group" in out:  # the XML's "REITS and Finance" is "REITS & Finance"
        out["offering.industry_group"] = out["offering.industry_group"].replace(" & ", " and ")
    return {k: v for k, v in out.items() if not any(p.search(k) for p in _SKIP_PATHS)}


@dataclass
class Score:
    """Counts over many comparisons; ``errors`` keeps a few examples per field."""

    facts: int = 0
    right: int = 0
    wrong: int = 0
    missing: int = 0
    invented: int = 0
    failed: int = 0  # conversions the reader refused (no record at all)
    documents: int = 0
    by_field: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, truth: Facts, read: Facts | None, name: str) -> None:
        self.documents += 1
        if read is None:
            self.failed += 1
            read = {}
        for path, value in truth.items():
            self.facts += 1
            got = read.get(path)
            if value is False and got is None:
                self.right += 1  # a blank box and an absent one say the same
            elif got == value:
                self.right += 1
            elif got is None:
                self.missing += 1
                self._note("missing", path, name, value, None)
            else:
                self.wrong += 1
                self._note("wrong", path, name, value, got)
        for path, got in read.items():
            if path not in truth and got is not False:
                self.invented += 1
                self._note("invented", path, name, None, got)

    def _note(self, kind: str, path: str, name: str, want: Any, got: Any) -> None:
        key = kind + " " + re.sub(r"\[[^\]]+\]", "[]", path)
        self.by_field[key] += 1
        examples = self.examples.setdefault(key, [])
        if len(examples) < 3:
            examples.append(f"{name}: {path} want {want!r} got {got!r}")

    def summary(self) -> dict[str, Any]:
        facts = max(self.facts, 1)
        claimed = max(self.right + self.wrong + self.invented, 1)
        return {
            "documents": self.documents,
            "refused": self.failed,
            "facts": self.facts,
            "right": round(self.right / facts, 4),
            "wrong": round(self.wrong / facts, 4),
            "missing": round(self.missing / facts, 4),
            "invented": self.invented,
            "recall": round(self.right / facts, 4),
            "precision": round(self.right / claimed, 4),
        }
