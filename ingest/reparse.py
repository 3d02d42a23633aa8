"""Re-running the judgment parser over stored text, without reading any PDF."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from ingest.parse.judgment import PARSER_VERSION, parse_judgment
from ingest.record_judgment import record_judgment_facts
from lawdb.faults import crash_point
from lawdb.models import Document, DocumentKind, Page
from lawdb.services.citations import resolve_citations
from lawdb.services.indexing import queue_upsert
from lawdb.services.statutes import resolve_statute_references


@dataclass
class ReparseResult:
    documents: int = 0
    warnings: dict[int, list[str]] = field(default_factory=dict)
    links_changed: int = 0


def select_documents(session: Session, ids: Iterable[int] = (), *, all_documents: bool = False,
                     stale: bool = False) -> list[int]:
    """Ids of the judgments to reparse: given ids, all, or those parsed by an older parser."""
    query = select(Document.id).where(Document.kind == DocumentKind.JUDGMENT).order_by(Document.id)
    ids = list(ids)
    if ids:
        query = query.where(Document.id.in_(ids))
    elif stale:
        query = query.where(or_(Document.parser_version.is_(None),
                                Document.parser_version != PARSER_VERSION))
    elif not all_documents:
        return []
    return list(session.scalars(query))


def reparse(session_factory: sessionmaker[Session], document_ids: list[int],
            on_document: Callable[[int], None] = lambda _id: None) -> ReparseResult:
    """Parse each judgment again from its stored pages; one transaction per document."""
    result = ReparseResult()
    for doc_id in document_ids:
        with session_factory() as session:
            document = session.get(Document, doc_id)
            if document is None:
                continue
            pages = list(session.scalars(select(Page.text).where(Page.document_id == doc_id)
                                         .order_by(Page.number)))
            source = document.source_file
            manifest = (source.manifest or {}) if source else {}
            facts = parse_judgment(pages, source.original_name if source else None)
            warnings = record_judgment_facts(session, document, facts, manifest=manifest)
            queue_upsert(session, document)
            crash_point("reparse.recorded")
            session.commit()
        crash_point("reparse.committed")
        if warnings:
            result.warnings[doc_id] = warnings
        result.documents += 1
        on_document(doc_id)
    with session_factory() as session:
        result.links_changed = resolve_citations(session) + resolve_statute_references(session)
        crash_point("reparse.relink")
        session.commit()
    return result
