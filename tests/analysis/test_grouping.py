"""Reductions by group and joins on integer keys, against what pandas gives."""

import numpy as np
import pandas as pd
import pytest

from p8lib.analysis.grouping import equal_pairs, group_max, joined_names, tuple_keys


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ([3, 1, 3], [3, 2, 3]),
        ([5, 5], [5, 5, 5]),  # every left row with every right row, left then right order
        ([1, 2], [3, 4]),  # nothing in common
        ([], [1]),
        ([2, 0, 1, 0], []),
    ],
)
def test_equal_pairs_are_an_inner_merge_in_its_order(left, right):
    i, j = equal_pairs(np.array(left, dtype=np.int64), np.array(right, dtype=np.int64))
    merged = pd.DataFrame({"k": left, "i": range(len(left))}, dtype=np.int64).merge(
        pd.DataFrame({"k": right, "j": range(len(right))}, dtype=np.int64), on="k")
    assert (i.tolist(), j.tolist()) == (merged["i"].tolist(), merged["j"].tolist())


@pytest.mark.parametrize(
    ("group", "values", "expected"),
    [
        ([0, 0, 2], [1.0, 4.0, 3.0], [4.0, np.nan, 3.0]),
        ([1, 1], [np.nan, 2.0], [np.nan, 2.0]),  # missing figures skipped
        ([0], [np.nan], [np.nan]),  # only missing: missing
        ([], [], [np.nan]),
    ],
)
def test_group_max_is_groupby_max(group, values, expected):
    out = group_max(np.array(group, dtype=np.int64), np.array(values, dtype=np.float64),
                    len(expected))
    np.testing.assert_array_equal(out, expected)
    by_pandas = pd.Series(values, dtype=np.float64).groupby(group).max().reindex(
        range(len(expected)))
    np.testing.assert_array_equal(out, by_pandas.to_numpy())


@pytest.mark.parametrize("sizes", [[3, 4], [2**40, 2**40, 5]])  # the second re-numbers
def test_tuple_keys_are_equal_exactly_for_equal_tuples(sizes):
    rng = np.random.default_rng(1)
    columns = [rng.integers(0, 3, 50) * (size // 3) for size in sizes]
    keys = tuple_keys(columns, 50)
    tuples = list(zip(*(c.tolist() for c in columns), strict=True))
    assert len(set(keys.tolist())) == len(set(tuples))
    assert all((keys[a] == keys[b]) == (tuples[a] == tuples[b])
               for a in range(50) for b in range(50))


@pytest.mark.parametrize("n_names", [3, 62, 63, 100])  # bit masks up to 62 names, then not
def test_joined_names_lists_each_groups_distinct_names_in_code_order(n_names):
    rng = np.random.default_rng(n_names)
    names = [f"s{k:03d}" for k in range(n_names)]
    group = rng.integers(0, 8, 40)
    codes = rng.integers(0, n_names, 40)
    inverse, texts = joined_names(group, codes, names, 10)
    expected = [", ".join(names[c] for c in sorted(set(codes[group == g].tolist())))
                for g in range(10)]
    assert [texts[k] for k in inverse] == expected
    assert expected[8] == expected[9] == ""  # groups without rows
