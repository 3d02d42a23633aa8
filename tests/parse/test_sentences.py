"""Sentences in judgments: trial and final (table-driven, property-based, and on real judgments)."""

from __future__ import annotations

import functools
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ingest.parse.sentences as sentences_module
from ingest.extract import extract_pdf
from ingest.parse.sentences import SentenceFact, find_sentences
from tests.paths import SAMPLES, SHARED

FILLER = (
    "3. The prosecution examined eleven witnesses. The medical officer deposed about the injuries. "
    "The investigating officer proved the recoveries and the site plan. In his statement under section "
    "342 Cr.P.C. the accused denied the allegations and claimed to be innocent. He produced no evidence "
    "in defence.\n4. Learned counsel for the appellant contends that the FIR was lodged with delay and "
    "that the witnesses are related to the complainant. Learned Deputy Prosecutor General supports the "
    "impugned judgment.\n"
)


@pytest.fixture(params=["project", "fallback"])
def statute_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run each case with lawdb.legal.statute_refs and with the module's own fallback pattern."""
    if request.param == "fallback":
        monkeypatch.setattr(sentences_module, "_REAL_PARSER", None)
    return request.param


def row(fact: SentenceFact) -> tuple:
    return (fact.stage, fact.accused, fact.section, fact.punishment, fact.term_days, fact.fine_pkr,
            fact.compensation_pkr, fact.default_term_days)


def judgment(recital: str, operative: str) -> list[str]:
    """Three pages: the recital, the evidence, the operative part."""
    return [
        "JUDGMENT SHEET\nIN THE LAHORE HIGH COURT, LAHORE\nCriminal Appeal No.100 of 2022\n" + recital,
        FILLER * 3,
        "5. We have heard learned counsel for the parties and perused the record. " + operative,
    ]


CASES = {
    "prose, dismissed": (
        judgment(
            "1. The appellant was tried by the learned Additional Sessions Judge, Okara, and vide "
            "judgment dated "
            "12.03.2021 he was convicted under section 376(i) PPC and sentenced to rigorous "
            "imprisonment for ten "
            "years with fine of Rs.100,000/-, in default whereof to further undergo simple "
            "imprisonment for six "
            "months. Benefit of section 382-B Cr.P.C. was extended to him.\n2. Brief facts are "
            "that the victim "
            "was alone at home.\n",
            "6. For the reasons recorded above, this appeal is dismissed and the conviction and "
            "sentence of the "
            "appellant are maintained.",
        ),
        [
            ("trial", None, "376", "rigorous_imprisonment", 3650, 100_000, None, 180),
            ("final", None, "376", "rigorous_imprisonment", 3650, 100_000, None, 180),
        ],
    ),
    "death altered into life, compensation intact": (
        judgment(
            "1. The learned trial court convicted the appellant Ghulam Rasool under section 302(b) PPC and "
            "sentenced him to death as Ta'zir with a direction to pay compensation of "
            "Rs.5,00,000/- to the legal "
            "heirs of the deceased under section 544-A Cr.P.C., in default whereof to undergo "
            "simple imprisonment "
            "for six months.\n2. The occurrence took place at night.\n",
            "6. Consequently, the conviction of the appellant under section 302(b) PPC is maintained but his "
            "sentence of death is altered into imprisonment for life. The compensation and the sentence in "
            "default thereof shall remain intact. Benefit of section 382-B Cr.P.C. is extended to "
            "the appellant. "
            "With this modification in sentence, the appeal is dismissed.",
        ),
        [
            ("trial", "Ghulam Rasool", "302", "death", None, None, None, None),
            ("trial", "Ghulam Rasool", "302", "compensation", None, None, 500_000, 180),
            ("final", "Ghulam Rasool", "302", "life_imprisonment", None, None, None, None),
            ("final", "Ghulam Rasool", "302", "compensation", None, None, 500_000, 180),
        ],
    ),
    "list of sections, acquitted": (
        judgment(
            "2. After a full trial, the learned Sessions Judge, Kasur vide judgment dated "
            "04.05.2022 convicted and "
            "sentenced the appellant as under:-\n"
            "(i) Under section 292-C PPC: rigorous imprisonment for seven years and fine of Rs.200,000/-, in "
            "default whereof simple imprisonment for three months.\n"
            "(ii) Under section 22 of the Prevention of Electronic Crimes Act, 2016: rigorous "
            "imprisonment for "
            "five years and fine of Rs. 5 lakh, in default whereof simple imprisonment for two months.\n"
            "All the sentences were ordered to run concurrently.\n",
            "7. For what has been discussed above, this appeal is allowed, the conviction and "
            "sentences of the "
            "appellant are set aside and he is acquitted of the charge. He shall be released "
            "forthwith if not "
            "required in any other case.",
        ),
        [
            ("trial", None, "292C", "rigorous_imprisonment", 2555, 200_000, None, 90),
            ("trial", None, "22", "rigorous_imprisonment", 1825, 500_000, None, 60),
            ("final", None, None, "acquittal", None, None, None, None),
        ],
    ),
    "two accused under headings, one acquitted": (
        judgment(
            "8. On the conclusion of the trial the learned Additional Sessions Judge convicted "
            "the appellants as "
            "follows:\nShahid Mehmood\nConvicted under section 377-B PPC and sentenced to "
            "rigorous imprisonment "
            "for fourteen years with a fine of Rs.1,000,000/- and, in default thereof, to suffer simple "
            "imprisonment for one year.\nImran Ali\nConvicted under section 292-B PPC and "
            "sentenced to rigorous "
            "imprisonment for three years with a fine of Rs.50,000/-.\n",
            "6. The prosecution has proved the guilt of Appellant Shahid Mehmood. Hence, his conviction and "
            "sentence under section 377-B PPC are upheld, and the appeal is dismissed to his extent.\n"
            "7. The prosecution has failed to prove the charge against Appellant Imran Ali. "
            "Hence, we allow this "
            "appeal to his extent and acquit him of the charge.",
        ),
        [
            ("trial", "Shahid Mehmood", "377B", "rigorous_imprisonment", 5110, 1_000_000, None, 365),
            ("trial", "Imran Ali", "292B", "rigorous_imprisonment", 1095, 50_000, None, None),
            ("final", "Shahid Mehmood", "377B", "rigorous_imprisonment", 5110, 1_000_000, None, 365),
            ("final", "Imran Ali", None, "acquittal", None, None, None, None),
        ],
    ),
    "term reduced, fine kept": (
        judgment(
            "1. Through this appeal the appellant has assailed the judgment dated 02.02.2022 "
            "passed by the learned "
            "Additional Sessions Judge, Sahiwal, whereby he was convicted under section 377-B PPC "
            "and sentenced "
            "to fourteen years' rigorous imprisonment and to pay fine of Rs.10,00,000/-, in "
            "default of payment "
            "whereof to undergo simple imprisonment for six months.\n",
            "6. Keeping in view that the appellant is a first offender, the sentence of the appellant under "
            "section 377-B PPC is reduced from fourteen years to ten years rigorous imprisonment. "
            "The sentence of "
            "fine and in default thereof shall remain intact. The appeal is partly allowed in these terms.",
        ),
        [
            ("trial", None, "377B", "rigorous_imprisonment", 5110, 1_000_000, None, 180),
            ("final", None, "377B", "rigorous_imprisonment", 3650, 1_000_000, None, 180),
        ],
    ),
    "fine only, in words": (
        judgment(
            "1. The learned Magistrate Section-30, Lahore vide judgment dated 05.05.2020 "
            "convicted the appellant "
            "under section 509 PPC and sentenced him to pay a fine of rupees twenty thousand, in "
            "default whereof "
            "to undergo simple imprisonment for one month.\n",
            "6. Resultantly, this appeal being devoid of merit is dismissed.",
        ),
        [
            ("trial", None, "509", "fine", None, 20_000, None, 30),
            ("final", None, "509", "fine", None, 20_000, None, 30),
        ],
    ),
    "life with compensation in lakh; later recited again": (
        judgment(
            "1. The learned trial court vide judgment dated 10.10.2019 convicted the appellant under section "
            "302(b) PPC and sentenced him to undergo imprisonment for life and to pay Rupees one lac as "
            "compensation under section 544-A Cr.P.C. to the legal heirs of the deceased.\n"
            "2. On conclusion of the trial the appellant was convicted and sentenced as mentioned above.\n",
            "6. The trial court rightly sentenced the appellant to imprisonment for life. This appeal has no "
            "merit and is hereby dismissed.",
        ),
        [
            ("trial", None, "302", "life_imprisonment", None, None, None, None),
            ("trial", None, "302", "compensation", None, None, 100_000, None),
            ("final", None, "302", "life_imprisonment", None, None, None, None),
            ("final", None, "302", "compensation", None, None, 100_000, None),
        ],
    ),
    "murder reference answered in the affirmative": (
        judgment(
            "1. The learned Additional Sessions Judge, Sheikhupura convicted Muhammad Arif (convict) under "
            "section 302(b) PPC and sentenced him to death.\n",
            "6. In view of the above, Criminal Appeal No.100 of 2022 filed by the appellant is "
            "dismissed. Murder "
            "Reference No.12 of 2022 is answered in the affirmative and the sentence of death "
            "awarded to Muhammad "
            "Arif is confirmed.",
        ),
        [
            ("trial", "Muhammad Arif", "302", "death", None, None, None, None),
            ("final", "Muhammad Arif", "302", "death", None, None, None, None),
        ],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_sentences(name: str, statute_parser: str) -> None:
    pages, expected = CASES[name]
    facts = find_sentences(pages)
    assert [row(f) for f in facts] == expected
    for fact in facts:
        assert pages[fact.page_number - 1][fact.span[0]:fact.span[1]] == fact.quote


def test_act_and_label(statute_parser: str) -> None:
    pages, _ = CASES["list of sections, acquitted"]
    first, second, _final = find_sentences(pages)
    assert (first.act, first.section_label) == ("PPC", "292-C")
    assert (second.act, second.section) == ("PECA", "22")


def test_concurrency_and_382b() -> None:
    pages, _ = CASES["list of sections, acquitted"]
    trial = [f for f in find_sentences(pages) if f.stage == "trial"]
    assert {f.concurrent for f in trial} == {True}
    pages, _ = CASES["death altered into life, compensation intact"]
    facts = {(f.stage, f.punishment): f for f in find_sentences(pages)}
    assert facts["final", "life_imprisonment"].benefit_382b is True
    assert facts["trial", "death"].benefit_382b is None       # the trial court did not say
    assert facts["final", "compensation"].benefit_382b is None  # not a custodial sentence
    pages, _ = CASES["prose, dismissed"]
    assert all(f.benefit_382b for f in find_sentences(pages))


def test_final_provenance_is_the_operative_sentence() -> None:
    pages, _ = CASES["death altered into life, compensation intact"]
    facts = {(f.stage, f.punishment): f for f in find_sentences(pages)}
    assert facts["final", "life_imprisonment"].page_number == 3
    assert "altered into imprisonment for life" in facts["final", "life_imprisonment"].quote
    assert "shall remain intact" in facts["final", "compensation"].quote
    assert facts["trial", "death"].page_number == 1


NOTHING = {
    "bail order": [
        "ORDER SHEET\nIN THE LAHORE HIGH COURT, LAHORE\nCrl. Misc. No.1234-B of 2024\nThrough this petition "
        "under section 497 Cr.P.C. the petitioner seeks post-arrest bail in case FIR No.12/2024 registered "
        "under section 21 of PECA. The offence carries punishment which may extend to three years "
        "and does not "
        "fall within the prohibitory clause. The petitioner was previously convicted by the "
        "learned trial court "
        "in another case and sentenced to rigorous imprisonment for two years. Keeping in view "
        "the facts, this "
        "petition is dismissed.",
    ],
    "civil appeal": [
        "The learned trial court decreed the suit for recovery of Rs.500,000/- vide judgment "
        "dated 01.01.2020. "
        "The appellate court maintained the decree. For the foregoing reasons, this revision petition is "
        "dismissed with costs of Rs.50,000/-.",
    ],
    "statutory text": [
        "Section 292-C PPC provides that whoever commits the offence of child pornography shall be punished "
        "with imprisonment of either description for a term which shall not be less than fourteen "
        "years and may "
        "extend to twenty years and with fine which shall not be less than one million rupees.",
    ],
    "precedent": [
        "In Muhammad Akram v. The State (2009 SCMR 230) the trial court convicted the accused under section "
        "302(b) PPC and sentenced him to death. The Supreme Court set aside the conviction and "
        "acquitted him.",
    ],
    "empty": ["", "   "],
}


@pytest.mark.parametrize("name", list(NOTHING))
def test_no_false_positives(name: str) -> None:
    assert find_sentences(NOTHING[name]) == []


def test_no_pages() -> None:
    assert find_sentences([]) == []


# --------------------------------------------------------------------------- property tests

_TOKENS = [
    "convicted", "sentenced", "under", "section", "292-C", "302(b)", "PPC", "PECA", "u/s", "to", "rigorous",
    "simple", "imprisonment", "for", "seven", "years", "life", "death", "fine", "of", "Rs.500,000/-", "in",
    "default", "whereof", "months", "compensation", "544-A", "Cr.P.C.", "appeal", "is", "dismissed", "set",
    "aside", "acquitted", "reduced", "maintained", "trial", "court", "the", "appellant", "Nazar", "Hussain",
    "(i)", "\n", ".", ",", ":-", "“", "”", "concurrently", "382-B", "benefit", "altered", "into",
]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_TOKENS), max_size=120).map(" ".join), min_size=1, max_size=4))
def test_never_raises_and_spans_hold(pages: list[str]) -> None:
    for fact in find_sentences(pages):
        assert 1 <= fact.page_number <= len(pages)
        assert pages[fact.page_number - 1][fact.span[0]:fact.span[1]] == fact.quote
        assert fact.stage in ("trial", "final")
        assert fact.term_days is None or fact.term_days >= 0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=400), min_size=1, max_size=3))
def test_never_raises_on_any_text(pages: list[str]) -> None:
    find_sentences(pages)


ADVERSARIAL = {
    "recitals": "convicted and sentenced to rigorous imprisonment for seven years with fine of Rs.5,000/- in "
                "default " * 500,
    "quotes": "“" * 50_000,
    "list markers": "(i)\n" * 12_500,
    "number words": "one " * 12_500,
    "sections": "u/s 302(b), " * 4_500,
    "spaces": "sentenced" + " " * 50_000 + "to",
    "dots": ". A" * 16_000,
    "headings": "Nazar Hussain\n" * 3_500,
    "verdicts": "the appeal is dismissed and the conviction is upheld. " * 900,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_bounded_time_on_50kb(name: str) -> None:
    text = ADVERSARIAL[name]
    started = time.perf_counter()
    find_sentences([text[:25_000], text[25_000:]])
    # Linear work takes well under a second; the bound only catches quadratic blow-ups.
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


def test_lhc_2024_6559_292c_and_376iii() -> None:
    """Two appellants: Nazar Hussain's life sentence upheld, Atta Ullah acquitted."""
    facts = find_sentences(corpus("LHC_2024LHC6559_CrlA964-J-2023_s292C_376iii_PPC.pdf"))
    assert [row(f) for f in facts] == [
        ("trial", "Nazar Hussain", "376", "life_imprisonment", None, 200_000, None, 180),
        ("trial", "Atta Ullah", "292C", "rigorous_imprisonment", 5110, 200_000, None, 30),
        ("final", "Nazar Hussain", "376", "life_imprisonment", None, 200_000, None, 180),
        ("final", "Atta Ullah", None, "acquittal", None, None, None, None),
    ]
    assert [f.page_number for f in facts] == [4, 4, 17, 19]
    assert facts[0].act == "PPC" and facts[0].section_label == "376(iii)"
    assert facts[0].benefit_382b and facts[1].benefit_382b
    assert "appeal is dismissed to his extent" in facts[2].quote
    assert "acquit him of the charge" in facts[3].quote


def test_lhc_2023_888_377_and_377b() -> None:
    """377-B set aside under the doctrine of merger; 377 upheld but reduced to two years."""
    facts = find_sentences(corpus("LHC_2023LHC888_CrlA301-2021_s377-377B_PPC.pdf"))
    assert [row(f) for f in facts] == [
        ("trial", None, "377", "simple_imprisonment", 3650, 10_000, None, 60),
        ("trial", None, "377B", "simple_imprisonment", 5110, 1_000_000, None, 180),
        ("final", None, "377B", "acquittal", None, None, None, None),
        ("final", None, "377", "simple_imprisonment", 730, 10_000, None, 60),
    ]
    assert all(f.concurrent and f.benefit_382b for f in facts if f.stage == "trial")
    assert [f.page_number for f in facts] == [1, 1, 20, 21]
    assert "reduced to simple imprisonment for a period of two years" in facts[3].quote


def test_lhc_2025_6798_murder_reference() -> None:
    """Death and 449 PPC at trial; acquitted on appeal (the complainant's appeal is another matter)."""
    facts = find_sentences(corpus("LHC_2025LHC6798_MurderRef109-2022_sentencing.pdf"))
    assert [row(f) for f in facts] == [
        ("trial", None, "302", "death", None, None, None, None),
        ("trial", None, "302", "compensation", None, None, 300_000, 180),
        ("trial", None, "449", "rigorous_imprisonment", 2555, 75_000, None, 120),
        ("final", None, None, "acquittal", None, None, None, None),
    ]
    assert facts[-1].page_number == 16
    assert "ordered to be acquitted" in facts[-1].quote


def test_lhc_2024_1706_377_with_511() -> None:
    facts = find_sentences(corpus("LHC_2024LHC1706_CrlA422-2023_s377B_PPC.pdf"))
    assert [row(f) for f in facts] == [
        ("trial", None, "377", "simple_imprisonment", 730, 10_000, None, 10),
        ("final", None, "377", "simple_imprisonment", 730, 10_000, None, 10),
    ]
    assert facts[0].benefit_382b is True
    assert facts[1].quote == "The Appellant‟s conviction and sentence are upheld."


def test_lhc_2024_5634_compensation_goes_with_the_gravest_offence() -> None:
    """"He was also directed to pay Rs.1,00,000/- as compensation": the rape conviction's, not 292's."""
    facts = find_sentences(corpus("LHC_2024LHC5634_CrlA41759-2022_s377B_PPC.pdf"))
    assert [row(f) for f in facts] == [
        ("trial", None, "376", "rigorous_imprisonment", 3650, 100_000, None, 180),
        ("trial", None, "509", "imprisonment", 365, None, None, None),
        ("trial", None, "292", "rigorous_imprisonment", 90, None, None, None),
        ("trial", None, "376", "compensation", None, None, 100_000, None),
        ("final", None, None, "acquittal", None, None, None, None),
    ]


def test_lhc_2023_4087_acquittal_stated_after_citations() -> None:
    """The operative sentence cites two precedents before allowing the appeal."""
    facts = find_sentences(corpus("LHC_2023LHC4087_CrlA73676-2022_PECA.pdf"))
    assert [f.section for f in facts if f.stage == "trial"] == ["11F", "11W", "11G", "8"]
    assert all(f.term_days in (120, 730) and f.fine_pkr == 10_000 for f in facts if f.stage == "trial")
    [final] = [f for f in facts if f.stage == "final"]
    assert (final.punishment, final.page_number) == ("acquittal", 20)


@pytest.mark.parametrize("name, final_page", [
    ("IHC_CrlA03-2025_RidaNaheed_v_SamarAbbas.pdf", 4),
    ("IHC_PSLA1-2022_ShahidAminMinhas_v_State.pdf", 5),
])
def test_appeal_against_acquittal_dismissed(name: str, final_page: int) -> None:
    """The trial court acquitted; the complainant's appeal fails, so the acquittal is final."""
    facts = find_sentences(corpus(name))
    assert [row(f) for f in facts] == [
        ("trial", None, None, "acquittal", None, None, None, None),
        ("final", None, None, "acquittal", None, None, None, None),
    ]
    assert facts[0].page_number == 1 and facts[1].page_number == final_page
    assert "acquitted" in facts[0].quote and "dismissed" in facts[1].quote


def test_sc_jail_petition_maintained_with_concurrency() -> None:
    facts = find_sentences(corpus("SCP_JP286-2020_juvenile.pdf"))
    final = {(f.section, f.punishment): f for f in facts if f.stage == "final"}
    assert set(final) == {
        ("302", "life_imprisonment"), ("302", "compensation"), ("392", "rigorous_imprisonment"),
    }
    assert final["392", "rigorous_imprisonment"].term_days == 2190
    assert final["392", "rigorous_imprisonment"].concurrent is True
    assert final["302", "compensation"].compensation_pkr == 200_000


@pytest.mark.parametrize("name", [
    "LHC_2024LHC5566_CrlMisc63844-B-2024_PECA_s21_s24_bail.pdf",
    "LHC_2024LHC6629_CrlMisc1629-B-2024_juvenile_bail.pdf",
    "SCP_CrlP1251-2022_PECA_ss13-14_bail.pdf",
    "SHC_CrBA560-2024_etc_PECA_blasphemy_child_pornography_bail.pdf",
])
def test_bail_orders_have_no_sentences(name: str) -> None:
    assert find_sentences(corpus(name)) == []


@pytest.mark.parametrize("name", [
    "LHC_2024LHC4742_WP10511-2020_HRCP_child_protection.pdf",
    "LHC_2023LHC7704_CrlRev71205-2021_s376_377B.pdf",
    "SCP_CP4570-2019_harassment.pdf",
])
def test_judgments_without_sentences(name: str) -> None:
    assert find_sentences(corpus(name)) == []


def test_fictional_lhc_sample() -> None:
    """samples/README.md: PECA term reduced from seven to five years, the rest maintained."""
    pages = [p.text for p in extract_pdf(SAMPLES / "lhc_criminal_appeal_2022.pdf", ocr=False).pages]
    facts = find_sentences(pages)
    assert sorted(row(f) for f in facts) == sorted([
        ("trial", None, "292B", "rigorous_imprisonment", 5110, 1_000_000, None, 365),
        ("trial", None, "22", "rigorous_imprisonment", 2555, 500_000, None, 180),
        ("final", None, "292B", "rigorous_imprisonment", 5110, 1_000_000, None, 365),
        ("final", None, "22", "rigorous_imprisonment", 1825, 500_000, None, 180),
    ])
    assert all(f.concurrent and f.benefit_382b for f in facts)
    assert {f.act for f in facts} == {"PPC", "PECA"}


def test_fictional_sc_sample() -> None:
    """The Supreme Court dismisses the appeal: the sentences stand as the High Court modified them."""
    pages = [p.text for p in extract_pdf(SAMPLES / "sc_criminal_appeal_2023.pdf", ocr=False).pages]
    final = {f.section: f.term_days for f in find_sentences(pages) if f.stage == "final"}
    assert final == {"292B": 5110, "22": 1825}
