#!/usr/bin/env python3
"""Set up and run the Project 8 dashboard or its tests, from a fresh machine with Python 3.11+.

    python3 dev.py app     # create .venv, install, start the dashboard on the shipped data
    python3 dev.py test    # create .venv, install test tools (Chromium, PostgreSQL, nginx),
                           # run every test

Installation is skipped when requirements have not changed since the last run.
Only the standard library is used here, so this runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
CHROMIUM = Path("/usr/bin/chromium")
POSTGRES_BIN = Path("/usr/lib/postgresql")  # Debian's postgresql: <version>/bin/pg_ctl
NGINX = Path("/usr/sbin/nginx")


def _run(*cmd: str | Path, **kwargs) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def _install(requirements: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this file runs before any install
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print(f"creating the virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    files = [ROOT / "requirements.txt", ROOT / requirements, ROOT / "pyproject.toml"]
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    stamp = VENV / f".installed-{requirements}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    _run(PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "-q",
         "-r", ROOT / requirements)
    _run(PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "-q", "--no-deps",
         "-e", ROOT)
    stamp.write_text(digest)


def _apt_install(packages: dict[str, str]) -> None:
    """Install Debian packages (name → the tests that need it) with one apt run, as root;
    elsewhere say which tests will be skipped."""
    if not packages:
        return
    apt = shutil.which("apt-get")
    if apt is None or os.geteuid() != 0:
        for package, purpose in packages.items():
            print(f"{package} not found and cannot be installed here: {purpose} will be "
                  "skipped", flush=True)
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    _run(apt, "-qq", "update", env=env)
    _run(apt, "-qq", "install", "-y", "--no-install-recommends", *packages, env=env)


def _missing_test_packages() -> dict[str, str]:
    """The Debian packages the tests drive that this machine lacks:

    * ``chromium`` — the browser tests (Playwright drives Debian's Chromium);
    * ``postgresql`` — the store's tests start a throwaway server from its binaries
      (tests/support/postgres.py);
    * ``nginx`` — the replica tests (tests/deploy/) run it in front of several Streamlit
      servers; only the binary is used (deploy/run_replicas.py starts its own on 127.0.0.1).
    """
    missing = {}
    if not (CHROMIUM.exists() or shutil.which("chromium")):
        missing["chromium"] = "browser tests"
    if not any(POSTGRES_BIN.glob("*/bin/pg_ctl")):
        missing["postgresql"] = "the store's PostgreSQL tests"
    if not (NGINX.exists() or shutil.which("nginx")):
        missing["nginx"] = "the replica tests"
    return missing


def app(extra: list[str]) -> None:
    _install("requirements.txt")
    os.chdir(ROOT)
    # serve.py is dashboard.py with a start-up warm-up (app/warmup.py).
    os.execv(PYTHON, [str(PYTHON), "-m", "streamlit", "run", "serve.py", *extra])


def _workers(extra: list[str]) -> list[str]:
    """pytest-xdist's options unless the command gives its own: one worker per core (at
    least two: the browser tests mostly wait on Chromium's software rendering), each running
    whole test files (``--dist loadfile``: a file's servers and browser are started once)."""
    if any(a.startswith(("-n", "--numprocesses", "--dist")) for a in extra):
        return []
    return ["-n", str(max(2, os.cpu_count() or 1)), "--dist", "loadfile"]


def test(extra: list[str]) -> None:
    _install("requirements-dev.txt")
    _apt_install(_missing_test_packages())
    os.chdir(ROOT)
    os.execv(PYTHON, [str(PYTHON), "-m", "pytest", *_workers(extra), *extra])


def main() -> None:
    commands = {"app": app, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
