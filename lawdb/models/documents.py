"""Source files, documents and their pages, and the ingest job queue."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lawdb.db import Base
from lawdb.models._types import Timestamps, enum_type

if TYPE_CHECKING:
    from lawdb.models.citations import Citation, CitationMention
    from lawdb.models.judgments import Judgment
    from lawdb.models.privacy import MaskedName
    from lawdb.models.statutes import StatuteReference
    from lawdb.models.users import User


class FileStatus(enum.StrEnum):
    INGESTED = "ingested"
    DUPLICATE = "duplicate"
    QUARANTINED = "quarantined"


class DocumentKind(enum.StrEnum):
    JUDGMENT = "judgment"
    STATUTE = "statute"
    AMENDING_ACT = "amending_act"
    ORDINANCE = "ordinance"
    RULES = "rules"
    REPORT = "report"
    OTHER = "other"


class ExtractionMethod(enum.StrEnum):
    TEXT = "text"
    OCR = "ocr"


class JobStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class SourceFile(Timestamps, Base):
    """One original file, identified by the SHA-256 of its bytes.

    The original is kept in the content-addressed store
    (``files/ab/cd/<sha256>.pdf``) so the database can always be rebuilt from
    the originals. A quarantined file has no document; ``error_code`` says why
    (``encrypted``, ``corrupt``, ``ocr_unavailable``...). ``manifest`` keeps the
    metadata a user supplied at import, so a rebuild can apply it again.
    """

    __tablename__ = "source_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(sa.String(64), unique=True)
    original_name: Mapped[str] = mapped_column(sa.String(1024))
    size_bytes: Mapped[int] = mapped_column(sa.BigInteger)
    page_count: Mapped[int | None]
    stored_path: Mapped[str | None] = mapped_column(sa.String(1024))
    status: Mapped[FileStatus] = mapped_column(enum_type(FileStatus, "status"))
    error_code: Mapped[str | None] = mapped_column(sa.String(64))
    error_message: Mapped[str | None] = mapped_column(sa.Text)
    pipeline_version: Mapped[str | None] = mapped_column(sa.String(32))
    #: Same text as another file with different bytes (e.g. a re-saved PDF).
    duplicate_of_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("source_file.id", ondelete="SET NULL")
    )
    manifest: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    #: Non-fatal problems met while extracting (a page that needed OCR, ...).
    warnings: Mapped[list[str] | None] = mapped_column(sa.JSON)

    documents: Mapped[list[Document]] = relationship(back_populates="source_file")
    duplicate_of: Mapped[SourceFile | None] = relationship(remote_side=[id])

    __table_args__ = (sa.CheckConstraint("size_bytes >= 0", name="size_nonnegative"),)


class Document(Timestamps, Base):
    """A legal document: a judgment, a statute, an amending Act, a report...

    ``full_text`` is the cleaned text of all pages joined by form feeds, so a
    page's text is also reachable without joining ``page``. ``version`` goes up
    whenever indexed content changes; the search index stores it, which lets
    ``lawdb check`` find documents the index has missed or holds stale.
    """

    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[DocumentKind] = mapped_column(enum_type(DocumentKind, "kind"), index=True)
    title: Mapped[str] = mapped_column(sa.String(1024))
    language: Mapped[str] = mapped_column(sa.String(16), default="en")
    principal_date: Mapped[date | None] = mapped_column(index=True)
    source_file_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("source_file.id", ondelete="RESTRICT"), index=True
    )
    full_text: Mapped[str] = mapped_column(sa.Text, default="")
    page_count: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)
    #: Why the document got its kind: the signals found, or "manifest".
    kind_evidence: Mapped[list[str] | None] = mapped_column(sa.JSON)
    #: Victims' names are masked on output unless an admin turns this off.
    masking_enabled: Mapped[bool] = mapped_column(default=True)
    #: Version of the judgment parser whose facts are stored (null: never parsed).
    parser_version: Mapped[str | None] = mapped_column(sa.String(16))

    source_file: Mapped[SourceFile | None] = relationship(back_populates="documents")
    pages: Mapped[list[Page]] = relationship(
        back_populates="document", order_by="Page.number", cascade="all, delete-orphan"
    )
    judgment: Mapped[Judgment | None] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )
    citations: Mapped[list[Citation]] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )
    citation_mentions: Mapped[list[CitationMention]] = relationship(
        back_populates="citing_document",
        foreign_keys="CitationMention.citing_document_id",
        cascade="all, delete-orphan",
    )
    statute_references: Mapped[list[StatuteReference]] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )
    masked_names: Mapped[list[MaskedName]] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )

    __table_args__ = (sa.CheckConstraint("page_count >= 0", name="page_count_nonnegative"),)


class Page(Base):
    """One PDF page of a document, 1-based, with its printed label.

    ``text`` is the cleaned text that is shown and indexed; character spans
    recorded as provenance (citations, statute references, sentences) are
    offsets into it. ``raw_text`` is what the extractor returned.
    """

    __tablename__ = "page"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(sa.ForeignKey("document.id", ondelete="CASCADE"))
    number: Mapped[int]
    label: Mapped[str | None] = mapped_column(sa.String(32))
    text: Mapped[str] = mapped_column(sa.Text, default="")
    raw_text: Mapped[str | None] = mapped_column(sa.Text)
    method: Mapped[ExtractionMethod] = mapped_column(
        enum_type(ExtractionMethod, "method"), default=ExtractionMethod.TEXT
    )
    ocr_confidence: Mapped[float | None]
    #: ``en``, ``ur`` or ``mixed``; null for a page without letters.
    language: Mapped[str | None] = mapped_column(sa.String(8))

    document: Mapped[Document] = relationship(back_populates="pages")

    __table_args__ = (
        sa.UniqueConstraint("document_id", "number"),
        sa.CheckConstraint("number >= 1", name="number_positive"),
        sa.CheckConstraint(
            "ocr_confidence IS NULL OR (ocr_confidence >= 0 AND ocr_confidence <= 100)",
            name="ocr_confidence_range",
        ),
    )


class IngestJob(Timestamps, Base):
    """A file waiting for an ingest worker.

    A web upload stores the file and adds a job; ``lawdb worker`` processes on
    any machine claim jobs (``claimed_by``, ``lease_expires_at``) so a crashed
    worker's job is picked up again once its lease runs out.
    """

    __tablename__ = "ingest_job"

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[JobStatus] = mapped_column(
        enum_type(JobStatus, "status"), default=JobStatus.QUEUED, index=True
    )
    upload_path: Mapped[str] = mapped_column(sa.String(1024))
    original_name: Mapped[str] = mapped_column(sa.String(1024))
    options: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    attempts: Mapped[int] = mapped_column(default=0)
    claimed_by: Mapped[str | None] = mapped_column(sa.String(255))
    claimed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    lease_expires_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    source_file_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("source_file.id", ondelete="SET NULL")
    )
    error_code: Mapped[str | None] = mapped_column(sa.String(64))
    error_message: Mapped[str | None] = mapped_column(sa.Text)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )

    source_file: Mapped[SourceFile | None] = relationship()
    created_by: Mapped[User | None] = relationship()
