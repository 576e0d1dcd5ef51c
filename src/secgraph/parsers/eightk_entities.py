"""Organizations, defined terms and agreements in the prose of an 8-K, by rules over sentences.

An 8-K names its parties once, with a definition in parentheses, and then uses the defined term:
``Tedom a.s., a European ... manufacturer incorporated in the Czech Republic ("Tedom")``,
``a joint venture agreement (the "JVA")``. The rules here, generic across filers:

* an organization name is a run of capitalized words ending in a legal form (``Inc.``,
  ``LLC``, ``a.s.``, ``Corporation``...); a definition right after it (or after an appositive
  ``, a Delaware subsidiary of Tedom``) binds the term to it, and the appositive gives its
  jurisdiction (``incorporated in the Czech Republic``, ``a Delaware ...``), parent
  (``subsidiary of Tedom``), entity type (``a Delaware limited liability company, TTcogen LLC``)
  and description;
* an agreement is a noun phrase ending in ``agreement`` (``Plan of Merger``, ``lease``...) with
  its definition; ``X entered into ... with Y`` gives parties and date; its type comes from its
  name;
* events need a date in the sentence and an act (``notice of the immediate termination of the
  JVA``, ``begin the dissolution process under the LLC Agreement``); conditions (``upon
  termination of``, ``may terminate``) are not events;
* organization facts: ``with A and B its members``, ``is run by a board of four``, ``created
  ... X ... to carry out the terms of the JVA`` (formed under the JVA).

Public API: :func:`find_entities` -> :class:`Entities`, :func:`mentions` (sentences:
:mod:`~secgraph.parsers.eightk_sentences`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from secgraph.models import (
    Agreement,
    AgreementEvent,
    AgreementEventKind,
    AgreementType,
    Organization,
)
from secgraph.normalize.dates import parse_date
from secgraph.normalize.names import company_key
from secgraph.parsers.eightk_sentences import Sentence, Sentences

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?"
)
DATE = re.compile(
    rf"\b(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|\b\d{{1,2}}/\d{{1,2}}/\d{{4}}\b"
)

# Legal forms that end an organization's name (case as printed; "Company" only capitalized).
_SUFFIX = re.compile(
    r"(?:Inc|Incorporated|Corp|Corporation|Co|Company|LLC|L\.L\.C|L\.C|Ltd|Limited|LP|L\.P|LLP"
    r"|L\.L\.P|plc|PLC|N\.V|B\.V|S\.A|SA|AG|GmbH|SE|a\.s|s\.r\.o|S\.p\.A|Pty|Trust|Bancorp"
    r"|Holdings|Group|Partners|Bank|N\.A|Association)\.?"
)
# A word that may be a legal form as org_names reads one (the word, less closing marks).
_SUFFIX_WORD = re.compile(rf"(?<=\s)(?:{_SUFFIX.pattern})[,;:)\"']*(?!\S)")
# "The Prudential Insurance Company of America", "Pruco Life Insurance Company of New Jersey"
# (0000950170-23-069698): a name goes on after these with "of" and a place.
_OF_PLACE = re.compile(r"\s+of\s+(?:the\s+)?(?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+){0,2}(?![\w&'-])")
# Capitalized words that start a sentence or a clause, never an organization's name.
_NOT_NAME_WORDS = (
    "On In As At By For From With Also The Our Its Their Pursuant Effective Between And Of To "
    "Under Upon After Before During Each Both Either This That Such If When While Following "
    "Prior Since Until Registrant Company A An Item Section Form Treasurer Officer President "
    "Secretary Director Chairman Counsel Controller Board Directors Trustees Managers"
)
_NOT_NAME = frozenset(_NOT_NAME_WORDS.split())
NOT_NAME = _NOT_NAME  # for the readers of other facts
# "(as amended by the First Amendment ..., dated as of October 6, 2022, the "Receivables
# Financing Agreement")" (0000950170-23-032000): the amendments before the term are no part of it.
_DEFINITION = re.compile(
    r'\((?:as\s+amended\b[^"()]{0,200}?,\s+)?'
    r'(?:collectively,?\s+|together,?\s+|each,?\s+)?(?:the\s+)?"([^"]{1,60})"'
    r'((?:\s*(?:,|or|and)\s*(?:the\s+)?"[^"]{1,60}")*)'
    # '("Sub II", and with Sub I, the "Subs")' (0000950135-07-007239): a group term after the
    # name's own, not the name's.
    r'(?:,\s+and\s+(?:together\s+)?with\s+[^"()]{1,60}?,\s+(?:the\s+)?"[^"]{1,60}")?\s*\)'
)
_MORE_TERMS = re.compile(r'"([^"]{1,60})"')
_AGREEMENT_NOUN = re.compile(
    r"\b(?:an?|the|this|its|their|that|(?P<owner>[A-Z][\w&.-]*)'s)\s+"
    r"(?:\$[\d.,]+\s+(?:million|billion)\s+)?"
    r"(?P<name>(?:(?!(?:an?|the|this|its|their|that|into)\s|[\w&-]+'s\s)[\w'&-]+\s+){0,7}"
    r"(?:agreement|plan of (?:reorganization and )?merger|plan of reorganization|lease|license"
    r"|indenture|contract|note purchase agreement|joinder|guaranty"
    r"|(?:payoff|offer|commitment|side|engagement) letter))\b",
    re.IGNORECASE,
)
# First match wins: a "separation and release agreement" is a separation, not employment; a
# "supplemental indenture" an indenture, not a note; "Agreement and Plan of Merger" a merger.
_TYPE_WORDS: tuple[tuple[str, AgreementType], ...] = (
    (r"joint venture", AgreementType.JOINT_VENTURE),
    (r"limited liability|\bLLC\b|operating agreement", AgreementType.LLC_AGREEMENT),
    (r"merger", AgreementType.MERGER),
    (r"separation|severance|release agreement|retirement agreement", AgreementType.SEPARATION),
    (r"change (?:of|in) control", AgreementType.CHANGE_IN_CONTROL),
    (r"underwriting", AgreementType.UNDERWRITING),
    (r"indenture", AgreementType.INDENTURE),
    (r"supply|distribution|purchase order", AgreementType.SUPPLY),
    (
        r"\bloan|credit|financing|increase joinder|note (?:purchase )?agreement",
        AgreementType.CREDIT,
    ),
    (r"purchase|\bsale\b|acquisition", AgreementType.PURCHASE),
    (r"employment|offer letter", AgreementType.EMPLOYMENT),
    (r"licen[cs]e", AgreementType.LICENSE),
    (r"\blease", AgreementType.LEASE),
)
US_STATES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia"
    "|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland"
    "|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada"
    "|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma"
    "|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah"
    "|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|District of Columbia"
    "|Puerto Rico"
)
_PLACE = r"((?:[A-Z][a-z]+\s?){1,3})"
_JURISDICTION = (
    re.compile(
        r"\b(?:incorporated|organized|formed|existing)\s+(?:in|under the laws of)\s+"
        rf"(?:the\s+)?(?:State\s+of\s+)?{_PLACE}"
    ),
    re.compile(rf"\ban?\s+({US_STATES})\b"),
)
_ENTITY_TYPE = re.compile(
    r"\b(limited liability company|limited partnership|general partnership|corporation"
    r"|business trust|statutory trust|public limited company)\b"
)
_CLAUSE = re.compile(r"\s+(?:incorporated|organized|formed|existing)\s+(?:in|under)\b")
_PARENT = re.compile(r"\bsubsidiary\s+of\s+(?:the\s+)?")
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fifteen": 15,
}  # fmt: skip
_BOARD = re.compile(
    rf"\b(?:is|are|will be|shall be)\s+(?:run|managed|governed|overseen)\s+by\s+a\s+board\s+of\s+"
    rf"(?:(?:managers|directors)\s+(?:of|consisting of)\s+)?(\d+|{'|'.join(NUMBER_WORDS)})\b",
    re.IGNORECASE,
)
_MEMBERS = re.compile(r"\bwith\s+((?:(?!\bwith\b)[^.;])+?)\s+(?:as\s+)?its\s+(?:sole\s+)?members\b")
# What may stand between an agreement's name and its definition: its date and parties.
_AGREEMENT_TAIL = re.compile(
    r"\s*,?\s*(?:(?:dated|effective|entered\s+into\s+(?:on|as\s+of))\b[^()\"]*?"
    r"|(?:by\s+and\s+)?(?:between|among|with)\b[^()\"]*?)?,?\s*"
)
_FUTURE = re.compile(
    r"\b(?:will|would|shall|may|expects?\s+to|(?:is|are)\s+expected\s+to|intends?\s+to)"
    r"\s+(?:also\s+)?(?:enter\s+into|sign|execute)\b[^.;]*$",
    re.IGNORECASE,
)
_FORMED = re.compile(r"\b(?:created|formed|organized|established)\b")
_ENTERED = re.compile(r"\b(?:entered\s+into|executed|signed)\b")
_CONDITION = re.compile(r"\b(?:upon|if|may|right to|rights? of|would|could|in the event)\s+\w*\s*$")
# A termination inside a clause of condition or of right is none (Disney, 0000950157-17-001598):
# "the right of either party to terminate the Merger Agreement if the merger is not
# consummated by December 13, 2018" (an outside date); "If the Mergers are not consummated,
# the term ... will end at July 2, 2019 (or, if later, 90 days after the Merger Agreement is
# terminated ...)". The clause runs from its word to the act, with no comma between.
_CONDITION_CLAUSE = re.compile(
    r"(?:\b(?:[Ii]f|[Uu]nless|[Uu]ntil|[Aa]fter|in\s+the\s+event)\b|\brights?\b)[^,;.()]*$"
)
_REASON = re.compile(
    r"\b(?:as a result of|due to|because of|on account of|on the basis of)\s+(.+?)\s*(?:[.;]|$)"
)


@dataclass
class Entities:
    """What the sentences define. ``terms`` and ``agreement_terms`` only grow (terms are
    added, never removed), so the pattern matching their keys is made again only when one
    was added (made per sentence, it cost 8-K text of many short lines most of its time)."""

    organizations: list[Organization] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    terms: dict[str, str] = field(default_factory=dict)  # term or name as printed -> org name
    agreement_terms: dict[str, Agreement] = field(default_factory=dict)
    # 'On May 19, 2022 (the "Closing Date")': "Closing Date" -> that day
    date_terms: dict[str, dt.date] = field(default_factory=dict)
    _patterns: dict[str, tuple[int, re.Pattern[str] | None]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def pattern(self, which: Literal["terms", "agreement_terms"]) -> re.Pattern[str] | None:
        """A pattern of the keys of ``terms`` or ``agreement_terms``, longest first, as whole
        words; None while there is none."""
        keys = self.terms if which == "terms" else self.agreement_terms
        cached = self._patterns.get(which)
        if cached is not None and cached[0] == len(keys):
            return cached[1]
        return self._compile(which, keys)

    def _compile(self, which: str, keys: Mapping[str, object]) -> re.Pattern[str] | None:
        ordered = sorted(keys, key=len, reverse=True)
        alternatives = "|".join(re.escape(k) for k in ordered)
        # "ESP" is not a word of "Cotelligent/ESP Acquisition Corporation" (0000899243-96-000861)
        compiled = re.compile(rf"(?<![\w/-])(?:{alternatives})(?![\w/-])") if ordered else None
        self._patterns[which] = (len(keys), compiled)
        return compiled

    def org(self, name: str) -> Organization | None:
        return next((o for o in self.organizations if o.name == name), None)

    def add_term(self, term: str, org: Organization) -> None:
        # Case matters: "Company" is the registrant, "a company" is not.
        for key in (term, f"the {term}", f"The {term}"):
            self.terms.setdefault(key, org.name)


def org_names(text: str) -> list[tuple[int, int]]:
    """Spans of organization names in ``text``: capitalized words ending in a legal form.

    The words are read once, left to right, keeping only where the run of name words before
    the current one starts: no list of every word is made (a sentence of a million words,
    a text with no full stop, took 26 times its size that way)."""
    if not _SUFFIX_WORD.search(text):
        return []  # no legal form: no name (most sentences; the check costs a scan)
    found: list[tuple[int, int]] = []
    # The first name word (not a connector) of the run of words that can go on a name and end
    # right before the previous word, and of the run ending at the previous word: where a
    # name ending at the current word starts.
    run_before_previous: int | None = None
    run_to_previous: int | None = None
    previous: re.Match[str] | None = None
    before_previous = ""
    for token in _TOKEN.finditer(text):
        word = token.group()
        core = word.rstrip(",;:)\"'")
        if previous is not None and not text[previous.end() : token.start()].isspace():
            # parted by a run of periods, not a space: no name goes on over it
            previous, run_before_previous, run_to_previous, before_previous = None, None, None, ""
        if previous is not None and _SUFFIX.fullmatch(core):
            bare = previous.group().rstrip(",")
            if bare == "&" and run_to_previous is not None and run_to_previous < previous.start():
                # "R.J. Steichen & Company" (0000950124-00-004609)
                found.append((run_to_previous, _name_end(text, token, core)))
            elif _NAME_WORD.fullmatch(bare) and (
                bare not in _NOT_NAME or _form_before_form(bare, before_previous)
            ):
                start = previous.start() if run_before_previous is None else run_before_previous
                found.append((start, _name_end(text, token, core)))
        # A word goes on a name read backwards when it is a connector or a capitalized word
        # that starts no clause ("On", "The" ...); the run's first word is not a connector.
        if word in _CONNECTORS:
            run = run_to_previous
        elif _NAME_WORD.fullmatch(word) and word not in _NOT_NAME:
            run = token.start() if run_to_previous is None else run_to_previous
        else:
            run = None
        run_before_previous, run_to_previous = run_to_previous, run
        before_previous = previous.group() if previous is not None else ""
        previous = token
    return _partners(text, _outermost(_national_banks(text, found)))


# "Merrill Lynch, Pierce, Fenner & Smith Incorporated", "Goldman, Sachs & Co." (0000950103-
# 19-002069, 0000950123-10-080629): a firm named for its partners lists them with commas
# before the "&"; read word by word, only "Fenner & Smith Incorporated" ends in a legal form.
_PARTNER_NAMES = re.compile(
    r"(?:^|(?<=,\s)|(?<=[a-z]\s))"
    r"((?:(?!(?:and|The|the)\s)[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)?,\s+){1,4})$"
)


def _partners(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in spans:
        first = start
        if " & " in text[start:end]:
            floor = out[-1][1] if out else max(0, start - 120)
            m = _PARTNER_NAMES.search(text, floor, start)
            if m is not None and not any(
                w in _NOT_NAME for w in re.findall(r"[A-Za-z]+", m.group(1))
            ):
                first = m.start(1)
        out.append((first, end))
    return out


def _national_banks(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "PNC Bank, National Association" (0000950170-23-032000) is one name, the legal form of
    a US national bank; read word by word it is "PNC Bank" and a "National Association"."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if (
            merged
            and text[start:end] == "National Association"
            and text[merged[-1][1] : start] == ", "
        ):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


# "August 1, 2000...Stockwalk.com Group, Inc." (a dateline): a run of periods parts two words
_TOKEN = re.compile(r"(?:[^\s.]|(?<!\.)\.(?!\.))+")
_CONNECTORS = frozenset(("&", "of", "de", "du"))
_NAME_WORD = re.compile(r"[A-Z0-9][\w&'./\-]*")  # "Cotelligent/ESP Acquisition Corporation"


# Legal forms whose period after them is the sentence's (no abbreviation's period)
_WORD_FORMS = frozenset(
    (
        "Company",
        "Corporation",
        "Incorporated",
        "Limited",
        "Bank",
        "Group",
        "Holdings",
        "Partners",
        "Trust",
        "Association",
        "Bancorp",
        # forms printed without a period of their own: "SaRonix, LLC." ends a sentence
        "LLC",
        "LLP",
        "LP",
        "PLC",
        "plc",
        "GmbH",
    )
)


def _name_end(text: str, token: re.Match[str], core: str) -> int:
    end = token.start() + len(core)
    if core.endswith(".") and core[:-1] in _WORD_FORMS:
        end -= 1  # "with R.J. Steichen & Company.": the sentence's period
        core = core[:-1]
    if core == "Bank" and text.startswith(" USA", end) and not text[end + 4 : end + 5].isalnum():
        return end + 4  # "Goldman Sachs Bank USA" (0000950170-23-050472)
    if core in ("Company", "Corporation", "Bank", "Trust") and core == token.group():
        place = _OF_PLACE.match(text, end)
        if place and not re.search(r"\b(?:Directors|Delaware|the)\b", place.group()):
            end = place.end()
    return end


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans (in their order) not inside another one: "Cascadia Feedstock Partners, LLC"
    holds "Cascadia Feedstock Partners". One sort, not a comparison of every pair: in order
    of start (the longer first), a span is inside another when a different span before it
    reaches as far."""
    inside: set[tuple[int, int]] = set()
    reach = -1  # the furthest end of the (different) spans sorted before the current one
    for span in sorted(set(spans), key=lambda x: (x[0], -x[1])):
        if reach >= span[1]:
            inside.add(span)
        reach = max(reach, span[1])
    return [span for span in spans if span not in inside]


def _form_before_form(bare: str, previous: str) -> bool:
    """ "The Bank of New York Mellon Trust Company, N.A." (0000950103-17-005328): a legal form
    right before the final one belongs to the name when a name word precedes it."""
    if not previous or not _SUFFIX.fullmatch(bare):
        return False
    return previous[:1].isupper() and previous not in _NOT_NAME


def mentions(text: str, ents: Entities) -> list[tuple[int, int, str]]:
    """Organizations named or referred to by a defined term in ``text``: (start, end, name)."""
    pattern = ents.pattern("terms")
    found: list[tuple[int, int, str]] = []
    names = org_names(text)
    if pattern is not None and pattern.search(text):
        starts = [s for s, _ in names]
        for m in pattern.finditer(text):
            if " " not in m.group() and _INSIDE_NAME.search(text, 0, m.start()):
                continue  # "Company" in "The Prudential Insurance Company of America"
            k = bisect.bisect_right(starts, m.start()) - 1
            if " " not in m.group() and k >= 0 and names[k][1] > m.end():
                continue  # "PNC" in "PNC Capital Markets LLC" (0000950170-23-032000)
            found.append((m.start(), m.end(), ents.terms[m.group()]))
    if not names:
        return found
    for start, end in names:
        if all(end <= s or start >= e for s, e, _ in found):
            name = text[start:end]
            known = _known_org(name, ents)
            found.append((start, end, known.name if known else " ".join(name.split())))
    return sorted(found)


def _known_org(name: str, ents: Entities) -> Organization | None:
    key = company_key(name)
    return next((o for o in ents.organizations if company_key(o.name) == key), None)


def find_entities(sentences: Sentences, registrant: str | None) -> Entities:
    ents = Entities()
    for sentence in sentences:
        if "Date" in sentence.text:
            for dm in _DATE_TERM.finditer(sentence.text):
                day = parse_date(dm.group(1))
                if day is not None:
                    ents.date_terms.setdefault(dm.group(2), day)
        for m in _DEFINITION.finditer(sentence.text):
            terms = [m.group(1), *_MORE_TERMS.findall(m.group(2))]
            if _AGREEMENT_TERM.search(terms[0]):
                # "PNC Capital Markets LLC (the "Payoff Letter")" (0000950170-23-032000):
                # the term names an agreement, not the organization printed before it.
                _define_agreement(sentence, m.start(), terms, ents)
            elif _GROUP.match(m.group()):
                continue  # '(collectively, the "Note Purchasers")' names a list, not its last name
            elif not _define_org(sentence, m.start(), terms, ents):
                _define_agreement(sentence, m.start(), terms, ents)
    _bind_registrant(registrant, ents)
    for sentence in sentences:
        _agreement_facts(sentence, ents)
        _org_facts(sentence, ents)
        _events(sentence, ents)
    for agreement in ents.agreements:
        agreement.events.sort(key=lambda e: (e.date is None, e.date or dt.date.min))
    return ents


_DATE_TERM = re.compile(rf'({DATE.pattern})\s*\((?:the\s+)?"([A-Z][\w ]{{0,30}}Date)"\)')
_GROUP = re.compile(r"\((?:collectively|together)\b")
_AGREEMENT_TERM = re.compile(
    r"\b(?:Agreements?|Letter|Guaranty|Joinder|Indenture|Lease|Contract|Plan\s+of\s+Merger)$"
)


_ROLE_GAP = re.compile(r",?\s+as\s+(?:an?\s+|the\s+)?[a-z][a-z -]{1,40}?\s*")


def _define_org(sentence: Sentence, p: int, terms: list[str], ents: Entities) -> bool:
    text = sentence.text
    for start, end in reversed(org_names(text[:p])):
        gap = text[end:p]
        appositive = re.fullmatch(r",\s+((?:an?|the)\s+[^\"()]*?),?\s*", gap)
        # 'PNC Bank, National Association, as administrator ("PNC" or the "Administrator")'
        # (0000950170-23-032000): a role between the name and its terms
        role = _ROLE_GAP.fullmatch(gap)
        if gap.strip() and not appositive and not role:
            continue
        name = text[start:end]
        org = _known_org(name, ents)
        if org is None:
            org = Organization(name=name, spans={"name": sentence.span(start, end)})
            ents.organizations.append(org)
        for term in terms:
            if term not in org.defined_terms:
                org.defined_terms.append(term)
            ents.add_term(term, org)
        ents.add_term(name, org)
        _describe(org, appositive.group(1) if appositive else None, text[:start], sentence, ents)
        return True
    return False


def _describe(
    org: Organization, appositive: str | None, before: str, sentence: Sentence, ents: Entities
) -> None:
    """Jurisdiction, parent, type and description from ``, a Delaware subsidiary of Tedom`` or
    from a phrase before the name (``a Delaware limited liability company, TTcogen LLC``)."""
    pre = re.search(r"\ban?\s+[^,()\"]{3,80},\s*$", before)
    phrase = appositive or (pre.group().rstrip(", ") if pre else None)
    if not phrase:
        return
    for pattern in _JURISDICTION:
        jm = pattern.search(phrase)
        if jm and org.jurisdiction is None:
            org.jurisdiction = jm.group(1).strip()
            org.spans["jurisdiction"] = sentence.span()
    tm = _ENTITY_TYPE.search(phrase)
    if tm and org.entity_type is None:
        org.entity_type = tm.group(1)
        org.spans["entity_type"] = sentence.span()
    child = re.search(r"\bparent\s+(?:company\s+)?of\s+", phrase)
    if child:
        children = mentions(phrase[child.end() :], ents)
        target = ents.org(children[0][2]) if children and children[0][0] == 0 else None
        if target is not None and target.parent is None and target is not org:
            target.parent = org.name
            target.spans["parent"] = sentence.span()
    pm = _PARENT.search(phrase)
    if pm and org.parent is None:
        parents = mentions(phrase[pm.end() :], ents)
        if parents and parents[0][0] == 0:
            org.parent = parents[0][2]
            org.spans["parent"] = sentence.span()
    if appositive and org.description is None:
        org.description = _CLAUSE.split(appositive)[0].strip(" ,")
        org.spans["description"] = sentence.span()


def agreement_type(name: str) -> AgreementType:
    """The type an agreement's name tells (:data:`_TYPE_WORDS`), else ``other``."""
    for words, kind in _TYPE_WORDS:
        if re.search(words, name, re.IGNORECASE):
            return kind
    return AgreementType.OTHER


def _define_agreement(sentence: Sentence, p: int, terms: list[str], ents: Entities) -> None:
    text = sentence.text
    boundary = max(text.rfind(")", 0, p), text.rfind('"', 0, p)) + 1
    before = text[boundary:p]
    candidates = list(_AGREEMENT_NOUN.finditer(before))
    if not candidates:
        return
    m = candidates[-1]
    if len(before) - m.end() > 250 or not _AGREEMENT_TAIL.fullmatch(before[m.end() :]):
        return  # the parenthesis defines something else ("the Prior Disclosure")
    if _FUTURE.search(text[: boundary + m.start()]):
        return  # "will enter into a management retention agreement ("MRA")": not entered yet
    name = " ".join(m.group("name").split())
    if m.group().lower().startswith("the ") and name in ents.agreement_terms:
        # "as set forth in the Sale Agreement (the "Transaction")" (0000950142-19-000172): a
        # known agreement, and the parenthesis defines something else.
        return
    agreement = Agreement(
        name=name,
        defined_terms=list(terms),
        type=agreement_type(name),
        item=sentence.item,
        spans={"name": sentence.span(boundary + m.start("name"), boundary + m.end("name"))},
    )
    tail = before[m.end() :]
    dated = re.search(r"\b(?:dated|entered\s+into\s+on)\s+(?:as\s+of\s+)?", tail)
    if dated and (dm := DATE.match(tail, dated.end())):
        agreement.date = parse_date(dm.group())
        agreement.spans["date"] = sentence.span()
    among = re.search(r"\b(?:by\s+and\s+)?(?:between|among|with)\s+", tail)
    if among:
        agreement.parties = _unique(name for _, _, name in mentions(tail[among.end() :], ents))
    owner = m.group("owner")
    if owner and (org := ents.terms.get(owner)) and org not in agreement.parties:
        # "Nuance's existing credit agreement" (0000950135-07-005433): its owner is a party.
        agreement.parties.insert(0, org)
    ents.agreements.append(agreement)
    for term in [*terms, name]:
        for key in (term, f"the {term}", f"The {term}"):
            ents.agreement_terms.setdefault(key, agreement)


def _bind_registrant(registrant: str | None, ents: Entities) -> None:
    """The registrant is the organization defined as "the Company" or signing the filing."""
    org = ents.org(ents.terms["Company"]) if "Company" in ents.terms else None
    if org is None and registrant:
        org = _known_org(registrant, ents)
        if org is None:
            org = Organization(name=registrant)
            ents.organizations.insert(0, org)
    if org is None:
        return
    org.is_registrant = True
    for word in ("Company", "Registrant"):
        ents.add_term(word, org)
    # "the registrant announced that it had entered into" (0000950124-00-004609): older
    # filings name the filer so, in lower case; "registrant" alone stays a common noun.
    for key in ("the registrant", "The registrant"):
        ents.terms.setdefault(key, org.name)


def agreement_nouns(text: str) -> list[tuple[int, int, str]]:
    """Agreement noun phrases of ``text`` (start, end, name as printed, spaces collapsed):
    "a Product and Technology License Agreement" -> "Product and Technology License
    Agreement"."""
    return [
        (m.start("name"), m.end("name"), " ".join(m.group("name").split()))
        for m in _AGREEMENT_NOUN.finditer(text)
        if not _FUTURE.search(text[: m.start()])
    ]


def agreements_in(text: str, ents: Entities) -> list[tuple[int, int, Agreement]]:
    pattern = ents.pattern("agreement_terms")
    if pattern is None:
        return []
    return [(m.start(), m.end(), ents.agreement_terms[m.group()]) for m in pattern.finditer(text)]


def _first_date(text: str) -> str | None:
    m = DATE.search(text)
    return m.group() if m else None


def _agreement_facts(sentence: Sentence, ents: Entities) -> None:
    """``On May 19, 2016, the Company entered into a joint venture agreement (the "JVA") with
    Tedom``: the subject and the organization after "with" are parties; the date is the
    agreement's, and the act an "entered" event."""
    text = sentence.text
    entered = _ENTERED.search(text)
    if not entered:
        return
    after = [(s, e, a) for s, e, a in agreements_in(text, ents) if s >= entered.end()]
    if not after:
        return
    _, end, agreement = after[0]
    clause = max(text.rfind(",", 0, entered.start()), 0)
    parties = [name for _, _, name in mentions(text[clause : entered.start()], ents)]
    # "an Indenture (the "Indenture") with respect to the Notes with The Bank of New York
    # Mellon Trust Company, N.A., as Trustee" (0000950123-10-080629)
    with_ = re.search(r"\bwith\s+(?!respect\s+to\b)", text[end:])
    if with_:
        parties += party_list(text, end + with_.end(), ents)
    for party in parties:
        if party not in agreement.parties:
            agreement.parties.append(party)
    date_text = _first_date(text[: entered.start()])
    day = parse_date(date_text) if date_text else None
    if day and agreement.date is None:
        agreement.date = day
        agreement.spans["date"] = sentence.span()
    if day:
        actor = parties[0] if parties else None
        _add_event(
            agreement,
            kind=AgreementEventKind.ENTERED,
            day=day,
            actor=actor,
            reason=None,
            sentence=sentence,
        )


# A role phrase of a list's party: roles, each ending in a role noun, joined by commas and
# "and" (", as a Lender, the Swingline Lender, an Issuing Bank and Administrative Agent",
# 0000950170-23-050472); a name after the comma ("as lender, and Merrill Lynch, Pierce, ...")
# ends no role, so it is the next party. Bounded, so a gap is read in time linear in its size.
ROLE_NOUN = (
    r"(?i:agent|lender|bank|trustee|arranger|bookrunner|borrower|guarantor|issuer|administrator"
    r"|representative|purchaser|underwriter|manager|servicer|originator|seller|buyer)s?"
)
_ROLE_CHUNK = rf"(?:(?:an?|the|each)\s+)?(?:[A-Za-z-]+\s+){{0,4}}?{ROLE_NOUN}\b"
ROLE_PHRASE = rf"{_ROLE_CHUNK}(?:(?:,\s+(?:and\s+)?|\s+and\s+){_ROLE_CHUNK}){{0,6}}"
_ROLE_LEAD = r",?\s+(?:each\s+)?(?:as|serving\s+as)\s+"
# Between two parties of a list: an appositive (", a Florida corporation and a wholly owned
# subsidiary of Nuance"), a role (", as escrow agent", ", as sole lead arranger and sole
# bookrunner", "; ... each as a Departing Lender", ", serving as Co-Documentation Agents"), a
# definition ('("Sub")'), unnamed parties (", the lenders party thereto"), then the separator,
# a comma or a semicolon, perhaps "and" or "with" (Nuance, 0000950123-11-059612; Tyson,
# 0000100493-15-000041; Worthington, 0000950170-23-050472).
_LIST_GAP = re.compile(
    rf"(?:,?\s+as\s+(?:the\s+)?[a-z][^()\",]*?|{_ROLE_LEAD}{ROLE_PHRASE}"
    r"|,\s+(?:an?|the)\s+[^()\"]*?)?"
    r"(?:\s*\([^)]*\))?"
    # '..., as administrator ("PNC" or the "Administrator") and a Lender, and ...'
    rf"(?:\s+and\s+{_ROLE_CHUNK})?"
    r"(?:,\s+the\s+[a-z ]+?\s+(?:party|parties|named)\s+there(?:to|in))?"
    r"\s*(?:[,;]\s*and|[,;]|and)\s+(?:with\s+)?(?:[Tt]he\s+)?"
)
# A name inside the role phrase of the party before it ("an Issuing Bank"): no party.
_OPEN_ROLE = re.compile(
    rf"{_ROLE_LEAD}(?:{_ROLE_CHUNK}(?:,\s+(?:and\s+)?|\s+and\s+)){{0,6}}"
    r"(?:(?:an?|the|each)\s+)?(?:[A-Za-z-]+\s+){0,4}"
)
# "with the lenders party thereto and Morgan Stanley Senior Funding, Inc. as administrative
# agent" (0000950103-19-002069): unnamed parties may open the list.
_UNNAMED_FIRST = re.compile(
    r"the\s+[a-z ]+?\s+(?:party|parties|named)\s+there(?:to|in)\s*(?:,\s*)?(?:and\s+)?"
    r"(?:[Tt]he\s+)?"
)
_INSIDE_NAME = re.compile(
    r"(?:(?<![.!?]\s)\b(?!(?:The|This|Our|Its|Such|Each)\s)[A-Z][\w&'-]*|[A-Z][\w.]*\s&)\s$"
)
_OPEN_APPOSITIVE = re.compile(r",\s+(?:an?|the)\s+[^()\",]*?\s(?:of|by|to)\s+(?:the\s+)?")
# "UBS AG, Stamford Branch" (0000950135-07-005433): the party is the branch; its name goes on
# after the comma.
BRANCH = re.compile(r",\s+(?:[A-Z][a-z]+\s+){1,3}Branch\b")
# A name with no legal form that a list gives a lending role: "Citigroup North America, as
# syndication agent" (0000950135-07-005433). Two to seven capitalized words.
_ROLE_NAMED = re.compile(
    r"(?<![\w&'.-])((?:[A-Z][\w&'-]*\s+)(?:(?:[A-Z][\w&'-]*|of|&)\s+){0,5}[A-Z][\w&'-]*)"
    r",?\s+as\s+(?:the\s+|an?\s+)?(?:[a-z-]+\s+){0,3}"
    r"(?:agents?|lenders?|trustee|arrangers?|bookrunners?|underwriters?)\b"
)


def listed(text: str, ents: Entities) -> list[tuple[int, int, str]]:
    """The organizations of a list in ``text`` (:func:`mentions`), and the names without a
    legal form that the list gives a lending role (:data:`_ROLE_NAMED`)."""
    found = mentions(text, ents)
    if " as " not in text:
        return found
    extra = [
        (m.start(1), m.end(1), m.group(1))
        for m in _ROLE_NAMED.finditer(text)
        if m.group(1).split()[0] not in _NOT_NAME
        and all(m.end(1) <= s or m.start(1) >= e for s, e, _ in found)
    ]
    return sorted([*found, *extra]) if extra else found


def party_list(text: str, at: int, ents: Entities) -> list[str]:
    """The organizations listed from ``at``: ``A, an Oregon LLC ("A"), and B ("B")``."""
    names: list[str] = []
    position = at
    brackets = [m.span() for m in re.finditer(r"\([^)]*\)", text)]
    for rel_start, rel_end, name in listed(text[at:], ents):
        start, end = rel_start + at, rel_end + at
        if start < position or any(a < start < b for a, b in brackets):
            continue  # a defined term inside the parentheses of the previous party
        gap = text[position:start]
        if names and _OPEN_APPOSITIVE.fullmatch(gap):
            continue  # "..., a wholly owned subsidiary of Nuance": inside the appositive
        if names and not _LIST_GAP.fullmatch(gap):
            if _OPEN_ROLE.fullmatch(gap):
                continue  # "..., as a Lender, the Swingline Lender, an Issuing Bank"
            break
        if not names and gap not in ("", "the ", "The ") and not _UNNAMED_FIRST.fullmatch(gap):
            break
        branch = BRANCH.match(text, end)
        if branch is not None:
            end = branch.end()
        names.append(name + branch.group() if branch else name)
        position = end
    return _unique(names)


def _add_event(
    agreement: Agreement,
    *,
    kind: AgreementEventKind,
    day: dt.date | None,
    actor: str | None,
    reason: str | None,
    sentence: Sentence,
) -> None:
    if any(e.kind is kind and e.date == day for e in agreement.events):
        return
    agreement.events.append(
        AgreementEvent(
            kind=kind, date=day, actor=actor, reason=reason, spans={"kind": sentence.span()}
        )
    )


_TERMINATE = re.compile(r"\bterminat(?:e|ed|es|ing|ion)\b", re.IGNORECASE)
_DISSOLVE = re.compile(
    r"\b(?:begin|began|begun|commenc\w*|start\w*|initiat\w*)\s+(?:the\s+)?(?:process\s+of\s+)?"
    r"(?:dissolution|winding\s+up|wind\s+up)(?:\s+process)?\s+(?:under|pursuant\s+to|in\s+"
    r"accordance\s+with)\s+",
    re.IGNORECASE,
)
_DISSOLVED = re.compile(r"\b(?:was|were|has been|have been)\s+dissolved\b", re.IGNORECASE)
_AMEND = re.compile(r"\b(?:amended|amendment(?:\s+No\.\s*\d+)?\s+to)\b", re.IGNORECASE)
_COMPLETE = re.compile(r"\b(?:completed|consummated|closed)\b", re.IGNORECASE)
_OBJECT_GAP = re.compile(r"\s*(?:of\s+)?(?:the\s+|its\s+|such\s+)?(?:[a-z]+\s+){0,2}")
_PASSIVE_GAP = re.compile(r"\s+(?:was|were|has been|have been|is|will be)\s+(?:\w+\s+)?")


def agreement_events(sentences: Iterable[Sentence], ents: Entities) -> None:
    """The dated acts of every sentence again, once more agreements are known (an exhibit
    list names the Note Agreement that the prose "thereby terminated", 0000950170-23-069698);
    an event already read is not added twice."""
    for sentence in sentences:
        _events(sentence, ents, kinds=(AgreementEventKind.TERMINATED,))
    for agreement in ents.agreements:
        agreement.events.sort(key=lambda e: (e.date is None, e.date or dt.date.min))


def _events(
    sentence: Sentence,
    ents: Entities,
    kinds: tuple[AgreementEventKind, ...] = (
        AgreementEventKind.TERMINATED,
        AgreementEventKind.AMENDED,
        AgreementEventKind.COMPLETED,
        AgreementEventKind.DISSOLVED,
    ),
) -> None:
    """Dated acts on agreements: termination, start of dissolution, amendment, completion."""
    text = sentence.text
    first = DATE.search(text)
    if first is None:
        return  # an undated statement ("rights are triggered upon termination") is no event
    refs = agreements_in(text, ents)
    for keyword, kind in (
        (_TERMINATE, AgreementEventKind.TERMINATED),
        (_AMEND, AgreementEventKind.AMENDED),
        (_COMPLETE, AgreementEventKind.COMPLETED),
    ):
        if kind not in kinds:
            continue
        for k in keyword.finditer(text):
            if _CONDITION.search(text[: k.start()]) or _CONDITION_CLAUSE.search(
                text, max(0, k.start() - 200), k.start()
            ):
                continue
            target = next(
                (
                    a
                    for s, _, a in refs
                    if s >= k.end() and _OBJECT_GAP.fullmatch(text[k.end() : s])
                ),
                None,
            ) or next(
                (
                    a
                    for _, e, a in refs
                    if e <= k.start() and _PASSIVE_GAP.fullmatch(text[e : k.start()])
                ),
                None,
            )
            if kind is AgreementEventKind.COMPLETED and target is None and refs:
                target = refs[0][2]  # "completed the acquisition ... pursuant to the Agreement"
            if target is not None:
                _event_from(
                    sentence, target, kind=kind, at=k.start(), first_date=first.group(), ents=ents
                )
    if AgreementEventKind.DISSOLVED not in kinds:
        return
    for m in list(_DISSOLVE.finditer(text)) + list(_DISSOLVED.finditer(text)):
        kind = AgreementEventKind.DISSOLUTION_STARTED
        if m.re is _DISSOLVED:
            kind = AgreementEventKind.DISSOLVED
        target = next((a for s, _, a in refs if s == m.end()), None)
        if target is not None:
            _event_from(
                sentence, target, kind=kind, at=m.start(), first_date=first.group(), ents=ents
            )


def _event_from(
    sentence: Sentence,
    agreement: Agreement,
    *,
    kind: AgreementEventKind,
    at: int,
    first_date: str,
    ents: Entities,
) -> None:
    text = sentence.text
    effective = re.search(r"\beffective\s+(?:as\s+of\s+|on\s+)?", text[at:])
    dm = DATE.match(text, at + effective.end()) if effective else None
    day = parse_date(dm.group() if dm else first_date)
    by = re.search(r"^\S+(?:\s+\S+){0,6}?\s+by\s+", text[at:])
    actor = None
    if by:
        after = mentions(text[at + by.end() :], ents)
        actor = after[0][2] if after and after[0][0] == 0 else None
    if actor is None:
        before = mentions(text[:at], ents)
        actor = before[0][2] if before else None
    reason = _REASON.search(text[at:])
    _add_event(
        agreement,
        kind=kind,
        day=day,
        actor=actor,
        reason=reason.group(1) if reason else None,
        sentence=sentence,
    )


# "JPMorgan Chase Bank, N.A. (formerly The Chase Manhattan Bank, N.A.)" (0000950103-17-005328),
# "Acme Holdings, Inc. (f/k/a Acme Corp.)", "X, formerly known as Y,": a name, then the
# earlier name of the same organization. Both must be names (a legal form ends each), with
# nothing else between: "formerly a wholly-owned subsidiary of" names no earlier name.
_FORMERLY = re.compile(
    r"(?P<open>\s*\(\s*|,\s+)(?:formerly(?:\s+known\s+as)?|f/k/a|previously\s+known\s+as)"
    r"\s+(?:the\s+)?",
    re.IGNORECASE,
)


def _former_names(sentence: Sentence, ents: Entities) -> None:
    text = sentence.text
    names = org_names(text)
    starts = {start: end for start, end in names}
    for (start, end), m in ((n, _FORMERLY.match(text, n[1])) for n in names):
        if m is None:
            continue
        earlier_start = m.end()  # "the" is no word of a name (org_names)
        earlier_end = starts.get(earlier_start)
        if earlier_end is None:
            continue
        closing = text[earlier_end : earlier_end + 1]
        if m.group("open").strip() == "(" and closing != ")":
            continue  # "(formerly X and Y)": not one earlier name
        if m.group("open").strip() == "," and closing not in (",", ".", ")", ""):
            continue
        name = text[start:end]
        former = " ".join(text[earlier_start:earlier_end].split())
        org = _known_org(name, ents)
        if org is None:
            org = Organization(name=name, spans={"name": sentence.span(start, end)})
            ents.organizations.append(org)
        if former not in org.former_names and company_key(former) != company_key(org.name):
            org.former_names.append(former)
            org.spans["former_names"] = sentence.span(start, earlier_end)


def _org_facts(sentence: Sentence, ents: Entities) -> None:
    """Board size, LLC members, earlier names and the agreement an organization was formed
    under."""
    text = sentence.text
    if "ormerly" in text or "f/k/a" in text or "known as" in text:
        _former_names(sentence, ents)
    board = _BOARD.search(text)
    if board:
        subject = mentions(text[: board.start()], ents)
        org = ents.org(subject[-1][2]) if subject else None
        if org is not None and org.board_size is None:
            size = board.group(1).lower()
            org.board_size = int(size) if size.isdigit() else NUMBER_WORDS[size]
            org.spans["board_size"] = sentence.span(board.start(), board.end())
    members = _MEMBERS.search(text)
    if members:
        llcs = [o for o in ents.organizations if _is_llc(o) and not o.is_registrant]
        if len(llcs) == 1 and not llcs[0].members:
            llcs[0].members = _unique(name for _, _, name in mentions(members.group(1), ents))
            llcs[0].spans["members"] = sentence.span(members.start(), members.end())
    formed = _FORMED.search(text)
    if formed:
        created = mentions(text[formed.end() :], ents)
        refs = agreements_in(text, ents)
        under = next(
            (
                a
                for s, _, a in refs
                if re.search(
                    r"(?:as part of|pursuant to|under|in accordance with|terms of)\s+$", text[:s]
                )
            ),
            None,
        )
        org = ents.org(created[0][2]) if created else None
        if org is not None and under is not None and org.formed_under is None and _is_llc(org):
            org.formed_under = under.name
            org.spans["formed_under"] = sentence.span()


def _is_llc(org: Organization) -> bool:
    return org.entity_type == "limited liability company" or bool(
        re.search(r"\b(?:LLC|L\.L\.C\.?)$", org.name)
    )


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
