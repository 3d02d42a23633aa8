"""``reindex``: built aside and swapped in, while searches go on and never see a half-built index."""

from __future__ import annotations

import threading
import time

from lawdb.search import SearchRequest, search
from lawdb.search.sync import drain_outbox, get_backend, reindex
from tests.search.conftest import add_judgment


def test_reindex_during_continuous_searching(settings, session_factory, make_judgment) -> None:
    for n in range(40):
        make_judgment(title=f"Case {n}", pages=[f"bail application number {n}", "the bail is refused"])
    drain_outbox(session_factory, settings)
    errors: list[str] = []
    totals: list[int] = []
    stop = threading.Event()

    def searching() -> None:
        while not stop.is_set():
            response = search(settings, SearchRequest("bail", facets=True, page_size=5))
            if response.error:
                errors.append(response.error)
            totals.append(response.total)
            if not response.results:
                errors.append("an empty result set")

    readers = [threading.Thread(target=searching) for _ in range(2)]
    for reader in readers:
        reader.start()
    try:
        time.sleep(0.2)
        for procs in (1, 2, 1):
            assert reindex(session_factory, settings, procs=procs) == 40
    finally:
        stop.set()
        for reader in readers:
            reader.join()
    assert errors == []
    assert totals and set(totals) == {40}
    generations = sorted(p.name for p in settings.index_dir.glob("gen-*"))
    assert len(generations) == 2  # the live one and the previous one
    assert (settings.index_dir / "CURRENT").read_text() == generations[-1]


def test_work_queued_during_a_rebuild_is_applied_after_the_swap(settings, session_factory,
                                                                make_judgment) -> None:
    make_judgment(title="Old", pages=["murder appeal"])
    drain_outbox(session_factory, settings)
    added: list[int] = []

    def progress(n: int) -> None:
        if not added:  # a document committed while the rebuild runs
            with session_factory() as session:
                document = add_judgment(session, title="New", pages=["murder reference"])
                session.commit()
                added.append(document.id)

    assert reindex(session_factory, settings, progress=progress) >= 1
    response = search(settings, SearchRequest("murder"))
    assert {h.title for h in response.results} == {"Old", "New"}
    assert drain_outbox(session_factory, settings) == 0


def test_reindex_rebuilds_from_the_database_alone(settings, session_factory, make_judgment) -> None:
    doc_id = make_judgment(title="Only in the database", pages=["compromise effected"])
    # never drained, and the index lost: a rebuild finds everything again
    assert reindex(session_factory, settings) == 1
    assert [h.id for h in search(settings, SearchRequest("compromise")).results] == [doc_id]
    assert get_backend(settings).doc_count() == 1


def test_a_big_rebuild_is_written_in_bounded_segments(tmp_path) -> None:
    from lawdb.search.backend import SearchDocument, SearchRequest
    from lawdb.search.whoosh_backend import WhooshBackend

    backend = WhooshBackend(tmp_path / "index")
    docs = [SearchDocument(i, 1, "judgment", f"Case {i}", [f"bail refused {i}"]) for i in range(1, 8)]
    assert backend.rebuild(docs, segment_docs=3) == 7
    searcher, _path = backend._searcher()
    assert len(searcher.leaf_searchers()) == 3  # 3 + 3 + 1 documents
    response = backend.search(SearchRequest("bail", page_size=10, facets=True))
    assert response.total == 7 and len({h.id for h in response.results}) == 7
