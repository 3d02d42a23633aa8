"""The search page: one box, the query language a click away, facets, sort, pages, exports.

``/search?q=...`` runs the query language of ``docs/search.md`` with the
backend of :mod:`lawdb.search`. Everything about a search is in the URL (a
GET form), so every search is a link: ``q``, the facet filters ``kind``,
``court``, ``year``, ``section`` and ``judge`` (each may repeat; they are
ANDed to the query as field clauses), the date range ``from`` and ``to``,
``sort`` and ``page``. ``/search/export.csv`` and ``/search/export.json``
download the same search's results (at most :data:`EXPORT_LIMIT` rows).
``/search/help`` explains the query language. The argument parsing and the
hit formatting here also serve ``/api/v1/search``.

Safety: a malformed query is answered with the engine's message (400),
never a 500. Snippets arrive from the engine as escaped text with ``<mark>``
around the hits; :func:`snippet_html` rebuilds them from their text anyway,
so that nothing but ``<mark>`` can reach the page whatever the index holds,
and applies the document's masks once more (the index is masked already;
this covers an index a moment behind a masking change).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any
from urllib.parse import urlencode

from flask import (
    Blueprint,
    Response,
    current_app,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from markupsafe import Markup, escape

from lawdb.search import SearchRequest, SearchResponse
from lawdb.search import export as export_hits
from lawdb.search import search as run_search
from lawdb.search.backend import FACETS, SORTS
from webui import db_session
from webui.documents import BadQuery, Masks, human, masks_for, parse_date, parse_int, parse_kind, parse_year
from webui.sentences import csv_lines

bp = Blueprint("search", __name__)

#: Results per page on the search page.
PAGE_SIZE = 10
#: The engine serves the first 1,000 hits page by page (exports go further).
MAX_DEPTH = 1000
#: Most rows a download of search results holds.
EXPORT_LIMIT = 10_000
#: Seconds a search (or an export) may run before it returns what it has, marked partial.
TIME_LIMIT = 2.0
EXPORT_TIME_LIMIT = 10.0
#: Longest value taken for one facet filter.
_MAX_FILTER = 200

SORT_LABELS = {"relevance": "relevance", "date": "newest first", "date_asc": "oldest first",
               "cited": "most cited"}
FACET_LABELS = {"kind": "Kind", "court": "Court", "year": "Year", "section": "Statute section",
                "judge": "Judge"}
EXPORT_COLUMNS = ["rank", "id", "kind", "title", "court", "seat", "date", "citations", "cited_by", "score",
                  "url"]
_TEXT_COLUMNS = {"title", "court", "seat", "citations"}


# --- what the URL asks for --------------------------------------------------------------------

@dataclass
class SearchArgs:
    """A search as the query string gives it; :meth:`args` gives it back for links."""

    q: str = ""
    facets: dict[str, list[str]] = field(default_factory=lambda: {name: [] for name in FACETS})
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = PAGE_SIZE

    @property
    def empty(self) -> bool:
        """Nothing to search for (the page then shows only the form)."""
        return not self.q and not self.clauses()

    def clauses(self) -> list[str]:
        """The facet filters and the date range as clauses of the query language."""
        out = [facet_clause(name, value) for name in FACETS for value in self.facets[name]]
        if self.date_from or self.date_to:
            start = self.date_from.isoformat() if self.date_from else "*"
            end = self.date_to.isoformat() if self.date_to else "*"
            out.append(f"date:[{start} TO {end}]")
        return out

    def request(self, *, facets: bool = True, snippets: bool = True,
                time_limit: float = TIME_LIMIT) -> SearchRequest:
        clauses = self.clauses()
        query, filters = (self.q, clauses) if self.q else (clauses[0], clauses[1:])
        return SearchRequest(query=query, page=self.page, page_size=self.page_size, sort=self.sort,
                             facets=facets, snippets=snippets, filters=tuple(filters),
                             time_limit=time_limit)

    def args(self, **changes: Any) -> dict[str, Any]:
        """Query-string arguments of this search, with ``changes`` (None drops a key), for ``url_for``."""
        out: dict[str, Any] = {"q": self.q or None}
        for name in FACETS:
            out[name] = list(self.facets[name]) or None
        out["from"] = self.date_from.isoformat() if self.date_from else None
        out["to"] = self.date_to.isoformat() if self.date_to else None
        out["sort"] = self.sort if self.sort != "relevance" else None
        out["page"] = self.page if self.page != 1 else None
        out.update(changes)
        return {k: v for k, v in out.items() if v not in (None, "", [])}

    def with_facet(self, name: str, value: str) -> dict[str, Any]:
        """Arguments of this search narrowed by one more facet value (back to page 1)."""
        values = self.facets[name] + ([value] if value not in self.facets[name] else [])
        return self.args(**{name: values, "page": None})

    def without_facet(self, name: str, value: str) -> dict[str, Any]:
        return self.args(**{name: [v for v in self.facets[name] if v != value] or None, "page": None})

    def describe(self) -> dict[str, Any]:
        """The search for an export's header: what was asked, in the URL's terms."""
        return {"q": self.q, **{n: v for n, v in self.facets.items() if v},
                "from": self.date_from.isoformat() if self.date_from else None,
                "to": self.date_to.isoformat() if self.date_to else None, "sort": self.sort}


def _clean(value: str) -> str:
    # A facet value becomes a quoted phrase: quotes and backslashes would end it early.
    return " ".join(value.replace('"', " ").replace("\\", " ").split())[:_MAX_FILTER]


def facet_clause(name: str, value: str) -> str:
    """The query-language clause for one facet value: ``court:"Lahore High Court"``, ``year:2023``."""
    if name == "year":
        return f"year:{value}"
    if name == "kind":
        return f"kind:{value}"
    return f'{name}:"{value}"'


def parse_search_args(args: Mapping[str, Any], *, max_page_size: int = PAGE_SIZE) -> SearchArgs:
    """The search a query string asks for; :class:`BadQuery` with a message when a value is unusable.

    ``args`` is a werkzeug ``MultiDict`` (``request.args``). The query itself
    is not checked here: the engine says what is wrong with it.
    """
    getlist = args.getlist if hasattr(args, "getlist") else (lambda k: [args[k]] if k in args else [])
    out = SearchArgs(q=(args.get("q") or "").strip())
    for name in FACETS:
        values: list[str] = []
        for raw in getlist(name):
            if raw is None or not raw.strip():
                continue
            if name == "kind":
                kind = parse_kind(raw)
                value = kind.value if kind else ""
            elif name == "year":
                value = str(parse_year(raw))
            else:
                value = _clean(raw)
            if value and value not in values:
                values.append(value)
        if len(values) > 10:
            raise BadQuery(f"at most 10 {name} filters can be combined.")
        out.facets[name] = values
    out.date_from = parse_date("from", args.get("from"))
    out.date_to = parse_date("to", args.get("to"))
    if out.date_from and out.date_to and out.date_from > out.date_to:
        raise BadQuery(f"the date range is backwards: 'from' ({out.date_from.isoformat()}) is after "
                       f"'to' ({out.date_to.isoformat()}).")
    sort = (args.get("sort") or "relevance").strip() or "relevance"
    if sort not in SORTS:
        raise BadQuery(f"sort must be one of {', '.join(SORTS)}, not {sort[:40]!r}.")
    out.sort = sort
    out.page_size = parse_int("page_size", args.get("page_size"), minimum=1,
                              maximum=max_page_size) or min(PAGE_SIZE, max_page_size)
    out.page = parse_int("page", args.get("page"), minimum=1, maximum=1_000_000) or 1
    if out.page * out.page_size > MAX_DEPTH and out.page > 1:
        raise BadQuery(f"results beyond the first {MAX_DEPTH:,} are not served page by page: narrow the "
                       f"search, or download up to {EXPORT_LIMIT:,} rows with the export.")
    return out


# --- running it -------------------------------------------------------------------------------

def settings():
    return current_app.config["LAWDB_SETTINGS"]


def unavailable_message() -> str:
    return ("The search index has not been built yet, so nothing can be searched. An administrator "
            "can build it with `lawdb reindex`.")


def run(search: SearchArgs, *, facets: bool = True, snippets: bool = True) -> SearchResponse:
    """Run ``search``; a missing index or a malformed query comes back as the response's ``error``."""
    response = run_search(settings(), search.request(facets=facets, snippets=snippets))
    response.query = search.q
    if response.error_kind == "unavailable":
        response.error = unavailable_message()
    return response


def status_of(response: SearchResponse) -> int:
    """The HTTP status for a response: 400 for a malformed query, 503 when the search cannot run."""
    if response.error is None:
        return 200
    return 400 if response.error_kind == "query" else 503


_MARK = re.compile(r"(</?mark>)")


def snippet_html(raw: str, masks: Masks | None = None) -> Markup:
    """A snippet rebuilt from its text: every text part escaped, only balanced ``<mark>`` tags kept.

    The engine's snippet is already escaped text with ``<mark>`` around the
    hits (``docs/search.md``); this unescapes each text part and escapes it
    again, so even a snippet that carried other markup shows it as text.
    """
    out: list[str] = []
    open_mark = False
    for part in _MARK.split(raw or ""):
        if part == "<mark>":
            if not open_mark:
                out.append(part)
                open_mark = True
        elif part == "</mark>":
            if open_mark:
                out.append(part)
                open_mark = False
        elif part:
            text = html.unescape(part)
            if masks:
                text = masks.text(text) or ""
            out.append(str(escape(text)))
    if open_mark:
        out.append("</mark>")
    return Markup("".join(out))


def hit_rows(response: SearchResponse) -> list[dict[str, Any]]:
    """The response's hits for a template: masked titles, safe snippets with page links."""
    masks = masks_for(db_session(), [h.id for h in response.results])
    rows = []
    for hit in response.results:
        m = masks.get(hit.id, Masks())
        rows.append({
            "id": hit.id, "kind": hit.kind, "title": m.text(hit.title) or "(untitled)", "court": hit.court,
            "seat": hit.seat, "date": hit.date, "citations": hit.citations, "cited_by": hit.cited_by,
            "url": url_for("documents.show", document_id=hit.id),
            "snippets": [{"page": s.page, "html": snippet_html(s.html, m),
                          "url": url_for("documents.show", document_id=hit.id, _anchor=f"p{s.page}")}
                         for s in hit.snippets],
        })
    return rows


def facet_label(name: str, value: str) -> str:
    if name == "kind":
        return human(value)
    if name == "section":
        act, _, section = value.rpartition(":")
        return f"{act} {section}".strip()
    return value


def pager(search: SearchArgs, total: int) -> dict[str, Any]:
    last = max(1, min(-(-total // search.page_size), MAX_DEPTH // search.page_size))
    window = range(max(1, search.page - 3), min(last, search.page + 3) + 1)
    return {"last": last, "pages": list(window),
            "previous": search.args(page=search.page - 1 if search.page > 2 else None)
            if search.page > 1 else None,
            "next": search.args(page=search.page + 1) if search.page < last else None}


# --- pages ------------------------------------------------------------------------------------

@bp.get("/search")
def search_page():
    """The search page; without a query, the form and the query language's summary."""
    given = list(request.args.items(multi=True))
    kept = [(k, v) for k, v in given if v.strip()]
    if len(kept) != len(given):
        # The form sends its empty fields too (from=&to=): the link to a search names only what it uses.
        return redirect(request.path + (f"?{urlencode(kept)}" if kept else ""), 302)
    error = None
    response = None
    try:
        search = parse_search_args(request.args)
    except BadQuery as exc:
        search, error = SearchArgs(q=(request.args.get("q") or "").strip()[:2000]), str(exc)
    status = 400 if error else 200
    if error is None and not search.empty:
        response = run(search)
        error, status = response.error, status_of(response)
    facets = []
    if response is not None and response.error is None:
        for name in FACETS:
            values = response.facets.get(name) or []
            chosen = set(search.facets[name])
            facets.append({"name": name, "label": FACET_LABELS[name], "options": [
                {"value": str(v["value"]), "label": facet_label(name, str(v["value"])), "count": v["count"],
                 "chosen": str(v["value"]) in chosen,
                 "args": search.without_facet(name, str(v["value"])) if str(v["value"]) in chosen
                 else search.with_facet(name, str(v["value"]))} for v in values]})
    active = [{"name": name, "label": FACET_LABELS[name], "value": facet_label(name, value),
               "args": search.without_facet(name, value)}
              for name in FACETS for value in search.facets[name]]
    ok = response is not None and response.error is None
    return render_template(
        "search/page.html", search=search, response=response, error=error,
        hits=hit_rows(response) if ok else [], facets=facets, active=active,
        pager=pager(search, response.total) if ok else None, sorts=SORT_LABELS,
        export_limit=EXPORT_LIMIT, max_depth=MAX_DEPTH, human=human,
    ), status


@bp.get("/search/help")
def help_page():
    """The query language, summarised from ``docs/search.md``; every example is a link that runs it."""
    return render_template("search/help.html")


# --- exports ----------------------------------------------------------------------------------

def _export_error(message: str, status: int, as_json: bool) -> Response:
    if as_json:
        return Response(json.dumps({"error": "bad_query" if status == 400 else "unavailable",
                                    "message": message}), status=status, mimetype="application/json")
    return Response(message + "\n", status=status, mimetype="text/plain")


def export_rows(response: SearchResponse) -> Iterator[dict[str, Any]]:
    """The hits as export rows (titles masked once more, absolute links), in the search's order."""
    hits = response.results
    for start in range(0, len(hits), 500):
        chunk = hits[start:start + 500]
        masks = masks_for(db_session(), [h.id for h in chunk])
        for rank, hit in enumerate(chunk, start + 1):
            yield {"rank": rank, "id": hit.id, "kind": hit.kind,
                   "title": masks.get(hit.id, Masks()).text(hit.title), "court": hit.court, "seat": hit.seat,
                   "date": hit.date, "citations": hit.citations, "cited_by": hit.cited_by, "score": hit.score,
                   "url": url_for("documents.show", document_id=hit.id, _external=True)}


def _export_headers(response: Response, found: SearchResponse, name: str) -> Response:
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["X-Lawdb-Total"] = str(found.total)
    response.headers["X-Lawdb-Rows"] = str(len(found.results))
    response.headers["X-Lawdb-Export-Limit"] = str(EXPORT_LIMIT)
    return response


def _export(as_json: bool) -> Response:
    """The current search's results (at most :data:`EXPORT_LIMIT`) in its order, as CSV or JSON."""
    try:
        search = parse_search_args(request.args)
    except BadQuery as exc:
        return _export_error(str(exc), 400, as_json)
    if search.empty:
        return _export_error("Nothing to export: give a query (q=...) or a filter.", 400, as_json)
    search = replace(search, page=1)
    found = export_hits(settings(), search.request(facets=False, snippets=False,
                                                   time_limit=EXPORT_TIME_LIMIT), EXPORT_LIMIT)
    if found.error:
        message = unavailable_message() if found.error_kind == "unavailable" else found.error
        return _export_error(message, status_of(found), as_json)
    if not as_json:
        def rows() -> Iterator[dict[str, Any]]:
            for row in export_rows(found):
                yield {**row, "citations": "; ".join(row["citations"])}

        body = stream_with_context(csv_lines(rows(), EXPORT_COLUMNS, _TEXT_COLUMNS, every=500))
        return _export_headers(Response(body, mimetype="text/csv"), found, "search-results.csv")
    head = {"search": search.describe(), "total": found.total, "count": len(found.results),
            "limit": EXPORT_LIMIT, "truncated": found.total > len(found.results), "partial": found.partial,
            "note": f"At most the first {EXPORT_LIMIT:,} results are exported, in the search's order."}

    def generate() -> Iterator[str]:
        yield json.dumps(head, ensure_ascii=False)[:-1] + ', "results": ['
        for i, row in enumerate(export_rows(found)):
            yield ("," if i else "") + "\n" + json.dumps(row, ensure_ascii=False)
        yield "\n]}\n"

    return _export_headers(Response(stream_with_context(generate()), mimetype="application/json"), found,
                           "search-results.json")


@bp.get("/search/export.csv")
def export_csv():
    """The search's results as CSV (:data:`EXPORT_COLUMNS`), at most :data:`EXPORT_LIMIT` rows."""
    return _export(as_json=False)


@bp.get("/search/export.json")
def export_json():
    """The search's results as one JSON object: what was asked, counts, the limit, and the rows."""
    return _export(as_json=True)


__all__ = ["EXPORT_LIMIT", "SearchArgs", "bp", "parse_search_args", "run", "snippet_html", "status_of"]
