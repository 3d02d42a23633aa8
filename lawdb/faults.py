"""Fault injection for the crash tests: die by SIGKILL at a named point.

``LAWDB_CRASH_AT=<point>`` arms one point; ``<point>:<n>`` arms it for its
``n``-th arrival (default the first), so a test can let one document through
and kill the process while it writes the second. An armed process kills
itself with SIGKILL, exactly as ``kill -9`` or the kernel's OOM killer would:
no ``finally`` block, no ``atexit`` handler, no flush of Python buffers runs.
When nothing is armed a point costs one global lookup.

``LAWDB_FAULT_LOG=<file>`` records instead: every point reached is appended
to the file, one name a line, so a test can see which points a command
passes and how often (and choose the arrival to kill).

Points are placed where a crash would leave the most awkward state (see
``docs/reliability.md`` for the list and ``tests/reliability`` for the test
that kills ingest at every one of them). Three kinds:

- plain points, ``crash_point("ingest.extracted")``, in the code itself;
- database points inside a :func:`region`: ``<region>.db.flush.before``,
  ``.db.flush.after``, ``.db.commit.before`` (the session is about to flush
  and commit), ``.db.commit.sql`` (every statement sent, the DBAPI
  ``COMMIT`` about to run), ``.db.commit.after`` (committed, the caller not
  yet told). They come from SQLAlchemy events, installed only when a
  ``*.db.*`` point is armed;
- the index commit's inner points, in :mod:`lawdb.search.whoosh_backend`.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

ENV = "LAWDB_CRASH_AT"
LOG_ENV = "LAWDB_FAULT_LOG"


def _parse(value: str | None) -> tuple[str | None, int]:
    if not value:
        return None, 0
    name, _, nth = value.strip().partition(":")
    return name or None, int(nth) if nth else 1


_ARMED, _NTH = _parse(os.environ.get(ENV))
_LOG = os.environ.get(LOG_ENV) or None
_seen = 0
_region: ContextVar[str | None] = ContextVar("lawdb_fault_region", default=None)
_hooks_installed = False


def armed() -> str | None:
    """The armed point's name, or None."""
    return _ARMED


def active() -> bool:
    """Whether a point is armed or points are being logged (then optional hooks are worth placing)."""
    return _ARMED is not None or _LOG is not None


def arm(value: str | None) -> None:
    """Arm (or, with None, disarm) a point in this process, as ``LAWDB_CRASH_AT`` would."""
    global _ARMED, _NTH, _seen
    _ARMED, _NTH = _parse(value)
    _seen = 0


def crash_point(name: str) -> None:
    """Die here, by SIGKILL, if ``name`` is the armed point and this is its armed arrival."""
    global _seen
    if _LOG is not None:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(name + "\n")
    if _ARMED is None or name != _ARMED:
        return
    _seen += 1
    if _seen >= _NTH:
        os.kill(os.getpid(), signal.SIGKILL)


@contextmanager
def region(name: str) -> Iterator[None]:
    """Name the database work in this block, so ``<name>.db.*`` points fire inside it."""
    if _LOG is not None or (_ARMED is not None and ".db." in _ARMED):
        _install_db_hooks()
    token = _region.set(name)
    try:
        yield
    finally:
        _region.reset(token)


def _db_point(suffix: str) -> None:
    current = _region.get()
    if current is not None:
        crash_point(f"{current}.db.{suffix}")


def _install_db_hooks() -> None:
    global _hooks_installed
    if _hooks_installed:
        return
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

    event.listen(Session, "before_flush", lambda *_a: _db_point("flush.before"))
    event.listen(Session, "after_flush", lambda *_a: _db_point("flush.after"))
    event.listen(Session, "before_commit", lambda *_a: _db_point("commit.before"))
    event.listen(Engine, "commit", lambda *_a: _db_point("commit.sql"))
    event.listen(Session, "after_commit", lambda *_a: _db_point("commit.after"))
    _hooks_installed = True


#: Every point, with where it is; the crash harness kills ingest at each one.
POINTS: dict[str, str] = {
    "ingest.hashed": "a file hashed, nothing stored or recorded yet",
    "store.put.before_rename": "the original's bytes written to a temporary file, not yet renamed into place",
    "store.put.after_rename": "the original in the store, no sidecar, no database row",
    "store.sidecar.before_rename": "the sidecar's JSON written to a temporary file, not yet renamed",
    "ingest.stored": "original and sidecar stored, extraction not started",
    "ingest.extracted": "extraction finished in the worker, nothing written to the database",
    "ingest.document.db.flush.before": "the document's rows about to be flushed",
    "ingest.document.db.flush.after": "the document's rows flushed, not committed",
    "ingest.recorded": "document, pages and parsed facts written in the open transaction",
    "citations.resolve": "inside citation resolution: new links made, stale ones not yet cleared",
    "ingest.statutes_resolved": "citations and statute references resolved, outbox not yet written",
    "ingest.outbox_queued": "index work queued in the outbox, transaction not committed",
    "ingest.document.db.commit.before": "the session about to flush and commit",
    "ingest.document.db.commit.sql": "every statement sent, the database COMMIT about to run",
    "ingest.document.db.commit.after": "the database committed, the caller not yet told",
    "ingest.committed": "the document committed, the index not yet told",
    "ingest.quarantine.db.commit.sql": "a quarantined file's row about to be committed",
    "ingest.quarantine.db.commit.after": "a quarantined file's row committed",
    "store.sidecar.outcome": "the outcome about to be written to the sidecar",
    "index.drain.locked": "the index write lock taken, outbox rows not yet read",
    "index.commit.before": "index changes buffered, the index commit not started",
    "index.commit.segment_written": "inside the index commit: new segment written, its table of contents not",
    "index.commit.toc_written": "inside the index commit: new table of contents in place, writer not closed",
    "index.committed": "the index committed, the applied outbox rows not yet removed",
    "index.outbox_removed": "the applied outbox rows removed",
    "reparse.recorded": "a judgment's new facts written, not committed",
    "reparse.committed": "a judgment's new facts committed, links across the collection not re-made",
    "reparse.relink": "links across the collection re-made, not committed",
    "worker.claimed": "a job claimed and committed, its file not yet ingested",
    "worker.ingested": "a job's file ingested, the job not yet marked finished",
    "worker.finished.db.commit.sql": "the job's end about to be committed",
}
