"""Running ``secgraph serve``'s application for tests: uvicorn in a thread, on a port of
127.0.0.1 the system picks, stopped when the block ends."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from secgraph.build import build
from secgraph.server import ServeConfig, create_app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "filings"


def build_examples(store_dir: Path, files: list[Path] | None = None) -> Path:
    report = build(files or [EXAMPLES], store_dir, jobs=1, fresh=True)
    assert not report.failed, [f.line() for f in report.files]
    return store_dir


@contextmanager
def running(store_dir: Path, **options: float | int) -> Iterator[str]:
    """The base URL (``http://127.0.0.1:PORT``) of a server over ``store_dir``."""
    app = create_app(ServeConfig(store_dir, **options))  # type: ignore[arg-type]
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
