"""Typed records of SEC filings. No I/O, no rendering."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from secgraph.models.codes import (
    TRANSACTION_CODE_MEANINGS,
    AcquiredDisposed,
    OwnershipNature,
    TransactionCode,
)
from secgraph.models.common import (
    Address,
    EntityKind,
    FilerRef,
    FilingInfo,
    Footnote,
    InputFormat,
    Issuer,
    ParseWarning,
    PersonName,
    Record,
    Signature,
    Span,
)
from secgraph.models.eightk import (
    Agreement,
    AgreementEvent,
    AgreementEventKind,
    AgreementType,
    EightKFiling,
    Exhibit,
    FilingReference,
    Item,
    OfficerChange,
    OfficerChangeKind,
    Organization,
)
from secgraph.models.formd import (
    FormDFiling,
    FormDIssuer,
    IncorporationAge,
    Offering,
    RelatedPerson,
    RelatedRelationship,
    SalesCompensation,
)
from secgraph.models.ownership import (
    Holding,
    OwnerRelationship,
    OwnershipFiling,
    ReportingOwner,
    Transaction,
)

Document = Annotated[OwnershipFiling | FormDFiling | EightKFiling, Field(discriminator="kind")]


class ParsedFiling(BaseModel):
    """What a parser returns: one document and the warnings about its gaps."""

    model_config = ConfigDict(extra="forbid")

    document: Document
    warnings: list[ParseWarning] = Field(default_factory=list)


__all__ = [
    "TRANSACTION_CODE_MEANINGS",
    "AcquiredDisposed",
    "Address",
    "Agreement",
    "AgreementEvent",
    "AgreementEventKind",
    "AgreementType",
    "Document",
    "EightKFiling",
    "EntityKind",
    "Exhibit",
    "FilerRef",
    "FilingInfo",
    "FilingReference",
    "Footnote",
    "FormDFiling",
    "FormDIssuer",
    "Holding",
    "IncorporationAge",
    "InputFormat",
    "Issuer",
    "Item",
    "Offering",
    "OfficerChange",
    "OfficerChangeKind",
    "Organization",
    "OwnerRelationship",
    "OwnershipFiling",
    "OwnershipNature",
    "ParseWarning",
    "ParsedFiling",
    "PersonName",
    "Record",
    "RelatedPerson",
    "RelatedRelationship",
    "ReportingOwner",
    "SalesCompensation",
    "Signature",
    "Span",
    "Transaction",
    "TransactionCode",
]
