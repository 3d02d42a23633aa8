"""extract_pdf on real judgments from ../shared/corpus, against golden files.

A golden file ``tests/golden/<folder>/<name>.expected.json`` names its PDF
(``source``, relative to the shared folder) and may hold expectations for
several stages; this module checks its ``extract`` section:

- ``options``: keyword arguments for ``extract_pdf``;
- ``page_count``, ``methods``, ``labels``, ``rotations``: exact, per page;
- ``min_ocr_confidence``: every OCR page's confidence at least this;
- ``absent_everywhere``: strings no page's text may contain (running headers);
- ``pages``: per page number, ``lines`` (whole lines of the cleaned text),
  ``lines_starting`` (lines starting so), ``starts_with`` and ``contains``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.extract import extract_pdf

GOLDEN_DIR = Path(__file__).resolve().parents[1] / "golden"
GOLDEN = sorted(
    path
    for path in GOLDEN_DIR.glob("*/*.expected.json")
    if "extract" in json.loads(path.read_text(encoding="utf-8"))
)


def test_there_are_golden_files() -> None:
    assert len(GOLDEN) >= 4


@pytest.mark.parametrize(
    "golden", GOLDEN, ids=lambda path: path.name.removesuffix(".expected.json")
)
def test_golden(shared_dir: Path, golden: Path) -> None:
    spec = json.loads(golden.read_text(encoding="utf-8"))
    expected = spec["extract"]
    document = extract_pdf(shared_dir / spec["source"], **expected.get("options", {}))

    assert document.page_count == len(document.pages) == expected["page_count"]
    assert [page.method for page in document.pages] == expected["methods"]
    if "labels" in expected:
        assert [page.label for page in document.pages] == expected["labels"]
    if "rotations" in expected:
        assert [page.rotation for page in document.pages] == expected["rotations"]
    if "min_ocr_confidence" in expected:
        for page in document.pages:
            if page.method == "ocr":
                assert page.ocr_confidence is not None
                assert page.ocr_confidence >= expected["min_ocr_confidence"], page.number
    for page in document.pages:
        for absent in expected.get("absent_everywhere", []):
            assert absent not in page.text, (page.number, absent)

    for number, checks in expected.get("pages", {}).items():
        text = document.pages[int(number) - 1].text
        lines = text.split("\n")
        for line in checks.get("lines", []):
            assert line in lines, (number, line)
        for start in checks.get("lines_starting", []):
            assert any(candidate.startswith(start) for candidate in lines), (number, start)
        if "starts_with" in checks:
            assert text.startswith(checks["starts_with"]), number
        for snippet in checks.get("contains", []):
            assert snippet in text, (number, snippet)


def test_lhc_judgment_pages_and_header(shared_dir: Path) -> None:
    """A Lahore High Court judgment: page count right, running header gone, text joined."""
    path = shared_dir / "corpus" / "pk_judgments" / "LHC_2023LHC4659_CrlA559-2023_PECA.pdf"
    document = extract_pdf(path, ocr=False)
    assert document.page_count == 15
    assert all(page.method == "text" for page in document.pages)
    for page in document.pages[1:]:
        assert "Crl. Appeal No.559/2023" in page.raw_text
        assert "Crl. Appeal No.559/2023" not in page.text
        assert not page.text.startswith("- ")
    assert [page.label for page in document.pages] == [None, *map(str, range(2, 16))]
    assert document.metadata.get("creation_date", "").startswith("20")


def test_bulk_lhc_sample(shared_dir: Path) -> None:
    """Ten bulk LHC judgments: every page has text, headers never survive as a first line."""
    for path in sorted((shared_dir / "corpus" / "bulk_lhc").glob("2024LHC*.pdf"))[:10]:
        document = extract_pdf(path, ocr=False)
        texts = [page.text for page in document.pages]
        assert all(texts), path.name
        first_lines = [text.split("\n", 1)[0] for text in texts[1:]]
        if len(first_lines) >= 3:
            # a first line repeated on most pages would be a running header left in
            most = max(first_lines.count(line) for line in first_lines)
            assert most <= len(first_lines) // 2, (path.name, first_lines)
