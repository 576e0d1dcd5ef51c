"""Forms 3, 4 and 5 -> RDF: issuer, reporting owners and their roles, Table I/II rows.

A reporting owner holds one ``sg:Role`` per ticked relationship box, as of the period date
(else the signature date). A Form 3's period date is its date of event requiring the
statement: the owner is a reporting insider from then (``sg:insiderSince``), which is not when
the role began (an officer since 2013 files a Form 3 at the IPO), so no ownership filing
states a start date. Each row is a transaction or holding node (``<filing>/tx/nd/0``,
``<filing>/holding/d/1``) with every value of the record, its footnotes as annotations on
the exact property they qualify, and its source span.
"""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox

from secgraph.graph import iris
from secgraph.graph.builder import Builder
from secgraph.graph.signatures import map_signature
from secgraph.graph.vocab import RDF_TYPE, SG
from secgraph.models import EntityKind, Holding, OwnershipFiling, ReportingOwner, Transaction
from secgraph.normalize.names import looks_like_organization

# Record field -> the property that states it; footnote annotations name the same property.
TRANSACTION_PROPERTIES: dict[str, ox.NamedNode] = {
    "security": SG.securityTitle,
    "date": SG.transactionDate,
    "deemed_execution_date": SG.deemedExecutionDate,
    "code": SG.transactionCode,
    "equity_swap": SG.equitySwap,
    "shares": SG.shares,
    "price": SG.pricePerShare,
    "acquired_disposed": SG.acquiredDisposed,
    "shares_after": SG.sharesOwnedAfter,
    "value_after": SG.valueOwnedAfter,
    "ownership": SG.ownershipForm,
    "nature_of_ownership": SG.natureOfOwnership,
    "timeliness": SG.timeliness,
    "exercise_price": SG.exercisePrice,
    "exercisable_date": SG.exercisableDate,
    "expiration_date": SG.expirationDate,
    "underlying_security": SG.underlyingSecurity,
    "underlying_shares": SG.underlyingShares,
    "form_type": SG.rowFormType,
    "total_value": SG.totalValue,
    "underlying_value": SG.underlyingValue,
}
HOLDING_PROPERTIES: dict[str, ox.NamedNode] = {
    **{
        k: v
        for k, v in TRANSACTION_PROPERTIES.items()
        if k not in {"shares_after", "value_after", "total_value", "date", "code", "price"}
    },
    "value": SG.valueOwned,
}
_CODES = {letter: SG.term(f"TransactionCode{letter}") for letter in "PSVADFIMCEHOXGLWZJKU"}


def map_ownership(b: Builder, doc: OwnershipFiling) -> None:
    f = b.filing
    issuer = b.company(doc.issuer)
    b.add(f, SG.filingSubject, issuer)
    info = doc.filing
    initial = info.form_type.strip().startswith("3")
    as_of = info.period_date or info.signature_date
    owners: list[ox.NamedNode] = []
    for index, owner in enumerate(doc.owners, start=1):
        node = _owner(b, owner, index)
        owners.append(node)
        b.add(f, SG.filer, node)
        _roles(b, owner, node, issuer, since=info.period_date if initial else None, as_of=as_of)
    for tx in doc.transactions:
        _transaction(b, tx, owners, issuer)
    for holding in doc.holdings:
        _holding(b, holding, owners, issuer)
    for footnote in doc.footnote_texts:
        b.footnote(footnote.id, footnote.text, footnote)
    b.text(f, SG.remarks, doc.remarks)
    b.boolean(f, SG.notSubjectToSection16, doc.not_subject_to_section16)
    b.boolean(f, SG.rule10b5One, doc.rule_10b5_1)
    b.boolean(f, SG.noSecuritiesOwned, doc.no_securities_owned)
    b.boolean(f, SG.jointFiling, doc.joint_filing)
    b.boolean(f, SG.form3HoldingsReported, doc.form3_holdings_reported)
    b.boolean(f, SG.form4TransactionsReported, doc.form4_transactions_reported)
    if doc.date_of_original is not None and info.date_of_original is None:
        b.date(f, SG.dateOfOriginal, doc.date_of_original)
    for index, signature in enumerate(doc.signatures, start=1):
        map_signature(b, signature, index, subject=issuer, owners=owners)
        if info.signature_date is None:
            b.date(f, SG.signatureDate, signature.date)


def _owner(b: Builder, owner: ReportingOwner, index: int) -> ox.NamedNode:
    """Person, organization, or (kind unknown and no hint) a plain ``sg:Entity``.

    Directors and officers are natural persons; otherwise a legal-form or vehicle word in
    the name (``LLC``, ``Fund``...) marks an organization. The hint is never stronger than
    that: an unknown owner without one stays ``sg:Entity``.
    """
    rel = owner.relationship
    if owner.kind is EntityKind.PERSON:
        cls = SG.Person
    elif owner.kind is EntityKind.ORGANIZATION:
        cls = SG.Organization
    elif rel.is_director or rel.is_officer:
        cls = SG.Person
    elif owner.name is not None and looks_like_organization(owner.name.full or owner.name.last):
        cls = SG.Organization
    elif owner.name is None:
        cls = SG.Person  # an unnamed reporting person: kept apart, never merged
    else:
        cls = SG.Entity
    node = b.entity(owner.name, cls=cls, cik=owner.cik, index=index)
    name = owner.name
    if cls != SG.Organization and name is not None and name.full and not (name.first or name.last):
        # The form prints the reporting person LAST FIRST MIDDLE; say so for the resolver,
        # which would otherwise have to guess the order (nameparser is too slow to call here).
        b.text(node, SG.conformedName, name.full.strip())
    b.address(node, owner.address)
    return node


def _roles(
    b: Builder,
    owner: ReportingOwner,
    holder: ox.NamedNode,
    issuer: ox.NamedNode,
    *,
    since: dt.date | None,
    as_of: dt.date | None,
) -> None:
    rel = owner.relationship
    kinds: list[tuple[ox.NamedNode, str | None]] = []
    if rel.is_director:
        kinds.append((SG.Director, None))
    if rel.is_officer:
        kinds.append((SG.Officer, rel.officer_title))
    if rel.is_ten_percent_owner:
        kinds.append((SG.TenPercentOwner, None))
    if rel.is_other:
        kinds.append((SG.OtherRole, None))
    for kind, title in kinds:
        role = b.role(
            holder,
            issuer,
            kind,
            rel,
            title=title,
            as_of=as_of,
            insider_since=since,
        )
        if kind == SG.OtherRole:
            b.text(role, SG.otherText, rel.other_text)


def _row(
    b: Builder,
    node: ox.NamedNode,
    cls: ox.NamedNode,
    row: Transaction | Holding,
    *,
    owners: list[ox.NamedNode],
    issuer: ox.NamedNode,
) -> None:
    b.add(node, RDF_TYPE, cls)
    for owner in owners:
        b.add(node, SG.holder, owner)
    b.add(node, SG.organization, issuer)
    b.boolean(node, SG.isDerivative, row.derivative)
    b.integer(node, SG.rowIndex, row.row)
    if row.security:
        security = iris.security_iri(issuer, row.security)
        b.add(node, SG.security, security)
        b.text(node, SG.securityTitle, row.security)
        if b.typed(security, SG.Security):
            b.text(security, SG.securityTitle, row.security)
            b.add(security, SG.organization, issuer)
            b.add(security, SG.sourceFiling, b.filing)
    b.decimal(node, SG.shares, row.shares)
    b.text(node, SG.ownershipForm, row.ownership.value if row.ownership else None)
    b.text(node, SG.natureOfOwnership, row.nature_of_ownership)
    b.decimal(node, SG.exercisePrice, row.exercise_price)
    b.date(node, SG.exercisableDate, row.exercisable_date)
    b.date(node, SG.expirationDate, row.expiration_date)
    b.text(node, SG.underlyingSecurity, row.underlying_security)
    b.decimal(node, SG.underlyingShares, row.underlying_shares)
    b.decimal(node, SG.underlyingValue, row.underlying_value)
    b.text(node, SG.rowFormType, row.form_type)
    b.provenance(node, row)


def _transaction(
    b: Builder, tx: Transaction, owners: list[ox.NamedNode], issuer: ox.NamedNode
) -> None:
    table = "d" if tx.derivative else "nd"
    node = b.iris.node("tx", table, tx.row)
    cls = SG.DerivativeTransaction if tx.derivative else SG.NonDerivativeTransaction
    _row(b, node, cls, tx, owners=owners, issuer=issuer)
    b.date(node, SG.transactionDate, tx.date)
    b.date(node, SG.deemedExecutionDate, tx.deemed_execution_date)
    if tx.code is not None:
        b.add(node, SG.transactionCode, _CODES[tx.code.value])
    b.boolean(node, SG.equitySwap, tx.equity_swap)
    b.decimal(node, SG.pricePerShare, tx.price)
    b.text(node, SG.acquiredDisposed, tx.acquired_disposed.value if tx.acquired_disposed else None)
    b.decimal(node, SG.sharesOwnedAfter, tx.shares_after)
    b.decimal(node, SG.valueOwnedAfter, tx.value_after)
    b.decimal(node, SG.totalValue, tx.total_value)
    b.text(node, SG.timeliness, tx.timeliness)
    if tx.footnotes:
        b.annotate(node, tx, TRANSACTION_PROPERTIES)


def _holding(b: Builder, h: Holding, owners: list[ox.NamedNode], issuer: ox.NamedNode) -> None:
    table = "d" if h.derivative else "nd"
    node = b.iris.node("holding", table, h.row)
    cls = SG.DerivativeHolding if h.derivative else SG.NonDerivativeHolding
    _row(b, node, cls, h, owners=owners, issuer=issuer)
    b.decimal(node, SG.valueOwned, h.value)
    if h.footnotes:
        b.annotate(node, h, HOLDING_PROPERTIES)
