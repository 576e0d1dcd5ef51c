"""What the command line needs of the store layer before a command runs: its default folder
and the result formats its options list (no pyoxigraph, so ``--help`` stays light)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

DEFAULT_STORE_DIR = Path(".secgraph/store")


class ResultFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    tsv = "tsv"
