"""``lawdb backup`` and ``lawdb restore``: a consistent snapshot of a running collection.

A backup is a folder::

    DEST/
      manifest.json        versions, counts and the SHA-256 of every file below
      database.sqlite3     SQLite: taken with SQLite's online backup API
      database.pgdump      PostgreSQL: pg_dump's custom format (pg_restore reads it)
      index/CURRENT        the search index's live generation, copied whole
      index/gen-NNNNNN/
      files/ab/cd/<sha256>.pdf and .json   the originals and their sidecars

Why it is consistent while ingest, the worker and the web app go on:

1. The search index's write lock is taken first, so no outbox drain can
   change the index meanwhile (an ingest goes on; its drains find the lock
   busy and leave their rows in the outbox for later).
2. The database is copied next, in one consistent read (the backup API
   copies a snapshot; pg_dump runs in one repeatable-read transaction).
   Every document the index holds was committed before its outbox row was
   drained, so the copied database has it; documents committed but not yet
   drained have their outbox rows in the copy.
3. The index generation is copied, and the lock released.
4. The originals are copied last. An original is stored before the row that
   names it is committed, and never changes or goes away, so every original
   the copied database names is there by now.

Restore checks every checksum before it changes anything, puts the
database, originals and index back, brings the schema up to date, applies
the outbox rows the snapshot carried, and rebuilds the index from the
database if the copied one does not match it exactly (it says so).
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from lawdb import __version__, migrate
from lawdb.config import Settings
from lawdb.db import make_engine, make_session_factory
from lawdb.store import FileStore, sha256_file

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"


class BackupError(RuntimeError):
    """A backup could not be taken or restored; the message says why and what to do."""


@dataclass
class RestoreResult:
    manifest: dict[str, Any]
    originals: int = 0
    index: str = ""  #: how the index came back: "copied" or "rebuilt: <why>"
    notes: list[str] = field(default_factory=list)


def _sha256(path: Path) -> str:
    return sha256_file(path)


def _sqlite_path(url: str) -> Path:
    return Path(make_url(url).database or "")


def pg_bin(name: str) -> str:
    """Path of a PostgreSQL client program (``LAWDB_PG_BIN``, PATH, or the newest server install)."""
    folder = os.environ.get("LAWDB_PG_BIN")
    if folder and (Path(folder) / name).is_file():
        return str(Path(folder) / name)
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if found:
        return found[-1]
    on_path = shutil.which(name)
    if on_path:
        return on_path
    raise BackupError(f"{name} not found: install the PostgreSQL client (apt-get install "
                      "postgresql-client) or set LAWDB_PG_BIN to its folder")


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq URL without the password, and an environment carrying it (not on the command line)."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(args: list[str], env: dict[str, str], what: str) -> None:
    proc = subprocess.run(args, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        raise BackupError(f"{what} failed: {detail[-1] if detail else proc.returncode}")


def _copy_tree_files(src: Path, dest: Path, checksums: dict[str, str], prefix: str,
                     skip: Callable[[Path], bool] = lambda _p: False) -> None:
    for path in sorted(src.rglob("*")):
        if not path.is_file() or skip(path):
            continue
        target = dest / path.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        checksums[f"{prefix}/{path.relative_to(src).as_posix()}"] = _sha256(target)


def _counts(settings: Settings) -> dict[str, int]:
    from lawdb.models import Document, SourceFile

    engine = make_engine(settings.database_url, sqlite_busy_timeout=settings.sqlite_busy_timeout)
    try:
        with make_session_factory(engine)() as session:
            return {"documents": session.scalar(select(func.count(Document.id))) or 0,
                    "source_files": session.scalar(select(func.count(SourceFile.id))) or 0}
    finally:
        engine.dispose()


# -- backup -----------------------------------------------------------------------------------------

def backup(settings: Settings, dest: Path, *, timeout: float = 60.0,
           say: Callable[[str], None] = lambda _m: None) -> dict[str, Any]:
    """Take a consistent snapshot of the collection into the new folder ``dest``; return its manifest.

    The snapshot is written to ``<dest>.partial`` and renamed when complete,
    so a folder named ``dest`` is always a whole backup.
    """
    from lawdb.search.sync import ensure_index

    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise BackupError(f"{dest} exists and is not empty: give a new folder")
    revision = migrate.current_revision(settings.database_url)
    if revision is None:
        raise BackupError("the database has no lawdb schema: nothing to back up (lawdb init?)")
    work = dest.with_name(dest.name + ".partial")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    checksums: dict[str, str] = {}
    manifest: dict[str, Any] = {
        "format": FORMAT, "lawdb_version": __version__,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "schema_revision": revision,
    }
    backend = ensure_index(settings)
    say("taking the index lock")
    with backend.writing(timeout):
        say("copying the database")
        if settings.is_sqlite:
            source = sqlite3.connect(_sqlite_path(settings.database_url), timeout=timeout)
            target = sqlite3.connect(work / SQLITE_FILE)
            try:
                with target:
                    source.backup(target)
                target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                target.close()
                source.close()
            manifest["database"] = {"kind": "sqlite", "file": SQLITE_FILE}
            checksums[SQLITE_FILE] = _sha256(work / SQLITE_FILE)
        else:
            url, env = _libpq(settings.database_url)
            _run([pg_bin("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                  "--file", str(work / PG_FILE), url], env, "pg_dump")
            manifest["database"] = {"kind": "postgresql", "file": PG_FILE}
            checksums[PG_FILE] = _sha256(work / PG_FILE)
        live = getattr(backend, "current_path", lambda: None)()
        if live is not None:
            say("copying the search index")
            _copy_tree_files(live, work / "index" / live.name, checksums, f"index/{live.name}",
                             skip=lambda p: p.name.endswith("LOCK"))
            (work / "index" / "CURRENT").write_text(live.name, encoding="utf-8")
            manifest["index"] = {"generation": live.name,
                                 "schema_version": getattr(backend, "schema_version", lambda: None)(),
                                 "documents": backend.doc_count()}
        else:
            manifest["index"] = None
    say("copying the originals")
    store = FileStore(settings.files_dir)
    originals = []
    total = 0
    for sha in store.originals():
        target = work / "files" / store.relative_path(sha)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(store.path_for(sha), target)
        if _sha256(target) != sha:
            raise BackupError(f"the stored original {sha} does not match its SHA-256: run lawdb check")
        originals.append(sha)
        total += target.stat().st_size
        sidecar = store.sidecar_path(sha)
        if sidecar.is_file():
            rel = store.relative_path(sha, ".json")
            shutil.copy2(sidecar, work / "files" / rel)
            checksums[f"files/{rel}"] = _sha256(work / "files" / rel)
    manifest["originals"] = {"count": len(originals), "bytes": total, "sha256": originals}
    manifest["counts"] = _counts(settings)
    manifest["checksums"] = checksums
    tmp = work / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(work / MANIFEST)
    if dest.exists():
        dest.rmdir()
    work.rename(dest)
    return manifest


# -- restore ----------------------------------------------------------------------------------------

def read_manifest(src: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((Path(src) / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"{src} is not a lawdb backup (no {MANIFEST}; an interrupted backup is "
                          "left as <name>.partial)") from None
    except ValueError as exc:
        raise BackupError(f"{src}/{MANIFEST} is damaged: {exc}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"backup format {manifest.get('format')!r} is not one this lawdb reads")
    return manifest


def verify(src: Path, manifest: dict[str, Any] | None = None) -> list[str]:
    """Every file of the backup against the manifest's checksums; return what is wrong (empty: all good)."""
    src = Path(src)
    manifest = manifest or read_manifest(src)
    errors = []
    for rel, digest in manifest["checksums"].items():
        path = src / rel
        if not path.is_file():
            errors.append(f"{rel}: missing")
        elif _sha256(path) != digest:
            errors.append(f"{rel}: checksum differs")
    store = FileStore(src / "files")
    for sha in manifest["originals"]["sha256"]:
        if not store.path_for(sha).is_file():
            errors.append(f"original {sha}: missing")
        elif sha256_file(store.path_for(sha)) != sha:
            errors.append(f"original {sha}: checksum differs")
    return errors


def _collection_empty(settings: Settings) -> bool:
    if any(FileStore(settings.files_dir).originals()):
        return False
    try:
        if migrate.current_revision(settings.database_url) is None:
            return True
        return _counts(settings) == {"documents": 0, "source_files": 0}
    except Exception:  # an unreadable database is nothing worth keeping from a restore
        return True


def restore(settings: Settings, src: Path, *, replace: bool = False, timeout: float = 60.0,
            say: Callable[[str], None] = lambda _m: None) -> RestoreResult:
    """Bring back the backup in ``src`` into the collection of ``settings``.

    Refuses to overwrite a collection that has documents or originals unless
    ``replace``. Nothing is changed until every checksum has been verified.
    """
    from lawdb.search.sync import drain, get_backend, index_status, reindex

    src = Path(src)
    manifest = read_manifest(src)
    revision = manifest["schema_revision"]
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config("sqlite://"))
    try:
        script.get_revision(revision)
    except Exception:
        raise BackupError(f"the backup's schema {revision} is newer than this lawdb knows: upgrade "
                          "lawdb first") from None
    kind = manifest["database"]["kind"]
    if kind != ("sqlite" if settings.is_sqlite else "postgresql"):
        raise BackupError(f"the backup holds a {kind} database; this collection uses "
                          f"{'SQLite' if settings.is_sqlite else 'PostgreSQL'} (set --database-url)")
    say("verifying checksums")
    errors = verify(src, manifest)
    if errors:
        raise BackupError("the backup is damaged, nothing was restored: " + "; ".join(errors[:5])
                          + (f" and {len(errors) - 5} more" if len(errors) > 5 else ""))
    if not replace and not _collection_empty(settings):
        raise BackupError(f"{settings.data_dir} already holds a collection: pass --replace to "
                          "overwrite it with the backup")
    for folder in (settings.data_dir, settings.index_dir, settings.files_dir):
        folder.mkdir(parents=True, exist_ok=True)
    result = RestoreResult(manifest)

    say("restoring the database")
    if kind == "sqlite":
        target_path = _sqlite_path(settings.database_url)
        target_path.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(src / SQLITE_FILE)
        target = sqlite3.connect(target_path, timeout=timeout)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    else:
        drop_collection_tables(settings.database_url)
        url, env = _libpq(settings.database_url)
        _run([pg_bin("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
              "--single-transaction", "--dbname", url, str(src / PG_FILE)], env, "pg_restore")
    if revision != migrate.head_revision():
        migrate.upgrade(settings.database_url)
        result.notes.append(f"schema upgraded from {revision} to {migrate.head_revision()}")

    say("restoring the originals")
    store = FileStore(settings.files_dir)
    backup_store = FileStore(src / "files")
    for sha in manifest["originals"]["sha256"]:
        store.put(backup_store.path_for(sha), sha)
        sidecar = backup_store.sidecar_path(sha)
        if sidecar.is_file():
            target = store.sidecar_path(sha)
            tmp = target.with_name(target.name + ".restoring")
            shutil.copy2(sidecar, tmp)
            tmp.replace(target)
        result.originals += 1

    say("restoring the search index")
    backend = get_backend(settings)
    index_info = manifest.get("index")
    why = "the backup has no index"
    if index_info:
        _install_index(settings.index_dir, src / "index" / index_info["generation"], backend, timeout)
        engine = make_engine(settings.database_url, sqlite_busy_timeout=settings.sqlite_busy_timeout)
        try:
            factory = make_session_factory(engine)
            drain(factory, settings, timeout=timeout, backend=backend)
            status = index_status(factory, settings)
            if status["missing"] or status["stale"] or status["extra"] or status["outbox_pending"]:
                why = "the copied index did not match the database"
            else:
                why = ""
            if why:
                reindex(factory, settings, timeout=timeout)
        finally:
            engine.dispose()
    else:
        engine = make_engine(settings.database_url, sqlite_busy_timeout=settings.sqlite_busy_timeout)
        try:
            reindex(make_session_factory(engine), settings, timeout=timeout)
        finally:
            engine.dispose()
    result.index = f"rebuilt from the database ({why})" if why else "copied"
    return result


def drop_collection_tables(url: str) -> None:
    """Remove lawdb's tables (and Alembic's) so pg_restore starts from an empty schema."""
    from lawdb.models import metadata

    engine = make_engine(url)
    try:
        metadata.drop_all(engine)
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    finally:
        engine.dispose()


def _install_index(index_dir: Path, generation: Path, backend, timeout: float) -> None:
    """Copy a backed-up index generation in beside the live one and switch to it, under the lock."""
    from lawdb.search.whoosh_backend import _GEN_RE

    index_dir.mkdir(parents=True, exist_ok=True)
    with backend.writing(timeout):
        previous = getattr(backend, "current_path", lambda: None)()
        numbers = [int(m.group(1)) for p in index_dir.glob("gen-*") if (m := _GEN_RE.search(p.name))]
        target = index_dir / f"gen-{max(numbers, default=0) + 1:06d}"
        shutil.copytree(generation, target)
        tmp = index_dir / "CURRENT.tmp"
        tmp.write_text(target.name, encoding="utf-8")
        os.replace(tmp, index_dir / "CURRENT")
    keep = {target.name, previous.name if previous else ""}
    for path in index_dir.glob("gen-*"):
        if path.name not in keep and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


__all__ = ["BackupError", "RestoreResult", "backup", "drop_collection_tables", "read_manifest", "restore",
           "verify"]
