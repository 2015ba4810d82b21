"""What people feel in the browser: page open and filter change to fully drawn, beside the peer.

Run: ``.venv/bin/python bench/bench_page_speed.py [--opens N] [--cycles N] [--pages …]``.
Writes ``bench/out/page_speed.json``. Not a test: numbers for ``docs/benchmarks.md``.

Two servers run side by side, both warm (every page opened once before timing): the
dashboard as ``python3 dev.py app`` serves it (``serve.py``) and the peer,
``bench/bare_page_app.py`` (the same sidebar widgets and one element of the kind the page
shows). Headless Debian Chromium (the browser tests' flags) measures, on the page's clock:

* **open**: a fresh browser context (empty cache, a new session) goes to the page's URL;
  time from navigation start to *fully drawn* (:mod:`bench.drawn`);
* **filter change**: in one page, the sidebar filters are changed in a cycle (year, province,
  content area, back to national, all areas, all years) like a viewer would; time from the
  click on the option to *fully drawn*.

Dashboard and peer alternate action by action, so a busy machine slows both alike. Each
action is broken down (:func:`bench.drawn.breakdown`) and Chromium's own counters are read
through the DevTools protocol (``Performance.getMetrics``: layout and style recalculation
counts and durations, script and task time).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.common import machine  # noqa: E402
from bench.drawn import INIT_SCRIPT, breakdown, fully_drawn, timeline  # noqa: E402
from bench.load import driver  # noqa: E402
from bench.load.client import Session  # noqa: E402
from bench.scale_common import OUT, percentiles, write_json  # noqa: E402
from p8lib.contract import t  # noqa: E402
from tests.browser.helpers import is_local, sidebar_combobox  # noqa: E402
from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, ENTRY, StreamlitServer  # noqa: E402

RESULT = OUT / "page_speed.json"
# The peers: the bare page as Streamlit serves it, and served as serve.py serves the
# dashboard (Nagle's algorithm off: app/server_socket.py), which tells the transport's share.
PEERS = {"peer": ROOT / "bench" / "bare_page_app.py",
         "peer_nodelay": ROOT / "bench" / "bare_page_serve.py"}
VIEWPORT = {"width": 1280, "height": 720}
# page → (the dashboard's URL, the peer's element). The Indicators page opens on another
# indicator than the one a change picks (CHANGES), so that picking it is a change there too.
PAGES = {
    "overview": ("/overview", "plotly"),
    "coverage_map": ("/coverage_map", "deck"),
    "province": ("/province?province=38", "plotly"),
    "indicators": ("/indicators?indicator=comm_group_members", "plotly"),
    "sources": ("/sources", "table"),
    "data": ("/data", "table"),
}
FILTER_PAGES = ("overview", "province", "indicators", "coverage_map")
# (name, filter label key, widget key, text typed into the box: the first option holding it
# is clicked)
CHANGES = [("year", "year", "year", "2023"), ("province", "province", "province", "(40)"),
           ("content area", "content_area", "content", "Nội dung 1"),
           ("back to national", "province", "province", t("all_provinces", "vi")),
           ("all areas", "content_area", "content", t("all_areas", "vi")),
           ("all years", "year", "year", t("all_years", "vi")),
           # on the national map, a recolouring and nothing else
           ("indicator", "indicator", "indicator", "Tổ truyền thông cộng đồng"),
           ("all indicators", "indicator", "indicator", t("all_indicators", "vi"))]
CDP_METRICS = ("LayoutCount", "RecalcStyleCount", "LayoutDuration", "RecalcStyleDuration",
               "ScriptDuration", "TaskDuration")
BUDGET_CHANGE_P95 = 0.5
BUDGET_CHANGE_RATIO = 1.5
BUDGET_OPEN_RATIO = 1.3


def _metrics(cdp) -> dict[str, float]:
    values = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return {k: values.get(k, 0.0) for k in CDP_METRICS}


def _diff(after: dict, before: dict) -> dict[str, float]:
    # durations come in seconds: ms like the rest
    return {k: (after[k] - before[k]) * (1000 if k.endswith("Duration") else 1)
            for k in after}


class Tab:
    """A page of a fresh browser context, instrumented (:data:`bench.drawn.INIT_SCRIPT`),
    with requests off this machine aborted."""

    def __init__(self, browser) -> None:
        self.context = browser.new_context(viewport=VIEWPORT)
        self.context.add_init_script(INIT_SCRIPT)
        self.context.route(lambda url: not is_local(url), lambda route: route.abort())
        self.page = self.context.new_page()
        self.cdp = self.context.new_cdp_session(self.page)
        self.cdp.send("Performance.enable")

    def close(self) -> None:
        self.context.close()

    def open(self, url: str, profile: bool = False) -> dict:
        """Go to ``url``; the breakdown of navigation start → fully drawn (ms); with
        ``profile``, self time (ms) per script file as for :meth:`change`."""
        if profile:
            self.cdp.send("Profiler.enable")
            self.cdp.send("Profiler.start")
        self.page.goto(url, wait_until="commit")
        drawn = fully_drawn(self.page, 0.0)
        record = timeline(self.page)
        result = breakdown(record, 0.0, drawn)
        result["added"], result["removed"] = record["added"], record["removed"]
        result.update(_metrics(self.cdp))
        for key in ("LayoutDuration", "RecalcStyleDuration", "ScriptDuration", "TaskDuration"):
            result[key] *= 1000
        if profile:
            result["profile"] = _self_time_by_file(self.cdp.send("Profiler.stop")["profile"])
        return result

    def change(self, label: str, text: str, profile: bool = False) -> dict:
        """Pick the first option holding ``text`` in the sidebar box ``label``; the
        breakdown of click → fully drawn (ms). With ``profile``, Chromium's sampling
        profiler runs meanwhile and ``profile`` holds self time (ms) per script file."""
        if profile:
            self.cdp.send("Profiler.enable")
            self.cdp.send("Profiler.start")
        before, metrics = timeline(self.page), _metrics(self.cdp)
        box = sidebar_combobox(self.page, label)
        box.click()
        box.fill(text)
        self.page.get_by_role("option").filter(has_text=text).first.click()
        self.page.mouse.move(640, 5)  # off the charts: no hover labels drawn meanwhile
        start = timeline(self.page)["clicks"][-1]
        drawn = fully_drawn(self.page, start)
        record = timeline(self.page)
        result = breakdown(record, start, drawn)
        result["added"] = record["added"] - before["added"]
        result["removed"] = record["removed"] - before["removed"]
        result.update(_diff(_metrics(self.cdp), metrics))
        if profile:
            result["profile"] = _self_time_by_file(self.cdp.send("Profiler.stop")["profile"])
        return result


def _self_time_by_file(profile: dict) -> dict[str, float]:
    """Self time (ms) of a CDP CPU profile, by script file (Streamlit's chunks are named
    after what they hold: ``plotly``, ``DeckGlJsonChart``, ``index`` for React…)."""
    by_node = {node["id"]: node for node in profile["nodes"]}
    deltas = profile.get("timeDeltas", [])
    spent: dict[str, float] = {}
    for node_id, delta in zip(profile.get("samples", []), deltas[1:] + [0], strict=True):
        frame = by_node[node_id]["callFrame"]
        url = frame.get("url") or f"({frame.get('functionName') or 'program'})"
        name = url.rsplit("/", 1)[-1].split("?")[0]
        spent[name] = spent.get(name, 0.0) + delta / 1000
    return dict(sorted(spent.items(), key=lambda kv: -kv[1])[:12])


async def _server_runs(base_url: str, path: str, cycles: int) -> dict[str, list[float]]:
    """The same filter changes through a browser-less session (bench/load/): the server's
    own rerun, request to ``script_finished``, with no browser drawing in between (s)."""
    page, _, query = path.lstrip("/").partition("?")
    session = Session(base_url, page, query)
    await session.open()
    times: dict[str, list[float]] = {}
    for _ in range(cycles):
        for change, _label, key, text in CHANGES:
            option = next(o for o in session.options(key) if text in o)
            times.setdefault(change, []).append((await session.change(key, option)).seconds)
    await session.close()
    return times


def _summary(items: list[dict]) -> dict:
    totals = [i["total"] / 1000 for i in items]
    out = {"seconds": percentiles(totals)}
    for key in items[0]:
        if key not in ("profile", "cycle"):
            out[key] = statistics.median(i[key] for i in items)
    return out


def warm(browser, servers: dict[str, StreamlitServer]) -> None:
    """Open every page once on both servers (imports, caches, the first-request routing)."""
    for name, (path, chart) in PAGES.items():
        for app, server in servers.items():
            tab = Tab(browser)
            try:
                tab.open(server.url + (path if app == "dashboard" else f"/?chart={chart}"))
            except TimeoutError as exc:
                print(f"warm-up {app} {name}: {exc}", file=sys.stderr)
            finally:
                tab.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opens", type=int, default=5, help="opens per page and app")
    parser.add_argument("--cycles", type=int, default=3, help="filter cycles per page and app")
    parser.add_argument("--pages", nargs="*", choices=list(PAGES), default=list(PAGES))
    parser.add_argument("--out", type=Path, default=RESULT, help="where the JSON goes")
    parser.add_argument("--peers", nargs="+", choices=list(PEERS), default=list(PEERS),
                        help="the peers measured beside the dashboard")
    parser.add_argument("--profile", action="store_true",
                        help="CPU profile of the first open and the first cycle's changes, by "
                             "script file (those runs are slowed by the profiler)")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        sys.exit(f"{CHROMIUM} not found: install Debian's chromium")
    servers = {"dashboard": StreamlitServer(ENTRY),
               **{peer: StreamlitServer(PEERS[peer]) for peer in args.peers}}
    results: dict = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M"),
                     "opens": args.opens, "cycles": args.cycles, "pages": {},
                     "budgets": {"change_p95_s": BUDGET_CHANGE_P95,
                                 "change_ratio": BUDGET_CHANGE_RATIO,
                                 "open_ratio": BUDGET_OPEN_RATIO}}
    try:
        for server in servers.values():
            server.start()
        for server in servers.values():
            server.wait_healthy()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                 args=CHROMIUM_ARGS)
            warm(browser, servers)
            for name in args.pages:
                results["pages"][name] = measure_page(browser, servers, name, args)
                results["load_average"] = os.getloadavg()
                write_json(args.out, results)
            browser.close()
    finally:
        for server in servers.values():
            server.stop()
    print(f"written: {args.out}")


def _url(servers, app: str, name: str) -> str:
    path, chart = PAGES[name]
    return servers[app].url + (path if app == "dashboard" else f"/?chart={chart}")


def measure_page(browser, servers: dict[str, StreamlitServer], name: str, args) -> dict:
    """Opens and (for pages with filters) filter changes of one page, both apps alternating."""
    opens: dict[str, list[dict]] = {app: [] for app in servers}
    errors: list[str] = []
    for run in range(args.opens):
        for app in (list(servers) if run % 2 == 0 else list(reversed(servers))):
            tab = Tab(browser)
            try:
                opens[app].append(tab.open(_url(servers, app, name),
                                           profile=args.profile and run == 0))
            except TimeoutError as exc:
                errors.append(f"open {app}: {exc}")
            finally:
                tab.close()
    result: dict = {"open": {app: _summary(items) for app, items in opens.items() if items},
                    "errors": errors}
    if args.profile:
        result["open_profile"] = {app: items[0].get("profile", {})
                                  for app, items in opens.items() if items}
    result["open_ratio"] = {peer: (result["open"]["dashboard"]["seconds"]["p50"]
                                   / result["open"][peer]["seconds"]["p50"])
                            for peer in servers if peer != "dashboard" and opens[peer]
                            and opens["dashboard"]}
    print(f"{name} open: " + ", ".join(
        f"{app} {s['seconds']['p50']:.2f} s" for app, s in result["open"].items()), flush=True)
    if name not in FILTER_PAGES:
        return result
    tabs = {app: Tab(browser) for app in servers}
    changes: dict[str, dict[str, list[dict]]] = {app: {} for app in servers}
    try:
        for app, tab in tabs.items():
            tab.open(_url(servers, app, name))
        for cycle in range(args.cycles):
            for change, label_key, _key, text in CHANGES:
                for app, tab in tabs.items():
                    try:
                        item = tab.change(t(label_key, "vi"), text,
                                          profile=args.profile and cycle == 0)
                        item["cycle"] = cycle
                        changes[app].setdefault(change, []).append(item)
                    except Exception as exc:  # noqa: BLE001 - measure the other changes
                        errors.append(f"{change} {app}: {type(exc).__name__}: {exc}"[:300])
    finally:
        for tab in tabs.values():
            tab.close()
    result["change"] = {app: {change: _summary(items) for change, items in by.items()}
                        for app, by in changes.items()}
    if args.profile:
        result["profile"] = {app: {change: items[0].get("profile", {})
                                   for change, items in by.items()}
                             for app, by in changes.items()}
    for app in servers:
        path = PAGES[name][0] if app == "dashboard" else f"/?chart={PAGES[name][1]}"
        runs = driver.run(_server_runs(servers[app].url, path, args.cycles))
        for change, times in runs.items():
            if change in result["change"][app]:
                result["change"][app][change]["server_ms"] = statistics.median(times) * 1000
    every = {app: [i["total"] / 1000 for items in by.values() for i in items]
             for app, by in changes.items()}
    result["change_all"] = {app: percentiles(v) for app, v in every.items() if v}
    # From the second cycle on, every view has been asked for once: the server's caches
    # hold it, as they do for the many viewers of one link.
    warm = {app: [i["total"] / 1000 for items in by.values() for i in items if i["cycle"]]
            for app, by in changes.items()}
    result["change_warm"] = {app: percentiles(v) for app, v in warm.items() if v}
    result["change_ratio_p95"] = {peer: (result["change_all"]["dashboard"]["p95"]
                                         / result["change_all"][peer]["p95"])
                                  for peer in servers if peer != "dashboard"
                                  and every[peer] and every["dashboard"]}
    print(f"{name} changes: " + ", ".join(
        f"{app} p50 {s['p50']:.2f} s p95 {s['p95']:.2f} s"
        for app, s in result["change_all"].items()), flush=True)
    return result


if __name__ == "__main__":
    main()
