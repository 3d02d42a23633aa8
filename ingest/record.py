"""Writing one file's outcome to the database, inside the caller's transaction."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ingest.task import FileExtraction
from lawdb.models import (
    Citation,
    CitationKind,
    Document,
    DocumentKind,
    ExtractionMethod,
    FileStatus,
    Judgment,
    Page,
    SourceFile,
)
from lawdb.services.courts import find_or_create_court

#: Neutral citation series: "2023 LHC 5924", "2024 SCP 240", "[2024] PKSC 242".
NEUTRAL_SERIES = {"SCP", "LHC", "IHC", "SHC", "PHC", "BHC", "PKSC", "FSC"}
_YEAR_FIRST = re.compile(r"^\[?(?P<year>\d{4})\]?\s+(?P<rep>[A-Za-z][A-Za-z.() ]*?)\s+(?P<page>\d+)$")
_REPORTER_FIRST = re.compile(
    r"^(?P<rep>[A-Za-z][A-Za-z.]*)\s+(?P<year>\d{4})\s+(?P<court>[A-Za-z][A-Za-z. ]*?)\s*(?P<page>\d+)$")


def citation_from_string(raw: str, source: str) -> Citation:
    """A Citation row for a citation string given by a manifest.

    A first cut: the citation parser of the judgments pipeline normalises the
    many spellings; here whitespace is collapsed and the parts are split out.
    """
    text = " ".join(raw.split())
    year = page = None
    reporter, court = text, None
    match = _YEAR_FIRST.match(text)
    if match:
        year, reporter, page = int(match["year"]), match["rep"], int(match["page"])
    elif (match := _REPORTER_FIRST.match(text)):
        year, reporter, page = int(match["year"]), match["rep"], int(match["page"])
        court = match["court"].strip()
    kind = (CitationKind.NEUTRAL if reporter.replace(".", "").upper() in NEUTRAL_SERIES
            else CitationKind.REPORTER)
    return Citation(kind=kind, reporter=reporter[:32], year=year, page=page,
                    court=court, normalized=text, source=source)


def record_extraction(
    session: Session,
    *,
    sha256: str,
    original_name: str,
    size_bytes: int,
    stored_path: str,
    pipeline_version: str,
    extraction: FileExtraction,
    manifest: dict[str, Any],
    existing: SourceFile | None = None,
) -> tuple[SourceFile, Document, list[str]]:
    """Add the source file, its document and pages; return them and any warnings.

    ``existing`` is a quarantined row being retried: it is updated in place.
    Manifest values win over what extraction found.
    """
    warnings: list[str] = []
    source = existing or SourceFile(sha256=sha256)
    source.original_name = original_name
    source.size_bytes = size_bytes
    source.stored_path = stored_path
    source.page_count = extraction.page_count
    source.status = FileStatus.INGESTED
    source.error_code = None
    source.error_message = None
    source.pipeline_version = pipeline_version
    source.manifest = {k: v for k, v in manifest.items() if k != "password"} or None
    source.warnings = list(extraction.warnings) or None
    kind = DocumentKind(manifest.get("kind") or extraction.kind)
    document = Document(
        kind=kind,
        title=(manifest.get("title") or extraction.title)[:1024],
        language=manifest.get("language") or extraction.language,
        principal_date=date.fromisoformat(manifest["date"]) if manifest.get("date") else None,
        source_file=source,
        full_text="\f".join(p.text for p in extraction.pages),
        page_count=len(extraction.pages),
        kind_evidence=extraction.kind_evidence,
    )
    document.pages = [
        Page(number=p.number, label=p.label, text=p.text, raw_text=p.raw_text,
             method=ExtractionMethod(p.method), ocr_confidence=p.ocr_confidence,
             language=p.language)
        for p in extraction.pages
    ]
    session.add(document)
    if kind is DocumentKind.JUDGMENT:
        judgment = Judgment(document=document)
        session.add(judgment)
        if manifest.get("court"):
            judgment.court = find_or_create_court(session, manifest["court"])
        if manifest.get("date"):
            judgment.decision_date = document.principal_date
        session.add(judgment)
    # For statutes the manifest's "citation" is the act number, which the
    # statutes pipeline reads from the manifest itself; only judgments (and
    # other case-law documents) are known by law-report citations.
    if manifest.get("citation") and kind in (DocumentKind.JUDGMENT, DocumentKind.REPORT,
                                              DocumentKind.OTHER):
        for raw in re.split(r"\s*;\s*", manifest["citation"]):
            if not raw:
                continue
            citation = citation_from_string(raw, "manifest")
            with session.no_autoflush:
                taken = session.scalar(select(Citation.document_id).where(
                    Citation.normalized == citation.normalized))
            if taken is not None:
                warnings.append(f"citation {citation.normalized!r} already belongs to "
                                f"document {taken}; not added")
                continue
            citation.document = document
            session.add(citation)
    session.flush()
    if kind is DocumentKind.JUDGMENT and extraction.judgment is not None:
        from ingest.record_judgment import record_judgment_facts

        warnings.extend(record_judgment_facts(session, document, extraction.judgment,
                                              manifest=manifest))
    if extraction.statute is not None and kind.value in {"statute", "ordinance", "rules"}:
        from ingest.record_statute import record_statute_facts

        warnings.extend(record_statute_facts(session, document, extraction.statute, manifest=manifest))
    if extraction.amending is not None and kind is DocumentKind.AMENDING_ACT:
        from ingest.record_statute import record_amending_act

        warnings.extend(record_amending_act(session, document, extraction.amending))
    return source, document, warnings


def record_quarantine(
    session: Session,
    *,
    sha256: str,
    original_name: str,
    size_bytes: int,
    stored_path: str | None,
    pipeline_version: str,
    code: str,
    message: str,
    manifest: dict[str, Any],
    existing: SourceFile | None = None,
) -> SourceFile:
    """Record a file that could not be ingested, with its reason (kept for --retry-failed)."""
    source = existing or SourceFile(sha256=sha256)
    source.original_name = original_name
    source.size_bytes = size_bytes
    source.stored_path = stored_path
    source.status = FileStatus.QUARANTINED
    source.error_code = code
    source.error_message = message
    source.pipeline_version = pipeline_version
    source.manifest = {k: v for k, v in manifest.items() if k != "password"} or None
    session.add(source)
    session.flush()
    return source
