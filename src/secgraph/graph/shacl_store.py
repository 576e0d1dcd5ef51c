"""SHACL validation of a whole store in bounded memory: a few filings at a time.

:func:`secgraph.graph.shacl.validate` checks one graph in memory; a store of millions of
filings does not fit in one. :func:`validate_store` checks the filing graphs in chunks, each
with the resolution graph's statements about the chunk's resources (``sg:canonical``,
``sg:preferredName``) and the types of the resources they point to (so ``sh:class`` sees
them), then the resolution graph and the positions graph in chunks of subjects, each against
its own shapes (the summary graph's order and counts have none). A chunk's report keeps only
the results about its own resources: the resources it only points to are checked in their
own chunk, with all of their statements. Memory follows the chunk (rudof holds about 5 KiB
per triple while it validates), so a chunk is closed by its statements, not only by its
filings: at most 50 filings or 1,500 subjects, and no more filings or subjects once it holds
:data:`QUADS_PER_CHUNK` statements, counted with the context they are checked with (at 50
filings a chunk, the largest chunk, and so the peak memory, grew with the store: 667 MiB at
10,000 filings, 830 MiB at 30,000). After each chunk the heap's free pages go back to the
system, or their fragments make the peak creep with the number of chunks.

Each filing's resources are checked with that filing's statements (the report names the
filing); a count that only the union of several filings could exceed (two ``sg:cik`` of one
entity in two filings) is not seen this way.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

from secgraph.graph.iris import ONTOLOGY_GRAPH, POSITIONS_GRAPH, RESOLUTION_GRAPH, SUMMARY_GRAPH
from secgraph.graph.shacl import check, shapes_subset
from secgraph.graph.vocab import RDF_TYPE, SG
from secgraph.store.base import Dataset, GraphStore

__all__ = ["StoreReport", "validate_store"]

#: Filing graphs, or resolution subjects, validated together (memory follows the chunk).
FILINGS_PER_CHUNK = 50
SUBJECTS_PER_CHUNK = 1_500
#: A chunk takes no more filings or subjects once it holds this many of their statements
#: (one filing or subject is never split).
QUADS_PER_CHUNK = 12_000
#: The shapes of entity resolution alone (judgements, canonical nodes): the resolution
#: graph's chunks carry types, and must not wake the entity shapes up for entities whose
#: statements are in the filing chunks.
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
    """Check every filing graph, the resolution graph and the positions graph against
    ``ontology/shapes.ttl``."""
    report = StoreReport()
    filings = (
        g for g in store.graphs() if isinstance(g, ox.NamedNode) and g not in _DERIVED_GRAPHS
    )
    raw = _raw(store)
    read = ((g, list(store.quads(g))) for g in filings)
    for chunk in _chunks(read, FILINGS_PER_CHUNK):
        _check(report, *_filing_chunk(store, chunk), None, where=[g for g, _ in chunk])
    for graph, shapes in (
        (RESOLUTION_GRAPH, shapes_subset(*_RESOLUTION_SHAPES)),
        (POSITIONS_GRAPH, shapes_subset(*_POSITIONS_SHAPES)),
    ):
        read = ((s, _in_context(raw, s, graph)) for s in _subjects(store.quads(graph)))
        for part in _chunks(read, SUBJECTS_PER_CHUNK):
            _check(report, *_subject_chunk(part, graph), shapes, where=[])
    return report


#: Graphs derived from the filings by a build: not filings, each checked its own way (the
#: summary graph's order and counts have no shapes).
_DERIVED_GRAPHS = (RESOLUTION_GRAPH, ONTOLOGY_GRAPH, POSITIONS_GRAPH, SUMMARY_GRAPH)
_POSITIONS_SHAPES = ("PositionShape", "NotAttestedAfterShape", "SupersededShape")


def _chunks(
    items: Iterable[tuple[ox.NamedNode, list[ox.Quad]]], most: int
) -> Iterator[list[tuple[ox.NamedNode, list[ox.Quad]]]]:
    """Filings (or subjects) with their statements, ``most`` at a time, fewer once a chunk
    holds :data:`QUADS_PER_CHUNK` statements."""
    chunk: list[tuple[ox.NamedNode, list[ox.Quad]]] = []
    size = 0
    for item in items:
        chunk.append(item)
        size += len(item[1])
        if len(chunk) >= most or size >= QUADS_PER_CHUNK:
            yield chunk
            chunk, size = [], 0
    if chunk:
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
    """Each type of each object once: a company is typed in every filing about it, and one
    quad per filing would make the chunks that point to it grow with the store."""
    for obj in sorted(objects, key=str):
        seen: set[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = set()
        for quad in raw.quads_for_pattern(obj, RDF_TYPE, None, None):
            if quad.object not in seen:
                seen.add(quad.object)
                yield quad


def _filing_chunk(
    store: GraphStore, chunk: list[tuple[ox.NamedNode, list[ox.Quad]]]
) -> tuple[list[ox.Quad], set[str]]:
    quads = [q for _, graph in chunk for q in graph]
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


def _in_context(raw: Dataset, subject: ox.NamedNode, graph: ox.NamedNode) -> list[ox.Quad]:
    """A subject's statements in a derived graph, with the types of what they point to and,
    in the resolution graph, each canonical node's own ``sg:canonical`` (a canonical node is
    checked for it): what the subject is checked with, counted whole by :func:`_chunks` (a
    chunk of 1,500 subjects counted by their own statements held twice as many with these,
    and was the largest chunk of a validation)."""
    own = list(raw.quads_for_pattern(subject, None, None, graph))
    objects = {q.object for q in own if isinstance(q.object, ox.NamedNode)}
    context = list(_types_of(raw, objects))
    if graph == RESOLUTION_GRAPH:
        canonical = {
            q.object
            for q in own
            if q.predicate == SG.canonical and isinstance(q.object, ox.NamedNode)
        }
        for node in sorted(canonical, key=str):
            context.extend(raw.quads_for_pattern(node, SG.canonical, None, RESOLUTION_GRAPH))
    return own + context


def _subject_chunk(
    chunk: list[tuple[ox.NamedNode, list[ox.Quad]]], graph: ox.NamedNode
) -> tuple[list[ox.Quad], set[str]]:
    """The statements of a chunk of subjects of a derived graph, in context (each once), and
    its focus: the subjects, and in the resolution graph the canonical nodes they name."""
    quads = list(dict.fromkeys(q for _, statements in chunk for q in statements))
    focus = {str(s) for s, _ in chunk}
    if graph == RESOLUTION_GRAPH:
        focus |= {str(q.object) for q in quads if q.predicate == SG.canonical}
    return quads, focus


def _give_back() -> None:
    """Return the heap's free memory to the system after a chunk (glibc only): a chunk
    allocates and frees a few hundred MiB, and glibc keeps freed pages fragmented, so the peak
    crept up with every chunk and so with the store (on 30,000 filings, 300 chunks in: 450 MiB
    and rising, trimmed 425 MiB and flat, as Dask's workers do for the same reason)."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _glibc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL(None)
        libc.malloc_trim.argtypes = [ctypes.c_size_t]
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to trim
        return None
    return libc


_LIBC = _glibc()


def _check(
    report: StoreReport,
    quads: list[ox.Quad],
    focus: set[str],
    shapes: str | None,
    *,
    where: list[ox.NamedNode],
) -> None:
    report.chunks += 1
    violations = check(quads, shapes)
    _give_back()
    if not violations:
        return
    graphs_of: dict[str, set[str]] = {}
    named = set(where)
    for quad in quads:
        if quad.graph_name in named and isinstance(quad.graph_name, ox.NamedNode):
            graphs_of.setdefault(str(quad.subject), set()).add(quad.graph_name.value)
    for violation in violations:
        node = violation.focus
        # A blank node's label does not survive the trip to the engine: such a result is kept.
        if not node.startswith("_:") and node not in focus:
            continue
        report.conforms = False
        lines = [f"Constraint violation on {node}"]
        for label, value in (
            ("shape", violation.shape),
            ("component", violation.component),
            ("path", violation.path),
            ("value", violation.value),
            ("message", violation.message),
        ):
            if value is not None and not value.startswith("_:"):
                lines.append(f"\t{label}: {value}")
        lines += [f"\tin graph: {g}" for g in sorted(graphs_of.get(node, ()))]
        report.results.append("\n".join(lines))
