"""Stores: one small interface (:class:`GraphStore`), the embedded pyoxigraph backend, and
all-or-nothing builds (:func:`staged_store`).

Readers call :func:`open_store` (read-only: several readers may share a store); ``secgraph
build`` writes through :func:`staged_store` and never touches the live store: it writes the
next generation and switches to it (:mod:`secgraph.store.generations`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyoxigraph as ox

from secgraph.graph.vocab import ontology_dir
from secgraph.store.base import (
    GraphName,
    GraphStore,
    Params,
    QueryResult,
    Row,
    Term,
    parse_params,
    parse_term,
)
from secgraph.store.oxigraph import OxigraphStore
from secgraph.store.staging import is_store, open_live, staged_store

DEFAULT_STORE_DIR = Path(".secgraph/store")


@cache
def ontology_prefixes() -> dict[str, str]:
    """The prefixes ``ontology/*.ttl`` declare (``sg:``, ``xsd:``, ``prov:``...), predeclared
    in every query so ``SELECT ?c WHERE { ?c a sg:Company }`` works as typed."""
    prefixes: dict[str, str] = {}
    for path in sorted(ontology_dir().glob("*.ttl")):
        parser = ox.parse(path=path, format=ox.RdfFormat.TURTLE)
        for _ in parser:
            pass
        prefixes.update(parser.prefixes)
    return prefixes


def open_store(path: Path | str = DEFAULT_STORE_DIR, *, federation: bool = False) -> GraphStore:
    """Open the built store in ``path`` read-only, for queries (several readers may share it;
    a build never removes the generation they have open). Raises StoreError (a setup error)
    if there is no store there or it cannot open. Queries holding SERVICE raise QueryError
    unless ``federation`` (:mod:`secgraph.store.federation`)."""
    return open_live(Path(path), prefixes=ontology_prefixes(), federation=federation)


__all__ = [
    "DEFAULT_STORE_DIR",
    "GraphName",
    "GraphStore",
    "OxigraphStore",
    "Params",
    "QueryResult",
    "Row",
    "Term",
    "is_store",
    "ontology_prefixes",
    "open_store",
    "parse_params",
    "parse_term",
    "staged_store",
]
