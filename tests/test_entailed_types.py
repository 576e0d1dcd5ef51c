"""The superclasses of every stated type are stated too (issue 9, part 7), so queries written
with the ontology's own classes or the aligned ORG, PROV-O, schema.org and FIBO classes work
without a reasoner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDFS

from secgraph.build import build
from secgraph.graph.ontology import entailed_types
from secgraph.graph.vocab import SG_NS, ontology_dir
from secgraph.store import GraphStore, open_store

ROOT = Path(__file__).parents[1]
FORM4 = ROOT / "tests" / "corpus" / "form4" / "alexkouzel__tesla-form4.xml"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    target = tmp_path_factory.mktemp("entailed") / "store"
    report = build([ROOT / "examples" / "filings", FORM4], target, jobs=1)
    assert not report.failed, [f.line() for f in report.failed]
    with open_store(target) as opened:
        yield opened


def _count(store: GraphStore, pattern: str) -> int:
    (row,) = store.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}")
    return int(row["n"].value)


def test_closure_matches_rdflib_over_the_ontology() -> None:
    """Trap: a closure that stops one level up (sg:NonDerivativeTransaction -> sg:Transaction
    but not prov:Activity) or ignores owl:equivalentClass (sg:Person = schema:Person). The
    expected closure is computed by rdflib's transitive walk, not by the code under test."""
    g = rdflib.Graph().parse(ontology_dir() / "secgraph.ttl", format="turtle")
    up = entailed_types()
    for cls in set(g.subjects(RDFS.subClassOf, None)):
        if not str(cls).startswith(SG_NS):
            continue
        expected: set[str] = set()
        todo = [cls]
        while todo:
            c = todo.pop()
            nxt = {*g.objects(c, RDFS.subClassOf), *g.objects(c, OWL.equivalentClass)}
            nxt |= set(g.subjects(OWL.equivalentClass, c))
            for n in nxt:
                if str(n) not in expected:
                    expected.add(str(n))
                    todo.append(n)
        expected.discard(str(cls))
        assert {n.value for n in up.get(str(cls), ())} == expected, cls


def test_queries_with_superclasses_find_the_leaf_typed_nodes(store: GraphStore) -> None:
    """Trap: ``?t a sg:Transaction`` returning nothing because only sg:NonDerivativeTransaction
    is stated; the same for org:Membership, schema:Person, prov:Entity and FIBO's Security."""
    leaves = "VALUES ?c { sg:NonDerivativeTransaction sg:DerivativeTransaction } ?x a ?c"
    assert _count(store, leaves) > 0
    assert _count(store, "?x a sg:Transaction") == _count(store, leaves)
    transaction_activity = "?x a sg:Transaction , <http://www.w3.org/ns/prov#Activity>"
    assert _count(store, transaction_activity) == _count(store, leaves)
    roles = _count(store, "?x a sg:Role")
    assert roles > 0
    assert _count(store, "?x a <http://www.w3.org/ns/org#Membership>") == roles
    persons = _count(store, "?x a sg:Person")
    assert persons > 0
    assert _count(store, "?x a <https://schema.org/Person>") == persons
    assert _count(store, "?x a <http://xmlns.com/foaf/0.1/Person>") == persons
    filings = _count(store, "?x a sg:Filing")
    entity = "?x a sg:Filing , <http://www.w3.org/ns/prov#Entity>"
    assert filings > 0 and _count(store, entity) == filings
    companies = _count(store, "?x a sg:Company")
    assert _count(store, "?x a sg:Company , sg:Organization , sg:Entity") == companies
    legal = "?x a sg:Company , <https://spec.edmcouncil.org/fibo/ontology/BE/LegalEntities/LegalPersons/LegalPerson>"
    assert _count(store, legal) == companies
