"""``lawdb rebuild`` recreates the collection from the stored originals and their sidecars alone,
on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from ingest.pipeline import IngestOptions
from ingest.rebuild import rebuild
from lawdb.cli import build_cli
from lawdb.models import SourceFile
from tests.reliability.crash import check, snapshot


def test_rebuild_gives_back_the_same_collection(live) -> None:
    before = snapshot(live.settings.data_dir, live.url)
    live.engine.dispose()
    result = rebuild(live.settings, IngestOptions(workers=1, ocr=False))
    assert result.ingest.all_ok and result.originals == 4 and result.indexed == 4
    assert result.without_sidecar == [] and result.password_needed == []
    if live.settings.is_sqlite:
        assert result.kept_database is not None and result.kept_database.exists()
    # Same documents, pages, parsed facts, citation links, statute versions; same manifest values.
    assert snapshot(live.settings.data_dir, live.url) == before
    report = check(live.settings.data_dir, live.url)
    assert report.ok and report.findings == [], report.render()


def test_rebuild_from_the_originals_after_the_database_is_lost(live, tmp_path: Path) -> None:
    if not live.settings.is_sqlite:
        return  # the SQLite case: the file is gone; PostgreSQL's tables are dropped by rebuild itself
    before = snapshot(live.settings.data_dir, live.url)
    live.engine.dispose()
    db = Path(live.url.removeprefix("sqlite:///"))
    for suffix in ("", "-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    result = rebuild(live.settings, IngestOptions(workers=1, ocr=False))
    assert result.kept_database is None and result.ingest.all_ok
    assert snapshot(live.settings.data_dir, live.url) == before


def test_originals_without_sidecars_come_back_under_their_hash(live) -> None:
    with live.factory() as session:
        sha = session.scalars(select(SourceFile.sha256).order_by(SourceFile.id)).first()
    live.store.sidecar_path(sha).unlink()
    live.engine.dispose()
    result = rebuild(live.settings, IngestOptions(workers=1, ocr=False))
    assert result.without_sidecar == [sha]
    with live.factory() as session:
        name = session.scalar(select(SourceFile.original_name).where(SourceFile.sha256 == sha))
    assert name == f"{sha}.pdf"
    assert check(live.settings.data_dir, live.url).ok


def test_cli_asks_first(live) -> None:
    result = CliRunner().invoke(build_cli(), ["--data-dir", str(live.settings.data_dir), "--database-url",
                                              live.url, "rebuild"], input="n\n")
    assert result.exit_code == 1 and "Aborted" in result.output
    assert check(live.settings.data_dir, live.url).findings == []


def test_rebuild_refuses_while_an_ingest_runs(live) -> None:
    from ingest.lock import IngestLocked, ingest_lock

    before = snapshot(live.settings.data_dir, live.url)
    with ingest_lock(live.engine, wait=0):  # as a running lawdb ingest holds it
        result = CliRunner().invoke(build_cli(), ["--data-dir", str(live.settings.data_dir),
                                                  "--database-url", live.url, "rebuild", "--yes"])
        assert result.exit_code == 3 and "nothing was done" in result.output
        try:
            rebuild(live.settings, IngestOptions(workers=1, ocr=False))
        except IngestLocked:
            pass
        else:
            raise AssertionError("rebuild ran beside an ingest")
    assert snapshot(live.settings.data_dir, live.url) == before
