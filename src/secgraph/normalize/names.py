"""Names of people and companies as filings print them, and keys to compare them.

Two name orders meet in SEC filings. Forms 3/4/5 and EDGAR headers print a reporting person in
the SEC's *conformed* order, ``LAST FIRST MIDDLE`` without a comma (``PANORA ROBERT A``,
``Hatsopoulos John N``), while signatures and prose use natural order (``Robert A. Panora``).
Parsing is delegated to ``nameparser``; this module only decides the order, keeps the parts
as printed (case and punctuation untouched) and builds comparison keys.

Public API (the entity-resolution code relies on it):

* :func:`parse_person_name` - natural order (``First Middle Last``, or ``Last, First``).
* :func:`parse_sec_name` - SEC conformed order (``LAST FIRST MIDDLE``).
* :func:`name_key` - ``"last|first|m"``: casefolded, punctuation-free, middle initial only.
* :func:`looks_like_organization` - True for ``Mithril II GP LP``, ``Founders Fund``...
* :func:`company_key` - ``"tecogen"`` for ``TECOGEN INC.``, ``Tecogen Inc.`` and ``Tecogen``.
* :func:`doubtful_company_name` - why a string read where a company's name belongs is not one.
* :func:`doubtful_person_name` - why a string read where a person's name belongs is not one.
* :func:`names_agree` - ``Roelof F. Botha`` and ``BOTHA ROELOF FREDERIK``, in any order.

None of them raises on odd input; blank input gives ``None`` (parsers) or ``""`` (keys).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from cleanco import basename
from nameparser import HumanName, Lexicon
from nameparser.config import CONSTANTS

from secgraph.models import PersonName, Span

__all__ = [
    "company_key",
    "doubtful_company_name",
    "doubtful_person_name",
    "looks_like_organization",
    "name_key",
    "names_agree",
    "parse_person_name",
    "parse_sec_name",
]

_SPACES = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _part(value: str) -> str | None:
    return value or None


def _from_human(full: str, human: HumanName, span: Span | None) -> PersonName:
    spans = {"full": span} if span is not None else {}
    return PersonName(
        full=full,
        first=_part(human.first),
        middle=_part(human.middle),
        last=_part(human.last),
        suffix=_part(human.suffix),
        spans=spans,
    )


def parse_person_name(text: str | None, span: Span | None = None) -> PersonName | None:
    """Parse a name in natural order: ``Robert A. Panora`` -> first Robert, middle A., last
    Panora. ``Panora, Robert A.`` (comma) is understood too. Blank text gives None."""
    if text is None or not _squash(text):
        return None
    full = _squash(text)
    return _from_human(full, HumanName(full), span)


# The fast path of parse_sec_name. nameparser costs a fifth to half a millisecond per name, and
# most conformed names are plain "LAST FIRST [MIDDLE...]": words of ASCII letters that none of
# nameparser's rules can claim. For those its answer is positional, and given here without it.
# A word its vocabulary knows (titles, suffixes such as JR or ESQ, particles, conjunctions,
# bound given names, maiden markers...) or a roman numeral or "PH"/"D" shape (its suffix
# patterns) goes to nameparser; so, to stay clear of its rules on case (capitals in a
# mixed-case name can read as a credential), does a name neither in one case nor title case.
# tests/test_names_fast_path.py proves the two agree, on every owner name of tests/corpus and
# on generated names. (HumanName reads the same default vocabulary; nothing here changes it.)
_LEXICON = Lexicon.default()
_NAMEPARSER_WORDS = frozenset(
    piece
    for entries in (getattr(_LEXICON, f.name) for f in dataclasses.fields(_LEXICON))
    if isinstance(entries, frozenset)
    for entry in entries
    for piece in entry.split()
)
_NAMEPARSER_SHAPES = re.compile(r"x|ix|iv|v?i{0,3}|ph|d")  # its ROMAN, PH and D patterns
_TRAILING_INITIALS = frozenset({"d", "e"})


def _plain_sec_name(tokens: list[str]) -> bool:
    """True when nameparser would read ``LAST, FIRST MIDDLE...`` by position alone."""
    last = len(tokens) - 1
    for i, token in enumerate(tokens):
        if not (token.isascii() and token.isalpha()):
            return False
        folded = token.lower()
        # A trailing middle initial D or E ("BUFFETT WARREN E") is read as an initial
        # although "e" is a conjunction and "d" the D of "Ph D".
        if (folded in _NAMEPARSER_WORDS or _NAMEPARSER_SHAPES.fullmatch(folded)) and not (
            i == last and i >= 2 and folded in _TRAILING_INITIALS
        ):
            return False
    if all(token.istitle() for token in tokens):
        return True
    one_case = " ".join(tokens)
    return one_case.isupper() or one_case.islower()


def parse_sec_name(text: str | None, span: Span | None = None) -> PersonName | None:
    """Parse a name in the SEC's conformed order ``LAST FIRST MIDDLE [SUFFIX]``.

    ``PANORA ROBERT A`` -> last PANORA, first ROBERT, middle A. Surname particles stay with
    the surname (``VAN DER BERG JOHN`` -> last ``VAN DER BERG``). A name that already has a
    comma is read as ``Last, First Middle``. ``full`` keeps the text as printed.
    """
    if text is None or not _squash(text):
        return None
    full = _squash(text)
    if "," in full:
        return _from_human(full, HumanName(full), span)
    tokens = full.split(" ")
    if len(tokens) == 1:
        return PersonName(full=full, last=full, spans={"full": span} if span else {})
    if _plain_sec_name(tokens):
        return PersonName(
            full=full,
            first=tokens[1],
            middle=" ".join(tokens[2:]) or None,
            last=tokens[0],
            suffix=None,
            spans={"full": span} if span is not None else {},
        )
    # Particles (van, de, al-...) belong to the surname that follows them.
    cut = 0
    while cut < len(tokens) - 2 and tokens[cut].lower() in CONSTANTS.prefixes:
        cut += 1
    last = " ".join(tokens[: cut + 1])
    rest = " ".join(tokens[cut + 1 :])
    human = HumanName(f"{last}, {rest}")
    return _from_human(full, human, span)


def _key_part(text: str | None) -> str:
    if not text:
        return ""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z]+", "", folded)


def name_key(name: PersonName) -> str:
    """A comparison key ``"last|first|m"``: casefolded, accents and punctuation removed, the
    middle name reduced to its initial. ``PANORA ROBERT A`` (SEC order) and ``Robert A.
    Panora`` (natural order) both give ``"panora|robert|a"``. A name whose parts are unknown
    (only ``full``) is parsed in natural order first."""
    if name.last is None and name.first is None and name.full:
        parsed = parse_person_name(name.full)
        if parsed is not None:
            name = parsed
    middle = _key_part(name.middle)[:1]
    return f"{_key_part(name.last)}|{_key_part(name.first)}|{middle}"


# Words that mark a legal entity or a pooled vehicle rather than a person. Matched as whole
# tokens, case-insensitively, after dots are removed (so "L.P." matches "LP").
_ORG_WORDS = """
    llc lp llp lllp ltd limited inc incorporated corp corporation co company plc pte
    sa ag nv bv gmbh sarl spa kg kgaa asa
    trust trustee trustees fund funds capital partners partnership holdings holding group
    management advisors advisers investments investment ventures venture foundation bank
    associates securities equity sponsor gp ugp endowment estate university
"""
_ORG_TOKENS = frozenset(_ORG_WORDS.split())
_TOKEN = re.compile(r"[A-Za-z0-9&]+")


def looks_like_organization(name: str | None) -> bool:
    """True when a name carries a word that persons' names do not: a legal form (LLC, LP,
    Inc., Ltd, plc...) or a vehicle word (Trust, Fund, Capital, Partners, Holdings...).

    ``Mithril II GP LP``, ``Founders Fund``, ``SOFTBANK GROUP CORP.`` -> True;
    ``PANORA ROBERT A``, ``Musk Elon`` -> False. A heuristic: a person whose surname is
    ``Trust`` would be misread, so callers keep it as a hint, not a fact.
    """
    if not name:
        return False
    tokens = {t.casefold() for t in _TOKEN.findall(name.replace(".", ""))}
    return bool(tokens & _ORG_TOKENS)


# EDGAR conformed names end with a state or country tag: "PRODUCTIVITY TECHNOLOGIES CORP /DE",
# "BROOKFIELD Corp /ON/". It is not part of the name.
_EDGAR_STATE_TAG = re.compile(r"\s*/[A-Za-z]{2,3}/?\s*$")
_PARENTHETICAL = re.compile(r"\([^)]*\)")


def company_key(name: str | None) -> str:
    """A comparison key for a company name: legal-form suffixes removed (``cleanco``), EDGAR
    state tags (``/DE``) and parentheticals dropped, ``&`` read as ``and``, casefolded,
    punctuation removed, spaces collapsed.

    ``TECOGEN INC.``, ``Tecogen Inc.`` and ``Tecogen`` -> ``"tecogen"``;
    ``Tesla, Inc.`` -> ``"tesla"``; ``AT&T INC.`` -> ``"at and t"``. Vehicle words such as
    ``Holdings`` or ``Partners`` are kept: they tell different entities apart. A name made
    only of a suffix (``Company``) keeps it rather than becoming empty.
    """
    if not name:
        return ""
    text = _EDGAR_STATE_TAG.sub("", _squash(name))
    text = _squash(_PARENTHETICAL.sub(" ", text)) or text
    # One pass only: a second would turn "Mithril II GP LP" (the general partner) into the
    # key of "Mithril II LP" (the fund), two different filers.
    text = basename(text).strip(" ,.") or text
    folded = unicodedata.normalize("NFKD", text.casefold().replace("&", " and "))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    key = _squash(re.sub(r"[^0-9a-z]+", " ", folded))
    return key.removeprefix("the ") if key != "the" else key


# What a person's name never holds: signature marks, capacities, references, labels.
_NOT_NAME: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), reason)
    for pattern, reason in (
        (r"/s/|\bby\s*:|\bby\s+[A-Z]", "a signature mark"),
        (r"\battorney|\batty\b|\bpower\s+of\b|\bon\s+behalf\b|\bunder\b", "a capacity"),
        (r"\b(?:its|their)\s+(?:general\s+partner|manager|member)", "a capacity"),
        (r"\b(?:see|exhibit|signatures?|included|reporting\s+person|hereunder)\b", "a reference"),
        (r"^(?:name|title|by|date|director|officer|president|secretary|treasurer)$", "a label"),
        (r"\d", "digits"),
        (r"[:;()]", "punctuation names do not hold"),
    )
)


def doubtful_person_name(text: str | None) -> str | None:
    """Why ``text`` is not a person's name (``"a signature mark"``), or None when it reads as
    one: a signature string (``Mithril II LP By: ...``), a capacity (``Justin V. Laubach, under``),
    a company (``SoftBank Group Corp.``), a reference (``See Signatures Included in Exhibit
    99.2``), a label, a single word."""
    if text is None:
        return None
    value = " ".join(text.split())
    if not re.search(r"[^\W\d_]{2}", value):
        return "no name"
    for pattern, reason in _NOT_NAME:
        if pattern.search(value):
            return reason
    if looks_like_organization(value):
        return "an organization's name"
    words = value.replace(",", " ").split()
    if len(words) < 2:
        return "a single word"
    if len(words) > 6:
        return "too many words for a name"
    if value == value.lower():
        return "no capital letter"
    return None


_WORD = re.compile(r"[^\W\d_]+")


def _words(text: str) -> tuple[set[str], set[str]]:
    """Full words and initials of a name, casefolded and without accents."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = set(_WORD.findall(folded))
    return {w for w in words if len(w) > 1}, {w for w in words if len(w) == 1}


def names_agree(a: str, b: str) -> bool:
    """True when two printings of a person's name, in any order, can only be one name: at
    least two full words in common, and no full word of one side that the other contradicts
    (a word it lacks whose initial it does not print either, while it has a word of its own).

    ``Roelof F. Botha`` ~ ``BOTHA ROELOF FREDERIK``; ``Reid G. Hoffman`` ~ ``HOFFMAN REID``;
    ``John Michael Smith`` !~ ``John Robert Smith``; ``J. Smith`` !~ ``John Smith`` (a surname
    and an initial are not enough); a name that reads as an organization's agrees with none.
    """
    if looks_like_organization(a) or looks_like_organization(b):
        return False  # "the Reid Hoffman and Michelle Yee Living Trust" is not Reid Hoffman
    full_a, initials_a = _words(a)
    full_b, initials_b = _words(b)
    if len(full_a & full_b) < 2:
        return False
    extra_a = {w for w in full_a - full_b if w[0] not in initials_b}
    extra_b = {w for w in full_b - full_a if w[0] not in initials_a}
    return not (extra_a and extra_b)


def doubtful_company_name(text: str | None) -> str | None:
    """Why ``text`` is not a company's name, or None when it reads as one: a rule of dashes
    under a cover-page name (Aames Capital Corp's 8-K, 0001011438-98-000429), a legal form
    alone (``CORPORATION``), a label (``(Registrant)``)."""
    if text is None:
        return None
    value = " ".join(text.split())
    if not re.search(r"[^\W\d_]{2}", value):
        return "no words"
    if re.fullmatch(r"\(?\s*(?:exact\s+name\s+of\s+)?registrant.*\)?", value, re.IGNORECASE):
        return "a label"
    if not re.search(r"[^\W\d_]{2}", basename(value) or ""):
        return "a legal form alone"
    return None
