"""Store fixtures: a store on each back-end — a SQLite file in the test's folder, or a
fresh database on the run's throwaway PostgreSQL server (``tests/support/postgres.py``).

Opening a store (schema, seeding) costs about a second on a busy machine, so a seeded store
is made once per module and back-end and each test gets a copy of it: the SQLite file
copied, or ``CREATE DATABASE … TEMPLATE`` on PostgreSQL.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa

from p8lib import store as p8store

BACKENDS = ("sqlite", "postgresql")
_names = itertools.count()


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def new_url(request, backend, tmp_path_factory) -> Callable[[], str]:
    """Makes the URL of a new, empty database (no schema) on the module's back-end."""
    if backend == "sqlite":
        folder = tmp_path_factory.mktemp("stores")
        return lambda: f"sqlite:///{folder / f'p8_{next(_names)}.sqlite'}"
    server = request.getfixturevalue("postgres")  # tests/conftest.py
    return lambda: server.create_database(f"p8_{next(_names)}")


def copy_of(url: str, new_url: Callable[[], str]) -> str:
    """A new database holding what the (closed) database at ``url`` holds."""
    target = new_url()
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        shutil.copyfile(parsed.database, sa.make_url(target).database)
        return target
    name = sa.make_url(target).database
    with sa.create_engine(parsed.set(database="postgres"),
                          isolation_level="AUTOCOMMIT").connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE "{name}"')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{parsed.database}"')
    return target


@pytest.fixture
def store_url(new_url) -> str:
    """The URL of an empty store (no schema yet)."""
    return new_url()


@pytest.fixture(scope="module")
def seeded_url(new_url) -> str:
    """A store seeded with the shipped tables (batch 1), closed: a template to copy."""
    url = new_url()
    p8store.open_store(url).engine.dispose()
    return url


@pytest.fixture
def store(seeded_url, new_url) -> Iterator[p8store.Store]:
    """An opened store of its own, seeded with the shipped tables (batch 1)."""
    opened = p8store.open_store(copy_of(seeded_url, new_url))
    yield opened
    opened.engine.dispose()


def template(build: Callable[[p8store.Store], None], seeded_url: str,
             new_url: Callable[[], str]) -> str:
    """A closed copy of the seeded store after ``build`` (for a module's own fixtures)."""
    opened = p8store.open_store(copy_of(seeded_url, new_url))
    build(opened)
    opened.engine.dispose()
    return opened.url


def opened_copy(url: str, new_url: Callable[[], str]) -> p8store.Store:
    return p8store.open_store(copy_of(url, new_url))


