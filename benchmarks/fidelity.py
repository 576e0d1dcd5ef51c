"""How much of a filing survives a text conversion (``make fidelity-forms``, in ``make fidelity``).

Filings whose truth is known (EDGAR XML of Forms 3/4/5 and D: tests/corpus, then the
synthetic set) are rendered as the SEC's web pages show them (benchmarks/conversion/render_*),
converted to text by real tools and by the seeds' kinds of noise (conversion/convert.py),
parsed by secgraph as a user's file would be (the registry picks the parser), and compared
with the XML's facts field by field (conversion/facts.py). Per converter and form family it
reports the share of the XML's facts read right, read wrong and missing, the values invented,
and recall / precision; the rendered page itself, read by the HTML path, is the control row.

    python benchmarks/fidelity.py --per-form 30 --ocr-per-form 3 --out benchmarks/results.json

Conversions are cached under ``--work`` (one folder per filing), so a second run after a
reader change re-parses without re-converting; ``--cached`` runs no converter at all (a
conversion that failed, an OCR that timed out, is then left out).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
import traceback
from collections import defaultdict
from pathlib import Path
from typing import Any

from conversion.convert import CONVERTERS, OCR
from conversion.facts import Score, flatten
from conversion.render_formd import render as render_formd
from conversion.render_ownership import render as render_ownership
from machine import load_average, machine

from secgraph.models import FormDFiling, OwnershipFiling
from secgraph.parsers import Source, formd_xml, ownership_xml
from secgraph.parsers.registry import parse_source

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
FAMILIES = {"3": "form3", "4": "form4", "5": "form5", "D": "formd"}
CONTROL = "control: the page itself (HTML reader)"
README_START = "<!-- fidelity-forms:begin -->"
README_END = "<!-- fidelity-forms:end -->"


def sample(per_form: int, synth: Path | None) -> list[tuple[str, Path]]:
    """Up to ``per_form`` filings of each form: the corpus's first, then synthetic copies."""
    chosen: dict[str, list[Path]] = {form: [] for form in FAMILIES}
    for form, folder in FAMILIES.items():
        chosen[form] = sorted((CORPUS / folder).glob("*.xml"))[:per_form]
    if synth is not None and (synth / "MANIFEST.tsv").exists():
        for line in (synth / "MANIFEST.tsv").read_text().splitlines()[1:]:
            path, template = line.split("\t")[:2]
            form = {"form3": "3", "form4": "4", "form5": "5", "formd": "D"}[template.split("/")[0]]
            if len(chosen[form]) < per_form:
                chosen[form].append(synth / path)
            if all(len(v) >= per_form for v in chosen.values()):
                break
    return [(form, p) for form, paths in chosen.items() for p in paths]


def truth_of(form: str, path: Path) -> OwnershipFiling | FormDFiling:
    parser = formd_xml if form == "D" else ownership_xml
    doc = parser.parse(Source.from_path(path)).document
    assert isinstance(doc, OwnershipFiling | FormDFiling)
    return doc


def read(text: str, name: str) -> dict[str, Any] | None:
    try:
        parsed = parse_source(Source(name, text.encode("utf-8")))
    except Exception:  # a refusal: the conversion gives no record at all
        return None
    return flatten(parsed.document.model_dump(mode="json"))


def run(args: argparse.Namespace) -> dict[str, Any]:
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    filings = sample(args.per_form, args.synth)
    names = [c for c in CONVERTERS if not args.converters or c in args.converters]
    scores: dict[str, dict[str, Score]] = defaultdict(lambda: defaultdict(Score))
    ocr_done: dict[str, int] = defaultdict(int)
    seconds: dict[str, float] = defaultdict(float)
    started = time.monotonic()
    for n, (form, path) in enumerate(filings):
        family = FAMILIES[form]
        doc = truth_of(form, path)
        truth = flatten(doc.model_dump(mode="json"))
        folder = work / f"{family}__{path.stem}"
        folder.mkdir(exist_ok=True)
        page = folder / "page.html"
        if not page.exists():
            html = render_formd(doc) if isinstance(doc, FormDFiling) else render_ownership(doc)
            page.write_text(html, encoding="utf-8")
        scores[CONTROL][family].add(truth, read(page.read_text(), str(page)), path.name)
        for name in names:
            if name == OCR:
                if ocr_done[family] >= args.ocr_per_form:
                    continue
                ocr_done[family] += 1
            cached = folder / (name.replace(" ", "_").replace("/", "").replace(":", "") + ".txt")
            if not cached.exists() and args.cached:
                continue
            if not cached.exists():
                t0 = time.monotonic()
                try:
                    text = CONVERTERS[name](page, folder)
                except Exception:
                    traceback.print_exc()
                    continue
                seconds[name] += time.monotonic() - t0
                cached.write_text(text, encoding="utf-8")
            scores[name][family].add(
                truth, read(cached.read_text(encoding="utf-8"), str(cached)), path.name
            )
        if args.verbose:
            print(f"[{n + 1}/{len(filings)}] {family} {path.name}", file=sys.stderr)
    result: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "machine": machine(),
        "load_average_1m": load_average(),
        "filings": {f: sum(1 for g, _ in filings if FAMILIES[g] == f) for f in FAMILIES.values()},
        "ocr_per_form": args.ocr_per_form,
        "seconds": round(time.monotonic() - started, 1),
        "convert_seconds": {k: round(v, 1) for k, v in seconds.items()},
        "converters": {},
        "gaps": {},
    }
    for name, families in scores.items():
        total = Score()
        for family_score in families.values():
            for attr in ("facts", "right", "wrong", "missing", "invented", "failed", "documents"):
                setattr(total, attr, getattr(total, attr) + getattr(family_score, attr))
            total.by_field.update(family_score.by_field)
            for key, examples in family_score.examples.items():
                total.examples.setdefault(key, []).extend(
                    examples[: 3 - len(total.examples.get(key, []))]
                )
        result["converters"][name] = {
            "all": total.summary(),
            **{fam: s.summary() for fam, s in sorted(families.items())},
        }
        result["gaps"][name] = [
            {"field": key, "count": count, "examples": total.examples.get(key, [])[:2]}
            for key, count in total.by_field.most_common(args.gaps)
        ]
    return result


def table(result: dict[str, Any]) -> str:
    """The README table: per converter and family, right / wrong / missing (% of the XML's
    facts) and the invented values."""
    families = list(FAMILIES.values())
    before = result.get("before", {})
    head = "| converter | " + " | ".join(families) + " | all: right / wrong / missing / invented |"
    head += " before: right / wrong |" if before else ""
    lines = [head, "|" + " --- |" * (len(families) + 2 + bool(before))]
    for name, per in result["converters"].items():
        cells = []
        for fam in families:
            s = per.get(fam)
            cells.append(f"{s['right']:.1%}" if s else "-")
        a = per["all"]
        lines.append(
            f"| {name} | "
            + " | ".join(cells)
            + f" | {a['right']:.1%} / {a['wrong']:.1%} / {a['missing']:.1%} / {a['invented']} |"
            + (
                f" {before[name]['right']:.1%} / {before[name]['wrong']:.1%} |"
                if name in before
                else (" - |" if before else "")
            )
        )
    n = result["filings"]
    note = (
        f"\n{sum(n.values())} filings ({', '.join(f'{k} {v}' for k, v in n.items())}); OCR on "
        f"{result['ocr_per_form']} a form. Share of the XML's facts read right per family; "
        f"{result['date']}, {result['seconds']:.0f} s, load {result['load_average_1m']}."
        + (f" Before: the readers of {result['before_code']}." if before else "")
        + "\n"
    )
    return "\n".join(lines) + "\n" + note


def write_readme(readme: Path, text: str) -> None:
    body = readme.read_text(encoding="utf-8")
    start, end = body.find(README_START), body.find(README_END)
    if start < 0 or end < 0:
        print(f"{readme}: no {README_START} ... {README_END} block; table not written")
        return
    body = body[: start + len(README_START)] + "\n" + text + body[end:]
    readme.write_text(body, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--per-form", type=int, default=30, help="filings of each form (3, 4, 5, D)")
    ap.add_argument("--ocr-per-form", type=int, default=3, help="filings of each form OCR'd")
    ap.add_argument(
        "--synth",
        type=Path,
        default=Path("/tmp/bench/synth-s0"),
        help="a synthetic set (benchmarks/synth.py) to fill the sample",
    )
    ap.add_argument("--work", type=Path, default=Path("/tmp/fidelity"))
    ap.add_argument("--converters", nargs="*", help="only these converters")
    ap.add_argument(
        "--cached",
        action="store_true",
        help="run no converter: read the conversions already in --work (after a reader change)",
    )
    ap.add_argument("--gaps", type=int, default=12, help="commonest misses listed per converter")
    ap.add_argument("--out", type=Path, help="results.json to update (key 'fidelity')")
    ap.add_argument("--readme", type=Path, help="README with a fidelity block to update")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument(
        "--before",
        type=Path,
        help="a results.json of an earlier run (other code) whose figures to show beside",
    )
    ap.add_argument("--before-code", default="", help="what code the --before run read with")
    args = ap.parse_args()
    result = run(args)
    if args.before:
        earlier = json.loads(args.before.read_text())["fidelity"]
        result["before"] = {k: v["all"] for k, v in earlier["converters"].items()}
        result["before_code"] = args.before_code
    print(table(result))
    if args.out:
        data = json.loads(args.out.read_text()) if args.out.exists() else {}
        data["fidelity"] = result
        args.out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    if args.readme:
        write_readme(args.readme, table(result))


if __name__ == "__main__":
    main()
