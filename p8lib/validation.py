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


def _schema_problems(frame: pd.DataFrame) -> list[Problem]:
    try:
        Figure.validate(frame[FIGURE_COLUMNS], lazy=True)
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    else:
        return []
    problems = [Problem(f"column {case.column!r}: {case.check}", "error")
                for case in cases[cases["index"].isna()].itertuples()]
    cases = cases[cases["index"].notna()].assign(check=lambda c: c["check"].astype(str))
    cases = cases.drop_duplicates(["index", "check"])
    for (column, check), group in cases.groupby(["column", "check"], sort=False, dropna=False):
        cell = column if (group["schema_context"] == "Column").all() else ""
        message = next((m for (col, prefix), m in _CHECK_MESSAGES.items()
                        if col == cell and check.startswith(prefix)), check)
        rows = group["index"]
        if pd.api.types.is_float_dtype(rows):  # NaN-free now, but pandera gave floats
            rows = rows.astype("int64")
        where = _locate(frame, pd.Index(rows), cell)
        problems += _problems(where, message, "error", group["failure_case"].astype(str))
    return problems


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
        lambda bad: [f"unit differs from the catalogue's {unit!r}: such figures are not "
                     "compared with targets"
                     for unit in bad[Figure.indicator_id].map(catalogue[Figure.unit])],
        "warning", Figure.unit)
    problems += _row_problems(
        frame, _unknown_codes(frame),
        "unit code not found in the 2021 units, or a district/commune outside its parent",
        "error", Figure.province_code)
    problems += _duplicate_problems(frame)
    if known_sources is not None:
        problems += _row_problems(
            frame, ~frame[Figure.source_id].isin(known_sources),
            "source id not in data/sources.csv: add the source so the figure can be cited",
            "warning", Figure.source_id)
    return problems


def _duplicate_problems(frame: pd.DataFrame) -> list[Problem]:
    """One error per group of rows that share unit, indicator, measure, period and source."""
    duplicated = frame.duplicated(KEY_COLUMNS, keep=False)
    if not duplicated.any():
        return []
    dup = frame[duplicated]
    where = _locate(frame, dup.index, Figure.value).set_index(dup.index)
    group = dup.groupby(KEY_COLUMNS, dropna=False, sort=False).ngroup()
    order = group.sort_values(kind="stable").index
    table = pd.DataFrame({"group": group[order], "row": where.loc[order, "row"],
                          "value": dup.loc[order, Figure.value]})
    groups = table.groupby("group", sort=True)
    first = where.loc[groups.head(1).index]
    rows = groups["row"].agg(list)
    values = groups["value"].agg(list)
    conflict = groups["value"].nunique() > 1
    messages = [("conflicting values " if c else "duplicate rows ")
                + f"for the same unit, indicator, measure, period and source (rows {r}): "
                "keep one row, or give each report its own source id"
                for c, r in zip(conflict, rows, strict=True)]
    return _problems(first.reset_index(drop=True), messages, "error",
                     [", ".join(f"{v:g}" for v in vs) for vs in values])
