"""The national map as an SVG figure (plotly), for a presenter's slide.

deck.gl draws with WebGL. A browser without a GPU — a virtual machine, a remote desktop, a
conference PC with hardware acceleration turned off — draws WebGL in software, and the
national deck takes it seconds (8–12 s in this project's Chromium with SwiftShader:
``docs/benchmarks.md``, "Presenter mode: a slide change"); a slide must be there within a
second. An SVG figure of the same provinces is drawn in a fraction of a second by any browser,
so the talk's map slide is one: the same fills and legend, a hover per province with its name
and lines, the pilot provinces outlined as one shape, Hoàng Sa and Trường Sa as dots in their
province's colour and named (:class:`p8lib.maps.builders.NationalParts`, which the deck draws
too). It is not picked: a click does not drill down — the coverage page outside presenter
mode does.

Drawn on plain cartesian axes, longitude against Web Mercator's y in degrees (the deck's
projection) at one scale: plotly's ``geo`` traces would fetch topojson from the internet
(``p8lib.present.charts``). One scatter trace per province, filled to itself, so that its
hover is its own (its ``name``, which plotly shows for a filled area; ``meta`` holds its
code, and names the other traces: ``pilot-provinces``, ``archipelagos``,
``archipelago-labels``); shapes simplified to :data:`SIMPLIFY` degrees — a fifth of a pixel on a
slide, where the country is 340 px tall — which keeps the figure near 150 KB. Pure functions,
no streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely

from p8lib.contract import check_lang
from p8lib.maps.archipelagos import (
    ISLAND_LINE_COLOR,
    LABEL_COLOR,
    LABEL_SIZE,
    island_records,
    label_rows,
)
from p8lib.maps.builders import (
    LINE_COLOR,
    NATIONAL_CLOSING,
    NATIONAL_DECIMALS,
    PILOT_COLOR,
    MapSpec,
    NationalParts,
    national_parts,
)
from p8lib.maps.colours import NO_DATA_COLOR
from p8lib.maps.layers import union_rings
from p8lib.maps.map_text import TOOLTIP_FIELDS
from p8lib.present import chart_text

SIMPLIFY = 0.01  # degrees, before projection
PAD = 8  # px kept free around what the figure must show
HOVER_SIZE = 16  # px: read on a projector


def mercator_y(lat: np.ndarray | float) -> np.ndarray | float:
    """Web Mercator's y of a latitude, in degrees (as longitude is): equal distances on
    screen for equal degrees of both axes.

    >>> round(float(mercator_y(0.0)), 6), round(float(mercator_y(21.0)), 3)
    (0.0, 21.486)
    """
    return np.degrees(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))


def _rgba(color: Sequence[int]) -> str:
    """A deck colour [r, g, b, a] (0–255) as CSS."""
    r, g, b, *a = color
    return f"rgba({r},{g},{b},{round((a[0] if a else 255) / 255, 3)})"


def _xy(rings: Iterable) -> tuple[list, list]:
    """Rings (shapely) as plotly's x and y lists, projected, one ``None`` between rings."""
    xs: list = []
    ys: list = []
    for ring in rings:
        lon, lat = shapely.get_coordinates(ring).T
        xs += np.round(lon, NATIONAL_DECIMALS).tolist() + [None]
        ys += np.round(mercator_y(lat), NATIONAL_DECIMALS).tolist() + [None]
    return xs, ys


def _hover(record: dict) -> str:
    """A tooltip as the deck's (name, then one line per non-empty field), in plotly's HTML."""
    lines = [str(record.get(f, "")) for f in TOOLTIP_FIELDS]
    return "<br>".join([f"<b>{record.get('name', '')}</b>", *(line for line in lines if line)])


def _province_traces(parts: NationalParts) -> list[go.Scatter]:
    """One filled trace per province. Its parts and holes are rings of one path, exteriors
    counter-clockwise and holes clockwise, so that SVG's nonzero fill leaves holes open."""
    simple = shapely.orient_polygons(shapely.simplify(parts.provinces.geometry.to_numpy(),
                                                      SIMPLIFY))
    traces = []
    for geometry, record in zip(simple, parts.props, strict=True):
        xs, ys = _xy(shapely.get_rings(shapely.get_parts(geometry)))
        traces.append(go.Scatter(
            x=xs, y=ys, mode="lines", fill="toself", fillcolor=_rgba(record["fill"]),
            line={"color": _rgba(LINE_COLOR), "width": 0.6}, hoveron="fills",
            name=_hover(record), showlegend=False, meta=record["code"]))
    return traces


def _view(parts: NationalParts, labels: list[tuple[float, float, tuple]], height: int
          ) -> tuple[list[float], list[float]]:
    """x and y ranges (projected) that show the provinces, the islands and their names whole
    in ``height`` px: names have a size in pixels, so their extent in degrees depends on the
    scale, found as its fixed point (as :func:`p8lib.maps.map_view.fit_view`)."""
    bounds = np.vstack([parts.provinces.total_bounds, parts.islands.total_bounds])
    x0, y0 = bounds[:, 0].min(), float(mercator_y(bounds[:, 1].min()))
    x1, y1 = bounds[:, 2].max(), float(mercator_y(bounds[:, 3].max()))
    anchors = [(lon, float(mercator_y(lat)), box) for lon, lat, box in labels]
    per_px = (y1 - y0) / (height - 2 * PAD)
    for _ in range(50):
        ys = [y0, y1] + [y - dy * per_px for _, y, box in anchors for dy in box[1::2]]
        fitted = (max(ys) - min(ys)) / (height - 2 * PAD)
        done = math.isclose(fitted, per_px, rel_tol=1e-9)
        per_px = fitted
        if done:
            break
    xs = [x0, x1] + [x + dx * per_px for x, _, box in anchors for dx in box[0::2]]
    ys = [y0, y1] + [y - dy * per_px for _, y, box in anchors for dy in box[1::2]]
    pad = PAD * per_px
    return [min(xs) - pad, max(xs) + pad], [min(ys) - pad, max(ys) + pad]


def national_figure(parts: NationalParts, lang: str, height: int) -> go.Figure:
    """The national map of ``parts`` as an SVG figure ``height`` px tall (the width is the
    page's; the country stays in proportion, centred)."""
    lang = check_lang(lang)
    traces: list[go.Scatter] = _province_traces(parts)
    if not parts.pilots.empty:
        xs, ys = _xy(union_rings(parts.pilots, NATIONAL_CLOSING))
        traces.append(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip",
                                 line={"color": _rgba(PILOT_COLOR), "width": 2},
                                 showlegend=False, meta="pilot-provinces"))
    islands = island_records(parts.islands, lang, NATIONAL_DECIMALS,
                             {p["code"]: p for p in parts.props}, NO_DATA_COLOR)
    if islands:
        lon, lat = np.array([r["position"] for r in islands]).T
        traces.append(go.Scatter(
            x=lon, y=mercator_y(lat), mode="markers", meta="archipelagos", showlegend=False,
            marker={"size": 7, "color": [_rgba(r["fill"]) for r in islands],
                    "line": {"color": _rgba(ISLAND_LINE_COLOR), "width": 1}},
            hovertext=[_hover(r) for r in islands], hoverinfo="text"))
    rows, boxes = label_rows(parts.islands, lang, NATIONAL_DECIMALS)
    for row in rows:
        lon, lat = row["position"]
        traces.append(go.Scatter(
            x=[lon], y=[mercator_y(lat)], mode="text", text=[row["text"]], hoverinfo="skip",
            textposition="bottom center" if row["baseline"] == "top" else "top center",
            textfont={"size": LABEL_SIZE, "color": _rgba(LABEL_COLOR), "family": chart_text.FONT},
            cliponaxis=False, showlegend=False, meta="archipelago-labels"))
    x_range, y_range = _view(parts, boxes, height)
    axis = {"visible": False, "fixedrange": True}
    return go.Figure(traces, layout={
        "height": height, "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)",
        "xaxis": {**axis, "range": x_range},
        "yaxis": {**axis, "range": y_range, "scaleanchor": "x", "scaleratio": 1},
        "dragmode": False, "hovermode": "closest",
        "hoverlabel": {"namelength": -1, "bgcolor": "white", "bordercolor": "#888",
                       "font": {"size": HOVER_SIZE, "family": chart_text.FONT, "color": "#262730"}},
    })


def province_figure(
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
    height: int = 340,
) -> MapSpec:
    """:func:`p8lib.maps.builders.province_map`'s national map as an SVG figure: the same
    arguments (the deck's extra layers aside), a :class:`~p8lib.maps.builders.MapSpec` whose
    ``figure`` is set and ``deck`` None."""
    parts = national_parts(provinces, values, kind=kind, lang=lang, tooltip=tooltip,
                           breaks=breaks, pilot_codes=pilot_codes, pilot_outline=pilot_outline,
                           archipelagos=archipelagos)
    return MapSpec(None, parts.legend, parts.note,
                   figure=national_figure(parts, lang, height))


__all__ = ["SIMPLIFY", "mercator_y", "national_figure", "province_figure"]
