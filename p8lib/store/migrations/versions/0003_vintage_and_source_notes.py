"""The contract's additions of issue #18: each figure's and coverage row's unit vintage
("2021"/"2025"), a note on coverage rows, whether a source is a machine translation; a
source's date is required ("undated" when it gives none).

Rows written before this revision are 2021 rows (the only vintage there was), written by
people (not machine translations); a source without a date becomes "undated".

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Defaults fill the rows already there, then go: the app always writes the columns.
    for table in ("figures", "coverage"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("vintage", sa.Text(), nullable=False,
                                       server_default="2021"))
        with op.batch_alter_table(table) as batch:
            batch.alter_column("vintage", server_default=None)
    with op.batch_alter_table("coverage") as batch:
        batch.add_column(sa.Column("note", sa.Text()))
    op.execute("UPDATE sources SET date = 'undated' WHERE date IS NULL OR date = ''")
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("machine_translation", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.alter_column("date", existing_type=sa.Text(), nullable=False)
    with op.batch_alter_table("sources") as batch:
        batch.alter_column("machine_translation", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.alter_column("date", existing_type=sa.Text(), nullable=True)
        batch.drop_column("machine_translation")
    with op.batch_alter_table("coverage") as batch:
        batch.drop_column("note")
    for table in ("figures", "coverage"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("vintage")
