"""What the judgment decides: appeal dismissed, allowed, accused acquitted, bail granted...

Stage of the judgment parser. :func:`find_outcome` reads the operative part
(the last paragraphs) of a judgment and returns one :class:`OutcomeFact` with
the sentence that says it, or ``None`` when no decision is stated there (an
interim order, "Relist", a judgment whose end is lost to bad OCR).

Outcomes are those of ``docs/parsing-conventions.md`` ("Outcome"). The
judgment's own words are preferred: "this appeal is partly allowed" is
``partly_allowed`` even when the sentence is also reduced. Otherwise:

* conviction set aside and the appellant acquitted -> ``acquitted``; if the
  same judgment upholds the conviction of another appellant (or "dismisses
  the appeal to his extent") -> ``partly_allowed``;
* conviction upheld but the sentence reduced, altered or modified ("death
  sentence is converted into imprisonment for life", "with the above
  modification in sentence, the appeal is dismissed") -> ``sentence_modified``;
* in a bail matter, bail granted ("admitted to post-arrest bail", "petition
  is allowed") -> ``bail_granted``; refused ("petition ... dismissed", "not
  entitled to the concession of bail") -> ``bail_refused``;
* "leave to appeal is refused" -> ``dismissed``; "petition converted into
  appeal and allowed" -> ``allowed`` (``converted`` only when the converted
  appeal's fate is not stated);
* one conviction set aside and another upheld or its sentence modified ->
  ``partly_allowed``;
* remanded, withdrawn, disposed of as stated; a closing part with directions
  but no verdict ("... shall submit its report. Re-list.", "the suit is
  decreed", "reference decided in favour of the applicant") -> ``other``.

Connected matters decided in the same judgment (the complainant's appeal
against acquittal, a revision for enhancement, a State petition, the murder
reference) do not decide the outcome when the main appeal's fate is stated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.parse.sentences import JudgmentText, TextUnit, is_bail_order

__all__ = ["OUTCOMES", "OutcomeFact", "find_outcome"]

OUTCOMES = (
    "allowed", "dismissed", "partly_allowed", "acquitted", "sentence_modified", "bail_granted",
    "bail_refused", "remanded", "disposed_of", "withdrawn", "converted", "other",
)


@dataclass(frozen=True)
class OutcomeFact:
    """The decision of a judgment and the sentence that states it."""

    outcome: str
    page_number: int
    span: tuple[int, int]   # offsets into pages[page_number-1]
    quote: str              # == pages[page_number-1][span[0]:span[1]]


_MATTER = (r"(?:appeals?|petitions?|revisions?|applications?|references?|suits?|cases?|matters?|misc\w*"
           r"|reference\s+application|I\.?C\.?A|R\.?F\.?A|W\.?P|Crl\.?\s*A|C\.?P\.?L\.?A|P\.?S\.?L\.?A)")
_BE = r"(?:is|are|stands?|being|be|been|hereby|was|were)"
_ADV = r"(?:\s{0,3},?\s{0,3}(?:hereby|accordingly|therefore|also|thus|consequently|as\s+such)){0,4}\s{0,3},?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("partly_allowed", re.compile(
        r"\b(?:partly|partially)\s+(?:allowed|accepted|succeeds?|set\s+aside)\b|\b(?:allowed|accepted)\s+(?:in\s+)?"
        r"part(?:ly|ially)?\b|\bpartial\s+acceptance\b|\b(?:allowed|accepted)\s+to\s+the\s+extent\s+(?:that|of\s+"
        r"(?:the\s+)?(?:sentence|conviction|declaration|relief|direction))\b", re.I)),
    ("withdrawn", re.compile(
        r"\b(?:dismissed|disposed\s+of)\s+as\s+(?:having\s+been\s+)?withdrawn\b|\b(?:is|are|stands?|being|been)\s+"
        r"withdrawn\b|\bwithdraws?\s+(?:this|the|instant|his|her)\s+(?:\w+\s+)?(?:appeal|petition"
        r"|application)", re.I)),
    ("converted", re.compile(r"\bconvert(?:ed|ing)\s+(?:(?:this|the"
                             r"|instant)\s+(?:\w+\s+)?petition\s+)?into\s+(?:an?\s+)?"
                             r"(?:criminal\s+|civil\s+)?appeal\b", re.I)),
    ("leave_refused", re.compile(
        r"\bleave\s+(?:to\s+appeal\s+)?(?:is\s+|stands\s+|being\s+)?(?:hereby\s+)?(?:refused|declined|dismissed)\b"
        r"|\b(?:refuse|decline)\s+leave\b", re.I)),
    ("leave_granted", re.compile(r"\bleave\s+(?:to\s+appeal\s+)?(?:is\s+"
                                 r"|stands\s+)?(?:hereby\s+)?granted\b", re.I)),
    ("bail_granted", re.compile(
        r"\badmitted\s+to\s+(?:post[-\s]?arrest\s+|pre[-\s]?arrest\s+|interim\s+|ad[-\s]?interim\s+)?bail\b"
        r"|\bbail\s+(?:is|stands|are)\s+(?:hereby\s+)?(?:granted|allowed|confirmed)\b(?!\s+as\s+a\s+rule)"
        r"|\b(?:is|are)\s+(?:hereby\s+)?granted\s+(?:post[-\s]?arrest\s+|pre[-\s]?arrest\s+)?bail\b"
        r"|\bad[-\s]?interim\s+(?:pre[-\s]?arrest\s+)?bail\b[^.]{0,160}?\b(?:is|are|stands?)\s+(?:hereby\s+)?"
        r"confirmed\b|\b(?:shall|be)\s+released\s+on\s+bail\b|\bare\s+granted\s+bail\b", re.I)),
    ("bail_refused", re.compile(
        r"\bbail\b[^.]{0,80}?\b(?:is|are|stands?)\s+(?:hereby\s+)?(?:refused|declined|rejected|recalled)\b"
        r"|\bnot\s+entitled\s+to\s+(?:the\s+)?(?:concession\s+of\s+)?(?:post[-\s]?arrest\s+|pre[-\s]?arrest\s+|"
        r"ad[-\s]?interim\s+)?bail\b|\bad[-\s]?interim\s+(?:pre[-\s]?arrest\s+)?bail\b[^.]{0,160}?\b(?:recalled|"
        r"withdrawn|dismissed|cancelled)\b|\brefuse\s+(?:to\s+grant\s+)?bail\b|\bbail\s+application\b[^.]{0,60}?"
        r"\bdismissed\b", re.I)),
    ("acquitted", re.compile(
        r"\b(?:is|are|stands?|hereby|accordingly|thus)\s+(?:hereby\s+|accordingly\s+|also\s+|therefore\s+)?"
        r"acquitted\b|\b(?:ordered|directed)\s+to\s+be\s+acquitted\b|\bacquit\s+(?:him|her|them|the\s+(?:appellants?"
        r"|accused|petitioners?|convicts?))\b", re.I)),
    ("conviction_set_aside", re.compile(
        r"\bconvictions?\b[^.;]{0,200}?\b(?:is|are|stands?|hereby)\s+(?:hereby\s+|also\s+)?set[\s-]*aside\b"
        r"|\bset[\s-]*aside\s+the\s+convictions?\b", re.I)),
    ("sentence_modified", re.compile(
        r"\b(?:sentences?|death\s+sentence|capital\s+punishment|punishment)\b[^.]{0,160}?\b(?:is|are|stands?|be|hereby)"
        r"\s+(?:hereby\s+|accordingly\s+|also\s+)?(?:reduced|altered|converted|commuted|modified)\b"
        r"|\bwith\s+(?:the\s+)?(?:above\s+|said\s+|this\s+|aforesaid\s+)?modifications?\s+in\s+(?:the\s+)?"
        r"(?:conviction\s+and\s+)?sentences?\b|\bdismissed\s+with\s+(?:the\s+)?modifications?\b"
        r"|\breduce\s+(?:the|his|her|their)\s+sentences?\b", re.I)),
    ("remanded", re.compile(
        r"\bremand(?:ed)?\s+(?:back\s+)?(?:to|for)\b|\bcase\s+remanded\b|\bremitted\s+(?:back\s+)?to\s+the\b"
        r"|\bsent\s+back\s+to\s+the\s+(?:learned\s+)?(?:trial|appellate|lower)\b|\b(?:for|of)\s+(?:a\s+)?(?:re-?trial|"
        r"de\s+novo\s+trial)\b|\bdecide\s+(?:the\s+\w+\s+)?afresh\b|\bdeemed\s+to\s+be\s+pending\b", re.I)),
    ("dismissed", re.compile(
        rf"(?:\b{_MATTER}\b[\s\S]{{0,400}}?\b{_BE}{_ADV}\s{{0,3}}dismissed\b|\bdismiss(?:ed)?\s+(?:this|the|instant)\s+"
        rf"(?:\w+\s+)?(?:appeal|petition|revision|application)\b|\b(?:appeal|petition|revision)\s+(?:hereby\s+)?fails\b"
        rf"|\b(?:appeal|petition|revision)\s+dismissed\b|\bdismissed\s+in\s+limine\b|\bfails\s+and\s+(?:is\s+)?"
        rf"(?:hereby\s+)?dismissed\b|\bdismissed[-\s]in[-\s]limine\b|\bno\s+merit\b[^.]{{0,80}}\bdismissed\b)"
        rf"(?!\s+as\s+(?:having\s+been\s+)?withdrawn)",
        re.I)),
    ("allowed", re.compile(
        rf"\b{_MATTER}\b[\s\S]{{0,400}}?\b{_BE}{_ADV}\s{{0,3}}(?:allowed|accepted|succeeds?)\b"
        rf"|\b(?:we|i)\s+(?:would\s+)?(?:allow|accept)\s+(?:this|the|instant)\s+(?:\w+\s+)?(?:appeal|petition|revision)"
        rf"|\b(?:appeal|petition|revision)\s+(?:hereby\s+)?succeeds\b|\b(?:appeal|petition)\s+allowed\b"
        rf"|\binto\s+(?:an?\s+)?appeal\s+and\s+(?:is\s+)?(?:hereby\s+)?(?:allowed|accepted)\b"
        rf"|\ballowed\s+as\s+prayed\s+for\b|\bsame\s+(?:is|stands)\s+(?:hereby\s+)?(?:allowed"
        rf"|accepted)\b", re.I)),
    ("disposed_of", re.compile(
        rf"\b{_MATTER}\b[^.]{{0,300}}?\b(?:is|are|stands?|being|be|hereby)\s+(?:hereby\s+|accordingly\s+|also\s+)?"
        rf"disposed\s+of\b(?!\s+in\s+accordance\s+with\s+law)|^\W*(?:\d+\.\s*)?disposed\s+of\b"
        rf"|\bdecided\s+in\s+(?:the\s+)?(?:above|following|aforesaid|said)\s+terms\b|\b(?:stands?|stand)\s+disposed\b",
        re.I)),
]

#: A statement about another party's matter, decided alongside the main one.
_SECONDARY_RE = re.compile(
    r"\bagainst\s+(?:the\s+)?acquittal\b|\bacquittal\s+of\s+(?:the\s+)?(?:respondents?|co-?accused)\b"
    r"|\bcomplainant\b|\benhancement\b|\bP\.?\s?S\.?\s?L\.?\s?A\b|\bCrl\.?\s*Rev(?:ision)?\b"
    r"|\bcriminal\s+revision\b|\bState'?s?\s+(?:petition|appeal)\b|\bMurder\s+Reference\b|\bCapital\s+Sentence\b"
    r"|\bC\.?\s?M\.?\s?(?:A\.?\s?)?No\b|\bC\.?M\.?\s+stands\b|\bmiscellaneous\s+application\b|\boffice\s+objection"
    r"|\bCrl\.?\s*Misc\.?\s*No\.?\s*\d+\s*(?:of|/)\s*\d{4}\s*(?:,|\s)\s*(?:an\s+)?application\b"
    r"|\bapplication\s+(?:under|for)\s+(?:section|condonation|compounding|permission|impleadment)\b",
    re.I,
)
_ARGUMENT_RE = re.compile(
    r"\b(?:contends?|contended|argues?|argued|submits|urges?|urged|pleads?|pleaded|requests?|requested)\b"
    r"|(?<!as\s)\bpray(?:s|ed)?\b|\bmay\s+(?:kindly\s+)?be\b"
    r"|\bshould\s+(?:be\s+)?(?:dismissed|allowed)|\bmaxim\b|\bten\s+guilty\b",
    re.I,
)
_CITATION_RE = re.compile(
    r"\b(?:19|20)\d\d\s+(?:SCMR|PCr\.?\s?LJ|P\.?\s?Cr\.?\s?L\.?\s?J\.?|YLR|MLD|CLC|PLC|SCR|SCC|CLD|PTD|NLR|PLJ)\b"
    r"|\bPLD\s+(?:19|20)\d\d\b|\bAIR\s+(?:19|20)\d\d\b",
    re.I,
)
#: What another court did ("the Banking Court rightly dismissed the application", "the appeal was
#: dismissed"): history, not this judgment's decision.
_PAST_PROCEEDINGS_RE = re.compile(
    r"(?<!this\s)\b(?:court|courts|tribunal|judge|magistrate|authority|commission|officer)\s+(?:\w+\s+){0,2}?"
    r"(?:has\s+|had\s+|rightly\s+|wrongly\s+|also\s+)?(?:dismissed|allowed|accepted|acquitted|refused|decreed)\b"
    r"|\b(?:was|were|had\s+been)\s+(?:also\s+)?(?:dismissed|allowed|accepted|acquitted|refused)\b",
    re.I,
)
_NEGATED_RE = re.compile(r"\b(?:not|cannot|can't|never|neither|nor)\s+(?:(?:be|been|have|has|had"
                         r"|being|so)\s+){0,3}$", re.I)
_CONDITIONAL_RE = re.compile(r"\b(?:if|unless|whether|when|where|once)\b[^.;:]{0,60}$", re.I)
_OTHER_PARTY_RE = re.compile(r"\bco-?accused\b|\brespondents?\b", re.I)
_PAST_VERDICT_RE = re.compile(r"\b(?:was|were)\s+(?:also\s+)?(acquitted|allowed|accepted|dismissed)\b", re.I)
_SHORT_ORDER_RE = re.compile(r"\bshort\s+order\b", re.I)
_SELF_RE = re.compile(
    r"\bimpugned\s+(?:judg(?:e)?ments?|orders?|decrees?)\b\s+(?:\w+\s+){0,6}?(?:is|are)\s+(?:hereby\s+)?set[\s-]*aside"
    r"|\b(?:this|instant|present|titled|captioned|above\s+mentioned|above-mentioned|aforementioned|the\s+main)\s+"
    r"(?:\w+\s+){0,3}?(?:appeals?|petitions?|revisions?|applications?|references?|cases?|matters?|I\.?C\.?A|R\.?F\.?A)"
    r"\b|\bappellants?\b|\bpetitioners?\b|\bapplicants?\b|\bconvicts?\b|\baccused\b|\bwe\b|\bhereby\b",
    re.I,
)
_OPERATIVE_START_RE = re.compile(
    r"^\W*(?:\d{1,3}\s*[.)]\s*)?(?:consequently|resultantly|accordingly|therefore|hence|thus|in\s+view|for\s+the|"
    r"for\s+what|in\s+the\s+result|as\s+a\s+result|in\s+the\s+light|in\s+light|in\s+these|in\s+such|to\s+conclude|"
    r"in\s+conclusion|with\s+(?:the\s+)?(?:above|this|these)|the\s+upshot|upshot|as\s+upshot|sequel|nutshell|"
    r"the\s+nutshell|the\s+crux|crux|in\s+sequel|for\s+(?:the\s+)?(?:foregoing|above|reasons))",
    re.I,
)
#: A sentence that starts with the matter or the decision: "Constitutional petition being meritless is
#: dismissed.", "Disposed of in the above terms.", "Appeal dismissed."
_SUBJECT_START_RE = re.compile(
    r"^\W*(?:\d{1,3}\s*[.)]\s*)?(?:the\s+)?(?:(?:constitutional|writ|civil|criminal|crl\.?|jail|intra\s+court|regular\s+"
    r"first|first|second|bail|review|contempt)\s+)?(?:appeals?|petitions?|revisions?|applications?|references?)\b"
    r"|^\W*(?:\d{1,3}\s*[.)]\s*)?(?:disposed\s+of|dismissed|allowed|accepted|order\s+accordingly|leave)\b",
    re.I,
)
_BAIL_WORD_RE = re.compile(r"\bbail\b", re.I)
_TO_EXTENT_RE = re.compile(r"\bto\s+(?:his|her|the)\s+extent\b|\bto\s+the\s+extent\s+of\b", re.I)
_UPHELD_RE = re.compile(
    r"\bconvictions?\b[^.]{0,200}?\b(?:is|are|stands?)\s+(?:hereby\s+)?(?:upheld|maintained|affirmed)\b", re.I
)


def _inside_quote(before: str) -> bool:
    """Whether the text after ``before`` (in one sentence) is inside a quotation."""
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


@dataclass
class _Statement:
    label: str
    unit: TextUnit
    pos: int
    secondary: bool
    partial: bool


def _statements(doc: JudgmentText, bail: bool) -> list[_Statement]:
    """Decisions stated in the operative part, in reading order."""
    if not doc.units:
        return []
    n_pages = len(doc.page_starts)
    zone_start = min(int(len(doc.text) * 0.55), doc.page_starts[max(0, n_pages - 2)])
    found: list[_Statement] = []
    operative_paras: set[int] = set()
    for unit in doc.units:
        if unit.end < zone_start or unit.quoted:
            continue
        text = doc.unit_text(unit)
        if len(text) > 2500 or _ARGUMENT_RE.search(text):
            continue
        if _SELF_RE.search(text) or _OPERATIVE_START_RE.search(text):
            operative_paras.add(unit.para)
        elif unit.para not in operative_paras and not _SUBJECT_START_RE.match(text):
            continue
        short_order = bool(_SHORT_ORDER_RE.search(text))
        if _PAST_PROCEEDINGS_RE.search(text) and not short_order and not re.search(
            r"\b(?:this|instant|present|titled)\s+(?:\w+\s+){0,2}?(?:appeal|petition|revision"
            r"|application)\b", text, re.I
        ):
            continue
        last_citation = max((m.end() for m in _CITATION_RE.finditer(text)), default=None)
        secondary = bool(_SECONDARY_RE.search(text))
        partial = bool(_TO_EXTENT_RE.search(text))
        labels: list[tuple[int, str]] = []
        for label, pattern in _PATTERNS:
            for match in pattern.finditer(text):
                # judged where the verb is: "the prayer in the “consolidated petitions” is allowed"
                before = re.sub(r"\w+\W*$", "", text[:match.end()])
                if (_inside_quote(before) or _NEGATED_RE.search(before[-40:])
                        or _CONDITIONAL_RE.search(before[-70:])):
                    continue
                if last_citation is not None and (match.start() < last_citation or not _SELF_RE.search(
                        text[last_citation:match.end()])):
                    continue  # a precedent's outcome, unless this judgment speaks after the citation
                if label == "acquitted" and (bail or _OTHER_PARTY_RE.search(before)):
                    continue
                labels.append((match.start(), label))
                break
        if short_order:
            past = _PAST_VERDICT_RE.search(text)
            if past and not labels:
                word = past.group(1).lower()
                label = {"acquitted": "acquitted", "dismissed": "dismissed"}.get(word, "allowed")
                labels.append((past.start(), label))
        # One sentence can carry several decisions: keep each, in the order written.
        for start, label in sorted(labels):
            found.append(_Statement(label, unit, unit.start + start, secondary, partial))
        upheld = _UPHELD_RE.search(text)
        if upheld and not any(label == "dismissed" for _, label in labels):
            found.append(_Statement("upheld", unit, unit.start + upheld.start(), secondary, partial))
    return found


def _decide(statements: list[_Statement], bail: bool) -> _Statement | None:
    if not statements:
        return None
    primary = [s for s in statements if not s.secondary] or statements
    labels = {s.label for s in primary}

    def first(*wanted: str) -> _Statement | None:
        for statement in primary:
            if statement.label in wanted:
                return statement
        return None

    def last(*wanted: str) -> _Statement | None:
        for statement in reversed(primary):
            if statement.label in wanted:
                return statement
        return None

    if bail:
        converted = first("converted")
        if converted is not None:
            # a petition converted into an appeal and decided: the decision's own outcome
            decided = next(
                (s for s in primary if s.pos >= converted.pos and s.label in ("allowed", "dismissed")), None
            )
            return decided or converted
        verdict = (last("withdrawn", "bail_granted", "bail_refused", "allowed", "dismissed")
                   or last("disposed_of"))
        if verdict is None:
            return None
        mapped = {"allowed": "bail_granted", "dismissed": "bail_refused"}.get(verdict.label, verdict.label)
        return _Statement(mapped, verdict.unit, verdict.pos, verdict.secondary, verdict.partial)

    if "partly_allowed" in labels:
        return first("partly_allowed")
    if "acquitted" in labels:
        acquitted = last("acquitted")
        assert acquitted is not None
        others = [s for s in primary if s.label in ("dismissed", "upheld", "sentence_modified") and (
            s.partial or acquitted.partial or s.label != "dismissed")]
        if others:
            return _Statement("partly_allowed", acquitted.unit, acquitted.pos, False, True)
        return acquitted
    if "conviction_set_aside" in labels and "remanded" not in labels:
        # one conviction set aside, another upheld or its sentence modified: partly allowed
        set_aside = last("conviction_set_aside")
        assert set_aside is not None
        if labels & {"upheld", "sentence_modified"}:
            return _Statement("partly_allowed", set_aside.unit, set_aside.pos, False, True)
        if not labels & {"dismissed", "allowed"} or "allowed" in labels:
            return _Statement("acquitted", set_aside.unit, set_aside.pos, False, False)
    if "sentence_modified" in labels:
        return last("sentence_modified")
    if "withdrawn" in labels:
        return first("withdrawn")
    if "remanded" in labels:
        return first("remanded")
    if "converted" in labels:
        converted = first("converted")
        assert converted is not None
        verdict = next(
            (s for s in primary if s.pos >= converted.pos and s.label in ("allowed", "dismissed")), None
        )
        return verdict or converted
    # "leave to appeal is refused" dismisses the petition
    verdicts = [s for s in primary if s.label in ("allowed", "dismissed", "leave_refused")]
    if verdicts:
        # the last paragraph that decides, and in it the first decision ("this revision is
        # allowed; ... the suit of the respondents is dismissed")
        para = verdicts[-1].unit.para
        verdict = next(s for s in verdicts if s.unit.para == para)
        if verdict.label == "leave_refused":
            return _Statement("dismissed", verdict.unit, verdict.pos, False, False)
        return verdict
    if "disposed_of" in labels:
        return first("disposed_of")
    if "leave_granted" in labels:
        granted = first("leave_granted")
        assert granted is not None
        return _Statement("other", granted.unit, granted.pos, False, False)
    if "upheld" in labels:
        upheld = first("upheld")
        assert upheld is not None
        return _Statement("dismissed", upheld.unit, upheld.pos, False, False)
    return None


def _bail_matter(doc: JudgmentText) -> bool:
    if is_bail_order(doc):
        return True
    head = doc.text[:3000]
    return bool(re.search(r"\bCrl\.?\s*Misc\.?\s*No\.?\s*[\d,]+\s*-\s*B\b|\bbail\s+(?:petition|application)\b"
                          r"|\bCr\.?\s?B\.?\s?A\b|\bCriminal\s+Bail\b", head, re.I)
                and _BAIL_WORD_RE.search(doc.text[-4000:]))


#: The court ends with directions but no verdict ("The Committee shall submit its report ... Re-list.").
_DIRECTIONS_RE = re.compile(
    r"\b(?:is|are)\s+(?:hereby\s+)?directed\s+to\b|\bshall\s+(?:submit|file|place|ensure|conduct)\b"
    r"|\bre-?list(?:ed)?\b|\bdecreed\b|\bdecided\s+in\s+favou?r\b|\bin\s+(?:the\s+)?following\s+terms\b"
    r"|\border\s+accordingly\b|\banswered\s+in\s+(?:the\s+)?(?:affirmative|negative)\b",
    re.I,
)


def _other(doc: JudgmentText) -> _Statement | None:
    """The last direction in the closing part, when no verdict was found there."""
    tail_start = max(0, len(doc.text) - 1500)
    found = None
    for unit in doc.units:
        if unit.end < tail_start or unit.quoted:
            continue
        text = doc.unit_text(unit)
        if _CITATION_RE.search(text) or _ARGUMENT_RE.search(text):
            continue
        match = _DIRECTIONS_RE.search(text)
        if match:
            found = _Statement("other", unit, unit.start + match.start(), False, False)
    return found


def find_outcome(pages: Sequence[str]) -> OutcomeFact | None:
    """The decision of the judgment whose page ``i`` text is ``pages[i-1]``, or ``None``."""
    if not pages or not any(p.strip() for p in pages):
        return None
    doc = JudgmentText(pages)
    bail = _bail_matter(doc)
    chosen = _decide(_statements(doc, bail), bail) or _other(doc)
    if chosen is None:
        return None
    label = chosen.label if chosen.label in OUTCOMES else "other"
    page, span, quote = doc.provenance(chosen.unit, chosen.pos)
    return OutcomeFact(label, page, span, quote)
