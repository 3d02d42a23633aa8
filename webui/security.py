"""Web security: session cookie settings, CSRF protection, a login rate limiter, error pages.

CSRF. Every state-changing request (POST, PUT, PATCH, DELETE) must carry the
session's CSRF token, in the ``csrf_token`` form field or the ``X-CSRF-Token``
header, compared with :func:`hmac.compare_digest`. A missing or wrong token
is answered 400 before the view runs. Two kinds of request are exempt, because
a forged cross-site request cannot carry any authority in them:

- requests with an ``Authorization: Bearer`` header (API clients). A browser
  form cannot set that header, a cross-site script cannot without a CORS
  preflight that this app never allows, and such requests are authenticated
  by the token alone, never by the session cookie (see ``webui.auth``);
- requests to ``/api/`` from a session with nobody logged in: they have no
  credentials, so the view answers 401 (and tells the client what it lacks)
  rather than a puzzling CSRF error.

The token lives in Flask's signed session cookie (HttpOnly, SameSite=Lax,
Secure when ``LAWDB_SECURE_COOKIES`` is set). Templates get it through
``csrf_token()``.

Written here rather than taken from Flask-WTF: it is some forty lines, we
need no form library, and it keeps the bearer-token exemption explicit.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from flask import Flask, jsonify, render_template, request, session
from werkzeug.exceptions import BadRequest, HTTPException, RequestEntityTooLarge
from werkzeug.routing import IntegerConverter

from lawdb.config import Settings

CSRF_SESSION_KEY = "_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: Largest id or number an ``<int:...>`` URL part may carry: the database's INTEGER (PostgreSQL's int4).
MAX_URL_INT = 2**31 - 1
_TRUE = {"1", "true", "yes", "on"}


def _int_setting(settings: Settings, name: str, default: int) -> int:
    raw = settings.extra.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {raw!r}") from None
    if value < 1:
        raise ValueError(f"{name} must be at least 1, not {value}")
    return value


def config_defaults(settings: Settings) -> dict[str, Any]:
    """The web app's security and upload settings: code defaults, overridden by ``LAWDB_*``.

    ``LAWDB_SECURE_COOKIES=1`` marks the session cookie Secure (set it when
    serving over HTTPS; over plain HTTP the browser would then never send it).
    """
    return {
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": settings.extra.get("LAWDB_SECURE_COOKIES", "").strip().lower() in _TRUE,
        # Flask refuses a signed session cookie older than this, logged in or not.
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=_int_setting(settings, "LAWDB_SESSION_HOURS", 12)),
        "LAWDB_UPLOAD_MAX_FILES": _int_setting(settings, "LAWDB_UPLOAD_MAX_FILES", 20),
        "LAWDB_LOGIN_MAX_FAILURES": _int_setting(settings, "LAWDB_LOGIN_MAX_FAILURES", 5),
        "LAWDB_LOGIN_WINDOW_SECONDS": _int_setting(settings, "LAWDB_LOGIN_WINDOW_SECONDS", 900),
    }


# --- what kind of client is asking ---------------------------------------------------------

def bearer_token() -> str | None:
    """The token of an ``Authorization: Bearer`` header ("" when the header is malformed), or None."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, value = header.strip().partition(" ")
    if scheme.lower() != "bearer":
        return ""
    return value.strip()


def wants_json() -> bool:
    """True for API-style requests: under ``/api/``, a JSON body, or JSON preferred to HTML."""
    if request.path.startswith("/api/") or request.is_json:
        return True
    accept = request.accept_mimetypes
    return accept.best_match(["text/html", "application/json"]) == "application/json" and \
        accept["application/json"] > accept["text/html"]


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None):
    """A JSON error for API clients, or an HTML page for people."""
    if wants_json():
        response = jsonify(error=code, message=message)
    else:
        response = render_template("auth/error.html", status=status, message=message)
    return response, status, headers or {}


# --- CSRF -----------------------------------------------------------------------------------

class CSRFError(BadRequest):
    description = ("The form's security token (CSRF token) was missing or wrong. "
                   "Reload the page and submit the form again.")


def csrf_token() -> str:
    """This session's CSRF token, made on first use."""
    token = session.get(CSRF_SESSION_KEY)
    if not token:
        token = secrets.token_urlsafe(32)
        session[CSRF_SESSION_KEY] = token
    return token


def rotate_csrf_token() -> str:
    """A fresh token (after login, so a token seen before login is worthless)."""
    session.pop(CSRF_SESSION_KEY, None)
    return csrf_token()


def _csrf_exempt() -> bool:
    if bearer_token() is not None:
        return True
    return request.path.startswith("/api/") and "user_id" not in session


def check_csrf() -> None:
    """Refuse a state-changing request whose CSRF token is missing or wrong (400)."""
    if request.method not in UNSAFE_METHODS or _csrf_exempt():
        return
    expected = session.get(CSRF_SESSION_KEY)
    sent = request.headers.get(CSRF_HEADER) or request.form.get(CSRF_FIELD)
    if not expected or not sent or not hmac.compare_digest(expected.encode(), sent.encode()):
        raise CSRFError()


# --- NUL characters ---------------------------------------------------------------------------

def refuse_nul_characters():
    """Answer 400 to a request with a NUL character in its path, query string or form fields.

    No legitimate URL or form value holds one, and PostgreSQL refuses text
    with NUL bytes (psycopg raises DataError), so without this check any
    parameter that reaches a query (``?court=%00``, ``/statutes/%00``) was a
    500 on PostgreSQL while SQLite answered normally. Checked once here, for
    every route, rather than in each parser.
    """
    where = None
    if "\x00" in request.path:
        where = "the URL's path"
    elif any("\x00" in key or "\x00" in value for key, value in request.args.items(multi=True)):
        where = "the query string"
    elif request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data") and any(
            # (a multipart field whose name holds a line break comes with the name None)
            "\x00" in (key or "") + (value or "") for key, value in request.form.items(multi=True)):
        where = "a form field"
    if where is not None:
        return error_response(400, "bad_request", f"The request has a NUL character (%00) in {where}; "
                                                  "remove it and send the request again.")
    return None


# --- rate limiting --------------------------------------------------------------------------

class FailureWindow:
    """Counts failures per key over a sliding window, in memory, thread-safe.

    Used to slow password guessing: once ``limit`` failures fell within
    ``window`` seconds, :meth:`retry_after` says how long the key must wait.
    State is per process and lost on restart; with several server processes
    each counts on its own (put a shared limiter in front for that). At most
    ``max_keys`` keys are kept; the least recently failed are forgotten first,
    so memory stays bounded under a flood of made-up usernames.
    """

    def __init__(self, limit: int, window: float, *, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = 10_000) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.max_keys = max_keys
        self._failures: OrderedDict[Any, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, key: Any, now: float) -> deque[float]:
        times = self._failures.get(key)
        if times is None:
            return deque()
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            del self._failures[key]
        return times

    def retry_after(self, key: Any) -> float:
        """Seconds until ``key`` may try again; 0 when it is not blocked."""
        with self._lock:
            now = self.clock()
            times = self._recent(key, now)
            if len(times) < self.limit:
                return 0.0
            return max(times[-self.limit] + self.window - now, 0.001)

    def fail(self, key: Any) -> None:
        with self._lock:
            now = self.clock()
            times = self._recent(key, now)
            times.append(now)
            self._failures[key] = times
            self._failures.move_to_end(key)
            while len(self._failures) > self.max_keys:
                self._failures.popitem(last=False)

    def reset(self, key: Any) -> None:
        with self._lock:
            self._failures.pop(key, None)


# --- URLs -----------------------------------------------------------------------------------

class BoundedIntConverter(IntegerConverter):
    """Werkzeug's ``int`` converter, capped at :data:`MAX_URL_INT`.

    Ids in URLs go straight to the database; a larger number made SQLite's
    driver raise OverflowError (a 500). Beyond the cap the URL matches no
    route, so it is a plain 404 like any other unknown id.
    """

    def __init__(self, map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_URL_INT)
        super().__init__(map, *args, **kwargs)


# --- wiring ---------------------------------------------------------------------------------

def init_app(app: Flask) -> None:
    """Install the CSRF check, the ``csrf_token()`` template helper, the error pages and the ``int`` cap.

    Call before the blueprints are registered: their rules take the converter then.
    """
    app.url_map.converters["int"] = BoundedIntConverter
    app.before_request(refuse_nul_characters)
    app.before_request(check_csrf)
    app.jinja_env.globals["csrf_token"] = csrf_token

    @app.errorhandler(CSRFError)
    def csrf_failed(exc: CSRFError):
        return error_response(400, "csrf_failed", exc.description)

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(_exc: HTTPException):
        limit = app.config.get("MAX_CONTENT_LENGTH") or 0
        return error_response(413, "too_large",
                              f"The upload is larger than this server accepts "
                              f"({limit // (1024 * 1024)} MB per request). Send fewer or smaller files.")
