"""Case citations in judgment text: find them, and bring each to its canonical form.

Eyecite style: the reporters are data (``lawdb/data/reporters.json``), the
regular expressions are built from that data once, and finding is a pure
function of ``(text, page_number)``::

    >>> [c.normalized for c in find_citations("see P.L.D. 2015 Supreme Court 396 and 2016 P Cr. L J 98")]
    ['PLD 2015 SC 396', '2016 PCrLJ 98']
    >>> normalize_citation("[2024] PKSC 242")
    '2024 PKSC 242'

Canonical forms are those of ``docs/parsing-conventions.md``. What is found:

* Pakistani year-first reports (``2008 SCMR 598``, ``2016 PCrLJ 98``,
  ``2024 PLC(CS) 402``, the "Note" series ``2018 YLRN 246``) and neutral
  citations (``2023 LHC 5924``, ``2024 SCP 240``, ``[2024] PKSC 242``,
  ``2024LHC4177``);
* PLD, cited with its court part: ``PLD 2015 SC 396`` (from ``PLD 2015 Supreme
  Court 396``, ``P L D 2015 S.C. 396``, ``PLD 2015 SC396``); PLJ, SBLR and NLR
  are also cited with a part (``PLJ 2022 SC (Cr.C.) 40``) but their canonical
  form is year-first (``2022 PLJ 40``), the part kept in ``court``;
* Indian ``(2015) 11 SCC 493``, ``AIR 1950 SC 27``, ``2013 SCC OnLine Mad 2171``,
  ``1994 CriLJ 1``; US ``410 U.S. 113``, ``567 F.3d 1``, ``T.C. Memo. 2020-26``.

Caveats: only full citations are found (no ``id.``, ``supra`` or ``410 U.S. at
120`` short forms); a citation must carry its page (``PLD 2012 923``, without
the court, is skipped, as is ``560 U.S. ___``); a year must be plausible
(1947-2035 for Pakistani reports, 1800-2035 otherwise). Every quantifier is
bounded and nothing nests, so matching is linear in the length of the text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = [
    "CitationFact",
    "Reporter",
    "Reporters",
    "find_citations",
    "load_reporters",
    "normalize_citation",
]


@dataclass(frozen=True)
class CitationFact:
    """One case citation found in a page's text.

    ``raw`` is exactly ``text[span[0]:span[1]]``; ``normalized`` is the
    canonical string (equal for every spelling of the same report).
    ``page`` is the report's page (or the neutral citation's number) and
    ``page_number`` the PDF page the text came from.
    """

    raw: str
    normalized: str
    jurisdiction: str
    kind: str
    reporter: str
    year: int | None
    volume: str | None
    page: int | None
    court: str | None
    span: tuple[int, int]
    page_number: int


@dataclass(frozen=True)
class Reporter:
    """A law report or neutral-citation series, as described in ``reporters.json``."""

    canonical: str
    jurisdiction: str
    kind: str
    shape: str
    variants: tuple[str, ...]
    template: str
    courts: str | None = None
    also_year_first: bool = False
    volume_optional: bool = False


# Shapes whose citations carry a court (or part, or section) between year and page.
_COURT_SHAPES = ("reporter_year_court", "air", "year_reporter_court")
_DEFAULT_TEMPLATES = {
    "year_first": "{year} {reporter} {page}",
    "neutral": "{year} {reporter} {page}",
    "us_volume": "{volume} {reporter} {page}",
    "volume_year": "({year}) {volume} {reporter} {page}",
}
_SHAPES = (*_COURT_SHAPES, "year_first", "neutral", "volume_year", "us_volume", "tc_memo")

# A variant is read as letter groups ("P.Cr.L.J." -> P Cr L J) and a few
# meaningful punctuation marks; dots and spaces between groups are free.
_TOKEN = re.compile(r"[A-Z][a-z]*|[a-z]+|[0-9]+[a-z]*|[()&'’\-]")
_SEP = r"\.?\s{0,2}"
_YEAR = r"(?P<year>(?:1[789]|20)[0-9][0-9])"
_PAGE = r"(?P<page>[0-9]{1,6})(?![0-9])"
_VOLUME = r"(?P<volume>[0-9]{1,3})"
# Not glued to a word, a path or a number before it ("598/2009", "12.09.2023").
_BEFORE_NUMBER = r"(?<![A-Za-z0-9/])(?<![0-9][.\-])"
_BEFORE_WORD = r"(?<![A-Za-z0-9])"


def _key(text: str) -> str:
    """What two spellings of one abbreviation have in common: "P Cr. L J" -> "PCRLJ"."""
    return re.sub(r"[^0-9A-Za-z&]", "", text).upper()


def _variant_pattern(variant: str) -> str:
    tokens = _TOKEN.findall(variant)
    if not tokens:
        raise ValueError(f"reporters.json: variant {variant!r} has no letters")
    parts = []
    for token in tokens:
        if token in ("'", "’"):
            parts.append("['’]")
        elif token == "-":
            parts.append("-?")
        else:
            parts.append(re.escape(token))
    # "F." must keep its dot, or every "12 F 34" would be a Federal Reporter.
    tail = r"\." if len(tokens) == 1 and len(tokens[0]) == 1 and variant.endswith(".") else r"\.?"
    return _SEP.join(parts) + tail


def _alternation(variants: Iterable[str]) -> str:
    patterns = set()
    for variant in variants:
        patterns.add(_variant_pattern(variant))
        patterns.add(_variant_pattern(variant.upper()))
    # Longest first, so that "PLC (C.S.) Note" is tried before "PLC".
    return "(?:" + "|".join(sorted(patterns, key=lambda p: (-len(p), p))) + ")"


def _key_table(entries: Iterable[tuple[str, str]], what: str) -> dict[str, str]:
    """Map each variant's key to its canonical name, refusing ambiguous data."""
    table: dict[str, str] = {}
    for variant, canonical in entries:
        for spelling in (variant, variant.upper()):
            key = _key(spelling)
            if table.get(key, canonical) != canonical:
                raise ValueError(f"reporters.json: {what} {variant!r} is both {table[key]} and {canonical}")
            table[key] = canonical
    return table


@dataclass(frozen=True)
class _Form:
    """One written order of a citation, compiled."""

    name: str
    regex: re.Pattern[str]
    reporters: dict[str, Reporter]  # key of the matched abbreviation -> reporter
    courts: dict[str, str] | None  # key of the matched court -> canonical court


_Courts = dict[str, str] | None


class Reporters:
    """The reporter table and the regular expressions built from it."""

    def __init__(self, data: dict[str, Any]) -> None:
        ranges = data.get("year_ranges", {})
        self.year_ranges: dict[str, tuple[int, int]] = {k: (int(v[0]), int(v[1])) for k, v in ranges.items()}
        self.year_ranges.setdefault("default", (1800, 2035))
        self.court_sets = self._court_sets(data.get("court_sets", {}))
        self.reporters = tuple(self._reporter(entry) for entry in data["reporters"])
        self.by_canonical = {r.canonical: r for r in self.reporters}
        if len(self.by_canonical) != len(self.reporters):
            raise ValueError("reporters.json: a canonical abbreviation is listed twice")
        self.forms = self._build_forms()
        rep_first = [r for r in self.reporters if r.shape in ("reporter_year_court", "air")]
        # A year just after "PLD", "NLR", "AIR" ... starts no year-first citation.
        self._after_rep_first = re.compile(
            _BEFORE_WORD
            + _alternation(v for r in rep_first for v in r.variants)
            + r"\s{0,3}(?:\(\s?[0-9]{1,3}\s?\)\s{0,3})?[\[(]?$"
        )

    @staticmethod
    def _court_sets(raw: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
        sets: dict[str, list[tuple[str, str]]] = {}

        def resolve(name: str, seen: tuple[str, ...] = ()) -> list[tuple[str, str]]:
            if name in sets:
                return sets[name]
            if name in seen or name not in raw:
                raise ValueError(f"reporters.json: unknown or circular court set {name!r}")
            spec = raw[name]
            entries: list[tuple[str, str]] = []
            if isinstance(spec, dict):
                if "extends" in spec:
                    entries.extend(resolve(spec["extends"], (*seen, name)))
                courts = spec.get("courts", [])
            else:
                courts = spec
            for court in courts:
                entries.extend((v, court["canonical"]) for v in (court["canonical"], *court["variants"]))
            sets[name] = entries
            return entries

        for name in raw:
            resolve(name)
        return sets

    def _reporter(self, entry: dict[str, Any]) -> Reporter:
        shape = entry["shape"]
        if shape not in _SHAPES:
            raise ValueError(f"reporters.json: {entry.get('canonical')!r} has unknown shape {shape!r}")
        courts = entry.get("courts")
        if (shape in _COURT_SHAPES) != (courts is not None):
            raise ValueError(f"reporters.json: {entry['canonical']!r}: courts go with court shapes only")
        if courts is not None and courts not in self.court_sets:
            raise ValueError(f"reporters.json: {entry['canonical']!r} names unknown court set {courts!r}")
        template = entry.get("template") or _DEFAULT_TEMPLATES.get(shape)
        if not template:
            raise ValueError(f"reporters.json: {entry['canonical']!r} needs a template")
        variants = tuple(dict.fromkeys((entry["canonical"], *entry.get("variants", []))))
        return Reporter(
            canonical=entry["canonical"],
            jurisdiction=entry["jurisdiction"],
            kind=entry.get("kind", "reporter"),
            shape=shape,
            variants=variants,
            template=template,
            courts=courts,
            also_year_first=bool(entry.get("also_year_first", False)),
            volume_optional=bool(entry.get("volume_optional", False)),
        )

    def _group(self, reporters: list[Reporter], what: str) -> tuple[str, dict[str, Reporter]]:
        keys = _key_table(((v, r.canonical) for r in reporters for v in r.variants), what)
        alternation = _alternation(v for r in reporters for v in r.variants)
        return alternation, {key: self.by_canonical[canonical] for key, canonical in keys.items()}

    def _build_forms(self) -> list[_Form]:
        forms: list[_Form] = []

        def add(name: str, pattern: str, reporters: dict[str, Reporter], courts: _Courts = None):
            forms.append(_Form(name, re.compile(pattern), reporters, courts))

        year = rf"(?:(?P<open>[\[(])\s?{_YEAR}\s?[\])]|{_YEAR.replace('year', 'year2')})"
        plain = [r for r in self.reporters if r.shape in ("year_first", "neutral") or r.also_year_first]
        if plain:
            alt, table = self._group(plain, "year-first reporter")
            add("year_first", rf"{_BEFORE_NUMBER}{year}\s{{0,3}}(?P<rep>{alt})\s{{0,3}}{_PAGE}", table)

        for reporter in (r for r in self.reporters if r.shape in _COURT_SHAPES):
            alt, table = self._group([reporter], "reporter")
            courts = _key_table(self.court_sets[reporter.courts or ""], f"court of {reporter.canonical}")
            court_alt = _alternation(v for v, _ in self.court_sets[reporter.courts or ""])
            court = rf"(?P<court>{court_alt})"
            if reporter.shape != "year_reporter_court":
                volume = r"(?:\s{0,2}\(\s?[0-9]{1,3}\s?\))?" if reporter.shape == "air" else ""
                add(
                    "reporter_first",
                    rf"{_BEFORE_WORD}(?P<rep>{alt}){volume}\s{{0,3}}{_YEAR}\s{{0,3}}{court}"
                    rf"\s{{0,3}}(?:(?:page|p\.)\s{{0,2}}|-\s?)?{_PAGE}",
                    table,
                    courts,
                )
            add(
                "year_reporter_court",
                rf"{_BEFORE_NUMBER}{_YEAR}\s{{0,3}}(?P<rep>{alt})\s{{0,3}}{court}\s{{0,3}}{_PAGE}",
                table,
                courts,
            )

        volumed = [r for r in self.reporters if r.shape == "volume_year"]
        if volumed:
            alt, table = self._group(volumed, "volume reporter")
            rep = rf"(?P<rep>{alt})\s{{0,3}}{_PAGE}"
            add("volume_year", rf"[\[(]\s?{_YEAR}\s?[\])]\s{{0,3}}(?:{_VOLUME}\s{{1,3}})?{rep}", table)
            add("year_volume", rf"{_BEFORE_NUMBER}{_YEAR}\s{{0,2}}\(\s?{_VOLUME}\s?\)\s{{0,3}}{rep}", table)
            add("year_dash_volume", rf"{_BEFORE_NUMBER}{_YEAR}-{_VOLUME}\s{{1,3}}{rep}", table)

        us = [r for r in self.reporters if r.shape == "us_volume"]
        if us:
            alt, table = self._group(us, "US reporter")
            volume = r"(?P<volume>[1-9][0-9]{0,2})"
            add("us_volume", rf"{_BEFORE_NUMBER}{volume}\s{{1,3}}(?P<rep>{alt})\s{{0,3}}{_PAGE}", table)

        memos = [r for r in self.reporters if r.shape == "tc_memo"]
        if memos:
            alt, table = self._group(memos, "memorandum series")
            add("tc_memo", rf"{_BEFORE_WORD}(?P<rep>{alt})\s{{0,3}}{_YEAR}\s?-\s?{_PAGE}", table)
        return forms

    def year_range(self, jurisdiction: str) -> tuple[int, int]:
        return self.year_ranges.get(jurisdiction, self.year_ranges["default"])

    def after_reporter_first(self, text: str, start: int) -> bool:
        """Whether ``text`` just before ``start`` is "PLD ", "AIR (33) " and the like."""
        return self._after_rep_first.search(text, max(0, start - 24), start) is not None


@cache
def load_reporters() -> Reporters:
    """The reporter table of ``lawdb/data/reporters.json``, compiled once."""
    source = files("lawdb") / "data" / "reporters.json"
    return Reporters(json.loads(source.read_text(encoding="utf-8")))


# A US cite's year is in the parenthetical after its pinpoints: "410 U.S. 113, 120 (1973)".
_US_YEAR = re.compile(
    r"(?:\s{0,2},\s{0,2}[0-9]{1,5}(?:\s?[-–]\s?[0-9]{1,5})?){0,4}"  # pinpoints
    r"\s{0,3}\([^()]{0,40}?(?<![0-9])((?:17|18|19|20)[0-9][0-9])\)"  # "(10th Cir. 1996)"
)
_ANY_NUMBER = re.compile(r"[0-9]")
_ANY_YEAR = re.compile(r"(?:1[789]|20)[0-9][0-9]")


def _facts(text: str, page_number: int, table: Reporters) -> Iterator[CitationFact]:
    # Cheap prefilter: every form but "410 U.S. 113" needs a year somewhere.
    has_year = _ANY_YEAR.search(text) is not None
    for form in table.forms:
        if form.name != "us_volume" and not has_year:
            continue
        for match in form.regex.finditer(text):
            fact = _fact(form, match, text, page_number, table)
            if fact is not None:
                yield fact


def _fact(
    form: _Form, match: re.Match[str], text: str, page_number: int, table: Reporters
) -> CitationFact | None:
    reporter = form.reporters.get(_key(match["rep"]))
    if reporter is None:  # cannot happen with consistent data; be safe on hostile input
        return None
    groups = match.groupdict()
    year_text = groups.get("year") or groups.get("year2")
    year = int(year_text) if year_text else None
    page = int(match["page"])
    if page < 1:
        return None
    volume = groups.get("volume")
    if volume is not None:
        volume = str(int(volume))
        if volume == "0":
            return None
    court = None
    if form.courts is not None:
        court = form.courts.get(_key(match["court"]))
        if court is None:
            return None

    start, end = match.span()
    if form.name == "year_first":
        if groups.get("open") and reporter.kind != "neutral":
            # "(2019) SCMR 1" is not how a year-first report is written; "[2024] PKSC 242" is.
            return None
        # "2010 PLJ 1" of a reporter usually cited with its part: the part is not given.
        template = "{year} {reporter} {page}" if reporter.shape in _COURT_SHAPES else reporter.template
    elif form.name in ("volume_year", "year_volume", "year_dash_volume"):
        template = reporter.template
        if volume is None:
            if not reporter.volume_optional:
                return None
            template = template.replace("{volume} ", "")
    else:
        template = reporter.template

    if form.name in ("year_first", "year_reporter_court", "year_volume", "year_dash_volume") and (
        table.after_reporter_first(text, start)
    ):
        return None  # "NLR 1999 Cr.LJ 363" is an NLR citation, not a Criminal Law Journal one

    if form.name == "us_volume":
        tail = _US_YEAR.match(text, end, min(len(text), end + 80))
        year = int(tail.group(1)) if tail else None
    if year is not None:
        low, high = table.year_range(reporter.jurisdiction)
        if not low <= year <= high:
            if form.name == "us_volume":
                year = None
            else:
                return None

    normalized = template.format(
        year=year, reporter=reporter.canonical, court=court, page=page, volume=volume
    )
    return CitationFact(
        raw=text[start:end],
        normalized=normalized,
        jurisdiction=reporter.jurisdiction,
        kind=reporter.kind,
        reporter=reporter.canonical,
        year=year,
        volume=volume,
        page=page,
        court=court,
        span=(start, end),
        page_number=page_number,
    )


def find_citations(text: str, page_number: int = 1) -> list[CitationFact]:
    """Every case citation in ``text``, in text order.

    Overlapping candidates are resolved in favour of the one that starts first,
    then the longer one, so each stretch of text yields at most one citation.
    ``page_number`` is copied into each fact. Never raises on any string.
    """
    if not text or not _ANY_NUMBER.search(text):
        return []
    table = load_reporters()
    candidates = sorted(_facts(text, page_number, table), key=lambda f: (f.span[0], -f.span[1]))
    found: list[CitationFact] = []
    last_end = -1
    for fact in candidates:
        if fact.span[0] >= last_end:
            found.append(fact)
            last_end = fact.span[1]
    return found


_ONLY_PUNCTUATION = re.compile(r"[\s()\[\].,;:]*")
# What may follow one citation typed alone: "/2009" (a case year), pinpoints, "(9th Cir. 1990)".
_ALLOWED_TAIL = re.compile(
    r"\s{0,3}(?:/\s{0,2}[0-9]{2,4}|(?:,\s{0,2}[0-9]{1,5}(?:\s?[-–]\s?[0-9]{1,5})?){0,4}\s{0,3}(?:\([^()]{0,40}\))?)[\s)\].,;:]*"
)


def normalize_citation(text: str) -> str | None:
    """The canonical form of a string that is one citation, else None.

    For what people type into a search box or put in an import manifest:
    surrounding brackets, spaces and punctuation are allowed, case does not
    matter, and ``2008 SCMR 598/2009`` is ``2008 SCMR 598``. A string holding
    anything else besides the citation (or two citations) gives None.
    """
    if not isinstance(text, str):
        return None
    stripped = text.strip()
    if not stripped or len(stripped) > 200:
        return None
    for candidate in dict.fromkeys((stripped, stripped.upper())):
        facts = find_citations(candidate)
        if len(facts) != 1:
            continue
        start, end = facts[0].span
        if _ONLY_PUNCTUATION.fullmatch(candidate[:start]) and _ALLOWED_TAIL.fullmatch(candidate[end:]):
            return facts[0].normalized
    return None
