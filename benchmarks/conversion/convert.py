"""Real converters (Debian packages, run as a user would run them) and the seeds' kinds of
noise, each turning a rendered page into text.

Every converter is a function ``(page: Path, work: Path) -> str``; ``work`` is a folder of
this filing's intermediate files (the PDF printed once by Chromium is shared by the PDF
converters). Tools run under ``nice`` so the harness stays a background load.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

Converter = Callable[[Path, Path], str]

#: Debian package of each command (the Makefile installs the missing ones).
PACKAGES = {
    "chromium": "chromium",
    "pdftotext": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "tesseract": "tesseract-ocr",
    "lynx": "lynx",
    "w3m": "w3m",
    "html2text": "html2text",
    "pandoc": "pandoc",
}


def _run(args: list[str], *, timeout: float = 120) -> str:
    done = subprocess.run(
        ["nice", "-n", "15", *args],
        capture_output=True,
        timeout=timeout,
        check=True,
    )
    return done.stdout.decode("utf-8", errors="replace")


def _pdf(page: Path, work: Path) -> Path:
    pdf = work / "page.pdf"
    if not pdf.exists():
        profile = work / "chromium-profile"
        _run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                f"--user-data-dir={profile}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={pdf}",
                page.resolve().as_uri(),
            ]
        )
        shutil.rmtree(profile, ignore_errors=True)
    return pdf


def pdftotext_layout(page: Path, work: Path) -> str:
    return _run(["pdftotext", "-layout", "-enc", "UTF-8", str(_pdf(page, work)), "-"])


def pdftotext_plain(page: Path, work: Path) -> str:
    return _run(["pdftotext", "-enc", "UTF-8", str(_pdf(page, work)), "-"])


def ocr(page: Path, work: Path) -> str:
    """Chromium's PDF as 200 dpi images (pdftoppm), read by tesseract page by page."""
    images = work / "ocr"
    images.mkdir(exist_ok=True)
    _run(["pdftoppm", "-r", "200", "-gray", "-png", str(_pdf(page, work)), str(images / "p")])
    pages = sorted(images.glob("p-*.png"))
    text = "\n\f".join(_run(["tesseract", str(p), "-", "--psm", "6"], timeout=300) for p in pages)
    shutil.rmtree(images, ignore_errors=True)
    return text


def lynx(page: Path, work: Path) -> str:
    return _run(["lynx", "-dump", "-display_charset=utf-8", str(page.resolve())])


def w3m(page: Path, work: Path) -> str:
    return _run(["w3m", "-dump", "-T", "text/html", "-O", "UTF-8", str(page)])


def html2text(page: Path, work: Path) -> str:
    return _run(["html2text", "-utf8", str(page)])


def pandoc_gfm(page: Path, work: Path) -> str:
    return _run(["pandoc", "-f", "html", "-t", "gfm", str(page)])


def pandoc_plain(page: Path, work: Path) -> str:
    return _run(["pandoc", "-f", "html", "-t", "plain", str(page)])


# --------------------------------------------------------------------------- synthetic noise

# Latin capitals and the Cyrillic / Greek letters that look the same (the seeds: "Р" for the
# code P, "МА" for MA).
_LOOKALIKES = str.maketrans("AEKMHOPCTXB", "АЕКМНОРСТХВ")


def _rng(page: Path, salt: str) -> random.Random:
    return random.Random(f"{page.name}:{salt}")


def lookalikes(page: Path, work: Path) -> str:
    """pdftotext -layout with one word in five written in look-alike letters."""
    rng = _rng(page, "lookalikes")
    return re.sub(
        r"\b[A-Z][A-Za-z]*\b",
        lambda m: m.group(0).translate(_LOOKALIKES) if rng.random() < 0.2 else m.group(0),
        pdftotext_layout(page, work),
    )


def mojibake(page: Path, work: Path) -> str:
    """A web page's text saved as UTF-8 and read back as Windows-1252: every non-breaking
    space becomes "Â " (the seeds' lone Â), quotes and dashes three-letter garbage."""
    rng = _rng(page, "mojibake")
    text = re.sub(
        r"   +",
        lambda m: "\u00a0" + m.group(0)[1:] if rng.random() < 0.25 else m.group(0),
        w3m(page, work),
    )
    return text.encode("utf-8").decode("cp1252", errors="replace")


def lost_tabs(page: Path, work: Path) -> str:
    """pdftotext -layout with its column gaps as tabs, a third of them lost (one space)."""
    rng = _rng(page, "tabs")
    return re.sub(
        r" {2,}", lambda m: " " if rng.random() < 0.33 else "\t", pdftotext_layout(page, work)
    )


def bold_ticks(page: Path, work: Path) -> str:
    """w3m's text of the page with every filled-in value in markdown bold: the seeds'
    ``**X**`` ticks and ``**MASSACHUSETTS**`` values (a copy from a markdown viewer)."""
    bold = work / "bold.html"
    html = page.read_text(encoding="utf-8")
    html = re.sub(r'(<span class="(?:Small)?FormData">)([^<]+)(</span>)', r"\1**\2**\3", html)
    html = re.sub(r'(<td class="FormData"[^>]*>)([^<]+)(</td>)', r"\1**\2**\3", html)
    html = re.sub(r"(<a [^>]*>)([^<]+)(</a>)", r"\1**\2**\3", html)
    bold.write_text(html, encoding="utf-8")
    return w3m(bold, work)


CONVERTERS: dict[str, Converter] = {
    "pdftotext -layout": pdftotext_layout,
    "pdftotext": pdftotext_plain,
    "ocr (pdftoppm + tesseract)": ocr,
    "lynx -dump": lynx,
    "w3m -dump": w3m,
    "html2text": html2text,
    "pandoc -t gfm": pandoc_gfm,
    "pandoc -t plain": pandoc_plain,
    "noise: look-alike letters": lookalikes,
    "noise: mojibake": mojibake,
    "noise: lost tabs": lost_tabs,
    "noise: markdown bold": bold_ticks,
}
OCR = "ocr (pdftoppm + tesseract)"
