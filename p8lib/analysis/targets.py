"""Attainment of targets: actual to date ÷ target, for the same unit, indicator, unit of
measure and phase.

"Actual to date" is a result that covers the target's whole period when a report gives one
(a phase review), else the sum of the yearly results inside the period (``partial`` until
every year is reported). Results reported below the target's unit (a province's communes)
roll up to it by the rule of :mod:`p8lib.analysis.rollup`, marked as such. What cannot be
compared keeps a status and a missing percentage — never 0 %.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from p8lib.analysis import rollup
from p8lib.analysis.grouping import group_or
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


def _empty_code(column: pd.Series) -> pd.Series:
    """True where a code column holds no code (missing or the empty string)."""
    return column.isna() | (column.astype("string") == "").fillna(True)


def _unit_indicator_key(frame: pd.DataFrame) -> np.ndarray:
    """One integer per row naming its (vintage, unit codes, indicator): equal rows, equal keys.

    A missing code and an empty one are the same "no code"; the same codes in the 2021 and
    the 2025 units are different units. Column codes are combined arithmetically,
    re-factorised only when the product of their sizes nears int64's range.
    """
    key, span = is_2025(frame).astype(np.int64), 2
    for col in [*CODE_COLUMNS, Figure.indicator_id]:
        codes, uniques = pd.factorize(frame[col], use_na_sentinel=True)
        if col in CODE_COLUMNS:
            empty = np.flatnonzero(_empty_code(pd.Series(uniques, dtype=object)).to_numpy())
            codes = np.where(np.isin(codes, empty), -1, codes)
        size = len(uniques) + 1
        if span * size >= 2**62:
            key = pd.factorize(key)[0].astype(np.int64)
            span = int(key.max()) + 1
        key, span = key * size + (codes + 1), span * size
    return key


def _span_codes(start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Each span as a code into its label ("2023", "2021–2025"), codes in span order."""
    codes, spans = pd.factorize(start.astype(np.int64) * 10_000 + end, sort=True)
    return codes, [str(a) if a == b else f"{a}–{b}"
                   for a, b in zip(spans // 10_000, spans % 10_000, strict=True)]


def _joined(group: np.ndarray, codes: np.ndarray, names: list[str], n_groups: int
            ) -> pd.Categorical:
    """Per group 0…n_groups-1 of a sorted ``group``: the distinct ``names[codes]`` of its
    rows in code order, joined with ", " ("" for a group without rows).

    Few distinct names (spans, sources) are the rule: each group's set is then a bit mask,
    and only the distinct masks are turned into text.
    """
    if len(names) <= 62:
        masks = group_or(group, np.left_shift(np.int64(1), codes.astype(np.int64)), n_groups)
        distinct, inverse = np.unique(masks, return_inverse=True)
        texts = [", ".join(names[b] for b in range(len(names)) if m >> b & 1) for m in distinct]
        return pd.Categorical.from_codes(inverse.reshape(-1), categories=texts)
    out = np.full(n_groups, "", dtype=object)
    pairs = pd.DataFrame({"g": group, "c": codes}).drop_duplicates().sort_values(["g", "c"])
    joined = pd.Series(np.asarray(names, dtype=object)[pairs["c"].to_numpy()]).groupby(
        pairs["g"].to_numpy()).agg(", ".join)
    out[joined.index.to_numpy()] = joined.to_numpy()
    return pd.Categorical(out)


def _stack(*parts: pd.Categorical) -> pd.Categorical:
    """The parts one after the other, in one categorical (categories: their union)."""
    categories = list(dict.fromkeys(c for part in parts for c in part.categories))
    position = {c: i for i, c in enumerate(categories)}
    codes = [np.r_[np.array([position[c] for c in part.categories], dtype=np.int64), -1][
        part.codes] for part in parts]
    return pd.Categorical.from_codes(np.concatenate(codes), categories=categories)


def _years_covered(t: np.ndarray, start: np.ndarray, end: np.ndarray, n_t: int) -> np.ndarray:
    """How many distinct years the spans of each target (sorted ``t``) cover."""
    if len(t) and end.max() - start.min() < 62:
        base = start.min()
        bits = np.left_shift((np.int64(1) << (end - start + 1)) - 1, start - base)
        return np.bitwise_count(group_or(t, bits, n_t))
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
    return _with_rolled_up(_own_attainment(own, catalogue), figures, catalogue)


def _with_rolled_up(out: pd.DataFrame, figures: pd.DataFrame, catalogue: pd.DataFrame
                    ) -> pd.DataFrame:
    """``out`` (:func:`_own_attainment`) with the targets' results rolled up from below."""
    out = out.assign(rolled_up_units=np.zeros(len(out), dtype=np.int64), rolled_up_from="")
    summable = catalogue.loc[catalogue["aggregation"] == "sum", Figure.indicator_id]
    maybe = (out["target"].notna() & (out[Figure.level] != "commune")
             & out[Figure.indicator_id].isin(list(summable))).to_numpy() & ~is_2025(out)
    if not maybe.any():
        return out
    anchors = out.loc[maybe, rollup.ANCHOR_COLUMNS]
    got = rollup.results_to_date(figures, catalogue, anchors)
    got = got[got["rolled_up_units"] > 0]
    if got.empty:
        return out
    rows = got.index
    out.loc[rows, "actual"] = got["actual"]
    out.loc[rows, "status"] = np.where(got["covered"], "complete", "partial")
    for col in ("years_reported", "actual_source", "rolled_up_units", "rolled_up_from"):
        out.loc[rows, col] = got[col]
    target = out.loc[rows, "target"]
    out.loc[rows, "attainment_pct"] = (100 * got["actual"] / target).where(target > 0)
    return out


def _own_attainment(figures: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """:func:`attainment` from each target's own unit's results only."""
    cat = catalogue.set_index(Figure.indicator_id)
    key = _unit_indicator_key(figures)
    # Units and sources as integer codes: compared and grouped without touching strings.
    unit_code, units_ = pd.factorize(figures[Figure.unit])
    source_code, sources = pd.factorize(figures[Figure.source_id], sort=True)
    sources = [str(s) for s in sources]
    value = figures[Figure.value].to_numpy(np.float64)
    is_target = (figures[Figure.measure] == "target").to_numpy(bool)
    is_actual = (figures[Figure.measure] == "actual").to_numpy(bool)
    vintage = [Figure.vintage] if Figure.vintage in figures.columns else []
    columns = [*UNIT_KEYS, *vintage, Figure.indicator_id, Figure.period_start, Figure.period_end]
    targets = figures.loc[is_target, columns]
    n_t = len(targets)
    t_start = targets[Figure.period_start].to_numpy(np.int64)
    t_end = targets[Figure.period_end].to_numpy(np.int64)
    t_unit = unit_code[is_target]
    a_all_start = figures.loc[is_actual, Figure.period_start].to_numpy(np.int64)
    a_all_end = figures.loc[is_actual, Figure.period_end].to_numpy(np.int64)

    pairs = pd.DataFrame({"k": key[is_target], "t": np.arange(n_t)}).merge(
        pd.DataFrame({"k": key[is_actual], "a": np.arange(int(is_actual.sum()))}), on="k")
    t, a = pairs["t"].to_numpy(), pairs["a"].to_numpy()
    inside = (a_all_start[a] >= t_start[t]) & (a_all_end[a] <= t_end[t])
    t, a = t[inside], a[inside]
    if len(t) > 1 and (np.diff(t) < 0).any():  # grouped reductions below need t sorted
        order = np.argsort(t, kind="stable")
        t, a = t[order], a[order]
    a_start, a_end = a_all_start[a], a_all_end[a]
    a_value = value[is_actual][a]
    same = unit_code[is_actual][a] == t_unit[t]
    whole = same & (a_start == t_start[t]) & (a_end == t_end[t])

    has_inside = np.bincount(t, minlength=n_t) > 0
    has_same = np.bincount(t[same], minlength=n_t) > 0
    has_whole = np.bincount(t[whole], minlength=n_t) > 0
    aggregation = targets[Figure.indicator_id].map(cat["aggregation"]).astype(object)
    summable = (aggregation == "sum").to_numpy(bool)

    actual = np.full(n_t, np.nan)
    whole_max = pd.Series(a_value[whole]).groupby(t[whole]).max()
    actual[whole_max.index.to_numpy()] = whole_max.to_numpy()
    # Several reports of the same span: count it once, with its largest figure.
    yearly = same & summable[t] & ~has_whole[t]
    y_t, y_value = t[yearly], a_value[yearly]
    y_key = pd.Series(y_t * 10**8 + a_start[yearly] * 10**4 + a_end[yearly])
    repeated = y_key.duplicated(keep=False).to_numpy()
    sums = np.bincount(y_t[~repeated], weights=y_value[~repeated], minlength=n_t)
    if repeated.any():
        best = pd.Series(y_value[repeated]).groupby(y_key[repeated].to_numpy()).max()
        sums += np.bincount(best.index.to_numpy() // 10**8, weights=best.to_numpy(),
                            minlength=n_t)
    added = np.bincount(y_t, minlength=n_t) > 0
    actual[added] = sums[added]
    full = _years_covered(y_t, a_start[yearly], a_end[yearly], n_t) >= t_end - t_start + 1

    status = np.zeros(n_t, dtype=np.int64)  # codes into STATUSES
    codes = {s: i for i, s in enumerate(STATUSES)}
    status[:] = codes["no_result"]
    status[has_inside & ~has_same] = codes["different_unit"]
    status[has_same & ~has_whole & ~summable] = codes["not_summable"]
    status[added] = np.where(full[added], codes["complete"], codes["partial"])
    status[has_whole] = codes["complete"]

    # Which figures each status names: the whole-period ones, the same-unit ones, or all.
    named = np.where(has_whole[t], whole, np.where(has_same[t], same, True))
    span_code, span_names = _span_codes(a_start[named], a_end[named])
    years_reported = _joined(t[named], span_code, span_names, n_t)
    by_source = np.where(has_whole[t], whole, True)
    actual_source = _joined(t[by_source], source_code[is_actual][a[by_source]], sources, n_t)

    used = np.zeros(int(is_actual.sum()), dtype=bool)
    used[a] = True
    rest_codes, rest_names = _span_codes(a_all_start[~used], a_all_end[~used])
    rest_rows = np.flatnonzero(is_actual)[~used]
    n_rest = len(rest_rows)
    unit_cats = [str(u) for u in units_]

    def text(codes_: np.ndarray, names: list[str]) -> pd.Categorical:
        return pd.Categorical.from_codes(codes_, categories=names)

    blank = text(np.zeros(n_rest, dtype=np.int64), [""])
    out = pd.concat([targets, figures.iloc[rest_rows][columns]], ignore_index=True)
    out = out.assign(
        target=np.r_[value[is_target], np.full(n_rest, np.nan)],
        actual=np.r_[actual, value[rest_rows]],
        unit=text(np.r_[t_unit, unit_code[rest_rows]], unit_cats),
        years_reported=_stack(years_reported, text(rest_codes, rest_names)),
        status=text(np.r_[status, np.full(n_rest, codes["no_target"])], list(STATUSES)),
        target_source=_stack(text(source_code[is_target], sources), blank),
        actual_source=_stack(actual_source, text(source_code[rest_rows], sources)))
    # Built as categoricals (cheap), handed out as plain text: callers filter, map and
    # export these columns like any other text.
    for col in ("unit", "years_reported", "status", "target_source", "actual_source"):
        out[col] = out[col].astype(str)
    comparable = out["status"].isin(["complete", "partial"])
    out["attainment_pct"] = (100 * out["actual"] / out["target"]).where(
        comparable & (out["target"] > 0))
    out.insert(out.columns.get_loc("indicator_id") + 1, "content_area",
               out["indicator_id"].map(cat["content_area"]).astype("Int64"))
    return out


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
