"""Accounts: users with a role, built-in passwords (argon2id), sign-in with a lock after
repeated failures; every change to a user recorded with who made it.

Passwords are only ever held as argon2id hashes (``argon2-cffi``'s defaults, RFC 9106's
low-memory profile); they are never logged, returned or put in a message. A failed sign-in
says the same whatever was wrong (no such user, wrong password, disabled), so it does not
tell which e-mails have accounts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pandas as pd
import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from p8lib.store.access import MANAGE_USERS, normal_email, require
from p8lib.store.batches import as_utc
from p8lib.store.engine import Store, reading, writing
from p8lib.store.errors import StoreError
from p8lib.store.schema import ROLES, VIEWER, user_events, users

MAX_FAILURES = 5  # failed sign-ins in a row before the account is locked
LOCK_MINUTES = 15
MIN_PASSWORD = 10
_HASHER = PasswordHasher()  # argon2id
# Verified when the e-mail is unknown, so that a failure takes as long either way.
_DUMMY_HASH = _HASHER.hash("not a password of anyone")
USER_COLUMNS = ["email", "role", "disabled", "has_password", "locked_until", "created_by",
                "created_at"]


@dataclass(frozen=True)
class SignedIn:
    """Who signed in, and with which role."""

    email: str
    role: str


def _now() -> datetime:
    return datetime.now(UTC)


def _log(conn: sa.Connection, email: str, action: str, role: str | None, actor: str) -> None:
    conn.execute(sa.insert(user_events).values(email=email, action=action, role=role,
                                               acted_by=actor, acted_at=_now()))


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise StoreError("user_bad_role", role=role, roles=", ".join(ROLES))


def _check_password(password: str | None) -> None:
    if password is not None and len(password) < MIN_PASSWORD:
        raise StoreError("user_short_password", n=MIN_PASSWORD)


def add_user(store: Store, email: str, role: str, password: str | None, *, actor: str) -> None:
    """Create an account (``password`` None: the user signs in through the identity
    provider only).

    Raises
    ------
    StoreError
        Not an e-mail, an unknown role, a password shorter than :data:`MIN_PASSWORD`, the
        user exists, or ``actor`` may not manage users.
    """
    email = normal_email(email)
    if "@" not in email or " " in email:
        raise StoreError("user_bad_email", email=email)
    _check_role(role)
    _check_password(password)
    hashed = _HASHER.hash(password) if password is not None else None
    with writing(store) as conn:
        require(conn, actor, MANAGE_USERS)
        if conn.execute(sa.select(users.c.email).where(users.c.email == email)).first():
            raise StoreError("user_exists", email=email)
        conn.execute(sa.insert(users).values(
            email=email, role=role, password_hash=hashed, disabled=False, failed_attempts=0,
            locked_until=None, created_by=actor, created_at=_now()))
        _log(conn, email, "added", role, actor)


def _change(store: Store, email: str, values: dict, action: str, role: str | None,
            actor: str) -> None:
    email = normal_email(email)
    with writing(store) as conn:
        require(conn, actor, MANAGE_USERS)
        changed = conn.execute(sa.update(users).where(users.c.email == email).values(**values))
        if changed.rowcount == 0:
            raise StoreError("user_unknown", email=email)
        _log(conn, email, action, role, actor)


def set_role(store: Store, email: str, role: str, *, actor: str) -> None:
    """Change a user's role (effective at the user's next write).

    Raises
    ------
    StoreError
        Unknown user or role, or ``actor`` may not manage users.
    """
    _check_role(role)
    _change(store, email, {"role": role}, "role", role, actor)


def disable(store: Store, email: str, *, actor: str) -> None:
    """Disable an account: it can no longer sign in, and its writes are refused at once."""
    _change(store, email, {"disabled": True}, "disabled", None, actor)


def set_password(store: Store, email: str, password: str, *, actor: str) -> None:
    """Set a user's password (and unlock the account)."""
    _check_password(password)
    _change(store, email, {"password_hash": _HASHER.hash(password), "failed_attempts": 0,
                           "locked_until": None}, "password", None, actor)


def list_users(store: Store) -> pd.DataFrame:
    """Every user (never a hash): :data:`USER_COLUMNS`."""
    with reading(store) as conn:
        rows = conn.execute(sa.select(users.c.email, users.c.role, users.c.disabled,
                                      users.c.password_hash.is_not(None), users.c.locked_until,
                                      users.c.created_by, users.c.created_at)
                            .order_by(users.c.email)).all()
    return pd.DataFrame(rows, columns=USER_COLUMNS)


def user_history(store: Store) -> pd.DataFrame:
    """Every change to an account, newest first: ``email``, ``action`` (added, role,
    disabled, password, locked), ``role``, ``acted_by``, ``acted_at``."""
    with reading(store) as conn:
        rows = conn.execute(sa.select(user_events).order_by(user_events.c.id.desc())).all()
    logged = pd.DataFrame(rows, columns=[c.name for c in user_events.columns])
    logged["acted_at"] = [as_utc(v) for v in logged["acted_at"]]
    return logged.drop(columns="id")


def role(store: Store, email: str | None) -> str:
    """The role of ``email`` now (``viewer`` for anyone unknown or disabled)."""
    if not email:
        return VIEWER
    with reading(store) as conn:
        found = conn.execute(sa.select(users.c.role).where(
            users.c.email == normal_email(email), sa.not_(users.c.disabled))).scalar()
    return found or VIEWER


def accounts_exist(store: Store) -> bool:
    """True when the store has users (roles are enforced); False: an open store."""
    with reading(store) as conn:
        return conn.execute(sa.select(users.c.email).limit(1)).first() is not None


def sign_in(store: Store, email: str, password: str) -> SignedIn:
    """Check a built-in account's password.

    A success clears the count of failures; each failure adds one, and the
    :data:`MAX_FAILURES`-th locks the account for :data:`LOCK_MINUTES` minutes.

    Raises
    ------
    StoreError
        ``signin_failed`` (the same for an unknown e-mail, a wrong password, a disabled
        account or one without a password) or ``signin_locked``.
    """
    email = normal_email(email)
    with writing(store) as conn:
        user = conn.execute(sa.select(users).where(users.c.email == email)).first()
        if user is not None and user.locked_until is not None and as_utc(
                user.locked_until) > _now():
            raise StoreError("signin_locked", minutes=LOCK_MINUTES)
        try:
            _HASHER.verify(user.password_hash if user is not None and user.password_hash
                           else _DUMMY_HASH, password)
            ok = user is not None and user.password_hash is not None and not user.disabled
        except (VerificationError, InvalidHashError):
            ok = False
        if user is None:
            raise StoreError("signin_failed")
        if not ok:
            failures = user.failed_attempts + 1
            locked = _now() + timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else None
            conn.execute(sa.update(users).where(users.c.email == email).values(
                failed_attempts=0 if locked else failures, locked_until=locked))
            if locked:
                _log(conn, email, "locked", None, "system")
        else:
            values = {"failed_attempts": 0, "locked_until": None}
            if _HASHER.check_needs_rehash(user.password_hash):
                values["password_hash"] = _HASHER.hash(password)
            conn.execute(sa.update(users).where(users.c.email == email).values(**values))
    # Raised after the transaction, so that the count of failures is kept.
    if not ok:
        raise StoreError("signin_failed")
    return SignedIn(email, user.role)
