"""``GET /api/v1/search`` on SQLite and PostgreSQL: the JSON of ``lawdb search --json``, bounded,
with JSON errors."""

from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner
from flask import Flask

from lawdb.cli import build_cli
from tests.webui import test_documents as shared
from tests.webui.test_documents import sample_ids
from tests.webui.test_search_pages import index

samples_sqlite = shared.samples_sqlite
samples_pg = shared.samples_pg
samples_app = shared.samples_app


@pytest.fixture
def search_app(samples_app: Flask) -> Flask:
    return index(samples_app)


def get(app: Flask, url: str, status: int = 200, **args) -> dict:
    response = app.test_client().get(url, query_string=args or None)
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()


def without_timing(body: dict) -> dict:
    return {k: v for k, v in body.items() if k != "took_ms"}


def test_the_answer_is_what_lawdb_search_json_prints(search_app: Flask) -> None:
    settings = search_app.config["LAWDB_SETTINGS"]
    result = CliRunner().invoke(build_cli(), [
        "--data-dir", str(settings.data_dir), "--database-url", settings.database_url,
        "search", "obscene", "--json", "--facets", "--sort", "date", "--limit", "5"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    answered = get(search_app, "/api/v1/search", q="obscene", facets="true", sort="date", page_size=5)
    assert without_timing(answered) == without_timing(printed)
    assert set(answered) == {"query", "total", "page", "page_size", "sort", "partial", "took_ms", "results",
                             "facets", "did_you_mean", "error", "warnings"}
    assert answered["total"] == 2 and answered["error"] is None
    assert [f["value"] for f in answered["facets"]["court"]] == ["Lahore High Court",
                                                                 "Supreme Court of Pakistan"]
    hit = answered["results"][1]
    assert hit["court"] == "Lahore High Court" and hit["seat"] == "Multan Bench"
    assert hit["citations"] == ["2022 LHC 9002"] and hit["date"] == "2022-03-14"
    assert hit["snippets"] and all("<mark>" in s["html"] for s in hit["snippets"])
    assert "ayesha" not in json.dumps(answered).lower()


def test_filters_paging_and_sort(search_app: Flask) -> None:
    ids = sample_ids(search_app)
    url = "/api/v1/search"
    lhc = get(search_app, url, q="obscene", court="Lahore High Court")
    assert [h["id"] for h in lhc["results"]] == [ids.lhc]
    assert [h["id"] for h in get(search_app, url, q="PECA", sort="date_asc")["results"]] == [
        ids.act_doc, ids.lhc, ids.sc]
    assert [h["id"] for h in get(search_app, url, q="PECA", **{"from": "2023-01-01"})["results"]] == [ids.sc]
    both = get(search_app, f"{url}?q=PECA&year=2022&year=2023")  # repeated filters are ANDed
    assert both["total"] == 0
    first = get(search_app, url, q="PECA", sort="date", page_size=2)
    second = get(search_app, url, q="PECA", sort="date", page_size=2, page=2)
    assert first["total"] == second["total"] == 3 and first["page_size"] == 2
    assert [h["id"] for h in first["results"] + second["results"]] == [ids.sc, ids.lhc, ids.act_doc]
    plain = get(search_app, url, q="PECA", snippets="false")
    assert plain["facets"] == {} and all(h["snippets"] == [] for h in plain["results"])
    assert get(search_app, url, kind="statute")["results"][0]["id"] == ids.act_doc  # a filter alone
    assert get(search_app, url, q="appeel")["did_you_mean"] == "appeal"


@pytest.mark.parametrize("args, message", [
    ({}, "Send a query"),
    ({"q": "bail AND"}, "AND needs something after it"),
    ({"q": "foo:bar"}, "unknown field 'foo'"),
    ({"q": "bail", "page_size": "500"}, "page_size must be at most 100"),
    ({"q": "bail", "page_size": "0"}, "page_size must be at least 1"),
    ({"q": "bail", "page": "0"}, "page must be at least 1"),
    ({"q": "bail", "page": "11", "page_size": "100"}, "beyond the first 1,000"),
    ({"q": "bail", "sort": "random"}, "sort must be one of"),
    ({"q": "bail", "facets": "perhaps"}, "facets must be true or false"),
    ({"q": "bail", "from": "2023-13-01"}, "from must be a date"),
    ({"q": "bail", "kind": "judgement"}, "kind must be one of"),
    ({"q": "bail", "year": "20x3"}, "year must be a whole number"),
    ({"q": '<script>alert(1)</script> foo:bar'}, "unknown field 'foo'"),
])
def test_errors_are_json_with_a_message(search_app: Flask, args: dict, message: str) -> None:
    body = get(search_app, "/api/v1/search", 400, **args)
    assert set(body) == {"error", "message"} and body["error"] == "bad_query"
    assert message in body["message"]


def test_openapi_describes_search(search_app: Flask) -> None:
    spec = get(search_app, "/api/v1/openapi.json")
    operation = spec["paths"]["/api/v1/search"]["get"]
    assert "x-status" not in operation
    names = {p["name"] for p in operation["parameters"]}
    assert names == {"q", "kind", "court", "year", "section", "judge", "from", "to", "sort", "page",
                     "page_size", "facets", "snippets"}
    size = next(p for p in operation["parameters"] if p["name"] == "page_size")
    assert size["schema"]["maximum"] == 100
    assert set(operation["responses"]) == {"200", "400", "503"}
    schema = {**spec["components"]["schemas"]["SearchResponse"], "components": spec["components"]}
    answer = get(search_app, "/api/v1/search", q="obscene", facets="true")
    jsonschema.validate(answer, schema)
