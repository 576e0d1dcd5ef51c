"""The 8-K sentence reader kept as offsets, the organization-name scan and the input limit.

Issue 14: 8-K text of many short lines took 56 times its size in memory (a sentence object
per line, the defined-terms pattern rebuilt per sentence), one long line 33 times (a match
object per word). The readers now keep offsets and scan words once; these tests hold the
answers those shortcuts must keep. Time and memory per MiB are measured by
``benchmarks/bench_text_scale.py``, not here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from secgraph.errors import UnsafeDocumentError
from secgraph.models import EightKFiling, FilingInfo, InputFormat
from secgraph.normalize.lines import lines_of
from secgraph.parsers import eightk_extract, source
from secgraph.parsers.eightk_entities import org_names
from secgraph.parsers.eightk_sentences import Sentences
from secgraph.parsers.registry import parse_bytes, parse_path

PERICOM = Path(__file__).parent / "corpus" / "8k-items" / "edgarcrawler__0001275287-05-000056.txt"


def _sentences(text: str, *, wrapped: bool) -> list[tuple[str, int, int, str | None]]:
    lines = lines_of(text)
    found = Sentences(text, lines.starts)
    eightk_extract._sentences(lines, 0, len(lines), "5.02", found, wrapped=wrapped)
    return [(s.text, s.start, s.line, s.item) for s in found]


def test_wrapped_paragraph_reads_as_one_run_with_exact_offsets() -> None:
    """Trap: a sentence kept as offsets is the text's slice; its line breaks must read as
    spaces (a name wrapped over two lines is one name) and its line number must be the line
    it starts on, not the line the paragraph starts on."""
    text = (
        "     On January 10, 2005, Pericom Semiconductor Corporation (the Company)\n"
        "issued a press release. Dr. Murray Goldman was appointed a director of the\n"
        "Company.\n"
        "\n"
        "Short line.\n"
    )
    got = _sentences(text, wrapped=True)
    assert [g[0] for g in got] == [
        "On January 10, 2005, Pericom Semiconductor Corporation (the Company) issued a press "
        "release.",
        "Dr. Murray Goldman was appointed a director of the Company.",
        "Short line.",
    ]
    for sentence, start, _, _ in got:
        assert text[start : start + len(sentence)].replace("\n", " ") == sentence
    assert [g[2] for g in got] == [1, 2, 5]
    assert {g[3] for g in got} == {"5.02"}


def test_abbreviations_do_not_end_sentences_in_a_long_paragraph() -> None:
    """Trap: the abbreviation test now looks only at the few characters before each period
    (it searched from the paragraph's start, quadratic in a long paragraph); "Inc.", "Messrs."
    and an initial must still not end a sentence, wherever they fall in the paragraph."""
    unit = "Acme Inc. paid Messrs. Roe and J. Doe. "
    got = _sentences(unit * 300, wrapped=False)
    assert len(got) == 300
    assert {g[0] for g in got} == {unit.strip()}


def test_items_view_keeps_only_their_sentences() -> None:
    """Trap: the officer readers see Item 5.02's sentences only; a view of the items must
    not leak the sentences of the items around it, nor copy them."""
    text = "One. Two.\nThree.\nFour.\n"
    lines = lines_of(text)
    found = Sentences(text, lines.starts)
    eightk_extract._sentences(lines, 0, 1, "1.01", found)
    eightk_extract._sentences(lines, 1, 2, "5.02", found)
    eightk_extract._sentences(lines, 2, 3, "9.01", found)
    assert [s.text for s in found.of_items(("5.02",))] == ["Three."]
    assert [s.item for s in found] == ["1.01", "1.01", "5.02", "9.01"]
    assert len(found.of_items(("1.01", "9.01"))) == 3


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a shorter name inside a longer one is dropped
        ("with Cascadia Feedstock Partners, LLC and others", ["Cascadia Feedstock Partners, LLC"]),
        # a legal form before the final one (0000950103-17-005328)
        (
            "to The Bank of New York Mellon Trust Company, N.A., as trustee",
            ["Bank of New York Mellon Trust Company, N.A."],
        ),
        # a capitalized clause opener stops the name; the first word may not be "of"
        (
            "On May 19, 2016, Tecogen Inc. and Tedom USA Inc. agreed",
            ["Tecogen Inc.", "Tedom USA Inc."],
        ),
        ("the Company agreed with of Acme Corp. today", ["Acme Corp."]),
        # "Company of <Place>" goes on the name
        (
            "The Prudential Insurance Company of America (Prudential)",
            ["Prudential Insurance Company of America"],
        ),
        ("a Delaware corporation", []),
        # a national bank's legal name (0000950170-23-032000), not a bank and an association
        (
            "PNC Bank, National Association, as administrator",
            ["PNC Bank, National Association"],
        ),
    ],
)
def test_organization_names(text: str, names: list[str]) -> None:
    """Trap: the name scan reads words once, left to right, instead of walking back over a
    list of every word: the names it finds must be those the walk found (runs of capitalized
    words before a legal form, connectors inside, clause openers outside, the outermost
    name only)."""
    assert [text[a:b] for a, b in org_names(text)] == names


def test_a_long_run_of_words_without_a_full_stop_is_read() -> None:
    """Trap: a 500 KB paragraph with no sentence end is one sentence; the 8-K readers must get
    through it (no list of every word) and still read the filing around it."""
    data = PERICOM.read_bytes()
    cut = data.index(b"     The press release issued on January 10")
    padded = data[:cut] + b"word " * 100_000 + b"\n" + data[cut:]
    doc = parse_bytes(padded, "pericom-padded.txt").document
    assert isinstance(doc, EightKFiling)
    assert [c.person.full for c in doc.officer_changes] == ["Murray Goldman"]


def test_8k_text_over_the_input_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Trap: the documented input limit must hold for 8-K text read from a file and for
    bytes given to the library (parse_bytes read any size): one error naming the limit."""
    monkeypatch.setattr(source, "MAX_INPUT_BYTES", 4096)
    data = PERICOM.read_bytes()
    assert len(data) > 4096
    path = tmp_path / "pericom.txt"
    path.write_bytes(data)
    with pytest.raises(UnsafeDocumentError, match="over the 4096-byte limit"):
        parse_path(path)
    with pytest.raises(UnsafeDocumentError, match="over the 4096-byte limit"):
        parse_bytes(data, "pericom.txt")


def test_extract_8k_reads_items_as_before() -> None:
    """Trap: item bodies are now slices of the text, not joined line lists: the body and its
    span must still be the lines between two headings, without the heading."""
    text = "Item 5.02 Departure of Directors\nLine one.\nLine two.\n\nItem 9.01 Exhibits\nNone.\n"
    filing = FilingInfo(form_type="8-K", source="x", sha256="0", input_format=InputFormat.TEXT)
    doc, _ = eightk_extract.extract_8k(text, filing=filing)
    assert [(i.number, i.text) for i in doc.items] == [
        ("5.02", "Line one.\nLine two."),
        ("9.01", "None."),
    ]
    span = doc.items[0].spans["text"]
    assert text[span.start : span.end].strip() == "Line one.\nLine two."
