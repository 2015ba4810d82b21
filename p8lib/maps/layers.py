"""The layers and properties the map builders put in a deck: fills and tooltip lines per
unit (:func:`shading`), outlines, commune dots, and the note on whose boundaries are drawn.

Outlines are drawn flat: every layer of lines (:func:`path_layer`) and every stroked layer
of polygons carries :data:`FLAT_OUTLINE`, and the dashboard's map element
(:file:`app/deck_map.js`) draws those lines on a 2D canvas over the deck instead of with
deck.gl. A browser drawing WebGL in software (SwiftShader: office PCs without a GPU driver,
every headless browser) redraws deck.gl's wide-line geometry for the national map's
outlines many times slower than a 2D canvas strokes the same lines (docs/benchmarks.md,
session 20); with a GPU both are quick. Anything else that draws the deck
(``st.pydeck_chart``, pydeck's HTML) ignores the property and draws the lines with deck.gl.

Used by :mod:`p8lib.maps.builders`; pure functions, no streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
import pydeck as pdk
import shapely

from p8lib.contract import LANGS, N_, check_lang, fmt_number, t
from p8lib.maps import geo
from p8lib.maps.colours import (
    ATTAINMENT_BREAKS,
    COUNT_BREAKS,
    LegendRow,
    coverage_classes,
    nice_breaks,
    value_classes,
)
from p8lib.maps.deck_payload import Color, ring_lists
from p8lib.maps.map_text import TOOLTIP_FIELDS
from p8lib.maps.map_values import COVERAGE_CLASSES

KINDS = ("attainment", "count", "coverage")
# A layer's lines (a PathLayer's paths, a stroked polygon layer's strokes) are drawn on the
# map element's 2D canvas, not by deck.gl (module docstring): ``pdk.Layer(..., **FLAT_OUTLINE)``.
FLAT_OUTLINE = {"p8_flat_outline": True}
OUTLINE_MAX_COORDS = 6_000  # per outline layer (pilot provinces, districts)
# A unit's parts smaller than this share of its largest part are not outlined (fragments
# along an edge of the derived boundaries: 0.3–0.4 % of Gia Lai); Sóc Trăng's island
# district Cù Lao Dung is 3.6 % of its mainland.
OUTLINE_SMALLEST = 0.01
POINT_COLORS: dict[str, Color] = {
    "implementing": (181, 0, 79, 230),
    "priority": (230, 140, 0, 230),
    "other": (110, 110, 110, 160),
}
# The commune dots' legend, by role.
POINT_WORDS = {"implementing": N_("map_commune_implementing"),
               "priority": N_("map_commune_priority"), "other": N_("map_commune_other")}
# The note under a map of boundaries derived from commune centroids alone.
APPROXIMATE_NOTE = {lang: t("map_approximate_note", lang) for lang in LANGS}
# The note under a map of the shipped boundaries: their sources, licences, and that communes
# are approximate (i18n ``map_boundaries_note``; the table is p8lib.maps.credits).
BOUNDARY_NOTE = {lang: t("map_boundaries_note", lang) for lang in LANGS}


def names(frame: pd.DataFrame, lang: str) -> pd.Series:
    return frame["name_vi"] if lang == "vi" else frame["name_en"]


def text(values: Iterable[object]) -> list[str]:
    """Tooltip values as text, ``<`` and ``>`` as entities (see the module docstring)."""
    if isinstance(values, pd.Series):
        values = values.tolist()  # iterating an Arrow-backed Series costs ~4 µs per item
    return ["" if v is None or (isinstance(v, float) and math.isnan(v)) else
            str(v).replace("<", "&lt;").replace(">", "&gt;") for v in values]



def path_layer(layer_id: str, rings: np.ndarray, color: Color, width: float,
                decimals: int) -> pdk.Layer:
    """Rings as a PathLayer of [lon, lat] pairs, never picked, drawn flat (:data:`FLAT_OUTLINE`).

    Flat rings with ``positionFormat: "XY"`` would be smaller, but pydeck serialises every
    string argument as an accessor expression ("@@=XY"), which deck.gl ignores and then reads
    the flat list as XYZ triples — drawing lines across the map (seen in Chromium).
    """
    paths = [{"path": ring} for ring in ring_lists(rings, decimals)]
    return pdk.Layer("PathLayer", paths, id=layer_id, get_path="path",
                     get_color=list(color), width_min_pixels=width, pickable=False,
                     **FLAT_OUTLINE)


def outline_layer(layer_id: str, frame: gpd.GeoDataFrame, color: Color, width: float,
                  decimals: int, max_coords: int = OUTLINE_MAX_COORDS,
                  shared_once: bool = False) -> pdk.Layer:
    """Every unit's outline. With ``shared_once``, an edge two units share is sent once (the
    linework merged; a third fewer vertices for a province's districts), else twice, once
    per unit's ring."""
    frame = geo.fit_to_vertex_budget(frame, max_coords)
    if shared_once:
        wkb = tuple(shapely.to_wkb(frame.geometry.to_numpy()).tolist())
        return path_layer(layer_id, _shared_linework(wkb), color, width, decimals)
    rings = shapely.get_rings(shapely.get_parts(frame.geometry.to_numpy()))
    return path_layer(layer_id, rings, color, width, decimals)


@lru_cache(maxsize=64)
def _shared_linework(wkb: tuple[bytes, ...]) -> np.ndarray:
    """The boundaries of some polygons as lines, each shared edge once (merged on a 0.0001°
    grid, as :func:`union_outline_layer`)."""
    boundaries = shapely.boundary(shapely.from_wkb(np.asarray(wkb, dtype=object)))
    merged = shapely.line_merge(shapely.union_all(boundaries, grid_size=1e-4))
    return shapely.get_parts(np.atleast_1d(merged))


def union_outline_layer(layer_id: str, frame: gpd.GeoDataFrame, color: Color, width: float,
                        decimals: int, closing: float = 0.0,
                        smallest: float = OUTLINE_SMALLEST) -> pdk.Layer:
    """The outline of the union of ``frame``'s units: where two of them touch, no line.

    Unioned on a 0.0001° grid, so that neighbours whose shared edge differs by less than
    that (official files) leave no sliver line inside the union. ``closing`` (degrees, below
    a pixel at the map's zoom) closes gaps narrower than it. A unit's parts smaller than
    ``smallest`` of its largest part, and holes smaller than that of their part, are not
    outlined (their fill is still drawn): the derived boundaries have fragments along some
    edges, which would make a tangle of lines.
    """
    return path_layer(layer_id, union_rings(frame, closing, smallest), color, width, decimals)


def union_rings(frame: gpd.GeoDataFrame, closing: float = 0.0,
                smallest: float = OUTLINE_SMALLEST) -> np.ndarray:
    """The rings of the union of ``frame``'s units (:func:`union_outline_layer`), fitted to
    :data:`OUTLINE_MAX_COORDS`."""
    frame = geo.fit_to_vertex_budget(frame, OUTLINE_MAX_COORDS)
    wkb = tuple(shapely.to_wkb(frame.geometry.to_numpy()).tolist())
    return _union_rings(wkb, closing, smallest)


@lru_cache(maxsize=16)
def _union_rings(wkb: tuple[bytes, ...], closing: float, smallest: float) -> np.ndarray:
    """:func:`union_outline_layer`'s rings, once per set of shapes (the buffers that close
    the gaps take ~25 ms for the eight pilot provinces; every national map draws them)."""
    kept = []
    for geometry in shapely.from_wkb(np.asarray(wkb, dtype=object)):
        parts = shapely.get_parts(geometry)
        areas = shapely.area(parts)
        kept += list(parts[areas >= smallest * areas.max()]) if len(parts) else []
    union = shapely.union_all(np.asarray(kept, dtype=object), grid_size=1e-4)
    if closing:
        union = shapely.buffer(shapely.buffer(union, closing, quad_segs=2), -closing,
                               quad_segs=2)
        union = shapely.simplify(union, closing / 2)  # the buffers' extra vertices
    rings = []
    for part in shapely.get_parts(np.atleast_1d(union)):
        exterior, *holes = shapely.get_rings(part)
        rings += [exterior, *(hole for hole in holes if shapely.area(shapely.Polygon(hole))
                              >= smallest * shapely.area(part))]
    return np.asarray(rings, dtype=object)


def point_layers(points: pd.DataFrame, roles: pd.Series | None, lang: str, decimals: int,
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
        legend.append(LegendRow(t(POINT_WORDS[role], lang), POINT_COLORS[role], "point"))
    return layers, legend


def shading(values: pd.Series, codes: Sequence[str], *, kind: str, lang: str,
            breaks: Sequence[float] | None = None, tooltip: pd.DataFrame | None = None,
            level: str = "province") -> tuple[list[dict], list[LegendRow]]:
    """Per unit (``codes``, in order) its fill and tooltip lines, and the legend.

    Parameters
    ----------
    values : Series
        Number per code (NaN or absent: no data): attainment in percent (``kind``
        "attainment"), a result (``"count"``), or a coverage class's index in
        :data:`p8lib.maps.map_values.COVERAGE_CLASSES` (``"coverage"``).
    codes : sequence of str
        The units drawn.
    kind : {"attainment", "count", "coverage"}
    lang : {"vi", "en"}
    breaks : sequence of float, optional
        Class bounds of a ``"count"`` map (default: :func:`p8lib.maps.colours.nice_breaks` of
        the values drawn, or :data:`p8lib.maps.colours.COUNT_BREAKS` when they are few).
    tooltip : DataFrame, optional
        Lines per code (columns :data:`p8lib.maps.map_text.TOOLTIP_FIELDS`); default: the value.
    level : str
        Level of the units (the coverage legend names pilot provinces, districts, communes).

    Returns
    -------
    (list of dict, list of LegendRow)
        One dict per code: ``fill`` and the tooltip fields (text, ``<``/``>`` as entities).

    Raises
    ------
    ValueError
        For an unknown ``kind``.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    lang = check_lang(lang)
    vals = pd.to_numeric(values, errors="coerce").reindex(list(codes))
    if kind == "coverage":
        colors, legend = coverage_classes(vals, COVERAGE_CLASSES, lang, level)
    else:
        percent = kind == "attainment"
        if percent:
            breaks = ATTAINMENT_BREAKS
        elif breaks is None:
            breaks = nice_breaks(vals) or COUNT_BREAKS  # COUNT_BREAKS: nothing to class
        colors, legend = value_classes(vals, breaks, lang, percent)
        if vals.isna().all():  # classes of values nowhere drawn would only mislead
            legend = legend[-1:]
    no_data = t("no_data_map", lang)
    if tooltip is None:
        shown = [fmt_number(v, lang, 0 if kind == "attainment" else None)
                 + ("%" if kind == "attainment" else "") if pd.notna(v) else no_data
                 for v in vals]
        tooltip = pd.DataFrame({"value": shown}, index=list(codes))
    lines = tooltip.reindex(list(codes)).reindex(columns=list(TOOLTIP_FIELDS))
    lines["value"] = lines["value"].where(lines["value"].notna() & (lines["value"] != ""),
                                          no_data)
    columns = {f: text(lines[f]) for f in TOOLTIP_FIELDS}
    props = [{"fill": list(fill), **{f: columns[f][i] for f in TOOLTIP_FIELDS}}
             for i, fill in enumerate(colors)]
    return props, legend


def boundary_note(layers: dict[str, gpd.GeoDataFrame], lang: str) -> str:
    """The note a map shows on its boundaries, from the drawn frames' ``source`` property.

    ``layers``: level ("province", "district", "commune") → the frame drawn. Shipped
    boundaries name their source: :data:`BOUNDARY_NOTE` (sources, licences, communes
    approximate). Frames none of which has a source (boundaries derived from commune centroids
    alone): :data:`APPROXIMATE_NOTE`.
    """
    lang = check_lang(lang)
    sourced = any("source" in frame and frame["source"].fillna("").astype(str).ne("").any()
                  for frame in layers.values())
    return BOUNDARY_NOTE[lang] if sourced else APPROXIMATE_NOTE[lang]
