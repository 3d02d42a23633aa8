"""Bulk import: files and folders in, documents or reasons out, nothing lost.

The parent process owns the database (SQLite has one writer) and the file
store; worker processes only extract. Each file is one transaction, so a run
killed at any moment (SIGKILL included) leaves whole documents or nothing,
and running the same command again finishes the job: files already ingested
are recognised by their SHA-256 and reported as such, never added twice.

Order of work per file, and why it is crash-safe:
1. hash it, and look the hash up (already ingested? quarantined before?);
2. copy it into the content-addressed store (atomic rename; idempotent);
3. extract in a worker (time- and memory-limited);
4. write the source file row and the document with its pages in one
   transaction. A crash before 4 leaves at most a stored original with no
   row, which the next run finds and uses.

Step 2 also writes the original's sidecar (file name, manifest values,
whether a password was given), from which ``lawdb rebuild`` can recreate
the collection. ``lawdb.faults.crash_point`` marks the places where the
crash tests kill the process (``tests/reliability/test_crash_harness.py``).
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from ingest.manifest import Manifest
from ingest.pool import Pool, TaskFailure
from ingest.record import record_extraction, record_quarantine
from ingest.task import FileExtraction, FileFailure, FileTask, run_task
from lawdb.db import write_session
from lawdb.faults import crash_point, region
from lawdb.models import Document, FileStatus, SourceFile
from lawdb.services.citations import resolve_citations
from lawdb.services.indexing import queue_upsert
from lawdb.services.statutes import resolve_statute_references
from lawdb.store import FileStore, sha256_file

#: Bumped when extraction or cleaning changes what is stored for a file.
PIPELINE_VERSION = "1"

#: Every code a quarantined file can carry, with what it means for the user.
QUARANTINE_CODES: dict[str, str] = {
    "empty_file": "the file has no bytes (a failed download?)",
    "not_a_pdf": "the file is not a PDF, whatever its name says (e.g. an HTML page)",
    "encrypted": "the PDF needs a password: pass --password or a manifest 'password'",
    "corrupt": "the PDF is damaged beyond repair by the PDF readers lawdb uses",
    "too_large": "the file is larger than the configured limit (--max-size)",
    "too_many_pages": "the PDF has more pages than the configured limit (--max-pages)",
    "timeout": "extraction took too long and was stopped (see --timeout)",
    "ocr_unavailable": "a page needs OCR but Tesseract is not installed: apt-get install "
    "tesseract-ocr tesseract-ocr-eng tesseract-ocr-urd, then run with --retry-failed",
    "no_text": "no page has readable text, even after OCR",
    "unreadable": "the file could not be read from disk",
}

#: Codes worth retrying automatically when the thing they lacked is now given.
_RETRY_WITH_PASSWORD = {"encrypted"}


@dataclass
class IngestOptions:
    """Knobs of a bulk import; the CLI maps its flags onto these."""

    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    password: str | None = None
    manifest: Manifest | None = None
    retry_failed: bool = False
    ocr: bool = True
    ocr_languages: str = "eng"
    max_pages: int = 5000
    max_bytes: int = 1024 * 1024 * 1024
    #: Whole-file limit, and the longest a worker may go without finishing a page.
    time_limit: float = 3600.0
    page_time_limit: float = 300.0
    memory_limit_mb: int | None = 3072


@dataclass
class FileReport:
    """What happened to one file: the rows of the JSON report."""

    path: str
    status: str  # ingested, duplicate, quarantined
    sha256: str | None = None
    code: str | None = None
    message: str | None = None
    pages: int = 0
    ocr_pages: int = 0
    seconds: float = 0.0
    document_id: int | None = None
    kind: str | None = None
    language: str | None = None
    duplicate_of: str | None = None
    worker_peak_mb: float | None = None


@dataclass
class IngestResult:
    files: list[FileReport] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    elapsed: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def quarantined_by_code(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in self.files:
            if f.status == "quarantined" and f.code:
                out[f.code] = out.get(f.code, 0) + 1
        return dict(sorted(out.items()))

    @property
    def pages(self) -> int:
        return sum(f.pages for f in self.files if f.status == "ingested")

    @property
    def ocr_pages(self) -> int:
        return sum(f.ocr_pages for f in self.files if f.status == "ingested")

    @property
    def all_ok(self) -> bool:
        """True when every file was ingested or was a duplicate (exit status 0)."""
        return all(f.status in ("ingested", "duplicate") for f in self.files)

    def summary(self) -> dict[str, Any]:
        return {
            "files": len(self.files),
            "ingested": self.count("ingested"),
            "duplicates": self.count("duplicate"),
            "quarantined": self.count("quarantined"),
            "quarantined_by_code": self.quarantined_by_code,
            "pages": self.pages,
            "ocr_pages": self.ocr_pages,
            "elapsed_seconds": round(self.elapsed, 2),
            "pages_per_second": round(self.pages / self.elapsed, 1) if self.elapsed else None,
            "skipped_not_pdf_name": len(self.skipped),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "pipeline_version": PIPELINE_VERSION,
            "summary": self.summary(),
            "files": [asdict(f) for f in self.files],
            "skipped": self.skipped,
        }

    def write_report(self, path: Path) -> None:
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n",
                       encoding="utf-8")
        os.replace(tmp, path)


class Progress:
    """Callbacks a front end (progress bar, log lines, web job) may implement."""

    def start(self, total_files: int) -> None: ...

    def file_done(self, report: FileReport) -> None: ...

    def finish(self, result: IngestResult) -> None: ...


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """The files to ingest, in a stable order, and those skipped.

    A file named on the command line is always taken, whatever its name (the
    content decides). Inside folders, only files named ``*.pdf`` (any case)
    are taken, so a folder's README or spreadsheet is skipped, not quarantined.
    """
    found: list[Path] = []
    skipped: list[str] = []
    seen: set[Path] = set()
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() == ".pdf":
                    if child.resolve() not in seen:
                        seen.add(child.resolve())
                        found.append(child)
                elif not child.name.startswith("."):
                    skipped.append(str(child))
        elif path.resolve() not in seen:
            seen.add(path.resolve())
            found.append(path)
    return found, skipped


@dataclass
class _Prepared:
    path: Path
    name: str
    sha256: str
    size: int
    manifest: dict[str, str]
    stored_path: str | None
    existing: SourceFile | None
    store: FileStore | None = None


def ingest_paths(
    session_factory: sessionmaker[Session],
    store: FileStore,
    paths: Sequence[Path],
    options: IngestOptions | None = None,
    progress: Progress | None = None,
    on_committed: Callable[[Session, Document], None] | None = None,
    display_names: Mapping[Path, str] | None = None,
) -> IngestResult:
    """Ingest files and folders; return a report of every file.

    ``on_committed`` is called with each new document after its transaction
    commits (the search index hooks in there). ``display_names`` gives the
    user's name for a file whose path does not carry it (a web upload kept in
    the store under its hash). Usable from Python, the CLI and the ingest
    worker alike.
    """
    options = options or IngestOptions()
    progress = progress or Progress()
    started = time.perf_counter()
    files, skipped = discover(paths)
    result = IngestResult(skipped=skipped)
    progress.start(len(files))

    def done(report: FileReport) -> None:
        result.files.append(report)
        progress.file_done(report)

    batch_hashes: dict[str, str] = {}
    prepared: dict[str, _Prepared] = {}
    names = {Path(k): v for k, v in (display_names or {}).items()}

    def prepare() -> Iterator[FileTask]:
        """Hash, deduplicate and store each file; yield those that need extracting.

        Consumed lazily by the pool, so this parent-side work overlaps with
        extraction in the workers.
        """
        for path in files:
            yield from _prepare_one(path)

    def _prepare_one(path: Path) -> Iterator[FileTask]:
        t0 = time.perf_counter()
        name = names.get(path, path.name)
        entry = {} if options.manifest is None else options.manifest.lookup(path.with_name(name))
        try:
            size = path.stat().st_size
            sha = sha256_file(path)
        except OSError as exc:
            done(FileReport(str(path), "quarantined", code="unreadable",
                            message=f"cannot read the file: {exc.strerror}",
                            seconds=time.perf_counter() - t0))
            return
        crash_point("ingest.hashed")
        password = entry.get("password") or options.password
        if size == 0:
            # Every empty file has the same hash; each is reported for what it
            # is (a failed download, say), never as a duplicate of another.
            # Stored like any other original, so every source row has its file.
            item = _Prepared(path, name, sha, size, entry, store.put(path, sha), None, store)
            _write_sidecar(item, password)
            done(_commit_failure(session_factory, item,
                                 FileFailure("empty_file", "the file is empty (0 bytes)"),
                                 time.perf_counter() - t0))
            return
        if sha in batch_hashes:
            done(FileReport(str(path), "duplicate", sha256=sha, duplicate_of=batch_hashes[sha],
                            message=f"same bytes as {batch_hashes[sha]} in this run",
                            seconds=time.perf_counter() - t0))
            return
        batch_hashes[sha] = str(path)
        with session_factory() as session:
            existing = session.scalars(select(SourceFile).where(SourceFile.sha256 == sha)).first()
            if existing is not None and existing.status is not FileStatus.QUARANTINED:
                doc_id = session.scalar(select(Document.id).where(
                    Document.source_file_id == existing.id))
                done(FileReport(str(path), "duplicate", sha256=sha, document_id=doc_id,
                                duplicate_of=existing.original_name,
                                message=f"already in the collection as {existing.original_name}"
                                + (f" (document {doc_id})" if doc_id else ""),
                                seconds=time.perf_counter() - t0))
                return
            if existing is not None and not (
                options.retry_failed
                or (existing.error_code in _RETRY_WITH_PASSWORD and password)
            ):
                done(FileReport(str(path), "quarantined", sha256=sha, code=existing.error_code,
                                message=f"{existing.error_message} (quarantined earlier; "
                                "use --retry-failed to try again)",
                                seconds=time.perf_counter() - t0))
                return
            session.expunge_all()
        # Keep the original before anything else can fail: nothing is lost.
        try:
            stored = store.put(path, sha)
        except (OSError, ValueError) as exc:
            done(FileReport(str(path), "quarantined", sha256=sha, code="unreadable",
                            message=f"cannot store the original: {exc}",
                            seconds=time.perf_counter() - t0))
            return
        item = _Prepared(path, name, sha, size, entry, stored, existing, store)
        try:
            _write_sidecar(item, password)
        except OSError as exc:
            done(FileReport(str(path), "quarantined", sha256=sha, code="unreadable",
                            message=f"cannot store the original's sidecar: {exc}",
                            seconds=time.perf_counter() - t0))
            return
        crash_point("ingest.stored")
        early = None
        if size > options.max_bytes:
            early = FileFailure("too_large", f"the file has {size:,} bytes, more than the "
                                f"limit of {options.max_bytes:,} (--max-size)")
        if early is not None:
            done(_commit_failure(session_factory, item, early, time.perf_counter() - t0))
            return
        prepared[sha] = item
        yield FileTask(sha256=sha, path=str(store.path_for(sha)), name=name,
                       password=password, ocr=options.ocr,
                       ocr_languages=options.ocr_languages, max_pages=options.max_pages,
                       kind=entry.get("kind"))

    if files:
        pool = Pool(run_task, options.workers, time_limit=options.time_limit,
                    idle_limit=options.page_time_limit, memory_limit_mb=options.memory_limit_mb)
        for task, outcome, failure in pool.run(prepare()):
            item = prepared[task.sha256]
            crash_point("ingest.extracted")
            if failure is not None:
                outcome = _failure_from_pool(failure)
            if isinstance(outcome, FileFailure):
                done(_commit_failure(session_factory, item, outcome, outcome.seconds))
            else:
                done(_commit_document(session_factory, item, outcome, on_committed))

    # Report in the order the files were found, whatever order they finished in.
    order = {str(path): i for i, path in enumerate(files)}
    result.files.sort(key=lambda f: order.get(f.path, len(order)))
    result.elapsed = time.perf_counter() - started
    progress.finish(result)
    return result


def _existing(session: Session, sha256: str) -> SourceFile | None:
    return session.scalars(select(SourceFile).where(SourceFile.sha256 == sha256)).first()


def _failure_from_pool(failure: TaskFailure) -> FileFailure:
    if failure.kind == "timeout":
        return FileFailure("timeout", f"extraction {failure.message}")
    if failure.kind == "memory":
        return FileFailure("too_large", f"extraction {failure.message}")
    if failure.kind == "crashed":
        return FileFailure("corrupt", f"the PDF crashed the extractor: {failure.message}")
    return FileFailure("corrupt", f"the PDF could not be read: {failure.message}")


def _write_sidecar(item: _Prepared, password: str | None) -> None:
    """Keep what a rebuild needs beside the original (never the password itself)."""
    if item.store is None:
        return
    item.store.write_sidecar(
        item.sha256, file_name=item.name, size_bytes=item.size,
        manifest={k: v for k, v in item.manifest.items() if k != "password"},
        password_given=bool(password))


def _sidecar_outcome(item: _Prepared, status: str, code: str | None) -> None:
    """Note a quarantine (or the success of a retried one) in the sidecar."""
    if item.store is None:
        return
    crash_point("store.sidecar.outcome")
    # Once needed, always needed: a retry that succeeds used the password it was given.
    needed = code == "encrypted" or bool((item.store.read_sidecar(item.sha256) or {})
                                         .get("password_needed"))
    # The database has the outcome; the sidecar only helps a rebuild explain itself.
    with contextlib.suppress(OSError):
        item.store.write_sidecar(item.sha256, status=status, error_code=code,
                                 password_needed=needed)


#: Times a file's transaction is tried again after colliding with another writer's.
_CONFLICT_RETRIES = 3


def _retrying_conflicts(commit: Callable[[], FileReport]) -> FileReport:
    """Run ``commit`` again when a concurrent writer added the same file, court or citation first.

    On PostgreSQL two transactions may both read "absent" and both insert; the
    second fails on a unique constraint and, tried again, sees the first's rows.
    (On SQLite the write session's lock makes the check and the insert atomic.)
    """
    for attempt in range(_CONFLICT_RETRIES + 1):
        try:
            return commit()
        except IntegrityError:
            if attempt == _CONFLICT_RETRIES:
                raise
    raise AssertionError("unreachable")


def _duplicate(item: _Prepared, existing: SourceFile) -> FileReport:
    return FileReport(str(item.path), "duplicate", sha256=item.sha256,
                      duplicate_of=existing.original_name,
                      message=f"already in the collection as {existing.original_name}")


def _commit_failure(session_factory: sessionmaker[Session], item: _Prepared,
                    failure: FileFailure, seconds: float) -> FileReport:
    return _retrying_conflicts(lambda: _try_commit_failure(session_factory, item, failure, seconds))


def _try_commit_failure(session_factory: sessionmaker[Session], item: _Prepared,
                        failure: FileFailure, seconds: float) -> FileReport:
    # Write sessions here and below: on SQLite the transaction holds the write lock from
    # its first read, so what it checks cannot change before it writes (another ingest,
    # the worker and the web app write the same database).
    with write_session(session_factory) as session, region("ingest.quarantine"):
        existing = _existing(session, item.sha256)
        if existing is not None and existing.status is not FileStatus.QUARANTINED:
            # Another process ingested the same bytes meanwhile: its document stands.
            return _duplicate(item, existing)
        record_quarantine(session, sha256=item.sha256, original_name=item.name,
                          size_bytes=item.size, stored_path=item.stored_path,
                          pipeline_version=PIPELINE_VERSION, code=failure.code,
                          message=failure.message, manifest=item.manifest, existing=existing)
        session.commit()
    _sidecar_outcome(item, "quarantined", failure.code)
    return FileReport(str(item.path), "quarantined", sha256=item.sha256, code=failure.code,
                      message=failure.message, seconds=round(seconds, 3))


def _commit_document(session_factory: sessionmaker[Session], item: _Prepared,
                     extraction: FileExtraction,
                     on_committed: Callable[[Session, Document], None] | None) -> FileReport:
    return _retrying_conflicts(lambda: _try_commit_document(session_factory, item, extraction,
                                                            on_committed))


def _try_commit_document(session_factory: sessionmaker[Session], item: _Prepared,
                         extraction: FileExtraction,
                         on_committed: Callable[[Session, Document], None] | None) -> FileReport:
    with write_session(session_factory) as session, region("ingest.document"):
        existing = _existing(session, item.sha256)
        if existing is not None and existing.status is not FileStatus.QUARANTINED:
            # Another ingest (or the worker) got there first.
            return _duplicate(item, existing)
        _source, document, warnings = record_extraction(
            session, sha256=item.sha256, original_name=item.name, size_bytes=item.size,
            stored_path=item.stored_path, pipeline_version=PIPELINE_VERSION,
            extraction=extraction, manifest=item.manifest, existing=existing)
        crash_point("ingest.recorded")
        # Link what this document cites, and what already cited it, in the same transaction.
        resolve_citations(session, [document.id])
        resolve_statute_references(session)
        crash_point("ingest.statutes_resolved")
        queue_upsert(session, document)
        crash_point("ingest.outbox_queued")
        session.commit()
        crash_point("ingest.committed")
        if existing is not None:
            _sidecar_outcome(item, "ingested", None)
        if on_committed is not None:
            on_committed(session, document)
        ocr_pages = sum(1 for p in extraction.pages if p.method == "ocr")
        message = "; ".join([*extraction.warnings, *warnings]) or None
        return FileReport(str(item.path), "ingested", sha256=item.sha256,
                          pages=len(extraction.pages), ocr_pages=ocr_pages,
                          seconds=round(extraction.seconds, 3), document_id=document.id,
                          kind=document.kind.value, language=document.language, message=message,
                          worker_peak_mb=round(extraction.worker_peak_mb, 1))
