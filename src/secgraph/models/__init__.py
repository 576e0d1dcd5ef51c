"""Typed records of SEC filings. No I/O, no rendering.

The names below are imported from their modules on first use (PEP 562), so that reading an
enum (``from secgraph.models.codes import InputFormat``) does not load pydantic and every
model: ``secgraph --help`` lists the forms from the parser registry without them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from secgraph.models.codes import (
        TRANSACTION_CODE_MEANINGS,
        AcquiredDisposed,
        InputFormat,
        OwnershipNature,
        TransactionCode,
    )
    from secgraph.models.common import (
        Address,
        EntityKind,
        FilerRef,
        FilingInfo,
        Footnote,
        Issuer,
        ParseWarning,
        PersonName,
        Record,
        Signature,
        Span,
    )
    from secgraph.models.eightk import (
        Acquisition,
        Agreement,
        AgreementEvent,
        AgreementEventKind,
        AgreementType,
        EightKFiling,
        Exhibit,
        FilingReference,
        Item,
        Obligation,
        OfficerChange,
        OfficerChangeKind,
        Organization,
        OutsideRole,
    )
    from secgraph.models.filing import Document, ParsedFiling
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

# Where the public names live, searched in this order by __getattr__.
_MODULES = ("codes", "common", "eightk", "formd", "ownership", "filing")


def __getattr__(name: str) -> Any:
    if name in __all__:
        for module in _MODULES:
            found = importlib.import_module(f"{__name__}.{module}")
            if hasattr(found, name):
                value = getattr(found, name)
                globals()[name] = value
                return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "TRANSACTION_CODE_MEANINGS",
    "AcquiredDisposed",
    "Acquisition",
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
    "Obligation",
    "Offering",
    "OfficerChange",
    "OfficerChangeKind",
    "Organization",
    "OutsideRole",
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
