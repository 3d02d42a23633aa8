"""Highlighted snippets, each naming its page.

A snippet is built from a stored (already masked) page text: the text is
HTML-escaped first and only then are ``<mark>`` tags put around the hits, so a
snippet can carry no markup of its own whatever a document contains.

Hits are found with the index's own analysis (:func:`lawdb.search.analysis.word_info`),
so "convicted" is marked for a search on "conviction" exactly when the index
matched it. A cheap regular-expression pre-check skips pages that cannot
contain a hit, which keeps snippets fast on long statutes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice

from lawdb.search.analysis import word_spans

WINDOW = 220  #: characters of context in a snippet
MAX_ANCHORS = 12  #: pre-check matches per page looked at closely
LEAD = 200  #: characters of the lead snippet shown when no word of the query is in the text


@dataclass
class Highlight:
    """What to mark: single keys, and word sequences (pair forms) of phrases."""

    terms: set[str] = field(default_factory=set)
    sequences: list[tuple[str, ...]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.terms or self.sequences)

    def prefilter(self) -> re.Pattern[str] | None:
        """A regex that every page with a hit matches (None: check every page)."""
        stems = set(self.terms) | {seq[0] for seq in self.sequences}
        if not stems or not all(s.isascii() for s in stems):
            return None
        parts = set()
        for stem in stems:
            # Porter stems are prefixes of their words except for a final y -> i
            cut = stem[:-1] if stem.endswith("i") and len(stem) > 3 else stem
            # "292b" is written "292-B"
            parts.add(re.sub(r"(?<=\d)(?=[a-z])", "-?", re.escape(cut)))
        return re.compile(r"(?<![^\W_])(?:" + "|".join(sorted(parts)) + ")", re.IGNORECASE)


def _hits(text: str, highlight: Highlight, start: int = 0, end: int | None = None,
          ) -> tuple[list[tuple[int, int]], set[str]]:
    """Hits in ``text[start:end]`` (offsets into ``text``) and the keys they matched."""
    piece = text[start:end] if (start or end is not None) else text
    spans = [(s + start, e + start, info) for s, e, info in word_spans(piece)]
    hits: list[tuple[int, int]] = []
    matched: set[str] = set()
    terms = highlight.terms
    for s, e, info in spans:
        if info.key is not None and info.key in terms:
            hits.append((s, e))
            matched.add(info.key)
    for seq in highlight.sequences:
        n = len(seq)
        if n == 0:
            continue
        first = seq[0]
        for i in range(len(spans) - n + 1):
            if spans[i][2].pair == first and all(spans[i + k][2].pair == seq[k] for k in range(1, n)):
                hits.append((spans[i][0], spans[i + n - 1][1]))
                matched.add(" ".join(seq))
    hits.sort()
    merged: list[tuple[int, int]] = []
    for s, e in hits:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged, matched


def _windowed_hits(text: str, highlight: Highlight, anchors: list[int]
                   ) -> tuple[list[tuple[int, int]], set[str]]:
    """Hits near the pre-check's matches only: long pages are not analysed word by word."""
    windows: list[list[int]] = []
    for anchor in anchors[:MAX_ANCHORS]:
        lo, hi = max(0, anchor - WINDOW), min(len(text), anchor + WINDOW)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    hits: list[tuple[int, int]] = []
    matched: set[str] = set()
    for lo, hi in windows:
        # start and end on a word boundary so no word is cut in two
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        while hi < len(text) and not text[hi].isspace():
            hi += 1
        found, keys = _hits(text, highlight, lo, hi)
        hits.extend(found)
        matched |= keys
    return sorted(set(hits)), matched


def _fragment(text: str, hits: list[tuple[int, int]]) -> str:
    """Escaped text around the densest cluster of hits, with the hits marked."""
    best, best_count = 0, -1
    for i, (start, _end) in enumerate(hits):
        count = sum(1 for s, _e in hits[i:] if s - start <= WINDOW - 40)
        if count > best_count:
            best, best_count = i, count
    anchor = hits[best][0]
    lo = max(0, anchor - WINDOW // 3)
    hi = min(len(text), lo + WINDOW)
    # widen to word boundaries
    while lo > 0 and not text[lo - 1].isspace() and anchor - lo < WINDOW // 2:
        lo -= 1
    while hi < len(text) and not text[hi].isspace() and hi - lo < WINDOW + 40:
        hi += 1
    pieces: list[str] = ["…" if lo > 0 else ""]
    cursor = lo
    for start, end in hits:
        if end <= lo or start >= hi:
            continue
        start, end = max(start, lo), min(end, hi)
        pieces.append(html.escape(text[cursor:start], quote=True))
        pieces.append("<mark>" + html.escape(text[start:end], quote=True) + "</mark>")
        cursor = end
    pieces.append(html.escape(text[cursor:hi], quote=True))
    if hi < len(text):
        pieces.append("…")
    return " ".join("".join(pieces).split())


def lead(pages: Sequence[str]) -> tuple[int, str] | None:
    """The opening of the first page with text, escaped, for hits matched by fields only."""
    for number, text in enumerate(pages, start=1):
        stripped = text.strip()
        if stripped:
            cut = stripped[:LEAD]
            if len(stripped) > LEAD and " " in cut:
                cut = cut.rsplit(" ", 1)[0] + " …"
            return number, " ".join(html.escape(cut, quote=True).split())
    return None


def make_snippets(pages: Sequence[str], highlight: Highlight, *, limit: int = 3,
                  every_page: bool = False) -> list[tuple[int, str]]:
    """Up to ``limit`` ``(page number, html)`` snippets, best pages first.

    With ``every_page`` (search within one document), one snippet per page
    with a hit, in page order.
    """
    found: list[tuple[float, int, str]] = []
    if highlight:
        pre = highlight.prefilter()
        candidates: list[tuple[int, int, list[int] | None]] = []
        for number, text in enumerate(pages, start=1):
            if not text:
                continue
            if pre is None:
                candidates.append((0, number, None))
                continue
            anchors = [m.start() for m in islice(pre.finditer(text), MAX_ANCHORS * 4)]
            if anchors:
                candidates.append((len(anchors), number, anchors))
        if not every_page and pre is not None:
            candidates.sort(key=lambda c: (-c[0], c[1]))
            candidates = candidates[:limit + 2]
        for _n, number, anchors in candidates:
            text = pages[number - 1]
            hits, matched = _hits(text, highlight) if anchors is None else _windowed_hits(
                text, highlight, anchors)
            if not hits:
                continue
            score = len(matched) * 10 + min(len(hits), 9)
            found.append((score, number, _fragment(text, hits)))
            if every_page and len(found) >= limit:
                break
    if every_page:
        found.sort(key=lambda f: f[1])
        return [(number, snippet) for _s, number, snippet in found[:limit]]
    found.sort(key=lambda f: (-f[0], f[1]))
    snippets = [(number, snippet) for _s, number, snippet in found[:limit]]
    if not snippets:
        first = lead(pages)
        return [first] if first else []
    return snippets
