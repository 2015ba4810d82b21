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

Rolled-up values carry ``rolled_up_units`` (how many units inside the unit were summed; 0
for the unit's own result) and ``rolled_up_from`` (their levels, e.g. ``"commune"``), so that
what shows them can say "sum of 42 communes".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from p8lib.analysis.grouping import group_or
from p8lib.contract import CODE_COLUMNS, FIGURE_COLUMNS, Figure, schema

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


def _text(column: pd.Series) -> np.ndarray:
    """A text column as an object array, "" where it is missing (as an empty code is)."""
    values = column.astype(object).to_numpy()
    return np.where(pd.isna(values), "", values)


def _factorized(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(distinct texts, each row's index into them) of a text column; missing is "".

    On a categorical column only the categories in use are turned into text: a province's
    rows hold a few of the 10,000 commune codes among the column's categories.
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        used, inverse = np.unique(column.cat.codes.to_numpy(), return_inverse=True)
        categories = _text(pd.Series(column.cat.categories[used[used >= 0]]))
        texts = np.r_[[""], categories] if len(used) and used[0] < 0 else categories
        return texts.astype(object), inverse.reshape(-1)
    inverse, uniques = pd.factorize(_text(column))
    return np.asarray(uniques, dtype=object), inverse


def _coded(anchors: pd.DataFrame, figures: pd.DataFrame
           ) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Anchors and the results of their indicators with every key as an integer, and the
    source ids (``source`` indexes them).

    Rows get ``rank`` (of their level), ``start``, ``end``, ``value`` and ``source``.
    """
    keep = ((figures[Figure.measure] == "actual")
            & figures[Figure.indicator_id].isin(list(set(_text(anchors[Figure.indicator_id])))))
    rows = figures[keep.to_numpy()]
    coded_anchors = pd.DataFrame(index=range(len(anchors)))
    coded_rows = pd.DataFrame(index=range(len(rows)))
    for col in _KEYS:
        texts, inverse = _factorized(rows[col])
        wanted = _text(anchors[col])
        vocabulary = pd.Index(pd.unique(np.concatenate([[""], wanted, texts])))
        coded_anchors[col] = vocabulary.get_indexer(wanted)
        coded_rows[col] = vocabulary.get_indexer(texts)[inverse]
    coded_rows["rank"] = rows[Figure.level].map(LEVEL_RANK).to_numpy(np.int64)
    coded_rows["start"] = rows[Figure.period_start].to_numpy(np.int64)
    coded_rows["end"] = rows[Figure.period_end].to_numpy(np.int64)
    coded_rows["value"] = rows[Figure.value].to_numpy(np.float64)
    source, sources = pd.factorize(rows[Figure.source_id], sort=True)
    coded_rows["source"] = source
    return coded_anchors, coded_rows, [str(x) for x in sources]


def _year_bits(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """The years of each period as bits of an int64."""
    start, end = np.asarray(start, np.int64), np.asarray(end, np.int64)
    return np.left_shift((np.int64(1) << (end - start + 1)) - 1, start - _BASE_YEAR)


def _span_label(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}–{end}"


def _pairs(anchors: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Each anchor (coded, with ``a_rank``, ``a_start``, ``a_end``, ``a_sum``) with every
    result of its unit and of the units inside it whose period overlaps the anchor's
    (sub-units only for summable indicators); ``a`` numbers the anchor."""
    parts = []
    for level, rank in LEVEL_RANK.items():
        at_level = anchors["a_rank"].to_numpy() == rank
        if not at_level.any():
            continue
        keys = [*UNIT_CODES[level], Figure.indicator_id, Figure.unit]
        left = anchors.loc[at_level, [*keys, "a_rank", "a_start", "a_end", "a_sum"]].assign(
            a=np.flatnonzero(at_level))
        parts.append(left.merge(rows[rows["rank"] >= rank], on=keys))
    if not parts:
        return pd.DataFrame(columns=[*rows.columns, "a", "a_start", "a_end", "a_rank", "a_sum"])
    pairs = pd.concat(parts, ignore_index=True)
    overlap = (pairs["start"] <= pairs["a_end"]) & (pairs["end"] >= pairs["a_start"])
    own_or_summed = (pairs["rank"] == pairs["a_rank"]) | pairs["a_sum"]
    return pairs[overlap & own_or_summed].reset_index(drop=True)


def _covered_by_a_unit_above(pairs: pd.DataFrame) -> np.ndarray:
    """True for each pair whose result a unit above it (up to the anchor's unit) may already
    hold: that unit reports a result for an overlapping period."""
    covered = np.zeros(len(pairs), dtype=bool)
    for level, rank in LEVEL_RANK.items():
        above = pairs[pairs["rank"] == rank]
        below = pairs[pairs["rank"] > rank]
        if above.empty or below.empty:
            continue
        keys = ["a", *UNIT_CODES[level]]
        met = below[keys + ["start", "end"]].reset_index().merge(
            above[keys + ["start", "end"]], on=keys, suffixes=("", "_above"))
        hit = (met["start_above"] <= met["end"]) & (met["end_above"] >= met["start"])
        covered[met.loc[hit, "index"].to_numpy()] = True
    return covered


def _joined(groups: np.ndarray, codes: np.ndarray, names: list[str], n: int) -> np.ndarray:
    """Per group 0…n-1: the distinct ``names[codes]`` of its rows in code order, joined
    with ", " ("" for a group without rows)."""
    pairs = np.unique(np.asarray(groups, np.int64) * len(names) + np.asarray(codes, np.int64))
    out = np.full(n, "", dtype=object)
    if len(pairs):
        group, code = np.divmod(pairs, len(names))
        starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
        for g, chunk in zip(group[starts], np.split(code, starts[1:]), strict=True):
            out[g] = ", ".join(names[c] for c in chunk)
    return out


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
    n = len(anchors)
    coded, rows, sources = _coded(anchors, figures)
    aggregation = catalogue.set_index(Figure.indicator_id)["aggregation"]
    coded["a_rank"] = anchors[Figure.level].map(LEVEL_RANK).to_numpy(np.int64)
    coded["a_start"] = anchors[Figure.period_start].to_numpy(np.int64)
    coded["a_end"] = anchors[Figure.period_end].to_numpy(np.int64)
    coded["a_sum"] = (anchors[Figure.indicator_id].map(aggregation) == "sum").to_numpy(bool)
    pairs = _pairs(coded, rows)
    pairs = pairs[~_covered_by_a_unit_above(pairs)]
    inside = (pairs["start"] >= pairs["a_start"]) & (pairs["end"] <= pairs["a_end"])
    if exact_span:
        inside &= (pairs["start"] == pairs["a_start"]) & (pairs["end"] == pairs["a_end"])
    pairs = pairs[inside].reset_index(drop=True)
    if pairs.empty:
        return _no_results(anchors)

    # Each unit's own result: a whole-period result wins; else yearly results add up (summable)
    # or the latest period alone (not summable).
    unit = pairs.groupby(["a", *CODE_COLUMNS], sort=False).ngroup()
    whole = (pairs["start"] == pairs["a_start"]) & (pairs["end"] == pairs["a_end"])
    latest = pairs["end"] * 10_000 + pairs["start"]
    used = np.where(whole.groupby(unit).transform("any"), whole,
                    pairs["a_sum"] | (latest == latest.groupby(unit).transform("max")))
    pairs, unit = pairs[used].reset_index(drop=True), unit[used].reset_index(drop=True)

    span = pairs.assign(unit=unit).groupby(["unit", "start", "end"], sort=False).agg(
        a=("a", "first"), value=("value", "max"), rank=("rank", "first"),
        a_rank=("a_rank", "first")).reset_index()
    actual = np.full(n, np.nan)
    sums = span.groupby("a")["value"].sum()
    actual[sums.index.to_numpy(np.int64)] = sums.to_numpy()

    # Complete only when every unit counted reports every year of the period.
    span = span.sort_values("unit", kind="stable").reset_index(drop=True)
    unit_ids = span["unit"].to_numpy(np.int64)
    n_units = int(unit_ids.max()) + 1 if len(unit_ids) else 0
    have = group_or(unit_ids, _year_bits(span["start"], span["end"]), n_units)
    unit_anchor = np.zeros(n_units, dtype=np.int64)
    unit_anchor[unit_ids] = span["a"].to_numpy(np.int64)
    need = _year_bits(coded["a_start"], coded["a_end"])
    short = (have & need[unit_anchor]) != need[unit_anchor]
    covered = (np.bincount(unit_anchor[short], minlength=n) == 0) & ~np.isnan(actual)

    sub = span[span["rank"] > span["a_rank"]].drop_duplicates("unit")
    spans = sorted(set(zip(span["start"], span["end"], strict=True)))
    span_code = pd.MultiIndex.from_tuples(spans).get_indexer(
        pd.MultiIndex.from_arrays([span["start"], span["end"]]))
    return pd.DataFrame({
        "actual": actual,
        "covered": covered,
        "years_reported": _joined(span["a"], span_code, [_span_label(*x) for x in spans], n),
        "actual_source": _joined(pairs["a"], pairs["source"], sources, n),
        "rolled_up_units": np.bincount(sub["a"].to_numpy(np.int64), minlength=n),
        "rolled_up_from": _joined(sub["a"], sub["rank"], list(LEVELS), n),
    }, index=anchors.index)


def _no_results(anchors: pd.DataFrame) -> pd.DataFrame:
    n = len(anchors)
    return pd.DataFrame({"actual": np.full(n, np.nan), "covered": np.zeros(n, dtype=bool),
                         "years_reported": "", "actual_source": "",
                         "rolled_up_units": np.zeros(n, dtype=np.int64), "rolled_up_from": ""},
                        index=anchors.index)


def unit_anchors(figures: pd.DataFrame, level: str, start: int, end: int,
                 indicators: set[str] | None = None) -> pd.DataFrame:
    """One anchor (see :func:`results_to_date`) per unit of ``level``, indicator and unit of
    measure that has a result, its own or of a unit inside it, within ``start``–``end``.

    Raises
    ------
    ValueError
        ``level`` is not one of :data:`p8lib.contract.LEVELS`.
    """
    rows = _results_at_or_below(figures, level, indicators)
    rows = rows[((rows[Figure.period_start] >= start) & (rows[Figure.period_end] <= end))
                .to_numpy()]
    out = _distinct_keys(rows, [*UNIT_CODES[level], Figure.indicator_id, Figure.unit])
    return out.assign(level=level, period_start=start, period_end=end)[ANCHOR_COLUMNS]


def _results_at_or_below(figures: pd.DataFrame, level: str, indicators: set[str] | None,
                         below: bool = False) -> pd.DataFrame:
    """The results of ``indicators`` (None: all) at ``level`` or (``below``: only) under it."""
    if level not in LEVEL_RANK:
        raise ValueError(f"level must be one of {LEVELS}, got {level!r}")
    rank = figures[Figure.level].map(LEVEL_RANK).to_numpy(np.int64)
    keep = (figures[Figure.measure] == "actual").to_numpy() & (
        rank > LEVEL_RANK[level] if below else rank >= LEVEL_RANK[level])
    if indicators is not None:
        keep &= figures[Figure.indicator_id].isin(list(indicators)).to_numpy()
    return figures[keep]


def _distinct_keys(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Distinct ``keys`` of ``rows`` as plain text (codes: "" for none; every code column
    present), sorted; duplicates found on the (categorical) columns before any text is made."""
    distinct = rows[keys].drop_duplicates()
    out = pd.DataFrame({col: pd.Series(_text(distinct[col]), dtype=object)
                        if col in CODE_COLUMNS or distinct[col].dtype == object
                        or not pd.api.types.is_numeric_dtype(distinct[col])
                        else distinct[col].to_numpy() for col in keys})
    for col in CODE_COLUMNS:
        if col not in out:
            out[col] = ""
    return out.sort_values(keys).reset_index(drop=True)


def results_by_unit(figures: pd.DataFrame, catalogue: pd.DataFrame, level: str, start: int,
                    end: int, indicators: set[str] | None = None) -> pd.DataFrame:
    """:func:`results_to_date` of every unit of ``level`` with results in ``start``–``end``
    (:func:`unit_anchors`): the anchors' columns followed by the results' columns."""
    anchors = unit_anchors(figures, level, start, end, indicators)
    return pd.concat([anchors, results_to_date(figures, catalogue, anchors)], axis=1)


def rolled_up_figures(figures: pd.DataFrame, catalogue: pd.DataFrame, level: str
                      ) -> pd.DataFrame:
    """Figures that units of ``level`` do not report but the units inside them do: per unit,
    summable indicator, unit of measure and period, the sum of the results counted by the
    rule of this module for exactly that period.

    Returns
    -------
    DataFrame
        Rows in :data:`p8lib.contract.FIGURE_COLUMNS` (``measure`` "actual", ``source_id``
        the summed figures' sources, ``quote`` and ``note`` empty) plus ``rolled_up_units``
        and ``rolled_up_from``; none for a period a unit reports itself.
    """
    aggregation = catalogue.set_index(Figure.indicator_id)["aggregation"]
    summable = set(aggregation.index[aggregation == "sum"])
    rows = _results_at_or_below(figures, level, summable, below=True)
    anchors = _distinct_keys(rows, [*UNIT_CODES[level], Figure.indicator_id, Figure.unit,
                                    Figure.period_start, Figure.period_end])
    anchors = anchors.assign(level=level)[ANCHOR_COLUMNS]
    got = results_to_date(figures, catalogue, anchors, exact_span=True)
    keep = (got["rolled_up_units"] > 0).to_numpy()
    out = anchors[keep].assign(measure="actual", value=got["actual"][keep],
                               source_id=got["actual_source"][keep], quote=None, note=None)
    for col in CODE_COLUMNS:
        out[col] = out[col].replace("", None)
    return pd.concat([out[FIGURE_COLUMNS], got.loc[keep, ["rolled_up_units", "rolled_up_from"]]],
                     axis=1).reset_index(drop=True)


def with_rolled_up(figures: pd.DataFrame, catalogue: pd.DataFrame, level: str) -> pd.DataFrame:
    """``figures`` followed by :func:`rolled_up_figures` for ``level``: what a chart of that
    level's targets and results draws. Own figures have ``rolled_up_units`` 0."""
    own = figures.assign(rolled_up_units=0, rolled_up_from="")
    rolled = rolled_up_figures(figures, catalogue, level)
    return own if rolled.empty else pd.concat([own, rolled], ignore_index=True)
