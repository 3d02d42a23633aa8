"""Writing a judgment's parsed facts, replacing those of an earlier parse.

Runs inside the caller's transaction (ingest commits per document; reparse
per document too). Manifest citations and manual masks are kept: a reparse
replaces only what the parser itself produced.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ingest.parse.judgment import JudgmentFacts
from lawdb.models import (
    BenchMember,
    CaseNumber,
    Citation,
    CitationKind,
    CitationMention,
    Counsel,
    Document,
    Judgment,
    MaskedName,
    Party,
    PartyRole,
    PunishmentKind,
    Sentence,
    SentenceStage,
    StatuteReference,
)
from lawdb.services.courts import find_or_create_court, find_or_create_judge

PARSER_SOURCES = ("printed", "reprint", "file_name")


def _clear(session: Session, document: Document) -> None:
    doc_id = document.id
    for model, column in ((BenchMember, BenchMember.judgment_id), (Sentence, Sentence.judgment_id),
                          (Party, Party.judgment_id), (CaseNumber, CaseNumber.judgment_id),
                          (Counsel, Counsel.judgment_id)):
        session.execute(delete(model).where(column == doc_id))
    session.execute(delete(CitationMention).where(CitationMention.citing_document_id == doc_id))
    session.execute(delete(StatuteReference).where(StatuteReference.document_id == doc_id))
    session.execute(delete(Citation).where(Citation.document_id == doc_id,
                                           Citation.source.in_(PARSER_SOURCES)))
    session.execute(delete(MaskedName).where(MaskedName.document_id == doc_id,
                                             MaskedName.source == "parser"))
    session.expire(document)


def record_judgment_facts(session: Session, document: Document, facts: JudgmentFacts,
                          *, manifest: dict[str, str] | None = None) -> list[str]:
    """Store ``facts`` for ``document`` (a judgment); return warnings worth reporting."""
    manifest = manifest or {}
    warnings: list[str] = [f"parser {e}" for e in facts.errors]
    _clear(session, document)
    judgment = session.get(Judgment, document.id)
    if judgment is None:
        judgment = Judgment(document_id=document.id)
        session.add(judgment)
    cap = facts.caption
    if cap is not None:
        if cap.court and not manifest.get("court"):
            judgment.court = find_or_create_court(session, cap.court, cap.seat)
        judgment.jurisdiction_line = cap.jurisdiction_line
        judgment.lower_court_line = cap.lower_court_line
        judgment.hearing_date = cap.hearing_date.value if cap.hearing_date else None
        if cap.decision_date and not manifest.get("date"):
            judgment.decision_date = cap.decision_date.value
        seen_judges: set[int] = set()
        for position, fact in enumerate(cap.judges):
            judge = find_or_create_judge(session, fact.name, fact.name_key)
            if judge.id in seen_judges:
                continue
            seen_judges.add(judge.id)
            session.add(BenchMember(judgment_id=document.id, judge_id=judge.id,
                                    is_author=bool(fact.is_author), position=position))
        parties = []
        for position, fact in enumerate(cap.parties):
            role = fact.role if fact.role in {r.value for r in PartyRole} else "other"
            party = Party(judgment_id=document.id, name=fact.name[:1024], role=PartyRole(role),
                          position=position)
            session.add(party)
            parties.append(party)
        for position, fact in enumerate(cap.case_numbers):
            session.add(CaseNumber(judgment_id=document.id, raw=fact.raw[:255], case_type=fact.type,
                                   number=fact.number, year=fact.year,
                                   registry_suffix=fact.suffix, position=position,
                                   page_number=fact.page_number))
        for position, fact in enumerate(cap.counsel):
            session.add(Counsel(judgment_id=document.id, name=fact.name[:1024],
                                appearing_for=fact.appearing_for, position=position))
    else:
        parties = []
    if facts.outcome is not None:
        judgment.outcome = facts.outcome.outcome
        judgment.outcome_page = facts.outcome.page_number
    # The judgment's own citations: its identity, unique across the collection.
    for own in facts.own_citations:
        taken = session.scalar(select(Citation.document_id).where(Citation.normalized == own.normalized))
        if taken is not None:
            if taken != document.id:
                warnings.append(f"own citation {own.normalized!r} already belongs to document {taken}")
            continue
        f = own.fact
        session.add(Citation(
            document_id=document.id,
            kind=CitationKind.NEUTRAL if (f.kind if f else "neutral") == "neutral" else CitationKind.REPORTER,
            reporter=(f.reporter if f else own.normalized.split()[1])[:32],
            year=f.year if f else int(own.normalized.split()[0]),
            volume=f.volume if f else None,
            page=f.page if f else int(own.normalized.split()[-1]),
            court=f.court if f else None,
            jurisdiction=f.jurisdiction if f else "PK",
            normalized=own.normalized, source=own.source))
        session.flush()
    for fact in facts.citations:
        session.add(CitationMention(
            citing_document_id=document.id, page_number=fact.page_number, span_start=fact.span[0],
            span_end=fact.span[1], raw=fact.raw[:255], normalized=fact.normalized[:128],
            jurisdiction=fact.jurisdiction))
    for ref in facts.statute_refs:
        session.add(StatuteReference(
            document_id=document.id, page_number=ref.page_number, span_start=ref.span[0],
            span_end=ref.span[1], raw=ref.raw[:512], section_label=ref.section_label[:64],
            act_key=(ref.act or None) and ref.act[:128], section_key=ref.section[:32],
            sub=ref.sub[:32] if ref.sub else None))
    by_name = {p.name.lower(): p for p in parties}
    for fact in facts.sentences:
        punishment = fact.punishment if fact.punishment in {p.value for p in PunishmentKind} else "other"
        accused = by_name.get((fact.accused or "").lower())
        offence = " ".join(x for x in (fact.section_label, fact.act) if x) or None
        session.add(Sentence(
            judgment_id=document.id, accused=accused, accused_name=fact.accused,
            offence_raw=offence, offence_act=fact.act, offence_section=fact.section,
            stage=SentenceStage(fact.stage), punishment_kind=PunishmentKind(punishment),
            term_days=fact.term_days, fine_pkr=fact.fine_pkr, compensation_pkr=fact.compensation_pkr,
            default_term_days=fact.default_term_days, concurrent=fact.concurrent,
            benefit_382b=getattr(fact, "benefit_382b", None), page_number=fact.page_number,
            span_start=fact.span[0], span_end=fact.span[1], quote=fact.quote))
    existing_masks = {m.lower() for m in session.scalars(
        select(MaskedName.name).where(MaskedName.document_id == document.id))}
    for victim in facts.victims:
        if victim.name.lower() not in existing_masks:
            existing_masks.add(victim.name.lower())
            session.add(MaskedName(document_id=document.id, name=victim.name[:255], source="parser"))
    title = facts.title
    if title and not manifest.get("title"):
        document.title = title[:1024]
    if judgment.decision_date and not manifest.get("date"):
        document.principal_date = judgment.decision_date
    document.parser_version = facts.parser_version
    document.version = (document.version or 0) + 1
    session.flush()
    return warnings
