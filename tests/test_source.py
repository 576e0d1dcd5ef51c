"""Input checks every parser relies on: empty, binary and wrongly encoded files."""

from __future__ import annotations

import pytest

from secgraph.errors import BinaryInputError, EmptyInputError, EncodingError, InputError
from secgraph.parsers import Source


def test_empty_file_is_refused_with_its_name() -> None:
    with pytest.raises(EmptyInputError, match=r"^empty\.txt: file is empty$"):
        Source("empty.txt", b"  \n\t ").check()


def test_pdf_is_refused_as_binary() -> None:
    with pytest.raises(BinaryInputError, match=r"scan\.pdf: file is binary \(a PDF document\)"):
        Source("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n").check()


def test_utf16_text_gets_an_encoding_error_not_a_binary_one() -> None:
    data = "FORM 4 STATEMENT OF CHANGES".encode("utf-16")
    with pytest.raises(EncodingError, match=r"u16\.txt: text is UTF-16"):
        Source("u16.txt", data).check()


def test_windows_1252_text_decodes_and_says_so() -> None:
    src = Source("old.txt", "Caf\xe9 \u2019".encode("cp1252"))
    assert src.text == "Café \u2019"
    assert src.notes == ["decoded as Windows-1252 (not valid UTF-8)"]


def test_input_errors_are_value_errors_with_location() -> None:
    exc = InputError("bad tag", source="a.xml", line=3, column=7)
    assert isinstance(exc, ValueError)
    assert str(exc) == "a.xml:3:7: bad tag"
    assert (exc.source, exc.line, exc.column) == ("a.xml", 3, 7)
