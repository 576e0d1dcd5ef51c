"""The benchmark's synthetic corpus generator (benchmarks/synth.py).

The benchmark figures mean something only if the synthetic filings are the corpus filings
again: same rows and values, valid XML, but fresh accession numbers and shifted identities.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"


def _load_synth() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_synth", ROOT / "benchmarks" / "synth.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_synth"] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


synth = _load_synth()


def _manifest_notes() -> dict[str, str]:
    notes: dict[str, str] = {}
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        header = next(fh).rstrip("\n").split("\t")
        for line in fh:
            row = dict(zip(header, line.rstrip("\n").split("\t"), strict=True))
            notes[row["local_path"]] = row["notes"]
    return notes


def _local(el: etree._Element) -> str:
    return etree.QName(el.tag).localname if isinstance(el.tag, str) else ""


def _texts(root: etree._Element, name: str) -> list[str]:
    return [(el.text or "").strip() for el in root.iter() if _local(el) == name]


def _parse(path: Path) -> etree._Element:
    return etree.fromstring(path.read_bytes().lstrip())


@pytest.fixture(scope="module")
def two_universes(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    """Two full universes: every template twice, under two different shifts."""
    n = 2 * len(synth.load_templates(CORPUS))
    out = tmp_path_factory.mktemp("synth")
    return list(synth.generate(CORPUS, out, n, seed=7))


def test_accessions_are_fresh_unique_and_name_the_files(two_universes: list[Any]) -> None:
    """Trap: a copy that kept its template's accession number would collide in the store."""
    corpus_accessions = set(re.findall(r"\d{10}-\d{2}-\d{6}", "\n".join(_manifest_notes())))
    corpus_accessions |= set(
        re.findall(r"accession=(\d{10}-\d{2}-\d{6})", "\n".join(_manifest_notes().values()))
    )
    accessions = [f.accession for f in two_universes]
    assert len(set(accessions)) == len(accessions)
    assert not set(accessions) & corpus_accessions
    for filing in two_universes:
        assert re.fullmatch(r"\d{10}-\d{2}-\d{6}", filing.accession)
        assert filing.path.name == f"{filing.accession}.xml"


def test_row_counts_match_the_manifest(two_universes: list[Any]) -> None:
    """Trap: a rewrite that dropped or duplicated table rows would skew rows/s and triples/s.
    Counts are checked against the corpus MANIFEST's hand-written notes, not the template."""
    notes = _manifest_notes()
    checked = 0
    keys = {
        "nonderiv_tx": "nonDerivativeTransaction",
        "nonderiv_hold": "nonDerivativeHolding",
        "deriv_tx": "derivativeTransaction",
        "deriv_hold": "derivativeHolding",
        "related_persons": "relatedPersonInfo",
    }
    for filing in two_universes:
        root = _parse(filing.path)  # parses: still well-formed XML
        note = notes[filing.template]
        for key, element in keys.items():
            match = re.search(rf"\b{key}=(\d+)", note)
            if match:
                assert sum(1 for el in root.iter() if _local(el) == element) == int(
                    match.group(1)
                ), (filing.template, key)
                checked += 1
    assert checked > 4 * 80  # four counts for each ownership filing of both universes


def test_identities_shift_and_everything_else_stays(two_universes: list[Any]) -> None:
    """Trap: leftover real CIKs or names would merge every universe into one set of entities;
    a shift that touched amounts or dates would change what the parser has to do."""
    shifted = (
        synth.CIK_ELEMENTS | synth.NAME_ELEMENTS | synth.TICKER_ELEMENTS | synth.ACCESSION_ELEMENTS
    )
    for filing in two_universes:
        template = _parse(CORPUS / filing.template)
        copy = _parse(filing.path)
        pairs = list(zip(template.iter(), copy.iter(), strict=True))
        for orig, new in pairs:
            assert _local(orig) == _local(new)
            if _local(orig) not in shifted:
                assert (orig.text or "") == (new.text or ""), _local(orig)
                assert dict(orig.attrib) == dict(new.attrib)
        for name in ("issuerCik", "rptOwnerCik", "cik"):
            for old, new_cik in zip(_texts(template, name), _texts(copy, name), strict=True):
                if old:
                    assert new_cik != old and int(new_cik) >= 10**7
        for name in ("issuerName", "rptOwnerName", "entityName", "lastName"):
            for old, new_name in zip(_texts(template, name), _texts(copy, name), strict=True):
                words = {w.casefold() for w in re.findall(r"[^\W\d_]{2,}", old)}
                if words - synth.KEEP_WORDS:  # "Fund GP," is all legal-form words: kept
                    assert new_name != old, (filing.template, name, old)


def test_shift_is_consistent_within_a_universe_and_differs_across(two_universes: list[Any]) -> None:
    """Trap: entity resolution needs one person to stay one person inside a universe (same new
    CIK in each of their filings) and to be someone else in the next universe."""
    new_ciks: dict[tuple[int, str], set[str]] = defaultdict(set)
    for filing in two_universes:
        if filing.hub is not None:  # a hub stands in for the owner: checked on its own
            continue
        template = _parse(CORPUS / filing.template)
        copy = _parse(filing.path)
        for old, new in zip(
            _texts(template, "rptOwnerCik"), _texts(copy, "rptOwnerCik"), strict=True
        ):
            new_ciks[(filing.universe, old)].add(new)
    repeated = 0
    for (universe, old), news in new_ciks.items():
        assert len(news) == 1
        if universe == 0 and (1, old) in new_ciks:
            assert news != new_ciks[(1, old)]
            repeated += 1
    assert repeated > 10
    shifter = synth.Shifter(7, 0)
    assert shifter.name("THIEL PETER") == shifter.name("Thiel Peter").upper()
    assert shifter.name("Mithril II GP LP").endswith(" II GP LP")


def test_generation_is_deterministic(tmp_path: Path) -> None:
    """Trap: a benchmark over a different set each run cannot be compared between runs."""
    first = [f.path.read_bytes() for f in synth.generate(CORPUS, tmp_path / "a", 30, seed=1)]
    again = [f.path.read_bytes() for f in synth.generate(CORPUS, tmp_path / "b", 30, seed=1)]
    other = [f.path.read_bytes() for f in synth.generate(CORPUS, tmp_path / "c", 30, seed=2)]
    assert first == again
    assert first != other
    assert synth.is_current(tmp_path / "a", 30, 1)
    assert synth.is_current(tmp_path / "a", 20, 1)  # a prefix of the set is the smaller set
    assert not synth.is_current(tmp_path / "a", 31, 1)
    longer = [f.path.read_bytes() for f in synth.generate(CORPUS, tmp_path / "d", 45, seed=1)]
    assert longer[:30] == first


def test_companies_are_shared_by_a_group_of_universes(two_universes: list[Any]) -> None:
    """Trap: one copy of the corpus per universe gives every company only the corpus's two or
    three insiders; EDGAR companies have many, each filing about the same issuer CIK."""
    assert synth.COMPANY_GROUP >= 2  # universes 0 and 1 share their issuers
    by_template: dict[str, dict[int, str]] = defaultdict(dict)
    for filing in two_universes:
        by_template[filing.template][filing.universe] = filing.issuer_cik
    insiders: dict[str, set[str]] = defaultdict(set)
    for filing in two_universes:
        assert by_template[filing.template][0] == by_template[filing.template][1]
        for cik, _ in filing.owners:
            insiders[filing.issuer_cik].add(cik)
    # the same issuer, reported on by the (different) owners of both universes
    assert max(len(owners) for owners in insiders.values()) >= 4
    next_group = synth.Shifter(7, 1, side="company", ciks={"1": 0})
    assert synth.Shifter(7, 0, side="company", ciks={"1": 0}).cik("1") != next_group.cik("1")


def test_hubs_stand_in_for_the_owner_of_many_companies(tmp_path: Path) -> None:
    """Trap: without a few very connected people the benchmark never sees a large answer;
    a hub filing must be a valid filing of the hub (its CIK, its name, a signature by it)
    and the manifest must say so, since the benchmark picks its entities there."""
    templates = synth.load_templates(CORPUS)
    filings = list(synth.generate(CORPUS, tmp_path / "h", 3 * len(templates), 3, hubs=(4,)))
    cik, name = synth.hub_identity(3, 0)
    hubbed = [f for f in filings if f.hub is not None]
    assert len(hubbed) > 10
    assert len({f.issuer_cik for f in hubbed}) >= 5
    assert {f.hub for f in hubbed} == {0}
    for filing in hubbed:
        root = _parse(filing.path)
        assert _texts(root, "rptOwnerCik") == [cik]
        assert _texts(root, "rptOwnerName") == [name]
        assert filing.owners == ((cik, name),)
        template = _parse(CORPUS / filing.template)
        old_last = re.findall(r"[^\W\d_]{2,}", _texts(template, "rptOwnerName")[0])[0]
        for old, new in zip(
            _texts(template, "signatureName"), _texts(root, "signatureName"), strict=True
        ):
            if old_last.casefold() in old.casefold():  # signed by the owner: now by the hub
                assert name.split()[0].casefold() in new.casefold(), (old, new)
    assert synth.read_manifest(tmp_path / "h") == filings


def test_manifest_matches_the_documents(two_universes: list[Any]) -> None:
    """Trap: the benchmark looks up the entities the MANIFEST names; a manifest that
    disagreed with the XML would time lookups of people who are not in the store."""
    for filing in two_universes:
        root = _parse(filing.path)
        owners = tuple(zip(_texts(root, "rptOwnerCik"), _texts(root, "rptOwnerName"), strict=True))
        assert filing.owners == owners
        ciks = _texts(root, "issuerCik") or _texts(root, "cik")
        assert filing.issuer_cik == ciks[0]
        names = _texts(root, "issuerName") or _texts(root, "entityName")
        assert filing.issuer_name in names
    assert synth.roots(two_universes[0].path.parent.parent, 5) == [
        f.path for f in two_universes[:5]
    ]
