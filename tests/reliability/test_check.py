"""``lawdb check`` finds each kind of disagreement between database, originals and index, and
``--repair`` puts right what can be put right and lists the rest, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import time
from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select, update

from lawdb.cli import build_cli
from lawdb.db import utcnow
from lawdb.models import (
    CitationMention,
    Document,
    IndexAction,
    IndexOutbox,
    ProvisionVersion,
    SourceFile,
)
from lawdb.search.backend import SearchDocument
from lawdb.search.sync import get_backend
from lawdb.services.check import find_overlaps, run_check
from lawdb.store import TEMP_PREFIX


def codes(report, *, open_only: bool = False) -> set[str]:
    return {f.code for f in report.findings if f.open or not open_only}


def test_a_fresh_collection_is_clean(live) -> None:
    report = run_check(live.factory, live.settings)
    assert report.ok, report.render()
    assert report.findings == []
    assert report.counts["documents"] == 4 and report.counts["indexed"] == 4
    assert report.counts["provision versions"] > 0 and report.counts["citation mentions"] > 0
    assert "clean" in report.render()


def _source(live, kind: str = "judgment") -> SourceFile:
    with live.factory() as session:
        return session.scalars(select(SourceFile).join(Document).where(Document.kind == kind)).first()


def test_missing_and_damaged_originals_are_listed_not_repaired(live) -> None:
    with live.factory() as session:
        sources = session.scalars(select(SourceFile).order_by(SourceFile.id)).all()
    gone, damaged, flipped = sources[0].sha256, sources[1].sha256, sources[2].sha256
    live.store.path_for(gone).unlink()
    with open(live.store.path_for(damaged), "ab") as fh:
        fh.write(b"x")
    path = live.store.path_for(flipped)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, other bytes: only hashing finds it
    path.write_bytes(bytes(data))

    report = run_check(live.factory, live.settings, repair=True)
    assert not report.ok
    by_code = {f.code: f for f in report.findings}
    assert by_code["missing_original"].ids == [gone] and not by_code["missing_original"].repaired
    assert set(by_code["corrupt_original"].ids) == {damaged, flipped}
    assert "cannot repair" in report.render()

    quick = run_check(live.factory, live.settings, verify_hashes=False)
    assert next(f for f in quick.findings if f.code == "corrupt_original").ids == [damaged]


def test_missing_sidecar_is_written_back_from_the_database(live) -> None:
    source = _source(live)
    before = live.store.read_sidecar(source.sha256)
    live.store.sidecar_path(source.sha256).unlink()
    report = run_check(live.factory, live.settings)
    assert codes(report) == {"missing_sidecar"} and not report.ok
    repaired = run_check(live.factory, live.settings, repair=True)
    assert repaired.ok and repaired.findings[0].repaired
    after = live.store.read_sidecar(source.sha256)
    assert after["file_name"] == before["file_name"] and after["manifest"] == before["manifest"]
    assert run_check(live.factory, live.settings).findings == []


def _add_raw_entry(live, document_id: int) -> None:
    """A second index entry for a document, written straight into Whoosh (no replace by id)."""
    from whoosh import index

    from lawdb.search.codec import open_writer
    from lawdb.search.documents import load_search_documents
    from lawdb.search.whoosh_backend import document_fields

    backend = get_backend(live.settings)
    with live.factory() as session:
        (document,) = load_search_documents(session, [document_id])
    writer = open_writer(index.open_dir(str(backend.current_path())))
    writer.add_document(**document_fields(document))
    writer.commit()


def test_index_missing_stale_extra_and_duplicate_entries_are_reindexed(live) -> None:
    backend = get_backend(live.settings)
    with live.factory() as session:
        ids = list(session.scalars(select(Document.id).order_by(Document.id)))
        session.execute(update(Document).where(Document.id == ids[1]).values(version=Document.version + 5))
        session.commit()
    backend.delete_documents([ids[0]])
    backend.index_documents([SearchDocument(id=999, version=1, kind="other", title="ghost", pages=["boo"])])
    _add_raw_entry(live, ids[2])

    report = run_check(live.factory, live.settings)
    found = {f.code: f.ids for f in report.findings}
    assert found == {"not_indexed": [ids[0]], "stale_in_index": [ids[1]], "extra_in_index": [999],
                     "duplicate_in_index": [ids[2]]}, report.render()
    assert all(f.repairable for f in report.findings)

    repaired = run_check(live.factory, live.settings, repair=True)
    assert repaired.ok, repaired.render()
    assert run_check(live.factory, live.settings).findings == []
    assert sorted(backend.document_ids()) == sorted(
        (d, v) for d, v in live.factory().execute(select(Document.id, Document.version)).all())


def test_outbox_work_in_progress_is_a_warning_and_stuck_work_a_problem(live) -> None:
    backend = get_backend(live.settings)
    with live.factory() as session:
        doc_id = session.scalar(select(Document.id).order_by(Document.id))
        version = session.get(Document, doc_id).version
        backend.delete_documents([doc_id])
        session.add(IndexOutbox(document_id=doc_id, action=IndexAction.UPSERT, version=version))
        session.commit()
    fresh = run_check(live.factory, live.settings)
    assert fresh.ok and codes(fresh) == {"pending_in_index"}, fresh.render()

    with live.factory() as session:
        session.execute(update(IndexOutbox).values(created_at=utcnow() - timedelta(hours=1)))
        session.commit()
    stuck = run_check(live.factory, live.settings)
    assert codes(stuck, open_only=True) == {"stuck_outbox", "not_indexed"}, stuck.render()
    repaired = run_check(live.factory, live.settings, repair=True)
    assert repaired.ok, repaired.render()
    with live.factory() as session:
        assert session.scalar(select(IndexOutbox.id)) is None
    assert run_check(live.factory, live.settings).findings == []


def test_wrong_and_missing_citation_links_are_remade(live) -> None:
    with live.factory() as session:
        linked = session.scalars(select(CitationMention).where(
            CitationMention.target_document_id.is_not(None))).all()
        assert linked, "the sample Supreme Court judgment cites the sample Lahore one"
        mention = linked[0]
        right, citing = mention.target_document_id, mention.citing_document_id
        mention.target_document_id = None
        other = session.scalars(select(CitationMention).where(CitationMention.target_document_id.is_(None),
                                                              CitationMention.id != mention.id)).first()
        other.target_document_id = citing  # a mention pointing at a document that is not the cited one
        session.commit()
    report = run_check(live.factory, live.settings)
    finding = next(f for f in report.findings if f.code == "citation_links")
    assert not report.ok and finding.repairable and citing in finding.ids and right in finding.ids

    repaired = run_check(live.factory, live.settings, repair=True)
    assert repaired.ok, repaired.render()
    with live.factory() as session:
        assert session.get(CitationMention, mention.id).target_document_id == right
        assert session.get(CitationMention, other.id).target_document_id is None
    assert run_check(live.factory, live.settings).findings == []


def test_overlapping_statute_periods_are_reported_not_repaired(live) -> None:
    with live.factory() as session:
        versions = session.execute(select(ProvisionVersion.provision_id, ProvisionVersion.id)
                                   .where(ProvisionVersion.valid_to.is_not(None))).first()
        assert versions, "the sample statute has a section amended by the sample amending Act"
        provision_id, version_id = versions
        session.get(ProvisionVersion, version_id).valid_to = None  # open-ended, overlapping its successor
        session.commit()
    report = run_check(live.factory, live.settings, repair=True)
    finding = next(f for f in report.findings if f.code == "overlapping_versions")
    assert finding.ids == [provision_id] and not finding.repairable and not report.ok


def test_page_count_and_leftover_temporaries(live) -> None:
    with live.factory() as session:
        doc = session.scalars(select(Document).order_by(Document.id)).first()
        doc.page_count += 1
        session.commit()
    sha = _source(live).sha256
    leftover = live.store.path_for(sha).with_name(f"{TEMP_PREFIX}abc")
    leftover.write_bytes(b"half a file")
    report = run_check(live.factory, live.settings)
    assert codes(report) == {"page_count_mismatch", "leftover_temporary"}
    assert run_check(live.factory, live.settings, repair=True) and leftover.exists()  # young: kept
    old = time.time() - 3600
    os.utime(leftover, (old, old))
    run_check(live.factory, live.settings, repair=True)
    assert not leftover.exists()


def test_find_overlaps_table() -> None:
    from datetime import date

    d = date
    assert find_overlaps([(1, 1, None, d(2020, 1, 1)), (1, 2, d(2020, 1, 1), None)]) == []  # half-open: touch
    assert find_overlaps([(1, 1, None, d(2020, 1, 2)), (1, 2, d(2020, 1, 1), None)]) == [1]
    assert find_overlaps([(2, 1, None, None), (2, 2, d(2020, 1, 1), None)]) == [2]  # open end
    assert find_overlaps([(3, 1, None, d(2019, 1, 1)), (3, 2, None, d(2020, 1, 1))]) == [3]  # two starts
    assert find_overlaps([(4, 1, d(2021, 1, 1), None), (4, 2, d(2019, 1, 1), d(2021, 1, 1))]) == []  # order
    assert find_overlaps([(5, 1, d(2019, 1, 1), d(2022, 1, 1)), (6, 2, d(2020, 1, 1), None)]) == []


def test_cli_exit_status_report_and_json(live) -> None:
    runner = CliRunner()
    cli = build_cli()
    base = ["--data-dir", str(live.settings.data_dir), "--database-url", live.url]
    clean = runner.invoke(cli, [*base, "check"])
    assert clean.exit_code == 0, clean.output
    assert "clean: database, originals and index agree" in clean.output

    live.store.sidecar_path(_source(live).sha256).unlink()
    broken = runner.invoke(cli, [*base, "check", "--json"])
    assert broken.exit_code == 1
    data = json.loads(broken.output)
    assert data["ok"] is False and data["problems"] == 1
    assert data["findings"][0]["code"] == "missing_sidecar" and data["findings"][0]["repairable"]

    fixed = runner.invoke(cli, [*base, "check", "--repair"])
    assert fixed.exit_code == 0, fixed.output
    assert "repaired: [originals]" in fixed.output and "repair: wrote 1 sidecar(s)" in fixed.output


@pytest.mark.parametrize("command", ["check", "backup", "restore", "rebuild"])
def test_help_has_an_example(command: str) -> None:
    result = CliRunner().invoke(build_cli(), [command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output
