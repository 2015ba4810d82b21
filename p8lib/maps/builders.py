"""Map builders: frames in, ``pydeck.Deck`` out. Pure functions, no streamlit.

Decks draw with no internet by default: ``map_provider=None`` with ``map_style`` left unset
draws the layers only (with ``map_style=None`` Streamlit would still fetch a basemap). A basemap
is an option (``basemap=True``) for when the app is online.

Tooltips use one constant template (:data:`TOOLTIP`); the values put into it are HTML-escaped
here, so a unit name such as ``<img src=x onerror=…>`` shows as text whatever the front end
does. :data:`APPROXIMATE_NOTE` (where the boundaries come from, their licences, and that
communes are approximate; see geo/README.md) is returned with every map so the page shows it.

Payload: Streamlit sends ``deck.to_json()`` whole on every rerun in which the deck changes, so
decks are :class:`CompactDeck` (JSON without indentation), carry only the properties their
layers read, and coordinates rounded to what is visible (:data:`NATIONAL_DECIMALS`,
:data:`DETAIL_DECIMALS`). Sizes and build times: ``bench/bench_maps.py``.

Layer ids: ``provinces``, ``pilot-provinces``, ``implementing-districts``, ``communes``,
``commune-points-implementing``, ``commune-points-priority``, ``commune-points-other``,
``archipelagos``, ``archipelago-labels``.

The Hoàng Sa (Paracel) and Trường Sa (Spratly) archipelagos are on every national map and on
the drill-down of their province (Đà Nẵng, Khánh Hòa), whatever boundaries are drawn: a dot
per island in the colour of its province (their islets are far below a pixel at national
zoom), and their names as text. The national view is fitted so that they and their labels are
never cut off (:func:`p8lib.maps.map_view.fit_view`); their layers: :mod:`p8lib.maps.archipelagos`.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import pydeck as pdk
import shapely

from p8lib.contract import LANGS, check_lang, fmt_number, t
from p8lib.maps import geo
from p8lib.maps.archipelagos import archipelago_dots, archipelago_labels
from p8lib.maps.deck_payload import Color, CompactDeck, features, flat_polygons, ring_lists
from p8lib.maps.map_view import fit_view

TOOLTIP = {"html": "<b>{name}</b><br/>{detail}", "style": {"fontSize": "14px"}}
NO_DATA_COLOR: Color = (205, 205, 205, 150)  # grey: visibly not a value
ZERO_COLOR: Color = (255, 247, 236, 230)  # near white with a warm tint: a real 0
RAMP: tuple[Color, ...] = (  # light to dark magenta, after the theme colour #b5004f
    (252, 208, 221, 230),
    (240, 140, 175, 230),
    (214, 70, 130, 230),
    (181, 0, 79, 230),
    (110, 0, 50, 230),
)
LINE_COLOR: Color = (255, 255, 255, 255)
COMMUNE_COLOR: Color = (245, 240, 240, 200)  # drill-down: communes (and islands) all alike
PILOT_COLOR: Color = (20, 20, 20, 255)
DISTRICT_COLOR: Color = (40, 70, 160, 255)
POINT_COLORS: dict[str, Color] = {
    "implementing": (181, 0, 79, 230),
    "priority": (230, 140, 0, 230),
    "other": (110, 110, 110, 160),
}
# Vertex budgets: a compact [lon, lat] pair costs 16–19 bytes. The shipped files fit them as
# they are (the Government map's provinces, issue #16: 63 provinces 32,590 vertices, 34:
# 27,625; communes of one province: at most 9,234, Thanh Hóa), so only heavier official
# boundaries get simplified.
NATIONAL_MAX_COORDS = 36_000  # ~600 KB of province polygons in the national deck
OUTLINE_MAX_COORDS = 10_000  # per outline layer: 8 pilot provinces ~4,000, 60 districts ~7,800
DETAIL_MAX_COORDS = 10_000  # ~190 KB of commune polygons in a province deck
# Decimals of lon/lat sent (0.001° ≈ 110 m). The national deck opens at zoom ≈ 4.8, 1 px ≈
# 0.03°. A drill-down opens at zoom 5.8–9.9 (1 px ≥ 0.0015°) and its shipped polygons are
# simplified at 0.004°: 4 decimals (≤ 0.00005° off) stay below a pixel however far one zooms.
NATIONAL_DECIMALS = 3
DETAIL_DECIMALS = 4
ATTAINMENT_BREAKS = (25.0, 50.0, 75.0, 100.0)
COUNT_BREAKS = (2.0, 5.0, 10.0, 20.0)
# The note shown under every map: where the boundaries come from, their licences, and that
# communes are approximate (i18n ``map_boundaries_note``; sources in p8lib.maps.credits).
APPROXIMATE_NOTE = {lang: t("map_boundaries_note", lang) for lang in LANGS}
_WORDS = {
    "vi": {"no_data": "Không có số liệu", "pilot": "Tỉnh thí điểm", "district": "Huyện triển khai",
           "implementing": "Xã triển khai", "priority": "Xã ưu tiên", "other": "Xã khác"},
    "en": {"no_data": "No data", "pilot": "Pilot province", "district": "Implementing district",
           "implementing": "Implementing commune", "priority": "Priority commune",
           "other": "Other commune"},
}


@dataclass(frozen=True)
class LegendRow:
    """One legend entry: a label and its RGBA colour; ``kind`` is fill, outline or point."""

    label: str
    color: Color
    kind: str = "fill"


@dataclass
class MapSpec:
    """A deck with the legend rows and the note that must be shown beside it."""

    deck: pdk.Deck
    legend: list[LegendRow] = field(default_factory=list)
    note: str = ""


def value_classes(
    values: pd.Series, breaks: Sequence[float], lang: str = "vi", percent: bool = False
) -> tuple[pd.Series, list[LegendRow]]:
    """Colour per value: no data, exactly zero, then one class per interval of ``breaks``.

    Parameters
    ----------
    values : Series
        Numbers (NaN = no data).
    breaks : sequence of float
        Increasing upper-exclusive bounds; ``len(breaks) + 1`` classes above zero (at most 5).
    lang : {"vi", "en"}
        Language of the legend labels.
    percent : bool
        Label classes with ``%``.

    Returns
    -------
    (Series of Color, list of LegendRow)
        Colours aligned with ``values`` and the legend, no-data row last.

    Examples
    --------
    >>> colors, legend = value_classes(pd.Series([0.0, None, 30.0]), (25, 50), "en", True)
    >>> [row.label for row in legend]
    ['0%', '> 0–< 25%', '25–< 50%', '≥ 50%', 'No data']
    """
    lang = check_lang(lang)
    if len(breaks) + 1 > len(RAMP):
        raise ValueError(f"at most {len(RAMP) - 1} breaks, got {list(breaks)}")
    unit = "%" if percent else ""
    fmt = lambda v: fmt_number(v, lang)  # noqa: E731
    bounds = [0.0, *breaks]
    labels = [f"0{unit}"]
    for i, low in enumerate(bounds):
        high = bounds[i + 1] if i + 1 < len(bounds) else None
        if high is None:
            labels.append(f"≥ {fmt(low)}{unit}")
        elif i == 0:
            labels.append(f"> 0–< {fmt(high)}{unit}")
        else:
            labels.append(f"{fmt(low)}–< {fmt(high)}{unit}")
    colors = [ZERO_COLOR, *RAMP[: len(bounds)]]
    numbers = pd.to_numeric(values, errors="coerce").to_numpy(float)
    idx = np.searchsorted(np.asarray(breaks, float), numbers, side="right") + 1
    idx = np.where(numbers == 0, 0, idx)
    out = [NO_DATA_COLOR if math.isnan(v) else colors[i] for v, i in zip(numbers, idx, strict=True)]
    legend = [LegendRow(lab, col) for lab, col in zip(labels, colors, strict=True)]
    legend.append(LegendRow(_WORDS[lang]["no_data"], NO_DATA_COLOR))
    return pd.Series(out, index=values.index, dtype=object), legend


def _name(frame: pd.DataFrame, lang: str) -> pd.Series:
    return frame["name_vi"] if lang == "vi" else frame["name_en"]


def _escape(values: Iterable[object]) -> list[str]:
    if isinstance(values, pd.Series):
        values = values.tolist()  # iterating an Arrow-backed Series costs ~4 µs per item
    return [html.escape("" if v is None else str(v), quote=True) for v in values]


def _deck(layers: list, view: pdk.ViewState, basemap: bool) -> CompactDeck:
    # map_style is left unset offline on purpose: with map_provider=None nothing is fetched.
    provider = {"map_provider": "carto", "map_style": "light"} if basemap else {}
    return CompactDeck(layers=layers, initial_view_state=view, tooltip=TOOLTIP,
                       **{"map_provider": None, **provider})


def _outline_layer(layer_id: str, frame: gpd.GeoDataFrame, color: Color, width: int,
                   decimals: int, max_coords: int = OUTLINE_MAX_COORDS) -> pdk.Layer:
    """Outlines as a PathLayer of rings of [lon, lat] pairs, never picked.

    Flat rings with ``positionFormat: "XY"`` would be smaller, but pydeck serialises every
    string argument as an accessor expression ("@@=XY"), which deck.gl ignores and then reads
    the flat list as XYZ triples — drawing lines across the map (seen in Chromium).
    """
    frame = geo.fit_to_vertex_budget(frame, max_coords)
    rings = shapely.get_rings(shapely.get_parts(frame.geometry.to_numpy()))
    paths = [{"path": ring} for ring in ring_lists(rings, decimals)]
    return pdk.Layer("PathLayer", paths, id=layer_id, get_path="path",
                     get_color=list(color), width_min_pixels=width, pickable=False)


def _point_layers(points: pd.DataFrame, roles: pd.Series | None, lang: str, decimals: int,
                  draw: tuple[str, ...] = ("other", "priority", "implementing"),
                  ) -> tuple[list[pdk.Layer], list[LegendRow]]:
    """Dots per role, never picked: the data is a bare list of [lon, lat] pairs.

    ``get_position="-"`` is deck.gl JSON's identity accessor (each datum is its position; in
    Streamlit 1.67's bundle, drawn in Chromium): ~16 bytes a point instead of ~30 for a record.
    """
    roles = (roles.reindex(points["commune_code"]).fillna("other").to_numpy()
             if roles is not None else np.full(len(points), "other"))
    lonlat = np.column_stack([points["lon"], points["lat"]]).astype(float).round(decimals)
    layers, legend = [], []
    for role in draw:  # drawn last = on top
        sel = roles == role
        if not sel.any():
            continue
        layers.append(pdk.Layer(
            "ScatterplotLayer", lonlat[sel].tolist(), id=f"commune-points-{role}",
            get_position="-", get_fill_color=list(POINT_COLORS[role]),
            get_radius=600 if role == "other" else 1200,
            radius_min_pixels=1 if role == "other" else 3, pickable=False))
        legend.append(LegendRow(_WORDS[lang][role], POINT_COLORS[role], "point"))
    return layers, legend


def province_map(
    provinces: gpd.GeoDataFrame,
    values: pd.Series,
    *,
    kind: str = "attainment",
    lang: str = "vi",
    pilot_codes: Iterable[str] = (),
    districts: gpd.GeoDataFrame | None = None,
    points: pd.DataFrame | None = None,
    point_roles: pd.Series | None = None,
    basemap: bool = False,
    archipelagos: gpd.GeoDataFrame | None = None,
) -> MapSpec:
    """National choropleth of provinces, pilot provinces outlined, optional commune dots.

    Parameters
    ----------
    provinces : GeoDataFrame
        From :func:`p8lib.maps.geo.load_boundaries` (``code``, ``name_vi``, ``name_en``,
        geometry), either vintage.
    values : Series
        Value per province code (attainment in percent, or a count); missing = no data.
    kind : {"attainment", "count"}
        Chooses the class breaks and the ``%`` sign.
    lang : {"vi", "en"}
        Language of names, legend and tooltip words.
    pilot_codes : iterable of str
        Province codes drawn with a heavy outline (layer ``pilot-provinces``).
    districts : GeoDataFrame, optional
        Implementing districts, outlined (layer ``implementing-districts``).
    points : DataFrame, optional
        :func:`p8lib.maps.geo.commune_points`; drawn as small dots without tooltips (layers
        ``commune-points-<role>``) to keep the national payload small.
    point_roles : Series, optional
        Commune code → ``"implementing"`` or ``"priority"``; others are ``"other"``.
    basemap : bool
        Draw a Carto basemap under the layers (needs internet).
    archipelagos : GeoDataFrame, optional
        :func:`p8lib.maps.geo.load_archipelagos` (the default): drawn (layer ``archipelagos``, a
        dot per island in its province's colour, pickable with the province's ``code``) and
        named (layer ``archipelago-labels``) on every national map.

    Returns
    -------
    MapSpec
        The deck (layer ``provinces`` is pickable: a click selects a province, whose ``code``
        is in the picked object's properties), legend rows and the approximate-boundary note.
        Its view (:func:`p8lib.maps.map_view.fit_view`) shows the provinces, the archipelagos
        and their names whole in :data:`p8lib.maps.map_view.NATIONAL_VIEWPORT`.
    """
    lang = check_lang(lang)
    if kind not in ("attainment", "count"):
        raise ValueError(f"kind must be 'attainment' or 'count', got {kind!r}")
    provinces = geo.fit_to_vertex_budget(provinces, NATIONAL_MAX_COORDS)
    percent = kind == "attainment"
    vals = values.reindex(provinces["code"].to_numpy())
    colors, legend = value_classes(vals, ATTAINMENT_BREAKS if percent else COUNT_BREAKS,
                                   lang, percent)
    shown = [fmt_number(v, lang, 0 if percent else None) + ("%" if percent else "") if pd.notna(v)
             else _WORDS[lang]["no_data"] for v in vals]
    # Only what the layer reads: code (selection), name and detail (tooltip), fill (colour).
    props = [{"code": code, "name": name, "detail": detail, "fill": list(fill)}
             for code, name, detail, fill in zip(provinces["code"].tolist(),
                                                 _escape(_name(provinces, lang)), _escape(shown),
                                                 colors, strict=True)]
    layers = [pdk.Layer(
        "GeoJsonLayer", features(provinces, props, NATIONAL_DECIMALS), id="provinces",
        pickable=True, auto_highlight=True, stroked=True, filled=True,
        get_fill_color="properties.fill",
        get_line_color=list(LINE_COLOR), line_width_min_pixels=1)]
    pilots = provinces[provinces["code"].isin(set(pilot_codes))]
    if not pilots.empty:
        layers.append(_outline_layer("pilot-provinces", pilots, PILOT_COLOR, 3,
                                     NATIONAL_DECIMALS))
        legend.append(LegendRow(_WORDS[lang]["pilot"], PILOT_COLOR, "outline"))
    if districts is not None and not districts.empty:
        layers.append(_outline_layer("implementing-districts", districts, DISTRICT_COLOR, 2,
                                     NATIONAL_DECIMALS))
        legend.append(LegendRow(_WORDS[lang]["district"], DISTRICT_COLOR, "outline"))
    if points is not None:
        point_layers, point_legend = _point_layers(points, point_roles, lang,
                                                   NATIONAL_DECIMALS)
        layers += point_layers
        legend += point_legend
    islands = geo.load_archipelagos() if archipelagos is None else archipelagos
    by_code = {p["code"]: (p["name"], p["detail"], p["fill"]) for p in props}
    layers.append(archipelago_dots(islands, lang, NATIONAL_DECIMALS, by_code,
                                   NO_DATA_COLOR))
    labels, boxes = archipelago_labels(islands, lang, NATIONAL_DECIMALS)
    layers.append(labels)
    bounds = np.vstack([provinces.total_bounds, islands.total_bounds])
    view = fit_view((*bounds[:, :2].min(axis=0), *bounds[:, 2:].max(axis=0)), boxes)
    return MapSpec(_deck(layers, view, basemap), legend, APPROXIMATE_NOTE[lang])


def province_detail_map(
    province: gpd.GeoDataFrame,
    communes: gpd.GeoDataFrame,
    points: pd.DataFrame,
    *,
    lang: str = "vi",
    districts: gpd.GeoDataFrame | None = None,
    point_roles: pd.Series | None = None,
    basemap: bool = False,
    archipelagos: gpd.GeoDataFrame | None = None,
) -> MapSpec:
    """Drill-down into one province: commune polygons, implementing districts, commune dots.

    Parameters
    ----------
    province : GeoDataFrame
        The selected province (one row, outlined).
    communes : GeoDataFrame
        Commune boundaries of that province (layer ``communes``, pickable).
    points : DataFrame
        Commune points of that province (tooltips: name and role).
    lang, districts, point_roles, basemap
        As in :func:`province_map`.
    archipelagos : GeoDataFrame, optional
        As in :func:`province_map`; only those of this province (by code: Đà Nẵng and Khánh
        Hòa have the same codes in both vintages) are drawn, named and kept in view.

    Returns
    -------
    MapSpec
        Deck zoomed on the province (and its archipelago), legend and note.
    """
    lang = check_lang(lang)
    communes = geo.fit_to_vertex_budget(communes, DETAIL_MAX_COORDS)
    roles = (point_roles.reindex(communes["code"]).fillna("other")
             if point_roles is not None else pd.Series("other", index=communes.index))
    words = {role: html.escape(word) for role, word in _WORDS[lang].items()}
    # Only what the layer reads: code (selection), name and detail (tooltip).
    props = [{"code": code, "name": name, "detail": words[role]}
             for code, name, role in zip(communes["code"].tolist(),
                                         _escape(_name(communes, lang)), roles.tolist(),
                                         strict=True)]
    layers = [pdk.Layer(
        "PolygonLayer", flat_polygons(communes, props, DETAIL_DECIMALS), id="communes",
        pickable=True, auto_highlight=True, stroked=True, filled=True, get_polygon="polygon",
        get_fill_color=list(COMMUNE_COLOR),
        get_line_color=[170, 170, 170, 255], line_width_min_pixels=1)]
    if districts is not None and not districts.empty:
        layers.append(_outline_layer("implementing-districts", districts, DISTRICT_COLOR, 2,
                                     DETAIL_DECIMALS))
    layers.append(_outline_layer("pilot-provinces", province, PILOT_COLOR, 3, DETAIL_DECIMALS))
    # The commune polygons carry the tooltips (name and role) and stand for "other"
    # communes: dots mark only implementing and priority ones, keeping the payload small.
    point_layers, legend = _point_layers(points, point_roles, lang, DETAIL_DECIMALS,
                                         draw=("priority", "implementing"))
    layers += point_layers
    if districts is not None and not districts.empty:
        legend.append(LegendRow(_WORDS[lang]["district"], DISTRICT_COLOR, "outline"))
    islands = geo.load_archipelagos() if archipelagos is None else archipelagos
    islands = islands[islands["province_code"].isin(set(province["code"]))]
    bounds = [province.total_bounds]
    if not islands.empty:
        names = dict(zip(province["code"], _escape(_name(province, lang)), strict=True))
        layers.append(archipelago_dots(
            islands, lang, DETAIL_DECIMALS,
            {code: (name, "", COMMUNE_COLOR) for code, name in names.items()}, NO_DATA_COLOR))
        layers.append(archipelago_labels(islands, lang, DETAIL_DECIMALS)[0])
        bounds.append(islands.total_bounds)
    bounds = np.vstack(bounds)
    lon0, lat0 = bounds[:, :2].min(axis=0)
    lon1, lat1 = bounds[:, 2:].max(axis=0)
    span = max(lon1 - lon0, lat1 - lat0, 0.05)
    view = pdk.ViewState(longitude=(lon0 + lon1) / 2, latitude=(lat0 + lat1) / 2,
                         zoom=float(np.clip(8.6 - math.log2(span), 5, 12)))
    return MapSpec(_deck(layers, view, basemap), legend, APPROXIMATE_NOTE[lang])
