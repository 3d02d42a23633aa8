"""Settings: defaults in code, overridden by ``LAWDB_*`` environment variables.

Precedence, lowest first: the defaults below, the environment, then explicit
arguments (the CLI's global ``--data-dir`` passes one). Paths derived from the
data folder (database, index, stored originals) follow it unless they are set
on their own, so ``LAWDB_DATA_DIR=/srv/law lawdb init`` keeps everything in
one place.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_DATA_DIR = "./lawdb-data"
DATABASE_FILENAME = "lawdb.sqlite3"


@dataclass(frozen=True)
class Settings:
    """Where lawdb keeps its data, resolved to absolute paths."""

    data_dir: Path
    database_url: str
    index_dir: Path
    files_dir: Path
    #: Seconds a SQLite connection waits for a lock before failing.
    sqlite_busy_timeout: float = 30.0
    #: Extra values (e.g. the web app's secret key) read from ``LAWDB_*``.
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def with_database_url(self, url: str) -> Settings:
        return replace(self, database_url=url)


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of a SQLite file (absolute, so the cwd never matters)."""
    return f"sqlite:///{Path(path).resolve()}"


def load_settings(
    data_dir: str | os.PathLike[str] | None = None,
    *,
    database_url: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Settings:
    """Resolve settings from arguments, then ``LAWDB_*`` variables, then defaults.

    Example: ``load_settings(env={"LAWDB_DATA_DIR": "/srv/law"}).index_dir``
    is ``/srv/law/index``.
    """
    env = os.environ if env is None else env
    root = Path(data_dir or env.get("LAWDB_DATA_DIR") or DEFAULT_DATA_DIR).expanduser().resolve()
    url = database_url or env.get("LAWDB_DATABASE_URL") or sqlite_url(root / DATABASE_FILENAME)
    index_dir = Path(env.get("LAWDB_INDEX_DIR") or root / "index").expanduser().resolve()
    files_dir = Path(env.get("LAWDB_FILES_DIR") or root / "files").expanduser().resolve()
    timeout = float(env.get("LAWDB_SQLITE_BUSY_TIMEOUT", "30"))
    known = {"LAWDB_DATA_DIR", "LAWDB_DATABASE_URL", "LAWDB_INDEX_DIR", "LAWDB_FILES_DIR",
             "LAWDB_SQLITE_BUSY_TIMEOUT"}
    extra = {k: v for k, v in env.items() if k.startswith("LAWDB_") and k not in known}
    return Settings(
        data_dir=root,
        database_url=url,
        index_dir=index_dir,
        files_dir=files_dir,
        sqlite_busy_timeout=timeout,
        extra=extra,
    )
