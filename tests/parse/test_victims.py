"""Victims' names in sexual-offence judgments (table-driven, and on real judgments)."""

from __future__ import annotations

import pytest

from ingest.parse.victims import concerns_sexual_offence, find_victims

CASES = [
    ("convicted under section 376 PPC. The victim Ayesha Bibi (PW-2) deposed.", ["Ayesha Bibi"]),
    ("u/s 377-B PPC ... victim of the case Muhammad Nouman Saleem (PW.5), Muhammad Naeem",
     ["Muhammad Nouman Saleem"]),
    ("u/s 377-B PPC. Mst. Shumaila Shahzad (PW-3) is the victim of the case.", ["Mst. Shumaila Shahzad"]),
    ("sodomy with his son namely Muhammad Nouman Saleem who, on seeing", ["Muhammad Nouman Saleem"]),
    # Anonymised already: single letters and initials are not names.
    ("rape ... S, the victim, testified as PW-5. Victim M.F. (PW-2)", []),
    # Not a sexual offence: nothing is looked for.
    ("murder u/s 302 PPC; the victim Zahid Mehmood died at the spot.", []),
    # Words near "victim" that are not names.
    ("u/s 376 PPC. The victim stated that the accused was present. The Court", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_find_victims(text: str, expected: list[str]) -> None:
    assert [v.name for v in find_victims([text])] == expected


def test_spans_point_at_the_name() -> None:
    pages = ["first page", "child pornography u/s 292-C PPC; the victim Ayesha Bibi stated"]
    [fact] = find_victims(pages)
    assert fact.page_number == 2
    assert pages[1][fact.span[0]:fact.span[1]] == "Ayesha Bibi"


def test_sexual_offence_detection() -> None:
    assert concerns_sexual_offence(["charged under section 292-B/292-C PPC"])
    assert not concerns_sexual_offence(["a dispute about a watercourse"])


REGRESSIONS = [
    # A witness list: the complainant is named just before "victim of the case Y".
    ("u/s 377-B PPC: complainant of the case namely Muhammad Saleem Anwar (PW.4), victim of the case "
     "Muhammad Nouman Saleem (PW.5), Muhammad Naeem Khan", ["Muhammad Nouman Saleem"]),
    # The author's name on the next line after "victim" is not the victim.
    ("u/s 377-B PPC. Complainant in person along with Mst.\nShumaila Shahzad, victim\n"
     "Syed Shahbaz Ali Rizvi, J: - Through this appeal", ["Mst. Shumaila Shahzad"]),
    ("in any rape case ... Being victim of the crime she is the most informed", []),
    # "Aqsa Bibi minor, Mst. Ishrat Bibi complainant": the complainant is not the minor.
    ("u/s 376 PPC ... for the welfare of Aqsa Bibi minor, Mst. Ishrat Bibi complainant could", []),
    ("u/s 376 PPC ... we note that the name of the minor, Ayesha Bibi, has been", ["Ayesha Bibi"]),
    ("u/s 376 PPC ... teaching his daughter Iqra. The deceased was a friend of his son Muhammad Zahid", []),
]


@pytest.mark.parametrize("text, expected", REGRESSIONS)
def test_regressions_from_real_judgments(text: str, expected: list[str]) -> None:
    assert [v.name for v in find_victims([text])] == expected
