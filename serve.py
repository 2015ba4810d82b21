"""Serve the dashboard: ``streamlit run serve.py`` (what ``python3 dev.py app`` runs).

The app is ``dashboard.py``; this file adds to it what only the server can:

- a start-up step (Streamlit's ``st.App`` lifespan): while the first browser fetches
  Streamlit's scripts, the server imports the libraries and reads the shipped tables
  (:mod:`app.warmup`), so the first page does not. Before anything is served the shipped
  tables are checked: a damaged one stops the server with a message naming its file, line
  and column (p8lib.contract.catalogue.check_shipped), never half a table;
- the routes of the scripts the charts and the map draw with (plotly.js, :mod:`app.plot`;
  deck.gl, :mod:`app.deck_map`);
- each batch of a run's messages sent at once (:mod:`app.server_socket`: Nagle's algorithm
  off on Streamlit's listening socket), installed when uvicorn imports this file, before
  its start-up accepts a connection.

``streamlit run dashboard.py`` still runs the pages, without these: its charts and its map
say that their script is not served.
"""

import sys
from contextlib import asynccontextmanager

import streamlit as st

from app import deck_map, plot, server_socket, warmup

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


app = st.App("dashboard.py", lifespan=lifespan, routes=[*plot.routes(), *deck_map.routes()])
