"""Reductions by group over sorted integer group numbers, in numpy (no Python per group).

Used by :mod:`p8lib.analysis.metrics` and :mod:`p8lib.analysis.rollup`, whose groups (a
target's figures, a unit's periods) number in the hundreds of thousands at national scale,
where a pandas ``groupby(...).agg(python_function)`` costs a Python call per group.
"""

from __future__ import annotations

import numpy as np


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
