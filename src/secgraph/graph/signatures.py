"""Signature lines -> ``sg:Signature`` nodes: evidence about the filing, linked to entities.

A signature line is what a filing prints, not who someone is. Each one becomes
``<filing>/signature/<n>`` with the printed text (``sg:signatureText``), its date and span, and
links to entities only: ``sg:signer`` (the person who signed, when a person's name was read),
``sg:signedFor`` (the principal: the reporting owner an attorney-in-fact signs for, the first
organization of a "By:" chain, the company an officer signs for) and ``sg:signedThrough`` (the
general partners and managers in between). Each name is first looked up among the entities the
filing already names (:meth:`~secgraph.graph.builder.Builder.known_entity`); a new person is
made only from a name that reads as one (:func:`~secgraph.normalize.names.doubtful_person_name`),
and what was left empty is said in a ``sg:parseWarning`` of the filing.

The filing is ``sg:signedBy`` the person who signed in their own name or as an officer, and by
the entity signed for (unless it is the filing's own subject company); an attorney-in-fact is
only the signature's ``sg:signer``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph as ox

from secgraph.graph.builder import Builder
from secgraph.graph.vocab import RDF_TYPE, SG
from secgraph.models import PersonName, Signature
from secgraph.normalize.names import (
    doubtful_company_name,
    doubtful_person_name,
    looks_like_organization,
)
from secgraph.normalize.signatures import SignatureParts, parse_signature


def map_signature(
    b: Builder,
    signature: Signature,
    index: int,
    *,
    subject: ox.NamedNode | None,
    owners: Sequence[ox.NamedNode] = (),
    company: ox.NamedNode | None = None,
) -> tuple[ox.NamedNode | None, ox.NamedNode | None, SignatureParts]:
    """Map one signature; ``subject`` is the filing's subject company, ``owners`` its reporting
    owners ("Attorney-in-Fact for the Reporting Person"), ``company`` the company an unlinked
    "on behalf of" falls back to (an 8-K's registrant, a Form D's issuer).

    Returns the person who signed in their own right (None for an attorney-in-fact, or when
    no person's name was read), the entity signed for, and the parts read.
    """
    parts = parse_signature(signature.name, signature.title)
    if not signature.name and not signature.on_behalf_of:
        return None, None, parts
    node = b.iris.node("signature", index)
    b.add(node, RDF_TYPE, SG.Signature)
    b.add(b.filing, SG.hasSignature, node)
    b.text(node, SG.signatureText, signature.name or signature.on_behalf_of)
    b.text(node, SG.capacity, parts.capacity)
    if parts.attorney_in_fact:
        b.boolean(node, SG.attorneyInFact, True)
    b.date(node, SG.signatureDate, signature.date)
    b.provenance(node, signature)

    signer = _person(b, parts.signer) if parts.signer else None
    if signer is not None:
        b.add(node, SG.signer, signer)
    principal = _principal(b, parts, signature, owners, company)
    if principal is not None and principal != signer:
        b.add(node, SG.signedFor, principal)
    for name, _capacity in parts.through:
        between = b.known_entity(name) or b.organization(name)
        if between not in (principal, signer):
            b.add(node, SG.signedThrough, between)
    for doubt in parts.doubts:
        b.text(b.filing, SG.parseWarning, f"signature_doubt: {doubt}")

    own = signer if signer is not None and not parts.attorney_in_fact else None
    if own is not None:
        b.once(b.filing, SG.signedBy, own)
    if principal is not None and principal not in (subject, own):
        b.once(b.filing, SG.signedBy, principal)
    return own, principal, parts


def _person(b: Builder, name: str) -> ox.NamedNode:
    """The filing's mention of ``name``, else a new person (the name passed the guard)."""
    node = b.known_entity(name)
    if node is None:
        return b.entity(PersonName(full=name), cls=SG.Person)
    b.text(node, SG.name, name)  # the signature prints it in its own (natural) order
    return node


def _principal(
    b: Builder,
    parts: SignatureParts,
    signature: Signature,
    owners: Sequence[ox.NamedNode],
    company: ox.NamedNode | None,
) -> ox.NamedNode | None:
    if parts.principal:
        known = b.known_entity(parts.principal)
        if known is not None:
            return known
        if looks_like_organization(parts.principal):
            return b.organization(parts.principal)
        if doubtful_person_name(parts.principal) is None:
            return b.entity(PersonName(full=parts.principal), cls=SG.Person)
        b.text(
            b.filing,
            SG.parseWarning,
            f"signature_doubt: signed for {parts.principal!r}, which is not a name: not linked",
        )
        return None
    if parts.for_reporting_person or (parts.attorney_in_fact and owners):
        # An ownership form's signature is the reporting person's: an attorney-in-fact who
        # names no principal signs for the one reporting person (not for one of several).
        return owners[0] if len(owners) == 1 else None
    if signature.on_behalf_of:
        known = b.known_company(signature.on_behalf_of)
        if known is not None or doubtful_company_name(signature.on_behalf_of):
            return known or company
        # A co-registrant signing beside the registrant (Kentucky Utilities Company on
        # Louisville Gas and Electric's 8-K, 0001104659-03-004925).
        return b.organization(signature.on_behalf_of)
    return None
