"""OCR with the real Tesseract: scanned pages, rotation, confidence, missing Tesseract.

Each OCR run costs about a second a page, so these tests OCR few and small pages.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytesseract
import pytest
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

from ingest.extract import ExtractionError, extract_pdf
from ingest.extract.ocr import choose_languages, installed_languages, parse_hocr

ORDER = [
    "IN THE LAHORE HIGH COURT",
    "The appeal is dismissed and the conviction",
    "of the appellant is maintained by this Court.",
    "Announced in open Court on 12.12.2024.",
] * 3


def scan_image(rotation: int = 0) -> Image.Image:
    """A 'scan' of a short order, turned ``rotation`` degrees counter-clockwise."""
    image = Image.new("L", (1700, 2200), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=34)
    for i, line in enumerate(ORDER):
        draw.text((120, 150 + 70 * i), line, font=font, fill=0)
    return image.rotate(rotation, expand=True)


def make_scan_pdf(path: Path, rotation: int = 0, text_page_first: bool = False) -> Path:
    pdf = FPDF(format="A4")
    pdf.set_font("Helvetica", size=11)
    if text_page_first:
        pdf.add_page()
        pdf.text(20, 30, "The first page has a text layer of its own, as most judgments do.")
    pdf.add_page()
    pdf.image(scan_image(rotation), x=0, y=0, w=210, h=297)
    pdf.output(str(path))
    return path


@pytest.fixture
def no_tesseract(monkeypatch: pytest.MonkeyPatch):
    """Tesseract as if not installed (its command points nowhere)."""
    installed_languages.cache_clear()
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    yield
    installed_languages.cache_clear()


def test_a_scanned_page_among_text_pages_is_ocred(tmp_path: Path) -> None:
    document = extract_pdf(make_scan_pdf(tmp_path / "mixed.pdf", text_page_first=True))
    text_page, scan = document.pages
    assert (text_page.method, text_page.ocr_confidence) == ("text", None)
    assert scan.method == "ocr"
    assert scan.ocr_confidence is not None and scan.ocr_confidence > 80
    assert scan.rotation == 0
    assert "The appeal is dismissed and the conviction of the appellant is maintained" in scan.text
    assert os.environ.get(
        "OMP_THREAD_LIMIT"
    )  # tesseract ran single-threaded (or as the user chose)


@pytest.mark.parametrize("rotation", [90, 270])
def test_sideways_scans_are_turned_upright(tmp_path: Path, rotation: int) -> None:
    page = extract_pdf(make_scan_pdf(tmp_path / "sideways.pdf", rotation)).pages[0]
    assert (page.method, page.rotation) == ("ocr", rotation)
    assert "IN THE LAHORE HIGH COURT" in page.text


def test_scanned_judgment_from_the_corpus(shared_dir: Path) -> None:
    path = shared_dir / "corpus" / "other_legal" / "US_opinion_image_based_scanned.pdf"
    (page,) = extract_pdf(path).pages
    assert page.method == "ocr"
    assert page.ocr_confidence is not None and page.ocr_confidence > 80
    assert "This matter is before the Foreign Intelligence" in page.text
    assert page.raw_text  # OCR output is the raw text of an OCR page


def test_an_urdu_scan_is_read_as_urdu(shared_dir: Path, tmp_path: Path) -> None:
    """No text layer to hint at Urdu: English OCR reads badly, the script check says
    Arabic, and the page is read again with urd+eng."""
    source = shared_dir / "corpus" / "pk_judgments" / "SCP_CrlP748-2016_Urdu_judgment_juvenile.pdf"
    image = pdfium.PdfDocument(str(source))[1].render(scale=200 / 72, grayscale=True).to_pil()
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=210, h=297)
    pdf.output(str(tmp_path / "urdu-scan.pdf"))
    (page,) = extract_pdf(tmp_path / "urdu-scan.pdf").pages
    assert page.method == "ocr"
    assert len(re.findall(r"[\u0600-\u06ff]", page.text)) > 300
    assert "راولپنڑی" in page.text  # Rawalpindi, as the notes say common words read usably


def test_jbig2_scan_is_decoded_for_ocr(shared_dir: Path) -> None:
    (page,) = extract_pdf(shared_dir / "corpus" / "robustness" / "pm_pdf-with-jbig2.pdf").pages
    assert page.method == "ocr"
    assert "Doesn't" in page.text


def test_ocr_off_keeps_what_there_is_and_says_so(tmp_path: Path) -> None:
    document = extract_pdf(make_scan_pdf(tmp_path / "mixed.pdf", text_page_first=True), ocr=False)
    assert [page.method for page in document.pages] == ["text", "text"]
    assert document.pages[1].text == ""
    assert document.warnings == ["page 2: no text layer; OCR is off, text layer kept as it is"]
    with pytest.raises(ExtractionError) as caught:
        extract_pdf(make_scan_pdf(tmp_path / "scan.pdf"), ocr=False)
    assert caught.value.code == "no_text"
    assert "OCR on" in caught.value.message


def test_missing_tesseract_fails_only_when_ocr_is_needed(
    shared_dir: Path, tmp_path: Path, no_tesseract: None
) -> None:
    with pytest.raises(ExtractionError) as caught:
        extract_pdf(make_scan_pdf(tmp_path / "scan.pdf"))
    assert caught.value.code == "ocr_unavailable"
    assert "tesseract-ocr-eng tesseract-ocr-urd" in caught.value.message
    born_digital = (
        shared_dir
        / "corpus"
        / "pk_judgments"
        / "LHC_2024LHC5566_CrlMisc63844-B-2024_PECA_s21_s24_bail.pdf"
    )
    assert extract_pdf(born_digital).page_count == 3


HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<html><body><div class='ocr_page' title='bbox 0 0 100 100'>
<div class='ocr_carea'><p class='ocr_par' dir='ltr'>
 <span class='ocr_line' title="bbox 0 0 10 10; baseline 0 0; textangle 180; x_size 30">
  <span class='ocrx_word' title='bbox 0 0 5 5; x_wconf 90'>ORDER</span>
  <span class='ocrx_word' title='bbox 5 0 9 5; x_wconf 80'>SHEET</span>
 </span>
 <span class='ocr_line' title="bbox 0 10 10 20; textangle 180">
  <span class='ocrx_word' title='bbox 0 10 5 15; x_wconf 70'><strong>Dated</strong></span>
  <span class='ocrx_word' title='bbox 0 10 5 15; x_wconf 0'> </span>
 </span>
</p><p class='ocr_par'>
 <span class='ocr_header' title="bbox 0 20 10 30">
  <span class='ocrx_word' title='bbox 0 20 5 25; x_wconf 100'>12.12.2024</span>
 </span>
</p></div></div></body></html>"""


def test_a_page_whose_ocr_runs_too_long_is_left_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ingest.extract.document.OCR_PAGE_TIMEOUT", 0.05)
    document = extract_pdf(make_scan_pdf(tmp_path / "mixed.pdf", text_page_first=True))
    assert document.pages[1].method == "ocr"
    assert document.pages[1].text == ""
    assert document.warnings == ["page 2: OCR took over 0.05 s; page left empty"]


def test_a_page_tesseract_fails_on_is_left_empty(tmp_path: Path, no_tesseract: None) -> None:
    crashing = tmp_path / "tesseract"
    crashing.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = --list-langs ]; then printf "List of languages:\\neng\\n"; exit 0; fi\n'
        'echo "Error in pixReadStream: Unknown format" >&2; exit 1\n'
    )
    crashing.chmod(0o755)
    pytesseract.pytesseract.tesseract_cmd = str(crashing)
    document = extract_pdf(make_scan_pdf(tmp_path / "mixed.pdf", text_page_first=True))
    assert document.pages[1].text == ""
    (warning,) = document.warnings
    assert warning.startswith("page 2: Tesseract failed") and "Unknown format" in warning


def test_the_document_time_limit_stops_ocr(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError) as caught:
        extract_pdf(make_scan_pdf(tmp_path / "scan.pdf"), timeout=0.2)
    assert caught.value.code == "timeout"
    assert "OCRing page 1" in caught.value.message


def test_parse_hocr() -> None:
    text, confidence, rotation = parse_hocr(HOCR)
    assert text == "ORDER SHEET\nDated\n12.12.2024"
    assert confidence == pytest.approx((90 + 80 + 70 + 100) / 4)  # empty words do not count
    assert rotation == 180


def test_parse_hocr_of_an_empty_page() -> None:
    assert parse_hocr("<html><body><div class='ocr_page'></div></body></html>") == ("", None, 0)


LANGUAGES = [
    # (requested, urdu_likely, installed, expected -l value, warns)
    ("eng", False, {"eng", "urd", "osd"}, "eng", False),
    ("eng", True, {"eng", "urd", "osd"}, "urd+eng", False),
    ("urd", False, {"eng", "urd", "osd"}, "urd+eng", False),
    ("eng+urd", False, {"eng", "urd", "osd"}, "urd+eng", False),
    ("eng", True, {"eng", "osd"}, "eng", True),  # Urdu data missing: English, with a warning
]


@pytest.mark.parametrize(("requested", "urdu", "installed", "expected", "warns"), LANGUAGES)
def test_choose_languages(
    requested: str, urdu: bool, installed: set[str], expected: str, warns: bool
) -> None:
    languages, warnings = choose_languages(
        requested, urdu_likely=urdu, installed=frozenset(installed)
    )
    assert languages == expected
    assert bool(warnings) is warns


def test_no_usable_language_data() -> None:
    with pytest.raises(ExtractionError) as caught:
        choose_languages("urd", urdu_likely=True, installed=frozenset({"osd"}))
    assert caught.value.code == "ocr_unavailable"
