"""Cleaning stage: remove running headers, footers and printed page numbers.

Every extractor emits the furniture printed on each page: the case number
repeated at the top of every page of a judgment (``Crl. Appeal No.964/J/2023``,
``CA 1020 of 2014  2``), ``- 2 -``, ``Page 3 of 12``, a bare ``7``. Left in, it
splits sentences that run over a page break and pollutes search.

Furniture is found from the text alone, across the pages of one document:

- a line is *running* if it stands among the first (or last) :data:`ZONE`
  lines of at least two pages and of :data:`MIN_SHARE` of all pages, either
  exactly or with its digits ignored (then only once in each zone: lines that
  differ only in their numbers within one zone are a list, not a header);
- a line is a *page number* if it is nothing but a page number in one of the
  usual shapes (:func:`page_number_in`).

Both are peeled off the top and the bottom of each page, edge first, until a
line is neither. The number they carry becomes the page's printed label: a
page-number line gives it directly; a running line gives the number in it that
grows with the page (``CA 1020 of 2014 2`` -> ``2``).

Caveat: a header printed on only one page (the second page of a two-page
order) is not repeated and so stays, unless it is a page number.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

#: How many non-blank lines at the top and at the bottom of a page may be furniture
#: (order sheets repeat a seven-line table head on every page).
ZONE = 8
#: Share of the document's pages a line must appear on to count as running.
MIN_SHARE = 0.3

_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_PAGE_NUMBER_PATTERNS = [
    re.compile(r"[-–—\s]*(\d{1,4})[-–—\s]*"),  # 7   - 7 -   —7—  (not "2014." ending a line)
    re.compile(r"\[\s*(\d{1,4})\s*\]|\(\s*(\d{1,4})\s*\)"),  # [7]  (7)
    re.compile(r"page\s*(?:no\.?\s*)?(\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?\.?", re.IGNORECASE),
    re.compile(r"(\d{1,4})\s*(?:of|/)\s*\d{1,4}", re.IGNORECASE),  # 3 of 12   3/12
    re.compile(r"(\d{1,4})\s*\|\s*p\s*a\s*g\s*e", re.IGNORECASE),  # 2 | Page   2 | P a g e
    # front matter in lower-case roman numerals up to xxxix: ii, iv, xii (not "ill")
    re.compile(r"((?=[ivx])x{0,3}(?:ix|iv|v?i{0,3}))"),
]


def page_number_in(line: str) -> str | None:
    """The page number if ``line`` is nothing but a printed page number, else None.

    >>> page_number_in("- 12 -"), page_number_in("Page 3 of 12"), page_number_in("12. The")
    ('12', '3', None)
    """
    line = line.strip()
    for pattern in _PAGE_NUMBER_PATTERNS:
        match = pattern.fullmatch(line)
        if match:
            return next(group for group in match.groups() if group)
    return None


def _is_year(number: str, page_count: int) -> bool:
    """A bare 1800-2100 in a document with fewer pages is a year on a cover, not a page."""
    return number.isdigit() and 1800 <= int(number) <= 2100 and page_count < int(number)


def _key(line: str) -> str:
    return _SPACES.sub(" ", _DIGITS.sub("#", line.lower())).strip()


def _exact(line: str) -> str:
    return "=" + line.strip()  # "=" keeps exact lines apart from digit-blind keys


def _zones(lines: list[str], zone: int) -> tuple[list[int], list[int]]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return filled[:zone], filled[::-1][:zone]


def _running_keys(
    pages_lines: list[list[str]], zone: int, min_share: float
) -> tuple[set[str], set[str]]:
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    for lines in pages_lines:
        head, foot = _zones(lines, zone)
        for indices, counter in ((head, top), (foot, bottom)):
            keys = Counter(_key(lines[i]) for i in indices)
            # With digits ignored, a line seen twice in one zone is a list or a
            # table ("Exh. P-1", "Exh. P-2"), not a header, which stands once on
            # a page; but the same exact line on many pages is a header even
            # so ("W.P.No.2832 of 2021" over "W.P.No.3243 of 2021").
            counter.update(key for key, n in keys.items() if n == 1)
            counter.update({_exact(lines[i]) for i in indices})
    needed = max(2, min_share * len(pages_lines))

    def frequent(counter: Counter[str]) -> set[str]:
        return {key for key, n in counter.items() if n >= needed and len(key) >= 2}

    return frequent(top), frequent(bottom)


def _page_counter_positions(found: dict[str, list[tuple[int, list[str]]]]) -> dict[str, int]:
    """For each running key, the index of the number in it that counts pages, if any."""
    positions: dict[str, int] = {}
    for key, occurrences in found.items():
        if len(occurrences) < 2:
            continue
        width = min(len(numbers) for _, numbers in occurrences)
        for j in range(width):
            offsets = {int(numbers[j]) - page for page, numbers in occurrences}
            if len(offsets) == 1:
                positions[key] = j
                break
    return positions


def strip_page_furniture(
    pages: Sequence[str], *, zone: int = ZONE, min_share: float = MIN_SHARE
) -> tuple[list[str], list[str | None]]:
    """Remove running headers/footers and page-number lines from each page.

    Returns the pages without them and, per page, the printed page label found
    in them (or None). Pages are ``\\n``-separated text in document order.
    """
    pages_lines = [page.split("\n") for page in pages]
    top_keys, bottom_keys = _running_keys(pages_lines, zone, min_share)
    running = top_keys | bottom_keys

    # Which number in a running line is the page counter (it grows with the page)?
    found: dict[str, list[tuple[int, list[str]]]] = {}
    for index, lines in enumerate(pages_lines):
        head, foot = _zones(lines, zone)
        for i in set(head) | set(foot):
            key = _key(lines[i])
            if key in running:
                found.setdefault(key, []).append((index, _DIGITS.findall(lines[i])))
    counter_at = _page_counter_positions(found)

    cleaned: list[str] = []
    labels: list[str | None] = []
    for lines in pages_lines:
        label: str | None = None
        remove: set[int] = set()
        head, foot = _zones(lines, zone)
        for indices, keys in ((head, top_keys), (foot, bottom_keys)):
            for i in indices:
                line = lines[i]
                number = page_number_in(line)
                if number is not None and _is_year(number, len(pages)):
                    number = None
                key = _key(line)
                if number is None and key not in keys and _exact(line) not in keys:
                    break
                remove.add(i)
                if number is None and key in counter_at:
                    number = _DIGITS.findall(line)[counter_at[key]]
                label = label or number
        cleaned.append("\n".join(line for i, line in enumerate(lines) if i not in remove))
        labels.append(label)
    return cleaned, labels
