"""The store's tables, declared once in one :data:`METADATA` (SQLAlchemy Core).

The figure, source and coverage columns are derived from the data contract's models
(:mod:`p8lib.contract.schema`), so a column added there (say ``vintage``) is one new
migration under ``migrations/versions/``; ``tests/store/test_migrations.py`` fails until the
migrated schema equals this one. Every row of those three tables carries the batch that
brought it (``batch_id``) and its place in that batch (``row``).

Nothing is ever deleted: a batch changes ``status`` (``active`` / ``superseded`` /
``withdrawn``) and each change is a row of ``batch_events``, whose largest id is the store's
version (:func:`p8lib.store.figures.store_version`).
"""

from __future__ import annotations

import pandera.pandas as pa
import sqlalchemy as sa

from p8lib.contract import N_, Coverage, Figure, Source

METADATA = sa.MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s", "ck": "ck_%(table_name)s_%(constraint_name)s"})

ACTIVE, SUPERSEDED, WITHDRAWN = "active", "superseded", "withdrawn"
STATUSES = (ACTIVE, SUPERSEDED, WITHDRAWN)
REPORT, SHIPPED = "report", "shipped"
# What a batch event records: the batch was published, replaced by a later one, withdrawn,
# restored, or brought back because the batch that replaced it was withdrawn.
PUBLISHED, EVENT_SUPERSEDED, EVENT_WITHDRAWN, RESTORED, REINSTATED = (
    "published", "superseded", "withdrawn", "restored", "reinstated")


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


batches = sa.Table(
    "batches", METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(16), nullable=False),  # REPORT or SHIPPED
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("size_bytes", sa.BigInteger, nullable=False),
    sa.Column("sheets", sa.Text, nullable=False),  # JSON list of sheet names
    sa.Column("rows_read", sa.Integer, nullable=False),
    sa.Column("figures", sa.Integer, nullable=False),
    sa.Column("warnings", sa.Text, nullable=False),  # JSON list of warning texts
    sa.Column("source_id", sa.Text),
    sa.Column("period_start", sa.Integer),
    sa.Column("period_end", sa.Integer),
    sa.Column("measure", sa.String(16)),
    sa.Column("note", sa.Text),
    sa.Column("replaces", sa.Integer, sa.ForeignKey("batches.id")),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("created_by", sa.Text, nullable=False),
    sa.Column("created_at", _utc(), nullable=False),
)

batch_events = sa.Table(
    "batch_events", METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("batch_id", sa.Integer, sa.ForeignKey("batches.id"), nullable=False, index=True),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("reason", sa.Text),
    sa.Column("acted_by", sa.Text, nullable=False),
    sa.Column("acted_at", _utc(), nullable=False),
)

# A cache, not history: the active figures of one store version as Parquet, written by the
# first reader of that version so that other servers (and restarts) read one value instead
# of every row. Old versions' snapshots may be dropped.
snapshots = sa.Table(
    "snapshots", METADATA,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("parquet", sa.LargeBinary, nullable=False),
    sa.Column("created_at", _utc(), nullable=False),
)


def _sql_type(dtype: object) -> sa.types.TypeEngine:
    text = str(dtype).lower()
    if "int" in text:
        return sa.Integer()
    if "float" in text:
        return sa.Float()
    if "bool" in text:
        return sa.Boolean()
    return sa.Text()


def contract_columns(model: type[pa.DataFrameModel]) -> list[sa.Column]:
    """One column per column of a contract model, typed and nullable as the model says."""
    schema = model.to_schema()
    return [sa.Column(name, _sql_type(column.dtype), nullable=column.nullable)
            for name, column in schema.columns.items()]


def _rows_of_batches(name: str, model: type[pa.DataFrameModel]) -> sa.Table:
    return sa.Table(
        name, METADATA,
        sa.Column("batch_id", sa.Integer, sa.ForeignKey("batches.id"), primary_key=True),
        sa.Column("row", sa.Integer, primary_key=True, autoincrement=False),
        *contract_columns(model),
    )


figures = _rows_of_batches("figures", Figure)
sources = _rows_of_batches("sources", Source)
coverage = _rows_of_batches("coverage", Coverage)
# The tables a shipped batch fills, by the shipped file they come from.
SHIPPED_TABLES = {"figures.csv": figures, "sources.csv": sources, "coverage.csv": coverage}

# Accounts (revision 0002). A user is known by a lower-case e-mail; the password hash is
# empty for users who sign in through an identity provider (OIDC). Changes to users are
# rows of ``user_events``, like changes to batches.
VIEWER, ANALYST, ADMIN = "viewer", "analyst", "admin"
ROLES = (VIEWER, ANALYST, ADMIN)
# The words of the codes above, as the app shows them: the messages ``status_<status>``,
# ``kind_<kind>``, ``action_<action>`` of a batch and ``role_<role>`` of a user.
WORDS = (N_("status_active"), N_("status_superseded"), N_("status_withdrawn"),
         N_("kind_report"), N_("kind_shipped"),
         N_("action_published"), N_("action_superseded"), N_("action_withdrawn"),
         N_("action_restored"), N_("action_reinstated"),
         N_("role_viewer"), N_("role_analyst"), N_("role_admin"))

users = sa.Table(
    "users", METADATA,
    sa.Column("email", sa.Text, primary_key=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("password_hash", sa.Text),
    sa.Column("disabled", sa.Boolean, nullable=False),
    sa.Column("failed_attempts", sa.Integer, nullable=False),
    sa.Column("locked_until", _utc()),
    sa.Column("created_by", sa.Text, nullable=False),
    sa.Column("created_at", _utc(), nullable=False),
)

user_events = sa.Table(
    "user_events", METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("email", sa.Text, sa.ForeignKey("users.email"), nullable=False, index=True),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("role", sa.String(16)),
    sa.Column("acted_by", sa.Text, nullable=False),
    sa.Column("acted_at", _utc(), nullable=False),
)
