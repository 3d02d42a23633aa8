"""Dates as written in Pakistani judgments: parse one, or find them all in a page.

South Asian courts write dates day first: ``02.05.2024``, ``2-5-2024``,
``02/05/2024``, ``12.9.2023``, ``2nd May, 2024``, ``03rd of September, 2025``;
US-style ``May 2, 2024`` appears in some judgments and in foreign ones. A
numeric date is always read day first (``02.05.2024`` is 2 May 2024, never
5 February); one whose day or month is out of range is not a date.

Two-digit years (``02-05-24``, ``12.3.98``) are expanded with a fixed pivot
so the result never depends on today's date: ``00``-``49`` are 2000-2049,
``50``-``99`` are 1950-1999. Years outside 1900-2099 are rejected.

Both functions are pure and run in time linear in the text (no backtracking
regular expressions), so they are safe on hostile input.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["expand_year", "find_dates", "parse_date"]

YEAR_PIVOT = 50
"""Two-digit years below this are 20xx, the rest 19xx."""

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_ORD = r"(?:st|nd|rd|th)?"
# 2nd May, 2024 / 03rd of September, 2025 / 28th day of January 2018
_DAY_FIRST = (
    rf"(?P<d1>\d{{1,2}}){_ORD}(?:\s+day)?(?:\s+of)?\s+(?P<m1>{_MONTH}),?\s+(?P<y1>\d{{4}})"
)
# May 2, 2024 / December 18, 2019
_MONTH_FIRST = rf"(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}}){_ORD},?\s+(?P<y2>\d{{4}})"
# 02.05.2024 / 2-5-2024 / 02/05/2024 / 02-05-24 / 11.10. 2019 (the same separator twice)
_NUMERIC = r"(?P<d3>\d{1,2})\s?(?P<sep>[./\-–])\s?(?P<m3>\d{1,2})\s?(?P=sep)\s?(?P<y3>\d{4}|\d{2})"

_FIND = re.compile(
    rf"(?<![0-9A-Za-z./\-])(?:{_NUMERIC})(?![0-9]|[./\-][0-9])"
    rf"|(?<![0-9A-Za-z])(?:{_DAY_FIRST})(?![0-9])"
    rf"|(?<![0-9A-Za-z])(?:{_MONTH_FIRST})(?![0-9])",
    re.IGNORECASE,
)
_WHOLE = re.compile(rf"(?:{_NUMERIC}|{_DAY_FIRST}|{_MONTH_FIRST})", re.IGNORECASE)
_TRIM = " \t\r\n.,;:_()[]"


def expand_year(text: str) -> int | None:
    """``"2024"`` -> 2024, ``"24"`` -> 2024, ``"98"`` -> 1998; None outside 1900-2099."""
    if not text.isdigit() or len(text) not in (2, 4):
        return None
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < YEAR_PIVOT else 1900
    return year if 1900 <= year <= 2099 else None


def _build(day: str, month: str, year: str) -> date | None:
    y = expand_year(year)
    if y is None:
        return None
    m = int(month) if month.isdigit() else MONTHS.get(month.rstrip(".").lower())
    if m is None:
        return None
    try:
        return date(y, m, int(day))
    except ValueError:
        return None


def _from_match(m: re.Match[str]) -> date | None:
    if m.group("d3") is not None:
        return _build(m.group("d3"), m.group("m3"), m.group("y3"))
    if m.group("d1") is not None:
        return _build(m.group("d1"), m.group("m1"), m.group("y1"))
    return _build(m.group("d2"), m.group("m2"), m.group("y2"))


def parse_date(text: str) -> date | None:
    """The date that ``text`` is, or None: ``"12.9.2023"`` -> 2023-09-12.

    Leading and trailing spaces, full stops, commas and underscores are
    ignored (``"_5.07.2021_"``); anything else around the date makes it
    not a date.
    """
    if not isinstance(text, str) or len(text) > 60:
        return None
    m = _WHOLE.fullmatch(text.strip(_TRIM))
    return _from_match(m) if m else None


def _section_like(m: re.Match[str]) -> bool:
    """``9/10/11`` (sections 9, 10 and 11) rather than a date: a two-digit year after "/" needs a
    zero-padded day and month (``02/05/24``)."""
    return (
        m.group("sep") == "/"
        and len(m.group("y3")) == 2
        and (len(m.group("d3")) == 1 or len(m.group("m3")) == 1)
    )


def find_dates(text: str) -> list[tuple[date, tuple[int, int]]]:
    """Every valid date in ``text`` with its ``(start, end)`` span, in order.

    Stricter than :func:`parse_date` in one way: in running text ``9/10/11``
    is more often a list of sections than a date, so a two-digit year after
    ``/`` counts only with a zero-padded day and month (``02/05/24``).
    """
    found = []
    for m in _FIND.finditer(text):
        value = _from_match(m)
        if value is not None and not (m.group("d3") and _section_like(m)):
            found.append((value, (m.start(), m.end())))
    return found
