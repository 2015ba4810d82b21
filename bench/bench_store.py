"""The store at national scale, SYNTHETIC data, on SQLite and on a throwaway PostgreSQL.

Run: ``.venv/bin/python bench/bench_store.py`` (after ``bench/synthetic.py``). Writes
``bench/out/store.json`` after every item. Budgets (issue #13):

* **publish** the largest province's wide XLSX into a store holding the shipped tables
  (``p8lib.store.publish``: import, then one write transaction) ≤ 2× the dry-run import of
  the same file (``p8lib.ingest.import_report``), timed in turn, on each back-end; a fresh
  store per publish (the same file is refused twice), made outside the timing;
* **withdraw** a 100,000-figure batch ≤ 1 s (and, for the record, the first read of the
  figures after it: the snapshot brought up to date);
* **first page** of a fresh server whose store holds the 1,000,000 figures ≤ 1.5× the same
  server reading them from Parquet (``P8_FIGURES``): a fresh process runs the Overview
  through ``AppTest`` (the script runner a server uses), timing imports, the store's opening
  and the first run; in turn with the Parquet peer; on SQLite (the 1M snapshot made once,
  as the first reader after a publish makes it) — and once without a snapshot;
* **RSS** after every page at 1M from the store (``bench/bench_app.py``'s child) ≤ 600 MB;
* the **bulk paths** behind the choices in :mod:`p8lib.store.bulk`: 1M rows in and out.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import bench_app, synthetic  # noqa: E402
from bench.common import machine  # noqa: E402
from bench.scale_common import OUT, timed_within, write_json  # noqa: E402
from p8lib import store as p8store  # noqa: E402
from p8lib.ingest import ImportOptions, import_report  # noqa: E402
from tests.support.postgres import postgres_server  # noqa: E402

RESULT = OUT / "store.json"
ACTOR = "bench"
RUNS = 5
FIRST_PAGE = """
import sys, time
start = time.perf_counter()
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=600)
at.switch_page("pages/overview.py")
at.run()
print(time.perf_counter() - start, len(at.exception))
"""


def _largest_wide() -> Path:
    return max((OUT / "wide").glob("synthetic_wide_*.xlsx"), key=lambda p: p.stat().st_size)


def publish_vs_import(new_url, label: str) -> dict:
    """Publish the largest province's wide XLSX (fresh store each run) and its dry run, in
    turn."""
    path = _largest_wide()
    data, options = path.read_bytes(), ImportOptions(source_id=synthetic.SOURCE_ID)
    imports, publishes, figures = [], [], 0
    for _ in range(RUNS):
        start = time.perf_counter()
        import_report(path.name, options, data=data)
        imports.append(time.perf_counter() - start)
        opened = p8store.open_store(new_url())
        start = time.perf_counter()
        done = p8store.publish(opened, path.name, data, options, actor=ACTOR)
        publishes.append(time.perf_counter() - start)
        figures = done.figures
        opened.engine.dispose()

    def stats(times):
        return {"median": pd.Series(times).median(), "min": min(times), "max": max(times),
                "runs": len(times)}

    item = {"name": f"publish {path.name} ({label})", "figures": figures,
            "import": stats(imports), "publish": stats(publishes)}
    item["ratio"] = item["publish"]["median"] / item["import"]["median"]
    item["budget"] = 2.0
    return item


def withdraw_100k(url: str, label: str) -> dict:
    """Withdraw (and restore, untimed) a batch of 100,000 figures of the 1M table."""
    opened = p8store.open_store(url)
    rows = pd.read_parquet(OUT / f"{synthetic.LONG_STEM}.parquet").iloc[:100_000]
    path = Path(tempfile.mkdtemp()) / "synthetic_100k.csv"
    rows.to_csv(path, index=False)
    done = p8store.publish(opened, path.name, path.read_bytes(), actor=ACTOR)
    p8store.active_figures(opened)
    withdrawn, read_after = [], []
    for i in range(RUNS):
        start = time.perf_counter()
        p8store.withdraw(opened, done.batch_id, actor=ACTOR, reason=f"bench {i}")
        withdrawn.append(time.perf_counter() - start)
        start = time.perf_counter()
        p8store.active_figures(opened)
        read_after.append(time.perf_counter() - start)
        p8store.restore(opened, done.batch_id, actor=ACTOR)
        p8store.active_figures(opened)
    return {"name": f"withdraw a 100,000-figure batch ({label})", "figures": done.figures,
            "withdraw": {"median": pd.Series(withdrawn).median(), "max": max(withdrawn)},
            "first_read_after": {"median": pd.Series(read_after).median(),
                                 "max": max(read_after)}, "budget_s": 1.0}


def store_of_1m(url: str) -> p8store.Store:
    """A store holding the shipped tables and the 1M synthetic figures as one batch."""
    opened = p8store.open_store(url)
    path = OUT / f"{synthetic.LONG_STEM}.csv"
    start = time.perf_counter()
    done = p8store.publish(opened, path.name, path.read_bytes(),
                           ImportOptions(source_id=synthetic.SOURCE_ID), actor=ACTOR)
    print(f"  1M published as batch {done.batch_id} in {time.perf_counter() - start:.1f} s",
          flush=True)
    return opened


def _first_page(env: dict[str, str]) -> float:
    done = subprocess.run([sys.executable, "-c", FIRST_PAGE, str(ROOT / "dashboard.py")],
                          capture_output=True, text=True, env={**os.environ, **env}, cwd=ROOT,
                          timeout=600, check=True)
    seconds, errors = done.stdout.split()
    if int(errors):
        raise RuntimeError(f"the first page raised: {done.stderr[-2000:]}")
    return float(seconds)


def first_page(store_url: str, empty_url: str) -> dict:
    """A fresh process's first Overview from the 1M store vs from the Parquet file."""
    parquet = {"P8_FIGURES": str(OUT / f"{synthetic.LONG_STEM}.parquet"),
               p8store.URL_ENV: empty_url}
    stored = {p8store.URL_ENV: store_url, "P8_FIGURES": ""}
    peer, ours = [], []
    for _ in range(RUNS):
        peer.append(_first_page(parquet))
        ours.append(_first_page(stored))
    opened = p8store.open_store(store_url)
    with opened.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM snapshots"))
    cold = _first_page(stored)  # no snapshot: every row read, and the snapshot written
    item = {"name": "first page of a fresh server, 1M figures",
            "parquet": {"median": pd.Series(peer).median(), "min": min(peer), "max": max(peer)},
            "store": {"median": pd.Series(ours).median(), "min": min(ours), "max": max(ours)},
            "store_without_snapshot_s": cold, "budget": 1.5}
    item["ratio"] = item["store"]["median"] / item["parquet"]["median"]
    return item


def bulk_paths(url: str, label: str) -> dict:
    """1M rows into an empty batch table and back out (raw rows, then the snapshot)."""
    from p8lib.store import bulk, engine, schema  # noqa: PLC0415 - measured modules

    opened = p8store.open_store(url, seed=False)
    frame = pd.read_parquet(OUT / f"{synthetic.LONG_STEM}.parquet")
    frame.insert(0, "row", range(len(frame)))
    frame.insert(0, "batch_id", 1)
    with engine.writing(opened) as conn:
        conn.execute(sa.insert(schema.batches).values(
            id=1, kind="report", file_name="bulk", sha256="0" * 64, size_bytes=0, sheets="[]",
            rows_read=0, figures=len(frame), warnings="[]", status="active",
            created_by=ACTOR, created_at=pd.Timestamp.now(tz="UTC")))
        conn.execute(sa.insert(schema.batch_events).values(
            batch_id=1, action="published", acted_by=ACTOR,
            acted_at=pd.Timestamp.now(tz="UTC")))
        start = time.perf_counter()
        bulk.insert_frame(conn, schema.figures, frame)
        insert = time.perf_counter() - start
    start = time.perf_counter()
    p8store.active_figures(opened)  # no snapshot yet: every row
    rows = time.perf_counter() - start
    snapshot = timed_within(lambda: p8store.active_figures(opened), runs=3, seconds=30)
    return {"name": f"1M rows in and out ({label})", "insert_s": insert,
            "read_rows_and_write_snapshot_s": rows, "read_snapshot": snapshot}


def main() -> None:
    if not (OUT / f"{synthetic.LONG_STEM}.parquet").exists():
        sys.exit("missing bench/out: run bench/synthetic.py first")
    results = {"machine": machine(), "load": os.getloadavg(), "items": []}
    folder = Path(tempfile.mkdtemp(prefix="p8-bench-store-"))
    names = iter(range(10_000))

    def sqlite_url() -> str:
        return f"sqlite:///{folder / f's{next(names)}.sqlite'}"

    def record(item: dict) -> None:
        results["items"].append(item)
        write_json(RESULT, results)
        print(json.dumps(item, default=str), flush=True)

    with postgres_server() as server:
        def pg_url() -> str:
            return server.create_database(f"bench_{next(names)}")

        for new_url, label in ((sqlite_url, "SQLite"), (pg_url, "PostgreSQL")):
            record(publish_vs_import(new_url, label))
            record(withdraw_100k(new_url(), label))
            record(bulk_paths(new_url(), label))
        big = store_of_1m(sqlite_url())
        p8store.active_figures(big)  # the snapshot the first reader after a publish makes
        record(first_page(big.url, sqlite_url()))
        os.environ[p8store.URL_ENV] = big.url
        record({"name": "RSS after every page, 1M figures from the store",
                **bench_app.rss(None)})
    results["load_after"] = os.getloadavg()
    write_json(RESULT, results)


if __name__ == "__main__":
    main()
