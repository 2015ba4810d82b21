"""The fixed cost of :func:`p8lib.analysis.targets.attainment`, per call, on the shipped figures
and on one indicator of the 1,000,000 SYNTHETIC figures.

Run: ``.venv/bin/python bench/bench_attainment.py [--runs 9] [--skip-1m] [--profile]``.

Prints a Markdown table: for each (figures, year, level) the median wall time
(``time.perf_counter``) and median CPU time (``time.process_time``) of ``--runs`` calls, and
how many rows the attainment has. The calls are those the app makes:

* shipped figures, ``level`` "national" and "province", for every year and for none (the
  warm-up of ``app.views.warm``: ``attainment(filtered(year=year), catalogue, level=level)``);
* shipped figures, ``level`` None (``app.views._attainment`` without filters);
* 1M synthetic figures, one indicator's 2021-unit rows filtered by year, ``level`` None
  (``app.maps._indicator_attainment``).

The shipped figures are read as the app reads them: the store's active figures (a fresh
SQLite store in a temporary folder, seeded with the shipped tables), text columns as
categoricals with Python-string categories (``app.data.categorical_text``). The synthetic
figures come from ``bench/out/synthetic_figures.parquet`` when ``bench/synthetic.py`` wrote it,
else they are made in memory (:func:`bench.synthetic.figures`) and validated the same way.
``--profile`` prints the cProfile of the shipped warm-up calls instead of timing.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import synthetic  # noqa: E402
from p8lib import store as p8store  # noqa: E402
from p8lib.analysis import is_2025, metrics, targets  # noqa: E402
from p8lib.contract import FIGURE_COLUMNS, Figure, catalogue  # noqa: E402

YEARS = [None, 2021, 2022, 2023, 2024, 2025]
LEVELS = ["national", "province"]
MAP_INDICATOR = "comm_groups"  # the indicator bench/bench_app.py maps (summable)


def categorical_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The text columns as categoricals with object (Python string) categories, as
    ``app.data.categorical_text`` makes them (the app is not imported: it needs Streamlit)."""
    text = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])
            and not isinstance(frame[c].dtype, pd.CategoricalDtype)]
    frame = frame.astype(dict.fromkeys(text, "category")) if text else frame
    out = {}
    for col in frame.columns:
        if isinstance(frame[col].dtype, pd.CategoricalDtype):
            cats = frame[col].cat.categories
            if cats.dtype != object:
                out[col] = pd.Series(pd.Categorical.from_codes(
                    frame[col].cat.codes, pd.Index(cats.to_numpy(dtype=object), dtype=object),
                    ordered=frame[col].cat.ordered), index=frame.index, name=col)
    return frame.assign(**out)


def shipped_figures() -> pd.DataFrame:
    """The store's active figures as the app holds them (a fresh store, seeded)."""
    with tempfile.TemporaryDirectory() as folder:
        opened = p8store.open_store(f"sqlite:///{folder}/p8.sqlite")
        _, figures = p8store.active_figures(opened)
        opened.engine.dispose()
    return categorical_text(figures)


def synthetic_figures() -> pd.DataFrame:
    """The 1M synthetic figures as ``app.data.read_figures`` reads them, categorical."""
    path = synthetic.OUT / f"{synthetic.LONG_STEM}.parquet"
    if path.exists():
        present = set(pd.read_parquet(path, columns=[]).columns) | set(FIGURE_COLUMNS)
        frame = pd.read_parquet(path, columns=[c for c in FIGURE_COLUMNS if c in present])
    else:
        frame = synthetic.figures()
    return categorical_text(Figure.validate(frame))


def indicator_rows(figures: pd.DataFrame, indicator: str, year: int | None) -> pd.DataFrame:
    """What ``app.maps._indicator_attainment`` hands to attainment."""
    rows = metrics.filter_figures(figures, indicator=indicator)
    rows = rows[~is_2025(rows)]
    return metrics.filter_figures(rows, year=year)


def calls(figures: pd.DataFrame, cat: pd.DataFrame, big: pd.DataFrame | None):
    """(label, year, level, function) of every call timed."""
    out = []
    for year in YEARS:
        rows = metrics.filter_figures(figures, year=year)
        for level in [*LEVELS, None]:
            out.append(("shipped", year, level,
                        lambda rows=rows, level=level: targets.attainment(rows, cat, level)))
    if big is not None:
        for year in YEARS:
            rows = indicator_rows(big, MAP_INDICATOR, year)
            out.append((f"1M, {MAP_INDICATOR}", year, None,
                        lambda rows=rows: targets.attainment(rows, cat)))
    return out


def timed(fn, runs: int) -> tuple[float, float, int]:
    """Median wall and CPU seconds of ``runs`` calls (after one untimed), and the rows."""
    rows = len(fn())
    wall, cpu = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        fn()
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return statistics.median(wall), statistics.median(cpu), rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="timed calls per case")
    parser.add_argument("--skip-1m", action="store_true", help="shipped figures only")
    parser.add_argument("--profile", action="store_true", help="cProfile the warm-up calls")
    args = parser.parse_args(argv)
    figures, cat = shipped_figures(), catalogue.indicators()
    if args.profile:
        warm = [fn for label, _, level, fn in calls(figures, cat, None) if level is not None]
        profile = cProfile.Profile()
        profile.runcall(lambda: [fn() for _ in range(5) for fn in warm])
        pstats.Stats(profile).sort_stats("cumulative").print_stats(60)
        return
    big = None if args.skip_1m else synthetic_figures()
    print(f"{len(figures)} shipped figures; "
          f"{'no' if big is None else f'{len(big):,}'} synthetic figures; "
          f"median of {args.runs} calls")
    print("| figures | year | level | rows | wall ms | CPU ms |")
    print("|---|---|---|---|---|---|")
    walls = {}
    for label, year, level, fn in calls(figures, cat, big):
        wall, cpu, rows = timed(fn, args.runs)
        walls.setdefault(label, []).append(wall)
        print(f"| {label} | {year or 'all'} | {level or 'all'} | {rows} | {wall * 1000:.1f} | "
              f"{cpu * 1000:.1f} |")
    for label, times in walls.items():
        print(f"{label}: median over cases {statistics.median(times) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
