"""Resolving citations to the judgments in the collection, and "cited by"."""

from __future__ import annotations

from sqlalchemy import and_, exists, func, select, update
from sqlalchemy.orm import Session

from lawdb.faults import crash_point
from lawdb.models import Citation, CitationMention, Document


def resolve_citations(session: Session, document_ids: list[int] | None = None) -> int:
    """Point every mention at the document that has its citation; return how many changed.

    Runs after each ingest and reparse, so a judgment that arrives later is
    linked from every judgment that already cited it ("cited by" grows with
    the collection). Mentions whose citation no longer belongs to any document
    are unlinked. A document never cites itself. With ``document_ids``, only
    the mentions those documents make, and those of their own citations, are
    looked at (what one new document can change).
    """
    scope = None
    if document_ids is not None:
        own = select(Citation.normalized).where(Citation.document_id.in_(document_ids))
        scope = CitationMention.citing_document_id.in_(document_ids) | CitationMention.normalized.in_(own)
    owner = (select(Citation.document_id)
             .where(Citation.normalized == CitationMention.normalized)
             .where(Citation.document_id != CitationMention.citing_document_id)
             .limit(1).scalar_subquery())
    linked_query = update(CitationMention)
    stale_query = update(CitationMention)
    if scope is not None:
        linked_query = linked_query.where(scope)
        stale_query = stale_query.where(scope)
    linked = session.execute(
        linked_query
        .where(CitationMention.target_document_id.is_(None))
        .where(exists().where(and_(Citation.normalized == CitationMention.normalized,
                                   Citation.document_id != CitationMention.citing_document_id)))
        .values(target_document_id=owner)
        .execution_options(synchronize_session=False)
    ).rowcount or 0
    crash_point("citations.resolve")
    stale = session.execute(
        stale_query
        .where(CitationMention.target_document_id.is_not(None))
        .where(~exists().where(and_(Citation.normalized == CitationMention.normalized,
                                    Citation.document_id == CitationMention.target_document_id)))
        .values(target_document_id=None)
        .execution_options(synchronize_session=False)
    ).rowcount or 0
    return linked + stale


def cited_by(session: Session, document_id: int) -> list[tuple[Document, int]]:
    """Documents citing ``document_id``, with how many times each does, most recent first."""
    rows = session.execute(
        select(Document, func.count(CitationMention.id))
        .join(CitationMention, CitationMention.citing_document_id == Document.id)
        .where(CitationMention.target_document_id == document_id)
        .group_by(Document.id)
        .order_by(Document.principal_date.desc().nullslast(), Document.id)
    ).all()
    return [(doc, count) for doc, count in rows]
