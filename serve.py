"""Serve the dashboard: ``streamlit run serve.py`` (what ``python3 dev.py app`` runs).

The app is ``dashboard.py``; this file only adds a start-up step (Streamlit's ``st.App``
lifespan): while the first browser fetches Streamlit's scripts, the server imports the
libraries and reads the shipped tables (:mod:`app.warmup`), so the first page does not.
``streamlit run dashboard.py`` still works, without the warm-up.
"""

from contextlib import asynccontextmanager

import streamlit as st

from app import warmup


@asynccontextmanager
async def lifespan(_app):
    warmup.start()
    yield


app = st.App("dashboard.py", lifespan=lifespan)
