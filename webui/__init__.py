"""The lawdb web application (Flask): server-rendered pages and the JSON API.

Imports :mod:`lawdb`; never imports :mod:`ingest`. Uploads reach the ingest
worker through the database's job table.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask, g

from lawdb.config import load_settings
from lawdb.db import make_engine, make_session_factory, write_session


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Application factory.

    Configuration: defaults in code, then ``LAWDB_*`` environment variables
    (through :func:`lawdb.config.load_settings`), then ``test_config``.
    """
    from webui import security

    app = Flask(__name__)
    settings = load_settings(
        test_config.get("LAWDB_DATA_DIR") if test_config else None,
        database_url=test_config.get("LAWDB_DATABASE_URL") if test_config else None,
    )
    app.config.from_mapping(
        SECRET_KEY=settings.extra.get("LAWDB_SECRET_KEY") or data_dir_secret_key(settings.data_dir),
        LAWDB_SETTINGS=settings,
        MAX_CONTENT_LENGTH=200 * 1024 * 1024,
        # Session cookie flags, login rate limits, upload limits (LAWDB_* overridable).
        **security.config_defaults(settings),
    )
    if test_config:
        app.config.update(test_config)

    engine = make_engine(settings.database_url, sqlite_busy_timeout=settings.sqlite_busy_timeout)
    app.extensions["lawdb_engine"] = engine
    app.extensions["lawdb_sessions"] = make_session_factory(engine)

    @app.context_processor
    def navigation() -> dict[str, object]:
        # Endpoints the navigation may link to.
        return {"search_available": set(app.view_functions)}

    @app.teardown_appcontext
    def close_session(_exc: BaseException | None) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            session.close()

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            "script-src 'self'; frame-ancestors 'none'",
        )
        return response

    from webui import api, auth, documents, main, search, sentences, statutes, upload

    security.init_app(app)
    auth.init_app(app)
    app.register_blueprint(main.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(upload.bp)
    app.register_blueprint(search.bp)
    app.register_blueprint(documents.bp)
    app.register_blueprint(statutes.bp)
    app.register_blueprint(sentences.bp)
    app.register_blueprint(api.bp)
    return app


def data_dir_secret_key(data_dir: Path) -> str:
    """The session key kept in ``<data dir>/secret_key`` (made on first use, readable by its owner only).

    Every ``lawdb serve`` process over one data folder signs sessions and CSRF
    tokens with the same key, so a login made through one process is valid in
    the others (several processes behind one address), and a restart logs
    nobody out. ``LAWDB_SECRET_KEY`` overrides it.
    """
    path = Path(data_dir) / "secret_key"
    try:
        key = path.read_text(encoding="ascii").strip()
        if key:
            return key
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".secret_key.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(secrets.token_hex(32) + "\n")
    try:
        os.link(tmp, path)  # atomic and never replaces: processes starting together agree
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)
    return path.read_text(encoding="ascii").strip()


def db_session():
    """The request's database session, opened on first use and closed at teardown.

    Requests that may write (any method but GET/HEAD/OPTIONS, and API-token
    requests, which record the token's use) get a write session: on SQLite
    their transactions wait for an ingest's write lock instead of failing
    with "database is locked" (see :func:`lawdb.db.write_session`).
    """
    from flask import current_app, request

    if "db_session" not in g:
        factory = current_app.extensions["lawdb_sessions"]
        writes = request.method not in ("GET", "HEAD", "OPTIONS") or "Authorization" in request.headers
        g.db_session = write_session(factory) if writes else factory()
    return g.db_session
