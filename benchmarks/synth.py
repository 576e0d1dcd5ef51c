"""A synthetic corpus for benchmarks: the native-XML filings of tests/corpus, many times over.

Each copy is the same filing (same rows, amounts, dates, footnotes) with shifted identities
and a fresh accession number of its own. The shifts are deterministic (seeded) and shape the
set like EDGAR:

* **universes** (one copy of every template each): the reporting owners, signers and related
  persons of universe ``u`` get CIKs and names of their own, consistently within ``u``, so a
  person who files several Forms 4 in tests/corpus files several in each universe;
* **company groups** (:data:`COMPANY_GROUP` universes each): issuers are shifted per group,
  not per universe, so every company has the insiders of several universes (many insiders per
  company, each filing about it);
* **hubs**: a few people (:data:`HUB_EVERY`) replace the reporting owner of a seeded fraction
  of single-person ownership filings, anywhere in the set, so they are insiders of hundreds of
  companies (the "most connected person"; the most active one files about every 100th filing).

The set is a sequence: filing ``seq`` is template ``seq % T`` of universe ``seq // T``, and a
prefix of the set is itself a valid smaller set (the 10k set is the first 10k filings of the
100k one). Files are rendered from each template's serialized text with its identity slots
filled in (no tree copy per filing) and written one at a time as
``<out>/cNNN/<accession>.xml`` (:data:`CHUNK` filings a folder, so a prefix is a list of
whole folders), with a MANIFEST.tsv giving every filing's issuer and reporting owners (the
benchmark picks its entities there). The accession number is carried by the file name: a
primary XML document has no element for it.

    python benchmarks/synth.py --corpus tests/corpus --out /tmp/bench/synth --n 100000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

#: Root element -> family. Only these two native-XML families are multiplied.
FAMILIES = {"ownershipDocument": "ownership", "edgarSubmission": "form_d"}

# Elements whose text is an identifier or a name, by local name (Form 3/4/5 and Form D).
CIK_ELEMENTS = frozenset({"issuerCik", "rptOwnerCik", "cik"})
NAME_ELEMENTS = frozenset(
    {
        "issuerName",
        "rptOwnerName",
        "signatureName",
        "entityName",
        "previousName",
        "firstName",
        "middleName",
        "lastName",
        "nameOfSigner",
        "recipientName",
        "associatedBDName",
    }
)
TICKER_ELEMENTS = frozenset({"issuerTradingSymbol"})
ACCESSION_ELEMENTS = frozenset({"previousAccessionNumber"})
#: The issuer's side (shifted per company group); every other identity is the owners' side
#: (shifted per universe). Form D's ``cik`` is its issuer's; Form D signature blocks name
#: the issuer in ``issuerName``.
COMPANY_ELEMENTS = frozenset(
    {"issuerCik", "cik", "issuerName", "entityName", "previousName", "issuerTradingSymbol"}
)

# Words a name shift leaves alone: legal forms, roles and the glue of signature lines
# ("/s/ X, Attorney-in-Fact for Y"), so shifted names keep their shape and kind.
_KEEP_TEXT = """
    s by as of the and for in on to at its attorney fact behalf poa power agent trustee
    general partner partners manager member managing director officer authorized signatory
    llc inc corp co lp llp gp ltd plc sa ag nv bv trust fund funds holdings capital group
    company corporation incorporated limited partnership management investments ventures
    associates advisors reit jr sr ii iii iv v vi md phd esq none dated january february
    march april may june july august september october november december
"""
KEEP_WORDS = frozenset(_KEEP_TEXT.split())

ACCESSION_PREFIX = 9999999997  # no filer agent has this CIK; marks the accession as synthetic
CITED_PREFIX = 9_000_000_000  # cited (previous) accession numbers: + universe, never a filing's
#: Synthetic CIKs, beyond every real one (real CIKs are below 10**7): owners' side, issuers'
#: side and hubs each have their own range, so no two identities ever share a CIK.
OWNER_CIKS, COMPANY_CIKS, HUB_CIKS = 1 * 10**8, 2 * 10**8, 3 * 10**8
COMPANY_GROUP = 8  # universes sharing one set of issuers
#: Hub h replaces the reporting owner of about one eligible filing in HUB_EVERY[h].
HUB_EVERY = (100, 400, 1600)
CHUNK = 1000  # filings a folder
_TICKER_SPACE = 26**5  # five-letter tickers, one per company
_WORD = re.compile(r"[^\W\d_]+")
_ACCESSION = re.compile(r"^(\d{10})-(\d{2})-(\d{6})$")
_SLOT = re.compile("\ue000(\\d+)\ue001")  # a private-use marker cannot occur in the corpus
_CONSONANTS = "bcdfghjklmnprstvz"
_VOWELS = "aeiou"


@dataclass(frozen=True)
class Slot:
    """One identity in a template: its element's local name and its text as printed."""

    element: str
    text: str


@dataclass(frozen=True)
class Template:
    """One corpus filing to copy: its parsed tree, what it is, and its rendering pattern
    (``parts`` are the serialized document cut at each slot: parts[i] + slot i + ...)."""

    name: str
    family: str
    root: etree._Element
    year: str  # two digits, from the period/signature date, for the accession number
    parts: tuple[str, ...]
    slots: tuple[Slot, ...]
    #: the one reporting owner's name when it is a person a hub can stand in for, else None
    hub_owner: str | None


@dataclass(frozen=True)
class Corpus:
    templates: tuple[Template, ...]
    ciks: Mapping[str, int]  # corpus CIK (digits, no leading zeros) -> its index
    tickers: Mapping[str, int]  # corpus ticker (upper case) -> its index


@dataclass(frozen=True)
class SynthFiling:
    path: Path
    template: str
    family: str
    accession: str
    universe: int
    issuer_cik: str = ""
    issuer_name: str = ""
    owners: tuple[tuple[str, str], ...] = ()  # (CIK, name) of each reporting owner
    hub: int | None = None  # the hub standing in for the reporting owner


class Shifter:
    """The deterministic shift of one side (``owner`` or ``company``) of one universe (or
    company group): CIKs, names, tickers, cited accession numbers."""

    def __init__(
        self,
        seed: int,
        universe: int,
        *,
        side: str = "owner",
        ciks: Mapping[str, int] | None = None,
        tickers: Mapping[str, int] | None = None,
    ) -> None:
        if universe < 0:
            raise ValueError(f"universe {universe} is negative")
        self.universe = universe
        self.side = side
        self._ciks = ciks or {}
        self._tickers = tickers or {}
        self._base = COMPANY_CIKS if side == "company" else OWNER_CIKS
        if (universe + 1) * max(len(self._ciks), 1) >= 10**8:
            raise ValueError(f"universe {universe} out of range for {len(self._ciks)} CIKs")
        self._key = hashlib.blake2b(f"{seed}\x1f{side}".encode(), digest_size=32).digest()
        self._seed = seed
        self._words: dict[str, str] = {}

    def _digest(self, text: str) -> bytes:
        data = f"{self.universe}\x1f{text}".encode()
        return hashlib.blake2b(data, key=self._key, digest_size=32).digest()

    def cik(self, text: str) -> str:
        """A corpus CIK's stand-in: one per CIK and universe, in this side's range."""
        digits = text.strip()
        if not digits.isdigit() or str(int(digits)) not in self._ciks:
            return text  # not a CIK of the corpus: leave it as the filing has it
        index = self._ciks[str(int(digits))]
        return f"{self._base + self.universe * len(self._ciks) + index:010d}"

    def ticker(self, text: str) -> str:
        """Five letters, one ticker per company: a seeded bijection of (group, ticker)."""
        index = self._tickers.get(text.strip().upper())
        if index is None:
            return self.name(text)
        n = (self.universe * len(self._tickers) + index) % _TICKER_SPACE
        n = (n * 7_919 + self._seed * 104_729) % _TICKER_SPACE  # 7,919 is prime to 26
        letters = []
        for _ in range(5):
            n, r = divmod(n, 26)
            letters.append(chr(ord("A") + r))
        return "".join(letters)

    def word(self, token: str) -> str:
        """A pronounceable stand-in for ``token``, same length (2..12), same letter case."""
        key = token.casefold()
        word = self._words.get(key)
        if word is None:
            digest = self._digest(key)
            length = min(max(len(token), 2), 12)
            word = "".join(
                (_CONSONANTS if i % 2 == 0 else _VOWELS)[
                    digest[i] % len(_CONSONANTS if i % 2 == 0 else _VOWELS)
                ]
                for i in range(length)
            )
            self._words[key] = word
        if token.isupper():
            return word.upper()
        if token[0].isupper():
            return word.capitalize()
        return word

    def name(self, text: str, replace: Mapping[str, str] | None = None) -> str:
        """Shift every word of a name except initials and the words of :data:`KEEP_WORDS`;
        ``replace`` maps words (case-folded) to given stand-ins instead (a hub's name)."""

        def repl(match: re.Match[str]) -> str:
            token = match.group(0)
            folded = token.casefold()
            if replace and folded in replace:
                new = replace[folded]
                return new.upper() if token.isupper() else new
            if len(token) == 1 or folded in KEEP_WORDS:
                return token
            return self.word(token)

        return _WORD.sub(repl, text)

    def accession(self, text: str) -> str:
        """An accession number cited by the filing (Form D/A's previous filing): one per
        cited number and universe, with a prefix no synthetic filing has."""
        match = _ACCESSION.match(text.strip())
        if match is None:
            return text
        prefix, year, seq = match.groups()
        offset = self.universe * 1000 + int(prefix) % 1000
        return f"{CITED_PREFIX + offset:010d}-{year}-{seq}"


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _words(name: str) -> list[str]:
    return [w for w in _WORD.findall(name) if len(w) > 1]


def person_like(name: str) -> bool:
    """A name of two or more words, none a legal form or signature word: a person's."""
    words = _words(name)
    return len(words) >= 2 and not {w.casefold() for w in words} & KEEP_WORDS


def hub_identity(seed: int, hub: int) -> tuple[str, str]:
    """(CIK, name as an ownership filing prints it: "Last First M") of hub ``hub``."""
    shifter = Shifter(seed, hub, side="hub")
    last, first = shifter.word("Hubbardson"), shifter.word("Quentin")
    initial = chr(ord("A") + hub % 26)
    return f"{HUB_CIKS + hub:010d}", f"{last} {first} {initial}"


def _template(name: str, root: etree._Element) -> Template:
    family = FAMILIES[_local(root.tag)]
    dates = [
        (el.text or "").strip()
        for el in root.iter()
        if _local(el.tag) in {"periodOfReport", "signatureDate", "dateOfFirstSale", "value"}
        and re.match(r"^\d{4}-\d{2}-\d{2}", (el.text or "").strip())
    ]
    year = dates[0][2:4] if dates else "99"
    marked = etree.fromstring(etree.tostring(root))  # a copy to cut into parts
    slots: list[Slot] = []
    shifted = CIK_ELEMENTS | NAME_ELEMENTS | TICKER_ELEMENTS | ACCESSION_ELEMENTS
    for el in marked.iter():
        local = _local(el.tag)
        if local in shifted and el.text and el.text.strip():
            slots.append(Slot(local, el.text))
            el.text = f"\ue000{len(slots) - 1}\ue001"
    text = etree.tostring(marked, xml_declaration=True, encoding="UTF-8").decode("utf-8")
    pieces = _SLOT.split(text)  # text, index, text, index, ..., text
    assert [int(i) for i in pieces[1::2]] == list(range(len(slots)))
    owners = [s.text for s in slots if s.element == "rptOwnerName"]
    hub_owner = owners[0] if len(owners) == 1 and person_like(owners[0]) else None
    return Template(name, family, root, year, tuple(pieces[0::2]), tuple(slots), hub_owner)


def load_corpus(corpus: Path) -> Corpus:
    """Every native-XML ownership and Form D filing under ``corpus``, in sorted path order,
    with the table of the CIKs and tickers they print."""
    templates: list[Template] = []
    for path in sorted(corpus.rglob("*.xml")):
        # EDGAR XML sometimes has blank lines before the declaration (D.APFund.xml).
        root = etree.fromstring(path.read_bytes().lstrip())
        if _local(root.tag) in FAMILIES:
            templates.append(_template(str(path.relative_to(corpus)), root))
    ciks: dict[str, int] = {}
    tickers: dict[str, int] = {}
    for template in templates:
        for slot in template.slots:
            if slot.element in CIK_ELEMENTS and slot.text.strip().isdigit():
                ciks.setdefault(str(int(slot.text.strip())), len(ciks))
            elif slot.element in TICKER_ELEMENTS:
                tickers.setdefault(slot.text.strip().upper(), len(tickers))
    return Corpus(tuple(templates), ciks, tickers)


def load_templates(corpus: Path) -> list[Template]:
    return list(load_corpus(corpus).templates)


def hub_of(seed: int, seq: int, hubs: Sequence[int] = HUB_EVERY) -> int | None:
    """The hub that stands in for the reporting owner of filing ``seq`` (when its template
    allows one), seeded: hub h with probability 1 / hubs[h]."""
    digest = hashlib.blake2b(f"{seed}\x1fhub\x1f{seq}".encode(), digest_size=8).digest()
    draw = int.from_bytes(digest, "big") / 2**64
    for hub, every in enumerate(hubs):
        draw -= 1 / every
        if draw < 0:
            return hub
    return None


class _Renderer:
    """Renders filing ``seq`` of the set; keeps the shifters of the current universe/group."""

    def __init__(self, corpus: Corpus, seed: int, hubs: Sequence[int]) -> None:
        self.corpus = corpus
        self.seed = seed
        self.hubs = hubs
        self.owner: Shifter | None = None
        self.company: Shifter | None = None

    def _shifters(self, universe: int) -> tuple[Shifter, Shifter]:
        corpus = self.corpus
        if self.owner is None or self.owner.universe != universe:
            self.owner = Shifter(self.seed, universe, ciks=corpus.ciks, tickers=corpus.tickers)
        group = universe // COMPANY_GROUP
        if self.company is None or self.company.universe != group:
            self.company = Shifter(
                self.seed, group, side="company", ciks=corpus.ciks, tickers=corpus.tickers
            )
        return self.owner, self.company

    def render(self, seq: int) -> tuple[Template, bytes, list[str], int | None]:
        """The template, the document, its slot values and the hub standing in, if any."""
        universe, index = divmod(seq, len(self.corpus.templates))
        template = self.corpus.templates[index]
        owner, company = self._shifters(universe)
        hub = hub_of(self.seed, seq, self.hubs) if template.hub_owner else None
        replace: dict[str, str] = {}
        hub_cik = hub_name = ""
        if hub is not None and template.hub_owner is not None:
            hub_cik, hub_name = hub_identity(self.seed, hub)
            # the owner's words in the signature become the hub's ("/s/ Elon Musk")
            pairs = zip(_words(template.hub_owner), _words(hub_name), strict=False)
            replace = {old.casefold(): new for old, new in pairs}
        values: list[str] = []
        for slot in template.slots:
            side = company if slot.element in COMPANY_ELEMENTS else owner
            if hub is not None and slot.element == "rptOwnerCik":
                value = hub_cik
            elif hub is not None and slot.element == "rptOwnerName":
                value = hub_name
            elif slot.element in CIK_ELEMENTS:
                value = side.cik(slot.text)
            elif slot.element in TICKER_ELEMENTS:
                value = side.ticker(slot.text)
            elif slot.element in ACCESSION_ELEMENTS:
                value = side.accession(slot.text)
            elif slot.element == "signatureName":
                value = side.name(slot.text, replace)
            else:
                value = side.name(slot.text)
            values.append(value)
        return template, _fill(template, values), values, hub


def _fill(template: Template, values: list[str]) -> bytes:
    out = [template.parts[0]]
    for value, part in zip(values, template.parts[1:], strict=True):
        out += [escape(value), part]
    return "".join(out).encode("utf-8")


def synthesize(template: Template, shifter: Shifter) -> bytes:
    """The template's document with every identity shifted by one ``shifter`` (both sides),
    as UTF-8 XML: one filing of one universe, for tests that read a universe in memory."""
    values: list[str] = []
    for slot in template.slots:
        if slot.element in CIK_ELEMENTS:
            values.append(shifter.cik(slot.text))
        elif slot.element in TICKER_ELEMENTS:
            values.append(shifter.ticker(slot.text))
        elif slot.element in ACCESSION_ELEMENTS:
            values.append(shifter.accession(slot.text))
        else:
            values.append(shifter.name(slot.text))
    return _fill(template, values)


def _identities(
    template: Template, values: list[str]
) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """The issuer's (CIK, name) and the reporting owners' (CIK, name) of a rendered filing."""
    issuer_cik = issuer_name = ""
    owner_ciks: list[str] = []
    owner_names: list[str] = []
    for slot, value in zip(template.slots, values, strict=True):
        if slot.element in {"issuerCik", "cik"} and not issuer_cik:
            issuer_cik = value.strip()
        elif slot.element in {"issuerName", "entityName"} and not issuer_name:
            issuer_name = value.strip()
        elif slot.element == "rptOwnerCik":
            owner_ciks.append(value.strip())
        elif slot.element == "rptOwnerName":
            owner_names.append(value.strip())
    return issuer_cik, issuer_name, tuple(zip(owner_ciks, owner_names, strict=False))


def accession_number(year: str, seq: int) -> str:
    if not 0 <= seq < 10**6:
        raise ValueError(f"sequence {seq} does not fit an accession number")
    return f"{ACCESSION_PREFIX:010d}-{year}-{seq:06d}"


def chunk_dir(seq: int) -> str:
    return f"c{seq // CHUNK:03d}"


def roots(out: Path, n: int) -> list[Path]:
    """What to give a build for the first ``n`` filings of the set at ``out``: its whole
    folders, then the files of the last, partial one."""
    whole, rest = divmod(n, CHUNK)
    found = [out / chunk_dir(c * CHUNK) for c in range(whole)]
    if rest:  # file names sort by year, not by sequence: the manifest has the order
        found += [f.path for f in read_manifest(out, n)[whole * CHUNK :]]
    return found


_MANIFEST_HEADER = (
    "path\ttemplate\tfamily\taccession\tuniverse\tissuer_cik\tissuer_name\towners\thub\n"
)


def generate(
    corpus: Path, out: Path, n: int, seed: int = 0, hubs: Sequence[int] = HUB_EVERY
) -> Iterator[SynthFiling]:
    """Write ``n`` synthetic filings under ``out`` (emptied first) and yield each as written.

    Filing ``seq`` is template ``seq % T`` of universe ``seq // T``; the set stops after
    ``n`` filings, so a prefix of the set is itself a valid smaller set.
    """
    started = time.perf_counter()
    source = load_corpus(corpus)
    if not source.templates:
        raise ValueError(f"{corpus}: no ownership or Form D XML to copy")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    renderer = _Renderer(source, seed, hubs)
    with (out / "MANIFEST.tsv").open("w", encoding="utf-8") as manifest:
        manifest.write(_MANIFEST_HEADER)
        for seq in range(n):
            template, data, values, hub = renderer.render(seq)
            if seq % CHUNK == 0:
                (out / chunk_dir(seq)).mkdir()
            accession = accession_number(template.year, seq)
            rel = Path(chunk_dir(seq)) / f"{accession}.xml"
            (out / rel).write_bytes(data)
            filing = SynthFiling(
                out / rel,
                template.name,
                template.family,
                accession,
                seq // len(source.templates),
                *_identities(template, values),
                hub=hub,
            )
            manifest.write(_manifest_line(rel, filing))
            yield filing
    params = {
        "n": n,
        "seed": seed,
        "hubs": list(hubs),
        "templates": len(source.templates),
        "seconds": round(time.perf_counter() - started, 1),
    }
    (out / "synth.json").write_text(json.dumps(params, sort_keys=True) + "\n")


def _manifest_line(rel: Path, f: SynthFiling) -> str:
    owners = "|".join(f"{cik}:{name}" for cik, name in f.owners)
    hub = "" if f.hub is None else str(f.hub)
    fields = [str(rel), f.template, f.family, f.accession, str(f.universe)]
    return "\t".join([*fields, f.issuer_cik, f.issuer_name, owners, hub]) + "\n"


def is_current(out: Path, n: int, seed: int, hubs: Sequence[int] = HUB_EVERY) -> bool:
    """Whether ``out`` already holds the complete set for these parameters (or a larger
    one: the first ``n`` filings of a larger set are the set of ``n``)."""
    try:
        params = json.loads((out / "synth.json").read_text())
    except (OSError, ValueError):
        return False
    return bool(
        params.get("n", 0) >= n and params.get("seed") == seed and params.get("hubs") == list(hubs)
    )


def read_manifest(out: Path, n: int | None = None) -> list[SynthFiling]:
    """The first ``n`` filings (all by default) of the set at ``out``, from its MANIFEST."""
    filings: list[SynthFiling] = []
    with (out / "MANIFEST.tsv").open(encoding="utf-8") as manifest:
        next(manifest)
        for line in manifest:
            if n is not None and len(filings) >= n:
                break
            rel, template, family, accession, universe, cik, name, owners, hub = line.rstrip(
                "\n"
            ).split("\t")
            pairs = tuple((o.split(":", 1)[0], o.split(":", 1)[1]) for o in owners.split("|") if o)
            filings.append(
                SynthFiling(
                    out / rel,
                    template,
                    family,
                    accession,
                    int(universe),
                    cik,
                    name,
                    pairs,
                    int(hub) if hub else None,
                )
            )
    return filings


def ensure(corpus: Path, out: Path, n: int, seed: int = 0) -> list[SynthFiling]:
    """The first ``n`` filings of the set at ``out``, generated unless already there."""
    if not is_current(out, n, seed):
        for _ in generate(corpus, out, n, seed):
            pass
    return read_manifest(out, n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=Path("tests/corpus"))
    parser.add_argument("--out", type=Path, default=Path("benchmarks/work/synth"))
    parser.add_argument("--n", type=int, default=10_500, help="number of filings")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    started = time.perf_counter()
    count = sum(1 for _ in generate(args.corpus, args.out, args.n, args.seed))
    seconds = time.perf_counter() - started
    print(f"{count} filings written under {args.out} in {seconds:.1f} s")


if __name__ == "__main__":
    main()
