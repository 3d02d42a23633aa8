"""The caption of a judgment: court, seat, bench, case numbers, parties, counsel, dates.

``parse_caption(pages)`` reads the cleaned text of each page (``pages[i]`` is
page ``i + 1``) and returns :class:`CaptionFacts`. It is a chain of small
named stages, each a pure function of ``pages`` that can be tested alone:

==========================  =====================================================
stage                       reads
==========================  =====================================================
:func:`find_court`          heading lines of page 1 ("IN THE LAHORE HIGH COURT,
                            MULTAN BENCH, MULTAN", spaced or OCR-broken letters)
:func:`find_jurisdiction`   "(Appellate Jurisdiction)" under the court
:func:`find_bench`          "PRESENT:" / "Before:" / "Coram:" lists of judges
:func:`find_author`         "X, J.- ..." heading the opinion
:func:`find_signatures`     "(X) (Y) / Judge Judge" blocks on the last pages
:func:`find_judges`         the three above merged: the bench in order, each
                            judge once, the author marked
:func:`caption_region`      page 1 from the top to the first line that is no
                            longer caption (counsel, date of hearing, the
                            opinion, an order sheet's table header)
:func:`find_lower_court`    "(On appeal against the judgment dated ...)"
:func:`find_caption_cases`  case numbers in the region, not the lower court's
:func:`find_connected_cases` cases decided with this one but named in the body:
                            "connected W.P. No. 3387/2022", "This single
                            judgment shall also decide C.R. No. 670 of 2023"
:func:`find_parties`        "X ...Appellant VERSUS Y ...Respondent", "(X v. Y)"
:func:`find_counsel`        "For the appellant: Mr. X, ASC", "Appellant by: ...",
                            "Mr. X, Advocate for the petitioner"
:func:`find_hearing_date`   "Date of hearing:"
:func:`find_decision_date`  "Date of decision", "decided on", "Announced on",
                            an order sheet's date, the date under the signatures
==========================  =====================================================

Every stage is conservative: when the text does not clearly say something
(OCR debris, a columnar layout that separates labels from names, two
"versus" in one block) it gives None or nothing rather than a guess, because
a wrong fact in a legal database does more harm than a missing one.

Facts keep ``page_number`` (1-based) and ``span`` (offsets into that page's
text); ``court_span`` is ``(page_number, start, end)``.

Patterns are written with ordinary ``\\s*``/``\\s+`` for readability and
compiled with those runs bounded (:func:`_re`): cleaned text never has long
whitespace runs (see :mod:`ingest.extract.whitespace`), and the bound keeps
every pattern linear on hostile input.
"""

from __future__ import annotations

import difflib
import itertools
import re
from dataclasses import dataclass, field
from datetime import date

from .casenumbers import CaseNumberFact, find_case_numbers
from .dates import find_dates, parse_date
from .judges import normalize_judge

__all__ = [
    "CaptionFacts",
    "CounselFact",
    "CourtFact",
    "DateFact",
    "JudgeFact",
    "PartyFact",
    "caption_region",
    "find_author",
    "find_bench",
    "find_caption_cases",
    "find_counsel",
    "find_court",
    "find_decision_date",
    "find_hearing_date",
    "find_judges",
    "find_jurisdiction",
    "find_lower_court",
    "find_parties",
    "find_signatures",
    "parse_caption",
]


# --------------------------------------------------------------------------- facts


@dataclass(frozen=True)
class JudgeFact:
    name: str
    name_key: str
    is_author: bool
    page_number: int
    span: tuple[int, int]


@dataclass(frozen=True)
class PartyFact:
    name: str
    role: str  # appellant, petitioner, applicant, respondent, accused, complainant, state, other
    page_number: int
    span: tuple[int, int]


@dataclass(frozen=True)
class CounselFact:
    name: str
    appearing_for: str  # the label, lower case: "appellant", "state", "respondent no.1", ...
    page_number: int = 1
    span: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class DateFact:
    value: date
    page_number: int
    span: tuple[int, int]


@dataclass(frozen=True)
class CourtFact:
    court: str
    seat: str | None
    page_number: int
    span: tuple[int, int]


@dataclass(frozen=True)
class CaptionFacts:
    court: str | None
    seat: str | None
    court_span: tuple[int, int, int] | None
    jurisdiction_line: str | None
    judges: list[JudgeFact] = field(default_factory=list)
    case_numbers: list[CaseNumberFact] = field(default_factory=list)
    parties: list[PartyFact] = field(default_factory=list)
    lower_court_line: str | None = None
    counsel: list[CounselFact] = field(default_factory=list)
    hearing_date: DateFact | None = None
    decision_date: DateFact | None = None


# A judge found by one stage: (display name, name_key, page_number, span).
Named = tuple[str, str, int, tuple[int, int]]


# --------------------------------------------------------------------------- helpers


def _re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    r"""Compile ``pattern`` with ``\s*``, ``\s+``, ``[ \t]*`` and ``[ \t]+`` bounded to 8 characters."""
    for loose, tight in ((r"\s*", r"\s{0,8}"), (r"\s+", r"\s{1,8}")):
        pattern = pattern.replace(loose, tight)
    for loose, tight in ((r"[ \t]*", r"[ \t]{0,8}"), (r"[ \t]+", r"[ \t]{1,8}")):
        pattern = pattern.replace(loose, tight)
    return re.compile(pattern, flags)


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


def _lines(text: str) -> list[Line]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        out.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def _squash(text: str) -> str:
    """Upper-case letters only, so spaced ("L A H O R E") and broken ("ISLAMABADH IGH") headings match."""
    return re.sub(r"[^A-Z]", "", text.upper())


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Z]+", text.upper())


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_JUSTICE_WORD = re.compile(r"justice", re.IGNORECASE)


# --------------------------------------------------------------------------- court

# (squashed heading, canonical court name)
COURTS: list[tuple[str, str]] = [
    ("SUPREMECOURTOFPAKISTAN", "Supreme Court of Pakistan"),
    ("FEDERALSHARIATCOURT", "Federal Shariat Court"),
    ("LAHOREHIGHCOURT", "Lahore High Court"),
    ("HIGHCOURTOFSINDH", "Sindh High Court"),
    ("SINDHHIGHCOURT", "Sindh High Court"),
    ("ISLAMABADHIGHCOURT", "Islamabad High Court"),
    ("PESHAWARHIGHCOURT", "Peshawar High Court"),
    ("HIGHCOURTOFBALOCHISTAN", "Balochistan High Court"),
    ("BALOCHISTANHIGHCOURT", "Balochistan High Court"),
    ("SUPREMECOURTOFINDIA", "Supreme Court of India"),
    ("SUPREMECOURTOFTHEUNITEDSTATES", "Supreme Court of the United States"),
    ("UNITEDSTATESTAXCOURT", "United States Tax Court"),
    ("PUNJABSUBORDINATEJUDICIARYSERVICETRIBUNAL", "Punjab Subordinate Judiciary Service Tribunal"),
]
_US_CIRCUIT = re.compile(
    r"UNITEDSTATESCOURTOFAPPEALSFORTHE(FIRST|SECOND|THIRD|FOURTH|FIFTH|SIXTH|SEVENTH|EIGHTH|NINTH|TENTH"
    r"|ELEVENTH|DISTRICTOFCOLUMBIA|FEDERAL)CIRCUIT"
)

# Words a court heading line may carry besides the court's name.
_HEADING_WORDS = _wordset(
    """
    IN THE AT OF FOR JUDGMENT JUDGEMENT SHEET ORDER BENCH CIRCUIT COURT JUDICIAL DEPARTMENT
    APPELLATE ORIGINAL JURISDICTION CRIMINAL CIVIL STEREO HCJDA HC JD A NO OFFICIAL SUBJECT TO
    FINAL REVIEW LAHORE MULTAN BAHAWALPUR RAWALPINDI KARACHI SUKKUR HYDERABAD LARKANA MIRPURKHAS
    ISLAMABAD PESHAWAR ABBOTTABAD MINGORA SWAT DAR UL QAZA DARULQAZA D I DI KHAN DERA ISMAIL GHAZI
    BANNU QUETTA SIBI TURBAT NEW DELHI PAKISTAN INDIA UNITED STATES SUPREME HIGH FEDERAL SHARIAT
    SINDH BALOCHISTAN PUNJAB SUBORDINATE JUDICIARY SERVICE TRIBUNAL TAX APPEALS FIRST SECOND THIRD
    FOURTH FIFTH SIXTH SEVENTH EIGHTH NINTH TENTH ELEVENTH DISTRICT COLUMBIA
    """
)

# (pattern over the squashed heading after the court's name, seat)
SEATS: dict[str, list[tuple[str, str]]] = {
    "Lahore High Court": [
        (r"MULTANBENCH|BENCHATMULTAN", "Multan Bench"),
        (r"BAHAWALPURBENCH|BENCHATBAHAWALPUR", "Bahawalpur Bench"),
        (r"RAWALPINDIBENCH|BENCHATRAWALPINDI", "Rawalpindi Bench"),
        (r"(?:DERAGHAZIKHAN|DGKHAN)BENCH", "Dera Ghazi Khan Bench"),
    ],
    "Sindh High Court": [
        (r"SUKKURBENCH|BENCHATSUKKUR", "Sukkur Bench"),
        (r"CIRCUITCOURT(?:AT)?HYDERABAD|HYDERABADCIRCUIT", "Circuit Court Hyderabad"),
        (r"HYDERABADBENCH|BENCHATHYDERABAD", "Hyderabad Bench"),
        (r"CIRCUITCOURT(?:AT)?LARKANA|LARKANACIRCUIT", "Circuit Court Larkana"),
        (r"CIRCUITCOURT(?:AT)?MIRPURKHAS|MIRPURKHASCIRCUIT", "Circuit Court Mirpurkhas"),
    ],
    "Peshawar High Court": [
        (r"ABBOTTABADBENCH|BENCHATABBOTTABAD", "Abbottabad Bench"),
        (r"MINGORABENCH|BENCHATMINGORA|DARULQAZA", "Mingora Bench"),
        (r"(?:DIKHAN|DERAISMAILKHAN)BENCH|BENCHAT(?:DIKHAN|DERAISMAILKHAN)", "D.I. Khan Bench"),
        (r"BANNUBENCH|BENCHATBANNU", "Bannu Bench"),
    ],
    "Balochistan High Court": [
        (r"SIBIBENCH|BENCHATSIBI", "Sibi Bench"),
        (r"TURBATBENCH|BENCHATTURBAT", "Turbat Bench"),
    ],
}

# A reprint's heading: "P L D 2015 Supreme Court 396", "PLD 1998 Lahore 90".
_PLD_HEADING = _re(
    r"^\s*P\s?L\s?D\s+\d{4}\s+(?P<court>Supreme\s+Court|S\.\s?C\.|SC|Federal\s+Shariat\s+Court|FSC"
    r"|Lahore|Lah\.|Karachi|Kar\.|Peshawar|Pesh\.|Quetta|Islamabad)\s+\d+\s*$",
    re.IGNORECASE,
)
_PLD_COURTS = {
    "SUPREMECOURT": "Supreme Court of Pakistan", "SC": "Supreme Court of Pakistan",
    "FEDERALSHARIATCOURT": "Federal Shariat Court", "FSC": "Federal Shariat Court",
    "LAHORE": "Lahore High Court", "LAH": "Lahore High Court", "KARACHI": "Sindh High Court",
    "KAR": "Sindh High Court", "PESHAWAR": "Peshawar High Court", "PESH": "Peshawar High Court",
    "QUETTA": "Balochistan High Court", "ISLAMABAD": "Islamabad High Court",
}  # fmt: skip
_IN_THE = _re(r"\s*\[?\s*IN\s+THE\b")

# OCR-damaged headings are compared with these whole, squashed.
_FUZZY_HEADINGS = [
    ("INTHESUPREMECOURTOFPAKISTAN", "Supreme Court of Pakistan"),
    ("INTHELAHOREHIGHCOURT", "Lahore High Court"),
    ("INTHEHIGHCOURTOFSINDH", "Sindh High Court"),
    ("INTHEISLAMABADHIGHCOURT", "Islamabad High Court"),
    ("INTHEPESHAWARHIGHCOURT", "Peshawar High Court"),
    ("INTHEHIGHCOURTOFBALOCHISTAN", "Balochistan High Court"),
]


def _court_in(squashed: str) -> tuple[str, int, int] | None:
    """``(court, start, end)`` of the court's name in a squashed line."""
    for key, court in COURTS:
        i = squashed.find(key)
        if i >= 0:
            return court, i, i + len(key)
    m = _US_CIRCUIT.search(squashed)
    if m:
        return f"United States Court of Appeals for the {m.group(1).title()} Circuit", m.start(), m.end()
    return None


def _is_heading(line: str) -> bool:
    """A heading line: nothing but court, seat and caption words (two OCR slips allowed, one with digits)."""
    unknown = [w for w in _words(line) if w not in _HEADING_WORDS and len(w) > 1]
    allowed = 1 if re.search(r"\d", line) else 2
    return len(unknown) <= allowed and len(line) <= 150


def _seat(court: str, squashed_after: str) -> str | None:
    for pattern, seat in SEATS.get(court, []):
        if re.search(pattern, squashed_after):
            return seat
    return None


def _heading_court(lines: list[Line], idx: int) -> CourtFact | None:
    """The court named by heading line ``idx`` (or by it and the next line together)."""
    line = lines[idx]
    if not _is_heading(line.text.replace("[", " ").replace("]", " ")):
        return None
    squashed = _squash(line.text)
    found = _court_in(squashed)
    last = idx
    if not found and idx + 1 < len(lines) and _is_heading(lines[idx + 1].text):
        # "IN THE PUNJAB SUBORDINATE JUDICIARY / SERVICE TRIBUNAL LAHORE"
        joined = squashed + _squash(lines[idx + 1].text)
        found = _court_in(joined)
        if found and found[1] < len(squashed) < found[2]:
            squashed, last = joined, idx + 1
        else:
            found = None
    if not found:
        return None
    court, _, end = found
    below = [_squash(n.text) for n in lines[last + 1 : last + 3] if _is_heading(n.text)]
    after = squashed[end:] + "".join(below)
    return CourtFact(court, _seat(court, after), 1, (line.start, lines[last].end))


def find_court(pages: list[str]) -> CourtFact | None:
    """The court (and seat) named in the heading of page 1.

    Only heading lines count (a line of court, seat and caption words) above
    the first case number, so a party such as "Lahore High Court, Lahore
    through its Registrar" or a lower-court line "passed by the Lahore High
    Court" never names the court. A page whose layout put the heading lower
    down still has its "IN THE ... COURT" line found; an OCR-damaged heading
    ("INIJIF SupIZEME COURT Or' PAKISTAN") is matched when it is close to one
    court's heading and clearly closer than to any other.

    The seat is read from the rest of the heading and the two lines after it
    ("MULTAN BENCH MULTAN", "BENCH AT SUKKUR", "CIRCUIT COURT, HYDERABAD");
    the principal seat gives None.
    """
    if not pages:
        return None
    lines = _lines(pages[0])[:80]
    for line in lines[:8]:
        m = _PLD_HEADING.match(line.text)
        if m and _squash(m.group("court")) in _PLD_COURTS:
            return CourtFact(_PLD_COURTS[_squash(m.group("court"))], None, 1, (line.start, line.end))
    first_case = next((i for i, ln in enumerate(lines) if find_case_numbers(ln.text, 1)), len(lines))
    for idx in range(min(len(lines), max(first_case, 3))):
        found = _heading_court(lines, idx)
        if found:
            return found
    for idx, line in enumerate(lines):
        if _IN_THE.match(line.text):
            found = _heading_court(lines, idx)
            if found:
                return found
    for line in lines[:6]:
        squashed = _squash(line.text)
        if not 15 <= len(squashed) <= 45:
            continue
        scores = sorted(
            ((difflib.SequenceMatcher(None, squashed, key).ratio(), court) for key, court in _FUZZY_HEADINGS),
            reverse=True,
        )
        if scores[0][0] >= 0.75 and scores[0][0] - scores[1][0] >= 0.1:
            return CourtFact(scores[0][1], None, 1, (line.start, line.end))
    return None


# --------------------------------------------------------------------------- jurisdiction

_JURISDICTION = _re(
    r"^[\s(\[]*(?P<j>(?:(?:Appellate|Original|Criminal|Civil|Review|Advisory|Constitutional|Shariat|Writ"
    r"|Extraordinary|Special)\s+){1,3}Jurisdiction)[\s)\].]*$",
    re.IGNORECASE,
)


def find_jurisdiction(pages: list[str]) -> str | None:
    """``"Appellate Jurisdiction"`` from a heading line such as ``(APPELLATE JURISDICTION)``."""
    if not pages:
        return None
    for line in _lines(pages[0])[:15]:
        m = _JURISDICTION.match(line.text)
        if m:
            return " ".join(w.capitalize() for w in m.group("j").split())
    return None


# --------------------------------------------------------------------------- judges

_BENCH_MARK = _re(r"^[ \t]*(?:PRESENT|Present|BEFORE|Before|CORAM|Coram)[ \t]*[:;.\-]*[ \t]*", re.M)
_JUSTICE = _re(r"(?:\b(?:Mrs|Mr|Ms|MR|MRS|MS|MB|Madam|MADAM)\b\.?\s*)?\b(?:Justice|JUSTICE)\b\s*")
_SEGMENT_END = _re(
    r",?\s*\b(?:J|JJ|HCJ|CJ|C\.J|ACJ)\b\.?|[,(]|\n|\s+(?:Petition|Criminal|Civil|Case)\b|\s{3,}"
)
_HONORIFIC_ONLY = _re(r"^\s*(?:Mrs?|Ms|MRS?|MS|MB)\.?\s*$")
_PLR_BENCH = _re(r"(?P<names>[^\n]{5,300}?),?\s*(?P<suf>JJ|J)\b\.?")
_AND_SPLIT = _re(r",\s*|\s+and\s+")


def _bench_block(text: str) -> tuple[int, int] | None:
    """``(start, end)`` of a bench list: after "PRESENT:" over the lines that name a Justice."""
    m = _BENCH_MARK.search(text, 0, 4000)
    if not m:
        return None
    end = m.end()
    for line in _lines(text):
        if line.end < m.end():
            continue
        body = text[max(line.start, m.end()) : line.end]
        if not (_JUSTICE_WORD.search(body) or _HONORIFIC_ONLY.match(body) or not body.strip()):
            break
        end = line.end
        if line.start > m.end() + 800:
            break
    return m.end(), end


def find_bench(pages: list[str]) -> list[Named]:
    """Judges of a "PRESENT:" / "Before:" / "Coram" list, in the printed order.

    "Mr. Justice X" entries (one a line, or several on one line), and the
    law reports' "Present: A, B and C, JJ". A law-report list with any piece
    that is not a name gives nothing.
    """
    if not pages:
        return []
    text = pages[0]
    block = _bench_block(text)
    if block is None:
        return []
    start, end = block
    out: list[Named] = []
    justices = list(_JUSTICE.finditer(text, start, end))
    for i, jm in enumerate(justices):
        seg_stop = justices[i + 1].start() if i + 1 < len(justices) else end
        seg = text[jm.end() : seg_stop]
        cut = _SEGMENT_END.search(seg)
        name_text = seg[: cut.start()] if cut else seg
        norm = normalize_judge(name_text)
        if norm:
            out.append((*norm, 1, (jm.end(), jm.end() + len(name_text.rstrip(" .,\t")))))
    if justices:
        return out
    pm = _PLR_BENCH.match(text, start)
    if pm:
        pos = pm.start("names")
        for part in _AND_SPLIT.split(pm.group("names")):
            norm = normalize_judge(part)
            if not norm:
                return []
            at = text.find(part, pos)
            out.append((*norm, 1, (at, at + len(part))))
            pos = at + len(part)
    return out


_AUTHOR = _re(
    r"^[ \t]*(?P<name>[A-Z][A-Za-z.'’\- ]{2,60}?)[ \t]*(?P<sep>,[ \t]*|[ \t]+|-|\.[ \t]*)"
    r"(?P<suf>C\.?[ \t]?J|H\.?C\.?J|A\.?C\.?J|J|[lI1])(?![A-Za-z0-9])"
    r"(?P<tail>[ \t]*[.:;,]?[ \t]*[-–—:.;]{0,4})(?=[ \t]*[A-Z“\"(/]|[ \t]*$)",
    re.M,
)


def _author_match(m: re.Match[str]) -> tuple[str, str] | None:
    """The judge of an opening "X, J.-" match, or None (a bench-list line, an OCR'd "l" without ", :")."""
    if _JUSTICE_WORD.search(m.group("name")):
        return None
    if m.group("suf") in ("l", "I", "1") and not (
        "," in m.group("sep") and m.group("tail").strip()[:1] in (":", ".")
    ):
        return None
    return normalize_judge(m.group("name"))


def find_author(pages: list[str]) -> Named | None:
    """The judge whose name heads the opinion: "Tariq Saleem Sheikh, J. - This appeal ...".

    Read on pages 1-2 only, at the start of a line, and never from a
    "Mr. Justice ..." bench list.
    """
    for page_index, text in enumerate(pages[:2]):
        for m in _AUTHOR.finditer(text):
            norm = _author_match(m)
            if norm:
                return (*norm, page_index + 1, (m.start("name"), m.end("name")))
    return None


_SIGNED = _re(
    r"(?P<group>(?:\([^()\n]{3,60}\)[ \t]*){1,4})\s*"
    r"(?=(?:Judge|JUDGE|J\s?U\s?D\s?G\s?E|Chief\s+Justice|CHIEF\s+JUSTICE|Chairman|Member)\b)"
)
_ONE_SIGNED = re.compile(r"\(([^()\n]{3,60})\)")
_INDIAN_SIGNED = _re(r"(?:CJI|J)\.?[ \t]*\n[ \t]*\[[ \t]*(?P<name>[A-Z][A-Z. ]{2,40}?)[ \t]*\]")


def find_signatures(pages: list[str]) -> list[Named]:
    """Judges named under the opinion: "(Ali Baqar Najafi) (Muhammad Amjad Rafiq) / Judge Judge".

    Only parenthesised (or, in Indian orders, bracketed) names directly over
    a "Judge"/"Chief Justice" label (a tribunal's "Chairman"/"Member") on the
    last two pages count; each judge once, left to right.
    """
    out: list[Named] = []
    seen: set[str] = set()
    for page_index in range(max(0, len(pages) - 2), len(pages)):
        text = pages[page_index]
        hits: list[tuple[int, int, str]] = []
        for m in _SIGNED.finditer(text):
            for one in _ONE_SIGNED.finditer(m.group("group")):
                start = m.start("group") + one.start(1)
                hits.append((start, start + len(one.group(1)), one.group(1)))
        hits.extend((m.start("name"), m.end("name"), m.group("name")) for m in _INDIAN_SIGNED.finditer(text))
        for start, end, raw in sorted(hits):
            norm = normalize_judge(raw)
            if norm and norm[1] not in seen:
                seen.add(norm[1])
                out.append((*norm, page_index + 1, (start, end)))
    return out


def _same_judge(a: str, b: str) -> bool:
    """Name keys of one judge, allowing an OCR slip ("KHAN AGHA" / "KHAN ASHA")."""
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.88


def find_judges(pages: list[str]) -> list[JudgeFact]:
    """The bench, each judge once: the "PRESENT:" list, then signers and the author not in it.

    The author is the judge heading the opinion, or the only judge who signs
    it. The first spelling found is kept (the bench list's, usually).
    """
    bench, signed, author = find_bench(pages), find_signatures(pages), find_author(pages)
    ordered: list[Named] = []
    for cand in [*bench, *signed, *([author] if author else [])]:
        if not any(_same_judge(cand[1], have[1]) for have in ordered):
            ordered.append(cand)
    author_key = author[1] if author else (signed[0][1] if len(signed) == 1 else None)
    return [
        JudgeFact(name, key, author_key is not None and _same_judge(key, author_key), page, span)
        for name, key, page, span in ordered
    ]


# --------------------------------------------------------------------------- caption region

_HEADING_JUDGMENT = _re(
    r"^[\s.=_…-]*(?:J\s*U\s*D\s*G\s*E?\s*M\s*E\s*N\s*T|O\s*R\s*D\s*E\s*R|SHORT\s+ORDER)[\s.:]*$",
    re.IGNORECASE,
)
_STOP_LINE = _re(
    r"^\s*(?:Dates?\s+of\s+(?:the\s+)?(?:hearing|decision|order|judgment|judgement)"
    r"|For\s+(?:the\s+)?(?:petitioner|appellant|respondent|applicant|complainant|state|accused|plaintiff"
    r"|defendant|federation|province|NAB|FIA)"
    r"|(?:[\w.#()/&-]+\s+){0,4}by\s*[:;\-–]"
    r"|(?:Pauper\s+)?(?:Appellant|Petitioner|Applicant|Respondent|Complainant)s?(?:\s*No\.?\s*[\d,&\s]+)?\s*:"
    r"|Counsel\s+for|In\s+attendance|On\s+Court.s\s+(?:call|notice)|Research\s+assistance|Amicus|Amici"
    r"|(?:1|2)\s*[.)]\s+[A-Z][^\n]{80})",
    re.IGNORECASE,
)
_STOP_ANYWHERE = _re(
    r"S\.\s?No\.?\s*of\b|Sr\.\s?No\.?|\bSr\.\s*$|Serial\s+No\.?\s+of|Order\s+with\s+signatures?"
    r"|Date\s+Order\s+with|Date\s+of\s+order\s*/|Sr\.?\s*No\.\s*of",
    re.IGNORECASE,
)
_LINE_STARTS_WITH_DATE = _re(r"^\s*\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\.?\s+\S")
_STARTS_WITH_DIGIT = _re(r"\s*\d")
REGION_LIMIT = 6000
"""A caption is never longer than this (characters of page 1)."""


def caption_region(pages: list[str]) -> tuple[int, int]:
    """``(start, end)`` of the caption on page 1: from the top to the first line that is not caption.

    A "JUDGMENT"/"ORDER" heading ends the caption only after a case number
    (some LHC sheets print it above the number); counsel labels, "Date of
    hearing", an order sheet's table header, the opinion's first line, its
    numbered paragraphs and an order sheet's dated entry always do.
    """
    if not pages:
        return (0, 0)
    seen_case = False
    for line in _lines(pages[0]):
        if line.start >= REGION_LIMIT:
            return (0, line.start)
        text = line.text[: REGION_LIMIT - line.start]
        cut = _STOP_ANYWHERE.search(text)
        if cut:
            return (0, line.start + cut.start())
        has_case = bool(find_case_numbers(text, 1))
        # "2. C.P. No. D-1151 of 2016 ..." lists cases; it is not the opinion's paragraph 2.
        if _STOP_LINE.match(text) and not (has_case and _STARTS_WITH_DIGIT.match(text)):
            return (0, line.start)
        author = _AUTHOR.match(text)
        if author and not _JUSTICE_WORD.search(text) and _author_match(author):
            return (0, line.start)
        if _LINE_STARTS_WITH_DATE.match(text) or (seen_case and _HEADING_JUDGMENT.match(text)):
            return (0, line.start)
        seen_case = seen_case or has_case
    return (0, min(len(pages[0]), REGION_LIMIT))


_LOWER_MARK = _re(
    r"(?:\(\s*|^[ \t]*)(?:On\s+appeal|Against\s+the|Appeal\s+from|On\s+(?:revision|reference)\s+from)\b",
    re.IGNORECASE | re.M,
)
_IN_QUALIFIER = _re(r"\(\s*(?:in|fin)\s+[^()\n]{1,80}\)", re.IGNORECASE)


def _paren_end(text: str, open_at: int, limit: int) -> int | None:
    """Offset just past the parenthesis that closes the one at ``open_at`` (within ``limit``)."""
    depth = 0
    for i in range(open_at, min(len(text), open_at + limit)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def _lower_court_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of "(On appeal against ... in Crl. A. No. 489/2009)" lines between ``start`` and ``end``."""
    spans = []
    for m in _LOWER_MARK.finditer(text, start, end):
        open_at = text.find("(", m.start(), m.end())
        if open_at >= 0:
            close = _paren_end(text, open_at, 700)
            if close:
                spans.append((open_at, close))
                continue
        # No parenthesis: up to the end of the first case number after the mark, else the line.
        cases = find_case_numbers(text[m.end() : m.end() + 500], 1)
        if cases:
            stop = m.end() + cases[0].span[1]
        else:
            newline = text.find("\n", m.end())
            stop = newline if newline >= 0 else len(text)
        spans.append((open_at + 1 if open_at >= 0 else m.start(), stop))
    return spans


def find_lower_court(pages: list[str]) -> tuple[str, int, tuple[int, int]] | None:
    """``("On appeal against the judgment dated ... in Crl. A. No. 489/2009", page, span)``, tidied."""
    if not pages:
        return None
    text = pages[0]
    for s, e in _lower_court_spans(text, *caption_region(pages)):
        if text[s] == "(":
            s += 1
        raw = text[s:e].strip()
        if raw.endswith(")"):
            raw = raw[:-1]
        line = " ".join(raw.split()).strip(" .,;")
        if len(line) >= 15:
            return line, 1, (s, e)
    return None


def _region_cases(pages: list[str], skip: list[tuple[int, int]]) -> list[CaseNumberFact]:
    """Case numbers in the caption region (offsets into page 1), except those starting in ``skip``."""
    start, end = caption_region(pages)
    out = []
    for fact in find_case_numbers(pages[0][start:end], 1):
        span = (fact.span[0] + start, fact.span[1] + start)
        if not any(s <= span[0] < e for s, e in skip):
            out.append(CaseNumberFact(fact.raw, fact.type, fact.number, fact.suffix, fact.year, 1, span))
    return out


def find_caption_cases(pages: list[str]) -> list[CaseNumberFact]:
    """Case numbers of this proceeding, each once: those of the caption, not of the lower court."""
    if not pages:
        return []
    out: list[CaseNumberFact] = []
    seen: set[tuple[str, int, str | None, int]] = set()
    for fact in _region_cases(pages, _lower_court_spans(pages[0], *caption_region(pages))):
        key = (fact.type, fact.number, fact.suffix, fact.year)
        if key not in seen:
            seen.add(key)
            out.append(fact)
    return out


# A case decided together with this one, named in the body rather than the caption:
# "the present as well as connected constitutional petitions bearing W.P. No.3387/2022",
# "Petitioner in connected W.P.No.3243 of 2021": "connected", then at most a few words
# naming the kind of case, then the number ("connected with ..." is not one).
_CONNECTED = _re(
    r"\bconnected\s+(?:(?:constitutional|writ|civil|criminal|crl\.?|jail|bail|intra[\s-]?court|"
    r"petitions?|appeals?|cases?|matters?|applications?|revisions?|references?|suits?|"
    r"bearing|numbered|namely|viz\.?|i\.\s?e\.?|being|nos?\.?)[\s,:(\-]*){0,5}$",
    re.IGNORECASE,
)
# "This single judgment shall govern the instant writ petition as well as W.P.No.3243 of 2021",
# "This consolidated order shall decide I.C.A. Nos.85, 86, 87 and 88 of 2024", "This is a
# consolidated judgment for Writ Petition Nos. 10511/2020, 78009/2019": read on a copy of the
# text with case numbers blanked, so their dots do not end the sentence.
_DECIDED_HERE = _re(
    r"\b(?:(?:this|the\s+present|the\s+instant)\s+(?:(?:single|common|consolidated|composite|combined)\s+)?"
    r"(?:judgment|order)\b[^.;]{0,120}?\b(?:decide|dispose|govern|determine|adjudicate)[sd]?\b"
    r"|\bthis\s+is\s+a\s+(?:single|common|consolidated|composite|combined)\s+(?:judgment|order)\s+(?:for|in|of)\b)"
    r"(?P<rest>[^.;]{0,250})$",
    re.IGNORECASE,
)
# ... but not a case the decided ones arise from or challenge
_NOT_DECIDED_HERE = _re(r"\b(?:against|arising|arisen|passed|impugn|assail|challeng|titled|decided)",
                        re.IGNORECASE)
_CASE_CHAIN = _re(r"\s*(?:,|&|\band\b|\bas\s+well\s+as\b)?\s*(?:\[|\()?\s*$", re.IGNORECASE)


def find_connected_cases(pages: list[str]) -> list[CaseNumberFact]:
    """Case numbers decided by this judgment but named only in its body: connected petitions
    ("connected W.P. No. 3387/2022"), and those "this single judgment shall decide"."""
    out: list[CaseNumberFact] = []
    for number, text in enumerate(pages, start=1):
        facts = find_case_numbers(text, number)
        if not facts:
            continue
        spans = sorted({f.span for f in facts})
        masked = list(text)
        for s, e in spans:
            masked[s:e] = "#" * (e - s)
        blank = "".join(masked)
        connected: set[tuple[int, int]] = set()
        previous: tuple[int, int] | None = None
        for span in spans:
            if text.rfind("\u201c", 0, span[0]) > text.rfind("\u201d", 0, span[0]):
                previous = span
                continue  # inside a quotation: another order's "connected petition"
            before = blank[max(0, span[0] - 400):span[0]]
            chained = previous in connected and _CASE_CHAIN.fullmatch(blank[previous[1]:span[0]])
            decided = _DECIDED_HERE.search(before)
            if chained or _CONNECTED.search(before[-80:]) or (
                    decided and not _NOT_DECIDED_HERE.search(decided.group("rest"))):
                connected.add(span)
            previous = span
        out.extend(f for f in facts if f.span in connected)
    return out


# --------------------------------------------------------------------------- parties

_VERSUS = _re(r"(?:(?<=\s)|(?<=^)|(?<=[.,]))(?:versus\.?|vs\.?|v/s\.?|v\.|V)(?=\s|$)", re.IGNORECASE | re.M)
_LABEL = _re(
    r"(?:\.{2,}|…+|-{2,}|_{2,}|:|\s)\s*(?P<label>Appellants?|Petitioners?|Respondents?|Applicants?"
    r"|Complainants?|Accused|Plaintiffs?|Defendants?)\s*(?:\(\s*s\s*\))?\s*[.,]?\s*$",
    re.IGNORECASE,
)
_LABEL_ROLES = {
    "appellant": "appellant", "petitioner": "petitioner", "respondent": "respondent",
    "applicant": "applicant", "complainant": "complainant", "accused": "accused",
    "plaintiff": "other", "defendant": "other",
}  # fmt: skip
_APPEALS = {"Crl.A.", "Cr.J.A.", "C.A.", "R.F.A.", "L.C.A.", "I.C.A.", "C.M.A."}
_PETITIONS = {
    "Crl.P.", "Crl.P.L.A.", "C.P.", "C.P.L.A.", "W.P.", "J.P.", "Crl.Rev.", "C.R.", "Crl.Misc.", "P.S.L.A.",
    "H.R.C.", "S.M.C.",
}  # fmt: skip
_DEATH_REFERENCE = _re(r"Murder\s+Ref|M\.\s?R\.|Capital\s+Sentence|CSR", re.IGNORECASE)
_OTHER_APPEAL = _re(r"Appeal|F\.?A\.?O|E\.?F\.?A|R\.?S\.?A", re.IGNORECASE)
_OTHER_PETITION = _re(r"Petition", re.IGNORECASE)

_TIDY_TAIL = [
    _re(r"\s*,?\s*\bthrough\b.*$", re.IGNORECASE | re.S),
    _re(r"\s*,?\s*(?:and|&)\s+(?:an)?others?\b.*$", re.IGNORECASE | re.S),
    _re(r"\s*,?\s*(?:and|&)\s+another\b.*$", re.IGNORECASE | re.S),
    _re(
        r"\s*,?\s*(?:and|&)\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|\d+\s*\(\w+\))"
        r"\s+others?\b.*$",
        re.IGNORECASE | re.S,
    ),
    _re(r"\s*,?\s*\betc\b\.?.*$", re.IGNORECASE | re.S),
    _re(r"\s*\(?\bdeceased\b\)?.*$", re.IGNORECASE | re.S),
    _re(r"\s*\(\s*in\s+(?:all|both)\s+(?:the\s+)?cases\s*\).*$", re.IGNORECASE | re.S),
    re.compile(r"[\s.,;:…*\-–—_=|&'\"“”‘’]+$"),
    _re(r",?\s*\d{1,2}$"),  # a footnote mark: "ROCK BORDELON AND TORIE BORDELON,1"
    re.compile(r"\)$"),  # removed only when unbalanced, see _tidy_span
]
_TIDY_HEAD = _re(
    r"^[\s.,;:…*\-–—_'\"“”‘’()|]+|^Case\s+No\.?\s*:?\s*|^\d{1,2}\s*[.)]\s*|^/\s*[A-Z]{2,5}\b"
)
_NOT_PARTY = _re(
    r"\b(?:Advocate|ASC|AOR|For\s+the|Date\s+of|Order\s+with|JUDGMENT|in\s+person|Counsel|Nemo|In\s+re)\b"
    r"|^\s*(?:and|&|v|vs|versus)\b",
    re.IGNORECASE,
)
_THE_STATE = _re(r"(?:the\s+)?state", re.IGNORECASE)
_NUMBERED = _re(r"(?:^|\s)\d{1,2}\s*[.)]\s*(?=[A-Z])")
_OPEN_PAREN = _re(r"\s*\(")
_BENCH_SUFFIX = _re(r"\s*,?\s*J{1,2}\b\.?")
MAX_PARTY = 400
"""Characters a party's raw text may have before tidying; more is not a name."""


def _tidy_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim "and others", "etc.", "through ...", "(deceased)", numbering and punctuation off a name."""
    for _ in range(6):
        before = (start, end)
        for pattern in _TIDY_TAIL:
            seg = text[start:end]
            m = pattern.search(seg)
            if m and not (m.group(0) == ")" and seg.count("(") >= seg.count(")")):
                end = start + m.start()
        m = _TIDY_HEAD.match(text[start:end])
        if m:
            start += m.end()
        if (start, end) == before:
            break
    return start, end


def _party(text: str, start: int, end: int, role: str) -> PartyFact | None:
    """The party named in ``text[start:end]`` with ``role``, or None if it does not look like one."""
    if end - start > MAX_PARTY:
        return None
    start, end = _tidy_span(text, start, end)
    name = " ".join(text[start:end].split())
    if not 2 <= len(name) <= 150 or not re.search(r"[A-Za-z]{2}", name) or len(name.split()) > 20:
        return None
    if _NOT_PARTY.search(name) or not (name[0].isupper() or name[:3].lower() == "m/s"):
        return None
    if find_case_numbers(name, 1) or find_dates(name):
        return None
    if _THE_STATE.fullmatch(name):
        return PartyFact("The State", "state", 1, (start, end))
    return PartyFact(name, role, 1, (start, end))


def _side_parties(
    text: str, start: int, end: int, role: str, quals: list[tuple[int, int]]
) -> list[PartyFact]:
    """The parties on one side of "versus", split at "(in ...)" qualifiers or "1. ... 2. ..." numbering.

    If one piece is not a party the whole side is unclear and gives nothing.
    """
    inner = [q for q in quals if start <= q[0] < end]
    if inner:
        bounds = [start, *(b for q in inner for b in q), end]
        pieces = list(zip(bounds[0::2], bounds[1::2], strict=True))
    else:
        marks = list(_NUMBERED.finditer(text[start:end]))
        if len(marks) >= 2:
            bounds = [start + m.start() for m in marks] + [end]
            pieces = list(itertools.pairwise(bounds))
        else:
            pieces = [(start, end)]
    out = []
    for s, e in pieces:
        if not text[s:e].strip():
            continue
        fact = _party(text, s, e, role)
        if fact is None:
            return []
        out.append(fact)
    return out


def _default_roles(case: CaseNumberFact | None) -> tuple[str, str] | None:
    """Roles of an unlabelled "X Vs. Y" under ``case``: (X's, Y's), or None when the type does not say."""
    if case is None:
        return None
    if case.type in _APPEALS:
        return "appellant", "respondent"
    if case.type in _PETITIONS:
        return "petitioner", "respondent"
    if case.type == "Cr.B.A.":
        return "applicant", "respondent"
    if _DEATH_REFERENCE.search(case.raw):
        return "other", "accused"  # "The State versus X": X is the convict sentenced to death
    if case.type == "Other":
        if _OTHER_APPEAL.search(case.raw):
            return "appellant", "respondent"
        if _OTHER_PETITION.search(case.raw):
            return "petitioner", "respondent"
    return None


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with ``spans`` blanked out (same length, so offsets still hold)."""
    chars = list(text)
    for s, e in spans:
        chars[s:e] = " " * (e - s)
    return "".join(chars)


def _sides(text: str, masked: str, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Spans of the two sides of the one "versus" in ``text[start:end]``, or None."""
    found = [m for m in _VERSUS.finditer(masked, start, end)]
    found = [m for m in found if m.group(0) != "V" or text[m.start() - 1 : m.start()] == " "]
    if len(found) != 1:
        return None
    vs = found[0]
    line_start = text.rfind("\n", start, vs.start()) + 1
    line_end = text.find("\n", vs.end(), end)
    line_end = end if line_end < 0 else line_end
    inline = text[max(line_start, start) : vs.start()].strip() and text[vs.end() : line_end].strip()
    if inline and not _LABEL.search(text[vs.end() : line_end]):
        # "X Vs Y" on one line: the left side is that line; the right side may run on over the
        # next lines ("... Chief\nOfficer (DC) Returning Officer") up to an empty or "(" line.
        right_end = line_end
        for _ in range(3):
            nl = text.find("\n", right_end + 1, end)
            following = text[right_end + 1 : nl if nl >= 0 else end]
            if right_end >= end or not following.strip() or following.lstrip().startswith(("(", "[")):
                break
            right_end = nl if nl >= 0 else end
        return (max(start, line_start), vs.start()), (vs.end(), right_end)
    # Names over labels, possibly on lines of their own: the right side ends with its label, or
    # after at most five lines.
    lines_after = text[vs.end() : end].split("\n")
    right_end = vs.end() + len("\n".join(lines_after[:5]))
    for k in range(1, min(len(lines_after), 5) + 1):
        upto = vs.end() + len("\n".join(lines_after[:k]))
        if _LABEL.search(text[vs.end() : upto]):
            right_end = upto
            break
    return (start, vs.start()), (vs.end(), right_end)


def _block_parties(
    text: str, start: int, end: int, case: CaseNumberFact | None, skip: list[tuple[int, int]]
) -> list[PartyFact]:
    """Parties of one caption block (the text under one case number), or nothing if unclear."""
    masked = _mask(text, skip)
    lead = _OPEN_PAREN.match(masked, start, end)
    if lead:  # "(X versus Y)": the parties are inside the parentheses.
        close = _paren_end(masked, lead.end() - 1, end - start)
        if close:
            start, end = lead.end(), close - 1
    sides = _sides(text, masked, start, end)
    if sides is None:
        return []
    roles = _default_roles(case)
    found = []
    for (s, e), default in zip(sides, roles or (None, None), strict=True):
        while e > s and text[e - 1] in " \t\n*.=_…|-":
            e -= 1
        if e - s > MAX_PARTY * 3:
            return []
        label = _LABEL.search(text, s, e)
        if label:
            e = label.start()
            role = _LABEL_ROLES[label.group("label").lower().rstrip("s")]
        elif default is not None:
            role = default
        else:
            return []
        parties = _side_parties(text, s, e, role, skip)
        if not parties:
            return []
        found.extend(parties)
    return found


_LABEL_FIRST = _re(
    r"^[ \t]*(?:Pauper[ \t]+)?(?P<label>Appellant|Petitioner|Applicant|Respondent|Complainant|State)s?"
    r"(?:[ \t]+(?P<name1>[A-Z][^:\n]{2,60}?))?[ \t]*:[ \t]*(?P<name2>[^\n]{0,80}?)[ \t]*\bthrough\b",
    re.M,
)


def _label_first_parties(text: str) -> list[PartyFact]:
    """Sindh's "Appellant : Arz Muhammad Jagirani through Mr. X, Advocate" / "State : through ..."."""
    found = []
    for m in _LABEL_FIRST.finditer(text, 0, min(len(text), 4000)):
        group = "name1" if m.group("name1") else "name2"
        role = m.group("label").lower()
        if role == "state" and not m.group(group).strip():
            found.append(PartyFact("The State", "state", 1, (m.start("label"), m.end("label"))))
            continue
        fact = _party(text, m.start(group), m.end(group), role)
        if fact:
            found.append(fact)
    return found


def find_parties(pages: list[str]) -> list[PartyFact]:
    """Parties of the caption, each once: name as printed (tidied) and role.

    The caption is cut into blocks, one under each case number (and the text
    above the first, where law reports put the parties); a block with one
    "versus" gives its two sides. A role comes from the label ("...
    Petitioner(s)", "---Respondents", "Appellant :") or, for an unlabelled
    "X Vs. Y", from the case type (appeals: appellant/respondent; petitions,
    revisions, writs: petitioner/respondent; bail applications:
    applicant/respondent; death references: the convict is ``accused``).
    "The State" is always ``state``. "and another", "etc.", "through ...",
    "(deceased)" are tidied away. A party named in several blocks is listed
    once, with its most specific role.
    """
    if not pages:
        return []
    text = pages[0]
    start, end = caption_region(pages)
    quals = [(m.start(), m.end()) for m in _IN_QUALIFIER.finditer(text, start, end)]
    skip = _lower_court_spans(text, start, end) + quals
    exprs: list[CaseNumberFact] = []
    for c in _region_cases(pages, skip):
        if not exprs or exprs[-1].span != c.span:  # one expression, one block
            exprs.append(c)
    blocks: list[tuple[int, int, CaseNumberFact | None]] = [
        (c.span[1], exprs[i + 1].span[0] if i + 1 < len(exprs) else end, c) for i, c in enumerate(exprs)
    ]
    court = find_court(pages)
    if exprs:
        above = max([b[3][1] for b in find_bench(pages)] + [court.span[1] if court else 0])
        suffix = _BENCH_SUFFIX.match(text, above, exprs[0].span[0])
        above = suffix.end() if suffix else above
        if above < exprs[0].span[0]:
            blocks.append((above, exprs[0].span[0], exprs[0]))
    elif court:
        # No case number (foreign captions): the text under the court heading, labelled parties only.
        blocks.append((court.span[1], end, None))
    found = [p for s, e, case in blocks for p in _block_parties(text, s, e, case, skip)]
    return _merge_parties(found or _label_first_parties(text))


_ROLE_RANK = {
    "state": 0, "appellant": 1, "petitioner": 1, "applicant": 1, "respondent": 2, "complainant": 2,
    "accused": 3, "other": 4,
}  # fmt: skip


def _merge_parties(found: list[PartyFact]) -> list[PartyFact]:
    out: list[PartyFact] = []
    for fact in found:
        for i, have in enumerate(out):
            if have.name.upper() == fact.name.upper():
                if _ROLE_RANK[fact.role] < _ROLE_RANK[have.role]:
                    out[i] = PartyFact(have.name, fact.role, have.page_number, have.span)
                break
        else:
            out.append(fact)
    return out


# --------------------------------------------------------------------------- counsel

_DESIGNATION = (
    r"(?:Sr\.?\s*ASC|ASC|AOR|A\.O\.R\.?|Advocates?(?:[\s-]+(?:Supreme\s+Court|High\s+Court|on[\s-]+Record))?"
    r"|(?:Additional|Addl\.?|Assistant|Asstt\.?:?|Deputy)\s+(?:Advocate|Attorney|Prosecutor)[\s-]+General"
    r"|(?:Advocate|Attorney|Prosecutor)[\s-]+General|Additional\s+Prosecutor|Special\s+Prosecutors?"
    r"|(?:Deputy\s+)?District\s+Public\s+Prosecutor|Public\s+Prosecutor|State\s+Counsel|Standing\s+Counsel"
    r"|Legal\s+Advis[eo]r|D\.?A\.?G|A\.?A\.?G|Addl\.?\s*A\.?G|Asstt:?\.?\s*A\.?G|AGP|A\.?P\.?G|Addl\.?\s*P\.?G"
    r"|D\.?P\.?G|D\.?P\.?P|A\.?D\.?P\.?P|Asstt\.?\s*P\.?G|DDPP|A\.G)\b\.?"
)
_DESIG_RE = _re(_DESIGNATION, re.IGNORECASE)
# "Mr. X, Advocate for the petitioner" (lower-case "for": "... AOR For the State:" is the next label)
_FOR_LABEL = _re(
    "(?P<desig>" + _DESIGNATION + r")[ \t]*,?[ \t]+(?-i:for)[ \t]+(?:the[ \t]+)?"
    r"(?P<label>(?:petitioner|appellant|respondent|applicant|complainant|state|accused)s?(?:\s*\(s\))?"
    r"(?:[ \t]*Nos?\.?[ \t]*\d[\d,&\t to-]{0,20})?)",
    re.IGNORECASE,
)
_CONNECTORS = _re(
    r"^(?:[\s,;&]|and\b|with\b|assisted\s+by\b|a/w\b|along\s*with\b|alongwith\b|together\s+with\b)+",
    re.IGNORECASE,
)
# Inside the text before a designation, the counsel's name starts after the last of these.
_CHUNK_CUT = _re(
    r"(?<=[a-z]{3})\.\s+(?=[A-Z])|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\.?\s+"
    r"|\s(?:a/w|with|assisted\s+by|along\s*with|alongwith|together\s+with)\s+",
    re.IGNORECASE,
)
_LEADING_PUNCT = re.compile(r"[\s\-–:;,.|]+")
_MS_LISTING = _re(r"M/s\.?\s", re.IGNORECASE)
_LIST_ITEM = _re(r"[^,&]+?(?=\s*(?:,|&|\band\b|$))")
_COUNSEL_TITLE = _re(r"^(?:Mr|Mrs|Ms|Miss|M/s|M/S)\b\.?\s*")
_NOT_COUNSEL = _re(
    r"\b(?:In\s+person|Nemo|Deputy\s+Commissioner|Inspector|Secretary|Director|Officer|S\.?I|ASI|SHO|DSP|SP"
    r"|Stenographer|Reader|Complainant|Petitioner|Respondent|Appellant|State|through|present)\b",
    re.IGNORECASE,
)
_NAME_PARTICLES = {"ud", "ul", "ur", "e", "bin", "de"}

_ROLE = r"(?:Petitioner|Appellant|Respondent|Applicant|Complainant|Accused|State|Federation|Province)s?"
# "Respondent No.1", "Respondents No.1 to 7", "Petitioner(s)", "State (appellant)", "Petitioners/ Applicants",
# "Respondent #4", "Applicant-department"
_ROLE_LABEL = (
    rf"{_ROLE}(?:-[A-Za-z]+)?(?:[ \t]*\(s\))?(?:[ \t]*/[ \t]*{_ROLE})?(?:[ \t]*#[ \t]*\d+)?"
    r"(?:[ \t]*(?:No|Nos|No\.s)\.?[ \t]*\d[\d,&\t ]{0,20}(?:(?:to|-|and)[ \t]*\d+)?)?"
    r"(?:[ \t]*\([^()\n]{1,30}\))?"
)
_COUNSEL_LABEL = _re(
    rf"(?:^|(?<=[\s|.]))(?:(?-i:For|FOR)[ \t]+(?:the[ \t]+)?(?P<for>{_ROLE_LABEL})[ \t]*[:\-–]{{1,4}}"
    rf"|(?P<by>{_ROLE_LABEL})[ \t]+by[ \t]*[:\-–;]{{0,4}})[ \t]*",
    re.IGNORECASE | re.M,
)
_ROLE_LINE = _re(r"[\s'|.:;,-]*(?:Appellant|Petitioner|Respondent|Applicant|Complainant)s?\b", re.IGNORECASE)
_RULE_LINE = _re(r"\s*[.…=_*-]{3,}")


def _appearing_for(label: str) -> str:
    """``"the Respondents No.1 & 2"`` -> ``"respondent no.1 & 2"``."""
    label = " ".join(label.lower().replace("(s)", "").split()).strip(" .,:;-–")
    label = re.sub(r"^the\s", "", label)
    label = re.sub(r"^(petitioner|appellant|respondent|applicant|complainant)s\b", r"\1", label)
    label = re.sub(r"\s?\(.*$", "", label)
    return re.sub(r"\s?\bnos?\.?(?:s\.)?\s?", " no.", label).strip()


def _counsel_name(raw: str) -> str | None:
    raw = re.sub(r"^\s*(?:and\s+)?", "", raw).strip()
    name = " ".join(_COUNSEL_TITLE.sub("", raw).split()).strip(" ,.;:")
    if not name or _NOT_COUNSEL.search(name) or re.search(r"\d|[()\[\]/|]", name):
        return None
    words = name.split()
    if not 2 <= len(words) <= 7 or not all(w[0].isupper() or w.lower() in _NAME_PARTICLES for w in words):
        return None
    return name


def _counsel_names(text: str, start: int, end: int) -> list[tuple[str, tuple[int, int]]]:
    """Names in a counsel text such as "Mr. X, ASC with Mr. Y, AOR" or "M/s A and B, Advocates".

    Each designation ends a chunk; the name is the chunk's last comma-separated
    part after any "with"/"a/w"/"assisted by" or sentence end, or, after
    "M/s", every part of the list.
    """
    out = []
    pos = start
    for d in _DESIG_RE.finditer(text, start, end):
        chunk_start, chunk_end = pos, d.start()
        pos = d.end()
        lead = _CONNECTORS.match(text, chunk_start, chunk_end)
        if lead:
            chunk_start = lead.end()
        while chunk_end > chunk_start and text[chunk_end - 1] in " \t\n,;:":
            chunk_end -= 1
        cuts = list(_CHUNK_CUT.finditer(text, chunk_start, chunk_end))
        if cuts:
            chunk_start = cuts[-1].end()
        lead = _LEADING_PUNCT.match(text, chunk_start, chunk_end)
        if lead:
            chunk_start = lead.end()
        chunk = text[chunk_start:chunk_end]
        if _MS_LISTING.match(chunk):
            parts = [(m.start(), m.end()) for m in _LIST_ITEM.finditer(chunk)]
            parts = [(s, e) for s, e in parts if chunk[s:e].strip().lower() != "and"]
        else:
            parts = [(chunk.rfind(",") + 1, len(chunk))]
        for s, e in parts:
            name = _counsel_name(chunk[s:e])
            if name:
                at = text.find(name.split()[0], chunk_start + s, chunk_end)
                out.append((name, (at if at >= 0 else chunk_start + s, chunk_start + e)))
    return out


def _run_on(text: str, start: int, stop: int, *, table: bool) -> int:
    """End of a counsel text that starts at ``start``: over following lines until one ends the caption."""
    seg_end = start
    for line in _lines(text[start:stop]):
        t = line.text
        if line.start > 0 and (
            _STOP_LINE.match(t) or _HEADING_JUDGMENT.match(t) or not t.strip()
            or (table and (_AUTHOR.match(t) or _LINE_STARTS_WITH_DATE.match(t) or _RULE_LINE.match(t)
                           or _ROLE_LINE.match(t)))
        ):
            break
        bar = t.find("|") if table else -1
        if bar >= 0:  # an OCR'd table: the cell ends here
            return start + line.start + bar
        seg_end = start + line.end
    return seg_end


def find_counsel(pages: list[str]) -> list[CounselFact]:
    """Counsel and whom they appear for, from the caption's counsel lines, each once.

    Read: "For the appellant: Mr. X, ASC", "Appellant by: X, Advocate" (the
    text may run on to the next lines, or another label may follow on the
    same line), Sindh's "Appellant : X through Mr. Y, Advocate", and "Mr. X,
    Advocate for the petitioner". A name counts only with a counsel's
    designation (Advocate, ASC, AOR, DAG, Deputy Prosecutor General ...), so
    police officers and officials "in attendance" are left out. Labels that
    stand in a column apart from the names ("For Respondent No.6:" straight
    above "For Respondent No.11:") give nothing: which name is whose is not
    written.
    """
    if not pages:
        return []
    text = pages[0]
    author = find_author(pages[:1])
    limit = min(author[3][0] if author else 5000, len(text), 8000)
    out: list[CounselFact] = []

    labels = list(_COUNSEL_LABEL.finditer(text, 0, limit))
    columnar: set[int] = set()
    for n, (m, nxt) in enumerate(itertools.pairwise(labels)):
        own_end = text.find("\n", m.end())
        own = text[m.end() : own_end if own_end >= 0 else len(text)]
        between = text[m.end() : nxt.start()]
        if not own.strip(" \t:|") and between.count("\n") <= 1 and not between.strip(" \t\n:|"):
            columnar.update({n, n + 1})
    for n, m in enumerate(labels):
        if n in columnar:
            continue
        stop = labels[n + 1].start() if n + 1 < len(labels) else limit
        label = _appearing_for(m.group("for") or m.group("by"))
        for name, span in _counsel_names(text, m.end(), _run_on(text, m.end(), stop, table=True)):
            out.append(CounselFact(name, label, 1, span))

    firsts = list(_LABEL_FIRST.finditer(text, 0, limit))
    for n, m in enumerate(firsts):
        stop = firsts[n + 1].start() if n + 1 < len(firsts) else limit
        for name, span in _counsel_names(text, m.end(), _run_on(text, m.end(), stop, table=False)):
            out.append(CounselFact(name, m.group("label").lower(), 1, span))

    for line in _lines(text[:limit]):
        pos = line.start
        for m in _FOR_LABEL.finditer(text, line.start, line.end):
            for name, span in _counsel_names(text, pos, m.end("desig")):
                out.append(CounselFact(name, _appearing_for(m.group("label")), 1, span))
            pos = m.end()

    unique: dict[tuple[str, str], CounselFact] = {}
    for c in out:
        unique.setdefault((c.name.upper(), c.appearing_for), c)
    return list(unique.values())


# --------------------------------------------------------------------------- dates

_HEARING = _re(
    r"\b(?P<plural>Dates?)\s+of\s+(?:the\s+)?hearing\b(?P<order>\s*(?:&|and)\s*order)?[\s:;.\-–]{0,8}",
    re.IGNORECASE,
)
_NOT_HEARING = _re(r"Date\s+of|decided|announced|Petitioner|Appellant|Respondent", re.IGNORECASE)
_LIST_JOIN = _re(r"[\s,&]*(?:and)?[\s,&]*", re.IGNORECASE)
_DECISION = _re(
    r"\bDate\s+of\s+(?:the\s+)?(?:decision|judgment|judgement|order|announcement|pronouncement)\b[\s:;.\-–]{0,8}",
    re.IGNORECASE,
)
_DECIDED_ON = _re(r"\bdecided\s+on\s+|(?<=[—–-])Decided\s+", re.IGNORECASE)
_ANNOUNCED = _re(
    r"\b(?:announced|pronounced)\b[^.\n]{0,40}?(?:\n[^.\n]{0,40}?){0,2}\bon(?![a-z])[\s_:]*", re.IGNORECASE
)
_ARGUED = _re(r"\bArgued\s+")
_SIGNATURE_LABEL = _re(r"\b(?:JUDGE|Judge|J\s?U\s?D\s?G\s?E|CHIEF\s+JUSTICE|Chief\s+Justice|J\.|CJI)\W{0,8}$")
_PLACE_DATE = _re(r"^\s*(?:[A-Z][A-Za-z .]{1,30},\s*)?(?:the\s+)?(?P<date>.+?)\s*$")
_PLACE_LINE = _re(r"^\s*[A-Z][A-Za-z .]{2,30},?\s*(?:the)?\s*$")
_ORDER_SHEET = _re(r"ORDER\s+SHEET|Order\s+with\s+signatures?", re.IGNORECASE)
_ORDER_DATE = _re(r"^\s*(\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2}))\.?(?=\s|$)", re.M)


def _date_at(text: str, pos: int, page_number: int, window: int = 40) -> DateFact | None:
    """The date that starts ``text[pos:]`` (after spaces, underscores, colons or dashes), if any."""
    for value, (s, e) in find_dates(text[pos : pos + window]):
        if text[pos : pos + s].strip(" \t\n_:-–") == "":
            return DateFact(value, page_number, (pos + s, pos + e))
        return None
    return None


def find_hearing_date(pages: list[str]) -> DateFact | None:
    """The date after "Date of hearing:" on pages 1-2 (the last of "Dates of hearing: A, B and C").

    A line that lists days without a parseable date ("December 5, 7, 11 ...,
    2023") gives None. US syllabi: "Argued April 23, 2013".
    """
    for page_index, text in enumerate(pages[:2]):
        for m in _HEARING.finditer(text):
            line_end = text.find("\n", m.end())
            rest = text[m.end() : line_end if line_end >= 0 else len(text)]
            other = _NOT_HEARING.search(rest)
            rest = rest[: other.start()] if other else rest
            dates = find_dates(rest)
            if not dates:
                continue
            listed = len(dates) > 1 and all(
                _LIST_JOIN.fullmatch(rest[a[1][1] : b[1][0]]) for a, b in itertools.pairwise(dates)
            )
            if m.group("plural").lower() == "dates" or listed:
                value, (s, e) = dates[-1]
                return DateFact(value, page_index + 1, (m.end() + s, m.end() + e))
            found = _date_at(text, m.end(), page_index + 1)
            if found:
                return found
        for m in _ARGUED.finditer(text, 0, 3000):
            found = _date_at(text, m.end(), page_index + 1)
            if found:
                return found
    return None


def _under_signatures(pages: list[str]) -> DateFact | None:
    """A date standing alone among the last lines, beside "Judge" labels or under "Islamabad, the"."""
    tail: list[tuple[int, Line]] = []
    for page_index in range(max(0, len(pages) - 2), len(pages)):
        tail.extend((page_index, ln) for ln in _lines(pages[page_index]) if ln.text.strip())
    tail = tail[-16:]
    for k in range(len(tail) - 1, -1, -1):
        page_index, line = tail[k]
        if len(line.text) > 80:
            continue
        value = parse_date(line.text)
        span = (line.start + len(line.text) - len(line.text.lstrip()), line.start + len(line.text.rstrip()))
        if value is None:
            m = _PLACE_DATE.match(line.text)
            value = parse_date(m.group("date")) if m else None
            if m is None or value is None:
                continue
            span = (line.start + m.start("date"), line.start + m.end("date"))
        near = [ln.text for _, ln in tail[max(0, k - 4) : k + 5] if ln is not line and len(ln.text) <= 200]
        under_place = k > 0 and _PLACE_LINE.match(tail[k - 1][1].text) is not None
        if under_place or any(_SIGNATURE_LABEL.search(t) for t in near):
            return DateFact(value, page_index + 1, span)
    return None


def find_decision_date(pages: list[str]) -> DateFact | None:
    """When the decision was made or announced.

    In order of trust: "Date of decision/judgment/order:" and "Date of
    hearing & Order:" (pages 1-2), "decided on" (law reports; US "—Decided"),
    "Announced/pronounced ... on" on the last two pages (a blank "on ______"
    gives nothing), an order sheet's date at the head of the order, and the
    date standing under the judges' signatures. "Signed on" is not a
    decision date.
    """
    if not pages:
        return None
    for page_index, text in enumerate(pages[:2]):
        for m in _DECISION.finditer(text):
            found = _date_at(text, m.end(), page_index + 1)
            if found:
                return found
        for m in _HEARING.finditer(text):
            found = _date_at(text, m.end(), page_index + 1) if m.group("order") else None
            if found:
                return found
    for m in _DECIDED_ON.finditer(pages[0], 0, 4000):
        found = _date_at(pages[0], m.end(), 1)
        if found:
            return found
    for page_index in range(max(0, len(pages) - 2), len(pages)):
        for m in _ANNOUNCED.finditer(pages[page_index]):
            found = _date_at(pages[page_index], m.end(), page_index + 1, 30)
            if found:
                return found
    if _ORDER_SHEET.search(pages[0], 0, 1500):
        end = caption_region(pages)[1]
        m = _ORDER_DATE.search(pages[0], end, end + 600)
        value = parse_date(m.group(1)) if m else None
        if m and value:
            return DateFact(value, 1, (m.start(1), m.end(1)))
    return _under_signatures(pages)


# --------------------------------------------------------------------------- all stages


def _with_connected(caption: list[CaseNumberFact], connected: list[CaseNumberFact]) -> list[CaseNumberFact]:
    """The caption's case numbers, then connected ones it does not name, each once."""
    seen = {(c.number, c.suffix, c.year) for c in caption}
    out = list(caption)
    for fact in connected:
        key = (fact.number, fact.suffix, fact.year)
        if key not in seen:
            seen.add(key)
            out.append(fact)
    return out


def parse_caption(pages: list[str]) -> CaptionFacts:
    """All caption facts of a judgment whose cleaned page texts are ``pages`` (``pages[0]`` is page 1)."""
    pages = [p if isinstance(p, str) else "" for p in pages]
    court = find_court(pages)
    lower = find_lower_court(pages)
    return CaptionFacts(
        court=court.court if court else None,
        seat=court.seat if court else None,
        court_span=(court.page_number, *court.span) if court else None,
        jurisdiction_line=find_jurisdiction(pages),
        judges=find_judges(pages),
        case_numbers=_with_connected(find_caption_cases(pages), find_connected_cases(pages)),
        parties=find_parties(pages),
        lower_court_line=lower[0] if lower else None,
        counsel=find_counsel(pages),
        hearing_date=find_hearing_date(pages),
        decision_date=find_decision_date(pages),
    )
