"""Creating and upgrading a lawdb data folder."""

from __future__ import annotations

from dataclasses import dataclass

from lawdb import migrate
from lawdb.config import Settings


@dataclass(frozen=True)
class InitReport:
    before: str | None
    after: str


def initialise(settings: Settings) -> InitReport:
    """Create the data, index and originals folders and migrate the database to head.

    Idempotent: an existing collection is upgraded in place, never recreated.
    """
    for folder in (settings.data_dir, settings.index_dir, settings.files_dir):
        folder.mkdir(parents=True, exist_ok=True)
    before = migrate.current_revision(settings.database_url)
    migrate.upgrade(settings.database_url)
    after = migrate.current_revision(settings.database_url)
    assert after is not None
    return InitReport(before=before, after=after)
