"""Results reported below a unit, rolled up to it: a province's result from its communes'.

A provincial report often gives its results per commune or district only. A province's target
must then be compared with the sum of those results, and that sum marked as such. The rule,
per aggregation kind of the indicator (the catalogue's ``aggregation``):

``"sum"`` (counts of groups, clubs, people, sessions; money)
    A unit's result for a period is the sum, over the unit itself and every unit inside it, of
    each one's own result for the period (:func:`results_to_date`). A result is **left out
    when a unit above it — up to and including the unit asked about — reports a result for an
    overlapping period**: that figure may already include it, and a figure is never counted
    twice. So a province that reports its own total for 2023 is taken at its word for 2023 and
    its communes' 2023 results are not added; its communes' 2024 results still count where the
    province reports nothing for 2024. A unit's own result follows the attainment rule: a result
    for the whole period wins over yearly ones; yearly results add up, each period once with its
    largest figure when several reports give it.

``"none"`` (percentages and shares, counts of indicators met)
    Never rolled up. A province's share of women reached is the ratio of two counts the figures
    do not carry (women reached, women of the age group, per commune): neither the sum nor the
    plain mean of its communes' shares is the province's share — a mean weighs a commune of 300
    people like one of 30,000. Only a unit's own result counts; over a period without a
    whole-period result, its latest year's share (yearly shares do not add up either).

Targets are not rolled up: a province's target is its own plan, and its communes' targets,
often set for some communes only, would pose as a province plan it never made.

Units are nested by their 2021 codes: rows of the 2025 units (a few reports since July 2025)
are neither rolled up nor given rolled-up results.

Rolled-up values carry ``rolled_up_units`` (how many units inside the unit were summed; 0
for the unit's own result) and ``rolled_up_from`` (their levels, e.g. ``"commune"``), so that
what shows them can say "sum of 42 communes".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from p8lib.analysis.grouping import (
    distinct_texts,
    equal_pairs,
    group_or,
    is_in,
    joined_names,
    joint_keys,
    shared_codes,
    text_or_empty,
    year_bits,
)
from p8lib.contract import CODE_COLUMNS, Figure, schema

LEVELS = schema.LEVELS

LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}  # national 0 … commune 3
# The codes that name a unit of each level (national: none).
UNIT_CODES = {level: CODE_COLUMNS[:rank] for level, rank in LEVEL_RANK.items()}
ANCHOR_COLUMNS = [*CODE_COLUMNS, Figure.level, Figure.indicator_id, Figure.unit,
                  Figure.period_start, Figure.period_end]
RESULT_COLUMNS = ["actual", "covered", "years_reported", "actual_source", "rolled_up_units",
                  "rolled_up_from"]
_BASE_YEAR = 2000  # years as bits from here: periods fit in 62 bits up to 2061


# Text columns that name a unit, an indicator and a unit of measure: joined as integers.
_KEYS = [*CODE_COLUMNS, Figure.indicator_id, Figure.unit]


def summable_ids(catalogue: pd.DataFrame) -> set[str]:
    """The ids of the catalogue's summable indicators (``aggregation`` "sum"): those whose
    results roll up."""
    return {i for i, kind in zip(catalogue[Figure.indicator_id].tolist(),
                                 catalogue["aggregation"].tolist(), strict=True)
            if kind == "sum"}


def _coded(anchors: pd.DataFrame | dict, figures: pd.DataFrame
           ) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], list[str], list[str]]:
    """Anchors and the results of their indicators with every key as an integer (arrays by
    column name), the source ids (``source`` indexes them) and the indicator ids (the
    anchors' ``indicator_id`` codes index them).

    Rows get ``rank`` (of their level), ``start``, ``end``, ``value`` and ``source``.
    """
    keep = (is_in(figures[Figure.measure], {"actual"})
            & is_in(figures[Figure.indicator_id], set(text_or_empty(anchors[Figure.indicator_id]))))
    anchor_codes, row_codes = {}, {}
    for col in _KEYS:
        # One vocabulary per column, in the order pandas.unique gave it before: the order is
        # part of the result (_reduced adds a unit's periods in the order of their codes).
        texts, inverse = distinct_texts(figures[col], keep)
        anchor_codes[col], texts_code, vocabulary = shared_codes(
            text_or_empty(anchors[col]), texts)
        row_codes[col] = texts_code[inverse]
        if col == Figure.indicator_id:
            indicator_ids = vocabulary
    levels, level_of = distinct_texts(figures[Figure.level], keep)
    row_codes["rank"] = np.asarray([LEVEL_RANK.get(x, -1) for x in levels],
                                   dtype=np.int64)[level_of]
    row_codes["start"] = figures[Figure.period_start].to_numpy(np.int64)[keep]
    row_codes["end"] = figures[Figure.period_end].to_numpy(np.int64)[keep]
    row_codes["value"] = figures[Figure.value].to_numpy(np.float64)[keep]
    names, row_codes["source"] = distinct_texts(figures[Figure.source_id], keep)
    order = np.argsort(names)  # sources listed in id order
    row_codes["source"] = np.argsort(order)[row_codes["source"]]
    return anchor_codes, row_codes, [str(x) for x in names[order]], indicator_ids


def _span_label(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}–{end}"


def _pairs(anchors: dict[str, np.ndarray], rows: dict[str, np.ndarray]
           ) -> tuple[np.ndarray, np.ndarray]:
    """(anchor, row) numbers of each anchor (coded, with ``a_rank``, ``a_start``, ``a_end``,
    ``a_sum``) with every result of its unit and of the units inside it whose period overlaps
    the anchor's (sub-units only for summable indicators), by anchor level then anchor.

    An inner join per level on integer keys (:func:`~p8lib.analysis.grouping.equal_pairs`):
    a pandas merge per level cost most of a drill-down's time on a few hundred rows.
    """
    a_parts, r_parts = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for level, rank in LEVEL_RANK.items():
        left = np.flatnonzero(anchors["a_rank"] == rank)
        if not len(left):
            continue
        right = np.flatnonzero(rows["rank"] >= rank)
        keys = [*UNIT_CODES[level], Figure.indicator_id, Figure.unit]
        left_key, right_key = joint_keys([anchors[k][left] for k in keys],
                                          [rows[k][right] for k in keys])
        i, j = equal_pairs(left_key, right_key)
        a_parts.append(left[i])
        r_parts.append(right[j])
    a, r = np.concatenate(a_parts), np.concatenate(r_parts)
    overlap = (rows["start"][r] <= anchors["a_end"][a]) & (rows["end"][r] >= anchors["a_start"][a])
    own_or_summed = (rows["rank"][r] == anchors["a_rank"][a]) | anchors["a_sum"][a]
    keep = overlap & own_or_summed
    return a[keep], r[keep]


def _covered_by_a_unit_above(a: np.ndarray, r: np.ndarray, rows: dict[str, np.ndarray]
                             ) -> np.ndarray:
    """True for each pair (anchor ``a``, row ``r``) whose result a unit above it (up to the
    anchor's unit) may already hold: that unit reports a result for an overlapping period."""
    covered = np.zeros(len(a), dtype=bool)
    rank, start, end = rows["rank"][r], rows["start"][r], rows["end"][r]
    for level, level_rank in LEVEL_RANK.items():
        above = np.flatnonzero(rank == level_rank)
        below = np.flatnonzero(rank > level_rank)
        if not len(above) or not len(below):
            continue
        codes = [a, *(rows[c][r] for c in UNIT_CODES[level])]
        below_key, above_key = joint_keys([x[below] for x in codes], [x[above] for x in codes])
        i, j = equal_pairs(below_key, above_key)
        hit = (start[above[j]] <= end[below[i]]) & (end[above[j]] >= start[below[i]])
        covered[below[i[hit]]] = True
    return covered


def _joined(groups: np.ndarray, codes: np.ndarray, names: list[str], n: int) -> np.ndarray:
    """:func:`~p8lib.analysis.grouping.joined_names` per group 0…n-1, as an object array."""
    inverse, texts = joined_names(groups, codes, names, n)
    return np.asarray(texts, dtype=object)[inverse]


def results_to_date(figures: pd.DataFrame, catalogue: pd.DataFrame, anchors: pd.DataFrame,
                    *, exact_span: bool = False) -> pd.DataFrame:
    """The result of each anchor's unit for the anchor's period, rolled up by the rule of
    this module.

    Parameters
    ----------
    figures : DataFrame
        The figures table (text columns plain or categorical).
    catalogue : DataFrame
        The indicator catalogue (``aggregation``: "sum" rolls up, anything else does not; an
        indicator missing from it does not).
    anchors : DataFrame
        What to compute, one row each: unit codes (of its ``level``; lower codes empty),
        ``level``, ``indicator_id``, ``unit`` (of measure: only results in this unit count),
        ``period_start``, ``period_end``.
    exact_span : bool
        Count only results for exactly the anchor's period (a chart's bar per period) instead
        of every result inside it (attainment's "to date").

    Returns
    -------
    DataFrame
        Aligned with ``anchors`` (same index): ``actual`` (NaN when nothing counts),
        ``covered`` (the periods counted cover every year of the anchor's period),
        ``years_reported`` ("2022, 2023"), ``actual_source`` (source ids, sorted),
        ``rolled_up_units`` (units inside the anchor's unit whose results were summed; 0
        when only its own result counts) and ``rolled_up_from`` (their levels, "district,
        commune"; "" for none).

    Examples
    --------
    >>> rows = pd.DataFrame({"province_code": ["94", "94"], "district_code": [None, "949"],
    ...     "commune_code": [None, "31990"], "level": ["province", "commune"],
    ...     "indicator_id": ["g", "g"], "measure": ["actual"] * 2, "period_start": [2023, 2024],
    ...     "period_end": [2023, 2024], "value": [60.0, 5.0], "unit": ["groups"] * 2,
    ...     "source_id": ["a", "b"]})
    >>> anchor = pd.DataFrame({"province_code": ["94"], "district_code": [None],
    ...     "commune_code": [None], "level": ["province"], "indicator_id": ["g"],
    ...     "unit": ["groups"], "period_start": [2021], "period_end": [2025]})
    >>> cat = pd.DataFrame({"indicator_id": ["g"], "aggregation": ["sum"]})
    >>> results_to_date(rows, cat, anchor)[["actual", "years_reported", "rolled_up_units"]]
       actual years_reported  rolled_up_units
    0    65.0     2023, 2024                1
    """
    coded = _results(figures, catalogue, anchors, exact_span=exact_span)
    if coded is None:
        return _no_results(anchors)
    return pd.DataFrame(coded, index=anchors.index)


def _results(figures: pd.DataFrame, catalogue: pd.DataFrame, anchors: pd.DataFrame | dict,
             *, exact_span: bool = False) -> dict[str, np.ndarray] | None:
    """:func:`results_to_date`'s columns as arrays, None when no result counts for any
    anchor. ``anchors`` may be a frame or a dict of its columns (arrays, text as objects):
    :func:`p8lib.analysis.targets.attainment` hands its targets without making a frame."""
    coded, rows, sources, indicator_ids = _coded(anchors, figures)
    summable = summable_ids(catalogue)
    coded["a_rank"] = _level_ranks(anchors[Figure.level])
    coded["a_start"] = np.asarray(anchors[Figure.period_start], dtype=np.int64)
    coded["a_end"] = np.asarray(anchors[Figure.period_end], dtype=np.int64)
    coded["a_sum"] = np.asarray([x in summable for x in indicator_ids],
                                dtype=bool)[coded[Figure.indicator_id]]
    a, r = _pairs(coded, rows)
    uncovered = ~_covered_by_a_unit_above(a, r, rows)
    a, r = a[uncovered], r[uncovered]
    start, end = rows["start"][r], rows["end"][r]
    a_start, a_end = coded["a_start"][a], coded["a_end"][a]
    inside = (start >= a_start) & (end <= a_end)
    if exact_span:
        inside &= (start == a_start) & (end == a_end)
    if not inside.any():
        return None
    return _reduced(a[inside], r[inside], rows, coded, sources)


def _level_ranks(levels: pd.Series | np.ndarray) -> np.ndarray:
    """:data:`LEVEL_RANK` of each anchor's level (looked up once per distinct level); a
    ValueError names a level that is none of :data:`LEVELS`."""
    codes, distinct = pd.factorize(np.asarray(levels, dtype=object))
    unknown = [x for x in distinct if x not in LEVEL_RANK] or ([None] if (codes < 0).any() else [])
    if unknown:
        raise ValueError(f"anchor level {unknown[0]!r} is not one of {LEVELS}")
    return np.asarray([LEVEL_RANK[x] for x in distinct], dtype=np.int64)[codes]


def _reduced(a: np.ndarray, r: np.ndarray, rows: dict[str, np.ndarray],
             coded: dict[str, np.ndarray], sources: list[str]) -> dict[str, np.ndarray]:
    """:func:`results_to_date`'s columns from the counted (anchor ``a``, result row ``r``)
    pairs, in numpy (a drill-down's few hundred pairs cost pandas' per-call overhead many
    times over)."""
    n = len(coded["a_start"])
    start, end, rank = rows["start"][r], rows["end"][r], rows["rank"][r]
    a_start, a_end = coded["a_start"][a], coded["a_end"][a]
    a_sum, a_rank = coded["a_sum"][a], coded["a_rank"][a]
    # Each unit's own result: a whole-period result wins; else yearly results add up
    # (summable) or the latest period alone (not summable).
    key = a.astype(np.int64)
    for column in CODE_COLUMNS:  # codes index vocabularies of a few thousand: no overflow
        codes = rows[column][r].astype(np.int64)
        key = key * (int(codes.max()) + 1) + codes
    unit = np.unique(key, return_inverse=True)[1].reshape(-1)
    n_units = int(unit.max()) + 1
    whole = (start == a_start) & (end == a_end)
    has_whole = np.bincount(unit[whole], minlength=n_units) > 0
    latest = end * 10_000 + start
    newest = np.full(n_units, -1, dtype=np.int64)
    np.maximum.at(newest, unit, latest)
    used = np.where(has_whole[unit], whole, a_sum | (latest == newest[unit]))
    a, start, end, rank, unit = a[used], start[used], end[used], rank[used], unit[used]
    value, source, a_rank = rows["value"][r][used], rows["source"][r][used], a_rank[used]
    # Each (unit, period) once, with its largest figure (several reports of one year).
    span, first = np.unique(unit * 10**8 + start * 10**4 + (end - start), return_index=True,
                            return_inverse=True)[1:][::-1]
    span = span.reshape(-1)
    best = np.full(len(first), -np.inf)
    np.maximum.at(best, span, value)
    s_a, s_unit, s_start, s_end = a[first], unit[first], start[first], end[first]
    s_rank, s_a_rank = rank[first], a_rank[first]
    counted = np.bincount(s_a, minlength=n) > 0
    actual = np.where(counted, np.bincount(s_a, weights=best, minlength=n), np.nan)

    # Complete only when every unit counted reports every year of the period.
    order = np.argsort(s_unit, kind="stable")
    have = group_or(s_unit[order], year_bits(s_start, s_end, _BASE_YEAR)[order], n_units)
    unit_anchor = np.zeros(n_units, dtype=np.int64)
    unit_anchor[s_unit] = s_a
    need = year_bits(coded["a_start"], coded["a_end"], _BASE_YEAR)[unit_anchor]
    present = np.bincount(s_unit, minlength=n_units) > 0
    short = present & ((have & need) != need)
    covered = counted & (np.bincount(unit_anchor[short], minlength=n) == 0)

    below = s_rank > s_a_rank
    sub_unit, sub_first = np.unique(s_unit[below], return_index=True)
    sub_a, sub_rank = s_a[below][sub_first], s_rank[below][sub_first]
    span_key = s_start * 10_000 + s_end
    spans, span_code = np.unique(span_key, return_inverse=True)
    labels = [_span_label(int(k) // 10_000, int(k) % 10_000) for k in spans]
    return {
        "actual": actual,
        "covered": covered,
        "years_reported": _joined(s_a, span_code.reshape(-1), labels, n),
        "actual_source": _joined(a, source, sources, n),
        "rolled_up_units": np.bincount(sub_a, minlength=n) if len(sub_unit) else np.zeros(
            n, dtype=np.int64),
        "rolled_up_from": _joined(sub_a, sub_rank, list(LEVELS), n),
    }


def _no_results(anchors: pd.DataFrame) -> pd.DataFrame:
    n = len(anchors)
    return pd.DataFrame({"actual": np.full(n, np.nan), "covered": np.zeros(n, dtype=bool),
                         "years_reported": "", "actual_source": "",
                         "rolled_up_units": np.zeros(n, dtype=np.int64), "rolled_up_from": ""},
                        index=anchors.index)
