"""The service description (SPARQL 1.1 Service Description) and the VoID description of the
served dataset: how many filings, entities and quads, and when the store was written."""

from __future__ import annotations

import pyoxigraph as ox

from secgraph.graph import RESOLUTION_GRAPH
from secgraph.graph.vocab import RDF_TYPE, SG, SG_NS, XSD
from secgraph.server.live import Generation

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
DCT = "http://purl.org/dc/terms/"
FORMATS = "http://www.w3.org/ns/formats/"
PREFIXES = {"sd": SD, "void": VOID, "dcterms": DCT, "sg": SG_NS, "xsd": XSD}

_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
)


def _count(store: ox.Store, sparql: str) -> int:
    result = store.query(sparql, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    for solution in result:
        value = solution["n"]
        assert isinstance(value, ox.Literal)
        return int(value.value)
    return 0


def counts(generation: Generation) -> dict[str, int]:
    """Filings, entities (canonical nodes of the resolution graph) and quads; counted once per
    opened store (a full scan each: done on the first description asked for, then cached)."""
    raw = generation.store.raw
    filing = SG.Filing.value
    canonical = SG.canonical.value
    source = SG.sourceFile.value
    return {
        "quads": generation.cached("quads", lambda: len(raw)),
        "filings": generation.cached(
            "filings",
            # filings read from a file (a filing only referred to, e.g. the 8-K an amendment
            # amends, is a node of the graph but no document of the dataset)
            lambda: _count(
                raw,
                f"SELECT (COUNT(DISTINCT ?f) AS ?n) {{ ?f a <{filing}> ; <{source}> ?file }}",
            ),
        ),
        "entities": generation.cached(
            "entities",
            lambda: _count(
                raw,
                f"SELECT (COUNT(DISTINCT ?c) AS ?n) "
                f"{{ GRAPH <{RESOLUTION_GRAPH.value}> {{ ?x <{canonical}> ?c }} }}",
            ),
        ),
        "graphs": generation.cached(
            "graphs", lambda: sum(1 for _ in generation.store.raw.named_graphs())
        ),
    }


Node = ox.NamedNode | ox.BlankNode


def t(subject: Node, predicate: str, obj: Node | ox.Literal) -> ox.Triple:
    return ox.Triple(subject, ox.NamedNode(predicate), obj)


def _integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=ox.NamedNode(XSD + "integer"))


def void_triples(generation: Generation, endpoint: str, void_iri: str) -> list[ox.Triple]:
    """VoID of the dataset ``<void_iri#dataset>``."""
    n = counts(generation)
    dataset = ox.NamedNode(void_iri + "#dataset")
    filings = ox.BlankNode("filings")

    return [
        ox.Triple(dataset, RDF_TYPE, ox.NamedNode(VOID + "Dataset")),
        t(dataset, DCT + "title", ox.Literal("secgraph: SEC filings as an RDF knowledge graph")),
        t(dataset, VOID + "sparqlEndpoint", ox.NamedNode(endpoint)),
        t(dataset, VOID + "triples", _integer(n["quads"])),
        t(dataset, VOID + "entities", _integer(n["entities"])),
        t(dataset, VOID + "documents", _integer(n["filings"])),
        t(dataset, VOID + "vocabulary", ox.NamedNode(SG_NS)),
        t(
            dataset,
            DCT + "modified",
            ox.Literal(generation.written.isoformat(), datatype=ox.NamedNode(XSD + "dateTime")),
        ),
        t(dataset, VOID + "classPartition", filings),
        t(filings, VOID + "class", SG.Filing),
        t(filings, VOID + "entities", _integer(n["filings"])),
    ]


def service_triples(generation: Generation, endpoint: str, void_iri: str) -> list[ox.Triple]:
    """The service description of ``endpoint``, with the dataset's VoID."""
    service = ox.NamedNode(endpoint)
    dataset = ox.NamedNode(void_iri + "#dataset")
    default_graph = ox.BlankNode("default")

    out = [
        ox.Triple(service, RDF_TYPE, ox.NamedNode(SD + "Service")),
        t(service, SD + "endpoint", service),
        t(service, SD + "supportedLanguage", ox.NamedNode(SD + "SPARQL11Query")),
        t(service, SD + "feature", ox.NamedNode(SD + "UnionDefaultGraph")),
        t(service, SD + "defaultDataset", dataset),
        ox.Triple(dataset, RDF_TYPE, ox.NamedNode(SD + "Dataset")),
        t(dataset, SD + "defaultGraph", default_graph),
        ox.Triple(default_graph, RDF_TYPE, ox.NamedNode(SD + "Graph")),
        t(default_graph, VOID + "triples", _integer(counts(generation)["quads"])),
    ]
    out += [t(service, SD + "resultFormat", ox.NamedNode(FORMATS + name)) for name in _FORMATS]
    return out + void_triples(generation, endpoint, void_iri)
