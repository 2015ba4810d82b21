"""Problems found while reading, importing or validating a report.

Every problem names where it is — file, sheet, row, column — what was there, and what to do.
Rows are numbered as a person sees them: the spreadsheet row (1 = first row of the sheet),
or the line of a CSV file.

A problem carries a message *key* and its parameters, not a sentence: it is written in
Vietnamese or English when shown (:meth:`Problem.text`), from the message catalogues
(:mod:`p8lib.contract.messages`): its message is ``problem_<key>``, listed in
:data:`MESSAGES`. ``str(problem)`` is English, for logs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from p8lib.contract import N_, fmt_number, t

# The severities, most serious first, and the message of each.
SEVERITIES = {"error": N_("severity_error"), "warning": N_("severity_warning"),
              "info": N_("severity_info")}
PROBLEM_COLUMNS = ["severity", "file", "sheet", "row", "column", "value", "message", "key"]
# A parameter named ``<name>_key`` holds a message key: it is translated and passed as ``name``.
_KEY_SUFFIX = "_key"
# The message of every problem, by the module that finds it: a problem's key is checked
# against it, and extraction (scripts/i18n.py) finds the ids here, as most keys are made at
# run time (``f"limit_{name}"``).
MESSAGES = frozenset({
    # limits.py
    N_("problem_limit_columns"), N_("problem_limit_csv_cells"), N_("problem_limit_file_bytes"),
    N_("problem_limit_rows"), N_("problem_limit_sheet_cells"), N_("problem_limit_sheets"),
    N_("problem_limit_unzipped_bytes"), N_("problem_limit_workbook_cells"),
    N_("problem_limit_zip_parts"),
    # workbook.py
    N_("problem_not_xlsx"), N_("problem_workbook_compression"), N_("problem_workbook_damaged"),
    # readers.py
    N_("problem_cannot_open"), N_("problem_csv_unreadable"), N_("problem_file_empty"),
    N_("problem_unsupported_type"), N_("problem_workbook_unreadable"),
    # csv_text.py
    N_("problem_cannot_decode"), N_("problem_not_text"), N_("problem_unclosed_quote"),
    # importer.py
    N_("problem_import_failed"), N_("problem_no_figures"), N_("problem_no_header"),
    N_("problem_no_table"), N_("problem_sheet_skipped"), N_("problem_unaccounted"),
    # worker.py
    N_("problem_import_busy"), N_("problem_import_crashed"), N_("problem_import_timeout"),
    # sheet_columns.py
    N_("problem_duplicate_indicator"), N_("problem_duplicate_role"), N_("problem_header_typo"),
    N_("problem_ignored_column"), N_("problem_indicator_by_spelling"),
    N_("problem_role_by_spelling"), N_("problem_total_column"), N_("problem_unnamed_column"),
    # report_rows.py
    N_("problem_filled_down"), N_("problem_merged_filled"), N_("problem_no_measure"),
    N_("problem_no_period"), N_("problem_not_a_year"), N_("problem_total_row"),
    # row_units.py
    N_("problem_name_contradicts_code"), N_("problem_name_not_found_code_used"),
    N_("problem_unit_ambiguous"), N_("problem_unit_fuzzy"), N_("problem_unit_fuzzy_inferred"),
    N_("problem_unit_unmatched"),
    # numbers.py
    N_("problem_not_a_number"), N_("problem_not_finite"), N_("problem_other_digits"),
    # value_cells.py
    N_("problem_percent_in_count"), N_("problem_thousands_read"),
    # sheet_figures.py
    N_("problem_error_cell"), N_("problem_formula_without_value"), N_("problem_hidden_columns"),
    N_("problem_hidden_rows"), N_("problem_hidden_sheet"), N_("problem_national_by_default"),
    N_("problem_no_unit"), N_("problem_no_value"),
    # validation.py
    N_("problem_codes_fit_level"), N_("problem_column_check"), N_("problem_commune_code_format"),
    N_("problem_conflicting_values"), N_("problem_district_code_format"),
    N_("problem_duplicate_rows"), N_("problem_level_invalid"), N_("problem_measure_invalid"),
    N_("problem_negative_value"), N_("problem_percent_over_100"), N_("problem_period_order"),
    N_("problem_province_code_format"), N_("problem_schema_check"), N_("problem_unit_differs"),
    N_("problem_unknown_code"), N_("problem_unknown_indicator"), N_("problem_unknown_source"),
    N_("problem_year_too_early"), N_("problem_year_too_late"),
})


@dataclass(frozen=True)
class Problem:
    """One finding. ``severity`` "error" stops an import; "warning" and "info" do not.

    Parameters
    ----------
    key : str
        What the problem is: its message is ``problem_<key>``, one of :data:`MESSAGES`.
    severity : {"error", "warning", "info"}
    file, sheet : str
    row : int, optional
        Spreadsheet row or CSV line; None for a problem of the whole file or sheet.
    column : str
        The header of the column holding the bad value (the column's letter where it has
        no header).
    value : str
        The cell's text, as written.
    params : mapping
        The message's ``{placeholders}``. Integers are written as each language writes
        numbers; a parameter ``times`` > 1 adds "(in N rows from this one on)"; a parameter
        ``x_key`` is a message key, translated and passed as ``x``.

    Raises
    ------
    ValueError
        An unknown severity or a key whose message is not in :data:`MESSAGES`: caught in
        tests, not by users.
    """

    key: str
    severity: str = "error"
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""
    value: str = ""
    params: Mapping[str, object] | tuple[tuple[str, object], ...] = field(default=())

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity {self.severity!r} not in {tuple(SEVERITIES)}")
        if message_key(self.key) not in MESSAGES:
            raise ValueError(f"problem {self.key!r} has no message {message_key(self.key)!r}")
        # Stored as sorted pairs: the problem stays hashable and compares by content.
        pairs = self.params.items() if isinstance(self.params, Mapping) else self.params
        object.__setattr__(self, "params", tuple(sorted(pairs)))
        if self.row is not None:
            object.__setattr__(self, "row", int(self.row))

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` ("vi" or "en"), placeholders filled."""
        values: dict[str, object] = {}
        for name, value in self.params:
            if name.endswith(_KEY_SUFFIX):
                values[name.removesuffix(_KEY_SUFFIX)] = t(str(value), lang)
            elif isinstance(value, int) and not isinstance(value, bool):
                values[name] = fmt_number(value, lang)
            else:
                values[name] = value
        text = t(message_key(self.key), lang, **values)
        times = dict(self.params).get("times", 1)
        if isinstance(times, int) and times > 1:
            text += t("problem_in_rows", lang, n=fmt_number(times, lang))
        return text

    @property
    def message(self) -> str:
        """The message in English."""
        return self.text("en")

    def where(self, lang: str = "en") -> str:
        """``file, sheet 'S', row 12, column 'Tỉnh'`` — the parts that are known."""
        parts = [self.file] if self.file else []
        if self.sheet:
            parts.append(t("where_sheet", lang, name=repr(self.sheet)))
        if self.row is not None:
            parts.append(t("where_row", lang, n=self.row))
        if self.column:
            parts.append(t("where_column", lang, name=repr(self.column)))
        return ", ".join(parts)

    def line(self, lang: str = "en") -> str:
        """The problem as one line of text: severity, where, message, value."""
        where = self.where(lang)
        value = t("where_value", lang, value=repr(self.value)) if self.value != "" else ""
        severity = t(SEVERITIES[self.severity], lang).upper()
        return f"{severity}: {where + ': ' if where else ''}{self.text(lang)}{value}"

    def as_dict(self, lang: str = "en") -> dict[str, object]:
        """The problem as plain data (JSON output): its fields, message in ``lang``."""
        return {"key": self.key, "severity": self.severity, "file": self.file,
                "sheet": self.sheet, "row": self.row, "column": self.column,
                "value": self.value, "message": self.text(lang), "params": dict(self.params)}

    def __str__(self) -> str:
        return self.line("en")


def message_key(key: str) -> str:
    """The message-catalogue key of a problem key."""
    return f"problem_{key}"


def has_errors(problems: Iterable[Problem]) -> bool:
    """True if any problem is an error."""
    return any(p.severity == "error" for p in problems)


def problems_frame(problems: list[Problem], lang: str = "en") -> pd.DataFrame:
    """The problems as a table (columns in :data:`PROBLEM_COLUMNS`, messages in ``lang``),
    errors first."""
    frame = pd.DataFrame([{"severity": p.severity, "file": p.file, "sheet": p.sheet,
                           "row": p.row, "column": p.column, "value": p.value,
                           "message": p.text(lang), "key": p.key} for p in problems],
                         columns=PROBLEM_COLUMNS)
    order = frame["severity"].map(list(SEVERITIES).index)
    return frame.assign(_o=order).sort_values(["_o", "file", "sheet", "row"], kind="stable",
                                              na_position="first").drop(columns="_o")


class ReportError(Exception):
    """A file cannot be read at all (wrong format, broken workbook, empty, past a limit)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem
