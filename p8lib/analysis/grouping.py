"""Text columns as integer codes, reductions by group over sorted integer group numbers,
and joins on integer keys, in numpy (no Python per group, no pandas per call).

Used by :mod:`p8lib.analysis.targets` and :mod:`p8lib.analysis.rollup`, whose groups (a
target's figures, a unit's periods) number in the hundreds of thousands at national scale,
where a pandas ``groupby(...).agg(python_function)`` costs a Python call per group, and whose
tables on the shipped figures are of a few hundred rows, where each pandas ``merge``,
``factorize`` or new Series costs its fixed overhead many times over the rows' work. Text
columns may be plain or categorical (as the app holds them): a categorical's codes and
categories are used as they are, without a pass over its rows.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

_KEY_LIMIT = 2**62  # combined keys stay below this: int64 with room for one more step


def column_codes(column: pd.Series, sort: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(each row's code, -1 where missing; the distinct values the codes index, as objects).

    A categorical gives its own codes and categories, in their order; other columns are
    factorised (:func:`pandas.factorize`), their values sorted when ``sort``.

    >>> [x.tolist() for x in column_codes(pd.Series(["b", None, "a", "b"]), sort=True)]
    [[1, -1, 0, 1], ['a', 'b']]
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        values = column.array
        return values.codes.astype(np.int64), values.categories.to_numpy(dtype=object)
    codes, uniques = pd.factorize(column, sort=sort)
    return codes.astype(np.int64), np.asarray(uniques, dtype=object)


def used_codes(codes: np.ndarray, names: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``codes`` and ``names`` (:func:`column_codes`) restricted to the names in use, in
    their order: a categorical's categories may name every value of the whole table.

    >>> [x.tolist() for x in used_codes(np.array([2, -1, 2]), np.array(["a", "b", "c"]))]
    [[0, -1, 0], ['c']]
    """
    used = np.unique(codes[codes >= 0])
    compact = np.full(len(names) + 1, -1, dtype=np.int64)  # the last entry: missing
    compact[used] = np.arange(len(used))
    return compact[codes], names[used]


def per_row(codes: np.ndarray, per_value: np.ndarray | Sequence, missing: object
            ) -> np.ndarray:
    """``per_value[codes]``: what each row's value (its code) is given, ``missing`` where
    the code is -1.

    >>> per_row(np.array([1, -1]), [True, False], True).tolist()
    [False, True]
    """
    return np.append(per_value, missing)[codes]


def values_at(column: pd.Series, rows: np.ndarray) -> np.ndarray:
    """A column's values at positions ``rows`` as objects (None or NaN where missing)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        values = column.array
        return per_row(values.codes[rows], values.categories.to_numpy(dtype=object), None)
    return column.to_numpy(dtype=object)[rows]


def text_or_empty(column: pd.Series | np.ndarray) -> np.ndarray:
    """A text column (a Series or an array) as an object array, "" where it is missing (as
    an empty code is)."""
    values = np.asarray(column, dtype=object)
    return np.where(pd.isna(values), "", values)


def distinct_texts(column: pd.Series, keep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distinct texts, each kept row's index into them) of a text column's rows where
    ``keep``; missing is "".

    On a categorical column only the categories in use are turned into text: a province's
    rows hold a few of the 10,000 commune codes among the column's categories. Its integer
    codes are selected, not the column: no Series is made.
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        values = column.array
        used, inverse = np.unique(values.codes[keep], return_inverse=True)
        categories = text_or_empty(values.categories.to_numpy(dtype=object)[used[used >= 0]])
        if len(used) and used[0] < 0:  # missing: the code before the first category
            categories = np.concatenate([[""], categories])
        return categories.astype(object), inverse.reshape(-1)
    inverse, uniques = pd.factorize(text_or_empty(column.to_numpy()[keep]))
    return np.asarray(uniques, dtype=object), inverse


def is_in(column: pd.Series, values: set[str]) -> np.ndarray:
    """True for the rows whose value is one of ``values`` (missing: False); a categorical's
    categories are looked up, not its rows."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes, categories = column.array.codes, column.array.categories
        return per_row(codes, [c in values for c in categories], False).astype(bool)
    return column.isin(list(values)).to_numpy(dtype=bool, na_value=False)


def shared_codes(wanted: np.ndarray, texts: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Codes of ``wanted`` and of ``texts`` (distinct) into one vocabulary: "", then the
    wanted texts in order of appearance, then the other texts in theirs; and the vocabulary
    (the order :func:`pandas.unique` of all three would give).

    The wanted texts (e.g. one indicator repeated) are made distinct first: the vocabulary
    is built over a few texts, not over rows.

    >>> wanted, texts, vocabulary = shared_codes(np.array(["b", "b", "a"], dtype=object),
    ...                                          np.array(["c", "a"], dtype=object))
    >>> wanted.tolist(), texts.tolist(), vocabulary
    ([1, 1, 2], [3, 2], ['', 'b', 'a', 'c'])
    """
    wanted_code, distinct = pd.factorize(wanted)
    vocabulary = list(dict.fromkeys(["", *np.asarray(distinct, dtype=object), *texts]))
    position = {text: code for code, text in enumerate(vocabulary)}
    distinct_code = np.fromiter((position[x] for x in distinct), np.int64, len(distinct))
    texts_code = np.fromiter((position[x] for x in texts), np.int64, len(texts))
    return distinct_code[wanted_code], texts_code, vocabulary


def group_starts(group: np.ndarray) -> np.ndarray:
    """Where each run of equal values of a sorted ``group`` begins."""
    return np.flatnonzero(np.r_[True, group[1:] != group[:-1]]) if len(group) else group


def group_or(group: np.ndarray, bits: np.ndarray, n_groups: int) -> np.ndarray:
    """Bitwise OR of ``bits`` per group of a sorted ``group`` (0 for a group without rows).

    >>> group_or(np.array([0, 0, 2]), np.array([1, 4, 2]), 3).tolist()
    [5, 0, 2]
    """
    out = np.zeros(n_groups, dtype=np.int64)
    starts = group_starts(group)
    if len(starts):
        out[group[starts]] = np.bitwise_or.reduceat(bits, starts)
    return out


def group_max(group: np.ndarray, values: np.ndarray, n_groups: int) -> np.ndarray:
    """Largest of ``values`` per group of a sorted ``group``, missing values skipped (NaN for
    a group without rows or with missing values only), as ``groupby(...).max()`` gives it.

    >>> group_max(np.array([0, 0, 2]), np.array([1.0, 4.0, np.nan]), 3).tolist()
    [4.0, nan, nan]
    """
    out = np.full(n_groups, np.nan)
    starts = group_starts(group)
    if len(starts):
        out[group[starts]] = np.fmax.reduceat(np.asarray(values, np.float64), starts)
    return out


def tuple_keys(columns: Sequence[np.ndarray], n: int) -> np.ndarray:
    """One int64 per row of ``n`` naming its tuple of ``columns`` (non-negative integer
    codes): equal tuples, equal keys.

    Codes are combined arithmetically, re-numbered only when the product of the columns'
    sizes nears int64's range.

    >>> tuple_keys([np.array([1, 1, 0]), np.array([2, 2, 2])], 3).tolist()
    [5, 5, 2]
    """
    key, span = np.zeros(n, dtype=np.int64), 1
    for codes in columns:
        size = int(codes.max()) + 1 if len(codes) else 1
        if span * size >= _KEY_LIMIT:
            key = np.unique(key, return_inverse=True)[1].reshape(-1).astype(np.int64)
            span = int(key.max()) + 1 if n else 1
        key, span = key * size + codes, span * size
    return key


def year_bits(start: np.ndarray, end: np.ndarray, base: int) -> np.ndarray:
    """The years of each period ``start``…``end`` as bits of an int64, year ``base`` the
    lowest (periods end before ``base + 62``).

    >>> year_bits(np.array([2021, 2023]), np.array([2022, 2023]), 2021).tolist()
    [3, 4]
    """
    start, end = np.asarray(start, np.int64), np.asarray(end, np.int64)
    return np.left_shift((np.int64(1) << (end - start + 1)) - 1, start - base)


def joint_keys(left: Sequence[np.ndarray], right: Sequence[np.ndarray]
               ) -> tuple[np.ndarray, np.ndarray]:
    """:func:`tuple_keys` of two tables' code columns (the same columns, in the same order),
    comparable across the tables: what :func:`equal_pairs` joins them on."""
    n = len(left[0]) if len(left) else 0
    keys = tuple_keys([np.concatenate([x, y]) for x, y in zip(left, right, strict=True)],
                      n + (len(right[0]) if len(right) else 0))
    return keys[:n], keys[n:]


def equal_pairs(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (i, j) with ``left[i] == right[j]`` (integer keys), ordered by i then j: the rows
    an inner merge of two frames on those keys pairs, in its order.

    >>> [x.tolist() for x in equal_pairs(np.array([3, 1, 3]), np.array([3, 2, 3]))]
    [[0, 0, 2, 2], [0, 2, 0, 2]]
    """
    order = np.argsort(right, kind="stable")
    ordered = right[order]
    first = np.searchsorted(ordered, left, side="left")
    counts = np.searchsorted(ordered, left, side="right") - first
    i = np.repeat(np.arange(len(left)), counts)
    within = np.arange(len(i)) - np.repeat(np.cumsum(counts) - counts, counts)
    return i, order[np.repeat(first, counts) + within]


def joined_names(group: np.ndarray, codes: np.ndarray, names: Sequence[str], n_groups: int
                 ) -> tuple[np.ndarray, list[str]]:
    """Per group 0…n_groups-1: the distinct ``names[codes]`` of its rows in code order,
    joined with ", " ("" for a group without rows), as (each group's index into the texts,
    the distinct texts).

    Few names (spans, sources, levels) are the rule: each group's set of names is then a bit
    mask, and only the distinct masks are turned into text, not every group.

    >>> joined_names(np.array([2, 0, 2]), np.array([1, 0, 0]), ["a", "b"], 3)
    (array([1, 0, 2]), ['', 'a', 'a, b'])
    """
    group, codes = np.asarray(group, np.int64), np.asarray(codes, np.int64)
    if len(names) <= 62:
        order = np.argsort(group, kind="stable")
        masks = group_or(group[order], np.left_shift(np.int64(1), codes[order]), n_groups)
        distinct, inverse = np.unique(masks, return_inverse=True)
        texts = [", ".join(names[b] for b in range(len(names)) if m >> b & 1) for m in distinct]
        return inverse.reshape(-1), texts
    pairs = np.unique(group * len(names) + codes)
    out = np.full(n_groups, "", dtype=object)
    if len(pairs):
        in_group, code = np.divmod(pairs, len(names))
        starts = group_starts(in_group)
        for g, chunk in zip(in_group[starts], np.split(code, starts[1:]), strict=True):
            out[g] = ", ".join(names[c] for c in chunk)
    texts, inverse = np.unique(out, return_inverse=True)
    return inverse.reshape(-1), list(texts)
