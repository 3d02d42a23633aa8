"""The structure of a statute: parts, chapters, sections or articles, subsections... from its pages.

:func:`parse_statute` is a pure function of the *cleaned* page texts of a
statute PDF (``[p.text for p in extract_pdf(path).pages]``); every span it
gives refers to those texts. It runs small named stages:

1. :func:`split_page` - per page, the footnotes at the bottom
   (``"1 Ins. by Act X (Second Amdt.) of 2016, s. 4."``, ``"1. Subs. by ..."``,
   ``"[5] Subs. by ..."`` end notes) and the body above them; running
   headers and footers the cleaner left (``"CONSTITUTION OF PAKISTAN 7"``) and
   side-column marginal notes (the Constitution) are cut from the body too;
2. :func:`find_contents` - the table of contents ("arrangement of
   sections"), which is skipped but read: its numbers and headings are used to
   check the body's candidates and to find where a heading ends when the Act
   prints it without a dash (``"292A. Exposure to seduction. Whoever ..."``);
3. section (or article) candidates at line starts (and, when the contents
   confirm them, in the middle of lines the cleaner joined), kept by a
   weighted longest increasing run of section numbers, so that numbered
   lists, schedule rows and stray notes are dropped;
4. parts, chapters and schedules; the tree; each section's subsections,
   clauses, sub-clauses, provisos, explanations (and exceptions and
   illustrations, as ``explanation`` nodes);
5. footnote reference markers in the text, attached to the provisions that
   hold them, and the status (``omitted``/``repealed``) of each node;
6. the statute's facts: title, kind, Act number, year, jurisdiction, date.

Conventions (see the dataclasses): ``path`` is ``"s22"``/``"a10A"``/``"r5"``
for sections/articles/rules (flat: unique in the statute), then
``"/1"``, ``"/a"``, ``"/i"`` for subsections, clauses and sub-clauses,
``"/p1"`` for provisos, ``"/e1"`` for explanations, ``"/x1"`` for exceptions
and ``"/ill1"`` for illustrations; ``"pt1"``, ``"ch2"`` (``"pt3/ch1"`` when
chapter numbers repeat across parts, as in the Constitution), ``"sch1"``,
``"annex"`` and ``"pre"``. A number printed twice (an Act that prints an old
and a new section 22) gets ``"~2"`` on its second path. Chapters and parts
take roman numbers to digits in paths (``"CHAPTER IB"`` -> ``"ch1B"``) but
keep them in ``label`` and ``number_key``.

The contents also repair what the text prints badly: a unit printed as a bare
bracketed heading takes the contents' "[Omitted.]"; an omitted section printed
without heading ("10. [Omitted by ...]") takes the heading listed for it; a
footnote marker glued to a section number ("1366." for marker 1 and section
366) is split off when the contents list the shorter number. Sections printed
inside the IPC's "STATE AMENDMENTS" notes and not listed are left out.

Caveats: the parser reads what the cleaned text holds. A footnote marker the
cleaner dropped as a page number (a ``"1"`` alone at the top of a page) is
attached to the provision at the top of that page, with a warning; a heading
line the cleaner dropped is lost. Headings are given without footnote markers
or amendment brackets (``"Saving for President prerogative"``). The preamble
is a root node even when the Act prints it under its first chapter heading
(the PPC). Units listed in the contents but not found, and footnotes whose
marker is not found, are reported in ``warnings``. Scanned pages without a
text layer give no provisions and a warning.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = [
    "ProvisionNode",
    "StatuteFacts",
    "find_contents",
    "fold_label",
    "footnote_texts",
    "iter_provisions",
    "parse_statute",
    "roman_to_int",
    "score_provisions",
    "split_page",
]


@dataclass
class ProvisionNode:
    """One node of a statute's tree, in the cleaned page text.

    ``kind`` is preamble, part, chapter, section, article, rule, subsection,
    clause, subclause, proviso, explanation (also exceptions and
    illustrations) or schedule. ``label`` is as printed ("292-B", "(1)",
    "II"), ``number_key`` folded ("292B", "1", "II"), ``path`` unique in the
    statute (see the module doc). ``heading`` is the marginal note without
    footnote markers or amendment brackets; None where none is printed (an
    article of the Constitution takes the one its contents list).

    ``text`` is the node as printed in the cleaned pages, footnote markers
    included (a marker printed just before a provision, "1\n[22A. ...", starts
    its text); pages are joined by a newline and their footnotes, running
    footers and side notes are left out. For a section it holds the whole
    section; for a part or chapter only its heading lines (its extent is its
    children's). ``page_number`` and ``span`` locate its start:
    ``span`` is (start, end) in that page's text, the end being the page's
    body end when the node goes on over the page.

    ``footnote_markers`` are the footnote reference numbers printed in this
    node's span (its heading, its text and its children's), in order, as
    printed; ``footnote_refs`` gives the page of the footnote each refers to
    (the page of the marker, or of the end note), so that
    :func:`footnote_texts` finds its text.
    """

    kind: str
    label: str
    number_key: str | None
    path: str
    heading: str | None
    text: str
    page_number: int
    span: tuple[int, int]
    status: str = "in_force"
    footnote_markers: list[str] = field(default_factory=list)
    children: list[ProvisionNode] = field(default_factory=list)
    footnote_refs: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class StatuteFacts:
    """What :func:`parse_statute` found in one statute's pages.

    ``title`` is "The " + ``short_title``; the short title is the name section
    1 gives the Act ("may be called the ..."), with the year added when it
    has none ("Pakistan Penal Code, 1860"). ``act_number`` is "XL of 2016" for
    "Act No. XL of 2016". ``jurisdiction`` is "PK" (federal), "PK-PB",
    "PK-SD", "PK-KP", "PK-BA", "PK-IS" or "IN", from the short title.
    ``enacted_date`` is the bracketed date under the title ("[18th August,
    2016]") or the date of assent. ``footnotes`` maps a page number to its
    footnotes (or end notes) as ``(marker, text)`` with whitespace collapsed.
    """

    title: str
    short_title: str
    kind: str
    act_number: str | None
    year: int | None
    jurisdiction: str
    enacted_date: date | None
    provisions: list[ProvisionNode]
    footnotes: dict[int, list[tuple[str, str]]]
    warnings: list[str]


# --------------------------------------------------------------------------- small helpers

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ORDINALS = {"FIRST": 1, "SECOND": 2, "THIRD": 3, "FOURTH": 4, "FIFTH": 5, "SIXTH": 6, "SEVENTH": 7,
             "EIGHTH": 8, "NINTH": 9, "TENTH": 10, "ELEVENTH": 11, "TWELFTH": 12}
_MONTHS = {"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
           "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
           "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12}


def roman_to_int(text: str) -> int | None:
    """``"XIV"`` -> 14; None unless ``text`` is a well-formed roman numeral (any case)."""
    text = text.upper()
    if not text or len(text) > 15 or not _ROMAN.fullmatch(text):
        return None
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN_VALUES[ch]
        total += -value if i + 1 < len(text) and _ROMAN_VALUES[text[i + 1]] > value else value
    return total


def _split_roman(text: str) -> tuple[int, str] | None:
    """``"XXA"`` -> (20, "A"), ``"IC"`` -> (1, "C"), ``"IV"`` -> (4, ""): the longest roman prefix."""
    for cut in range(len(text), 0, -1):
        value = roman_to_int(text[:cut])
        if value is not None:
            return value, text[cut:]
    return None


def fold_label(label: str) -> str:
    """The lookup form of a printed label: ``"292-B"`` -> ``"292B"``, ``"(1-A)"`` -> ``"1A"``."""
    return re.sub(r"[\s\-–()\[\].]", "", label)


def _order_key(key: str) -> tuple[int, str]:
    m = re.match(r"(\d+)([A-Za-z]*)", key)
    return (int(m.group(1)), m.group(2).upper()) if m else (0, key)


_WORD = re.compile(r"[A-Za-z0-9]+")


def _norm_words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _norm(text: str | None) -> str:
    """Case- and punctuation-blind form of a heading, for comparisons."""
    return " ".join(_norm_words(text or ""))


_MARKER_IN_TEXT = re.compile(
    r"(?<![\w.,/\-])\d{1,3}(?=[ \t]*\n?[ \t]*[\[*])|(?m:^[ \t]*\d{1,3}[ \t]*\n)|(?<=\])\d{1,3}\b"
)


def _clean_heading(text: str) -> str:
    """A heading as printed, less footnote markers, amendment brackets and end punctuation."""
    text = _MARKER_IN_TEXT.sub(" ", text)
    text = re.sub(r"\[\d{1,3}\]", " ", text)
    text = re.sub(r"[\[\]{}]", "", text)
    text = re.sub(r"\*(?:\s*\*)*", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(" .:;,-–—_").strip()


# --------------------------------------------------------------------------- stage 1: page bottoms

#: How a footnote's text begins ("Ins. by", "Subs. by", "The words ...").
_FN_WORDS = (
    r"(?:[I1l]ns(?:t|erted)?\b|Subs(?:tituted)?\b|Sub\.|Added\b|Add\.|Omitted\b|Omit|Rep\.|Repealed\b"
    r"|Re-?numbered|Numbered|Re-?lettered|New\s|Words?\b|Original\b"
    r"|(?:The|Certain|These|This)\s+(?:[Oo]riginal\s+)?(?:words?|brackets|figures?|letters?|provisos?|Indian"
    r"|Pakistan|comma|heading|portion|sections?|Explanation|expression|full|semi|provisions?|[Oo]riginal|sub|Act"
    r"|Ordinance|Constitution|First|Second|Schedule|Annex|clause|paragraph)"
    r"|(?:First|Second|Third)\s+(?:Proviso|Explanation|Schedule)|S\.\s?\d|Ss\.|ss?\.\s?\d|Sub-[spca]|Clauses?\s"
    r"|Cl\.|Cls\.|Provisos?\s|Para(?:graph)?s?\s|Sections?\s+\d"
    r"|See\s|Vide\b|Explanations?\s+(?:\d|[IVX]+\b|numbered|re|ins|subs|omitted)|Illustrations?\s|Deleted|Amended"
    r"|Declared|Corrected|Now\s+see|It\s+has|PLD|PLJ|NLR|Mod\.|Ibid|[“\"]Word|cease|Entry|Item|Articles?\s+\d"
    r"|For\s+(?:the|Punjab|Sindh)|In\s+this\s+(?:section|Act|Article|Code))"
)
_FN_START = re.compile(
    rf"^[ \t]*(?:\[\d{{1,3}}\][ \t]*(?=\S)(?!\[)"
    rf"|(?:\d{{1,3}}|l(?=Subs|Ins))\.?[ \t]*(?:\n[ \t]*)?(?={_FN_WORDS})"
    rf"|\*{{1,3}}[ \t]*(?:\n[ \t]*)?(?={_FN_WORDS}|[A-Z]))",
    re.M,
)
_FN_VERB = (r"(?:(?:Ins|Subs|Added|Omitted|Rep|Inserted|Substituted)[\w.,]*\s+(?:(?:and|&)\s+\w+\.?\s+)?"
            r"(?:by|vide|ibid)|S\.\s?\d{1,3}[A-Z]{0,2}\s+(?:was\s+)?(?:ins|subs|added|omitted|rep))")
#: A footnote whose marker the cleaner glued to the end of the line above ("... or with both. 1").
_FN_NOMARK = re.compile(rf"^(?={_FN_VERB})", re.M)
#: A footnote the cleaner joined to the end of a body line ("... in sub-section 1Subs. by Act ...").
_FN_GLUED = re.compile(rf"(?<=[ \t\-–—:;.,])(?:\d{{1,3}}|l)(?=[ \t]?{_FN_VERB})")
_FN_SEPARATOR = re.compile(r"^[ \t]*(?:[_–—][ \t]?){15,}", re.M)
#: Lines that start body structure and so cannot continue a footnote.
_STRUCTURAL = re.compile(
    r"[ \t]*(?:\[?[ \t]*\d{1,3}[A-Z]{0,3}[.:][ \t]+[A-Z\[(“\"]|\[?\(\w{1,6}\)[ \t]|\[?Provided\b"
    r"|Explanation\s*[.\-–—]|CHAPTER\b|PART\b|\[?[a-z]\)[ \t])"
)
_FN_TOKEN = re.compile(
    r"\[(?P<b>\d{1,3})\]|(?<![\w/.,\-])(?P<n>\d{1,3}|l(?=Subs|Ins))\.?|(?m:^[ \t]*(?P<s>\*{1,3}))"
)
_FN_FOLLOW = re.compile(rf"[ \t]*\n?[ \t]*(?={_FN_WORDS})")
_LONE_MARKER = re.compile(r"[ \t]*(?:\d{1,3}|\*+)[ \t]*")


@dataclass
class PageParts:
    """One page cut into body and bottom: ``body`` is ``text[body_start:body_end]``."""

    body_start: int
    body_end: int
    footnotes: list[tuple[str, str]]
    #: Where the footnote area begins (== len(text) when there is none).
    footnote_start: int


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the newline."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _footnote_start(text: str) -> int | None:
    """Where the footnotes at the bottom of a page begin, or None."""
    sep = None
    for m in _FN_SEPARATOR.finditer(text):
        if text[m.end():].strip():
            sep = m.start()
    if sep is not None:
        return sep
    lines = _lines(text)
    starts = [s for s, _ in lines]
    candidates = sorted({m.start() for m in _FN_START.finditer(text)})
    for m in _FN_NOMARK.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i > 0:
            ps, pe = lines[i - 1]
            glued = re.search(r"[ \t](\d{1,3})[ \t]*$", text[ps:pe])
            if glued:
                candidates.append(ps + glued.start(1))
    if lines:
        tail_start = lines[max(0, len(lines) - 8)][0]
        candidates.extend(m.start() for m in _FN_GLUED.finditer(text, tail_start))
    for cand in sorted(set(candidates)):
        i = bisect.bisect_right(starts, cand) - 1
        ok = True
        for s, e in lines[i + 1:]:
            line = text[s:e]
            if not line.strip() or _FN_START.match(text, s) or _LONE_MARKER.fullmatch(line):
                continue
            if _STRUCTURAL.match(line):
                ok = False
                break
        if ok:
            return cand
    return None


def _split_footnotes(region: str) -> list[tuple[str, str]]:
    """The (marker, text) footnotes of a page's footnote area."""
    region = _FN_SEPARATOR.sub("", region, count=1)
    marks: list[tuple[int, int, str]] = []  # (start, text start, marker)
    last: int | None = None
    for m in _FN_TOKEN.finditer(region):
        line_start = region.rfind("\n", 0, m.start()) + 1
        at_line_start = not region[line_start:m.start()].strip()
        if m.group("s"):
            if at_line_start:
                marks.append((m.start("s"), m.end(), "*"))
            continue
        digits = m.group("b") or m.group("n").replace("l", "1")
        number = int(digits)
        follows = bool(_FN_FOLLOW.match(region, m.end()))
        if (not follows and len(digits) > 1 and digits.endswith("1") and region.startswith("ns.", m.end())
                and not m.group("b")):
            number = int(digits[:-1])  # "81ns. by": footnote 8, "Ins." read as "1ns."
            follows = True
        if m.group("b"):
            ok = last is None or number > last
        elif at_line_start:
            rest = region[m.end():m.end() + 3].lstrip(" \t")
            ok = follows or (last is not None and number == last + 1 and (not rest or rest[0] in "\n“\"[" or
                                                                           rest[0].isupper()))
            ok = ok or (last is None and not marks)
        else:
            ok = follows and (last is None or last < number <= last + 3)
        if at_line_start and follows and str(number) not in {mk for _, _, mk in marks}:
            ok = True  # printed out of order ("5." before "4.") but plainly a footnote
        if ok and (last is None or number > last or m.group("b") or (at_line_start and follows)):
            marks.append((m.start(), m.end(), str(number)))
            last = number
    out = []
    for i, (_start, text_start, marker) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(region)
        body = re.sub(r"\s+", " ", region[text_start:end]).strip()
        if body:
            out.append((marker, body))
    return out


def split_page(text: str) -> PageParts:
    """Cut one cleaned page into its body and its footnotes (stage 1, before furniture)."""
    start = _footnote_start(text)
    if start is not None:
        rule = re.search(r"(?:^|\n)[ \t]*[_–—\-]{5,}[ \t]*\n[ \t]*$", text[:start])
        start = rule.start() if rule else start  # a short rule above the footnotes is theirs
    if start is None:
        return PageParts(0, len(text.rstrip()), [], len(text))
    footnotes = _split_footnotes(text[start:])
    if not footnotes:
        return PageParts(0, len(text.rstrip()), [], len(text))
    return PageParts(0, len(text[:start].rstrip()), footnotes, start)


def _furniture_keys(pages: list[str], parts: list[PageParts]) -> set[str]:
    """Running header/footer lines the cleaner left: same line (digits aside) on many pages."""
    counts: Counter[str] = Counter()
    for text, part in zip(pages, parts, strict=True):
        body = text[part.body_start:part.body_end]
        lines = [ln.strip() for ln in body.split("\n") if ln.strip()]
        edge = set(lines[:2] + lines[-3:])
        counts.update({_furniture_key(ln) for ln in edge if len(ln) <= 60})
    need = max(3, int(0.2 * len(pages)))
    return {k for k, n in counts.items() if n >= need and re.search(r"[a-z]{3}", k)}


def _furniture_key(line: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", line.lower())).strip()


def _cut_furniture(text: str, part: PageParts, keys: set[str]) -> None:
    lines = [(s, e) for s, e in _lines(text)
             if part.body_start <= s and e <= part.body_end and text[s:e].strip()]
    for s, e in lines[:2]:
        if _furniture_key(text[s:e]) in keys:
            part.body_start = e + 1 if e < len(text) else e
    for s, e in reversed(lines[-3:]):
        if _furniture_key(text[s:e]) in keys:
            part.body_end = len(text[:s].rstrip())
    part.body_end = max(part.body_end, part.body_start)
    if part.footnotes:
        # A running footer printed below the footnotes is not part of the last one.
        region = text[part.footnote_start:]
        kept = [ln for ln in region.split("\n") if not (len(ln.strip()) <= 60 and _furniture_key(ln) in keys)]
        if len(kept) != len(region.split("\n")):
            part.footnotes = _split_footnotes("\n".join(kept))


#: A marginal-note line: short, words only (the Constitution prints notes in a side column).
_MARGINAL_LINE = re.compile(r"[\[*]?[A-Za-z][A-Za-z ,.’'()\[\]\-–]{0,24}(?:[ \t]\d{1,2})?")


def _marginal_run(text: str, part: PageParts) -> list[tuple[int, int]]:
    lines = [(s, e) for s, e in _lines(text[:part.body_end]) if s >= part.body_start]
    run: list[tuple[int, int]] = []
    for s, e in reversed(lines):
        line = text[s:e].strip()
        if not line:
            continue
        if len(line) <= 23 and _MARGINAL_LINE.fullmatch(line):
            run.append((s, e))
        else:
            break
    return run[::-1]


# --------------------------------------------------------------------------- the linear body

class _Linear:
    """All page bodies joined by newlines, with the way back to (page, offset)."""

    def __init__(self, pages: list[str], parts: list[PageParts]) -> None:
        chunks, self.starts, self.pages, self.locals = [], [], [], []
        pos = 0
        for i, (text, part) in enumerate(zip(pages, parts, strict=True)):
            chunk = text[part.body_start:part.body_end]
            self.starts.append(pos)
            self.pages.append(i + 1)
            self.locals.append(part.body_start)
            chunks.append(chunk)
            pos += len(chunk) + 1
        self.text = "\n".join(chunks)
        self.ends = [s + len(c) for s, c in zip(self.starts, chunks, strict=True)]

    def locate(self, offset: int) -> tuple[int, int]:
        """(page number, offset in that page's cleaned text) of a linear offset."""
        i = max(0, bisect.bisect_right(self.starts, offset) - 1)
        return self.pages[i], self.locals[i] + min(offset, self.ends[i]) - self.starts[i]

    def page_index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def to_linear(self, page_index: int, local: int) -> int | None:
        lin = self.starts[page_index] + local - self.locals[page_index]
        return lin if self.starts[page_index] <= lin <= self.ends[page_index] else None


# --------------------------------------------------------------------------- stage 2: the contents

_TOC_HINT = re.compile(
    r"^[ \t]*(?:CONTENTS|TABLE OF CONTENTS|ARRANGEMENT OF (?:SECTIONS|ARTICLES|CLAUSES|RULES))\b", re.M | re.I
)
_TOC_ENTRY = re.compile(
    r"^[ \t]*\[?(?P<num>\d{1,3})(?!\d)"
    r"(?:[ \t]*(?:-{1,2}|–|to|&)[ \t]*(?P<end>\d{1,3})(?!\d))?"
    r"(?:[ \t]?-?[ \t]?\(?(?P<suf>[A-Z]{1,3})\)?(?=[ \t]*[.:\-]|[ \t]+[A-Z\[“\"]))?"
    r"(?:[ \t]?[.:\-][ \t]*|[ \t]+)(?P<head>\S[^\n]*)$",
    re.M,
)
_BODY_LIKE = re.compile(r"[.:]\s*(?:—|–|-{1,3}|_{2,}|¾)\s*\S{3}")
_TOC_SPLIT = re.compile(r"[ \t](?=\d{1,3}[ \t]?[A-Z]{0,3}\.[ \t]+[A-Z“\"\[])")
#: Lines after the last numbered entry that are still contents: schedule lists, rules, roman page numbers.
_TOC_TAIL = re.compile(
    r"[ \t]*(?:[^\n]*\bSCHEDULES?\b[^\n]*|ANNEX[^\n]*|[_\-–—*.\s]*|\(?[ivxlc]+\)?"
    r"|[^\n]*\bSchedule\b[^\n]{0,40})"
)


@dataclass
class _Contents:
    start: int = 0
    end: int = 0
    #: key ("22A") -> heading as listed.
    headings: dict[str, str] = field(default_factory=dict)
    #: keys in listed order.
    order: list[str] = field(default_factory=list)


def _toc_entries(text: str, start: int, end: int) -> list[tuple[str, str | None, str, int]]:
    """(key, range end key, heading, offset) of numbered entries in text[start:end]."""
    out = []
    for m in _TOC_ENTRY.finditer(text, start, end):
        pieces = _TOC_SPLIT.split(m.group(0).strip())
        offset = m.start()
        for piece in pieces:
            e = _TOC_ENTRY.match(piece.strip())
            if not e:
                continue
            key = e.group("num") + (e.group("suf") or "")
            head = re.sub(r"\.{3,}.*$", "", e.group("head"))
            head = re.sub(r"\s+\d{1,3}(?:[–-]\d{1,3})?\s*$", "", head).strip()
            out.append((key, e.group("end"), head, offset))
    return out


def find_contents(text: str, page_starts: Sequence[int] = ()) -> _Contents | None:
    """The table of contents at the start of a statute's linear text, if it has one.

    ``page_starts`` (linear offsets where pages begin) lets the contents run to
    the end of the page of their last entry when the body starts on a later page.
    """
    limit = len(text)
    hint = _TOC_HINT.search(text, 0, min(limit, 60000))
    ones = [m for m in _TOC_ENTRY.finditer(text) if m.group("num") == "1" and not m.group("suf")
            and not m.group("end")]
    if not ones:
        return None
    first = ones[0]
    if hint and hint.start() > first.start():
        hint = None
    for body in ones[1:]:
        between = text[first.start():body.start()]
        lines = [ln.strip() for ln in between.split("\n") if ln.strip()]
        if len(lines) < 3:
            continue
        entries = _toc_entries(text, first.start(), body.start())
        long_lines = sum(len(ln) > 250 for ln in lines)
        enumerated = sum(bool(re.match(r"\(?[a-z0-9]{1,4}\)", ln)) for ln in lines)
        # Contents list headings; a body prints text after them ("1. Short title.— This Act ...").
        body_like = sum(bool(_BODY_LIKE.search(head)) for _, _, head, _ in entries)
        if (len(entries) >= 3 and long_lines <= max(2, len(lines) // 20) and enumerated <= len(lines) // 10
                and body_like <= 0.3 * len(entries)):
            return _finish_contents(text, hint.start() if hint else first.start(), body.start(), entries,
                                    page_starts)
        break
    return None


def _finish_contents(text: str, start: int, body: int, entries: list, page_starts: Sequence[int]
                     ) -> _Contents:
    """Fix where the contents end (the body's title block begins) and read its entries."""
    # The last entry of the increasing run that ends the contents.
    last = None
    top = (-1, "")
    for key, end_key, _head, offset in entries:
        order = _order_key(end_key or key)
        if order >= top or last is None:
            top, last = max(top, order), offset
    end = text.find("\n", last)
    end = len(text) if end < 0 else end
    following = [s for s in page_starts if s > last]
    if following and following[0] <= body:
        end = following[0] - 1  # the rest of the last entry's page is contents too
    # Contents go on over schedule lists and page furniture that follow the last entry.
    pos = end + 1
    while pos < body:
        nl = text.find("\n", pos)
        nl = body if nl < 0 or nl > body else nl
        line = text[pos:nl]
        entry = _TOC_ENTRY.match(line)
        if (entry and not entry.group("head").isupper()) or _TOC_TAIL.fullmatch(line):
            end = nl
            pos = nl + 1
            continue
        break
    contents = _Contents(start=start, end=end)
    for key, end_key, head, offset in _toc_entries(text, start, end):
        if end_key:
            lo, hi = int(key), int(end_key)
            if 0 < hi - lo <= 80:
                for k in range(lo, hi + 1):
                    contents.headings.setdefault(str(k), head)
                    contents.order.append(str(k))
            continue
        if offset > end:
            break
        if key not in contents.headings:
            contents.headings[key] = head
            contents.order.append(key)
    return contents


# --------------------------------------------------------------------------- stage 3: sections

#: A section number at a line start, after end-note markers ("[8][11-A."), a glued marker ("10[124A.")
#: or a bracket.
_SEC_LINE = re.compile(
    r"^[ \t]*(?P<mk>(?:\[\d{1,3}\][ \t]*){0,3}(?:\d{1,3}(?=\[))?\*?)(?P<ob>\[[ \t]*)?(?P<num>\d{1,4})(?!\d)",
    re.M,
)
#: A section number in the middle of a line the cleaner joined ("... is final. 2P. Indemnity.").
_SEC_MID = re.compile(
    r"(?:(?<=[.;:\]},–—])[ \t]+|(?<=[a-z0-9]-)|(?<=-)[ \t]+)"
    r"(?P<ob>\[[ \t]*)?(?P<par>\()?(?P<num>\d{1,3})(?!\d)"
)
#: "(2E) Removal of Chairperson ...": a section number printed in brackets.
_SEC_PAREN = re.compile(
    r"^[ \t]*(?P<ob>\[[ \t]*)?(?P<par>\()(?P<num>\d{1,3})(?=[A-Z]{1,3}\)[ \t]+[A-Z])", re.M
)
_RANGE = re.compile(r"[ \t]*(?:-{1,2}|–|to|&|and)[ \t]*(\d{1,3})(?!\d)")
_SUFFIX = re.compile(r"(?:[ \t]?-[ \t]?|[ \t])?(?P<s>[A-Z]{1,3})(?=[ \t]*[.:,)]|[ \t]+-[ \t]|[ \t]+\[)"
                     r"|[ \t]?\((?P<p>[A-Z])\)(?=[ \t]+[A-Z])|-(?P<h>[A-Z]{1,2})(?=[ \t]+[A-Z“\"])")
_SEP = re.compile(r"[ \t]?(?P<sep>[.:,])(?![\d])|[ \t]?(?P<dash>-)(?=[ \t])|(?P<none>(?=[ \t]+\S))")
_MARKER_BREAK = re.compile(r"[ \t]*\d{1,3}[ \t]*(?:\n[ \t]*)?(?=\[|\*)")
_MARKER_LINE_END = re.compile(r"\d{1,3}[ \t]*\n")
_STATUS_WORD = re.compile(
    r"(?P<om>\[?[ \t]*(?:Omitted|omitted|Omit)\b|\[?[ \t]*\*[ \t]*\*)"
    r"|(?P<rep>\[?[ \t]*(?:Rep\.|Repealed|rep\.|\[Rep\b|Rep\b))"
)
#: "[Definition of “Queen”.] Omitted by ...": the old heading in brackets, then the omission.
_BRACKET_HEAD = re.compile(
    r"\[?(?P<h>[^\]\[\n}]{2,200})[\]}][ \t]*[.:]?[ \t]*(?:\n[ \t]*)?"
    r"(?=Omitted|Rep\b|Rep\.|Repealed|omitted|rep\.)"
)
#: The dash (or rule) that ends a marginal note: ".—", ".-", ". -", ":-", ". ---", ".___", "—", "¾".
_HEAD_DASH = re.compile(
    r"[ \t]*[.:;,]?[ \t]*(?:—|–|¾|-{2,}|_{2,})[ \t]*|(?<=[.:])[ \t]*-[ \t]*|[ \t]+-[ \t]+"
)
_HEAD_SKIP = re.compile(r"[ \t]*[.:;,]?[ \t]*(?:—|–|¾|-{1,3}|_{2,})?[ \t]*(?:\n[ \t]*_{2,}[ \t]*)?")
_HEAD_LEAD = re.compile(r"(?:[ \t]*\[\d{1,3}\][ \t]*|[ \t]*\[[ \t]*\n[ \t]*|[ \t]*\d{1,3}[ \t]*\n[ \t]*)*")
_HEAD_GONE = re.compile(r"[.:;,][ \t]*(?=\[?[ \t]*(?:Omitted|omitted|Rep\.|Repealed)\b)")
_HEAD_STOP = re.compile(r"[.:;](?=\s|$)|[ \t]*(?=\[?[ \t]*(?:Omitted|omitted|Rep\.|Repealed)\b)")
_ABBREV = re.compile(
    r"(?:\betc|\be\.g|\bi\.e|\bs|\bss|\bNo|\bArt|\bArts|\bCo|\bLtd|\bMr|\bDr|\bSt|\bvs|\bviz|\bSch|\bOrd"
    r"|\bA\.O|\bP\.O|\bCl|\bPara|\b[A-Z])$"
)
#: What may begin the line after a heading printed on a line of its own: "(1)", "1)", "__", a dash.
_ENUM_NEXT = re.compile(
    r"[ \t]*(?:\d{1,3}[ \t]*\n[ \t]*)?\[?[ \t]*(?:\(\w{1,5}\)|\w{1,3}\)|_{2,}|[—–-]{1,3})"
)


@dataclass
class _Cand:
    """A place where a section may begin."""

    pos: int  # where the node starts (its marker or bracket)
    key: str
    label: str
    range_end: str | None  # "18 to 21": the last number of a range
    content: int  # after number and separator
    strong: bool  # at a line start, in the usual "22." form
    heading: str | None = None
    head_kind: str = ""
    body: int = 0  # where the text after the heading begins
    status: str = "in_force"
    toc_match: bool = False
    weight: float = 0.0
    #: A footnote marker glued to the number ("1366." is marker "1", section 366): (offset, marker).
    glued: tuple[int, str] | None = None

    @property
    def order(self) -> tuple[int, str]:
        return _order_key(self.key)


def _parse_number(text: str, num_start: int, num_end: int, *, paren: bool
                  ) -> tuple[str, str, str | None, int, str] | None:
    """After a section number: (label, key, range end, content offset, separator kind), or None."""
    num = text[num_start:num_end]
    i = num_end
    range_end = None
    suffix = ""
    if paren:
        close = re.compile(r"([A-Z]{0,3})\)").match(text, i)
        if not close:
            return None
        suffix, i = close.group(1), close.end()
        label = f"{num}{suffix}"
        sep = re.compile(r"[ \t]*[.:]?").match(text, i)
        return label, label, None, sep.end(), "paren"
    r = _RANGE.match(text, i)
    if r and int(r.group(1)) > int(num) and re.match(r"[ \t]*[.:\[]", text[r.end():r.end() + 3]):
        range_end, i = r.group(1), r.end()
    else:
        s = _SUFFIX.match(text, i)
        if s:
            suffix = s.group("s") or s.group("p") or s.group("h")
            i = s.end()
    label = text[num_start:i].strip()
    sep = _SEP.match(text, i)
    if not sep:
        return None
    kind = "." if sep.group("sep") in (".", ":") else ("," if sep.group("sep") == "," else
                                                         ("-" if sep.group("dash") else "none"))
    j = sep.end()
    while j < len(text) and text[j] in " \t":
        j += 1
    if j >= len(text):
        return None
    if text[j].isdigit() and not _MARKER_BREAK.match(text, j) and not _MARKER_LINE_END.match(text, j):
        return None
    if kind == "none" and text[j] not in "[“\"'(" and not text[j].isupper():
        return None
    key = num + suffix
    return label, key, range_end, j, kind


def _logical_line_end(text: str, start: int, limit: int) -> int:
    """End of the line at ``start``, running on over line breaks that only frame footnote markers."""
    pos = start
    while True:
        nl = text.find("\n", pos, limit)
        if nl < 0:
            return limit
        before = text[max(start, nl - 4):nl]
        after = text[nl + 1:nl + 3]
        if text.count("[", start, nl) > text.count("]", start, nl) and nl - start < 400:
            pos = nl + 1  # inside an amendment bracket: "[imprisonment for\nlife]"
            continue
        marker_at_end = re.search(r"(?:^|[\s\[\]])\d{1,3}[ \t]*$", before)
        if marker_at_end or (after.startswith("[") and re.search(r"\d\s*$", before)):
            pos = nl + 1
            continue
        return nl


def _similar(a: str, b: str) -> bool:
    """Same word, or a long word misspelt at its end ("healty"/"healthy", "subdivisions"/"sub-divisions")."""
    return a == b or (len(a) > 4 and len(b) > 4 and a[:4] == b[:4] and abs(len(a) - len(b)) <= 2)


def _match_toc_heading(text: str, start: int, heading: str) -> tuple[int, int] | None:
    """Offsets (start, end) of ``heading`` printed in ``text`` from ``start`` (its words in order).

    A listed heading that runs on past the printed one (contents lines that swallowed a
    cross-heading or sub-notes) matches by its first words when the printed heading ends there.
    """
    words = _norm_words(re.sub(r"\[|\]", " ", heading))
    if not words:
        return None
    tokens = [(m.group().lower(), m.start(), m.end())
              for m in _WORD.finditer(text, start, start + 80 + 14 * len(words))]
    tokens = [t for t in tokens if not (t[0].isdigit() and len(t[0]) <= 3) or t[0] in words]
    j = misses = matched = 0
    last_end = first_start = None
    allowed = max(1, len(words) // 5)
    complete = True
    for w in words:
        found = None
        for k in range(j, min(j + 3, len(tokens))):
            if _similar(tokens[k][0], w):
                gap = text[last_end:tokens[k][1]] if last_end is not None else ""
                if not re.search(r"[.;:][ \t]+[A-Z“\"(]|—|–", gap):
                    found = k
                break
        if found is None:
            misses += 1
            if misses > allowed:
                complete = False
                break
            continue
        if matched == 0 and found > 1:
            return None
        if matched == 0:
            first_start = tokens[found][1]
        j, matched, last_end = found + 1, matched + 1, tokens[found][2]
    if last_end is None or first_start is None:
        return None
    if complete and matched >= max(1, len(words) - allowed):
        return first_start, last_end
    if (matched >= 3 and matched >= 0.5 * len(words)
            and re.match(r"[ \t]*(?:[.:;,]|—|–|-|_|\n|$)", text[last_end:last_end + 3])):
        return first_start, last_end
    return None


def _heading_for(text: str, c: _Cand, limit: int, toc_heading: str | None, inline: bool) -> None:
    """Find a candidate's heading (marginal note), status and where its text begins."""
    j = c.content
    while j < limit and text[j] in " \t\n":
        j += 1
    # Footnote markers and a lone bracket before the heading.
    j = _HEAD_LEAD.match(text, j).end()
    c.body = j
    bracket = _BRACKET_HEAD.match(text, j)
    if bracket:
        c.heading, c.head_kind = _clean_heading(bracket.group("h")), "status"
        c.body = bracket.end()
        c.status = _status_at(text, c.body)
        return
    skip = re.compile(r"\[?[ \t]*").match(text, j).end()
    if _STATUS_WORD.match(text, j) and _status_at(text, j) != "in_force":
        c.head_kind, c.status = "status", _status_at(text, j)
        return
    line_end = _logical_line_end(text, j, limit)
    listed = toc_heading and not re.fullmatch(r"\W*(?:omitted|repealed|rep|deleted)\W*", toc_heading, re.I)
    if listed and not inline:
        # The Act prints no heading in its text (the Constitution's are marginal notes): take the listed one.
        c.heading, c.head_kind, c.toc_match = _clean_heading(toc_heading), "listed", True
        return
    if toc_heading and not re.fullmatch(r"\W*(?:omitted|repealed|rep|deleted)\W*", toc_heading, re.I):
        found = _match_toc_heading(text, skip, toc_heading)
        first_note = re.split(r"(?<=[a-z])\.\s+(?=[A-Z])", toc_heading)[0]
        if found is None and first_note != toc_heading:
            found = _match_toc_heading(text, skip, first_note)  # contents adding the sub-notes of a section
        if found is not None and found[1] <= line_end + 1:
            begin, end = found
            begin = j if not re.search(r"\w", text[j:begin].replace("(1)", "")) else begin
            c.toc_match = True
            rest = text[end:line_end]
            dash = _HEAD_DASH.search(rest, 0, 80)
            stop = _HEAD_STOP.search(rest[:80])
            cut = min((x for x in (dash, stop) if x), key=lambda x: x.start(), default=None)
            if cut and cut.start() <= 60 and not re.search(r"\(\w{1,4}\)", rest[:cut.start()]):
                _set_heading(text, c, begin, end + cut.start(), end + cut.end(), "toc")
            else:
                _set_heading(text, c, begin, end, end, "toc")
            return
    if not inline:
        return
    line = text[j:line_end]
    stops = []
    dash = _HEAD_DASH.search(line)
    if dash and 2 <= dash.start() <= 300:
        stops.append((dash.start(), dash.end(), "dash"))
    colon = re.search(r"[ \t]*:[ \t]*(?=[A-Z(“\"\[]|$)", line)
    if colon and 3 <= colon.start() <= 250:
        stops.append((colon.start(), colon.end(), "colon"))
    gone = _HEAD_GONE.search(line)
    if gone and 3 <= gone.start() <= 250:
        stops.append((gone.start(), gone.end(), "status"))
    if stops:
        at, to, kind = min(stops)
        _set_heading(text, c, j, j + at, j + to, kind)
        if c.heading:
            return
    if line_end < limit and len(line) <= 200 and _ENUM_NEXT.match(text, line_end + 1):
        _set_heading(text, c, j, line_end, line_end, "line")
        return
    for dot in re.finditer(r"\.[ \t]+(?=[A-Z“\"(\[])", line):
        if dot.start() > 300:
            break
        if len(_WORD.findall(line[:dot.start()])) >= 2 and not _ABBREV.search(line[:dot.start()]):
            _set_heading(text, c, j, j + dot.start(), j + dot.end(), "dot")
            return


def _set_heading(text: str, c: _Cand, start: int, end: int, body: int, kind: str) -> None:
    heading = _clean_heading(text[start:end])
    if heading.count("“") > heading.count("”") and text[end:end + 3].lstrip(" .").startswith("”"):
        heading += "”"
    if not heading or len(heading) > 400:
        return
    c.heading, c.head_kind = heading, kind
    c.body = _HEAD_SKIP.match(text, body).end()
    c.status = _status_at(text, c.body)


def _status_at(text: str, pos: int) -> str:
    """``omitted``/``repealed`` when the text at ``pos`` says so ("[Omitted]", "Rep. by ...", "* * *")."""
    lead = re.compile(r"(?:[ \t\n]*\d{1,3}[ \t]*\n|[ \t\n]*\[\d{1,3}\])*[ \t\n]*").match(text, pos)
    pos = lead.end()
    m = _STATUS_WORD.match(text, pos)
    if not m:
        return "in_force"
    return "repealed" if m.group("rep") else "omitted"


_HEAD_WEIGHT = {"dash": 2.0, "colon": 2.0, "line": 1.5, "toc": 2.0, "status": 2.0, "dot": 1.0}


def _candidate(text: str, m: re.Match[str], num_start: int, regex: re.Pattern[str], strong: bool,
               is_paren: bool, toc: dict[str, str], inline: bool, end: int) -> _Cand | None:
    """One possible section start, with its heading and its weight in the choice of the sequence."""
    parsed = _parse_number(text, num_start, m.end("num"), paren=is_paren)
    if not parsed:
        return None
    label, key, range_end, content, sep = parsed
    weak = not strong or is_paren or sep in ("none", ",")
    if weak and key not in toc:
        return None
    pos = m.start("ob") if m.group("ob") else (m.start("par") if is_paren else num_start)
    if regex is _SEC_LINE:
        pos = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
    c = _Cand(pos=pos, key=key, label=label, range_end=range_end, content=content,
              strong=strong and not is_paren)
    _heading_for(text, c, min(end, content + 1200), toc.get(key), inline)
    vouched = c.toc_match or (c.head_kind == "status" and key in toc) or (
        bool(m.group("ob")) and c.head_kind in ("dash", "status"))
    if weak and not vouched:
        return None
    c.weight = 1.0 + (1.0 if c.strong else 0.0)
    c.weight += _HEAD_WEIGHT.get(c.head_kind, 0.0)
    c.weight += (1.0 if key in toc else 0.0) + (3.0 if c.toc_match else 0.0)
    return c


def _candidates(text: str, start: int, end: int, contents: _Contents | None, inline: bool) -> list[_Cand]:
    """Every place a section might begin, with its heading and weight (stage 3)."""
    toc = contents.headings if contents else {}
    out: list[_Cand] = []
    seen: set[int] = set()
    forms = ((_SEC_LINE, True, False), (_SEC_PAREN, False, True), (_SEC_MID, False, None))
    for regex, strong, paren in forms:
        if regex is _SEC_MID and not toc:
            continue
        for m in regex.finditer(text, start, end):
            if m.start("num") in seen:
                continue
            seen.add(m.start("num"))
            is_paren = bool(paren or (paren is None and m.group("par")))
            num = m.group("num")
            # A footnote marker glued to the number ("1366." is marker 1 and section 366): try both readings.
            cuts = [] if len(num) == 4 else [0]
            if toc and regex is _SEC_LINE and len(num) >= 2:
                cuts += [k for k in (1, 2) if k < len(num) and num[k] != "0" and num[k:] in toc]
            for cut in cuts:
                c = _candidate(text, m, m.start("num") + cut, regex, strong, is_paren, toc, inline, end)
                if c is None:
                    continue
                if cut:
                    c.weight -= 0.5
                    c.glued = (m.start("num"), num[:cut])
                elif toc and c.key not in toc and c.head_kind not in _HEAD_WEIGHT:
                    continue  # not listed and no heading: a numbered item, not a section
                out.append(c)
    out.sort(key=lambda c: c.pos)
    return out


def _best_chain(cands: list[_Cand]) -> list[_Cand]:
    """The heaviest run of candidates whose numbers increase in text order (a Fenwick tree: n log n)."""
    if not cands:
        return []
    orders = sorted({c.order for c in cands})
    rank = {o: i + 1 for i, o in enumerate(orders)}
    size = len(orders)
    tree_val = [0.0] * (size + 1)
    tree_idx = [-1] * (size + 1)
    best = [0.0] * len(cands)
    prev = [-1] * len(cands)
    for i, c in enumerate(cands):
        r = rank[c.order]
        value, idx, x = 0.0, -1, r - 1
        while x > 0:
            if tree_val[x] > value:
                value, idx = tree_val[x], tree_idx[x]
            x -= x & -x
        best[i], prev[i] = value + c.weight, idx
        x = r
        while x <= size:
            if best[i] > tree_val[x]:
                tree_val[x], tree_idx[x] = best[i], i
            x += x & -x
    i = max(range(len(cands)), key=best.__getitem__)
    chain = []
    while i >= 0:
        chain.append(cands[i])
        i = prev[i]
    chain.reverse()
    # A number printed twice in a row, both times as a proper section ("22. ... 22. ..."), is kept.
    chosen = {id(c) for c in chain}
    positions = [c.pos for c in chain]
    extra = []
    for d in cands:
        proper = d.strong and d.weight >= 4 and d.head_kind in ("dash", "colon", "toc", "dot")
        if id(d) in chosen or not proper:
            continue
        k = bisect.bisect_left(positions, d.pos) - 1
        if k >= 0 and chain[k].key == d.key and (not extra or extra[-1].key != d.key):
            extra.append(d)
    return sorted(chain + extra, key=lambda c: c.pos)


# --------------------------------------------------------------------------- stage 4: divisions

_DIVISION = re.compile(
    r"^[ \t]*(?:\d{1,3}[ \t]*\n[ \t]*)?(?:\[\d{1,3}\][ \t]*)*\[?[ \t]*(?P<w>CHAPTER|PART)\b"
    r"[ \t]*[-–—.:]?[ \t]*"
    r"(?P<num>[IVXLC]+|\d{1,2})(?:[ \t]*-?[ \t]*(?P<suf>[A-Z])\b)?(?![A-Za-z\d])(?P<rest>[^\n]*)$",
    re.M,
)
_SCHEDULE = re.compile(
    r"^[ \t]*(?:\d{1,3}[ \t]*\n[ \t]*)?(?:\[\d{1,3}\][ \t]*)*\[?\*?[ \t]*(?:THE[ \t]+)?"
    r"(?:(?P<ord>FIRST|SECOND|THIRD|FOURTH|FIFTH|SIXTH|SEVENTH|EIGHTH|NINTH|TENTH|ELEVENTH|TWELFTH)[ \t]+)?"
    r"(?P<w>SCHEDULE|ANNEX|ANNEXURE|APPENDIX)\b[ \t]*[-–—.:]*[ \t]*(?P<rn>[IVX]{1,5}\b|\d{1,2}\b)?"
    r"(?P<rest>[^\n]*)$",
    re.M,
)
_STATE_AMENDMENT = re.compile(r"^[ \t]*STATE AMENDMENTS?\b", re.M)
_REFERENCE_LINE = re.compile(r"[ \t]*[\[(][ \t]*(?:See|Article|Section|Art\.|Sec\.)", re.I)


@dataclass
class _Event:
    pos: int
    kind: str  # part | chapter | section | schedule
    cand: _Cand | None = None
    label: str = ""
    number_key: str | None = None
    path_key: str = ""
    heading: str | None = None
    head_end: int = 0
    status: str = "in_force"


def _title_lines(text: str, pos: int, limit: int) -> tuple[str | None, int]:
    """A division's title from the lines after its heading line: (title, end offset)."""
    lines = []
    end = pos
    while len(lines) < 3 and pos < limit:
        nl = text.find("\n", pos, limit)
        nl = limit if nl < 0 else nl
        line = text[pos:nl].strip()
        if not line:
            pos = nl + 1
            continue
        letters = re.sub(r"[^A-Za-z]", "", line)
        if (not letters or line[0].isdigit() or line.startswith(("(", "[", "*")) or _SEC_LINE.match(line)
                or _DIVISION.match(line) or re.match(r"(?i)preamble\b|whereas\b", line)):
            break
        if letters.isupper() and len(line) <= 150:
            lines.append(line)
            end, pos = nl, nl + 1
            continue
        sentence = line.endswith((";", ",")) or re.search(r"\.\s+\S", line)
        if not lines and len(line) <= 100 and not sentence:
            lines.append(line)
            end = nl
        break
    return (re.sub(r"\s+", " ", " ".join(lines)).strip(" .:-–—") or None), end


_DIVISION_MID = re.compile(
    r"(?<=[a-z\)])[ \t]+(?P<w>CHAPTER|PART)[ \t]+(?P<num>[IVXLC]+|\d{1,2})(?![a-z\d])"
    r"(?:[ \t]*-?[ \t]*(?P<suf>[A-Z])\b)?"
    r"(?=\.?[ \t]*[—–])(?P<rest>[^\n]*)$",
    re.M,
)


def _division_events(text: str, start: int, end: int) -> list[_Event]:
    events = []
    matches = list(_DIVISION.finditer(text, start, end)) + list(_DIVISION_MID.finditer(text, start, end))
    for m in sorted(matches, key=lambda m: m.start()):
        num, suf = m.group("num"), m.group("suf") or ""
        if suf and not num.isdigit() and roman_to_int(num + suf):
            num, suf = num + suf, ""  # "PART I V" is PART IV
        if num.isdigit():
            value, extra = int(num), suf
        else:
            split = _split_roman(num)
            if split is None:
                continue
            value, extra = split[0], split[1] + suf
        label = (num + (" " + suf if suf and re.search(r"[ \t]" + suf + r"\b", m.group(0)) else suf)).strip()
        rest = m.group("rest").strip()
        rest = re.sub(r"^[\s.:\-–—]+", "", rest).strip()
        if rest and (len(rest) > 150 or re.match(r"(?:of|to|in)\b", rest)):
            continue  # "PART I of the First Schedule ..." is a reference, not a heading
        heading, head_end = (rest or None), m.end()
        tail = re.match(r"\n[ \t]*\[[^\]\n]{2,80}\][ \t]*(?=\n|$)", text[m.end():m.end() + 90])
        marker_ends = heading and re.search(r"(?:^|\s)\d{1,3}$", heading)
        if marker_ends and tail and not re.search(r"[a-z]", tail.group()):
            # "CHAPTER 2.–THE 3\n[MAJLIS-E-SHOORA (PARLIAMENT)]": a footnote marker breaks the line.
            head_end = m.end() + tail.end()
            heading = re.sub(r"^[\s.:\-–—]+", "", text[m.start("rest"):head_end]).strip()
        if heading and heading.isupper() and head_end == m.end():
            more, more_end = _title_lines(text, m.end() + 1, min(end, m.end() + 300))
            if more and more.isupper() and more_end > m.end():
                heading, head_end = f"{heading} {more}", more_end
        if not heading or re.fullmatch(r"[\]\W]*", heading):
            heading, head_end = _title_lines(text, m.end() + 1, min(end, m.end() + 600))
            head_end = max(head_end, m.end())
        if heading:
            heading = re.sub(r"\s+\d{1,3}$", "", heading)
            inner = re.search(r"\s(?=(?:CHAPTER|PART)\s+(?:\d{1,2}|[IVXLC]+)\b)", heading)
            if inner:  # "Relations Between Federation and Provinces CHAPTER 1.—..." (two headings joined)
                heading = heading[:inner.start()]
                cut = re.search(r"\s(?:CHAPTER|PART)\s+(?:\d{1,2}|[IVXLC]+)\b", text[m.end():head_end])
                head_end = m.end() + cut.start() if cut else head_end
        kind = "part" if m.group("w") == "PART" else "chapter"
        pos = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        events.append(_Event(pos=pos, kind=kind, label=label, number_key=fold_label(label).upper(),
                             path_key=f"{value}{extra.upper()}", head_end=head_end,
                             heading=_clean_heading(heading) if heading else None))
    return events


def _schedule_events(text: str, start: int, end: int) -> list[_Event]:
    events = []
    for m in _SCHEDULE.finditer(text, start, end):
        line = m.group(0).strip()
        if len(line) > 120 or re.search(r"[a-z]{3}", line.split("SCHEDULE")[0] if "SCHEDULE" in line else ""):
            continue
        word = m.group("w")
        if m.group("ord"):
            number, label = _ORDINALS[m.group("ord")], m.group("ord").title()
        elif m.group("rn"):
            rn = m.group("rn")
            number = int(rn) if rn.isdigit() else (roman_to_int(rn) or 0)
            label = rn
        else:
            number, label = 0, ""
        rest = re.sub(r"^[\s.:\-–—\]]+", "", m.group("rest")).strip()
        status = "omitted" if re.search(r"(?i)\bomitted\b", rest) else (
            "repealed" if re.search(r"(?i)\brep(?:\.|ealed)", rest) else "in_force")
        heading = _clean_heading(rest) if rest else None
        head_end = m.end()
        if not heading:
            pos = m.end() + 1
            for _ in range(3):
                nl = text.find("\n", pos, end)
                nl = end if nl < 0 else nl
                line = text[pos:nl].strip()
                if (line and not _REFERENCE_LINE.match(line) and len(line) <= 150
                        and len(re.findall(r"[A-Za-z]", line)) >= 3):
                    heading = _clean_heading(line.strip("()[]")) or None
                    head_end = nl
                    break
                pos = nl + 1
        if status == "in_force" and heading:
            status = "omitted" if re.search(r"(?i)\bomitted\b", heading) else (
                "repealed" if re.search(r"(?i)\brep(?:\.|ealed)", heading) else "in_force")
        kind_word = "annex" if word.startswith(("ANNEX", "APPENDIX")) else "sch"
        pos = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        events.append(_Event(pos=pos, kind="schedule", label=label or word.title(),
                             number_key=str(number) if number else None,
                             path_key=f"sch{number or 1}" if kind_word == "sch" else "annex",
                             heading=heading, head_end=head_end, status=status))
    return events


# --------------------------------------------------------------------------- stage 4b: inside a section

_ENUM = re.compile(
    r"[ \t]*(?:\d{1,3}[ \t]*(?=\[))?\[?[ \t]*"
    r"(?:\((?P<p>\d{1,3}[A-Za-z]{0,2}(?:-[A-Za-z]{1,2})?|[a-z]{1,8}(?:-[a-z]{1,2})?|[A-Z]{1,4})\)"
    r"|(?P<q>\d{1,2}|[a-z]{1,2}|[ivx]{1,5})[).](?=[ \t]))"
)
_PROVISO = re.compile(r"[ \t]*(?:\d{1,3}[ \t]*(?=\[))?\[?[ \t]*(?:Provided\b|Proviso\b)")
_EXPLANATION = re.compile(
    r"[ \t]*(?:\d{1,3}[ \t]*(?=\[))?\[?[ \t]*(?P<kw>Explanation|Exception)s?\b[ \t]*"
    r"(?P<n>[IVX]{1,4}\b|\d{1,2}\b)?"
)
_ILLUSTRATION = re.compile(r"[ \t]*(?:\d{1,3}[ \t]*(?=\[))?\[?[ \t]*(?P<kw>Illustrations?)\b")
_REFERENCE_WORDS = {
    "section", "sections", "sub-section", "subsection", "sub-sections", "clause", "clauses", "sub-clause",
    "sub-clauses", "paragraph", "paragraphs", "sub-paragraph", "article", "articles", "rule", "rules",
    "chapter", "item", "s", "ss", "under", "of",
}
_ALPHA_OK = re.compile(r"[a-z]|([a-z])\1|[a-z]-[a-z]{1,2}|[a-z]{1,2}-[a-z]")
_AMBIGUOUS = set("ivxlcdm")


def _enum_types(label: str) -> list[str]:
    if label[0].isdigit():
        return ["num"]
    if label.isupper():
        if roman_to_int(label) and len(label) > 1:
            return ["ROMAN"]
        return ["ALPHA", "ROMAN"] if label.lower() in _AMBIGUOUS else ["ALPHA"]
    types = []
    roman = roman_to_int(label) or (len(label) > 1 and roman_to_int(label[:-1]))
    if _ALPHA_OK.fullmatch(label):
        types.append("alpha")
    if roman:
        types.append("roman")
    return types


def _ordinal(label: str, kind: str) -> tuple[int, str]:
    label = label.lower()
    if kind == "num":
        m = re.match(r"(\d+)-?([a-z]*)", label)
        return (int(m.group(1)), m.group(2)) if m else (0, "")
    if kind in ("roman", "ROMAN"):
        value = roman_to_int(label)
        if value:
            return value, ""
        return roman_to_int(label[:-1]) or 0, label[-1]
    if len(label) == 2 and label[0] == label[1]:
        return 26 + ord(label[0]) - ord("a"), ""
    m = re.match(r"([a-z]{1,2})-?([a-z]*)", label)
    base = m.group(1) if m else label
    value = ord(base[0]) - ord("a") if len(base) == 1 else 26 + ord(base[0]) - ord("a")
    return value, (m.group(2) if m else "")


_SIDE_KINDS = {"proviso", "explanation", "exception", "illustration"}
#: Deepest nesting inside a section (subsection, clause, sub-clause, proviso, its clauses ...).
_MAX_DEPTH = 8
_KIND_OF_TYPE = {"num": "subsection", "alpha": "clause", "ALPHA": "clause", "roman": "subclause",
                 "ROMAN": "subclause"}


@dataclass
class _Level:
    type: str
    ordinal: tuple[int, str]
    node: _Built


@dataclass
class _Built:
    """A node while it is built, with its linear extent."""

    node: ProvisionNode
    start: int
    end: int = 0
    #: Where the node's reach ends for markers (a chapter's runs to the next chapter).
    extent: int = 0
    label_end: int = 0
    parent: _Built | None = None
    children: list[_Built] = field(default_factory=list)
    counters: Counter = field(default_factory=Counter)


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([A-Za-z\-]+)[ \t]*\n?[ \t]*$", text[max(0, pos - 40):pos])
    return m.group(1).lower() if m else ""


def _back_over_marker(text: str, pos: int, floor: int) -> int:
    """Move a node start back over a footnote marker printed just before it ("1\\n[22A." or "... 1\\n[")."""
    base = max(floor, pos - 12)
    m = re.search(r"(?<!\S)(\d{1,3})[ \t]*\n[ \t]*$", text[base:pos])
    return base + m.start(1) if m else pos


def _parse_inside(text: str, sec: _Built, content: int, end: int, make: Any) -> None:
    """Subsections, clauses, sub-clauses, provisos and explanations of one section."""
    levels: list[_Level] = []
    illustrating = False
    positions = [content] if content < end else []
    pos = text.find("\n", content, end)
    while 0 <= pos < end:
        positions.append(pos + 1)
        pos = text.find("\n", pos + 1, end)
    for line_start in positions:
        if line_start >= end:
            break
        first = line_start == content
        prov = _PROVISO.match(text, line_start)
        expl = _EXPLANATION.match(text, line_start)
        illu = _ILLUSTRATION.match(text, line_start)
        if prov or expl or illu:
            kind_kw = "proviso" if prov else ("illustration" if illu else expl.group("kw").lower())
            # "Explanation.—", "Explanation 2.", "Explanation\n__"; not a sentence "Explanation of ...".
            after = text[expl.end():expl.end() + 3] if expl else ""
            if expl and not expl.group("n") and not re.match(r"[ \t]*(?:[.:\-–—_]|\n)", after):
                continue
            # A proviso or explanation belongs to the subsection it follows (or to the section). The lists
            # above it stay open: "(vi)" after a proviso to "(v)" goes on with them; "(a)" starts its own.
            while levels and levels[-1].type in _SIDE_KINDS:
                levels.pop()
            anchor = next((level for level in reversed(levels) if level.type == "num"), None)
            parent = anchor.node if anchor else sec
            letter = {"proviso": "p", "explanation": "e", "exception": "x", "illustration": "ill"}[kind_kw]
            parent.counters[letter] += 1
            n = parent.counters[letter]
            if prov:
                label = "Proviso" if n == 1 else f"Proviso {n}"
                key = str(n)
            elif illu:
                label, key = illu.group("kw"), str(n)
            else:
                number = expl.group("n")
                label = expl.group("kw") + (f" {number}" if number else "")
                key = number or str(n)
                if number and number.isdigit():
                    n = int(number)
            start = _back_over_marker(text, line_start + len(text[line_start:line_start + 8]) -
                                      len(text[line_start:line_start + 8].lstrip()), content)
            kind = "proviso" if prov else "explanation"
            head = (prov or expl or illu).end()
            head = re.compile(r"[ \t]*[.:;\-–—_]*[ \t]*").match(text, head).end()
            child = make(parent, kind, label, key, f"{letter}{n}", start, label_end=head)
            levels.append(_Level(type=kind_kw, ordinal=(0, ""), node=child))
            illustrating = bool(illu)
            continue
        m = _ENUM.match(text, line_start)
        if not m:
            continue
        label = m.group("p") or m.group("q")
        if not first and _prev_word(text, line_start) in _REFERENCE_WORDS:
            continue
        types = _enum_types(label)
        if not types:
            continue
        if illustrating and "num" not in types:
            continue
        illustrating = False
        chosen = None
        for depth in range(len(levels) - 1, -1, -1):
            level = levels[depth]
            if level.type not in types:
                continue
            o = _ordinal(label, level.type)
            if len(types) > 1:
                # "(i)" after "(h)" goes on the letters, "(c)" after "(ii)" too: an ambiguous label continues
                # a list only as the very next item (or a lettered variant of the last: "(xxva)").
                last = level.ordinal
                if not ((o[0] == last[0] + 1 and not o[1]) or (o[0] == last[0] and o[1] > last[1])):
                    continue
                ok = True
            else:
                ok = o > level.ordinal or (o == level.ordinal and bool(o[1]))
            if ok:
                chosen = (depth, level.type, o)
            break
        if chosen is None:
            if len(types) > 1:
                kind_type = "roman" if label in ("i", "I") or len(label) > 1 else types[0]
                kind_type = kind_type if kind_type in types else types[0]
            else:
                kind_type = types[0]
            o = _ordinal(label, kind_type)
            opens_list = (kind_type != "num" and o == (0 if kind_type in ("alpha", "ALPHA") else 1, "")
                          and levels and levels[-1].type != kind_type)
            if any(level.type == kind_type for level in levels) and not opens_list:
                continue  # a same-kind item that does not go on the list: a wrapped reference, not a new item
            if len(levels) >= _MAX_DEPTH:
                continue
            parent = levels[-1].node if levels else sec
            depth = len(levels)
        else:
            depth, kind_type, o = chosen
            parent = levels[depth - 1].node if depth > 0 else sec
        del levels[depth:]
        start = line_start + len(text[line_start:m.end()]) - len(text[line_start:m.end()].lstrip())
        start = _back_over_marker(text, start, content)
        printed = text[m.start("p") - 1:m.end("p") + 1] if m.group("p") else text[m.start("q"):m.end()]
        key = fold_label(label)
        child = make(parent, _KIND_OF_TYPE[kind_type], printed.strip(), key, key, start, label_end=m.end())
        levels.append(_Level(type=kind_type, ordinal=o, node=child))


# --------------------------------------------------------------------------- stage 5: footnote markers

_REF = re.compile(
    r"\[(?P<b>\d{1,3})\]|(?<![\w.,/\-])(?P<n>\d{1,3})(?=[ \t]*\n?[ \t]*[\[*])"
    r"|(?m:^[ \t]*(?P<l>\d{1,3})[ \t]*$)"
    r"|(?m:^(?P<g>\d{1,3})(?=[A-Z][a-z]))|(?<=\])(?P<a>\d{1,3})(?![\d\]])"
    r"|\][ \t]*\n?[ \t]*(?P<c>\d{1,3})(?=[ \t]+[a-z])"
)


def _marker_refs(pages: list[str], parts: list[PageParts]) -> list[tuple[int, int, str, int]]:
    """Footnote references in the page bodies: (page index, local offset, marker, footnote page index).

    A marker counts only when its page has a footnote of that number (or, for "[5]" end notes, when the
    document has that end note), so that numbers in the text are not taken for markers.
    """
    endnotes: dict[str, int] = {}
    for i, part in enumerate(parts):
        for marker, _ in part.footnotes:
            endnotes.setdefault(marker, i)
    bracketed = any(re.search(r"\[\d{1,3}\]", pages[i][part.footnote_start:part.footnote_start + 8])
                    for i, part in enumerate(parts) if part.footnotes)
    out = []
    for i, (text, part) in enumerate(zip(pages, parts, strict=True)):
        local = {marker for marker, _ in part.footnotes}
        if not local and not bracketed:
            continue
        for m in _REF.finditer(text, part.body_start, part.body_end):
            if m.group("b"):
                if bracketed and m.group("b") in endnotes:
                    out.append((i, m.start(), m.group("b"), endnotes[m.group("b")]))
                continue
            name = next(g for g in ("n", "l", "g", "a", "c") if m.group(g))
            marker, start = m.group(name), m.start(name)
            if marker in local:
                out.append((i, start, marker, i))
    return out


# --------------------------------------------------------------------------- stage 6: the statute's facts

_CALLED = re.compile(
    r"(?:may|shall)\s+(?:be\s+)?(?:called|cited\s+as)\s+(?:the\s+)?(?P<name>[^;]{3,160}?)"
    r"(?=\s*(?:;|\.\s|\.$|,\s+and\s|\s+and\s+it\s|\s+and\s+shall\s|$))"
)
_KNOWN_AS = re.compile(
    r"This Constitution (?:shall|may) be (?:known as|called)\s+(?:the\s+)?(?P<name>[^.;]{3,120})"
)
_ACT_NO = re.compile(
    r"(?<![A-Za-z])(?:Act|ACT|Ordinance|ORDINANCE|Order|ORDER|Regulation|REGULATION)\s*(?:No\.?|NO\.?)?\s*"
    r"(?P<n>[IVXLCDM]{1,8}|\d{1,3})\s+(?:of|OF)\s+(?P<y>1[6-9]\d\d|20\d\d)"
)
_ACT_NO_BARE = re.compile(r"\(\s*(?P<n>[IVXLCDM]{1,8}|\d{1,3})\s+(?:of|OF)\s+(?P<y>1[6-9]\d\d|20\d\d)\s*\)")
_BRACKET_DATE = re.compile(
    r"\[\s*(?P<d>\d{1,2})\s*(?:st|nd|rd|th|ST|ND|RD|TH)?\s*(?P<m>[A-Za-z]{3,9})\s*,?\s*(?P<y>1[6-9]\d\d|20\d\d)\s*\.?\s*\]"
)
_ASSENT_DATE = re.compile(
    r"assent[^.\]]{0,80}?\bon\s+(?:the\s+)?(?P<d>[0-9lI]{1,2})\s*(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?"
    r"(?P<m>[A-Za-z]{3,9}),?\s*(?P<y>1[6-9]\d\d|20\d\d)"
)
_JURISDICTIONS = [
    (r"\bPunjab\b", "PK-PB"), (r"\bSindh\b|\bSind\b", "PK-SD"),
    (r"Khyber\s+Pakhtunkhwa|N\.?W\.?F\.?P|North[- ]West\s+Frontier", "PK-KP"),
    (r"\bBaluchistan\b|\bBalochistan\b", "PK-BA"),
    (r"Islamabad\s+Capital\s+Territory", "PK-IS"), (r"Gilgit", "PK-GB"), (r"Azad\s+Jammu|\bAJ&?K\b", "PK-JK"),
    (r"\bIndian?\b", "IN"),
]
_SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "to", "a", "an", "or", "by", "with"}


def _title_case(text: str) -> str:
    words = re.sub(r"\s+", " ", text).strip().split(" ")
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        out.append(lw if i and lw in _SMALL_WORDS else (w[:1].upper() + w[1:].lower() if w.isupper() else w))
    return " ".join(out)


def _make_date(day: str, month: str, year: str) -> date | None:
    number = _MONTHS.get(month.lower())
    if not number:
        return None
    try:
        return date(int(year), number, int(day.replace("l", "1").replace("I", "1")))
    except ValueError:
        return None


_FactsTuple = tuple[str, str, str, str | None, int | None, str, date | None]


def _statute_facts(front: str, title_page: str, first_section_text: str, all_text: str) -> _FactsTuple:
    """(title, short title, kind, Act number, year, jurisdiction, date) from the title block and section 1.

    ``front`` is the text between the contents and the first division or section (title, Act number,
    date, preamble); ``title_page`` what comes before the contents.
    """
    name = None
    for source in (first_section_text, all_text):
        m = _CALLED.search(source) if source is first_section_text else _KNOWN_AS.search(source)
        if m:
            name = m.group("name")
            break
    if name:
        name = _clean_heading(name)
        name = re.sub(r"\s*\(.*?\)\s*$", "", name) if re.search(r"\(\s*(?:Act|[IVXLC]+)\b", name) else name
    head = re.sub(r"^\W+", "", front.strip().split("\n")[0]) if front.strip() else ""
    if not name:
        lines = [ln.strip() for ln in (front or title_page).split("\n") if ln.strip()][:4]
        caps = []
        for ln in lines:
            if ln.isupper() and not re.search(r"\bNO\.|^\(|^\[", ln):
                caps.append(ln)
            elif caps:
                break
        name = _title_case(re.sub(r"^THE\s+", "", " ".join(caps))) if caps else (head or "Untitled statute")
        name = re.sub(r"\[\d+\]|\d+$", "", name).strip()
    search_zone = front
    whereas = re.search(r"(?i)\bwhere\s?as\b|\bpreamble\b", front)
    if whereas:
        search_zone = front[:whereas.start()]
    act_number = year = None
    name_year = re.search(r"\b(1[6-9]\d\d|20\d\d)\b", name)
    for zone in (search_zone, title_page):
        for regex in (_ACT_NO, _ACT_NO_BARE):
            m = regex.search(zone)
            if m and (not name_year or m.group("y") == name_year.group(1)):
                n = m.group("n")
                act_number = f"{n.upper() if not n.isdigit() else n} of {m.group('y')}"
                break
        if act_number:
            break
    if name_year:
        year = int(name_year.group(1))
    elif act_number:
        year = int(act_number[-4:])
    enacted = None
    m = _BRACKET_DATE.search(search_zone) or _ASSENT_DATE.search(front)
    if m:
        enacted = _make_date(m.group("d"), m.group("m"), m.group("y"))
    if year is None and enacted:
        year = enacted.year
    short = name if (name_year or not year) else f"{name}, {year}"
    title = short if short.lower().startswith("the ") else f"The {short}"
    if re.search(r"\bConstitution\b", short):
        kind = "constitution"
    elif re.search(r"\bCode\b", short):
        kind = "code"
    elif re.search(r"\bOrdinance\b", short):
        kind = "ordinance"
    elif re.search(r"\bRules\b", short):
        kind = "rules"
    elif re.search(r"\bRegulations?\b", short):
        kind = "regulations"
    elif re.search(r"\bOrder\b", short):
        kind = "order"
    elif re.search(r"\bAct\b", short):
        kind = "act"
    else:
        kind = "other"
    jurisdiction = "PK"
    for pattern, code in _JURISDICTIONS:
        if re.search(pattern, short):
            jurisdiction = code
            break
    if jurisdiction == "PK" and re.search(r"\b(?:Pb|Punjab)\.?\s+Act\b", search_zone):
        jurisdiction = "PK-PB"
    return title, short, kind, act_number, year, jurisdiction, enacted


# --------------------------------------------------------------------------- the whole parse

def _cut_marginal_notes(pages: list[str], parts: list[PageParts], contents: _Contents,
                        first_page: int) -> bool:
    """Cut side-column marginal notes printed after each page's text (the Constitution). True if any."""
    runs = {i: _marginal_run(pages[i], parts[i]) for i in range(first_page, len(pages))}
    with_notes = sum(len(r) >= 3 for r in runs.values())
    if not runs or with_notes < max(3, 0.25 * len(runs)):
        return False
    start_re = re.compile(r"^[ \t]*(?:\d{1,3}[ \t]*\n[ \t]*)?\[?(\d{1,3}[A-Z]{0,3})\.[ \t]", re.M)
    for i, run in runs.items():
        if not run:
            continue
        text, part = pages[i], parts[i]
        cut = run[0][0]
        run_words = _norm_words(" ".join(text[s:e] for s, e in run))
        before = text[part.body_start:cut].rstrip()
        last_nl = before.rfind("\n") + 1
        last_line = before[last_nl:]
        last_words = _norm_words(last_line)
        keys = [m.group(1) for m in start_re.finditer(text, part.body_start, cut)]
        for key in keys:
            words = _norm_words(contents.headings.get(key, ""))
            done = False
            for k in range(1, min(7, len(words))):
                head = words[k:k + 2]
                if (run_words[:len(head)] == head and len(last_words) > k
                        and all(_similar(a, b) for a, b in zip(last_words[-k:], words[:k], strict=True))):
                    tail = re.search(r"(?:\s*\S+){" + str(k) + r"}\s*$", last_line)
                    if tail:
                        cut = part.body_start + last_nl + tail.start()
                        done = True
                    break
            if done:
                break
        part.body_end = max(part.body_start, len(text[:cut].rstrip()))
        # Notes printed below the footnotes belong to no footnote.
        if part.footnotes:
            tail_run = []
            for s, e in reversed(_lines(text)):
                line = text[s:e].strip()
                if s <= part.footnote_start or not line:
                    if not line:
                        continue
                    break
                if len(line) <= 23 and _MARGINAL_LINE.fullmatch(line):
                    tail_run.append(s)
                else:
                    break
            if len(tail_run) >= 2:
                part.footnotes = _split_footnotes(text[part.footnote_start:min(tail_run)])
    return True


def _empty(warnings: list[str]) -> StatuteFacts:
    return StatuteFacts(title="", short_title="", kind="other", act_number=None, year=None, jurisdiction="PK",
                        enacted_date=None, provisions=[], footnotes={}, warnings=warnings)


def parse_statute(pages: Sequence[str]) -> StatuteFacts:
    """The structure and facts of one statute from its cleaned page texts (see the module doc)."""
    pages = [p if isinstance(p, str) else "" for p in pages]
    warnings: list[str] = []
    if not any(p.strip() for p in pages):
        warnings.append("no page has any text (a scanned statute needs OCR first): no provisions found")
        return _empty(warnings)
    parts = [split_page(t) for t in pages]
    keys = _furniture_keys(pages, parts)
    for text, part in zip(pages, parts, strict=True):
        _cut_furniture(text, part, keys)
    lin = _Linear(pages, parts)
    contents = find_contents(lin.text, lin.starts)
    if contents:
        first_page = lin.page_index(contents.end) + 1
        if _cut_marginal_notes(pages, parts, contents, first_page):
            lin = _Linear(pages, parts)
            contents = find_contents(lin.text, lin.starts)
    text = lin.text
    body_start = contents.end if contents else 0

    cands = _candidates(text, body_start, len(text), contents, inline=True)
    chain = _best_chain(cands)
    if contents:
        # Most units print the heading their contents list, or none do (the Constitution: its headings are
        # side notes), and then the listed heading is the unit's heading.
        listed = [c for c in chain if c.key in contents.headings]
        if listed and sum(c.toc_match for c in listed) < 0.5 * len(listed):
            cands = _candidates(text, body_start, len(text), contents, inline=False)
            chain = _best_chain(cands)
    schedules = _schedule_events(text, body_start, len(text))
    sched_start = len(text)
    if chain:
        anchor = chain[-1].pos
        if contents and contents.order:
            last_listed = [c.pos for c in chain if c.key == contents.order[-1]]
            anchor = last_listed[-1] if last_listed else anchor
        later = [ev.pos for ev in schedules if ev.pos > anchor]
        sched_start = later[0] if later else len(text)
        chain = _best_chain([c for c in cands if c.pos < sched_start])
    schedules = [ev for ev in schedules if ev.pos >= sched_start]
    amendments = [m.start() for m in _STATE_AMENDMENT.finditer(text, body_start)]
    if amendments and contents:
        chain = _outside_state_amendments(chain, amendments, contents)
    if not chain:
        warnings.append("no section or article found in the text")
    first_pos = chain[0].pos if chain else sched_start
    divisions = _division_events(text, body_start, sched_start)
    front_divs = [d for d in divisions if d.pos < first_pos]
    divisions = [d for d in divisions if d.pos >= first_pos]
    for kind in ("part", "chapter"):
        last = [d for d in front_divs if d.kind == kind]
        if last and last[-1].path_key.startswith("1"):
            divisions.append(last[-1])
    divisions.sort(key=lambda d: d.pos)

    # Facts first: they decide whether the units are sections, articles or rules.
    front_end = min([first_pos] + [d.pos for d in divisions])
    front = text[body_start:front_end]
    title_page = text[:contents.start] if contents else text[:3000]
    one = next((c for c in chain if c.key == "1"), None)
    one_text = text[one.pos:one.pos + 1500] if one else ""
    title, short, kind, act_number, year, jurisdiction, enacted = _statute_facts(
        front, title_page, one_text, text[body_start:])
    unit, prefix = {"constitution": ("article", "a"), "order": ("article", "a"), "rules": ("rule", "r"),
                    "regulations": ("rule", "r")}.get(kind, ("section", "s"))

    builder = _TreeBuilder(text, lin)
    preamble = re.compile(r"^[^\n]*?\b(?:Preamble\b|WHEREAS\b|Whereas\b|Where as\b)", re.M).search(
        text, body_start, first_pos)
    if preamble:
        after = [d.pos for d in divisions if d.pos > preamble.start()] + [first_pos]
        pre_end = min(after)
        builder.root("preamble", "Preamble", None, "pre", None, preamble.start(), pre_end, pre_end)

    floor = body_start
    for c in chain:
        c.pos = _back_over_marker(text, c.pos, floor)
        floor = c.pos + 1
    for d in divisions:
        d.pos = _back_over_marker(text, d.pos, body_start)
    events: list[_Event] = list(divisions)
    events += [_Event(pos=c.pos, kind="section", cand=c) for c in chain]
    events += schedules
    events.sort(key=lambda e: e.pos)
    nested = _chapters_nest(events)
    part: _Built | None = None
    chapter: _Built | None = None
    for n, ev in enumerate(events):
        nxt = events[n + 1].pos if n + 1 < len(events) else len(text)
        if ev.kind == "part":
            later = [e.pos for e in events[n + 1:] if e.kind in ("part", "schedule")]
            part = builder.root("part", ev.label, ev.number_key, f"pt{ev.path_key}", ev.heading, ev.pos,
                                ev.head_end, later[0] if later else sched_start)
            chapter = None
        elif ev.kind == "chapter":
            later = [e.pos for e in events[n + 1:] if e.kind in ("part", "chapter", "schedule")]
            path = f"{part.node.path}/ch{ev.path_key}" if (nested and part) else f"ch{ev.path_key}"
            chapter = builder.add(part, "chapter", ev.label, ev.number_key, path, ev.heading, ev.pos,
                                  ev.head_end, later[0] if later else sched_start)
        elif ev.kind == "schedule":
            later = [e.pos for e in events[n + 1:] if e.kind == "schedule"]
            end = later[0] if later else len(text)
            built = builder.root("schedule", ev.label, ev.number_key, ev.path_key, ev.heading, ev.pos, end,
                                 end)
            built.node.status = ev.status
            part = chapter = None
        else:
            c = ev.cand
            cut = [a for a in amendments if c.pos < a < nxt]
            end = cut[0] if cut else min(nxt, sched_start)
            parent = chapter or part
            keys_here = ([str(k) for k in range(int(c.key), int(c.range_end) + 1)]
                         if c.range_end and int(c.range_end) - int(c.key) <= 80 else [c.key])
            for key in keys_here:
                label = c.label if len(keys_here) == 1 else key
                folded = fold_label(key)
                sec = builder.add(parent, unit, label, folded, f"{prefix}{folded}", c.heading, c.pos, end,
                                  end)
                sec.node.status = c.status if c.status != "in_force" else _status_at(text, c.body)
                if len(keys_here) == 1 and c.status == "in_force":
                    _parse_inside(text, sec, c.body, end, builder.child)
    builder.finish()
    if contents:
        _listed_status(builder, contents, unit)
    footnotes = {i + 1: list(p.footnotes) for i, p in enumerate(parts) if p.footnotes}
    glued = []
    for c in chain:
        if c.glued:
            page, local = lin.locate(c.glued[0])
            if c.glued[1] in {mk for mk, _ in parts[page - 1].footnotes}:
                glued.append((page - 1, local, c.glued[1], page - 1))
    _attach_markers(builder, pages, parts, lin, warnings, glued)
    _refine_status(builder, footnotes)
    if contents:
        found = {b.node.number_key for b in builder.all() if b.node.kind == unit}
        missing = [k for k in contents.order if fold_label(k) not in found]
        if missing:
            warnings.append(f"{len(missing)} {unit}(s) listed in the contents not found in the text: "
                            + ", ".join(missing[:20]) + (" ..." if len(missing) > 20 else ""))
    return StatuteFacts(title=title, short_title=short, kind=kind, act_number=act_number, year=year,
                        jurisdiction=jurisdiction, enacted_date=enacted,
                        provisions=[b.node for b in builder.roots], footnotes=footnotes, warnings=warnings)


def _listed_status(builder: _TreeBuilder, contents: _Contents, unit: str) -> None:
    """Short units the contents explain: "[270AAA. Validation ...]" alone is omitted when the contents say
    "[Omitted.]"; "10. [Omitted by ...]" takes the heading the contents list for it."""
    for b in builder.all():
        node = b.node
        if node.kind != unit or node.children or len(node.text) > 250:
            continue
        listed = contents.headings.get(node.number_key or "", "")
        if re.fullmatch(r"\W*(?:omitted|repealed|rep)\W*(?:by substitution\W*)?", listed, re.I):
            if node.status == "in_force":
                node.status = "repealed" if listed.lower().strip("[]. ").startswith("rep") else "omitted"
            if node.heading is None:
                m = re.match(r"\W*\d{1,3}[A-Z]{0,3}\.?\s*\[?([^\]\n]{3,200}?)\.?\]", node.text)
                node.heading = _clean_heading(m.group(1)) if m else None
        elif node.heading is None and listed and node.status != "in_force":
            listed = re.sub(r"\s*\[?\s*(?:omitted|repealed)\s*\]?\W*$", "", listed, flags=re.I)
            node.heading = _clean_heading(listed) or None


def _outside_state_amendments(chain: list[_Cand], amendments: list[int], contents: _Contents) -> list[_Cand]:
    """Drop unlisted sections printed inside "STATE AMENDMENTS" notes (the IPC's): a State's own section."""
    kept: list[_Cand] = []
    listed_pos = 0
    for c in chain:
        if c.key in contents.headings:
            listed_pos = c.pos
        elif any(listed_pos < a < c.pos for a in amendments):
            continue
        kept.append(c)
    return kept


def _chapters_nest(events: list[_Event]) -> bool:
    """Whether chapter paths need their part ("pt3/ch1"): chapter numbering starts again in a new part."""
    last: tuple[int, str] | None = None
    new_part = False
    for ev in events:
        if ev.kind == "part":
            new_part = True
        elif ev.kind == "chapter":
            key = _order_key(ev.path_key)
            if last is not None and new_part and key <= last:
                return True
            last, new_part = key, False
    return False


class _TreeBuilder:
    """Makes nodes with unique paths and, at the end, their texts and spans."""

    def __init__(self, text: str, lin: _Linear) -> None:
        self.text, self.lin = text, lin
        self.roots: list[_Built] = []
        self.paths: Counter[str] = Counter()

    def _unique(self, path: str) -> str:
        self.paths[path] += 1
        n = self.paths[path]
        return path if n == 1 else f"{path}~{n}"

    def _make(self, kind: str, label: str, key: str | None, path: str, heading: str | None, start: int,
              end: int, extent: int) -> _Built:
        node = ProvisionNode(kind=kind, label=label, number_key=key, path=self._unique(path), heading=heading,
                             text="", page_number=0, span=(0, 0))
        return _Built(node=node, start=start, end=end, extent=max(extent, end))

    def root(self, kind: str, label: str, key: str | None, path: str, heading: str | None, start: int,
             end: int, extent: int) -> _Built:
        built = self._make(kind, label, key, path, heading, start, end, extent)
        self.roots.append(built)
        return built

    def add(self, parent: _Built | None, kind: str, label: str, key: str | None, path: str,
            heading: str | None, start: int, end: int, extent: int) -> _Built:
        if parent is None:
            return self.root(kind, label, key, path, heading, start, end, extent)
        built = self._make(kind, label, key, path, heading, start, end, extent)
        built.parent = parent
        parent.children.append(built)
        return built

    def child(self, parent: _Built, kind: str, label: str, key: str | None, segment: str, start: int,
              label_end: int | None = None) -> _Built:
        built = self._make(kind, label, key, f"{parent.node.path}/{segment}", None, start, 0, 0)
        built.label_end = label_end or start
        built.parent = parent
        parent.children.append(built)
        return built

    def all(self) -> Iterator[_Built]:
        stack = list(reversed(self.roots))
        while stack:
            b = stack.pop()
            yield b
            stack.extend(reversed(b.children))

    def finish(self) -> None:
        """Ends of the nodes made inside sections, then every node's text, page and span."""
        for b in self.all():  # parents before children
            inner = [c for c in b.children if c.end == 0]
            for i, c in enumerate(inner):
                c.end = inner[i + 1].start if i + 1 < len(inner) else b.end
                c.extent = c.end
        for b in self.all():
            node = b.node
            end = max(b.start, b.end)
            node.text = self.text[b.start:end].rstrip()
            page, local = self.lin.locate(b.start)
            index = self.lin.page_index(b.start)
            stop = b.start + len(node.text)
            local_end = (self.lin.locate(stop)[1] if stop <= self.lin.ends[index]
                         else self.lin.locate(self.lin.ends[index])[1])
            node.page_number, node.span = page, (local, max(local, local_end))
            if node.kind in ("subsection", "clause", "subclause", "proviso", "explanation"):
                node.status = _status_at(self.text, b.label_end) if b.label_end > b.start else node.status
            node.children = [c.node for c in b.children]


_SECTIONISH = {"section", "article", "rule", "subsection", "clause", "subclause", "proviso", "explanation"}


def _attach_markers(builder: _TreeBuilder, pages: list[str], parts: list[PageParts], lin: _Linear,
                    warnings: list[str], extra: list[tuple[int, int, str, int]]) -> None:
    refs = _marker_refs(pages, parts) + extra
    roots = sorted(builder.roots, key=lambda b: b.start)

    def deepest(offset: int) -> _Built | None:
        level, found = roots, None
        while level:
            starts = [b.start for b in level]
            i = bisect.bisect_right(starts, offset) - 1
            # Roots may overlap (a preamble printed under the first chapter heading): look a little back.
            cand = next((level[k] for k in range(i, max(-1, i - 4), -1)
                         if level[k].start <= offset < max(level[k].extent, level[k].end)), None)
            if cand is None:
                break
            found, level = cand, sorted(cand.children, key=lambda b: b.start)
        return found

    def attach(b: _Built, page: int, marker: str) -> None:
        node = b.node
        node.footnote_markers.append(marker)
        node.footnote_refs.append((page, marker))
        up = b.parent
        while up is not None and up.node.kind in _SECTIONISH and b.node.kind in _SECTIONISH:
            up.node.footnote_markers.append(marker)
            up.node.footnote_refs.append((page, marker))
            up = up.parent

    used: dict[int, set[str]] = {}
    bracketed = False
    for page_index, local, marker, fn_page in sorted(refs, key=lambda r: (r[0], r[1])):
        offset = lin.to_linear(page_index, local)
        if offset is None:
            continue
        b = deepest(offset)
        if b is None:
            continue
        attach(b, fn_page + 1, marker)
        used.setdefault(fn_page, set()).add(marker)
        bracketed = bracketed or fn_page != page_index
    if bracketed:
        return
    for i, part in enumerate(parts):
        markers = [m for m, _ in part.footnotes if m.isdigit()]
        found = used.get(i, set())
        lowest = min((int(m) for m in found), default=10**6)
        for marker in markers:
            if marker in found:
                continue
            if int(marker) < lowest:
                # The cleaner took a lone marker at the top of the page for a page number.
                top = lin.starts[i] + len(pages[i][part.body_start:part.body_end]) - len(
                    pages[i][part.body_start:part.body_end].lstrip())
                b = deepest(top)
                if b is not None:
                    attach(b, i + 1, marker)
                    warnings.append(f"page {i + 1}: footnote {marker} has no marker in the text; attached to "
                                    f"{b.node.path} at the top of the page")
                    continue
            warnings.append(f"page {i + 1}: footnote {marker} has no marker in the text")


def _refine_status(builder: _TreeBuilder, footnotes: dict[int, list[tuple[str, str]]]) -> None:
    """An omission printed as "* * *" is a repeal when its footnote says so."""
    for b in builder.all():
        node = b.node
        if node.status != "omitted" or "*" not in node.text[:80]:
            continue
        texts = [t for page, m in node.footnote_refs for mk, t in footnotes.get(page, []) if mk == m]
        if texts and any(re.search(r"\brep(?:\.|ealed)", t, re.I) for t in texts) and not any(
                re.search(r"\bomitted\b", t, re.I) for t in texts):
            node.status = "repealed"


def iter_provisions(facts: StatuteFacts) -> Iterator[ProvisionNode]:
    """Every node of the statute's tree, depth first, in Act order."""
    stack = list(reversed(facts.provisions))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


def footnote_texts(facts: StatuteFacts, node: ProvisionNode) -> list[str]:
    """The texts of the footnotes whose markers are printed in ``node`` (its heading, text and children)."""
    out = []
    for page, marker in node.footnote_refs:
        for mk, text in facts.footnotes.get(page, []):
            if mk == marker and text not in out:
                out.append(text)
    return out


def score_provisions(facts: StatuteFacts, golden: Any) -> tuple[float, float]:
    """Precision and recall of numbers and headings against golden provisions.

    ``golden`` is a golden file's dict, its ``"statute"`` dict or its list of
    provisions (each with ``path`` and ``heading``). A provision counts when
    its path is found and its heading matches (case- and punctuation-blind).
    Golden files list a sample of provisions, so precision is over the found
    provisions whose paths the golden file lists: of those, how many carry
    the right heading.
    """
    if isinstance(golden, dict):
        golden = golden.get("statute", golden)
        golden = golden.get("provisions", []) if isinstance(golden, dict) else golden
    gold = {g["path"]: _norm(g.get("heading")) for g in golden or []}
    if not gold:
        return 1.0, 1.0
    found = {n.path: _norm(n.heading) for n in iter_provisions(facts) if n.path in gold}
    right = sum(1 for path, heading in found.items() if gold[path] == heading)
    precision = right / len(found) if found else 0.0
    return precision, right / len(gold)
