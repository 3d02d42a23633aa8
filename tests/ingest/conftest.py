"""Fixtures for ingest tests: a data folder with a store, and PDFs made on the spot."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from lawdb.db import make_session_factory
from lawdb.store import FileStore
from tests.paths import SAMPLES


@pytest.fixture
def factory(engine: Engine):
    return make_session_factory(engine)


@pytest.fixture
def store(tmp_path: Path) -> FileStore:
    return FileStore(tmp_path / "files")


@pytest.fixture(scope="session")
def scanned_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An image-only PDF of a real page of text: what a scanner produces."""
    import pypdfium2 as pdfium
    from fpdf import FPDF

    out = tmp_path_factory.mktemp("scan")
    src = pdfium.PdfDocument(SAMPLES / "lhc_criminal_appeal_2022.pdf")
    image = src[0].render(scale=200 / 72, grayscale=True).to_pil()
    src.close()
    png = out / "page.png"
    image.save(png)
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.image(str(png), x=0, y=0, w=pdf.w, h=pdf.h)
    path = out / "scanned_judgment.pdf"
    pdf.output(str(path))
    return path
