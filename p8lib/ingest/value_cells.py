"""Value cells to figures: one figure per cell holding a number, each other cell named.

The distinct texts of all value columns are parsed once
(:func:`p8lib.ingest.numbers.parse_numbers`); a cell that is not a finite number written in
the digits 0–9, or a percentage in a column of counts, is an error at its row and column,
not a figure. The rows are taken once for all cells (no copy per column).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from p8lib import units
from p8lib.contract import FIGURE_COLUMNS, Figure
from p8lib.ingest.columns import (
    arrow_text,
    categorical,
    coalesce,
    constant,
    map_categories,
)
from p8lib.ingest.numbers import parse_numbers
from p8lib.ingest.problems import Problem
from p8lib.ingest.readers import RawSheet
from p8lib.ingest.validation import PERCENT_UNITS, PROVENANCE

_KEPT = frozenset(FIGURE_COLUMNS + PROVENANCE)


@dataclass
class ValueColumn:
    """One column of value cells: its indicator (an id for a wide column; per row, a Series,
    for the long layout), its header and its cells (one per row, in the rows' order)."""

    indicator: str | pd.Series
    header: str
    cells: pd.Series


def figures_of_cells(rows: pd.DataFrame, columns: list[ValueColumn], sheet: RawSheet,
                     cat: pd.DataFrame, grouping: bool,
                     problems: list[Problem]) -> tuple[pd.DataFrame, int]:
    """One figure per value cell holding a number: the row's attributes plus indicator,
    value and where the cell is.

    Parameters
    ----------
    rows : DataFrame
        What each row says (units, period, measure, source; ``src_row``).
    columns : list of ValueColumn
    sheet : RawSheet
    cat : DataFrame
        The indicator catalogue (each indicator's unit).
    grouping : bool
        Read "1.337" as 1337, as people type counts in a wide report.
    problems : list of Problem
        Appended to: each bad cell, and each column read with thousands separators.

    Returns
    -------
    (DataFrame, int)
        The figures, and the number of non-empty cells that are errors instead.
    """
    unit_by_id = cat.set_index(Figure.indicator_id)[Figure.unit]
    given_unit = rows.get(Figure.unit)
    taken, values, ids = [], [], []
    categoricals = [categorical(c.cells) for c in columns]
    # The distinct texts of all value columns, "" first, parsed in one go; one factorisation
    # also gives each column's categories as positions among them.
    parts = [np.array([""], dtype=object)] + [c.cat.categories.to_numpy(dtype=object)
                                             for c in categoricals]
    position, distinct = pd.factorize(np.concatenate(parts))
    texts = pd.Index(distinct, dtype=object)
    positions = np.split(position, np.cumsum([len(part) for part in parts])[:-1])[1:]
    numbers = parse_numbers(pd.Series(texts, dtype=object), grouping=grouping)
    parsed, bad, grouped, percent = (s.to_numpy() for s in (
        numbers.values, numbers.bad, numbers.grouped, numbers.percent))
    is_bad = bad != ""  # per distinct text: the cells look it up, not compare strings
    rejected = 0
    for column, cells, where in zip(columns, categoricals, positions, strict=True):
        # The column's codes as positions in ``texts`` (a missing cell is "", position 0).
        codes = np.append(where, 0)[cells.cat.codes.to_numpy()]
        filled = codes > 0
        wrong = filled & is_bad[codes]
        for position in np.flatnonzero(wrong):
            problems.append(Problem(bad[codes[position]], "error", sheet.file, sheet.sheet,
                                    int(rows["src_row"].iat[position]), column.header,
                                    str(texts[codes[position]])))
        in_count = filled & ~wrong & percent[codes]
        if in_count.any():  # cells in "%": do they fit the column's (or the row's) unit?
            in_count &= ~_percent_unit(column.indicator, given_unit, unit_by_id, len(rows))
        for position in np.flatnonzero(in_count):
            problems.append(Problem("percent_in_count", "error", sheet.file, sheet.sheet,
                                    int(rows["src_row"].iat[position]), column.header,
                                    str(texts[codes[position]])))
        wrong |= in_count
        rejected += int(wrong.sum())
        grouped_cells = np.flatnonzero(filled & ~wrong & grouped[codes])
        if len(grouped_cells):
            example = texts[codes[grouped_cells[0]]]
            problems.append(Problem(
                "thousands_read", "warning", sheet.file, sheet.sheet,
                int(rows["src_row"].iat[grouped_cells[0]]), column.header, params={
                    "n": len(grouped_cells), "example": example,
                    "number": f"{parsed[codes[grouped_cells[0]]]:g}"}))
        kept = np.flatnonzero(filled & ~wrong)
        taken.append(kept)
        values.append(parsed[codes[kept]])
        ids.append(column.indicator.iloc[kept] if isinstance(column.indicator, pd.Series)
                   else None)
    # Only the columns figures keep are taken for every cell (not the names, the raw year…).
    kept = [column for column in rows.columns if column in _KEPT]
    long = rows[kept].take(np.concatenate(taken)).reset_index(drop=True)
    # Each wide column gives one indicator and one header: repeated, not copied per cell.
    piece = np.repeat(np.arange(len(columns)), [len(t) for t in taken])
    if ids[0] is not None:
        long[Figure.indicator_id] = pd.concat(ids, ignore_index=True)
    else:
        indicator_codes, indicators = pd.factorize(pd.Series([c.indicator for c in columns]))
        long[Figure.indicator_id] = pd.Categorical.from_codes(indicator_codes[piece],
                                                              categories=indicators)
    header_codes, headers = pd.factorize(pd.Series([c.header for c in columns]))
    long["src_column"] = pd.Categorical.from_codes(header_codes[piece], categories=headers)
    long[Figure.value] = np.concatenate(values).astype("float64")
    catalogue_unit = map_categories(long[Figure.indicator_id],
                                    lambda ids_: [unit_by_id.get(i, "") for i in ids_])
    given = long.get(Figure.unit)
    long[Figure.unit] = catalogue_unit if given is None else coalesce(given, catalogue_unit)
    for col in (Figure.quote, Figure.note):
        if col not in long:
            long[col] = constant("", len(long))
    # Names and codes are matched among the 2021 units (row_units.add_units).
    long[Figure.vintage] = constant(units.OLD, len(long))
    long["src_file"] = constant(sheet.file, len(long))
    long["src_sheet"] = constant(sheet.sheet, len(long))
    return long, rejected


def _percent_unit(indicator: str | pd.Series, given_unit: pd.Series | None,
                  unit_by_id: pd.Series, length: int) -> np.ndarray:
    """Per row, whether a value in "%" fits its unit: the row's own unit where it gives one,
    else the catalogue's unit of its indicator."""
    if isinstance(indicator, pd.Series):
        catalogue_percent = map_categories(
            indicator, lambda ids: [unit_by_id.get(i, "") in PERCENT_UNITS for i in ids])
        fits = catalogue_percent.astype(bool).to_numpy()
    else:
        fits = np.full(length, unit_by_id.get(indicator, "") in PERCENT_UNITS)
    if given_unit is not None:  # decided per distinct unit written, spread by the codes
        own = categorical(given_unit)
        units_ = own.cat.categories.astype(object)
        # A missing unit (code -1) takes the last entry: no unit of its own.
        has_own = np.array([isinstance(u, str) and u != "" for u in units_] + [False])
        own_percent = np.array([u in PERCENT_UNITS for u in units_] + [False])
        codes = own.cat.codes.to_numpy()
        fits = np.where(has_own[codes], own_percent[codes], fits)
    return fits


def cell_quotes(figures: pd.DataFrame) -> pd.Series:
    """The address and value of each figure's cell, from its provenance columns:
    ``"r.xlsx › Báo cáo › row 5, column Địa chỉ tin cậy: 12"`` (``str`` dtype, the index of
    ``figures``)."""
    def text(column: str) -> pa.Array:
        return pc.fill_null(arrow_text(figures[column]), "")

    sheet = pc.if_else(pc.equal(text("src_sheet"), ""), "", pc.binary_join_element_wise(
        " › ", text("src_sheet"), ""))
    quotes = pc.binary_join_element_wise(
        text("src_file"), sheet, " › row ",
        pc.cast(pa.array(figures["src_row"].to_numpy()), pa.string()), ", column ",
        text("src_column"), ": ", pc.cast(pa.array(figures[Figure.value].to_numpy()),
                                          pa.string()), "")
    return pd.Series(pd.array(quotes, dtype="str"), index=figures.index)
