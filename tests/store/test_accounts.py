"""Accounts and roles, on both back-ends: every role × every write, checked by the store
itself; the role re-read at each write; passwords only as argon2id hashes; sign-in with a
lock after repeated failures; the users command line."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from p8lib import store as p8store
from p8lib.cli import EXIT_OK, EXIT_PROBLEMS, main
from p8lib.store import schema
from tests.store.conftest import opened_copy, template
from tests.store.test_store import GOOD, OTHER

PASSWORD = "correct horse battery"
ADMIN, ANALYST, VIEWER = "admin@example.org", "analyst@example.org", "viewer@example.org"
ACTIONS = {
    "publish": lambda s, who: p8store.publish(s, "o.csv", OTHER, actor=who),
    "replace": lambda s, who: p8store.publish(s, "o.csv", OTHER, actor=who, replaces=2),
    "withdraw": lambda s, who: p8store.withdraw(s, 2, actor=who, reason="x"),
    "restore": lambda s, who: p8store.restore(s, 3, actor=who),
    "add a user": lambda s, who: p8store.add_user(s, "new@example.org", "analyst", PASSWORD,
                                                  actor=who),
    "change a role": lambda s, who: p8store.set_role(s, VIEWER, "analyst", actor=who),
    "disable a user": lambda s, who: p8store.disable(s, VIEWER, actor=who),
}
ALLOWED = {  # actor -> the actions it may do once the store has users
    ADMIN: set(ACTIONS), ANALYST: {"publish", "replace", "withdraw", "restore"},
    VIEWER: set(), "app:anonymous": set(), "nobody@example.org": set(),
    "cli:root": {"add a user", "change a role", "disable a user"},
}


def _users_and_batches(store) -> None:
    p8store.publish(store, "good.csv", GOOD, actor="cli:root")  # batch 2
    p8store.publish(store, "third.csv", GOOD + b"\n", actor="cli:root")  # batch 3
    p8store.withdraw(store, 3, actor="cli:root", reason="to restore")
    for email, role in ((ADMIN, "admin"), (ANALYST, "analyst"), (VIEWER, "viewer")):
        p8store.add_user(store, email, role, PASSWORD, actor="cli:root")


@pytest.fixture(scope="module")
def users_template(seeded_url, new_url) -> str:
    return template(_users_and_batches, seeded_url, new_url)


@pytest.fixture
def with_users(users_template, new_url):
    """A store with an admin, an analyst and a viewer; batch 2 active, batch 3 withdrawn."""
    opened = opened_copy(users_template, new_url)
    yield opened
    opened.engine.dispose()


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("actor", ALLOWED)
def test_each_role_may_do_what_it_may_and_nothing_else(with_users, actor, action):
    version = p8store.store_version(with_users)
    if action in ALLOWED[actor]:
        ACTIONS[action](with_users, actor)
        return
    with pytest.raises(p8store.StoreError, match="may not"):
        ACTIONS[action](with_users, actor)
    assert p8store.store_version(with_users) == version


def test_an_open_store_lets_any_named_actor_publish(store):
    assert not p8store.accounts_exist(store)
    assert p8store.publish(store, "good.csv", GOOD, actor="app:anonymous").ok


@pytest.mark.parametrize("change", [
    lambda s: p8store.disable(s, ANALYST, actor=ADMIN),
    lambda s: p8store.set_role(s, ANALYST, "viewer", actor=ADMIN),
])
def test_a_disabled_or_demoted_user_stops_at_the_next_write(with_users, change):
    p8store.publish(with_users, "o.csv", OTHER, actor=ANALYST)
    change(with_users)
    with pytest.raises(p8store.StoreError, match="may not withdraw"):
        p8store.withdraw(with_users, 4, actor=ANALYST, reason="x")


def test_passwords_are_kept_only_as_argon2id_hashes(with_users):
    with with_users.engine.connect() as conn:
        hashes = conn.execute(sa.select(schema.users.c.password_hash)).scalars().all()
    assert len(hashes) == 3 and all(h.startswith("$argon2id$") for h in hashes)
    assert not any(PASSWORD in h for h in hashes)
    assert "password_hash" not in p8store.list_users(with_users).columns


def test_sign_in_and_the_lock_after_repeated_failures(with_users):
    assert p8store.sign_in(with_users, " Analyst@Example.org ", PASSWORD) == p8store.SignedIn(
        ANALYST, "analyst")
    for _ in range(p8store.MAX_FAILURES - 1):
        with pytest.raises(p8store.StoreError, match="Wrong e-mail or password"):
            p8store.sign_in(with_users, ANALYST, "wrong password")
    assert p8store.sign_in(with_users, ANALYST, PASSWORD).role == "analyst"  # count reset
    for _ in range(p8store.MAX_FAILURES):
        with pytest.raises(p8store.StoreError, match="Wrong e-mail or password"):
            p8store.sign_in(with_users, ANALYST, "wrong password")
    with pytest.raises(p8store.StoreError, match="locked"):
        p8store.sign_in(with_users, ANALYST, PASSWORD)  # even the right one, while locked


@pytest.mark.parametrize(("email", "password"), [
    ("nobody@example.org", PASSWORD), (VIEWER, "wrong password"), (VIEWER, ""),
])
def test_a_failed_sign_in_says_the_same_whatever_was_wrong(with_users, email, password):
    with pytest.raises(p8store.StoreError) as failed:
        p8store.sign_in(with_users, email, password)
    assert failed.value.key == "signin_failed" and PASSWORD not in str(failed.value)


def test_a_disabled_user_cannot_sign_in(with_users):
    p8store.disable(with_users, VIEWER, actor=ADMIN)
    with pytest.raises(p8store.StoreError, match="Wrong e-mail or password"):
        p8store.sign_in(with_users, VIEWER, PASSWORD)


@pytest.mark.parametrize(("call", "key"), [
    (lambda s: p8store.add_user(s, "x@example.org", "analyst", "short", actor="cli:r"),
     "user_short_password"),
    (lambda s: p8store.add_user(s, "not an email", "analyst", PASSWORD, actor="cli:r"),
     "user_bad_email"),
    (lambda s: p8store.add_user(s, "x@example.org", "boss", PASSWORD, actor="cli:r"),
     "user_bad_role"),
    (lambda s: p8store.set_role(s, "ghost@example.org", "admin", actor="cli:r"),
     "user_unknown"),
])
def test_bad_account_changes_are_refused(store, call, key):
    with pytest.raises(p8store.StoreError) as refused:
        call(store)
    assert refused.value.key == key


def test_users_command_line_reads_the_password_from_stdin_never_an_argument(
        store_url, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["users", "--url", store_url, "add", ANALYST, "--role", "analyst"]) == EXIT_OK
    assert main(["users", "--url", store_url, "list"]) == EXIT_OK
    out = capsys.readouterr().out
    assert f"{ANALYST}\tanalyst\tenabled\tpassword" in out and PASSWORD not in out
    opened = p8store.open_store(store_url)
    assert p8store.sign_in(opened, ANALYST, PASSWORD).role == "analyst"
    assert main(["users", "--url", store_url, "set-role", ANALYST, "admin"]) == EXIT_OK
    assert main(["users", "--url", store_url, "disable", ANALYST]) == EXIT_OK
    assert main(["users", "--url", store_url, "list"]) == EXIT_OK
    assert f"{ANALYST}\tadmin\tdisabled" in capsys.readouterr().out


def test_db_writes_need_an_analyst_once_the_store_has_users(store_url, tmp_path, monkeypatch,
                                                            capsys):
    report = tmp_path / "good.csv"
    report.write_bytes(GOOD)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    main(["users", "--url", store_url, "add", ANALYST, "--role", "analyst"])
    capsys.readouterr()
    assert main(["db", "--url", store_url, "publish", str(report)]) == EXIT_PROBLEMS
    assert "give --as EMAIL" in capsys.readouterr().err
    assert main(["db", "--url", store_url, "--as", VIEWER, "publish", str(report)]
                ) == EXIT_PROBLEMS
    assert main(["db", "--url", store_url, "--as", ANALYST, "publish", str(report)]) == EXIT_OK
    batches, _ = p8store.history(p8store.open_store(store_url))
    assert batches.iloc[0]["created_by"] == ANALYST
