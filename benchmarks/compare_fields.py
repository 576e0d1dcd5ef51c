"""What compare_edgartools.py compares: where each field sits in an ownership XML document,
how values are normalized, and the comparer that judges each disagreement against the filing.

Readings on both sides are plain dicts (strings, ISO dates, decimal strings, booleans) of one
shape: ``{"issuer": {...}, "owners": [...], "transactions": [...], ...}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from lxml import etree

Doc = dict[str, Any]
Fields = dict[str, tuple[str, str]]

# -- the filing itself: where each field is, and what it says ----------------------------------

# field -> (element path relative to its record's element, kind)
_DOC_FIELDS: Fields = {
    "form": ("documentType", "text"),
    "period": ("periodOfReport", "date"),
    "remarks": ("remarks", "text"),
    "no_securities_owned": ("noSecuritiesOwned", "bool"),
    "rule_10b5_1": ("aff10b5One", "bool"),
}
_ISSUER_FIELDS = {
    "cik": ("issuer/issuerCik", "text"),
    "name": ("issuer/issuerName", "text"),
    "ticker": ("issuer/issuerTradingSymbol", "text"),
}
_OWNER_FIELDS = {
    "cik": ("reportingOwnerId/rptOwnerCik", "text"),
    "name": ("reportingOwnerId/rptOwnerName", "text"),
    "is_director": ("reportingOwnerRelationship/isDirector", "bool"),
    "is_officer": ("reportingOwnerRelationship/isOfficer", "bool"),
    "is_ten_percent_owner": ("reportingOwnerRelationship/isTenPercentOwner", "bool"),
    "is_other": ("reportingOwnerRelationship/isOther", "bool"),
    "officer_title": ("reportingOwnerRelationship/officerTitle", "text"),
    "city": ("reportingOwnerAddress/rptOwnerCity", "text"),
    "state": ("reportingOwnerAddress/rptOwnerState", "text"),
    "zip": ("reportingOwnerAddress/rptOwnerZipCode", "text"),
}
_SIGNATURE_FIELDS = {
    "name": ("signatureName", "text"),
    "date": ("signatureDate", "date"),
}
_ROW_FIELDS = {
    "security": ("securityTitle", "text"),
    "date": ("transactionDate", "date"),
    "code": ("transactionCoding/transactionCode", "text"),
    "form_type": ("transactionCoding/transactionFormType", "text"),
    "equity_swap": ("transactionCoding/equitySwapInvolved", "bool"),
    "shares": ("transactionAmounts/transactionShares", "decimal"),
    "price": ("transactionAmounts/transactionPricePerShare", "decimal"),
    "acquired_disposed": ("transactionAmounts/transactionAcquiredDisposedCode", "text"),
    "shares_after": ("postTransactionAmounts/sharesOwnedFollowingTransaction", "decimal"),
    "ownership": ("ownershipNature/directOrIndirectOwnership", "text"),
    "nature_of_ownership": ("ownershipNature/natureOfOwnership", "text"),
    "underlying_security": ("underlyingSecurity/underlyingSecurityTitle", "text"),
    "underlying_shares": ("underlyingSecurity/underlyingSecurityShares", "decimal"),
    "exercise_price": ("conversionOrExercisePrice", "decimal"),
    "exercisable_date": ("exerciseDate", "date"),
    "expiration_date": ("expirationDate", "date"),
}
_HOLDING_SHARES = ("postTransactionAmounts/sharesOwnedFollowingTransaction", "decimal")

# Fields edgartools does not read: secgraph's value is checked against the filing alone.
_DIRECT_DOC = {
    "schema_version": ("schemaVersion", "text"),
    "date_of_original": ("dateOfOriginalSubmission", "date"),
    "not_subject_to_section16": ("notSubjectToSection16", "bool"),
}
_DIRECT_OWNER = {
    "other_text": ("reportingOwnerRelationship/otherText", "text"),
    "street1": ("reportingOwnerAddress/rptOwnerStreet1", "text"),
    "street2": ("reportingOwnerAddress/rptOwnerStreet2", "text"),
}
_DIRECT_TX = {
    "deemed_execution_date": ("deemedExecutionDate", "date"),
    "timeliness": ("transactionTimeliness", "text"),
    "total_value": ("transactionAmounts/transactionTotalValue", "decimal"),
    "value_after": ("postTransactionAmounts/valueOwnedFollowingTransaction", "decimal"),
    "underlying_value": ("underlyingSecurity/underlyingSecurityValue", "decimal"),
}
_DIRECT_ROW = {
    ("transactions", "nonderivative"): _DIRECT_TX,
    ("transactions", "derivative"): {
        **_DIRECT_TX,
        "nature_of_ownership": ("ownershipNature/natureOfOwnership", "text"),
    },
    ("holdings", "nonderivative"): {
        "form_type": ("transactionCoding/transactionFormType", "text"),
        "value": ("postTransactionAmounts/valueOwnedFollowingTransaction", "decimal"),
    },
    ("holdings", "derivative"): {
        "form_type": ("transactionCoding/transactionFormType", "text"),
        "shares": _HOLDING_SHARES,
        "value": ("postTransactionAmounts/valueOwnedFollowingTransaction", "decimal"),
        "underlying_value": ("underlyingSecurity/underlyingSecurityValue", "decimal"),
    },
}

# The fields edgartools reads for each kind of row (what we can compare).
_TX_COMMON = (
    "security",
    "date",
    "shares",
    "shares_after",
    "price",
    "acquired_disposed",
    "ownership",
    "form_type",
    "code",
    "equity_swap",
)
_DERIVATIVE = (
    "underlying_security",
    "underlying_shares",
    "exercise_price",
    "exercisable_date",
    "expiration_date",
)
_PEER_ROW_FIELDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("transactions", "nonderivative"): (*_TX_COMMON, "nature_of_ownership"),
    ("transactions", "derivative"): (*_TX_COMMON, *_DERIVATIVE),
    ("holdings", "nonderivative"): ("security", "shares", "ownership", "nature_of_ownership"),
    ("holdings", "derivative"): ("security", *_DERIVATIVE, "ownership", "nature_of_ownership"),
}
_ROW_TAGS = {
    ("transactions", "nonderivative"): ("nonDerivativeTable", "nonDerivativeTransaction"),
    ("transactions", "derivative"): ("derivativeTable", "derivativeTransaction"),
    ("holdings", "nonderivative"): ("nonDerivativeTable", "nonDerivativeHolding"),
    ("holdings", "derivative"): ("derivativeTable", "derivativeHolding"),
}
# edgartools drops a row that lacks one of these descendants (table_containers.py).
_PEER_NEEDS = {
    ("transactions", "nonderivative"): (
        "transactionAmounts",
        "ownershipNature",
        "postTransactionAmounts",
    ),
    ("transactions", "derivative"): (
        "transactionAmounts",
        "underlyingSecurity",
        "ownershipNature",
        "postTransactionAmounts",
    ),
    ("holdings", "nonderivative"): ("ownershipNature",),
    ("holdings", "derivative"): ("underlyingSecurity", "ownershipNature"),
}


def xml_root(data: bytes) -> Any:
    """The filing's tree, read leniently: it is the reference, not the thing under test."""
    return etree.fromstring(data.lstrip(), parser=etree.XMLParser(recover=True))


def value_text(el: Any) -> str | None:
    """What the filing says in a field element: its <value>, else its own text."""
    if el is None:
        return None
    value = el.find("value")
    text = value.text if value is not None else el.text
    if el.tag in ("remarks", "footnote"):
        text = "".join(el.itertext())
    return text.strip() if text and text.strip() else None


def quote(el: Any) -> str:
    """The element as printed in the filing, on one line, for the report."""
    if el is None:
        return "(absent)"
    raw = etree.tostring(el, encoding="unicode", with_tail=False)
    raw = " ".join(raw.split())
    return raw if len(raw) <= 300 else raw[:297] + "..."


# -- normalizing --------------------------------------------------------------------------------

NOT_READ = "(not read by edgartools)"

RULES = {
    "empty": 'edgartools gives `""` where the filing has no value; secgraph gives None',
    "number": "edgartools gives pandas floats (`0.0`, `1e-06`); compared by decimal value",
    "flag_absent": "edgartools reads an absent or empty yes/no element as False; secgraph "
    "as None (the filing states nothing)",
    "zone": "edgartools keeps a date's time-zone suffix (`2011-12-15-05:00`); secgraph keeps "
    "the date",
    "yes_no": "edgartools gives a non-derivative holding's ownership as Yes/No (is it D?); "
    "secgraph as D/I",
    "footnote_suffix": "edgartools appends footnote ids to values (`Common Stock [F1]`); "
    "split off before comparing",
}


def norm(kind: str, value: Any, hits: dict[str, int] | None = None) -> Any:
    """A value as compared: None for missing, Decimal for numbers, ISO date, collapsed text."""
    if value is None or value == "":
        return None
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        return {"1": True, "true": True, "0": False, "false": False}.get(text, text)
    text = " ".join(str(value).split())
    if kind == "decimal":
        try:
            return Decimal(text).normalize()
        except InvalidOperation:
            return text
    if kind == "date" and re.match(r"^\d{4}-\d{2}-\d{2}.", text):
        if hits is not None:
            hits["zone"] = hits.get("zone", 0) + 1
        return text[:10]
    return text


@dataclass(frozen=True)
class Disagreement:
    file: str
    where: str
    field: str
    xml: str
    peer: Any
    ours: Any
    verdict: str


def verdict(kind: str, xml_value: str | None, peer: Any, ours: Any) -> str:
    """Who reads the element as it is printed."""
    truth = norm(kind, xml_value)
    peer_ok = norm(kind, peer) == truth
    ours_ok = norm(kind, ours) == truth
    if ours_ok and not peer_ok:
        return "edgartools wrong"
    if peer_ok and not ours_ok:
        return "secgraph wrong"
    return "neither equals the element text"


# -- comparing ----------------------------------------------------------------------------------


class Comparer:
    """Compares the two readings of each file; collects disagreements and rule counts."""

    def __init__(self) -> None:
        self.hits: dict[str, int] = {}
        self.disagreements: list[Disagreement] = []
        self.compared = 0
        self.direct_compared = 0
        self.file = ""

    def hit(self, rule: str) -> None:
        self.hits[rule] = self.hits.get(rule, 0) + 1

    def add(self, where: str, field: str, *, xml: str, peer: Any, ours: Any, why: str) -> None:
        self.disagreements.append(Disagreement(self.file, where, field, xml, peer, ours, why))

    def field(self, where: str, name: str, *, kind: str, el: Any, peer: Any, ours: Any) -> None:
        self.compared += 1
        if peer == "" and ours is None:
            self.hit("empty")
        if isinstance(peer, str) and kind == "decimal" and re.search(r"\.0$|e", peer):
            self.hit("number")
        p, o = norm(kind, peer, self.hits), norm(kind, ours)
        if kind == "bool" and p is False and o is None and value_text(el) is None:
            self.hit("flag_absent")
            return
        if p != o:
            why = verdict(kind, value_text(el), peer, ours)
            self.add(where, name, xml=quote(el), peer=peer, ours=ours, why=why)

    def record(
        self, where: str, fields: Fields, el: Any, peer: Doc, ours: Doc, *, names: Any = None
    ) -> None:
        for name in names or list(fields):
            rel, kind = fields[name]
            target = el.find(rel) if el is not None else None
            self.field(where, name, kind=kind, el=target, peer=peer.get(name), ours=ours.get(name))

    def direct(self, where: str, fields: Fields, el: Any, ours: Doc) -> None:
        """secgraph alone against the filing, for fields edgartools does not read."""
        for name, (rel, kind) in fields.items():
            target = el.find(rel) if el is not None else None
            self.direct_compared += 1
            if norm(kind, ours.get(name)) != norm(kind, value_text(target)):
                self.add(
                    where,
                    name,
                    xml=quote(target),
                    peer=NOT_READ,
                    ours=ours.get(name),
                    why="secgraph wrong",
                )

    def count(self, what: str, peer: int, ours: int, elements: int) -> None:
        self.compared += 1
        if peer != ours:
            why = "secgraph wrong" if peer == elements else "edgartools wrong"
            self.add(what, "count", xml=f"{elements} elements", peer=peer, ours=ours, why=why)

    def document(self, file: str, root: Any, peer: Doc, ours: Doc) -> None:
        self.file = file
        self.record("filing", _DOC_FIELDS, root, peer, ours)
        self.direct("filing", _DIRECT_DOC, root, ours)
        self.record("issuer", _ISSUER_FIELDS, root, peer["issuer"], ours["issuer"])
        owners = root.findall("reportingOwner")
        self.count("owners", len(peer["owners"]), len(ours["owners"]), len(owners))
        for i, (p, o) in enumerate(zip(peer["owners"], ours["owners"], strict=False)):
            el = owners[i] if i < len(owners) else None
            self.record(f"owner {i + 1}", _OWNER_FIELDS, el, p, o)
            self.direct(f"owner {i + 1}", _DIRECT_OWNER, el, o)
        signatures = root.findall("ownerSignature")
        self.count("signatures", len(peer["signatures"]), len(ours["signatures"]), len(signatures))
        for i, (p, o) in enumerate(zip(peer["signatures"], ours["signatures"], strict=False)):
            el = signatures[i] if i < len(signatures) else None
            self.record(f"signature {i + 1}", _SIGNATURE_FIELDS, el, p, o)
        notes = {el.get("id"): el for el in root.iter("footnote")}
        for fid in sorted(set(peer["footnotes"]) | set(ours["footnotes"])):
            self.field(
                f"footnote {fid}",
                "text",
                kind="text",
                el=notes.get(fid),
                peer=peer["footnotes"].get(fid),
                ours=ours["footnotes"].get(fid),
            )
        for group in ("transactions", "holdings"):
            for table in ("nonderivative", "derivative"):
                self.rows(root, (group, table), peer, ours)

    def rows(self, root: Any, kind: tuple[str, str], peer: Doc, ours: Doc) -> None:
        group, table = kind
        table_tag, row_tag = _ROW_TAGS[kind]
        elements = [el for t in root.iter(table_tag) for el in t.iter(row_tag)]
        our_rows = [r for r in ours[group] if r["table"] == table]
        peer_rows = [r for r in peer[group] if r["table"] == table]
        needs = _PEER_NEEDS[kind]
        kept = [el for el in elements if all(el.find(f".//{n}") is not None for n in needs)]
        self.count(f"{table} {group}", len(peer_rows), len(our_rows), len(elements))
        if len(peer_rows) != len(kept):
            return  # not explained by edgartools' dropping rule: the count disagreement says it
        peer_by_el = {id(el): p for el, p in zip(kept, peer_rows, strict=True)}
        fields = dict(_ROW_FIELDS)
        if group == "holdings":
            fields["shares"] = _HOLDING_SHARES
        for i, (el, ours_row) in enumerate(zip(elements, our_rows, strict=False)):
            where = f"{row_tag}[{i + 1}]"
            self.direct(where, _DIRECT_ROW[kind], el, ours_row)
            p = peer_by_el.get(id(el))
            if p is None:
                missing = "> <".join(n for n in needs if el.find(f".//{n}") is None)
                self.add(
                    where,
                    "row",
                    xml=f"no <{missing}> in {quote(el)}",
                    peer="(row dropped)",
                    ours="(row read)",
                    why="edgartools wrong",
                )
                continue
            p = dict(p)
            if kind == ("holdings", "nonderivative"):
                p["ownership"] = self.yes_no(p.get("ownership"), el)
            self.record(where, fields, el, p, ours_row, names=_PEER_ROW_FIELDS[kind])
            if group == "transactions":
                self.code_meaning(where, el, p, ours_row)
            self.footnote_ids(where, group, el, p, ours_row)

    def code_meaning(self, where: str, el: Any, peer: Doc, ours: Doc) -> None:
        """edgartools names a code from its own table and falls back to the bare letter for a
        code the table lacks; secgraph names every code of Form 4 General Instructions 8."""
        code = peer.get("code")
        self.compared += 1
        if code and peer.get("transaction_type") == code and ours.get("code_meaning"):
            self.add(
                where,
                "code meaning",
                xml=quote(el.find("transactionCoding/transactionCode")),
                peer=f"{code} (not in its table: the letter itself)",
                ours=ours["code_meaning"],
                why="edgartools wrong",
            )

    def yes_no(self, value: Any, row: Any) -> Any:
        """edgartools' Yes/No ("is directOrIndirectOwnership D?") back to the letter: Yes is D;
        No is I when the filing says I, and nothing when it says nothing."""
        if value not in ("Yes", "No"):
            return value
        self.hit("yes_no")
        said = value_text(row.find("ownershipNature/directOrIndirectOwnership"))
        if value == "Yes":
            return "D"
        return said if said in ("I", None) else "not D"

    def footnote_ids(self, where: str, group: str, el: Any, peer: Doc, ours: Doc) -> None:
        """Transactions: edgartools gathers every id in the row; holdings: only those on the
        fields it reads (so there it must be a subset of ours)."""
        truth = sorted({f.get("id") for f in el.iter("footnoteId") if f.get("id")})
        p, o = peer.get("footnote_ids", []), ours.get("footnote_ids", [])
        self.compared += 1
        self.hits["footnote_suffix"] = self.hits.get("footnote_suffix", 0) + int(
            peer.get("suffixes_split", 0)
        )
        if (p == o) if group == "transactions" else set(p) <= set(o):
            return
        why = "secgraph wrong" if p == truth else "edgartools wrong" if o == truth else "neither"
        self.add(where, "footnote ids", xml=", ".join(truth), peer=p, ours=o, why=why)
