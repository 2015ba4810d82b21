"""The floor for ``bench/bench_browser.py``: a bare Streamlit page holding one pydeck chart.

Same province boundaries as the dashboard's coverage map (read as plain JSON, no geopandas,
no p8lib), drawn offline (``map_provider=None``). Run: ``streamlit run bench/bare_map_app.py``.
"""

import json
from pathlib import Path

import pydeck as pdk
import streamlit as st

GEOJSON = Path(__file__).resolve().parent.parent / "geo" / "provinces_2021.geojson"

st.pydeck_chart(pdk.Deck(
    layers=[pdk.Layer("GeoJsonLayer", json.loads(GEOJSON.read_text(encoding="utf-8")),
                      id="provinces", stroked=True, filled=True,
                      get_fill_color=[181, 0, 79, 120], get_line_color=[255, 255, 255],
                      line_width_min_pixels=1)],
    initial_view_state=pdk.ViewState(latitude=16.0, longitude=106.0, zoom=4.3),
    map_provider=None,
), height=620)
