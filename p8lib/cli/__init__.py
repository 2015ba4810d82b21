"""Command line: ``python -m p8lib <command>``, on top of every package.

Each module registers its sub-commands (``register``), each sub-command the function that
runs it (``run``): :mod:`~p8lib.cli.reports` — ``match``, ``import``, ``validate``;
:mod:`~p8lib.cli.db` — ``db init|publish|batches|withdraw|restore|export`` (the store);
:mod:`~p8lib.cli.users` — ``users add|list|set-role|disable|set-password`` (accounts).

May import every package.
"""

from __future__ import annotations

import argparse

from p8lib.cli import db, reports, users
from p8lib.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

_COMMANDS = (reports, db, users)

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m p8lib",
                                     description="Project 8 data tools: match unit names, "
                                                 "import and validate reports, publish them to the "
                                                 "shared store.")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in _COMMANDS:
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    return args.run(args)
