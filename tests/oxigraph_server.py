"""Running Oxigraph server for tests: ``oxigraph serve`` from the PyPI ``oxigraph`` wheel (a
dev dependency, pinned to the pyoxigraph version, installed by ``make install``) on a port of
127.0.0.1 the system picks, stopped when the block ends."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sysconfig
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

# The `oxigraph` wheel's binary, beside this interpreter (a venv's bin/), else on the PATH.
SERVER = shutil.which("oxigraph", path=sysconfig.get_path("scripts")) or shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def oxigraph_serve(location: Path | None = None, *, read_only: bool = False) -> Iterator[str]:
    """The root URL (``http://127.0.0.1:PORT``) of ``oxigraph serve`` over ``location`` (a
    RocksDB store folder; in memory when None)."""
    assert SERVER is not None, "the oxigraph server (pip oxigraph, make install)"
    port = free_port()
    command = [SERVER, "serve-read-only" if read_only else "serve", "--bind", f"127.0.0.1:{port}"]
    if location is not None:
        command += ["--location", str(location)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.post(f"{url}/query", data={"query": "ASK {}"}, timeout=5).raise_for_status()
                break
            except httpx.TransportError:
                if server.poll() is not None:
                    _, err = server.communicate()
                    raise RuntimeError(f"oxigraph serve did not start: {err.decode()}") from None
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stderr is not None:
            server.stderr.close()
