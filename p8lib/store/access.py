"""Who may write: every write function of the store calls :func:`require` inside its
transaction, with the acting user it was given."""

from __future__ import annotations

import sqlalchemy as sa

from p8lib.store.errors import StoreError

PUBLISH, WITHDRAW, MANAGE_USERS = "publish", "withdraw", "manage users"


def require(conn: sa.Connection, actor: str, action: str) -> None:
    """Refuse ``action`` unless ``actor`` may do it.

    Raises
    ------
    StoreError
        ``actor`` is empty.
    """
    del conn, action  # roles come with accounts
    if not (actor or "").strip():
        raise StoreError("store_no_actor")
