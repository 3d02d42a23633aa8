"""Uploading PDFs through the form and the JSON API, on SQLite and PostgreSQL, with real PDFs."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from lawdb.db import utcnow
from lawdb.models import Document, DocumentKind, FileStatus, IngestJob, JobStatus, SourceFile
from lawdb.services import users as user_service
from lawdb.store import FileStore
from tests.webui.conftest import add_user, make_app
from tests.webui.util import PASSWORD, SAMPLE_PDFS, login, page_csrf, sample

HTML_PAGE = b"<!DOCTYPE html><html><body>Page not found</body></html>\n"


def stored_files(app: Flask) -> list[Path]:
    root = app.config["LAWDB_SETTINGS"].files_dir
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def all_jobs(app: Flask) -> list[IngestJob]:
    with app.extensions["lawdb_sessions"]() as session:
        return list(session.scalars(select(IngestJob).order_by(IngestJob.id)))


def make_token(app: Flask, username: str, **kwargs) -> str:
    with app.extensions["lawdb_sessions"]() as session:
        _, plaintext = user_service.create_token(session, user_service.get_user(session, username), "t",
                                                 **kwargs)
        session.commit()
    return plaintext


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def upload(client: FlaskClient, files: list[tuple[bytes | Path, str]], **fields: str):
    data: dict = {"csrf_token": page_csrf(client, "/upload"), **fields}
    data["files"] = [(io.BytesIO(src.read_bytes() if isinstance(src, Path) else src), name)
                     for src, name in files]
    return client.post("/upload", data=data, content_type="multipart/form-data")


def api_upload(client: FlaskClient, token: str | None, files: list[tuple[bytes | Path, str]], **fields):
    data: dict = dict(fields)
    data["files"] = [(io.BytesIO(src.read_bytes() if isinstance(src, Path) else src), name)
                     for src, name in files]
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post("/api/v1/uploads", data=data, headers=headers, content_type="multipart/form-data")


def test_samples_exist() -> None:
    assert len(SAMPLE_PDFS) >= 2


def test_upload_stores_original_and_queues_a_job(logged_in: FlaskClient, app: Flask) -> None:
    pdf = sample("lhc_criminal_appeal_2022.pdf")
    form = logged_in.get("/upload").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in form and 'name="csrf_token"' in form

    response = upload(logged_in, [(pdf, "appeal.pdf")], kind="judgment", title="State v. X",
                      court="Lahore High Court", date="2022-03-04", citation="2022 LHC 1")
    assert response.status_code == 302 and response.headers["Location"] == "/upload/jobs"

    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    store = FileStore(app.config["LAWDB_SETTINGS"].files_dir)
    assert store.verify(sha)
    assert stored_files(app) == [store.path_for(sha)]
    [job] = all_jobs(app)
    assert job.status == JobStatus.QUEUED
    assert job.upload_path == f"{sha[:2]}/{sha[2:4]}/{sha}.pdf"
    assert store.resolve(job.upload_path) == store.path_for(sha).resolve()
    assert job.original_name == "appeal.pdf"
    assert job.options == {"kind": "judgment", "title": "State v. X", "court": "Lahore High Court",
                           "date": "2022-03-04", "citation": "2022 LHC 1"}
    with app.extensions["lawdb_sessions"]() as session:
        job = session.get(IngestJob, job.id)
        assert job.created_by.username == "amna"
    # No temporary file is left in the data folder.
    assert list((app.config["LAWDB_SETTINGS"].data_dir / "tmp").iterdir()) == []

    jobs_page = logged_in.get("/upload/jobs").get_data(as_text=True)
    assert "appeal.pdf" in jobs_page and "queued" in jobs_page and "Queued 1 file" in jobs_page
    assert 'http-equiv="refresh"' in jobs_page


def test_several_files_in_one_upload(logged_in: FlaskClient, app: Flask) -> None:
    response = upload(logged_in, [(p, p.name) for p in SAMPLE_PDFS])
    assert response.status_code == 302
    assert [j.original_name for j in all_jobs(app)] == [p.name for p in SAMPLE_PDFS]
    assert len(stored_files(app)) == len(SAMPLE_PDFS)


def test_html_named_pdf_is_refused_and_nothing_recorded(logged_in: FlaskClient, app: Flask) -> None:
    response = upload(logged_in, [(HTML_PAGE, "judgment.pdf")])
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "judgment.pdf is not a PDF" in body and "HTML" in body and "Nothing was uploaded" in body
    # One bad file refuses the whole request, good files included.
    response = upload(logged_in, [(sample(), "good.pdf"), (HTML_PAGE, "bad.pdf"), (b"", "empty.pdf")])
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "2 of 3 files were refused" in body
    assert "bad.pdf is not a PDF" in body and "empty.pdf is empty" in body
    assert all_jobs(app) == [] and stored_files(app) == []
    assert list((app.config["LAWDB_SETTINGS"].data_dir / "tmp").iterdir()) == []


def test_pdf_named_otherwise_is_accepted(logged_in: FlaskClient, app: Flask) -> None:
    # Content decides, not the name.
    assert upload(logged_in, [(sample(), "scan.bin")]).status_code == 302
    assert [j.original_name for j in all_jobs(app)] == ["scan.bin"]


def test_too_many_files_are_refused(db_url: str, data_dir: Path) -> None:
    app = make_app(db_url, data_dir, LAWDB_UPLOAD_MAX_FILES=2)
    add_user(app, "amna")
    client = app.test_client()
    login(client, "amna", PASSWORD)
    response = upload(client, [(p, p.name) for p in SAMPLE_PDFS[:3]])
    assert response.status_code == 400
    assert "Too many files: 3 sent, at most 2" in response.get_data(as_text=True)
    assert all_jobs(app) == [] and stored_files(app) == []
    assert upload(client, [(p, p.name) for p in SAMPLE_PDFS[:2]]).status_code == 302
    assert len(all_jobs(app)) == 2
    app.extensions["lawdb_engine"].dispose()


def test_default_file_limit_is_twenty(app: Flask) -> None:
    assert app.config["LAWDB_UPLOAD_MAX_FILES"] == 20
    assert app.config["MAX_CONTENT_LENGTH"] == 200 * 1024 * 1024


def test_request_over_the_size_limit_is_refused(db_url: str, data_dir: Path) -> None:
    app = make_app(db_url, data_dir, MAX_CONTENT_LENGTH=4096)
    add_user(app, "amna")
    client = app.test_client()
    login(client, "amna", PASSWORD)
    response = upload(client, [(sample("lhc_criminal_appeal_2022.pdf"), "big.pdf")])
    assert response.status_code == 413
    assert "larger than this server accepts" in response.get_data(as_text=True)
    assert all_jobs(app) == []
    app.extensions["lawdb_engine"].dispose()


def test_no_file_chosen(logged_in: FlaskClient, app: Flask) -> None:
    response = logged_in.post("/upload", data={"csrf_token": page_csrf(logged_in, "/upload"),
                                               "files": [(io.BytesIO(b""), "")]},
                              content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Choose at least one PDF file" in response.get_data(as_text=True)


@pytest.mark.parametrize("field,value,message", [
    ("kind", "novel", "Unknown kind"),
    ("date", "yesterday", "Unrecognised date"),
    ("court", "x" * 300, "too long"),
])
def test_bad_metadata_is_refused(logged_in: FlaskClient, app: Flask, field: str, value: str,
                                 message: str) -> None:
    response = upload(logged_in, [(sample(), "a.pdf")], **{field: value})
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert all_jobs(app) == []


def test_file_names_are_text_never_paths(logged_in: FlaskClient, app: Flask) -> None:
    evil = "../../../../etc/<img src=x onerror=alert(1)>\x00.pdf"
    assert upload(logged_in, [(sample(), evil)]).status_code == 302
    [job] = all_jobs(app)
    assert job.original_name == "<img src=x onerror=alert(1)>.pdf"  # last component, as text
    files = stored_files(app)
    root = app.config["LAWDB_SETTINGS"].files_dir
    assert len(files) == 1 and files[0].parent.parent.parent == root
    assert files[0].stem == hashlib.sha256(sample().read_bytes()).hexdigest()
    page = logged_in.get("/upload/jobs").get_data(as_text=True)
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;.pdf" in page


def test_anonymous_upload_is_refused(client: FlaskClient, app: Flask, amna: str) -> None:
    # A browser is sent to the login page...
    form = client.get("/upload")
    assert form.status_code == 302 and form.headers["Location"] == "/login?next=/upload"
    response = upload_anonymously(client)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    # ...an API client gets 401 JSON with a Bearer challenge.
    response = api_upload(client, None, [(sample(), "a.pdf")])
    assert response.status_code == 401
    assert response.get_json()["error"] == "unauthorized"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/api/v1/jobs/1").status_code == 401
    assert client.get("/upload/jobs", headers={"Accept": "application/json"}).status_code == 401
    assert all_jobs(app) == [] and stored_files(app) == []


def upload_anonymously(client: FlaskClient):
    token = page_csrf(client, "/login")  # an anonymous session has a CSRF token too
    return client.post("/upload", data={"csrf_token": token, "files": [(io.BytesIO(sample().read_bytes()),
                                                                         "a.pdf")]},
                       content_type="multipart/form-data")


def test_api_upload_with_bearer_token(client: FlaskClient, app: Flask, amna: str) -> None:
    token = make_token(app, amna)
    pdfs = SAMPLE_PDFS[:2]
    response = api_upload(client, token, [(p, p.name) for p in pdfs], kind="statute")
    assert response.status_code == 202, response.get_data(as_text=True)
    jobs = response.get_json()["jobs"]
    assert [j["original_name"] for j in jobs] == [p.name for p in pdfs]
    assert all(j["status"] == "queued" and j["options"] == {"kind": "statute"} for j in jobs)
    assert jobs[0]["sha256"] == hashlib.sha256(pdfs[0].read_bytes()).hexdigest()
    assert "Set-Cookie" not in response.headers  # token clients get no session

    one = client.get(jobs[0]["url"], headers={"Authorization": f"Bearer {token}"})
    assert one.status_code == 200 and one.get_json()["id"] == jobs[0]["id"]
    listed = client.get("/api/v1/jobs", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert [j["id"] for j in listed["jobs"]] == [jobs[1]["id"], jobs[0]["id"]]
    with app.extensions["lawdb_sessions"]() as session:
        user = user_service.get_user(session, amna)
        assert user.tokens[0].last_used_at is not None
        assert {j.created_by_id for j in session.scalars(select(IngestJob))} == {user.id}


def test_api_refuses_wrong_revoked_and_expired_tokens(client: FlaskClient, app: Flask, amna: str) -> None:
    good = make_token(app, amna)
    revoked = make_token(app, amna)
    expired = make_token(app, amna, expires_in=timedelta(days=1))
    with app.extensions["lawdb_sessions"]() as session:
        for token in user_service.get_user(session, amna).tokens:
            if revoked.startswith(token.prefix):
                user_service.revoke_token(session, token)
            if expired.startswith(token.prefix):
                token.expires_at = utcnow() - timedelta(minutes=1)
        session.commit()
    for bad in [good[:-2] + "xx", "ldb_nonsense", revoked, expired, ""]:
        response = api_upload(client, bad, [(sample(), "a.pdf")])
        assert response.status_code == 401, bad
        assert response.get_json()["error"] in ("invalid_token", "unauthorized")
        assert 'error="invalid_token"' in response.headers["WWW-Authenticate"] or not bad
    basic = client.post("/api/v1/uploads", headers={"Authorization": "Basic YW1uYTpwdw=="})
    assert basic.status_code == 401
    assert all_jobs(app) == [] and stored_files(app) == []
    assert api_upload(client, good, [(sample(), "a.pdf")]).status_code == 202


def test_bad_token_is_refused_even_with_a_session(logged_in: FlaskClient, app: Flask) -> None:
    response = api_upload(logged_in, "ldb_forged", [(sample(), "a.pdf")])
    assert response.status_code == 401
    assert all_jobs(app) == []


def test_api_rejects_html_named_pdf_with_json(client: FlaskClient, app: Flask, amna: str) -> None:
    response = api_upload(client, make_token(app, amna), [(HTML_PAGE, "judgment.pdf")])
    assert response.status_code == 400
    body = response.get_json()
    assert body["error"] == "not_a_pdf"
    [problem] = body["files"]
    assert problem["name"] == "judgment.pdf" and problem["code"] == "not_a_pdf"
    assert "not a PDF" in problem["message"]
    assert all_jobs(app) == [] and stored_files(app) == []


def test_jobs_are_private_to_their_owner(client: FlaskClient, app: Flask, amna: str) -> None:
    add_user(app, "bilal")
    add_user(app, "root", is_admin=True)
    response = api_upload(client, make_token(app, amna), [(sample(), "a.pdf")])
    job_id = response.get_json()["jobs"][0]["id"]
    other = client.get(f"/api/v1/jobs/{job_id}", headers=bearer(make_token(app, "bilal")))
    assert other.status_code == 404
    admin = client.get(f"/api/v1/jobs/{job_id}", headers=bearer(make_token(app, "root")))
    assert admin.status_code == 200
    login(client, "bilal", PASSWORD)
    assert "a.pdf" not in client.get("/upload/jobs").get_data(as_text=True)


def test_job_list_shows_outcomes(logged_in: FlaskClient, app: Flask) -> None:
    upload(logged_in, [(p, p.name) for p in SAMPLE_PDFS[:3]])
    with app.extensions["lawdb_sessions"]() as session:
        done, failed, running = session.scalars(select(IngestJob).order_by(IngestJob.id)).all()
        sha = Path(done.upload_path).stem
        source = SourceFile(sha256=sha, original_name=done.original_name, size_bytes=1,
                            stored_path=done.upload_path, status=FileStatus.INGESTED)
        document = Document(kind=DocumentKind.JUDGMENT, title="T", source_file=source)
        session.add_all([source, document])
        session.flush()
        done.status, done.source_file_id = JobStatus.DONE, source.id
        failed.status, failed.error_code = JobStatus.FAILED, "encrypted"
        failed.error_message = "the PDF is encrypted; give its password"
        running.status = JobStatus.RUNNING
        session.commit()
        doc_id, done_id = document.id, done.id
    page = logged_in.get("/upload/jobs").get_data(as_text=True)
    assert f'<a href="/documents/{doc_id}">view document</a>' in page
    assert "the PDF is encrypted; give its password" in page
    assert ">running<" in page and ">failed<" in page and ">done<" in page
    token = make_token(app, "amna")
    job = logged_in.get(f"/api/v1/jobs/{done_id}", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert job["status"] == "done" and job["document_url"] == f"/documents/{doc_id}"


def test_same_file_twice_is_stored_once(logged_in: FlaskClient, app: Flask) -> None:
    upload(logged_in, [(sample(), "a.pdf")])
    upload(logged_in, [(sample(), "b.pdf")])
    assert len(stored_files(app)) == 1
    assert len(all_jobs(app)) == 2


def test_worker_ingests_a_web_upload(logged_in: FlaskClient, app: Flask) -> None:
    """End to end through the database: upload here, the ingest worker takes it, the job links it."""
    from ingest.pipeline import IngestOptions
    from ingest.worker import process_one

    pdf = sample("statute_child_online_safety_act.pdf")
    upload(logged_in, [(pdf, "act.pdf")], kind="statute", title="Uploaded from the web")
    settings = app.config["LAWDB_SETTINGS"]
    factory = app.extensions["lawdb_sessions"]
    store = FileStore(settings.files_dir)
    assert process_one(factory, store, "test-worker", IngestOptions(workers=1, ocr=False))
    [job] = all_jobs(app)
    assert job.status == JobStatus.DONE, (job.error_code, job.error_message)
    with factory() as session:
        doc = session.scalars(select(Document).join(Document.source_file)
                              .where(SourceFile.id == job.source_file_id)).one()
        assert doc.title == "Uploaded from the web" and doc.kind == DocumentKind.STATUTE
        assert session.scalar(select(func.count()).select_from(SourceFile)) == 1
    page = logged_in.get("/upload/jobs").get_data(as_text=True)
    assert f'href="/documents/{doc.id}"' in page
