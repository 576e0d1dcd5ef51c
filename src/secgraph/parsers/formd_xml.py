"""Form D and D/A from EDGAR's ``edgarSubmission`` XML (``primary_doc.xml``).

* Issuers: the primary issuer first, then each ``issuerList/issuer`` (a fund filing for its
  parallel vehicles: ``edgartools__D.APFund.xml``). Previous names join both lists the form
  has, the issuer's own (``issuerPreviousNameList``) and EDGAR's (``edgarPreviousNameList``),
  without duplicates; the placeholder ``None`` is no name.
* Related persons: the form has first/middle/last boxes only, so filers type organizations
  into them, often split in reverse (first ``Ltd.``, last ``Belltower Fund Group``;
  ``N/A`` + ``Investure, LLC``: 0001398344-24-000491). When the name reads as an organization
  its ``full`` name is rebuilt (legal form last, ``N/A`` dropped), the parts are left empty,
  ``kind`` is ``organization`` and an ``organization_in_name_boxes`` warning quotes the boxes.
* Amounts: ``Indefinite`` sets ``total_offering_indefinite``/``total_remaining_indefinite`` and
  leaves the amount None. A D/A carries ``previousAccessionNumber``: it is both
  ``Offering.previous_accession`` and ``FilingInfo.amends_accession``.
* Sales compensation: a recipient whose name and broker-dealer are both placeholders
  (``None``, 0001544190's D/A) is no recipient and is skipped.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from secgraph.errors import MalformedDocumentError
from secgraph.models import (
    EntityKind,
    FilingInfo,
    FormDFiling,
    InputFormat,
    ParsedFiling,
    ParseWarning,
    Span,
)
from secgraph.models.formd import IncorporationAge, RelatedRelationship
from secgraph.normalize.names import looks_like_organization
from secgraph.parsers.source import Source
from secgraph.parsers.xmlsafe import line_of, parse_xml, root_name, text_of, to_bool, to_date
from secgraph.parsers.xmlsafe import to_decimal as _to_decimal

ROOT = "edgarSubmission"
FORMS = ("D", "D/A")

Element = etree._Element

_SUBMISSION_TYPE = re.compile(r"<submissionType>\s*(D|D/A)\s*</submissionType>")
_PLACEHOLDERS = frozenset({"none", "n/a", "na", "not applicable", "-"})
_LEGAL_FORMS = frozenset(
    {"llc", "l.l.c.", "lp", "l.p.", "llp", "ltd", "ltd.", "inc", "inc.", "corp", "corp.", "co.",
     "plc", "gp", "lllp", "limited", "incorporated", "corporation", "company"}
)  # fmt: skip
_RELATIONSHIPS = {
    "executive officer": RelatedRelationship.EXECUTIVE_OFFICER,
    "director": RelatedRelationship.DIRECTOR,
    "promoter": RelatedRelationship.PROMOTER,
}
# typesOfSecuritiesOffered flags -> the form's own labels
_SECURITY_TYPES = {
    "isEquityType": "Equity",
    "isDebtType": "Debt",
    "isOptionToAcquireType": "Option, Warrant or Other Right to Acquire Another Security",
    "isSecurityToBeAcquiredType": "Security to be Acquired Upon Exercise of Option, Warrant "
    "or Other Right to Acquire Security",
    "isPooledInvestmentFundType": "Pooled Investment Fund Interests",
    "isTenantInCommonType": "Tenant-in-Common Securities",
    "isMineralPropertyType": "Mineral Property Securities",
    "isOtherType": "Other",
}
_AGES = {
    "overFiveYears": IncorporationAge.OVER_FIVE_YEARS,
    "withinFiveYears": IncorporationAge.WITHIN_FIVE_YEARS,
    "yetToBeFormed": IncorporationAge.YET_TO_BE_FORMED,
}


def detect(source: Source) -> bool:
    """An ``edgarSubmission`` whose ``submissionType`` is D or D/A (other EDGAR XML forms,
    13F or Form C, share the root element name)."""
    return root_name(source.head) == ROOT and _SUBMISSION_TYPE.search(source.head) is not None


def parse(source: Source) -> ParsedFiling:
    root = parse_xml(source.data, source.name)
    if root.tag != ROOT:
        raise MalformedDocumentError(
            f"root element is <{root.tag}>, not <{ROOT}>", source=source.name, line=1
        )
    return _Reader(source, root).read()


def _placeholder(text: str | None) -> bool:
    return text is None or text.strip().lower() in _PLACEHOLDERS


def _is_foreign_code(code: str) -> bool:
    # EDGAR codes non-US places as a letter and a digit (A6 Ontario, X0 United Kingdom).
    return len(code) == 2 and code[0].isalpha() and code[1].isdigit()


class _Reader:
    def __init__(self, source: Source, root: Element) -> None:
        self.source = source
        self.root = root
        self.warnings: list[ParseWarning] = []

    # -- reading -----------------------------------------------------------------------------

    def get(self, el: Element | None, rel: str, base: str) -> tuple[str | None, Span | None]:
        """The text at ``rel`` under ``el`` (``base`` is el's absolute path) and its span."""
        if el is None:
            return None, None
        found = el.find(rel)
        if found is None:
            return None, None
        text = text_of(found)
        if text is None:
            return None, None
        return text, Span(line=line_of(found), path=f"{base}/{rel}")

    def put(
        self,
        values: dict[str, Any],
        spans: dict[str, Span],
        key: str,
        found: tuple[str | None, Span | None],
        convert: Any = None,
    ) -> None:
        """Store a value read with :meth:`get`, converted; warn and keep None when invalid."""
        text, span = found
        if text is None or span is None:
            return
        if convert is not None:
            try:
                values[key] = convert(text)
            except ValueError:
                self.warnings.append(
                    ParseWarning(
                        code="bad_value", message=f"{key}: {text!r} is not valid", span=span
                    )
                )
                return
        else:
            values[key] = text
        spans[key] = span

    def address(self, el: Element | None, base: str) -> dict[str, Any] | None:
        if el is None:
            return None
        values: dict[str, Any] = {}
        spans: dict[str, Span] = {}
        for key, tag in (
            ("street1", "street1"),
            ("street2", "street2"),
            ("city", "city"),
            ("state", "stateOrCountry"),
            ("zip", "zipCode"),
        ):
            self.put(values, spans, key, self.get(el, tag, base))
        state = values.get("state")
        if state is not None and _is_foreign_code(state):
            # Only a non-US code's description names a country ("UNITED KINGDOM").
            self.put(values, spans, "country", self.get(el, "stateOrCountryDescription", base))
        if not values:
            return None
        return {**values, "spans": spans}

    # -- issuers -----------------------------------------------------------------------------

    def issuer(self, el: Element, base: str) -> dict[str, Any]:
        values: dict[str, Any] = {}
        spans: dict[str, Span] = {}
        self.put(values, spans, "cik", self.get(el, "cik", base))
        self.put(values, spans, "name", self.get(el, "entityName", base))
        self.put(values, spans, "phone", self.get(el, "issuerPhoneNumber", base))
        self.put(values, spans, "jurisdiction", self.get(el, "jurisdictionOfInc", base))
        self.put(values, spans, "entity_type", self.get(el, "entityType", base))
        other = self.get(el, "entityTypeOtherDesc", base)
        if values.get("entity_type", "").lower() == "other" and other[0] is not None:
            self.put(values, spans, "entity_type", other)  # "Other" names itself here
        names: list[str] = []
        for list_tag in ("issuerPreviousNameList", "edgarPreviousNameList"):
            for child in el.iterfind(f"{list_tag}/*"):
                name = text_of(child)
                if not _placeholder(name) and name is not None and name not in names:
                    names.append(name)
                    spans.setdefault(
                        "previous_names", Span(line=line_of(child), path=f"{base}/{list_tag}")
                    )
        values["previous_names"] = names
        self.put(values, spans, "year_of_incorporation", self.get(el, "yearOfInc/value", base), int)
        for tag, age in _AGES.items():
            flag: dict[str, Any] = {}
            self.put(
                flag, spans, "incorporation_age", self.get(el, f"yearOfInc/{tag}", base), to_bool
            )
            if flag.get("incorporation_age"):
                values["incorporation_age"] = age
            elif "incorporation_age" not in values:
                spans.pop("incorporation_age", None)
        address = self.address(el.find("issuerAddress"), f"{base}/issuerAddress")
        return {**values, "address": address, "spans": spans}

    # -- related persons ---------------------------------------------------------------------

    def related_person(self, el: Element, base: str) -> dict[str, Any]:
        parts: dict[str, Any] = {}
        spans: dict[str, Span] = {}
        for key, tag in (("first", "firstName"), ("middle", "middleName"), ("last", "lastName")):
            self.put(parts, spans, key, self.get(el, f"relatedPersonName/{tag}", base))
        printed = {k: v for k, v in parts.items() if not _placeholder(v)}
        kind = EntityKind.PERSON
        full_parts = [printed[k] for k in ("first", "middle", "last") if k in printed]
        name: dict[str, Any] = {**printed, "full": " ".join(full_parts) or None, "spans": spans}
        candidate = " ".join(full_parts)
        if looks_like_organization(candidate):
            kind = EntityKind.ORGANIZATION
            first = printed.get("first")
            if first is not None and first.lower().rstrip(",") in _LEGAL_FORMS:
                # The legal form typed in the first-name box belongs at the end.
                rest = [printed[k] for k in ("middle", "last") if k in printed]
                candidate = " ".join([*rest, first])
            name = {"full": candidate, "spans": {"full": next(iter(spans.values()))}}
            self.warnings.append(
                ParseWarning(
                    code="organization_in_name_boxes",
                    message=f"related person is an organization typed into the name boxes "
                    f"{parts!r}; full name read as {candidate!r}",
                    span=Span(line=line_of(el), path=base),
                )
            )
        relationships = []
        for child in el.iterfind("relatedPersonRelationshipList/relationship"):
            text = text_of(child)
            rel = _RELATIONSHIPS.get((text or "").lower())
            if rel is None:
                span = Span(line=line_of(child), path=f"{base}/relatedPersonRelationshipList")
                self.warnings.append(
                    ParseWarning(code="unknown_code", message=f"relationship {text!r}", span=span)
                )
            elif rel not in relationships:
                relationships.append(rel)
        values: dict[str, Any] = {}
        own_spans: dict[str, Span] = {}
        self.put(
            values, own_spans, "clarification", self.get(el, "relationshipClarification", base)
        )
        relation_list = el.find("relatedPersonRelationshipList")
        if relation_list is not None:
            own_spans["relationships"] = Span(
                line=line_of(relation_list), path=f"{base}/relatedPersonRelationshipList"
            )
        address = self.address(el.find("relatedPersonAddress"), f"{base}/relatedPersonAddress")
        return {
            **values,
            "name": name,
            "kind": kind,
            "address": address,
            "relationships": relationships,
            "spans": own_spans,
        }

    # -- offering ----------------------------------------------------------------------------

    def offering(self, el: Element | None, base: str) -> dict[str, Any]:
        values: dict[str, Any] = {}
        spans: dict[str, Span] = {}
        if el is None:
            return {"spans": spans}

        def put(key: str, rel: str, convert: Any = None) -> None:
            self.put(values, spans, key, self.get(el, rel, base), convert)

        put("industry_group", "industryGroup/industryGroupType")
        put("revenue_range", "issuerSize/revenueRange")
        put("aggregate_net_asset_value_range", "issuerSize/aggregateNetAssetValueRange")
        exemptions = [
            t for c in el.iterfind("federalExemptionsExclusions/item") if (t := text_of(c))
        ]
        values["exemptions"] = exemptions
        put("is_amendment", "typeOfFiling/newOrAmendment/isAmendment", to_bool)
        put("previous_accession", "typeOfFiling/newOrAmendment/previousAccessionNumber")
        put("date_of_first_sale", "typeOfFiling/dateOfFirstSale/value", to_date)
        put("first_sale_yet_to_occur", "typeOfFiling/dateOfFirstSale/yetToOccur", to_bool)
        put("more_than_one_year", "durationOfOffering/moreThanOneYear", to_bool)
        types = el.find("typesOfSecuritiesOffered")
        security_types: list[str] = []
        if types is not None:
            for child in types:
                label = _SECURITY_TYPES.get(child.tag)
                if label is None:
                    continue  # descriptionOfOtherType, read below
                flag: dict[str, Any] = {}
                self.put(
                    flag,
                    {},
                    "on",
                    self.get(types, child.tag, f"{base}/typesOfSecuritiesOffered"),
                    to_bool,
                )
                if flag.get("on"):
                    security_types.append(label)
            spans["security_types"] = Span(
                line=line_of(types), path=f"{base}/typesOfSecuritiesOffered"
            )
        values["security_types"] = security_types
        put("security_other_description", "typesOfSecuritiesOffered/descriptionOfOtherType")
        put(
            "business_combination",
            "businessCombinationTransaction/isBusinessCombinationTransaction",
            to_bool,
        )
        put("minimum_investment", "minimumInvestmentAccepted", _to_decimal)
        for key, rel in (
            ("total_offering", "offeringSalesAmounts/totalOfferingAmount"),
            ("total_remaining", "offeringSalesAmounts/totalRemaining"),
        ):
            text, span = self.get(el, rel, base)
            if text is not None and text.lower() == "indefinite":
                values[f"{key}_indefinite"] = True
                spans[f"{key}_indefinite"] = span  # type: ignore[assignment]
            else:
                field = "total_offering_amount" if key == "total_offering" else key
                self.put(values, spans, field, (text, span), _to_decimal)
        put("total_amount_sold", "offeringSalesAmounts/totalAmountSold", _to_decimal)
        put("has_non_accredited_investors", "investors/hasNonAccreditedInvestors", to_bool)
        put("non_accredited_investors", "investors/numberNonAccreditedInvestors", int)
        put("total_investors", "investors/totalNumberAlreadyInvested", int)
        put(
            "sales_commissions",
            "salesCommissionsFindersFees/salesCommissions/dollarAmount",
            _to_decimal,
        )
        put("finders_fees", "salesCommissionsFindersFees/findersFees/dollarAmount", _to_decimal)
        put("gross_proceeds_used", "useOfProceeds/grossProceedsUsed/dollarAmount", _to_decimal)
        put("use_of_proceeds_clarification", "useOfProceeds/clarificationOfResponse")
        values["sales_compensation"] = [
            comp
            for n, recipient in enumerate(el.iterfind("salesCompensationList/recipient"), start=1)
            if (
                comp := self.compensation(recipient, f"{base}/salesCompensationList/recipient[{n}]")
            )
            is not None
        ]
        return {**values, "spans": spans}

    def compensation(self, el: Element, base: str) -> dict[str, Any] | None:
        values: dict[str, Any] = {}
        spans: dict[str, Span] = {}
        for key, tag in (
            ("recipient", "recipientName"),
            ("recipient_crd", "recipientCRDNumber"),
            ("broker_dealer", "associatedBDName"),
            ("broker_dealer_crd", "associatedBDCRDNumber"),
        ):
            text, span = self.get(el, tag, base)
            if not _placeholder(text):
                self.put(values, spans, key, (text, span))
        if "recipient" not in values and "broker_dealer" not in values:
            return None
        states = [
            t
            for c in el.iterfind("statesOfSolicitationList/*")
            if c.tag in ("state", "value") and (t := text_of(c))
        ]
        return {**values, "states": states, "spans": spans}

    # -- the document ------------------------------------------------------------------------

    def read(self) -> ParsedFiling:
        root = self.root
        base = f"/{ROOT}"
        info: dict[str, Any] = {}
        info_spans: dict[str, Span] = {}
        self.put(info, info_spans, "form_type", self.get(root, "submissionType", base), str.upper)
        self.put(info, info_spans, "schema_version", self.get(root, "schemaVersion", base))
        form_type = info.pop("form_type", None)
        if form_type not in FORMS:
            raise MalformedDocumentError(
                f"edgarSubmission is a {form_type or 'submission without type'}, not a Form D",
                source=self.source.name,
                line=line_of(root),
            )
        mode, mode_span = self.get(root, "testOrLive", base)
        if mode is not None and mode.upper() == "TEST":
            self.warnings.append(
                ParseWarning(code="test_filing", message="a TEST submission", span=mode_span)
            )
        primary = root.find("primaryIssuer")
        if primary is None:
            raise MalformedDocumentError(
                "Form D has no <primaryIssuer>", source=self.source.name, line=line_of(root)
            )
        issuers = [self.issuer(primary, f"{base}/primaryIssuer")]
        for n, el in enumerate(root.iterfind("issuerList/issuer"), start=1):
            issuers.append(self.issuer(el, f"{base}/issuerList/issuer[{n}]"))
        persons = [
            self.related_person(el, f"{base}/relatedPersonsList/relatedPersonInfo[{n}]")
            for n, el in enumerate(root.iterfind("relatedPersonsList/relatedPersonInfo"), start=1)
        ]
        offering_el = root.find("offeringData")
        offering = self.offering(offering_el, f"{base}/offeringData")
        signatures = []
        for n, el in enumerate(root.iterfind("offeringData/signatureBlock/signature"), start=1):
            sig_base = f"{base}/offeringData/signatureBlock/signature[{n}]"
            values: dict[str, Any] = {}
            spans: dict[str, Span] = {}
            self.put(values, spans, "name", self.get(el, "nameOfSigner", sig_base))
            self.put(values, spans, "title", self.get(el, "signatureTitle", sig_base))
            self.put(values, spans, "on_behalf_of", self.get(el, "issuerName", sig_base))
            self.put(values, spans, "date", self.get(el, "signatureDate", sig_base), to_date)
            if "name" not in values:  # only the "/s/" signature itself was given
                self.put(values, spans, "name", self.get(el, "signatureName", sig_base))
            signatures.append({**values, "spans": spans})
        previous = offering.get("previous_accession")
        filing = FilingInfo.model_validate(
            {
                **info,
                "form_type": form_type,
                "amendment": form_type == "D/A" or bool(offering.get("is_amendment")),
                "source": self.source.name,
                "sha256": self.source.sha256,
                "input_format": InputFormat.XML,
                "amends_accession": previous,
                "signature_date": next((s["date"] for s in signatures if "date" in s), None),
                "spans": info_spans,
            }
        )
        if previous is not None:
            filing.spans["amends_accession"] = offering["spans"]["previous_accession"]
        document = FormDFiling.model_validate(
            {
                "filing": filing,
                "issuers": issuers,
                "related_persons": persons,
                "offering": offering,
                "signatures": signatures,
            }
        )
        return ParsedFiling(document=document, warnings=self.warnings)
