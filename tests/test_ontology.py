"""The vocabulary: documented terms, code tables that cannot drift, the JSON-LD context."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import to_isomorphic

import seed_records
from secgraph.graph import ONTOLOGY_GRAPH, map_filing, ontology_quads
from secgraph.graph.context import build_context, load_context
from secgraph.graph.vocab import SG, SG_NS, XSD, declared_terms, ontology_dir
from secgraph.models import TRANSACTION_CODE_MEANINGS, TransactionCode
from secgraph.parsers.formd_text import EXEMPTIONS

RDF = rdflib.RDF
RDFS = rdflib.RDFS
OWL = rdflib.OWL
SKOS = rdflib.SKOS
SGNS = rdflib.Namespace(SG_NS)
GRAPH_SRC = Path(__file__).resolve().parents[1] / "src" / "secgraph" / "graph"


@pytest.fixture(scope="module")
def vocabulary() -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(ontology_dir() / "secgraph.ttl", format="turtle")
    graph.parse(ontology_dir() / "codes.ttl", format="turtle")
    return graph


def _sg_subjects(graph: rdflib.Graph) -> set[rdflib.URIRef]:
    return {s for s in graph.subjects() if isinstance(s, rdflib.URIRef) and s.startswith(SG_NS)}


def test_every_term_has_one_label_and_one_comment(vocabulary: rdflib.Graph) -> None:
    """A term without a label or a comment is undocumented: queries and views show labels."""
    for term in _sg_subjects(vocabulary):
        labels = list(vocabulary.objects(term, RDFS.label))
        comments = list(vocabulary.objects(term, RDFS.comment))
        assert len(labels) == 1, f"{term}: {len(labels)} labels"
        assert len(comments) == 1, f"{term}: {len(comments)} comments"
        assert "\n" not in str(comments[0]), f"{term}: comment is not one line"


def test_properties_have_ranges_of_their_kind(vocabulary: rdflib.Graph) -> None:
    """Datatype properties range over XSD types, object properties over classes: the mapper
    and the JSON-LD context read the range to type values."""
    for prop in vocabulary.subjects(RDF.type, OWL.DatatypeProperty):
        rng = vocabulary.value(prop, RDFS.range)
        assert rng is not None and str(rng).startswith(XSD), prop
    for prop in vocabulary.subjects(RDF.type, OWL.ObjectProperty):
        rng = vocabulary.value(prop, RDFS.range)
        assert rng is None or not str(rng).startswith(XSD), prop


def test_role_kind_labels_are_the_roles_query_words(vocabulary: rdflib.Graph) -> None:
    """The roles query prints these labels; the brief fixes the words."""
    labels = {
        str(vocabulary.value(kind, RDFS.label))
        for kind in vocabulary.subjects(RDF.type, SGNS.RoleKind)
    }
    assert labels == {
        "director",
        "officer",
        "executive officer",
        "ten percent owner",
        "promoter",
        "other",
        "member",
    }


def test_transaction_codes_equal_the_model_table(vocabulary: rdflib.Graph) -> None:
    """codes.ttl and models.codes.TRANSACTION_CODE_MEANINGS are one table written twice."""
    found: dict[str, str] = {}
    for code in vocabulary.subjects(RDF.type, SGNS.TransactionCode):
        letter = str(vocabulary.value(code, SGNS.codeLetter))
        assert str(code) == f"{SG_NS}TransactionCode{letter}"
        assert str(vocabulary.value(code, SKOS.notation)) == letter
        found[letter] = str(vocabulary.value(code, RDFS.comment))
    assert found == {code.value: meaning for code, meaning in TRANSACTION_CODE_MEANINGS.items()}
    assert set(found) == {c.value for c in TransactionCode}


def test_every_exemption_code_a_parser_emits_has_a_label(vocabulary: rdflib.Graph) -> None:
    """Offerings store the Form D item code (06c); the offerings query prints the label."""
    labelled = {
        str(vocabulary.value(e, SKOS.notation)): str(vocabulary.value(e, RDFS.label))
        for e in vocabulary.subjects(RDF.type, SGNS.Exemption)
    }
    for label, code in EXEMPTIONS.items():
        assert code in labelled, code
        # The form prints "Section 3(c)(1)" under "Investment Company Act Section 3(c)".
        assert labelled[code].replace(" ", "").endswith(label.replace(" ", "")), code


def test_vocabulary_is_closed() -> None:
    assert SG.TransactionCodeP.value == SG_NS + "TransactionCodeP"
    assert SG.holder.value == SG_NS + "holder"
    with pytest.raises(AttributeError, match="sg:holdr is not declared"):
        _ = SG.holdr


def test_graph_code_names_only_declared_terms() -> None:
    """Every ``SG.x`` and ``SG.term("x")`` in the graph package is declared: the ontology is
    the one source of the vocabulary."""
    used: set[str] = set()
    for path in GRAPH_SRC.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"\bSG\.([A-Za-z]\w*)", text)) - {"term"}
        used |= set(re.findall(r'\bSG\.term\("([A-Za-z]\w*)"\)', text))
    assert used, "the scan found nothing"
    assert used <= declared_terms(), sorted(used - declared_terms())


def test_no_instance_iri_literal_outside_iris() -> None:
    """Instance IRIs are built in iris.py only (the mapper names nodes through it)."""
    for path in GRAPH_SRC.glob("*.py"):
        if path.name in {"iris.py", "vocab.py", "context.py"}:
            continue
        text = path.read_text(encoding="utf-8")
        assert "w3id.org/secgraph/id" not in text, path.name
        assert "ox.NamedNode(f" not in text, path.name


def test_ontology_quads_carry_labels_in_the_ontology_graph() -> None:
    quads = ontology_quads()
    assert {q.graph_name for q in quads} == {ONTOLOGY_GRAPH}
    label = ox.NamedNode(str(RDFS.label))
    assert ox.Quad(SG.Director, label, ox.Literal("director"), ONTOLOGY_GRAPH) in quads


def test_context_file_is_derived_from_the_ontology() -> None:
    """ontology/context.jsonld is build_context() written out; regenerate it when the
    ontology changes (the assertion message says how)."""
    assert load_context() == build_context(), (
        "regenerate: python -c 'import json; from secgraph.graph.context import build_context;"
        " print(json.dumps(build_context(), indent=2))' > ontology/context.jsonld"
    )


def test_context_covers_every_term_with_its_kind() -> None:
    context = build_context()["@context"]
    for term in declared_terms():
        assert term in context, term
    assert context["holder"] == {"@id": "sg:holder", "@type": "@id"}
    assert context["roleKind"] == {"@id": "sg:roleKind", "@type": "@vocab"}
    assert context["transactionDate"] == {"@id": "sg:transactionDate", "@type": "xsd:date"}
    assert context["shares"] == {"@id": "sg:shares", "@type": "xsd:decimal"}
    assert context["name"] == "sg:name"


# rdflib's JSON-LD plugin builds a ConjunctiveGraph internally (deprecated in rdflib 7).
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_json_ld_round_trip_reads_as_plain_names() -> None:
    """A filing's graph written as JSON-LD with the context reads as plain names and parses
    back to the same graph."""
    mapped = map_filing(seed_records.form3_002(), parser_name="ownership-text")
    nt = ox.serialize([q.triple for q in mapped.quads], format=ox.RdfFormat.N_TRIPLES)
    graph = rdflib.Graph().parse(data=nt.decode(), format="nt")
    context = load_context()["@context"]
    text = graph.serialize(format="json-ld", context=context)
    document = json.loads(text)
    nodes = document.get("graph", [document])
    # the role is also an org:Membership (the superclasses are stated): "type" is a list
    roles = [n for n in nodes if "Role" in n.get("type", ())]
    assert roles and roles[0]["roleKind"] == "Officer"
    assert roles[0]["title"] == "COO and President"
    assert roles[0]["insiderSince"] == "2013-10-01"
    back = rdflib.Graph().parse(data=text, format="json-ld")
    assert to_isomorphic(back) == to_isomorphic(graph)
