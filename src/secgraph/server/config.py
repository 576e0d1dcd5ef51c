"""What ``secgraph serve`` is given: the store, where to listen and the bounds of a query."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

#: Host names that only reach this machine.
_LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


@dataclass(frozen=True)
class ServeConfig:
    store: Path
    host: str = "127.0.0.1"
    port: int = 8000
    #: Seconds a query may run before it is answered 503 (the answer's wait is bounded; a query
    #: that streams rows is also stopped, see :mod:`secgraph.server.execute`).
    timeout: float = 30.0
    #: Rows (SELECT) or triples (CONSTRUCT/DESCRIBE) at most in one answer; more are cut and the
    #: answer says so in its ``SPARQL-Results-Truncated`` header.
    max_rows: int = 10_000
    #: Queries started at once (threads); pyoxigraph releases the GIL while it evaluates.
    workers: int = 8
    #: Let pages of any origin query the endpoint and the API (YASGUI and other web clients).
    cors: bool = False


def is_loopback(host: str) -> bool:
    """True when ``host`` only listens on this machine (127.0.0.0/8, ::1, localhost)."""
    if host.casefold() in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve to anything
