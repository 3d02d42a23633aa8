"""The job queue and ``lawdb worker``: how a web upload reaches ingest, through the database."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from ingest.pipeline import IngestOptions
from ingest.worker import process_one, run_worker
from lawdb.db import utcnow
from lawdb.models import Document, IngestJob, JobStatus
from lawdb.services import jobs
from lawdb.store import sha256_file
from tests.paths import SAMPLES


def stored_upload(store, name: str) -> str:
    path = SAMPLES / name
    return store.put(path, sha256_file(path))


def test_worker_ingests_queued_uploads_with_their_metadata(factory, store, tmp_path) -> None:
    with factory() as s:
        jobs.enqueue(s, stored_upload(store, "sc_criminal_appeal_2023.pdf"), "appeal.pdf",
                     options={"kind": "judgment", "title": "Kashif Mehmood v. The State",
                              "citation": "2023 SCP 9001", "court": "Supreme Court of Pakistan"})
        empty = tmp_path / "empty.pdf"
        empty.write_bytes(b"not a pdf at all")
        jobs.enqueue(s, store.put(empty, sha256_file(empty)), "broken.pdf")
        s.commit()
    assert run_worker(factory, store, once=True, options=IngestOptions(workers=1)) == 2
    with factory() as s:
        done, failed = s.scalars(select(IngestJob).order_by(IngestJob.id)).all()
        assert (done.status, done.attempts, done.error_code) == (JobStatus.DONE, 1, None)
        doc = s.scalars(select(Document)).one()
        assert doc.source_file_id == done.source_file_id
        assert doc.source_file.original_name == "appeal.pdf"
        assert doc.title == "Kashif Mehmood v. The State"
        assert [c.normalized for c in doc.citations] == ["2023 SCP 9001"]
        assert (failed.status, failed.error_code) == (JobStatus.FAILED, "not_a_pdf")
        assert failed.finished_at is not None
    assert not process_one(factory, store, "w", IngestOptions(workers=1))


def test_claims_are_exclusive_and_expired_leases_are_reclaimed(factory, store) -> None:
    with factory() as s:
        job = jobs.enqueue(s, stored_upload(store, "amending_act_2023.pdf"), "a.pdf")
        s.commit()
        job_id = job.id
    with factory() as s:
        first = jobs.claim_next(s, "worker-1", lease_seconds=60)
        s.commit()
        assert first.id == job_id and first.claimed_by == "worker-1"
    with factory() as s:
        assert jobs.claim_next(s, "worker-2") is None  # held under lease
        # worker-1 dies; its lease runs out.
        s.get(IngestJob, job_id).lease_expires_at = utcnow() - timedelta(seconds=1)
        s.commit()
    with factory() as s:
        again = jobs.claim_next(s, "worker-2")
        s.commit()
        assert (again.id, again.claimed_by, again.attempts) == (job_id, "worker-2", 2)
        assert jobs.pending_count(s) == 0
