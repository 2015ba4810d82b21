"""Where the store is and how it is opened: the URL, the engine, migrations, transactions.

The URL comes from the caller (``--url``), else ``P8_DATABASE_URL``, else the embedded
SQLite file ``var/p8.sqlite`` under the project (created on first use, WAL journal).
PostgreSQL is ``postgresql+psycopg://user@host/dbname``.

Writes are serialised: SQLite's ``BEGIN IMMEDIATE`` takes the database's write lock when
the transaction starts; PostgreSQL takes one transaction-level advisory lock. Two publishes
at the same moment therefore run one after the other, each whole or not at all. A read runs
in one snapshot (SQLite's read transaction, PostgreSQL's ``REPEATABLE READ``), so the store
version it reads and the figures it reads belong together.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event

URL_ENV = "P8_DATABASE_URL"
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PATH = ROOT / "var" / "p8.sqlite"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any constant: the key of the one PostgreSQL advisory lock that serialises writes.
_WRITE_LOCK = 0x50380001
_WRITE = "p8_write"
BUSY_TIMEOUT_MS = 60_000  # a writer waits this long for another's transaction


def database_url(url: str | None = None) -> str:
    """The store's URL: ``url``, else ``$P8_DATABASE_URL``, else the embedded SQLite file."""
    chosen = (url or os.environ.get(URL_ENV, "")).strip()
    return chosen or f"sqlite:///{DEFAULT_PATH}"


@dataclass(frozen=True)
class Store:
    """An opened store: its URL (password hidden in ``repr``) and SQLAlchemy engine."""

    url: str
    engine: sa.Engine

    @property
    def backend(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self.engine.dialect.name

    def __repr__(self) -> str:
        return f"Store({self.engine.url!r})"


def create_engine(url: str) -> sa.Engine:
    """An engine for ``url``; a SQLite file's folder is created, the file opened in WAL mode.

    Raises
    ------
    ValueError
        ``url`` names a database other than SQLite or PostgreSQL.
    """
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return sa.create_engine(parsed, pool_pre_ping=True)
    raise ValueError(f"store URL {parsed.render_as_string()!r}: expected sqlite:/// or "
                     "postgresql+psycopg://")


def _sqlite_connect(dbapi_connection, _record) -> None:
    # The driver's own transaction handling is switched off so that BEGIN is ours (below):
    # SQLAlchemy's documented recipe for SQLite transactions that mean what they say.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_begin(connection: sa.Connection) -> None:
    write = connection.get_execution_options().get(_WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


@contextmanager
def writing(store: Store) -> Iterator[sa.Connection]:
    """One write transaction, serialised with every other writer; committed when the block
    ends, rolled back (nothing written) when it raises."""
    with store.engine.connect() as conn:
        conn = conn.execution_options(**{_WRITE: True})
        with conn.begin():
            if store.backend == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITE_LOCK})
            yield conn


@contextmanager
def reading(store: Store) -> Iterator[sa.Connection]:
    """One read transaction: every statement in it sees the same state of the store."""
    with store.engine.connect() as conn:
        if store.backend == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


def _alembic_config(conn: sa.Connection):
    from alembic.config import Config  # noqa: PLC0415 - only when a schema is checked

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    return config


def head_revision() -> str:
    """The newest revision of the schema under ``migrations/versions/``."""
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    with sa.create_engine("sqlite://").connect() as conn:
        return ScriptDirectory.from_config(_alembic_config(conn)).get_current_head()


def current_revision(store: Store) -> str | None:
    """The revision the store's schema is at (None: no schema yet)."""
    from alembic.runtime.migration import MigrationContext  # noqa: PLC0415

    with store.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(store: Store, revision: str = "head") -> None:
    """Create the schema or upgrade it in place to ``revision`` (idempotent), inside the
    write lock so that two servers starting at once do not both create it."""
    from alembic import command  # noqa: PLC0415

    with writing(store) as conn:
        command.upgrade(_alembic_config(conn), revision)
