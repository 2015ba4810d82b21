"""Report templates, read back by the importer."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from p8lib.contract.schema import FIGURE_COLUMNS
from p8lib.ingest.importer import ImportOptions, import_report
from p8lib.present import uploads


def test_long_template_is_read_back_by_the_importer():
    long = uploads.template_long()
    assert long.columns.tolist() == FIGURE_COLUMNS
    result = import_report("template.csv", data=long.to_csv(index=False).encode())
    assert result.ok, result.problems
    assert result.tidy()["indicator_id"].tolist() == ["comm_groups"]


@pytest.mark.parametrize(("lang", "heads"), [
    ("vi", ["STT", "Tỉnh", "Huyện", "Xã", "Năm", "Tổ truyền thông cộng đồng"]),
    ("en", ["No", "Province", "District", "Commune", "Year", "Community communication groups"]),
])
def test_wide_template_is_read_back_by_the_importer(indicator_catalogue, lang, heads):
    wide = uploads.template_wide(indicator_catalogue, lang)
    assert wide.columns.tolist()[:6] == heads
    assert len(wide.columns) == 5 + len(indicator_catalogue)
    filled = pd.concat([wide, pd.DataFrame([{heads[0]: 1, heads[1]: "Sóc Trăng", heads[4]: 2024,
                                             heads[5]: 3}])])
    buffer = io.StringIO()
    filled.to_csv(buffer, index=False)
    result = import_report("wide.csv", ImportOptions(source_id="t"),
                           data=buffer.getvalue().encode())
    assert result.ok, [str(p) for p in result.problems]
    assert result.tidy()[["province_code", "indicator_id", "value"]].values.tolist() == [
        ["94", "comm_groups", 3.0]]
