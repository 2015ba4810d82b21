"""What every sub-command shares: exit statuses, how problems are printed, the options
that say what a report does not say about itself."""

from __future__ import annotations

import argparse
import re
import sys

from p8lib.ingest import ImportOptions, Problem

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def print_problems(problems: list[Problem]) -> None:
    """Every problem on standard error, one a line, then the count of errors and warnings."""
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    print(f"{errors} errors, {warnings} warnings", file=sys.stderr)


def _period(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{4})", text)
    if not match or int(match[2]) < int(match[1]):
        raise argparse.ArgumentTypeError(f"period {text!r} must look like 2021-2025")
    return int(match[1]), int(match[2])


def _year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text):
        raise argparse.ArgumentTypeError(f"year {text!r} must have 4 digits, e.g. 2023")
    return int(text)


def add_import_options(cmd: argparse.ArgumentParser) -> None:
    """``--year`` | ``--period``, ``--measure``, ``--source-id`` (see :func:`import_options`)."""
    when = cmd.add_mutually_exclusive_group()
    when.add_argument("--year", type=_year, help="year of figures without their own")
    when.add_argument("--period", type=_period, help="YYYY-YYYY, e.g. a phase 2021-2025")
    cmd.add_argument("--measure", choices=("actual", "target"))
    cmd.add_argument("--source-id", help="source id for rows without one (default: file name)")


def import_options(args: argparse.Namespace) -> ImportOptions:
    """The :class:`~p8lib.ingest.ImportOptions` of :func:`add_import_options`' arguments."""
    period = args.period or ((args.year, args.year) if args.year else None)
    return ImportOptions(period=period, measure=args.measure, source_id=args.source_id)
