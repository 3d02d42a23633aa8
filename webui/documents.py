"""Reading documents: the list, the judgment (or any document) page, its original PDF, masking.

A document page shows its metadata, the sentences it hands down, its text
page by page (anchors ``#p7``) with every citation a link to the cited
judgment (or marked "not in collection") and every resolved statute
reference a link to the section as in force on the decision date, and the
documents citing it.

Victims' names are masked on output, never in the stored text. The page
text is built from the stored text by escaping it segment by segment and
inserting links at the recorded spans; masks are applied by span
(:func:`lawdb.masking.mask_spans`) in the same pass, so the parser's offsets
stay right and no name survives inside a link. The helpers here
(:class:`Masks`, :func:`masks_for`, :func:`render_text`, the query-string
parsers) are shared by the statute, sentence and API blueprints.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, send_file, url_for
from markupsafe import Markup, escape
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from werkzeug.utils import secure_filename

from lawdb.masking import DEFAULT_REPLACEMENT, mask_spans, mask_text
from lawdb.models import (
    BenchMember,
    CitationMention,
    Court,
    Document,
    DocumentKind,
    Judgment,
    MaskedName,
    Sentence,
    Statute,
    StatuteReference,
)
from lawdb.services.citations import cited_by
from lawdb.services.indexing import queue_upsert
from lawdb.store import FileStore
from webui import db_session
from webui.auth import login_required
from webui.security import error_response

bp = Blueprint("documents", __name__)

#: Documents per page of the list.
LIST_PAGE_SIZE = 50
#: Ids per ``IN (...)`` when loading masks for many documents.
_CHUNK = 500


# --- query strings --------------------------------------------------------------------------

class BadQuery(ValueError):
    """A query-string value that cannot be used; the message says what is wrong and what to send."""


def parse_int(name: str, raw: str | None, *, minimum: int | None = None,
              maximum: int | None = None) -> int | None:
    """``raw`` as a whole number (None when absent or empty); BadQuery when it is not one or out of range."""
    if raw is None or raw.strip() == "":
        return None
    text = raw.strip()
    # "2.0" is a whole number too (JSON Schema's "integer" admits it, and clients send it).
    if not re.fullmatch(r"[+-]?\d{1,12}(?:\.0+)?", text):
        raise BadQuery(f"{name} must be a whole number, not {raw[:40]!r}.")
    value = int(text.partition(".")[0])
    if minimum is not None and value < minimum:
        raise BadQuery(f"{name} must be at least {minimum}, not {value}.")
    if maximum is not None and value > maximum:
        raise BadQuery(f"{name} must be at most {maximum}, not {value}.")
    return value


def parse_date(name: str, raw: str | None) -> date | None:
    """``raw`` as an ISO date ``YYYY-MM-DD`` (None when absent or empty); BadQuery otherwise."""
    if raw is None or raw.strip() == "":
        return None
    text = raw.strip()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise BadQuery(f"{name} must be a date written YYYY-MM-DD, not {raw[:40]!r}.") from None


def parse_year(raw: str | None, name: str = "year") -> int | None:
    return parse_int(name, raw, minimum=1800, maximum=2100)


def year_range(year: int) -> tuple[date, date]:
    """``[1 January, next 1 January)``: filters on a date column that can use its index, on any database."""
    return date(year, 1, 1), date(year + 1, 1, 1)


def parse_kind(raw: str | None) -> DocumentKind | None:
    if raw is None or raw.strip() == "":
        return None
    value = raw.strip().lower().replace(" ", "_").replace("-", "_")
    try:
        return DocumentKind(value)
    except ValueError:
        allowed = ", ".join(k.value for k in DocumentKind)
        raise BadQuery(f"kind must be one of {allowed}, not {raw[:40]!r}.") from None


# --- courts ---------------------------------------------------------------------------------

def court_parts(court: Court | None) -> tuple[str | None, str | None]:
    """``(court, seat)``: ("Lahore High Court", "Multan Bench") for "Lahore High Court, Multan Bench"."""
    if court is None:
        return None, None
    if court.parent is not None:
        seat = court.name.removeprefix(court.parent.name).lstrip(", ") or None
        return court.parent.name, seat
    return court.name, None


def court_ids(session: Session, raw: str | None) -> list[int] | None:
    """The court a filter names (an id, a name or an abbreviation, any case) with its benches.

    None when no court filter was given; an empty list when the value names no
    court, so the filter matches nothing rather than everything.
    """
    if raw is None or raw.strip() == "":
        return None
    text = " ".join(raw.split())
    if re.fullmatch(r"[0-9]+", text):  # not str.isdigit(): "¹" is a digit that int() refuses
        roots = [int(text)] if len(text) <= 12 else []
    else:
        roots = list(session.scalars(select(Court.id).where(
            (func.lower(Court.name) == text.lower()) | (func.lower(Court.abbreviation) == text.lower()))))
    if not roots:
        return []
    benches = session.scalars(select(Court.id).where(Court.parent_id.in_(roots)))
    return sorted(set(roots) | set(benches))


def courts_with_judgments(session: Session) -> list[Court]:
    """Courts (main courts only) that have judgments in the collection, by name: filter choices."""
    used = select(Judgment.court_id).where(Judgment.court_id.is_not(None))
    rows = session.scalars(select(Court).where(Court.id.in_(used)).options(selectinload(Court.parent))).all()
    main = {c.parent or c for c in rows}
    return sorted(main, key=lambda c: c.name)


# --- masking ----------------------------------------------------------------------------------

@dataclass
class Masks:
    """The names to mask in one document, grouped by their replacement (empty when masking is off)."""

    groups: dict[str, list[str]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return any(self.groups.values())

    @property
    def names(self) -> list[str]:
        return sorted(n for names in self.groups.values() for n in names)

    def text(self, value: str | None) -> str | None:
        """``value`` with every masked name replaced."""
        if value is None or not self:
            return value
        for replacement, names in self.groups.items():
            value = mask_text(value, names, replacement)
        return value

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping ``(start, end, replacement)`` of the names in ``text``, in order."""
        if not self or not text:
            return []
        found = [(s, e, replacement) for replacement, names in self.groups.items()
                 for s, e in mask_spans(text, names)]
        found.sort(key=lambda t: (t[0], -t[1]))
        out: list[tuple[int, int, str]] = []
        for start, end, replacement in found:
            if out and start < out[-1][1]:
                if end > out[-1][1]:  # two groups overlap: hide the union
                    out[-1] = (out[-1][0], end, out[-1][2])
                continue
            out.append((start, end, replacement))
        return out


def masks_for(session: Session, document_ids: Iterable[int]) -> dict[int, Masks]:
    """Masks of many documents at once (documents whose masking an admin switched off get none)."""
    ids = sorted(set(document_ids))
    result: dict[int, Masks] = defaultdict(Masks)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        rows = session.execute(
            select(MaskedName.document_id, MaskedName.name, MaskedName.replacement)
            .join(Document, Document.id == MaskedName.document_id)
            .where(MaskedName.document_id.in_(chunk), Document.masking_enabled.is_(True)))
        for doc_id, name, replacement in rows:
            result[doc_id].groups.setdefault(replacement or DEFAULT_REPLACEMENT, []).append(name)
    return result


def document_masks(session: Session, document: Document) -> Masks:
    return masks_for(session, [document.id]).get(document.id, Masks())


# --- text with links and masks -----------------------------------------------------------------

@dataclass(frozen=True)
class Link:
    """A span of a page's text to wrap: a link when ``href`` is set, else a marked ``<span>``."""

    start: int
    end: int
    href: str | None
    css: str
    title: str | None = None
    suffix: str | None = None


def render_text(text: str, links: Sequence[Link], masks: Masks) -> Markup:
    """``text`` as HTML: every segment escaped, ``links`` inserted at their spans, masked names replaced.

    Links outside the text or overlapping an earlier one are dropped. A mask
    that straddles a link boundary is replaced once, where it starts.
    """
    length = len(text)
    chosen: list[Link] = []
    for link in sorted(links, key=lambda k: (k.start, -k.end)):
        if not 0 <= link.start < link.end <= length:
            continue
        if chosen and link.start < chosen[-1].end:
            continue
        chosen.append(link)
    hidden = masks.spans(text)
    out: list[str] = []

    def plain(a: int, b: int) -> None:
        cursor = a
        for start, end, replacement in hidden:
            if end <= a or start >= b:
                continue
            if start >= cursor:
                out.append(str(escape(text[cursor:start])))
            if start >= a:
                out.append(f'<span class="masked" title="name masked">{escape(replacement)}</span>')
            cursor = max(cursor, min(end, b))
        if cursor < b:
            out.append(str(escape(text[cursor:b])))

    position = 0
    for link in chosen:
        plain(position, link.start)
        title = f' title="{escape(link.title)}"' if link.title else ""
        if link.href is not None:
            out.append(f'<a class="{escape(link.css)}" href="{escape(link.href)}"{title}>')
        else:
            out.append(f'<span class="{escape(link.css)}"{title}>')
        plain(link.start, link.end)
        out.append("</a>" if link.href is not None else "</span>")
        if link.suffix:
            out.append(f'<span class="nic">{escape(link.suffix)}</span>')
        position = link.end
    plain(position, length)
    return Markup("".join(out))


def statute_reference_links(refs: Sequence[StatuteReference], text: str, when: date | None) -> list[Link]:
    """Links for the resolved statute references of one page.

    "sections 292-B/292-C PPC" is one span holding two references: each is
    narrowed to its own section number, so both can be links.
    """
    by_span: dict[tuple[int, int], list[StatuteReference]] = defaultdict(list)
    for ref in refs:
        by_span[(ref.span_start, ref.span_end)].append(ref)
    links: list[Link] = []
    for (start, end), group in by_span.items():
        resolved = [r for r in group if r.provision_id is not None and r.provision is not None]
        for ref in resolved:
            s, e = start, end
            if len(group) > 1:
                label = ref.section_label or ""
                found = text.lower().find(label.lower(), start, end) if label else -1
                if found < 0:
                    if ref is not resolved[0]:
                        continue
                else:
                    s, e = found, found + len(label)
            provision = ref.provision
            args: dict[str, Any] = {"statute_id": provision.statute_id, "label": provision.label}
            if when is not None:
                args["as_at"] = when.isoformat()
            statute = provision.statute
            title = f"{statute.short_title}, {provision.kind.value} {provision.label}"
            if when is not None:
                title += f", as in force on {when.isoformat()}"
            links.append(Link(s, e, url_for("statutes.section", **args), "statute-ref", title))
    return links


def citation_links(mentions: Sequence[CitationMention], titles: dict[int, str]) -> list[Link]:
    links = []
    for mention in mentions:
        if mention.target_document_id is not None:
            links.append(Link(mention.span_start, mention.span_end,
                              url_for("documents.show", document_id=mention.target_document_id),
                              "cite", titles.get(mention.target_document_id)))
        else:
            links.append(Link(mention.span_start, mention.span_end, None, "cite missing",
                              "This judgment is not in the collection", " (not in collection)"))
    return links


# --- formatting -------------------------------------------------------------------------------

def term_text(days: int | None) -> str:
    """A term in days as a judgment writes it: "5 years", "1 year 6 months" (a year 365 days, a month 30)."""
    if days is None:
        return ""
    years, rest = divmod(days, 365)
    months, rest = divmod(rest, 30)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if months:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    if rest or not parts:
        parts.append(f"{rest} day{'s' if rest != 1 else ''}")
    return " ".join(parts)


def rupees(value: int | None) -> str:
    return "" if value is None else f"Rs. {value:,}"


def human(value: str | None) -> str:
    return (value or "").replace("_", " ")


def decided_on(document: Document) -> date | None:
    judgment = document.judgment
    return (judgment.decision_date if judgment is not None else None) or document.principal_date


def safe_download_name(document: Document, masks: Masks) -> str:
    """The original's name for ``Content-Disposition``: masked, ASCII, no path, ends in ``.pdf``."""
    source = document.source_file
    raw = masks.text(source.original_name if source else "") or ""
    name = secure_filename(raw.replace("[", "").replace("]", ""))
    if not name or name.lower() in ("pdf", ".pdf"):
        name = f"document-{document.id}.pdf"
    if not name.lower().endswith(".pdf"):
        name += ".pdf"
    return name[-120:]


def original_allowed(masks: Masks) -> bool:
    """The original PDF carries the names unmasked: only logged-in users may fetch a masked document's."""
    return not masks or g.get("user") is not None


# --- pages ------------------------------------------------------------------------------------

@bp.after_request
def private_when_logged_in(response):
    # An administrator's page lists the masked names: never for shared caches.
    if g.get("user") is not None:
        response.headers.setdefault("Cache-Control", "private, no-store")
    return response


def _load(session: Session, document_id: int) -> Document | None:
    return session.scalars(select(Document).where(Document.id == document_id).options(
        selectinload(Document.pages), selectinload(Document.citations),
        selectinload(Document.citation_mentions),
        selectinload(Document.statute_references).selectinload(StatuteReference.provision),
        selectinload(Document.source_file),
        selectinload(Document.judgment).selectinload(Judgment.bench).selectinload(BenchMember.judge),
        selectinload(Document.judgment).selectinload(Judgment.parties),
        selectinload(Document.judgment).selectinload(Judgment.case_numbers),
        selectinload(Document.judgment).selectinload(Judgment.counsel),
        selectinload(Document.judgment).selectinload(Judgment.sentences).selectinload(Sentence.accused),
        selectinload(Document.judgment).selectinload(Judgment.court).selectinload(Court.parent),
    )).first()


def similar_documents(session: Session, document: Document, limit: int = 5) -> list[dict[str, Any]]:
    """Documents like this one (:func:`lawdb.search.more_like_this`), judgments only for a judgment.

    Fails soft: with no search index, a document not yet indexed, or any
    error of the index, the list is empty and the page is shown as usual.
    """
    from lawdb.search import more_like_this

    try:
        response = more_like_this(current_app.config["LAWDB_SETTINGS"], document.id, limit=limit * 3)
    except Exception:
        current_app.logger.exception("similar documents of %s could not be found", document.id)
        return []
    if response.error:
        return []
    hits = [h for h in response.results if h.id != document.id]
    if document.kind == DocumentKind.JUDGMENT:
        hits = [h for h in hits if h.kind == DocumentKind.JUDGMENT.value]
    hits = hits[:limit]
    masks = masks_for(session, [h.id for h in hits])
    return [{"id": h.id, "title": masks.get(h.id, Masks()).text(h.title) or "(untitled)", "kind": h.kind,
             "court": h.court, "seat": h.seat, "date": h.date, "citations": h.citations} for h in hits]


def not_found(document_id: int):
    return error_response(404, "not_found", f"There is no document {document_id} in the collection.")


@bp.get("/documents")
def index():
    """Every document, newest first, filterable by kind, court and year."""
    session = db_session()
    error = None
    try:
        kind = parse_kind(request.args.get("kind"))
        year = parse_year(request.args.get("year"))
        page = parse_int("page", request.args.get("page"), minimum=1, maximum=1_000_000) or 1
        courts = court_ids(session, request.args.get("court"))
    except BadQuery as exc:
        error, kind, year, page, courts = str(exc), None, None, 1, None
    query = (select(Document).outerjoin(Judgment, Judgment.document_id == Document.id)
             .options(selectinload(Document.judgment).selectinload(Judgment.court)
                      .selectinload(Court.parent)))
    if kind is not None:
        query = query.where(Document.kind == kind)
    if courts is not None:
        query = query.where(Judgment.court_id.in_(courts or [-1]))
    if year is not None:
        start, end = year_range(year)
        query = query.where(Document.principal_date >= start, Document.principal_date < end)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    documents = session.scalars(query.order_by(Document.principal_date.desc().nullslast(), Document.id)
                                .limit(LIST_PAGE_SIZE).offset((page - 1) * LIST_PAGE_SIZE)).all()
    masks = masks_for(session, [d.id for d in documents])
    rows = [{"document": d, "title": masks.get(d.id, Masks()).text(d.title),
             "court": court_parts(d.judgment.court if d.judgment else None)} for d in documents]
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    pages = max(1, -(-total // LIST_PAGE_SIZE))
    return render_template(
        "documents/index.html", rows=rows, total=total, page=page, pages=pages, args=args, error=error,
        kinds=[k.value for k in DocumentKind], courts=courts_with_judgments(session),
    ), 400 if error else 200


@bp.get("/documents/<int:document_id>")
def show(document_id: int):
    session = db_session()
    document = _load(session, document_id)
    if document is None:
        return not_found(document_id)
    masks = document_masks(session, document)
    judgment = document.judgment
    when = decided_on(document)

    targets = {m.target_document_id for m in document.citation_mentions if m.target_document_id}
    target_docs = {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(targets)))}
    citing = cited_by(session, document.id)
    other_masks = masks_for(session, set(target_docs) | {d.id for d, _ in citing})
    target_titles = {i: other_masks.get(i, Masks()).text(d.title) or "" for i, d in target_docs.items()}

    mentions_by_page: dict[int, list[CitationMention]] = defaultdict(list)
    for mention in document.citation_mentions:
        mentions_by_page[mention.page_number].append(mention)
    refs_by_page: dict[int, list[StatuteReference]] = defaultdict(list)
    for ref in document.statute_references:
        refs_by_page[ref.page_number].append(ref)
    pages = []
    for page in document.pages:
        links = citation_links(mentions_by_page.get(page.number, []), target_titles)
        links += statute_reference_links(refs_by_page.get(page.number, []), page.text, when)
        pages.append({"number": page.number, "label": page.label, "method": page.method.value,
                      "html": render_text(page.text or "", links, masks)})

    sentences = []
    if judgment is not None:
        for s in sorted(judgment.sentences, key=lambda s: (s.stage.value != "trial", s.page_number, s.id)):
            provision_url = None
            if s.offence_provision_id is not None and s.offence_provision is not None:
                args: dict[str, Any] = {"statute_id": s.offence_provision.statute_id,
                                        "label": s.offence_provision.label}
                if when is not None:
                    args["as_at"] = when.isoformat()
                provision_url = url_for("statutes.section", **args)
            accused = s.accused_name or (s.accused.name if s.accused is not None else None)
            sentences.append({
                "stage": s.stage.value, "accused": masks.text(accused),
                "section": s.offence_raw or " ".join(x for x in (s.offence_section, s.offence_act) if x),
                "provision_url": provision_url, "punishment": human(s.punishment_kind.value),
                "term": term_text(s.term_days), "fine": rupees(s.fine_pkr),
                "compensation": rupees(s.compensation_pkr), "default_term": term_text(s.default_term_days),
                "concurrent": s.concurrent, "page": s.page_number, "quote": masks.text(s.quote),
            })

    statute = session.scalar(select(Statute).where(Statute.document_id == document.id))
    court, seat = court_parts(judgment.court if judgment else None)
    page_labels = {p.number: p.label for p in document.pages}
    return render_template(
        "documents/show.html", document=document, judgment=judgment, title=masks.text(document.title),
        court=court, seat=seat, masks=masks, pages=pages, sentences=sentences, statute=statute,
        parties=[(masks.text(p.name), human(p.role.value)) for p in judgment.parties] if judgment else [],
        counsel=[(masks.text(c.name), c.appearing_for) for c in judgment.counsel] if judgment else [],
        lower_court=masks.text(judgment.lower_court_line) if judgment else None,
        own_citations=sorted(c.normalized for c in document.citations),
        cited_by=[(d, other_masks.get(d.id, Masks()).text(d.title), n) for d, n in citing],
        original_allowed=original_allowed(masks) and document.source_file is not None
        and document.source_file.stored_path is not None,
        can_toggle=bool(g.get("user") is not None and g.user.is_admin and g.get("auth_method") == "session"),
        page_labels=page_labels, human=human, similar=similar_documents(session, document),
    )


@bp.get("/documents/<int:document_id>/original")
def original(document_id: int):
    """The original PDF, found only through the document's row (never a path from the request)."""
    session = db_session()
    document = session.get(Document, document_id)
    if document is None:
        return not_found(document_id)
    source = document.source_file
    if source is None or not source.stored_path:
        return error_response(404, "not_found", f"The original of document {document_id} is not kept.")
    masks = document_masks(session, document)
    if not original_allowed(masks):
        return error_response(403, "forbidden",
                              "The original PDF names a victim whose name is masked in this collection; "
                              "only logged-in users may download it. Read the masked text on the "
                              "document's page instead.")
    store = FileStore(current_app.config["LAWDB_SETTINGS"].files_dir)
    try:
        path = store.resolve(source.stored_path)
    except ValueError:
        current_app.logger.warning("document %s: stored path %r leaves the file store",
                                   document_id, source.stored_path)
        return error_response(404, "not_found", f"The original of document {document_id} is not kept.")
    if not path.is_file():
        return error_response(404, "not_found", f"The original of document {document_id} is missing "
                                                "from the file store.")
    response = send_file(path, mimetype="application/pdf", as_attachment=False,
                         download_name=safe_download_name(document, masks), conditional=True, etag=True,
                         max_age=0)
    response.headers["Cache-Control"] = "private, no-store" if masks else "public, max-age=3600"
    return response


def refresh_index() -> None:
    """Apply queued index work now, so that search and snippets follow a masking change at once.

    The index is a cache of the database: if this fails (say another process
    holds the index), the work stays queued for the next drain.
    """
    from lawdb.search import drain_outbox

    try:
        drain_outbox(current_app.extensions["lawdb_sessions"], current_app.config["LAWDB_SETTINGS"],
                     timeout=2.0)
    except Exception:
        current_app.logger.exception("the search index was not brought up to date")


@bp.post("/documents/<int:document_id>/masking")
@login_required
def set_masking(document_id: int):
    """An administrator switches masking of victims' names on or off for one document."""
    if not g.user.is_admin:
        return error_response(403, "forbidden", "Only an administrator can switch masking on or off.")
    session = db_session()
    document = session.get(Document, document_id)
    if document is None:
        return not_found(document_id)
    value = request.form.get("masking", "")
    if value not in ("on", "off"):
        return error_response(400, "bad_request", "Send masking=on or masking=off.")
    wanted = value == "on"
    if document.masking_enabled != wanted:
        document.masking_enabled = wanted
        document.version = (document.version or 1) + 1  # the index holds masked text: refresh it
        queue_upsert(session, document)
        session.commit()
        refresh_index()
    flash("Victims' names are now masked in this document." if wanted else
          "Masking is now OFF for this document: victims' names are shown to everyone.",
          "success" if wanted else "info")
    return redirect(url_for("documents.show", document_id=document_id))


__all__ = ["BadQuery", "Link", "Masks", "bp", "masks_for", "parse_date", "parse_int", "render_text"]
