"""SPARQL federation (``SERVICE``) is off unless asked for.

pyoxigraph 0.5 sends a ``SERVICE <http://...>`` pattern to that URL over HTTP and offers no
option to turn its HTTP client off (Rust's ``QueryOptions::without_service_handler`` is not
exposed), so a query read from a shared file could call anywhere from the user's machine.
The store therefore refuses any query holding the ``SERVICE`` keyword before it runs, unless
the caller allowed federation (``secgraph query --allow-service``).

The check reads the query as SPARQL's lexer would: comments, strings, IRIs, variables and
prefixed names (``ex:service``, ``?service``) are not the keyword; ``\\uXXXX`` escapes are
decoded first, as the SPARQL grammar (and Oxigraph) decode them before parsing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from secgraph.errors import QueryError

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''
                | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                | '(?:[^'\\\n\r]|\\.)*'
                | "(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$]\w+)
    | (?P<pname>[\w.\-]*:(?:[\w.\-:%]|\\.)*)
    | (?P<word>[^\W\d]\w*)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def _decode(match: re.Match[str]) -> str:
    code = int(match[1] or match[2], 16)
    return chr(code) if code <= 0x10FFFF else match[0]


@lru_cache(maxsize=256)
def uses_service(sparql: str) -> bool:
    """Whether the query holds the SERVICE keyword (federation) anywhere."""
    if "service" not in sparql.lower() and "\\" not in sparql:
        return False  # the common case, without tokenizing
    text = _ESCAPE.sub(_decode, sparql)
    return any(
        match.lastgroup == "word" and match[0].upper() == "SERVICE"
        for match in TOKEN.finditer(text)
    )


def refuse_service(sparql: str) -> None:
    """Raise QueryError when the query would call another SPARQL endpoint."""
    if uses_service(sparql):
        raise QueryError(
            "the query uses SERVICE (federation), which would send requests to another "
            "server; it is off by default: allow it with `secgraph query --allow-service`"
        )
