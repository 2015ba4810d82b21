"""The app at shipped size and at 1,000,000 SYNTHETIC rows: filter-change reruns and RSS.

Run: ``.venv/bin/python bench/bench_app.py`` (after ``bench/synthetic.py``). Writes
``bench/out/app.json``. Budgets (issue #5), at 1M rows: a filter change's rerun p95 <= 150 ms;
server RSS after every page was opened once <= 600 MB.

* **Rerun**: ``streamlit.testing.v1.AppTest`` runs ``dashboard.py`` (figures from
  ``P8_FIGURES``), opens a page once (cold: load, validate, cache), then changes the province
  or year filter and times ``AppTest.run()`` per change. AppTest runs the script in-process
  without a browser: what is timed is the Python rerun (plus AppTest's own small overhead; its
  scripts compiled once, as a server's are), not the browser's drawing. The same is measured
  on the shipped data as the peer. A page may carry URL parameters
  (``pages/coverage_map.py?measure=value``). The coverage map's cold run also opens one
  province not among the changes (Hà Nội), so that the district and commune boundary files,
  read once per process, are not timed as a filter change. Besides wall time, each rerun's CPU
  time (``time.process_time``, every thread of the process) is kept: on a shared machine it
  moves much less than the wall time.
* **RSS**: one fresh subprocess per data size opens every page once through AppTest (the
  same script runner a server uses), then reads its own ``VmRSS`` and ``VmHWM`` (peak) from
  ``/proc/self/status``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qsl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import synthetic  # noqa: E402
from bench.common import machine  # noqa: E402
from bench.scale_common import OUT, percentiles, write_json  # noqa: E402
from p8lib.contract import i18n  # noqa: E402

RESULT = OUT / "app.json"
APP = str(ROOT / "dashboard.py")
PAGES = ["pages/overview.py", "pages/coverage_map.py", "pages/province.py",
         "pages/indicators.py", "pages/sources.py", "pages/data.py"]
FILTER_PAGES = ["pages/overview.py", "pages/province.py", "pages/indicators.py",
                "pages/coverage_map.py", "pages/coverage_map.py?measure=value",
                "pages/coverage_map.py?measure=coverage"]
MAP_PAGE = "pages/coverage_map.py"
# Filter values cycled through: each change is a new (province, year) the page has not seen
# since the previous value, as a user clicking around would do.
CHANGES = [("province", "11"), ("year", 2023), ("province", "94"), ("year", 2022),
           ("province", "04"), ("year", None), ("province", None), ("year", 2024)]
RERUNS = 16


def _app_test(figures: str | None):
    """An AppTest of the router with ``st.navigation`` routing (as a served app after its
    first request; see tests/app/test_app.py)."""
    from streamlit.runtime.pages_manager import PagesManager  # noqa: PLC0415
    from streamlit.testing.v1 import AppTest  # noqa: PLC0415

    if figures:
        os.environ["P8_FIGURES"] = figures
    else:
        os.environ.pop("P8_FIGURES", None)
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
    # A served app compiles each script once (the runtime's one ScriptCache); AppTest makes a
    # new cache for every run, so that every rerun parses, rewrites ("magic") and compiles
    # the router and the page again — 15–20 ms a rerun that no viewer waits for. One cache
    # for every run, as the server has.
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache  # noqa: PLC0415
    from streamlit.testing.v1 import local_script_runner  # noqa: PLC0415

    shared = ScriptCache()
    local_script_runner.ScriptCache = lambda: shared
    return AppTest.from_file(APP, default_timeout=600)


def reruns(figures: str | None, page: str) -> dict:
    """Cold first run of ``page`` (a script path, optionally with ``?key=value&…`` URL
    parameters), then :data:`RERUNS` filter changes timed one by one."""
    import streamlit as st  # noqa: PLC0415

    st.cache_data.clear()
    st.cache_resource.clear()
    script, _, params = page.partition("?")
    at = _app_test(figures)
    at.query_params["indicator"] = "comm_groups"
    for key, value in parse_qsl(params):
        at.query_params[key] = value
    at.switch_page(script)
    start = time.perf_counter()
    at.run()
    if script == MAP_PAGE:  # the boundary files load once per process (see the docstring)
        at.selectbox(key="province").set_value("01").run()
        at.selectbox(key="province").set_value(None).run()
    cold = time.perf_counter() - start
    errors = [e.message for e in at.exception]
    times, cpu = [], []
    for i in range(RERUNS):
        key, value = CHANGES[i % len(CHANGES)]
        at.selectbox(key=key).set_value(value)
        start, start_cpu = time.perf_counter(), time.process_time()
        at.run()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        errors += [e.message for e in at.exception]
    banners = {i18n.t("synthetic_banner", lang) for lang in i18n.LANGS}
    banner = any(w.value in banners for w in at.warning)
    return {"page": page, "cold_s": cold, "rerun": percentiles(times),
            "rerun_cpu": percentiles(cpu), "load": os.getloadavg()[0],
            "errors": errors[:3], "synthetic_banner": banner}


def _rss_mb() -> tuple[float, float]:
    status = Path("/proc/self/status").read_text()
    kb = {line.split(":")[0]: int(line.split()[1]) for line in status.splitlines()
          if line.startswith(("VmRSS", "VmHWM"))}
    return kb["VmRSS"] / 1024, kb["VmHWM"] / 1024


def rss_child(figures: str | None) -> None:
    """In a fresh process: open every page once, printing RSS and peak RSS (MB) as a JSON
    line after each page (the Data page, which holds the figures table, comes last)."""
    at = _app_test(figures)
    at.run()
    seen: dict[str, dict] = {}
    for page in PAGES:
        start = time.perf_counter()
        at.switch_page(page)
        at.run()
        rss_now, peak = _rss_mb()
        seen[page] = {"rss_mb": rss_now, "peak_mb": peak,
                      "seconds": time.perf_counter() - start,
                      "errors": [e.message for e in at.exception][:2]}
        print(json.dumps({"rss_mb": rss_now, "peak_mb": peak, "pages": seen}), flush=True)


def rss(figures: str | None, limit: int = 300) -> dict:
    """RSS after every page (the last JSON line the child printed before it ended or
    ran out of ``limit`` seconds)."""
    cmd = [sys.executable, __file__, "--rss-child", figures or ""]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=limit, check=False)
        stdout, note = done.stdout, ""
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout or b""
        stdout = out.decode() if isinstance(out, bytes) else out
        note = f"stopped after {limit} s"
    lines = [ln for ln in stdout.splitlines() if ln.startswith("{")]
    if not lines:
        return {"error": note or "no output"}
    result = json.loads(lines[-1])
    if note:
        result["note"] = note + f" (pages done: {len(result['pages'])} of {len(PAGES)})"
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="*", default=FILTER_PAGES,
                        help="pages to time (default: all of FILTER_PAGES)")
    parser.add_argument("--no-rss", action="store_true", help="skip the memory measurement")
    parser.add_argument("--only-1m", action="store_true", help="skip the shipped-data peer")
    args = parser.parse_args(argv)
    big = OUT / f"{synthetic.LONG_STEM}.parquet"
    if not big.exists():
        sys.exit(f"missing {big}: run bench/synthetic.py first")
    sizes = [("shipped", None), ("1M synthetic", str(big))]
    if args.only_1m:
        sizes = sizes[1:]
    results = {"machine": machine(), "rss": {}, "rerun": {}}
    for label, figures in [] if args.no_rss else sizes:
        results["rss"][label] = rss(figures)
        write_json(RESULT, results)
        print(f"RSS {label}: {results['rss'][label]}", flush=True)
    for label, figures in sizes:
        results["rerun"][label] = []
        for page in args.pages:
            item = reruns(figures, page)
            results["rerun"][label].append(item)
            write_json(RESULT, results)
            r, c = item["rerun"], item["rerun_cpu"]
            print(f"rerun {label} {page}: cold {item['cold_s']:.1f} s, p50 "
                  f"{r['p50'] * 1000:.0f} ms, p95 {r['p95'] * 1000:.0f} ms; CPU p50 "
                  f"{c['p50'] * 1000:.0f} ms, p95 {c['p95'] * 1000:.0f} ms; load "
                  f"{item['load']:.1f} {item['errors']}", flush=True)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--rss-child":
        rss_child(sys.argv[2] or None)
    else:
        main()
