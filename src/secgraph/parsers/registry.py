"""The one table of parsers, keyed by form family and input format.

Detection, dispatch, ``secgraph forms``/``--help`` and the README's list of supported forms all
read :data:`PARSERS`; there is no second table. Each entry names a module that defines

    detect(source: Source) -> bool       # cheap, content-based (never the file name)
    parse(source: Source) -> ParsedFiling

The module is imported on first use, as rdflib does with its plugins. Entries are tried in
order: containers first (a full submission wraps XML or HTML documents), then native XML,
then HTML, then text renderings, whose markers are the loosest.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Protocol, cast

from secgraph.errors import InputError, SetupError, UnknownFormError
from secgraph.models.codes import InputFormat

if TYPE_CHECKING:  # the models (pydantic) load with the first parser, not with the table
    from secgraph.models import ParsedFiling
    from secgraph.parsers.source import Source  # (hashlib): with the first file, not --help


class ParserModule(Protocol):
    def detect(self, source: Source) -> bool: ...

    def parse(self, source: Source) -> ParsedFiling: ...


@dataclass(frozen=True)
class ParserEntry:
    name: str
    family: str
    input_format: InputFormat
    forms: tuple[str, ...]
    module: str
    description: str

    def load(self) -> ParserModule:
        module: ModuleType = importlib.import_module(self.module)
        return cast(ParserModule, module)

    def detect(self, source: Source) -> bool:
        return self.load().detect(source)

    def parse(self, source: Source) -> ParsedFiling:
        return self.load().parse(source)


OWNERSHIP_FORMS = ("3", "3/A", "4", "4/A", "5", "5/A")
FORM_D_FORMS = ("D", "D/A")
EIGHT_K_FORMS = ("8-K", "8-K/A")

PARSERS: tuple[ParserEntry, ...] = (
    ParserEntry(
        "submission-sgml",
        "submission",
        InputFormat.SGML,
        OWNERSHIP_FORMS + FORM_D_FORMS + EIGHT_K_FORMS,
        "secgraph.parsers.submission",
        "EDGAR full submissions (SEC-HEADER, .nc feed, PEM): header + main document + exhibits",
    ),
    ParserEntry(
        "ownership-xml",
        "ownership",
        InputFormat.XML,
        OWNERSHIP_FORMS,
        "secgraph.parsers.ownership_xml",
        "Forms 3, 4, 5 as EDGAR ownershipDocument XML (every schema version)",
    ),
    ParserEntry(
        "form-d-xml",
        "form_d",
        InputFormat.XML,
        FORM_D_FORMS,
        "secgraph.parsers.formd_xml",
        "Form D as EDGAR edgarSubmission XML (primary_doc.xml)",
    ),
    ParserEntry(
        "ownership-html",
        "ownership",
        InputFormat.HTML,
        OWNERSHIP_FORMS,
        "secgraph.parsers.ownership_html",
        "Forms 3, 4, 5 as rendered in HTML by the SEC (the XML filing's web view)",
    ),
    ParserEntry(
        "form-d-html",
        "form_d",
        InputFormat.HTML,
        FORM_D_FORMS,
        "secgraph.parsers.formd_html",
        "Form D as rendered in HTML by the SEC (the primary_doc.xml web view)",
    ),
    ParserEntry(
        "8k-html",
        "8k",
        InputFormat.HTML,
        EIGHT_K_FORMS,
        "secgraph.parsers.eightk_html",
        "8-K current reports in HTML or inline XBRL: cover-page identifiers, items, agreements",
    ),
    ParserEntry(
        "ownership-text",
        "ownership",
        InputFormat.TEXT,
        OWNERSHIP_FORMS,
        "secgraph.parsers.ownership_text",
        "Forms 3, 4, 5 converted to text from PDF, scans or web pages",
    ),
    ParserEntry(
        "form-d-text",
        "form_d",
        InputFormat.TEXT,
        FORM_D_FORMS,
        "secgraph.parsers.formd_text",
        "Form D converted to text (HTML form inputs, markdown, tab-split tables)",
    ),
    ParserEntry(
        "8k-text",
        "8k",
        InputFormat.TEXT,
        EIGHT_K_FORMS,
        "secgraph.parsers.eightk_text",
        "8-K current reports as plain text: items, agreements, officer changes",
    ),
)


def entries() -> Iterator[ParserEntry]:
    yield from PARSERS


def supported_forms() -> dict[str, list[str]]:
    """Form type -> names of the input formats it can be read from (for help and README)."""
    table: dict[str, list[str]] = {}
    for entry in PARSERS:
        for form in entry.forms:
            fmts = table.setdefault(form, [])
            if entry.input_format.value not in fmts:
                fmts.append(entry.input_format.value)
    return table


def detect(source: Source) -> ParserEntry:
    """The first entry whose module recognises ``source``; raises if none does."""
    source.check()
    for entry in PARSERS:
        if entry.detect(source):
            return entry
    raise UnknownFormError(
        "not a supported SEC filing (no parser recognised it; supported: "
        + ", ".join(sorted(supported_forms()))
        + ")",
        source=source.name,
    )


def parse_with(entry: ParserEntry, source: Source) -> ParsedFiling:
    """Parse ``source`` with ``entry``. Any parser exception other than a setup error becomes
    an :class:`InputError` naming the file: a parser bug or an unforeseen layout fails this
    file, never the batch."""
    try:
        return entry.parse(source)
    except (InputError, SetupError):
        raise
    except Exception as exc:
        raise InputError(
            f"{entry.name} parser failed: {type(exc).__name__}: {exc}", source=source.name
        ) from exc


def parse_source(source: Source) -> ParsedFiling:
    return parse_with(detect(source), source)


def parse_bytes(data: bytes, name: str = "<bytes>") -> ParsedFiling:
    from secgraph.parsers.source import Source  # noqa: PLC0415 - see the imports

    return parse_source(Source(name, data))


def parse_path(path: str | Path) -> ParsedFiling:
    from secgraph.parsers.source import Source  # noqa: PLC0415 - see the imports

    return parse_source(Source.from_path(path))
