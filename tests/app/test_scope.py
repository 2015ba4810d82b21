"""Every number on a page is of the scope the filters say, and every chart's title names
it (a province or the country, a year or every year): a chart shared on a screen says by
itself what it shows."""

from __future__ import annotations

import pytest

from app import widgets
from tests.app.helpers import (  # noqa: F401 - fixtures
    clear_caches,
    navigation_routing,
    plotly_specs,
    run,
    texts,
)
from tests.app.helpers import tiles as shown_tiles
from tests.present.html_read import read_tables


def tiles(at) -> dict[str, tuple[str, str | None]]:
    return {label: (value, note) for label, value, note in shown_tiles(at)}


def chart_titles(at) -> list[str]:
    return [spec["layout"]["title"]["text"].replace("<br>", " ") for spec in plotly_specs(at)]


def test_overview_of_a_province_and_a_year_shows_that_province_and_year():
    at = run("pages/overview.py", province="94", year="2023", lang="en")
    assert not at.exception
    shown = tiles(at)
    # The reach of a province: its districts, communes and figures, not "provinces".
    assert {"Districts reported", "Communes reported", "Figures reported"} <= set(shown)
    assert "Provinces reported" not in shown
    assert shown["Figures reported"][0] == "24"  # Sóc Trăng: all 24 include 2023
    # Its core tiles: the province's own targets and results.
    value, note = shown["Community communication groups"]
    assert value == "60" and "Target 118 (2021–2025)" in note
    assert chart_titles(at) == ["Attainment by content area (mean of comparable indicators) — "
                                "Sóc Trăng · 2023"]
    headings = [h.value for h in at.main.subheader]
    assert len(headings) == 3 and all(h.endswith("Sóc Trăng · 2023") for h in headings)


def test_national_overview_says_national_and_the_whole_period():
    at = run("pages/overview.py", lang="vi")
    shown = tiles(at)
    assert shown["Tổ truyền thông cộng đồng"][0] == "10.393"
    assert {"Tỉnh được báo cáo", "Huyện được báo cáo", "Xã được báo cáo"} <= set(shown)
    assert chart_titles(at)[0].endswith("— Toàn quốc · 2021–2025")
    assert any("(số số liệu theo nội dung)" in h.value for h in at.subheader)


def test_a_content_area_narrows_the_core_tiles_and_the_reach_says_it_counts_every_area():
    at = run("pages/overview.py", content="2", lang="en")
    core = [label for label in tiles(at) if "reported" not in label]
    assert core == ["Trusted addresses in the community"]  # the headline indicator of area 2
    assert any("(all content areas)" in h.value for h in at.subheader)


def test_the_attainment_chart_names_areas_by_number_and_short_name():
    (spec,) = plotly_specs(run("pages/overview.py", lang="en"))
    assert spec["data"][0]["x"] == ["1. Communication", "2. Models, economy",
                                    "3. Voice, leadership", "4. Officials' skills"]


@pytest.mark.parametrize(("page", "params", "title"), [
    ("pages/province.py", {"province": "94", "lang": "en"},
     "Targets and results — Sóc Trăng · 2021–2025"),
    ("pages/province.py", {"province": "94", "year": "2023", "lang": "vi"},
     "Kế hoạch và kết quả — Sóc Trăng · 2023"),
    ("pages/indicators.py", {"indicator": "comm_groups", "lang": "en"},
     "Community communication groups by place — National · 2021–2025"),
    ("pages/indicators.py", {"indicator": "comm_groups", "province": "10", "lang": "vi"},
     "Tổ truyền thông cộng đồng theo địa bàn — Lào Cai · 2021–2025"),
])
def test_every_chart_title_names_its_place_and_period(page, params, title):
    at = run(page, **params)
    assert not at.exception
    assert chart_titles(at) == [title]


def test_the_indicators_page_picker_sets_the_shared_filter_and_goes():
    at = run("pages/indicators.py", lang="en")
    assert "Choose an indicator in the sidebar or here." in texts(at)
    at.selectbox(key="indicators_pick").set_value("trusted_addresses").run()
    assert not at.exception
    assert at.selectbox(key="indicator").value == "trusted_addresses"
    assert at.query_params["indicator"] in ("trusted_addresses", ["trusted_addresses"])
    assert "Choose an indicator" not in texts(at)  # the note is gone once one is chosen
    assert not [s for s in at.selectbox if s.key == "indicators_pick"]
    assert [h.value for h in at.header] == ["Trusted addresses in the community"]


def _where_table_kind(at) -> tuple[str, int]:
    """The kind of element of the where table, and its rows."""
    found = [(kind, len(d.value)) for kind in ("dataframe", "table")
             for d in getattr(at, kind) if "Place" in d.value.columns]
    found += [("html", len(frame)) for element in at.html
              if element.value.startswith('<div class="p8-table-box p8-table-overview_where"')
              for frame in read_tables(element.value)]
    (one,) = found
    return one


def test_the_where_table_keeps_its_kind_of_element_from_national_to_a_province():
    # National: 46 places; a province: 2 places — one HTML table in both, in the same
    # place: neither a plain table the browser would build instead of updating a grid, nor
    # a grid whose cells follow after a delay.
    national = _where_table_kind(run("pages/overview.py", lang="en"))
    province = _where_table_kind(run("pages/overview.py", lang="en", province="94"))
    assert national[1] > widgets.SMALL_TABLE_ROWS >= province[1]  # the case in question
    assert national[0] == province[0] == "html"
