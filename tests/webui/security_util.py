"""Helpers for the security tests: every route of the app, concrete URLs for them, checks on answers.

The route list comes from ``app.url_map``, so a route added later is swept
by the same tests without being named anywhere. What the tests cannot
guess (which write routes are public on purpose, which reads need a login)
is listed here, each entry with its reason; a new route that fits neither
list is held to the strict rule (a write refuses anonymous callers).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from flask import Flask
from sqlalchemy import MetaData, select, text
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.routing import Rule
from werkzeug.wrappers import Request as WerkzeugRequest

from lawdb.models import Base
from webui.security import UNSAFE_METHODS

#: Write routes anyone may call, and why each is safe to leave open. Every other
#: POST/PUT/PATCH/DELETE route must refuse anonymous and wrong-token callers.
PUBLIC_WRITES: dict[tuple[str, str], str] = {
    ("POST", "/login"): "logging in is how a caller gets credentials (rate-limited, CSRF-checked)",
    ("POST", "/logout"): "ends only the caller's own session (CSRF-checked)",
    ("POST", "/api/v1/citations/lookup"): "reads only: finds and resolves the citations in the text sent",
}

#: Reads that need write access: they show a user's own uploads and jobs.
PRIVATE_READS: dict[tuple[str, str], str] = {
    ("GET", "/upload"): "the upload form",
    ("GET", "/upload/jobs"): "the user's own ingest jobs",
    ("GET", "/api/v1/jobs"): "the caller's own ingest jobs",
    ("GET", "/api/v1/jobs/<int:job_id>"): "one of the caller's ingest jobs",
}

#: Headers every answer carries, HTML, JSON, files and errors alike.
SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy")

#: Traces of a crash or of a leaked file in a body.
LEAK_MARKERS = ("Traceback (most recent call last)", "root:x:0:0", "[boot loader]", "sqlalchemy.exc",
                "psycopg.errors", "sqlite3.", "File \"/")


@dataclass(frozen=True)
class Route:
    method: str
    rule: Rule

    @property
    def key(self) -> tuple[str, str]:
        return self.method, self.rule.rule

    def __str__(self) -> str:
        return f"{self.method} {self.rule.rule}"


def routes(app: Flask) -> list[Route]:
    """Every (method, rule) the app answers, HEAD and OPTIONS left out (Werkzeug's own)."""
    found = [Route(method, rule) for rule in app.url_map.iter_rules()
             for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return sorted(found, key=lambda r: (r.rule.rule, r.method))


def write_routes(app: Flask) -> list[Route]:
    return [r for r in routes(app) if r.method in UNSAFE_METHODS]


def read_routes(app: Flask) -> list[Route]:
    return [r for r in routes(app) if r.method == "GET"]


def converter_name(rule: Rule, argument: str) -> str:
    """``int``, ``path``, ``default`` (a string)... as the rule declares the argument."""
    found = re.search(rf"<(?:(\w+)(?:\([^)]*\))?:)?{argument}>", rule.rule)
    return (found.group(1) if found else None) or "default"


def build_path(rule: Rule, values: dict[str, str]) -> str:
    """The rule's path with ``values`` put in as they are (already quoted by the caller)."""
    def put(match: re.Match) -> str:
        return values[match.group(1)]
    return re.sub(r"<(?:\w+(?:\([^)]*\))?:)?(\w+)>", put, rule.rule)


def sample_values(rule: Rule, known: dict[str, Any]) -> dict[str, str]:
    """A plausible value for each of the rule's arguments: ``known`` by name, else by converter."""
    values = {}
    for name in rule.arguments:
        if name in known:
            values[name] = quote(str(known[name]), safe="/")
        elif converter_name(rule, name) == "int":
            values[name] = "1"
        else:
            values[name] = "x"
    return values


# --- which query parameters a view reads ------------------------------------------------------

class _RecordingArgs(ImmutableMultiDict):
    """Query arguments that note each name a view asks for."""

    read: set[str] = set()  # emptied by read_names before each request

    def get(self, key, default=None, type=None):
        _RecordingArgs.read.add(key)
        return super().get(key, default, type)

    def getlist(self, key, type=None):
        _RecordingArgs.read.add(key)
        return super().getlist(key, type)

    def __getitem__(self, key):
        _RecordingArgs.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        _RecordingArgs.read.add(key)
        return super().__contains__(key)


def record_parameters(app: Flask) -> None:
    """Make the app's requests note which query and form names the views read (see :func:`read_names`)."""
    base = app.request_class

    class RecordingRequest(base):  # type: ignore[misc, valid-type]
        parameter_storage_class = _RecordingArgs

    assert issubclass(RecordingRequest, WerkzeugRequest)
    app.request_class = RecordingRequest


def read_names(client, url: str) -> set[str]:
    """The query names the view behind ``url`` reads on a plain GET (needs :func:`record_parameters`)."""
    _RecordingArgs.read = set()
    client.get(url)
    return set(_RecordingArgs.read)


# --- checks -----------------------------------------------------------------------------------

def header_problems(response) -> list[str]:
    problems = [f"missing {name}" for name in SECURITY_HEADERS if not response.headers.get(name)]
    csp = response.headers.get("Content-Security-Policy", "")
    if csp and "frame-ancestors" not in csp:
        problems.append("CSP without frame-ancestors")
    if response.headers.get("X-Content-Type-Options", "nosniff").lower() != "nosniff":
        problems.append("X-Content-Type-Options is not nosniff")
    return problems


def leak_problems(response) -> list[str]:
    if response.mimetype == "application/pdf" or response.direct_passthrough:
        return []
    body = response.get_data(as_text=True)
    return [f"body shows {marker!r}" for marker in LEAK_MARKERS if marker in body]


def is_login_redirect(response) -> bool:
    return response.status_code in (302, 303) and "/login" in response.headers.get("Location", "")


def refused(response) -> bool:
    """A refusal of an unauthorised caller: 401, 403, or the browser's way to the login page."""
    return response.status_code in (401, 403) or is_login_redirect(response)


# --- the database, before and after -------------------------------------------------------------

def database_fingerprint(app: Flask, *, skip_columns: frozenset[str] = frozenset()) -> dict[str, str]:
    """A digest of every table's rows (in key order), to show that requests changed nothing."""
    engine = app.extensions["lawdb_engine"]
    digests = {}
    metadata: MetaData = Base.metadata
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            columns = [c for c in table.columns if f"{table.name}.{c.name}" not in skip_columns]
            order = list(table.primary_key.columns) or columns
            digest = hashlib.sha256()
            for row in conn.execute(select(*columns).order_by(*order)):
                digest.update(repr(tuple(row)).encode())
            digests[table.name] = digest.hexdigest()
        # The tables themselves: nothing dropped or added behind the models' back.
        if engine.dialect.name == "sqlite":
            names = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars()
        else:
            names = conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
                                 ).scalars()
        digests["<tables>"] = ",".join(sorted(names))
    return digests


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


def chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
