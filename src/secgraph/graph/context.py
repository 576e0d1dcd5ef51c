"""The JSON-LD context of ``ontology/context.jsonld``, derived from the ontology.

Every class, property and individual of the vocabulary becomes a plain JSON name
(``"holder"``, ``"Company"``, ``"Director"``). Object properties take IRIs; properties whose
values are vocabulary individuals (``roleKind``, ``transactionCode``, ``onProperty``) take
plain names (``"roleKind": "Director"``); datatype properties carry their XSD type so values
round-trip. The committed file must equal :func:`build_context` (a test checks it).
"""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox

from secgraph.graph.vocab import ID_NS, SG_NS, VOCABULARY_FILES, XSD, ontology_dir

__all__ = ["build_context", "load_context"]

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_OWL = "http://www.w3.org/2002/07/owl#"
_TYPE = _RDF + "type"
_RANGE = _RDFS + "range"
# Ranges whose members are named individuals of the vocabulary, written as plain names.
_VOCAB_RANGES = {SG_NS + "RoleKind", SG_NS + "TransactionCode", _RDF + "Property"}


def _vocabulary() -> list[ox.Triple]:
    triples: list[ox.Triple] = []
    for file_name in VOCABULARY_FILES:
        with (ontology_dir() / file_name).open("rb") as fh:
            triples.extend(q.triple for q in ox.parse(fh, format=ox.RdfFormat.TURTLE))
    return triples


def build_context() -> dict[str, Any]:
    """The ``@context`` object for the current ontology (sorted, deterministic)."""
    types: dict[str, set[str]] = {}
    ranges: dict[str, str] = {}
    for t in _vocabulary():
        s = t.subject
        if not (isinstance(s, ox.NamedNode) and s.value.startswith(SG_NS)):
            continue
        o = t.object
        if not isinstance(o, ox.NamedNode):
            continue
        if t.predicate.value == _TYPE:
            types.setdefault(s.value, set()).add(o.value)
        elif t.predicate.value == _RANGE:
            ranges[s.value] = o.value
    terms: dict[str, Any] = {}
    for iri in sorted(types):
        local = iri[len(SG_NS) :]
        kinds = types[iri]
        if _OWL + "ObjectProperty" in kinds:
            vocab = ranges.get(iri) in _VOCAB_RANGES
            terms[local] = {"@id": f"sg:{local}", "@type": "@vocab" if vocab else "@id"}
        elif _OWL + "DatatypeProperty" in kinds:
            rng = ranges.get(iri, XSD + "string")
            if rng == XSD + "string":
                terms[local] = f"sg:{local}"
            else:
                terms[local] = {"@id": f"sg:{local}", "@type": "xsd:" + rng[len(XSD) :]}
        else:  # classes and individuals
            terms[local] = f"sg:{local}"
    return {
        "@context": {
            "id": "@id",
            "type": "@type",
            "graph": "@graph",
            "sg": SG_NS,
            "sgi": ID_NS,
            "xsd": XSD,
            "owl": _OWL,
            "rdfs": _RDFS,
            "label": "rdfs:label",
            "sameAs": {"@id": "owl:sameAs", "@type": "@id"},
            **terms,
        }
    }


def load_context() -> dict[str, Any]:
    """The committed ``ontology/context.jsonld``."""
    with (ontology_dir() / "context.jsonld").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data
