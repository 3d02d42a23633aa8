"""normalize_unicode: line ends, hyphen marks, spaces, ligatures, NFC."""

from __future__ import annotations

import pytest

from ingest.extract.normalize import normalize_unicode

CASES = [
    ("windows\r\nline ends\rold mac", "windows\nline ends\nold mac"),
    # PDFium's mark for a hyphen that ended a line (it drops the line break)
    ("sub\ufffedivision", "sub-\ndivision"),
    ("commenc\ufffe\r\ning", "commenc-\ning"),
    ("older\x02pdfium", "older-\npdfium"),
    # a drawn soft hyphen is a hyphen; at a line end it marks hyphenation
    ("dated 16\u00ad11\u00ad1998", "dated 16-11-1998"),
    ("sub\u00ad\nsection", "sub-\nsection"),
    ("\ufb01nal \ufb02ow \ufb00ect \ufb03ce \ufb04e", "final flow ffect ffice ffle"),
    ("no\u00a0break\tand\u2009thin", "no break and thin"),
    ("zero\u200bwidth\ufeff", "zerowidth"),
    ("Urdu marks \u200e\u200f\u202bgone\u202c", "Urdu marks gone"),
    ("ZWNJ stays: \u0646\u200c\u0645", "ZWNJ stays: \u0646\u200c\u0645"),
    ("e\u0301 composed", "\u00e9 composed"),
    ("\uf0b7 Symbol-font bullet", "• Symbol-font bullet"),
    ("bell\x07 and nul\x00", "bell and nul"),
    ("para\u2029next", "para\n\nnext"),
    ("quotes “kept” and dashes – too", "quotes “kept” and dashes – too"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalize_unicode(raw: str, expected: str) -> None:
    assert normalize_unicode(raw) == expected


def test_idempotent() -> None:
    text = "".join(raw for raw, _ in CASES)
    once = normalize_unicode(text)
    assert normalize_unicode(once) == once
