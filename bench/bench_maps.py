"""Payload size and build time of the map decks (not a test: numbers to write down).

Run: ``python bench/bench_maps.py``. Budgets (geo/README.md): national deck <= 1.5 MB,
province deck <= 300 KB, building a deck from cached frames <= 50 ms.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from p8lib import geo, maps  # noqa: E402

RUNS = 7


def _median_ms(build) -> tuple[float, float, int]:
    """Median build time, median build+to_json time (ms) and payload bytes."""
    builds, totals, size = [], [], 0
    for _ in range(RUNS):
        t0 = time.perf_counter()
        spec = build()
        t1 = time.perf_counter()
        size = len(spec.deck.to_json().encode("utf-8"))
        t2 = time.perf_counter()
        builds.append((t1 - t0) * 1000)
        totals.append((t2 - t0) * 1000)
    return statistics.median(builds), statistics.median(totals), size


def main() -> None:
    """Print one row per deck: bytes, build ms, build + serialise ms."""
    provinces = geo.load_boundaries("province", "2021")
    districts = geo.load_boundaries("district", "2021")
    communes = geo.load_boundaries("commune", "2021")
    points = geo.commune_points("2021")
    values = pd.Series(np.linspace(0, 120, len(provinces)), index=provinces["code"])
    roles = pd.Series("implementing", index=points["commune_code"][::3])
    busiest = communes["province_code"].value_counts().idxmax()

    def national():
        return maps.province_map(provinces, values, pilot_codes=provinces["code"][:8],
                                 districts=districts.iloc[:60], points=points, point_roles=roles)

    def province(code=busiest):
        return maps.province_detail_map(
            provinces[provinces["code"] == code], communes[communes["province_code"] == code],
            points[points["province_code"] == code],
            districts=districts[districts["province_code"] == code].iloc[:4], point_roles=roles)

    print(f"{'deck':<32}{'bytes':>12}{'build ms':>10}{'+json ms':>10}")
    rows = [("national (63 prov + all points)", national),
            (f"province {busiest} (most communes)", province),
            ("province 12 (Lai Châu)", lambda: province("12"))]
    for name, build in rows:
        build_ms, total_ms, size = _median_ms(build)
        print(f"{name:<32}{size:>12,}{build_ms:>10.1f}{total_ms:>10.1f}")


if __name__ == "__main__":
    main()
