"""``python -m p8lib users add|list|set-role|disable|set-password``: accounts of the store.

Passwords are read from a prompt (twice) or, when standard input is not a terminal, from
its first line — never from an argument, where they would be kept in the shell's history
and shown to every user of the machine by ``ps``. These commands act as
``cli:<OS user>``: who can run them on the server can change the database anyway.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from p8lib import store as p8store
from p8lib.cli.common import EXIT_OK, EXIT_PROBLEMS
from p8lib.cli.db import cli_actor


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``users`` and its sub-commands to the command line."""
    users = sub.add_parser("users", help="accounts: who may publish (analyst) or manage "
                                         "users (admin)")
    users.add_argument("--url", help=f"store URL (default: ${p8store.URL_ENV}, else "
                                     "var/p8.sqlite)")
    commands = users.add_subparsers(dest="users_command", required=True)
    add = commands.add_parser("add", help="create an account (password from a prompt or stdin)")
    add.add_argument("email")
    add.add_argument("--role", required=True, choices=p8store.ROLES)
    add.add_argument("--no-password", action="store_true",
                     help="signs in only through the identity provider (OIDC)")
    add.set_defaults(run=_run_add)
    listing = commands.add_parser("list", help="every account (never a password)")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=_run_list)
    role = commands.add_parser("set-role", help="change an account's role")
    role.add_argument("email")
    role.add_argument("role", choices=p8store.ROLES)
    role.set_defaults(run=_run_set_role)
    off = commands.add_parser("disable", help="stop an account at once")
    off.add_argument("email")
    off.set_defaults(run=_run_disable)
    password = commands.add_parser("set-password", help="set a password (and unlock)")
    password.add_argument("email")
    password.set_defaults(run=_run_set_password)


def read_password() -> str:
    """A new password: typed twice at a prompt, or the first line of standard input."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise p8store.StoreError("user_password_mismatch")
    return first


def _done(action, said: str) -> int:
    try:
        action()
    except p8store.StoreError as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(said)
    return EXIT_OK


def _run_add(args: argparse.Namespace) -> int:
    store = p8store.open_store(args.url)
    return _done(lambda: p8store.add_user(
        store, args.email, args.role, None if args.no_password else read_password(),
        actor=cli_actor()), f"{args.email.strip().lower()}: {args.role}")


def _run_list(args: argparse.Namespace) -> int:
    listed = p8store.list_users(p8store.open_store(args.url))
    if args.json:
        records = listed.astype(object).where(listed.notna(), None).to_dict("records")
        print(json.dumps(records, default=str, ensure_ascii=False, indent=2))
        return EXIT_OK
    for user in listed.itertuples():
        state = "disabled" if user.disabled else "enabled"
        how = "password" if user.has_password else "identity provider"
        print(f"{user.email}\t{user.role}\t{state}\t{how}")
    return EXIT_OK


def _run_set_role(args: argparse.Namespace) -> int:
    store = p8store.open_store(args.url)
    return _done(lambda: p8store.set_role(store, args.email, args.role, actor=cli_actor()),
                 f"{args.email}: {args.role}")


def _run_disable(args: argparse.Namespace) -> int:
    store = p8store.open_store(args.url)
    return _done(lambda: p8store.disable(store, args.email, actor=cli_actor()),
                 f"{args.email}: disabled")


def _run_set_password(args: argparse.Namespace) -> int:
    store = p8store.open_store(args.url)
    return _done(lambda: p8store.set_password(store, args.email, read_password(),
                                              actor=cli_actor()), f"{args.email}: password set")
