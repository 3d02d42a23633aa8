"""Fixtures for search tests: a small hand-made collection, and real databases to drain into."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from lawdb.config import Settings, load_settings
from lawdb.models import (
    BenchMember,
    CaseNumber,
    Citation,
    CitationKind,
    CitationMention,
    Court,
    CourtLevel,
    Document,
    DocumentKind,
    Judge,
    Judgment,
    MaskedName,
    Page,
    Party,
    PartyRole,
    StatuteReference,
)
from lawdb.search.backend import CaseRef, SearchDocument
from lawdb.search.whoosh_backend import WhooshBackend
from lawdb.services.indexing import queue_upsert

NAZAR = SearchDocument(
    id=1, version=1, kind="judgment", title="Nazar Hussain v. The State",
    date=date(2024, 9, 12), court="Lahore High Court", court_abbreviation="LHC", seat="Multan Bench",
    judges=["Sadiq Mahmud Khurram"], parties=["Nazar Hussain", "The State"],
    case_numbers=[CaseRef("Criminal Appeal No. 964-J of 2023", "Crl.A.", 964, "J", 2023)],
    citations=["2024 LHC 6559"], cited=["2019 SCMR 1234", "PLD 2015 SC 396"], cited_ids=[4, 5],
    sections=["PPC:292C", "PPC:376"], acts=["PPC"], outcome="sentence_modified",
    punishments=["rigorous_imprisonment", "fine"],
    pages=[
        "IN THE LAHORE HIGH COURT, MULTAN BENCH. Criminal Appeal No. 964-J of 2023. Nazar Hussain "
        "versus The State. The appellant was convicted under sections 292-C and 376(iii) PPC for "
        "making obscene material of a minor.",
        "The learned counsel argued that the prosecution case was doubtful and that the appellant "
        "deserved the benefit of doubt. Reliance was placed on 2019 SCMR 1234 and PLD 2015 SC 396. "
        "The obscene videos were recovered from his mobile phone.",
        "The sentence of rigorous imprisonment for fourteen years is maintained; in default of payment "
        "of fine he shall undergo six months simple imprisonment. Appeal partly allowed.",
    ])
REHMAT = SearchDocument(
    id=2, version=1, kind="judgment", title="Muhammad Rehmat Ullah v. The State",
    date=date(2023, 5, 10), court="Lahore High Court", court_abbreviation="LHC",
    judges=["Farooq Haider"], parties=["Muhammad Rehmat Ullah", "The State"],
    case_numbers=[CaseRef("Crl. Misc. No. 63844-B of 2023", "Crl.Misc.", 63844, "B", 2023)],
    citations=["2023 LHC 4087"], cited=["2019 SCMR 1234"], cited_ids=[4],
    sections=["PECA:21", "PECA:22", "CrPC:497"], acts=["PECA", "CrPC"], outcome="bail_refused",
    pages=[
        "Through this petition under section 497 Cr.P.C. the petitioner seeks post-arrest bail in case "
        "FIR No. 12 registered at "
        "FIA Cyber Crime Wing under sections 21 and 22 of the Prevention of Electronic Crimes Act, 2016.",
        "Child pornography was found on the laptop of the petitioner. Bail is refused. See 2019 SCMR 1234.",
    ])
JAVED = SearchDocument(
    id=3, version=1, kind="judgment", title="Javed Iqbal v. The State",
    date=date(2022, 11, 1), court="Supreme Court of Pakistan", court_abbreviation="SCP",
    judges=["Sardar Tariq Masood", "Syed Mansoor Ali Shah"], parties=["Javed Iqbal", "The State"],
    case_numbers=[CaseRef("Criminal Petition No. 1251 of 2022", "Crl.P.", 1251, None, 2022)],
    citations=["2023 SCP 15"], sections=["PECA:13", "PECA:14"], acts=["PECA"], outcome="bail_granted",
    pages=[
        "The petitioner was booked under PECA for electronic forgery. Whether the Special Court under "
        "PECA alone may try the offence. Bail after arrest is granted; the petition is converted into "
        "an appeal and allowed.",
    ])
KHALIQ = SearchDocument(
    id=4, version=1, kind="judgment", title="The State v. Abdul Khaliq",
    date=date(2011, 4, 21), court="Supreme Court of Pakistan", court_abbreviation="SCP",
    judges=["Nasir-ul-Mulk", "Saqib Nisar"], parties=["The State", "Abdul Khaliq"],
    case_numbers=[CaseRef("Criminal Appeal No. 163 of 2005", "Crl.A.", 163, None, 2005)],
    citations=["2019 SCMR 1234"], sections=["PPC:376", "PPC:10"], acts=["PPC"], outcome="acquitted",
    pages=[
        "Mukhtar Mai alleged gang rape on the orders of a village council. The rape was reported after "
        "eight days.",
        "The delay in lodging the FIR was not explained; the accused are acquitted of the charge of rape.",
    ], cited_by=2)
HINA = SearchDocument(
    id=5, version=1, kind="judgment", title="Hina Manzoor v. Malik Ibrar Ahmed",
    date=date(2015, 3, 3), court="Supreme Court of Pakistan", court_abbreviation="SCP",
    judges=["Mian Saqib Nisar"], parties=["Hina Manzoor", "Malik Ibrar Ahmed"],
    citations=["PLD 2015 SC 396"], outcome="allowed",
    pages=["A civil dispute about the dower of the wife; the High Court's judgment is set aside."],
    cited_by=1)
PECA_ACT = SearchDocument(
    id=6, version=1, kind="statute", title="Prevention of Electronic Crimes Act, 2016",
    date=date(2016, 8, 22), acts=["PECA"],
    pages=["22. Child pornography.—(1) Whoever intentionally produces, offers or makes available "
           "obscene material of a minor through an information system shall be punished.",
           "24. Cyber stalking. Whoever with the intent to coerce or intimidate a person ..."])
PPC_ACT = SearchDocument(
    id=7, version=1, kind="statute", title="Pakistan Penal Code", date=date(1860, 10, 6), acts=["PPC"],
    pages=["292-C. Child pornography. Whoever commits the offence of child pornography shall be "
           "punished with imprisonment.", "376. Punishment for rape. Whoever commits rape shall be "
           "punished with death or imprisonment."])
# Urdu, written with Arabic letter forms (ي, ك, ه) and diacritics, as OCR and some fonts produce.
URDU = SearchDocument(
    id=8, version=1, kind="judgment", title="انتظار حسین بنام حمزہ عامر", language="ur",
    date=date(2017, 2, 14), court="Supreme Court of Pakistan", court_abbreviation="SCP",
    judges=["Dost Muhammad Khan"], parties=["انتظار حسین", "حمزہ عامر"], outcome="dismissed",
    pages=["عدالت عظمى پاكستان. نابالغ ملزم كي ضمانت كي درخواست. مُلزم كى عمر كا تعين ميڈيكل بورڈ نے كيا۔",
           "درخواست خارج كي جاتي ہے۔ فوجداری مقدمہ"])
JUVENILE = SearchDocument(
    id=9, version=1, kind="judgment", title="Ali Raza v. The State",
    date=date(2024, 2, 2), court="Lahore High Court", court_abbreviation="LHC", seat="Multan Bench",
    judges=["Sadiq Mahmud Khurram"], parties=["Ali Raza", "The State"],
    case_numbers=[CaseRef("Crl. Misc. No. 1629-B of 2024", "Crl.Misc.", 1629, "B", 2024)],
    citations=["2024 LHC 6629"], sections=["JJSA:6"], acts=["JJSA"], outcome="bail_granted",
    pages=["The petitioner is a juvenile under the Juvenile Justice System Act, 2018. His age was "
           "determined by an ossification test. Bail is granted."])
SUKKUR = SearchDocument(
    id=10, version=1, kind="judgment", title="Ghulam Nabi v. The State",
    date=date(2021, 6, 30), court="Sindh High Court", court_abbreviation="SHC", seat="Sukkur Bench",
    judges=["Muhammad Iqbal Kalhoro"], parties=["Ghulam Nabi", "The State"],
    case_numbers=[CaseRef("Criminal Jail Appeal No. 304 of 2019", "Cr.J.A.", 304, None, 2019)],
    citations=["2021 SHC 77"], cited=["2024 LHC 6559"], cited_ids=[1], sections=["PPC:302"], acts=["PPC"],
    outcome="dismissed", punishments=["life_imprisonment"],
    pages=["Qatl-e-amd u/s 302(b) PPC. The parties entered into a compromise but the offence is not "
           "compoundable. Imprisonment for life is maintained."])
HOSTILE = SearchDocument(
    id=11, version=1, kind="other", title="A <b>hostile</b> page",
    date=date(2020, 1, 1),
    pages=['<script>alert("x")</script> obscene & "indecent" <img src=x onerror=alert(1)> text'])

SAMPLE_DOCS = [NAZAR, REHMAT, JAVED, KHALIQ, HINA, PECA_ACT, PPC_ACT, URDU, JUVENILE, SUKKUR, HOSTILE]


@pytest.fixture(scope="session")
def sample_backend(tmp_path_factory: pytest.TempPathFactory) -> WhooshBackend:
    """A Whoosh index of :data:`SAMPLE_DOCS` (read-only: tests must not write to it)."""
    backend = WhooshBackend(tmp_path_factory.mktemp("sample-index"))
    backend.index_documents(SAMPLE_DOCS)
    return backend


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return load_settings(tmp_path / "data", database_url=db_url)


@pytest.fixture
def session_factory(engine):
    from lawdb.db import make_session_factory

    return make_session_factory(engine)


def add_judgment(session: Session, *, title: str, pages: list[str], court: str | None = None,
                 seat: str | None = None, decided: date | None = None, judges: list[str] = (),
                 citation: str | None = None, mentions: list[str] = (), sections: list[tuple[str, str]] = (),
                 parties: list[str] = (), masked: list[str] = (), case: tuple | None = None,
                 kind: DocumentKind = DocumentKind.JUDGMENT, queue: bool = True) -> Document:
    """A document with its pages and judgment facts, as ingest would write them (not committed)."""
    document = Document(kind=kind, title=title, principal_date=decided, full_text="\f".join(pages),
                        page_count=len(pages))
    session.add(document)
    session.flush()
    for number, text in enumerate(pages, start=1):
        session.add(Page(document_id=document.id, number=number, text=text))
    if kind is DocumentKind.JUDGMENT:
        court_row = None
        if court:
            court_row = session.query(Court).filter_by(name=court).first() or Court(
                name=court, level=CourtLevel.HIGH)
            if seat:
                bench = f"{court}, {seat}"
                court_row = session.query(Court).filter_by(name=bench).first() or Court(
                    name=bench, level=CourtLevel.HIGH, parent=court_row)
            session.add(court_row)
            session.flush()
        session.add(Judgment(document_id=document.id, court_id=court_row.id if court_row else None,
                             decision_date=decided))
        session.flush()
        for position, name in enumerate(judges):
            key = name.upper()
            judge = session.query(Judge).filter_by(name_key=key).first() or Judge(name=name, name_key=key)
            session.add(judge)
            session.flush()
            session.add(BenchMember(judgment_id=document.id, judge_id=judge.id, position=position))
        for position, name in enumerate(parties):
            session.add(Party(judgment_id=document.id, name=name, role=PartyRole.OTHER, position=position))
        if case:
            raw, case_type, number, suffix, year = case
            session.add(CaseNumber(judgment_id=document.id, raw=raw, case_type=case_type, number=number,
                                   registry_suffix=suffix, year=year))
    if citation:
        reporter = citation.split()[1]
        session.add(Citation(document_id=document.id, kind=CitationKind.NEUTRAL, reporter=reporter,
                             normalized=citation))
    for normalized in mentions:
        session.add(CitationMention(citing_document_id=document.id, page_number=1, span_start=0,
                                    span_end=len(normalized), raw=normalized, normalized=normalized))
    for act, section in sections:
        session.add(StatuteReference(document_id=document.id, page_number=1, span_start=0, span_end=1,
                                     raw=f"{section} {act}", act_key=act, section_key=section))
    for name in masked:
        session.add(MaskedName(document_id=document.id, name=name, source="parser"))
    session.flush()
    if queue:
        queue_upsert(session, document)
    return document


@pytest.fixture
def make_judgment(session_factory) -> Iterator:
    """``make_judgment(**kwargs)`` commits one judgment (see :func:`add_judgment`), returns its id."""

    def make(**kwargs) -> int:
        from lawdb.services.citations import resolve_citations

        with session_factory() as session:
            document = add_judgment(session, **kwargs)
            resolve_citations(session, [document.id])
            session.commit()
            return document.id

    yield make
