"""Building :class:`~lawdb.search.backend.SearchDocument` objects from the database.

Everything is loaded in a few batched queries per group of documents (no
query per row), so a reindex of the whole collection streams at database
speed. Victims' names (``masked_name``) are masked in every text that goes
into the index when the document's masking is on: pages, title, parties.
The unmasked names are never indexed, so neither a search nor a snippet can
find or show them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lawdb.masking import mask_text
from lawdb.models import (
    BenchMember,
    CaseNumber,
    Citation,
    CitationMention,
    Court,
    Document,
    Judge,
    Judgment,
    MaskedName,
    Page,
    Party,
    Sentence,
    Statute,
    StatuteAlias,
    StatuteReference,
)
from lawdb.search.backend import CaseRef, SearchDocument
from lawdb.search.legal_terms import section_display

BATCH = 200


def _masker(names_by_replacement: dict[str, list[str]]):
    def mask(text: str) -> str:
        for replacement, names in names_by_replacement.items():
            text = mask_text(text, names, replacement)
        return text

    return mask


def load_search_documents(session: Session, ids: Sequence[int]) -> list[SearchDocument]:
    """The search documents of ``ids`` that exist (missing ids are left out), in ``ids`` order."""
    out: list[SearchDocument] = []
    ids = list(dict.fromkeys(ids))
    for start in range(0, len(ids), BATCH):
        out.extend(_load_batch(session, ids[start:start + BATCH]))
    return out


def iter_search_documents(session: Session, batch: int = BATCH) -> Iterator[SearchDocument]:
    """Every document of the collection, in id order, loaded batch by batch."""
    last = 0
    while True:
        ids = list(session.scalars(select(Document.id).where(Document.id > last)
                                   .order_by(Document.id).limit(batch)))
        if not ids:
            return
        yield from _load_batch(session, ids)
        last = ids[-1]
        session.expunge_all()


def _load_batch(session: Session, ids: list[int]) -> list[SearchDocument]:
    documents = {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(ids)))}
    if not documents:
        return []
    present = list(documents)

    pages: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for doc_id, number, text in session.execute(
            select(Page.document_id, Page.number, Page.text).where(Page.document_id.in_(present))):
        pages[doc_id].append((number, text or ""))

    masks: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for doc_id, name, replacement in session.execute(
            select(MaskedName.document_id, MaskedName.name, MaskedName.replacement)
            .where(MaskedName.document_id.in_(present))):
        masks[doc_id][replacement or "[victim]"].append(name)

    judgments = {j.document_id: j for j in session.scalars(
        select(Judgment).where(Judgment.document_id.in_(present)))}
    court_ids = {j.court_id for j in judgments.values() if j.court_id}
    courts: dict[int, Court] = {}
    while court_ids:
        found = session.scalars(select(Court).where(Court.id.in_(court_ids))).all()
        courts.update({c.id: c for c in found})
        court_ids = {c.parent_id for c in found if c.parent_id and c.parent_id not in courts}

    judges: dict[int, list[str]] = defaultdict(list)
    for doc_id, name in session.execute(
            select(BenchMember.judgment_id, Judge.name).join(Judge, Judge.id == BenchMember.judge_id)
            .where(BenchMember.judgment_id.in_(present)).order_by(BenchMember.position)):
        judges[doc_id].append(name)
    parties: dict[int, list[str]] = defaultdict(list)
    for doc_id, name in session.execute(
            select(Party.judgment_id, Party.name).where(Party.judgment_id.in_(present))
            .order_by(Party.position)):
        parties[doc_id].append(name)
    cases: dict[int, list[CaseRef]] = defaultdict(list)
    for row in session.scalars(select(CaseNumber).where(CaseNumber.judgment_id.in_(present))
                               .order_by(CaseNumber.position)):
        cases[row.judgment_id].append(CaseRef(row.raw, row.case_type, row.number, row.registry_suffix,
                                              row.year))
    own: dict[int, list[str]] = defaultdict(list)
    for doc_id, normalized in session.execute(
            select(Citation.document_id, Citation.normalized).where(Citation.document_id.in_(present))
            .order_by(Citation.id)):
        own[doc_id].append(normalized)
    cited: dict[int, dict[str, None]] = defaultdict(dict)
    cited_ids: dict[int, dict[int, None]] = defaultdict(dict)
    for doc_id, normalized, target in session.execute(
            select(CitationMention.citing_document_id, CitationMention.normalized,
                   CitationMention.target_document_id)
            .where(CitationMention.citing_document_id.in_(present)).order_by(CitationMention.id)):
        cited[doc_id][normalized] = None
        if target is not None and target != doc_id:
            cited_ids[doc_id][target] = None
    cited_by = dict(session.execute(
        select(CitationMention.target_document_id,
               func.count(func.distinct(CitationMention.citing_document_id)))
        .where(CitationMention.target_document_id.in_(present))
        .where(CitationMention.citing_document_id != CitationMention.target_document_id)
        .group_by(CitationMention.target_document_id)).all())
    sections: dict[int, dict[str, None]] = defaultdict(dict)
    acts: dict[int, dict[str, None]] = defaultdict(dict)
    for doc_id, act, section in session.execute(
            select(StatuteReference.document_id, StatuteReference.act_key, StatuteReference.section_key)
            .where(StatuteReference.document_id.in_(present)).order_by(StatuteReference.id)):
        _add_section(sections[doc_id], acts[doc_id], act, section)
    punishments: dict[int, dict[str, None]] = defaultdict(dict)
    for doc_id, kind, act, section in session.execute(
            select(Sentence.judgment_id, Sentence.punishment_kind, Sentence.offence_act,
                   Sentence.offence_section).where(Sentence.judgment_id.in_(present))):
        punishments[doc_id][str(getattr(kind, "value", kind))] = None
        _add_section(sections[doc_id], acts[doc_id], act, section)
    # A statute's own document is found by the statute's names.
    for doc_id, alias in session.execute(
            select(Statute.document_id, StatuteAlias.alias_key).join(StatuteAlias.statute)
            .where(Statute.document_id.in_(present))):
        acts[doc_id][alias] = None

    out = []
    for doc_id in ids:
        document = documents.get(doc_id)
        if document is None:
            continue
        mask = _masker(masks[doc_id]) if document.masking_enabled and masks.get(doc_id) else (lambda t: t)
        judgment = judgments.get(doc_id)
        court = courts.get(judgment.court_id) if judgment and judgment.court_id else None
        principal = court
        seat = None
        if court is not None and court.parent_id and court.parent_id in courts:
            principal = courts[court.parent_id]
            seat = _seat_name(court.name, principal.name)
        decided = (judgment.decision_date if judgment else None) or document.principal_date
        page_texts = [mask(text) for _n, text in sorted(pages.get(doc_id, []))]
        out.append(SearchDocument(
            id=doc_id,
            version=document.version or 1,
            kind=str(getattr(document.kind, "value", document.kind)),
            title=mask(document.title or ""),
            pages=page_texts,
            language=document.language or "en",
            date=decided,
            court=principal.name if principal else None,
            court_abbreviation=principal.abbreviation if principal else None,
            seat=seat,
            judges=judges.get(doc_id, []),
            parties=[mask(p) for p in parties.get(doc_id, [])],
            case_numbers=cases.get(doc_id, []),
            citations=own.get(doc_id, []),
            cited=list(cited.get(doc_id, {})),
            cited_ids=list(cited_ids.get(doc_id, {})),
            sections=list(sections.get(doc_id, {})),
            acts=list(acts.get(doc_id, {})),
            outcome=judgment.outcome if judgment else None,
            punishments=list(punishments.get(doc_id, {})),
            cited_by=int(cited_by.get(doc_id, 0)),
        ))
    return out


def _add_section(sections: dict[str, None], acts: dict[str, None], act: str | None,
                 section: str | None) -> None:
    if act:
        acts[act] = None
    if section:
        sections[section_display(act, section)] = None


def _seat_name(bench: str, court: str) -> str:
    """ "Lahore High Court, Multan Bench" -> "Multan Bench"."""
    if bench.startswith(court):
        rest = bench[len(court):].strip(" ,-")
        return rest or bench
    return bench


def cited_targets(session: Session, ids: Sequence[int]) -> set[int]:
    """Documents cited by ``ids`` (their "cited by" counts depend on ``ids``)."""
    if not ids:
        return set()
    return set(session.scalars(
        select(CitationMention.target_document_id).where(
            CitationMention.citing_document_id.in_(list(ids)),
            CitationMention.target_document_id.is_not(None)).distinct()))
