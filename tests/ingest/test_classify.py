"""Language per page and kind per document, from content (table-driven)."""

from __future__ import annotations

import pytest

from ingest.classify import classify_kind, detect_language, document_language, guess_title
from lawdb.models import DocumentKind

LANGUAGE_CASES = [
    ("The appeal is dismissed and the conviction is maintained.", "en"),
    ("عدالت عظمیٰ پاکستان نے درخواست گزار کی اپیل مسترد کر دی۔ یہ فیصلہ ہے", "ur"),
    ("The petitioner stated: عدالت عظمیٰ پاکستان نے اپیل مسترد کر دی ہے and left the court room",
     "mixed"),
    ("12 34 -- 56", None),
]


@pytest.mark.parametrize("text, expected", LANGUAGE_CASES)
def test_detect_language(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


def test_document_language() -> None:
    assert document_language(["en", None, "en"]) == "en"
    assert document_language(["en", "ur"]) == "mixed"
    assert document_language([None]) == "und"


JUDGMENT = """IN THE LAHORE HIGH COURT, MULTAN BENCH
JUDGMENT SHEET
Criminal Appeal No. 964-J of 2023
Nazar Hussain ... Appellant
Versus
The State ... Respondent
Date of hearing: 02.05.2024
ARIF NADEEM QURESHI, J.- The appellant was tried by the learned trial court."""

STATUTE = """THE PREVENTION OF ELECTRONIC CRIMES ACT, 2016
ACT NO. XL OF 2016
An Act to make provisions for prevention of unauthorized acts
WHEREAS it is expedient to prevent unauthorized acts;
CHAPTER I
PRELIMINARY
1. Short title, extent, application and commencement.-(1) This Act may be called"""

AMENDING = """THE PREVENTION OF ELECTRONIC CRIMES (AMENDMENT) ACT, 2025
ACT NO. I OF 2025
WHEREAS it is expedient further to amend the Prevention of Electronic Crimes Act, 2016;
2. Amendment of section 2, Act XL of 2016.- In the said Act, in section 2, for clause (a)
the following shall be substituted, namely:-"""

ORDINANCE = """AN
ORDINANCE
to recognize electronic documents.
WHEREAS it is expedient to provide for recognition;
NOW, THEREFORE, the President is pleased to make and promulgate the following Ordinance:-
1. Short title, extent and commencement.-(1) This Ordinance may be called"""

RULES = """NOTIFICATION
S.R.O. 1385(I)/2012.- In exercise of the powers conferred by section 43, the Federal
Government is pleased to make the following rules, namely:-
1. Short title.- (1) These rules may be called the Example Rules, 2012."""

KIND_CASES = [
    (JUDGMENT, DocumentKind.JUDGMENT),
    (STATUTE, DocumentKind.STATUTE),
    (AMENDING, DocumentKind.AMENDING_ACT),
    (ORDINANCE, DocumentKind.ORDINANCE),
    (RULES, DocumentKind.RULES),
    ("Minutes of a meeting about lunch.", DocumentKind.OTHER),
    ("", DocumentKind.OTHER),
]


@pytest.mark.parametrize("text, expected", KIND_CASES)
def test_classify_kind(text: str, expected: DocumentKind) -> None:
    decision = classify_kind([text])
    assert decision.kind is expected, decision
    assert decision.evidence  # the reason is always recorded


def test_kind_comes_from_content_not_file_name() -> None:
    # A statute saved under a judgment-like name is still a statute.
    decision = classify_kind([STATUTE])
    assert decision.kind is DocumentKind.STATUTE
    assert any("enacting formula" in e for e in decision.evidence)


@pytest.mark.parametrize(
    "text, kind, expected",
    [
        (STATUTE, DocumentKind.STATUTE, "The Prevention of Electronic Crimes Act, 2016"),
        ("Nazar Hussain ...... Appellant\nVersus\nThe State ....... Respondent\n",
         DocumentKind.JUDGMENT, "Nazar Hussain v. The State"),
        ("", DocumentKind.OTHER, "scan_0001"),
    ],
)
def test_guess_title(text: str, kind: DocumentKind, expected: str) -> None:
    assert guess_title([text], kind, {"title": "Microsoft Word - draft.docx"},
                       "scan_0001.pdf") == expected
