"""Run every benchmark and rewrite the tables of ``docs/benchmarks.md``: one command.

Run: ``.venv/bin/python bench/run_all.py`` (``--only import aggregations …`` for some,
``--report-only`` to rewrite the tables from the JSON already in ``bench/out/``).

1. Makes the SYNTHETIC national data (``bench/synthetic.py``) into ``bench/out/`` if missing.
2. Runs each bench script in its own process with a time limit (a slow one cannot stop the
   rest; the scripts write their JSON after every item, so a timed-out run keeps what it had
   measured). Output goes to ``bench/out/<name>.log``.
3. Reads ``bench/out/*.json`` and writes the tables between the markers of the docs file.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import synthetic  # noqa: E402
from bench.common import machine  # noqa: E402
from bench.scale_common import OUT, write_json  # noqa: E402
from bench.tables_speed import table_load, table_page_speed  # noqa: E402

DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- bench:results:start -->", "<!-- bench:results:end -->"
# name → (script and its arguments, time limit in seconds).
BENCHES = {
    "import": (["bench_import.py"], 2400),
    "aggregations": (["bench_aggregations.py"], 1200),
    "app": (["bench_app.py"], 2400),
    "data": (["bench_data.py"], 900),
    "maps": (["bench_maps.py"], 900),
    "browser": (["bench_browser.py"], 1200),
    "page_speed": (["bench_page_speed.py"], 2400),
    "load": (["bench_load.py", "--kill"], 2400),
}
MAP_BUDGET = {"national": 1_500_000, "province": 300_000}


def ensure_synthetic() -> None:
    needed = [OUT / f"{synthetic.LONG_STEM}.parquet", OUT / f"{synthetic.LONG_STEM}.csv",
              OUT / synthetic.XLSX_LONG, OUT / "wide"]
    if all(p.exists() for p in needed):
        return
    print("generating synthetic data into bench/out/ …", flush=True)
    subprocess.run([sys.executable, str(ROOT / "bench" / "synthetic.py"), "--out", str(OUT)],
                   check=True)


def run_bench(name: str, command: list[str], limit: int) -> dict:
    script, *args = command
    path = ROOT / "bench" / script
    if not path.exists():
        return {"status": "absent"}
    log = OUT / f"{name}.log"
    print(f"running {script} (limit {limit} s) …", flush=True)
    start = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        try:
            done = subprocess.run([sys.executable, str(path), *args], stdout=out,
                                  stderr=subprocess.STDOUT, timeout=limit, cwd=ROOT,
                                  check=False)
            status = "ok" if done.returncode == 0 else f"exit {done.returncode}"
        except subprocess.TimeoutExpired:
            status = f"timed out after {limit} s"
    seconds = time.perf_counter() - start
    print(f"  {status} in {seconds:.0f} s (log: {log.relative_to(ROOT)})", flush=True)
    return {"status": status, "seconds": round(seconds, 1)}


def _ms(t: dict, key: str = "median") -> str:
    return f"{t[key] * 1000:,.0f} ms"


def _s(t: dict) -> str:
    runs = f", {t['runs']} runs" if "runs" in t else ""
    return f"{t['median']:.2f} s ({t['min']:.2f}–{t['max']:.2f}{runs})"


def _verdict(ok: bool) -> str:
    return "met" if ok else "**over**"


def _load(name: str) -> dict | None:
    path = OUT / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def table_import(data: dict) -> list[str]:
    before = "before" in data.get("trees", {})
    lines = [f"Each tree in its own processes, {data.get('rounds', 1)} round(s) in turn; medians; "
             "the ratio is the import over the bare reader of the same process." + (
                 f" *Before*: `{data['trees']['before']}`." if before else ""), "",
             "| file | import_report | bare reader | ratio | budget ≤ 2× | figures, errors |"
             + (" before: import, ratio |" if before else ""),
             "|---|---|---|---:|---|---|" + ("---|" if before else "")]
    for item in data["items"]:
        after = item["after"]
        old = item.get("before")
        lines.append(f"| {item['name']} | {after['import_median']:.2f} s "
                     f"| {after['bare_median']:.2f} s | {after['ratio']:.2f}× "
                     f"| {_verdict(after['ratio'] <= item['budget'])} "
                     f"| {after['figures']:,}, {after['errors']} |"
                     + (f" {old['import_median']:.2f} s, {old['ratio']:.2f}× |" if old else ""))
    return lines


def table_aggregations(data: dict) -> list[str]:
    lines = [f"{data['rows']:,} rows; DuckDB installed: {'yes' if data['duckdb'] else 'no'} "
             "(not compared).", "",
             "| aggregation | p8lib median (min–max) | hand-written pandas | ratio "
             "| budget ≤ 1.5× |", "|---|---|---|---:|---|"]
    for item in data["items"]:
        ours, peer = item["p8lib"], item["pandas"]
        lines.append(f"| {item['name']} | {_ms(ours)} ({_ms(ours, 'min')}–{_ms(ours, 'max')}) "
                     f"| {_ms(peer)} ({_ms(peer, 'min')}–{_ms(peer, 'max')}) "
                     f"| {item['ratio']:.2f}× | {_verdict(item['ratio'] <= item['budget'])} |")
    return lines


def table_app(data: dict) -> list[str]:
    lines = ["| data | page | first run | rerun p50 | rerun p95 (max) | budget p95 ≤ 150 ms "
             "| banner |", "|---|---|---:|---:|---:|---|---|"]
    for label, items in data.get("rerun", {}).items():
        for item in items:
            r = item["rerun"]
            budget = _verdict(r["p95"] <= 0.150) if label != "shipped" else "(peer)"
            errors = f" errors: {item['errors']}" if item["errors"] else ""
            lines.append(f"| {label} | {item['page']} | {item['cold_s']:.1f} s "
                         f"| {_ms(r, 'p50')} | {_ms(r, 'p95')} ({_ms(r, 'max')}) | {budget}"
                         f"{errors} | {'yes' if item['synthetic_banner'] else 'no'} |")
    lines += ["", "| data | RSS after every page once | peak RSS | budget ≤ 600 MB |",
              "|---|---:|---:|---|"]
    for label, item in data.get("rss", {}).items():
        if "rss_mb" not in item:
            lines.append(f"| {label} | failed | | {item.get('error', '')[-200:]!r} |")
            continue
        budget = _verdict(item["rss_mb"] <= 600) if label != "shipped" else "(peer)"
        note = f" {item['note']}" if item.get("note") else ""
        lines.append(f"| {label} | {item['rss_mb']:.0f} MB | {item['peak_mb']:.0f} MB "
                     f"| {budget}{note} |")
    lines += ["", "| data | after page | RSS | peak | page took |", "|---|---|---:|---:|---:|"]
    for label, item in data.get("rss", {}).items():
        for page, step in item.get("pages", {}).items():
            lines.append(f"| {label} | {page} | {step['rss_mb']:.0f} MB "
                         f"| {step['peak_mb']:.0f} MB | {step['seconds']:.1f} s |")
    return lines


def table_maps(data: dict) -> list[str]:
    lines = ["| deck | bytes sent | budget | build median | to_json median |",
             "|---|---:|---|---:|---:|"]
    for label, item in data.items():
        kind = "national" if label.startswith("national") else "province"
        budget = MAP_BUDGET[kind]
        lines.append(f"| {label} | {item['bytes']:,} | {_verdict(item['bytes'] <= budget)} "
                     f"(≤ {budget / 1e6:.1f} MB) | {item['build_ms']['median']:.0f} ms "
                     f"| {item['json_ms']['median']:.0f} ms |")
    return lines


def table_browser(data: dict) -> list[str]:
    """Cold start to a drawn map: the dashboard beside the bare one-deck page."""
    lines = [f"{data['runs']} runs each, alternating; {data['machine']}; load average "
             f"{', '.join(f'{x:.1f}' for x in data['load_average'])}.", "",
             "| app | to /_stcore/health | to a canvas | to a drawn map, median (min–max) |",
             "|---|---:|---:|---|"]
    for app in ("dashboard", "bare"):
        t = data[app]
        lines.append(f"| {app} | {t['healthy']['median']:.2f} s | {t['canvas']['median']:.2f} s"
                     f" | {_s(t['drawn'])} |")
    lines += ["", f"Dashboard ÷ bare page: **{data['ratio']:.2f}×** (budget ≤ "
                  f"{data['budget_ratio']}×): {_verdict(data['within_budget'])}."]
    return lines


def table_generic(data: object, prefix: str = "") -> list[str]:
    """Any JSON (the browser bench's) as a key → value table."""
    rows: list[tuple[str, str]] = []

    def walk(value: object, key: str) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{key}.{k}" if key else str(k))
        elif isinstance(value, list) and value and all(isinstance(v, int | float) for v in value):
            rows.append((key, ", ".join(f"{v:g}" for v in value)))
        else:
            rows.append((key, str(value)))

    walk(data, prefix)
    return ["| measure | value |", "|---|---|", *[f"| {k} | {v} |" for k, v in rows]]


def render(status: dict) -> str:
    parts = [f"Last run: {time.strftime('%Y-%m-%d %H:%M')} on {machine()}, load average "
             f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} at the end. "
             "Rewritten by `bench/run_all.py`: do not edit between the markers.", ""]
    sections = [("import", "Import (synthetic reports)", table_import),
                ("aggregations", "Aggregations behind the pages, 1M rows", table_aggregations),
                ("app", "The app: filter-change reruns and server memory", table_app),
                ("maps", "Map payloads", table_maps),
                ("browser", "Browser cold start", table_browser),
                ("page_speed", "In the browser: page open and filter change to fully drawn",
                 table_page_speed),
                ("load", "Many viewers: sessions held, reruns under load, replicas",
                 table_load)]
    for name, title, table in sections:
        parts.append(f"### {title}")
        parts.append("")
        data = _load(name)
        run = status.get(name, {}).get("status")
        if run and run != "ok":
            parts += [f"Last run: {run} (see `bench/out/{name}.log`).", ""]
        if data is None:
            parts += ["Not measured (no `bench/out/" + name + ".json`).", ""]
            continue
        parts += [*table(data), ""]
    parts.append("### Name matching and the 100,000-row wide CSV (`bench/bench_data.py`)")
    parts.append("")
    log = OUT / "data.log"
    table_lines = ([ln for ln in log.read_text(encoding="utf-8").splitlines()
                    if ln.startswith(("|", "machine"))] if log.exists() else [])
    parts += table_lines or ["Not measured."]
    return "\n".join(parts) + "\n"


def write_doc(text: str) -> None:
    doc = DOC.read_text(encoding="utf-8") if DOC.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    if START not in doc or END not in doc:
        doc = doc.rstrip("\n") + f"\n\n## Results\n\n{START}\n{END}\n"
    head, rest = doc.split(START, 1)
    tail = rest.split(END, 1)[1]
    DOC.write_text(f"{head}{START}\n{text}{END}{tail}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=list(BENCHES), help="run only these")
    parser.add_argument("--report-only", action="store_true",
                        help="only rewrite the docs tables from bench/out/*.json")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    status_path = OUT / "run_all.json"
    status = json.loads(status_path.read_text()) if status_path.exists() else {}
    if not args.report_only:
        ensure_synthetic()
        for name in args.only or list(BENCHES):
            script, limit = BENCHES[name]
            status[name] = run_bench(name, script, limit)
            write_json(status_path, status)
    write_doc(render(status))
    print(f"tables written to {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
