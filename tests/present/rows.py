"""Figures at commune level and categorical frames, shared by the table and chart-frame
tests."""

from __future__ import annotations

import pandas as pd

from tests.frames import ROWS


def commune_rows(communes: dict[str, str], indicator: str = "comm_groups",
                 value: float = 2.0) -> list[dict]:
    """A yearly 2023 result of ``indicator`` for each commune code → its district code (94)."""
    return [{"province_code": "94", "district_code": district, "commune_code": commune,
             "level": "commune", "indicator_id": indicator, "measure": "actual",
             "period_start": 2023, "period_end": 2023, "value": value, "unit": "groups",
             "source_id": "s"} for commune, district in communes.items()]


# Three communes of Thạnh Trị (949), two of Sóc Trăng city (941).
COMMUNES = {"31756": "949", "31757": "949", "31759": "949", "31498": "941", "31501": "941"}
PROVINCE_ROW = {**ROWS[1], "period_start": 2023, "period_end": 2023, "value": 60.0}



def as_categorical(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its text columns as categoricals, as the app holds its figures."""
    text = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    return frame.astype(dict.fromkeys(text, "category"))
