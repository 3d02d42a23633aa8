"""Sentences handed down: by the trial court, and as they stand after this judgment.

Stage of the judgment parser. :func:`find_sentences` reads the cleaned text
of a judgment's pages and returns one :class:`SentenceFact` per accused,
offence and punishment component (see "Sentences" in
``docs/parsing-conventions.md``):

* ``trial`` facts come from the first clear recital of what the trial court
  did ("The learned trial court convicted the appellant under section 292-C
  PPC and sentenced him to rigorous imprisonment for fourteen years with fine
  of Rs.1,000,000/-, in default whereof to further undergo simple
  imprisonment for six months"), in running prose, as a numbered list
  ("(i) Under section 376(iii) PPC: imprisonment for life ..."), as a table,
  or under each accused's name in multi-accused judgments.
* ``final`` facts say what this judgment leaves: the trial sentences
  maintained when the appeal is dismissed or the conviction upheld (with the
  page and sentence that say so), reduced or altered ones ("death sentence is
  altered into imprisonment for life"), and ``acquittal`` when the conviction
  is set aside. They are read from the operative part (the end of the
  judgment) and must concern a trial sentence the judgment recited, which
  keeps precedents discussed near the end ("In X v. The State the conviction
  under section 326 was set aside") out. A Supreme Court judgment starts from
  the sentences as the High Court left them ("upheld both convictions but
  reduced his sentence under PECA from seven years to five years").
* an appeal against an acquittal (no conviction recited) gives the trial
  court's ``acquittal`` and, when the appeal is dismissed, the same as final.
* Compensation (s.544-A Cr.P.C.) is its own fact; stated on its own it goes
  with the gravest offence recited before it.

Precision matters more than recall: a recital that cannot be read with
confidence gives nothing rather than a guess. Bail orders (which describe
punishments an offence carries, not sentences) give nothing.

Statute references come from :mod:`lawdb.legal.statute_refs` when that
module is available, and from a small fallback pattern otherwise
(``section 292-C PPC``, ``u/s 302(b) PPC``, ``376(iii) PPC``). A sentence
names the offence of its conviction: the first section cited after
"convicted under" ("section 377 read with section 511 PPC" is ``377``,
"section 292-B PPC, punishable under section 292-C PPC" is ``292B``).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from ingest.parse.amounts import LIFE_RE, iter_amounts, iter_terms

__all__ = ["JudgmentText", "SentenceFact", "TextUnit", "find_sentences", "is_bail_order"]


@dataclass(frozen=True)
class SentenceFact:
    """One punishment for one offence of one accused, with where the judgment says so."""

    stage: str                 # "trial" | "final"
    accused: str | None        # name as printed if the sentence names one, else None
    act: str | None            # "PPC", "PECA", ...
    section: str | None        # "292C", "376", ...
    section_label: str | None  # as written
    punishment: str            # death | life_imprisonment | rigorous_imprisonment | ... | acquittal
    term_days: int | None
    fine_pkr: int | None
    compensation_pkr: int | None
    default_term_days: int | None
    concurrent: bool | None
    benefit_382b: bool | None
    page_number: int
    span: tuple[int, int]      # offsets into pages[page_number-1]
    quote: str                 # == pages[page_number-1][span[0]:span[1]]


# =========================================================================== statute refs

@dataclass(frozen=True)
class _Ref:
    start: int
    end: int
    act: str | None
    section: str
    label: str
    sub: str | None


_ACTS: list[tuple[str, str]] = [
    ("CrPC", r"Cr\.?\s?P\.?\s?C\b\.?|Code\s+of\s+Criminal\s+Procedure(?:,?\s*\(?(?:V\s+of\s+)?1898\)?)?"),
    ("PPC", r"P\.?\s?P\.?\s?C\b\.?|Pakistan\s+Penal\s+Code(?:,?\s*\(?(?:XLV\s+of\s+)?1860\)?)?"),
    ("PECA", r"PECA\b(?:,?\s*2016)?|Prevention\s+of\s+Electronic\s+Crimes\s+Act(?:,?\s*2016)?"),
    ("CNSA", r"C\.?\s?N\.?\s?S\.?\s?A\b\.?(?:,?\s*1997)?|CNS\s+Act(?:,?\s*1997)?"
             r"|Control\s+of\s+Narcotic\s+Substances\s+Act(?:,?\s*1997)?"),
    ("ATA", r"A\.?T\.?A\b\.?(?:,?\s*1997)?|Anti[-\s]?Terrorism\s+Act(?:,?\s*1997)?"),
    ("QSO", r"Q\.?S\.?O\b\.?|Qanun-?e-?Shahadat(?:\s+Order)?(?:,?\s*1984)?"),
    ("JJSA", r"JJSA\b(?:,?\s*2018)?|Juvenile\s+Justice\s+System\s+Act(?:,?\s*2018)?"),
    ("ZARRA", r"ZARRA\b|Zainab\s+Alert,?\s+Response\s+and\s+Recovery\s+Act(?:,?\s*2020)?"),
    ("ZinaOrdinance", r"(?:Offence\s+of\s+Zina\s+\(Enforcement\s+of\s+Hudood\)\s+)?Ordinance"
                       r"(?:,?\s*VII\s+of\s+1979|,?\s*1979)"),
]
_ACT_RE = "|".join(f"(?P<act{i}>{pattern})" for i, (_, pattern) in enumerate(_ACTS))
_SEC_NUM = r"\d{1,3}(?:(?-i:\s?-?\s?[A-Z]{1,2})(?![A-Za-z.]))?(?:\s?\((?:[0-9]{1,2}|[a-zA-Z]{1,4})\))*"
_SEC_WORD = r"(?:Sections?|Secs?\.?|Ss?\.|u/ss?\.?|U/Ss?\.?|under\s+section)"
_SEC_JOIN = r"(?:\s*(?:/|,|&|\band\b|\bor\b|\bread\s+with\b|\br/w\b)\s*(?:(?:section|sec\.?|S\.)\s*)?)"
_REF_RE = re.compile(
    rf"""
    (?:(?<![A-Za-z])(?P<word>{_SEC_WORD})\s*:?\s*)?
    (?P<nums>{_SEC_NUM}(?:{_SEC_JOIN}{_SEC_NUM}){{0,8}})
    (?P<tail>\s*,?\s*(?:of\s+(?:the\s+)?)?(?:{_ACT_RE}))?
    """,
    re.X | re.I,
)
_ONE_NUM_RE = re.compile(
    r"(?P<num>\d{1,3}(?:\s?-?\s?[A-Z]{1,2}(?![A-Za-z.]))?)(?P<sub>(?:\s?\([^)]{1,4}\))*)"
)


def _fallback_refs(text: str) -> list[_Ref]:
    """Statute references found by a small pattern (used until lawdb.legal.statute_refs exists)."""
    refs: list[_Ref] = []
    for match in _REF_RE.finditer(text):
        if not match.group("word") and not match.group("tail"):
            continue
        # "No.497/2021", "dated 26.8.2021": a section number is never glued to a dot or a
        # slash-year before it.
        before = text[max(0, match.start() - 4):match.start()]
        if re.search(r"(?:No|\d)[.\s]*$", before) and not match.group("word"):
            continue
        act = None
        if match.group("tail"):
            for i, (key, _) in enumerate(_ACTS):
                if match.group(f"act{i}"):
                    act = key
                    break
        for num in _ONE_NUM_RE.finditer(match.group("nums")):
            label = re.sub(r"\s+", " ", num.group(0).strip())
            section = re.sub(r"[\s-]", "", num.group("num")).upper()
            sub = re.sub(r"\s", "", num.group("sub")) or None
            refs.append(_Ref(match.start(), match.end(), act, section, label, sub))
    return refs


_REAL_PARSER: Callable[[str, int], list] | bool | None = False  # False: not looked up yet


def _statute_parser() -> Callable[[str, int], list] | None:
    """The project's statute reference parser, if it is installed (looked up once)."""
    global _REAL_PARSER
    if _REAL_PARSER is False:
        try:
            from lawdb.legal.statute_refs import find_statute_refs
        except Exception:  # ImportError, or a module still being written
            _REAL_PARSER = None
        else:
            _REAL_PARSER = find_statute_refs
    return _REAL_PARSER or None


def _refs(text: str) -> list[_Ref]:
    parser = _statute_parser()
    if parser is not None:
        try:
            found = parser(text, 1)
            refs = []
            for ref in found:
                unit_kind = getattr(ref, "unit", "section")
                if not getattr(ref, "section", None) or unit_kind not in (None, "section"):
                    continue
                label = re.sub(r"\s+", " ", str(getattr(ref, "section_label", None) or ref.section))
                sub = getattr(ref, "sub", None) or None
                if sub and not label.replace(" ", "").endswith(sub.replace(" ", "")):
                    label += sub
                start, end = int(ref.span[0]), int(ref.span[1])
                refs.append(_Ref(start, end, ref.act or None, str(ref.section), label, sub))
            return sorted(refs, key=lambda r: (r.start, r.end))
        except Exception:  # a parser still being written must not break ours
            pass
    return _fallback_refs(text)


# =========================================================================== the document

@dataclass
class TextUnit:
    """A sentence or list item of the judgment, in offsets of the joined text."""

    start: int
    end: int
    para: int
    list_item: bool = False
    heading: list[str] | None = None
    quoted: bool = False


class JudgmentText:
    """A judgment's pages joined into one text, split into sentences (:class:`TextUnit`).

    Shared by the sentence and outcome stages. Offsets are into :attr:`text`
    (the pages joined by newlines); :meth:`provenance` turns a unit back into
    a page number, a page-local span and the quote.
    """

    def __init__(self, pages: Sequence[str]):
        self.pages = list(pages)
        self.page_starts: list[int] = []
        pos = 0
        for text in self.pages:
            self.page_starts.append(pos)
            pos += len(text) + 1
        self.text = "\n".join(self.pages)
        self.units = _segment(self.text)
        self._refs: list[_Ref] | None = None
        self._ref_starts: list[int] = []

    def unit_text(self, unit: TextUnit) -> str:
        return self.text[unit.start:unit.end]

    @property
    def refs(self) -> list[_Ref]:
        """Statute references, read sentence by sentence (so that an act named in one sentence
        is never lent to a bare section number in the next)."""
        if self._refs is None:
            refs: list[_Ref] = []
            for unit in self.units:
                text = self.text[unit.start:unit.end]
                if re.search(r"\d", text):
                    base = unit.start
                    refs.extend(replace(r, start=r.start + base, end=r.end + base) for r in _refs(text))
            refs.sort(key=lambda r: (r.start, r.end))
            self._refs = refs
            self._ref_starts = [r.start for r in refs]
        return self._refs

    def page_of(self, pos: int) -> int:
        return bisect.bisect_right(self.page_starts, pos) - 1

    def refs_in(self, start: int, end: int) -> list[_Ref]:
        refs = self.refs
        i = bisect.bisect_left(self._ref_starts, start)
        out = []
        while i < len(refs) and refs[i].start < end:
            if refs[i].end <= end + 40:
                out.append(refs[i])
            i += 1
        return out

    def provenance(self, unit: TextUnit, anchor: int) -> tuple[int, tuple[int, int], str]:
        """Page number, page-local span and quote of ``unit``, clipped to the page of ``anchor``."""
        index = self.page_of(anchor)
        page_start = self.page_starts[index]
        page = self.pages[index]
        start = max(unit.start, page_start) - page_start
        end = min(unit.end, page_start + len(page)) - page_start
        while start < end and page[start].isspace():
            start += 1
        while end > start and page[end - 1].isspace():
            end -= 1
        return index + 1, (start, end), page[start:end]


# --------------------------------------------------------------------------- segmentation

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "no", "nos", "rs", "exh", "ex", "mst", "ch", "crl", "cr", "sr", "jr",
    "st", "vs", "v", "viz", "art", "arts", "sec", "secs", "hon", "col", "capt", "lt", "gen", "maj",
    "prof", "ref", "misc", "govt", "dist", "distt", "para", "paras", "pp", "vol", "edn", "ed",
    "spl", "addl", "insp", "const", "supdt", "pvt", "ltd", "nr", "cf", "sh", "syed", "messrs",
    "approx", "ord", "sub", "qazi", "rao", "mian", "hafiz", "sardar", "raja", "malik",
}
_LIST_MARKER = r"(?:\(?[ivxIVX]{1,5}\)|\(?[a-hA-H]\)|\(\d{1,2}\)|\d{1,2}\)|[•●▪◦]|\*|-)\s*"
_LIST_START_RE = re.compile(rf"\s*{_LIST_MARKER}(?=\S)")
_PARA_START_RE = re.compile(r"\s*\d{1,3}\s*[.\-–)]\s+(?=[A-Z“\"(‘'])")
_NAME_WORD = r"(?:[A-Z][a-zA-Z'’]+|[A-Z]\.|@)"
_CONNECTOR = r"(?:alias|and|&|son|daughter|wife|of|s/o|d/o|w/o|ul|ud|ur|un|bin|urf)"
_HEADING_RE = re.compile(
    rf"^\s*(?P<body>{_NAME_WORD}(?:[ \t]*,?[ \t]+(?:{_NAME_WORD}|{_CONNECTOR}))*)"
    rf"[ \t]*(?:\((?:appellants?|convicts?|accused(?:\s+persons)?|petitioners?)\))?[ \t]*[:\-–]*[ \t]*$"
)
_NOT_NAME_WORDS = {
    "conviction", "convictions", "sentence", "sentences", "under", "section", "sections", "judgment",
    "order", "court", "state", "the", "appellant", "appellants", "accused", "convict", "convicts",
    "punishment", "offence", "offences", "fine", "compensation", "death", "imprisonment",
    "rigorous", "simple", "life", "total", "name", "names", "particulars", "sr", "no", "judge",
    "versus", "vs", "high", "lahore", "pakistan", "supreme", "bench", "department", "judicial",
    "present", "sheet", "date", "hearing", "for", "by", "respondent", "respondents", "complainant",
    "petitioner", "petitioners", "advocate", "appeal", "criminal", "murder", "reference", "note",
    "approved", "reporting", "announced", "hence", "held", "ppc", "crpc", "result", "facts",
    "background", "opinion", "arguments", "conclusion", "reasons", "case", "law", "ordinance",
}


def _heading_names(line: str) -> list[str] | None:
    """The accused named by a heading line ("Nazar Hussain", "A, B and C (appellants)"), if it is one."""
    if len(line.strip()) > 100 or re.search(r"\d", line):
        return None
    match = _HEADING_RE.match(line)
    if not match:
        return None
    body = match.group("body")
    names = []
    for part in re.split(r",\s*|\s+and\s+|\s*&\s*", body):
        part = re.split(r"\s+(?:son|daughter|wife)\s+of\s+|\s+[sdw]/o\s+", part, maxsplit=1)[0].strip()
        words = part.split()
        if not words or len(words) > 5:
            return None
        if any(w.lower().strip(".") in _NOT_NAME_WORDS for w in words):
            return None
        if not words[0][0].isupper():
            return None
        names.append(part)
    return names or None


def _is_abbreviation(text: str, dot: int) -> bool:
    match = re.search(r"([A-Za-z]+)\.?$", text[max(0, dot - 12):dot])
    if not match:
        return False
    token = match.group(1)
    return len(token) == 1 or token.lower() in _ABBREVIATIONS


# A sentence ends at . ? or ! before a capital, a digit or an opening quote or bracket. Not before
# "[": "... one month. [Section 11-W]" labels the sentence before it.
_SENTENCE_END_RE = re.compile(r"[.?!](?:[”\"’')\]]+)?(?=\s+[“\"‘(]?[A-Z0-9])")


_CASE_TITLE_RE = re.compile(r"\bv(?:s)?\.\s|\bversus\b|\(\s*(?:19|20)\d\d\b|\bPLD\b|\bSCMR\b", re.I)
#: "(emphasis added)", "(bold added)", "(underlining is ours)": the end of a quoted passage.
_QUOTE_END_NOTE_RE = re.compile(
    r"\((?:emphasis|bold|underlin\w*|italics?)\s+(?:is\s+|has\s+been\s+)?(?:added|supplied|ours"
    r"|mine|provided)\)", re.I
)


def _segment(text: str) -> list[TextUnit]:
    """Split the judgment into sentences and list items (offsets into ``text``)."""
    cuts: set[int] = {0, len(text)}
    para_starts: list[int] = [0]
    headings: dict[int, list[str]] = {}
    list_starts: set[int] = set()

    for match in _SENTENCE_END_RE.finditer(text):
        if match.group(0)[0] == "." and _is_abbreviation(text, match.start()):
            continue
        if re.match(r"\s*No\b", text[match.end():match.end() + 6]):  # "FIR. No.996"
            continue
        cuts.add(match.end())

    # A long quotation closed without a full stop ("... must go to the petitioner” Consequently, the
    # appeal is allowed"): what follows is the court's own sentence.
    for match in re.finditer(r"”(?=\s+[A-Z])", text):
        opening = text.rfind("“", max(0, match.start() - 5000), match.start())
        if opening != -1 and match.start() - opening > 80:
            cuts.add(match.end())

    lines = text.split("\n")
    pos = 0
    previous = ""
    for line in lines:
        stripped = previous.rstrip()
        if pos:
            cut = False
            if not stripped or (stripped.endswith((".", ":", ";", ":-", "?", "!", "–", ":–")) and (
                not stripped.endswith(".") or not _is_abbreviation(stripped, len(stripped) - 1)
                or line[:1].isupper()
            )):
                cut = bool(line.strip())
            marker = _LIST_START_RE.match(line)
            if marker and not (line[marker.end():marker.end() + 1].islower() and stripped
                               and not stripped.endswith((".", ":", ";", ":-"))):
                # "(i) Under section ...", but not "section 21\n(i) read with ..." (a clause number)
                cut = True
                list_starts.add(pos)
            if _PARA_START_RE.match(line):
                cut = True
                para_starts.append(pos)
            if _heading_names(previous) and line.lstrip()[:1].isupper():
                cut = True
            names = _heading_names(line)
            if names:
                cut = True
                headings[pos] = names
            if cut:
                cuts.add(pos)
        else:
            names = _heading_names(line)
            if names:
                headings[pos] = names
        pos += len(line) + 1
        previous = line
        # a heading's end is a cut too
        if pos - 1 in headings or (pos - len(line) - 1) in headings:
            cuts.add(pos)

    # quotation depth (curly quotes only; straight quotes are ambiguous)
    ordered = sorted(c for c in cuts if 0 <= c <= len(text))
    units: list[TextUnit] = []
    depth = 0
    opened_at = 0
    para_set = set(para_starts)
    for start, end in itertools.pairwise(ordered):
        # An unbalanced quote must not swallow the rest of the judgment: a numbered paragraph
        # of the court's own, or a long stretch, closes it.
        if depth and (start - opened_at > 4000 or start in para_set):
            depth = 0
        depth_before = depth
        for i in range(start, end):
            ch = text[i]
            if ch == "“":
                if depth == 0:
                    opened_at = i
                depth += 1
            elif ch == "”" and depth:
                depth -= 1
        if depth > depth_before and _CASE_TITLE_RE.search(text[start:end]):
            depth = depth_before  # “Tariq Iqbal v. The State (2017 SCMR 594) -- a case title left open
        s, e = start, end
        while s < e and (text[s].isspace() or text[s] in "-–—_…=*~"):
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s >= e:
            continue
        para = bisect.bisect_right(para_starts, s) - 1
        body = text[s:e]
        closes = ((body.rstrip(" .").endswith("”") and "“" not in body)
                  or _QUOTE_END_NOTE_RE.search(body) is not None
                  or (body.rstrip(" .").endswith('"') and body.count('"') % 2 == 1))
        unit = TextUnit(s, e, para, quoted=depth_before > 0 or text[s] == "“" or closes)
        line_start = text.rfind("\n", 0, s) + 1
        if line_start in list_starts and not text[line_start:s].strip():
            unit.list_item = True
        if line_start in headings and not text[line_start:s].strip() and "\n" not in text[s:e]:
            unit.heading = headings[line_start]
        units.append(unit)
    return units


# =========================================================================== events in a sentence

@dataclass
class _Pun:
    start: int
    end: int
    kind: str
    term: int | None


@dataclass
class _Group:
    """One punishment component of a sentence: what, how long, fine, compensation, default."""

    start: int
    cue: int | None = None
    pun: _Pun | None = None
    fine: int | None = None
    fine_default: int | None = None
    comp: int | None = None
    comp_default: int | None = None
    last_money: str | None = None
    end: int = 0
    ref: _Ref | None = None
    first_content: int | None = None

    @property
    def content(self) -> bool:
        return self.pun is not None or self.fine is not None or self.comp is not None

    @property
    def content_start(self) -> int:
        """Where the punishment is stated (the sentence's offence is cited before it)."""
        if self.pun is not None:
            return self.pun.start
        return self.first_content if self.first_content is not None else self.start


_DEFAULT_RE = re.compile(
    r"\b(?:in\s+(?:the\s+)?(?:case\s+of\s+|event\s+of\s+)?(?:its\s+)?(?:further\s+)?default|on\s+default"
    r"|for\s+default|(?:in\s+)?default\s+(?:whereof|thereof|of\s+payment)|(?:in\s+case\s+of\s+|on\s+|in\s+)?"
    r"non[-\s]?payment|failing\s+(?:which|payment)|in\s+case\s+of\s+failure|(?:if|in\s+case)\s+(?:he|she|they"
    r"|the\s+(?:appellant|convict|accused))\s+fails?)",
    re.I,
)
_DEATH_RE = re.compile(
    # "sentenced to death", "awarded death", "awarded him the sentence of death", and in lists and
    # tables "Death under section 302(b)", "302(b) PPC “Death” as Tazir". "death sentence" alone is
    # how judgments refer back to a sentence ("confirmation of death sentence"), not a recital.
    r"\bsentenced?\s+(?:(?:him|her|them|the\s+\w+)\s+)?(?:each\s+)?to\s+(?:the\s+)?death\b"
    r"|\bawarded\s+(?:(?:him|her|them)\s+)?(?:the\s+)?(?:(?:sentence|penalty|punishment)\s+of\s+)?death\b"
    r"|\bcapital\s+punishment\b"
    r"|(?:^|[:\-–)]\s*|\bPPC\s+|\bP\.P\.C\.?\s+)[“\"‘']?(?-i:Death|DEATH)\b(?!\s+of\b)"
    r"|\b(?-i:Death|DEATH)\s+(?:under|u/s|as\s+ta|and\s+to\s+pay|with)\b",
    re.I | re.M,
)
_KIND_BEFORE = [
    ("rigorous_imprisonment",
     re.compile(r"rigorous\s+imprisonment\s*(?:of\s+either\s+description\s*)?(?:for|of)?\s*(?:a\s+(?:period|term)"
                r"\s+of\s*)?(?:further\s+|another\s+)?$|\b(?:r\.?\s?i\.?|ri)\s*(?:for|of)\s*(?:a\s+period\s+of\s*)?"
                r"(?:further\s+)?$", re.I)),
    ("simple_imprisonment",
     re.compile(r"simple\s+imprisonment\s*(?:for|of)?\s*(?:a\s+(?:period|term)\s+of\s*)?(?:further\s+|another\s+)?$"
                r"|\b(?:s\.?\s?i\.?|si)\s*(?:for|of)\s*(?:a\s+period\s+of\s*)?(?:further\s+)?$", re.I)),
    ("imprisonment",
     re.compile(r"imprisonment\s*(?:of\s+either\s+description\s*)?(?:for|of)?\s*(?:a\s+(?:period|term)\s+of\s*)?"
                r"(?:further\s+|another\s+)?$|\bsentenced?\s+(?:(?:him|her|them)\s+)?(?:each\s+)?(?:to|for)\s+"
                r"(?:undergo\s+|suffer\s+)?$|\breduced\s+to\s+$", re.I)),
]
_KIND_AFTER = [
    ("rigorous_imprisonment",
     re.compile(r"^\s*(?:each\s+)?(?:rigorous\s+imprisonment|r\.?\s?i\b\.?|ri\b)", re.I)),
    ("simple_imprisonment",
     re.compile(r"^\s*(?:each\s+)?(?:simple\s+imprisonment|s\.?\s?i\b\.?|si\b)", re.I)),
    ("imprisonment", re.compile(r"^\s*(?:each\s+)?imprisonment", re.I)),
]
#: A term that is a statutory range or limit, not a sentence given.
_LIMIT_BEFORE_RE = re.compile(
    r"(?:extend(?:s|ed|able|ing)?\s+to|not\s+(?:be\s+)?less\s+than|up\s*to|upto|minimum\s+(?:of\s+)?|maximum\s+(?:of\s+)?"
    r"|from|between|exceeding|at\s+least|more\s+than|within|after|before|period\s+of\s+limitation)\s+"
    r"(?:a\s+(?:period|term)\s+of\s+)?(?:\S+\s+){0,1}$",
    re.I,
)
_FINE_BEFORE_RE = re.compile(
    r"\bfines?\s*(?:of|amounting\s+to|to\s+the\s+tune\s+of|in\s+the\s+sum\s+of|being|for)?\s*[:\-]?\s*$", re.I
)
_FINE_AFTER_RE = re.compile(r"^\s*(?:each\s+)?(?:\([^)]{0,60}\)\s*)?(?:each\s+)?(?:as\s+(?:a\s+)?)"
                            r"?fines?\b", re.I)
_COMP_BEFORE_RE = re.compile(
    r"\bcompensation\s*(?:of|amounting\s+to|to\s+the\s+tune\s+of|in\s+the\s+sum\s+of|money\s+of|being)?"
    r"\s*[:\-]?\s*$",
    re.I,
)
_COMP_AFTER_RE = re.compile(
    r"^[^.;]{0,120}?\b(?:as\s+)?compensation\b|^[^.;]{0,100}?\b544[\s-]*A\b", re.I
)
_CUE_RE = re.compile(r"\b(?i:convicted|convicting)\b|\bUnder\s+Sections?\b|\bU/[Ss]s?\b")
_LINE_CUE_RE = re.compile(rf"^\s*(?:{_LIST_MARKER})?(?:Under\s+Sections?|U/[Ss]s?\.?|u/s)\b")
_BENEFIT_RE = re.compile(r"\b382[\s-]*\(?B\)?", re.I)
_CONCURRENT_RE = re.compile(r"\bconcurrent(?:ly)?\b", re.I)


_REFERENTIAL_RE = re.compile(
    r"(?:\bsentences?|\bconversion|\bconfirmation|\benhancement|\breduction|\bcommutation|\bquantum)\s+"
    r"(?:of\s+)?(?:the\s+)?(?:sentences?\s+of\s+)?(?:his\s+|her\s+|their\s+)?$",
    re.I,
)


def _events(doc: JudgmentText, unit: TextUnit, recital: bool = True) -> list[_Group]:
    """The punishment components stated in ``unit``, each with its offence section and accused.

    In a ``recital`` a punishment named as a noun ("the sentence of life imprisonment of X",
    "confirmation of death sentence") refers back to a sentence rather than stating one and is
    skipped; the new sentence after "reduced to" is read with ``recital=False``.
    """
    text = doc.text[unit.start:unit.end]
    base = unit.start

    # in-default clauses: the first term after the marker is a default term
    default_terms: dict[int, int] = {}   # term start -> days
    default_marks: list[tuple[int, int]] = []
    terms = list(iter_terms(text))
    for mark in _DEFAULT_RE.finditer(text):
        for term in terms:
            if term.start >= mark.end() and term.start - mark.end() <= 160:
                default_terms[term.start] = term.days
                default_marks.append((mark.start(), term.start))
                break

    events: list[tuple[int, str, object]] = []
    for _mark_start, term_start in default_marks:
        events.append((term_start, "default", default_terms[term_start]))

    for term in terms:
        if term.start in default_terms:
            continue
        before = text[max(0, term.start - 70):term.start]
        after = text[term.end:term.end + 40]
        if _LIMIT_BEFORE_RE.search(before) and not re.search(
            r"reduced\s+to\s+$|sentenced\s+\w*\s*to\s+$", before
        ):
            continue
        if re.match(r"^\s*(?:-|to|or)\s+\d|^\s*(?:to|or)\s+[a-z]+\s+(?:years?|months?)", after, re.I):
            continue  # "three to seven years"
        kind = None
        if re.search(r"(?:^|\n)\s*[“\"‘]$", before) and re.match(r"[”\"’]", after):
            kind = "imprisonment"  # a table cell: 302 (b) PPC ⏎ “Fourteen years” each as Ta'zir
        for name, pattern in _KIND_BEFORE:
            if pattern.search(before):
                kind = name
                break
        for name, pattern in _KIND_AFTER:
            if pattern.search(after):
                if kind in (None, "imprisonment"):
                    kind = name
                break
        if kind is None:
            continue
        events.append((term.start, "pun", _Pun(term.start, term.end, kind, term.days)))

    for match in LIFE_RE.finditer(text):
        before = text[max(0, match.start() - 60):match.start()]
        if re.search(r"(?:or|with)\s+(?:death\s+or\s+)?$|punishable\s+with\s+$|extend\s+to\s+$",
                     before, re.I):
            continue
        events.append((match.start(), "pun", _Pun(match.start(), match.end(), "life_imprisonment", None)))
    for match in _DEATH_RE.finditer(text):
        if re.search(r"\bor\s+(?:with\s+)?$", text[max(0, match.start() - 12):match.start()], re.I):
            continue
        events.append((match.start(), "pun", _Pun(match.start(), match.end(), "death", None)))

    for amount in iter_amounts(text):
        before = text[max(0, amount.start - 45):amount.start]
        after = text[amount.end:amount.end + 140]
        if _COMP_BEFORE_RE.search(before) or (
            _COMP_AFTER_RE.search(after) and not re.search(r"\bfine\b", after[:25], re.I)
            and not _FINE_BEFORE_RE.search(before)
        ):
            events.append((amount.start, "comp", amount.value))
        elif _FINE_BEFORE_RE.search(before) or _FINE_AFTER_RE.search(after):
            events.append((amount.start, "fine", amount.value))

    for match in _CUE_RE.finditer(text):
        events.append((match.start(), "cue", None))
    if _LINE_CUE_RE.match(text) or (unit.list_item and re.match(
        rf"\s*{_LIST_MARKER}(?:Under|U/S|u/s)\b", text, re.I
    )):
        events.append((0, "cue", None))

    if recital:
        events = [
            e for e in events if e[1] != "pun" or not _REFERENTIAL_RE.search(text[max(0, e[0] - 40):e[0]])
        ]
    # one event per position (a death match can overlap a life match etc.)
    events.sort(key=lambda e: (e[0], e[1] != "pun"))
    puns_seen: list[_Pun] = []
    groups: list[_Group] = []
    current: _Group | None = None

    def close() -> None:
        nonlocal current
        if current is not None and current.content:
            groups.append(current)
        current = None

    for pos, kind, value in events:
        if kind == "pun":
            assert isinstance(value, _Pun)
            if any(value.start < p.end and p.start < value.end for p in puns_seen):
                continue
            puns_seen.append(value)
            if current is None or current.pun is not None or (current.fine is not None and current.cue is None
                                                              and current.fine_default is not None):
                close()
                current = _Group(start=pos)
            current.pun = value
            current.end = max(current.end, value.end)
        elif kind == "cue":
            if current is not None and current.content:
                close()
            if current is None:
                current = _Group(start=pos)
            current.cue = pos
        elif kind in ("fine", "comp"):
            if current is None:
                current = _Group(start=pos)
            if current.first_content is None:
                current.first_content = pos
            if kind == "fine":
                if current.fine is not None:
                    continue
                current.fine = int(value)  # type: ignore[arg-type]
            else:
                if current.comp is not None:
                    continue
                current.comp = int(value)  # type: ignore[arg-type]
            current.last_money = kind
            current.end = max(current.end, pos + 1)
        elif kind == "default" and current is not None:
            if current.last_money == "comp" and current.comp_default is None:
                current.comp_default = int(value)  # type: ignore[arg-type]
            elif current.last_money == "fine" and current.fine_default is None:
                current.fine_default = int(value)  # type: ignore[arg-type]
            current.end = max(current.end, pos + 1)
    close()

    for group in groups:
        group.start += base
        if group.cue is not None:
            group.cue += base
        if group.first_content is not None:
            group.first_content += base
        if group.pun is not None:
            group.pun = replace(group.pun, start=group.pun.start + base, end=group.pun.end + base)
        group.end += base
    _assign_refs(doc, unit, groups)
    return groups


def _offence_refs(refs: list[_Ref]) -> list[_Ref]:
    return [r for r in refs if r.act != "CrPC" and not (r.act is None and r.section in ("382B", "544A"))]


def _primary(doc: JudgmentText, refs: list[_Ref], last_chain: bool) -> _Ref | None:
    """The offence of a chain of references ("377 read with 511", "292-B/292-C"): its first."""
    if not refs:
        return None
    chains: list[list[_Ref]] = [[refs[0]]]
    for ref in refs[1:]:
        prev = chains[-1][-1]
        gap = doc.text[prev.end:ref.start] if ref.start >= prev.end else ""
        if ref.start < prev.end or re.fullmatch(
            r"\s*(?:\([^)]{0,40}\))?[\s,/&]*(?:and|or|read\s+with|r/w|r\.w\.?|with|punishable\s+under|of\s+the|of)?"
            r"[\s,/&]*(?:sections?|secs?\.?|s\.)?\s*",
            gap,
            re.I,
        ):
            chains[-1].append(ref)
        else:
            chains.append([ref])
    return (chains[-1] if last_chain else chains[0])[0]


def _assign_refs(doc: JudgmentText, unit: TextUnit, groups: list[_Group]) -> None:
    refs = _offence_refs(doc.refs_in(unit.start, unit.end))
    claimed: set[int] = set()
    previous_end = unit.start
    for index, group in enumerate(groups):
        content = group.content_start
        free = [r for r in refs if previous_end <= r.start < content and id(r) not in claimed]
        chosen = None
        if group.cue is not None:
            after_cue = [r for r in free if r.start >= group.cue]
            chosen = _primary(doc, after_cue, last_chain=False)
        if chosen is None and free and (group.cue is None or not any(r.start >= group.cue for r in free)):
            chosen = _primary(doc, free, last_chain=True)
        if chosen is None and group.pun is None and group.fine is None:
            pass  # compensation alone: the sections after it are its legal basis (544-A), not an offence
        elif chosen is None:
            next_start = groups[index + 1].start if index + 1 < len(groups) else unit.end
            after = [r for r in refs if group.end <= r.start < min(next_start, group.end + 90)]
            if not after and group.pun is not None:
                after = [r for r in refs if group.pun.end <= r.start < min(next_start, group.pun.end + 60)]
            chosen = _primary(doc, after, last_chain=False)
        if chosen is not None:
            claimed.add(id(chosen))
            for r in refs:
                if r.start < chosen.end and r.start >= chosen.start:
                    claimed.add(id(r))
        group.ref = chosen
        previous_end = max(group.end, chosen.end if chosen and chosen.start > group.end else group.end)


# =========================================================================== classification

_STATUTORY_RE = re.compile(
    r"\bshall\s+(?:also\s+)?be\s+(?:punished|punishable|liable|sentenced)\b|\bpunishable\s+with\b"
    r"|\bmay\s+extend\b|\bwhich\s+may\b|\bliable\s+to\s+(?:be\s+punished|imprisonment|fine|death)"
    r"|\bwhoever\b|\bshall\s+not\s+be\s+less\b|\bprovides?\s+(?:for\s+)?(?:a\s+)?punishment"
    r"|\bpunishment\s+(?:provided|prescribed)\b|\bprescribed\s+(?:punishment|sentence)\b"
    r"|\bcarr(?:y|ies)\s+(?:a\s+)?(?:punishment|sentence)\b|\bprohibitory\b|\bextends?\s+to\b",
    re.I,
)
_TRIAL_CUE_RE = re.compile(
    r"\btrial\s+(?:court|judge)\b|\blearned\s+(?:trial\s+)?(?:court|judge|magistrate)\b"
    r"|\bsessions\s+(?:judge|court)\b|\bA\.?S\.?J\b|\bspecial\s+court\b|\bjuvenile\s+court\b|\bmagistrate\b"
    r"|\banti[-\s]?terrorism\s+court\b|\bcourts?\s+below\b|\bimpugned\s+(?:judg(?:e)?ment|order)\b"
    r"|\bjudg(?:e)?ment\s+dated\b|\bvide\s+(?:its\s+|the\s+)?(?:impugned\s+)?judg(?:e)?ment\b"
    r"|\b(?:GBV|model\s+criminal\s+trial|trial)\s+court\b|\bjudge,?\s+special\s+court\b|\btribunal\b"
    r"|\bjudge,?\s+(?:anti|cns|ctd|model)\b|\bcourt\s+of\s+session\b",
    re.I,
)
_PAST_VERB_RE = re.compile(r"\b(?:convicted|sentenced|awarded|imposed|passed|extended)\b", re.I)
_INTRO_RE = re.compile(
    r"\b(?:convicted|sentenced|convicting|sentences)\b.{0,160}?(?:\bas\s+(?:under|infra|follows|below|detailed)"
    r"|\bin\s+the\s+following|\bfollowing\s+(?:sentences|terms|manner)|\bas\s+mentioned\s+below|:\s*-?\s*$)",
    re.I | re.S,
)
_CITATION_RE = re.compile(
    r"\b(?:19|20)\d\d\s+(?:SCMR|PCr\.?\s?LJ|P\.?\s?Cr\.?\s?L\.?\s?J\.?|YLR|MLD|CLC|PLC|SCR|SCC|CLD|PTD|NLR|PLJ)\b"
    r"|\bPLD\s+(?:19|20)\d\d\b|\bAIR\s+(?:19|20)\d\d\b|\b(?:19|20)\d\d\s+LHC\s+\d",
    re.I,
)
_CONTINUATION_RE = re.compile(
    r"\b(?:also|further)\s+(?:been\s+)?(?:convicted|sentenced|directed|ordered)\b|^\W*(?:He|She|They|The\s+"
    r"(?:appellants?|accused|convicts?|petitioners?))\s+(?:was|were|is|are|has|have)\b",
    re.I,
)
_BAIL_DOC_RE = re.compile(
    r"\b(?:post|pre)[-\s]?arrest\s+bail\b|\bbail\s+(?:before|after)\s+arrest\b|\b49[78]\s*(?:\(\d\))?\s*Cr\.?\s?P\.?\s?C"
    r"|\bsection\s+49[78]\b|\bad[-\s]?interim\s+(?:pre[-\s]?arrest\s+)?bail\b|\bconcession\s+of\s+bail\b",
    re.I,
)
#: "Through this single judgment we intend to decide ... for confirmation of death sentence": what the
#: judgment is about, not what the trial court did.
_PURPOSE_RE = re.compile(r"\bintend\s+to\s+(?:decide|dispose)|\bthis\s+single\s+judg(?:e)?ment\b", re.I)
_PASSIVE_RE = re.compile(
    r"\b(?:was|were|has\s+been|had\s+been|stood)\s+(?:also\s+)?(?:convicted|sentenced)\b", re.I
)
_SUSPENSION_RE = re.compile(r"\b426\b|\bsuspension\s+of\s+(?:the\s+)?sentence\b", re.I)


def is_bail_order(doc: JudgmentText) -> bool:
    """Whether the judgment is an order on a bail petition (497/498 Cr.P.C.).

    An application for suspension of sentence (426 Cr.P.C.) is not: it recites a real sentence.
    """
    head = doc.text[:6000]
    if not _BAIL_DOC_RE.search(head):
        return False
    return not _SUSPENSION_RE.search(head)


_NAME_TAIL_WORDS = {"son", "daughter", "wife", "under", "and"}


def _name_in(text: str) -> str | None:
    """The accused a recital names ("convicted the appellant-Shazam Ali", "convicted Irshad Saeed son of")."""
    name = r"(?P<name>[A-Z][a-z'’]+(?:\s+(?:[A-Z][a-z'’]+|@|alias)){0,4})"
    patterns = [
        rf"\bconvicted\s+(?:the\s+)?(?:appellant|accused|convict|petitioner)s?\s*[-–]\s*{name}",
        rf"\bconvicted\s+(?:the\s+)?(?:appellant|accused|convict|petitioner)s?\s+(?:namely\s+)?{name}",
        rf"\bconvicted\s+{name}",
        rf"^\W*{name}(?:\s+(?:son|daughter|wife)\s+of\s+[A-Z][\w\s@]+?)?\s*(?:\([^)]*\)\s*)?,?\s+(?:was|is|has\s+been)"
        rf"\s+(?:also\s+)?convicted\b",
    ]
    for pattern in patterns:
        match = re.search(pattern, text)
        if match:
            words = match.group("name").split()
            while words and words[-1].lower() in _NOT_NAME_WORDS | _NAME_TAIL_WORDS:
                words.pop()
            if not words or any(w.lower() in _NOT_NAME_WORDS for w in words):
                continue
            if len(words) == 1 and words[0].lower() in ("he", "she", "they", "him", "her", "them"):
                continue
            return " ".join(words)
    return None


# =========================================================================== trial stage

@dataclass
class _Fact:
    """A sentence fact before provenance is attached (offsets in the joined text)."""

    accused: str | None
    ref: _Ref | None
    punishment: str
    term: int | None
    fine: int | None
    comp: int | None
    default: int | None
    unit: TextUnit
    anchor: int
    concurrent: bool | None = None
    benefit: bool | None = None
    origin: _Fact | None = field(default=None, repr=False)

    def key(self) -> tuple:
        return (
            self.accused, (self.ref.section, self.ref.sub) if self.ref else None, self.punishment, self.term,
            self.fine, self.comp, self.default,
        )


def _facts_of(groups: list[_Group], unit: TextUnit, accused: list[str] | None) -> list[_Fact]:
    facts: list[_Fact] = []
    for group in groups:
        names: list[str | None] = list(accused) if accused else [None]
        for name in names:
            if group.pun is not None or group.fine is not None:
                punishment = group.pun.kind if group.pun is not None else "fine"
                facts.append(_Fact(
                    name, group.ref, punishment, group.pun.term if group.pun else None, group.fine,
                    None, group.fine_default, unit, group.content_start,
                ))
            if group.comp is not None:
                facts.append(_Fact(
                    name, group.ref, "compensation", None, None, group.comp, group.comp_default, unit,
                    group.content_start,
                ))
    return facts


def _trial_facts(doc: JudgmentText) -> tuple[list[_Fact], int]:
    """The trial court's sentences from the first clear recital; and the index of the last unit read."""
    units = doc.units
    limit = max(len(doc.text) // 2, doc.page_starts[min(2, len(doc.page_starts) - 1)])
    cited_paras: set[int] = set()
    for index, unit in enumerate(units):
        if unit.start > limit:
            break
        text = doc.text[unit.start:unit.end]
        if _CITATION_RE.search(text):
            cited_paras.add(unit.para)
            continue
        if unit.para in cited_paras and unit.para != 0:
            continue
        if unit.quoted and unit.start > len(doc.text) // 4:
            continue
        groups = _events(doc, unit)
        if not groups or _STATUTORY_RE.search(text):
            # an introduction to a list ("convicted and sentenced ... as under:-")
            if _TRIAL_CUE_RE.search(text) and _INTRO_RE.search(text) and not _STATUTORY_RE.search(text):
                listed, last = _read_list(doc, index + 1)
                if listed:
                    _attach_compensation(listed)
                    return _dedupe(listed, per_sentence=True), last
            continue
        if not _PAST_VERB_RE.search(text) or _PURPOSE_RE.search(text):
            continue
        trial_cue = _TRIAL_CUE_RE.search(text) is not None
        early = unit.start < max(len(doc.text) // 5, doc.page_starts[min(1, len(doc.page_starts) - 1)])
        passive = _PASSIVE_RE.search(text)
        if not (trial_cue or (early and passive)):
            continue
        name = _name_in(text)
        facts = _facts_of(groups, unit, [name] if name else None)
        last = index
        concurrent, benefit = _flags(text)
        if _INTRO_RE.search(text):
            more, last_more = _read_list(doc, index + 1)
            if more:
                facts.extend(more)
                last = last_more
        # continuations: "He was also convicted under section 509 PPC and sentenced to one year.",
        # "Both the sentences were ordered to run concurrently ..."
        j = last + 1
        while j < len(units) and j <= last + 4:
            nxt = units[j]
            nxt_text = doc.unit_text(nxt)
            if _STATUTORY_RE.search(nxt_text) or _CITATION_RE.search(nxt_text):
                break
            nxt_groups = _events(doc, nxt)
            c, b = _flags(nxt_text)
            if nxt_groups and _CONTINUATION_RE.search(nxt_text):
                nxt_name = _name_in(nxt_text) or (facts[-1].accused if facts else None)
                facts.extend(_facts_of(nxt_groups, nxt, [nxt_name] if nxt_name else None))
            elif not ((c or b) and not nxt_groups and (
                _TRIAL_CUE_RE.search(nxt_text)
                or (nxt.para == unit.para
                    and re.search(r"\b(?:was|were|had\s+been|extended|ordered|directed)\b", nxt_text))
            )):
                break
            concurrent = concurrent or c
            benefit = benefit or b
            last = j
            j += 1
        if facts:
            _set_flags(facts, concurrent, benefit)
            _attach_compensation(facts)
            return _dedupe(facts, per_sentence=True), last
    return [], -1


def _flags(text: str) -> tuple[bool | None, bool | None]:
    concurrent = True if _CONCURRENT_RE.search(text) and not re.search(
        r"\bnot\s+(?:to\s+)?run\s+concurrent|\bconsecutive(?:ly)?\b", text, re.I
    ) else None
    benefit = True if _BENEFIT_RE.search(text) and re.search(r"\bbenefit\b", text, re.I) and not re.search(
        r"\b(?:not|never|without|denied|refused)\b[^.]{0,40}\bbenefit|\bbenefit\b[^.]{0,40}\b(?:not|denied|refused|"
        r"withdrawn)\b", text, re.I
    ) else None
    return concurrent, benefit


_CUSTODIAL = {"death", "life_imprisonment", "rigorous_imprisonment", "simple_imprisonment", "imprisonment"}


def _set_flags(facts: list[_Fact], concurrent: bool | None, benefit: bool | None) -> None:
    """Concurrency and s.382-B credit concern imprisonment: set them on custodial sentences only."""
    for fact in facts:
        if fact.punishment not in _CUSTODIAL:
            continue
        if concurrent:
            fact.concurrent = True
        if benefit:
            fact.benefit = True


def _read_list(doc: JudgmentText, index: int) -> tuple[list[_Fact], int]:
    """Sentences listed after an introduction ("... convicted and sentenced as under:-")."""
    facts: list[_Fact] = []
    accused: list[str] | None = None
    last = index - 1
    idle = 0
    concurrent = benefit = None
    while index < len(doc.units) and idle <= 2:
        unit = doc.units[index]
        text = doc.text[unit.start:unit.end]
        if unit.heading:
            accused = unit.heading
            idle = 0
            index += 1
            continue
        if _CITATION_RE.search(text) or (_STATUTORY_RE.search(text) and not facts):
            break
        groups = _events(doc, unit)
        c, b = _flags(text)
        if groups and not _STATUTORY_RE.search(text):
            names = accused
            named = _name_in(text)
            if named:
                names = [named]
            facts.extend(_facts_of(groups, unit, names))
            concurrent = concurrent or c
            benefit = benefit or b
            last = index
            idle = 0
        elif (c or b) and facts:
            concurrent = concurrent or c
            benefit = benefit or b
            last = index
            idle = 0
        elif facts and (_PARA_START_RE.match("\n" + text) or len(text) > 200):
            break
        else:
            idle += 1
        index += 1
    _set_flags(facts, concurrent, benefit)
    return facts, last


def _weight(fact: _Fact) -> tuple[int, int]:
    order = {"death": 3, "life_imprisonment": 2}
    return (order.get(fact.punishment, 1 if fact.punishment in _CUSTODIAL else 0), fact.term or 0)


def _attach_compensation(facts: list[_Fact]) -> None:
    """A compensation stated on its own ("He was also directed to pay Rs.1,00,000/- as compensation
    under section 544-A Cr.P.C.") belongs to the gravest offence recited before it for that accused:
    compensation goes with the death, the hurt or the rape, not with the lesser counts."""
    for i, fact in enumerate(facts):
        if fact.punishment != "compensation" or fact.ref is not None:
            continue
        earlier = [f for f in facts[:i] if f.ref is not None and f.accused == fact.accused
                   and f.punishment in _CUSTODIAL]
        if earlier:
            fact.ref = max(earlier, key=_weight).ref  # max keeps the first of equals


def _dedupe(facts: list[_Fact], per_sentence: bool = False) -> list[_Fact]:
    """Drop repeated facts. With ``per_sentence`` only repeats within one sentence go: two list items
    with the same punishment under the same section are two counts (two injured, two accused)."""
    seen: set[tuple] = set()
    out = []
    for fact in facts:
        key = (*fact.key(), fact.unit.start) if per_sentence else fact.key()
        if key in seen:
            continue
        seen.add(key)
        out.append(fact)
    return out


# =========================================================================== final stage

_OPERATIVE_START_RE = re.compile(
    r"^\W*(?:consequently|resultantly|accordingly|therefore|hence|thus|in\s+view|for\s+the|for\s+what|"
    r"in\s+the\s+result|as\s+a\s+result|in\s+the\s+light|in\s+light|in\s+these|in\s+such|to\s+conclude|"
    r"in\s+conclusion|with\s+(?:the\s+)?above|the\s+upshot|upshot|sequel)",
    re.I,
)
_SELF_RE = re.compile(
    r"\b(?:this|instant|present|the\s+instant|the\s+present)\s+(?:criminal\s+|jail\s+|crl\.?\s+)?"
    r"(?:appeal|petition|revision|reference|case|application|matter)s?\b|\bappellants?\b|\bpetitioners?\b"
    r"|\bconvicts?\b|\bhereby\b|\bMurder\s+Reference\b|\bCapital\s+Sentence\s+Reference\b|\bwe\b",
    re.I,
)
_VERB_RES: list[tuple[str, re.Pattern[str]]] = [
    ("reduce", re.compile(r"\b(?:reduced|altered|converted|commuted"
                          r"|modified)\b[^.;]{0,120}?\b(?:in)?to\b(?=\s)",
                          re.I)),
    ("resentence", re.compile(r"\b(?:is|are|stands?|hereby|be)\s+(?:hereby\s+|also\s+"
                              r"|now\s+)?(?:re-?)?sentenced\s+"
                              r"(?:to|for)\b", re.I)),
    ("acquit", re.compile(
        r"\b(?:is|are|stands?|be|been|hereby|we|and|thus|accordingly)\s+(?:hereby\s+|accordingly\s+|also\s+"
        r"|therefore\s+)?acquit(?:ted)?\b|\bacquit\s+(?:him|her|them|the\s+(?:appellants?|accused|petitioners?"
        r"|convicts?))\b",
        re.I)),
    ("set_aside", re.compile(r"\bset[\s-]*aside\b|\bquashed\b|\bnot\s+(?:be\s+)?sustain(?:ed|able)\b", re.I)),
    ("not_confirmed", re.compile(r"\b(?:not\s+confirmed|answered\s+in\s+(?:the\s+)?negative)\b", re.I)),
    ("uphold", re.compile(
        r"\b(?:maintained|upheld|affirmed|confirmed|kept\s+intact|remain(?:s)?\s+intact|(?:is|are)\s+sustained"
        r"|answered\s+in\s+(?:the\s+)?affirmative)\b", re.I)),
    ("dismiss", re.compile(
        r"\b(?:appeal|appeals|petition|petitions|revision|jail\s+petition)\b[\s\S]{0,400}?"
        r"\b(?:is|are|stands?|being|be"
        r"|hereby|stand)\s+(?:hereby\s+|accordingly\s+|therefore\s+)?dismissed\b|\bdismiss(?:ed)?\s+(?:this|the"
        r"|instant|his|her|their)\s+(?:criminal\s+)?(?:appeal|petition)|\bleave\s+(?:to\s+appeal\s+)?(?:is\s+)?(?:refused|declined)"
        r"|\b(?:appeal|petition)\s+(?:being\s+)?(?:devoid\s+of\s+(?:any\s+)?merits?|without\s+(?:any\s+)?(?:merit|force|"
        r"substance))[^.]{0,40}?\bdismissed\b|\bappeal\s+fails\b",
        re.I)),
]
_SECONDARY_RE = re.compile(
    r"\bagainst\s+(?:the\s+)?acquittal\b|\bcomplainant\b|\benhancement\b|\bP\.?\s?S\.?\s?L\.?\s?A\b"
    r"|\bCrl\.?\s*Rev|\brevision\s+(?:petition\s+)?(?:No\.?|for)\b|\bacquittal\s+of\s+respondents?\b",
    re.I,
)
_DEATH_HINT_RE = re.compile(
    r"\bdeath\s+sentence|\bsentence\s+of\s+death|\bcapital\s+sentence|\bsentenced\s+to\s+death"
    r"|\bMurder\s+Reference|\bCapital\s+Sentence\s+Reference",
    re.I,
)
#: Counsel's arguments ("prays that the appeal be accepted") decide nothing.
_ARGUMENT_RE = re.compile(
    r"\b(?:contends?|contended|argues?|argued|submits?|submitted|urges?|urged|pleads?|pleaded|prays?|prayed"
    r"|requests?|requested|sought)\b",
    re.I,
)
_PRIORITY = {"reduce": 5, "resentence": 5, "alter": 4, "acquit": 4, "set_aside": 4, "uphold": 2, "dismiss": 1}
_ALTERED_RE = re.compile(
    r"\b(?:is|are|stands?|be|hereby)\s+(?:hereby\s+|instead\s+|now\s+)?convicted\b"
    r"|\bconvict(?:ed)?\s+(?:him|her|them|the\s+\w+)\s+(?:instead\s+)?(?:under|u/s)\b|\bconverted\s+(?:in)?to\b",
    re.I,
)
_OWN_KINDS = ("set_aside", "alter", "reduce", "resentence", "acquit")
_PARTY_RE = re.compile(r"\b(?:appellants?|petitioners?|convicts?|accused)\b", re.I)
#: How this court itself disposes of a recited sentence, in the present tense.
_OWN_ACTION_RE = re.compile(
    r"\b(?:is|are|stands?|hereby|be)\s+(?:hereby\s+|also\s+|accordingly\s+)?(?:set[\s-]*aside|reduced|altered"
    r"|converted|modified|commuted|acquitted)\b|\bwhile\s+setting\s+aside\b",
    re.I,
)


@dataclass
class _Action:
    kind: str
    unit: TextUnit
    pos: int
    accused: set[str] | None
    sections: set[str] | None
    hint: str | None = None
    tail_groups: list[_Group] = field(default_factory=list)
    old_term: int | None = None


def _mentioned(text: str, names: set[str]) -> set[str]:
    return {n for n in names if n and re.search(r"\b" + re.escape(n) + r"\b", text)}


_BARE_TERM_RE = re.compile(r"^\s*(?:a\s+(?:period|term)\s+of\s+)?(?=\S)")


def _unit_actions(doc: JudgmentText, index: int, trial: list[_Fact]) -> list[_Action]:
    """What the sentence at ``index`` does to the sentences recited (maintain, reduce, set aside...)."""
    units = doc.units
    unit = units[index]
    text = doc.text[unit.start:unit.end]
    names = {f.accused for f in trial if f.accused}
    trial_sections = {f.ref.section for f in trial if f.ref}
    context = " ".join(doc.text[u.start:u.end] for u in units[max(0, index - 2):index] if u.para == unit.para)
    unit_names = _mentioned(text, names) or _mentioned(context, names) or None
    matches: list[tuple[int, int, str]] = []
    for kind, pattern in _VERB_RES:
        for match in pattern.finditer(text):
            if kind == "uphold" and re.search(r"\bnot\s+(?:be\s+)?$", text[:match.start()][-12:], re.I):
                continue
            if kind == "set_aside" and not re.search(r"\bconvictions?\b|\bacquit", text, re.I):
                continue
            if kind == "uphold" and not re.search(
                r"\b(?:convictions?|sentences?|fine|compensation|reference)\b", text, re.I
            ):
                continue
            if kind == "dismiss" and (_SECONDARY_RE.search(text) or re.search(r"\bmodifi", text, re.I)):
                continue  # another party's appeal, or "dismissed with modifications" (said elsewhere)
            if kind == "set_aside" and _ALTERED_RE.search(text):
                kind = "alter"  # convicted under another section instead: not an acquittal
            matches.append((match.start(), match.end(), kind))
    matches.sort()
    actions: list[_Action] = []
    previous_end = 0
    for n, (start, end, kind) in enumerate(matches):
        window = text[previous_end:end]
        refs = _offence_refs(doc.refs_in(unit.start + previous_end, unit.start + end))
        if not refs and n + 1 == len(matches):
            refs = _offence_refs(doc.refs_in(unit.start + end, unit.end))
        sections = {r.section for r in refs} & trial_sections or None
        if refs and not sections and trial_sections and kind not in ("dismiss", "acquit"):
            previous_end = end
            continue  # about an offence the trial court did not sentence for (a precedent)
        if (not refs and actions and actions[-1].kind == kind
                and re.fullmatch(r"[\s,]*(?:and|&)?[\s,]*", text[previous_end:start])):
            previous_end = end
            continue  # "upheld and maintained": one action
        hint = None
        if kind == "uphold" and re.search(r"\bcompensation\b", window, re.I) and not re.search(
            r"\bconvictions?\b", window, re.I
        ):
            hint = "compensation"
        elif kind == "uphold" and re.search(r"\bfine\b", window, re.I) and not re.search(
            r"\bconvictions?\b|\bcompensation\b", window, re.I
        ):
            hint = "fine"
        elif _DEATH_HINT_RE.search(window):
            hint = "death"
        elif re.search(r"\blife\s+imprisonment|\bimprisonment\s+for\s+life", window, re.I):
            hint = "life_imprisonment"
        action = _Action(kind, unit, unit.start + start, unit_names, sections, hint)
        if kind in ("reduce", "resentence"):
            tail_unit = TextUnit(unit.start + end, unit.end, unit.para)
            action.tail_groups = [g for g in _events(doc, tail_unit, recital=False) if g.content]
            if not action.tail_groups:
                # "reduced ... from seven years to five years": a bare term keeps the kind
                term = next(iter_terms(text[end:end + 60]), None)
                lead = text[end:end + term.start].strip(" ,") if term is not None else None
                if lead not in ("", "a period of", "a term of"):
                    previous_end = end
                    continue
                pun = _Pun(unit.start + end + term.start, unit.start + end + term.end, "same", term.days)
                action.tail_groups = [_Group(start=pun.start, pun=pun, end=pun.end)]
            old_text = text[previous_end:end - 2]
            old_terms = list(iter_terms(old_text))
            action.old_term = old_terms[-1].days if old_terms else None
            if re.search(r"\bdeath\b", old_text, re.I):
                action.hint = "death"
            elif LIFE_RE.search(old_text):
                action.hint = "life_imprisonment"
            else:
                action.hint = None
        actions.append(action)
        previous_end = end
    return actions


def _rank(action: _Action) -> tuple[int, int]:
    """More specific actions win; among equals the last word wins, except for a plain dismissal,
    where the first (the main appeal, before connected petitions) is the one to cite."""
    return _PRIORITY[action.kind], -action.pos if action.kind == "dismiss" else action.pos


def _choose(trial: list[_Fact], actions: list[_Action]) -> dict[int, _Action]:
    """For each recited sentence, the action that decides it (the most specific, then the latest)."""
    chosen: dict[int, _Action] = {}
    for i, fact in enumerate(trial):
        best: _Action | None = None
        for action in actions:
            if action.accused and fact.accused and fact.accused not in action.accused:
                continue
            if action.sections and (fact.ref is None or fact.ref.section not in action.sections):
                continue
            if action.kind == "not_confirmed":
                continue
            if action.hint == "fine":
                if fact.fine is None or fact.punishment == "compensation":
                    continue
            elif (action.hint and action.kind in ("uphold", "reduce", "resentence")
                  and fact.punishment != action.hint):
                continue
            if action.kind in ("reduce", "resentence"):
                if fact.punishment == "compensation":
                    continue
                if action.old_term is not None and fact.term != action.old_term:
                    continue
            if best is None or _rank(action) > _rank(best):
                best = action
        if best is not None:
            chosen[i] = best
    # A reduction aimed at several sentences without saying which is too vague to apply.
    for action in {id(a): a for a in chosen.values() if a.kind in ("reduce", "resentence")}.values():
        targets = [i for i, a in chosen.items() if a is action]
        if len(targets) > 1 and not action.sections and action.old_term is None and not action.hint:
            for i in targets:
                del chosen[i]
    return chosen


def _modified(fact: _Fact, action: _Action) -> _Fact | None:
    group = action.tail_groups[0]
    if group.pun is None and group.fine is None:
        return None
    kind = fact.punishment
    if group.pun is not None and group.pun.kind != "same":
        kind = group.pun.kind
    return replace(
        fact,
        punishment=kind,
        term=group.pun.term if group.pun else fact.term,
        fine=group.fine if group.fine is not None else fact.fine,
        default=group.fine_default if group.fine_default is not None else fact.default,
        unit=action.unit, anchor=action.pos, origin=fact.origin or fact,
    )


def _is_supreme_court(doc: JudgmentText) -> bool:
    return re.search(r"SUPREME\s+COURT\s+OF\s+PAKISTAN", doc.text[:3000], re.I) is not None


def _intermediate(doc: JudgmentText, trial: list[_Fact], zone_start: int) -> list[_Fact] | None:
    """The sentences as the High Court left them, for a Supreme Court judgment (None: unclear)."""
    actions: list[_Action] = []
    recital = {id(f.unit) for f in trial}
    for index, unit in enumerate(doc.units):
        if unit.start >= zone_start:
            break
        if id(unit) in recital:
            continue
        text = doc.text[unit.start:unit.end]
        if unit.quoted or not re.search(r"\bHigh\s+Court\b", text):
            continue
        if _CITATION_RE.search(text) and re.search(r"\bv(?:s)?\.\s|\bversus\b", text, re.I):
            continue
        if re.search(r"\b(?:contend|argue|submit|pray|urge)(?:s|ed|ing)?\b", text, re.I):
            continue
        actions.extend(_unit_actions(doc, index, trial))
    if not actions:
        return trial
    chosen = _choose(trial, actions)
    if any(a.kind in ("acquit", "set_aside", "resentence") for a in actions):
        return None
    baseline = []
    for i, fact in enumerate(trial):
        action = chosen.get(i)
        if action is not None and action.kind == "reduce":
            new = _modified(fact, action)
            if new is None:
                return None
            baseline.append(replace(new, unit=fact.unit, anchor=fact.anchor))
        else:
            baseline.append(fact)
    if any(a.kind == "reduce" and a not in chosen.values() for a in actions):
        return None  # a reduction we could not place
    return baseline


def _own_after_citation(text: str, cited: int, pos: int) -> bool:
    if pos < cited or not _SELF_RE.search(text[cited:pos + 80]):
        return False
    return not re.search(r"\b(?:was|were|had)\b[^.;,]{0,40}$", text[max(cited, pos - 50):pos])


def _acquittal(name: str | None, ref: _Ref | None, action: _Action) -> _Fact:
    return _Fact(name, ref, "acquittal", None, None, None, None, action.unit, action.pos)


def _final_facts(doc: JudgmentText, trial: list[_Fact], trial_last: int) -> list[_Fact]:
    units = doc.units
    if not units:
        return []
    zone_start = min(int(len(doc.text) * 0.6), doc.page_starts[max(0, len(doc.page_starts) - 2)])
    actions: list[_Action] = []
    concurrent = benefit = None
    operative_paras: set[int] = set()
    for index, unit in enumerate(units):
        if index <= trial_last or unit.quoted:
            continue
        text = doc.text[unit.start:unit.end]
        if _STATUTORY_RE.search(text):
            continue
        cited = max((m.end() for m in _CITATION_RE.finditer(text)), default=None)
        if cited is not None and unit.end < zone_start:
            continue
        if unit.end < zone_start:
            # Before the operative part the court sometimes already disposes of one conviction
            # ("while setting aside the conviction under section 337-F(v) PPC, petitioner is
            # convicted under section 337-I PPC"): taken only when it names a recited section.
            if not (_OWN_ACTION_RE.search(text) and _PARTY_RE.search(text)):
                continue
            previous = units[index - 1] if index else None
            if previous is not None and previous.para == unit.para and _CITATION_RE.search(
                doc.text[previous.start:previous.end]
            ):
                continue
            actions.extend(a for a in _unit_actions(doc, index, trial) if a.sections and a.kind in _OWN_KINDS)
            continue
        if _SELF_RE.search(text) or _OPERATIVE_START_RE.search(text):
            operative_paras.add(unit.para)
        elif unit.para not in operative_paras:
            continue
        if _ARGUMENT_RE.search(text):
            continue
        unit_actions = _unit_actions(doc, index, trial)
        if cited is not None:
            # "... (2021 SCMR 736). Consequently, this appeal is allowed": only what the court says
            # after the last citation, about this case, in the present tense
            unit_actions = [a for a in unit_actions if _own_after_citation(text, cited, a.pos - unit.start)]
        c, b = _flags(text)
        if (c or b) and (not re.search(r"\b(?:was|were|had\s+been)\b", text) or unit_actions):
            concurrent = concurrent or c
            benefit = benefit or b
        actions.extend(unit_actions)
    if not actions:
        return []

    finals: list[_Fact] = []
    if not trial:
        # Nothing recited: only an acquittal can be stated with confidence.
        for action in actions:
            text = doc.text[action.unit.start:action.unit.end]
            if action.kind == "acquit" and re.search(
                r"\b(?:appellants?|accused|petitioners?|convicts?)\b", text, re.I
            ) and re.search(r"\bcharges?\b|\bbenefit\s+of\s+(?:the\s+)?doubt\b|\bset[\s-]*aside\b|\ballowed\b"
                            r"|\baccepted\b", text, re.I):
                for name in sorted(action.accused or {None}, key=lambda n: n or ""):  # type: ignore[arg-type]
                    finals.append(_acquittal(name, None, action))
                break
        return _dedupe(finals)

    baseline = trial
    if _is_supreme_court(doc):
        found = _intermediate(doc, trial, zone_start)
        if found is None:
            return []
        baseline = found
    chosen = _choose(baseline, actions)

    acquitted: dict[str | None, list[tuple[int, _Action]]] = {}
    for i, fact in enumerate(baseline):
        action = chosen.get(i)
        if action is None:
            continue
        if action.kind in ("uphold", "dismiss"):
            finals.append(replace(fact, unit=action.unit, anchor=action.pos, origin=fact.origin or fact))
        elif action.kind in ("acquit", "set_aside"):
            acquitted.setdefault(fact.accused, []).append((i, action))
        elif action.kind == "alter":
            continue  # convicted of another offence instead: what it carries is not read
        else:
            new = _modified(fact, action)
            if new is not None:
                finals.append(new)
    for name, items in acquitted.items():
        all_of_accused = [i for i, f in enumerate(baseline) if f.accused == name]
        action = items[-1][1]
        if len(items) == len(all_of_accused):
            finals.append(_acquittal(name, None, action))
            continue
        by_section: dict[tuple[str, str | None], tuple[_Ref, _Action]] = {}
        for i, item_action in items:
            ref = baseline[i].ref
            if ref is not None and (ref.section, ref.sub) not in by_section:
                by_section[(ref.section, ref.sub)] = (ref, item_action)
        for ref, item_action in by_section.values():
            finals.append(_acquittal(name, ref, item_action))
    for fact in finals:
        if fact.punishment not in _CUSTODIAL:
            fact.concurrent = fact.benefit = None
    _set_flags(finals, concurrent, benefit)
    order = {id(f): n for n, f in enumerate(trial)}
    finals.sort(key=lambda f: (f.anchor, order.get(id(f.origin), len(trial))))
    # one final fact per recited sentence (two counts stay two), one acquittal per accused and section
    seen: set[tuple] = set()
    unique = []
    for fact in finals:
        key = (*fact.key(), id(fact.origin) if fact.origin is not None else None)
        if key not in seen:
            seen.add(key)
            unique.append(fact)
    return unique


# =========================================================================== appeals against acquittal

_NOT_A_STOP = r"(?:[^.]|\.(?!\s+[A-Z][a-z]))"  # "Respondents Nos. 1 to 4" is not the end of a sentence
_ACQUITTAL_RECITAL_RE = re.compile(
    rf"\b(?:whereby|wherein|vide\s+which|through\s+which|by\s+which)\b{_NOT_A_STOP}{{0,250}}?\bacquitt(?:ed|al)\b"
    rf"|\bagainst\s+(?:the\s+)?(?:impugned\s+)?(?:order|judg(?:e)?ment)\b{_NOT_A_STOP}{{0,250}}?\bacquitt(?:ed|al)\b"
    r"|\bappeal\s+against\s+(?:the\s+)?acquittal\b|\bacquittal\s+appeal\b",
    re.I,
)
_UPSET_RE = re.compile(
    r"\b(?:is|are|stands?|hereby)\s+(?:hereby\s+|accordingly\s+)?(?:allowed|accepted)\b|\b(?:is|are)\s+"
    r"(?:hereby\s+)?convicted\b|\bremanded\b",
    re.I,
)


def _acquittal_appeal(doc: JudgmentText) -> tuple[list[_Fact], list[_Fact]]:
    """An appeal (or petition for leave) against an acquittal, with no conviction recited: the trial
    court's acquittal, and the same acquittal as final when the appeal is dismissed."""
    head_end = max(int(len(doc.text) * 0.3), doc.page_starts[min(1, len(doc.page_starts) - 1)])
    if re.search(r"\bconvicted\b", doc.text[:head_end], re.I):
        return [], []
    recital = None
    for unit in doc.units:
        if unit.start > head_end:
            break
        text = doc.unit_text(unit)
        if unit.quoted or _CITATION_RE.search(text) or re.search(r"\bsentenced\b", text, re.I):
            continue
        match = _ACQUITTAL_RECITAL_RE.search(text)
        if match and (_TRIAL_CUE_RE.search(text) or re.search(r"\b417\b", text)):
            recital = _Fact(None, None, "acquittal", None, None, None, None, unit, unit.start + match.start())
            break
    if recital is None:
        return [], []
    zone_start = min(int(len(doc.text) * 0.6), doc.page_starts[max(0, len(doc.page_starts) - 2)])
    dismiss = dict(_VERB_RES)["dismiss"]
    final: list[_Fact] = []
    for unit in doc.units:
        if unit.end < zone_start or unit.quoted:
            continue
        text = doc.unit_text(unit)
        if _CITATION_RE.search(text) or not (_SELF_RE.search(text) or _OPERATIVE_START_RE.search(text)):
            continue
        if _ARGUMENT_RE.search(text):
            continue
        if _UPSET_RE.search(text):
            return [recital], []  # the acquittal did not stand, or not plainly
        match = dismiss.search(text)
        if match and not final:
            final.append(replace(recital, unit=unit, anchor=unit.start + match.start()))
    return [recital], final


# =========================================================================== API

def _emit(doc: JudgmentText, stage: str, facts: list[_Fact]) -> list[SentenceFact]:
    out = []
    for fact in facts:
        page, span, quote = doc.provenance(fact.unit, fact.anchor)
        ref = fact.ref
        out.append(SentenceFact(
            stage=stage,
            accused=fact.accused,
            act=ref.act if ref else None,
            section=ref.section if ref else None,
            section_label=ref.label if ref else None,
            punishment=fact.punishment,
            term_days=fact.term,
            fine_pkr=fact.fine,
            compensation_pkr=fact.comp,
            default_term_days=fact.default,
            concurrent=fact.concurrent,
            benefit_382b=fact.benefit,
            page_number=page,
            span=span,
            quote=quote,
        ))
    return out


def find_sentences(pages: list[str]) -> list[SentenceFact]:
    """Trial and final sentences in a judgment whose page ``i`` text is ``pages[i-1]``.

    Returns the trial facts (from the first clear recital, in order) then the
    final ones (in the order the operative part states them). A judgment that
    recites no sentence (a bail order, a civil case) gives ``[]``.
    """
    if not pages or not any(p.strip() for p in pages):
        return []
    doc = JudgmentText(pages)
    if is_bail_order(doc):
        return []
    trial, trial_last = _trial_facts(doc)
    if not trial:
        trial, final = _acquittal_appeal(doc)
    else:
        final = _final_facts(doc, trial, trial_last)
    return _emit(doc, "trial", trial) + _emit(doc, "final", final)
