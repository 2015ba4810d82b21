"""A user's own reports: blank templates to fill in.

The templates are read back by :func:`p8lib.ingest.importer.import_report` (long layout: the data
contract's columns; wide layout: one column per indicator, as provincial reports are kept).
"""

from __future__ import annotations

import pandas as pd

from p8lib.analysis import indicator_options
from p8lib.contract import FIGURE_COLUMNS, Figure
from p8lib.present.labels import indicator_label


def template_long() -> pd.DataFrame:
    """An empty report in the long layout (the data contract's columns, one example row)."""
    example = {Figure.province_code: "94", Figure.district_code: "", Figure.commune_code: "",
               Figure.level: "province", Figure.indicator_id: "comm_groups",
               Figure.measure: "actual", Figure.period_start: 2024, Figure.period_end: 2024,
               Figure.value: 0, Figure.unit: "groups", Figure.source_id: "my_report_2024",
               Figure.quote: "", Figure.note: "example row: replace or delete"}
    return pd.DataFrame([example], columns=FIGURE_COLUMNS)


def template_wide(catalogue: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """An empty report in the wide layout: STT, Tỉnh, Huyện, Xã, Năm, one column per indicator.

    Indicator columns are headed by the catalogue names in ``lang`` (the importer reads both).
    """
    names = [indicator_label(catalogue, i, lang) for i in indicator_options(catalogue)]
    heads = ["STT", "Tỉnh", "Huyện", "Xã", "Năm"] if lang == "vi" else [
        "No", "Province", "District", "Commune", "Year"]
    return pd.DataFrame(columns=heads + names)
