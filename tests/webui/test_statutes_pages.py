"""Statute pages: the list, the table of contents, a section as in force on a date, history, citations."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from flask import Flask
from sqlalchemy import select

from lawdb.models import Provision, ProvisionVersion
from tests.webui import test_documents as shared
from tests.webui.test_documents import PECA_2016_TEXT, PECA_2023_TEXT, sample_ids, text_of

# The ingested samples' fixtures live in test_documents.py; naming them here makes them visible.
samples_sqlite = shared.samples_sqlite
samples_pg = shared.samples_pg
samples_app = shared.samples_app


def message(html: str) -> str:
    found = re.search(r'<p class="as-at-message">(.*?)</p>', html, re.S)
    assert found, "no as-at message"
    return " ".join(re.sub(r"<[^>]+>", "", found.group(1)).split())


def test_statute_list_has_aliases_and_section_counts(samples_app: Flask) -> None:
    ids = sample_ids(samples_app)
    html = text_of(samples_app.test_client().get("/statutes"))
    rows = dict(re.findall(r'<a href="/statutes/(\d+)">[^<]+</a></td>\s*<td>([^<]*)</td>', html))
    assert rows[str(ids.peca)] == "PECA"
    assert re.search(rf'href="/statutes/{ids.act}">The Child Online Safety \(Fictional Sample\) '
                     r'Act, 2021</a>.*?<td class="num">15</td>', html, re.S)
    assert re.search(rf'href="/statutes/{ids.peca}">.*?<td class="num">1</td>', html, re.S)


def test_table_of_contents_in_order_with_omitted_sections_marked(samples_app: Flask) -> None:
    ids = sample_ids(samples_app)
    with samples_app.extensions["lawdb_sessions"]() as s:
        twelve = s.scalars(select(Provision).where(Provision.statute_id == ids.act,
                                                   Provision.path == "s12")).one()
        twelve.versions[0].valid_to = date(2024, 1, 1)
        twelve.versions.append(ProvisionVersion(text=None, valid_from=date(2024, 1, 1), omitted=True))
        s.commit()
    html = text_of(samples_app.test_client().get(f"/statutes/{ids.act}"))
    order = re.findall(r'<li id="([^"]+)"', html)
    assert order[:4] == ["pre", "ch1", "s1", "s2"]
    positions = [order.index(path) for path in ("ch3", "s5", "s5A", "s6", "s7A")]
    assert positions == sorted(positions)
    assert order[-1] == "sch1"
    assert "s6/1" not in order  # sub-sections are read on the section page
    twelve_entry = html[html.index('<li id="s12"'):html.index("</li>", html.index('<li id="s12"'))]
    assert '<span class="omitted">omitted</span>' in twelve_entry
    six = html[html.index('<li id="s6"'):html.index("</li>", html.index('<li id="s6"'))]
    assert "omitted" not in six and "(amended)" in six
    assert f'href="/statutes/{ids.act}/section/7-A"' in html
    assert "Chapter III: DUTIES OF ONLINE PLATFORMS" in html
    # And on the section page, on a date after the omission:
    omitted = text_of(samples_app.test_client().get(f"/statutes/{ids.act}/section/12?as_at=2024-06-01"))
    assert message(omitted) == "As at 2024-06-01: omitted (or repealed) by 2024-06-01."


@pytest.mark.parametrize(("label", "as_at", "expected", "text"), [
    ("6", "2022-01-01", "As at 2022-01-01: in force on 2022-01-01, but its text as it then stood is not "
                        "in the collection (text before the 2023 amendment by Act XII of 2023 is not in "
                        "the collection).", None),
    ("6", "2024-06-01", "As at 2024-06-01: in force on 2024-06-01.", "[five] days"),
    ("5A", "2022-01-01", "As at 2022-01-01: not yet in force on 2022-01-01: it had not been enacted or "
                         "inserted.", None),
    ("5a", "2023-06-01", "As at 2023-06-01: cannot tell its state on 2023-06-01: uncertain: the exact "
                         "date of Act XII of 2023 is not known; taken as 1 January 2023 (assuming it "
                         "took effect in 2023, dates in 2023 are uncertain).", None),
    ("7A", "2024-06-01", "As at 2024-06-01: in force on 2024-06-01.", "Preservation of records"),
    ("1", "2021-03-15", "As at 2021-03-15: in force on 2021-03-15.", "Short title, extent and commencement"),
])
def test_section_as_in_force_on_a_date(samples_app: Flask, label: str, as_at: str, expected: str,
                                       text: str | None) -> None:
    ids = sample_ids(samples_app)
    response = samples_app.test_client().get(f"/statutes/{ids.act}/section/{label}?as_at={as_at}")
    assert response.status_code == 200
    html = text_of(response)
    assert message(html) == expected
    assert f'<input type="date" id="as_at" name="as_at" value="{as_at}" required>' in html
    body = re.search(r'<div class="provision-text">(.*?)</div>', html, re.S)
    if text is None:
        assert body is None
    else:
        assert body is not None and text in body.group(1)


def test_section_defaults_to_today_and_shows_history(samples_app: Flask) -> None:
    ids = sample_ids(samples_app)
    html = text_of(samples_app.test_client().get(f"/statutes/{ids.act}/section/6"))
    today = date.today().isoformat()
    assert f'value="{today}"' in html
    assert "<h1>Section 6. Removal of harmful material</h1>" in html
    history = html[html.index('class="data amendments"'):html.index("</table>", html.index("amendments"))]
    assert "substitute" in history and "Act XII of 2023" in history
    assert "Subs. by Act XII of 2023, s. 3, for &#34;three&#34;." in history
    assert "read as at 2021-03-15" in html
    assert f'href="/documents/{ids.act_doc}#p3"' in html  # where it is printed


@pytest.mark.parametrize("bad", ["2022-13-01", "yesterday", "<script>alert(1)</script>", "2022-1-1"])
def test_bad_as_at_date_is_a_clear_400(samples_app: Flask, bad: str) -> None:
    ids = sample_ids(samples_app)
    response = samples_app.test_client().get(f"/statutes/{ids.act}/section/6", query_string={"as_at": bad})
    assert response.status_code == 400
    html = text_of(response)
    assert "as_at must be a date written YYYY-MM-DD" in html
    assert "<script>alert(1)" not in html


def test_judgments_citing_a_section_with_court_and_year_filters(samples_app: Flask) -> None:
    ids = sample_ids(samples_app)
    client = samples_app.test_client()
    url = f"/statutes/{ids.peca}/section/22"
    html = text_of(client.get(url + "?as_at=2022-03-14"))
    assert PECA_2016_TEXT in html and PECA_2023_TEXT not in html
    start = html.index('class="data citing-counts"')
    counts = html[start:html.index("</table>", start)]
    assert re.search(r"Lahore High Court, Multan Bench</td><td>2022</td><td class=\"num\">1</td>", counts)
    assert re.search(r"Supreme Court of Pakistan</td><td>2023</td><td class=\"num\">1</td>", counts)
    listed = re.findall(r'<ul class="citing">(.*?)</ul>', html, re.S)[0]
    assert f'href="/documents/{ids.lhc}#p1"' in listed and f'href="/documents/{ids.sc}#p1"' in listed
    assert "2 documents" in html

    sc_only = text_of(client.get(url, query_string={"court": "Supreme Court of Pakistan"}))
    listed = re.findall(r'<ul class="citing">(.*?)</ul>', sc_only, re.S)[0]
    assert f"/documents/{ids.sc}#" in listed and f"/documents/{ids.lhc}#" not in listed
    y2022 = text_of(client.get(url, query_string={"year": "2022"}))
    listed = re.findall(r'<ul class="citing">(.*?)</ul>', y2022, re.S)[0]
    assert f"/documents/{ids.lhc}#" in listed and f"/documents/{ids.sc}#" not in listed
    assert "1 document match the filters" in y2022
    assert client.get(url, query_string={"year": "two"}).status_code == 400
    # The citing list masks the citing documents' victims' names.
    assert "Ayesha" not in html


def test_provision_paths_and_names_redirect(samples_app: Flask) -> None:
    ids = sample_ids(samples_app)
    client = samples_app.test_client()
    assert client.get(f"/statutes/{ids.act}/s6/1?as_at=2022-01-01").headers["Location"] == \
        f"/statutes/{ids.act}/section/6?as_at=2022-01-01"
    assert client.get(f"/statutes/{ids.act}/s2/1/d/ii").headers["Location"] == \
        f"/statutes/{ids.act}/section/2"
    assert client.get(f"/statutes/{ids.act}/ch3").headers["Location"] == f"/statutes/{ids.act}#ch3"
    assert client.get(f"/statutes/{ids.act}/7-B").headers["Location"] == f"/statutes/{ids.act}/section/7-B"
    schedule = client.get(f"/statutes/{ids.act}/sch1")
    assert schedule.status_code == 200 and "CATEGORIES OF HARMFUL MATERIAL" in text_of(schedule)
    assert client.get("/statutes/PECA").headers["Location"] == f"/statutes/{ids.peca}"
    assert client.get("/statutes/peca/section/22?as_at=2020-01-01").headers["Location"] == \
        f"/statutes/{ids.peca}/section/22?as_at=2020-01-01"


@pytest.mark.parametrize("path", ["/statutes/987654", "/statutes/987654/section/1",
                                  "/statutes/{act}/section/99", "/statutes/{act}/s99/1",
                                  "/statutes/NOSUCHACT", "/statutes/NOSUCHACT/section/1"])
def test_unknown_statutes_and_sections_are_404(samples_app: Flask, path: str) -> None:
    response = samples_app.test_client().get(path.format(act=sample_ids(samples_app).act))
    assert response.status_code == 404
    assert "in the collection" in text_of(response)


def test_link_from_judgment_to_section_and_back(samples_app: Flask) -> None:
    ids = sample_ids(samples_app)
    client = samples_app.test_client()
    judgment = text_of(client.get(f"/documents/{ids.sc}"))
    href = re.search(r'<a class="statute-ref" href="([^"]+)"', judgment).group(1).replace("&amp;", "&")
    section = text_of(client.get(href))
    assert "As at 2023-09-26: in force on 2023-09-26." in message(section) and PECA_2023_TEXT in section
    assert f'href="/documents/{ids.sc}#p1"' in section
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert client.get(f"/statutes/{ids.peca}/section/22?as_at={tomorrow}").status_code == 200
