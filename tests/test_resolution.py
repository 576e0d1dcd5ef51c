"""Entity resolution: what must merge on the seeds, and, as carefully, what must not."""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest

import seed_records
from graph_support import build_store, formd, ownership, parsed_seeds, selector
from secgraph.graph import RESOLUTION_GRAPH, map_filing
from secgraph.graph.mentions import Row
from secgraph.graph.resolve import resolve
from secgraph.graph.vocab import ID_NS, OWL_SAME_AS, SG
from secgraph.models import (
    ParsedFiling,
)

# -- helpers --------------------------------------------------------------------------------


class Resolved:
    """The resolution graph of some filings, with lookups."""

    def __init__(self, filings: list[ParsedFiling]) -> None:
        self.store = build_store(filings)
        self.graph_name = RESOLUTION_GRAPH
        self.quads = list(self.store.quads_for_pattern(None, None, None, RESOLUTION_GRAPH))

    def canonical(self, node: ox.NamedNode) -> ox.NamedNode:
        (found,) = [
            q.object for q in self.quads if q.subject == node and q.predicate == SG.canonical
        ]
        assert isinstance(found, ox.NamedNode)
        return found

    def preferred(self, node: ox.NamedNode) -> str | None:
        names = [
            q.object.value
            for q in self.quads
            if q.subject == node and q.predicate == SG.preferredName
        ]
        assert len(names) <= 1
        return names[0] if names else None

    def judgement(self, a: ox.NamedNode, b: ox.NamedNode) -> tuple[str, list[str], float]:
        found = []
        for q in self.quads:
            if q.predicate == SG.left and q.object in (a, b):
                j = q.subject
                right = self._value(j, SG.right)
                left = q.object
                if {left, right} == {a, b}:
                    found.append(j)
        assert len(found) == 1, f"{len(found)} judgements of {a} / {b}"
        j = found[0]
        verdict = self._value(j, SG.verdict).value
        evidence = sorted(
            q.object.value for q in self.quads if q.subject == j and q.predicate == SG.evidence
        )
        score = float(self._value(j, SG.score).value)
        return verdict, evidence, score

    def judged(self, node: ox.NamedNode) -> bool:
        return any(q.predicate in (SG.left, SG.right) and q.object == node for q in self.quads)

    def _value(self, s: ox.NamedNode | ox.BlankNode, p: ox.NamedNode) -> ox.NamedNode | ox.Literal:
        (value,) = [q.object for q in self.quads if q.subject == s and q.predicate == p]
        assert isinstance(value, ox.NamedNode | ox.Literal)
        return value

    def has(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode) -> bool:
        return ox.Quad(s, p, o, RESOLUTION_GRAPH) in self.quads


def filing_node(parsed: ParsedFiling, path: str) -> ox.NamedNode:
    return ox.NamedNode(map_filing(parsed).filing.value + "/" + path)


# -- the seeds ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds() -> tuple[Resolved, list[ParsedFiling]]:
    filings = parsed_seeds()
    return Resolved(filings), filings


def test_panora_form3_owner_and_formd_person_are_one(
    seeds: tuple[Resolved, list[ParsedFiling]],
) -> None:
    """PANORA ROBERT A (Form 3, SEC order) is Robert A Panora of the Form D."""
    r, (_f4, fd, f3, _k8) = seeds
    owner, related = (
        filing_node(f3, "person/a-panora-robert"),
        filing_node(fd, "person/a-panora-robert"),
    )
    assert r.canonical(owner) == r.canonical(related)
    verdict, evidence, score = r.judgement(owner, related)
    assert verdict == "positive"
    assert "same first name 'robert'" in evidence
    assert any(e.startswith("both tied to TECOGEN INC") for e in evidence)
    assert 0.9 <= score <= 1.0
    assert r.has(min(owner, related, key=str), OWL_SAME_AS, max(owner, related, key=str))
    assert r.preferred(r.canonical(owner)) in {"Robert A Panora", "Robert A. Panora"}


def test_bonnie_brown_with_and_without_middle_initial_is_one(
    seeds: tuple[Resolved, list[ParsedFiling]],
) -> None:
    """Bonnie J. Brown (Form D related person and CFO signer) and Bonnie Brown (8-K signer):
    middle initial absent on one side, same company, officer roles on both sides."""
    r, (_f4, fd, _f3, k8) = seeds
    d, e = filing_node(fd, "person/bonnie-brown-j"), filing_node(k8, "person/bonnie-brown")
    assert r.canonical(d) == r.canonical(e)
    verdict, evidence, _ = r.judgement(d, e)
    assert verdict == "positive"
    assert "middle name absent on one side" in evidence
    assert "officer roles on both sides" in evidence


def test_john_and_george_hatsopoulos_stay_two(seeds: tuple[Resolved, list[ParsedFiling]]) -> None:
    """Same surname, same middle initial N, same company: different first names decide."""
    r, (_f4, fd, _f3, _k8) = seeds
    john, george = (
        filing_node(fd, "person/hatsopoulos-john-n"),
        filing_node(fd, "person/george-hatsopoulos-n"),
    )
    assert r.canonical(john) == john
    assert r.canonical(george) == george
    verdict, evidence, _ = r.judgement(john, george)
    assert verdict == "negative"
    assert any(e.startswith("different first names") for e in evidence)


def test_tecogen_three_ways_is_one_company_with_its_cik(
    seeds: tuple[Resolved, list[ParsedFiling]],
) -> None:
    """TECOGEN INC. (Forms 3/4, no CIK), Tecogen Inc. and "Tecogen" (8-K) and the Form D's
    CIK 0001537435 are one company; the CIK node is canonical."""
    r, (_f4, _fd, _f3, k8) = seeds
    by_name = ox.NamedNode(ID_NS + "company/name/tecogen")
    by_cik = ox.NamedNode(ID_NS + "company/cik/0001537435")
    assert r.canonical(by_name) == by_cik
    assert r.canonical(by_cik) == by_cik
    verdict, evidence, _ = r.judgement(by_name, by_cik)
    assert verdict == "positive"
    assert any("same normalized name 'tecogen'" in e for e in evidence)
    assert r.preferred(by_cik) == "TECOGEN INC."
    terms = {
        q.object.value
        for q in r.store.quads_for_pattern(by_name, SG.definedTerm, None, map_filing(k8).graph)
    }
    assert "Tecogen" in terms


def test_unnamed_director_stays_apart(seeds: tuple[Resolved, list[ParsedFiling]]) -> None:
    """The Form 4's reporting person has no name: own canonical, never compared, no name."""
    r, (f4, _fd, _f3, _k8) = seeds
    unnamed = filing_node(f4, "person/owner-1")
    assert r.canonical(unnamed) == unnamed
    assert not r.judged(unnamed)
    assert r.preferred(unnamed) is None


def test_tedom_and_its_subsidiary_are_two(seeds: tuple[Resolved, list[ParsedFiling]]) -> None:
    r, _ = seeds
    tedom, usa = (ox.NamedNode(ID_NS + "company/name/" + k) for k in ("tedom", "tedom-usa"))
    assert r.canonical(tedom) != r.canonical(usa)
    assert r.judgement(tedom, usa)[0] == "negative"


def test_every_entity_has_exactly_one_canonical(seeds: tuple[Resolved, list[ParsedFiling]]) -> None:
    r, _ = seeds
    entities = set()
    for cls in (SG.Person, SG.Organization, SG.Company, SG.Entity):
        entities |= {
            q.subject
            for q in r.store.quads_for_pattern(
                None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), cls, None
            )
        }
    for entity in entities:
        assert isinstance(entity, ox.NamedNode)
        canonical = r.canonical(entity)
        assert r.canonical(canonical) == canonical


# -- what must not merge ----------------------------------------------------------------------


def test_same_surname_and_initial_are_not_one_person() -> None:
    """John A Smith and James A Smith of one company share a surname and an initial."""
    a = ownership("s1", "ACME CORP", "SMITH JOHN A")
    b = ownership("s2", "ACME CORP", "SMITH JAMES A")
    r = Resolved([a, b])
    x, y = filing_node(a, "person/a-john-smith"), filing_node(b, "person/a-james-smith")
    assert r.canonical(x) != r.canonical(y)
    assert r.judgement(x, y)[0] == "negative"


def test_a_first_initial_alone_is_only_unsure() -> None:
    """B Brown and Bonnie Brown at one company may be one person: unsure, linked, not merged."""
    a = ownership("b1", "ACME CORP", "BROWN B")
    b = ownership("b2", "ACME CORP", "BROWN BONNIE")
    r = Resolved([a, b])
    x, y = filing_node(a, "person/b-brown"), filing_node(b, "person/bonnie-brown")
    assert r.canonical(x) != r.canonical(y)
    verdict, evidence, _ = r.judgement(x, y)
    assert verdict == "unsure"
    assert "first name given only as an initial" in evidence
    assert r.has(min(x, y, key=str), SG.candidateSameAs, max(x, y, key=str))


def test_same_full_name_without_a_common_company_is_only_unsure() -> None:
    a = ownership("p1", "ACME CORP", "PANORA ROBERT A")
    b = ownership("p2", "GLOBEX INC", "PANORA ROBERT A")
    r = Resolved([a, b])
    x, y = filing_node(a, "person/a-panora-robert"), filing_node(b, "person/a-panora-robert")
    assert r.canonical(x) != r.canonical(y)
    verdict, evidence, _ = r.judgement(x, y)
    assert verdict == "unsure"
    assert "no organization in common" in evidence


def test_different_middle_initials_or_suffixes_are_different_people() -> None:
    a = ownership("m1", "ACME CORP", "BROWN BONNIE J")
    b = ownership("m2", "ACME CORP", "BROWN BONNIE K")
    c = ownership("m3", "ACME CORP", "SMITH JOHN A JR")
    d = ownership("m4", "ACME CORP", "SMITH JOHN A SR")
    r = Resolved([a, b, c, d])
    assert (
        r.judgement(
            filing_node(a, "person/bonnie-brown-j"), filing_node(b, "person/bonnie-brown-k")
        )[0]
        == "negative"
    )
    verdict, evidence, _ = r.judgement(
        filing_node(c, "person/a-john-jr-smith"), filing_node(d, "person/a-john-smith-sr")
    )
    assert verdict == "negative"
    assert any(e.startswith("different suffixes") for e in evidence)


def test_sec_order_owner_and_natural_order_signer_of_one_company_merge() -> None:
    """BROWN BONNIE J reports on ACME's Form 4; Bonnie J. Brown signs ACME's Form D as CFO."""
    a = ownership("o1", "ACME CORP", "BROWN BONNIE J")
    b = formd("o2", "Acme Corp.", "0000000042", signer="Bonnie J. Brown")
    r = Resolved([a, b])
    x, y = filing_node(a, "person/bonnie-brown-j"), filing_node(b, "person/bonnie-brown-j")
    assert r.canonical(x) == r.canonical(y)


def test_different_ciks_never_merge_even_with_one_name() -> None:
    a = ownership("c1", "ACME CORP", "DOE JANE", owner_cik="0000000001")
    b = ownership("c2", "ACME CORP", "DOE JANE", owner_cik="0000000002")
    r = Resolved([a, b])
    x, y = (ox.NamedNode(ID_NS + f"entity/cik/000000000{i}") for i in (1, 2))
    assert r.canonical(x) != r.canonical(y)
    verdict, evidence, score = r.judgement(x, y)
    assert (verdict, score) == ("negative", 0.0)
    assert evidence == ["different CIKs 0000000001 and 0000000002"]


def test_a_name_shared_by_two_ciks_leaves_the_cikless_mention_unsure() -> None:
    """Two registrants called Acme (different CIKs) and a text Form 4 naming "ACME CORP.":
    which one it is cannot be told, so it merges with neither."""
    a = formd("n1", "ACME CORP", "0000000011")
    b = formd("n2", "Acme Corp", "0000000012")
    c = ownership("n3", "ACME CORP.", "DOE JANE")
    r = Resolved([a, b, c])
    one, two = (ox.NamedNode(ID_NS + f"company/cik/00000000{i}") for i in (11, 12))
    text = ox.NamedNode(ID_NS + "company/name/acme")
    assert len({r.canonical(one), r.canonical(two), r.canonical(text)}) == 3
    assert r.judgement(one, two)[0] == "negative"
    for cik_node in (one, two):
        verdict, evidence, _ = r.judgement(text, cik_node)
        assert verdict == "unsure"
        assert any("different CIKs" in e for e in evidence)


def test_different_tickers_make_a_name_match_unsure() -> None:
    """ACME CORP [ACME] (text, no CIK) and Acme Corporation [ACMQ] (CIK): same name key, but
    the tickers disagree."""
    a = ownership("t1", "ACME CORP", "DOE JANE", ticker="ACME")
    c = ownership("t3", "Acme Corporation", "DOE JOHN", issuer_cik="0000000078", ticker="ACMQ")
    r = Resolved([a, c])
    text = ox.NamedNode(ID_NS + "company/name/acme")
    cik = ox.NamedNode(ID_NS + "company/cik/0000000078")
    assert r.canonical(text) == text
    verdict, evidence, _ = r.judgement(text, cik)
    assert verdict == "unsure"
    assert any(e.startswith("different tickers") for e in evidence)


# -- properties ------------------------------------------------------------------------------


def test_resolution_is_deterministic_whatever_the_row_order() -> None:
    filings = [*parsed_seeds(), ownership("d1", "TECOGEN INC", "BROWN BONNIE J")]
    store = build_store(filings)
    base = selector(store)

    def reversed_select(query: str) -> Iterator[Row]:
        return iter(list(base(query))[::-1])

    first = resolve(base)
    assert resolve(base) == first
    assert sorted(map(str, resolve(reversed_select))) == sorted(map(str, first))


def test_judgements_are_well_formed(seeds: tuple[Resolved, list[ParsedFiling]]) -> None:
    r, _ = seeds
    judgements = {q.subject for q in r.quads if q.predicate == SG.verdict}
    assert judgements
    for j in judgements:
        assert isinstance(j, ox.NamedNode)
        assert j.value.startswith(ID_NS + "judgement/")
        assert r._value(j, SG.verdict).value in {"positive", "negative", "unsure"}
        assert 0.0 <= float(r._value(j, SG.score).value) <= 1.0
        assert any(q.subject == j and q.predicate == SG.evidence for q in r.quads)
    assert {q.graph_name for q in r.quads} == {RESOLUTION_GRAPH}


def test_record_helpers_are_the_seed_facts() -> None:
    """The hand-built 8-K stands in for the parser: its signer is the 8-K's (line 29)."""
    eightk = seed_records.eightk_004().document
    assert [s.name for s in eightk.signatures] == ["Bonnie Brown"]


def test_a_name_in_many_filings_is_judged_star_wise() -> None:
    """Fifty Forms 4 of one director (no CIK, text filings): a block too large to compare
    pairwise (1,225 pairs) is compared to one member (49 judgements) and still becomes one
    person; his namesake at another company stays apart."""
    filings = [ownership(f"many{i}", "ACME CORP", "SMITH JOHN Q") for i in range(50)]
    other = ownership("other", "GLOBEX INC", "SMITH JOHN Q")
    r = Resolved([*filings, other])
    nodes = [filing_node(f, "person/john-q-smith") for f in filings]
    assert len({r.canonical(n) for n in nodes}) == 1
    assert r.canonical(filing_node(other, "person/john-q-smith")) != r.canonical(nodes[0])
    judged = {q.subject for q in r.quads if q.predicate == SG.verdict}
    assert len(judged) == 50  # 49 to the star, 1 between the star and the namesake
