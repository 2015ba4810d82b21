"""Turn a report file into the tidy figures table, with every problem found on the way.

``import_report(path, options)`` reads the file (:mod:`p8lib.ingest.readers`), finds each sheet's
layout (:mod:`p8lib.ingest.layout`), works out what each row says about its figures — units matched
to codes, period, measure (:mod:`p8lib.ingest.report_rows`) —, turns each filled value cell into a
figure and validates the result (:mod:`p8lib.ingest.validation`). Nothing is
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

from p8lib import units
from p8lib.contract import FIGURE_COLUMNS, MEASURES, Figure, catalogue
from p8lib.ingest.columns import (
    arrow_text,
    categorical,
    coalesce,
    constant,
    empty_as_missing,
    map_categories,
    plain_text,
    replace_empty,
)
from p8lib.ingest.layout import CODE_ROLES, INDICATOR_PREFIX, Layout, detect_layout
from p8lib.ingest.numbers import parse_numbers
from p8lib.ingest.problems import Problem, ReportError, has_errors
from p8lib.ingest.readers import RawSheet, read_cells
from p8lib.ingest.report_rows import add_period_measure, add_units, body_rows, level_of_rows
from p8lib.ingest.validation import PROVENANCE, validate_figures


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
        """The figures in the data contract's columns only.

        Text columns are plain strings here, as :class:`p8lib.contract.schema.Figure` declares them
        (:attr:`figures` keeps the import's categoricals). A figure read from a report
        without a quote column is quoted by its cell: "file › sheet › row 5, column Địa chỉ
        tin cậy: 12", written here from the provenance columns the import keeps (not during
        the import, which would write one string per figure that few callers read).
        """
        tidy = self.figures[FIGURE_COLUMNS].reset_index(drop=True)
        for column in FIGURE_COLUMNS:
            if isinstance(tidy[column].dtype, pd.CategoricalDtype):
                tidy[column] = plain_text(tidy[column])
        missing = tidy[Figure.quote].isna().to_numpy()
        if missing.any():
            quotes = cell_quotes(self.figures[missing])
            tidy[Figure.quote] = (quotes if missing.all() else tidy[Figure.quote].where(
                ~missing, pd.Series(quotes, index=tidy.index[missing])))
        return tidy


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


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=FIGURE_COLUMNS + PROVENANCE)


def _no_table(sheet: RawSheet, several: bool) -> Problem:
    message = ("no header row found in the first rows: expected unit columns (Tỉnh/Huyện/Xã or "
               "Province/District/Commune) and indicator columns named as in the catalogue, "
               "or the long layout's indicator_id and value columns")
    if several:
        return Problem("sheet skipped: " + message, "info", sheet.file, sheet.sheet)
    return Problem(message, "error", sheet.file, sheet.sheet)


def _sheet_figures(sheet: RawSheet, layout: Layout, options: ImportOptions, source_default: str,
                   cat: pd.DataFrame, lookup: catalogue.IndicatorLookup,
                   problems: list[Problem]) -> pd.DataFrame:
    """The figures of one sheet.

    Everything a row says about its figures (units, period, measure, source) is worked out
    once per spreadsheet row; only then is each filled value cell turned into a figure, so a
    wide row with six indicator columns costs one unit match, not six. Columns stay
    categorical: texts are read, matched and checked once per distinct value.
    """
    body = body_rows(sheet, layout, problems)
    rows = pd.DataFrame({role: body[pos] for pos, role in layout.roles.items()
                         if not role.startswith(INDICATOR_PREFIX) and role != Figure.value})
    rows["src_row"] = body.index.to_numpy(dtype="int64")
    # A row whose unit is not found is reported (once per name) and makes no figures: with
    # no unit they would only collide with each other as "duplicates" of their parent's.
    resolved = add_units(rows, layout, sheet, problems)
    rows, body = rows[resolved], body[resolved]
    add_period_measure(rows, options.period, options.measure, sheet, problems)
    rows[Figure.source_id] = replace_empty(
        rows[Figure.source_id] if Figure.source_id in rows else
        pd.Series(constant("", len(rows)), index=rows.index), source_default)
    rows[Figure.level] = level_of_rows(rows)
    if layout.kind == "wide":
        cells = [(indicator, layout.headers[pos], body[pos])
                 for pos, indicator in layout.indicator_columns().items()]
    else:
        position = layout.column(Figure.value)
        cells = [(_resolve_indicators(rows.pop(Figure.indicator_id), lookup),
                  layout.headers[position], body[position])]
    long = _figures_of_cells(rows, cells, sheet, cat, layout.kind == "wide", problems)
    for col in (*CODE_ROLES, Figure.quote, Figure.note):
        long[col] = empty_as_missing(long[col])
    return long[FIGURE_COLUMNS + PROVENANCE].reset_index(drop=True)


def _resolve_indicators(names: pd.Series, lookup: catalogue.IndicatorLookup) -> pd.Series:
    """Indicator ids of the long layout's indicator column (ids or header spellings)."""
    return map_categories(names, lambda distinct: [lookup.resolve(n)[0] or n for n in distinct])


def _figures_of_cells(rows: pd.DataFrame, cells, sheet: RawSheet, cat: pd.DataFrame,
                      grouping: bool, problems: list[Problem]) -> pd.DataFrame:
    """One figure per filled value cell: the row's attributes plus indicator and value.

    ``cells`` lists (indicator id — one for a wide column, a Series for the long layout —,
    column header, the column's cells). The columns' distinct texts are parsed once
    (:func:`p8lib.ingest.numbers.parse_numbers`; ``grouping``: read "1.337" as 1337, as people
    type counts in a wide report); a cell that is not a number is an error, not a figure.
    The rows are taken once for all cells (no copy per column).
    """
    taken, values, ids = [], [], []
    columns = [categorical(column) for _, _, column in cells]
    # The distinct texts of all value columns, "" first, parsed in one go.
    texts = pd.Index(pd.unique(np.concatenate(
        [np.array([""], dtype=object)]
        + [c.cat.categories.to_numpy(dtype=object) for c in columns])), dtype=object)
    parsed, bad, grouped = (s.to_numpy() for s in parse_numbers(
        pd.Series(texts, dtype=object), grouping=grouping))
    for (indicator, header, _), column in zip(cells, columns, strict=True):
        # The column's codes as positions in ``texts`` (a missing cell is "", position 0).
        codes = np.append(texts.get_indexer(column.cat.categories), 0)[column.cat.codes]
        filled = codes > 0
        bad_cells = filled & bad[codes]
        for position in np.flatnonzero(bad_cells):
            problems.append(Problem("not a number: write digits only, e.g. 1234 or 12,5",
                                    "error", sheet.file, sheet.sheet,
                                    int(rows["src_row"].iat[position]), header,
                                    str(texts[codes[position]])))
        grouped_cells = np.flatnonzero(filled & grouped[codes])
        if len(grouped_cells):
            example = texts[codes[grouped_cells[0]]]
            problems.append(Problem(
                f"{len(grouped_cells)} values written with thousands separators were read as "
                f"whole numbers, e.g. {example!r} → {parsed[codes[grouped_cells[0]]]:g}",
                "warning", sheet.file, sheet.sheet,
                int(rows["src_row"].iat[grouped_cells[0]]), header))
        kept = np.flatnonzero(filled & ~bad_cells)
        taken.append(kept)
        values.append(parsed[codes[kept]])
        ids.append(indicator.iloc[kept] if isinstance(indicator, pd.Series) else None)
    long = rows.take(np.concatenate(taken)).reset_index(drop=True)
    # Each wide column gives one indicator and one header: repeated, not copied per cell.
    piece = np.repeat(np.arange(len(cells)), [len(t) for t in taken])
    if ids[0] is not None:
        long[Figure.indicator_id] = pd.concat(ids, ignore_index=True)
    else:
        indicator_codes, indicators = pd.factorize(pd.Series([i for i, _, _ in cells]))
        long[Figure.indicator_id] = pd.Categorical.from_codes(indicator_codes[piece],
                                                              categories=indicators)
    header_codes, headers = pd.factorize(pd.Series([h for _, h, _ in cells]))
    long["src_column"] = pd.Categorical.from_codes(header_codes[piece], categories=headers)
    long[Figure.value] = np.concatenate(values).astype("float64")
    unit_by_id = cat.set_index(Figure.indicator_id)[Figure.unit]
    catalogue_unit = map_categories(long[Figure.indicator_id],
                                    lambda ids_: [unit_by_id.get(i, "") for i in ids_])
    given = long.get(Figure.unit)
    long[Figure.unit] = catalogue_unit if given is None else coalesce(given, catalogue_unit)
    for col in (Figure.quote, Figure.note):
        if col not in long:
            long[col] = constant("", len(long))
    # Names and codes are matched among the 2021 units (report_rows.add_units).
    long[Figure.vintage] = constant(units.OLD, len(long))
    long["src_file"] = constant(sheet.file, len(long))
    long["src_sheet"] = constant(sheet.sheet, len(long))
    return long


