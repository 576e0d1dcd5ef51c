"""A role's date means one thing: started, ended, or attested as of (contract 1).

The Form 3 values are read from the XML files with lxml, independently of the parser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from secgraph.build import build
from secgraph.store import GraphStore, open_store

FORM3 = Path(__file__).parent / "corpus" / "form3"
LEVCHIN_AFFIRM = "datamule_paypal__0001209191-21-003525__doc3.xml"
HOFFMAN_LINKEDIN = "datamule_paypal__0001181431-11-030813__rrd311776.xml"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    target = tmp_path_factory.mktemp("form3") / "store"
    report = build([FORM3], target, jobs=1)
    assert not report.failed, [f.line() for f in report.failed]
    with open_store(target) as opened:
        yield opened


def _event_date(path: Path) -> str:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(path.read_bytes().strip(), parser)
    return str(root.findtext("periodOfReport")).strip()


def _roles(store: GraphStore) -> dict[str, list[tuple[str | None, str | None, str | None]]]:
    """Per source file name: (start, as of, insider since) of each role."""
    rows = store.select(
        """SELECT ?file ?r ?start ?asOf ?since WHERE {
             ?r a sg:Role ; sg:sourceFiling ?f . ?f sg:sourceFile ?file .
             OPTIONAL { ?r sg:startDate ?start } OPTIONAL { ?r sg:asOfDate ?asOf }
             OPTIONAL { ?r sg:insiderSince ?since }
           }"""
    )
    out: dict[str, list[tuple[str | None, str | None, str | None]]] = {}
    for row in rows:
        start, as_of, since = (row.get(k) for k in ("start", "asOf", "since"))
        out.setdefault(Path(str(row["file"].value)).name, []).append(
            (
                start.value if start is not None else None,
                as_of.value if as_of is not None else None,
                since.value if since is not None else None,
            )
        )
    return out


def test_form3_event_date_is_never_a_start(store: GraphStore) -> None:
    """Trap: "Levchin, CEO of Affirm since 2021-01-13", "Hoffman, director of LinkedIn since
    2011-05-18": a Form 3's date of event requiring the statement makes its owner a reporting
    insider (often at the IPO); it is not when the role began. Every role of every corpus
    Form 3 is attested as of the event date the XML prints, and none has a start date."""
    roles = _roles(store)
    files = sorted(FORM3.glob("*.xml"))
    assert {p.name for p in files} <= set(roles) | {"edgartools__form3.nosecurities.xml"}
    checked = 0
    for path in files:
        event = _event_date(path)
        for start, as_of, since in roles.get(path.name, []):
            assert start is None, f"{path.name}: a Form 3 role has start date {start}"
            assert (as_of, since) == (event, event), path.name
            checked += 1
    assert checked >= len(files) - 1
    assert {r[2] for r in roles[LEVCHIN_AFFIRM]} == {"2021-01-13"}
    assert {r[2] for r in roles[HOFFMAN_LINKEDIN]} == {"2011-05-18"}
