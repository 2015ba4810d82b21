"""The tables the pages show, built from tiny hand-made frames and the shipped catalogue."""

from __future__ import annotations

import pandas as pd
import pytest

from p8lib.analysis import targets
from p8lib.contract.i18n import t
from p8lib.ingest.problems import Problem, problems_frame
from p8lib.present import chart_frames, citations, columns, labels, tables
from tests.frames import ROWS, figures
from tests.present.rows import COMMUNES, PROVINCE_ROW, as_categorical, commune_rows


@pytest.mark.parametrize(("lang", "column", "expected"), [
    ("en", "Place", ["National", "Sóc Trăng", "Thạnh Trị District"]),
    ("en", "Indicator", ["Community communication groups"] * 2 + ["Project 8 budget allocated"]),
    ("en", "Measure", ["target", "result", "result"]),
    ("en", "Period", ["2021–2025", "2023", "2022–2024"]),
    ("en", "Unit", ["groups", "groups", "VND billion"]),
    ("vi", "Đơn vị tính", ["tổ", "tổ", "tỷ đồng"]),
    ("vi", "Loại số liệu", ["kế hoạch", "thực hiện", "thực hiện"]),
    ("vi", "Giai đoạn", ["2021–2025", "2023", "2022–2024"]),
])
def test_figure_table_localises_names(indicator_catalogue, lang, column, expected):
    table = tables.figure_table(figures(ROWS), indicator_catalogue, lang)
    assert table[column].tolist() == expected


def test_figure_table_keeps_numbers_and_falls_back_on_the_figures_unit(indicator_catalogue):
    frame = figures([*ROWS, {**ROWS[1], "indicator_id": "made_up", "unit": "kites"}])
    table = tables.figure_table(frame.set_index(pd.Index([5, 6, 7, 8])), indicator_catalogue,
                                "en")
    assert table["Value"].tolist() == [9000.0, 60.0, 1.5, 60.0]
    assert table["Value"].dtype == float
    assert table.loc[3, ["Indicator", "Unit"]].tolist() == ["made_up", "kites"]
    assert table.index.tolist() == [0, 1, 2, 3]


def test_attainment_table_shows_status_words_not_zero(indicator_catalogue):
    attain = targets.attainment(figures(ROWS), indicator_catalogue)
    table = tables.attainment_table(attain, indicator_catalogue, "en")
    # The national target has Sóc Trăng's 2023 result rolled up to it: some years only.
    assert table["Status"].tolist() == ["only some years reported", "no target", "no target"]
    assert table["Attainment (%)"].iloc[0] == pytest.approx(100 * 60 / 9000)
    assert table["Attainment (%)"].iloc[1:].isna().all()
    assert table["Target"].tolist()[0] == 9000.0


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_attainment_table_puts_the_attainment_before_the_numbers_behind_it(
        indicator_catalogue, lang):
    attain = targets.attainment(figures(ROWS), indicator_catalogue)
    table = tables.attainment_table(attain, indicator_catalogue, lang)
    assert list(columns.for_screen(table).columns) == [t(k, lang) for k in (
        "unit_name", "indicator", "period", "attainment_pct", "status", "target", "actual",
        "unit", "years_reported")]
    assert list(table.columns[9:]) == ["province_code", "district_code", "commune_code",
                                       "level", "indicator_id", "status", "period_start",
                                       "period_end", "unit"]


# The codes and ids each people's table carries after its own columns, and their values for
# the rows of tests.frames.ROWS (national target, Sóc Trăng result, Thạnh Trị budget).
IDS = {
    "figure_table": (lambda cat, lang: tables.figure_table(figures(ROWS), cat, lang),
                     ["province_code", "district_code", "commune_code", "level",
                      "indicator_id", "measure", "period_start", "period_end", "unit"]),
    "attainment_table": (lambda cat, lang: tables.attainment_table(
        targets.attainment(figures(ROWS), cat), cat, lang),
        ["province_code", "district_code", "commune_code", "level", "indicator_id", "status",
         "period_start", "period_end", "unit"]),
    "reported_where": (lambda cat, lang: tables.reported_where(figures(ROWS), cat, lang),
                       ["province_code", "district_code", "commune_code", "level"]),
    "coverage_table": (lambda cat, lang: tables.coverage_table(COVERAGE, lang),
                       ["province_code", "district_code", "commune_code", "level", "role",
                        "count_of", "period_start", "period_end"]),
    "catalogue_table": (lambda cat, lang: tables.catalogue_table(cat, lang), ["content_area"]),
}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("case", list(IDS))
def test_a_tables_codes_and_ids_follow_its_own_columns(indicator_catalogue, case, lang):
    build, ids = IDS[case]
    table = build(indicator_catalogue, lang)
    assert list(table.columns[-len(ids):]) == ids
    shown = columns.for_screen(table)
    assert list(shown.columns) == list(table.columns[:-len(ids)])
    assert not set(shown.columns) & set(columns.ID_COLUMNS)  # headed in the language


def test_the_ids_of_a_figure_table_are_those_of_its_rows(indicator_catalogue):
    table = tables.figure_table(figures(ROWS), indicator_catalogue, "en")
    assert table["Place"].tolist() == ["National", "Sóc Trăng", "Thạnh Trị District"]
    assert table["province_code"].tolist()[1:] == ["94", "94"]
    assert table["district_code"].tolist()[2] == "949"
    assert table["measure"].tolist() == ["target", "actual", "actual"]
    assert table["Measure"].tolist() == ["target", "result", "result"]
    assert table["period_start"].tolist() == [2021, 2023, 2022]


def test_reported_where_keeps_each_rows_codes_with_it_when_sorting(indicator_catalogue):
    table = tables.reported_where(figures(ROWS[::-1]), indicator_catalogue, "vi")
    assert table["Địa bàn"].tolist() == ["Toàn quốc", "Tỉnh Sóc Trăng", "Huyện Thạnh Trị"]
    assert table["Cấp"].tolist() == ["toàn quốc", "tỉnh", "huyện"]
    assert table["level"].tolist() == ["national", "province", "district"]
    assert [None if pd.isna(c) else c for c in table["district_code"]] == [None, None, "949"]


@pytest.mark.parametrize(("lang", "roles", "counted"), [
    ("vi", ["tỉnh chỉ đạo điểm", "huyện triển khai", "tỉnh chỉ đạo điểm"], ["", "xã", ""]),
    ("en", ["pilot province", "implementing district", "pilot province"],
     ["", "communes", ""]),
])
def test_coverage_table_words_roles_and_counts_in_the_language(lang, roles, counted):
    table = tables.coverage_table(COVERAGE.assign(count_of=[None, "commune", None]), lang)
    assert table[t("role", lang)].tolist() == roles
    assert table[t("count_of", lang)].tolist() == counted
    assert table["role"].tolist() == ["pilot_province", "implementing_district",
                                      "pilot_province"]


@pytest.mark.parametrize(("lang", "place", "area", "count"), [
    ("en", "Sóc Trăng", "1. Communication", 1),
    ("en", "Sóc Trăng", "Management, general", 0),
    ("en", "Thạnh Trị District", "Management, general", 1),
    ("vi", "Toàn quốc", "1. Truyền thông", 1),
])
def test_reported_where_counts_figures_per_content_area(indicator_catalogue, lang, place, area,
                                                        count):
    table = tables.reported_where(figures(ROWS), indicator_catalogue, lang)
    assert table.set_index(table.columns[0]).loc[place, area] == count


def test_reported_where_orders_places_by_level(indicator_catalogue):
    table = tables.reported_where(figures(ROWS[::-1]), indicator_catalogue, "en")
    assert table.columns[:2].tolist() == ["Place", "Level"]
    assert table["Place"].tolist() == ["National", "Sóc Trăng", "Thạnh Trị District"]
    empty = tables.reported_where(figures([]), indicator_catalogue, "en")
    assert empty.empty and empty.columns.tolist() == ["Place", "Level"]


COVERAGE = pd.DataFrame({
    "province_code": ["94", "94", "19"], "district_code": [None, "949", None],
    "commune_code": [None, None, None], "level": ["province", "district", "province"],
    "role": ["pilot_province", "implementing_district", "pilot_province"],
    "group": ["plan", "plan", "plan"], "period_start": [2022, 2021, 2022],
    "period_end": [2025, 2025, 2022], "count": pd.array([None, 4, None], dtype="Int64"),
    "count_of": [None, "communes", None], "source_id": ["s1", "s2", "s1"],
    "quote": ["q1", "q2", "q1"]})


@pytest.mark.parametrize(("province", "places", "roles", "counts"), [
    (None, ["Sóc Trăng", "Thạnh Trị District", "Thái Nguyên"],
     ["pilot province", "implementing district", "pilot province"], [None, 4.0, None]),
    ("94", ["Sóc Trăng", "Thạnh Trị District"], ["pilot province", "implementing district"],
     [None, 4.0]),
    ("01", [], [], []),
])
def test_coverage_table(province, places, roles, counts):
    table = tables.coverage_table(COVERAGE, "en", province)
    assert table["Place"].tolist() == places
    assert table["Role"].tolist() == roles
    assert [None if pd.isna(c) else c for c in table["Count"]] == counts


@pytest.mark.parametrize(("lang", "first", "code", "meaning"), [
    ("en", "whole period reported", "Status code", "Meaning"),
    ("vi", "đủ giai đoạn", "Mã tình trạng", "Ý nghĩa"),
])
def test_status_table_explains_every_status(lang, first, code, meaning):
    table = tables.status_table(lang)
    assert table[code].tolist() == list(targets.STATUSES)
    assert table.iloc[0, 0] == first
    assert table[meaning].notna().all() and table[meaning].str.len().min() > 10
    if lang == "vi":  # no English left in the Vietnamese table
        assert not set(table[meaning]) & set(targets.STATUSES.values())


def test_catalogue_table_groups_by_area_cross_cutting_last(indicator_catalogue):
    table = tables.catalogue_table(indicator_catalogue, "en")
    assert len(table) == len(indicator_catalogue)
    assert table["Content area"].iloc[0] == "1. Communication"
    assert table["Content area"].iloc[-1] == "Management, general"
    assert table["content_area"].iloc[0] == 1  # the area's number, after the table's columns
    areas = table["Content area"].tolist()
    assert areas == sorted(areas, key=lambda a: (a.startswith("Programme management"), a))


@pytest.mark.parametrize(("lang", "heads"), [
    ("en", ["Severity", "File", "Sheet", "Row", "Column"]),
])
def test_problems_table_puts_location_first(lang, heads):
    frame = problems_frame([Problem("not_a_number", file="f.csv", row=3, column="Tỉnh",
                                    value="x")])
    table = tables.problems_table(frame, lang)
    assert table.columns.tolist()[:5] == heads
    assert table["Row"].tolist() == [3]
    assert [type(r) for r in table["Row"]] == [int]  # 3, not 3.0


SOURCES = pd.DataFrame({"source_id": ["s1", "s2"], "title": ["T1", "T2"],
                        "url": [None, "https://x"]})

CATEGORICAL_CASES = {
    "figure_table": lambda f, cat, lang: tables.figure_table(f, cat, lang),
    "attainment_table": lambda f, cat, lang: tables.attainment_table(
        targets.attainment(f, cat), cat, lang),
    "reported_where": lambda f, cat, lang: tables.reported_where(f, cat, lang),
    "indicator_across": lambda f, cat, lang: chart_frames.indicator_across(
        f, "comm_groups", lang, cat, max_places=3),
    "target_actual_frame": lambda f, cat, lang: chart_frames.target_actual_frame(f, cat, lang),
    "sources_used": lambda f, cat, lang: citations.sources_used(f, COVERAGE, SOURCES, lang),
}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("case", list(CATEGORICAL_CASES))
def test_tables_of_categorical_figures_equal_those_of_plain_ones(indicator_catalogue, case,
                                                                 lang):
    # The rows in another order than the categories': a table sorted by category order
    # instead of by value would differ.
    frame = figures([ROWS[2], *commune_rows(COMMUNES), ROWS[0], PROVINCE_ROW,
                     {**ROWS[1], "indicator_id": "trusted_addresses"}])
    build = CATEGORICAL_CASES[case]
    plain = build(frame, indicator_catalogue, lang)
    categorical = build(as_categorical(frame), indicator_catalogue, lang)
    assert not plain.empty
    pd.testing.assert_frame_equal(categorical, plain)
    assert not any(isinstance(d, pd.CategoricalDtype) for d in categorical.dtypes)


def test_reported_where_keeps_two_communes_of_one_name_apart(indicator_catalogue):
    # Phường 1 of two districts of Phú Yên
    frame = figures(commune_rows({"19333": "461", "19357": "462"}))
    frame["province_code"] = "45"
    table = tables.reported_where(frame, indicator_catalogue, "en")
    assert table["Place"].tolist() == ["Ward 1", "Ward 1"]
    assert table["1. Communication"].tolist() == [1, 1]


def test_place_names_of_a_large_table_equal_those_named_row_by_row(indicator_catalogue):
    frame = figures([*ROWS, *commune_rows(COMMUNES)] * 200)  # past the per-place shortcut
    table = tables.figure_table(as_categorical(frame), indicator_catalogue, "vi")
    expected = labels.place_names(frame, "vi").tolist()
    assert len(frame) >= 1_000
    assert table["Địa bàn"].tolist() == expected


@pytest.mark.parametrize(("severities", "problems", "notes"), [
    (["error", "info", "warning"], ["error", "warning"], ["info"]),
    (["info", "info"], [], ["info", "info"]),
    (["warning"], ["warning"], []),
    ([], [], []),
])
def test_problems_and_notes_keep_info_apart(severities, problems, notes):
    frame = problems_frame([Problem("not_a_number", s, "f.csv", row=i)
                            for i, s in enumerate(severities)])
    found, info = tables.problems_and_notes(frame)
    assert found["severity"].tolist() == problems
    assert info["severity"].tolist() == notes
    assert list(found.columns) == list(info.columns) == list(frame.columns)


@pytest.mark.parametrize(("lang", "severity", "message"), [
    ("vi", "lỗi", "không phải số: chỉ ghi chữ số, ví dụ 1234 hoặc 12,5"),
    ("en", "error", "not a number: write digits only, e.g. 1234 or 12,5")])
def test_problems_table_speaks_the_language_and_leaves_no_row_empty(lang, severity, message):
    frame = problems_frame([Problem("not_a_number", "error", "f.csv", "", 1234, "Xã", "x"),
                            Problem("file_empty", "info", "f.csv")], lang)
    table = tables.problems_table(frame, lang)
    assert table.iloc[0, 0] == severity
    assert table[t("message", lang)].iloc[0] == message
    assert table[t("row", lang)].tolist() == [1234, ""]
