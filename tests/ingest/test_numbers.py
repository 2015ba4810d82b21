import math

import pandas as pd
import pytest

from p8lib.ingest.numbers import parse_numbers, parse_years


@pytest.mark.parametrize(
    ("raw", "grouping", "value", "bad", "grouped"),
    [
        ("1.337", True, 1337, False, True),
        ("10.393", True, 10393, False, True),
        ("10,393", True, 10393, False, True),
        ("14,99", True, 14.99, False, False),
        ("5.8", True, 5.8, False, False),
        ("80%", True, 80, False, False),
        (" 1 337 ", True, 1337, False, False),
        ("-2", True, -2, False, False),
        ("19.451", False, 19.451, False, False),
        ("0.064", True, 0.064, False, False),  # a leading 0 is never a thousands group
        ("-0,125", True, -0.125, False, False),
        ("1e-05", True, 0.00001, False, False),  # how Excel writes a tiny typed number
        ("x", True, None, True, False),
        ("", True, None, False, False),
    ],
)
def test_parse_numbers(raw, grouping, value, bad, grouped):
    numbers = parse_numbers(pd.Series([raw]), grouping=grouping)
    if value is None:
        assert math.isnan(numbers.values[0])
    else:
        assert numbers.values[0] == pytest.approx(value)
    assert (numbers.bad[0] != "") is bad
    assert bool(numbers.grouped[0]) is grouped


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("1e309", "not_finite"), ("-1e400", "not_finite"), ("inf", "not_a_number"),
        ("Infinity", "not_a_number"), ("NaN", "not_a_number"), ("١٢", "other_digits"),
        ("１２", "other_digits"), ("12 tổ", "not_a_number"), ("−3", "not_a_number"),
        ("1,234.5", "not_a_number"), ("0x10", "not_a_number"), ("12", ""), ("", ""),
    ],
)
def test_only_finite_numbers_in_the_digits_0_to_9(raw, reason):
    numbers = parse_numbers(pd.Series([raw, "7"]))  # a plain number beside: both paths
    assert numbers.bad[0] == reason
    assert math.isnan(numbers.values[0]) is (reason != "" or raw == "")
    assert numbers.values[1] == 7


@pytest.mark.parametrize(("raw", "percent"), [("80%", True), ("80 %", True), ("80", False),
                                              ("%", False)])
def test_a_percent_sign_is_noted(raw, percent):
    assert bool(parse_numbers(pd.Series([raw])).percent[0]) is percent


@pytest.mark.parametrize(
    ("raw", "year", "bad"),
    [("2023", 2023, False), ("2023.0", 2023, False), (" 2024 ", 2024, False),
     ("2023.7", 0, True), ("1e309", 0, True), ("23", 0, True), ("２０２３", 0, True),
     ("2021-2025", 0, True), ("", 0, False)],
)
def test_years_are_whole_four_digit_numbers(raw, year, bad):
    years, wrong = parse_years(pd.Series([raw]))
    assert (years[0], bool(wrong[0])) == (year, bad)
