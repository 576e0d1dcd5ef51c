"""Opening a store, with the ontology's prefixes predeclared: the one place where a
``--store`` value is read as a folder (the embedded store) or a URL (a SPARQL 1.1 server,
:mod:`secgraph.store.remote`). ``secgraph build`` opens its store with :func:`build_target`,
the other commands with :func:`open_store`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from secgraph.graph.vocab import ontology_dir
from secgraph.store.base import GraphStore
from secgraph.store.defaults import DEFAULT_STORE_DIR, is_url
from secgraph.store.staging import open_live, staged_store


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


def open_store(spec: Path | str = DEFAULT_STORE_DIR, *, federation: bool = False) -> GraphStore:
    """Open the store ``spec`` names for queries: a folder's built store, read-only (several
    readers may share it; a build never removes the generation they have open), or a SPARQL
    1.1 server (``http(s)://...``, :class:`~secgraph.store.remote.RemoteStore`). Raises
    StoreError (a setup error) if there is no store there or it cannot open or answer.
    Queries holding SERVICE raise QueryError unless ``federation``
    (:mod:`secgraph.store.federation`)."""
    if is_url(spec):
        from secgraph.store.remote import RemoteStore  # noqa: PLC0415 (httpx: on use)

        return RemoteStore.open(str(spec), prefixes=ontology_prefixes(), federation=federation)
    return open_live(Path(spec), prefixes=ontology_prefixes(), federation=federation)


@contextmanager
def build_target(spec: Path | str, *, fresh: bool = False) -> Iterator[GraphStore]:
    """The store a build writes. A folder: a staging copy of its store, made live when the
    block ends without an error (:func:`~secgraph.store.staging.staged_store`). A server:
    the server itself (``fresh``: every graph dropped first), written as the block goes: a
    server has no copy to switch to (see :mod:`secgraph.store.remote`); its requests wait
    for the server as long as it takes (a build's whole-store queries)."""
    if not is_url(spec):
        with staged_store(Path(spec), fresh=fresh) as staged:
            yield staged
        return
    from secgraph.store.remote import RemoteStore  # noqa: PLC0415 (httpx: on use)

    with RemoteStore.open(str(spec), prefixes=ontology_prefixes(), patient=True) as remote:
        if fresh:
            remote.clear()
        yield remote
