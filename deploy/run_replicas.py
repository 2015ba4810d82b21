#!/usr/bin/env python3
"""Several Streamlit replicas of the dashboard behind nginx, started by one command.

    .venv/bin/python deploy/run_replicas.py --replicas 2 --port 8080
    .venv/bin/python deploy/run_replicas.py --replicas 3 --database-url postgresql://…

opens the dashboard at ``http://127.0.0.1:<port>`` until Ctrl-C. Each replica is ``streamlit
run serve.py`` on its own port of 127.0.0.1; nginx (Debian's package, ``apt-get install
nginx``) listens on ``--port`` and keeps each viewer on one replica with a cookie (see
``deploy/nginx.conf.template``). Every replica gets the same store URL in
``P8_DATABASE_URL`` (the shared store, PostgreSQL for several servers), so what one replica
publishes every replica reads.

The tests and ``bench/bench_load.py`` use :class:`Replicas` the same way.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from tests.browser.server import ENTRY, StreamlitServer, free_port  # noqa: E402

TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
NGINX = "/usr/sbin/nginx"
DATABASE_ENV = "P8_DATABASE_URL"
# Every replica listens on the loopback address only; nginx is the one door.
REPLICA_ARGS = ("--server.address", "127.0.0.1")


def nginx_binary() -> str | None:
    """Path of nginx, or None when it is not installed."""
    return shutil.which("nginx") or (NGINX if Path(NGINX).exists() else None)


def nginx_config(listen: str, upstreams: list[str], runtime: Path) -> str:
    """The nginx configuration for replicas at ``upstreams`` (``host:port``), listening on
    ``listen``, keeping its pid, logs and temporary files in ``runtime``."""
    servers = "\n".join(f"        server {u} max_fails=1 fail_timeout=5s;" for u in upstreams)
    text = TEMPLATE.read_text(encoding="utf-8")
    for field, value in (("@RUNTIME@", str(runtime)),
                         ("@UPSTREAMS@", servers), ("@LISTEN@", listen)):
        text = text.replace(field, value)
    return text


def _wait_http(url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


class Replicas:
    """``count`` dashboard replicas and nginx before them, on 127.0.0.1.

    Parameters
    ----------
    count : int
        How many Streamlit processes.
    port : int | None
        nginx's port (a free one when None).
    app : Path
        The entry each replica runs (``serve.py``).
    database_url : str | None
        The store every replica reads and writes (``P8_DATABASE_URL``); None leaves each
        replica on the embedded default.
    env : Mapping[str, str] | None
        More environment for the replicas (``P8_FIGURES`` …).

    Use as a context manager; :meth:`stop_replica` kills one replica (as a crash would).

    Raises
    ------
    RuntimeError
        When nginx is not installed, or a replica or nginx does not come up.
    """

    def __init__(self, count: int, port: int | None = None, app: Path = ENTRY,
                 database_url: str | None = None, env: Mapping[str, str] | None = None) -> None:
        if count < 1:
            raise ValueError(f"at least one replica, got {count}")
        self.count = count
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        extra = dict(env or {})
        if database_url:
            extra[DATABASE_ENV] = database_url
        self.servers = [StreamlitServer(app, args=REPLICA_ARGS, env=extra)
                        for _ in range(count)]
        self.nginx: subprocess.Popen | None = None
        self.runtime = Path(tempfile.mkdtemp(prefix="p8-nginx-"))
        # Started as root, nginx runs its workers as an unprivileged user, who must reach
        # the temporary folders nginx makes (and hands to that user) in here.
        self.runtime.chmod(0o755)

    @property
    def upstreams(self) -> list[str]:
        """``127.0.0.1:<port>`` of every replica, in order."""
        return [f"127.0.0.1:{s.port}" for s in self.servers]

    @property
    def pids(self) -> list[int]:
        """Process ids of the replicas that still run, then nginx's master."""
        pids = [s.process.pid for s in self.servers if s.process and s.process.poll() is None]
        return pids + ([self.nginx.pid] if self.nginx else [])

    def start(self, timeout: float = 90.0) -> Replicas:
        """Start the replicas (together) and nginx; return when nginx answers health."""
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx not found: apt-get install nginx (python3 dev.py test "
                               "installs it when it runs as root)")
        for server in self.servers:
            server.start()
        for server in self.servers:
            server.wait_healthy(timeout)
        conf = self.runtime / "nginx.conf"
        conf.write_text(nginx_config(f"127.0.0.1:{self.port}", self.upstreams, self.runtime),
                        encoding="utf-8")
        log = (self.runtime / "nginx.out").open("wb")
        self.nginx = subprocess.Popen(
            [binary, "-p", str(self.runtime), "-c", str(conf), "-g", "daemon off;"],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True)
        log.close()
        try:
            _wait_http(f"{self.url}/_stcore/health", timeout=15)
        except TimeoutError as exc:
            raise RuntimeError(f"nginx did not come up: {self.nginx_log()}") from exc
        return self

    def nginx_log(self) -> str:
        parts = [p.read_text(errors="replace") for p in
                 (self.runtime / "nginx.out", self.runtime / "error.log") if p.exists()]
        return "\n".join(parts)[-3000:]

    def replica_at(self, upstream: str) -> int:
        """Index of the replica at ``upstream`` (``127.0.0.1:<port>``, as nginx reports it)."""
        return self.upstreams.index(upstream)

    def stop_replica(self, index: int) -> None:
        """Kill replica ``index`` at once (SIGKILL: no goodbye to its sessions, as a crash)."""
        process = self.servers[index].process
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)

    def stop(self) -> None:
        """Stop nginx and every replica; remove the runtime folder."""
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)  # graceful: finish what is in flight
            try:
                self.nginx.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.nginx.pid, signal.SIGKILL)
                self.nginx.wait(5)
        for server in self.servers:
            server.stop()
        shutil.rmtree(self.runtime, ignore_errors=True)

    def __enter__(self) -> Replicas:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc) -> None:
        self.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2, help="Streamlit processes")
    parser.add_argument("--port", type=int, default=8080, help="nginx's port on 127.0.0.1")
    parser.add_argument("--database-url", default=os.environ.get(DATABASE_ENV),
                        help=f"the shared store for every replica (default: ${DATABASE_ENV})")
    args = parser.parse_args()
    # A TERM (a timeout, a kill) unwinds like Ctrl-C: the replicas and nginx are stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    with Replicas(args.replicas, args.port, database_url=args.database_url) as replicas:
        print(f"{args.replicas} replicas ({', '.join(replicas.upstreams)}) behind nginx: "
              f"open {replicas.url}  (Ctrl-C stops everything)", flush=True)
        try:
            while all(s.process and s.process.poll() is None for s in replicas.servers):
                time.sleep(1)
            print("a replica stopped; stopping", file=sys.stderr)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
