"""What the coverage map colours per unit (p8lib.maps.map_values), in both vintages, on
hand-built frames. Expected values are written out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from p8lib import units
from p8lib.analysis import metrics, targets
from p8lib.contract import catalogue
from p8lib.contract.schema import FIGURE_COLUMNS
from p8lib.maps import map_values

CATALOGUE = pd.DataFrame({
    "indicator_id": ["groups", "share", "clubs"], "content_area": pd.array([1, 1, 3], "Int64"),
    "name_en": ["Groups", "Share", "Clubs"], "name_vi": ["Tổ", "Tỷ lệ", "Câu lạc bộ"],
    "unit": ["groups", "percent", "clubs"], "unit_vi": ["tổ", "%", "câu lạc bộ"],
    "aggregation": ["sum", "none", "sum"]})


def rows(*items: tuple) -> pd.DataFrame:
    """Figures of (codes "94" / "94.949" / "94.949.31900", indicator, measure, start, end,
    value[, unit])."""
    out = []
    for codes, indicator, measure, start, end, value, *unit in items:
        parts = (codes.split(".") if codes else []) + [None] * 3
        level = ("national", "province", "district", "commune")[len(codes.split(".")) if codes
                                                                 else 0]
        out.append({"province_code": parts[0], "district_code": parts[1],
                    "commune_code": parts[2], "level": level, "indicator_id": indicator,
                    "measure": measure, "period_start": start, "period_end": end,
                    "value": float(value),
                    "unit": unit[0] if unit else CATALOGUE.set_index("indicator_id").loc[
                        indicator, "unit"], "source_id": f"s{len(out)}", "quote": "q",
                    "note": None})
    return pd.DataFrame(out, columns=FIGURE_COLUMNS)


FIGURES = rows(("94", "groups", "target", 2021, 2025, 118),
               ("94", "groups", "actual", 2023, 2023, 60),
               ("94.949.31900", "groups", "actual", 2024, 2024, 5),
               ("10", "groups", "actual", 2022, 2022, 324),
               ("10", "groups", "actual", 2022, 2022, 7, "clubs"),  # another unit: not drawn
               ("", "groups", "actual", 2021, 2025, 10393))


@pytest.mark.parametrize(("year", "expected"), [
    (None, {"10": (324.0, 0), "94": (65.0, 1)}),
    (2023, {"94": (60.0, 0)}),
    (2024, {"94": (5.0, 1)}),
    (2026, {}),
])
def test_value_table_is_each_provinces_result_rolled_up(year, expected):
    got = map_values.value_table(FIGURES, CATALOGUE, "groups", "province", year)
    assert {r.code: (r.value, r.rolled_up_units) for r in got.itertuples()} == expected
    assert list(got.columns) == map_values.TABLE_COLUMNS


def test_value_table_of_communes():
    got = map_values.value_table(FIGURES, CATALOGUE, "groups", "commune", None)
    assert got[["code", "province_code", "value", "years_reported"]].values.tolist() == [
        ["31900", "94", 5.0, "2024"]]


def test_attainment_table_one_indicator_takes_the_phase_target_without_a_year():
    figures = pd.concat([FIGURES, rows(("94", "groups", "target", 2023, 2023, 50))],
                        ignore_index=True)
    phase = map_values.attainment_table(targets.attainment(figures, CATALOGUE), "province", None)
    yearly = map_values.attainment_table(targets.attainment(
        metrics.filter_figures(figures, year=2023), CATALOGUE), "province", 2023)
    assert phase[["code", "target", "actual", "target_period"]].values.tolist() == [
        ["94", 118.0, 65.0, "2021–2025"]]
    assert phase["value"].iloc[0] == pytest.approx(100 * 65 / 118)
    assert phase["rolled_up_units"].tolist() == [1]
    assert yearly[["code", "target", "actual", "target_period", "value"]].values.tolist() == [
        ["94", 50.0, 60.0, "2023", 120.0]]


def test_attainment_table_of_several_indicators_is_their_mean():
    figures = pd.concat([FIGURES, rows(("94", "clubs", "target", 2021, 2025, 10),
                                       ("94", "clubs", "actual", 2021, 2025, 5),
                                       ("94", "share", "target", 2021, 2025, 80))],
                        ignore_index=True)
    got = map_values.attainment_table(targets.attainment(figures, CATALOGUE), "province", None)
    (row,) = got.itertuples()
    assert (row.code, row.indicators, row.status) == ("94", 2, "mean")  # the share: no result
    assert row.value == pytest.approx((100 * 65 / 118 + 50) / 2)


COVERAGE = pd.DataFrame({
    "province_code": ["94", "04", "12", "94", None],
    "district_code": [None, None, None, "949", None],
    "commune_code": [None] * 5,
    "level": ["province", "province", "province", "district", "national"],
    "role": ["pilot_province", "implementing_province", "implementing_area",
             "implementing_district", "implementing_province"],
    "period_start": [2022, 2021, 2021, 2021, 2021], "period_end": [2025, 2025, 2025, 2025, 2025],
    "count": pd.array([None, None, 42, None, 51], dtype="Int64"),
    "count_of": [None, None, "commune", None, "province"],
    "source_id": ["a", "b", "c", "a", "d"]})


@pytest.mark.parametrize(("year", "expected"), [
    # Sóc Trăng pilot; Cao Bằng named; Lào Cai reports results; Lai Châu only counted
    (None, {"04": "implementing", "10": "implementing", "94": "pilot"}),
    # the pilot plan starts in 2022; in 2021 Sóc Trăng is named as implementing only by its
    # district's row, which is not a province row: it reports no result that year either
    (2021, {"04": "implementing"}),
])
def test_coverage_table_classes(year, expected):
    figures = metrics.filter_figures(FIGURES, year=year)
    got = map_values.coverage_table(COVERAGE, figures, "province", year)
    assert dict(zip(got["code"], got["status"], strict=True)) == expected
    assert dict(zip(got["code"], got["value"], strict=True)) == {
        c: float(map_values.COVERAGE_CLASSES.index(s)) for c, s in expected.items()}


def test_coverage_table_of_districts_and_counts():
    got = map_values.coverage_table(COVERAGE, FIGURES, "district", None)
    assert got[["code", "status", "sources"]].values.tolist() == [
        ["949", "implementing", "a, s2"]]  # named, and its commune reports a result
    counts = map_values.coverage_counts(COVERAGE, "national", None)
    assert counts[["count", "count_of"]].values.tolist() == [[51, "province"]]
    assert map_values.coverage_counts(COVERAGE, "province", None)["code"].tolist() == ["12"]


def _table(**columns) -> pd.DataFrame:
    return map_values._table(pd.DataFrame(columns))


@pytest.mark.parametrize(("measure", "summable", "table", "expected"), [
    # old Lào Cai (10) and old Yên Bái (15) → new Lào Cai (15); Sóc Trăng (94) → Cần Thơ (92)
    ("value", True, _table(code=["10", "15", "94"], province_code=["10", "15", "94"],
                           value=[324.0, 6.0, 60.0], actual=[324.0, 6.0, 60.0],
                           status=["complete", "partial", "complete"]),
     {"15": (330.0, "partial", "10, 15"), "92": (60.0, "complete", "94")}),
    ("attainment", True, _table(code=["10", "15"], province_code=["10", "15"],
                                value=[50.0, 100.0], actual=[50.0, 20.0],
                                target=[100.0, 20.0], status=["partial", "complete"]),
     {"15": (100 * 70 / 120, "partial", "10, 15")}),
    ("coverage", False, _table(code=["10", "15"], province_code=["10", "15"], value=[1.0, 2.0],
                               status=["implementing", "pilot"]),
     {"15": (2.0, "pilot", "10, 15")}),
    # shares of two old provinces are not combined; one alone is kept
    ("value", False, _table(code=["10", "15", "94"], province_code=["10", "15", "94"],
                            value=[40.0, 60.0, 70.0], actual=[40.0, 60.0, 70.0],
                            status=["complete"] * 3),
     {"15": (math.nan, "not_combined", "10, 15"), "92": (70.0, "complete", "94")}),
])
def test_to_vintage_combines_the_old_provinces(measure, summable, table, expected):
    got = map_values.to_vintage(table, "province", "2025", measure, summable)
    seen = {r.code: (r.value, r.status, r.parts) for r in got.itertuples()}
    assert seen.keys() == expected.keys()
    for code, (value, status, parts) in expected.items():
        assert seen[code][1:] == (status, parts)
        assert seen[code][0] == pytest.approx(value, nan_ok=True)


def test_to_vintage_communes_and_refusals():
    crosswalk = units.commune_crosswalk()
    old, new = crosswalk.loc[crosswalk["is_default"]].iloc[0][["old_commune_code",
                                                              "new_commune_code"]]
    table = _table(code=[old], province_code=[units.communes("2021").set_index(
        "commune_code").loc[old, "province_code"]], value=[3.0], actual=[3.0],
        status=["complete"])
    got = map_values.to_vintage(table, "commune", "2025", "value", True)
    assert got[["code", "value", "parts"]].values.tolist() == [[new, 3.0, old]]
    assert map_values.to_vintage(table, "commune", "2021", "value", True) is table
    with pytest.raises(ValueError, match="no districts"):
        map_values.to_vintage(table, "district", "2025", "value", True)


def test_per_commune_divides_by_the_units_communes():
    table = _table(code=["94"], province_code=["94"], value=[216.0], actual=[216.0])
    n = len(units.communes("2021").query("province_code == '94'"))
    got = map_values.per_commune(table, "province", "2021")
    assert got["value"].iloc[0] == pytest.approx(216 / n)
    assert got["communes"].iloc[0] == n
    assert map_values.per_commune(table, "commune", "2021")["value"].iloc[0] == 216.0


PILOTS = pd.DataFrame({"province_code": ["10", "15", "94", None, "04"],
                       "role": ["pilot_province"] * 4 + ["implementing_province"]})


@pytest.mark.parametrize(("vintage", "codes"), [
    ("2021", ["10", "15", "94"]),
    ("2025", ["15", "92"]),  # two old pilots fall in one new province: listed once
])
def test_pilot_codes(vintage, codes):
    assert map_values.pilot_codes(PILOTS, vintage) == codes


@pytest.mark.parametrize(("lang", "names", "new_names"), [
    ("en", ["Lào Cai", "Yên Bái", "Sóc Trăng"], ["Lào Cai", "Lào Cai", "Cần Thơ"]),
    ("vi", ["Tỉnh Lào Cai", "Tỉnh Yên Bái", "Tỉnh Sóc Trăng"],
     ["Tỉnh Lào Cai", "Tỉnh Lào Cai", "Thành phố Cần Thơ"]),
])
def test_pilot_provinces_name_both_vintages(lang, names, new_names):
    table = map_values.pilot_provinces(PILOTS, lang)
    assert table.iloc[:, 0].tolist() == ["10", "15", "94"]
    assert table.iloc[:, 1].tolist() == names
    assert table.iloc[:, 2].tolist() == new_names


def test_shipped_coverage_has_the_eight_pilot_provinces():
    cov = catalogue.coverage()
    table = map_values.pilot_provinces(cov, "en")
    assert len(table) == 8 and "Lai Châu" in set(table["Name"])
    assert len(map_values.pilot_codes(cov, "2021")) == 8
    assert set(map_values.pilot_codes(cov, "2025")) <= set(
        units.provinces("2025")["province_code"])


def test_map_tables_are_made_of_the_2021_units_rows_only():
    frame = pd.DataFrame({"province_code": ["19", "19", "94"], "vintage": ["2025", "2021", None]})
    assert map_values.of_2021_units(frame).index.tolist() == [1, 2]
    # A frame without a vintage column is of the 2021 units throughout.
    assert len(map_values.of_2021_units(frame.drop(columns="vintage"))) == 3
