"""Figures shaped for the charts: one indicator across places, a province's targets and
results, and as many rows as fit a slide."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from p8lib.analysis import targets
from p8lib.present import chart_frames
from tests.frames import ROWS, figures
from tests.present.rows import COMMUNES, PROVINCE_ROW, as_categorical, commune_rows


@pytest.mark.parametrize(("indicator", "lang", "places", "measures"), [
    ("comm_groups", "vi", ["Toàn quốc", "Tỉnh Sóc Trăng"], ["kế hoạch", "thực hiện"]),
    ("comm_groups", "en", ["National", "Sóc Trăng"], ["target", "result"]),
    ("budget_total", "en", ["Thạnh Trị District"], ["result"]),
    ("not_there", "en", [], []),
])
def test_indicator_across(indicator, lang, places, measures):
    frame = chart_frames.indicator_across(figures(ROWS), indicator, lang)
    assert frame.columns.tolist() == ["place", "level", "period", "measure", "value", "unit"]
    assert frame["place"].tolist() == places
    assert frame["measure"].tolist() == measures
    assert frame.attrs["note"] == ""


@pytest.mark.parametrize(("second_value", "bars"), [(9000.0, [9000.0]),
                                                   (8000.0, [9000.0, 8000.0])])
def test_one_figure_cited_by_two_sources_is_one_bar(second_value, bars):
    # the phase plan and the review both give the national target of 9,000 groups
    national = ROWS[0]
    rows = [national, {**national, "source_id": "s2", "value": second_value}]
    frame = chart_frames.indicator_across(figures(rows), "comm_groups", "en")
    assert frame["value"].tolist() == bars  # figures that differ are both drawn


def test_a_commune_cited_twice_is_summed_once(indicator_catalogue):
    rows = commune_rows(COMMUNES)
    frame = figures([PROVINCE_ROW, *rows, {**rows[0], "source_id": "another"}])
    across = chart_frames.indicator_across(frame, "comm_groups", "en", indicator_catalogue,
                                           max_places=2)
    assert across["value"].tolist() == [60.0, 10.0]


@pytest.mark.parametrize(("max_places", "lang", "places", "values", "note"), [
    # few enough places: one row of bars each
    (10, "en", ["Sóc Trăng", "Phú Lộc Township", "Hưng Lợi Township", "Lâm Tân Commune",
                "Ward 5", "Ward 7"],
     [60.0, 2.0, 2.0, 2.0, 2.0, 2.0], ""),
    # too many: communes summed per district, the province's own figure kept apart
    (3, "en", ["Sóc Trăng", "Sóc Trăng City (2 communes summed)",
               "Thạnh Trị District (3 communes summed)"],
     [60.0, 4.0, 6.0], "summed per district or province"),
    # still too many: summed per province
    (2, "vi", ["Tỉnh Sóc Trăng", "Tỉnh Sóc Trăng (cộng 5 xã)"], [60.0, 10.0],
     "cộng theo huyện hoặc tỉnh"),
])
def test_indicator_across_sums_lower_units_past_max_places(indicator_catalogue, max_places,
                                                           lang, places, values, note):
    frame = figures([PROVINCE_ROW, *commune_rows(COMMUNES)])
    across = chart_frames.indicator_across(frame, "comm_groups", lang, indicator_catalogue,
                                     max_places=max_places)
    assert across["place"].tolist() == places
    assert across["value"].tolist() == values
    assert note in across.attrs["note"]
    assert across["place"].nunique() <= max_places


@pytest.mark.parametrize("categorical", [False, True])
def test_indicator_across_cuts_what_cannot_be_added(indicator_catalogue, categorical):
    # a share: summing communes would be wrong, so the chart gets the first places only
    rows = commune_rows(COMMUNES, indicator="em_women_safe_motherhood_pct", value=50.0)
    frame = figures([{**PROVINCE_ROW, "indicator_id": "em_women_safe_motherhood_pct"}, *rows])
    if categorical:
        frame = as_categorical(frame)
    across = chart_frames.indicator_across(frame, "em_women_safe_motherhood_pct", "en",
                                     indicator_catalogue, max_places=3)
    assert across["place"].tolist() == ["Sóc Trăng", "Phú Lộc Township", "Hưng Lợi Township"]
    assert across["value"].tolist() == [60.0, 50.0, 50.0]
    assert "cannot be added up" in across.attrs["note"]
    assert "first 3 places" in across.attrs["note"]


def test_target_actual_frame_keeps_province_rows_sorted_by_area(indicator_catalogue):
    rows = [{**ROWS[1], "indicator_id": "budget_total"},  # cross-cutting: last
            {**ROWS[1], "indicator_id": "trusted_addresses"},  # area 2
            {**ROWS[1], "measure": "target", "period_start": 2021, "period_end": 2025},
            ROWS[0], ROWS[2]]  # national and district rows are left out
    frame = chart_frames.target_actual_frame(figures(rows), indicator_catalogue, "en")
    assert frame["label"].tolist() == ["Community communication groups",
                                       "Trusted addresses in the community",
                                       "Project 8 budget allocated"]
    assert frame["measure"].tolist() == ["target", "actual", "actual"]
    assert frame["period"].tolist() == ["2021–2025", "2023", "2023"]




def bars_of(rows: pd.DataFrame) -> go.Figure:
    """A stand-in chart 100 px tall per row of bars."""
    return go.Figure(layout={"height": 100 * rows["label"].nunique()})


@pytest.mark.parametrize(("max_height", "shown"), [(None, 5), (1000, 5), (500, 5), (499, 4),
                                                   (250, 2), (50, 1)])
def test_fit_height_keeps_the_first_rows_that_fit(max_height, shown):
    frame = pd.DataFrame({"label": list("aabcde"), "value": range(6)})
    fig, drawn, total = chart_frames.fit_height(frame, "label", bars_of, max_height)
    assert (drawn, total) == (shown, 5)
    assert fig.layout.height == 100 * shown  # the first rows, at least one


def test_attainment_frame_keeps_targets_of_one_level_by_area(indicator_catalogue):
    rows = [{**ROWS[1], "measure": "target", "period_start": 2021, "period_end": 2025,
             "value": 118.0},  # Sóc Trăng's target of its 2023 result (ROWS[1])
            {**ROWS[1], "indicator_id": "trusted_addresses", "measure": "target",
             "period_start": 2021, "period_end": 2025, "unit": "addresses", "value": 14.0},
            ROWS[1], ROWS[0]]  # a result without its own target; the national target
    attain = targets.attainment(figures(rows), indicator_catalogue)
    frame = chart_frames.attainment_frame(attain, indicator_catalogue, "vi")
    assert frame["label"].tolist() == ["Tổ truyền thông cộng đồng",
                                       "Địa chỉ tin cậy tại cộng đồng"]
    assert frame["unit"].tolist() == ["tổ", "địa chỉ"]
    assert frame["target"].tolist() == [118.0, 14.0]
    assert frame["actual"].tolist()[0] == 60.0
    assert frame["status"].tolist()[1] == "chưa có kết quả"
    national = chart_frames.attainment_frame(attain, indicator_catalogue, "en", "national")
    assert national["label"].tolist() == ["Community communication groups"]
