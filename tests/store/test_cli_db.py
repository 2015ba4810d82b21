"""``python -m p8lib db …`` on both back-ends: exit statuses, the one-line answers, nothing
written on error, and the export in the data contract."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from p8lib.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, main
from p8lib.contract import FIGURE_COLUMNS, catalogue
from tests.store.test_store import BAD, GOOD


def db(url: str, *args: str) -> int:
    return main(["db", "--url", url, *args])


@pytest.fixture
def report(tmp_path):
    def write(name: str, data: bytes):
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)
    return write


def test_init_creates_seeds_and_is_idempotent(store_url, capsys):
    assert db(store_url, "init") == EXIT_OK
    assert db(store_url, "init") == EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("schema up to date, 1 batches, version 1") and out[0] == out[1]


def test_publish_prints_one_line_and_a_second_time_is_refused(store_url, report, capsys):
    path = report("good.csv", GOOD)
    assert db(store_url, "publish", path, "--note", "Q2") == EXIT_OK
    assert capsys.readouterr().out == "batch 2: 2 figures\n"
    assert db(store_url, "publish", path) == EXIT_PROBLEMS
    assert "published before: batch 2 (good.csv" in capsys.readouterr().err


def test_publish_with_errors_prints_them_and_writes_nothing(store_url, report, capsys):
    assert db(store_url, "publish", report("bad.csv", BAD), "--year", "2024") == EXIT_PROBLEMS
    err = capsys.readouterr().err
    assert "ERROR: bad.csv, row 2, column" in err and "nothing published" in err
    assert db(store_url, "batches", "--json") == EXIT_OK
    assert [b["id"] for b in json.loads(capsys.readouterr().out)] == [1]


@pytest.mark.parametrize(("args", "status", "said"), [
    (["withdraw", "2", "--why", "wrong file"], EXIT_OK, "batch 2 withdrawn"),
    (["withdraw", "1", "--why", ""], EXIT_PROBLEMS, "Say why"),
    (["restore", "2"], EXIT_PROBLEMS, "only a withdrawn batch"),
    (["withdraw", "7", "--why", "x"], EXIT_PROBLEMS, "no batch 7"),
    (["publish"], EXIT_USAGE, "give a report file, or --shipped"),
])
def test_withdraw_and_restore_answer_with_a_status(store_url, report, capsys, args, status,
                                                   said):
    db(store_url, "publish", report("good.csv", GOOD))
    capsys.readouterr()
    assert db(store_url, *args) == status
    captured = capsys.readouterr()
    assert said in captured.out + captured.err


def test_batches_lists_who_when_and_status(store_url, report, capsys):
    db(store_url, "publish", report("good.csv", GOOD))
    db(store_url, "withdraw", "2", "--why", "x")
    capsys.readouterr()
    assert db(store_url, "batches") == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[:2] == ["2", "withdrawn"]
    assert lines[0].split("\t")[3].startswith("cli:") and "good.csv" in lines[0]
    assert lines[1].split("\t")[:2] == ["1", "active"]


@pytest.mark.parametrize(("name", "every"), [("out.csv", False), ("out.parquet", False),
                                             ("all.csv", True)])
def test_export_writes_the_active_figures_in_the_contract(store_url, report, tmp_path, name,
                                                          every):
    db(store_url, "publish", report("good.csv", GOOD))
    db(store_url, "withdraw", "2", "--why", "x")
    out = tmp_path / name
    assert db(store_url, "export", "-o", str(out), *(["--all"] if every else [])) == EXIT_OK
    if name.endswith(".csv"):
        assert out.read_bytes().startswith(b"\xef\xbb\xbf")
        back = pd.read_csv(out, encoding="utf-8-sig", dtype=str)
    else:
        back = pd.read_parquet(out)
    shipped = len(catalogue.figures())
    assert list(back.columns) == FIGURE_COLUMNS + (["batch_id", "status"] if every else [])
    assert len(back) == shipped + (2 if every else 0)
    if every:
        assert set(back["status"].iloc[shipped:]) == {"withdrawn"}
