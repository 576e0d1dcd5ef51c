"""The web explorer: one page (``static/index.html`` and its script) and the assets it loads,
all served from the package, none from another host. A Content-Security-Policy tells the
browser so too: the page may only reach this server."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

STATIC = Path(str(resources.files("secgraph.server") / "static"))
CYTOSCAPE = Path(str(resources.files("secgraph.views") / "assets" / "cytoscape.min.js"))

#: Everything from this origin only; styles may be set inline (Cytoscape.js, CodeMirror).
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)

router = APIRouter(include_in_schema=False)


@router.get("/")
async def index(request: Request) -> Response:
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")


@router.get("/assets/cytoscape.min.js")
async def cytoscape(request: Request) -> Response:
    return FileResponse(CYTOSCAPE, media_type="text/javascript; charset=utf-8")


def static_files() -> StaticFiles:
    return StaticFiles(directory=STATIC)


class SecurityHeaders:
    """Adds the CSP and its companions to every response (the JSON and SPARQL answers too:
    a browser opening one directly runs nothing from elsewhere either)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
