"""A printed signature line, read into its parts: who signed, in what capacity, for whom.

Filings print one string where a person, an attorney-in-fact and a chain of organizations meet
(all from tests/corpus):

* ``/s/ Robert A. Panora`` - a person signing in their own name;
* ``/s/ David Cohen, as attorney in fact for Reid Hoffman``, ``By: Aaron Beckman by Power of
  Attorney For: Elon Musk``, ``/s/ Justin V. Laubach, under power of attorney`` - an
  attorney-in-fact, and the principal when the line names one;
* ``Roelof Botha, by Kathy Hibbs, attorney-in-fact`` - principal first, agent after "by";
* ``Mithril II LP By: Mithril II GP LP, its general partner By: Mithril II UGP LLC, its general
  partner, By: /s/ Ajay Royan, Managing Member`` - a chain of organizations, each signing for
  the one before, down to the person who signed and their capacity;
* ``/s/ Ajay Royan, Managing Member, Mithril II UGP LLC, General Partner of Mithril II GP LP,
  the General Partner of Mithril II LP`` - the same chain written from the person up;
* ``/s/ See Signatures Included in Exhibit 99.2`` - no name at all.

:func:`parse_signature` is pure and never raises; a part that does not read as what it should
be (a person's name that is not one, a title that is a heading) is left empty and its reason
given in ``doubts``. The caller links the names to the entities its filing knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from secgraph.normalize.names import doubtful_person_name, looks_like_organization
from secgraph.normalize.titles import doubtful_title

__all__ = ["SignatureParts", "parse_signature"]


@dataclass(frozen=True)
class SignatureParts:
    """What one signature line says.

    ``signer``: the name of the person who put their signature, when one was read;
    ``capacity``: the signer's title or capacity (``Managing Member``), never
    "attorney-in-fact", which is ``attorney_in_fact``; ``principal``: the person or
    organization signed for, when the line names one (``Reid Hoffman``, ``Mithril II LP``);
    ``for_reporting_person``: signed for "the Reporting Person" without naming them;
    ``through``: the organizations between the principal and the signer, principal side
    first, each with its capacity as printed (``("Mithril II GP LP", "general partner")``);
    ``doubts``: why a part was left empty.
    """

    signer: str | None = None
    capacity: str | None = None
    attorney_in_fact: bool = False
    principal: str | None = None
    for_reporting_person: bool = False
    through: tuple[tuple[str, str | None], ...] = ()
    doubts: tuple[str, ...] = field(default=())


_SPACES = re.compile(r"\s+")
# "By:", "By :" start a link of the chain; so does ", by " before a name ("Roelof Botha, by
# Kathy Hibbs"), but not "by power of attorney".
_BY = re.compile(
    r"(?:^|[,;]?\s+)By\s*:\s*|,\s*by\s+(?!power\b|its\b|their\b|his\b|her\b)", re.IGNORECASE
)
_SLASH_S = re.compile(r"^\s*(?:/s/|s/)\s*", re.IGNORECASE)
# "attorney-in-fact", "Atty-in-Fact", "by power of attorney", "under power of attorney", and
# the principal after "for", "to", "of" or "For:".
_ATTORNEY = re.compile(
    r"(?:^|\s*[,;(]\s*|\s+)(?:as\s+|by\s+|under\s+|pursuant\s+to\s+(?:a\s+)?)?"
    r"(?:(?:attorney|atty\.?)[\s-]*in[\s-]*fact|power\s+of\s+attorney)\)?\.?"
    r"(?:\s*(?:,\s*)?(?:for|to|of|on\s+behalf\s+of)\s*:?\s*(?P<principal>.+?))?\s*\.?$",
    re.IGNORECASE,
)
_REPORTING_PERSON = re.compile(r"^(?:the\s+)?reporting\s+(?:person|owner)s?$", re.IGNORECASE)
_ON_BEHALF = re.compile(r"\s*,?\s*on\s+behalf\s+of\s+(?P<whom>.+)$", re.IGNORECASE)
_SELF = re.compile(r"^(?:himself|herself|themselves|itself)\b", re.IGNORECASE)
# "its general partner", "its Manager": the capacity of an organization in the chain.
_ITS = re.compile(r"^(?:its|their|the)\s+(?P<capacity>.+)$", re.IGNORECASE)
# "General Partner of Mithril II GP LP": a capacity and the organization it is held at.
_CAPACITY_OF = re.compile(r"^(?:the\s+)?(?P<capacity>[^,]+?)\s+of\s+(?P<org>.+)$", re.IGNORECASE)
_NAME_SUFFIX = re.compile(r"^(?:Jr|Sr|II|III|IV|V|Esq|M\.?D|Ph\.?D)\.?$", re.IGNORECASE)


# A final period that belongs to the last word: an initial, "Jr.", "Inc.", "L.P.", "Corp.".
_KEEP_PERIOD = re.compile(
    r"(?:\b[A-Za-z]|\b(?:Jr|Sr|Inc|Corp|Co|Ltd|Esq)|\.[A-Za-z])\.$", re.IGNORECASE
)
_TITLE_LABEL = re.compile(r"\s+Title\s*:\s*", re.IGNORECASE)


def _clean(text: str) -> str:
    value = _SPACES.sub(" ", _SLASH_S.sub("", text)).strip(" ,;:")
    if value.endswith(".") and not _KEEP_PERIOD.search(value):
        value = value.rstrip(". ")
    return value


def _parts(text: str) -> list[str]:
    """Comma-separated parts, with a name suffix kept on its name (``James R. Arnold, Jr.``)
    and company forms on their company (``SoftBank Vision Fund II-2 L.P., Inc.``)."""
    raw = [p.strip() for p in text.split(",")]
    parts: list[str] = []
    for part in raw:
        if not part:
            continue
        if parts and (
            _NAME_SUFFIX.fullmatch(part) or re.fullmatch(r"(?:Inc|Ltd|LLC|L\.?P|Corp)\.?", part)
        ):
            parts[-1] = f"{parts[-1]}, {part}"
        else:
            parts.append(part)
    return parts


def _organization_link(segment: str) -> tuple[str, str | None]:
    """``Mithril II GP LP, its general partner`` -> (name, capacity)."""
    parts = _parts(_clean(segment))
    capacity = None
    if len(parts) > 1 and (m := _ITS.match(parts[-1])):
        capacity = m.group("capacity").strip(" ,.")
        parts = parts[:-1]
    return ", ".join(parts), capacity


def parse_signature(text: str | None, title: str | None = None) -> SignatureParts:
    """The parts of one printed signature; ``title`` is a title the form prints apart from the
    name (an 8-K's or Form D's "Title:" line)."""
    if not text or not text.strip():
        return SignatureParts()
    text = _SPACES.sub(" ", text).strip()
    labelled = _TITLE_LABEL.search(text)
    if labelled is not None:  # "Thomas B. Pickens, III Title: Chairman of the Board ..."
        title = title or text[labelled.end() :]
        text = text[: labelled.start()]
    segments = [s for s in _BY.split(text)]
    head, links, last = segments[0], segments[1:-1], segments[-1]
    principal: str | None = None
    through: list[tuple[str, str | None]] = []
    if len(segments) > 1 and _clean(head):
        principal = _organization_link(head)[0]
    through += [_organization_link(link) for link in links if _clean(link)]
    doubts: list[str] = []

    # The signer's own segment: name, then attorney-in-fact or capacity and organizations.
    own = _SLASH_S.sub("", last).strip()
    attorney = _ATTORNEY.search(own)
    for_reporting = False
    capacity: str | None = None
    if attorney is not None:
        own_name = own[: attorney.start()]
        named = attorney.group("principal")
        if named:
            named = _clean(named)
            if _REPORTING_PERSON.match(named):
                for_reporting = True
            elif principal is None:
                principal = named
        parts = _parts(_clean(own_name))
    else:
        behalf = _ON_BEHALF.search(own)
        if behalf is not None:
            whom = behalf.group("whom").strip(" .")
            own = own[: behalf.start()]
            if _REPORTING_PERSON.match(whom):
                for_reporting = True
            elif not _SELF.match(whom) and principal is None:
                principal = _clean(whom)
        parts = _parts(_clean(own))
    signer = parts[0] if parts else None
    rest = parts[1:]
    # After the name: a capacity, then the organizations it is held at, up the chain
    # ("Managing Member, Mithril II UGP LLC, General Partner of Mithril II GP LP").
    chain: list[tuple[str, str | None]] = []
    pending: str | None = None
    for n, part in enumerate(rest):
        of = _CAPACITY_OF.match(part)
        if looks_like_organization(part) and not (of and looks_like_organization(of["org"])):
            chain.append((_clean(part), pending))
            pending = None
        elif of and looks_like_organization(of.group("org")):
            if chain:
                chain.append((_clean(of.group("org")), of.group("capacity").strip()))
            else:
                capacity = capacity or of.group("capacity").strip()
                chain.append((_clean(of.group("org")), None))
        elif n == 0 or capacity is None:
            if capacity is None:
                capacity = part
            else:
                pending = part
    if chain:
        # Written from the signer up, each capacity being the one the organization before it
        # holds at it: the last organization is the principal.
        upward = [(chain[n][0], chain[n + 1][1]) for n in range(len(chain) - 1)]
        if principal is None:
            principal = chain[-1][0]
            through += reversed(upward)
        else:
            through += [*reversed(upward), (chain[-1][0], None)]
    if title and not capacity:
        capacity = title.strip()
    if signer is not None and looks_like_organization(signer):
        # An organization that signs (``/s/ SB Global Advisers Limited, its Manager``): a link
        # of the chain, not a person.
        through.append((signer, capacity))
        signer, capacity = None, None
    if signer is not None and (reason := doubtful_person_name(signer)):
        doubts.append(f"signer {signer!r} left empty: {reason}")
        signer = None
    if capacity is not None and (reason := doubtful_title(capacity)):
        doubts.append(f"capacity {capacity!r} left empty: {reason}")
        capacity = None
    if principal is not None and _REPORTING_PERSON.match(principal):
        principal, for_reporting = None, True
    if principal is not None:
        principal = re.sub(r"^the\s+(?=[A-Z])", "", principal)  # "for the Reid Hoffman ... Trust"
    return SignatureParts(
        signer=signer,
        capacity=capacity,
        attorney_in_fact=attorney is not None,
        principal=principal or None,
        for_reporting_person=for_reporting,
        through=tuple((name, cap) for name, cap in through if name),
        doubts=tuple(doubts),
    )
