"""Walking inputs and parsing many files: a bad file is reported, the batch goes on."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from secgraph.errors import InputError, SetupError
from secgraph.models import ParsedFiling
from secgraph.parsers import Source, parse_source

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
    """The result for one file: a parsed filing, or the error that stopped it."""

    path: Path
    parsed: ParsedFiling | None = None
    error: InputError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def parse_file(path: Path) -> Outcome:
    try:
        return Outcome(path, parsed=parse_source(Source.from_path(path)))
    except InputError as exc:
        return Outcome(path, error=exc)
    except OSError as exc:
        return Outcome(path, error=InputError(f"cannot read: {exc.strerror}", source=str(path)))


def parse_many(paths: Iterable[str | Path]) -> Iterator[Outcome]:
    for path in iter_input_files(paths):
        yield parse_file(path)
