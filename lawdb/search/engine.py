"""Evaluating a compiled query over the segments of a Whoosh index, fast.

Whoosh evaluates a query document by document through a tree of matchers,
in Python, and scores every matching document that way; on a collection of
judgments where a frequent word matches half the documents, that is most of
the time of a search. Here each segment is evaluated with whole posting
lists instead:

* :meth:`Segment.ids`: the set of matching document numbers, from the
  postings read block by block and combined as Python sets (C speed);
* phrases and proximity are checked only on the documents that contain all
  their words, reading positions for those documents alone; a phrase checks
  just enough of its terms (the rarest first) to pin every word;
* :meth:`Segment.scores`: BM25F over the same posting lists, computed only
  for the matching documents;
* every loop checks a deadline and raises :class:`Deadline` when it passes.

Anything this module does not know falls back to Whoosh's own matchers, so a
query always gets an answer.
"""

from __future__ import annotations

import math
import threading
import time
from array import array
from collections import OrderedDict
from collections.abc import Iterable
from itertools import accumulate

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.query.spans import SpanNear2
from whoosh.util.numeric import byte_to_length

from lawdb.search.matching import Require
from lawdb.search.schema import decode_compact, decode_deltas

K1 = 1.2
B = 0.75
_BYTE_LENGTHS = [byte_to_length(i) for i in range(256)]


class Deadline(Exception):
    """The search ran out of time."""


def postings(reader, fieldname: str, text, want_weights: bool = True,
             want_values: bool = False) -> tuple[list[int], list[float], list[bytes] | None]:
    """Document numbers, weights (and raw values) of one term in one segment, deletions included."""
    btext = text.encode("utf-8") if isinstance(text, str) else text
    if (fieldname, btext) not in reader:
        return [], [], [] if want_values else None
    terms = getattr(reader, "_terms", None)
    ids: list[int] = []
    weights: list[float] = []
    values: list[bytes] | None = [] if want_values else None
    if terms is not None:
        m = terms.matcher(fieldname, btext, reader.schema[fieldname].format)
        if hasattr(m, "_read_ids") and hasattr(m, "_next_block"):
            while m.is_active():
                if m._ids is None:
                    m._read_ids()
                ids.extend(m._ids)
                if want_weights:
                    if m._weights is None:
                        m._read_weights()
                    weights.extend(m._weights)
                if values is not None:
                    if m._values is None:
                        m._read_values()
                    values.extend(m._values)
                m._next_block()
            return ids, weights, values
        # rare terms are kept inline in the term dictionary (a list matcher)
        inner_ids = getattr(m, "_ids", None)
        if inner_ids is not None:
            ids = list(inner_ids)
            if want_weights:
                w = getattr(m, "_weights", None)
                all_w = getattr(m, "_all_weights", None)
                weights = list(w) if w else [all_w or 1.0] * len(ids)
            if values is not None:
                values = list(getattr(m, "_values", None) or [])
                if len(values) != len(ids):
                    values = _values_by_matcher(reader, fieldname, btext)
            return ids, weights, values
    m = reader.postings(fieldname, btext)
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        if values is not None:
            values.append(m.value())
        m.next()
    return ids, weights, values


def _values_by_matcher(reader, fieldname: str, btext: bytes) -> list[bytes]:
    m = reader.postings(fieldname, btext)
    out = []
    while m.is_active():
        out.append(m.value())
        m.next()
    return out


def decode_positions(value: bytes) -> list[int]:
    """Positions from a posting value of lawdb's text fields (see ``CompactPositions``)."""
    return decode_compact(value)


class PostingsCache:
    """Decoded posting lists of recently used terms, bounded by their total number of postings.

    Segments never change once written (deletions are applied separately),
    so a segment's decoded postings stay valid as long as the segment exists;
    a frequent word searched again skips the decompressing and unpickling.
    Only lists of at least :attr:`min_size` postings are kept: short ones
    are cheap to read.
    """

    def __init__(self, capacity: int = 8_000_000, min_size: int = 2_000) -> None:
        self.capacity = capacity
        self.min_size = min_size
        self._items: OrderedDict = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found[0]
        return None

    def put(self, key, value, size: int) -> None:
        if size < self.min_size or size > self.capacity // 4:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = (value, size)
            self._size += size
            while self._size > self.capacity and self._items:
                _key, (_value, old) = self._items.popitem(last=False)
                self._size -= old

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0


#: Shared by every search of the process (64 MB when full: ids and weights packed).
POSTINGS_CACHE = PostingsCache()


class Segment:
    """One segment's share of a search: matching sets, positions, scores."""

    def __init__(self, searcher, deadline: float, columns=None) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.deadline = deadline
        self.columns = columns  # per-segment cache (dict) for field lengths
        self._universe: set[int] | None = None
        self._postings: dict[tuple[str, str], tuple[list[int], list[float]]] = {}

    # -- helpers ---------------------------------------------------------------------------

    def check(self) -> None:
        if time.perf_counter() > self.deadline:
            raise Deadline

    def universe(self) -> set[int]:
        if self._universe is None:
            self._universe = set(range(self.reader.doc_count_all()))
        return self._universe

    def df(self, fieldname: str, text: str) -> int:
        try:
            return self.reader.doc_frequency(fieldname, text)
        except Exception:
            return 0

    def term_postings(self, fieldname: str, text: str) -> tuple[list[int], list[float]]:
        key = (fieldname, text)
        found = self._postings.get(key)
        if found is None:
            segment_id = getattr(self.reader, "_segid", None)
            cache_key = (segment_id, fieldname, text) if segment_id else None
            found = POSTINGS_CACHE.get(cache_key) if cache_key else None
            if found is None:
                ids, weights, _values = postings(self.reader, fieldname, text)
                found = (ids, weights)
                if cache_key and len(ids) >= POSTINGS_CACHE.min_size:
                    # packed: 8 bytes a posting
                    POSTINGS_CACHE.put(cache_key, (array("i", ids), array("f", weights)), len(ids))
            self._postings[key] = found
        return found

    def term_ids(self, fieldname: str, text: str) -> list[int]:
        return self.term_postings(fieldname, text)[0]

    def size(self, q) -> int:
        if isinstance(q, wq.Term):
            return self.df(q.fieldname, q.text)
        if isinstance(q, wq.Phrase):
            return min((self.df(q.fieldname, w) for w in q.words), default=0)
        try:
            return q.estimate_size(self.reader)
        except Exception:
            return 1 << 30

    # -- matching sets --------------------------------------------------------------------------

    def ids(self, q) -> set[int]:
        """Document numbers matching ``q`` (deleted documents included: remove them once)."""
        self.check()
        if isinstance(q, wq.Term):
            return set(self.term_ids(q.fieldname, q.text))
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return set()
        if isinstance(q, wq.Every):
            return set(self.universe())
        if isinstance(q, wq.Or):
            out: set[int] = set()
            for sub in q.subqueries:
                out |= self.ids(sub)
            return out
        if isinstance(q, wq.Require):
            return self.intersect([q.a, q.b])
        if isinstance(q, wq.And):
            return self.intersect(list(q.subqueries))
        if isinstance(q, wq.Not):
            return self.universe() - self.ids(q.query)
        if isinstance(q, wq.Phrase):
            return self.phrase(q.fieldname, list(q.words), None)
        if isinstance(q, SpanNear2) and all(isinstance(t, wq.Term) for t in q.qs):
            fields = {t.fieldname for t in q.qs}
            if len(fields) == 1 and not q.ordered:
                return self.phrase(fields.pop(), [t.text for t in q.qs], q.slop)
        if isinstance(q, wq.NumericRange):
            try:
                return self.ids(q._compile_query(self.reader))
            except Exception:
                pass
        matcher = q.matcher(self.searcher, self.searcher.boolean_context())
        return set(matcher.all_ids())

    def intersect(self, subs: list, candidates: set[int] | None = None) -> set[int]:
        positive = [s for s in subs if not isinstance(s, wq.Not)]
        negative = [s.query for s in subs if isinstance(s, wq.Not)]
        if candidates is not None:
            result = set(candidates)
        elif not positive:
            result = set(self.universe())
        else:
            positive.sort(key=self.size)
            result = self.ids(positive.pop(0))
        for sub in positive:
            if not result:
                return result
            result = self.restrict(sub, result)
        for sub in negative:
            if not result:
                break
            result -= self.restrict(sub, result)
        return result

    def restrict(self, q, candidates: set[int]) -> set[int]:
        """The candidates that ``q`` matches (cheaply when there are few candidates)."""
        if isinstance(q, (wq.Phrase, SpanNear2)):
            return self.ids_within(q, candidates)
        if self.size(q) > 16 * len(candidates) and not isinstance(q, (wq.Or, wq.And, wq.Require)):
            return self.filter(q, candidates)
        return candidates & self.ids(q)

    def ids_within(self, q, candidates: set[int]) -> set[int]:
        if isinstance(q, wq.Phrase):
            return self.phrase(q.fieldname, list(q.words), None, candidates)
        if isinstance(q, SpanNear2) and all(isinstance(t, wq.Term) for t in q.qs) and not q.ordered:
            fields = {t.fieldname for t in q.qs}
            if len(fields) == 1:
                return self.phrase(fields.pop(), [t.text for t in q.qs], q.slop, candidates)
        return candidates & self.ids(q)

    def filter(self, q, candidates: set[int]) -> set[int]:
        """The candidates ``q`` matches, skipping through its matcher."""
        matcher = q.matcher(self.searcher, self.searcher.boolean_context())
        kept = set()
        for n, doc in enumerate(sorted(candidates)):
            if not matcher.is_active():
                break
            if matcher.id() < doc:
                matcher.skip_to(doc)
                if not matcher.is_active():
                    break
            if matcher.id() == doc:
                kept.add(doc)
            if n & 1023 == 1023:
                self.check()
        return kept

    # -- phrases and proximity --------------------------------------------------------------------

    def raw_positions(self, fieldname: str, text: str, docs: set[int]) -> dict[int, bytes]:
        """Encoded positions of a term in each of ``docs`` that contains it (decoded on demand).

        Few documents: skip to each; many: read the whole posting list once.
        """
        if len(docs) * 8 < self.df(fieldname, text):
            return self._positions_by_skipping(fieldname, text, sorted(docs))
        ids, _weights, values = postings(self.reader, fieldname, text, want_weights=False,
                                         want_values=True)
        self.check()
        return {doc: value for doc, value in zip(ids, values, strict=False) if doc in docs}

    def _positions_by_skipping(self, fieldname: str, text: str, docs: list[int]) -> dict[int, bytes]:
        out: dict[int, bytes] = {}
        btext = text.encode("utf-8")
        if (fieldname, btext) not in self.reader:
            return out
        matcher = self.reader.postings(fieldname, btext)
        for n, doc in enumerate(docs):
            if not matcher.is_active():
                break
            if matcher.id() < doc:
                matcher.skip_to(doc)
                if not matcher.is_active():
                    break
            if matcher.id() == doc:
                out[doc] = matcher.value()
            if n & 511 == 511:
                self.check()
        return out

    def phrase(self, fieldname: str, terms: list[str], slop: int | None,
               candidates: set[int] | None = None) -> set[int]:
        """Documents with ``terms`` at consecutive positions (``slop`` None), or all within a window.

        For an exact phrase each term pins one or two words (a word pair pins
        two), so only the rarest terms that pin every word are checked, rarest
        first, and a document is dropped at the first term that rules it out.
        """
        if not terms:
            return set()
        indexed = list(enumerate(terms))
        if slop is None:
            pins = {j: {j, j + 1} if " " in t else {j} for j, t in indexed}
            needed = set().union(*pins.values())
            chosen: list[tuple[int, str]] = []
            covered: set[int] = set()
            for j, t in sorted(indexed, key=lambda jt: self.df(fieldname, jt[1])):
                if not pins[j] <= covered:
                    chosen.append((j, t))
                    covered |= pins[j]
                if covered >= needed:
                    break
        else:
            chosen = indexed
        order = sorted(chosen, key=lambda jt: self.df(fieldname, jt[1]))
        docs = set(candidates) if candidates is not None else None
        for _j, t in order:
            ids = self.term_ids(fieldname, t)
            docs = set(ids) if docs is None else docs.intersection(ids)
            if not docs:
                return set()
        self.check()
        if len(order) == 1 and slop is None:
            return docs
        encoded = [(j, self.raw_positions(fieldname, t, docs)) for j, t in order]
        found = set()
        window = None if slop is None else slop + len(chosen) - 2
        for n, doc in enumerate(docs):
            if n & 1023 == 1023:
                self.check()
            if window is None:
                starts: set[int] | None = None
                for j, values in encoded:
                    value = values.get(doc)
                    if value is None:
                        starts = None
                        break
                    here = {pos - j for pos in accumulate(decode_deltas(value))}
                    starts = here if starts is None else starts & here
                    if not starts:
                        break
                if starts:
                    found.add(doc)
            else:
                values = [v.get(doc) for _j, v in encoded]
                if None not in values and _within_window([decode_positions(v) for v in values], window):
                    found.add(doc)
        return found

    # -- scores ------------------------------------------------------------------------------------

    def field_lengths(self, fieldname: str) -> list[int] | None:
        cache = self.columns if self.columns is not None else {}
        key = "_len_" + fieldname
        if key not in cache:
            lengths = None
            perdoc = getattr(self.reader, "_perdoc", None)
            if perdoc is not None and self.reader.schema[fieldname].scorable:
                column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
                if column is not None:
                    try:
                        raw = column._dbfile.get(column._basepos, column._count)
                        lengths = [_BYTE_LENGTHS[b] for b in raw]
                    except AttributeError:
                        lengths = None
            cache[key] = lengths
        return cache[key]

    def norms(self, fieldname: str, avgfl: float) -> list[float] | None:
        """BM25's length normalisation ``K1 * (1 - B + B * length / avgfl)`` of every document."""
        cache = self.columns if self.columns is not None else {}
        key = ("_norm_", fieldname, round(avgfl, 3))
        found = cache.get(key)
        if found is None:
            lengths = self.field_lengths(fieldname)
            if lengths is None or avgfl <= 0:
                return None
            a, b = K1 * (1 - B), K1 * B / avgfl
            found = cache[key] = [a + b * length for length in lengths]
        return found

    def scores(self, leaves: Iterable[tuple[str, str, float, float, float]],
               docs: set[int]) -> dict[int, float]:
        """BM25F of ``docs`` for the scored terms ``(field, text, boost, idf, avg length)``."""
        out: dict[int, float] = {}
        for fieldname, text, boost, idf, avgfl in leaves:
            self.check()
            if idf <= 0:
                continue
            ids, weights = self.term_postings(fieldname, text)
            if not ids:
                continue
            factor = idf * boost * (K1 + 1)
            norms = self.norms(fieldname, avgfl)
            if norms is None or len(norms) < self.reader.doc_count_all():
                part = {doc: factor * tf / (tf + K1)
                        for doc, tf in zip(ids, weights, strict=False) if doc in docs}
            else:
                part = {doc: factor * tf / (tf + norms[doc])
                        for doc, tf in zip(ids, weights, strict=False) if doc in docs}
            if not out:
                out = part
            else:
                get = out.get
                for doc, value in part.items():
                    out[doc] = get(doc, 0.0) + value
        return out


def _within_window(lists: list[list[int]], window: int) -> bool:
    """Whether one position from each list fits in ``window`` + 1 consecutive positions."""
    merged = sorted((pos, k) for k, ps in enumerate(lists) for pos in ps)
    need = len(lists)
    counts = [0] * need
    have = 0
    lo = 0
    for hi in range(len(merged)):
        pos, k = merged[hi]
        if counts[k] == 0:
            have += 1
        counts[k] += 1
        while have == need:
            if pos - merged[lo][0] <= window:
                return True
            k0 = merged[lo][1]
            counts[k0] -= 1
            if counts[k0] == 0:
                have -= 1
            lo += 1
    return False


def scored_terms(q, boost: float = 1.0) -> list[tuple[str, str, float]]:
    """The terms of ``q`` that count towards relevance, with their boosts."""
    boost = boost * getattr(q, "boost", 1.0)
    if isinstance(q, wq.Term):
        return [(q.fieldname, q.text, boost)]
    if isinstance(q, (Require, wq.Require)):
        return scored_terms(q.a, boost)
    if isinstance(q, wq.Not):
        return []
    if isinstance(q, (wq.Or, wq.And)):
        return [t for sub in q.subqueries for t in scored_terms(sub, boost)]
    if isinstance(q, wq.Phrase):
        return [(q.fieldname, w, boost) for w in q.words]
    if isinstance(q, SpanNear2):
        return [t for sub in q.qs for t in scored_terms(sub, boost)]
    return []


def idf(df: int, n: int) -> float:
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5)) if df else 0.0


__all__ = ["Deadline", "Segment", "decode_positions", "idf", "postings", "scored_terms"]
