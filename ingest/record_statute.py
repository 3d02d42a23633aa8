"""Writing a statute's structure, amendment history and versions, or an amending Act's changes.

Inside the caller's transaction. A newer consolidation of an Act already in
the collection replaces its provision tree (the newest text is the current
law); references from judgments are re-resolved afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ingest.parse.amendments import (
    AmendingActFacts,
    AmendmentNote,
    build_periods,
    parse_note,
)
from ingest.parse.statute import ProvisionNode, StatuteFacts, iter_provisions
from lawdb.legal.statute_refs import catalogue, resolve_act
from lawdb.models import (
    Amendment,
    AmendmentAction,
    Document,
    Provision,
    ProvisionKind,
    ProvisionVersion,
    Statute,
    StatuteAlias,
    StatuteKind,
)
from lawdb.services.statutes import alias_key

_NUMBERED = {"section", "article", "rule"}


def _statute_kind(kind: str) -> StatuteKind:
    return StatuteKind(kind) if kind in {k.value for k in StatuteKind} else StatuteKind.OTHER


def _find_existing(session: Session, key: str | None, short_title: str, jurisdiction: str) -> Statute | None:
    if key:
        found = session.scalar(select(Statute).join(StatuteAlias)
                               .where(StatuteAlias.alias_key == alias_key(key)))
        if found is not None:
            return found
    return session.scalars(select(Statute).where(Statute.short_title == short_title,
                                                 Statute.jurisdiction == jurisdiction)).first()


def _add_aliases(session: Session, statute: Statute, names: list[str]) -> None:
    taken = set(session.scalars(select(StatuteAlias.alias_key)))
    for name in names:
        k = alias_key(name)
        if k and k not in taken:
            taken.add(k)
            session.add(StatuteAlias(statute=statute, alias=name[:255], alias_key=k[:255]))


def _whole_provision(note: AmendmentNote, node: ProvisionNode, marker: str) -> bool:
    """Does the note change the provision as a whole (rather than words inside it)?

    Yes when the note names the provision ("ss.292B and 292C omitted by ..."),
    or when its marker is printed at the head of the provision, before or on
    its number ("1[292A. Exposure ...").
    """
    key = (node.number_key or "").upper()
    if key and any(re.sub(r"[^0-9A-Z]", "", t.upper()) == key for t in note.targets):
        return True
    head = node.text[: len(node.label) + 6].lstrip()
    if re.match(rf"^\W*{re.escape(marker)}\W", head) or head.startswith(f"{marker}["):
        return True
    # The marker was lost (a page-top line taken for a page number) but the
    # bracket it opened still stands before the number: "[292A. ...".
    first_ref = node.footnote_refs[0][1] if node.footnote_refs else None
    return marker == first_ref and head.startswith("[") and head[1:].startswith(node.label)


def record_statute_facts(session: Session, document: Document, facts: StatuteFacts,
                         *, manifest: dict[str, str] | None = None) -> list[str]:
    """Store the statute of ``document``; return warnings."""
    manifest = manifest or {}
    warnings = list(facts.warnings)
    key = resolve_act(facts.short_title) or resolve_act(facts.title)
    info = catalogue().get(key) if key else None
    short_title = (manifest.get("title") or facts.short_title or document.title)[:512]
    jurisdiction = info.jurisdiction if info else facts.jurisdiction
    statute = _find_existing(session, key, short_title, jurisdiction)
    if statute is None:
        statute = Statute(title=(facts.title or short_title)[:1024], short_title=short_title,
                          kind=_statute_kind(facts.kind), jurisdiction=jurisdiction)
        session.add(statute)
    elif statute.document_id not in (None, document.id):
        held = session.scalar(select(func.count()).select_from(Provision).where(
            Provision.statute_id == statute.id, Provision.kind.in_([ProvisionKind.SECTION,
                                                                    ProvisionKind.ARTICLE])))
        offered = sum(1 for n in iter_provisions(facts) if n.kind in ("section", "article"))
        if offered <= (held or 0):
            # Another text of this statute is already the source, and it is no
            # less complete; keep it (this document stays searchable as text).
            warnings.append(f"statute {statute.short_title!r} is already read from document "
                            f"{statute.document_id}; this text was not used for its provisions")
            return warnings
        warnings.append(f"replaces the provisions read from document {statute.document_id}")
    statute.document_id = document.id
    statute.year = facts.year or (info.year if info else None)
    statute.act_number = facts.act_number or manifest.get("citation", "").removeprefix("Act No. ") or None
    statute.enacted_date = facts.enacted_date
    session.flush()
    aliases = [short_title, facts.title] + ([key, *info.aliases] if info else [])
    _add_aliases(session, statute, [a for a in aliases if a])
    # Replace the tree: amendments read from this text, then provisions.
    session.execute(delete(Amendment).where(Amendment.statute_id == statute.id,
                                            Amendment.source_document_id == document.id))
    # Bulk delete in the database: versions cascade, references and amendments
    # pointing at these provisions are unlinked (and re-resolved afterwards).
    session.flush()
    session.execute(delete(Provision).where(Provision.statute_id == statute.id))
    session.expire(statute)
    position = 0
    paths: set[str] = set()
    histories: list[_History] = []

    def add(node: ProvisionNode, parent: Provision | None) -> None:
        nonlocal position
        position += 1
        path = node.path
        while path in paths:  # a duplicate in a damaged text must not lose the node
            path += "'"
        paths.add(path)
        kind = node.kind if node.kind in {k.value for k in ProvisionKind} else "paragraph"
        row = Provision(statute_id=statute.id, parent=parent, kind=ProvisionKind(kind),
                        label=node.label[:64], number_key=(node.number_key or None) and node.number_key[:64],
                        path=path[:255], heading=(node.heading or None) and node.heading[:1024],
                        position=position, page_number=node.page_number)
        session.add(row)
        if node.kind in _NUMBERED:
            histories.append(_read_history(session, statute, row, node, facts, document))
        for child in node.children:
            add(child, row)

    for root in facts.provisions:
        add(root, None)
    _infer_lettered_insertions(session, statute, histories, document)
    for history in histories:
        _record_versions(session, history, facts, warnings)
    session.flush()
    return warnings


@dataclass
class _History:
    row: Provision
    node: ProvisionNode
    whole: list[AmendmentNote] = field(default_factory=list)
    parts: list[AmendmentNote] = field(default_factory=list)
    inferred: list[str] = field(default_factory=list)


def _read_history(session: Session, statute: Statute, row: Provision, node: ProvisionNode,
                  facts: StatuteFacts, document: Document) -> _History:
    history = _History(row, node)
    previous: AmendmentNote | None = None
    for page, marker in node.footnote_refs:
        for mk, text in facts.footnotes.get(page, []):
            if mk != marker:
                continue
            note = parse_note(text, previous)
            if note is None:
                continue
            previous = note
            (history.whole if _whole_provision(note, node, marker) else history.parts).append(note)
            session.add(Amendment(
                statute=statute, target_provision=row, target_label=node.label[:64],
                amending_act=(note.amending_act or note.amending_act_title or None),
                action=AmendmentAction(note.action), effective_date=note.effective_date,
                raw_text=note.raw, source_document_id=document.id, source_page=page))
    return history


_LETTERED = re.compile(r"^(\d+)([A-Z]{1,3})$")


def _infer_lettered_insertions(session: Session, statute: Statute, histories: list[_History],
                               document: Document) -> None:
    """Give a lettered section with no insertion note its lettered neighbour's insertion.

    Sections such as 292B and 292C are never in an original enactment: they
    were inserted, usually together with the first of their run ("Ins. by Act
    X of 2016" printed once, at 292A, over the whole bracket). When a lettered
    section has no insertion note of its own, the nearest preceding section of
    the same number with one is taken to have brought it in too; the recorded
    amendment says it is inferred.
    """
    last_insert: dict[str, AmendmentNote] = {}
    for history in histories:
        match = _LETTERED.match((history.node.number_key or "").upper())
        inserts = [n for n in history.whole if n.action in ("insert", "add")]
        if match is None:
            continue
        base = match.group(1)
        if inserts:
            last_insert[base] = inserts[0]
            continue
        source = last_insert.get(base)
        if source is None:
            continue
        history.whole.insert(0, source)
        label = history.node.label
        raw = f"{source.raw} [inferred: printed at the first section of its run, before section {label}]"
        history.inferred.append(raw)
        session.add(Amendment(
            statute=statute, target_provision=history.row, target_label=label[:64],
            amending_act=(source.amending_act or source.amending_act_title or None),
            action=AmendmentAction(source.action), effective_date=source.effective_date,
            raw_text=raw, source_document_id=document.id))


def _record_versions(session: Session, history: _History, facts: StatuteFacts, warnings: list[str]) -> None:
    node = history.node
    status = node.status if node.status in {"in_force", "omitted", "repealed"} else "in_force"
    try:
        periods = build_periods(node.text if status == "in_force" else None, status,
                                facts.enacted_date, history.whole, part_notes=history.parts)
    except Exception as exc:  # a history that cannot be built must not lose the provision
        warnings.append(f"section {node.label}: history not built ({exc})")
        periods = []
    for p in periods:
        session.add(ProvisionVersion(provision=history.row, text=p.text, valid_from=p.valid_from,
                                     valid_to=p.valid_to, uncertain_until=p.uncertain_until,
                                     omitted=p.omitted, note=p.note))


def record_amending_act(session: Session, document: Document, facts: AmendingActFacts) -> list[str]:
    """Record an amending Act's instructions against the Act it amends, when that is held.

    Also links amendments already read from a consolidation's footnotes that
    name this Act ("Act XII of 2023") to this document.
    """
    warnings: list[str] = []
    target = None
    if facts.target_title:
        key = resolve_act(facts.target_title)
        target = _find_existing(session, key, facts.target_title, "PK")
        if target is None:
            from lawdb.services.statutes import find_statute

            target = find_statute(session, facts.target_title)
    if facts.act_number:
        number = f"Act {facts.act_number}"
        for amendment in session.scalars(select(Amendment).where(Amendment.amending_act == number)):
            amendment.amending_document_id = document.id
    if target is None:
        warnings.append(f"the Act it amends ({facts.target_title or 'unnamed'}) is not in the collection;"
                        " its changes are kept in the text only")
        return warnings
    session.execute(delete(Amendment).where(Amendment.source_document_id == document.id))
    when: date | None = facts.commencement
    for ins in facts.instructions:
        provision = session.scalars(select(Provision).where(
            Provision.statute_id == target.id, Provision.number_key == ins.target_section)).first()
        session.add(Amendment(
            statute=target, target_provision=provision, target_label=ins.new_label or ins.target_section,
            amending_document_id=document.id,
            amending_act=f"Act {facts.act_number}" if facts.act_number else facts.title,
            action=AmendmentAction(ins.action) if ins.action in {a.value for a in AmendmentAction}
            else AmendmentAction.AMEND,
            effective_date=when, raw_text=ins.raw, source_document_id=document.id,
            source_page=ins.page_number))
    session.flush()
    return warnings
