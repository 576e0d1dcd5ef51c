"""Deterministic IRIs of the instance graph, from natural keys.

Every node the mapper or the resolver names is built here, under :data:`vocab.ID_NS`:
a filing by its accession number (else by the SHA-256 of its bytes), a company by CIK (else by
its normalized name), a reporting owner by CIK (else as a mention scoped to the filing), and
every record (role, transaction, holding, agreement...) under its filing. No timestamps, no
random ids, no blank nodes: the same input always yields the same graph, so exports diff.

Path segments are slugs of ``[a-z0-9.-]`` only, so an IRI never needs escaping.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

import pyoxigraph as ox

from secgraph.graph.vocab import ID_NS

if TYPE_CHECKING:
    from secgraph.models import FilingInfo

#: The named graph holding ontology/secgraph.ttl and ontology/codes.ttl (labels, code meanings).
ONTOLOGY_GRAPH = ox.NamedNode("https://w3id.org/secgraph/ontology")
#: The named graph of entity resolution (judgements, sg:canonical, owl:sameAs), rebuilt whole.
RESOLUTION_GRAPH = ox.NamedNode(ID_NS + "graph/resolution")
#: The named graph of positions over time and amendments' supersessions, rebuilt whole.
POSITIONS_GRAPH = ox.NamedNode(ID_NS + "graph/positions")
#: The named graph of listing order and per-entity counts (graph.summary), rebuilt whole.
SUMMARY_GRAPH = ox.NamedNode(ID_NS + "graph/summary")


def block_iri(listing: str, block: int) -> ox.NamedNode:
    """The node of one block of a listing's order (graph.summary)."""
    return ox.NamedNode(f"{ID_NS}list/{listing}/{block}")


_ACCESSION = re.compile(r"^\d{10}-\d{2}-\d{6}$")
_NOT_SLUG = re.compile(r"[^a-z0-9.]+")
_TOKENS = re.compile(r"[a-z0-9]+")


def _fold(text: str) -> str:
    """Casefold and strip accents (``Müller`` -> ``muller``)."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """``Stock Option (Right to Buy)`` -> ``stock-option-right-to-buy``; ``1.02`` stays."""
    return _NOT_SLUG.sub("-", _fold(text)).strip("-.") or "x"


def mention_key(text: str) -> str:
    """Order-free key of a person's name within one filing: its tokens, sorted.

    The SEC prints a reporting person as ``PANORA ROBERT A`` and the same person signs as
    ``Robert A. Panora``; both give ``a-panora-robert``, so the signer and the owner of one
    filing are one node without parsing names in the hot path (nameparser costs ~0.2 ms).
    Within a single filing two different people with the same tokens do not occur in
    practice; across filings, the resolver compares properly parsed names.
    """
    return "-".join(sorted(_TOKENS.findall(_fold(text)))) or "x"


def cik_key(cik: str | None) -> str | None:
    """A CIK as ten digits (``1537435`` -> ``0001537435``); None unless it is all digits."""
    if cik is None:
        return None
    digits = cik.strip()
    if not digits.isdigit() or len(digits) > 10:
        return None
    return digits.zfill(10)


@lru_cache(maxsize=65536)
def _company_key(name: str) -> str:
    # company_key costs ~60 us (cleanco); issuer names repeat across a batch. Imported here:
    # the name parser is heavy, and readers of the graph IRIs (queries, views) never need it.
    from secgraph.normalize.names import company_key  # noqa: PLC0415

    return company_key(name)


def company_name_key(name: str | None) -> str:
    """``TECOGEN INC.`` -> ``tecogen`` (cached :func:`secgraph.normalize.names.company_key`)."""
    return _company_key(name) if name else ""


def company_iri(cik: str | None, name: str | None) -> ox.NamedNode | None:
    """``company/cik/0001537435`` or ``company/name/tecogen``; None with neither key."""
    key = cik_key(cik)
    if key is not None:
        return ox.NamedNode(f"{ID_NS}company/cik/{key}")
    name_key = company_name_key(name)
    if name_key:
        return ox.NamedNode(f"{ID_NS}company/name/{slug(name_key)}")
    return None


def entity_cik_iri(cik: str) -> ox.NamedNode | None:
    """A reporting owner (person or organization) by CIK: ``entity/cik/0001234567``."""
    key = cik_key(cik)
    return None if key is None else ox.NamedNode(f"{ID_NS}entity/cik/{key}")


#: The filings named by the SHA-256 of their bytes (no accession number): known by their file.
SHA256_FILINGS = f"{ID_NS}filing/sha256/"


def filing_iri(info: FilingInfo) -> ox.NamedNode:
    """``filing/0000899243-21-019441`` by accession, else ``filing/sha256/<hex>``."""
    if info.accession and _ACCESSION.match(info.accession.strip()):
        return ox.NamedNode(f"{ID_NS}filing/{info.accession.strip()}")
    return ox.NamedNode(f"{SHA256_FILINGS}{info.sha256.lower()}")


def accession_iri(accession: str) -> ox.NamedNode | None:
    """The filing node of an accession number named by another filing (amendments)."""
    accession = accession.strip()
    if not _ACCESSION.match(accession):
        return None
    return ox.NamedNode(f"{ID_NS}filing/{accession}")


def reference_iri(
    company: ox.NamedNode | None, form_type: str, filed: str | None
) -> ox.NamedNode | None:
    """A filing known only by its company, form type and filing date ("our 8-K filed on May 24,
    2016"): ``<company>/filing/8-k/2016-05-24``. None unless all three are known."""
    if company is None or filed is None:
        return None
    return ox.NamedNode(f"{company.value}/filing/{slug(form_type)}/{filed}")


def security_iri(issuer: ox.NamedNode, title: str) -> ox.NamedNode:
    """A class of securities of an issuer: ``<issuer>/security/common-stock``."""
    return ox.NamedNode(f"{issuer.value}/security/{slug(title)}")


def judgement_iri(left: ox.NamedNode, right: ox.NamedNode) -> ox.NamedNode:
    """One judgement per unordered pair of entity nodes (hash of both IRIs, sorted)."""
    a, b = sorted((left.value, right.value))
    digest = hashlib.sha256(f"{a} {b}".encode()).hexdigest()[:24]
    return ox.NamedNode(f"{ID_NS}judgement/{digest}")


def child(node: ox.NamedNode, *parts: str | int) -> ox.NamedNode:
    """A node under another: ``<agreement>/event/1``, ``<tx>/note/shares/f1``."""
    return ox.NamedNode(node.value + "".join(f"/{part}" for part in parts))


class FilingIris:
    """IRIs of the nodes that belong to one filing, all under the filing's IRI."""

    __slots__ = ("base", "filing")

    def __init__(self, filing: ox.NamedNode) -> None:
        self.filing = filing
        self.base = filing.value

    def node(self, *parts: str | int) -> ox.NamedNode:
        """``<filing>/role/3``: parts are slugs or numbers (callers pass safe parts)."""
        return ox.NamedNode(self.base + "".join(f"/{part}" for part in parts))

    def person(self, name: str | None, index: int) -> ox.NamedNode:
        """A person mentioned by name (``<filing>/person/a-panora-robert``) or, unnamed,
        by position (``<filing>/person/owner-1``)."""
        if name:
            return self.node("person", mention_key(name))
        return self.node("person", f"owner-{index}")

    def organization(self, name: str | None, index: int) -> ox.NamedNode:
        """An organization without CIK or usable name key, scoped to the filing."""
        if name and company_name_key(name):
            return self.node("organization", slug(company_name_key(name)))
        return self.node("organization", f"owner-{index}")


def position_iri(holder: str, organization: str, kind: str, title_key: str) -> ox.NamedNode:
    """One position per (canonical holder, canonical organization, role kind, title key)."""
    digest = hashlib.sha256(f"{holder} {organization} {kind} {title_key}".encode()).hexdigest()
    return ox.NamedNode(f"{ID_NS}position/{digest[:24]}")
