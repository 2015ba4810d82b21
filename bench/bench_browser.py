"""Cold start to the first drawn map in headless Chromium (not a test: numbers to write down).

Run: ``.venv/bin/python bench/bench_browser.py [--runs N]``. For each run a new Streamlit
process is started and one page is opened in a new browser context of an already running
Chromium; "cold start" is the time from starting the process to the deck's canvas showing
non-blank pixels (polled by screenshots of the canvas, so the resolution is one screenshot,
about 0.05–0.2 s). Two apps are measured in the same run, alternating, to share the machine's
state: the dashboard's coverage map page (``/coverage_map`` as the first request, as a shared
link would be) and ``bench/bare_map_app.py`` (one pydeck chart of the same provinces).
Budget: dashboard <= 1.5 x bare. Writes ``bench/out/browser.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.common import machine  # noqa: E402
from tests.browser.helpers import DECK_CANVAS, non_background_share  # noqa: E402
from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, ENTRY, StreamlitServer  # noqa: E402

OUT = ROOT / "bench" / "out" / "browser.json"
APPS = {"dashboard": (ENTRY, "/coverage_map"),
        "bare": (ROOT / "bench" / "bare_map_app.py", "/")}
BUDGET_RATIO = 1.5
DRAWN = 0.01  # share of canvas pixels that differ from the background


def cold_start(browser, app: Path, path: str, timeout: float = 120.0) -> dict[str, float]:
    """Seconds from process start to: health ``ok``, canvas in the page, canvas drawn."""
    server = StreamlitServer(app)
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        server.start()
        start = server.started_at
        server.wait_healthy()
        healthy = time.perf_counter()
        page = context.new_page()
        page.goto(server.url + path)
        canvas = page.locator(DECK_CANVAS)
        canvas.wait_for(state="attached", timeout=timeout * 1000)
        attached = time.perf_counter()
        deadline = attached + timeout
        while non_background_share(canvas.screenshot()) < DRAWN:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{app.name}: canvas still blank after {timeout} s")
        drawn = time.perf_counter()
    finally:
        context.close()
        server.stop()
    return {"healthy": healthy - start, "canvas": attached - start, "drawn": drawn - start}


def summary(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per app (at least 5)")
    runs = max(5, parser.parse_args().runs)
    if not CHROMIUM.exists():
        sys.exit(f"{CHROMIUM} not found: install Debian's chromium")
    times: dict[str, list[dict[str, float]]] = {name: [] for name in APPS}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for run in range(runs):
            order = list(APPS) if run % 2 == 0 else list(reversed(APPS))
            for name in order:
                times[name].append(cold_start(browser, *APPS[name]))
                print(f"run {run + 1}/{runs} {name}: {times[name][-1]['drawn']:.2f} s",
                      file=sys.stderr, flush=True)
        browser.close()

    results: dict[str, object] = {"machine": machine(), "load_average": os.getloadavg(),
                                  "runs": runs, "budget_ratio": BUDGET_RATIO}
    print(f"Cold start to a drawn map, {runs} runs each (alternating), {machine()}, "
          f"load average {os.getloadavg()[0]:.1f}\n")
    print("| app | to health s | to canvas s | to drawn map s, median (min–max) |")
    print("|---|---:|---:|---|")
    for name in APPS:
        stats = {step: summary([t[step] for t in times[name]])
                 for step in ("healthy", "canvas", "drawn")}
        results[name] = {"seconds": times[name], **stats}
        drawn = stats["drawn"]
        print(f"| {name} | {stats['healthy']['median']:.2f} | {stats['canvas']['median']:.2f} "
              f"| {drawn['median']:.2f} ({drawn['min']:.2f}–{drawn['max']:.2f}) |")
    ratio = results["dashboard"]["drawn"]["median"] / results["bare"]["drawn"]["median"]
    results["ratio"] = ratio
    results["within_budget"] = ratio <= BUDGET_RATIO
    print(f"\ndashboard / bare (medians): {ratio:.2f} x; budget {BUDGET_RATIO} x: "
          f"{'met' if ratio <= BUDGET_RATIO else 'OVER'}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written: {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
