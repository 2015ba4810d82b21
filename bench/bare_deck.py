"""The deck the bare benchmark pages draw: the dashboard's province boundaries, read as plain
JSON (no geopandas, no p8lib), one GeoJSON layer, offline (``map_provider=None``)."""

import json
from pathlib import Path

import pydeck as pdk

GEOJSON = Path(__file__).resolve().parent.parent / "geo" / "provinces_2021.geojson"


def provinces_deck() -> pdk.Deck:
    return pdk.Deck(
        layers=[pdk.Layer("GeoJsonLayer", json.loads(GEOJSON.read_text(encoding="utf-8")),
                          id="provinces", stroked=True, filled=True,
                          get_fill_color=[181, 0, 79, 120], get_line_color=[255, 255, 255],
                          line_width_min_pixels=1)],
        initial_view_state=pdk.ViewState(latitude=16.0, longitude=106.0, zoom=4.3),
        map_provider=None,
    )
