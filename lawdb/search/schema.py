"""The Whoosh schema: one index document per legal document.

Text fields are indexed from one analysis pass per text (see
`lawdb.search.analysis`): ``body`` and ``body_ur`` both
receive the same string and share one analysis. Page texts are stored,
compressed, so every snippet can name its page without a database round trip.

Facet values live in columns (one value per document, read into memory once
per segment), so counting facets over thousands of hits is a C-speed tally.
"""

from __future__ import annotations

import sys
import threading
from array import array
from itertools import accumulate

from whoosh import columns, fields, formats
from whoosh.system import pack_uint

from lawdb.search.analysis import Analysed, LawTokenizer, analyse, name_words

#: Bumped when the schema or the analysis changes: an index built by another
#: version is rebuilt by ``lawdb reindex`` (``ensure_index`` says so).
SCHEMA_VERSION = 1

# One-entry memo per thread: the writer calls body and body_ur in turn with
# the very same string object; analyse it once.
_memo = threading.local()


def _analysed(value: str) -> Analysed:
    if getattr(_memo, "text", None) is not value:
        _memo.text = value
        _memo.analysed = analyse(value)
    return _memo.analysed


class CompactPositions(formats.Positions):
    """Whoosh's ``Positions`` with the position deltas stored as packed 32-bit integers.

    Whoosh pickles each posting's list of deltas; decoding that dominated the
    cost of phrase and proximity checks. Packed integers decode at C speed
    (``array`` plus ``itertools.accumulate``); blocks are compressed anyway.
    """

    def encode(self, poslist):
        deltas = array("I")
        base = 0
        for pos in poslist:
            deltas.append(pos - base)
            base = pos
        if _BIG_ENDIAN:
            deltas.byteswap()
        return pack_uint(len(deltas)) + deltas.tobytes()

    def decode_positions(self, valuestring):
        return decode_compact(valuestring)

    def combine(self, vs):
        merged: set[int] = set()
        for v in vs:
            merged.update(self.decode_positions(v))
        return self.encode(sorted(merged))


def decode_deltas(valuestring: bytes) -> array:
    """The position deltas of a :class:`CompactPositions` value."""
    deltas = array("I")
    deltas.frombytes(valuestring[4:])
    if _BIG_ENDIAN:
        deltas.byteswap()
    return deltas


def decode_compact(valuestring: bytes) -> list[int]:
    """Positions from a :class:`CompactPositions` value."""
    return list(accumulate(decode_deltas(valuestring)))


_BIG_ENDIAN = sys.byteorder == "big"


class AnalysedText(fields.TEXT):
    """A text field indexed from the shared analysis (``flavour`` picks its postings)."""

    def __init__(self, flavour: str, *, stored: bool = False, phrase: bool = True,
                 field_boost: float = 1.0) -> None:
        super().__init__(analyzer=LawTokenizer({"body": "en", "body_ur": "ur", "title": "en"}.get(
            flavour, flavour)), phrase=phrase, stored=stored, field_boost=field_boost)
        self.flavour = flavour
        if phrase:
            self.format = CompactPositions(field_boost=field_boost)

    def index(self, value, **kwargs):
        if not isinstance(value, str):
            value = "\n\n".join(value)
        flavour = self.flavour
        if flavour == "title":
            analysed = analyse(value, grams=False)
            # Urdu words of a title are title terms too
            postings = {**analysed.body_ur, **analysed.body}
        else:
            postings = getattr(_analysed(value), flavour)
        boost = self.format.field_boost
        if isinstance(self.format, formats.Positions):
            encode = self.format.encode
            for term, poslist in postings.items():
                yield term.encode("utf-8"), len(poslist), len(poslist) * boost, encode(poslist)
        else:
            for term, poslist in postings.items():
                yield term.encode("utf-8"), len(poslist), len(poslist) * boost, pack_uint(len(poslist))


class NameText(fields.TEXT):
    """Names (courts, seats, judges, parties): folded, unstemmed, every word, with positions.

    A list value indexes each name with a gap, so a phrase never spans two names.
    """

    def __init__(self, *, stored: bool = False) -> None:
        super().__init__(analyzer=LawTokenizer("names"), phrase=True, stored=stored)
        self.format = CompactPositions()

    def index(self, value, **kwargs):
        names = [value] if isinstance(value, str) else list(value)
        postings: dict[str, list[int]] = {}
        pos = 0
        for name in names:
            for word in name_words(name):
                postings.setdefault(word, []).append(pos)
                pos += 1
            pos += 10
        encode = self.format.encode
        for term, poslist in postings.items():
            yield term.encode("utf-8"), len(poslist), float(len(poslist)), encode(poslist)


class Keys(fields.KEYWORD):
    """Exact keys given as a list (citations, statute sections, case numbers), lower case."""

    def __init__(self, *, stored: bool = False, scorable: bool = True) -> None:
        super().__init__(stored=stored, lowercase=True, commas=True, scorable=scorable)

    def index(self, value, **kwargs):
        items = [value] if isinstance(value, str) else value
        counts: dict[str, int] = {}
        for item in items:
            key = item.strip().lower()
            if key:
                counts[key] = counts.get(key, 0) + 1
        for key, count in counts.items():
            yield key.encode("utf-8"), count, float(count), pack_uint(count)


def build_schema() -> fields.Schema:
    """The schema of a lawdb index (see ``docs/search.md`` for each field)."""
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        kind=fields.ID(stored=True, sortable=True),
        title=AnalysedText("title", stored=True),
        body=AnalysedText("body"),
        body_ur=AnalysedText("body_ur"),
        court=NameText(),
        court_name=fields.ID(stored=True, sortable=True),
        seat=NameText(stored=True),
        judge=NameText(),
        party=NameText(),
        case=Keys(),
        citation=Keys(),
        cited=Keys(),
        cites_id=Keys(scorable=False),
        statute=Keys(),
        outcome=fields.ID(stored=True),
        punishment=Keys(scorable=False),
        lang=fields.ID(stored=True),
        year=fields.ID(sortable=True),
        month=fields.ID(),
        date=fields.NUMERIC(int, bits=32, stored=True, sortable=True, signed=False),
        cited_by=fields.NUMERIC(int, bits=32, stored=True, sortable=True, signed=False),
        # multi-valued facets, as "\x1f"-joined values in a column
        f_judges=fields.COLUMN(columns.VarBytesColumn()),
        f_sections=fields.COLUMN(columns.VarBytesColumn()),
        # stored only
        version=fields.STORED(),
        meta=fields.STORED(),
        pages=fields.STORED(),
    )
