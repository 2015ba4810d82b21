"""Serve the dashboard: ``streamlit run serve.py`` (what ``python3 dev.py app`` runs).

The app is ``dashboard.py``; this file only adds a start-up step (Streamlit's ``st.App``
lifespan): while the first browser fetches Streamlit's scripts, the server imports the
libraries and reads the shipped tables (:mod:`app.warmup`), so the first page does not.
``streamlit run dashboard.py`` still works, without the warm-up. Before anything is served
the shipped tables are checked: a damaged one stops the server with a message naming its
file, line and column (p8lib.contract.catalogue.check_shipped), never half a table.
It also has the server send each batch of a run's messages at once (:mod:`app.server_socket`:
Nagle's algorithm off on Streamlit's listening socket), installed when uvicorn imports this
file, before its start-up accepts a connection.
"""

import sys
from contextlib import asynccontextmanager

import streamlit as st

from app import server_socket, warmup

server_socket.install()


@asynccontextmanager
async def lifespan(_app):
    from p8lib.contract import catalogue  # noqa: PLC0415 - after the server module loads

    try:
        catalogue.check_shipped()
    except catalogue.ShippedTableError as exc:
        print(f"The dashboard cannot start: a shipped table is damaged: {exc}",
              file=sys.stderr, flush=True)
        raise SystemExit(1) from None
    warmup.start()
    yield


app = st.App("dashboard.py", lifespan=lifespan)
