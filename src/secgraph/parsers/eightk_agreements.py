"""Agreements beyond their definitions: the clause after an agreement's name, and the exhibit list.

:mod:`~secgraph.parsers.eightk_entities` finds an agreement where the text defines it ("a Loan
Agreement (the "Loan Agreement")") and the parties of "X entered into ... with Y". Two more
places name parties and dates, generically across filers and eras:

* the clause right after a mention: ``an Agreement and Plan of Merger (the "Merger
  Agreement"), dated as of May 10, 2011, as amended by and among Nuance, Ellipse Acquisition
  Corporation, ... and Cornerstone Equity Investors, LLC`` (0000950123-11-059612): parties
  (organizations and people) and the date the agreement is dated;
* the exhibit list of Item 9.01 (old Item 7): ``10.1 Letter Agreement, dated as of October 26,
  2005, by and between the Company and Michael D. Craighead`` (0001275287-05-004321). An
  exhibit line names the agreement, its date and its parties; it completes the agreement the
  prose defines (same name or defined term) or adds one the prose only describes. A "Form of"
  agreement is a template, not an agreement entered into: left out. "Amendment No. 1 to
  Note Agreement, dated June 10, 2015" is an amendment event of an agreement already known;
  an amendment of one not otherwise named is the agreement reported (``Amendment ... to
  Employment Agreement with William P. Lauder``, 0000909518-13-000083).

Dates keep their meaning: the date after "dated" is the agreement's date and is only set
when none was read (the day it was entered into, when the prose gives it, wins).

Public API: :func:`read_agreements`.
"""

from __future__ import annotations

import datetime as dt
import re

from secgraph.models import (
    Agreement,
    AgreementEvent,
    AgreementEventKind,
    AgreementType,
    PersonName,
)
from secgraph.normalize.dates import parse_date
from secgraph.normalize.names import doubtful_person_name, parse_person_name
from secgraph.parsers.eightk_entities import (
    DATE,
    Entities,
    agreement_nouns,
    agreement_type,
    agreements_in,
    mentions,
    party_list,
)
from secgraph.parsers.eightk_officers import people_in, resolve_person
from secgraph.parsers.eightk_sentences import Sentence, Sentences

# "..., dated as of the Effective Date (the "Credit Agreement"), was entered into among"
# (0000950170-23-050472): a date may be a defined term, and the verb passive.
_CLAUSE = re.compile(
    r"(?:\s*\([^)]*\))?"
    rf"(?:,?\s*(?:dated|effective)\s+(?:as\s+of\s+)?(?:(?P<date>{DATE.pattern})"
    r"|the\s+(?P<term>[A-Z]\w*(?:\s+[A-Z]\w*)?\s+Date)\b))?"
    r"(?:\s*\([^)]*\))?"
    r"(?:,?\s*as\s+amended(?:\s+and\s+restated)?)?"
    r"(?:,?\s+(?:was|were|has\s+been|have\s+been)\s+(?:entered\s+into|made|executed))?"
    r",?\s+(?:by\s+and\s+)?(?:among|between|with)\s+"
)
_TERM_AFTER = re.compile(r'\s*\(\s*(?:the\s+)?"([^"]+)"')
_DATED = re.compile(rf"\bdated\s+(?:as\s+of\s+)?({DATE.pattern})")
_EXHIBIT_LINE = re.compile(
    r"^(?:Exhibit\s+)?\d{1,3}(?:\s*\.\s*\d+){0,2}\.?\s*\*?\s+(?P<rest>\S.*)$", re.DOTALL
)
_WORD = r"(?:[A-Z0-9][\w&'\-]*|and|of|to)"
_NAME = re.compile(
    rf"(?P<name>(?:{_WORD}\s+){{0,8}}(?:Agreement|Indenture|Plan\s+of\s+(?:Reorganization\s+and\s+)?"
    r"Merger|Plan\s+of\s+Reorganization|Joinder|Guaranty))\b"
)
_AMENDMENT = re.compile(
    rf"Amendment(?:\s+No\.\s*\d+)?(?:,?\s+dated\s+(?:as\s+of\s+)?(?:{DATE.pattern}),?)?\s+to\s+"
    rf"(?:the\s+)?(?P<base>(?:{_WORD}\s+){{0,8}}(?:Agreements?|Indenture|Plan\s+of\s+"
    r"(?:Reorganization\s+and\s+)?Merger|Plan\s+of\s+Reorganization|Joinder|Guaranty))\b"
)
_PARTIES = re.compile(r"\b(?:by\s+and\s+)?(?:among|between|with)\s+")
_GIVEN_BY = re.compile(
    r"\b(?:executed|made|given|granted)\s+by\s+(?P<by>)[^;()]{3,80}?\s+"
    r"(?:in\s+favou?r\s+of|for\s+the\s+benefit\s+of|to)\s+(?:the\s+)?"
)
_SEGMENT_END = re.compile(
    r",?\s+dated\b|\s+\(|,\s+(?:incorporated|to\s+the|(?:pursuant\s+to|under)\s+which)\b"
    r"|\.\s*$|;"
)


# "The Company and Astrotech Florida Holdings, Inc., a wholly-owned subsidiary of ASO, are
# also parties to the Loan Agreement" (0000950123-10-095885).
_PARTIES_TO = re.compile(
    r"\b(?:is|are|were|was|became|will\s+be)\s+(?:also\s+)?(?:a\s+)?part(?:y|ies)\s+to\s+"
)
# "Alnylam Pharmaceuticals, Inc. (the "Company"), entered into" (0001193125-23-194715): the
# subject, its definition and a comma, then the verb.
_SUBJECT_GAP = re.compile(
    r"(?:\s*\([^)]*\))*\s*,?\s*(?:has\s+|have\s+|had\s+)?(?:(?:also|previously|each)\s+)?$"
)
# "the registrant announced that it had entered into" (0000950124-00-004609): "it" is the
# subject that announced.
_ANNOUNCED_IT = re.compile(
    r"(?:\s*\([^)]*\))*\s*,?\s*(?:announced|disclosed|reported)\s+that\s+it\s+"
    r"(?:has\s+|had\s+)?(?:also\s+)?"
)
_AND = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)")
_ENTERED = re.compile(r"\bentered\s+into\s+")
_APPOSITIVE_OF = re.compile(r"(?:\s*\([^)]*\))?,\s+an?\s+[^,()\"]*?\s(?:of|by)\s+(?:the\s+)?")


def read_agreements(sentences: Sentences, ents: Entities) -> None:
    """Complete ``ents``' agreements from the clauses after their names, then add the ones
    the exhibit list names."""
    known: list[str] = []
    closing: tuple[str | None, dt.date | None] = (None, None)  # (item, day) of the closing
    ancillary: list[tuple[Agreement, Agreement]] = []
    shared: list[tuple[str, list[str]]] = []  # (term, parties) of "(each, a "X"), each between"
    for sentence in sentences:
        known += [n for _, _, n in people_in(sentence.text, ents) if len(n.split()) > 1]
        done = _CLOSED_ON.match(sentence.text)
        if done is not None:
            closing = (sentence.item, parse_date(done.group(1)))
        named = agreements_in(sentence.text, ents)
        for start, end, agreement in named:
            if _AMENDMENT_OF.search(sentence.text, max(0, start - 40), start):
                continue  # "Amendment No. 1 to Purchase Option Agreement ... among": its parties
            _clause(sentence, end, agreement, ents=ents, known=known)
        named += _dated(sentence, named, ents)
        named += _entered(sentence, named, ents, known)
        _parties_to(sentence, named, ents)
        _serves_under(sentence, named, ents)
        _borrower(sentence, named, ents)
        _subject(sentence, named, ents)
        _per_person(sentence, ents, known)
        _owned_by_person(sentence, ents, known)
        day = closing[1] if closing[0] == sentence.item else None
        ancillary += _ancillary(sentence, named, ents, day)
        each = _EACH_BETWEEN.search(sentence.text) if "each" in sentence.text else None
        if each is not None:
            shared.append((_key(each.group("term")), party_list(sentence.text, each.end(), ents)))
    for agreement, base in ancillary:  # "the parties": the base's, once all are read
        agreement.parties = [p for p in base.parties if p not in agreement.parties]
    for sentence in sentences.of_items(("9.01", "7")):
        _exhibit(sentence, ents, known)
    for term, parties in shared:
        # "a supplemental indenture dated as of ... (each, a "Supplemental Indenture" ...),
        # each between the Company and The Bank of New York Mellon Trust Company, N.A., as
        # trustee" (0000950103-19-002069): every agreement of that name the filing lists
        for agreement in ents.agreements:
            if _key(agreement.name) == term and not agreement.parties:
                agreement.parties = list(parties)
    _employer(ents)


_EACH_BETWEEN = re.compile(
    r'\(each,?\s+(?:an?\s+)?"(?P<term>[^"]{3,60})"[^()]{0,200}\),\s+each\s+'
    r"(?:by\s+and\s+)?(?:between|among)\s+"
)
# "On February 1, 2019, Nuance ... completed the previously announced sale" (0000950142-19-
# 000172): the day of the closing.
_CLOSED_ON = re.compile(
    rf"^\s*On\s+({DATE.pattern}),[^;]{{0,300}}?\b(?:completed|consummated|closed)\b"
)
# "at closing the parties entered into certain ancillary agreements including: (i) a
# transition services agreement ..., (ii) assignment agreements, ... and (iii) a shared
# location agreement" (0000950142-19-000172)
_ANCILLARY = re.compile(
    r"\bthe\s+parties\s+(?:thereto\s+)?(?:also\s+)?entered\s+into\s+(?:certain\s+)?"
    r"(?:ancillary\s+|related\s+|other\s+|additional\s+)?agreements\s+"
    r"(?:including|as\s+follows)\s*:?\s*"
)
_ENUM_ITEM = re.compile(
    r"\((?:[ivx]{1,4}|[a-h]|\d)\)\s+(?:an?\s+|the\s+)?"
    r"(?P<name>(?:[\w-]+\s+){0,4}?agreements?)\b"
)


def _ancillary(
    sentence: Sentence,
    named: list[tuple[int, int, Agreement]],
    ents: Entities,
    closing: dt.date | None,
) -> list[tuple[Agreement, Agreement]]:
    """The agreements "the parties" of an agreement named in the sentence entered into, as
    listed (i), (ii), (iii): each with those parties (returned with that agreement, the
    base) and, "at closing", the closing's day."""
    text = sentence.text
    found: list[tuple[Agreement, Agreement]] = []
    if "the parties" not in text:
        return found
    verb = _ANCILLARY.search(text)
    base = next((a for s, _, a in named if s < verb.start()), None) if verb else None
    if verb is None or base is None:
        return found
    day = closing if re.search(r"\bat\s+(?:the\s+)?closing\b", text[: verb.start()]) else None
    for item in _ENUM_ITEM.finditer(text, verb.end()):
        name = " ".join(item.group("name").split())
        if len(name.split()) < 2 or any(_key(a.name) == _key(name) for a in ents.agreements):
            continue
        agreement = Agreement(
            name=name,
            type=agreement_type(name),
            date=day,
            item=sentence.item,
            spans={"name": sentence.span(*item.span("name"))},
        )
        ents.agreements.append(agreement)
        found.append((agreement, base))
    return found


def _clause(
    sentence: Sentence, end: int, agreement: Agreement, *, ents: Entities, known: list[str]
) -> None:
    text = sentence.text
    m = _CLAUSE.match(text, end)
    if m is None:
        return
    if m.group("date") and agreement.date is None:
        agreement.date = parse_date(m.group("date"))
        agreement.spans["date"] = sentence.span(m.start("date"), m.end("date"))
    elif m.group("term") in ents.date_terms and agreement.date is None:
        agreement.date = ents.date_terms[m.group("term")]
        agreement.spans["date"] = sentence.span(m.start("term"), m.end("term"))
    for name in party_list(text, m.end(), ents):
        if name not in agreement.parties:
            agreement.parties.append(name)
    segment = text[m.end() :]
    stop = _SEGMENT_END.search(segment)
    if stop is not None:
        # "an employment agreement with Mr. Mayer (the "Mayer Agreement")": the definition
        # after the party names which of two same-named agreements this is.
        term = _TERM_AFTER.match(segment, stop.start())
        if term is not None:
            other = ents.agreement_terms.get(term.group(1))
            own_names = (agreement.name, *agreement.defined_terms)
            if (
                other is None
                and "agreement" in term.group(1).lower()
                and term.group(1) not in own_names
            ):
                return  # the definition names an agreement not read: whose party, unknown
            agreement = other or agreement
    _add_people(agreement, segment[: stop.start() if stop else len(segment)], ents, known)


# Agreements a person signs in person; the parties of a merger, a loan or an indenture are
# organizations, and capitalized words in their lists ("Merrill Lynch, Pierce, Fenner & Smith
# Incorporated", "U.S. Bank National Association, as Escrow Agent") are not people.
_PERSONAL = {
    AgreementType.EMPLOYMENT,
    AgreementType.SEPARATION,
    AgreementType.CHANGE_IN_CONTROL,
    AgreementType.OTHER,
}


_AGREEMENT_NOUN_AT = re.compile(
    r"(?:an?|the)\s+(?P<name>(?:[A-Z][\w'&/-]*\s+){0,6}(?:Agreement|Indenture)"
    r"|(?:[a-z0-9][\w'&/-]*\s+){0,4}agreement)\b"
)
_WITH = re.compile(r",?\s+with\s+")
_OWNER = re.compile(r"\b(?:the\s+)?([A-Z][\w&.-]*)'s\s+$")
_AMENDMENT_OF = re.compile(r"\bAmendment(?:\s+No\.\s*\d+)?\s+to\s+(?:the\s+)?$")
_ITEM_BEFORE = re.compile(r"(?:,|\band)\s+$")
_ROLE_BEFORE = re.compile(r",?\s+(?:as|serving\s+as)\s+(?:the\s+)?[A-Za-z][A-Za-z' ]*$")
_ITEM_AFTER = re.compile(
    r"(?:,?\s+(?:as|serving\s+as)\s+(?:the\s+)?[A-Za-z][A-Za-z' ]*?)?"
    r"\s*(?:[.;]?\s*$|,?\s+and\s+[A-Z])"
)
_OBJECT_OF = re.compile(r"\b(?:of|for)\s+(?:the\s+)?$")
# "On June 6, 2000, the registrant announced that it had entered into" (0000950124-00-004609):
# the day of the announcement is not the agreement's.
_OPENING_DATE = re.compile(
    rf"^\W{{0,3}}(?:\w+\s+){{0,3}}?[Oo]n\s+({DATE.pattern})"
    r"(?:(?!\b(?:announced|disclosed|reported)\b)[^;])*$"
)
_EXECUTIVE = {
    AgreementType.EMPLOYMENT,
    AgreementType.SEPARATION,
    AgreementType.CHANGE_IN_CONTROL,
}
_FUTURE_VERB = re.compile(r"\b(?:will|would|shall|may|expects?\s+to|expected\s+to)\s+(?:\w+\s+)?$")
_DATED_AFTER = re.compile(
    rf",?\s+dated\s+(?:as\s+of\s+)?(?:({DATE.pattern})|the\s+([A-Z]\w*(?:\s+[A-Z]\w*)?\s+Date)\b)"
)


def _dated(
    sentence: Sentence, named: list[tuple[int, int, Agreement]], ents: Entities
) -> list[tuple[int, int, Agreement]]:
    """Agreements the prose names with their date but defines no term for: "the existing
    term loan agreement dated as of July 15, 2014, among the Company, ..." (Tyson,
    0000100493-15-000041), "a Product and Technology License Agreement dated as of December
    11, 2002 pursuant to which" (Pericom, 0001193125-03-057197)."""
    text = sentence.text
    added: list[tuple[int, int, Agreement]] = []
    if "dated" not in text:
        return added  # the rule needs the word (a cheap test first: most sentences lack it)
    for start, end, name in agreement_nouns(text):
        if any(s < end and start < e for s, e, _ in named):
            continue
        dated = _DATED_AFTER.match(text, end)
        if dated is None:
            continue
        # "a Performance Guaranty, dated as of the Closing Date" (0000950170-23-032000)
        day = parse_date(dated.group(1)) if dated.group(1) else ents.date_terms.get(dated.group(2))
        if day is None:
            continue
        agreement = Agreement(
            name=name,
            type=agreement_type(name),
            date=day,
            item=sentence.item,
            spans={"name": sentence.span(start, end), "date": sentence.span(*dated.span())},
        )
        owner = _OWNER.search(text, max(0, start - 40), start)
        if owner is not None and (org := ents.terms.get(owner.group(1))):
            # "the Company's 364-day term loan agreement, dated as of November 29, 2018"
            agreement.parties.append(org)
        ents.agreements.append(agreement)
        _clause(sentence, end, agreement, ents=ents, known=[])
        if _repeats(agreement, ents):
            ents.agreements.remove(agreement)
            continue
        added.append((start, end, agreement))
    return added


# "PNC serves as a lender, an issuing bank, the swingline lender and administrative agent
# pursuant to the Third Amended and Restated Credit Agreement"; "PNC Capital Markets LLC serves
# as a joint bookrunner and a joint lead arranger under the ..." (0000950170-23-032000)
_SERVES_UNDER = re.compile(
    r"\s+(?:also\s+)?(?:serves|served|acts|acted)\s+as\s+[a-z][a-z ,-]{2,120}?\s+"
    r"(?:pursuant\s+to|under)\s+(?:the\s+)?$"
)


def _serves_under(
    sentence: Sentence, named: list[tuple[int, int, Agreement]], ents: Entities
) -> None:
    text = sentence.text
    if "serve" not in text and "act" not in text:
        return
    for start, _, agreement in named:
        before = mentions(text[:start], ents)
        if not before:
            continue
        _, end, name = before[-1]
        if _SERVES_UNDER.fullmatch(text, end, start) and name not in agreement.parties:
            agreement.parties.append(name)


# "... pursuant to the Third Amended and Restated Credit Agreement, ..., representing a ...
# credit facility under which ... commitments ... are available to the Registrant, as a
# borrower" (0000950170-23-032000): the one borrower a sentence names of the one agreement it
# names. "Worthington Industries, Inc. ... amended and restated its existing ... revolving
# credit facility (provided under the Third Amended and Restated Credit Agreement ...)"
# (0000950170-23-050472): the facility's owner (the sentence's subject) is party to it.
_AS_BORROWER = re.compile(r",\s+as\s+(?:a|the)\s+[Bb]orrower\b")
_ITS_FACILITY = re.compile(
    r"\bits\s+(?:existing\s+)?(?:[\w-]+,?\s+){0,3}?(?:credit|loan)\s+facilit(?:y|ies)\s*"
    r"\(?(?:provided\s+)?under\s+(?:the\s+)?$"
)


def _borrower(sentence: Sentence, named: list[tuple[int, int, Agreement]], ents: Entities) -> None:
    text = sentence.text
    agreements = {id(a): a for _, _, a in named}
    if len(agreements) != 1:
        return
    start, _, agreement = named[0]
    if agreement.type is not AgreementType.CREDIT:
        return
    found: list[str] = []
    if "orrower" in text:
        found += [n for _, e, n in mentions(text, ents) if _AS_BORROWER.match(text, e)]
    if "facilit" in text and _ITS_FACILITY.search(text, max(0, start - 160), start):
        subject = mentions(text[:start], ents)
        if subject:
            found.append(subject[0][2])
    for name in found:
        if name not in agreement.parties:
            agreement.parties.append(name)


def _entered(
    sentence: Sentence,
    named: list[tuple[int, int, Agreement]],
    ents: Entities,
    known: list[str],
) -> list[tuple[int, int, Agreement]]:
    """An agreement the prose names right after "entered into", with neither a definition
    nor a date: by its title, "On August 10, 2012, Worthington Enterprises, Inc. ... entered
    into a Note Agreement with The Prudential Insurance Company of America, ..."
    (0000950170-23-069698); or by a typed noun and its other side, "the registrant entered
    into a five-year employment/noncompete agreement with Mr. Feltl", "entered into a
    definitive merger agreement with R.J. Steichen & Company" (0000950124-00-004609). Its date
    is the day the sentence opens with ("On <date>, ..."). "entered into an agreement with"
    (no type) names no agreement; one of a name already read is the same unless it is with
    someone else (one employment agreement per executive)."""
    text = sentence.text
    added: list[tuple[int, int, Agreement]] = []
    if "entered" not in text:
        return added
    for verb in _ENTERED.finditer(text):
        m = _AGREEMENT_NOUN_AT.match(text, verb.end())
        if m is None or len(m.group("name").split()) < 2:
            continue
        start, end = m.span("name")
        name = " ".join(m.group("name").split())
        titled = name[:1].isupper()
        if not titled and (
            agreement_type(name) is AgreementType.OTHER or not _WITH.match(text, end)
        ):
            continue
        if any(s < end and start < e for s, e, _ in named):
            continue
        opening = _OPENING_DATE.match(text, 0, verb.start())
        day = parse_date(opening.group(1)) if opening else None
        agreement = Agreement(
            name=name,
            type=agreement_type(name),
            date=day,
            item=sentence.item,
            spans={"name": sentence.span(start, end)},
        )
        if opening is not None:
            agreement.spans["date"] = sentence.span(*opening.span(1))
        ents.agreements.append(agreement)
        _clause(sentence, end, agreement, ents=ents, known=known)
        if _repeats(agreement, ents):
            ents.agreements.remove(agreement)
            continue
        for key in (name, f"the {name}", f"The {name}"):
            ents.agreement_terms.setdefault(key, agreement)
        added.append((start, end, agreement))
    return added


def _repeats(agreement: Agreement, ents: Entities) -> bool:
    """True when an agreement of the same name was read before, of the same date (or one
    undated) and not with other parties: of two "Agreement and Plan of Reorganization and
    Merger" of one day, one with Innova and one with ESP (0000899243-96-000861), or two
    employment agreements with two executives, each is its own."""
    mine = _sides(agreement, ents)
    for other in ents.agreements:
        if other is agreement or _key(other.name) != _key(agreement.name):
            continue
        if agreement.date and other.date and agreement.date != other.date:
            continue
        theirs = _sides(other, ents)
        if not mine or not theirs or mine & theirs:
            return True
    return False


def _sides(agreement: Agreement, ents: Entities) -> set[str]:
    """The parties of ``agreement`` other than the registrant, and its people."""
    orgs = {p for p in agreement.parties if not (o := ents.org(p)) or not o.is_registrant}
    return orgs | {p.full for p in agreement.people if p.full}


# "entered into amended and restated Change of Control Agreements with Ms. Judy Bruner, ...
# and Mr. Cedar" (0001000180-10-000097): one agreement per person.
_PLURAL_WITH = re.compile(
    r"\bentered\s+into\s+(?:new\s+)?(?P<name>(?:(?!amendments?\s|to\s)[\w'&-]+\s+){0,6}?"
    r"(?:[Ee]mployment|[Ss]everance|[Ss]eparation|[Cc]hange\s+(?:of|in)\s+[Cc]ontrol"
    r"|[Rr]etention|[Ii]ndemnification)(?:\s+[Bb]enefits)?\s+[Aa]greement)s\s+with\s+"
)
# "Mr. Parks' offer letter" (0001564590-21-004336): a person's own agreement.
_PERSON_OWNS = re.compile(
    r"\b(?:Mr|Ms|Mrs|Dr)\.\s+(?P<last>[A-Z][\w-]+)(?:'s|')\s+(?P<name>(?:new\s+)?"
    r"(?:offer\s+letter|employment\s+agreement|separation\s+agreement))\b"
)


def _per_person(sentence: Sentence, ents: Entities, known: list[str]) -> None:
    text = sentence.text
    if "greements with" not in text:
        return
    for m in _PLURAL_WITH.finditer(text):
        if _FUTURE_VERB.search(text, max(0, m.start() - 40), m.start()):
            continue
        name = " ".join(m.group("name").split())
        segment = text[m.end() :]
        stop = re.search(r"[;(]|\s+(?:pursuant|under|which|that)\b", segment)
        probe = Agreement(name=name, type=agreement_type(name))
        _add_people(probe, segment[: stop.start() if stop else len(segment)], ents, known)
        for person in probe.people:
            if any(_key(a.name) == _key(name) and person in a.people for a in ents.agreements):
                continue
            ents.agreements.append(
                Agreement(
                    name=name,
                    type=probe.type,
                    people=[person],
                    item=sentence.item,
                    spans={"name": sentence.span(*m.span("name"))},
                )
            )


def _owned_by_person(sentence: Sentence, ents: Entities, known: list[str]) -> None:
    text = sentence.text
    if "'" not in text:
        return
    for m in _PERSON_OWNS.finditer(text):
        full = resolve_person(m.group("last"), known)
        if full == m.group("last") or doubtful_person_name(full) is not None:
            continue  # the surname of no one named before
        if any(any(p.full == full for p in a.people) for a in ents.agreements):
            continue  # an agreement of that person is known: this may be it
        name = " ".join(m.group("name").split())
        ents.agreements.append(
            Agreement(
                name=name,
                type=agreement_type(name),
                people=[parse_person_name(full) or PersonName(full=full)],
                item=sentence.item,
                spans={"name": sentence.span(*m.span("name"))},
            )
        )


def _employer(ents: Entities) -> None:
    """An executive's agreement (employment, separation, change in control) that names the
    person and no organization is with the registrant, the company that reports it: "10.1
    Amendment, dated as of February 25, 2013, to Employment Agreement with William P.
    Lauder" (0000909518-13-000083)."""
    registrant = next((o.name for o in ents.organizations if o.is_registrant), None)
    if registrant is None:
        return
    for agreement in ents.agreements:
        if agreement.type in _EXECUTIVE and agreement.people and not agreement.parties:
            agreement.parties.append(registrant)


def _parties_to(
    sentence: Sentence, named: list[tuple[int, int, Agreement]], ents: Entities
) -> None:
    text = sentence.text
    if "part" not in text:
        return  # no "party to" / "parties to"
    for verb in _PARTIES_TO.finditer(text):
        target = next((a for s, _, a in named if s >= verb.end() and s - verb.end() <= 4), None)
        if target is None:
            continue
        before = [m for m in mentions(text[: verb.start()], ents)]
        if not before:
            continue
        first = before[0][0]
        for name in party_list(text, first, ents):
            if name not in target.parties:
                target.parties.append(name)


def _subject(sentence: Sentence, named: list[tuple[int, int, Agreement]], ents: Entities) -> None:
    text = sentence.text
    if "entered" not in text:
        return  # no "entered into"
    for verb in _ENTERED.finditer(text):
        target = next((a for s, _, a in named if verb.end() <= s <= verb.end() + 60), None)
        brackets = [m.span() for m in re.finditer(r"\([^)]*\)", text[: verb.start()])]
        before = [
            m
            for m in mentions(text[: verb.start()], ents)
            if not any(a <= m[0] < b for a, b in brackets)
        ]
        if target is None or not before:
            continue
        start, end, name = before[-1]
        gap = text[end : verb.start()]
        if not _SUBJECT_GAP.match(gap) and not _ANNOUNCED_IT.fullmatch(gap):
            continue
        if len(before) > 1 and _APPOSITIVE_OF.fullmatch(text[before[-2][1] : start]):
            # "Astrotech Space Operations, Inc. ("ASO"), a wholly-owned subsidiary of
            # Astrotech Corporation (the "Company") entered into": the subject is the head.
            name = before[-2][2]
        subjects = [name]
        # "The Company and SaRonix had previously entered into" (0001193125-03-057197)
        for k in range(len(before) - 2, -1, -1):
            if not _AND.fullmatch(text[before[k][1] : before[k + 1][0]]):
                break
            subjects.insert(0, before[k][2])
        for subject in reversed(subjects):
            if subject not in target.parties:
                target.parties.insert(0, subject)


def _add_people(agreement: Agreement, segment: str, ents: Entities, known: list[str]) -> None:
    """The people ``segment`` (a list of parties) names: any, in an executive's agreement;
    in another (a merger, a loan), only a person who is an item of the list: "among
    Cotelligent Group, Inc., ..., CGI Acquisition, Inc. and Susan E. Trice" (0000899243-96-
    000861), "..., and Thomas Huseby, as Stockholder Representative" (0000950135-08-006327);
    capitalized words of a firm's name ("Merrill Lynch, Pierce, Fenner & Smith
    Incorporated") are no item."""
    personal = agreement.type in _PERSONAL
    people = people_in(segment, ents)
    # where an item of the list may end: after an organization or a person
    ends = {e for _, e, _ in mentions(segment, ents)} | {e for _, e, _ in people}
    for start, end, printed in people:
        if not personal and not _list_item(segment, start, end, ends):
            continue
        if segment.startswith("'s", end) or segment.startswith("'s", end - 2):
            continue  # "with Mr. Feltl's son, Mr. John C. Feltl": the son is the party
        if _OBJECT_OF.search(segment, 0, end - len(printed)):
            continue  # "Steichen's Director of Corporate Finance": a title's object
        bare = resolve_person(printed, [])  # the name without its honorific
        # "Mr. John C. Feltl" is named in full: not the "John E. Feltl" named before
        full = bare if len(bare.split()) > 1 else resolve_person(printed, known)
        if doubtful_person_name(full) is not None:
            continue
        name = parse_person_name(full) or PersonName(full=full)
        if all(p.full != name.full for p in agreement.people):
            agreement.people.append(name)


def _list_item(segment: str, start: int, end: int, ends: set[int]) -> bool:
    """True when the name at ``start:end`` is an item of a list of parties: after a
    separator that follows another party (and its role), before a separator or the end
    ("Securities and Exchange Commission" follows no party)."""
    before = _ITEM_BEFORE.search(segment, max(0, start - 20), start)
    if before is None or not _ITEM_AFTER.match(segment, end):
        return False
    prefix = segment[: before.start()].rstrip(" ,")
    role = _ROLE_BEFORE.search(prefix)
    return (role.start() if role else len(prefix)) in ends


def _key(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower().removeprefix("the "))


def _exhibit(sentence: Sentence, ents: Entities, known: list[str]) -> None:
    line = _EXHIBIT_LINE.match(sentence.text)
    if line is None or re.match(r"Form\s+of\b", line.group("rest")):
        return
    rest = line.group("rest")
    offset = line.start("rest")
    dated = _DATED.search(rest)
    day = parse_date(dated.group(1)) if dated else None
    amendment = _AMENDMENT.match(rest)
    if amendment:
        base = _find(ents, amendment.group("base"), None, [])
        if base is not None:
            if all(e.kind is not AgreementEventKind.AMENDED or e.date != day for e in base.events):
                base.events.append(
                    AgreementEvent(
                        kind=AgreementEventKind.AMENDED, date=day, spans={"kind": sentence.span()}
                    )
                )
            return
        name = f"Amendment to {' '.join(amendment.group('base').split())}"
        name_end = amendment.end()
    else:
        found = _NAME.match(rest)
        if found is None:
            return
        name = " ".join(found.group("name").split())
        name_end = found.end()
    tail = rest[name_end:]
    parties = _PARTIES.search(tail)
    orgs: list[str] = []
    probe = Agreement(name=name, type=agreement_type(name))
    given = _GIVEN_BY.search(tail)
    if given is not None and (parties is None or given.start() < parties.start()):
        # "Performance Guaranty, dated as of May 19, 2022, executed by Worthington Industries,
        # Inc. in favor of PNC Bank, National Association" (0000950170-23-032000)
        tail_at = offset + name_end
        orgs = [
            *party_list(sentence.text, tail_at + given.end("by"), ents),
            *party_list(sentence.text, tail_at + given.end(), ents),
        ]
    elif parties:
        at = offset + name_end + parties.end()
        orgs = party_list(sentence.text, at, ents)
        segment = tail[parties.end() :]
        stop = _SEGMENT_END.search(segment)
        _add_people(probe, segment[: stop.start() if stop else len(segment)], ents, known)
    agreement = _find(ents, name, day, [*orgs, *(p.full or "" for p in probe.people)])
    if agreement is None:
        agreement = Agreement(
            name=name,
            type=agreement_type(name),
            item=sentence.item,
            spans={"name": sentence.span(offset, offset + name_end)},
        )
        ents.agreements.append(agreement)
        for key in (name, f"the {name}", f"The {name}"):
            ents.agreement_terms.setdefault(key, agreement)
    if agreement.date is None and day is not None:
        agreement.date = day
        agreement.spans["date"] = sentence.span()
    for org in orgs:
        if org not in agreement.parties:
            agreement.parties.append(org)
    for person in probe.people:
        if all(p.full != person.full for p in agreement.people):
            agreement.people.append(person)


def _find(ents: Entities, name: str, day: object, parties: list[str]) -> Agreement | None:
    """The agreement an exhibit line names: same name or defined term, and not another one
    of that name (a different date, and no party in common)."""
    key = _key(name)
    # The registrant is party to most agreements it reports: sharing it tells nothing.
    parties = [p for p in parties if not (org := ents.org(p)) or not org.is_registrant]
    for agreement in ents.agreements:
        names = {_key(n) for n in (agreement.name, *agreement.defined_terms)}
        if key not in names:
            continue
        own = {*agreement.parties, *(p.full or "" for p in agreement.people)} - {""}
        own = {p for p in own if not (org := ents.org(p)) or not org.is_registrant}
        theirs = set(parties) - {""}
        if own & theirs:
            return agreement
        if own and theirs and (agreement.people or any(" " in p for p in theirs)):
            continue  # the same kind of agreement with someone else (one per executive)
        if day is None or agreement.date is None or agreement.date == day:
            return agreement
    return None
