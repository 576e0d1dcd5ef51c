"""The ASGI application: the SPARQL endpoint, the descriptions, the JSON API and the explorer.

Every store access runs in a worker thread (pyoxigraph releases the GIL while it evaluates),
at most ``workers`` at once, on the store generation current when it starts
(:class:`~secgraph.server.live.LiveStore`), and the request waits at most ``timeout`` seconds
for it, counted from its arrival.
"""

from __future__ import annotations

import time

import anyio
import pyoxigraph as ox
from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware

from secgraph import __version__
from secgraph.errors import QueryError, SecGraphError, ViewError
from secgraph.server import explorer
from secgraph.server.api import router
from secgraph.server.config import ServeConfig
from secgraph.server.describe import PREFIXES, service_triples, void_triples
from secgraph.server.execute import Answer, ProtocolError, evaluate
from secgraph.server.live import LiveStore
from secgraph.server.negotiate import GRAPH_FORMATS, choose
from secgraph.server.protocol import read_request
from secgraph.server.served import (
    TRUNCATED,
    Served,
    answer_response,
    error_response,
    served,
)


def _rdf_response(triples: list[ox.Triple], accept: str | None) -> Response:
    chosen = choose(accept, GRAPH_FORMATS)
    if chosen is None:
        return error_response(406, "offered: " + ", ".join(GRAPH_FORMATS))
    media, fmt = chosen
    data = ox.serialize(
        triples, format=fmt, prefixes=PREFIXES if fmt is not ox.RdfFormat.N_TRIPLES else None
    )
    return answer_response(Answer(data or b"", media), 0)


def create_app(config: ServeConfig) -> FastAPI:
    """The application over the store ``config.store`` (which must exist: StoreError)."""
    live = LiveStore(config.store)
    live.current()  # a missing or unreadable store stops the server before it listens
    app = FastAPI(
        title="secgraph",
        version=__version__,
        summary="SEC filings as an RDF knowledge graph: SPARQL 1.1 endpoint and JSON API.",
        # FastAPI's own docs pages load their scripts from a CDN: the explorer links the
        # OpenAPI document instead.
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.served = Served(config, live, anyio.CapacityLimiter(config.workers))

    @app.exception_handler(ProtocolError)
    async def protocol_error(request: Request, exc: ProtocolError) -> Response:
        return error_response(exc.status, exc.message)

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError) -> Response:
        return error_response(400, str(exc))

    @app.exception_handler(ViewError)
    async def view_error(request: Request, exc: ViewError) -> Response:
        return error_response(404, str(exc))

    @app.exception_handler(SecGraphError)
    async def store_error(request: Request, exc: SecGraphError) -> Response:
        return error_response(500, str(exc))

    sparql_doc = {
        "summary": "SPARQL 1.1 Protocol query endpoint (read-only)",
        "response_class": Response,
        "name": "sparql",
    }

    @app.get("/sparql", operation_id="sparql_get", **sparql_doc)  # type: ignore[arg-type]
    @app.post("/sparql", operation_id="sparql_post", **sparql_doc)  # type: ignore[arg-type]
    async def sparql(request: Request) -> Response:
        """Query by GET (``query=``), by POST form or by POST ``application/sparql-query``;
        ``default-graph-uri`` / ``named-graph-uri`` set the dataset (default: the union of
        all graphs). A GET without a query answers the service description."""
        started = time.monotonic()
        state = served(request)
        parsed = await read_request(request)
        accept = request.headers.get("accept")
        if parsed is None:
            base = str(request.url_for("sparql"))
            void = str(request.url_for("void"))
            triples = await state.run(lambda g: service_triples(g, base, void), started)
            return _rdf_response(triples, accept)
        limits = state.limits(started)
        answer = await state.run(
            lambda g: evaluate(g.store.raw, g.store.prefixes, parsed, accept, limits), started
        )
        return answer_response(answer, config.max_rows)

    @app.get("/.well-known/void", summary="VoID description of the dataset", name="void")
    async def void(request: Request) -> Response:
        """Filings, entities and quads of the served store, and when it was written."""
        started = time.monotonic()
        base = str(request.url_for("sparql"))
        void = str(request.url_for("void"))
        triples = await served(request).run(lambda g: void_triples(g, base, void), started)
        return _rdf_response(triples, request.headers.get("accept"))

    app.include_router(router)
    app.include_router(explorer.router)
    app.mount("/static", explorer.static_files(), name="static")
    app.add_middleware(explorer.SecurityHeaders)
    if config.cors:
        # read-only and without credentials: any page may read, none may act as a user
        app.add_middleware(
            CORSMiddleware,
            allow_origins=["*"],
            allow_methods=["GET", "POST"],
            allow_headers=["Accept", "Content-Type"],
            expose_headers=[TRUNCATED],
        )
    return app
