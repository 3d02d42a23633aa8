"""The one exception extraction raises for a PDF it cannot turn into pages."""

from __future__ import annotations

#: Every ``ExtractionError.code``, with what it means.
ERROR_CODES: dict[str, str] = {
    "not_pdf": "the file's bytes are not a PDF (e.g. an HTML page saved with a .pdf name)",
    "empty": "the file is empty (0 bytes) or the PDF has no pages",
    "encrypted": "the PDF needs a password and none was given",
    "password_wrong": "the password given does not open the PDF",
    "corrupt": "the PDF is damaged beyond what the reader can repair",
    "too_many_pages": "the PDF has more pages than max_pages allows",
    "ocr_unavailable": "a page needs OCR but Tesseract (or its language data) is missing",
    "timeout": "extraction ran past its time limit",
    "no_text": "no page has any text, and OCR found none or was switched off",
}


class ExtractionError(Exception):
    """A PDF could not be extracted.

    ``code`` is machine-readable (one of :data:`ERROR_CODES`; a bulk import
    records it and goes on with the next file), ``message`` says why in words
    a user can act on, with a hint where one helps.
    """

    def __init__(self, code: str, message: str) -> None:
        if code not in ERROR_CODES:
            raise ValueError(f"unknown extraction error code {code!r}")
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message

    def __reduce__(self):  # keep code and message when pickled across processes
        return (type(self), (self.code, self.message))
