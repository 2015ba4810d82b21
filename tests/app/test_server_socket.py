"""app/server_socket.py: the served dashboard's connections have Nagle's algorithm off.

A real uvicorn server is started on a socket bound the way Streamlit binds it
(``starlette_server._bind_socket``), and the connection it accepts is read back from the
server's own state.
"""

from __future__ import annotations

import inspect
import socket
import sys
import threading
import time

import pytest
import uvicorn
from streamlit.web.server.starlette import starlette_server

from app import server_socket


async def _empty_app(scope, receive, send):  # an ASGI app that answers nothing
    if scope["type"] == "http":
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})


def _accepted_no_delay() -> int:
    """TCP_NODELAY of the connection a uvicorn server accepts on a Streamlit-bound socket."""
    listener = starlette_server._bind_socket("127.0.0.1", 0, 8)
    port = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(_empty_app, log_level="error", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.01)
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            while not server.server_state.connections:
                assert time.monotonic() < deadline, "no connection accepted"
                time.sleep(0.01)
            (connection,) = server.server_state.connections
            accepted = connection.transport.get_extra_info("socket")
            return accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        listener.close()


@pytest.fixture
def stock_uvicorn(monkeypatch):
    """uvicorn's start-up as it ships (whatever another test installed is undone after)."""
    monkeypatch.setattr(uvicorn.Server, "startup", inspect.unwrap(uvicorn.Server.startup))


def test_streamlits_socket_leaves_nagle_on_as_shipped(stock_uvicorn):
    # The reason for app/server_socket.py: when this fails, Streamlit (or uvicorn) has fixed
    # it and the module can go.
    assert _accepted_no_delay() == 0


def test_installed_the_connections_accepted_have_nagle_off(stock_uvicorn):
    server_socket.install()
    server_socket.install()  # twice: still one wrapper
    assert inspect.unwrap(uvicorn.Server.startup) is uvicorn.Server.startup.__wrapped__
    assert _accepted_no_delay() == 1


def test_a_unix_socket_is_left_as_it_is(tmp_path):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as unix:
        unix.bind(str(tmp_path / "s"))
        server_socket.no_delay(unix)  # no TCP option to set: must not raise


def test_serve_py_installs_it_when_imported(stock_uvicorn, monkeypatch):
    monkeypatch.delitem(sys.modules, "serve", raising=False)
    __import__("serve")
    assert getattr(uvicorn.Server.startup, server_socket._MARK, False)
