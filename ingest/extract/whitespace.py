"""Cleaning stage: whitespace normalisation."""

from __future__ import annotations

import re

_RUNS = re.compile(r"[ \t]+")
_LINE_EDGES = re.compile(r" ?\n ?")
_BLANK_LINES = re.compile(r"\n{3,}")


def normalize_whitespace(text: str) -> str:
    """Collapse runs of spaces, trim every line, keep at most one blank line in a row.

    A blank line (``\\n\\n``) marks a paragraph break and is kept; leading and
    trailing blank lines of the page are dropped. Expects ``\\n`` line ends
    (see :func:`~ingest.extract.normalize.normalize_unicode`).
    """
    text = _LINE_EDGES.sub("\n", _RUNS.sub(" ", text))
    return _BLANK_LINES.sub("\n\n", text).strip("\n ")
