"""SHACL validation of built graphs against ``ontology/shapes.ttl`` (rudof, through pyrudof).

The quads are validated as one union graph (the graph queries see: every filing graph and
the resolution graph), together with the ontology so that subclasses count. rudof is a SHACL
engine written in Rust: a chunk of 200 filings (78k triples) takes about 4 s where pyshacl
took about 50 s, which is what makes ``secgraph validate`` of a whole store possible.
pyrudof is imported on first use: the bulk build never pays for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from secgraph.graph.ontology import ontology_quads
from secgraph.graph.vocab import ontology_dir

if TYPE_CHECKING:
    import pyrudof

__all__ = ["Violation", "check", "report_text", "shapes_subset", "validate"]

_SH = "http://www.w3.org/ns/shacl#"
_SHAPES = "https://w3id.org/secgraph/shapes#"


@dataclass(frozen=True)
class Violation:
    """One result of a validation: the focus node as pyoxigraph prints it (``<iri>`` or
    ``_:label``), the constraint component, and what rudof says of the path, value and shape."""

    focus: str
    component: str
    path: str | None
    value: str | None
    message: str | None
    shape: str | None

    def lines(self) -> list[str]:
        component = self.component.removeprefix(_SH)
        out = [
            f"Constraint Violation in {component} ({self.component}):",
            "\tSeverity: sh:Violation",
        ]
        if self.shape and not self.shape.startswith("_:"):
            out.append(f"\tSource Shape: <{self.shape}>")
        out.append(f"\tFocus Node: {self.focus}")
        if self.path:
            out.append(f"\tResult Path: <{self.path}>")
        if self.value:
            out.append(f"\tValue Node: {self.value}")
        if self.message:
            out.append(f"\tMessage: {self.message.strip(chr(34))}")
        return out


@cache
def _ontology_ntriples() -> str:
    """The ontology (:func:`~secgraph.graph.ontology.ontology_quads`) as N-Triples, added to
    every graph checked so that ``sh:class`` sees subclasses and typed individuals as the
    store's queries do."""
    triples = (q.triple for q in ontology_quads())
    return (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")


@cache
def shapes_text() -> str:
    """``ontology/shapes.ttl``."""
    return (ontology_dir() / "shapes.ttl").read_text(encoding="utf-8")


@cache
def shapes_subset(*names: str) -> str:
    """The shapes ``names`` of ``ontology/shapes.ttl`` with everything they reach through
    blank nodes (their property shapes, lists), as Turtle: a validation that must not wake
    the other shapes up."""
    shapes = list(ox.parse(shapes_text(), format=ox.RdfFormat.TURTLE))
    by_subject: dict[ox.NamedNode | ox.BlankNode, list[ox.Triple]] = {}
    for triple in shapes:
        if isinstance(triple.subject, ox.NamedNode | ox.BlankNode):
            by_subject.setdefault(triple.subject, []).append(triple)
    todo: list[ox.NamedNode | ox.BlankNode] = [ox.NamedNode(_SHAPES + name) for name in names]
    seen: set[ox.NamedNode | ox.BlankNode] = set()
    kept: list[ox.Triple] = []
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for triple in by_subject.get(node, ()):
            kept.append(triple)
            if isinstance(triple.object, ox.BlankNode):
                todo.append(triple.object)
    return (ox.serialize(kept, format=ox.RdfFormat.TURTLE) or b"").decode("utf-8")


@cache
def _engine(shapes: str) -> pyrudof.Rudof:
    """One rudof session per set of shapes (Turtle), read once; each check replaces its data."""
    import pyrudof  # noqa: PLC0415 - see the module docstring

    engine = pyrudof.Rudof(pyrudof.RudofConfig())
    engine.read_shacl(shapes, format=pyrudof.ShaclFormat.Turtle)
    return engine


def _term(text: str | None) -> str | None:
    return None if text in (None, "", "None") else text


def _focus(node: str) -> str:
    return node if node.startswith(("_:", '"')) else f"<{node}>"


def check(quads: Iterable[ox.Quad], shapes: str | None = None) -> list[Violation]:
    """The violations of the union of ``quads`` (graph names dropped) and the ontology,
    against ``shapes`` (all of ``ontology/shapes.ttl`` unless given)."""
    import pyrudof  # noqa: PLC0415 - see the module docstring

    data = (ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES) or b"").decode(
        "utf-8"
    )
    engine = _engine(shapes_text() if shapes is None else shapes)
    engine.reset_data()  # reading data merges with what was there before, whatever `merge` says
    engine.read_data(
        data + _ontology_ntriples(),
        format=pyrudof.RDFFormat.NTriples,
        reader_mode=pyrudof.ReaderMode.Strict,
    )
    report: Any = engine.validate_shacl()
    engine.reset_data()
    found = [
        Violation(
            focus=_focus(entry.focus_node),
            component=entry.constraint_component,
            path=_term(entry.path),
            value=_term(entry.value),
            message=_term(entry.message),
            shape=_term(entry.source_shape),
        )
        for entry in report
    ]
    return sorted(found, key=lambda v: (v.focus, v.component, v.path or "", v.value or ""))


def report_text(violations: list[Violation]) -> str:
    """The report in the layout of pySHACL's text report (one ``Focus Node:`` per result)."""
    head = f"Validation Report\nConforms: {not violations}\n"
    if not violations:
        return head
    body = "\n".join("\n".join(v.lines()) for v in violations)
    return head + f"Results ({len(violations)}):\n{body}\n"


def validate(quads: Iterable[ox.Quad]) -> tuple[bool, str]:
    """Check a built graph (its quads) against the shapes; returns whether it conforms and
    the report text."""
    violations = check(quads)
    return not violations, report_text(violations)
