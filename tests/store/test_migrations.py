"""Migrations: a store made at the first revision upgrades in place, keeping its batches;
the migrated schema is the declared one (so a contract column costs one migration)."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from p8lib import store as p8store
from p8lib.contract import catalogue
from p8lib.store import bulk, engine, schema
from p8lib.store.batches import with_row_keys
from tests.store.test_store import ACTOR, GOOD

FIRST = "0001"
NOW = datetime(2026, 5, 1, tzinfo=UTC)


def differences(store: p8store.Store, metadata: sa.MetaData) -> list:
    with store.engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), metadata)


def test_a_store_at_the_first_revision_upgrades_in_place(store_url):
    old = p8store.Store(store_url, engine.create_engine(store_url))
    engine.migrate(old, FIRST)
    assert engine.current_revision(old) == FIRST
    # Written as the code of that revision wrote it: the tables it had (read back from the
    # database, not today's declaration), nothing newer; every figure then was a 2021 one.
    figures = catalogue.figures()
    figures = figures[figures["vintage"] == "2021"].reset_index(drop=True)
    with engine.writing(old) as conn:
        first_figures = sa.Table("figures", sa.MetaData(), autoload_with=conn)
        conn.execute(sa.insert(schema.batches).values(
            kind="shipped", file_name="data/figures.csv", sha256="0" * 64,
            size_bytes=1, sheets="[]", rows_read=len(figures), figures=len(figures),
            warnings="[]", status="active", created_by="system", created_at=NOW))
        old_columns = [c.name for c in first_figures.columns]
        bulk.insert_frame(conn, first_figures, with_row_keys(figures, 1)[old_columns])
        conn.execute(sa.insert(schema.batch_events).values(
            batch_id=1, action="published", acted_by="system", acted_at=NOW))
    old.engine.dispose()

    upgraded = p8store.open_store(store_url)
    assert engine.current_revision(upgraded) == engine.head_revision()
    assert p8store.history(upgraded)[0]["id"].tolist() == [1]  # kept, and not seeded again
    pd.testing.assert_frame_equal(p8store.active_figures(upgraded)[1].astype(str),
                                  figures.astype(str))
    assert p8store.publish(upgraded, "good.csv", GOOD, actor=ACTOR).ok  # the new schema works
    p8store.open_store(store_url)  # again: nothing to do
    assert engine.current_revision(upgraded) == engine.head_revision()


def test_the_migrated_schema_is_the_declared_one(store):
    assert differences(store, schema.METADATA) == []


def test_a_declared_column_without_its_migration_is_found(store):
    declared = sa.MetaData()
    for table in schema.METADATA.sorted_tables:
        table.to_metadata(declared)
    declared.tables["figures"].append_column(sa.Column("reach", sa.Text()))
    found = differences(store, declared)
    assert [(d[0], d[2], d[3].name) for d in found] == [("add_column", "figures", "reach")]
