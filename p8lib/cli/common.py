"""What every sub-command shares: exit statuses, the language, how problems and outputs are
written.

Everything the command line says goes to standard error in the language of ``--lang``
(default: Vietnamese where the locale is, else English); outputs are written formula-safe
and all at once (:func:`p8lib.present.exports.write_table_atomic`), never through a link or
onto a device.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pandas as pd

from p8lib.contract import LANGS, t
from p8lib.ingest import Problem
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
