"""Check a figures table and say, for each bad cell, where it is and what to do.

The schema (:class:`p8lib.contract.schema.Figure`, pandera) checks types, codes and ranges;
the checks here add what needs the catalogue, the unit tables or several rows at once: unknown
indicators, percentages over 100, units that differ from the catalogue, codes that do not
exist or do not nest, duplicate and conflicting rows, unknown sources.

Rows carry their provenance in :data:`PROVENANCE` columns (file, sheet, row, column) when
they come from an import; otherwise a row is reported by its CSV line.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.errors

from p8lib import units
from p8lib.contract import CODE_COLUMNS, FIGURE_COLUMNS, KEY_COLUMNS, ROW_CHECK_COLUMNS, Figure
from p8lib.ingest.columns import distinct_codes, per_distinct, row_groups
from p8lib.ingest.problems import Problem, rows_note

PROVENANCE = ["src_file", "src_sheet", "src_row", "src_column"]
PERCENT_UNITS = {"percent", "%"}

# Friendly words for pandera's check names, by (column, check prefix).
_CHECK_MESSAGES = {
    (Figure.value, "greater_than_or_equal_to"): "negative value: counts and amounts cannot be "
    "below 0; correct the cell",
    (Figure.province_code, "str_matches"): "province code must be 2 digits, e.g. 04 or 94",
    (Figure.district_code, "str_matches"): "district code must be 3 digits, e.g. 085",
    (Figure.commune_code, "str_matches"): "commune code must be 5 digits, e.g. 02839",
    (Figure.measure, "isin"): "measure must be 'target' or 'actual'",
    (Figure.level, "isin"): "level must be national, province, district or commune",
    (Figure.period_start, "greater_than_or_equal_to"): "year too early: use a 4-digit year",
    (Figure.period_end, "greater_than_or_equal_to"): "year too early: use a 4-digit year",
    (Figure.period_start, "less_than_or_equal_to"): "year too late: use a 4-digit year",
    (Figure.period_end, "less_than_or_equal_to"): "year too late: use a 4-digit year",
}


def _locate(frame: pd.DataFrame, rows: pd.Index, column: str = "") -> pd.DataFrame:
    """Where each of ``rows`` (labels of ``frame``) is, as Problem fields, computed at once.

    Imported rows carry their provenance (file, sheet, spreadsheet row and column); rows of
    a shipped CSV are reported by their line (line 1 is the header).
    """
    if "src_row" in frame.columns:
        src = frame.loc[rows]
        return pd.DataFrame({
            "file": src["src_file"].fillna("").astype(str).to_numpy(),
            "sheet": src["src_sheet"].fillna("").astype(str).to_numpy(),
            "row": src["src_row"].astype(int).to_numpy(),
            "column": src["src_column"].fillna("").astype(str).replace("", column).to_numpy()})
    lines = frame.index.get_indexer(rows) + 2
    return pd.DataFrame({"file": "", "sheet": "", "row": lines, "column": column})


def _problems(where: pd.DataFrame, messages, severity: str, values) -> list[Problem]:
    """Problems from columns of locations, messages and values (one per row of ``where``)."""
    if isinstance(messages, str):
        messages = [messages] * len(where)
    return [Problem(m, severity, f, s, int(r), c, v) for m, f, s, r, c, v in zip(
        messages, where["file"], where["sheet"], where["row"], where["column"], values,
        strict=True)]


def _schema_problems(frame: pd.DataFrame, codes: dict) -> list[Problem]:
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
            problems += _problems(_locate(frame, frame.index[rows]), check, "error",
                                  [""] * len(rows))
            continue
        if name in ROW_CHECK_COLUMNS:  # the rows of the combinations holding the value
            rows = np.flatnonzero(np.isin(group, failing % len(combinations)))
        else:
            value_of_row, values = codes[name]
            rows = np.flatnonzero(np.isin(value_of_row, failing % len(values)))
        value_of_row, values = codes[name]
        message = next((m for (col, prefix), m in _CHECK_MESSAGES.items()
                        if col == name and check.startswith(prefix)), check)
        problems += _problems(_locate(frame, frame.index[rows], name), message, "error",
                              values[value_of_row[rows]].astype(str))
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
    return [Problem(f"column {case.column!r}: {case.check}", "error")
            for case in whole.itertuples()]


def _cell_failures(cases: pd.DataFrame):
    """((column, check), positions of the failing values) for each failed check; the
    column is None for the model's row checks."""
    cases = cases[cases["index"].notna()]
    column = cases["column"].where(cases["schema_context"] == "Column", None)
    for key, group in cases.groupby([column, cases["check"]], sort=False, dropna=False):
        yield key, pd.unique(group["index"].astype("int64"))


def _row_problems(frame: pd.DataFrame, mask: pd.Series, message, severity: str,
                  column: str) -> list[Problem]:
    """One problem per row where ``mask`` holds; ``message`` is a text or a function of the
    selected rows returning one text per row."""
    bad = frame[mask]
    if bad.empty:
        return []
    messages = message(bad) if callable(message) else message
    return _problems(_locate(frame, bad.index, column), messages, severity,
                     bad[column].astype(str))


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
                     known_sources: set[str] | None = None) -> list[Problem]:
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

    Returns
    -------
    list of Problem
        Errors for what must be fixed, warnings for what should be checked.
    """
    if frame.empty:
        return []
    # Each column's distinct values, worked out once for every check below.
    codes = {column: distinct_codes(frame[column]) for column in FIGURE_COLUMNS}
    problems = _schema_problems(frame, codes)
    unit_of = indicator_catalogue.set_index(Figure.indicator_id)[Figure.unit]
    known = frame[Figure.indicator_id].isin(unit_of.index).to_numpy()
    problems += _row_problems(
        frame, ~known, "unknown indicator: use an id of data/indicators.csv or a header "
        "spelling it lists", "error", Figure.indicator_id)
    pair = [Figure.indicator_id, Figure.unit]
    percent = per_distinct(frame, pair, lambda d: d[Figure.unit].isin(PERCENT_UNITS)
                           | d[Figure.indicator_id].map(unit_of).isin(PERCENT_UNITS), codes)
    problems += _row_problems(frame, known & percent & (frame[Figure.value] > 100).to_numpy(),
                              "percentage over 100", "error", Figure.value)
    other_unit = per_distinct(frame, pair,
                              lambda d: d[Figure.unit] != d[Figure.indicator_id].map(unit_of),
                              codes)
    problems += _row_problems(
        frame, known & other_unit,
        lambda bad: [f"unit differs from the catalogue's {unit!r}: such figures are not "
                     "compared with targets"
                     for unit in bad[Figure.indicator_id].astype(object).map(unit_of)],
        "warning", Figure.unit)
    problems += _row_problems(
        frame, per_distinct(frame, CODE_COLUMNS, _unknown_codes, codes),
        "unit code not found in the 2021 units, or a district/commune outside its parent",
        "error", Figure.province_code)
    problems += _duplicate_problems(frame, codes)
    if known_sources is not None:
        problems += _once_per_value(
            frame, ~frame[Figure.source_id].isin(known_sources).to_numpy(),
            "source id not in data/sources.csv: add the source so the figure can be cited",
            "warning", Figure.source_id)
    return problems


def _once_per_value(frame: pd.DataFrame, mask: np.ndarray, message: str, severity: str,
                    column: str) -> list[Problem]:
    """One problem per distinct value of ``column`` among the rows where ``mask`` holds,
    at its first row, saying in how many rows it occurs: a report citing one unregistered
    source in every row gets one warning, not one per figure (55,000 for a province)."""
    bad = frame[mask]
    if bad.empty:
        return []
    group, first = row_groups(bad, [column])
    messages = [message + rows_note(int(n)) for n in np.bincount(group)]
    heads = bad.iloc[first]
    return _problems(_locate(frame, heads.index, column), messages, severity,
                     heads[column].astype(str))


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
    messages = [("conflicting values " if c else "duplicate rows ")
                + f"for the same unit, indicator, measure, period and source (rows "
                f"{r.tolist()}): keep one row, or give each report its own source id"
                for c, r in zip(conflict, rows, strict=True)]
    return _problems(where.iloc[starts].reset_index(drop=True), messages, "error",
                     [", ".join(f"{v:g}" for v in vs) for vs in np.split(values, starts[1:])])
