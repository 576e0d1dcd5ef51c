"""Stores: one small interface (:class:`GraphStore`), the embedded pyoxigraph backend, a
SPARQL 1.1 server (:mod:`secgraph.store.remote`), and all-or-nothing builds
(:func:`staged_store`).

Readers call :func:`open_store` (a folder read-only: several readers may share a store; or a
server's URL); ``secgraph build`` writes through :func:`build_target`: into a folder by
:func:`staged_store`, which never touches the live store (it writes the next generation and
switches to it, :mod:`secgraph.store.generations`), or straight to a server.

The names are imported on first use (PEP 562): the command line reads
:data:`DEFAULT_STORE_DIR` for its options without loading pyoxigraph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from secgraph.lazy import lazy_attributes
from secgraph.store.defaults import DEFAULT_STORE_DIR

if TYPE_CHECKING:
    from secgraph.store.base import (
        Dataset,
        GraphName,
        GraphStore,
        Params,
        QueryResult,
        Row,
        Term,
        parse_params,
        parse_term,
    )
    from secgraph.store.opening import build_target, ontology_prefixes, open_store
    from secgraph.store.oxigraph import OxigraphStore
    from secgraph.store.staging import is_store, recover, staged_store

_LAZY = {
    "Dataset": "base",
    "GraphName": "base",
    "GraphStore": "base",
    "Params": "base",
    "QueryResult": "base",
    "Row": "base",
    "Term": "base",
    "parse_params": "base",
    "parse_term": "base",
    "build_target": "opening",
    "ontology_prefixes": "opening",
    "open_store": "opening",
    "OxigraphStore": "oxigraph",
    "is_store": "staging",
    "recover": "staging",
    "staged_store": "staging",
}

__getattr__ = lazy_attributes(__name__, _LAZY, globals())

__all__ = [
    "DEFAULT_STORE_DIR",
    "Dataset",
    "GraphName",
    "GraphStore",
    "OxigraphStore",
    "Params",
    "QueryResult",
    "Row",
    "Term",
    "build_target",
    "is_store",
    "ontology_prefixes",
    "open_store",
    "parse_params",
    "parse_term",
    "recover",
    "staged_store",
]
