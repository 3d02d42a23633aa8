"""The read-only JSON API, ``/api/v1/``: search, documents, pages, statutes, provisions, sentences, citations.

Reading is public: no route here needs a login. Every answer is JSON,
errors included (``{"error": code, "message": text}`` with a 4xx status,
the shape the upload API already uses), never an HTML page and never a 500
for bad input: a bad number, date or kind is a 400, an unknown id a 404. An
app-wide error handler installed here gives the same JSON for any ``/api/``
path that has no route or the wrong method. Victims' names are masked as on
the pages. ``/api/v1/openapi.json`` describes every route, including the
upload and job routes of :mod:`webui.upload` and search (:mod:`webui.search`).
"""

from __future__ import annotations

import json
from copy import deepcopy
from datetime import date
from importlib.resources import files
from typing import Any

from flask import Blueprint, current_app, jsonify, request, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import HTTPException, InternalServerError

from lawdb.legal.citations import find_citations
from lawdb.models import Citation, Court, Document, DocumentKind, Judgment, Page, Provision, Statute
from lawdb.services import statutes as statute_service
from lawdb.services.export import document_record, statute_record
from webui import db_session
from webui import search as search_views
from webui import sentences as sentence_views
from webui.documents import (
    BadQuery,
    Masks,
    court_ids,
    court_parts,
    masks_for,
    parse_date,
    parse_int,
    parse_kind,
    parse_year,
    year_range,
)
from webui.security import MAX_URL_INT
from webui.statutes import SECTION_KINDS, section_counts
from webui.upload import FIELD_LIMITS as UPLOAD_FIELD_LIMITS

bp = Blueprint("api_v1", __name__, url_prefix="/api/v1")

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
#: Highest ``page`` a list route accepts.
MAX_PAGE = 1_000_000
#: Largest body ``POST /api/v1/citations/lookup`` reads.
LOOKUP_MAX_BYTES = 200 * 1024


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error(status: int, code: str, message: str):
    response = jsonify(error=code, message=message)
    response.status_code = status
    return response


@bp.errorhandler(BadQuery)
def bad_query(exc: BadQuery):
    return error(400, "bad_query", str(exc))


@bp.errorhandler(ApiError)
def api_error(exc: ApiError):
    return error(exc.status, exc.code, exc.message)


@bp.app_errorhandler(HTTPException)
def http_error(exc: HTTPException):
    """JSON for any ``/api/`` path (unknown route, wrong method...); other paths keep their pages."""
    if not request.path.startswith("/api/"):
        return exc
    code = (exc.name or "error").lower().replace(" ", "_")
    message = exc.description or exc.name
    if isinstance(exc, InternalServerError):
        message = "Something went wrong on the server; the error has been logged."
    response = error(exc.code or 500, code, message)
    if exc.code == 405 and getattr(exc, "valid_methods", None):
        response.headers["Allow"] = ", ".join(exc.valid_methods)
    return response


def paging() -> tuple[int, int]:
    page = parse_int("page", request.args.get("page"), minimum=1, maximum=MAX_PAGE) or 1
    size = parse_int("page_size", request.args.get("page_size"), minimum=1, maximum=MAX_PAGE_SIZE)
    return page, size or DEFAULT_PAGE_SIZE


def paged(items: list[Any], key: str, page: int, size: int, total: int, endpoint: str, **values: Any):
    pages = max(1, -(-total // size))
    args = {k: v for k, v in request.args.items() if k not in ("page", "page_size") and v}

    def link(n: int) -> str:
        return url_for(endpoint, page=n, page_size=size, _external=True, **values, **args)

    return jsonify({"page": page, "page_size": size, "total": total, "pages": pages,
                    "next": link(page + 1) if page < pages else None,
                    "previous": link(page - 1) if 1 < page <= pages else None, key: items})


def _document(document_id: int) -> Document:
    document = db_session().get(Document, document_id)
    if document is None:
        raise ApiError(404, "not_found", f"There is no document {document_id} in the collection.")
    return document


def _statute(statute_id: int) -> Statute:
    statute = db_session().get(Statute, statute_id)
    if statute is None:
        raise ApiError(404, "not_found", f"There is no statute {statute_id} in the collection.")
    return statute


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


# --- documents -------------------------------------------------------------------------------

@bp.get("/documents")
def documents():
    """Documents, newest first: ``?page=&page_size=`` (at most 100), filters ``kind``, ``court``, ``year``."""
    session = db_session()
    page, size = paging()
    kind = parse_kind(request.args.get("kind"))
    year = parse_year(request.args.get("year"))
    courts = court_ids(session, request.args.get("court"))
    query = select(Document).outerjoin(Judgment, Judgment.document_id == Document.id)
    if kind is not None:
        query = query.where(Document.kind == kind)
    if courts is not None:
        query = query.where(Judgment.court_id.in_(courts or [-1]))
    if year is not None:
        start, end = year_range(year)
        query = query.where(Document.principal_date >= start, Document.principal_date < end)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.options(selectinload(Document.judgment).selectinload(Judgment.court)
                                         .selectinload(Court.parent), selectinload(Document.citations))
                           .order_by(Document.principal_date.desc().nullslast(), Document.id)
                           .limit(size).offset((page - 1) * size)).all()
    masks = masks_for(session, [d.id for d in rows])
    items = []
    for d in rows:
        court, seat = court_parts(d.judgment.court if d.judgment else None)
        items.append({
            "id": d.id, "kind": d.kind.value, "title": masks.get(d.id, Masks()).text(d.title),
            "principal_date": _iso(d.principal_date), "court": court, "seat": seat,
            "citations": sorted(c.normalized for c in d.citations), "page_count": d.page_count,
            "language": d.language,
            "url": url_for("documents.show", document_id=d.id, _external=True),
            "api_url": url_for("api_v1.document", document_id=d.id, _external=True),
        })
    return paged(items, "documents", page, size, total, "api_v1.documents")


@bp.get("/documents/<int:document_id>")
def document(document_id: int):
    """The document as ``lawdb export`` writes it (``lawdb/data/export.schema.json``), names masked."""
    return jsonify(document_record(db_session(), _document(document_id)))


@bp.get("/documents/<int:document_id>/pages/<int:number>")
def document_page(document_id: int, number: int):
    session = db_session()
    document = _document(document_id)
    page = session.scalar(select(Page).where(Page.document_id == document.id, Page.number == number))
    if page is None:
        raise ApiError(404, "not_found",
                       f"Document {document_id} has no page {number} (it has {document.page_count}).")
    masks = masks_for(session, [document.id]).get(document.id, Masks())
    return jsonify({
        "document_id": document.id, "number": page.number, "label": page.label,
        "page_count": document.page_count, "method": page.method.value, "language": page.language,
        "text": masks.text(page.text), "masked": bool(masks),
        "url": url_for("documents.show", document_id=document.id, _anchor=f"p{page.number}", _external=True),
    })


# --- statutes --------------------------------------------------------------------------------

@bp.get("/statutes")
def statutes():
    session = db_session()
    counts = section_counts(session)
    rows = session.scalars(select(Statute).options(selectinload(Statute.aliases))
                           .order_by(Statute.short_title)).all()
    return jsonify(statutes=[{
        "id": s.id, "short_title": s.short_title, "title": s.title, "kind": s.kind.value,
        "act_number": s.act_number, "year": s.year, "jurisdiction": s.jurisdiction,
        "aliases": sorted(a.alias for a in s.aliases), "sections": counts.get(s.id, 0),
        "document_id": s.document_id,
        "url": url_for("statutes.show", statute_id=s.id, _external=True),
        "api_url": url_for("api_v1.statute", statute_id=s.id, _external=True),
    } for s in rows])


@bp.get("/statutes/<int:statute_id>")
def statute(statute_id: int):
    """The statute with its provision tree, versions in time and amendments (as ``lawdb export``)."""
    found = _statute(statute_id)
    return jsonify({"id": found.id, "document_id": found.document_id,
                    "url": url_for("statutes.show", statute_id=found.id, _external=True),
                    **statute_record(db_session(), found)})


@bp.get("/statutes/<int:statute_id>/provisions/<path:label>")
def provision(statute_id: int, label: str):
    """A section (by number, or a provision by its path) as in force on ``?as_at=`` (default today)."""
    session = db_session()
    found = _statute(statute_id)
    when = parse_date("as_at", request.args.get("as_at")) or date.today()
    item = statute_service.find_provision(session, found, label)
    if item is None:
        item = session.scalar(select(Provision).where(Provision.statute_id == found.id,
                                                      Provision.path == label.strip("/")))
    if item is None:
        raise ApiError(404, "not_found", f"{found.short_title} has no section {label!r} in the collection.")
    state = statute_service.provision_as_at(session, item, when)
    history = statute_service.provision_history(session, item)
    counts = statute_service.citing_counts(session, item)
    versions = sorted(item.versions, key=lambda v: (v.valid_from or date.min))
    url_args: dict[str, Any] = {"statute_id": found.id, "as_at": when.isoformat(), "_external": True}
    page_url = (url_for("statutes.section", label=item.label, **url_args) if item.kind in SECTION_KINDS
                else url_for("statutes.by_path", path=item.path, **url_args))
    return jsonify({
        "statute_id": found.id, "statute": found.short_title, "path": item.path, "kind": item.kind.value,
        "label": item.label, "heading": item.heading, "as_at": when.isoformat(), "state": state.state,
        "message": state.message, "text": state.text, "note": state.note,
        "valid_from": _iso(state.version.valid_from if state.version else None),
        "valid_to": _iso(state.version.valid_to if state.version else None),
        "periods": [{"valid_from": _iso(v.valid_from), "valid_to": _iso(v.valid_to),
                     "uncertain_until": _iso(v.uncertain_until), "omitted": v.omitted,
                     "text_known": v.text is not None, "note": v.note} for v in versions],
        "history": [{"action": a.action.value, "amending_act": a.amending_act,
                     "effective_date": _iso(a.effective_date), "raw_text": a.raw_text,
                     "amending_document_id": a.amending_document_id} for a in history],
        "citing": [{"court": c, "year": y, "documents": n} for c, y, n in counts],
        "citing_documents": sum(n for _, _, n in counts),
        "url": page_url,
    })


# --- sentences -------------------------------------------------------------------------------

@bp.get("/sentences")
def sentences():
    """Sentences with the explorer's filters, paged, with the summary figures of all that match."""
    session = db_session()
    page, size = paging()
    filters = sentence_views.parse_filters(session, request.args)
    figures = sentence_views.summary(session, filters)
    items = list(sentence_views.iter_rows(session, filters, limit=size, offset=(page - 1) * size))
    response = paged(items, "sentences", page, size, figures["count"], "api_v1.sentences")
    body = response.get_json()
    body["filters"] = filters.describe()
    body["summary"] = sentence_views.public_summary(figures)
    return jsonify(body)


# --- search ----------------------------------------------------------------------------------

_FLAGS = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False,
          "off": False}


def parse_flag(name: str, default: bool) -> bool:
    raw = (request.args.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw not in _FLAGS:
        raise BadQuery(f"{name} must be true or false, not {raw[:40]!r}.")
    return _FLAGS[raw]


@bp.get("/search")
def search():
    """Full-text search with the query language of docs/search.md: the JSON of ``lawdb search --json``.

    ``q``; facet filters ``kind``, ``court``, ``year``, ``section``, ``judge``
    (repeatable, ANDed); ``from`` / ``to`` dates; ``sort``; ``page`` and
    ``page_size`` (at most 100, and the first 1,000 results); ``facets`` and
    ``snippets`` (true or false). A malformed query is a 400 with the
    engine's message; a collection without a search index a 503.
    """
    args = search_views.parse_search_args(request.args, max_page_size=MAX_PAGE_SIZE)
    if args.empty:
        raise ApiError(400, "bad_query", "Send a query, e.g. /api/v1/search?q=bail+court:LHC "
                                         "(the query language is described in docs/search.md), "
                                         "or a filter such as court=LHC.")
    response = search_views.run(args, facets=parse_flag("facets", False),
                                snippets=parse_flag("snippets", True))
    if response.error:
        status = search_views.status_of(response)
        raise ApiError(status, "bad_query" if status == 400 else "search_unavailable", response.error)
    return jsonify(response.to_json())


# --- citations -------------------------------------------------------------------------------

@bp.post("/citations/lookup")
def citations_lookup():
    """Every case citation in ``{"text": ...}`` (at most 200 KB), with the document it resolves to."""
    if request.content_length is not None and request.content_length > LOOKUP_MAX_BYTES:
        raise ApiError(413, "too_large", f"The body is larger than {LOOKUP_MAX_BYTES // 1024} KB; "
                                         "send the text in smaller parts.")
    raw = request.stream.read(LOOKUP_MAX_BYTES + 1)
    if len(raw) > LOOKUP_MAX_BYTES:
        raise ApiError(413, "too_large", f"The body is larger than {LOOKUP_MAX_BYTES // 1024} KB; "
                                         "send the text in smaller parts.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ApiError(400, "bad_json", 'Send a JSON object: {"text": "..."}.') from None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise ApiError(400, "bad_request", 'Send a JSON object with a "text" string: {"text": "..."}.')
    facts = find_citations(data["text"])
    session = db_session()
    wanted = sorted({f.normalized for f in facts})
    owners: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        owners.update(session.execute(select(Citation.normalized, Citation.document_id)
                                      .where(Citation.normalized.in_(wanted[start:start + 500]))).all())
    docs = {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(set(owners.values()))))}
    masks = masks_for(session, docs.keys())
    found = []
    for fact in facts:
        doc = docs.get(owners.get(fact.normalized, -1))
        found.append({
            "raw": fact.raw, "normalized": fact.normalized, "kind": fact.kind, "reporter": fact.reporter,
            "year": fact.year, "volume": fact.volume, "page": fact.page, "court": fact.court,
            "jurisdiction": fact.jurisdiction, "span": [fact.span[0], fact.span[1]],
            "document": None if doc is None else {
                "id": doc.id, "title": masks.get(doc.id, Masks()).text(doc.title), "kind": doc.kind.value,
                "date": _iso(doc.principal_date),
                "url": url_for("documents.show", document_id=doc.id, _external=True),
                "api_url": url_for("api_v1.document", document_id=doc.id, _external=True)},
        })
    return jsonify(count=len(found), resolved=sum(1 for f in found if f["document"]), citations=found)


# --- OpenAPI ---------------------------------------------------------------------------------

@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3.1 description of ``/api/v1/``."""
    spec = openapi_document(request.url_root.rstrip("/"))
    return current_app.response_class(json.dumps(spec, indent=2, ensure_ascii=False) + "\n",
                                      mimetype="application/json")


def _export_schema() -> dict[str, Any]:
    return json.loads(files("lawdb").joinpath("data/export.schema.json").read_text(encoding="utf-8"))


#: No text in a URL or form may hold a NUL character: every route answers 400 (webui.security).
NO_NUL = "^[^\\u0000]*$"


def _no_nul(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with free strings (its own, or its array's items) barred from NUL characters."""
    if schema.get("type") == "string" and not ({"pattern", "format", "enum"} & schema.keys()):
        return {**schema, "pattern": NO_NUL}
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        return {**schema, "items": _no_nul(schema["items"])}
    return schema


def _param(name: str, where: str, description: str, schema: dict[str, Any], required: bool = False):
    required = required or where == "path"
    param = {"name": name, "in": where, "description": description, "required": required,
             "schema": _no_nul(schema)}
    if where == "query" and not required and schema.get("type") != "array":
        param["allowEmptyValue"] = True  # an empty value (``?year=``, as forms send) means "not given"
    return param


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict[str, Any]:
    text = {400: "A parameter is not usable; the message says which and why.",
            401: "Writing needs an API token (Authorization: Bearer ...) or a logged-in session.",
            404: "No such resource.", 413: "The body is too large."}
    return {str(c): _json({"$ref": "#/components/schemas/Error"}, text[c]) for c in codes}


def openapi_document(server: str = "") -> dict[str, Any]:
    """The OpenAPI 3.1 document: every ``/api/v1/`` route, with its parameters and answers."""
    ref = lambda name: {"$ref": f"#/components/schemas/{name}"}  # noqa: E731
    paging_params = [
        _param("page", "query", "1-based page number.",
               {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}),
        _param("page_size", "query", f"Items per page (at most {MAX_PAGE_SIZE}).",
               {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE}),
    ]
    court_param = _param("court", "query",
                         "A court's id, name or abbreviation (\"LHC\"); its benches count too.",
                         {"type": "string"})
    year_param = _param("year", "query", "Year of decision (of the principal date for other documents).",
                        {"type": "integer", "minimum": 1800, "maximum": 2100})
    sentence_params = [
        _param("act", "query", "Act key of the offence: PPC, PECA, CrPC...",
               {"type": "string", "maxLength": 128}),
        _param("section", "query", "Section of the offence, however written: 292-B, 292B.",
               {"type": "string", "maxLength": 32}),
        court_param | {"schema": _no_nul({"type": "string", "maxLength": 255})}, year_param,
        _param("punishment", "query", "Kind of punishment.", {"enum": [
            "death", "life_imprisonment", "rigorous_imprisonment", "simple_imprisonment", "imprisonment",
            "fine", "compensation", "acquittal", "other"]}),
        _param("stage", "query", "trial (as passed below) or final (as it stands after the judgment).",
               {"enum": ["trial", "final"]}),
    ]
    an_id = {"type": "integer", "minimum": 0, "maximum": MAX_URL_INT}
    doc_id = _param("document_id", "path", "The document's id.", an_id)
    statute_id = _param("statute_id", "path", "The statute's id.", an_id)
    export = _export_schema()
    export.pop("$schema", None)
    nullable_str = {"type": ["string", "null"]}
    nullable_int = {"type": ["integer", "null"]}
    schemas: dict[str, Any] = {
        "Error": {"type": "object", "required": ["error"], "properties": {
            "error": {"type": "string", "description": "a short code: bad_query, not_found..."},
            "message": {"type": "string", "description": "what went wrong and what to send instead"}}},
        "Paged": {"type": "object", "required": ["page", "page_size", "total", "pages"], "properties": {
            "page": {"type": "integer"}, "page_size": {"type": "integer"}, "total": {"type": "integer"},
            "pages": {"type": "integer"}, "next": nullable_str, "previous": nullable_str}},
        "DocumentSummary": {"type": "object", "properties": {
            "id": {"type": "integer"}, "kind": {"type": "string"}, "title": {"type": "string"},
            "principal_date": nullable_str, "court": nullable_str, "seat": nullable_str,
            "citations": {"type": "array", "items": {"type": "string"}}, "page_count": {"type": "integer"},
            "language": {"type": "string"}, "url": {"type": "string"}, "api_url": {"type": "string"}}},
        "DocumentRecord": export,
        "Page": {"type": "object", "properties": {
            "document_id": {"type": "integer"}, "number": {"type": "integer"}, "label": nullable_str,
            "page_count": {"type": "integer"}, "method": {"enum": ["text", "ocr"]}, "language": nullable_str,
            "text": {"type": "string", "description": "the page's cleaned text, victims' names masked"},
            "masked": {"type": "boolean"}, "url": {"type": "string"}}},
        "StatuteSummary": {"type": "object", "properties": {
            "id": {"type": "integer"}, "short_title": {"type": "string"}, "title": {"type": "string"},
            "kind": {"type": "string"}, "act_number": nullable_str, "year": nullable_int,
            "jurisdiction": {"type": "string"}, "aliases": {"type": "array", "items": {"type": "string"}},
            "sections": {"type": "integer"}, "document_id": nullable_int, "url": {"type": "string"},
            "api_url": {"type": "string"}}},
        "Statute": {"type": "object", "description": "As the export's `statute` field, with id and links.",
                    "properties": {"id": {"type": "integer"}, "document_id": nullable_int,
                                   "url": {"type": "string"}, "short_title": {"type": "string"},
                                   "provisions": {"type": "array", "items": {"type": "object"}}}},
        "ProvisionAsAt": {"type": "object", "properties": {
            "statute_id": {"type": "integer"}, "statute": {"type": "string"}, "path": {"type": "string"},
            "kind": {"type": "string"}, "label": {"type": "string"}, "heading": nullable_str,
            "as_at": {"type": "string", "format": "date"},
            "state": {"enum": ["in_force", "omitted", "not_yet", "unknown"]},
            "message": {"type": "string"}, "text": nullable_str, "note": nullable_str,
            "valid_from": nullable_str, "valid_to": nullable_str,
            "periods": {"type": "array", "items": {"type": "object"}},
            "history": {"type": "array", "items": {"type": "object"}},
            "citing": {"type": "array", "items": {"type": "object", "properties": {
                "court": nullable_str, "year": nullable_int, "documents": {"type": "integer"}}}},
            "citing_documents": {"type": "integer"}, "url": {"type": "string"}}},
        "Sentence": {"type": "object", "properties": {
            name: ({"type": ["integer", "null"]} if name in ("term_days", "fine_pkr", "compensation_pkr",
                                                             "default_term_days", "document_id", "page")
                   else {"type": ["number", "null"]} if name == "term_years"
                   else {"type": ["boolean", "null"]} if name in ("concurrent", "benefit_382b")
                   else nullable_str) for name in sentence_views.COLUMNS}},
        "CitationFound": {"type": "object", "properties": {
            "raw": {"type": "string"}, "normalized": {"type": "string"}, "kind": {"type": "string"},
            "reporter": {"type": "string"}, "year": nullable_int, "volume": nullable_str,
            "page": nullable_int,
            "court": nullable_str, "jurisdiction": {"type": "string"},
            "span": {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2},
            "document": {"oneOf": [{"type": "null"}, {"type": "object", "properties": {
                "id": {"type": "integer"}, "title": {"type": "string"}, "kind": {"type": "string"},
                "date": nullable_str, "url": {"type": "string"}, "api_url": {"type": "string"}}}]}}},
        "SearchHit": {"type": "object", "required": ["id", "kind", "title"], "properties": {
            "id": {"type": "integer", "description": "the document id (`/documents/{id}` on the site)"},
            "kind": {"type": "string"}, "title": {"type": "string"}, "court": nullable_str,
            "seat": nullable_str, "date": {"type": ["string", "null"], "format": "date"},
            "citations": {"type": "array", "items": {"type": "string"}},
            "score": {"type": ["number", "null"], "description": "null when sorted by date or citations"},
            "snippets": {"type": "array", "items": {"type": "object", "properties": {
                "page": {"type": "integer"},
                "html": {"type": "string", "description": "escaped text with <mark> around the hits"}}}},
            "cited_by": {"type": "integer"}, "version": {"type": "integer"}}},
        "SearchResponse": {"type": "object", "required": ["query", "total", "results"], "properties": {
            "query": {"type": "string"}, "total": {"type": "integer"}, "page": {"type": "integer"},
            "page_size": {"type": "integer"}, "sort": {"type": "string"}, "partial": {"type": "boolean"},
            "took_ms": {"type": "number"}, "results": {"type": "array", "items": ref("SearchHit")},
            "facets": {"type": "object", "additionalProperties": {"type": "array", "items": {
                "type": "object",
                "properties": {"value": {"type": "string"}, "count": {"type": "integer"}}}}},
            "did_you_mean": nullable_str, "error": nullable_str,
            "warnings": {"type": "array", "items": {"type": "string"}}}},
        "Job": {"type": "object", "properties": {
            "id": {"type": "integer"}, "status": {"enum": ["queued", "running", "done", "failed"]},
            "original_name": {"type": "string"}, "sha256": {"type": "string"}, "options": {"type": "object"},
            "created_at": nullable_str, "finished_at": nullable_str, "attempts": {"type": "integer"},
            "error_code": nullable_str, "error_message": nullable_str, "document_id": nullable_int,
            "document_url": nullable_str, "url": {"type": "string"}}},
    }
    token = [{"bearerToken": []}, {"sessionCookie": []}]
    paths: dict[str, Any] = {
        "/api/v1/documents": {"get": {
            "operationId": "listDocuments", "summary": "Documents, newest first", "tags": ["documents"],
            "parameters": [*paging_params,
                           _param("kind", "query", "Document kind.", {"enum": [
                               "judgment", "statute", "amending_act", "ordinance", "rules", "report",
                               "other"]}), court_param, year_param],
            "responses": {"200": _json({"allOf": [ref("Paged"), {"type": "object", "properties": {
                "documents": {"type": "array", "items": ref("DocumentSummary")}}}]}, "A page of documents."),
                **_errors(400)}}},
        "/api/v1/documents/{document_id}": {"get": {
            "operationId": "getDocument", "summary": "One document as exported (names masked)",
            "tags": ["documents"], "parameters": [doc_id],
            "responses": {"200": _json(ref("DocumentRecord"), "The document record."), **_errors(404)}}},
        "/api/v1/documents/{document_id}/pages/{number}": {"get": {
            "operationId": "getDocumentPage", "summary": "The text of one page (names masked)",
            "tags": ["documents"],
            "parameters": [doc_id, _param("number", "path", "1-based PDF page number.", an_id)],
            "responses": {"200": _json(ref("Page"), "The page."), **_errors(404)}}},
        "/api/v1/statutes": {"get": {
            "operationId": "listStatutes", "summary": "Statutes with aliases and section counts",
            "tags": ["statutes"],
            "responses": {"200": _json({"type": "object", "properties": {
                "statutes": {"type": "array", "items": ref("StatuteSummary")}}}, "Every statute.")}}},
        "/api/v1/statutes/{statute_id}": {"get": {
            "operationId": "getStatute", "summary": "A statute: provision tree, versions, amendments",
            "tags": ["statutes"], "parameters": [statute_id],
            "responses": {"200": _json(ref("Statute"), "The statute."), **_errors(404)}}},
        "/api/v1/statutes/{statute_id}/provisions/{label}": {"get": {
            "operationId": "getProvision", "summary": "A section as in force on a date",
            "tags": ["statutes"],
            "parameters": [statute_id,
                           _param("label", "path", "Section number however written (22, 292-B, 7A), or a "
                                  "provision path (s6/1).", {"type": "string"}),
                           _param("as_at", "query", "The date (YYYY-MM-DD); today by default.",
                                  {"type": "string", "format": "date"})],
            "responses": {"200": _json(ref("ProvisionAsAt"), "The provision on that date."),
                          **_errors(400, 404)}}},
        "/api/v1/sentences": {"get": {
            "operationId": "listSentences", "summary": "Sentences, filtered as in the explorer",
            "tags": ["sentences"], "parameters": [*paging_params, *sentence_params],
            "responses": {"200": _json({"allOf": [ref("Paged"), {"type": "object", "properties": {
                "filters": {"type": "object"}, "summary": {"type": "object"},
                "sentences": {"type": "array", "items": ref("Sentence")}}}]}, "A page of sentences."),
                **_errors(400)}}},
        "/api/v1/citations/lookup": {"post": {
            "operationId": "lookupCitations", "summary": "Find the case citations in a text and resolve them",
            "description": "Read-only, so no login is needed. A logged-in browser session must send its "
                           "CSRF token (X-CSRF-Token); anonymous and token clients need none.",
            "tags": ["citations"],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["text"], "properties": {
                    "text": {"type": "string", "description": f"at most {LOOKUP_MAX_BYTES // 1024} KB"}}}}}},
            "responses": {"200": _json({"type": "object", "properties": {
                "count": {"type": "integer"}, "resolved": {"type": "integer"},
                "citations": {"type": "array", "items": ref("CitationFound")}}}, "The citations found."),
                **_errors(400, 413)}}},
        "/api/v1/search": {"get": {
            "operationId": "search", "summary": "Full-text search (the query language of docs/search.md)",
            "description": "Boolean, phrase, proximity, prefix, fuzzy and field queries; citations, case "
                           "numbers and section references as written. Answers the JSON that "
                           "`lawdb search --json` prints. Facet filters are ANDed to the query. Results are "
                           "served page by page up to the first 1,000; a search stops after 2 seconds and "
                           "then says `partial: true`. Snippets are escaped text with `<mark>` around the "
                           "hits, and victims' names are masked in them.",
            "tags": ["search"],
            "parameters": [
                _param("q", "query", "The query. May be left out when a filter is given.", {"type": "string",
                                                                                         "maxLength": 1000}),
                *[_param(name, "query", text, {"type": "array", "items": schema}) | {"explode": True}
                  for name, text, schema in [
                      ("kind", "Only documents of this kind (repeatable).", {"enum": [
                          "judgment", "statute", "amending_act", "ordinance", "rules", "report", "other"]}),
                      ("court", "Only judgments of this court, as the `court` facet names it (repeatable).",
                       {"type": "string"}),
                      ("year", "Only documents of this year (repeatable).",
                       {"type": "integer", "minimum": 1800, "maximum": 2100}),
                      ("section", "Only documents referring to this section, as the `section` facet "
                                  "names it: `PPC:292C` (repeatable).", {"type": "string"}),
                      ("judge", "Only judgments with this judge on the bench (repeatable).",
                       {"type": "string"})]],
                _param("from", "query", "Decided (or enacted) on or after this date.",
                       {"type": "string", "format": "date"}),
                _param("to", "query", "Decided (or enacted) on or before this date.",
                       {"type": "string", "format": "date"}),
                _param("sort", "query", "relevance; date (newest first); date_asc; cited (most cited first).",
                       {"enum": ["relevance", "date", "date_asc", "cited"], "default": "relevance"}),
                _param("page", "query", "1-based page number (page x page_size at most 1,000).",
                       {"type": "integer", "minimum": 1, "default": 1}),
                _param("page_size", "query", f"Results per page (at most {MAX_PAGE_SIZE}).",
                       {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": 10}),
                _param("facets", "query", "Also count the matches by kind, court, year, section and judge.",
                       {"type": "boolean", "default": False}),
                _param("snippets", "query", "Highlighted passages naming their page.",
                       {"type": "boolean", "default": True}),
            ],
            "responses": {"200": _json(ref("SearchResponse"), "The results."),
                          **_errors(400), "503": _json(ref("Error"), "The collection has no search index "
                                                                      "yet (`lawdb reindex` builds it).")}}},
        "/api/v1/uploads": {"post": {
            "operationId": "upload", "summary": "Upload PDFs for ingest (write access)", "tags": ["uploads"],
            "security": token,
            "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
                "type": "object", "required": ["files"], "properties": {
                    "files": {"type": "array", "minItems": 1, "description": "PDF files: their content is "
                              "checked (it must start with %PDF-), never their names; at most "
                              "LAWDB_UPLOAD_MAX_FILES (20 by default) per request.",
                              "items": {"type": "string", "contentMediaType":
                                                         "application/pdf"}},
                    "kind": {"enum": [k.value for k in DocumentKind]},
                    **{name: _no_nul({"type": "string", "maxLength": limit})
                       for name, limit in UPLOAD_FIELD_LIMITS.items()},
                    "date": {"type": "string", "format": "date"}}}}}},
            "responses": {"202": _json({"type": "object", "properties": {
                "jobs": {"type": "array", "items": ref("Job")}}}, "Queued, one job per file."),
                **_errors(400, 401, 413)}}},
        "/api/v1/jobs": {"get": {
            "operationId": "listJobs", "summary": "The caller's recent ingest jobs (write access)",
            "tags": ["uploads"], "security": token,
            "responses": {"200": _json({"type": "object", "properties": {
                "jobs": {"type": "array", "items": ref("Job")}}}, "Newest first."), **_errors(401)}}},
        "/api/v1/jobs/{job_id}": {"get": {
            "operationId": "getJob", "summary": "One ingest job of the caller's (write access)",
            "tags": ["uploads"], "security": token,
            "parameters": [_param("job_id", "path", "The job's id.", an_id)],
            "responses": {"200": _json(ref("Job"), "The job."), **_errors(401, 404)}}},
        "/api/v1/openapi.json": {"get": {
            "operationId": "openapi", "summary": "This document", "tags": ["meta"],
            "responses": {"200": _json({"type": "object"}, "The OpenAPI 3.1 document.")}}},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "lawdb API", "version": "1",
                 "description": "Read-only access to lawdb's court judgments, statutes and sentences; "
                                "uploads with an API token. Victims' names are masked in every answer. "
                                "See docs/api.md.",
                 "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"}},
        "servers": [{"url": server or "/"}],
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "paths": deepcopy(paths),
        "components": {"schemas": schemas, "securitySchemes": {
            "bearerToken": {"type": "http", "scheme": "bearer",
                            "description": "An API token made with `lawdb user token NAME`."},
            "sessionCookie": {"type": "apiKey", "in": "cookie", "name": "session",
                              "description": "A logged-in browser session (POST /login)."}}},
    }
