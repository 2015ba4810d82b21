"""Store fixtures: a store on each back-end — a SQLite file in the test's folder, or a
fresh database on the run's throwaway PostgreSQL server (``tests/support/postgres.py``)."""

from __future__ import annotations

import itertools

import pytest

from p8lib import store as p8store
from tests.support.postgres import postgres_fixture

postgres = postgres_fixture()
BACKENDS = ("sqlite", "postgresql")
_names = itertools.count()


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path) -> str:
    """The URL of an empty store (no schema yet) on each back-end."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'p8.sqlite'}"
    server = request.getfixturevalue("postgres")
    return server.create_database(f"p8_{next(_names)}")


@pytest.fixture
def store(store_url) -> p8store.Store:
    """An opened store seeded with the shipped tables (batch 1)."""
    opened = p8store.open_store(store_url)
    yield opened
    opened.engine.dispose()
