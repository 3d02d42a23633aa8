"""The read-only JSON API (``/api/v1/``) and its OpenAPI document, on the ingested samples."""

from __future__ import annotations

import json
import re
from importlib.resources import files

import jsonschema
import pytest
from flask import Flask

from tests.webui import test_documents as shared
from tests.webui.conftest import add_user
from tests.webui.test_documents import PECA_2016_TEXT, sample_ids
from tests.webui.util import PASSWORD, login, page_csrf
from webui.api import LOOKUP_MAX_BYTES, MAX_PAGE_SIZE

# The ingested samples' fixtures live in test_documents.py; naming them here makes them visible.
samples_sqlite = shared.samples_sqlite
samples_pg = shared.samples_pg
samples_app = shared.samples_app

EXPORT_SCHEMA = json.loads(files("lawdb").joinpath("data/export.schema.json").read_text(encoding="utf-8"))


def get_json(client, url: str, status: int = 200, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == status, (url, response.status_code, response.get_data(as_text=True)[:300])
    assert response.mimetype == "application/json"
    return response.get_json()


# --- documents -------------------------------------------------------------------------------

def test_document_list_pages_and_filters(samples_app: Flask) -> None:
    ids = sample_ids(samples_app)
    client = samples_app.test_client()
    first = get_json(client, "/api/v1/documents?page_size=3")
    assert (first["page"], first["page_size"], first["total"], first["pages"]) == (1, 3, 4, 2)
    assert len(first["documents"]) == 3 and first["previous"] is None
    assert first["next"] == "http://localhost/api/v1/documents?page=2&page_size=3"
    second = get_json(client, first["next"])
    assert len(second["documents"]) == 1 and second["next"] is None
    seen = [d["id"] for d in first["documents"] + second["documents"]]
    assert sorted(seen) == sorted({ids.lhc, ids.sc, ids.act_doc, ids.amending})
    assert get_json(client, "/api/v1/documents")["page_size"] == 20

    judgments = get_json(client, "/api/v1/documents?kind=judgment")["documents"]
    assert {d["id"] for d in judgments} == {ids.lhc, ids.sc}
    lhc = get_json(client, "/api/v1/documents?court=LHC")["documents"]
    assert [(d["id"], d["court"], d["seat"]) for d in lhc] == [(ids.lhc, "Lahore High Court", "Multan Bench")]
    assert [d["id"] for d in get_json(client, "/api/v1/documents?kind=judgment&year=2023")["documents"]] == \
        [ids.sc]
    assert get_json(client, "/api/v1/documents?court=nowhere")["total"] == 0
    assert lhc[0]["url"] == f"http://localhost/documents/{ids.lhc}"
    assert lhc[0]["citations"] == ["2022 LHC 9002"]


@pytest.mark.parametrize(("query", "message"), [
    (f"page_size={MAX_PAGE_SIZE + 1}", "page_size must be at most 100, not 101."),
    ("page_size=100000", "page_size must be at most 100, not 100000."),
    ("page_size=0", "page_size must be at least 1, not 0."),
    ("page=abc", "page must be a whole number, not 'abc'."),
    ("page=-1", "page must be at least 1, not -1."),
    ("year=20x", "year must be a whole number, not '20x'."),
    ("kind=JUDGEMENT", "kind must be one of judgment, statute, amending_act, ordinance, rules, report, "
                       "other, not 'JUDGEMENT'."),
])
def test_document_list_refuses_bad_parameters(samples_app: Flask, query: str, message: str) -> None:
    body = get_json(samples_app.test_client(), f"/api/v1/documents?{query}", 400)
    assert body == {"error": "bad_query", "message": message}


def test_document_record_is_the_export_record_with_names_masked(samples_app: Flask) -> None:
    ids = sample_ids(samples_app)
    client = samples_app.test_client()
    record = get_json(client, f"/api/v1/documents/{ids.lhc}")
    jsonschema.validate(record, EXPORT_SCHEMA)
    assert record["masked"] is True and record["id"] == ids.lhc
    assert record["court"] == {"name": "Lahore High Court", "seat": "Multan Bench"}
    assert record["author_judge"] == "Nauman Aslam Khokhar"
    assert {s["term_days"] for s in record["sentences"] if s["section"] == "22"} == {2555, 1825}
    assert any(r["provision_id"] for r in record["statute_refs"])
    page = get_json(client, f"/api/v1/documents/{ids.lhc}/pages/3")
    assert (page["number"], page["label"], page["page_count"], page["masked"]) == (3, "3", 4, True)
    assert "[victim]" in page["text"]
    for body in (record, page, get_json(client, "/api/v1/sentences?page_size=100"),
                 get_json(client, "/api/v1/documents")):
        assert "ayesha" not in json.dumps(body).lower()
    sc = get_json(client, f"/api/v1/documents/{ids.sc}")
    jsonschema.validate(sc, EXPORT_SCHEMA)
    assert [c["resolved_id"] for c in sc["cites"] if c["normalized"] == "2022 LHC 9002"] == [ids.lhc]
    statute_doc = get_json(client, f"/api/v1/documents/{ids.act_doc}")
    assert statute_doc["statute"]["short_title"].startswith("The Child Online Safety")


# --- statutes --------------------------------------------------------------------------------

def test_statutes_and_provisions_as_at(samples_app: Flask) -> None:
    ids = sample_ids(samples_app)
    client = samples_app.test_client()
    listed = {s["id"]: s for s in get_json(client, "/api/v1/statutes")["statutes"]}
    assert listed[ids.peca]["aliases"] == ["PECA"] and listed[ids.peca]["sections"] == 1
    assert listed[ids.act]["sections"] == 15
    statute = get_json(client, f"/api/v1/statutes/{ids.act}")
    assert statute["id"] == ids.act and len(statute["provisions"]) == 56
    six = get_json(client, f"/api/v1/statutes/{ids.act}/provisions/6?as_at=2022-01-01")
    assert (six["state"], six["text"], six["label"]) == ("in_force", None, "6")
    assert six["message"].startswith("in force on 2022-01-01, but its text as it then stood is not in")
    assert [h["action"] for h in six["history"]] == ["substitute"]
    assert six["url"] == f"http://localhost/statutes/{ids.act}/section/6?as_at=2022-01-01"
    before = get_json(client, f"/api/v1/statutes/{ids.act}/provisions/5-A?as_at=2020-01-01")
    assert before["state"] == "not_yet"
    assert get_json(client, f"/api/v1/statutes/{ids.act}/provisions/s6/1")["path"] == "s6/1"
    peca = get_json(client, f"/api/v1/statutes/{ids.peca}/provisions/22?as_at=2020-01-01")
    assert peca["text"] == PECA_2016_TEXT and peca["citing_documents"] == 2
    assert {(c["court"], c["year"]) for c in peca["citing"]} == {
        ("Lahore High Court, Multan Bench", 2022), ("Supreme Court of Pakistan", 2023)}


# --- sentences -------------------------------------------------------------------------------

def test_sentences_api_uses_the_explorer_filters(samples_app: Flask) -> None:
    client = samples_app.test_client()
    body = get_json(client, "/api/v1/sentences?act=PPC&section=292-B&page_size=3")
    assert (body["total"], body["pages"], len(body["sentences"])) == (4, 2, 3)
    assert body["filters"]["section"] == "292-B"
    assert body["summary"]["sections"][0]["median_years"] == 14.0
    assert all(s["section"] == "292B" for s in body["sentences"])
    rest = get_json(client, body["next"])
    assert len(rest["sentences"]) == 1
    assert get_json(client, "/api/v1/sentences?page_size=101", 400)["error"] == "bad_query"
    refused = get_json(client, "/api/v1/sentences?stage=appeal", 400)
    assert refused["message"].startswith("stage must be one of")


# --- citations -------------------------------------------------------------------------------

def test_citation_lookup_resolves_what_the_collection_holds(samples_app: Flask) -> None:
    ids = sample_ids(samples_app)
    text = "Relied on 2022 LHC 9002, P L D 2015 Supreme Court 9396 and (2015) 11 SCC 9493."
    response = samples_app.test_client().post("/api/v1/citations/lookup", json={"text": text})
    assert response.status_code == 200
    body = response.get_json()
    assert (body["count"], body["resolved"]) == (3, 1)
    first, second, third = body["citations"]
    assert first["normalized"] == "2022 LHC 9002"
    assert text[first["span"][0]:first["span"][1]] == "2022 LHC 9002"
    assert first["document"]["id"] == ids.lhc
    assert first["document"]["title"] == "Kashif Mehmood v. The State"
    assert first["document"]["url"] == f"http://localhost/documents/{ids.lhc}"
    assert (second["normalized"], second["document"]) == ("PLD 2015 SC 9396", None)
    assert (third["jurisdiction"], third["document"]) == ("IN", None)


@pytest.mark.parametrize(("body", "content_type", "status", "code"), [
    (b"not json", "application/json", 400, "bad_json"),
    (b"\xff\xfe", "application/json", 400, "bad_json"),
    (b'["text"]', "application/json", 400, "bad_request"),
    (b'{"text": 5}', "application/json", 400, "bad_request"),
    (b"{}", "application/json", 400, "bad_request"),
    (json.dumps({"text": "x" * LOOKUP_MAX_BYTES}).encode(), "application/json", 413, "too_large"),
    (b'{"text": "2022 LHC 9002"}', "text/plain", 200, None),
])
def test_citation_lookup_refuses_bad_bodies(samples_app: Flask, body: bytes, content_type: str, status: int,
                                            code: str | None) -> None:
    response = samples_app.test_client().post("/api/v1/citations/lookup", data=body,
                                              content_type=content_type)
    assert response.status_code == status
    assert response.mimetype == "application/json"
    if code:
        assert response.get_json()["error"] == code


def test_citation_lookup_from_a_logged_in_browser_needs_its_csrf_token(samples_app: Flask) -> None:
    add_user(samples_app, "amna")
    client = samples_app.test_client()
    login(client, "amna", PASSWORD)
    url = "/api/v1/citations/lookup"
    assert client.post(url, json={"text": "2022 LHC 9002"}).status_code == 400
    token = page_csrf(client, "/documents")
    answer = client.post(url, json={"text": "2022 LHC 9002"}, headers={"X-CSRF-Token": token})
    assert answer.status_code == 200 and answer.get_json()["resolved"] == 1


# --- errors ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("method", "path", "status"), [
    ("GET", "/api/v1/documents/987654", 404),
    ("GET", "/api/v1/documents/abc", 404),
    ("GET", "/api/v1/documents/{lhc}/pages/99", 404),
    ("GET", "/api/v1/documents/{lhc}/pages/zero", 404),
    ("GET", "/api/v1/statutes/987654", 404),
    ("GET", "/api/v1/statutes/{act}/provisions/999", 404),
    ("GET", "/api/v1/statutes/{act}/provisions/6?as_at=2022-02-30", 400),
    ("GET", "/api/v1/statutes/{act}/provisions/6?as_at=<script>", 400),
    ("GET", "/api/v1/nothing/here", 404),
    ("GET", "/api/v1/citations/lookup", 405),
    ("DELETE", "/api/v1/documents/{lhc}", 405),
    ("GET", "/api/v1/sentences?year=1.5", 400),
])
def test_errors_are_json_with_a_4xx_status(samples_app: Flask, method: str, path: str, status: int) -> None:
    ids = sample_ids(samples_app)
    response = samples_app.test_client().open(path.format(lhc=ids.lhc, act=ids.act), method=method)
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error", "message"} and body["message"]
    assert not response.get_data(as_text=True).lstrip().startswith("<")  # never an HTML page


# --- the OpenAPI document --------------------------------------------------------------------

def _openapi_path(rule: str) -> str:
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule)


def test_openapi_document_describes_every_api_route(samples_app: Flask) -> None:
    response = samples_app.test_client().get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    spec = json.loads(response.get_data(as_text=True))
    assert spec["openapi"] == "3.1.0" and spec["info"]["title"] == "lawdb API"
    routes = {}
    for rule in samples_app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            routes[_openapi_path(rule.rule)] = (rule.methods or set()) - {"HEAD", "OPTIONS"}
    assert {"/api/v1/uploads", "/api/v1/jobs", "/api/v1/jobs/{job_id}", "/api/v1/citations/lookup",
            "/api/v1/openapi.json"} <= set(routes)
    for path, methods in routes.items():
        assert path in spec["paths"], f"{path} is not described"
        assert {m.lower() for m in methods} <= set(spec["paths"][path]), path
    assert "get" in spec["paths"]["/api/v1/search"]  # full-text search
    for path, operations in spec["paths"].items():
        for name in re.findall(r"{([a-z_]+)}", path):
            for operation in operations.values():
                declared = [(p["name"], p["in"]) for p in operation.get("parameters", [])]
                assert (name, "path") in declared, (path, name)

    def refs(node):
        if isinstance(node, dict):
            if "$ref" in node and node["$ref"].startswith("#/components/"):
                yield node["$ref"]
            for value in node.values():
                yield from refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)

    for ref in set(refs(spec["paths"])):
        target = spec
        for part in ref.removeprefix("#/").split("/"):
            target = target[part]
    # The document record's schema is the export's: an answer validates against it.
    record = get_json(samples_app.test_client(), f"/api/v1/documents/{sample_ids(samples_app).sc}")
    jsonschema.validate(record, spec["components"]["schemas"]["DocumentRecord"])
