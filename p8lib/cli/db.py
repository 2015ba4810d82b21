"""``python -m p8lib db init|publish|batches|withdraw|restore|export``: the store.

The store is at ``--url``, else ``$P8_DATABASE_URL``, else the embedded SQLite file
(:func:`p8lib.store.database_url`). Writes act as ``cli:<OS user>`` while the store has no
accounts; once it has, as ``--as EMAIL`` — an analyst's or admin's account, whose role the
store checks. A refused write or a report with errors prints why and exits 1 with nothing
written.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import tempfile
from pathlib import Path

import pandas as pd

from p8lib import store as p8store
from p8lib.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    add_import_options,
    import_options,
    print_problems,
)
from p8lib.contract import FIGURE_COLUMNS
from p8lib.present import exports


def cli_actor() -> str:
    """Who the command line acts as: ``cli:<OS user>``."""
    return f"cli:{getpass.getuser()}"


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``db`` and its sub-commands to the command line."""
    db = sub.add_parser("db", help="the shared store of figures: publish, history, export")
    db.add_argument("--url", help=f"store URL (default: ${p8store.URL_ENV}, else "
                                  "var/p8.sqlite)")
    db.add_argument("--as", dest="as_user", metavar="EMAIL",
                    help="act as this analyst's account (needed once the store has users)")
    commands = db.add_subparsers(dest="db_command", required=True)
    commands.add_parser("init", help="create or upgrade the store; seed the shipped tables"
                        ).set_defaults(run=_run_init)
    publish = commands.add_parser("publish", help="import a report and publish it as a batch")
    publish.add_argument("input", type=Path, nargs="?",
                         help="report: .csv or .xlsx, long or wide layout")
    publish.add_argument("--shipped", action="store_true",
                         help="publish the tables shipped in data/ instead (after an upgrade)")
    add_import_options(publish)
    publish.add_argument("--note", help="what this batch is, for the history")
    publish.add_argument("--replaces", type=int, metavar="BATCH",
                         help="an active batch this one corrects (it is superseded)")
    publish.set_defaults(run=_run_publish)
    listing = commands.add_parser("batches", help="every batch, newest first")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=_run_batches)
    withdraw = commands.add_parser("withdraw", help="take a batch's figures out of use")
    withdraw.add_argument("batch", type=int)
    withdraw.add_argument("--why", required=True, help="the reason, kept in the history")
    withdraw.set_defaults(run=_run_withdraw)
    restore = commands.add_parser("restore", help="bring a withdrawn batch back")
    restore.add_argument("batch", type=int)
    restore.set_defaults(run=_run_restore)
    export = commands.add_parser("export", help="the active figures as CSV or Parquet")
    export.add_argument("-o", "--output", type=Path, required=True,
                        help="FILE.csv (UTF-8 with BOM) or FILE.parquet")
    export.add_argument("--all", action="store_true",
                        help="every figure ever published, with its batch and status")
    export.set_defaults(run=_run_export)


def _actor(args: argparse.Namespace) -> str:
    return args.as_user.strip().lower() if args.as_user else cli_actor()


def _open(args: argparse.Namespace) -> p8store.Store:
    return p8store.open_store(args.url)


def _refused(exc: p8store.StoreError) -> int:
    hint = " (give --as EMAIL of an analyst)" if exc.key == "store_role_needed" else ""
    print(f"ERROR: {exc}{hint}", file=sys.stderr)
    return EXIT_PROBLEMS


def _run_init(args: argparse.Namespace) -> int:
    store = _open(args)
    state = p8store.store_state(store)
    batches, _ = p8store.history(store)
    print(f"store {store.engine.url.render_as_string(hide_password=True)}: schema up to date, "
          f"{len(batches)} batches, version {state.version}")
    update = p8store.shipped_update(store)
    if update is not None:
        print("the tables shipped in data/ differ from every batch: publish them with "
              "`python -m p8lib db publish --shipped`"
              + (f" (they replace batch {update.replaces})" if update.replaces else ""))
    return EXIT_OK


def _run_publish(args: argparse.Namespace) -> int:
    if (args.input is None) == (not args.shipped):
        print("ERROR: give a report file, or --shipped", file=sys.stderr)
        return EXIT_USAGE
    store = _open(args)
    try:
        if args.shipped:
            batch = p8store.publish_shipped(store, actor=_actor(args))
            print(f"batch {batch}: {p8store.history(store)[0].iloc[0]['figures']} figures")
            return EXIT_OK
        if not args.input.is_file():
            print(f"ERROR: {args.input}: no such file", file=sys.stderr)
            return EXIT_PROBLEMS
        done = p8store.publish(store, args.input.name, args.input.read_bytes(),
                               import_options(args), actor=_actor(args), note=args.note,
                               replaces=args.replaces)
    except p8store.StoreError as exc:
        return _refused(exc)
    if done.problems:
        print_problems(done.problems)
    if not done.ok:
        print("nothing published: fix the errors above and run again", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"batch {done.batch_id}: {done.figures} figures")
    return EXIT_OK


def _run_batches(args: argparse.Namespace) -> int:
    batches, _ = p8store.history(_open(args))
    if args.json:
        records = batches.astype(object).where(batches.notna(), None).to_dict("records")
        for record in records:
            record["created_at"] = record["created_at"].isoformat()
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return EXIT_OK
    for b in batches.itertuples():
        replaces = f", replaces {b.replaces}" if pd.notna(b.replaces) else ""
        print(f"{b.id}\t{b.status}\t{b.created_at:%Y-%m-%d %H:%M} UTC\t{b.created_by}\t"
              f"{b.figures} figures\t{b.file_name}{replaces}")
    return EXIT_OK


def _run_withdraw(args: argparse.Namespace) -> int:
    try:
        p8store.withdraw(_open(args), args.batch, actor=_actor(args), reason=args.why)
    except p8store.StoreError as exc:
        return _refused(exc)
    print(f"batch {args.batch} withdrawn")
    return EXIT_OK


def _run_restore(args: argparse.Namespace) -> int:
    try:
        p8store.restore(_open(args), args.batch, actor=_actor(args))
    except p8store.StoreError as exc:
        return _refused(exc)
    print(f"batch {args.batch} restored")
    return EXIT_OK


def _write_atomic(path: Path, write) -> None:
    """``write(temporary path)``, then the temporary file renamed to ``path``."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _run_export(args: argparse.Namespace) -> int:
    suffix = args.output.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        print(f"ERROR: {args.output}: expected a .csv or .parquet file", file=sys.stderr)
        return EXIT_USAGE
    store = _open(args)
    frame = (p8store.every_figure(store) if args.all
             else p8store.active_figures(store)[1][FIGURE_COLUMNS])
    if suffix == ".csv":
        _write_atomic(args.output, lambda p: p.write_bytes(exports.csv_bytes(frame)))
    else:
        _write_atomic(args.output, lambda p: frame.to_parquet(p, index=False))
    print(f"{len(frame)} figures written to {args.output}", file=sys.stderr)
    return EXIT_OK
