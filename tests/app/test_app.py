"""The app through ``streamlit.testing.v1.AppTest``: every page runs, filters change the view.

AppTest runs no JavaScript: what the browser draws is checked by the browser tests. Every
AppTest run starts in Streamlit's legacy folder routing (there is a ``pages/`` folder), so
these tests also cover a page opened as the first request (see ``app.state.require_router``).
"""

from __future__ import annotations

import importlib.util

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from app import data, views, widgets
from p8lib.analysis import metrics, targets
from p8lib.contract import catalogue, i18n
from p8lib.contract.i18n import t
from p8lib.present import chart_frames, display, tables
from tests.app.helpers import (  # noqa: F401 - fixtures
    APP,
    BAD_CSV,
    GOOD_CSV,
    PAGE_TITLES,
    PAGES,
    TOTAL_CSV,
    categories,
    clear_caches,
    deck_specs,
    frame_with,
    navigation_routing,
    plotly_specs,
    run,
    shown_tables,
    texts,
    tiles,
)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_runs_with_the_shared_sidebar(page, lang):
    at = run(page, lang=lang)
    assert not at.exception, [e.message for e in at.exception]
    assert {"province", "year", "content", "indicator"} <= {s.key for s in at.sidebar.selectbox}
    assert at.toggle(key="present") is not None
    assert at.button_group(key="lang").value == lang
    expected = PAGE_TITLES[page][0 if lang == "vi" else 1]
    if page != "pages/overview.py" or lang == "en":
        assert expected in [t.value for t in at.title]


def test_overview_shows_headlines_and_attainment_chart_with_target_line():
    at = run("pages/overview.py", lang="en")
    labels = [label for label, _, _ in tiles(at)]
    assert "Provinces reported" in labels
    assert "Community communication groups" in labels
    values = {label: value for label, value, _ in tiles(at)}
    assert values["Community communication groups"] == "10,393"
    (spec,) = plotly_specs(at)
    bars = spec["data"][0]
    assert len(bars["x"]) == 4
    assert bars["y"][3] is None  # area 4 has nothing comparable: no bar, not 0 %
    assert "not comparable" in bars["text"][3]
    assert any(s.get("y0") == 100 for s in spec["layout"]["shapes"])


def test_vietnamese_numbers_use_dots_for_thousands():
    at = run("pages/overview.py", lang="vi")
    values = {label: value for label, value, _ in tiles(at)}
    assert values["Tổ truyền thông cộng đồng"] == "10.393"


def test_url_filters_reach_the_widgets_and_stay_in_the_url():
    at = run("pages/indicators.py", province="94", year="2023", content="1",
             indicator="comm_groups", lang="en")
    assert at.selectbox(key="province").value == "94"
    assert at.selectbox(key="year").value == 2023
    assert at.selectbox(key="content").value == 1
    assert at.selectbox(key="indicator").value == "comm_groups"
    assert at.query_params["province"] == ["94"] or at.query_params["province"] == "94"


def test_unknown_url_values_are_ignored():
    at = run("pages/overview.py", province="xx", year="1900", content="7", indicator="nope")
    assert not at.exception
    assert at.selectbox(key="province").value is None
    assert at.selectbox(key="year").value is None
    assert at.selectbox(key="content").value is None


def test_changing_a_filter_changes_the_view_and_the_url():
    at = run("pages/province.py", lang="en")
    assert "Choose a province in the sidebar or on the map" in texts(at)
    at.selectbox(key="province").set_value("94").run()
    assert not at.exception
    assert "Sóc Trăng (94)" in texts(at)
    assert "94" in str(at.query_params.get("province"))
    assert plotly_specs(at)


def test_province_attainment_shows_status_text_not_zero_percent():
    at = run("pages/province.py", province="04", lang="en")
    # a hidden tab
    assert not [d for d in [*at.dataframe, *at.table] if "Status" in d.value.columns]
    at.session_state["province_tab"] = "Attainment"
    at.run()
    table = frame_with(at, "Status")
    assert "no result reported" in set(table["Status"])
    assert "0.0 %" not in set(table["Attainment (%)"])
    assert set(table["Attainment (%)"]) == {"–"}


def test_indicators_page_charts_one_indicator_across_places():
    at = run("pages/indicators.py", indicator="comm_groups", lang="en")
    (spec,) = plotly_specs(at)
    places = categories(spec)
    assert {"Sóc Trăng", "Lào Cai"} <= places  # English keeps the diacritics
    at = run("pages/indicators.py", indicator="comm_groups", province="94", lang="en")
    places = categories(plotly_specs(at)[0])
    assert places == {"Sóc Trăng", "Trần Đề District"}  # the province and its district


def _top_level_index(at: AppTest, subheader: str) -> int:
    """Where the page's subheader ``subheader`` sits among the main area's elements."""
    (index,) = [i for i, node in at.main.children.items()
                if getattr(node, "type", None) == "subheader" and node.value == subheader]
    return index


def test_indicators_page_keeps_the_catalogue_in_its_place_when_an_indicator_is_chosen():
    # The browser keeps an element while its place among the page's elements is the same;
    # moved, the catalogue's 65 rows are drawn again on every choice of indicator.
    catalogue_title = t("catalogue", "en")
    none = run("pages/indicators.py", lang="en")
    one = run("pages/indicators.py", indicator="comm_groups", lang="en")
    assert not none.exception and not one.exception
    assert len(one.main.children) == len(none.main.children)
    assert (_top_level_index(none, catalogue_title)
            == _top_level_index(one, catalogue_title))


def test_language_switch_in_one_click():
    at = run("pages/sources.py")
    assert "Nguồn & phương pháp" in [t.value for t in at.title]
    at.button_group(key="lang").set_value("en").run()
    assert "Sources & method" in [t.value for t in at.title]
    assert at.query_params.get("lang") in ("en", ["en"])


@pytest.mark.parametrize("page", PAGES)
def test_presenter_mode_hides_chrome_and_can_be_left(page):
    # Every page, also one that has nothing to show yet (province profile, no province).
    at = run(page, present="1", lang="en")
    assert at.toggle(key="present").value is True
    assert any("stSidebar" in str(h.proto) for h in at.get("html"))
    at.button(key="exit_presenter").click().run()
    assert at.toggle(key="present").value is False
    assert "present" not in at.query_params


def test_map_page_has_pilot_provinces_and_attribution():
    at = run("pages/coverage_map.py", lang="en")
    (pilots,) = [table.value for table in at.table]  # a plain table: eight rows in view
    assert len(pilots) == 8
    assert {"map_pilots_csv", "map_pilots_xlsx"} <= {b.key for b in at.get("download_button")}
    assert "Lai Châu" in set(pilots["Name"])
    shown = texts(at)
    assert all(credit in shown for credit in ("dvhcvn", "GPL-3.0", "Natural Earth",
                                               "vietnamadminunits"))
    assert shown.count("Commune boundaries are approximate") == 1  # said once, not per map
    decks = deck_specs(at)
    if importlib.util.find_spec("p8lib.maps") is None:
        assert "Map layers not built yet" in texts(at)
    else:
        (spec,) = decks
        assert "provinces" in {layer["id"] for layer in spec["layers"]}
        assert not spec.get("mapProvider")  # layers only: nothing fetched from a tile server


def test_map_vintage_switch_draws_34_provinces():
    pytest.importorskip("p8lib.maps")
    at = run("pages/coverage_map.py", lang="en")
    at.button_group(key="map_vintage").set_value("2025").run()
    assert not at.exception
    (spec,) = deck_specs(at)
    (layer,) = [la for la in spec["layers"] if la["id"] == "provinces"]
    assert len(layer["data"]["features"]) == 34


def test_every_table_has_csv_and_xlsx_downloads():
    at = run("pages/sources.py", lang="en")
    keys = {b.key for b in at.get("download_button")}
    assert {"sources_all_csv", "sources_all_xlsx"} <= keys


def test_upload_good_file_previews_it_and_offers_publish():
    at = run("pages/data.py", lang="en")
    at.file_uploader(key="data_upload").upload("good.csv", GOOD_CSV, "text/csv").run()
    assert not at.exception, [e.message for e in at.exception]
    previews = [d.value for d in [*at.dataframe, *at.table] if "Source" in d.value.columns
                and set(d.value["Source"]) == {"test_upload"}]
    assert len(previews) == 1 and previews[0].shape[0] == 1
    assert "77" in set(previews[0]["Value"])
    assert at.button(key="data_publish").label == "Publish"


def test_upload_bad_file_lists_problems_with_row_and_column_and_uses_nothing():
    at = run("pages/data.py", lang="en")
    at.file_uploader(key="data_upload").upload("bad.csv", BAD_CSV, "text/csv").run()
    assert not at.exception
    problems = frame_with(at, "Severity")
    assert {"File", "Sheet", "Row", "Column"} <= set(problems.columns)
    bad = problems[problems["Severity"] == "error"]
    assert not bad.empty and "bad.csv" in set(bad["File"])
    assert bad["Row"].notna().any()
    assert "Errors found" in texts(at)
    assert not [b for b in at.button if b.key == "data_publish"]


@pytest.mark.parametrize("page", PAGES)
def test_first_request_to_a_page_still_goes_through_the_router(page):
    """Folder routing runs the page file alone; the page must hand over to the router."""
    at = run(page, province="94", lang="en")
    assert not at.exception, [e.message for e in at.exception]
    assert {"province", "year", "content", "indicator"} <= {s.key for s in at.sidebar.selectbox}
    assert at.selectbox(key="province").value == "94"
    assert PAGE_TITLES[page][1] in [t.value for t in at.title]


@pytest.mark.parametrize(("lang", "caption"), [
    ("en", "Showing 5 of {n} figures; download for all of them."),
    ("vi", "Đang hiển thị 5 trong {n} số liệu; tải xuống để có tất cả."),
])
def test_data_page_shows_a_capped_preview_and_offers_every_figure(monkeypatch, lang, caption):
    monkeypatch.setattr(widgets, "MAX_SHOWN_ROWS", 5)
    shipped = len(catalogue.figures())
    at = run("pages/data.py", lang=lang)
    assert not at.exception, [e.message for e in at.exception]
    place = "Place" if lang == "en" else "Địa bàn"
    assert len(frame_with(at, place)) == 5
    assert caption.format(n=shipped) in [c.value for c in at.caption]
    keys = {b.key for b in at.get("download_button")}
    assert {"data_current_csv", "data_current_xlsx"} <= keys


def test_data_page_offers_csv_only_past_the_excel_limit(monkeypatch):
    monkeypatch.setattr(widgets, "XLSX_MAX_ROWS", 10)
    at = run("pages/data.py", lang="en")
    keys = {b.key for b in at.get("download_button")}
    assert "data_current_csv" in keys and "data_current_xlsx" not in keys
    assert "template_long_xlsx" in {k.removeprefix("data_") for k in keys}  # 1 row: offered
    assert any("download the CSV" in c.value for c in at.caption)


def test_upload_notes_are_listed_apart_from_problems():
    at = run("pages/data.py", lang="en")
    at.file_uploader(key="data_upload").upload("total.csv", TOTAL_CSV, "text/csv").run()
    assert not at.exception, [e.message for e in at.exception]
    headings = [h.value for h in at.subheader]
    assert headings.index("Problems found") < headings.index("Notes")
    assert "No problems found." in [s.value for s in at.success]
    notes = frame_with(at, "Severity")  # the only table with severities: the notes
    assert set(notes["Severity"]) == {"info"}
    assert "total row" in notes["Message"].iloc[0]
    assert at.button(key="data_publish") is not None


def test_indicators_page_says_when_places_are_summed(monkeypatch):
    monkeypatch.setattr(chart_frames, "MAX_CHART_PLACES", 3)
    at = run("pages/indicators.py", indicator="comm_groups", lang="en")
    assert not at.exception, [e.message for e in at.exception]
    assert any("too many to draw one by one" in c.value for c in at.caption)
    assert len(categories(plotly_specs(at)[0])) <= 3


FILTERS = [dict(province=None, year=None, content=None, indicator=None),
           dict(province="94", year=None, content=None, indicator=None),
           dict(province="94", year=2023, content=1, indicator=None),
           dict(province=None, year=2023, content=None, indicator="comm_groups")]


@pytest.mark.parametrize("filters_", FILTERS)
@pytest.mark.parametrize("level", [None, "national", "province"])
def test_cached_attainment_equals_the_direct_one(monkeypatch, filters_, level):
    monkeypatch.delenv(data.FIGURES_ENV, raising=False)
    shipped = catalogue.figures()
    shown = metrics.filter_figures(shipped, province=filters_["province"], year=filters_["year"],
                                   content_area=filters_["content"],
                                   indicator=filters_["indicator"],
                                   catalogue=catalogue.indicators())
    # One level's targets, with the results of the units below rolled up to them.
    expected = targets.attainment(shown, catalogue.indicators(), level=level)
    cached = views.attainment(**filters_, level=level)
    assert len(cached) == len(expected)
    pd.testing.assert_frame_equal(cached.reset_index(drop=True).astype(str),
                                  expected.reset_index(drop=True).astype(str))


@pytest.mark.parametrize("filters_", FILTERS)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_kept_figures_table_is_the_filters_figures_named(monkeypatch, filters_, lang):
    monkeypatch.delenv(data.FIGURES_ENV, raising=False)
    shown = metrics.filter_figures(catalogue.figures(), province=filters_["province"],
                                   year=filters_["year"], content_area=filters_["content"],
                                   indicator=filters_["indicator"],
                                   catalogue=catalogue.indicators())
    kept = views.figures_shown(lang, **filters_)
    assert views.figures_shown(lang, **filters_) is kept  # named once per filters
    assert len(kept) == len(shown) > 0
    named = tables.figure_table(shown, catalogue.indicators(), lang)
    # The places and values the table shows are those of the filters' figures, in order.
    place, value = t("unit_name", lang), t("value", lang)
    assert list(kept[place]) == list(named[place])
    assert [str(v) for v in kept[value]] == [i18n.fmt_number(v, lang) for v in named[value]]


@pytest.mark.parametrize("page, params", [
    ("pages/overview.py", {}), ("pages/province.py", {"province": "38"}),
    ("pages/indicators.py", {}), ("pages/indicators.py", {"indicator": "comm_groups"}),
    ("pages/sources.py", {}), ("pages/data.py", {}), ("pages/history.py", {})])
def test_a_rerun_writes_no_table_html_again(monkeypatch, page, params):
    # A page's HTML tables are kept per shared frame (app.widgets._table_html); a frame
    # handed out anew on each rerun (a copy) writes its table again every time.
    at = run(page, lang="en", **params)
    written = []
    real = display.table_html
    monkeypatch.setattr(display, "table_html",
                        lambda frame, name, *args, **kwargs:
                        written.append(name) or real(frame, name, *args, **kwargs))
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert written == []


def test_the_shared_figures_hold_text_as_categoricals(monkeypatch):
    monkeypatch.delenv(data.FIGURES_ENV, raising=False)
    held = data.figures()
    assert isinstance(held["province_code"].dtype, pd.CategoricalDtype)
    assert pd.api.types.is_float_dtype(held["value"])
    pd.testing.assert_frame_equal(held.astype(str), catalogue.figures().astype(str))


@pytest.mark.parametrize(("lang", "unit"), [("vi", "tổ"), ("en", "groups")])
def test_province_chart_has_a_panel_per_unit_written_in_the_language(lang, unit):
    at = run("pages/province.py", province="94", lang=lang)
    spec = plotly_specs(at)[0]
    axes = [k for k in spec["layout"] if k.startswith("xaxis")]
    percent = [tr for tr in spec["data"] if any("%" in str(x) for x in tr.get("text") or [])]
    counts = [tr for tr in spec["data"] if any(f" {unit}" in str(x)
                                               for x in tr.get("text") or [])]
    assert len(axes) >= 2 and percent and counts
    assert {tr.get("xaxis", "x") for tr in percent}.isdisjoint(
        {tr.get("xaxis", "x") for tr in counts})


def test_indicators_chart_writes_the_unit_in_vietnamese():
    at = run("pages/indicators.py", indicator="comm_groups", lang="vi")
    text = " ".join(str(x) for tr in plotly_specs(at)[0]["data"] for x in tr.get("text") or [])
    assert " tổ" in text and "groups" not in text


def test_province_without_province_level_figures_says_so_instead_of_an_empty_chart(
        monkeypatch):
    monkeypatch.setattr(chart_frames, "target_actual_frame",
                        lambda *args, **kwargs: pd.DataFrame())
    at = run("pages/province.py", province="94", lang="en")
    assert not plotly_specs(at)
    assert any("No province-level figures to chart" in i.value for i in at.info)


# Each tab of the province profile and a column only its table has.
PROVINCE_TABS = [("targets_results", "measure"), ("attainment", "status"),
                 ("coverage_rows", "role"), ("sources_quotes", "title")]


@pytest.mark.parametrize(("tab", "column"), PROVINCE_TABS)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_province_tabs_run_only_the_open_one(tab, column, lang):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(province="94", lang=lang)
    at.switch_page("pages/province.py")
    at.session_state["province_tab"] = t(tab, lang)
    at.run()
    assert not at.exception
    assert [tab_.label for tab_ in at.tabs] == [t(name, lang) for name, _ in PROVINCE_TABS]
    columns = {c for frame in shown_tables(at) for c in frame.columns}
    for other, other_column in PROVINCE_TABS:
        assert (t(other_column, lang) in columns) == (other == tab), other
