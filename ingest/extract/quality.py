"""Is a page's text layer worth keeping, or should the page be OCRed?

A PDF's text layer can be present and still useless: fonts without a
Unicode map (pdfminer writes ``(cid:12)``, PDFium writes whatever code points
the glyph ids happen to be, e.g. CJK characters in an Urdu judgment),
fake-bold headings drawn twice (``TThhee``), characters in scrambled order, or
the invisible text layer of a bad OCR run. :func:`assess_text_layer` looks at
the text only (no geometry) and answers with a :class:`TextQuality`.

The checks are cheap regular expressions (a few microseconds a page) so they
can run on every page of a bulk import.

Caveats: the dictionary test knows English only. A text whose letters are
mostly Arabic script (Urdu) is judged by the script checks alone, and a
Latin-script text in another language (rare in this collection) may be judged
"few dictionary words" and sent to OCR, which costs time but loses nothing.
Chinese or Japanese text on its own is accepted as it is; only CJK mixed into
Arabic-script text is taken as the sign of an unmapped Urdu font.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .words import COMMON_WORDS

#: Fewer visible characters than this and the page has, for our purposes, no text layer.
MIN_CHARS = 25
#: Pages with fewer Latin words than this are not judged by the word statistics.
MIN_WORDS = 15
#: The script and word statistics look at this many characters and words at most.
SAMPLE_CHARS = 5000
SAMPLE_WORDS = 250
#: Below this share of common words a Latin-script page is taken as garbage, if
#: its words also look odd (Latin filler text such as "lorem ipsum" is kept).
MIN_DICTIONARY_SHARE = 0.12
#: ...where "look odd" means at least this share of implausible words.
MIN_IMPLAUSIBLE_WITH_FEW_WORDS = 0.1
#: At or above this share of implausible words (4+ letters) a page is taken as scrambled.
MAX_IMPLAUSIBLE_SHARE = 0.3
#: At or above this share of doubled words (4+ letters) the page is one fake-bold overprint.
MAX_DOUBLED_SHARE = 0.5
#: Share of the visible characters that may be unmapped glyphs before the layer is rejected.
MAX_BAD_CHAR_SHARE = 0.1

_CID = re.compile(r"\(cid:\d+\)")
_BAD = re.compile(r"[\uE000-\uF8FF\uFFFD\x00-\x08\x0b\x0c\x0e-\x1f]")
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
# Scripts that have no business inside an Urdu/English page: Greek and Coptic,
# Hangul, CJK, Yi. PDFium emits them when a font's glyph ids have no Unicode map.
_FOREIGN = re.compile(
    r"[\u0370-\u03FF\u2C80-\u2CFF\u1100-\u11FF\u2E80-\u9FFF\uA000-\uA4CF\uAC00-\uD7AF\uF900-\uFAFF]"
)
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_WORD = re.compile(r"[A-Za-z]+")
_VOWEL = re.compile(r"[aeiouyAEIOUY]")
_CONSONANT_RUN = re.compile(r"[^aeiouyAEIOUY]{5,}")
_TRIPLE = re.compile(r"(.)\1\1")
# Case patterns of real words: lower, Title, UPPER, and Mc/Mac-style names.
_GOOD_CASE = re.compile(r"[a-z]+|[A-Z][a-z]+|[A-Z]+|[A-Z][a-z]+[A-Z][a-z]+")


@dataclass(frozen=True)
class TextQuality:
    """The verdict on one page's text layer.

    ``usable`` is False when the page should be OCRed (if OCR is possible);
    ``reason`` then names the first failing check: ``"little_text"``,
    ``"cid_glyphs"``, ``"unmapped_glyphs"``, ``"doubled_chars"``,
    ``"scrambled"`` or ``"few_dictionary_words"``. ``arabic_share`` is the
    share of letters in Arabic script (used to pick Urdu for OCR).
    """

    usable: bool
    reason: str | None
    chars: int
    arabic_share: float = 0.0
    dictionary_share: float | None = None


def is_doubled_word(word: str) -> bool:
    """True for a fake-bold overprint such as ``TThhee`` (every letter twice)."""
    return (
        len(word) >= 4 and len(word) % 2 == 0 and word[0::2] == word[1::2] and len(set(word)) >= 2
    )


def is_plausible_word(word: str) -> bool:
    """A cheap test that a Latin token could be a word (not ``NTPRKMSF``, ``tHe``)."""
    if len(word) < 4:
        return True
    return bool(
        _VOWEL.search(word)
        and not _CONSONANT_RUN.search(word)
        and not _TRIPLE.search(word)
        and _GOOD_CASE.fullmatch(word)
    )


def assess_text_layer(text: str) -> TextQuality:
    """Judge whether ``text`` (one page's text layer) is real text; see the module doc."""
    chars = len("".join(text.split()))
    if chars < MIN_CHARS:
        return TextQuality(False, "little_text", chars)

    cid_chars = sum(len(m) for m in _CID.findall(text))
    if cid_chars > MAX_BAD_CHAR_SHARE * chars:
        return TextQuality(False, "cid_glyphs", chars)
    if len(_BAD.findall(text)) > MAX_BAD_CHAR_SHARE * chars:
        return TextQuality(False, "unmapped_glyphs", chars)

    sample = text[:SAMPLE_CHARS]
    arabic = len(_ARABIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    foreign = len(_FOREIGN.findall(sample))
    letters = max(arabic + latin + foreign, 1)
    arabic_share = arabic / letters
    if arabic_share >= 0.1 and foreign >= 0.05 * letters:
        return TextQuality(False, "unmapped_glyphs", chars, arabic_share)
    if latin < 0.5 * letters:
        # Urdu, or a script we do not judge.
        return TextQuality(True, None, chars, arabic_share)

    words = _WORD.findall(sample)[:SAMPLE_WORDS]
    if len(words) < MIN_WORDS:
        return TextQuality(True, None, chars, arabic_share)
    long_words = [w for w in words if len(w) >= 4] or words
    doubled = sum(1 for w in long_words if is_doubled_word(w))
    if doubled >= MAX_DOUBLED_SHARE * len(long_words):
        return TextQuality(False, "doubled_chars", chars, arabic_share)
    share = sum(1 for w in words if w.lower() in COMMON_WORDS) / len(words)
    implausible = sum(1 for w in long_words if not is_plausible_word(w))
    if implausible >= MAX_IMPLAUSIBLE_SHARE * len(long_words):
        return TextQuality(False, "scrambled", chars, arabic_share, share)
    if share < MIN_DICTIONARY_SHARE and implausible >= MIN_IMPLAUSIBLE_WITH_FEW_WORDS * len(
        long_words
    ):
        return TextQuality(False, "few_dictionary_words", chars, arabic_share, share)
    return TextQuality(True, None, chars, arabic_share, share)
