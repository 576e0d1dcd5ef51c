"""Shapes shared by every form family: spans, addresses, signatures, filing metadata."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from secgraph.models.codes import InputFormat  # re-exported: its home before codes.py


class Span(BaseModel):
    """Where a value came from in its source.

    ``line`` is 1-based in the decoded (text) or parsed (XML/HTML) document; ``start``/``end``
    are character offsets in the normalized text the parser read; ``path`` is the element path
    for XML sources (``/ownershipDocument/nonDerivativeTable/nonDerivativeTransaction[2]``).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    line: int | None = None
    start: int | None = None
    end: int | None = None
    path: str | None = None


class Record(BaseModel):
    """Base of every extracted record.

    ``spans`` maps a field name to where its value was read; ``footnotes`` maps a field name
    to the footnote ids (``F1``...) that annotate that exact value. Missing values are ``None``,
    never ``""``.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    spans: dict[str, Span] = Field(default_factory=dict)
    footnotes: dict[str, list[str]] = Field(default_factory=dict)


def map_spans(obj: BaseModel, change: Callable[[Span], Span]) -> None:
    """Replace every span of ``obj`` and of the records under it (fields and lists) by
    ``change`` of it, in place: where a part of a document was read from within a larger
    one (its lines shifted, its path named)."""
    if isinstance(obj, Record):
        for key, span in list(obj.spans.items()):
            obj.spans[key] = change(span)
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        for item in value if isinstance(value, list) else (value,):
            if isinstance(item, BaseModel):
                map_spans(item, change)


class EntityKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    UNKNOWN = "unknown"


class Address(Record):
    street1: str | None = None
    street2: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    country: str | None = None


class Footnote(Record):
    id: str
    text: str


class Signature(Record):
    name: str | None = None
    title: str | None = None
    on_behalf_of: str | None = None
    date: dt.date | None = None


class PersonName(Record):
    """A person's name as printed, and its parts when the source gives or implies them."""

    full: str | None = None
    first: str | None = None
    middle: str | None = None
    last: str | None = None
    suffix: str | None = None


class Issuer(Record):
    """The company a filing is about (Form 3/4/5 issuer, Form D issuer, 8-K registrant)."""

    name: str | None = None
    cik: str | None = None
    ticker: str | None = None
    jurisdiction: str | None = None
    entity_type: str | None = None
    address: Address | None = None
    phone: str | None = None
    previous_names: list[str] = Field(default_factory=list)
    sic: str | None = None
    fiscal_year_end: str | None = None
    file_number: str | None = None  # SEC file number ("001-12951"), from an 8-K cover page


class FilerRef(Record):
    """A filer named in an SEC header (issuer, reporting owner, filed-by)."""

    role: str
    name: str | None = None
    cik: str | None = None


class FilingInfo(Record):
    """Metadata of one filing; ``source`` and ``sha256`` identify the exact input bytes."""

    form_type: str
    amendment: bool = False
    source: str
    sha256: str
    input_format: InputFormat
    accession: str | None = None
    period_date: dt.date | None = None
    filed_date: dt.date | None = None
    signature_date: dt.date | None = None
    amends_accession: str | None = None
    date_of_original: dt.date | None = None
    schema_version: str | None = None
    items: list[str] = Field(default_factory=list)
    filers: list[FilerRef] = Field(default_factory=list)


class ParseWarning(BaseModel):
    """A gap or doubt in a document that still parsed. ``code`` is stable for tests."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    message: str
    span: Span | None = None
