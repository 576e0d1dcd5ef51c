"""Forms 3, 4 and 5 (and amendments) from EDGAR's ``ownershipDocument`` XML.

Reads every schema version EDGAR has used (X0101 ... X0508, and documents without a
``schemaVersion``): versions add elements (``aff10b5One`` in X0508) but never move one, so one
reader walks them all.

How values land in :class:`~secgraph.models.OwnershipFiling`:

* A field element holds an optional ``<value>`` and any number of ``<footnoteId id="F1"/>``.
  The ids go to ``record.footnotes[field]`` of the exact field they annotate, also when there is
  no ``<value>`` (a price given only as a footnote: 0000950170-24-012830). A footnote on
  ``transactionCoding`` annotates ``code``.
* ``record.spans[field]`` holds the element path of the field (``/ownershipDocument/
  nonDerivativeTable/nonDerivativeTransaction[2]/transactionAmounts/transactionShares``) and
  the line of its ``<value>`` (of the field element when it has none).
* Empty elements give ``None``; a value that is not a number, date or known code gives ``None``
  and a :class:`~secgraph.models.ParseWarning` quoting it.
* An officer title or "other" text printed as "See Remarks" is read from the remarks when they
  state it ("Title: Senior Vice President ...", 0001562180-25-000280): the field gets the title,
  its span points at ``remarks``, and a ``title_from_remarks`` warning keeps the printed text.
  When the remarks state none, the field is ``None`` with a ``see_remarks_unresolved`` warning
  (the remarks stay in ``OwnershipFiling.remarks``).
* An owner is an organization when its name carries a legal-form or vehicle word
  (:func:`~secgraph.normalize.names.looks_like_organization`); else a person, whose name is
  split in the SEC's ``LAST FIRST MIDDLE`` order.
* ``joint_filing`` is True when more than one reporting owner is listed: the SEC's rendering
  ticks "Form filed by More than One Reporting Person" from that count.

Speed matters (bulk loads read millions of these):

* the tree is parsed with the white space between elements dropped, and walked once, child by
  child, with table lookups and no XPath; the common field shapes are read inline; an
  element's children are walked as a list (``children_of``), which lxml builds in one call, a
  third cheaper than its child iterator;
* records and spans are built directly from the values the converters have already typed, not
  validated by pydantic (a filing holds about a hundred spans: validating them was a third of
  the parse);
* owners' names are memoized, and plain ``LAST FIRST MIDDLE`` names are split without
  nameparser (:func:`~secgraph.normalize.names.parse_sec_name`).

``tests/test_ownership_xml_fast.py`` proves these change nothing the parser outputs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any, cast

from lxml import etree
from pydantic import BaseModel

from secgraph.errors import MalformedDocumentError
from secgraph.models import (
    AcquiredDisposed,
    Address,
    EntityKind,
    FilingInfo,
    Footnote,
    Holding,
    InputFormat,
    Issuer,
    OwnerRelationship,
    OwnershipFiling,
    OwnershipNature,
    ParsedFiling,
    ParseWarning,
    PersonName,
    ReportingOwner,
    Signature,
    Span,
    Transaction,
    TransactionCode,
)
from secgraph.normalize.names import looks_like_organization, parse_sec_name
from secgraph.parsers.source import Source
from secgraph.parsers.xmlsafe import (
    all_text_of,
    children_of,
    clean,
    line_of,
    parse_xml,
    root_name,
    to_bool,
    to_date,
    to_decimal,
)

ROOT = "ownershipDocument"

Element = etree._Element
Converter = Callable[[str], Any]  # text -> value; raises ValueError when the text is not one


def detect(source: Source) -> bool:
    """An XML document whose root element is ``ownershipDocument``."""
    return root_name(source.head) == ROOT


def parse(source: Source) -> ParsedFiling:
    # The white space between elements is dropped as the XML is parsed (a fifth of libxml2's
    # work). Only footnotes and remarks are read across child elements, and EDGAR's schema
    # gives them none: one that has some sends the document through again, white space kept.
    root = parse_xml(source.data, source.name, keep_blank_text=False)
    if root.tag != ROOT:
        raise MalformedDocumentError(
            f"root element is <{root.tag}>, not <{ROOT}>", source=source.name, line=1
        )
    try:
        return _Reader(source, blank_text_kept=False).read(root)
    except _MixedContentError:
        root = parse_xml(source.data, source.name)
        return _Reader(source, blank_text_kept=True).read(root)


class _MixedContentError(Exception):
    """A footnote or the remarks hold child elements, read with white space dropped."""


# ---------------------------------------------------------------------------------------------
# Field tables: element name -> (record field, converter)


def _as_is(text: str) -> str:
    return text


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _upper(text: str) -> str:
    return text.upper()


# Codes by value: a dict lookup is several times cheaper than calling the enum.
_CODES = {member.value: member for member in TransactionCode}
_ACQUIRED_DISPOSED = {member.value: member for member in AcquiredDisposed}
_OWNERSHIP = {member.value: member for member in OwnershipNature}


def _code(text: str) -> TransactionCode:
    code = _CODES.get(text.upper())
    if code is None:
        raise ValueError(f"{text!r} is not a transaction code")
    return code


def _acquired_disposed(text: str) -> AcquiredDisposed:
    code = _ACQUIRED_DISPOSED.get(text.upper())
    if code is None:
        raise ValueError(f"{text!r} is not A or D")
    return code


def _ownership(text: str) -> OwnershipNature:
    code = _OWNERSHIP.get(text.upper())
    if code is None:
        raise ValueError(f"{text!r} is not D or I")
    return code


_WARNING_CODES: dict[Converter, str] = {
    to_decimal: "bad_number",
    to_date: "bad_date",
    to_bool: "bad_flag",
    _code: "unknown_code",
    _acquired_disposed: "unknown_code",
    _ownership: "unknown_code",
}

Spec = tuple[str, Converter]

# Rows of Tables I and II. Transactions and holdings share element names; only the amounts
# "following" the transaction change meaning (a holding's amount is simply what is held).
_ROW_COMMON: dict[str, Spec] = {
    "securityTitle": ("security", _as_is),
    "conversionOrExercisePrice": ("exercise_price", to_decimal),
    "exerciseDate": ("exercisable_date", to_date),
    "expirationDate": ("expiration_date", to_date),
    "underlyingSecurityTitle": ("underlying_security", _as_is),
    "underlyingSecurityShares": ("underlying_shares", to_decimal),
    "underlyingSecurityValue": ("underlying_value", to_decimal),
    "directOrIndirectOwnership": ("ownership", _ownership),
    "natureOfOwnership": ("nature_of_ownership", _as_is),
    "transactionFormType": ("form_type", _as_is),
}
_TX_FIELDS: dict[str, Spec] = {
    **_ROW_COMMON,
    "transactionDate": ("date", to_date),
    "deemedExecutionDate": ("deemed_execution_date", to_date),
    "transactionCode": ("code", _code),
    "equitySwapInvolved": ("equity_swap", to_bool),
    "transactionTimeliness": ("timeliness", _upper),
    "transactionShares": ("shares", to_decimal),
    "transactionTotalValue": ("total_value", to_decimal),
    "transactionPricePerShare": ("price", to_decimal),
    "transactionAcquiredDisposedCode": ("acquired_disposed", _acquired_disposed),
    "sharesOwnedFollowingTransaction": ("shares_after", to_decimal),
    "valueOwnedFollowingTransaction": ("value_after", to_decimal),
}
_HOLDING_FIELDS: dict[str, Spec] = {
    **_ROW_COMMON,
    "sharesOwnedFollowingTransaction": ("shares", to_decimal),
    "valueOwnedFollowingTransaction": ("value", to_decimal),
}
# Elements of a row that only group fields, and the field their own footnotes annotate: a
# transaction's transactionCoding footnotes annotate the code; a holding's coding holds only
# its form type.
_TX_GROUPS: dict[str, str | None] = {
    "transactionAmounts": None,
    "postTransactionAmounts": None,
    "ownershipNature": None,
    "underlyingSecurity": None,
    "transactionCoding": "code",
}
_HOLDING_GROUPS = {**_TX_GROUPS, "transactionCoding": "form_type"}
_TABLES = {"nonDerivativeTable": False, "derivativeTable": True}
_ROW_KINDS = {  # row element -> is a transaction
    "nonDerivativeTransaction": True,
    "derivativeTransaction": True,
    "nonDerivativeHolding": False,
    "derivativeHolding": False,
}

_INFO: dict[str, Spec] = {
    "documentType": ("form_type", _upper),
    "schemaVersion": ("schema_version", _as_is),
    "periodOfReport": ("period_date", to_date),
    "dateOfOriginalSubmission": ("date_of_original", to_date),
}
_FLAGS: dict[str, Spec] = {
    "notSubjectToSection16": ("not_subject_to_section16", to_bool),
    "aff10b5One": ("rule_10b5_1", to_bool),
    "noSecuritiesOwned": ("no_securities_owned", to_bool),
    "form3HoldingsReported": ("form3_holdings_reported", to_bool),
    "form4TransactionsReported": ("form4_transactions_reported", to_bool),
}
_ISSUER: dict[str, Spec] = {
    "issuerCik": ("cik", _as_is),
    "issuerName": ("name", _one_line),
    "issuerTradingSymbol": ("ticker", _as_is),
}
_OWNER_ID: dict[str, Spec] = {
    "rptOwnerCik": ("cik", _as_is),
    "rptOwnerName": ("name", _one_line),
}
_OWNER_ADDRESS: dict[str, Spec] = {
    "rptOwnerStreet1": ("street1", _one_line),
    "rptOwnerStreet2": ("street2", _one_line),
    "rptOwnerCity": ("city", _one_line),
    "rptOwnerState": ("state", _as_is),
    "rptOwnerZipCode": ("zip", _as_is),
    "rptOwnerStateDescription": ("country", _one_line),
}
_RELATIONSHIP: dict[str, Spec] = {
    "isDirector": ("is_director", to_bool),
    "isOfficer": ("is_officer", to_bool),
    "isTenPercentOwner": ("is_ten_percent_owner", to_bool),
    "isOther": ("is_other", to_bool),
    "officerTitle": ("officer_title", _one_line),
    "otherText": ("other_text", _one_line),
}
_SIGNATURE: dict[str, Spec] = {
    "signatureName": ("name", _one_line),
    "signatureDate": ("date", to_date),
}
# Never published (the owner's confirmation code) or filer-software flags.
_IGNORED = frozenset({"rptOwnerCcc", "rptOwnerGoodAddress"})
_NONE: frozenset[str] = frozenset()
_NO_TICKER = frozenset({"NONE", "N/A", "NA"})  # private issuers print one of these


# ---------------------------------------------------------------------------------------------
# Records built without validation. Every value has been typed by a converter above (str,
# Decimal, date, bool, the code enums), so what pydantic would do is fill in the defaults and
# note which fields were given: done here directly, the instance state laid out as pydantic's
# own validator lays it out (all fields in declaration order in ``__dict__``, the given ones in
# ``__pydantic_fields_set__``, no extra or private values).

_new = object.__new__
_slots = cast(dict[str, Any], BaseModel.__dict__)  # the slot descriptors: set directly
_set_dict = _slots["__dict__"].__set__
_set_fields_set = _slots["__pydantic_fields_set__"].__set__
_set_extra = _slots["__pydantic_extra__"].__set__
_set_private = _slots["__pydantic_private__"].__set__


# The fields every span of this parser is given: one set shared by all of them. Span is frozen,
# so pydantic never adds to it (model_copy copies it before updating); a set of its own was an
# eighth of the cost of building a span.
_SPAN_FIELDS_SET = {"line", "path"}


def _span(line: int | None, path: str) -> Span:
    span = _new(Span)
    _set_dict(span, {"line": line, "start": None, "end": None, "path": path})
    _set_fields_set(span, _SPAN_FIELDS_SET)
    _set_extra(span, None)
    _set_private(span, None)
    return span


class _Model:
    """Builds instances of one record model from typed values (see above)."""

    __slots__ = ("defaults", "factories", "model")

    def __init__(self, model: type[BaseModel]) -> None:
        fields = model.model_fields
        self.model = model
        for info in fields.values():
            if info.default_factory is None and not info.is_required():
                # Shared by every instance, as pydantic shares it: must be immutable.
                hash(info.default)
        # Required fields get a placeholder: every caller gives them.
        self.defaults = {
            name: None if info.default_factory is not None or info.is_required() else info.default
            for name, info in fields.items()
        }
        self.factories = [
            (name, info.default_factory)
            for name, info in fields.items()
            if info.default_factory is not None
        ]

    def __call__(self, values: dict[str, Any]) -> Any:
        state = {**self.defaults, **values}
        for name, factory in self.factories:
            if name not in values:
                state[name] = factory()  # type: ignore[call-arg]
        record = _new(self.model)
        _set_dict(record, state)
        _set_fields_set(record, set(values))
        _set_extra(record, None)
        _set_private(record, None)
        return record


_TRANSACTION = _Model(Transaction)
_HOLDING = _Model(Holding)
_FOOTNOTE = _Model(Footnote)
_SIGNATURE_RECORD = _Model(Signature)
_ISSUER_RECORD = _Model(Issuer)
_FILING_INFO = _Model(FilingInfo)
_ADDRESS = _Model(Address)
_PERSON_NAME = _Model(PersonName)
_OWNER = _Model(ReportingOwner)
_RELATIONSHIP_RECORD = _Model(OwnerRelationship)
_FILING = _Model(OwnershipFiling)
_PARSED = _Model(ParsedFiling)


class _Fields:
    """Values, spans and footnote ids of one record."""

    __slots__ = ("notes", "spans", "values")

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.spans: dict[str, Span] = {}
        self.notes: dict[str, list[str]] = {}

    def build(self, model: _Model, **extra: Any) -> Any:
        """The record, from these fields and ``extra`` ones."""
        return model({**self.values, **extra, "spans": self.spans, "footnotes": self.notes})


_NameParts = tuple[str | None, str | None, str | None, str | None]


@lru_cache(maxsize=8192)
def _owner_name(text: str) -> _NameParts | None:
    """None for an organization's name, else (first, middle, last, suffix) of a person's SEC
    conformed name. The same insiders file again and again and a name that nameparser must
    read costs a quarter of a millisecond, so this is memoized (a pure function of the text;
    the record's span is added by the caller)."""
    if looks_like_organization(text):
        return None
    parsed = parse_sec_name(text)
    if parsed is None:
        return (None, None, None, None)
    return (parsed.first, parsed.middle, parsed.last, parsed.suffix)


def _is_foreign_code(code: str) -> bool:
    """EDGAR codes a non-US state or country as a letter and a digit (A1 British Columbia,
    X0 United Kingdom, Y9 Jersey); US states and territories are two letters."""
    return len(code) == 2 and code[0].isalpha() and code[1].isdigit()


_SEE_REMARKS = re.compile(r"\bsee\s+(?:the\s+)?remarks?\b", re.IGNORECASE)
_LABELLED_TITLE = re.compile(
    r"^[ \t]*(?:officer[ \t]+)?(?:title|position)s?[ \t]*[:\-][ \t]*(?P<title>\S[^\n]*?)"
    r"[ \t]*\.?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_TITLE_WORDS = re.compile(
    r"\b(?:chief|officer|president|vice|vp|evp|svp|secretary|treasurer|counsel|controller|"
    r"director|ceo|cfo|coo|cto|cao|clo|chair(?:man|woman|person)?|founder|partner|manager|"
    r"head)\b",
    re.IGNORECASE,
)


def title_in_remarks(remarks: str) -> tuple[str, int] | None:
    """The title remarks state, and the 0-based line of the remarks it is on, or None.

    Two shapes are read: a labelled line (``Title: Senior Vice President``), and remarks that
    are one short line naming a title (``EVP, Chief Financial Officer``). Anything else (a
    paragraph on group membership, an exhibit list) states no title.
    """
    labelled = _LABELLED_TITLE.search(remarks)
    if labelled is not None:
        return labelled.group("title"), remarks.count("\n", 0, labelled.start("title"))
    one_line = remarks.strip().rstrip(".")
    if (
        "\n" not in one_line
        and len(one_line) <= 100
        and not one_line.lower().startswith("exhibit")
        and _TITLE_WORDS.search(one_line)
    ):
        return one_line, 0
    return None


class _Owner:
    __slots__ = ("address", "ident", "path", "relation")

    def __init__(self, path: str) -> None:
        self.path = path
        self.ident = _Fields()
        self.address = _Fields()
        self.relation = _Fields()


class _Document:
    """What the walk has read, before the records are built."""

    def __init__(self) -> None:
        self.info = _Fields()  # -> FilingInfo
        self.flags = _Fields()  # -> OwnershipFiling's yes/no boxes and remarks
        self.issuer: _Fields | None = None
        self.owners: list[_Owner] = []
        self.transactions: list[Transaction] = []
        self.holdings: list[Holding] = []
        self.footnotes: list[Footnote] = []
        self.signatures: list[_Fields] = []
        self.remarks: str | None = None
        self.remarks_line: int | None = None


class _Reader:
    """One document's walk: the warnings, the footnote ids referenced, the row counters."""

    def __init__(self, source: Source, *, blank_text_kept: bool) -> None:
        self.source = source
        self.blank_text_kept = blank_text_kept
        self.warnings: list[ParseWarning] = []
        self.footnote_refs: set[str] = set()
        self.rows: dict[tuple[bool, bool], int] = {}  # (is transaction, derivative) -> count

    def warn(self, code: str, message: str, line: int | None, path: str) -> None:
        span = Span(line=line, path=path)
        self.warnings.append(ParseWarning(code=code, message=message, span=span))

    def unexpected(self, el: Element, path: str) -> None:
        self.warn("unknown_element", f"unexpected <{el.tag}> (ignored)", line_of(el), path)

    # -- fields: the hot loop ----------------------------------------------------------------

    def field(self, el: Element, path: str, spec: Spec, out: _Fields) -> None:
        """Read ``<x><value>..</value><footnoteId id=".."/>..</x>`` or plain ``<x>..</x>``."""
        name, convert = spec
        line: int | None = None
        ids: list[str] | None = None
        raw: str | None
        count = len(el)
        if count == 1 and (value := el[0]).tag == "value":
            # The common case, taken first: indexing is five times cheaper than iterating.
            raw = value.text
            line = line_of(value)
        elif count:
            raw = None
            for child in children_of(el):
                tag = child.tag
                if tag == "value":
                    raw = child.text
                    line = line_of(child)
                elif tag == "footnoteId":
                    fid = (child.get("id") or "").strip()
                    if fid:
                        if ids is None:
                            ids = out.notes[name] = []
                        ids.append(fid)
                        self.footnote_refs.add(fid)
                else:
                    self.unexpected(child, f"{path}/{tag}")
        else:
            raw = el.text
        if raw is not None:
            raw = raw.strip()
            if raw:
                if not raw.isascii():
                    raw = clean(raw)
                if convert is _as_is:
                    out.values[name] = raw
                else:
                    try:
                        out.values[name] = convert(raw)
                    except ValueError:
                        code = _WARNING_CODES.get(convert, "bad_value")
                        where = line if line is not None else line_of(el)
                        message = f"<{el.tag}> {raw!r} is not valid; left empty"
                        self.warn(code, message, where, path)
                        if ids is None:
                            return
            elif ids is None:
                return
        elif ids is None:
            return
        out.spans[name] = _span(line if line is not None else line_of(el), path)

    def fields(
        self,
        el: Element,
        path: str,
        table: dict[str, Spec],
        out: _Fields,
        *,
        groups: dict[str, str | None] | None = None,
        notes_on: str | None = None,
        ignored: frozenset[str] = _IGNORED,
    ) -> None:
        """Every child of ``el`` read as a field of ``table``. ``groups`` (in a table row) names
        the child elements that only group fields, and the field their own footnotes annotate;
        ``notes_on`` (in such a group) the field a ``<footnoteId>`` child annotates."""
        values = out.values
        spans = out.spans
        for child in children_of(el):
            tag = child.tag
            spec = table.get(tag)
            if spec is None:
                if groups is not None and tag in groups:
                    self.fields(
                        child, f"{path}/{tag}", table, out, notes_on=groups[tag], ignored=_NONE
                    )
                elif tag == "footnoteId" and notes_on is not None:
                    fid = (child.get("id") or "").strip()
                    if fid:
                        out.notes.setdefault(notes_on, []).append(fid)
                        self.footnote_refs.add(fid)
                elif tag not in ignored:
                    self.unexpected(child, f"{path}/{tag}")
                continue
            # The common shapes, ``<x>text</x>`` and ``<x><value>text</value></x>`` with a
            # well-formed value, read here; anything else (footnotes, a bad value) by field().
            count = len(child)
            if count == 0:
                holder = child
            elif count != 1 or (holder := child[0]).tag != "value":
                self.field(child, f"{path}/{tag}", spec, out)
                continue
            raw = holder.text
            if raw is None:
                continue
            raw = raw.strip()
            if not raw:
                continue
            name, convert = spec
            if not raw.isascii():
                raw = clean(raw)
            if convert is _as_is:
                values[name] = raw
            else:
                try:
                    values[name] = convert(raw)
                except ValueError:
                    self.field(child, f"{path}/{tag}", spec, out)  # warns
                    continue
            # _span(), inlined: this runs for nearly every element of a filing.
            span = _new(Span)
            _set_dict(
                span,
                {"line": holder.sourceline, "start": None, "end": None, "path": f"{path}/{tag}"},
            )
            _set_fields_set(span, _SPAN_FIELDS_SET)
            _set_extra(span, None)
            _set_private(span, None)
            spans[name] = span

    # -- Tables I and II ---------------------------------------------------------------------

    def table(self, table: Element, path: str, derivative: bool, doc: _Document) -> None:
        seen: dict[str, int] = {}
        for row in children_of(table):
            tag = row.tag
            index = seen[tag] = seen.get(tag, 0) + 1
            row_path = f"{path}/{tag}[{index}]"
            is_tx = _ROW_KINDS.get(tag)
            if is_tx is None:
                self.unexpected(row, row_path)
                continue
            out = _Fields()
            if is_tx:
                self.fields(row, row_path, _TX_FIELDS, out, groups=_TX_GROUPS, ignored=_NONE)
            else:
                self.fields(
                    row, row_path, _HOLDING_FIELDS, out, groups=_HOLDING_GROUPS, ignored=_NONE
                )
            key = (is_tx, derivative)
            number = self.rows.get(key, 0)
            self.rows[key] = number + 1
            if is_tx:
                doc.transactions.append(out.build(_TRANSACTION, derivative=derivative, row=number))
            else:
                doc.holdings.append(out.build(_HOLDING, derivative=derivative, row=number))

    # -- the document ------------------------------------------------------------------------

    def read(self, root: Element) -> ParsedFiling:
        doc = _Document()
        counts: dict[str, int] = {}
        for child in children_of(root):
            tag = child.tag
            n = counts[tag] = counts.get(tag, 0) + 1
            path = f"/{ROOT}/{tag}"
            if tag in _TABLES:
                self.table(child, path, _TABLES[tag], doc)
            elif tag == "reportingOwner":
                owner = _Owner(f"{path}[{n}]")
                self.owner(child, owner)
                doc.owners.append(owner)
            elif tag == "footnotes":
                self.footnotes(child, path, doc)
            elif tag == "ownerSignature":
                out = _Fields()
                self.fields(child, f"{path}[{n}]", _SIGNATURE, out)
                doc.signatures.append(out)
            elif tag == "issuer":
                doc.issuer = _Fields()
                self.fields(child, path, _ISSUER, doc.issuer)
            elif tag == "remarks":
                if len(child) and not self.blank_text_kept:
                    raise _MixedContentError
                doc.remarks = all_text_of(child)
                doc.remarks_line = line_of(child)
                if doc.remarks is not None:
                    doc.flags.spans["remarks"] = _span(doc.remarks_line, path)
            elif tag in _INFO:
                self.field(child, path, _INFO[tag], doc.info)
            elif tag in _FLAGS:
                self.field(child, path, _FLAGS[tag], doc.flags)
            else:
                self.unexpected(child, path)
        return self.build(root, doc)

    def owner(self, el: Element, owner: _Owner) -> None:
        for part in children_of(el):
            tag = part.tag
            path = f"{owner.path}/{tag}"
            if tag == "reportingOwnerId":
                self.fields(part, path, _OWNER_ID, owner.ident)
            elif tag == "reportingOwnerAddress":
                self.fields(part, path, _OWNER_ADDRESS, owner.address)
            elif tag == "reportingOwnerRelationship":
                self.fields(part, path, _RELATIONSHIP, owner.relation)
            else:
                self.unexpected(part, path)

    def footnotes(self, el: Element, path: str, doc: _Document) -> None:
        for n, child in enumerate(children_of(el), start=1):
            child_path = f"{path}/{child.tag}[{n}]"
            fid = (child.get("id") or "").strip()
            if child.tag != "footnote" or not fid:
                self.warn("unknown_element", "a footnote without an id", line_of(child), child_path)
                continue
            if len(child) and not self.blank_text_kept:
                raise _MixedContentError
            text = all_text_of(child)
            if text is None:
                self.warn(
                    "empty_footnote", f"footnote {fid} has no text", line_of(child), child_path
                )
                text = ""
            span = _span(line_of(child), child_path)
            doc.footnotes.append(_FOOTNOTE({"id": fid, "text": text, "spans": {"text": span}}))

    # -- records -----------------------------------------------------------------------------

    def build(self, root: Element, doc: _Document) -> ParsedFiling:
        info = doc.info.values
        form_type: str | None = info.pop("form_type", None)
        missing = (
            "<documentType> (3, 4, 5 or an amendment)"
            if form_type is None
            else "<issuer>"
            if doc.issuer is None
            else "<reportingOwner>"
            if not doc.owners
            else None
        )
        if missing is not None or form_type is None or doc.issuer is None:
            raise MalformedDocumentError(
                f"ownership document has no {missing}", source=self.source.name, line=line_of(root)
            )
        for ref in sorted(self.footnote_refs - {f.id for f in doc.footnotes}):
            self.warn(
                "footnote_missing",
                f"footnote {ref} is referenced but not given in <footnotes>",
                line_of(root),
                f"/{ROOT}/footnotes",
            )
        ticker = doc.issuer.values.get("ticker")
        if ticker is not None and ticker.upper() in _NO_TICKER:
            del doc.issuer.values["ticker"]
            del doc.issuer.spans["ticker"]
        self.resolve_see_remarks(doc)
        filing: FilingInfo = doc.info.build(
            _FILING_INFO,
            form_type=form_type,
            amendment=form_type.endswith("/A"),
            source=self.source.name,
            sha256=self.source.sha256,
            input_format=InputFormat.XML,
            signature_date=next(
                (s.values["date"] for s in doc.signatures if "date" in s.values), None
            ),
        )
        document: OwnershipFiling = doc.flags.build(
            _FILING,
            filing=filing,
            issuer=doc.issuer.build(_ISSUER_RECORD),
            owners=[self.owner_record(owner) for owner in doc.owners],
            transactions=doc.transactions,
            holdings=doc.holdings,
            footnote_texts=doc.footnotes,
            remarks=doc.remarks,
            signatures=[s.build(_SIGNATURE_RECORD) for s in doc.signatures],
            joint_filing=len(doc.owners) > 1,
            date_of_original=filing.date_of_original,
        )
        parsed: ParsedFiling = _PARSED({"document": document, "warnings": self.warnings})
        return parsed

    def owner_record(self, owner: _Owner) -> ReportingOwner:
        ident = owner.ident
        name_text: str | None = ident.values.pop("name", None)
        name_span = ident.spans.pop("name", None)
        kind = EntityKind.UNKNOWN
        name: PersonName | None = None
        if name_text is not None:
            parts: dict[str, Any] = {
                "full": name_text,
                "spans": {"full": name_span} if name_span else {},
            }
            person = _owner_name(name_text)
            if person is None:
                kind = EntityKind.ORGANIZATION
            else:
                kind = EntityKind.PERSON
                first, middle, last, suffix = person
                parts.update(first=first, middle=middle, last=last, suffix=suffix)
            name = _PERSON_NAME(parts)
            if name_span is not None:
                ident.spans["name"] = name_span
        address = owner.address
        state = address.values.get("state")
        if "country" in address.values and state is not None and not _is_foreign_code(state):
            # The description of a US state is not a country.
            del address.values["country"]
            del address.spans["country"]
        owner_record: ReportingOwner = ident.build(
            _OWNER,
            name=name,
            kind=kind,
            address=address.build(_ADDRESS) if address.values else None,
            relationship=owner.relation.build(_RELATIONSHIP_RECORD),
        )
        return owner_record

    def resolve_see_remarks(self, doc: _Document) -> None:
        """Replace "See Remarks" titles by the title the remarks state for the single owner
        that needs one; else leave None. Either way warn, quoting the printed text."""
        pending = [
            (owner, key)
            for owner in doc.owners
            for key in ("officer_title", "other_text")
            if _SEE_REMARKS.search(owner.relation.values.get(key) or "")
            and len(owner.relation.values[key]) <= 40
        ]
        if not pending:
            return
        found = None
        if doc.remarks is not None and len(pending) == 1:
            found = title_in_remarks(doc.remarks)
        for owner, key in pending:
            rel = owner.relation
            printed = rel.values.pop(key)
            where = rel.spans.pop(key)
            if found is not None:
                title, offset = found
                rel.values[key] = title
                line = None if doc.remarks_line is None else doc.remarks_line + offset
                rel.spans[key] = _span(line, f"/{ROOT}/remarks")
                code = "title_from_remarks"
                message = f"{key} printed as {printed!r}; read {title!r} from the remarks"
            else:
                code = "see_remarks_unresolved"
                message = (
                    f"{key} printed as {printed!r} but the remarks state no title for this "
                    "owner; left empty"
                )
            self.warnings.append(ParseWarning(code=code, message=message, span=where))
