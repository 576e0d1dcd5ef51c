"""What the command line needs of the store layer before a command runs: its default folder,
its environment variable, whether a value is a URL, and the result formats its options list
(no pyoxigraph, so ``--help`` stays light)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

DEFAULT_STORE_DIR = Path(".secgraph/store")
#: The environment variable naming the store when ``--store`` is not given.
STORE_ENV = "SECGRAPH_STORE"


def is_url(spec: object) -> bool:
    """Whether a ``--store`` value names a SPARQL server (an http or https URL), not a folder."""
    return isinstance(spec, str) and spec.lower().startswith(("http://", "https://"))


class ResultFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    tsv = "tsv"
