"""Payload size and build time of the map decks (issue #3; numbers to write down, not a test).

Run: ``.venv/bin/python bench/bench_maps.py [--runs N]``. Prints a Markdown table and writes
``bench/out/maps.json`` (deck name -> bytes, build_ms / json_ms median, min, max).

Budgets: national deck <= 1.5 MB, province drill-down <= 300 KB, building a deck from cached
frames <= 50 ms. The coverage page's decks are measured at their heaviest: every unit coloured
and with every tooltip line the page writes (a value, a target and result, a source, a note),
the pilot outline, and in a drill-down the district lines.

"bytes" is the length of the exact string the page sends: each deck is also
rendered once with the page's map element (``app.deck_map.deck_map``) in an ``AppTest``, and
the deck in the element's data must equal ``deck.to_json()``. "build" is the map builder with
frames loaded once, as the app's cache holds them (a drill-down also selects its province's
rows from the national frames, as a page would); "json" is ``deck.to_json()`` made anew,
which Streamlit runs on every rerun (a deck keeps its JSON once made: that is paid once per
deck built).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine, timed  # noqa: E402
from p8lib import maps  # noqa: E402
from p8lib.maps import deck_payload, geo, map_text, map_values  # noqa: E402

OUT = ROOT / "bench" / "out" / "maps.json"
KB = 1000
BUDGET_BYTES = {"national": 1_500 * KB, "province": 300 * KB}
BUDGET_BUILD_MS = 50.0


def _render(deck) -> None:
    from app import deck_map  # noqa: PLC0415 - only inside the AppTest script

    deck_map.deck_map(deck, "map", "view", 620, "map", "en")


def sent_bytes(deck) -> int:
    """Bytes of the deck JSON as the page's map element puts it in its protobuf message."""
    from streamlit.testing.v1 import AppTest  # noqa: PLC0415

    at = AppTest.from_function(_render, args=(deck,)).run(timeout=60)
    (element,) = at.get("bidi_component")
    sent = json.loads(element.proto.json)["deck"]
    if sent != deck.to_json():
        raise RuntimeError("the map element did not send deck.to_json(): measure what it sends")
    return len(sent.encode("utf-8"))


def _fresh_json(deck) -> str:
    """``deck.to_json()`` made anew (a deck keeps its JSON once made)."""
    deck_payload._SERIALISED.pop(deck, None)
    return deck.to_json()


def _full_lines(codes: pd.Series, level: str = "province") -> pd.DataFrame:
    """Tooltip lines as the coverage page writes them (:func:`p8lib.maps.map_text.
    tooltip_lines`, in Vietnamese, whose letters take more bytes) for every unit having a
    target, a result for two of five years and a source; provinces also a result summed from
    42 communes. The page writes lines only for units with figures: this is its heaviest case.
    """
    table = map_values._table(pd.DataFrame({
        "code": codes.to_numpy(), "province_code": "38", "value": 61.0, "actual": 72.0,
        "target": 118.0, "unit": "groups", "target_period": "2021–2025",
        "years_reported": "2023, 2024", "sources": "baothanhhoa_2026_2030", "status": "partial",
        "rolled_up_units": 42 if level == "province" else 0,
        "rolled_up_from": "commune" if level == "province" else ""}))
    return map_text.tooltip_lines(table, "attainment", "vi", unit="tổ",
                                  sources={"baothanhhoa_2026_2030": "Báo Thanh Hóa"},
                                  names_2021={}, level=level)


def decks() -> dict[str, tuple[str, Callable[[], maps.MapSpec]]]:
    """Deck name -> (budget kind, builder), over frames loaded once."""
    provinces = geo.load_boundaries("province", "2021")
    districts = geo.load_boundaries("district", "2021")
    communes = geo.load_boundaries("commune", "2021")
    points = geo.commune_points("2021")
    provinces25 = geo.load_boundaries("province", "2025")
    communes25 = geo.load_boundaries("commune", "2025")
    values = pd.Series(np.linspace(0, 120, len(provinces)), index=provinces["code"])
    roles = pd.Series("implementing", index=points["commune_code"][::3])

    def heaviest(frame: gpd.GeoDataFrame) -> str:
        """Province whose communes have the most vertices (the largest drill-down)."""
        counts = pd.Series(shapely.get_num_coordinates(frame.geometry.to_numpy()),
                           index=frame.index).groupby(frame["province_code"]).sum()
        return str(counts.idxmax())

    most_communes = str(communes["province_code"].value_counts().idxmax())
    most_vertices = heaviest(communes)
    most_vertices25 = heaviest(communes25)

    def national():
        return maps.province_map(provinces, values, pilot_codes=provinces["code"][:8],
                                 districts=districts.iloc[:60], points=points, point_roles=roles)

    pilots = provinces["code"][:8]

    lines = _full_lines(provinces["code"])
    lines25 = _full_lines(provinces25["code"])

    def coverage_page():  # what pages/coverage_map.py draws, every province with a value
        return maps.province_map(provinces, values, kind="attainment", pilot_codes=pilots,
                                 tooltip=lines)

    values25 = pd.Series(np.linspace(0, 30, len(provinces25)), index=provinces25["code"])

    def coverage_page25():
        return maps.province_map(provinces25, values25, kind="count", tooltip=lines25,
                                 pilot_outline=provinces[provinces["code"].isin(pilots)])

    def province(code: str):
        units = communes[communes["province_code"] == code]
        tips = _full_lines(units["code"], "commune")  # the page caches them with its table
        return lambda: maps.province_detail_map(
            provinces[provinces["code"] == code], units,
            pd.Series(np.linspace(0, 120, len(units)), index=units["code"]), tooltip=tips,
            district_lines=districts[districts["province_code"] == code])

    def province25(code: str):
        units = communes25[communes25["province_code"] == code]
        tips = _full_lines(units["code"], "commune")
        return lambda: maps.province_detail_map(
            provinces25[provinces25["code"] == code], units,
            pd.Series(np.linspace(0, 30, len(units)), index=units["code"]), kind="count",
            tooltip=tips,
            pilot_outline=provinces[provinces["code"].isin(pilots)].iloc[:1])

    def name(code: str, frame) -> str:
        return frame.loc[frame["code"] == code, "name_en"].iloc[0]

    return {
        "national 2021: 63 provinces + 10,035 points + 8 pilots + 60 districts":
            ("national", national),
        "national 2021: coverage page (63 provinces, all lines, 8 pilots)":
            ("national", coverage_page),
        "national 2025: coverage page (34 provinces, all lines, 2021 pilots)":
            ("national", coverage_page25),
        f"province {most_communes} {name(most_communes, provinces)} (most communes)":
            ("province", province(most_communes)),
        f"province {most_vertices} {name(most_vertices, provinces)} (most vertices)":
            ("province", province(most_vertices)),
        "province 12 Lai Chau": ("province", province("12")),
        "province 22 Quang Ninh (districts derived)": ("province", province("22")),
        "province 38 Thanh Hoa": ("province", province("38")),
        "province 56 Khanh Hoa (with Truong Sa)": ("province", province("56")),
        "province 62 Kon Tum": ("province", province("62")),
        f"province {most_vertices25} {name(most_vertices25, provinces25)} (2025, most vertices)":
            ("province", province25(most_vertices25)),
    }


def main() -> None:
    """Measure every deck ``--runs`` times; print a Markdown table; write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs per deck (>= 7)")
    runs = max(parser.parse_args().runs, 7)
    results: dict[str, dict] = {}
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Map decks, {runs} runs each, {machine()}, load average {load}\n")
    print("| deck | bytes sent | budget | build ms median (min–max) "
          "| to_json ms median (min–max) |")
    print("|---|---:|---|---|---|")
    for label, (kind, build) in decks().items():
        build()  # warm-up: imports, first-call caches
        build_t = timed(build, runs)
        spec = build()
        json_t = timed(lambda deck=spec.deck: _fresh_json(deck), runs)
        size = sent_bytes(spec.deck)
        ms = {key: {stat: round(t[stat] * 1000, 2) for stat in ("median", "min", "max")}
              for key, t in (("build_ms", build_t), ("json_ms", json_t))}
        results[label] = {"bytes": size, **ms, "runs": runs}
        within = size <= BUDGET_BYTES[kind] and ms["build_ms"]["median"] <= BUDGET_BUILD_MS
        print(f"| {label} | {size:,} | {'met' if within else 'OVER'} "
              f"(≤ {BUDGET_BYTES[kind] // KB:,} KB, ≤ {BUDGET_BUILD_MS:.0f} ms) "
              f"| {ms['build_ms']['median']:.1f} ({ms['build_ms']['min']:.1f}–"
              f"{ms['build_ms']['max']:.1f}) | {ms['json_ms']['median']:.1f} "
              f"({ms['json_ms']['min']:.1f}–{ms['json_ms']['max']:.1f}) |")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwritten: {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
