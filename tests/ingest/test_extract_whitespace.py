"""normalize_whitespace: runs of spaces, trimmed lines, one blank line at most."""

from __future__ import annotations

import pytest

from ingest.extract.whitespace import normalize_whitespace

CASES = [
    ("two  spaces   and\ttab", "two spaces and tab"),
    ("  leading and trailing  \n  next  ", "leading and trailing\nnext"),
    ("para one\n\n\n\npara two", "para one\n\npara two"),
    ("\n\n  \nbody\n \n", "body"),
    ("blank line with spaces\n   \nkept as one", "blank line with spaces\n\nkept as one"),
    ("", ""),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalize_whitespace(raw: str, expected: str) -> None:
    assert normalize_whitespace(raw) == expected
