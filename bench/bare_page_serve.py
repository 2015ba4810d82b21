"""The peer of ``bench/bench_page_speed.py`` served as ``serve.py`` serves the dashboard:
``bench/bare_page_app.py`` as a Streamlit ``st.App``, with Nagle's algorithm off on its
connections (:mod:`app.server_socket`). Beside the stock peer it tells what the dashboard
gains from the transport alone from what it gains from its pages.

Run: ``streamlit run bench/bare_page_serve.py``, open ``/?chart=plotly``.
"""

import streamlit as st

from app import server_socket

server_socket.install()

app = st.App("bare_page_app.py")  # the path is taken from this file
