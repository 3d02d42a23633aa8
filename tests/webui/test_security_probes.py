"""Hostile values in every query parameter and URL part of every GET route, on SQLite and PostgreSQL.

SQL injection (``' OR 1=1--``, ``1; DROP TABLE documents``, a UNION on the
users table), path traversal (``../../etc/passwd``, percent-encoded, absolute
paths, backslashes), NUL and control characters, header injection, script
tags, unicode (RTL, astral, combining), format strings and a 20,000-character
value go into each parameter in turn. The parameters are the ones each view
actually reads (recorded on a plain request, see ``security_util``), so a
route or parameter added later is probed too.

Every answer: no 5xx, no traceback or driver error in the body, no file
contents, the security headers, no injected header, and no unescaped script
tag in a page. Afterwards every table is as it was.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from flask import Flask

from tests.webui import test_documents as shared
from tests.webui.security_util import (
    build_path,
    changed_tables,
    converter_name,
    database_fingerprint,
    header_problems,
    leak_problems,
    read_names,
    read_routes,
    record_parameters,
    sample_values,
)
from tests.webui.test_security_routes import fetch, scene, url_of
from tests.webui.util import PASSWORD, login

samples_sqlite = shared.samples_sqlite
samples_pg = shared.samples_pg
samples_app = shared.samples_app
__all__ = ["samples_app", "samples_pg", "samples_sqlite", "scene"]

XSS = "<script>alert('lawdb')</script>"
INJECTED_HEADER = "X-Lawdb-Injected"

#: Values no parameter should choke on.
PROBES = [
    "' OR 1=1--",
    "1; DROP TABLE documents",
    "1' UNION SELECT username, password_hash FROM users--",
    '" OR ""="',
    "%' OR '%'='",
    "../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/etc/passwd",
    "....//....//etc/passwd",
    "..\\..\\..\\windows\\win.ini",
    "file:///etc/passwd",
    "a\x00b",
    "\x00",
    f"x\r\n{INJECTED_HEADER}: 1",
    XSS,
    "ﷺ قانون ١٢٣ \u202e𝕷𝖆𝖜 😀 e\u0301",
    "%s%s%n{0.__class__}",
    "-1",
    "¹²",  # digits to str.isdigit(), not to int()
    "١٢٣",  # Arabic-Indic digits, which int() reads
    "99999999999999999999",
    "A" * 20_000,
]

def answer_problems(response, where: str) -> list[str]:
    problems = []
    if response.status_code >= 500:
        problems.append(f"{where}: {response.status_code}")
    problems += [f"{where}: {p}" for p in header_problems(response)]
    problems += [f"{where}: {p}" for p in leak_problems(response)]
    if INJECTED_HEADER in response.headers:
        problems.append(f"{where}: injected header")
    if response.mimetype == "text/html" and XSS in response.get_data(as_text=True):
        problems.append(f"{where}: unescaped script tag in the page")
    return problems


def report(problems: list[str], crashes: list[str]) -> str:
    return "\n".join([f"{len(problems)} problems:", *problems[:40], "exceptions:", *crashes[:10]])


def short(value: str) -> str:
    return repr(value if len(value) < 40 else value[:30] + f"...({len(value)})")


@pytest.fixture
def prober(scene: dict):
    """A logged-in administrator's client (so private reads are probed too), the app recording reads."""
    app: Flask = scene["app"]
    crashes: list[str] = []

    def note(sender, exception, **_):
        crashes.append(f"{type(exception).__name__}: {exception}"[:200])

    from flask import got_request_exception

    got_request_exception.connect(note, app)
    record_parameters(app)
    client = app.test_client()
    assert login(client, "root", PASSWORD).status_code == 302
    yield client, crashes
    got_request_exception.disconnect(note, app)


def test_probes_in_every_query_parameter(scene: dict, prober) -> None:
    app, known = scene["app"], scene["known"]
    client, crashes = prober
    before = database_fingerprint(app)
    problems: list[str] = []
    probed = 0
    for route in read_routes(app):
        url = url_of(route, known)
        for name in sorted(read_names(client, url)):
            for probe in PROBES:
                response = fetch(client, url, query_string={name: probe})
                problems += answer_problems(response, f"{route} ?{name}={short(probe)}")
                probed += 1
    assert not problems, report(problems, crashes)
    assert probed > 500
    assert changed_tables(before, database_fingerprint(app)) == []


def test_probes_in_every_url_part(scene: dict, prober) -> None:
    app, known = scene["app"], scene["known"]
    client, crashes = prober
    before = database_fingerprint(app)
    problems: list[str] = []
    for route in read_routes(app):
        for argument in route.rule.arguments:
            for probe in PROBES:
                values = sample_values(route.rule, known)
                # Encoded as a client should, and raw (slashes and dots as they are) as an attacker might.
                for form in {quote(probe, safe=""), quote(probe, safe="/.%\\")}:
                    values[argument] = form
                    url = build_path(route.rule, values)
                    response = fetch(client, url)
                    where = f"{route} <{argument}>={short(probe)} as {short(form)}"
                    problems += answer_problems(response, where)
                    is_id = converter_name(route.rule, argument) == "int"
                    if is_id and response.status_code not in (400, 404):
                        problems.append(f"{url}: {response.status_code} for a non-id")
    assert not problems, report(problems, crashes)
    assert changed_tables(before, database_fingerprint(app)) == []


@pytest.mark.parametrize("path", [
    "/static/../../../../etc/passwd", "/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/static//etc/passwd", "/static/..\\..\\..\\etc\\passwd",
    "/documents/1/original/../../../etc/passwd", "/static/%252e%252e/%252e%252e/etc/passwd",
])
def test_no_file_outside_the_app_is_served(scene: dict, path: str) -> None:
    response = fetch(scene["app"].test_client(), path, follow_redirects=True)
    assert response.status_code in (400, 404), response.status_code
    assert "root:" not in response.get_data(as_text=True)
