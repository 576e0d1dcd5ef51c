"""The shard folder is written atomically: a shard is whole or absent, and a build is
finished (its manifest written) or refused by resolve and load."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from secgraph.errors import ShardError
from secgraph.scale.load import load_shards
from secgraph.scale.map_stage import build_shards
from secgraph.scale.reduce import resolve_shards
from secgraph.scale.shards import write_atomically

FORM4 = Path(__file__).parent / "corpus" / "form4"

# A sharded build (in-process, 3 files a shard) killed with SIGKILL while parsing its N-th file.
_KILLED = """
import os, signal, sys
from pathlib import Path
import secgraph.scale.map_stage as stage
real, seen = stage.process_file, []
def dying(path):
    seen.append(path)
    if len(seen) == int(sys.argv[3]):
        os.kill(os.getpid(), signal.SIGKILL)
    return real(path)
stage.process_file = dying
stage.build_shards([sys.argv[1]], Path(sys.argv[2]), shard_size=3)
"""


def _inputs(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i, path in enumerate(sorted(FORM4.glob("*.xml"))[:n]):
        (folder / f"f{i}.xml").write_bytes(path.read_bytes())
    return folder


def test_a_killed_build_leaves_whole_shards_and_no_manifest(tmp_path: Path) -> None:
    """Trap: a worker killed while writing a shard leaving a short shard under its final
    name, which a later load would take for whole; or resolve and load accepting a build
    that never finished (a resolution graph over part of the filings, without saying so).
    Killed while parsing file 5 of 7 (the second shard's second file): the first shard is
    whole, the second exists only as a temporary file, there is no manifest, resolve and load
    refuse, and the next build into the folder clears the leftovers."""
    inputs = _inputs(tmp_path / "in", 7)
    shards = tmp_path / "shards"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    done = subprocess.run(
        [sys.executable, "-c", _KILLED, str(inputs), str(shards), "5"], env=env, check=False
    )
    assert done.returncode == -9
    names = sorted(p.name for p in shards.iterdir())
    assert names[1:] == ["shard-000000.json", "shard-000000.nq"]
    assert names[0].startswith(".shard-000001.nq.tmp-")
    first = json.loads((shards / "shard-000000.json").read_text())["files"]
    data = (shards / "shard-000000.nq").read_bytes()
    assert len(data) == first[-1]["start"] + first[-1]["length"]
    graphs = {q.graph_name.value for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)}
    assert graphs == {f["graph"] for f in first}
    with pytest.raises(ShardError, match="no finished sharded build"):
        resolve_shards(shards)
    with pytest.raises(ShardError, match="no finished sharded build"):
        load_shards(shards, tmp_path / "store")
    assert not (tmp_path / "store").exists()
    build_shards([inputs], shards, shard_size=3)
    assert sorted(p.name for p in shards.iterdir()) == [
        "manifest.json",
        *(f"shard-00000{i}.{ext}" for i in range(3) for ext in ("json", "nq")),
    ]


def test_an_interrupted_write_leaves_no_file(tmp_path: Path) -> None:
    """Trap: an exception half-way through a shard leaving its first bytes under the final
    name, or its temporary file behind."""
    target = tmp_path / "shard-000000.nq"

    def half(fh: object) -> None:
        assert hasattr(fh, "write")
        fh.write(b"<a> <b> <c> <g> .\n")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, half)
    assert list(tmp_path.iterdir()) == []


def test_a_folder_of_other_files_is_refused(tmp_path: Path) -> None:
    """Trap: `--shards ~` clearing the user's files before writing shards."""
    folder = tmp_path / "home"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(ShardError, match="not shards"):
        build_shards([_inputs(tmp_path / "in", 1)], folder)
    assert (folder / "notes.txt").read_text() == "mine"


def test_a_rebuild_drops_the_earlier_shards_and_resolution(tmp_path: Path) -> None:
    """Trap: a smaller rebuild into the same folder leaving the earlier build's extra shards
    (loaded as if they were part of it) or its resolution graph (made from other filings)."""
    inputs = _inputs(tmp_path / "in", 4)
    shards = tmp_path / "shards"
    build_shards([inputs], shards, shard_size=1)
    resolve_shards(shards)
    for path in sorted(inputs.iterdir())[1:]:
        path.unlink()
    build_shards([inputs], shards, shard_size=1)
    assert sorted(p.name for p in shards.iterdir()) == [
        "manifest.json",
        "shard-000000.json",
        "shard-000000.nq",
    ]
    report = load_shards(shards, tmp_path / "store")
    assert report.build.loaded == 1
    assert report.resolution.startswith("recomputed over the store")
