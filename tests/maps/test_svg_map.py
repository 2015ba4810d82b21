"""Tests for p8lib.maps.svg_map: the national map as an SVG figure (a presenter's slide) —
colours, hover, pilot outline, archipelagos, projection, nothing fetched, size."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Polygon

from p8lib.maps import geo, svg_map
from tests.maps.test_builders import EVIL, _provinces


def _figure(lang: str = "vi", **kwargs) -> dict:
    values = pd.Series({"01": 0.0, "04": 80.0})  # 02 has no data
    spec = svg_map.province_figure(_provinces(), values, lang=lang, **kwargs)
    assert spec.deck is None
    return json.loads(spec.figure.to_json())


def _by_code(figure: dict) -> dict[str, dict]:
    return {trace["meta"]: trace for trace in figure["data"] if trace.get("fill") == "toself"}


def test_each_province_is_one_filled_trace_in_its_class_colour():
    provinces = _by_code(_figure())
    assert sorted(provinces) == ["01", "02", "04"]
    assert provinces["01"]["fillcolor"] == "rgba(255,247,236,0.902)"  # a reported 0
    assert provinces["02"]["fillcolor"] == "rgba(205,205,205,0.588)"  # no data: grey
    assert provinces["04"]["fillcolor"] == "rgba(181,0,79,0.902)"  # 75–< 100 %


@pytest.mark.parametrize(("lang", "name", "no_data"), [("vi", "Cao Bằng", "Không có số liệu"),
                                                       ("en", "Cao Bang", "No data")])
def test_hover_names_the_province_with_its_value_in_the_language(lang, name, no_data):
    provinces = _by_code(_figure(lang))
    assert provinces["04"]["name"].startswith(f"<b>{name}</b><br>80")
    assert provinces["04"]["hoveron"] == "fills"
    assert no_data in provinces["02"]["name"]


def test_names_are_escaped():
    hover = _by_code(_figure())["02"]["name"]
    assert EVIL not in hover and "&lt;img src=x onerror=alert(1)&gt;" in hover


def test_latitudes_are_projected_as_the_deck_projects_them():
    trace = _by_code(_figure())["04"]
    ys = [y for y in trace["y"] if y is not None]
    xs = [x for x in trace["x"] if x is not None]
    # Web Mercator's y of 21° and 22°, in degrees: ln(tan(45° + φ/2)) · 180/π.
    assert sorted(set(ys)) == [21.487, 22.561]
    assert sorted(set(xs)) == [105.0, 106.0]


def test_touching_pilot_provinces_are_outlined_as_one_shape():
    figure = _figure(pilot_codes=["01", "04"])
    (outline,) = [t for t in figure["data"] if t["meta"] == "pilot-provinces"]
    assert outline["hoverinfo"] == "skip" and "fill" not in outline
    rings = np.split(np.array(outline["x"], dtype=float),
                     np.flatnonzero(np.isnan(np.array(outline["x"], dtype=float))))
    assert sum(1 for r in rings if np.isfinite(r).sum() > 1) == 1  # one ring, no inner line
    legend = svg_map.province_figure(_provinces(), pd.Series(dtype=float),
                                     pilot_codes=["01"], lang="en").legend
    assert "Dark outline: pilot province" in [row.label for row in legend]


def test_a_hole_is_a_ring_wound_against_its_exterior():
    ring = Polygon([(105, 20), (107, 20), (107, 22), (105, 22)],
                   [[(105.5, 20.5), (105.5, 21.5), (106.5, 21.5), (106.5, 20.5)]])
    frame = gpd.GeoDataFrame({"code": ["01"], "name_vi": ["A"], "name_en": ["A"]},
                             geometry=[ring], crs="EPSG:4326")
    trace = _by_code(json.loads(svg_map.province_figure(frame, pd.Series(dtype=float))
                                .figure.to_json()))["01"]
    x = np.array(trace["x"], dtype=float)
    y = np.array(trace["y"], dtype=float)
    starts = np.r_[0, np.flatnonzero(np.isnan(x))[:-1] + 1]
    ends = np.flatnonzero(np.isnan(x))

    def signed_area(a: int, b: int) -> float:
        xs, ys = x[a:b], y[a:b]
        return float(np.sum(xs[:-1] * ys[1:] - xs[1:] * ys[:-1])) / 2

    areas = [signed_area(a, b) for a, b in zip(starts, ends, strict=True)]
    assert len(areas) == 2 and areas[0] > 0 > areas[1]  # exterior CCW, hole CW


def test_both_archipelagos_are_drawn_in_their_provinces_colour_and_named():
    provinces = geo.load_boundaries("province")
    values = pd.Series({"48": 120.0})  # Đà Nẵng: ≥ 100 %; Khánh Hòa (56) no data
    figure = json.loads(svg_map.province_figure(provinces, values, lang="vi").figure.to_json())
    (dots,) = [t for t in figure["data"] if t["meta"] == "archipelagos"]
    colours = set(dots["marker"]["color"])
    assert colours == {"rgba(110,0,50,0.902)", "rgba(205,205,205,0.588)"}
    assert any("Hoàng Sa" in h and "Đà Nẵng" in h for h in dots["hovertext"])
    labels = [t["text"][0] for t in figure["data"] if t["meta"] == "archipelago-labels"]
    assert sorted(labels) == ["Quần đảo Hoàng Sa", "Quần đảo Trường Sa"]
    # The view holds the country and the islands, with room for the names beyond them.
    (x0, x1), (y0, y1) = figure["layout"]["xaxis"]["range"], figure["layout"]["yaxis"]["range"]
    lon0, lat0, lon1, lat1 = np.vstack([provinces.total_bounds,
                                        geo.load_archipelagos().total_bounds]).T
    assert x0 < lon0.min() and x1 > lon1.max() + 1  # Trường Sa's name is wider than its islands
    assert y0 < svg_map.mercator_y(lat0.min()) and y1 > svg_map.mercator_y(lat1.max())


@pytest.mark.parametrize("vintage", ["2021", "2025"])
def test_the_shipped_national_figure_is_svg_only_offline_and_small(vintage):
    provinces = geo.load_boundaries("province", vintage)
    spec = svg_map.province_figure(provinces, pd.Series(dtype=float), lang="en")
    text = spec.figure.to_json()
    figure = json.loads(text)
    assert {t["type"] for t in figure["data"]} == {"scatter"}  # SVG: no WebGL, no geo trace
    assert not {"geo", "map", "mapbox"} & set(figure["layout"])  # geo would fetch topojson
    assert "http" not in text
    assert len(_by_code(figure)) == len(provinces)
    assert len(text.encode()) < 200_000
