"""Masking victims' names in everything lawdb shows and exports.

Masks are applied on output, never by rewriting stored text: offsets kept as
provenance stay valid, and a mistaken mask can be lifted. Each masked name
hides its full form in any case ("Ayesha Bibi", "AYESHA BIBI", with any
spacing or line break between the words, with or without "Mst.") and, when
it has one, its distinctive given name on its own ("Ayesha"), since a
judgment soon shortens a name. Common name parts ("Muhammad", "Bibi",
"Khan") are never masked alone: that would blank out other people.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

DEFAULT_REPLACEMENT = "[victim]"

#: Name parts too common to identify anyone when they stand alone.
COMMON_PARTS = {
    "muhammad", "mohammad", "mohammed", "muhammed", "mst", "mst.", "miss", "master", "syed", "sayed",
    "hafiz", "malik", "rana", "ch", "ch.", "chaudhry", "chaudhary", "sheikh", "shaikh", "mian",
    "bibi", "begum", "khan", "ali", "ahmad", "ahmed", "hussain", "husain", "shah", "mai", "bano",
    "din", "ud", "ul", "ur", "abdul", "ghulam", "allah", "noor", "nawaz", "iqbal", "akhtar",
}


def name_patterns(name: str) -> list[str]:
    """Regex sources that a masked ``name`` hides (full name, then its given name)."""
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    words = [w for w in words if w.lower().rstrip(".") not in {"mst", "miss", "master", "mast"}]
    if not words:
        return []
    full = r"(?:(?:Mst|Miss|Master)\.?\s+)?" + r"\s+".join(re.escape(w) for w in words)
    patterns = [full]
    given = next((w for w in words if w.lower() not in COMMON_PARTS and len(w) >= 3), None)
    if given is not None and len(words) > 1:
        patterns.append(re.escape(given))
    return patterns


@lru_cache(maxsize=256)
def _compiled(names: tuple[str, ...]) -> re.Pattern[str] | None:
    sources: list[str] = []
    for name in sorted(names, key=len, reverse=True):  # longest first: full before given
        sources.extend(name_patterns(name))
    if not sources:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(sources) + r")(?!\w)", re.IGNORECASE)


def mask_spans(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Where ``names`` occur in ``text``, as non-overlapping ``(start, end)`` spans."""
    pattern = _compiled(tuple(sorted(set(names))))
    if pattern is None or not text:
        return []
    return [m.span() for m in pattern.finditer(text)]


def mask_text(text: str, names: Iterable[str], replacement: str = DEFAULT_REPLACEMENT) -> str:
    """``text`` with every occurrence of ``names`` replaced by ``replacement``."""
    pattern = _compiled(tuple(sorted(set(names))))
    if pattern is None or not text:
        return text
    return pattern.sub(replacement, text)
