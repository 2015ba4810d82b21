"""Hostile files (issue #11): how long each file of the corpus takes to be answered, and the
memory it takes; the national-volume CSV beside pandas; what the import worker costs.

Run: ``.venv/bin/python bench/bench_hostile.py`` (about 5 minutes on 2 cores); writes
``bench/out/hostile.json`` and prints Markdown tables. Method:

* **each corpus file** (``tests/hostile_files.py``) in a fresh Python process: the library is
  imported and the shipped tables and the name index loaded first, then ``import_report``
  runs once, timed; the peak resident memory of that process (``VmHWM``) is read before and
  after, so "peak" is the whole process and "added" what the file added to it. Budget:
  ≤ 5 s and ≤ 500 MB peak.
* **the national volume** — a SYNTHETIC long CSV of 2,400,000 rows (~200 MB; codes cycled
  over every 2021 commune, 32 indicators, 2 measures, 5 years; never shipped) — imported by
  ``import_report`` and read by ``pandas.read_csv(dtype=str)``, each in its own fresh process
  (time and memory added above the same baseline). Budget: ≤ 2× its time, ≤ 3× its memory.
* **the worker** (``p8lib.ingest.worker``): the fork server's start with its preload, an empty
  child's round trip, a small report in the process and through the worker, and the time a
  page's work (a groupby over the shipped figures, 40 times) takes while a 100,000-row wide
  CSV is imported in a thread of the same process, and while it is imported in the worker.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine  # noqa: E402
from bench.scale_common import OUT, write_json  # noqa: E402

RESULT = OUT / "hostile.json"
NATIONAL = OUT / "synthetic_national_long_2400k.csv"
OPTIONS = {"period": (2023, 2023), "source_id": "synthetic"}


def _peak_mib() -> float:
    """This process's peak resident memory (VmHWM), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _warm() -> None:
    from p8lib.ingest import worker  # noqa: PLC0415

    worker.load_tables()


def _one(name: str) -> dict:
    """In a fresh process: one corpus file's import, timed, with the memory it took."""
    from p8lib.ingest import ImportOptions, import_report  # noqa: PLC0415
    from tests.hostile_files import corpus  # noqa: PLC0415

    hostile = next(h for h in corpus() if h.name == name)
    _warm()
    base = _peak_mib()
    start = time.perf_counter()
    result = import_report(name, ImportOptions(**OPTIONS), data=hostile.data)
    seconds = time.perf_counter() - start
    peak = _peak_mib()
    return {"name": name, "bytes": len(hostile.data), "seconds": seconds, "peak_mib": peak,
            "added_mib": peak - base, "figures": len(result.figures),
            "errors": sorted({p.key for p in result.problems if p.severity == "error"})}


def _national(kind: str) -> dict:
    """In a fresh process: the national CSV imported, or read by pandas."""
    from p8lib.ingest import ImportOptions, import_report  # noqa: PLC0415

    _warm()
    base = _peak_mib()
    start = time.perf_counter()
    if kind == "import":
        result = import_report(NATIONAL, ImportOptions(source_id="synthetic"))
        extra = {"figures": len(result.figures), "ok": result.ok,
                 "errors": sorted({p.key for p in result.problems if p.severity == "error"})}
    else:
        frame = pd.read_csv(NATIONAL, dtype=str, keep_default_na=False)
        extra = {"rows": len(frame)}
    seconds = time.perf_counter() - start
    return {"kind": kind, "seconds": seconds, "added_mib": _peak_mib() - base, **extra}


def national_csv(rows: int = 2_400_000) -> Path:
    """Write the SYNTHETIC national long CSV (once; git-ignored under bench/out)."""
    if NATIONAL.exists():
        return NATIONAL
    from p8lib import units  # noqa: PLC0415
    from p8lib.contract import catalogue  # noqa: PLC0415

    communes = units.communes("2021")[["province_code", "district_code", "commune_code"]]
    indicators = catalogue.indicators()[["indicator_id", "unit"]]
    position = np.arange(rows)
    place = communes.iloc[position % len(communes)].reset_index(drop=True)
    rest = position // len(communes)
    indicator = indicators.iloc[rest % len(indicators)].reset_index(drop=True)
    rest //= len(indicators)
    year = 2021 + rest % 5
    frame = pd.concat([place, indicator], axis=1).assign(
        measure=np.where(rest // 5 % 2, "target", "actual"), period_start=year, period_end=year,
        value=np.random.default_rng(11).integers(0, 100, rows), source_id="synthetic")
    frame = frame[["province_code", "district_code", "commune_code", "indicator_id", "measure",
                   "period_start", "period_end", "value", "unit", "source_id"]]
    NATIONAL.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(NATIONAL, index=False)
    return NATIONAL


def _fresh(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=900)
    if done.returncode:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def _page_work(figures: pd.DataFrame, runs: int = 40) -> list[float]:
    """What a page does per rerun, roughly: filter and group the figures."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        figures[figures["measure"] == "actual"].groupby(["indicator_id", "period_start"])[
            "value"].sum()
        times.append(time.perf_counter() - start)
    return times


def worker_costs() -> dict:
    """The worker's start, a child's round trip, and another page's work during an import."""
    from bench.bench_data import wide_csv  # noqa: PLC0415
    from p8lib.contract import catalogue  # noqa: PLC0415
    from p8lib.ingest import ImportOptions, import_in_worker, import_report, worker  # noqa: PLC0415
    from tests.reports import wide_xlsx  # noqa: PLC0415

    start = time.perf_counter()
    worker.warm()
    out = {"fork_server_start_s": time.perf_counter() - start}
    rounds = []
    for _ in range(10):
        start = time.perf_counter()
        worker.warm()
        rounds.append(time.perf_counter() - start)
    out["empty_child_s"] = statistics.median(rounds)
    small = wide_xlsx()
    options = ImportOptions(period=(2023, 2023), source_id="st")
    _warm()
    for label, run in (("small_in_process_s", lambda: import_report("r.xlsx", options, data=small)),
                       ("small_in_worker_s", lambda: import_in_worker("r.xlsx", small, options))):
        times = []
        for _ in range(5):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        out[label] = statistics.median(times)
    figures = pd.concat([catalogue.figures()] * 2000, ignore_index=True)  # 122,000 rows
    big = wide_csv()
    bulk = ImportOptions(source_id="synthetic")
    out["page_work_idle_ms"] = _ms(_page_work(figures))
    for label, target in (("page_work_import_in_thread_ms",
                           lambda: import_report("synthetic.csv", bulk, data=big)),
                          ("page_work_import_in_worker_ms",
                           lambda: import_in_worker("synthetic.csv", big, bulk))):
        thread = threading.Thread(target=target)
        thread.start()
        time.sleep(0.3)  # the import under way
        out[label] = _ms(_page_work(figures))
        thread.join()
    return out


def _ms(times: list[float]) -> dict[str, float]:
    return {"p50": statistics.median(times) * 1000, "max": max(times) * 1000}


def main() -> None:
    from tests.hostile_files import corpus  # noqa: PLC0415

    results: dict = {"machine": machine(), "files": []}
    for hostile in corpus():
        item = _fresh("--one", hostile.name)
        results["files"].append(item)
        write_json(RESULT, results)
        print(f"{item['name']}: {item['seconds']:.2f} s, peak {item['peak_mib']:.0f} MiB "
              f"(+{item['added_mib']:.0f})", flush=True)
    national_csv()
    results["national"] = {"bytes": NATIONAL.stat().st_size,
                           "import": _fresh("--national", "import"),
                           "read_csv": _fresh("--national", "read_csv")}
    write_json(RESULT, results)
    print(json.dumps(results["national"], indent=1), flush=True)
    results["worker"] = worker_costs()
    write_json(RESULT, results)
    print(json.dumps(results["worker"], indent=1))
    print(report(results))


def report(results: dict) -> str:
    """The Markdown tables of a run."""
    lines = ["| file | bytes | answered in | peak RSS (added) | budget ≤ 5 s, ≤ 500 MB | answer |",
             "|---|---:|---:|---:|---|---|"]
    for item in results["files"]:
        met = item["seconds"] <= 5 and item["peak_mib"] <= 500
        answer = ", ".join(item["errors"]) or f"{item['figures']} figures"
        lines.append(f"| {item['name']} | {item['bytes']:,} | {item['seconds']:.2f} s | "
                     f"{item['peak_mib']:.0f} MiB (+{item['added_mib']:.0f}) | "
                     f"{'met' if met else 'NOT MET'} | {answer} |")
    national = results.get("national")
    if national:
        imp, bare = national["import"], national["read_csv"]
        lines += ["", "| national long CSV | time | memory added | figures |",
                  "|---|---:|---:|---|",
                  f"| import_report | {imp['seconds']:.1f} s | {imp['added_mib']:.0f} MiB | "
                  f"{imp.get('figures', 0):,} |",
                  f"| pandas.read_csv(dtype=str) | {bare['seconds']:.1f} s | "
                  f"{bare['added_mib']:.0f} MiB | {bare.get('rows', 0):,} rows |",
                  f"| ratio (budget ≤ 2× time, ≤ 3× memory) | "
                  f"{imp['seconds'] / bare['seconds']:.2f}× | "
                  f"{imp['added_mib'] / bare['added_mib']:.2f}× | |"]
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--one")
    parser.add_argument("--national", choices=("import", "read_csv"))
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_one(args.one)))
    elif args.national:
        print(json.dumps(_national(args.national)))
    else:
        main()
