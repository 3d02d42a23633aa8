"""``lawdb backup`` / ``lawdb restore`` round trips on SQLite and PostgreSQL, refuse damage, and take
a consistent snapshot of a collection that an ingest is writing to."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from lawdb.cli import build_cli
from lawdb.config import Settings, load_settings
from lawdb.db import make_engine, make_session_factory
from lawdb.models import Document
from lawdb.search import SearchRequest, search
from lawdb.services.backup import BackupError, backup, restore, verify
from lawdb.store import FileStore
from tests.reliability.crash import LAWDB, check, clean_env, snapshot


def cli(settings: Settings, *args: str):
    result = CliRunner().invoke(build_cli(), ["--data-dir", str(settings.data_dir), "--database-url",
                                              settings.database_url, *args])
    return result


def export(settings: Settings, tmp: Path) -> str:
    out = tmp / f"export-{time.monotonic_ns()}.jsonl"
    result = cli(settings, "export", "--format", "jsonl", "--with-text", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def elsewhere(live, tmp_path: Path, request: pytest.FixtureRequest) -> Settings:
    """An empty collection in a new data folder with a new database of the same kind."""
    url = None
    if not live.settings.is_sqlite:
        server = request.getfixturevalue("postgres_server")
        name = server.create_database()
        request.addfinalizer(lambda: server.drop_database(name))
        url = server.url_for(name)
    return load_settings(tmp_path / "restored", database_url=url, env={})


def test_round_trip_gives_the_same_export(live, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    before = export(live.settings, tmp_path)
    assert before.count("\n") == 4
    taken = cli(live.settings, "backup", str(tmp_path / "bk"))
    assert taken.exit_code == 0, taken.output
    manifest = json.loads((tmp_path / "bk" / "manifest.json").read_text())
    assert manifest["counts"] == {"documents": 4, "source_files": 4}
    assert manifest["originals"]["count"] == 4 and manifest["index"]["documents"] == 4
    assert manifest["schema_revision"] and manifest["lawdb_version"]
    assert manifest["database"]["kind"] == ("sqlite" if live.settings.is_sqlite else "postgresql")
    assert manifest["database"]["file"] in manifest["checksums"]
    assert verify(tmp_path / "bk") == []

    target = elsewhere(live, tmp_path, request)
    restored = cli(target, "restore", str(tmp_path / "bk"))
    assert restored.exit_code == 0, restored.output
    assert "index copied" in restored.output
    assert export(target, tmp_path) == before
    report = check(target.data_dir, target.database_url)
    assert report.ok and report.findings == [], report.render()
    hits = search(target, SearchRequest("Kashif Mehmood"))
    assert hits.total == search(live.settings, SearchRequest("Kashif Mehmood")).total == 2
    assert snapshot(target.data_dir, target.database_url) == snapshot(live.settings.data_dir, live.url)


def test_damaged_backup_and_a_non_empty_target_are_refused(live, tmp_path: Path,
                                                            request: pytest.FixtureRequest) -> None:
    backup(live.settings, tmp_path / "bk")
    with pytest.raises(BackupError, match="not empty"):
        backup(live.settings, tmp_path / "bk")
    # Restoring over the collection it came from needs --replace.
    refused = cli(live.settings, "restore", str(tmp_path / "bk"))
    assert refused.exit_code == 1 and "--replace" in refused.output
    replaced = cli(live.settings, "restore", str(tmp_path / "bk"), "--replace")
    assert replaced.exit_code == 0, replaced.output

    store = FileStore(tmp_path / "bk" / "files")
    sha = next(store.originals())
    path = store.path_for(sha)
    data = bytearray(path.read_bytes())
    data[100] ^= 0x01
    path.write_bytes(bytes(data))
    verified = cli(live.settings, "restore", str(tmp_path / "bk"), "--verify-only")
    assert verified.exit_code == 1 and "backup damaged" in verified.output
    target = elsewhere(live, tmp_path, request)
    with pytest.raises(BackupError, match="damaged, nothing was restored"):
        restore(target, tmp_path / "bk")
    assert not any(FileStore(target.files_dir).originals())


def test_a_backup_without_index_is_restored_with_a_rebuilt_one(live, tmp_path: Path,
                                                               request: pytest.FixtureRequest) -> None:
    manifest = backup(live.settings, tmp_path / "bk")
    shutil.rmtree(tmp_path / "bk" / "index")
    manifest["index"] = None
    manifest["checksums"] = {k: v for k, v in manifest["checksums"].items() if not k.startswith("index/")}
    (tmp_path / "bk" / "manifest.json").write_text(json.dumps(manifest))
    target = elsewhere(live, tmp_path, request)
    result = restore(target, tmp_path / "bk")
    assert result.index.startswith("rebuilt from the database")
    assert check(target.data_dir, target.database_url).findings == []


def _documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM document").fetchone()[0]
    except sqlite3.OperationalError:  # no tables yet
        return 0


def test_backup_while_an_ingest_runs_is_consistent(shared_dir: Path, tmp_path: Path) -> None:
    """Snapshots taken while ``lawdb ingest`` commits documents restore to clean collections."""
    files = sorted((shared_dir / "corpus" / "bulk_lhc").glob("*.pdf"))[:12]
    data = tmp_path / "data"
    settings = load_settings(data, env={})
    proc = subprocess.Popen([LAWDB, "--data-dir", str(data), "ingest", *map(str, files), "--workers", "1",
                             "--no-ocr", "--quiet"], env=clean_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    snapshots = []
    try:
        deadline = time.monotonic() + 300
        while proc.poll() is None and time.monotonic() < deadline:
            if _documents(data / "lawdb.sqlite3") >= 1:  # the schema is complete, work is under way
                backup(settings, tmp_path / f"bk{len(snapshots)}")
                snapshots.append(tmp_path / f"bk{len(snapshots)}")
            time.sleep(0.5)
    finally:
        proc.wait(timeout=300)
    assert proc.returncode in (0, 1), proc.stderr.read()
    assert len(snapshots) >= 2, "the ingest finished before two backups could be taken"
    engine = make_engine(settings.database_url)
    with make_session_factory(engine)() as session:
        final = session.scalar(select(func.count(Document.id)))
    engine.dispose()
    counts = []
    final_snapshot = snapshot(data, None)
    final_records = {r["id"]: r for r in final_snapshot["documents"]}
    final_hashes = set(final_snapshot["sidecars"])
    for n, bk in enumerate(snapshots):
        target = load_settings(tmp_path / f"restored{n}", env={})
        restore(target, bk)
        report = check(target.data_dir, None)
        assert report.ok, report.render()
        # Originals are copied after the database, so files an ingest was storing meanwhile come
        # along unrecorded: real originals of the collection, which a later ingest or rebuild records.
        for finding in report.findings:
            assert finding.code == "unrecorded_original", report.render()
            assert set(finding.ids) <= final_hashes
        restored = snapshot(target.data_dir, None)["documents"]
        counts.append(len(restored))
        for record in restored:  # every document is whole, and as the finished ingest has it
            assert record == final_records[record["id"]]
    assert counts == sorted(counts) and counts[-1] <= final
    assert counts[0] < final, "every snapshot was taken after the ingest had finished"
