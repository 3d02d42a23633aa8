"""extract_pdf on PDFs made here with fpdf2, for cases that need precise control."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF

from ingest.extract import ExtractionError, extract_pdf

# A placed line: (x mm, y mm, text); a page is a list of them, drawn in that order.
Line = tuple[float, float, str]


def make_pdf(path: Path, pages: Sequence[Sequence[Line]], size: float = 11, **info: object) -> Path:
    """Write a PDF whose pages hold exactly the given lines, drawn in the given order."""
    pdf = FPDF(format="A4")
    pdf.set_font("Helvetica", size=size)
    for key, value in info.items():
        getattr(pdf, f"set_{key}")(value)
    for lines in pages:
        pdf.add_page()
        for x, y, text in lines:
            pdf.text(x, y, text)
    pdf.output(str(path))
    return path


def flow(
    text: str, *, x: float = 20, top: float = 40, width: int = 80, leading: float = 6
) -> list[Line]:
    """``text`` broken into lines of at most ``width`` characters, one under another."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return [(x, top + leading * i, line) for i, line in enumerate(lines)]


LEFT = (
    "The appellant was tried by the learned Additional Sessions Judge and was convicted under "
    "section 302 of the Pakistan Penal Code. The prosecution examined eleven witnesses and "
    "produced the medical evidence together with the report of the forensic agency. "
) * 3 + "LEFT COLUMN ENDS HERE."
RIGHT = (
    "Learned counsel for the State supported the impugned judgment and argued that the "
    "ocular account is confirmed by the recovery of the weapon and the positive report of "
    "the chemical examiner. "
) * 3 + "RIGHT COLUMN ENDS HERE."


def test_two_columns_drawn_line_by_line_are_read_column_by_column(tmp_path: Path) -> None:
    left = flow(LEFT, x=15, width=44, leading=5)
    right = flow(RIGHT, x=110, width=44, leading=5)
    # Draw row by row across the page, so the content stream interleaves the columns.
    interleaved = [line for pair in zip(left, right, strict=False) for line in pair]
    interleaved += left[len(right) :] + right[len(left) :]
    path = make_pdf(tmp_path / "columns.pdf", [interleaved], size=9)

    # The fixture really provokes the problem: the plain text layer mixes the columns.
    plain = pdfium.PdfDocument(str(path))[0].get_textpage().get_text_range()
    assert plain.index("Learned counsel") < plain.index("LEFT COLUMN ENDS")

    text = extract_pdf(path).pages[0].text
    assert text.index("LEFT COLUMN ENDS HERE.") < text.index("Learned counsel for the State")
    assert (
        "The appellant was tried by the learned Additional Sessions Judge and was convicted" in text
    )
    assert "supported the impugned judgment and argued that the ocular account" in text


PARAGRAPHS = [
    "The learned counsel for the appellant argued that the prosecution story is improbable, that "
    "the witnesses are related to the deceased and that the recovery was planted by the police.",
    "The learned counsel for the complainant supported the judgment and submitted that the ocular "
    "account is natural, consistent and confirmed by the medical evidence on the record.",
    "The learned counsel for the State adopted those arguments and added that the motive was "
    "proved "
    "through independent witnesses whose statements were recorded without delay.",
]


def test_running_header_footer_and_page_labels(tmp_path: Path) -> None:
    pages = [
        [
            (20, 15, f"Crl. Appeal No.1518 of 2014   {n}"),
            *flow(f"{n}. {text}"),
            (90, 285, f"Page {n} of 3"),
        ]
        for n, text in enumerate(PARAGRAPHS, start=1)
    ]
    document = extract_pdf(make_pdf(tmp_path / "headers.pdf", pages))
    assert document.page_count == 3
    assert [page.label for page in document.pages] == ["1", "2", "3"]
    for n, page in enumerate(document.pages, start=1):
        assert "Crl. Appeal No.1518" not in page.text
        assert "Page" not in page.text
        assert page.text.startswith(f"{n}. The learned counsel")
        assert "Crl. Appeal No.1518 of 2014" in page.raw_text  # the raw text keeps everything
        assert (page.method, page.ocr_confidence, page.rotation) == ("text", None, 0)


def test_line_end_hyphens(tmp_path: Path) -> None:
    lines = [
        (20, 40, "The case of the prosecution rests on the statement of the co-"),
        (20, 46, "accused, which was recorded after the commencement of the prose-"),
        (20, 52, "cution evidence and before the examination of the Investigating"),
        (20, 58, "Officer, who produced the print-out of the call data record."),
    ]
    text = extract_pdf(make_pdf(tmp_path / "hyphens.pdf", [lines])).pages[0].text
    assert "statement of the co-accused, which" in text
    assert "commencement of the prosecution evidence" in text
    assert "prose-" not in text


def test_metadata(tmp_path: Path) -> None:
    path = make_pdf(
        tmp_path / "meta.pdf",
        [flow("A short order. " * 10)],
        title="Crl. Misc. 1629-B/2024",
        author="Lahore High Court",
        creation_date=datetime(2024, 12, 12, 12, 41, 57, tzinfo=UTC),
    )
    metadata = extract_pdf(path).metadata
    assert metadata["title"] == "Crl. Misc. 1629-B/2024"
    assert metadata["author"] == "Lahore High Court"
    assert metadata["creation_date"] == "2024-12-12T12:41:57Z"


def test_blank_pdf_has_no_text(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "blank.pdf", [[]])
    with pytest.raises(ExtractionError) as caught:
        extract_pdf(path)  # no image on the page, so there is nothing to OCR either
    assert caught.value.code == "no_text"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty"),
        (b"<!DOCTYPE html><html><body>Judgment</body></html>", "not_pdf"),
        (b"PK\x03\x04 a zip file", "not_pdf"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 8, "corrupt"),
    ],
)
def test_bytes_decide_not_the_name(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "judgment.pdf"
    path.write_bytes(content)
    with pytest.raises(ExtractionError) as caught:
        extract_pdf(path)
    assert caught.value.code == code
    assert "judgment.pdf" in caught.value.message


def test_limits(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "three.pdf", [flow(text) for text in PARAGRAPHS])
    with pytest.raises(ExtractionError) as caught:
        extract_pdf(path, max_pages=2)
    assert caught.value.code == "too_many_pages"
    with pytest.raises(ExtractionError) as caught:
        extract_pdf(path, timeout=0)
    assert caught.value.code == "timeout"
    assert extract_pdf(path, max_pages=3, timeout=60).page_count == 3


def test_on_page_reports_each_page_as_it_is_read(tmp_path: Path) -> None:
    seen: list[int] = []
    extract_pdf(
        make_pdf(tmp_path / "three.pdf", [flow(text) for text in PARAGRAPHS]), on_page=seen.append
    )
    assert seen == [1, 2, 3]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        extract_pdf(tmp_path / "nowhere.pdf")


def test_error_survives_pickling() -> None:
    import pickle

    error = pickle.loads(pickle.dumps(ExtractionError("corrupt", "broken xref")))
    assert (error.code, error.message, str(error)) == (
        "corrupt",
        "broken xref",
        "corrupt: broken xref",
    )
    with pytest.raises(ValueError):
        ExtractionError("no_such_code", "x")
