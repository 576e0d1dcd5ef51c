"""Reading a SPARQL 1.1 Protocol query request: GET, POST form, POST ``application/sparql-query``.

https://www.w3.org/TR/sparql11-protocol/#query-operation. An update request (any method) is
refused with 403: the endpoint is read-only. A request with no query at all is a GET of the
service description (returns None).
"""

from __future__ import annotations

from urllib.parse import parse_qs

from starlette.datastructures import QueryParams
from starlette.requests import Request

from secgraph.server.execute import ProtocolError, SparqlRequest

#: A query request body larger than this is refused (413) before it is read whole.
MAX_BODY = 1 << 20

_FORM = "application/x-www-form-urlencoded"
_QUERY = "application/sparql-query"
_UPDATE = "application/sparql-update"
_READ_ONLY = "SPARQL Update is refused: this endpoint is read-only"


async def _body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        raise ProtocolError(413, f"request body over {MAX_BODY} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise ProtocolError(413, f"request body over {MAX_BODY} bytes")
    return bytes(body)


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, f"the request is not UTF-8: {exc}") from exc


def _graphs(fields: dict[str, list[str]], url: QueryParams) -> tuple[tuple[str, ...], ...]:
    return tuple(
        tuple(fields.get(key, [])) + tuple(url.getlist(key))
        for key in ("default-graph-uri", "named-graph-uri")
    )


async def read_request(request: Request) -> SparqlRequest | None:
    """The query request, or None for a plain GET (the service description)."""
    url = request.query_params
    fields: dict[str, list[str]] = {}
    if request.method == "GET":
        queries = url.getlist("query")
        if "update" in url:
            raise ProtocolError(403, _READ_ONLY)
        if not queries:
            return None
    else:
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media == _UPDATE:
            raise ProtocolError(403, _READ_ONLY)
        if media == _FORM:
            fields = parse_qs(_text(await _body(request)), keep_blank_values=True)
            if "update" in fields:
                raise ProtocolError(403, _READ_ONLY)
            queries = fields.get("query", [])
        elif media == _QUERY:
            queries = [_text(await _body(request))]
        else:
            raise ProtocolError(
                415, f"POST a query as {_FORM} or {_QUERY} (got {media or 'no content type'})"
            )
    if len(queries) != 1:
        raise ProtocolError(400, f"give exactly one query parameter (got {len(queries)})")
    default_graphs, named_graphs = _graphs(fields, url)
    return SparqlRequest(queries[0], default_graphs, named_graphs)
