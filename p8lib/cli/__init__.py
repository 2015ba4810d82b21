"""Command line: ``python -m p8lib <command>``, on top of every package.

Each module registers its sub-commands (``register``), each sub-command the function that
runs it (``run``): :mod:`~p8lib.cli.reports` — ``match``, ``import``, ``validate``;
:mod:`~p8lib.cli.db` — ``db init|publish|batches|withdraw|restore|export`` (the store);
:mod:`~p8lib.cli.users` — ``users add|list|set-role|disable|set-password`` (accounts). Every
command takes ``--lang vi|en``. :func:`main` is the boundary: whatever a command raises
becomes one message naming the input and what to do (exit status 1), logged in full only
when ``P8_DEBUG`` is set — never a traceback on the user's screen.

May import every package.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from p8lib.cli import db, reports, users
from p8lib.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, default_lang, say

_COMMANDS = (reports, db, users)
DEBUG_ENV = "P8_DEBUG"

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "main"]
logger = logging.getLogger(__name__)


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
    """Run the command line; returns the exit status (never raises but for ``SystemExit``
    of a usage error, status 2, and ``KeyboardInterrupt``)."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if os.environ.get(DEBUG_ENV) else logging.CRITICAL,
                        stream=sys.stderr)
    try:
        return args.run(args)
    except Exception as exc:  # the boundary: a message, the traceback only when debugging
        logger.debug("command %s failed", args.command, exc_info=True)
        say("cli_failed", getattr(args, "lang", default_lang()), error=type(exc).__name__,
            path=str(getattr(args, "input", "")))
        return EXIT_PROBLEMS
