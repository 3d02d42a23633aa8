"""Bulk import end to end: real PDFs, a real database, the real worker pool."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from sqlalchemy import func, select

from ingest.manifest import load_manifest
from ingest.pipeline import IngestOptions, ingest_paths
from lawdb.models import Citation, Document, FileStatus, Judgment, Page, SourceFile
from tests.paths import SAMPLES


def page_count(path: Path) -> int:
    pdf = pdfium.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


def counts(factory) -> tuple[int, int, int]:
    with factory() as s:
        return (s.scalar(select(func.count()).select_from(SourceFile)),
                s.scalar(select(func.count()).select_from(Document)),
                s.scalar(select(func.count()).select_from(Page)))


def test_samples_with_manifest_then_rerun_adds_nothing(factory, store) -> None:
    options = IngestOptions(workers=2, manifest=load_manifest(SAMPLES / "manifest.csv"))
    result = ingest_paths(factory, store, [SAMPLES], options)
    pdfs = sorted(SAMPLES.glob("*.pdf"))
    assert result.count("ingested") == len(pdfs) == 4
    assert result.all_ok
    assert result.skipped  # build.py, README.md... are not PDFs and are skipped, not quarantined
    with factory() as s:
        for pdf in pdfs:
            doc = s.scalars(select(Document).join(SourceFile).where(
                SourceFile.original_name == pdf.name)).one()
            assert doc.page_count == page_count(pdf) == len(doc.pages)
            assert [p.number for p in doc.pages] == list(range(1, doc.page_count + 1))
            assert store.verify(doc.source_file.sha256)
            assert doc.source_file.stored_path == store.relative_path(doc.source_file.sha256)
            assert doc.full_text.split("\f") == [p.text for p in doc.pages]
        lhc = s.scalars(select(Judgment).join(Document).where(
            Document.title == "Kashif Mehmood v. The State",
            Document.principal_date.is_not(None)).order_by(Document.principal_date)).first()
        assert lhc.court.name == "Lahore High Court, Multan Bench"
        assert {c.normalized for c in s.scalars(select(Citation))} == {"2022 LHC 9002",
                                                                       "2023 SCP 9001"}
        statute = s.scalars(select(Document).where(Document.kind == "statute")).one()
        assert statute.title == "The Child Online Safety (Fictional Sample) Act, 2021"
    before = counts(factory)

    again = ingest_paths(factory, store, [SAMPLES], options)
    assert again.count("duplicate") == 4 and again.count("ingested") == 0
    assert all("already in the collection" in f.message for f in again.files)
    assert counts(factory) == before


def test_same_bytes_twice_in_one_batch(factory, store, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "amending_act_2023.pdf", folder / "a.pdf")
    shutil.copy(SAMPLES / "amending_act_2023.pdf", folder / "b.pdf")
    result = ingest_paths(factory, store, [folder], IngestOptions(workers=1))
    assert [f.status for f in result.files] == ["ingested", "duplicate"]
    assert result.files[1].duplicate_of.endswith("a.pdf")
    assert counts(factory)[:2] == (1, 1)


def test_kind_from_content_when_no_manifest(factory, store) -> None:
    result = ingest_paths(factory, store, [SAMPLES / "statute_child_online_safety_act.pdf",
                                           SAMPLES / "sc_criminal_appeal_2023.pdf"],
                          IngestOptions(workers=1))
    assert [f.kind for f in result.files] == ["statute", "judgment"]
    with factory() as s:
        statute = s.scalars(select(Document).where(Document.kind == "statute")).one()
        assert statute.kind_evidence and "manifest" not in statute.kind_evidence[0]
        assert statute.title.startswith("The Child Online Safety")


def test_limits_quarantine_with_reasons_and_exit_status(factory, store) -> None:
    big = SAMPLES / "lhc_criminal_appeal_2022.pdf"
    result = ingest_paths(factory, store, [big], IngestOptions(workers=1, max_bytes=1000))
    assert (result.files[0].status, result.files[0].code) == ("quarantined", "too_large")
    assert not result.all_ok
    result = ingest_paths(factory, store, [SAMPLES / "sc_criminal_appeal_2023.pdf"],
                          IngestOptions(workers=1, max_pages=2))
    assert result.files[0].code == "too_many_pages"
    with factory() as s:
        rows = {r.original_name: (r.status, r.error_code) for r in s.scalars(select(SourceFile))}
    assert rows == {big.name: (FileStatus.QUARANTINED, "too_large"),
                    "sc_criminal_appeal_2023.pdf": (FileStatus.QUARANTINED, "too_many_pages")}
    # The originals are kept even though they were not ingested: nothing lost.
    assert len([p for p in store.root.rglob("*.pdf")]) == 2


def test_quarantined_is_kept_until_retried(factory, store) -> None:
    pdf = SAMPLES / "sc_criminal_appeal_2023.pdf"
    ingest_paths(factory, store, [pdf], IngestOptions(workers=1, max_pages=2))
    second = ingest_paths(factory, store, [pdf], IngestOptions(workers=1))
    assert second.files[0].status == "quarantined"
    assert "--retry-failed" in second.files[0].message
    third = ingest_paths(factory, store, [pdf], IngestOptions(workers=1, retry_failed=True))
    assert third.files[0].status == "ingested"
    with factory() as s:
        row = s.scalars(select(SourceFile)).one()
        assert (row.status, row.error_code) == (FileStatus.INGESTED, None)


def test_report_json_lists_every_file(factory, store, tmp_path: Path) -> None:
    result = ingest_paths(factory, store, [SAMPLES], IngestOptions(workers=1))
    out = tmp_path / "report.json"
    result.write_report(out)
    data = json.loads(out.read_text())
    assert data["summary"]["files"] == 4 == len(data["files"])
    assert {f["status"] for f in data["files"]} == {"ingested"}
    assert all({"path", "status", "code", "message", "pages", "seconds"} <= f.keys()
               for f in data["files"])


@pytest.mark.slow
def test_scanned_page_is_ocred(factory, store, scanned_pdf: Path) -> None:
    if shutil.which("tesseract") is None:
        pytest.fail("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-eng)")
    result = ingest_paths(factory, store, [scanned_pdf], IngestOptions(workers=1))
    report = result.files[0]
    assert (report.status, report.ocr_pages) == ("ingested", 1), report
    with factory() as s:
        page = s.scalars(select(Page)).one()
        assert page.method.value == "ocr"
        assert page.ocr_confidence is not None and page.ocr_confidence > 60
        assert "LAHORE HIGH COURT" in page.text.upper()
        assert "Appeal" in page.text


@pytest.mark.slow
def test_missing_tesseract_quarantines_then_retry_succeeds(factory, store, scanned_pdf: Path,
                                                           monkeypatch, tmp_path: Path) -> None:
    if shutil.which("tesseract") is None:
        pytest.fail("tesseract is not installed")
    # A PATH with python but without tesseract, as on a machine lacking it.
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    first = ingest_paths(factory, store, [scanned_pdf], IngestOptions(workers=1))
    assert (first.files[0].status, first.files[0].code) == ("quarantined", "ocr_unavailable")
    assert "apt-get install" in first.files[0].message or "tesseract" in first.files[0].message
    monkeypatch.undo()
    retry = ingest_paths(factory, store, [scanned_pdf], IngestOptions(workers=1, retry_failed=True))
    assert retry.files[0].status == "ingested"
