"""Cleaning stage: undo fake-bold overprinting (``TThhee`` -> ``The``).

Some PDF producers make bold by drawing every glyph twice at almost the same
place; extractors that do not merge the copies give ``SSEECCUURRIITTIIEESS``.
PDFium merges them itself, so on its text this stage rarely fires; it matters
for the pdfplumber (two-column) path.

Caveat: real tokens can look doubled (``DDPP`` for Deputy District Public
Prosecutor, ``XXII``, ``1122``), so a lone token is undone only when it is long
(8+ characters) and has letters; a whole line is undone when most of its
tokens are doubled.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\S+")
_LETTER = re.compile(r"[^\W\d_]")
_ROMAN = re.compile(r"[IVXLCDM]+|[ivxlcdm]+")
# Three doubled characters in a row: every token this stage changes has them,
# so lines without are passed over cheaply.
_THREE_PAIRS = re.compile(r"(?:(\S)\1){3}")
#: Share of a line's tokens that must be doubled for the whole line to be undone.
LINE_SHARE = 0.6
#: Length from which a single doubled token is undone wherever it stands.
LONE_TOKEN_LENGTH = 8


def _doubled(token: str) -> bool:
    return len(token) >= 2 and len(token) % 2 == 0 and token[0::2] == token[1::2]


def _undo_line(line: str) -> str:
    tokens = _TOKEN.findall(line)
    doubled = [t for t in tokens if _doubled(t)]
    if not doubled:
        return line
    whole_line = (
        len(tokens) >= 2
        and len(doubled) >= LINE_SHARE * len(tokens)
        and any(len(t) >= 6 and len(set(t)) >= 3 and _LETTER.search(t) for t in doubled)
    )

    def fix(match: re.Match[str]) -> str:
        token = match.group()
        if not _doubled(token):
            return token
        if whole_line or (
            len(token) >= LONE_TOKEN_LENGTH
            and len(set(token)) >= 3
            and _LETTER.search(token)
            and not _ROMAN.fullmatch(token)
        ):
            return token[0::2]
        return token

    return _TOKEN.sub(fix, line)


def collapse_doubled_chars(text: str) -> str:
    """Return ``text`` with overprinted (every character twice) words written once."""
    if not _THREE_PAIRS.search(text):
        return text
    return "\n".join(
        _undo_line(line) if _THREE_PAIRS.search(line) else line for line in text.split("\n")
    )
