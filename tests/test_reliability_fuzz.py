"""2,000 mutants of the corpus filings: each parses and maps to a filing or fails with one line
of error naming the file; never an exception escaping, never a hang (make reliability).

The mutator is seeded (the same mutants on every run): byte flips, deletions, insertions of
markup and entity tokens, duplicated and truncated chunks, and truncation, the damage that
broken conversions and hostile senders produce."""

from __future__ import annotations

import random
import signal
import time
from pathlib import Path
from types import FrameType

import pytest

from secgraph.build import process_file

CORPUS = Path(__file__).resolve().parent / "corpus"
MUTANTS = 2000
SECONDS_PER_FILE = 20  # a parse takes milliseconds; far past this is a hang
TOKENS = [
    b"<", b">", b"</", b"&amp;", b"&#0;", b"&#xD800;", b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
    b"\x00", b"\xff\xfe", b"\r", b"\n\n\n", b"\t", b"|", b"<ownershipDocument>",
    b"<TYPE>4", b"<DOCUMENT>", b"</TEXT>", b"9" * 40, b"-", b"$", b"(1)", b"\xe2\x80",
]  # fmt: skip


def _mutate(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not buf:
            break
        at = rng.randrange(len(buf))
        action = rng.randrange(6)
        if action == 0:
            buf[at] ^= 1 << rng.randrange(8)
        elif action == 1:
            del buf[at : at + rng.randint(1, 64)]
        elif action == 2:
            buf[at:at] = rng.choice(TOKENS)
        elif action == 3:
            end = min(len(buf), at + rng.randint(1, 2048))
            buf[at:at] = buf[at:end] * rng.randint(2, 20)
        elif action == 4:
            del buf[at:]
        else:
            buf[at] = rng.randrange(256)
    return bytes(buf)


class _HangError(Exception):
    pass


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise _HangError


@pytest.mark.reliability
def test_mutants_parse_or_fail_in_one_line(tmp_path: Path) -> None:
    """Trap: an unforeseen damage raising out of the pipeline (a traceback that stops a
    batch), an error spanning lines, or a parser looping on it."""
    rng = random.Random(14)
    sources = sorted(
        p
        for p in CORPUS.rglob("*")
        if p.is_file() and p.suffix in {".xml", ".txt", ".htm", ".html"}
    )
    assert len(sources) > 100
    previous = signal.signal(signal.SIGALRM, _alarm)
    problems: list[str] = []
    outcomes = {"ok": 0, "failed": 0}
    try:
        for number in range(MUTANTS):
            source = sources[number % len(sources)]
            mutant = tmp_path / f"m{number}{source.suffix}"
            mutant.write_bytes(_mutate(source.read_bytes(), rng))
            started = time.monotonic()
            signal.alarm(SECONDS_PER_FILE)
            try:
                result = process_file(mutant)
            except _HangError:
                problems.append(f"{source.name} mutant {number}: no answer in {SECONDS_PER_FILE} s")
                continue
            except Exception as exc:
                problems.append(f"{source.name} mutant {number}: {type(exc).__name__}: {exc}")
                continue
            finally:
                signal.alarm(0)
            mutant.unlink()
            if result.error is None:
                outcomes["ok"] += 1
            else:
                outcomes["failed"] += 1
                if "\n" in result.error or not result.error.startswith(str(mutant)):
                    problems.append(f"{source.name} mutant {number}: {result.error!r}")
            assert time.monotonic() - started < SECONDS_PER_FILE
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert problems == []
    assert outcomes["ok"] > 0 and outcomes["failed"] > 0  # the mutants do both
