"""Columns the people's tables share: plain text, place names, words for codes, and the
codes and ids that follow a table's own columns in its downloads.

A table for people (:mod:`p8lib.present.tables`) is headed in the user's language; after
its own columns it carries the codes and ids behind them, headed by their data-contract names
(:data:`ID_COLUMNS`: ``province_code``, ``indicator_id``…). The screen shows the table without
them (:func:`for_screen`); a download has both, so that the file holds what the screen showed
and, after it, what a program needs to join it back.
"""

from __future__ import annotations

import pandas as pd

from p8lib.contract import Coverage, Figure, i18n
from p8lib.ingest import row_groups
from p8lib.present.labels import place_names

PLACE_CODES = [Figure.commune_code, Figure.district_code, Figure.province_code]
# Codes and ids, by their data-contract names, in the order a download lists them.
ID_COLUMNS = (Figure.province_code, Figure.district_code, Figure.commune_code, Figure.level,
              Figure.indicator_id, "content_area", Figure.measure, "status", Coverage.role,
              Coverage.count_of, Figure.period_start, Figure.period_end, Figure.unit)


def plain(column: pd.Series) -> pd.Series:
    """A categorical column as plain values (of its categories' dtype); others as they are.

    The app holds the figures' text as categoricals; the tables it shows and exports sort
    and compare by value, which a categorical would do by category order.
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        if not len(column.cat.categories):  # all missing: None, as the plain column holds
            return pd.Series([None] * len(column), index=column.index, name=column.name,
                             dtype=object)
        # A take from the categories: far faster than astype for arrow-backed text
        # (docs/benchmarks.md, "Measurements behind the code").
        values = column.cat.categories.take(column.cat.codes.to_numpy(), allow_fill=True,
                                            fill_value=None)
        return pd.Series(values.array, index=column.index, name=column.name)
    return column


def place_keys(frame: pd.DataFrame) -> list[str]:
    """The columns naming a row's unit: its codes, and their vintage when the frame has one
    (the same codes in the 2021 and the 2025 units are different places)."""
    return [*PLACE_CODES, Figure.vintage] if Figure.vintage in frame.columns else PLACE_CODES


def place_names_once(frame: pd.DataFrame, lang: str) -> pd.Series:
    """:func:`p8lib.present.labels.place_names`, worked out once per distinct place: a large
    table names few places many times (1M figures, 10,035 communes)."""
    if len(frame) < 1_000:
        return place_names(frame, lang)
    unit, first = row_groups(frame, place_keys(frame))
    names = place_names(frame.iloc[first], lang).to_numpy()
    return pd.Series(names[unit], index=frame.index, dtype=object)


def measure_words(measures: pd.Series, lang: str) -> pd.Series:
    """Each measure code in words ("target" → "kế hoạch")."""
    # A categorical maps its few categories, not every row.
    return plain(measures.map(lambda m: i18n.measure_text(m, lang)))


def id_columns(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``frame``'s ``columns`` (codes and ids) as plain values, in :data:`ID_COLUMNS` order,
    index reset (to sit beside a people's table built from the same rows)."""
    wanted = [c for c in ID_COLUMNS if c in columns]
    return pd.DataFrame({c: plain(frame[c]).to_numpy() for c in wanted})


def with_ids(table: pd.DataFrame, source: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``table`` (reset index) followed by ``source``'s id ``columns`` of the same rows."""
    table = table.reset_index(drop=True)
    ids = id_columns(source, columns)
    return pd.concat([table, ids.set_axis(table.index)], axis=1)


def for_screen(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` without its codes and ids (:data:`ID_COLUMNS`): what the screen shows."""
    return table.drop(columns=[c for c in ID_COLUMNS if c in table.columns])
