"""Case numbers: every written form to (type, number, suffix, year), one fact per number."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.parse.casenumbers import MAX_RANGE, find_case_numbers

# (text, [(type, number, suffix, year), ...])
CASES = [
    ("Criminal Appeal No. 964-J of 2023", [("Crl.A.", 964, "J", 2023)]),
    ("Criminal Appeal No. 964/J/2023", [("Crl.A.", 964, "J", 2023)]),
    ("Crl. Appeal No.1518 of 2014", [("Crl.A.", 1518, None, 2014)]),
    ("Crl.A. No. 200/2023", [("Crl.A.", 200, None, 2023)]),
    ("Cr.A No. 200/2023", [("Crl.A.", 200, None, 2023)]),
    ("CRIMINAL APPEAL No.73676 of 2022.", [("Crl.A.", 73676, None, 2022)]),
    ("Criminal Appeal No. 454-ATA of 2023", [("Crl.A.", 454, "ATA", 2023)]),
    ("Civil Appeal No. 472 of 2013", [("C.A.", 472, None, 2013)]),
    ("C.P.L.A. 181 of 2023", [("C.P.L.A.", 181, None, 2023)]),
    ("C.P.L.A.2555/2022", [("C.P.L.A.", 2555, None, 2022)]),
    ("C.P.L.A.1107-L/2015", [("C.P.L.A.", 1107, "L", 2015)]),
    ("Civil Petition for Leave to Appeal No. 1190 of 1996,", [("C.P.L.A.", 1190, None, 1996)]),
    ("Crl.P.L.A.585/2025", [("Crl.P.L.A.", 585, None, 2025)]),
    ("J.P.554/2023", [("J.P.", 554, None, 2023)]),
    ("Jail Petition No.286 of 2020", [("J.P.", 286, None, 2020)]),
    ("Writ Petition No.23303/13", [("W.P.", 23303, None, 2013)]),  # two-digit year
    ("W.P. No. 12345/2024", [("W.P.", 12345, None, 2024)]),
    ("W. P. No. 81499 / 2022", [("W.P.", 81499, None, 2022)]),
    ("WRIT PETITION NO.2826-R of 2022", [("W.P.", 2826, "R", 2022)]),
    ("Crl. Misc. No. 456-B of 2021", [("Crl.Misc.", 456, "B", 2021)]),
    ("Case No: Crl.Misc.No.27751-B-2023", [("Crl.Misc.", 27751, "B", 2023)]),
    ("Crl. Misc. No.1629/B/2024", [("Crl.Misc.", 1629, "B", 2024)]),
    ("Criminal Miscellaneous No.40397-M/2024.", [("Crl.Misc.", 40397, "M", 2024)]),
    ("Civil Revision No. 371-M of 2020", [("C.R.", 371, "M", 2020)]),
    ("C.R. No. 568 of 2014/BWP", [("C.R.", 568, None, 2014)]),
    ("Criminal Bail Application 2020/2024", [("Cr.B.A.", 2020, None, 2024)]),
    ("Cr. Bail. Appl. No.560 of 2024", [("Cr.B.A.", 560, None, 2024)]),
    ("Cr.Bail.Appl.No.S- 441 of 2014", [("Cr.B.A.", 441, "S", 2014)]),
    # Sindh's D/S prefix is kept in suffix.
    ("Cr. Jail Appeal No. D-304 of 2019", [("Cr.J.A.", 304, "D", 2019)]),
    ("Cr. Jail Appeal No.D–304 of 2019", [("Cr.J.A.", 304, "D", 2019)]),
    ("Constitutional Petition No. D- 423 of 2024", [("C.P.", 423, "D", 2024)]),
    ("C.P. No,D-1810 of 2016", [("C.P.", 1810, "D", 2016)]),
    # Lists and ranges: one fact per number.
    (
        "Civil Appeals No.1194 to 1197 of 2014",
        [
            ("C.A.", 1194, None, 2014),
            ("C.A.", 1195, None, 2014),
            ("C.A.", 1196, None, 2014),
            ("C.A.", 1197, None, 2014),
        ],
    ),
    ("Crl. Petitions 149-L & 150-L/2022", [("Crl.P.", 149, "L", 2022), ("Crl.P.", 150, "L", 2022)]),
    (
        "Criminal Petition Nos. 1313-L, 1314-L & 1315-L of 2021",
        [("Crl.P.", 1313, "L", 2021), ("Crl.P.", 1314, "L", 2021), ("Crl.P.", 1315, "L", 2021)],
    ),
    ("Cr. B.A.2539 & 2823/2024.", [("Cr.B.A.", 2539, None, 2024), ("Cr.B.A.", 2823, None, 2024)]),
    (
        "Writ Petition Nos. 10511/2020, 78009/2019, and 75529/2019 as",
        [("W.P.", 10511, None, 2020), ("W.P.", 78009, None, 2019), ("W.P.", 75529, None, 2019)],
    ),
    ("in Crl.As.No.167 to170/05)", [("Crl.A.", n, None, 2005) for n in range(167, 171)]),
    # A list without its own year takes the next one's, when "and" joins them.
    (
        "Criminal Appeals No.163 to 165 and S.M. Case No.5/2005",
        [
            ("Crl.A.", 163, None, 2005),
            ("Crl.A.", 164, None, 2005),
            ("Crl.A.", 165, None, 2005),
            ("S.M.C.", 5, None, 2005),
        ],
    ),
    ("Murder Reference No. 109 of 2022", [("Murder Ref.", 109, None, 2022)]),
    ("M.R. No.82 of 2019", [("Murder Ref.", 82, None, 2019)]),
    ("Suo Motu Case No.4 of 2021", [("S.M.C.", 4, None, 2021)]),
    ("Human Rights Case No. 1037-P of 2018", [("H.R.C.", 1037, "P", 2018)]),
    ("HUMAN RIGHTS CASE NO.1037-P OF 2018", [("H.R.C.", 1037, "P", 2018)]),
    ("C.M.A. No. 01 of 2021", [("C.M.A.", 1, None, 2021)]),
    ("C. M. A No.01 of 2021", [("C.M.A.", 1, None, 2021)]),
    ("P.S.L.A. 1/2022", [("P.S.L.A.", 1, None, 2022)]),
    ("L.C.A. No. 296 of 2010", [("L.C.A.", 296, None, 2010)]),
    ("LC.A.No. 296 of 2010.", [("L.C.A.", 296, None, 2010)]),  # OCR lost a dot
    ("Crl. Revision No. 71205 of 2021", [("Crl.Rev.", 71205, None, 2021)]),
    ("Criminal Revision No. No.31115 of 2021", [("Crl.Rev.", 31115, None, 2021)]),
    ("Crl.Rev.No.173/2017", [("Crl.Rev.", 173, None, 2017)]),
    ("Regular First Appeal No.20 of 2024", [("R.F.A.", 20, None, 2024)]),
    ("ICA No. 292 of 2024", [("I.C.A.", 292, None, 2024)]),
    ("Crl. Org. No.30902-W of 2024", [("Crl.O.A.", 30902, "W", 2024)]),
    ("(in Const.P.27/2022)", [("C.P.", 27, None, 2022)]),
    ("Capital Sentence Reference No.2 of 2021", [("Other", 2, None, 2021)]),
    ("E.F.A.No.20277 of 2023", [("Other", 20277, None, 2023)]),
    ("Service Appeal No.14 of 2021", [("Other", 14, None, 2021)]),
    # Not case numbers.
    ("FIR No. 123/2023 dated 1.2.2023 P.S. Saddar", []),
    ("Crime No.448/2012, registered at P.S. Zaman Town", []),
    ("2019 SCMR 1234", []),
    ("PLD 2015 SC 396", []),
    ("under section 497 Cr.P.C. 1898", []),
    ("Order VII Rule 11 C.P.C. 1908", []),
    ("CRP.16/ 10", [("Other", 16, None, 2010)]),  # a civil review petition, not a criminal petition
    ("dated 12.03.2020", []),
    ("sections 302/34 PPC and 11-F(2) of the Act", []),
    ("Criminal Appeal No. 5 is pending", []),  # no year
    ("Criminal Petition Nos. 1313-L, 1314-L & 1315-L OF 20214", []),  # OCR'd year: not guessed
    ("C.P. No.D-214/2076", []),  # a year beyond MAX_YEAR
    ("the C.M. for condonation", []),
    ("Mr. No. 12 of 2020", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_find_case_numbers(text: str, expected: list[tuple]) -> None:
    found = find_case_numbers(text, 3)
    assert [(f.type, f.number, f.suffix, f.year) for f in found] == expected
    assert all(f.page_number == 3 for f in found)


def test_raw_and_span_cover_the_whole_expression() -> None:
    text = "This single judgment decides Crl. Petitions 149-L & 150-L/2022 and nothing else."
    facts = find_case_numbers(text, 1)
    assert len(facts) == 2
    for fact in facts:
        assert text[fact.span[0] : fact.span[1]] == fact.raw == "Crl. Petitions 149-L & 150-L/2022"


def test_several_expressions_in_a_caption() -> None:
    text = (
        "Murder Reference No.109 of 2022\n(The State versus Nauman Ijaz)\n"
        "Crl. Appeal No.30048-J of 2022\n(Nauman Ijaz versus The State, etc.)\n"
    )
    assert [(f.type, f.number, f.suffix) for f in find_case_numbers(text, 1)] == [
        ("Murder Ref.", 109, None),
        ("Crl.A.", 30048, "J"),
    ]


def test_a_long_range_gives_its_ends_only() -> None:
    found = find_case_numbers(f"Writ Petitions No.1 to {MAX_RANGE + 10} of 2020", 1)
    assert [f.number for f in found] == [1, MAX_RANGE + 10]


def test_duplicates_in_one_list_are_given_once() -> None:
    found = find_case_numbers("Cr.A. No.60, 61, 60, 61/2002", 1)
    assert [f.number for f in found] == [60, 61]


HOSTILE = st.lists(
    st.sampled_from(
        [*"0123456789/-–&., \nNo.ofOFtoand", "Crl. ", "W.P. ", "C.P.", "Criminal Appeal ", "-J", "D-"]
    ),
    max_size=1000,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(HOSTILE, st.integers(min_value=1, max_value=2000))
def test_never_raises_and_is_fast(text: str, page: int) -> None:
    started = time.perf_counter()
    for fact in find_case_numbers(text, page):
        assert fact.page_number == page
        assert text[fact.span[0] : fact.span[1]] == fact.raw
        assert 1900 <= fact.year <= 2039 and fact.number >= 0
    assert time.perf_counter() - started < 1.0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=1000))
def test_never_raises_on_any_text(text: str) -> None:
    find_case_numbers(text, 1)


@pytest.mark.parametrize(
    "text",
    [
        "W.P. " + " " * 100_000 + "x",
        "Writ Petition No.1" + " , 1" * 20_000,
        "Criminal Appeal No. " + "1 to " * 20_000,
        "Crl.A." * 30_000,
        "No. " * 50_000,
        "1/" * 50_000,
    ],
)
def test_long_hostile_runs_are_linear(text: str) -> None:
    started = time.perf_counter()
    find_case_numbers(text, 1)
    assert time.perf_counter() - started < 3.0
