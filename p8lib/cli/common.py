"""What every sub-command shares: exit statuses and how problems are printed."""

from __future__ import annotations

import sys

from p8lib.ingest import Problem

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def print_problems(problems: list[Problem]) -> None:
    """Every problem on standard error, one a line, then the count of errors and warnings."""
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    print(f"{errors} errors, {warnings} warnings", file=sys.stderr)
