"""Markup left in converted text: form inputs, bold, tick marks, escapes, inline tags."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from secgraph.normalize.markup import (
    CHECKED,
    UNCHECKED,
    bold_spans,
    checked_labels,
    is_checked,
    is_markup_document,
    marked_options,
    normalize_markup,
    render_inputs,
    strip_bold,
    strip_inline_tags,
    unescape_markdown,
)

# Text with none of the characters any markup function reacts to.
plain_text = st.text(
    alphabet=st.characters(blacklist_characters="<>*\\[]☒☑☐□✓✔✗✘■()", blacklist_categories=("Cs",)),
    max_size=200,
)
any_text = st.text(max_size=300)
field_value = st.text(
    alphabet=st.characters(blacklist_characters="<>\r\n", blacklist_categories=("Cs", "Cc")),
    max_size=40,
)


# --- render_inputs -------------------------------------------------------------------------


def test_text_input_becomes_its_value() -> None:
    line = 'CIK\t<input type="text" value="0001537435"/>\tname'
    assert render_inputs(line) == "CIK\t0001537435\tname"


def test_text_input_value_is_html_unescaped() -> None:
    assert render_inputs('<input type="text" value="AT&amp;T &quot;Inc&quot;"/>') == 'AT&T "Inc"'


def test_value_with_a_closing_bracket_inside_quotes_is_read_whole() -> None:
    assert render_inputs('<input value="a > b" type="text"/> x') == "a > b x"


def test_empty_text_input_becomes_nothing_and_keeps_the_tabs() -> None:
    assert render_inputs('Street Address 2\t<input type="text"/>\t\t') == "Street Address 2\t\t\t"


def test_checked_and_unchecked_boxes_become_markers() -> None:
    line = (
        'Relationship:\t<input checked="" type="checkbox"/> Executive Officer\t'
        '<input type="checkbox"/> Promoter\t<INPUT TYPE="RADIO" CHECKED> Corporation'
    )
    assert render_inputs(line) == (
        f"Relationship:\t{CHECKED} Executive Officer\t{UNCHECKED} Promoter\t{CHECKED} Corporation"
    )


def test_input_without_a_type_is_a_text_field() -> None:
    assert render_inputs("<input value='WALTHAM'>") == "WALTHAM"


def test_multiline_value_stays_on_one_line() -> None:
    assert render_inputs('<input type="text" value="a&#10;b"/>\nnext') == "a b\nnext"


@given(field_value)
def test_any_value_round_trips_through_an_escaped_attribute(value: str) -> None:
    escaped = value.replace("&", "&amp;").replace('"', "&quot;")
    assert render_inputs(f'<input type="text" value="{escaped}"/>') == " ".join(value.split())


@given(plain_text)
def test_render_inputs_leaves_plain_text_alone(text: str) -> None:
    assert render_inputs(text) == text


@given(any_text)
def test_render_inputs_never_raises_and_keeps_lines(text: str) -> None:
    assert render_inputs(text).count("\n") == text.count("\n")


@given(st.lists(st.sampled_from(["x", "\t", '<input type="checkbox"/>', "<input checked>"])))
def test_render_inputs_is_idempotent(parts: list[str]) -> None:
    once = render_inputs("".join(parts))
    assert render_inputs(once) == once


# --- strip_inline_tags, unescape_markdown ------------------------------------------------------


def test_inline_tags_are_dropped() -> None:
    line = '<u>TECOGEN INC.</u> [TGEN] <span class="x">a</span><b>b</B>'
    assert strip_inline_tags(line) == "TECOGEN INC. [TGEN] ab"


def test_a_less_than_sign_in_prose_is_not_a_tag() -> None:
    assert strip_inline_tags("fewer than 5 <10 units; a<b") == "fewer than 5 <10 units; a<b"


def test_line_break_tag_becomes_a_space_not_a_newline() -> None:
    assert strip_inline_tags("45 First Avenue<br/>Waltham") == "45 First Avenue Waltham"


def test_markdown_escapes_are_undone() -> None:
    assert unescape_markdown(r"\$1 - \$1,000,000 a\_b \*c\* path\\x") == (
        r"$1 - $1,000,000 a_b *c* path\x"
    )


def test_backslash_before_a_letter_is_kept() -> None:
    assert unescape_markdown(r"C:\Users") == r"C:\Users"


@given(plain_text)
def test_plain_text_passes_every_function_unchanged(text: str) -> None:
    assert strip_inline_tags(text) == text
    assert unescape_markdown(text) == text
    assert strip_bold(text) == text
    assert normalize_markup(text) == text


@given(any_text)
def test_normalize_markup_never_raises_and_keeps_lines(text: str) -> None:
    assert normalize_markup(text).count("\n") == text.count("\n")


@given(st.text(alphabet=st.sampled_from(list("ab <u></u>\t\n")), max_size=80))
def test_strip_inline_tags_is_idempotent(text: str) -> None:
    once = strip_inline_tags(text)
    assert strip_inline_tags(once) == once


# --- bold ------------------------------------------------------------------------------------


def test_bold_spans_give_inner_text_offsets() -> None:
    line = "Last Name **Maxwell** First Name **Charles** Middle Name **T**"
    spans = bold_spans(line)
    assert [text for _, _, text in spans] == ["Maxwell", "Charles", "T"]
    assert all(line[start:end] == text for start, end, text in spans)


def test_bold_heading_across_lines_is_not_one_span() -> None:
    assert bold_spans("**UNITED STATES SECURITIES") == []


def test_strip_bold_keeps_the_text() -> None:
    assert strip_bold("Waltham **MASSACHUSETTS** **02451**") == "Waltham MASSACHUSETTS 02451"


@given(st.lists(st.text(alphabet="abc XY", min_size=1, max_size=8), max_size=5))
def test_bold_spans_round_trip(words: list[str]) -> None:
    words = [w for w in words if w.strip() == w and w]
    line = " ".join(f"**{w}**" for w in words)
    assert [text for _, _, text in bold_spans(line)] == words
    assert strip_bold(line) == " ".join(words)


# --- tick marks ------------------------------------------------------------------------------


def test_bold_label_is_ticked() -> None:
    line = "Relationship: Executive Officer **Director** Promoter"
    assert is_checked("Director", line) is True
    assert is_checked("Promoter", line) is None


def test_box_markers_before_labels() -> None:
    line = "[X] Executive Officer\t[ ] Director\t[x]  Promoter ☒ Other ☐ Trust"
    assert is_checked("Executive Officer", line) is True
    assert is_checked("Director", line) is False
    assert is_checked("Promoter", line) is True
    assert is_checked("Other", line) is True
    assert is_checked("Trust", line) is False


def test_marker_in_its_own_cell_before_the_label() -> None:
    assert is_checked("Rule 506(c)", "[ ]\tRule 504 (b)(1)(ii)\t[X]\tRule 506(c)") is True
    assert is_checked("Rule 504 (b)(1)(ii)", "[ ]\tRule 504 (b)(1)(ii)\t[X]\tRule 506(c)") is False


def test_bare_x_before_a_label_is_a_tick() -> None:
    line = "(Check all applicable) X Director 10% Owner"
    assert is_checked("Director", line) is True
    assert is_checked("10% Owner", line) is None


def test_x_inside_a_word_is_not_a_tick() -> None:
    assert is_checked("Director", "Tax Director") is None


def test_label_that_is_a_prefix_of_a_longer_word_is_not_matched() -> None:
    assert is_checked("Direct", "[X] Director") is None


def test_absent_label_is_unknown() -> None:
    assert is_checked("Promoter", "[X] Director") is None


def test_checked_labels_use_the_line_convention() -> None:
    line = "Relationship: Executive Officer **Director** Promoter"
    assert checked_labels(["Executive Officer", "Director", "Promoter"], line) == {
        "Executive Officer": False,
        "Director": True,
        "Promoter": False,
    }


def test_checked_labels_without_any_mark_stay_unknown() -> None:
    line = "Does the Issuer intend this offering to last more than one year? Yes No"
    assert checked_labels(["Yes", "No"], line) == {"Yes": None, "No": None}


@given(plain_text, st.sampled_from(["Director", "Promoter", "Rule 506(b)"]))
def test_unmarked_plain_text_never_reads_as_ticked(prefix: str, label: str) -> None:
    line = prefix.replace("X", "").replace("x", "") + " " + label
    assert is_checked(label, line) is not True


def test_marked_options_prefer_the_longest_label() -> None:
    line = "[ ] Commercial\t[X] Commercial Banking\t**Insurance**"
    assert [
        (o, state)
        for o, _, _, state in marked_options(
            line, ["Commercial", "Commercial Banking", "Insurance"]
        )
    ] == [
        ("Commercial", False),
        ("Commercial Banking", True),
        ("Insurance", True),
    ]


def test_text_between_two_bold_spans_is_not_bold() -> None:
    line = "Officer **Director** Promoter **Other**"
    states = {o: s for o, _, _, s in marked_options(line, ["Officer", "Director", "Promoter"])}
    assert states == {"Officer": None, "Director": True, "Promoter": None}


def test_marked_options_give_offsets_of_the_label() -> None:
    line = "X  Over Five Years Ago"
    [(_option, start, end, state)] = marked_options(line, ["Over Five Years Ago"])
    assert (line[start:end], state) == ("Over Five Years Ago", True)


def test_markup_documents_are_told_from_converted_text() -> None:
    assert is_markup_document('\n<?xml version="1.0"?>\n<edgarSubmission>')
    assert is_markup_document("<!DOCTYPE html PUBLIC>\n<html>")
    assert is_markup_document("<SEC-DOCUMENT>0001-24-1.txt : 20240101")
    assert is_markup_document("-----BEGIN PRIVACY-ENHANCED MESSAGE-----")
    assert is_markup_document("<SUBMISSION>\n<ACCESSION-NUMBER>0001493152-25-001317")
    assert not is_markup_document('\n\nFORM D\nCIK\t<input type="text" value="1"/>')
    assert not is_markup_document("Item 1.02. Termination of a Material Definitive Agreement")
