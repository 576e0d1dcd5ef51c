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

Speed matters (bulk loads read millions of these): the tree is walked once, child by child,
with table lookups and no XPath; records are validated once each, from plain dicts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any, cast

from lxml import etree

from secgraph.errors import MalformedDocumentError
from secgraph.models import (
    AcquiredDisposed,
    EntityKind,
    InputFormat,
    OwnershipFiling,
    OwnershipNature,
    ParsedFiling,
    ParseWarning,
    Span,
    TransactionCode,
)
from secgraph.normalize.names import looks_like_organization, parse_sec_name
from secgraph.parsers.source import Source
from secgraph.parsers.xmlsafe import (
    all_text_of,
    clean,
    line_of,
    parse_xml,
    root_name,
    to_bool,
    to_date,
    to_decimal,
)

ROOT = "ownershipDocument"
_VALIDATE = OwnershipFiling.__pydantic_validator__.validate_python

Element = etree._Element
Converter = Callable[[str], Any]  # text -> value; raises ValueError when the text is not one


def detect(source: Source) -> bool:
    """An XML document whose root element is ``ownershipDocument``."""
    return root_name(source.head) == ROOT


def parse(source: Source) -> ParsedFiling:
    root = parse_xml(source.data, source.name)
    if root.tag != ROOT:
        raise MalformedDocumentError(
            f"root element is <{root.tag}>, not <{ROOT}>", source=source.name, line=1
        )
    return _Reader(source).read(root)


# ---------------------------------------------------------------------------------------------
# Field tables: element name -> (record field, converter)


def _as_is(text: str) -> str:
    return text


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _upper(text: str) -> str:
    return text.upper()


def _code(text: str) -> TransactionCode:
    return TransactionCode(text.upper())


def _acquired_disposed(text: str) -> AcquiredDisposed:
    return AcquiredDisposed(text.upper())


def _ownership(text: str) -> OwnershipNature:
    return OwnershipNature(text.upper())


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
# Elements that only group fields. transactionCoding's own footnotes annotate the code.
_GROUPS: dict[str, str | None] = {
    "transactionAmounts": None,
    "postTransactionAmounts": None,
    "ownershipNature": None,
    "underlyingSecurity": None,
    "transactionCoding": "code",
}
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
_NO_TICKER = frozenset({"NONE", "N/A", "NA"})  # private issuers print one of these


class _Fields:
    """Values, spans (as dicts, validated with the record) and footnote ids of one record."""

    __slots__ = ("notes", "spans", "values")

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.spans: dict[str, dict[str, Any]] = {}
        self.notes: dict[str, list[str]] = {}

    def data(self, **extra: Any) -> dict[str, Any]:
        """The record as plain data. The whole filing is validated once, at the end: a Span
        or a record built one by one costs several times more."""
        return {**self.values, **extra, "spans": self.spans, "footnotes": self.notes}


@lru_cache(maxsize=8192)
def _sec_name_parts(text: str) -> tuple[str | None, str | None, str | None, str | None]:
    """(first, middle, last, suffix) of an SEC conformed name. nameparser takes a quarter of a
    millisecond per name and the same insiders file again and again, so the parts of a name
    are memoized (a pure function of the text; the record's span is added by the caller)."""
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
        self.transactions: list[dict[str, Any]] = []  # Transaction data
        self.holdings: list[dict[str, Any]] = []  # Holding data
        self.footnotes: list[dict[str, Any]] = []  # Footnote data
        self.signatures: list[_Fields] = []
        self.remarks: str | None = None
        self.remarks_line: int | None = None


class _Reader:
    """One document's walk: the warnings, the footnote ids referenced, the row counters."""

    def __init__(self, source: Source) -> None:
        self.source = source
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
            for i in range(count):
                child = el[i]
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
        out.spans[name] = {"line": line if line is not None else line_of(el), "path": path}

    def fields(self, el: Element, path: str, table: dict[str, Spec], out: _Fields) -> None:
        """Every child of ``el`` read as a field of ``table``."""
        for child in el:
            tag = child.tag
            spec = table.get(tag)
            if spec is not None:
                self.field(child, f"{path}/{tag}", spec, out)
            elif tag not in _IGNORED:
                self.unexpected(child, f"{path}/{tag}")

    # -- Tables I and II ---------------------------------------------------------------------

    def table(self, table: Element, path: str, derivative: bool, doc: _Document) -> None:
        seen: dict[str, int] = {}
        for row in table:
            tag = row.tag
            index = seen[tag] = seen.get(tag, 0) + 1
            row_path = f"{path}/{tag}[{index}]"
            is_tx = _ROW_KINDS.get(tag)
            if is_tx is None:
                self.unexpected(row, row_path)
                continue
            spec_table = _TX_FIELDS if is_tx else _HOLDING_FIELDS
            out = _Fields()
            for child in row:
                ctag = child.tag
                if ctag in _GROUPS:
                    notes_on = _GROUPS[ctag]
                    if notes_on == "code" and not is_tx:
                        notes_on = "form_type"  # a holding's coding holds only its form type
                    self.group(child, f"{row_path}/{ctag}", spec_table, notes_on, out)
                    continue
                spec = spec_table.get(ctag)
                if spec is None:
                    self.unexpected(child, f"{row_path}/{ctag}")
                else:
                    self.field(child, f"{row_path}/{ctag}", spec, out)
            key = (is_tx, derivative)
            number = self.rows.get(key, 0)
            self.rows[key] = number + 1
            if is_tx:
                doc.transactions.append(out.data(derivative=derivative, row=number))
            else:
                doc.holdings.append(out.data(derivative=derivative, row=number))

    def group(
        self, el: Element, path: str, table: dict[str, Spec], notes_on: str | None, out: _Fields
    ) -> None:
        for child in el:
            tag = child.tag
            spec = table.get(tag)
            if spec is not None:
                self.field(child, f"{path}/{tag}", spec, out)
            elif tag == "footnoteId" and notes_on is not None:
                fid = (child.get("id") or "").strip()
                if fid:
                    out.notes.setdefault(notes_on, []).append(fid)
                    self.footnote_refs.add(fid)
            else:
                self.unexpected(child, f"{path}/{tag}")

    # -- the document ------------------------------------------------------------------------

    def read(self, root: Element) -> ParsedFiling:
        doc = _Document()
        counts: dict[str, int] = {}
        for child in root:
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
                doc.remarks = all_text_of(child)
                doc.remarks_line = line_of(child)
                if doc.remarks is not None:
                    doc.flags.spans["remarks"] = {"line": doc.remarks_line, "path": path}
            elif tag in _INFO:
                self.field(child, path, _INFO[tag], doc.info)
            elif tag in _FLAGS:
                self.field(child, path, _FLAGS[tag], doc.flags)
            else:
                self.unexpected(child, path)
        return self.build(root, doc)

    def owner(self, el: Element, owner: _Owner) -> None:
        for part in el:
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
        for n, child in enumerate(el, start=1):
            child_path = f"{path}/{child.tag}[{n}]"
            fid = (child.get("id") or "").strip()
            if child.tag != "footnote" or not fid:
                self.warn("unknown_element", "a footnote without an id", line_of(child), child_path)
                continue
            text = all_text_of(child)
            if text is None:
                self.warn(
                    "empty_footnote", f"footnote {fid} has no text", line_of(child), child_path
                )
                text = ""
            span = {"line": line_of(child), "path": child_path}
            doc.footnotes.append({"id": fid, "text": text, "spans": {"text": span}})

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
        for ref in sorted(self.footnote_refs - {f["id"] for f in doc.footnotes}):
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
        filing = doc.info.data(
            form_type=form_type,
            amendment=form_type.endswith("/A"),
            source=self.source.name,
            sha256=self.source.sha256,
            input_format=InputFormat.XML,
            signature_date=next(
                (s.values["date"] for s in doc.signatures if "date" in s.values), None
            ),
        )
        data = doc.flags.data(
            filing=filing,
            issuer=doc.issuer.data(),
            owners=[self.owner_data(owner) for owner in doc.owners],
            transactions=doc.transactions,
            holdings=doc.holdings,
            footnote_texts=doc.footnotes,
            remarks=doc.remarks,
            signatures=[s.data() for s in doc.signatures],
            joint_filing=len(doc.owners) > 1,
            date_of_original=filing.get("date_of_original"),
        )
        document = cast(OwnershipFiling, _VALIDATE(data))
        return ParsedFiling(document=document, warnings=self.warnings)

    def owner_data(self, owner: _Owner) -> dict[str, Any]:
        ident = owner.ident
        name_text: str | None = ident.values.pop("name", None)
        name_span = ident.spans.pop("name", None)
        kind = EntityKind.UNKNOWN
        name: dict[str, Any] | None = None
        if name_text is not None:
            name = {"full": name_text, "spans": {"full": name_span} if name_span else {}}
            if looks_like_organization(name_text):
                kind = EntityKind.ORGANIZATION
            else:
                kind = EntityKind.PERSON
                first, middle, last, suffix = _sec_name_parts(name_text)
                name.update(first=first, middle=middle, last=last, suffix=suffix)
            if name_span is not None:
                ident.spans["name"] = name_span
        address = owner.address
        state = address.values.get("state")
        if "country" in address.values and state is not None and not _is_foreign_code(state):
            # The description of a US state is not a country.
            del address.values["country"]
            del address.spans["country"]
        return ident.data(
            name=name,
            kind=kind,
            address=address.data() if address.values else None,
            relationship=owner.relation.data(),
        )

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
                rel.spans[key] = {"line": line, "path": f"/{ROOT}/remarks"}
                code = "title_from_remarks"
                message = f"{key} printed as {printed!r}; read {title!r} from the remarks"
            else:
                code = "see_remarks_unresolved"
                message = (
                    f"{key} printed as {printed!r} but the remarks state no title for this "
                    "owner; left empty"
                )
            self.warnings.append(ParseWarning(code=code, message=message, span=Span(**where)))
