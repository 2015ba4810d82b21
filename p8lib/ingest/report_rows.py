"""What each spreadsheet row of a report says about its figures: which rows, which period,
which measure.

Rows below the header are taken without empty and total rows (each total reported, its cells
accounted for) and with parent names filled down under merged cells; then each row's period
and measure are worked out — once per row, before its value cells become figures
(:mod:`p8lib.ingest.importer`). Its units are :mod:`p8lib.ingest.row_units`'. Columns are
categoricals (:mod:`p8lib.ingest.readers`) and stay so: work is done once per distinct text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from p8lib.contract import Figure
from p8lib.ingest.accounting import Accounting
from p8lib.ingest.columns import categorical, constant, map_categories, replace_empty, row_groups
from p8lib.ingest.layout import (
    INDICATOR_PREFIX,
    ROLE_MESSAGES,
    UNIT_ROLES,
    Layout,
    is_total_many,
)
from p8lib.ingest.numbers import parse_years
from p8lib.ingest.problems import Problem
from p8lib.ingest.readers import RawSheet
from p8lib.units import fold

DEFAULT_MEASURE = "actual"
# Folded words reports use in a measure column (Loại số liệu), besides "target"/"actual".
MEASURE_WORDS = {"target": "target", "chitieu": "target", "kehoach": "target",
                 "muctieu": "target", "actual": "actual", "thuchien": "actual",
                 "ketqua": "actual", "result": "actual"}
# Where a row's years come from: its own columns (the first there is), else the options.
_YEAR_ROLES = {Figure.period_start: (Figure.period_start, "year"),
               Figure.period_end: (Figure.period_end, Figure.period_start, "year")}


def filled_cells(cells: pd.DataFrame) -> pd.DataFrame:
    """True where a cell is not empty (a categorical compared once per column)."""
    return pd.DataFrame({c: (cells[c] != "").to_numpy() for c in cells.columns},
                        index=cells.index)


def body_rows(sheet: RawSheet, layout: Layout, problems: list[Problem],
              account: Accounting | None = None) -> pd.DataFrame:
    """Rows below the header, without empty rows and total rows (each total reported and
    its cells counted in ``account``), parent names filled down under merged cells (reported
    too)."""
    body = _without_totals(sheet, layout, problems, account or Accounting())
    return _fill_down(_fill_merged(body, layout, sheet, problems), layout, sheet, problems)


def _without_totals(sheet: RawSheet, layout: Layout, problems: list[Problem],
                    account: Accounting) -> pd.DataFrame:
    """Rows below the header, without empty rows and total rows (each total reported)."""
    body = sheet.cells.loc[layout.header_row + 1:]
    filled = filled_cells(body).to_numpy()
    body = body[filled.any(axis=1)]
    filled = filled[filled.any(axis=1)]
    label_cols = [p for p, r in layout.roles.items() if r in (*UNIT_ROLES, "stt")]
    if not label_cols:
        return body
    labels = body[label_cols]
    # Totals are looked for among the distinct labels only (categories: a few thousand).
    distinct = pd.Series(pd.unique(np.concatenate(
        [np.asarray(labels[c].cat.categories, dtype=object) for c in label_cols])),
        dtype="str")
    distinct = distinct[~distinct.str.fullmatch(r"[0-9. ]*")]  # row numbers are not totals
    total_values = set(distinct[is_total_many(distinct)])
    if not total_values:
        return body
    is_total = labels.isin(total_values).any(axis=1).to_numpy()
    account.skip("total", int(filled[is_total].sum()))
    for row_number in body.index[is_total]:
        label = next(v for v in labels.loc[row_number] if v in total_values)
        problems.append(Problem("total_row", "info", sheet.file, sheet.sheet, int(row_number),
                                params={"label": label}))
    return body[~is_total]


def _fill_merged(body: pd.DataFrame, layout: Layout, sheet: RawSheet,
                 problems: list[Problem]) -> pd.DataFrame:
    """Give every row of a merged range in a label column (a province, a year written once
    over several rows) the range's value, as a person reading the sheet sees it; value
    columns are left alone (a merged value is one figure)."""
    labels = {p for p, r in layout.roles.items() if not r.startswith(INDICATOR_PREFIX)
              and r != Figure.value}
    filled: dict[int, list[int]] = {}
    for (first_row, column), (last_row, _) in sheet.merged:
        rows = [r for r in range(first_row + 2, last_row + 2) if r in body.index]
        if column not in labels or not rows or first_row + 1 not in sheet.cells.index:
            continue
        value = sheet.cells.at[first_row + 1, column]
        empty = [r for r in rows if body.at[r, column] == ""]
        if value == "" or not empty:
            continue
        if not filled:
            body = body.copy()
        body[column] = body[column].cat.add_categories([value]) if value not in body[
            column].cat.categories else body[column]
        body.loc[empty, column] = value
        filled.setdefault(column, []).extend(empty)
    for column, rows in filled.items():
        problems.append(Problem(
            "merged_filled", "info", sheet.file, sheet.sheet, min(rows), layout.header(column),
            params={"n": len(rows), "role_key": ROLE_MESSAGES[layout.roles[column]]}))
    return body


def _fill_down(body: pd.DataFrame, layout: Layout, sheet: RawSheet,
               problems: list[Problem]) -> pd.DataFrame:
    """Fill parent names left empty under merged cells (a province written once)."""
    positions = [layout.column(r) for r in UNIT_ROLES]
    positions = [p for p in positions if p is not None]
    for parent, child in zip(positions, positions[1:], strict=False):
        empty = (body[parent] == "") & (body[child] != "")
        if empty.any():
            body = body.copy()
            body[parent] = replace_empty(body[parent].mask(body[parent] == "").ffill(), "")
            problems.append(Problem(
                "filled_down", "info", sheet.file, sheet.sheet, int(body.index[empty][0]),
                layout.header(parent),
                params={"n": int(empty.sum()), "role_key": ROLE_MESSAGES[layout.roles[parent]]}))
    return body


def add_period_measure(rows: pd.DataFrame, period: tuple[int, int] | None,
                       measure_given: str | None, sheet: RawSheet, problems: list[Problem],
                       headers: dict[str, str] | None = None) -> np.ndarray:
    """Set each row's ``period_start``, ``period_end`` (ints) and ``measure`` from its
    cells (a year, from/to years, a measure word in either language), else from ``period``
    and ``measure_given`` (the import's options); what is missing or not a year is
    reported, in the column that holds it (``headers``: role → header text).

    Returns
    -------
    ndarray of bool
        Per row, whether its years are whole four-digit numbers (False rows make no
        figures: each bad year is an error).
    """
    headers = headers or {}
    blank = pd.Series(constant("", len(rows)), index=rows.index)
    good = np.ones(len(rows), dtype=bool)
    missing = np.zeros(len(rows), dtype=bool)
    reported: set[str] = set()  # a column read for both years is reported once
    # Each year's column is chosen before either is written (period_start, once written,
    # is a column of rows too).
    chosen = {target: next((r for r in sources if r in rows), None)
              for target, sources in _YEAR_ROLES.items()}
    years_of: dict[str, pd.Series] = {}
    for target, role in chosen.items():
        cells = rows[role] if role else blank
        if period:
            cells = replace_empty(cells, str(period[0 if target == Figure.period_start else 1]))
        missing |= ((cells == "") | cells.isna()).to_numpy()
        years, bad = _years(cells)
        if role and role not in reported:
            reported.add(role)
            _report_bad_years(rows, cells, bad, headers.get(role, ""), sheet, problems)
        good &= ~bad
        years_of[target] = years
    for target, years in years_of.items():
        rows[target] = years
    if missing.any():
        problems.append(Problem(
            "no_period", "error", sheet.file, sheet.sheet,
            int(rows["src_row"].to_numpy()[missing].min()), params={"n": int(missing.sum())}))
    measure = map_categories(rows.get(Figure.measure, blank),
                             lambda words: [MEASURE_WORDS.get(fold(m), m) for m in words])
    if (measure == "").any() and measure_given is None:
        problems.append(Problem("no_measure", "info", sheet.file, sheet.sheet,
                                params={"measure": DEFAULT_MEASURE}))
    rows[Figure.measure] = replace_empty(measure, measure_given or DEFAULT_MEASURE)
    return good


def _years(text: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Years from their cells, each distinct text read once (:func:`parse_years`): the
    years (0 where not a year) and where a non-empty cell is not one."""
    column = categorical(text)
    years, bad = parse_years(pd.Series(column.cat.categories, dtype=object))
    codes = column.cat.codes.to_numpy()
    at = np.maximum(codes, 0)
    if not len(years):
        return pd.Series(0, index=text.index, dtype="int64"), np.zeros(len(text), dtype=bool)
    return (pd.Series(np.where(codes >= 0, years.to_numpy()[at], 0), index=text.index,
                      dtype="int64"), np.where(codes >= 0, bad.to_numpy()[at], False))


def _report_bad_years(rows: pd.DataFrame, cells: pd.Series, bad: np.ndarray, header: str,
                      sheet: RawSheet, problems: list[Problem]) -> None:
    """One error per distinct text that is not a year, at its first row, with its count."""
    if not bad.any():
        return
    where = rows[bad]
    group, first = row_groups(pd.DataFrame({"year": cells[bad]}), ["year"])
    for n, position in zip(np.bincount(group), first, strict=True):
        problems.append(Problem("not_a_year", "error", sheet.file, sheet.sheet,
                                int(where["src_row"].iat[position]), header,
                                str(cells[bad].iat[position]), params={"times": int(n)}))
