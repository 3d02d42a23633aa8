"""Exporting the collection: JSON Lines (one document per line) and CSV.

The format is documented in ``docs/export-format.md`` and described by the
JSON Schema ``lawdb/data/export.schema.json``. Victims' names are masked in
every field that can carry them (title, parties, accused, quotes, text)
unless masking is switched off for that document. Rows are streamed: an
export of a large collection holds one document in memory at a time.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from lawdb.masking import mask_text
from lawdb.models import (
    Amendment,
    BenchMember,
    Court,
    Document,
    DocumentKind,
    Judgment,
    MaskedName,
    Provision,
    Sentence,
    Statute,
)

SCHEMA_VERSION = "1"


def _court_json(court: Court | None) -> dict[str, Any] | None:
    if court is None:
        return None
    if court.parent is not None:
        seat = court.name.removeprefix(court.parent.name).lstrip(", ") or None
        return {"name": court.parent.name, "seat": seat}
    return {"name": court.name, "seat": None}


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def masked_names(session: Session, document: Document) -> list[str]:
    """The names to mask in ``document`` (none when an admin switched masking off)."""
    if not document.masking_enabled:
        return []
    return list(session.scalars(select(MaskedName.name).where(MaskedName.document_id == document.id)))


def document_record(session: Session, document: Document, *, with_text: bool = False) -> dict[str, Any]:
    """One document as exported (judgment fields are null/empty for other kinds)."""
    names = masked_names(session, document)

    def m(text: str | None) -> str | None:
        return mask_text(text, names) if text is not None and names else text

    judgment: Judgment | None = document.judgment
    source = document.source_file
    record: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": document.id,
        "kind": document.kind.value,
        "title": m(document.title),
        "language": document.language,
        "page_count": document.page_count,
        "principal_date": _iso(document.principal_date),
        "court": None,
        "judges": [],
        "author_judge": None,
        "case_numbers": [],
        "parties": [],
        "hearing_date": None,
        "decision_date": None,
        "citations_self": sorted(c.normalized for c in document.citations),
        "cites": [],
        "statute_refs": [],
        "sentences": [],
        "outcome": None,
        "masked": bool(names),
        "source": {"sha256": source.sha256, "file_name": source.original_name} if source else None,
    }
    if judgment is not None:
        bench = sorted(judgment.bench, key=lambda b: b.position)
        author = next((b.judge.name for b in bench if b.is_author), None)
        record.update({
            "court": _court_json(judgment.court),
            "judges": [b.judge.name for b in bench],
            "author_judge": author,
            "case_numbers": [
                {"raw": c.raw, "type": c.case_type, "number": c.number, "suffix": c.registry_suffix,
                 "year": c.year} for c in judgment.case_numbers],
            "parties": [{"name": m(p.name), "role": p.role.value} for p in judgment.parties],
            "hearing_date": _iso(judgment.hearing_date),
            "decision_date": _iso(judgment.decision_date),
            "lower_court": m(judgment.lower_court_line),
            "outcome": judgment.outcome,
            "sentences": [_sentence(s, m) for s in sorted(
                judgment.sentences, key=lambda s: (s.stage.value != "trial", s.page_number, s.id))],
        })
    record["cites"] = [
        {"raw": c.raw, "normalized": c.normalized, "jurisdiction": c.jurisdiction,
         "page": c.page_number, "resolved_id": c.target_document_id}
        for c in sorted(document.citation_mentions, key=lambda c: (c.page_number, c.span_start))]
    record["statute_refs"] = [
        {"raw": r.raw, "act": r.act_key, "section": r.section_key, "sub": r.sub, "page": r.page_number,
         "provision_id": r.provision_id}
        for r in sorted(document.statute_references, key=lambda r: (r.page_number, r.span_start))]
    statute = session.scalar(select(Statute).where(Statute.document_id == document.id))
    if statute is not None:
        record["statute"] = statute_record(session, statute)
    if with_text:
        record["pages"] = [{"number": p.number, "label": p.label, "method": p.method.value,
                            "text": m(p.text)} for p in document.pages]
    return record


def statute_record(session: Session, statute: Statute) -> dict[str, Any]:
    """A statute with its provision tree, versions in time and amendments."""
    provisions = session.scalars(select(Provision).where(Provision.statute_id == statute.id)
                                 .order_by(Provision.position)
                                 .options(selectinload(Provision.versions))).all()
    paths = {p.id: p.path for p in provisions}
    amendments: dict[int | None, list[Amendment]] = {}
    for a in session.scalars(select(Amendment).where(Amendment.statute_id == statute.id)
                             .order_by(Amendment.id)):
        amendments.setdefault(a.target_provision_id, []).append(a)
    return {
        "short_title": statute.short_title, "title": statute.title, "kind": statute.kind.value,
        "act_number": statute.act_number, "year": statute.year, "jurisdiction": statute.jurisdiction,
        "enacted_date": _iso(statute.enacted_date), "aliases": sorted(a.alias for a in statute.aliases),
        "provisions": [{
            "path": p.path, "parent_path": paths.get(p.parent_id), "kind": p.kind.value, "label": p.label,
            "heading": p.heading, "page": p.page_number,
            "versions": [{"valid_from": _iso(v.valid_from), "valid_to": _iso(v.valid_to),
                          "uncertain_until": _iso(v.uncertain_until), "omitted": v.omitted,
                          "text": v.text, "note": v.note}
                         for v in sorted(p.versions, key=lambda v: (v.valid_from is not None, v.valid_from))],
            "amendments": [{"action": a.action.value, "amending_act": a.amending_act,
                            "effective_date": _iso(a.effective_date), "raw_text": a.raw_text}
                           for a in amendments.get(p.id, [])],
        } for p in provisions],
    }


def _sentence(s: Sentence, m) -> dict[str, Any]:
    return {
        "stage": s.stage.value, "accused": m(s.accused_name), "section": s.offence_section,
        "act": s.offence_act, "punishment": s.punishment_kind.value, "term_days": s.term_days,
        "fine_pkr": s.fine_pkr, "compensation_pkr": s.compensation_pkr,
        "default_term_days": s.default_term_days, "concurrent": s.concurrent,
        "benefit_382b": s.benefit_382b, "page": s.page_number, "quote": m(s.quote),
    }


def _documents(session: Session, kinds: Sequence[str] | None) -> Iterator[Document]:
    query = (select(Document).order_by(Document.id).options(
        selectinload(Document.source_file), selectinload(Document.citations),
        selectinload(Document.citation_mentions), selectinload(Document.statute_references),
        selectinload(Document.judgment).selectinload(Judgment.bench).selectinload(BenchMember.judge),
        selectinload(Document.judgment).selectinload(Judgment.parties),
        selectinload(Document.judgment).selectinload(Judgment.case_numbers),
        selectinload(Document.judgment).selectinload(Judgment.sentences),
        selectinload(Document.judgment).selectinload(Judgment.court).selectinload(Court.parent)))
    if kinds:
        query = query.where(Document.kind.in_([DocumentKind(k) for k in kinds]))
    # Batches keep memory flat on large collections.
    last_id = 0
    while True:
        batch = session.scalars(query.where(Document.id > last_id).limit(200)).all()
        if not batch:
            return
        yield from batch
        last_id = batch[-1].id
        session.expunge_all()


def export_jsonl(session: Session, out: TextIO, *, kinds: Sequence[str] | None = None,
                 with_text: bool = False) -> int:
    """Write one JSON object per document; return how many."""
    count = 0
    for document in _documents(session, kinds):
        out.write(json.dumps(document_record(session, document, with_text=with_text),
                             ensure_ascii=False) + "\n")
        count += 1
    return count


DOCUMENT_COLUMNS = ["id", "kind", "title", "court", "seat", "decision_date", "hearing_date", "judges",
                    "author_judge", "case_numbers", "parties", "citations_self", "outcome", "language",
                    "page_count", "cites_count", "statute_refs", "sha256", "file_name"]
SENTENCE_COLUMNS = ["document_id", "title", "court", "seat", "decision_date", "stage", "accused", "act",
                    "section", "punishment", "term_days", "fine_pkr", "compensation_pkr",
                    "default_term_days", "concurrent", "benefit_382b", "page", "quote"]


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    court = record["court"] or {}
    return {
        "id": record["id"], "kind": record["kind"], "title": record["title"],
        "court": court.get("name"), "seat": court.get("seat"),
        "decision_date": record["decision_date"], "hearing_date": record["hearing_date"],
        "judges": "; ".join(record["judges"]), "author_judge": record["author_judge"],
        "case_numbers": "; ".join(c["raw"] for c in record["case_numbers"]),
        "parties": "; ".join(f"{p['name']} ({p['role']})" for p in record["parties"]),
        "citations_self": "; ".join(record["citations_self"]), "outcome": record["outcome"],
        "language": record["language"], "page_count": record["page_count"],
        "cites_count": len(record["cites"]),
        "statute_refs": "; ".join(sorted({f"{r['act']}:{r['section']}" for r in record["statute_refs"]})),
        "sha256": (record["source"] or {}).get("sha256"),
        "file_name": (record["source"] or {}).get("file_name"),
    }


def export_csv(session: Session, out: TextIO, *, kinds: Sequence[str] | None = None,
               table: str = "documents") -> int:
    """CSV: one row per document, or (``table="sentences"``) one row per sentence."""
    columns = SENTENCE_COLUMNS if table == "sentences" else DOCUMENT_COLUMNS
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    rows = 0
    for document in _documents(session, kinds):
        record = document_record(session, document)
        if table != "sentences":
            writer.writerow(_flat(record))
            rows += 1
            continue
        court = record["court"] or {}
        for sentence in record["sentences"]:
            writer.writerow({"document_id": record["id"], "title": record["title"],
                             "court": court.get("name"), "seat": court.get("seat"),
                             "decision_date": record["decision_date"], **sentence})
            rows += 1
    return rows


def export_to_string(session: Session, fmt: str = "jsonl", **kwargs: Any) -> str:
    buffer = io.StringIO()
    (export_jsonl if fmt == "jsonl" else export_csv)(session, buffer, **kwargs)
    return buffer.getvalue()


__all__ = ["document_record", "export_csv", "export_jsonl"]
