"""The one table of export formats (light: the CLI reads it for ``--help``)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ExportFormat(StrEnum):
    TURTLE = "turtle"
    TRIG = "trig"
    NQUADS = "nquads"
    NTRIPLES = "ntriples"
    JSONLD = "jsonld"
    GRAPHML = "graphml"
    GEXF = "gexf"
    CYJS = "cyjs"
    DOT = "dot"
    CSV = "csv"
    HTML = "html"


@dataclass(frozen=True)
class FormatInfo:
    extension: str
    description: str


FORMATS: dict[ExportFormat, FormatInfo] = {
    ExportFormat.TURTLE: FormatInfo("ttl", "RDF Turtle, all graphs merged"),
    ExportFormat.TRIG: FormatInfo("trig", "RDF TriG, one named graph per filing"),
    ExportFormat.NQUADS: FormatInfo("nq", "RDF N-Quads, one named graph per filing"),
    ExportFormat.NTRIPLES: FormatInfo("nt", "RDF N-Triples, all graphs merged"),
    ExportFormat.JSONLD: FormatInfo("jsonld", "JSON-LD with the secgraph context"),
    ExportFormat.GRAPHML: FormatInfo("graphml", "GraphML for yEd, Gephi, Cytoscape"),
    ExportFormat.GEXF: FormatInfo("gexf", "GEXF for Gephi, with start/end dates"),
    ExportFormat.CYJS: FormatInfo("cyjs", "Cytoscape.js JSON (Cytoscape desktop .cyjs)"),
    ExportFormat.DOT: FormatInfo("dot", "Graphviz DOT"),
    ExportFormat.CSV: FormatInfo("csv", "node and edge lists (-o DIR or -o NAME.csv)"),
    ExportFormat.HTML: FormatInfo("html", "one offline interactive HTML page"),
}
