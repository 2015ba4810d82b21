"""Migrations: a store made at the first revision upgrades in place, keeping its batches;
the migrated schema is the declared one (so a contract column costs one migration)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from p8lib import store as p8store
from p8lib.store import engine, schema
from tests.store.test_store import ACTOR, GOOD

FIRST = "0001"


def differences(store: p8store.Store, metadata: sa.MetaData) -> list:
    with store.engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), metadata)


def test_a_store_at_the_first_revision_upgrades_in_place(store_url):
    old = p8store.Store(store_url, engine.create_engine(store_url))
    engine.migrate(old, FIRST)
    assert engine.current_revision(old) == FIRST
    p8store.seed_if_empty(old)
    done = p8store.publish(old, "good.csv", GOOD, actor=ACTOR)
    before = p8store.active_figures(old)[1]
    old.engine.dispose()

    upgraded = p8store.open_store(store_url)
    assert engine.current_revision(upgraded) == engine.head_revision()
    batches, _ = p8store.history(upgraded)
    assert batches["id"].tolist() == [done.batch_id, 1]
    assert p8store.active_figures(upgraded)[1].astype(str).equals(before.astype(str))
    p8store.open_store(store_url)  # again: nothing to do
    assert engine.current_revision(upgraded) == engine.head_revision()


def test_the_migrated_schema_is_the_declared_one(store):
    assert differences(store, schema.METADATA) == []


def test_a_declared_column_without_its_migration_is_found(store):
    declared = sa.MetaData()
    for table in schema.METADATA.sorted_tables:
        table.to_metadata(declared)
    declared.tables["figures"].append_column(sa.Column("vintage", sa.Text()))
    found = differences(store, declared)
    assert [(d[0], d[2], d[3].name) for d in found] == [("add_column", "figures", "vintage")]
