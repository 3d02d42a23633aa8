"""Courts, judges and what a judgment's caption says: bench, parties, case numbers."""

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
    from lawdb.models.sentences import Sentence


class CourtLevel(enum.StrEnum):
    SUPREME = "supreme"
    FEDERAL_SHARIAT = "federal_shariat"
    HIGH = "high"
    DISTRICT = "district"
    SPECIAL = "special"
    TRIBUNAL = "tribunal"
    OTHER = "other"


class PartyRole(enum.StrEnum):
    APPELLANT = "appellant"
    PETITIONER = "petitioner"
    APPLICANT = "applicant"
    RESPONDENT = "respondent"
    ACCUSED = "accused"
    COMPLAINANT = "complainant"
    STATE = "state"
    OTHER = "other"


class Court(Base):
    """A court, or a bench/seat of one (``parent`` is the court it belongs to).

    "Lahore High Court, Multan Bench" is a court row whose parent is "Lahore
    High Court", so a search for the LHC can include its benches.
    """

    __tablename__ = "court"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(255), unique=True)
    abbreviation: Mapped[str | None] = mapped_column(sa.String(32), index=True)
    level: Mapped[CourtLevel] = mapped_column(enum_type(CourtLevel, "level"))
    #: ISO 3166 country (``PK``, ``IN``, ``US``); province or state code if any.
    country: Mapped[str] = mapped_column(sa.String(2), default="PK")
    province: Mapped[str | None] = mapped_column(sa.String(64))
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("court.id", ondelete="RESTRICT"))

    parent: Mapped[Court | None] = relationship(remote_side=[id], back_populates="benches")
    benches: Mapped[list[Court]] = relationship(back_populates="parent")
    judgments: Mapped[list[Judgment]] = relationship(back_populates="court")


class Judge(Base):
    """One judge, however the judgments spell the name.

    ``name_key`` is the normalised form ("Mr. Justice X", "X, J." and "X J"
    share one) and is what matching uses; ``name`` is for display.
    """

    __tablename__ = "judge"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    name_key: Mapped[str] = mapped_column(sa.String(255), unique=True)

    benches: Mapped[list[BenchMember]] = relationship(back_populates="judge")


class Judgment(Base):
    """The judgment facts of a document whose kind is ``judgment``."""

    __tablename__ = "judgment"

    document_id: Mapped[int] = mapped_column(
        sa.ForeignKey("document.id", ondelete="CASCADE"), primary_key=True
    )
    court_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("court.id", ondelete="RESTRICT"), index=True
    )
    #: e.g. "Appellate Jurisdiction", "Criminal Appellate Jurisdiction".
    jurisdiction_line: Mapped[str | None] = mapped_column(sa.String(255))
    hearing_date: Mapped[date | None]
    decision_date: Mapped[date | None] = mapped_column(index=True)
    #: "On appeal from the judgment dated ... passed by ..." as printed.
    lower_court_line: Mapped[str | None] = mapped_column(sa.Text)
    #: Normalised: dismissed, allowed, partly_allowed, acquitted, remanded, ...
    outcome: Mapped[str | None] = mapped_column(sa.String(40), index=True)
    outcome_page: Mapped[int | None]

    document: Mapped[Document] = relationship(back_populates="judgment")
    court: Mapped[Court | None] = relationship(back_populates="judgments")
    bench: Mapped[list[BenchMember]] = relationship(
        back_populates="judgment", order_by="BenchMember.position", cascade="all, delete-orphan"
    )
    parties: Mapped[list[Party]] = relationship(
        back_populates="judgment", order_by="Party.position", cascade="all, delete-orphan"
    )
    case_numbers: Mapped[list[CaseNumber]] = relationship(
        back_populates="judgment", order_by="CaseNumber.position", cascade="all, delete-orphan"
    )
    counsel: Mapped[list[Counsel]] = relationship(
        back_populates="judgment", order_by="Counsel.position", cascade="all, delete-orphan"
    )
    sentences: Mapped[list[Sentence]] = relationship(
        back_populates="judgment", cascade="all, delete-orphan"
    )


class BenchMember(Base):
    """A judge sitting on a judgment's bench; ``is_author`` marks who wrote it."""

    __tablename__ = "bench_member"

    judgment_id: Mapped[int] = mapped_column(
        sa.ForeignKey("judgment.document_id", ondelete="CASCADE"), primary_key=True
    )
    judge_id: Mapped[int] = mapped_column(
        sa.ForeignKey("judge.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    is_author: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)

    judgment: Mapped[Judgment] = relationship(back_populates="bench")
    judge: Mapped[Judge] = relationship(back_populates="benches")


class Party(Base):
    """A party named in the caption, with its role."""

    __tablename__ = "party"

    id: Mapped[int] = mapped_column(primary_key=True)
    judgment_id: Mapped[int] = mapped_column(
        sa.ForeignKey("judgment.document_id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(1024))
    role: Mapped[PartyRole] = mapped_column(enum_type(PartyRole, "role"))
    position: Mapped[int] = mapped_column(default=0)

    judgment: Mapped[Judgment] = relationship(back_populates="parties")


class CaseNumber(Base):
    """A case number of the proceeding, raw as printed and parsed.

    A range such as "Civil Appeals No.1194 to 1197 of 2014" becomes one row per
    number, each keeping the raw text it came from.
    """

    __tablename__ = "case_number"

    id: Mapped[int] = mapped_column(primary_key=True)
    judgment_id: Mapped[int] = mapped_column(
        sa.ForeignKey("judgment.document_id", ondelete="CASCADE"), index=True
    )
    raw: Mapped[str] = mapped_column(sa.String(255))
    #: Normalised case type, e.g. "Crl.A.", "C.P.L.A.", "W.P.".
    case_type: Mapped[str | None] = mapped_column(sa.String(64))
    number: Mapped[int | None]
    year: Mapped[int | None]
    #: Registry or category suffix: "L" in "1107-L/2015", "B" in "456-B of 2021".
    registry_suffix: Mapped[str | None] = mapped_column(sa.String(8))
    position: Mapped[int] = mapped_column(default=0)
    page_number: Mapped[int | None]

    judgment: Mapped[Judgment] = relationship(back_populates="case_numbers")

    __table_args__ = (sa.Index("ix_case_number_lookup", "case_type", "number", "year"),)


class Counsel(Base):
    """An advocate appearing, and for whom ("for the appellant")."""

    __tablename__ = "counsel"

    id: Mapped[int] = mapped_column(primary_key=True)
    judgment_id: Mapped[int] = mapped_column(
        sa.ForeignKey("judgment.document_id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(1024))
    appearing_for: Mapped[str | None] = mapped_column(sa.String(255))
    position: Mapped[int] = mapped_column(default=0)

    judgment: Mapped[Judgment] = relationship(back_populates="counsel")
