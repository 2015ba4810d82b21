"""Attainment of targets: actual to date ÷ target, for the same unit, indicator, unit of
measure and phase.

"Actual to date" is a result that covers the target's whole period when a report gives one
(a phase review), else the sum of the yearly results inside the period (``partial`` until
every year is reported). Results reported below the target's unit (a province's communes)
roll up to it by the rule of :mod:`p8lib.analysis.rollup`, marked as such. What cannot be
compared keeps a status and a missing percentage — never 0 %.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from p8lib.analysis import rollup
from p8lib.analysis.grouping import (
    column_codes,
    equal_pairs,
    group_max,
    group_or,
    joined_names,
    per_row,
    tuple_keys,
    used_codes,
    values_at,
    year_bits,
)
from p8lib.analysis.metrics import filter_figures
from p8lib.analysis.vintages import is_2025
from p8lib.contract import CODE_COLUMNS, Figure

UNIT_KEYS = [*CODE_COLUMNS, Figure.level]
# Status of an attainment row, in the order the app lists them.
STATUSES = {
    "complete": "actual covers the whole target period",
    "partial": "only some years of the period are reported",
    "no_result": "target without any reported result",
    "no_target": "result without a target for the same unit and period",
    "different_unit": "result and target are in different units",
    "not_summable": "yearly results of a share cannot be added up",
}


class _Texts(NamedTuple):
    """A text column as integer codes into its names (-1: missing): a categorical without
    the cost of making one, turned into text once, when the frame is made."""

    codes: np.ndarray
    names: list[str]

    def array(self) -> pd.api.extensions.ExtensionArray:
        """The column as text (pandas' ``str``), missing where a code is -1."""
        return pd.array(self.names, dtype="str").take(self.codes, allow_fill=True)

    def put(self, rows: np.ndarray, texts: np.ndarray) -> _Texts:
        """This column with ``texts`` at positions ``rows``."""
        names, inverse = np.unique(np.asarray(texts, dtype=object), return_inverse=True)
        codes = self.codes.copy()
        codes[rows] = len(self.names) + inverse.reshape(-1)
        return _Texts(codes, [*self.names, *names])


def _stack(*parts: _Texts) -> _Texts:
    """The parts one after the other, in one column."""
    codes, offset = [], 0
    for part in parts:
        codes.append(np.where(part.codes < 0, -1, part.codes + offset))
        offset += len(part.names)
    return _Texts(np.concatenate(codes), [name for part in parts for name in part.names])


def _is(codes: np.ndarray, names: np.ndarray, value: str) -> np.ndarray:
    """True for the rows whose code names ``value`` (missing: False)."""
    return per_row(codes, names == value, False)


def _unit_indicator_key(frame: pd.DataFrame) -> np.ndarray:
    """One integer per row naming its (vintage, unit codes, indicator): equal rows, equal keys.

    A missing code and an empty one are the same "no code"; the same codes in the 2021 and
    the 2025 units are different units.
    """
    columns = [is_2025(frame).astype(np.int64)]
    for col in [*CODE_COLUMNS, Figure.indicator_id]:
        codes, uniques = column_codes(frame[col])
        if col in CODE_COLUMNS:
            empty = pd.isna(uniques) | (uniques == "")
            codes = np.where(per_row(codes, empty, True), -1, codes)
        columns.append(codes + 1)
    return tuple_keys(columns, len(frame))


def _span_codes(start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Each span as a code into its label ("2023", "2021–2025"), codes in span order."""
    spans, codes = np.unique(start.astype(np.int64) * 10_000 + end, return_inverse=True)
    return codes.reshape(-1), [str(a) if a == b else f"{a}–{b}"
                               for a, b in zip(spans // 10_000, spans % 10_000, strict=True)]


def _joined(group: np.ndarray, codes: np.ndarray, names: list[str], n_groups: int) -> _Texts:
    """Per group 0…n_groups-1: the distinct ``names[codes]`` of its rows in code order,
    joined with ", " ("" for a group without rows)
    (:func:`p8lib.analysis.grouping.joined_names`)."""
    return _Texts(*joined_names(group, codes, names, n_groups))


def _years_covered(t: np.ndarray, start: np.ndarray, end: np.ndarray, n_t: int) -> np.ndarray:
    """How many distinct years the spans of each target (sorted ``t``) cover."""
    if len(t) and end.max() - start.min() < 62:
        return np.bitwise_count(group_or(t, year_bits(start, end, start.min()), n_t))
    lengths = end - start + 1
    offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    years = pd.DataFrame({"t": np.repeat(t, lengths),
                          "y": np.repeat(start, lengths) + offsets}).drop_duplicates()
    return np.bincount(years["t"].to_numpy(), minlength=n_t)


def attainment(figures: pd.DataFrame, catalogue: pd.DataFrame, level: str | None = None
               ) -> pd.DataFrame:
    """One row per target (and per result without a target) with its attainment.

    Parameters
    ----------
    figures : DataFrame
        The figures table (:class:`p8lib.contract.schema.Figure`).
    catalogue : DataFrame
        The indicator catalogue; its ``aggregation`` says whether yearly results add up
        and whether results of units inside a target's unit roll up to it (an indicator
        missing from it is treated as not summable).
    level : str, optional
        Only the targets and results of this level (``"province"``…) are listed; the results
        of the units below still roll up to them. Cheaper than filtering the output when
        most figures are of another level.

    Returns
    -------
    DataFrame
        Unit codes and level (and ``vintage`` when the figures have it), ``indicator_id``,
        ``content_area``, ``period_start``,
        ``period_end``, ``target``, ``actual``, ``unit``, ``years_reported`` (e.g.
        "2022, 2023"), ``status`` (a key of :data:`STATUSES`), ``target_source``,
        ``actual_source``, ``attainment_pct`` (missing unless comparable),
        ``rolled_up_units`` and ``rolled_up_from`` (how many units inside the target's unit,
        of which levels, gave the ``actual``; 0 and "" when it is the unit's own). Targets
        come first, in their order in ``figures``, then the results no target of their own
        unit uses (a commune's result summed into its province's target is also listed at
        its own level, as without a target).

    Notes
    -----
    A target's own results are found vectorised: targets are joined to the results of the
    same unit and indicator whose period lies inside theirs, and each target's figures are
    reduced by group. A result for the whole period wins over yearly ones (the largest if
    several); yearly results of a summable indicator add up, each span counted once with its
    largest figure. Targets of a summable indicator above commune level are then given the
    results of the units inside them (:func:`p8lib.analysis.rollup.results_to_date`) where
    those count: never a result that a unit above it reports for an overlapping period.
    """
    own = figures if level is None else filter_figures(figures, level=level)
    rows, columns = _own_attainment(own, catalogue)
    columns = _with_rolled_up(own, rows, columns, figures, catalogue)
    return _frame(own, rows, columns, catalogue)


# The columns of an attainment row made by the functions below (the others are the figures').
_OWN_COLUMNS = ["target", "actual", "unit", "years_reported", "status", "target_source",
                "actual_source", "attainment_pct", "rolled_up_units", "rolled_up_from"]
_STATUS = {status: code for code, status in enumerate(STATUSES)}


def _own_attainment(figures: pd.DataFrame, catalogue: pd.DataFrame
                    ) -> tuple[np.ndarray, dict[str, np.ndarray | _Texts]]:
    """:func:`attainment` from each target's own unit's results only: the positions in
    ``figures`` of the rows it lists (the targets, then the results no target uses), and its
    columns of :data:`_OWN_COLUMNS` but ``attainment_pct`` (arrays; text as :class:`_Texts`).

    Arrays, not a frame: :func:`_with_rolled_up` writes into them, and the frame is made
    once (:func:`_frame`) — on the shipped figures, pandas' cost per call was most of the time.
    """
    key = _unit_indicator_key(figures)
    # Units, sources, indicators as integer codes: compared and grouped without touching
    # strings.
    unit_code, units_ = column_codes(figures[Figure.unit])
    source_code, sources = used_codes(*column_codes(figures[Figure.source_id], sort=True))
    sources = [str(s) for s in sources]
    indicator_code, indicator_ids = column_codes(figures[Figure.indicator_id])
    measure_code, measures = column_codes(figures[Figure.measure])
    target_rows = np.flatnonzero(_is(measure_code, measures, "target"))
    actual_rows = np.flatnonzero(_is(measure_code, measures, "actual"))
    value = figures[Figure.value].to_numpy(np.float64)
    all_start = figures[Figure.period_start].to_numpy(np.int64)
    all_end = figures[Figure.period_end].to_numpy(np.int64)
    n_t = len(target_rows)
    t_start, t_end = all_start[target_rows], all_end[target_rows]
    t_unit = unit_code[target_rows]
    a_all_start, a_all_end = all_start[actual_rows], all_end[actual_rows]

    # Each target with the results of its unit and indicator whose period lies inside its
    # own, by target (the grouped reductions below need t sorted).
    t, a = equal_pairs(key[target_rows], key[actual_rows])
    inside = (a_all_start[a] >= t_start[t]) & (a_all_end[a] <= t_end[t])
    t, a = t[inside], a[inside]
    a_start, a_end = a_all_start[a], a_all_end[a]
    a_value = value[actual_rows][a]
    same = unit_code[actual_rows][a] == t_unit[t]
    whole = same & (a_start == t_start[t]) & (a_end == t_end[t])

    has_inside = np.bincount(t, minlength=n_t) > 0
    has_same = np.bincount(t[same], minlength=n_t) > 0
    has_whole = np.bincount(t[whole], minlength=n_t) > 0
    summable_ids = rollup.summable_ids(catalogue)
    summable = per_row(indicator_code[target_rows],
                        [i in summable_ids for i in indicator_ids], False).astype(bool)

    actual = group_max(t[whole], a_value[whole], n_t)
    # Several reports of the same span: count it once, with its largest figure.
    yearly = same & summable[t] & ~has_whole[t]
    y_t, y_value = t[yearly], a_value[yearly]
    y_key = y_t * 10**8 + a_start[yearly] * 10**4 + a_end[yearly]
    spans, y_span, reports = np.unique(y_key, return_inverse=True, return_counts=True)
    repeated = (reports > 1)[y_span.reshape(-1)]
    # As floats even without a single report (bincount of no rows gives integers).
    sums = np.bincount(y_t[~repeated], weights=y_value[~repeated], minlength=n_t
                       ).astype(np.float64)
    if repeated.any():
        best = np.full(len(spans), np.nan)  # NaN: fmax skips missing figures, as max() does
        np.fmax.at(best, y_span.reshape(-1)[repeated], y_value[repeated])
        several = reports > 1
        sums += np.bincount(spans[several] // 10**8, weights=best[several], minlength=n_t)
    added = np.bincount(y_t, minlength=n_t) > 0
    actual[added] = sums[added]
    full = _years_covered(y_t, a_start[yearly], a_end[yearly], n_t) >= t_end - t_start + 1

    status = np.full(n_t, _STATUS["no_result"], dtype=np.int64)
    status[has_inside & ~has_same] = _STATUS["different_unit"]
    status[has_same & ~has_whole & ~summable] = _STATUS["not_summable"]
    status[added] = np.where(full[added], _STATUS["complete"], _STATUS["partial"])
    status[has_whole] = _STATUS["complete"]

    # Which figures each status names: the whole-period ones, the same-unit ones, or all.
    named = np.where(has_whole[t], whole, np.where(has_same[t], same, True))
    span_code, span_names = _span_codes(a_start[named], a_end[named])
    years_reported = _joined(t[named], span_code, span_names, n_t)
    by_source = np.where(has_whole[t], whole, True)
    actual_source = _joined(t[by_source], source_code[actual_rows][a[by_source]], sources, n_t)

    used = np.zeros(len(actual_rows), dtype=bool)
    used[a] = True
    rest_codes, rest_names = _span_codes(a_all_start[~used], a_all_end[~used])
    rest_rows = actual_rows[~used]
    n_rest = len(rest_rows)
    rows = np.concatenate([target_rows, rest_rows])
    return rows, {
        "target": np.concatenate([value[target_rows], np.full(n_rest, np.nan)]),
        "actual": np.concatenate([actual, value[rest_rows]]),
        "unit": _Texts(unit_code[rows], [str(u) for u in units_]),
        "years_reported": _stack(years_reported, _Texts(rest_codes, rest_names)),
        "status": _Texts(np.concatenate([status, np.full(n_rest, _STATUS["no_target"])]),
                         list(STATUSES)),
        "target_source": _stack(_Texts(source_code[target_rows], sources),
                                _Texts(np.zeros(n_rest, dtype=np.int64), [""])),
        "actual_source": _stack(actual_source, _Texts(source_code[rest_rows], sources)),
        "rolled_up_units": np.zeros(len(rows), dtype=np.int64),
        "rolled_up_from": _Texts(np.zeros(len(rows), dtype=np.int64), [""]),
    }


def _with_rolled_up(own: pd.DataFrame, rows: np.ndarray,
                    columns: dict[str, np.ndarray | _Texts], figures: pd.DataFrame,
                    catalogue: pd.DataFrame) -> dict[str, np.ndarray | _Texts]:
    """``columns`` (:func:`_own_attainment` of ``own``) with the targets' results rolled up
    from below (:func:`p8lib.analysis.rollup.results_to_date` of ``figures``)."""
    summable_ids = rollup.summable_ids(catalogue)
    indicator_code, indicator_ids = column_codes(own[Figure.indicator_id])
    level_code, levels = column_codes(own[Figure.level])
    maybe = (~np.isnan(columns["target"])
             & ~_is(level_code[rows], levels, "commune")
             & per_row(indicator_code[rows], [i in summable_ids for i in indicator_ids],
                        False).astype(bool)
             & ~is_2025(own)[rows])
    if not maybe.any():
        return columns
    # The anchors as arrays: the targets' codes, level and indicator as the figures give
    # them, their unit as attainment lists it.
    at = rows[maybe]
    anchors = {col: values_at(own[col], at)
               for col in [*CODE_COLUMNS, Figure.level, Figure.indicator_id]}
    unit = columns["unit"]
    anchors[Figure.unit] = np.asarray([*unit.names, None], dtype=object)[unit.codes[maybe]]
    for col in (Figure.period_start, Figure.period_end):
        anchors[col] = own[col].to_numpy(np.int64)[at]
    got = rollup._results(figures, catalogue, anchors)
    if got is None:
        return columns
    counted = got["rolled_up_units"] > 0
    if not counted.any():
        return columns
    to = np.flatnonzero(maybe)[counted]
    columns = dict(columns)
    columns["actual"] = columns["actual"].copy()
    columns["actual"][to] = got["actual"][counted]
    status = columns["status"].codes.copy()
    status[to] = np.where(got["covered"][counted], _STATUS["complete"], _STATUS["partial"])
    columns["status"] = _Texts(status, columns["status"].names)
    for col in ("years_reported", "actual_source", "rolled_up_from"):
        columns[col] = columns[col].put(to, got[col][counted])
    columns["rolled_up_units"] = columns["rolled_up_units"].copy()
    columns["rolled_up_units"][to] = got["rolled_up_units"][counted]
    return columns


def _frame(own: pd.DataFrame, rows: np.ndarray, columns: dict[str, np.ndarray | _Texts],
           catalogue: pd.DataFrame) -> pd.DataFrame:
    """The attainment frame: the figures' unit, indicator and period columns at ``rows``,
    ``content_area``, then ``columns`` with ``attainment_pct``."""
    vintage = [Figure.vintage] if Figure.vintage in own.columns else []
    indicator_code, indicator_ids = column_codes(own[Figure.indicator_id])
    area = dict(zip(catalogue[Figure.indicator_id].tolist(), catalogue["content_area"].tolist(),
                    strict=True))
    content_area = pd.array([area.get(i) for i in indicator_ids], dtype="Int64").take(
        indicator_code[rows], allow_fill=True)
    target, actual = columns["target"], columns["actual"]
    comparable = np.isin(columns["status"].codes, [_STATUS["complete"], _STATUS["partial"]])
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(comparable & (target > 0), 100 * actual / target, np.nan)
    made = {**columns, "attainment_pct": pct}
    out = {}
    for col in [*UNIT_KEYS, *vintage, Figure.indicator_id, Figure.period_start,
                Figure.period_end]:
        out[col] = _column_at(own[col], rows)
        if col == Figure.indicator_id:
            out["content_area"] = content_area
    for col in _OWN_COLUMNS:
        out[col] = made[col].array() if isinstance(made[col], _Texts) else made[col]
    return pd.DataFrame(out, index=pd.RangeIndex(len(rows)))


def _column_at(column: pd.Series, rows: np.ndarray
               ) -> pd.api.extensions.ExtensionArray | pd.Series:
    """A column's values at positions ``rows``, of its dtype, for a frame indexed 0…n-1.

    Columns are taken one by one: a frame's column selection and ``take`` cost more than the
    attainment's arithmetic on the shipped figures.
    """
    if column.dtype == object:  # a frame made of an object array would infer text
        return pd.Series(column.to_numpy()[rows], dtype=object)
    return column.array.take(rows)


def attainment_by_content_area(attain: pd.DataFrame, level: str = "national") -> pd.DataFrame:
    """Mean attainment of the comparable indicators of each content area at one level.

    Indicators of different units cannot be added, so a content area's attainment is the
    mean of its indicators' percentages. Returns ``content_area``, ``attainment_pct``,
    ``indicators`` (how many were compared) for areas 1–4 (missing where none).
    """
    rows = attain[(attain[Figure.level] == level) & attain["attainment_pct"].notna()]
    grouped = rows.groupby("content_area")["attainment_pct"].agg(["mean", "count"])
    grouped = grouped.reindex(pd.Index([1, 2, 3, 4], name="content_area"))
    return pd.DataFrame({"content_area": grouped.index,
                         "attainment_pct": grouped["mean"].to_numpy(),
                         "indicators": grouped["count"].fillna(0).astype(int).to_numpy()})
