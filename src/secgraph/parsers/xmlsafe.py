"""The one safe way secgraph reads XML: no entities, no DTDs, no network, bounded size.

Every XML parser of secgraph (ownership documents, Form D, XML found inside a full
submission) calls :func:`parse_xml`. EDGAR XML never needs a DTD or an entity declaration, so
a document that declares entities (billion laughs, ``SYSTEM "file:///etc/passwd"``) or points
at an external DTD is refused before libxml2 reads it, with
:class:`~secgraph.errors.UnsafeDocumentError` naming the file and the line of the declaration;
libxml2 itself runs with entities unresolved, no network, no DTD loading and no huge trees.
Ill-formed or truncated XML raises :class:`~secgraph.errors.MalformedDocumentError` with
libxml2's own line and column. The parsers' value readers live here too (``text_of``,
``to_decimal``, ``to_date``, ``to_bool``), tuned for the hundred values a filing has.

EDGAR quirks handled here, once, so parsers never see them:

* a UTF-8 byte order mark, and blank lines *before* the ``<?xml ...?>`` declaration
  (``edgartools__D.APFund.xml`` starts with a newline), which XML forbids;
* the ``<XML>`` ... ``</XML>`` wrapper a document keeps when cut out of a full submission;
* old Mac line ends (a lone CR, as in the ``.nc`` feed files), which libxml2 does not count as
  lines, so ``sourceline`` would stay 1 for the whole document;
* a default namespace on the root, removed so parsers match plain tag names.

Every rewrite keeps line numbers: spans and error positions point at the input as given.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, cast

from lxml import etree

from secgraph.errors import MalformedDocumentError, UnsafeDocumentError
from secgraph.normalize.dates import parse_date
from secgraph.normalize.numbers import parse_decimal
from secgraph.normalize.text import clean_text

# An ownership document is a few tens of kilobytes; the largest Form 4 in the corpus (137
# transactions split over five filings, 0000899243-21-044235) is 68 KB. Far above that is not
# a filing.
MAX_XML_BYTES = 16 * 1024 * 1024

_BOM = b"\xef\xbb\xbf"
_DECLARATION = re.compile(rb"<\?xml[^>]*\?>")
_XML_WRAPPER_OPEN = re.compile(rb"\A(\s*)<XML>", re.IGNORECASE)
_XML_WRAPPER_CLOSE = re.compile(rb"</XML>(\s*)\Z", re.IGNORECASE)
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")
_POSITION_SUFFIX = re.compile(r", line \d+, column \d+$")
_EXTERNAL_ID = re.compile(rb"<!DOCTYPE\s+[^\s\[>]+\s+(?:SYSTEM|PUBLIC)\b")


def _parser(keep_blank_text: bool = True) -> etree.XMLParser:
    # A fresh parser per document: lxml parsers keep state and are not thread-safe, and one
    # costs under a microsecond to build.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
        remove_blank_text=not keep_blank_text,
    )


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def prepare(data: bytes) -> bytes:
    """The bytes libxml2 should read: BOM dropped, ``<XML>`` wrapper blanked, white space
    before the declaration moved after it, lone CRs turned into LFs. Line numbers unchanged."""
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    opened = _XML_WRAPPER_OPEN.match(data)
    if opened is not None:
        closed = _XML_WRAPPER_CLOSE.search(data)
        # Blank the wrapper tags in place (same length) so offsets and lines stay put.
        head = opened.group(1) + b" " * len(b"<XML>")
        data = head + data[opened.end() :]
        if closed is not None:
            data = data[: closed.start()] + b" " * len(b"</XML>") + closed.group(1)
    stripped = data.lstrip()
    if len(stripped) != len(data) and stripped.startswith(b"<?xml"):
        # XML allows nothing before the declaration. Moving the leading white space just after
        # it keeps every later line where it was (the declaration holds no newline).
        decl = _DECLARATION.match(stripped)
        if decl is not None:
            lead = data[: len(data) - len(stripped)]
            data = decl.group(0) + lead + stripped[decl.end() :]
    return data


def check_safe(data: bytes, source: str) -> bool:
    """Refuse a document that declares entities, or that is too large to be a filing.
    Returns whether the document has a DOCTYPE at all (none of EDGAR's do)."""
    if len(data) > MAX_XML_BYTES:
        raise UnsafeDocumentError(
            f"XML document is {len(data)} bytes, over the {MAX_XML_BYTES}-byte limit",
            source=source,
        )
    # A declaration comes before the root element ("<!DOCTYPE" after it is text or CDATA), so
    # only the prolog is searched, not the whole document: it runs on every document.
    first = _FIRST_ELEMENT.search(data)
    start = data.find(b"<!DOCTYPE", 0, len(data) if first is None else first.start())
    if start < 0:
        return False
    external = _EXTERNAL_ID.match(data, start)
    if external is not None:
        raise UnsafeDocumentError(
            "XML refers to an external DTD (DOCTYPE ... SYSTEM/PUBLIC); EDGAR filings never "
            "do, and external resources are never loaded",
            source=source,
            line=_line_of(data, start),
        )
    entity = data.find(b"<!ENTITY", start)
    root_start = _FIRST_ELEMENT.search(data, start)
    if entity >= 0 and (root_start is None or entity < root_start.start()):
        raise UnsafeDocumentError(
            "XML declares entities (<!ENTITY ...> in its DOCTYPE); EDGAR filings never do, "
            "and entity expansion or external entities are refused",
            source=source,
            line=_line_of(data, entity),
        )
    return True


def _strip_namespaces(root: etree._Element) -> None:
    for el in root.iter():
        tag = el.tag
        if isinstance(tag, str) and tag[0] == "{":
            el.tag = tag.split("}", 1)[1]
    etree.cleanup_namespaces(root)


def parse_xml(data: bytes, source: str, *, keep_blank_text: bool = True) -> etree._Element:
    """Parse one XML document safely and return its root element.

    ``keep_blank_text=False`` drops the white space between elements as libxml2 parses (its
    NOBLANKS rule: white-space-only text that is neither an element's only content nor beside
    other text), a fifth less work for an indented filing. An element's own text is kept, so
    only text read across child elements (``itertext``) can change: a caller reading mixed
    content must parse with the white space kept.

    Raises :class:`UnsafeDocumentError` (entity declarations, oversize) and
    :class:`MalformedDocumentError` (ill-formed, truncated, wrong encoding) naming ``source``
    and the line and column where libxml2 stopped.
    """
    data = prepare(data)
    has_doctype = check_safe(data, source)
    try:
        root = etree.fromstring(data, _parser(keep_blank_text))
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (exc.lineno, None)
        message = _POSITION_SUFFIX.sub("", exc.msg)  # the position is carried, not repeated
        raise MalformedDocumentError(
            f"ill-formed XML: {message}", source=source, line=line, column=column
        ) from exc
    # Reading docinfo costs a third of the parse, so only for the rare document with a DOCTYPE.
    dtd: Any = root.getroottree().docinfo.internalDTD if has_doctype else None
    if dtd is not None and any(True for _ in dtd.iterentities()):
        # check_safe sees every declaration in practice; this guards the parser's own view.
        raise UnsafeDocumentError(
            "XML declares entities in its DOCTYPE", source=source, line=cast("int", root.sourceline)
        )
    if isinstance(root.tag, str) and root.tag.startswith("{"):
        _strip_namespaces(root)
    return root


_ROOT_AFTER_PROLOG = re.compile(
    r"""\A\s*(?:<XML>\s*)?            # EDGAR's wrapper of a document cut from a submission
    (?:<\?xml[^>]*\?>\s*)?            # declaration
    (?:(?:<!--.*?-->|<\?.*?\?>)\s*)*  # comments and processing instructions
    (?:<!DOCTYPE[^[>]*(?:\[.*?\])?\s*>\s*)?
    (?:(?:<!--.*?-->|<\?.*?\?>)\s*)*
    <(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)""",
    re.DOTALL | re.IGNORECASE | re.VERBOSE,
)


def root_name(head: str) -> str | None:
    """The local name of the first element of an XML text, from its first characters, or
    None when the text does not start like an XML document. Cheap: for ``detect``."""
    match = _ROOT_AFTER_PROLOG.match(head.lstrip("\ufeff"))
    return match.group(1) if match else None


# ---------------------------------------------------------------------------------------------
# Reading values. Shared by the XML parsers; written for speed, as a filing reads a hundred.

#: The 1-based line of an element (lxml-stubs leave ``sourceline`` untyped). A C-level getter.
line_of: Callable[[etree._Element], int | None] = operator.attrgetter("sourceline")

#: The children of an element, as a list (``el[:]``; lxml-stubs type only integer indexes).
#: lxml builds the list in one call: walking it is a third cheaper than iterating the element.
children_of: Callable[[etree._Element], list[etree._Element]] = operator.itemgetter(slice(None))

# Characters XML text may hold that need no repair: ASCII and common typographic marks.
# Anything else (mojibake such as "â€™", a lone "Â", non-breaking spaces, look-alike letters)
# goes through clean_text; ftfy costs ~70 us per footnote, so it runs only when needed.
_NEEDS_CLEANING = re.compile(r"[^\x00-\x7f\u2018\u2019\u201c\u201d\u2013\u2014\u2022\u2026]")


def clean(raw: str) -> str:
    """``raw`` through :func:`~secgraph.normalize.text.clean_text` when it needs repair."""
    return clean_text(raw) if _NEEDS_CLEANING.search(raw) else raw


def text_of(el: etree._Element) -> str | None:
    """An element's own text, stripped and repaired; None when blank."""
    raw = el.text
    if raw is None:
        return None
    raw = raw.strip()
    if not raw:
        return None
    return raw if raw.isascii() else clean(raw)


def all_text_of(el: etree._Element) -> str | None:
    """The text of an element and its descendants (footnotes, remarks); None when blank."""
    if len(el):
        raw = "".join(cast("list[str]", list(el.itertext()))).strip()
    else:
        # No child: the element's own text is all there is, read without itertext's iterator
        # (ten times the cost, for the half dozen footnotes of a filing).
        raw = (el.text or "").strip()
    if not raw:
        return None
    return raw if raw.isascii() else clean(raw)


_TRUE = frozenset({"1", "true", "TRUE", "True", "Y", "y", "yes", "Yes", "YES"})
_FALSE = frozenset({"0", "false", "FALSE", "False", "N", "n", "no", "No", "NO"})
_PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?\Z")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def to_bool(text: str) -> bool:
    """XML booleans as EDGAR writes them: ``1``/``0``, ``true``/``false`` (and Y/N)."""
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"{text!r} is not a yes/no flag")


def to_decimal(text: str) -> Decimal:
    # isdecimal() is the regex's \d+ without the regex: the whole numbers, most of them, first.
    if text.isdecimal() or _PLAIN_NUMBER.match(text):
        return Decimal(text)
    value = parse_decimal(text)
    if value is None:
        raise ValueError(f"{text!r} is not a number")
    return value


def to_date(text: str) -> dt.date:
    """ISO dates, also with a time or zone after them (``2011-12-15-05:00``); else the
    explicit formats of :func:`~secgraph.normalize.dates.parse_date`."""
    if _ISO_DATE.match(text):
        return dt.date.fromisoformat(text[:10])
    value = parse_date(text)
    if value is None:
        raise ValueError(f"{text!r} is not a date")
    return value
