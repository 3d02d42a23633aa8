"""Statute references: resolving them to statutes and provisions held in the collection."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from lawdb.models import Provision, ProvisionKind, Statute, StatuteAlias, StatuteReference


def alias_key(alias: str) -> str:
    """Folded form of a statute alias: "Cr.P.C." and "CrPC" are both "CRPC"."""
    return "".join(ch for ch in alias.upper() if ch.isalnum())


def resolve_statute_references(session: Session) -> int:
    """Link references to statutes (by alias) and provisions (by section key); return links made."""
    changed = 0
    aliases = dict(session.execute(select(StatuteAlias.alias_key, StatuteAlias.statute_id)).all())
    if not aliases:
        return 0
    refs = session.scalars(select(StatuteReference).where(
        StatuteReference.act_key.is_not(None),
        (StatuteReference.statute_id.is_(None)) | (StatuteReference.provision_id.is_(None)))).all()
    sections: dict[tuple[int, str], int] = {}
    for statute_id, number_key, provision_id in session.execute(
            select(Provision.statute_id, Provision.number_key, Provision.id)
            .where(Provision.kind.in_([ProvisionKind.SECTION, ProvisionKind.ARTICLE,
                                       ProvisionKind.RULE]))):
        if number_key:
            sections.setdefault((statute_id, number_key.upper()), provision_id)
    for ref in refs:
        statute_id = aliases.get(alias_key(ref.act_key or ""))
        if statute_id is None:
            continue
        if ref.statute_id != statute_id:
            ref.statute_id = statute_id
            changed += 1
        provision_id = sections.get((statute_id, (ref.section_key or "").upper()))
        if provision_id is not None and ref.provision_id != provision_id:
            ref.provision_id = provision_id
            changed += 1
    return changed


def unlink_statute(session: Session, statute: Statute) -> None:
    session.execute(update(StatuteReference).where(StatuteReference.statute_id == statute.id)
                    .values(statute_id=None, provision_id=None)
                    .execution_options(synchronize_session=False))
