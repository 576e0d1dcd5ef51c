"""The habits of the tools that turn a web page or a PDF into text, undone line by line.

Each converter writes the same page its own way (the fidelity harness, ``make fidelity-forms``,
runs them on the SEC's renderings): w3m and html2text draw tables with box characters or
pipes and rules; lynx prefixes every link with its number (``[1]Scarpelli Michael``) and
prints superscripts as ``^(1)``; pandoc writes them as Unicode superscripts (``⁽¹⁾``);
html2text underlines a link's words (``Snowflake_Inc._[_SNOW_]``) and leaves entities
(``&#x27;``); pdftotext -layout and pandoc separate columns by runs of spaces. A form's own
underline rows (``____``), markdown rules (``---``) and box borders are no values.

Public API (pure; none changes the number of lines, so line numbers stay valid spans):

``unmangle(line) -> str``
    Mojibake undone (ftfy) and non-breaking spaces as spaces, before anything else.
``normalize_converted_line(line) -> str``
    One line with the marks above rewritten: superscript and caret footnote marks as
    ``(1)`` (glued to the value they follow, as printed), link numbers dropped, entities
    decoded, underscores joining a link's words as spaces, box-drawing and pipe column
    borders as tabs, rules and underlines as a blank line (of the same length), and runs of
    three or more spaces (a layout's column gaps) as tabs (``indent_is_cell``: a deep
    indent too, as an empty first column, for a table whose first column is a title).
``drop_stray_bold(line) -> str``
    The ``**`` left of a bold span broken over two lines, removed.
``merge_boxed_rows(lines) -> list[str]``
    Rows of a box-drawn table (w3m) whose cells wrap over several lines, each rebuilt into
    one tab-separated line (the row's first line; the others left empty).
``merged_boxed_rows(lines) -> Iterator[str]``
    The same over a stream of lines, a run of box-drawn lines at a time.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Sequence

import ftfy

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾", "0123456789()")
_SUPER_MARK = re.compile(r"[⁽][⁰¹²³⁴⁵⁶⁷⁸⁹]+[⁾]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_CARET_MARK = re.compile(r"\^(?=\(\d{1,2}\)|\*{1,2})")
_LINK_NUMBER = re.compile(r"\[\d{1,3}\](?=[A-Za-z0-9$(])")
_ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
# Words of a link joined by underscores: "Snowflake_Inc._[_SNOW_]__".
_UNDERLINED = re.compile(r"(?<=[^\s_\\])_+(?=[^\s_])|(?<=[\]\)\.])_+|_+(?=\[)")
_BOX_VERTICAL = "│┃║|"
_BOX_CHARS = "─━═┄┅┈┉╌╍┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬╒╓╕╖╘╙╛╜╞╟╡╢╤╥╧╨╪╫"
_RULE = re.compile(rf"^[\s{_BOX_CHARS}{_BOX_VERTICAL}_\-=+*~.]*$")
_BORDER = re.compile(rf"^\s*[{_BOX_VERTICAL}]|[{_BOX_VERTICAL}]\s*$")
_INNER_BORDER = re.compile(rf"\s*[{_BOX_VERTICAL}]\s*")
_GAP = re.compile(r" {3,}")
_LOOSE_CARET = re.compile(r"\^(?=\s|$)")
_BOLD_EDGE = re.compile(r"(?<=[^\s*])\*\*(?=\s|$)|(?:^|(?<=\s))\*\*(?=[^\s*])")
_BOX_RUN = re.compile(rf"\s*[{_BOX_CHARS}]+\s*")


def _is_rule(line: str) -> bool:
    # A rule is a line of border or underline characters only, at least three of them.
    return bool(_RULE.match(line)) and sum(not c.isspace() for c in line) >= 3


def _has_box(line: str) -> bool:
    return any(c in line for c in "│┃║") or (line.lstrip().startswith("|") and line.count("|") > 1)


def unmangle(line: str) -> str:
    """Mojibake undone and non-breaking spaces made spaces: a box border read as
    Windows-1252 (``â”‚``) is no border until then."""
    if line.isascii():
        return line
    return ftfy.fix_encoding(line).replace("\u00a0", " ")


#: A compound whose line-end hyphen the converter removed (plain pdftotext joins "in-" and
#: "Fact" into "inFact"): a short particle, then a capital inside the word.
_LOST_COMPOUND_HYPHEN = re.compile(r"\b([A-Za-z]+-(?:in|of|at|by|on|to))([A-Z][a-z]+)\b")


def normalize_converted_line(line: str, *, indent_is_cell: bool = False) -> str:
    line = unmangle(line)
    if "-" in line:
        line = _LOST_COMPOUND_HYPHEN.sub(r"\1-\2", line)  # "Attorney-inFact": Attorney-in-Fact
    if _is_rule(line):
        return " " * len(line)  # blank, and the offsets of the lines after it stay
    if "&" in line:
        line = _ENTITY.sub(lambda m: html.unescape(m.group(0)), line)
    line = _SUPER_MARK.sub(lambda m: _super(m.group(0)), line)
    line = _LOOSE_CARET.sub("", _CARET_MARK.sub("", line))
    line = _LINK_NUMBER.sub("", line)
    if "_" in line:
        line = _UNDERLINED.sub(" ", line)
    if any(c in _BOX_CHARS for c in line):  # a border inside a line of text: a column gap
        line = _BOX_RUN.sub("\t", line)
    if _has_box(line):
        line = line.replace("║", "│").replace("┃", "│")
        line = _BORDER.sub("", line)  # the outer borders, once: an empty first cell stays
        line = _INNER_BORDER.sub("\t", line.strip(" "))
        # A cell that is a rule ("=====" under a name in html2text's boxes) is blank.
        return "\t".join("" if _is_rule(cell) else cell for cell in line.split("\t"))
    if "\t" not in line and _GAP.search(line):
        # Column gaps as tabs; with ``indent_is_cell``, a deep indent is an empty first
        # column ("      03/08/2023  M" under a title printed on the lines around it; lynx
        # indents every line by three spaces, which is no column).
        # A form feed (a new page) before the indent is part of it, not a first cell.
        stripped = line.lstrip(" \f")
        lead = line[: len(line) - len(stripped)]
        body = _GAP.sub("\t", stripped.rstrip(" "))
        line = ("\t" if indent_is_cell and len(lead) >= 6 else lead) + body
    return line


def _super(text: str) -> str:
    # Glued to its value as printed: "301,097(1)" annotates the number; a mark standing
    # alone (" (1)") is a cell of its own (an exercisable date given by a footnote).
    plain = text.translate(_SUPERSCRIPTS)
    return plain if plain.startswith("(") else f"({plain})"


_PIPE_BOXED = re.compile(r"^\s*\|.*\|\s*$")


def _cells(line: str) -> list[str] | None:
    if any(c in line for c in "│┃║"):
        inner = _BORDER.sub("", line.rstrip())
        return re.split(r"[│┃║]", inner)
    if _PIPE_BOXED.match(line) and line.count("|") > 2:  # html2text draws tables with pipes
        return line.strip()[1:-1].split("|")
    return None


def _join(pieces: list[str]) -> str:
    """A cell's wrapped pieces as one text: "Non-" + "Qualified" is one word."""
    text = ""
    for piece in pieces:
        text += piece if not text or text.endswith("-") else " " + piece
    return text


def _closes_row(cells: list[str]) -> bool:
    """html2text underlines a row's last line: every cell filled out with underscores."""
    return all(c.endswith("_") or not c.strip() for c in cells) and any(
        c.strip("_ ") for c in cells
    )


def merge_boxed_rows(lines: Sequence[str]) -> list[str]:
    """A box-drawn table's row whose cells wrap (w3m prints ``Class A`` / ``Common`` /
    ``Stock`` on three lines between two rules; html2text the same between pipes, its row's
    last line underlined): the lines of one row, which all have the same column borders,
    become one line, each column's pieces joined by a space."""
    out = list(lines)
    n = 0
    while n < len(lines):
        if _cells(lines[n]) is None or _is_rule(lines[n]):
            n += 1
            continue
        end = n
        while end < len(lines) and _cells(lines[end]) is not None and not _is_rule(lines[end]):
            end += 1
            last = _cells(lines[end - 1])
            if last is not None and _closes_row(last):
                break
        block = [_cells(lines[k]) for k in range(n, end)]
        widths = {len(c) for c in block if c is not None}
        borders = {tuple(i for i, ch in enumerate(lines[k]) if ch in "│┃║|") for k in range(n, end)}
        # Pipes without box characters: html2text's rows end with an underlined line; a
        # markdown table's (pandoc gfm) rows are one line each and are never merged.
        piped = not any(c in lines[n] for c in "│┃║")
        last_cells = block[-1] if block else None
        closed = last_cells is not None and _closes_row(last_cells)
        if end - n > 1 and len(widths) == 1 and len(borders) == 1 and (closed or not piped):
            columns = list(zip(*[c for c in block if c is not None], strict=True))
            merged = [_join([p.strip(" _") for p in col if p.strip(" _")]) for col in columns]
            out[n] = "│ " + " │ ".join(merged) + " │"
            for k in range(n + 1, end):
                out[k] = ""
        n = max(end, n + 1)
    return out


def merged_boxed_rows(lines: Iterable[str]) -> Iterator[str]:
    """:func:`merge_boxed_rows` over a stream of lines, one run of box-drawn lines at a time
    (a line without borders ends a run and is never changed), so a long text is never held
    as a list of its lines."""
    run: list[str] = []
    for line in lines:
        if _cells(line) is not None:
            run.append(line)
            continue
        if run:
            yield from merge_boxed_rows(run)
            run = []
        yield line
    yield from merge_boxed_rows(run)


def drop_stray_bold(line: str) -> str:
    """The ``**`` of a bold span that a converter broke over two lines (``**Common`` /
    ``Stock**``): what is left after the whole spans were read."""
    return _BOLD_EDGE.sub("", line) if "**" in line else line
