"""The coverage map page through AppTest: what each province is coloured by (read from the
deck the map element sends, :func:`tests.app.helpers.deck_specs`), the drill-down, the vintage and
measure in the URL, clicks on the 34-province map, and a provincial report at commune level
rolled up to its province.

AppTest runs no JavaScript: what the browser draws is checked in tests/browser/test_map.py.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
import shapely
from streamlit.testing.v1 import AppTest

from app.data import FIGURES_ENV
from p8lib.contract import catalogue, t
from p8lib.maps import colours
from tests.app.helpers import deck_specs, map_elements
from tests.app.test_app import (  # noqa: F401 - fixtures: fresh caches, st.navigation routing
    clear_caches,
    navigation_routing,
    plotly_specs,
    run,
    texts,
)
from tests.frames import figures

MAP = "pages/coverage_map.py"
GREY = list(colours.NO_DATA_COLOR)
# A provincial report at commune level, hand-built: three communes of Sóc Trăng (two of
# Sóc Trăng city, 941, one of Kế Sách, 943) report community communication groups for 2024.
# Sóc Trăng itself reports 60 groups for 2023 (data/figures.csv) and has a 118-group target.
COMMUNE_REPORT = figures([
    {"province_code": "94", "district_code": district, "commune_code": commune,
     "level": "commune", "indicator_id": "comm_groups", "measure": "actual",
     "period_start": 2024, "period_end": 2024, "value": value, "unit": "groups",
     "source_id": "test_commune_report", "quote": "q"}
    for district, commune, value in (("941", "31498", 5.0), ("941", "31501", 4.0),
                                     ("943", "31528", 3.0))])


def use_figures(monkeypatch, folder, extra: pd.DataFrame) -> None:
    """The app reads the shipped figures and ``extra`` (a report as if published), from a
    figures file (``P8_FIGURES``)."""
    path = folder / "figures.parquet"
    pd.concat([catalogue.figures(), extra], ignore_index=True).to_parquet(path)
    monkeypatch.setenv(FIGURES_ENV, str(path))


def deck(at: AppTest) -> dict:
    (spec,) = deck_specs(at)
    return spec


def units_drawn(at: AppTest) -> dict[str, dict]:
    """Code → properties of the deck's first (coloured) layer; of a unit's first record, its
    largest part, which carries its tooltip lines."""
    layer = deck(at)["layers"][0]
    rows = layer["data"]["features"] if isinstance(layer["data"], dict) else layer["data"]
    drawn: dict[str, dict] = {}
    for row in rows:
        drawn.setdefault(row.get("properties", row)["code"], row.get("properties", row))
    return drawn


def coloured(at: AppTest) -> set[str]:
    return {code for code, p in units_drawn(at).items() if p["fill"] != GREY}


def test_the_colours_change_with_the_indicator():
    groups = units_drawn(run(MAP, lang="en", measure="value", indicator="comm_groups"))
    clubs = units_drawn(run(MAP, lang="en", measure="value", indicator="leaders_of_change_clubs"))
    # The provinces whose 2021-unit figures hold a result of each (data/figures.csv).
    assert {c for c, p in groups.items() if p["fill"] != GREY} == {
        "08", "10", "11", "15", "25", "38", "40", "46", "52", "58", "60", "62", "64", "66", "67",
        "94"}
    assert {c for c, p in clubs.items() if p["fill"] != GREY} == {
        "10", "11", "24", "52", "60", "64", "94"}
    assert groups["94"]["value"].startswith("Result 2023: 60 groups")
    assert clubs["10"]["value"].startswith("Result 2021–2025: 85 clubs · 0.6 per commune")


@pytest.mark.parametrize(("year", "expected"), [("2022", {"10", "46"}), ("2023", {"94"})])
def test_the_colours_change_with_the_year(year, expected):
    at = run(MAP, lang="en", measure="value", indicator="comm_groups", year=year)
    assert coloured(at) == expected
    assert f", {year}" in [h for h in texts_html(at) if "Community communication" in h][0]


def texts_html(at: AppTest) -> list[str]:
    return [str(h.proto.body) for h in at.get("html")]


def test_attainment_map_shows_the_target_period_value_target_and_source():
    at = run(MAP, lang="en", indicator="comm_groups")
    assert coloured(at) == {"94"}
    soc_trang = units_drawn(at)["94"]
    assert soc_trang["value"] == "50.8% of the 2021–2025 target"
    assert soc_trang["target"] == "Target 118 groups · result 2023: 60 groups"
    assert soc_trang["source"] == "Source: Many gender-equality related goals set"
    assert "% of the 2021–2025 target reached" in " ".join(texts_html(at))
    # the country's own figure has no place on the map: a note says it
    assert ("National figure (no single place on the map): target 9,000 groups (2021–2025); "
            "result 10,393 groups (2021–2025).") in texts(at)


def test_the_map_never_colours_by_the_number_of_figures():
    at = run(MAP, lang="en", measure="coverage")
    drawn = units_drawn(at)
    assert drawn["94"]["value"] == "Pilot province (VWU point-direction plan)"
    assert drawn["02"]["value"] == "Implementing (named in a source)"
    assert drawn["01"]["value"] == "No data" and drawn["01"]["fill"] == GREY
    assert "Figures" not in " ".join(texts_html(at))  # the old "Figures: 0, >0–<2" legend


def test_a_commune_report_rolls_up_to_its_province_on_the_map_and_in_its_chart(monkeypatch,
                                                                             tmp_path):
    use_figures(monkeypatch, tmp_path, COMMUNE_REPORT)
    at = run(MAP, lang="en", indicator="comm_groups")
    assert not at.exception, [e.message for e in at.exception]
    soc_trang = units_drawn(at)["94"]
    # 60 (the province's own 2023) + 5 + 4 + 3 (its communes' 2024, a year it does not report)
    assert soc_trang["value"] == "61.0% of the 2021–2025 target"
    assert soc_trang["target"] == "Target 118 groups · result 2023, 2024: 72 groups"
    assert soc_trang["note"].startswith("Sum of the results of 3 communes")
    at.switch_page("pages/province.py")
    at.selectbox(key="province").set_value("94").run()
    bars = [(text, x) for trace in plotly_specs(at)[0]["data"]
            for x, y, text in zip(trace["x"], trace["y"], trace["text"], strict=True)
            if "Community communication groups" in str(y)]
    assert ("12 groups (2024)", 12.0) in bars and ("60 groups (2023)", 60.0) in bars


def test_choosing_a_province_draws_its_communes_with_the_same_measure(monkeypatch, tmp_path):
    use_figures(monkeypatch, tmp_path, COMMUNE_REPORT)
    at = run(MAP, lang="en", measure="value", indicator="comm_groups", year="2024")
    at.selectbox(key="province").set_value("94").run()
    spec = deck(at)
    assert [la["id"] for la in spec["layers"]][:3] == ["communes", "district-lines",
                                                      "province-outline"]
    drawn = units_drawn(at)
    assert len(drawn) == 108  # every commune of Sóc Trăng (2021)
    assert coloured(at) == {"31498", "31501", "31528"}
    assert drawn["31498"]["value"] == "Result 2024: 5 groups"
    assert spec["initialViewState"]["zoom"] > 7  # zoomed into the province
    assert at.subheader[0].value == "Sóc Trăng"
    at.button(key="map_national").click().run()
    assert at.session_state["province"] is None and len(units_drawn(at)) == 63


def test_a_provinces_boundaries_are_fitted_to_the_map_once_for_all_its_views(monkeypatch):
    """A drill-down under new filters is a new view of the same boundaries: their shapes,
    simplified to the map's vertex budget (tens of ms for Nghệ An's communes), are made once
    for the province (app.maps.in_province), not once per view."""
    simplified = []
    coverage_simplify = shapely.coverage_simplify
    monkeypatch.setattr(shapely, "coverage_simplify",
                        lambda geoms, *a, **k: simplified.append(len(geoms))
                        or coverage_simplify(geoms, *a, **k))
    at = run(MAP, lang="en", province="40", year="2023")
    first = len(simplified)
    assert first and len(units_drawn(at)) == 412  # every commune of Nghệ An (2021), fitted
    for year in ("2024", "2022"):
        at.selectbox(key="year").set_value(int(year)).run()
        assert at.session_state["province"] == "40" and len(units_drawn(at)) == 412
    assert len(simplified) == first


def test_a_province_reported_only_at_district_level_opens_on_its_districts():
    at = run(MAP, lang="en", measure="value", indicator="comm_groups", province="10")
    assert at.button_group(key="map_level").value == "district"
    assert coloured(at) == {"085"}  # Bắc Hà
    assert ("Lào Cai also reports for the province as a whole: result 424 groups (2021–2025); "
            "result 324 groups (2022).") in texts(at)
    assert at.query_params["level"] == "district"


@pytest.mark.parametrize(("params", "features", "vintage"), [
    ({}, 63, "2021"), ({"vintage": "2025"}, 34, "2025"), ({"vintage": "1999"}, 63, "2021")])
def test_the_vintage_comes_from_the_url(params, features, vintage):
    at = run(MAP, lang="en", **params)
    assert len(units_drawn(at)) == features
    assert at.button_group(key="map_vintage").value == vintage


@pytest.mark.parametrize(("vintage", "features"), [("2021", 63), ("2025", 34)])
def test_a_results_map_of_a_year_without_results_is_drawn_without_data(vintage, features):
    """Nothing is reported for community group members in 2023: the map is drawn, every
    province without data (the 2025 map raised a TypeError dividing by the communes)."""
    at = run(MAP, lang="en", vintage=vintage, measure="value", indicator="comm_group_members",
             year="2023")
    assert not at.exception
    assert len(units_drawn(at)) == features and coloured(at) == set()


def test_the_vintage_and_measure_go_to_the_url_and_come_back_to_the_page():
    at = run(MAP, lang="en")
    at.button_group(key="map_vintage").set_value("2025").run()
    at.button_group(key="map_measure").set_value("coverage").run()
    assert (at.query_params["vintage"], at.query_params["measure"]) == ("2025", "coverage")
    at.switch_page("pages/overview.py").run()
    at.switch_page(MAP).run()  # the page remembers them
    assert len(units_drawn(at)) == 34
    assert at.button_group(key="map_measure").value == "coverage"
    at.button_group(key="map_vintage").set_value("2021").run()
    assert "vintage" not in at.query_params  # the default is left out


def _click(view: str, vintage: str, code: str, province: str | None) -> None:
    """A click on a province of the national map ``view``, as the map element hands it to
    its callback (app/deck_map.js: the view and, by layer, the clicked object's code)."""
    import streamlit as st

    from app import maps, state

    if "clicked" not in st.session_state:
        st.session_state["province"] = province
        st.session_state[state.MAP_ELEMENT] = {"selection": {"view": view, "objects": {
            "provinces": [{"code": code}]}}}
        state.map_selected(view, vintage, True, new_of=maps.new_province_of())
        st.session_state["clicked"] = True
    st.write(f"filter={st.session_state['province']} "
             f"map={state.map_province(vintage, maps.new_province_of())}")


@pytest.mark.parametrize(("vintage", "code", "province", "expected"), [
    ("2021", "94", None, "filter=94 map=94"),
    # new Lào Cai (15) holds old Lào Cai and Yên Bái, not Sóc Trăng: the filter is cleared
    ("2025", "15", "94", "filter=None map=15"),
    # new Cần Thơ (92) holds Sóc Trăng: the filter stays, the map shows the clicked province
    ("2025", "92", "94", "filter=94 map=92"),
])
def test_a_click_drills_into_the_province_clicked(vintage, code, province, expected):
    at = AppTest.from_function(_click, args=(f"map_deck_{vintage}_all_province", vintage, code,
                                             province)).run(timeout=60)
    assert at.markdown[0].value == expected


def _click_elsewhere() -> None:
    """A province clicked on the 63-province national map, then read on the 34-province one."""
    import streamlit as st

    from app import maps, state

    st.session_state[state.MAP_ELEMENT] = {"selection": {"view": "map_deck_2021_all_province",
                                                         "objects": {"provinces": [
                                                             {"code": "94"}]}}}
    state.map_selected("map_deck_2025_all_province", "2025", True,
                       new_of=maps.new_province_of())
    st.write(f"here={state.selected_codes('map_deck_2025_all_province')} "
             f"there={state.selected_codes('map_deck_2021_all_province')} "
             f"map={state.map_province('2025', maps.new_province_of())}")


def test_a_selection_belongs_to_the_view_it_was_made_on():
    """One element draws every view of the map: a click on one view (here the 63-province
    map) is neither shown on another nor drilled into from it."""
    at = AppTest.from_function(_click_elsewhere).run(timeout=60)
    assert at.markdown[0].value == "here={} there={'provinces': '94'} map=None"


def test_every_view_of_the_map_is_drawn_by_one_element():
    """The national map, its colours, the other vintage and every drill-down are one element
    (one deck.gl Deck, one WebGL context in the browser: app/deck_map.py), told which view
    it shows."""
    def element(**params):
        (el,) = map_elements(run(MAP, lang="en", **params))
        return el.proto.id, json.loads(el.proto.json)["view"]

    views = [{}, {"content": "1"}, {"measure": "coverage"}, {"vintage": "2025"},
             {"province": "94", "measure": "value", "indicator": "comm_groups"},
             {"vintage": "2025", "province_2025": "15"}]
    drawn = [element(**params) for params in views]
    assert len({el_id for el_id, _ in drawn}) == 1
    assert [view for _, view in drawn] == [
        "map_deck_2021_all_province", "map_deck_2021_all_province",
        "map_deck_2021_all_province", "map_deck_2025_all_province",
        "map_deck_2021_94_district", "map_deck_2025_15_commune"]


def test_the_34_province_map_names_and_zooms_into_the_same_province():
    at = run(MAP, lang="en", vintage="2025", province_2025="15")
    assert at.subheader[0].value == "Lào Cai"
    assert "made of (former units): Lào Cai, Yên Bái" in texts(at)
    drawn = units_drawn(at)
    assert drawn and all(code.isdigit() and len(code) == 5 for code in drawn)
    assert at.query_params["province_2025"] == "15"
    assert {"map_profile_10", "map_profile_15"} <= {b.key for b in at.button}


def test_a_result_map_asks_for_an_indicator_first():
    at = run(MAP, lang="vi", measure="value")
    assert not map_elements(at)
    assert "Chọn một chỉ tiêu ở thanh bên" in texts(at)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_legend_and_notes_are_in_the_language(lang):
    at = run(MAP, lang=lang, measure="value", indicator="comm_groups")
    legend = " ".join(texts_html(at))
    expected = {"vi": ("tổ bình quân mỗi xã", "Không có số liệu", "Số liệu toàn quốc"),
                "en": ("groups per commune", "No data", "National figure")}[lang]
    assert expected[0] in legend and expected[1] in legend
    assert expected[2] in texts(at)
    if lang == "vi":
        assert not any(word in legend for word in ("per commune", "No data", "Pilot"))


def test_published_figures_reach_the_coverage_measure(monkeypatch, tmp_path):
    use_figures(monkeypatch, tmp_path, COMMUNE_REPORT.assign(
        province_code="01", district_code="001", commune_code="00001"))
    at = run(MAP, lang="en", measure="coverage")
    assert units_drawn(at)["01"]["value"] == "Implementing (named in a source)"


@pytest.mark.parametrize(("indicator", "year", "n"), [
    ("leaders_of_change_clubs", None, 3),  # three provinces' 2021–2025 results since July 2025
    ("leaders_of_change_clubs", "2024", 3),  # their period holds 2024
    ("model_training_participants", "2025", 1),
    ("model_training_participants", "2024", 0),  # its one 2025 row is of 2025 only
])
def test_the_map_says_how_many_rows_of_its_choice_are_of_the_2025_units(indicator, year, n):
    params = {"year": year} if year else {}
    at = run(MAP, lang="en", measure="value", indicator=indicator, **params)
    note = t("map_2025_rows_not_drawn", "en", n=n)
    assert (note in texts(at)) == (n > 0)
    if n == 0:
        assert "since July 2025" not in texts(at)


def slide_provinces(at: AppTest) -> dict[str, dict]:
    """Code → filled trace of the map slide's SVG figure (its one plotly chart)."""
    (figure,) = plotly_specs(at)
    return {trace["meta"]: trace for trace in figure["data"] if trace.get("fill") == "toself"}


def test_the_talks_map_slide_is_an_svg_figure_with_the_pages_colours_and_legend():
    """A slide draws the national map as SVG (there in well under a second without a GPU,
    where the deck takes seconds): no deck, the same classes as the page's deck, its legend."""
    slide = run(MAP, present="1", slide="2", lang="en")
    assert map_elements(slide) == []
    drawn = slide_provinces(slide)
    assert len(drawn) == 63
    grey = "rgba(205,205,205,0.588)"
    # The two provinces whose figures meet a target of theirs (data/figures.csv).
    assert {code for code, trace in drawn.items() if trace["fillcolor"] != grey} == {"11", "94"}
    assert drawn["94"]["name"].startswith("<b>Sóc Trăng</b><br>")
    page = run(MAP, lang="en")  # outside the talk: the deck, with the same colours
    assert page.get("plotly_chart") == [] and plotly_specs(page) == []  # the deck, no figure
    assert coloured(page) == {"11", "94"}
    assert drawn["94"]["name"].split("<br>")[1] == units_drawn(page)["94"]["value"]
    legend = [h for h in texts_html(slide) if "targets 2021–2025" in h]
    assert legend and legend == [h for h in texts_html(page) if "targets 2021–2025" in h]


def test_a_drill_down_in_presenter_mode_is_still_a_deck():
    at = run(MAP, present="1", lang="en", province="94")
    assert at.get("plotly_chart") == [] and plotly_specs(at) == []
    assert "communes" in [layer["id"] for layer in deck(at)["layers"]]
