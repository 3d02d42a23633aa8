"""What the web UI and API need of the search layer: long result lists for downloads
(``lawdb.search.export``), the kind of an error, and "did you mean" that keeps what was typed."""

from __future__ import annotations

import pytest

from lawdb.search.backend import SearchBackend, SearchRequest
from lawdb.search.whoosh_backend import MAX_RESULTS_DEPTH, WhooshBackend


def test_export_lists_every_hit_in_the_sort_order_without_snippets(sample_backend: WhooshBackend) -> None:
    request = SearchRequest("kind:judgment", sort="date", facets=True)
    paged = sample_backend.search(SearchRequest("kind:judgment", sort="date", page_size=100))
    exported = sample_backend.export(request)
    assert exported.error is None and exported.total == paged.total > 2
    assert [h.id for h in exported.results] == [h.id for h in paged.results]
    assert all(h.snippets == [] for h in exported.results)
    assert exported.facets == {} and exported.did_you_mean is None


def test_export_stops_at_its_limit(sample_backend: WhooshBackend) -> None:
    exported = sample_backend.export(SearchRequest("kind:judgment", sort="date_asc"), limit=2)
    assert len(exported.results) == 2 and exported.total > 2
    oldest = sample_backend.search(SearchRequest("kind:judgment", sort="date_asc", page_size=2))
    assert [h.id for h in exported.results] == [h.id for h in oldest.results]


def test_export_of_a_malformed_query_carries_the_error(sample_backend: WhooshBackend) -> None:
    exported = sample_backend.export(SearchRequest("bail AND"))
    assert exported.results == [] and "AND needs something after it" in exported.error


def test_the_interface_default_pages_through_search(sample_backend: WhooshBackend) -> None:
    # A backend without its own export gets one from the interface, bounded by what search serves.
    request = SearchRequest("kind:judgment", sort="date")
    default = SearchBackend.export(sample_backend, request, limit=3)
    assert [h.id for h in default.results] == [h.id for h in sample_backend.export(request, limit=3).results]
    assert MAX_RESULTS_DEPTH == 1000


def test_export_goes_deeper_than_search_serves(tmp_path) -> None:
    from lawdb.search.backend import SearchDocument

    backend = WhooshBackend(tmp_path / "index")
    count = MAX_RESULTS_DEPTH + 30
    backend.index_documents(SearchDocument(id=i, version=1, kind="report", title=f"Report {i}",
                                           pages=[f"bail hearing number {i}"]) for i in range(1, count + 1))
    assert backend.search(SearchRequest("bail", page=11, page_size=100)).results == []
    exported = backend.export(SearchRequest("bail"), limit=count)
    assert exported.total == count and len({h.id for h in exported.results}) == count
    assert len(backend.export(SearchRequest("bail"), limit=1005).results) == 1005


def test_errors_say_their_kind(sample_backend: WhooshBackend, tmp_path) -> None:
    # The web UI and API answer a malformed query with 400 and a missing index with 503.
    assert sample_backend.search(SearchRequest("bail AND")).error_kind == "query"
    assert sample_backend.export(SearchRequest("kind:judgement")).error_kind == "query"
    assert sample_backend.search(SearchRequest("bail")).error_kind is None
    missing = WhooshBackend(tmp_path / "no-index")
    assert missing.search(SearchRequest("bail")).error_kind == "unavailable"
    assert missing.more_like_this(1).error_kind == "unavailable"
    assert "error_kind" not in missing.search(SearchRequest("bail")).to_json()


@pytest.mark.parametrize("query, corrected", [
    ("obscne", "obscene"),
    ("(obscne AND material)", "(obscene AND material)"),
    ('<b onmouseover="x">obscne', '<b onmouseover="x">obscene'),  # the ">" before the word stays
    ("Obscne,", "Obscene,"),
])
def test_did_you_mean_replaces_only_the_misspelt_word(sample_backend: WhooshBackend, query: str,
                                                      corrected: str) -> None:
    assert sample_backend.search(SearchRequest(query)).did_you_mean == corrected
