"""Regression: a scan carrying a scanner's noisy OCR layer is read again with Tesseract."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.extract import extract_pdf


@pytest.mark.slow
def test_noisy_scanner_ocr_layer_is_replaced(shared_dir: Path) -> None:
    if shutil.which("tesseract") is None:
        pytest.fail("tesseract is not installed")
    pdf = shared_dir / "corpus/pk_judgments/IHC_CMA01-2021_scan_plus_OCR_layer.pdf"
    layer = extract_pdf(pdf, ocr=False)
    # The scanner's layer has the caption after the body: wrong reading order.
    text = layer.pages[0].text
    assert text.index("Warehouses") < text.index("ORDER SHEET")
    doc = extract_pdf(pdf)
    first = doc.pages[0]
    assert first.method == "ocr" and first.ocr_confidence > 80
    assert first.text.startswith("ORDER SHEET")
    assert first.text.index("ISLAMABAD HIGH COURT") < first.text.index("Warehouses")
    # The raw text layer is still what was extracted for that page, for audit.
    assert first.raw_text
