"""Nothing leaves the machine when the server starts (issue #17, point 7; issue #11).

With ``server.headless`` and no ``server.address``, Streamlit asks an outside service for the
machine's external IP at every start, and probes a route to a public address for its network
URL. The server is started here as ``python3 dev.py app`` starts it, with an audit hook
(``sys.addaudithook``, installed by a ``sitecustomize`` module) that records every
``socket.connect`` to an address off this machine and every name looked up that is not
this machine's; the test fails on any record, and on any sign of the lookup in the log.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
import urllib.request

import pytest

from tests.browser.server import StreamlitServer

AUDIT_HOOK = textwrap.dedent('''
    """Records every attempt to reach off this machine (test_server_start.py)."""
    import os
    import sys

    _LOG = os.environ["P8_NETWORK_LOG"]
    _LOCAL_NAMES = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "::", "", None}


    def _local(host):
        text = host.decode() if isinstance(host, bytes) else host
        return text in _LOCAL_NAMES or str(text).startswith(("127.", "::ffff:127."))


    def _record(what):
        with open(_LOG, "a") as log:
            log.write(f"{os.getpid()} {what}\\n")


    def _audit(event, args):
        if event == "socket.connect":
            address = args[1]
            if isinstance(address, tuple) and address and not _local(address[0]):
                _record(f"connect {address!r}")
        elif event == "socket.getaddrinfo" and not _local(args[0]):
            _record(f"getaddrinfo {args[0]!r}")


    sys.addaudithook(_audit)
''')


@pytest.fixture
def audited(tmp_path):
    """Environment that runs the audit hook in every Python started with it, and its log."""
    hook_dir = tmp_path / "hook"
    hook_dir.mkdir()
    (hook_dir / "sitecustomize.py").write_text(AUDIT_HOOK)
    log = tmp_path / "network.log"
    log.touch()
    return {"PYTHONPATH": str(hook_dir), "P8_NETWORK_LOG": str(log)}, log


def test_the_audit_hook_sees_an_attempt_to_go_out(audited):
    """The control: a lookup of an outside name is recorded (whether or not it resolves)."""
    env, log = audited
    code = ("import socket\ntry:\n    socket.getaddrinfo('example.org', 80)\n"
            "except OSError:\n    pass")
    subprocess.run([sys.executable, "-c", code], env={**env, "PATH": ""}, check=True,
                   timeout=60)
    assert "getaddrinfo 'example.org'" in log.read_text()


def test_the_server_starts_without_reaching_off_the_machine(audited):
    env, log = audited
    server = StreamlitServer(env=env).start()
    try:
        server.wait_healthy(timeout=120)
        with urllib.request.urlopen(f"{server.url}/", timeout=30) as answer:
            assert answer.status == 200
        time.sleep(2)  # the start-up messages (and any lookup) come after the first answer
        output = server.log_tail(200)
    finally:
        server.stop()
    assert log.read_text() == "", log.read_text()
    assert "External URL" not in output and "external IP" not in output, output
    assert "Network URL" not in output, output
    assert f"URL: http://127.0.0.1:{server.port}" in output, output
