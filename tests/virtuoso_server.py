"""Running Virtuoso for tests: ``virtuoso-t`` from Debian's ``virtuoso-opensource-7-bin``
(installed by ``make system-deps``) over a new database in a temporary folder, on two ports of
127.0.0.1 the system picks, stopped when the block ends. A new database's ``dba`` password is
``dba``: the URL carries it for the authenticated endpoints secgraph writes through."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from oxigraph_server import free_port

VIRTUOSO = shutil.which("virtuoso-t")

_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
DirsAllowed = ., {dir}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
ServerThreads = 10
CheckpointInterval = 60

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {dir}
ServerThreads = 10
MaxClientConnections = 10

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


@contextmanager
def virtuoso(folder: Path) -> Iterator[str]:
    """The root URL with credentials (``http://dba:dba@127.0.0.1:PORT``) of a new Virtuoso."""
    assert VIRTUOSO is not None, "Debian virtuoso-opensource-7-bin (make system-deps)"
    http = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_INI.format(dir=folder, sql=free_port(), http=http), encoding="utf-8")
    log = open(folder / "stdout.log", "wb")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [VIRTUOSO, "+foreground", "+configfile", str(ini)], stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{http}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.post(f"{url}/sparql", data={"query": "ASK {}"}, timeout=5)
                if response.status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None:
                raise RuntimeError(
                    f"virtuoso-t did not start: {(folder / 'stdout.log').read_text()}"
                )
            if time.monotonic() > deadline:
                raise RuntimeError("virtuoso-t did not answer within 60 s")
            time.sleep(0.2)
        yield f"http://dba:dba@127.0.0.1:{http}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
