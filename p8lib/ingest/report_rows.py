"""What each spreadsheet row of a report says about its figures.

Rows below the header are taken without empty and total rows (each total reported) and with
parent names filled down under merged cells; then each row's units (codes, or names matched
once per distinct combination), period, measure and level are worked out — once per row,
before its value cells become figures (:mod:`p8lib.ingest.importer`). Columns are categoricals
(:mod:`p8lib.ingest.readers`) and stay so: work is done once per distinct text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from p8lib import units
from p8lib.contract import Figure, expected_level
from p8lib.ingest.columns import (
    categorical,
    choose,
    constant,
    map_categories,
    replace_empty,
    row_groups,
)
from p8lib.ingest.layout import CODE_ROLES, UNIT_ROLES, Layout, is_total_many
from p8lib.ingest.problems import Problem, rows_note
from p8lib.ingest.readers import RawSheet
from p8lib.units import fold, match_units

DEFAULT_MEASURE = "actual"
# Folded words reports use in a measure column (Loại số liệu), besides "target"/"actual".
MEASURE_WORDS = {"target": "target", "chitieu": "target", "kehoach": "target",
                 "muctieu": "target", "actual": "actual", "thuchien": "actual",
                 "ketqua": "actual", "result": "actual"}


def body_rows(sheet: RawSheet, layout: Layout, problems: list[Problem]) -> pd.DataFrame:
    """Rows below the header, without empty rows and total rows (each total reported),
    parent names filled down under merged cells (reported too)."""
    return _fill_down(_without_totals(sheet, layout, problems), layout, sheet, problems)


def _without_totals(sheet: RawSheet, layout: Layout, problems: list[Problem]) -> pd.DataFrame:
    """Rows below the header, without empty rows and total rows (each total reported)."""
    body = sheet.cells.loc[layout.header_row + 1:]
    filled = np.zeros(len(body), dtype=bool)
    for column in body.columns:
        filled |= (body[column] != "").to_numpy()
    body = body[filled]
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
    is_total = labels.isin(total_values).any(axis=1)
    for row_number in body.index[is_total]:
        label = next(v for v in labels.loc[row_number] if v in total_values)
        problems.append(Problem(f"total row {label!r} skipped: totals are computed, not imported",
                                "info", sheet.file, sheet.sheet, int(row_number)))
    return body[~is_total]


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
            n = int(empty.sum())
            problems.append(Problem(
                f"{n} {'row' if n == 1 else 'rows'} had an empty {layout.roles[parent]!r} cell "
                "under a filled one (merged cells): filled down from the row above",
                "info", sheet.file, sheet.sheet, int(body.index[empty][0]),
                layout.headers.get(parent, "")))
    return body


def level_of_rows(rows: pd.DataFrame) -> pd.Series:
    """:func:`p8lib.contract.schema.expected_level` of each row, worked out per distinct
    code triple."""
    group, first = row_groups(rows, CODE_ROLES)
    distinct = rows.iloc[first][list(CODE_ROLES)].replace({c: {"": None} for c in CODE_ROLES})
    levels = pd.Categorical(expected_level(distinct).to_numpy(dtype=object))
    return pd.Series(levels[group], index=rows.index)


def add_units(rows: pd.DataFrame, layout: Layout, sheet: RawSheet,
               problems: list[Problem]) -> np.ndarray:
    """Fill the code columns from codes or matched names, reporting what does not match.

    Names are matched once per distinct combination (:func:`p8lib.units.matching.match_units`).
    Returns, per row, whether its unit is known (given by code, or matched exactly or by
    spelling).
    """
    for role in CODE_ROLES:
        if role not in rows:
            rows[role] = constant("", len(rows))
    resolved = np.ones(len(rows), dtype=bool)
    names = [r for r in UNIT_ROLES if r in rows]
    if not names:
        return resolved
    needs = (rows[Figure.province_code] == "").to_numpy()
    group, first = row_groups(rows, names)
    distinct = rows.iloc[first][names].astype(object)
    todo = np.flatnonzero((distinct != "").any(axis=1).to_numpy() & needs[first])
    if not len(todo):
        return resolved
    codes = match_units(distinct.iloc[todo], *(r if r in names else None for r in UNIT_ROLES))
    # Spread each combination's codes to its rows: combination → position in ``codes``.
    position = np.full(len(first), -1, dtype=np.int64)
    position[todo] = np.arange(len(todo))
    row_position = np.where(needs, position[group], -1)
    for role in CODE_ROLES:
        matched = pd.Categorical(codes[role].fillna("").to_numpy(dtype=object))
        spread = pd.Series(pd.Categorical.from_codes(
            np.where(row_position >= 0, matched.codes[np.maximum(row_position, 0)], -1),
            categories=matched.categories), index=rows.index)
        rows[role] = choose(row_position >= 0, spread, rows[role])
    found = codes["match_status"].isin(("exact", "fuzzy")).to_numpy()
    resolved[row_position >= 0] = found[row_position[row_position >= 0]]
    # Each name combination that did not match exactly is reported once, at its first row.
    times = np.bincount(row_position[row_position >= 0], minlength=len(todo))
    inexact = codes.assign(src_row=rows["src_row"].to_numpy()[first[todo]], times=times)
    inexact = inexact[inexact["match_status"] != "exact"]
    for row in inexact.sort_values("src_row", kind="stable").itertuples():
        first_row = int(row.src_row)
        label = " / ".join(str(getattr(row, n)) for n in names if getattr(row, n))
        if row.match_status == "fuzzy":
            # The note says what was not exact: a district inferred from its commune.
            note = f" ({row.match_note})" if row.match_note else ""
            problems.append(Problem(
                f"{label!r} matched by spelling to {_unit_label(row)} "
                f"(score {row.match_score:.0f}){note}; check it is the right unit", "warning",
                sheet.file, sheet.sheet, first_row,
                layout.headers.get(layout.column(names[-1]), "")))
        else:
            problems.append(Problem(
                f"unit {label!r} is {row.match_status}: {row.match_note}; correct the name "
                f"(with diacritics) or give the GSO code{rows_note(row.times)}", "error",
                sheet.file,
                sheet.sheet, first_row, layout.headers.get(layout.column(names[-1]), "")))
    return resolved


def _unit_label(row) -> str:
    code = row.commune_code or row.district_code or row.province_code
    return f"{units.name_of(code)} ({code})"


def _years(text: pd.Series) -> pd.Series:
    """Years from their cells (0 where not a number: the schema reports it); each distinct
    text is converted once."""
    column = categorical(text)
    years = pd.to_numeric(pd.Series(column.cat.categories, dtype=object),
                          errors="coerce").fillna(0).astype("int64").to_numpy()
    codes = column.cat.codes.to_numpy()
    return pd.Series(np.where(codes >= 0, years[np.maximum(codes, 0)] if len(years) else 0, 0),
                     index=text.index, dtype="int64")


def add_period_measure(rows: pd.DataFrame, period: tuple[int, int] | None,
                       measure_given: str | None, sheet: RawSheet,
                       problems: list[Problem]) -> None:
    """Set each row's ``period_start``, ``period_end`` (ints) and ``measure`` from its
    cells (a year, from/to years, a measure word in either language), else from ``period``
    and ``measure_given`` (the import's options); what is missing is reported."""
    blank = pd.Series(constant("", len(rows)), index=rows.index)
    start = rows.get(Figure.period_start, rows.get("year", blank))
    end = rows.get(Figure.period_end, start)
    if period:
        start = replace_empty(start, str(period[0]))
        end = replace_empty(end, str(period[1]))
    missing = ((start == "") | start.isna() | (end == "") | end.isna()).to_numpy()
    if missing.any():
        problems.append(Problem(
            f"{int(missing.sum())} figures have no period: add a Năm/Year column or pass "
            "--year YYYY or --period YYYY-YYYY", "error", sheet.file, sheet.sheet,
            int(rows["src_row"].to_numpy()[missing].min())))
    rows[Figure.period_start] = _years(start)
    rows[Figure.period_end] = _years(end)
    measure = map_categories(rows.get(Figure.measure, blank),
                             lambda words: [MEASURE_WORDS.get(fold(m), m) for m in words])
    if (measure == "").any() and measure_given is None:
        problems.append(Problem(
            f"no measure given: figures read as {DEFAULT_MEASURE!r} results "
            "(pass --measure target for a table of targets)", "info", sheet.file, sheet.sheet))
    rows[Figure.measure] = replace_empty(measure, measure_given or DEFAULT_MEASURE)
