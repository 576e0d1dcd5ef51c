"""Answers compared by value across stores: engines may spell a boolean, a number or a plain
string's datatype differently, and order a GROUP_CONCAT's values as they like."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal

import pyoxigraph as ox

from secgraph.graph.queries import run_named
from secgraph.store import GraphStore

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMBERS = {XSD + t for t in ("integer", "decimal", "double", "float", "long", "int")}
#: Columns that are a GROUP_CONCAT: SPARQL leaves the order of the values unspecified
#: (Oxigraph's in-memory and on-disk stores give different orders): compared as sets.
CONCATENATED = {("insiders", "relationships"), ("offerings", "exemption")}

Value = str | Decimal | bool | tuple[str, str | None] | None
Bag = Counter[tuple[Value, ...]]
Term = ox.NamedNode | ox.BlankNode | ox.Literal | None


def value(term: Term) -> Value:
    """A term as a value: numbers as decimals, booleans as bools, other literals as their
    text and language (a plain string and an xsd:string are one value)."""
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype in NUMBERS:
            return Decimal(term.value).normalize()
        if datatype == XSD + "boolean":
            return term.value in ("true", "1")
        return term.value, term.language
    return None if term is None else term.value


def row_values(name: str, columns: Sequence[str], row: Iterable[Term]) -> tuple[Value, ...]:
    """One row of named query ``name`` as values, a GROUP_CONCAT's values sorted."""
    values = [value(t) for t in row]
    for i, column in enumerate(columns):
        v = values[i]
        if (name, column) in CONCATENATED and isinstance(v, tuple):
            values[i] = (", ".join(sorted(v[0].split(", "))), v[1])
    return tuple(values)


def rows(store: GraphStore, name: str, **params: object) -> Bag:
    """The rows of a named query as a bag of values."""
    columns, found = run_named(store, name, params)  # type: ignore[arg-type]
    return Counter(row_values(name, columns, row) for row in found)


def statements(quads: object) -> set[tuple[Value, ...]]:
    """Quads (or N-Triples bytes) as a set of (subject, predicate, object value, graph)."""
    if isinstance(quads, bytes):
        quads = ox.parse(quads, format=ox.RdfFormat.N_TRIPLES)
    found: set[tuple[Value, ...]] = set()
    for q in quads:  # type: ignore[attr-defined]
        found.add((q.subject.value, q.predicate.value, value(q.object), str(q.graph_name)))
    return found
