"""Fixtures shared by every test: real SQLite files, a real PostgreSQL server, real PDFs."""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from lawdb import migrate
from lawdb.config import sqlite_url
from lawdb.db import make_engine, make_session_factory
from tests.postgres import PostgresServer, PostgresUnavailable, throwaway_cluster

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LAWDB_SHARED_DIR", ROOT.parent / "shared"))
REQUIRE_POSTGRES = os.environ.get("LAWDB_REQUIRE_POSTGRES", "") not in ("", "0", "false")

DATABASES = ["sqlite", "postgresql"]


@pytest.fixture(autouse=True)
def _close_search_backends() -> Iterator[None]:
    """Close the search backends a test opened: each keeps its index's files open, and a test
    process that opens hundreds of indexes would otherwise hold thousands of file handles."""
    yield
    from lawdb.search import sync

    if sync._backends:
        sync.close_backends()
        gc.collect()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Anything parametrised with the "postgresql" database gets the marker, so
    # `-m postgres` selects them and the summary can count them.
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec and "postgresql" in callspec.params.values():
            item.add_marker(pytest.mark.postgres)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    stats = terminalreporter.stats
    ran = sum(
        1
        for key in ("passed", "failed", "error")
        for rep in stats.get(key, [])
        if getattr(rep, "when", "call") == "call" and "postgres" in rep.keywords
    )
    skipped = sum(1 for rep in stats.get("skipped", []) if "postgres" in rep.keywords)
    terminalreporter.write_line(f"PostgreSQL tests run: {ran}, skipped: {skipped}")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared corpus and notes beside the project (``../shared``)."""
    if not (SHARED / "corpus").is_dir():
        pytest.fail(f"shared corpus not found at {SHARED} (set LAWDB_SHARED_DIR)")
    return SHARED


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    with ExitStack() as stack:
        url = os.environ.get("LAWDB_TEST_POSTGRES_URL")
        try:
            if not url:
                url = stack.enter_context(throwaway_cluster())
            server = PostgresServer(url)
        except (PostgresUnavailable, Exception) as exc:
            if REQUIRE_POSTGRES:
                pytest.fail(f"PostgreSQL required (LAWDB_REQUIRE_POSTGRES) but unavailable: {exc}")
            pytest.skip(f"PostgreSQL unavailable: {exc}")
        stack.callback(server.dispose)
        yield server


@pytest.fixture(scope="session")
def pg_template(postgres_server: PostgresServer) -> Iterator[str]:
    """A database migrated to head once, copied for each test (fast, and real)."""
    name = postgres_server.create_database()
    migrate.upgrade(postgres_server.url_for(name))
    yield name
    postgres_server.drop_database(name)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    migrate.upgrade(sqlite_url(path))
    engine = make_engine(sqlite_url(path))
    with engine.connect() as conn:  # fold the WAL into the file before copying it
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(params=DATABASES)
def db_kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def empty_db_url(db_kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """URL of a new, empty database (no tables) on SQLite or PostgreSQL."""
    if db_kind == "sqlite":
        yield sqlite_url(tmp_path / "lawdb.sqlite3")
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.create_database()
    yield server.url_for(name)
    server.drop_database(name)


@pytest.fixture
def db_url(db_kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """URL of a new database at the migrations' head, on SQLite or PostgreSQL."""
    if db_kind == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "lawdb.sqlite3"
        shutil.copyfile(template, path)
        yield sqlite_url(path)
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.create_database(template=request.getfixturevalue("pg_template"))
    yield server.url_for(name)
    server.drop_database(name)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    factory = make_session_factory(engine)
    with factory() as session:
        yield session
