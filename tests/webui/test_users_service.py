"""lawdb.services.users on SQLite and PostgreSQL: hashing, authentication, API tokens."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from lawdb.db import utcnow
from lawdb.models import ApiToken, User
from lawdb.services import users as svc

PW = "correct horse battery"


def test_create_user_stores_a_scrypt_hash_never_the_password(session: Session) -> None:
    user = svc.create_user(session, "Amna", PW, is_admin=True)
    session.commit()
    stored = session.scalars(select(User)).one()
    assert stored.id == user.id and stored.is_admin and stored.is_active
    assert stored.password_hash.startswith("scrypt:")
    assert PW not in stored.password_hash
    # A second hash of the same password differs (salted).
    other = svc.create_user(session, "bilal", PW)
    assert other.password_hash != stored.password_hash


def test_usernames_are_unique_regardless_of_case_and_checked(session: Session) -> None:
    svc.create_user(session, "amna", PW)
    with pytest.raises(svc.UserError, match="already exists"):
        svc.create_user(session, "AMNA", PW)
    for bad in ["", " ", "../x", "a b", "x" * 151, "<script>"]:
        with pytest.raises(svc.UserError, match="invalid username"):
            svc.create_user(session, bad, PW)
    with pytest.raises(svc.UserError, match="too short"):
        svc.create_user(session, "bilal", "short")


def test_authenticate(session: Session) -> None:
    user = svc.create_user(session, "amna", PW)
    session.commit()
    assert user.last_login_at is None
    assert svc.authenticate(session, "amna", PW) is user
    assert svc.authenticate(session, "Amna", PW) is user  # names are case-insensitive
    assert user.last_login_at is not None
    assert svc.authenticate(session, "amna", PW + "x") is None
    assert svc.authenticate(session, "amna", "") is None
    assert svc.authenticate(session, "nobody", PW) is None
    assert svc.authenticate(session, "", PW) is None
    user.is_active = False
    session.commit()
    assert svc.authenticate(session, "amna", PW) is None


def test_set_password(session: Session) -> None:
    user = svc.create_user(session, "amna", PW)
    svc.set_password(user, "a different one")
    session.commit()
    assert svc.authenticate(session, "amna", PW) is None
    assert svc.authenticate(session, "amna", "a different one") is user


def test_tokens_store_only_a_hash_and_verify(session: Session) -> None:
    user = svc.create_user(session, "amna", PW)
    token, plaintext = svc.create_token(session, user, "laptop")
    session.commit()
    assert plaintext.startswith("ldb_") and len(plaintext) > 40
    assert token.prefix == plaintext[:12]
    assert token.token_hash == hashlib.sha256(plaintext.encode()).hexdigest()
    row = session.scalars(select(ApiToken)).one()
    assert plaintext not in (row.token_hash, row.prefix, row.name)
    assert row.last_used_at is None and row.expires_at is None

    assert svc.verify_token(session, plaintext) is user
    session.commit()
    session.refresh(row)
    assert row.last_used_at is not None
    for wrong in ["", "ldb_", plaintext[:-1], plaintext + "x", "Bearer " + plaintext, plaintext[4:],
                  "ldb_" + "x" * 500]:
        assert svc.verify_token(session, wrong) is None


def test_revoked_expired_and_disabled_tokens_are_refused(session: Session) -> None:
    user = svc.create_user(session, "amna", PW)
    revoked, revoked_text = svc.create_token(session, user, "old")
    expiring, expiring_text = svc.create_token(session, user, "short", expires_in=timedelta(days=1))
    session.commit()
    assert svc.verify_token(session, expiring_text) is user
    svc.revoke_token(session, revoked)
    expiring.expires_at = utcnow() - timedelta(seconds=1)
    session.commit()
    session.expire_all()
    assert svc.verify_token(session, revoked_text) is None
    assert svc.verify_token(session, expiring_text) is None
    assert svc.token_state(revoked) == "revoked" and svc.token_state(expiring) == "expired"

    _, fresh = svc.create_token(session, user, "fresh")
    session.commit()
    assert svc.verify_token(session, fresh) is user
    user.is_active = False
    session.commit()
    assert svc.verify_token(session, fresh) is None
    with pytest.raises(svc.UserError):
        svc.create_token(session, user, "never", expires_in=timedelta(0))


def test_find_tokens_by_prefix_or_whole(session: Session) -> None:
    user = svc.create_user(session, "amna", PW)
    token, plaintext = svc.create_token(session, user, "one")
    other, _ = svc.create_token(session, user, "two")
    session.commit()
    assert svc.find_tokens(session, token.prefix) == [token]
    assert svc.find_tokens(session, plaintext) == [token]
    assert svc.find_tokens(session, "ldb_%%%%") == []  # LIKE wildcards are literal
    assert other in svc.find_tokens(session, "ldb_" + other.prefix[4:8])
    with pytest.raises(svc.UserError):
        svc.find_tokens(session, "ldb")
