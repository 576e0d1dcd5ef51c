"""Form 8-K current reports: items, organizations, agreements, acquisitions, financial
obligations and officer changes."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import Field

from secgraph.models.common import FilingInfo, Issuer, PersonName, Record, Signature


class Item(Record):
    number: str  # "1.02"
    title: str | None = None
    text: str


class Organization(Record):
    """An organization named in the text. Other records refer to it by ``name``."""

    name: str
    defined_terms: list[str] = Field(default_factory=list)  # "the Company", "Tedom USA"
    jurisdiction: str | None = None
    entity_type: str | None = None  # "limited liability company", "corporation"
    description: str | None = None
    parent: str | None = None  # name of the parent organization
    members: list[str] = Field(default_factory=list)  # names of member organizations (LLCs)
    board_size: int | None = None
    # earlier names the text gives it: "JPMorgan Chase Bank, N.A. (formerly The Chase
    # Manhattan Bank, N.A.)"
    former_names: list[str] = Field(default_factory=list)
    formed_under: str | None = None  # name of the agreement it was formed under
    is_registrant: bool = False


class AgreementType(StrEnum):
    JOINT_VENTURE = "joint_venture"
    LLC_AGREEMENT = "llc_agreement"
    SUPPLY = "supply"
    MERGER = "merger"
    PURCHASE = "purchase"
    CREDIT = "credit"
    EMPLOYMENT = "employment"
    SEPARATION = "separation"
    CHANGE_IN_CONTROL = "change_in_control"
    UNDERWRITING = "underwriting"
    INDENTURE = "indenture"
    LICENSE = "license"
    LEASE = "lease"
    OTHER = "other"


class AgreementEventKind(StrEnum):
    ENTERED = "entered"
    AMENDED = "amended"
    TERMINATED = "terminated"
    DISSOLUTION_STARTED = "dissolution_started"
    DISSOLVED = "dissolved"
    COMPLETED = "completed"


class AgreementEvent(Record):
    kind: AgreementEventKind
    date: dt.date | None = None
    actor: str | None = None  # organization name that acted (gave notice, ...)
    reason: str | None = None


class Agreement(Record):
    name: str  # "joint venture agreement"
    defined_terms: list[str] = Field(default_factory=list)  # "JVA"
    type: AgreementType = AgreementType.OTHER
    parties: list[str] = Field(default_factory=list)  # organization names
    people: list[PersonName] = Field(default_factory=list)  # people who are parties
    date: dt.date | None = None
    events: list[AgreementEvent] = Field(default_factory=list)
    item: str | None = None  # the item number it was reported under


class OfficerChangeKind(StrEnum):
    APPOINTED = "appointed"
    ELECTED = "elected"
    DEPARTED = "departed"
    RESIGNED = "resigned"
    RETIRED = "retired"
    TERMINATED = "terminated"
    NOT_RENOMINATED = "not_renominated"


class OfficerChange(Record):
    """An Item 5.02 change. ``role`` is "director" or "officer"; ``title`` as printed."""

    person: PersonName
    kind: OfficerChangeKind
    role: Literal["director", "officer"]
    title: str | None = None
    effective_date: dt.date | None = None
    organization: str | None = None


class OutsideRole(Record):
    """A post the text says a person holds or held at another organization ("Mr. Dorsey is
    Chairman of the Board of Directors of Twitter, Inc."). ``current`` is True for the
    present tense (held as of the report), False for a past one ("served as ... from 2020
    to 2023"); the text's years are not dates and are not kept as such."""

    person: PersonName
    organization: str
    role: Literal["director", "officer"]
    title: str | None = None
    current: bool


class Acquisition(Record):
    """An acquisition or a disposition the 8-K reports (Item 2.01, old Item 2): what changed
    hands (``target``: an organization's name, or the assets as printed: "the Company's
    Document Imaging division"), who bought and who sold, the consideration as printed
    ("approximately $157 million in cash") and the day it was completed. ``pending`` is True
    while the text only speaks of it as to come ("its acquisition of AdvancePierre" funded by
    an offering): it then has no date."""

    direction: Literal["acquisition", "disposition"]
    target: str
    target_organization: str | None = None  # the target when it is an organization named
    buyer: str | None = None
    seller: str | None = None
    price: str | None = None
    date: dt.date | None = None
    pending: bool = False


class Obligation(Record):
    """A direct financial obligation (a term loan, a credit facility, notes under an
    indenture) and the organizations the text names on its lending side: ``lenders`` and
    ``agents`` (administrative, syndication or documentation agents, trustees), read from
    "X, as administrative agent" or a definition ("X (the "Lender")") in the sentence that
    enters into it, or from its exhibit line. ``instrument`` is the agreement's name."""

    instrument: str
    borrower: str | None = None
    lenders: list[str] = Field(default_factory=list)
    agents: list[str] = Field(default_factory=list)
    date: dt.date | None = None


class FilingReference(Record):
    """A filing the text points to ("our 8-K filed with the SEC on May 24, 2016")."""

    form_type: str
    filed_date: dt.date | None = None


class Exhibit(Record):
    """A document of the filing other than the main one (press release, agreement)."""

    sequence: int | None = None
    document_type: str | None = None  # "EX-99.1"
    description: str | None = None
    filename: str | None = None
    text: str | None = None


class EightKFiling(Record):
    kind: Literal["8k"] = "8k"
    filing: FilingInfo
    company: Issuer
    items: list[Item] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
    officer_changes: list[OfficerChange] = Field(default_factory=list)
    other_roles: list[OutsideRole] = Field(default_factory=list)
    acquisitions: list[Acquisition] = Field(default_factory=list)
    obligations: list[Obligation] = Field(default_factory=list)
    references: list[FilingReference] = Field(default_factory=list)
    exhibits: list[Exhibit] = Field(default_factory=list)
    signatures: list[Signature] = Field(default_factory=list)
