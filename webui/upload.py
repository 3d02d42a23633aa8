"""Uploading PDFs: the form, the user's job list, and the JSON API for scripts.

An upload never runs ingest here (``webui`` never imports ``ingest``): each
file is checked, kept in the content-addressed store and queued as an
:class:`~lawdb.models.IngestJob`; ``lawdb worker`` does the rest and records
the outcome on the job, which the job list and ``GET /api/v1/jobs/<id>`` show.

Checks, all before anything is recorded (one bad file refuses the whole
request, so a retry never leaves half a batch behind):

- at most ``LAWDB_UPLOAD_MAX_FILES`` files (default 20), and at most
  ``MAX_CONTENT_LENGTH`` bytes per request (413 beyond);
- each file's *content* starts with ``%PDF-``; its name is never trusted
  (an HTML page named ``judgment.pdf`` is refused);
- the optional metadata (kind, title, court, date, citation) is well formed.

The uploaded name is kept as text only (its last path component, without
control characters); the stored file is named by its SHA-256.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from flask import Blueprint, current_app, flash, g, jsonify, redirect, render_template, request, url_for
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from lawdb.config import Settings
from lawdb.models import Document, DocumentKind, IngestJob, JobStatus, SourceFile
from lawdb.services import jobs as job_service
from lawdb.store import FileStore
from webui import db_session
from webui.auth import write_access_required
from webui.security import error_response

bp = Blueprint("upload", __name__)

PDF_MAGIC = b"%PDF-"
CHUNK = 1024 * 1024
#: Longest text kept for each optional metadata field (the manifest's fields).
FIELD_LIMITS = {"title": 1024, "court": 255, "citation": 255}
RECENT_JOBS = 50


@bp.after_request
def no_store(response):
    # Pages and answers about a user's own uploads are not for shared caches.
    response.headers.setdefault("Cache-Control", "no-store")
    return response


@dataclass
class Problem:
    name: str
    code: str
    message: str


@dataclass
class UploadRejected(Exception):
    """Nothing was recorded; ``message`` says why, ``problems`` which files."""

    code: str
    message: str
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Received:
    name: str
    tmp: Path
    sha256: str
    size: int


def display_name(raw: str | None) -> str:
    """The uploaded file's name as text to show: last path component, printable, at most 255."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    if name in ("", ".", ".."):
        return "upload.pdf"
    return name[:255]


def _settings() -> Settings:
    return current_app.config["LAWDB_SETTINGS"]


def chosen_files() -> list[FileStorage]:
    """The request's files (fields ``files`` and ``file``), leaving out empty file inputs."""
    found = request.files.getlist("files") + request.files.getlist("file")
    return [f for f in found if f.filename or f.content_length]


def parse_options(form) -> dict[str, str]:
    """The optional metadata as the ingest worker reads it (manifest fields); UploadRejected if bad."""
    options: dict[str, str] = {}
    kind = (form.get("kind") or "").strip().lower().replace(" ", "_").replace("-", "_")
    if kind:
        allowed = [k.value for k in DocumentKind]
        if kind not in allowed:
            raise UploadRejected("invalid_field", f"Unknown kind {kind!r}: use one of {', '.join(allowed)}.")
        options["kind"] = kind
    for name, limit in FIELD_LIMITS.items():
        value = " ".join((form.get(name) or "").split())
        if len(value) > limit:
            raise UploadRejected("invalid_field", f"The {name} is too long (at most {limit} characters).")
        if value:
            options[name] = value
    raw_date = (form.get("date") or "").strip()
    if raw_date:
        for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"):
            try:
                options["date"] = datetime.strptime(raw_date, fmt).date().isoformat()
                break
            except ValueError:
                continue
        else:
            raise UploadRejected("invalid_field", f"Unrecognised date {raw_date!r}: use YYYY-MM-DD.")
    return options


def _not_pdf_message(name: str, head: bytes) -> str:
    looks = ""
    if head.lstrip()[:1] == b"<":
        looks = " (it looks like an HTML or XML page)"
    return (f"{name} is not a PDF{looks}: its content does not start with %PDF-. "
            "Only PDF files are accepted, whatever their name.")


def _receive_one(storage: FileStorage, tmp_dir: Path) -> tuple[Received | None, Problem | None]:
    name = display_name(storage.filename)
    fd, tmp_name = tempfile.mkstemp(dir=tmp_dir, prefix="upload-", suffix=".part")
    tmp = Path(tmp_name)
    digest = hashlib.sha256()
    head = b""
    size = 0
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := storage.stream.read(CHUNK):
                if len(head) < len(PDF_MAGIC):
                    head += chunk[: 64 - len(head)]
                    if len(head) >= len(PDF_MAGIC) and not head.startswith(PDF_MAGIC):
                        break  # no need to read the rest of a file that is refused
                digest.update(chunk)
                out.write(chunk)
                size += len(chunk)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if size == 0 and not head:
        tmp.unlink(missing_ok=True)
        return None, Problem(name, "empty_file", f"{name} is empty.")
    if not head.startswith(PDF_MAGIC):
        tmp.unlink(missing_ok=True)
        return None, Problem(name, "not_a_pdf", _not_pdf_message(name, head))
    return Received(name, tmp, digest.hexdigest(), size), None


def accept_uploads(files: list[FileStorage], options: dict[str, str]) -> list[IngestJob]:
    """Check every file, then store each original and queue one job per file, and commit.

    Raises UploadRejected, with nothing stored or queued, when any check fails.
    """
    limit = current_app.config["LAWDB_UPLOAD_MAX_FILES"]
    if not files:
        raise UploadRejected("no_files", "Choose at least one PDF file to upload.")
    if len(files) > limit:
        raise UploadRejected("too_many_files",
                             f"Too many files: {len(files)} sent, at most {limit} per upload. "
                             "Nothing was uploaded; send them in smaller batches.")
    settings = _settings()
    tmp_dir = settings.data_dir / "tmp"
    tmp_dir.mkdir(parents=True, exist_ok=True)
    received: list[Received] = []
    problems: list[Problem] = []
    try:
        for storage in files:
            ok, problem = _receive_one(storage, tmp_dir)
            if ok is not None:
                received.append(ok)
            if problem is not None:
                problems.append(problem)
        if problems:
            first = problems[0]
            summary = first.message if len(problems) == 1 else \
                f"{len(problems)} of {len(files)} files were refused."
            raise UploadRejected(first.code if len(problems) == 1 else "rejected_files",
                                 f"{summary} Nothing was uploaded.", problems)
        store = FileStore(settings.files_dir)
        session = db_session()
        queued = []
        try:
            for item in received:
                stored = store.put(item.tmp, item.sha256)
                queued.append(job_service.enqueue(session, stored, item.name,
                                                  options=dict(options) or None, created_by=g.user))
            session.commit()
        except BaseException:
            session.rollback()
            raise
        return queued
    finally:
        for item in received:
            item.tmp.unlink(missing_ok=True)


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def _iso(moment: datetime | None) -> str | None:
    moment = _aware(moment)
    return moment.isoformat() if moment is not None else None


def document_ids(jobs: list[IngestJob]) -> dict[int, int]:
    """For finished jobs, the id of the document their file became (job id -> document id)."""
    file_ids = {j.source_file_id for j in jobs if j.status == JobStatus.DONE and j.source_file_id}
    if not file_ids:
        return {}
    session = db_session()
    duplicate_of = dict(session.execute(
        select(SourceFile.id, SourceFile.duplicate_of_id).where(SourceFile.id.in_(file_ids))).all())
    wanted = file_ids | {d for d in duplicate_of.values() if d}
    by_file = dict(session.execute(
        select(Document.source_file_id, func.min(Document.id))
        .where(Document.source_file_id.in_(wanted)).group_by(Document.source_file_id)).all())
    found = {}
    for job in jobs:
        if job.status == JobStatus.DONE and job.source_file_id:
            doc = by_file.get(job.source_file_id) or by_file.get(duplicate_of.get(job.source_file_id))
            if doc:
                found[job.id] = doc
    return found


def document_path(document_id: int) -> str:
    # The document pages are another blueprint's; a plain path keeps this one independent of it.
    return f"/documents/{document_id}"


def job_json(job: IngestJob, document_id: int | None) -> dict[str, Any]:
    return {
        "id": job.id,
        "status": job.status.value,
        "original_name": job.original_name,
        "sha256": PurePosixPath(job.upload_path).stem,
        "options": job.options or {},
        "created_at": _iso(job.created_at),
        "finished_at": _iso(job.finished_at),
        "attempts": job.attempts,
        "error_code": job.error_code,
        "error_message": job.error_message,
        "document_id": document_id,
        "document_url": document_path(document_id) if document_id else None,
        "url": url_for("upload.api_job", job_id=job.id),
    }


def recent_jobs(limit: int = RECENT_JOBS) -> list[IngestJob]:
    return list(db_session().scalars(
        select(IngestJob).where(IngestJob.created_by_id == g.user.id)
        .order_by(IngestJob.id.desc()).limit(limit)))


def _form(status: int = 200, *, error: UploadRejected | None = None, values=None):
    return render_template(
        "upload/form.html", kinds=[k.value for k in DocumentKind], values=values or {},
        max_files=current_app.config["LAWDB_UPLOAD_MAX_FILES"],
        max_mb=(current_app.config.get("MAX_CONTENT_LENGTH") or 0) // (1024 * 1024),
        error=error,
    ), status


# --- pages ----------------------------------------------------------------------------------

@bp.get("/upload")
@write_access_required
def upload_form():
    return _form()


@bp.post("/upload")
@write_access_required
def upload_submit():
    try:
        options = parse_options(request.form)
        queued = accept_uploads(chosen_files(), options)
    except UploadRejected as rejected:
        return _form(400, error=rejected, values=request.form)
    names = ", ".join(job.original_name for job in queued)
    flash(f"Queued {len(queued)} file{'s' if len(queued) != 1 else ''} for ingest: {names}.", "success")
    return redirect(url_for("upload.job_list"))


@bp.get("/upload/jobs")
@write_access_required
def job_list():
    jobs = recent_jobs()
    pending = any(j.status in (JobStatus.QUEUED, JobStatus.RUNNING) for j in jobs)
    docs = document_ids(jobs)
    return render_template("upload/jobs.html", jobs=jobs,
                           links={job_id: document_path(doc) for job_id, doc in docs.items()},
                           pending=pending, when=_aware)


# --- JSON API -------------------------------------------------------------------------------

@bp.post("/api/v1/uploads")
@write_access_required
def api_upload():
    """Multipart ``files`` (repeatable) plus optional kind, title, court, date, citation: 202 and the jobs."""
    try:
        options = parse_options(request.form)
        queued = accept_uploads(chosen_files(), options)
    except UploadRejected as rejected:
        return jsonify(error=rejected.code, message=rejected.message,
                       files=[vars(p) for p in rejected.problems]), 400
    return jsonify(jobs=[job_json(job, None) for job in queued]), 202


@bp.get("/api/v1/jobs")
@write_access_required
def api_jobs():
    """The caller's most recent jobs, newest first."""
    jobs = recent_jobs()
    docs = document_ids(jobs)
    return jsonify(jobs=[job_json(job, docs.get(job.id)) for job in jobs])


@bp.get("/api/v1/jobs/<int:job_id>")
@write_access_required
def api_job(job_id: int):
    """One job of the caller's (any job for an administrator); 404 otherwise."""
    job = db_session().get(IngestJob, job_id)
    if job is None or (job.created_by_id != g.user.id and not g.user.is_admin):
        return error_response(404, "not_found", f"No job {job_id} of yours.")
    return jsonify(job_json(job, document_ids([job]).get(job.id)))

