"""Accounts and API tokens: who may write (upload, ingest, edit). Reading is public.

Passwords are kept only as salted scrypt hashes (werkzeug's
``generate_password_hash``); API tokens only as the SHA-256 of a random
token, with a short visible ``prefix`` (``ldb_xxxxxxxx``) so an owner can tell
tokens apart and revoke one. A token is shown once, when it is made.

Like every service, these functions add and change rows but never commit: the
caller (a CLI command, a web request) owns the transaction.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from lawdb.db import utcnow
from lawdb.models import ApiToken, User

#: werkzeug's scrypt (n=2**15, r=8, p=1, 16-byte salt): memory-hard, in the stdlib.
PASSWORD_METHOD = "scrypt"
MIN_PASSWORD_LENGTH = 8
#: Longer passwords are refused at creation (they would only cost hashing time).
MAX_PASSWORD_LENGTH = 1024
TOKEN_MARK = "ldb_"
#: Visible part of a token: the mark and 8 random characters (fits ``ApiToken.prefix``).
PREFIX_LENGTH = len(TOKEN_MARK) + 8
_MAX_TOKEN_LENGTH = 200
_USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@+-]{0,149}")


class UserError(ValueError):
    """A request about users or tokens that cannot be done; the message says why."""


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite hands timezone-aware columns back naive; every stored time is UTC.
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def check_username(username: str) -> str:
    """The username, stripped, or UserError when it cannot be one."""
    name = (username or "").strip()
    if not _USERNAME.fullmatch(name):
        raise UserError(
            f"invalid username {username!r}: use 1-150 letters, digits and . _ @ + - "
            "(starting with a letter or digit)"
        )
    return name


def check_password(password: str) -> None:
    """Raise UserError when ``password`` is too short or too long to accept."""
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise UserError(f"password too short: use at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise UserError(f"password too long: use at most {MAX_PASSWORD_LENGTH} characters")


def get_user(session: Session, username: str) -> User | None:
    """The user called ``username`` (case-insensitive), or None."""
    name = (username or "").strip()
    if not name:
        return None
    return session.scalars(
        select(User).where(func.lower(User.username) == name.lower())
    ).first()


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def create_user(session: Session, username: str, password: str, is_admin: bool = False, *,
                email: str | None = None) -> User:
    """Add an active user with a hashed password; UserError if the name is taken or invalid.

    Usernames are unique regardless of case ("Amna" and "amna" are one user).
    """
    name = check_username(username)
    check_password(password)
    if get_user(session, name) is not None:
        raise UserError(f"user {name!r} already exists")
    user = User(username=name, email=email or None, is_admin=is_admin, is_active=True,
                password_hash=generate_password_hash(password, method=PASSWORD_METHOD))
    session.add(user)
    session.flush()
    return user


def set_password(user: User, password: str) -> None:
    """Replace the user's password (sessions made with the old one stop working in the web app)."""
    check_password(password)
    user.password_hash = generate_password_hash(password, method=PASSWORD_METHOD)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return generate_password_hash(secrets.token_urlsafe(16), method=PASSWORD_METHOD)


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with this username and password, or None.

    A hash is checked whether or not the user exists or is active, so the
    time taken does not tell an attacker which usernames exist. Updates
    ``last_login_at`` on success.
    """
    user = get_user(session, username) if username else None
    stored = user.password_hash if user is not None else _dummy_hash()
    matches = check_password_hash(stored, password or "")
    if user is None or not matches or not user.is_active:
        return None
    user.last_login_at = utcnow()
    return user


def _token_hash(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


def create_token(session: Session, user: User, name: str,
                 expires_in: timedelta | None = None) -> tuple[ApiToken, str]:
    """Make an API token for ``user``: returns the row and the plaintext, shown only now.

    ``expires_in`` None makes a token without an expiry date (revoke it to end it).
    """
    if expires_in is not None and expires_in <= timedelta(0):
        raise UserError("a token's lifetime must be positive")
    label = (name or "").strip() or "token"
    plaintext = TOKEN_MARK + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user, name=label[:255], token_hash=_token_hash(plaintext),
        prefix=plaintext[:PREFIX_LENGTH],
        expires_at=utcnow() + expires_in if expires_in is not None else None,
    )
    session.add(token)
    session.flush()
    return token, plaintext


def token_state(token: ApiToken, now: datetime | None = None) -> str:
    """``active``, ``revoked`` or ``expired``."""
    now = now or utcnow()
    if token.revoked_at is not None:
        return "revoked"
    expires = _aware(token.expires_at)
    if expires is not None and expires <= now:
        return "expired"
    return "active"


def verify_token(session: Session, plaintext: str) -> User | None:
    """The active owner of a valid (unrevoked, unexpired) token, or None.

    Only the token's SHA-256 is looked up, so the stored hashes never meet the
    plaintext; records ``last_used_at`` (the caller commits).
    """
    if not plaintext or len(plaintext) > _MAX_TOKEN_LENGTH or not plaintext.startswith(TOKEN_MARK):
        return None
    digest = _token_hash(plaintext)
    token = session.scalars(select(ApiToken).where(ApiToken.token_hash == digest)).first()
    if token is None or not hmac.compare_digest(token.token_hash, digest):
        return None
    now = utcnow()
    if token_state(token, now) != "active" or not token.user.is_active:
        return None
    token.last_used_at = now
    return token.user


def revoke_token(session: Session, token: ApiToken) -> None:
    """Revoke ``token`` for good (kept as a row, so its use stays on record)."""
    if token.revoked_at is None:
        token.revoked_at = utcnow()


def find_tokens(session: Session, prefix_or_token: str) -> list[ApiToken]:
    """Tokens matching a whole token, or a visible prefix (at least ``ldb_`` and 4 characters)."""
    text = (prefix_or_token or "").strip()
    if len(text) > PREFIX_LENGTH:
        found = session.scalars(select(ApiToken).where(ApiToken.token_hash == _token_hash(text)))
        return list(found)
    if len(text) < len(TOKEN_MARK) + 4 or not text.startswith(TOKEN_MARK):
        raise UserError(f"give a token prefix such as {TOKEN_MARK}ab12cd34 (from 'lawdb user tokens')")
    # The prefix is random text, so LIKE's wildcards are escaped, never trusted.
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return list(session.scalars(
        select(ApiToken).where(ApiToken.prefix.like(escaped + "%", escape="\\")).order_by(ApiToken.id)
    ))


def user_tokens(session: Session, user: User) -> list[ApiToken]:
    return list(session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)
                                .order_by(ApiToken.id)))
