"""``secgraph serve``: a read-only SPARQL 1.1 endpoint, a JSON API and a web explorer.

FastAPI (Starlette) on uvicorn. :func:`create_app` builds the ASGI application over a store
directory; :func:`serve` runs it until interrupted.
"""

from __future__ import annotations

import uvicorn

from secgraph.server.app import create_app
from secgraph.server.config import ServeConfig, is_loopback

__all__ = ["ServeConfig", "create_app", "is_loopback", "serve"]


def serve(config: ServeConfig) -> None:
    """Serve ``config.store`` on ``config.host:config.port`` until interrupted."""
    uvicorn.run(
        create_app(config),
        host=config.host,
        port=config.port,
        log_level="info",
        # one process: the store generation and its caches live in it; threads do the work
        workers=None,
        server_header=False,
    )
