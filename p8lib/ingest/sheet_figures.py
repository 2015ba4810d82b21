"""One sheet of a report to figures, every one of its cells accounted for.

The header row found (:mod:`p8lib.ingest.layout`), each body row is worked out once — units
(:mod:`p8lib.ingest.row_units`), period and measure (:mod:`p8lib.ingest.report_rows`) — and
only then are its value cells turned into figures (:mod:`p8lib.ingest.value_cells`). Each
cell that does not become a figure is counted under its reason in the sheet's
:class:`~p8lib.ingest.accounting.Accounting` where the import decides its fate.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from p8lib.contract import FIGURE_COLUMNS, Figure, IndicatorLookup
from p8lib.ingest.accounting import Accounting
from p8lib.ingest.columns import constant, empty_as_missing, map_categories, replace_empty
from p8lib.ingest.layout import CODE_ROLES, INDICATOR_PREFIX, UNIT_ROLES, Layout, column_letter
from p8lib.ingest.problems import Problem
from p8lib.ingest.readers import RawSheet
from p8lib.ingest.report_rows import add_period_measure, body_rows
from p8lib.ingest.row_units import add_units, level_of_rows, rows_without_unit
from p8lib.ingest.sheet_columns import unread_columns
from p8lib.ingest.validation import PROVENANCE
from p8lib.ingest.value_cells import ValueColumn, figures_of_cells


def sheet_figures(sheet: RawSheet, layout: Layout, filled: pd.DataFrame,
                  period: tuple[int, int] | None, measure: str | None, source_default: str,
                  cat: pd.DataFrame, lookup: IndicatorLookup, problems: list[Problem],
                  account: Accounting) -> pd.DataFrame:
    """The figures of one sheet (data contract columns plus provenance).

    Parameters
    ----------
    sheet : RawSheet
    layout : Layout
        The sheet's header row and column roles.
    filled : DataFrame of bool
        Which cells of ``sheet`` are not empty.
    period, measure, source_default
        What rows without their own period, measure or source get.
    cat : DataFrame
        The indicator catalogue.
    lookup : IndicatorLookup
    problems : list of Problem
        Appended to.
    account : Accounting
        The import's accounting, added to: every cell of the sheet below its titles goes
        to a figure or to a reason (the caller counted the sheet's cells as read).
    """
    account.skip("title", int(filled.loc[:layout.header_row - 1].to_numpy().sum()))
    account.skip("header", int(filled.loc[layout.header_row].sum()))
    body = body_rows(sheet, layout, problems, account)
    original = filled.loc[body.index]  # as read: cells filled down under a merge are not cells
    label_positions = [p for p, r in layout.roles.items()
                       if not r.startswith(INDICATOR_PREFIX) and r != Figure.value]
    value_positions = ([layout.column(Figure.value)] if layout.kind == "long"
                       else list(layout.indicator_columns()))
    read = set(label_positions + value_positions)
    for position, reason in unread_columns(sheet, layout, original, read, lookup,
                                           problems).items():
        account.skip(reason, int(original[position].sum()))
    label_cells = original[label_positions].to_numpy().sum(axis=1)
    value_cells = original[value_positions].to_numpy().sum(axis=1)
    rows = pd.DataFrame({layout.roles[p]: body[p] for p in label_positions})
    rows["src_row"] = body.index.to_numpy(dtype="int64")
    # A row whose unit is not found is reported (once per name) and makes no figures: with
    # no unit they would only collide with each other as "duplicates" of their parent's.
    keep = add_units(rows, layout, sheet, problems)
    keep &= _unit_given(rows, keep, layout, sheet, problems)
    rows = rows[keep]
    years_ok = add_period_measure(rows, period, measure, sheet, problems,
                                  {r: layout.header(p) for p, r in layout.roles.items()})
    keep[np.flatnonzero(keep)[~years_ok]] = False
    rows = rows[years_ok]
    account.skip("problem", int((label_cells + value_cells)[~keep].sum()))
    account.skip("label", int(label_cells[keep].sum()))
    report_unreadable(sheet, layout.header_row, set(body.index[keep].tolist()), read,
                      problems, account)
    body = body[keep]
    rows[Figure.source_id] = replace_empty(
        rows[Figure.source_id] if Figure.source_id in rows else
        pd.Series(constant("", len(rows)), index=rows.index), source_default)
    rows[Figure.level] = level_of_rows(rows)
    if layout.kind == "wide":
        columns = [ValueColumn(indicator, layout.header(position), body[position])
                   for position, indicator in layout.indicator_columns().items()]
    else:
        position = layout.column(Figure.value)
        _report_rows_without_value(rows, body[position], sheet, layout, problems)
        columns = [ValueColumn(_resolve_indicators(rows.pop(Figure.indicator_id), lookup),
                               layout.header(position), body[position])]
    long, rejected = figures_of_cells(rows, columns, sheet, cat, layout.kind == "wide",
                                      problems)
    account.figures += len(long)
    account.skip("problem", rejected)
    for col in (*CODE_ROLES, Figure.quote, Figure.note):
        long[col] = empty_as_missing(long[col])
    return long[FIGURE_COLUMNS + PROVENANCE].reset_index(drop=True)


def _unit_given(rows: pd.DataFrame, keep: np.ndarray, layout: Layout, sheet: RawSheet,
                problems: list[Problem]) -> np.ndarray:
    """Rows with neither a unit name nor a code: in a wide report an error (their figures
    would be filed as national ones); in the long layout, where an empty unit is how the
    data contract writes a national figure, a warning. Returns the rows to keep."""
    without = rows_without_unit(rows) & keep
    if not without.any():
        return np.ones(len(rows), dtype=bool)
    first = int(rows["src_row"].to_numpy()[without].min())
    unit_column = next((layout.column(r) for r in (*UNIT_ROLES, *CODE_ROLES)
                        if layout.column(r) is not None), None)
    wide = layout.kind == "wide"
    problems.append(Problem("no_unit" if wide else "national_by_default",
                            "error" if wide else "warning", sheet.file, sheet.sheet, first,
                            layout.header(unit_column), params={"times": int(without.sum())}))
    return ~without if wide else np.ones(len(rows), dtype=bool)


def _report_rows_without_value(rows: pd.DataFrame, values: pd.Series, sheet: RawSheet,
                               layout: Layout, problems: list[Problem]) -> None:
    """A long-layout row with an empty value cell makes no figure: said once, with a count."""
    empty = (values == "").to_numpy()
    if empty.any():
        problems.append(Problem("no_value", "warning", sheet.file, sheet.sheet,
                                int(rows["src_row"].to_numpy()[empty].min()),
                                layout.header(layout.column(Figure.value)),
                                params={"times": int(empty.sum())}))


def _resolve_indicators(names: pd.Series, lookup: IndicatorLookup) -> pd.Series:
    """Indicator ids of the long layout's indicator column (ids or header spellings)."""
    return map_categories(names, lambda distinct: [lookup.resolve(n)[0] or n for n in distinct])


def report_hidden(sheet: RawSheet, filled: pd.DataFrame, problems: list[Problem]) -> None:
    """Warn of what Excel hides from a person looking at the file but the import reads: a
    hidden sheet, and hidden rows and columns that hold cells."""
    scan = sheet.scan
    if scan is None or not filled.to_numpy().any():
        return
    if scan.state != "visible":
        problems.append(Problem("hidden_sheet", "warning", sheet.file, sheet.sheet))
    rows = [r for r in scan.hidden_rows if r in filled.index and filled.loc[r].any()]
    if rows:
        problems.append(Problem("hidden_rows", "warning", sheet.file, sheet.sheet, rows[0],
                                params={"n": len(rows), "rows": _listed(rows)}))
    columns = [c - 1 for c in scan.hidden_columns
               if c - 1 in filled.columns and filled[c - 1].any()]
    if columns:
        problems.append(Problem("hidden_columns", "warning", sheet.file, sheet.sheet, params={
            "n": len(columns), "columns": _listed([column_letter(c) for c in columns])}))


def _listed(items: list, most: int = 10) -> str:
    """The first ``most`` items, comma-separated, with "…" when there are more."""
    text = ", ".join(map(str, items[:most]))
    return text + (", …" if len(items) > most else "")


def report_unreadable(sheet: RawSheet, header_row: int | None, kept_rows: set[int],
                      read_columns: set[int], problems: list[Problem],
                      account: Accounting) -> None:
    """Formula cells without a saved value and error cells, which the reader sees empty:
    counted as read and unreadable; an error where the import reads the cell (the header
    row, or a read column of a row it keeps), a warning elsewhere."""
    scan = sheet.scan
    if scan is None:
        return
    cells = [(row, column, "formula_without_value", "") for row, column in scan.uncached]
    cells += [(row, column, "error_cell", text) for row, column, text in scan.errors]
    account.read(len(cells))
    account.skip("unreadable", len(cells))
    for row, column, key, text in sorted(cells):
        read = row == header_row or (row in kept_rows and column - 1 in read_columns)
        problems.append(Problem(key, "error" if read else "warning", sheet.file, sheet.sheet,
                                row, _header_at(sheet, header_row, column - 1), text,
                                params={"cell": f"{column_letter(column - 1)}{row}"}))


def _header_at(sheet: RawSheet, header_row: int | None, position: int) -> str:
    """The header text of a column position (its letter where there is none)."""
    if header_row is not None and position in sheet.cells.columns:
        text = str(sheet.cells.at[header_row, position])
        if text:
            return text
    return column_letter(position)
