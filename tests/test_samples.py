"""The bundled demo PDFs in ``samples/``: present, fictional, and in step with their source.

The samples are made by ``samples/build.py`` from text written for lawdb
(``samples/source/*.txt``). These tests make sure the committed PDFs are the
ones the source produces, that each is plainly marked as fictional, and that
``samples/manifest.csv`` describes them correctly.
"""

from __future__ import annotations

import csv
import importlib.metadata
import importlib.util
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pdfplumber
import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
BUILD = SAMPLES / "build.py"
MANIFEST = SAMPLES / "manifest.csv"

MARKER = re.compile(
    r"FICTIONAL SAMPLE - not a real (judgment|statute|Act); written for lawdb's demo"
)
FOOTER = "Fictional sample written for lawdb - not a real"
KINDS = {"judgment", "statute", "amending_act"}
COLUMNS = ["file", "kind", "title", "court", "date", "citation", "language"]


def _manifest() -> list[dict[str, str]]:
    with MANIFEST.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == COLUMNS
        return list(reader)


ROWS = _manifest()


def _pages_text(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _metadata(path: Path) -> dict:
    with pdfplumber.open(path) as pdf:
        return dict(pdf.metadata)


def _long_date(day: date) -> str:
    """``15th March, 2021``: how Acts print their date of assent."""
    suffix = "th" if 11 <= day.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    return f"{day.day}{suffix} {day:%B}, {day.year}"


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> Path:
    """The samples rebuilt from source into a temporary directory by the real script."""
    out = tmp_path_factory.mktemp("samples")
    result = subprocess.run(
        [sys.executable, str(BUILD), str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out


def test_manifest_matches_sources_and_pdfs():
    listed = sorted(row["file"] for row in ROWS)
    assert len(listed) == len(set(listed)), "duplicate rows in manifest.csv"
    assert 3 <= len(listed) <= 4
    committed = sorted(p.name for p in SAMPLES.glob("*.pdf"))
    sources = sorted(f"{p.stem}.pdf" for p in (SAMPLES / "source").glob("*.txt"))
    assert listed == committed == sources
    for row in ROWS:
        assert row["kind"] in KINDS, row
        assert row["title"] and row["citation"] and row["language"] == "en", row
        date.fromisoformat(row["date"])
        if row["kind"] == "judgment":
            assert row["court"], row


@pytest.mark.parametrize("row", ROWS, ids=[row["file"] for row in ROWS])
def test_sample_has_text_layer_on_every_page(row):
    path = SAMPLES / row["file"]
    assert path.is_file()
    pages = _pages_text(path)
    assert 2 <= len(pages) <= 6
    for number, text in enumerate(pages, start=1):
        assert len(text.strip()) > 100, f"page {number} of {row['file']} has no text layer"
        assert FOOTER in text, f"page {number} of {row['file']} lacks the fictional footer"


@pytest.mark.parametrize("row", ROWS, ids=[row["file"] for row in ROWS])
def test_first_page_is_marked_fictional(row):
    first = _pages_text(SAMPLES / row["file"])[0]
    match = MARKER.search(first)
    assert match, f"{row['file']}: no FICTIONAL SAMPLE line on the first page"
    expected = {"judgment": "judgment", "statute": "statute", "amending_act": "Act"}
    assert match.group(1) == expected[row["kind"]]
    assert "FICTIONAL SAMPLE" in _metadata(SAMPLES / row["file"])["Title"]


@pytest.mark.parametrize("row", ROWS, ids=[row["file"] for row in ROWS])
def test_manifest_metadata_is_what_the_pdf_says(row):
    path = SAMPLES / row["file"]
    pages = _pages_text(path)
    text = "\n".join(pages)
    assert row["title"] in _metadata(path)["Title"]
    assert row["citation"].lower() in text.lower()
    day = date.fromisoformat(row["date"])
    if row["kind"] == "judgment":
        assert row["citation"] in pages[0], "a neutral citation belongs on the first page"
        for part in row["court"].split(","):
            assert part.strip().lower() in pages[0].lower()
        assert f"{day:%d.%m.%Y}" in text
    else:
        assert _long_date(day) in text


@pytest.mark.parametrize("row", ROWS, ids=[row["file"] for row in ROWS])
def test_committed_pdf_matches_a_fresh_build(row, rebuilt):
    committed = _pages_text(SAMPLES / row["file"])
    fresh = _pages_text(rebuilt / row["file"])
    assert fresh == committed, f"{row['file']} is stale: run python samples/build.py"


@pytest.mark.parametrize("row", ROWS, ids=[row["file"] for row in ROWS])
def test_rebuild_is_byte_identical_with_the_same_fpdf2(row, rebuilt):
    producer = _metadata(SAMPLES / row["file"]).get("Producer", "")
    version = importlib.metadata.version("fpdf2")
    if producer != f"fpdf2 {version}":
        pytest.skip(f"committed PDF made by {producer!r}, this is fpdf2 {version}")
    assert (rebuilt / row["file"]).read_bytes() == (SAMPLES / row["file"]).read_bytes()


def test_supreme_court_sample_cites_the_high_court_sample():
    rows = {row["file"]: row for row in ROWS}
    high_court = rows["lhc_criminal_appeal_2022.pdf"]["citation"]
    sc_text = "\n".join(_pages_text(SAMPLES / "sc_criminal_appeal_2023.pdf"))
    assert high_court in sc_text
    assert "Crl. Appeal No. 1234 of 2020" in sc_text


def test_victim_is_named_only_where_masking_is_to_be_demonstrated():
    lhc = "\n".join(_pages_text(SAMPLES / "lhc_criminal_appeal_2022.pdf"))
    sc = "\n".join(_pages_text(SAMPLES / "sc_criminal_appeal_2023.pdf"))
    assert lhc.replace("\n", " ").count("Ayesha Bibi") >= 2
    assert "Ayesha" not in sc


def test_statute_footnotes_match_the_amending_act():
    statute = "\n".join(_pages_text(SAMPLES / "statute_child_online_safety_act.pdf"))
    amending = "\n".join(_pages_text(SAMPLES / "amending_act_2023.pdf"))
    notes = re.findall(
        r"^(\d+) (Ins\.|Subs\.|Omitted) by .*XII of 2023\)?, s\. ?(\d+)\b", statute, flags=re.M
    )
    assert [n[0] for n in notes] == ["1", "2", "3", "4"]
    headings = {
        "Ins.": "Insertion of new section",
        "Subs.": "Amendment of section",
        "Omitted": "Amendment of section",
    }
    for _, action, section in notes:
        assert re.search(rf"^{section}\. {headings[action]}", amending, flags=re.M), (
            f"amending act has no section {section} that matches a footnote ({action})"
        )
    # Each footnote's marker sits in the body, as in consolidated texts.
    for marker in ("1[5A.", "2[five]", "3[*", "4[7-A."):
        assert marker in statute
    assert "7-B. Designated safety officer" in statute
    assert "Provided that" in statute and "Explanation." in statute


def test_build_rejects_text_outside_latin_1(tmp_path):
    spec = importlib.util.spec_from_file_location("lawdb_samples_build", BUILD)
    build = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = build  # dataclasses look their module up here
    try:
        spec.loader.exec_module(build)
    finally:
        del sys.modules[spec.name]
    source = tmp_path / "bad.txt"
    source.write_text("title: bad\n\nA curly quote \u201cdoes not fit\u201d.\n", encoding="utf-8")
    with pytest.raises(build.SourceError, match="Latin-1"):
        build.parse_source(source)
