"""Money and prison terms as Pakistani judgments write them.

Stage of the judgment parser used by :mod:`ingest.parse.sentences`; pure
functions of text, no state.

* Amounts come out in whole Pakistani rupees: ``Rs.500,000/-``, ``Rs.2,00,000``
  (South Asian grouping, the commas only separate digits), ``Rs. 5 million``,
  ``Rs.1.5 million``, ``rupees fifty thousand``, ``Rupees one lac``,
  ``two lacs``, ``1 crore``, ``PKR 20,000``. A lakh (lac) is 100,000, a crore
  10,000,000.
* Terms come out in days, as sentencing arithmetic counts them (and as
  ``docs/parsing-conventions.md`` fixes them): a year is 365 days, a month
  30, a week 7. "three years and six months" is 1275. Half a year ("two and
  a half years", "2½ years") is six months, 180 days. Imprisonment for life
  has no term: :func:`parse_term` gives ``None`` and :func:`is_life` says so.
* Numbers may be digits (``07``, ``10,000``) or words up to the millions
  and crores ("one hundred and fifty", "twenty-five", "two lakh fifty
  thousand"); "10 (ten) years" is read once.

The ``iter_*`` functions give every match with its offsets, for callers that
need to know where a figure sits in a longer sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = [
    "LIFE_RE",
    "Amount",
    "Term",
    "is_life",
    "iter_amounts",
    "iter_terms",
    "parse_amount",
    "parse_number_words",
    "parse_term",
]

# --------------------------------------------------------------------------- numbers

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {
    "thousand": 1_000, "lakh": 100_000, "lakhs": 100_000, "lac": 100_000, "lacs": 100_000,
    "lacks": 100_000, "lack": 100_000, "million": 1_000_000, "millions": 1_000_000,
    "crore": 10_000_000, "crores": 10_000_000, "billion": 1_000_000_000,
    "billions": 1_000_000_000,
}
_HUNDRED = {"hundred": 100, "hundreds": 100}

_S0 = r"\s{0,4}"  # bounded whitespace: no quadratic backtracking on long blank runs
_S1 = r"\s{1,4}"
_SMALL_RE = "|".join(sorted(_SMALL, key=len, reverse=True))
_SCALE_RE = "|".join(sorted(_SCALES, key=len, reverse=True))
#: One number word (a piece of a number written out).
_NUMWORD = rf"(?:{_SMALL_RE}|hundreds?|{_SCALE_RE})"
#: A number in words: "fifty", "twenty-five", "one hundred and fifty thousand", "a lakh",
#: "one and a half". Joiners are spaces, hyphens and "and".
# Every repetition is bounded (a number is never more than two dozen words), so that a long run of
# number words or spaces cannot make matching quadratic.
NUMBER_WORDS = (
    rf"(?:(?:an?\s{{1,3}})?(?:{_NUMWORD})(?:(?:\s{{0,3}}-\s{{0,3}}|\s{{1,3}}(?:and\s{{1,3}})?|\s{{0,3}},\s{{0,3}})"
    rf"(?:{_NUMWORD}|a\s{{1,3}}half|half)){{0,24}}"
    rf"|an?\s{{1,3}}half)"
)
_NUMBER_WORDS_RE = re.compile(rf"\b{NUMBER_WORDS}\b", re.I)


def parse_number_words(text: str) -> Decimal | None:
    """The value of a number written in words ("two lakh fifty thousand" -> 250000).

    Handles units, tens, hyphenated compounds ("twenty-five"), "hundred",
    the Western and South Asian scales (thousand, lakh/lac, million, crore,
    billion), "and" anywhere, and "and a half" ("one and a half lakh" ->
    150000; "two and a half" -> 2.5). Returns ``None`` when a word is not part
    of a number.
    """
    words = [w for w in re.split(r"[\s,\-]+", text.strip().lower()) if w]
    if not words:
        return None
    total = Decimal(0)
    current = Decimal(0)
    seen_number = False
    half_pending = False
    i = 0
    while i < len(words):
        word = words[i]
        if word in ("and", "only"):
            i += 1
            continue
        if word in ("a", "an"):
            # "a lakh", "a hundred", "and a half"
            if i + 1 < len(words) and words[i + 1] == "half":
                half_pending = True
                i += 2
                seen_number = True
                continue
            current = max(current, Decimal(1)) if current == 0 else current
            seen_number = True
            i += 1
            continue
        if word == "half":
            half_pending = True
            seen_number = True
            i += 1
            continue
        if word in _SMALL:
            current += _SMALL[word]
            seen_number = True
        elif word in _HUNDRED:
            current = (current or Decimal(1)) * 100
            seen_number = True
        elif word in _SCALES:
            if half_pending:
                current += Decimal("0.5")
                half_pending = False
            total += (current or Decimal(1)) * _SCALES[word]
            current = Decimal(0)
            seen_number = True
        else:
            return None
        i += 1
    if not seen_number:
        return None
    if half_pending:
        current += Decimal("0.5")
    return total + current


# --------------------------------------------------------------------------- amounts

@dataclass(frozen=True)
class Amount:
    """An amount of money found in text: whole rupees and where it was written."""

    value: int
    start: int
    end: int


_DIGITS = r"(?<![\d,])(?:\d{1,3}(?:,\s?\d{2,3}){1,6}|\d{1,15})(?:\.\d{1,4})?(?![\d,]\d)"
_SUFFIX_SCALE = rf"(?:{_SCALE_RE}|m(?:n)?\b|k\b)"
_CURRENCY = r"(?:Rs\b\.?|Rs\.|R[sS]\s{0,4}\.|PKR\b\.?|Pak(?:istani)?\.?\s{1,4}Rupees?\b|Rupees?\b|rupees?\b)"
# Further "digits scale" parts: "1 crore 50 lakh".
_MORE = (
    rf"(?:\s{{0,3}},?\s{{0,3}}(?:and\s{{1,3}})?\d{{1,4}}(?:\.\d{{1,4}})?\s{{0,3}}"
    rf"(?:{_SCALE_RE})\b){{0,4}}"
)
_MORE_PART_RE = re.compile(rf"(\d+(?:\.\d+)?){_S0}({_SCALE_RE})\b", re.I)
_TAIL = r"(?:\s{0,4}/\s{0,4}[-=]{1,3}|\s{0,4}/)?(?:\s{0,4}only\b)?"

_AMOUNT_RE = re.compile(
    rf"""
    (?P<cur>{_CURRENCY}){_S0}[.:]?{_S0}
    (?:
        (?P<digits>{_DIGITS})(?:{_S0}(?P<scale>{_SUFFIX_SCALE})(?P<more>{_MORE}))?
      | (?P<words>{NUMBER_WORDS})
    ){_TAIL}
    |
    (?:(?P<digits2>{_DIGITS})|(?P<words2>{NUMBER_WORDS})){_S0}
    (?:
        (?P<scale2>{_SCALE_RE})\b(?:{_S0}(?:{_CURRENCY}))?
      | (?P<cur2>rupees?\b|Rs\b\.?|/-)
    )
    """,
    re.I | re.X,
)


def _digits_value(digits: str) -> Decimal | None:
    try:
        return Decimal(re.sub(r"[,\s]", "", digits))
    except InvalidOperation:  # pragma: no cover - the regex only lets digits through
        return None


def iter_amounts(text: str) -> Iterator[Amount]:
    """Every amount of money in ``text``, in order, with its offsets.

    An amount needs a currency word ("Rs.", "Rupees", "PKR", "/-") or a
    large-number word (lakh, crore, million, thousand) so that years, case
    numbers and section numbers are not taken for money.
    """
    for match in _AMOUNT_RE.finditer(text):
        value: Decimal | None
        if match.group("cur"):
            if match.group("digits"):
                value = _digits_value(match.group("digits"))
                scale = (match.group("scale") or "").lower()
                if value is not None and scale:
                    if scale in ("m", "mn"):
                        value *= 1_000_000
                    elif scale == "k":
                        value *= 1_000
                    else:
                        value *= _SCALES[scale]
                    for number, more_scale in _MORE_PART_RE.findall(match.group("more") or ""):
                        value += Decimal(number) * _SCALES[more_scale.lower()]
            else:
                value = parse_number_words(match.group("words"))
        else:
            if match.group("digits2"):
                value = _digits_value(match.group("digits2"))
            else:
                value = parse_number_words(match.group("words2"))
            scale = (match.group("scale2") or "").lower()
            if value is not None and scale:
                value *= _SCALES[scale]
            elif match.group("cur2") == "/-" and match.group("words2"):
                continue
        if value is None:
            continue
        yield Amount(int(value), match.start(), match.end())


def parse_amount(text: str) -> int | None:
    """The first amount of money in ``text`` in whole rupees, or ``None``.

    "Rs.500,000/-" -> 500000; "Rs.2,00,000" -> 200000; "Rs. 5 million" ->
    5000000; "rupees fifty thousand" -> 50000; "two lacs" -> 200000;
    "Rs.10,00,000/- (Rupees one million)" -> 1000000 (the figure, once). A
    bare number ("500000") counts only when it is all the text there is.
    """
    for amount in iter_amounts(text):
        return amount.value
    bare = text.strip()
    if re.fullmatch(rf"(?:{_DIGITS})(?:{_S0}/{_S0}[-=]+)?", bare):
        value = _digits_value(re.sub(r"\s{0,4}/.*$", "", bare))
        return int(value) if value is not None else None
    value = parse_number_words(bare) if re.fullmatch(NUMBER_WORDS, bare, re.I) else None
    return int(value) if value is not None else None


# --------------------------------------------------------------------------- terms

DAYS_PER_UNIT = {"year": 365, "month": 30, "week": 7, "day": 1}


@dataclass(frozen=True)
class Term:
    """A term of imprisonment found in text: days and where it was written."""

    days: int
    start: int
    end: int


_UNIT = r"(?P<unit>years?|yrs?\.?|months?|weeks?|days?)"
# A number: digits (maybe with a fraction sign), optionally repeated in words in
# brackets ("10 (ten)"), or words ("ten", "twenty-five", "one and a half").
_TERM_NUMBER = (
    rf"(?:(?P<digits>\d{{1,4}}(?:\.\d+)?){_S0}(?P<frac>½|1/2)?(?:{_S0}\({_S0}(?:{NUMBER_WORDS}){_S0}\))?"
    rf"|\({_S0}(?P<pdigits>\d{{1,4}}){_S0}\)"
    rf"|(?P<article>\ban?)(?={_S1}(?:year|month|week|day)\b)"
    rf"|(?P<words>{NUMBER_WORDS})(?:{_S0}\({_S0}\d{{1,4}}{_S0}\))?)"
)
_COMPONENT = rf"{_TERM_NUMBER}{_S0}-?{_S0}{_UNIT}(?P<apos>(?:'|’|‘)s?)?"
_COMPONENT_RE = re.compile(rf"\b{_COMPONENT}(?![a-z])", re.I)
# Components joined into one term: "three years and six months", "2 years, 6 months".
_JOIN_RE = re.compile(r"\s{0,4}(?:,\s{0,4})?(?:and\s{1,4}|&\s{0,4})?", re.I)

LIFE_RE = re.compile(
    r"\b(?:imprisonment|incarceration|R\.?\s?I\.?|S\.?\s?I\.?)\s{1,4}(?:for|of)\s{1,4}(?:the\s{1,4})?(?:whole\s{1,4}|natural\s{1,4})?"
    r"(?:remainder\s{1,4}of\s{1,4}(?:his|her|their)\s{1,4})?(?:life|natural\s{1,4}life)\b"
    r"|\blife[\s-]{1,4}(?:imprisonment|sentence|term|long\s{1,4}imprisonment)\b"
    r"|\bimprisonment\s{1,4}till\s{1,4}(?:the\s{1,4})?end\s{1,4}of\s{1,4}(?:his|her)\s{1,4}(?:life|natural\s{1,4}life)\b"
    r"|\btransportation\s{1,4}for\s{1,4}life\b"
    r"|\bimprisonment\s{1,4}for\s{1,4}remainder\s{1,4}of\s{1,4}natural\s{1,4}life\b",
    re.I,
)


def is_life(text: str) -> bool:
    """Whether ``text`` speaks of imprisonment for life.

    "imprisonment for life", "life imprisonment", "R.I. for life",
    "imprisonment of life", "transportation for life".
    """
    return LIFE_RE.search(text) is not None


def _component_days(match: re.Match[str]) -> Decimal | None:
    if match.group("digits"):
        try:
            number = Decimal(match.group("digits"))
        except InvalidOperation:  # pragma: no cover
            return None
        if match.group("frac"):
            number += Decimal("0.5")
    elif match.group("pdigits"):
        number = Decimal(match.group("pdigits"))
    elif match.group("article"):
        number = Decimal(1)
    else:
        number = parse_number_words(match.group("words"))
        if number is None:
            return None
    unit = match.group("unit").lower().rstrip(".")
    if unit.startswith("y"):
        whole = int(number)
        days = Decimal(whole * 365)
        fraction = number - whole
        if fraction:
            # Half a year is six months (180 days), as sentencing counts months.
            days += (fraction * 12 * 30).to_integral_value()
        return days
    if unit.startswith("m"):
        return number * 30
    if unit.startswith("w"):
        return number * 7
    return number


def iter_terms(text: str) -> Iterator[Term]:
    """Every term of time in ``text`` ("seven years", "3 years and 6 months"), in order.

    Consecutive components joined by "and", "&" or a comma make one term.
    Ranges ("three to seven years") give their parts separately; callers
    decide whether a term is a punishment from its context.
    """
    pos = 0
    while True:
        match = _COMPONENT_RE.search(text, pos)
        if match is None:
            return
        days = _component_days(match)
        start, end = match.start(), match.end()
        while True:
            joiner = _JOIN_RE.match(text, end)
            nxt = _COMPONENT_RE.match(text, joiner.end()) if joiner else None
            if nxt is None:
                break
            more = _component_days(nxt)
            if more is None or days is None:
                break
            days += more
            end = nxt.end()
        if days is not None:
            yield Term(int(days), start, end)
        pos = max(end, pos + 1)


def parse_term(text: str) -> int | None:
    """The first term in ``text`` in days, or ``None`` (no term, or life).

    "seven years" -> 2555; "three years and six months" -> 1275; "15 days"
    -> 15; "imprisonment for 10 (ten) years" -> 3650; "five years' rigorous
    imprisonment" -> 1825. For imprisonment for life the answer is ``None``
    (use :func:`is_life`); a term that comes before the mention of life
    ("ten years and imprisonment for life") is still returned.
    """
    life = LIFE_RE.search(text)
    for term in iter_terms(text):
        if life is not None and life.start() <= term.start:
            return None
        return term.days
    return None
