"""The ingest job queue: uploads wait here until an ingest worker claims them.

Claiming is an optimistic conditional UPDATE, which works the same on SQLite
and PostgreSQL and lets any number of workers on any number of machines share
one queue: two workers may pick the same candidate, only one UPDATE matches.
A claim is a lease; a worker that dies leaves its job to be claimed again once
the lease has expired. The caller commits, as with every service.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from lawdb.db import utcnow
from lawdb.models import IngestJob, JobStatus, User

#: A job that failed this many times is left failed, not retried for ever.
MAX_ATTEMPTS = 3


def enqueue(session: Session, upload_path: str, original_name: str, *,
            options: dict[str, Any] | None = None, created_by: User | None = None) -> IngestJob:
    """Add a job for a file already kept in the store (``upload_path`` is its stored path)."""
    job = IngestJob(upload_path=upload_path, original_name=original_name, options=options or None,
                    created_by=created_by, status=JobStatus.QUEUED)
    session.add(job)
    session.flush()
    return job


def _claimable(now: datetime):
    return or_(
        IngestJob.status == JobStatus.QUEUED,
        (IngestJob.status == JobStatus.RUNNING) & (IngestJob.lease_expires_at < now),
    )


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True


def expire_dead_claims(session: Session, host: str | None = None) -> int:
    """Expire the leases of jobs claimed by workers of this host that are no longer running.

    A worker killed outright (SIGKILL, OOM, power cut of a container) leaves
    its job ``running`` until the lease runs out, up to 15 minutes. Worker
    ids are ``host:pid``, so a worker starting on the same host can tell that
    the claimant is gone and take the job over at once. Only ever a speed-up:
    a live claimant (or a pid reused since) keeps its lease, and taking over a
    job twice is harmless because ingest recognises files already recorded.
    """
    host = host or socket.gethostname()
    now = utcnow()
    expired = 0
    for job in session.scalars(select(IngestJob).where(
            IngestJob.status == JobStatus.RUNNING, IngestJob.claimed_by.like(f"{host}:%"),
            IngestJob.lease_expires_at > now)):
        pid = (job.claimed_by or "").rpartition(":")[2]
        if pid.isdigit() and int(pid) != os.getpid() and not _pid_alive(int(pid)):
            job.lease_expires_at = now - timedelta(seconds=1)
            expired += 1
    if expired:
        session.flush()
    return expired


def claim_next(session: Session, worker_id: str, *, lease_seconds: float = 900) -> IngestJob | None:
    """Claim the oldest waiting job (or one whose worker's lease ran out, or died), or None."""
    host, _, pid = worker_id.rpartition(":")
    if host and pid.isdigit():
        expire_dead_claims(session, host)
    for _ in range(5):
        now = utcnow()
        candidate = session.scalar(
            select(IngestJob.id).where(_claimable(now), IngestJob.attempts < MAX_ATTEMPTS)
            .order_by(IngestJob.id).limit(1)
        )
        if candidate is None:
            return None
        claimed = session.execute(
            update(IngestJob)
            .where(IngestJob.id == candidate, _claimable(now))
            .values(status=JobStatus.RUNNING, claimed_by=worker_id, claimed_at=now,
                    lease_expires_at=now + timedelta(seconds=lease_seconds),
                    attempts=IngestJob.attempts + 1)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount == 1:
            job = session.get(IngestJob, candidate, populate_existing=True)
            return job
    return None


def finish(session: Session, job: IngestJob, *, source_file_id: int | None,
           error_code: str | None = None, error_message: str | None = None) -> None:
    """Record a job's end: done, or failed with the file's quarantine reason."""
    job.status = JobStatus.FAILED if error_code else JobStatus.DONE
    job.source_file_id = source_file_id
    job.error_code = error_code
    job.error_message = error_message
    job.finished_at = utcnow()
    job.lease_expires_at = None


def pending_count(session: Session) -> int:
    from sqlalchemy import func

    return session.scalar(
        select(func.count()).select_from(IngestJob).where(_claimable(utcnow()))) or 0
