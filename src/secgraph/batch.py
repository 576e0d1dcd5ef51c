"""Walking inputs and parsing many files: a bad file is reported, the batch goes on."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from secgraph.errors import InputError, SetupError
from secgraph.models import ParsedFiling
from secgraph.parsers import Source, detect
from secgraph.parsers.registry import parse_with

# Files a folder walk never offers to the parsers (sidecars, not filings).
_SKIP_NAMES = frozenset({"MANIFEST.tsv", "EXPECTED_ERRORS.tsv", "README.md", ".DS_Store"})


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files given directly, and every file under the folders given, in sorted order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name in _SKIP_NAMES or any(
                    part.startswith(".") for part in child.relative_to(path).parts
                ):
                    continue
                yield child
        elif path.exists():
            yield path
        else:
            raise SetupError(f"{path}: no such file or directory")


@dataclass(frozen=True)
class Outcome:
    """The result for one file: a parsed filing, or the error that stopped it, and the name
    of the registry entry that recognised it (None when detection failed)."""

    path: Path
    parsed: ParsedFiling | None = None
    error: InputError | None = None
    parser: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def parse_file(path: Path) -> Outcome:
    """Read, detect and parse one file. A bad file is an Outcome with an error; only a setup
    problem raises."""
    parser: str | None = None
    try:
        source = Source.from_path(path)
        entry = detect(source)
        parser = entry.name
        return Outcome(path, parsed=parse_with(entry, source), parser=parser)
    except SetupError:
        raise
    except InputError as exc:
        return Outcome(path, error=exc, parser=parser)
    except OSError as exc:
        reason = f"cannot read: {exc.strerror or exc}"
        return Outcome(path, error=InputError(reason, source=str(path)))
    except Exception as exc:
        # A detector bug on an unforeseen layout fails this file, not the batch.
        reason = f"detection failed: {type(exc).__name__}: {exc}"
        return Outcome(path, error=InputError(reason, source=str(path)))


def parse_many(paths: Iterable[str | Path]) -> Iterator[Outcome]:
    for path in iter_input_files(paths):
        yield parse_file(path)
