"""Facts of an 8-K's press release exhibits (EX-99), with their own provenance.

A full submission carries the 8-K's exhibits as documents of their own; a press release often
says what the 8-K does not: ``Dr. Goldman has served as Chairman of the Board of Directors of
Transmeta Corporation`` (Pericom, 0001275287-05-000056), ``The acquisition of Kinnard
Investments, Inc. ... is scheduled to be completed on September 11, 2000`` (Stockwalk.com,
0000950124-00-004609). Each EX-99 text is read by the same sentence rules as the 8-K itself
(:mod:`~secgraph.parsers.eightk_entities`, ``eightk_subsidiaries``, ``eightk_roles``,
``eightk_deals``), for the kinds of fact a release states plainly: subsidiaries and their
parents, posts people hold at other organizations, acquisitions. Agreements and officer
changes are left to the 8-K's own items (a release retells them loosely), and an exhibit
whose opening is a contract's title is not read.

Provenance: every span of a fact read from an exhibit has ``path`` set to the exhibit's
document type (``EX-99.1``); its line and offsets count in that exhibit's text.

Public API: :func:`read_exhibits`.
"""

from __future__ import annotations

import re
from statistics import median

from pydantic import BaseModel

from secgraph.models import EightKFiling
from secgraph.models.common import map_spans
from secgraph.normalize.lines import lines_of
from secgraph.normalize.names import company_key
from secgraph.parsers.eightk_deals import read_acquisitions
from secgraph.parsers.eightk_entities import find_entities
from secgraph.parsers.eightk_extract import paragraph_sentences
from secgraph.parsers.eightk_roles import read_other_roles
from secgraph.parsers.eightk_sentences import Sentences
from secgraph.parsers.eightk_subsidiaries import read_subsidiaries

# An old filing's EX-99 may be the contract itself ("AGREEMENT AND PLAN OF REORGANIZATION AND
# MERGER AMONG ...", 0000899243-96-000861): its recitals are not a release's statements.
_CONTRACT = re.compile(r"\b(?:AGREEMENT|PLAN\s+OF|ARTICLES\s+OF|INDENTURE|CERTIFICATE\s+OF)\b")
_WRAPPED_WIDTH = 90  # a text whose lines are mostly shorter is set in hard-wrapped lines


def read_exhibits(document: EightKFiling) -> None:
    """Add to ``document`` the subsidiaries, outside posts and acquisitions its EX-99
    exhibits state and it does not."""
    registrant = next((o.name for o in document.organizations if o.is_registrant), None)
    registrant = registrant or document.company.name
    for exhibit in document.exhibits:
        kind = (exhibit.document_type or "").upper()
        if kind.startswith("EX-99") and exhibit.text and not _CONTRACT.search(exhibit.text[:800]):
            _read_one(document, exhibit.text, kind, registrant)


def _read_one(document: EightKFiling, text: str, where: str, registrant: str | None) -> None:
    index = lines_of(text)
    sentences = Sentences(text, index.starts)
    lengths = [len(line) for line in index.texts() if line.strip()]
    wrapped = bool(lengths) and median(lengths) < _WRAPPED_WIDTH
    paragraph_sentences(index, sentences, wrapped=wrapped)
    ents = find_entities(sentences, registrant)
    read_subsidiaries(sentences, ents)
    own = {company_key(o.name): o for o in document.organizations}
    for org in ents.organizations:
        if org.parent is None or org.is_registrant:
            continue
        parent = own.get(company_key(org.parent))
        parent_name = parent.name if parent is not None else org.parent
        known = own.get(company_key(org.name))
        if known is None:
            document.organizations.append(
                org.model_copy(update={"parent": parent_name, "defined_terms": []})
            )
            _relocate(document.organizations[-1], where)
        elif known.parent is None and not known.is_registrant:
            known.parent = parent_name
            if "parent" in org.spans:
                known.spans["parent"] = org.spans["parent"].model_copy(update={"path": where})
    held = {(r.person.full, company_key(r.organization)) for r in document.other_roles}
    named = [o.name for o in document.organizations]
    named += [p for a in document.agreements for p in a.parties]
    named += [
        n for d in document.acquisitions for n in (d.target_organization, d.buyer, d.seller) if n
    ]
    for role in read_other_roles(sentences, ents, registrant, named):
        if (role.person.full, company_key(role.organization)) not in held:
            _relocate(role, where)
            document.other_roles.append(role)
            held.add((role.person.full, company_key(role.organization)))
    targets = {company_key(a.target) for a in document.acquisitions}
    for deal in read_acquisitions(sentences, ents, registrant):
        if company_key(deal.target) not in targets:
            _relocate(deal, where)
            document.acquisitions.append(deal)
            targets.add(company_key(deal.target))


def _relocate(record: BaseModel, where: str) -> None:
    """Set ``path`` to the exhibit on every span of ``record`` and of the records in it."""
    map_spans(record, lambda span: span.model_copy(update={"path": where}))
