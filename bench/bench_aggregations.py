"""The aggregations behind the pages at 1,000,000 SYNTHETIC rows, beside the same result
written directly in pandas on the same frame.

Run: ``.venv/bin/python bench/bench_aggregations.py`` (after ``bench/synthetic.py``). Writes
``bench/out/aggregations.json``. Budget (issue #5): each p8lib function <= 1.5x its
hand-written peer. The frame is loaded as the app loads it (:func:`app.data.read_figures`:
validated, text columns as categoricals). DuckDB is not installed, so it is not compared.

Pairs (p8lib function ↔ hand-written pandas):

* attainment by content area: :func:`p8lib.analysis.targets.attainment` then
  :func:`~p8lib.analysis.targets.attainment_by_content_area` ↔ targets merged with the sum of
  their units' yearly results, percentage, mean per area (no statuses, no provenance);
* attainment by province: the same attainment, mean per province ↔ the same merge, mean per
  province;
* totals by province / by year / by 2025 province: :func:`p8lib.analysis.metrics.aggregate` ↔
  ``groupby().sum()`` of the summable indicators;
* a filter: :func:`p8lib.analysis.metrics.filter_figures` (province, year, content area) ↔ one mask.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.data import read_figures  # noqa: E402
from bench import synthetic  # noqa: E402
from bench.common import machine  # noqa: E402
from bench.scale_common import OUT, alternating, write_json  # noqa: E402
from p8lib import units  # noqa: E402
from p8lib.analysis import metrics, targets  # noqa: E402
from p8lib.contract import (  # noqa: E402
    CODE_COLUMNS,
    Figure,
    catalogue,  # noqa: E402
)

RESULT = OUT / "aggregations.json"
BUDGET_RATIO = 1.5
KEYS = [*CODE_COLUMNS, Figure.indicator_id]


def _pandas_attainment(f: pd.DataFrame, cat: pd.DataFrame) -> pd.DataFrame:
    """Attainment the direct way: each target against the sum of its unit's results inside
    its period, where units of measure agree."""
    targets = f[f[Figure.measure] == "target"]
    actuals = f[f[Figure.measure] == "actual"]
    merged = targets[[*KEYS, Figure.period_start, Figure.period_end, Figure.value,
                      Figure.unit]].merge(
        actuals[[*KEYS, Figure.period_start, Figure.period_end, Figure.value, Figure.unit]],
        on=KEYS, suffixes=("", "_a"))
    merged = merged[(merged["period_start_a"] >= merged[Figure.period_start])
                    & (merged["period_end_a"] <= merged[Figure.period_end])
                    & (merged["unit_a"] == merged[Figure.unit])]
    summed = merged.groupby([*KEYS, Figure.period_start, Figure.period_end],
                            observed=True).agg(target=(Figure.value, "first"),
                                               actual=("value_a", "sum")).reset_index()
    summable = cat.loc[cat["aggregation"] == "sum", Figure.indicator_id]
    summed = summed[summed[Figure.indicator_id].isin(list(summable))]
    summed["pct"] = 100 * summed["actual"] / summed["target"]
    summed["content_area"] = summed[Figure.indicator_id].map(
        cat.set_index(Figure.indicator_id)["content_area"])
    return summed


def _metrics_by(f, cat, column: str) -> pd.DataFrame:
    attain = targets.attainment(f, cat)
    if column == "content_area":
        return targets.attainment_by_content_area(attain, level="commune")
    rows = attain[attain["attainment_pct"].notna()]
    return rows.groupby(column, observed=True)["attainment_pct"].mean()


def _pandas_by(f, cat, column: str) -> pd.DataFrame:
    return _pandas_attainment(f, cat).groupby(column, observed=True)["pct"].agg(
        ["mean", "count"])


def _pandas_sum(f, cat, by: list[str], new: bool = False) -> pd.DataFrame:
    summable = cat.loc[cat["aggregation"] == "sum", Figure.indicator_id]
    rows = f[f[Figure.indicator_id].isin(list(summable))]
    if new:
        rows = rows.assign(province_code=units.to_new_province(rows[Figure.province_code]))
    return rows.groupby(by, observed=True)[Figure.value].sum().reset_index()


def _pandas_filter(f, cat, province: str, year: int, area: int) -> pd.DataFrame:
    ids = cat.loc[cat["content_area"] == area, Figure.indicator_id]
    return f[(f[Figure.province_code] == province) & (f[Figure.period_start] <= year)
             & (f[Figure.period_end] >= year) & f[Figure.indicator_id].isin(list(ids))]


def main() -> None:
    path = OUT / f"{synthetic.LONG_STEM}.parquet"
    if not path.exists():
        sys.exit(f"missing {path}: run bench/synthetic.py first")
    f = read_figures(path)
    cat = catalogue.indicators()
    by_measure = [Figure.indicator_id, Figure.measure]
    pairs = [
        ("attainment by content area",
         lambda: _metrics_by(f, cat, "content_area"), lambda: _pandas_by(f, cat, "content_area")),
        ("attainment by province",
         lambda: _metrics_by(f, cat, Figure.province_code),
         lambda: _pandas_by(f, cat, Figure.province_code)),
        ("totals by province (aggregate)",
         lambda: metrics.aggregate(f, cat, [Figure.province_code, *by_measure]),
         lambda: _pandas_sum(f, cat, [Figure.province_code, *by_measure])),
        ("totals by year (aggregate)",
         lambda: metrics.aggregate(f, cat, [Figure.period_start, *by_measure]),
         lambda: _pandas_sum(f, cat, [Figure.period_start, *by_measure])),
        ("totals by 2025 province (aggregate)",
         lambda: metrics.aggregate(f, cat, [Figure.province_code, *by_measure], units.NEW),
         lambda: _pandas_sum(f, cat, [Figure.province_code, *by_measure], new=True)),
        ("filter: province + year + content area",
         lambda: metrics.filter_figures(f, province="11", year=2023, content_area=1,
                                        catalogue=cat),
         lambda: _pandas_filter(f, cat, "11", 2023, 1)),
    ]
    results = {"machine": machine(), "rows": len(f),
               "duckdb": importlib.util.find_spec("duckdb") is not None, "items": []}
    for name, ours, peer in pairs:
        ours(), peer()  # warm caches (unit tables, crosswalks) outside the timing
        mine, theirs = alternating(ours, peer, runs=7)
        results["items"].append({"name": name, "p8lib": mine, "pandas": theirs,
                                 "ratio": mine["median"] / theirs["median"],
                                 "budget": BUDGET_RATIO})
        write_json(RESULT, results)
        print(f"{name}: p8lib {mine['median'] * 1000:.0f} ms, pandas "
              f"{theirs['median'] * 1000:.0f} ms ({mine['median'] / theirs['median']:.2f}x)",
              flush=True)


if __name__ == "__main__":
    main()
