"""Searching the sample collection: ranking, sorting, facets, snippets, pages, the extras."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest

from lawdb.search.backend import SearchDocument, SearchRequest
from lawdb.search.whoosh_backend import WhooshBackend


def ids(backend: WhooshBackend, query: str, **options) -> list[int]:
    response = backend.search(SearchRequest(query, page_size=50, **options))
    assert response.error is None, response.error
    return [hit.id for hit in response.results]


FINDS = [
    # (query, documents that must be found, documents that must not)
    ("obscene", {1, 6, 11}, {2, 4}),
    ("obscene AND material", {1, 6}, {11}),
    ("obscene NOT mobile", {6, 11}, {1}),
    ("rape -acquitted", {7}, {4}),
    ('"benefit of doubt"', {1}, set()),
    ('"benefit doubt"', set(), {1}),  # stop words keep their place: no phrase jumps over "of"
    ('"obscene material"~3', {1, 6}, set()),
    ('"material obscene"~3', {1, 6}, set()),  # proximity is in either order
    ('"videos recovered"~0', set(), {1}),  # "videos were recovered": one word between them
    ('"videos recovered"~1', {1}, set()),
    ('"recovered videos"~1', {1}, set()),
    ("porn*", {2, 6, 7}, set()),
    ("pornogr?phy", {2, 6, 7}, set()),
    ("raep~1", {4, 7}, set()),
    ("convicted", {1}, set()),  # stemming: "convicted" is "convict"
    ("court:LHC", {1, 2, 9}, {3, 10}),
    ("court:Multan", {1, 9}, {2}),
    ("court:SC", {3, 4, 5, 8}, {1}),
    ('judge:"Justice Sadiq Mahmud Khurram"', {1, 9}, {2}),
    ("judge:Khurram", {1, 9}, set()),
    ('judge:"Mahmud Sadiq"', set(), {1}),  # names are phrases
    ('party:"Nazar Hussain"', {1}, {2}),
    ("kind:statute", {6, 7}, {1}),
    ("statute:PECA", {2, 3, 6}, {1}),
    ("section:PECA:22", {2}, {3}),
    ("section:292-C", {1}, {2}),
    ("year:2020..2024", {1, 2, 3, 9, 10, 11}, {4, 5}),
    ("date:[2023-01-01 TO 2023-06-30]", {2}, {1}),
    ("date:[2024-02-02 TO 2024-02-02]", {9}, {1}),
    ("date:2024", {1, 9}, {2}),
    ('cites:"2019 SCMR 1234"', {1, 2}, {4}),
    ("cites:4", {1, 2}, {3}),
    ('citedby:"2024 LHC 6559"', {4, 5}, {1, 2}),
    ('citation:"PLD 2015 SC 396"', {5}, {1}),
    ('case:"964-J/2023"', {1}, set()),
    ('case:"Crl.A. No. 964-J of 2023"', {1}, set()),
    ("outcome:acquitted", {4}, set()),
    ("punishment:fine", {1}, {10}),
    ("lang:ur", {8}, {1}),
    ("PECA", {2, 3, 6}, set()),  # the abbreviation finds the name written out ...
    ("Prevention of Electronic Crimes Act", {2, 3, 6}, set()),  # ... and the name the abbreviation
    ("u/s 302 PPC", {10}, {1}),
    ("section 21 PECA", {2}, set()),
    ("FIR", {2, 4}, set()),
    ("first information report", {2, 4}, set()),
    ("ضمانت", {8}, set()),
    ("پاکستان", {8}, set()),  # indexed with the Arabic kaf (پاكستان)
    ("ملزم", {8}, set()),  # indexed with a diacritic (مُلزم)
    ('"نابالغ ملزم"', {8}, set()),
    ("bail", {2, 3, 9}, set()),
    ("bail", set(), {6}),
]


@pytest.mark.parametrize("query, found, not_found", FINDS)
def test_finds(sample_backend: WhooshBackend, query: str, found: set[int], not_found: set[int]) -> None:
    result = set(ids(sample_backend, query))
    assert found <= result, f"{query!r} missed {found - result}"
    assert not (not_found & result), f"{query!r} wrongly found {not_found & result}"


FIRST = [
    # pasting a citation or a case number alone finds that judgment first
    ("2019 SCMR 1234", 4),
    ("PLD 2015 SC 396", 5),
    ("P.L.D. 2015 Supreme Court 396", 5),
    ("2024 LHC 6559", 1),
    ("[2023] SCP 15", 3),
    ("Criminal Appeal No. 964-J of 2023", 1),
    ("Crl.A. 964-J/2023", 1),
    ("Crl. Misc. No. 1629-B of 2024", 9),
    ("Criminal Petition No. 1251 of 2022", 3),
    ("Mukhtar Mai", 4),
    ("hostile", 11),  # the title counts more
]


@pytest.mark.parametrize("query, first", FIRST)
def test_ranks_first(sample_backend: WhooshBackend, query: str, first: int) -> None:
    assert ids(sample_backend, query)[:1] == [first]


def test_field_filters_do_not_change_scores(sample_backend: WhooshBackend) -> None:
    plain = sample_backend.search(SearchRequest("obscene")).results
    filtered = sample_backend.search(SearchRequest("obscene court:LHC")).results
    score = {h.id: h.score for h in plain}
    assert [h.id for h in filtered] == [1]
    assert filtered[0].score == pytest.approx(score[1])


def test_sorting(sample_backend: WhooshBackend) -> None:
    newest = sample_backend.search(SearchRequest("kind:judgment", sort="date", page_size=20)).results
    dates = [h.date for h in newest]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2024-09-12"
    assert all(h.score is None for h in newest)
    oldest = sample_backend.search(SearchRequest("kind:judgment", sort="date_asc", page_size=20)).results
    assert [h.date for h in oldest] == sorted(dates)
    cited = sample_backend.search(SearchRequest("kind:judgment", sort="cited", page_size=3)).results
    assert [h.id for h in cited[:2]] == [4, 5] and [h.cited_by for h in cited[:2]] == [2, 1]
    bad = sample_backend.search(SearchRequest("bail", sort="popularity"))
    assert bad.error and "sort is one of" in bad.error


def test_total_and_pagination(sample_backend: WhooshBackend) -> None:
    everything = ids(sample_backend, "year:1800..2100")
    assert len(everything) == 11
    pages = [sample_backend.search(SearchRequest("year:1800..2100", page=p, page_size=4)) for p in (1, 2, 3)]
    assert [r.total for r in pages] == [11, 11, 11]
    assert [len(r.results) for r in pages] == [4, 4, 3]
    seen = [h.id for r in pages for h in r.results]
    assert sorted(seen) == sorted(everything) and len(set(seen)) == 11
    beyond = sample_backend.search(SearchRequest("year:1800..2100", page=4, page_size=4))
    assert beyond.total == 11 and beyond.results == []
    counted = sample_backend.search(SearchRequest("obscene", page_size=0))
    assert counted.total == 3 and counted.results == []


def test_facets_count_all_matches(sample_backend: WhooshBackend) -> None:
    response = sample_backend.search(SearchRequest("kind:judgment", facets=True, page_size=1))
    facets = {name: {v["value"]: v["count"] for v in values} for name, values in response.facets.items()}
    assert facets["kind"] == {"judgment": 8}
    assert facets["court"] == {"Supreme Court of Pakistan": 4, "Lahore High Court": 3, "Sindh High Court": 1}
    assert facets["year"]["2024"] == 2
    assert list(facets["year"]) == sorted(facets["year"], reverse=True)  # years newest first
    assert facets["section"]["PPC:376"] == 2 and facets["section"]["PECA:22"] == 1
    assert facets["judge"]["Sadiq Mahmud Khurram"] == 2
    assert sample_backend.facets("obscene", ["kind"]) == {
        "kind": [{"value": "judgment", "count": 1}, {"value": "other", "count": 1},
                 {"value": "statute", "count": 1}]}


def test_snippets_name_their_page_and_mark_the_hits(sample_backend: WhooshBackend) -> None:
    hit = sample_backend.search(SearchRequest("id:1 recovered")).results[0]
    assert [s.page for s in hit.snippets] == [2]
    assert "<mark>recovered</mark> from his mobile phone" in hit.snippets[0].html
    phrase = sample_backend.search(SearchRequest('"in default of payment"')).results[0]
    assert phrase.snippets[0].page == 3
    assert "<mark>in default of payment</mark>" in phrase.snippets[0].html
    stems = sample_backend.search(SearchRequest("convicted")).results[0]
    assert "<mark>convicted</mark>" in stems.snippets[0].html
    urdu = sample_backend.search(SearchRequest("پاکستان")).results[0]
    assert "<mark>پاكستان</mark>" in urdu.snippets[0].html  # marked as written in the document
    fields_only = sample_backend.search(SearchRequest("court:SHC")).results[0]
    assert fields_only.snippets[0].page == 1 and "<mark>" not in fields_only.snippets[0].html


def test_snippets_are_escaped_text_with_marks_only(sample_backend: WhooshBackend) -> None:
    hit = sample_backend.search(SearchRequest("obscene indecent")).results[0]
    assert hit.id == 11
    snippet = hit.snippets[0].html
    tags = re.findall(r"<[^>]*>", snippet)
    assert set(tags) <= {"<mark>", "</mark>"}
    assert "&lt;script&gt;" in snippet and "&lt;img" in snippet and "&amp;" in snippet
    assert html.unescape(re.sub(r"</?mark>", "", snippet)).startswith('<script>alert("x")</script>')
    assert hit.title == "A <b>hostile</b> page"  # titles are data; the UI escapes them


def test_search_within_one_document(sample_backend: WhooshBackend) -> None:
    response = sample_backend.search(SearchRequest("obscene OR fine OR appellant", document_id=1))
    assert [h.id for h in response.results] == [1]
    assert [s.page for s in response.results[0].snippets] == [1, 2, 3]  # every page with a hit, in order
    other = sample_backend.search(SearchRequest("obscene", document_id=2))
    assert other.total == 0


def test_more_like_this(sample_backend: WhooshBackend) -> None:
    similar = sample_backend.more_like_this(2)
    assert similar.error is None
    found = [h.id for h in similar.results]
    assert 2 not in found
    assert found and set(found[:3]) & {3, 6}  # the other PECA documents
    assert sample_backend.more_like_this(999).error


def test_did_you_mean(sample_backend: WhooshBackend) -> None:
    response = sample_backend.search(SearchRequest("obscne material"))
    assert response.total == 0 and response.did_you_mean == "obscene material"
    assert sample_backend.search(SearchRequest("Compromize")).did_you_mean == "Compromise"
    assert sample_backend.search(SearchRequest("obscene")).did_you_mean is None
    assert sample_backend.suggest("pornografy") == "pornography"
    assert sample_backend.search(SearchRequest("xqzvw")).did_you_mean is None


def test_filters_are_anded(sample_backend: WhooshBackend) -> None:
    response = sample_backend.search(SearchRequest("obscene",
                                                   filters=['court:"Lahore High Court"', "year:2024"]))
    assert [h.id for h in response.results] == [1]
    bad = sample_backend.search(SearchRequest("obscene", filters=["court:"]))
    assert bad.error


def test_a_search_out_of_time_is_partial_not_an_error(sample_backend: WhooshBackend) -> None:
    response = sample_backend.search(SearchRequest("year:1800..2100", time_limit=0.0, facets=True))
    assert response.error is None
    assert response.partial is True


def test_results_carry_document_facts(sample_backend: WhooshBackend) -> None:
    hit = sample_backend.search(SearchRequest("2024 LHC 6559")).results[0]
    assert (hit.id, hit.kind, hit.court, hit.seat, hit.date) == (1, "judgment", "Lahore High Court",
                                                                 "Multan Bench", "2024-09-12")
    assert hit.citations == ["2024 LHC 6559"] and hit.version == 1 and hit.score > 0


@pytest.fixture
def wide_backend(tmp_path) -> WhooshBackend:
    backend = WhooshBackend(tmp_path / "index")
    words = [f"ab{chr(97 + i // 26)}{chr(97 + i % 26)}xy" for i in range(120)]
    backend.index_documents(SearchDocument(i + 1, 1, "judgment", f"Doc {i}", [f"{w} common text"],
                                           date=date(2020, 1, 1)) for i, w in enumerate(words))
    return backend


def test_prefix_expansion_is_bounded_and_says_so(wide_backend: WhooshBackend) -> None:
    response = wide_backend.search(SearchRequest("ab*", page_size=0))
    assert response.error is None
    assert response.total == 48
    assert response.warnings and "only the 48 most frequent" in response.warnings[0]
    narrow = wide_backend.search(SearchRequest("abaa*"))
    assert narrow.total == 1 and not narrow.warnings


def test_a_query_of_filters_only_lists_the_newest_first(sample_backend: WhooshBackend) -> None:
    hits = sample_backend.search(SearchRequest("court:LHC")).results
    assert [h.date for h in hits] == ["2024-09-12", "2024-02-02", "2023-05-10"]
    assert all(h.score is None for h in hits)
    scored = sample_backend.search(SearchRequest("court:LHC bail")).results
    assert scored and all(h.score for h in scored)


def test_an_internal_failure_is_a_message_not_an_exception(sample_backend: WhooshBackend, monkeypatch,
                                                           caplog) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(WhooshBackend, "_rank", broken)
    response = sample_backend.search(SearchRequest("bail"))
    assert response.error and "internal error" in response.error and response.results == []
    assert "disk on fire" in caplog.text


def test_undated_documents_sort_last(tmp_path) -> None:
    backend = WhooshBackend(tmp_path / "index")
    backend.index_documents([
        SearchDocument(1, 1, "statute", "Undated Act", ["bail provisions"]),
        SearchDocument(2, 1, "judgment", "Old", ["bail refused"], date=date(2001, 1, 1)),
        SearchDocument(3, 1, "judgment", "New", ["bail granted"], date=date(2024, 1, 1)),
    ])
    assert ids(backend, "bail", sort="date") == [3, 2, 1]
    assert ids(backend, "bail", sort="date_asc") == [2, 3, 1]
