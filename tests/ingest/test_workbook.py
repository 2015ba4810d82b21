"""What a workbook's zip and sheet XML say of it, read before the Excel reader runs."""

from __future__ import annotations

import pytest

from p8lib.ingest.limits import DEFAULT_LIMITS, Limits
from p8lib.ingest.problems import ReportError
from p8lib.ingest.workbook import scan_workbook
from tests.hostile_files import sheet_xml, workbook


def test_a_sheet_is_described_with_its_state():
    data = workbook([("Báo cáo", sheet_xml([["x"]])), ("Ẩn", sheet_xml([["y"]]))],
                    states={"Ẩn": "hidden"})
    scans = scan_workbook(data, "r.xlsx", DEFAULT_LIMITS)
    assert [(s.name, s.state, s.rows, s.columns) for s in scans] == [
        ("Báo cáo", "visible", 1, 1), ("Ẩn", "hidden", 1, 1)]


@pytest.mark.parametrize(("limits", "key"), [
    (Limits(sheets=1), "limit_sheets"),
    (Limits(rows=2), "limit_rows"),
    (Limits(columns=2), "limit_columns"),
    (Limits(sheet_cells=5), "limit_sheet_cells"),
    (Limits(workbook_cells=8), "limit_workbook_cells"),
    (Limits(unzipped_bytes=500), "limit_unzipped_bytes"),
    (Limits(zip_parts=3), "limit_zip_parts"),
])
def test_each_limit_refuses_before_parsing(limits, key):
    data = workbook([("A", sheet_xml([["1", "2", "3"]] * 2)), ("B", sheet_xml([["1"]] * 3))])
    with pytest.raises(ReportError) as info:
        scan_workbook(data, "r.xlsx", limits)
    assert info.value.problem.key == key
