"""Opening a built store for queries, with the ontology's prefixes predeclared."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyoxigraph as ox

from secgraph.graph.vocab import ontology_dir
from secgraph.store.base import GraphStore
from secgraph.store.defaults import DEFAULT_STORE_DIR
from secgraph.store.staging import open_live


@cache
def ontology_prefixes() -> dict[str, str]:
    """The prefixes ``ontology/*.ttl`` declare (``sg:``, ``xsd:``, ``prov:``...), predeclared
    in every query so ``SELECT ?c WHERE { ?c a sg:Company }`` works as typed.

    Read from each file's header: the parser stops at the first triple (every command that
    opens a store pays for this; tests/test_store.py checks that no file declares a prefix
    further down)."""
    prefixes: dict[str, str] = {}
    for path in sorted(ontology_dir().glob("*.ttl")):
        parser = ox.parse(path=path, format=ox.RdfFormat.TURTLE)
        next(parser, None)
        prefixes.update(parser.prefixes)
    return prefixes


def open_store(path: Path | str = DEFAULT_STORE_DIR, *, federation: bool = False) -> GraphStore:
    """Open the built store in ``path`` read-only, for queries (several readers may share it;
    a build never removes the generation they have open). Raises StoreError (a setup error)
    if there is no store there or it cannot open. Queries holding SERVICE raise QueryError
    unless ``federation`` (:mod:`secgraph.store.federation`)."""
    return open_live(Path(path), prefixes=ontology_prefixes(), federation=federation)
