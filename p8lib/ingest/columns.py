"""Column operations that work once per distinct value, for categorical text columns.

An import of 100,000 spreadsheet rows makes 600,000 figures, yet holds only a few thousand
distinct unit names, a handful of indicators and measures, and some hundred distinct
numbers. Readers return categoricals (:mod:`p8lib.ingest.readers`) and these helpers keep them so:
work is done on the categories, then spread to the rows through the integer codes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pandas.api.types import union_categoricals

# Row keys are built as mixed-radix integers; above this they are renumbered first.
_KEY_LIMIT = 2**62
# Integer columns spanning fewer values than this are numbered by offset (years).
_SMALL_RANGE = 4096


def categorical(values: pd.Series | Sequence[object]) -> pd.Series:
    """``values`` as a categorical Series (unchanged when it already is one)."""
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        return values
    return pd.Series(pd.Categorical(values), index=getattr(values, "index", None))


def constant(value: object, length: int) -> pd.Categorical:
    """A categorical of ``length`` copies of ``value`` (one category, no copied strings)."""
    return pd.Categorical.from_codes(np.zeros(length, dtype=np.int8), categories=[value])


def distinct_codes(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes of a column's values and the distinct values they point to.

    Missing values get their own code (they are values to check too). For a categorical,
    the codes are its own and the distinct values its categories (NaN appended when some
    are missing); otherwise the column is factorised.

    >>> codes, values = distinct_codes(pd.Series(["a", "b", "a"]))
    >>> codes.tolist(), values.tolist()
    ([0, 1, 0], ['a', 'b'])
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy().astype(np.int64)
        values = pd.Index(column.cat.categories, dtype=object)
        used = np.bincount(codes[codes >= 0], minlength=len(values)) > 0
        if not used.all():  # a slice keeps all categories: only the used ones are values
            renumber = np.cumsum(used) - 1
            codes = np.where(codes >= 0, renumber[np.maximum(codes, 0)], -1)
            values = values[used]
    elif (pd.api.types.is_integer_dtype(column.dtype) and len(column)
          and column.max() - column.min() < _SMALL_RANGE):  # years: an offset, not a hash
        low = int(column.min())
        codes = column.to_numpy(dtype=np.int64) - low
        used = np.bincount(codes) > 0
        renumber = np.cumsum(used) - 1
        codes, values = renumber[codes], pd.Index(np.flatnonzero(used) + low, dtype=object)
    else:
        codes, values = pd.factorize(column, use_na_sentinel=True)
        values = pd.Index(values, dtype=object)
    if (codes < 0).any():
        codes = np.where(codes < 0, len(values), codes)
        values = values.append(pd.Index([None], dtype=object))
    return codes, values


def row_groups(frame: pd.DataFrame, columns: Sequence[str],
               codes: Mapping[str, tuple[np.ndarray, pd.Index]] | None = None,
               ) -> tuple[np.ndarray, np.ndarray]:
    """Number the distinct combinations of ``columns`` over the rows of ``frame``.

    ``codes`` may hold :func:`distinct_codes` of some columns, worked out already.

    Returns
    -------
    group : ndarray of int
        Per row, the number of its combination (0, 1, … in order of first appearance).
    first : ndarray of int
        Per combination, the position of its first row.
    """
    key = np.zeros(len(frame), dtype=np.int64)
    cardinality = 1
    for column in columns:
        column_codes, values = (codes[column] if codes and column in codes
                                else distinct_codes(frame[column]))
        if cardinality * len(values) >= _KEY_LIMIT:
            key, uniques = pd.factorize(key)
            cardinality = len(uniques)
        key = key * len(values) + column_codes
        cardinality *= max(len(values), 1)
    group, _ = pd.factorize(key)
    first = np.full(group.max() + 1 if len(group) else 0, len(group), dtype=np.int64)
    np.minimum.at(first, group, np.arange(len(group)))
    return group, first


def per_distinct(frame: pd.DataFrame, columns: Sequence[str],
                 test: Callable[[pd.DataFrame], pd.Series | np.ndarray],
                 codes: Mapping[str, tuple[np.ndarray, pd.Index]] | None = None) -> np.ndarray:
    """Evaluate a row-wise boolean ``test`` once per distinct combination of ``columns``.

    ``test`` gets a frame holding one row per combination (the first row having it, with
    the original index; categorical columns as plain values) and returns one bool per row
    — or one row of bools, for several tests of the same columns at once (the result then
    has a column per test); the result is spread to every row.
    """
    if frame.empty:
        return np.zeros(0, dtype=bool)
    group, first = row_groups(frame, columns, codes)
    distinct = frame.iloc[first][list(columns)]
    distinct = distinct.astype({c: object for c in columns
                                if isinstance(distinct[c].dtype, pd.CategoricalDtype)})
    return np.asarray(test(distinct), dtype=bool)[group]


def choose(mask: np.ndarray, first: pd.Series, second: pd.Series) -> pd.Series:
    """``first`` where ``mask`` holds, else ``second``, as a categorical (index of ``first``)."""
    first, second = categorical(first), categorical(second)
    both = union_categoricals([first.array, second.array])
    a = pd.Categorical(first.array, categories=both.categories)
    b = pd.Categorical(second.array, categories=both.categories)
    return pd.Series(pd.Categorical.from_codes(np.where(mask, a.codes, b.codes),
                                               categories=both.categories), index=first.index)


def coalesce(first: pd.Series, second: pd.Series) -> pd.Series:
    """``first`` where it is neither empty nor missing, else ``second``, as a categorical."""
    first = categorical(first)
    return choose(first.notna().to_numpy() & (first != "").to_numpy(), first, second)


def empty_as_missing(column: pd.Series) -> pd.Series:
    """A categorical column with its empty texts made missing."""
    column = categorical(column)
    if "" in column.cat.categories:
        return column.cat.remove_categories([""])
    return column


def replace_empty(column: pd.Series, value: str) -> pd.Series:
    """A categorical column with empty texts (and missing values) replaced by ``value``."""
    return coalesce(column, pd.Series(constant(value, len(column)), index=column.index))


def map_categories(column: pd.Series, mapping: Callable[[pd.Index], Sequence[object]]
                   ) -> pd.Series:
    """Apply ``mapping`` (distinct values in, one result each out) to a column's distinct
    values and spread the results to its rows, as a categorical."""
    column = categorical(column)
    results = pd.Index(list(mapping(column.cat.categories)), dtype=object).append(
        pd.Index([None], dtype=object))
    inverse, categories = pd.factorize(results, use_na_sentinel=True)
    codes = column.cat.codes.to_numpy()
    return pd.Series(pd.Categorical.from_codes(inverse[codes], categories=pd.Index(
        categories)), index=column.index)


def arrow_text(column: pd.Series) -> pa.Array:
    """A text column as a pyarrow string array (missing values null), without a Python
    object per row: a categorical is its categories taken by its codes."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy()
        categories = pa.array(column.cat.categories.to_numpy(dtype=object), type=pa.string())
        return pc.take(categories, pa.array(codes, mask=codes < 0))
    return pa.array(column.to_numpy(dtype=object), type=pa.string(), from_pandas=True)


def plain_text(column: pd.Series) -> pd.Series:
    """A text column as pandas' ``str`` dtype (missing values stay missing)."""
    return pd.Series(pd.array(arrow_text(column), dtype="str"), index=column.index)
