"""Turn a report file into the tidy figures table, with every problem found on the way.

``import_report(path, options)`` reads the file (:mod:`p8lib.ingest.readers`, after the checks
of :mod:`p8lib.ingest.limits`), finds each sheet's layout (:mod:`p8lib.ingest.layout`) and the
columns it does not read (:mod:`p8lib.ingest.sheet_columns`), works out what each row says
about its figures — units matched to codes (:mod:`p8lib.ingest.row_units`), period, measure
(:mod:`p8lib.ingest.report_rows`) —, turns each value cell into a figure
(:mod:`p8lib.ingest.value_cells`) and validates the result (:mod:`p8lib.ingest.validation`).

Every non-empty cell is accounted for (:mod:`p8lib.ingest.accounting`): a figure, or a label,
title, header, skipped total, ignored column, unreadable cell or problem — each reported.
An import whose counts do not add up, or that yields no figure, is an error; so is any
failure no check foresaw: :func:`import_report` never raises for a file.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from p8lib.contract import FIGURE_COLUMNS, MEASURES, Figure, catalogue
from p8lib.ingest.accounting import Accounting
from p8lib.ingest.columns import plain_text
from p8lib.ingest.layout import INDICATOR_PREFIX, Layout, detect_layout
from p8lib.ingest.limits import DEFAULT_LIMITS, Limits
from p8lib.ingest.problems import Problem, ReportError, has_errors
from p8lib.ingest.readers import RawSheet, read_cells
from p8lib.ingest.report_rows import filled_cells
from p8lib.ingest.sheet_figures import report_hidden, report_unreadable, sheet_figures
from p8lib.ingest.validation import PROVENANCE, validate_figures
from p8lib.ingest.value_cells import cell_quotes

logger = logging.getLogger(__name__)
# Which figure column each role's column feeds: problems of a figure column are reported
# in the column of the report that holds it.
_FEEDS = {Figure.period_start: ("year", Figure.period_start),
          Figure.period_end: (Figure.period_end, Figure.period_start, "year"),
          Figure.province_code: (Figure.province_code, "province"),
          Figure.district_code: (Figure.district_code, "district"),
          Figure.commune_code: (Figure.commune_code, "commune")}


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
    """The figures (with provenance columns), the problems and the accounting of one import."""

    figures: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    accounting: Accounting = field(default_factory=Accounting)
    _tidy: pd.DataFrame | None = field(default=None, repr=False, compare=False)

    @classmethod
    def refused(cls, problem: Problem) -> ImportResult:
        """The result of a file refused as a whole: no figures, one problem."""
        return cls(_empty(), [problem])

    @property
    def ok(self) -> bool:
        """True when no problem is an error: the figures may be used."""
        return not has_errors(self.problems)

    def tidy(self) -> pd.DataFrame:
        """The figures in the data contract's columns only (made once, then kept).

        Text columns are plain strings here, as :class:`p8lib.contract.schema.Figure` declares them
        (:attr:`figures` keeps the import's categoricals). A figure read from a report
        without a quote column is quoted by its cell: "file › sheet › row 5, column Địa chỉ
        tin cậy: 12", written here from the provenance columns the import keeps (not during
        the import, which would write one string per figure that few callers read).
        """
        if self._tidy is not None:
            return self._tidy
        tidy = self.figures[FIGURE_COLUMNS].reset_index(drop=True)
        for column in FIGURE_COLUMNS:
            if isinstance(tidy[column].dtype, pd.CategoricalDtype):
                tidy[column] = plain_text(tidy[column])
        missing = tidy[Figure.quote].isna().to_numpy()
        if missing.any():
            quotes = cell_quotes(self.figures[missing])
            tidy[Figure.quote] = (quotes if missing.all() else tidy[Figure.quote].where(
                ~missing, pd.Series(quotes, index=tidy.index[missing])))
        self._tidy = tidy
        return tidy


def import_report(
    path: str | Path,
    options: ImportOptions | None = None,
    *,
    data: bytes | None = None,
    indicator_catalogue: pd.DataFrame | None = None,
    known_sources: set[str] | None = None,
    limits: Limits = DEFAULT_LIMITS,
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
    limits : Limits
        Sizes past which the file is refused before it is parsed (:mod:`p8lib.ingest.limits`).

    Returns
    -------
    ImportResult
        Never raises for a bad file: an unreadable file is one error in ``problems``, and
        so is a failure of the import itself (logged with its traceback).
    """
    name = Path(path).name
    try:
        return _import(path, options or ImportOptions(), data, indicator_catalogue,
                       known_sources, limits)
    except Exception as exc:  # the boundary: a bug costs this file a message, not a traceback
        logger.exception("import of %r failed", name)
        return ImportResult.refused(Problem("import_failed", file=name,
                                            params={"error": type(exc).__name__}))


def _import(path: str | Path, options: ImportOptions, data: bytes | None,
            indicator_catalogue: pd.DataFrame | None, known_sources: set[str] | None,
            limits: Limits) -> ImportResult:
    cat = catalogue.indicators() if indicator_catalogue is None else indicator_catalogue
    lookup = (catalogue.default_lookup() if indicator_catalogue is None
              else catalogue.IndicatorLookup.from_catalogue(cat))
    name = Path(path).name
    source_default = options.source_id or Path(path).stem
    if known_sources is None:
        known_sources = set(catalogue.sources()["source_id"]) | {source_default}
    try:
        sheets = read_cells(path, data, limits)
    except ReportError as exc:
        return ImportResult.refused(exc.problem)
    problems: list[Problem] = []
    account = Accounting()
    frames, headers = [], {}
    for sheet in sheets:
        layout = detect_layout(sheet.cells, lookup)
        filled = filled_cells(sheet.cells)
        account.read(int(filled.to_numpy().sum()))
        report_hidden(sheet, filled, problems)
        if layout is None:
            account.skip("no_table", int(filled.to_numpy().sum()))
            problems.append(_no_table(sheet, filled, several=len(sheets) > 1))
            report_unreadable(sheet, None, set(), set(), problems, account)
            continue
        frames.append(sheet_figures(sheet, layout, filled, options.period, options.measure,
                                    source_default, cat, lookup, problems, account))
        headers[sheet.sheet] = _headers_of(layout)
    figures = pd.concat(frames, ignore_index=True) if frames else _empty()
    if not frames and not has_errors(problems):
        problems.append(Problem("no_table", file=name))
    problems += validate_figures(figures, cat, known_sources, headers)
    if figures.empty and not has_errors(problems):
        problems.append(Problem("no_figures", file=name))
    if not account.balanced:  # a cell neither imported nor reported: never silence
        problems.append(Problem("unaccounted", file=name, params={
            "n": account.cells - account.accounted}))
    return ImportResult(figures, problems, account)


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=FIGURE_COLUMNS + PROVENANCE)


def _no_table(sheet: RawSheet, filled: pd.DataFrame, several: bool) -> Problem:
    """The problem of a sheet without a table: an error when it is the only sheet; in a
    workbook, a note — a warning when the sheet holds numbers (a table not recognised)."""
    if not several:
        return Problem("no_header", "error", sheet.file, sheet.sheet)
    texts = pd.unique(np.concatenate([np.asarray(sheet.cells[c].cat.categories, dtype=object)
                                      for c in sheet.cells.columns] or [np.array([])]))
    has_numbers = any(str(text).replace(".", "").replace(",", "").isdigit() for text in texts)
    return Problem("sheet_skipped", "warning" if has_numbers else "info", sheet.file,
                   sheet.sheet, params={"n": int(filled.to_numpy().sum())})


def _headers_of(layout: Layout) -> dict[str, str]:
    """Figure column → the header of the report's column that holds it (those it has)."""
    by_role = {role: layout.header(position) for position, role in layout.roles.items()
               if not role.startswith(INDICATOR_PREFIX)}
    headers = {}
    for column, roles in _FEEDS.items():
        role = next((r for r in roles if r in by_role), None)
        if role:
            headers[column] = by_role[role]
    for column in (Figure.measure, Figure.indicator_id, Figure.unit, Figure.source_id,
                   Figure.quote, Figure.note):
        if column in by_role:
            headers[column] = by_role[column]
    return headers
