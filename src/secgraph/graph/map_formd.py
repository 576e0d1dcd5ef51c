"""Form D -> RDF: issuers, related persons and their roles, the offering, the signers.

Related persons hold one role per ticked relationship (executive officer, director,
promoter) at the primary issuer, as of the signature date. A signer with a title (``CFO``)
holds an officer role with that title at the issuer they signed for.
"""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox

from secgraph.graph.builder import Builder, display_name
from secgraph.graph.signatures import map_signature
from secgraph.graph.vocab import RDF_TYPE, SG
from secgraph.models import (
    EntityKind,
    FormDFiling,
    Offering,
    RelatedPerson,
    RelatedRelationship,
    Signature,
)
from secgraph.normalize.names import looks_like_organization

_RELATIONSHIPS = {
    RelatedRelationship.EXECUTIVE_OFFICER: SG.ExecutiveOfficer,
    RelatedRelationship.DIRECTOR: SG.Director,
    RelatedRelationship.PROMOTER: SG.Promoter,
}


def map_formd(b: Builder, doc: FormDFiling) -> None:
    f = b.filing
    issuers = [b.company(issuer) for issuer in doc.issuers]
    primary = issuers[0] if issuers else None
    if primary is not None:
        b.add(f, SG.filingSubject, primary)
    signed = doc.filing.signature_date or next(
        (s.date for s in doc.signatures if s.date is not None), None
    )
    if doc.filing.signature_date is None:
        b.date(f, SG.signatureDate, signed)
    for person in doc.related_persons:
        node = b.entity(person.name, cls=_related_class(person))
        b.address(node, person.address)
        if primary is None:
            continue
        for relationship in person.relationships:
            role = b.role(node, primary, _RELATIONSHIPS[relationship], person, as_of=signed)
            b.text(role, SG.clarification, person.clarification)
    _offering(b, doc.offering, issuers)
    for index, signature in enumerate(doc.signatures, start=1):
        _signer(b, signature, index, issuers, signed)


def _related_class(person: RelatedPerson) -> ox.NamedNode:
    """Form D lists general partners and managing members (organizations) beside people."""
    if person.kind is EntityKind.ORGANIZATION:
        return SG.Organization
    if person.kind is EntityKind.UNKNOWN and looks_like_organization(display_name(person.name)):
        return SG.Organization
    return SG.Person


def _signer(
    b: Builder,
    signature: Signature,
    index: int,
    issuers: list[ox.NamedNode],
    signed: dt.date | None,
) -> None:
    primary = issuers[0] if issuers else None
    node, principal, parts = map_signature(b, signature, index, subject=primary, company=primary)
    if node is None or not parts.capacity or primary is None:
        return
    b.role(
        node,
        principal or primary,
        SG.Officer,
        signature,
        title=parts.capacity,
        as_of=signature.date or signed,
    )


def _offering(b: Builder, offering: Offering, issuers: list[ox.NamedNode]) -> None:
    node = b.iris.node("offering")
    b.add(node, RDF_TYPE, SG.Offering)
    b.add(b.filing, SG.hasOffering, node)
    for issuer in issuers:
        b.add(node, SG.organization, issuer)
    b.texts(node, SG.exemption, offering.exemptions)
    b.text(node, SG.industryGroup, offering.industry_group)
    b.text(node, SG.revenueRange, offering.revenue_range)
    b.text(node, SG.netAssetValueRange, offering.aggregate_net_asset_value_range)
    b.date(node, SG.dateOfFirstSale, offering.date_of_first_sale)
    b.boolean(node, SG.firstSaleYetToOccur, offering.first_sale_yet_to_occur)
    b.boolean(node, SG.moreThanOneYear, offering.more_than_one_year)
    b.texts(node, SG.securityType, offering.security_types)
    b.text(node, SG.otherSecurityDescription, offering.security_other_description)
    b.boolean(node, SG.businessCombination, offering.business_combination)
    b.decimal(node, SG.minimumInvestment, offering.minimum_investment)
    b.decimal(node, SG.totalOfferingAmount, offering.total_offering_amount)
    b.boolean(node, SG.offeringIndefinite, offering.total_offering_indefinite)
    b.decimal(node, SG.totalAmountSold, offering.total_amount_sold)
    b.decimal(node, SG.totalRemaining, offering.total_remaining)
    b.boolean(node, SG.remainingIndefinite, offering.total_remaining_indefinite)
    b.boolean(node, SG.hasNonAccreditedInvestors, offering.has_non_accredited_investors)
    b.integer(node, SG.nonAccreditedInvestors, offering.non_accredited_investors)
    b.integer(node, SG.totalInvestors, offering.total_investors)
    b.decimal(node, SG.salesCommissions, offering.sales_commissions)
    b.decimal(node, SG.findersFees, offering.finders_fees)
    b.decimal(node, SG.grossProceedsUsed, offering.gross_proceeds_used)
    b.text(node, SG.useOfProceeds, offering.use_of_proceeds_clarification)
    if offering.previous_accession:
        b.amends(offering.previous_accession)
    b.provenance(node, offering)
    for index, comp in enumerate(offering.sales_compensation, start=1):
        recipient = b.iris.node("offering", "compensation", index)
        b.add(recipient, RDF_TYPE, SG.SalesCompensation)
        b.add(node, SG.salesCompensation, recipient)
        b.text(recipient, SG.recipientName, comp.recipient)
        b.text(recipient, SG.recipientCrd, comp.recipient_crd)
        b.text(recipient, SG.brokerDealerName, comp.broker_dealer)
        b.text(recipient, SG.brokerDealerCrd, comp.broker_dealer_crd)
        b.texts(recipient, SG.solicitationState, comp.states)
        b.provenance(recipient, comp)
