"""Every entity of the data model, created and read back on SQLite and PostgreSQL.

The databases are real and migrated by Alembic (not ``create_all``), so these
tests also prove the migrations build what the models describe.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session

from lawdb.models import (
    Amendment,
    AmendmentAction,
    ApiToken,
    BenchMember,
    CaseNumber,
    Citation,
    CitationKind,
    CitationMention,
    Counsel,
    Court,
    CourtLevel,
    Document,
    DocumentKind,
    ExtractionMethod,
    FileStatus,
    IngestJob,
    JobStatus,
    Judge,
    Judgment,
    MaskedName,
    Page,
    Party,
    PartyRole,
    Provision,
    ProvisionKind,
    ProvisionVersion,
    PunishmentKind,
    Sentence,
    SentenceStage,
    SourceFile,
    Statute,
    StatuteAlias,
    StatuteKind,
    StatuteReference,
    User,
)


def make_file(sha: str = "a" * 64, **kw) -> SourceFile:
    return SourceFile(
        sha256=sha,
        original_name=kw.pop("original_name", "2024LHC6559.pdf"),
        size_bytes=kw.pop("size_bytes", 123_456),
        status=kw.pop("status", FileStatus.INGESTED),
        **kw,
    )


def make_document(session: Session, sha: str = "a" * 64, kind=DocumentKind.JUDGMENT) -> Document:
    doc = Document(kind=kind, title="Fictional v. The State", source_file=make_file(sha))
    session.add(doc)
    session.flush()
    return doc


def test_source_file_document_and_pages_round_trip(session: Session) -> None:
    sf = make_file(page_count=2, stored_path="files/aa/aa/" + "a" * 64 + ".pdf",
                   pipeline_version="1", manifest={"court": "LHC", "title": "X v. Y"})
    doc = Document(kind=DocumentKind.JUDGMENT, title="Nazar v. The State", language="en",
                   principal_date=date(2024, 5, 2), source_file=sf, full_text="one\ftwo",
                   page_count=2)
    doc.pages = [
        Page(number=1, label="1", text="one", raw_text="one\n1", method=ExtractionMethod.TEXT),
        Page(number=2, label="ii", text="two", method=ExtractionMethod.OCR, ocr_confidence=87.5),
    ]
    session.add(doc)
    session.commit()
    session.expunge_all()

    got = session.scalars(select(Document)).one()
    assert got.kind is DocumentKind.JUDGMENT
    assert got.principal_date == date(2024, 5, 2)
    assert got.source_file.manifest == {"court": "LHC", "title": "X v. Y"}
    assert got.source_file.status is FileStatus.INGESTED
    assert [(p.number, p.label, p.method, p.ocr_confidence) for p in got.pages] == [
        (1, "1", ExtractionMethod.TEXT, None),
        (2, "ii", ExtractionMethod.OCR, 87.5),
    ]
    assert got.created_at.tzinfo is not None or got.created_at <= datetime.now()
    # The stored value is the readable enum value, not the Python member name.
    raw_kind = session.execute(sa.text("SELECT kind FROM document")).scalar_one()
    assert raw_kind == "judgment"


def test_quarantined_file_and_duplicate_link(session: Session) -> None:
    original = make_file("b" * 64)
    broken = make_file("c" * 64, status=FileStatus.QUARANTINED, error_code="encrypted",
                       error_message="PDF is encrypted; pass --password")
    copy = make_file("d" * 64, status=FileStatus.DUPLICATE, duplicate_of=original)
    session.add_all([original, broken, copy])
    session.commit()
    session.expunge_all()
    q = session.scalars(select(SourceFile).where(SourceFile.status == FileStatus.QUARANTINED)).one()
    assert (q.error_code, q.documents) == ("encrypted", [])
    dup = session.scalars(select(SourceFile).where(SourceFile.sha256 == "d" * 64)).one()
    assert dup.duplicate_of.sha256 == "b" * 64


def test_judgment_caption_entities(session: Session) -> None:
    lhc = Court(name="Lahore High Court", abbreviation="LHC", level=CourtLevel.HIGH,
                province="Punjab")
    multan = Court(name="Lahore High Court, Multan Bench", level=CourtLevel.HIGH,
                   province="Punjab", parent=lhc)
    author = Judge(name="Arif Nadeem Qureshi", name_key="ARIF NADEEM QURESHI")
    other = Judge(name="Sana Malik", name_key="SANA MALIK")
    doc = make_document(session)
    j = Judgment(document=doc, court=multan, jurisdiction_line="Criminal Appellate Jurisdiction",
                 hearing_date=date(2024, 4, 30), decision_date=date(2024, 5, 2),
                 lower_court_line="On appeal from the judgment dated 01.02.2023 passed by ...",
                 outcome="dismissed", outcome_page=19)
    j.bench = [BenchMember(judge=author, is_author=True, position=0),
               BenchMember(judge=other, position=1)]
    j.parties = [Party(name="Nazar Hussain", role=PartyRole.APPELLANT, position=0),
                 Party(name="The State", role=PartyRole.STATE, position=1)]
    j.case_numbers = [
        CaseNumber(raw="Civil Appeals No.1194 to 1197 of 2014", case_type="C.A.", number=n,
                   year=2014, position=i, page_number=1)
        for i, n in enumerate(range(1194, 1198))
    ] + [CaseNumber(raw="C.P.L.A.1107-L/2015", case_type="C.P.L.A.", number=1107, year=2015,
                    registry_suffix="L", position=4)]
    j.counsel = [Counsel(name="Mr. A. Advocate", appearing_for="appellant")]
    session.add(j)
    session.commit()
    session.expunge_all()

    got = session.get(Judgment, doc.id)
    assert got.court.name == "Lahore High Court, Multan Bench"
    assert got.court.parent.abbreviation == "LHC"
    assert [(b.judge.name, b.is_author) for b in got.bench] == [
        ("Arif Nadeem Qureshi", True), ("Sana Malik", False)]
    assert [p.role for p in got.parties] == [PartyRole.APPELLANT, PartyRole.STATE]
    assert [c.number for c in got.case_numbers] == [1194, 1195, 1196, 1197, 1107]
    assert got.case_numbers[-1].registry_suffix == "L"
    assert got.counsel[0].appearing_for == "appellant"
    assert session.get(Court, lhc.id).benches[0].name.endswith("Multan Bench")


def test_citations_and_mentions(session: Session) -> None:
    cited = make_document(session, "e" * 64)
    citing = make_document(session, "f" * 64)
    session.add_all([
        Citation(document=cited, kind=CitationKind.NEUTRAL, reporter="LHC", year=2023,
                 page=5924, normalized="2023 LHC 5924"),
        Citation(document=cited, kind=CitationKind.REPORTER, reporter="PLD", year=2024,
                 court="Lahore", page=90, normalized="PLD 2024 Lahore 90", source="reprint"),
        CitationMention(citing_document=citing, page_number=3, span_start=10, span_end=23,
                        raw="2023 LHC 5924", normalized="2023 LHC 5924", jurisdiction="PK",
                        target_document=cited),
        CitationMention(citing_document=citing, page_number=4, span_start=0, span_end=17,
                        raw="(2015) 11 SCC 493", normalized="(2015) 11 SCC 493",
                        jurisdiction="IN"),
    ])
    session.commit()
    session.expunge_all()
    got = session.get(Document, cited.id)
    assert sorted(c.normalized for c in got.citations) == ["2023 LHC 5924", "PLD 2024 Lahore 90"]
    cited_by = session.scalars(
        select(CitationMention).where(CitationMention.target_document_id == cited.id)).all()
    assert [m.citing_document_id for m in cited_by] == [citing.id]
    unresolved = session.scalars(
        select(CitationMention).where(CitationMention.target_document_id.is_(None))).one()
    assert unresolved.jurisdiction == "IN"


def test_statute_tree_versions_amendments_and_references(session: Session) -> None:
    text_doc = make_document(session, "1" * 64, kind=DocumentKind.STATUTE)
    amending = make_document(session, "2" * 64, kind=DocumentKind.AMENDING_ACT)
    judgment = make_document(session, "3" * 64)
    peca = Statute(document=text_doc, title="Prevention of Electronic Crimes Act, 2016",
                   short_title="Prevention of Electronic Crimes Act, 2016", kind=StatuteKind.ACT,
                   year=2016, act_number="XL of 2016", jurisdiction="PK",
                   enacted_date=date(2016, 8, 22))
    peca.aliases = [StatuteAlias(alias="PECA", alias_key="PECA")]
    chapter = Provision(kind=ProvisionKind.CHAPTER, label="II", path="ch2", position=10,
                        heading="OFFENCES AND PUNISHMENTS")
    s22 = Provision(kind=ProvisionKind.SECTION, label="22", number_key="22", path="s22",
                    position=11, heading="Child pornography", parent=chapter, page_number=12)
    sub1 = Provision(kind=ProvisionKind.SUBSECTION, label="(1)", number_key="1", path="s22/1",
                     position=12, parent=s22)
    peca.provisions = [chapter, s22, sub1]
    amendment = Amendment(statute=peca, target_provision=s22, target_label="22",
                          amending_document=amending, amending_act="Act No. V of 2025",
                          action=AmendmentAction.SUBSTITUTE, effective_date=date(2025, 1, 29),
                          raw_text="Subs. by Act V of 2025, s. 9.", source_document_id=text_doc.id,
                          source_page=12)
    s22.versions = [
        ProvisionVersion(text="old text", valid_from=date(2016, 8, 22),
                         valid_to=date(2025, 1, 29)),
        ProvisionVersion(text="new text", valid_from=date(2025, 1, 29),
                         amending_document=amending, amendment=amendment),
    ]
    ref = StatuteReference(document=judgment, page_number=2, span_start=5, span_end=16,
                           raw="S. 22 PECA", statute=peca, section_label="22", provision=s22)
    session.add_all([peca, ref])
    session.commit()
    session.expunge_all()

    got = session.scalars(select(Statute)).one()
    assert got.aliases[0].alias == "PECA"
    assert [p.path for p in got.provisions] == ["ch2", "s22", "s22/1"]
    section = next(p for p in got.provisions if p.path == "s22")
    assert section.parent.label == "II" and [c.label for c in section.children] == ["(1)"]
    in_2020 = [v for v in section.versions
               if (v.valid_from is None or v.valid_from <= date(2020, 1, 1))
               and (v.valid_to is None or date(2020, 1, 1) < v.valid_to)]
    assert [v.text for v in in_2020] == ["old text"]
    assert section.versions[-1].amendment.action is AmendmentAction.SUBSTITUTE
    assert got.amendments[0].amending_document_id == amending.id
    refs = session.scalars(select(StatuteReference).where(
        StatuteReference.provision_id == section.id)).all()
    assert [r.raw for r in refs] == ["S. 22 PECA"]


def test_sentences(session: Session) -> None:
    doc = make_document(session)
    j = Judgment(document=doc)
    accused = Party(name="Nazar Hussain", role=PartyRole.ACCUSED)
    j.parties = [accused]
    j.sentences = [
        Sentence(accused=accused, accused_name="Nazar Hussain", offence_raw="292-C PPC",
                 stage=SentenceStage.TRIAL, punishment_kind=PunishmentKind.RIGOROUS_IMPRISONMENT,
                 term_days=7 * 365, fine_pkr=500_000, default_term_days=180, concurrent=True,
                 page_number=2, span_start=100, span_end=260,
                 quote="sentenced to rigorous imprisonment for seven years ..."),
        Sentence(accused_name="Nazar Hussain", stage=SentenceStage.FINAL,
                 punishment_kind=PunishmentKind.COMPENSATION, compensation_pkr=20_000_000_000,
                 page_number=19, quote="compensation of Rs. 2 crore"),
    ]
    session.add(j)
    session.commit()
    session.expunge_all()
    got = session.get(Judgment, doc.id)
    trial, final = sorted(got.sentences, key=lambda s: s.page_number)
    assert (trial.term_days, trial.fine_pkr, trial.concurrent) == (2555, 500_000, True)
    assert trial.accused.name == "Nazar Hussain"
    # Rupee amounts beyond 32 bits survive (BigInteger).
    assert final.compensation_pkr == 20_000_000_000


def test_masked_names_users_tokens_and_jobs(session: Session) -> None:
    user = User(username="editor", password_hash="scrypt:...", is_admin=True)
    user.tokens = [ApiToken(name="import script", token_hash="f" * 64, prefix="ldb_abcd",
                            expires_at=datetime.now(UTC) + timedelta(days=30))]
    doc = make_document(session)
    session.add_all([
        user,
        MaskedName(document=doc, name="Ayesha Bibi", created_by=user),
        IngestJob(upload_path="uploads/x.pdf", original_name="x.pdf", created_by=user,
                  options={"kind": "judgment"}),
    ])
    session.commit()
    session.expunge_all()
    got = session.scalars(select(User)).one()
    assert got.tokens[0].prefix == "ldb_abcd"
    assert session.scalars(select(MaskedName)).one().replacement == "[victim]"
    job = session.scalars(select(IngestJob)).one()
    assert (job.status, job.attempts, job.options) == (JobStatus.QUEUED, 0, {"kind": "judgment"})


# --- the database refuses what the model forbids ------------------------------------------

def _refused(session: Session, *objects) -> None:
    session.add_all(objects)
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()


def test_unique_sha256_refused(session: Session) -> None:
    session.add(make_file("9" * 64))
    session.commit()
    _refused(session, make_file("9" * 64, original_name="copy.pdf"))


def test_unique_citation_refused(session: Session) -> None:
    a = make_document(session, "4" * 64)
    b = make_document(session, "5" * 64)
    session.add(Citation(document=a, kind=CitationKind.REPORTER, reporter="SCMR", year=2019,
                         page=1234, normalized="2019 SCMR 1234"))
    session.commit()
    _refused(session, Citation(document=b, kind=CitationKind.REPORTER, reporter="SCMR",
                               year=2019, page=1234, normalized="2019 SCMR 1234"))


def test_unique_page_number_judge_alias_and_username_refused(session: Session) -> None:
    doc = make_document(session)
    session.add_all([Page(document=doc, number=1), Judge(name="A", name_key="A"),
                     User(username="u", password_hash="x")])
    session.commit()
    _refused(session, Page(document_id=doc.id, number=1))
    _refused(session, Judge(name="A.", name_key="A"))
    _refused(session, User(username="u", password_hash="y"))
    st = Statute(title="T", short_title="T", kind=StatuteKind.ACT)
    st.aliases = [StatuteAlias(alias="PPC", alias_key="PPC")]
    session.add(st)
    session.commit()
    _refused(session, StatuteAlias(statute_id=st.id, alias="P.P.C.", alias_key="PPC"))


def test_foreign_keys_enforced(session: Session) -> None:
    _refused(session, Page(document_id=999_999, number=1))
    _refused(session, CitationMention(citing_document_id=999_999, page_number=1, span_start=0,
                                      span_end=1, raw="x", normalized="x"))


def test_check_constraints_enforced(session: Session) -> None:
    doc = make_document(session)
    session.commit()
    _refused(session, Page(document_id=doc.id, number=0))
    _refused(session, Page(document_id=doc.id, number=3, ocr_confidence=140.0))
    _refused(session, make_file("8" * 64, size_bytes=-1))
    # An enum value outside the list is refused by the database itself, not only by Python.
    with pytest.raises(IntegrityError):
        session.execute(sa.text(
            "INSERT INTO document (kind, title, language, full_text, page_count, version, "
            "created_at, updated_at) VALUES ('novel', 't', 'en', '', 0, 1, "
            "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
    session.rollback()


def test_python_refuses_unknown_enum_value(session: Session) -> None:
    session.add(Document(kind="novel", title="x"))
    with pytest.raises(StatementError):
        session.flush()
    session.rollback()


def test_version_period_must_be_ordered(session: Session) -> None:
    st = Statute(title="T", short_title="T2", kind=StatuteKind.ACT)
    p = Provision(statute=st, kind=ProvisionKind.SECTION, label="1", path="s1")
    session.add(p)
    session.commit()
    _refused(session, ProvisionVersion(provision_id=p.id, text="x", valid_from=date(2020, 1, 1),
                                       valid_to=date(2019, 1, 1)))


def test_deleting_a_document_cascades_to_its_facts(session: Session) -> None:
    cited = make_document(session, "6" * 64)
    doc = make_document(session, "7" * 64)
    doc.pages = [Page(number=1, text="x")]
    session.add(CitationMention(citing_document=cited, page_number=1, span_start=0, span_end=1,
                                raw="x", normalized="x", target_document=doc))
    session.add(Judgment(document=doc, parties=[Party(name="A", role=PartyRole.STATE)]))
    session.commit()
    session.execute(sa.delete(Document).where(Document.id == doc.id))
    session.commit()
    session.expunge_all()
    assert session.scalar(select(sa.func.count()).select_from(Page)) == 0
    assert session.scalar(select(sa.func.count()).select_from(Party)) == 0
    # The citing judgment keeps its mention; it just no longer resolves.
    mention = session.scalars(select(CitationMention)).one()
    assert mention.target_document_id is None
