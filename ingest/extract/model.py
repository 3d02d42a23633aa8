"""What extraction returns: a document made of pages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExtractedPage:
    """One page of a PDF, as text.

    ``text`` is the cleaned text that is shown and indexed; character offsets
    anywhere else in lawdb refer to it. ``raw_text`` is the text exactly as the
    text layer or OCR gave it, before any cleaning (PDFium's ``\\r\\n`` line
    ends and U+FFFE hyphen marks included), kept so that cleaning can be redone
    or audited.

    ``label`` is the page's printed label: the PDF's own page label if it has
    one, else the page number printed on the page (found while removing running
    headers and footers), else None. ``method`` is ``"text"`` (the PDF's text
    layer) or ``"ocr"`` (Tesseract). ``ocr_confidence`` is Tesseract's mean word
    confidence (0-100) for OCR pages, None otherwise; handwriting and poor
    scans score low and should be treated with care. ``rotation`` is the
    number of degrees (0, 90, 180, 270) the page image was turned clockwise so
    that OCR could read it upright; 0 for text pages.
    """

    number: int
    label: str | None
    raw_text: str
    text: str
    method: str
    ocr_confidence: float | None
    rotation: int


@dataclass(frozen=True)
class ExtractedDocument:
    """A whole PDF: its pages in order, its info dictionary and what went wrong.

    ``metadata`` holds the PDF's document info where present, under the keys
    ``title``, ``author``, ``subject``, ``keywords``, ``creator``, ``producer``,
    ``creation_date`` and ``modification_date`` (dates as ISO 8601 strings
    when they parse, else as written). It describes the file, not the judgment:
    titles like "Form No:HCJD/C-121" are common. ``warnings`` lists problems
    that did not stop extraction (a page left empty because OCR timed out, a
    garbled text layer kept because OCR was off), each naming its page.
    """

    page_count: int
    pages: list[ExtractedPage]
    metadata: dict[str, str]
    warnings: list[str]

    @property
    def text(self) -> str:
        """All pages' cleaned text, separated by form feeds (``\\f``)."""
        return "\f".join(page.text for page in self.pages)
