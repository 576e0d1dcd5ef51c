"""Signature lines are evidence about a filing, never entities.

Every string below is printed in a corpus filing (named beside it). The parts expected were
read off the string itself: who put the signature, in what capacity, for whom, through which
general partner. The graph tests check that each part links to the entity the filing names,
and the scan checks that no person anywhere is named with a signature string.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from cleanco import basename

from secgraph.build import build
from secgraph.graph import map_filing
from secgraph.graph.mapper import MappedFiling
from secgraph.graph.vocab import ID_NS, RDF_TYPE, SG
from secgraph.lookup import Dossier, lookup
from secgraph.normalize.signatures import SignatureParts, parse_signature
from secgraph.parsers import Source, parse_path, parse_source
from secgraph.store import GraphStore, open_store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
FORM3 = CORPUS / "form3"
FORM4 = CORPUS / "form4"
MITHRIL = FORM3 / "datamule_paypal__0000950170-24-009914__ownership.xml"
HIBBS = FORM4 / "datamule_paypal__0001209191-21-056386__doc4.xml"
BOTHA_CIK = "0001222287"


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        (  # datamule_paypal__0000950170-24-009914 (Form 3)
            "Mithril II LP By: Mithril II GP LP, its general partner By: Mithril II UGP LLC, its"
            " general partner, By: /s/ Ajay Royan, Managing Member",
            SignatureParts(
                signer="Ajay Royan",
                capacity="Managing Member",
                principal="Mithril II LP",
                through=(
                    ("Mithril II GP LP", "general partner"),
                    ("Mithril II UGP LLC", "general partner"),
                ),
            ),
        ),
        (  # datamule_paypal__0000899243-22-012864 (Form 4): the same chain, person first
            "/s/ Ajay Royan, Managing Member, Mithril II UGP LLC, General Partner of Mithril II"
            " GP LP, the General Partner of Mithril II LP",
            SignatureParts(
                signer="Ajay Royan",
                capacity="Managing Member",
                principal="Mithril II LP",
                through=(
                    ("Mithril II GP LP", "General Partner"),
                    ("Mithril II UGP LLC", "General Partner"),
                ),
            ),
        ),
        (  # syeo1__0001493152-25-009612 (Form 4, text)
            "SoftBank Group Corp., By : /s/ Yuko Yamamoto, Head of Corporate Legal Department",
            SignatureParts(
                signer="Yuko Yamamoto",
                capacity="Head of Corporate Legal Department",
                principal="SoftBank Group Corp.",
            ),
        ),
        (  # syeo1__0001493152-25-009612: an organization signs for another
            "SoftBank Vision Fund II-2 L.P., By : /s/ SB Global Advisers Limited, its Manager, By"
            " : /s/ Stephen Lam, General Counsel",
            SignatureParts(
                signer="Stephen Lam",
                capacity="General Counsel",
                principal="SoftBank Vision Fund II-2 L.P.",
                through=(("SB Global Advisers Limited", "Manager"),),
            ),
        ),
        (  # datamule_paypal__0001209191-21-056386: principal first, agent after "by"
            "/s/ Roelof Botha, by Kathy Hibbs, attorney-in-fact",
            SignatureParts(signer="Kathy Hibbs", attorney_in_fact=True, principal="Roelof Botha"),
        ),
        (  # datamule_paypal__0000899243-21-019441
            "/s/ Justin V. Laubach, under power of attorney",
            SignatureParts(signer="Justin V. Laubach", attorney_in_fact=True),
        ),
        (  # datamule_paypal__0000899243-21-044060 (Tesla)
            "By: Aaron Beckman by Power of Attorney For: Elon Musk",
            SignatureParts(signer="Aaron Beckman", attorney_in_fact=True, principal="Elon Musk"),
        ),
        (  # datamule_paypal__0001475115-21-000064
            "By: Julia Taylor, Attorney-in-fact For: the Reporting Person",
            SignatureParts(signer="Julia Taylor", attorney_in_fact=True, for_reporting_person=True),
        ),
        (  # datamule_paypal__0001181431-11-030813: a trust, not the person it is named after
            "/s/ Lora Blum, by power of attorney for the Reid Hoffman and Michelle Yee Living"
            " Trust dated October 27, 2009",
            SignatureParts(
                signer="Lora Blum",
                attorney_in_fact=True,
                principal="Reid Hoffman and Michelle Yee Living Trust dated October 27, 2009",
            ),
        ),
        (  # edgartools__form3.snow.nonderiv.xml
            "/s/ Warren E. Buffett, on behalf of himself and each other reporting person hereunder",
            SignatureParts(signer="Warren E. Buffett"),
        ),
        (  # edgarcrawler__0000950135-07-005975 (8-K): a suffix after a comma is the name's
            "James R. Arnold, Jr.",
            SignatureParts(signer="James R. Arnold, Jr."),
        ),
    ],
)
def test_a_signature_line_reads_into_its_parts(printed: str, expected: SignatureParts) -> None:
    """Trap: the whole line taken as one person's name ("Mithril II LP By: ...", "Roelof
    Botha, by Kathy Hibbs", "Justin V. Laubach, under"), the agent and the principal fused,
    the general partners of a chain lost."""
    assert parse_signature(printed) == expected


def test_a_line_without_a_name_leaves_the_signer_empty_and_says_why() -> None:
    """Trap (edgartools__form3.BAMPartners.html): "/s/ See Signatures Included in Exhibit
    99.2" names nobody; it must not become a person called "See Signatures ..."."""
    parts = parse_signature("/s/ See Signatures Included in Exhibit 99.2")
    assert parts.signer is None
    assert parts.doubts and "See Signatures Included in Exhibit 99.2" in parts.doubts[0]


def test_a_title_printed_after_the_name_is_the_capacity() -> None:
    """Trap (edgarcrawler__0000950123-10-095885, 8-K): the name cell holds "Thomas B.
    Pickens, III Title: Chairman of the Board and Chief Executive Officer"."""
    parts = parse_signature(
        "Thomas B. Pickens, III Title: Chairman of the Board and Chief Executive Officer"
    )
    assert (parts.signer, parts.capacity) == (
        "Thomas B. Pickens, III",
        "Chairman of the Board and Chief Executive Officer",
    )


# -- the graph ---------------------------------------------------------------------------------


def _names(m: MappedFiling, node: ox.NamedNode | None) -> set[str]:
    return {q.object.value for q in m.quads if q.subject == node and q.predicate == SG.name}


def _objects(m: MappedFiling, s: object, p: ox.NamedNode) -> list[ox.NamedNode]:
    return sorted(
        (q.object for q in m.quads if q.subject == s and q.predicate == p),  # type: ignore[misc]
        key=str,
    )


def _signature(m: MappedFiling, text: str) -> ox.NamedNode:
    (node,) = [
        q.subject
        for q in m.quads
        if q.predicate == SG.signatureText and q.object.value.startswith(text)
    ]
    assert isinstance(node, ox.NamedNode)
    return node


def _cik_node(cik: str) -> ox.NamedNode:
    return ox.NamedNode(f"{ID_NS}entity/cik/{cik}")


def test_a_by_chain_links_the_reporting_owners_it_names() -> None:
    """Trap (Mithril Form 3, 2024): the chain's organizations are reporting owners of the same
    filing (by CIK); the signature must point at those nodes, not new ones named by the
    string, and keep the printed line as text."""
    m = map_filing(parse_path(MITHRIL))
    sig = _signature(m, "Mithril II LP By:")
    owners = {
        name: q.object
        for q in m.quads
        if q.subject == m.filing and q.predicate == SG.filer
        for name in _names(m, q.object)  # type: ignore[arg-type]
    }
    assert _objects(m, sig, SG.signedFor) == [owners["MITHRIL II LP"]]
    assert _objects(m, sig, SG.signedThrough) == sorted(
        [owners["Mithril II GP LP"], owners["Mithril II UGP LLC"]], key=str
    )
    (signer,) = _objects(m, sig, SG.signer)
    assert _names(m, signer) == {"Ajay Royan"}
    assert _objects(m, sig, SG.capacity)[0].value == "Managing Member"
    assert owners["MITHRIL II LP"] in _objects(m, m.filing, SG.signedBy)


def test_an_attorney_in_fact_signs_for_the_reporting_person() -> None:
    """Trap (Botha Form 4, 2021): "/s/ Roelof Botha, by Kathy Hibbs, attorney-in-fact" is
    Botha's signature given by his attorney: the filing is signed by Botha (CIK 0001222287),
    Kathy Hibbs is the signature's signer only, and nobody is named "Roelof Botha, by Kathy
    Hibbs"."""
    m = map_filing(parse_path(HIBBS))
    sig = _signature(m, "/s/ Roelof Botha, by Kathy Hibbs")
    botha = _cik_node(BOTHA_CIK)
    assert _objects(m, sig, SG.signedFor) == [botha]
    (hibbs,) = _objects(m, sig, SG.signer)
    assert _names(m, hibbs) == {"Kathy Hibbs"}
    assert _objects(m, sig, SG.attorneyInFact)[0].value == "true"
    assert _objects(m, m.filing, SG.signedBy) == [botha]


# -- no signature string is a person, anywhere --------------------------------------------------

_SIGNATURE_MARKS = re.compile(
    r"/s/|\bBy\s*:|attorney|\batty\b|its general partner|power of|\bunder$|\bon behalf\b",
    re.IGNORECASE,
)


def _synthetic_universe() -> Iterator[tuple[str, bytes]]:
    """One universe of the benchmark's synthetic set (benchmarks/synth.py), in memory."""
    spec = importlib.util.spec_from_file_location("bench_synth", ROOT / "benchmarks" / "synth.py")
    assert spec is not None and spec.loader is not None
    synth = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_synth", synth)
    spec.loader.exec_module(synth)
    shifter = synth.Shifter(0, 0)
    for template in synth.load_templates(CORPUS):
        yield f"synth/{template.name}", synth.synthesize(template, shifter)


def _every_filing() -> Iterator[tuple[str, bytes]]:
    for folder in (ROOT / "examples" / "filings", CORPUS, ROOT / "tests" / "fixtures"):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix not in {".tsv", ".json", ".md"}:
                yield str(path.relative_to(ROOT)), path.read_bytes()
    yield from _synthetic_universe()


def test_no_person_anywhere_is_named_with_a_signature_string() -> None:
    """Trap: 22 signature strings typed sg:Person with the whole string as the name
    ("SoftBank Group Corp., By : /s/ Yuko Yamamoto, ...", "Justin V. Laubach, under"). Every
    person name of the seeds, the corpus, the fixtures and a synthetic universe is scanned for
    signature marks and for a company's legal form (cleanco)."""
    bad: list[tuple[str, str]] = []
    mapped = 0
    for name, data in _every_filing():
        try:
            parsed = parse_source(Source(name, data))
        except ValueError:
            continue  # the files the corpus documents as failing (EXPECTED_ERRORS.tsv)
        m = map_filing(parsed)
        mapped += 1
        people = {q.subject for q in m.quads if q.predicate == RDF_TYPE and q.object == SG.Person}
        for q in m.quads:
            if q.subject in people and q.predicate == SG.name:
                value = q.object.value
                if _SIGNATURE_MARKS.search(value) or basename(value) != value:
                    bad.append((name, value))
    assert mapped > 200
    assert bad == []


# -- lookup --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def botha_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """Botha's filings: signed by himself, by attorneys naming him, and by "Roelof Botha, by
    Kathy Hibbs"."""
    folder = tmp_path_factory.mktemp("botha")
    for path in [*FORM3.glob("datamule_paypal__*"), *FORM4.glob("datamule_paypal__*")]:
        if b"BOTHA" in path.read_bytes().upper():
            (folder / path.name).write_bytes(path.read_bytes())
    target = tmp_path_factory.mktemp("store") / "store"
    report = build([folder], target, jobs=1)
    assert not report.failed
    with open_store(target) as store:
        yield store


def test_lookup_roelof_botha_finds_the_reporting_person(botha_store: GraphStore) -> None:
    """Trap: `lookup "Roelof Botha"` answered with the junk node "Roelof Botha, by Kathy
    Hibbs" instead of the reporting person with CIK 0001222287."""
    found = lookup(botha_store, "Roelof Botha")
    assert isinstance(found, Dossier), found
    assert BOTHA_CIK in " ".join(found.lines())
    assert "Kathy Hibbs" not in found.name
