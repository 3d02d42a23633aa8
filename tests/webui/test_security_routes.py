"""Who may call what, for every route the app has: swept from ``app.url_map``, on SQLite and PostgreSQL.

- Every write route (POST, PUT, PATCH, DELETE) refuses anonymous callers,
  wrong and malformed tokens, and a wrong token that comes with a good
  session, unless it is listed in ``PUBLIC_WRITES`` with its reason. A new
  write route is held to this without being named here.
- Every write route, public ones included, refuses a logged-in session's
  request without the session's CSRF token (missing, wrong, or another
  session's).
- Reads are public, except the ``PRIVATE_READS``, which refuse like writes.
- No read changes the database (no GET route changes state).
- Every answer carries the security headers: pages, JSON, files, and the
  error answers (400, 401, 403, 404, 405, 413 and 500).

The requests carry bodies that *would* succeed (a real PDF, ``masking=off``),
so an unguarded route would show as a change in the database or the store.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from lawdb.config import sqlite_url
from lawdb.search import reindex
from tests.webui import test_documents as shared
from tests.webui.conftest import add_token, add_user, make_app
from tests.webui.security_util import (
    PRIVATE_READS,
    PUBLIC_WRITES,
    build_path,
    changed_tables,
    database_fingerprint,
    header_problems,
    is_login_redirect,
    leak_problems,
    read_routes,
    refused,
    routes,
    sample_values,
    write_routes,
)
from tests.webui.test_documents import sample_ids
from tests.webui.util import PASSWORD, login, page_csrf, sample

samples_sqlite = shared.samples_sqlite
samples_pg = shared.samples_pg
samples_app = shared.samples_app

WRONG_TOKENS = ["ldb_wrong", "ldb_" + "A" * 43, "", "not-a-token"]


# --- setting the scene ----------------------------------------------------------------------------

@pytest.fixture
def scene(samples_app: Flask) -> dict:
    """Users (an administrator and a plain user), a token, one upload job, and a value for each URL part."""
    app = samples_app
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a crash is a 500 answer here, as a client would see it
    add_user(app, "root", is_admin=True)
    add_user(app, "amna")
    token = add_token(app, "amna")
    response = app.test_client().post(
        "/api/v1/uploads", headers={"Authorization": f"Bearer {token}"},
        data={"files": [(io.BytesIO(sample().read_bytes()), "job.pdf")]}, content_type="multipart/form-data")
    assert response.status_code == 202, response.get_data(as_text=True)
    # A search index over the samples, so that search pages answer rather than "no index yet".
    reindex(app.extensions["lawdb_sessions"], app.config["LAWDB_SETTINGS"])
    ids = sample_ids(app)
    # The Supreme Court judgment names no victim, so even its original PDF is public.
    known = {"document_id": ids.sc, "statute_id": ids.peca, "number": 1, "label": "22", "path": "s22",
             "name": "PECA", "filename": "lawdb.css", "job_id": response.get_json()["jobs"][0]["id"]}
    return {"app": app, "token": token, "known": known, "masked_document": ids.lhc}


def url_of(route, known: dict) -> str:
    return build_path(route.rule, sample_values(route.rule, known))


def would_succeed() -> dict:
    """A form body that a write route would accept from someone allowed to write."""
    return {"files": [(io.BytesIO(sample().read_bytes()), "probe.pdf")], "masking": "off",
            "username": "root", "password": PASSWORD, "text": "2022 LHC 9002"}


def fetch(client: FlaskClient, url: str, method: str = "GET", **kwargs):
    """The answer, read to its end at once (a streamed export must finish before the next request)."""
    response = client.open(url, method=method, **kwargs)
    response.get_data()
    return response


def send(client: FlaskClient, method: str, url: str, **kwargs):
    return fetch(client, url, method, data=would_succeed(), content_type="multipart/form-data", **kwargs)


def stored(app: Flask) -> list[Path]:
    root = app.config["LAWDB_SETTINGS"].files_dir
    return sorted(p for p in root.rglob("*") if p.is_file())


# --- the lists stay true ----------------------------------------------------------------------

def test_the_lists_name_routes_that_exist(scene: dict) -> None:
    keys = {r.key for r in routes(scene["app"])}
    assert set(PUBLIC_WRITES) <= keys, set(PUBLIC_WRITES) - keys
    assert set(PRIVATE_READS) <= keys, set(PRIVATE_READS) - keys
    # The sweep has something to sweep: the upload and masking routes are writes that need credentials.
    guarded = {r.key for r in write_routes(scene["app"])} - set(PUBLIC_WRITES)
    assert {("POST", "/upload"), ("POST", "/api/v1/uploads"),
            ("POST", "/documents/<int:document_id>/masking")} <= guarded


# --- writes -------------------------------------------------------------------------------------

def anonymous_write_problems(app: Flask, known: dict) -> list[str]:
    """What each guarded write route let through: anonymous, wrong-token and Basic callers."""
    problems = []
    for route in write_routes(app):
        if route.key in PUBLIC_WRITES:
            continue
        url = url_of(route, known)
        fresh = app.test_client()
        attempts = {"no credentials, no CSRF token": send(fresh, route.method, url)}
        anonymous = app.test_client()
        token = page_csrf(anonymous, "/login")  # an anonymous session's own, valid CSRF token
        attempts["no credentials, valid CSRF token"] = send(
            anonymous, route.method, url, headers={"X-CSRF-Token": token})
        for wrong in WRONG_TOKENS:
            attempts[f"token {wrong!r}"] = send(app.test_client(), route.method, url,
                                                headers={"Authorization": f"Bearer {wrong}"})
        attempts["Basic credentials"] = send(app.test_client(), route.method, url,
                                             headers={"Authorization": "Basic cm9vdDpwdw=="})
        for what, response in attempts.items():
            csrf_first = what == "no credentials, no CSRF token" and response.status_code == 400
            if not (refused(response) or csrf_first):
                problems.append(f"{route} ({what}): {response.status_code} "
                                f"{response.get_data(as_text=True)[:120]}")
    return problems


def test_every_write_route_refuses_anonymous_and_wrong_token_callers(scene: dict) -> None:
    app = scene["app"]
    before, files_before = database_fingerprint(app), stored(app)
    problems = anonymous_write_problems(app, scene["known"])
    assert not problems, "write routes that did not refuse:\n" + "\n".join(problems)
    assert changed_tables(before, database_fingerprint(app)) == []
    assert stored(app) == files_before


def test_the_sweep_finds_a_write_route_left_unguarded(sqlite_template: Path, tmp_path: Path) -> None:
    """The sweep above can fail: a new POST route without a guard is named, and only it."""
    shutil.copyfile(sqlite_template, tmp_path / "lawdb.sqlite3")
    app = make_app(sqlite_url(tmp_path / "lawdb.sqlite3"), tmp_path / "data")

    @app.post("/api/v1/notes/<int:note_id>")
    def unguarded(note_id: int):
        return {"saved": note_id}

    problems = anonymous_write_problems(app, {})
    assert problems, "an unguarded write route went unnoticed"
    assert all(p.startswith("POST /api/v1/notes/<int:note_id>") for p in problems), problems
    app.extensions["lawdb_engine"].dispose()


def test_a_wrong_token_is_refused_even_with_a_logged_in_session(scene: dict) -> None:
    app, known = scene["app"], scene["known"]
    client = app.test_client()
    assert login(client, "root", PASSWORD).status_code == 302
    csrf = page_csrf(client, "/upload")
    login_times = frozenset({"users.last_login_at"})
    before = database_fingerprint(app, skip_columns=login_times)
    for route in write_routes(app):
        if route.key in PUBLIC_WRITES:
            continue
        response = send(client, route.method, url_of(route, known),
                        headers={"Authorization": "Bearer ldb_forged", "X-CSRF-Token": csrf})
        assert refused(response), (str(route), response.status_code)
    assert changed_tables(before, database_fingerprint(app, skip_columns=login_times)) == []


def test_csrf_is_enforced_on_every_write_route_for_a_logged_in_session(scene: dict) -> None:
    app, known = scene["app"], scene["known"]
    client = app.test_client()
    assert login(client, "root", PASSWORD).status_code == 302
    good = page_csrf(client, "/upload")
    other = app.test_client()
    assert login(other, "amna", PASSWORD).status_code == 302
    stolen = page_csrf(other, "/upload")  # another session's valid token
    before = database_fingerprint(app)
    problems = []
    for route in write_routes(app):
        url = url_of(route, known)
        for what, headers in {"no token": {}, "wrong token": {"X-CSRF-Token": "x" * 43},
                              "another session's token": {"X-CSRF-Token": stolen}}.items():
            response = send(client, route.method, url, headers=headers)
            csrf_error = response.status_code == 400 and (
                not response.is_json or response.get_json()["error"] == "csrf_failed")
            if not csrf_error:
                problems.append(f"{route} ({what}): {response.status_code}")
        # The same in the form field, as a browser sends it.
        response = fetch(client, url, route.method, data={**would_succeed(), "csrf_token": stolen},
                         content_type="multipart/form-data")
        if response.status_code != 400:
            problems.append(f"{route} (another session's token in the form): {response.status_code}")
    assert not problems, "write routes that skipped the CSRF check:\n" + "\n".join(problems)
    assert changed_tables(before, database_fingerprint(app)) == []
    # Still logged in (the refused logout did nothing), and the right token works.
    assert client.get("/upload").status_code == 200
    assert client.post("/logout", data={"csrf_token": good}).status_code == 302
    assert is_login_redirect(client.get("/upload"))


# --- reads ----------------------------------------------------------------------------------------

def test_private_reads_refuse_anonymous_and_wrong_token_callers(scene: dict) -> None:
    app, known = scene["app"], scene["known"]
    for route in read_routes(app):
        if route.key not in PRIVATE_READS:
            continue
        url = url_of(route, known)
        assert refused(fetch(app.test_client(), url)), str(route)
        for wrong in WRONG_TOKENS:
            response = fetch(app.test_client(), url, headers={"Authorization": f"Bearer {wrong}"})
            assert response.status_code == 401, (str(route), wrong, response.status_code)
        owner = fetch(app.test_client(), url, headers={"Authorization": f"Bearer {scene['token']}"})
        assert owner.status_code == 200, (str(route), owner.status_code)


def test_reads_are_public_and_change_nothing(scene: dict) -> None:
    """Every GET answers an anonymous reader (bar the private ones) and leaves the database as it was."""
    app, known = scene["app"], scene["known"]
    admin = app.test_client()
    assert login(admin, "root", PASSWORD).status_code == 302
    before = database_fingerprint(app)
    problems = []
    for route in read_routes(app):
        url = url_of(route, known)
        anonymous = fetch(app.test_client(), url)
        if route.key not in PRIVATE_READS and refused(anonymous):
            problems.append(f"{route}: reading needs a login ({anonymous.status_code}); "
                            "list it in PRIVATE_READS if that is meant")
        for who, response in (("anonymous", anonymous), ("administrator", fetch(admin, url))):
            if response.status_code >= 500:
                problems.append(f"{route} ({who}): {response.status_code}")
    assert not problems, "\n".join(problems)
    assert changed_tables(before, database_fingerprint(app)) == [], "a GET route changed the database"


# --- headers ----------------------------------------------------------------------------------------

def test_security_headers_on_every_page_and_answer(scene: dict) -> None:
    app, known = scene["app"], scene["known"]
    admin = app.test_client()
    assert login(admin, "root", PASSWORD).status_code == 302
    answers = {}
    for route in read_routes(app):
        url = url_of(route, known)
        answers[f"{route} anonymous"] = fetch(app.test_client(), url)
        answers[f"{route} admin"] = fetch(admin, url)
        answers[f"{route} token"] = fetch(app.test_client(), url,
                                          headers={"Authorization": f"Bearer {scene['token']}"})
    client = app.test_client()
    answers["404 page"] = fetch(client, "/no/such/page")
    answers["404 JSON"] = fetch(client, "/api/v1/no/such/route")
    answers["404 document"] = fetch(client, "/documents/2147483647")
    answers["405"] = fetch(client, "/documents", "DELETE")
    answers["405 JSON"] = fetch(client, "/api/v1/documents", "DELETE")
    answers["400 CSRF"] = fetch(admin, "/logout", "POST")
    answers["400 bad query"] = fetch(client, "/api/v1/documents?page=x")
    answers["401 JSON"] = fetch(client, "/api/v1/jobs")
    answers["403 original"] = fetch(client, f"/documents/{scene['masked_document']}/original")
    answers["JSON POST"] = fetch(client, "/api/v1/citations/lookup", "POST", json={"text": "2022 LHC 9002"})
    mimetypes = set()
    problems = []
    for what, response in answers.items():
        mimetypes.add(response.mimetype)
        problems += [f"{what} ({response.status_code} {response.mimetype}): {p}"
                     for p in header_problems(response)]
        problems += [f"{what}: {p}" for p in leak_problems(response)]
    assert not problems, "\n".join(problems)
    assert {"text/html", "application/json", "application/pdf", "text/css", "text/csv"} <= mimetypes
    assert answers["403 original"].status_code == 403


def test_headers_and_no_traceback_on_a_crash_or_a_too_large_request(db_url: str, tmp_path: Path) -> None:
    app = make_app(db_url, tmp_path / "data", TESTING=False, MAX_CONTENT_LENGTH=1024)

    @app.get("/crash")
    def crash():
        raise RuntimeError("secret detail of the crash")

    @app.get("/api/v1/crash")
    def api_crash():
        raise RuntimeError("secret detail of the crash")

    client = app.test_client()
    for url in ("/crash", "/api/v1/crash"):
        response = client.get(url)
        assert response.status_code == 500
        assert header_problems(response) == []
        assert leak_problems(response) == []
        assert "secret detail" not in response.get_data(as_text=True)
    too_large = client.post("/api/v1/citations/lookup", data=b"x" * 4096, content_type="application/json")
    assert too_large.status_code == 413 and header_problems(too_large) == []
    app.extensions["lawdb_engine"].dispose()
