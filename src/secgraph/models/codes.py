"""SEC code tables (Form 4 General Instructions 8; Form D item codes)."""

from __future__ import annotations

from enum import StrEnum


class TransactionCode(StrEnum):
    """Form 3/4/5 transaction codes. ``meaning`` is the SEC's own wording, abridged."""

    P = "P"
    S = "S"
    V = "V"
    A = "A"
    D = "D"
    F = "F"
    I = "I"  # noqa: E741 - the SEC's code letter
    M = "M"
    C = "C"
    E = "E"
    H = "H"
    O = "O"  # noqa: E741 - the SEC's code letter
    X = "X"
    G = "G"
    L = "L"
    W = "W"
    Z = "Z"
    J = "J"
    K = "K"
    U = "U"

    @property
    def meaning(self) -> str:
        return TRANSACTION_CODE_MEANINGS[self]


TRANSACTION_CODE_MEANINGS: dict[TransactionCode, str] = {
    TransactionCode.P: "Open market or private purchase of non-derivative or derivative security",
    TransactionCode.S: "Open market or private sale of non-derivative or derivative security",
    TransactionCode.V: "Transaction voluntarily reported earlier than required",
    TransactionCode.A: "Grant, award or other acquisition pursuant to Rule 16b-3(d)",
    TransactionCode.D: "Disposition to the issuer of issuer equity securities pursuant to "
    "Rule 16b-3(e)",
    TransactionCode.F: "Payment of exercise price or tax liability by delivering or withholding "
    "securities incident to the receipt, exercise or vesting of a security issued in "
    "accordance with Rule 16b-3",
    TransactionCode.I: "Discretionary transaction in accordance with Rule 16b-3(f) resulting in "
    "acquisition or disposition of issuer securities",
    TransactionCode.M: "Exercise or conversion of derivative security exempted pursuant to "
    "Rule 16b-3",
    TransactionCode.C: "Conversion of derivative security",
    TransactionCode.E: "Expiration of short derivative position",
    TransactionCode.H: "Expiration (or cancellation) of long derivative position with value "
    "received",
    TransactionCode.O: "Exercise of out-of-the-money derivative security",
    TransactionCode.X: "Exercise of in-the-money or at-the-money derivative security",
    TransactionCode.G: "Bona fide gift",
    TransactionCode.L: "Small acquisition under Rule 16a-6",
    TransactionCode.W: "Acquisition or disposition by will or the laws of descent and distribution",
    TransactionCode.Z: "Deposit into or withdrawal from voting trust",
    TransactionCode.J: "Other acquisition or disposition (describe transaction)",
    TransactionCode.K: "Transaction in equity swap or instrument with similar characteristics",
    TransactionCode.U: "Disposition pursuant to a tender of shares in a change of control "
    "transaction",
}


class AcquiredDisposed(StrEnum):
    ACQUIRED = "A"
    DISPOSED = "D"


class OwnershipNature(StrEnum):
    """Column "Ownership Form": direct (D) or indirect (I)."""

    DIRECT = "D"
    INDIRECT = "I"
