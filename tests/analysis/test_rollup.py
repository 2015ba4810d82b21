"""Results of units inside a unit, rolled up to it (p8lib.analysis.rollup), on hand-built frames.

Codes have the shape of 2021 ones (Sóc Trăng is 94, Cao Bằng 04); the commune codes are made
up, two in district 941 and one in 949. Expected values are written out by hand.
"""

from __future__ import annotations

import pandas as pd
import pytest

from p8lib.analysis import level_results, rollup
from p8lib.contract.schema import FIGURE_COLUMNS

CATALOGUE = pd.DataFrame({
    "indicator_id": ["groups", "share"],
    "aggregation": ["sum", "none"],
})
# unit (province, district, commune) → level
UNITS = {
    "94": ("94", None, None), "941": ("94", "941", None), "949": ("94", "949", None),
    "31510": ("94", "941", "31510"), "31513": ("94", "941", "31513"),
    "31900": ("94", "949", "31900"), "04": ("04", None, None),
    "01270": ("04", "042", "01270"), "nation": (None, None, None),
}
LEVEL = {0: "national", 1: "province", 2: "district", 3: "commune"}


def figures(*rows: tuple) -> pd.DataFrame:
    """Rows of (unit, indicator, start, end, value[, unit of measure[, source]]); actuals."""
    records = []
    for unit, indicator, start, end, value, *rest in rows:
        codes = UNITS[unit]
        measure_unit = rest[0] if rest else ("percent" if indicator == "share" else "groups")
        records.append({
            "province_code": codes[0], "district_code": codes[1], "commune_code": codes[2],
            "level": LEVEL[sum(c is not None for c in codes)], "indicator_id": indicator,
            "measure": "actual", "period_start": start, "period_end": end,
            "value": float(value), "unit": measure_unit,
            "source_id": rest[1] if len(rest) > 1 else f"src_{unit}", "quote": "q",
            "note": None})
    return pd.DataFrame(records, columns=FIGURE_COLUMNS)


def anchor(unit: str, start: int = 2021, end: int = 2025, indicator: str = "groups",
           measure_unit: str = "groups") -> pd.DataFrame:
    codes = UNITS[unit]
    return pd.DataFrame([{
        "province_code": codes[0], "district_code": codes[1], "commune_code": codes[2],
        "level": LEVEL[sum(c is not None for c in codes)], "indicator_id": indicator,
        "unit": measure_unit, "period_start": start, "period_end": end}])


@pytest.mark.parametrize(
    ("rows", "unit", "actual", "units", "levels", "years"),
    [
        # communes only: their sum
        ([("31510", "groups", 2023, 2023, 5), ("31900", "groups", 2023, 2023, 7)],
         "94", 12, 2, "commune", "2023"),
        # the province reports a total for 2023: its communes' 2023 results are in it
        ([("94", "groups", 2023, 2023, 60), ("31510", "groups", 2023, 2023, 5),
          ("31900", "groups", 2023, 2023, 7)], "94", 60, 0, "", "2023"),
        # a total for 2023, communes for 2024 (which the province does not report): added
        ([("94", "groups", 2023, 2023, 60), ("31510", "groups", 2024, 2024, 5),
          ("31900", "groups", 2024, 2024, 7)], "94", 72, 2, "commune", "2023, 2024"),
        # a district's phase figure holds its communes' yearly ones; the other district's
        # commune still counts
        ([("941", "groups", 2021, 2025, 66), ("31510", "groups", 2023, 2023, 5),
          ("31900", "groups", 2023, 2023, 7)], "94", 73, 2, "district, commune",
         "2021–2025, 2023"),
        # a province figure for 2020–2022 overlaps the commune's 2021: the commune is left
        # out, and the province's figure is not inside 2021–2025 either
        ([("94", "groups", 2020, 2022, 30), ("31510", "groups", 2021, 2021, 5)],
         "94", None, 0, "", ""),
        # a commune's phase result wins over its own yearly one; another commune's year adds
        ([("31510", "groups", 2021, 2025, 10), ("31510", "groups", 2023, 2023, 4),
          ("31513", "groups", 2023, 2023, 3)], "94", 13, 2, "commune", "2021–2025, 2023"),
        # two reports of one commune's year: counted once, the larger
        ([("31510", "groups", 2023, 2023, 5, "groups", "a"),
          ("31510", "groups", 2023, 2023, 6, "groups", "b")], "94", 6, 1, "commune", "2023"),
        # another province's commune, another unit of measure, a year outside: not counted
        ([("01270", "groups", 2023, 2023, 9), ("31510", "groups", 2023, 2023, 5, "clubs"),
          ("31900", "groups", 2026, 2026, 8)], "94", None, 0, "", ""),
        # a district adds up its own communes only
        ([("31510", "groups", 2023, 2023, 5), ("31513", "groups", 2022, 2022, 2),
          ("31900", "groups", 2023, 2023, 7)], "941", 7, 2, "commune", "2022, 2023"),
        # the country from its provinces and the units inside them
        ([("94", "groups", 2023, 2023, 60), ("31510", "groups", 2023, 2023, 5),
          ("01270", "groups", 2022, 2022, 9)], "nation", 69, 2, "province, commune",
         "2022, 2023"),
        # shares never roll up
        ([("31510", "share", 2023, 2023, 60, "percent"),
          ("31900", "share", 2023, 2023, 70, "percent")], "94", None, 0, "", ""),
    ],
    ids=["communes", "own-total-wins", "own-and-other-years", "district-holds-communes",
         "overlapping-own-figure", "phase-wins-per-unit", "repeated-report",
         "not-inside", "district", "national", "shares"],
)
def test_results_to_date(rows, unit, actual, units, levels, years):
    measure_unit = "percent" if rows[0][1] == "share" else "groups"
    got = rollup.results_to_date(figures(*rows), CATALOGUE,
                                 anchor(unit, indicator=rows[0][1], measure_unit=measure_unit))
    row = got.iloc[0]
    if actual is None:
        assert pd.isna(row["actual"])
    else:
        assert row["actual"] == actual
    assert row["rolled_up_units"] == units
    assert row["rolled_up_from"] == levels
    assert row["years_reported"] == years


@pytest.mark.parametrize(
    ("rows", "covered"),
    [
        ([("31510", "groups", 2021, 2025, 10)], True),
        # every year, but from different communes: each commune reports one year only
        ([("31510", "groups", 2021, 2023, 1), ("31513", "groups", 2024, 2025, 1)], False),
        # both communes report every year
        ([("31510", "groups", 2021, 2023, 1), ("31510", "groups", 2024, 2025, 1),
          ("31513", "groups", 2021, 2025, 1)], True),
    ],
)
def test_covered_only_when_every_unit_reports_every_year(rows, covered):
    got = rollup.results_to_date(figures(*rows), CATALOGUE, anchor("94"))
    assert bool(got["covered"].iloc[0]) is covered


def test_sources_of_the_summed_results_are_named_once_sorted():
    rows = figures(("31900", "groups", 2023, 2023, 7, "groups", "zeta"),
                   ("31510", "groups", 2023, 2023, 5, "groups", "alpha"),
                   ("31513", "groups", 2023, 2023, 2, "groups", "zeta"))
    got = rollup.results_to_date(rows, CATALOGUE, anchor("94"))
    assert got["actual_source"].tolist() == ["alpha, zeta"]


def test_share_of_a_unit_is_its_latest_year_not_a_sum():
    rows = figures(("94", "share", 2022, 2022, 40, "percent"),
                   ("94", "share", 2023, 2023, 55, "percent"))
    got = rollup.results_to_date(rows, CATALOGUE, anchor("94", indicator="share",
                                                         measure_unit="percent"))
    assert got[["actual", "years_reported"]].iloc[0].tolist() == [55.0, "2023"]


def test_exact_span_counts_only_that_period():
    rows = figures(("31510", "groups", 2023, 2023, 5), ("31900", "groups", 2021, 2025, 7))
    got = rollup.results_to_date(rows, CATALOGUE, anchor("94", 2023, 2023), exact_span=True)
    assert got[["actual", "rolled_up_units"]].iloc[0].tolist() == [5.0, 1]


def test_no_figures_no_results_aligned_with_the_anchors():
    anchors = pd.concat([anchor("94"), anchor("941")], ignore_index=True).set_axis([7, 9])
    got = rollup.results_to_date(figures(), CATALOGUE, anchors)
    assert list(got.index) == [7, 9]
    assert got["actual"].isna().all() and (got["rolled_up_units"] == 0).all()


def test_categorical_figures_give_the_same_results():
    rows = figures(("94", "groups", 2023, 2023, 60), ("31510", "groups", 2024, 2024, 5))
    text = ["province_code", "district_code", "commune_code", "level", "indicator_id",
            "measure", "unit", "source_id"]
    plain = rollup.results_to_date(rows, CATALOGUE, anchor("94"))
    categorical = rollup.results_to_date(rows.astype(dict.fromkeys(text, "category")),
                                         CATALOGUE, anchor("94"))
    pd.testing.assert_frame_equal(plain, categorical)


def test_results_by_unit_lists_every_province_with_results_below_it():
    rows = figures(("94", "groups", 2023, 2023, 60), ("31510", "groups", 2024, 2024, 5),
                   ("01270", "groups", 2023, 2023, 9), ("nation", "groups", 2023, 2023, 900))
    got = level_results.results_by_unit(rows, CATALOGUE, "province", 2021, 2025)
    assert got[["province_code", "actual", "rolled_up_units"]].values.tolist() == [
        ["04", 9.0, 1], ["94", 65.0, 1]]
    assert set(got["level"]) == {"province"} and set(got["district_code"]) == {""}


def test_unit_anchors_rejects_an_unknown_level():
    with pytest.raises(ValueError, match="level"):
        level_results.unit_anchors(figures(), "village", 2021, 2025)


def test_results_to_date_names_an_anchor_level_that_is_none():
    with pytest.raises(ValueError, match="'village'"):
        rollup.results_to_date(figures(("31510", "groups", 2023, 2023, 5)), CATALOGUE,
                               anchor("94").assign(level="village"))


def test_anchors_as_arrays_give_the_results_of_the_frame():
    # How p8lib.analysis.targets hands its targets: columns as arrays, no frame.
    rows = figures(("94", "groups", 2023, 2023, 60), ("31510", "groups", 2024, 2024, 5),
                   ("31900", "groups", 2024, 2024, 7))
    anchors = pd.concat([anchor("94"), anchor("941", 2024, 2024)], ignore_index=True)
    frame = rollup.results_to_date(rows, CATALOGUE, anchors)
    arrays = rollup._results(rows, CATALOGUE, {c: anchors[c].to_numpy() for c in anchors})
    pd.testing.assert_frame_equal(pd.DataFrame(arrays), frame)


def test_rolled_up_figures_are_per_period_and_skip_what_a_unit_reports():
    rows = figures(("94", "groups", 2023, 2023, 60), ("31510", "groups", 2023, 2023, 5),
                   ("31510", "groups", 2024, 2024, 4), ("31900", "groups", 2024, 2024, 3),
                   ("31900", "share", 2024, 2024, 50, "percent"))
    got = level_results.rolled_up_figures(rows, CATALOGUE, "province")
    expected = pd.DataFrame({
        "province_code": ["94"], "district_code": pd.array([None], dtype="str"),
        "commune_code": pd.array([None], dtype="str"),
        "level": ["province"], "indicator_id": ["groups"], "measure": ["actual"],
        "period_start": [2024], "period_end": [2024], "value": [7.0], "unit": ["groups"],
        "source_id": ["src_31510, src_31900"], "quote": [None], "note": [None], "vintage": ["2021"],
        "rolled_up_units": [2], "rolled_up_from": ["commune"]})
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_with_rolled_up_marks_own_figures_with_zero():
    rows = figures(("94", "groups", 2023, 2023, 60), ("31510", "groups", 2024, 2024, 5))
    got = level_results.with_rolled_up(rows, CATALOGUE, "province")
    assert got["rolled_up_units"].tolist() == [0, 0, 1]
    assert got[got["level"] == "province"]["value"].tolist() == [60.0, 5.0]
