"""Rebuild data/figures.csv and data/coverage.csv from the curated source extracts.

The curated files in data/curated/ name units as the sources write them; this script turns
names into GSO codes with the same matcher and importer users get, so no code is typed by
hand. Run: ``python scripts/build_data.py`` (exits 1, writing nothing, on any error).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from p8lib.contract import (  # noqa: E402
    CURATED,
    DATA,
    Coverage,  # noqa: E402
    catalogue,  # noqa: E402
)
from p8lib.ingest import import_report  # noqa: E402
from p8lib.present import write_csv_atomic  # noqa: E402
from p8lib.units import match_units  # noqa: E402


def build_figures() -> pd.DataFrame:
    result = import_report(CURATED / "figures_from_sources.csv")
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if not result.ok:
        raise SystemExit(1)
    return result.tidy()


def build_coverage() -> pd.DataFrame:
    raw = pd.read_csv(CURATED / "coverage_from_sources.csv", dtype=str, keep_default_na=False)
    named = raw["province"] != ""
    matched = match_units(raw[named], "province", "district", None)
    bad = matched[matched["match_status"] != "exact"]
    if len(bad):
        print(bad[["province", "district", "match_status", "match_note"]], file=sys.stderr)
        raise SystemExit(1)
    out = raw.copy()
    for col in ("province_code", "district_code"):
        out[col] = matched[col].reindex(out.index)
    out["commune_code"] = None
    out = out.replace("", None)
    columns = list(Coverage.to_schema().columns)
    return Coverage.validate(out[columns])


def main() -> None:
    figures, coverage = build_figures(), build_coverage()
    catalogue.indicators()  # the catalogue must validate too
    catalogue.sources()
    write_csv_atomic(figures, DATA / "figures.csv")
    write_csv_atomic(coverage, DATA / "coverage.csv")
    print(f"figures: {len(figures)} rows; coverage: {len(coverage)} rows")


if __name__ == "__main__":
    main()
