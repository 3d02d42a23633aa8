"""Regression: the index keeps accepting small commits after Whoosh starts merging segments.

Found by the concurrency tests: a bulk import drains the outbox every few
seconds, each drain one small index commit; after about ten of them Whoosh
merges the small segments, and the merge failed with ``AssertionError:
vbytes=''`` on every later drain. Postings kept inline in the term
dictionary (``lawdb.search.codec``) for fields whose format stores no value
were read back with ``''`` (text) as their value, which Whoosh's merge
refuses; the index stopped taking new documents for good.
"""

from __future__ import annotations

from pathlib import Path

from lawdb.search import SearchRequest
from lawdb.search.backend import SearchDocument
from lawdb.search.whoosh_backend import WhooshBackend


def _document(n: int) -> SearchDocument:
    return SearchDocument(
        id=n, version=1, kind="judgment", title=f"Petitioner {n} v. The State",
        pages=[f"Criminal appeal number {n}. The learned counsel argued bail under section 302 PPC; "
               f"witness {n} was examined. Appeal dismissed."],
        court="Lahore High Court", court_abbreviation="LHC", seat="Multan Bench",
        judges=[f"Judge {n % 3}"], parties=[f"Petitioner {n}", "The State"],
        citations=[f"2024 LHC {1000 + n}"], cited=["2019 SCMR 1234"], sections=["PPC:302"],
        acts=["PPC"], outcome="dismissed", punishments=["imprisonment"])


def test_many_small_commits_merge_without_error(tmp_path: Path) -> None:
    backend = WhooshBackend(tmp_path / "index")
    backend.create()
    for n in range(1, 31):  # one commit per document, as a drain every few seconds would do
        with backend.writing(10) as session:
            session.upsert(_document(n))
    response = backend.search(SearchRequest("court:LHC", page_size=100, snippets=False))
    assert response.error is None, response.error
    assert response.total == 30
    found = backend.search(SearchRequest('"learned counsel" witness', page_size=5))
    assert found.error is None and found.total == 30
    assert backend.search(SearchRequest("id:17", snippets=False)).results[0].id == 17
