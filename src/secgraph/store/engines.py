"""What secgraph needs to know of each SPARQL 1.1 server it can use as its store.

A store URL names a server: ``http://127.0.0.1:7878`` (its root: the engine's own endpoint
paths are used) or an endpoint itself (``http://host:8890/sparql``: queries and updates both
go there). The engine is told by a fragment (``http://host:8890/sparql#virtuoso``, never sent
to the server) or else read from the server's ``Server`` header on the first request;
a server that names no engine we know is used as a plain SPARQL 1.1 endpoint.

Each profile says:

* how the **union default graph** is asked for: secgraph queries read the union of all the
  filings' named graphs as their default graph. Oxigraph server takes a
  ``union-default-graph`` parameter on each query (or ``--union-default-graph`` on its command
  line); Virtuoso and QLever read every graph when a query names none, always, so a query
  there cannot read the default graph alone (``union=False``: only ``GRAPH`` patterns are
  meant then, which all of secgraph's are);
* its **paths**: the query, update and Graph Store Protocol endpoints under the root;
* its **writes**: whether the Graph Store Protocol takes N-Quads for the whole dataset (a
  bulk load in one request: Oxigraph), else graph by graph (``PUT``/``POST`` N-Triples to
  ``?graph=``), else SPARQL Update (``INSERT DATA``) in chunks;
* its **bulk loader** (the command to give the engine's own loader, for ``secgraph load``
  and the README) and its **limits**.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Union(StrEnum):
    PARAMETER = "parameter"  # a query parameter asks for it (per query)
    ALWAYS = "always"  # the engine's default graph is the union of all graphs


@dataclass(frozen=True)
class Engine:
    name: str
    #: How the union default graph is asked for; the parameter's name when one is.
    union: Union
    union_parameter: str = ""
    #: Endpoint paths under the server's root.
    query_path: str = "/sparql"
    update_path: str = "/sparql"
    store_path: str | None = None  # Graph Store Protocol; None: none (SPARQL Update instead)
    #: The name of the GSP's graph parameter (``graph`` in the W3C text; Virtuoso's old
    #: endpoint says ``graph-uri``).
    graph_parameter: str = "graph"
    #: POST N-Quads to the GSP endpoint without a graph: a whole batch in one request.
    dataset_post: bool = False
    #: GET on the GSP endpoint without a graph: the whole dataset as N-Quads.
    dataset_get: bool = False
    #: Whether ``GRAPH ?g {}`` lists the named graphs (else one triple per graph is read).
    empty_graph_pattern: bool = True
    #: Bytes of one update request (INSERT DATA) at most.
    max_update_bytes: int = 4 << 20
    #: The engine's own bulk loader: a command (``{files}``: the N-Quads shards).
    bulk_loader: str = ""
    #: What does not work on it, in a sentence each (for the README and error messages).
    limits: tuple[str, ...] = ()


OXIGRAPH = Engine(
    "oxigraph",
    union=Union.PARAMETER,
    union_parameter="union-default-graph",
    query_path="/query",
    update_path="/update",
    store_path="/store",
    dataset_post=True,
    dataset_get=True,
    bulk_loader="oxigraph load --location DIR --file {files}",
    limits=(
        "one process serves a store directory: `oxigraph load` runs while the server is "
        "stopped (or use the Graph Store Protocol, as `secgraph build --store URL` does)",
    ),
)

VIRTUOSO = Engine(
    "virtuoso",
    union=Union.ALWAYS,
    query_path="/sparql",
    update_path="/sparql-auth",
    store_path="/sparql-graph-crud-auth",
    graph_parameter="graph-uri",
    empty_graph_pattern=False,
    max_update_bytes=1 << 20,
    bulk_loader="isql-vt 1111 dba PASSWORD exec=\"ld_dir('DIR', '*.nq', 'urn:unused'); "
    'rdf_loader_run(); checkpoint;"',
    limits=(
        "writes need the authenticated endpoints (/sparql-auth, /sparql-graph-crud-auth) or "
        "SPARUL granted to SPARQL user",
        "the default graph is always the union of all graphs",
    ),
)

QLEVER = Engine(
    "qlever",
    union=Union.ALWAYS,
    query_path="/",
    update_path="/",
    store_path=None,
    bulk_loader="qlever index (a Qleverfile naming the N-Quads shards), then qlever start",
    limits=(
        "the index is built offline by its own loader; updates need its access token",
        "the default graph is always the union of all graphs",
    ),
)

GENERIC = Engine(
    "sparql",
    union=Union.ALWAYS,
    query_path="",
    update_path="",
    limits=(
        "an engine secgraph has no profile for: its default graph is taken to be the union "
        "of its graphs, and writes go through SPARQL Update",
    ),
)

ENGINES = {engine.name: engine for engine in (OXIGRAPH, VIRTUOSO, QLEVER, GENERIC)}


def from_server_header(header: str | None) -> Engine:
    """The engine a ``Server`` response header names (``Oxigraph/0.5.13``,
    ``Virtuoso/07.20.3229 (Linux) ...``), else the plain SPARQL profile."""
    text = (header or "").lower()
    for engine in (OXIGRAPH, VIRTUOSO, QLEVER):
        if text.startswith(engine.name):
            return engine
    return GENERIC
