"""Cleaning stage: unwrap lines that only the page width broke.

Extracted text keeps the PDF's line breaks, so a sentence is cut wherever the
line was full. This stage joins such lines with a space and keeps the breaks
that mean something:

- blank lines (paragraph breaks) stay;
- a line that starts a numbered paragraph or list item (``12. ...``, ``2- ...``,
  ``(a) ...``, ``(iv) ...``, ``b) ...``, bullets) starts a new line;
- a line ending in ``:`` or ``:-`` ends its line (a list or quotation follows);
- a line in capitals (``JUDGMENT``, ``LAHORE HIGH COURT``) is a line of its own;
- a short line ends its line, and so does a not-quite-full line that ends a
  sentence: that is how the last line of a paragraph looks.

"Short" is measured against ``width``, the length of a full line in this
document (by default estimated from ``text``; pass the document's figure for
pages with little text).

Caveat: a paragraph whose last line happens to be full is joined to the next
one, and a wrapped line that starts with something like ``302. `` is taken
for a numbered paragraph. Neither loses text.
"""

from __future__ import annotations

import re

#: A line shorter than this share of a full line ends its line.
SHORT = 0.6
#: A line shorter than this share of a full line that ends a sentence ends its line.
NEARLY_FULL = 0.85

_MARKER = re.compile(
    r"""(?![vV]\.\s)                          # "v." as in "X v. The State" is no item
    (?:
        \d{1,3}(?:\.\d{1,3})*[.)-](?=\s)    # 12.   3)   2.1.   2-
      | \(\s*(?:\d{1,3}|[a-zA-Z]{1,2}|[ivxlcIVXLC]{1,6})\s*\)  # (2) (a) (aa) (iv)
      | [a-zA-Z][.)](?=\s)                  # a)  b.
      | [ivxlc]{1,6}[.)](?=\s)              # iv)  ii.
      | [•●▪◦■□➢►*](?=\s)                   # bullets
      | [-–—](?=\s)                         # dash items
    )""",
    re.VERBOSE,
)
_ENDS_LIST_INTRO = re.compile(r"(?::|:-|:–|:—)$")
_ENDS_SENTENCE = re.compile(r"[.!?;۔؟][\"'”’)\]]*$")


def typical_width(text: str) -> int:
    """The length of a full line in ``text``: the 80th percentile of non-blank lines."""
    lengths = sorted(len(line.strip()) for line in text.split("\n") if line.strip())
    if not lengths:
        return 0
    return lengths[min(len(lengths) - 1, int(0.8 * len(lengths)))]


def _is_heading(line: str, width: int) -> bool:
    # Capitals and no small letters; Urdu has no case and never counts.
    return len(line) <= 0.7 * width and line.upper() == line != line.lower()


def _breaks_after(prev: str, cur: str, width: int) -> bool:
    if _MARKER.match(cur) or _ENDS_LIST_INTRO.search(prev):
        return True
    if _is_heading(prev, width) or _is_heading(cur, width):
        return True
    if len(prev) < SHORT * width:
        return True
    return len(prev) < NEARLY_FULL * width and bool(_ENDS_SENTENCE.search(prev))


def unwrap_lines(text: str, width: int | None = None) -> str:
    """Join lines that were wrapped only by the page width; see the module docstring."""
    if width is None:
        width = typical_width(text)
    out: list[str] = []
    prev: str | None = None
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            if prev is not None:
                out.append("\n\n")
            prev = None
            continue
        if prev is not None:
            out.append("\n" if _breaks_after(prev, line, width) else " ")
        out.append(line)
        prev = line
    return "".join(out).strip("\n")
