"""Names to mask: victims' identities in sexual-offence and child-abuse judgments."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lawdb.db import Base, utcnow

if TYPE_CHECKING:
    from lawdb.models.documents import Document
    from lawdb.models.users import User


class MaskedName(Base):
    """A name to replace by ``replacement`` wherever the document is shown or exported.

    Masking is applied on output (pages, snippets, exports, API), never by
    rewriting the stored text, so offsets used as provenance stay valid and a
    mistaken mask can be lifted.
    """

    __tablename__ = "masked_name"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        sa.ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(255))
    replacement: Mapped[str] = mapped_column(sa.String(64), default="[victim]")
    #: "parser" (found by the victims stage; replaced on reparse) or "manual".
    source: Mapped[str] = mapped_column(sa.String(16), default="manual")
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    document: Mapped[Document] = relationship(back_populates="masked_names")
    created_by: Mapped[User | None] = relationship()

    __table_args__ = (sa.UniqueConstraint("document_id", "name"),)
