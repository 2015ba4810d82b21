import numpy as np
import pandas as pd
import pytest

from p8lib.ingest import columns


def cat(values):
    return pd.Series(pd.Categorical(values))


@pytest.mark.parametrize("make", [pd.Series, cat])
def test_distinct_codes_point_at_the_values_missing_included(make):
    column = make(["b", None, "a", "b"])
    codes, values = columns.distinct_codes(column)
    got = [values[c] for c in codes]
    assert got[0] == got[3] == "b" and got[2] == "a" and pd.isna(got[1])
    assert len(values) == 3


@pytest.mark.parametrize(
    ("frame", "cols", "groups"),
    [
        ({"a": ["x", "y", "x", "x"], "b": [1, 1, 1, 2]}, ["a", "b"], [0, 1, 0, 2]),
        ({"a": ["x", "y", "x"], "b": [None, None, None]}, ["a", "b"], [0, 1, 0]),
        ({"a": [3, 3, 3]}, ["a"], [0, 0, 0]),
    ],
)
@pytest.mark.parametrize("categorical", [False, True])
def test_row_groups_number_combinations_in_order_of_appearance(frame, cols, groups,
                                                               categorical):
    frame = pd.DataFrame(frame)
    if categorical:
        frame = frame.astype({c: "category" for c in frame if frame[c].dtype == object})
    group, first = columns.row_groups(frame, cols)
    assert group.tolist() == groups
    assert first.tolist() == [groups.index(g) for g in range(max(groups) + 1)]


def test_row_groups_survive_keys_too_large_for_one_integer():
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({f"c{i}": rng.integers(0, 50_000, 2_000) for i in range(6)})
    frame.loc[1999] = frame.loc[3]
    group, _ = columns.row_groups(frame, list(frame.columns))
    expected = frame.groupby(list(frame.columns), sort=False).ngroup().to_numpy()
    assert (group == expected).all() and group[1999] == group[3]


def test_per_distinct_calls_the_test_once_per_combination_and_spreads_it():
    frame = pd.DataFrame({"a": pd.Categorical(["x", "y", "x", "z"]), "n": [1, 2, 1, 3]})
    seen = []

    def test(distinct):
        seen.append(len(distinct))
        return distinct["a"] == "x"

    assert columns.per_distinct(frame, ["a", "n"], test).tolist() == [True, False, True, False]
    assert seen == [3]


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (["a", "", None], ["x", "y", "z"], ["a", "y", "z"]),
        (["", ""], ["", "q"], ["", "q"]),
    ],
)
def test_coalesce_takes_the_second_where_the_first_is_empty(first, second, expected):
    got = columns.coalesce(cat(first), cat(second))
    assert isinstance(got.dtype, pd.CategoricalDtype)
    assert got.astype(object).tolist() == expected


def test_replace_and_empty_as_missing():
    column = cat(["a", "", "b"])
    assert columns.replace_empty(column, "z").astype(object).tolist() == ["a", "z", "b"]
    assert columns.empty_as_missing(column).isna().tolist() == [False, True, False]


def test_map_categories_maps_each_distinct_value_once():
    calls = []

    def upper(values):
        calls.append(list(values))
        return [v.upper() if v != "b" else "A" for v in values]

    got = columns.map_categories(cat(["a", "b", None, "a"]), upper)
    assert got.astype(object).tolist()[:2] == ["A", "A"] and pd.isna(got.iloc[2])
    assert calls == [["a", "b"]]
