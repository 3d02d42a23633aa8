"""Logging in and out, rate limiting, CSRF and the session cookie, through Flask's test client."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from lawdb.models import User
from lawdb.services import users as user_service
from tests.webui.conftest import add_user, make_app
from tests.webui.util import PASSWORD, csrf_from, login, page_csrf


def test_login_and_logout(client: FlaskClient, amna: str, app: Flask) -> None:
    page = client.get("/login")
    assert page.status_code == 200
    assert 'name="password"' in page.get_data(as_text=True)
    assert client.get("/upload").status_code == 302  # not yet

    response = login(client, amna, PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/upload"
    home = client.get("/").get_data(as_text=True)
    assert "amna" in home and "Log out" in home
    assert client.get("/upload").status_code == 200
    with app.extensions["lawdb_sessions"]() as session:
        assert session.scalars(select(User)).one().last_login_at is not None

    token = csrf_from(home)
    out = client.post("/logout", data={"csrf_token": token})
    assert out.status_code == 302 and out.headers["Location"] == "/"
    assert client.get("/upload").status_code == 302
    assert "Log in" in client.get("/").get_data(as_text=True)


def test_wrong_password_and_unknown_user_look_the_same(client: FlaskClient, amna: str) -> None:
    wrong = login(client, amna, PASSWORD + "!")
    nobody = login(client, "nobody", PASSWORD)
    for response in (wrong, nobody):
        assert response.status_code == 200
        assert "Wrong username or password." in response.get_data(as_text=True)
    assert client.get("/upload").status_code == 302


def test_login_goes_back_to_next_but_never_off_site(client: FlaskClient, amna: str) -> None:
    first = client.get("/upload/jobs")
    assert first.status_code == 302
    assert first.headers["Location"] == "/login?next=/upload/jobs"
    assert login(client, amna, PASSWORD, next="/upload/jobs").headers["Location"] == "/upload/jobs"
    client.post("/logout", data={"csrf_token": page_csrf(client, "/upload")})
    for evil in ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"]:
        response = login(client, amna, PASSWORD, next=evil)
        assert response.headers["Location"] == "/upload", evil
        client.post("/logout", data={"csrf_token": page_csrf(client, "/upload")})


def test_inactive_user_cannot_log_in_and_is_logged_out(client: FlaskClient, amna: str, app: Flask) -> None:
    assert login(client, amna, PASSWORD).status_code == 302
    with app.extensions["lawdb_sessions"]() as session:
        user_service.get_user(session, amna).is_active = False
        session.commit()
    assert client.get("/upload").status_code == 302  # the existing session ends
    assert login(client, amna, PASSWORD).status_code == 200  # and no new one starts


def test_password_change_ends_existing_sessions(client: FlaskClient, amna: str, app: Flask) -> None:
    assert login(client, amna, PASSWORD).status_code == 302
    assert client.get("/upload").status_code == 200
    with app.extensions["lawdb_sessions"]() as session:
        user_service.set_password(user_service.get_user(session, amna), "brand new password")
        session.commit()
    assert client.get("/upload").status_code == 302


def test_failed_logins_are_rate_limited_per_user_and_address(client: FlaskClient, app: Flask,
                                                             amna: str) -> None:
    limit = app.config["LAWDB_LOGIN_MAX_FAILURES"]
    assert limit == 5
    for _ in range(limit):
        assert login(client, amna, "wrong password").status_code == 200
    blocked = login(client, amna, PASSWORD)  # even the right password is not tried now
    assert blocked.status_code == 429
    assert "Too many failed logins" in blocked.get_data(as_text=True)
    assert 0 < int(blocked.headers["Retry-After"]) <= app.config["LAWDB_LOGIN_WINDOW_SECONDS"]
    assert client.get("/upload").status_code == 302
    # Another user from the same address, and the same user from another address, are not blocked.
    add_user(app, "bilal")
    assert login(client, "bilal", PASSWORD).status_code == 302
    other = app.test_client()
    token = page_csrf(other)
    response = other.post("/login", data={"username": amna, "password": PASSWORD, "csrf_token": token},
                          environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert response.status_code == 302


def test_rate_limit_window_passes(client: FlaskClient, app: Flask, amna: str) -> None:
    now = [1000.0]
    for name in ("lawdb_login_limiter", "lawdb_login_ip_limiter"):
        app.extensions[name].clock = lambda: now[0]
    for _ in range(5):
        login(client, amna, "wrong password")
    assert login(client, amna, PASSWORD).status_code == 429
    now[0] += app.config["LAWDB_LOGIN_WINDOW_SECONDS"] + 1
    assert login(client, amna, PASSWORD).status_code == 302


def test_success_resets_the_failure_count(client: FlaskClient, app: Flask, amna: str) -> None:
    for _ in range(4):
        login(client, amna, "wrong password")
    assert login(client, amna, PASSWORD).status_code == 302
    client.post("/logout", data={"csrf_token": page_csrf(client, "/upload")})
    for _ in range(4):
        login(client, amna, "wrong password")
    assert login(client, amna, PASSWORD).status_code == 302


def test_csrf_is_enforced_on_every_form(client: FlaskClient, amna: str) -> None:
    # No token, a wrong token: refused before the password is even looked at.
    for data in ({"username": amna, "password": PASSWORD},
                 {"username": amna, "password": PASSWORD, "csrf_token": "forged"}):
        response = client.post("/login", data=data)
        assert response.status_code == 400
        assert "CSRF" in response.get_data(as_text=True)
    assert client.get("/upload").status_code == 302

    assert login(client, amna, PASSWORD).status_code == 302
    # Logged in: logout and upload without the token are refused, and the session survives.
    assert client.post("/logout").status_code == 400
    assert client.post("/upload", data={}).status_code == 400
    assert client.post("/logout", headers={"X-CSRF-Token": "nope"}).status_code == 400
    assert client.get("/upload").status_code == 200
    # The token also works as a header (for scripts using the session).
    token = page_csrf(client, "/upload")
    assert client.post("/logout", headers={"X-CSRF-Token": token}).status_code == 302


def test_csrf_token_changes_at_login(client: FlaskClient, amna: str) -> None:
    before = page_csrf(client, "/login")
    login(client, amna, PASSWORD)
    after = page_csrf(client, "/upload")
    assert before != after
    assert client.post("/logout", data={"csrf_token": before}).status_code == 400


def test_csrf_error_is_json_for_api_clients(logged_in: FlaskClient) -> None:
    response = logged_in.post("/api/v1/uploads")
    assert response.status_code == 400
    assert response.get_json()["error"] == "csrf_failed"


def test_session_cookie_flags(client: FlaskClient, amna: str) -> None:
    response = login(client, amna, PASSWORD)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain HTTP unless LAWDB_SECURE_COOKIES is set


def test_secure_cookies_from_the_environment(db_url: str, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAWDB_SECURE_COOKIES", "1")
    app = make_app(db_url, tmp_path / "data")
    add_user(app, "amna")
    client = app.test_client()
    response = client.get("/login", base_url="https://localhost")
    token = csrf_from(response.get_data(as_text=True))
    response = client.post("/login", base_url="https://localhost",
                           data={"username": "amna", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    assert "Secure" in response.headers["Set-Cookie"]
    app.extensions["lawdb_engine"].dispose()


def test_bad_limit_setting_is_a_clear_error(db_url: str, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAWDB_UPLOAD_MAX_FILES", "lots")
    with pytest.raises(ValueError, match="LAWDB_UPLOAD_MAX_FILES must be a whole number"):
        make_app(db_url, tmp_path / "data")


def test_read_stays_public(client: FlaskClient) -> None:
    home = client.get("/")
    assert home.status_code == 200
    assert "Set-Cookie" not in home.headers  # anonymous reading needs no session
    assert client.get("/healthz").status_code == 200


def test_security_headers_kept_on_new_pages(client: FlaskClient) -> None:
    page = client.get("/login")
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert page.headers["X-Frame-Options"] == "DENY"
    assert "<script" not in page.get_data(as_text=True)


def test_login_required_decorator(db_url: str, data_dir: Path) -> None:
    """For later browser-only pages: a session login, never a token; 401 JSON for API clients."""
    from flask import g

    from webui.auth import login_required

    app = make_app(db_url, data_dir)

    @app.get("/account-probe")
    @login_required
    def probe():
        return f"hello {g.user.username}"

    add_user(app, "amna")
    client = app.test_client()
    response = client.get("/account-probe")
    assert response.status_code == 302 and response.headers["Location"] == "/login?next=/account-probe"
    response = client.get("/account-probe", headers={"Accept": "application/json"})
    assert response.status_code == 401 and response.get_json()["error"] == "unauthorized"
    login(client, "amna", PASSWORD)
    assert client.get("/account-probe").get_data(as_text=True) == "hello amna"
    app.extensions["lawdb_engine"].dispose()
