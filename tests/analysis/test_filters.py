"""The shared filters: their URL form and their choices."""

from __future__ import annotations

import pandas as pd
import pytest

from p8lib import units
from p8lib.analysis import filters
from tests.frames import ROWS, figures

EMPTY = {"province": None, "year": None, "content": None, "indicator": None, "lang": "vi",
         "present": False, "slide": None}


@pytest.mark.parametrize(("params", "expected"), [
    ({}, EMPTY),
    ({"province": "94", "year": "2023", "content": "2", "indicator": "comm_groups",
      "lang": "en", "present": "1"},
     {**EMPTY, "province": "94", "year": 2023, "content": 2, "indicator": "comm_groups",
      "lang": "en", "present": True}),
    ({"province": "4", "year": "abc", "content": "5", "indicator": "x", "lang": "fr"},
     {**EMPTY, "province": "04"}),
    ({"province": ["10", "94"]}, {**EMPTY, "province": "94"}),
    ({"province": []}, EMPTY),
    ({"province": " 94 ", "year": "2024"}, {**EMPTY, "province": "94"}),  # 2024 not offered
    ({"year": "-2023", "content": "0"}, EMPTY),
    ({"present": "true"}, {**EMPTY, "present": True}),
    ({"present": "YES"}, {**EMPTY, "present": True}),
    ({"present": "0"}, EMPTY),
    ({"present": "1", "slide": "3"}, {**EMPTY, "present": True, "slide": 3}),
    ({"present": "1", "slide": "0"}, {**EMPTY, "present": True}),
    ({"present": "1", "slide": "-2"}, {**EMPTY, "present": True}),
    ({"slide": "3"}, EMPTY),  # a slide outside presenter mode means nothing
])
def test_parse_filters_keeps_only_values_that_exist(params, expected):
    got = filters.parse_filters(params, provinces={"04", "10", "94"}, years={2023},
                                indicators={"comm_groups"})
    assert got == expected


@pytest.mark.parametrize(("state", "params"), [
    ({"province": "94", "year": 2023, "content": None, "indicator": "comm_groups",
      "lang": "en", "present": True},
     {"province": "94", "year": "2023", "indicator": "comm_groups", "lang": "en",
      "present": "1"}),
    ({"lang": "vi", "present": False}, {}),
    ({"province": "", "content": 3, "lang": None}, {"content": "3"}),
    ({"other": "x"}, {}),
    ({"present": True, "slide": 4}, {"present": "1", "slide": "4"}),
    ({"present": False, "slide": 4}, {}),
])
def test_filters_to_params_leaves_out_empty_and_default(state, params):
    assert filters.filters_to_params(state) == params


def test_filters_round_trip_through_the_url():
    state = {"province": "94", "year": 2023, "content": 1, "indicator": "comm_groups",
             "lang": "en", "present": True, "slide": 2}
    back = filters.parse_filters(filters.filters_to_params(state), provinces={"94"},
                                 years={2023}, indicators={"comm_groups"})
    assert back == state


def test_every_filter_key_is_parsed():
    parsed = filters.parse_filters({}, provinces=set(), years=set(), indicators=set())
    assert tuple(parsed) == filters.FILTER_KEYS


@pytest.mark.parametrize(("rows", "years"), [
    (ROWS, [2021, 2022, 2023, 2024, 2025]),
    (ROWS[1:2], [2023]),
    (ROWS[2:], [2022, 2023, 2024]),
    ([], []),
])
@pytest.mark.parametrize("categorical", [False, True])
def test_year_options_span_periods(rows, years, categorical):
    frame = as_categorical(figures(rows)) if categorical else figures(rows)
    assert filters.year_options(frame) == years


def as_categorical(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its text columns as categoricals, as the app holds its figures."""
    text = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    return frame.astype(dict.fromkeys(text, "category"))


@pytest.mark.parametrize("categorical", [False, True])
def test_province_options_put_named_provinces_first(categorical):
    coverage = pd.DataFrame({"province_code": ["19", None]})
    frame = as_categorical(figures(ROWS)) if categorical else figures(ROWS)
    options = filters.province_options(frame, coverage)
    assert options[:2] == ["19", "94"]
    assert sorted(options) == sorted(units.provinces("2021")["province_code"])


CATALOGUE = pd.DataFrame({"indicator_id": ["budget", "c3", "a1", "b1"],
                          "content_area": pd.array([None, 3, 1, 1], dtype="Int64")})


@pytest.mark.parametrize(("area", "expected"), [
    (None, ["a1", "b1", "c3", "budget"]),  # by area, catalogue order within, cross-cutting last
    (1, ["a1", "b1"]),
    (3, ["c3"]),
    (2, []),
])
def test_indicator_options_by_content_area(area, expected):
    assert filters.indicator_options(CATALOGUE, area) == expected
