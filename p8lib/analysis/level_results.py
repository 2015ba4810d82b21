"""A level's units and their results, rolled up as :mod:`p8lib.analysis.rollup` rules: what
a map of that level colours and a chart of its targets and results draws.

* :func:`unit_anchors` — one anchor per unit of a level, indicator and unit of measure with a
  result (its own or of a unit inside it) within a period;
* :func:`results_by_unit` — those anchors with their results to date;
* :func:`rolled_up_figures` / :func:`with_rolled_up` — the figures units of a level do not
  report but the units inside them do, as figure rows beside their own.
"""

from __future__ import annotations

import pandas as pd

from p8lib import units
from p8lib.analysis.grouping import text_or_empty
from p8lib.analysis.rollup import (
    ANCHOR_COLUMNS,
    LEVEL_RANK,
    LEVELS,
    UNIT_CODES,
    results_to_date,
)
from p8lib.analysis.vintages import is_2025
from p8lib.contract import CODE_COLUMNS, FIGURE_COLUMNS, Figure


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
    out = pd.DataFrame({col: pd.Series(text_or_empty(distinct[col]), dtype=object)
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
