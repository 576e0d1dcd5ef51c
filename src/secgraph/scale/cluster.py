"""Where a sharded build's tasks run: a Dask cluster, local worker processes, or this process.

* ``--cluster local:N``: a Dask ``LocalCluster`` of N worker processes (one thread each: the
  parsers are Python, one thread a process is what runs in parallel), started and stopped
  with the build;
* ``--scheduler ADDRESS``: a running Dask scheduler (``tcp://host:8786``; dask-jobqueue,
  Kubernetes or ``dask scheduler`` / ``dask worker`` by hand); its workers need secgraph
  installed and the input files and the shard folder at the same paths as the client;
* neither: ``jobs`` worker processes of this machine (:func:`secgraph.build.worker_pool`),
  or this process when ``jobs`` is 1.

Every case hands :func:`secgraph.scale.map_stage.build_shards` a
:class:`concurrent.futures.Executor` (Dask's ``Client.get_executor()``), so one code path
runs them all. Not ``pure``: a task writes a shard, so two submissions of the same chunk are
two runs, never one result Dask remembered.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator
from concurrent.futures import Executor

from secgraph.errors import SetupError

__all__ = ["executor", "parse_cluster"]

_LOCAL = re.compile(r"local:(\d+)")
#: How long to wait for a scheduler given by address before giving up (a typo).
CONNECT_TIMEOUT = "20s"


def parse_cluster(spec: str) -> int:
    """``local:N`` -> N (at least 1); SetupError for anything else."""
    match = _LOCAL.fullmatch(spec.strip())
    if match is None or int(match[1]) < 1:
        raise SetupError(
            f"bad --cluster {spec!r}: expected local:N (N worker processes on this machine); "
            "for a cluster started elsewhere, give its scheduler with --scheduler ADDRESS"
        )
    return int(match[1])


@contextlib.contextmanager
def executor(
    *, cluster: str | None = None, scheduler: str | None = None, jobs: int = 1
) -> Iterator[Executor | None]:
    """The executor the options ask for (None: run in this process), shut down on exit."""
    if cluster is not None and scheduler is not None:
        raise SetupError("give --cluster or --scheduler, not both")
    if cluster is None and scheduler is None:
        if jobs <= 1:
            yield None
            return
        from secgraph.build import worker_pool  # noqa: PLC0415 - only with workers

        pool = worker_pool(jobs)
        try:
            yield pool
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
        return
    from distributed import Client, LocalCluster  # noqa: PLC0415 - only on a cluster

    if cluster is not None:
        workers = parse_cluster(cluster)
        with (
            LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",  # any free port: another cluster may hold 8787
                silence_logs=logging.ERROR,
            ) as local,
            Client(local) as client,
        ):
            yield client.get_executor(pure=False)
        return
    assert scheduler is not None
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise SetupError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc
    with client:
        yield client.get_executor(pure=False)
