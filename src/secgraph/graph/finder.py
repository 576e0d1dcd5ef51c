"""The entity finder: a name, CIK or ticker -> resolved entities, through the store's indexes.

At build time :func:`with_search_keys` adds ``sg:searchKey`` literals on every canonical
entity to the resolution graph; at query time :func:`find_entities` looks those literals up,
so the store answers with its (predicate, object) index, never a scan of the names::

    find_entities(store, "Robert A. Panora")  # -> [EntityMatch(iri, "Robert A Panora", ...)]
    find_entities(store, "1537435")            # a CIK, leading zeros optional
    find_entities(store, "tgen")               # a ticker, any case

Keys are strings ``kind:value`` over folded text (casefolded, accents stripped, runs of
other characters split words): ``name:`` the sorted words of a whole name (``PANORA ROBERT A``
and ``Robert A. Panora`` are both ``name:a panora robert``), ``token:`` each word of two
characters or more, ``prefix:`` its first 3 letters (autocomplete, and the candidates of a
fuzzy search), ``cik:``, ``ticker:`` and ``kind:`` (person, company, organization, or entity
when no filing says which). On 10,500 synthetic filings (18,471 entities) they are 167k quads
beside the resolution graph's 192k (4.4% of the 3.8M-quad store); prefixes of 3 to 6 letters would
have cost 162k more for the prefix keys alone.

Matches rank exact (CIK, ticker, whole name) > every word as a word > the last word as a
prefix > fuzzy (candidates sharing a word's first letters, scored with rapidfuzz);
fuzzy matches are offered only when nothing else matched: they are suggestions.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

import pyoxigraph as ox

from secgraph.graph.vocab import ID_NS, SG, SG_NS
from secgraph.store.base import Dataset

if TYPE_CHECKING:  # the query side never needs the resolver (nor its pydantic models)
    from secgraph.graph.judge import Mention

#: The resolution graph (``secgraph.graph.iris.RESOLUTION_GRAPH``, which imports the models).
RESOLUTION_GRAPH = ox.NamedNode(ID_NS + "graph/resolution")

__all__ = [
    "EntityMatch",
    "How",
    "QueryStore",
    "Store",
    "denoted",
    "find_entities",
    "search_keys",
    "with_search_keys",
]

How = Literal["cik", "ticker", "exact", "token", "prefix", "fuzzy"]
_RANK: dict[str, int] = {"cik": 0, "ticker": 0, "exact": 0, "token": 1, "prefix": 2, "fuzzy": 3}
_WORD = re.compile(r"[a-z0-9]+")
_TICKER = re.compile(r"^[A-Za-z][A-Za-z.\-]{0,5}$")
PREFIX = 3
#: Fuzzy search: at most this many candidates are scored, and a score below this is dropped.
FUZZY_CANDIDATES, FUZZY_MIN = 200, 0.6
_KIND_RANK = ("person", "company", "organization")


@dataclass(frozen=True)
class EntityMatch:
    """A resolved entity a text denotes: its canonical node, preferred name (None when no
    filing names it), kind, score (1.0 exact) and how it matched."""

    iri: str
    name: str | None
    kind: str
    score: float
    how: How

    def line(self) -> str:
        return f"{self.name or '(unnamed)'} ({self.kind})  {self.iri}"


def words(text: str) -> list[str]:
    """Folded words: ``Müller-Lüdenscheidt, Inc.`` -> ``muller``, ``ludenscheidt``, ``inc``."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return _WORD.findall("".join(c for c in folded if not unicodedata.combining(c)))


def name_keys(name: str) -> set[str]:
    """The keys of one printed name."""
    tokens = words(name)
    if not tokens:
        return set()
    keys = {"name:" + " ".join(sorted(tokens))}
    for token in tokens:
        if len(token) < 2:
            continue  # an initial: part of the whole name only
        keys.add("token:" + token)
        if len(token) >= PREFIX:
            keys.add("prefix:" + token[:PREFIX])
    return keys


def _kind(members: Iterable[Mention]) -> str:
    kinds = {k for m in members for k in m.kinds}
    return next((k for k in _KIND_RANK if k in kinds), "entity")


def search_keys(members: Iterable[Mention]) -> set[str]:
    """Every key of one resolved entity (the mentions of its cluster)."""
    members = list(members)
    keys = {"kind:" + _kind(members)}
    for m in members:
        for name in m.names:
            keys |= name_keys(name)
        if m.cik:
            keys.add("cik:" + m.cik)
        keys.update("ticker:" + t.casefold() for t in m.tickers)
    return keys


def with_search_keys(
    resolution: Iterable[ox.Quad], mentions: Mapping[str, Mention]
) -> Iterator[ox.Quad]:
    """The resolution graph's quads, then the search keys of every canonical entity (read
    from the ``sg:canonical`` quads as they pass)."""
    clusters: dict[str, list[Mention]] = defaultdict(list)
    canonical_p = SG.canonical
    for quad in resolution:
        subject, obj = quad.subject, quad.object
        if quad.predicate == canonical_p and isinstance(subject, ox.NamedNode):
            member = mentions.get(subject.value)
            if member is not None and isinstance(obj, ox.NamedNode):
                clusters[obj.value].append(member)
        yield quad
    key_p = SG.searchKey
    for iri in sorted(clusters):
        node = ox.NamedNode(iri)
        for key in sorted(search_keys(clusters[iri])):
            yield ox.Quad(node, key_p, ox.Literal(key), RESOLUTION_GRAPH)


# -- finding -----------------------------------------------------------------------------------


_HEAD = (
    f"PREFIX sg: <{SG_NS}>\nSELECT ?e ?name ?key WHERE {{\n  GRAPH <{RESOLUTION_GRAPH.value}> {{\n"
)
# Each candidate with its preferred name and its whole-name keys (to score it) and kind.
_TAIL = """
    OPTIONAL { ?e sg:preferredName ?name }
    ?e sg:searchKey ?key .
    FILTER(STRSTARTS(?key, "name:") || STRSTARTS(?key, "kind:"))
  }
}"""


def _values(variable: str, keys: Iterable[str]) -> str:
    # Keys are built here from folded words ([a-z0-9 :]) and written by pyoxigraph's own
    # term serializer: a user's text never reaches the query as typed.
    return f"    VALUES ?{variable} {{ {' '.join(str(ox.Literal(k)) for k in keys)} }}\n"


Term = ox.NamedNode | ox.BlankNode | ox.Literal


class QueryStore(Protocol):
    """What the finder and the named queries need besides a pyoxigraph Store (or a server's
    stand-in for one, :class:`~secgraph.store.base.Dataset`): secgraph's GraphStore."""

    def query(self, sparql: str, params: Mapping[str, Term] | None = None) -> object: ...


Store = Dataset | QueryStore


def _select(store: Store, sparql: str) -> list[tuple[str, str | None, str]]:
    result = store.query(sparql) if isinstance(store, Dataset) else store.query(sparql, None)
    assert isinstance(result, ox.QuerySolutions)
    rows = []
    for s in result:
        e, name, key = s["e"], s["name"], s["key"]
        assert e is not None and key is not None
        rows.append((e.value, name.value if name is not None else None, key.value))
    return rows


@dataclass
class _Candidate:
    iri: str
    name: str | None = None
    kind: str = "entity"
    names: tuple[str, ...] = ()


def _candidates(store: Store, pattern: str) -> dict[str, _Candidate]:
    found: dict[str, _Candidate] = {}
    names: dict[str, list[str]] = defaultdict(list)
    for iri, name, key in _select(store, _HEAD + pattern + _TAIL):
        c = found.setdefault(iri, _Candidate(iri, name))
        kind, _, value = key.partition(":")
        if kind == "kind":
            c.kind = value
        else:
            names[iri].append(value)
    for iri, c in found.items():
        c.names = tuple(sorted(names[iri]))
    return found


def _all_of(keys: list[str]) -> str:
    """Entities holding every key (the store joins the keys' postings)."""
    return "".join(f"    ?e sg:searchKey {ox.Literal(k)} .\n" for k in keys)


def find_entities(store: Store, text: str, *, limit: int = 10) -> list[EntityMatch]:
    """The entities ``text`` denotes, best first: a CIK (any leading zeros), a ticker or a
    name (any order of its words, punctuation and case aside, last word possibly cut short).
    Only the matches of the best kind are looked for and returned (exact, CIK and ticker;
    else every word; else a prefix), so a whole name costs no scan of a common word's
    entities. When nothing matches, up to ``limit`` close names (``how == "fuzzy"``).

    ``store`` is a :class:`~secgraph.store.GraphStore` or a :class:`pyoxigraph.Store`."""
    text = text.strip()
    tokens = words(text)
    if not tokens:
        return []
    query = " ".join(sorted(tokens))
    matches: dict[str, EntityMatch] = {}

    def add(found: Mapping[str, _Candidate], how: How) -> None:
        for c in found.values():
            if c.iri in matches:
                continue
            score = 1.0 if _RANK[how] == 0 else _score(query, c.names)
            matches[c.iri] = EntityMatch(c.iri, c.name, c.kind, score, how)

    cik = text.zfill(10) if text.isdigit() and len(text) <= 10 else None
    if cik is not None:
        add(_candidates(store, _all_of(["cik:" + cik])), "cik")
    if _TICKER.match(text):
        add(_candidates(store, _all_of(["ticker:" + text.casefold()])), "ticker")
    add(_candidates(store, _all_of(["name:" + query])), "exact")
    full = [t for t in tokens if len(t) >= 2]
    if full and not matches:
        add(_candidates(store, _all_of(["token:" + t for t in full])), "token")
    last = tokens[-1]
    if full and len(last) >= PREFIX and not matches:
        pattern = _all_of(["prefix:" + last[:PREFIX]] + ["token:" + t for t in full[:-1]])
        if len(last) > PREFIX:  # the entity's words that begin with the last one
            pattern += (
                "    ?e sg:searchKey ?word .\n"
                f"    FILTER(STRSTARTS(?word, {ox.Literal('token:' + last)}))\n"
            )
        add(_candidates(store, pattern), "prefix")
    if not matches:
        add(_fuzzy(store, full, query), "fuzzy")
        fuzzy = [m for m in matches.values() if m.score >= FUZZY_MIN]
        return sorted(fuzzy, key=_order)[:limit]
    return sorted(matches.values(), key=_order)[:limit]


def denoted(store: Store, text: str, *, limit: int = 10) -> list[EntityMatch]:
    """The entities ``text`` surely denotes: the matches of the best kind (exact, else every
    word, else a prefix; several when a name is shared); none when only fuzzy suggestions
    come back."""
    matches = [m for m in find_entities(store, text, limit=limit) if m.how != "fuzzy"]
    best = min((_RANK[m.how] for m in matches), default=None)
    return [m for m in matches if _RANK[m.how] == best]


def _order(m: EntityMatch) -> tuple[int, float, str, str]:
    return (_RANK[m.how], -m.score, (m.name or "").casefold(), m.iri)


def _score(query: str, names: Iterable[str]) -> float:
    """How close the query's words are to the closest of the entity's names (0..1)."""
    from rapidfuzz import fuzz  # noqa: PLC0415 - an exact name, CIK or ticker never needs it

    return max((fuzz.token_sort_ratio(query, n) / 100 for n in names), default=0.0)


def _fuzzy(store: Store, full: list[str], query: str) -> dict[str, _Candidate]:
    """Candidates sharing the first letters of words of the query, most shared first (at
    most FUZZY_CANDIDATES), to be scored by rapidfuzz."""
    keys = sorted({f"prefix:{t[:PREFIX]}" for t in full if len(t) >= PREFIX})
    if not keys:
        return {}
    pattern = (
        "    { SELECT ?e WHERE {\n"
        + _values("k", keys)
        + "      ?e sg:searchKey ?k .\n"
        + f"    }} GROUP BY ?e ORDER BY DESC(COUNT(?k)) ?e LIMIT {FUZZY_CANDIDATES} }}\n"
    )
    return _candidates(store, pattern)
