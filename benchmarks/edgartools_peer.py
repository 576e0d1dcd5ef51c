"""The edgartools side of compare_edgartools.py: runs under benchmarks/.venv-compare only.

    .venv-compare/bin/python edgartools_peer.py FILE.xml ... > readings.json

Reads each ownership XML document with edgartools (``Ownership.from_xml``) and prints, as JSON,
what it read in the plain shape compare_edgartools.py compares. Strictly offline: sockets are
disabled in this process, and edgartools' per-owner ``Entity(cik)`` lookup (a network call
inside its parser, used to decide whether to reverse a person's name) is replaced by "unknown".
The reversed name is not compared; ``name_unreversed``, the name as printed, is.
"""

from __future__ import annotations

import json
import math
import re
import socket
import sys
from pathlib import Path
from typing import Any

import edgar.ownership.owners as edgar_owners
from edgar.ownership import Ownership, TransactionCode

Doc = dict[str, Any]


_FOOTNOTE_SUFFIX = re.compile(r"^(.*?)\s*\[(F\d+(?:,F\d+)*)\]$", re.S)


def _split_footnotes(value: Any) -> tuple[Any, list[str]]:
    """edgartools' ``child_value`` renders ``<value>X</value><footnoteId id="F1"/>`` as
    ``"X [F1]"`` (and a footnote-only element as ``"[F1]"``): split it back."""
    if isinstance(value, str):
        match = _FOOTNOTE_SUFFIX.match(value)
        if match:
            return (match.group(1) or None), match.group(2).split(",")
    return value, []


def _plain(value: Any) -> str | None:
    """A pandas/numpy cell as a plain string; NaN and None as None."""
    if value is None:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else repr(value)
    if hasattr(value, "item"):  # numpy scalar
        return _plain(value.item())
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _peer_read(path: Path) -> Doc:
    own = Ownership.from_xml(path.read_bytes().decode("utf-8", errors="replace"))
    doc: Doc = {
        "form": own.form or None,
        "period": own.reporting_period or None,
        "remarks": own.remarks or None,
        "no_securities_owned": own.no_securities,
        "rule_10b5_1": own.aff10b5_one,
        "issuer": {
            "cik": own.issuer.cik or None,
            "name": own.issuer.name or None,
            "ticker": own.issuer.ticker or None,
        },
        "owners": [
            {
                "cik": o.cik,
                "name": o.name_unreversed,
                "is_director": o.is_director,
                "is_officer": o.is_officer,
                "is_ten_percent_owner": o.is_ten_pct_owner,
                "is_other": o.is_other,
                "officer_title": o.officer_title,
                "city": o.address.city,
                "state": o.address.state_or_country,
                "zip": o.address.zipcode,
            }
            for o in own.reporting_owners.owners
        ],
        "signatures": [
            {"name": s.signature or None, "date": s.date or None} for s in own.signatures.signatures
        ],
        "footnotes": dict(own.footnotes._footnotes),
        "transactions": [],
        "holdings": [],
    }
    tables = (
        ("nonderivative", own.non_derivative_table),
        ("derivative", own.derivative_table),
    )
    for table, container in tables:
        tx = container.transactions
        if tx.data is not None:
            for row in tx.data.to_dict("records"):
                doc["transactions"].append(_peer_row(table, row))
        hold = container.holdings
        if hold.data is not None:
            for row in hold.data.to_dict("records"):
                doc["holdings"].append(_peer_row(table, row))
    return doc


# edgartools column -> the shared field name
_COLUMNS = {
    "Security": "security",
    "Date": "date",
    "Shares": "shares",
    "Remaining": "shares_after",
    "Price": "price",
    "AcquiredDisposed": "acquired_disposed",
    "DirectIndirect": "ownership",
    "NatureOfOwnership": "nature_of_ownership",
    "Nature Of Ownership": "nature_of_ownership",
    "Underlying": "underlying_security",
    "UnderlyingShares": "underlying_shares",
    "ExercisePrice": "exercise_price",
    "ExerciseDate": "exercisable_date",
    "ExpirationDate": "expiration_date",
    "form": "form_type",
    "Code": "code",
    "EquitySwap": "equity_swap",
    "Direct": "direct",
    "TransactionType": "transaction_type",  # its code table's word for the code
}


def _peer_row(table: str, row: dict[str, Any]) -> Doc:
    out: Doc = {"table": table}
    footnotes: list[str] = []
    suffixes = 0
    for column, cell in row.items():
        field = _COLUMNS.get(column)
        if field is None:
            continue
        value, ids = _split_footnotes(cell)
        footnotes.extend(ids)
        suffixes += bool(ids)
        out[field] = _plain(value)
    if row.get("footnotes"):
        footnotes.extend(str(row["footnotes"]).split("\n"))
    if "direct" in out:  # non-derivative holdings: "Yes"/"No" for directOrIndirectOwnership == D
        out["ownership"] = out.pop("direct")
    out["footnote_ids"] = sorted(set(footnotes))
    out["suffixes_split"] = suffixes  # values that came with " [F1]" glued on
    return out


def _peer_main(paths: list[str]) -> None:
    def _no_network(*args: object, **kwargs: object) -> None:
        raise OSError("network disabled in edgartools_peer.py")

    socket.socket.connect = _no_network  # type: ignore[method-assign]
    socket.create_connection = _no_network  # type: ignore[assignment]
    edgar_owners.Entity = lambda cik: None  # its parser looks each owner up on sec.gov

    results: dict[str, Any] = {}
    for name in paths:
        try:
            results[name] = {"ok": True, "doc": _peer_read(Path(name))}
        except Exception as exc:
            results[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    # Its two code tables, to set beside the SEC's list (Form 4 General Instructions 8).
    results["_code_tables"] = {
        "DESCRIPTIONS": dict(TransactionCode.DESCRIPTIONS),
        "TRANSACTION_TYPES": dict(TransactionCode.TRANSACTION_TYPES),
    }
    json.dump(results, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    _peer_main(sys.argv[1:])
