"""Statute pages: the list, a statute's table of contents, and a section as in force on a date.

``/statutes/<id>/section/<label>`` is a section's page (``?as_at=YYYY-MM-DD``
picks the date; today by default). ``/statutes/<id>/<path>`` takes a
provision's path in its statute (``s5A``, ``s6/1``, ``ch3``, ``sch1``) and
sends sections and their parts to the section page, chapters and parts to
the table of contents. ``/statutes/PECA/...`` (an alias or title in place of
the id) redirects to the statute's id.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from lawdb.models import (
    Amendment,
    Court,
    Document,
    Judgment,
    Provision,
    ProvisionKind,
    Statute,
    StatuteReference,
)
from lawdb.services import statutes as svc
from webui import db_session
from webui.documents import BadQuery, Masks, masks_for, parse_date, parse_year, year_range
from webui.security import error_response

bp = Blueprint("statutes", __name__)

#: What a section page is about: the numbered units of an Act, Constitution or rules.
SECTION_KINDS = (ProvisionKind.SECTION, ProvisionKind.ARTICLE, ProvisionKind.RULE)
#: The entries of a table of contents (sub-sections and clauses are read on the section page).
TOC_KINDS = (ProvisionKind.PREAMBLE, ProvisionKind.PART, ProvisionKind.CHAPTER, *SECTION_KINDS,
             ProvisionKind.SCHEDULE)
CONTAINER_KINDS = (ProvisionKind.PART, ProvisionKind.CHAPTER)
#: Most citing documents listed on a section page (the counts cover all of them).
CITING_LIMIT = 200


def statute_not_found(what: Any):
    return error_response(404, "not_found", f"There is no statute {what} in the collection.")


def section_counts(session: Session) -> dict[int, int]:
    return dict(session.execute(
        select(Provision.statute_id, func.count()).where(Provision.kind.in_(SECTION_KINDS))
        .group_by(Provision.statute_id)).all())


def current_state(provision: Provision) -> str | None:
    """``omitted`` when the latest version says so, ``None`` otherwise (or when there is no history)."""
    if not provision.versions:
        return None
    latest = max(provision.versions, key=lambda v: (v.valid_to is None, v.valid_to or date.min,
                                                    v.valid_from or date.min))
    return "omitted" if latest.omitted else None


def section_url(provision: Provision, when: date | None = None, **extra: Any) -> str:
    args: dict[str, Any] = {"statute_id": provision.statute_id, "label": provision.label, **extra}
    if when is not None:
        args["as_at"] = when.isoformat()
    return url_for("statutes.section", **args)


def enclosing_section(provision: Provision) -> Provision | None:
    node: Provision | None = provision
    while node is not None and node.kind not in SECTION_KINDS:
        node = node.parent
    return node


@bp.get("/statutes")
def index():
    session = db_session()
    counts = section_counts(session)
    statutes = session.scalars(select(Statute).options(selectinload(Statute.aliases))
                               .order_by(Statute.short_title)).all()
    return render_template("statutes/index.html", statutes=statutes, counts=counts)


@bp.get("/statutes/<int:statute_id>")
def show(statute_id: int):
    session = db_session()
    statute = session.get(Statute, statute_id)
    if statute is None:
        return statute_not_found(statute_id)
    nodes = session.scalars(select(Provision).where(Provision.statute_id == statute.id,
                                                    Provision.kind.in_(TOC_KINDS))
                            .options(selectinload(Provision.versions)).order_by(Provision.position)).all()
    ids = {n.id for n in nodes}
    depth: dict[int, int] = {}
    by_id = {n.id: n for n in nodes}
    for node in nodes:
        d, parent = 0, node.parent_id
        while parent is not None and parent in ids and d < 20:
            d += 1
            parent = by_id[parent].parent_id
        depth[node.id] = d
    amended = {row for row in session.scalars(select(Amendment.target_provision_id).where(
        Amendment.statute_id == statute.id, Amendment.target_provision_id.is_not(None)))}
    entries = [{"node": n, "depth": depth[n.id], "container": n.kind in CONTAINER_KINDS,
                "section": n.kind in SECTION_KINDS, "state": current_state(n),
                "amended": n.id in amended} for n in nodes]
    amendments = session.scalars(select(Amendment).where(Amendment.statute_id == statute.id)
                                 .order_by(Amendment.id)).all()
    return render_template("statutes/show.html", statute=statute, entries=entries,
                           sections=sum(1 for e in entries if e["section"]), amendments=amendments)


@bp.get("/statutes/<int:statute_id>/section/<label>")
def section(statute_id: int, label: str):
    session = db_session()
    statute = session.get(Statute, statute_id)
    if statute is None:
        return statute_not_found(statute_id)
    provision = svc.find_provision(session, statute, label)
    if provision is None:
        return error_response(404, "not_found",
                              f"{statute.short_title} has no section {label!r} in the collection.")
    return provision_page(session, statute, provision)


@bp.get("/statutes/<int:statute_id>/<path:path>")
def by_path(statute_id: int, path: str):
    """A provision by its path in the statute (``s6/1/a``, ``ch3``, ``sch1``), or a section by label."""
    session = db_session()
    statute = session.get(Statute, statute_id)
    if statute is None:
        return statute_not_found(statute_id)
    keep = {k: v for k, v in request.args.items() if k in ("as_at", "court", "year")}
    provision = session.scalars(select(Provision).where(Provision.statute_id == statute.id,
                                                        Provision.path == path.strip("/"))).first()
    if provision is None:
        found = svc.find_provision(session, statute, path.strip("/"))
        if found is None:
            return error_response(404, "not_found",
                                  f"{statute.short_title} has no provision {path!r} in the collection.")
        return redirect(section_url(found, **keep))
    if provision.kind in CONTAINER_KINDS:
        return redirect(url_for("statutes.show", statute_id=statute.id, _anchor=provision.path))
    owner = enclosing_section(provision)
    if owner is not None:
        return redirect(section_url(owner, **keep))
    return provision_page(session, statute, provision)  # preamble, schedule


def provision_page(session: Session, statute: Statute, provision: Provision):
    error = None
    try:
        when = parse_date("as_at", request.args.get("as_at")) or date.today()
        year = parse_year(request.args.get("year"))
    except BadQuery as exc:
        error, when, year = str(exc), date.today(), None
    court = (request.args.get("court") or "").strip() or None

    state = svc.provision_as_at(session, provision, when)
    history = svc.provision_history(session, provision)
    versions = sorted(provision.versions, key=lambda v: (v.valid_from or date.min))
    counts = svc.citing_counts(session, provision)
    by_court: dict[str | None, int] = defaultdict(int)
    by_year: dict[int | None, int] = defaultdict(int)
    for court_name, year_value, n in counts:
        by_court[court_name] += n
        by_year[year_value] += n
    citing, total = citing_documents(session, provision, court, year)
    masks = masks_for(session, [d.id for d, *_ in citing])
    rows = [{"document": d, "title": masks.get(d.id, Masks()).text(d.title), "mentions": n,
             "first_page": first, "decided": decided, "court": court_name}
            for d, n, first, decided, court_name in citing]
    parents = []
    node = provision.parent
    while node is not None:
        parents.append(node)
        node = node.parent
    status = 400 if error else 200
    return render_template(
        "statutes/section.html", statute=statute, provision=provision, state=state, when=when,
        history=history, versions=versions, counts=counts, by_court=sorted(by_court.items(),
                                                                              key=lambda t: t[0] or ""),
        by_year=sorted(by_year.items(), key=lambda t: t[0] or 0), rows=rows, total=total,
        court=court, year=year, error=error, parents=list(reversed(parents)), limit=CITING_LIMIT,
        as_at_arg=request.args.get("as_at") or None, today=date.today(),
    ), status


def citing_documents(session: Session, provision: Provision, court: str | None, year: int | None):
    """Documents referring to ``provision`` (court and decision-year filters), newest first, and how many."""
    query = (select(Document, func.count(StatuteReference.id), func.min(StatuteReference.page_number),
                    Judgment.decision_date, Court.name)
             .join(StatuteReference, StatuteReference.document_id == Document.id)
             .outerjoin(Judgment, Judgment.document_id == Document.id)
             .outerjoin(Court, Court.id == Judgment.court_id)
             .where(StatuteReference.provision_id == provision.id)
             .group_by(Document.id, Judgment.decision_date, Court.name))
    if court is not None:
        query = query.where(Court.name == court)
    if year is not None:
        start, end = year_range(year)
        query = query.where(Judgment.decision_date >= start, Judgment.decision_date < end)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.execute(query.order_by(Judgment.decision_date.desc().nullslast(), Document.id)
                           .limit(CITING_LIMIT)).all()
    return [tuple(r) for r in rows], total


# --- names in place of ids ---------------------------------------------------------------------

@bp.get("/statutes/<name>")
def by_name(name: str):
    statute = svc.find_statute(db_session(), name)
    if statute is None:
        return statute_not_found(repr(name))
    return redirect(url_for("statutes.show", statute_id=statute.id))


@bp.get("/statutes/<name>/section/<label>")
def section_by_name(name: str, label: str):
    statute = svc.find_statute(db_session(), name)
    if statute is None:
        return statute_not_found(repr(name))
    keep = {k: v for k, v in request.args.items() if k in ("as_at", "court", "year")}
    return redirect(url_for("statutes.section", statute_id=statute.id, label=label, **keep))
