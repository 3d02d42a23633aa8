"""assess_text_layer: real text kept, garbage sent to OCR."""

from __future__ import annotations

import pytest

from ingest.extract.quality import assess_text_layer, is_doubled_word, is_plausible_word

ENGLISH = (
    "The learned counsel for the appellant contended that the prosecution had failed "
    "to prove its case against the appellant beyond reasonable doubt and that the "
    "evidence of the witnesses was not corroborated by any independent evidence."
)
URDU = (
    "عدالت عالیہ لاہور نے درخواست ضمانت پر سماعت کی اور ملزم کی ضمانت منظور کر لی۔ "
    "استغاثہ کے مطابق ملزم نے جرم کا ارتکاب کیا تھا لیکن شہادت ناکافی ہے۔"
)

CASES = [
    # (text, usable, reason)
    (ENGLISH, True, None),
    (URDU, True, None),
    ("Lorem ipsum dolor sit amet, consectetuer adipiscing elit. " * 4, True, None),  # Latin filler
    ("CamScanner", False, "little_text"),
    ("", False, "little_text"),
    ("(cid:12)(cid:7)(cid:44) (cid:3)(cid:19)(cid:20) " * 6, False, "cid_glyphs"),
    ("\ue001\ue002\ue003 \ue004\ue005 " * 10, False, "unmapped_glyphs"),
    # an Urdu font without a Unicode map: PDFium's CJK and Greek look-alikes among Arabic letters
    ("ن㨾ຩ ㎲ ِ䉺ا㍗ (ا✔رِ ⮸㌤ اፗ ᳇ ،䡴㌑ 倭 ᳹ بᷪ دو⣜ 乗⛪ ن، 䅎弎娚 ϲΒϴΒ", False, "unmapped_glyphs"),
    (
        "TThhee  lleeaarrnneedd  ccoouunnsseell  ffoorr  tthhee  aappppeellllaanntt  " * 3,
        False,
        "doubled_chars",
    ),
    ("SO HCTEA NUEUO NTPRKMSFIERIPT SCTHRPW BRDGKLMNT XQZVWRT PLKMNBV " * 3, False, "scrambled"),
    # a font with shifted codes: odd letter runs, no real words
    (
        "Wkh ohduqhg frxqvho iru wkh dsshoodqw frqwhqghg wkdw wkh survhfxwlrq kdg idlohg " * 2,
        False,
        "scrambled",
    ),
    # word-like but no English words, and some odd tokens among them
    (
        "Kemo tiru balo fenu garo hilu kozi mepa nori pulo rastu selo tamu bxtz vrkq " * 2,
        False,
        "few_dictionary_words",
    ),
]


@pytest.mark.parametrize(("text", "usable", "reason"), CASES)
def test_assess_text_layer(text: str, usable: bool, reason: str | None) -> None:
    quality = assess_text_layer(text)
    assert (quality.usable, quality.reason) == (usable, reason)


def test_arabic_share_is_reported() -> None:
    assert assess_text_layer(URDU).arabic_share > 0.9
    assert assess_text_layer(ENGLISH).arabic_share == 0


@pytest.mark.parametrize(
    ("word", "doubled"),
    [("TThhee", True), ("SSEECCUURRIITTIIEESS", True), ("committee", False), ("aaaa", False)],
)
def test_is_doubled_word(word: str, doubled: bool) -> None:
    assert is_doubled_word(word) is doubled


@pytest.mark.parametrize(
    ("word", "plausible"),
    [
        ("appellant", True),
        ("McDonald", True),
        ("PAKISTAN", True),
        ("NTPRKMSF", False),
        ("tHe", True),
        ("tHeRe", False),
        ("aaab", False),
        ("rhythm", True),
    ],
)
def test_is_plausible_word(word: str, plausible: bool) -> None:
    assert is_plausible_word(word) is plausible
