"""Full-text legal search (Whoosh by default), behind a backend interface.

What callers use (the CLI, the web UI, the JSON API, ingest)::

    from lawdb.search import SearchRequest, search, drain_outbox

    drain_outbox(session_factory, settings)              # after committing index work
    response = search(settings, SearchRequest("u/s 292-B PPC", facets=True))
    response.to_json()                                   # the documented JSON (docs/search.md)

Names are imported lazily, so ``import lawdb.search`` (done by the ``lawdb``
command at start-up) does not load Whoosh.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "SearchBackend": "lawdb.search.backend",
    "IndexSession": "lawdb.search.backend",
    "SearchDocument": "lawdb.search.backend",
    "SearchRequest": "lawdb.search.backend",
    "SearchResponse": "lawdb.search.backend",
    "Hit": "lawdb.search.backend",
    "Snippet": "lawdb.search.backend",
    "CaseRef": "lawdb.search.backend",
    "IndexLocked": "lawdb.search.backend",
    "IndexMissing": "lawdb.search.backend",
    "SearchError": "lawdb.search.backend",
    "SORTS": "lawdb.search.backend",
    "FACETS": "lawdb.search.backend",
    "QueryError": "lawdb.search.query",
    "parse_query": "lawdb.search.query",
    "WhooshBackend": "lawdb.search.whoosh_backend",
    "load_search_documents": "lawdb.search.documents",
    "get_backend": "lawdb.search.sync",
    "ensure_index": "lawdb.search.sync",
    "drain_outbox": "lawdb.search.sync",
    "drain": "lawdb.search.sync",
    "Drainer": "lawdb.search.sync",
    "reindex": "lawdb.search.sync",
    "index_status": "lawdb.search.sync",
}

__all__ = [*sorted(_EXPORTS), "export", "more_like_this", "search"]

if TYPE_CHECKING:  # pragma: no cover
    from lawdb.search.backend import SearchRequest, SearchResponse


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'lawdb.search' has no attribute {name!r}")
    if name == "parse_query":
        return import_module(module).parse
    return getattr(import_module(module), name)


def search(settings, request: SearchRequest | str, **options: Any) -> SearchResponse:
    """Run a search on the collection of ``settings``; never raises on a bad query.

    ``request`` is a :class:`SearchRequest` or a query string plus its options
    (``page``, ``page_size``, ``sort``, ``facets``, ``document_id``...).
    """
    from lawdb.search.backend import SearchRequest
    from lawdb.search.sync import get_backend

    if isinstance(request, str):
        request = SearchRequest(query=request, **options)
    return get_backend(settings).search(request)


def more_like_this(settings, document_id: int, limit: int = 10) -> SearchResponse:
    """Documents similar to ``document_id``."""
    from lawdb.search.sync import get_backend

    return get_backend(settings).more_like_this(document_id, limit)


def export(settings, request: SearchRequest, limit: int = 10_000) -> SearchResponse:
    """The first ``limit`` (at most 10,000) hits of ``request`` as one list, for downloads.

    Deeper than :func:`search` serves (its pages stop at the first 1,000), and
    so without snippets, facets or "did you mean"; never raises on a bad query.
    """
    from lawdb.search.sync import get_backend

    return get_backend(settings).export(request, limit)
