"""Records -> RDF: every value lands on the right node, IRIs are deterministic, provenance."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pyoxigraph as ox
import pytest

import seed_records
from graph_support import FORM3, SEEDS
from secgraph.graph import map_filing
from secgraph.graph.mapper import MappedFiling
from secgraph.graph.ontology import entailed_types
from secgraph.graph.vocab import ID_NS, RDF_TYPE, SG, SG_NS, XSD
from secgraph.models import (
    AcquiredDisposed,
    EightKFiling,
    EntityKind,
    FormDFiling,
    FormDIssuer,
    Holding,
    Offering,
    OfficerChange,
    OfficerChangeKind,
    OwnerRelationship,
    OwnershipFiling,
    OwnershipNature,
    ParsedFiling,
    PersonName,
    RelatedPerson,
    RelatedRelationship,
    ReportingOwner,
    SalesCompensation,
    Signature,
    Span,
    Transaction,
    TransactionCode,
)
from secgraph.parsers import parse_path


def objects(m: MappedFiling, s: ox.NamedNode, p: ox.NamedNode) -> list[ox.NamedNode | ox.Literal]:
    return sorted(
        (q.object for q in m.quads if q.subject == s and q.predicate == p),  # type: ignore[misc]
        key=str,
    )


def one(m: MappedFiling, s: ox.NamedNode, p: ox.NamedNode) -> ox.NamedNode | ox.Literal:
    found = objects(m, s, p)
    assert len(found) == 1, f"{s} {p}: {found}"
    return found[0]


def stated_type(m: MappedFiling, s: ox.NamedNode) -> ox.NamedNode | ox.Literal:
    """The one ``sg:`` type of ``s`` that none of its other types implies (its leaf class);
    the builder states the superclasses beside it."""
    types = objects(m, s, RDF_TYPE)
    up = entailed_types()
    # implied by a strictly more specific type (sg:Person and schema:Person are equivalent)
    implied = {c for t in types for c in up.get(str(t.value), ()) if t not in up.get(c.value, ())}
    leaves = [t for t in types if t not in implied and str(t.value).startswith(SG_NS)]
    assert len(leaves) == 1, f"{s}: {types}"
    return leaves[0]


def subjects(m: MappedFiling, cls: ox.NamedNode) -> list[ox.NamedNode]:
    return sorted(
        (q.subject for q in m.quads if q.predicate == RDF_TYPE and q.object == cls),  # type: ignore[misc]
        key=str,
    )


def lit(value: str, datatype: str = "string") -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


def node(path: str) -> ox.NamedNode:
    return ox.NamedNode(ID_NS + path)


# -- provenance and determinism ------------------------------------------------------------


def test_filing_node_carries_its_provenance() -> None:
    parsed = seed_records.form4_000()
    m = map_filing(parsed, parser_name="ownership-text")
    f = m.filing
    assert m.graph == f
    assert f.value == ID_NS + "filing/sha256/" + seed_records.SHA["000"]
    assert stated_type(m, f) == SG.Filing
    assert one(m, f, SG.formType) == lit("4")
    assert one(m, f, SG.sourceFile) == lit("examples/filings/000.txt")
    assert one(m, f, SG.sha256) == lit(seed_records.SHA["000"])
    assert one(m, f, SG.inputFormat) == lit("text")
    assert one(m, f, SG.parserName) == lit("ownership-text")
    assert one(m, f, SG.periodDate) == lit("2023-11-14", "date")
    assert one(m, f, SG.signatureDate) == lit("2023-11-17", "date")
    assert one(m, f, SG.isAmendment) == lit("false", "boolean")
    assert one(m, f, SG.parseWarning) == lit("owner-name-missing: reporting person's name is blank")
    assert objects(m, f, SG.parserVersion), "the secgraph version is stated"


def test_every_quad_is_in_the_filing_graph_and_no_blank_node() -> None:
    for parsed in seed_records.seeds():
        m = map_filing(parsed)
        assert {q.graph_name for q in m.quads} == {m.graph}
        for q in m.quads:
            assert not isinstance(q.subject, ox.BlankNode)
            assert not isinstance(q.object, ox.BlankNode)


def test_mapping_is_deterministic() -> None:
    """Same record, same quads, in the same order: exports diff only when the input does."""
    for make in (
        seed_records.form4_000,
        seed_records.formd_001,
        seed_records.form3_002,
        seed_records.eightk_004,
    ):
        assert map_filing(make()).quads == map_filing(make()).quads


def test_accession_names_the_filing_and_amendment_points_to_the_original() -> None:
    parsed = _xml_like_form4()
    m = map_filing(parsed)
    assert m.filing == node("filing/0001209191-21-003525")
    original = node("filing/0001209191-21-003000")
    assert one(m, m.filing, SG.amends) == original
    assert stated_type(m, original) == SG.Filing
    assert one(m, original, SG.accessionNumber) == lit("0001209191-21-003000")


def test_every_fact_node_has_one_source_filing() -> None:
    """Roles, rows, footnotes, annotations, offerings, agreements, events, items, addresses:
    each names the filing it came from, once."""
    scoped = [
        SG.Role,
        SG.NonDerivativeTransaction,
        SG.DerivativeHolding,
        SG.NonDerivativeHolding,
        SG.Footnote,
        SG.FootnoteAnnotation,
        SG.Offering,
        SG.Agreement,
        SG.AgreementEvent,
        SG.Item,
        SG.Address,
    ]
    seen = set()
    for parsed in seed_records.seeds():
        m = map_filing(parsed)
        for cls in scoped:
            for s in subjects(m, cls):
                seen.add(cls.value)
                assert objects(m, s, SG.sourceFiling) == [m.filing], s
    assert seen == {c.value for c in scoped}


# -- ownership ------------------------------------------------------------------------------


def test_form4_unnamed_director_and_purchase() -> None:
    """Form 4 (seed 000): the reporting person's name is blank; never guessed."""
    m = map_filing(seed_records.form4_000())
    f = m.filing.value
    owner = ox.NamedNode(f + "/person/owner-1")
    assert stated_type(m, owner) == SG.Person
    assert one(m, owner, SG.nameMissing) == lit("true", "boolean")
    assert objects(m, owner, SG.name) == []
    assert one(m, m.filing, SG.filer) == owner
    issuer = node("company/name/tecogen")
    assert one(m, m.filing, SG.filingSubject) == issuer
    assert one(m, issuer, SG.ticker) == lit("TGEN")
    (role,) = subjects(m, SG.Role)
    assert role == ox.NamedNode(f + "/role/1")
    assert one(m, role, SG.holder) == owner
    assert one(m, role, SG.organization) == issuer
    assert one(m, role, SG.roleKind) == SG.Director
    assert one(m, role, SG.asOfDate) == lit("2023-11-14", "date")
    assert objects(m, role, SG.startDate) == [], "a Form 4 does not start a role"
    assert one(m, role, SG.sourceLine) == lit("20", "integer")

    tx = ox.NamedNode(f + "/tx/nd/0")
    assert stated_type(m, tx) == SG.NonDerivativeTransaction
    assert one(m, tx, SG.holder) == owner
    assert one(m, tx, SG.organization) == issuer
    assert one(m, tx, SG.security) == node("company/name/tecogen/security/common-stock")
    assert one(m, tx, SG.securityTitle) == lit("Common Stock")
    assert one(m, tx, SG.transactionDate) == lit("2023-11-14", "date")
    assert one(m, tx, SG.transactionCode) == SG.TransactionCodeP
    assert one(m, tx, SG.shares) == lit("100", "decimal")
    assert one(m, tx, SG.pricePerShare) == lit("0.845", "decimal")
    assert one(m, tx, SG.acquiredDisposed) == lit("A")
    assert one(m, tx, SG.sharesOwnedAfter) == lit("589485", "decimal")
    assert one(m, tx, SG.ownershipForm) == lit("D")
    assert one(m, tx, SG.isDerivative) == lit("false", "boolean")
    assert one(m, tx, SG.rowIndex) == lit("0", "integer")
    assert one(m, tx, SG.sourceLine) == lit("30", "integer")
    address = one(m, owner, SG.address)
    assert isinstance(address, ox.NamedNode)
    assert one(m, address, SG.city) == lit("WALTHAM")


def test_form3_event_date_is_insider_since_not_a_start_and_option_footnote() -> None:
    """Form 3 (seed 002, "2. Date of Event Requiring Statement 10/01/2013"): the event date
    makes Panora a reporting insider, it is not when he became COO: the role is attested as
    of that date (sg:insiderSince, sg:asOfDate) and has no start date. Footnote 1 qualifies
    the option's exercisable date, and only that value."""
    m = map_filing(seed_records.form3_002())
    f = m.filing.value
    owner = ox.NamedNode(f + "/person/a-panora-robert")
    assert lit("PANORA ROBERT A") in objects(m, owner, SG.name)
    (role,) = subjects(m, SG.Role)
    assert one(m, role, SG.roleKind) == SG.Officer
    assert one(m, role, SG.title) == lit("COO and President")
    assert one(m, role, SG.insiderSince) == lit("2013-10-01", "date")
    assert one(m, role, SG.asOfDate) == lit("2013-10-01", "date")
    assert objects(m, role, SG.startDate) == [], "a Form 3 event date is not a start"

    common = ox.NamedNode(f + "/holding/nd/0")
    assert one(m, common, SG.shares) == lit("163350", "decimal")
    assert one(m, common, SG.ownershipForm) == lit("D")
    option = ox.NamedNode(f + "/holding/d/0")
    assert stated_type(m, option) == SG.DerivativeHolding
    assert one(m, option, SG.security) == node(
        "company/name/tecogen/security/stock-option-right-to-buy"
    )
    assert one(m, option, SG.exercisePrice) == lit("2.6", "decimal")
    assert one(m, option, SG.expirationDate) == lit("2021-02-14", "date")
    assert one(m, option, SG.underlyingSecurity) == lit("Common Stock")
    assert one(m, option, SG.underlyingShares) == lit("125000", "decimal")
    note = one(m, option, SG.annotation)
    assert note == ox.NamedNode(option.value + "/note/exercisableDate/f1")
    assert isinstance(note, ox.NamedNode)
    assert one(m, note, SG.onProperty) == SG.exercisableDate
    footnote = one(m, note, SG.footnote)
    assert footnote == ox.NamedNode(f + "/footnote/f1")
    assert isinstance(footnote, ox.NamedNode)
    assert one(m, footnote, SG.footnoteId) == lit("F1")
    assert str(one(m, footnote, SG.text).value).startswith("The option becomes exercisable")
    assert objects(m, common, SG.annotation) == []


def test_signer_is_the_reporting_person_whatever_the_name_order() -> None:
    """The Form 3 seed is signed "/s/ Robert A. Panora" by PANORA ROBERT A: one node, and
    the conformed "/s/" mark is not part of the name."""
    parsed = seed_records.form3_002()
    parsed.document.signatures = [Signature(name="/s/ Robert A. Panora")]
    m = map_filing(parsed)
    owner = ox.NamedNode(m.filing.value + "/person/a-panora-robert")
    assert one(m, m.filing, SG.signedBy) == owner
    assert objects(m, owner, SG.name) == [lit("PANORA ROBERT A"), lit("Robert A. Panora")]
    assert len(subjects(m, SG.Person)) == 1


def test_parsed_form3_seed_maps_like_the_hand_record() -> None:
    """The ownership text parser's record of seed 002 yields the values read by hand."""
    m = map_filing(parse_path(SEEDS / FORM3), parser_name="ownership-text")
    f = m.filing.value
    (role,) = subjects(m, SG.Role)
    assert one(m, role, SG.title) == lit("COO and President")
    assert one(m, role, SG.insiderSince) == lit("2013-10-01", "date")
    assert objects(m, role, SG.startDate) == []
    owner = one(m, role, SG.holder)
    assert isinstance(owner, ox.NamedNode)
    assert one(m, m.filing, SG.signedBy) == owner
    option = ox.NamedNode(f + "/holding/d/0")
    assert one(m, option, SG.exercisePrice) == lit("2.6", "decimal")
    assert one(m, option, SG.underlyingShares) == lit("125000", "decimal")
    assert objects(m, option, SG.annotation) == [
        ox.NamedNode(option.value + "/note/exercisableDate/f1")
    ]


def _xml_like_form4() -> ParsedFiling:
    """A Form 4/A as the XML parser would give it: CIKs, two joint owners (one a fund),
    a derivative exercise with footnotes on two values, a holding by a trust."""
    info = seed_records.info(
        "000",
        "4/A",
        accession="0001209191-21-003525",
        amendment=True,
        amends_accession="0001209191-21-003000",
        period_date=dt.date(2021, 1, 15),
        input_format="xml",
    )
    doc = OwnershipFiling(
        filing=info,
        issuer={"name": "ACME WIDGETS CORP /DE/", "cik": "1234567", "ticker": "ACMW"},
        owners=[
            ReportingOwner(
                cik="0001111111",
                name=PersonName(full="Doe Jane Q"),
                kind=EntityKind.PERSON,
                relationship=OwnerRelationship(is_director=True, is_ten_percent_owner=True),
            ),
            ReportingOwner(
                cik="2222222",
                name=PersonName(full="Widget Capital Partners LP"),
                relationship=OwnerRelationship(is_ten_percent_owner=True),
            ),
        ],
        transactions=[
            Transaction(
                derivative=True,
                row=0,
                security="Employee Stock Option (right to buy)",
                date=dt.date(2021, 1, 15),
                code=TransactionCode.M,
                shares=Decimal("1E+3"),
                price=Decimal("0"),
                acquired_disposed=AcquiredDisposed.DISPOSED,
                exercise_price=Decimal("12.50"),
                expiration_date=dt.date(2028, 3, 1),
                underlying_security="Common Stock",
                underlying_shares=Decimal("1000"),
                shares_after=Decimal("4000"),
                ownership=OwnershipNature.DIRECT,
                footnotes={"price": ["F1"], "exercisable_date": ["F2"]},
                spans={
                    "shares": Span(
                        path="/ownershipDocument/derivativeTable/derivativeTransaction[1]"
                        "/transactionAmounts/transactionShares/value"
                    ),
                    "price": Span(
                        path="/ownershipDocument/derivativeTable/derivativeTransaction[1]"
                        "/transactionAmounts/transactionPricePerShare/value"
                    ),
                },
            )
        ],
        holdings=[
            Holding(
                derivative=False,
                row=0,
                security="Common Stock",
                shares=Decimal("25000"),
                ownership=OwnershipNature.INDIRECT,
                nature_of_ownership="By Trust",
            )
        ],
        footnote_texts=[],
    )
    return ParsedFiling(document=doc)


def test_ciks_name_owners_and_issuer_and_joint_owners_share_rows() -> None:
    m = map_filing(_xml_like_form4())
    f = m.filing.value
    issuer = node("company/cik/0001234567")
    assert one(m, m.filing, SG.filingSubject) == issuer
    assert one(m, issuer, SG.cik) == lit("0001234567")
    jane, fund = node("entity/cik/0001111111"), node("entity/cik/0002222222")
    assert stated_type(m, jane) == SG.Person
    assert stated_type(m, fund) == SG.Organization, "a legal-form word marks an organization"
    assert objects(m, fund, SG.firstName) == []
    kinds = sorted(str(one(m, r, SG.roleKind)) for r in subjects(m, SG.Role))
    assert kinds == sorted(str(k) for k in (SG.Director, SG.TenPercentOwner, SG.TenPercentOwner))
    tx = ox.NamedNode(f + "/tx/d/0")
    assert objects(m, tx, SG.holder) == sorted([jane, fund], key=str)
    assert one(m, tx, SG.transactionCode) == SG.TransactionCodeM
    assert one(m, tx, SG.shares) == lit("1000", "decimal"), "no exponent in xsd:decimal"
    assert one(m, tx, SG.acquiredDisposed) == lit("D")
    assert one(m, tx, SG.sourcePath) == lit(
        "/ownershipDocument/derivativeTable/derivativeTransaction[1]/transactionAmounts"
    )
    notes = {str(one(m, n, SG.onProperty)) for n in objects(m, tx, SG.annotation)}  # type: ignore[arg-type]
    assert notes == {str(SG.pricePerShare), str(SG.exercisableDate)}
    footnote = ox.NamedNode(f + "/footnote/f1")
    assert one(m, footnote, SG.footnoteId) == lit("F1")
    assert objects(m, footnote, SG.text) == [], "a footnote without text is not given one"
    trust = ox.NamedNode(f + "/holding/nd/0")
    assert one(m, trust, SG.ownershipForm) == lit("I")
    assert one(m, trust, SG.natureOfOwnership) == lit("By Trust")


# -- Form D ---------------------------------------------------------------------------------


def test_formd_related_persons_roles_offering_and_signer() -> None:
    """Form D (seed 001): eight related persons, nine ticked relationships, one CFO signer."""
    m = map_filing(seed_records.formd_001())
    f = m.filing.value
    issuer = node("company/cik/0001537435")
    assert one(m, m.filing, SG.filingSubject) == issuer
    assert one(m, issuer, SG.name) == lit("TECOGEN INC.")
    assert one(m, issuer, SG.jurisdiction) == lit("DELAWARE")
    assert one(m, issuer, SG.phone) == lit("781-466-6400")
    assert one(m, issuer, SG.previousName) == lit("TECOGEN INC")
    assert one(m, issuer, SG.incorporationAge) == lit("over_five_years")
    assert len(subjects(m, SG.Person)) == 8
    roles = subjects(m, SG.Role)
    assert len(roles) == 10
    john = ox.NamedNode(f + "/person/hatsopoulos-john-n")
    assert one(m, john, SG.firstName) == lit("John")
    johns = sorted(str(one(m, r, SG.roleKind)) for r in roles if one(m, r, SG.holder) == john)
    assert johns == sorted([str(SG.Director), str(SG.ExecutiveOfficer)])
    for r in roles:
        assert one(m, r, SG.organization) == issuer
        assert one(m, r, SG.asOfDate) == lit("2013-10-31", "date")

    bonnie = ox.NamedNode(f + "/person/bonnie-brown-j")
    assert one(m, m.filing, SG.signedBy) == bonnie, "the signer is the related person"
    titled = [r for r in roles if objects(m, r, SG.title)]
    assert len(titled) == 1
    assert one(m, titled[0], SG.holder) == bonnie
    assert one(m, titled[0], SG.title) == lit("CFO")
    assert one(m, titled[0], SG.roleKind) == SG.Officer

    offering = ox.NamedNode(f + "/offering")
    assert one(m, m.filing, SG.hasOffering) == offering
    assert one(m, offering, SG.organization) == issuer
    assert one(m, offering, SG.exemption) == lit("06c")
    assert one(m, offering, SG.totalInvestors) == lit("1", "integer")
    assert str(one(m, offering, SG.useOfProceeds).value).startswith("Represents short-term debt")
    assert objects(m, offering, SG.totalOfferingAmount) == []


# -- 8-K ------------------------------------------------------------------------------------


def test_8k_organizations_agreements_events_and_reference() -> None:
    """8-K (seed 004): Tecogen ends the JVA with Tedom; TTcogen LLC, members Tecogen and
    Tedom USA, was formed under the JVA; the prior 8-K of 2016-05-24 is referenced."""
    m = map_filing(seed_records.eightk_004())
    f = m.filing.value
    tecogen, tedom = node("company/name/tecogen"), node("company/name/tedom")
    tedom_usa, ttcogen = node("company/name/tedom-usa"), node("company/name/ttcogen")
    assert one(m, m.filing, SG.filingSubject) == tecogen
    assert objects(m, tecogen, SG.name) == [lit("TECOGEN INC."), lit("Tecogen Inc.")]
    assert objects(m, tecogen, SG.definedTerm) == [lit("Tecogen"), lit("the Company")]
    assert one(m, tedom, SG.jurisdiction) == lit("Czech Republic")
    assert one(m, tedom_usa, SG.parentOrganization) == tedom
    assert one(m, ttcogen, SG.boardSize) == lit("4", "integer")
    assert one(m, ttcogen, SG.entityType) == lit("limited liability company")
    assert one(m, tecogen, SG.memberOf) == ttcogen
    assert one(m, tedom_usa, SG.memberOf) == ttcogen
    members = [r for r in subjects(m, SG.Role) if one(m, r, SG.roleKind) == SG.Member]
    assert sorted(str(one(m, r, SG.holder)) for r in members) == sorted(
        [str(tecogen), str(tedom_usa)]
    )

    jva = ox.NamedNode(f + "/agreement/jva")
    assert one(m, ttcogen, SG.formedUnder) == jva
    assert one(m, jva, SG.name) == lit("joint venture agreement")
    assert one(m, jva, SG.agreementType) == lit("joint_venture")
    assert one(m, jva, SG.agreementDate) == lit("2016-05-19", "date")
    assert objects(m, jva, SG.party) == sorted([tecogen, tedom], key=str)
    assert one(m, jva, SG.reportedInItem) == ox.NamedNode(f + "/item/1.02")
    event = one(m, jva, SG.hasEvent)
    assert isinstance(event, ox.NamedNode)
    assert one(m, event, SG.eventKind) == lit("terminated")
    assert one(m, event, SG.eventDate) == lit("2017-09-22", "date")
    assert one(m, event, SG.actor) == tecogen
    llc = ox.NamedNode(f + "/agreement/llc-agreement")
    assert objects(m, llc, SG.party) == sorted([tecogen, tedom_usa], key=str)

    prior = node("company/name/tecogen/filing/8-k/2016-05-24")
    assert one(m, m.filing, SG.references) == prior
    assert one(m, prior, SG.formType) == lit("8-K")
    assert one(m, prior, SG.filedDate) == lit("2016-05-24", "date")

    signer = ox.NamedNode(f + "/person/bonnie-brown")
    (role,) = [r for r in subjects(m, SG.Role) if one(m, r, SG.holder) == signer]
    assert one(m, role, SG.title) == lit("Principal Financial & Accounting Officer")
    assert one(m, role, SG.organization) == tecogen
    assert one(m, role, SG.asOfDate) == lit("2017-09-28", "date")


def test_8k_an_organizations_former_names_are_previous_names_in_the_filings_graph() -> None:
    doc = seed_records.eightk_004()
    eightk = doc.document
    assert isinstance(eightk, EightKFiling)
    tedom = next(o for o in eightk.organizations if o.name.startswith("Tedom a.s"))
    tedom.former_names = ["Tedom Energo a.s."]
    m = map_filing(doc)
    node_ = node("company/name/tedom")
    assert one(m, node_, SG.previousName) == lit("Tedom Energo a.s.")
    assert all(q.graph_name == m.filing for q in m.quads if q.predicate == SG.previousName)


@pytest.mark.parametrize("kind", ["appointed", "resigned"])
def test_8k_officer_changes_start_or_end_a_role(kind: str) -> None:
    parsed = seed_records.eightk_004()
    parsed.document.officer_changes = [
        OfficerChange(
            person=PersonName(full="Jane Q. Roe"),
            kind=OfficerChangeKind(kind),
            role="officer",
            title="Chief Operating Officer",
            effective_date=dt.date(2017, 10, 1),
        )
    ]
    m = map_filing(parsed)
    roe = ox.NamedNode(m.filing.value + "/person/jane-q-roe")
    (role,) = [r for r in subjects(m, SG.Role) if one(m, r, SG.holder) == roe]
    assert one(m, role, SG.changeKind) == lit(kind)
    date = lit("2017-10-01", "date")
    if kind == "appointed":
        assert (objects(m, role, SG.startDate), objects(m, role, SG.endDate)) == ([date], [])
    else:
        assert (objects(m, role, SG.startDate), objects(m, role, SG.endDate)) == ([], [date])


@pytest.mark.parametrize(
    "text",
    [
        'Stock "Units" (Class A)',
        "back\\slash",
        "line one\nline two\r\n",
        "tab\there",
        "bell\x07 and nul\x00",
        "Müller – Société Générale ✓",
    ],
)
def test_literals_survive_n_quads(text: str) -> None:
    """Values are written as N-Quads text; whatever a filing prints must read back intact."""
    parsed = seed_records.form4_000()
    parsed.document.remarks = text
    m = map_filing(parsed)
    assert one(m, m.filing, SG.remarks) == lit(text)


def test_a_lone_surrogate_becomes_a_replacement_character() -> None:
    """A lone surrogate cannot be encoded in UTF-8 at all; it must not sink the filing."""
    parsed = seed_records.form4_000()
    parsed.document.remarks = "bad \udc80 byte"
    m = map_filing(parsed)
    assert one(m, m.filing, SG.remarks) == lit("bad \ufffd byte")


def test_nquads_is_the_fast_path_and_quads_parse_it() -> None:
    m = map_filing(seed_records.form3_002())
    assert m.count == len(m.lines) == len(m.quads)
    data = m.nquads()
    assert data.endswith(b" .\n")
    assert list(ox.parse(data, format=ox.RdfFormat.N_QUADS)) == m.quads


def test_formd_fund_with_two_issuers_a_general_partner_and_a_broker() -> None:
    """A pooled fund's Form D: co-issuers, an organization among the related persons, a
    signer for the second issuer, a broker paid in two states."""
    doc = FormDFiling(
        filing=seed_records.info("001", "D", accession="0001234567-24-000001"),
        issuers=[
            FormDIssuer(
                name="Acme Growth Fund I, L.P.", cik="0001900001", year_of_incorporation=2023
            ),
            FormDIssuer(name="Acme Growth Fund I-A, L.P.", cik="0001900002"),
        ],
        related_persons=[
            RelatedPerson(
                name=PersonName(full="Acme Growth GP, LLC"),
                kind=EntityKind.ORGANIZATION,
                relationships=[RelatedRelationship.PROMOTER],
                clarification="General Partner of the Issuers",
            ),
            RelatedPerson(
                name=PersonName(first="Ada", last="Lovelace"),
                relationships=[RelatedRelationship.EXECUTIVE_OFFICER],
            ),
        ],
        offering=Offering(
            exemptions=["06b", "3C.1"],
            security_types=["Pooled Investment Fund Interests"],
            total_offering_amount=Decimal("250000000"),
            total_amount_sold=Decimal("12500000.50"),
            has_non_accredited_investors=False,
            total_investors=14,
            minimum_investment=Decimal("1000000"),
            sales_compensation=[
                SalesCompensation(recipient="Broker Co", recipient_crd="12345", states=["NY", "CA"])
            ],
        ),
        signatures=[
            Signature(
                name="Ada Lovelace",
                title="Managing Member of the General Partner",
                on_behalf_of="Acme Growth Fund I-A, L.P.",
                date=dt.date(2024, 2, 1),
            )
        ],
    )
    m = map_filing(ParsedFiling(document=doc))
    f = m.filing.value
    first, second = node("company/cik/0001900001"), node("company/cik/0001900002")
    assert one(m, m.filing, SG.filingSubject) == first
    assert one(m, first, SG.yearOfIncorporation) == lit("2023", "gYear")
    gp = ox.NamedNode(f + "/organization/acme-growth-gp")
    assert stated_type(m, gp) == SG.Organization
    (promoter,) = [r for r in subjects(m, SG.Role) if one(m, r, SG.holder) == gp]
    assert one(m, promoter, SG.roleKind) == SG.Promoter
    assert one(m, promoter, SG.clarification) == lit("General Partner of the Issuers")
    ada = ox.NamedNode(f + "/person/ada-lovelace")
    titled = [r for r in subjects(m, SG.Role) if objects(m, r, SG.title)]
    assert [one(m, r, SG.organization) for r in titled] == [second], "signed for the co-issuer"
    assert one(m, titled[0], SG.holder) == ada
    assert one(m, titled[0], SG.asOfDate) == lit("2024-02-01", "date")
    offering = ox.NamedNode(f + "/offering")
    assert objects(m, offering, SG.organization) == [first, second]
    assert objects(m, offering, SG.exemption) == [lit("06b"), lit("3C.1")]
    assert one(m, offering, SG.totalAmountSold) == lit("12500000.50", "decimal")
    assert one(m, offering, SG.hasNonAccreditedInvestors) == lit("false", "boolean")
    broker = one(m, offering, SG.salesCompensation)
    assert isinstance(broker, ox.NamedNode)
    assert one(m, broker, SG.recipientCrd) == lit("12345")
    assert objects(m, broker, SG.solicitationState) == [lit("CA"), lit("NY")]
