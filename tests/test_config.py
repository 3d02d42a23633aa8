"""Settings: code defaults, then LAWDB_* environment, then explicit arguments."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from lawdb.config import load_settings, sqlite_url
from lawdb.db import make_engine


def test_defaults_follow_the_data_dir(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    s = load_settings(env={})
    assert s.data_dir == tmp_path / "lawdb-data"
    assert s.database_url == sqlite_url(tmp_path / "lawdb-data" / "lawdb.sqlite3")
    assert s.index_dir == tmp_path / "lawdb-data" / "index"
    assert s.files_dir == tmp_path / "lawdb-data" / "files"
    assert s.is_sqlite


def test_environment_overrides_defaults(tmp_path: Path) -> None:
    env = {
        "LAWDB_DATA_DIR": str(tmp_path / "d"),
        "LAWDB_INDEX_DIR": str(tmp_path / "idx"),
        "LAWDB_FILES_DIR": str(tmp_path / "originals"),
        "LAWDB_DATABASE_URL": "postgresql://u@h/db",
        "LAWDB_SECRET_KEY": "s3",
    }
    s = load_settings(env=env)
    assert s.data_dir == tmp_path / "d"
    assert (s.index_dir, s.files_dir) == (tmp_path / "idx", tmp_path / "originals")
    assert s.database_url == "postgresql://u@h/db" and not s.is_sqlite
    assert s.extra["LAWDB_SECRET_KEY"] == "s3"


def test_argument_overrides_environment(tmp_path: Path) -> None:
    s = load_settings(tmp_path / "arg", env={"LAWDB_DATA_DIR": str(tmp_path / "env")})
    assert s.data_dir == tmp_path / "arg"
    assert s.index_dir == tmp_path / "arg" / "index"


def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(tmp_path / "sub" / "x.sqlite3"), sqlite_busy_timeout=12.5)
    with engine.connect() as conn:
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(sa.text("PRAGMA busy_timeout")).scalar() == 12500
    engine.dispose()
    assert (tmp_path / "sub" / "x.sqlite3").exists()
