"""The store: one shared, versioned record of the figures every page shows.

Every publish is a *batch* (file, hash, who, when, options, counts), written all or nothing;
a batch can replace an earlier one, be withdrawn (with a reason) and restored; nothing is
ever deleted. Each change raises the store's *version*, by which the app caches what it
reads. The shipped ``data/`` tables are batch 1. Back-ends: an embedded SQLite file (the
default, ``var/p8.sqlite``) or PostgreSQL (``P8_DATABASE_URL``), through SQLAlchemy Core
and Alembic migrations.

* :mod:`~p8lib.store.schema` — the tables, declared once; :mod:`~p8lib.store.engine` —
  URL, engine, transactions, migrations; :mod:`~p8lib.store.bulk` — rows in and out a
  column at a time;
* :mod:`~p8lib.store.batches` — the writes; :mod:`~p8lib.store.reads` — what is active;
  :mod:`~p8lib.store.shipped` — the shipped tables as a batch;
  :mod:`~p8lib.store.access` — who may write (checked inside every write);
  :mod:`~p8lib.store.accounts` — users, roles, built-in passwords (argon2id), sign-in.

May import :mod:`p8lib.units`, :mod:`p8lib.contract` and :mod:`p8lib.ingest`.
"""

from __future__ import annotations

from p8lib.store import bulk, engine, schema
from p8lib.store.accounts import (
    MAX_FAILURES,
    SignedIn,
    accounts_exist,
    add_user,
    disable,
    list_users,
    role,
    set_password,
    set_role,
    sign_in,
    user_history,
)
from p8lib.store.batches import BATCH_COLUMNS, Publication, history, publish, restore, withdraw
from p8lib.store.engine import URL_ENV, Store, create_engine, database_url, migrate
from p8lib.store.errors import StoreError
from p8lib.store.reads import (
    StoreState,
    active_figures,
    active_table,
    batch_figures,
    every_figure,
    store_state,
    store_version,
)
from p8lib.store.schema import (
    ACTIVE,
    ADMIN,
    ANALYST,
    ROLES,
    STATUSES,
    SUPERSEDED,
    VIEWER,
    WITHDRAWN,
)
from p8lib.store.shipped import ShippedUpdate, publish_shipped, seed_if_empty, shipped_update

__all__ = [
    "ACTIVE", "ADMIN", "ANALYST", "BATCH_COLUMNS", "MAX_FAILURES", "ROLES", "STATUSES",
    "SUPERSEDED", "URL_ENV", "VIEWER", "WITHDRAWN", "Publication", "ShippedUpdate",
    "SignedIn", "Store", "StoreError", "StoreState", "accounts_exist", "active_figures",
    "active_table", "add_user", "batch_figures", "database_url", "disable", "every_figure",
    "history", "list_users", "open_store", "publish", "publish_shipped", "restore", "role",
    "set_password", "set_role", "shipped_update", "sign_in", "store_state", "store_version",
    "user_history", "withdraw",
    # the modules themselves, for the benchmark of the bulk paths
    "bulk", "engine", "schema",
]


def open_store(url: str | None = None, *, seed: bool = True) -> Store:
    """Open the store at ``url`` (:func:`database_url`), creating or upgrading its schema,
    and seed an empty one with the shipped tables (batch 1) unless ``seed`` is False."""
    store = Store(database_url(url), create_engine(database_url(url)))
    migrate(store)
    if seed:
        seed_if_empty(store)
    return store
