"""Records -> RDF: one parsed filing becomes the quads of its own named graph.

``map_filing(parsed)`` states the filing node (provenance: source file, SHA-256, parser,
format, dates, warnings) and hands the document to the mapper of its form family
(:mod:`map_ownership`, :mod:`map_formd`, :mod:`map_8k`). Terms come only from
:data:`secgraph.graph.vocab.SG` and IRIs only from :mod:`secgraph.graph.iris`.

Statements are written as N-Quads text (no rdflib, no per-quad pyoxigraph objects): the bulk
build maps thousands of filings per second per core in worker processes and ships N-Quads.
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox

from secgraph import __version__
from secgraph.graph import iris
from secgraph.graph.builder import Builder
from secgraph.graph.map_8k import map_8k
from secgraph.graph.map_formd import map_formd
from secgraph.graph.map_ownership import map_ownership
from secgraph.graph.mentions import FilingMentions
from secgraph.graph.vocab import RDF_TYPE, SG
from secgraph.models import Document, FilingInfo, ParsedFiling, ParseWarning

__all__ = ["MappedFiling", "map_filing"]


class MappedFiling:
    """The statements of one filing, all in ``graph`` (the filing's named graph = its IRI).

    ``nquads()`` is the fast path (what the bulk build writes); ``quads`` parses them into
    :class:`pyoxigraph.Quad` objects on first use (tests, small builds, validation).
    """

    __slots__ = ("_quads", "entity_facts", "filing", "graph", "lines")

    def __init__(
        self,
        graph: ox.NamedNode,
        filing: ox.NamedNode,
        lines: list[str],
        entity_facts: FilingMentions | None = None,
    ) -> None:
        self.graph = graph
        self.filing = filing
        self.lines = lines  # N-Quads statements, each ending with a newline
        # what entity resolution reads of these statements (graph.mentions)
        self.entity_facts = entity_facts if entity_facts is not None else FilingMentions()
        self._quads: list[ox.Quad] | None = None

    @property
    def count(self) -> int:
        """Number of statements (duplicates included)."""
        return len(self.lines)

    def nquads(self) -> bytes:
        """The filing's graph as N-Quads (UTF-8), in mapping order."""
        return "".join(self.lines).encode("utf-8")

    @property
    def quads(self) -> list[ox.Quad]:
        if self._quads is None:
            self._quads = list(ox.parse(self.nquads(), format=ox.RdfFormat.N_QUADS))
        return self._quads


_FAMILIES: dict[str, Callable[[Builder, Document], None]] = {
    "ownership": map_ownership,  # type: ignore[dict-item]
    "form_d": map_formd,  # type: ignore[dict-item]
    "8k": map_8k,  # type: ignore[dict-item]
}


def map_filing(parsed: ParsedFiling, *, parser_name: str | None = None) -> MappedFiling:
    """Map one parsed filing. ``parser_name`` is the registry entry that parsed it (stated as
    ``sg:parserName``; omitted when None)."""
    document = parsed.document
    filing = iris.filing_iri(document.filing)
    builder = Builder(filing)
    _filing_node(builder, document.filing, parsed.warnings, parser_name)
    _FAMILIES[document.kind](builder, document)
    return MappedFiling(filing, filing, builder.lines, builder.entity_facts)


def _filing_node(
    b: Builder, info: FilingInfo, warnings: list[ParseWarning], parser_name: str | None
) -> None:
    f = b.filing
    b.add(f, RDF_TYPE, SG.Filing)
    b.text(f, SG.formType, info.form_type)
    b.boolean(f, SG.isAmendment, info.amendment)
    b.text(f, SG.accessionNumber, info.accession)
    b.date(f, SG.periodDate, info.period_date)
    b.date(f, SG.filedDate, info.filed_date)
    b.date(f, SG.signatureDate, info.signature_date)
    b.date(f, SG.dateOfOriginal, info.date_of_original)
    b.text(f, SG.schemaVersion, info.schema_version)
    b.text(f, SG.sourceFile, info.source)
    b.text(f, SG.sha256, info.sha256)
    b.text(f, SG.inputFormat, info.input_format.value)
    b.text(f, SG.parserName, parser_name)
    b.text(f, SG.parserVersion, __version__)
    if info.amends_accession:
        b.amends(info.amends_accession)
    for warning in warnings:
        b.text(f, SG.parseWarning, f"{warning.code}: {warning.message}")
