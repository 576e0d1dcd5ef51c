"""The JSON API (``/api/...``, described at ``/api/openapi.json``) and the read-only Graph
Store Protocol GET of one graph (``/graph-store?graph=IRI``)."""

from __future__ import annotations

import time
from typing import Annotated, Any

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request, Response

from secgraph.server import reads
from secgraph.server.describe import counts
from secgraph.server.execute import ProtocolError, serialize_triples
from secgraph.server.live import Generation
from secgraph.server.negotiate import GRAPH_FORMATS, choose
from secgraph.server.served import answer_response, served

router = APIRouter()

Iri = Annotated[str, Query(description="An IRI of the graph.", min_length=1)]


@router.get("/api/stats", tags=["dataset"])
async def stats(request: Request) -> dict[str, Any]:
    """Filings, entities and quads of the served store, when it was written, and the prefixes
    every query may use without declaring them."""

    def read(g: Generation) -> dict[str, Any]:
        return {**counts(g), "written": g.written.isoformat(), "prefixes": g.store.prefixes}

    return await served(request).run(read, time.monotonic())


@router.get("/api/queries", tags=["named queries"])
async def list_queries() -> list[dict[str, Any]]:
    """The named queries (``ontology/queries``): summary, parameters, columns, SPARQL text."""
    return reads.catalogue()


@router.get("/api/queries/{name}", tags=["named queries"])
async def run_query(name: str, request: Request) -> dict[str, Any]:
    """Run a named query; its parameters are given as query-string fields (``?name=Panora``;
    see ``/api/queries`` for each query's own). Rows as W3C SPARQL JSON terms; ``truncated``
    when cut at the server's ``--max-rows``."""
    params = dict(request.query_params)
    state = served(request)
    return await state.run(
        lambda g: reads.named(g, name, params, state.config.max_rows), time.monotonic()
    )


@router.get("/api/search", tags=["entities"])
async def search(
    request: Request,
    q: Annotated[str, Query(description="A name or part of one, a CIK or a ticker.")],
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> list[dict[str, Any]]:
    """Entities for autocomplete: canonical IRI, preferred name, kind."""
    return await served(request).run(lambda g: reads.search(g, q, limit), time.monotonic())


@router.get("/api/entity", tags=["entities"])
async def entity(request: Request, iri: Iri) -> dict[str, Any]:
    """The dossier of one entity (as ``secgraph lookup --format json``): names, identifiers,
    roles, holdings, transactions, agreements and connections, each with its filings."""
    return await served(request).run(lambda g: reads.dossier(g, iri), time.monotonic())


@router.get("/api/neighbourhood", tags=["graph"])
async def neighbourhood(
    request: Request,
    iri: Iri,
    depth: Annotated[int, Query(ge=0, le=3)] = 1,
    budget: Annotated[int, Query(ge=1, le=2000, description="At most this many nodes.")] = 300,
) -> dict[str, Any]:
    """The nodes within ``depth`` hops of a node, as Cytoscape.js elements (``cut``: the
    budget stopped the walk), with their filings and the style of each kind."""
    return await served(request).run(
        lambda g: reads.neighbourhood(g, iri, depth, budget), time.monotonic()
    )


@router.get("/api/path", tags=["graph"])
async def path(
    request: Request,
    source: Annotated[str, Query(alias="from", description="An entity's name.")],
    target: Annotated[str, Query(alias="to", description="Another entity's name.")],
    limit: Annotated[int, Query(ge=1, le=20)] = 5,
) -> dict[str, Any]:
    """The shortest chains of relationships between two entities, each hop in words (as
    ``secgraph path``); ``cut`` says why the search stopped early, if it did."""
    return await served(request).run(
        lambda g: reads.paths(g, source, target, limit), time.monotonic()
    )


@router.get("/api/filing", tags=["filings"])
async def filing(request: Request, iri: Iri) -> dict[str, Any]:
    """A filing's provenance (file, sha256, parser, warnings) and its facts, each with the
    line or element it was read from and the source text around it when the file is here."""
    return await served(request).run(lambda g: reads.filing(g, iri), time.monotonic())


@router.get("/graph-store", tags=["graph store"], response_class=Response)
async def graph_store(
    request: Request,
    graph: Annotated[str, Query(description="The named graph (a filing's IRI).")],
) -> Response:
    """Graph Store Protocol GET (read-only) of one named graph, in Turtle, N-Triples or JSON-LD
    (``Accept``); 404 when the store has no such graph."""
    started = time.monotonic()
    state = served(request)
    chosen = choose(request.headers.get("accept"), GRAPH_FORMATS)
    if chosen is None:
        raise ProtocolError(406, "offered: " + ", ".join(GRAPH_FORMATS))
    try:
        name = ox.NamedNode(graph)
    except ValueError as exc:
        raise ProtocolError(400, f"bad graph IRI: {exc}") from exc
    limits = state.limits(started)

    def dump(g: Generation) -> Any:
        if not g.store.has_graph(name):
            raise ProtocolError(404, f"no graph {graph}")
        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in g.store.quads(name))
        return serialize_triples(triples, chosen, g.store.prefixes, limits)

    return answer_response(await state.run(dump, started), state.config.max_rows)
