"""The page ``bench/bench_deck_layers.py`` opens: the dashboard's province boundaries drawn as
one deck whose layers the URL chooses (``?v=fill``, ``stroke``, ``rings``, ``net``,
``net_s``, ``none``), to see which layer costs a software-rendered browser its seconds.

Run: ``streamlit run bench/deck_layers_app.py`` (the benchmark starts it).
"""

import json
import sys
from pathlib import Path

import pydeck as pdk
import shapely
import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from p8lib.maps import geo  # noqa: E402

VARIANTS = ("none", "fill", "stroke", "rings", "net", "net_s")


@st.cache_resource
def shapes() -> tuple[dict, dict[str, list]]:
    """The provinces as GeoJSON (a fill colour each), and three sets of their borders as
    paths: every ring (shared borders twice), the border network (each once), and that
    network simplified at 0.006° (a quarter pixel at the national zoom)."""
    provinces = geo.load_boundaries("province")
    collection = json.loads(provinces[["code", "geometry"]].to_json())
    for i, feature in enumerate(collection["features"]):
        feature["properties"]["fill"] = [40 + (i * 37) % 200, 80, 160, 220]

    def paths(lines) -> list:
        return [[[round(x, 4), round(y, 4)] for x, y in part.coords]
                for part in getattr(lines, "geoms", [lines])]

    network = shapely.line_merge(shapely.unary_union(provinces.geometry.boundary.values))
    return collection, {"rings": [p for b in provinces.geometry.boundary for p in paths(b)],
                        "net": paths(network),
                        "net_s": paths(shapely.simplify(network, 0.006))}


variant = st.query_params.get("v", "fill")
collection, borders = shapes()
layers = [] if variant == "none" else [pdk.Layer(
    "GeoJsonLayer", collection, id="provinces", stroked=variant == "stroke", filled=True,
    get_fill_color="properties.fill", get_line_color=[255, 255, 255], line_width_min_pixels=1,
    pickable=True, auto_highlight=True)]
if variant in borders:
    layers.append(pdk.Layer("PathLayer", [{"path": p} for p in borders[variant]], id="borders",
                            get_path="path", get_color=[255, 255, 255], width_min_pixels=1))
st.write(variant, sum(len(p) for p in borders.get(variant, [])))
st.pydeck_chart(pdk.Deck(layers=layers, map_provider=None, initial_view_state=pdk.ViewState(
    latitude=16.0, longitude=106.0, zoom=4.6)), height=560)
