"""Form 8-K -> RDF: items, organizations, agreements and their events, acquisitions and
financial obligations, officer changes.

Organizations named in prose become nodes by name key, and their defined terms ("Tedom",
"the Company") are bound to them, so an agreement party or an event actor written with a
defined term finds its organization. The registrant is the company the filing is about.
LLC members hold ``sg:Member`` roles; Item 5.02 appointments start a role and departures end
one. A filing referred to by date ("our 8-K filed on May 24, 2016") becomes a filing node
known by its company, form type and date.
"""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox

from secgraph.graph import iris
from secgraph.graph.builder import Builder
from secgraph.graph.signatures import map_signature
from secgraph.graph.vocab import RDF_TYPE, SG
from secgraph.models import Agreement, EightKFiling, OfficerChange, OfficerChangeKind

_STARTS = frozenset({OfficerChangeKind.APPOINTED, OfficerChangeKind.ELECTED})
# How 8-Ks name their own registrant without defining the term.
_REGISTRANT_WORDS = ("the Company", "the Registrant")


def map_8k(b: Builder, doc: EightKFiling) -> None:
    f = b.filing
    info = doc.filing
    registrant = b.company(doc.company)
    b.add(f, SG.filingSubject, registrant)
    for word in _REGISTRANT_WORDS:
        b.bind_company(word, registrant)
    attested = info.period_date or info.signature_date

    items: dict[str, ox.NamedNode] = {}
    for item in doc.items:
        node = _item(b, item.number, items)
        b.text(node, SG.itemTitle, item.title)
        b.text(node, SG.text, item.text)
        b.span(node, item)
    for number in info.items:
        _item(b, number, items)

    organizations: list[ox.NamedNode] = []
    for org in doc.organizations:
        if org.is_registrant:
            node = registrant
            b.text(node, SG.name, org.name)
        else:
            node = b.organization(org.name)
        for term in org.defined_terms:
            b.bind_company(term, node)
        organizations.append(node)

    agreements: dict[str, ox.NamedNode] = {}
    for agreement in doc.agreements:
        _agreement(b, agreement, agreements, items)

    for org, node in zip(doc.organizations, organizations, strict=True):
        b.texts(node, SG.definedTerm, org.defined_terms)
        b.text(node, SG.jurisdiction, org.jurisdiction)
        b.text(node, SG.entityType, org.entity_type)
        b.text(node, SG.description, org.description)
        b.integer(node, SG.boardSize, org.board_size)
        b.texts(node, SG.previousName, org.former_names)
        if org.parent:
            b.add(node, SG.parentOrganization, b.organization(org.parent))
        if org.formed_under:
            formed = agreements.get(org.formed_under.casefold())
            if formed is not None:
                b.add(node, SG.formedUnder, formed)
        for member in org.members:
            holder = b.organization(member)
            b.add(holder, SG.memberOf, node)
            b.role(holder, node, SG.Member, org, as_of=attested)

    for index, deal in enumerate(doc.acquisitions, start=1):
        node = b.iris.node("acquisition", index)
        b.add(node, RDF_TYPE, SG.Acquisition)
        b.text(node, SG.dealDirection, deal.direction)
        b.text(node, SG.targetDescription, deal.target)
        if deal.target_organization:
            b.add(node, SG.acquiredEntity, b.organization(deal.target_organization))
        if deal.buyer:
            b.add(node, SG.buyer, b.organization(deal.buyer))
        if deal.seller:
            b.add(node, SG.seller, b.organization(deal.seller))
        b.text(node, SG.consideration, deal.price)
        b.date(node, SG.completionDate, deal.date)
        b.boolean(node, SG.pending, deal.pending)
        b.provenance(node, deal)
    for index, obligation in enumerate(doc.obligations, start=1):
        node = b.iris.node("obligation", index)
        b.add(node, RDF_TYPE, SG.FinancialObligation)
        b.text(node, SG.name, obligation.instrument)
        under = agreements.get(obligation.instrument.casefold())
        if under is not None:
            b.add(node, SG.underAgreement, under)
        if obligation.borrower:
            b.add(node, SG.borrower, b.organization(obligation.borrower))
        for name in obligation.lenders:
            b.add(node, SG.lender, b.organization(name))
        for name in obligation.agents:
            b.add(node, SG.lendingAgent, b.organization(name))
        b.provenance(node, obligation)

    for change in doc.officer_changes:
        _officer_change(b, change, registrant, attested)
    for outside in doc.other_roles:
        # A post at another organization: attested as of the report when the text says it is
        # held ("is Chairman of"), undated when it was held ("served as").
        b.role(
            b.entity(outside.person, cls=SG.Person),
            b.organization(outside.organization),
            SG.Director if outside.role == "director" else SG.Officer,
            outside,
            title=outside.title,
            as_of=attested if outside.current else None,
        )

    for index, reference in enumerate(doc.references, start=1):
        filed = reference.filed_date.isoformat() if reference.filed_date else None
        node = iris.reference_iri(registrant, reference.form_type, filed) or b.iris.node(
            "reference", index
        )
        if b.typed(node, SG.Filing):
            b.text(node, SG.formType, reference.form_type)
            b.date(node, SG.filedDate, reference.filed_date)
            b.add(node, SG.filingSubject, registrant)
            b.provenance(node, reference)
        b.add(f, SG.references, node)

    for index, exhibit in enumerate(doc.exhibits, start=1):
        node = b.iris.node("exhibit", index)
        b.add(node, RDF_TYPE, SG.Exhibit)
        b.add(f, SG.hasExhibit, node)
        b.integer(node, SG.sequenceNumber, exhibit.sequence)
        b.text(node, SG.documentType, exhibit.document_type)
        b.text(node, SG.description, exhibit.description)
        b.text(node, SG.fileName, exhibit.filename)
        b.text(node, SG.text, exhibit.text)
        b.provenance(node, exhibit)

    for index, signature in enumerate(doc.signatures, start=1):
        signer, principal, parts = map_signature(
            b, signature, index, subject=registrant, company=registrant
        )
        if signer is None or not parts.capacity:
            continue
        b.role(
            signer,
            principal or registrant,
            SG.Officer,
            signature,
            title=parts.capacity,
            as_of=signature.date or info.signature_date,
        )
        if info.signature_date is None:
            b.date(f, SG.signatureDate, signature.date)


def _item(b: Builder, number: str, items: dict[str, ox.NamedNode]) -> ox.NamedNode:
    node = items.get(number)
    if node is None:
        node = b.iris.node("item", iris.slug(number))
        items[number] = node
        b.add(node, RDF_TYPE, SG.Item)
        b.add(b.filing, SG.hasItem, node)
        b.text(node, SG.itemNumber, number)
        b.add(node, SG.sourceFiling, b.filing)
    return node


def _agreement(
    b: Builder,
    agreement: Agreement,
    agreements: dict[str, ox.NamedNode],
    items: dict[str, ox.NamedNode],
) -> None:
    label = agreement.defined_terms[0] if agreement.defined_terms else agreement.name
    key = iris.slug(label)
    node = b.iris.node("agreement", key)
    suffix = 1
    while not b.typed(node, SG.Agreement):
        suffix += 1
        node = b.iris.node("agreement", f"{key}-{suffix}")
    for name in (agreement.name, *agreement.defined_terms):
        agreements.setdefault(name.casefold(), node)
    b.text(node, SG.name, agreement.name)
    b.texts(node, SG.definedTerm, agreement.defined_terms)
    b.text(node, SG.agreementType, agreement.type.value)
    b.date(node, SG.agreementDate, agreement.date)
    for party in agreement.parties:
        b.add(node, SG.party, b.organization(party))
    for person in agreement.people:
        b.add(node, SG.party, b.entity(person, cls=SG.Person))
    if agreement.item is not None:
        b.add(node, SG.reportedInItem, _item(b, agreement.item, items))
    b.provenance(node, agreement)
    for index, event in enumerate(agreement.events, start=1):
        event_node = iris.child(node, "event", index)
        b.add(event_node, RDF_TYPE, SG.AgreementEvent)
        b.add(node, SG.hasEvent, event_node)
        b.text(event_node, SG.eventKind, event.kind.value)
        b.date(event_node, SG.eventDate, event.date)
        if event.actor:
            b.add(event_node, SG.actor, b.organization(event.actor))
        b.text(event_node, SG.reason, event.reason)
        b.provenance(event_node, event)


def _officer_change(
    b: Builder, change: OfficerChange, registrant: ox.NamedNode, attested: dt.date | None
) -> None:
    person = b.entity(change.person, cls=SG.Person)
    organization = b.organization(change.organization) if change.organization else registrant
    kind = SG.Director if change.role == "director" else SG.Officer
    starts = change.kind in _STARTS
    role = b.role(
        person,
        organization,
        kind,
        change,
        title=change.title,
        start=change.effective_date if starts else None,
        end=None if starts else change.effective_date,
        as_of=attested,
    )
    b.text(role, SG.changeKind, change.kind.value)
