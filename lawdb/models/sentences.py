"""Sentences handed down in judgments: who, under which section, what, where it says so."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lawdb.db import Base
from lawdb.models._types import enum_type

if TYPE_CHECKING:
    from lawdb.models.judgments import Judgment, Party
    from lawdb.models.statutes import Provision


class SentenceStage(enum.StrEnum):
    #: As passed by the trial court and recited in the judgment.
    TRIAL = "trial"
    #: As it stands after this judgment (maintained, reduced, set aside...).
    FINAL = "final"


class PunishmentKind(enum.StrEnum):
    DEATH = "death"
    LIFE_IMPRISONMENT = "life_imprisonment"
    RIGOROUS_IMPRISONMENT = "rigorous_imprisonment"
    SIMPLE_IMPRISONMENT = "simple_imprisonment"
    IMPRISONMENT = "imprisonment"
    FINE = "fine"
    COMPENSATION = "compensation"
    ACQUITTAL = "acquittal"
    OTHER = "other"


class Sentence(Base):
    """One punishment for one offence of one accused, with its provenance.

    Terms are in days (a year is 365, a month 30, as sentencing arithmetic
    does); money is in whole Pakistani rupees. ``default_term_days`` is the
    imprisonment "in default of payment" of the fine. ``concurrent`` is null
    when the judgment does not say.
    """

    __tablename__ = "sentence"

    id: Mapped[int] = mapped_column(primary_key=True)
    judgment_id: Mapped[int] = mapped_column(
        sa.ForeignKey("judgment.document_id", ondelete="CASCADE"), index=True
    )
    accused_party_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("party.id", ondelete="SET NULL")
    )
    accused_name: Mapped[str | None] = mapped_column(sa.String(1024))
    offence_provision_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("provision.id", ondelete="SET NULL"), index=True
    )
    #: The offence as written: "292-B PPC", "section 22 of PECA".
    offence_raw: Mapped[str | None] = mapped_column(sa.String(255))
    #: The offence in canonical form ("PPC", "292C"), kept even while no
    #: statute in the collection resolves it to a provision.
    offence_act: Mapped[str | None] = mapped_column(sa.String(128), index=True)
    offence_section: Mapped[str | None] = mapped_column(sa.String(32))
    stage: Mapped[SentenceStage] = mapped_column(enum_type(SentenceStage, "stage"))
    punishment_kind: Mapped[PunishmentKind] = mapped_column(
        enum_type(PunishmentKind, "punishment_kind"), index=True
    )
    term_days: Mapped[int | None]
    fine_pkr: Mapped[int | None] = mapped_column(sa.BigInteger)
    compensation_pkr: Mapped[int | None] = mapped_column(sa.BigInteger)
    default_term_days: Mapped[int | None]
    concurrent: Mapped[bool | None]
    #: Benefit of section 382-B Cr.P.C. (time in custody counted) extended.
    benefit_382b: Mapped[bool | None]
    page_number: Mapped[int]
    span_start: Mapped[int | None]
    span_end: Mapped[int | None]
    quote: Mapped[str] = mapped_column(sa.Text)

    judgment: Mapped[Judgment] = relationship(back_populates="sentences")
    accused: Mapped[Party | None] = relationship()
    offence_provision: Mapped[Provision | None] = relationship()

    __table_args__ = (
        sa.CheckConstraint("term_days IS NULL OR term_days >= 0", name="term_nonnegative"),
        sa.CheckConstraint("fine_pkr IS NULL OR fine_pkr >= 0", name="fine_nonnegative"),
        sa.CheckConstraint(
            "compensation_pkr IS NULL OR compensation_pkr >= 0", name="compensation_nonnegative"
        ),
        sa.CheckConstraint("page_number >= 1", name="page_positive"),
    )
