"""Amendments: consolidated texts' footnotes, amending Acts, and a provision's periods in time.

Three pure stages, no database:

1. **Footnotes of consolidated texts** (Pakistan Code style, the Sindh Judicial
   Academy's, the Constitution's). :func:`find_footnotes` finds the numbered
   notes at the bottom of a page (``1Subs. by Act No. II of 2025, s.2.``,
   ``1`` on a line of its own and the note on the next, star notes ``*``);
   :func:`parse_note` reads one note ("Ins. by Act X (Second Amdt.) of 2016,
   s. 4.", "ss.292B and 292C omitted by Act. XXXVII of 2023, s.13.") into an
   :class:`AmendmentNote`; notes that are not amendment notes ("See footnote 9
   on page 5, supra.", the Code's extent note, judgments striking words down)
   give None. :func:`parse_notes` reads a run of notes in printed order and
   resolves "ibid" to the note before.
2. **Amending Acts** (:func:`parse_amending_act`): title, number, the Act it
   amends, commencement, and each instruction ("in section 6, in sub-section
   (1), for the word "three" the word "five" shall be substituted").
3. **Point in time** (:func:`build_periods`, :func:`in_force_on`): from the
   current text printed by a consolidation and the notes on a provision, the
   periods ``[valid_from, valid_to)`` of its history, without inventing text
   or dates; :data:`KNOWN_ACT_DATES` holds the amending Acts' dates that the
   corpus itself prints.

Every function here is total on any string: it returns None, an empty result
or a partial one rather than raising, and its work is bounded by the size of
its input (inputs beyond a generous cap are truncated; no regular expression
here backtracks without bound).
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ingest.parse.dates import expand_year
from lawdb.legal.versions import VersionPeriod, in_force_on

__all__ = [
    "ACTIONS",
    "KNOWN_ACT_DATES",
    "AmendingActFacts",
    "AmendingInstruction",
    "AmendmentNote",
    "KnownActDate",
    "VersionPeriod",
    "build_periods",
    "canonical_act",
    "find_footnotes",
    "in_force_on",
    "parse_amending_act",
    "parse_note",
    "parse_notes",
]

#: Longest note text read (a real note is rarely over 1,500 characters).
MAX_NOTE = 4_000
#: Longest page read by :func:`find_footnotes`; footnotes sit at the bottom, so the end is kept.
MAX_PAGE = 200_000
#: Most pages and characters per page read by :func:`parse_amending_act`.
MAX_ACT_PAGES = 1_000
#: Most characters of an amending Act read in all (the longest real ones are far shorter).
MAX_ACT_TEXT = 2_000_000

#: The actions of :class:`AmendmentNote` (those of ``lawdb.models.statutes.AmendmentAction``).
ACTIONS = ("insert", "substitute", "omit", "add", "renumber", "amend", "repeal")


# --------------------------------------------------------------------------------------------
# Shared helpers: text normalisation, numbers, dates, labels
# --------------------------------------------------------------------------------------------

_QUOTE_MAP = str.maketrans({"“": '"', "”": '"', "„": '"', "″": '"', "\u00ad": "-", "\ufffe": "-",
                            "\u2010": "-", "\u2011": "-", "\u00a0": " "})


def _normalise(text: str) -> str:
    """Curly and doubled single quotes to ``"``, soft hyphens to ``-``, runs of spaces to one."""
    text = text.replace("‘‘", '"').replace("’’", '"').replace("''", '"').replace("``", '"')
    text = text.translate(_QUOTE_MAP)
    return re.sub(r"\s+", " ", text).strip()


_ROMAN_RE = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_VALUES = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                 (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def _to_roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN_VALUES:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _number(token: str) -> int | None:
    """``"86"`` -> 86, ``"LXXXVI"`` -> 86, OCR's ``"VIl"`` -> 7; None if neither."""
    token = token.strip()
    if re.fullmatch(r"[0-9]{1,4}", token):
        n = int(token)
        return n if 0 < n < 4000 else None
    # OCR reads capital I as lower-case l ("VIl", "VlI"); an upper-case L is fifty.
    fixed = "".join("I" if ch == "l" else ch for ch in token).upper()
    if not fixed or len(fixed) > 15 or not _ROMAN_RE.fullmatch(fixed):
        return None
    value, i = 0, 0
    while i < len(fixed):
        step = next(((v, len(letters)) for v, letters in _ROMAN_VALUES if fixed.startswith(letters, i)), None)
        if step is None:
            return None
        value, i = value + step[0], i + step[1]
    return value or None


def _year(text: str) -> int | None:
    """``"1898"`` -> 1898, ``"02"`` -> 2002, ``"82"`` -> 1982 (the pivot of :func:`expand_year`)."""
    text = text.strip()
    if re.fullmatch(r"[0-9]{4}", text):
        year = int(text)
        return year if 1600 <= year <= 2099 else None
    return expand_year(text) if re.fullmatch(r"[0-9]{2}", text) else None


_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december"]


def _month(word: str) -> int | None:
    w = word.lower().strip(".")
    if len(w) < 3:
        return None
    for i, name in enumerate(_MONTH_NAMES, 1):
        if name.startswith(w) or (len(w) >= 3 and w.startswith(name[:3]) and len(w) <= len(name) + 1):
            return i
    close = difflib.get_close_matches(w, _MONTH_NAMES, n=1, cutoff=0.75)
    return _MONTH_NAMES.index(close[0]) + 1 if close else None


_DATE_WORDS = re.compile(
    r"(?P<d>\d{1,2})\s*(?:st|nd|rd|th|t\s?h)?\s*(?:day\s+of\s+)?(?P<m>[A-Za-z]{3,10})\.?[\s,.'’]*(?P<y>\d{4})")
_DATE_NUM = re.compile(r"(?P<d>\d{1,2})\s?[-./]\s?(?P<m>\d{1,2})\s?[-./]\s?(?P<y>\d{4}|\d{2})(?!\d)")
_DATE_MONTH_FIRST = re.compile(r"(?P<m>[A-Za-z]{3,10})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})")


def _date_at(text: str) -> date | None:
    """The date that ``text`` starts with (after "the"): "14th October' 1955", "3-10-2007", "17 Jan, 2022"."""
    text = re.sub(r"^\s*(?:the\s*)?", "", text[:60])
    for pattern in (_DATE_WORDS, _DATE_NUM, _DATE_MONTH_FIRST):
        m = pattern.match(text)
        if not m:
            continue
        y = _year(m.group("y"))
        mo = int(m.group("m")) if m.group("m").isdigit() else _month(m.group("m"))
        if y is None or mo is None:
            continue
        try:
            return date(y, mo, int(m.group("d")))
        except ValueError:
            continue
    return None


_LABEL = r"\d{1,4}(?:\s?-\s?[A-Z]{1,2}|[A-Z]{1,2})?"


def _label_key(label: str) -> str:
    """``"292-B"`` -> ``"292B"``, ``"26 A"`` -> ``"26A"``: the canonical section key."""
    return re.sub(r"[\s-]", "", label).upper()


def _mask_quotes(text: str) -> str:
    """``text`` with everything inside double quotes blanked, same length (for finding verbs)."""
    return re.sub(r'"[^"]{0,600}"', lambda m: '"' + " " * (len(m.group()) - 2) + '"', text)


# --------------------------------------------------------------------------------------------
# Amending instruments: "Act X (Second Amdt.) of 2016", "Ord. 86 of 02", "A. O., 1949"...
# --------------------------------------------------------------------------------------------

_KIND = (r"(?P<kind>Fed(?:eral)?\.?\s*Act\.?|W\.\s?P\.\s?Act\.?|Act\.?,?|Ordinance|Ordi\.|Ord\.?"
         r"|P\.\s?O\.?|F\.\s?O\.?|G\.\s?G\.\s?O\.?|President['’]?s\s+Order|Regulation)")
_NUMTOK = r"(?P<num>\d{1,4}|[IVXLCDM][IVXLCDMl]{0,9})(?![\w])"
_AMDT = r"(?:\s*\(\s*(?:[A-Za-z]+\s+)?(?:Amdt|Amendment)\.?\s*\))?"
_NUMBERED = re.compile(
    rf"(?i:{_KIND})(?:\s*(?i:No)\.?)?\s*\(?\s*{_NUMTOK}{_AMDT}\s*(?i:of)\s*(?P<y>\d{{4}}|\d{{2}})(?!\d)\)?"
    rf"(?:\s*\(\s*(?:[A-Za-z]+\s+)?Amendment\s*\))?")
_BARE = re.compile(rf"\(?{_NUMTOK}\s*(?i:of)\s*(?P<y>\d{{4}}|\d{{2}})(?!\d)\)?")
_SRO = re.compile(
    r"S\.\s?R\.\s?O\.?\s*(?:No\.?\s*)?(?P<n>\d{1,5})\s*\((?P<s>[IVX]{1,4})\)\s*/\s*(?P<y>\d{4}|\d{2})(?!\d)")
_ADAPTATION = re.compile(r"(?P<f>F\.\s?)?A\.\s?[O0]\.?\s*,?\s*(?P<y>1[89]\d\d)\b")
_TITLE = re.compile(
    r"(?P<title>(?:[A-Z(]|the\s|[a-z]+\s)[\w'’.&()\s-]{0,140}?(?:,\s*)?"
    r"\b(?P<tkind>Act|Ordinance|Ord|[Oo]rder|Regulations?|Code))(?P<dot>\.)?\s*,?\s*(?P<ty>1[6-9]\d\d|20\d\d)\b"
    r"(?:\s*,?\s*\((?P<spec>[^()]{1,60})\))?")
# what a title cannot contain: "by", a section or schedule reference, another numbered instrument
_NOT_A_TITLE = re.compile(
    r"\b(?:by|vide|ibid)\b|(?<![\w'’])(?:Arts?|Sch|ss?|Sec|Table)\.?(?:\s|\d|$)|\bAct\s+\d|\bOrd\.\s*\d")
_SPEC = re.compile(
    rf"^\s*(?:(?P<skind>(?i:Fed(?:eral)?\.?\s*Act\.?|W\.\s?P\.\s?Act\.?|Act\.?|Ordinance|Ord\.?|P\.\s?O\.?"
    rf"|F\.\s?O\.?|G\.\s?G\.\s?O\.?|President['’]?s\s+Order))(?:\s*(?i:No)\.?)?\s*)?{_NUMTOK}\s*(?i:of)\s*(?P<y>\d{{4}}|\d{{2}})\s*$")


def _kind_name(raw_kind: str) -> str:
    k = re.sub(r"[\s.,'’]", "", raw_kind).lower()
    if k in ("wpact",):
        return "W.P. Act"
    if k in ("po", "presidentsorder"):
        return "P.O."
    if k == "fo":
        return "F.O."
    if k == "ggo":
        return "G.G.O."
    if k.startswith("ord"):
        return "Ordinance"
    if k.startswith("regulation"):
        return "Regulation"
    return "Act"


def canonical_act(kind: str, number: int, year: int) -> str:
    """The canonical name of a numbered instrument.

    Acts, Ordinances and Regulations are numbered in Roman figures ("Act XXXVII of
    2023", "Ordinance LXXXVI of 2002", "W.P. Act XXXII of 1964"); President's
    Orders and the like keep Arabic figures as they are cited ("P.O. 14 of 1985").
    """
    if kind in ("Act", "Ordinance", "Regulation", "W.P. Act"):
        return f"{kind} {_to_roman(number)} of {year}"
    return f"{kind} {number} of {year}"


@dataclass(frozen=True)
class _Instrument:
    act: str | None
    title: str | None
    year: int | None
    start: int
    end: int


def _instrument_at(text: str, pos: int) -> _Instrument | None:
    """The amending instrument that starts at ``text[pos:]`` (after "by"), if any."""
    m0 = re.compile(r"\s*(?:\(\s*(?=[A-Z]))?(?:the\s*(?=[A-Z(])|the\s+)?").match(text, pos)
    start = m0.end() if m0 else pos
    m = _ADAPTATION.match(text, start)
    if m:
        y = int(m.group("y"))
        name = f"{'F.A.O.' if m.group('f') else 'A.O.'} {y}"
        return _Instrument(name, None, y, start, m.end())
    m = _SRO.match(text, start)
    if m and _year(m.group("y")):
        y = _year(m.group("y")) or 0
        return _Instrument(f"S.R.O. {int(m.group('n'))}({m.group('s')})/{y}", None, y, start, m.end())
    m = _NUMBERED.match(text, start)
    if m:
        n, y = _number(m.group("num")), _year(m.group("y"))
        if n and y:
            return _Instrument(canonical_act(_kind_name(m.group("kind")), n, y), None, y, start, m.end())
    m = _BARE.match(text, start)
    if m and _number(m.group("num")) and not m.group("num").isdigit():
        n, y = _number(m.group("num")), _year(m.group("y"))
        if n and y:
            return _Instrument(canonical_act("Act", n, y), None, y, start, m.end())
    m = _TITLE.match(text, start)
    if m and not _NOT_A_TITLE.search(m.group("title")):
        title = _normalise(m.group("title")) + ("." if m.group("dot") and m.group("tkind") == "Ord" else "")
        title = re.sub(r"^the\s+", "", title)
        title = re.sub(r"\s*,\s*(?=(?:Act|Ordinance|Ord\.?|[Oo]rder|Regulations?|Code)$)", ", ", title)
        ty = int(m.group("ty"))
        full_title = f"{title}, {ty}"
        kind = _kind_name(m.group("tkind")) if m.group("tkind").lower() not in ("order", "code") else None
        act, year = None, ty
        spec = m.group("spec")
        sm = _SPEC.match(spec) if spec else None
        if sm:
            n, sy = _number(sm.group("num")), _year(sm.group("y"))
            if sm.group("skind"):
                kind = _kind_name(sm.group("skind"))
            if n and sy and kind:
                act, year = canonical_act(kind, n, sy), sy
            elif n and sy and m.group("tkind").lower() == "order":
                act, year = f"Order {n} of {sy}", sy
        end = m.end() if sm else m.end("ty")
        return _Instrument(act, full_title, year, start, end)
    return None


# --------------------------------------------------------------------------------------------
# Footnote notes
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AmendmentNote:
    """One amendment note of a consolidated text, as read by :func:`parse_note`.

    ``action`` is the change the note records; a note naming several changes
    ("Subs. and Ins. by ...", "Renumber, subs. and added by ...") has action
    ``"amend"`` and lists them in ``actions``. ``amending_act`` is canonical
    ("Act X of 2016" for "Act X (Second Amdt.) of 2016", "Ordinance LXXXVI of
    2002" for "Ord. 86 of 02", "P.O. 14 of 1985", "A.O. 1949" for the
    Adaptation Orders); None if the note names no instrument. Where a note
    lists instruments that successively amended the words, the latest is taken
    (it produced the text printed). ``amending_section`` is the section (or
    article) of the amending instrument: "2" for "s.2 & Sch.I", "3-4" for
    "ss.3-4", "2, 3" for "ss. 2 & 3". ``effective_date`` is a printed "w.e.f."
    date; ``act_date`` is the instrument's date when the note prints it ("dt
    17 Jan, 2022"). ``targets`` are the section labels the note itself names
    ("ss.292B and 292C omitted" -> ("292B", "292C"), "for the original section
    4" -> ("4",)); () when it relies on its marker's position. ``old_text`` is
    the quoted text replaced or removed ('for "three"', 'The words "X"
    omitted'). ``ibid`` is True when the note said "ibid" and its instrument was
    taken from the note before.
    """

    action: str
    amending_act: str | None
    amending_act_title: str | None
    year: int | None
    amending_section: str | None
    effective_date: date | None
    targets: tuple[str, ...]
    old_text: str | None
    raw: str
    actions: tuple[str, ...] = ()
    act_date: date | None = None
    ibid: bool = False


_VERB = re.compile(
    r"(?<![\w-])(?P<verb>(?i:re-?numbered|renumber(?:ed)?|numbered|ins(?:erted)?|subs(?:tituted)?|sub"
    r"|omitted|deleted|added|rep(?:ealed)?|amended|restored))(?![\w-])\.?")
_VERB_ACTION = {
    "ins": "insert", "inserted": "insert", "subs": "substitute", "sub": "substitute",
    "substituted": "substitute", "omitted": "omit", "deleted": "omit", "added": "add",
    "rep": "repeal", "repealed": "repeal", "renumbered": "renumber", "re-numbered": "renumber",
    "renumber": "renumber", "numbered": "renumber", "amended": "amend", "restored": "insert",
}
_SUBORDINATE = re.compile(
    r"(?i:(?:\bwhich|\bthat)\s+(?:in\s+turn\s+)?(?:had|has|have|was|were|is)\s+(?:been\s+)?"
    r"(?:[a-z]+ly\s+)*|\bas\s+(?:[a-z]+ly\s+)?|\b(?:originally|subsequently|previously)\s+)$")
_RUN_SEP = re.compile(r"\s*(?:,\s*)?(?:&|\band\b)?\s*")
_INSTRUMENT_LEAD = re.compile(
    r"[\s,]*(?:(?:were|was)\s+)?(?:(?i:by|vide|under)\s+|(?i:as\s+(?:a\s+)?consequence\s+(?:of\s+)?))"
    r"(?:(?i:s|ss|sec|section|art|article)\.?\s*\d{1,4}[A-Z]?(?:\(\w{1,4}\))?\s+of\s+)?")
# "ins. and shall be deemed always to have been so ins. with effect from the 21st day of August 2002"
_DEEMED = re.compile(r"\s*,?\s*and\s+shall\s+be\s+deemed\s+(?:always\s+)?to\s+have\s+been\s+so\s+[\w-]+\.?,?",
                     re.I)
_IBID = re.compile(r"[\s,]*(?:(?i:by)\s+)?(?i:ibid)\b\.{0,2}")
_INSTRUMENT_LEAD_LATER = re.compile(r"[^.;]{0,100}?[\s,]" + _INSTRUMENT_LEAD.pattern[len(r"[\s,]*"):])
_IBID_LATER = re.compile(r"[^.;]{0,60}?\b(?i:ibid)\b\.{0,2}")
_SECTION_REF = re.compile(
    r"[\s,.]*(?:(?i:ss?|sec|sections?|arts?|articles?)\s*\.{0,2}|Act\.(?=\d))\s*"
    r"(?P<sec>\d{1,4}[A-Z]?(?:\s?\([\w]{1,4}\))*(?:\s*(?:-|–|to)\s*\d{1,4}[A-Z]?)?"
    r"(?:\s*(?:&|and|,)\s*(?:(?i:s)\.\s*)?\d{1,4}[A-Z]?(?![\w]))*)")
_WEF = re.compile(r"(?i:\bw\.?\s?e\.?\s?f\b|\bwith\s+(?:effect|affect)\s+from\b)\.?\s*")
_DT = re.compile(r"(?i:\b(?:dt|dated)\b)[.,]?\s*")
_STOP = re.compile(r"(?i:\bwhich\b|\bto\s+r[eo]ad\s+as\s+above|\bsee\b|;)")
_CEASED = re.compile(r"(?i:\bceased?\s+to\s+have\s+effect\b|\bdeclared\s+(?:to\s+be\s+)?in\s+force\b"
                     r"|\beffect\s+as\s+if\b|\beffect\s+subject\s+to\s+the\s+following\s+modific)")
_SUBJECT_TARGETS = re.compile(
    rf"^(?:(?i:the|this|new|original)\s+)*(?i:ss?|sec|sections?|arts?|articles?)\b\.?\s*"
    rf"(?P<labels>{_LABEL}(?:\s*(?:,|and|&|to)\s*{_LABEL})*)(?![\w])")
_ORIGINAL_TARGET = re.compile(
    rf"\bfor\s+the\s+original\s+(?i:s|sec|section|art|article)\b\.?\s*(?P<labels>{_LABEL})(?![\w])")
_RANGE_TARGET = re.compile(r"\(\s*for\s+(?i:sections|ss)\.?\s*(?P<a>\d{1,4})\s+to\s+(?P<b>\d{1,4})\s*\)")
_SUBJECT_QUOTE = re.compile(
    r'(?i:\b(?:words?|letters?|figures?|brackets|expressions?|marks?)\b)[^"]{0,40}"(?P<q>[^"]{1,500})"')


def _section_text(tail: str) -> str | None:
    m = _SECTION_REF.match(tail)
    if not m:
        return None
    sec = re.sub(r"\s+", "", m.group("sec"))
    sec = re.sub(r"\(l\)", "(1)", sec)
    sec = re.sub(r"(?:&|and|,)(?:[sS]\.)?", ", ", sec).replace("–", "-").replace("to", "-")
    return sec or None


def _label_range(first: str, last: str) -> list[str]:
    """``"478", "489"`` -> 478..489; ``"489A", "489D"`` -> 489A..489D; otherwise the two ends."""
    a, b = re.fullmatch(r"([0-9]+)([A-Z]?)", first), re.fullmatch(r"([0-9]+)([A-Z]?)", last)
    if not a or not b:
        return [first, last]
    (na, la), (nb, lb) = (int(a.group(1)), a.group(2)), (int(b.group(1)), b.group(2))
    if not la and not lb and 0 < na <= nb <= na + 300:
        return [str(n) for n in range(na, nb + 1)]
    if na == nb and la and lb and la <= lb:
        return [f"{na}{chr(c)}" for c in range(ord(la), ord(lb) + 1)]
    return [first, last]


def _targets(subject: str, scope: str) -> tuple[str, ...]:
    found: list[str] = []
    m = _SUBJECT_TARGETS.match(subject.strip())
    if m:
        for part in re.split(r"\s*(?:,|\band\b|&)\s*", m.group("labels")):
            ends = [_label_key(x) for x in re.split(r"\s+to\s+", part) if x]
            found += _label_range(ends[0], ends[-1]) if len(ends) == 2 else ends
    for m in _ORIGINAL_TARGET.finditer(scope):
        found.append(_label_key(m.group("labels")))
    for m in _RANGE_TARGET.finditer(scope):
        a, b = int(m.group("a")), int(m.group("b"))
        if 0 < a <= b and b - a <= 300:
            found += [str(n) for n in range(a, b + 1)]
    return tuple(dict.fromkeys(found))


def _date_after(pattern: re.Pattern[str], text: str) -> date | None:
    for m in pattern.finditer(text):
        d = _date_at(text[m.end():])
        if d:
            return d
    return None


def parse_note(text: str, previous: AmendmentNote | None = None) -> AmendmentNote | None:
    """Read one footnote of a consolidated text; None if it is not an amendment note.

    ``text`` is the note without its marker. ``previous`` is the note printed
    just before it: a note that says "ibid" takes its instrument (and its
    section, if it names none) from there; without ``previous`` such a note has
    no instrument. A note is an amendment note when it records a change
    (ins./subs./omitted/added/rep./renumbered/amended) early in its text; notes
    about extent, cross-references ("See footnote 9"), trials by military courts
    or words that "ceased to have effect" by a court's decision are not.
    """
    if not isinstance(text, str):
        return None
    raw = text.strip()
    note = _normalise(raw[:MAX_NOTE])
    note = re.sub(r"^1ns\b", "Ins", note)
    if not note or _CEASED.search(note):
        return None
    masked = _mask_quotes(note)

    primary = None
    for m in _VERB.finditer(masked):
        if m.start() > 400:
            break
        if not _SUBORDINATE.search(masked[max(0, m.start() - 60):m.start()]):
            primary = m
            break
    if primary is None:
        return None

    # The run of actions: "Subs., Omitted, added and ins."
    actions = [_VERB_ACTION[primary.group("verb").lower()]]
    pos = primary.end()
    for _ in range(8):
        sep = _RUN_SEP.match(masked, pos)
        nxt = _VERB.match(masked, sep.end()) if sep else None
        if not nxt:
            break
        actions.append(_VERB_ACTION[nxt.group("verb").lower()])
        pos = nxt.end()
    deemed = _DEEMED.match(masked, pos)
    if deemed:
        pos = deemed.end()
    distinct = tuple(dict.fromkeys(actions))
    action = distinct[0] if len(distinct) == 1 else "amend"
    subject = note[:primary.start()]
    after = pos

    instrument: _Instrument | None = None
    ibid = False
    act = title = None
    year = None
    scope_start = after
    lead = _INSTRUMENT_LEAD.match(note, after)
    m_ibid = None if lead else _IBID.match(note, after)
    if not lead and not m_ibid:
        # "ins. with effect from the 20th November, 2007, vide Article 6 of ...", "repealed ... ibid."
        lead = _INSTRUMENT_LEAD_LATER.match(note, after)
        m_ibid = None if lead else _IBID_LATER.match(note, after)
    if m_ibid:
        ibid = True
        scope_start = m_ibid.end()
        if previous is not None:
            act, title, year = previous.amending_act, previous.amending_act_title, previous.year
    elif lead:
        instrument = _instrument_at(note, lead.end())
        scope_start = lead.end()
    elif re.match(r"[\s,]*(?:the\s*)?[A-Z(]", note[after:]):
        instrument = _instrument_at(note, after)  # "Subs. the Constitution (...) Act, 2010 ..."

    # Several instruments: "have successively been amended by A.O., 1937, A. O., 1949, and ...":
    # the latest produced the text printed.
    if instrument is not None and action == "amend" and len(distinct) == 1:
        chosen = instrument
        p = instrument.end
        for _ in range(12):
            stop = _STOP.search(masked, p)
            limit = stop.start() if stop else len(note)
            found = None
            for k, sep in enumerate(re.finditer(r",\s*(?:and\s+)?|\s+and\s+", note[p:limit])):
                cand = _instrument_at(note, p + sep.end())
                if k > 20 or (cand is not None and (cand.act or cand.title)):
                    found = cand
                    break
            if found is None:
                break
            if (found.year or 0) >= (chosen.year or 0):
                chosen = found
            p = found.end
        instrument = chosen

    if instrument is not None:
        act, title, year = instrument.act, instrument.title, instrument.year
        scope_start = instrument.end
    stop = _STOP.search(masked, scope_start)
    scope = note[scope_start:stop.start() if stop else len(note)]
    dates_in = note[after:stop.start() if stop else len(note)]
    if instrument is not None and action == "amend":
        # in a list of instruments, a date belongs to the one it follows
        nxt = re.search(r",\s*(?:and\s+)?(?:the\s+)?(?:A\.\s?[O0]\.|Act\s|Ord|P\.\s?O\.)", scope)
        scope = dates_in = scope[:nxt.start()] if nxt else scope
    section = _section_text(note[scope_start:])
    if section is None and ibid and previous is not None:
        section = previous.amending_section
    effective = _date_after(_WEF, dates_in)
    act_date = _date_after(_DT, dates_in)

    old_text = None
    m_for = re.search(r'\bfor\s+(?:the\s+)?"(?P<q>[^"]{1,500})"', scope)
    if m_for:
        old_text = m_for.group("q")
    elif action == "substitute" and (mq := re.match(r'[\s,]*(?:[sS]\.\s*[\w&. ]{1,20},\s*)?"([^"]{1,500})"',
                                                   note[scope_start:])):
        old_text = mq.group(1)
    else:
        mq = _SUBJECT_QUOTE.search(subject)
        if mq:
            old_text = mq.group("q")
    if old_text is not None:
        old_text = old_text.strip() or None

    return AmendmentNote(
        action=action,
        amending_act=act,
        amending_act_title=title,
        year=year,
        amending_section=section,
        effective_date=effective,
        targets=_targets(subject, note[after:]),
        old_text=old_text,
        raw=raw,
        actions=distinct if len(distinct) > 1 else (),
        act_date=act_date,
        ibid=ibid,
    )


def parse_notes(texts: Iterable[str]) -> list[AmendmentNote | None]:
    """Parse notes in printed order, resolving "ibid" against the last amendment note before it."""
    out: list[AmendmentNote | None] = []
    previous: AmendmentNote | None = None
    for text in texts:
        note = parse_note(text, previous)
        out.append(note)
        if note is not None:
            previous = note
    return out


_HINT = re.compile(
    r"(?i:\b(?:ins|inserted|subs?|substituted|omitted|added|rep|repealed|re-?numbered|numbered|amended|ibid"
    r"|vide|see|footnote)\b|\bw\.?e\.?f\b|\bby\s+(?:the\s+)?(?:act|ord|ordinance|p\.\s?o|a\.\s?o)\b)")
_NOTE_WORD = (r"(?:Ins|Subs?|Omitted|Added|Rep|Renumbered|Re-numbered|Numbered|See\s+footnote|The\s+words?"
              r"|S\.\s?\d|Ss\.)\b")
# "... supra. 2Subs. by ...": a note glued to the one before it, or to the body's last line
_INLINE_SPLIT = re.compile(rf"(?<=[\s.;)\]_-])(?=\d{{1,3}}{_NOTE_WORD})"
                           rf"|(?<=[.,;)\"”’–—_-]\s)(?=\d{{1,3}}[A-Z][a-z])")
# "... for “clause (3)”. 10\nIns. by ...": a marker left at the end of the line above its note
_TRAILING_MARKER = re.compile(r"(?<=\S)[ \t]+(\d{1,3})[ \t]*\n(?=[ \t]*(?P<next>[^\n]{0,100}))")
_NOTE_OPENING = re.compile(
    r"(?:Ins|Subs?|Omitted|Added|Rep|Renumbered|Re-numbered|Numbered|Article|Clause|New|The|Paragraph|Proviso"
    r"|Explanation|Sub-|Section|S\.|Ss\.|Illustration|Words?|[\"“])")
_ALONE = re.compile(r"(?P<n>\d{1,3}|[lI])\.?")
_GLUED = re.compile(r"(?P<n>\d{1,3}|l)(?P<sp>\s?)(?P<rest>[A-Z\"“‘'(].*)")
_FOOTER = re.compile(r"(?i:page\s+\d+\s+of\s+\d+|rgn\b.*|_{3,}|-\s*\d{1,4}\s*-)")


_NOT_A_NOTE_START = re.compile(
    r"\(\w{1,5}\)|\d{1,4}(?:-\d{1,4})?[A-Z]{0,3}(?:-[A-Z])?\s?\.|\[|(?!Ss?\.)[A-Z]{1,6}\.(?:\s|[—–-])")


def _note_like(text: str) -> bool:
    """Whether a line can begin a note: not a clause "(2) ...", a section "472. ..." or a bracket."""
    return not _NOT_A_NOTE_START.match(text)


@dataclass
class _Cand:
    line: int
    marker: str
    strong: bool
    star: bool
    first: str  # the note's text on its first line ("" when the marker stands alone)


def _candidates(lines: list[str]) -> list[_Cand]:
    out: list[_Cand] = []
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        nxt = ""
        for j in range(i + 1, min(i + 4, len(lines))):
            if lines[j].strip():
                nxt = lines[j].strip()
                break
        if s.startswith("*"):
            rest = s.lstrip("*").strip()
            if re.match(r"[A-Za-z]", rest) or (not rest and re.match(r"[A-Za-z]", nxt)):
                out.append(_Cand(i, "*", True, True, rest))
            continue
        m = _ALONE.fullmatch(s)
        if m:
            if nxt and not nxt.startswith(("[", "]", "*")) and not re.match(r"(?:st|nd|rd|th)\b", nxt) \
                    and _note_like(nxt):
                marker = "1" if m.group("n") in ("l", "I") else m.group("n")
                out.append(_Cand(i, marker, bool(_HINT.search(nxt[:120])), False, ""))
            continue
        s2 = re.sub(r"^(\d{1,2})1ns\b", r"\1Ins", s)
        m = _GLUED.fullmatch(s2)
        if m and not (m.group("n") == "l" and m.group("rest")[:1].islower()):
            rest = m.group("rest")
            marker = "1" if m.group("n") == "l" else m.group("n")
            label_like = re.match(r"[A-Z]{1,3}\.", rest) and not re.match(r"(?:S|Ss)\.\s?\d", rest)
            strong = bool(_HINT.search(rest[:120])) and not label_like and _note_like(rest)
            if m.group("sp") and not strong:
                continue  # "52 Removal of difficulties": a contents line, not a note
            out.append(_Cand(i, marker, strong, False, rest))
    return out


def _footnotes_in(text: str) -> list[tuple[str, str]]:
    text = text[-MAX_PAGE:].replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe\n", "")
    text = text.replace("\ufffe", "-\n")  # PDFium's mark of a hyphen that ended a line
    text = _TRAILING_MARKER.sub(
        lambda m: f"\n{m.group(1)}\n" if _note_like(m.group("next")) and (
            _NOTE_OPENING.match(m.group("next"))
            or (re.match(r"[A-Z]", m.group("next")) and _HINT.search(m.group("next").replace("See", ""))))
        else m.group(), text)
    text = _INLINE_SPLIT.sub("\n", text)
    lines = text.split("\n")
    cands = _candidates(lines)
    numbered = [c for c in cands if not c.star]
    strong_idx = [k for k, c in enumerate(numbered) if c.strong]
    if not strong_idx:
        return []
    last = strong_idx[-1]
    chain = [numbered[last]]
    # backwards: the nearest candidate numbered one less, a weak one only close by
    k = last - 1
    while k >= 0 and int(chain[0].marker) > 1:
        c = numbered[k]
        if int(c.marker) == int(chain[0].marker) - 1 and (c.strong or chain[0].line - c.line <= 60):
            chain.insert(0, c)
        k -= 1
    # forwards: weak notes after the last strong one ("Added ibid" is strong; "Clause (4) ..." may not be)
    for c in numbered[last + 1:]:
        if int(c.marker) == int(chain[-1].marker) + 1:
            chain.append(c)
    if len(chain) == 1 and int(chain[0].marker) > 99:
        return []  # "item 213" above a heading: a lone number that big is not a footnote
    head = chain[0].line
    members = sorted(chain + [c for c in cands if c.star and c.line > head], key=lambda c: c.line)
    notes: list[tuple[str, str]] = []
    for k, c in enumerate(members):
        end = members[k + 1].line if k + 1 < len(members) else len(lines)
        body = [c.first] if c.first else []
        body += [ln.strip() for ln in lines[c.line + 1:end]]
        kept: list[str] = []
        for ln in body:
            if _FOOTER.fullmatch(ln) or re.fullmatch(r"(?i:page\s+\d+\s+of\s+\d+)", ln):
                if k + 1 == len(members):
                    break
                continue
            kept.append(ln)
        if k + 1 == len(members):
            while kept and re.fullmatch(r"\d{1,4}", kept[-1]):
                kept.pop()  # a page number under the last note
            # marginal notes printed after the last footnote ("Elections to be / deemed to be / held
            # under / Constitution."): short lines after a line that ended the note
            for i in range(len(kept) - 1):
                tail = kept[i + 1:]
                if re.search(r"(?:\)|”|\"|\d|ibid)\.[”\"]?$", kept[i]) and len(tail) >= 2 \
                        and all(len(t) <= 30 and not re.match(r"(?:st|nd|rd|th)\b|\d", t) for t in tail):
                    kept = kept[:i + 1]
                    break
        joined = ""
        for ln in kept:
            if not ln:
                continue
            if joined.endswith("-") and ln[:1].islower():
                joined += ln
            else:
                joined = f"{joined} {ln}" if joined else ln
        joined = re.sub(r"\s+", " ", joined).strip()
        if joined:
            notes.append((c.marker, joined))
    return notes


def find_footnotes(page_text: str, raw_text: str | None = None) -> list[tuple[str, str]]:
    """The footnotes at the bottom of a page, as ``(marker, note text)`` in printed order.

    Reads ``raw_text`` (the text layer as extracted, line by line) when given,
    since cleaning may join a footnote to the line above; falls back to
    ``page_text``. A footnote starts with its number, either glued to the note
    (``1Subs. by ...``, ``81ns.`` read as ``8 Ins.``) or alone on its line with
    the note below; star notes (``*``) are kept with marker ``"*"``. The notes
    are the last run of consecutively numbered starts on the page, so numbers
    in the body (``1`` before ``[29. Investigation agency``, ``[Prime
    Minister]3``, contents lines) are not taken for notes. Lines of a note are
    joined; page footers ("Page 3 of 5" and what follows) are dropped.
    """
    for source in (raw_text, page_text):
        if isinstance(source, str) and source.strip():
            notes = _footnotes_in(source)
            if notes:
                return notes
    return []


# --------------------------------------------------------------------------------------------
# Amending Acts
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AmendingInstruction:
    """One change an amending Act makes.

    ``target_section`` is the canonical key of the section the change is made
    in, or, for "after section 26, the following new section shall be
    inserted", the section it follows ("26"); "Schedule" for the Schedule.
    ``sub_path`` is the part of that section ("(1)(a)"); for an insertion or
    addition after a clause it is the clause's container and ``new_label`` the
    new element ("(d)"); for a new section ``new_label`` is its key ("26A"),
    for a renumbering the new number. ``old_text``/``new_text`` are the quoted
    words replaced and their replacement, or the whole text inserted or
    substituted. ``action`` is insert, substitute, omit (also for "shall be
    deleted/repealed"), add or renumber. ``target_title`` is the Act the
    instruction amends: the one it names ("In the Pakistan Penal Code, 1860
    ..."), the one "the said Code/Act" stands for, else the Act the amending
    Act amends. ``span`` is in page ``page_number``'s text; an instruction
    that runs onto later pages ends its span at the end of its first page
    while ``raw`` holds all of it.
    """

    target_section: str
    sub_path: str | None
    action: str
    old_text: str | None
    new_text: str | None
    new_label: str | None
    raw: str
    page_number: int
    span: tuple[int, int]
    target_title: str | None = None


@dataclass(frozen=True)
class AmendingActFacts:
    """What an amending Act says about itself and the changes it makes.

    ``act_number`` is "XII of 2023" (as ``Statute.act_number``); ``act_date``
    is the date printed under the number ("[10th August, 2023]");
    ``commencement`` is an explicit date, or the Act's date for "shall come
    into force at once", or None ("on such date as the Federal Government
    may ... appoint", or nothing printed).
    """

    title: str
    act_number: str | None
    year: int | None
    target_title: str | None
    commencement: date | None
    instructions: list[AmendingInstruction]
    act_date: date | None = None


_OP = re.compile(r"shall\s+be\s+(?P<op>substituted|inserted|omitted|added|re-?numbered|deleted|repealed"
                 r"|replaced)\b", re.I)
_OP_ACTION = {"substituted": "substitute", "inserted": "insert", "omitted": "omit", "added": "add",
              "renumbered": "renumber", "re-numbered": "renumber", "deleted": "omit", "repealed": "omit",
              "replaced": "substitute"}
_NAMELY = re.compile(r"\s*[,;]?\s*(?:namely|as\s+follows)\s*[:;,.]?\s*[-—–]*\s*", re.I)
_ENUM = re.compile(r"(?:(?<=[—–:;,\-])|(?<=\n)|^)\s*(?:and\s+)?\((?P<e>[a-z]{1,2}|[ivx]{1,5})\)\s+"
                   r"(?=(?:in|for|after|before|the|sub-?sections?|sections?|clauses?|existing|at|to|full)\b)",
                   re.I)
_CTX = re.compile(
    r"\b(?:(?P<prep>in|for|after|before|of)\s+)?(?:the\s+)?"
    r"(?P<kind>sub-?sections?|sub-?clauses?|sub-?paragraphs?|clauses?|paragraphs?|sections?|articles?"
    r"|rules?|provisos?|explanations?|schedule)\b\.?"
    rf"(?:\s*(?P<labels>{_LABEL}(?:\s*(?:,|and|&)\s*{_LABEL})*(?![\w])"
    r"|\([\w]{1,6}\)(?:\s*(?:,|and|&)\s*\([\w]{1,6}\))*))?", re.I)
_QUOTED = re.compile(r'(?P<pre>\b(?:for|after|before)\s+(?:the\s+)?(?:[\w-]+\s+){0,2})?"(?P<q>[^"]{0,2000})"')
_TARGET_ACT = re.compile(r"\bIn\s+the\s+(?P<t>(?!said\b)[A-Z][^,;\n\"]{2,150}?,\s*\d{4})")
_SECTION_HEAD = re.compile(
    r"(?m)^[ \t]*(?P<n>\d{1,3})\.[ \t]*(?:(?P<head>[^\n]{0,200}?)(?:\.\s?[-—–]+|\s?[—–]+|:-)[ \t]*)?")
_NEW_LABEL = re.compile(rf'^\s*"?\s*(?:(?P<sec>{_LABEL})\.\s|(?P<sub>\([\w]{{1,6}}\)))')
_NEW_SECTION_SPLIT = re.compile(r'(?m)^\s*"?\s*(?P<sec>\d{1,4}(?:-?[A-Z]{1,2}))\.\s+(?=[A-Z"])')


def _title_case(text: str) -> str:
    small = {"of", "and", "the", "for", "in", "on", "to", "a", "an", "or"}
    words = text.lower().split()
    return " ".join(w if (i and w in small) else w[:1].upper() + w[1:] if not w.startswith("(")
                    else "(" + w[1:2].upper() + w[2:] for i, w in enumerate(words))


@dataclass
class _Ctx:
    section: str | None = None
    sub: tuple[str, ...] = ()
    target_title: str | None = None


def _apply_context(ctx: _Ctx, text: str) -> tuple[_Ctx, list[str], str | None]:
    """Update ``ctx`` from the references in ``text``; return it, any targets and the last preposition."""
    ctx = _Ctx(ctx.section, ctx.sub, ctx.target_title)
    targets: list[str] = []
    last_prep = None
    m_act = _TARGET_ACT.search(text)
    if m_act:
        ctx.target_title = _normalise(m_act.group("t"))
    masked = _mask_quotes(text)
    for m in _CTX.finditer(masked):
        kind = m.group("kind").lower().replace("-", "")
        prep = (m.group("prep") or "").lower() or None
        labels_raw = m.group("labels")
        if kind.startswith("schedule"):
            ctx.section, ctx.sub = "Schedule", ()
            continue
        if kind.startswith(("proviso", "explanation")):
            if prep in ("in", "for", None):
                ctx.sub = (*ctx.sub, kind.rstrip("s"))
            continue
        if not labels_raw:
            continue
        labels = [x for x in re.split(r"\s*(?:,|\band\b|&)\s*", labels_raw) if x]
        if kind.startswith(("section", "article", "rule")):
            keys = [_label_key(x) for x in labels]
            if prep == "of":
                ctx.section = keys[0]
            else:
                ctx.section, ctx.sub = keys[0], ()
                if prep in (None, "for"):
                    targets = keys
                last_prep = prep
        else:
            subs = [x.replace(" ", "") for x in labels]
            if prep in ("after", "before"):
                last_prep = prep
                continue
            if prep in (None, "for") and len(subs) > 1:
                targets = [f"sub:{s}" for s in subs]
            else:
                ctx.sub = (*ctx.sub, subs[0])
            last_prep = prep
    return ctx, targets, last_prep


def _split_enumerated(text: str) -> list[tuple[str, str | None]]:
    """``text`` cut at enumerators "(a)", "(ii)": [(segment, enumerator before it or None)]."""
    parts: list[tuple[str, str | None]] = []
    pos, enum = 0, None
    for m in _ENUM.finditer(text):
        parts.append((text[pos:m.start()], enum))
        pos, enum = m.end(), m.group("e").lower()
    parts.append((text[pos:], enum))
    return parts


def _is_roman(e: str, prev_letter: str | None) -> bool:
    """Whether enumerator ``e`` is a roman sub-item ("(ii)") rather than a letter ("(i)" after "(h)")."""
    if not re.fullmatch(r"[ivx]{1,5}", e):
        return False
    if len(e) == 1:
        return prev_letter is None or prev_letter not in ("h", "u", "w")
    return True


_RENUMBER_AS = re.compile(
    rf"\s+as\s+(?:sub-?section|clause|section|paragraph)\s+(\([\w]{{1,6}}\)|{_LABEL})", re.I)
# where a new text given without quotes ends: at the next enumerated instruction "; and (b) in ..."
_NEXT_ITEM = re.compile(r";\s*(?:and\s+)?\((?:[a-z]{1,2}|[ivx]{1,5})\)\s+(?:in|for|after|before)\b", re.I)


class _ActReader:
    """Reads the instructions of an amending Act's sections, keeping "the said Act/Code" in mind."""

    def __init__(self, act_target: str | None, locate) -> None:
        self.act_target = act_target
        self.locate = locate
        self.said: dict[str, str] = {}
        self.out: list[AmendingInstruction] = []

    def _resolve(self, text: str, current: str | None) -> str | None:
        m = _TARGET_ACT.search(text)
        if m:
            title = _normalise(m.group("t"))
            word = "Code" if "Code" in title else "Ordinance" if "Ordinance" in title else \
                "Order" if "Order" in title else "Act"
            self.said[word] = title
            h = re.search(r"hereinafter\s+referred\s+to\s+as\s+the\s+said\s+(\w+)", text, re.I)
            if h:
                self.said[h.group(1).capitalize()] = title
            return title
        m = re.search(r"\bIn\s+the\s+said\s+(\w+)", text)
        if m:
            return self.said.get(m.group(1).capitalize(), self.act_target)
        return current

    def section(self, body: str, base_offset: int) -> None:
        """Read one section of the amending Act (its text after the heading)."""
        stack = [_Ctx(target_title=self.act_target)]
        last_ctx, last_depth = stack[0], 0
        prev_letter: str | None = None
        pos = 0
        for _ in range(500):
            m = _OP.search(body, pos)
            if not m:
                break
            start, pre = pos, body[pos:m.start()]
            action = _OP_ACTION[m.group("op").lower()]
            end = m.end()
            new_text = None
            nm = _NAMELY.match(body, end)
            if nm and (nm.group().strip() or body[nm.end():nm.end() + 1] in ('"', "“")):
                tstart = nm.end()
                if body[tstart:tstart + 1] in ('"', "“"):
                    close = re.compile(r"[\"”]\s*[.;,]?\s*(?:and)?\s*(?=\n|$)").search(body, tstart + 1)
                    new_text = body[tstart + 1:close.start() if close else len(body)]
                    end = close.end() if close else len(body)
                else:
                    nxt = _NEXT_ITEM.search(body, tstart)
                    new_text = body[tstart:nxt.start() if nxt else len(body)]
                    end = nxt.start() if nxt else len(body)
            renumbered_as = None
            if action == "renumber":
                rn = _RENUMBER_AS.match(body, end)
                if rn:
                    renumbered_as, end = rn.group(1), rn.end()
            pos = end

            # the context: the section's lead-in, then enumerated items "(a)", "(i)"
            targets: list[str] = []
            last_prep = None
            segments = _split_enumerated(pre)
            ctx, depth = last_ctx, last_depth
            for k, (seg, enum) in enumerate(segments):
                if enum is not None:
                    roman = _is_roman(enum, prev_letter)
                    if not roman:
                        prev_letter = enum
                    depth = 2 if roman else 1
                    ctx = stack[min(depth - 1, len(stack) - 1)]
                    stack = stack[:depth]
                title = self._resolve(seg, ctx.target_title)
                ctx, targets, last_prep = _apply_context(ctx, seg)
                ctx.target_title = title
                if k + 1 < len(segments):
                    stack = [*stack[:depth], ctx]
            last_ctx, last_depth = ctx, depth

            old_text = words_new = None
            for q in _QUOTED.finditer(pre):
                lead = (q.group("pre") or "").strip().lower()
                if lead.startswith("for"):
                    old_text = q.group("q")
                elif lead.startswith(("after", "before")):
                    continue
                elif action == "omit":
                    old_text = q.group("q")
                else:
                    words_new = q.group("q")
            if new_text is None:
                new_text = words_new
            new_text = new_text.strip() or None if new_text is not None else None

            chunk = body[start:end]
            lead = re.match(r"(?:[\s;,.—–-]|\band\b)*", chunk)
            lead_trim = lead.end() if lead else 0
            raw = chunk[lead_trim:].rstrip(" \n;,—–-")
            page_number, span = self.locate(base_offset + start + lead_trim, base_offset + end)
            target_title = ctx.target_title or self.act_target

            def make(section_key: str, sub: tuple[str, ...], new_label: str | None, text: str | None,
                     action: str = action, old_text: str | None = old_text, raw: str = raw,
                     page_number: int = page_number, span: tuple[int, int] = span,
                     target_title: str | None = target_title) -> AmendingInstruction:
                return AmendingInstruction(
                    target_section=section_key, sub_path="".join(sub) or None, action=action,
                    old_text=old_text, new_text=text, new_label=new_label, raw=raw,
                    page_number=page_number, span=span, target_title=target_title)

            if len(targets) > 1 and not targets[0].startswith("sub:"):
                self.out += [make(t, (), None, new_text) for t in targets]
                continue
            if ctx.section is None:
                continue  # no section named: nothing to point the instruction at
            if targets and targets[0].startswith("sub:"):
                self.out += [make(ctx.section, (*ctx.sub, t[4:]), None, new_text) for t in targets]
                continue
            new_label = None
            if action in ("insert", "add") and new_text:
                pieces = list(_NEW_SECTION_SPLIT.finditer(new_text))
                if last_prep in ("after", "before") and pieces and pieces[0].start() <= 2:
                    for k, piece in enumerate(pieces):
                        stop = pieces[k + 1].start() if k + 1 < len(pieces) else len(new_text)
                        text_k = new_text[piece.start():stop].strip().strip('"').strip()
                        self.out.append(make(ctx.section, ctx.sub, _label_key(piece.group("sec")), text_k))
                    continue
                lab = _NEW_LABEL.match(new_text)
                if lab and last_prep in ("after", "before"):
                    new_label = _label_key(lab.group("sec")) if lab.group("sec") else lab.group("sub")
            elif action == "renumber" and renumbered_as:
                new_label = renumbered_as if renumbered_as.startswith("(") else _label_key(renumbered_as)
            self.out.append(make(ctx.section, ctx.sub, new_label, new_text))


def parse_amending_act(pages: list[str]) -> AmendingActFacts:
    """Read an amending Act's pages (cleaned text, one string per page).

    The Act's sections are found as a run numbered 1, 2, 3... at line starts
    (so an inserted "22. Child pornography.-" is not taken for one); section 1
    gives the short title and commencement; every other section is read for
    instructions ending in "shall be substituted/inserted/omitted/added/
    re-numbered", each with the section and part it applies to, the quoted
    words, and the text after "namely:-". Missing pieces are None; the result
    is never an error.
    """
    clean: list[str] = []
    total = 0
    for page in list(pages)[:MAX_ACT_PAGES] if isinstance(pages, (list, tuple)) else []:
        page = page[:MAX_PAGE] if isinstance(page, str) else ""
        page = page[:max(0, MAX_ACT_TEXT - total)]
        clean.append(page)
        total += len(page)
    starts: list[int] = []
    pos = 0
    for page in clean:
        starts.append(pos)
        pos += len(page) + 1
    text = "\n".join(clean)  # offsets into ``text`` map back to pages through ``starts``

    def locate(a: int, b: int) -> tuple[int, tuple[int, int]]:
        k = max(0, bisect.bisect_right(starts, a) - 1)
        page_end = starts[k] + len(clean[k]) if clean else 0
        a = min(a, page_end)
        return k + 1, (a - starts[k], max(a, min(b, page_end)) - starts[k])

    flat = _normalise(text[:20_000])
    title = ""
    m = re.search(r"\bmay\s+be\s+called\s+(?:as\s+)?(?:the\s+)?(?P<t>[A-Z][^;\n]{3,200}?"
                  r"(?:Act|Ordinance|Order|Regulations?),?\s*\d{4})", flat)
    if m:
        title = "The " + re.sub(r"\s*,\s*(?=\d{4}$)", ", ", m.group("t"))
    else:
        m = re.search(r"(?m)^\s*(?P<t>THE\s+[A-Z][A-Z ()\-,]{3,200}?(?:ACT|ORDINANCE),?\s*\d{4})\s*$",
                      text[:20_000])
        if m:
            title = _title_case(_normalise(m.group("t")))
    act_number = None
    year = None
    m = re.search(r"\b(?:ACT|Act|ORDINANCE|Ordinance)\s+(?:NO|No)\.?\s*(?P<n>[IVXLCDM]+|\d{1,4})\s+"
                  r"(?:OF|of)\s+(?P<y>\d{4})", flat)
    if m and _number(m.group("n")):
        act_number = f"{_to_roman(_number(m.group('n')) or 0)} of {m.group('y')}"
        year = int(m.group("y"))
    if year is None:
        ym = re.search(r"(\d{4})$", title)
        year = int(ym.group(1)) if ym else None
    act_date = None
    m = re.search(r"\[\s*(?P<d>\d{1,2}\s*(?:st|nd|rd|th)?\s*[A-Za-z]{3,10}\.?,?\s*\d{4})\s*\]", flat)
    if m:
        act_date = _date_at(m.group("d"))
    target_title = None
    m = re.search(r"\b(?:further\s+)?to\s+amend\s+(?:the\s+)?(?P<t>[A-Z][^;\n\"]{2,200}?,\s*\d{4})", flat)
    if m:
        target_title = m.group("t").strip()
    else:
        m = _TARGET_ACT.search(flat)
        if m:
            target_title = m.group("t").strip()

    # sections of the amending Act: numbered 1, 2, 3 ... in order
    heads: list[tuple[int, int, int]] = []  # (number, start of heading, start of body)
    expected = 1
    for h in _SECTION_HEAD.finditer(text):
        if int(h.group("n")) == expected:
            heads.append((expected, h.start(), h.end()))
            expected += 1
    commencement = None
    reader = _ActReader(target_title, locate)
    for k, (n, _hstart, bstart) in enumerate(heads):
        bend = heads[k + 1][1] if k + 1 < len(heads) else len(text)
        body = text[bstart:bend]
        if n == 1 or re.search(r"(?i)short\s+title", text[_hstart:bstart]):
            commencement = _commencement(body, act_date) or commencement
            continue
        sig = re.search(r"\n[A-Z][A-Z .]{3,60},?\s*\n\s*(?:Secretary|SECRETARY)", body)
        if sig:
            body = body[:sig.start()]
        reader.section(body, bstart)
    if not heads:
        commencement = _commencement(text[:20_000], act_date)
    return AmendingActFacts(title=title, act_number=act_number, year=year, target_title=target_title,
                            commencement=commencement, instructions=reader.out, act_date=act_date)


def _commencement(text: str, act_date: date | None) -> date | None:
    flat = _normalise(text[:5_000])
    m = re.search(r"(?i)(?:come|came)\s+into\s+force|(?:taken|take)\s+effect", flat)
    if not m:
        return None
    tail = flat[m.end():m.end() + 200]
    if re.match(r"(?i)\s*at\s+once", tail):
        return act_date
    dm = re.match(r"(?i)\s*(?:on|from|with\s+effect\s+from)\s+(?:and\s+from\s+)?(?:the\s+)?", tail)
    if dm:
        return _date_at(tail[dm.end():])
    return None


# --------------------------------------------------------------------------------------------
# Point in time
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class KnownActDate:
    """When an amending instrument took effect, as the corpus itself prints it."""

    act: str
    effective: date
    evidence: str
    source: str


#: Dates of amending instruments that the corpus prints. Only a date the
#: corpus states for the whole instrument is listed; A.O. 1961, whose notes in
#: the PPC give both 23 March 1956 and 14 October 1955, is left out. A note's
#: own "w.e.f." always wins over this table.
KNOWN_ACT_DATES: dict[str, KnownActDate] = {d.act: d for d in (
    KnownActDate("Act III of 2022", date(2022, 1, 17),
                 "“Word” Subs. by Fed. Act. No. III of 2022, S. 2, dt, 17 Jan, 2022",
                 "pk_statutes/JJSA_2018_Sindh_Judicial_Academy_2022.pdf"),
    KnownActDate("Act XV of 2010", date(2007, 10, 3),
                 "Subs. ins. & added by Act XV of 2010, s. 2 (w.e.f. 3-10-2007).",
                 "pk_statutes/PPC_1860_as_amended_to_Nov2025.pdf"),
    KnownActDate("Ordinance XXI of 1960", date(1955, 10, 14),
                 "Subs. by Ord. 21 of 1960, s. 3 and 2nd Sch., (w.e.f. 14-10-1955)",
                 "pk_statutes/PPC_1860_as_amended_to_Nov2025.pdf"),
    KnownActDate("Ordinance VII of 1979", date(1979, 2, 10),
                 "Rep. by the Offence of Zina (Enforcement of Hudood) Ordinance, 1979 (VIl of 1979), s. 19 "
                 "(w.e.f. the 10th day of February, 1979).",
                 "pk_statutes/PPC_1860_as_amended_to_Nov2025.pdf"),
    KnownActDate("Act IV of 2017", date(2017, 2, 16),
                 "Substituted by Act IV of 2017 (w.e.f. 16.02.2017)",
                 "bulk_lhc/2023LHC6369.pdf (a footnote on section 182 PPC)"),
)}


@dataclass
class _Event:
    start: date | None
    until: date | None  # exclusive end of the uncertainty window
    how: str
    note: AmendmentNote
    kind: str  # "create" | "remove" | "change"


def _describe(note: AmendmentNote) -> str:
    return note.amending_act or note.amending_act_title or "an unnamed instrument"


def _event(note: AmendmentNote, kind: str) -> _Event:
    act = _describe(note)
    if note.effective_date:
        return _Event(note.effective_date, None, f"{act} took effect on {note.effective_date.isoformat()} "
                                                 "(w.e.f. as printed in the note)", note, kind)
    if note.act_date:
        return _Event(note.act_date, None, f"{act} is dated {note.act_date.isoformat()} in the note", note,
                      kind)
    known = KNOWN_ACT_DATES.get(note.amending_act or "")
    if known:
        return _Event(known.effective, None, f"{act} took effect on {known.effective.isoformat()} "
                                             f"(per {known.source})", note, kind)
    if note.year:
        y = note.year
        return _Event(date(y, 1, 1), date(y + 1, 1, 1),
                      f"the exact date of {act} is not known; taken as 1 January {y} "
                      f"(assuming it took effect in {y}, dates in {y} are uncertain)", note, kind)
    return _Event(None, None, f"the date of the change by {act} is not known", note, kind)


_WHOLE_KIND = {"insert": "create", "add": "create", "omit": "remove", "repeal": "remove",
               "substitute": "change", "amend": "change", "renumber": "change"}


def build_periods(current_text: str | None, current_status: str, enacted: date | None,
                  notes: list[AmendmentNote], *, part_notes: Sequence[AmendmentNote] = ()
                  ) -> list[VersionPeriod]:
    """The periods of a provision's history, from a consolidation's current text and its notes.

    Semantics: a consolidated text gives the CURRENT text only, so

    * the last period carries ``current_text`` (when ``current_status`` is
      ``"in_force"``); every earlier in-force period has ``text`` None and a
      note that its text is not in the collection. No text is ever invented.
    * ``notes`` are the notes that change the provision as a whole (their
      marker stands at its head): "insert"/"add" create it (before that it did
      not exist: there is no period, and :func:`in_force_on` answers
      "not_yet"), "omit"/"repeal" remove it (an ``omitted`` period),
      "substitute", "amend" and "renumber" replace its text. ``part_notes``
      change words inside it and only split in-force periods.
    * A provision no note created has been in force since ``enacted`` (None:
      from an unknown start).
    * Each change takes effect on the note's "w.e.f." date, else the
      instrument's date printed in the note, else its date in
      :data:`KNOWN_ACT_DATES`, else 1 January of the instrument's year with
      ``uncertain_until`` the next 1 January and a note saying the exact date
      is unknown (this assumes the instrument took effect in the year of its
      number). Changes taking effect on the same date make one period. A change
      with no year at all makes the whole history uncertain: one period, from
      an unknown start, that :func:`in_force_on` never answers with certainty.
    * If the notes end with the provision in force but ``current_status``
      says omitted (or the reverse), the status wins and the note says so.

    ``current_status`` is ``"in_force"``, ``"omitted"`` or ``"repealed"``
    (anything else is a ValueError). E.g. PPC 292-B, inserted by Act X of 2016
    and omitted by Act XXXVII of 2023: [2016-01-01, 2023-01-01) in force with
    text None ("this consolidation prints only the omission"), then omitted
    from 2023-01-01, both starts uncertain within their year; before 2016 it
    did not exist yet.
    """
    status = (current_status or "").strip().lower().replace(" ", "_").replace("-", "_")
    if status not in ("in_force", "omitted", "repealed"):
        raise ValueError(f"current_status must be in_force, omitted or repealed, not {current_status!r}")
    now_omitted = status != "in_force"
    now_text = None if now_omitted else current_text
    events = [_event(n, _WHOLE_KIND.get(n.action, "change")) for n in notes if n is not None]
    events += [_event(n, "change") for n in part_notes if n is not None]

    if not events:
        if now_omitted:
            return [VersionPeriod(enacted, None, None, True, "the consolidation shows the provision omitted "
                                  "but prints no note dating the omission", None, uncertain_until=date.max)]
        return [VersionPeriod(enacted, None, now_text, False, None, None)]
    undated = [e for e in events if e.start is None]
    if undated:
        what = "; ".join(dict.fromkeys(e.how for e in undated))
        return [VersionPeriod(None, None, now_text, now_omitted,
                              f"{what}, so when the current state began is unknown", undated[0].note.raw,
                              uncertain_until=date.max)]

    events.sort(key=lambda e: e.start or date.min)
    groups: list[list[_Event]] = []
    for ev in events:
        if groups and groups[-1][0].start == ev.start:
            groups[-1].append(ev)
        else:
            groups.append([ev])

    periods: list[VersionPeriod] = []
    first = groups[0][0]
    if first.kind != "create" and (enacted is None or (first.start is not None and enacted < first.start)):
        year = f"{first.note.year} " if first.note.year else ""
        periods.append(VersionPeriod(
            enacted, first.start, None, False,
            f"text before the {year}amendment by {_describe(first.note)} is not in the collection", None))
    in_force = True
    for k, group in enumerate(groups):
        for ev in group:
            if ev.kind in ("create", "remove"):
                in_force = ev.kind == "create"
        start = group[0].start
        until = max((ev.until for ev in group if ev.until), default=None)
        nxt = groups[k + 1][0].start if k + 1 < len(groups) else None
        remarks = [ev.how for ev in group]
        if k + 1 == len(groups):
            if in_force == now_omitted:
                remarks.append("the consolidation's current status disagrees with its notes; the current "
                               "status is used")
                in_force = not now_omitted
            text = now_text if in_force else None
        else:
            text = None
            later = groups[k + 1][-1]
            if in_force and later.kind == "remove":
                remarks.append(f"this consolidation prints only the omission by {_describe(later.note)}, so "
                               "the text in force in this period is not in the collection")
            elif in_force:
                remarks.append(f"the text of this period, before the change by {_describe(later.note)}, is "
                               "not in the collection")
        periods.append(VersionPeriod(start, nxt, text, not in_force, "; ".join(dict.fromkeys(remarks)),
                                     " / ".join(ev.note.raw for ev in group), uncertain_until=until))
    return periods


