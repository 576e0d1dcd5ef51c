"""What a query's text says before it runs: an update, a SERVICE call, its own dataset.

pyoxigraph would evaluate ``SERVICE <iri>`` by fetching the IRI over HTTP, and its query
parser answers an update only with "expected CONSTRUCT". These checks read the text's
keywords after blanking what cannot hold one (comments, string literals, IRIs), so a word
inside a literal or an IRI never counts, and a keyword anywhere else always does: a query is
refused rather than sent on when in doubt.
"""

from __future__ import annotations

import re

from secgraph.store.federation import uses_service

_OPAQUE = re.compile(
    r"""
      "{3}(?:[^"\\]|\\.|"(?!""))*"{3}      # long strings
    | '{3}(?:[^'\\]|\\.|'(?!''))*'{3}
    | "(?:[^"\\\n]|\\.)*"                 # short strings
    | '(?:[^'\\\n]|\\.)*'
    | <[^\s<>"{}|^`\\]*>                   # IRIs
    | \#[^\n]*                             # comments
    """,
    re.VERBOSE | re.DOTALL,
)
# A keyword is a bare word: not a variable (?x, $x), nor part of a prefixed name (ex:from,
# from:x), nor of a longer word.
_FROM = re.compile(r"(?<![\w?$:.-])FROM(?![\w:-])", re.IGNORECASE)
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[\w.-]*:\s*<>|BASE\s*<>)\s*)*", re.IGNORECASE)
_UPDATE_VERBS = re.compile(
    r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)(?![\w:-])", re.IGNORECASE
)


def _blank(text: str) -> str:
    def keep_kind(m: re.Match[str]) -> str:
        token = m.group(0)
        if token.startswith("#"):
            return " "
        return "<>" if token.startswith("<") else '""'

    return _OPAQUE.sub(keep_kind, text)


def calls_service(query: str) -> bool:
    """The query has a ``SERVICE`` pattern (a federated call to another endpoint). The store's
    own check, which also decodes ``\\u`` escapes as SPARQL does (``\\u0053ERVICE``)."""
    return uses_service(query)


def names_dataset(query: str) -> bool:
    """The query sets its own dataset (``FROM`` / ``FROM NAMED``)."""
    return _FROM.search(_blank(query)) is not None


def is_update(text: str) -> bool:
    """The text is a SPARQL Update request (INSERT, DELETE, LOAD, CLEAR, DROP...)."""
    rest = _blank(text)
    prologue = _PROLOGUE.match(rest)
    start = prologue.end() if prologue else 0
    return _UPDATE_VERBS.match(rest, start) is not None
