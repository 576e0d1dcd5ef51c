"""What the embedded store gives a query as options, written into the query's text for a
server: the predeclared prefixes, and the parameters.

pyoxigraph takes prefixes and parameters (SEP-0007 substitutions) beside the query; the
SPARQL 1.1 Protocol carries the query text alone. So:

* the prefixes the query does not declare are prepended as ``PREFIX`` lines;
* the parameters become one ``VALUES`` block at the top of the query's WHERE group:
  ``WHERE { VALUES (?a ?b) { (<x> "y") } ...``. Joined first, the block binds each parameter
  before anything else of the pattern is evaluated, and a projected parameter comes back
  bound, as with a substitution. It differs from a substitution in one case only: a
  sub-select that does not project the variable has its own ``?a``, which the substitution
  would replace and the block does not reach. The terms are written by pyoxigraph's
  serializer, never as a user typed them.

The query is read as SPARQL's lexer reads it (:mod:`secgraph.store.federation`'s tokens):
braces inside strings, IRIs or comments are not the WHERE group's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from secgraph.errors import QueryError
from secgraph.store.base import Term
from secgraph.store.federation import TOKEN

_DECLARED = re.compile(r"(?i)\bPREFIX\s+([^\s:]*):")


def with_prefixes(sparql: str, prefixes: Mapping[str, str]) -> str:
    """``sparql`` with a ``PREFIX`` line for each of ``prefixes`` it does not declare."""
    declared = set(_DECLARED.findall(sparql))
    lines = [f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items() if p not in declared]
    return "".join(lines) + sparql


def where_brace(sparql: str) -> int:
    """The offset of the ``{`` that opens the query's WHERE group: the first one after the
    WHERE keyword, or (a query that leaves the keyword out: ``ASK {``, ``SELECT * {``) the
    first one at all. -1 when there is none (``DESCRIBE <x>``)."""
    first = -1
    after_where = False
    for match in TOKEN.finditer(sparql):
        kind, text = match.lastgroup, match[0]
        if kind == "word" and text.upper() == "WHERE":
            after_where = True
        elif kind == "other" and text == "{":
            if after_where:
                return match.start()
            if first < 0:
                first = match.start()
                if not _is_construct(sparql[: match.start()]):
                    return first
    return -1 if first < 0 or _is_construct(sparql[:first]) else first


def _is_construct(head: str) -> bool:
    """Whether the query (read up to a brace) is a CONSTRUCT, whose first brace opens its
    template, not its pattern."""
    return any(m.lastgroup == "word" and m[0].upper() == "CONSTRUCT" for m in TOKEN.finditer(head))


def with_values(sparql: str, params: Mapping[str, Term]) -> str:
    """``sparql`` with ``params`` bound by a ``VALUES`` block opening its WHERE group."""
    if not params:
        return sparql
    at = where_brace(sparql)
    if at < 0:
        raise QueryError("parameters are given to a query with a WHERE clause only")
    names = " ".join(f"?{name}" for name in params)
    terms = " ".join(str(term) for term in params.values())
    block = f" VALUES ({names}) {{ ({terms}) }}\n"
    return sparql[: at + 1] + block + sparql[at + 1 :]
