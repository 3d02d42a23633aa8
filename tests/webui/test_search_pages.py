"""The search page, its exports and its help, on SQLite and PostgreSQL, over the ingested samples.

The samples are ingested by the real pipeline (``samples_app``) and the
index is built the way ingest builds it, by draining the outbox. The
samples: two judgments (the LHC one, 2022, names a victim whose name is
masked; the Supreme Court one, 2023, cites it), a statute and an amending
act.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from datetime import date
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from markupsafe import escape

from lawdb.search import drain_outbox
from lawdb.search.sync import get_backend
from tests.search.conftest import add_judgment
from tests.webui import test_documents as shared
from tests.webui.test_documents import sample_ids, text_of, visible
from webui import search as search_views
from webui.documents import Masks
from webui.search import snippet_html

# The ingested samples' fixtures live in test_documents.py; naming them here makes them visible.
samples_sqlite = shared.samples_sqlite
samples_pg = shared.samples_pg
samples_app = shared.samples_app

XSS_QUERIES = [
    '<script>alert("q")</script>',
    '" onmouseover="alert(1)" x="',
    "' onfocus='alert(2)' autofocus='",
    "javascript:alert(3)",
    '<img src=x onerror=alert(4)> appeel',
]


def index(app: Flask) -> Flask:
    """Build the app's search index as ingest does: drain the outbox."""
    drain_outbox(app.extensions["lawdb_sessions"], app.config["LAWDB_SETTINGS"])
    return app


@pytest.fixture
def search_app(samples_app: Flask) -> Flask:
    return index(samples_app)


def add_documents(app: Flask, *docs: dict) -> list[int]:
    """Judgments written as ingest would write them (with their index work), then indexed."""
    ids = []
    with app.extensions["lawdb_sessions"]() as session:
        for doc in docs:
            ids.append(add_judgment(session, **doc).id)
        session.commit()
    index(app)
    return ids


def hits(page_html: str) -> list[int]:
    """Document ids of the results, in order."""
    return [int(i) for i in re.findall(r'<li class="hit" data-id="(\d+)">', page_html)]


def facet_links(page_html: str, name: str) -> dict[str, str]:
    """``{label: href}`` of one facet's links."""
    start = page_html.index(f'class="facet facet-{name}"')
    block = page_html[start:page_html.index("</section>", start)]
    return {html.unescape(label): html.unescape(href)
            for href, label in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', block)}


def tags(fragment: str) -> set[str]:
    return {t.lower() for t in re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", fragment)}


def snippets(page_html: str) -> list[str]:
    return re.findall(r'<span class="snippet">(.*?)</span></li>', page_html, re.S)


# --- the page ---------------------------------------------------------------------------------

def test_results_with_titles_courts_dates_citations_snippets_and_timing(search_app: Flask) -> None:
    ids = sample_ids(search_app)
    response = search_app.test_client().get("/search?q=obscene")
    assert response.status_code == 200
    page = text_of(response)
    seen = visible(page)
    assert re.search(r"2 results in \d+ ms", seen)
    assert sorted(hits(page)) == sorted([ids.lhc, ids.sc])
    assert '<input type="search" id="q" name="q" value="obscene"' in page  # the query stays in the box
    lhc = page[page.index(f'data-id="{ids.lhc}"'):]
    lhc = lhc[:lhc.index("</li>\n  \n")] if "</li>\n  \n" in lhc else lhc
    assert f'<a href="/documents/{ids.lhc}">Kashif Mehmood v. The State</a>' in lhc
    assert "Lahore High Court, Multan Bench" in lhc and '<time datetime="2022-03-14">' in lhc
    assert "2022 LHC 9002" in lhc and "cited by 1" in lhc
    # Snippets name their page and link to it; hits are marked, nothing else is markup.
    found = re.findall(rf'<a class="snippet-page" href="/documents/{ids.lhc}#p(\d+)">p\. (\d+)</a>', lhc)
    assert found and all(a == b for a, b in found)
    assert "<mark>obscene</mark>" in lhc.lower()
    for snippet in snippets(page):
        assert tags(snippet) <= {"mark"}
    assert "ayesha" not in page.lower()


def test_facets_are_counted_links_that_add_a_filter(search_app: Flask) -> None:
    ids = sample_ids(search_app)
    client = search_app.test_client()
    page = text_of(client.get("/search?q=obscene"))
    for name in ("kind", "court", "year", "section", "judge"):
        assert f'class="facet facet-{name}"' in page
    assert re.search(r'>Lahore High Court</a> <span class="count">1</span>', page)
    assert re.search(r'>PPC 292B</a> <span class="count">2</span>', page)
    courts = facet_links(page, "court")
    link = courts["Lahore High Court"]
    assert parse_qs(urlsplit(link).query) == {"q": ["obscene"], "court": ["Lahore High Court"]}

    narrowed = text_of(client.get(link))
    assert hits(narrowed) == [ids.lhc]
    assert "Court: Lahore High Court" in visible(narrowed)  # the filter in use, with a way out
    assert '<input type="hidden" name="court" value="Lahore High Court">' in narrowed  # kept by the form
    chosen = re.search(r'<a href="([^"]+)" class="chosen" aria-current="true"[^>]*>Lahore High Court</a>',
                       narrowed)
    assert chosen and html.unescape(chosen.group(1)) == "/search?q=obscene"
    # A second facet narrows further; years and sections and judges work the same way.
    judge = facet_links(narrowed, "judge")["Nauman Aslam Khokhar"]
    assert hits(text_of(client.get(judge))) == [ids.lhc]
    year = facet_links(page, "year")["2023"]
    assert hits(text_of(client.get(year))) == [ids.sc]
    section = facet_links(page, "section")["PPC 292B"]
    assert parse_qs(urlsplit(section).query)["section"] == ["PPC:292B"]
    assert sorted(hits(text_of(client.get(section)))) == sorted([ids.lhc, ids.sc])
    kind = facet_links(text_of(client.get("/search?q=child")), "kind")["statute"]
    assert hits(text_of(client.get(kind))) == [ids.act_doc]


def test_sort_orders(search_app: Flask) -> None:
    ids = sample_ids(search_app)
    client = search_app.test_client()
    newest = hits(text_of(client.get("/search?q=PECA&sort=date")))
    assert newest == [ids.sc, ids.lhc, ids.act_doc]
    assert hits(text_of(client.get("/search?q=PECA&sort=date_asc"))) == newest[::-1]
    assert hits(text_of(client.get("/search?q=obscene&sort=cited")))[0] == ids.lhc
    page = text_of(client.get("/search?q=PECA&sort=date"))
    assert re.search(r'<a href="/search\?q=PECA&amp;sort=date" aria-current="true">newest first</a>', page)
    assert '<input type="hidden" name="sort" value="date">' in page
    assert client.get("/search?q=PECA&sort=sideways").status_code == 400


def test_pages_of_results(search_app: Flask) -> None:
    made = add_documents(search_app, *[
        {"title": f"Bail matter {n}", "pages": [f"The petitioner sought bail in matter {n}."],
         "decided": date(2020, 1, n)} for n in range(1, 13)])
    client = search_app.test_client()
    first = text_of(client.get("/search?q=petitioner+bail+matter&sort=date_asc"))
    assert "12 results" in visible(first)
    assert hits(first) == made[:10]
    assert '<ol class="results" start="1">' in first
    nav = first[first.index('<nav class="pager"'):]
    assert '<span aria-current="page">1</span>' in nav
    following = re.search(r'<a rel="next" href="([^"]+)">next</a>', nav)
    second = text_of(client.get(html.unescape(following.group(1))))
    assert hits(second) == made[10:]
    assert '<ol class="results" start="11">' in second
    assert re.search(r'<a rel="prev" href="/search\?q=petitioner\+bail\+matter&amp;sort=date_asc">', second)
    # Past the first 1,000 results nothing is served page by page: a message, not an error page.
    deep = client.get("/search?q=bail&page=101")
    assert deep.status_code == 400 and "beyond the first 1,000" in text_of(deep)


def test_date_range(search_app: Flask) -> None:
    ids = sample_ids(search_app)
    client = search_app.test_client()
    assert hits(text_of(client.get("/search?q=PECA&from=2023-01-01"))) == [ids.sc]
    assert sorted(hits(text_of(client.get("/search?q=PECA&to=2022-12-31")))) == sorted([ids.lhc, ids.act_doc])
    assert hits(text_of(client.get("/search?q=PECA&from=2022-01-01&to=2022-12-31"))) == [ids.lhc]
    page = text_of(client.get("/search?q=PECA&from=2022-01-01&to=2022-12-31"))
    assert 'name="from" value="2022-01-01"' in page and 'name="to" value="2022-12-31"' in page
    # Dates alone, without words, are a search too.
    assert sorted(hits(text_of(client.get("/search?from=2023-01-01&kind=judgment")))) == [ids.sc]
    for bad, message in [("from=2023-02-30", "from must be a date written YYYY-MM-DD"),
                         ("from=2024-01-01&to=2023-01-01", "the date range is backwards")]:
        response = client.get(f"/search?q=PECA&{bad}")
        assert response.status_code == 400 and message in visible(text_of(response))


@pytest.mark.parametrize("query, message", [
    ("bail AND", "AND needs something after it"),
    ("(bail OR parole", "an opening bracket"),
    ('"benefit of doubt', "a phrase is not closed"),
    ("foo:bar", "unknown field 'foo'"),
    ("kind:judgement", "kind: is one of"),
    ("o*", "a wildcard needs at least two letters"),
    ("x" * 1500, "the query is too long"),
])
def test_a_malformed_query_gets_a_message_not_an_error_page(search_app: Flask, query: str,
                                                            message: str) -> None:
    response = search_app.test_client().get("/search", query_string={"q": query})
    assert response.status_code == 400
    page = text_of(response)
    assert str(escape(message)) in page
    assert 'class="error search-error" role="alert"' in page
    assert 'href="/search/help"' in page
    assert "Traceback" not in page and hits(page) == []


def test_empty_fields_of_the_form_are_left_out_of_the_link(search_app: Flask) -> None:
    client = search_app.test_client()
    response = client.get("/search?q=obscene&from=&to=&court=+&sort=date")
    assert response.status_code == 302 and response.headers["Location"] == "/search?q=obscene&sort=date"
    response = client.get("/search?q=+&from=")
    assert response.status_code == 302 and response.headers["Location"] == "/search"


def test_did_you_mean(search_app: Flask) -> None:
    client = search_app.test_client()
    page = text_of(client.get("/search?q=appeel&court=Lahore+High+Court"))
    link = re.search(r'<p class="did-you-mean">Did you mean <a href="([^"]+)">appeal</a>\?</p>', page)
    assert link, page
    target = html.unescape(link.group(1))
    assert parse_qs(urlsplit(target).query) == {"q": ["appeal"], "court": ["Lahore High Court"]}
    assert len(hits(text_of(client.get(target)))) == 1


def test_the_empty_page_is_a_form_and_the_help_is_a_click_away(search_app: Flask) -> None:
    client = search_app.test_client()
    page = text_of(client.get("/search"))
    assert '<form class="search" method="get" action="/search" role="search">' in page
    assert '<label class="search-label" for="q">' in page
    assert '<details class="query-help">' in page and '<a class="help-link" href="/search/help">' in page
    assert hits(page) == [] and "results in" not in page
    home = text_of(client.get("/"))
    assert 'action="/search"' in home and 'name="q"' in home
    assert '<a href="/search">Search</a>' in home  # the site navigation


def test_every_example_of_the_help_page_runs(search_app: Flask) -> None:
    client = search_app.test_client()
    help_page = text_of(client.get("/search/help"))
    links = [html.unescape(h) for h in re.findall(r'<a class="example" href="([^"]+)">', help_page)]
    assert len(links) > 30
    for link in links:
        response = client.get(link)
        assert response.status_code == 200, (link, re.findall(r'role="alert">(.*?)</div>', text_of(response),
                                                              re.S))


def test_a_collection_without_an_index_says_so(samples_app: Flask) -> None:
    # Nothing drained: no index has been built.
    client = samples_app.test_client()
    response = client.get("/search?q=obscene")
    assert response.status_code == 503
    page = text_of(response)
    assert "search index has not been built yet" in page and "lawdb reindex" in page
    assert str(samples_app.config["LAWDB_SETTINGS"].index_dir) not in page  # no server paths
    api = client.get("/api/v1/search?q=obscene")
    assert api.status_code == 503 and api.get_json()["error"] == "search_unavailable"
    assert client.get("/search/export.csv?q=obscene").status_code == 503
    # The judgment page does without its similar judgments.
    ids = sample_ids(samples_app)
    judgment = client.get(f"/documents/{ids.lhc}")
    assert judgment.status_code == 200 and "Similar judgments" not in text_of(judgment)


# --- safety: queries and documents are text ---------------------------------------------------

class _Elements(HTMLParser):
    """Every element and attribute of a page, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def assert_inert(page: str) -> None:
    """No element, event handler or script link was made from a probe (the page's own are known)."""
    parser = _Elements()
    parser.feed(page)
    for tag, attrs in parser.found:
        assert tag not in ("img", "b", "iframe", "object", "embed"), (tag, attrs)
        if tag == "script":
            assert set(attrs) == {"src", "defer"} and attrs["src"].startswith("/static/"), attrs
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, attrs)
            assert name not in ("autofocus", "x", "style"), (tag, attrs)
            if name in ("href", "src", "action"):
                assert not (value or "").strip().lower().startswith(("javascript:", "data:")), (tag, attrs)


@pytest.mark.parametrize("probe", XSS_QUERIES)
def test_query_probes_are_shown_as_text_everywhere(search_app: Flask, probe: str) -> None:
    client = search_app.test_client()
    for args in [{"q": probe}, {"q": probe, "court": probe, "judge": probe},
                 {"q": "obscene", "section": probe}, {"q": probe, "from": probe}]:
        response = client.get("/search", query_string=args)
        assert response.status_code in (200, 400)
        page = text_of(response)
        assert_inert(page)
        if args["q"] == probe:
            assert f'name="q" value="{escape(probe)}"' in page  # kept in the box, as text
    # did you mean: the correction carries the probe along, as text and as an escaped link
    page = text_of(client.get("/search", query_string={"q": probe}))
    if "Did you mean" in page:
        assert_inert(page)
    # the API and the exports give it back as data, never as HTML
    api = client.get("/api/v1/search", query_string={"q": probe})
    assert api.mimetype == "application/json" and api.status_code in (200, 400)
    for export in ("/search/export.csv", "/search/export.json"):
        response = client.get(export, query_string={"q": probe})
        response.get_data()  # the body is streamed
        assert response.mimetype in ("text/csv", "application/json", "text/plain")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert not response.mimetype.startswith("text/html")


def test_did_you_mean_keeps_a_probe_as_text(search_app: Flask) -> None:
    page = text_of(search_app.test_client().get("/search", query_string={"q": '<b onmouseover="x">appeel'}))
    suggestion = re.search(r'<p class="did-you-mean">(.*?)</p>', page, re.S)
    assert suggestion, page
    assert_inert(suggestion.group(1))
    assert "&lt;b onmouseover=&#34;x&#34;&gt;appeal</a>" in suggestion.group(1)
    assert 'href="/search?q=%3Cb+onmouseover%3D%22x%22%3Eappeal"' in suggestion.group(1)


def test_hostile_document_text_and_titles_are_escaped_in_results_and_exports(search_app: Flask) -> None:
    [hostile] = add_documents(search_app, {
        "title": '<script>alert("title")</script> v. "State" onmouseover=alert(1)',
        "pages": ['The <b onmouseover="alert(2)">hostile</b> page <script>alert(3)</script> '
                  '<a href="javascript:alert(4)">hostile link</a> &amp; <mark>fake mark</mark> hostile.'],
        "decided": date(2021, 5, 5), "court": "Lahore High Court"})
    client = search_app.test_client()
    page = text_of(client.get("/search?q=hostile"))
    assert hits(page) == [hostile]
    assert_inert(page)
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in page
    [snippet] = snippets(page)
    assert tags(snippet) == {"mark"}
    assert "&lt;mark&gt;fake mark&lt;/mark&gt;" in snippet  # the document's own tags stay text
    assert "&amp;amp;" in snippet  # "&amp;" in the text is shown as written
    # The engine's own snippets are escaped text with marks only (the page rebuilds them anyway).
    [raw] = client.get("/api/v1/search?q=hostile").get_json()["results"][0]["snippets"]
    assert tags(raw["html"]) == {"mark"} and "&lt;script&gt;alert(3)&lt;/script&gt;" in raw["html"]
    assert snippet_html(raw["html"]) == snippet
    # The exports carry the text as data: CSV and JSON, never HTML.
    rows = list(csv.DictReader(io.StringIO(text_of(client.get("/search/export.csv?q=hostile")))))
    assert rows[0]["title"] == '<script>alert("title")</script> v. "State" onmouseover=alert(1)'
    body = json.loads(text_of(client.get("/search/export.json?q=hostile")))
    assert body["results"][0]["title"].startswith("<script>")
    # The judgment page and its similar judgments escape it too.
    assert_inert(text_of(client.get(f"/documents/{hostile}")))


def test_snippets_are_rebuilt_with_nothing_but_marks() -> None:
    assert snippet_html("a <mark>b</mark> &lt;i&gt; c") == "a <mark>b</mark> &lt;i&gt; c"
    assert snippet_html('<b onclick="x">y</b>') == "&lt;b onclick=&#34;x&#34;&gt;y&lt;/b&gt;"
    assert snippet_html("<mark>open") == "<mark>open</mark>"
    assert snippet_html("</mark>x<mark><mark>y</mark></mark>") == "x<mark>y</mark>"
    assert snippet_html("&amp;lt;") == "&amp;lt;"
    masks = Masks({"[victim]": ["Ayesha Bibi"]})
    assert snippet_html("…said <mark>Ayesha</mark> Bibi and Ayesha Bibi", masks) == \
        "…said <mark>[victim]</mark> Bibi and [victim]"  # a part of a name is masked too


def test_victims_names_are_masked_in_results_and_exports(search_app: Flask) -> None:
    ids = sample_ids(search_app)
    client = search_app.test_client()
    assert client.get("/api/v1/search?q=Ayesha").get_json()["total"] == 0  # not in the index at all
    for url in ("/search?q=victim+OR+obscene", "/search/export.csv?q=obscene",
                "/search/export.json?q=obscene", "/api/v1/search?q=obscene+victim&facets=true"):
        assert "ayesha" not in text_of(client.get(url)).lower(), url
    masked = text_of(client.get(f"/search?q=id:{ids.lhc}"))
    assert hits(masked) == [ids.lhc] and "ayesha" not in masked.lower()


# --- exports ----------------------------------------------------------------------------------

def test_csv_and_json_exports_of_the_current_search(search_app: Flask) -> None:
    ids = sample_ids(search_app)
    client = search_app.test_client()
    page = text_of(client.get("/search?q=PECA&sort=date&from=2021-01-01"))
    csv_link = html.unescape(re.search(r'<a class="export-csv" href="([^"]+)"', page).group(1))
    json_link = html.unescape(re.search(r'<a class="export-json" href="([^"]+)"', page).group(1))
    assert parse_qs(urlsplit(csv_link).query) == {"q": ["PECA"], "sort": ["date"], "from": ["2021-01-01"]}
    assert "exports hold at most 10,000 rows" in visible(page)

    response = client.get(csv_link)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="search-results.csv"'
    assert response.headers["X-Lawdb-Export-Limit"] == "10000" and response.headers["X-Lawdb-Total"] == "3"
    rows = list(csv.DictReader(io.StringIO(text_of(response))))
    assert list(rows[0]) == search_views.EXPORT_COLUMNS
    assert [int(r["id"]) for r in rows] == [ids.sc, ids.lhc, ids.act_doc]  # the page's order
    assert [r["rank"] for r in rows] == ["1", "2", "3"]
    assert rows[1]["court"] == "Lahore High Court" and rows[1]["seat"] == "Multan Bench"
    assert rows[1]["citations"] == "2022 LHC 9002" and rows[1]["date"] == "2022-03-14"
    assert rows[1]["url"] == f"http://localhost/documents/{ids.lhc}"

    body = json.loads(text_of(client.get(json_link)))
    assert body["search"]["q"] == "PECA" and body["search"]["from"] == "2021-01-01"
    assert body["total"] == body["count"] == 3 and body["truncated"] is False and body["limit"] == 10000
    assert [r["id"] for r in body["results"]] == [ids.sc, ids.lhc, ids.act_doc]
    assert body["results"][1]["citations"] == ["2022 LHC 9002"]


def test_exports_are_bounded_and_say_so(search_app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_views, "EXPORT_LIMIT", 2)
    client = search_app.test_client()
    rows = list(csv.DictReader(io.StringIO(text_of(client.get("/search/export.csv?q=PECA")))))
    assert len(rows) == 2
    body = json.loads(text_of(client.get("/search/export.json?q=PECA")))
    assert body["count"] == 2 and body["total"] == 3 and body["truncated"] is True and body["limit"] == 2
    assert "first 2 results" in body["note"]
    assert "Download the first 2 results" in visible(text_of(client.get("/search?q=PECA")))


def test_exports_refuse_bad_searches_with_a_message(search_app: Flask) -> None:
    client = search_app.test_client()
    response = client.get("/search/export.csv?q=bail+AND")
    assert response.status_code == 400 and response.mimetype == "text/plain"
    assert "AND needs something after it" in text_of(response)
    response = client.get("/search/export.json?q=")
    assert response.status_code == 400 and response.get_json()["error"] == "bad_query"


def test_export_cells_cannot_be_spreadsheet_formulas(search_app: Flask) -> None:
    add_documents(search_app, {"title": "=HYPERLINK(\"http://evil\") v. State", "pages": ["formula probe"]})
    rows = list(csv.DictReader(io.StringIO(text_of(search_app.test_client()
                                                   .get("/search/export.csv?q=formula+probe")))))
    assert rows[0]["title"].startswith("'=HYPERLINK")


# --- similar judgments ------------------------------------------------------------------------

def test_judgment_page_lists_similar_judgments(search_app: Flask) -> None:
    ids = sample_ids(search_app)
    page = text_of(search_app.test_client().get(f"/documents/{ids.lhc}"))
    start = page.index('<section class="panel similar"')
    block = page[start:page.index("</section>", start)]
    assert "<h2 id=\"similar-heading\">Similar judgments</h2>" in block
    assert f'<a href="/documents/{ids.sc}">Kashif Mehmood v. The State</a>' in block
    assert f'href="/documents/{ids.lhc}"' not in block  # never itself
    assert f'href="/documents/{ids.act_doc}"' not in block  # judgments only, for a judgment


def test_similar_judgments_fail_soft(search_app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = sample_ids(search_app)
    backend = get_backend(search_app.config["LAWDB_SETTINGS"])

    def broken(*_args, **_kwargs):
        raise OSError("the index is damaged")

    monkeypatch.setattr(backend, "more_like_this", broken)
    response = search_app.test_client().get(f"/documents/{ids.lhc}")
    assert response.status_code == 200 and "Similar judgments" not in text_of(response)
