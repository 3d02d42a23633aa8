"""The judgment parser against every golden judgment: the acceptance targets, and floors where not met.

Precision and recall per field over the development set (read while the
parser was built) and the held-out set (never seen by its authors). Fields
below the issue's target have a floor at their measured level, so they can
only improve; the README lists the figures (benchmarks/extraction.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.extract import extract_pdf
from ingest.parse.evaluation import TARGETS, golden_items, predicted_items, score
from ingest.parse.judgment import parse_judgment

GOLDEN = Path(__file__).resolve().parents[1] / "golden"

#: Measured floors for fields still short of their target (precision, recall); none are now.
FLOORS: dict[str, tuple[float, float]] = {}


def _files(heldout: bool) -> list[Path]:
    return sorted(p for p in GOLDEN.rglob("*.expected.json")
                  if ("heldout" in p.parts) == heldout
                  and "judgment" in json.loads(p.read_text(encoding="utf-8")))


@pytest.mark.parametrize("heldout", [False, True], ids=["development", "heldout"])
def test_parser_quality(heldout: bool, shared_dir: Path) -> None:
    files = _files(heldout)
    assert len(files) >= (13 if heldout else 25)
    pairs = []
    for path in files:
        golden = json.loads(path.read_text(encoding="utf-8"))
        pages = [p.text for p in extract_pdf(shared_dir / golden["source"], ocr=False).pages]
        facts = parse_judgment(pages, Path(golden["source"]).name)
        pairs.append((path.name, golden_items(golden["judgment"]), predicted_items(facts)))
    scores = score(pairs)
    failures = []
    for field, (p_target, r_target) in TARGETS.items():
        p_floor, r_floor = FLOORS.get(field, (p_target, r_target))
        s = scores[field]
        if s.precision < p_floor or s.recall < r_floor:
            failures.append(f"{field}: precision {s.precision:.3f} recall {s.recall:.3f} "
                            f"(needs {p_floor}/{r_floor}); " + "; ".join(s.misses[:5]))
    assert not failures, "\n".join(failures)
