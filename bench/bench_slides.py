"""A slide change in presenter mode, key press to fully drawn, in headless Chromium (not a
test: numbers to write down).

Run: ``.venv/bin/python bench/bench_slides.py [--passes N] [--lang vi]``. One Streamlit
server (``serve.py``, the shipped data) and one page at 1280×720 open ``?present=1&slide=1``;
then → is pressed until the last slide, ``passes`` times through the talk (back to slide 1 by
URL between passes). A change is timed from the key press to the moment the slide is fully
drawn: the new slide number in the URL and its title on screen, the script not running, no
loading skeleton, every plotly chart's SVG there — on the map slide (an SVG figure since
session 11, ``p8lib.maps.svg_map``) every province's filled path — and the key script
listening again. Polled without sleeping, so the resolution is one round trip to the page
(a few ms).
The first pass meets each slide's caches cold (its charts are built for the first time in
the process); later passes are what a rehearsed talk sees. Budget: 1 s.
Writes ``bench/out/slides.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from app import slides  # noqa: E402
from bench.common import machine  # noqa: E402
from p8lib.contract import catalogue  # noqa: E402
from tests.browser.helpers import DECK_CANVAS, non_background_share  # noqa: E402
from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, IDLE, StreamlitServer  # noqa: E402

OUT = ROOT / "bench" / "out" / "slides.json"
BUDGET_S = 1.0
TALK = slides.talk_of(catalogue.coverage())
PROVINCES = 63  # the map slide opens on the 63 provinces before July 2025

# True once the page shows slide ``n`` fully drawn; on the map slide, ``provinces`` filled
# paths drawn in its SVG figure.
_DRAWN = """([n, title, provinces]) => {
    if (!new RegExp(`[?&]slide=${n}(&|$)`).test(location.search)) return false;
    const h1 = document.querySelector('h1');
    if (!h1 || h1.innerText.trim() !== title) return false;
    if (!document.querySelector('[data-testid=stApp][data-test-script-state=notRunning]'))
        return false;
    if (document.documentElement.dataset.slideKeys !== 'on') return false;
    const main = document.querySelector('[data-testid=stMain]');
    for (const s of main.querySelectorAll('[data-testid^=stSkeleton]'))
        if (s.getBoundingClientRect().height > 0) return false;
    for (const c of main.querySelectorAll('.p8-plot:not([hidden])'))
        if (!c.querySelector('svg.main-svg')) return false;
    const fills = main.querySelectorAll('.p8-plot .scatterlayer path.js-fill');
    return fills.length >= provinces;
}"""
MAP_DRAWN = 0.05  # share of the canvas's pixels that are not its background


def canvas_drawn(page: Page) -> bool:
    """True when the first deck canvas shows more than its background (a screenshot of its
    box: an element screenshot waits for the element to be stable, which costs seconds)."""
    return non_background_share(page.screenshot(
        clip=page.locator(DECK_CANVAS).first.bounding_box())) >= MAP_DRAWN


def until_drawn(page: Page, number: int, lang: str, timeout: float = 60.0) -> None:
    """Wait until slide ``number`` is fully drawn."""
    deadline = time.perf_counter() + timeout
    title = TALK[number - 1].heading(lang, catalogue.indicators())
    provinces = PROVINCES if TALK[number - 1].page == "coverage_map" else 0
    while not page.evaluate(_DRAWN, [number, title, provinces]):
        if time.perf_counter() > deadline:
            raise TimeoutError(f"slide {number} not drawn after {timeout} s")


def bare_deck_mounts(browser, runs: int) -> list[float]:
    """Seconds from a click to a drawn deck in ``bench/bare_slide_app.py`` (the peer)."""
    server = StreamlitServer(ROOT / "bench" / "bare_slide_app.py").start().wait_healthy()
    seconds = []
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(server.url)
        page.wait_for_selector(IDLE, timeout=120_000)
        for run in range(2 * runs):
            start = time.perf_counter()
            page.get_by_role("button", name="next").click()
            if run % 2 == 0:  # to the map
                page.wait_for_selector(DECK_CANVAS, timeout=60_000)
                while not canvas_drawn(page):
                    pass
                seconds.append(time.perf_counter() - start)
            else:
                page.wait_for_selector(DECK_CANVAS, state="detached", timeout=60_000)
        page.close()
    finally:
        server.stop()
    return seconds


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    rank = max(math.ceil(0.9 * len(ordered)) - 1, 0)  # nearest rank
    return {"median": statistics.median(ordered), "p90": ordered[rank], "max": ordered[-1],
            "n": len(ordered)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=4, help="passes through the talk (>= 2)")
    parser.add_argument("--lang", default="vi", choices=["vi", "en"])
    args = parser.parse_args()
    passes, lang = max(2, args.passes), args.lang
    if not CHROMIUM.exists():
        sys.exit(f"{CHROMIUM} not found: install Debian's chromium")
    changes: list[dict[str, object]] = []
    server = StreamlitServer().start().wait_healthy()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                 args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            for run in range(passes):
                page.goto(f"{server.url}/?present=1&slide=1&lang={lang}")
                page.wait_for_selector(IDLE, timeout=120_000)
                until_drawn(page, 1, lang, timeout=120)
                for number in range(2, len(TALK) + 1):
                    start = time.perf_counter()
                    page.keyboard.press("ArrowRight")
                    until_drawn(page, number, lang)
                    seconds = time.perf_counter() - start
                    changes.append({"pass": run + 1, "to": number,
                                    "page": TALK[number - 1].page, "seconds": seconds})
                    print(f"pass {run + 1} → slide {number:2d} ({TALK[number - 1].page}): "
                          f"{seconds:.3f} s", file=sys.stderr, flush=True)
            peer = bare_deck_mounts(browser, passes)
            browser.close()
    finally:
        server.stop()

    cold = [c["seconds"] for c in changes if c["pass"] == 1]
    warm = [c["seconds"] for c in changes if c["pass"] > 1]
    by_page = {page: summary([c["seconds"] for c in changes
                              if c["pass"] > 1 and c["page"] == page])
               for page in dict.fromkeys(c["page"] for c in changes)}
    results = {"machine": machine(), "load_average": os.getloadavg(), "passes": passes,
               "lang": lang, "budget_s": BUDGET_S, "first_pass": summary(cold),
               "later_passes": summary(warm), "later_by_page": by_page,
               "bare_deck_mount": summary(peer), "changes": changes}
    print(f"Slide change, key press to fully drawn, {len(TALK)} slides × {passes} passes, "
          f"{machine()}, load average {os.getloadavg()[0]:.1f}\n")
    print("| changes | median s | p90 s | max s | n |")
    print("|---|---:|---:|---:|---:|")
    for name, stats in (("first pass (cold caches)", results["first_pass"]),
                        ("later passes", results["later_passes"]),
                        *((f"later passes, to the {page} page", s) for page, s in
                          by_page.items()),
                        ("for comparison: a bare page mounting the provinces' deck",
                         results["bare_deck_mount"])):
        print(f"| {name} | {stats['median']:.3f} | {stats['p90']:.3f} | {stats['max']:.3f} "
              f"| {stats['n']} |")
    print(f"\nbudget {BUDGET_S} s: later passes, median "
          f"{results['later_passes']['median']:.3f} s, p90 {results['later_passes']['p90']:.3f}"
          f" s, max {results['later_passes']['max']:.3f} s")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written: {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
