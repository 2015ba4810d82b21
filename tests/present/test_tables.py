"""The tables the pages show, built from tiny hand-made frames and the shipped catalogue."""

from __future__ import annotations

import pandas as pd
import pytest

from p8lib.analysis import metrics
from p8lib.contract.i18n import t
from p8lib.ingest.problems import Problem, problems_frame
from p8lib.present import labels, tables
from tests.frames import ROWS, figures


@pytest.mark.parametrize(("lang", "column", "expected"), [
    ("en", "Place", ["National", "Soc Trang", "Thanh Tri"]),
    ("en", "Indicator", ["Community communication groups"] * 2 + ["Project 8 budget"]),
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
    attain = metrics.attainment(figures(ROWS), indicator_catalogue)
    table = tables.attainment_table(attain, indicator_catalogue, "en")
    assert table["Status"].tolist() == ["no result reported", "no target", "no target"]
    assert table["Attainment (%)"].isna().all()
    assert table["Target"].tolist()[0] == 9000.0


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_attainment_table_puts_the_attainment_before_the_numbers_behind_it(
        indicator_catalogue, lang):
    attain = metrics.attainment(figures(ROWS), indicator_catalogue)
    table = tables.attainment_table(attain, indicator_catalogue, lang)
    assert list(table.columns) == [t(k, lang) for k in (
        "unit_name", "indicator", "period", "attainment_pct", "status", "target", "actual",
        "unit", "years_reported")]


@pytest.mark.parametrize(("lang", "place", "area", "count"), [
    ("en", "Soc Trang", "Content area 1", 1),
    ("en", "Soc Trang", "Finance and cross-cutting", 0),
    ("en", "Thanh Tri", "Finance and cross-cutting", 1),
    ("vi", "Toàn quốc", "Nội dung 1", 1),
])
def test_reported_where_counts_figures_per_content_area(indicator_catalogue, lang, place, area,
                                                        count):
    table = tables.reported_where(figures(ROWS), indicator_catalogue, lang)
    assert table.set_index(table.columns[0]).loc[place, area] == count


def test_reported_where_orders_places_by_level(indicator_catalogue):
    table = tables.reported_where(figures(ROWS[::-1]), indicator_catalogue, "en")
    assert table.columns[:2].tolist() == ["Place", "Level"]
    assert table["Place"].tolist() == ["National", "Soc Trang", "Thanh Tri"]
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
    (None, ["Soc Trang", "Thanh Tri", "Thai Nguyen"],
     ["pilot province", "implementing district", "pilot province"], [None, 4.0, None]),
    ("94", ["Soc Trang", "Thanh Tri"], ["pilot province", "implementing district"],
     [None, 4.0]),
    ("01", [], [], []),
])
def test_coverage_table(province, places, roles, counts):
    table = tables.coverage_table(COVERAGE, "en", province)
    assert table["Place"].tolist() == places
    assert table["Role"].tolist() == roles
    assert [None if pd.isna(c) else c for c in table["Count"]] == counts


SOURCES = pd.DataFrame({"source_id": ["s1", "s2"], "title": ["T1", "T2"],
                        "publisher": ["VWU", None], "author": ["A", "B"],
                        "date": ["2025-05-01", "2024"], "url": [None, "https://x"],
                        "file": ["sources/a.md", None]})


def test_sources_table_falls_back_on_author_and_file():
    table = tables.sources_table(SOURCES, "en")
    assert table["Publisher"].tolist() == ["VWU", "B"]
    assert table["Link / file"].tolist() == ["sources/a.md", "https://x"]


def test_sources_used_lists_each_quote_once():
    used = tables.sources_used(figures(ROWS), COVERAGE, SOURCES, "en")
    pairs = set(zip(used["Source"], used["Quote"], strict=True))
    assert pairs == {("s2", "60 groups"), ("s1", "q1"), ("s2", "q2")}
    assert len(used) == 3
    assert set(used["Title"]) == {"T1", "T2"}


@pytest.mark.parametrize(("lang", "first", "code", "meaning"), [
    ("en", "whole period reported", "Status code", "Meaning"),
    ("vi", "đủ giai đoạn", "Mã tình trạng", "Ý nghĩa"),
])
def test_status_table_explains_every_status(lang, first, code, meaning):
    table = tables.status_table(lang)
    assert table[code].tolist() == list(metrics.STATUSES)
    assert table.iloc[0, 0] == first
    assert table[meaning].notna().all() and table[meaning].str.len().min() > 10
    if lang == "vi":  # no English left in the Vietnamese table
        assert not set(table[meaning]) & set(metrics.STATUSES.values())


def test_catalogue_table_groups_by_area_cross_cutting_last(indicator_catalogue):
    table = tables.catalogue_table(indicator_catalogue, "en")
    assert len(table) == len(indicator_catalogue)
    assert table["Content area"].iloc[0] == "Content area 1"
    assert table["Content area"].iloc[-1] == "Finance and cross-cutting"
    areas = table["Content area"].tolist()
    assert areas == sorted(areas, key=lambda a: (a.startswith("Finance"), a))


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


@pytest.mark.parametrize(("indicator", "lang", "places", "measures"), [
    ("comm_groups", "vi", ["Toàn quốc", "Tỉnh Sóc Trăng"], ["kế hoạch", "thực hiện"]),
    ("comm_groups", "en", ["National", "Soc Trang"], ["target", "result"]),
    ("budget_total", "en", ["Thanh Tri"], ["result"]),
    ("not_there", "en", [], []),
])
def test_indicator_across(indicator, lang, places, measures):
    frame = tables.indicator_across(figures(ROWS), indicator, lang)
    assert frame.columns.tolist() == ["place", "level", "period", "measure", "value", "unit"]
    assert frame["place"].tolist() == places
    assert frame["measure"].tolist() == measures
    assert frame.attrs["note"] == ""


def commune_rows(communes: dict[str, str], indicator: str = "comm_groups",
                 value: float = 2.0) -> list[dict]:
    """A yearly 2023 result of ``indicator`` for each commune code → its district code (94)."""
    return [{"province_code": "94", "district_code": district, "commune_code": commune,
             "level": "commune", "indicator_id": indicator, "measure": "actual",
             "period_start": 2023, "period_end": 2023, "value": value, "unit": "groups",
             "source_id": "s"} for commune, district in communes.items()]


# Three communes of Thạnh Trị (949), two of Sóc Trăng city (941).
COMMUNES = {"31756": "949", "31757": "949", "31759": "949", "31498": "941", "31501": "941"}
PROVINCE_ROW = {**ROWS[1], "period_start": 2023, "period_end": 2023, "value": 60.0}


@pytest.mark.parametrize(("max_places", "lang", "places", "values", "note"), [
    # few enough places: one row of bars each
    (10, "en", ["Soc Trang", "Phu Loc", "Hung Loi", "Lam Tan", "Phuong 5", "Phuong 7"],
     [60.0, 2.0, 2.0, 2.0, 2.0, 2.0], ""),
    # too many: communes summed per district, the province's own figure kept apart
    (3, "en", ["Soc Trang", "Soc Trang (2 communes summed)", "Thanh Tri (3 communes summed)"],
     [60.0, 4.0, 6.0], "summed per district or province"),
    # still too many: summed per province
    (2, "vi", ["Tỉnh Sóc Trăng", "Tỉnh Sóc Trăng (cộng 5 xã)"], [60.0, 10.0],
     "cộng theo huyện hoặc tỉnh"),
])
def test_indicator_across_sums_lower_units_past_max_places(indicator_catalogue, max_places,
                                                           lang, places, values, note):
    frame = figures([PROVINCE_ROW, *commune_rows(COMMUNES)])
    across = tables.indicator_across(frame, "comm_groups", lang, indicator_catalogue,
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
    across = tables.indicator_across(frame, "em_women_safe_motherhood_pct", "en",
                                     indicator_catalogue, max_places=3)
    assert across["place"].tolist() == ["Soc Trang", "Phu Loc", "Hung Loi"]
    assert across["value"].tolist() == [60.0, 50.0, 50.0]
    assert "cannot be added up" in across.attrs["note"]
    assert "first 3 places" in across.attrs["note"]


def as_categorical(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its text columns as categoricals, as the app holds its figures."""
    text = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    return frame.astype(dict.fromkeys(text, "category"))


CATEGORICAL_CASES = {
    "figure_table": lambda f, cat, lang: tables.figure_table(f, cat, lang),
    "attainment_table": lambda f, cat, lang: tables.attainment_table(
        metrics.attainment(f, cat), cat, lang),
    "reported_where": lambda f, cat, lang: tables.reported_where(f, cat, lang),
    "indicator_across": lambda f, cat, lang: tables.indicator_across(
        f, "comm_groups", lang, cat, max_places=3),
    "target_actual_frame": lambda f, cat, lang: tables.target_actual_frame(f, cat, lang),
    "sources_used": lambda f, cat, lang: tables.sources_used(f, COVERAGE, SOURCES, lang),
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
    assert table["Place"].tolist() == ["Phuong 1", "Phuong 1"]
    assert table["Content area 1"].tolist() == [1, 1]


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


def test_target_actual_frame_keeps_province_rows_sorted_by_area(indicator_catalogue):
    rows = [{**ROWS[1], "indicator_id": "budget_total"},  # cross-cutting: last
            {**ROWS[1], "indicator_id": "trusted_addresses"},  # area 2
            {**ROWS[1], "measure": "target", "period_start": 2021, "period_end": 2025},
            ROWS[0], ROWS[2]]  # national and district rows are left out
    frame = tables.target_actual_frame(figures(rows), indicator_catalogue, "en")
    assert frame["label"].tolist() == ["Community communication groups",
                                       "Trusted addresses in the community",
                                       "Project 8 budget"]
    assert frame["measure"].tolist() == ["target", "actual", "actual"]
    assert frame["period"].tolist() == ["2021–2025", "2023", "2023"]


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
