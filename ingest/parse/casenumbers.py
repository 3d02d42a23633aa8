"""Case numbers: ``Criminal Appeal No. 964-J of 2023`` -> ``Crl.A.`` 964, suffix ``J``, 2023.

``find_case_numbers(text, page_number)`` finds every case number in a page's
text and gives one :class:`CaseNumberFact` per number, with ``type`` in the
canonical forms of ``docs/parsing-conventions.md`` (``Crl.A.``, ``Cr.J.A.``,
``Crl.P.``, ``Crl.P.L.A.``, ``Crl.Misc.``, ``Cr.B.A.``, ``Crl.Rev.``,
``Crl.O.A.``, ``Murder Ref.``, ``C.A.``, ``C.P.``, ``C.P.L.A.``, ``W.P.``,
``J.P.``, ``H.R.C.``, ``S.M.C.``, ``C.M.A.``, ``R.F.A.``, ``L.C.A.``,
``I.C.A.``, ``P.S.L.A.``, ``C.R.``, ``Other``).

What it reads:

- a case type, written out or abbreviated with or without dots and spaces
  (``Criminal Appeal``, ``Crl. Appeal``, ``Crl.A.``, ``Cr.A``, ``W. P.``,
  ``C.P.L.A.``); only types in the table below are recognised, so FIR and
  crime numbers (``FIR No. 123/2023``), law-report citations (``2019 SCMR
  1234``), dates and sections are never case numbers;
- ``No.``, ``Nos.``, ``No(s).``, ``Number`` or nothing;
- one number or a list: ``1313-L, 1314-L & 1315-L``, ranges ``1194 to 1197``
  (one fact per number; a range longer than :data:`MAX_RANGE` gives its two
  ends only), items that carry their own year (``10511/2020, 78009/2019``);
- the year after ``of``, ``/`` or ``-`` (``-`` only before four digits);
  two-digit years after ``/`` are expanded like dates (``/13`` -> 2013, see
  :func:`ingest.parse.dates.expand_year`). A five-digit "year" (OCR's
  ``OF 20214``) is rejected rather than guessed.

Registry and bench markers are kept in ``suffix`` as printed, upper case:
``964-J``, ``964/J/2023``, ``1107-L``, ``63844-B``, ``454-ATA``. The
**prefix** letters of Sindh numbers (``D-304``, ``S- 441``: D for division
bench, S for single bench) are stored the same way, in ``suffix``
(``Cr. Jail Appeal No. D-304 of 2019`` -> number 304, suffix ``"D"``), so
``(number, suffix, year)`` identifies the case either way it is written. A
number with both (rare) gets ``"D/J"``.

A number without a year is dropped, except when the next case number follows
at once after ``and``/``&``/``,`` and has one (``Criminal Appeals No.163 to
171 and S.M. Case No.5/2005``): then it takes that year.

Every fact of one written expression shares its ``raw`` text and ``span``
(the whole expression, as statute references do), offsets into ``text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import expand_year

__all__ = ["MAX_RANGE", "MAX_YEAR", "MIN_YEAR", "CaseNumberFact", "find_case_numbers"]

MAX_RANGE = 100
MIN_YEAR, MAX_YEAR = 1900, 2039
"""Years a case number may have; outside them it is OCR or something else (raise MAX_YEAR in time)."""


@dataclass(frozen=True)
class CaseNumberFact:
    raw: str
    type: str
    number: int
    suffix: str | None
    year: int
    page_number: int
    span: tuple[int, int]


def _re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    r"""Compile with ``\s*``/``\s+`` bounded to 8 characters: cleaned text has no long whitespace runs,
    and the bound keeps matching linear on hostile input."""
    return re.compile(pattern.replace(r"\s*", r"\s{0,8}").replace(r"\s+", r"\s{1,8}"), flags)


def _abbr(letters: str) -> str:
    """``"CPLA"`` -> a pattern for C.P.L.A., CPLA, C. P. L. A and the like (capitals only)."""
    return "(?-i:" + r"\.?\s?".join(re.escape(c) for c in letters) + r"\.?)"


# "Criminal" written out or abbreviated; a bare "Cr"/"CR" needs its dot, so "CRP" (civil review
# petition) is not read as a criminal petition.
_CR = r"(?:Criminal|Crim\.|Crl\.?|Cr\.|Cri\.)\s?"
_CRA = r"(?:Crl\.?|CRL\.?|Cr\.|CR\.)\s?"  # before a one-letter abbreviation: Crl.A., Cr.P.
_CIVIL = r"Civil\s"
_S = r"s?"  # plural

# (canonical type, pattern); the first that matches at a position wins, so longer forms come first.
TYPES: list[tuple[str, str]] = [
    ("Crl.P.L.A.", rf"{_CR}Petitions?\s+for\s+Leave\s+to\s+Appeal|{_CRA}{_abbr('PLA')}"),
    ("C.P.L.A.", rf"{_CIVIL}Petitions?\s+for\s+Leave\s+to\s+Appeal|{_abbr('CPLA')}"),
    ("P.S.L.A.", rf"Petitions?\s+for\s+Special\s+Leave\s+to\s+Appeal|{_abbr('PSLA')}"),
    ("Cr.J.A.", rf"{_CR}Jail\s+Appeal{_S}|{_CRA}{_abbr('JA')}"),
    (
        "Cr.B.A.",
        rf"{_CR}Bail\.?\s*Appl(?:ication)?{_S}\.?|{_CRA}{_abbr('BA')}|Bail\s+Application{_S}",
    ),
    ("Crl.Misc.", rf"{_CR}Misc(?:ellaneous)?\.?(?:\s+Applications?)?|{_CRA}(?-i:M)\.(?=\s?No)"),
    ("Crl.Rev.", rf"{_CR}Rev(?:ision)?{_S}\.?"),
    ("Crl.O.A.", rf"{_CR}Orig(?:inal)?\.?(?:\s+(?:Application|Petition)s?)?|{_CR}Org\.?|{_CRA}{_abbr('OA')}"),
    ("Murder Ref.", rf"Murder\s+Ref(?:erence)?{_S}\.?|(?-i:M\.\s?R\.)"),
    ("Crl.A.", rf"{_CR}Appeal{_S}|{_CRA}(?-i:As?)\b\.?"),
    ("Crl.P.", rf"{_CR}Petition{_S}|{_CRA}(?-i:Ps?)\."),
    ("C.A.", rf"{_CIVIL}Appeal{_S}|{_abbr('CA')}s?"),
    ("C.M.A.", rf"{_CIVIL}Misc(?:ellaneous)?\.?\s+Applications?|{_abbr('CMA')}"),
    ("C.R.", rf"{_CIVIL}Revision{_S}\.?|{_abbr('CR')}"),
    (
        "C.P.",
        rf"{_CIVIL}Petition{_S}|Constitution(?:al)?\s+Petition{_S}|Const\.?\s?P(?:etition)?{_S}\.?"
        rf"|{_abbr('CP')}s?",
    ),
    ("W.P.", rf"Writ\s+Petition{_S}|{_abbr('WP')}s?"),
    ("J.P.", rf"Jail\s+Petition{_S}|{_abbr('JP')}"),
    ("H.R.C.", rf"Human\s+Rights?\s+Cases?|{_abbr('HRC')}"),
    ("S.M.C.", rf"Suo\s+Mo(?:tu|to)\s+Cases?|(?-i:S\.?\s?M\.?)\s?Cases?|{_abbr('SMC')}"),
    ("R.F.A.", rf"Regular\s+First\s+Appeal{_S}|{_abbr('RFA')}"),
    ("L.C.A.", _abbr("LCA")),
    ("I.C.A.", rf"Intra[\s-]+Court\s+Appeal{_S}|{_abbr('ICA')}"),
    (
        "Other",
        r"Capital\s+Sentence\s+Reference|Election\s+(?:Appeal|Petition)s?\.?|Customs\s+Reference"
        r"|Civil\s+Original(?:\s+Suit)?|Service\s+Appeal|Sessions\s+Case|Special\s+Case"
        r"|Tax\s+Reference|Review\s+Petition|Family\s+Appeal|Contempt\s+Petition|Civil\s+Suit"
        rf"|{_abbr('CSR')}|{_abbr('COS')}|{_abbr('EFA')}|{_abbr('FAO')}|{_abbr('RSA')}|{_abbr('STR')}"
        rf"|{_abbr('HRMA')}|{_abbr('CRP')}|{_abbr('ITR')}|{_abbr('CO')}|{_abbr('CM')}|{_abbr('EP')}",
    ),
]

_TYPE = "|".join(f"(?P<t{i}>{pattern})" for i, (_, pattern) in enumerate(TYPES))
_NO = r"(?:\s*(?i:No|Nos|Number|Numbers|No\(s\))\s*[.,:]?){0,2}\s*#?\s*"
# One number: optional Sindh prefix letter (D-304, S- 441), digits, optional marker (-J, /J, -ATA).
_ITEM = r"(?:[DS]\s?[-–]\s?)?\d{1,6}(?:\s?[-/]\s?[A-Z]{1,4}(?![A-Za-z]))?"
_YEAR = r"(?:\s*(?:[Oo][Ff])\s+(?:19|20)\d\d|\s*/\s*(?:(?:19|20)\d\d|\d\d)|\s?[-–]\s?(?:19|20)\d\d)(?![0-9])"
_JOIN = r"\s*(?:,\s*(?:and\s+|&\s*)?|&|\band\b|\bto(?=\s|\d))\s*"
_LIST = rf"{_ITEM}(?:{_YEAR})?(?:{_JOIN}{_ITEM}(?:{_YEAR})?){{0,40}}"

_EXPR = _re(rf"(?<![A-Za-z])(?i:{_TYPE}){_NO}(?P<list>{_LIST})(?![0-9])")
_ITEM_RE = _re(
    rf"(?:(?P<pre>[DS])\s?[-–]\s?)?(?P<num>\d{{1,6}})(?:\s?[-/]\s?(?P<suf>[A-Z]{{1,4}})(?![A-Za-z]))?"
    rf"(?P<year>{_YEAR})?"
)
_JOIN_RE = _re(_JOIN)
_YEAR_DIGITS = re.compile(r"(\d+)$")
_CONNECTOR = _re(r"\s*(?:,|&|and)?\s*", re.IGNORECASE)


# (number, suffix, year or None, the joiner before it: "", ",", "&", "and", "to")
_Item = tuple[int, str | None, int | None, str]
# (number, suffix, year or None)
_Number = tuple[int, str | None, int | None]


def _type_of(m: re.Match[str]) -> str:
    for i, (canonical, _) in enumerate(TYPES):
        if m.group(f"t{i}") is not None:
            return canonical
    raise AssertionError("no type group matched")  # pragma: no cover


def _items(list_text: str) -> list[_Item]:
    """Each item of a list such as ``1313-L, 1314-L & 1315-L of 2021``."""
    out: list[_Item] = []
    pos = 0
    joiner = ""
    while pos < len(list_text):
        m = _ITEM_RE.match(list_text, pos)
        if not m:
            break
        pre, suf = m.group("pre"), m.group("suf")
        suffix = f"{pre}/{suf}" if pre and suf else pre or suf
        year = None
        if m.group("year"):
            year = expand_year(_YEAR_DIGITS.search(m.group("year")).group(1))
        out.append((int(m.group("num")), suffix, year, joiner))
        pos = m.end()
        j = _JOIN_RE.match(list_text, pos)
        if not j:
            break
        joiner = j.group(0).strip().lower()
        pos = j.end()
    return out


def _numbers(items: list[_Item]) -> list[_Number]:
    """Expand ``to`` ranges and give items without a year the list's final year."""
    final_year = next((year for _, _, year, _ in reversed(items) if year is not None), None)
    out: list[_Number] = []
    for number, suffix, year, joiner in items:
        year = year if year is not None else final_year
        if joiner == "to" and out:
            start, start_suffix, _ = out[-1]
            if start < number and number - start <= MAX_RANGE and start_suffix == suffix:
                out.extend((n, suffix, year) for n in range(start + 1, number))
        out.append((number, suffix, year))
    # The range start was appended before the list's year was known.
    return [(n, s, y if y is not None else final_year) for n, s, y in out]


def find_case_numbers(text: str, page_number: int) -> list[CaseNumberFact]:
    """Every case number in ``text`` (one page), in order, each number once per expression."""
    found: list[tuple[re.Match[str], str, list[_Number]]] = []
    for m in _EXPR.finditer(text):
        numbers = _numbers(_items(m.group("list")))
        if numbers:
            found.append((m, _type_of(m), numbers))

    facts: list[CaseNumberFact] = []
    for i, (m, type_, numbers) in enumerate(found):
        if any(year is None for _, _, year in numbers):
            # "Criminal Appeals No.163 to 171 and S.M. Case No.5/2005": borrow the next year.
            borrowed = None
            if i + 1 < len(found):
                nxt_m, _, nxt_numbers = found[i + 1]
                gap = text[m.end() : nxt_m.start()]
                if _CONNECTOR.fullmatch(gap) and nxt_numbers[0][2] is not None:
                    borrowed = nxt_numbers[0][2]
            if borrowed is None:
                continue
            numbers = [(n, s, y if y is not None else borrowed) for n, s, y in numbers]
        seen: set[tuple[int, str | None, int]] = set()
        for number, suffix, year in numbers:
            key = (number, suffix, year)
            if key in seen or year is None or not MIN_YEAR <= year <= MAX_YEAR:
                continue
            seen.add(key)
            facts.append(
                CaseNumberFact(
                    raw=m.group(0),
                    type=type_,
                    number=number,
                    suffix=suffix,
                    year=year,
                    page_number=page_number,
                    span=(m.start(), m.end()),
                )
            )
    return facts
