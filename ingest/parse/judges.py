"""Judges' names: one canonical form for every way a judgment prints a name.

``normalize_judge`` turns ``"Mr. Justice Arif Nadeem Qureshi"``,
``"ARIF NADEEM QURESHI, J."``, ``"Arif Nadeem Qureshi J"`` and
``"(Arif Nadeem Qureshi)"`` into ``("Arif Nadeem Qureshi", "ARIF NADEEM QURESHI")``:
a display name in title case without honorifics (Mr., Mrs., Justice, Chief
Justice, Hon'ble ...) or suffixes (J., JJ, CJ, HCJ, ACJ, Judge), and a
``name_key`` for matching: upper case, hyphens as spaces, other punctuation
removed, spaces collapsed.

Family and honorific-looking words that are part of Pakistani names stay:
``Syed``, ``Sayyed``, ``Mian``, ``Malik``, ``Qazi``, ``Sardar``, ``Raja``,
``Ch.``, ``Mirza`` ... ("Syed Mansoor Ali Shah" keeps "Syed"). ``Dr.`` is
dropped, as signatures usually omit it.

The check that the rest is a name is deliberately strict, because captions
and OCR produce much that is not: every word must be letters (with inner
``.``, ``'`` or ``-``), start with a capital unless it is a name particle
(``ud``, ``ul``, ``ur``, ``e``, ``bin`` ...), not look like OCR debris
(``IVijankliel``), and not be one of the words that fill captions ("Judge",
"Court", "State", "Advocate", "Emphasis supplied" ...). Two to seven words.
Anything else returns None.
"""

from __future__ import annotations

import re

__all__ = ["name_key", "normalize_judge"]

_MAX_RAW = 200


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PARTICLES = _wordset("ud ul ur un us uz ut e i o al el bin ibn bint de da di du van von der la le")

# Words that fill captions and signature blocks but are never part of a judge's name.
_NOT_NAME = _wordset(
    """
    JUDGE JUDGES JUSTICE COURT COURTS HIGH SUPREME STATE THE OF AND OR VS VERSUS V
    PETITIONER PETITIONERS APPELLANT APPELLANTS RESPONDENT RESPONDENTS APPLICANT ACCUSED
    COMPLAINANT ADVOCATE ADVOCATES ASC AOR COUNSEL ORDER JUDGMENT JUDGEMENT SHEET BENCH
    PAKISTAN LAHORE KARACHI ISLAMABAD PESHAWAR QUETTA MULTAN BAHAWALPUR RAWALPINDI SUKKUR
    HYDERABAD SINDH PUNJAB BALOCHISTAN PRESENT BEFORE CORAM EMPHASIS SUPPLIED ADDED
    UNDERLINING APPROVED REPORTING REPORT ANNOUNCED DATED DATE SIGNED FOR IN ON BY WITH AT TO
    NO NOS SUPRA SIC IBID MINE OURS SD HEARING DECISION DEPARTMENT JUDICIAL JURISDICTION
    APPELLATE ORIGINAL CRIMINAL CIVIL APPEAL PETITION CASE REFERENCE OPEN NOT THIS THAT
    WHICH WHO IS WAS ARE BE HAS HAVE ENGLISH URDU TRANSLATION ARABIC EXH PW DW FIR PPC CRPC
    SECTION ARTICLE RULE ACT ORDINANCE CONSTITUTION GOVERNMENT FEDERATION PROVINCE SECRETARY
    REGISTRAR OFFICE NOTE NOTICE RETD RETIRED ACTING ADDITIONAL ADDL SESSIONS DISTRICT
    MAGISTRATE TRIBUNAL STEREO FORM HCJDA
    """
)

_HONORIFIC = re.compile(
    r"^(?:mrs|mr|ms|miss|madam|dr|hon'?ble|hon’ble|honourable|honorable|sir|the"
    r"|(?:acting\s+)?chief\s+justice|justice|judge)\b\.?[\s,]*",
    re.IGNORECASE,
)
# ", J." ", J:-" " J" "-J.:-" ", CJ" ", C.J." ", HCJ" ", ACJ" ", JJ" "Judge" "Chief Justice", and
# an OCR'd ", l" for ", J"; repeated stripping handles "J.-", "J.:-" and the like.
_SUFFIX = re.compile(
    r"(?:[\s,.\-–—:;]+(?:j|jj|c\.?\s?j|h\.?\s?c\.?\s?j|a\.?\s?c\.?\s?j|cjp|cji|judge|chief\s+justice)"
    r"|,\s*[lI1])[\s.,:;\-–—'’]*$",
    re.IGNORECASE,
)
_TRAILING_JUNK = re.compile(r"[\s.,:;\-–—'’\"*]+$")
_LEADING_JUNK = re.compile(r"^[\s.,:;\-–—'’\"*(\[]+")
_TOKEN = re.compile(r"^[A-Za-z](?:[A-Za-z'’.\-]*[A-Za-z.])?$")
_OCR_DEBRIS = re.compile(r"^[A-Z]{2,}[a-z]")


def name_key(name: str) -> str:
    """``"Ayesha A. Malik"`` -> ``"AYESHA A MALIK"``; ``"Amin-ud-Din Khan"`` -> ``"AMIN UD DIN KHAN"``."""
    upper = name.upper().replace("-", " ")
    upper = re.sub(r"[^A-Z0-9 ]+", "", upper)
    return " ".join(upper.split())


def _title_part(part: str) -> str:
    if part.lower() in _PARTICLES:
        return part.lower()
    if part.isupper() or part.islower():
        pieces = re.split(r"(['’.])", part.lower())
        return "".join(p[:1].upper() + p[1:] for p in pieces)
    return part


def _title(token: str) -> str:
    if re.fullmatch(r"(?:[A-Za-z]\.)+", token):  # initials: "A.", "S.A."
        return token.upper()
    return "-".join(_title_part(p) for p in token.split("-"))


def _strip(raw: str) -> str:
    text = " ".join(raw.replace("\u00a0", " ").split())
    text = text.strip("()[]{}<>\"'“”‘’ ")
    for _ in range(4):
        before = text
        text = _LEADING_JUNK.sub("", text)
        text = _SUFFIX.sub("", text)
        text = _TRAILING_JUNK.sub("", text)
        text = text.strip("()[] ")
        while True:
            stripped = _HONORIFIC.sub("", text, count=1)
            if stripped == text:
                break
            text = stripped
        if text == before:
            break
    return text


def normalize_judge(raw: str) -> tuple[str, str] | None:
    """``(display name, name_key)`` of a judge as printed, or None if ``raw`` is not a name."""
    if not isinstance(raw, str) or not raw or len(raw) > _MAX_RAW:
        return None
    text = _strip(raw)
    tokens = text.split()
    words = [w for t in tokens for w in t.split("-") if w and w.lower() not in _PARTICLES]
    if len(tokens) > 7 or len(words) < 2:
        return None
    for token in tokens:
        if not _TOKEN.match(token) or ".." in token:
            return None
        if token.endswith(".") and len(token.rstrip(".").split(".")[-1]) > 3:
            return None  # "Stereo.": a word ending a sentence, not an initial or "Ch."/"Sh."
        bare = token.replace(".", "")
        if token.lower() in _PARTICLES or bare.lower() in _PARTICLES:
            continue
        if not token[0].isupper() or _OCR_DEBRIS.match(token):
            return None
        if any(p.upper() in _NOT_NAME for p in re.split(r"[-'’.]", token) if p):
            return None
    letters = sum(c.isalpha() for c in text)
    if letters < 5 or max(len(t.replace(".", "")) for t in tokens) < 3:
        return None
    if tokens[0].lower() in _PARTICLES or tokens[-1].lower() in _PARTICLES:
        return None
    display = " ".join(_title(t) for t in tokens)
    return display, name_key(display)
