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


# Form 8-K items and their official titles (General Instruction B; Form 8-K as amended 2023).
EIGHT_K_ITEM_TITLES: dict[str, str] = {
    "1.01": "Entry into a Material Definitive Agreement",
    "1.02": "Termination of a Material Definitive Agreement",
    "1.03": "Bankruptcy or Receivership",
    "1.04": "Mine Safety - Reporting of Shutdowns and Patterns of Violations",
    "1.05": "Material Cybersecurity Incidents",
    "2.01": "Completion of Acquisition or Disposition of Assets",
    "2.02": "Results of Operations and Financial Condition",
    "2.03": "Creation of a Direct Financial Obligation or an Obligation under an Off-Balance "
    "Sheet Arrangement of a Registrant",
    "2.04": "Triggering Events That Accelerate or Increase a Direct Financial Obligation or an "
    "Obligation under an Off-Balance Sheet Arrangement",
    "2.05": "Costs Associated with Exit or Disposal Activities",
    "2.06": "Material Impairments",
    "3.01": "Notice of Delisting or Failure to Satisfy a Continued Listing Rule or Standard; "
    "Transfer of Listing",
    "3.02": "Unregistered Sales of Equity Securities",
    "3.03": "Material Modification to Rights of Security Holders",
    "4.01": "Changes in Registrant's Certifying Accountant",
    "4.02": "Non-Reliance on Previously Issued Financial Statements or a Related Audit Report "
    "or Completed Interim Review",
    "5.01": "Changes in Control of Registrant",
    "5.02": "Departure of Directors or Certain Officers; Election of Directors; Appointment of "
    "Certain Officers; Compensatory Arrangements of Certain Officers",
    "5.03": "Amendments to Articles of Incorporation or Bylaws; Change in Fiscal Year",
    "5.04": "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans",
    "5.05": "Amendment to Registrant's Code of Ethics, or Waiver of a Provision of the Code of "
    "Ethics",
    "5.06": "Change in Shell Company Status",
    "5.07": "Submission of Matters to a Vote of Security Holders",
    "5.08": "Shareholder Director Nominations",
    "6.01": "ABS Informational and Computational Material",
    "6.02": "Change of Servicer or Trustee",
    "6.03": "Change in Credit Enhancement or Other External Support",
    "6.04": "Failure to Make a Required Distribution",
    "6.05": "Securities Act Updating Disclosure",
    "6.06": "Static Pool",
    "6.10": "Alternative Filings of Asset-Backed Issuers",
    "7.01": "Regulation FD Disclosure",
    "8.01": "Other Events",
    "9.01": "Financial Statements and Exhibits",
}
# Items of 8-Ks filed before August 2004 (e.g. accession 0001011438-98-000429); a heading with
# one of these numbers counts only when its title matches, since 10-K items share the numbers.
LEGACY_EIGHT_K_ITEM_TITLES: dict[str, str] = {
    "1": "Changes in Control of Registrant",
    "2": "Acquisition or Disposition of Assets",
    "3": "Bankruptcy or Receivership",
    "4": "Changes in Registrant's Certifying Accountant",
    "5": "Other Events",
    "6": "Resignations of Registrant's Directors",
    "7": "Financial Statements and Exhibits",
    "8": "Change in Fiscal Year",
    "9": "Regulation FD Disclosure",
    "10": "Amendments to the Registrant's Code of Ethics",
    "11": "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans",
    "12": "Results of Operations and Financial Condition",
}


class InputFormat(StrEnum):
    """How a filing reached us. The registry keys parsers by (family, format)."""

    XML = "xml"
    TEXT = "text"
    HTML = "html"
    SGML = "sgml"  # EDGAR full-submission text with <SEC-HEADER>
