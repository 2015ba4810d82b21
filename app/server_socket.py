"""The served dashboard's connections: each batch of a run's messages sent when it is ready.

Streamlit 1.67 binds its listening socket itself (``starlette_server._bind_socket``, as
``socket.socket(family=…)``, protocol number 0) and hands it to uvicorn. Connections
accepted from it report protocol 0 too, and asyncio turns Nagle's algorithm off
(``TCP_NODELAY``) only on sockets that report ``IPPROTO_TCP``
(``asyncio.base_events._set_nodelay``; uvicorn issue #3149 is the same gap in uvicorn's own
pre-bound sockets). With Nagle on, a script run's messages leave in the server's 5 ms flush
batches, and each batch after the first waits until the browser acknowledges the one before
— which a browser with nothing to send does on its delayed-ACK timer, 40 ms on Linux. A bare
page's rerun waited 40 ms for its second batch; a dashboard rerun, streamed in several,
waited in each (docs/benchmarks.md, issue #19).

:func:`install` has uvicorn's server set ``TCP_NODELAY`` on the listening sockets it is
given, before it accepts on them; Linux (and the BSDs) copy it to every connection accepted.
``serve.py`` installs it when uvicorn imports it, which is before uvicorn's start-up.
"""

from __future__ import annotations

import functools
import socket

import uvicorn

_MARK = "_p8_nodelay"


def no_delay(sock: socket.socket) -> None:
    """Nagle's algorithm off on ``sock`` when it is a TCP socket (a Unix socket is left)."""
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def install() -> None:
    """Have :class:`uvicorn.Server` turn :func:`no_delay` on for the sockets it is started
    with (Streamlit's). Installing twice changes nothing."""
    startup = uvicorn.Server.startup
    if getattr(startup, _MARK, False):
        return

    @functools.wraps(startup)
    async def startup_without_delay(self, sockets: list[socket.socket] | None = None):
        for sock in sockets or ():
            no_delay(sock)
        return await startup(self, sockets=sockets)

    setattr(startup_without_delay, _MARK, True)
    uvicorn.Server.startup = startup_without_delay
