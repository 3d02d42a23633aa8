"""Regression tests for the security and robustness bugs found by the route probes and schemathesis.

Each test names the bug it guards against; the broad sweeps that found them
are in ``test_security_routes.py``, ``test_security_probes.py`` and
``test_api_schemathesis.py``.
"""

from __future__ import annotations

import pytest
from flask import Flask

from tests.webui.conftest import add_user
from tests.webui.util import PASSWORD, login
from webui.security import MAX_URL_INT


@pytest.fixture
def quiet_app(app: Flask) -> Flask:
    # A crash must show as the 500 a client would get, not as an exception in the test.
    app.config["PROPAGATE_EXCEPTIONS"] = False
    return app


@pytest.mark.parametrize("path", [
    "/documents/{n}", "/documents/{n}/original", "/api/v1/documents/{n}", "/api/v1/documents/1/pages/{n}",
    "/statutes/{n}", "/statutes/{n}/section/1", "/api/v1/statutes/{n}", "/api/v1/statutes/{n}/provisions/1",
    "/api/v1/jobs/{n}",
])
def test_ids_too_large_for_the_database_are_404_not_500(quiet_app: Flask, path: str) -> None:
    """Bug: ``/documents/9223372036854775808`` raised OverflowError in SQLite's driver (500)."""
    add_user(quiet_app, "amna")
    client = quiet_app.test_client()
    login(client, "amna", PASSWORD)  # so that /api/v1/jobs/<id> reaches its view
    for n in (MAX_URL_INT + 1, 2**63, 10**30):
        response = client.get(path.format(n=n))
        assert response.status_code == 404, (path, n, response.status_code)
    assert client.get(path.format(n=MAX_URL_INT)).status_code == 404  # the largest id is still looked up


@pytest.mark.parametrize("request_kwargs", [
    {"path": "/documents", "query_string": {"court": "a\x00b"}},
    {"path": "/api/v1/documents", "query_string": {"court": "\x00"}},
    {"path": "/api/v1/sentences", "query_string": {"act": "PPC\x00"}},
    {"path": "/sentences.csv", "query_string": {"court": "\x00"}},
    {"path": "/statutes/a%00b"},
    {"path": "/statutes/PECA%00/section/22"},
    {"path": "/api/v1/statutes/1/provisions/22%00"},
    {"path": "/login", "method": "POST", "data": {"username": "amna\x00", "password": "x"}},
])
def test_nul_characters_are_a_400_not_a_500(quiet_app: Flask, request_kwargs: dict) -> None:
    """Bug: on PostgreSQL, ``?court=%00`` and ``/statutes/%00`` were a 500 (psycopg refuses NUL in text)."""
    client = quiet_app.test_client()
    response = client.open(**request_kwargs)
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    assert "NUL character" in response.get_data(as_text=True)
    if request_kwargs["path"].startswith("/api/"):
        assert response.get_json()["error"] == "bad_request"


@pytest.mark.parametrize("path", ["/documents?court=%C2%B9", "/api/v1/documents?court=%C2%B2",
                                  "/api/v1/sentences?court=%C2%B9", "/sentences.csv?court=%E2%91%A0"])
def test_a_unicode_digit_court_is_no_court_not_a_500(quiet_app: Flask, path: str) -> None:
    """Bug: ``?court=¹`` passed str.isdigit() and crashed int() (500); found by schemathesis."""
    response = quiet_app.test_client().get(path)
    assert response.status_code == 200, response.status_code
    if path.startswith("/api/"):
        assert response.get_json()["total"] == 0


def test_a_form_field_named_with_a_line_break_is_not_a_500(quiet_app: Flask) -> None:
    """Bug: a multipart field name holding a line break arrives as None and broke the NUL check (500)."""
    body = (b'--b\r\nContent-Disposition: form-data; name="\n"\r\n\r\nnull\r\n'
            b'--b\r\nContent-Disposition: form-data; name="username"\r\n\r\namna\r\n--b--\r\n')
    response = quiet_app.test_client().post("/login", data=body,
                                            content_type="multipart/form-data; boundary=b")
    assert response.status_code == 400  # refused for its missing CSRF token, like any form without one
