"""``python -m p8lib match|import|validate``: the report commands.

Every failure is a message naming file, sheet, row and column, with exit status 1 — never a
Python traceback (:func:`p8lib.cli.main` catches what no check foresaw). Output files are
written whole or not at all, formula-safe (text cells only: numbers stay numbers), as CSV
or XLSX by their suffix.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

from p8lib.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    add_import_options,
    add_lang,
    import_options,
    print_problems,
    say,
    write_output,
)
from p8lib.ingest import ImportResult, ReportError, import_report, read_cells
from p8lib.units import match_units

_UNIT_COLUMNS = ("province", "district", "commune")


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``match``, ``import`` and ``validate`` to the command line's sub-commands."""
    match = sub.add_parser("match", help="add GSO codes (2021 units) to a CSV of unit names")
    match.add_argument("input", type=Path, help="CSV with columns province, district, commune")
    match.add_argument("-o", "--output", type=Path, required=True,
                       help="the names with codes: .csv or .xlsx")
    add_lang(match)
    match.set_defaults(run=_run_match)
    for name, helptext in (("import", "write the tidy figures table of a report"),
                           ("validate", "check a report without writing anything")):
        cmd = sub.add_parser(name, help=helptext)
        cmd.add_argument("input", type=Path, help="report: .csv or .xlsx, long or wide layout")
        add_import_options(cmd)
        if name == "import":
            cmd.add_argument("-o", "--output", type=Path, required=True,
                             help="the figures: .csv or .xlsx")
        else:
            cmd.add_argument("--json", action="store_true", help="problems as JSON")
        add_lang(cmd)
        cmd.set_defaults(run=_run_import)


def _names_table(path: Path) -> pd.DataFrame:
    """The input of ``match``: its first row as the header (lower-case, trimmed), every
    cell as text; read by the report reader, so any file it reads is taken."""
    cells = read_cells(path)[0].cells
    header = [str(v).strip().lower() for v in cells.iloc[0]] if len(cells) else []
    body = cells.iloc[1:].astype(object)
    body.columns = header
    return body.reset_index(drop=True)


def _run_match(args: argparse.Namespace) -> int:
    try:
        frame = _names_table(args.input)
    except ReportError as exc:
        print_problems([exc.problem], args.lang)
        return EXIT_PROBLEMS
    if "province" not in frame.columns:
        say("cli_no_province_column", args.lang, columns=list(frame.columns))
        return EXIT_PROBLEMS
    frame = frame.loc[:, ~frame.columns.duplicated()]
    out = match_units(frame, *(c if c in frame.columns else None for c in _UNIT_COLUMNS))
    out = out.drop(columns="match_note").join(out["match_note"])
    if not write_output(out, args.output, args.lang):
        return EXIT_PROBLEMS
    counts = out["match_status"].value_counts().to_dict()
    say("cli_matched", args.lang, n=len(out),
        counts=", ".join(f"{k} {v}" for k, v in counts.items()))
    return EXIT_OK


def _import(args: argparse.Namespace) -> ImportResult:
    return import_report(args.input, import_options(args))


def _run_import(args: argparse.Namespace) -> int:
    """``import`` and ``validate``."""
    result = _import(args)
    if args.command == "validate" and args.json:
        print(json.dumps({"ok": result.ok, "figures": len(result.figures),
                          "accounting": {"cells": result.accounting.cells,
                                         "figures": result.accounting.figures,
                                         "skipped": result.accounting.skipped},
                          "problems": [p.as_dict(args.lang) for p in result.problems]},
                         ensure_ascii=False, indent=2))
    else:
        print_problems(result.problems, args.lang)
    print(result.accounting.summary(args.lang), file=sys.stderr)
    if not result.ok:
        if args.command == "import":
            say("cli_nothing_written", args.lang, path=str(args.output))
        return EXIT_PROBLEMS
    if args.command == "import":
        if not write_output(result.tidy(), args.output, args.lang):
            return EXIT_PROBLEMS
        say("cli_written", args.lang, n=len(result.figures), path=str(args.output))
    else:
        say("cli_would_import", args.lang, n=len(result.figures))
    return EXIT_OK
