"""Attainment of targets: actual to date ÷ target, rolled up from the units below."""

import math

import pandas as pd
import pytest

from p8lib.analysis import targets
from p8lib.contract.schema import FIGURE_COLUMNS
from tests.analysis.rows import CATALOGUE, figures


@pytest.mark.parametrize(
    ("rows", "status", "actual", "pct"),
    [
        # a phase result against the phase target
        ([("94", "groups", "target", 2021, 2025, 100, "groups"),
          ("94", "groups", "actual", 2021, 2025, 115, "groups")], "complete", 115, 115.0),
        # yearly results add up; some years missing → partial
        ([("94", "groups", "target", 2021, 2025, 100, "groups"),
          ("94", "groups", "actual", 2022, 2022, 20, "groups"),
          ("94", "groups", "actual", 2023, 2023, 30, "groups")], "partial", 50, 50.0),
        # every year reported → complete
        ([("94", "groups", "target", 2022, 2023, 100, "groups"),
          ("94", "groups", "actual", 2022, 2022, 20, "groups"),
          ("94", "groups", "actual", 2023, 2023, 30, "groups")], "complete", 50, 50.0),
        # a result outside the phase does not count
        ([("94", "groups", "target", 2021, 2025, 100, "groups"),
          ("94", "groups", "actual", 2026, 2026, 20, "groups")], "no_result", None, None),
        # different unit: not comparable, not 0 %
        ([("94", "groups", "target", 2021, 2025, 100, "groups"),
          ("94", "groups", "actual", 2021, 2025, 5, "clubs")], "different_unit", None, None),
        # yearly shares cannot be added up
        ([("94", "share", "target", 2021, 2025, 80, "percent"),
          ("94", "share", "actual", 2023, 2023, 60, "percent")], "not_summable", None, None),
        # a result of another province is not this target's
        ([("94", "groups", "target", 2021, 2025, 100, "groups"),
          ("04", "groups", "actual", 2021, 2025, 100, "groups")], "no_result", None, None),
        # a reported zero is 0 %, a real number
        ([("94", "groups", "target", 2021, 2025, 100, "groups"),
          ("94", "groups", "actual", 2021, 2025, 0, "groups")], "complete", 0, 0.0),
    ],
)
def test_attainment(rows, status, actual, pct):
    out = targets.attainment(figures(*rows), CATALOGUE)
    target_row = out[out["target"].notna()].iloc[0]
    assert target_row["status"] == status
    if pct is None:
        assert math.isnan(target_row["attainment_pct"])
    else:
        assert target_row["attainment_pct"] == pytest.approx(pct)
        assert target_row["actual"] == actual


def test_results_without_target_are_listed_as_such():
    out = targets.attainment(figures(("10", "groups", "actual", 2022, 2022, 324, "groups")),
                             CATALOGUE)
    assert list(out["status"]) == ["no_target"]
    assert math.isnan(out.loc[0, "attainment_pct"])


def test_national_shipped_attainment_matches_the_published_percentages(indicator_catalogue):
    # The review reports 115,5 %, 231 %, 113 % and 208 % (public-reports.md).
    from p8lib.contract import catalogue

    out = targets.attainment(catalogue.figures(), indicator_catalogue)
    national = out[(out["level"] == "national") & out["attainment_pct"].notna()]
    pct = national.set_index("indicator_id")["attainment_pct"].round(0)
    assert pct.to_dict() == {"comm_groups": 115, "trusted_addresses": 231,
                             "leaders_of_change_clubs": 113, "em_women_officials_capacity": 208}


def test_content_area_mean_and_missing_areas():
    attain = pd.DataFrame({"level": ["national"] * 3, "content_area": [1, 1, 3],
                           "attainment_pct": [100.0, 50.0, float("nan")]})
    out = targets.attainment_by_content_area(attain)
    assert list(out["content_area"]) == [1, 2, 3, 4]
    assert out.loc[0, "attainment_pct"] == 75
    assert list(out["indicators"]) == [2, 0, 0, 0]
    assert out["attainment_pct"].isna().tolist() == [False, True, True, True]


def unit_rows(*rows):
    """Figures of units at any level: (province, district, commune, indicator, measure,
    start, end, value, unit)."""
    records = []
    for province, district, commune, indicator, measure, start, end, value, unit in rows:
        level = ("commune" if commune else "district" if district else
                 "province" if province else "national")
        records.append({"province_code": province, "district_code": district,
                        "commune_code": commune, "level": level, "indicator_id": indicator,
                        "measure": measure, "period_start": start, "period_end": end,
                        "value": float(value), "unit": unit, "source_id": f"s_{level}",
                        "quote": "q", "note": None})
    return pd.DataFrame(records, columns=FIGURE_COLUMNS)


# A provincial report as the issue saw it: Sóc Trăng's phase target, and results per commune.
TARGET = ("94", None, None, "groups", "target", 2021, 2025, 118, "groups")
COMMUNE_2023 = [("94", "941", "31510", "groups", "actual", 2023, 2023, 5, "groups"),
                ("94", "941", "31513", "groups", "actual", 2023, 2023, 4, "groups"),
                ("94", "949", "31900", "groups", "actual", 2023, 2023, 3, "groups")]


@pytest.mark.parametrize(
    ("rows", "actual", "status", "units", "years"),
    [
        # results only per commune: they are the province's result, marked as summed
        ([TARGET, *COMMUNE_2023], 12, "partial", 3, "2023"),
        # the province also reports its 2023 total: that total, not total + communes
        ([TARGET, ("94", None, None, "groups", "actual", 2023, 2023, 60, "groups"),
          *COMMUNE_2023], 60, "partial", 0, "2023"),
        # its total for 2023 and its communes for 2024: both years, nothing twice
        ([TARGET, ("94", None, None, "groups", "actual", 2023, 2023, 60, "groups"),
          *[(*r[:5], 2024, 2024, *r[7:]) for r in COMMUNE_2023]], 72, "partial", 3,
         "2023, 2024"),
        # a phase total of the province wins over everything below it
        ([TARGET, ("94", None, None, "groups", "actual", 2021, 2025, 100, "groups"),
          *COMMUNE_2023], 100, "complete", 0, "2021–2025"),
        # a district's phase result holds its communes'; the other district's commune adds
        ([TARGET, ("94", "941", None, "groups", "actual", 2021, 2025, 50, "groups"),
          *COMMUNE_2023], 53, "partial", 2, "2021–2025, 2023"),
    ],
    ids=["communes-only", "total-and-communes", "total-and-other-year", "phase-total",
         "district-and-communes"],
)
def test_province_attainment_rolls_up_results_reported_below_it(rows, actual, status, units,
                                                                 years):
    out = targets.attainment(unit_rows(*rows), CATALOGUE)
    (target,) = out[out["target"].notna()].itertuples()
    assert (target.actual, target.status, target.rolled_up_units, target.years_reported) == (
        actual, status, units, years)
    assert target.attainment_pct == pytest.approx(100 * actual / 118)
    # the commune results stay listed at their own level, where no target uses them
    communes = out[out["level"] == "commune"]
    assert set(communes["status"]) <= {"no_target"}


def test_rolled_up_attainment_is_marked_and_names_the_summed_sources():
    out = targets.attainment(unit_rows(TARGET, *COMMUNE_2023), CATALOGUE)
    target = out.iloc[0]
    assert (target["rolled_up_from"], target["actual_source"]) == ("commune", "s_commune")
    assert target["target_source"] == "s_province"


def test_national_target_rolls_up_provinces_and_their_communes():
    rows = unit_rows((None, None, None, "groups", "target", 2021, 2025, 9000, "groups"),
                     ("10", None, None, "groups", "actual", 2022, 2022, 324, "groups"),
                     *COMMUNE_2023)
    target = targets.attainment(rows, CATALOGUE).iloc[0]
    assert (target["actual"], target["rolled_up_units"], target["rolled_up_from"]) == (
        336, 4, "province, commune")


@pytest.mark.parametrize(
    "rows",
    [
        # shares: a province's share is no sum (nor mean) of its communes' shares
        [("94", None, None, "share", "target", 2021, 2025, 80, "percent"),
         ("94", "941", "31510", "share", "actual", 2023, 2023, 60, "percent")],
        # results of another province's communes
        [TARGET, ("04", "042", "01270", "groups", "actual", 2023, 2023, 9, "groups")],
        # results in another unit of measure
        [TARGET, ("94", "941", "31510", "groups", "actual", 2023, 2023, 9, "clubs")],
    ],
    ids=["shares", "other-province", "other-unit"],
)
def test_what_does_not_roll_up(rows):
    target = targets.attainment(unit_rows(*rows), CATALOGUE).iloc[0]
    assert target["status"] == "no_result"
    assert math.isnan(target["attainment_pct"]) and target["rolled_up_units"] == 0


@pytest.mark.parametrize("level", ["national", "province", "district"])
def test_attainment_of_one_level_is_those_rows_of_the_whole(level):
    # What app.views relies on: one level's attainment (results below still rolled up).
    rows = figures(("94", "groups", "target", 2021, 2025, 100, "groups"),
                   ("94", "groups", "actual", 2022, 2022, 20, "groups"),
                   (None, "groups", "target", 2021, 2025, 900, "groups"),
                   (None, "groups", "actual", 2021, 2025, 950, "groups"),
                   ("04", "share", "actual", 2023, 2023, 60, "percent"))
    district = {**rows.iloc[0].to_dict(), "district_code": "949", "level": "district"}
    rows = pd.concat([rows, pd.DataFrame([district, {**district, "measure": "actual",
                                                     "value": 50.0, "period_start": 2024,
                                                     "period_end": 2024}]),
                      unit_rows(("04", None, None, "groups", "target", 2021, 2025, 10,
                                 "groups"), *COMMUNE_2023)], ignore_index=True)
    whole = targets.attainment(rows, CATALOGUE)
    part = targets.attainment(rows, CATALOGUE, level=level)
    expected = whole[whole["level"] == level].reset_index(drop=True)
    assert not part.empty
    pd.testing.assert_frame_equal(part, expected)
    if level == "province":  # Sóc Trăng: its 2022, district 949's 2024, its communes' 2023
        assert part.loc[part["province_code"] == "94", "actual"].iloc[0] == 20 + 50 + 12


def with_source(frame, *sources):
    """``frame`` with its rows' source ids replaced, in order."""
    return frame.assign(source_id=list(sources))


@pytest.mark.parametrize(
    ("rows", "sources", "actual", "years", "actual_source"),
    [
        # a whole-period result wins over yearly ones; its sources only are named
        ([("94", "groups", "target", 2021, 2025, 100, "groups"),
          ("94", "groups", "actual", 2021, 2025, 90, "groups"),
          ("94", "groups", "actual", 2023, 2023, 30, "groups")],
         ["t", "b", "a"], 90, "2021–2025", "b"),
        # two reports of the same year: the year counts once, with its largest figure
        ([("94", "groups", "target", 2022, 2023, 100, "groups"),
          ("94", "groups", "actual", 2022, 2022, 20, "groups"),
          ("94", "groups", "actual", 2022, 2022, 25, "groups"),
          ("94", "groups", "actual", 2023, 2023, 30, "groups")],
         ["t", "z", "a", "a"], 55, "2022, 2023", "a, z"),
        # several whole-period reports: the largest, every source named, sorted
        ([("94", "groups", "target", 2021, 2025, 100, "groups"),
          ("94", "groups", "actual", 2021, 2025, 70, "groups"),
          ("94", "groups", "actual", 2021, 2025, 80, "groups")],
         ["t", "y", "x"], 80, "2021–2025", "x, y"),
        # a two-year result and a one-year result add up, listed in period order
        ([("94", "groups", "target", 2021, 2025, 100, "groups"),
          ("94", "groups", "actual", 2024, 2024, 5, "groups"),
          ("94", "groups", "actual", 2021, 2022, 10, "groups")],
         ["t", "a", "a"], 15, "2021–2022, 2024", "a"),
    ],
)
def test_actual_to_date_years_and_sources(rows, sources, actual, years, actual_source):
    out = targets.attainment(with_source(figures(*rows), *sources), CATALOGUE)
    (target_row,) = out[out["target"].notna()].itertuples()
    assert target_row.actual == actual
    assert target_row.years_reported == years
    assert target_row.actual_source == actual_source
    assert target_row.target_source == "t"


def test_one_result_serves_every_target_whose_period_holds_it():
    rows = figures(("94", "groups", "target", 2021, 2025, 100, "groups"),
                   ("94", "groups", "target", 2023, 2023, 40, "groups"),
                   ("94", "groups", "actual", 2023, 2023, 30, "groups"),
                   ("94", "groups", "actual", 2026, 2026, 9, "groups"))
    out = targets.attainment(rows, CATALOGUE)
    assert list(out["status"]) == ["partial", "complete", "no_target"]
    assert list(out["actual"]) == [30, 30, 9]
    assert list(out["years_reported"]) == ["2023", "2023", "2026"]


def test_empty_and_missing_codes_are_the_same_unit():
    rows = figures(("94", "groups", "target", 2021, 2025, 100, "groups"),
                   ("94", "groups", "actual", 2021, 2025, 60, "groups"))
    rows.loc[0, "district_code"] = ""
    out = targets.attainment(rows, CATALOGUE)
    assert list(out["status"]) == ["complete"]


def test_attainment_of_categorical_columns_equals_plain_ones():
    rows = figures(("94", "groups", "target", 2021, 2025, 100, "groups"),
                   ("94", "groups", "actual", 2022, 2022, 20, "groups"),
                   ("04", "share", "actual", 2023, 2023, 60, "percent"),
                   (None, "groups", "target", 2021, 2025, 10, "groups"))
    plain = targets.attainment(rows, CATALOGUE)
    text = ["province_code", "district_code", "commune_code", "level", "indicator_id",
            "measure", "unit", "source_id"]
    categorical = targets.attainment(rows.astype(dict.fromkeys(text, "category")), CATALOGUE)
    pd.testing.assert_frame_equal(plain.astype(str), categorical.astype(str))


def test_attainment_of_no_figures_is_empty_with_every_column():
    out = targets.attainment(figures(), CATALOGUE)
    assert out.empty
    assert {"status", "attainment_pct", "content_area", "years_reported"} <= set(out.columns)


@pytest.mark.parametrize("categorical", [False, True])
def test_attainment_keeps_the_dtypes_of_the_figures_columns(categorical):
    rows = figures(("94", "groups", "target", 2021, 2025, 100, "groups"),
                   ("94", "groups", "actual", 2022, 2022, 20, "groups"),
                   ("04", "share", "actual", 2023, 2023, 60, "percent"))
    if categorical:
        rows = rows.astype(dict.fromkeys(["province_code", "level", "indicator_id"],
                                         "category"))
    out = targets.attainment(rows, CATALOGUE)
    kept = ["province_code", "district_code", "commune_code", "level", "indicator_id",
            "period_start", "period_end"]
    assert out[kept].dtypes.to_dict() == rows[kept].dtypes.to_dict()  # district: object
    assert str(out["status"].dtype) == "str" and str(out["content_area"].dtype) == "Int64"
    assert list(out.index) == [0, 1]


def test_every_source_of_a_target_is_named_in_id_order_however_many():
    # More sources than the bit masks hold (62): the same list, sorted.
    sources = [f"src{k:02d}" for k in range(70)]
    rows = figures(("94", "groups", "target", 2021, 2025, 100, "groups"),
                   *[("94", "groups", "actual", 2023, 2023, 1, "groups")] * 70)
    out = targets.attainment(with_source(rows, "t", *reversed(sources)), CATALOGUE)
    assert out.loc[0, "actual_source"] == ", ".join(sources)
    assert out.loc[0, "actual"] == 1  # one year, its largest figure


def test_a_year_reported_twice_and_nothing_else_counts_once():
    rows = figures(("94", "groups", "target", 2021, 2025, 100, "groups"),
                   ("94", "groups", "actual", 2023, 2023, 30, "groups"),
                   ("94", "groups", "actual", 2023, 2023, 35, "groups"))
    target = targets.attainment(rows, CATALOGUE).iloc[0]
    assert (target["actual"], target["status"], target["years_reported"]) == (
        35, "partial", "2023")
