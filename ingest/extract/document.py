"""extract_pdf: a PDF file in, an ExtractedDocument (pages of text) out.

The decisions, page by page:

1. PDFium reads the page's text layer (fast path, hundreds of pages a second).
2. If the page is laid out in columns (:func:`~ingest.extract.textlayer.find_columns`),
   it is read again column by column with pdfplumber's layout analysis.
3. :func:`~ingest.extract.quality.assess_text_layer` judges the text. A page
   with no text but a scanned image on it, or with a garbled text layer, is
   OCRed (if ``ocr`` is on); a page with no text and no image is just empty.
4. When all pages are read, the cleaning pipeline
   (:func:`~ingest.extract.cleaning.clean_pages`) runs over the whole document.

Nothing here touches a database; bulk import and the web upload call this.
PDFium is not thread-safe: extract one PDF per thread at most, or better one
per process.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .cleaning import clean_pages
from .errors import ExtractionError
from .model import ExtractedDocument, ExtractedPage
from .normalize import normalize_unicode
from .ocr import OcrFailed, OcrTimeout, ocr_page
from .quality import assess_text_layer
from .textlayer import (
    find_columns,
    layout_bands,
    read_bands_pdfium,
    read_bands_pdfplumber,
    text_rects,
)

log = logging.getLogger(__name__)

#: The PDF header must start within this many bytes (as readers allow).
HEADER_WINDOW = 1024
#: Images must cover this share of a page with (almost) no text for it to count as
#: scanned (a signature or a seal covers far less; a one-line scan strip more).
MIN_SCAN_COVERAGE = 0.1
#: Longest a single page's OCR may take (seconds).
OCR_PAGE_TIMEOUT = 120.0
#: Image coverage from which a page with a text layer is taken for a scan whose
#: text is some scanner's OCR, to be read again with Tesseract.
OCR_LAYER_COVERAGE = 0.95
#: Share of letters in Arabic script from which a page counts as Urdu for OCR.
URDU_SHARE = 0.2

_METADATA_KEYS = {
    "Title": "title",
    "Author": "author",
    "Subject": "subject",
    "Keywords": "keywords",
    "Creator": "creator",
    "Producer": "producer",
    "CreationDate": "creation_date",
    "ModDate": "modification_date",
}
_PDF_DATE = re.compile(
    r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?"
)


def parse_pdf_date(value: str) -> str:
    """``D:20241212124157+05'00'`` -> ``2024-12-12T12:41:57+05:00``; other text as it is."""
    match = _PDF_DATE.match(value.strip())
    if not match:
        return value
    year, month, day, hour, minute, second, zulu, sign, tz_hour, tz_minute = match.groups()
    out = f"{year}-{month or '01'}-{day or '01'}"
    if hour:
        out += f"T{hour}:{minute or '00'}:{second or '00'}"
        if zulu:
            out += "Z"
        elif sign:
            out += f"{sign}{tz_hour}:{tz_minute or '00'}"
    return out


def _check_header(path: Path) -> None:
    with path.open("rb") as handle:
        head = handle.read(HEADER_WINDOW)
    if not head:
        raise ExtractionError(
            "empty", f"{path.name} is an empty file (0 bytes); a failed download?"
        )
    if b"%PDF-" not in head:
        looks = "an HTML page" if head.lstrip()[:1] == b"<" else f"data starting {head[:12]!r}"
        raise ExtractionError(
            "not_pdf",
            f"{path.name} is not a PDF (it is {looks}); its name may say .pdf, its bytes do not",
        )


def _open(path: Path, password: str | None) -> Any:
    try:
        return pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            if password is None:
                raise ExtractionError(
                    "encrypted", f"{path.name} is encrypted; give its password to open it"
                ) from exc
            raise ExtractionError(
                "password_wrong", f"the password given does not open {path.name}"
            ) from exc
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise ExtractionError(
                "encrypted", f"{path.name} uses an encryption scheme that cannot be opened"
            ) from exc
        raise ExtractionError(
            "corrupt", f"{path.name} is damaged and cannot be read ({exc})"
        ) from exc


def _metadata(doc: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    with suppress(pdfium.PdfiumError):
        for key, value in doc.get_metadata_dict(skip_empty=True).items():
            name = _METADATA_KEYS.get(key)
            if name and value.strip():
                out[name] = parse_pdf_date(value) if name.endswith("date") else value.strip()
    return out


def _image_coverage(page: Any) -> float:
    """Share of the page's area covered by images (capped at 1)."""
    x0, y0, x1, y1 = page.get_mediabox()
    area = 0.0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        area += max(0.0, min(right, x1) - max(left, x0)) * max(0.0, min(top, y1) - max(bottom, y0))
    page_area = (x1 - x0) * (y1 - y0)
    return min(area / page_area, 1.0) if page_area > 0 else 0.0


class _Plumber:
    """pdfplumber, opened on the first page that needs it and only then.

    It is not used at all when it cannot open the file or sees a different
    number of pages than PDFium (a damaged cross-reference table that pdfminer
    reads differently): its page ``i`` might then not be PDFium's page ``i``.
    """

    def __init__(self, path: Path, password: str | None, page_count: int) -> None:
        self.path = path
        self.password = password
        self.page_count = page_count
        self.pdf: Any = None
        self.failed = False

    def page(self, index: int) -> Any:
        if self.failed:
            return None
        if self.pdf is None:
            try:
                import pdfplumber

                self.pdf = pdfplumber.open(self.path, password=self.password or "")
                if len(self.pdf.pages) != self.page_count:
                    raise ValueError(f"it sees {len(self.pdf.pages)} pages")
            except Exception as exc:  # pdfminer fails on files PDFium reads; fall back
                log.info("pdfplumber cannot read %s (%s); PDFium reads its columns", self.path, exc)
                self.failed = True
                return None
        return self.pdf.pages[index]

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()


def _read_text_layer(page: Any, textpage: Any, index: int, plumber: _Plumber) -> str:
    """The page's text layer, read column by column where it has columns."""
    raw = textpage.get_text_range()
    if len(raw) < 200:
        return raw
    rects = text_rects(textpage)
    columns = find_columns(rects)
    if not columns:
        return raw
    left, bottom, right, top = page.get_mediabox()
    bands = layout_bands(rects, columns, (left, bottom, right, top))
    rtl = assess_text_layer(raw).arabic_share > 0.5
    # pdfplumber's coordinates match PDFium's only on unrotated pages with the origin at 0, 0.
    plumber_page = None
    if page.get_rotation() == 0 and left == 0 and bottom == 0:
        plumber_page = plumber.page(index)
    if plumber_page is not None:
        try:
            return read_bands_pdfplumber(plumber_page, bands, top, rtl)
        except Exception as exc:  # a pdfminer failure on one page must not lose it
            log.info("pdfplumber failed on page %d (%s); PDFium reads it", index + 1, exc)
        finally:
            plumber_page.close()  # drop its parsed objects: long documents stay small
    return read_bands_pdfium(textpage, bands, rtl)


class _Deadline:
    """The document's time limit (``timeout`` seconds from now; None: no limit)."""

    def __init__(self, name: str, timeout: float | None) -> None:
        self.name = name
        self.timeout = timeout
        self.at = None if timeout is None else time.monotonic() + timeout

    def passed(self) -> bool:
        return self.at is not None and time.monotonic() >= self.at

    def check(self, doing: str) -> None:
        if self.passed():
            raise ExtractionError(
                "timeout", f"gave up on {self.name} after {self.timeout:g} s, {doing}"
            )

    def left(self, most: float) -> float:
        """Seconds left, but at most ``most`` (and above 0: to pytesseract 0 means no limit)."""
        return max(0.01, most if self.at is None else min(most, self.at - time.monotonic()))


@dataclass(frozen=True)
class _Read:
    """One page as read, before cleaning."""

    raw: str
    method: str = "text"
    confidence: float | None = None
    rotation: int = 0


def _reocr_scan_layer(page: Any, index: int, raw: str, quality: Any, ocr_languages: str,
                      deadline: _Deadline, warnings: list[str]) -> _Read:
    where = f"page {index + 1}"
    try:
        result, notes = ocr_page(
            page,
            languages=ocr_languages,
            urdu_likely=quality.arabic_share >= URDU_SHARE,
            timeout=deadline.left(OCR_PAGE_TIMEOUT),
        )
    except ExtractionError as exc:
        if exc.code != "ocr_unavailable":
            raise
        warnings.append(f"{where}: scanned page kept with its own OCR layer ({exc.message})")
        return _Read(raw)
    except (OcrTimeout, OcrFailed):
        deadline.check(f"OCRing {where}")
        warnings.append(f"{where}: re-OCR of a scanned page failed; its own OCR layer kept")
        return _Read(raw)
    ours = assess_text_layer(normalize_unicode(result.text))
    if ours.usable and (ours.dictionary_share or 0) >= (quality.dictionary_share or 0):
        warnings.extend(f"{where}: {note}" for note in notes)
        return _Read(result.text, "ocr", result.confidence, result.rotation)
    return _Read(raw)


def _read_page(
    page: Any,
    index: int,
    plumber: _Plumber,
    *,
    ocr: bool,
    ocr_languages: str,
    deadline: _Deadline,
    warnings: list[str],
) -> _Read:
    """Read one page: its text layer, or OCR where that is missing or garbled."""
    # PDFium orders the text of a /Rotate'd page by where it appears once
    # turned, which interleaves lines; read it in the page's own coordinates
    # (as written), then restore the rotation for rendering and OCR.
    rotation = page.get_rotation()
    if rotation:
        page.set_rotation(0)
    textpage = page.get_textpage()
    try:
        raw = _read_text_layer(page, textpage, index, plumber)
    finally:
        textpage.close()
        if rotation:
            page.set_rotation(rotation)
    quality = assess_text_layer(normalize_unicode(raw))
    if quality.usable and ocr and _image_coverage(page) >= OCR_LAYER_COVERAGE:
        # A page that is one big image with text on it is a scan carrying some
        # scanner's OCR layer, often noisy ("INIJIF SupIZEME COURT"). Read it
        # again with Tesseract and keep whichever reads more like language.
        return _reocr_scan_layer(page, index, raw, quality, ocr_languages, deadline, warnings)
    if quality.usable or (
        quality.reason == "little_text" and _image_coverage(page) < MIN_SCAN_COVERAGE
    ):
        return _Read(raw)  # good text, or a (nearly) blank page with nothing to OCR
    where = f"page {index + 1}"
    if not ocr:
        what = (
            "no text layer"
            if quality.reason == "little_text"
            else f"a garbled text layer ({quality.reason})"
        )
        warnings.append(f"{where}: {what}; OCR is off, text layer kept as it is")
        return _Read(raw)
    try:
        result, notes = ocr_page(
            page,
            languages=ocr_languages,
            urdu_likely=quality.arabic_share >= URDU_SHARE,
            timeout=deadline.left(OCR_PAGE_TIMEOUT),
        )
    except OcrTimeout:
        deadline.check(f"OCRing {where}")
        warnings.append(f"{where}: OCR took over {OCR_PAGE_TIMEOUT:g} s; page left empty")
        return _Read("", "ocr")
    except OcrFailed as exc:
        warnings.append(f"{where}: {exc}; page left empty")
        return _Read("", "ocr")
    warnings.extend(f"{where}: {note}" for note in notes)
    return _Read(result.text, "ocr", result.confidence, result.rotation)


def extract_pdf(
    path: Path | str,
    *,
    password: str | None = None,
    ocr: bool = True,
    ocr_languages: str = "eng",
    max_pages: int = 2000,
    timeout: float | None = None,
    on_page: Callable[[int], None] | None = None,
) -> ExtractedDocument:
    """Extract the text of every page of the PDF at ``path``.

    Text layers are read with PDFium, multi-column pages with pdfplumber, and
    pages that are scanned images or carry a garbled text layer are OCRed with
    Tesseract when ``ocr`` is true (``ocr_languages`` as Tesseract spells them,
    e.g. ``"eng"`` or ``"urd+eng"``; Urdu is added for pages that look Urdu).
    Every page is cleaned (see :mod:`ingest.extract.cleaning`).

    ``timeout`` (seconds) bounds the whole extraction; it is checked between
    pages, and a single page's OCR is also limited to :data:`OCR_PAGE_TIMEOUT`
    (a page that runs over is left empty with a warning). It cannot interrupt
    PDFium inside one page; run extraction in a worker process that can be
    killed for a hard limit. ``on_page`` is called with each page's number as
    soon as that page is read (a bulk import's progress bar, or the heartbeat
    by which a worker pool tells a slow page from a hung one).

    Raises :class:`ExtractionError` with ``code`` ``not_pdf``, ``empty``,
    ``encrypted``, ``password_wrong``, ``corrupt``, ``too_many_pages``,
    ``ocr_unavailable`` (only when a page needs OCR), ``timeout`` or
    ``no_text``. The file is judged by its bytes, never by its name. A missing
    file raises :class:`FileNotFoundError`.
    """
    path = Path(path)
    deadline = _Deadline(path.name, timeout)
    _check_header(path)
    doc = _open(path, password)
    page_count = len(doc)
    plumber = _Plumber(path, password, page_count)
    try:
        if page_count == 0:
            raise ExtractionError("empty", f"{path.name} has no pages")
        if page_count > max_pages:
            raise ExtractionError(
                "too_many_pages",
                f"{path.name} has {page_count} pages, more than the limit of {max_pages}",
            )
        warnings: list[str] = []
        reads: list[_Read] = []
        for index in range(page_count):
            deadline.check(f"at page {index + 1} of {page_count}")
            try:
                page = doc[index]
            except pdfium.PdfiumError as exc:  # one broken page must not lose the others
                warnings.append(f"page {index + 1}: cannot be read ({exc}); left empty")
                reads.append(_Read(""))
                continue
            try:
                reads.append(
                    _read_page(
                        page,
                        index,
                        plumber,
                        ocr=ocr,
                        ocr_languages=ocr_languages,
                        deadline=deadline,
                        warnings=warnings,
                    )
                )
            finally:
                page.close()
            if on_page is not None:
                on_page(index + 1)

        texts, printed = clean_pages([read.raw for read in reads])
        if not any(texts):
            hint = "OCR found no text either" if ocr else "it looks scanned; extract it with OCR on"
            raise ExtractionError("no_text", f"no page of {path.name} has any text ({hint})")
        pages = [
            ExtractedPage(
                number=index + 1,
                label=doc.get_page_label(index) or printed[index] or None,
                raw_text=read.raw,
                text=texts[index],
                method=read.method,
                ocr_confidence=read.confidence,
                rotation=read.rotation,
            )
            for index, read in enumerate(reads)
        ]
        return ExtractedDocument(
            page_count=page_count, pages=pages, metadata=_metadata(doc), warnings=warnings
        )
    finally:
        plumber.close()
        doc.close()
