"""The sentences explorer and its CSV and JSON exports, on the ingested samples."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from flask import Flask
from sqlalchemy import select

from lawdb.models import Document, Page, Sentence
from tests.webui import test_documents as shared
from tests.webui.test_documents import sample_ids, text_of
from webui.sentences import COLUMNS, terms_chart, year_chart

# The ingested samples' fixtures live in test_documents.py; naming them here makes them visible.
samples_sqlite = shared.samples_sqlite
samples_pg = shared.samples_pg
samples_app = shared.samples_app


def csv_rows(response) -> list[dict[str, str]]:
    assert response.status_code == 200, text_of(response)
    assert response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(text_of(response))))


def row_count(html: str) -> int:
    table = re.search(r'<table class="data sentence-rows">.*?<tbody>(.*?)</tbody>', html, re.S)
    return 0 if table is None else table.group(1).count("<tr>")


def test_explorer_lists_every_sentence_with_figures_and_charts(samples_app: Flask) -> None:
    ids = sample_ids(samples_app)
    html = text_of(samples_app.test_client().get("/sentences"))
    assert row_count(html) == 8
    assert '<strong class="count">8</strong>' in html
    # Per section: PECA 22 was 7 years at trial (twice) and 5 after appeal (twice); PPC 292-B 14 years.
    peca = re.search(r'section=22">22 PECA</a></th>(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r'<td class="num">([^<]*)</td>', peca)[:6] == ["4", "4", "6.0", "6.0", "5.0", "7.0"]
    ppc = re.search(r'section=292B">292B PPC</a></th>(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r'<td class="num">([^<]*)</td>', ppc)[:7] == ["4", "4", "14.0", "14.0", "14.0", "14.0",
                                                                     "4"]
    # Charts: SVG with a title and a description, and the data as a table.
    assert html.count('<svg class="chart') == 2
    assert '<title id="chart-years-title">Sentences per year of decision</title>' in html
    assert "<desc id=\"chart-years-desc\">Bar chart. 2022: 4 sentences; 2023: 4 sentences.</desc>" in html
    assert 'aria-labelledby="chart-terms-title chart-terms-desc"' in html
    assert "22 PECA: 4 terms, median 6 years, from 5 to 7" in html
    assert '<table class="data per-year">' in html and '<table class="data terms">' in html
    # Every row links to the judgment's page that hands the sentence down.
    assert f'href="/documents/{ids.lhc}#p3">page 3</a>' in html
    assert f'href="/documents/{ids.sc}#p2">page 2</a>' in html
    assert "/sentences.csv" in html and "/sentences.json" in html


@pytest.mark.parametrize(("query", "expected"), [
    ("", 8),
    ("act=PPC&section=292-B", 4),
    ("act=ppc&section=292b", 4),
    ("act=P.P.C.&section=292 B", 4),
    ("act=PECA", 4),
    ("section=22&stage=final", 2),
    ("court=LHC", 4),  # the Multan Bench counts as the Lahore High Court
    ("court=Lahore High Court, Multan Bench", 4),
    ("court=Supreme Court of Pakistan&year=2023", 4),
    ("court=Supreme Court of Pakistan&year=2022", 0),
    ("court=No Such Court", 0),
    ("year=2022&stage=trial", 2),
    ("punishment=rigorous_imprisonment", 8),
    ("punishment=death", 0),
])
def test_filters_and_exports_select_the_same_rows(samples_app: Flask, query: str, expected: int) -> None:
    client = samples_app.test_client()
    html = text_of(client.get(f"/sentences?{query}"))
    assert row_count(html) == expected
    rows = csv_rows(client.get(f"/sentences.csv?{query}"))
    assert len(rows) == expected
    data = json.loads(text_of(client.get(f"/sentences.json?{query}")))
    assert data["count"] == len(data["sentences"]) == expected
    assert [r["quote"] for r in rows] == [r["quote"] for r in data["sentences"]]
    # The page's own export link selects the same rows.
    link = re.search(r'<a class="export-csv" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert len(csv_rows(client.get(link))) == expected


def test_csv_columns_and_values(samples_app: Flask) -> None:
    ids = sample_ids(samples_app)
    response = samples_app.test_client().get("/sentences.csv?court=LHC&stage=final&act=PECA")
    assert response.headers["Content-Disposition"] == 'attachment; filename="sentences.csv"'
    rows = csv_rows(response)
    assert list(rows[0]) == COLUMNS
    (row,) = rows
    assert row["document_id"] == str(ids.lhc)
    assert (row["court"], row["seat"], row["decision_date"]) == ("Lahore High Court", "Multan Bench",
                                                                  "2022-03-14")
    assert (row["act"], row["section"], row["stage"], row["punishment"]) == (
        "PECA", "22", "final", "rigorous_imprisonment")
    assert (row["term_days"], row["term_years"], row["fine_pkr"], row["page"]) == (
        "1825", "5.0", "500000", "3")
    assert row["url"] == f"http://localhost/documents/{ids.lhc}#p3"


def _put_name_in_a_quote(app: Flask, lhc: int) -> None:
    """Make one sentence's quote the words of page 3 that name the victim (as a parser might)."""
    with app.extensions["lawdb_sessions"]() as s:
        page = s.scalars(select(Page).where(Page.document_id == lhc, Page.number == 3)).one()
        at = page.text.index("Ayesha Bibi")
        sentence = s.scalars(select(Sentence).where(Sentence.judgment_id == lhc)
                             .order_by(Sentence.id)).first()
        sentence.quote = page.text[at - 40:at + 60]
        sentence.accused_name = "Ayesha Bibi's cousin"
        s.commit()


def test_victim_name_is_masked_in_the_explorer_and_exports(samples_app: Flask) -> None:
    ids = sample_ids(samples_app)
    _put_name_in_a_quote(samples_app, ids.lhc)
    client = samples_app.test_client()
    html = text_of(client.get("/sentences"))
    csv_text = text_of(client.get("/sentences.csv"))
    json_text = text_of(client.get("/sentences.json"))
    for output in (html, csv_text, json_text):
        assert "ayesha" not in output.lower()
        assert "[victim]" in output
    # Switched off by an administrator, the name shows (so the checks above can fail).
    with samples_app.extensions["lawdb_sessions"]() as s:
        s.get(Document, ids.lhc).masking_enabled = False
        s.commit()
    assert "Ayesha Bibi" in text_of(client.get("/sentences.csv"))


def test_cells_that_spreadsheets_would_run_are_neutralised(samples_app: Flask) -> None:
    ids = sample_ids(samples_app)
    with samples_app.extensions["lawdb_sessions"]() as s:
        sentence = s.scalars(select(Sentence).where(Sentence.judgment_id == ids.sc)).first()
        sentence.quote = '=HYPERLINK("http://evil.example/","click")'
        sentence.accused_name = "-2+3"
        s.commit()
    rows = csv_rows(samples_app.test_client().get("/sentences.csv?court=Supreme Court of Pakistan"))
    assert any(r["quote"] == "'=HYPERLINK(\"http://evil.example/\",\"click\")" for r in rows)
    assert any(r["accused"] == "-2+3" for r in rows)  # a number stays a number


@pytest.mark.parametrize("query", ["year=abc", "punishment=<script>alert(1)</script>", "stage=appeal",
                                   "page=0", "year=99999"])
def test_bad_filters_get_a_clear_message(samples_app: Flask, query: str) -> None:
    client = samples_app.test_client()
    page = client.get(f"/sentences?{query}")
    assert page.status_code == 400
    html = text_of(page)
    assert '<p class="error" role="alert">' in html
    assert "<script>alert(1)" not in html
    if "script" in query:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    if not query.startswith("page"):
        exported = client.get(f"/sentences.csv?{query}")
        assert exported.status_code == 400 and exported.mimetype == "text/plain"
        as_json = client.get(f"/sentences.json?{query}")
        assert as_json.status_code == 400 and as_json.get_json()["error"] == "bad_query"


def test_charts_escape_labels_and_handle_no_data() -> None:
    assert year_chart([]) is None and terms_chart([]) is None
    svg = str(terms_chart([{"label": "<b>1</b> X", "terms": [1.0, 2.0, 2.0], "with_term": 3,
                            "median_years": 2.0, "min_years": 1.0, "max_years": 2.0}]))
    assert "<b>" not in svg and "&lt;b&gt;1&lt;/b&gt; X" in svg
    assert svg.count('<circle class="dot"') == 3
    bars = str(year_chart([(2019, 1), (2020, 10), (2021, 3)]))
    assert bars.count('<rect class="bar"') == 3 and "<title>2020: 10 sentences</title>" in bars


def test_filter_values_echoed_back_are_escaped(samples_app: Flask) -> None:
    client = samples_app.test_client()
    response = client.get('/sentences?section="><script>alert(1)</script>&court=<b>x</b>')
    assert response.status_code == 200
    html = text_of(response)
    assert "<script>alert(1)" not in html and "<b>x</b>" not in html
    assert 'value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert row_count(html) == 0
