"""Language per page and kind per document, decided from the content.

File names lie (a file called ``pakistan-penal-code-1860.pdf`` may hold the
Contract Act), so kind is decided from what the text says, and the evidence
is returned for the record: a reviewer can see why a document was called a
judgment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lawdb.models import DocumentKind

# Arabic-script letters (Urdu uses the Arabic block and its extensions).
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> str | None:
    """``en``, ``ur`` or ``mixed`` for a page's text; None when it has no letters.

    Urdu and English are the languages of Pakistani courts; any Arabic-script
    text is taken as Urdu and any Latin text as English, which is right for
    this collection and harmless elsewhere. A page is mixed when the minority
    script has at least 15% of the letters.
    """
    arabic = len(_ARABIC.findall(text))
    latin = len(_LATIN.findall(text))
    total = arabic + latin
    if total < 20:
        return None
    share = arabic / total
    if share >= 0.85:
        return "ur"
    if share <= 0.15:
        return "en"
    return "mixed"


def document_language(page_languages: Sequence[str | None]) -> str:
    """The document's language from its pages': one language, or ``mixed``."""
    found = {lang for lang in page_languages if lang}
    if not found:
        return "und"
    if len(found) == 1:
        return found.pop()
    return "mixed"


@dataclass(frozen=True)
class KindDecision:
    kind: DocumentKind
    evidence: list[str]
    scores: dict[str, float]


# (kind, weight, pattern, what the evidence says). Patterns run on the first
# pages, where captions, titles and enacting formulas are.
_SIGNALS: list[tuple[DocumentKind, float, re.Pattern[str], str]] = [
    (DocumentKind.JUDGMENT, 3, re.compile(r"\bIN THE (SUPREME|HIGH) COURT\b|\bHIGH COURT OF\b|"
                                          r"\bJUDGMENT SHEET\b|\bORDER SHEET\b", re.I),
     "court caption"),
    (DocumentKind.JUDGMENT, 2, re.compile(r"\b(appellant|petitioner|respondent|applicant|"
                                          r"accused)s?\b", re.I), "party roles"),
    (DocumentKind.JUDGMENT, 2, re.compile(r"\bdate of (hearing|decision)\b|\bheard on\b", re.I),
     "hearing date line"),
    (DocumentKind.JUDGMENT, 2, re.compile(r"\b(versus|vs\.?|v\.)\s", re.I), "versus"),
    (DocumentKind.JUDGMENT, 2, re.compile(r"\b(J\.|JUSTICE)\b"), "judge"),
    (DocumentKind.JUDGMENT, 2, re.compile(r"\b(Crl?\.|Criminal|Civil|Writ|Jail)\s*"
                                          r"(Appeal|Petition|Misc|Revision|A\.|P\.)[^\n]{0,20}"
                                          r"No\.?", re.I), "case number"),
    (DocumentKind.JUDGMENT, 2, re.compile(r"\bthe learned (counsel|trial court)\b|"
                                          r"\bwe have heard\b|\bimpugned (judgment|order)\b",
                                          re.I), "judicial reasoning"),
    (DocumentKind.STATUTE, 3, re.compile(r"\bAct,? No\.? [IVXLC]+ of \d{4}\b|"
                                         r"\bAct \([IVXLC]+ of \d{4}\)", re.I), "act number"),
    (DocumentKind.STATUTE, 3, re.compile(r"\bBe it (therefore )?enacted\b|"
                                         r"\bWHEREAS it is expedient\b", re.I),
     "enacting formula"),
    (DocumentKind.STATUTE, 3, re.compile(r"\bShort title,? (extent )?(and|&) commencement\b",
                                         re.I), "short-title section"),
    (DocumentKind.STATUTE, 1, re.compile(r"^\s*\d{1,3}[A-Z]?\.\s+[A-Z][\w ,'-]{3,60}\.[-\u2013\u2014]",
                                         re.M), "numbered sections with marginal notes"),
    (DocumentKind.STATUTE, 2, re.compile(r"\bCHAPTER [IVXLC\d]+\b|\bPRELIMINARY\b"),
     "chapters"),
    (DocumentKind.STATUTE, 3, re.compile(r"\A\W*(?:\S+\s+){0,8}?THE\s+[A-Z][A-Z ,()'&\n-]{3,150}?"
                                         r"\b(ACT|CODE)\b", re.M), "statute title"),
    (DocumentKind.STATUTE, 4, re.compile(r"\bTHE\s+CONSTITUTION\s+OF\b"),
     "constitution title"),
    (DocumentKind.STATUTE, 2, re.compile(r"\bARRANGEMENT OF SECTIONS\b|^\s*CONTENTS\s*$",
                                         re.M), "table of sections"),
    (DocumentKind.JUDGMENT, 3, re.compile("عدالت\\s*عظمی|سپریم\\s*کورٹ|عدالت\\s*عالیہ|ہائی\\s*کورٹ"),
     "court caption (Urdu)"),
    (DocumentKind.JUDGMENT, 2, re.compile("درخواست\\s*گزار|مدعا\\s*علیہ|سائل|مسئول"),
     "party roles (Urdu)"),
    (DocumentKind.JUDGMENT, 2, re.compile("فیصلہ|حکم"), "judgment (Urdu)"),
    (DocumentKind.AMENDING_ACT, 4, re.compile(r"\(Amendment\) (Act|Ordinance)\b", re.I),
     "amendment title"),
    (DocumentKind.AMENDING_ACT, 3, re.compile(r"\bIn the said (Act|Ordinance|Code)\b", re.I),
     "'in the said Act'"),
    (DocumentKind.AMENDING_ACT, 2, re.compile(r"\bshall be (substituted|inserted|omitted|added)\b",
                                              re.I), "amending verbs"),
    (DocumentKind.ORDINANCE, 4, re.compile(r"\bOrdinance,? No\.? [IVXLC\d]+ of \d{4}\b", re.I),
     "ordinance number"),
    (DocumentKind.ORDINANCE, 4, re.compile(r"\A\W*(?:\S+\s+){0,8}?THE\s+[A-Z][A-Z ,()'&\n-]{3,150}?"
                                           r"\bORDINANCE\b|\bAN\s+ORDINANCE\s+to\b", re.M),
     "ordinance title"),
    (DocumentKind.ORDINANCE, 3, re.compile(r"\bis pleased to (make and )?promulgate\b", re.I),
     "promulgation formula"),
    (DocumentKind.RULES, 4, re.compile(r"\bThese rules may be called\b|"
                                       r"\bis pleased to make the following rules\b", re.I),
     "rules formula"),
    (DocumentKind.RULES, 3, re.compile(r"\bS\.?\s?R\.?\s?O\.?\s?\d+\s*\(\s*I\s*\)", re.I),
     "S.R.O. number"),
    (DocumentKind.REPORT, 3, re.compile(r"\b(Executive Summary|Annual Report|Table of Contents|"
                                        r"Recommendations|Findings)\b", re.I), "report sections"),
]

_SECTION_LINE = re.compile(r"^\s*\d{1,3}[A-Z]{0,2}\.\s+[A-Z\u201c\"\[]", re.M)

#: How much text from the start decides the kind: captions and titles are there.
_HEAD_CHARS = 12_000


def classify_kind(pages: Sequence[str]) -> KindDecision:
    """Decide a document's kind from the text of its pages, with the evidence.

    Each signal counts once; the kind with the highest total wins if it has at
    least 4 points, else ``other``. An amending Act also looks like a statute,
    so the amending signals outrank the general statute signals when both are
    strong, and an ordinance number outranks "Act No." look-alikes.
    """
    head = "\n".join(pages)[:_HEAD_CHARS]
    scores: dict[DocumentKind, float] = {}
    evidence: dict[DocumentKind, list[str]] = {}
    for kind, weight, pattern, label in _SIGNALS:
        match = pattern.search(head)
        if match:
            scores[kind] = scores.get(kind, 0) + weight
            snippet = " ".join(match.group(0).split())[:60]
            evidence.setdefault(kind, []).append(f"{label}: {snippet!r}")
    numbered = len(_SECTION_LINE.findall(head))
    if numbered >= 8:
        scores[DocumentKind.STATUTE] = scores.get(DocumentKind.STATUTE, 0) + 2
        evidence.setdefault(DocumentKind.STATUTE, []).append(
            f"{numbered} numbered section lines")
    if not scores:
        return KindDecision(DocumentKind.OTHER, ["no signal of any known kind"], {})
    best = max(scores, key=lambda k: scores[k])
    if best is DocumentKind.STATUTE and scores.get(DocumentKind.AMENDING_ACT, 0) >= 6:
        best = DocumentKind.AMENDING_ACT
    if best in (DocumentKind.STATUTE, DocumentKind.AMENDING_ACT) and scores.get(
        DocumentKind.ORDINANCE, 0
    ) >= 4 and not scores.get(DocumentKind.AMENDING_ACT):
        best = DocumentKind.ORDINANCE
    if scores[best] < 4:
        return KindDecision(DocumentKind.OTHER,
                            [f"weak signals only ({best.value} {scores[best]:g})",
                             *evidence[best]], {k.value: v for k, v in scores.items()})
    return KindDecision(best, evidence[best], {k.value: v for k, v in scores.items()})


_JUNK_TITLE = re.compile(r"^(microsoft word|untitled|document\d*|form no|scan|img|page \d)|\.(docx?|pdf)$",
                         re.I)
_ACT_TITLE = re.compile(
    r"^\s*(THE\s+)?[A-Z][A-Za-z ,()'&-]{3,150}?\b(ACT|CODE|ORDINANCE|RULES|REGULATIONS|ORDER)"
    r"(,?\s*\d{4})?\s*$", re.M)
_PARTY_LINE = r"^[ \t]*(?:\d+\.\s*)?([^\n]{3,120}?)[ \t]*(?:\.{2,}|\u2026+|[ \t]{3,}|-{2,})[^\n]*$"
_PARTIES = re.compile(_PARTY_LINE + r"\s*^[ \t]*(?:VERSUS|VS\.?|V/S)[ \t]*$\s*" + _PARTY_LINE,
                      re.M | re.I)


def guess_title(pages: Sequence[str], kind: DocumentKind, metadata: dict[str, str],
                filename: str) -> str:
    """A readable provisional title; the parsing stages (and manifests) refine it.

    Statutes: their printed title line. Judgments: "A v. B" from a caption
    with a VERSUS line. Otherwise the PDF's own title when it is not a word
    processor's leftover, else the first substantial line, else the file name.
    """
    head = "\n".join(pages[:2])[:6000]
    if kind in (DocumentKind.STATUTE, DocumentKind.AMENDING_ACT, DocumentKind.ORDINANCE,
                DocumentKind.RULES):
        match = _ACT_TITLE.search(head)
        if match:
            return _tidy(match.group(0))
    if kind is DocumentKind.JUDGMENT:
        match = _PARTIES.search(head)
        if match:
            return f"{_tidy(match.group(1))} v. {_tidy(match.group(2))}"
    meta_title = (metadata.get("title") or "").strip()
    if len(meta_title) >= 8 and not _JUNK_TITLE.search(meta_title):
        return _tidy(meta_title)
    for line in head.splitlines():
        line = line.strip()
        if len(line) >= 12 and sum(c.isalpha() for c in line) >= 8 and not line.lower().startswith(
                "page "):
            return _tidy(line)[:200]
    return Path(filename).stem


def _tidy(text: str) -> str:
    text = " ".join(text.split()).strip(" .,:;-")
    if text.isupper() and len(text) > 6:
        # "THE PREVENTION OF ELECTRONIC CRIMES ACT, 2016" reads better in title case,
        # but keep short all-capital abbreviations (PECA, FIA) as they are.
        text = " ".join(w if _is_abbreviation(w) else w.capitalize() for w in text.split())
        text = re.sub(r"\b(Of|And|For|The|In|On|To)\b", lambda m: m.group(0).lower(), text)
        text = text[0].upper() + text[1:]
    return text


_ABBREVIATIONS = {"PECA", "FIA", "PPC", "CRPC", "ATA", "JJSA", "ICT", "PTA", "NAB", "SECP", "SRO",
                  "USA", "UK", "AJK", "KPK", "NIRC", "HRCP"}


def _is_abbreviation(word: str) -> bool:
    letters = "".join(c for c in word if c.isalpha())
    return letters in _ABBREVIATIONS or (
        0 < len(letters) <= 5 and not any(c in "AEIOU" for c in letters))
