"""Turn a report file into the tidy figures table, with every problem found on the way.

``import_report(path, options)`` reads the file (:mod:`p8lib.readers`), finds each sheet's
layout (:mod:`p8lib.layout`), converts its rows into figures, matches unit names to codes
(:mod:`p8lib.matching`) and validates the result (:mod:`p8lib.validation`). Nothing is
dropped silently: total rows, filled-down merged cells and values read with a thousands
separator are all reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from p8lib import catalogue, units
from p8lib.layout import (
    CODE_ROLES,
    INDICATOR_PREFIX,
    UNIT_ROLES,
    Layout,
    detect_layout,
    is_total_many,
)
from p8lib.matching import match_units
from p8lib.numbers import parse_numbers
from p8lib.problems import Problem, ReportError, has_errors
from p8lib.readers import RawSheet, read_cells
from p8lib.schema import FIGURE_COLUMNS, MEASURES, Figure, expected_level
from p8lib.text import fold
from p8lib.validation import PROVENANCE, validate_figures

DEFAULT_MEASURE = "actual"
# Folded words reports use in a measure column (Loại số liệu), besides "target"/"actual".
MEASURE_WORDS = {"target": "target", "chitieu": "target", "kehoach": "target",
                 "muctieu": "target", "actual": "actual", "thuchien": "actual",
                 "ketqua": "actual", "result": "actual"}


@dataclass(frozen=True)
class ImportOptions:
    """What a report does not say about itself.

    ``period`` (start, end years) and ``measure`` apply to rows without their own; ``source_id``
    defaults to the file name without its suffix.
    """

    period: tuple[int, int] | None = None
    measure: str | None = None
    source_id: str | None = None

    def __post_init__(self) -> None:
        if self.measure is not None and self.measure not in MEASURES:
            raise ValueError(f"measure {self.measure!r} not in {MEASURES}")
        if self.period is not None and self.period[1] < self.period[0]:
            raise ValueError(f"period {self.period[0]}–{self.period[1]} ends before it starts")


@dataclass
class ImportResult:
    """The figures (with provenance columns) and the problems of one import."""

    figures: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no problem is an error: the figures may be used."""
        return not has_errors(self.problems)

    def tidy(self) -> pd.DataFrame:
        """The figures in the data contract's columns only."""
        return self.figures[FIGURE_COLUMNS].reset_index(drop=True)


def import_report(
    path: str | Path,
    options: ImportOptions | None = None,
    *,
    data: bytes | None = None,
    indicator_catalogue: pd.DataFrame | None = None,
    known_sources: set[str] | None = None,
) -> ImportResult:
    """Import a CSV or XLSX report in the long or wide layout.

    Parameters
    ----------
    path : str or Path
        The report; with ``data``, only its name is used (an upload).
    options : ImportOptions, optional
        Period, measure and source id for rows that do not carry them.
    indicator_catalogue : DataFrame, optional
        Defaults to the shipped catalogue.
    known_sources : set of str, optional
        Source ids that exist; others get a warning. Defaults to the shipped sources plus
        the ``source_id`` of ``options``.

    Returns
    -------
    ImportResult
        Never raises for a bad file: an unreadable file is one error in ``problems``.
    """
    options = options or ImportOptions()
    cat = catalogue.indicators() if indicator_catalogue is None else indicator_catalogue
    lookup = (catalogue.default_lookup() if indicator_catalogue is None
              else catalogue.IndicatorLookup.from_catalogue(cat))
    source_default = options.source_id or Path(path).stem
    if known_sources is None:
        known_sources = set(catalogue.sources()["source_id"]) | {source_default}
    try:
        sheets = read_cells(path, data)
    except ReportError as exc:
        return ImportResult(_empty(), [exc.problem])
    problems: list[Problem] = []
    frames = []
    for sheet in sheets:
        layout = detect_layout(sheet.cells, lookup)
        if layout is None:
            problems.append(_no_table(sheet, several=len(sheets) > 1))
            continue
        frames.append(_sheet_figures(sheet, layout, options, source_default, cat, lookup,
                                     problems))
    figures = pd.concat(frames, ignore_index=True) if frames else _empty()
    if not frames and not has_errors(problems):
        problems.append(Problem("no sheet holds a table of figures", file=Path(path).name))
    problems += validate_figures(figures, cat, known_sources)
    return ImportResult(figures, problems)


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=FIGURE_COLUMNS + PROVENANCE)


def _no_table(sheet: RawSheet, several: bool) -> Problem:
    message = ("no header row found in the first rows: expected unit columns (Tỉnh/Huyện/Xã or "
               "Province/District/Commune) and indicator columns named as in the catalogue, "
               "or the long layout's indicator_id and value columns")
    if several:
        return Problem("sheet skipped: " + message, "info", sheet.file, sheet.sheet)
    return Problem(message, "error", sheet.file, sheet.sheet)


def _body(sheet: RawSheet, layout: Layout, problems: list[Problem]) -> pd.DataFrame:
    """Rows below the header, without empty rows and total rows (each total reported)."""
    body = sheet.cells.loc[layout.header_row + 1:]
    body = body[(body != "").any(axis=1)]
    label_cols = [p for p, r in layout.roles.items() if r in (*UNIT_ROLES, "stt")]
    if not label_cols:
        return body
    labels = body[label_cols]
    # Totals are looked for among the distinct labels only, folded column-wise (fast).
    distinct = pd.Series(pd.unique(labels.to_numpy().ravel()), dtype=object)
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
            body[parent] = body[parent].mask(body[parent] == "").ffill().fillna("")
            problems.append(Problem(
                f"{int(empty.sum())} rows had an empty {layout.roles[parent]!r} cell under a "
                "filled one (merged cells): filled down from the row above",
                "info", sheet.file, sheet.sheet, int(body.index[empty][0]),
                layout.headers.get(parent, "")))
    return body


def _sheet_figures(sheet: RawSheet, layout: Layout, options: ImportOptions, source_default: str,
                   cat: pd.DataFrame, lookup: catalogue.IndicatorLookup,
                   problems: list[Problem]) -> pd.DataFrame:
    """The figures of one sheet.

    Everything a row says about its figures (units, period, measure, source) is worked out
    once per spreadsheet row; only then is each filled value cell turned into a figure, so a
    wide row with six indicator columns costs one unit match, not six.
    """
    body = _fill_down(_body(sheet, layout, problems), layout, sheet, problems)
    rows = pd.DataFrame({role: body[pos] for pos, role in layout.roles.items()
                         if not role.startswith(INDICATOR_PREFIX) and role != Figure.value})
    rows["src_row"] = body.index.to_numpy(dtype="int64")
    _add_units(rows, layout, sheet, problems)
    _add_period_measure(rows, layout, options, sheet, problems)
    source = rows.get(Figure.source_id, pd.Series("", index=rows.index))
    rows[Figure.source_id] = source.replace("", source_default)
    rows[Figure.level] = expected_level(rows.replace({c: {"": None} for c in CODE_ROLES}))
    if layout.kind == "wide":
        cells = [(indicator, layout.headers[pos], body[pos])
                 for pos, indicator in layout.indicator_columns().items()]
    else:
        position = layout.column(Figure.value)
        cells = [(_resolve_indicators(rows.pop(Figure.indicator_id), lookup),
                  layout.headers[position], body[position])]
    long = _figures_of_cells(rows, cells, sheet, cat)
    # People type "1.337" for 1337 in wide reports; the long layout is machine-written.
    values, bad, grouped = parse_numbers(long["raw_value"], grouping=layout.kind == "wide")
    for row in long[bad].itertuples():
        problems.append(Problem("not a number: write digits only, e.g. 1234 or 12,5", "error",
                                sheet.file, sheet.sheet, row.src_row, row.src_column,
                                row.raw_value))
    if grouped.any():
        first = long[grouped].iloc[0]
        problems.append(Problem(
            f"{int(grouped.sum())} values written with thousands separators were read as whole "
            f"numbers, e.g. {first.raw_value!r} → {values[grouped].iloc[0]:g}",
            "warning", sheet.file, sheet.sheet, int(first.src_row), first.src_column))
    long[Figure.value] = values
    long = long[~bad.to_numpy()]
    for col in (*CODE_ROLES, Figure.quote, Figure.note):
        long[col] = long[col].replace("", None)
    return long[FIGURE_COLUMNS + PROVENANCE].reset_index(drop=True)


def _resolve_indicators(names: pd.Series, lookup: catalogue.IndicatorLookup) -> pd.Series:
    """Indicator ids of the long layout's indicator column (ids or header spellings)."""
    resolved = {n: lookup.resolve(n)[0] or n for n in pd.unique(names)}
    return names.map(resolved)


def _figures_of_cells(rows: pd.DataFrame, cells, sheet: RawSheet,
                      cat: pd.DataFrame) -> pd.DataFrame:
    """One figure per filled value cell: the row's attributes plus indicator and raw value.

    ``cells`` lists (indicator id — one for a wide column, a Series for the long layout —,
    column header, the column's cells). The rows are taken once for all cells (no copy per
    column); the default quote names the cell.
    """
    taken, ids, raw = [], [], []
    for indicator, _, column in cells:
        filled = (column != "").to_numpy()
        taken.append(np.flatnonzero(filled))
        ids.append(indicator[filled].to_numpy(dtype=object) if isinstance(indicator, pd.Series)
                   else None)
        raw.append(pa.array(column.to_numpy(dtype=object)[filled], type=pa.string()))
    long = rows.take(np.concatenate(taken)).reset_index(drop=True)
    # Each wide column gives one indicator and one header: repeated, not copied per cell.
    piece = np.repeat(np.arange(len(cells)), [len(t) for t in taken])
    if any(i is not None for i in ids):
        long[Figure.indicator_id] = np.concatenate(ids)
    else:
        long[Figure.indicator_id] = pd.Categorical.from_codes(
            piece, categories=[i for i, _, _ in cells]).astype(str)
    header_codes, headers = pd.factorize(pd.Series([h for _, h, _ in cells]))
    long["src_column"] = pd.Categorical.from_codes(header_codes[piece],
                                                   categories=headers).astype(str)
    raw_value = pa.concat_arrays(raw)
    long["raw_value"] = pd.array(raw_value, dtype="str")
    unit_by_id = cat.set_index(Figure.indicator_id)[Figure.unit]
    catalogue_unit = long[Figure.indicator_id].map(unit_by_id).fillna("")
    given = long.get(Figure.unit)
    long[Figure.unit] = catalogue_unit if given is None else given.where(given != "",
                                                                        catalogue_unit)
    if Figure.quote not in long:
        where = sheet.file + (f" › {sheet.sheet}" if sheet.sheet else "") + " › row "
        long[Figure.quote] = pd.array(pc.binary_join_element_wise(
            where, pc.cast(pa.array(long["src_row"].to_numpy()), pa.string()), ", column ",
            pa.array(long["src_column"].to_numpy(), type=pa.string()), ": ", raw_value, ""),
            dtype="str")
    if Figure.note not in long:
        long[Figure.note] = ""
    long["src_file"], long["src_sheet"] = sheet.file, sheet.sheet
    return long


def _add_units(long: pd.DataFrame, layout: Layout, sheet: RawSheet,
               problems: list[Problem]) -> None:
    """Fill the code columns from codes or matched names, reporting what does not match."""
    for role in CODE_ROLES:
        if role not in long:
            long[role] = ""
    names = [r for r in UNIT_ROLES if r in long]
    if not names:
        return
    needs = (long[Figure.province_code] == "") & (long[names] != "").any(axis=1)
    if not needs.any():
        return
    named = long.loc[needs, [*names, "src_row"]]
    codes = match_units(named[names], *(r if r in names else None for r in UNIT_ROLES))
    for role in CODE_ROLES:
        long.loc[needs, role] = codes[role].fillna("").to_numpy(dtype=object)
    # Each name triple that did not match exactly is reported once, at its first row.
    inexact = codes["match_status"] != "exact"
    matched = codes[inexact].assign(src_row=named.loc[inexact, "src_row"])
    matched = matched.sort_values("src_row", kind="stable").drop_duplicates(names)
    for row in matched.itertuples():
        first_row = int(row.src_row)
        label = " / ".join(str(getattr(row, n)) for n in names if getattr(row, n))
        if row.match_status == "fuzzy":
            problems.append(Problem(
                f"{label!r} matched by spelling to {_unit_label(row)} "
                f"(score {row.match_score:.0f}); check it is the right unit", "warning",
                sheet.file, sheet.sheet, first_row,
                layout.headers.get(layout.column(names[-1]), "")))
        else:
            problems.append(Problem(
                f"unit {label!r} is {row.match_status}: {row.match_note}; correct the name "
                "(with diacritics) or give the GSO code", "error", sheet.file, sheet.sheet,
                first_row, layout.headers.get(layout.column(names[-1]), "")))


def _unit_label(row) -> str:
    code = row.commune_code or row.district_code or row.province_code
    return f"{units.name_of(code)} ({code})"


def _years(text: pd.Series) -> pd.Series:
    """Years from their cells (0 where not a number: the schema reports it); each distinct
    text is converted once."""
    distinct = pd.unique(text)
    years = pd.to_numeric(pd.Series(distinct), errors="coerce").fillna(0).astype("int64")
    return text.map(dict(zip(distinct, years, strict=True))).astype("int64")


def _add_period_measure(long: pd.DataFrame, layout: Layout, options: ImportOptions,
                        sheet: RawSheet, problems: list[Problem]) -> None:
    start = long.get(Figure.period_start, long.get("year", pd.Series("", index=long.index)))
    end = long.get(Figure.period_end, start)
    if options.period:
        start = start.replace("", str(options.period[0]))
        end = end.replace("", str(options.period[1]))
    missing = (start == "") | (end == "")
    if missing.any():
        problems.append(Problem(
            f"{int(missing.sum())} figures have no period: add a Năm/Year column or pass "
            "--year YYYY or --period YYYY-YYYY", "error", sheet.file, sheet.sheet,
            int(long.loc[missing, "src_row"].min())))
    long[Figure.period_start] = _years(start)
    long[Figure.period_end] = _years(end)
    measure = long.get(Figure.measure, pd.Series("", index=long.index))
    words = {m: MEASURE_WORDS.get(fold(m), m) for m in pd.unique(measure)}
    measure = measure.map(words)
    if (measure == "").any() and options.measure is None:
        problems.append(Problem(
            f"no measure given: figures read as {DEFAULT_MEASURE!r} results "
            "(pass --measure target for a table of targets)", "info", sheet.file, sheet.sheet))
    long[Figure.measure] = measure.replace("", options.measure or DEFAULT_MEASURE)
