"""Benchmarks of the data foundation (issue: matching and import budgets).

Run: ``.venv/bin/python bench/bench_data.py`` — prints a Markdown table. Synthetic inputs
(made here, labelled synthetic, never shipped as real data):

* 10,000 commune names: every 2021 commune, as "Xã …" / district / province names with
  diacritics stripped from every third row and a typo in every tenth;
* a 100,000-row wide CSV: (province, district, commune) rows cycled over all communes with
  6 indicator columns of random counts.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import machine, row, timed  # noqa: E402
from p8lib import units  # noqa: E402
from p8lib.ingest import ImportOptions, import_report  # noqa: E402
from p8lib.units import (
    matching,  # noqa: E402
    strip_marks,  # noqa: E402
)

INDICATORS = ["Tổ truyền thông cộng đồng", "Địa chỉ tin cậy", "Tổ tiết kiệm và vay vốn",
              "Câu lạc bộ Thủ lĩnh của sự thay đổi", "Đối thoại chính sách",
              "Cán bộ nữ DTTS được nâng cao năng lực"]


def names_10k(seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    communes = units.communes("2021").merge(
        units.districts()[["district_code", "name_vi"]].rename(columns={"name_vi": "district"}),
        on="district_code").merge(
        units.provinces("2021")[["province_code", "name_vi"]].rename(
            columns={"name_vi": "province"}), on="province_code")
    frame = communes[["province", "district", "name_vi"]].rename(columns={"name_vi": "commune"})
    frame = frame.sample(10_000, random_state=seed).reset_index(drop=True)
    plain = frame.index % 3 == 0
    frame.loc[plain, "commune"] = frame.loc[plain, "commune"].map(strip_marks)
    typo = frame.index % 10 == 0
    frame.loc[typo, "commune"] = [c[:-1] + rng.choice(list("aeiou")) for c in
                                  frame.loc[typo, "commune"]]
    return frame


def wide_csv(rows: int = 100_000, seed: int = 2) -> bytes:
    """A wide report as a province federation would send it, ``rows`` data rows.

    Each of the 10,000 names above appears once per year (2021–2025) and measure (target,
    actual), so the file holds no duplicate figure; 6 indicator columns of random counts.
    """
    rng = np.random.default_rng(seed)
    distinct = names_10k(seed)
    position = np.arange(rows)
    names = distinct.loc[position % len(distinct)].reset_index(drop=True)
    cycle = position // len(distinct)
    frame = pd.DataFrame({"STT": position + 1, "Tỉnh": names["province"],
                          "Huyện": names["district"], "Xã": names["commune"],
                          "Năm": 2021 + cycle % 5,
                          "Loại số liệu": np.where(cycle // 5 % 2, "Thực hiện", "Chỉ tiêu")})
    for header in INDICATORS:
        frame[header] = rng.integers(0, 50, rows)
    text = "SYNTHETIC BENCHMARK DATA — NOT REAL\n" + frame.to_csv(index=False)
    return text.encode("utf-8")


def main() -> None:
    print(f"machine: {machine()}\n")
    print("| what | median | min–max | note |\n|---|---|---|---|")
    names = names_10k()
    matching._index.cache_clear()
    cold = timed(lambda: (matching._index.cache_clear(),
                          matching.match_units(names))[1], runs=3)
    warm = timed(lambda: matching.match_units(names), runs=5)
    statuses = matching.match_units(names)["match_status"].value_counts().to_dict()
    print(row("match 10,000 commune names, cold (index built)", cold, "budget < 2 s"))
    print(row("match 10,000 commune names, warm", warm, str(statuses)))
    data = wide_csv()
    bare = timed(lambda: pd.read_csv(io.BytesIO(data), skiprows=1), runs=5)
    options = ImportOptions(source_id="synthetic")
    imp = timed(lambda: import_report("synthetic.csv", options, data=data), runs=5)
    result = import_report("synthetic.csv", options, data=data)
    tidy = timed(result.tidy, runs=5)
    print(row("pandas.read_csv, 100,000-row wide CSV", bare, f"{len(data) / 1e6:.1f} MB"))
    print(row("import_report, same file", imp,
              f"{imp['median'] / bare['median']:.1f}× read_csv (budget ≤ 3×); "
              f"{len(result.figures):,} figures, {len(result.problems)} problems"))
    print(row("ImportResult.tidy() of it (plain text, cell quotes)", tidy,
              "paid by callers that want the data contract's table"))
    floor = bare["median"] + warm["median"]
    print(row("floor: read_csv + matching its 10,000 distinct names", {
        "median": floor, "min": bare["min"] + warm["min"], "max": bare["max"] + warm["max"]},
        f"{floor / bare['median']:.1f}× read_csv before any figure is made"))


if __name__ == "__main__":
    main()
