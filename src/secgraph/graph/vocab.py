"""The vocabulary, read from ``ontology/secgraph.ttl`` (the one source of truth).

``SG.Company`` is the :class:`pyoxigraph.NamedNode` of a term the ontology declares; a term it
does not declare raises :class:`AttributeError` at first use, so the mapper cannot drift from
the ontology.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyoxigraph as ox

from secgraph.errors import SetupError

SG_NS = "https://w3id.org/secgraph/ontology#"
ID_NS = "https://w3id.org/secgraph/id/"

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
OWL_SAME_AS = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
XSD = "http://www.w3.org/2001/XMLSchema#"


def ontology_dir() -> Path:
    """``ontology/`` of a source checkout, or the copy packaged in the wheel."""
    # The package's own folder (importlib.resources would cost every command a few ms of
    # imports for the same answer: secgraph is never imported from a zip).
    packaged = Path(__file__).resolve().parents[1] / "_ontology"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "ontology"
    if checkout.is_dir():
        return checkout
    raise SetupError(f"ontology directory not found (looked in {packaged} and {checkout})")


# The vocabulary files: classes and properties, and the code individuals (sg:TransactionCodeP).
VOCABULARY_FILES = ("secgraph.ttl", "codes.ttl")


@cache
def declared_terms() -> frozenset[str]:
    """Local names of every ``sg:`` term the ontology declares as a subject."""
    names: set[str] = set()
    for file_name in VOCABULARY_FILES:
        with (ontology_dir() / file_name).open("rb") as fh:
            for quad in ox.parse(fh, format=ox.RdfFormat.TURTLE):
                subject = quad.subject
                if isinstance(subject, ox.NamedNode) and subject.value.startswith(SG_NS):
                    names.add(subject.value[len(SG_NS) :])
    return frozenset(names)


class _Vocabulary:
    """Closed namespace over the ontology's terms; attribute access yields NamedNodes."""

    def __init__(self, base: str) -> None:
        self._base = base
        self._cache: dict[str, ox.NamedNode] = {}

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        node = self._cache.get(name)
        if node is None:
            if name not in declared_terms():
                raise AttributeError(f"sg:{name} is not declared in ontology/secgraph.ttl")
            node = ox.NamedNode(self._base + name)
            self._cache[name] = node
            # Later lookups become plain attribute hits: the mapper names terms in hot loops.
            object.__setattr__(self, name, node)
        return node

    def term(self, name: str) -> ox.NamedNode:
        return getattr(self, name)  # type: ignore[no-any-return]


SG = _Vocabulary(SG_NS)
