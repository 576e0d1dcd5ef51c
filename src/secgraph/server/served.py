"""The state every handler shares (config, live store, worker threads) and how an answer
becomes an HTTP response."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import anyio
import anyio.to_thread
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from secgraph.server.config import ServeConfig
from secgraph.server.execute import Answer, Limits, QueryTimeoutError
from secgraph.server.live import Generation, LiveStore

T = TypeVar("T")

#: The header that says an answer was cut at ``--max-rows``.
TRUNCATED = "Secgraph-Truncated"
_TEXT_TYPES = ("text/", "application/n-triples", "application/sparql-results+xml")


@dataclass
class Served:
    """What every request handler reaches through ``request.app.state.served``."""

    config: ServeConfig
    live: LiveStore
    limiter: anyio.CapacityLimiter

    def limits(self, started: float) -> Limits:
        return Limits(self.config.timeout, self.config.max_rows, started)

    async def run(self, fn: Callable[[Generation], T], started: float) -> T:
        """``fn(generation)`` in a worker thread, at most ``workers`` at once; a
        QueryTimeoutError once ``timeout`` seconds have passed since ``started``."""
        remaining = started + self.config.timeout - time.monotonic()
        with anyio.move_on_after(max(remaining, 0.0)):
            return await anyio.to_thread.run_sync(
                self.live.run, fn, limiter=self.limiter, abandon_on_cancel=True
            )
        raise QueryTimeoutError(self.config.timeout)


def served(request: Request) -> Served:
    state: Served = request.app.state.served
    return state


def answer_response(answer: Answer, max_rows: int) -> Response:
    media = answer.media_type
    if media.startswith(_TEXT_TYPES) or media.endswith("json"):
        media += "; charset=utf-8"
    headers = {"Vary": "Accept"}
    if answer.truncated:
        headers[TRUNCATED] = f"max-rows={max_rows}"
    return Response(answer.body, headers=headers, media_type=media)


def error_response(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status)
