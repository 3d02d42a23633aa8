"""``lawdb rebuild``: recreate the database and the index from the stored originals alone.

The content-addressed store keeps every original with a sidecar
(:mod:`lawdb.store`): its file name, the manifest values it was imported
with, whether a password was needed, when it was first seen. A rebuild
starts a new, empty database, ingests every original again in the order
they were first seen, with their names and manifest values, and builds
the search index aside and swaps it in.

What the originals do not hold is not rebuilt: users and API tokens,
victims' names masked by hand, masking switched off by an admin, the job
queue. On SQLite the old database file is kept beside the new one
(``lawdb.sqlite3.before-rebuild-<time>``); on PostgreSQL its tables are
dropped, so take a ``lawdb backup`` first. Passwords are never stored:
encrypted originals need ``--password`` again (the summary says which).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lawdb.config import Settings
from lawdb.store import FileStore

if TYPE_CHECKING:  # the pipeline is imported when a rebuild runs, not when the CLI starts
    from ingest.manifest import Manifest
    from ingest.pipeline import IngestOptions, IngestResult, Progress


def _store_manifest(entries: dict[str, dict[str, str]]) -> Manifest:
    """A manifest whose entries are keyed by the exact store path (with the original's name)."""
    from ingest.manifest import Manifest

    class StoreManifest(Manifest):
        def lookup(self, path: Path) -> dict[str, str]:
            return dict(entries.get(path.as_posix(), {}))

        def __len__(self) -> int:
            return len(entries)

    return StoreManifest()


@dataclass
class RebuildResult:
    ingest: IngestResult
    originals: int
    without_sidecar: list[str]
    password_needed: list[str]
    kept_database: Path | None
    indexed: int


def plan(store: FileStore) -> list[tuple[str, dict]]:
    """Every original with its sidecar, in the order they were first seen."""
    items = [(sha, store.read_sidecar(sha) or {}) for sha in store.originals()]
    items.sort(key=lambda item: (item[1].get("first_seen") or "~", item[0]))
    return items


def reset_database(settings: Settings) -> Path | None:
    """Start from an empty schema; return where the old SQLite file was kept (None on PostgreSQL)."""
    from lawdb.services import setup
    from lawdb.services.backup import drop_collection_tables

    kept = None
    if settings.is_sqlite:
        from sqlalchemy.engine import make_url

        path = Path(make_url(settings.database_url).database or "")
        if path.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            kept = path.with_name(f"{path.name}.before-rebuild-{stamp}")
            try:  # fold the write-ahead log into the file, so the kept copy is one file
                with sqlite3.connect(path) as conn:
                    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.close()
            except sqlite3.DatabaseError:
                pass
            path.rename(kept)
            for suffix in ("-wal", "-shm"):
                side = path.with_name(path.name + suffix)
                if side.exists():
                    side.rename(kept.with_name(kept.name + suffix))
    else:
        drop_collection_tables(settings.database_url)
    setup.initialise(settings)
    return kept


def rebuild(settings: Settings, options: IngestOptions | None = None,
            progress: Progress | None = None) -> RebuildResult:
    """Recreate database and index from the originals and their sidecars (see the module docstring).

    Raises :class:`ingest.lock.IngestLocked` when an ingest is running into the collection.
    """
    from ingest.lock import ingest_lock
    from ingest.pipeline import IngestOptions
    from lawdb.db import make_engine

    options = options or IngestOptions()
    store = FileStore(settings.files_dir)
    items = plan(store)
    # No ingest may run meanwhile (it would write into the database being replaced): refuse at once.
    lock_engine = make_engine(settings.database_url, sqlite_busy_timeout=settings.sqlite_busy_timeout)
    try:
        with ingest_lock(lock_engine, wait=0):
            return _rebuild(settings, options, progress, store, items)
    finally:
        lock_engine.dispose()


def _rebuild(settings: Settings, options: IngestOptions, progress: Progress | None, store: FileStore,
             items: list[tuple[str, dict]]) -> RebuildResult:
    from ingest.pipeline import ingest_paths
    from lawdb.db import make_engine, make_session_factory
    from lawdb.search.sync import reindex

    kept = reset_database(settings)
    paths: list[Path] = []
    names: dict[Path, str] = {}
    entries: dict[str, dict[str, str]] = {}
    without: list[str] = []
    for sha, sidecar in items:
        path = store.path_for(sha)
        name = sidecar.get("file_name") or path.name
        if not sidecar:
            without.append(sha)
        paths.append(path)
        names[path] = name
        entry = {k: str(v) for k, v in (sidecar.get("manifest") or {}).items() if v is not None}
        if entry:
            entries[path.with_name(name).as_posix()] = entry
    engine = make_engine(settings.database_url, sqlite_busy_timeout=settings.sqlite_busy_timeout)
    try:
        factory = make_session_factory(engine)
        manifest = _store_manifest(entries)
        result = ingest_paths(factory, store, paths, replace(options, manifest=manifest), progress,
                              display_names=names)
        indexed = reindex(factory, settings)
    finally:
        engine.dispose()
    needed = [f.sha256 for f in result.files if f.code == "encrypted" and f.sha256]
    return RebuildResult(result, len(items), without, needed, kept, indexed)


@click.command("rebuild")
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
@click.option("--workers", "-j", type=click.IntRange(1, 64), default=None,
              help="Extraction processes [default: CPU count].")
@click.option("--password", help="Password for encrypted originals (passwords are never stored).")
@click.option("--no-ocr", is_flag=True, help="Never OCR (scanned pages come back empty).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_obj
def rebuild_command(obj, yes: bool, workers: int | None, password: str | None, no_ocr: bool,
                    quiet: bool) -> None:
    """Recreate the database and search index from the stored originals and their sidecars.

    Every original in the store is ingested again with the name and manifest
    values it came with. Users, API tokens and hand-made masks are not in
    the originals: on SQLite the old database file is kept aside, on
    PostgreSQL it is replaced (take a lawdb backup first). Refuses (exit
    status 3) while a lawdb ingest runs; stop the web app and workers first.

    \b
    Example:
      lawdb rebuild --yes
      lawdb rebuild --password s3cret --workers 2
    """
    import sys

    from ingest.pipeline import IngestOptions
    from ingest.progress import TerminalProgress, summary_table
    from lawdb.cli import safe_url

    if not yes:
        click.confirm(f"Replace the database {safe_url(obj.settings.database_url)} with one rebuilt "
                      f"from the originals in {obj.settings.files_dir}?", abort=True)
    options = IngestOptions(password=password, ocr=not no_ocr)
    if workers:
        options.workers = workers
    from ingest.lock import IngestLocked

    try:
        result = rebuild(obj.settings, options, None if quiet else TerminalProgress())
    except IngestLocked as exc:
        click.echo(f"lawdb: {exc}; nothing was done (stop it, then rebuild)", err=True)
        sys.exit(3)
    click.echo(summary_table(result.ingest))
    click.echo(f"originals: {result.originals}; index: {result.indexed} documents")
    if result.kept_database:
        click.echo(f"the old database is kept as {result.kept_database}")
    if result.without_sidecar:
        click.echo(f"{len(result.without_sidecar)} original(s) had no sidecar: ingested under their "
                   "hash, without manifest values")
    if result.password_needed:
        click.echo(f"{len(result.password_needed)} original(s) need a password: run lawdb ingest "
                   "--retry-failed --password ... on them")
    sys.exit(0 if result.ingest.all_ok else 1)


__all__ = ["RebuildResult", "plan", "rebuild", "rebuild_command", "reset_database"]
