"""HTML to text that keeps the document's blocks, for parsers that read EDGAR HTML.

Built on :mod:`lxml.html` rather than selectolax: the parsers that read SEC renderings need a
tree they can walk both ways (an element's parent, its following siblings, its ``tail`` text),
XPath, and ``sourceline`` for spans, and ``lxml-stubs`` keeps them under ``mypy --strict``.
selectolax is faster but exposes none of that, and EDGAR pages are small.

Public API (pure; no network, no external entities, no DTD loading):

``parse_html(markup) -> HtmlElement``
    The document root. ``markup`` is ``str`` or ``bytes``; an XML declaration (``<?xml
    encoding='ASCII'?>`` as inline XBRL files start) is accepted. Comments and processing
    instructions are dropped.
``html_to_text(markup_or_root) -> str``
    Paragraphs, headings, ``div``, ``li`` and ``br`` end lines; a table becomes one line per
    row with its non-empty cells joined by a tab; ``script``, ``style``, ``head``, inline
    XBRL's hidden ``ix:header`` and ``display:none`` blocks are dropped; entities are decoded
    and the result goes through :func:`secgraph.normalize.text.clean_text` (non-breaking
    spaces become spaces). Runs of spaces collapse; at most one blank line separates blocks.
``element_text(el) -> str``
    An element's text with white space collapsed (for a table cell, a label, a name).
``looks_like_html(head) -> bool``
    Whether a document's first characters are HTML markup (cheap, for ``detect``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from secgraph.models import ParseWarning, Span
from secgraph.normalize.text import clean_text

# Elements whose content is never shown. ``ix:header`` holds inline XBRL's hidden facts,
# contexts and units; libxml2's HTML parser keeps the prefix and lower-cases the name.
_SKIP = frozenset({"script", "style", "head", "title", "noscript", "template", "ix:header"})
# Elements that start and end a paragraph (a blank line around them).
_PARAGRAPH = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "blockquote", "pre", "center"}
)
# Elements that start and end a line.
_LINE = frozenset(
    {
        "div", "li", "dt", "dd", "tr", "section", "article", "header", "footer", "address",
        "form", "hr", "caption", "fieldset", "figure", "body", "html", "nav", "main", "aside",
        "document", "type", "sequence", "filename", "description", "text",  # EDGAR SGML tags
    }
)  # fmt: skip
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_SPACES = re.compile(r"[ \f\v\r\n\u00a0\u2000-\u200b\u3000]+")
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*>")
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|body|table|div|p|font|center)\b", re.IGNORECASE)
_HTML_TAG_NAME = re.compile(
    r"<(!doctype\s+html|html|body|table|div|p|font|center|tr|td|br|b|i|a|span)\b", re.IGNORECASE
)
_ASCII_TABLE_MARK = re.compile(r"^<[SC]>", re.MULTILINE)

# Markers in the stream of pieces the walker emits.
_LINE_BREAK = "\x00L"
_PARA_BREAK = "\x00P"
_CELL_BREAK = "\x00C"


def _parser() -> lxml.html.HTMLParser:
    # A fresh parser per call: parsers are not shared between threads, and ``no_network``
    # plus libxml2's HTML mode (which never loads a DTD or resolves external entities) keeps
    # the parse offline and safe.
    return lxml.html.HTMLParser(
        encoding="utf-8",
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
    )


def parse_html(markup: str | bytes) -> HtmlElement:
    """Parse EDGAR HTML (or XHTML / inline XBRL) into an lxml tree, safely and offline."""
    data = markup.encode("utf-8") if isinstance(markup, str) else markup
    # The declaration may claim an encoding the decoded text no longer has (inline XBRL says
    # "ASCII"); the parser is told UTF-8 explicitly, so the declaration is only noise.
    data = _XML_DECL.sub(b"", data, count=1)
    if not data.strip():
        data = b"<html></html>"
    return lxml.html.document_fromstring(data, parser=_parser())


def looks_like_html(head: str) -> bool:
    """True when the first few KiB contain an HTML start tag (``<html``, ``<table``...).

    EDGAR's ASCII documents mark their tables with ``<TABLE>``, ``<S>`` and ``<C>`` lines in
    plain text (Stockwalk.com, 0000950124-00-004609): a ``<table>`` with those column marks
    and no other HTML tag is text, whose line breaks are its layout."""
    found = _HTML_START.search(head)
    if found is None:
        return False
    if _ASCII_TABLE_MARK.search(head) is None:
        return True
    return any(m.group(1).lower() != "table" for m in _HTML_TAG_NAME.finditer(head))


def _tag(el: etree._Element) -> str | None:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else None


def _hidden(el: etree._Element) -> bool:
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _rows(table: etree._Element) -> Iterator[etree._Element]:
    """The rows of ``table`` itself (through thead/tbody/tfoot), not of nested tables."""
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            yield from (row for row in child if _tag(row) == "tr")


def _walk(el: etree._Element, out: list[str]) -> None:
    tag = _tag(el)
    if tag is None or tag in _SKIP or _hidden(el):
        return  # comments and PIs are removed by the parser; tails are emitted by the caller
    if tag == "br":
        out.append(_LINE_BREAK)
        return
    if tag == "table":
        out.append(_PARA_BREAK)
        for row in _rows(el):
            cells: list[str] = []
            for cell in row:
                if _tag(cell) not in ("td", "th"):
                    continue
                text = " ".join(_collapse(_render(cell)).split())
                if text:
                    cells.append(text)
            if cells:
                out.append(_CELL_BREAK.join(cells))
                out.append(_LINE_BREAK)
        out.append(_PARA_BREAK)
        return
    if tag == "pre":
        # Preformatted text (pre-2001 8-Ks are often one <pre>) keeps its own line breaks.
        raw = "".join(str(piece) for piece in el.itertext())
        out.extend((_PARA_BREAK, raw.replace("\n", _LINE_BREAK), _PARA_BREAK))
        return
    block = _PARA_BREAK if tag in _PARAGRAPH else _LINE_BREAK if tag in _LINE else None
    if block:
        out.append(block)
    if el.text:
        out.append(el.text)
    for child in el:
        _walk(child, out)
        if child.tail:
            out.append(child.tail)
    if block:
        out.append(block)


def _render(el: etree._Element) -> list[str]:
    out: list[str] = []
    _walk(el, out)
    return out


def _collapse(pieces: list[str]) -> str:
    """Join walker pieces into text: spaces collapsed, blocks as newlines, cells as tabs."""
    text = "".join(pieces)
    text = _SPACES.sub(" ", text)
    text = text.replace(_CELL_BREAK, "\t")
    text = text.replace(_PARA_BREAK, "\n\n").replace(_LINE_BREAK, "\n")
    lines = [line.strip(" ") for line in text.split("\n")]
    lines = ["\t".join(cell.strip() for cell in line.split("\t")) for line in lines]
    joined = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", joined).strip("\n")


def html_to_text(markup: str | bytes | HtmlElement) -> str:
    """The visible text of an HTML document, one block per line, tables as tab-joined rows."""
    root = markup if isinstance(markup, HtmlElement) else parse_html(markup)
    return clean_text(_collapse(_render(root)))


def element_text(el: etree._Element | None) -> str:
    """The text of one element with every run of white space (and nbsp) as one space."""
    if el is None:
        return ""
    if not isinstance(el, HtmlElement):
        return " ".join("".join(str(p) for p in el.itertext()).split())
    return " ".join(clean_text(el.text_content()).split())


@dataclass
class HtmlPage:
    """A parsed SEC rendering and the warnings gathered while reading it.

    Spans point at the element: its source line and its path in the tree."""

    tree: etree._ElementTree
    name: str
    warnings: list[ParseWarning] = field(default_factory=list)

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    def span(self, el: etree._Element) -> Span:
        return Span(line=el.sourceline, path=self.tree.getpath(el))

    def warn(self, code: str, message: str, el: etree._Element | None = None) -> None:
        span = self.span(el) if el is not None else None
        self.warnings.append(ParseWarning(code=code, message=message, span=span))


_RAW_TABLE = re.compile(r"<table\b.*?</table>(?:\s*</td>\s*</tr>.*?</table>)*", re.S | re.I)


_TABLE_OPEN = re.compile("<table", re.I)


def tables_as_text(text: str) -> str:
    """Raw HTML tables left in a markdown document (pandoc's gfm writer keeps a table it
    cannot draw with pipes as HTML) as text: tab-joined rows (:func:`html_to_text`), each
    table's block keeping its number of lines (padded with empty ones), so the lines after
    it keep their numbers. Text without a table is returned as it is."""
    # Searched without a lowercased copy of the text, and from where the last table ended: a
    # copy per table made many tables cost the text's size each (issue 14).
    found = _TABLE_OPEN.search(text)
    if found is None:
        return text
    out: list[str] = []
    at = 0
    depth_re = re.compile(r"<(/?)table\b", re.I)
    while True:
        found = _TABLE_OPEN.search(text, at)
        start = -1 if found is None else found.start()
        if start < 0:
            out.append(text[at:])
            break
        depth, end = 0, start
        for m in depth_re.finditer(text, start):
            depth += -1 if m.group(1) else 1
            if depth == 0:
                close = text.find(">", m.end())  # none: "</table" ends the text
                end = len(text) if close < 0 else close + 1
                break
        else:
            out.append(text[at:])
            break
        block = text[start:end]
        rendered = html_to_text(block).split("\n")
        lines = block.count("\n") + 1
        if len(rendered) < lines:
            rendered += [""] * (lines - len(rendered))
        else:
            rendered = [*rendered[: lines - 1], " ".join(rendered[lines - 1 :])]
        out.append(text[at:start] + "\n".join(rendered))
        at = end
    return "".join(out)
