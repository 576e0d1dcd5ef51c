"""A synthetic corpus for benchmarks: the native-XML filings of tests/corpus, many times over.

Each copy is the same filing (same rows, amounts, dates, footnotes) in a new "universe": its
issuer and owner CIKs, names, ticker and any accession number it cites are shifted
deterministically (seeded), and it gets a fresh accession number of its own. Within one
universe the shift is consistent (the same CIK or name token always maps to the same new one),
so a person who files several Forms 4 in tests/corpus still files several in each universe,
and entity resolution sees many distinct entities with realistic overlaps.

Files are written one at a time (never the whole set in memory) as
``<out>/<universe>/<accession>.xml``, with a MANIFEST.tsv beside them. The accession number is
carried by the file name: a primary XML document has no element for it.

    python benchmarks/synth.py --corpus tests/corpus --out benchmarks/work/synth --n 10500
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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
_CIK_SPAN = 10**7  # real CIKs are below this; universe u adds (u + 1) * 10**7
MAX_UNIVERSES = 998  # keeps shifted CIKs within ten digits
_WORD = re.compile(r"[^\W\d_]+")
_ACCESSION = re.compile(r"^(\d{10})-(\d{2})-(\d{6})$")
_CONSONANTS = "bcdfghjklmnprstvz"
_VOWELS = "aeiou"


@dataclass(frozen=True)
class Template:
    """One corpus filing to copy: its parsed tree and what it is."""

    name: str
    family: str
    root: etree._Element
    year: str  # two digits, from the period/signature date, for the accession number


@dataclass(frozen=True)
class SynthFiling:
    path: Path
    template: str
    family: str
    accession: str
    universe: int


class Shifter:
    """The deterministic shift of one universe: CIKs, names, tickers, accession numbers."""

    def __init__(self, seed: int, universe: int) -> None:
        if not 0 <= universe < MAX_UNIVERSES:
            raise ValueError(f"universe {universe} out of range (0..{MAX_UNIVERSES - 1})")
        self.universe = universe
        self._key = hashlib.blake2b(str(seed).encode(), digest_size=32).digest()

    def _digest(self, text: str) -> bytes:
        data = f"{self.universe}\x1f{text}".encode()
        return hashlib.blake2b(data, key=self._key, digest_size=32).digest()

    def cik(self, text: str) -> str:
        digits = text.strip()
        if not digits.isdigit() or int(digits) >= _CIK_SPAN:
            return text  # not a CIK we can shift injectively; leave it as the filing has it
        return f"{(self.universe + 1) * _CIK_SPAN + int(digits):010d}"

    def word(self, token: str) -> str:
        """A pronounceable stand-in for ``token``, same length (2..12), same letter case."""
        digest = self._digest(token.casefold())
        length = min(max(len(token), 2), 12)
        letters = [
            (_CONSONANTS if i % 2 == 0 else _VOWELS)[
                digest[i] % len(_CONSONANTS if i % 2 == 0 else _VOWELS)
            ]
            for i in range(length)
        ]
        word = "".join(letters)
        if token.isupper():
            return word.upper()
        if token[0].isupper():
            return word.capitalize()
        return word

    def name(self, text: str) -> str:
        """Shift every word of a name except initials and the words of :data:`KEEP_WORDS`."""

        def repl(match: re.Match[str]) -> str:
            token = match.group(0)
            if len(token) == 1 or token.casefold() in KEEP_WORDS:
                return token
            return self.word(token)

        return _WORD.sub(repl, text)

    def accession(self, text: str) -> str:
        """An accession number cited by the filing (Form D/A's previous filing), shifted."""
        match = _ACCESSION.match(text.strip())
        if match is None:
            return text
        prefix, year, seq = match.groups()
        return f"{self.cik(str(int(prefix) % _CIK_SPAN))}-{year}-{seq}"


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def load_templates(corpus: Path) -> list[Template]:
    """Every native-XML ownership and Form D filing under ``corpus``, in sorted path order."""
    templates: list[Template] = []
    for path in sorted(corpus.rglob("*.xml")):
        # EDGAR XML sometimes has blank lines before the declaration (D.APFund.xml).
        root = etree.fromstring(path.read_bytes().lstrip())
        family = FAMILIES.get(_local(root.tag))
        if family is None:
            continue
        dates = [
            (el.text or "").strip()
            for el in root.iter()
            if _local(el.tag) in {"periodOfReport", "signatureDate", "dateOfFirstSale", "value"}
            and re.match(r"^\d{4}-\d{2}-\d{2}", (el.text or "").strip())
        ]
        year = dates[0][2:4] if dates else "99"
        templates.append(Template(str(path.relative_to(corpus)), family, root, year))
    return templates


def synthesize(template: Template, shifter: Shifter) -> bytes:
    """The template's document with its identifiers and names shifted, as UTF-8 XML."""
    root = copy.deepcopy(template.root)
    for el in root.iter():
        local = _local(el.tag)
        text = el.text
        if not text or not text.strip():
            continue
        if local in CIK_ELEMENTS:
            el.text = shifter.cik(text)
        elif local in NAME_ELEMENTS or local in TICKER_ELEMENTS:
            el.text = shifter.name(text)
        elif local in ACCESSION_ELEMENTS:
            el.text = shifter.accession(text)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def accession_number(year: str, seq: int) -> str:
    if not 0 <= seq < 10**6:
        raise ValueError(f"sequence {seq} does not fit an accession number")
    return f"{ACCESSION_PREFIX:010d}-{year}-{seq:06d}"


def generate(corpus: Path, out: Path, n: int, seed: int = 0) -> Iterator[SynthFiling]:
    """Write ``n`` synthetic filings under ``out`` (emptied first) and yield each as written.

    Universe ``u`` holds one copy of every template, in template order; the set stops after
    ``n`` filings, so a prefix of the set is itself a valid smaller set.
    """
    templates = load_templates(corpus)
    if not templates:
        raise ValueError(f"{corpus}: no ownership or Form D XML to copy")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    with (out / "MANIFEST.tsv").open("w", encoding="utf-8") as manifest:
        manifest.write("path\ttemplate\tfamily\taccession\tuniverse\n")
        for seq in range(n):
            universe, index = divmod(seq, len(templates))
            template = templates[index]
            if index == 0:
                shifter = Shifter(seed, universe)
                (out / f"u{universe:03d}").mkdir()
            accession = accession_number(template.year, seq)
            rel = Path(f"u{universe:03d}") / f"{accession}.xml"
            (out / rel).write_bytes(synthesize(template, shifter))
            manifest.write(f"{rel}\t{template.name}\t{template.family}\t{accession}\t{universe}\n")
            yield SynthFiling(out / rel, template.name, template.family, accession, universe)
    params = {"n": n, "seed": seed, "templates": len(templates)}
    (out / "synth.json").write_text(json.dumps(params, sort_keys=True) + "\n")


def is_current(out: Path, n: int, seed: int) -> bool:
    """Whether ``out`` already holds the complete set for these parameters."""
    try:
        params = json.loads((out / "synth.json").read_text())
    except (OSError, ValueError):
        return False
    return bool(params.get("n") == n and params.get("seed") == seed)


def ensure(corpus: Path, out: Path, n: int, seed: int = 0) -> list[SynthFiling]:
    """The set at ``out``, generated unless already there; read back from its MANIFEST."""
    if not is_current(out, n, seed):
        for _ in generate(corpus, out, n, seed):
            pass
    filings: list[SynthFiling] = []
    with (out / "MANIFEST.tsv").open(encoding="utf-8") as manifest:
        next(manifest)
        for line in manifest:
            rel, template, family, accession, universe = line.rstrip("\n").split("\t")
            filings.append(SynthFiling(out / rel, template, family, accession, int(universe)))
    return filings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=Path("tests/corpus"))
    parser.add_argument("--out", type=Path, default=Path("benchmarks/work/synth"))
    parser.add_argument("--n", type=int, default=10_500, help="number of filings")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    count = sum(1 for _ in generate(args.corpus, args.out, args.n, args.seed))
    print(f"{count} filings written under {args.out}")


if __name__ == "__main__":
    main()
