"""RDF exports: Turtle, TriG, N-Quads, N-Triples and JSON-LD, in a stable order, no timestamps.

TriG and N-Quads keep every named graph (one per filing, the resolution graph, the ontology
graph); Turtle, N-Triples and JSON-LD hold the union of all graphs. The whole of an on-disk
store streams in the store's own index order (:func:`stream_rdf`: flat memory); a part of it
(``--around``, ``--filing``), JSON-LD and a store in memory are sorted (graph, subject,
predicate, object) before they are written. Either way the same store always gives the same
bytes and ``exports/`` diffs show real changes. pyoxigraph writes the four
line-based formats; rdflib writes JSON-LD, compacted with the project's context
(``ontology/context.jsonld``) and then sorted.
"""

from __future__ import annotations

import io
import json
from collections import defaultdict
from collections.abc import Iterable
from enum import StrEnum
from functools import cache
from typing import IO, Any, cast

import pyoxigraph as ox

from secgraph.graph.vocab import ID_NS, RDF_TYPE, ontology_dir
from secgraph.views.property_graph import project, quads_of
from secgraph.views.scope import Scope, apply_scope, kept_resources


class RdfExport(StrEnum):
    TURTLE = "turtle"
    TRIG = "trig"
    NQUADS = "nquads"
    NTRIPLES = "ntriples"
    JSONLD = "jsonld"

    @property
    def extension(self) -> str:
        return _EXTENSIONS[self]

    @property
    def is_dataset(self) -> bool:
        return self in (RdfExport.TRIG, RdfExport.NQUADS)


_EXTENSIONS = {
    RdfExport.TURTLE: "ttl",
    RdfExport.TRIG: "trig",
    RdfExport.NQUADS: "nq",
    RdfExport.NTRIPLES: "nt",
    RdfExport.JSONLD: "jsonld",
}
_OX_FORMATS = {
    RdfExport.TURTLE: ox.RdfFormat.TURTLE,
    RdfExport.TRIG: ox.RdfFormat.TRIG,
    RdfExport.NQUADS: ox.RdfFormat.N_QUADS,
    RdfExport.NTRIPLES: ox.RdfFormat.N_TRIPLES,
}


@cache
def prefixes() -> dict[str, str]:
    """The prefixes the ontology files declare (sg:, xsd:, prov:...), for Turtle and TriG."""
    found: dict[str, str] = {}
    for path in sorted(ontology_dir().glob("*.ttl")):
        parser = ox.parse(path=path, format=ox.RdfFormat.TURTLE)
        for _ in parser:
            pass
        found.update(parser.prefixes)
    return dict(sorted(found.items()))


def sort_key(quad: ox.Quad) -> tuple[str, str, str, str]:
    return (str(quad.graph_name), str(quad.subject), str(quad.predicate), str(quad.object))


def scoped_quads(source: Any, scope: Scope | None = None) -> list[ox.Quad]:
    """The store's quads, sorted; with a scope, the statements about the nodes it keeps and
    about the instance resources they describe (addresses, footnotes, securities)."""
    quads = sorted(quads_of(source), key=sort_key)
    if scope is None or scope.is_whole:
        return quads
    full = project(quads)
    nodes = kept_resources(full)
    keep = kept_resources(apply_scope(full, scope))
    by_subject: dict[str, list[ox.Quad]] = defaultdict(list)
    for quad in quads:
        by_subject[str(quad.subject)].append(quad)
    selected: list[ox.Quad] = []
    todo = [f"<{iri}>" for iri in sorted(keep)]
    seen = set(todo)
    while todo:
        for quad in by_subject.get(todo.pop(), ()):
            selected.append(quad)
            obj = quad.object
            if quad.predicate == RDF_TYPE or isinstance(obj, ox.Literal):
                continue
            # Follow values that are instance data but not nodes of their own.
            inner = isinstance(obj, ox.BlankNode) or (
                isinstance(obj, ox.NamedNode)
                and obj.value.startswith(ID_NS)
                and obj.value not in nodes
            )
            if inner and str(obj) not in seen:
                seen.add(str(obj))
                todo.append(str(obj))
    return sorted(selected, key=sort_key)


def _triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The union of all graphs, without duplicates, sorted."""
    triples = {q.triple for q in quads}
    return sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def write_rdf(source: Any, fmt: RdfExport, output: IO[bytes], *, scope: Scope | None = None) -> int:
    """Write the store (or its scoped part) as ``fmt``; returns the number of statements.

    The whole of an on-disk store is streamed in the store's own order (RocksDB keeps its
    indexes sorted by the terms' encoded keys, which depend on the terms only): memory stays
    flat and the same store gives the same bytes. Anything else is sorted here."""
    disk = _on_disk(source)
    if disk is not None and (scope is None or scope.is_whole) and fmt is not RdfExport.JSONLD:
        return stream_rdf(disk, fmt, output)
    return write_quads(scoped_quads(source, scope), fmt, output)


def _on_disk(source: Any) -> ox.Store | None:
    """The pyoxigraph store behind a secgraph store opened from a directory."""
    raw = getattr(source, "raw", None)
    if isinstance(raw, ox.Store) and getattr(source, "path", None) is not None:
        return raw
    return None


_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def stream_rdf(store: ox.Store, fmt: RdfExport, output: IO[bytes]) -> int:
    """Serialize a whole on-disk store without holding its statements: the dataset formats
    by the store's own dump, the single-graph ones from the union of the graphs (a CONSTRUCT
    over it gives each triple once)."""
    header = _SortedHeader(output)
    sink = cast("IO[bytes]", header)  # a binary writer: all pyoxigraph calls on it
    if fmt.is_dataset:
        store.dump(sink, format=_OX_FORMATS[fmt], prefixes=prefixes())
        count = len(store)
    else:
        triples = _Counted(store.query(_UNION, use_default_graph_as_union=True))
        ox.serialize(triples, sink, format=_OX_FORMATS[fmt], prefixes=prefixes())
        count = triples.count
    header.close()
    return count


class _Counted:
    def __init__(self, items: Any) -> None:
        self.items = iter(items)
        self.count = 0

    def __iter__(self) -> _Counted:
        return self

    def __next__(self) -> ox.Triple:
        item: ox.Triple = next(self.items)
        self.count += 1
        return item


class _SortedHeader(io.RawIOBase):
    """Passes bytes through, but holds the leading ``@prefix`` lines until the first other
    line and writes them sorted (pyoxigraph orders them its own way)."""

    def __init__(self, output: IO[bytes]) -> None:
        super().__init__()
        self.output = output
        self.head: bytearray | None = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        if self.head is None:
            self.output.write(chunk)
            return len(chunk)
        self.head += chunk
        lines = bytes(self.head).split(b"\n")
        done = 0
        while done < len(lines) - 1 and lines[done].startswith(b"@prefix "):
            done += 1
        if done < len(lines) - 1:  # a complete line that is not a prefix: the body began
            self._flush_head()
        return len(chunk)

    def _flush_head(self) -> None:
        if self.head is not None:
            self.output.write(_sorted_prefixes(bytes(self.head)))
            self.head = None

    def close(self) -> None:
        self._flush_head()
        super().close()


def write_quads(quads: list[ox.Quad], fmt: RdfExport, output: IO[bytes]) -> int:
    """Write sorted ``quads`` as ``fmt``; returns the number of statements."""
    if fmt is RdfExport.JSONLD:
        triples = _triples(quads)
        output.write(jsonld_bytes(triples))
        return len(triples)
    statements: list[ox.Quad] | list[ox.Triple] = quads if fmt.is_dataset else _triples(quads)
    data = ox.serialize(statements, format=_OX_FORMATS[fmt], prefixes=prefixes()) or b""
    output.write(_sorted_prefixes(data))
    return len(statements)


def _sorted_prefixes(data: bytes) -> bytes:
    """pyoxigraph writes the @prefix lines in an order of its own: sort them, so the header
    cannot change between runs or versions."""
    lines = data.split(b"\n")
    head = 0
    while head < len(lines) and lines[head].startswith(b"@prefix "):
        head += 1
    return b"\n".join(sorted(lines[:head]) + lines[head:])


def jsonld_context() -> dict[str, Any]:
    """The project's JSON-LD context (``ontology/context.jsonld``); without that file, one
    made of the ontology's prefixes (still valid JSON-LD, only less compact)."""
    path = ontology_dir() / "context.jsonld"
    if path.is_file():
        context = json.loads(path.read_text(encoding="utf-8"))
        return dict(context.get("@context", context))
    return dict(prefixes())


def jsonld_bytes(triples: list[ox.Triple]) -> bytes:
    """JSON-LD of ``triples``, compacted with the project's context, with nodes sorted by
    ``@id`` and multi-valued properties sorted (JSON-LD sets are unordered)."""
    import rdflib  # noqa: PLC0415 - only JSON-LD needs it (0.4 s to import): not --format html

    nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    graph = rdflib.Graph()
    graph.parse(data=nt.decode("utf-8"), format="nt")
    context = jsonld_context()
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    # The context may alias keywords ("id": "@id", "graph": "@graph"): use its names.
    aliases = {v: k for k, v in context.items() if isinstance(v, str) and v.startswith("@")}
    id_key, graph_key = aliases.get("@id", "@id"), aliases.get("@graph", "@graph")
    nodes = data.get(graph_key, [data] if id_key in data else [])
    nodes = [_sorted_values(n) for n in nodes if isinstance(n, dict)]
    nodes.sort(key=lambda n: str(n.get(id_key, "")))
    doc = {"@context": context, graph_key: nodes}
    return (json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def _sorted_values(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: (v if k == "@list" else _sorted_values(v)) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_values(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    return value
