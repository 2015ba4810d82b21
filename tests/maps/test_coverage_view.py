"""The coverage page's map put together (p8lib.maps.coverage_view), on hand-built frames."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
from shapely.geometry import box

from p8lib.analysis import targets
from p8lib.maps import colours, coverage_view, map_values
from p8lib.maps.coverage_view import MapChoice
from tests.maps.test_map_values import CATALOGUE, COVERAGE, FIGURES, rows

SOURCES = {"s1": "Many gender-equality related goals set"}


def _provinces() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"code": ["94", "10"], "name_vi": ["Sóc Trăng", "Lào Cai"],
                             "name_en": ["Soc Trang", "Lao Cai"]},
                            geometry=[box(105, 9, 106, 10), box(103, 22, 104, 23)],
                            crs="EPSG:4326")


def _features(view: coverage_view.MapView) -> dict[str, dict]:
    deck = json.loads(view.spec.deck.to_json())
    layer = deck["layers"][0]
    records = layer["data"]["features"] if isinstance(layer["data"], dict) else layer["data"]
    drawn: dict[str, dict] = {}
    for r in records:  # a unit's first record is its largest part, with its tooltip lines
        drawn.setdefault(r.get("properties", r)["code"], r.get("properties", r))
    return drawn


def test_national_value_map_colours_results_per_commune_and_says_so():
    choice = MapChoice("value", indicator="groups")
    table = map_values.value_table(FIGURES, CATALOGUE, "groups", "province", None)
    view = coverage_view.national_view(choice, table, _provinces(), catalogue=CATALOGUE,
                                       sources=SOURCES, lang="en", pilot_codes=["94"],
                                       notes=["a note", ""])
    features = _features(view)
    assert features["94"]["value"].startswith("Result 2023, 2024: 65 groups · ")
    assert "per commune" in features["94"]["value"]
    assert features["94"]["note"].startswith("Sum of the results of 1 commune")
    assert features["10"]["fill"] != features["94"]["fill"] != list(colours.NO_DATA_COLOR)
    assert view.title == "Groups: groups per commune, 2021–2025"
    assert view.notes == ["a note"]
    assert list(view.tooltips.index) == ["10", "94"]


@pytest.mark.parametrize(("year", "coloured"), [(2023, {"94"}), (2022, {"10"}),
                                                (None, {"10", "94"})])
def test_the_colours_follow_the_year(year, coloured):
    choice = MapChoice("value", indicator="groups", year=year)
    table = map_values.value_table(FIGURES, CATALOGUE, "groups", "province", year)
    view = coverage_view.national_view(choice, table, _provinces(), catalogue=CATALOGUE,
                                       sources=SOURCES, lang="en")
    grey = list(colours.NO_DATA_COLOR)
    assert {c for c, f in _features(view).items() if f["fill"] != grey} == coloured


def test_detail_view_colours_the_communes_with_the_same_measure():
    communes = gpd.GeoDataFrame({"code": ["31900", "31903"], "name_vi": ["Xã A", "Xã B"],
                                 "name_en": ["A", "B"], "province_code": ["94", "94"]},
                                geometry=[box(105, 9, 105.5, 10), box(105.5, 9, 106, 10)],
                                crs="EPSG:4326")
    choice = MapChoice("value", indicator="groups", level="commune")
    table = map_values.value_table(FIGURES, CATALOGUE, "groups", "commune", None)
    view = coverage_view.detail_view(choice, table, _provinces().iloc[:1], communes,
                                     catalogue=CATALOGUE, sources=SOURCES, lang="en",
                                     district_lines=_provinces().iloc[:1])
    features = _features(view)
    assert features["31900"]["value"] == "Result 2024: 5 groups"
    assert features["31903"]["value"] == "No data"
    ids = [layer["id"] for layer in json.loads(view.spec.deck.to_json())["layers"]]
    assert ids == ["communes", "district-lines", "province-outline"]
    assert view.title == "Groups: groups, 2021–2025"  # a commune's result is its own


def test_national_notes_name_other_levels_and_the_country():
    choice = MapChoice("value", indicator="groups")
    notes = coverage_view.level_notes(FIGURES, choice, CATALOGUE, "en")
    assert notes == ["This indicator also has figures for 1 commune: choose a province to see "
                     "them. National figure (no single place on the map): result 10,393 groups "
                     "(2021–2025)."]


def test_drill_down_notes_a_province_that_reports_only_as_a_whole():
    choice = MapChoice("attainment", indicator="groups", level="commune")
    soc_trang = FIGURES[FIGURES["province_code"] == "94"]
    table = map_values.attainment_table(targets.attainment(soc_trang, CATALOGUE), "commune",
                                        None)
    assert table.empty  # its commune reports a result, but no commune has a target
    notes = coverage_view.level_notes(soc_trang, choice, CATALOGUE, "en", table=table)
    assert notes == ["Sóc Trăng reports this indicator for the province as a whole: result 60 "
                     "groups (2023); target 118 groups (2021–2025)."]


def test_2025_drill_down_says_districts_are_not_drawn():
    figures = rows(("94.949", "groups", "target", 2021, 2025, 20))
    choice = MapChoice("attainment", vintage="2025", indicator="groups", level="commune")
    notes = coverage_view.level_notes(figures, choice, CATALOGUE, "en")
    assert notes == ["Since July 2025 there are no districts: figures of 1 district (former "
                     "units) count in the province, not drawn apart."]


def test_no_notes_for_coverage_or_without_an_indicator():
    assert coverage_view.level_notes(FIGURES, MapChoice("coverage"), CATALOGUE, "en") == []
    assert coverage_view.level_notes(FIGURES, MapChoice("attainment"), CATALOGUE, "en") == []


def test_coverage_notes_say_what_the_sources_count_without_naming():
    names = {"d": "VOV4", "c": "Báo X"}
    assert coverage_view.coverage_notes(COVERAGE, "province", None, "en", names) == [
        "Sources report 51 provinces (VOV4), without naming each place."]
    assert coverage_view.coverage_notes(COVERAGE, "commune", None, "vi", names,
                                        province="12") == [
        "Nguồn cho biết 42 xã (Báo X), nhưng không nêu tên từng nơi."]
    assert coverage_view.coverage_notes(COVERAGE, "commune", None, "en", names,
                                        province="94") == []
