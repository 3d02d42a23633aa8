"""Text analysis for the search index: one fast pass that feeds every text field.

A word is a run of letters, digits and combining marks ("292-B" is read as
one word, ``292b``). Each word gets:

* a **key** for the ``body``/``title`` fields: lower case, accents folded
  (NFKD, marks dropped), Porter-stemmed for Latin-script words; Urdu and other
  Arabic-script words are normalised instead of stemmed (:func:`fold_urdu`).
  Stop words and single letters get no key of their own but keep their
  position, so proximity counts real words;
* a **pair form** (the key, or the folded word for a stop word). Wherever one
  of two adjacent words is *common* (a stop word, a single letter or one of
  the most frequent words of judgments, :data:`COMMON_WORDS`) the pair is
  indexed as one term at the first word's position ("common grams"): the
  phrase "benefit of doubt" is then the two rare terms "benefit of", "of
  doubt" at adjacent positions, never a positional merge over "of", and
  "under section" is a single term;
* a **spelling form** (the folded word), telling whether "did you mean" may
  correct it (words of letters only).

Indexing analyses a text once and hands each field its postings
(:func:`analyse`); queries and snippets use the same :func:`word_info` and
:func:`phrase_terms`, so what is indexed and what is looked up always agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from whoosh.analysis import Token, Tokenizer
from whoosh.lang.porter import stem as porter_stem

#: A word: letters/digits with their combining marks (Arabic diacritics, ZWNJ)
#: inside; a number glued by a hyphen to one or two letters ("292-B") is one word.
WORD_RE = re.compile(
    r"\d{1,6}-[^\W\d_](?![^\W\d_])"
    r"|(?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d])+"
)

#: English function words: not indexed on their own, kept in positions and pairs.
EN_STOP = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "could", "did", "do", "does",
    "for", "from", "had", "has", "have", "he", "her", "his", "i", "if", "in", "into", "is", "it", "its",
    "may", "might", "must", "no", "nor", "not", "of", "on", "or", "our", "shall", "she", "should", "so",
    "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "to", "upon", "us", "was", "we", "were", "what", "when", "where", "which", "who", "whom", "will",
    "with", "would", "you", "your",
})

#: Urdu function words (after normalisation), treated like English stop words.
UR_STOP_RAW = """
کے کی کا کو سے میں نے اور ہے ہیں تھا تھی تھے ہو ہوا ہوئی ہوئے پر یہ وہ اس ان جو کہ بھی تو
ایک یا گیا گئی گئے کر کیا کرنے ہی
"""

#: The most frequent content words of Pakistani judgments (measured on the shared
#: corpus): with the stop words they form indexed word pairs (see above). Stop
#: words make most pairs; these few add ~8% more and make "high court" or
#: "learned counsel" a single term look-up.
COMMON_LEGAL = frozenset({
    "court", "courts", "case", "cases", "under", "section", "learned", "order", "act", "petitioner",
    "accused", "evidence", "respondent", "appellant", "prosecution", "against", "judgment", "trial",
    "state", "judge", "counsel", "police", "high", "law", "also", "said", "same", "above", "namely",
    "sessions", "sentence", "imprisonment", "doubt", "mst", "vs", "versus",
})

#: Word pairs are indexed with this prefix, so they sort apart from single words
#: (prefix searches over words never wade through pairs).
PAIR_MARK = "_"

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")

# Urdu/Arabic-script normalisation after NFKD (which already splits hamza and
# madda off their carriers and maps presentation forms to letters).
_UR_TABLE = {
    # yeh forms (Arabic yeh, alef maksura, yeh barree, Pashto yehs) -> Farsi yeh
    "\u064a": "\u06cc", "\u0649": "\u06cc", "\u06d2": "\u06cc", "\u06cd": "\u06cc", "\u06d0": "\u06cc",
    "\u06d3": "\u06cc",
    # kaf forms -> keheh
    "\u0643": "\u06a9", "\u06aa": "\u06a9",
    # heh forms (Arabic heh, do-chashmi heh, heh goal with hamza, ae) -> heh goal
    "\u0647": "\u06c1", "\u06be": "\u06c1", "\u06c0": "\u06c1", "\u06c2": "\u06c1", "\u06d5": "\u06c1",
    # teh marbuta -> teh marbuta goal
    "\u0629": "\u06c3",
    # alef forms -> alef
    "\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627",
    # hamza on carriers -> carrier; standalone hamza, tatweel and joiners dropped
    "\u0624": "\u0648", "\u0626": "\u06cc", "\u0621": None, "\u0640": None,
    "\u200c": None, "\u200d": None,
}
# Arabic-Indic and extended (Urdu) digits -> ASCII digits.
_UR_TABLE.update({chr(0x0660 + i): str(i) for i in range(10)})
_UR_TABLE.update({chr(0x06F0 + i): str(i) for i in range(10)})
_UR_TRANS = str.maketrans(_UR_TABLE)


def _drop_marks(text: str) -> str:
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def fold(word: str) -> str:
    """Lower case, accents and Arabic diacritics dropped, Urdu letter forms folded."""
    lowered = word.lower()
    if lowered.isascii():
        return lowered
    folded = _drop_marks(unicodedata.normalize("NFKD", lowered))
    return folded.translate(_UR_TRANS)


def fold_urdu(text: str) -> str:
    """The Urdu normalisation alone: yeh, kaf, heh and hamza forms folded, diacritics dropped.

    >>> fold_urdu("كتاب") == fold_urdu("کتاب")
    True
    """
    return fold(text)


UR_STOP = frozenset(fold(w) for w in UR_STOP_RAW.split())


def is_arabic_script(word: str) -> bool:
    return _ARABIC_SCRIPT.search(word) is not None


@dataclass(frozen=True, slots=True)
class WordInfo:
    """What the index makes of one word (see the module docstring)."""

    key: str | None  #: body/title term, None for a stop word or single letter
    pair: str  #: the form used in word-pair terms
    urdu: bool  #: Arabic-script word (indexed in ``body_ur``)
    spell: str | None  #: the folded word when "did you mean" may correct it
    common: bool  #: forms indexed pairs with its neighbours


_cache: dict[str, WordInfo] = {}
_CACHE_LIMIT = 400_000


def word_info(word: str) -> WordInfo:
    """Analyse one word (as matched by :data:`WORD_RE`); cached."""
    info = _cache.get(word)
    if info is not None:
        return info
    folded = fold(word)
    if not folded:
        info = WordInfo(None, word.lower(), False, None, True)
    elif is_arabic_script(folded):
        stop = folded in UR_STOP or len(folded) == 1
        info = WordInfo(None if stop else folded, folded, True,
                        None if stop or len(folded) < 3 or len(folded) > 30 else folded, stop)
    elif folded in EN_STOP or (len(folded) == 1 and not folded.isdigit()):
        info = WordInfo(None, folded, False, None, True)
    else:
        key = porter_stem(folded) if folded.isalpha() and folded.isascii() else folded
        # "292-B" is one word, indexed as "292b"
        key = key.replace("-", "")
        spell = folded if folded.isalpha() and 3 <= len(folded) <= 30 else None
        info = WordInfo(key, key, False, spell, folded in COMMON_LEGAL)
    if len(_cache) >= _CACHE_LIMIT:
        _cache.clear()
    _cache[word] = info
    return info


def words(text: str) -> list[str]:
    """The words of ``text`` in order."""
    return WORD_RE.findall(text)


def word_spans(text: str) -> Iterator[tuple[int, int, WordInfo]]:
    """``(start, end, info)`` for every word of ``text`` (for snippets)."""
    for match in WORD_RE.finditer(text):
        yield match.start(), match.end(), word_info(match.group())


@dataclass
class Analysed:
    """Postings of one text for each text field: term -> positions."""

    body: dict[str, list[int]] = field(default_factory=dict)
    body_ur: dict[str, list[int]] = field(default_factory=dict)


def analyse(text: str, grams: bool = True) -> Analysed:
    """One pass over ``text`` producing the postings of every text field."""
    body: defaultdict[str, list[int]] = defaultdict(list)
    body_ur: defaultdict[str, list[int]] = defaultdict(list)
    previous: WordInfo | None = None
    info_of = word_info
    for pos, word in enumerate(WORD_RE.findall(text)):
        info = info_of(word)
        key = info.key
        target = body_ur if info.urdu else body
        if key is not None:
            target[key].append(pos)
        if grams and previous is not None and (previous.common or info.common) and (
                previous.urdu == info.urdu):
            target[f"{PAIR_MARK}{previous.pair} {info.pair}"].append(pos - 1)
        previous = info
    return Analysed(dict(body), dict(body_ur))


def phrase_terms(infos: list[WordInfo]) -> list[str] | None:
    """The terms, one per position, that an exact phrase of these words is indexed as.

    Pairs where a common word is involved, single keys elsewhere (the last
    word only when no pair covers it). None when the phrase has no indexed term.
    """
    n = len(infos)
    if n == 0:
        return None
    if n == 1:
        return [infos[0].key] if infos[0].key else None
    out: list[str] = []
    for i, info in enumerate(infos):
        if i + 1 < n:
            nxt = infos[i + 1]
            if info.common or nxt.common:
                out.append(f"{PAIR_MARK}{info.pair} {nxt.pair}")
            elif info.key is not None:
                out.append(info.key)
            else:
                return None
        else:
            prev = infos[i - 1]
            if not (prev.common or info.common):
                if info.key is None:
                    return None
                out.append(info.key)
    return out


_NAME_SEP = "\n\n"


def name_words(text: str) -> list[str]:
    """Keys of a name field (court, judge, party, seat): folded, unstemmed, every word."""
    return [fold(w) for w in WORD_RE.findall(text)]


# -- whoosh analyzers (query parsing, more-like-this); indexing bypasses them ------------


class LawTokenizer(Tokenizer):
    """A whoosh tokenizer giving the keys of one flavour: ``en``, ``ur``, ``names``.

    Stop words are dropped (``removestops``) or yielded with ``stopped=True``,
    and positions always count them, as in the index.
    """

    def __init__(self, flavour: str) -> None:
        self.flavour = flavour

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LawTokenizer) and other.flavour == self.flavour

    def __hash__(self) -> int:
        return hash(("LawTokenizer", self.flavour))

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        flavour = self.flavour
        for pos, match in enumerate(WORD_RE.finditer(value)):
            word = match.group()
            if flavour == "names":
                text: str | None = fold(word)
            else:
                info = word_info(word)
                if flavour == "ur":
                    text = info.key if info.urdu else None
                else:
                    text = info.key if not info.urdu else None
            if text is None:
                if removestops:
                    continue
                token.stopped = True
                token.text = fold(word)
            else:
                token.stopped = False
                token.text = text
            token.boost = 1.0
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token
