"""Bulk-import benchmark on real Lahore High Court judgments: prints figures, asserts nothing.

In one run, on the same files:
- the whole pipeline (extraction, cleaning, classification, original store,
  SQLite writes) with 1 and 2 workers, OCR off so the work matches the
  baselines (and once with OCR on, for the record);
- bare pdfplumber ``extract_text()`` and bare pypdfium2 ``get_text_range()``,
  single process, the fastest known alternatives;
- peak resident memory per worker;
- text fidelity: word recall and word order of the pipeline's cleaned text
  against pdfplumber's text, on sample pages.

Usage: python benchmarks/ingest.py [--corpus DIR] [--limit N] [--plumber-every K]
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.pipeline import IngestOptions, ingest_paths  # noqa: E402
from lawdb import migrate  # noqa: E402
from lawdb.config import sqlite_url  # noqa: E402
from lawdb.db import make_engine, make_session_factory  # noqa: E402
from lawdb.store import FileStore  # noqa: E402

WORD = re.compile(r"\w+", re.UNICODE)


def bare_pdfium(files: list[Path]) -> tuple[int, float, dict[tuple[str, int], str]]:
    import pypdfium2 as pdfium

    pages, texts = 0, {}
    start = time.perf_counter()
    for path in files:
        try:
            pdf = pdfium.PdfDocument(path)
        except Exception:
            continue
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            texts[(path.name, i + 1)] = textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        pdf.close()
    return pages, time.perf_counter() - start, texts


def bare_pdfplumber(files: list[Path]) -> tuple[int, float, dict[tuple[str, int], str]]:
    import pdfplumber

    pages, texts = 0, {}
    start = time.perf_counter()
    for path in files:
        try:
            with pdfplumber.open(path) as pdf:
                for i, page in enumerate(pdf.pages):
                    texts[(path.name, i + 1)] = page.extract_text() or ""
                    pages += 1
                    page.close()
        except Exception:
            continue
    return pages, time.perf_counter() - start, texts


def pipeline(files: list[Path], workers: int, ocr: bool):
    with tempfile.TemporaryDirectory() as tmp:
        url = sqlite_url(Path(tmp) / "bench.sqlite3")
        migrate.upgrade(url)
        engine = make_engine(url)
        factory = make_session_factory(engine)
        start = time.perf_counter()
        result = ingest_paths(factory, FileStore(Path(tmp) / "files"), files,
                              IngestOptions(workers=workers, ocr=ocr))
        elapsed = time.perf_counter() - start
        texts = {}
        from sqlalchemy import select

        from lawdb.models import Document, Page, SourceFile

        with factory() as s:
            for name, number, text in s.execute(
                    select(SourceFile.original_name, Page.number, Page.text)
                    .join(Document, Document.source_file_id == SourceFile.id)
                    .join(Page, Page.document_id == Document.id)):
                texts[(name, number)] = text
        engine.dispose()
    peak = max((f.worker_peak_mb or 0) for f in result.files) if result.files else 0
    return result.pages, elapsed, peak, texts, result


def fidelity(ours: dict, reference: dict, keys: list) -> tuple[float, float]:
    hit = total = 0
    ratios = []
    for key in keys:
        ref_words = WORD.findall(reference.get(key, "").lower())
        our_words = WORD.findall(ours.get(key, "").lower())
        if not ref_words:
            continue
        common = Counter(ref_words) & Counter(our_words)
        hit += sum(common.values())
        total += len(ref_words)
        ratios.append(difflib.SequenceMatcher(None, ref_words, our_words, autojunk=False).ratio())
    return (hit / total if total else 1.0), (sum(ratios) / len(ratios) if ratios else 1.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/corpus/bulk_lhc")
    parser.add_argument("--limit", type=int, default=0, help="only the first N files")
    parser.add_argument("--plumber-every", type=int, default=3,
                        help="pdfplumber on every Kth file only (it is slow)")
    parser.add_argument("--skip-ocr-run", action="store_true")
    args = parser.parse_args()
    files = sorted(p for p in args.corpus.glob("*.pdf") if p.stat().st_size > 0)
    if args.limit:
        files = files[: args.limit]
    plumber_files = files[:: args.plumber_every]
    print(f"corpus: {args.corpus} ({len(files)} non-empty PDFs; pdfplumber on "
          f"{len(plumber_files)})")

    fp, ft, fitz_texts = bare_pdfium(files)
    pp, pt, plumber_texts = bare_pdfplumber(plumber_files)
    p1, t1, m1, texts1, _ = pipeline(files, 1, ocr=False)
    p2, t2, m2, _texts2, _ = pipeline(files, 2, ocr=False)
    rows = [
        ("bare pypdfium2 get_text_range (1 process)", fp, ft, None),
        ("bare pdfplumber extract_text (1 process)", pp, pt, None),
        ("lawdb pipeline, 1 worker, OCR off", p1, t1, m1),
        ("lawdb pipeline, 2 workers, OCR off", p2, t2, m2),
    ]
    if not args.skip_ocr_run:
        po, to, mo, _t, res = pipeline(files, 2, ocr=True)
        rows.append((f"lawdb pipeline, 2 workers, OCR on ({res.ocr_pages} OCR pages)", po, to, mo))
    print(f"\n{'run':<52} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'peak MB/worker':>15}")
    rate = {}
    for label, pages, seconds, peak in rows:
        rate[label] = pages / seconds if seconds else 0
        peak_s = f"{peak:.0f}" if peak else "-"
        print(f"{label:<52} {pages:>6} {seconds:>8.1f} {rate[label]:>8.1f} {peak_s:>15}")
    plumber = rate["bare pdfplumber extract_text (1 process)"]
    one = rate["lawdb pipeline, 1 worker, OCR off"]
    two = rate["lawdb pipeline, 2 workers, OCR off"]
    print(f"\npipeline 1 worker / bare pdfplumber: {one / plumber:.1f}x   (target >= 4x)")
    print(f"pipeline 2 workers / 1 worker:      {two / one:.2f}x  (target >= 1.6x)")
    print(f"pipeline 1 worker / bare pypdfium2:  {one / rate[rows[0][0]]:.2f}x")
    keys = sorted(k for k in plumber_texts if k in texts1)
    recall, order = fidelity(texts1, plumber_texts, keys)
    print(f"text fidelity vs pdfplumber on {len(keys)} pages: word recall {recall:.4f} "
          f"(target >= 0.99), word order {order:.4f}")
    # Running headers and page numbers are removed on purpose; compare the body
    # text too, with the same furniture stripped from pdfplumber's pages.
    from ingest.extract.headers import strip_page_furniture

    by_doc: dict[str, list[tuple[int, str]]] = {}
    for (name, number), text in sorted(plumber_texts.items()):
        by_doc.setdefault(name, []).append((number, text))
    stripped = {}
    for name, pages in by_doc.items():
        cleaned = strip_page_furniture([t for _, t in pages])[0]
        stripped.update({(name, n): t for (n, _), t in zip(pages, cleaned, strict=True)})
    recall_b, order_b = fidelity(texts1, stripped, keys)
    print(f"  body text (page furniture stripped from pdfplumber's too): word recall {recall_b:.4f}, "
          f"word order {order_b:.4f}")
    recall_f, _ = fidelity(fitz_texts, plumber_texts, keys)
    print(f"  (bare pypdfium2 vs pdfplumber, same pages: word recall {recall_f:.4f})")


if __name__ == "__main__":
    main()
