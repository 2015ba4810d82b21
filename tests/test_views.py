"""Page tables built from tiny hand-made frames and the shipped catalogue."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from p8lib import views
from p8lib.importer import ImportOptions, import_report
from p8lib.schema import FIGURE_COLUMNS


def figures(rows):
    base = {c: None for c in FIGURE_COLUMNS}
    return pd.DataFrame([{**base, **r} for r in rows], columns=FIGURE_COLUMNS)


ROWS = [
    {"level": "national", "indicator_id": "comm_groups", "measure": "target",
     "period_start": 2021, "period_end": 2025, "value": 9000.0, "unit": "groups",
     "source_id": "s1"},
    {"province_code": "94", "level": "province", "indicator_id": "comm_groups",
     "measure": "actual", "period_start": 2023, "period_end": 2023, "value": 60.0,
     "unit": "groups", "source_id": "s2", "quote": "60 groups"},
    {"province_code": "94", "district_code": "949", "level": "district",
     "indicator_id": "budget_total", "measure": "actual", "period_start": 2022,
     "period_end": 2024, "value": 1.5, "unit": "VND billion", "source_id": "s2"},
]


@pytest.mark.parametrize(("params", "expected"), [
    ({}, {"province": None, "year": None, "content": None, "indicator": None, "lang": "vi",
          "present": False}),
    ({"province": "94", "year": "2023", "content": "2", "indicator": "comm_groups",
      "lang": "en", "present": "1"},
     {"province": "94", "year": 2023, "content": 2, "indicator": "comm_groups", "lang": "en",
      "present": True}),
    ({"province": "4", "year": "abc", "content": "5", "indicator": "x", "lang": "fr"},
     {"province": "04", "year": None, "content": None, "indicator": None, "lang": "vi",
      "present": False}),
    ({"province": ["10", "94"]}, {"province": "94"}),
])
def test_parse_filters(params, expected):
    got = views.parse_filters(params, provinces={"04", "10", "94"}, years={2023},
                              indicators={"comm_groups"})
    assert {k: got[k] for k in expected} == expected


def test_filters_round_trip_through_the_url():
    filters = {"province": "94", "year": 2023, "content": None, "indicator": "comm_groups",
               "lang": "en", "present": True}
    params = views.filters_to_params(filters)
    assert params == {"province": "94", "year": "2023", "indicator": "comm_groups",
                      "lang": "en", "present": "1"}
    back = views.parse_filters(params, provinces={"94"}, years={2023},
                               indicators={"comm_groups"})
    assert back == filters
    assert views.filters_to_params({"lang": "vi", "present": False}) == {}


def test_year_options_span_periods():
    assert views.year_options(figures(ROWS)) == [2021, 2022, 2023, 2024, 2025]


def test_place_names_use_the_lowest_unit(indicator_catalogue):
    names = views.place_names(figures(ROWS), "vi")
    assert list(names) == ["Toàn quốc", "Tỉnh Sóc Trăng", "Huyện Thạnh Trị"]
    assert views.place_names(figures(ROWS), "en")[0] == "National"


def test_figure_table_localises_names_and_keeps_numbers(indicator_catalogue):
    table = views.figure_table(figures(ROWS), indicator_catalogue, "en")
    assert table["Indicator"][0] == "Community communication groups"
    assert table["Period"].tolist() == ["2021–2025", "2023", "2022–2024"]
    assert table["Value"].dtype == float
    vi = views.figure_table(figures(ROWS), indicator_catalogue, "vi")
    assert vi["Đơn vị tính"][0] == "tổ"


def test_reported_where_counts_figures_per_content_area(indicator_catalogue):
    table = views.reported_where(figures(ROWS), indicator_catalogue, "en")
    assert table.columns[:2].tolist() == ["Place", "Level"]
    row = table.set_index("Place").loc["Soc Trang"]
    assert row["Content area 1"] == 1
    assert table.set_index("Place").loc["Thanh Tri", "Finance and cross-cutting"] == 1


def test_attainment_table_shows_status_words_not_zero(indicator_catalogue):
    from p8lib import metrics
    attain = metrics.attainment(figures(ROWS), indicator_catalogue)
    table = views.attainment_table(attain, indicator_catalogue, "en")
    shown = views.display_frame(table, "en", percent=("Attainment (%)",))
    assert "no result reported" in set(table["Status"])
    assert set(shown["Attainment (%)"]) == {"–"}


def test_display_frame_formats_numbers_per_language():
    frame = pd.DataFrame({"a": [10393.0, None], "b": ["x", "y"]})
    assert views.display_frame(frame, "vi")["a"].tolist() == ["10.393", "–"]
    assert views.display_frame(frame, "en")["a"].tolist() == ["10,393", "–"]
    assert frame["a"][0] == 10393.0  # the raw frame is untouched


def test_headline_orders_the_four_core_indicators():
    from p8lib import catalogue, metrics
    attain = metrics.attainment(catalogue.figures(), catalogue.indicators())
    head = views.headline(attain)
    assert head["indicator_id"].tolist() == list(views.HEADLINE_INDICATORS)
    tiles = views.headline_metrics(attain, catalogue.indicators(), "en")
    assert tiles[0][1] == "10,393" and tiles[0][2].startswith("115.5 %")


def test_pilot_provinces_both_vintages():
    from p8lib import catalogue
    cov = catalogue.coverage()
    table = views.pilot_provinces(cov, "en")
    assert len(table) == 8 and "Lai Chau" in set(table["Name"])
    assert len(views.pilot_codes(cov, "2021")) == 8
    assert set(views.pilot_codes(cov, "2025")) <= set(
        __import__("p8lib.units", fromlist=["x"]).provinces("2025")["province_code"])


def test_figures_per_province_rolls_up_to_2025():
    frame = figures([{**ROWS[1], "province_code": "10"}, {**ROWS[1], "province_code": "15"},
                     ROWS[0]])
    assert views.figures_per_province(frame, "2021").to_dict() == {"10": 1.0, "15": 1.0}
    assert views.figures_per_province(frame, "2025").to_dict() == {"15": 2.0}  # → new Lào Cai


def test_merge_figures_keeps_shipped_and_adds_uploaded_once():
    shipped = figures(ROWS[:1])
    uploaded = figures(ROWS[:2])
    merged = views.merge_figures(shipped, uploaded)
    assert len(merged) == 2
    assert views.merge_figures(shipped, None) is shipped


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_templates_are_read_back_by_the_importer(indicator_catalogue, lang):
    long = views.template_long()
    assert long.columns.tolist() == FIGURE_COLUMNS
    result = import_report("template.csv", data=long.to_csv(index=False).encode())
    assert result.ok, result.problems
    assert result.tidy()["indicator_id"].tolist() == ["comm_groups"]
    wide = views.template_wide(indicator_catalogue, lang)
    filled = pd.concat([wide, pd.DataFrame([{wide.columns[0]: 1, wide.columns[1]: "Sóc Trăng",
                                             wide.columns[4]: 2024, wide.columns[5]: 3}])])
    buffer = io.StringIO()
    filled.to_csv(buffer, index=False)
    result = import_report("wide.csv", ImportOptions(source_id="t"),
                           data=buffer.getvalue().encode())
    assert result.ok, [str(p) for p in result.problems]
    assert result.tidy()["value"].tolist() == [3.0]


def test_problems_table_puts_location_first():
    from p8lib.problems import Problem, problems_frame
    frame = problems_frame([Problem("bad", file="f.csv", row=3, column="Tỉnh", value="x")])
    table = views.problems_table(frame, "en")
    assert table.columns.tolist()[:5] == ["Severity", "File", "Sheet", "Row", "Column"]
    assert table["Row"].tolist() == [3]
