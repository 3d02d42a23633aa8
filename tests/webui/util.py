"""Helpers for web tests: CSRF tokens read from pages, logging in, sample PDFs."""

from __future__ import annotations

import re
from pathlib import Path

from flask.testing import FlaskClient

from tests.paths import SAMPLES

PASSWORD = "correct horse battery"
SAMPLE_PDFS = sorted(SAMPLES.glob("*.pdf"))
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_from(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def page_csrf(client: FlaskClient, path: str = "/login") -> str:
    """The CSRF token of a form page, as a browser would read it."""
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return csrf_from(response.get_data(as_text=True))


def login(client: FlaskClient, username: str, password: str, **extra: str):
    token = page_csrf(client, "/login")
    return client.post("/login", data={"username": username, "password": password,
                                       "csrf_token": token, **extra})


def sample(name: str | None = None) -> Path:
    if name is None:
        return SAMPLE_PDFS[0]
    return next(p for p in SAMPLE_PDFS if p.name == name)
