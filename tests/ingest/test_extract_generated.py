"""PDFs made here for exact cases: a rotated page and an encrypted file."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF

from ingest.extract import ExtractionError, extract_pdf

TEXT = [
    "IN THE LAHORE HIGH COURT, LAHORE",
    "Criminal Appeal No. 77 of 2021",
    "The learned counsel for the appellant argued that the sentence was excessive.",
]


def write_pdf(path: Path, **encryption: str) -> Path:
    pdf = FPDF()
    if encryption:
        pdf.set_encryption(**encryption)
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    for line in TEXT:
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_rotated_page_reads_in_order(tmp_path: Path) -> None:
    plain = write_pdf(tmp_path / "plain.pdf")
    doc = pdfium.PdfDocument(plain)
    doc[0].set_rotation(90)
    rotated = tmp_path / "rotated.pdf"
    doc.save(rotated)
    doc.close()
    check = pdfium.PdfDocument(rotated)
    assert check[0].get_rotation() == 90
    check.close()
    page = extract_pdf(rotated).pages[0]
    assert page.method == "text"
    lines = [line for line in page.text.splitlines() if line.strip()]
    assert lines[0] == TEXT[0] and lines[1] == TEXT[1]
    assert TEXT[2] in page.text


@pytest.mark.parametrize("given, outcome", [(None, "encrypted"), ("wrong", "password_wrong"),
                                            ("s3cret", "ok")])
def test_encrypted_file(tmp_path: Path, given: str | None, outcome: str) -> None:
    pdf = write_pdf(tmp_path / "locked.pdf", owner_password="owner-pw", user_password="s3cret")
    assert b"/Encrypt" in pdf.read_bytes()
    if outcome == "ok":
        assert TEXT[1] in extract_pdf(pdf, password=given).pages[0].text
        return
    with pytest.raises(ExtractionError) as caught:
        extract_pdf(pdf, password=given)
    assert caught.value.code == outcome
    assert "s3cret" not in caught.value.message
