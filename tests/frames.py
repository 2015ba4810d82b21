"""Tiny figure frames built by hand, shared by the tests of the page-helper modules."""

from __future__ import annotations

import pandas as pd

from p8lib.contract.schema import FIGURE_COLUMNS

# A national phase target, a provincial yearly result (Sóc Trăng) and a district result over
# three years (Thạnh Trị) of a cross-cutting indicator.
ROWS = [
    {"level": "national", "indicator_id": "comm_groups", "measure": "target",
     "period_start": 2021, "period_end": 2025, "value": 9000.0, "unit": "groups",
     "source_id": "s1"},
    {"province_code": "94", "level": "province", "indicator_id": "comm_groups",
     "measure": "actual", "period_start": 2023, "period_end": 2023, "value": 60.0,
     "unit": "groups", "source_id": "s2", "quote": "60 groups"},
    {"province_code": "94", "district_code": "949", "level": "district",
     "indicator_id": "budget_total", "measure": "actual", "period_start": 2022,
     "period_end": 2024, "value": 1.5, "unit": "VND billion", "source_id": "s2"},
]


def figures(rows: list[dict]) -> pd.DataFrame:
    """A figures frame in the data contract's columns; what a row leaves out is missing."""
    base = {c: None for c in FIGURE_COLUMNS}
    return pd.DataFrame([{**base, **r} for r in rows], columns=FIGURE_COLUMNS)
