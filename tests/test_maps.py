"""Tests for p8lib.maps: deck contents, colours, escaping, no tile provider."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pydeck as pdk
import pytest
import shapely
from shapely.geometry import Polygon, box

from p8lib import geo, maps

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
    # open rings of [lon, lat] pairs: deck.gl closes them
    assert all(len(r["polygon"]) == 4 and all(len(xy) == 2 for xy in r["polygon"])
               for r in communes["data"])


def test_unknown_kind_is_rejected():
    with pytest.raises(ValueError, match="kind"):
        maps.province_map(_provinces(), pd.Series(dtype=float), kind="ratio")


# --- payload: compact JSON, only used properties, rounded coordinates ---------------------------


def _detail(**kwargs) -> maps.MapSpec:
    return maps.province_detail_map(_provinces().iloc[:1], _communes(), _points(), **kwargs)


@pytest.mark.parametrize("build", [_national, _detail])
def test_deck_json_is_compact_and_equals_pydeck_content(build):
    deck = build().deck
    text = deck.to_json()
    assert isinstance(deck, maps.CompactDeck)
    assert "\n" not in text and ": " not in text and ", " not in text
    assert "Phúc Xá" in text or "Hà Nội" in text  # UTF-8, not 6-byte \u escapes
    assert json.loads(text) == json.loads(pdk.Deck.to_json(deck))  # pydeck's indented JSON


def _render(deck) -> None:
    import streamlit as st

    st.pydeck_chart(deck)


def test_streamlit_sends_the_compact_json():
    from streamlit.testing.v1 import AppTest

    deck = _national(points=_points()).deck
    at = AppTest.from_function(_render, args=(deck,)).run(timeout=30)
    (element,) = at.get("deck_gl_json_chart")
    assert element.proto.json == deck.to_json()  # the exact string measured by the bench


def _numbers(value) -> list[float]:
    if isinstance(value, list):
        return [x for item in value for x in _numbers(item)]
    return [value]


def _coords(layer: dict) -> list[float]:
    data = layer["data"]
    if layer["@@type"] == "GeoJsonLayer":
        return _numbers([f["geometry"]["coordinates"] for f in data["features"]])
    key = {"PolygonLayer": "polygon", "PathLayer": "path"}.get(layer["@@type"])
    return _numbers([row[key] for row in data] if key else data)


FINE = 0.0123456789  # shifts every coordinate off the 4-decimal grid


def _fine(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return frame.set_geometry(frame.geometry.translate(FINE, FINE))


@pytest.mark.parametrize(
    ("build", "decimals"),
    [
        (lambda: maps.province_map(
            _fine(_provinces()), pd.Series({"01": 1.0}), pilot_codes=["01"],
            districts=_fine(_provinces()).iloc[:1],
            points=_points().assign(lon=lambda d: d["lon"] + FINE)), maps.NATIONAL_DECIMALS),
        (lambda: maps.province_detail_map(
            _fine(_provinces()).iloc[:1], _fine(_communes()),
            _points().assign(lat=lambda d: d["lat"] + FINE),
            districts=_fine(_provinces()).iloc[:1], point_roles=pd.Series({"00001": "priority"})),
         maps.DETAIL_DECIMALS),
    ],
    ids=["national", "detail"],
)
def test_coordinates_are_rounded(build, decimals):
    layers = _spec_json(build())["layers"]
    assert len(layers) >= 4  # polygons, two outlines, points
    for layer in layers:
        coords = _coords(layer)
        assert coords, layer["id"]
        assert all(round(x, decimals) == x for x in coords), layer["id"]
        assert any(round(x, decimals - 1) != x for x in coords), layer["id"]  # not coarser


@pytest.mark.parametrize(
    ("layer_id", "keys"),
    [
        ("provinces", {"code", "name", "detail", "fill"}),
        ("communes", {"code", "name", "detail", "polygon"}),
        ("pilot-provinces", {"path"}),
        ("implementing-districts", {"path"}),
    ],
)
def test_layers_carry_only_the_properties_they_use(layer_id, keys):
    roles = pd.Series({"00001": "implementing"})
    layers = {layer["id"]: layer for build in (_national, _detail)
              for layer in _spec_json(build(pilot_codes=["01"], districts=_provinces().iloc[:1],
                                            point_roles=roles)
                                      if build is _national else
                                      build(districts=_provinces().iloc[:1],
                                            point_roles=roles))["layers"]}
    data = layers[layer_id]["data"]
    rows = [f["properties"] for f in data["features"]] if layer_id == "provinces" else data
    assert rows and all(set(row) == keys for row in rows)


def test_points_are_bare_pairs_with_the_identity_accessor():
    roles = pd.Series({"00004": "implementing"})
    layers = _spec_json(_national(points=_points(), point_roles=roles))["layers"]
    points = {layer["id"]: layer for layer in layers if layer["id"].startswith("commune-points")}
    assert set(points) == {"commune-points-other", "commune-points-implementing"}
    assert points["commune-points-implementing"]["data"] == [[105.7, 20.5]]
    assert points["commune-points-other"]["data"] == [[105.2, 20.5]]
    # "-" is deck.gl JSON's identity accessor: each datum is its own position
    assert all(layer["getPosition"] == "@@=-" and layer["pickable"] is False
               for layer in points.values())


def test_detail_layer_has_one_open_ring_per_part_largest_first_holes_dropped():
    ring = box(0, 0, 3, 3).exterior.coords
    holed = Polygon(ring, [box(1, 1, 2, 2).exterior.coords])
    communes = gpd.GeoDataFrame(
        {"code": ["00001", "00004"], "name_vi": ["a", "b"], "name_en": ["a", "b"]},
        geometry=[shapely.MultiPolygon([box(4, 0, 4.5, 0.5), holed]), box(1, 1, 2, 2)],
        crs="EPSG:4326")
    spec = maps.province_detail_map(communes.dissolve(), communes, _points().iloc[:0])
    (layer,) = [la for la in _spec_json(spec)["layers"] if la["id"] == "communes"]
    assert [(r["code"], len(r["polygon"])) for r in layer["data"]] == [
        ("00001", 4), ("00004", 4), ("00001", 4)]  # 9, 1 and 0.25 square degrees
    assert layer["data"][0]["polygon"][0] != layer["data"][0]["polygon"][-1]


def test_province_polygons_keep_holes_and_parts():
    holed = Polygon(box(0, 0, 3, 3).exterior.coords, [box(1, 1, 2, 2).exterior.coords])
    provinces = gpd.GeoDataFrame(
        {"code": ["01"], "name_vi": ["a"], "name_en": ["a"]},
        geometry=[shapely.MultiPolygon([holed, box(4, 0, 5, 1)])], crs="EPSG:4326")
    spec = maps.province_map(provinces, pd.Series(dtype=float))
    (feature,) = _spec_json(spec)["layers"][0]["data"]["features"]
    geometry = shapely.geometry.shape(feature["geometry"])
    assert geometry.equals(provinces.geometry[0])


# --- payload budgets on the shipped boundaries (issue #3; bytes, not timings) --------------------


@pytest.fixture(scope="module")
def shipped() -> dict[str, object]:
    return {"provinces": geo.load_boundaries("province", "2021"),
            "districts": geo.load_boundaries("district", "2021"),
            "communes": geo.load_boundaries("commune", "2021"),
            "points": geo.commune_points("2021")}


def test_national_deck_with_every_commune_point_is_within_budget(shipped):
    provinces, points = shipped["provinces"], shipped["points"]
    roles = pd.Series("implementing", index=points["commune_code"][::3])
    spec = maps.province_map(provinces, pd.Series(50.0, index=provinces["code"]),
                             pilot_codes=provinces["code"][:8],
                             districts=shipped["districts"].iloc[:60], points=points,
                             point_roles=roles)
    assert len(spec.deck.to_json().encode()) <= 1_000_000  # budget 1.5 MB, with margin


def test_every_province_drill_down_is_within_budget(shipped):
    provinces, communes, points = shipped["provinces"], shipped["communes"], shipped["points"]
    sizes = {}
    for code in provinces["code"]:
        spec = maps.province_detail_map(
            provinces[provinces["code"] == code], communes[communes["province_code"] == code],
            points[points["province_code"] == code])
        sizes[code] = len(spec.deck.to_json().encode())
    worst = max(sizes, key=sizes.get)
    assert sizes[worst] <= 250_000, (worst, sizes[worst])  # budget 300 KB, with margin
