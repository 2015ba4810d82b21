"""What every sub-command shares: exit statuses, the language, how problems and outputs are
written, the options that say what a report does not say about itself.

Everything the command line says goes to standard error in the language of ``--lang``
(default: Vietnamese where the locale is, else English); outputs are written formula-safe
and all at once (:func:`p8lib.present.exports.write_table_atomic`), never through a link or
onto a device.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

import pandas as pd

from p8lib.contract import LANGS, t
from p8lib.ingest import ImportOptions, Problem
from p8lib.present import NotARegularFile, write_table_atomic

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def default_lang() -> str:
    """Vietnamese when the locale is (``LANG``/``LC_ALL`` starting ``vi``), else English."""
    locale = os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    return "vi" if locale.lower().startswith("vi") else "en"


def add_lang(parser: argparse.ArgumentParser) -> None:
    """The ``--lang`` option every command takes."""
    parser.add_argument("--lang", choices=LANGS, default=default_lang(),
                        help="language of messages: vi or en (default: from the locale)")


def say(key: str, lang: str, **values: object) -> None:
    """One line of the message catalogue on standard error."""
    print(t(key, lang, **values), file=sys.stderr)


def print_problems(problems: list[Problem], lang: str = "en") -> None:
    """Every problem on standard error, one a line, then the count of errors and warnings."""
    for problem in problems:
        print(problem.line(lang), file=sys.stderr)
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    say("cli_counts", lang, errors=errors, warnings=warnings)


def _period(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{4})", text, flags=re.ASCII)
    if not match or int(match[2]) < int(match[1]):
        raise argparse.ArgumentTypeError(f"period {text!r} must look like 2021-2025")
    return int(match[1]), int(match[2])


def _year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text, flags=re.ASCII):
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


def write_output(frame: pd.DataFrame, path: Path, lang: str) -> bool:
    """Write ``frame`` to ``path`` (CSV or XLSX by its suffix); False, with the reason said,
    when it cannot be written."""
    try:
        write_table_atomic(frame, path)
    except NotARegularFile:
        say("cli_output_not_file", lang, path=str(path))
        return False
    except OSError as exc:
        say("cli_output_failed", lang, path=str(path), reason=exc.strerror or str(exc))
        return False
    return True
