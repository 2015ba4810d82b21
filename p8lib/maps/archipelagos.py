"""The Hoàng Sa (Paracel) and Trường Sa (Spratly) archipelagos as map layers.

On every national map and on the drill-down of their province (Đà Nẵng, Khánh Hòa): a dot per
island in the colour of its province (their islets are far below a pixel at national zoom) and
their names as text, whose pixel boxes :func:`p8lib.maps.map_view.fit_view` keeps in view. Shapes
come from :func:`p8lib.maps.geo.load_archipelagos`. Pure functions, no streamlit.
"""

from __future__ import annotations

import html

import geopandas as gpd
import pydeck as pdk
import shapely

from p8lib.contract import LANGS, t
from p8lib.maps.deck_payload import Color
from p8lib.maps.map_text import ARCHIPELAGO_NAMES, TOOLTIP_FIELDS

# Islands: a dot per island (Natural Earth islets are ~1 km, a pixel is ~3 km at zoom 4.8),
# filled with the colour of their province and ringed so that a near-white class still shows.
ISLAND_LINE_COLOR: Color = (70, 70, 70, 255)
LABEL_COLOR: Color = (50, 50, 50, 255)
LABEL_SIZE = 13  # px
LABEL_GAP = 6  # px between the islands and their name
# Streamlit's own font (the app serves it; nothing is fetched), else the system's sans-serif.
# Both carry Vietnamese letters; deck.gl draws its font atlas from it on a canvas. No space
# after the comma: the compact deck JSON is tested to hold no ", ".
LABEL_FONT = '"Source Sans",sans-serif'
# Each name goes in the open sea between the two groups (Hoàng Sa's below its islands, Trường
# Sa's above), so the view need not reach south of Cà Mau nor far east of the Spratlys.
LABEL_BELOW = {"hoang_sa": True, "truong_sa": False}


def _literal(text: str) -> str:
    """``text`` quoted for pydeck, which otherwise sends a string as an accessor (``@@=…``)."""
    quote = "'" if '"' in text else '"'
    return f"{quote}{text}{quote}"


def _label_box(text: str, below: bool) -> tuple[float, float, float, float]:
    """Pixel extent (left, top, right, bottom) of a label around its anchor, y down.

    Widths are estimated at 0.6 em a letter: generous, as the bold Source Sans drawn takes
    ~0.45 em, and a fallback sans-serif somewhat more.
    """
    half = 0.6 * LABEL_SIZE * len(text) / 2
    height = 1.25 * LABEL_SIZE
    top = LABEL_GAP if below else -LABEL_GAP - height
    return -half, top, half, top + height


def label_rows(archipelagos: gpd.GeoDataFrame, lang: str, decimals: int,
               ) -> tuple[list[dict], list[tuple[float, float, tuple]]]:
    """Each archipelago's name: its ``text``, anchor ``position`` [lon, lat], ``baseline``
    ("top": the name below the anchor, "bottom": above) and pixel ``offset``; and the anchors
    with their pixel boxes (:func:`_label_box`) for :func:`p8lib.maps.map_view.fit_view`.

    The boxes are those of the longest name in any language, so the view does not move when
    the language changes.
    """
    rows, boxes = [], []
    for key, (lon0, lat0, lon1, lat1) in zip(archipelagos["key"],
                                             archipelagos.geometry.bounds.to_numpy(),
                                             strict=True):
        text = t(ARCHIPELAGO_NAMES[key], lang)
        below = LABEL_BELOW.get(key, True)
        anchor = [round((lon0 + lon1) / 2, decimals), round(lat0 if below else lat1, decimals)]
        rows.append({"text": text, "position": anchor,
                     "baseline": "top" if below else "bottom",
                     "offset": [0, LABEL_GAP if below else -LABEL_GAP]})
        longest = max((t(ARCHIPELAGO_NAMES[key], other) for other in LANGS), key=len)
        boxes.append((anchor[0], anchor[1], _label_box(longest, below)))
    return rows, boxes


def archipelago_labels(archipelagos: gpd.GeoDataFrame, lang: str, decimals: int,
                       ) -> tuple[pdk.Layer, list[tuple[float, float, tuple]]]:
    """Names of the archipelagos as a TextLayer (:func:`label_rows`), and their anchors and
    pixel boxes.

    ``characterSet: "auto"`` makes deck.gl put the letters of the data (ầ, đ, ờ…) in its font
    atlas; its default set is ASCII only.
    """
    rows, boxes = label_rows(archipelagos, lang, decimals)
    layer = pdk.Layer(
        "TextLayer", rows, id="archipelago-labels", get_position="position", get_text="text",
        get_size=LABEL_SIZE, get_color=list(LABEL_COLOR), get_text_anchor=_literal("middle"),
        get_alignment_baseline="baseline", get_pixel_offset="offset",
        character_set=_literal("auto"), font_family=_literal(LABEL_FONT), font_weight=600,
        pickable=False)
    return layer, boxes


def island_records(archipelagos: gpd.GeoDataFrame, lang: str, decimals: int,
                   provinces: dict[str, dict], no_data: Color) -> list[dict]:
    """A record per island: its ``position`` [lon, lat], its province's ``code``, ``fill``
    and tooltip lines, named after the archipelago; the first line says the province and
    its value.

    ``provinces`` maps a province code to the properties its polygon carries (``name`` and
    the tooltip lines, already escaped, and ``fill``). An archipelago whose province is not
    drawn gets ``no_data`` and no lines.
    """
    parts, row = shapely.get_parts(archipelagos.geometry.to_numpy(), return_index=True)
    xy = shapely.get_coordinates(shapely.point_on_surface(parts)).round(decimals).tolist()
    # One record per archipelago, copied to each of its islands (lists, not .iloc per island).
    shared = []
    for key, code in zip(archipelagos["key"].tolist(),
                         archipelagos["province_code"].astype(str).tolist(), strict=True):
        province = provinces.get(code, {})
        name, value = province.get("name", ""), province.get("value", "")
        shared.append({**{f: province.get(f, "") for f in TOOLTIP_FIELDS}, "code": code,
                       "fill": list(province.get("fill", no_data)),
                       "value": f"{name}: {value}" if name and value else name,
                       "name": html.escape(t(ARCHIPELAGO_NAMES[key], lang))})
    return [{**shared[i], "position": position}
            for position, i in zip(xy, row.tolist(), strict=True)]


def archipelago_dots(archipelagos: gpd.GeoDataFrame, lang: str, decimals: int,
                     provinces: dict[str, dict], no_data: Color) -> pdk.Layer:
    """A dot per island (:func:`island_records`), pickable: tooltip and selection as their
    province's."""
    return pdk.Layer(
        "ScatterplotLayer", island_records(archipelagos, lang, decimals, provinces, no_data),
        id="archipelagos", get_position="position",
        get_fill_color="fill", get_line_color=list(ISLAND_LINE_COLOR), stroked=True,
        filled=True, line_width_min_pixels=1, get_radius=1500, radius_min_pixels=3,
        radius_max_pixels=6, pickable=True, auto_highlight=True)
