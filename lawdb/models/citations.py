"""A judgment's own citations, and the citations it makes to other cases."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lawdb.db import Base
from lawdb.models._types import enum_type

if TYPE_CHECKING:
    from lawdb.models.documents import Document


class CitationKind(enum.StrEnum):
    NEUTRAL = "neutral"
    REPORTER = "reporter"


class Citation(Base):
    """A citation by which a document is known: "2023 LHC 5924", "PLD 2015 SC 396".

    ``normalized`` is the canonical string and is unique: two documents cannot
    both be "2019 SCMR 1234". ``source`` says where we learnt it (printed on
    the judgment, a reprint's header, the import manifest).
    """

    __tablename__ = "citation"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        sa.ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[CitationKind] = mapped_column(enum_type(CitationKind, "kind"))
    reporter: Mapped[str] = mapped_column(sa.String(32))
    year: Mapped[int | None]
    volume: Mapped[str | None] = mapped_column(sa.String(16))
    page: Mapped[int | None]
    #: Court part of reporter-first citations ("SC" in "PLD 2015 SC 396").
    court: Mapped[str | None] = mapped_column(sa.String(64))
    jurisdiction: Mapped[str] = mapped_column(sa.String(8), default="PK")
    normalized: Mapped[str] = mapped_column(sa.String(128), unique=True)
    source: Mapped[str] = mapped_column(sa.String(32), default="printed")

    document: Mapped[Document] = relationship(back_populates="citations")


class CitationMention(Base):
    """A citation found in a document's text, with where it is.

    ``span_start``/``span_end`` are character offsets into the cleaned text of
    page ``page_number``. ``target_document_id`` is null while the cited case
    is not in the collection; resolution fills it when the case arrives.
    """

    __tablename__ = "citation_mention"

    id: Mapped[int] = mapped_column(primary_key=True)
    citing_document_id: Mapped[int] = mapped_column(
        sa.ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    page_number: Mapped[int]
    span_start: Mapped[int]
    span_end: Mapped[int]
    raw: Mapped[str] = mapped_column(sa.String(255))
    normalized: Mapped[str] = mapped_column(sa.String(128), index=True)
    jurisdiction: Mapped[str] = mapped_column(sa.String(8), default="PK")
    target_document_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("document.id", ondelete="SET NULL"), index=True
    )

    citing_document: Mapped[Document] = relationship(
        back_populates="citation_mentions", foreign_keys=[citing_document_id]
    )
    target_document: Mapped[Document | None] = relationship(foreign_keys=[target_document_id])

    __table_args__ = (
        sa.CheckConstraint("span_start >= 0 AND span_end >= span_start", name="span_valid"),
        sa.CheckConstraint("page_number >= 1", name="page_positive"),
    )
