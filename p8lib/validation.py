"""Check a figures table and say, for each bad cell, where it is and what to do.

The schema (:class:`p8lib.schema.Figure`, pandera) checks types, codes and ranges; the checks
here add what needs the catalogue, the unit tables or several rows at once: unknown
indicators, percentages over 100, units that differ from the catalogue, codes that do not
exist or do not nest, duplicate and conflicting rows, unknown sources.

Rows carry their provenance in :data:`PROVENANCE` columns (file, sheet, row, column) when
they come from an import; otherwise a row is reported by its CSV line.
"""

from __future__ import annotations

import pandas as pd
import pandera.errors

from p8lib import units
from p8lib.problems import Problem
from p8lib.schema import FIGURE_COLUMNS, KEY_COLUMNS, Figure

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


def _where(frame: pd.DataFrame, index, column: str = "") -> dict[str, object]:
    if "src_row" in frame.columns:
        row = frame.loc[index]
        return {"file": row["src_file"] or "", "sheet": row["src_sheet"] or "",
                "row": int(row["src_row"]), "column": row["src_column"] or column}
    # A shipped CSV: line 1 is the header.
    return {"row": int(frame.index.get_loc(index)) + 2, "column": column}


def _schema_problems(frame: pd.DataFrame) -> list[Problem]:
    try:
        Figure.validate(frame[FIGURE_COLUMNS], lazy=True)
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    else:
        return []
    problems, seen = [], set()
    for case in cases.itertuples():
        if pd.isna(case.index):
            problems.append(Problem(f"column {case.column!r}: {case.check}", "error"))
            continue
        check = str(case.check)
        column = case.column if case.schema_context == "Column" else ""
        if (case.index, check) in seen:
            continue
        seen.add((case.index, check))
        message = next((m for (col, prefix), m in _CHECK_MESSAGES.items()
                        if col == column and check.startswith(prefix)), check)
        problems.append(Problem(message, "error", value=str(case.failure_case),
                                **_where(frame, case.index, column)))
    return problems


def _row_problems(frame: pd.DataFrame, mask: pd.Series, message, severity: str,
                  column: str) -> list[Problem]:
    return [Problem(message(row) if callable(message) else message, severity,
                    value=str(row[column]), **_where(frame, index, column))
            for index, row in frame[mask].iterrows()]


def _unknown_codes(frame: pd.DataFrame) -> pd.Series:
    provinces = set(units.provinces()["province_code"])
    districts = units.districts().set_index("district_code")["province_code"]
    communes = units.communes().set_index("commune_code")["district_code"]
    p, d, c = (frame[col] for col in (Figure.province_code, Figure.district_code,
                                      Figure.commune_code))
    bad_p = p.notna() & ~p.isin(provinces)
    bad_d = d.notna() & (d.map(districts) != p)
    bad_c = c.notna() & (c.map(communes) != d)
    return bad_p | bad_d | bad_c


def validate_figures(frame: pd.DataFrame, indicator_catalogue: pd.DataFrame,
                     known_sources: set[str] | None = None) -> list[Problem]:
    """All problems of a figures table.

    Parameters
    ----------
    frame : DataFrame
        Figures in :data:`~p8lib.schema.FIGURE_COLUMNS`, optionally with
        :data:`PROVENANCE` columns.
    indicator_catalogue : DataFrame
        The catalogue (:func:`p8lib.catalogue.indicators`).
    known_sources : set of str, optional
        Source ids that exist; when given, others are warned about.

    Returns
    -------
    list of Problem
        Errors for what must be fixed, warnings for what should be checked.
    """
    if frame.empty:
        return []
    problems = _schema_problems(frame)
    catalogue = indicator_catalogue.set_index(Figure.indicator_id)
    unknown = ~frame[Figure.indicator_id].isin(catalogue.index)
    problems += _row_problems(
        frame, unknown, "unknown indicator: use an id of data/indicators.csv or a header "
        "spelling it lists", "error", Figure.indicator_id)
    known = frame[~unknown]
    expected_unit = known[Figure.indicator_id].map(catalogue[Figure.unit])
    percent = known[Figure.unit].isin(PERCENT_UNITS) | expected_unit.isin(PERCENT_UNITS)
    problems += _row_problems(known, percent & (known[Figure.value] > 100),
                              "percentage over 100", "error", Figure.value)
    problems += _row_problems(
        known, known[Figure.unit] != expected_unit,
        lambda r: "unit differs from the catalogue's "
        f"{catalogue.at[r[Figure.indicator_id], Figure.unit]!r}: such figures are not compared "
        "with targets", "warning", Figure.unit)
    problems += _row_problems(
        frame, _unknown_codes(frame),
        "unit code not found in the 2021 units, or a district/commune outside its parent",
        "error", Figure.province_code)
    duplicated = frame.duplicated(KEY_COLUMNS, keep=False)
    if duplicated.any():
        dup = frame[duplicated]
        groups = dup.groupby(KEY_COLUMNS, dropna=False, sort=False)
        for _, group in groups:
            rows = [_where(frame, i).get("row") for i in group.index]
            conflict = group[Figure.value].nunique() > 1
            problems.append(Problem(
                ("conflicting values " if conflict else "duplicate rows ")
                + f"for the same unit, indicator, measure, period and source (rows {rows}): "
                "keep one row, or give each report its own source id", "error",
                value=", ".join(f"{v:g}" for v in group[Figure.value]),
                **_where(frame, group.index[0], Figure.value)))
    if known_sources is not None:
        problems += _row_problems(
            frame, ~frame[Figure.source_id].isin(known_sources),
            "source id not in data/sources.csv: add the source so the figure can be cited",
            "warning", Figure.source_id)
    return problems
