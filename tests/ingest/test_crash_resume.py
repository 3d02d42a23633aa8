"""SIGKILL an ingest of 150 real judgments part-way, run it again: everything in, once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from lawdb.store import FileStore, sha256_file

LAWDB = str(Path(sys.executable).with_name("lawdb"))


def _count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # tables not created yet
        return 0


@pytest.mark.slow
def test_sigkill_midway_then_rerun_finishes_with_no_duplicates(shared_dir: Path,
                                                               tmp_path: Path) -> None:
    bulk = shared_dir / "corpus" / "bulk_lhc"
    pdfs = sorted(bulk.glob("*.pdf"))
    assert len(pdfs) == 150
    data = tmp_path / "data"
    db = data / "lawdb.sqlite3"
    cmd = [LAWDB, "--data-dir", str(data), "ingest", str(bulk), "--workers", "2", "--quiet"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAWDB_")}

    # Start, wait until some documents are committed, then kill the whole
    # process group (parent and extraction workers) without warning.
    proc = subprocess.Popen(cmd, env=env, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _count(db, "SELECT count(*) FROM document") < 25:
        assert proc.poll() is None, "ingest ended before it could be killed"
        assert time.monotonic() < deadline, "no progress within 120 s"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    partial = _count(db, "SELECT count(*) FROM document")
    assert 25 <= partial < 149, f"killed too late to test anything ({partial} documents)"

    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    # One file of the set is a zero-byte download: quarantined, hence exit status 1.
    assert rerun.returncode == 1, rerun.stderr
    assert "Traceback" not in rerun.stderr

    empty = [p for p in pdfs if p.stat().st_size == 0]
    assert [p.name for p in empty] == ["2023LHC3741.pdf"]
    with sqlite3.connect(db) as conn:
        files = dict(conn.execute("SELECT original_name, status FROM source_file").fetchall())
        assert len(files) == 150
        assert files.pop("2023LHC3741.pdf") == "quarantined"
        assert set(files.values()) == {"ingested"}
        rows = conn.execute(
            "SELECT s.original_name, d.page_count, count(p.id), min(p.number), max(p.number) "
            "FROM document d JOIN source_file s ON s.id = d.source_file_id "
            "LEFT JOIN page p ON p.document_id = d.id GROUP BY d.id").fetchall()
        assert len(rows) == 149  # no document twice, none missing
        hashes = dict(conn.execute("SELECT original_name, sha256 FROM source_file").fetchall())
    for name, page_count, pages, first, last in rows:
        pdf = pdfium.PdfDocument(bulk / name)
        expected = len(pdf)
        pdf.close()
        assert (page_count, pages, first, last) == (expected, expected, 1, expected), name
    store = FileStore(data / "files")
    for pdf in pdfs:
        assert hashes[pdf.name] == sha256_file(pdf)
        assert store.contains(hashes[pdf.name])
