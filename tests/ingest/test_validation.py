import pandas as pd
import pytest

from p8lib.contract.schema import FIGURE_COLUMNS
from p8lib.ingest.validation import validate_figures

BASE = {"province_code": "94", "district_code": None, "commune_code": None,
        "level": "province", "indicator_id": "comm_groups", "measure": "actual",
        "period_start": 2023, "period_end": 2023, "value": 5.0, "unit": "groups",
        "source_id": "art_soc_trang", "quote": "q", "note": None}


def frame(*changes):
    return pd.DataFrame([{**BASE, **c} for c in changes], columns=FIGURE_COLUMNS)


@pytest.mark.parametrize(
    ("change", "message", "severity"),
    [
        ({"value": -1.0}, "negative value", "error"),
        ({"province_code": "9"}, "province code must be 2 digits", "error"),
        ({"province_code": "99"}, "unit code not found", "error"),
        ({"district_code": "085", "level": "district"}, "outside its parent", "error"),
        ({"measure": "plan"}, "measure must be 'target' or 'actual'", "error"),
        ({"period_end": 2021}, "period_end is before period_start", "error"),
        ({"level": "commune"}, "codes do not fit the level", "error"),
        ({"indicator_id": "nope"}, "unknown indicator", "error"),
        ({"indicator_id": "em_women_safe_motherhood_pct", "unit": "percent", "value": 101.0},
         "percentage over 100", "error"),
        ({"unit": "clubs"}, "unit differs from the catalogue", "warning"),
        ({"source_id": "mystery"}, "source id not in", "warning"),
        ({"period_start": 1990, "period_end": 1990}, "year too early", "error"),
    ],
)
def test_each_check_names_row_and_column(change, message, severity, indicator_catalogue):
    problems = validate_figures(frame(change), indicator_catalogue, {"art_soc_trang"})
    hits = [p for p in problems if message in p.message]
    assert hits, [str(p) for p in problems]
    assert hits[0].severity == severity
    assert hits[0].row == 2  # the first data line of a CSV


def test_a_clean_table_has_no_problems(indicator_catalogue):
    assert validate_figures(frame({}), indicator_catalogue, {"art_soc_trang"}) == []


@pytest.mark.parametrize(("second_value", "word"), [(5.0, "duplicate rows"),
                                                    (6.0, "conflicting values")])
def test_duplicates_and_conflicts_list_both_rows(second_value, word, indicator_catalogue):
    problems = validate_figures(frame({}, {"value": second_value}), indicator_catalogue)
    problem = next(p for p in problems if word in p.message)
    assert "rows [2, 3]" in problem.message


def test_same_figure_from_two_sources_is_kept(indicator_catalogue):
    table = frame({}, {"source_id": "other", "value": 7.0})
    assert validate_figures(table, indicator_catalogue) == []


def test_categorical_columns_get_the_same_problems_as_plain_ones(indicator_catalogue):
    """Checks run once per distinct value: the verdicts must be those of every row."""
    changes = [{}, {"value": -1.0}, {"province_code": "9"}, {"measure": "plan"},
               {"period_end": 2021}, {"level": "commune"}, {"indicator_id": "nope"},
               {"unit": "clubs"}, {"province_code": "99"}, {"value": -1.0}, {},
               {"source_id": "mystery"}]
    plain = frame(*changes)
    text = [c for c in FIGURE_COLUMNS if plain[c].dtype == object]
    categorical = plain.astype({c: "category" for c in text})
    expected = validate_figures(plain, indicator_catalogue, {"art_soc_trang"})
    got = validate_figures(categorical, indicator_catalogue, {"art_soc_trang"})
    assert len(expected) >= len(changes)
    assert sorted(map(str, got)) == sorted(map(str, expected))


def test_an_unknown_source_is_reported_once_per_source_with_its_row_count(
        indicator_catalogue):
    rows = frame({"source_id": "art_soc_trang"},
                 *({"source_id": "mystery", "period_start": y, "period_end": y}
                   for y in (2021, 2022, 2023)),
                 {"source_id": "other", "period_start": 2024, "period_end": 2024})
    problems = [p for p in validate_figures(rows, indicator_catalogue, {"art_soc_trang"})
                if "source id not in" in p.message]
    assert [(p.value, p.row, p.severity) for p in problems] == [
        ("mystery", 3, "warning"), ("other", 6, "warning")]
    assert problems[0].message.endswith("(in 3 rows from this one on)")
    assert "rows from this one on" not in problems[1].message
