"""A shard folder: what ``secgraph build --shards DIR`` writes and ``resolve`` and ``load`` read.

::

    DIR/shard-000000.nq     N-Quads of one chunk of files: one named graph per filing, the
                            filings one after the other (as `secgraph build` loads them)
    DIR/shard-000000.json   the chunk's per-file report, each filing's byte range in the .nq
                            and its mention facts (what entity resolution reads)
    DIR/manifest.json       the build's shards, in input order; written last
    DIR/resolution.nq       the resolution graph (`secgraph resolve`), with resolution.json
                            naming the manifest it was computed from

Every file is written under a temporary name, flushed to disk and renamed into place, the
``.nq`` before its ``.json``: a shard exists once its ``.json`` does, and is whole then. A
worker killed half-way leaves a temporary file (removed by the next build), never a short
shard. Shard names follow the input order (the n-th chunk of ``shard_size`` files), so the
same inputs give the same shards, and a retried task rewrites the same shard.

The manifest is the build's commit: a folder without it holds an unfinished build, which
``resolve`` and ``load`` refuse (a resolution graph over part of the filings would be wrong
without saying so).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from secgraph.errors import ShardError

__all__ = [
    "FORMAT",
    "MANIFEST",
    "RESOLUTION",
    "RESOLUTION_INFO",
    "Manifest",
    "ShardFile",
    "manifest_digest",
    "prepare",
    "read_manifest",
    "read_resolution_info",
    "read_shard",
    "shard_name",
    "write_atomically",
    "write_json",
]

#: Written in every JSON file of the folder: a reader refuses another layout.
FORMAT = "secgraph-shards/1"
MANIFEST = "manifest.json"
RESOLUTION = "resolution.nq"
RESOLUTION_INFO = "resolution.json"
_SHARD = re.compile(r"shard-\d{6,}\.(nq|json)")
_TEMPORARY = re.compile(r"\..+\.tmp-\d+")


def shard_name(index: int) -> str:
    """``shard-000042``: the ``index``-th chunk of the inputs (0-based)."""
    return f"shard-{index:06d}"


@dataclass(frozen=True, slots=True)
class ShardFile:
    """One input file of a shard: its report line, where its quads are in the shard's
    N-Quads (``start``, ``length`` in bytes) and its mention facts
    (:meth:`~secgraph.graph.mentions.FilingMentions.as_data`; None for a failed file, and in
    what a worker sends back to the client, which needs the report only)."""

    path: str
    ok: bool
    reason: str | None = None
    parser: str | None = None
    form: str | None = None
    warnings: int = 0
    quads: int = 0
    graph: str | None = None
    source: str | None = None
    by_accession: bool = False
    start: int = 0
    length: int = 0
    facts: dict[str, Any] | None = None

    def as_data(self) -> dict[str, Any]:
        """As JSON data: the fields as they are (``dataclasses.asdict`` would deep-copy the
        facts, 12% of a shard's time)."""
        return {name: getattr(self, name) for name in self.__slots__}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> ShardFile:
        return cls(**data)


@dataclass
class Manifest:
    """The shards of one sharded build, in input order, and what the build found."""

    shards: list[str] = field(default_factory=list)
    shard_size: int = 0
    files: int = 0
    failed: int = 0
    quads: int = 0
    # (shard, position in it) of a file whose filing a later file of the build gave again:
    # its quads and facts are left out, as `secgraph build` keeps the last (same filing).
    superseded: list[tuple[str, int]] = field(default_factory=list)

    def as_data(self) -> dict[str, Any]:
        return {"format": FORMAT, **asdict(self)}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Manifest:
        return cls(
            shards=list(data["shards"]),
            shard_size=data["shard_size"],
            files=data["files"],
            failed=data["failed"],
            quads=data["quads"],
            superseded=[(name, int(pos)) for name, pos in data["superseded"]],
        )


def _ours(name: str) -> bool:
    return (
        name in (MANIFEST, RESOLUTION, RESOLUTION_INFO)
        or _SHARD.fullmatch(name) is not None
        or _TEMPORARY.fullmatch(name) is not None
    )


def prepare(folder: Path) -> None:
    """Make ``folder`` ready for a new sharded build: created if missing; the shards, manifest
    and resolution of an earlier build removed (the manifest first, so that an interrupted
    clean-up never leaves a manifest naming missing shards). Refuses a folder holding
    anything else (``--shards ~`` must not empty ~)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        names = sorted(p.name for p in folder.iterdir())
    except OSError as exc:
        raise ShardError(f"cannot write the shard folder {folder}: {exc.strerror or exc}") from exc
    strangers = [name for name in names if not _ours(name)]
    if strangers:
        raise ShardError(
            f"{folder} holds files that are not shards ({strangers[0]}...); "
            "refusing to write shards there (choose an empty or new folder)"
        )
    try:
        for name in sorted(names, key=lambda n: n != MANIFEST):
            (folder / name).unlink()
    except OSError as exc:
        raise ShardError(f"cannot clear the shard folder {folder}: {exc.strerror or exc}") from exc


def write_atomically(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write ``path`` through ``write`` under a temporary name, flush it to disk, rename it
    into place: readers see the whole file or none."""
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open(temporary, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(exc, OSError):
            raise ShardError(f"cannot write {path}: {exc.strerror or exc}") from exc
        raise


def write_json(path: Path, data: dict[str, Any]) -> None:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    write_atomically(path, lambda fh: fh.write(body))


def _read_json(path: Path, what: str) -> dict[str, Any]:
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError as exc:
        raise ShardError(f"{path}: missing ({what})") from exc
    except (OSError, ValueError) as exc:
        raise ShardError(f"{path}: cannot read {what}: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ShardError(f"{path}: not a {FORMAT} file")
    return data


def read_manifest(folder: Path) -> Manifest:
    """The manifest of the finished sharded build in ``folder``; ShardError if there is none."""
    if not (folder / MANIFEST).is_file():
        raise ShardError(
            f"{folder} holds no finished sharded build (no {MANIFEST}): "
            "run `secgraph build FILES --shards DIR` to the end first"
        )
    return Manifest.from_data(_read_json(folder / MANIFEST, "the build's manifest"))


def manifest_digest(folder: Path) -> str:
    """The SHA-256 of the manifest: ties a resolution graph to the build it was made from."""
    try:
        return hashlib.sha256((folder / MANIFEST).read_bytes()).hexdigest()
    except OSError as exc:
        raise ShardError(f"cannot read {folder / MANIFEST}: {exc.strerror or exc}") from exc


def read_shard(folder: Path, name: str) -> list[ShardFile]:
    """The files of the shard ``name``, in input order."""
    data = _read_json(folder / f"{name}.json", "a shard's report")
    return [ShardFile.from_data(item) for item in data["files"]]


def read_resolution_info(folder: Path) -> dict[str, Any] | None:
    """What ``secgraph resolve`` noted, when it ran after the folder's build (else None)."""
    path = folder / RESOLUTION_INFO
    if not path.is_file() or not (folder / RESOLUTION).is_file():
        return None
    info = _read_json(path, "the resolution's note")
    return info if info.get("manifest") == manifest_digest(folder) else None


def kept_files(folder: Path, manifest: Manifest) -> Iterator[tuple[str, int, ShardFile]]:
    """Every loaded file of the build (failed and superseded files left out), with its shard
    and position, in input order."""
    superseded = set(manifest.superseded)
    for name in manifest.shards:
        for position, item in enumerate(read_shard(folder, name)):
            if item.ok and (name, position) not in superseded:
                yield name, position, item
