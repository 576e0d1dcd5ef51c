"""Where a sharded build runs: the options that choose a Dask cluster, and a running
cluster reached by its scheduler's address."""

from __future__ import annotations

from pathlib import Path

import pytest
from distributed import Client, LocalCluster, get_task_stream
from typer.testing import CliRunner

from secgraph.cli import app
from secgraph.errors import SetupError
from secgraph.scale.cluster import executor, parse_cluster
from secgraph.scale.map_stage import build_shards

FORM4 = Path(__file__).parent / "corpus" / "form4"


@pytest.mark.parametrize("spec", ["local", "local:0", "local:two", "tcp://host:8786", "4"])
def test_a_bad_cluster_is_one_line_of_error(spec: str) -> None:
    """Trap: `--cluster 4` or a scheduler's address given to --cluster starting something
    else than asked (or a LocalCluster of 0 workers that waits forever)."""
    with pytest.raises(SetupError, match=r"bad --cluster .*expected local:N"):
        parse_cluster(spec)
    assert parse_cluster("local:3") == 3


def test_cluster_and_scheduler_exclude_each_other() -> None:
    """Trap: both options given and one silently ignored."""
    with (
        pytest.raises(SetupError, match="not both"),
        executor(cluster="local:1", scheduler="tcp://127.0.0.1:8786"),
    ):
        pass


def test_a_cluster_without_shards_is_refused(tmp_path: Path) -> None:
    """Trap: `secgraph build FILES --cluster local:2` (no --shards) building the store on
    this machine alone while the user believes it ran on the cluster."""
    result = CliRunner().invoke(app, ["build", str(FORM4), "--cluster", "local:2"])
    assert result.exit_code == 2
    assert "--cluster and --scheduler run a sharded build: give --shards DIR too" in result.output


def test_a_running_cluster_is_used_by_its_scheduler_address(tmp_path: Path) -> None:
    """Trap: --scheduler ADDRESS connecting but running the tasks elsewhere (in the client).
    The shards of three Forms 4 are written by the tasks of the cluster the address names:
    its scheduler saw the three shards' tasks."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i, path in enumerate(sorted(FORM4.glob("*.xml"))[:3]):
        (folder / f"f{i}.xml").write_bytes(path.read_bytes())
    with (
        LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0"
        ) as running,
        Client(running) as watcher,
    ):
        with (
            get_task_stream(client=watcher) as stream,
            executor(scheduler=running.scheduler_address) as pool,
        ):
            report = build_shards([folder], tmp_path / "shards", executor=pool, shard_size=1)
        assert report.shards == 3 and not report.failed
    ran = [str(task["key"]) for task in stream.data]
    assert len(ran) == 3 and all(key.startswith("write_shard-") for key in ran)
