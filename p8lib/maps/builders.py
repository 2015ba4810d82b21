"""Map builders: frames in, ``pydeck.Deck`` out. Pure functions, no streamlit.

Decks draw with no internet by default: ``map_provider=None`` with ``map_style`` left unset
draws the layers only (with ``map_style=None`` Streamlit would still fetch a basemap). A basemap
is an option (``basemap=True``) for when the app is online.

Tooltips use one constant template (:data:`TOOLTIP`): the unit's name, then one line each for
its value, its target, its source and a note (:data:`p8lib.maps.map_text.TOOLTIP_FIELDS`;
an empty line takes no room). Streamlit 1.67 HTML-escapes the values it puts into the template;
the builders also turn ``<`` and ``>`` into entities, so that a name such as
``<img src=x onerror=…>`` stays text with a front end that does not, while the quotes and
ampersands of real names ("Women's Union") are not escaped twice. Every map comes with a note
on its boundaries (:func:`boundary_note`): where they come from, their licences, and that
communes are approximate (see geo/README.md).

Payload: Streamlit sends ``deck.to_json()`` whole on every rerun in which the deck changes, so
decks are :class:`CompactDeck` (JSON without indentation), carry only the properties their
layers read, and coordinates rounded to what is visible (:data:`NATIONAL_DECIMALS`,
:data:`DETAIL_DECIMALS`). Sizes and build times: ``bench/bench_maps.py``.

Layer ids: ``provinces``, ``pilot-provinces``, ``implementing-districts``, ``communes`` or
``districts`` (a drill-down's coloured units), ``district-lines``, ``province-outline``,
``commune-points-implementing``, ``commune-points-priority``, ``commune-points-other``,
``archipelagos``, ``archipelago-labels``.

Every outline (province and commune borders, pilot provinces, districts) is drawn by the map
element on a 2D canvas over the deck, not by deck.gl (:data:`p8lib.maps.layers.FLAT_OUTLINE`).

Pilot provinces are outlined as one shape (the union of their provinces): two pilot provinces
that touch share no doubled line, and the colour inside stays whole.

The Hoàng Sa (Paracel) and Trường Sa (Spratly) archipelagos are on every national map and on
the drill-down of their province (Đà Nẵng, Khánh Hòa), whatever boundaries are drawn: a dot
per island in the colour of its province (their islets are far below a pixel at national
zoom), and their names as text. The national view is fitted so that they and their labels are
never cut off (:func:`p8lib.maps.map_view.fit_view`); their layers: :mod:`p8lib.maps.archipelagos`.
A drill-down draws them in an inset beside the mainland (:mod:`p8lib.maps.inset`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import pydeck as pdk
import shapely

from p8lib.contract import check_lang, t
from p8lib.maps import geo, inset
from p8lib.maps.archipelagos import archipelago_dots, archipelago_labels
from p8lib.maps.colours import NO_DATA_COLOR, LegendRow
from p8lib.maps.deck_payload import Color, CompactDeck, features, flat_polygons
from p8lib.maps.layers import (
    APPROXIMATE_NOTE,
    BOUNDARY_NOTE,
    FLAT_OUTLINE,
    KINDS,
    POINT_COLORS,
    boundary_note,
    names,
    outline_layer,
    path_layer,
    point_layers,
    shading,
    text,
    union_outline_layer,
)
from p8lib.maps.map_text import ARCHIPELAGO_NAMES, TOOLTIP_FIELDS
from p8lib.maps.map_view import NATIONAL_VIEWPORT, fit_view

__all__ = ["APPROXIMATE_NOTE", "BOUNDARY_NOTE", "KINDS", "POINT_COLORS", "MapSpec",
           "province_detail_map", "province_map", "shading"]

TOOLTIP = {"html": "<b>{name}</b>" + "".join(f"<div>{{{f}}}</div>" for f in TOOLTIP_FIELDS),
           "style": {"fontSize": "14px", "maxWidth": "360px"}}
LINE_COLOR: Color = (255, 255, 255, 255)
PILOT_COLOR: Color = (20, 20, 20, 255)
DISTRICT_COLOR: Color = (40, 70, 160, 255)
DISTRICT_LINE_COLOR: Color = (60, 60, 90, 200)
COMMUNE_LINE_COLOR: Color = (150, 150, 150, 255)
INSET_COLOR: Color = (90, 90, 90, 255)  # the box around a moved archipelago
# Vertex budgets: a compact [lon, lat] pair costs 16–19 bytes. The shipped provinces (the
# Government map's, issue #16: 63 provinces 32,590 vertices, 34: 27,625) are simplified for
# the national deck at 0.006° (15,760 and ≈ 13,000 vertices: a fifth of a pixel where it
# opens, 1 px ≈ 0.03°), half the bytes a colour change sends and software WebGL redraws
# (issue #19); a drill-down draws its province's communes (at most 9,234, Thanh Hóa) within
# their own budget.
NATIONAL_MAX_COORDS = 16_000  # ~300 KB of province polygons in the national deck
OUTLINE_MAX_COORDS = 10_000  # per outline layer: 8 pilot provinces ~4,000, 60 districts ~7,800
DETAIL_MAX_COORDS = 7_000  # commune polygons of a province deck within its 300 KB budget
# Decimals of lon/lat sent (0.001° ≈ 110 m). The national deck opens at zoom ≈ 4.8, 1 px ≈
# 0.03°. A drill-down opens at zoom 7.1–10 in a 620 px deck (lower on a slide), 1 px =
# 0.0007–0.005°: 3 decimals (≤ 0.0005° off) are used up to zoom 9 (a large province: Thanh
# Hóa opens at 7.9), 4 decimals beyond (:func:`detail_decimals`). Shared edges round alike:
# no gaps open.
NATIONAL_DECIMALS = 3
DETAIL_DECIMALS = 4
DETAIL_FINE_ZOOM = 9.0
# Pilot outlines close gaps narrower than this (degrees): a third of a pixel at national
# zoom, about a pixel at a drill-down's.
NATIONAL_CLOSING = 0.01
DETAIL_CLOSING = 0.002
# A drill-down's view is fitted to this width (a page's map column is wider; on a slide, much
# wider) and to the deck's own height, zoomed in this range.
DETAIL_VIEWPORT = (600, 620)
DETAIL_ZOOM = (5.0, 12.0)


@dataclass
class MapSpec:
    """A map with the legend rows and the note that must be shown beside it: a deck, or for
    a presenter's slide the national map as an SVG figure (:mod:`p8lib.maps.svg_map`)."""

    deck: pdk.Deck | None
    legend: list[LegendRow] = field(default_factory=list)
    note: str = ""
    figure: object | None = None  # a plotly Figure, when the map is drawn as SVG


@dataclass
class NationalParts:
    """What the national map shows, however it is drawn (:func:`national_parts`)."""

    provinces: gpd.GeoDataFrame  # fitted to the vertex budget
    props: list[dict]  # per province, in order: code, name, fill and tooltip lines (escaped)
    legend: list[LegendRow]
    pilots: gpd.GeoDataFrame  # the shapes outlined together as pilot provinces
    islands: gpd.GeoDataFrame
    note: str


def detail_decimals(zoom: float) -> int:
    """Decimals of a drill-down's coordinates: :data:`NATIONAL_DECIMALS` when it opens at
    :data:`DETAIL_FINE_ZOOM` or less (a large province), else :data:`DETAIL_DECIMALS`.

    >>> detail_decimals(8.0), detail_decimals(9.9)
    (3, 4)
    """
    return NATIONAL_DECIMALS if zoom <= DETAIL_FINE_ZOOM else DETAIL_DECIMALS


def _deck(layers: list, view: pdk.ViewState, basemap: bool) -> CompactDeck:
    # map_style is left unset offline on purpose: with map_provider=None nothing is fetched.
    provider = {"map_provider": "carto", "map_style": "light"} if basemap else {}
    return CompactDeck(layers=layers, initial_view_state=view, tooltip=TOOLTIP,
                       **{"map_provider": None, **provider})


def province_map(
    provinces: gpd.GeoDataFrame,
    values: pd.Series,
    *,
    kind: str = "attainment",
    lang: str = "vi",
    tooltip: pd.DataFrame | None = None,
    breaks: Sequence[float] | None = None,
    pilot_codes: Iterable[str] = (),
    pilot_outline: gpd.GeoDataFrame | None = None,
    districts: gpd.GeoDataFrame | None = None,
    points: pd.DataFrame | None = None,
    point_roles: pd.Series | None = None,
    basemap: bool = False,
    archipelagos: gpd.GeoDataFrame | None = None,
    height: int = NATIONAL_VIEWPORT[1],
) -> MapSpec:
    """National choropleth of provinces, pilot provinces outlined, optional commune dots.

    Parameters
    ----------
    provinces : GeoDataFrame
        From :func:`p8lib.maps.geo.load_boundaries` (``code``, ``name_vi``, ``name_en``,
        geometry; ``approximate``, ``source`` if the file has them), either vintage.
    values, kind, breaks, tooltip
        What each province is coloured by and says on hover (:func:`shading`).
    lang : {"vi", "en"}
        Language of names, legend and tooltip words.
    pilot_codes : iterable of str
        Province codes outlined together (layer ``pilot-provinces``), or
    pilot_outline : GeoDataFrame, optional
        the shapes to outline instead (the 2021 pilot provinces on a 2025 map).
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
        dot per island in its province's colour and with its tooltip, pickable with the
        province's ``code``) and named (layer ``archipelago-labels``) on every national map.
    height : int
        The height in px the page draws the map at: the first view is fitted to it, so that
        the whole country shows (a presenter's slide draws it lower than the page).

    Returns
    -------
    MapSpec
        The deck (layer ``provinces`` is pickable: a click selects a province, whose ``code``
        is in the picked object's properties), legend rows and the boundary note. Its view
        (:func:`p8lib.maps.map_view.fit_view`) shows the provinces, the archipelagos and their
        names whole in :data:`p8lib.maps.map_view.NATIONAL_VIEWPORT`.
    """
    lang = check_lang(lang)
    parts = national_parts(provinces, values, kind=kind, lang=lang, tooltip=tooltip,
                           breaks=breaks, pilot_codes=pilot_codes, pilot_outline=pilot_outline,
                           archipelagos=archipelagos)
    layers = [pdk.Layer(
        "GeoJsonLayer", features(parts.provinces, parts.props, NATIONAL_DECIMALS),
        id="provinces", pickable=True, auto_highlight=True, stroked=True, filled=True,
        get_fill_color="properties.fill",
        get_line_color=list(LINE_COLOR), line_width_min_pixels=1, **FLAT_OUTLINE)]
    legend = parts.legend
    if not parts.pilots.empty:
        layers.append(union_outline_layer("pilot-provinces", parts.pilots, PILOT_COLOR, 2,
                                          NATIONAL_DECIMALS, closing=NATIONAL_CLOSING))
    if districts is not None and not districts.empty:
        layers.append(outline_layer("implementing-districts", districts, DISTRICT_COLOR, 2,
                                     NATIONAL_DECIMALS))
        legend.append(LegendRow(t("map_implementing_district", lang), DISTRICT_COLOR,
                                "outline"))
    if points is not None:
        dots, point_legend = point_layers(points, point_roles, lang,
                                                   NATIONAL_DECIMALS)
        layers += dots
        legend += point_legend
    islands = parts.islands
    layers.append(archipelago_dots(islands, lang, NATIONAL_DECIMALS,
                                   {p["code"]: p for p in parts.props}, NO_DATA_COLOR))
    labels, boxes = archipelago_labels(islands, lang, NATIONAL_DECIMALS)
    layers.append(labels)
    bounds = np.vstack([parts.provinces.total_bounds, islands.total_bounds])
    view = fit_view((*bounds[:, :2].min(axis=0), *bounds[:, 2:].max(axis=0)), boxes,
                    viewport=(NATIONAL_VIEWPORT[0], height))
    return MapSpec(_deck(layers, view, basemap), legend, parts.note)


def national_parts(
    provinces: gpd.GeoDataFrame,
    values: pd.Series,
    *,
    kind: str = "attainment",
    lang: str = "vi",
    tooltip: pd.DataFrame | None = None,
    breaks: Sequence[float] | None = None,
    pilot_codes: Iterable[str] = (),
    pilot_outline: gpd.GeoDataFrame | None = None,
    archipelagos: gpd.GeoDataFrame | None = None,
) -> NationalParts:
    """The provinces' fills, tooltip lines and legend (:func:`shading`), the pilot shapes
    (the legend says how they are marked) and the islands: what :func:`province_map` and
    :func:`p8lib.maps.svg_map.province_figure` draw, each its own way. Arguments as
    :func:`province_map`'s."""
    lang = check_lang(lang)
    provinces = geo.fit_to_vertex_budget(provinces, NATIONAL_MAX_COORDS)
    codes = provinces["code"].tolist()
    fills, legend = shading(values, codes, kind=kind, lang=lang, breaks=breaks,
                            tooltip=tooltip)
    # Only what a drawing reads: code (selection), name and lines (tooltip), fill (colour).
    props = [{"code": code, "name": name, **lines}
             for code, name, lines in zip(codes, text(names(provinces, lang)), fills,
                                          strict=True)]
    pilots = (provinces[provinces["code"].isin(set(pilot_codes))] if pilot_outline is None
              else pilot_outline)
    if not pilots.empty:
        legend.append(LegendRow(t("map_pilot_outline" if pilot_outline is None
                                  else "map_pilot_outline_2021", lang), PILOT_COLOR, "outline"))
    islands = geo.load_archipelagos() if archipelagos is None else archipelagos
    return NationalParts(provinces, props, legend, pilots, islands,
                         boundary_note({"province": provinces}, lang))


def province_detail_map(
    province: gpd.GeoDataFrame,
    units: gpd.GeoDataFrame,
    values: pd.Series | None = None,
    *,
    level: str = "commune",
    kind: str = "attainment",
    lang: str = "vi",
    tooltip: pd.DataFrame | None = None,
    breaks: Sequence[float] | None = None,
    district_lines: gpd.GeoDataFrame | None = None,
    points: pd.DataFrame | None = None,
    point_roles: pd.Series | None = None,
    pilot_outline: gpd.GeoDataFrame | None = None,
    basemap: bool = False,
    archipelagos: gpd.GeoDataFrame | None = None,
    height: int = DETAIL_VIEWPORT[1],
) -> MapSpec:
    """Drill-down into one province: its communes (or districts) coloured by a measure.

    Parameters
    ----------
    province : GeoDataFrame
        The selected province (one row, outlined: layer ``province-outline``).
    units : GeoDataFrame
        Commune (or district) boundaries of that province (layer ``communes`` or
        ``districts`` as ``level`` says, pickable; ``code`` in each record).
    values, kind, breaks, tooltip
        As in :func:`province_map` (:func:`shading`); ``values`` None: all without data.
    level : {"commune", "district"}
        What ``units`` are.
    district_lines : GeoDataFrame, optional
        The province's districts, drawn as thin lines over its communes (``district-lines``).
    points : DataFrame, optional
        Commune points of that province; dots mark implementing and priority communes
        (``point_roles``), the polygons carry the tooltips.
    pilot_outline : GeoDataFrame, optional
        Parts to outline as pilot (the 2021 pilot province inside a 2025 one).
    lang, basemap
        As in :func:`province_map`.
    archipelagos : GeoDataFrame, optional
        As in :func:`province_map`; only those of this province (by code: Đà Nẵng and Khánh
        Hòa have the same codes in both vintages) are drawn and named — in an outlined inset
        beside the mainland, with the units' parts out there (:mod:`p8lib.maps.inset`), so
        that the view is framed on the mainland.
    height : int
        The deck's height in px: the view is fitted to it (and to
        :data:`DETAIL_VIEWPORT`'s width), zoomed in :data:`DETAIL_ZOOM`.

    Returns
    -------
    MapSpec
        Deck zoomed on the province (its archipelago inset), legend and boundary note.
    """
    lang = check_lang(lang)
    units = geo.fit_to_vertex_budget(units, DETAIL_MAX_COORDS)
    islands = geo.load_archipelagos() if archipelagos is None else archipelagos
    islands = islands[islands["province_code"].isin(set(province["code"]))]
    # A far archipelago goes into an inset beside the mainland (p8lib.maps.inset).
    away = inset.plan(province, islands)
    if away is not None:
        province, units, islands = (away.move(f) for f in (province, units, islands))
        district_lines = None if district_lines is None else away.move(district_lines)
        pilot_outline = None if pilot_outline is None else away.move(pilot_outline)
        points = None if points is None else away.move_points(points)
    bounds = np.vstack([province.total_bounds, *([islands.total_bounds] if len(islands) else []),
                        *([away.box.bounds] if away is not None else [])])
    label_boxes = archipelago_labels(islands, lang, NATIONAL_DECIMALS)[1] if len(islands) else []
    # Fitted to the deck's height (smaller on a slide) and a narrow column's width.
    view = fit_view((*bounds[:, :2].min(axis=0), *bounds[:, 2:].max(axis=0)), label_boxes,
                    viewport=(DETAIL_VIEWPORT[0], height))
    view.zoom = float(np.clip(view.zoom, DETAIL_ZOOM[0], DETAIL_ZOOM[1]))
    decimals = detail_decimals(view.zoom)
    codes = units["code"].tolist()
    values = pd.Series(dtype=float) if values is None else values
    fills, legend = shading(values, codes, kind=kind, lang=lang, breaks=breaks,
                            tooltip=tooltip, level=level)
    # Only what the layer reads: code (selection), name and lines (tooltip), fill (colour).
    props = [{"code": code, "name": name, **lines}
             for code, name, lines in zip(codes, text(names(units, lang)), fills, strict=True)]
    layers = [pdk.Layer(
        "PolygonLayer", flat_polygons(units, props, decimals, TOOLTIP_FIELDS), id=f"{level}s",
        pickable=True, auto_highlight=True, stroked=True, filled=True, get_polygon="polygon",
        get_fill_color="fill", get_line_color=list(COMMUNE_LINE_COLOR),
        line_width_min_pixels=1, **FLAT_OUTLINE)]
    drawn = {level: units}
    if district_lines is not None and not district_lines.empty:
        # Thin lines, each edge two districts share sent once, at the national decimals
        # (0.001°: a fifth of a pixel at the zoom a drill-down opens at).
        layers.append(outline_layer("district-lines", district_lines, DISTRICT_LINE_COLOR,
                                    1.5, NATIONAL_DECIMALS, shared_once=True))
        legend.append(LegendRow(t("map_district_lines", lang), DISTRICT_LINE_COLOR, "outline"))
        drawn["district"] = district_lines
    if pilot_outline is not None and not pilot_outline.empty:
        layers.append(union_outline_layer("pilot-provinces", pilot_outline, PILOT_COLOR, 2,
                                          decimals, closing=DETAIL_CLOSING))
        legend.append(LegendRow(t("map_pilot_outline_2021", lang), PILOT_COLOR, "outline"))
    layers.append(outline_layer("province-outline", province, PILOT_COLOR, 3,
                                NATIONAL_DECIMALS))
    if points is not None:
        dots, point_legend = point_layers(points, point_roles, lang, decimals,
                                          draw=("priority", "implementing"))
        layers += dots
        legend += point_legend
    if not islands.empty:
        province_names = dict(zip(province["code"], text(names(province, lang)), strict=True))
        layers.append(archipelago_dots(
            islands, lang, decimals,
            {code: {"name": name, "fill": list(NO_DATA_COLOR)}
             for code, name in province_names.items()},
            NO_DATA_COLOR))
        layers.append(archipelago_labels(islands, lang, decimals)[0])
    if away is not None:
        layers.append(path_layer("archipelago-inset", shapely.get_exterior_ring(
            np.array([away.box])), INSET_COLOR, 1, decimals))
        legend.append(LegendRow(t("map_archipelago_inset", lang, name=", ".join(
            t(ARCHIPELAGO_NAMES[key], lang) for key in islands["key"])), INSET_COLOR,
            "outline"))
    return MapSpec(_deck(layers, view, basemap), legend, boundary_note(drawn, lang))
