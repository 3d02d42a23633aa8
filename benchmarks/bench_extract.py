"""Page-extraction benchmark on real Lahore High Court judgments: prints figures, asserts nothing.

In one run, on the same files (OCR off, one process):
- ``ingest.extract.extract_pdf`` (text layer, layout check, quality check, cleaning);
- bare pypdfium2 ``get_text_range()``, the fast floor extract_pdf is built on;
- bare pdfplumber ``extract_text()``, the alternative it replaces, on the first
  ``--plumber-files`` files (it is 20-50 times slower), with extract_pdf timed
  again on exactly those files for a like-for-like ratio;
- text fidelity on those files: how many of pdfplumber's words extract_pdf keeps
  (recall; running headers and page numbers are removed on purpose, so a little
  under 100 %) and how well their order agrees (difflib ratio of word sequences);
  then the same with pdfplumber's headers and page numbers stripped too.

Usage: python benchmarks/bench_extract.py [--corpus DIR] [--limit N] [--plumber-files N]
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.extract import ExtractionError, extract_pdf  # noqa: E402
from ingest.extract.headers import strip_page_furniture  # noqa: E402

SHARED = Path(os.environ.get("LAWDB_SHARED_DIR", ROOT.parent / "shared"))
WORD = re.compile(r"\w+")


def run_extract_pdf(files: list[Path]) -> tuple[int, float, dict[str, list[str]], Counter[str]]:
    pages, texts, failures = 0, {}, Counter()
    start = time.perf_counter()
    for path in files:
        try:
            document = extract_pdf(path, ocr=False)
        except ExtractionError as error:
            failures[error.code] += 1
            continue
        pages += document.page_count
        texts[path.name] = [page.text for page in document.pages]
    return pages, time.perf_counter() - start, texts, failures


def run_pdfium(files: list[Path]) -> tuple[int, float]:
    import pypdfium2 as pdfium

    pages = 0
    start = time.perf_counter()
    for path in files:
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError:
            continue
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        pdf.close()
    return pages, time.perf_counter() - start


def run_pdfplumber(files: list[Path]) -> tuple[int, float, dict[str, list[str]]]:
    import pdfplumber

    pages, texts = 0, {}
    start = time.perf_counter()
    for path in files:
        try:
            with pdfplumber.open(path) as pdf:
                texts[path.name] = [page.extract_text() or "" for page in pdf.pages]
        except Exception:  # the same files extract_pdf rejects (empty, broken)
            continue
        pages += len(texts[path.name])
    return pages, time.perf_counter() - start, texts


def fidelity(ours: dict[str, list[str]], theirs: dict[str, list[str]]) -> tuple[float, float]:
    """Word recall of ours against theirs, and the mean word-order agreement per page."""
    kept = total = 0
    ratios = []
    for name, their_pages in theirs.items():
        for our_text, their_text in zip(ours.get(name, []), their_pages, strict=False):
            our_words = WORD.findall(our_text.lower())
            their_words = WORD.findall(their_text.lower())
            if not their_words:
                continue
            common = Counter(our_words) & Counter(their_words)
            kept += sum(common.values())
            total += len(their_words)
            ratios.append(
                difflib.SequenceMatcher(None, our_words, their_words, autojunk=False).ratio()
            )
    return kept / max(total, 1), sum(ratios) / max(len(ratios), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "bulk_lhc")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N files")
    parser.add_argument(
        "--plumber-files", type=int, default=15, help="files for the pdfplumber run"
    )
    args = parser.parse_args()

    files = sorted(args.corpus.glob("*.pdf"))[: args.limit]
    subset = files[: args.plumber_files]
    for path in files:  # same start for everyone: every file in the page cache
        path.read_bytes()
    print(f"{len(files)} files from {args.corpus}; pdfplumber on the first {len(subset)}")

    ours_pages, ours_s, _, failures = run_extract_pdf(files)
    pdfium_pages, pdfium_s = run_pdfium(files)
    sub_pages, sub_s, sub_texts, _ = run_extract_pdf(subset)
    plumber_pages, plumber_s, plumber_texts = run_pdfplumber(subset)

    def rate(pages: int, seconds: float) -> float:
        return pages / seconds if seconds else float("nan")

    ours, floor = rate(ours_pages, ours_s), rate(pdfium_pages, pdfium_s)
    ours_sub, plumber = rate(sub_pages, sub_s), rate(plumber_pages, plumber_s)
    print(f"\n{'run':44} {'pages':>6} {'seconds':>8} {'pages/s':>8}")
    print(f"{'extract_pdf, all files':44} {ours_pages:6} {ours_s:8.2f} {ours:8.1f}")
    print(
        f"{'bare pypdfium2 get_text_range, all files':44} "
        f"{pdfium_pages:6} {pdfium_s:8.2f} {floor:8.1f}"
    )
    print(f"{'extract_pdf, pdfplumber subset':44} {sub_pages:6} {sub_s:8.2f} {ours_sub:8.1f}")
    print(
        f"{'bare pdfplumber extract_text, subset':44} "
        f"{plumber_pages:6} {plumber_s:8.2f} {plumber:8.1f}"
    )
    print(f"\nextract_pdf / pdfplumber (same files): {ours_sub / plumber:.1f}x faster")
    print(f"extract_pdf / bare pypdfium2:          {ours / floor:.2f} of the floor's speed")
    recall, order = fidelity(sub_texts, plumber_texts)
    print(f"\ntext vs pdfplumber on the subset: word recall {recall:.4f}, word order {order:.4f}")
    # The same comparison with pdfplumber's running headers and page numbers
    # taken off by the same stage, so that only extraction differences remain.
    bare = {name: strip_page_furniture(pages)[0] for name, pages in plumber_texts.items()}
    recall, order = fidelity(sub_texts, bare)
    print(
        f"...with furniture stripped from both:  word recall {recall:.4f}, word order {order:.4f}"
    )
    if failures:
        print(
            "files rejected by extract_pdf:",
            ", ".join(f"{code} {n}" for code, n in sorted(failures.items())),
        )


if __name__ == "__main__":
    main()
