"""Alembic environment for lawdb.

``target_metadata`` comes from :mod:`lawdb.models`. The URL comes from the
Alembic config (set by :mod:`lawdb.migrate`), or else from lawdb's own
settings (``LAWDB_DATABASE_URL`` / ``LAWDB_DATA_DIR``), so plain ``alembic``
commands in a checkout use the same database as ``lawdb``.
"""

from __future__ import annotations

from alembic import context

import lawdb.models
from lawdb.config import load_settings
from lawdb.db import make_engine

config = context.config
target_metadata = lawdb.models.metadata


def _url() -> str:
    return config.get_main_option("sqlalchemy.url") or load_settings().database_url


def _configure(**kwargs) -> None:
    url = kwargs.pop("url", None) or _url()
    context.configure(
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=url.startswith("sqlite"),
        compare_type=True,
        compare_server_default=True,
        **kwargs,
    )


def run_migrations_offline() -> None:
    url = _url()
    _configure(url=url, literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection=connection, url=str(connection.engine.url))
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(_url())
    try:
        with engine.connect() as conn:
            sqlite = engine.dialect.name == "sqlite"
            if sqlite:
                _sqlite_foreign_keys(conn, on=False)
            _configure(connection=conn, url=str(engine.url))
            with context.begin_transaction():
                context.run_migrations()
            if sqlite:
                _sqlite_foreign_keys(conn, on=True)
    finally:
        engine.dispose()


def _sqlite_foreign_keys(conn, *, on: bool) -> None:
    """Switch SQLite's foreign keys off for a migration, then check and switch them on.

    Batch mode rebuilds a table by copying it and dropping the old one; with
    foreign keys on, that DROP deletes every row that cascades from it (all
    pages of all documents, say). The pragma only works outside a
    transaction, so it goes straight to the driver's connection.
    """
    raw = conn.connection.driver_connection
    if on:
        problems = raw.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise RuntimeError(f"migration left broken foreign keys: {problems[:5]}")
        raw.execute("PRAGMA foreign_keys = ON")
    else:
        raw.execute("PRAGMA foreign_keys = OFF")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
