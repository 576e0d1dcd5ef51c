"""SHACL validation of a whole store in bounded memory: a few filings at a time.

:func:`secgraph.graph.shacl.validate` checks one rdflib graph; a store of millions of filings
does not fit in one. :func:`validate_store` checks the filing graphs in chunks, each with the
resolution graph's statements about the chunk's resources (``sg:canonical``,
``sg:preferredName``) and the types of the resources they point to (so ``sh:class`` sees
them), then the resolution graph itself in chunks of subjects against the shapes of entity
resolution. A chunk's report keeps only the results about its own resources: the resources it
only points to are checked in their own chunk, with all of their statements.

Each filing's resources are checked with that filing's statements (the report names the
filing); a count that only the union of several filings could exceed (two ``sg:cik`` of one
entity in two filings) is not seen this way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from typing import TYPE_CHECKING

import pyoxigraph as ox

from secgraph.graph.iris import ONTOLOGY_GRAPH, RESOLUTION_GRAPH
from secgraph.graph.shacl import ontology_graph, shapes_graph, union_graph
from secgraph.graph.vocab import RDF_TYPE, SG
from secgraph.store.base import Dataset, GraphStore

if TYPE_CHECKING:
    import rdflib

__all__ = ["StoreReport", "validate_store"]

#: Filing graphs, or resolution subjects, validated together (memory follows the chunk).
FILINGS_PER_CHUNK = 200
SUBJECTS_PER_CHUNK = 5_000
_SH = "http://www.w3.org/ns/shacl#"
_RESOLUTION_SHAPES = ("JudgementShape", "CanonicalShape")


@dataclass
class StoreReport:
    """The verdict over every chunk, and one text block per result."""

    conforms: bool = True
    results: list[str] = field(default_factory=list)
    chunks: int = 0

    def text(self) -> str:
        head = f"Validation Report\nConforms: {self.conforms}\n"
        if self.conforms:
            return head
        return head + f"Results ({len(self.results)}):\n" + "\n".join(self.results)


def validate_store(store: GraphStore) -> StoreReport:
    """Check every filing graph and the resolution graph against ``ontology/shapes.ttl``."""
    report = StoreReport()
    filings = (
        g for g in store.graphs() if isinstance(g, ox.NamedNode) and g not in _DERIVED_GRAPHS
    )
    for chunk in _chunks(filings, FILINGS_PER_CHUNK):
        _check(report, *_filing_chunk(store, chunk), shapes_graph(), where=chunk)
    subjects = _subjects(store.quads(RESOLUTION_GRAPH))
    for part in _chunks(subjects, SUBJECTS_PER_CHUNK):
        _check(report, *_resolution_chunk(store, part), _resolution_shapes(), where=[])
    return report


_DERIVED_GRAPHS = (RESOLUTION_GRAPH, ONTOLOGY_GRAPH)


def _chunks(items: Iterable[ox.NamedNode], size: int) -> Iterator[list[ox.NamedNode]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _subjects(quads: Iterable[ox.Quad]) -> Iterator[ox.NamedNode]:
    """Each subject once, for a graph whose quads come grouped by subject (the store's
    graph-subject-predicate-object index)."""
    last = None
    for quad in quads:
        if quad.subject != last and isinstance(quad.subject, ox.NamedNode):
            last = quad.subject
            yield quad.subject


def _raw(store: GraphStore) -> Dataset:
    return store.raw


def _types_of(raw: Dataset, objects: set[ox.NamedNode]) -> Iterator[ox.Quad]:
    for obj in sorted(objects, key=str):
        yield from raw.quads_for_pattern(obj, RDF_TYPE, None, None)


def _filing_chunk(store: GraphStore, graphs: list[ox.NamedNode]) -> tuple[list[ox.Quad], set[str]]:
    quads: list[ox.Quad] = []
    for graph in graphs:
        quads.extend(store.quads(graph))
    subjects = {q.subject for q in quads if isinstance(q.subject, ox.NamedNode | ox.BlankNode)}
    raw = _raw(store)
    resolution: list[ox.Quad] = []
    for subject in subjects:
        resolution.extend(raw.quads_for_pattern(subject, None, None, RESOLUTION_GRAPH))
    objects = {
        q.object
        for q in (*quads, *resolution)
        if isinstance(q.object, ox.NamedNode) and q.object not in subjects
    }
    extra = list(_types_of(raw, objects))
    focus = {str(s) for s in subjects}
    return [*quads, *resolution, *extra], focus


def _resolution_chunk(
    store: GraphStore, subjects: list[ox.NamedNode]
) -> tuple[list[ox.Quad], set[str]]:
    raw = _raw(store)
    quads: list[ox.Quad] = []
    for subject in subjects:
        quads.extend(raw.quads_for_pattern(subject, None, None, RESOLUTION_GRAPH))
    objects = {q.object for q in quads if isinstance(q.object, ox.NamedNode)}
    canonical = {
        q.object
        for q in quads
        if q.predicate == SG.canonical and isinstance(q.object, ox.NamedNode)
    }
    for node in canonical:  # a canonical node is checked for its own sg:canonical
        quads.extend(raw.quads_for_pattern(node, SG.canonical, None, RESOLUTION_GRAPH))
    focus = {str(s) for s in subjects} | {str(c) for c in canonical}
    return [*quads, *_types_of(raw, objects)], focus


def _check(
    report: StoreReport,
    quads: list[ox.Quad],
    focus: set[str],
    shapes: rdflib.Graph,
    *,
    where: list[ox.NamedNode],
) -> None:
    import pyshacl  # noqa: PLC0415 - heavy; only validate needs it
    import rdflib  # noqa: PLC0415

    report.chunks += 1
    data = union_graph(quads)
    data += ontology_graph()
    conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=False
    )
    if conforms:
        return
    assert isinstance(results, rdflib.Graph)
    sh = rdflib.Namespace(_SH)
    graphs_of: dict[str, set[str]] = {}
    named = set(where)
    for quad in quads:
        if quad.graph_name in named and isinstance(quad.graph_name, ox.NamedNode):
            graphs_of.setdefault(str(quad.subject), set()).add(quad.graph_name.value)
    for result in sorted(results.subjects(rdflib.RDF.type, sh.ValidationResult), key=str):
        node = results.value(result, sh.focusNode)
        # A blank node's label does not survive the trip to rdflib: such a result is kept.
        if node is None or (not isinstance(node, rdflib.BNode) and _n3(node) not in focus):
            continue
        report.conforms = False
        lines = [f"Constraint violation on {_n3(node)}"]
        for label, prop in (
            ("shape", sh.sourceShape),
            ("component", sh.sourceConstraintComponent),
            ("path", sh.resultPath),
            ("value", sh.value),
            ("message", sh.resultMessage),
        ):
            value = results.value(result, prop)
            if value is not None and not isinstance(value, rdflib.BNode):
                lines.append(f"\t{label}: {value}")
        lines += [f"\tin graph: {g}" for g in sorted(graphs_of.get(_n3(node), ()))]
        report.results.append("\n".join(lines))


def _n3(node: object) -> str:
    """A term as pyoxigraph prints it (``<iri>``, ``_:id``), to compare with the focus set."""
    text = str(node)
    return f"<{text}>" if not text.startswith(("_:", "<")) else text


@cache
def _resolution_shapes() -> rdflib.Graph:
    """The shapes of entity resolution alone (judgements, canonical nodes) with everything
    they reach: the resolution graph's chunks carry types, and must not wake the entity
    shapes up for entities whose statements are in the filing chunks."""
    import rdflib  # noqa: PLC0415

    shapes = shapes_graph()
    sgsh = rdflib.Namespace("https://w3id.org/secgraph/shapes#")
    kept = rdflib.Graph()
    todo: list[rdflib.term.Node] = [sgsh[name] for name in _RESOLUTION_SHAPES]
    seen: set[rdflib.term.Node] = set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for s, p, o in shapes.triples((node, None, None)):
            kept.add((s, p, o))
            if isinstance(o, rdflib.BNode):
                todo.append(o)
    return kept
