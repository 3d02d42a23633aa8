"""How legal identifiers become index keys, and how a query names them.

The index keys (lower case, see ``docs/search.md``):

* statutes: ``ppc`` (the act), ``ppc:292b`` (act and section), ``s:292b``
  (the section, whatever the act);
* case numbers: ``964j/2023`` and, with the type, ``crla:964j/2023``;
* citations: the canonical form of ``docs/parsing-conventions.md``, lower case.

The same functions build the keys at indexing time (from the database facts)
and at query time (from what a user typed), so both always agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lawdb.legal.citations import find_citations, normalize_citation
from lawdb.legal.statute_refs import catalogue, find_statute_refs, resolve_act, section_key
from lawdb.search.analysis import fold

__all__ = [
    "ABBREVIATIONS",
    "ActMention",
    "CaseMention",
    "act_term",
    "case_keys",
    "case_type_key",
    "find_acts",
    "find_case_numbers",
    "find_query_citations",
    "find_section_refs",
    "normalize_citation",
    "section_term",
]


def act_term(act: str) -> str:
    """Index key of an act: its catalogue key, or its title folded to letters and digits."""
    key = resolve_act(act) or act
    return re.sub(r"[^0-9a-z\-]", "", fold(key)) or fold(key)


def section_term(act: str | None, section: str) -> str:
    """``("PPC", "292-B")`` -> ``ppc:292b``; without an act ``s:292b``."""
    sec = section_key(section).lower()
    return f"{act_term(act)}:{sec}" if act else f"s:{sec}"


def section_display(act: str | None, section: str) -> str:
    """Facet label of a section: ``PPC:292B`` (the act as keyed, or as written)."""
    return f"{resolve_act(act) or act}:{section_key(section)}" if act else section_key(section)


# -- case numbers ----------------------------------------------------------------------

#: How case types are written -> the type key (letters of the canonical type, lower case).
_CASE_TYPES: dict[str, tuple[str, ...]] = {
    "crla": ("Criminal Appeal", "Crl. Appeal", "Crl.Appeal", "Cr. Appeal", "Crl.A.", "Cr.A.", "Crl. A."),
    "crja": ("Criminal Jail Appeal", "Crl. Jail Appeal", "Cr. Jail Appeal", "Cr.J.A.", "Crl.J.A.",
             "Jail Appeal"),
    "crlpla": ("Crl.P.L.A.", "Criminal Petition for Leave to Appeal", "Crl. P.L.A."),
    "crlp": ("Criminal Petition", "Crl. Petition", "Crl.P.", "Cr.P.", "Crl. P."),
    "crlmisc": ("Criminal Miscellaneous", "Crl. Misc.", "Crl.Misc.", "Cr. Misc.", "Crl.M."),
    "crba": ("Criminal Bail Application", "Cr. Bail Application", "Crl. Bail Application",
             "Bail Application", "Cr.B.A.", "Cr. B.A.", "Crl.B.A."),
    "crlrev": ("Criminal Revision", "Crl. Revision", "Crl.Rev.", "Crl. Rev.", "Cr. Rev."),
    "crloa": ("Crl.O.A.", "Criminal Original Application"),
    "murderref": ("Murder Reference", "Murder Ref.", "M.R."),
    "cpla": ("C.P.L.A.", "Civil Petition for Leave to Appeal"),
    "ca": ("Civil Appeal", "C.A."),
    "cp": ("Civil Petition", "Constitutional Petition", "Const. Petition", "C.P."),
    "wp": ("Writ Petition", "W.P.", "W. P."),
    "jp": ("Jail Petition", "J.P."),
    "hrc": ("Human Rights Case", "H.R.C."),
    "smc": ("Suo Motu Case", "Suo Moto Case", "S.M.C."),
    "cma": ("Civil Miscellaneous Application", "C.M.A."),
    "rfa": ("Regular First Appeal", "R.F.A."),
    "lca": ("L.C.A.",),
    "ica": ("Intra Court Appeal", "I.C.A."),
    "psla": ("P.S.L.A.", "Petition for Special Leave to Appeal"),
    "cr": ("Civil Revision", "C.R."),
}


def case_type_key(case_type: str | None) -> str | None:
    """``"Crl.A."`` -> ``crla``; ``"Murder Ref."`` -> ``murderref``; None stays None."""
    if not case_type:
        return None
    letters = re.sub(r"[^a-z]", "", fold(case_type))
    return _TYPE_BY_LETTERS.get(letters, letters) or None


def _type_pattern(variant: str) -> str:
    parts = [re.escape(p) for p in re.findall(r"[A-Za-z]+", variant)]
    return r"[.\s]{0,2}".join(parts) + r"\.?"


_TYPE_BY_LETTERS = {re.sub(r"[^a-z]", "", fold(v)): key for key, vs in _CASE_TYPES.items() for v in vs}
_TYPE_BY_LETTERS.update({key: key for key in _CASE_TYPES})
_TYPE_ALTERNATION = "|".join(
    sorted({_type_pattern(v) for vs in _CASE_TYPES.values() for v in vs}, key=len, reverse=True))
CASE_NUMBER_RE = re.compile(
    rf"(?<![\w/])(?:(?P<type>{_TYPE_ALTERNATION})\s{{0,2}}(?:Nos?\.?|Number)?\s{{0,2}})?"
    r"(?P<number>\d{1,7})(?:\s{0,2}-\s{0,2}(?P<suffix>[A-Za-z]{1,3}))?"
    r"\s{0,2}(?:of|/)\s{0,2}(?P<year>(?:19|20)\d\d|\d\d)(?![\w/])",
    re.IGNORECASE,
)


def case_keys(number: int | None, suffix: str | None, year: int | None,
              case_type: str | None = None) -> list[str]:
    """Index keys of a case number: the bare key and, when the type is known, the typed key."""
    if number is None or year is None:
        return []
    if year < 100:
        year += 2000 if year < 50 else 1900
    bare = f"{number}{(suffix or '').lower()}/{year}"
    keys = [bare]
    type_key = case_type_key(case_type)
    if type_key:
        keys.append(f"{type_key}:{bare}")
    return keys


@dataclass(frozen=True)
class CaseMention:
    span: tuple[int, int]
    keys: list[str]  #: typed key first when a type was written
    typed: bool


def find_case_numbers(text: str) -> list[CaseMention]:
    """Case numbers written in a query: ``Crl.A. No. 964-J of 2023``, ``W.P. 15163/2023``.

    A bare ``123/2020`` counts only when it stands alone or a type is given,
    so that ordinary numbers in a query are left alone.
    """
    found = []
    for m in CASE_NUMBER_RE.finditer(text):
        typed = m.group("type") is not None
        if not typed and not (m.group("suffix") or "/" in m.group(0)):
            continue
        keys = case_keys(int(m.group("number")), m.group("suffix"), int(m.group("year")),
                         m.group("type"))
        found.append(CaseMention(m.span(), list(reversed(keys)) if typed else keys, typed))
    return found


# -- citations and statutes in a query ------------------------------------------------------

@dataclass(frozen=True)
class CitationMention:
    span: tuple[int, int]
    normalized: str


def find_query_citations(text: str) -> list[CitationMention]:
    try:
        return [CitationMention(f.span, f.normalized) for f in find_citations(text)]
    except Exception:  # the finder promises not to raise; a query must never crash on it
        return []


@dataclass(frozen=True)
class SectionRef:
    span: tuple[int, int]
    sections: list[tuple[str | None, str]]  #: (act key or None, section key)


def find_section_refs(text: str) -> list[SectionRef]:
    """``u/s 302 PPC``, ``section 22 of PECA``, ``292-B/292-C PPC`` in a query."""
    try:
        facts = find_statute_refs(text, 1)
    except Exception:
        return []
    by_span: dict[tuple[int, int], list[tuple[str | None, str]]] = {}
    for fact in facts:
        item = (fact.act, fact.section)
        if item not in by_span.setdefault(fact.span, []):
            by_span[fact.span].append(item)
    return [SectionRef(span, secs) for span, secs in sorted(by_span.items())]


@dataclass(frozen=True)
class ActMention:
    span: tuple[int, int]
    key: str  #: catalogue key ("PECA")


def _alias_regex(alias: str) -> str:
    tokens = re.findall(r"[A-Za-z0-9]+|&", alias)
    if not tokens:
        return ""
    if len(tokens) > 1 and all(len(t) <= 3 for t in tokens):
        # "P.P.C.", "Cr.P.C.": dots and single spaces between the letters optional
        return r"[.\s]{0,2}".join(re.escape(t) for t in tokens) + r"\.?"
    return r"[\s\-]{1,3}".join("(?:&|and)" if t == "&" else re.escape(t) for t in tokens)


@lru_cache(maxsize=1)
def _act_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    keys: dict[str, str] = {}
    patterns: list[str] = []
    for info in catalogue().values():
        for alias in (info.key, *info.aliases):
            if re.search(r"\b(?:Act|Ordinance|Order)\s+[IVXLC]+\s+of\s+\d{4}", alias):
                continue  # "Act XLV of 1860" is not what people type
            pattern = _alias_regex(alias)
            if pattern:
                patterns.append(pattern)
                keys.setdefault(re.sub(r"[^a-z0-9]", "", alias.lower()), info.key)
    patterns.sort(key=len, reverse=True)
    regex = re.compile(r"(?<![\w.])(?:" + "|".join(patterns) + r")(?![\w])(?:,?\s(?:19|20)\d\d\b)?",
                       re.IGNORECASE)
    return regex, keys


def find_acts(text: str) -> list[ActMention]:
    """Statutes named in a query by abbreviation or title: ``PECA``, ``Pakistan Penal Code``."""
    regex, keys = _act_regex()
    found = []
    for m in regex.finditer(text):
        written = re.sub(r",?\s(?:19|20)\d\d$", "", m.group(0))
        key = keys.get(re.sub(r"[^a-z0-9]", "", written.lower())) or resolve_act(m.group(0))
        if key:
            found.append(ActMention(m.span(), key))
    return found


@lru_cache(maxsize=256)
def act_names(key: str) -> tuple[str, ...]:
    """The names an act is searched under: its abbreviations and its short title."""
    info = catalogue().get(key)
    if info is None:
        return (key,)
    names = [key] if key.isalnum() and len(key) <= 8 else []
    title = re.sub(r",?\s*\d{4}$", "", info.title).strip()
    names.append(title)
    for alias in info.aliases:
        compact = alias.replace(".", "").replace(" ", "")
        if compact.isalpha() and compact.isupper() and compact not in names:
            names.append(compact)
    return tuple(dict.fromkeys(names))


#: Legal abbreviations searched together with what they stand for (both ways).
ABBREVIATIONS: dict[str, str] = {
    "fir": "first information report",
    "sho": "station house officer",
    "asj": "additional sessions judge",
    "fia": "federal investigation agency",
    "pw": "prosecution witness",
    "dw": "defence witness",
    "cnic": "computerised national identity card",
    "nadra": "national database and registration authority",
    "pta": "pakistan telecommunication authority",
    "io": "investigating officer",
    "mlo": "medico legal officer",
    "dna": "deoxyribonucleic acid",
    "csam": "child sexual abuse material",
    "u/s": "under section",
}


@lru_cache(maxsize=1)
def _expansion_regex() -> re.Pattern[str]:
    fulls = sorted((f for f in ABBREVIATIONS.values() if " " in f), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, f.split())) for f in fulls)
                      + r")(?!\w)", re.IGNORECASE)


def find_expansions(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Spelt-out legal abbreviations in ``text``: ("fir", span of "First Information Report")."""
    by_full = {full: abbr for abbr, full in ABBREVIATIONS.items() if "/" not in abbr}
    out = []
    for m in _expansion_regex().finditer(text):
        abbr = by_full.get(" ".join(m.group(0).lower().split()))
        if abbr:
            out.append((abbr, m.span()))
    return out


#: Courts searched by name, abbreviation or alias (``court:LHC``, ``court:SC``), beside the words
#: of their names. The values are the court names the parsers write.
COURT_ALIASES: dict[str, tuple[str, ...]] = {
    "Supreme Court of Pakistan": ("SC", "SCP", "Supreme Court"),
    "Lahore High Court": ("LHC",),
    "Sindh High Court": ("SHC", "High Court of Sindh"),
    "Islamabad High Court": ("IHC",),
    "Peshawar High Court": ("PHC",),
    "Balochistan High Court": ("BHC", "High Court of Balochistan"),
    "Federal Shariat Court": ("FSC",),
    "Supreme Court of India": ("SCI",),
    "Supreme Court of the United States": ("SCOTUS",),
}


def court_named(value: str) -> str | None:
    """The court a whole ``court:`` value names ("lhc", "Lahore High Court"), or None."""
    key = " ".join(fold(value).replace(".", "").split())
    for court, aliases in COURT_ALIASES.items():
        if key in {fold(court), *(fold(a) for a in aliases)}:
            return court
    return None
