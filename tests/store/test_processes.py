"""The store under real processes, on both back-ends: a publisher killed with SIGKILL in the
middle of a large publish leaves the batch absent or whole and the database sound; two
publishers at the same moment both land, one after the other."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from p8lib import store as p8store
from p8lib.contract import catalogue
from p8lib.store import schema

ROOT = Path(__file__).resolve().parents[2]
LARGE_ROWS = 120_000
SHIPPED = len(catalogue.figures())  # batch 1, seeded into every store
# A child process: open the store, say "writing" when the rows start going in, publish.
PUBLISHER = """
import sys, time
from pathlib import Path
from p8lib import store
from p8lib.store import batches
url, path, start = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
opened = store.open_store(url, seed=False)
real = batches.insert_frame
def announced(conn, table, frame):
    print("writing", flush=True)
    return real(conn, table, frame)
batches.insert_frame = announced
while not start.exists():
    time.sleep(0.01)
done = store.publish(opened, path.name, path.read_bytes(), actor="cli:test")
print("published", done.batch_id, done.figures, flush=True)
"""


def long_report(path: Path, rows: int, value: int) -> Path:
    """A long-layout report of ``rows`` commune figures (codes of real 2021 communes)."""
    from p8lib import units  # noqa: PLC0415

    communes = units.communes()[["province_code", "district_code", "commune_code"]]
    picked = communes.iloc[[i % len(communes) for i in range(rows)]].reset_index(drop=True)
    years = 2015 + (pd.RangeIndex(rows) // len(communes)) % 20
    frame = picked.assign(indicator_id="comm_groups", measure="actual", period_start=years,
                          period_end=years, value=value, unit="groups",
                          source_id="synthetic_store_test")
    frame.to_csv(path, index=False)
    return path


def children(url: str, reports: list[Path], start: Path) -> list[subprocess.Popen]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return [subprocess.Popen([sys.executable, "-c", PUBLISHER, url, str(r), str(start)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=env, cwd=ROOT) for r in reports]


def integrity(store: p8store.Store) -> None:
    """The database is sound, and each batch holds exactly the figures it says."""
    with store.engine.connect() as conn:
        if store.backend == "sqlite":
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        counts = dict(conn.execute(sa.select(schema.figures.c.batch_id, sa.func.count())
                                   .group_by(schema.figures.c.batch_id)).all())
        said = dict(conn.execute(sa.select(schema.batches.c.id, schema.batches.c.figures)).all())
        events = conn.execute(sa.select(schema.batch_events.c.batch_id)).scalars().all()
    assert {b: n for b, n in said.items() if n} == counts
    assert set(events) == set(said)


@pytest.mark.parametrize("delay", [0.0, 0.3])
def test_a_publisher_killed_mid_write_leaves_the_batch_absent_or_whole(store, tmp_path, delay):
    report = long_report(tmp_path / "large_synthetic.csv", LARGE_ROWS, 1)
    start = tmp_path / "start"
    start.touch()
    (child,) = children(store.url, [report], start)
    assert child.stdout.readline().strip() == "writing", child.stderr.read()
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait(30)
    integrity(store)
    landed = p8store.history(store)[0]["id"].tolist()
    assert landed in ([1], [2, 1])  # absent, or (had it committed before the kill) whole
    expected = SHIPPED + (LARGE_ROWS if len(landed) == 2 else 0)
    assert len(p8store.active_figures(store)[1]) == expected
    if len(landed) == 1:  # the store takes the same file again: nothing of it was left
        assert p8store.publish(store, report.name, report.read_bytes(), actor="cli:test").ok


def test_two_publishes_at_once_both_land_one_after_the_other(store, tmp_path):
    reports = [long_report(tmp_path / f"report_{i}_synthetic.csv", 20_000, i + 1)
               for i in range(2)]
    start = tmp_path / "start"
    running = children(store.url, reports, start)
    time.sleep(1.0)  # both have opened the store and wait at the line
    start.touch()
    answers = [p.communicate(timeout=300) for p in running]
    assert [p.returncode for p in running] == [0, 0], [a[1][-2000:] for a in answers]
    landed = sorted(int(a[0].split()[-2]) for a in answers)
    assert landed == [2, 3]
    integrity(store)
    _, events = p8store.history(store)
    assert events["batch_id"].tolist() == [3, 2, 1]  # serialised: one event after the other
    figures = p8store.active_figures(store)[1]
    assert sorted(figures["value"].iloc[SHIPPED:].unique().tolist()) == [1.0, 2.0]
    assert len(figures) == SHIPPED + 40_000
