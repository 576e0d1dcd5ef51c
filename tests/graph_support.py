"""Helpers of the graph tests: the seed filings parsed, a store built from them, resolution."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from secgraph.graph import map_filing, ontology_quads
from secgraph.graph.mentions import Row
from secgraph.graph.resolve import resolve
from secgraph.graph.summary import summary_quads
from secgraph.models import (
    EntityKind,
    FilingInfo,
    FormDFiling,
    FormDIssuer,
    InputFormat,
    Issuer,
    OwnerRelationship,
    OwnershipFiling,
    ParsedFiling,
    PersonName,
    RelatedPerson,
    RelatedRelationship,
    ReportingOwner,
    Signature,
)
from secgraph.parsers import parse_path

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "filings"
FORM4, FORMD, FORM3, EIGHTK = (
    "000_e1ed6ab97b7d8f9e.txt",
    "001_b9a64ac7170686a7.txt",
    "002_71093b0e43aa5d3d.txt",
    "004_785308df89b108f5.txt",
)


def parsed_seeds() -> list[ParsedFiling]:
    """The four seed filings of examples/filings/, through the parsers."""
    return [parse_path(SEEDS / name) for name in (FORM4, FORMD, FORM3, EIGHTK)]


def selector(store: ox.Store) -> Callable[[str], Iterator[Row]]:
    def select(query: str) -> Iterator[Row]:
        solutions = store.query(query, use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)
        names = [v.value for v in solutions.variables]
        for solution in solutions:
            yield {n: solution[n] for n in names if solution[n] is not None}

    return select


def build_store(filings: Iterable[ParsedFiling], *, ontology: bool = True) -> ox.Store:
    """A store holding the filings' graphs, the ontology graph and the resolution graph."""
    store = ox.Store()
    for parsed in filings:
        store.extend(map_filing(parsed).quads)
    if ontology:
        store.extend(ontology_quads())
    store.extend(resolve(selector(store)))
    store.extend(summary_quads(selector(store)))  # listing order and counts, as a build does
    return store


# -- small filings of other companies and people, for what must and must not merge --------


def _info(key: str, form: str) -> FilingInfo:
    return FilingInfo(
        form_type=form,
        source=f"{key}.txt",
        sha256=hashlib.sha256(key.encode()).hexdigest(),
        input_format=InputFormat.TEXT,
        period_date=dt.date(2020, 1, 2),
    )


def ownership(
    key: str,
    issuer: str,
    owner: str,
    *,
    issuer_cik: str | None = None,
    owner_cik: str | None = None,
    ticker: str | None = None,
) -> ParsedFiling:
    """A Form 4 whose reporting person (SEC order) is a director of ``issuer``."""
    doc = OwnershipFiling(
        filing=_info(key, "4"),
        issuer=Issuer(name=issuer, cik=issuer_cik, ticker=ticker),
        owners=[
            ReportingOwner(
                cik=owner_cik,
                name=PersonName(full=owner),
                kind=EntityKind.PERSON,
                relationship=OwnerRelationship(is_director=True),
            )
        ],
    )
    return ParsedFiling(document=doc)


def formd(
    key: str, issuer: str, cik: str | None, *people: str, signer: str | None = None
) -> ParsedFiling:
    """A Form D whose related persons ("Last First Middle") are executive officers."""
    persons = []
    for person in people:
        last, first, *middle = person.split()
        persons.append(
            RelatedPerson(
                name=PersonName(first=first, middle=middle[0] if middle else None, last=last),
                relationships=[RelatedRelationship.EXECUTIVE_OFFICER],
            )
        )
    signatures = [Signature(name=signer, title="CFO")] if signer else []
    doc = FormDFiling(
        filing=_info(key, "D"),
        issuers=[FormDIssuer(name=issuer, cik=cik)],
        related_persons=persons,
        signatures=signatures,
    )
    return ParsedFiling(document=doc)
