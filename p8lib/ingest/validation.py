"""Check a figures table and say, for each bad cell, where it is and what to do.

The schema (:class:`p8lib.contract.schema.Figure`, pandera) checks types, codes and ranges;
the checks here add what needs the catalogue, the unit tables or several rows at once: unknown
indicators, percentages over 100, units that differ from the catalogue, codes that do not
exist or do not nest, duplicate and conflicting rows, unknown sources.

Rows carry their provenance in :data:`PROVENANCE` columns (file, sheet, row, column) when
they come from an import; otherwise a row is reported by its CSV line. A problem of a value
names the value's column; a problem of another figure column (a measure, a year, a code)
names the report's column that holds it (``headers``), or none when the import's options
gave it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.errors

from p8lib import units
from p8lib.contract import CODE_COLUMNS, FIGURE_COLUMNS, KEY_COLUMNS, ROW_CHECK_COLUMNS, Figure
from p8lib.ingest.columns import distinct_codes, per_distinct, row_groups
from p8lib.ingest.problems import Problem

PROVENANCE = ["src_file", "src_sheet", "src_row", "src_column"]
PERCENT_UNITS = {"percent", "%"}

# Problem keys for pandera's check names, by (column, check prefix).
_CHECK_KEYS = {
    (Figure.value, "greater_than_or_equal_to"): "negative_value",
    (Figure.province_code, "str_matches"): "province_code_format",
    (Figure.district_code, "str_matches"): "district_code_format",
    (Figure.commune_code, "str_matches"): "commune_code_format",
    (Figure.measure, "isin"): "measure_invalid",
    (Figure.level, "isin"): "level_invalid",
    (Figure.period_start, "greater_than_or_equal_to"): "year_too_early",
    (Figure.period_end, "greater_than_or_equal_to"): "year_too_early",
    (Figure.period_start, "less_than_or_equal_to"): "year_too_late",
    (Figure.period_end, "less_than_or_equal_to"): "year_too_late",
}
# The model's row checks, by their error text (schema.Figure).
_ROW_CHECK_KEYS = {"period_end is before period_start": "period_order",
                   "codes do not fit the level (e.g. a commune row without a commune)":
                   "codes_fit_level"}
Headers = dict[str, dict[str, str]]


def _locate(frame: pd.DataFrame, rows: pd.Index, column: str = "",
            headers: Headers | None = None) -> pd.DataFrame:
    """Where each of ``rows`` (labels of ``frame``) is, as Problem fields, computed at once.

    Imported rows carry their provenance (file, sheet, spreadsheet row and value column);
    a problem of another figure column than ``value`` names the report's column holding it
    (``headers``: sheet → figure column → header; "" when the import's options gave it).
    Rows of a shipped CSV are reported by their line (line 1 is the header).
    """
    if "src_row" in frame.columns:
        src = frame.loc[rows]
        sheets = src["src_sheet"].fillna("").astype(str)
        if column in ("", Figure.value) or headers is None:
            columns = src["src_column"].fillna("").astype(str).replace("", column).to_numpy()
        else:
            columns = sheets.map(lambda s: headers.get(s, {}).get(column, "")).to_numpy()
        return pd.DataFrame({
            "file": src["src_file"].fillna("").astype(str).to_numpy(),
            "sheet": sheets.to_numpy(),
            "row": src["src_row"].astype(int).to_numpy(),
            "column": columns})
    lines = frame.index.get_indexer(rows) + 2
    return pd.DataFrame({"file": "", "sheet": "", "row": lines, "column": column})


def _problems(where: pd.DataFrame, key: str, severity: str, values,
              params=None) -> list[Problem]:
    """Problems from columns of locations and values (one per row of ``where``), each with
    its own parameters where ``params`` lists them (else none)."""
    params = params if params is not None else [{}] * len(where)
    return [Problem(key, severity, f, s, int(r), c, v, p) for f, s, r, c, v, p in zip(
        where["file"], where["sheet"], where["row"], where["column"], values, params,
        strict=True)]


def _schema_problems(frame: pd.DataFrame, codes: dict, headers: Headers | None
                     ) -> list[Problem]:
    """What :class:`p8lib.contract.schema.Figure` finds wrong, checked once per distinct value.

    One pandera call validates a small table instead of every row: the columns the model's
    row checks read (:data:`~p8lib.contract.schema.ROW_CHECK_COLUMNS`) hold their distinct
    combinations, every other column its distinct values, each repeated cyclically to the
    longest (a repeated value passes or fails as it did the first time). Failures are
    spread back to every row holding the failing value or combination: the verdicts of
    validating every row, at a fraction of the work (600,000 figures hold a few thousand
    distinct values).
    """
    schema = Figure.to_schema()
    group, first = row_groups(frame, ROW_CHECK_COLUMNS, codes)
    combinations = frame.iloc[first][ROW_CHECK_COLUMNS].astype(object).reset_index(drop=True)
    lengths = [len(combinations)] + [len(codes[name][1]) for name in schema.columns
                                     if name not in ROW_CHECK_COLUMNS]
    cycle = np.arange(max(lengths))
    table = pd.DataFrame({
        name: (combinations[name].take(cycle % len(combinations)).to_numpy()
               if name in ROW_CHECK_COLUMNS else
               codes[name][1].take(cycle % len(codes[name][1])))
        for name in schema.columns})
    cases = _failure_cases(schema, table)
    problems = _column_failures(cases)
    for (name, check), failing in _cell_failures(cases):
        if name is None or pd.isna(name):  # a row check: the combinations that fail it
            rows = np.flatnonzero(np.isin(group, failing % len(combinations)))
            key = _ROW_CHECK_KEYS.get(check, "schema_check")
            problems += _problems(_locate(frame, frame.index[rows]), key, "error",
                                  [""] * len(rows), [{"check": check}] * len(rows))
            continue
        if name in ROW_CHECK_COLUMNS:  # the rows of the combinations holding the value
            rows = np.flatnonzero(np.isin(group, failing % len(combinations)))
        else:
            value_of_row, values = codes[name]
            rows = np.flatnonzero(np.isin(value_of_row, failing % len(values)))
        value_of_row, values = codes[name]
        key = next((k for (col, prefix), k in _CHECK_KEYS.items()
                    if col == name and check.startswith(prefix)), "schema_check")
        problems += _problems(_locate(frame, frame.index[rows], name, headers), key, "error",
                              values[value_of_row[rows]].astype(str),
                              [{"check": check, "column_name": name}] * len(rows))
    return problems


def _failure_cases(schema, frame: pd.DataFrame) -> pd.DataFrame:
    """pandera's failure cases of ``frame`` under ``schema`` (empty when it passes)."""
    try:
        schema.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        return exc.failure_cases.assign(check=lambda c: c["check"].astype(str))
    return pd.DataFrame(columns=["index", "check", "column", "schema_context"])


def _column_failures(cases: pd.DataFrame) -> list[Problem]:
    """Failures of a whole column (no row to point at): a missing column, a wrong type."""
    whole = cases[cases["index"].isna()].drop_duplicates(["column", "check"])
    return [Problem("column_check", "error", params={"column_name": str(case.column),
                                                      "check": str(case.check)})
            for case in whole.itertuples()]


def _cell_failures(cases: pd.DataFrame):
    """((column, check), positions of the failing values) for each failed check; the
    column is None for the model's row checks."""
    cases = cases[cases["index"].notna()]
    column = cases["column"].where(cases["schema_context"] == "Column", None)
    for key, group in cases.groupby([column, cases["check"]], sort=False, dropna=False):
        yield key, pd.unique(group["index"].astype("int64"))


def _row_problems(frame: pd.DataFrame, mask: pd.Series, key: str, severity: str,
                  column: str, headers: Headers | None, params=None) -> list[Problem]:
    """One problem per row where ``mask`` holds; ``params`` is a function of the selected
    rows returning each row's message parameters (none when omitted)."""
    bad = frame[mask]
    if bad.empty:
        return []
    return _problems(_locate(frame, bad.index, column, headers), key, severity,
                     bad[column].astype(str), params(bad) if params else None)


def _unknown_codes(distinct: pd.DataFrame) -> pd.Series:
    """True for code triples that do not exist in the 2021 units or do not nest."""
    provinces = set(units.provinces()["province_code"])
    districts = units.parent_codes("district")
    communes = units.parent_codes("commune")
    p, d, c = (distinct[col] for col in CODE_COLUMNS)
    bad_p = p.notna() & ~p.isin(provinces)
    bad_d = d.notna() & (d.map(districts) != p)
    bad_c = c.notna() & (c.map(communes) != d)
    return bad_p | bad_d | bad_c


def validate_figures(frame: pd.DataFrame, indicator_catalogue: pd.DataFrame,
                     known_sources: set[str] | None = None,
                     headers: Headers | None = None) -> list[Problem]:
    """All problems of a figures table.

    Checks run once per distinct value or combination of values (:mod:`p8lib.ingest.columns`),
    so categorical columns — as an import makes them — cost little at any size.

    Parameters
    ----------
    frame : DataFrame
        Figures in :data:`~p8lib.contract.schema.FIGURE_COLUMNS`, optionally with
        :data:`PROVENANCE` columns.
    indicator_catalogue : DataFrame
        The catalogue (:func:`p8lib.contract.catalogue.indicators`).
    known_sources : set of str, optional
        Source ids that exist; when given, others are warned about.
    headers : dict, optional
        For imported rows: sheet → figure column → the header of the report's column that
        holds it, so that a problem names that column.

    Returns
    -------
    list of Problem
        Errors for what must be fixed, warnings for what should be checked.
    """
    if frame.empty:
        return []
    # Each column's distinct values, worked out once for every check below.
    codes = {column: distinct_codes(frame[column]) for column in FIGURE_COLUMNS}
    problems = _schema_problems(frame, codes, headers)
    unit_of = indicator_catalogue.set_index(Figure.indicator_id)[Figure.unit]
    known = frame[Figure.indicator_id].isin(unit_of.index).to_numpy()
    problems += _row_problems(frame, ~known, "unknown_indicator", "error", Figure.indicator_id,
                              headers)
    # Per distinct (indicator, unit): is it a percentage, and is the unit the catalogue's?
    percent, other_unit = per_distinct(frame, [Figure.indicator_id, Figure.unit], lambda d: (
        np.column_stack([
            d[Figure.unit].isin(PERCENT_UNITS) | d[Figure.indicator_id].map(unit_of).isin(
                PERCENT_UNITS),
            d[Figure.unit] != d[Figure.indicator_id].map(unit_of)])), codes).T
    problems += _row_problems(frame, known & percent & (frame[Figure.value] > 100).to_numpy(),
                              "percent_over_100", "error", Figure.value, headers)
    problems += _row_problems(
        frame, known & other_unit, "unit_differs", "warning", Figure.unit, headers,
        lambda bad: [{"unit": unit} for unit in
                     bad[Figure.indicator_id].astype(object).map(unit_of)])
    problems += _row_problems(
        frame, per_distinct(frame, CODE_COLUMNS, _unknown_codes, codes), "unknown_code",
        "error", Figure.province_code, headers)
    problems += _duplicate_problems(frame, codes)
    if known_sources is not None:
        problems += _once_per_value(
            frame, ~frame[Figure.source_id].isin(known_sources).to_numpy(), "unknown_source",
            "warning", Figure.source_id, headers)
    return problems


def _once_per_value(frame: pd.DataFrame, mask: np.ndarray, key: str, severity: str,
                    column: str, headers: Headers | None) -> list[Problem]:
    """One problem per distinct value of ``column`` among the rows where ``mask`` holds,
    at its first row, saying in how many rows it occurs: a report citing one unregistered
    source in every row gets one warning, not one per figure (55,000 for a province)."""
    bad = frame[mask]
    if bad.empty:
        return []
    group, first = row_groups(bad, [column])
    heads = bad.iloc[first]
    return _problems(_locate(frame, heads.index, column, headers), key, severity,
                     heads[column].astype(str),
                     [{"times": int(n)} for n in np.bincount(group)])


def _duplicate_problems(frame: pd.DataFrame, codes: dict) -> list[Problem]:
    """One error per group of rows that share unit, indicator, measure, period and source."""
    group, _ = row_groups(frame, KEY_COLUMNS, codes)
    duplicated = np.flatnonzero(np.bincount(group)[group] > 1)
    if not len(duplicated):
        return []
    # Rows of a group together, groups in order of first appearance, rows in file order.
    order = duplicated[np.argsort(group[duplicated], kind="stable")]
    where = _locate(frame, frame.index[order], Figure.value)
    sorted_groups = group[order]
    starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
    values = frame[Figure.value].to_numpy(dtype=float)[order]
    conflict = np.fmax.reduceat(values, starts) > np.fmin.reduceat(values, starts)
    rows = np.split(where["row"].to_numpy(), starts[1:])
    heads = where.iloc[starts].reset_index(drop=True)
    values_text = [", ".join(f"{v:g}" for v in vs) for vs in np.split(values, starts[1:])]
    problems = []
    for is_conflict, row_numbers, head, text in zip(conflict, rows, heads.itertuples(),
                                                    values_text, strict=True):
        problems.append(Problem("conflicting_values" if is_conflict else "duplicate_rows",
                                "error", head.file, head.sheet, int(head.row), head.column,
                                text, params={"rows": str(row_numbers.tolist())}))
    return problems
