"""Home page and health check."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template
from sqlalchemy import func, select

from lawdb import __version__, migrate
from lawdb.models import Document, DocumentKind, SourceFile
from webui import db_session

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    session = db_session()
    counts = dict(
        session.execute(select(Document.kind, func.count()).group_by(Document.kind)).all()
    )
    files = session.scalar(select(func.count()).select_from(SourceFile)) or 0
    return render_template(
        "index.html",
        counts={kind.value: counts.get(kind, 0) for kind in DocumentKind},
        total=sum(counts.values()),
        files=files,
    )


@bp.get("/healthz")
def healthz():
    """Liveness and schema state, for load balancers and ``make demo``."""
    session = db_session()
    revision = migrate.current_revision(session.get_bind())
    head = migrate.head_revision()
    status = 200 if revision == head else 503
    return jsonify(status="ok" if status == 200 else "schema_behind", version=__version__,
                   schema=revision, head=head), status
