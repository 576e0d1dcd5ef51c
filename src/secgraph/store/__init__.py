"""Stores: one small interface (:class:`GraphStore`), the embedded pyoxigraph backend, and
all-or-nothing builds (:func:`staged_store`).

Readers call :func:`open_store` (read-only by default: several readers may share a store);
``secgraph build`` writes through :func:`staged_store` and never touches the live store
until its final swap.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyoxigraph as ox

from secgraph.errors import StoreError
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
from secgraph.store.staging import is_store, recover, staged_store

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


def open_store(
    path: Path | str = DEFAULT_STORE_DIR, *, read_only: bool = True, federation: bool = False
) -> GraphStore:
    """Open the built store in ``path`` for queries. Raises StoreError (a setup error) if there
    is no store there or it cannot open. Queries holding SERVICE raise QueryError unless
    ``federation`` (:mod:`secgraph.store.federation`)."""
    store_dir = Path(path)
    recover(store_dir.absolute())
    if not is_store(store_dir):
        raise StoreError(f"no secgraph store in {store_dir} (run `secgraph build` first)")
    return OxigraphStore.open(
        store_dir, read_only=read_only, prefixes=ontology_prefixes(), federation=federation
    )


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
