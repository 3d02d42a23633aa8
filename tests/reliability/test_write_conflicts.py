"""Regressions: writers that meet each other wait or see each other's rows, never fail.

Found by the concurrency tests (``test_concurrency.py``):

1. On SQLite a transaction that read and then wrote started with a plain
   BEGIN; in WAL mode its upgrade to a writer fails at once with "database is
   locked" when another process holds or has just used the write lock (the
   busy timeout does not apply to upgrades). A second ``lawdb ingest`` died
   that way part-way; so would the worker's job claim and an upload with an
   API token. Writers now begin with BEGIN IMMEDIATE (``write_session``).
2. On PostgreSQL two ingests of the same file can both read "not there" and
   both insert; the second failed on the unique SHA-256 and the run crashed.
   It now tries again and reports a duplicate.
3. A file whose extraction failed in one process while another ingested it
   would have been marked quarantined over the other's document.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from ingest import pipeline
from ingest.pipeline import IngestOptions, ingest_paths
from ingest.task import FileFailure, FileTask, run_task
from lawdb.db import make_session_factory, write_session
from lawdb.models import Document, FileStatus, IngestJob, SourceFile
from lawdb.services import users as user_service
from lawdb.store import FileStore, sha256_file
from tests.paths import SAMPLES

PDF, SECOND = sorted(SAMPLES.glob("*.pdf"))[:2]


def _prepared(tmp_path: Path, pdf: Path = PDF) -> pipeline._Prepared:
    store = FileStore(tmp_path / "files")
    sha = sha256_file(pdf)
    return pipeline._Prepared(path=pdf, name=pdf.name, sha256=sha, size=pdf.stat().st_size, manifest={},
                              stored_path=store.put(pdf, sha), existing=None, store=store)


def _extract(item: pipeline._Prepared):
    return run_task(FileTask(sha256=item.sha256, path=str(item.path), name=item.name, ocr=False),
                    lambda *_: None)


def _hold_write_lock(engine, seconds: float, started: threading.Event) -> threading.Thread:
    """Another writer: takes SQLite's write lock, keeps it ``seconds``, then commits."""

    def run() -> None:
        with write_session(make_session_factory(engine)) as session:
            session.execute(text("UPDATE source_file SET size_bytes = size_bytes WHERE 1 = 0"))
            started.set()
            time.sleep(seconds)
            session.commit()

    thread = threading.Thread(target=run)
    thread.start()
    assert started.wait(10)
    return thread


@pytest.mark.parametrize("db_kind", ["sqlite"], indirect=True)
def test_a_plain_transaction_that_reads_then_writes_fails_under_another_writer(engine) -> None:
    # What the bug looked like (documents why write_session exists): the read
    # succeeds, the upgrade to a writer fails at once.
    factory = make_session_factory(engine)
    started = threading.Event()
    with factory() as session:
        session.execute(select(func.count()).select_from(SourceFile)).scalar()
        other = _hold_write_lock(engine, 0.5, started)
        with pytest.raises(Exception, match="database is locked"):
            session.execute(text("DELETE FROM index_outbox"))
    other.join()


@pytest.mark.parametrize("db_kind", ["sqlite", "postgresql"], indirect=True)
def test_write_session_reads_then_writes_while_another_process_writes(engine) -> None:
    factory = make_session_factory(engine)
    started = threading.Event()
    other = _hold_write_lock(engine, 0.5, started)
    begun = time.monotonic()
    with write_session(factory) as session:
        session.execute(select(func.count()).select_from(SourceFile)).scalar()
        session.execute(text("DELETE FROM index_outbox"))
        session.commit()
    other.join()
    if engine.dialect.name == "sqlite":
        assert time.monotonic() - begun >= 0.3  # it waited for the other writer


@pytest.mark.parametrize("db_kind", ["sqlite", "postgresql"], indirect=True)
def test_ingest_commit_waits_for_another_writer(engine, tmp_path: Path) -> None:
    factory = make_session_factory(engine)
    item = _prepared(tmp_path)
    extraction = _extract(item)
    started = threading.Event()
    other = _hold_write_lock(engine, 1.0, started)
    report = pipeline._commit_document(factory, item, extraction, None)
    other.join()
    assert report.status == "ingested"
    failed = pipeline._commit_failure(factory, _prepared(tmp_path, SECOND),
                                      FileFailure("corrupt", "unreadable"), 1.0)
    assert failed.status == "quarantined"


@pytest.mark.parametrize("db_kind", ["sqlite", "postgresql"], indirect=True)
def test_losing_a_race_to_insert_the_same_file_reports_a_duplicate(engine, tmp_path: Path,
                                                                   monkeypatch) -> None:
    factory = make_session_factory(engine)
    first = ingest_paths(factory, FileStore(tmp_path / "files"), [PDF], IngestOptions(workers=1, ocr=False))
    assert [f.status for f in first.files] == ["ingested"]
    item = _prepared(tmp_path)
    extraction = _extract(item)

    # As on PostgreSQL when both transactions look before either commits: the
    # first look says "absent", so the insert collides with the other's row.
    real = pipeline._existing
    looks = []

    def stale_then_real(session, sha256):
        looks.append(sha256)
        return None if len(looks) == 1 else real(session, sha256)

    monkeypatch.setattr(pipeline, "_existing", stale_then_real)
    report = pipeline._commit_document(factory, item, extraction, None)
    assert report.status == "duplicate"
    assert len(looks) == 2
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(SourceFile)) == 1
        assert session.scalar(select(func.count()).select_from(Document)) == 1


@pytest.mark.parametrize("db_kind", ["sqlite", "postgresql"], indirect=True)
def test_a_failure_elsewhere_never_quarantines_a_file_another_process_ingested(engine,
                                                                              tmp_path: Path) -> None:
    factory = make_session_factory(engine)
    ingest_paths(factory, FileStore(tmp_path / "files"), [PDF], IngestOptions(workers=1, ocr=False))
    report = pipeline._commit_failure(factory, _prepared(tmp_path),
                                      FileFailure("timeout", "extraction took too long"), 1.0)
    assert report.status == "duplicate"
    with factory() as session:
        source = session.scalars(select(SourceFile)).one()
        assert source.status is FileStatus.INGESTED
        assert session.scalar(select(func.count()).select_from(Document)) == 1


@pytest.mark.parametrize("db_kind", ["sqlite"], indirect=True)
def test_upload_with_a_token_waits_for_an_ingest_commit_instead_of_failing(db_url: str, engine,
                                                                         tmp_path: Path) -> None:
    from webui import create_app

    app = create_app({"TESTING": True, "SECRET_KEY": "k", "LAWDB_DATA_DIR": str(tmp_path / "data"),
                      "LAWDB_DATABASE_URL": db_url})
    with app.extensions["lawdb_sessions"]() as session:
        user = user_service.create_user(session, "amna", "a long enough password 1")
        _token, plaintext = user_service.create_token(session, user, "script")
        session.commit()
    client = app.test_client()
    started = threading.Event()
    other = _hold_write_lock(engine, 1.0, started)
    with PDF.open("rb") as handle:
        response = client.post("/api/v1/uploads", headers={"Authorization": f"Bearer {plaintext}"},
                               data={"files": [(handle, PDF.name)]}, content_type="multipart/form-data")
    other.join()
    app.extensions["lawdb_engine"].dispose()
    assert response.status_code == 202, response.get_data(as_text=True)
    with make_session_factory(engine)() as session:
        assert session.scalar(select(func.count()).select_from(IngestJob)) == 1
