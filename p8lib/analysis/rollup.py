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

from p8lib import units
from p8lib.analysis.grouping import group_or
from p8lib.analysis.vintages import is_2025
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
    # Only the columns used, then the rows: selecting rows of all thirteen costs more.
    rows = figures[[*_KEYS, Figure.level, Figure.period_start, Figure.period_end, Figure.value,
                    Figure.source_id]][keep.to_numpy()]
    anchor_codes, row_codes = {}, {}
    for col in _KEYS:
        texts, inverse = _factorized(rows[col])
        wanted = _text(anchors[col])
        vocabulary = pd.Index(pd.unique(np.concatenate([[""], wanted, texts])))
        anchor_codes[col] = vocabulary.get_indexer(wanted)
        row_codes[col] = vocabulary.get_indexer(texts)[inverse]
    levels, level_of = _factorized(rows[Figure.level])
    row_codes["rank"] = np.asarray([LEVEL_RANK.get(x, -1) for x in levels],
                                   dtype=np.int64)[level_of]
    row_codes["start"] = rows[Figure.period_start].to_numpy(np.int64)
    row_codes["end"] = rows[Figure.period_end].to_numpy(np.int64)
    row_codes["value"] = rows[Figure.value].to_numpy(np.float64)
    names, row_codes["source"] = _factorized(rows[Figure.source_id])
    order = np.argsort(names)  # sources listed in id order
    row_codes["source"] = np.argsort(order)[row_codes["source"]]
    return (pd.DataFrame(anchor_codes), pd.DataFrame(row_codes),
            [str(x) for x in names[order]])


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

    return _reduced(pairs, coded, sources, anchors.index)


def _reduced(pairs: pd.DataFrame, coded: pd.DataFrame, sources: list[str],
             index: pd.Index) -> pd.DataFrame:
    """:func:`results_to_date`'s columns from the counted (anchor, result) pairs, in numpy
    (a drill-down's few hundred pairs cost pandas' per-call overhead many times over)."""
    n = len(coded)
    col = {c: pairs[c].to_numpy() for c in ("a", "start", "end", "value", "rank", "source")}
    a, start, end, rank = col["a"], col["start"], col["end"], col["rank"]
    a_start, a_end = coded["a_start"].to_numpy()[a], coded["a_end"].to_numpy()[a]
    a_sum, a_rank = coded["a_sum"].to_numpy()[a], coded["a_rank"].to_numpy()[a]
    # Each unit's own result: a whole-period result wins; else yearly results add up
    # (summable) or the latest period alone (not summable).
    key = a.astype(np.int64)
    for column in CODE_COLUMNS:  # codes index vocabularies of a few thousand: no overflow
        codes = pairs[column].to_numpy().astype(np.int64)
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
    value, source, a_rank = col["value"][used], col["source"][used], a_rank[used]
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
    have = group_or(s_unit[order], _year_bits(s_start, s_end)[order], n_units)
    unit_anchor = np.zeros(n_units, dtype=np.int64)
    unit_anchor[s_unit] = s_a
    need = _year_bits(coded["a_start"], coded["a_end"])[unit_anchor]
    present = np.bincount(s_unit, minlength=n_units) > 0
    short = present & ((have & need) != need)
    covered = counted & (np.bincount(unit_anchor[short], minlength=n) == 0)

    below = s_rank > s_a_rank
    sub_unit, sub_first = np.unique(s_unit[below], return_index=True)
    sub_a, sub_rank = s_a[below][sub_first], s_rank[below][sub_first]
    span_key = s_start * 10_000 + s_end
    spans, span_code = np.unique(span_key, return_inverse=True)
    labels = [_span_label(int(k) // 10_000, int(k) % 10_000) for k in spans]
    return pd.DataFrame({
        "actual": actual,
        "covered": covered,
        "years_reported": _joined(s_a, span_code.reshape(-1), labels, n),
        "actual_source": _joined(a, source, sources, n),
        "rolled_up_units": np.bincount(sub_a, minlength=n) if len(sub_unit) else np.zeros(
            n, dtype=np.int64),
        "rolled_up_from": _joined(sub_a, sub_rank, list(LEVELS), n),
    }, index=index)


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
    wanted = [lv for lv, rank in LEVEL_RANK.items()
              if (rank > LEVEL_RANK[level] if below else rank >= LEVEL_RANK[level])]
    # Units are nested by their 2021 codes: the rows of the 2025 units roll up nowhere.
    keep = ((figures[Figure.measure] == "actual") & figures[Figure.level].isin(wanted)
            ).to_numpy() & ~is_2025(figures)
    if indicators is not None:
        keep = keep & figures[Figure.indicator_id].isin(list(indicators)).to_numpy()
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
    out[Figure.vintage] = units.OLD
    return pd.concat([out[FIGURE_COLUMNS], got.loc[keep, ["rolled_up_units", "rolled_up_from"]]],
                     axis=1).reset_index(drop=True)


def with_rolled_up(figures: pd.DataFrame, catalogue: pd.DataFrame, level: str) -> pd.DataFrame:
    """``figures`` followed by :func:`rolled_up_figures` for ``level``: what a chart of that
    level's targets and results draws. Own figures have ``rolled_up_units`` 0."""
    own = figures.assign(rolled_up_units=0, rolled_up_from="")
    rolled = rolled_up_figures(figures, catalogue, level)
    return own if rolled.empty else pd.concat([own, rolled], ignore_index=True)
