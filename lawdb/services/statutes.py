"""Statutes in the collection: finding them, reading a provision as at a date, and linking references."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from lawdb.legal.versions import VersionPeriod, in_force_on
from lawdb.models import (
    Amendment,
    Document,
    Provision,
    ProvisionKind,
    ProvisionVersion,
    Statute,
    StatuteAlias,
    StatuteReference,
)


def alias_key(alias: str) -> str:
    """Folded form of a statute alias: "Cr.P.C." and "CrPC" are both "CRPC".

    A leading "The" is dropped, so "The Pakistan Penal Code" and "Pakistan
    Penal Code" are one alias.
    """
    words = alias.split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    return "".join(ch for ch in " ".join(words).upper() if ch.isalnum())


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


# --- finding statutes and provisions, and reading them as at a date ---------------------------


def find_statute(session: Session, name: str) -> Statute | None:
    """A statute by alias ("PECA", "P.P.C."), short title or title, any case."""
    key = alias_key(name)
    statute = session.scalar(select(Statute).join(StatuteAlias).where(StatuteAlias.alias_key == key))
    if statute is not None:
        return statute
    lowered = " ".join(name.split()).lower().removeprefix("the ")
    candidates = [lowered, f"the {lowered}"]
    return session.scalars(select(Statute).where(
        func.lower(Statute.short_title).in_(candidates) | func.lower(Statute.title).in_(candidates))).first()


def section_key(label: str) -> str:
    """"292-B" -> "292B", "22 A" -> "22A": the form ``Provision.number_key`` holds."""
    return "".join(ch for ch in label.upper() if ch.isalnum())


def find_provision(session: Session, statute: Statute, label: str) -> Provision | None:
    """A section (article, rule) of ``statute`` by its number, however written."""
    return session.scalars(select(Provision).where(
        Provision.statute_id == statute.id,
        Provision.kind.in_([ProvisionKind.SECTION, ProvisionKind.ARTICLE, ProvisionKind.RULE]),
        func.upper(Provision.number_key) == section_key(label)).order_by(Provision.position)).first()


@dataclass(frozen=True)
class AsAt:
    """A provision on a date: its state, the version that applies, and what is uncertain.

    ``state`` is ``in_force``, ``omitted``, ``not_yet`` (it did not exist yet)
    or ``unknown`` (the collection cannot tell: a change whose exact date is
    not known, or no history at all). ``text`` is None when that period's text
    is not in the collection.
    """

    state: str
    when: date
    text: str | None
    version: ProvisionVersion | None
    note: str | None

    @property
    def message(self) -> str:
        day = self.when.isoformat()
        if self.state == "not_yet":
            return f"not yet in force on {day}: it had not been enacted or inserted"
        if self.state == "omitted":
            return f"omitted (or repealed) by {day}"
        if self.state == "unknown":
            return f"cannot tell its state on {day}: {self.note or 'its history is incomplete'}"
        if self.text is None:
            return (f"in force on {day}, but its text as it then stood is not in the collection"
                    + (f" ({self.note})" if self.note else ""))
        return f"in force on {day}"


def _period(v: ProvisionVersion) -> VersionPeriod:
    return VersionPeriod(v.valid_from, v.valid_to, v.text, v.omitted, v.note, None, v.uncertain_until)


def provision_as_at(session: Session, provision: Provision, when: date) -> AsAt:
    """The provision as in force on ``when``, from its stored versions."""
    versions = sorted(provision.versions, key=lambda v: (v.valid_from or date.min))
    if not versions:
        return AsAt("unknown", when, None, None, "no history of this provision is recorded")
    state, period = in_force_on([_period(v) for v in versions], when)
    match = next((v for v in versions if period is not None and v.valid_from == period.valid_from
                  and v.valid_to == period.valid_to), None)
    text = period.text if period is not None else None
    note = period.note if period is not None else None
    return AsAt(state, when, text, match, note)


def provision_history(session: Session, provision: Provision) -> list[Amendment]:
    """Amendments recorded against the provision, oldest first.

    Most consolidations print no dates, so the order falls back on the year
    in the amending instrument's number ("Act X of 2016"), then on the order
    they were recorded in.
    """
    import re

    def year(a: Amendment) -> int:
        if a.effective_date is not None:
            return a.effective_date.year
        found = re.findall(r"\b(1[89]\d\d|20\d\d)\b", a.amending_act or a.raw_text or "")
        return int(found[-1]) if found else 9999

    rows = session.scalars(select(Amendment).where(Amendment.target_provision_id == provision.id)).all()
    return sorted(rows, key=lambda a: (year(a), a.effective_date or date.max, a.id))


def citing_counts(session: Session, provision: Provision) -> list[tuple[str | None, int | None, int]]:
    """Judgments citing the provision, counted by court and year."""
    from lawdb.models import Court, Judgment

    year = func.extract("year", Judgment.decision_date)
    rows = session.execute(
        select(Court.name, year, func.count(func.distinct(StatuteReference.document_id)))
        .select_from(StatuteReference)
        .join(Document, Document.id == StatuteReference.document_id)
        .outerjoin(Judgment, Judgment.document_id == Document.id)
        .outerjoin(Court, Court.id == Judgment.court_id)
        .where(StatuteReference.provision_id == provision.id)
        .group_by(Court.name, year).order_by(Court.name, year)).all()
    return [(court, int(y) if y is not None else None, n) for court, y, n in rows]
