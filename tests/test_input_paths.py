"""Inputs that are not plain readable files: each is reported by path and the batch goes on.

FIFOs, sockets and devices are never opened for reading (a FIFO blocked `parse` and `build`
forever); symbolic link loops, broken links, unreadable files and folders are one failed line
each (a loop or an unreadable file named on the command line ended the run with exit 2);
names with a newline or bytes that are not UTF-8 are escaped, so a report keeps one line per
file and JSON stays valid."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from secgraph.errors import InputError
from secgraph.parsers.source import display_name

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "filings"
GOOD = SEEDS / "000_e1ed6ab97b7d8f9e.txt"  # a Form 4 (text)
SECGRAPH = str(Path(sys.executable).with_name("secgraph"))


def _run(*args: str | Path, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*prefix, SECGRAPH, *map(str, args)],
        capture_output=True,
        timeout=120,  # a blocked read fails the test instead of hanging it
        check=False,
    )


def _without_root_powers() -> tuple[str, ...]:
    """Root reads any file: drop the capabilities that let it (setpriv, util-linux)."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be enforced")
    return (setpriv, "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(GOOD, inputs / "good.txt")
    return inputs


def _errors(stderr: bytes) -> list[str]:
    return stderr.decode("utf-8").splitlines()


def test_fifo_and_socket_are_skipped_not_read(folder: Path, tmp_path: Path) -> None:
    """Trap: opening a FIFO for reading blocks until a writer comes (never)."""
    os.mkfifo(folder / "pipe.txt")
    listener = socket.socket(socket.AF_UNIX)
    short = Path("/tmp") / f"sg-sock-{os.getpid()}"  # AF_UNIX paths are short
    listener.bind(str(short))
    try:
        os.symlink(short, folder / "sock.txt")
        os.mkfifo(tmp_path / "named.txt")
        proc = _run("parse", folder, tmp_path / "named.txt")
        assert proc.returncode == 1
        errors = _errors(proc.stderr)
        assert errors == [
            f"error: {folder}/pipe.txt: a FIFO (named pipe), not a regular file: skipped",
            f"error: {folder}/sock.txt: a socket, not a regular file: skipped",
            f"error: {tmp_path}/named.txt: a FIFO (named pipe), not a regular file: skipped",
        ]
        assert json.loads(proc.stdout)["source"] == f"{folder}/good.txt"
    finally:
        listener.close()
        short.unlink()


def test_a_fifo_does_not_block_the_build(folder: Path, tmp_path: Path) -> None:
    """Trap: the build blocked on a FIFO and left its staging folder behind."""
    os.mkfifo(folder / "pipe.txt")
    store = tmp_path / "store"
    proc = _run("build", folder, "--store", store)
    assert proc.returncode == 1
    lines = proc.stdout.decode().splitlines()
    assert (
        lines[0] == f"failed  {folder}/pipe.txt: a FIFO (named pipe), not a regular file: skipped"
    )
    assert lines[1].startswith(f"ok      {folder}/good.txt  form 4")
    assert lines[2].startswith(f"{store}: 1 filing(s) loaded, 1 failed;")
    assert [p.name for p in store.glob("gen-*")] == ["gen-000001"]  # no half-written one


def test_link_loops_on_the_command_line_fail_alone(folder: Path, tmp_path: Path) -> None:
    """Trap: a symbolic link loop named on the command line ended the run with exit 2 and
    usage text, so the good file beside it was not loaded."""
    loop_a, loop_b = tmp_path / "a.txt", tmp_path / "b.txt"
    loop_a.symlink_to(loop_b)
    loop_b.symlink_to(loop_a)
    (folder / "self").symlink_to(folder)  # a folder inside itself
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    store = tmp_path / "store"
    proc = _run("build", loop_a, tmp_path / "dangling.txt", folder, "--store", store)
    assert proc.returncode == 1
    assert proc.stderr == b""
    lines = proc.stdout.decode().splitlines()
    assert lines[:3] == [
        f"failed  {loop_a}: symbolic link loop: skipped",
        f"failed  {tmp_path}/dangling.txt: broken symbolic link: skipped",
        f"failed  {folder}/self: symbolic link loop (a folder inside itself): skipped",
    ]
    assert lines[3].startswith(f"ok      {folder}/good.txt  form 4")


def test_a_missing_path_is_still_a_bad_setup(tmp_path: Path) -> None:
    """Trap: a typo in a path loading nothing and exiting 1 like a bad filing."""
    proc = _run("parse", tmp_path / "nope")
    assert proc.returncode == 2
    assert proc.stderr.decode() == f"error: {tmp_path}/nope: no such file or directory\n"


def test_unreadable_file_and_folder_are_reported(folder: Path, tmp_path: Path) -> None:
    """Trap: an unreadable file ended the run (exit 2); an unreadable folder was skipped with
    exit 0 and no word."""
    locked_file = folder / "locked.txt"
    shutil.copy(GOOD, locked_file)
    locked_file.chmod(0)
    locked_folder = folder / "private"
    locked_folder.mkdir()
    shutil.copy(GOOD, locked_folder / "inside.txt")
    locked_folder.chmod(0)
    try:
        proc = _run("parse", folder, locked_file, prefix=_without_root_powers())
    finally:
        locked_folder.chmod(0o755)
    assert proc.returncode == 1
    assert _errors(proc.stderr) == [
        f"error: {locked_file}: cannot read: Permission denied",
        f"error: {locked_folder}: cannot read the folder: Permission denied",
        f"error: {locked_file}: cannot read: Permission denied",
    ]
    assert json.loads(proc.stdout)["source"] == f"{folder}/good.txt"


def test_names_are_escaped_in_reports_and_json(folder: Path, tmp_path: Path) -> None:
    """Trap: a newline in a file name broke the one-line-per-file report, and a name that is
    not UTF-8 was written raw into JSON (invalid output)."""
    os.rename(folder / "good.txt", folder / "new\nline.txt")
    raw = os.fsencode(folder) + b"/caf\xe9.txt"  # Latin-1, not UTF-8
    shutil.copy(GOOD, raw)
    proc = _run("parse", folder)
    assert proc.returncode == 0
    text = proc.stdout.decode("utf-8")  # strict: the output is valid UTF-8
    sources = [json.loads(chunk)["source"] for chunk in text.replace("}\n{", "}\x00{").split("\0")]
    assert sources == [f"{folder}/caf\\xe9.txt", f"{folder}/new\\nline.txt"]
    store = tmp_path / "store"
    built = _run("build", folder, "--store", store)
    lines = built.stdout.decode("utf-8").splitlines()
    assert len(lines) == 3  # two files and the summary, one line each
    assert lines[0].startswith(f"ok      {folder}/caf\\xe9.txt  form 4")
    assert lines[1].startswith(f"ok      {folder}/new\\nline.txt  form 4")


def test_display_name() -> None:
    """Trap: escaping that changes a plain name, or lets a control character through."""
    assert display_name("/a/b c/é.txt") == "/a/b c/é.txt"
    assert display_name("a\tb\x1b[31m") == "a\\tb\\x1b[31m"
    assert display_name(os.fsdecode(b"x\xff")) == "x\\xff"


def test_every_error_is_one_line() -> None:
    """Trap: a parser's message with a line break (an ill-formed XML error could span two
    lines) split one failed file over two report lines."""
    error = InputError("mismatched tag\n  line 3: </issuer>", source="f.xml", line=3)
    assert str(error) == "f.xml:3: mismatched tag   line 3: </issuer>"
