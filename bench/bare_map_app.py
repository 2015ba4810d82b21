"""The floor for ``bench/bench_browser.py``: a bare Streamlit page holding one pydeck chart.

Same province boundaries as the dashboard's coverage map (``bench/bare_deck.py``: read as
plain JSON, no geopandas, no p8lib), drawn offline (``map_provider=None``).
Run: ``streamlit run bench/bare_map_app.py``.
"""

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bare_deck import provinces_deck  # noqa: E402

st.pydeck_chart(provinces_deck(), height=620)
