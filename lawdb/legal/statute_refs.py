"""Statute references in judgment text: ``u/s 292-B/292-C PPC`` -> ``PPC:292B``, ``PPC:292C``.

A pure, table-driven parser in the manner of eyecite. Compiled regular
expressions find *anchors* ("section", "S.", "Ss.", "u/s", "Article", "Order ..
Rule", "Rule", or a bare number followed by a known act), a small scanner
reads the list of sections after each anchor and the act named after it, and
the catalogue of acts is data (``lawdb/data/statutes.json``). Canonical forms
follow docs/parsing-conventions.md ("Statute references").

What it produces, and the choices made:

* One :class:`StatuteRefFact` per section; all sections of one reference share
  its ``span``/``raw`` (the whole reference as written). Groups joined by
  "r/w"/"read with", or by "and"/"," when the later group has no "section"
  word of its own, are one reference: ``Sections 21, 22 PECA 2016 r/w 109 PPC``
  gives ``PECA:21``, ``PECA:22``, ``PPC:109`` with one span. A new "section"/
  "Article" word after "and"/"," starts a new reference with its own span.
  The same (act, section, sub) is reported once per reference.
* ``section``: the number with its letter suffix, upper case, no hyphen, space
  or leading zero (``292-B`` -> ``292B``, ``05`` -> ``5``); ``section_label``
  as written; ``sub``: the bracketed parts after it, spaces dropped
  (``Section 6(1) (a)`` -> ``(1)(a)``). "clause (h) of section 2" and "section
  52 subsection (2)" give subs ``(h)`` and ``(2)``; "Section 6(1)(a) & (b)"
  gives ``(1)(a)`` and ``(1)(b)``; OCR's "7©" is ``(c)``.
* A range written with a word ("sections 4 to 8", "Articles 90 till 95")
  yields every plain-numbered section from one end to the other; lettered
  sections inside it (6A) are not invented, and ranges with letters or
  subsections at an end, or wider than 100, give their endpoints only. A dash
  is a range after a plural word ("Ss. 100-103", "Articles 4-6"); after a
  singular one ("section 4-8") it gives the endpoints.
* CPC orders: ``Order XXXIX Rules 1 and 2 CPC`` gives unit ``rule`` and
  section keys ``O39R1``, ``O39R2`` (``O`` + the order in arabic numerals +
  ``R`` + the rule; ``section_label`` ``Order XXXIX Rule 1``). A rule without
  an order ("Rule 25.2 of the Police Rules") keeps its number (``25.2``).
* ``unit``: ``article`` after "Article", ``rule`` after "Rule"/"Order", else
  ``section``; a "section" or bare reference to an act whose catalogue unit is
  "article" (Constitution, QSO, Police Order) becomes ``article``, and one of
  rules or regulations ("Section 5(3) of the ... Rules, 1983") ``rule``.
* ``act``: the catalogue key when the act is known (aliases matched
  tolerantly, see statutes.json "about"; a long title a letter or two off an
  alias, "Child Marrige Restraint Act", is that statute); else the title as
  written, tidied (leading "the" and a country before a foreign title dropped,
  spaces collapsed, year as ``, YYYY``: ``Punjab Holy Quran (Printing and
  Recording) Act, 2011``, ``Equality Act, 2010`` from "UK Equality Act, 2010";
  unknown abbreviations after "of" as written: ``ROPA``); else ``None``. Place
  words and a kind ("the Punjab Act", "a Federal Act") describe an act and
  name one only where the text defines the term; a court's order ("Proceeding
  Order") and a code of conduct are not laws.
* Treaties (conventions, covenants, charters, declarations, and the names in
  statutes.json "treaties": ICCPR, CRC, CEDAW, ...) are read, so their
  articles take no statute's act, and not recorded: they are no statute.
* Ambiguous names default to Pakistan: "Cr.P.C."/"Code of Criminal
  Procedure" is the 1898 Code unless 1973 is written next to it or it is
  called "Indian" (then ``CrPC-IN``); "Constitution" is Pakistan's unless "of
  India"/"Indian"; "Penal Code" is the PPC; "Evidence Act" is the Indian
  Evidence Act 1872 (Pakistan replaced it with the QSO in 1984).
* Sections with no act written get one only by these rules, else ``None``
  (no guessing):
  - "151, read with section 141 CPC": a group takes the act of the group it
    is read with (the next one), and a CPC order takes the next order's act
    ("Order IX Rules 9 and 13 and Order XLI Rule 17 CPC");
  - an act written just before, a comma between ("the Arbitration Act, 1996,
    Ss. 100-103", "Equality Act 2010, Chapter 2, Section 26");
  - within one sentence, a group takes the act of an earlier reference citing
    the same section ("section 320 of the Indian Code ... not in accordance
    with section 320"), else of the reference just before it, at most 250
    characters back ("under section 292-B PPC and convicted under sections
    292-B and 292-C"); only between the same units (a CPC rule and a section
    may lend to each other). A sentence ends at ". X", "; ", ': "' or a blank
    line;
  - then the running act (:func:`_running_act`): the act the same section was
    last cited with anywhere before ("section 376 PPC ... under section 376"),
    else the act named or cited last, at most 600 characters back (3000 after
    "reproduced below", "reads as under" and the like, where a provision's text
    follows and cites its own act), amending Acts passed over, units agreeing.
    A naive "last act named" reading costs precision; this one is measured on
    the golden files (benchmarks/extraction.py).
  A group whose act was named but not recognised ("Rule 2 of Chapter 1-E")
  never takes another's act.
* Words standing for an act: "ibid" and "thereof" name the act most recently
  named in the same text within 300 characters before; "supra" names the act
  the same section was cited with earlier in the text (else as "ibid");
  "the said Act", "the same Code", "that Ordinance" name the most recent act
  of that kind (Act, Code, Ordinance, Order, Rules, Constitution) within 600
  characters. "the Act", "the Code", "this Act", "the Act of 1997", "the 2011
  Act", "the Punjab Act" and unknown abbreviations ("ROPA") first look for a
  definition in the text ("Code of Criminal Procedure, 1898 (the Code)", "...
  Act, 1997 ("Act of 1997")", "... Act, 1929 (1929 Act)", "(hereinafter
  referred to as the Act)"), then for the most recent act of that kind; with a
  year ("the Ordinance, 1979"), for the one act of that kind and year named
  anywhere in the text; without one, for the act of that kind named last
  within 3000 characters, amending Acts aside. A term in quotes ("of the
  \u201cAct\u201d") is a defined term: its definition or nothing. Inside a long
  quotation (150 characters or more between curly quotes: another judgment,
  a provision) the judgment's own definitions, and acts named before the
  quotation, do not hold. A defined term used as a name ("the Women Protection
  Act") is the act it was defined for.
* :func:`find_statute_refs` reads one text (a page); a judgment is read with
  :func:`find_statute_refs_in_pages`, its pages joined into one text, so
  definitions and acts named on earlier pages hold on later ones and a
  reference broken by a page break reads whole; each fact keeps the page it
  starts on and its span in that page's text.
* Not references: "Section Officer", "section of society", dates, case
  numbers ("Crl. Appeal No. 22 of 2016"), "Page 22", citations ("2019 SCMR
  1234"), act numbers ("Act No. XL of 2016"), a lone "sub-section (2)". A bare
  number counts only when a known act follows ("302(b) PPC", "9(c) CNSA", "7
  ATA", or "of" and a title), never after "No.", "Chapter", "Part", "para",
  "page" and the like, never a year-like number (1800-2099) without suffix.

Performance: quantifiers are bounded, the list before a bare act is an atomic
group, lists stop at 20 sections and chains at 12 groups or 500 characters,
and look-ups by position use bisection, so a page is read in about linear
time (100 KB of adversarial text in well under a second). The scan for act
names runs once per call, trying the alternation of every alias only at words
whose first letters begin one.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

__all__ = [
    "StatuteInfo",
    "StatuteRefFact",
    "catalogue",
    "find_statute_refs",
    "find_statute_refs_in_pages",
    "is_treaty",
    "resolve_act",
    "section_key",
]


@dataclass(frozen=True)
class StatuteInfo:
    """A statute the parser knows by name (one entry of statutes.json)."""

    key: str  # canonical short key: "PPC", "CrPC", "PECA", "Constitution", ...
    title: str  # "Pakistan Penal Code, 1860"
    year: int | None
    jurisdiction: str  # "PK", "PK-PB" (Punjab), "PK-SD", "IN", ...
    aliases: tuple[str, ...]  # the ways it is written: "P.P.C.", "Pakistan Penal Code", "PPC", ...
    unit: str  # "section", "article" (Constitution), "rule"


@dataclass(frozen=True)
class StatuteRefFact:
    """One section referred to, with the whole reference it was read from."""

    raw: str  # text[span[0]:span[1]], the whole reference as written
    act: str | None  # StatuteInfo.key, else the act title as written (tidied), else None
    section: str  # canonical section key: "292B", "22", "10A", "O39R1"
    section_label: str  # as written: "292-B", "22", "10-A"
    sub: str | None  # "(b)" for 302(b), "(iii)" for 376(iii), "(1)" for 22(1)
    unit: str  # "section" | "article" | "rule"
    span: tuple[int, int]
    page_number: int


# --------------------------------------------------------------------------- catalogue

_KIND_RE = re.compile(r"\b(Act|Ordinance|Ordnance|Code|Order|Rules|Regulations|Constitution|"
                      r"Convention|Covenant|Charter)\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _fold(name: str) -> str:
    """Fold a name for lookup: upper case, letters and digits only, '&' = 'and',
    no leading 'the', no 'of' before a final year ("Act of 1997" = "Act 1997")."""
    s = name.replace("&", " and ")
    s = re.sub(r"(?i)\bOrdnance\b", "Ordinance", s)  # a common misspelling
    s = re.sub(r"(?i)\bof\s+(?=\d{4}\W*$)", "", s.strip())
    s = re.sub(r"[^0-9A-Za-z]+", "", s).upper()
    if s.startswith("THE") and len(s) > 6:
        s = s[3:]
    return s


def _kind_of(title: str) -> str | None:
    """'Act', 'Code', ... : the last kind word of a title outside brackets."""
    bare = re.sub(r"\([^()]*\)", " ", title)
    found = _KIND_RE.findall(bare)
    if not found:
        return None
    word = found[-1].capitalize()
    return "Ordinance" if word == "Ordnance" else word


@lru_cache(maxsize=1)
def catalogue() -> dict[str, StatuteInfo]:
    """The statutes known by name, by key, from ``lawdb/data/statutes.json`` (cached)."""
    raw = (files("lawdb") / "data" / "statutes.json").read_text(encoding="utf-8")
    out: dict[str, StatuteInfo] = {}
    for entry in json.loads(raw)["statutes"]:
        info = StatuteInfo(
            key=entry["key"],
            title=entry["title"],
            year=entry.get("year"),
            jurisdiction=entry.get("jurisdiction", "PK"),
            aliases=tuple(entry.get("aliases", ())),
            unit=entry.get("unit", "section"),
        )
        if info.key in out:
            raise ValueError(f"statutes.json: duplicate key {info.key!r}")
        out[info.key] = info
    return out


_TREATY_WORD_RE = re.compile(r"\b(?:Conventions?|Covenants?|Charter|Declaration|Treaty|Protocol)\b",
                             re.IGNORECASE)


@lru_cache(maxsize=1)
def _treaty_names() -> frozenset[str]:
    """Folded names of the treaties in statutes.json ("treaties"): ICCPR, CRC, UDHR, ..."""
    raw = (files("lawdb") / "data" / "statutes.json").read_text(encoding="utf-8")
    names: set[str] = set()
    for entry in json.loads(raw).get("treaties", []):
        for name in (entry["key"], entry["title"], *entry.get("aliases", ())):
            names.add(_fold(name))
    return frozenset(names)


@lru_cache(maxsize=1024)
def is_treaty(act: str | None) -> bool:
    """True for a treaty's name ("ICCPR", "Convention on the Rights of the Child", a term
    defined for one, "NY Convention"): its articles are not statute references."""
    if not act or act in catalogue():
        return False
    return _fold(act) in _treaty_names() or _TREATY_WORD_RE.search(act) is not None


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    """Folded alias or title -> key. The first statute listed wins a clash."""
    index: dict[str, str] = {}
    for info in catalogue().values():
        for name in (info.title, *info.aliases):
            index.setdefault(_fold(name), info.key)
    return index


_YEAR_END_RE = re.compile(r"^(?P<base>.*?)[\s,]*(?:\bof\s+)?(?P<year>(?:1[6-9]|20)\d\d)\W*$", re.DOTALL)
_TRAILING_PAREN_RE = re.compile(r"\s*[(\[][^()\[\]]{0,60}[)\]]\s*$")


def resolve_act(name: str) -> str | None:
    """The catalogue key of an act written ``name``, or None when unknown.

    ``"P.P.C."`` -> ``"PPC"``; ``"Prevention of Electronic Crimes Act, 2016"`` ->
    ``"PECA"``; ``"Code of Criminal Procedure, 1973"`` -> ``"CrPC-IN"``. A year
    that matches no alias carrying a year is ignored (typos are likelier than
    two statutes of one name).
    """
    if not name or not name.strip():
        return None
    cat = catalogue()
    name = name.strip()
    if name in cat:
        return name
    index = _alias_index()
    name = _TRAILING_PAREN_RE.sub("", name) or name
    key = index.get(_fold(name))
    if key:
        return key
    m = _YEAR_END_RE.match(name)
    if m and m.group("base").strip():
        base = _fold(m.group("base"))
        key = index.get(base + m.group("year")) or index.get(base)
        if key:
            return key
        return _near_alias(base + m.group("year")) or _near_alias(base)
    return _near_alias(_fold(name))


#: Folded names shorter than this are never matched loosely ("JJSA" is not "JJSO").
NEAR_MIN = 16


def _edits_within(a: str, b: str, limit: int) -> bool:
    """True when ``a`` becomes ``b`` in at most ``limit`` single-letter edits."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


@lru_cache(maxsize=2048)
def _near_alias(folded: str) -> str | None:
    """The one statute whose folded alias is a typo away from ``folded`` ("Child Marrige
    Restraint Act" is the Child Marriage Restraint Act): one edit, two for long names."""
    if len(folded) < NEAR_MIN:
        return None
    limit = 1 if len(folded) < 28 else 2
    # one or two edits leave the first three or the last six letters alone
    found = {key for alias, key in _alias_index().items()
             if len(alias) >= NEAR_MIN and (alias[:3] == folded[:3] or alias[-6:] == folded[-6:])
             and _edits_within(folded, alias, limit)}
    return found.pop() if len(found) == 1 else None


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman_to_int(s: str) -> int | None:
    s = s.upper()
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total


_ORDER_LABEL_RE = re.compile(
    r"^\s*(?:Order|O\.?)\s*(?P<order>[IVXLC]{1,7}|\d{1,3})\s*,?\s*(?:Rules?|R\.?)\s*(?P<rule>[\w.\-]{1,12})\s*$",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def section_key(label: str) -> str:
    """Canonical key of a section label: ``"292-B"`` -> ``"292B"``, ``"22 A"`` -> ``"22A"``.

    Bracketed parts are dropped (``"302(b)"`` -> ``"302"``); a CPC order and
    rule become ``O{order}R{rule}`` (``"Order XXXIX Rule 1"`` -> ``"O39R1"``).
    """
    m = _ORDER_LABEL_RE.match(label)
    if m:
        order = m.group("order")
        number = int(order) if order.isdigit() else _roman_to_int(order)
        return f"O{number}R{section_key(m.group('rule'))}"
    s = re.sub(r"\([^()]*\)", "", label)
    s = re.sub(r"[\s\-\u2013]+", "", s).upper()
    return re.sub(r"^0+(?=\d)", "", s)


# --------------------------------------------------------------------------- patterns

_WS = r"[ \t\r\n\u00a0]"  # spacing inside a reference (no form feeds and the like)


def _alias_pattern(alias: str) -> str:
    """A tolerant regex for one alias (see statutes.json "about")."""
    words = re.findall(r"[A-Za-z]{4,}", alias)
    is_title = any(any(c.islower() for c in w) for w in words)
    out: list[str] = []
    i = 0
    n = len(alias)
    while i < n:
        ch = alias[i]
        if ch == ".":
            # dots of an abbreviation are optional, one space may follow
            out.append(r"\.?" if i == n - 1 else r"\.?[ ]?")
            while i + 1 < n and alias[i + 1] == " ":
                i += 1
        elif ch in " -":
            out.append(r"[\s\-]*" if ch == "-" else r"[\s\-]+")
            while i + 1 < n and alias[i + 1] in " -":
                i += 1
        elif ch == ",":
            out.append(",?")
        elif ch == "&" or (alias[i:i + 3].lower() == "and" and (i == 0 or alias[i - 1] == " ")
                           and (i + 3 == n or alias[i + 3] == " ")):
            out.append(r"(?:and|&)")
            if ch != "&":
                i += 2
        elif ch == "(":
            out.append(r"\(\s*")
        elif ch == ")":
            out.append(r"\s*\)")
        elif ch in "'\u2019":
            out.append(r"['\u2019]?")
        else:
            out.append(re.escape(ch))
        i += 1
    body = "".join(out)
    # an abbreviation written without dots ("P.P.C." -> "PPC") is covered by the optional dots
    return f"(?i:{body})" if is_title else body


@lru_cache(maxsize=1)
def _known_act_re() -> re.Pattern[str]:
    """Every alias (its year split off), longest first, then an optional year."""
    bases: dict[str, str] = {}
    for info in catalogue().values():
        for alias in (*info.aliases, info.title):
            m = _YEAR_END_RE.match(alias)
            base = m.group("base") if m and m.group("base").strip() else alias
            base = base.strip().rstrip(",")
            if len(_fold(base)) < 2:
                continue
            bases.setdefault(_alias_pattern(base), base)
    # longest first by letters, so "POCSO Act" is tried before "P.O.C.S.O."
    ordered = sorted(bases, key=lambda p: (-len(_fold(bases[p])), -len(bases[p]), p))
    alternation = "|".join(ordered)
    return re.compile(
        rf"(?P<alias>{alternation})(?![A-Za-z])"
        rf"(?P<tail>{_WS}*,?{_WS}*(?:(?:No\.{_WS}*)?[IVXLC]{{1,7}}{_WS}+)?(?:of{_WS}+)?"
        rf"(?P<year>(?:1[6-9]|20)\d\d)(?!\d))?"
    )


_WORD_START_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]")
_NOT_LETTER_RE = re.compile(r"[^A-Za-z]+")


@lru_cache(maxsize=1)
def _alias_prefixes() -> tuple[frozenset[str], frozenset[str]]:
    """First three letters of every alias (folded), and the aliases of two letters."""
    three: set[str] = set()
    two: set[str] = set()
    for info in catalogue().values():
        for alias in (*info.aliases, info.title):
            letters = _NOT_LETTER_RE.sub("", alias.replace("&", "and")).upper()
            (three if len(letters) >= 3 else two).add(letters[:3])
    return frozenset(three), frozenset(two)


# A title the catalogue does not know: capitalised words (and bracketed parts, joined by
# "of", "and", "the" ...) ending in a kind word, then "of ..." words and a year:
# "Punjab Holy Quran (Printing and Recording) Act, 2011", "Convention on the Rights of the Child".
_TITLE_WORD = r"(?:[A-Z][\w'\u2019\-]*\.?|\([A-Za-z][\w'\u2019\-]*(?:[ ](?:[A-Za-z][\w'\u2019\-]*|&)){0,6}\))"
_TITLE_CONN = r"(?:(?:of|and|the|for|on|in|against|to|from|at|&)[ \t\r\n]+)"
_GENERIC_TITLE_RE = re.compile(
    rf"(?P<lead>(?:[A-Z][\w'\u2019\-]*\.?(?:[ \t\r\n]+{_TITLE_CONN}{{0,2}}{_TITLE_WORD}){{0,8}}?[ \t\r\n]+)?)"
    r"(?P<kind>Act|Ordinance|Ordnance|Order|Code|Rules|Regulations|Constitution|Convention|Covenant|Charter)"
    r"(?![\w\-])"
    rf"(?P<cont>[ \t\r\n]+(?:of|on|for|against)[ \t\r\n]+(?:the[ \t\r\n]+)?[A-Z][\w'\u2019\-]*"
    rf"(?:[ \t\r\n]+{_TITLE_CONN}{{0,2}}[A-Z][\w'\u2019\-]*){{0,7}})?"
    rf"(?P<tail>{_WS}*,?{_WS}*(?:(?:No\.{_WS}*)?[IVXLC]{{1,7}}{_WS}+)?(?:of{_WS}+)?"
    r"(?P<year>(?:1[6-9]|20)\d\d)(?!\d))?"
)

# Capitalised words that start no title ("Impugned Order", "In the ...").
_TITLE_STOP = frozenset((
    "the", "impugned", "said", "same", "this", "that", "these", "those", "instant", "present", "above",
    "aforesaid", "such", "any", "every", "each", "our", "their", "his", "her", "its", "in", "under",
    "by", "of", "from", "with", "as", "for", "on", "to", "at", "a", "an", "and", "or", "final",
    "interim", "first", "second", "third", "last", "relevant", "new", "old", "amending", "amended",
    "principal", "parent", "part", "parts", "chapter", "chapters", "schedule", "section", "sections",
    "article", "articles", "clause", "paragraph", "para", "preamble", "proviso", "explanation",
))

def _law_title(m: re.Match[str], year: str | None) -> bool:
    """False for titles that name no law: a court's order without a year ("Proceeding
    Order", "Interim Order"), a code of conduct or of ethics (a schedule, a policy)."""
    if m.group("kind") == "Order" and not year and not m.group("cont"):
        return False
    cont = m.group("cont") or ""
    return not (m.group("kind") == "Code" and re.match(r"\s+of\s+(?:Conduct|Ethics|Practice)\b", cont))


# "VIII of the Punjab Act" (after "Part"): a numeral starts no title
_ROMAN_WORD_RE = re.compile(r"^(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})\.?$")

_ANAPHOR_RE = re.compile(
    rf"(?P<det>(?:the|this|that|said|same|aforesaid|above|above-mentioned|abovementioned|instant)"
    rf"(?:{_WS}+(?:said|same|aforesaid|above|instant))?{_WS}+)?"
    rf"(?:(?P<year0>(?:1[6-9]|20)\d\d){_WS}+)?"  # "the 2011 Act"
    r"(?P<kind>Act|Ordinance|Code|Order|Constitution|Rules|Regulations)(?![\w\-])"
    rf"(?P<tail>{_WS}*,?{_WS}*(?:of{_WS}+)?(?P<year>(?:1[6-9]|20)\d\d)(?!\d))?"
)
_POST_ANAPHOR_RE = re.compile(
    rf"{_WS}*,?{_WS}*(?:\(\s*(?P<w1>ibid|ibidem|supra)\.?\s*\)|(?P<w2>ibid|ibidem|supra)\b\.?"
    rf"|(?P<w3>thereof)\b)"
)
_ACRONYM_RE = re.compile(r"(?P<acr>[A-Z][A-Z&]{1,9})(?![A-Za-z])")
_ACRONYM_STOP = frozenset((
    "FIR", "PW", "CW", "DW", "SHO", "SCMR", "PLD", "PLJ", "YLR", "MLD", "CLC", "NLR", "PCRLJ", "SC",
    "HC", "LHC", "IHC", "SHC", "PHC", "BHC", "FSC", "ASI", "SI", "IO", "DSP", "SP", "DPG", "PPG",
    "ASC", "ADPP", "DPP", "NAB", "FIA", "CTD", "PS", "NO", "AIR", "SCC", "US", "UK", "ISI", "IG",
    "DIG", "DPO", "CPO", "RPO", "CCPO", "ADJ", "ASJ",
))

_CONNECTOR_RE = re.compile(
    rf"{_WS}*(?P<comma>,)?{_WS}*(?:(?:(?P<of>of|OF)|(?P<in>in|into)){_WS}+)?(?P<q1>[\"\u201c\u201d\u2018]{_WS}?)?"
    rf"(?:(?P<det>the|our|The|THE){_WS}+)?"
    rf"(?:(?:repealed|erstwhile|now{_WS}+repealed){_WS}+)?(?P<q2>[\"\u201c\u201d\u2018]{_WS}?)?"
)
_CLOSE_PAREN_RE = re.compile(r"[ ]?\)(?:[ ]under(?=[ ]))?")
_BRACKETED_TITLE_RE = re.compile(r"[ ]?\[(?P<rest>(?:of|on|for)[ ][^\[\]\n]{3,80})\]")
# The quote closing a term opened after "of": of the “Act”, of ‘the Act, 2010’.
_CLOSE_QUOTE_RE = re.compile(r"[ ]?[\"\u201d\u2019']")

# The anchor words. Group names tell the unit.
_ANCHOR_RE = re.compile(
    # "sub-section (4) of section 411", "clause (h) of Section 2": the sub-part comes first
    r"(?P<presub>(?<![\w\-])(?i:sub[\s\-]?section|sub[\s\-]?clause|clause|sub[\s\-]?article|sub[\s\-]?rule)"
    r"[ \t]*\([ \t]?(?P<presubv>[0-9]{1,3}[A-Za-z]?|[a-z]{1,2}|[ivxl]{1,6})[ \t]?\)"
    r"[ \t\r\n]*(?:of|in)[ \t\r\n]+(?:the[ \t\r\n]+)?)?"
    r"(?:"
    r"(?P<order>(?<![\w\-./])(?:Order|ORDER|O\.)[ \t]*(?P<ordnum>[IVXL]{1,7}|\d{1,2})(?![\w])"
    r"[ \t]*,?[ \t\r\n]*(?:Rules?|rules?|RULES?|R\.|r\.)[ \t\-\.]*(?=\d))"
    r"|(?P<sec>(?<![\w\-./])(?:(?i:sections?|secs?\.?|sects?\.)|Ss?\.|ss?\.|(?i:u/ss?\.?))"
    r"[ \t\r\n\-\.]*(?=\d))"
    r"|(?P<art>(?<![\w\-./])(?i:articles?|arts?\.)[ \t\r\n\-\.]*(?=\d))"
    r"|(?P<rule>(?<![\w\-./])(?:Rules?|rules?|RULES?)[ \t\r\n\-]*(?=\d))"
    r")"
)

# "sections", "Ss.", "u/ss", "Articles": a word for more than one (a dash between two numbers is a range)
_PLURAL_ANCHOR_RE = re.compile(r"(?i:sections|secs\b|sects\b|u/ss|articles|arts\b)|Ss\.|ss\.")

_NUM = r"(?P<num>\d{1,4})(?![\d])(?![a-z])"
_RULE_NUM = r"(?P<num>\d{1,4}(?:\.\d{1,3})?)(?![\d])(?![a-z])"
_SUFFIX = (
    r"(?:[\-\u2013][ ]?(?P<sa>[A-Z]{1,4}(?![a-z])|[a-z]{1,2}(?![A-Za-z]))"
    r"|(?P<sb>E{3,4}|[A-Z]{1,2})(?![A-Za-z])"
    # "22 A", "203 DD": a capital after a space only when something reference-like follows
    r"|[ ](?!(?:OF|IN|TO|OR|ON|AT|BY|AS|IS|AN|NO)(?![A-Za-z]))(?P<sc>[A-Z]{1,2})(?![A-Za-z.])"
    r"(?=[ \t\r\n]*(?:[,;/&()]|of\b|and\b|r/w|read\b|[A-Z][A-Za-z.]*[A-Z]|$)))?"
)
_SUB_ONE = r"(?:\([ ]?(?:\d{1,3}[A-Za-z]{0,2}|[A-Za-z]{1,2}|[ivxlIVXL]{1,6})[ ]?\)|\u00a9)"
_SUBS = rf"(?P<subs>(?:\s?{_SUB_ONE}){{0,4}})"
_SUBSEC = (  # "section 52 subsection (2)"
    r"(?P<subsec>[ \t\r\n]*,?[ \t\r\n]*(?i:sub[\s\-]?section)[ \t]*"
    r"\([ \t]?(?P<subsecv>\d{1,3}[A-Za-z]?)[ \t]?\))?"
)
_ITEM_RE = re.compile(_NUM + _SUFFIX + _SUBS + _SUBSEC)
_RULE_ITEM_RE = re.compile(_RULE_NUM + _SUFFIX + _SUBS)
_SIBLING_RE = re.compile(rf"(?P<subs>{_SUB_ONE})")
_SUB_PART_RE = re.compile(r"\([ ]?([^()]*?)[ ]?\)|\u00a9")

_SEP_RE = re.compile(
    rf"{_WS}*(?:(?P<range>to|till|upto|up{_WS}to)(?=[ \t\r\n]+\d)|(?P<rdash>[\-\u2013])(?=[ ]?\d)"
    rf"|,{_WS}*(?:and\b|&|or\b)|,|/|&|and\b|or\b){_WS}*"
)
_JOIN_RE = re.compile(
    rf"{_WS}*(?:(?P<rw>,?{_WS}*(?:r/w|R/W|r/with|read{_WS}+with|read{_WS}+along{_WS}*with|along{_WS}*with)\b)"
    rf"|(?P<and>,?{_WS}*(?:and\b|&|as{_WS}+well{_WS}+as\b)|,)){_WS}*"
)

# A bare list of numbers followed by something that may be an act ("302(b)/392 PPC",
# "9(c) of the C.N.S.A."). The list is an atomic group, so a failed look for the act
# costs no backtracking; the scanner then reads the candidate properly.
_BARE_ITEM = (
    r"\d{1,4}(?!\d)(?![a-z])"
    r"(?:[\-\u2013][ ]?(?:[A-Z]{1,4}(?![a-z])|[a-z]{1,2}(?![A-Za-z]))|(?:E{3,4}|[A-Z]{1,2})(?![A-Za-z])"
    r"|[ ](?!(?:OF|IN|TO|OR|ON|AT|BY|AS|IS|AN|NO)(?![A-Za-z]))[A-Z]{1,2}(?![A-Za-z.]))?"
    rf"(?:\s?{_SUB_ONE}){{0,4}}"
)
_BARE_SEP = r"[ \t\r\n\u00a0]*(?:to|,[ \t\r\n\u00a0]*(?:and\b|&|or\b)|,|/|&|and\b|or\b)[ \t\r\n\u00a0]*"
_BARE_RE = re.compile(
    rf"(?<![\w.,/\-:@#])(?=\d)(?>{_BARE_ITEM}(?:{_BARE_SEP}{_BARE_ITEM}){{0,19}})"
    r"[ \t\r\n\u00a0]*,?[ \t\r\n\u00a0]*(?:of[ \t\r\n\u00a0]+)?(?:(?:the|our|The)[ \t\r\n\u00a0]+)?[A-Z]"
)
# Words after which a number is not a section ("No. 22", "Chapter 2", "page 7").
_BARE_STOP_WORDS = frozenset((
    "no", "nos", "number", "numbers", "chapter", "chapters", "part", "parts", "para", "paras",
    "paragraph", "paragraphs", "page", "pages", "p", "pp", "vol", "volume", "clause", "clauses",
    "item", "items", "entry", "entries", "annex", "annexure", "schedule", "appendix", "table", "form",
    "exh", "ex", "fir", "crime", "case", "appeal", "petition", "dated", "rs", "rupees", "pw", "cw",
    "dw", "sr", "serial", "s.no", "year", "years", "month", "months", "day", "days", "age", "aged",
    "about", "at", "bench", "court", "room", "street", "house", "plot", "block", "sector", "phase",
    "km", "kg", "grams", "gram", "list", "sub", "article", "articles", "section", "sections", "rule",
    "rules", "order",
))


def _bare_stopped(text: str, p: int) -> bool:
    """True when the word just before a bare number says it is not a section."""
    before = text[max(0, p - 16):p].rstrip(" \t")
    if not before:
        return False
    if before[-1] in "#:/-":
        return True
    word = re.split(r"[^\w.]", before)[-1].rstrip(".").lower()
    return word in _BARE_STOP_WORDS

_SENTENCE_END_RE = re.compile(
    r"[.!?;][\"\u201d\u2019)\]]*\s+(?=[\"\u201c\u2018(\[]?[A-Z0-9])|:\s*[\"\u201c\u2018]|\n[ \t]*\n"
)

# "Code of Criminal Procedure, 1898 (the Code)", "... Act, 1997 ("Act of 1997")", "(ROPA)",
# "(hereinafter referred to as the Act)": the bracket right after an act's name defines a term.
_DEFINITION_RE = re.compile(
    r"[(\[{]\s*(?:here\s?in\s?after\s+(?:to\s+be\s+)?(?:referred\s+to\s+as|called)\s+"
    r"|here\s?in\s?after\s+)?[\"\u201c\u2018']?(?:the\s+)?[\"\u201c\u2018']?"
    r"(?P<term>(?:(?:1[6-9]|20)\d\d\s+)?[A-Z][\w.\-\u2019']*(?:[ ,]+(?:of\s+)?[A-Z0-9][\w.\-\u2019']*){0,4})"
    r"[\"\u201d\u2019']?\s*[)\]}]"
)

#: A quotation this long (characters between curly quotes) is quoted text, not a defined term.
QUOTE_MIN = 150
_MAX_ITEMS = 20
_MAX_GROUPS = 12
_MAX_SPAN = 500
_INHERIT_GAP = 250
_SENTENCE_REACH = 600
_LOOK_BACK_GROUPS = 12
_ANAPHOR_WINDOW = 300  # "ibid", "thereof", "supra": any act named this close before
_KIND_WINDOW = 600  # "the said Order": an Order named this close before
FAR_WINDOW = 3000  # "the Act" with nothing closer: an Act named this far back, amending Acts aside
#: A section with no act written takes the act named last, when that is this close before
#: (see :func:`_running_act`), or this close when the text says it reproduces a provision.
RUNNING_REACH = 600
REPRODUCED_REACH = 3000
_REPRODUCED_RE = re.compile(
    r"reproduced\s+(?:below|hereunder|here\s?in\s?below|as\s+under|for\s+(?:ready\s+|easy\s+)?reference)"
    r"|reads?\s+as\s+(?:under|follows)|(?:is|are)\s+as\s+(?:under|follows)|provides?\s+as\s+under"
    r"|in\s+(?:the\s+)?following\s+(?:terms|manner|words)|cited\s+below|as\s+under\s*[:;\-]",
    re.IGNORECASE,
)
# An amending Act ("Criminal Law (Second Amendment) Act, 2016", a Finance Act) puts sections
# into another act: the sections named after it are that other act's.
_AMENDING_RE = re.compile(r"\bAmend(?:ment|ing)\b|^Finance\b", re.IGNORECASE)


# --------------------------------------------------------------------------- scanning


@dataclass
class _Item:
    label: str
    section: str
    sub: str | None


#: The widest range ("sections 3 to 42") whose sections are listed one by one.
MAX_RANGE = 100


def _between(first: _Item, last: _Item) -> list[_Item]:
    """The plain-numbered sections strictly inside "first to last".

    "sections 3 to 42 of PECA" refers to every section in between, so each is
    listed; lettered sections (6A) cannot be known from the text and are not
    invented, and ranges with subsections or letters at either end, or wider
    than :data:`MAX_RANGE`, give their endpoints only.
    """
    if first.sub or last.sub or not (first.section.isdigit() and last.section.isdigit()):
        return []
    low, high = int(first.section), int(last.section)
    if not 0 < high - low <= MAX_RANGE:
        return []
    return [_Item(str(n), str(n), None) for n in range(low + 1, high)]


@dataclass
class _Act:
    start: int
    end: int
    act: str | None  # key or tidied title or None (named but unresolved)
    named: bool  # an act was written (even if not resolved)
    kind: str | None = None
    word: str | None = None  # "ibid", "supra", "thereof" when that is what was written


@dataclass
class _Group:
    start: int
    end: int  # end of items, or of the act when there is one
    unit: str
    items: list[_Item]
    act: _Act | None
    has_prefix: bool
    join: str | None  # how it was joined to the previous group: "rw", "and", "bare", None (first)
    resolved: str | None = None


# A country written before a foreign title is not part of it: "UK Equality Act, 2010",
# "India's Consumer Protection Act, 1986".
_FOREIGN_LEAD_RE = re.compile(
    r"^(?:\(?U\.?K\.?\)?|\(?U\.?S\.?A?\.?\)?|English|British|[A-Z][a-z]+'s)\s+(?=[A-Z]\w+\s)")

# Words that name where an act applies, not which act it is: "the Punjab Act", "a Federal Act".
_PLACE_WORDS = frozenset((
    "punjab", "sindh", "sind", "balochistan", "baluchistan", "khyber", "pakhtunkhwa", "kp", "kpk", "nwfp",
    "federal", "provincial", "central", "west", "pakistan", "islamabad", "indian", "india", "english",
    "british", "uk", "us", "foreign", "amending", "amendment", "parent", "principal", "special", "local",
))


def _descriptive(lead: str) -> bool:
    """True for a "title" of place words only ("Punjab Act", "Federal Act"): a description."""
    words = re.findall(r"[A-Za-z]+", lead)
    return bool(words) and all(w.lower() in _PLACE_WORDS for w in words)


def _tidy_title(title: str, year: str | None) -> str:
    t = re.sub(r"\s+", " ", title).strip(" ,")
    t = t.replace("\u2019", "'").rstrip("'\"")
    t = re.sub(r"^(?:the|our)\s+", "", t, flags=re.IGNORECASE)
    t = _FOREIGN_LEAD_RE.sub("", t)
    if year:
        t = f"{t}, {year}"
    return t


@lru_cache(maxsize=1024)
def _catalogue_kind(key: str) -> str | None:
    info = catalogue().get(key)
    return _kind_of(info.title) if info else None


class _Scanner:
    """One call's state: the text, the definitions and mentions found lazily."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._mentions: list[tuple[int, int, str, str | None, str | None]] | None = None
        self._definitions: dict[str, str] | None = None
        self.resolved_acts: list[tuple[int, str, str | None]] = []  # (end, act, kind) of references
        self._resolved_ends: list[int] = []
        self._last_by_section: dict[str, _Group] = {}
        self._mention_starts: list[int] = []
        self._by_kind_year: dict[tuple[str | None, str | None], set[str]] = {}
        self._by_end: list[tuple[int, int, str, str | None, str | None]] | None = None
        self._raw_mentions: list[tuple[int, int, str, str | None, str | None]] | None = None
        self._descriptions: list[tuple[int, int, str, str | None, str | None]] = []
        self._definition_at: dict[str, int] = {}
        self._quotes: list[tuple[int, int]] | None = None
        self._quote_starts: list[int] = []
        self._ends: list[int] = []

    # ---- acts written after a list of sections

    def known_act_at(self, pos: int) -> _Act | None:
        m = _known_act_re().match(self.text, pos)
        if not m:
            return None
        alias = m.group("alias")
        year = m.group("year")
        key = None
        end = m.end("alias")
        if year:
            index = _alias_index()
            key = index.get(_fold(alias) + year)
            base_key = index.get(_fold(alias))
            if key or (base_key and catalogue()[base_key].year == int(year)):
                key = key or base_key
                end = m.end()
        if key is None:
            key = _alias_index().get(_fold(alias))
        if key is None:
            return None
        # "PPC." keeps its dot only when the abbreviation is dotted throughout ("P.P.C.")
        if self.text[end - 1] == "." and "." not in alias[:-1]:
            end -= 1
        return _Act(pos, end, key, True, _catalogue_kind(key))

    def generic_title_at(self, pos: int) -> _Act | None:
        m = _GENERIC_TITLE_RE.match(self.text, pos)
        if not m:
            return None
        lead = m.group("lead").strip()
        if not lead and not m.group("cont"):
            return None
        first = re.split(r"[\s(]", lead or m.group("kind"), maxsplit=1)[0].lower()
        if first in _TITLE_STOP or _ROMAN_WORD_RE.match(first):
            return None
        year = m.group("year")
        if not _law_title(m, year):
            return None
        end = m.end() if year else m.end("cont") if m.group("cont") else m.end("kind")
        title_text = self.text[pos:(m.end("cont") if m.group("cont") else m.end("kind"))]
        kind = _kind_of(m.group("kind"))
        # a definition made on this page ("the Punjab Act") wins over the words
        defined = self.defined(_fold(title_text + (f" {year}" if year else "")), pos)
        if defined is None and not year:
            defined = self.defined(_fold(title_text), pos)
        if defined is not None:
            return _Act(pos, end, defined, True, kind)
        key = resolve_act(title_text + (f", {year}" if year else ""))
        if key:
            return _Act(pos, end, key, True, _catalogue_kind(key))
        if not m.group("cont") and _descriptive(lead):
            # "the Punjab Act of 2007": the one such Act of that year named, else unknown
            same = self.kind_year_acts(kind, year) if year else set()
            return _Act(pos, end, next(iter(same)) if len(same) == 1 else None, True, kind)
        return _Act(pos, end, _tidy_title(title_text, year), True, kind)

    def act_after(self, pos: int, *, bare: bool) -> _Act | None:
        """The act named at ``pos`` (after a list of sections), if any."""
        text = self.text
        if not bare:
            pm = _POST_ANAPHOR_RE.match(text, pos)
            if pm:
                word = (pm.group("w1") or pm.group("w2") or pm.group("w3")).lower()
                act = self.resolve_recent(pos, None, None)
                return _Act(pos, pm.end(), act, True, _catalogue_kind(act) if act else None, word)
        cm = _CONNECTOR_RE.match(text, pos)
        act = self._act_after_connector(pos, cm, bare=bare)
        if act is not None and (cm.group("q1") or cm.group("q2")) and act.end > act.start:
            # of the \u201cAct\u201d: the closing quote belongs to the reference
            qm = _CLOSE_QUOTE_RE.match(text, act.end)
            if qm:
                act.end = qm.end()
        return act

    def _act_after_connector(self, pos: int, cm: re.Match[str], *, bare: bool) -> _Act | None:
        text = self.text
        q = cm.end()
        if q >= len(text):
            return None
        has_of = cm.group("of") is not None
        if bare and cm.group("in"):
            return None
        act = self.known_act_at(q)
        if act is not None:
            act.start = pos
            return act
        if bare and not has_of:
            return None
        act = self.generic_title_at(q)
        if act is not None:
            act.start = pos
            return act
        if bare:
            return None
        am = _ANAPHOR_RE.match(text, q)
        if am and (am.group("det") or cm.group("det") or am.group("year") or am.group("year0")):
            kind = am.group("kind")
            year = am.group("year") or am.group("year0")
            det = (am.group("det") or "").strip().lower()
            words = text[q:am.end("kind")]
            term = _fold(words + (f" {am.group('year')}" if am.group("year") else ""))
            recent_first = any(w in det for w in ("said", "same", "aforesaid", "above", "that"))
            resolved = None
            if not recent_first:
                resolved = self.defined(term, pos)
                if resolved is None and year:
                    resolved = self.defined(_fold(kind + year), pos) or self.defined(_fold(year + kind), pos)
            quoted = cm.group("q1") or cm.group("q2")
            if resolved is None and not quoted:
                resolved = self.resolve_recent(pos, kind, year)
            if resolved is None and recent_first:
                resolved = self.defined(term, pos)
            if resolved is None and year:
                # "the Ordinance, 1979": the one Ordinance of 1979 named anywhere in the text
                same = self.kind_year_acts(kind, year)
                if len(same) == 1:
                    resolved = next(iter(same))
            if resolved is None and not year and not quoted:
                # "the Act" with no definition and nothing close: the Act last named before
                # (a quoted "the \u201cAct\u201d" is a defined term: its definition or nothing)
                resolved = self.resolve_recent(pos, kind, None, FAR_WINDOW, amending=False)
            end = am.end() if year else am.end("kind")
            bracket = _BRACKETED_TITLE_RE.match(text, end)
            if bracket and not year:
                # "the Code [of Criminal Procedure, 1898]": an editor's words complete the name
                key = resolve_act(f"{kind} {bracket.group('rest')}")
                if key:
                    return _Act(pos, bracket.end(), key, True, _catalogue_kind(key))
            return _Act(pos, end, resolved, True, kind)
        if has_of and cm.group("of") == "of":  # in capitals ("OF THE ACT") a word is no acronym
            acr = _ACRONYM_RE.match(text, q)
            if acr and acr.group("acr").replace("&", "") not in _ACRONYM_STOP:
                word = acr.group("acr")
                resolved = self.defined(_fold(word), pos) or resolve_act(word) or word
                return _Act(pos, acr.end(), resolved, True, _catalogue_kind(resolved))
            if re.match(r"[A-Z]", text[q:q + 1]):
                # "of the Rules & Orders of ...", "of Chapter 1-E": an act named, not recognised
                return _Act(pos, pos, None, True, None)
        return None

    # ---- mentions, definitions, words standing for an act

    def mentions_by_end(self) -> list[tuple[int, int, str, str | None, str | None]]:
        """The mentions ordered by where they end (see :meth:`mention_ends`)."""
        if self._by_end is None:
            self._by_end = sorted(self.mentions(), key=lambda m: m[1])
            self._ends = [m[1] for m in self._by_end]
        return self._by_end

    def mention_ends(self) -> list[int]:
        self.mentions_by_end()
        return self._ends

    def kind_year_acts(self, kind: str | None, year: str | None) -> set[str]:
        """The acts of that kind and year named anywhere in the text."""
        self.mentions()
        return self._by_kind_year.get((kind, year), set())

    def mentions(self) -> list[tuple[int, int, str, str | None, str | None]]:
        """(start, end, act, kind, year) of every act named in the text, in order.

        A term defined in the text and used as a name ("the Women Protection
        Act" after "... Act, 2016 (the \u201cWomen Protection Act\u201d)") is that act.
        """
        if self._mentions is not None:
            return self._mentions
        found = list(self._names())
        defs = self.definitions()
        for i, (s, e, act, k, y) in enumerate(found):
            if defs and act not in catalogue():
                defined = defs.get(_fold(act))
                if defined is not None and defined != act:
                    found[i] = (s, e, defined, _catalogue_kind(defined) or k, y)
        for s, e, act, k, y in self._descriptions:
            defined = defs.get(_fold(act))
            if defined is not None:
                found.append((s, e, defined, _catalogue_kind(defined) or k, y))
        found.sort()
        self._mentions = found
        self._mention_starts = [m[0] for m in found]
        for _s, _e, act, k, y in found:
            self._by_kind_year.setdefault((k, y), set()).add(act)
        return found

    def _names(self) -> list[tuple[int, int, str, str | None, str | None]]:
        """The acts named in the text as written (known aliases and titles), in order."""
        if self._raw_mentions is not None:
            return self._raw_mentions
        found: list[tuple[int, int, str, str | None, str | None]] = []
        text = self.text
        known = _known_act_re()
        covered: set[int] = set()
        # known aliases, tried only at words whose first letters begin one (the alternation of
        # every alias is slow to run at every position of a long text)
        three, two = _alias_prefixes()
        skip_to = 0
        for w in _WORD_START_RE.finditer(text):
            pos = w.start()
            if pos < skip_to:
                continue
            letters = _NOT_LETTER_RE.sub("", text[pos:pos + 12]).upper()
            if letters[:3] not in three and letters[:2] not in two:
                continue
            if not known.match(text, pos):
                continue
            act = self.known_act_at(pos)
            if act and act.act:
                info = catalogue()[act.act]
                found.append((pos, act.end, act.act, act.kind, str(info.year) if info.year else None))
                covered.update(range(pos, act.end))
                skip_to = act.end
        # titles not in the catalogue
        generic_end = -1
        for m in re.finditer(r"(?<![\w\-])[A-Z]", text):
            pos = m.start()
            if pos in covered or pos < generic_end:
                continue
            gm = _GENERIC_TITLE_RE.match(text, pos)
            if not gm or not (gm.group("lead").strip() or gm.group("cont")):
                continue
            first = re.split(r"[\s(]", gm.group("lead").strip() or gm.group("kind"), maxsplit=1)[0].lower()
            if first in _TITLE_STOP or _ROMAN_WORD_RE.match(first):
                continue
            end = gm.end("cont") if gm.group("cont") else gm.end("kind")
            year = gm.group("year")
            if not _law_title(gm, year):
                continue
            title = text[pos:end]
            key = resolve_act(title + (f", {year}" if year else ""))
            generic_end = end
            if key is None and not gm.group("cont") and _descriptive(gm.group("lead")):
                # "the Punjab Act": a description, a name only where the text defines it so
                self._descriptions.append((pos, gm.end() if year else end, _tidy_title(title, year),
                                           _kind_of(gm.group("kind")), year))
                continue
            found.append((pos, gm.end() if year else end, key or _tidy_title(title, year),
                          _kind_of(gm.group("kind")), year))
        found.sort()
        self._raw_mentions = found
        return found

    def definitions(self) -> dict[str, str]:
        """Folded defined term -> act, from "<act> (the "Code")" on this text."""
        if self._definitions is not None:
            return self._definitions
        defs: dict[str, str] = {}
        self._definitions = defs  # set first: mentions() may ask while we build
        text = self.text
        if "(" not in text and "[" not in text and "{" not in text:
            return defs
        candidates = list(_DEFINITION_RE.finditer(text))
        if not candidates:
            return defs
        ends = {e: act for _s, e, act, _k, _y in self._names()}
        for m in candidates:
            p = m.start()
            back = p
            # "... Act, 2010\u201d (\u2018the Act, 2010\u2019)": a quote may close the title first
            while back > 0 and text[back - 1] in " ,\t\r\n\"\u201d\u2019" and p - back < 5:
                back -= 1
            act = ends.get(back)
            if act is None:
                continue
            term = _fold(m.group("term").strip(" ,"))
            if term not in defs:
                defs[term] = act
                self._definition_at[term] = p
        return defs

    def defined(self, term: str, pos: int) -> str | None:
        """The act a term defined in the text stands for, as read at ``pos``.

        Inside a long quotation (another judgment, a provision reproduced) the
        judgment's own definitions do not hold: "the Act" there is the quoted
        text's act, so only a definition made inside the same quotation counts.
        """
        act = self.definitions().get(term)
        if act is None:
            return None
        quote = self.quote_at(pos)
        if quote is not None and not quote[0] <= self._definition_at[term] < quote[1]:
            return None
        return act

    def quote_at(self, pos: int) -> tuple[int, int] | None:
        """The long quotation (curly quotes, at least :data:`QUOTE_MIN` characters) around ``pos``."""
        if self._quotes is None:
            self._quotes = []
            text = self.text
            i = text.find("\u201c")
            while i >= 0:
                close = text.find("\u201d", i + 1)
                if close < 0:
                    break
                inner = text.find("\u201c", i + 1, close)
                if inner >= 0:  # this one is never closed: start again at the next
                    i = inner
                    continue
                if close - i >= QUOTE_MIN:
                    self._quotes.append((i, close + 1))
                i = text.find("\u201c", close + 1)
            self._quote_starts = [q[0] for q in self._quotes]
        k = bisect_right(self._quote_starts, pos) - 1
        if k >= 0 and pos < self._quotes[k][1]:
            return self._quotes[k]
        return None

    def resolve_recent(self, pos: int, kind: str | None, year: str | None, window: int | None = None,
                       *, amending: bool = True) -> str | None:
        """The act most recently named before ``pos`` (within the window), of that kind/year.

        With ``amending=False`` an amending Act ("... (Amendment) Act, 2022") is passed over.
        """
        lo = pos - (window or (_KIND_WINDOW if kind else _ANAPHOR_WINDOW))
        quote = self.quote_at(pos)
        if quote is not None:
            lo = max(lo, quote[0])  # inside a quotation, only what it names itself
        best: tuple[int, str] | None = None
        mentions = self.mentions()
        for j in range(bisect_left(self._mention_starts, pos) - 1, -1, -1):
            s, e, act, k, y = mentions[j]
            if s < lo - 300:  # titles are shorter than this
                break
            if e > pos or e < lo or (kind and k != kind) or (year and y and y != year):
                continue
            if not amending and _AMENDING_RE.search(act):
                continue
            if best is None or e > best[0]:
                best = (e, act)
        for j in range(bisect_right(self._resolved_ends, pos) - 1, -1, -1):
            e, act, k = self.resolved_acts[j]
            if e < lo or (best is not None and e <= best[0]):
                break
            if kind and k != kind:
                continue
            if year and catalogue().get(act) and str(catalogue()[act].year) != year:
                continue
            if not amending and _AMENDING_RE.search(act):
                continue
            best = (e, act)
            break
        return best[1] if best else None

    def add_group(self, g: _Group) -> None:
        """Remember a group read (in text order) for later words standing for an act."""
        for it in g.items:
            self._last_by_section[it.section] = g
        if g.resolved:
            self.resolved_acts.append((g.end, g.resolved, _catalogue_kind(g.resolved)))
            self._resolved_ends.append(g.end)

    # ---- lists of sections

    def items_at(self, pos: int, unit: str, order: str | None, presub: str | None, plural: bool = False
                 ) -> tuple[list[_Item], int] | None:
        text = self.text
        item_re = _RULE_ITEM_RE if unit == "rule" else _ITEM_RE
        items: list[_Item] = []
        m = item_re.match(text, pos)
        if not m or not self._item_ok(m):
            return None
        items.append(self._item(m, order, presub))
        end = m.end()
        while len(items) < _MAX_ITEMS:
            sm = _SEP_RE.match(text, end)
            if not sm or not sm.group(0):
                break
            nm = item_re.match(text, sm.end())
            if nm and self._item_ok(nm):
                item = self._item(nm, order, None)
                if sm.group("range") or (plural and sm.group("rdash")):
                    # "sections 4 to 8"; "Ss. 100-103" (a dash is a range after a plural word only)
                    items.extend(_between(items[-1], item))
                items.append(item)
                end = nm.end()
                continue
            if sm.group("range") or sm.group("rdash"):
                break
            sib = _SIBLING_RE.match(text, sm.end())
            if sib and items[-1].sub is not None:
                prev = items[-1]
                parts = _SUB_PART_RE.findall(prev.sub or "")
                head = "".join(f"({p})" for p in parts[:-1])
                new_sub = head + _norm_sub(sib.group("subs"))
                items.append(_Item(prev.label, prev.section, new_sub))
                end = sib.end()
                continue
            break
        return items, end

    @staticmethod
    def _item_ok(m: re.Match[str]) -> bool:
        """Not a year ("section 302, 2019 SCMR") and not section 0."""
        num = m.group("num")
        suffix = m.group("sa") or m.group("sb") or m.group("sc")
        if "." not in num and 1800 <= int(num) <= 2099 and not suffix and not m.group("subs"):
            return False
        return not (int(float(num)) == 0 and not suffix)

    @staticmethod
    def _item(m: re.Match[str], order: str | None, presub: str | None) -> _Item:
        num = m.group("num")
        suffix_raw = ""
        if m.group("sa"):
            suffix_raw = m.group(0)[len(num):m.end("sa") - m.start()]
        elif m.group("sb"):
            suffix_raw = m.group("sb")
        elif m.group("sc"):
            suffix_raw = " " + m.group("sc")
        label = num + suffix_raw
        subs = _norm_sub(m.group("subs"))
        if "subsecv" in m.re.groupindex and m.group("subsecv"):
            subs = (subs or "") + f"({m.group('subsecv')})"
        if presub:
            subs = f"({presub})" + (subs or "")
        if order is not None:
            number = int(order) if order.isdigit() else _roman_to_int(order)
            return _Item(f"Order {order} Rule {label}", f"O{number}R{section_key(label)}", subs or None)
        return _Item(label, section_key(label), subs or None)

    # ---- chains of groups

    def group_at(self, pos: int, anchor: re.Match[str] | None, join: str | None) -> _Group | None:
        """A group at ``pos``: [anchor] items [act]. ``anchor`` None means a bare list."""
        if anchor is not None:
            if anchor.group("order"):
                unit, order = "rule", anchor.group("ordnum")
            elif anchor.group("art"):
                unit, order = "article", None
            elif anchor.group("rule"):
                unit, order = "rule", None
            else:
                unit, order = "section", None
            word = anchor.group("sec") or anchor.group("art") or ""
            plural = _PLURAL_ANCHOR_RE.match(word) is not None
            got = self.items_at(anchor.end(), unit, order, anchor.group("presubv"), plural)
            start = anchor.start()
        else:
            unit, order = "section", None
            got = self.items_at(pos, unit, None, None)
            start = pos
        if not got:
            return None
        items, end = got
        bare = anchor is None
        act = self.act_after(end, bare=bare and join != "rw")
        if act is None and not bare and start > 0 and self.text[start - 1] == "(":
            # "Chapter IV (sections 76 to 106) of the PPC": the act after the bracket
            close = _CLOSE_PAREN_RE.match(self.text, end)
            if close:
                act = self.act_after(close.end(), bare=False)
                if act is not None and act.act is not None:
                    act.start = end
                else:
                    act = None
        if bare and join != "rw" and (act is None or act.act is None):
            return None
        if act is not None and act.end > act.start:
            end = act.end
        elif act is not None:
            act = _Act(end, end, None, True, None)
        if act is not None and act.word == "supra":
            # "section 13(4) supra": the act that section was cited with earlier, if it was
            earlier = self._last_by_section.get(items[0].section)
            if earlier is not None:
                act = _Act(act.start, act.end, earlier.resolved, True, None, "supra")
        group = _Group(start, end, unit, items, act, not bare, join)
        if act is not None and act.act is not None:
            group.unit = _unit_of(unit, act.act)
        return group

    def chain_at(self, first: _Group) -> list[_Group]:
        text = self.text
        groups = [first]
        end = first.end
        while len(groups) < _MAX_GROUPS:
            jm = _JOIN_RE.match(text, end)
            if not jm or not (jm.group("rw") or jm.group("and")):
                break
            q = jm.end()
            join = "rw" if jm.group("rw") else "and"
            am = _ANCHOR_RE.match(text, q)
            nxt = self.group_at(q, am, join) if am else None
            if nxt is None and not am:
                nxt = self.group_at(q, None, join)
                if nxt is not None and join == "and":
                    nxt.join = "bare"
            if nxt is None or nxt.end - first.start > _MAX_SPAN:
                break
            groups.append(nxt)
            end = nxt.end
        return groups


def _norm_sub(s: str | None) -> str:
    if not s:
        return ""
    return "".join("(c)" if p == "\u00a9" else f"({q.strip()})"
                   for p, q in ((m.group(0), m.group(1) or "") for m in _SUB_PART_RE.finditer(s)))


def _compatible(unit: str, donor_unit: str, donor_act: str) -> bool:
    if unit == donor_unit:
        return True
    return {unit, donor_unit} == {"section", "rule"} and donor_act == "CPC"


_FORM_FEED_RE = re.compile("\f")


class _Sentences:
    """Where sentences end in a text, to tell whether two positions share one."""

    def __init__(self, text: str) -> None:
        self.breaks = [m.start() for m in _SENTENCE_END_RE.finditer(text)]
        self.breaks.extend(m.start() for m in _FORM_FEED_RE.finditer(text))
        self.breaks.sort()

    def same(self, a: int, b: int, reach: int) -> bool:
        """True when ``a`` (an end) and ``b`` (a later start) are close and in one sentence.

        A reference ending in "Cr.P.C." before " The" ends its sentence too: the
        full stop inside its span counts.
        """
        if b < a or b - a > reach:
            return False
        return bisect_left(self.breaks, a - 1) == bisect_left(self.breaks, b)


def find_statute_refs(text: str, page_number: int = 1) -> list[StatuteRefFact]:
    """Every statute reference on one page's text, one fact per section, in text order."""
    if not text:
        return []
    scanner = _Scanner(text)
    anchors: list[tuple[int, re.Match[str] | None]] = [(m.start(), m) for m in _ANCHOR_RE.finditer(text)]
    for m in _BARE_RE.finditer(text):
        p = m.start()
        if not _bare_stopped(text, p):
            anchors.append((p, None))
    anchors.sort(key=lambda a: (a[0], a[1] is None))

    all_groups: list[tuple[_Group, int]] = []  # (group, chain id)
    consumed = -1
    chain_id = 0
    for pos, anchor in anchors:
        if pos < consumed:
            continue
        first = scanner.group_at(pos, anchor, None)
        if first is None:
            continue
        chain = scanner.chain_at(first)
        chain_id += 1
        _infer_within_chain(chain)
        for g in chain:
            all_groups.append((g, chain_id))
            scanner.add_group(g)
        consumed = chain[-1].end

    _act_written_before(scanner, all_groups)
    _lend_within_sentences(text, [g for g, _ in all_groups])
    _running_act(scanner, [g for g, _ in all_groups])

    facts: list[StatuteRefFact] = []
    last_cid = None
    refs: list[list[_Group]] = []
    for g, cid in all_groups:
        if cid != last_cid or (g.has_prefix and g.join == "and"):
            refs.append([g])
        else:
            refs[-1].append(g)
        last_cid = cid
    for ref in refs:
        span = (ref[0].start, ref[-1].end)
        raw = text[span[0]:span[1]]
        seen: set[tuple[str | None, str, str | None, str]] = set()
        for g in ref:
            if is_treaty(g.resolved):
                continue  # a treaty's articles are read, not recorded
            for it in g.items:
                key = (g.resolved, it.section, it.sub, g.unit)
                if key in seen:
                    continue
                seen.add(key)
                facts.append(StatuteRefFact(
                    raw=raw, act=g.resolved, section=it.section, section_label=it.label,
                    sub=it.sub, unit=g.unit, span=span, page_number=page_number,
                ))
    return facts


#: What joins two pages when a judgment is read as one text: a line break, so a title
#: or a sentence running over a page break reads on ("... of Prevention of" / "Electronic
#: Crimes Act, 2016"), and not a sentence break.
PAGE_JOIN = "\n"


def find_statute_refs_in_pages(pages: Sequence[str]) -> list[StatuteRefFact]:
    """Every statute reference in a document's pages, read as one text.

    A definition made on one page ("Code of Criminal Procedure, 1898 (the
    Code)") then holds on the later ones, "the Act of 1894" finds the one Act
    of 1894 named anywhere before, and a reference broken by a page break
    ("sections 9, 10 and 11 of Prevention of" / "Electronic Crimes Act") is
    read whole. Each fact keeps its page: ``page_number`` is the page its
    reference starts on and ``span`` is in that page's text (cut at the end of
    the page when the reference runs over it; ``raw`` is the part on the page).
    """
    pages = [p or "" for p in pages]
    if not any(pages):
        return []
    starts: list[int] = []
    pos = 0
    for page in pages:
        starts.append(pos)
        pos += len(page) + len(PAGE_JOIN)
    text = PAGE_JOIN.join(pages)
    out: list[StatuteRefFact] = []
    for f in find_statute_refs(text, 1):
        index = bisect_right(starts, f.span[0]) - 1
        page = pages[index]
        start = f.span[0] - starts[index]
        end = min(f.span[1] - starts[index], len(page))
        if not 0 <= start < end:
            continue
        out.append(StatuteRefFact(
            raw=page[start:end], act=f.act, section=f.section, section_label=f.section_label, sub=f.sub,
            unit=f.unit, span=(start, end), page_number=index + 1,
        ))
    return out


# Between an act named first and its sections: "Arbitration Act, 1996, Ss. 100-103",
# "Equality Act 2010, Chapter 2, Section 26".
_ACT_FIRST_RE = re.compile(r"[ \t]?,[ \t\r\n]*(?:(?:Chapter|Part)[ \-]?[\w\-]{1,6},[ \t\r\n]*)?$")


def _act_written_before(scanner: _Scanner, groups: list[tuple[_Group, int]]) -> None:
    """A chain with no act takes the act named just before it, a comma between
    ("the Arbitration Act, 1996, Ss. 100-103"), unless that name ends another reference."""
    text = scanner.text
    ends = {g.end for g, _ in groups}
    last_cid = None
    for g, cid in groups:
        first = cid != last_cid
        last_cid = cid
        if not first or g.resolved is not None or (g.act and g.act.named) or not g.has_prefix:
            continue
        m = _ACT_FIRST_RE.search(text, max(0, g.start - 40), g.start)
        if not m or m.start() in ends:
            continue
        i = bisect_left(scanner.mention_ends(), m.start())
        mentions = scanner.mentions_by_end()
        if i < len(mentions) and mentions[i][1] == m.start():
            g.resolved = mentions[i][2]
            g.unit = _unit_of(g.unit, g.resolved)


def _act_unit(act: str) -> str:
    """The unit an act is numbered in: the catalogue's, else by its kind."""
    info = catalogue().get(act)
    if info is not None:
        return info.unit
    kind = _kind_of(act)
    if kind in ("Constitution", "Convention", "Covenant", "Charter"):
        return "article"
    return "rule" if kind in ("Rules", "Regulations") else "section"


def _running_act(scanner: _Scanner, groups: list[_Group]) -> None:
    """A section still without an act, after every rule above, from the discussion it is in.

    Judgments name an act and then cite its sections bare ("The Punjab Act creates
    two forums. Section 23(1) states ... under sections 11, 16, 18 and 19"). Two
    readings, in this order:

    1. the act the same section was last cited with in the text ("section 376 PPC
       ... under section 376, section 377"), when every section of the group was;
    2. the act named or cited last before it (amending Acts passed over), when that
       is at most :data:`RUNNING_REACH` characters back (:data:`REPRODUCED_REACH`
       when the text says it reproduces a provision: "Article 161 of QSO is
       reproduced below"), and the unit agrees (a bare "Article" after the PPC gets
       nothing). A section given an act this way passes it on to the next.

    A named but unresolved act ("section 5 of the Rules of Business") is never replaced.
    """
    mentions = scanner.mentions_by_end()
    ends = scanner.mention_ends()
    text = scanner.text
    last: tuple[int, str] | None = None  # (end, act) of the last reference with an act
    cited: dict[tuple[str, str], str] = {}  # (unit, section) -> act it was last cited with
    for g in groups:
        if g.resolved is None and not (g.act and g.act.named):
            earlier = {cited.get((g.unit, it.section)) for it in g.items}
            if len(earlier) == 1 and None not in earlier:
                g.resolved = earlier.pop()
            else:
                best = last
                i = bisect_right(ends, g.start) - 1
                while i >= 0 and _AMENDING_RE.search(mentions[i][2]):
                    i -= 1
                if i >= 0 and (best is None or mentions[i][1] > best[0]):
                    best = (mentions[i][1], mentions[i][2])
                if best is not None and _compatible(g.unit, _act_unit(best[1]), best[1]):
                    reach = RUNNING_REACH
                    if _REPRODUCED_RE.search(text, best[0], min(g.start, best[0] + 200)):
                        reach = REPRODUCED_REACH
                    if g.start - best[0] <= reach:
                        g.resolved = best[1]
        if g.resolved is not None and not _AMENDING_RE.search(g.resolved):
            last = (g.end, g.resolved)
            for it in g.items:
                cited[(g.unit, it.section)] = g.resolved


def _lend_within_sentences(text: str, groups: list[_Group]) -> None:
    """A group with no act takes one from a reference in the same sentence.

    First a reference citing the same section ("section 320 of the Indian Code
    ... not in accordance with section 320"), then the reference just before.
    """
    sentences: _Sentences | None = None
    for i, g in enumerate(groups):
        if g.resolved is not None or (g.act and g.act.named) or i == 0:
            continue
        if sentences is None:
            sentences = _Sentences(text)
        sections = {it.section for it in g.items}
        donor = None
        for j in range(i - 1, max(-1, i - 1 - _LOOK_BACK_GROUPS), -1):
            earlier = groups[j]
            if not sentences.same(earlier.end, g.start, _SENTENCE_REACH):
                break
            if earlier.resolved and sections & {it.section for it in earlier.items} \
                    and _compatible(g.unit, earlier.unit, earlier.resolved):
                donor = earlier
                break
        prev = groups[i - 1]
        if donor is None and prev.resolved and _compatible(g.unit, prev.unit, prev.resolved) \
                and sentences.same(prev.end, g.start, _INHERIT_GAP):
            donor = prev
        if donor is not None:
            g.resolved = donor.resolved


def _infer_within_chain(chain: list[_Group]) -> None:
    """Acts written in a chain, then lent back ("151, read with 141 CPC") and forward."""
    for g in chain:
        g.resolved = g.act.act if g.act else None
    for i in range(len(chain) - 2, -1, -1):
        g, donor = chain[i], chain[i + 1]
        if g.resolved is not None or (g.act and g.act.named) or not donor.resolved:
            continue
        if (donor.join == "rw" or g.unit == donor.unit == "rule") \
                and _compatible(g.unit, donor.unit, donor.resolved):
            g.resolved = donor.resolved
    for g in chain:
        g.unit = _unit_of(g.unit, g.resolved)


def _unit_of(unit: str, act: str | None) -> str:
    """A "section" of an act numbered in articles is an article (the Constitution, QSO);
    of rules or regulations ("Section 5(3) of the ... Rules, 1983"), a rule."""
    if unit != "section" or act is None:
        return unit
    info = catalogue().get(act)
    if info is not None:
        return info.unit if info.unit in ("article", "rule") else unit
    return "rule" if _kind_of(act) in ("Rules", "Regulations") else unit
