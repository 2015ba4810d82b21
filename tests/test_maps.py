"""Tests for p8lib.maps: deck contents, colours, escaping, no tile provider."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from p8lib import maps

EVIL = "<img src=x onerror=alert(1)>"


def _provinces() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"code": ["01", "02", "04"], "name_vi": ["Hà Nội", EVIL, "Cao Bằng"],
         "name_en": ["Ha Noi", EVIL, "Cao Bang"]},
        geometry=[box(105, 20, 106, 21), box(106, 20, 107, 21), box(105, 21, 106, 22)],
        crs="EPSG:4326",
    )


def _communes() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"code": ["00001", "00004"], "name_vi": ["Phúc Xá", EVIL], "name_en": ["Phuc Xa", EVIL],
         "province_code": ["01", "01"]},
        geometry=[box(105, 20, 105.5, 21), box(105.5, 20, 106, 21)], crs="EPSG:4326",
    )


def _points() -> pd.DataFrame:
    return pd.DataFrame({"commune_code": ["00001", "00004"], "province_code": ["01", "01"],
                         "name_vi": ["Phúc Xá", EVIL], "name_en": ["Phuc Xa", EVIL],
                         "lon": [105.2, 105.7], "lat": [20.5, 20.5]})


def _national(**kwargs) -> maps.MapSpec:
    values = pd.Series({"01": 0.0, "04": 80.0})  # 02 has no data
    return maps.province_map(_provinces(), values, **kwargs)


def _spec_json(spec: maps.MapSpec) -> dict:
    return json.loads(spec.deck.to_json())


def _fills(spec: maps.MapSpec) -> dict[str, list[int]]:
    layer = _spec_json(spec)["layers"][0]
    return {f["properties"]["code"]: f["properties"]["fill"] for f in layer["data"]["features"]}


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([0.0], [maps.ZERO_COLOR]),
        ([None], [maps.NO_DATA_COLOR]),
        ([10.0, 25.0, 99.9, 100.0, 250.0], [maps.RAMP[0], maps.RAMP[1], maps.RAMP[3],
                                           maps.RAMP[4], maps.RAMP[4]]),
    ],
)
def test_value_classes(values, expected):
    colors, _ = maps.value_classes(pd.Series(values, dtype=float), maps.ATTAINMENT_BREAKS)
    assert colors.tolist() == expected


def test_no_data_and_zero_are_distinct_in_legend_and_deck():
    spec = _national(lang="en")
    fills = _fills(spec)
    assert fills["01"] == list(maps.ZERO_COLOR)
    assert fills["02"] == list(maps.NO_DATA_COLOR)
    assert fills["01"] != fills["02"]
    labels = {row.label: row.color for row in spec.legend}
    assert labels["No data"] != labels["0%"]


@pytest.mark.parametrize(("lang", "word"), [("vi", "Không có số liệu"), ("en", "No data")])
def test_labels_follow_language(lang, word):
    spec = _national(lang=lang)
    assert word in [row.label for row in spec.legend]
    assert spec.note == maps.APPROXIMATE_NOTE[lang]


@pytest.mark.parametrize("basemap", [False])
def test_offline_deck_has_no_provider_and_no_url(basemap):
    spec = _national(basemap=basemap, pilot_codes=["01"], points=_points())
    text = spec.deck.to_json()
    data = json.loads(text)
    assert data.get("mapProvider") is None
    assert data.get("mapStyle") in (None, "__MAP_STYLE__")  # pydeck's unset marker
    assert "http" not in text and "carto" not in text.lower()


def test_basemap_flag_adds_provider():
    data = _spec_json(_national(basemap=True))
    assert data["mapProvider"] == "carto"


def test_layer_ids_and_pickability():
    roles = pd.Series({"00001": "implementing", "00004": "priority"})
    spec = _national(pilot_codes=["01", "04"], districts=_provinces().iloc[:1],
                     points=_points(), point_roles=roles)
    layers = _spec_json(spec)["layers"]
    ids = [layer["id"] for layer in layers]
    assert ids == ["provinces", "pilot-provinces", "implementing-districts",
                   "commune-points-priority", "commune-points-implementing"]
    assert layers[0]["pickable"] is True
    assert len(layers[1]["data"]) == 2  # one ring per pilot province
    # 5 corners as [lon, lat] pairs (a closed square)
    assert all(len(p["path"]) == 5 and all(len(xy) == 2 for xy in p["path"])
               for p in layers[1]["data"])
    # pydeck turns a positionFormat string into an "@@=XY" expression that deck.gl ignores,
    # so flat rings would be read as XYZ triples and drawn as stray lines (seen in Chromium).
    assert not any("positionFormat" in layer for layer in layers)


def test_tooltip_template_constant_and_values_escaped():
    spec = _national(lang="en")
    data = _spec_json(spec)
    assert spec.deck._tooltip == maps.TOOLTIP
    names = [f["properties"]["name"] for f in data["layers"][0]["data"]["features"]]
    assert "&lt;img src=x onerror=alert(1)&gt;" in names
    assert EVIL not in spec.deck.to_json()


def test_detail_map_escapes_and_marks_roles():
    roles = pd.Series({"00004": "implementing"})
    spec = maps.province_detail_map(_provinces().iloc[:1], _communes(), _points(),
                                    lang="vi", point_roles=roles)
    data = _spec_json(spec)
    ids = [layer["id"] for layer in data["layers"]]
    assert ids == ["communes", "pilot-provinces", "commune-points-implementing"]
    communes = data["layers"][0]
    assert communes["pickable"] is True
    details = {r["code"]: r["detail"] for r in communes["data"]}
    assert details == {"00001": "Xã khác", "00004": "Xã triển khai"}
    assert EVIL not in spec.deck.to_json()
    assert all(len(r["polygon"]) % 2 == 0 for r in communes["data"])


def test_unknown_kind_is_rejected():
    with pytest.raises(ValueError, match="kind"):
        maps.province_map(_provinces(), pd.Series(dtype=float), kind="ratio")
