"""Posts people hold at other organizations, as an Item 5.02 biography states them.

``Mr. Dorsey is Chairman of the Board of Directors of Twitter, Inc. and Chief Executive
Officer of Square, Inc.`` (Disney, 0001001039-13-000190); ``Mr. Parker has been President and
Chief Executive Officer and a director of NIKE, Inc. since 2006`` (0001001039-16-000331);
``Mr. Dietrich serves as a director of AAR Corp.`` (FedEx, 0001193125-23-188128). The rule:
a person (a full name, or "Mr. Dorsey" resolved to the full name printed before), a verb of
holding (is, serves as, has been, served as, was), the posts ("Chairman of the Board of
Directors", "a director"), "of" or "at", then an organization the text names that is not the
registrant; "and <posts> of <organization>" goes on with the same person. A post that reads
as no title (a heading, a class, a statute: :func:`~secgraph.normalize.titles.doubtful_title`)
is left out. The present tense ("is", "serves") says the post is held as of the report; the
past ("served", "was") only that it was held: no date is made of it.

Also read: a seat "on the board of directors of" an organization; "<person>, <posts> of
<organization>," in apposition; an organization named without a legal form after the posts
when its name plainly ends there (``_BARE_ORG``) or is a known one's less its form.

Public API: :func:`read_other_roles`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from secgraph.models import OutsideRole, PersonName
from secgraph.normalize.names import company_key, doubtful_person_name, parse_person_name
from secgraph.normalize.titles import doubtful_title
from secgraph.parsers.eightk_entities import NOT_NAME, US_STATES, Entities, mentions
from secgraph.parsers.eightk_officers import people_in, resolve_person
from secgraph.parsers.eightk_sentences import Sentence

_PRESENT = (
    r"is|serves\s+(?:as|on)|sits\s+on|has\s+(?:also\s+)?(?:served\s+(?:as|on)|been)"
    r"|currently\s+serves\s+(?:as|on)"
)
_PAST = r"was|served\s+(?:as|on)|had\s+(?:served\s+as|been)|previously\s+served\s+(?:as|on)"
_HOLDS = re.compile(
    rf"^(?:,\s*(?:age\s+)?\d{{2}},)?\s+(?:also\s+)?(?P<verb>{_PRESENT}|{_PAST})\s+"
    r"(?P<posts>.+?)\s+(?:of|at|with)\s+$"
)
# "He was also a manager with Ernst & Young LLP." (0001564590-21-004336): the person is the
# one the biography is about, named last before.
_PRONOUN = re.compile(r"^\s*(?:He|She)\b")
_OPENER = re.compile(r"^\s*(?:Mr|Ms|Mrs|Dr)\.\s+[A-Z][\w'-]+(?=[\s,'])")
# "Mr. Parks was previously employed by IQVIA, where he served as senior vice president,
# corporate controller and vice president, finance" (0001564590-21-004336): the employer may
# be a name without a legal form; the posts follow "where he served as".
_EMPLOYED_BY = re.compile(
    r"\s+(?:was|is|has\s+been)\s+(?:previously\s+|formerly\s+|also\s+)?employed\s+by\s+"
    r"(?P<org>[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,4}?),\s+where\s+(?:he|she)\s+"
    r"(?:served|serves|was|has\s+served)\s+as\s+(?P<posts>[^.;]+?)(?:\s+(?:from|since|until)\b|[.;]|$)"
)
# A post in lower case is only title words ("executive vice president and chief accounting
# officer", "a manager"): "expected to be appointed as a director" is none.
_LOWER_TITLE = re.compile(
    r"(?:an?\s+)?(?:(?:senior|executive|vice|chief|general|assistant|deputy|associate|managing"
    r"|principal|corporate|financial|accounting|operating|president|officer|director|controller"
    r"|counsel|treasurer|secretary|partner|manager|chair(?:man|woman)?|finance|and),?\s*)+"
)
_AND_MORE = re.compile(r"^(?:\s*\([^)]*\))?,?\s+and\s+(?:as\s+)?(?P<posts>.+?)\s+(?:of|at)\s+$")
_DIRECTOR = re.compile(
    r"^(?:as\s+)?(?:an?\s+)?(?:independent\s+|non-executive\s+)?(?:director|member\s+of\s+"
    r"(?:the|its)\s+board(?:\s+of\s+directors)?)$"
    # "serves on the board of directors of X": the posts read are the board
    r"|^(?:the\s+)?board\s+of\s+directors$",
    re.IGNORECASE,
)
# An organization the text names without a legal form, after the posts of one who holds them
# ("Mr. Parks served as executive vice president and chief accounting officer of Syneos Health
# from November 2018", "Dr. Goldman also serves on the board of directors of Three Five
# Systems, a designer and manufacturer of display modules": 0001564590-21-004336,
# 0001275287-05-000056): up to four capitalized words, then where a name ends: an appositive
# describing it (", a designer"), a time ("from November 2018", "since 2015") or the sentence's
# end. Words that name a part of a company ("of Global Sales", "of the Commercial & Investment
# Bank") or a place are no organization; the posts must be a director's seat or a title in
# lower case (a capitalized title runs on into a division's name: "President of North
# America"). A name that ends at a comma is read only when it is a known organization's name
# less its legal form ("R.J. Steichen" for "R.J. Steichen & Company"): it is that one.
_BARE_ORG = re.compile(
    r"(?<=\s(?:of|at)\s)(?P<org>[A-Z][\w'.-]*(?:\s+(?:&\s+)?[A-Z][\w'.-]*){0,3}?)"
    r"(?=,\s+an?\s+[a-z]|\s+(?:from|since|until)\s+(?:[A-Z][a-z]+\s+)?(?:\d{1,2},\s+)?\d{4}\b"
    r"|\.?$|(?P<comma>,))"
)
# "Jack Feltl, President and Chief Executive Officer of R.J. Steichen, will continue to operate
# Steichen" (0000950124-00-004609): a person, then in apposition the posts and "of" an
# organization, which ends the appositive with a comma (or the sentence).
# "the Commercial & Investment Bank" (JPMorgan's, 0000019617-26-000241) is a part of a company:
# an organization after "of the", or named only with words for a company's parts, is not read.
_APPOSITIVE = re.compile(r",\s+(?P<posts>[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|and|&|of|the))*?)\s+of\s+")
_APPOSITIVE_MAX = 160
_PART_WORDS_TEXT = (
    "Bank Banking Business Businesses Division Divisions Group Operations Sales Marketing "
    "Finance Financial Relations Markets Services Products Solutions Technology Technologies "
    "Research Development Engineering Strategy Affairs Resources Accounting Audit Risk "
    "Compliance Legal Investments Investment Wealth Management Retail Commercial Consumer "
    "Global International Americas America Europe Asia Pacific EMEA North South East West "
    "Region Regions Unit Units Segment Department Office Administration Board Directors "
    "Committee Council University College School Institute Foundation Tax Treasury Human "
    "Product Supply Chain Manufacturing Quality Information Communications Corporate "
    "Strategic Planning Regulatory Clinical Medical Design Innovation Digital Data Security "
    "Procurement Purchasing Customer Support Programs Credit Lending Trading Brand Brands"
)
_PART_WORDS = frozenset(_PART_WORDS_TEXT.split())
_MONTHS_TEXT = (
    "January February March April May June July August September October November December"
)
_MONTH_WORDS = frozenset(_MONTHS_TEXT.split())
_SPLIT = re.compile(r"\s+and\s+(?:as\s+)?(?=(?:an?\s+)?(?:director|member)\b)")


def read_other_roles(
    sentences: Iterable[Sentence],
    ents: Entities,
    registrant: str | None,
    known_orgs: Iterable[str] = (),
) -> list[OutsideRole]:
    """``known_orgs``: organizations the filing names elsewhere (an exhibit is read with the
    main document's), by which a name printed without its legal form is known."""
    own = company_key(registrant)
    by_key = {company_key(o.name): o.name for o in ents.organizations}
    for name in known_orgs:
        by_key.setdefault(company_key(name), name)
    known_names = set(by_key.values())
    known: list[str] = []
    found: list[OutsideRole] = []
    subject_of_bio: str | None = None  # the person the last sentence opened with
    for sentence in sentences:
        text = sentence.text
        people = people_in(text, ents)
        known += [n for _, _, n in people if len(n.split()) > 1 and n not in known]
        person: tuple[int, int, str] | None = None
        current = True
        previous_end = 0
        for start, end, org_name, posts in _employed_by(text, people, ents, own):
            found += _roles(
                sentence, (start, end, org_name[0]), posts, org_name[1], current=False, known=known
            )
        pronoun = _PRONOUN.match(text) if subject_of_bio else None
        opener = _OPENER.match(text)
        if opener is not None:
            subject_of_bio = resolve_person(opener.group(), known)
        named = mentions(text, ents)
        bare = _bare_orgs(text, named, by_key)
        for start, end, org in sorted([*named, *bare]):
            org_record = ents.org(org)
            if company_key(org) == own or (org_record is not None and org_record.is_registrant):
                previous_end = end
                person = None
                continue
            subject, holds = None, None
            for candidate in reversed([p for p in people if p[1] <= start]):
                holds = _HOLDS.match(text[candidate[1] : start])
                if holds is not None:
                    subject = candidate
                    break
            if subject is None and pronoun is not None and subject_of_bio and not people:
                holds = _HOLDS.match(text[pronoun.end() : start])
                subject = (pronoun.start(), pronoun.end(), subject_of_bio) if holds else None
            more = _AND_MORE.match(text[previous_end:start]) if person is not None else None
            before = [p for p in people if p[1] <= start]
            apposed = (
                _APPOSITIVE.fullmatch(text[before[-1][1] : start])
                if subject is None
                and before
                and start - before[-1][1] <= _APPOSITIVE_MAX  # a bounded look: linear time
                and re.match(r",|\.?$", text[end:])
                and not _a_part(org)
                else None
            )
            if more is not None:  # "... of Twitter, Inc. and Chief Executive Officer of"
                posts = more.group("posts")
            elif holds is not None and subject is not None:
                person, posts = subject, holds.group("posts")
                current = not re.match(_PAST, holds.group("verb"))
            elif apposed is not None:
                person, posts, current = before[-1], apposed.group("posts"), True
            else:
                previous_end = end
                continue
            previous_end = end
            assert person is not None
            if (start, end, org) in bare and org not in known_names and not _plain_posts(posts):
                continue
            found += _roles(sentence, person, posts, org, current=current, known=known)
    return found


def _bare_orgs(
    text: str, named: list[tuple[int, int, str]], by_key: dict[str, str]
) -> list[tuple[int, int, str]]:
    """Organizations named without a legal form after "of" or "at" (see ``_BARE_ORG``); one
    whose name is a known organization's less its legal form ("R.J. Steichen") is that one."""
    if " of " not in text and " at " not in text:
        return []
    # people_in reads any run of capitalized words as a name ("Three Five Systems"): after
    # posts and "of", it is the organization's
    taken = [(a, b) for a, b, _ in named]
    found: list[tuple[int, int, str]] = []
    for m in _BARE_ORG.finditer(text):
        start, end = m.span("org")
        if any(a < end and start < b for a, b in taken):
            continue
        name = m.group("org").rstrip(".")
        words = re.findall(r"[A-Za-z]+", name)
        if (
            not words
            or any(w in _PART_WORDS or w in NOT_NAME or w in _MONTH_WORDS for w in words)
            or re.fullmatch(US_STATES, name)
        ):
            continue
        known = by_key.get(company_key(name))
        if m.group("comma") is not None and known is None:
            continue  # "of Global Widgets, " may go on; only a known one ends there
        found.append((start, start + len(name), known or name))
    return found


def _a_part(org: str) -> bool:
    """A name made only of words for a company's parts ("Commercial & Investment Bank")."""
    words = [w for w in re.findall(r"[A-Za-z]+", org) if w not in ("and", "of", "the")]
    return all(w in _PART_WORDS for w in words)


def _plain_posts(posts: str) -> bool:
    """Posts that cannot run on into an organization's name: a seat on its board or titles
    in lower case."""
    parts = [
        re.sub(r"^(?:also\s+)?(?:as\s+)?(?:the\s+|an?\s+)?", "", p.strip(" ,"))
        for p in _SPLIT.split(posts.strip())
    ]
    return all(_DIRECTOR.match(p) or _LOWER_TITLE.fullmatch(p) for p in parts)


def _employed_by(
    text: str, people: list[tuple[int, int, str]], ents: Entities, own: str
) -> list[tuple[int, int, tuple[str, str], str]]:
    """(person's start, end, (person, employer), posts) of "<person> was previously employed
    by <employer>, where he served as <posts>"."""
    found: list[tuple[int, int, tuple[str, str], str]] = []
    if "employed by" not in text:
        return found
    for start, end, person in people:
        m = _EMPLOYED_BY.match(text, end)
        if m is None:
            continue
        org = m.group("org")
        named = mentions(org, ents)
        if named and named[0][:2] == (0, len(org)):
            org = named[0][2]
        if company_key(org) != own and org.split()[0] not in ("The", "Company", "Registrant"):
            found.append((start, end, (person, org), m.group("posts")))
    return found


def _roles(
    sentence: Sentence,
    person: tuple[int, int, str],
    posts: str,
    org: str,
    *,
    current: bool,
    known: list[str],
) -> list[OutsideRole]:
    full = resolve_person(person[2], known)
    if doubtful_person_name(full) is not None or len(full.split()) < 2:
        return []
    name = parse_person_name(full, sentence.span(person[0], person[1])) or PersonName(full=full)
    roles: list[OutsideRole] = []
    for part in _SPLIT.split(posts.strip()):
        post = re.sub(r"^(?:also\s+)?(?:as\s+)?(?:the\s+|an?\s+)?", "", part.strip(" ,"))
        role: Literal["director", "officer"]
        if _DIRECTOR.match(post):
            role, title = "director", None
        elif (
            (post[:1].isupper() or _LOWER_TITLE.fullmatch(post))
            and doubtful_title(post) is None
            and len(post) <= 80
        ):
            role, title = "officer", post
        else:
            continue
        roles.append(
            OutsideRole(
                person=name,
                organization=org,
                role=role,
                title=title,
                current=current,
                spans={"organization": sentence.span()},
            )
        )
    return roles
