"""Victims' names in sexual-offence and child-abuse judgments, to be masked.

Stage of the judgment parser: finds the names a judgment gives its victims
("the victim Muhammad Nouman Saleem (PW-5)", "Mst. X (PW-3) is the victim of
the case", "his son namely X") so that lawdb can mask them in everything it
shows and exports. It runs only when the judgment concerns a sexual offence
or child abuse, and it is deliberately narrow: a name is taken only when the
text itself ties it to the word victim (or calls the child by name in the
complaint). Initials and letters the court already used to anonymise ("S",
"M.F.") are not names and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

#: Offences and words that make a judgment one whose victims are protected.
SEXUAL_OFFENCE = re.compile(
    r"\b(?:376|377|377-?A|377-?B|292-?[ABC]|354-?A|366-?A|369-?A|496-?[AB])\b"
    r"|\b(?:rape|raped|sodomy|sodomi[sz]ed|zina|sexual(?:ly)?\s+(?:abuse|assault|abused|assaulted)"
    r"|child\s+pornography|unnatural\s+offence|carnal\s+intercourse|obscene)\b",
    re.I,
)

# A name as printed: one to four capitalised words, optionally after "Mst."/"Miss".
_WORD = r"[A-Z][a-z]{1,20}"
NAME = rf"(?:(?:Mst|Mast|Miss|Master)\.?\s+)?{_WORD}(?:[ \t]+{_WORD}){{0,3}}"
_PW = r"(?:\s*\(\s*P\.?\s*W[.\s-]*\d+\s*\))?"

_NOT_FOLLOWED_BY_NAME = r"(?![ \t]+(?:of[ \t]+the[ \t]+case[ \t]+|namely[ \t]+)?(?:Mst\.?[ \t]+)?[A-Z][a-z])"

_PATTERNS = [
    # the victim Ayesha Bibi / victim of the case X (PW-5) / victim namely X / the minor, X
    re.compile(rf"\b(?:victims?|the[ \t]+minor)\b[,:]?[ \t]+(?:of[ \t]+the[ \t]+case[ \t]+|namely[ \t]+"
               rf"|i\.e\.[ \t]+|viz\.?[ \t]+|girl[ \t]+|boy[ \t]+|child[ \t]+)?(?P<name>{NAME}){_PW}"),
    # X (PW-3) is the victim / X, the victim / X, victim -- but not "X (PW-4), victim of the
    # case Y", where the victim is the next person in a list.
    re.compile(rf"(?P<name>{NAME})(?P<pw>{_PW})[ \t]*,?[ \t]*(?:who[ \t]+)?(?:is|was)?[ \t]*(?:the[ \t]+)?"
               rf"(?:minor[ \t]+)?victim\b{_NOT_FOLLOWED_BY_NAME}"),
    # his son namely X / minor daughter named X / the child namely X
    re.compile(rf"\b(?:son|daughter|girl|boy|child|minor)[ \t]+(?:namely|named|by[ \t]+the[ \t]+name[ \t]+of)"
               rf"[ \t]+(?P<name>{NAME})"),
]

#: Words that look like names to the pattern but never are one.
_NOT_NAMES = {
    "The", "This", "That", "State", "Court", "Appellant", "Appellants", "Accused", "Complainant",
    "Petitioner", "Respondent", "Prosecution", "Police", "Station", "Sessions", "Judge", "Trial",
    "Learned", "Counsel", "Case", "Section", "Medical", "Officer", "Doctor", "Lady", "He", "She",
    "His", "Her", "Who", "Whom", "Said", "Same", "Present", "Minor", "Victim", "Child", "Girl",
    "Boy", "Mother", "Father", "Brother", "Sister", "Daughter", "Son", "In", "On", "At", "And",
    "Of", "For", "By", "To", "As", "It", "Statement", "Evidence", "Witness", "Exh", "Mark",
    "Supreme", "High", "Lahore", "Punjab", "Pakistan", "Islamabad", "Karachi", "Federal",
    "Government", "Investigating", "Inspector", "However", "Moreover", "Further", "Furthermore",
    "Being", "Such", "Any", "Every", "No", "Real", "Alleged", "Deceased", "Name",
}
_PREFIX = re.compile(r"^(?:Mst|Mast|Miss|Master)\.?\s+")


@dataclass(frozen=True)
class VictimFact:
    name: str
    page_number: int
    span: tuple[int, int]


def concerns_sexual_offence(pages: Sequence[str]) -> bool:
    """True when the judgment deals with a sexual offence or child abuse."""
    return any(SEXUAL_OFFENCE.search(text) for text in pages)


def _tidy(name: str) -> str | None:
    words = name.split()
    # Trim trailing words that are not part of a name ("Ayesha Bibi The" cannot
    # happen with the pattern, but "Shumaila Shahzad Who" can).
    while words and words[-1] in _NOT_NAMES:
        words.pop()
    core = _PREFIX.sub("", " ".join(words))
    core_words = core.split()
    if not core_words or any(w in _NOT_NAMES for w in core_words):
        return None
    if len(core) < 3:
        return None
    return " ".join(words)


def find_victims(pages: Sequence[str]) -> list[VictimFact]:
    """Names the judgment gives its victims, each once, with where first found."""
    if not concerns_sexual_offence(pages):
        return []
    found: dict[str, VictimFact] = {}
    for number, text in enumerate(pages, start=1):
        for pattern in _PATTERNS:
            for match in pattern.finditer(text):
                name = _tidy(match.group("name"))
                if name is None:
                    continue
                # "Being victim of ...": a single word before "victim" is only a
                # name when a witness number confirms it.
                groups = match.groupdict()
                if "pw" in groups and not groups["pw"] and len(_PREFIX.sub("", name).split()) < 2:
                    continue
                key = _PREFIX.sub("", name).lower()
                if key not in found:
                    start = match.start("name")
                    found[key] = VictimFact(name, number, (start, start + len(name)))
    return list(found.values())
