"""A Streamlit server in its own process group, and the Chromium launch settings.

Shared by the browser tests and ``bench/bench_browser.py``. No pytest here.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENTRY = ROOT / "serve.py"  # the dashboard as served (dashboard.py with a warm-up)
PYTHON = ROOT / ".venv" / "bin" / "python"
CHROMIUM = Path("/usr/bin/chromium")
# Debian's Chromium, headless, with nothing that phones home; WebGL on SwiftShader.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync",
                 "--use-angle=swiftshader", "--enable-unsafe-swiftshader"]
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StreamlitServer:
    """``streamlit run <app>`` on a free port, started from the repository root.

    The process gets its own session (process group) so :meth:`stop` ends it and anything
    it started. Output goes to a temporary log, quoted when the server does not come up.
    """

    def __init__(self, app: Path = ENTRY, python: Path = PYTHON,
                 env: dict[str, str] | None = None) -> None:
        self.app = app
        self.env = env or {}  # added to this process's environment
        self.python = python if python.exists() else Path(sys.executable)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.started_at = 0.0
        handle, name = tempfile.mkstemp(prefix="streamlit-", suffix=".log")
        os.close(handle)
        self._log = Path(name)

    def start(self) -> StreamlitServer:
        """Start the process (returns at once; see :meth:`wait_healthy`)."""
        cmd = [str(self.python), "-m", "streamlit", "run", str(self.app.relative_to(ROOT)),
               "--server.headless", "true", "--server.port", str(self.port),
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
        self.started_at = time.perf_counter()
        with self._log.open("wb") as log:  # the child keeps its own copy of the handle
            self.process = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                            env={**os.environ, **self.env},
                                            stdin=subprocess.DEVNULL, start_new_session=True)
        return self

    def wait_healthy(self, timeout: float = 60.0) -> StreamlitServer:
        """Poll ``/_stcore/health`` until it answers ``ok``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited early:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                    if answer.read().strip() == b"ok":
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.05)
        raise TimeoutError(f"streamlit on port {self.port} not healthy after {timeout} s:\n"
                           f"{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        text = self._log.read_text(errors="replace") if self._log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """End the server's process group (TERM, then KILL after 10 s); idempotent."""
        if self.process is not None and self.process.poll() is None:
            for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
                try:
                    os.killpg(self.process.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    self.process.wait(wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        self._log.unlink(missing_ok=True)
