"""Schemathesis against ``/api/v1/openapi.json``: generated requests, in-process, on the ingested samples.

Every operation of the OpenAPI document (listed from :func:`webui.api.openapi_document`,
so a new route is covered by being documented) gets requests generated from
its schema, valid ones and invalid ones, sent to the Flask app in-process on
a copy of the ingested samples (SQLite). Each answer must not be a 5xx, and
must conform to the document: a documented status code, the documented
content type, a body that validates against the documented schema.

Operations that need write access are called with a real API token.

Bounded for CI: ``LAWDB_SCHEMATHESIS_EXAMPLES`` examples per operation and
mode (default 25), no deadline. Written with ``as_strategy`` and Hypothesis
rather than ``schemathesis.pytest.from_fixture``: the lazy fixture loader of
schemathesis 4.32 reads ``Node._nodeid``, which pytest 9 no longer has.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance
from werkzeug.exceptions import MethodNotAllowed, NotFound

from lawdb.config import sqlite_url
from lawdb.search import reindex
from lawdb.services import users as user_service
from tests.webui import test_documents as shared
from tests.webui.conftest import add_user, make_app
from webui.api import openapi_document

samples_sqlite = shared.samples_sqlite

EXAMPLES = int(os.environ.get("LAWDB_SCHEMATHESIS_EXAMPLES", "25"))
DOCUMENT = openapi_document()


def _cases() -> list[tuple[str, str, GenerationMode]]:
    """Every (method, path, mode): valid data for every operation, invalid data where there is input."""
    cases = []
    for path, item in sorted(DOCUMENT["paths"].items()):
        for method, operation in sorted(item.items()):
            cases.append((method.upper(), path, GenerationMode.POSITIVE))
            if operation.get("parameters") or operation.get("requestBody"):
                cases.append((method.upper(), path, GenerationMode.NEGATIVE))
    return cases


CASES = _cases()
#: Checks left out per operation, each with its reason.
EXCLUDED_CHECKS = {
    # The schema cannot say that a file's *content* must start with %PDF-; generated "valid"
    # files are refused with 400 not_a_pdf, as they must be.
    ("POST", "/api/v1/uploads"): [positive_data_acceptance],
    # Search needs a query or at least one filter; OpenAPI cannot say "one of these parameters",
    # so a request with none is valid by the document and refused with 400 bad_query.
    ("GET", "/api/v1/search"): [positive_data_acceptance],
}


@pytest.fixture
def samples_client_app(samples_sqlite: tuple[Path, Path], tmp_path: Path) -> Iterator[tuple[Flask, str]]:
    """The app over a copy of the ingested samples, and an API token of a user of it."""
    db, files = samples_sqlite
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(db, data / "lawdb.sqlite3")
    shutil.copytree(files, data / "files")
    # Not TESTING's exception propagation: a crash must show as the 500 a client would get.
    app = make_app(sqlite_url(data / "lawdb.sqlite3"), data, PROPAGATE_EXCEPTIONS=False)
    # A search index over the samples, so that search answers rather than 503 (no index yet).
    reindex(app.extensions["lawdb_sessions"], app.config["LAWDB_SETTINGS"])
    add_user(app, "fuzzer")
    with app.extensions["lawdb_sessions"]() as session:
        _, token = user_service.create_token(session, user_service.get_user(session, "fuzzer"), "fuzz")
        session.commit()
    yield app, token
    app.extensions["lawdb_engine"].dispose()


def test_every_api_route_is_in_the_document(samples_client_app: tuple[Flask, str]) -> None:
    """A route under /api/ that the document leaves out would escape the fuzzing below."""
    app, _ = samples_client_app
    routed = {(method, re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule))
              for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/")
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    missing = routed - {(m, p) for m, p, _ in CASES}
    assert not missing, f"API routes missing from /api/v1/openapi.json: {sorted(missing)}"


@pytest.mark.parametrize(("method", "path", "mode"), CASES, ids=[f"{m} {p} {g.value}" for m, p, g in CASES])
def test_api_conforms_to_its_openapi_document(samples_client_app: tuple[Flask, str], method: str, path: str,
                                              mode: GenerationMode) -> None:
    app, token = samples_client_app
    try:
        app.url_map.bind("localhost").match(re.sub(r"\{\w+\}", "1", path), method=method)
    except NotFound:
        if DOCUMENT["paths"][path][method.lower()].get("x-status") == "planned":
            pytest.skip(f"{method} {path} is documented as planned and not routed yet")
        raise
    except MethodNotAllowed:
        pytest.fail(f"{method} {path} is documented but not routed")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operation = schema[path][method]
    needs_token = bool(operation.definition.raw.get("security"))
    headers = {"Authorization": f"Bearer {token}"} if needs_token else None
    excluded = EXCLUDED_CHECKS.get((method, path), [])

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    def run(case) -> None:
        case.call_and_validate(headers=headers, excluded_checks=excluded)

    run()
