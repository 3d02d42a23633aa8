"""The embedded search backend: Whoosh (``whoosh-reloaded``) in a folder.

Layout of ``Settings.index_dir``::

    index/
      CURRENT            name of the live generation, replaced atomically
      write.lock         the one-writer lock (an OS file lock: a killed writer releases it)
      gen-000001/        a complete Whoosh index
      gen-000002/        a rebuild in progress, or the previous generation

``lawdb reindex`` builds a new generation aside and swaps ``CURRENT``, so a
search never sees a half-built index; each thread keeps its own searcher and
reopens it when ``CURRENT`` or the index's generation changes, so new
documents are visible to the next search after a commit.

Search runs in three cheap steps per index segment (:mod:`lawdb.search.engine`):
the set of matching document numbers (for the total and the facets; postings
are read block by block, not document by document), the top hits (BM25F
computed over the posting lists for the matching documents only, or a heap
over the date / citation-count column), then stored fields and snippets for
the page of hits only. Each step checks a deadline; a search that runs out
of time returns what it has, marked ``partial``. (This replaces Whoosh's
matcher-by-matcher collection, whose time limit,
``whoosh.collectors.TimeLimitCollector``, needs signals or a timer thread
per search, which a threaded web server cannot use.)
"""

from __future__ import annotations

import copy
import heapq
import logging
import os
import re
import shutil
import sys
import threading
import time
import zlib
from array import array
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import replace
from itertools import chain, islice
from operator import itemgetter
from pathlib import Path
from typing import Any

from whoosh import columns, fields, index, scoring
from whoosh import query as wq
from whoosh.util.filelock import FileLock, try_for

from lawdb.search import legal_terms
from lawdb.search import query as ast
from lawdb.search.analysis import PAIR_MARK, WORD_RE, word_info, words
from lawdb.search.backend import (
    FACETS,
    Hit,
    IndexLocked,
    IndexMissing,
    IndexSession,
    SearchBackend,
    SearchDocument,
    SearchRequest,
    SearchResponse,
    Snippet,
)
from lawdb.search.codec import open_writer
from lawdb.search.compile import Compiler, within
from lawdb.search.engine import Deadline, Segment, idf, postings, scored_terms
from lawdb.search.matching import Require
from lawdb.search.query import QueryError, parse
from lawdb.search.schema import SCHEMA_VERSION, build_schema
from lawdb.search.snippets import Highlight, make_snippets

log = logging.getLogger(__name__)

MAX_PAGE_SIZE = 100
MAX_RESULTS_DEPTH = 1000
#: Most hits :meth:`WhooshBackend.export` lists (downloads of search results).
EXPORT_LIMIT = 10_000
#: Documents per process written as one segment by a rebuild (bounded memory, no external sort).
SEGMENT_DOCS = 5000
#: Top hits re-ranked by phrase proximity, and the factor a phrase match multiplies a score by.
RESCORE_WINDOW = 50
PHRASE_BONUS = 1.5
#: "More like this" answers kept (per index generation; see WhooshBackend.more_like_this).
SIMILAR_CACHE = 1024
FACET_SIZES = {"kind": 10, "court": 15, "year": 40, "section": 20, "judge": 15}
_SEP = "\x1f"

# -- turning a SearchDocument into index fields ---------------------------------------------

def document_fields(doc: SearchDocument) -> dict[str, Any]:
    """The keyword arguments of ``writer.add_document`` for ``doc``."""
    text = "\n\n".join(doc.pages)
    sections = list(dict.fromkeys(doc.sections))
    statute_terms: dict[str, None] = {}
    for act in doc.acts:
        statute_terms[legal_terms.act_term(act)] = None
    for display in sections:
        act, _, sec = display.rpartition(":")
        statute_terms[legal_terms.section_term(act or None, sec)] = None
        statute_terms[legal_terms.section_term(None, sec)] = None
        if act:
            statute_terms[legal_terms.act_term(act)] = None
    court_names: list[str] = []
    if doc.court:
        court_names = [doc.court, *([doc.court_abbreviation] if doc.court_abbreviation else []),
                       *legal_terms.COURT_ALIASES.get(doc.court, ())]
    if doc.seat:
        court_names.append(doc.seat)
    case_keys: list[str] = []
    for case in doc.case_numbers:
        case_keys.extend(legal_terms.case_keys(case.number, case.suffix, case.year, case.case_type))
    meta = {
        "court": doc.court, "seat": doc.seat, "judges": doc.judges, "parties": doc.parties,
        "citations": doc.citations, "cited": doc.cited, "cited_ids": doc.cited_ids,
        "cases": [c.raw for c in doc.case_numbers], "sections": sections,
        "date": doc.date.isoformat() if doc.date else None, "punishments": doc.punishments,
    }
    fields: dict[str, Any] = {
        "id": str(doc.id),
        "kind": doc.kind,
        "title": doc.title or "",
        "body": text, "body_ur": text,
        "court": court_names or None,
        "court_name": doc.court or None,
        "seat": doc.seat or None,
        "judge": doc.judges or None,
        "party": doc.parties or None,
        "case": case_keys or None,
        "citation": [c.lower() for c in doc.citations] or None,
        "cited": [c.lower() for c in doc.cited] or None,
        "cites_id": [str(i) for i in doc.cited_ids] or None,
        "statute": list(statute_terms) or None,
        "outcome": doc.outcome or None,
        "punishment": doc.punishments or None,
        "lang": doc.language or None,
        "cited_by": int(doc.cited_by),
        "f_judges": _SEP.join(doc.judges).encode("utf-8"),
        "f_sections": _SEP.join(sections).encode("utf-8"),
        "version": int(doc.version),
        "meta": meta,
        "pages": zlib.compress("\x0c".join(doc.pages).encode("utf-8"), 3),
    }
    if doc.date:
        fields["year"] = str(doc.date.year)
        fields["month"] = f"{doc.date.year}{doc.date.month:02d}"
        fields["date"] = doc.date.year * 10000 + doc.date.month * 100 + doc.date.day
    return {k: v for k, v in fields.items() if v is not None}


def stored_pages(stored: dict[str, Any]) -> list[str]:
    blob = stored.get("pages")
    if not blob:
        return []
    return zlib.decompress(blob).decode("utf-8").split("\x0c")


# -- matching document sets ----------------------------------------------------------------------

# -- per-segment columns for facets and sorting ---------------------------------------------

_column_cache: dict[tuple[str, str], dict[str, list]] = {}
_column_lock = threading.Lock()
#: Per index directory and facet group, the distinct value combinations seen in its segments,
#: each numbered once (a combination's number is its position): every segment codes its
#: documents with these numbers, so one search counts numbers across all segments and spreads
#: each combination's count over its values once, not once per segment.
_combo_tables: dict[tuple[str, str], tuple[dict[Any, int], list[Any]]] = {}


def _combo_codes(path: str, group: str, combos: Iterable[Any]) -> list[int]:
    """Number each combination in ``combos`` in the index-wide table of ``group`` (see above)."""
    with _column_lock:
        numbers, table = _combo_tables.setdefault((path, group), ({}, []))
        out = []
        for combo in combos:
            code = numbers.get(combo)
            if code is None:
                code = numbers[combo] = len(table)
                table.append(combo)
            out.append(code)
        return out


def _column_values(reader, name: str) -> list | None:
    """Every document's value of a column, read in bulk (Whoosh reads one value at a time)."""
    if not reader.has_column(name):
        return None
    field = reader.schema[name]
    raw_reader = reader.column_reader(name, translate=False)
    count = reader.doc_count_all()
    try:
        if isinstance(raw_reader, columns.VarBytesColumn.Reader):
            lengths = raw_reader._lengths
            blob = raw_reader._dbfile.get(raw_reader._basepos, sum(lengths))
            out, pos = [], 0
            for length in lengths:
                out.append(blob[pos:pos + length])
                pos += length
            values = out
        elif isinstance(raw_reader, columns.NumericColumn.Reader):
            numbers = array(raw_reader._typecode)
            numbers.frombytes(raw_reader._dbfile.get(raw_reader._basepos,
                                                     raw_reader._count * raw_reader._fixedlen))
            if sys.byteorder == "little":
                numbers.byteswap()  # stored in network order
            values = list(numbers) + [raw_reader._default] * (count - len(numbers))
        else:
            values = list(raw_reader)
    except (AttributeError, TypeError, ValueError):
        values = list(raw_reader)
    if isinstance(field, (fields.ID, fields.NUMERIC)):
        convert = field.from_column_value
        values = [convert(v) for v in values]
    return values


def _columns(path: str, reader) -> dict[str, list]:
    """A segment's sort values (``date``, ``cited_by``) and facet values coded as numbers.

    Facets: each document's (kind, court, year) and its combination of sections
    are one number each, and its bench a tuple of judge numbers, numbered in the
    index-wide tables of :data:`_combo_tables`; counting is then a C-speed pass
    over numbers (they hash at once; tuples would be hashed again on every count).
    """
    key = (path, reader._segid if hasattr(reader, "_segid") else str(id(reader)))
    cached = _column_cache.get(key)
    if cached is not None:
        return cached
    data: dict[str, list] = {}
    count = reader.doc_count_all()
    raw: dict[str, list] = {}
    for name in ("kind", "court_name", "year", "date", "cited_by"):
        values = _column_values(reader, name)
        raw[name] = values if values is not None else [None] * count
    # a missing number reads as the column's maximum: undated documents sort last, not first
    data["date"] = [v if v is not None and v <= 99991231 else 0 for v in raw["date"]]
    data["cited_by"] = [v if v is not None and v < 4294967295 else 0 for v in raw["cited_by"]]
    for name, facet in (("f_judges", "judge"), ("f_sections", "section")):
        values = _column_values(reader, name)
        raw[facet] = [tuple(v.decode("utf-8").split(_SEP)) if v else () for v in values] if values else (
            [()] * count)
    data["_code_kcy"] = _combo_codes(path, "kcy",
                                     zip(raw["kind"], raw["court_name"], raw["year"], strict=True))
    # sections: few distinct combinations, so a combination is numbered
    data["_code_section"] = _combo_codes(path, "section", raw["section"])
    # benches combine too freely to number: each judge is numbered, each document holds its
    # bench as a (shared) tuple of numbers, counted one judge at a time
    numbers = iter(_combo_codes(path, "judge", chain.from_iterable(raw["judge"])))
    benches: dict = {}
    data["_code_judge"] = [benches.setdefault(bench := tuple(islice(numbers, len(v))), bench)
                           for v in raw["judge"]]
    with _column_lock:
        if len(_column_cache) > 256:
            _column_cache.clear()
        _column_cache[key] = data
    return data


# -- the backend ------------------------------------------------------------------------------------

_GEN_RE = re.compile(r"gen-(\d{6})$")


class WhooshBackend(SearchBackend):
    """Whoosh in ``index_dir`` (see the module docstring for the layout)."""

    def __init__(self, index_dir: str | os.PathLike[str]) -> None:
        self.root = Path(index_dir)
        self.schema = build_schema()
        self._local = threading.local()
        self._similar: OrderedDict[tuple, SearchResponse] = OrderedDict()
        self._similar_lock = threading.Lock()

    # -- generations and locking ----------------------------------------------------------

    @property
    def _pointer(self) -> Path:
        return self.root / "CURRENT"

    def current_path(self) -> Path | None:
        try:
            name = self._pointer.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        if not _GEN_RE.fullmatch(name):
            return None
        path = self.root / name
        return path if path.is_dir() else None

    def exists(self) -> bool:
        path = self.current_path()
        return path is not None and index.exists_in(str(path))

    def schema_version(self) -> int | None:
        path = self.current_path()
        if path is None:
            return None
        try:
            return int((path / "SCHEMA_VERSION").read_text().strip())
        except (FileNotFoundError, ValueError):
            return None

    def _new_generation(self) -> Path:
        numbers = [int(m.group(1)) for p in self.root.glob("gen-*") if (m := _GEN_RE.search(p.name))]
        path = self.root / f"gen-{max(numbers, default=0) + 1:06d}"
        path.mkdir(parents=True)
        index.create_in(str(path), self.schema)
        (path / "SCHEMA_VERSION").write_text(str(SCHEMA_VERSION))
        return path

    def _swap(self, path: Path) -> None:
        tmp = self.root / "CURRENT.tmp"
        tmp.write_text(path.name, encoding="utf-8")
        os.replace(tmp, self._pointer)

    def _cleanup(self, keep: Sequence[Path]) -> None:
        """Remove generations other than ``keep`` (the live and the previous one)."""
        names = {p.name for p in keep}
        for path in self.root.glob("gen-*"):
            if path.name not in names and path.is_dir():
                shutil.rmtree(path, ignore_errors=True)

    @contextmanager
    def _lock(self, timeout: float):
        self.root.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.root / "write.lock"))
        if not try_for(lock.acquire, timeout=max(0.0, timeout), delay=0.05):
            raise IndexLocked(f"the search index {self.root} is being written by another process; "
                              f"gave up after {timeout:g} s")
        try:
            yield
        finally:
            lock.release()

    def create(self) -> None:
        if self.exists():
            return
        with self._lock(30.0):
            if not self.exists():
                path = self._new_generation()
                self._swap(path)

    # -- writing --------------------------------------------------------------------------------

    @contextmanager
    def writing(self, timeout: float = 30.0):
        with self._lock(timeout):
            path = self.current_path()
            if path is None:
                path = self._new_generation()
                self._swap(path)
            ix = index.open_dir(str(path))
            session = _WhooshSession(ix, timeout)
            try:
                yield session
            except BaseException:
                session.cancel()
                raise
            else:
                session.commit()

    def rebuild(self, documents: Iterable[SearchDocument], *, timeout: float = 30.0, procs: int = 1,
                after=None, limitmb: int = 1024, segment_docs: int = SEGMENT_DOCS) -> int:
        """See :meth:`SearchBackend.rebuild`. Every ``segment_docs`` documents per process are
        committed as segments of their own, so the writers' memory stays bounded and no
        posting is ever sorted on disk."""
        with self._lock(timeout):
            previous = self.current_path()
            path = self._new_generation()
            ix = index.open_dir(str(path))
            count = 0
            chunk = max(1, segment_docs) * max(1, procs)
            try:
                writer = open_writer(ix, procs=procs, limitmb=limitmb)
                try:
                    for doc in documents:
                        writer.add_document(**document_fields(doc))
                        count += 1
                        if count % chunk == 0:
                            writer.commit(merge=False)
                            writer = open_writer(ix, procs=procs, limitmb=limitmb)
                except BaseException:
                    writer.cancel()
                    raise
                writer.commit(merge=False)
                if after is not None:
                    session = _WhooshSession(index.open_dir(str(path)), timeout)
                    try:
                        after(session)
                    except BaseException:
                        session.cancel()
                        raise
                    session.commit()
            except BaseException:
                shutil.rmtree(path, ignore_errors=True)
                raise
            self._swap(path)
            self._cleanup([p for p in (path, previous) if p is not None])
            return count

    def optimize(self, timeout: float = 30.0) -> None:
        """Merge all segments into one (slow on a big index; searches go on meanwhile)."""
        with self._lock(timeout):
            path = self.current_path()
            if path is not None:
                index.open_dir(str(path)).optimize()

    # -- reading --------------------------------------------------------------------------------

    def _searcher(self):
        """This thread's searcher on the live generation, reopened when the index changed."""
        path = self.current_path()
        if path is None:
            raise IndexMissing(f"no search index in {self.root}: run `lawdb reindex`")
        local = self._local
        searcher = getattr(local, "searcher", None)
        if searcher is not None and local.path == path:
            try:
                if searcher.up_to_date():
                    return searcher, path
            except Exception:
                pass
        if searcher is not None:
            with suppress(Exception):
                searcher.close()
            local.searcher = None
        ix = index.open_dir(str(path))
        searcher = ix.searcher(weighting=scoring.BM25F(B=0.75, K1=1.2))
        for sub, _offset in searcher.leaf_searchers():
            _columns(str(path), sub.reader())  # read once per segment, before any deadline runs
        local.searcher, local.path = searcher, path
        return searcher, path

    def close(self) -> None:
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None:
            searcher.close()
            self._local.searcher = None

    def doc_count(self) -> int:
        if not self.exists():
            return 0
        searcher, _ = self._searcher()
        return searcher.doc_count()

    def document_ids(self) -> Iterator[tuple[int, int]]:
        searcher, _ = self._searcher()
        reader = searcher.reader()
        for docnum in reader.all_doc_ids():
            stored = reader.stored_fields(docnum)
            yield int(stored["id"]), int(stored.get("version", 0))

    def stored(self, fieldname: str, value: str) -> dict[str, Any] | None:
        """Stored fields of the first document whose ``fieldname`` is ``value``."""
        searcher, _ = self._searcher()
        docnum = next(iter(searcher.docs_for_query(wq.Term(fieldname, value))), None)
        return None if docnum is None else searcher.stored_fields(docnum)

    def pages(self, document_id: int) -> list[str]:
        """The stored (masked) page texts of a document."""
        stored = self.stored("id", str(document_id))
        return stored_pages(stored) if stored else []

    # -- search --------------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResponse:
        response = SearchResponse(query=request.query, page=max(1, int(request.page or 1)),
                                  page_size=min(MAX_PAGE_SIZE, max(0, int(request.page_size))),
                                  sort=request.sort)
        return self._run(request, response, MAX_RESULTS_DEPTH)

    def export(self, request: SearchRequest, limit: int = EXPORT_LIMIT) -> SearchResponse:
        """The first ``limit`` hits in one list (no snippets, facets or suggestion), for downloads."""
        limit = max(0, min(int(limit), EXPORT_LIMIT))
        plain = replace(request, page=1, page_size=limit, facets=False, snippets=False, suggest=False)
        response = SearchResponse(query=request.query, page=1, page_size=limit, sort=request.sort)
        return self._run(plain, response, limit)

    def _run(self, request: SearchRequest, response: SearchResponse, max_depth: int) -> SearchResponse:
        started = time.perf_counter()
        try:
            self._search(request, response, started, max_depth)
        except QueryError as exc:
            response.error, response.error_kind = str(exc), "query"
        except IndexMissing as exc:
            response.error, response.error_kind = str(exc), "unavailable"
        except Exception:  # a bug or a damaged index: logged in full, a message for the user
            log.exception("search failed: %r", request)
            response.error = "the search failed because of an internal error (it has been logged)"
            response.error_kind = "internal"
            response.results, response.total, response.facets = [], 0, {}
        response.took_ms = (time.perf_counter() - started) * 1000
        return response

    def _parse(self, request: SearchRequest) -> ast.Node:
        if request.sort not in ("relevance", "date", "date_asc", "cited"):
            raise QueryError("sort is one of relevance, date (newest first), date_asc, cited")
        node = parse(request.query)
        extra = [parse(f) for f in request.filters if f and f.strip()]
        if extra:
            node = ast.And([node, *extra], start=node.start, end=node.end)
        return node

    def _search(self, request: SearchRequest, response: SearchResponse, started: float,
                max_depth: int = MAX_RESULTS_DEPTH) -> None:
        node = self._parse(request)
        searcher, path = self._searcher()
        # the time limit counts from here: (re)opening the index is not the query's doing
        deadline = time.perf_counter() + max(0.0, float(request.time_limit))
        compiler = Compiler(searcher.reader(), stored_lookup=self._stored_in(searcher))
        compiled = compiler.compile(node)
        q = compiled.query
        if request.document_id is not None:
            q = Require(q, wq.Term("id", str(int(request.document_id))))
        response.warnings.extend(compiled.warnings)

        depth = response.page * response.page_size
        if depth > max_depth:
            response.warnings.append(f"results beyond the first {max_depth:,} are not shown")
            depth = 0
        sort = request.sort
        window = max(depth, RESCORE_WINDOW) if compiled.proximity and sort == "relevance" else depth
        rank_by = "date" if sort == "relevance" and compiled.filters_only else sort
        docsets, top, partial = self._rank(searcher, path, q, window, deadline, rank_by)
        response.partial = partial
        response.total = sum(len(d) for _s, _o, d in docsets)
        if compiled.proximity and sort == "relevance" and not partial and top and top[0][0] is not None:
            top = self._rescore(searcher, top, compiled.proximity, deadline)
        top = top[:depth]
        page_items = top[(response.page - 1) * response.page_size: depth]

        # facets: counted over every match found
        if request.facets:
            response.facets = self._facets(path, docsets)

        # the page of hits, with snippets while there is time
        highlight = compiled.highlight
        within = request.document_id is not None
        for score, docnum in page_items:
            stored = searcher.stored_fields(docnum)
            snippets: list[Snippet] = []
            if request.snippets:
                if time.perf_counter() < deadline:
                    pages = stored_pages(stored)
                    made = make_snippets(pages, highlight, limit=50 if within else 3, every_page=within)
                    snippets = [Snippet(page, html) for page, html in made]
                else:
                    response.partial = True
            response.results.append(_hit(stored, score, snippets))

        # did you mean
        if request.suggest and compiled.words and response.total < 3 and time.perf_counter() < deadline:
            response.did_you_mean = self._did_you_mean(searcher, request.query, compiled.words,
                                                       rare_too=response.total == 0)

    def _rank(self, searcher, path: Path, q, depth: int, deadline: float, sort: str):
        """Matching sets per segment, the top ``depth`` (score, docnum), and whether time ran out."""
        docsets: list[tuple[Any, int, set[int]]] = []
        segments: list[Segment] = []
        partial = False
        try:
            for sub, offset in searcher.leaf_searchers():
                segment = Segment(sub, deadline, _columns(str(path), sub.reader()))
                ids = segment.ids(q)
                reader = sub.reader()
                if reader.has_deletions():
                    ids -= reader.deleted_docs_set
                docsets.append((sub, offset, ids))
                segments.append(segment)
        except Deadline:
            partial = True
        if not depth or not docsets:
            return docsets, [], partial
        leaves = scored_terms(q) if sort == "relevance" and not partial else []
        if not leaves:
            column = "cited_by" if sort == "cited" else "date"
            return docsets, self._sorted(path, docsets, column, depth, reverse=sort != "date_asc"), partial
        reader = searcher.reader()
        n = max(1, reader.doc_count_all())
        weighted = []
        for fieldname, text, boost in leaves:
            try:
                df = reader.doc_frequency(fieldname, text)
            except Exception:
                continue
            avg = reader.field_length(fieldname) / n if self.schema[fieldname].scorable else 0.0
            weighted.append((fieldname, text, boost, idf(df, n), avg))
        best: list[tuple[float, int]] = []
        try:
            for segment, (_sub, offset, ids) in zip(segments, docsets, strict=True):
                scores = segment.scores(weighted, ids)
                ranked = heapq.nlargest(depth, scores, key=scores.__getitem__)
                best.extend((scores[doc], offset + doc) for doc in ranked)
                if len(ranked) < depth:  # matched by unscored clauses only
                    rest = sorted(d for d in ids if d not in scores)[:depth - len(ranked)]
                    best.extend((0.0, offset + d) for d in rest)
        except Deadline:
            partial = True
        best.sort(key=lambda item: (-item[0], item[1]))
        return docsets, best[:depth], partial

    @staticmethod
    def _rescore(searcher, top, phrases, deadline):
        """Hits containing the query's words as a phrase move up (score x PHRASE_BONUS)."""
        bonus: dict[int, float] = {}
        leaves = searcher.leaf_searchers()
        for phrase in phrases:
            for i, (sub, offset) in enumerate(leaves):
                end = leaves[i + 1][1] if i + 1 < len(leaves) else offset + sub.reader().doc_count_all()
                local = {docnum - offset for _s, docnum in top if offset <= docnum < end}
                if not local:
                    continue
                try:
                    found = Segment(sub, deadline).ids_within(phrase, local)
                except Deadline:
                    return top
                for d in found:
                    bonus[offset + d] = bonus.get(offset + d, 1.0) * PHRASE_BONUS
        rescored = [((score or 0.0) * bonus.get(docnum, 1.0), docnum) for score, docnum in top]
        rescored.sort(key=lambda item: (-item[0], item[1]))
        return rescored

    def _stored_in(self, searcher):
        def lookup(fieldname: str, value: str):
            docnum = next(iter(searcher.docs_for_query(wq.Term(fieldname, value))), None)
            return None if docnum is None else searcher.stored_fields(docnum)

        return lookup

    def _sorted(self, path: Path, docsets, column: str, depth: int, reverse: bool):
        """The first ``depth`` matches by a column; documents without a value (0) come last."""
        candidates: list[tuple[Any, int]] = []
        for sub, offset, docs in docsets:
            values = _columns(str(path), sub.reader())[column]
            if reverse:
                best = heapq.nlargest(depth, docs, key=values.__getitem__)
            else:
                best = heapq.nsmallest(depth, docs, key=lambda d, v=values: (not v[d], v[d]))
            candidates.extend((values[d], offset + d) for d in best)
        if reverse:
            candidates.sort(key=lambda c: (-c[0], c[1]))
        else:
            candidates.sort(key=lambda c: (not c[0], c[0], c[1]))
        return [(None, docnum) for _v, docnum in candidates[:depth]]

    def _facets(self, path: Path, docsets) -> dict[str, list[dict[str, Any]]]:
        groups = ("kcy", "section", "judge")
        codes = {group: Counter() for group in groups}
        for sub, _offset, docs in docsets:
            if not docs:
                continue
            cols = _columns(str(path), sub.reader())
            codes["kcy"].update(map(cols["_code_kcy"].__getitem__, docs))
            codes["section"].update(map(cols["_code_section"].__getitem__, docs))
            codes["judge"].update(chain.from_iterable(map(cols["_code_judge"].__getitem__, docs)))
        counters = {name: Counter() for name in FACETS}
        with _column_lock:
            tables = {group: _combo_tables[(str(path), group)][1] if codes[group] else []
                      for group in groups}
        kinds, courts, years = counters["kind"], counters["court"], counters["year"]
        for code, n in codes["kcy"].items():
            kind, court, year = tables["kcy"][code]
            kinds[kind] += n
            courts[court] += n
            years[year] += n
        sections, table = counters["section"], tables["section"]
        for code, n in codes["section"].items():
            for value in table[code]:
                sections[value] += n
        judges, table = counters["judge"], tables["judge"]
        for code, n in codes["judge"].items():
            judges[table[code]] += n
        out: dict[str, list[dict[str, Any]]] = {}
        for name in FACETS:
            counter = counters[name]
            for empty in (None, "", b""):
                counter.pop(empty, None)
            size = FACET_SIZES[name]
            if name == "year":
                items = heapq.nlargest(size, counter.items(), key=lambda kv: str(kv[0]))
            else:
                items = sorted(heapq.nlargest(size, counter.items(), key=itemgetter(1)),
                               key=lambda kv: (-kv[1], str(kv[0])))
            out[name] = [{"value": _text(value), "count": count} for value, count in items]
        return out

    def facets(self, query: str, names: Sequence[str] = FACETS) -> dict[str, list[dict[str, Any]]]:
        response = self.search(SearchRequest(query=query, page_size=0, facets=True, snippets=False,
                                             suggest=False))
        if response.error:
            raise QueryError(response.error)
        return {name: response.facets.get(name, []) for name in names}

    # -- did you mean ----------------------------------------------------------------------------

    def suggest(self, query: str) -> str | None:
        try:
            node = parse(query)
            searcher, _ = self._searcher()
            compiled = Compiler(searcher.reader()).compile(node)
        except (QueryError, IndexMissing):
            return None
        return self._did_you_mean(searcher, query, compiled.words)

    def _did_you_mean(self, searcher, query: str, plain: list[tuple[int, int, str]],
                      rare_too: bool = True) -> str | None:
        """A corrected query: unknown words (and, with ``rare_too``, rare ones) replaced."""
        reader = searcher.reader()
        replacements: list[tuple[int, int, str]] = []
        for start, end, text in plain:
            found = words(text)
            if len(found) != 1:
                continue
            # only the word is replaced: punctuation written around it (">appeel") stays
            inside = list(WORD_RE.finditer(query[start:end]))
            if len(inside) == 1:
                start, end = start + inside[0].start(), start + inside[0].end()
            info = word_info(found[0])
            if info.spell is None or info.key is None:
                continue
            fieldname = "body_ur" if info.urdu else "body"
            df = reader.doc_frequency(fieldname, info.key)
            if df > (2 if rare_too else 0):
                continue
            best = self._correction(reader, fieldname, info.key, df)
            if best is None:
                continue
            word = self._surface(searcher, fieldname, best)
            if word is not None and word != info.spell:
                replacements.append((start, end, _same_case(found[0], word)))
        if not replacements:
            return None
        out = query
        for start, end, text in sorted(replacements, reverse=True):
            out = out[:start] + text + out[end:]
        return out if out != query else None

    @staticmethod
    def _correction(reader, fieldname: str, key: str, df: int) -> str | None:
        """The most frequent indexed word within 1 (short words) or 2 edits of ``key``."""
        maxdist = 1 if len(key) <= 5 else 2
        best: tuple[int, int, str] | None = None
        for btext, terminfo in islice(reader.iter_prefix(fieldname, key[:1]), 30000):
            term = btext.decode("utf-8")
            if term == key or abs(len(term) - len(key)) > maxdist or not term.isalpha():
                continue
            if not within(term, key, maxdist):
                continue
            distance = 1 if within(term, key, 1) else 2
            cand = (distance, -terminfo.doc_frequency(), term)
            if best is None or cand < best:
                best = cand
        if best is None:
            return None
        # a known word is replaced only by a much more frequent one
        if df and -best[1] < max(5, 20 * df):
            return None
        return best[2]

    @staticmethod
    def _surface(searcher, fieldname: str, key: str) -> str | None:
        """A word of the collection that is indexed as ``key`` (stems are not words)."""
        reader = searcher.reader()
        for sub, offset in searcher.leaf_searchers():
            ids = postings(sub.reader(), fieldname, key, want_weights=False)[0]
            for docnum in ids[:3]:
                for page in stored_pages(reader.stored_fields(offset + docnum)):
                    for word in words(page):
                        info = word_info(word)
                        if info.key == key and info.spell:
                            return info.spell
        return None

    # -- more like this ----------------------------------------------------------------------------

    def more_like_this(self, document_id: int, limit: int = 10) -> SearchResponse:
        """Documents like ``document_id``; remembered until the index next changes.

        Finding a document's key terms reads thousands of term statistics (most
        of a judgment page's time), and the answer changes only when the index
        does, so up to :data:`SIMILAR_CACHE` answers are kept for the current
        index generation (those of older generations are dropped).
        """
        try:
            searcher, path = self._searcher()
        except IndexMissing:
            return self._more_like_this(document_id, limit)
        key = (str(path), searcher.reader().generation(), int(document_id), int(limit))
        with self._similar_lock:
            cached = self._similar.get(key)
            if cached is not None:
                self._similar.move_to_end(key)
                return copy.deepcopy(cached)
        response = self._more_like_this(document_id, limit)
        if response.error is None and not response.partial:
            with self._similar_lock:
                # answers for an older index are never asked for again: keep only this one's
                for stale in [k for k in self._similar if k[:2] != key[:2]]:
                    del self._similar[stale]
                self._similar[key] = copy.deepcopy(response)
                while len(self._similar) > SIMILAR_CACHE:
                    self._similar.popitem(last=False)
        return response

    def _more_like_this(self, document_id: int, limit: int) -> SearchResponse:
        started = time.perf_counter()
        response = SearchResponse(query=f"more like {document_id}", page_size=limit)
        try:
            searcher, _ = self._searcher()
        except IndexMissing as exc:
            response.error, response.error_kind = str(exc), "unavailable"
            return response
        stored = self.stored("id", str(document_id))
        if stored is None:
            response.error = f"document {document_id} is not in the search index"
            response.error_kind = "query"
            return response
        text = "\n".join(stored_pages(stored))[:60000]
        parts: list[wq.Query] = []
        terms = searcher.key_terms_from_text("body", text, numterms=120)
        for key, weight in [t for t in terms if not t[0].startswith(PAIR_MARK)][:24]:
            parts.append(wq.Term("body", key, boost=max(0.1, float(weight))))
        meta = stored.get("meta") or {}
        for display in meta.get("sections", [])[:12]:
            act, _, sec = display.rpartition(":")
            parts.append(wq.Term("statute", legal_terms.section_term(act or None, sec), boost=0.8))
        for citation in meta.get("cited", [])[:20]:
            parts.append(wq.Term("cited", citation.lower(), boost=0.5))
        if not parts:
            return response
        q = wq.And([wq.Or(parts), wq.Not(wq.Term("id", str(document_id)))])
        searcher, path = self._searcher()
        docsets, items, response.partial = self._rank(searcher, path, q, limit, started + 2.0, "relevance")
        response.total = sum(len(d) for _s, _o, d in docsets)
        for score, docnum in items:
            hit_stored = searcher.stored_fields(docnum)
            lead = make_snippets(stored_pages(hit_stored), Highlight(), limit=1)
            response.results.append(_hit(hit_stored, score, [Snippet(p, h) for p, h in lead]))
        response.took_ms = (time.perf_counter() - started) * 1000
        return response


def _text(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def _same_case(original: str, word: str) -> str:
    if original.isupper():
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _hit(stored: dict[str, Any], score: float | None, snippets: list[Snippet]) -> Hit:
    meta = stored.get("meta") or {}
    return Hit(
        id=int(stored["id"]),
        kind=stored.get("kind", ""),
        title=stored.get("title", ""),
        court=meta.get("court"),
        seat=meta.get("seat"),
        date=meta.get("date"),
        citations=list(meta.get("citations", [])),
        score=None if score is None else round(float(score), 4),
        snippets=snippets,
        cited_by=int(stored.get("cited_by", 0) or 0),
        version=int(stored.get("version", 0) or 0),
    )


class _WhooshSession(IndexSession):
    """Buffered upserts and deletes, written in one commit (last change per document wins)."""

    def __init__(self, ix, timeout: float) -> None:
        self.ix = ix
        self.timeout = timeout
        self.pending: dict[int, SearchDocument | None] = {}
        self._searcher = ix.searcher()

    def upsert(self, document: SearchDocument) -> None:
        self.pending[int(document.id)] = document

    def delete(self, document_id: int) -> None:
        self.pending[int(document_id)] = None

    def indexed(self, document_id: int) -> dict[str, Any] | None:
        docnum = self._searcher.document_number(id=str(int(document_id)))
        if docnum is None:
            return None
        stored = self._searcher.stored_fields(docnum)
        meta = stored.get("meta") or {}
        return {"version": int(stored.get("version", 0) or 0), "cited_ids": list(meta.get("cited_ids", [])),
                "cited": list(meta.get("cited", []))}

    def commit(self) -> None:
        self._searcher.close()
        if not self.pending:
            return
        writer = open_writer(self.ix, timeout=self.timeout, limitmb=256)
        try:
            for doc_id, doc in self.pending.items():
                writer.delete_by_term("id", str(doc_id))
                if doc is not None:
                    writer.add_document(**document_fields(doc))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        self.pending.clear()

    def cancel(self) -> None:
        self.pending.clear()
        with suppress(Exception):
            self._searcher.close()


__all__ = ["WhooshBackend", "document_fields", "stored_pages"]
