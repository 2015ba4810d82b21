import math

import pandas as pd
import pytest

from p8lib.ingest.numbers import parse_numbers


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
        ("x", True, None, True, False),
        ("", True, None, False, False),
    ],
)
def test_parse_numbers(raw, grouping, value, bad, grouped):
    values, bad_mask, grouped_mask = parse_numbers(pd.Series([raw]), grouping=grouping)
    if value is None:
        assert math.isnan(values[0])
    else:
        assert values[0] == pytest.approx(value)
    assert bool(bad_mask[0]) is bad
    assert bool(grouped_mask[0]) is grouped
