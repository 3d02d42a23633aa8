"""Keeping the index in step with the database, on SQLite and PostgreSQL: the outbox drain."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from datetime import date

from sqlalchemy import delete, func, select

from lawdb.models import Document, IndexAction, IndexOutbox
from lawdb.search import SearchRequest, search
from lawdb.search.backend import IndexLocked
from lawdb.search.documents import load_search_documents
from lawdb.search.sync import drain, drain_outbox, get_backend, index_status
from lawdb.services.indexing import queue_delete, queue_upsert


def found(settings, query: str, **options) -> list[int]:
    response = search(settings, SearchRequest(query, page_size=50, **options))
    assert response.error is None, response.error
    return [hit.id for hit in response.results]


def pending(session_factory) -> int:
    with session_factory() as session:
        return session.scalar(select(func.count(IndexOutbox.id)))


def test_drain_indexes_what_was_committed(settings, session_factory, make_judgment) -> None:
    first = make_judgment(title="Nazar Hussain v. The State", pages=["obscene material", "benefit of doubt"])
    second = make_judgment(title="Ali v. State", pages=["bail refused"])
    assert pending(session_factory) == 2
    assert drain_outbox(session_factory, settings) == 2
    assert pending(session_factory) == 0
    assert found(settings, "obscene") == [first]
    assert found(settings, "bail") == [second]
    assert drain_outbox(session_factory, settings) == 0
    assert get_backend(settings).doc_count() == 2


def test_the_search_document_carries_the_judgment_facts(settings, session_factory, make_judgment) -> None:
    doc_id = make_judgment(
        title="Nazar Hussain v. The State", pages=["page one", "page two"], court="Lahore High Court",
        seat="Multan Bench", decided=date(2024, 9, 12), judges=["Sadiq Mahmud Khurram"],
        citation="2024 LHC 6559", mentions=["2019 SCMR 1234"], sections=[("PPC", "292C")],
        parties=["Nazar Hussain", "The State"], case=("Crl.A. 964-J/2023", "Crl.A.", 964, "J", 2023))
    with session_factory() as session:
        (doc,) = load_search_documents(session, [doc_id])
    assert (doc.court, doc.seat, doc.date) == ("Lahore High Court", "Multan Bench", date(2024, 9, 12))
    assert doc.judges == ["Sadiq Mahmud Khurram"] and doc.parties == ["Nazar Hussain", "The State"]
    assert doc.citations == ["2024 LHC 6559"] and doc.cited == ["2019 SCMR 1234"]
    assert doc.sections == ["PPC:292C"] and "PPC" in doc.acts
    assert doc.case_numbers[0].number == 964 and doc.pages == ["page one", "page two"]
    drain_outbox(session_factory, settings)
    for query in ("court:LHC", "seat:Multan", "judge:Khurram", '"2024 LHC 6559"', 'cites:"2019 SCMR 1234"',
                  "section:292-C", "Crl.A. 964-J/2023", "year:2024", 'party:"Nazar Hussain"'):
        assert found(settings, query) == [doc_id], query


CRASH = textwrap.dedent("""
    import os, sys
    from lawdb.config import load_settings
    from lawdb.db import make_engine, make_session_factory
    import lawdb.search.sync as sync
    import lawdb.search.whoosh_backend as wb

    where = sys.argv[3]
    if where == "before-index-commit":
        wb._WhooshSession.commit = lambda self: os._exit(9)
    else:
        sync._remove_rows = lambda *a, **k: os._exit(9)
    settings = load_settings(sys.argv[1], database_url=sys.argv[2])
    sync.drain_outbox(make_session_factory(make_engine(settings.database_url)), settings)
    sys.exit(0)
""")


def crash_while_draining(settings, where: str) -> None:
    args = [sys.executable, "-c", CRASH, str(settings.data_dir), settings.database_url, where]
    result = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert result.returncode == 9, result.stderr


def test_a_crash_before_the_index_commit_is_repaired_by_the_next_drain(settings, session_factory,
                                                                       make_judgment) -> None:
    doc_id = make_judgment(title="A v. B", pages=["confession retracted"])
    crash_while_draining(settings, "before-index-commit")
    assert found(settings, "confession") == []
    assert pending(session_factory) == 1
    assert drain_outbox(session_factory, settings) == 1  # the next run
    assert found(settings, "confession") == [doc_id]


def test_a_crash_after_the_index_commit_reapplies_harmlessly(settings, session_factory,
                                                             make_judgment) -> None:
    doc_id = make_judgment(title="A v. B", pages=["confession retracted"])
    crash_while_draining(settings, "after-index-commit")
    assert found(settings, "confession") == [doc_id]
    assert pending(session_factory) == 1  # the rows were not removed
    assert drain_outbox(session_factory, settings) == 1
    assert pending(session_factory) == 0
    assert found(settings, "confession") == [doc_id] and get_backend(settings).doc_count() == 1


def test_versions_are_indexed_and_stale_rows_skipped(settings, session_factory, make_judgment) -> None:
    doc_id = make_judgment(title="A v. B", pages=["first text"])
    drain_outbox(session_factory, settings)
    with session_factory() as session:
        document = session.get(Document, doc_id)
        document.version = 2
        document.pages[0].text = "second text"
        queue_upsert(session, document)
        session.commit()
    assert drain(session_factory, settings).upserted == 1
    assert dict(get_backend(settings).document_ids()) == {doc_id: 2}
    assert found(settings, "second") == [doc_id] and found(settings, "first") == []
    with session_factory() as session:  # an old row, e.g. re-read after a crash
        session.add(IndexOutbox(document_id=doc_id, action=IndexAction.UPSERT, version=1))
        session.commit()
    result = drain(session_factory, settings)
    assert (result.rows, result.skipped, result.upserted) == (1, 1, 0)
    assert dict(get_backend(settings).document_ids()) == {doc_id: 2}


def test_deletes(settings, session_factory, make_judgment) -> None:
    keep = make_judgment(title="Keep", pages=["murder compromise"])
    gone = make_judgment(title="Gone", pages=["murder appeal"])
    drain_outbox(session_factory, settings)
    with session_factory() as session:
        session.execute(delete(Document).where(Document.id == gone))
        queue_delete(session, gone)
        session.commit()
    assert drain(session_factory, settings).deleted == 1
    assert found(settings, "murder") == [keep]
    # an upsert queued for a document deleted since is a delete
    with session_factory() as session:
        session.add(IndexOutbox(document_id=keep, action=IndexAction.UPSERT, version=1))
        session.execute(delete(Document).where(Document.id == keep))
        session.commit()
    drain_outbox(session_factory, settings)
    assert found(settings, "murder") == [] and get_backend(settings).doc_count() == 0


def test_victims_names_never_reach_the_index(settings, session_factory, make_judgment) -> None:
    masked = make_judgment(title="State v. Ayesha Bibi's abuser", parties=["Ayesha Bibi", "Zahid"],
                           pages=["The victim Ayesha Bibi, aged 9, was abused.", "Ayesha deposed in court."],
                           masked=["Ayesha Bibi"])
    assert drain_outbox(session_factory, settings) == 1
    assert found(settings, "Ayesha") == []
    assert found(settings, 'party:"Ayesha Bibi"') == []
    response = search(settings, SearchRequest("abused OR deposed", document_id=masked))
    text = " ".join(s.html for h in response.results for s in h.snippets)
    assert "[victim]" in text and "Ayesha" not in text
    assert "Ayesha" not in response.results[0].title
    stored = " ".join(get_backend(settings).pages(masked))
    assert "Ayesha" not in stored and stored.count("[victim]") == 2
    assert found(settings, "victim abused") == [masked]
    # masking turned off by an admin: the name is searchable again after reindexing the document
    with session_factory() as session:
        document = session.get(Document, masked)
        document.masking_enabled = False
        queue_upsert(session, document)
        session.commit()
    drain_outbox(session_factory, settings)
    assert found(settings, "Ayesha") == [masked]


def test_cited_by_counts_follow_citing_documents(settings, session_factory, make_judgment) -> None:
    cited = make_judgment(title="Cited case", pages=["principles of sentencing"], citation="2019 SCMR 1234")
    drain_outbox(session_factory, settings)

    def cited_by() -> int:
        hits = search(settings, SearchRequest("sentencing", sort="cited")).results
        return next(h.cited_by for h in hits if h.id == cited)

    assert cited_by() == 0
    citing = make_judgment(title="Citing case", pages=["sentencing as in 2019 SCMR 1234"],
                           mentions=["2019 SCMR 1234"])
    result = drain(session_factory, settings)
    assert result.targets == 1  # the cited document was re-indexed with its new count
    assert cited_by() == 1
    assert found(settings, "sentencing", sort="cited")[0] == cited
    with session_factory() as session:
        session.execute(delete(Document).where(Document.id == citing))
        queue_delete(session, citing)
        session.commit()
    drain_outbox(session_factory, settings)
    assert cited_by() == 0


def test_a_busy_index_leaves_the_rows_for_later(settings, session_factory, make_judgment) -> None:
    backend = get_backend(settings)
    backend.create()
    doc_id = make_judgment(title="A v. B", pages=["juvenile bail"])
    holding, release = threading.Event(), threading.Event()

    def writer() -> None:
        with backend.writing(timeout=5):
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    holding.wait(5)
    try:
        assert drain_outbox(session_factory, settings, timeout=0.2) == 0
        assert pending(session_factory) == 1
        try:
            backend.index_documents([], timeout=0.1)
        except IndexLocked as exc:
            assert "being written by another process" in str(exc)
        else:
            raise AssertionError("a second writer got the lock")
    finally:
        release.set()
        thread.join()
    assert drain_outbox(session_factory, settings) == 1
    assert found(settings, "juvenile") == [doc_id]


def test_a_reader_sees_documents_committed_after_it_opened(settings, session_factory, make_judgment) -> None:
    make_judgment(title="First", pages=["ossification test"])
    drain_outbox(session_factory, settings)
    assert len(found(settings, "ossification")) == 1  # this thread's searcher is now open
    make_judgment(title="Second", pages=["ossification again"])
    drain_outbox(session_factory, settings)
    assert len(found(settings, "ossification")) == 2


def test_index_status(settings, session_factory, make_judgment) -> None:
    one = make_judgment(title="One", pages=["text"])
    drain_outbox(session_factory, settings)
    two = make_judgment(title="Two", pages=["text"])
    status = index_status(session_factory, settings)
    assert status["missing"] == [two] and status["outbox_pending"] and status["indexed"] == 1
    with session_factory() as session:
        session.get(Document, one).version = 5
        session.commit()
    assert index_status(session_factory, settings)["stale"] == [one]


def test_the_drainer_callback_drains_in_batches(settings, session_factory, make_judgment) -> None:
    from lawdb.search import Drainer

    drainer = Drainer(session_factory, settings, every=2, seconds=3600)
    first = make_judgment(title="One", pages=["recovery memo"])
    drainer()
    assert pending(session_factory) == 1  # not yet: every 2 commits
    make_judgment(title="Two", pages=["recovery witness"])
    drainer()
    assert pending(session_factory) == 0
    assert first in found(settings, "recovery")
    make_judgment(title="Three", pages=["recovery"])
    assert drainer.flush() == 1
