"""Statutes, their provision trees, versions in time, amendments and references."""

from __future__ import annotations

import enum
from datetime import date
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lawdb.db import Base
from lawdb.models._types import enum_type

if TYPE_CHECKING:
    from lawdb.models.documents import Document


class StatuteKind(enum.StrEnum):
    ACT = "act"
    ORDINANCE = "ordinance"
    CODE = "code"
    CONSTITUTION = "constitution"
    RULES = "rules"
    REGULATIONS = "regulations"
    ORDER = "order"
    OTHER = "other"


class ProvisionKind(enum.StrEnum):
    PREAMBLE = "preamble"
    PART = "part"
    CHAPTER = "chapter"
    SECTION = "section"
    ARTICLE = "article"
    RULE = "rule"
    SUBSECTION = "subsection"
    CLAUSE = "clause"
    SUBCLAUSE = "subclause"
    PROVISO = "proviso"
    EXPLANATION = "explanation"
    SCHEDULE = "schedule"
    PARAGRAPH = "paragraph"


class AmendmentAction(enum.StrEnum):
    INSERT = "insert"
    SUBSTITUTE = "substitute"
    OMIT = "omit"
    ADD = "add"
    RENUMBER = "renumber"
    AMEND = "amend"
    REPEAL = "repeal"


class Statute(Base):
    """An Act, Ordinance, Code, the Constitution or a set of rules."""

    __tablename__ = "statute"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The document holding the statute's text (a consolidated text), if any.
    document_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("document.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(1024))
    short_title: Mapped[str] = mapped_column(sa.String(512))
    kind: Mapped[StatuteKind] = mapped_column(enum_type(StatuteKind, "kind"))
    year: Mapped[int | None]
    #: "XL of 2016" for Act No. XL of 2016.
    act_number: Mapped[str | None] = mapped_column(sa.String(64))
    #: "PK" for federal law, "PK-PB" for Punjab, "IN" for India...
    jurisdiction: Mapped[str] = mapped_column(sa.String(16), default="PK")
    enacted_date: Mapped[date | None]
    commencement_date: Mapped[date | None]

    document: Mapped[Document | None] = relationship()
    aliases: Mapped[list[StatuteAlias]] = relationship(
        back_populates="statute", cascade="all, delete-orphan"
    )
    provisions: Mapped[list[Provision]] = relationship(
        back_populates="statute", order_by="Provision.position", cascade="all, delete-orphan"
    )
    amendments: Mapped[list[Amendment]] = relationship(
        back_populates="statute", cascade="all, delete-orphan"
    )

    __table_args__ = (
        sa.UniqueConstraint("short_title", "jurisdiction"),
    )


class StatuteAlias(Base):
    """Another name of a statute: "PECA", "P.P.C.", "Cr.P.C.".

    ``alias_key`` is the alias folded for matching (upper case, dots and
    spaces dropped: "CRPC"); it is unique, so an alias names one statute.
    """

    __tablename__ = "statute_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    statute_id: Mapped[int] = mapped_column(
        sa.ForeignKey("statute.id", ondelete="CASCADE"), index=True
    )
    alias: Mapped[str] = mapped_column(sa.String(255))
    alias_key: Mapped[str] = mapped_column(sa.String(255), unique=True)

    statute: Mapped[Statute] = relationship(back_populates="aliases")


class Provision(Base):
    """A node of a statute's tree: part, chapter, section, subsection, clause...

    ``label`` is as printed ("22-A", "(1)", "(a)"); ``number_key`` is folded
    for lookup ("22A"); ``path`` locates the node in its statute
    ("s22A/1/a", "ch3") and is unique there. ``position`` orders the whole tree
    as in the Act.
    """

    __tablename__ = "provision"

    id: Mapped[int] = mapped_column(primary_key=True)
    statute_id: Mapped[int] = mapped_column(
        sa.ForeignKey("statute.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("provision.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ProvisionKind] = mapped_column(enum_type(ProvisionKind, "kind"))
    label: Mapped[str] = mapped_column(sa.String(64))
    number_key: Mapped[str | None] = mapped_column(sa.String(64))
    path: Mapped[str] = mapped_column(sa.String(255))
    heading: Mapped[str | None] = mapped_column(sa.String(1024))
    position: Mapped[int] = mapped_column(default=0)
    page_number: Mapped[int | None]

    statute: Mapped[Statute] = relationship(back_populates="provisions")
    parent: Mapped[Provision | None] = relationship(
        remote_side=[id], back_populates="children"
    )
    children: Mapped[list[Provision]] = relationship(
        back_populates="parent", order_by="Provision.position"
    )
    versions: Mapped[list[ProvisionVersion]] = relationship(
        back_populates="provision",
        order_by="ProvisionVersion.valid_from",
        cascade="all, delete-orphan",
    )

    __table_args__ = (
        sa.UniqueConstraint("statute_id", "path"),
        sa.Index("ix_provision_lookup", "statute_id", "kind", "number_key"),
    )


class ProvisionVersion(Base):
    """The text of a provision over a period, ``[valid_from, valid_to)``.

    A null ``valid_from`` means "from the start, date unknown"; a null
    ``valid_to`` means "still in force". ``omitted`` marks a period in which
    the provision had been omitted; a null ``text`` a period whose text the
    collection does not hold. ``note`` records what is uncertain, so a
    point-in-time answer can say so rather than guess.
    """

    __tablename__ = "provision_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    provision_id: Mapped[int] = mapped_column(
        sa.ForeignKey("provision.id", ondelete="CASCADE"), index=True
    )
    #: Null when the text of this period is not in the collection (e.g. a
    #: consolidation records that a section was substituted, not what it said).
    text: Mapped[str | None] = mapped_column(sa.Text)
    valid_from: Mapped[date | None]
    valid_to: Mapped[date | None]
    #: End of a window after ``valid_from`` in which the change took effect on
    #: a date not known; an "as at" date inside it gets an honest "unknown".
    uncertain_until: Mapped[date | None]
    omitted: Mapped[bool] = mapped_column(default=False)
    amending_document_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("document.id", ondelete="SET NULL")
    )
    amendment_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("amendment.id", ondelete="SET NULL")
    )
    note: Mapped[str | None] = mapped_column(sa.Text)

    provision: Mapped[Provision] = relationship(back_populates="versions")
    amending_document: Mapped[Document | None] = relationship()
    amendment: Mapped[Amendment | None] = relationship()

    __table_args__ = (
        sa.CheckConstraint(
            "valid_from IS NULL OR valid_to IS NULL OR valid_from < valid_to",
            name="period_valid",
        ),
    )


class Amendment(Base):
    """One change to a statute: "Ins. by Act X of 2016, s. 4", "omitted by ...".

    Parsed either from a consolidated text's footnotes or from an amending
    Act. ``amending_act`` is the act as written; ``amending_document_id`` is
    set when that Act is in the collection. ``target_label`` keeps the section
    as written while ``target_provision_id`` is unresolved.
    """

    __tablename__ = "amendment"

    id: Mapped[int] = mapped_column(primary_key=True)
    statute_id: Mapped[int] = mapped_column(
        sa.ForeignKey("statute.id", ondelete="CASCADE"), index=True
    )
    target_provision_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("provision.id", ondelete="SET NULL"), index=True
    )
    target_label: Mapped[str | None] = mapped_column(sa.String(64))
    amending_document_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("document.id", ondelete="SET NULL")
    )
    amending_act: Mapped[str | None] = mapped_column(sa.String(512))
    action: Mapped[AmendmentAction] = mapped_column(enum_type(AmendmentAction, "action"))
    effective_date: Mapped[date | None]
    raw_text: Mapped[str] = mapped_column(sa.Text)
    #: Where this amendment was read: the consolidated text or the amending Act.
    source_document_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("document.id", ondelete="CASCADE")
    )
    source_page: Mapped[int | None]

    statute: Mapped[Statute] = relationship(back_populates="amendments")
    target_provision: Mapped[Provision | None] = relationship()
    amending_document: Mapped[Document | None] = relationship(
        foreign_keys=[amending_document_id]
    )


class StatuteReference(Base):
    """A reference to a statute in a document's text: "u/s 292-B PPC".

    One row per section referred to ("sections 21, 22 and 24" gives three).
    ``statute_id``/``provision_id`` are null until resolved.
    """

    __tablename__ = "statute_reference"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        sa.ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    page_number: Mapped[int]
    span_start: Mapped[int]
    span_end: Mapped[int]
    raw: Mapped[str] = mapped_column(sa.String(512))
    statute_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("statute.id", ondelete="SET NULL"), index=True
    )
    section_label: Mapped[str | None] = mapped_column(sa.String(64))
    #: Canonical act key ("PPC", "PECA") or the act's title as written, and
    #: section key ("292B"): what search and export use while unresolved.
    act_key: Mapped[str | None] = mapped_column(sa.String(128))
    section_key: Mapped[str | None] = mapped_column(sa.String(32))
    sub: Mapped[str | None] = mapped_column(sa.String(32))
    provision_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("provision.id", ondelete="SET NULL"), index=True
    )

    document: Mapped[Document] = relationship(back_populates="statute_references")
    statute: Mapped[Statute | None] = relationship()
    provision: Mapped[Provision | None] = relationship()

    __table_args__ = (
        sa.CheckConstraint("span_start >= 0 AND span_end >= span_start", name="span_valid"),
        sa.CheckConstraint("page_number >= 1", name="page_positive"),
        sa.Index("ix_statute_reference_act_section", "act_key", "section_key"),
    )
