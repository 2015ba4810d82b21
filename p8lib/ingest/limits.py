"""How big a report may be: limits checked *before* the work they bound.

A file past any limit is refused at once with a message naming the limit and what to do
(:class:`~p8lib.ingest.problems.ReportError`); nothing is parsed first. Each limit is well
above any real report and far below what hurts the server (docs/benchmarks.md, "Hostile
files", has the measurements behind the numbers):

=====================  ============  ===========================================================
limit                  value         a real report / what it prevents
=====================  ============  ===========================================================
file size              256 MiB       a provincial report is under 1 MB, the 1M-figure national
                                     long CSV 150 MB; an unbounded upload read into memory
rows of a sheet        5,000,000     a national long CSV of 2.4M rows; Excel stops at 1,048,576
columns of a sheet     1,000         STT, three unit columns, ~30 indicators × target/result;
                                     a 1.9 MB CSV of 100,000 columns held a core for 80 s
cells of a CSV         60,000,000    2.4M rows × 12 columns; read column-wise (~4 bytes a cell)
cells of a worksheet   5,000,000     rows × columns from A1 to the last cell: the Excel reader
                                     allocates that grid (~90 bytes a cell with its Python
                                     objects); one cell at XFD1048576 asked for 512 GB
cells in a workbook    10,000,000    all sheets together
sheets                 100           one per province (63) and a few more; 1,000 sheets took 41 s
parts of a workbook    10,000        a workbook has ~10 parts and 2 per sheet
unzipped XML           256 MiB       what a workbook inflates to (the 100,000-row long XLSX:
                                     ~40 MB; 5,000,000 cells ~200 MB); a zip bomb inflates
                                     1 MB into gigabytes, and a part that inflates past its
                                     declared size is refused as damaged
=====================  ============  ===========================================================

The worker process (:mod:`p8lib.ingest.worker`) adds memory and CPU-time limits around the
whole import, for what no check here foresees.
"""

from __future__ import annotations

from dataclasses import dataclass

from p8lib.ingest.problems import Problem, ReportError

MIB = 1 << 20


@dataclass(frozen=True)
class Limits:
    """The limits of one import (see the module's table for why each is what it is)."""

    file_bytes: int = 256 * MIB
    rows: int = 5_000_000
    columns: int = 1_000
    csv_cells: int = 60_000_000
    sheet_cells: int = 5_000_000
    workbook_cells: int = 10_000_000
    sheets: int = 100
    zip_parts: int = 10_000
    unzipped_bytes: int = 256 * MIB


DEFAULT_LIMITS = Limits()


def refuse(limit: str, file: str, *, sheet: str = "", found: int, allowed: int) -> ReportError:
    """The error of a file past ``limit`` (a field of :class:`Limits`): ``found`` against
    ``allowed``, to raise."""
    return ReportError(Problem(f"limit_{limit}", "error", file, sheet,
                               params={"found": found, "allowed": allowed}))


def check(limit: str, found: int, limits: Limits, file: str, *, sheet: str = "") -> None:
    """Raise :func:`refuse`'s error when ``found`` is past ``limits.<limit>``."""
    allowed = getattr(limits, limit)
    if found > allowed:
        raise refuse(limit, file, sheet=sheet, found=found, allowed=allowed)
