"""Money and prison terms as judgments write them (table-driven and property-based)."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.parse.amounts import (
    is_life,
    iter_amounts,
    iter_terms,
    parse_amount,
    parse_number_words,
    parse_term,
)

AMOUNTS = [
    ("Rs.500,000/-", 500_000),
    ("Rs. 50,000/-", 50_000),
    ("Rs.2,00,000", 200_000),                      # South Asian grouping
    ("Rs.1,00,000/-", 100_000),
    ("Rs.10,00,000/- (Rupees one million)", 1_000_000),
    ("Rs.5,47,408/-", 547_408),
    ("Rs.100000/-", 100_000),
    ("Rs. 5 million", 5_000_000),
    ("Rs.1.5 million", 1_500_000),
    ("Rs.3.5 million", 3_500_000),
    ("rupees fifty thousand", 50_000),
    ("Rupees one lac", 100_000),
    ("Rupees one lakh", 100_000),
    ("Rs. 2 lakh", 200_000),
    ("Rs. 2.5 lacs", 250_000),
    ("two lacs", 200_000),
    ("1 crore", 10_000_000),
    ("Rs 1 crore 50 lakh", 15_000_000),
    ("PKR 20,000", 20_000),
    ("PKR 20,000/=", 20_000),
    ("Rs.60,000/, in case of default", 60_000),
    ("Rs. 10,000/- (ten thousand rupees)", 10_000),
    ("Rs.200,000/- (Rupees two hundred thousand)", 200_000),
    ("Rupees two hundred and fifty thousand only", 250_000),
    ("twenty-five thousand rupees", 25_000),
    ("one and a half lakh rupees", 150_000),
    ("a fine of Rs.75,000/- and", 75_000),
    ("50,000/-", 50_000),
    ("500000", 500_000),
    ("fifty thousand", 50_000),
    # not money
    ("FIR No.497/2021 dated 26.8.2021", None),
    ("section 302(b) PPC", None),
    ("seven years", None),
    ("", None),
]


@pytest.mark.parametrize("text, expected", AMOUNTS)
def test_parse_amount(text: str, expected: int | None) -> None:
    assert parse_amount(text) == expected


TERMS = [
    ("seven years", 2555),
    ("7 years", 2555),
    ("07 years", 2555),
    ("three years and six months", 1275),
    ("six months", 180),
    ("one month", 30),
    ("15 days", 15),
    ("a week", 7),
    ("2 years R.I.", 730),
    ("imprisonment for 10 (ten) years", 3650),
    ("six (06) years rigorous imprisonment", 2190),
    ("five years' rigorous imprisonment", 1825),
    ("ten years’ simple imprisonment", 3650),
    ("06-months S.I.", 180),
    ("14-years rigorous imprisonment", 5110),
    ("imprisonment for twelve years and six months", 4560),
    ("one year, six months and 15 days", 560),
    ("two and a half years", 910),
    ("7½ years", 2735),
    ("twenty-five years", 9125),
    ("one hundred and twenty days", 120),
    ("imprisonment for life", None),
    ("life imprisonment", None),
    ("sentenced to death", None),
    ("", None),
]


@pytest.mark.parametrize("text, expected", TERMS)
def test_parse_term(text: str, expected: int | None) -> None:
    assert parse_term(text) == expected


LIFE = [
    ("imprisonment for life", True),
    ("sentenced to life imprisonment", True),
    ("Imprisonment for Life each under section 302(b)", True),
    ("R.I. for life imprisonment", True),
    ("imprisonment of life", True),
    ("life-imprisonment", True),
    ("rigorous imprisonment for fourteen years", False),
    ("the life of the deceased", False),
]


@pytest.mark.parametrize("text, expected", LIFE)
def test_is_life(text: str, expected: bool) -> None:
    assert is_life(text) is expected


NUMBER_WORDS = [
    ("one", 1), ("nineteen", 19), ("ninety nine", 99), ("ninety-nine", 99), ("one hundred", 100),
    ("one hundred and fifty", 150), ("two thousand five hundred", 2500), ("fifty thousand", 50_000),
    ("one lakh", 100_000), ("two lacs", 200_000), ("two lakh fifty thousand", 250_000),
    ("one crore", 10_000_000), ("five million", 5_000_000), ("a hundred", 100), ("a lakh", 100_000),
    ("one and a half", 1.5), ("not a number", None), ("", None),
]


@pytest.mark.parametrize("text, expected", NUMBER_WORDS)
def test_parse_number_words(text: str, expected: float | None) -> None:
    value = parse_number_words(text)
    assert (None if value is None else float(value)) == expected


def test_offsets_point_at_the_figure() -> None:
    text = "sentenced to rigorous imprisonment for seven years and to pay fine of Rs.500,000/-, in default"
    [amount] = list(iter_amounts(text))
    assert (amount.value, text[amount.start:amount.end]) == (500_000, "Rs.500,000/-")
    [term] = list(iter_terms(text))
    assert (term.days, text[term.start:term.end]) == (2555, "seven years")


def test_a_term_before_life_is_still_a_term() -> None:
    assert parse_term("ten years and imprisonment for life") == 3650


# --------------------------------------------------------------------------- property tests

def _south_asian(n: int) -> str:
    """Group digits the South Asian way: 1234567 -> 12,34,567."""
    digits = str(n)
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    if head:
        groups.insert(0, head)
    return ",".join([*groups, tail])


_ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _words_below_thousand(n: int) -> str:
    parts = []
    if n >= 100:
        parts.append(f"{_ONES[n // 100]} hundred")
        n %= 100
        if n:
            parts.append("and")
    if n >= 20:
        parts.append(_TENS[n // 10] + (f"-{_ONES[n % 10]}" if n % 10 else ""))
    elif n:
        parts.append(_ONES[n])
    return " ".join(parts)


def _words(n: int, south_asian: bool) -> str:
    scales = [(10_000_000, "crore"), (100_000, "lakh"), (1000, "thousand")] if south_asian else [
        (1_000_000, "million"), (1000, "thousand")]
    parts = []
    for size, name in scales:
        if n >= size:
            parts.append(f"{_words_below_thousand(n // size)} {name}")
            n %= size
    if n:
        parts.append(_words_below_thousand(n))
    return " ".join(parts)


@given(st.integers(min_value=1, max_value=99_999_999))
def test_grouped_figures_round_trip(n: int) -> None:
    assert parse_amount(f"Rs.{_south_asian(n)}/-") == n
    assert parse_amount(f"Rs. {n:,}/-") == n


@given(st.integers(min_value=1, max_value=999_999_999), st.booleans())
def test_amounts_in_words_round_trip(n: int, south_asian: bool) -> None:
    if south_asian and n >= 1_000_000_000:
        return
    assert parse_amount(f"Rupees {_words(n, south_asian)} only") == n


@given(st.integers(0, 30), st.integers(0, 11), st.integers(0, 29))
def test_terms_add_up(years: int, months: int, days: int) -> None:
    parts = [f"{value} {unit}{'s' if value != 1 else ''}"
             for value, unit in ((years, "year"), (months, "month"), (days, "day")) if value]
    if not parts:
        return
    text = " and ".join(parts)
    assert parse_term(f"rigorous imprisonment for {text}") == years * 365 + months * 30 + days


@given(st.text(max_size=300))
def test_never_raises(text: str) -> None:
    amount = parse_amount(text)
    term = parse_term(text)
    assert amount is None or amount >= 0
    assert term is None or term >= 0
    for found in (*iter_amounts(text), *iter_terms(text)):
        assert 0 <= found.start < found.end <= len(text)


_TOKENS = ["Rs.", "Rs", "1", "00", ",", "000", "/-", " ", "one", "lakh", "crore", "million", "and", "-",
           "years", "months", "(", ")", "ten", "hundred", "twenty", "a", "half", "½", "\n", ".", "PKR"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=400))
def test_never_raises_on_legal_tokens(tokens: list[str]) -> None:
    text = " ".join(tokens)
    parse_amount(text)
    parse_term(text)


ADVERSARIAL = {
    "number words": "one " * 12_500,
    "hyphenated": "twenty-" * 7_000 + "years",
    "commas": "Rs." + "1," * 25_000,
    "digits": "9" * 50_000,
    "spaces": "Rs." + " " * 50_000 + "x",
    "years": "seven years and " * 3_200,
    "currency": "Rs. " * 12_500,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_bounded_time_on_50kb(name: str) -> None:
    text = ADVERSARIAL[name]
    started = time.perf_counter()
    parse_amount(text)
    parse_term(text)
    list(iter_amounts(text))
    list(iter_terms(text))
    # Linear work takes well under a second; the bound only catches quadratic blow-ups.
    assert time.perf_counter() - started < 10
