"""Uploads: judged by content, never by name; limited in count, size and form parts; nothing half-kept.

Through both doors, the form (a logged-in session with its CSRF token) and
the API (a bearer token), with real files: the samples and the hostile
files of ``../shared/corpus/robustness`` (an HTML page and a zero-byte
download saved as ``.pdf``), used by path.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.webui.conftest import add_token, add_user, make_app
from tests.webui.security_util import header_problems
from tests.webui.util import PASSWORD, login, page_csrf, sample

ROBUSTNESS = "corpus/robustness"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
ZIP = b"PK\x03\x04" + b"\x00" * 64
ELF = b"\x7fELF" + b"\x00" * 64

NOT_PDFS = {
    "html page": b"<!doctype html><html><body>judgment</body></html>",
    "plain text": b"IN THE LAHORE HIGH COURT, LAHORE\nCriminal Appeal No. 1 of 2020",
    "png image": PNG,
    "zip archive": ZIP,
    "executable": ELF,
    "pdf-like prefix": b"%PDX-1.7\n",
    "empty": b"",
}


@pytest.fixture
def doors(app: Flask) -> dict:
    """Ways in: ``form(files)`` and ``api(files)``, each taking (bytes, name) pairs."""
    add_user(app, "amna")
    token = add_token(app, "amna")
    browser = app.test_client()
    assert login(browser, "amna", PASSWORD).status_code == 302
    csrf = page_csrf(browser, "/upload")

    def form(files, field="files"):
        data = {"csrf_token": csrf, field: [(io.BytesIO(content), name) for content, name in files]}
        return browser.post("/upload", data=data, content_type="multipart/form-data")

    def api(files, field="files", client: FlaskClient | None = None):
        data = {field: [(io.BytesIO(content), name) for content, name in files]}
        return (client or app.test_client()).post(
            "/api/v1/uploads", data=data, content_type="multipart/form-data",
            headers={"Authorization": f"Bearer {token}"})

    return {"form": form, "api": api}


def stored(app: Flask) -> list[Path]:
    root = app.config["LAWDB_SETTINGS"].files_dir
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def leftovers(app: Flask) -> list[Path]:
    tmp = app.config["LAWDB_SETTINGS"].data_dir / "tmp"
    return sorted(tmp.iterdir()) if tmp.exists() else []


def jobs(app: Flask) -> int:
    from sqlalchemy import func, select

    from lawdb.models import IngestJob

    with app.extensions["lawdb_sessions"]() as session:
        return session.scalar(select(func.count()).select_from(IngestJob))


#: The content checks come before the database is touched: one database kind is enough for them.
SQLITE_ONLY = pytest.mark.parametrize("db_kind", ["sqlite"])


@SQLITE_ONLY
@pytest.mark.parametrize("door", ["form", "api"])
@pytest.mark.parametrize("what", sorted(NOT_PDFS))
def test_a_file_named_pdf_that_is_not_one_is_refused(app: Flask, doors: dict, door: str, what: str) -> None:
    response = doors[door]([(NOT_PDFS[what], "judgment.pdf")])
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    if door == "api":
        assert response.get_json()["error"] in ("not_a_pdf", "empty_file")
    assert jobs(app) == 0 and stored(app) == [] and leftovers(app) == []


@pytest.mark.parametrize("name", ["real_SHC_html_saved_as_pdf.pdf", "real_SHC_zero_byte_download.pdf",
                                  "pp_empty.pdf"])
def test_hostile_files_from_the_corpus_are_refused_by_content(app: Flask, doors: dict, shared_dir: Path,
                                                              name: str) -> None:
    content = (shared_dir / ROBUSTNESS / name).read_bytes()
    for door in ("form", "api"):
        assert doors[door]([(content, name)]).status_code == 400
    assert jobs(app) == 0 and stored(app) == []


@SQLITE_ONLY
@pytest.mark.parametrize("name", ["judgment.txt", "judgment.exe", "judgment", "../../etc/passwd",
                                  "C:\\Windows\\system32\\cmd.pdf", "名前.html"])
def test_a_pdf_under_any_name_is_accepted_and_stored_by_its_hash(app: Flask, doors: dict, name: str) -> None:
    response = doors["api"]([(sample().read_bytes(), name)])
    assert response.status_code == 202, response.get_data(as_text=True)[:300]
    job = response.get_json()["jobs"][0]
    assert "/" not in job["original_name"] and "\\" not in job["original_name"]
    files = stored(app)
    assert [p.stem for p in files] == [job["sha256"]]
    assert all(app.config["LAWDB_SETTINGS"].files_dir in p.parents for p in files)
    assert doors["form"]([(sample().read_bytes(), name)]).status_code == 302


def test_one_bad_file_refuses_the_whole_upload(app: Flask, doors: dict) -> None:
    good = sample().read_bytes()
    for door in ("form", "api"):
        response = doors[door]([(good, "a.pdf"), (NOT_PDFS["html page"], "b.pdf"), (good, "c.pdf")])
        assert response.status_code == 400
    assert jobs(app) == 0 and stored(app) == [] and leftovers(app) == []


def test_the_file_count_is_limited_across_both_fields(db_url: str, tmp_path: Path) -> None:
    app = make_app(db_url, tmp_path / "data", LAWDB_UPLOAD_MAX_FILES=3)
    add_user(app, "amna")
    token = add_token(app, "amna")
    pdf = sample().read_bytes()
    data = {"files": [(io.BytesIO(pdf), f"{n}.pdf") for n in range(2)],
            "file": [(io.BytesIO(pdf), f"x{n}.pdf") for n in range(2)]}
    response = app.test_client().post("/api/v1/uploads", data=data, content_type="multipart/form-data",
                                      headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 400 and response.get_json()["error"] == "too_many_files"
    assert jobs(app) == 0 and stored(app) == []
    app.extensions["lawdb_engine"].dispose()


def test_a_request_over_the_size_limit_is_refused_and_nothing_kept(db_url: str, tmp_path: Path) -> None:
    app = make_app(db_url, tmp_path / "data", MAX_CONTENT_LENGTH=8 * 1024)
    add_user(app, "amna")
    token = add_token(app, "amna")
    big = b"%PDF-1.4\n" + b"0" * (64 * 1024)
    response = app.test_client().post("/api/v1/uploads", data={"files": [(io.BytesIO(big), "big.pdf")]},
                                      content_type="multipart/form-data",
                                      headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 413 and response.get_json()["error"] == "too_large"
    assert header_problems(response) == []
    assert jobs(app) == 0 and stored(app) == [] and leftovers(app) == []
    app.extensions["lawdb_engine"].dispose()


def test_a_flood_of_form_fields_is_refused_not_a_crash(app: Flask) -> None:
    add_user(app, "amna")
    token = add_token(app, "amna")
    app.config["PROPAGATE_EXCEPTIONS"] = False
    fields = {f"f{n}": "x" for n in range(5000)}
    for path, headers in (("/api/v1/uploads", {"Authorization": f"Bearer {token}"}), ("/login", {})):
        # Multipart: more parts than Werkzeug parses (MAX_FORM_PARTS) is a 413.
        response = app.test_client().post(path, data=fields, headers=headers,
                                          content_type="multipart/form-data")
        assert response.status_code == 413, (path, response.status_code)
        assert header_problems(response) == []
        # URL-encoded: parsed (within MAX_FORM_MEMORY_SIZE) and refused as an upload without files.
        response = app.test_client().post(path, data=fields, headers=headers)
        assert 400 <= response.status_code < 500 or (path == "/login" and response.status_code == 200)
    assert jobs(app) == 0
