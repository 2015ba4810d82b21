"""Alembic's environment for the store: run on the connection the caller passes
(:func:`p8lib.store.engine.migrate`), never from an ``alembic.ini`` URL."""

from alembic import context

from p8lib.store.schema import METADATA

connection = context.config.attributes["connection"]
# SQLite alters a table by copying it ("batch" mode); PostgreSQL alters it in place.
context.configure(connection=connection, target_metadata=METADATA,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
