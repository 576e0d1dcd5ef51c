"""Forms 3, 4 and 5 (and their amendments): one shape whatever the input format."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import Field

from secgraph.models.codes import AcquiredDisposed, OwnershipNature, TransactionCode
from secgraph.models.common import (
    Address,
    EntityKind,
    FilingInfo,
    Footnote,
    Issuer,
    PersonName,
    Record,
    Signature,
)


class OwnerRelationship(Record):
    """The boxes ticked. A text conversion whose relationship box could not be read leaves
    the four flags None (unknown), never False (not ticked)."""

    is_director: bool | None = False
    is_officer: bool | None = False
    is_ten_percent_owner: bool | None = False
    is_other: bool | None = False
    officer_title: str | None = None
    other_text: str | None = None


class ReportingOwner(Record):
    """A reporting person. ``name`` is None when the document leaves it blank (never guessed)."""

    cik: str | None = None
    name: PersonName | None = None
    kind: EntityKind = EntityKind.UNKNOWN
    address: Address | None = None
    relationship: OwnerRelationship = Field(default_factory=OwnerRelationship)


class Transaction(Record):
    """A row of Table I (``derivative=False``) or Table II (``derivative=True``) that reports a
    transaction. ``row`` is the 0-based index among the transactions of its table."""

    derivative: bool
    row: int
    security: str | None = None
    date: dt.date | None = None
    deemed_execution_date: dt.date | None = None
    code: TransactionCode | None = None
    equity_swap: bool | None = None
    shares: Decimal | None = None
    price: Decimal | None = None
    acquired_disposed: AcquiredDisposed | None = None
    shares_after: Decimal | None = None
    value_after: Decimal | None = None
    ownership: OwnershipNature | None = None
    nature_of_ownership: str | None = None
    timeliness: str | None = None
    # Table II only
    exercise_price: Decimal | None = None
    exercisable_date: dt.date | None = None
    expiration_date: dt.date | None = None
    underlying_security: str | None = None
    underlying_shares: Decimal | None = None
    # XML only: the form the row was due on (a Form 5 carries late "4" rows), a value given
    # instead of a share count (transactionTotalValue, underlyingSecurityValue).
    form_type: str | None = None
    total_value: Decimal | None = None
    underlying_value: Decimal | None = None


class Holding(Record):
    """A row of Table I or II that reports a holding with no transaction (Form 3 rows, and
    holdings lines of Forms 4 and 5). ``row`` is the 0-based index among its table's holdings."""

    derivative: bool
    row: int
    security: str | None = None
    shares: Decimal | None = None
    value: Decimal | None = None
    ownership: OwnershipNature | None = None
    nature_of_ownership: str | None = None
    # Table II only
    exercise_price: Decimal | None = None
    exercisable_date: dt.date | None = None
    expiration_date: dt.date | None = None
    underlying_security: str | None = None
    underlying_shares: Decimal | None = None
    # XML only (see Transaction)
    form_type: str | None = None
    underlying_value: Decimal | None = None


class OwnershipFiling(Record):
    kind: Literal["ownership"] = "ownership"
    filing: FilingInfo
    issuer: Issuer
    owners: list[ReportingOwner] = Field(default_factory=list)
    transactions: list[Transaction] = Field(default_factory=list)
    holdings: list[Holding] = Field(default_factory=list)
    footnote_texts: list[Footnote] = Field(default_factory=list)
    remarks: str | None = None
    signatures: list[Signature] = Field(default_factory=list)
    not_subject_to_section16: bool | None = None
    rule_10b5_1: bool | None = None
    no_securities_owned: bool | None = None
    joint_filing: bool | None = None
    date_of_original: dt.date | None = None
    # Form 5 boxes: holdings previously due on Form 3 / transactions due on Form 4 reported here
    form3_holdings_reported: bool | None = None
    form4_transactions_reported: bool | None = None
