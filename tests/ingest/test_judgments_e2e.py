"""Judgments as data, end to end: ingest, facts with provenance, links, masking, reparse, export."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest
from sqlalchemy import func, select

from ingest.manifest import load_manifest
from ingest.pipeline import IngestOptions, ingest_paths
from ingest.reparse import reparse, select_documents
from lawdb.models import (
    CitationMention,
    Document,
    Judgment,
    MaskedName,
    Page,
    Sentence,
    StatuteReference,
)
from lawdb.services.citations import cited_by
from lawdb.services.export import export_csv, export_jsonl
from tests.paths import SAMPLES

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "lawdb/data/export.schema.json").read_text())


def doc_by_file(session, name: str) -> Document:
    from lawdb.models import SourceFile

    return session.scalars(select(Document).join(SourceFile).where(SourceFile.original_name == name)).one()


def test_samples_become_linked_facts_with_provenance(factory, store) -> None:
    manifest = load_manifest(SAMPLES / "manifest.csv")
    # The citing Supreme Court judgment arrives first; the cited LHC judgment later.
    ingest_paths(factory, store, [SAMPLES / "sc_criminal_appeal_2023.pdf"],
                 IngestOptions(workers=1, manifest=manifest))
    with factory() as s:
        sc = doc_by_file(s, "sc_criminal_appeal_2023.pdf")
        mention = s.scalars(select(CitationMention).where(
            CitationMention.citing_document_id == sc.id,
            CitationMention.normalized == "2022 LHC 9002")).one()
        assert mention.target_document_id is None  # not in the collection yet
        page = s.scalars(select(Page).where(Page.document_id == sc.id,
                                            Page.number == mention.page_number)).one()
        assert page.text[mention.span_start:mention.span_end] == mention.raw
    ingest_paths(factory, store, [SAMPLES], IngestOptions(workers=2, manifest=manifest))
    with factory() as s:
        sc = doc_by_file(s, "sc_criminal_appeal_2023.pdf")
        lhc = doc_by_file(s, "lhc_criminal_appeal_2022.pdf")
        # "Cited by" grew when the cited judgment arrived.
        assert [d.id for d, _n in cited_by(s, lhc.id)] == [sc.id]
        judgment = s.get(Judgment, sc.id)
        assert judgment.court.name == "Supreme Court of Pakistan"
        assert len(judgment.bench) == 3 and sum(b.is_author for b in judgment.bench) == 1
        assert {(c.number, c.registry_suffix, c.year) for c in judgment.case_numbers} >= {
            (412, None, 2023), (88, "L", 2023)}
        refs = s.scalars(select(StatuteReference).where(StatuteReference.document_id == sc.id)).all()
        assert {"PECA:22", "CrPC:382B"} <= {f"{r.act_key}:{r.section_key}" for r in refs}
        for ref in refs:
            text = s.scalars(select(Page.text).where(Page.document_id == sc.id,
                                                     Page.number == ref.page_number)).one()
            assert text[ref.span_start:ref.span_end] == ref.raw
        sentences = s.scalars(select(Sentence).where(Sentence.judgment_id == lhc.id)).all()
        assert {s_.stage.value for s_ in sentences} == {"trial", "final"}
        for sentence in sentences:
            text = s.scalars(select(Page.text).where(Page.document_id == lhc.id,
                                                     Page.number == sentence.page_number)).one()
            assert text[sentence.span_start:sentence.span_end] == sentence.quote
        assert s.get(Judgment, lhc.id).outcome in {"partly_allowed", "sentence_modified"}
        assert "Ayesha Bibi" in {m.name for m in s.scalars(select(MaskedName).where(
            MaskedName.document_id == lhc.id))}


def test_reparse_is_idempotent_and_keeps_manual_masks(factory, store) -> None:
    ingest_paths(factory, store, [SAMPLES], IngestOptions(workers=2,
                                                          manifest=load_manifest(SAMPLES / "manifest.csv")))

    def snapshot():
        with factory() as s:
            return tuple(s.scalar(select(func.count()).select_from(m)) for m in
                         (CitationMention, StatuteReference, Sentence, MaskedName))

    with factory() as s:
        lhc = doc_by_file(s, "lhc_criminal_appeal_2022.pdf")
        s.add(MaskedName(document_id=lhc.id, name="Ghulam Rasool", source="manual"))
        s.commit()
        ids = select_documents(s, all_documents=True)
    before = snapshot()
    result = reparse(factory, ids)
    assert result.documents == 2
    assert snapshot() == before
    with factory() as s:
        assert "Ghulam Rasool" in set(s.scalars(select(MaskedName.name)))


def test_export_validates_and_masks(factory, store) -> None:
    ingest_paths(factory, store, [SAMPLES], IngestOptions(workers=2,
                                                          manifest=load_manifest(SAMPLES / "manifest.csv")))
    out = io.StringIO()
    with factory() as s:
        assert export_jsonl(s, out, with_text=True) == 4
    lines = out.getvalue().splitlines()
    for line in lines:
        jsonschema.validate(json.loads(line), SCHEMA)
    assert "Ayesha" not in out.getvalue()
    assert "[victim]" in out.getvalue()
    lhc = next(json.loads(x) for x in lines if json.loads(x)["source"]["file_name"].startswith("lhc_"))
    assert lhc["masked"] and lhc["court"] == {"name": "Lahore High Court", "seat": "Multan Bench"}
    assert lhc["sentences"] and all(isinstance(x["term_days"], int | None) for x in lhc["sentences"])
    csv_out = io.StringIO()
    with factory() as s:
        rows = export_csv(s, csv_out, table="sentences")
    assert rows == len([x for line in lines for x in json.loads(line)["sentences"]])
    assert "Ayesha" not in csv_out.getvalue()
    # Switching masking off for the document lifts the mask.
    with factory() as s:
        doc = s.get(Document, lhc["id"])
        doc.masking_enabled = False
        s.commit()
        unmasked = io.StringIO()
        export_jsonl(s, unmasked, kinds=["judgment"], with_text=True)
    assert "Ayesha Bibi" in unmasked.getvalue()


@pytest.mark.slow
@pytest.mark.parametrize("db_kind", ["sqlite"], indirect=True)
def test_export_of_the_shared_corpus_validates_and_never_shows_masked_names(factory, store,
                                                                           shared_dir: Path) -> None:
    corpus = shared_dir / "corpus"
    folders = [corpus / "pk_judgments", corpus / "pk_statutes", corpus / "other_legal",
               corpus / "robustness", corpus / "bulk_lhc"]
    ingest_paths(factory, store, folders, IngestOptions(workers=2, ocr=False))
    out = io.StringIO()
    with factory() as s:
        count = export_jsonl(s, out, with_text=True)
        names: dict[int, list[str]] = {}
        for doc_id, name in s.execute(select(MaskedName.document_id, MaskedName.name)):
            names.setdefault(doc_id, []).append(name)
    assert count > 200 and names
    text = out.getvalue()
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for line in text.splitlines():
        errors = list(validator.iter_errors(json.loads(line)))
        assert not errors, errors[0].message
    from lawdb.masking import mask_spans

    for line in text.splitlines():
        record = json.loads(line)
        hidden = names.get(record["id"], [])
        assert record["masked"] == bool(hidden)
        assert not mask_spans(line, hidden), f"a masked name appears in document {record['id']}"
