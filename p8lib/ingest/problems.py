"""Problems found while reading, importing or validating a report.

Every problem names where it is — file, sheet, row, column — what was there, and what to do.
Rows are numbered as a person sees them: the spreadsheet row (1 = first row of the sheet),
or the line of a CSV file.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

import pandas as pd

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Problem:
    """One finding. ``severity`` "error" stops an import; "warning" and "info" do not."""

    message: str
    severity: str = "error"
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""
    value: str = ""

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity {self.severity!r} not in {SEVERITIES}")

    def where(self) -> str:
        """``file, sheet 'S', row 12, column 'Tỉnh'`` — the parts that are known."""
        parts = [self.file] if self.file else []
        if self.sheet:
            parts.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column!r}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        value = f" (value {self.value!r})" if self.value != "" else ""
        return f"{self.severity.upper()}: {where + ': ' if where else ''}{self.message}{value}"


PROBLEM_COLUMNS = [f.name for f in fields(Problem)]


def rows_note(times: int) -> str:
    """What a problem reported once, at its first row, says of the rows it stands for.

    >>> rows_note(3), rows_note(1)
    (' (in 3 rows from this one on)', '')
    """
    return f" (in {times} rows from this one on)" if times > 1 else ""


def has_errors(problems: list[Problem]) -> bool:
    """True if any problem is an error."""
    return any(p.severity == "error" for p in problems)


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """The problems as a table (columns in :data:`PROBLEM_COLUMNS`), errors first."""
    frame = pd.DataFrame([asdict(p) for p in problems], columns=PROBLEM_COLUMNS)
    order = frame["severity"].map(SEVERITIES.index)
    return frame.assign(_o=order).sort_values(["_o", "file", "sheet", "row"], kind="stable",
                                              na_position="first").drop(columns="_o")


class ReportError(Exception):
    """A file cannot be read at all (wrong format, broken workbook, empty)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem
