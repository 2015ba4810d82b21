"""A throwaway PostgreSQL server for tests and benchmarks: Debian's ``postgresql`` binaries,
a cluster in a temporary folder, listening on 127.0.0.1 at a free port; gone when done.

PostgreSQL refuses to run as root, so as root (CI) the cluster is made and run by the
``postgres`` user that Debian's package creates. ``python3 dev.py test`` installs the
package when it is missing.

Plain Python (no pytest) so that other harnesses (the multi-server test of nginx and
replicas, ``bench/bench_store.py``) start one the same way::

    with postgres_server() as server:
        url = server.url("p8")        # postgresql+psycopg://postgres@127.0.0.1:PORT/p8

The pytest fixture is in ``tests/conftest.py`` (``postgres``, one server per test run).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SERVICE_USER = "postgres"


def bin_dir() -> Path | None:
    """The folder of Debian's ``initdb`` / ``pg_ctl`` (newest version), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class PostgresServer:
    """A running throwaway server."""

    port: int
    folder: Path

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of ``database`` on this server (user ``postgres``, trust)."""
        return f"postgresql+psycopg://{SERVICE_USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create an empty database ``name``; returns its URL."""
        import psycopg  # noqa: PLC0415

        with psycopg.connect(host="127.0.0.1", port=self.port, user=SERVICE_USER,
                             dbname="postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _as_service_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", SERVICE_USER, "--", *cmd]


@contextmanager
def postgres_server(timeout: float = 60.0) -> Iterator[PostgresServer]:
    """Start a fresh cluster on a free port; stop it and remove its folder afterwards.

    Raises
    ------
    RuntimeError
        No PostgreSQL binaries, or the server did not start (its log is quoted).
    """
    binaries = bin_dir()
    if binaries is None:
        raise RuntimeError("PostgreSQL not found: apt-get install postgresql")
    folder = Path(tempfile.mkdtemp(prefix="p8-postgres-"))
    data, log = folder / "data", folder / "server.log"
    if os.geteuid() == 0:
        account = pwd.getpwnam(SERVICE_USER)
        os.chown(folder, account.pw_uid, account.pw_gid)
    port = _free_port()
    run = {"check": True, "capture_output": True, "text": True, "timeout": timeout}
    try:
        subprocess.run(_as_service_user([str(binaries / "initdb"), "-D", str(data), "-U",
                                         SERVICE_USER, "-A", "trust", "-E", "UTF8",
                                         "--no-instructions"]), **run)
        options = (f"-c listen_addresses=127.0.0.1 -c port={port} "
                   f"-c unix_socket_directories={folder} -c fsync=on")
        subprocess.run(_as_service_user([str(binaries / "pg_ctl"), "-D", str(data), "-l",
                                         str(log), "-o", options, "-w", "-t",
                                         str(int(timeout)), "start"]), **run)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {exc}\n{getattr(exc, 'stderr', '')}"
                           f"\n{tail}") from exc
    try:
        yield PostgresServer(port, folder)
    finally:
        subprocess.run(_as_service_user([str(binaries / "pg_ctl"), "-D", str(data), "-m",
                                         "immediate", "-w", "stop"]),
                       capture_output=True, check=False, timeout=timeout)
        deadline = time.monotonic() + 5
        while (data / "postmaster.pid").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        shutil.rmtree(folder, ignore_errors=True)


def postgres_fixture():
    """The pytest fixture ``postgres``: one server per test run (session scope), skipped
    where PostgreSQL is not installed. A conftest registers it with
    ``postgres = postgres_fixture()``."""
    import pytest  # noqa: PLC0415 - the module itself needs no pytest

    @pytest.fixture(scope="session")
    def postgres() -> Iterator[PostgresServer]:
        if bin_dir() is None:
            pytest.skip("PostgreSQL not installed (python3 dev.py test installs it)")
        with postgres_server() as server:
            yield server

    return postgres
