"""``python -m p8lib match|import|validate``: the report commands.

Every failure is a message naming file, sheet, row and column, with exit status 1 — never a
Python traceback. Output files are written whole or not at all.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

import pandas as pd

from p8lib.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    add_import_options,
    import_options,
    print_problems,
)
from p8lib.ingest import (
    ImportResult,
    Problem,
    ReportError,
    has_errors,
    import_report,
    read_cells,
)
from p8lib.present import write_csv_atomic
from p8lib.units import match_units


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``match``, ``import`` and ``validate`` to the command line's sub-commands."""
    match = sub.add_parser("match", help="add GSO codes (2021 units) to a CSV of unit names")
    match.add_argument("input", type=Path, help="CSV with columns province, district, commune")
    match.add_argument("-o", "--output", type=Path, required=True)
    match.set_defaults(run=_run_match)
    for name, helptext in (("import", "write the tidy figures table of a report"),
                           ("validate", "check a report without writing anything")):
        cmd = sub.add_parser(name, help=helptext)
        cmd.add_argument("input", type=Path, help="report: .csv or .xlsx, long or wide layout")
        add_import_options(cmd)
        if name == "import":
            cmd.add_argument("-o", "--output", type=Path, required=True)
        else:
            cmd.add_argument("--json", action="store_true", help="problems as JSON")
        cmd.set_defaults(run=_run_import)


def _run_match(args: argparse.Namespace) -> int:
    try:
        sheet = read_cells(args.input)[0]
    except ReportError as exc:
        print_problems([exc.problem])
        return EXIT_PROBLEMS
    frame = pd.read_csv(args.input, dtype=str, keep_default_na=False,
                        encoding=sheet.encoding or "utf-8-sig")
    frame.columns = [c.strip().lower() for c in frame.columns]
    if "province" not in frame.columns:
        print_problems([Problem(f"no 'province' column; columns are {list(frame.columns)}",
                                 file=args.input.name, row=1, column="province")])
        return EXIT_PROBLEMS
    out = match_units(frame, "province", "district", "commune")
    out = out.drop(columns="match_note").join(out["match_note"])
    write_csv_atomic(out, args.output)
    counts = out["match_status"].value_counts().to_dict()
    print(f"{len(out)} rows matched: " + ", ".join(f"{k} {v}" for k, v in counts.items()),
          file=sys.stderr)
    return EXIT_OK


def _import(args: argparse.Namespace) -> ImportResult:
    return import_report(args.input, import_options(args))


def _run_import(args: argparse.Namespace) -> int:
    """``import`` and ``validate``."""
    result = _import(args)
    if args.command == "validate" and args.json:
        print(json.dumps({"ok": result.ok, "figures": len(result.figures),
                          "problems": [asdict(p) for p in result.problems]},
                         ensure_ascii=False, indent=2))
    else:
        print_problems(result.problems)
    if has_errors(result.problems):
        if args.command == "import":
            print(f"nothing written to {args.output}: fix the errors above and run again",
                  file=sys.stderr)
        return EXIT_PROBLEMS
    if args.command == "import":
        write_csv_atomic(result.tidy(), args.output)
        print(f"{len(result.figures)} figures written to {args.output}", file=sys.stderr)
    else:
        print(f"{len(result.figures)} figures would be imported", file=sys.stderr)
    return EXIT_OK
