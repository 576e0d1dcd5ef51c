"""Form D (notice of exempt offering) and D/A."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import Field

from secgraph.models.common import (
    Address,
    EntityKind,
    FilingInfo,
    Issuer,
    PersonName,
    Record,
    Signature,
)


class RelatedRelationship(StrEnum):
    EXECUTIVE_OFFICER = "executive_officer"
    DIRECTOR = "director"
    PROMOTER = "promoter"


class IncorporationAge(StrEnum):
    OVER_FIVE_YEARS = "over_five_years"
    WITHIN_FIVE_YEARS = "within_five_years"
    YET_TO_BE_FORMED = "yet_to_be_formed"


class RelatedPerson(Record):
    name: PersonName
    kind: EntityKind = EntityKind.UNKNOWN  # Form D lists general partners and managers too
    address: Address | None = None
    relationships: list[RelatedRelationship] = Field(default_factory=list)
    clarification: str | None = None


class FormDIssuer(Issuer):
    year_of_incorporation: int | None = None
    incorporation_age: IncorporationAge | None = None


class SalesCompensation(Record):
    recipient: str | None = None
    recipient_crd: str | None = None
    broker_dealer: str | None = None
    broker_dealer_crd: str | None = None
    states: list[str] = Field(default_factory=list)


class Offering(Record):
    industry_group: str | None = None
    revenue_range: str | None = None
    aggregate_net_asset_value_range: str | None = None
    exemptions: list[str] = Field(default_factory=list)
    is_amendment: bool | None = None
    previous_accession: str | None = None
    date_of_first_sale: dt.date | None = None
    first_sale_yet_to_occur: bool | None = None
    more_than_one_year: bool | None = None
    security_types: list[str] = Field(default_factory=list)
    security_other_description: str | None = None
    business_combination: bool | None = None
    minimum_investment: Decimal | None = None
    total_offering_amount: Decimal | None = None
    total_offering_indefinite: bool = False
    total_amount_sold: Decimal | None = None
    total_remaining: Decimal | None = None
    total_remaining_indefinite: bool = False
    has_non_accredited_investors: bool | None = None
    non_accredited_investors: int | None = None
    total_investors: int | None = None
    sales_commissions: Decimal | None = None
    finders_fees: Decimal | None = None
    gross_proceeds_used: Decimal | None = None
    use_of_proceeds_clarification: str | None = None
    sales_compensation: list[SalesCompensation] = Field(default_factory=list)


class FormDFiling(Record):
    kind: Literal["form_d"] = "form_d"
    filing: FilingInfo
    issuers: list[FormDIssuer] = Field(default_factory=list)  # the primary issuer first
    related_persons: list[RelatedPerson] = Field(default_factory=list)
    offering: Offering = Field(default_factory=Offering)
    signatures: list[Signature] = Field(default_factory=list)
