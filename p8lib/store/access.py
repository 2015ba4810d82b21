"""Who may write: every write function of the store calls :func:`require` inside its
transaction with the acting user it was given, and the user's role is read from the store
there and then — so a disabled user or a changed role takes effect at the next write.

* A store with no users is open: any named actor may write (a fresh installation, before
  its administrator creates the first account).
* Once it has users: publishing, replacing, withdrawing and restoring need ``analyst`` or
  ``admin``; managing users needs ``admin``, or the command line (``cli:<OS user>``: who
  can run it on the server can change the database anyway).
"""

from __future__ import annotations

import sqlalchemy as sa

from p8lib.store.errors import StoreError
from p8lib.store.schema import ADMIN, ANALYST, users

PUBLISH, WITHDRAW, MANAGE_USERS = "publish", "withdraw", "manage users"
NEEDED = {PUBLISH: (ANALYST, ADMIN), WITHDRAW: (ANALYST, ADMIN), MANAGE_USERS: (ADMIN,)}
SYSTEM = "system"  # the store itself (seeding an empty store with the shipped tables)
CLI_PREFIX = "cli:"


def has_users(conn: sa.Connection) -> bool:
    """True when the store has any account (roles are then enforced)."""
    return conn.execute(sa.select(users.c.email).limit(1)).first() is not None


def role_of(conn: sa.Connection, email: str) -> str | None:
    """The role of an enabled user (None: no such user, or disabled)."""
    return conn.execute(sa.select(users.c.role).where(
        users.c.email == normal_email(email), sa.not_(users.c.disabled))).scalar()


def normal_email(email: str) -> str:
    """An e-mail as the store keys it: trimmed, lower case."""
    return (email or "").strip().lower()


def require(conn: sa.Connection, actor: str, action: str) -> None:
    """Refuse ``action`` (:data:`PUBLISH`, :data:`WITHDRAW`, :data:`MANAGE_USERS`) unless
    ``actor`` may do it now.

    Raises
    ------
    StoreError
        ``actor`` is empty, or the store has users and ``actor``'s role does not allow it.
    """
    if not (actor or "").strip():
        raise StoreError("store_no_actor")
    if actor == SYSTEM and action == PUBLISH or not has_users(conn):
        return
    if action == MANAGE_USERS and actor.startswith(CLI_PREFIX):
        return
    role = role_of(conn, actor)
    if role not in NEEDED[action]:
        raise StoreError("store_role_needed", actor=actor, role=role or "viewer",
                         action=action, needed=" or ".join(NEEDED[action]))
