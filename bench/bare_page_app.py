"""The peer of ``bench/bench_page_speed.py``: a bare Streamlit page with the dashboard's
sidebar widgets and one element of the kind a dashboard page shows.

``?chart=plotly`` a plotly bar chart (four bars, by content area), ``?chart=deck`` a pydeck
map of the 63 provinces (a ``GeoJsonLayer``, drawn offline), ``?chart=table`` a 50-row
``st.dataframe``, ``?chart=plain`` the same rows as ``st.table``; several, comma-separated
(``?chart=plotly,table``), are drawn in that order. The chart and the tables change with the
filters, as the dashboard's do — the map too: its provinces take new colours, as the
dashboard's coverage map does. No p8lib; cached are only what the dashboard caches too (the
boundary file, the chart and the coloured map per filters): what is left is Streamlit's own
cost. The map is drawn as plain code would draw it, ``st.pydeck_chart`` without a key, so a
deck of new colours is a new element (as the dashboard's is: its key follows its colours).

Run: ``streamlit run bench/bare_page_app.py``, open ``/?chart=plotly``.
"""

import csv
import json
import zlib
from pathlib import Path

import plotly.graph_objects as go
import pydeck as pdk
import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
GEOJSON = ROOT / "geo" / "provinces_2021.geojson"
# The option texts the dashboard shows in Vietnamese for "all" and for the content areas.
ALL = {"province": "Toàn quốc / tất cả tỉnh", "year": "Tất cả các năm",
       "content": "Tất cả nội dung", "indicator": "Tất cả chỉ tiêu"}
AREAS = {1: "Truyền thông, vận động", 2: "Mô hình, trao quyền kinh tế",
         3: "Tiếng nói, sự tham gia", 4: "Nâng cao năng lực"}


@st.cache_resource
def provinces() -> dict:
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


@st.cache_resource
def bar_chart(seed: int) -> go.Figure:
    """Four bars for some filters, built once per filters (as the dashboard's charts are)."""
    values = [(seed >> (8 * i)) % 150 for i in range(4)]
    return go.Figure({"data": [{"type": "bar", "x": [f"ND{i}" for i in AREAS], "y": values,
                                "marker": {"color": "#b5004f"}}],
                      "layout": {"title": {"text": "Bare chart"}, "height": 420}})


@st.cache_resource
def coloured_provinces(seed: int) -> dict:
    """The provinces, each with a fill of one of five shades picked by ``seed``, built once
    per filters (as the dashboard's coloured decks are)."""
    shades = [[241, 233, 238], [230, 170, 200], [214, 110, 160], [181, 0, 79], [110, 0, 48]]
    features = [{**f, "properties": {**f["properties"],
                                     "fill": shades[zlib.crc32(f"{seed}{n}".encode()) % 5]}}
                for n, f in enumerate(provinces()["features"])]
    return {**provinces(), "features": features}


@st.cache_resource
def indicator_names() -> dict[str, str]:
    with (ROOT / "data" / "indicators.csv").open(encoding="utf-8") as f:
        return {row["indicator_id"]: row["name_vi"] for row in csv.DictReader(f)}


names = {f["properties"]["code"]: f["properties"]["name_vi"] for f in provinces()["features"]}
with st.sidebar:
    st.segmented_control("Ngôn ngữ", ["vi", "en"], key="lang", default="vi", required=True,
                         format_func={"vi": "Tiếng Việt", "en": "English"}.get)
    st.subheader("Bộ lọc")
    province = st.selectbox("Tỉnh (đơn vị cũ, 2021)", [None, *names], key="province",
                            format_func=lambda c: ALL["province"] if c is None
                            else f"{names[c]} ({c})")
    year = st.selectbox("Năm", [None, *range(2021, 2026)], key="year",
                        format_func=lambda y: ALL["year"] if y is None else str(y))
    content = st.selectbox("Nội dung", [None, *AREAS], key="content",
                           format_func=lambda a: ALL["content"] if a is None
                           else f"Nội dung {a}: {AREAS[a]}")
    indicators = indicator_names()
    indicator = st.selectbox("Chỉ tiêu", [None, *indicators], key="indicator",
                             format_func=lambda i: ALL["indicator"] if i is None
                             else indicators[i])
    st.toggle("Chế độ trình chiếu", key="present")

seed = zlib.crc32(repr((province, year, content, indicator)).encode())
kinds = st.query_params.get("chart", "plotly").split(",")
st.title("Bare page")
rows = [{"row": i, "value": (seed >> (i % 24)) % 1000} for i in range(50)]
for kind in kinds:
    if kind == "deck":
        # Like the dashboard's coverage map, the provinces take new colours with the filters.
        st.pydeck_chart(pdk.Deck(
            layers=[pdk.Layer("GeoJsonLayer", coloured_provinces(seed), id="provinces",
                              stroked=True, filled=True, pickable=True,
                              get_fill_color="properties.fill",
                              get_line_color=[255, 255, 255], line_width_min_pixels=1)],
            initial_view_state=pdk.ViewState(latitude=16.0, longitude=106.0, zoom=4.3),
            map_provider=None,
        ), height=620)
    elif kind == "table":
        st.dataframe(rows, hide_index=True, key="bare_table")
    elif kind == "plain":
        st.table(rows)
    else:
        st.plotly_chart(bar_chart(seed), config={"displaylogo": False}, key="bare_chart")
