"""PDF page extraction for ingestion: text layer, OCR and cleaning, no database.

Usage::

    from ingest.extract import ExtractionError, extract_pdf

    try:
        document = extract_pdf(Path("2024LHC6559.pdf"))
    except ExtractionError as error:
        record_failure(path, error.code, error.message)   # and go on with the next file
    else:
        for page in document.pages:
            index(page.number, page.label, page.text)

Pages are read with PDFium (fast) and, where the layout has columns, with
pdfplumber; scanned or garbled pages are OCRed with Tesseract; then running
headers, page numbers, hyphenation and line wrapping are cleaned away (see
:mod:`ingest.extract.cleaning`). ``ExtractedPage.text`` is the cleaned text
that offsets refer to; ``raw_text`` keeps what the PDF gave.
"""

from .document import extract_pdf
from .errors import ERROR_CODES, ExtractionError
from .model import ExtractedDocument, ExtractedPage

__all__ = ["ERROR_CODES", "ExtractedDocument", "ExtractedPage", "ExtractionError", "extract_pdf"]
