"""Cleaning stage: rejoin words hyphenated across a line break.

A hyphen at the end of a line is either a soft break inside one word
(``commenc-`` / ``ing``) or the hyphen of a compound that happens to fall at
the line end (``co-`` / ``accused``, ``sub-`` / ``section``). Both PDFium (which
marks it, see :mod:`ingest.extract.normalize`) and the other extractors only
tell us that a hyphen ended the line; which kind it is has to be guessed:

1. a digit on either side, a capital after it (``Anti-`` / ``Terrorism``) or a
   compound already hyphenated before it (``officer-in-`` / ``charge``) keeps
   the hyphen;
2. the document itself decides next: if it spells the joined word elsewhere
   and never the hyphenated one, join; if it spells the hyphenated form, keep;
3. a right part that is only a suffix (``ing``, ``tion``, ``ment`` ...) joins;
4. a compound prefix (``non``, ``self``, ``co``, ``sub`` ...) before a known word
   keeps the hyphen, and so do two known words of 3+ letters (``print-out``);
5. anything else joins.

The joined word stays on the first line and the rest of the second line keeps
its own line, so line lengths (which the unwrapping stage reads) stay honest.

Caveat: without the document spelling the word out, a closed compound of two
words (``some-`` / ``thing``) keeps a hyphen it should not have.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from .words import COMMON_WORDS

# A line-end hyphen; the word before it (with any compound it ends) and the
# token after it are matched from there, which is much faster than a regex
# that tries every word of the page.
_EOL_HYPHEN = re.compile("[-\u2010]\n")
_WORD_BEFORE = re.compile(r"((?:[^\W_]+-)*)([^\W_]+)$")
_TOKEN_AFTER = re.compile(r"[ \t]*(\S+)[ \t]*(\n?)")
_WORD_START = re.compile(r"[^\W_]+")
_WORDS = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_SITE_FOR_LEXICON = re.compile(r"[^\W_]+[-\u2010]\n[ \t]*\S+")

_SUFFIX_LIST = """
    ing ings ed es s ly tion tions sion sions ment ments ness ance ances ence ences ity ities
    ous ive ives able ible al als ate ated ates ating ation ations er ers or ors ist ists ism
    ic ical ically ure ures ant ants ent ents ual ted ting ding ning ring ling sing tive ary
    ory ery ty cy ency ancy ise ize ised ized ising izing ful less ward wards est ish age ages
    dom hood ship ian ial ious eous uous ative atory ility ality ce ces ge tic cal
"""
#: Right parts that are never words on their own, so the hyphen was a soft break.
SUFFIXES = frozenset(_SUFFIX_LIST.split())
#: Prefixes that form hyphenated compounds in legal English (``co-accused``).
PREFIXES = frozenset(
    ["non", "self", "co", "ex", "vice", "quasi", "anti", "semi", "multi", "cross", "sub", "post"]
)


def build_lexicon(texts: Iterable[str]) -> frozenset[str]:
    """The lower-cased words and hyphenated compounds of ``texts``, plus common words.

    Words broken at a line end are left out, so that the fragments of a broken
    word (``commenc``) do not count as words.
    """
    words: set[str] = set(COMMON_WORDS)
    for text in texts:
        for token in _WORDS.findall(_SITE_FOR_LEXICON.sub(" ", text).lower()):
            words.add(token)
            if "-" in token:
                parts = token.split("-")
                words.update(parts)
                words.update(f"{a}-{b}" for a, b in itertools.pairwise(parts))
    return frozenset(words)


def keep_hyphen(
    left: str, right: str, lexicon: frozenset[str] | set[str], prefix: str = ""
) -> bool:
    """Decide whether ``left-`` at a line end followed by ``right`` keeps its hyphen.

    ``prefix`` is the hyphenated compound ``left`` ends, if any (``officer-``
    for ``officer-in-`` / ``charge``). See the module docstring for the rules.
    """
    if prefix or left[-1].isdigit() or right[0].isdigit():
        return True
    if right[0].isupper() and not left.isupper():
        return True
    joined = (left + right).lower()
    hyphenated = f"{left}-{right}".lower()
    if hyphenated in lexicon:
        return True
    if joined in lexicon:
        return False
    low_left, low_right = left.lower(), right.lower()
    if low_right in SUFFIXES:
        return False
    if low_left in PREFIXES and low_right in lexicon:
        return True
    return len(left) >= 3 and len(right) >= 3 and low_left in lexicon and low_right in lexicon


def rejoin_hyphenation(text: str, lexicon: frozenset[str] | set[str] = frozenset()) -> str:
    """Rejoin ``word-\\nword`` sites in ``text``; ``lexicon`` from :func:`build_lexicon`.

    Expects ``\\n`` line ends and line-end hyphens written as ``-\\n`` (see
    :func:`~ingest.extract.normalize.normalize_unicode`).
    """
    lexicon = lexicon or COMMON_WORDS
    out: list[str] = []
    done = 0  # text[:done] is in out
    for site in _EOL_HYPHEN.finditer(text):
        if site.start() < done:
            continue
        before = _WORD_BEFORE.search(text, max(done, site.start() - 80), site.start())
        after = _TOKEN_AFTER.match(text, site.end())
        word = _WORD_START.match(after.group(1)) if after else None
        if before is None or after is None or word is None:
            continue  # "-" after a bracket or before a dash or quote: leave it
        prefix, left = before.groups()
        token, newline = after.groups()
        hyphen = "-" if keep_hyphen(left, word.group(), lexicon, prefix) else ""
        rest_of_line_follows = after.end() < len(text) and not newline
        out.append(text[done : before.start()])
        out.append(f"{prefix}{left}{hyphen}{token}")
        out.append("\n" if newline or rest_of_line_follows else "")
        done = after.end()
    out.append(text[done:])
    return "".join(out)
