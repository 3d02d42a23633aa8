"""``lawdb worker``: drain the ingest job queue that web uploads fill.

Each job names a file already kept in the content-addressed store; the worker
ingests it with the same pipeline as ``lawdb ingest`` and records the outcome
on the job. Run one per machine (or several); they share the queue safely.
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ingest.manifest import FIELDS, Manifest
from ingest.pipeline import IngestOptions, ingest_paths
from lawdb.config import Settings
from lawdb.db import write_session
from lawdb.faults import crash_point, region
from lawdb.models import SourceFile
from lawdb.services import jobs
from lawdb.store import FileStore


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def process_one(session_factory: sessionmaker[Session], store: FileStore, worker_id: str,
                options: IngestOptions, settings: Settings | None = None) -> bool:
    """Claim and process one job; False when the queue is empty."""
    # Write sessions: the claim and the finish read before they write, and an ingest,
    # another worker or the web app may be writing meanwhile.
    with write_session(session_factory) as session:
        job = jobs.claim_next(session, worker_id)
        session.commit()
        if job is None:
            return False
        job_id, stored, name, job_options = job.id, job.upload_path, job.original_name, job.options
    crash_point("worker.claimed")
    try:
        path = store.resolve(stored)
    except ValueError as exc:
        _finish(session_factory, job_id, None, "unreadable", str(exc))
        return True
    entry = {k: str(v) for k, v in (job_options or {}).items() if k in FIELDS and v}
    manifest = Manifest(by_path={name: entry}, by_name={name: entry}) if entry else None
    result = ingest_paths(session_factory, store, [path],
                          replace(options, manifest=manifest, workers=1),
                          display_names={path: name})
    if settings is not None:
        # The uploaded document becomes searchable now, not at the next ingest.
        from lawdb.search.sync import drain_outbox

        # The index is a cache of the database: a failure leaves the work queued.
        with contextlib.suppress(Exception):
            drain_outbox(session_factory, settings, timeout=5)
    crash_point("worker.ingested")
    report = result.files[0] if result.files else None
    with session_factory() as session:
        source_id = None
        if report is not None and report.sha256:
            source_id = session.scalar(select(SourceFile.id).where(
                SourceFile.sha256 == report.sha256))
    if report is None:
        _finish(session_factory, job_id, None, "unreadable", "the stored upload was not found")
    elif report.status == "quarantined":
        _finish(session_factory, job_id, source_id, report.code, report.message)
    else:
        _finish(session_factory, job_id, source_id, None, None)
    return True


def _finish(session_factory, job_id: int, source_id: int | None, code: str | None,
            message: str | None) -> None:
    from lawdb.models import IngestJob

    with write_session(session_factory) as session, region("worker.finished"):
        job = session.get(IngestJob, job_id)
        jobs.finish(session, job, source_file_id=source_id, error_code=code,
                    error_message=message)
        session.commit()


def run_worker(session_factory: sessionmaker[Session], store: FileStore, *,
               worker_id: str | None = None, once: bool = False, poll_interval: float = 2.0,
               options: IngestOptions | None = None,
               log: Callable[[str], None] = lambda _msg: None,
               should_stop: Callable[[], bool] = lambda: False, settings: Settings | None = None) -> int:
    """Process jobs until stopped (or, with ``once``, until the queue is empty)."""
    worker_id = worker_id or default_worker_id()
    options = options or IngestOptions(workers=1)
    processed = 0
    while not should_stop():
        if process_one(session_factory, store, worker_id, options, settings):
            processed += 1
            log(f"processed job {processed}")
            continue
        if once:
            break
        time.sleep(poll_interval)
    return processed


__all__ = ["Path", "default_worker_id", "process_one", "run_worker"]
