"""collapse_doubled_chars: fake-bold overprint undone, look-alikes left alone."""

from __future__ import annotations

import pytest

from ingest.extract.doubled import collapse_doubled_chars

CASES = [
    # a whole overprinted line
    ("TThhee  qquuiicckk  bbrroowwnn  ffooxx", "The  quick  brown  fox"),
    ("SSEECCUURRIITTIIEESS AANNDD EEXXCCHHAANNGGEE", "SECURITIES AND EXCHANGE"),
    # a long overprinted heading inside a normal line
    ("see SSEECCUURRIITTIIEESS below", "see SECURITIES below"),
    # look-alikes that are real: D.D.P.P., roman numerals, numbers, short words
    ("learned DDPP for the State", "learned DDPP for the State"),
    ("Chapter XXII and (xxii)", "Chapter XXII and (xxii)"),
    ("Rescue 1122 at 11:00 for $550,000", "Rescue 1122 at 11:00 for $550,000"),
    ("committee bookkeeper", "committee bookkeeper"),
    ("line one\nTThhee  eenndd", "line one\nThe  end"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_collapse_doubled_chars(raw: str, expected: str) -> None:
    assert collapse_doubled_chars(raw) == expected
