"""The search backend interface, and the plain data that crosses it.

Callers (the CLI, the web UI, the JSON API, the outbox drain) only ever see
:class:`SearchBackend`, :class:`SearchDocument`, :class:`SearchRequest` and
:class:`SearchResponse`, so a server-grade backend (OpenSearch, tantivy,
PostgreSQL) can replace the embedded Whoosh one without touching them.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

#: Sort orders a request may ask for.
SORTS = ("relevance", "date", "date_asc", "cited")
#: Facets a request may ask for, in display order.
FACETS = ("kind", "court", "year", "section", "judge")


class SearchError(Exception):
    """Base of the search layer's own errors."""


class IndexLocked(SearchError):
    """Another process holds the index's write lock and did not let go in time."""


class IndexMissing(SearchError):
    """No index has been built yet (run ``lawdb reindex``)."""


@dataclass(frozen=True)
class CaseRef:
    """A case number as the index needs it: ``Crl.A. 964-J/2023`` is ("Crl.A.", 964, "J", 2023)."""

    raw: str
    case_type: str | None
    number: int | None
    suffix: str | None
    year: int | None


@dataclass
class SearchDocument:
    """Everything the index holds about one legal document, already masked.

    Built from the database by :func:`lawdb.search.documents.load_search_documents`;
    a backend indexes it as given. ``pages`` are the page texts (page 1 first)
    with victims' names masked, and every other text field is masked too, so
    nothing the index stores or returns can reveal a masked name.
    """

    id: int
    version: int
    kind: str
    title: str
    pages: list[str]
    language: str = "en"
    date: date | None = None
    court: str | None = None  #: the court (a bench's parent court)
    court_abbreviation: str | None = None
    seat: str | None = None  #: the bench or seat, when stated
    judges: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    case_numbers: list[CaseRef] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)  #: own, normalised ("2024 LHC 6559")
    cited: list[str] = field(default_factory=list)  #: citations made, normalised
    cited_ids: list[int] = field(default_factory=list)  #: documents cited, where resolved
    sections: list[str] = field(default_factory=list)  #: "PPC:292B", "PECA:22"
    acts: list[str] = field(default_factory=list)  #: "PPC", "PECA" (referred to, or this statute's keys)
    outcome: str | None = None
    punishments: list[str] = field(default_factory=list)
    cited_by: int = 0  #: how many documents cite this one

    @property
    def text(self) -> str:
        return "\n\n".join(self.pages)


@dataclass
class SearchRequest:
    """One search. ``query`` uses the language of ``docs/search.md``."""

    query: str
    page: int = 1
    page_size: int = 10
    sort: str = "relevance"
    facets: bool = False
    snippets: bool = True
    #: Search inside this document only; its snippets then cover every page with a hit.
    document_id: int | None = None
    #: Extra clauses ANDed to the query, e.g. ``['court:"Lahore High Court"', "year:2023"]``.
    filters: Sequence[str] = ()
    #: Seconds before collection stops and the results are marked partial.
    time_limit: float = 2.0
    #: Offer a spelling correction ("did you mean") when the query looks misspelt.
    suggest: bool = True


@dataclass
class Snippet:
    page: int
    html: str  #: escaped text with <mark> around the hits; nothing else


@dataclass
class Hit:
    id: int
    kind: str
    title: str
    court: str | None
    seat: str | None
    date: str | None
    citations: list[str]
    score: float | None
    snippets: list[Snippet]
    cited_by: int = 0
    version: int = 0


@dataclass
class SearchResponse:
    """What a search returns; :meth:`to_json` is the documented JSON of the CLI and the API."""

    query: str
    total: int = 0
    page: int = 1
    page_size: int = 10
    partial: bool = False
    took_ms: float = 0.0
    results: list[Hit] = field(default_factory=list)
    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    did_you_mean: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    sort: str = "relevance"
    #: What kind of ``error`` (not in the JSON): ``query`` (malformed: the asker can fix it),
    #: ``unavailable`` (no index yet) or ``internal`` (a bug or a damaged index).
    error_kind: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "page": self.page,
            "page_size": self.page_size,
            "sort": self.sort,
            "partial": self.partial,
            "took_ms": round(self.took_ms, 1),
            "results": [asdict(hit) for hit in self.results],
            "facets": self.facets,
            "did_you_mean": self.did_you_mean,
            "error": self.error,
            "warnings": self.warnings,
        }


class IndexSession(abc.ABC):
    """Changes made while holding the index's write lock; committed together."""

    @abc.abstractmethod
    def upsert(self, document: SearchDocument) -> None:
        """Add ``document``, replacing any entry with its id."""

    @abc.abstractmethod
    def delete(self, document_id: int) -> None:
        """Remove the entry of ``document_id`` (nothing happens if there is none)."""

    @abc.abstractmethod
    def indexed(self, document_id: int) -> dict[str, Any] | None:
        """What the committed index holds for the document: ``version``, ``cited``, ``cited_ids``; or None."""


class SearchBackend(abc.ABC):
    """A full-text index of legal documents: index, delete, search, suggest, more-like-this, facets."""

    @abc.abstractmethod
    def exists(self) -> bool:
        """Whether an index has been built."""

    @abc.abstractmethod
    def create(self) -> None:
        """Create an empty index if there is none."""

    @abc.abstractmethod
    def writing(self, timeout: float = 30.0) -> AbstractContextManager[IndexSession]:
        """Hold the one write lock (waiting up to ``timeout`` s, else :class:`IndexLocked`).

        The changes made through the session are committed when the block
        ends without error, and discarded otherwise.
        """

    def index_documents(self, documents: Iterable[SearchDocument], timeout: float = 30.0) -> int:
        count = 0
        with self.writing(timeout) as session:
            for document in documents:
                session.upsert(document)
                count += 1
        return count

    def delete_documents(self, ids: Iterable[int], timeout: float = 30.0) -> int:
        count = 0
        with self.writing(timeout) as session:
            for document_id in ids:
                session.delete(document_id)
                count += 1
        return count

    @abc.abstractmethod
    def rebuild(self, documents: Iterable[SearchDocument], *, timeout: float = 30.0,
                procs: int = 1, after: Any = None) -> int:
        """Build a new index aside from ``documents`` and swap it in atomically.

        Searches keep using the old index until the swap. ``after`` (if given)
        is called with an :class:`IndexSession` on the new index before the
        write lock is released, e.g. to apply outbox rows queued meanwhile.
        """

    @abc.abstractmethod
    def search(self, request: SearchRequest) -> SearchResponse:
        """Run a query; never raises on a bad query (the response carries ``error``)."""

    def export(self, request: SearchRequest, limit: int = 10_000) -> SearchResponse:
        """The first ``limit`` hits of ``request`` in its sort order, as one list, for downloads.

        No snippets, facets or suggestion. This default pages through
        :meth:`search`, so it stops where a search stops serving (the first
        1,000); a backend that can list deeper overrides it.
        """
        from dataclasses import replace

        size = 100
        out = SearchResponse(query=request.query, page=1, page_size=limit, sort=request.sort)
        page = 1
        while len(out.results) < limit:
            got = self.search(replace(request, page=page, page_size=size, facets=False, snippets=False,
                                      suggest=False))
            out.total, out.partial = got.total, out.partial or got.partial
            out.error, out.error_kind, out.took_ms = got.error, got.error_kind, out.took_ms + got.took_ms
            out.results.extend(got.results[:limit - len(out.results)])
            if got.error or len(got.results) < size:
                out.warnings.extend(w for w in got.warnings if w not in out.warnings)
                break
            page += 1
        return out

    @abc.abstractmethod
    def facets(self, query: str, names: Sequence[str] = FACETS) -> dict[str, list[dict[str, Any]]]:
        """Facet counts for the documents matching ``query``."""

    @abc.abstractmethod
    def suggest(self, query: str) -> str | None:
        """A corrected query ("did you mean"), from the collection's own vocabulary."""

    @abc.abstractmethod
    def more_like_this(self, document_id: int, limit: int = 10) -> SearchResponse:
        """Documents similar to ``document_id`` (itself excluded)."""

    @abc.abstractmethod
    def document_ids(self) -> Iterator[tuple[int, int]]:
        """Every indexed ``(document id, version)``, for consistency checks."""

    @abc.abstractmethod
    def doc_count(self) -> int:
        """How many documents the index holds."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release open readers."""
