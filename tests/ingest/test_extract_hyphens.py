"""rejoin_hyphenation: soft breaks joined, compound hyphens kept."""

from __future__ import annotations

import pytest

from ingest.extract.hyphens import build_lexicon, keep_hyphen, rejoin_hyphenation
from ingest.extract.words import COMMON_WORDS

DOC = build_lexicon(
    [
        "the print-out was produced; the co-accused; the commencing day",
        "a sub-division of the district; Jamaat-e-Islami; prosecution evidence",
    ]
)

CASES = [
    # (text, lexicon, expected)
    ("the commenc-\ning day", DOC, "the commencing\nday"),  # the document spells it whole
    ("the print-\nout of it", DOC, "the print-out\nof it"),  # ...or hyphenated
    ("a sub-\ndivision", DOC, "a sub-division"),
    ("the prose-\ncution case", COMMON_WORDS, "the prosecution\ncase"),  # not a word on its own
    ("was deter-\nmined by", COMMON_WORDS, "was determined\nby"),  # suffix-like fragment
    ("the co-\naccused and", COMMON_WORDS, "the co-accused\nand"),  # compound prefix
    ("the officer-in-\ncharge of", COMMON_WORDS, "the officer-in-charge\nof"),  # already a compound
    ("the Anti-\nTerrorism Act", COMMON_WORDS, "the Anti-Terrorism\nAct"),  # capital after it
    ("section 292-\nC PPC", COMMON_WORDS, "section 292-C\nPPC"),
    ("Rs.5,00,000/-\nto the heirs", COMMON_WORDS, "Rs.5,00,000/-\nto the heirs"),  # not a word
    ("held as under:-\n“quote”", COMMON_WORDS, "held as under:-\n“quote”"),
    ("word-\n(a) list", COMMON_WORDS, "word-\n(a) list"),
    ("last word in the page-", COMMON_WORDS, "last word in the page-"),
    ("com-\nmitted.", COMMON_WORDS, "committed."),  # last line: no newline added
    (
        "two sites: exam-\nined and decid-\ned here",
        COMMON_WORDS,
        "two sites: examined\nand decided\nhere",
    ),
    ("no hyphen here\nat all", COMMON_WORDS, "no hyphen here\nat all"),
]


@pytest.mark.parametrize(("text", "lexicon", "expected"), CASES)
def test_rejoin_hyphenation(text: str, lexicon: frozenset[str], expected: str) -> None:
    assert rejoin_hyphenation(text, lexicon) == expected


KEEP_CASES = [
    # (left, right, prefix, keep?)
    ("commenc", "ing", "", False),
    ("print", "out", "", True),
    ("in", "charge", "officer-", True),
    ("Anti", "Terrorism", "", True),
    ("PROSE", "CUTION", "", False),  # capitals on both sides: judged like lower case
    ("292", "C", "", True),
    ("non", "bailable", "", True),
]


@pytest.mark.parametrize(("left", "right", "prefix", "keep"), KEEP_CASES)
def test_keep_hyphen(left: str, right: str, prefix: str, keep: bool) -> None:
    assert keep_hyphen(left, right, DOC | {"bailable"}, prefix) is keep


def test_lexicon_leaves_out_broken_fragments() -> None:
    lexicon = build_lexicon(["the commenc-\ning day and a sub-division"])
    assert "commenc" not in lexicon
    assert "ing" not in lexicon
    assert {"day", "sub-division", "division", "sub"} <= lexicon
