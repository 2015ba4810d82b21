"""Report files to validated figures, with every problem located (file, sheet, row, column).

The steps, each a module: read the cells (:mod:`~p8lib.ingest.readers`), find the layout
(:mod:`~p8lib.ingest.layout`), work out what each row says (:mod:`~p8lib.ingest.report_rows`),
read the numbers (:mod:`~p8lib.ingest.numbers`), validate (:mod:`~p8lib.ingest.validation`);
:mod:`~p8lib.ingest.importer` runs them. :mod:`~p8lib.ingest.columns` holds the column
operations that work once per distinct value; :mod:`~p8lib.ingest.problems` the problems.
Sizes are bounded before parsing (:mod:`~p8lib.ingest.limits`, :mod:`~p8lib.ingest.workbook`),
every cell is accounted for (:mod:`~p8lib.ingest.accounting`), and the app parses uploads
in a limited child process (:mod:`~p8lib.ingest.worker`).

May import :mod:`p8lib.units` and :mod:`p8lib.contract`.
"""

from p8lib.ingest import worker
from p8lib.ingest.accounting import Accounting
from p8lib.ingest.columns import row_groups
from p8lib.ingest.importer import ImportOptions, ImportResult, import_report
from p8lib.ingest.limits import DEFAULT_LIMITS, Limits
from p8lib.ingest.problems import SEVERITIES, Problem, ReportError, has_errors, problems_frame
from p8lib.ingest.readers import read_cells
from p8lib.ingest.validation import PERCENT_UNITS
from p8lib.ingest.worker import WorkerLimits, import_in_worker

__all__ = [
    "DEFAULT_LIMITS", "PERCENT_UNITS", "SEVERITIES", "Accounting", "ImportOptions",
    "ImportResult", "Limits", "Problem", "ReportError", "WorkerLimits", "has_errors",
    "import_in_worker", "import_report", "problems_frame", "read_cells", "row_groups", "worker",
]
