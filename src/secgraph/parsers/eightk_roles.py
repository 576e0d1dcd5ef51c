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

Public API: :func:`read_other_roles`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from secgraph.models import OutsideRole, PersonName
from secgraph.normalize.names import company_key, doubtful_person_name, parse_person_name
from secgraph.normalize.titles import doubtful_title
from secgraph.parsers.eightk_entities import Entities, mentions
from secgraph.parsers.eightk_officers import people_in, resolve_person
from secgraph.parsers.eightk_sentences import Sentence

_PRESENT = r"is|serves\s+as|has\s+(?:also\s+)?(?:served\s+as|been)|currently\s+serves\s+as"
_PAST = r"was|served\s+as|had\s+(?:served\s+as|been)|previously\s+served\s+as"
_HOLDS = re.compile(
    rf"^(?:,\s*(?:age\s+)?\d{{2}},)?\s+(?:also\s+)?(?P<verb>{_PRESENT}|{_PAST})\s+"
    r"(?P<posts>.+?)\s+(?:of|at)\s+$"
)
_AND_MORE = re.compile(r"^(?:\s*\([^)]*\))?,?\s+and\s+(?:as\s+)?(?P<posts>.+?)\s+(?:of|at)\s+$")
_DIRECTOR = re.compile(
    r"^(?:as\s+)?(?:an?\s+)?(?:independent\s+|non-executive\s+)?(?:director|member\s+of\s+"
    r"(?:the|its)\s+board(?:\s+of\s+directors)?)$",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s+and\s+(?:as\s+)?(?=(?:an?\s+)?(?:director|member)\b)")


def read_other_roles(
    sentences: Iterable[Sentence], ents: Entities, registrant: str | None
) -> list[OutsideRole]:
    own = company_key(registrant)
    known: list[str] = []
    found: list[OutsideRole] = []
    for sentence in sentences:
        text = sentence.text
        people = people_in(text, ents)
        known += [n for _, _, n in people if len(n.split()) > 1 and n not in known]
        person: tuple[int, int, str] | None = None
        current = True
        previous_end = 0
        for start, end, org in mentions(text, ents):
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
            more = _AND_MORE.match(text[previous_end:start]) if person is not None else None
            if more is not None:  # "... of Twitter, Inc. and Chief Executive Officer of"
                posts = more.group("posts")
            elif holds is not None and subject is not None:
                person, posts = subject, holds.group("posts")
                current = not re.match(_PAST, holds.group("verb"))
            else:
                previous_end = end
                continue
            previous_end = end
            assert person is not None
            found += _roles(sentence, person, posts, org, current=current, known=known)
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
        post = re.sub(r"^(?:as\s+)?(?:the\s+)?", "", part.strip(" ,"))
        role: Literal["director", "officer"]
        if _DIRECTOR.match(post):
            role, title = "director", None
        elif post[:1].isupper() and doubtful_title(post) is None and len(post) <= 80:
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
