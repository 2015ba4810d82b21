"""Report files to validated figures, with every problem located (file, sheet, row, column).

The steps, each a module: read the cells (:mod:`~p8lib.ingest.readers`), find the layout
(:mod:`~p8lib.ingest.layout`), work out what each row says (:mod:`~p8lib.ingest.report_rows`),
read the numbers (:mod:`~p8lib.ingest.numbers`), validate (:mod:`~p8lib.ingest.validation`);
:mod:`~p8lib.ingest.importer` runs them. :mod:`~p8lib.ingest.columns` holds the column
operations that work once per distinct value; :mod:`~p8lib.ingest.problems` the problems.

May import :mod:`p8lib.units` and :mod:`p8lib.contract`.
"""

from p8lib.ingest.columns import row_groups
from p8lib.ingest.importer import ImportOptions, ImportResult, import_report
from p8lib.ingest.problems import Problem, ReportError, has_errors, problems_frame
from p8lib.ingest.readers import read_cells
from p8lib.ingest.validation import PERCENT_UNITS

__all__ = [
    "PERCENT_UNITS", "ImportOptions", "ImportResult", "Problem", "ReportError", "has_errors",
    "import_report", "problems_frame", "read_cells", "row_groups",
]
