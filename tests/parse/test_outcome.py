"""What a judgment decides (table-driven, property-based, and on real judgments)."""

from __future__ import annotations

import functools
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extract import extract_pdf
from ingest.parse.outcome import OUTCOMES, find_outcome
from tests.paths import SAMPLES, SHARED

BODY = (
    "2. Brief facts of the case are that the complainant lodged the FIR alleging the occurrence. "
    "3. Learned counsel for the appellant contends that the prosecution failed to prove its case and prays "
    "that the appeal may be accepted. Learned Law Officer supports the impugned judgment.\n"
    "4. We have heard the arguments and gone through the record with their assistance.\n"
)


APPEAL_HEAD = "IN THE LAHORE HIGH COURT, LAHORE\nCriminal Appeal No.12 of 2023\n"


def pages_with(operative: str, *, head: str = APPEAL_HEAD) -> list[str]:
    return [head + "1. This appeal is directed against the judgment of the learned trial court.\n", BODY * 4,
            operative]


CASES = [
    # dismissed
    ("5. For the reasons recorded above, this appeal is dismissed.", "dismissed"),
    ("5. Consequently, this constitutional petition being devoid of any merit is dismissed in "
     "limine.", "dismissed"),
    ("5. Constitutional petition is meritless and same is, hereby, dismissed, with no order as to costs.",
     "dismissed"),
    ("5. This petition is, therefore, dismissed. No order as to costs.", "dismissed"),
    ("5. Resultantly, the instant criminal revision is hereby dismissed.", "dismissed"),
    ("5. For the foregoing, we do not find any merit in this petition, which is dismissed and leave "
     "to appeal "
     "is refused.", "dismissed"),
    ("5. Leave to appeal is declined.", "dismissed"),
    ("5. Appeal dismissed.", "dismissed"),
    ("5. Instant appeal fails and is accordingly dismissed. The conviction and sentence are "
     "upheld.", "dismissed"),
    # allowed
    ("5. For what has been discussed above, the instant writ petition is allowed and the impugned "
     "order is set "
     "aside.", "allowed"),
    ("5. In view of the above, we allow this appeal and set aside the impugned order.", "allowed"),
    ("5. Resultantly, this civil revision is accepted. No order as to costs.", "allowed"),
    ("5. In view of the above, this revision is allowed; the impugned decrees are set aside and the "
     "suit of the "
     "respondents is dismissed.", "allowed"),
    ("5. With this observation, this petition is converted into appeal and allowed.", "allowed"),
    # partly allowed
    ("5. Consequently, this appeal is partly allowed.", "partly_allowed"),
    ("5. The appeal is partially accepted in the terms stated above.", "partly_allowed"),
    ("5. Hence, his conviction under section 376 PPC is upheld and the appeal is dismissed to his extent.\n"
     "6. Hence, we allow this appeal to the extent of Appellant Zahid and acquit him of the charge.",
     "partly_allowed"),
    # acquitted
    ("5. Consequently, the criminal appeal is allowed and the accused/appellants are acquitted of "
     "the charges. "
     "They shall be released forthwith if not required in any other case.", "acquitted"),
    ("5. Resultantly, the conviction and sentence recorded by the learned trial court are set aside and the "
     "appellant is ordered to be acquitted of the charge by extending him the benefit of doubt.",
     "acquitted"),
    ("5. The appeal is accepted, the conviction is set aside and he is acquitted.\n6. Criminal "
     "Appeal No.40 of "
     "2023 filed by the complainant against the acquittal of the co-accused is dismissed. Murder Reference "
     "No.3 of 2023 is answered in the negative.", "acquitted"),
    # sentence modified
    ("5. The appeal stands dismissed by maintaining his conviction under section 302(b) PPC, however, his "
     "sentence of death is converted into imprisonment for life.", "sentence_modified"),
    ("5. The sentence is reduced to five years. With the above modification in sentence, this appeal is "
     "dismissed.", "sentence_modified"),
    ("5. The conviction and sentence of the appellant under section 377-B PPC are set aside, whereas his "
     "conviction under section 377 PPC is maintained but the sentence is reduced to two years.",
     "partly_allowed"),
    ("5. Consequently, the conviction and sentence of the appellant are set aside.", "acquitted"),
    # remanded, withdrawn, disposed of
    ("5. The impugned judgment is set aside and the case is remanded to the learned trial court for decision "
     "afresh.", "remanded"),
    ("5. Learned counsel for the appellant does not press this appeal, which is dismissed as withdrawn.",
     "withdrawn"),
    ("5. With the above observations, this writ petition is disposed of.", "disposed_of"),
    ("5. Disposed of in the above terms.", "disposed_of"),
    ("5. Leave to appeal is granted to consider whether the trial was vitiated.", "other"),
    # no verdict, only directions
    ("5. The Inspector General of Police shall submit a fresh report within two weeks. "
     "Re-list on 10.10.2024.",
     "other"),
    ("5. In view of the above, the suit of the plaintiff bank is decreed with costs.", "other"),
]


@pytest.mark.parametrize("operative, expected", CASES)
def test_outcome(operative: str, expected: str) -> None:
    pages = pages_with(operative)
    fact = find_outcome(pages)
    assert fact is not None
    assert fact.outcome == expected
    assert pages[fact.page_number - 1][fact.span[0]:fact.span[1]] == fact.quote


BAIL_HEAD = (
    "IN THE LAHORE HIGH COURT, LAHORE\nCrl. Misc. No.5678-B of 2024\nThrough this petition under section "
    "497 Cr.P.C. the petitioner seeks post-arrest bail in case FIR No.10/2024.\n"
)
BAIL_CASES = [
    ("5. Therefore, this application is allowed. The petitioner is admitted to post-arrest bail "
     "subject to his "
     "furnishing bail bonds in the sum of Rs.200,000/- with one surety.", "bail_granted"),
    ("5. In view of what has been discussed above, this petition is without any merit and the same stands "
     "dismissed.", "bail_refused"),
    ("5. The petitioner is not entitled to the concession of post-arrest bail at this "
     "stage.", "bail_refused"),
    ("5. Being so, this petition is allowed and ad-interim pre-arrest bail already granted to the "
     "petitioner is "
     "confirmed subject to furnishing fresh bail bonds.", "bail_granted"),
    ("5. The bail is granted as a rule in such offences but this case is an exception. The petition is, "
     "therefore, dismissed.", "bail_refused"),
    ("5. Learned counsel for the petitioner withdraws this petition, which is dismissed as withdrawn.",
     "withdrawn"),
    ("5. The condition of depositing Rs.1 million is set aside; while converting this petition into an "
     "appeal, "
     "the same is allowed.", "allowed"),
]


@pytest.mark.parametrize("operative, expected", BAIL_CASES)
def test_bail_outcome(operative: str, expected: str) -> None:
    fact = find_outcome(pages_with(operative, head=BAIL_HEAD))
    assert fact is not None and fact.outcome == expected


NOT_DECISIONS = [
    # what another court did, a maxim, an argument, a conditional
    "5. The learned trial court rightly dismissed the application of the appellant.",
    "5. It is based on the maxim, “it is better that ten guilty persons be acquitted than one innocent "
    "person be convicted”.",
    "5. Learned counsel prays that this appeal may be accepted.",
    "5. If the petition is allowed, the respondents would suffer.",
    "5. The application of the petitioner cannot be allowed to hold the field.",
    "5. The case property, if any, shall be disposed of in accordance with law.",
]


@pytest.mark.parametrize("operative", NOT_DECISIONS)
def test_not_a_decision(operative: str) -> None:
    assert find_outcome(pages_with(operative)) is None


def test_precedent_before_the_decision() -> None:
    operative = ("5. In Muhammad Akram v. The State (2009 SCMR 230) the appeal was allowed and the "
                 "accused was "
                 "acquitted. For the foregoing reasons, this appeal is dismissed.")
    fact = find_outcome(pages_with(operative))
    assert fact is not None and fact.outcome == "dismissed"
    assert fact.quote == "For the foregoing reasons, this appeal is dismissed."


def test_nothing_to_read() -> None:
    assert find_outcome([]) is None
    assert find_outcome(["", "  "]) is None


# --------------------------------------------------------------------------- property tests

_TOKENS = ["this", "appeal", "petition", "is", "are", "dismissed", "allowed", "accepted", "partly", "bail",
           "granted", "acquitted", "set", "aside", "conviction", "sentence", "reduced", "to", "remanded",
           "withdrawn", "disposed", "of", "leave", "refused", "“", "”", ".", "\n", "5.", "Consequently,",
           "the", "appellant", "(2009 SCMR 230)", "not", "if"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_TOKENS), max_size=150).map(" ".join), min_size=1, max_size=4))
def test_never_raises_and_span_holds(pages: list[str]) -> None:
    fact = find_outcome(pages)
    if fact is not None:
        assert fact.outcome in OUTCOMES
        assert pages[fact.page_number - 1][fact.span[0]:fact.span[1]] == fact.quote


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=400), min_size=1, max_size=3))
def test_never_raises_on_any_text(pages: list[str]) -> None:
    find_outcome(pages)


@pytest.mark.parametrize("text", [
    "appeal " * 7_000 + "is dismissed",
    "this petition is allowed and " * 1_700,
    "“" * 50_000,
    " " * 50_000,
])
def test_bounded_time_on_50kb(text: str) -> None:
    started = time.perf_counter()
    find_outcome([text])
    assert time.perf_counter() - started < 20


# --------------------------------------------------------------------------- real judgments

@functools.cache
def _pages(path: Path) -> tuple[str, ...]:
    return tuple(p.text for p in extract_pdf(path, ocr=False).pages)


def corpus(name: str) -> list[str]:
    path = SHARED / "corpus" / "pk_judgments" / name
    if not path.is_file():
        pytest.fail(f"shared corpus file missing: {path} (set LAWDB_SHARED_DIR)")
    return list(_pages(path))


REAL = [
    ("LHC_2024LHC6559_CrlA964-J-2023_s292C_376iii_PPC.pdf", "partly_allowed", 19,
     "we allow this appeal to his extent and acquit him"),
    # 377-B set aside, 377 upheld with a reduced sentence: partly allowed in substance, though the
    # judgment closes "With above modification in sentence, this appeal is dismissed."
    ("LHC_2023LHC888_CrlA301-2021_s377-377B_PPC.pdf", "partly_allowed", 20,
     "conviction and sentence of appellant u/s 377-B PPC is set aside and conviction u/s 377 PPC is upheld"),
    ("LHC_2025LHC6798_MurderRef109-2022_sentencing.pdf", "acquitted", 16, "ordered to be acquitted"),
    ("LHC_2024LHC1706_CrlA422-2023_s377B_PPC.pdf", "dismissed", 14, "This appeal is dismissed."),
    ("LHC_2024LHC5566_CrlMisc63844-B-2024_PECA_s21_s24_bail.pdf", "bail_refused", 3,
     "the same stands dismissed"),
    ("LHC_2024LHC6629_CrlMisc1629-B-2024_juvenile_bail.pdf", "bail_granted", 14,
     "admitted to post-arrest bail"),
    ("LHC_2023LHC4087_CrlA73676-2022_PECA.pdf", "acquitted", 20, "he is acquitted of the charge"),
    ("LHC_2024LHC2029_CrlA454-ATA-2023_PECA.pdf", "acquitted", 17, "ordered to be acquitted"),
    ("LHC_2024LHC5634_CrlA41759-2022_s377B_PPC.pdf", "acquitted", 6, "he is acquitted of the charge"),
    ("LHC_2024LHC3798_CrlRev83203-2023_JJSA_2018.pdf", "dismissed", 11,
     "criminal revision is hereby dismissed"),
    ("SCP_CrlP1617-2022_juvenile.pdf", "dismissed", 4, "leave to appeal is refused"),
    ("SHC_CrJailAppeal_566-2018_Karachi.pdf", "dismissed", 14, "is hereby dismissed"),
    ("SHC_CrBA560-2024_etc_PECA_blasphemy_child_pornography_bail.pdf", "bail_granted", 5, "granted bail"),
    # a bail condition challenged: the petition converted into an appeal and allowed
    ("SCP_CrlP1251-2022_PECA_ss13-14_bail.pdf", "allowed", 5, "converting this petition into an appeal"),
    ("IHC_CrlA03-2025_RidaNaheed_v_SamarAbbas.pdf", "dismissed", 4, "Criminal Appeal is dismissed in limine"),
    ("SCP_HRC1037-P-2018_Kasur_minor_girl_murder.pdf", "other", 5, "Re-list"),
    ("PLR_1998-SCMR-516.pdf", "remanded", 2, "Case remanded"),
]


@pytest.mark.parametrize("name, outcome, page, words", REAL)
def test_real_judgments(name: str, outcome: str, page: int, words: str) -> None:
    fact = find_outcome(corpus(name))
    assert fact is not None
    assert (fact.outcome, fact.page_number) == (outcome, page)
    assert words in fact.quote


def test_fictional_samples() -> None:
    lhc = [p.text for p in extract_pdf(SAMPLES / "lhc_criminal_appeal_2022.pdf", ocr=False).pages]
    fact = find_outcome(lhc)
    assert fact is not None and fact.outcome == "partly_allowed"
    assert fact.quote == "Consequently, this appeal is partly allowed."
    sc = [p.text for p in extract_pdf(SAMPLES / "sc_criminal_appeal_2023.pdf", ocr=False).pages]
    fact = find_outcome(sc)
    assert fact is not None and fact.outcome == "dismissed"
    assert "Criminal Appeal No. 412 of 2023 is dismissed" in fact.quote
