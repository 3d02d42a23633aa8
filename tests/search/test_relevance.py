"""Relevance on the real shared corpus: lawyers' queries, the expected judgment in the top five.

The collection is ingested once per session with the real pipeline
(``ingest.pipeline.ingest_paths``: extraction, judgment parsing, citation and
statute resolution) into a SQLite database, then the index outbox is
drained: pk_judgments, pk_statutes and the first 40 files of bulk_lhc with OCR
off, and the Urdu Supreme Court judgment (a font without a usable text
layer) read with Tesseract first, so there is real Urdu to search.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from lawdb import migrate
from lawdb.config import load_settings
from lawdb.db import make_engine, make_session_factory
from lawdb.models import Document, SourceFile
from lawdb.search import SearchRequest, search
from lawdb.search.sync import drain
from lawdb.store import FileStore

pytestmark = pytest.mark.slow

URDU_FILE = "SCP_CrlP748-2016_Urdu_judgment_juvenile.pdf"


@pytest.fixture(scope="session")
def corpus(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    from ingest.pipeline import IngestOptions, ingest_paths

    root = tmp_path_factory.mktemp("relevance")
    settings = load_settings(root)
    migrate.upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    factory = make_session_factory(engine)
    store = FileStore(settings.files_dir)
    corpus_dir = shared_dir / "corpus"
    ocr = shutil.which("tesseract") is not None
    if ocr:
        ingest_paths(factory, store, [corpus_dir / "pk_judgments" / URDU_FILE],
                     IngestOptions(workers=1, ocr=True))
    bulk = sorted((corpus_dir / "bulk_lhc").glob("*.pdf"))[:40]
    result = ingest_paths(factory, store, [corpus_dir / "pk_judgments", corpus_dir / "pk_statutes", *bulk],
                          IngestOptions(workers=2, ocr=False))
    assert result.count("ingested") >= 75, result.summary()
    drained = drain(factory, settings)
    assert drained.rows >= 75
    with factory() as session:
        names = dict(session.execute(select(Document.id, SourceFile.original_name)
                                     .join(SourceFile, Document.source_file_id == SourceFile.id)).all())
    yield settings, names, ocr
    engine.dispose()


#: (query, a file that must be among the first five results)
QUERIES = [
    # topics, as typed
    ('"child pornography" bail', "SHC_CrBA560-2024_etc_PECA_blasphemy_child_pornography_bail.pdf"),
    ("sodomy 377-B PPC minor", "LHC_2024LHC1706_CrlA422-2023_s377B_PPC.pdf"),
    ("juvenile bail \"Juvenile Justice System Act\"", "LHC_2024LHC6629_CrlMisc1629-B-2024_juvenile_bail.pdf"),
    ("ossification test", "SCP_CrlP1617-2022_juvenile.pdf"),
    ("NADRA birth certificate juvenile", "LHC_2024LHC3798_CrlRev83203-2023_JJSA_2018.pdf"),
    ("Kasur minor girl murder", "SCP_HRC1037-P-2018_Kasur_minor_girl_murder.pdf"),
    ("Zainab", "SCP_HRC1037-P-2018_Kasur_minor_girl_murder.pdf"),
    ("Mukhtar Mai gang rape", "SCP_CrlA163-171-2005_MukhtarMai.pdf"),
    ("workplace harassment", "SCP_CP4570-2019_harassment.pdf"),
    ("blasphemy FIA bail", "SHC_CrBA560-2024_etc_PECA_blasphemy_child_pornography_bail.pdf"),
    ("Aurat March", "LHC_2023LHC791_WP15163-2023_mixed_Urdu_PECA.pdf"),
    ('"Special Court" PECA', "SCP_CrlP1251-2022_PECA_ss13-14_bail.pdf"),
    ("Human Rights Commission of Pakistan child protection",
     "LHC_2024LHC4742_WP10511-2020_HRCP_child_protection.pdf"),
    ("cyber stalking", "PECA_2016_as_amended_2023_2025.pdf"),
    ("electronic forgery", "PECA_2016_as_amended_2023_2025.pdf"),
    # sections and statutes
    ("u/s 292-C PPC", "LHC_2024LHC6559_CrlA964-J-2023_s292C_376iii_PPC.pdf"),
    ("bail section 21 PECA", "LHC_2024LHC5566_CrlMisc63844-B-2024_PECA_s21_s24_bail.pdf"),
    ("section:PECA:21", "LHC_2024LHC5566_CrlMisc63844-B-2024_PECA_s21_s24_bail.pdf"),
    ("Prevention of Electronic Crimes Act", "PECA_2016_as_amended_2023_2025.pdf"),
    ("Employment of Children Act", "Employment_of_Children_Act_1991.pdf"),
    ("Punjab Defamation Act", "Punjab_Defamation_Act_2024.pdf"),
    ("Anti-Terrorism Act", "Anti_Terrorism_Act_1997.pdf"),
    # citations, pasted
    ("1998 SCMR 516", "PLR_1998-SCMR-516.pdf"),
    ("PLD 2015 SC 396", "PLR_PLD-2015-SC-396.pdf"),
    ("P.L.D. 2015 Supreme Court 396", "PLR_PLD-2015-SC-396.pdf"),
    ("2023 LHC 2126", "2023LHC2126.pdf"),
    ('cites:"PLD 2021 SC 362"', "LHC_2024LHC6559_CrlA964-J-2023_s292C_376iii_PPC.pdf"),
    # case numbers, pasted
    ("Crl. Misc. No. 63844-B of 2024", "LHC_2024LHC5566_CrlMisc63844-B-2024_PECA_s21_s24_bail.pdf"),
    ("Murder Reference No. 109 of 2022", "LHC_2025LHC6798_MurderRef109-2022_sentencing.pdf"),
    ("Criminal Appeal No. 964-J of 2023", "LHC_2024LHC6559_CrlA964-J-2023_s292C_376iii_PPC.pdf"),
    # parties
    ("Nazar Hussain", "LHC_2024LHC6559_CrlA964-J-2023_s292C_376iii_PPC.pdf"),
    ("Hina Manzoor", "PLR_PLD-2015-SC-396.pdf"),
    ("Daraz", "LHC_2023LHC4659_CrlA559-2023_PECA.pdf"),
    ("Gul Taj", "IHC_CrlA01-2022_GulTaj_v_State.pdf"),
    ("Rida Naheed", "IHC_CrlA03-2025_RidaNaheed_v_SamarAbbas.pdf"),
    # judges and courts
    ('judge:"Mian Saqib Nisar" Kasur', "SCP_HRC1037-P-2018_Kasur_minor_girl_murder.pdf"),
    ('judge:"Yahya Afridi" harassment', "SCP_CP4570-2019_harassment.pdf"),
    ('judge:"Sardar Tariq Masood" PECA', "SCP_CrlP1251-2022_PECA_ss13-14_bail.pdf"),
    ("court:SHC Sukkur jail appeal", "SHC_CrJailAppeal_D-304-2019_Sukkur.pdf"),
    ("juvenile year:2023", "SCP_CrlP1617-2022_juvenile.pdf"),
    # Urdu (the OCR'd Supreme Court judgment)
    ("انصاف", URDU_FILE),
    ("جسٹس دوست", URDU_FILE),
    ("عاليه", URDU_FILE),  # written with the Arabic yeh and heh: "عالیہ" in the text
]


def test_there_are_enough_queries() -> None:
    assert len(QUERIES) >= 30


@pytest.mark.parametrize("query, expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_expected_judgment_in_the_top_five(corpus, query: str, expected: str) -> None:
    settings, names, ocr = corpus
    if expected == URDU_FILE and not ocr:
        pytest.skip("Tesseract is needed to read the Urdu judgment")
    response = search(settings, SearchRequest(query, page_size=5, snippets=False))
    assert response.error is None, response.error
    top = [names.get(hit.id) for hit in response.results]
    assert expected in top, f"{query!r}: top five were {top}"


def test_pasted_citations_and_case_numbers_come_first(corpus) -> None:
    settings, names, _ocr = corpus
    for query, expected in QUERIES:
        if query in ("1998 SCMR 516", "PLD 2015 SC 396", "2023 LHC 2126", "Criminal Appeal No. 964-J of 2023",
                     "Crl. Misc. No. 63844-B of 2024", "Murder Reference No. 109 of 2022"):
            first = search(settings, SearchRequest(query, page_size=1, snippets=False)).results
            assert first and names.get(first[0].id) == expected, query


def test_snippets_on_real_judgments_name_pages(corpus) -> None:
    settings, _names, _ocr = corpus
    response = search(settings, SearchRequest('"benefit of doubt"', page_size=5, facets=True))
    assert response.total >= 3
    for hit in response.results:
        assert hit.snippets and all(s.page >= 1 for s in hit.snippets)
        assert any("<mark>benefit of doubt</mark>" in s.html.lower() or "<mark>benefit of doubt"
                   in s.html.lower() for s in hit.snippets), hit.snippets
    assert response.facets["kind"][0]["value"] == "judgment"
    assert any(f["value"] == "Lahore High Court" for f in response.facets["court"])
