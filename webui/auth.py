"""Logging in and out, and the decorators that guard writing. Reading is public.

Two ways to be someone:

- **a browser session**: ``POST /login`` with username and password puts the
  user's id in Flask's signed session cookie (HttpOnly, SameSite=Lax, Secure
  with ``LAWDB_SECURE_COOKIES``), with a fingerprint of the password hash, so
  changing a password (``lawdb user passwd``) or disabling a user ends the
  sessions made before. ``POST /logout`` clears it.
- **an API token**: ``Authorization: Bearer ldb_...`` (``lawdb user token``).
  A request with that header is judged by the token alone; the session
  cookie is then ignored, which is what makes skipping the CSRF check for it
  safe.

Failed logins are rate-limited in memory (see :class:`webui.security.FailureWindow`):
``LAWDB_LOGIN_MAX_FAILURES`` (default 5) failures per username and client
address within ``LAWDB_LOGIN_WINDOW_SECONDS`` (default 900) block that pair,
and ten times as many from one address block the address, until the window
has passed. A blocked attempt is answered 429 without checking the password.
Counters live in each server process and reset on restart. Behind a reverse
proxy the client address is the proxy's unless the app is wrapped in
werkzeug's ``ProxyFix``.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import math
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from lawdb.models import User
from lawdb.services import users as user_service
from webui import db_session
from webui.security import FailureWindow, bearer_token, error_response, rotate_csrf_token, wants_json

bp = Blueprint("auth", __name__)


def init_app(app) -> None:
    """Create the per-process login limiters from the app's configuration."""
    limit = app.config["LAWDB_LOGIN_MAX_FAILURES"]
    window = app.config["LAWDB_LOGIN_WINDOW_SECONDS"]
    app.extensions["lawdb_login_limiter"] = FailureWindow(limit, window)
    app.extensions["lawdb_login_ip_limiter"] = FailureWindow(limit * 10, window)


def _fingerprint(user: User) -> str:
    # Ties a session to the password it was made with, without putting the hash in the cookie.
    key = current_app.secret_key
    key = key.encode() if isinstance(key, str) else key
    return hmac.new(key, user.password_hash.encode(), hashlib.sha256).hexdigest()[:32]


@bp.before_app_request
def load_user() -> None:
    """Set ``g.user`` from the session cookie (None when nobody is logged in or a token is used)."""
    g.user = None
    g.auth_method = None
    if bearer_token() is not None:
        return  # judged by the token alone, in write_access_required
    user_id = session.get("user_id")
    if user_id is None:
        return
    user = db_session().get(User, user_id)
    if user is None or not user.is_active or not hmac.compare_digest(
            session.get("auth", ""), _fingerprint(user)):
        session.clear()
        return
    g.user = user
    g.auth_method = "session"


def _safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site; never another site (no open redirect)."""
    if not target:
        return None
    target = target.strip()
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    if any(ch in target for ch in "\\\r\n\t"):
        return None
    return target


def _login_redirect():
    here = request.full_path if request.method == "GET" else request.path
    return redirect(url_for("auth.login", next=here.rstrip("?")))


def _unauthorized(message: str, *, error: str = "unauthorized"):
    challenge = 'Bearer realm="lawdb"'
    if error == "invalid_token":
        challenge += ', error="invalid_token"'
    return error_response(401, error, message, {"WWW-Authenticate": challenge})


def login_required(view):
    """Only for a logged-in browser session: others go to the login page (401 JSON for API clients)."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if g.get("user") is None:
            if wants_json():
                return _unauthorized("Log in first.")
            return _login_redirect()
        return view(*args, **kwargs)

    return wrapped


def write_access_required(view):
    """A logged-in session user or a valid ``Authorization: Bearer`` token; sets ``g.user``.

    A bad, revoked or expired token is refused with 401 JSON even when a
    session cookie came along. Without credentials, API-style requests get
    401 JSON and browsers a redirect to ``/login``.
    """

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        token = bearer_token()
        if token is not None:
            user = user_service.verify_token(db_session(), token) if token else None
            if user is None:
                return _unauthorized("The API token is invalid, revoked or expired.",
                                     error="invalid_token")
            db_session().commit()  # records the token's last use
            g.user = user
            g.auth_method = "token"
        elif g.get("user") is None:
            if wants_json():
                return _unauthorized("Writing needs an API token (Authorization: Bearer ...) "
                                     "or a logged-in session.")
            flash("Log in to upload or edit.", "info")
            return _login_redirect()
        return view(*args, **kwargs)

    return wrapped


def _limiter_keys(username: str):
    address = request.remote_addr or "unknown"
    return ("user", username.strip().casefold(), address), ("address", address)


def _blocked_for(username: str) -> float:
    user_key, address_key = _limiter_keys(username)
    return max(current_app.extensions["lawdb_login_limiter"].retry_after(user_key),
               current_app.extensions["lawdb_login_ip_limiter"].retry_after(address_key))


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The login form; on success, back to ``next`` (a path on this site) or the upload page."""
    next_url = _safe_next(request.values.get("next"))
    if request.method == "GET":
        if g.get("user") is not None and next_url:
            return redirect(next_url)
        return render_template("auth/login.html", next_url=next_url, username="")

    username = request.form.get("username", "")[:150]
    password = request.form.get("password", "")
    wait = _blocked_for(username)
    if wait:
        minutes = math.ceil(wait / 60)
        message = (f"Too many failed logins for this user from your address. "
                   f"Try again in {minutes} minute{'s' if minutes != 1 else ''}.")
        return render_template("auth/login.html", next_url=next_url, username=username,
                               error=message), 429, {"Retry-After": str(math.ceil(wait))}

    user = user_service.authenticate(db_session(), username, password) if username else None
    if user is None:
        user_key, address_key = _limiter_keys(username)
        current_app.extensions["lawdb_login_limiter"].fail(user_key)
        current_app.extensions["lawdb_login_ip_limiter"].fail(address_key)
        return render_template("auth/login.html", next_url=next_url, username=username,
                               error="Wrong username or password.")

    db_session().commit()  # last_login_at
    current_app.extensions["lawdb_login_limiter"].reset(_limiter_keys(username)[0])
    session.clear()
    session.permanent = True
    session["user_id"] = user.id
    session["auth"] = _fingerprint(user)
    rotate_csrf_token()
    flash(f"Logged in as {user.username}.", "success")
    return redirect(next_url or url_for("upload.upload_form"))


@bp.post("/logout")
def logout():
    session.clear()
    flash("Logged out.", "success")
    return redirect(url_for("main.index"))
