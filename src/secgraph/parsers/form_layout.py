"""Reading a form converted to text: numbered sections, field labels, value cells, tick marks.

EDGAR forms (Form D, Forms 3/4/5) reach us as text in several renderings, and one document may
mix them. :class:`FormText` reads a field the same way whatever the rendering:

* ``Label value`` / ``Label: value`` / ``Label **value**`` on one line: the text after the label
  up to the next label, tick box or stop word;
* a row of labels, then a row of values (tab-split, split on runs of blanks, or bold spans):
  the value in the label's column.

A choice group (``[X] Corporation``, ``**Director**``, ``X Rule 506(b)``) is read with
:func:`secgraph.normalize.markup.marked_options`: a ticked option is True, an empty box False and
an unmarked one None, which callers must not turn into a guess.

Public API: :class:`FormText` (``section``, ``fields``, ``rows_below``, ``options``, ``ticked``,
``choice``, ``column_choices``, ``ticked_items``, ``label_line``, ``value_at``, ``span_of_line``)
and :class:`Value` (text plus its 0-based line and character offsets; ``span()`` gives a
1-based :class:`~secgraph.models.Span`). Labels are regular expressions whose blanks match any
run of spaces or tabs, matched case-insensitively as whole phrases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from secgraph.models import Span
from secgraph.normalize.lines import Lines, LineTexts
from secgraph.normalize.markup import marked_options, strip_bold

_CELL_SEP = re.compile(r"\t| {2,}")
_BOX = re.compile(r"\[\s*[xX✓✔]?\s*\]|[☒☑☐□]")
_RULE_LINE = re.compile(r"^[\s\-=_|:+]*$")  # blank, or a markdown table rule "---\t---"
# An item after a tick: "[X] CALIFORNIA", "☒ TEXAS", "X All States" (bare X as PDFs print it).
_TICKED_ITEM = re.compile(
    r"(?:\[\s*[xX]\s*\]|[☒☑]|(?:(?<=\s)|^)X(?=[ \t]))[ \t]*"
    r"((?:(?![ \t]X[ \t])[^\t\[☒☑☐])*[^\s\[☒☑☐])"
)
_SECOND_LINE = re.compile(
    r"(?<![,\s])\s+(?:Suite|Ste\.?|Unit|Apt\.?|Apartment|Floor|Fl\.|Room|Rm\.?|Bldg\.?|Building|"
    r"P\.?\s?O\.?\s+Box|#)\s*\w",
    re.IGNORECASE,
)
# A tick mark: a box ticked ("[X]", "☒"), or a bare or bold X standing alone ("X Director").
_TICK_MARK = re.compile(r"\[\s*[xX✓✔]\s*\]|[☒☑✓✔]|(?:^|(?<=[\s|]))\**X\**(?=[ \t]|$)")
_BARE_X_END = re.compile(r"(?:(?<=\s)|^)[xX][ \t]*$")


@lru_cache(maxsize=512)
def _compile(label: str) -> re.Pattern[str]:
    """A label regex as a whole phrase; its blanks match any run of spaces or tabs."""
    body = label.replace(" ", r"[ \t]+")
    return re.compile(rf"(?<![A-Za-z0-9])(?:{body})(?![A-Za-z0-9])", re.IGNORECASE)


def _literal(text: str) -> str:
    """A plain label as a label regex (its blanks stay blanks for :func:`_compile`)."""
    return " ".join(re.escape(word) for word in text.split())


def _plain(label: str) -> str:
    """A label regex as the words it prints (optional groups and escapes dropped)."""
    text = re.sub(r"\(\?:[^()]*\)\?|\(\?:|\)\?|[?^$]|\\W\*", "", label)
    return text.split("|")[0].replace("\\", "")


def _indent(line: str) -> int:
    """Where a line's first cell starts: after its blanks, and a form feed (a new page)
    before them."""
    return len(line) - len(line.lstrip(" \f"))


def _label_piece(text: str, labels: dict[str, str]) -> bool:
    """Whether ``text`` is whole words of a label, in the label's order (a label wrapped over
    lines: "CRD Number" of "Recipient CRD Number")."""
    words = [w for w in map(_letters, text.split()) if w]
    if not words or len("".join(words)) < 3:
        return False
    for label in labels.values():
        printed = [w for w in map(_letters, _plain(label).split()) if w]
        n = len(words)
        if any(printed[k : k + n] == words for k in range(len(printed) - n + 1)):
            return True
    return False


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


@dataclass(frozen=True)
class Value:
    """A value read from the form: its text and where it is (0-based line, text offsets)."""

    text: str
    line: int
    start: int
    end: int

    def span(self) -> Span:
        return Span(line=self.line + 1, start=self.start, end=self.end)


Hit = tuple[str, int, int]  # label key, start, end within the line


class FormText:
    """The normalized text of a form, split into its numbered sections, with field readers."""

    def __init__(self, text: str, titles: dict[int, str]) -> None:
        self.text = text
        # Made when read: lists of every line and offset took 17 times a short-line text.
        lines = Lines(text)
        self.lines = LineTexts(lines)
        self.starts = lines.starts
        self.sections = self._sections(titles)

    def _sections(self, titles: dict[int, str]) -> dict[int, tuple[int, int]]:
        heads: list[tuple[int, int]] = []
        for i, line in enumerate(self.lines):
            number = _heading(line, titles)
            if number is not None and number not in {n for _, n in heads}:
                heads.append((i, number))
        sections: dict[int, tuple[int, int]] = {}
        for k, (i, number) in enumerate(heads):
            end = heads[k + 1][0] if k + 1 < len(heads) else len(self.lines)
            sections[number] = (i + 1, end)
        return sections

    def section(self, number: int) -> tuple[int, int]:
        """Line range (start, end) of a section's body; empty when the heading is missing."""
        return self.sections.get(number, (0, 0))

    def find(self, i: int, label: str) -> re.Match[str] | None:
        return _compile(label).search(self.lines[i])

    def label_line(self, lo: int, hi: int, label: str) -> int | None:
        return next((i for i in range(lo, hi) if self.find(i, label)), None)

    def span_of_line(self, i: int) -> Span:
        return Span(line=i + 1, start=self.starts[i], end=self.starts[i] + len(self.lines[i]))

    def hits(self, i: int, labels: dict[str, str]) -> list[Hit]:
        """Labels on line ``i``, longest first without overlap, in line order."""
        line = self.lines[i]
        found = [
            (key, m.start(), m.end())
            for key, label in labels.items()
            for m in _compile(label).finditer(line)
        ]
        found.sort(key=lambda h: h[1] - h[2])
        taken: list[Hit] = []
        for hit in found:
            if all(hit[2] <= s or hit[1] >= e for _, s, e in taken):
                taken.append(hit)
        return sorted(taken, key=lambda h: h[1])

    def value(self, i: int, a: int, b: int) -> Value | None:
        """The trimmed text of ``line[a:b]`` (bold markers, colons, a bullet removed)."""
        line = self.lines[i]
        while a < b and line[a] in " \t:*":
            a += 1
        if line.startswith("- ", a):
            a += 2
        while b > a and line[b - 1] in " \t*":
            b -= 1
        text = " ".join(strip_bold(line[a:b]).split())
        if not text:
            return None
        return Value(text, i, self.starts[i] + a, self.starts[i] + b)

    def value_at(self, i: int) -> Value | None:
        return self.value(i, 0, len(self.lines[i]))

    def fields(
        self,
        lo: int,
        hi: int,
        labels: dict[str, str],
        stops: Iterable[str] = (),
        wraps: Iterable[str] = (),
    ) -> dict[str, Value]:
        """The first value of each label in lines ``lo:hi``: inline, else in the row below.

        A value of a key in ``wraps`` (a name, a title: free text a narrow column wraps) read
        in the row below goes on over the lines under it whose cell starts in its column
        (:meth:`_continued`)."""
        stop_res = [_compile(_literal(stop)) for stop in stops]
        wrapping = set(wraps)
        found: dict[str, Value] = {}
        for i in range(lo, hi):
            hits = self.hits(i, labels)
            pending: list[int] = []
            for j, (key, _, end) in enumerate(hits):
                limit = hits[j + 1][1] if j + 1 < len(hits) else len(self.lines[i])
                value = self._inline(i, end, limit, stop_res)
                if value is not None and _label_piece(value.text, labels):
                    value = None  # a wrapped label's words ("Recipient CRD" / "Number")
                if value is not None:
                    found.setdefault(key, value)
                elif key not in found:
                    pending.append(j)
            if pending:
                row = self._row_below(i, hi, labels)
                one_wrapping = len(hits) == 1 and hits[0][0] in wrapping
                if row is not None and not one_wrapping and self._wrapped(row, hi, labels):
                    # The values' row goes on over the next line ("13241 Bartram Park" /
                    # "Blvd."): a cell wrapped, and which cell is not known. Not read.
                    row = None
                if row is not None:
                    below = self._row_values(i, row, hits, labels, stop_res, pieces_out=True)
                    for j in pending:
                        key = hits[j][0]
                        if key in below:
                            value = below[key]
                            if key in wrapping:
                                value = self._continued(value, hi, labels)
                            found.setdefault(key, value)
        return found

    def _continued(self, value: Value, hi: int, labels: dict[str, str]) -> Value:
        """``value`` with the lines under it that go on in its column: a cell that starts
        where the value starts (to a blank), holds no label nor the start of one, no tick and
        no colon ("AP Fund IV, a series of" / "Inference Technology" / "Partners, LP")."""
        k = value.line
        column = value.start - self.starts[k]
        text, end = value.text, value.end
        heads = [_letters(_plain(label)) for label in labels.values()]
        for m in range(k + 1, hi):
            line = self.lines[m]
            if _RULE_LINE.match(line) or self.hits(m, labels) or _BOX.search(line):
                break
            cell = next(
                ((a, b) for a, b in self._cells(m, 0) if abs(self._skip(m, a) - column) <= 1),
                None,
            )
            if cell is None:
                break
            piece = self.value(m, *cell)
            if piece is None or re.search(r"[:?]|^X$|^X\s", piece.text):
                break
            letters = _letters(piece.text)
            if len(letters) >= 4 and any(head.startswith(letters) for head in heads):
                break  # a label wrapped over lines ("Jurisdiction of" / "Incorporation/")
            glue = "" if re.search(r"[A-Za-z]-$", text) else " "
            text, end = text + glue + piece.text, piece.end
        return Value(text, value.line, value.start, end)

    def _skip(self, m: int, a: int) -> int:
        """Offset of the first non-blank character at or after ``a`` on line ``m``."""
        line = self.lines[m]
        while a < len(line) and line[a] in " \t*":
            a += 1
        return a

    def paragraph(self, lo: int, hi: int, label: str, stops: dict[str, str]) -> Value | None:
        """A free-text field (a clarification) in ``lo:hi``: the text after ``label`` on its
        line, else the lines below it (after blank lines) up to a blank line, a label of
        ``stops``, a tick box or ``hi``. A paragraph every converter wraps at its own width
        is one value: its lines are joined by a blank (by nothing after a hyphen that ends a
        line inside a word, "one-" / "time")."""
        i = self.label_line(lo, hi, label)
        if i is None:
            return None
        m = self.find(i, label)
        assert m is not None
        inline = self.value(i, m.end(), len(self.lines[i]))
        if inline is not None:
            return inline
        k = i + 1
        while k < hi and not self.lines[k].strip(" \t\f"):
            k += 1
        pieces: list[Value] = []
        while k < hi:
            line = self.lines[k]
            if _RULE_LINE.match(line) or self.hits(k, stops) or _BOX.search(line):
                break
            piece = self.value_at(k)
            if piece is None:
                break
            pieces.append(piece)
            k += 1
        if not pieces:
            return None
        text = pieces[0].text
        for piece in pieces[1:]:
            glue = "" if re.search(r"[A-Za-z]-$", text) else " "
            text += glue + piece.text
        return Value(text, pieces[0].line, pieces[0].start, pieces[-1].end)

    def rows_below(self, i: int, hi: int, labels: dict[str, str]) -> list[dict[str, Value]]:
        """Every value row under the label row ``i`` (a table of several signers)."""
        hits = self.hits(i, labels)
        rows: list[dict[str, Value]] = []
        for k in range(i + 1, hi):
            if not self.lines[k].strip():
                if rows:
                    break
                continue
            if _RULE_LINE.match(self.lines[k]):
                continue
            if self.hits(k, labels):
                break
            rows.append(self._row_values(i, k, hits, labels, []))
        return [row for row in rows if row]

    def _inline(self, i: int, a: int, b: int, stops: list[re.Pattern[str]]) -> Value | None:
        segment = self.lines[i][a:b]
        cut = len(segment)
        for pattern in [_BOX, *stops]:
            m = pattern.search(segment)
            if m:
                cut = min(cut, m.start())
        if cut < len(segment):  # "Broker or Dealer X None": the X ticks the word after it
            tick = _BARE_X_END.search(segment, 0, cut)
            cut = tick.start() if tick else cut
        return self.value(i, a, a + cut)

    def _wrapped(self, k: int, hi: int, labels: dict[str, str]) -> bool:
        """Whether the values' row ``k`` goes on over the next line: a line of a few words,
        no label, no tick box, before the next label row."""
        nxt = k + 1
        if nxt >= hi:
            return False
        line = self.lines[nxt]
        if _RULE_LINE.match(line) or self.hits(nxt, labels) or _BOX.search(line):
            return False
        cells = [c for c in _CELL_SEP.split(line.strip()) if c]
        words = line.split()
        return (
            len(cells) == 1
            and 0 < len(words) <= 3
            and not line.startswith((" ", "\t"))  # (a note under the row's last cell)
            and not re.search(r"[:?]|\b(?:X|None)\b", line)
            and not re.match(r"\d+\.\s", line.strip())
        )

    def _row_below(self, i: int, hi: int, labels: dict[str, str]) -> int | None:
        for k in range(i + 1, hi):
            if _RULE_LINE.match(self.lines[k]):
                continue
            return None if self.hits(k, labels) else k
        return None

    def _columns(self, i: int, hits: list[Hit]) -> list[int]:
        """The column of each hit: its cell in a tab-split row, else its order on the line."""
        line = self.lines[i]
        lead = _indent(line)
        seps = [m.start() for m in _CELL_SEP.finditer(line, lead) if m.end() < len(line)]
        if not seps:
            return list(range(len(hits)))
        return [sum(1 for s in seps if s < start) for _, start, _ in hits]

    def _cells(self, k: int, ncols: int, split_labels: bool = False) -> list[tuple[int, int]]:
        line = self.lines[k]
        lead = _indent(line)
        if _CELL_SEP.search(line.rstrip(), lead):
            cells, start = [], lead
            for m in _CELL_SEP.finditer(line, lead):
                cells.append((start, m.start()))
                start = m.end()
            return [*cells, (start, len(line))]
        bold = [(m.start(), m.end()) for m in re.finditer(r"\*\*[^*\n]+?\*\*", line)]
        if bold:
            cells, start = [], 0
            for b_start, b_end in bold:
                if line[start:b_start].strip():
                    cells.append((start, b_start))
                cells.append((b_start, b_end))
                start = b_end
            if line[start:].strip():
                cells.append((start, len(line)))
            return cells
        words = [(m.start(), m.end()) for m in re.finditer(r"\S+", line)]
        if ncols <= 1 or split_labels:
            # Under a tab-split label row, a row without separators is its first cell (HTML
            # to text conversions drop empty cells: "540 West Ave" under two street labels).
            return [(0, len(line))]
        # Values split by single blanks are only readable when each is one word.
        return words if len(words) == ncols else []

    def _row_values(
        self,
        i: int,
        k: int,
        hits: list[Hit],
        labels: dict[str, str],
        stops: list[re.Pattern[str]],
        *,
        pieces_out: bool = False,
    ) -> dict[str, Value]:
        columns = self._columns(i, hits)
        split_labels = bool(_CELL_SEP.search(self.lines[i].strip()))
        cells = self._cells(k, max(columns, default=0) + 1, split_labels)
        if len(set(columns)) < len(columns):
            # Two labels in one cell ("Last Name First Name<tab>Middle Name"): the label row
            # lost a separator, so its cells place no value. The values are placed only when
            # there is one cell for each label, in order.
            if len(cells) != len(hits):
                return {}
            columns = list(range(len(hits)))
        values: dict[str, Value] = {}
        for (key, _, _), col in zip(hits, columns, strict=True):
            if col >= len(cells):
                continue
            value = self.value(k, *cells[col])
            if value is None or _BOX.match(value.text):
                continue
            if split_labels and len(cells) == 1 < len(hits) and _SECOND_LINE.search(value.text):
                # One cell under several labels, a second address line run into the first
                # ("13241 Bartram Park Blvd. Suite 2401" under Street Address 1 and 2): one
                # value or two? Not read. ("540 West Ave, Apt 1711", comma-joined, is one.)
                continue
            if any(p.search(value.text) for p in [*stops, *map(_compile, labels.values())]):
                continue
            if pieces_out and _label_piece(value.text, labels):
                continue  # a label's second line ("Recipient" / "CRD Number") in the value row
            values[key] = value
        return values

    def options(
        self, lo: int, hi: int, options: Iterable[str]
    ) -> dict[str, tuple[bool | None, Value]]:
        """Each option printed in ``lo:hi`` with its mark; a tick anywhere wins over the rest."""
        wanted = list(options)
        result: dict[str, tuple[bool | None, Value]] = {}
        for i in range(lo, hi):
            for option, s, e, state in marked_options(self.lines[i], wanted):
                previous = result.get(option)
                if previous is None or state is True or (previous[0] is None and state is False):
                    result[option] = (
                        state,
                        Value(option, i, self.starts[i] + s, self.starts[i] + e),
                    )
        return result

    def ticked(self, lo: int, hi: int, options: Iterable[str]) -> list[Value]:
        """The ticked options in ``lo:hi``, in the order printed, with those whose words a
        narrow column wrapped after the tick ("X Pooled Investment" / "Fund Interests")."""
        wanted = list(options)
        chosen = [value for state, value in self.options(lo, hi, wanted).values() if state]
        known = {v.text for v in chosen}
        for _, option in self._loose_ticks(lo, hi, wanted):
            if option is not None and option.text not in known:
                chosen.append(option)
                known.add(option.text)
        return sorted(chosen, key=lambda v: v.start)

    def loose_ticks(self, lo: int, hi: int, options: Iterable[str]) -> list[Value]:
        """Tick marks in ``lo:hi`` that mark no option of ``options`` (not even wrapped): a
        list read without them would be short, a choice read beside them may be another's."""
        return [tick for tick, option in self._loose_ticks(lo, hi, list(options)) if option is None]

    def _loose_ticks(self, lo: int, hi: int, wanted: list[str]) -> list[tuple[Value, Value | None]]:
        """Each tick mark not right before an option: with the option it marks when the
        option's words go on in the next lines (else None). A tick alone in its cell with
        other words under it ("X" over "REI" / "TS & F" in a table of cut words) is loose
        even when an option follows in the next cell."""
        letters_of = {_letters(o): o for o in wanted}
        loose: list[tuple[Value, Value | None]] = []
        for i in range(lo, hi):
            line = self.lines[i]
            marks = marked_options(line, wanted)
            for tick in _TICK_MARK.finditer(line):
                after = line[tick.end() :]
                gap = len(after) - len(after.lstrip(" \t*"))
                nxt = next((m for m in marks if m[1] == tick.end() + gap), None)
                where = Value(
                    tick.group(0), i, self.starts[i] + tick.start(), self.starts[i] + tick.end()
                )
                if nxt is not None:
                    if nxt[3] is not True or (
                        "\t" in after[:gap] and self._words_under(i, tick.start(), wanted)
                    ):  # a mark the option's reading did not see
                        loose.append((where, None))
                    continue
                cut = re.split(r"\t| {2,}", after.strip(" *"), maxsplit=1)[0]
                loose.append((where, self._wrapped_option(i, tick.end(), cut, letters_of, hi)))
        return loose

    def _words_under(self, i: int, start: int, wanted: list[str]) -> bool:
        """Whether the next line holds words that are no option in the cell of ``start``."""
        if i + 1 >= len(self.lines):
            return False
        col = self.lines[i][:start].count("\t")
        cells = self.lines[i + 1].split("\t")
        if col >= len(cells):
            return False
        cell = cells[col].strip(" *")
        if _BOX.search(cell) or not re.search(r"[A-Za-z]{2}", cell):
            return False  # another tick box, a number: no cut words
        return not any(_letters(cell) == _letters(o) for o in wanted)

    def _wrapped_option(
        self, i: int, at: int, cut: str, letters_of: dict[str, str], hi: int
    ) -> Value | None:
        """The one option whose words start with ``cut`` and go on at the start of a cell of
        the next line or the one after."""
        head = _letters(cut)
        if len(head) < 5:
            return None
        found = None
        for full, option in letters_of.items():
            rest = full[len(head) :]
            if not full.startswith(head) or not rest:
                continue
            for k in range(i + 1, min(i + 3, hi)):
                cells = [c for c in re.split(r"\t| {2,}", self.lines[k].strip()) if c.strip()]
                if any(_letters(c) == rest for c in cells):
                    if found is not None and found != option:
                        return None
                    found = option
                    break
        if found is None:
            return None
        start = self.starts[i] + at + (len(self.lines[i][at:]) - len(self.lines[i][at:].lstrip()))
        return Value(found, i, start, start + len(cut))

    def choice(self, lo: int, hi: int, options: Iterable[str]) -> Value | None:
        """The first ticked option of a one-choice group, or None when none is marked."""
        wanted = list(options)
        chosen = self.ticked(lo, hi, wanted)
        if not chosen:
            return None
        value = chosen[0]
        # The option's words go on after it ("X Other Banking & Financial" / "Services" in a
        # narrow column): the tick is a longer option's, cut by the wrap. Not read.
        after = self.lines[value.line][value.end - self.starts[value.line] :]
        words = " ".join(_CELL_SEP.split(after.strip(), maxsplit=1)[0].split()[:2])
        if words:
            longer = f"{value.text} {words}".lower()
            if any(o.lower().startswith(longer) and o != value.text for o in wanted):
                return None
        return value

    def column_choices(self, lo: int, hi: int, options: Iterable[str]) -> dict[int, Value]:
        """For groups printed side by side (tab-split), the ticked option of each column.

        The column of an option is its rank among the cells that hold an option, so a tick
        printed in a cell of its own ("Decline to Disclose\tX\tDecline to Disclose") does not
        shift the columns; the tick belongs to the option after it.
        """
        wanted = list(options)
        chosen: dict[int, Value] = {}
        for i in range(lo, hi):
            marks = marked_options(self.lines[i], wanted)
            cells = [
                (a, b) for a, b in self._cells(i, 0) if any(a <= s < b for _, s, _, _ in marks)
            ]
            for option, s, e, state in marks:
                col = next(n for n, (a, b) in enumerate(cells) if a <= s < b)
                if state and col not in chosen:
                    chosen[col] = Value(option, i, self.starts[i] + s, self.starts[i] + e)
        return chosen

    def ticked_items(self, lo: int, hi: int) -> list[Value]:
        """Free-text items after a tick mark ("[X] CALIFORNIA") in ``lo:hi``."""
        items: list[Value] = []
        for i in range(lo, hi):
            for m in _TICKED_ITEM.finditer(self.lines[i]):
                a, b = m.span(1)
                items.append(Value(m.group(1).strip(), i, self.starts[i] + a, self.starts[i] + b))
        return items


def _heading(line: str, titles: dict[int, str]) -> int | None:
    """The item number of a section heading line ("1. Issuer's Identity", "**6. Federal ...")."""
    stripped = line.strip().strip("*#").strip()
    m = re.match(r"(?:item\s+)?(\d{1,2})\s*[.)]\s*(.+)$", stripped, re.IGNORECASE)
    if m:
        number = int(m.group(1))
        title = titles.get(number)
        if title and _letters(m.group(2)).startswith(_letters(title)[:12]):
            return number
    last = max(titles)
    if _letters(stripped).startswith(_letters(titles[last])):
        return last
    return None
