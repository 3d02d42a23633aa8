"""Keeping the index in step with the database: the outbox drain, reindex, and the backend.

Ingest, reparse and edits write an ``index_outbox`` row in the same
transaction as the change (:mod:`lawdb.services.indexing`). After committing,
the caller calls :func:`drain_outbox`, which

1. takes the index's one write lock (waiting at most ``timeout`` seconds; if
   another process holds it, it returns 0 and leaves the rows for that
   process or the next run),
2. reads pending rows in id order and loads the documents' current state,
3. writes them to the index in one commit,
4. then deletes exactly the rows it applied.

A crash after 1-3 leaves the rows in place and the next drain applies them
again; that is harmless, because an upsert replaces the document by id and a
row older than what the index holds is skipped. Each indexed document
carries its ``version``.

"Cited by" counts (for ``sort=cited``) are stored in the index. When a
document is indexed or removed, the documents it cites (before and after the
change) are re-indexed in the same commit, so their counts stay right; this
keeps sorting by citations a column lookup at query time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from lawdb.config import Settings
from lawdb.faults import crash_point
from lawdb.models import Citation, IndexAction, IndexOutbox
from lawdb.search.backend import IndexLocked, IndexSession, SearchBackend
from lawdb.search.documents import iter_search_documents, load_search_documents
from lawdb.search.schema import SCHEMA_VERSION
from lawdb.search.whoosh_backend import WhooshBackend

log = logging.getLogger(__name__)

_backends: dict[str, SearchBackend] = {}
_backends_lock = threading.Lock()


def get_backend(settings: Settings) -> SearchBackend:
    """The (process-wide, thread-safe) search backend of ``settings.index_dir``."""
    key = str(settings.index_dir)
    with _backends_lock:
        backend = _backends.get(key)
        if backend is None:
            backend = WhooshBackend(settings.index_dir)
            _backends[key] = backend
        return backend


def close_backends() -> None:
    """Forget every cached backend, closing this thread's searchers on them.

    A backend keeps each thread's searcher open (one file handle per segment
    file) for the life of the process: right for a server over one index,
    a leak for a process that opens many indexes one after another (a test
    run). Other threads' searchers close when those threads end.
    """
    with _backends_lock:
        backends = list(_backends.values())
        _backends.clear()
    for backend in backends:
        close = getattr(backend, "close", None)
        if close is not None:
            close()


def ensure_index(settings: Settings) -> SearchBackend:
    """Create an empty index if there is none; return the backend.

    An index built by an older schema keeps working for searches, but says
    so in the log: run ``lawdb reindex`` to rebuild it.
    """
    backend = get_backend(settings)
    backend.create()
    version = getattr(backend, "schema_version", lambda: SCHEMA_VERSION)()
    if version is not None and version != SCHEMA_VERSION:
        log.warning("search index %s has schema %s, lawdb uses %s: run `lawdb reindex`",
                    settings.index_dir, version, SCHEMA_VERSION)
    return backend


@dataclass
class DrainResult:
    rows: int = 0  #: outbox rows applied and removed
    upserted: int = 0
    deleted: int = 0
    skipped: int = 0  #: rows older than what the index already holds
    targets: int = 0  #: cited documents re-indexed for their "cited by" counts


def drain_outbox(session_factory: sessionmaker[Session], settings: Settings, *, timeout: float = 10.0,
                 batch: int = 500, backend: SearchBackend | None = None) -> int:
    """Apply pending index work; return how many outbox rows were applied (0 if the lock was busy).

    Call it after committing a transaction that queued index work (ingest,
    reparse, an edit). Safe to call from several processes at once: one
    drains, the others return 0 at once or after ``timeout`` seconds.
    """
    return drain(session_factory, settings, timeout=timeout, batch=batch, backend=backend).rows


def drain(session_factory: sessionmaker[Session], settings: Settings, *, timeout: float = 10.0,
          batch: int = 500, backend: SearchBackend | None = None) -> DrainResult:
    """:func:`drain_outbox` with the details."""
    backend = backend or ensure_index(settings)
    result = DrainResult()
    while True:
        try:
            with backend.writing(timeout) as index_session:
                crash_point("index.drain.locked")
                applied = _apply_batch(session_factory, index_session, batch, result)
        except IndexLocked:
            log.info("search index busy; outbox rows left for the next drain")
            return result
        if not applied:
            return result
        crash_point("index.committed")
        _remove_rows(session_factory, applied)
        crash_point("index.outbox_removed")
        result.rows += len(applied)
        if len(applied) < batch:
            return result


class Drainer:
    """A callback that drains the outbox every ``every`` commits or ``seconds`` seconds.

    Made for long runs such as a bulk import: ``ingest_paths(...,
    on_committed=Drainer(session_factory, settings))`` keeps the index a few
    seconds behind the database without one index commit per document; call
    :meth:`flush` (or :func:`drain_outbox`) once more at the end. Work queued
    by a call that is not yet due is applied by a timer ``seconds`` later even
    if no other commit comes (a slow file next in line must not hold back the
    documents before it); the timer thread lives only while work is pending.
    """

    def __init__(self, session_factory: sessionmaker[Session], settings: Settings, *, every: int = 200,
                 seconds: float = 30.0, timeout: float = 5.0) -> None:
        self.session_factory = session_factory
        self.settings = settings
        self.every = every
        self.seconds = seconds
        self.timeout = timeout
        self._pending = 0
        self._last = time.monotonic()
        self._lock = threading.Lock()
        self._draining = threading.Lock()  # one drain at a time from this process
        self._timer: threading.Timer | None = None

    def __call__(self, *_args) -> None:
        with self._lock:
            self._pending += 1
            due = self._pending >= self.every or time.monotonic() - self._last >= self.seconds
            if not due and self._timer is None:
                wait = max(0.0, self.seconds - (time.monotonic() - self._last))
                self._timer = threading.Timer(wait, self._on_timer)
                self._timer.daemon = True
                self._timer.start()
        if due:
            self.flush()

    def _on_timer(self) -> None:
        with self._lock:
            self._timer = None
            pending = self._pending
        if pending:
            self.flush()

    def flush(self) -> int:
        with self._lock:
            self._pending = 0
            self._last = time.monotonic()
            timer, self._timer = self._timer, None
        if timer is not None:
            timer.cancel()
        with self._draining:
            try:
                return drain_outbox(self.session_factory, self.settings, timeout=self.timeout)
            except Exception:  # the index is a cache of the database: never fail the caller's work
                log.exception("draining the search-index outbox failed; the rows stay queued")
                return 0


def _remove_rows(session_factory: sessionmaker[Session], ids: list[int]) -> None:
    with session_factory() as session:
        for start in range(0, len(ids), 500):
            session.execute(delete(IndexOutbox).where(IndexOutbox.id.in_(ids[start:start + 500])))
        session.commit()


def _apply_batch(session_factory: sessionmaker[Session], index: IndexSession, batch: int,
                 result: DrainResult) -> list[int]:
    with session_factory() as session:
        rows = session.execute(
            select(IndexOutbox.id, IndexOutbox.document_id, IndexOutbox.action, IndexOutbox.version)
            .order_by(IndexOutbox.id).limit(batch)).all()
        if not rows:
            return []
        latest: dict[int, tuple[IndexAction, int]] = {}
        for _row_id, doc_id, action, version in rows:
            latest[doc_id] = (IndexAction(action), version)  # later rows win
        upsert_ids = [d for d, (a, _v) in latest.items() if a is IndexAction.UPSERT]
        documents = {d.id: d for d in load_search_documents(session, upsert_ids)}
        affected: set[int] = set()
        cited: set[str] = set()
        for doc_id, (action, version) in latest.items():
            old = index.indexed(doc_id)
            if old is not None:
                affected.update(old.get("cited_ids", []))
                cited.update(old.get("cited", []))
            document = documents.get(doc_id) if action is IndexAction.UPSERT else None
            if document is None:  # deleted, or gone from the database since
                index.delete(doc_id)
                result.deleted += 1
                continue
            if old is not None and old["version"] > version and old["version"] >= document.version:
                result.skipped += 1  # the index already holds a newer state
                continue
            affected.update(document.cited_ids)
            cited.update(document.cited)
            index.upsert(document)
            result.upserted += 1
        if cited:
            for start in range(0, len(cited), 500):
                chunk = sorted(cited)[start:start + 500]
                affected.update(session.scalars(
                    select(Citation.document_id).where(Citation.normalized.in_(chunk))))
        targets = sorted(affected - set(latest))
        for document in load_search_documents(session, targets):
            index.upsert(document)
            result.targets += 1
        return [row[0] for row in rows]


def reindex(session_factory: sessionmaker[Session], settings: Settings, *, procs: int = 1,
            timeout: float = 60.0, progress=None) -> int:
    """Rebuild the whole index aside from the database and swap it in; return the document count.

    Searches keep using the old index until the swap. Outbox rows queued
    meanwhile are applied right after it.
    """
    backend = get_backend(settings)

    def documents() -> Iterable:
        with session_factory() as session:
            for n, document in enumerate(iter_search_documents(session), start=1):
                if progress is not None:
                    progress(n)
                yield document

    count = backend.rebuild(documents(), timeout=timeout, procs=procs)
    drain_outbox(session_factory, settings, timeout=timeout, backend=backend)
    return count


def index_status(session_factory: sessionmaker[Session], settings: Settings) -> dict:
    """How the index compares with the database: missing, stale and extra documents."""
    from lawdb.models import Document

    backend = get_backend(settings)
    indexed = dict(backend.document_ids()) if backend.exists() else {}
    with session_factory() as session:
        current = dict(session.execute(select(Document.id, Document.version)).all())
        pending = session.scalar(select(IndexOutbox.id).limit(1)) is not None
    return {
        "indexed": len(indexed),
        "documents": len(current),
        "missing": sorted(set(current) - set(indexed)),
        "stale": sorted(d for d, v in current.items() if d in indexed and indexed[d] < v),
        "extra": sorted(set(indexed) - set(current)),
        "outbox_pending": pending,
        "schema_version": getattr(backend, "schema_version", lambda: None)(),
    }
