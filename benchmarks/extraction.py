"""Judgment parser quality: precision and recall per field against the golden files.

Reads every ``tests/golden/**/*.expected.json`` with a ``"judgment"`` section,
extracts the PDF it names from ``../shared`` (text layer; OCR only for pages
without one), runs the parser and prints a table, the acceptance targets and,
with ``--misses``, every wrong or missing item. Prints figures, asserts nothing.

Usage: python benchmarks/extraction.py [--misses] [--field FIELD]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.extract import extract_pdf  # noqa: E402
from ingest.parse.evaluation import FIELDS, TARGETS, golden_items, predicted_items, score  # noqa: E402
from ingest.parse.judgment import parse_judgment  # noqa: E402


def golden_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "tests" / "golden").rglob("*.expected.json")
                  if "judgment" in json.loads(p.read_text(encoding="utf-8")))


def evaluate(shared: Path, files: list[Path]):
    pairs = []
    seconds = 0.0
    for path in files:
        golden = json.loads(path.read_text(encoding="utf-8"))
        pdf = shared / golden["source"]
        pages = [p.text for p in extract_pdf(pdf, ocr=golden.get("extract", {}).get("options", {})
                                             .get("ocr", False)).pages]
        start = time.perf_counter()
        facts = parse_judgment(pages, pdf.name)
        seconds += time.perf_counter() - start
        pairs.append((pdf.name, golden_items(golden["judgment"]), predicted_items(facts)))
    return score(pairs), seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--misses", action="store_true", help="list every wrong or missing item")
    parser.add_argument("--field", choices=FIELDS, help="only this field's misses")
    args = parser.parse_args()
    every = golden_files(ROOT)
    sets = {
        "development set (read while the parser was built)": [f for f in every if "heldout" not in f.parts],
        "held-out set (never seen by the parser's authors)": [f for f in every if "heldout" in f.parts],
    }
    for label, files in sets.items():
        if files:
            report(label, args, *evaluate(args.shared, files), len(files))
    statutes(args.shared)


def statutes(shared: Path) -> None:
    """Provision numbers and headings against the golden statute files (target >= 0.97)."""
    from ingest.parse.statute import parse_statute, score_provisions

    files = sorted(p for p in (ROOT / "tests" / "golden").rglob("*.expected.json")
                   if "statute" in json.loads(p.read_text(encoding="utf-8")))
    print(f"== statute provisions (numbers and headings): {len(files)} statutes")
    print(f"{'statute':<48} {'golden':>6} {'precision':>9} {'recall':>7}")
    total = 0
    for path in files:
        golden = json.loads(path.read_text(encoding="utf-8"))
        pages = [p.text for p in extract_pdf(shared / golden["source"], ocr=False).pages]
        precision, recall = score_provisions(parse_statute(pages), golden)
        count = len(golden["statute"]["provisions"])
        total += count
        print(f"{Path(golden['source']).stem[:48]:<48} {count:>6} {precision:>9.3f} {recall:>7.3f}")
    print(f"{'all':<48} {total:>6}  (target >= 0.97 on numbers and headings)")


def report(label: str, args, scores, seconds: float, count: int) -> None:
    print(f"== {label}: {count} judgments; parser time {seconds:.2f} s "
          f"({seconds / max(count, 1) * 1000:.0f} ms per judgment)\n")
    print(f"{'field':<15} {'precision':>9} {'recall':>7} {'tp':>5} {'fp':>4} {'fn':>4}  target (P/R)")
    for name in FIELDS:
        s = scores[name]
        target = TARGETS.get(name)
        mark = ""
        if target:
            ok = s.precision >= target[0] and s.recall >= target[1]
            mark = f"  {target[0]:.2f}/{target[1]:.2f} {'ok' if ok else 'BELOW'}"
        print(f"{name:<15} {s.precision:>9.3f} {s.recall:>7.3f} {s.tp:>5} {s.fp:>4} {s.fn:>4}{mark}")
    if args.misses or args.field:
        for name in [args.field] if args.field else FIELDS:
            if scores[name].misses:
                print(f"\n== {name}")
                print("\n".join(scores[name].misses))
    print()


if __name__ == "__main__":
    main()
