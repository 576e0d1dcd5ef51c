"""What the JSON API answers, each a call into the library on one store generation.

Named queries run through :func:`secgraph.graph.run_named`, dossiers through
:mod:`secgraph.lookup`, paths and neighbourhoods through the bounded walks of
:mod:`secgraph.views.neighbourhood`, and the filing page reads one filing's named graph: the
cost of each follows its answer, not the store.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from secgraph import lookup as lookups
from secgraph.errors import QueryError, ViewError
from secgraph.graph import named_query, query_names, run_named
from secgraph.graph.vocab import RDF_TYPE, SG_NS
from secgraph.server.live import Generation
from secgraph.views.html import page_data
from secgraph.views.limits import AROUND_BUDGET
from secgraph.views.neighbourhood import Walker, project_part
from secgraph.views.paths import search_paths
from secgraph.views.store_reader import StoreReader

#: The filing's own provenance properties (the filing page's header).
PROVENANCE = (
    "formType",
    "accessionNumber",
    "periodDate",
    "signatureDate",
    "filingDate",
    "sourceFile",
    "sha256",
    "parserName",
    "parserVersion",
    "inputFormat",
    "parseWarning",
)
#: Lines of source text shown on each side of a fact's line.
CONTEXT_LINES = 2
#: Source files larger than this are not read for context.
MAX_SOURCE_BYTES = 8 << 20


def cell(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> dict[str, str] | None:
    """A term as in the W3C SPARQL results JSON format."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def catalogue() -> list[dict[str, Any]]:
    """The named queries: name, summary, parameters and columns (each documented)."""
    out = []
    for name in query_names():
        q = named_query(name)
        out.append(
            {
                "name": name,
                "summary": q.summary,
                "params": q.documented(),
                "columns": q.columns,
                "sparql": q.text,
            }
        )
    return out


def named(g: Generation, name: str, params: dict[str, str], max_rows: int) -> dict[str, Any]:
    columns, rows = run_named(g.store, name, params)
    return {
        "columns": columns,
        "rows": [[cell(t) for t in row] for row in rows[:max_rows]],
        "truncated": len(rows) > max_rows,
    }


def search(g: Generation, text: str, limit: int) -> list[dict[str, Any]]:
    """Entities a name (or part of one) denotes, best first."""
    if not text.strip():
        return []
    candidates = lookups.find(g.store, text)
    chosen = lookups.choose(candidates)
    if chosen is not None:
        candidates = [chosen, *(c for c in candidates if c is not chosen)]
    return [
        {"iri": c.entity, "name": c.name, "kind": c.kind, "names": c.names, "ciks": c.ciks}
        for c in candidates[:limit]
    ]


def dossier(g: Generation, iri: str) -> dict[str, Any]:
    """The dossier of the entity ``iri`` (a canonical node), as ``secgraph lookup --format
    json`` prints it. QueryError when no entity has that IRI."""
    names = _names_of(g, iri)
    for name in names:
        for candidate in lookups.find(g.store, name):
            if candidate.entity == iri:
                return lookups.dossier(g.store, candidate).to_json()
    raise QueryError(f"no entity {iri}")


def _names_of(g: Generation, iri: str) -> list[str]:
    """The names printed for the entity ``iri``'s nodes (through the resolution graph)."""
    # The IRI is written into the query as pyoxigraph prints a NamedNode (it refuses any IRI
    # that could close the term); a substitution would not reach inside the UNION.
    entity = str(ox.NamedNode(iri))
    rows = g.store.select(
        f"SELECT DISTINCT ?name WHERE {{ {{ ?m sg:canonical {entity} }} UNION "
        f"{{ BIND({entity} AS ?m) }} ?m sg:name ?name }} ORDER BY ?name LIMIT 20"
    )
    return [str(r["name"].value) for r in rows]


def neighbourhood(g: Generation, iri: str, depth: int, budget: int) -> dict[str, Any]:
    """The nodes within ``depth`` hops of ``iri`` as Cytoscape.js elements, with the filings
    they come from and the style of each kind; read breadth-first from the node through the
    store's indexes (:mod:`secgraph.views.neighbourhood`), at most ``budget`` nodes (``cut``
    says when the budget stopped the walk)."""
    reader = StoreReader(g.store.raw)
    if not any(reader.store.quads_for_pattern(ox.NamedNode(iri), None, None)):
        raise ViewError(f"no node {iri} in the graph")
    walker = Walker(reader, collapse=False, documents=True)
    walk = walker.walk([iri], depth, min(budget, AROUND_BUDGET))
    data = page_data(project_part(walker, walk.kept, collapse=False))
    return {**data, "cut": walk.cut}


def paths(g: Generation, source: str, target: str, limit: int) -> dict[str, Any]:
    """The shortest chains between two entities (as ``secgraph path``), searched from both
    ends through the store; ``cut`` says when a bound stopped the search."""
    found = search_paths(g.store.raw, source, target, limit=limit)
    return {
        "cut": found.cut,
        "chains": [
            {
                "text": chain.text(),
                "nodes": list(chain.nodes),
                "labels": list(chain.labels),
                "hops": [
                    {"phrase": h.phrase, "details": list(h.details), "backward": h.backward}
                    for h in chain.hops
                ],
            }
            for chain in found.chains
        ],
    }


def _local(iri: str) -> str:
    return iri.removeprefix(SG_NS) if iri.startswith(SG_NS) else iri


def filing(g: Generation, iri: str) -> dict[str, Any]:
    """A filing's provenance and its facts (each node of its graph with its properties and
    the line or element path it was read from, and the source text around that line when the
    source file is at hand)."""
    graph = ox.NamedNode(iri)
    if not g.store.has_graph(graph):
        raise QueryError(f"no filing graph {iri}")
    nodes: dict[str, list[tuple[str, dict[str, str] | None]]] = defaultdict(list)
    for quad in g.store.quads(graph):
        subject = quad.subject
        if isinstance(subject, ox.NamedNode | ox.BlankNode) and not isinstance(
            quad.object, ox.Triple
        ):
            nodes[subject.value].append((quad.predicate.value, cell(quad.object)))
    provenance: dict[str, list[str]] = defaultdict(list)
    for prop, value in nodes.get(iri, []):
        if _local(prop) in PROVENANCE and value is not None:
            provenance[_local(prop)].append(value["value"])
    source = _source_lines(provenance.get("sourceFile", []))
    facts = []
    for node, props in nodes.items():
        fact: dict[str, Any] = {"node": node, "types": [], "line": None, "path": None}
        fact["properties"] = []
        for prop, value in sorted(props, key=lambda pv: (pv[0], str(pv[1]))):
            assert value is not None
            if prop == RDF_TYPE.value:
                fact["types"].append(_local(value["value"]))
            elif _local(prop) == "sourceLine":
                fact["line"] = int(value["value"])
            elif _local(prop) == "sourcePath":
                fact["path"] = value["value"]
            else:
                fact["properties"].append({"property": _local(prop), "value": value})
        if source is not None and fact["line"]:
            lo = max(fact["line"] - 1 - CONTEXT_LINES, 0)
            fact["context"] = {"first": lo + 1, "lines": source[lo : fact["line"] + CONTEXT_LINES]}
        facts.append(fact)
    facts.sort(key=lambda f: (f["node"] != iri, f["line"] is None, f["line"] or 0, f["node"]))
    return {
        "filing": iri,
        "provenance": dict(provenance),
        "source_available": source is not None,
        "facts": facts,
    }


def _source_lines(files: list[str]) -> list[str] | None:
    """The filing's source text, when its file (as given to the build) is readable here."""
    for name in files:
        path = Path(name)
        try:
            if path.is_file() and path.stat().st_size <= MAX_SOURCE_BYTES:
                return path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
    return None
