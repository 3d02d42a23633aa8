"""One bulk import at a time per database: the ingest lock.

Two ``lawdb ingest`` runs into one collection would extract the same files
twice and fight over SQLite's single write lock. The second run therefore
waits for the first to finish (saying so on stderr), or with ``--no-wait``
refuses at once. Correctness does not rest on this lock: every write is a
transaction that takes the database's write lock and re-checks what it adds
(see :func:`ingest.pipeline._commit_document`), so ``lawdb worker`` runs
beside an ingest, and an ingest that bypassed the lock could not add a file
twice either.

- SQLite: an OS file lock on ``<database file>.ingest.lock`` (released by the
  kernel when the process dies, even by SIGKILL); the file names the holder.
- PostgreSQL: a session-level advisory lock held on a connection of its own
  for the whole run (released when that connection closes, or the process
  dies), so runs on different machines exclude each other too.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

#: Key of the PostgreSQL advisory lock (any constant 64-bit number; "lawdbING").
ADVISORY_KEY = 0x6C617764_62494E47


class IngestLocked(RuntimeError):
    """Another ingest holds the lock and we were told not to wait (or waited long enough)."""


def _holder_text() -> str:
    return json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                       "started": datetime.now(UTC).isoformat(timespec="seconds")})


def describe_holder(raw: str) -> str:
    """A readable 'pid 123 on host, since ...' from a lock file's content (best effort)."""
    try:
        info = json.loads(raw)
        return f"pid {info['pid']} on {info['host']}, since {info['started']}"
    except (ValueError, KeyError, TypeError):
        return "another process"


def _try_flock(handle) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


@contextmanager
def _file_lock(path: Path, try_once: Callable[[Callable[[], bool], Callable[[], str]], None]):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:

        def holder() -> str:
            handle.seek(0)
            return describe_holder(handle.read())

        try_once(lambda: _try_flock(handle), holder)
        handle.seek(0)
        handle.truncate()
        handle.write(_holder_text())
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
        # closing the file releases the lock


@contextmanager
def _advisory_lock(engine: Engine, try_once):
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")

        def attempt() -> bool:
            return bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY}).scalar())

        def holder() -> str:
            row = conn.execute(text(
                "SELECT a.pid, a.client_addr, a.backend_start FROM pg_locks l "
                "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' "
                "AND l.granted AND a.datname = current_database() AND l.pid <> pg_backend_pid() "
                "LIMIT 1")).first()
            if row is None:
                return "another process"
            return f"database connection {row.pid} (client {row.client_addr or 'local'})"

        try_once(attempt, holder)
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})


@contextmanager
def ingest_lock(engine: Engine, *, wait: float | None = None, poll: float = 0.5,
                say: Callable[[str], None] = lambda _msg: None) -> Iterator[None]:
    """Hold the collection's ingest lock for the block.

    ``wait``: seconds to wait for another run to finish (``None``: as long as it
    takes; ``0``: refuse at once). ``say`` gets one line when we start waiting.
    Raises :class:`IngestLocked` when the lock is not had in time.
    """

    def try_once(attempt: Callable[[], bool], holder: Callable[[], str]) -> None:
        if attempt():
            return
        who = holder()
        if wait is not None and wait <= 0:
            raise IngestLocked(f"another lawdb ingest is running into this collection ({who})")
        say(f"another lawdb ingest is running into this collection ({who}); waiting for it to "
            "finish (Ctrl-C to stop, --no-wait to refuse instead)")
        deadline = None if wait is None else time.monotonic() + wait
        while not attempt():
            if deadline is not None and time.monotonic() >= deadline:
                raise IngestLocked(f"another lawdb ingest is still running into this collection "
                                   f"({holder()}) after {wait:g} s")
            time.sleep(poll)

    url = engine.url
    if url.get_backend_name() == "postgresql":
        with _advisory_lock(engine, try_once):
            yield
        return
    database = url.database
    if not database or database == ":memory:":
        yield
        return
    with _file_lock(Path(database).with_name(Path(database).name + ".ingest.lock"), try_once):
        yield
