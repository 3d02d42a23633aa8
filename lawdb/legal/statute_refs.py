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
  subsections at an end, written with a dash, or wider than 100 give their
  endpoints only.
* CPC orders: ``Order XXXIX Rules 1 and 2 CPC`` gives unit ``rule`` and
  section keys ``O39R1``, ``O39R2`` (``O`` + the order in arabic numerals +
  ``R`` + the rule; ``section_label`` ``Order XXXIX Rule 1``). A rule without
  an order ("Rule 25.2 of the Police Rules") keeps its number (``25.2``).
* ``unit``: ``article`` after "Article", ``rule`` after "Rule"/"Order", else
  ``section``; a "section" or bare reference to an act whose catalogue unit is
  "article" (Constitution, QSO, Police Order) becomes ``article``.
* ``act``: the catalogue key when the act is known (aliases matched
  tolerantly, see statutes.json "about"); else the title as written, tidied
  (leading "the" dropped, spaces collapsed, year as ``, YYYY``: ``Punjab Holy
  Quran (Printing and Recording) Act, 2011``; unknown abbreviations after
  "of" as written: ``ICCPR``); else ``None``.
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
  - within one sentence, a group takes the act of an earlier reference citing
    the same section ("section 320 of the Indian Code ... not in accordance
    with section 320"), else of the reference just before it, at most 250
    characters back ("under section 292-B PPC and convicted under sections
    292-B and 292-C"); only between the same units (a CPC rule and a section
    may lend to each other). A sentence ends at ". X", "; ", ': "' or a blank
    line.
  A group whose act was named but not recognised ("Rule 2 of Chapter 1-E")
  never takes another's act.
* Words standing for an act: "ibid" and "thereof" name the act most recently
  named in the same text within 300 characters before; "supra" names the act
  the same section was cited with earlier in the text (else as "ibid");
  "the said Act", "the same Code", "that Ordinance" name the most recent act
  of that kind (Act, Code, Ordinance, Order, Rules, Constitution) within 600
  characters. "the Act", "the Code", "this Act", "the Act of 1997", "the
  Punjab Act" and unknown abbreviations ("ROPA") first look for a definition
  in the text ("Code of Criminal Procedure, 1898 (the Code)", "... Act, 1997
  ("Act of 1997")", "(hereinafter referred to as the Act)"), then for the most
  recent act of that kind; with a year ("the Ordinance, 1979"), for the one
  act of that kind and year named anywhere in the text. Definitions on other
  pages are not seen: parsers are pure functions of one page's text.
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
names that "ibid" and definitions need runs once per call, only when needed.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

__all__ = [
    "StatuteInfo",
    "StatuteRefFact",
    "catalogue",
    "find_statute_refs",
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
        return index.get(base + m.group("year")) or index.get(base)
    return None


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
    "principal", "parent",
))

_ANAPHOR_RE = re.compile(
    rf"(?P<det>(?:the|this|that|said|same|aforesaid|above|above-mentioned|abovementioned|instant)"
    rf"(?:{_WS}+(?:said|same|aforesaid|above|instant))?{_WS}+)?"
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
    rf"{_WS}*(?P<comma>,)?{_WS}*(?:(?P<of>of){_WS}+)?(?:(?P<det>the|our|The){_WS}+)?"
    rf"(?:(?:repealed|erstwhile|now{_WS}+repealed){_WS}+)?"
)

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

_NUM = r"(?P<num>\d{1,4})(?![\d])(?![a-z])"
_RULE_NUM = r"(?P<num>\d{1,4}(?:\.\d{1,3})?)(?![\d])(?![a-z])"
_SUFFIX = (
    r"(?:[\-\u2013][ ]?(?P<sa>[A-Z]{1,4}(?![a-z])|[a-z]{1,2}(?![A-Za-z]))"
    r"|(?P<sb>E{3,4}|[A-Z]{1,2})(?![A-Za-z])"
    # "22 A", "203 DD": a capital after a space only when something reference-like follows
    r"|[ ](?P<sc>[A-Z]{1,2})(?![A-Za-z.])"
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
    r"|[ ][A-Z]{1,2}(?![A-Za-z.]))?"
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
    r"|here\s?in\s?after\s+)?(?:the\s+)?[\"\u201c\u2018']?"
    r"(?P<term>[A-Z][\w.\-\u2019']*(?:[ ,]+(?:of\s+)?[A-Z0-9][\w.\-\u2019']*){0,4})"
    r"[\"\u201d\u2019']?\s*[)\]}]"
)

_MAX_ITEMS = 20
_MAX_GROUPS = 12
_MAX_SPAN = 500
_INHERIT_GAP = 250
_SENTENCE_REACH = 600
_LOOK_BACK_GROUPS = 12
_ANAPHOR_WINDOW = 300  # "ibid", "thereof", "supra": any act named this close before
_KIND_WINDOW = 600  # "the said Order": an Order named this close before


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


def _tidy_title(title: str, year: str | None) -> str:
    t = re.sub(r"\s+", " ", title).strip(" ,")
    t = t.replace("\u2019", "'").rstrip("'\"")
    t = re.sub(r"^(?:the|our)\s+", "", t, flags=re.IGNORECASE)
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
        if first in _TITLE_STOP:
            return None
        year = m.group("year")
        end = m.end() if year else m.end("cont") if m.group("cont") else m.end("kind")
        title_text = self.text[pos:(m.end("cont") if m.group("cont") else m.end("kind"))]
        kind = _kind_of(m.group("kind"))
        # a definition made on this page ("the Punjab Act") wins over the words
        defined = self.definitions().get(_fold(title_text + (f" {year}" if year else "")))
        if defined is None and not year:
            defined = self.definitions().get(_fold(title_text))
        if defined is not None:
            return _Act(pos, end, defined, True, kind)
        key = resolve_act(title_text + (f", {year}" if year else ""))
        if key:
            return _Act(pos, end, key, True, _catalogue_kind(key))
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
        q = cm.end()
        if q >= len(text):
            return None
        has_of = cm.group("of") is not None
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
        if am and (am.group("det") or cm.group("det") or am.group("year")):
            kind = am.group("kind")
            year = am.group("year")
            det = (am.group("det") or "").strip().lower()
            words = text[q:am.end("kind")]
            term = _fold(words + (f" {year}" if year else ""))
            recent_first = any(w in det for w in ("said", "same", "aforesaid", "above", "that"))
            resolved = None
            if not recent_first:
                resolved = self.definitions().get(term)
                if resolved is None and year:
                    resolved = self.definitions().get(_fold(kind + year))
            if resolved is None:
                resolved = self.resolve_recent(pos, kind, year)
            if resolved is None and recent_first:
                resolved = self.definitions().get(term)
            if resolved is None and year:
                # "the Ordinance, 1979": the one Ordinance of 1979 named anywhere on the page
                self.mentions()
                same = self._by_kind_year.get((kind, year), set())
                if len(same) == 1:
                    resolved = next(iter(same))
            end = am.end() if year else am.end("kind")
            return _Act(pos, end, resolved, True, kind)
        if has_of:
            acr = _ACRONYM_RE.match(text, q)
            if acr and acr.group("acr").replace("&", "") not in _ACRONYM_STOP:
                word = acr.group("acr")
                resolved = self.definitions().get(_fold(word)) or resolve_act(word) or word
                return _Act(pos, acr.end(), resolved, True, _catalogue_kind(resolved))
            if re.match(r"[A-Z]", text[q:q + 1]):
                # "of the Rules & Orders of ...", "of Chapter 1-E": an act named, not recognised
                return _Act(pos, pos, None, True, None)
        return None

    # ---- mentions, definitions, words standing for an act

    def mentions(self) -> list[tuple[int, int, str, str | None, str | None]]:
        """(start, end, act, kind, year) of every act named in the text, in order."""
        if self._mentions is not None:
            return self._mentions
        found: list[tuple[int, int, str, str | None, str | None]] = []
        text = self.text
        known = _known_act_re()
        covered: set[int] = set()
        # known aliases
        for m in known.finditer(text):
            if m.start() and (text[m.start() - 1].isalnum()):
                continue
            act = self.known_act_at(m.start())
            if act and act.act:
                info = catalogue()[act.act]
                found.append((m.start(), act.end, act.act, act.kind, str(info.year) if info.year else None))
                covered.update(range(m.start(), act.end))
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
            if first in _TITLE_STOP:
                continue
            end = gm.end("cont") if gm.group("cont") else gm.end("kind")
            year = gm.group("year")
            title = text[pos:end]
            key = resolve_act(title + (f", {year}" if year else ""))
            found.append((pos, gm.end() if year else end, key or _tidy_title(title, year),
                          _kind_of(gm.group("kind")), year))
            generic_end = end
        found.sort()
        self._mentions = found
        self._mention_starts = [m[0] for m in found]
        for _s, _e, act, k, y in found:
            self._by_kind_year.setdefault((k, y), set()).add(act)
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
        mentions = self.mentions()
        ends = {e: act for _s, e, act, _k, _y in mentions}
        for m in candidates:
            p = m.start()
            back = p
            while back > 0 and text[back - 1] in " ,\t\r\n" and p - back < 4:
                back -= 1
            act = ends.get(back)
            if act is None:
                continue
            term = m.group("term").strip(" ,")
            defs.setdefault(_fold(term), act)
        return defs

    def resolve_recent(self, pos: int, kind: str | None, year: str | None) -> str | None:
        """The act most recently named before ``pos`` (within the window), of that kind/year."""
        lo = pos - (_KIND_WINDOW if kind else _ANAPHOR_WINDOW)
        best: tuple[int, str] | None = None
        mentions = self.mentions()
        for j in range(bisect_left(self._mention_starts, pos) - 1, -1, -1):
            s, e, act, k, y = mentions[j]
            if s < lo - 300:  # titles are shorter than this
                break
            if e > pos or e < lo or (kind and k != kind) or (year and y and y != year):
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

    def items_at(self, pos: int, unit: str, order: str | None, presub: str | None
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
                if sm.group("range"):
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
            got = self.items_at(anchor.end(), unit, order, anchor.group("presubv"))
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
            info = catalogue().get(act.act)
            if info and info.unit == "article" and unit == "section":
                group.unit = "article"
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


class _Sentences:
    """Where sentences end in a text, to tell whether two positions share one."""

    def __init__(self, text: str) -> None:
        self.breaks = [m.start() for m in _SENTENCE_END_RE.finditer(text)]
        self.breaks.extend(i for i, c in enumerate(text) if c == "\f")
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

    _lend_within_sentences(text, [g for g, _ in all_groups])

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
        if g.resolved is not None and g.unit == "section":
            info = catalogue().get(g.resolved)
            if info and info.unit == "article":
                g.unit = "article"
