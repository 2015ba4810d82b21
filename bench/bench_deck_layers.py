"""Which layer of the national map costs a software-rendered browser its seconds.

Run: ``.venv/bin/python bench/bench_deck_layers.py [--rounds 2] [--variants none,fill,…]``.
Prints, per variant of ``bench/deck_layers_app.py``, the median time from opening the page
in a fresh browser context (1280×720, the tests' Chromium and flags) to its deck's canvas
drawn (``drawn_canvas_share``; for ``none``, the deck's element there). Not a test: numbers
for ``docs/benchmarks.md`` (issue #17). The variants alternate within each round.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.helpers import DECK_CANVAS, drawn_canvas_share  # noqa: E402
from tests.browser.server import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

APP = ROOT / "bench" / "deck_layers_app.py"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main(argv: list[str] | None = None) -> None:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--variants", default="none,fill,stroke,rings,net,net_s")
    args = parser.parse_args(argv)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port),
         "--server.headless", "true", "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times: dict[str, list[float]] = {}
    try:
        time.sleep(6)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for _ in range(args.rounds):
                for variant in args.variants.split(","):
                    context = browser.new_context(viewport={"width": 1280, "height": 720})
                    page = context.new_page()
                    start = time.monotonic()
                    page.goto(f"http://127.0.0.1:{port}/?v={variant}")
                    canvas = page.locator(DECK_CANVAS)
                    canvas.wait_for(timeout=60_000)
                    if variant != "none":
                        drawn_canvas_share(canvas, timeout=60, least=0.0003)
                    times.setdefault(variant, []).append(time.monotonic() - start)
                    context.close()
    finally:
        server.terminate()
    for variant, seconds in times.items():
        print(f"{variant:8s} median {statistics.median(seconds):5.2f} s "
              f"({', '.join(f'{s:.2f}' for s in seconds)})")


if __name__ == "__main__":
    main()
