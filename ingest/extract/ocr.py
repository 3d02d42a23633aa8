"""OCR of one page with Tesseract (through pytesseract).

The page is rendered by PDFium at 300 dpi in greyscale and handed to
Tesseract as an uncompressed PGM (PNG compression alone costs ~1 s a page).
Tesseract runs with ``--psm 1``: automatic page segmentation *with
orientation detection*, so an upside-down or sideways scan is read upright in
the same pass; the angle it turned the page by is read back from the hOCR
output (``textangle``), and so are the words' confidences (``x_wconf``).

Tesseract's OpenMP would start more threads than there are cores and run
~10x slower; ``OMP_THREAD_LIMIT=1`` is therefore set in this process's
environment (unless already set), which the tesseract subprocesses inherit.
Run one extraction per core to use more cores.

Languages: ``urd`` is added (first) when the caller asks for it or the page
looks Urdu. When English OCR of a page reads poorly and Urdu data is
installed, an orientation-and-script pass decides whether to read it again
as ``urd+eng``.

Caveats: handwriting comes out as low-confidence noise (look at
``confidence``); Urdu (Nastaliq) OCR reads common words, not every word.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from .errors import ExtractionError

#: Resolution pages are rendered at for OCR.
DPI = 300
#: Largest image handed to Tesseract (pixels); bigger pages are rendered at a lower dpi.
MAX_PIXELS = 40_000_000
#: Below this mean confidence an English reading is worth checking for Urdu script.
RETRY_BELOW_CONFIDENCE = 60.0

INSTALL_HINT = (
    "install Tesseract with its English and Urdu data, e.g. "
    "`apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-urd`, "
    "and the Python wrapper with `pip install pytesseract`"
)


class OcrFailed(Exception):
    """Tesseract failed on a page (it crashed or rejected the image)."""


class OcrTimeout(Exception):
    """Tesseract did not finish a page in time (the process was killed)."""


@dataclass(frozen=True)
class OcrResult:
    """Tesseract's reading of a page: text, mean word confidence, rotation, languages."""

    text: str
    confidence: float | None
    rotation: int
    languages: str


def _pytesseract() -> Any:
    try:
        import pytesseract
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ExtractionError(
            "ocr_unavailable", f"pytesseract is not installed; {INSTALL_HINT}"
        ) from exc
    return pytesseract


@functools.cache
def installed_languages() -> frozenset[str]:
    """Tesseract's installed language data; raises ``ocr_unavailable`` if Tesseract is missing."""
    pytesseract = _pytesseract()
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        raise ExtractionError(
            "ocr_unavailable",
            f"this PDF has scanned pages but Tesseract is not installed; {INSTALL_HINT}",
        )
    try:
        return frozenset(pytesseract.get_languages(config=""))
    except (OSError, pytesseract.TesseractError) as exc:
        raise ExtractionError(
            "ocr_unavailable", f"Tesseract does not run ({exc}); {INSTALL_HINT}"
        ) from exc


def choose_languages(
    requested: str, *, urdu_likely: bool, installed: frozenset[str]
) -> tuple[str, list[str]]:
    """Tesseract's ``-l`` value for a page, and warnings about missing language data.

    ``requested`` is ``"eng"``, ``"urd+eng"`` and the like. Urdu goes first when
    asked for or likely. Languages that are not installed are left out with a
    warning; if none is left, ``ocr_unavailable`` is raised.
    """
    wanted = [lang for lang in requested.split("+") if lang]
    if urdu_likely or "urd" in wanted:
        wanted = ["urd", *(lang for lang in wanted if lang != "urd")]
        if "eng" not in wanted:
            wanted.append("eng")
    missing = [lang for lang in wanted if lang not in installed]
    usable = [lang for lang in wanted if lang in installed]
    if not usable:
        raise ExtractionError(
            "ocr_unavailable", f"Tesseract has no data for {'+'.join(wanted)}; {INSTALL_HINT}"
        )
    warnings = [f"Tesseract language data missing: {', '.join(missing)}"] if missing else []
    return "+".join(usable), warnings


class _HocrReader(HTMLParser):
    """Collects words, line breaks, confidences and text angles from hOCR."""

    _LINE_CLASSES = frozenset({"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"})

    def __init__(self) -> None:
        super().__init__()
        self.paragraphs: list[list[list[str]]] = []
        self.confidences: list[float] = []
        self.angles: list[int] = []
        self._in_word = False
        self._word: list[str] = []
        self._word_conf: float | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        cls = values.get("class") or ""
        title = values.get("title") or ""
        if cls == "ocr_par":
            self.paragraphs.append([])
        elif cls in self._LINE_CLASSES:
            if not self.paragraphs:
                self.paragraphs.append([])
            self.paragraphs[-1].append([])
            angle = re.search(r"textangle (\d+)", title)
            self.angles.append(int(angle.group(1)) if angle else 0)
        elif cls == "ocrx_word":
            self._in_word = True
            self._word = []
            conf = re.search(r"x_wconf (\d+)", title)
            self._word_conf = float(conf.group(1)) if conf else None

    def handle_endtag(self, tag: str) -> None:
        if self._in_word and tag == "span":
            word = "".join(self._word).strip()
            if word and self.paragraphs and self.paragraphs[-1]:
                self.paragraphs[-1][-1].append(word)
                if self._word_conf is not None:
                    self.confidences.append(self._word_conf)
            self._in_word = False

    def handle_data(self, data: str) -> None:
        if self._in_word:
            self._word.append(data)


def parse_hocr(hocr: str) -> tuple[str, float | None, int]:
    """Text (one line per OCR line), mean word confidence and rotation.

    Tesseract's paragraph breaks are not marked: it often splits a paragraph
    in the middle, and the unwrapping stage judges line ends by itself.
    """
    reader = _HocrReader()
    reader.feed(hocr)
    text = "\n".join(" ".join(line) for par in reader.paragraphs for line in par if line)
    confidence = sum(reader.confidences) / len(reader.confidences) if reader.confidences else None
    rotation = max(set(reader.angles), key=reader.angles.count) if reader.angles else 0
    return text, confidence, rotation if rotation in (90, 180, 270) else 0


def render_page(page: Any, dpi: int = DPI) -> Any:
    """Render a PDFium page to a greyscale PIL image, ready for Tesseract.

    The resolution used is in ``image.info["dpi"]`` (lower than ``dpi`` for
    pages so large that the image would pass :data:`MAX_PIXELS`).
    """
    width, height = page.get_size()
    scale = dpi / 72
    if width * height * scale * scale > MAX_PIXELS:
        scale = (MAX_PIXELS / (width * height)) ** 0.5
    image = page.render(scale=scale, grayscale=True).to_pil()
    image.format = "PPM"  # pytesseract then writes a PGM, not a compressed PNG
    image.info["dpi"] = (round(scale * 72),) * 2
    return image


def _run(image: Any, languages: str, timeout: float) -> tuple[str, float | None, int]:
    pytesseract = _pytesseract()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    dpi = image.info.get("dpi", (DPI,))[0]
    try:
        hocr = pytesseract.image_to_pdf_or_hocr(
            image, lang=languages, config=f"--psm 1 --dpi {dpi}", extension="hocr", timeout=timeout
        )
    except pytesseract.TesseractError as exc:
        raise OcrFailed(f"Tesseract failed: {exc}") from exc
    except RuntimeError as exc:
        if "timeout" in str(exc).lower():
            raise OcrTimeout(str(exc)) from exc
        raise
    return parse_hocr(hocr.decode("utf-8", errors="replace"))


def _looks_arabic_script(image: Any, timeout: float) -> bool:
    """Tesseract's script detection says Arabic (which covers Urdu)."""
    pytesseract = _pytesseract()
    try:
        osd = pytesseract.image_to_osd(
            image, config="--psm 0", output_type=pytesseract.Output.DICT, timeout=timeout
        )
    except pytesseract.TesseractError:
        return False  # too few characters to tell
    except RuntimeError as exc:
        raise OcrTimeout(str(exc)) from exc
    return osd.get("script") == "Arabic"


def ocr_page(
    page: Any, *, languages: str = "eng", urdu_likely: bool = False, timeout: float = 120.0
) -> tuple[OcrResult, list[str]]:
    """OCR a PDFium page; returns the result and warnings (missing language data).

    Raises :class:`ExtractionError` ``ocr_unavailable`` when Tesseract or all
    requested language data is missing, :class:`OcrTimeout` when Tesseract
    takes longer than ``timeout`` seconds for the page (all its passes together)
    and :class:`OcrFailed` when it fails on the page.
    """
    stop = time.monotonic() + timeout

    def left() -> float:
        remaining = stop - time.monotonic()
        if remaining <= 0:
            raise OcrTimeout(f"the page took more than {timeout:g} s")
        return remaining

    installed = installed_languages()
    langs, warnings = choose_languages(languages, urdu_likely=urdu_likely, installed=installed)
    image = render_page(page)
    text, confidence, rotation = _run(image, langs, left())
    if (
        not langs.startswith("urd")
        and "urd" in installed
        and (confidence is None or confidence < RETRY_BELOW_CONFIDENCE)
        and _looks_arabic_script(image, left())
    ):
        urdu_langs, more = choose_languages(languages, urdu_likely=True, installed=installed)
        retry = _run(image, urdu_langs, left())
        if (retry[1] or 0) > (confidence or 0):
            text, confidence, rotation = retry
            langs = urdu_langs
            warnings += more
    return OcrResult(text, confidence, rotation, langs), warnings
