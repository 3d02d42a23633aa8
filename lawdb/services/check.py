"""``lawdb check``: do the database, the stored originals and the search index agree?

Each check reads; with ``repair=True`` what can be put right from the
database is put right (index entries re-queued through the outbox and the
outbox drained, citation and statute links re-made, sidecars rewritten,
temporary files of killed writes removed), and what cannot (an original
missing or damaged, statute periods that overlap) is listed for a person.

What is checked, and the finding codes (``docs/reliability.md`` has the
guarantees they stand for):

- originals: every source file that should have an original has it, at its
  content address, with its SHA-256 (``missing_original``,
  ``corrupt_original``, ``misplaced_original``); every original has its
  sidecar (``missing_sidecar``); every document has a source file
  (``document_without_original``); an ingested file has a document and a
  quarantined one none (``ingested_without_document``,
  ``quarantined_with_document``); originals the database does not know
  (``unrecorded_original``, a warning: a killed ingest's next run records
  them) and temporary files of killed writes (``leftover_temporary``);
- documents: the page count matches the pages (``page_count_mismatch``);
- index: every document is indexed at its current version and nothing else
  is (``not_indexed``, ``stale_in_index``, ``extra_in_index``,
  ``duplicate_in_index``, ``no_index``, ``index_schema``), unless outbox
  work not yet applied covers it (then a ``pending_in_index`` warning);
- outbox: no row waits longer than ``outbox_age`` seconds (``stuck_outbox``);
  ingest jobs whose worker's lease ran out (``expired_job_lease``, a warning:
  another worker takes them over);
- statutes: the versions of a provision do not overlap in time
  (``overlapping_versions``);
- citations: every citation mention points at the document that holds the
  citation it makes, when the collection has one, and at nothing else
  (``citation_links``); statute references are linked likewise
  (``statute_links``).

The caller owns nothing here: this module opens and commits its own
sessions, because it is a whole command, not a piece of one.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from itertools import pairwise
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from lawdb.config import Settings
from lawdb.db import utcnow
from lawdb.models import (
    CitationMention,
    Document,
    FileStatus,
    IndexAction,
    IndexOutbox,
    IngestJob,
    JobStatus,
    Page,
    ProvisionVersion,
    SourceFile,
)
from lawdb.store import FileStore, sha256_file

#: Outbox rows older than this (seconds) count as stuck.
DEFAULT_OUTBOX_AGE = 300.0
#: Temporary files younger than this (seconds) may belong to a write in progress; repair keeps them.
LEFTOVER_AGE = 600.0
#: How many ids a finding lists before it says "and N more".
SHOW = 20


@dataclass
class Finding:
    """One thing found wrong (``severity="problem"``) or worth knowing (``"warning"``)."""

    area: str
    code: str
    message: str
    severity: str = "problem"
    repairable: bool = False
    repaired: bool = False
    ids: list[Any] = field(default_factory=list)

    @property
    def open(self) -> bool:
        """A problem that is still there (found, and not repaired)."""
        return self.severity == "problem" and not self.repaired


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    repairs: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.open]

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, area: str, code: str, message: str, ids: Iterable[Any] = (), **kw: Any) -> Finding:
        finding = Finding(area, code, message, ids=list(ids), **kw)
        self.findings.append(finding)
        return finding

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "problems": len(self.problems), "counts": self.counts,
                "findings": [asdict(f) | {"open": f.open} for f in self.findings],
                "repairs": self.repairs, "seconds": round(self.seconds, 2)}

    def render(self) -> str:
        """The report for a person: what was checked, each finding, what was repaired, the verdict."""
        lines = ["checked: " + ", ".join(f"{v} {k}" for k, v in self.counts.items())]
        for f in self.findings:
            if f.repaired:
                mark = "repaired"
            elif f.severity == "warning":
                mark = "warning"
            else:
                mark = "PROBLEM" + ("" if f.repairable else " (cannot repair)")
            lines.append(f"{mark}: [{f.area}] {f.message}")
            if f.ids:
                shown = ", ".join(map(str, f.ids[:SHOW]))
                more = f" and {len(f.ids) - SHOW} more" if len(f.ids) > SHOW else ""
                lines.append(f"    {shown}{more}")
        for action in self.repairs:
            lines.append(f"repair: {action}")
        problems = self.problems
        if not problems:
            lines.append("clean: database, originals and index agree")
        else:
            fixable = sum(1 for f in problems if f.repairable)
            lines.append(f"{len(problems)} problem(s)"
                         + (f", {fixable} repairable with --repair" if fixable else ""))
        return "\n".join(lines)


def run_check(session_factory: sessionmaker[Session], settings: Settings, *, repair: bool = False,
              verify_hashes: bool = True, outbox_age: float = DEFAULT_OUTBOX_AGE) -> CheckReport:
    """Check the collection of ``settings``; with ``repair``, put right what can be.

    ``verify_hashes=False`` checks that originals exist and have the right
    size without reading them (fast on a large store).
    """
    started = time.perf_counter()
    report = CheckReport()
    store = FileStore(settings.files_dir)
    _check_originals(session_factory, store, report, repair=repair, verify_hashes=verify_hashes)
    _check_documents(session_factory, report)
    _check_statutes(session_factory, report)
    relinked = _check_links(session_factory, report, repair=repair)
    _check_index(session_factory, settings, report, repair=repair, outbox_age=outbox_age,
                 also_reindex=relinked)
    _check_jobs(session_factory, report)
    report.seconds = time.perf_counter() - started
    return report


# -- originals -------------------------------------------------------------------------------------

def _check_originals(session_factory: sessionmaker[Session], store: FileStore, report: CheckReport, *,
                     repair: bool, verify_hashes: bool) -> None:
    missing, corrupt, misplaced, no_sidecar, no_doc, quarantined_doc = [], [], [], [], [], []
    fixed_place: list[tuple[int, str]] = []
    known: set[str] = set()
    with session_factory() as session:
        with_documents = set(session.scalars(
            select(Document.source_file_id).where(Document.source_file_id.is_not(None))))
        rows = session.execute(select(
            SourceFile.id, SourceFile.sha256, SourceFile.stored_path, SourceFile.status,
            SourceFile.error_code, SourceFile.size_bytes, SourceFile.original_name, SourceFile.manifest,
        ).order_by(SourceFile.id)).all()
        orphans = list(session.scalars(select(Document.id).where(Document.source_file_id.is_(None))))
    report.counts["source files"] = len(rows)
    for sid, sha, stored, status, code, size, name, manifest in rows:
        known.add(sha)
        status = FileStatus(status)
        if status is FileStatus.INGESTED and sid not in with_documents:
            no_doc.append(sha)
        if status is FileStatus.QUARANTINED and sid in with_documents:
            quarantined_doc.append(sha)
        if stored is None:
            # A file that could not even be read was never stored; anything else must be.
            if not (status is FileStatus.QUARANTINED and code == "unreadable"):
                missing.append(sha)
            continue
        expected = store.relative_path(sha)
        path = store.path_for(sha)
        if not path.is_file():
            missing.append(sha)
            continue
        if stored != expected:
            misplaced.append(sha)
            fixed_place.append((sid, expected))
        if path.stat().st_size != size or (verify_hashes and sha256_file(path) != sha):
            corrupt.append(sha)
            continue
        if store.read_sidecar(sha) is None:
            no_sidecar.append(sha)
            if repair:
                store.write_sidecar(sha, file_name=name, size_bytes=size, manifest=dict(manifest or {}),
                                    password_given=False, status=status.value, error_code=code,
                                    password_needed=code == "encrypted")
    if missing:
        report.add("originals", "missing_original",
                   f"{len(missing)} source file(s) whose original is not in the store "
                   "(restore it from a backup: lawdb restore)", missing)
    if corrupt:
        report.add("originals", "corrupt_original",
                   f"{len(corrupt)} stored original(s) whose bytes no longer match their SHA-256 "
                   "(restore them from a backup)", corrupt)
    if misplaced:
        finding = report.add("originals", "misplaced_original",
                             f"{len(misplaced)} source file(s) recording a path other than their content "
                             "address", misplaced, repairable=True)
        if repair:
            with session_factory() as session:
                for sid, expected in fixed_place:
                    session.get(SourceFile, sid).stored_path = expected
                session.commit()
            finding.repaired = True
            report.repairs.append(f"pointed {len(fixed_place)} source file(s) at their content address")
    if no_sidecar:
        finding = report.add("originals", "missing_sidecar",
                             f"{len(no_sidecar)} original(s) without the sidecar a rebuild reads",
                             no_sidecar, repairable=True)
        if repair:
            finding.repaired = True
            report.repairs.append(f"wrote {len(no_sidecar)} sidecar(s) from the database")
    if no_doc:
        report.add("originals", "ingested_without_document",
                   f"{len(no_doc)} file(s) marked ingested with no document (lawdb rebuild, or "
                   "lawdb ingest --retry-failed after marking them quarantined)", no_doc)
    if quarantined_doc:
        report.add("originals", "quarantined_with_document",
                   f"{len(quarantined_doc)} quarantined file(s) that have a document", quarantined_doc)
    if orphans:
        report.add("originals", "document_without_original",
                   f"{len(orphans)} document(s) with no source file, so no original to rebuild from",
                   orphans)
    stored = list(store.originals())
    report.counts["originals"] = len(stored)
    unknown = [sha for sha in stored if sha not in known]
    if unknown:
        report.add("originals", "unrecorded_original",
                   f"{len(unknown)} original(s) in the store that the database does not list (an "
                   "ingest killed before its commit; running it again records them)",
                   unknown, severity="warning")
    _check_leftovers(store, report, repair=repair)


def _check_leftovers(store: FileStore, report: CheckReport, *, repair: bool) -> None:
    leftovers = store.leftovers()
    if not leftovers:
        return
    now = time.time()
    old = [p for p in leftovers if now - p.stat().st_mtime > LEFTOVER_AGE]
    finding = report.add("originals", "leftover_temporary",
                         f"{len(leftovers)} temporary file(s) left by writes that were interrupted "
                         f"({len(old)} older than {LEFTOVER_AGE:.0f} s, which --repair removes)",
                         [str(p.relative_to(store.root)) for p in leftovers], severity="warning",
                         repairable=bool(old))
    if repair and old:
        for path in old:
            path.unlink(missing_ok=True)
        finding.repaired = len(old) == len(leftovers)
        report.repairs.append(f"removed {len(old)} temporary file(s)")


# -- documents and statutes ---------------------------------------------------------------------

def _check_documents(session_factory: sessionmaker[Session], report: CheckReport) -> None:
    with session_factory() as session:
        pages = (select(Page.document_id, func.count(Page.id).label("n"), func.min(Page.number).label("lo"),
                        func.max(Page.number).label("hi"))
                 .group_by(Page.document_id).subquery())
        rows = session.execute(
            select(Document.id, Document.page_count, pages.c.n, pages.c.lo, pages.c.hi)
            .outerjoin(pages, pages.c.document_id == Document.id)).all()
    report.counts["documents"] = len(rows)
    bad = [doc_id for doc_id, count, n, lo, hi in rows
           if (n or 0) != count or (n and (lo != 1 or hi != n))]
    if bad:
        report.add("documents", "page_count_mismatch",
                   f"{len(bad)} document(s) whose pages are not numbered 1..page_count", bad)


def _check_statutes(session_factory: sessionmaker[Session], report: CheckReport) -> None:
    with session_factory() as session:
        rows = session.execute(select(
            ProvisionVersion.provision_id, ProvisionVersion.id, ProvisionVersion.valid_from,
            ProvisionVersion.valid_to).order_by(ProvisionVersion.provision_id)).all()
    report.counts["provision versions"] = len(rows)
    overlapping = find_overlaps((pid, vid, start, end) for pid, vid, start, end in rows)
    if overlapping:
        report.add("statutes", "overlapping_versions",
                   f"{len(overlapping)} provision(s) with versions whose periods overlap, so the text "
                   "in force on some dates is ambiguous (provision ids)", overlapping)


def find_overlaps(rows: Iterable[tuple[int, int, Any, Any]]) -> list[int]:
    """Provision ids among ``(provision_id, version_id, valid_from, valid_to)`` whose periods overlap.

    Periods are half-open ``[valid_from, valid_to)``; a null start is the
    beginning of time and a null end is open.
    """
    by_provision: dict[int, list[tuple[Any, Any]]] = {}
    for pid, _vid, start, end in rows:
        by_provision.setdefault(pid, []).append((start, end))
    out = []
    for pid, periods in by_provision.items():
        periods.sort(key=lambda p: (p[0] is not None, p[0]))
        for (_s1, e1), (s2, _e2) in pairwise(periods):
            if e1 is None or s2 is None or s2 < e1:
                out.append(pid)
                break
    return sorted(out)


# -- citations --------------------------------------------------------------------------------------

def _check_links(session_factory: sessionmaker[Session], report: CheckReport, *, repair: bool) -> set[int]:
    """Re-run citation and statute resolution; count what it would change; keep it with ``repair``.

    Returns the documents whose index entries a repair made stale (citing
    documents and old and new targets: their "cited by" counts changed).
    """
    from lawdb.services.citations import resolve_citations
    from lawdb.services.statutes import resolve_statute_references

    touched: set[int] = set()
    with session_factory() as session:
        report.counts["citation mentions"] = session.scalar(select(func.count(CitationMention.id))) or 0
        before = dict((m, (c, t)) for m, c, t in session.execute(select(
            CitationMention.id, CitationMention.citing_document_id, CitationMention.target_document_id)))
        citations = 0
        for _ in range(3):  # a wrong link is cleared in one pass and made again in the next
            changed = resolve_citations(session)
            citations += changed
            if not changed:
                break
        statutes = resolve_statute_references(session)
        if citations:
            after = dict(session.execute(
                select(CitationMention.id, CitationMention.target_document_id)).all())
            for mention, (citing, target) in before.items():
                if after.get(mention) != target:
                    touched.update(x for x in (citing, target, after.get(mention)) if x is not None)
        if repair:
            session.commit()
        else:
            session.rollback()
    if citations:
        report.add("citations", "citation_links",
                   f"{citations} citation link(s) missing or pointing at the wrong document (documents "
                   "involved)", sorted(touched), repairable=True, repaired=repair)
    if statutes:
        report.add("citations", "statute_links",
                   f"{statutes} statute reference link(s) not made", repairable=True, repaired=repair)
    if repair and (citations or statutes):
        report.repairs.append(f"re-ran citation resolution: {citations} citation and {statutes} "
                              "statute link(s) changed")
    return touched if repair else set()


# -- index and outbox ------------------------------------------------------------------------------

def _check_index(session_factory: sessionmaker[Session], settings: Settings, report: CheckReport, *,
                 repair: bool, outbox_age: float, also_reindex: set[int]) -> None:
    from lawdb.search.schema import SCHEMA_VERSION
    from lawdb.search.sync import drain, get_backend, reindex

    backend = get_backend(settings)
    if not backend.exists():
        finding = report.add("index", "no_index", f"no search index in {settings.index_dir}",
                             repairable=True)
        if repair:
            count = reindex(session_factory, settings)
            finding.repaired = True
            report.repairs.append(f"built the search index ({count} documents)")
        return
    version = getattr(backend, "schema_version", lambda: SCHEMA_VERSION)()
    if version is not None and version != SCHEMA_VERSION:
        finding = report.add("index", "index_schema",
                             f"the index was built with schema {version}, lawdb uses {SCHEMA_VERSION}",
                             repairable=True)
        if repair:
            count = reindex(session_factory, settings)
            finding.repaired = True
            report.repairs.append(f"rebuilt the search index ({count} documents)")
            return

    entries = list(backend.document_ids())
    indexed: dict[int, int] = {}
    duplicates = set()
    for doc_id, doc_version in entries:
        if doc_id in indexed:
            duplicates.add(doc_id)
        indexed[doc_id] = doc_version
    now = utcnow()
    with session_factory() as session:
        current = dict(session.execute(select(Document.id, Document.version)).all())
        outbox = session.execute(select(IndexOutbox.id, IndexOutbox.document_id,
                                        IndexOutbox.created_at)).all()
    report.counts["indexed"] = len(entries)
    report.counts["outbox rows"] = len(outbox)
    def old(at) -> bool:
        return now - (at if at.tzinfo else at.replace(tzinfo=now.tzinfo)) > timedelta(seconds=outbox_age)

    stuck = [row_id for row_id, _doc, at in outbox if old(at)]
    pending = {doc_id for _id, doc_id, at in outbox if not old(at)}
    missing = sorted(set(current) - set(indexed))
    stale = sorted(d for d, v in current.items() if d in indexed and indexed[d] != v)
    extra = sorted(set(indexed) - set(current))
    wrong = {"not_indexed": missing, "stale_in_index": stale, "extra_in_index": extra,
             "duplicate_in_index": sorted(duplicates)}
    texts = {"not_indexed": "document(s) missing from the search index",
             "stale_in_index": "document(s) indexed at another version than the database's",
             "extra_in_index": "index entr(y/ies) for documents not in the database",
             "duplicate_in_index": "document(s) indexed more than once"}
    findings = []
    waiting = []
    for code, ids in wrong.items():
        covered = [d for d in ids if d in pending]
        ids = [d for d in ids if d not in covered]
        waiting.extend(covered)
        if ids:
            findings.append(report.add("index", code, f"{len(ids)} {texts[code]}", ids, repairable=True))
    if waiting:
        report.add("index", "pending_in_index",
                   f"{len(waiting)} document(s) not yet as the database has them, with outbox work "
                   "queued (a running ingest applies it within seconds)", sorted(waiting), severity="warning")
    if stuck:
        findings.append(report.add("outbox", "stuck_outbox",
                                   f"{len(stuck)} outbox row(s) waiting longer than {outbox_age:g} s "
                                   "(a crash between the database and the index commit?)",
                                   stuck, repairable=True))
    if also_reindex:
        findings.append(report.add("index", "cited_by_counts",
                                   f"{len(also_reindex)} document(s) whose index entries must follow the "
                                   "repaired citation links", sorted(also_reindex), repairable=True))
    if not (repair and findings):
        return
    requeue = set(missing) | set(stale) | set(duplicates) | also_reindex
    with session_factory() as session:
        for doc_id in sorted(requeue & set(current)):
            session.add(IndexOutbox(document_id=doc_id, action=IndexAction.UPSERT, version=current[doc_id]))
        for doc_id in extra:
            session.add(IndexOutbox(document_id=doc_id, action=IndexAction.DELETE, version=0))
        session.commit()
    result = drain(session_factory, settings, timeout=60.0)
    with session_factory() as session:
        left = session.scalar(select(func.count(IndexOutbox.id))) or 0
    if left:
        report.repairs.append(f"queued {len(requeue) + len(extra)} index change(s), but the index is "
                              f"busy: {left} outbox row(s) left for the next drain")
        return
    for finding in findings:
        finding.repaired = True
    report.repairs.append(f"re-indexed {result.upserted} and removed {result.deleted} document(s) "
                          f"through the outbox ({result.rows} row(s) applied)")


def _check_jobs(session_factory: sessionmaker[Session], report: CheckReport) -> None:
    now = utcnow()
    with session_factory() as session:
        jobs = session.execute(select(IngestJob.id, IngestJob.lease_expires_at).where(
            IngestJob.status == JobStatus.RUNNING)).all()
    expired = [job_id for job_id, lease in jobs
               if lease is not None and (lease if lease.tzinfo else lease.replace(tzinfo=now.tzinfo)) < now]
    if expired:
        report.add("outbox", "expired_job_lease",
                   f"{len(expired)} ingest job(s) whose worker stopped (lease expired); a worker takes "
                   "them over", expired, severity="warning")


__all__ = ["CheckReport", "Finding", "find_overlaps", "run_check"]
