"""The four seed filings of examples/filings/, as records built by hand from the documents.

Every value below was read off the seed text (not taken from any parser's output), so the
mapping, resolution and query tests check the graph against the documents themselves. Line
numbers are those of the seed files. ``variant_*`` builders make other companies and people
of the same classes, for the tests of what must not merge.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from secgraph.models import (
    AcquiredDisposed,
    Address,
    Agreement,
    AgreementEvent,
    AgreementEventKind,
    AgreementType,
    EightKFiling,
    EntityKind,
    FilingInfo,
    FilingReference,
    Footnote,
    FormDFiling,
    FormDIssuer,
    Holding,
    IncorporationAge,
    InputFormat,
    Issuer,
    Item,
    Offering,
    Organization,
    OwnerRelationship,
    OwnershipFiling,
    OwnershipNature,
    ParsedFiling,
    ParseWarning,
    PersonName,
    RelatedPerson,
    RelatedRelationship,
    ReportingOwner,
    Signature,
    Span,
    Transaction,
    TransactionCode,
)

SHA = {
    "000": "e1ed6ab97b7d8f9e" + "0" * 48,
    "001": "b9a64ac7170686a7" + "0" * 48,
    "002": "71093b0e43aa5d3d" + "0" * 48,
    "004": "785308df89b108f5" + "0" * 48,
}


def info(key: str, form: str, **kw: object) -> FilingInfo:
    fields: dict[str, object] = {
        "form_type": form,
        "source": f"examples/filings/{key}.txt",
        "sha256": SHA[key],
        "input_format": InputFormat.TEXT,
    }
    return FilingInfo.model_validate(fields | kw)


def form4_000() -> ParsedFiling:
    """Form 4: TECOGEN INC. [TGEN]; the reporting person's name is blank; Director."""
    doc = OwnershipFiling(
        filing=info(
            "000",
            "4",
            period_date=dt.date(2023, 11, 14),
            signature_date=dt.date(2023, 11, 17),
        ),
        issuer=Issuer(name="TECOGEN INC.", ticker="TGEN", spans={"name": Span(line=20)}),
        owners=[
            ReportingOwner(
                name=None,
                address=Address(
                    street1="C/O TECOGEN INC. 45 FIRST AVENUE",
                    city="WALTHAM",
                    state="MA",
                    zip="02451",
                    spans={"street1": Span(line=22)},
                ),
                relationship=OwnerRelationship(
                    is_director=True, spans={"is_director": Span(line=20)}
                ),
            )
        ],
        transactions=[
            Transaction(
                derivative=False,
                row=0,
                security="Common Stock",
                date=dt.date(2023, 11, 14),
                code=TransactionCode.P,
                shares=Decimal("100"),
                price=Decimal("0.845"),
                acquired_disposed=AcquiredDisposed.ACQUIRED,
                shares_after=Decimal("589485"),
                ownership=OwnershipNature.DIRECT,
                spans={"security": Span(line=30), "shares": Span(line=30)},
            )
        ],
        signatures=[Signature(name=None, date=dt.date(2023, 11, 17))],
    )
    warning = ParseWarning(code="owner-name-missing", message="reporting person's name is blank")
    return ParsedFiling(document=doc, warnings=[warning])


def formd_001() -> ParsedFiling:
    """Form D: TECOGEN INC., CIK 0001537435; eight related persons; Rule 506(c)."""
    address = Address(
        street1="c/o Tecogen Inc", street2="45 First Avenue", city="Waltham", state="MASSACHUSETTS"
    )

    def person(
        last: str, first: str, middle: str, line: int, *rels: RelatedRelationship
    ) -> RelatedPerson:
        return RelatedPerson(
            name=PersonName(first=first, middle=middle, last=last),
            address=address.model_copy(update={"zip": "02451"}),
            relationships=list(rels),
            spans={"name": Span(line=line)},
        )

    exec_, director = RelatedRelationship.EXECUTIVE_OFFICER, RelatedRelationship.DIRECTOR
    doc = FormDFiling(
        filing=info("001", "D", signature_date=dt.date(2013, 10, 31)),
        issuers=[
            FormDIssuer(
                name="TECOGEN INC.",
                cik="0001537435",
                jurisdiction="DELAWARE",
                entity_type="Corporation",
                incorporation_age=IncorporationAge.OVER_FIVE_YEARS,
                previous_names=["TECOGEN INC"],
                phone="781-466-6400",
                address=Address(
                    street1="45 FIRST AVENUE", city="WALTHAM", state="MASSACHUSETTS", zip="02451"
                ),
                spans={"cik": Span(line=18), "name": Span(line=21)},
            )
        ],
        related_persons=[
            person("Hatsopoulos", "John", "N", 39, exec_, director),
            person("Galiteva", "Angelina", "M", 48, director),
            person("Maxwell", "Charles", "T", 59, director),
            person("Hatsopoulos", "George", "N", 69, director),
            person("Ghoniem", "Ahmed", "F", 79, director),
            person("Aoun", "Joseph", "E", 89, director),
            person("Panora", "Robert", "A", 106, exec_),
            person("Brown", "Bonnie", "J", 122, exec_),
        ],
        offering=Offering(
            exemptions=["06c"],  # the Form D XML item code of "Rule 506(c)"
            total_investors=1,
            use_of_proceeds_clarification=(
                "Represents short-term debt to CEO, principal to be repaid with portion of "
                "proceeds."
            ),
            spans={"exemptions": Span(line=210), "total_investors": Span(line=288)},
        ),
        signatures=[
            Signature(
                name="Bonnie J. Brown",
                title="CFO",
                on_behalf_of="TECOGEN INC.",
                date=dt.date(2013, 10, 31),
                spans={"name": Span(line=326)},
            )
        ],
    )
    return ParsedFiling(document=doc)


def form3_002() -> ParsedFiling:
    """Form 3: PANORA ROBERT A, officer "COO and President" of TECOGEN INC. [TGEN]."""
    doc = OwnershipFiling(
        filing=info(
            "002", "3", period_date=dt.date(2013, 10, 1), signature_date=dt.date(2013, 10, 1)
        ),
        issuer=Issuer(name="TECOGEN INC.", ticker="TGEN", spans={"name": Span(line=25)}),
        owners=[
            ReportingOwner(
                name=PersonName(full="PANORA ROBERT A"),
                kind=EntityKind.PERSON,
                address=Address(street1="55 CLIFTON ST", city="CAMBRIDGE", state="MA", zip="02140"),
                relationship=OwnerRelationship(
                    is_officer=True,
                    officer_title="COO and President",
                    spans={"officer_title": Span(line=57)},
                ),
                spans={"name": Span(line=25)},
            )
        ],
        holdings=[
            Holding(
                derivative=False,
                row=0,
                security="Common Stock",
                shares=Decimal("163350"),
                ownership=OwnershipNature.DIRECT,
                spans={"security": Span(line=38)},
            ),
            Holding(
                derivative=True,
                row=0,
                security="Stock Option (Right to Buy)",
                expiration_date=dt.date(2021, 2, 14),
                underlying_security="Common Stock",
                underlying_shares=Decimal("125000"),
                exercise_price=Decimal("2.6"),
                ownership=OwnershipNature.DIRECT,
                spans={"security": Span(line=49), "expiration_date": Span(line=51)},
                footnotes={"exercisable_date": ["F1"]},
            ),
        ],
        footnote_texts=[
            Footnote(
                id="F1",
                text="The option becomes exercisable in four equal installments on "
                "February 15, 2012, 2013, 2014 and 2015.",
                spans={"text": Span(line=71)},
            )
        ],
        signatures=[Signature(name="Robert A. Panora", date=dt.date(2013, 10, 1))],
    )
    return ParsedFiling(document=doc)


def eightk_004() -> ParsedFiling:
    """8-K Item 1.02: Tecogen terminates the joint venture agreement with Tedom."""
    jva_terms = ["JVA"]
    doc = EightKFiling(
        filing=info("004", "8-K", signature_date=dt.date(2017, 9, 28), items=["1.02"]),
        company=Issuer(name="TECOGEN INC.", spans={"name": Span(line=25)}),
        items=[
            Item(
                number="1.02",
                title="Termination of a Material Definitive Agreement",
                text="On September 22, 2017, Tecogen Inc. ...",
                spans={"number": Span(line=7)},
            )
        ],
        organizations=[
            Organization(
                name="Tecogen Inc.",
                defined_terms=["the Company", "Tecogen"],
                is_registrant=True,
                spans={"name": Span(line=9)},
            ),
            Organization(
                name="Tedom a.s.",
                defined_terms=["Tedom"],
                jurisdiction="Czech Republic",
                description="a European combined heat and power product manufacturer",
                spans={"name": Span(line=9)},
            ),
            Organization(
                name="Tedom USA Inc.",
                defined_terms=["Tedom USA"],
                jurisdiction="Delaware",
                parent="Tedom a.s.",
                spans={"name": Span(line=9)},
            ),
            Organization(
                name="TTcogen LLC",
                defined_terms=["TTcogen"],
                jurisdiction="Delaware",
                entity_type="limited liability company",
                members=["Tecogen", "Tedom USA"],
                board_size=4,
                formed_under="JVA",
                spans={"name": Span(line=11)},
            ),
        ],
        agreements=[
            Agreement(
                name="joint venture agreement",
                defined_terms=jva_terms,
                type=AgreementType.JOINT_VENTURE,
                parties=["Tecogen", "Tedom"],
                date=dt.date(2016, 5, 19),
                item="1.02",
                events=[
                    AgreementEvent(
                        kind=AgreementEventKind.TERMINATED,
                        date=dt.date(2017, 9, 22),
                        actor="Tecogen",
                        reason="material and incurable breach of certain provisions by Tedom "
                        "and/or Tedom USA",
                        spans={"date": Span(line=9)},
                    )
                ],
                spans={"name": Span(line=11)},
            ),
            Agreement(
                name="limited liability agreement",
                defined_terms=["LLC Agreement"],
                type=AgreementType.LLC_AGREEMENT,
                parties=["Tecogen", "Tedom USA"],
                date=dt.date(2016, 5, 19),
                item="1.02",
                events=[
                    AgreementEvent(
                        kind=AgreementEventKind.DISSOLUTION_STARTED,
                        date=dt.date(2017, 9, 22),
                        actor="Tecogen",
                        spans={"date": Span(line=9)},
                    )
                ],
                spans={"name": Span(line=13)},
            ),
        ],
        references=[
            FilingReference(
                form_type="8-K", filed_date=dt.date(2016, 5, 24), spans={"form_type": Span(line=15)}
            )
        ],
        signatures=[
            Signature(
                name="Bonnie Brown",
                title="Principal Financial & Accounting Officer",
                on_behalf_of="TECOGEN INC.",
                date=dt.date(2017, 9, 28),
                spans={"name": Span(line=29)},
            )
        ],
    )
    return ParsedFiling(document=doc)


def seeds() -> list[ParsedFiling]:
    return [form4_000(), formd_001(), form3_002(), eightk_004()]
