"""A viewer's random walk through a page's filters, in one process: the server's CPU per change.

Run: ``.venv/bin/python bench/bench_walk.py [--page pages/overview.py] [--changes 100]``.
Prints the median, p90 and mean CPU time of a filter change's rerun. Not a test: numbers for
``docs/benchmarks.md`` (issue #19).

The walk is the load driver's (bench/load/driver.py): year, province, content area in turn,
each set to a random value other than the one shown, so that nearly every change is a scope
not seen before (64 × 6 × 5 of them), as under many viewers. AppTest runs the router and the
page in-process on the shipped data (``bench_app._app_test``: one script cache, as a server
has); the first ``WARM`` changes are not timed (imports, the shipped tables, each year's
attainment). What is timed is ``time.process_time`` around ``AppTest.run()``: the script's
rerun without the websocket — the share of a served change that the app's code decides.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_app import _app_test  # noqa: E402
from bench.common import machine  # noqa: E402

WARM = 30
KEYS = ("year", "province", "content")


def walk(page: str, changes: int, seed: int) -> list[float]:
    """CPU seconds of each timed change of a random walk through ``page``'s filters."""
    from p8lib import units  # noqa: PLC0415

    values = {"province": [None, *units.provinces(units.OLD)["province_code"]],
              "year": [None, 2021, 2022, 2023, 2024, 2025], "content": [None, 1, 2, 3, 4]}
    rng = random.Random(seed)
    at = _app_test(None)
    at.switch_page(page)
    at.run()
    cpu = []
    for i in range(changes + WARM):
        box = at.selectbox(key=KEYS[i % len(KEYS)])
        box.set_value(rng.choice([v for v in values[KEYS[i % len(KEYS)]] if v != box.value]))
        start = time.process_time()
        at.run()
        if i >= WARM:
            cpu.append(time.process_time() - start)
        if at.exception:
            sys.exit(f"change {i}: {at.exception[0].message}")
    return cpu


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="pages/overview.py")
    parser.add_argument("--changes", type=int, default=100)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    cpu = sorted(walk(args.page, args.changes, args.seed))
    print(f"{machine()}; {args.page}, {len(cpu)} changes: CPU per change median "
          f"{statistics.median(cpu) * 1000:.1f} ms, p90 {cpu[int(0.9 * len(cpu))] * 1000:.1f} ms, "
          f"mean {statistics.mean(cpu) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
