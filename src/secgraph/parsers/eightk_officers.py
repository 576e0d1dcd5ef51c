"""Item 5.02 officer and director changes, by rules over the item's sentences.

A change is a verb (appointed, elected, resigned, retired, departed, terminated, will not stand
for re-election), the person it applies to (after an active verb: "the Board appointed Brandon
Hetzel"; before a passive or intransitive one: "Jane Roe resigned", "Mr. Doe was appointed";
after "of": "the resignation of Jane Roe"), the title after "as" ("as the Chief Financial
Officer and Treasurer of the Company") and the effective date ("effective April 17, 2023";
"effective on such date" takes the sentence's date). A change whose role cannot be told
(no title, no board) is left out rather than guessed.

A person who "is party to an employment agreement with the Manager" (or who "entered into"
one) is a party of that agreement (:func:`find_agreement_people`).

Public API: :func:`find_officer_changes`, :func:`find_agreement_people`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from secgraph.models import OfficerChange, OfficerChangeKind, ParseWarning, PersonName
from secgraph.normalize.dates import parse_date
from secgraph.normalize.names import company_key, doubtful_person_name, parse_person_name
from secgraph.normalize.titles import doubtful_title
from secgraph.parsers.eightk_entities import DATE, Entities, agreements_in, mentions, org_names
from secgraph.parsers.eightk_sentences import Sentence

_KINDS: tuple[tuple[re.Pattern[str], OfficerChangeKind], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        (
            r"\bnot\s+(?:to\s+)?(?:stand|be\s+nominated|seek)\b.{0,30}?re-?election"
            r"|\bnot\s+be\s+re-?nominated",
            OfficerChangeKind.NOT_RENOMINATED,
        ),
        (r"\b[Rr]etire(?:d|s|ment)?\b", OfficerChangeKind.RETIRED),
        (r"\b[Rr]esign(?:ed|s|ation)?\b", OfficerChangeKind.RESIGNED),
        (r"\bemployment\b.{0,120}?\bterminat\w*", OfficerChangeKind.TERMINATED),
        (
            r"\bstep(?:ped|s)?\s+down\b|\b[Dd]epart(?:ed|ure|s)?\b|\bno\s+longer\s+serve",
            OfficerChangeKind.DEPARTED,
        ),
        (r"(?<![-\w])[Ee]lect(?:ed|s|ion)\b", OfficerChangeKind.ELECTED),  # not "re-election"
        (r"\b[Aa]ppoint(?:ed|s|ment)\b|\bpromoted\b", OfficerChangeKind.APPOINTED),
        # "Mr. Parks joined the Company on January 28, 2021 as Vice President" (NetApp,
        # 0001564590-21-004336); "in connection with his new role as the Company's President"
        # (Nuance, 0000950135-07-005975): starts whose person comes before the verb.
        (
            r"\bjoined\s+(?:the\s+)?(?:Company|Registrant|Firm)\b"
            r"|\b(?:his|her|their)\s+new\s+(?:role|position)\b"
            # "Mr. Petno will become sole CEO of the CIB" (0000019617-26-000241)
            r"|\bwill\s+become\b(?=\s+(?:the\s+)?(?:sole\s+)?[A-Z])",
            OfficerChangeKind.APPOINTED,
        ),
    )
)
# Kinds whose person comes after an active verb ("the Board appointed X").
_TRANSITIVE = {OfficerChangeKind.APPOINTED, OfficerChangeKind.ELECTED}
_PASSIVE = re.compile(r"\b(?:was|were|been|is|are|be)\s+$")  # "has appointed" is active
# "of" goes on to a capitalized name ("CEO of Consumer & Community Banking", "CEO of the
# CIB"), not to the company or its board ("President of the Company", "Chairman of the Board")
_TITLE_WORD = (
    r"(?:[A-Z][\w&'\-\u2013]*|&|and"
    r"|of(?!\s+the\s+(?:Company|Registrant|Board|Corporation|Firm|Bank|Partnership|Trust)\b)"
    r"(?:\s+the)?(?=\s+[A-Z]))"
)
# "Vice President, Chief Financial Officer and Assistant Secretary" (Pericom, 2005): a comma
# goes on only to a word that starts a title.
_TITLE_NEXT = (
    r"(?:\s+|,\s+(?=(?:Vice|Chief|Senior|Executive|President|General|Assistant|Deputy|Associate"
    r"|Treasurer|Secretary|Controller|Principal|Chair)\b"
    # "President, Mobility Division" (0000950135-07-005975): the unit the post heads
    r"|(?:[A-Z][\w&-]*\s+){1,3}(?:Division|Segment)\b))"
)
_TITLE = re.compile(
    r"\b(?:as|(?:newly\s+(?:formed|created)\s+|new\s+)?(?:position|office|post)s?\s+of)\s+"
    r"(?:the\s+|its\s+|our\s+|their\s+|a\s+|an\s+)?(?:Company's\s+|Registrant's\s+)?"
    rf"(?P<title>(?:independent\s+|non-executive\s+)?(?:director|member\s+of\s+the\s+[Bb]oard"
    rf"(?:\s+of\s+Directors)?)|(?:principal|chief)\s+(?:executive|financial|accounting|operating)"
    rf"\s+officer\b|{_TITLE_WORD}(?:{_TITLE_NEXT}{_TITLE_WORD})*)"
)
_TO_BOARD = re.compile(
    r"\b(?:to|on|from)\s+(?:the|its|our)\s+(?:(?:Company|[Rr]egistrant|Firm)'s\s+)?Board\b"
)
_DIRECTOR_TITLE = re.compile(
    r"(?:an?\s+)?(?:independent\s+|non-executive\s+|class\s+\w+\s+)?director"
    r"|member of the board(?: of directors)?|chair(?:man|woman)? of the board",
    re.IGNORECASE,
)
_EFFECTIVE = re.compile(
    r"\b(?:effective|commencing|beginning)\s+(?:as\s+of\s+|on\s+)?(?:(?P<date>"
    + DATE.pattern
    + r")|(?P<now>immediately|on\s+such\s+date|as\s+of\s+such\s+date|on\s+that\s+date))"
)
# "From the date hereof ..., Mr. Kaufman ... will no longer serve as the Chief Financial Officer"
# (AFC Gamma 8-K, 2023-03-20): "hereof" is the report, dated on its cover (Date of Report).
_HEREOF = re.compile(
    r"\b(?:[Ff]rom|[Aa]s\s+of|[Oo]n|[Ee]ffective(?:\s+as\s+of)?)\s+the\s+date\s+"
    r"(?:hereof|of\s+this\s+(?:[Cc]urrent\s+)?[Rr]eport)\b"
)
# Capitalized words that are never part of a person's name in these sentences.
_NOT_PERSON_WORDS = (
    "Chief Officer Executive Financial Operating Accounting Principal President Vice "
    "Senior Director Directors Board Company Corporation Treasurer Secretary Chairman Chair "
    "Committee Compensation Audit General Counsel Item On The Effective Also In As Upon "
    "Following Prior Registrant Inc Inc. LLC Corp. Corp Interim Acting Lead Independent "
    "Managing January February March April May June July August September October "
    "November December"
)
_NOT_PERSON = frozenset(_NOT_PERSON_WORDS.split())
# Letters beyond ASCII belong to names ("Cedric Prouvé", 0000909518-13-000083).
_UP, _LOW = "A-Z\u00c0-\u00de", "a-z\u00df-\u00ff"
_NAME_TOKEN = re.compile(
    rf"(?:Mr|Ms|Mrs|Dr)\.|[{_UP}][{_LOW}]+(?:[-'][{_UP}]?[{_LOW}]+)*(?:'s)?|[{_UP}]\."
)


def _people(text: str, ents: Entities) -> list[tuple[int, int, str]]:
    """Person names in ``text``: two to four capitalized tokens (initials allowed), not an
    organization, a title or a month; a possessive ``'s`` is dropped."""
    if _NAME_TOKEN.search(text) is None:
        return []  # no capitalized word (most lines of a long text)
    orgs: list[tuple[int, int, str]] | None = None  # read when a name is found
    found: list[tuple[int, int, str]] = []
    run: list[re.Match[str]] = []

    def close() -> None:
        nonlocal orgs
        words = [m for m in run if not m.group().endswith(".") or len(m.group()) == 2]
        if run and run[0].group() in ("Mr.", "Ms.", "Mrs.", "Dr."):
            words = run[1:]
        if len(words) >= 2 or (run and len(run) == 2 and run[0].group().endswith(".")):
            start, end = words[0].start(), words[-1].end()
            if orgs is None:
                orgs = mentions(text, ents)
            if not any(s < end and start < e for s, e, _ in orgs):
                found.append((start, end, text[start:end].removesuffix("'s")))
        run.clear()

    position = 0
    for m in _NAME_TOKEN.finditer(text):
        gap = text[position : m.start()]
        if run and (gap.strip() or m.group() in _NOT_PERSON or run[-1].group().endswith("'s")):
            close()
        if m.group() in _NOT_PERSON:
            position = m.end()
            continue
        run.append(m)
        position = m.end()
    close()
    return _shared_surname(text, found)


# "Messrs. John E. and John C. Feltl were appointed" (0000950124-00-004609): two people of one
# surname, printed once after the second.
_INITIAL_END = re.compile(r"\s[A-Z]\.$")


def _shared_surname(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    for i in range(len(found) - 1):
        start, end, name = found[i]
        nxt = found[i + 1]
        if _INITIAL_END.search(name) and text[end : nxt[0]] == " and " and len(nxt[2].split()) > 2:
            found[i] = (start, end, f"{name} {nxt[2].split()[-1]}")
    return found


def people_in(text: str, ents: Entities) -> list[tuple[int, int, str]]:
    """Person names in ``text`` (start, end, name as printed; see :func:`_people`)."""
    return _people(text, ents)


def resolve_person(printed: str, known: list[str]) -> str:
    """A printed name without its honorific, a surname alone resolved to the full name printed
    earlier ("Mr. Cedar" -> "Yoram Cedar")."""
    bare = printed.split(". ", 1)[-1] if printed[:3] in ("Mr.", "Ms.", "Dr.") else printed
    bare = bare.removeprefix("Mrs. ")
    return _resolve(bare, known)


def _group(kind: OfficerChangeKind) -> bool:
    """True for a start (appointed, elected), False for an end: one of each per person, since
    the sentences after the first retell it ("Mr. Kaufman ... will no longer serve")."""
    return kind in _TRANSITIVE


def _resolve(name: str, known: list[str]) -> str:
    """ "Mr. Hetzel" -> the full name printed earlier with that surname ("Mr. Van Dyke" ->
    "Peter Van Dyke"). A full name stays itself: "John C. Feltl" is not the "John E. Feltl"
    printed before (father and son, 0000950124-00-004609)."""
    return next((full for full in known if _same_person(name, full)), name)


def _same_person(name: str, full: str) -> bool:
    """ "Hetzel", "Van Dyke" end "Peter Van Dyke"; "Murray Goldman" is "Murray A. Goldman"
    (the middle parts it prints are the full name's); "John C. Feltl" is not "John E. Feltl"."""
    if full.endswith(" " + name):
        return True
    words, whole = name.split(), full.split()
    return (
        len(words) > 1
        and words[0] == whole[0]
        and words[-1] == whole[-1]
        and set(words[1:-1]) <= set(whole[1:-1])
    )


def find_officer_changes(
    sentences: Iterable[Sentence],
    ents: Entities,
    organization: str | None,
    report_date: dt.date | None = None,
) -> tuple[list[OfficerChange], list[ParseWarning]]:
    """The officer and director changes of Item 5.02 sentences, and the doubts met (a value
    after "as" that is not a title, a person's name that is not one); ``report_date`` (the
    cover's Date of Report) is the date "the date hereof" means."""
    changes: list[OfficerChange] = []
    doubts: list[ParseWarning] = []
    known: list[str] = []
    act_dates: dict[int, dt.date | None] = {}  # id(change) -> first date of its sentence
    for sentence in sentences:
        text = sentence.text
        people = _people(text, ents)
        known += [name for _, _, name in people if len(name.split()) > 1 and name not in known]
        if not text.rstrip().endswith((".", ";", ":")):
            continue  # a heading ("Appointment of X as CFO") repeats the sentence below it
        _carry_date(sentence, changes, act_dates)
        for pattern, kind in _KINDS:
            for verb in pattern.finditer(text):
                if _HEDGED.search(text[: verb.start()]):
                    continue  # "is expected to be appointed as a director of Worthington Steel"
                for change in _changes(
                    sentence, verb, kind, people, known, organization, ents, doubts
                ):
                    if change.effective_date is None and (hereof := _HEREOF.search(text)):
                        change.effective_date = report_date
                        change.spans["effective_date"] = sentence.span(*hereof.span())
                    first = DATE.search(text)
                    if first is not None:
                        act_dates[id(change)] = parse_date(first.group())
                    if verb.group().startswith("will") and all(
                        c.person.full != change.person.full or c.title != change.title
                        for c in changes
                    ):
                        changes.append(change)  # a post still to come: one of its own
                    else:
                        _merge(changes, change)
    return changes, list(dict.fromkeys(doubts))


def _merge(changes: list[OfficerChange], change: OfficerChange) -> None:
    same = next(
        (
            n
            for n, c in enumerate(changes)
            if c.person.full == change.person.full
            and _group(c.kind) == _group(change.kind)
            and c.role == change.role
        ),
        None,
    )
    if same is None or _another_post(changes[same], change):
        changes.append(change)
    elif _states_the_role_end(changes[same], change) or (
        changes[same].effective_date is None
        and change.effective_date is not None
        and (changes[same].title is None or change.title in (None, changes[same].title))
    ):
        changes[same] = change


# "His resignation will become effective on June 18, 2010" (Astrotech, 0000950123-10-058942),
# "Mr. Miller's retirement is effective immediately" (Horizon, 0000939057-08-000198): a later
# sentence dates the change the sentence before reported without a date.
_LATER_DATE = re.compile(
    r"^(?:His|Her|Their|The|(?:Mr|Ms|Mrs|Dr)\.\s+[A-Z][\w'-]+'s)\s+"
    r"(?P<noun>resignation|retirement|departure|appointment|election)s?\s+"
    r"(?:will\s+become|will\s+be|becomes|became|is|was|are|were)\s+effective\s+"
    rf"(?:as\s+of\s+|on\s+)?(?:(?P<date>{DATE.pattern})|(?P<now>immediately))"
)
_NOUN_KINDS = {
    "resignation": {OfficerChangeKind.RESIGNED},
    "retirement": {OfficerChangeKind.RETIRED},
    "departure": {OfficerChangeKind.DEPARTED, OfficerChangeKind.RESIGNED},
    "appointment": {OfficerChangeKind.APPOINTED},
    "election": {OfficerChangeKind.ELECTED},
}
# A change the text only expects or hopes for is not reported as one.
_HEDGED = re.compile(r"\b(?:is|are)\s+(?:expected|anticipated|likely)\s+to\s+be\s+$")


def _carry_date(
    sentence: Sentence, changes: list[OfficerChange], act_dates: dict[int, dt.date | None]
) -> None:
    m = _LATER_DATE.match(sentence.text)
    if m is None:
        return
    kinds = _NOUN_KINDS[m.group("noun")]
    undated = [c for c in changes if c.effective_date is None and c.kind in kinds]
    if not undated:
        return
    last = undated[-1]
    # "immediately": the day of the act, the date its own sentence gives
    day = parse_date(m.group("date")) if m.group("date") else act_dates.get(id(last))
    if day is None:
        return
    for change in undated:
        if change.person.full == last.person.full:
            change.effective_date = day
            change.spans["effective_date"] = sentence.span(m.start(), m.end())


def _another_post(first: OfficerChange, later: OfficerChange) -> bool:
    """True when ``later`` is a second post of the person: another title ("as the principal
    accounting officer" and "joined ... as Vice President, Chief Accounting Officer", NetApp
    0001564590-21-004336), or the same words from another date ("Executive Vice President and
    Chief Financial Officer-Elect ... effective July 17, 2023, and Executive Vice President and
    Chief Financial Officer ... effective August 1, 2023", FedEx 0001193125-23-188128)."""
    if first.title is None or later.title is None or first.title == later.title:
        return False
    if later.kind not in _TRANSITIVE or later.effective_date is None:
        return False  # a biography's past post ("was appointed Treasurer ... in January 2000")
    return first.effective_date is None or later.effective_date != first.effective_date


def _states_the_role_end(first: OfficerChange, later: OfficerChange) -> bool:
    """True when ``later`` says when the role itself ends and ``first`` only when the
    employment does: "Kaufman's employment as the CFO ... will terminate effective April 17,
    2023"; "From the date hereof ..., Mr. Kaufman ... will no longer serve as the CFO" (AFC
    Gamma 8-K, 2023-03-20). The role ends on the later one's date; the same title is kept."""
    return (
        first.kind is OfficerChangeKind.TERMINATED
        and later.kind is OfficerChangeKind.DEPARTED
        and later.effective_date is not None
        and (later.title is None or first.title is None or later.title == first.title)
    )


# "Doug Petno, 61, and Troy Rohrbaugh, 56," (0000019617-26-000241): an age may follow a name
_LIST_SEP = re.compile(r"(?:,\s*(?:age\s+)?\d{2})?(?:,\s*(?:and\s+)?|\s+and\s+)")


def _changes(  # noqa: PLR0917 - one call site; the parts of a sentence it reads
    sentence: Sentence,
    verb: re.Match[str],
    kind: OfficerChangeKind,
    people: list[tuple[int, int, str]],
    known: list[str],
    organization: str | None,
    ents: Entities,
    doubts: list[ParseWarning],
) -> list[OfficerChange]:
    """The changes one verb reports: one per person of the list it applies to ("the Board
    appointed B. Andrew Rose, Billy R. Vickers, Paul G. Heller and Virgil L. Winland";
    "each of Carl A. Nelson, Mary Schiavo and Sidney A. Ribeau notified ... of their intention
    to resign", Worthington 0000950170-23-062135)."""
    text = sentence.text
    before = [p for p in people if p[1] <= verb.start()]
    after = [p for p in people if p[0] >= verb.end() and p[0] - verb.end() < 60]
    of_after = after and re.fullmatch(r"\s+of\s+", text[verb.end() : after[0][0]])
    passive = _PASSIVE.search(text[: verb.start()])
    group: list[tuple[int, int, str]] = []
    intransitive = verb.group().startswith(("joined", "his", "her", "their", "will"))
    if (kind in _TRANSITIVE and not passive and not intransitive) or of_after:
        if after:
            group = [after[0]]
            rest = [p for p in people if p[0] > after[0][0]]
            for p in rest:
                if not _LIST_SEP.fullmatch(text[group[-1][1] : p[0]]):
                    break
                group.append(p)
    elif before:
        group = [before[-1]]
        for p in reversed(before[:-1]):
            if not _LIST_SEP.fullmatch(text[p[1] : group[0][0]]):
                break
            group.insert(0, p)
    found: list[OfficerChange] = []
    for person in group:
        found += _change(sentence, verb, kind, person, group, known, organization, ents, doubts)
    return found


_DIRECT_TITLE = re.compile(
    r",?\s+(?:the\s+)?(?:sole\s+)?(?=(?:Senior|Executive|Chief|Vice|President|Chairman|Chair"
    r"|Treasurer|Secretary|General\s+Counsel|Principal|Co-|CEO|CFO|COO)\b)"
)
_CURRENT_POST = re.compile(
    r",\s+(?:the\s+|our\s+|its\s+)?(?:current|then-current|incumbent)\s+(?P<title>[^,;()]{2,80}),"
)
_THEN_POST = re.compile(
    rf",\s+and\s+(?:as\s+)?(?P<title>{_TITLE_WORD}(?:{_TITLE_NEXT}{_TITLE_WORD})*)"
    r"(?:\s+of\s+the\s+[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})?\s+effective\s+"
    rf"(?:as\s+of\s+|on\s+)?(?P<date>{DATE.pattern})"
)
_ON_DATE = re.compile(rf"\s+(?:on|as\s+of)\s+({DATE.pattern})")
_LEADING_DATE = re.compile(rf"^\s*(?:\([a-z]\)\s*)?On\s+({DATE.pattern}),")
_JOINED = re.compile(r"\bjoined\s+(?:the\s+)?(?:Company|Registrant|Firm)\b")


def _change(  # noqa: PLR0917 - one call site; the parts of a sentence it reads
    sentence: Sentence,
    verb: re.Match[str],
    kind: OfficerChangeKind,
    person: tuple[int, int, str],
    group: list[tuple[int, int, str]],
    known: list[str],
    organization: str | None,
    ents: Entities,
    doubts: list[ParseWarning],
) -> list[OfficerChange]:
    text = sentence.text
    start, end, printed = person
    last_end = group[-1][1] if group else end
    # The title after the verb ("was appointed as Chairman") wins over one after the name
    # ("Brett Kaufman's employment as the Chief Financial Officer ... will terminate").
    title_match, title = _title(text, max(last_end, verb.end()), ents, doubts)
    if title_match is None:
        title_match, title = _title(text, end, ents, doubts)
    if title_match is None and kind not in _TRANSITIVE:
        # "Marianne Lake, current CEO of CCB, has decided to retire" (0000019617-26-000241):
        # the post that ends is the one the appositive names.
        appositive = _CURRENT_POST.match(text, end)
        if appositive is not None and appositive.end() <= verb.start():
            probe = _TITLE.match("as " + appositive.group("title"))
            candidate = probe.group("title").strip() if probe else ""
            if candidate == appositive.group("title") and doubtful_title(candidate) is None:
                title = candidate
    direct = _DIRECT_TITLE.match(text, last_end) if kind in _TRANSITIVE else None
    if verb.group().startswith("will"):
        direct = _DIRECT_TITLE.match(text, verb.end())
    elif direct is None and kind in _TRANSITIVE and _PASSIVE.search(text[: verb.start()]):
        # "Doug Petno ... and Troy Rohrbaugh ... have been elected Co-Presidents of the Firm"
        direct = _DIRECT_TITLE.match(text, verb.end())
    if (direct is not None and title_match is None) or (
        direct is not None and title_match is not None and title_match.start() > direct.end() + 5
    ):
        # "appointed Christine M. McCarthy Senior Executive Vice President and Chief Financial
        # Officer" (Disney, 0001001039-15-000176): the title right after the name, no "as".
        probe = _TITLE.match("as " + text[direct.end() :])
        if probe is not None:
            candidate = _trim_title(probe.group("title").strip(), text, direct.end(), ents)
            candidate = re.sub(r"(?:\s+(?:and|of|&))+$", "", candidate)
            if doubtful_title(candidate) is None:
                title, title_match = candidate, None
    if title and len(group) > 1:
        title = _singular(title)  # "have been elected Co-Presidents": each a Co-President
    board = _TO_BOARD.search(text, verb.end())
    if title and _DIRECTOR_TITLE.fullmatch(title):
        role = "director"
    elif title:
        role = "officer"
    elif board or re.search(r"\bas\s+(?:a\s+)?directors?\b", text[verb.end() :]):
        role = "director"
    else:
        return []
    if (
        role == "director"
        and board is not None
        and _board_elsewhere(text, board, ents, organization)
    ):
        return []
    full = _resolve(
        printed.split(". ", 1)[-1] if printed[:3] in ("Mr.", "Ms.", "Dr.") else printed, known
    )
    if (reason := doubtful_person_name(full)) is not None:
        doubts.append(
            ParseWarning(
                code="doubtful_name",
                message=f"{full!r} is not a person's name ({reason}): change left out",
                span=sentence.span(start, end),
            )
        )
        return []
    name = parse_person_name(full, sentence.span(start, end)) or PersonName(full=full)
    effective = _EFFECTIVE.search(text, verb.start())
    day = None
    if effective and effective.group("date"):
        day = parse_date(effective.group("date"))
    elif effective:
        first = DATE.search(text)
        day = parse_date(first.group()) if first else None
    elif on := _ON_DATE.match(text, verb.end()):
        day = parse_date(on.group(1))  # "will step down on December 31, 2011"
    elif (
        kind in _TRANSITIVE
        and verb.group().endswith("ed")
        and (lead := _LEADING_DATE.match(text))
        and not re.search(r"\b(?:announc|propos|nominat|expect|will|intend)", text[: verb.start()])
        and not re.search(r"\b(?:effective|commencing)\s+upon\b", text)
    ):
        # "On February 4, 2021, ... the Board ... appointed Carrie Palin as a member of the
        # Board" (NetApp, 0001564590-21-004336): the act, done that day, with no other date.
        day = parse_date(lead.group(1))
    change = OfficerChange(
        person=name,
        kind=kind,
        role="director" if role == "director" else "officer",
        title=title,
        effective_date=day,
        organization=organization,
        spans={
            "person": sentence.span(start, end),
            "kind": sentence.span(verb.start(), verb.end()),
        },
    )
    if title_match:
        change.spans["title"] = sentence.span(*title_match.span("title"))
    if effective:
        change.spans["effective_date"] = sentence.span(*effective.span())
    found = [change]
    then = _THEN_POST.match(text, effective.end()) if effective and role == "officer" else None
    if then is not None:
        # "as Executive Vice President and Chief Financial Officer-Elect of FedEx effective
        # July 17, 2023, and Executive Vice President and Chief Financial Officer of FedEx
        # effective August 1, 2023" (0001193125-23-188128): a second post from a later day.
        later = _trim_title(then.group("title").strip(), text, then.start("title"), ents)
        later = re.sub(r"(?:\s+(?:and|of|&))+$", "", later)
        if doubtful_title(later) is None and later != title:
            found.append(
                change.model_copy(
                    update={
                        "title": later,
                        "effective_date": parse_date(then.group("date")),
                        "spans": {
                            **change.spans,
                            "title": sentence.span(*then.span("title")),
                            "effective_date": sentence.span(*then.span("date")),
                        },
                    }
                )
            )
    if (
        role == "officer"
        and board
        and board.start() < (title_match.start() if title_match else len(text))
    ):
        # "resign from the Board of Directors of Astrotech and as the Chief Executive Officer
        # of Astrotech Space Operations" (0000950123-10-058942): two posts end.
        found.insert(0, change.model_copy(update={"role": "director", "title": None}))
    return found


_PLURAL_POST = re.compile(
    r"\b(President|Officer|Director|Treasurer|Controller|Manager|CEO|Chair|Partner|Counsel)s\b"
    r"|\b(Secretar)ies\b|\b(Chair)men\b"
)


def _board_elsewhere(
    text: str, board: re.Match[str], ents: Entities, organization: str | None
) -> bool:
    """ "appointed to the Board of Directors of Osprey Capital, Inc.": the board of another
    organization than the registrant, no change of its own directors."""
    of = re.match(r"(?:\s+of\s+Directors)?\s+of\s+", text[board.end() :])
    if of is None:
        return False
    at = board.end() + of.end()
    named = mentions(text[at : at + 200], ents)
    if not named or named[0][0] != 0:
        return False
    org = ents.org(named[0][2])
    own = org is not None and org.is_registrant
    return not own and company_key(named[0][2]) != company_key(organization)


def _singular(title: str) -> str:
    """ "Co-Presidents" -> "Co-President": the post each of a group of people holds."""
    return _PLURAL_POST.sub(
        lambda m: m.group(1) or (m.group(2) + "y" if m.group(2) else m.group(3) + "man"), title
    )


def _title(
    text: str, at: int, ents: Entities, doubts: list[ParseWarning]
) -> tuple[re.Match[str] | None, str | None]:
    """The first title after ``at`` that reads as one: "resigned ... attached as Exhibit 17.1"
    is an exhibit reference, not a title; it is passed over with a ``doubtful_title`` note."""
    for match in _TITLE.finditer(text, at):
        title = _trim_title(match.group("title").strip(), text, match.start("title"), ents)
        # The pattern's own "and" may trail ("as CFO and Treasurer and the Manager ...").
        title = re.sub(r"(?:\s+(?:and|of|&))+$", "", title)
        reason = doubtful_title(title)
        if reason is None:
            return match, title
        doubts.append(
            ParseWarning(
                code="doubtful_title",
                message=f"{title!r} after 'as' is not a title ({reason}): not used",
            )
        )
    return None, None


def _trim_title(title: str, text: str, at: int, ents: Entities) -> str:
    """Drop the company from "Chief Financial Officer and Treasurer of AFC Gamma, Inc."."""
    for m in re.finditer(r"\s+of\s+", title):
        rest = text[at + m.end() : at + m.end() + 160]
        named = mentions(rest, ents)
        if re.match(r"(?:the\s+)?(?:Company|Registrant)\b", rest):
            return title[: m.start()]
        if named and named[0][0] == 0:
            org = ents.org(named[0][2])
            printed = rest[: named[0][1]]
            # "CEO of the CIB" (a defined term for a unit of JPMorgan, 0000019617-26-000241)
            # stays whole; "Treasurer of AFC Gamma, Inc." and "CFO of FedEx" (the registrant)
            # name the company the post is at
            if (org is not None and org.is_registrant) or org_names(printed):
                return title[: m.start()]
    return title


_PARTY_TO = re.compile(r"\b(?:is|are|became|becomes|will\s+be)\s+(?:a\s+)?part(?:y|ies)\s+to\s+")
_ENTERED_INTO = re.compile(r"\b(?:has\s+|have\s+|had\s+)?entered\s+into\s+")


def find_agreement_people(sentences: Iterable[Sentence], ents: Entities) -> None:
    """Add to ``ents``' agreements the people the sentences make parties of them: "Mr. Hetzel
    is party to an employment agreement with the Manager" (AFC Gamma 8-K, 2023-03-20), "Jane
    Roe entered into an employment agreement"; a surname alone takes the full name printed
    earlier ("Brandon Hetzel")."""
    known: list[str] = []
    for sentence in sentences:
        text = sentence.text
        people = _people(text, ents)
        known += [name for _, _, name in people if len(name.split()) > 1 and name not in known]
        if not people or ("part" not in text and "entered" not in text):
            continue  # no person, or neither verb (cheap tests before the patterns)
        for verb in (*_PARTY_TO.finditer(text), *_ENTERED_INTO.finditer(text)):
            before = [p for p in people if p[1] <= verb.start()]
            named = agreements_in(text[verb.end() :], ents)
            # The person is the subject right before the verb, the agreement right after it.
            if not before or not named or named[0][0] > 20:
                continue
            start, end, printed = before[-1]
            if text[end : verb.start()].strip(" ,"):
                continue
            agreement = named[0][2]
            full = _resolve(printed, known)
            if doubtful_person_name(full) is not None:
                continue
            name = parse_person_name(full, sentence.span(start, end)) or PersonName(full=full)
            if all(p.full != name.full for p in agreement.people):
                agreement.people.append(name)
