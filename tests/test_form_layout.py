"""Reading label/value layouts of converted forms, one rendering at a time."""

from __future__ import annotations

from secgraph.parsers.form_layout import FormText

TITLES = {1: "Issuer's Identity", 2: "Related Persons", 3: "Signature and Submission"}
LABELS = {"last": r"Last Name", "first": r"First Name", "city": r"City", "zip": r"ZIP Code"}


def _form(body: str) -> FormText:
    return FormText(body, TITLES)


def _values(form: FormText, lo: int = 0, hi: int | None = None) -> dict[str, str]:
    found = form.fields(lo, len(form.lines) if hi is None else hi, LABELS)
    return {key: value.text for key, value in found.items()}


def test_sections_are_found_by_number_and_title() -> None:
    form = _form(
        "x\n**1. Issuer's Identity**\na\n2) RELATED PERSONS\nb\nc\nSignature and Submission\n"
    )
    assert form.sections == {1: (2, 3), 2: (4, 6), 3: (7, 8)}
    assert form.section(9) == (0, 0)


def test_a_numbered_line_with_another_title_is_not_a_heading() -> None:
    assert _form("1. Introduction\n2. Related Persons\nx").sections == {2: (2, 3)}


def test_inline_values_in_bold_and_after_colons() -> None:
    form = _form("Last Name **Maxwell** First Name **Charles**\nCity: Waltham\n")
    assert _values(form) == {"last": "Maxwell", "first": "Charles", "city": "Waltham"}


def test_values_in_the_row_below_by_column() -> None:
    form = _form("Last Name\tFirst Name\tCity\n\n---\t---\t---\nPanora\tRobert\tWaltham\n")
    assert _values(form) == {"last": "Panora", "first": "Robert", "city": "Waltham"}


def test_bold_cells_under_a_row_of_labels() -> None:
    form = _form("City\tZIP Code\n\nWaltham **02451**\n")
    assert _values(form) == {"city": "Waltham", "zip": "02451"}


def test_one_word_values_split_by_single_blanks_only_when_they_fit() -> None:
    assert _values(_form("City ZIP Code\nWaltham 02451\n")) == {"city": "Waltham", "zip": "02451"}
    assert _values(_form("City ZIP Code\nNew York 10005\n")) == {}


def test_a_row_of_labels_below_is_never_read_as_values() -> None:
    assert _values(_form("Last Name\n\nFirst Name\tCity\nJane\tParis\n")) == {
        "first": "Jane",
        "city": "Paris",
    }


def test_tick_boxes_cut_an_inline_value_and_never_become_one() -> None:
    form = _form("City [ ] None\n[X] Other\n")
    assert _values(form) == {}


def test_spans_are_one_based_lines_and_text_offsets() -> None:
    form = _form("a\nLast Name **Maxwell**\n")
    value = form.fields(0, 3, LABELS)["last"]
    span = value.span()
    assert span.line == 2 and form.text[span.start or 0 : span.end] == "Maxwell"


def test_options_choice_and_ticked() -> None:
    form = _form("[ ] Corporation\n☒ Limited Partnership\nExecutive Officer X Director\n")
    options = ["Corporation", "Limited Partnership", "Executive Officer", "Director"]
    states = {k: v[0] for k, v in form.options(0, 4, options).items()}
    assert states == {
        "Corporation": False,
        "Limited Partnership": True,
        "Executive Officer": None,
        "Director": True,
    }
    assert [v.text for v in form.ticked(0, 4, options)] == ["Limited Partnership", "Director"]
    choice = form.choice(0, 1, options)
    assert choice is None


def test_several_value_rows_under_one_label_row() -> None:
    form = _form("Last Name\tCity\nDoe\tParis\nRoe\tRome\n\nother text\n")
    rows = form.rows_below(0, 6, {"last": "Last Name", "city": "City"})
    assert [{k: v.text for k, v in row.items()} for row in rows] == [
        {"last": "Doe", "city": "Paris"},
        {"last": "Roe", "city": "Rome"},
    ]


def test_ticked_items_in_a_free_list() -> None:
    form = _form("[X] CALIFORNIA\t[ ] TEXAS\t☒ NEW YORK\nX All States X Foreign\n")
    assert [v.text for v in form.ticked_items(0, 2)] == [
        "CALIFORNIA",
        "NEW YORK",
        "All States",
        "Foreign",
    ]
