"""The search-index outbox: index work written in the same transaction as the data."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from lawdb.db import Base, utcnow
from lawdb.models._types import enum_type


class IndexAction(enum.StrEnum):
    UPSERT = "upsert"
    DELETE = "delete"


class IndexOutbox(Base):
    """A document whose search-index entry must be (re)written or removed.

    Ingest, reparse and edits add a row in the same transaction as the change,
    so the index can never silently miss a committed document: whatever
    crashes between the database commit and the index commit, the row is still
    here and the next drain (by the one process holding the index lock)
    applies it. ``document_id`` is a plain integer, not a foreign key, so a
    deletion can still be carried out after the document row is gone.
    """

    __tablename__ = "index_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(index=True)
    action: Mapped[IndexAction] = mapped_column(enum_type(IndexAction, "action"))
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
