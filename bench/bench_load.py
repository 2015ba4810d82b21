"""A conference hall of viewers without browsers: sessions held and rerun times, 1 and 2 replicas.

Run: ``.venv/bin/python bench/bench_load.py [--steps 10 25 50 …] [--duration 30] [--kill]``.
Writes ``bench/out/load.json``. Not a test: numbers for ``docs/benchmarks.md``.

For each replica count (1, then 2, in the same run) and each step of viewers, fresh replicas
start behind nginx (``deploy/run_replicas.py``; one replica is measured through nginx too, so
both counts take the same path). One session opens the page and changes each filter once
(imports, the shipped tables), then ``N`` viewers (bench/load/driver.py) arrive over a ramp of
``N / 10`` s (at least 5 s) and each changes a sidebar filter every ``--interval`` seconds to
a random option, for ``--duration`` seconds. Measured: sessions opened and still held at the
end, filter-change rerun p50 / p95 (request to ``script_finished``) once every viewer has
arrived, errors; CPU (cores used) of the replicas and nginx, and of this driver itself
(it shares the machine's 2 cores); RSS of the replicas before and after, per session. The
steps go up until one fails the budget (p95 ≤ 1 s, no errors, every session held): that is
where it breaks.

The peer, ``bench/bare_page_app.py`` (the same sidebar widgets and one plotly chart), is
stepped up the same way on one replica: the floor of Streamlit itself on this machine as
loaded as it is during the run.

``--kill`` adds a run of 2 replicas where the replica holding the most viewers is killed a
third of the way in: its
viewers reconnect through nginx to the other one, with the view their URL holds.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine  # noqa: E402
from bench.load import driver  # noqa: E402
from bench.load.client import Session  # noqa: E402
from bench.scale_common import OUT, write_json  # noqa: E402
from deploy.run_replicas import Replicas  # noqa: E402
from tests.browser.server import ENTRY  # noqa: E402

RESULT = OUT / "load.json"
# app → (entry, page, query): the dashboard on --page, and the bare peer page (its plotly chart)
APPS = {"dashboard": (ENTRY, None, ""),
        "peer": (ROOT / "bench" / "bare_page_app.py", "", "chart=plotly")}
BUDGET_P95 = 1.0
BUDGET_RSS_BASE_MB, BUDGET_RSS_PER_SESSION_MB = 600, 5
BUDGET_SCALE = 1.7


async def _warm(url: str, page: str, query: str) -> None:
    """Open the page once and change every filter once: imports and shipped tables loaded."""
    session = Session(url, page, query, timeout=120)
    await session.open()
    for key in driver.FILTER_KEYS:
        await session.change(key, session.options(key)[1])
    await session.close()


def _rss(replicas: Replicas) -> float:
    """RSS (MB) of the replicas alone (not nginx)."""
    return sum(driver.ProcSampler([s.process.pid]).sample()[1] for s in replicas.servers
               if s.process and s.process.poll() is None)


def step(count: int, sessions: int, args, kill_at: float | None = None,
         app: str = "dashboard") -> dict:
    """``sessions`` viewers on ``count`` fresh replicas of ``app`` (``"dashboard"`` or
    ``"peer"``); the figures of :func:`driver.summary` plus CPU, RSS and the verdict."""
    entry, page, query = APPS[app]
    page = page if page is not None else args.page
    with Replicas(count, app=entry) as replicas:
        driver.run(_warm(replicas.url, page, query))
        rss_before = _rss(replicas)
        ramp = max(5.0, sessions / 10)
        with driver.ProcSampler(replicas.pids, every=0.5) as sampler:
            cpu_start = time.process_time()
            start = time.perf_counter()

            async def run():
                live: list[driver.SessionLog] = []
                drive = asyncio.create_task(driver.drive(
                    replicas.url, sessions, page=page, query=query, interval=args.interval,
                    duration=args.duration, ramp=ramp, timeout=30.0, seed=sessions,
                    live=live))
                if kill_at is not None:  # the replica that holds the most viewers
                    await asyncio.sleep(ramp + kill_at)
                    on = Counter(log.upstream for log in live if log.upstream)
                    replicas.stop_replica(replicas.replica_at(on.most_common(1)[0][0]))
                return await drive

            logs = driver.run(run())
            end = time.perf_counter()
            driver_cpu = (time.process_time() - cpu_start) / (end - start)
            rss_after = _rss(replicas)
    result = driver.summary(logs, steady_from=start + ramp)
    steady = end - (start + ramp)
    cores = sampler.cpu_between(start + ramp, end)
    result.update({
        "app": app, "replicas": count, "ramp_s": ramp, "duration_s": args.duration,
        # CPU a filter change costs the servers: what the machine's load does not change much
        "server_cpu_ms_per_change": (cores * steady / result["changes"] * 1000
                                     if result["changes"] else None),
        "interval_s": args.interval,
        "server_cores": cores,
        "driver_cores": driver_cpu,
        "rss_before_mb": rss_before, "rss_after_mb": rss_after,
        "rss_per_session_mb": (rss_after - rss_before) / sessions,
        "load_average": os.getloadavg(),
    })
    p95 = result["change"]["p95"] if result["change"] else float("inf")
    result["fails"] = [why for why, bad in (
        (f"p95 {p95:.2f} s > {BUDGET_P95} s", p95 > BUDGET_P95),
        (f"{result['errors']} errors", result["errors"] > 0 and kill_at is None),
        (f"{result['held']} of {sessions} sessions held", result["held"] < sessions),
    ) if bad]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, nargs="*", default=[10, 25, 50, 75, 100, 150])
    parser.add_argument("--replicas", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--interval", type=float, default=5.0)
    parser.add_argument("--page", default="overview")
    parser.add_argument("--apps", nargs="*", choices=list(APPS), default=list(APPS),
                        help="the peer runs on one replica, as the floor of one server")
    parser.add_argument("--kill", action="store_true", help="also kill a replica mid-run")
    args = parser.parse_args()
    # A TERM (a timeout, a kill) unwinds like Ctrl-C: the replicas and nginx are stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    results: dict = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M"),
                     "page": args.page, "steps": {}, "held": {},
                     "budgets": {"p95_s": BUDGET_P95, "rss_base_mb": BUDGET_RSS_BASE_MB,
                                 "rss_per_session_mb": BUDGET_RSS_PER_SESSION_MB,
                                 "scale": BUDGET_SCALE}}
    for app, count in [(app, n) for app in args.apps for n in args.replicas
                       if app == "dashboard" or n == 1]:
        label = str(count) if app == "dashboard" else f"peer {count}"
        results["steps"][label] = []
        for sessions in args.steps:
            item = step(count, sessions, args, app=app)
            item["sessions"] = sessions
            results["steps"][label].append(item)
            write_json(RESULT, results)
            change = item["change"] or {}
            print(f"{label} replica(s), {sessions} viewers: held {item['held']}, p50 "
                  f"{change.get('p50', 0):.2f} s, p95 {change.get('p95', 0):.2f} s, server "
                  f"{item['server_cores']:.2f} cores, driver {item['driver_cores']:.2f}, "
                  f"RSS {item['rss_after_mb']:.0f} MB; {item['fails'] or 'ok'}", flush=True)
            if item["fails"]:
                break
        passed = [i["sessions"] for i in results["steps"][label] if not i["fails"]]
        results["held"][label] = max(passed, default=0)
        write_json(RESULT, results)
    if args.kill:
        viewers = args.steps[min(2, len(args.steps) - 1)]
        kill = step(2, viewers, args, kill_at=args.duration / 3)
        kill["sessions"] = viewers
        results["kill"] = kill
        write_json(RESULT, results)
        print(f"kill: {kill['reconnects']} reconnected, {kill['views_kept']} with their view, "
              f"p95 reconnect {kill['reconnect']}", flush=True)
    print(f"written: {RESULT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
