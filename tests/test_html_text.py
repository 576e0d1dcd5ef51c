"""HTML to text: blocks, tables, hidden parts, entities, and safety."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from secgraph.parsers.html_text import element_text, html_to_text, looks_like_html, parse_html

CORPUS = Path(__file__).parent / "corpus"


def test_paragraphs_divs_and_br_end_lines() -> None:
    html = "<html><body><p>First para.</p><div>One<br>Two</div><p>Last</p></body></html>"
    assert html_to_text(html) == "First para.\n\nOne\nTwo\n\nLast"


def test_source_newlines_inside_a_paragraph_are_spaces() -> None:
    """Trap: HTML source wraps lines anywhere; a wrapped sentence must stay one line."""
    html = "<p>Item 5.02\n   Departure of\n Directors</p>"
    assert html_to_text(html) == "Item 5.02 Departure of Directors"


def test_table_rows_are_lines_with_tab_joined_non_empty_cells() -> None:
    """Trap: layout tables carry empty spacer cells; they must not turn into runs of tabs."""
    html = (
        "<table><tr><td>Nebraska</td><td></td><td>001-12951</td><td>&nbsp;</td></tr>"
        "<tr><td>(State)</td><td>(Commission<br>File Number)</td></tr>"
        "<tr><td> </td></tr></table>"
    )
    assert html_to_text(html) == "Nebraska\t001-12951\n(State)\t(Commission File Number)"


def test_script_style_and_hidden_blocks_are_dropped() -> None:
    html = (
        "<html><head><title>t.htm</title><style>.a{color:red}</style></head><body>"
        "<script>var x = 'no';</script><div style='display: none'>hidden</div>"
        "<p>shown</p></body></html>"
    )
    assert html_to_text(html) == "shown"


def test_entities_and_non_breaking_spaces_are_decoded() -> None:
    """clean_text (ftfy) also straightens curly apostrophes, as the text path does."""
    html = "<p>AT&amp;T&nbsp;Inc.&#8217;s &quot;Plan&quot;&#160;&#x2014; ok</p>"
    assert html_to_text(html) == 'AT&T Inc.\'s "Plan" \u2014 ok'


def test_pre_keeps_its_line_breaks() -> None:
    html = (
        "<html><body><pre>ITEM 5. OTHER EVENTS\n\n  On May 1, 1998\nthe Company</pre></body></html>"
    )
    assert html_to_text(html) == "ITEM 5. OTHER EVENTS\n\nOn May 1, 1998\nthe Company"


def test_external_entities_are_never_resolved(tmp_path: Path) -> None:
    """Trap: an HTML file with a DOCTYPE declaring a SYSTEM entity must not read the disk."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    html = (
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        "<html><body><p>before &xxe; after</p></body></html>"
    )
    text = html_to_text(html)
    assert "TOP-SECRET-CONTENT" not in text
    assert "before" in text and "after" in text


def test_xml_declaration_with_a_stale_encoding_is_accepted() -> None:
    """Trap: inline XBRL starts with <?xml ... encoding='ASCII'?>; lxml refuses a str with an
    encoding declaration unless the parser is given bytes and told the real encoding."""
    html = "<?xml version='1.0' encoding='ASCII'?>\n<html><body><p>Caf\u00e9</p></body></html>"
    assert html_to_text(html) == "Caf\u00e9"


def test_inline_xbrl_header_is_hidden_but_tagged_facts_stay() -> None:
    """Buckle 8-K (0000885245, Nov 22 2024): the ix:header holds dei facts such as
    "false0000885245" that are not part of the visible page; the visible cover page keeps the
    ix:nonNumeric-tagged values (registrant name, trading symbol)."""
    text = html_to_text((CORPUS / "8k" / "edgartools__BuckleInc.8-K.html").read_bytes())
    assert "false0000885245" not in text
    assert "0000885245" not in text
    lines = text.splitlines()
    assert lines[0] == "UNITED STATES"
    assert "THE BUCKLE, INC." in lines
    assert "Nebraska\t001-12951\t47-0366193" in lines
    assert "Common Stock, $0.01 par value\tBKE\tNew York Stock Exchange" in lines
    assert "ITEM 2.02. Results of Operations and Financial Condition" in lines


def test_element_text_collapses_white_space() -> None:
    root = parse_html("<table><tr><td>  BROOKFIELD\n Corp&nbsp;/ON/ </td></tr></table>")
    cell = root.xpath("//td")[0]
    assert element_text(cell) == "BROOKFIELD Corp /ON/"
    assert element_text(None) == ""


def test_looks_like_html() -> None:
    assert looks_like_html("<?xml version='1.0'?>\n<html xmlns='x'>")
    assert looks_like_html("<DOCUMENT>\n<TYPE>EX-99.1\n<TEXT>\n<html><head>")
    assert not looks_like_html("FORM 4\nSTATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP")
    assert not looks_like_html('<?xml version="1.0"?>\n<ownershipDocument>')


def test_a_table_whose_end_tag_is_cut_off_ends() -> None:
    """Trap (issue 14, a hang): raw HTML tables in a text are rendered in place; a `</table`
    with no `>` (a file cut off) sent the search back to the start of the text forever, so
    `secgraph build` of such a Form 4 text never returned. Run in a child with a deadline."""
    code = (
        "from secgraph.parsers.html_text import tables_as_text\n"
        "print(repr(tables_as_text('a\\n<table><tr><td>x</td></tr></table')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout == "'a\\nx'\n"
