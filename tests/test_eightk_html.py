"""8-K HTML: detection, the lone-exhibit refusal, cover-page and inline XBRL facts.

Facts were read by hand from the pages in tests/corpus/8k/.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from secgraph.errors import UnknownFormError
from secgraph.parsers import Source
from secgraph.parsers import eightk_html as parser
from secgraph.parsers.eightk_cover import cover_facts, ixbrl_facts
from secgraph.parsers.html_text import html_to_text, parse_html

EIGHT_K = Path(__file__).parent / "corpus" / "8k"
HTML_8KS = sorted(p for p in EIGHT_K.glob("*.html") if "EX99" not in p.name)


@pytest.mark.parametrize("path", HTML_8KS, ids=lambda p: p.name)
def test_every_8k_page_is_detected(path: Path) -> None:
    assert parser.detect(Source.from_path(path))


@pytest.mark.parametrize("path", sorted(EIGHT_K.glob("*.txt")), ids=lambda p: p.name)
def test_full_submissions_are_left_to_the_submission_parser(path: Path) -> None:
    """Trap: a full submission holds the 8-K's HTML; it is a container, not this parser's."""
    assert not parser.detect(Source.from_path(path))


def test_form_8k_title_split_by_markup_is_detected() -> None:
    """Trap (issue 11): Nuance's 8-K of 2007 (0000950135-07-007239) prints its title as
    ``Form&#160;8-K``; other filers split it across ``<font>`` tags. Both were refused as
    "not a supported SEC filing" when the title was looked for in the raw markup."""
    path = EIGHT_K.parent / "8k-items" / "edgarcrawler__0000950135-07-007239.htm"
    assert parser.detect(Source.from_path(path))
    parsed = parser.parse(Source.from_path(path))
    assert parsed.document.filing.period_date == dt.date(2007, 11, 26)
    split = (
        b"<html><body><p><font>FORM 8-</font><font>K</font></p>"
        b"<p>CURRENT <b>REPORT</b></p><p>Item 8.01 Other Events.</p></body></html>"
    )
    assert parser.detect(Source("split.htm", split))
    mention = b"<html><body><p>See our Form 10-K. Current report follows.</p></body></html>"
    assert not parser.detect(Source("mention.htm", mention))


def test_ownership_and_form_d_pages_are_not_8ks() -> None:
    for path in (EIGHT_K.parent / "rendered").glob("*.html"):
        assert not parser.detect(Source.from_path(path)), path.name


def test_a_lone_exhibit_is_refused_by_name() -> None:
    """Buckle EX-99.1 (bke20241122-8kexhibit.htm): a press release mentions the 8-K but is
    not one; it must fail as an unknown form naming the file, not parse as an empty 8-K."""
    source = Source.from_path(EIGHT_K / "edgartools__BuckleInc.8-K.EX99.1.html")
    assert parser.detect(source)
    with pytest.raises(UnknownFormError) as err:
        parser.parse(source)
    assert err.value.source is not None and err.value.source.endswith(
        "edgartools__BuckleInc.8-K.EX99.1.html"
    )
    assert "EX-99.1 (bke20241122-8kexhibit.htm) on its own, not an 8-K" in str(err.value)


def _cover(name: str) -> tuple[object, dict[str, str]]:
    root = parse_html((EIGHT_K / name).read_bytes())
    facts = {k: v for k, (v, _) in ixbrl_facts(root).items()}
    return cover_facts(html_to_text(root)), facts


def test_buckle_inline_xbrl_and_printed_cover() -> None:
    """Buckle (CIK 885245): the CIK appears only in the hidden ix:header."""
    cover, xbrl = _cover("edgartools__BuckleInc.8-K.html")
    assert xbrl["dei:EntityCentralIndexKey"] == "0000885245"
    assert xbrl["dei:TradingSymbol"] == "BKE"
    assert xbrl["dei:DocumentType"] == "8-K"
    assert xbrl["dei:DocumentPeriodEndDate"] == "November 22, 2024"
    assert xbrl["dei:EntityRegistrantName"] == "BUCKLE, INC"
    assert vars(cover) | {"spans": None} == {
        "name": "THE BUCKLE, INC.",
        "file_number": "001-12951",
        "jurisdiction": "Nebraska",
        "period_date": dt.date(2024, 11, 22),
        "spans": None,
    }


def test_untagged_2016_cover() -> None:
    """Sophiris Bio (0001437749-16-028287): no inline XBRL; date above its label line."""
    cover, xbrl = _cover("edgartools__0001437749-16-028287.html")
    assert xbrl == {}
    assert vars(cover) | {"spans": None} == {
        "name": "Sophiris Bio Inc.",
        "file_number": "001-36054",
        "jurisdiction": "British Columbia",
        "period_date": dt.date(2016, 3, 23),
        "spans": None,
    }


def test_inline_file_number_and_same_line_date() -> None:
    """Premier Financial (0000887919-21-000012) prints "Commission file number 000-20908" on
    one line; BlackRock prints the date after the label on the same line."""
    premier, _ = _cover("edgartools__0000887919-21-000012.html")
    assert vars(premier)["file_number"] == "000-20908"
    assert vars(premier)["jurisdiction"] == "Kentucky"
    blackrock, xbrl = _cover("edgartools__form8K.Blackrock.html")
    assert vars(blackrock)["period_date"] == dt.date(2023, 2, 24)
    assert (
        vars(blackrock)["jurisdiction"] == "DELAWARE"
        and xbrl["dei:EntityIncorporationStateCountryCode"] == "DE"
    )


def test_two_registrant_cover_leaves_the_name_unknown() -> None:
    """LG&E and KU combined 8-K (0001104659-03-004925): a table of two registrants; no single
    name may be guessed from it."""
    cover, _ = _cover("edgartools__0001104659-03-004925.html")
    assert vars(cover)["name"] is None
    assert vars(cover)["period_date"] == dt.date(2003, 3, 25)


def test_variant_untagged_cover_of_another_company() -> None:
    html = """<html><body>
    <p align=center>FORM 8-K</p><p>CURRENT REPORT</p>
    <p>Date of Report (Date of earliest event reported): <b>July 7, 2022</b></p>
    <p><b>Acme&nbsp;Widgets, Inc.</b></p><p>(Exact name of registrant as specified in its
    charter)</p>
    <table><tr><td>Ohio</td><td></td><td>0-12345</td><td>31-1234567</td></tr>
    <tr><td>(State or other jurisdiction of incorporation)</td><td>(Commission File
    Number)</td><td>(IRS Employer Identification No.)</td></tr></table>
    <p>Item 5.02 Departure of Directors or Certain Officers</p></body></html>"""
    source = Source("acme.html", html.encode())
    assert parser.detect(source)
    cover = cover_facts(html_to_text(html))
    assert (cover.name, cover.file_number, cover.jurisdiction, cover.period_date) == (
        "Acme Widgets, Inc.",
        "0-12345",
        "Ohio",
        dt.date(2022, 7, 7),
    )


def test_full_parse_goes_through_the_shared_extractor() -> None:
    """Buckle: identifiers from inline XBRL, items from the shared 8-K extractor."""
    pytest.importorskip(
        "secgraph.parsers.eightk_extract", reason="the 8-K extractor (helper H2) has not landed"
    )
    parsed = parser.parse(Source.from_path(EIGHT_K / "edgartools__BuckleInc.8-K.html"))
    doc = parsed.document
    assert doc.kind == "8k"
    assert doc.company.cik == "0000885245" and doc.company.ticker == "BKE"
    assert doc.company.file_number == "001-12951"
    assert doc.filing.period_date == dt.date(2024, 11, 22)
    assert doc.filing.form_type == "8-K"
    assert [item.number for item in doc.items] == ["2.02", "9.01"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Disney 0001001039-13-000190: the date under the label, after an empty line.
        (
            "Date of Report (Date of Earliest Event Reported):\n\nDecember 20, 2013\n",
            (2013, 12, 20),
        ),
        # Pericom 0001275287-05-004321: the report's date, then the earliest event's.
        (
            "Date of Report (Date of earliest event reported): November 1, 2005 (October 26, 2005)",
            (2005, 10, 26),
        ),
        # Pericom 0001275287-05-000056 (text): the earliest event on the next line.
        (
            "Date of Report (Date of earliest event reported):  January 10, 2005\n"
            "                    (January 7, 2005)\n",
            (2005, 1, 7),
        ),
        ("Date of Report (Date of earliest event reported): April 30, 2008", (2008, 4, 30)),
    ],
)
def test_date_of_report_is_the_earliest_event(text: str, expected: tuple[int, int, int]) -> None:
    """Trap (issue 11): the 8-K's period is the date of the earliest event as the cover prints
    it; a date on the line below the label was missed (and the signature's date used instead),
    and of two printed dates the report's was taken instead of the earliest event's."""
    assert cover_facts(text).period_date == dt.date(*expected)
