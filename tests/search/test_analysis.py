"""The analysis shared by indexing, queries and snippets: words, folding, stems, Urdu, pairs."""

from __future__ import annotations

import pytest

from lawdb.search.analysis import (
    PAIR_MARK,
    analyse,
    fold,
    fold_urdu,
    phrase_terms,
    word_info,
    words,
)
from lawdb.search.legal_terms import act_term, case_keys, find_case_numbers, section_term

WORDS = [
    ("The appellant's conviction u/s 292-B PPC", ["The", "appellant", "s", "conviction", "u", "s", "292-B",
                                                  "PPC"]),
    ("Qanun-e-Shahadat", ["Qanun", "e", "Shahadat"]),
    ("12-2209 and 22-A", ["12", "2209", "and", "22-A"]),
    ("مُلزم كي ضمانت", ["مُلزم", "كي", "ضمانت"]),  # the diacritic stays inside its word
    ("naïve café", ["naïve", "café"]),
]


@pytest.mark.parametrize("text, expected", WORDS)
def test_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected


KEYS = [
    ("Convicted", "convict"),
    ("conviction", "convict"),
    ("CAFÉ", "cafe"),
    ("292-B", "292b"),
    ("the", None),  # stop word: no key of its own
    ("a", None),  # single letter
    ("7", "7"),  # numbers are kept
    ("pornography", "pornographi"),
]


@pytest.mark.parametrize("word, key", KEYS)
def test_english_keys(word: str, key: str | None) -> None:
    assert word_info(word).key == key


URDU = [
    # (written, the same word in standard Urdu letters)
    ("پاكستان", "پاکستان"),  # Arabic kaf -> keheh
    ("عظمى", "عظمی"),  # alef maksura -> Farsi yeh
    ("كي", "کی"),  # Arabic yeh -> Farsi yeh
    ("ہے", "ہی"),  # yeh barree folded with yeh
    ("مُلزم", "ملزم"),  # diacritics dropped
    ("عدالتِ", "عدالت"),
    ("کھانا", "کہانا"),  # do-chashmi heh -> heh goal
    ("ﺿﻤﺎﻧﺖ", "ضمانت"),  # presentation forms, as PDF text layers give them
    ("مسئلہ", "مسیلہ"),  # hamza on yeh -> yeh
    ("أصول", "اصول"),  # hamza on alef -> alef
    ("ابتداء", "ابتدا"),  # standalone hamza dropped
    ("۲۰۱۶", "2016"),  # Urdu digits
    ("فوجـــداری", "فوجداری"),  # tatweel
]


@pytest.mark.parametrize("written, standard", URDU)
def test_urdu_normalisation(written: str, standard: str) -> None:
    assert fold_urdu(written) == fold_urdu(standard)
    assert word_info(written).key == word_info(standard).key


def test_urdu_function_words_are_not_indexed_alone() -> None:
    assert word_info("کی").key is None and word_info("كي").key is None
    assert word_info("ضمانت").key == fold("ضمانت")


def test_analyse_keeps_stop_word_positions_and_indexes_pairs() -> None:
    result = analyse("benefit of doubt and benefit and doubt")
    assert result.body["benefit"] == [0, 4]
    assert result.body["doubt"] == [2, 6]
    assert "of" not in result.body
    assert result.body[f"{PAIR_MARK}benefit of"] == [0]
    assert result.body[f"{PAIR_MARK}of doubt"] == [1]


def test_analyse_separates_urdu() -> None:
    result = analyse("bail ضمانت granted")
    assert set(result.body) >= {"bail", "grant"}
    assert fold("ضمانت") in result.body_ur and fold("ضمانت") not in result.body


PHRASES = [
    ("benefit of doubt", [f"{PAIR_MARK}benefit of", f"{PAIR_MARK}of doubt"]),
    ("obscene material", ["obscen", "materi"]),  # two rare words: plain positions
    ("high court", [f"{PAIR_MARK}high court"]),  # two common words: one pair
    ("rigorous imprisonment for life", [f"{PAIR_MARK}rigor imprison", f"{PAIR_MARK}imprison for",
                                        f"{PAIR_MARK}for life"]),
    ("obscene videos were recovered", ["obscen", f"{PAIR_MARK}video were", f"{PAIR_MARK}were recov"]),
    ("the", None),
    ("bail", ["bail"]),
]


@pytest.mark.parametrize("phrase, terms", PHRASES)
def test_phrase_terms(phrase: str, terms: list[str] | None) -> None:
    assert phrase_terms([word_info(w) for w in words(phrase)]) == terms


def test_every_phrase_term_is_indexed_at_consecutive_positions() -> None:
    text = "the obscene videos were recovered from his phone"
    body = analyse(text).body
    terms = phrase_terms([word_info(w) for w in words("obscene videos were recovered")])
    starts = [body[t][0] for t in terms]
    assert starts == list(range(starts[0], starts[0] + len(terms)))


LEGAL_KEYS = [
    (section_term("PPC", "292-B"), "ppc:292b"),
    (section_term("Pakistan Penal Code", "292 B"), "ppc:292b"),
    (section_term(None, "302"), "s:302"),
    (act_term("P.P.C."), "ppc"),
    (act_term("Prevention of Electronic Crimes Act, 2016"), "peca"),
    (case_keys(964, "J", 2023, "Crl.A."), ["964j/2023", "crla:964j/2023"]),
    (case_keys(63844, "B", 24, "Crl. Misc."), ["63844b/2024", "crlmisc:63844b/2024"]),
]


@pytest.mark.parametrize("actual, expected", LEGAL_KEYS)
def test_legal_keys(actual, expected) -> None:
    assert actual == expected


CASES = [
    ("Criminal Appeal No. 964-J of 2023", ["crla:964j/2023", "964j/2023"]),
    ("Crl.A. 964-J/2023", ["crla:964j/2023", "964j/2023"]),
    ("W.P. No. 15163 of 2023", ["wp:15163/2023", "15163/2023"]),
    ("Murder Reference No.109 of 2022", ["murderref:109/2022", "109/2022"]),
    ("964-J/2023", ["964j/2023"]),
    ("bail 2023", []),
    ("appeal of 2023", []),
]


@pytest.mark.parametrize("text, keys", CASES)
def test_case_numbers_in_queries(text: str, keys: list[str]) -> None:
    found = find_case_numbers(text)
    assert (found[0].keys if found else []) == keys
