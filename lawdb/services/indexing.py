"""Queueing search-index work in the same transaction as the data it reflects."""

from __future__ import annotations

from sqlalchemy.orm import Session

from lawdb.models import Document, IndexAction, IndexOutbox


def queue_upsert(session: Session, document: Document) -> None:
    """Ask for ``document`` to be (re)indexed once this transaction commits."""
    session.add(IndexOutbox(document_id=document.id, action=IndexAction.UPSERT,
                            version=document.version))


def queue_delete(session: Session, document_id: int) -> None:
    session.add(IndexOutbox(document_id=document_id, action=IndexAction.DELETE, version=0))
