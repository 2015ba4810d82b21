"""Figures and a catalogue built for the analysis tests."""

from __future__ import annotations

import pandas as pd

from p8lib.contract.schema import FIGURE_COLUMNS

CATALOGUE = pd.DataFrame({
    "indicator_id": ["groups", "share"],
    "content_area": pd.array([1, 2], dtype="Int64"),
    "unit": ["groups", "percent"],
    "aggregation": ["sum", "none"],
})


TEXT_COLUMNS = ["province_code", "district_code", "commune_code", "level", "indicator_id",
                "measure", "unit", "source_id", "quote", "note"]


def figures(*rows):
    """Rows of (province, indicator, measure, start, end, value, unit)."""
    records = []
    for province, indicator, measure, start, end, value, unit in rows:
        records.append({"province_code": province, "district_code": None,
                        "commune_code": None, "level": "province" if province else "national",
                        "indicator_id": indicator, "measure": measure, "period_start": start,
                        "period_end": end, "value": float(value), "unit": unit,
                        "source_id": "s", "quote": "q", "note": None})
    return pd.DataFrame(records, columns=FIGURE_COLUMNS)
