"""Batches, their events, the figures, sources and coverage they bring, snapshots.

Written out column by column (not read from the contract): a revision is what the schema
was at that time.

Revision ID: 0001
Revises:
Create Date: 2026-05-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _batch_keys() -> list[sa.Column]:
    return [sa.Column("batch_id", sa.Integer(), nullable=False),
            sa.Column("row", sa.Integer(), autoincrement=False, nullable=False)]


def _batch_constraints(table: str) -> list:
    return [sa.ForeignKeyConstraint(["batch_id"], ["batches.id"],
                                    name=f"fk_{table}_batch_id_batches"),
            sa.PrimaryKeyConstraint("batch_id", "row", name=f"pk_{table}")]


def upgrade() -> None:
    op.create_table(
        "batches",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sheets", sa.Text(), nullable=False),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("figures", sa.Integer(), nullable=False),
        sa.Column("warnings", sa.Text(), nullable=False),
        sa.Column("source_id", sa.Text()),
        sa.Column("period_start", sa.Integer()),
        sa.Column("period_end", sa.Integer()),
        sa.Column("measure", sa.String(16)),
        sa.Column("note", sa.Text()),
        sa.Column("replaces", sa.Integer()),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.ForeignKeyConstraint(["replaces"], ["batches.id"],
                                name="fk_batches_replaces_batches"),
        sa.PrimaryKeyConstraint("id", name="pk_batches"),
        sa.UniqueConstraint("sha256", name="uq_batches_sha256"),
    )
    op.create_table(
        "batch_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text()),
        sa.Column("acted_by", sa.Text(), nullable=False),
        sa.Column("acted_at", _utc(), nullable=False),
        sa.ForeignKeyConstraint(["batch_id"], ["batches.id"],
                                name="fk_batch_events_batch_id_batches"),
        sa.PrimaryKeyConstraint("id", name="pk_batch_events"),
    )
    op.create_index("ix_batch_events_batch_id", "batch_events", ["batch_id"])
    op.create_table(
        "snapshots",
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("parquet", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("version", name="pk_snapshots"),
    )
    text = {"nullable": True}
    op.create_table(
        "figures", *_batch_keys(),
        sa.Column("province_code", sa.Text(), **text),
        sa.Column("district_code", sa.Text(), **text),
        sa.Column("commune_code", sa.Text(), **text),
        sa.Column("level", sa.Text(), nullable=False),
        sa.Column("indicator_id", sa.Text(), nullable=False),
        sa.Column("measure", sa.Text(), nullable=False),
        sa.Column("period_start", sa.Integer(), nullable=False),
        sa.Column("period_end", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.Column("source_id", sa.Text(), nullable=False),
        sa.Column("quote", sa.Text(), **text),
        sa.Column("note", sa.Text(), **text),
        *_batch_constraints("figures"),
    )
    op.create_table(
        "sources", *_batch_keys(),
        sa.Column("source_id", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("publisher", sa.Text(), **text),
        sa.Column("author", sa.Text(), **text),
        sa.Column("date", sa.Text(), **text),
        sa.Column("url", sa.Text(), **text),
        sa.Column("file", sa.Text(), **text),
        sa.Column("language", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), **text),
        *_batch_constraints("sources"),
    )
    op.create_table(
        "coverage", *_batch_keys(),
        sa.Column("province_code", sa.Text(), **text),
        sa.Column("district_code", sa.Text(), **text),
        sa.Column("commune_code", sa.Text(), **text),
        sa.Column("level", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("group", sa.Text(), **text),
        sa.Column("period_start", sa.Integer(), nullable=False),
        sa.Column("period_end", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), **text),
        sa.Column("count_of", sa.Text(), **text),
        sa.Column("source_id", sa.Text(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        *_batch_constraints("coverage"),
    )


def downgrade() -> None:
    for table in ("coverage", "sources", "figures", "snapshots", "batch_events", "batches"):
        op.drop_table(table)
