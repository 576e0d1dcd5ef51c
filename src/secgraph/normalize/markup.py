"""Markup left inside text converted from EDGAR web forms: inputs, bold, tick marks, escapes.

Converters that turn an EDGAR HTML form into text leave pieces of markup behind, and each
piece carries meaning a parser needs (the Form D seed mixes all of them in one document):

* HTML form inputs: ``<input type="text" value="TECOGEN INC"/>`` is a filled field;
  ``<input checked="" type="checkbox"/>`` a ticked box.
* Markdown bold marking the chosen or filled-in value: ``Relationship: Executive Officer
  **Director** Promoter`` (Director ticked), ``Last Name **Maxwell**`` (the value Maxwell).
* Tick marks: ``[X]``, ``[x]``, ``☒``/``☐`` and a bare ``X`` before a label (``X Director``).
* Markdown escapes (``\\$``) and inline tags (``<u>TECOGEN INC.</u>``).

Public API (all pure; none changes the number of lines, so line numbers stay valid spans):

``render_inputs(text) -> str``
    Each ``<input>`` becomes its value (HTML-unescaped; an empty text input becomes nothing);
    a checkbox or radio button becomes :data:`CHECKED` (``"[X]"``) or :data:`UNCHECKED`
    (``"[ ]"``) in place of the tag. Attributes are read by :mod:`html.parser`.
``strip_inline_tags(text) -> str``
    Drops inline formatting tags (``<u>``, ``<b>``, ``<span ...>``, ``<br>``...), keeps text.
``unescape_markdown(text) -> str``
    ``\\$`` -> ``$``, ``\\_`` -> ``_``, ``\\*`` -> ``*`` (any backslash-escaped ASCII punctuation).
``bold_spans(line) -> list[tuple[int, int, str]]``
    The ``**bold**`` spans of a line as (start, end, inner text); offsets are those of the inner
    text within ``line`` (the ``**`` markers excluded), so ``line[start:end] == text``.
``strip_bold(text) -> str``
    The text with ``**`` markers removed (after a parser has read what bold meant).
``is_checked(label, line) -> bool | None``
    True when the label is marked ticked (``[X]``, ``☒``, bare ``X``, or the label in bold),
    False when it is marked unticked (``[ ]``, ``☐``), None when the line says neither (or the
    label is absent): an unmarked label is ambiguous and callers must not guess.
``marked_options(line, options) -> list[tuple[str, int, int, bool | None]]``
    Every option of a group printed on a line (longest match first, so ``Commercial Banking``
    is not also ``Commercial``), with its offsets and its mark: True, False or None.
``checked_labels(labels, line) -> dict[str, bool | None]``
    :func:`is_checked` for a group of alternatives on one line, adding the line's convention:
    when some label is ticked by bold or a mark and the others carry no mark at all, the others
    are unticked (False). With no mark anywhere, every label stays None.
``is_markup_document(head) -> bool``
    Whether a document is still markup (HTML page, XML, an SGML submission) rather than text
    converted from it: text parsers decline those and leave them to the markup parsers.
``normalize_markup(text) -> str``
    The safe combination: :func:`render_inputs`, :func:`strip_inline_tags`,
    :func:`unescape_markdown`. Bold is kept, because only a parser knows what it means.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser

CHECKED = "[X]"
UNCHECKED = "[ ]"

# The extent of an <input> tag. Quoted attribute values may hold ">" so they are skipped as a
# whole; the attributes themselves are read by html.parser, never by this pattern.
_INPUT_TAG = re.compile(r"""<input\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)

_INLINE_TAGS = (
    "u|b|i|em|strong|span|font|sup|sub|small|big|ins|del|s|strike|mark|a|abbr|code|tt|br|wbr"
)
_INLINE_TAG = re.compile(
    rf"""</?(?:{_INLINE_TAGS})\b(?:[^>"'\n]|"[^"\n]*"|'[^'\n]*')*/?>""", re.IGNORECASE
)

# CommonMark: any ASCII punctuation may be backslash-escaped.
_MD_ESCAPE = re.compile(r"""\\([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")

# A bold span on one line: "**" + text without "*" at its ends + "**".
_BOLD = re.compile(r"\*\*(?=\S)([^*\n]*?\S)\*\*")

# Tick marks as converters print them. NFKC (clean_text) leaves these symbols unchanged.
_TICKED_MARKS = r"\[\s*[xX✓✔]\s*\]|\([xX]\)|[☒☑✓✔✗✘■]"
_UNTICKED_MARKS = r"\[\s*\]|\(\s\)|[☐□]"
_GAP = r"[ \t]*"


class _InputAttrs(HTMLParser):
    """Reads the attributes of the one tag it is fed (values come back HTML-unescaped)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = {k.lower(): v for k, v in attrs}

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def _input_attrs(tag: str) -> dict[str, str | None]:
    reader = _InputAttrs()
    reader.feed(tag)
    reader.close()
    return reader.attrs


def _render_input(match: re.Match[str]) -> str:
    attrs = _input_attrs(match.group(0))
    kind = (attrs.get("type") or "text").lower()
    if kind in ("checkbox", "radio"):
        return CHECKED if "checked" in attrs else UNCHECKED
    if kind in ("hidden", "submit", "button", "reset", "image"):
        return ""
    value = attrs.get("value") or ""
    # A value never spans lines in a form field; keep the document's line count intact.
    return " ".join(value.split())


def render_inputs(text: str) -> str:
    """Replace each ``<input>`` tag by its value or by a ``[X]``/``[ ]`` box marker."""
    if "<" not in text:
        return text
    return _INPUT_TAG.sub(_render_input, text)


def strip_inline_tags(text: str) -> str:
    """Drop inline formatting tags (``<u>``, ``</b>``, ``<span class=..>``, ``<br/>``)."""
    if "<" not in text:
        return text
    return _INLINE_TAG.sub(lambda m: " " if m.group(0)[1:3].lower() in ("br", "wb") else "", text)


def unescape_markdown(text: str) -> str:
    """``\\$`` -> ``$`` and the like, for every backslash-escaped ASCII punctuation mark."""
    if "\\" not in text:
        return text
    return _MD_ESCAPE.sub(r"\1", text)


def bold_spans(line: str) -> list[tuple[int, int, str]]:
    """``**bold**`` spans of ``line`` as (start, end, text) with ``line[start:end] == text``."""
    return [(m.start(1), m.end(1), m.group(1)) for m in _BOLD.finditer(line)]


def strip_bold(text: str) -> str:
    """Remove the ``**`` markers of bold spans, keeping their text."""
    if "**" not in text:
        return text
    return _BOLD.sub(r"\1", text)


def _label_pattern(label: str) -> str:
    # Words of a label may be split by any run of blanks in converted text; a label is a whole
    # phrase, never the start or end of a longer word.
    body = r"[ \t]+".join(re.escape(word) for word in label.split())
    return rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])"


_TICK_BEFORE = re.compile(rf"(?:{_TICKED_MARKS}){_GAP}$")
_UNTICK_BEFORE = re.compile(rf"(?:{_UNTICKED_MARKS}){_GAP}$")
# A bare X standing alone before the label ("X Director"), as PDF conversions print a tick,
# or in bold ("**X** Director", a markdown rendering of a ticked box).
_BARE_X_BEFORE = re.compile(rf"(?:^|(?<=[\s|:]))(?:[xX]|\*\*[xX]\*\*){_GAP}$")


def marked_options(
    line: str, options: Iterable[str], *, flags: int = re.IGNORECASE
) -> list[tuple[str, int, int, bool | None]]:
    """Each option printed on ``line`` as (option, start, end, state), in line order.

    Options are matched longest first without overlap, so ``Commercial Banking`` is never also
    read as ``Commercial``. ``state`` is True when a tick mark or bold marks the option, False
    for an empty box, None when nothing marks it. A mark belongs to the option right after it.
    """
    taken: list[tuple[str, int, int]] = []
    for option in sorted(set(options), key=len, reverse=True):
        if not option.strip():
            continue
        for m in re.finditer(_label_pattern(option), line, flags):
            if all(m.end() <= s or m.start() >= e for _, s, e in taken):
                taken.append((option, m.start(), m.end()))
    taken.sort(key=lambda t: t[1])
    bold = bold_spans(line)
    found: list[tuple[str, int, int, bool | None]] = []
    previous_end = 0
    for option, start, end in taken:
        before = line[previous_end:start]
        state: bool | None = None
        in_bold = any(b_start <= start and end <= b_end for b_start, b_end, _ in bold)
        if in_bold or _TICK_BEFORE.search(before):
            state = True
        elif _UNTICK_BEFORE.search(before):
            state = False
        elif _BARE_X_BEFORE.search(before):
            state = True
        found.append((option, start, end, state))
        previous_end = end
    return found


def is_checked(label: str, line: str) -> bool | None:
    """Whether ``label`` is marked ticked (True), marked unticked (False) or unmarked (None)."""
    states = [state for _, _, _, state in marked_options(line, [label], flags=0)]
    if True in states:
        return True
    if False in states:
        return False
    return None


def checked_labels(labels: Iterable[str], line: str) -> dict[str, bool | None]:
    """:func:`is_checked` for alternatives printed on one line, with the line's convention.

    ``Relationship: Executive Officer **Director** Promoter`` gives Director True and the two
    unmarked labels False, because the line shows how a tick is drawn. With no mark at all on
    the line every label stays None (the text does not say).
    """
    wanted = list(labels)
    found: dict[str, bool | None] = dict.fromkeys(wanted)
    present: set[str] = set()
    for option, _, _, state in marked_options(line, wanted, flags=0):
        present.add(option)
        if state is not None and found[option] is not True:
            found[option] = state
    if any(found.values()):
        for label in present:
            if found[label] is None:
                found[label] = False
    return found


# The first thing in a markup document: an XML declaration, a doctype, the root of an HTML page,
# EDGAR's SGML envelope or the PEM wrapper of 2009-era submissions.
_MARKUP_START = re.compile(
    r"""\A\s*(?:<\?xml|<!doctype|<html|<head|<body|<xml>|<sec-document|<sec-header|<ims-header
    |<document>|<submission>|<edgarsubmission|<ownershipdocument|<xbrl|-----BEGIN\ PRIVACY)""",
    re.IGNORECASE | re.VERBOSE,
)


def is_markup_document(head: str) -> bool:
    """True when ``head`` starts like an HTML page, an XML file or an SGML/PEM submission."""
    return bool(_MARKUP_START.match(head))


def normalize_markup(text: str) -> str:
    """Inputs rendered, inline tags dropped, markdown escapes undone. Bold is kept."""
    return unescape_markdown(strip_inline_tags(render_inputs(text)))
