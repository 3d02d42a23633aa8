""""More like this" answers are remembered until the index changes (the judgment page's main cost).

Found by ``benchmarks/web.py``: finding a judgment's key terms took about
nine tenths of its page's time (8 pages/s under wrk on bulk_lhc); the
answer only changes when the index does.
"""

from __future__ import annotations

from pathlib import Path

from whoosh.searching import Searcher

from lawdb.search.backend import SearchDocument
from lawdb.search.whoosh_backend import WhooshBackend


def _document(n: int, words: str) -> SearchDocument:
    return SearchDocument(id=n, version=1, kind="judgment", title=f"Case {n}",
                          pages=[f"{words} The appeal of petitioner {n} was heard by the court."],
                          court="Lahore High Court", court_abbreviation="LHC")


def test_similar_documents_are_remembered_until_the_index_changes(tmp_path: Path, monkeypatch) -> None:
    backend = WhooshBackend(tmp_path / "index")
    backend.create()
    with backend.writing(10) as session:
        session.upsert(_document(1, "narcotics recovered heroin charas chemical examiner report"))
        session.upsert(_document(2, "narcotics recovered heroin charas safe custody"))
        session.upsert(_document(3, "khula dower maintenance family court decree"))
    calls = []
    real = Searcher.key_terms_from_text
    monkeypatch.setattr(Searcher, "key_terms_from_text",
                        lambda self, *a, **k: calls.append(1) or real(self, *a, **k))

    first = backend.more_like_this(1, limit=5)
    assert first.error is None and [h.id for h in first.results][:1] == [2]
    again = backend.more_like_this(1, limit=5)
    assert [h.id for h in again.results] == [h.id for h in first.results]
    assert len(calls) == 1  # the second answer came from memory
    again.results.clear()  # a caller changing its copy changes nothing remembered
    assert [h.id for h in backend.more_like_this(1, limit=5).results] == [h.id for h in first.results]

    with backend.writing(10) as session:  # a commit: the next answer is worked out afresh
        session.upsert(_document(4, "narcotics recovered heroin charas chemical examiner report again"))
    fresh = backend.more_like_this(1, limit=5)
    assert len(calls) == 2
    assert 4 in [h.id for h in fresh.results]
    # only the current index's answers are kept (the page is seen again and again; memory is not)
    assert len(backend._similar) == 1
