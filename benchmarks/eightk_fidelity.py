"""8-K fidelity: what secgraph reads from real 8-Ks against goldens read by hand.

Each golden (``tests/goldens/8k/<accession>.json``) lists the facts a careful reader takes
from one filing of ``tests/corpus/8k-items/``, each with the quote it comes from. This module
parses the filing with secgraph, turns both sides into atomic facts of a few kinds and counts,
per kind, facts that are right (in both), wrong (read by secgraph, not in the golden) and
missing (in the golden, not read). Recall is right / (right + missing); precision is
right / (right + wrong).

Fact kinds (keys compare names by :func:`person` / :func:`company` keys and titles by their
letters, so spelling and punctuation do not count):

``registrant`` the company's name; ``date_of_report`` the period (date of the earliest event);
``ticker``; ``former_name`` (entity, earlier name); ``signer`` and ``signer_title``;
``officer_change`` (person, start/end, director/officer); ``officer_title`` (person,
start/end, one title part); ``officer_date`` (person, start/end, effective date: a date the
golden leaves empty is wrong); ``agreement`` (one per agreement, matched by name, date, type
and parties); ``agreement_type``, ``agreement_date`` and ``agreement_party`` of matched
agreements; ``termination`` (agreement, date); ``subsidiary`` (child, parent);
``other_role`` (person, organization); ``acquisition`` (direction, target);
``acquisition_party`` (target, buyer or seller, name); ``acquisition_date`` (target, date);
``acquisition_price`` (target, the amounts of the consideration); ``obligation_party`` (lender
or agent, name: the lenders and agents of a financial obligation; trustees are agents).

Run: ``python benchmarks/eightk_fidelity.py [--out benchmarks/fidelity_8k.json]`` (``make
fidelity``). The test ``tests/test_eightk_fidelity.py`` uses :func:`score_filing` to pin
the facts secgraph already gets right.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLDENS = ROOT / "tests" / "goldens" / "8k"
CORPUS = ROOT / "tests" / "corpus" / "8k-items"

KINDS = (
    "registrant",
    "date_of_report",
    "ticker",
    "former_name",
    "signer",
    "signer_title",
    "officer_change",
    "officer_title",
    "officer_date",
    "agreement",
    "agreement_type",
    "agreement_date",
    "agreement_party",
    "termination",
    "subsidiary",
    "other_role",
    "acquisition",
    "acquisition_party",
    "acquisition_date",
    "acquisition_price",
    "obligation_party",
)
Fact = tuple[str, ...]

_HONORIFIC = {"mr", "mrs", "ms", "dr", "general", "ret", "messrs", "sir", "jr", "sr", "ii", "iii"}
_START_KINDS = {"appointed", "elected"}
_DIRECTOR_WORDS = re.compile(
    r"^(?:independent\s+|non-executive\s+)?(?:director|member\s+of\s+the\s+board"
    r"(?:\s+of\s+directors)?)$",
    re.IGNORECASE,
)


def person(name: str | None) -> str:
    """``Dr. Murray A. Goldman`` and ``Murray Goldman`` -> ``murray goldman``."""
    words = [w for w in re.findall(r"[a-z]+", (name or "").lower()) if w not in _HONORIFIC]
    words = [w for w in words if len(w) > 1] or words
    return f"{words[0]} {words[-1]}" if len(words) > 1 else "".join(words)


def company(name: str | None) -> str:
    from secgraph.normalize.names import company_key  # noqa: PLC0415

    # "The Prudential Insurance Company of America" and "Prudential Insurance Company of
    # America" are one name: a leading article is no part of it.
    return company_key(re.sub(r"^\s*the\s+", "", name or "", flags=re.IGNORECASE))


def party(name: str) -> str:
    """A party may be a person or an organization: compare by the organization key unless the
    name reads as a person's (no legal form)."""
    from secgraph.normalize.names import looks_like_organization  # noqa: PLC0415

    return f"org:{company(name)}" if looks_like_organization(name) else f"person:{person(name)}"


def amounts(text: str | None) -> str:
    """The amounts a price names, in order: "a payment of approximately $8.4 million in
    cash" and "approximately $8.4 million in cash" -> "$8.4 million"."""
    found = re.findall(
        r"\$\s?[\d.,]*\d(?:\s+(?:million|billion))?|[\d.,]*\d(?:\s+(?:million|billion))?\s+shares",
        text or "",
    )
    return "; ".join(" ".join(f.split()) for f in found)


def letters(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]", "", (text or "").lower())


def title_parts(title: str | None) -> set[str]:
    """``Executive Vice President and Chief Financial Officer (Principal ...)`` ->
    {"executivevicepresident", "chieffinancialofficer"}."""
    text = re.sub(r"\([^)]*\)", " ", title or "")
    text = text.replace("\u2013", "-").replace("\u2014", "-")
    parts = re.split(r",\s*|\s+and\s+|\s*&\s*|\s*;\s*", text)
    return {letters(p) for p in parts if letters(p)}


@dataclass
class Counts:
    right: set[Fact] = field(default_factory=set)
    wrong: set[Fact] = field(default_factory=set)
    missing: set[Fact] = field(default_factory=set)


@dataclass
class FilingScore:
    golden: str
    kinds: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    error: str | None = None

    def compare(self, kind: str, gold: Iterable[Fact], read: Iterable[Fact]) -> None:
        g, r = set(gold), set(read)
        c = self.kinds[kind]
        c.right |= g & r
        c.wrong |= r - g
        c.missing |= g - r


def load_goldens(folder: Path = GOLDENS) -> list[dict[str, Any]]:
    return [
        {"accession": p.stem, **json.loads(p.read_text(encoding="utf-8"))}
        for p in sorted(folder.glob("*.json"))
    ]


def _direction(kind: str) -> str:
    return "start" if kind in _START_KINDS else "end"


def _signers(score: FilingScore, golden: dict[str, Any], doc: Any) -> None:
    gold = golden.get("signers", [])
    score.compare(
        "signer",
        [(person(s["person"]),) for s in gold],
        [(person(s.name),) for s in doc.signatures if s.name],
    )
    accepted: dict[str, set[str]] = {}
    for s in gold:
        accepted.setdefault(person(s["person"]), set()).update(
            letters(re.sub(r"\([^)]*\)", "", t)) for t in [s["title"], *s.get("also_accepted", [])]
        )
    right, wrong = set(), set()
    for s in doc.signatures:
        if not s.name or not s.title:
            continue
        key = person(s.name)
        title = letters(re.sub(r"\([^)]*\)", "", s.title))
        (right if title in accepted.get(key, set()) else wrong).add((key, title))
    c = score.kinds["signer_title"]
    c.right |= right
    c.wrong |= wrong
    c.missing |= {(k,) for k in accepted if not any(r[0] == k for r in right)}


def _officers(score: FilingScore, golden: dict[str, Any], doc: Any) -> None:
    gold = golden.get("officer_changes", [])
    score.compare(
        "officer_change",
        [(person(c["person"]), c["direction"], c["role"]) for c in gold],
        [(person(c.person.full), _direction(c.kind), c.role) for c in doc.officer_changes],
    )
    gold_titles = {
        (person(c["person"]), c["direction"], part)
        for c in gold
        for t in c.get("titles", [])
        for part in title_parts(t)
    }
    read_titles = {
        (person(c.person.full), _direction(c.kind), part)
        for c in doc.officer_changes
        if c.title and not (c.role == "director" and _DIRECTOR_WORDS.match(c.title.strip()))
        for part in title_parts(c.title)
    }
    score.compare("officer_title", gold_titles, read_titles)
    gold_dates = {
        (person(c["person"]), c["direction"], c["effective_date"])
        for c in gold
        if c.get("effective_date")
    }
    read_dates = {
        (person(c.person.full), _direction(c.kind), c.effective_date.isoformat())
        for c in doc.officer_changes
        if c.effective_date
    }
    score.compare("officer_date", gold_dates, read_dates)


def _agreement_match(g: dict[str, Any], a: Any, registrant: str) -> int:
    """How well a read agreement fits a golden one (0: not the same agreement)."""
    name_g, name_a = letters(g["name"]), letters(a.name)
    dates = {g.get("date"), g.get("dated_as_of")} - {None}
    points = 0
    if name_g == name_a or (name_a and (name_a in name_g or name_g in name_a)):
        points += 2
    if a.date and a.date.isoformat() in dates:
        points += 2
    if str(a.type) == g["type"]:
        points += 1
    gold_parties = {party(p["name"]) for p in g.get("parties", [])} - {registrant}
    read_parties = _read_parties(a) - {registrant}
    points += len(gold_parties & read_parties)
    return points if points >= 2 else 0


def _read_parties(a: Any) -> set[str]:
    return {party(p) for p in a.parties} | {f"person:{person(p.full)}" for p in a.people if p.full}


def _agreements(score: FilingScore, golden: dict[str, Any], doc: Any) -> None:
    registrant = f"org:{company(golden['registrant']['name'])}"
    gold = list(enumerate(golden.get("agreements", [])))
    read = list(enumerate(doc.agreements))
    pairs = sorted(
        (
            (-_agreement_match(g, a, registrant), gi, ai)
            for gi, g in gold
            for ai, a in read
            if _agreement_match(g, a, registrant)
        ),
    )
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, ai in pairs:
        if gi not in matched and ai not in used:
            matched[gi] = ai
            used.add(ai)
    c = {
        k: score.kinds[k]
        for k in ("agreement", "agreement_type", "agreement_date", "agreement_party")
    }
    for gi, g in gold:
        tag = f"#{gi} {g['name']}"
        gold_parties = {party(p["name"]) for p in g.get("parties", [])}
        dates = {g.get("date"), g.get("dated_as_of")} - {None}
        if gi not in matched:
            c["agreement"].missing.add((tag,))
            c["agreement_type"].missing.add((tag, g["type"]))
            c["agreement_date"].missing |= {(tag, d) for d in dates if d == g.get("date")}
            c["agreement_party"].missing |= {(tag, p) for p in gold_parties}
            continue
        a = doc.agreements[matched[gi]]
        c["agreement"].right.add((tag,))
        kind = str(a.type)
        ok_type = kind == g["type"]
        # "other" claims no type: a missed type, not a wrong one (unless the golden is other).
        if ok_type or kind != "other":
            (c["agreement_type"].right if ok_type else c["agreement_type"].wrong).add((tag, kind))
        if not ok_type:
            c["agreement_type"].missing.add((tag, g["type"]))
        if a.date is not None:
            hit = a.date.isoformat() in dates
            (c["agreement_date"].right if hit else c["agreement_date"].wrong).add(
                (tag, a.date.isoformat())
            )
            if not hit and g.get("date"):
                c["agreement_date"].missing.add((tag, g["date"]))
        elif g.get("date"):
            c["agreement_date"].missing.add((tag, g["date"]))
        read_parties = _read_parties(a)
        c["agreement_party"].right |= {(tag, p) for p in gold_parties & read_parties}
        c["agreement_party"].wrong |= {(tag, p) for p in read_parties - gold_parties}
        c["agreement_party"].missing |= {(tag, p) for p in gold_parties - read_parties}
    for ai, a in read:
        if ai not in used:
            tag = f"read#{ai} {a.name}"
            c["agreement"].wrong.add((tag,))
            c["agreement_party"].wrong |= {(tag, p) for p in _read_parties(a)}


def _terminations(score: FilingScore, golden: dict[str, Any], doc: Any) -> None:
    gold = {(t["date"],) for t in golden.get("terminations", [])}
    read = {
        (e.date.isoformat() if e.date else "",)
        for a in doc.agreements
        for e in a.events
        if str(e.kind) == "terminated"
    }
    score.compare("termination", gold, read)


def _organizations(score: FilingScore, golden: dict[str, Any], doc: Any) -> None:
    score.compare(
        "subsidiary",
        [(company(s["name"]), company(s["parent"])) for s in golden.get("subsidiaries", [])],
        [(company(o.name), company(o.parent)) for o in doc.organizations if o.parent],
    )
    registrant = company(golden["registrant"]["name"])
    score.compare(
        "former_name",
        [
            (company(f.get("entity") or golden["registrant"]["name"]), company(f["name"]))
            for f in golden.get("former_names", [])
        ],
        [(registrant, company(n)) for n in doc.company.previous_names]
        + [
            (registrant if o.is_registrant else company(o.name), company(n))
            for o in doc.organizations
            for n in o.former_names
        ],
    )
    score.compare(
        "ticker",
        [(t["symbol"].upper(),) for t in golden.get("tickers", [])],
        [(doc.company.ticker.upper(),)] if doc.company.ticker else [],
    )
    score.compare(
        "other_role",
        [(person(r["person"]), company(r["organization"])) for r in golden.get("other_roles", [])],
        [(person(r.person.full), company(r.organization)) for r in getattr(doc, "other_roles", [])],
    )
    acquisitions = getattr(doc, "acquisitions", [])
    score.compare(
        "acquisition",
        [(a["direction"], company(a["target"])) for a in golden.get("acquisitions", [])],
        [(a.direction, company(a.target)) for a in acquisitions],
    )
    score.compare(
        "acquisition_party",
        [
            (company(a["target"]), side, company(a[side]))
            for a in golden.get("acquisitions", [])
            for side in ("buyer", "seller")
            if a.get(side)
        ],
        [
            (company(a.target), side, company(getattr(a, side)))
            for a in acquisitions
            for side in ("buyer", "seller")
            if getattr(a, side)
        ],
    )
    score.compare(
        "acquisition_date",
        [(company(a["target"]), a["date"]) for a in golden.get("acquisitions", []) if a["date"]],
        [(company(a.target), a.date.isoformat()) for a in acquisitions if a.date],
    )
    score.compare(
        "acquisition_price",
        [
            (company(a["target"]), amounts(a["price"]))
            for a in golden.get("acquisitions", [])
            if a.get("price")
        ],
        [(company(a.target), amounts(a.price)) for a in acquisitions if a.price],
    )
    # A lender or agent of an obligation the filing reports, by its role (lender; agent or
    # trustee): golden and reader name the instrument differently ("Incremental Credit
    # Facility", "Increase Joinder"), so the party and its side are what is compared.
    score.compare(
        "obligation_party",
        [
            (side, company(n))
            for o in golden.get("obligations", [])
            for side in ("lenders", "agents")
            for n in o.get(side, [])
        ],
        [
            (side, company(n))
            for o in getattr(doc, "obligations", [])
            for side in ("lenders", "agents")
            for n in getattr(o, side)
        ],
    )


def score_filing(golden: dict[str, Any], corpus: Path = CORPUS) -> FilingScore:
    """Parse the golden's filing with secgraph and compare, kind by kind."""
    from secgraph.parsers.registry import parse_path  # noqa: PLC0415

    score = FilingScore(golden=golden["accession"])
    try:
        file = golden["file"]  # a name in 8k-items/, or a path under tests/corpus
        doc = parse_path(corpus.parent / file if "/" in file else corpus / file).document
    except Exception as exc:  # a filing that does not parse misses every fact
        score.error = f"{type(exc).__name__}: {exc}"
        doc = None
    if doc is None or getattr(doc, "kind", None) != "8k":
        _all_missing(score, golden)
        return score
    score.compare(
        "registrant", [(company(golden["registrant"]["name"]),)], [(company(doc.company.name),)]
    )
    score.compare(
        "date_of_report",
        [(golden["date_of_report"]["value"],)],
        [(doc.filing.period_date.isoformat(),)] if doc.filing.period_date else [],
    )
    _signers(score, golden, doc)
    _officers(score, golden, doc)
    _agreements(score, golden, doc)
    _terminations(score, golden, doc)
    _organizations(score, golden, doc)
    return score


def _all_missing(score: FilingScore, golden: dict[str, Any]) -> None:
    empty = _Empty(golden)
    _signers(score, golden, empty)
    _officers(score, golden, empty)
    _agreements(score, golden, empty)
    _terminations(score, golden, empty)
    _organizations(score, golden, empty)
    score.kinds["registrant"].missing.add((company(golden["registrant"]["name"]),))
    score.kinds["date_of_report"].missing.add((golden["date_of_report"]["value"],))


class _Empty:
    """A document that read nothing (the filing did not parse)."""

    def __init__(self, golden: dict[str, Any]) -> None:
        self.signatures: list[Any] = []
        self.officer_changes: list[Any] = []
        self.agreements: list[Any] = []
        self.organizations: list[Any] = []
        self.other_roles: list[Any] = []
        self.acquisitions: list[Any] = []
        self.obligations: list[Any] = []
        self.company = type("C", (), {"previous_names": [], "ticker": None})()


def summarize(scores: list[FilingScore]) -> dict[str, Any]:
    totals: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
    for s in scores:
        for kind, c in s.kinds.items():
            totals[kind].update(right=len(c.right), wrong=len(c.wrong), missing=len(c.missing))
    kinds = {}
    for kind, t in totals.items():
        found, gold = t["right"] + t["wrong"], t["right"] + t["missing"]
        kinds[kind] = {
            "right": t["right"],
            "wrong": t["wrong"],
            "missing": t["missing"],
            "recall": round(t["right"] / gold, 3) if gold else None,
            "precision": round(t["right"] / found, 3) if found else None,
        }
    all_ = Counter[str]()
    for t in totals.values():
        all_.update(t)
    gold, found = all_["right"] + all_["missing"], all_["right"] + all_["wrong"]
    return {
        "filings": len(scores),
        "failed_to_parse": sorted(s.golden for s in scores if s.error),
        "overall": {
            "right": all_["right"],
            "wrong": all_["wrong"],
            "missing": all_["missing"],
            "recall": round(all_["right"] / gold, 3) if gold else None,
            "precision": round(all_["right"] / found, 3) if found else None,
        },
        "kinds": kinds,
    }


def details(scores: list[FilingScore]) -> dict[str, Any]:
    return {
        s.golden: {
            kind: {
                k: sorted("|".join(f) for f in getattr(c, k))
                for k in ("right", "wrong", "missing")
                if getattr(c, k)
            }
            for kind, c in s.kinds.items()
            if c.right or c.wrong or c.missing
        }
        | ({"error": s.error} if s.error else {})
        for s in scores
    }


def pins(scores: list[FilingScore]) -> dict[str, Any]:
    """What tests/test_eightk_fidelity.py holds secgraph to: the golden facts it reads right
    today (per filing and kind) and, per kind, the most wrong facts allowed."""
    summary = summarize(scores)
    return {
        "max_wrong": {kind: k["wrong"] for kind, k in summary["kinds"].items()},
        "right": {
            s.golden: {
                kind: sorted("|".join(f) for f in c.right) for kind, c in s.kinds.items() if c.right
            }
            for s in scores
        },
    }


BEGIN, END = "<!-- fidelity:begin -->", "<!-- fidelity:end -->"


def readme_table(summary: dict[str, Any]) -> str:
    """The figures as a Markdown table, for the README's fidelity block."""
    rows = [
        "| fact kind | right | wrong | missing | recall | precision |",
        "|---|---|---|---|---|---|",
    ]
    named = [*summary["kinds"].items(), ("**overall**", summary["overall"])]
    for kind, k in named:
        recall = "-" if k["recall"] is None else f"{k['recall']:.1%}"
        precision = "-" if k["precision"] is None else f"{k['precision']:.1%}"
        rows.append(
            f"| {kind} | {k['right']} | {k['wrong']} | {k['missing']} | {recall} | {precision} |"
        )
    return "\n".join(rows)


def update_readme(path: Path, summary: dict[str, Any]) -> None:
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    path.write_text(f"{head}{BEGIN}\n{readme_table(summary)}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "fidelity_8k.json")
    parser.add_argument("--details", type=Path, help="per-filing right/wrong/missing facts")
    parser.add_argument("--pin", type=Path, help="write the pins of the fidelity test here")
    parser.add_argument("--readme", type=Path, help="rewrite this README's fidelity block")
    args = parser.parse_args(argv)
    scores = [score_filing(g) for g in load_goldens()]
    summary = summarize(scores)
    args.out.write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if args.details:
        args.details.write_text(json.dumps(details(scores), indent=1, sort_keys=True) + "\n")
    if args.pin:
        args.pin.write_text(json.dumps(pins(scores), indent=1, sort_keys=True) + "\n")
    if args.readme:
        update_readme(args.readme, summary)
    print(f"{'kind':18} {'right':>6} {'wrong':>6} {'missing':>8} {'recall':>7} {'precision':>9}")
    for kind, k in summary["kinds"].items():
        print(
            f"{kind:18} {k['right']:6} {k['wrong']:6} {k['missing']:8} "
            f"{k['recall'] if k['recall'] is not None else '-':>7} "
            f"{k['precision'] if k['precision'] is not None else '-':>9}"
        )
    o = summary["overall"]
    print(f"{'overall':18} {o['right']:6} {o['wrong']:6} {o['missing']:8}", end=" ")
    print(f"{o['recall']:>7} {o['precision']:>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
