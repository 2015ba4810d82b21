"""Shared fixtures: the shipped catalogue, and small report files built in code."""

from __future__ import annotations

import pandas as pd
import pytest

from p8lib.contract import catalogue
from tests.support.postgres import postgres_fixture

# One throwaway PostgreSQL server per test run (started when a test first asks for it),
# shared by the store's tests and the replica tests.
postgres = postgres_fixture()


@pytest.fixture(scope="session")
def indicator_catalogue() -> pd.DataFrame:
    return catalogue.indicators()


@pytest.fixture(scope="session", autouse=True)
def _own_store(tmp_path_factory):
    """Every test run reads and writes a store of its own (a SQLite file in a temporary
    folder), never the developer's ``var/p8.sqlite``. Tests that need a fresh store
    set ``P8_DATABASE_URL`` themselves."""
    from p8lib.store import URL_ENV  # noqa: PLC0415

    patch = pytest.MonkeyPatch()
    patch.setenv(URL_ENV, f"sqlite:///{tmp_path_factory.mktemp('store') / 'p8.sqlite'}")
    yield
    patch.undo()
