"""What one worker process does with one file: extract, clean, classify.

Runs in a worker of :class:`ingest.pool.Pool`, so it must not touch the
database; it returns plain data that the parent writes in one transaction.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.classify import classify_kind, detect_language, document_language, guess_title
from ingest.extract import ExtractionError, extract_pdf

#: Extraction's codes, renamed to the stable codes lawdb records and documents.
ERROR_CODE_MAP = {
    "not_pdf": "not_a_pdf",
    "empty": "empty_file",
    "password_wrong": "encrypted",
}


#: Document kinds whose text is a statute with a provision tree.
STATUTE_KINDS = {"statute", "ordinance", "rules"}


@dataclass(frozen=True)
class FileTask:
    sha256: str
    path: str
    name: str
    password: str | None = None
    ocr: bool = True
    ocr_languages: str = "eng"
    max_pages: int = 5000
    kind: str | None = None


@dataclass(frozen=True)
class PageData:
    number: int
    label: str | None
    text: str
    raw_text: str
    method: str
    ocr_confidence: float | None
    language: str | None


@dataclass(frozen=True)
class FileExtraction:
    page_count: int
    pages: list[PageData]
    metadata: dict[str, str]
    warnings: list[str]
    kind: str
    kind_evidence: list[str]
    language: str
    title: str
    seconds: float
    #: Facts of the judgment parser (judgments only).
    judgment: Any = None
    #: The provision tree of a statute, ordinance or rules; an amending Act's changes.
    statute: Any = None
    amending: Any = None
    #: The worker's peak resident memory so far, in MB (for benchmarks and reports).
    worker_peak_mb: float = 0.0


@dataclass(frozen=True)
class FileFailure:
    code: str
    message: str
    seconds: float = 0.0
    details: dict[str, Any] = field(default_factory=dict)


def _progress_kwargs(progress: Callable[[Any], None]) -> dict[str, Any]:
    import inspect

    if "on_page" in inspect.signature(extract_pdf).parameters:
        return {"on_page": progress}
    return {}


def run_task(task: FileTask, progress: Callable[[Any], None]) -> FileExtraction | FileFailure:
    """Extract one stored original; failures come back as values, not exceptions."""
    start = time.perf_counter()
    try:
        doc = extract_pdf(Path(task.path), password=task.password, ocr=task.ocr,
                          ocr_languages=task.ocr_languages, max_pages=task.max_pages,
                          **_progress_kwargs(progress))
    except ExtractionError as exc:
        code = ERROR_CODE_MAP.get(exc.code, exc.code)
        # Messages name the file; say the user's name for it, not the store's.
        message = exc.message.replace(Path(task.path).name, task.name)
        return FileFailure(code, message, time.perf_counter() - start)
    texts = [p.text for p in doc.pages]
    pages = [
        PageData(number=p.number, label=p.label, text=p.text, raw_text=p.raw_text,
                 method=p.method, ocr_confidence=p.ocr_confidence,
                 language=detect_language(p.text))
        for p in doc.pages
    ]
    decision = classify_kind(texts)
    kind = task.kind or decision.kind.value
    evidence = decision.evidence
    if task.kind:
        # Keep what the content says too: a disagreement is worth a reviewer's look.
        evidence = [f"manifest: {task.kind}"] + (
            [f"content suggests {decision.kind.value}", *decision.evidence]
            if decision.kind.value != task.kind else decision.evidence)
    from lawdb.models import DocumentKind

    facts = statute = amending = None
    if kind == DocumentKind.JUDGMENT.value:
        from ingest.parse.judgment import parse_judgment

        facts = parse_judgment(texts, task.name)
    elif kind in STATUTE_KINDS:
        from ingest.parse.statute import parse_statute

        statute = parse_statute(texts)
    elif kind == DocumentKind.AMENDING_ACT.value:
        from ingest.parse.amendments import parse_amending_act

        amending = parse_amending_act(texts)
    return FileExtraction(
        page_count=doc.page_count,
        pages=pages,
        metadata=dict(doc.metadata),
        warnings=list(doc.warnings),
        kind=kind,
        kind_evidence=evidence,
        language=document_language([p.language for p in pages]),
        title=guess_title(texts, DocumentKind(kind), dict(doc.metadata), task.name),
        seconds=time.perf_counter() - start,
        worker_peak_mb=_peak_rss_mb(),
        judgment=facts,
        statute=statute,
        amending=amending,
    )


def _peak_rss_mb() -> float:
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    except ImportError:  # pragma: no cover - not on Linux
        return 0.0
