"""Engine, declarative base and sessions.

Callers own transactions: a CLI command or a web request opens a session with
:func:`session_scope` (or its own ``Session``), calls services, and commits.
Services never open or commit sessions themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import MetaData, create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

#: Every constraint and index gets a predictable name, so Alembic can alter and
#: drop them (SQLite batch mode needs names) and both databases agree.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of every lawdb model."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """Timezone-aware now in UTC, the only clock the models use."""
    return datetime.now(UTC)


def _sqlite_on_connect(busy_timeout_ms: int):
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy manage transactions (pysqlite's own BEGIN handling
        # defers locks and breaks SAVEPOINT); see SQLAlchemy's SQLite notes.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # WAL lets searches read while an ingest writes; foreign keys are off
        # in SQLite unless asked for; the busy timeout makes a second writer
        # wait instead of failing at once.
        cursor.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    return on_connect


#: Execution option of a session whose transactions will write (see :func:`write_session`).
WRITE_OPTION = "lawdb_write"


def _sqlite_on_begin(conn: Any) -> None:
    # A plain (deferred) BEGIN suits readers. A transaction that reads and then
    # writes must not start that way: in WAL mode its upgrade to a writer fails
    # at once with "database is locked" (the busy timeout does not apply) when
    # another process wrote meanwhile. Writers therefore take the write lock
    # when they begin (BEGIN IMMEDIATE), where the busy timeout does wait.
    immediate = conn.get_execution_options().get(WRITE_OPTION)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str, *, sqlite_busy_timeout: float = 30.0, **kwargs: Any) -> Engine:
    """Create an engine for ``url`` with lawdb's connection settings.

    SQLite connections run with WAL, foreign keys on and a busy timeout; the
    folder of a SQLite file is created if missing. PostgreSQL URLs without a
    driver use psycopg 3.
    """
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            from pathlib import Path

            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, **kwargs)
        event.listen(engine, "connect", _sqlite_on_connect(int(sqlite_busy_timeout * 1000)))
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(parsed, **kwargs)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def write_session(factory: sessionmaker[Session]) -> Session:
    """A session for work that writes: on SQLite each of its transactions takes the write lock
    as it begins, waiting up to the busy timeout for other writers.

    Use it for any transaction that reads before it writes while other processes may write
    (ingest, the worker, web requests that change data); a plain session's transaction would
    fail with "database is locked" instead of waiting. PostgreSQL ignores the option.
    """
    return factory(execution_options={WRITE_OPTION: True})


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session that commits when the block ends and rolls back on error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
